"""Shared test set-up: a non-interactive matplotlib backend, no figure outlives its test, and
every explorer a notebook makes under nbval verifies itself (helpers.widgets.Explorer.verify):
the kernels nbval starts inherit this environment."""

import os

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ["HELPERS_VERIFY_EXPLORERS"] = "1"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt  # after use("Agg"), so pyplot never picks a GUI backend

    plt.close("all")
