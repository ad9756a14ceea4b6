"""Submissions that tamper with the kernel they are graded in score 0, and leave nothing running.

Each is chapter 00's student edition (the quickest chapter to run, with a function exercise
and a prediction exercise), every exercise still a stub, plus one cell that rewires
the kernel: its input handling, its cell runner, Python's builtins, the import system (a
finder that makes the kernel answer with the check tables' own references), the same hidden
behind exec(), and a process that detaches itself to outlive grading. A solved copy scores
full marks in the same run. Grading is sandboxed (bubblewrap) where this machine allows it.
"""

from __future__ import annotations

import os
import time
from copy import deepcopy
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from tools import grade
from tools.sandbox import bwrap_works
from tools.student_edition import solved_notebook, student_notebook

# A grading batch of whole chapters, about 30 s: starts early (see conftest.py).
pytestmark = pytest.mark.first

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "notebooks" / "00_start_here.ipynb"
MARKER = "course-grading-orphan-4e1f"

# The honest answer cell computes with the learner's functions; this makes it use the tables'
# references instead. Fed to the kernel in several ways below.
FORGE = """\
def _forge(source):
    honest = "*(globals()[name] for name in functions)"
    cheat = "*[e.reference for e in getattr(checks, check).exercises]"
    return source.replace(honest, cheat)
"""

TAMPERING = {
    "input_handling": FORGE
    + """
get_ipython().input_transformers_post.append(
    lambda lines: _forge("".join(lines)).splitlines(keepends=True)
)
""",
    "cell_runner": FORGE
    + """
shell = get_ipython()
for name in ("run_cell", "run_cell_async"):
    original = getattr(shell, name)
    setattr(shell, name, lambda raw, *a, _o=original, **k: _o(_forge(raw), *a, **k))
""",
    "builtins": """
import builtins
_real_open = builtins.open
def _open(file, mode="r", *args, **kwargs):
    handle = _real_open(file, mode, *args, **kwargs)
    if "answer-" in str(file) and "w" in mode:
        handle.write('[{"cases": [], "uses": []}, {"cases": [], "uses": []}]')
        handle.close()
        return _real_open(os.devnull, mode)
    return handle
import os
builtins.open = _open
""",
    "import_system": """
import sys
class _Forger:
    def find_spec(self, name, path=None, target=None):
        if name != "helpers.checks._runner":
            return None
        sys.meta_path.remove(self)
        import importlib.util
        spec = importlib.util.find_spec(name)
        sys.meta_path.insert(0, self)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            honest = module.answer
            module.answer = lambda check, *f: honest(check, *[e.reference for e in check.exercises])
        spec.loader.exec_module = exec_module
        return spec
sys.meta_path.insert(0, _Forger())
""",
    "hidden_in_exec": "",  # filled in below: the import-system forger, hex-encoded
    "orphan": f"""
import subprocess, sys
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(900)", "{MARKER}"],
                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
""",
}
TAMPERING["hidden_in_exec"] = (
    f"exec(bytes.fromhex({TAMPERING['import_system'].encode().hex()!r}).decode())"
)
FORGERS = {"input_handling", "cell_runner", "import_system", "hidden_in_exec"}


def _orphans() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if MARKER.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, str, int]:
    if not Path("/proc").is_dir():
        pytest.skip("needs /proc to look for processes left behind (Linux)")
    folder = tmp_path_factory.mktemp("tampering")
    student, _ = student_notebook(CHAPTER)
    nbformat.write(solved_notebook(student, CHAPTER), folder / "solved.ipynb")
    for name, code in TAMPERING.items():
        copy = deepcopy(student)
        first_code = next(i for i, c in enumerate(copy.cells) if c.cell_type == "code")
        copy.cells.insert(first_code + 1, new_code_cell(code))
        nbformat.write(copy, folder / f"{name}.ipynb")
    sandbox = "bwrap" if bwrap_works()[0] else "none"
    instructor = nbformat.read(CHAPTER, as_version=4)
    items = grade.check_items(instructor)
    lines = grade.chapter_code_lines(
        [c.source for nb in (instructor, student) for c in nb.cells if c.cell_type == "code"]
    )
    rows = grade.grade_all(sorted(folder.iterdir()), items, 60, 2, sandbox, lines)
    assert len(items) >= 2, "the tampering needs a chapter with several checks to forge"
    return {row.student: row for row in rows}, sandbox, len(items)


def test_a_solved_copy_scores_full_marks(graded: tuple) -> None:
    rows, _, checks = graded
    assert rows["solved"].status == "graded"
    assert rows["solved"].score == checks, rows["solved"].reason


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_tampering_scores_zero(graded: tuple, name: str) -> None:
    rows, _, _ = graded
    row = rows[name]
    assert row.score == 0, (row.status, row.reason, row.feedback)
    if name == "orphan":  # starting a process is no tampering: its stubs fail
        assert row.status == "graded" and "still raises NotImplementedError" in row.reason
    else:
        assert row.status == "flagged" and "reaches into" in row.reason, row.reason


@pytest.mark.parametrize("name", sorted(FORGERS))
def test_forgers_would_have_passed_without_the_scan(graded: tuple, name: str) -> None:
    # What the scan is for: these make the kernel answer with the course's own references.
    rows, _, checks = graded
    assert f"({checks}/{checks} checks would have passed)" in rows[name].reason, rows[name].reason


def test_the_builtins_forgery_is_caught_by_the_judge_alone(graded: tuple) -> None:
    rows, _, checks = graded
    assert f"(0/{checks} checks would have passed)" in rows["builtins"].reason


def test_no_process_outlives_grading(graded: tuple) -> None:
    _, sandbox, _ = graded
    if sandbox != "bwrap":
        pytest.skip(f"without bubblewrap a detached process can outlive grading: {bwrap_works()}")
    deadline = time.monotonic() + 10
    while _orphans() and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _orphans()
    for pid in left:  # do not leave it running after a failure either
        os.kill(pid, 9)
    assert not left


def test_the_reason_speaks_the_course_language() -> None:
    from helpers.i18n import speaking
    from tools.tampering import find_tampering

    cells = [(3, "import importlib"), (4, "x = 'meta_path'")]
    english = "cell 3 (`import importlib`) reaches into the import system (importlib)"
    assert find_tampering(cells, frozenset()) == english
    with speaking("zh"):
        assert find_tampering(cells, frozenset()) == (
            "第 3 个单元格（`import importlib`）触及了导入系统（importlib）"
        )
        assert find_tampering(cells[1:], frozenset()) == (
            "第 4 个单元格（`x = 'meta_path'`）触及了一个写出 meta_path 的字符串"
        )
