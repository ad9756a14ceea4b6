from __future__ import annotations

import ast
import difflib
import re
from pathlib import Path

import nbformat
import pytest

import helpers
from tools.api_snapshot import SNAPSHOTS, public_api


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


# --- the version moves with the API, and chapters ask for what they use -------------------------


ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
_REQUIRE = re.compile(r"require_version\(\s*[\"']([\d.]+)[\"']\s*\)")


def snapshot(version: str) -> set[str]:
    path = SNAPSHOTS / f"{version}.txt"
    assert path.is_file(), f"no API snapshot for version {version} in tests/api/"
    return {re.split(r"[( ]", line, maxsplit=1)[0] for line in path.read_text().splitlines()}


def test_public_api_matches_the_snapshot_of_this_version() -> None:
    recorded = (SNAPSHOTS / f"{helpers.__version__}.txt").read_text().splitlines()
    changes = [line for line in difflib.unified_diff(recorded, public_api(), lineterm="", n=0)
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]  # fmt: skip
    assert not changes, (
        f"the public API differs from version {helpers.__version__}'s: bump helpers.__version__ "
        "and run `python3 -m tools.api_snapshot`\n" + "\n".join(changes[:20])
    )


def uses(nb: nbformat.NotebookNode) -> set[str]:
    """``helpers.module.name`` for every name a notebook imports from helpers."""
    names = set()
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.startswith(("%", "!"))
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("helpers"):
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem[:2])
def test_chapter_asks_for_a_version_that_has_what_it_uses(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    asked = {version for source in code for version in _REQUIRE.findall(source)}
    assert len(asked) == 1, f"{path.name}: one require_version(...) in the setup cell, got {asked}"
    (version,) = asked
    assert helpers._as_tuple(version) <= helpers._as_tuple(helpers.__version__)
    recorded = snapshot(version)
    modules = {name.rsplit(".", 1)[0] for name in recorded} | {"helpers"}
    missing = sorted(name for name in uses(nb) if name not in recorded and name not in modules)
    assert not missing, f"{path.name} asks for {version}, which does not have {missing}"


def test_the_snapshot_holds_nothing_of_this_machine() -> None:
    # A default such as Path(__file__).parent / "x" would put this clone's folder in the snapshot,
    # and the API test would fail on every other machine.
    lines = public_api()
    assert not [line for line in lines if str(ROOT) in line or "PosixPath" in line]
