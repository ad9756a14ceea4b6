"""Set-up for every test, the notebooks included (``pytest notebooks/08_relu.ipynb`` loads it too):
a non-interactive matplotlib backend, and explorers that verify themselves under nbval (the
kernels nbval starts inherit ``HELPERS_VERIFY_EXPLORERS``).

``python3 course.py test`` spreads the suite over the cores with pytest-xdist ``--dist loadfile``
(when the browser tests run, one worker more than there are cores and those tests first: see
below and course.py):
each file runs whole on one worker, so a notebook's cells run in order in one kernel and a test
file's module-scoped fixtures (a JupyterLab server, a graded batch of submissions) are built once.
With a worker on every core, a BLAS that splits each matrix product over every core only makes
threads wait for each other (measured: chapter 02's kernel spent 6.9 CPU-s with two BLAS threads,
4.5 s with one), so the kernels the tests start use one thread each unless told otherwise.
"""

import os

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ["HELPERS_VERIFY_EXPLORERS"] = "1"
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The real-browser tests first, tests marked ``last`` at the end (a stable sort: every file
    keeps its own order). The browser tests are two files of several minutes each, and half of
    that is waiting; started last, as xdist's own order (by number of tests) would start them,
    they leave the other workers idle at the end. ``course.py test`` passes
    ``--no-loadscope-reorder`` when they run, so that xdist keeps this order."""
    items.sort(key=_rank)


def _rank(item: pytest.Item) -> int:
    """0 for the browser tests, 2 for tests marked ``last``, 1 for everything else."""
    if item.get_closest_marker("e2e"):
        return 0
    return 2 if item.get_closest_marker("last") else 1


# The Chinese chapters (notebooks/zh/) have the English chapters' code cells and outputs byte for
# byte (tests/test_translation.py checks that), so running them under nbval again would test
# nothing new.
collect_ignore = ["notebooks/zh"]
