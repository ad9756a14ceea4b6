"""tools.tampering: what the grader flags, what it leaves alone, and how --sandbox chooses."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools import sandbox
from tools.tampering import chapter_code_lines, find_tampering

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("code", "what"),
    [
        ("get_ipython().input_transformers_post.append(f)", "IPython's input handling"),
        ("shell.run_cell = fake", "the kernel's cell runner"),
        ("import builtins\nbuiltins.open = fake", "Python's builtins"),
        ("__builtins__['print'] = fake", "Python's builtins"),
        ("import sys\nsys.meta_path.insert(0, Finder())", "the import system"),
        ("sys.modules['helpers.checks'] = fake", "sys.modules"),
        ("from importlib import import_module", "importlib"),
        ("exec(bytes.fromhex('00').decode())", "exec()"),
        ("eval('1')", "eval()"),
        ("getattr(shell, 'run_' + 'cell')", "getattr() with a computed name"),
        ("setattr(shell, name, f)", "setattr()"),
        ("vars(shell)['x'] = 1", "vars()"),
        ("from operator import attrgetter\nattrgetter('meta_path')(sys)", "meta_path"),
        ("[e.reference for e in check.exercises]", "check tables"),
        ("import helpers.checks._runner as r", "the check runner"),
        ("f.__globals__['x'] = 1", "another function's globals"),
        ("%time exec('1')", "exec()"),
    ],
)
def test_each_construct_is_found_and_named(code: str, what: str) -> None:
    finding = find_tampering([(1, "import numpy as np"), (7, code)], frozenset())
    assert finding is not None and finding.startswith("cell 7 (`") and what in finding, finding


def test_ordinary_answers_are_not_flagged() -> None:
    cells = [
        (1, "import numpy as np\nfrom helpers.checks import check_relu"),
        (2, "def relu(x):\n    return np.maximum(x, 0.0)\n\n\ncheck_relu(relu, relu_derivative)"),
        (3, "%timeit relu(np.ones(10))\nresult = getattr(np, 'maximum')(1, 2)"),
        (4, "import subprocess, os\nos.makedirs('out', exist_ok=True)"),
    ]
    assert find_tampering(cells, frozenset()) is None


def test_the_chapters_own_lines_are_left_alone() -> None:
    code = "import importlib"
    assert find_tampering([(3, code)], chapter_code_lines([code])) is None
    assert find_tampering([(3, code + "\nexec('x')")], chapter_code_lines([code])) is not None


@pytest.mark.parametrize(
    "chapter", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem
)
def test_no_chapter_code_would_be_flagged(chapter: Path) -> None:
    # So a learner who edits any line of the chapter is not flagged for the chapter's own code.
    nb = nbformat.read(chapter, as_version=4)
    cells = [(i, c.source) for i, c in enumerate(nb.cells, 1) if c.cell_type == "code"]
    assert find_tampering(cells, frozenset()) is None


def test_sandbox_modes(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    assert sandbox.choose("none") == "none"
    with pytest.raises(ValueError, match="must be one of"):
        sandbox.choose("docker")
    monkeypatch.setattr(sandbox, "bwrap_works", lambda: (False, "no namespaces here"))
    with pytest.raises(ValueError, match="--sandbox bwrap: no namespaces here"):
        sandbox.choose("bwrap")
    assert sandbox.choose("auto") == "none"
    assert "WITHOUT a sandbox: no namespaces here" in capsys.readouterr().err
    monkeypatch.setattr(sandbox, "bwrap_works", lambda: (True, ""))
    assert sandbox.choose("auto") == "bwrap"
