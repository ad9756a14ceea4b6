"""Every chapter, in a real JupyterLab, in a real browser: Run All, no errors, a working slider.

For each notebook in notebooks/ the test opens the chapter in Chromium (driven by Playwright),
clears the stored outputs, runs Run → Run All Cells, and checks that every code cell ran, that
no error or stderr output and no broken widget appeared, and that the chapter's explorer shows a
figure. Then it drags the explorer's first slider (or picks another option of its first dropdown
when it has no slider) and waits for the figure to be replaced by a different image.

Screenshots land in test-artifacts/screenshots/ (git-ignored): ``NN_name.png`` with the explorer
after Run All, ``NN_name-changed.png`` after the slider moved, ``NN_name-failed.png`` on a failure.
test-artifacts/e2e-timings.json records, per chapter, the seconds Run All took and the
milliseconds from releasing the slider to the new figure on screen.

Needs Chromium (``apt-get install chromium``) and the Playwright package
(``pip install -e ".[e2e]"``); without either, the test is skipped and says which is missing.
``.ci/run`` installs both. ``pytest -m "not e2e"`` leaves it out; about 15 s a chapter.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from lab_browser import ChapterPage, JupyterLab, launched_chromium

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHAPTERS = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))

pytestmark = pytest.mark.e2e
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the Playwright package is not installed: pip install -e '.[e2e]' (see README)",
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def lab(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterLab]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    with JupyterLab(NOTEBOOKS, tmp_path_factory.mktemp("jupyterlab")) as server:
        yield server


@pytest.fixture(scope="module")
def timings() -> Iterator[dict[str, dict[str, float]]]:
    found: dict[str, dict[str, float]] = {}
    yield found
    if found:
        (ARTIFACTS / "e2e-timings.json").write_text(json.dumps(found, indent=2) + "\n")


def expected_prompts(notebook: str) -> list[str]:
    """The prompts of a complete run: "[1]:", "[2]:", ... and "" where a cell's code is hidden."""
    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    hidden = [cell.metadata.get("jupyter", {}).get("source_hidden", False) for cell in code]
    return ["" if hide else f"[{n}]:" for n, hide in enumerate(hidden, start=1)]


@pytest.mark.parametrize("notebook", CHAPTERS)
def test_chapter_runs_in_jupyterlab_and_its_slider_redraws(
    notebook: str, browser: Any, lab: JupyterLab, timings: dict[str, dict[str, float]]
) -> None:
    stem = Path(notebook).stem
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    chapter = ChapterPage(context.new_page(), lab, notebook)
    try:
        chapter.open()
        started = time.perf_counter()
        chapter.run_all()
        run_seconds = time.perf_counter() - started

        errors = chapter.error_outputs()
        assert not errors, f"{notebook} shows error output after Run All:\n" + "\n---\n".join(
            errors
        )
        assert chapter.prompts() == expected_prompts(notebook), "not every cell ran, in order"

        explorers = chapter.explorers()
        assert explorers.count() > 0, f"{notebook} shows no explorer (helpers.widgets.Explorer)"
        explorer = explorers.first
        explorer.scroll_into_view_if_needed()
        before = chapter.figure_src(explorer)
        assert before and before.startswith("data:image/png"), "the explorer shows no figure"
        chapter.page.screenshot(path=SCREENSHOTS / f"{stem}.png")

        change, released = chapter.change_one_control(explorer)
        chapter.wait_for_new_figure(explorer, before)
        redraw_ms = 1e3 * (time.perf_counter() - released)
        chapter.page.screenshot(path=SCREENSHOTS / f"{stem}-changed.png")
        assert not chapter.error_outputs(), f"error output after moving the {change}"
        timings[stem] = {"run_all_s": round(run_seconds, 1), "redraw_ms": round(redraw_ms)}
    except BaseException:
        chapter.page.screenshot(path=SCREENSHOTS / f"{stem}-failed.png")
        raise
    finally:
        context.close()
        lab.shut_down_kernels()


def test_the_checks_catch_an_error_and_a_figure_that_does_not_change(
    browser: Any, lab: JupyterLab
) -> None:
    # A chapter that should fail both checks: its explorer always shows the same figure, and
    # its last cell raises. Proves the selectors above are not silently matching nothing.
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import matplotlib.pyplot as plt\n"
            "from IPython.display import display\n"
            "from helpers.widgets import Explorer, float_slider\n"
            "fig, ax = plt.subplots()\n"
            "ax.plot([0, 1], [1, 0])\n"
            "explorer = Explorer(lambda w: fig, w=float_slider('w', 0.0, 1.0, 0.1, 0.5))\n"
            "display(explorer.widget)"
        ),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    nbformat.write(nb, lab.root / "zz_broken.ipynb")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    chapter = ChapterPage(context.new_page(), lab, "zz_broken.ipynb")
    try:
        chapter.open()
        chapter.run_all(timeout=60)
        assert any("ZeroDivisionError" in text for text in chapter.error_outputs())
        explorer = chapter.explorers().first
        before = chapter.figure_src(explorer)
        assert before and before.startswith("data:image/png")
        chapter.change_one_control(explorer)
        with pytest.raises(sync_api.TimeoutError):
            chapter.wait_for_new_figure(explorer, before, timeout=5)
    finally:
        context.close()
        lab.shut_down_kernels()
        (lab.root / "zz_broken.ipynb").unlink()
