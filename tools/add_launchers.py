"""Put "launch online" badges (Binder, Colab) into every chapter and the README.

    python3 -m tools.add_launchers                  # every chapter and the README
    python3 -m tools.add_launchers --check          # exit 1 if anything is out of date

The links need to know where the course lives on GitHub. That is ONE setting, in pyproject.toml:

    [tool.course]
    repository = "OWNER/NAME"     # a fork changes this line, runs this tool, and re-executes

Each notebook gets two cells, found again on later runs by ``metadata["launcher"]`` (so the tool
is idempotent: a second run changes nothing, a changed setting rewrites only the links):

- right after the title cell, a markdown cell with a Binder and a Colab badge for that chapter;
- just before the first code cell, a code cell that installs the course's ``helpers`` package
  when, and only when, the notebook runs on Google Colab (Colab starts from a bare Python with
  numpy, scipy, matplotlib and ipywidgets but without this repository). It installs with
  ``--no-deps``, so Colab's own, preinstalled versions of those libraries stay untouched.

Binder needs no cell: it builds from environment.yml, whose ``pip: -e .`` installs ``helpers``
from the repository root. The README gets the same badges between its ``launchers`` markers.
After running this tool, re-execute the notebooks (``python3 course.py execute``): the new code
cell shifts the execution counts.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path
from urllib.parse import quote

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
BRANCH = "main"
PLACEHOLDER = "OWNER/NAME"
START = "notebooks/00_start_here.ipynb"
README_BEGIN, README_END = "<!-- launchers:begin -->", "<!-- launchers:end -->"
REPOSITORY = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
BINDER_BADGE = "https://mybinder.org/badge_logo.svg"
COLAB_BADGE = "https://colab.research.google.com/assets/colab-badge.svg"


def read_repository(pyproject: Path = ROOT / "pyproject.toml", placeholder_ok: bool = False) -> str:
    """``[tool.course] repository`` from pyproject.toml, checked to look like ``OWNER/NAME``
    (and, unless ``placeholder_ok``, to be a real one rather than the template's placeholder)."""
    settings = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    repository = settings.get("tool", {}).get("course", {}).get("repository")
    if not isinstance(repository, str) or not REPOSITORY.match(repository):
        raise ValueError(
            f'[tool.course] repository in {pyproject.name} must be "OWNER/NAME" on GitHub, '
            f"got {repository!r}"
        )
    if repository == PLACEHOLDER and not placeholder_ok:
        raise ValueError(
            f"[tool.course] repository in {pyproject.name} is still the placeholder "
            f"{PLACEHOLDER!r}: set it to the GitHub repository that hosts the course"
        )
    return repository


def binder_url(repository: str, path: str) -> str:
    urlpath = quote(f"lab/tree/{path}", safe="")
    return f"https://mybinder.org/v2/gh/{repository}/{BRANCH}?urlpath={urlpath}"


def colab_url(repository: str, path: str) -> str:
    return f"https://colab.research.google.com/github/{repository}/blob/{BRANCH}/{path}"


def badges(repository: str, path: str) -> str:
    """Markdown for a Binder and a Colab badge that open ``path`` (relative to the repo root)."""
    return (
        f"[![Launch on Binder]({BINDER_BADGE})]({binder_url(repository, path)}) "
        f"[![Open in Colab]({COLAB_BADGE})]({colab_url(repository, path)})"
    )


def colab_install(repository: str) -> str:
    """The guarded install cell: a no-op everywhere but on Google Colab."""
    return (
        "# On Google Colab only: install the course's `helpers` package (elsewhere it is there).\n"
        "import sys\n"
        "\n"
        'if "google.colab" in sys.modules:\n'
        '    %pip install --quiet --no-deps "activation-course-helpers @ '
        f'git+https://github.com/{repository}@{BRANCH}"'
    )


def _take(nb: NotebookNode, kind: str) -> NotebookNode | None:
    """Remove and return the launcher cell of this kind, if the notebook has one."""
    for index, cell in enumerate(nb.cells):
        if cell.metadata.get("launcher") == kind:
            return nb.cells.pop(index)
    return None


def add_launchers(nb: NotebookNode, repository: str, path: str) -> bool:
    """Insert or refresh both launcher cells of ``nb`` in place; return whether anything changed.

    ``path`` is the notebook's path inside the repository, e.g. ``notebooks/06_sigmoid.ipynb``.
    An existing cell whose source is already right keeps its outputs and execution count.
    """
    before = copy.deepcopy(nb)
    cells = {}
    for kind, text, new_cell in (
        ("badges", badges(repository, path), new_markdown_cell),
        ("colab-install", colab_install(repository), new_code_cell),
    ):
        cell = _take(nb, kind) or new_cell(text, metadata={"launcher": kind})
        if cell.source != text:
            cell.source = text
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        cells[kind] = cell
    title = next(
        (
            i
            for i, c in enumerate(nb.cells)
            if c.cell_type == "markdown" and c.source.startswith("#")
        ),
        -1,
    )
    nb.cells.insert(title + 1, cells["badges"])
    first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), len(nb.cells))
    nb.cells.insert(first_code, cells["colab-install"])
    return nb != before


def update_readme(text: str, repository: str) -> str:
    """Replace what stands between the README's launcher markers with fresh badges."""
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"README.md needs the markers {README_BEGIN} and {README_END}")
    block = f"{README_BEGIN}\n{badges(repository, START)}\n"
    return text[:start] + block + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    try:
        repository = read_repository()
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    stale = []
    for path in [p.resolve() for p in args.notebooks] or sorted(NOTEBOOKS.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if add_launchers(nb, repository, path.relative_to(ROOT).as_posix()):
            stale.append(path.relative_to(ROOT).as_posix())
            if not args.check:
                nbformat.write(nb, path)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if (fresh := update_readme(text, repository)) != text:
        stale.append("README.md")
        if not args.check:
            readme.write_text(fresh, encoding="utf-8")
    verb = "out of date" if args.check else "updated"
    print(f"{len(stale)} file(s) {verb}{': ' if stale else ''}{', '.join(stale)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
