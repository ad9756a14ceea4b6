"""Shared test set-up: a non-interactive matplotlib backend, and no figure outlives its test."""

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt  # after use("Agg"), so pyplot never picks a GUI backend

    plt.close("all")
