"""The grader: every hostile submission gets a row with a reason; the originals stay untouched.

tests/fixtures/submissions holds tiny hand-made chapter-04 submissions (each a few cells: an
infinite loop, sys.exit, os._exit, a killed kernel, a cheat, a flood of output, a vandal, ...).
Realistic ones are made here at test time from chapter 04's student edition.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import time
from copy import deepcopy
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

from tools import grade
from tools.grade import check_items, load_code_cells, main, resolve_chapter
from tools.run_isolated import run_isolated
from tools.student_edition import exercise_cells, solved_notebook, student_notebook

# About 50 s, much of it waiting on kernels and timeouts: starts early (see conftest.py).
pytestmark = pytest.mark.first

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "submissions"
CHAPTER = ROOT / "notebooks" / "04_chain_rule.ipynb"
CHECKS = [
    "add_backward",
    "multiply_backward",
    "composite_derivative",
    "neuron_gradients",
    "divide_backward",
]
TIMEOUT = 10  # seconds per notebook; the infinite loop costs this much

# file: (status, score, a phrase of the reason)
EXPECTED = {
    "cheater.ipynb": ("graded", 0, "failed: add_backward, multiply_backward, composite_derivat"),
    "correct.ipynb": ("graded", 5, "5/5 checks passed"),
    "essay.txt": ("invalid", 0, "not a notebook: a .txt file"),
    "flood.ipynb": ("graded", 5, "5/5 checks passed"),
    "infinite_loop.ipynb": ("timeout", 0, f"within {TIMEOUT} s, stopped in cell 4 (`while True:`)"),
    "kernel_crash.ipynb": ("kernel died", 2, "died in the check of composite_derivative"),
    "not_a_notebook.ipynb": ("invalid", 0, "not a Jupyter notebook"),
    "os_exit.ipynb": ("kernel died", 0, "the kernel died in cell 4 (`import os`)"),
    "renamed.ipynb": ("graded", 4, "function add_backward not defined (renamed or deleted?)"),
    "reordered.ipynb": ("graded", 5, "5/5 checks passed"),
    "sys_exit.ipynb": ("graded", 5, "2 of the notebook's cells raised errors, first cell 4"),
    "truncated.ipynb": ("invalid", 0, "invalid JSON"),
    "untouched.ipynb": ("graded", 0, "add_backward: the function still raises NotImplementedError"),
    "vandal.ipynb": ("graded", 5, "5/5 checks passed"),
}


def _fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }


def _read_csv(path: Path) -> dict[str, dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as file:
        return {row["file"]: row for row in csv.DictReader(file)}


@pytest.fixture(scope="module")
def fixture_grades(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, float, dict]:
    out = tmp_path_factory.mktemp("grades")
    before = _fingerprint(FIXTURES)
    start = time.perf_counter()
    # No --chapter: it is read from the student-edition stamp in the notebooks.
    code = main([str(FIXTURES), "--out", str(out), "--timeout", str(TIMEOUT), "--jobs", "3"])
    elapsed = time.perf_counter() - start
    assert code == 0
    assert _fingerprint(FIXTURES) == before  # nothing modified, added or deleted
    summary = (out / "summary.md").read_text(encoding="utf-8")
    return _read_csv(out / "grades.csv"), summary, elapsed, before


def test_every_fixture_gets_the_expected_row(fixture_grades: tuple) -> None:
    rows, *_ = fixture_grades
    assert set(rows) == set(EXPECTED)
    for name, (status, score, phrase) in EXPECTED.items():
        row = rows[name]
        assert (row["status"], int(row["score"]), row["out_of"]) == (status, score, "5"), name
        assert phrase in row["reason"], (name, row["reason"])
        assert row["student"] == Path(name).stem
        assert sum(int(row[check]) for check in CHECKS) == score


def test_partial_credit_is_per_check(fixture_grades: tuple) -> None:
    rows, *_ = fixture_grades
    assert [rows["kernel_crash.ipynb"][c] for c in CHECKS] == ["1", "1", "0", "0", "0"]
    assert [rows["renamed.ipynb"][c] for c in CHECKS] == ["0", "1", "1", "1", "1"]


def test_summary_gives_each_checks_feedback(fixture_grades: tuple) -> None:
    _, summary, *_ = fixture_grades
    assert "14 submissions, 5 checks each, mean score 2.21 / 5." in summary
    assert "| add_backward | 6/14 |" in summary
    # The cheater's redefined, patched and planted checks were not the ones that ran:
    cheater = summary.split("### cheater: 0/5")[1].split("###")[0]
    assert "✗ **add_backward**: add_backward: for grad_a" in cheater and "got 0" in cheater
    assert "✗ **multiply_backward**: multiply_backward: for grad_a" in cheater
    assert "not checked (kernel died)" in summary.split("### kernel_crash")[1].split("###")[0]


def test_the_loop_is_stopped_in_time(fixture_grades: tuple) -> None:
    rows, _, elapsed, _ = fixture_grades
    assert TIMEOUT <= float(rows["infinite_loop.ipynb"]["seconds"]) < TIMEOUT + 30
    assert elapsed < 120


def test_check_items_come_from_the_instructor_check_cells() -> None:
    items = check_items(nbformat.read(CHAPTER, as_version=4))
    assert [item.name for item in items] == CHECKS
    assert items[1].statement == "check_multiply_backward(multiply_backward)"
    assert items[1].functions == ("multiply_backward",)
    leaky = next(ROOT.glob("notebooks/09_*.ipynb"), None)
    if leaky:  # one check taking two learner functions
        first = check_items(nbformat.read(leaky, as_version=4))[0]
        assert first.functions == ("leaky_relu", "leaky_relu_derivative")


@pytest.mark.parametrize(
    "chapter", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem
)
def test_every_exercise_has_a_check_the_grader_finds(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    exercises = {s.exercise for _, solutions in exercise_cells(nb) for s in solutions}
    checked = {name for item in check_items(nb) for name in item.functions}
    assert exercises and exercises <= checked, f"no check cell after {sorted(exercises - checked)}"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("a.ipynb", b'{"cells": [', "invalid JSON"),
        ("a.png", b"\x89PNG\r\n\x1a\n\xff\xfe", "not a notebook: a .png file"),
        ("a.ipynb", b"[1, 2]", "not a Jupyter notebook (JSON without a list of cells)"),
        ("a.ipynb", b'{"cells": [{"cell_type": "code", "source": 5}]}', "cell 1 is malformed"),
        ("a.ipynb", b'{"cells": [{"cell_type": "code", "source": [1]}]}', "cell 1 is malformed"),
        ("a.ipynb", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        load_code_cells(tmp_path / name)


def test_huge_files_are_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(grade, "MAX_BYTES", 2**20)
    (tmp_path / "big.ipynb").write_bytes(b" " * (2**20 + 1))
    with pytest.raises(ValueError, match="larger than 1 MB"):
        load_code_cells(tmp_path / "big.ipynb")


def test_code_cells_keep_their_numbers(tmp_path: Path) -> None:
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "x"},
            {"cell_type": "code", "source": ["a", "b"]},
        ]
    }
    (tmp_path / "a.ipynb").write_text(json.dumps(nb))
    assert load_code_cells(tmp_path / "a.ipynb") == [(2, "ab")]


def test_the_chapter_comes_from_the_option_or_the_stamp(tmp_path: Path) -> None:
    assert resolve_chapter("04", []) == CHAPTER
    assert resolve_chapter(str(CHAPTER), []) == CHAPTER
    with pytest.raises(ValueError, match="matches 0 notebooks"):
        resolve_chapter("99", [])
    assert resolve_chapter(None, sorted(FIXTURES.iterdir())) == CHAPTER
    (tmp_path / "x.ipynb").write_text("{}")
    with pytest.raises(ValueError, match="pass --chapter"):
        resolve_chapter(None, [tmp_path / "x.ipynb"])


def test_real_student_editions(tmp_path: Path) -> None:
    student, _ = student_notebook(CHAPTER)
    folder = tmp_path / "class"
    folder.mkdir()
    nbformat.write(student, folder / "handed_back_blank.ipynb")
    solved = solved_notebook(student, CHAPTER)
    nbformat.write(solved, folder / "solved.ipynb")
    hostile = deepcopy(solved)
    code = [c for c in hostile.cells if c.cell_type == "code"]
    checks = {c.source for c in code if c.source.startswith("check_")}
    code = [c for c in code if c.source not in checks][::-1]  # check cells deleted, reversed
    code += [new_code_cell(c.source) for c in code if "def " in c.source]  # duplicated
    for cell in code:
        cell.source = cell.source.replace("def neuron_gradients", "def neuron_grads")
    code.append(new_code_cell("check_add_backward = check_multiply_backward = print"))
    code[0].outputs = [new_output("stream", name="stdout", text="y" * 3_000_000)]
    hostile.cells = code
    nbformat.write(hostile, folder / "hostile.ipynb")
    nbformat.write(new_notebook(), folder / "empty.ipynb")
    (folder / "=cmd.ipynb").write_text("{")
    rows = {r.file: r for r in grade.grade_all(sorted(folder.iterdir()), _items(), 60, jobs=2)}
    grade.write_reports(list(rows.values()), _items(), "04_chain_rule", tmp_path / "out")

    blank = rows["handed_back_blank.ipynb"]
    assert blank.status == "graded" and sum(blank.points.values()) == 0
    assert all("NotImplementedError" in text for text in blank.feedback.values())
    assert rows["solved.ipynb"].points == dict.fromkeys(CHECKS, 1)
    assert rows["hostile.ipynb"].points == {**dict.fromkeys(CHECKS, 1), "neuron_gradients": 0}
    assert rows["hostile.ipynb"].feedback["neuron_gradients"] == (
        "NameError: function neuron_gradients not defined (renamed or deleted?)"
    )
    assert rows["empty.ipynb"].reason.startswith("0/5 checks passed; failed: add_backward")
    csv_rows = _read_csv(tmp_path / "out" / "grades.csv")
    assert csv_rows["'=cmd.ipynb"]["student"] == "'=cmd"  # not a spreadsheet formula
    assert csv_rows["solved.ipynb"]["score"] == "5"


def _items() -> list:
    return check_items(nbformat.read(CHAPTER, as_version=4))


def _looping_notebook(tmp_path: Path) -> Path:
    # Sleeps rather than spins: as endless, without taking a core from the other tests.
    loop = "while True:\n    time.sleep(0.05)"
    nb = new_notebook(cells=[new_code_cell("import time"), new_code_cell(loop)])
    nbformat.write(nb, tmp_path / "run.ipynb")
    return tmp_path / "run.ipynb"


def _gone(pid: int, within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize(("timeout", "hard_limit", "cell"), [(3, 60, 1), (600, 12, -1)])
def test_a_looping_kernel_is_killed_not_orphaned(
    tmp_path: Path, timeout: float, hard_limit: float, cell: int
) -> None:
    # (3, 60): the child stops the loop itself; (600, 12): the child is killed from outside.
    start = time.monotonic()
    result = run_isolated(_looping_notebook(tmp_path), tmp_path, timeout, hard_limit)
    assert result["status"] == "timeout" and result["cell"] == cell
    assert time.monotonic() - start < min(timeout + 30, hard_limit + 12)
    assert result["kernel_pid"] and _gone(result["kernel_pid"])


def test_kernels_get_one_blas_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # --jobs runs kernels side by side; each splitting its products over every core only waits.
    variables = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    for name in variables:
        monkeypatch.delenv(name, raising=False)  # the suite's conftest sets them for itself
    source = f"import os\nassert [os.environ.get(v) for v in {variables!r}] == ['1'] * 3"
    nbformat.write(new_notebook(cells=[new_code_cell(source)]), tmp_path / "run.ipynb")
    result = run_isolated(tmp_path / "run.ipynb", tmp_path, 60, 120)
    assert result["replies"]["0"]["status"] == "ok", result


def test_the_grading_child_skips_the_slow_import(tmp_path: Path) -> None:
    # rfc3987_syntax costs 1.8 s of CPU to import, in every child, for formats no notebook uses.
    import subprocess
    import sys

    nbformat.write(new_notebook(cells=[new_code_cell("x = 1")]), tmp_path / "run.ipynb")
    child = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.run_isolated",
            str(tmp_path / "run.ipynb"),
            str(tmp_path),
            "60",
        ],
        cwd=ROOT,
        env=dict(os.environ, PYTHONPROFILEIMPORTTIME="1", MPLBACKEND="Agg"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert '"status": "finished"' in child.stdout, child.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in child.stderr.splitlines()}
    assert "jsonschema._format" in imported  # what would import it
    assert "rfc3987_syntax.syntax_helpers" not in imported  # the module that builds the grammars


def test_course_py_offers_the_commands() -> None:
    import subprocess
    import sys

    helped = subprocess.run(
        [sys.executable, str(ROOT / "course.py"), "help"], capture_output=True, text=True
    )
    assert "course.py student" in helped.stdout and "course.py grade DIR" in helped.stdout


def test_the_summary_and_feedback_in_chinese(tmp_path: Path) -> None:
    """`course.py grade --lang zh`: summary.md and the feedback in Chinese; grades.csv keeps its
    English status codes for spreadsheets; the language is restored afterwards."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("untouched.ipynb", "essay.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    out = tmp_path / "out"
    assert main([str(folder), "--out", str(out), "--timeout", "30", "--lang", "zh"]) == 0
    assert "COURSE_LANG" not in os.environ
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# 成绩：04_chain_rule\n")
    assert "| 学生 | 得分 | 状态 | 原因 |" in summary and "| 已评分 |" in summary
    assert "函数仍然抛出 NotImplementedError。" in summary
    assert "不是笔记本" in summary  # the essay
    rows = _read_csv(out / "grades.csv")
    assert rows["untouched.ipynb"]["status"] == "graded"
    assert rows["essay.txt"]["status"] == "invalid"
