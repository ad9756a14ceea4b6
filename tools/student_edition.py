"""Build the student edition: every solution becomes a stub that raises NotImplementedError.

    python3 course.py student                                 # every chapter -> dist/student/
    python3 course.py student --out handout notebooks/04_*.ipynb

In the committed (instructor) notebooks an exercise's solution sits between two marker lines
inside the function the learner writes:

    def weighted_sum(x, w, b):
        # BEGIN SOLUTION
        return x @ w + b
        # END SOLUTION

The student edition replaces the region, markers included, with one line at the markers'
indentation, named after the function the region sits in:

        raise NotImplementedError("weighted_sum: write your solution here")

A region outside any function takes its name from the cell's ``metadata["exercise"]`` (or
nbgrader's ``grade_id``). Outputs and execution counts are cleared (with the cell metadata that
goes with them, and saved widget state); markdown, check cells, tags and everything else are
kept. The work is done by an nbconvert preprocessor, so plain nbconvert can build the same thing
(run from the repository root, so that ``tools`` is importable):

    jupyter nbconvert --to notebook --output-dir dist/student \\
        --Exporter.preprocessors='["tools.student_edition.StudentEdition"]' notebooks/*.ipynb
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbconvert.preprocessors import ClearOutputPreprocessor
from nbformat import NotebookNode

from helpers.i18n import LANGUAGE_FILE, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
_DEF = re.compile(r"^(?P<indent>\s*)(?:async\s+)?def\s+(?P<name>\w+)\s*\(")


@dataclass(frozen=True)
class Solution:
    """One solution region of a cell: source line ``start`` is BEGIN, line ``end`` is END."""

    exercise: str
    start: int
    end: int
    indent: str
    lines: tuple[str, ...]  # the solution itself, between the markers

    @property
    def stub(self) -> str:
        # json.dumps writes a valid Python string literal, whatever the exercise name holds.
        message = json.dumps(f"{self.exercise}: write your solution here", ensure_ascii=False)
        return f"{self.indent}raise NotImplementedError({message})"


def cell_fallback_name(cell: NotebookNode) -> str | None:
    """The exercise name a cell's metadata gives, for solutions that are not inside a function."""
    return cell.metadata.get("exercise") or cell.metadata.get("nbgrader", {}).get("grade_id")


def find_solutions(source: str, fallback: str | None = None) -> list[Solution]:
    """Every BEGIN/END region of a cell's source, each named after its enclosing function.

    Raises ValueError for a region that is nested, never closed, closed without being opened,
    or that has no name (outside any function and no ``fallback``).
    """
    lines = source.splitlines()
    found: list[Solution] = []
    begin: int | None = None
    for number, line in enumerate(lines):
        marker = line.strip()
        if marker == BEGIN:
            if begin is not None:
                raise ValueError(f"line {number + 1}: {BEGIN!r} inside another solution region")
            begin = number
        elif marker == END:
            if begin is None:
                raise ValueError(f"line {number + 1}: {END!r} without a {BEGIN!r} before it")
            opening = lines[begin]
            indent = opening[: len(opening) - len(opening.lstrip())]
            name = _enclosing_function(lines[:begin], len(indent)) or fallback
            if not name:
                raise ValueError(
                    f"line {begin + 1}: a solution region outside any function; name the "
                    'exercise in the cell metadata, e.g. {"exercise": "my_exercise"}'
                )
            found.append(Solution(name, begin, number, indent, tuple(lines[begin + 1 : number])))
            begin = None
    if begin is not None:
        raise ValueError(f"line {begin + 1}: {BEGIN!r} is never closed by {END!r}")
    return found


def _enclosing_function(lines_above: list[str], indent: int) -> str | None:
    # The nearest `def` above that is less indented than the marker is the one the marker is in.
    for line in reversed(lines_above):
        match = _DEF.match(line)
        if match and len(match["indent"]) < indent:
            return match["name"]
    return None


def strip_solutions(source: str, fallback: str | None = None) -> tuple[str, list[Solution]]:
    """The source with every solution region replaced by its stub, and the regions found."""
    solutions = find_solutions(source, fallback)
    lines = source.splitlines()
    for solution in reversed(solutions):  # back to front: earlier line numbers stay valid
        lines[solution.start : solution.end + 1] = [solution.stub]
    text = "\n".join(lines) + ("\n" if source.endswith("\n") else "")
    return text, solutions


def exercise_cells(nb: NotebookNode) -> list[tuple[int, list[Solution]]]:
    """(cell index, its solutions) for every code cell that holds at least one solution."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            try:
                solutions = find_solutions(cell.source, cell_fallback_name(cell))
            except ValueError as error:
                raise ValueError(f"cell {index}: {error}") from None
            if solutions:
                found.append((index, solutions))
    return found


class StudentEdition(ClearOutputPreprocessor):
    """nbconvert preprocessor: solutions -> NotImplementedError stubs, outputs cleared.

    The names of the stubbed exercises are collected in ``resources["exercises"]``.
    """

    def preprocess(self, nb: NotebookNode, resources: dict[str, Any]) -> tuple[NotebookNode, Any]:
        resources.setdefault("exercises", [])
        nb, resources = super().preprocess(nb, resources)
        nb.metadata.pop("widgets", None)  # saved widget state can hold solution outputs
        chapter = resources.get("metadata", {}).get("name")
        # The grader reads this stamp to tell which chapter a submission answers.
        nb.metadata["course"] = {"edition": "student", **({"chapter": chapter} if chapter else {})}
        return nb, resources

    def preprocess_cell(
        self, cell: NotebookNode, resources: dict[str, Any], index: int
    ) -> tuple[NotebookNode, dict[str, Any]]:
        if cell.cell_type == "code":
            try:
                cell.source, solutions = strip_solutions(cell.source, cell_fallback_name(cell))
            except ValueError as error:
                raise ValueError(f"cell {index}: {error}") from None
            resources.setdefault("exercises", []).extend(s.exercise for s in solutions)
            cell.metadata.pop("execution", None)
        return super().preprocess_cell(cell, resources, index)


def student_notebook(path: Path) -> tuple[NotebookNode, list[str]]:
    """The student edition of one chapter, and the names of its exercises in order."""
    nb = nbformat.read(path, as_version=4)
    nb, resources = StudentEdition().preprocess(nb, {"metadata": {"name": path.stem}})
    return nb, resources["exercises"]


def solved_notebook(student: NotebookNode, chapter: Path) -> NotebookNode:
    """The student edition with the instructor's solutions put back in place of the stubs: a
    correct submission (for the grader's tests and benchmark)."""
    solved = deepcopy(student)
    for index, solutions in exercise_cells(nbformat.read(chapter, as_version=4)):
        lines = solved.cells[index].source.split("\n")
        for solution in solutions:
            at = lines.index(solution.stub)
            lines[at : at + 1] = solution.lines
        solved.cells[index].source = "\n".join(lines)
    return solved


def giveaways(nb: NotebookNode) -> list[tuple[str, str]]:
    """(exercise, line) for solution lines that the chapter also shows outside any solution.

    The student edition cannot hide those: they are for the chapter's author to rewrite.
    """
    inside: dict[str, str] = {}
    regions = dict(exercise_cells(nb))
    outside: set[str] = set()
    for index, cell in enumerate(nb.cells):
        lines = cell.source.splitlines()
        hidden: set[int] = set()
        for solution in regions.get(index, []):
            hidden.update(range(solution.start, solution.end + 1))
            inside.update({line.strip(): solution.exercise for line in solution.lines})
        outside.update(line.strip() for n, line in enumerate(lines) if n not in hidden)
    # A closing bracket on its own gives nothing away; a line with a name or number may.
    return [
        (exercise, line)
        for line, exercise in inside.items()
        if line in outside and any(char.isalnum() for char in line)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--out", type=Path, help="output folder (default: dist/student[-zh])")
    parser.add_argument(
        "--lang", choices=sorted(LANGUAGES), default="en", help="the edition's language"
    )
    args = parser.parse_args(argv)
    chapters = NOTEBOOKS if args.lang == "en" else NOTEBOOKS / args.lang
    args.out = args.out or Path("dist/student" + ("" if args.lang == "en" else f"-{args.lang}"))
    paths = args.notebooks or sorted(chapters.glob("*.ipynb"))
    if not paths:
        print("No notebooks found.", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    if args.lang != "en":  # its checks then answer in that language (helpers.i18n)
        (args.out / LANGUAGE_FILE).write_text(f"{args.lang}\n", encoding="utf-8")
    failed = False
    for path in paths:
        try:
            nb, exercises = student_notebook(path)
        except (ValueError, OSError) as error:
            print(f"{path.name}: {error}", file=sys.stderr)
            failed = True
            continue
        nbformat.write(nb, args.out / path.name)
        print(f"{path.name}: {len(exercises)} exercise(s): {', '.join(exercises) or '-'}")
        for exercise, line in giveaways(nbformat.read(path, as_version=4)):
            print(f"  warning: {exercise}: solution line shown elsewhere in the chapter: {line}")
    print(f"Student edition written to {args.out}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
