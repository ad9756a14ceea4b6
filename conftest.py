"""Set-up for every test, the notebooks included (``pytest notebooks/08_relu.ipynb`` loads it too):
a non-interactive matplotlib backend, and explorers that verify themselves under nbval (the
kernels nbval starts inherit ``HELPERS_VERIFY_EXPLORERS``).

``python3 course.py test`` spreads the suite over the cores with pytest-xdist ``--dist loadfile``,
the longest files first (see below; with the browser tests, one worker more than there are cores:
see course.py). Each file runs whole on one worker, so a notebook's cells run in order in one
kernel and a test file's module-scoped fixtures (a JupyterLab server, a graded batch of
submissions) are built once.
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
    """Longest files first, so that the last files to finish are short ones (a stable sort: every
    file keeps its own order). ``course.py test`` passes ``--no-loadscope-reorder`` so that xdist
    keeps this order. Its own order puts the files with the most tests first, and so the two
    browser-test files (minutes each, half of it waiting) and the grading batches (tens of
    seconds) last, while the other workers idle. Without the browser tests, on two cores: 183 s
    in this order, 193 s in xdist's (one run each)."""
    items.sort(key=_rank)


def _rank(item: pytest.Item) -> int:
    """0 for the browser tests, 1 for tests marked ``first``, 2 for the chapters (several seconds
    each), 3 for everything else."""
    if item.get_closest_marker("e2e"):
        return 0
    if item.get_closest_marker("first"):
        return 1
    return 2 if item.path.suffix == ".ipynb" else 3


# The Chinese chapters (notebooks/zh/) have the English chapters' code cells and outputs byte for
# byte (tests/test_translation.py checks that), so running them under nbval again would test
# nothing new.
collect_ignore = ["notebooks/zh"]
