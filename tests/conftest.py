"""No figure outlives its test (the backend and the explorers' self-check are set in the
repository's root conftest.py, which the notebooks' kernels inherit too); and the fixtures of the
real-browser tests (test_e2e_browser*.py): module-scoped, so each of its files gets its own
browser and JupyterLab and the files can run on two workers at once."""

import json
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt  # after use("Agg") in the root conftest: never a GUI backend

    plt.close("all")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from lab_browser import launched_chromium

    with launched_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def lab(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from lab_browser import NOTEBOOKS, JupyterLab

    with JupyterLab(NOTEBOOKS, tmp_path_factory.mktemp("jupyterlab")) as server:
        yield server


@pytest.fixture(scope="module")
def window(browser: Any, lab: Any) -> Iterator[Any]:
    """One browser tab with JupyterLab loaded, shared by the chapters of a test file."""
    from lab_browser import lab_window

    with lab_window(browser, lab) as page:
        yield page


@pytest.fixture(scope="module")
def timings() -> Iterator[dict[str, dict[str, float]]]:
    """Per chapter, the seconds Run All took and the milliseconds a redraw took, merged into
    test-artifacts/e2e-timings.json (the two files' timings end up side by side)."""
    from lab_browser import ARTIFACTS

    found: dict[str, dict[str, float]] = {}
    yield found
    if found:
        path = ARTIFACTS / "e2e-timings.json"
        try:
            earlier = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            earlier = {}
        merged = dict(sorted({**earlier, **found}.items()))
        path.write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
