from __future__ import annotations

import pytest

import helpers


def test_version_is_exposed_and_matches_package_metadata() -> None:
    from importlib.metadata import version

    assert helpers.__version__ == version("activation-course-helpers")


def test_require_version_accepts_current_and_older() -> None:
    assert helpers.require_version(helpers.__version__) == helpers.__version__
    assert helpers.require_version("0.0.1") == helpers.__version__


def test_require_version_explains_how_to_fix_a_stale_install() -> None:
    with pytest.raises(RuntimeError, match=r"needs helpers >= 99\.0.*course\.py"):
        helpers.require_version("99.0")


def test_require_version_rejects_nonsense() -> None:
    with pytest.raises(ValueError, match="version"):
        helpers.require_version("latest")
