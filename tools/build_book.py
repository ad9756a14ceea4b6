"""Build the static edition as a book: every chapter, a glossary, sidebar, search, offline maths.

    python3 course.py html                                # every chapter -> dist/html/
    python3 course.py html --out site notebooks/0[0-4]*.ipynb
    python3 course.py html --lang zh                      # the Chinese chapters -> dist/html-zh/

Sphinx renders the book with myst-nb and sphinx-book-theme (configuration: ``book/conf.py``)
from the outputs stored in the notebooks: the committed notebooks are executed and nbval checks
those outputs, so no kernel runs here. This module only stages what Sphinx reads, in
``build/book/`` (``--work``):

- each chapter, with every explorer's live widget (which needs a kernel) replaced by a note;
  the static figure that follows every explorer carries the idea on the page;
- ``index.md``: the course's title, its first paragraph, the chapter table from README.md and
  the table of contents the sidebar is made of;
- ``glossary.md``: every chapter's English ↔ 中文 glossary, merged into one table.

Formulas are typeset by MathJax 3 from npm, pinned by ``book/package-lock.json``: ``npm ci``
installs it into ``build/book/npm/`` on the first build, and its one self-contained file is
served from the book's ``_static/mathjax/``. Staged files are rewritten only when their content
changes, so a second build re-renders only the chapters that changed. Open
``dist/html/index.html`` in a browser (it works from disk, with no network), or publish the
folder as is. With ``--lang zh`` the book is made of ``notebooks/zh/``, its front page comes from
README.zh-CN.md, its own sentences from the course's catalogue and Sphinx's from Sphinx's, and
its search splits Chinese into words with jieba.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_output

from helpers.i18n import LANGUAGES, language, speaking, tr

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CONF = ROOT / "book"
WORK = ROOT / "build" / "book"
MATHJAX = "tex-svg-full.js"  # MathJax 3's one-file build: TeX with every extension, SVG output
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def explorer_note() -> str:
    """What replaces an explorer's widget on the page, in the course language."""
    title = tr("Interactive explorer")
    text = tr(
        "Its controls need a running kernel: open this chapter in JupyterLab, or launch it on"
        " Binder or Colab (the rocket button at the top of the page). The static figure that"
        " follows shows the same idea at a few settings."
    )
    return (
        '<div class="admonition note course-explorer-note">'
        f'<p class="admonition-title">{title}</p><p>{text}</p></div>'
    )


def readme_path() -> Path:
    """README.md, or the README of the course language (README.zh-CN.md)."""
    code = language()
    return ROOT / (
        "README.md" if code == "en" else f"README.{LANGUAGES[code]}.md".replace("_", "-")
    )


HEADING = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)
TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
CELL_SPLIT = re.compile(r"(?<!\\)\|")
NOTEBOOK_LINK = re.compile(r"\[(?P<name>[^\]]+)\]\((?:notebooks/(?:zh/)?)?(?P<file>[^)]+\.ipynb)\)")


@dataclass(frozen=True)
class Chapter:
    source: Path
    title: str

    @property
    def docname(self) -> str:
        return self.source.stem

    @property
    def page(self) -> str:
        return f"{self.docname}.html"


def chapter_title(nb: NotebookNode, fallback: str) -> str:
    """The notebook's first markdown heading: ``# 06 · Sigmoid`` gives ``06 · Sigmoid``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and (match := HEADING.search(cell.source)):
            return match["title"]
    return fallback


def course_heading() -> str:
    """The course's name: the README's first heading."""
    readme = readme_path()
    match = HEADING.search(readme.read_text(encoding="utf-8")) if readme.exists() else None
    return match["title"] if match else "Course"


def replace_widgets(nb: NotebookNode) -> int:
    """Swap every live-widget output for the explorer note, in place; return how many."""
    replaced = 0
    for cell in nb.cells:
        for index, output in enumerate(cell.get("outputs", [])):
            if WIDGET_VIEW in output.get("data", {}):
                note = new_output("display_data", data={"text/html": explorer_note()})
                cell.outputs[index] = note
                replaced += 1
    nb.metadata.pop("widgets", None)
    return replaced


def table_rows(lines: list[str]) -> list[list[str]]:
    """The body rows of the first markdown table in ``lines`` (header and rule left out)."""
    rows, started = [], False
    for line in lines:
        match = TABLE_ROW.match(line)
        if not match:
            if started:
                break
            continue
        started = True
        cells = [cell.strip() for cell in CELL_SPLIT.split(match["cells"])]
        if not all(re.fullmatch(r":?-{3,}:?", cell) for cell in cells):
            rows.append(cells)
    return rows[1:]  # the first row is the header


def glossary_entries(nb: NotebookNode) -> list[tuple[str, str]]:
    """(English, 中文) pairs from the table under the chapter's "Glossary" heading."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for at, line in enumerate(lines):
            heading = HEADING.match(line)
            if heading and "glossary" in heading["title"].lower():
                after = lines[at + 1 :]
                end = next((i for i, rest in enumerate(after) if HEADING.match(rest)), None)
                return [(r[0], r[1]) for r in table_rows(after[:end]) if len(r) >= 2 and r[0]]
    return []


def glossary_page(chapters: list[Chapter], notebooks: list[NotebookNode]) -> str:
    """One table of every chapter's glossary: a term met in several chapters is listed once."""
    where: dict[tuple[str, str], list[Chapter]] = {}
    for chapter, nb in zip(chapters, notebooks, strict=True):
        for entry in dict.fromkeys(glossary_entries(nb)):
            where.setdefault(entry, []).append(chapter)
    rows = [
        f"| {english} | {chinese} | "
        + ", ".join(f"[{c.docname[:2]}]({c.source.name})" for c in found)
        + " |"
        for (english, chinese), found in sorted(
            where.items(), key=lambda item: re.sub(r"[^\w ]", "", item[0][0]).casefold()
        )
    ]
    return "\n".join(
        [
            "# Glossary · 术语表",
            "",
            tr(
                "Every term the chapters introduce, English ↔ 中文, with the chapters that"
                " introduce it (each chapter ends with its own list)."
            ),
            "",
            tr("| English | 中文 | Chapters |"),
            "|---|---|---|",
            *rows,
            "",
        ]
    )


def readme_chapter_table() -> dict[str, tuple[str, str]]:
    """README's chapter table: notebook file name -> (short title, what you will see)."""
    readme = readme_path()
    if not readme.exists():
        return {}
    text = readme.read_text(encoding="utf-8")
    start = text.find("\n## " + tr("Chapters"))
    if start < 0:
        return {}
    found = {}
    for cells in table_rows(text[start:].splitlines()):
        link = NOTEBOOK_LINK.fullmatch(cells[1])
        if link and len(cells) >= 3:
            found[link["file"]] = (link["name"], cells[2])
    return found


def index_page(chapters: list[Chapter]) -> str:
    """The book's front page: title, the README's first paragraph, the chapters (numbered
    once: the number in its own column, the title without it) and the hidden tables of
    contents the sidebar is built from."""
    path = readme_path()
    readme = path.read_text(encoding="utf-8") if path.exists() else ""
    paragraphs = [p.strip() for p in readme.split("\n\n") if p.strip()]
    # The first paragraph of prose: not a heading, not the line of links to other languages.
    intro = next((p for p in paragraphs if not p.startswith(("#", "English ·", "[English]"))), "")
    described = readme_chapter_table()
    rows = []
    for chapter in chapters:
        number, _, name = chapter.title.partition(" · ")
        if not name:
            number, name = chapter.docname[:2], chapter.title
        short, what = described.get(chapter.source.name, (name, ""))
        rows.append(f"| {number} | [{short}]({chapter.source.name}) | {what} |")
    toc = "\n".join(chapter.docname for chapter in chapters)
    about = tr(
        "This is the course's static edition: every chapter with its text, code, outputs and "
        "figures, readable without Python. To run the code and move the sliders, open a chapter "
        "in JupyterLab (`python3 course.py lab`), or launch it on Binder or Colab with the rocket "
        "button at the top of its page. The [glossary](glossary.md) lists every term "
        "English ↔ 中文."
    )
    return f"""# {course_heading()}

{intro}

{about}

{tr("| # | Chapter | What you will see |")}
|---|---|---|
{chr(10).join(rows)}

```{{toctree}}
:hidden:
:caption: {tr("Chapters")}

{toc}
```

```{{toctree}}
:hidden:
:caption: {tr("Reference")}

glossary
```
"""


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` unless the file already holds it (Sphinx re-reads only changed files)."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def stage(paths: list[Path], source: Path) -> list[Chapter]:
    """Write the chapters, index.md and glossary.md into ``source``; remove anything else."""
    notebooks = [nbformat.read(path, as_version=4) for path in paths]
    chapters = [
        Chapter(path, chapter_title(nb, path.stem))
        for path, nb in zip(paths, notebooks, strict=True)
    ]
    source.mkdir(parents=True, exist_ok=True)
    wanted = {"index.md", "glossary.md"}
    for chapter, nb in zip(chapters, notebooks, strict=True):
        staged = nbformat.from_dict(nbformat.reads(nbformat.writes(nb), as_version=4))
        replace_widgets(staged)
        write_if_changed(source / chapter.source.name, nbformat.writes(staged))
        wanted.add(chapter.source.name)
    write_if_changed(source / "index.md", index_page(chapters))
    write_if_changed(source / "glossary.md", glossary_page(chapters, notebooks))
    for old in source.iterdir():
        if old.is_file() and old.name not in wanted:
            old.unlink()
    return chapters


def install_mathjax(work: Path) -> Path:
    """MathJax as book/package-lock.json pins it, installed by ``npm ci`` into ``work/npm``
    (once: again only when the lock file changes); returns the file the book serves."""
    folder = work / "npm"
    script = folder / "node_modules" / "mathjax" / "es5" / MATHJAX
    lock = (CONF / "package-lock.json").read_bytes()
    if script.is_file() and (folder / "package-lock.json").read_bytes() == lock:
        return script
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "The book's MathJax is installed with npm, which is missing: install Node.js with"
            " npm (Debian/Ubuntu: apt-get install npm; macOS: brew install node)."
        )
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(CONF / name, folder / name)
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not script.is_file():
        raise RuntimeError(f"npm ci failed in {folder}:\n{done.stdout}\n{done.stderr}")
    return script


def build(paths: list[Path], out: Path, work: Path = WORK, quiet: bool = True) -> list[Chapter]:
    """Stage the chapters in ``work`` and have Sphinx render the book into ``out``.
    Raises ``RuntimeError`` with the reason when the build fails."""
    # MathJax is installed once per clone (build/book/npm), whatever ``work`` is: a build into a
    # temporary folder (the tests) must not download it again.
    mathjax = install_mathjax(WORK)
    chapters = stage(paths, work / "source")
    (out / "_static" / "mathjax").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(mathjax, out / "_static" / "mathjax" / MATHJAX)
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-j", "1", "-c", str(CONF),
        "-d", str(work / "doctrees"), "-w", str(work / "warnings.txt"),
        *(["-q"] if quiet else []),
        str(work / "source"), str(out),
    ]  # fmt: skip
    # book/conf.py reads the language from the environment (Sphinx's own words, the search).
    environment = dict(os.environ, COURSE_LANG=language())
    done = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=quiet, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"Sphinx failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return chapters


def warnings(work: Path = WORK) -> list[str]:
    """Sphinx's warnings from the last build in ``work`` (empty when it had none)."""
    path = work / "warnings.txt"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--out", type=Path, help="output folder (default: dist/html[-zh])")
    parser.add_argument("--work", type=Path, help="staged sources and Sphinx's cache")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default="en")
    args = parser.parse_args(argv)
    with speaking(args.lang):  # the staged pages' own sentences, and Sphinx's (book/conf.py)
        return _build(args)


def _build(args: argparse.Namespace) -> int:
    suffix = "" if args.lang == "en" else f"-{args.lang}"
    args.out = args.out or Path(f"dist/html{suffix}")
    args.work = args.work or WORK.with_name(f"book{suffix}")
    chapters_folder = NOTEBOOKS if args.lang == "en" else NOTEBOOKS / args.lang
    paths = args.notebooks or sorted(chapters_folder.glob("*.ipynb"))
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            print(f"Not a notebook file: {path}", file=sys.stderr)
            return 2
    if not paths:
        print("No notebooks found.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    try:
        chapters = build(paths, args.out.resolve(), args.work.resolve())
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    for line in warnings(args.work.resolve()):
        print(line, file=sys.stderr)
    print(f"{len(chapters)} chapters -> {args.out / 'index.html'} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
