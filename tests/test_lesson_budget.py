"""The lesson budget (COURSE_GUIDE §4, issue 13 rule 6), measured on every chapter.

What a learner reads, per notebook in ``notebooks/``:

- **Code cells**: at most 25 lines each, counting every line of the cell's source (blank lines
  too: they are what a learner scrolls past). Cells collapsed or hidden by metadata count as
  well: hiding code shortens the page, not the lesson, and the student edition and other
  front-ends (GitHub, Colab, the HTML edition) show them open.
- **Markdown cells**: at most 300 words each.
- **The core path**: at most 3,000 words of markdown outside "Deeper:" sections. A Deeper
  section starts at a heading whose text, after an optional section number ("7." or "7.2"),
  starts with "Deeper:"; it runs to the next heading of the same or a higher level (fewer or as
  many ``#``), so its sub-headings belong to it.
- **No test-harness words** in markdown or in code (comments and strings are read too): the
  patterns in ``HARNESS`` — the tools' names (nbval, pytest), "the tests", and talk about how
  long a figure takes to redraw.

**Words** are counted on markdown with fenced code blocks, LaTeX (``$$…$$`` and ``$…$``),
inline code, HTML tags and the targets of links removed: the rest is split on whitespace, and a
token counts when it holds at least one letter or digit (so table pipes, dashes and arrows do
not; a Chinese term written without spaces counts as one word).

Chapters that do not meet the budget yet are listed in ``KNOWN_EXCEPTIONS`` with the reason.
Their test is an expected failure that lists what is over; once a listed chapter meets the
budget, its test fails and says to remove it from the list, so the list can only shrink.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))

MAX_CODE_LINES = 25
MAX_CELL_WORDS = 300
MAX_CORE_WORDS = 3000

# Chapter (file stem) -> why it is over budget for now. Chapters 00 and 01 (issue 13) never
# belong here.
KNOWN_EXCEPTIONS = {}

_COST = r"(?:ms|milliseconds?|costs?|costly|time|timings?|budget|fast|faster|slow|slower|cheap)"
# Test-harness words, matched case-insensitively. Each is plumbing a learner does not need.
HARNESS = {
    "nbval": r"\bnbval\b",
    "pytest": r"\bpytest\b",
    "the tests": r"\bthe tests\b",
    "redraw timing": rf"\bredraw(?:s|ing)?\b[^.\n]{{0,30}}\b{_COST}\b"
    rf"|\b{_COST}\b[^.\n]{{0,30}}\bredraw",
    "drawing cost": rf"\b{_COST} to draw\b|\bdrawing time\b|\bper (?:re)?draw\b",
}

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_DEEPER = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?Deeper:", re.IGNORECASE)
_STRIP = [
    re.compile(r"(```|~~~).*?\1", re.DOTALL),  # fenced code
    re.compile(r"\$\$.*?\$\$", re.DOTALL),  # display maths
    re.compile(r"(?<!\\)\$[^$]+?(?<!\\)\$"),  # inline maths
    re.compile(r"`[^`]*`"),  # inline code
    re.compile(r"<[^>]+>"),  # HTML tags (<kbd>, <br>)
    re.compile(r"\]\([^)]*\)"),  # a link's or an image's target, keeping its text
]


def words(markdown: str) -> int:
    """The number of words in ``markdown``, as the module docstring defines them."""
    for pattern in _STRIP:
        markdown = pattern.sub(" ", markdown)
    return sum(1 for token in markdown.split() if any(ch.isalnum() for ch in token))


def core_text(markdown_cells: list[str]) -> str:
    """The markdown of the core path: every line outside "Deeper:" sections."""
    kept: list[str] = []
    deeper_level: int | None = None
    for cell in markdown_cells:
        fenced = False
        for line in cell.splitlines():
            if _FENCE.match(line):
                fenced = not fenced
            heading = None if fenced else _HEADING.match(line)
            if heading:
                level, text = len(heading.group(1)), heading.group(2).strip()
                if deeper_level is not None and level <= deeper_level:
                    deeper_level = None
                if deeper_level is None and _DEEPER.match(text):
                    deeper_level = level
            if deeper_level is None:
                kept.append(line)
        kept.append("")  # cells are separate paragraphs
    return "\n".join(kept)


def harness_words(text: str) -> list[str]:
    """The names of the ``HARNESS`` patterns found in ``text``."""
    return [name for name, pattern in HARNESS.items() if re.search(pattern, text, re.IGNORECASE)]


def budget_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Every way ``nb`` exceeds the lesson budget, one line each (cell numbers from 0)."""
    problems = []
    markdown = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            lines = len(cell.source.splitlines())
            if lines > MAX_CODE_LINES:
                problems.append(f"cell {index}: code cell of {lines} lines (at most 25)")
        elif cell.cell_type == "markdown":
            markdown.append(cell.source)
            count = words(cell.source)
            if count > MAX_CELL_WORDS:
                problems.append(f"cell {index}: markdown cell of {count} words (at most 300)")
        else:
            continue
        if found := harness_words(cell.source):
            problems.append(f"cell {index}: test-harness words: {', '.join(found)}")
    core = words(core_text(markdown))
    if core > MAX_CORE_WORDS:
        problems.append(f"core path (outside 'Deeper:' sections): {core:,} words (at most 3,000)")
    return problems


def enforce(name: str, problems: list[str], exceptions: dict[str, str]) -> str | None:
    """Fail for a chapter over budget that is not a known exception, and for a known exception
    that now meets the budget; return the reason for a known exception still over budget."""
    if name in exceptions:
        if not problems:
            raise AssertionError(
                f"{name} meets the lesson budget now: remove it from the list KNOWN_EXCEPTIONS "
                "in tests/test_lesson_budget.py"
            )
        return exceptions[name]
    if problems:
        raise AssertionError(f"{name} is over the lesson budget:\n" + "\n".join(problems))
    return None


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem[:2] for c in CHAPTERS])
def test_chapter_keeps_the_lesson_budget(chapter: Path) -> None:
    problems = budget_problems(nbformat.read(chapter, as_version=4))
    reason = enforce(chapter.stem, problems, KNOWN_EXCEPTIONS)
    if reason is not None:
        pytest.xfail(f"known exception ({reason}): {len(problems)} over, e.g. {problems[0]}")


def test_the_exception_list_is_short_and_names_real_chapters() -> None:
    assert set(KNOWN_EXCEPTIONS) <= {c.stem for c in CHAPTERS}
    assert not {"00_start_here", "01_neuron_and_nonlinearity"} & set(KNOWN_EXCEPTIONS)
    assert all(reason.strip() for reason in KNOWN_EXCEPTIONS.values())


# --- the budget test can fail ------------------------------------------------------------------


def _notebook(*cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return new_notebook(cells=list(cells))


def test_words_skip_code_maths_markup_and_link_targets() -> None:
    text = (
        "A **neuron** computes $z = \\sum_i w_i x_i + b$ with `x @ w + b` — see "
        "[chapter 01](01_neuron.ipynb) or press <kbd>Shift</kbd>.\n\n| a | b |\n|---|---|\n"
        "$$\nf(x) = \\max(0, x)\n$$\n```python\nprint('not words')\n```\n| 激活函数 | 1 |"
    )
    # A neuron computes with see chapter 01 or press Shift . a b 激活函数 1
    assert words(text) == 14


def test_a_long_code_cell_fails_and_25_lines_pass() -> None:
    ok = new_code_cell("\n".join(f"x{i} = {i}" for i in range(25)))
    long = new_code_cell("\n".join(f"x{i} = {i}" for i in range(26)))
    hidden = new_code_cell(long.source, metadata={"jupyter": {"source_hidden": True}})
    assert budget_problems(_notebook(ok)) == []
    assert budget_problems(_notebook(ok, long)) == ["cell 1: code cell of 26 lines (at most 25)"]
    assert budget_problems(_notebook(hidden)) == ["cell 0: code cell of 26 lines (at most 25)"]


def test_a_long_markdown_cell_fails() -> None:
    assert budget_problems(_notebook(new_markdown_cell("word " * 300))) == []
    problems = budget_problems(_notebook(new_markdown_cell("word " * 301)))
    assert problems == ["cell 0: markdown cell of 301 words (at most 300)"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("This cell is not compared by nbval.", "nbval"),
        ("# nbval-ignore-output: timings differ", "nbval"),
        ("Run it under pytest -W error.", "pytest"),
        ("The timing cell is not compared by the tests, since", "the tests"),
        ("minor ticks: a fifth of the redraw time", "redraw timing"),
        ("log-axis ticks are costly to redraw.", "redraw timing"),
        ("tick labels are much of what a redraw costs.", "redraw timing"),
        ("about 90 ms per redraw", "redraw timing"),
        ("both are slow to draw.", "drawing cost"),
        ("each one costs drawing time, too", "drawing cost"),
    ],
)
def test_harness_words_fail_in_markdown_and_in_code(text: str, name: str) -> None:
    for cell in (new_markdown_cell(text), new_code_cell(f"# {text}")):
        (problem,) = budget_problems(_notebook(cell))
        assert problem.startswith("cell 0: test-harness words:") and name in problem


@pytest.mark.parametrize(
    "text",
    [
        "Sliders redraw a figure when you let go of them.",
        "Compare the test accuracy of both networks; the test set is held out.",
        "Draw the decision boundary for a fast learning rate.",
        "The slopes come from the stored outputs $a$.",
    ],
)
def test_ordinary_words_are_not_harness_words(text: str) -> None:
    assert harness_words(text) == []


def test_the_core_path_skips_deeper_sections_and_fails_beyond_3000_words() -> None:
    body = [new_markdown_cell("word " * 250) for _ in range(12)]  # 3,000 words
    assert budget_problems(_notebook(*body)) == []
    over = [*body, new_markdown_cell("## Summary\n\none more")]
    (problem,) = budget_problems(_notebook(*over))
    assert problem == "core path (outside 'Deeper:' sections): 3,003 words (at most 3,000)"
    deeper = [
        *body,
        new_markdown_cell("## 9. Deeper: subgradients\n\n" + "word " * 200),
        new_markdown_cell("### 9.1 Still deeper\n\n" + "word " * 200),
        new_markdown_cell("## Summary\n\nthree more words"),  # back on the core path
    ]
    (problem,) = budget_problems(_notebook(*deeper))
    assert problem.endswith("3,004 words (at most 3,000)")  # + "Summary" and 3 words
    assert words(core_text(["## Deeper: x\n\nskip\n\n# Next\n\nkeep"])) == 2


def test_a_known_exception_that_meets_the_budget_must_leave_the_list() -> None:
    with pytest.raises(AssertionError, match="remove it from the list"):
        enforce("99_x", [], {"99_x": "chapter pass: issue 99"})
    assert enforce("99_x", ["cell 1: ..."], {"99_x": "chapter pass: issue 99"}) == (
        "chapter pass: issue 99"
    )
    with pytest.raises(AssertionError, match="over the lesson budget"):
        enforce("99_x", ["cell 1: code cell of 30 lines (at most 25)"], {})
    assert enforce("99_x", [], {}) is None
