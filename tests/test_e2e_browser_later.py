"""The second half of the real-browser test (see test_e2e_browser.py): chapters 08–14, and one
Chinese chapter, whose checks must answer in Chinese."""

from __future__ import annotations

import re
from typing import Any

import pytest
from lab_browser import CHAPTERS, JupyterLab, run_chapter

pytestmark = pytest.mark.e2e
pytest.importorskip(
    "playwright.sync_api",
    reason="the Playwright package is not installed: pip install -e '.[e2e]' (see README)",
)


@pytest.mark.parametrize("notebook", [c for c in CHAPTERS if c >= "08"])
def test_chapter_runs_in_jupyterlab_and_its_slider_redraws(
    notebook: str, window: Any, lab: JupyterLab, timings: dict[str, dict[str, float]]
) -> None:
    run_chapter(notebook, window, lab, timings)


def test_a_chinese_chapter_runs_and_its_checks_answer_in_chinese(
    window: Any, lab: JupyterLab, timings: dict[str, dict[str, float]]
) -> None:
    outputs = run_chapter("zh/00_start_here.ipynb", window, lab, timings)
    # A check's line is "✓ name: ..."; a measured claim's "✓ ..." is code output and stays English.
    passed = [
        line for text in outputs for line in text.splitlines() if re.match(r"✓ [a-z_]+: ", line)
    ]
    assert len(passed) == 2, f"the two checks of chapter 00 did not both pass: {outputs}"
    assert all(re.search(r"[\u4e00-\u9fff]", text) for text in passed), passed
