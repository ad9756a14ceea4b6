"""Set-up for every test, the notebooks included (``pytest notebooks/08_relu.ipynb`` loads it too):
a non-interactive matplotlib backend, and explorers that verify themselves under nbval (the
kernels nbval starts inherit ``HELPERS_VERIFY_EXPLORERS``).

``python3 course.py test`` spreads the suite over the cores with pytest-xdist ``--dist loadfile``:
each file runs whole on one worker, so a notebook's cells run in order in one kernel and a test
file's module-scoped fixtures (a JupyterLab server, a graded batch of submissions) are built once.
With a worker per core, a BLAS that splits each matrix product over every core only makes
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

# Longest first: with two workers the suite ends when the last long file does, so the files that
# take minutes start at once and the short ones fill in around them (xdist's own order, by number
# of tests, would start the browser tests last: they have few tests, each a whole chapter).
# `course.py test` passes --no-loadscope-reorder so that xdist keeps this order.
LONGEST_FIRST = [
    "tests/test_e2e_browser.py",
    "tests/test_e2e_browser_later.py",
    "tests/test_html_edition.py",
    "tests/test_grade.py",
    "notebooks/",
]


def _rank(item: pytest.Item) -> int:
    path = item.nodeid.split("::", 1)[0]
    return next(
        (rank for rank, start in enumerate(LONGEST_FIRST) if path.startswith(start)),
        len(LONGEST_FIRST),
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # stable: a file's own tests, and a notebook's cells, keep their order


# The Chinese chapters (notebooks/zh/) have the English chapters' code cells and outputs byte for
# byte (tests/test_translation.py checks that), so running them under nbval again would test
# nothing new.
collect_ignore = ["notebooks/zh"]
