"""Answers after, never before (issue 13, rule 3): no cell before an exercise shows its answer.

For every chapter notebook and every exercise in it (a solution region found by
``tools.student_edition.exercise_cells``), every cell *before* the exercise cell, code or
markdown, with its stored outputs, is searched for two kinds of give-away:

(a) **The course's version, shown.** A ``show_source(...)`` call whose shown code is the course's
    own version of the exercise. That is the case when

    * the shown name is the exercise's name: its last part (``show_source(activations.relu)``
      for ``relu``), or its last two parts in snake case (``show_source(Dense.forward)`` for
      ``dense_forward``); or a ``def`` in the shown code has the exercise's name, directly or as
      a method of a shown class (``show_source(Maxout)`` shows ``maxout_forward``); or
    * the shown code contains the source of the exercise's ``course_version``, the dotted name in
      its check table in ``helpers.checks`` (so ``show_source(activations)``, or an alias, is
      caught too). Exercises are mapped to check tables through the check cell after the
      exercise cell, exactly as the grader does (``tools.grade.check_items``): the n-th function
      a check call is given is the check's n-th exercise.

    The shown code is the ``show_source`` output stored in the notebook; a cell without stored
    output is resolved by running the notebook's import statements and reading the source.

(b) **A solution line, verbatim.** A line of the solution (between ``# BEGIN SOLUTION`` and
    ``# END SOLUTION``) that also appears as a whole line of an earlier cell's source or stored
    output. Lines are compared stripped of indentation, of surrounding backticks (a markdown code
    span) and with runs of spaces made one. A solution line that cannot give anything away is
    ignored: one without a letter or digit (brackets, ``)``, ``]``), a bare keyword (``else:``,
    ``try:``, ``pass``, ``return``), a bare name or a ``return`` of one (``return x``,
    ``return activations``), an import, and a comment. Everything else, however short
    (``W, b = params[-1]``), counts: it is code the learner was meant to write.

Showing the course's version *after* the check cell is allowed and encouraged ("compare with
ours: why it uses expm1"): only cells before the exercise cell are searched.

A failure names the chapter, the exercise (and its cell), the cell that gives the answer away
(numbers are 0-based indices into ``nb.cells``, as ``exercise_cells`` counts them) and the line.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import helpers.checks
from tools.grade import check_items
from tools.student_edition import exercise_cells

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "notebooks").glob("*.ipynb"))

_TRIVIAL = re.compile(
    r"""^(?:
        (?:else|try|finally|pass|break|continue|return|yield)\s*:?   # a bare keyword
      | (?:return\s+|yield\s+)?[A-Za-z_][\w.]*\s*,?                   # a name, or return of one
      | (?:import|from)\s.*                                           # an import
      | \#.*                                                          # a comment
    )$""",
    re.VERBOSE,
)
_DEF = re.compile(r"^(?P<indent>\s*)(?:async\s+)?def\s+(?P<name>\w+)\s*\(")
_CLASS = re.compile(r"^(?P<indent>\s*)class\s+(?P<name>\w+)\b")


def normalise(line: str) -> str:
    """A line as it is compared: no indentation, no surrounding backticks, single spaces."""
    return re.sub(r"\s+", " ", line.strip().strip("`").strip())


def telling(line: str) -> bool:
    """Whether a solution line gives something away (see the module docstring)."""
    line = normalise(line)
    return any(char.isalnum() for char in line) and not _TRIVIAL.match(line)


def snake(name: str) -> str:
    """``BCEWithLogitsLoss`` -> ``bce_with_logits_loss``; names already in snake case stay."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


@dataclass(frozen=True)
class Finding:
    exercise: str
    exercise_cell: int
    cell: int
    line: int  # 1-based line of the cell's source (0 when the give-away is in its output)
    what: str

    def message(self, chapter: str) -> str:
        where = f"line {self.line}" if self.line else "its output"
        return (
            f"{chapter}: exercise {self.exercise} (cell {self.exercise_cell}) is answered "
            f"before it, in cell {self.cell}, {where}: {self.what}"
        )


# --- (a) show_source of the course's version ---------------------------------------------------


def _show_source_calls(source: str) -> list[tuple[int, str]]:
    """(line, dotted expression) of every show_source(...) call in a code cell's source."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a cell with IPython magics: fall back on a plain search
        return [
            (number, match[1].strip())
            for number, line in enumerate(source.splitlines(), start=1)
            for match in re.finditer(r"show_source\(([^()]*)\)", line)
        ]
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "show_source":
                calls.append((node.lineno, ast.unparse(node.args[0])))
    return sorted(calls)


def _import_namespace(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The names the notebook's import statements bind (only the imports are run)."""
    namespace: dict[str, Any] = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            body = ast.parse(cell.source).body
        except SyntaxError:
            continue
        for statement in body:
            if isinstance(statement, ast.Import | ast.ImportFrom):
                try:
                    exec(compile(ast.Module([statement], []), "<imports>", "exec"), namespace)
                except ImportError:
                    pass
    return namespace


def _source_of(obj: Any) -> str | None:
    try:
        return textwrap.dedent(inspect.getsource(obj))
    except (TypeError, OSError):
        return None


def _resolve(expression: str, namespace: dict[str, Any]) -> Any:
    if not re.fullmatch(r"[A-Za-z_][\w.]*", expression):
        return None
    head, *rest = expression.split(".")
    obj = namespace.get(head)
    for part in rest:
        obj = getattr(obj, part, None)
    return obj


def _shown_code(cell: nbformat.NotebookNode, calls: list[str], namespace: dict[str, Any]) -> str:
    """The code a show_source cell displays: its stored output, else the resolved source."""
    stored = [
        output.get("data", {}).get("text/markdown", "")
        for output in cell.get("outputs", [])
        if output.get("output_type") in ("display_data", "execute_result")
    ]
    stored = [text if isinstance(text, str) else "".join(text) for text in stored]
    if any(stored):
        return "\n".join(stored)
    sources = [_source_of(_resolve(expression, namespace)) for expression in calls]
    return "\n".join(source for source in sources if source)


def _defined_names(code: str) -> set[str]:
    """Names of the functions in shown code, methods also as ``class_method`` in snake case."""
    names: set[str] = set()
    classes: list[tuple[int, str]] = []  # (indent, name) of the enclosing classes
    for line in code.splitlines():
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        classes = [(i, name) for i, name in classes if i < indent]
        if match := _CLASS.match(line):
            classes.append((indent, match["name"]))
            names.add(snake(match["name"]))
        elif match := _DEF.match(line):
            names.add(match["name"])
            if classes:
                names.add(f"{snake(classes[-1][1])}_{match['name']}")
    return names


def _contains(code: str, part: str) -> bool:
    """Whether ``part``'s lines appear, in order and together, among ``code``'s lines."""
    lines = [normalise(line) for line in code.splitlines() if line.strip()]
    wanted = [normalise(line) for line in part.splitlines() if line.strip()]
    return bool(wanted) and any(
        lines[start : start + len(wanted)] == wanted for start in range(len(lines))
    )


def course_versions(nb: nbformat.NotebookNode) -> dict[str, str]:
    """Exercise name -> the dotted ``course_version`` its check table names (if any)."""
    found: dict[str, str] = {}
    for item in check_items(nb):
        check = getattr(helpers.checks, item.check)
        for function, exercise in zip(item.functions, check.exercises, strict=False):
            if exercise.course_version:
                found.setdefault(function, exercise.course_version)
    return found


def _import_dotted(dotted: str) -> Any:
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            obj = getattr(obj, part)
        return obj
    raise ImportError(dotted)


# --- the search --------------------------------------------------------------------------------


def answers_before(nb: nbformat.NotebookNode) -> list[Finding]:
    """Every give-away of an exercise's answer in a cell before the exercise cell."""
    versions = course_versions(nb)
    namespace: dict[str, Any] | None = None
    findings: list[Finding] = []
    shows: dict[int, tuple[list[tuple[int, str]], str, set[str]]] = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and (calls := _show_source_calls(cell.source)):
            if namespace is None:
                namespace = _import_namespace(nb)
            code = _shown_code(cell, [expression for _, expression in calls], namespace)
            shows[index] = (calls, code, _defined_names(code))

    for exercise_cell, solutions in exercise_cells(nb):
        for solution in solutions:
            name = solution.exercise
            version = versions.get(name)
            version_source = _source_of(_import_dotted(version)) if version else None
            secret = {normalise(line): line.strip() for line in solution.lines if telling(line)}
            for index in range(exercise_cell):
                if index in shows:
                    found = _shown(shows[index], name, version, version_source)
                    findings += [Finding(name, exercise_cell, index, *where) for where in found]
                findings += _verbatim(nb.cells[index], index, name, exercise_cell, secret)
    return findings


def _called_names(expression: str) -> set[str]:
    """The exercise names a show_source argument stands for: ``activations.relu`` -> relu,
    ``Dense.forward`` -> forward and dense_forward."""
    parts = expression.split(".")
    return {parts[-1], "_".join(snake(part) for part in parts[-2:])}


def _shown(
    show: tuple[list[tuple[int, str]], str, set[str]],
    name: str,
    version: str | None,
    version_source: str | None,
) -> list[tuple[int, str]]:
    """(line, what) when a show_source cell shows the course's version of exercise ``name``."""
    calls, code, defined = show
    for line, expression in calls:  # the call named like the exercise, if one is
        if name in _called_names(expression):
            return [(line, f"show_source({expression}) shows it")]
    everything = ", ".join(f"show_source({expression})" for _, expression in calls)
    if name in defined:
        return [(calls[0][0], f"{everything} shows it")]
    if version_source and _contains(code, version_source):
        return [(calls[0][0], f"{everything} shows its course_version {version}")]
    return []


def _output_text(cell: nbformat.NotebookNode) -> str:
    texts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            texts.append(output.get("text", ""))
        for kind in ("text/markdown", "text/plain"):
            texts.append(output.get("data", {}).get(kind, ""))
    return "\n".join(t if isinstance(t, str) else "".join(t) for t in texts)


def _verbatim(
    cell: nbformat.NotebookNode, index: int, name: str, exercise_cell: int, secret: dict[str, str]
) -> list[Finding]:
    found, seen = [], set()
    for number, line in enumerate(cell.source.splitlines(), start=1):
        key = normalise(line)
        if key in secret and key not in seen:
            seen.add(key)
            found.append(
                Finding(name, exercise_cell, index, number, f"solution line {secret[key]!r}")
            )
    for line in _output_text(cell).splitlines():
        key = normalise(line)
        if key in secret and key not in seen:
            seen.add(key)
            found.append(Finding(name, exercise_cell, index, 0, f"solution line {secret[key]!r}"))
    return found


def failures(chapter: str, nb: nbformat.NotebookNode) -> list[str]:
    return [finding.message(chapter) for finding in answers_before(nb)]


# --- the chapters ------------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[path.stem for path in CHAPTERS])
def test_no_answer_before_its_exercise(chapter: Path) -> None:
    found = failures(chapter.stem, nbformat.read(chapter, as_version=4))
    assert not found, "\n".join(found)


def test_every_chapter_has_exercises_to_search() -> None:
    # The search above is vacuous for a chapter whose exercises it cannot find.
    for chapter in CHAPTERS:
        nb = nbformat.read(chapter, as_version=4)
        assert exercise_cells(nb), f"{chapter.stem}: no exercise found"
        assert check_items(nb), f"{chapter.stem}: no check cell found after an exercise"


# --- the search itself: it must fail when an answer is shown first ------------------------------

SETUP = (
    "import numpy as np\n"
    "from helpers.activations import relu as course_relu\n"
    "from helpers.activations import relu_derivative\n"
    "from helpers.checks import check_relu\n"
    "from helpers.display import show_source"
)
EXERCISE = (
    "def relu(x):\n"
    "    # BEGIN SOLUTION\n"
    "    return np.maximum(x, 0.0)\n"
    "    # END SOLUTION\n"
    "\n"
    "\n"
    "def relu_derivative(x):\n"
    "    # BEGIN SOLUTION\n"
    "    mask = x > 0\n"
    "    return mask.astype(float)\n"
    "    # END SOLUTION"
)
CHECK = "check_relu(relu, relu_derivative)"


def _synthetic(*before: nbformat.NotebookNode, after: tuple = ()) -> nbformat.NotebookNode:
    cells = [new_code_cell(SETUP), *before, new_code_cell(EXERCISE), new_code_cell(CHECK)]
    return new_notebook(cells=[*cells, *after])


def test_a_clean_synthetic_chapter_passes() -> None:
    nb = _synthetic(new_markdown_cell("ReLU keeps the positives: `np.maximum(x, 0.0)`."))
    assert failures("99_synthetic", nb) == []


def test_show_source_of_the_course_version_before_the_exercise_fails() -> None:
    shown = new_code_cell("show_source(course_relu)")  # no stored output: resolved from imports
    nb = _synthetic(new_markdown_cell("The course's ReLU:"), shown)
    assert failures("99_synthetic", nb) == [
        "99_synthetic: exercise relu (cell 3) is answered before it, in cell 2, line 1: "
        "show_source(course_relu) shows it"
    ]
    # Named otherwise, the exercise is linked to helpers.activations.relu by its check table only.
    nb.cells[3].source = nb.cells[3].source.replace("def relu(", "def my_relu(")
    nb.cells[4].source = "check_relu(my_relu, relu_derivative)"
    assert failures("99_synthetic", nb) == [
        "99_synthetic: exercise my_relu (cell 3) is answered before it, in cell 2, line 1: "
        "show_source(course_relu) shows its course_version helpers.activations.relu"
    ]


def test_show_source_named_like_the_exercise_fails_from_its_stored_output() -> None:
    shown = new_code_cell("x = 1\nshow_source(relu_derivative)")
    shown.outputs = [
        new_output("display_data", {"text/markdown": "```python\ndef anything(x):\n    ...\n```"})
    ]
    [message] = failures("99_synthetic", _synthetic(shown))
    assert message.startswith("99_synthetic: exercise relu_derivative (cell 2)")
    assert "in cell 1, line 2: show_source(relu_derivative) shows it" in message


def test_a_method_of_a_shown_class_named_like_the_exercise_fails() -> None:
    nb = _synthetic()
    nb.cells[1].source = nb.cells[1].source.replace("def relu(", "def dense_forward(")
    nb.cells[2].source = "check_relu(dense_forward, relu_derivative)"
    shown = new_code_cell("show_source(Dense)")
    code = "```python\nclass Dense:\n    def forward(self, x):\n        pass\n```"
    shown.outputs = [new_output("display_data", {"text/markdown": code})]
    nb.cells.insert(1, shown)
    assert failures("99_synthetic", nb) == [
        "99_synthetic: exercise dense_forward (cell 2) is answered before it, in cell 1, "
        "line 1: show_source(Dense) shows it"
    ]


def test_a_solution_line_shown_verbatim_before_the_exercise_fails() -> None:
    nb = _synthetic(
        new_markdown_cell("Here is how:\n\n    return np.maximum(x, 0.0)\n"),
        new_code_cell("print(1)\nmask = x > 0"),
    )
    assert failures("99_synthetic", nb) == [
        "99_synthetic: exercise relu (cell 3) is answered before it, in cell 1, line 3: "
        "solution line 'return np.maximum(x, 0.0)'",
        "99_synthetic: exercise relu_derivative (cell 3) is answered before it, in cell 2, "
        "line 2: solution line 'mask = x > 0'",
    ]


def test_a_solution_line_in_a_stored_output_or_a_code_span_fails() -> None:
    printed = new_code_cell("print(formula)")
    printed.outputs = [new_output("stream", name="stdout", text="mask = x > 0\n")]
    [in_output] = failures("99_synthetic", _synthetic(printed))
    assert "in cell 1, its output: solution line 'mask = x > 0'" in in_output
    [in_span] = failures("99_synthetic", _synthetic(new_markdown_cell("`mask  =  x > 0`")))
    assert "in cell 1, line 1: solution line 'mask = x > 0'" in in_span


def test_trivial_solution_lines_give_nothing_away() -> None:
    nb = _synthetic(new_code_cell("def f(x):\n    return x\n    )\n]\n# a comment"))
    nb.cells[2].source = nb.cells[2].source.replace(
        "    return mask.astype(float)", "    return x\n    )\n]\n    # a comment"
    )
    assert failures("99_synthetic", nb) == []
    assert not telling("return activations") and not telling("else:") and not telling(")],")
    assert telling("W, b = params[-1]") and telling("return x @ W + b")


def test_the_answer_after_the_check_is_allowed() -> None:
    after = (
        new_markdown_cell("Compare with the course's version:"),
        new_code_cell("show_source(course_relu)\n# return np.maximum(x, 0.0)"),
        new_markdown_cell("    return np.maximum(x, 0.0)"),
    )
    assert failures("99_synthetic", _synthetic(after=after)) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Dense", "dense"), ("BCEWithLogitsLoss", "bce_with_logits_loss"), ("relu", "relu")],
)
def test_snake(name: str, expected: str) -> None:
    assert snake(name) == expected
