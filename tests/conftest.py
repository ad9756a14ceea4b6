"""No figure outlives its test (the backend and the explorers' self-check are set in the
repository's root conftest.py, which the notebooks' kernels inherit too)."""

import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt  # after use("Agg") in the root conftest: never a GUI backend

    plt.close("all")
