"""Set-up for every test, the notebooks included (``pytest notebooks/08_relu.ipynb`` loads it too):
a non-interactive matplotlib backend, explorers that verify themselves under nbval (the kernels
nbval starts inherit ``HELPERS_VERIFY_EXPLORERS``), and how the suite is split across cores.

``python3 course.py test`` runs pytest-xdist with ``--dist loadgroup``: tests are handed to the
workers one by one, except those that must stay together, which are grouped here. A notebook's
cells share one kernel and run in order, so a notebook is one group; a test file whose tests
share a module-scoped fixture (a JupyterLab server, a graded batch of submissions) is one group,
so the fixture is built once.
"""

import os

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ["HELPERS_VERIFY_EXPLORERS"] = "1"

_SHARED_SCOPES = {"module", "package", "class"}


def _shares_a_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info is not None else []
    return any(fixture.scope in _SHARED_SCOPES for chain in definitions for fixture in chain)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.suffix == ".ipynb" or _shares_a_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.path.name))
