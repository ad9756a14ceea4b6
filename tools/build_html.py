"""Build the static HTML edition: one page per chapter and an index, readable without Python.

    python3 course.py html                                # every chapter -> dist/html/
    python3 course.py html --out site notebooks/0[0-4]*.ipynb

Each chapter is converted by nbconvert's ``HTMLExporter`` (JupyterLab's look) from the outputs
stored in the notebook: the committed notebooks are executed, and nbval checks that those outputs
are what the code produces, so no kernel runs here and a build takes seconds. On the way:

- links between chapters (``05_backpropagation.ipynb#...``) are pointed at the ``.html`` pages;
- an explorer's live widget, which needs a kernel, becomes a short note: the static
  small-multiples figure that follows every explorer carries the idea on the page;
- every page starts with a navigation line: the index, the previous and the next chapter.

``index.html`` lists the chapters under the title of each notebook's first heading. Figures are
embedded in the pages; formulas are typeset by MathJax, loaded from a CDN (offline they show as
their LaTeX source). Open ``dist/html/index.html`` in a browser, or publish the folder as is.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbformat import NotebookNode
from nbformat.v4 import new_markdown_cell, new_output

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
EXPLORER_NOTE = (
    '<div class="course-explorer-note" style="border-left: 4px solid #0072b2; padding: 0.4em 1em;'
    ' background: #f3f8fc;"><strong>Interactive explorer.</strong> Its controls need a running'
    " kernel: open this chapter in JupyterLab (or launch it on Binder or Colab) to use them. The"
    " static figure that follows shows the same idea at a few settings.</div>"
)
# href="…x.ipynb" or "…x.ipynb#part" — relative links only: no scheme, not site-absolute.
NOTEBOOK_LINK = re.compile(
    r'href="(?P<target>(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)[^"#?]*)\.ipynb(?P<rest>[#?][^"]*)?"'
)
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Chapter:
    source: Path
    title: str

    @property
    def page(self) -> str:
        return f"{self.source.stem}.html"


def chapter_title(nb: NotebookNode, fallback: str) -> str:
    """The notebook's first markdown heading: ``# 06 · Sigmoid`` gives ``06 · Sigmoid``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and (match := HEADING.search(cell.source)):
            return match["title"]
    return fallback


def rewrite_links(page: str) -> str:
    """Point relative links to notebooks at the HTML pages built beside them."""
    return NOTEBOOK_LINK.sub(lambda m: f'href="{m["target"]}.html{m["rest"] or ""}"', page)


def replace_widgets(nb: NotebookNode) -> int:
    """Swap every live-widget output for the explorer note, in place; return how many."""
    replaced = 0
    for cell in nb.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            if WIDGET_VIEW in output.get("data", {}):
                note = new_output("display_data", data={"text/html": EXPLORER_NOTE})
                cell.outputs[index] = note
                replaced += 1
    nb.metadata.pop("widgets", None)
    return replaced


def navigation(index: int, chapters: list[Chapter]) -> str:
    """A markdown line: the index, and the previous and next chapters when there are any."""
    parts = ["[Course index](index.html)"]
    if index > 0:
        parts.append(f"[← {chapters[index - 1].title}]({chapters[index - 1].page})")
    if index + 1 < len(chapters):
        parts.append(f"[{chapters[index + 1].title} →]({chapters[index + 1].page})")
    return " · ".join(parts)


def index_page(chapters: list[Chapter], heading: str) -> str:
    items = "\n".join(
        f'    <li><a href="{html.escape(c.page)}">{html.escape(c.title)}</a></li>' for c in chapters
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(heading)}</title>
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
         line-height: 1.5; color: #1a1a1a; }}
  li {{ margin: 0.3em 0; }}
  a {{ color: #0059a0; }}
</style>
</head>
<body>
<h1>{html.escape(heading)}</h1>
<p>The static edition of the course: every chapter with its text, code, outputs and figures.
To run the code and move the sliders, open the notebooks in JupyterLab.</p>
<ol start="0">
{items}
</ol>
</body>
</html>
"""


def course_heading() -> str:
    """The course's name: the README's first heading."""
    readme = ROOT / "README.md"
    match = HEADING.search(readme.read_text(encoding="utf-8")) if readme.exists() else None
    return match["title"] if match else "Course"


def build(paths: list[Path], out: Path) -> list[Chapter]:
    """Write one page per notebook and index.html into ``out``; return the chapters in order."""
    notebooks = [nbformat.read(path, as_version=4) for path in paths]
    chapters = [
        Chapter(path, chapter_title(nb, path.stem))
        for path, nb in zip(paths, notebooks, strict=True)
    ]
    out.mkdir(parents=True, exist_ok=True)
    exporter = HTMLExporter(template_name="lab")
    for number, (chapter, nb) in enumerate(zip(chapters, notebooks, strict=True)):
        replace_widgets(nb)
        nb.cells.insert(0, new_markdown_cell(navigation(number, chapters)))
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": chapter.title}})
        (out / chapter.page).write_text(rewrite_links(body), encoding="utf-8")
    (out / "index.html").write_text(index_page(chapters, course_heading()), encoding="utf-8")
    return chapters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--out", type=Path, default=Path("dist/html"), help="output folder")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            print(f"Not a notebook file: {path}", file=sys.stderr)
            return 2
    if not paths:
        print("No notebooks found.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    chapters = build(paths, args.out)
    seconds = time.perf_counter() - started
    print(f"{len(chapters)} chapters -> {args.out / 'index.html'} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
