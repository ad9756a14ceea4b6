"""The layers of helpers, kept by its imports: maths and checks never draw, plots never check.

Every import in a helpers file (function-level ones included) is read with ``ast``; a forbidden
one fails with the file, the line and the rule it breaks.
"""

import ast
from pathlib import Path

import pytest

HELPERS = Path(__file__).resolve().parent.parent / "helpers"
DRAWING = ("matplotlib", "ipywidgets", "helpers.figures", "helpers.plotting", "helpers.landscape",
           "helpers.widgets", "helpers.sliders", "helpers.network_plot", "helpers.graph_plot",
           "helpers.neuron_plot", "helpers.compare_plot")  # fmt: skip
PLOTS = {"figures", "plotting", "landscape"}  # and every module named *_plot
CORE = {"_arrays", "activations", "softmax", "gradcheck", "autodiff", "nn", "training", "train",
        "data", "compare", "claims", "progress", "xor_race", "maxout_fit", "i18n"}  # fmt: skip
CORE |= {"fair_compare", "study_rows"}  # the comparison protocol of chapters 13 and 14
DIAGRAMS = {"figures", "network_plot", "graph_plot"}  # no registry or SciPy just to draw boxes


def rules(path: Path) -> dict[str, tuple[str, ...]]:
    """Forbidden import prefixes for one file, with the rule's name."""
    if path.parent.name == "checks":
        return {"checks never draw": DRAWING}
    found = {}
    if path.stem in CORE:
        found["the maths never draws"] = DRAWING
    if path.stem in PLOTS or path.stem.endswith("_plot"):
        found["plots never check"] = ("helpers.checks",)
    if path.stem in DIAGRAMS:
        found["diagrams need no registry"] = ("helpers.activations", "helpers.plotting", "scipy")
    return found


def imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            package = "helpers.checks" if path.parent.name == "checks" else "helpers"
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            found.append((node.lineno, f"{base}.{node.module}" if node.level else node.module))
    return found


@pytest.mark.parametrize("path", sorted(HELPERS.rglob("*.py")), ids=lambda p: p.stem)
def test_imports_keep_the_layers(path: Path) -> None:
    broken = [f"{path.name}:{line} imports {name} ({rule})"
              for rule, prefixes in rules(path).items() for line, name in imports(path)
              if any(name == p or name.startswith(p + ".") for p in prefixes)]  # fmt: skip
    assert not broken, "\n".join(broken)


def test_every_module_is_in_a_layer() -> None:
    others = {"__init__", "display", "widgets", "sliders"}
    plots = {p.stem for p in HELPERS.glob("*_plot.py")} | PLOTS
    unplaced = {p.stem for p in HELPERS.glob("*.py")} - CORE - plots - others
    assert not unplaced, f"put {sorted(unplaced)} in a layer above"
