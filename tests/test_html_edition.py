"""The static HTML edition (tools/build_html.py): every chapter page, its figures, no errors."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools.build_html import (
    EXPLORER_NOTE,
    WIDGET_VIEW,
    Chapter,
    build,
    chapter_title,
    main,
    navigation,
    rewrite_links,
)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PNG_IMG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,')
ERROR_MARKERS = ('data-mime-type="application/vnd.jupyter.stderr"', "Traceback (most recent")


def outputs_with(nb: nbformat.NotebookNode, mime: str) -> int:
    return sum(
        mime in output.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


@pytest.fixture(scope="module")
def edition(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Chapter]]:
    out = tmp_path_factory.mktemp("html")
    return out, build(NOTEBOOKS, out)


def test_every_chapter_has_a_page_listed_in_the_index(edition) -> None:
    out, chapters = edition
    assert [c.source for c in chapters] == NOTEBOOKS
    index = (out / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', index)
    assert [href for href, _ in links] == [f"{path.stem}.html" for path in NOTEBOOKS]
    for (href, title), path in zip(links, NOTEBOOKS, strict=True):
        assert (out / href).is_file()
        first_line = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
        assert first_line == f"# {title}"  # the chapter's own title cell, e.g. "# 06 · Sigmoid"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_page_has_all_its_figures_and_no_error(edition, path: Path) -> None:
    out, _ = edition
    nb = nbformat.read(path, as_version=4)
    page = (out / f"{path.stem}.html").read_text(encoding="utf-8")
    figures = outputs_with(nb, "image/png")
    assert figures > 0, f"{path.name} stores no figure"
    assert len(PNG_IMG.findall(page)) == figures
    for marker in ERROR_MARKERS:
        assert marker not in page, f"{path.name}: error output in the page ({marker})"
    assert page.count("course-explorer-note") == outputs_with(nb, WIDGET_VIEW)
    assert WIDGET_VIEW not in page


def test_links_between_chapters_point_at_pages_that_exist(edition) -> None:
    out, _ = edition
    for page in out.glob("*.html"):
        hrefs = re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))
        local = [h.split("#")[0] for h in hrefs if "://" not in h and not h.startswith("#")]
        assert not [h for h in local if h.endswith(".ipynb")], page.name
        missing = [h for h in local if h.endswith(".html") and not (out / h).is_file()]
        assert not missing, f"{page.name} links to missing pages {missing}"


def test_the_source_notebooks_are_not_touched(tmp_path: Path) -> None:
    before = {path: path.read_bytes() for path in NOTEBOOKS[:2]}
    build(NOTEBOOKS[:2], tmp_path)
    assert {path: path.read_bytes() for path in NOTEBOOKS[:2]} == before


def test_rewrite_links_changes_only_relative_notebook_links() -> None:
    page = (
        '<a href="05_backpropagation.ipynb#5.-Blame">x</a> <a href="sub/07_tanh.ipynb">y</a> '
        '<a href="https://github.com/o/r/blob/main/notebooks/06_sigmoid.ipynb">z</a> '
        '<a href="/abs/08_relu.ipynb">w</a> <a href="notes.ipynb.txt">v</a>'
    )
    assert rewrite_links(page) == (
        '<a href="05_backpropagation.html#5.-Blame">x</a> <a href="sub/07_tanh.html">y</a> '
        '<a href="https://github.com/o/r/blob/main/notebooks/06_sigmoid.ipynb">z</a> '
        '<a href="/abs/08_relu.ipynb">w</a> <a href="notes.ipynb.txt">v</a>'
    )


def test_title_is_the_first_heading_or_the_file_name() -> None:
    nb = new_notebook(cells=[new_markdown_cell("Intro text"), new_markdown_cell("## 03 · Loss ##")])
    assert chapter_title(nb, "03_loss") == "03 · Loss"
    assert chapter_title(new_notebook(cells=[new_code_cell("1")]), "03_loss") == "03_loss"


def test_navigation_links_the_neighbours() -> None:
    chapters = [Chapter(Path(f"0{i}_x.ipynb"), f"0{i} · X") for i in range(3)]
    assert navigation(0, chapters) == "[Course index](index.html) · [01 · X →](01_x.html)"
    assert navigation(2, chapters) == "[Course index](index.html) · [← 01 · X](01_x.html)"
    assert "[← 00 · X](00_x.html)" in navigation(1, chapters)
    assert "[02 · X →](02_x.html)" in navigation(1, chapters)


def test_main_builds_a_small_course_and_rejects_a_non_notebook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    widget = new_output("display_data", data={WIDGET_VIEW: {"model_id": "m"}, "text/plain": "VBox"})
    first = new_notebook(cells=[new_markdown_cell("# 00 · One"), new_code_cell("w")])
    first.cells[1].outputs = [widget]
    second = new_notebook(cells=[new_markdown_cell("# 01 · Two\n[back](00_one.ipynb)")])
    nbformat.write(first, tmp_path / "00_one.ipynb")
    nbformat.write(second, tmp_path / "01_two.ipynb")
    out = tmp_path / "site"
    notebooks = [str(tmp_path / "00_one.ipynb"), str(tmp_path / "01_two.ipynb")]
    assert main([*notebooks, "--out", str(out)]) == 0
    assert "2 chapters" in capsys.readouterr().out
    assert EXPLORER_NOTE in (out / "00_one.html").read_text(encoding="utf-8")
    assert 'href="00_one.html"' in (out / "01_two.html").read_text(encoding="utf-8")
    (tmp_path / "notes.txt").write_text("hello")
    assert main([str(tmp_path / "notes.txt")]) == 2
    assert "Not a notebook file" in capsys.readouterr().err
