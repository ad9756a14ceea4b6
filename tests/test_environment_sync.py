"""pyproject.toml (pip route) and environment.yml (conda/Binder route) must name the same packages.

A package added to one file and forgotten in the other breaks one of the two install routes
without any other test noticing, so the lists are compared here.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
# Only what conda itself provides differently: the interpreter and pip.
CONDA_ONLY = {"python", "pip"}
# conda-forge names that differ from PyPI's (conda-forge's "playwright" is the Node.js tool).
CONDA_TO_PYPI = {"playwright-python": "playwright"}


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _has_marker_excluding_current_python(requirement: str) -> bool:
    # e.g. "tomli>=2.0; python_version < '3.11'" is a backport conda does not need.
    return ";" in requirement and "python_version" in requirement


def pyproject_packages() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return {
        _name(r): r.split(";")[0].strip()
        for r in requirements
        if not _has_marker_excluding_current_python(r)
    }


def environment_packages() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and _name(dep) not in CONDA_ONLY:
            name = _name(dep)
            pypi_name = CONDA_TO_PYPI.get(name, name)
            found[pypi_name] = pypi_name + dep.strip()[len(name) :]
    return found


def test_same_package_names() -> None:
    pip_side, conda_side = set(pyproject_packages()), set(environment_packages())
    assert pip_side == conda_side, (
        f"only in pyproject.toml: {sorted(pip_side - conda_side)}; "
        f"only in environment.yml: {sorted(conda_side - pip_side)}"
    )


@pytest.mark.parametrize("name", sorted(pyproject_packages()))
def test_same_lower_bounds(name: str) -> None:
    pip_spec = pyproject_packages()[name]
    conda_spec = environment_packages().get(name, "")
    assert pip_spec.replace(" ", "") == conda_spec.replace(" ", ""), (pip_spec, conda_spec)


def test_no_exact_pins() -> None:
    # Exact pins break installs on newer Pythons; lower bounds only.
    pinned = [spec for spec in pyproject_packages().values() if "==" in spec]
    assert not pinned, f"exact pins found: {pinned}"


def test_environment_installs_the_course_package() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_blocks = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert any("-e ." in line for block in pip_blocks for line in block), (
        "environment.yml must install the course's own `helpers` package (pip: -e .)"
    )
