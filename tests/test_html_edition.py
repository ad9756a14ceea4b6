"""The static edition as a book (tools/build_book.py, book/conf.py), built once per session.

Every chapter has a page in the sidebar, in order, with every figure its notebook stores, its
explorers replaced by a note, in-page contents, previous/next and Binder/Colab links from
``[tool.course] repository``; the glossary page holds every chapter's terms; no page asks the
network for anything. The build's time goes to test-artifacts/html-build.json.

The last test opens the book from disk in Chromium with the network off (Playwright, as in
tests/test_e2e_browser.py, and skipped the same way when Playwright or Chromium is missing): the
formulas must be typeset and the search box must find a word of another chapter. It saves
screenshots of the index and a chapter page to test-artifacts/.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tools.add_launchers import read_repository
from tools.build_book import (
    WIDGET_VIEW,
    Chapter,
    build,
    chapter_title,
    explorer_note,
    glossary_entries,
    index_page,
    main,
    replace_widgets,
    stage,
    warnings,
)

# Builds the book in English and in Chinese, about 35 s: starts early (see conftest.py).
pytestmark = pytest.mark.first

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts"
REPOSITORY = read_repository(ROOT / "pyproject.toml", placeholder_ok=True)


@dataclass(frozen=True)
class Book:
    out: Path
    work: Path
    notebooks: Path
    chapters: list[Chapter]
    seconds: float

    def page(self, name: str) -> BeautifulSoup:
        return parse(self.out / name)


@functools.cache
def parse(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outputs_with(nb: nbformat.NotebookNode, mime: str) -> int:
    return sum(
        mime in output.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


@pytest.fixture(scope="session")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    root = tmp_path_factory.mktemp("book")
    # Built from a copy, which the tests read too: a notebook re-executed meanwhile (by
    # `course.py execute` in another terminal) must not make the book and the tests disagree.
    (root / "notebooks").mkdir()
    copies = [Path(shutil.copy2(path, root / "notebooks" / path.name)) for path in NOTEBOOKS]
    if shutil.which("npm") is None and not os.environ.get("CI"):  # CI must build the book
        pytest.skip("the book's MathJax comes from npm, which is missing: apt-get install npm")
    started = time.perf_counter()
    chapters = build(copies, root / "html", root / "work")
    seconds = time.perf_counter() - started
    ARTIFACTS.mkdir(exist_ok=True)
    record = {"chapters": len(chapters), "build_seconds": round(seconds, 1)}
    (ARTIFACTS / "html-build.json").write_text(json.dumps(record, indent=2) + "\n")
    return Book(root / "html", root / "work", root / "notebooks", chapters, seconds)


def test_the_book_builds_without_a_warning(book: Book) -> None:
    assert [c.source.name for c in book.chapters] == [path.name for path in NOTEBOOKS]
    assert warnings(book.work) == []
    for name in ("index.html", "glossary.html", "search.html", "searchindex.js"):
        assert (book.out / name).is_file(), name
    assert (book.out / "_static" / "mathjax" / "tex-svg-full.js").is_file()


def test_the_sidebar_lists_every_chapter_once_in_order_then_the_glossary(book: Book) -> None:
    for name in ("index.html", "06_sigmoid.html", "glossary.html"):
        home = book.page(name).select_one("a.navbar-brand")["href"]
        assert home == ("#" if name == "index.html" else "index.html")
        links = book.page(name).select("nav.bd-docs-nav a.reference")
        pages = [a["href"] for a in links]
        titles = [a.get_text(strip=True) for a in links]
        expected = [*(c.page for c in book.chapters), "glossary.html"]
        assert pages == [page if page != name else "#" for page in expected], name
        assert titles[:-1] == [c.title for c in book.chapters]  # "06 · Sigmoid", no "6. 06 ·"


def test_the_index_numbers_each_chapter_once(book: Book) -> None:
    article = book.page("index.html").select_one("article.bd-article")
    assert article is not None and not article.select("ol")
    rows = [row.select("td") for row in article.select("table tbody tr")]
    assert [cells[0].get_text(strip=True) for cells in rows] == [
        c.source.stem[:2] for c in book.chapters
    ]
    for cells, chapter in zip(rows, book.chapters, strict=True):
        link = cells[1].select_one("a")
        assert link is not None and link["href"] == chapter.page
        assert not re.match(r"\d", link.get_text(strip=True)), "the number is in its own column"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_chapter_page_has_every_figure_a_note_per_explorer_and_no_error(
    book: Book, path: Path
) -> None:
    nb = nbformat.read(book.notebooks / path.name, as_version=4)
    page = book.page(f"{path.stem}.html")
    figures = outputs_with(nb, "image/png")
    assert figures > 0, f"{path.name} stores no figure"
    images = page.select("article div.cell_output img")
    assert len(images) == figures
    for image in images:
        assert (book.out / image["src"]).is_file(), image["src"]
    assert not page.select(".output.stderr, .output.traceback, .output.error")
    assert len(page.select(".course-explorer-note")) == outputs_with(nb, WIDGET_VIEW)
    assert WIDGET_VIEW not in str(page)
    assert page.select("nav.page-toc a"), "no in-page contents"
    assert page.select_one("h1") and page.select_one("h1").get_text(strip=True).startswith(
        chapter_title(nb, path.stem)
    )


def test_previous_and_next_follow_the_chapter_order(book: Book) -> None:
    pages = ["index.html", *(c.page for c in book.chapters), "glossary.html"]
    for before, page, after in zip(pages, pages[1:], pages[2:], strict=False):
        soup = book.page(page)
        assert soup.select_one("a.left-prev")["href"] == before, page
        assert soup.select_one("a.right-next")["href"] == after, page


def test_each_chapter_has_binder_and_colab_links_from_the_repository_setting(book: Book) -> None:
    for chapter in book.chapters:
        hrefs = {a["href"] for a in book.page(chapter.page).select("a[href]")}
        notebook = f"notebooks/{chapter.source.name}"
        assert f"https://mybinder.org/v2/gh/{REPOSITORY}/main?urlpath=lab/tree/{notebook}" in hrefs
        assert f"https://colab.research.google.com/github/{REPOSITORY}/blob/main/{notebook}" in (
            hrefs
        )


def test_local_links_resolve_and_nothing_is_loaded_from_the_network(book: Book) -> None:
    for path in book.out.glob("*.html"):
        soup = parse(path)
        for link in soup.select("a[href]"):
            href = link["href"].split("#")[0].split("?")[0]
            if not href or "://" in link["href"] or href.startswith("mailto:"):
                continue
            assert (book.out / href).exists(), f"{path.name} links to missing {href}"
            assert not href.endswith(".ipynb") or href.startswith("_sources/"), href
        assets = [t.get("src") for t in soup.select("script[src], img[src]")]
        assets += [t.get("href") for t in soup.select("link[href]") if "icon" in t.get("rel", [])]
        assets += [t.get("href") for t in soup.select('link[rel="stylesheet"]')]
        remote = [a for a in assets if a and ("://" in a or a.startswith("//"))]
        assert not remote, f"{path.name} loads {remote}"


def test_the_glossary_page_holds_every_chapters_terms(book: Book) -> None:
    entries = {
        entry
        for path in NOTEBOOKS
        for entry in glossary_entries(nbformat.read(book.notebooks / path.name, 4))
    }
    assert len(entries) > 50
    rows = book.page("glossary.html").select("article table tbody tr")
    assert len(rows) == len(entries)
    text = {tuple(td.get_text(" ", strip=True) for td in row.select("td")[:2]) for row in rows}
    plain = {(e, c) for e, c in entries if not re.search(r"[$`*_\\]", e + c)}
    assert plain <= text


# --- the staging, on small made-up chapters: no Sphinx run ---------------------------------


def made_up_chapters(folder: Path) -> list[Path]:
    widget = new_output("display_data", data={WIDGET_VIEW: {"model_id": "m"}, "text/plain": "VBox"})
    first = new_notebook(cells=[new_markdown_cell("# 00 · One"), new_code_cell("w")])
    first.cells[1].outputs = [widget]
    first.metadata["widgets"] = {"state": "lots"}
    glossary = "## Summary\n\n### Glossary\n\n| English | 中文 |\n|---|---|\n| weight | 权重 |\n"
    second = new_notebook(cells=[new_markdown_cell("# 01 · Two\n[back](00_one.ipynb)")])
    second.cells.append(new_markdown_cell(glossary + "| bias \\| offset | 偏置 |\n\n## Next"))
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(first, folder / "00_one.ipynb")
    nbformat.write(second, folder / "01_two.ipynb")
    return [folder / "00_one.ipynb", folder / "01_two.ipynb"]


def test_staging_replaces_explorers_and_rewrites_only_what_changed(tmp_path: Path) -> None:
    paths = made_up_chapters(tmp_path / "notebooks")
    before = [digest(path) for path in paths]
    source = tmp_path / "source"
    source.mkdir()
    (source / "gone.ipynb").write_text("{}")
    chapters = stage(paths, source)
    assert [c.title for c in chapters] == ["00 · One", "01 · Two"]
    assert sorted(p.name for p in source.iterdir()) == [
        "00_one.ipynb", "01_two.ipynb", "glossary.md", "index.md",
    ]  # fmt: skip
    staged = nbformat.read(source / "00_one.ipynb", as_version=4)
    assert staged.cells[1].outputs[0]["data"] == {"text/html": explorer_note()}
    assert "widgets" not in staged.metadata
    assert [digest(path) for path in paths] == before  # the sources are as they were
    stamps = {p.name: p.stat().st_mtime_ns for p in source.iterdir()}
    time.sleep(0.01)
    stage(paths, source)
    assert {p.name: p.stat().st_mtime_ns for p in source.iterdir()} == stamps
    glossary = (source / "glossary.md").read_text(encoding="utf-8")
    assert "| bias \\| offset | 偏置 | [01](01_two.ipynb) |" in glossary
    assert glossary.index("bias") < glossary.index("weight")


def test_glossary_entries_come_from_the_table_under_the_glossary_heading() -> None:
    cell = new_markdown_cell(
        "## 10. Glossary · 术语表\n\nIntro.\n\n| English | 中文 |\n|---|---|\n"
        "| neuron | 神经元 |\n| weight / bias | 权重 / 偏置 |\n\n"
        "## Summary\n\n| a | b |\n|---|---|\n| not | this |"
    )
    nb = new_notebook(cells=[new_markdown_cell("| x | y |\n|---|---|\n| no | 不 |"), cell])
    assert glossary_entries(nb) == [("neuron", "神经元"), ("weight / bias", "权重 / 偏置")]
    assert glossary_entries(new_notebook(cells=[new_code_cell("1")])) == []


def test_index_page_gives_the_number_once_and_the_table_of_contents() -> None:
    chapters = [Chapter(Path("06_sigmoid.ipynb"), "06 · Sigmoid"), Chapter(Path("x.ipynb"), "X")]
    page = index_page(chapters)
    assert "| 06 | [Sigmoid](06_sigmoid.ipynb) |" in page
    assert "| x | [X](x.ipynb) |" in page
    assert "\n06_sigmoid\nx\n```" in page
    assert "06 · Sigmoid" not in page


def test_title_is_the_first_heading_or_the_file_name() -> None:
    nb = new_notebook(cells=[new_markdown_cell("Intro text"), new_markdown_cell("## 03 · Loss ##")])
    assert chapter_title(nb, "03_loss") == "03 · Loss"
    assert chapter_title(new_notebook(cells=[new_code_cell("1")]), "03_loss") == "03_loss"


def test_replace_widgets_counts_what_it_replaced() -> None:
    nb = new_notebook(cells=[new_code_cell("w")])
    nb.cells[0].outputs = [
        new_output("display_data", data={WIDGET_VIEW: {"model_id": "m"}}),
        new_output("stream", name="stdout", text="kept\n"),
    ]
    assert replace_widgets(nb) == 1
    assert nb.cells[0].outputs[1]["text"] == "kept\n"


def test_main_rejects_a_non_notebook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    assert main([str(tmp_path / "notes.txt"), "--out", str(tmp_path / "site")]) == 2
    assert "Not a notebook file" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


# --- the Chinese book ---------------------------------------------------------------------------


def test_the_chinese_book(tmp_path: Path) -> None:
    """`course.py html --lang zh` (three chapters, to keep it quick): the Chinese chapters, a
    front page from README.zh-CN.md, Sphinx's own words and the explorer notes in Chinese, and a
    search index that holds Chinese words (split by jieba)."""
    if shutil.which("npm") is None and not os.environ.get("CI"):
        pytest.skip("the book's MathJax comes from npm, which is missing: apt-get install npm")
    chinese = ROOT / "notebooks" / "zh"
    paths = [
        chinese / name for name in ("00_start_here.ipynb", "06_sigmoid.ipynb", "12_maxout.ipynb")
    ]
    out, work = tmp_path / "html", tmp_path / "work"
    assert main(["--lang", "zh", "--out", str(out), "--work", str(work), *map(str, paths)]) == 0
    assert "COURSE_LANG" not in os.environ
    index = parse(out / "index.html")
    assert index.html["lang"] == "zh-CN"
    assert index.title.text.strip().endswith("动手学激活函数")
    assert "这是课程的静态版" in index.text
    rows = [row.get_text(" ", strip=True) for row in index.select("article table tr")]
    assert any(row.startswith("06 Sigmoid") for row in rows), rows
    sigmoid = parse(out / "06_sigmoid.html")
    assert "交互式探索器" in sigmoid.text and "梯度消失" in sigmoid.text
    launch = [a["href"] for a in sigmoid.select("a[href*='colab']")]
    assert launch and all("notebooks/zh/06_sigmoid.ipynb" in href for href in launch), launch
    script = (out / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(script.removeprefix("Search.setIndex(").removesuffix(")"))["terms"]
    assert {"梯度", "激活", "饱和"} <= set(terms)


# --- in a real browser, from disk, with the network off ------------------------------------


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from lab_browser import launched_chromium

    with launched_chromium() as browser:
        yield browser


# Text a reader sees outside code: MathJax leaves none of the TeX delimiters behind.
PROSE_TEXT = """() => {
  const article = document.querySelector("article.bd-article").cloneNode(true);
  article.querySelectorAll("pre, code, script, .highlight").forEach((e) => e.remove());
  return article.innerText;
}"""
MATHJAX_DONE = """() => new Promise((done) => {
  const wait = () => window.MathJax && MathJax.startup && MathJax.startup.promise
    ? MathJax.startup.promise.then(() => done(true)) : setTimeout(wait, 50);
  wait();
})"""
UNTYPESET = """() => [...document.querySelectorAll("article span.math, article div.math")]
  .filter((e) => !e.querySelector("mjx-container svg"))
  .map((e) => e.textContent.slice(0, 80))"""


@pytest.mark.e2e
def test_offline_from_disk_the_maths_is_typeset_and_search_finds_another_chapter(
    book: Book, chromium: Any
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, offline=True)
    requested: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((book.out / "index.html").as_uri())
        page.screenshot(path=ARTIFACTS / "book-index.png")

        page.goto((book.out / "06_sigmoid.html").as_uri())
        page.evaluate(MATHJAX_DONE)
        assert page.locator("article span.math").count() > 20
        assert page.evaluate(UNTYPESET) == []
        prose = page.evaluate(PROSE_TEXT)
        assert "\\(" not in prose and "\\[" not in prose
        assert not re.search(r"\$[^$\s][^$\n]*\$", prose), "raw $…$ left in the text"
        page.screenshot(path=ARTIFACTS / "book-chapter.png")

        page.locator("button.search-button-field").first.click()
        box = page.locator("input[name=q]:visible").first
        box.fill("maxout")
        box.press("Enter")
        page.wait_for_url("**/search.html?q=maxout*")
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for(timeout=15_000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert any(href and href.startswith("12_maxout.html") for href in hrefs), hrefs
        page.screenshot(path=ARTIFACTS / "book-search.png")
    finally:
        context.close()
    assert errors == []
    assert requested and all(url.startswith("file://") for url in requested), [
        url for url in requested if not url.startswith("file://")
    ]
