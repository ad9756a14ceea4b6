"""The README's table of ``helpers`` modules lists every module, and only modules that exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPRECATED = {"train"}  # an old name kept for saved notebooks: not a module to learn


def documented() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The `helpers` package", 1)[1].split("\n## ", 1)[0]
    first_cells = re.findall(r"^\| ([^|]*)\|", section, flags=re.MULTILINE)
    return {name for cell in first_cells for name in re.findall(r"`(\w+)`", cell)}


def modules() -> set[str]:
    helpers = ROOT / "helpers"
    found = {p.stem for p in helpers.glob("*.py") if not p.stem.startswith("_")}
    found |= {p.name for p in helpers.iterdir() if (p / "__init__.py").is_file()}
    return found - DEPRECATED


def test_every_module_has_a_row() -> None:
    assert not modules() - documented(), "add a row to the README's helpers table"


def test_every_row_names_a_module() -> None:
    assert not documented() - modules(), "the README's helpers table names a missing module"
