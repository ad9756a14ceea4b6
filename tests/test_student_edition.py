"""The student edition: solutions become NotImplementedError stubs, nothing else changes.

Every chapter is checked statically (no solution line survives, markers gone, outputs cleared).
A few chapters are also executed, one kernel each, in a way that proves two things at once:

* a learner who runs the student notebook stops at the first exercise, and only there: the
  check after the stub fails complaining about NotImplementedError (checks turn the learner's
  exception into an AssertionError that says so; a cell that calls the stub directly raises
  the NotImplementedError itself; both count as "stopped by the stub", nothing else does);
* putting the instructor's solution back into the stub makes the check pass, and the rest of
  the chapter then runs without error, on to the next exercise.

Set COURSE_EDITION_CHAPTERS=all (or e.g. "00 06") to execute other chapters than the default few.
"""

from __future__ import annotations

import ast
import os
from copy import deepcopy
from pathlib import Path

import nbformat
import pytest
from nbconvert.exporters import NotebookExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools.student_edition import (
    StudentEdition,
    exercise_cells,
    find_solutions,
    giveaways,
    main,
    strip_solutions,
    student_notebook,
)

# Runs several chapters' student editions, about 30 s: starts early (see conftest.py).
pytestmark = pytest.mark.first

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# Two stubs in one cell (04), one check taking two stubs (09), exercises calling earlier ones (11).
EXECUTED = os.environ.get("COURSE_EDITION_CHAPTERS", "04 09 11")


def _telling(line: str) -> bool:
    # A solution line that gives something away: not blank, not a lone bracket.
    return any(char.isalnum() for char in line)


def _ids(paths: list[Path]) -> list[str]:
    return [path.stem for path in paths]


def test_stub_keeps_the_indentation_and_names_the_enclosing_function() -> None:
    source = (
        "class Layer:\n"
        "    def forward(self, x):\n"
        '        """Doc."""\n'
        "        if x is None:\n"
        "            # BEGIN SOLUTION\n"
        "            return 0\n"
        "            # END SOLUTION\n"
        "        return x\n"
    )
    text, solutions = strip_solutions(source)
    assert text == (
        "class Layer:\n"
        "    def forward(self, x):\n"
        '        """Doc."""\n'
        "        if x is None:\n"
        '            raise NotImplementedError("forward: write your solution here")\n'
        "        return x\n"
    )
    assert [s.exercise for s in solutions] == ["forward"]
    assert solutions[0].lines == ("            return 0",)


def test_each_region_is_named_after_its_own_function() -> None:
    source = (
        "def first(x):\n    def helper(y):\n        return y\n\n    # BEGIN SOLUTION\n"
        "    return helper(x)\n    # END SOLUTION\n\n\nasync def second(x):\n"
        "    # BEGIN SOLUTION\n    return -x\n    # END SOLUTION"
    )
    text, solutions = strip_solutions(source)
    assert [s.exercise for s in solutions] == ["first", "second"]
    assert 'raise NotImplementedError("second: write your solution here")' in text
    assert "return -x" not in text and "return helper(x)" not in text
    assert not text.endswith("\n")  # no trailing newline added


def test_a_region_outside_any_function_takes_its_name_from_cell_metadata() -> None:
    source = "x = 1\n# BEGIN SOLUTION\ny = 2 * x\n# END SOLUTION\n"
    text, solutions = strip_solutions(source, fallback="doubling")
    assert text == 'x = 1\nraise NotImplementedError("doubling: write your solution here")\n'
    assert solutions[0].exercise == "doubling"
    with pytest.raises(ValueError, match=r"line 2: a solution region outside any function"):
        find_solutions(source)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "def f():\n    # BEGIN SOLUTION\n    # BEGIN SOLUTION\n",
            "line 3: '# BEGIN SOLUTION' inside",
        ),
        ("def f():\n    return 1\n    # END SOLUTION\n", "line 3: '# END SOLUTION' without"),
        ("def f():\n    # BEGIN SOLUTION\n    return 1\n", "line 2: '# BEGIN SOLUTION' is never"),
    ],
)
def test_unbalanced_markers_are_reported_with_their_line(source: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        find_solutions(source)


def _tiny_chapter() -> nbformat.NotebookNode:
    exercise = new_code_cell(
        "def double(x):\n    # BEGIN SOLUTION\n    return 2 * x\n    # END SOLUTION",
        execution_count=3,
        metadata={"tags": ["keep-me"], "execution": {"iopub.status.idle": "t"}, "scrolled": True},
        outputs=[new_output("stream", name="stdout", text="solution output\n")],
    )
    check = new_code_cell("assert double(2) == 4", execution_count=4)
    nb = new_notebook(cells=[new_markdown_cell("# Title\nSome *maths*."), exercise, check])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    return nb


def test_preprocessor_clears_outputs_and_keeps_everything_else() -> None:
    original = _tiny_chapter()
    nb, resources = StudentEdition().preprocess(deepcopy(original), {"metadata": {"name": "99_x"}})
    assert resources["exercises"] == ["double"]
    assert nb.cells[0] == original.cells[0]  # markdown untouched
    assert nb.cells[2].source == original.cells[2].source  # check cell kept
    stubbed = nb.cells[1]
    assert stubbed.source == (
        'def double(x):\n    raise NotImplementedError("double: write your solution here")'
    )
    assert stubbed.metadata == {"tags": ["keep-me"]}  # timing and scroll state go, tags stay
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells[1:])
    assert "widgets" not in nb.metadata
    assert nb.metadata.kernelspec == original.metadata.kernelspec
    assert nb.metadata.course == {"edition": "student", "chapter": "99_x"}
    nbformat.validate(nb)


def test_unbalanced_markers_in_a_notebook_name_the_cell() -> None:
    nb = _tiny_chapter()
    nb.cells[2].source = "# END SOLUTION"
    with pytest.raises(ValueError, match="cell 2: line 1"):
        StudentEdition().preprocess(nb, {})


def test_plain_nbconvert_can_run_the_preprocessor_by_name() -> None:
    exporter = NotebookExporter(preprocessors=["tools.student_edition.StudentEdition"])
    body, _ = exporter.from_notebook_node(_tiny_chapter(), {"metadata": {"name": "99_x"}})
    nb = nbformat.reads(body, as_version=4)
    assert "raise NotImplementedError" in nb.cells[1].source
    assert "return 2 * x" not in body and "solution output" not in body


def test_giveaways_finds_solution_lines_shown_outside_the_solution() -> None:
    nb = _tiny_chapter()
    assert giveaways(nb) == []
    nb.cells.insert(1, new_code_cell("def triple(x):\n    return 2 * x + x"))
    assert giveaways(nb) == []  # a different line
    nb.cells[1].source = "print(1)\nreturn 2 * x"
    assert giveaways(nb) == [("double", "return 2 * x")]


def test_main_builds_every_chapter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in CHAPTERS]
    out = capsys.readouterr().out
    assert "04_chain_rule.ipynb: 5 exercise(s): add_backward, multiply_backward" in out


def test_main_fails_on_a_broken_chapter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    nb = _tiny_chapter()
    nb.cells[1].source += "\n# END SOLUTION"
    nbformat.write(nb, tmp_path / "broken.ipynb")
    assert main(["--out", str(tmp_path / "out"), str(tmp_path / "broken.ipynb")]) == 1
    assert "broken.ipynb: cell 1: line 5: '# END SOLUTION' without" in capsys.readouterr().err


@pytest.mark.parametrize("chapter", CHAPTERS, ids=_ids(CHAPTERS))
def test_no_solution_line_survives(chapter: Path) -> None:
    instructor = nbformat.read(chapter, as_version=4)
    student, exercises = student_notebook(chapter)
    regions = [s for _, solutions in exercise_cells(instructor) for s in solutions]
    assert exercises == [s.exercise for s in regions]
    # Lines the chapter also shows outside a solution cannot be hidden; the build warns of them.
    shown = {line for _, line in giveaways(instructor)}
    secret = {line.strip() for s in regions for line in s.lines if _telling(line)} - shown
    student_lines = {line.strip() for c in student.cells for line in c.source.splitlines()}
    assert secret and not secret & student_lines
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    assert "# BEGIN SOLUTION" not in code and "# END SOLUTION" not in code
    assert code.count("raise NotImplementedError(") == len(regions)
    assert all(c.outputs == [] for c in student.cells if c.cell_type == "code")
    assert "widgets" not in student.metadata


def restore(student_source: str, solutions: list, keep_stub: int | None = None) -> str:
    """Put each solution back in place of its stub (all but number ``keep_stub``)."""
    lines = student_source.split("\n")
    for number, solution in enumerate(solutions):
        if number != keep_stub:
            at = lines.index(solution.stub)
            lines[at : at + 1] = solution.lines
    return "\n".join(lines)


def _interleaved(chapter: Path) -> tuple[nbformat.NotebookNode, list[str]]:
    """The student notebook in which every exercise is met as a stub, then solved.

    For each exercise cell: the cell with one stub left (each stub in turn), then its check
    cell, which must stop on the stub; then the cell with all solutions back, after which
    every later cell, the check included, must run without error."""
    instructor = nbformat.read(chapter, as_version=4)
    student, _ = student_notebook(chapter)
    regions = dict(exercise_cells(instructor))
    cells, expect = [], []
    for index, cell in enumerate(student.cells):
        if index in regions:
            check = next(c for c in student.cells[index + 1 :] if c.cell_type == "code")
            for stub, solution in enumerate(regions[index]):
                cells += [
                    new_code_cell(restore(cell.source, regions[index], stub)),
                    deepcopy(check),
                ]
                expect += ["ok", f"stub {solution.exercise}"]
            cell = new_code_cell(restore(cell.source, regions[index]))
        cells.append(cell)
        expect.append("ok")
    student.cells = cells
    return student, expect


def _selected() -> list[Path]:
    if EXECUTED == "all":
        return CHAPTERS
    return [path for path in CHAPTERS if path.name[:2] in EXECUTED.split()]


def test_restoring_the_stubs_gives_back_the_instructor_code() -> None:
    for chapter in CHAPTERS:
        instructor = nbformat.read(chapter, as_version=4)
        student, _ = student_notebook(chapter)
        for index, solutions in exercise_cells(instructor):
            without_markers = [
                line
                for line in instructor.cells[index].source.split("\n")
                if line.strip() not in ("# BEGIN SOLUTION", "# END SOLUTION")
            ]
            assert restore(student.cells[index].source, solutions).split("\n") == without_markers


@pytest.mark.parametrize("chapter", _selected(), ids=_ids(_selected()))
def test_learner_stops_only_at_stubs_and_solutions_pass(chapter: Path) -> None:
    from nbclient import NotebookClient

    from tools.kernel_client import PolledKernelManager

    nb, expect = _interleaved(chapter)
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        kernel_manager_class=PolledKernelManager,
        allow_errors=True,
        resources={"metadata": {"path": str(chapter.parent)}},
    )
    client.execute(env=dict(os.environ, MPLBACKEND="Agg"))  # no figures drawn: faster
    assert any(e.startswith("stub") for e in expect), "a chapter with no exercise"
    for cell, expected in zip(nb.cells, expect, strict=True):
        errors = [o for o in cell.get("outputs", []) if o.output_type == "error"]
        if expected == "ok":
            assert not errors, f"{cell.source[:80]!r} raised {errors[0].ename}: {errors[0].evalue}"
            continue
        exercise = expected.removeprefix("stub ")
        assert len(errors) == 1, f"the check after the {exercise} stub did not stop"
        error = errors[0]
        direct = error.ename == "NotImplementedError" and exercise in error.evalue
        via_check = error.ename in {"ExerciseFailure", "AssertionError"} and (
            "NotImplementedError" in error.evalue
        )
        assert direct or via_check, f"{exercise}: stopped by {error.ename}: {error.evalue}"


def _secret_lines(instructor: nbformat.NotebookNode) -> set[str]:
    shown = {line for _, line in giveaways(instructor)}
    regions = [s for _, solutions in exercise_cells(instructor) for s in solutions]
    return {line.strip() for s in regions for line in s.lines if _telling(line)} - shown


def test_nbgrader_clear_solutions_strips_our_markers_without_a_course_directory() -> None:
    pytest.importorskip("nbgrader", reason="nbgrader is not installed (optional instructor tool)")
    from nbgrader.preprocessors import ClearSolutions
    from traitlets.config import Config

    config = Config()
    # Standalone use: no nbgrader course directory and no nbgrader cell metadata.
    config.ClearSolutions.enforce_metadata = False
    exporter = NotebookExporter(config=config)
    exporter.register_preprocessor(ClearSolutions, enabled=True)
    for chapter in CHAPTERS:
        instructor = nbformat.read(chapter, as_version=4)
        body, _ = exporter.from_filename(str(chapter))
        cleared = nbformat.reads(body, as_version=4)
        lines = {line.strip() for c in cleared.cells for line in c.source.splitlines()}
        assert not _secret_lines(instructor) & lines, chapter.name
        code = "\n".join(c.source for c in cleared.cells if c.cell_type == "code")
        regions = sum(len(s) for _, s in exercise_cells(instructor))
        assert code.count("raise NotImplementedError()") == regions, chapter.name


def _one_check_per_cell(cell: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    # otter turns a test cell into one doctest whose expected output is the cell's stored output,
    # all of it after the last statement; so each check (one ✓ line each) gets its own cell.
    statements = [ast.get_source_segment(cell.source, s) for s in ast.parse(cell.source).body]
    printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    lines = printed.splitlines(keepends=True)
    if len(lines) != len(statements):
        return [cell]
    return [
        new_code_cell(statement, outputs=[new_output("stream", name="stdout", text=line)])
        for statement, line in zip(statements, lines, strict=True)
    ]


def _otter_master(chapter: Path) -> nbformat.NotebookNode:
    """The chapter in otter-assign format: each exercise cell, unchanged, becomes a question's
    solution and the check cell after it the question's tests (with their stored ✓ output)."""
    from nbformat.v4 import new_raw_cell

    nb = nbformat.read(chapter, as_version=4)
    regions = dict(exercise_cells(nb))
    config = "# ASSIGNMENT CONFIG\nname: chapter\ngenerate: false\nexport_cell: false"
    cells, skip = [new_raw_cell(config)], set()
    for index, cell in enumerate(nb.cells):
        if index in skip:
            continue
        if index not in regions:
            cells.append(cell)
            continue
        check = next(i for i in range(index + 1, len(nb.cells)) if nb.cells[i].cell_type == "code")
        skip.add(check)
        name = regions[index][0].exercise
        cells += [
            new_raw_cell(f"# BEGIN QUESTION\nname: {name}\npoints: 1"),
            new_markdown_cell(f"Exercise: {name}"),
            new_raw_cell("# BEGIN SOLUTION"),
            cell,
            new_raw_cell("# END SOLUTION"),
            new_raw_cell("# BEGIN TESTS"),
            *_one_check_per_cell(nb.cells[check]),
            new_raw_cell("# END TESTS"),
            new_raw_cell("# END QUESTION"),
        ]
    nb.cells = cells
    return nb


def test_otter_assign_strips_our_markers_and_keeps_our_checks_as_tests(tmp_path: Path) -> None:
    pytest.importorskip("otter", reason="otter-grader is not installed (optional instructor tool)")
    import doctest
    import subprocess
    import sys

    chapter = ROOT / "notebooks" / "04_chain_rule.ipynb"
    nbformat.write(_otter_master(chapter), tmp_path / "master.ipynb")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "otter",
            "assign",
            "--no-run-tests",
            "--no-pdfs",
            "master.ipynb",
            "dist",
        ],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    instructor = nbformat.read(chapter, as_version=4)
    student = nbformat.read(tmp_path / "dist" / "student" / "master.ipynb", as_version=4)
    lines = {line.strip() for c in student.cells for line in c.source.splitlines()}
    assert not _secret_lines(instructor) & lines
    tests = student.metadata["otter"]["tests"]
    assert set(tests) == {
        "add_backward",
        "composite_derivative",
        "neuron_gradients",
        "divide_backward",
    }
    # otter's doctests are our check calls; run them against the instructor's solutions.
    namespace: dict = {}
    setup = next(c for c in instructor.cells if c.cell_type == "code")
    for cell in [setup] + [instructor.cells[i] for i, _ in exercise_cells(instructor)]:
        exec(cell.source, namespace)
    cases = [case["code"] for test in tests.values() for case in test["suites"][0]["cases"]]
    assert len(cases) == 5 and "check_multiply_backward(multiply_backward)" in cases[1]
    for code in cases:
        case = doctest.DocTestParser().get_doctest(code, namespace, code, None, 0)
        assert doctest.DocTestRunner().run(case).failed == 0, code


def test_the_chinese_student_edition(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`course.py student --lang zh`: the Chinese chapters, solutions removed the same way, and
    a .course-language file that makes their checks answer in Chinese."""
    assert main(["--lang", "zh", "--out", str(tmp_path)]) == 0
    assert (tmp_path / ".course-language").read_text(encoding="utf-8") == "zh\n"
    assert sorted(p.name for p in tmp_path.glob("*.ipynb")) == [p.name for p in CHAPTERS]
    chinese = nbformat.read(tmp_path / "04_chain_rule.ipynb", as_version=4)
    assert "链式法则" in chinese.cells[0].source
    assert "add_backward: write your solution here" in "".join(c.source for c in chinese.cells)
    assert "04_chain_rule.ipynb: 5 exercise(s)" in capsys.readouterr().out
