"""Every chapter, in a real JupyterLab, in a real browser: Run All, no errors, a working slider.

For each notebook in notebooks/ the test opens the chapter in Chromium (driven by Playwright)
with File → Open from Path…, clears the stored outputs, runs Run → Run All Cells, and checks that
every code cell ran, that no error or stderr output and no broken widget appeared, and that the
chapter's explorer shows a figure. Then it drags the explorer's first slider (or picks another
option of its first dropdown when it has no slider), waits for the figure to be replaced by a
different image, and closes the chapter with File → Close and Shut Down Notebook…. One Chinese
chapter runs the same way, and its checks must answer in Chinese. JupyterLab is loaded once per
file, in one browser tab; after a chapter fails, the tab is reloaded before the next one.

The chapters are split over two files, this one (00–07) and test_e2e_browser_later.py (08–14
and the Chinese chapter), each with its own JupyterLab: ``--dist loadfile`` then runs the two
halves on two workers at once. The steps are ``lab_browser.run_chapter``; the fixtures are in
tests/conftest.py.

Screenshots land in test-artifacts/screenshots/ (git-ignored): ``NN_name.png`` with the explorer
after Run All, ``NN_name-changed.png`` after the slider moved, ``NN_name-failed.png`` on a failure.
test-artifacts/e2e-timings.json records, per chapter, the seconds Run All took and the
milliseconds from releasing the slider to the new figure on screen.

Needs Chromium (``apt-get install chromium``) and the Playwright package
(``pip install -e ".[e2e]"``); without either, the test is skipped and says which is missing.
``.ci/run`` installs both. ``pytest -m "not e2e"`` leaves it out. A chapter takes about 15–25 s
when the two files run side by side (its Run All, plus about 10 s to open, check and close it).
"""

from __future__ import annotations

from typing import Any

import nbformat
import pytest
from lab_browser import CHAPTERS, ChapterPage, JupyterLab, run_chapter

pytestmark = pytest.mark.e2e
sync_api = pytest.importorskip(
    "playwright.sync_api",
    reason="the Playwright package is not installed: pip install -e '.[e2e]' (see README)",
)


@pytest.mark.parametrize("notebook", [c for c in CHAPTERS if c < "08"])
def test_chapter_runs_in_jupyterlab_and_its_slider_redraws(
    notebook: str, window: Any, lab: JupyterLab, timings: dict[str, dict[str, float]]
) -> None:
    run_chapter(notebook, window, lab, timings)


def test_the_checks_catch_an_error_and_a_figure_that_does_not_change(
    window: Any, lab: JupyterLab
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
    chapter = ChapterPage(window, lab, "zz_broken.ipynb")
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
        chapter.close()
    finally:
        lab.shut_down_kernels()
        (lab.root / "zz_broken.ipynb").unlink()
