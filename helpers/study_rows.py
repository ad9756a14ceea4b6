"""Rows of chapter 13's committed activation study, read for a few activations (chapter 14, §9).

The committed study files live in ``notebooks/results/`` (``RESULTS_DIR``): chapter 13's
(``13_activation_study.json``, the default) and chapter 10's learning-rate grid
(``10_elu_rates.json``). Chapter 13's file stores, for every task, bias
setting, activation and learning rate, the validation and test losses of each seed (``None`` where
a run diverged). A reader wants, per activation, the test losses at the rate chapter 13 would
choose (the lowest mean validation loss) and the paired comparison with a baseline:

- ``load_study``   a committed results file, as a dictionary.
- ``chosen_rate``  the learning rate validation chose for one activation.
- ``tuned_test_losses``  the test losses (one per seed) at the chosen learning rate.
- ``compare_with``  those losses for several activations, and each one's paired difference from
  the baseline's.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from helpers.fair_compare import Paired, choose_lr, paired_difference

__all__ = [
    "RESULTS_DIR",
    "STUDY_PATH",
    "chosen_rate",
    "compare_with",
    "load_study",
    "tuned_test_losses",
]

#: The folder of the committed study files.
RESULTS_DIR = Path(__file__).resolve().parents[1] / "notebooks" / "results"
#: Where chapter 13's study keeps its committed results.
STUDY_PATH = RESULTS_DIR / "13_activation_study.json"


def load_study(path: Path | str | None = None) -> dict[str, Any]:
    """A study's results file, parsed: ``STUDY_PATH`` (chapter 13's) unless ``path`` is given;
    a bare file name is looked up in ``RESULTS_DIR``, e.g. ``load_study("10_elu_rates.json")``."""
    path = STUDY_PATH if path is None else Path(path)
    if path.parent == Path("."):
        path = RESULTS_DIR / path
    if not path.is_file():
        known = ", ".join(sorted(p.name for p in RESULTS_DIR.glob("*.json")))
        raise FileNotFoundError(f"no study file {path}; the committed ones are: {known}")
    return json.loads(path.read_text(encoding="utf-8"))


def chosen_rate(grid: Mapping[str, Mapping[str, Sequence[float | None]]]) -> str:
    """The learning rate of ``grid`` (stored rate → its runs) with the lowest mean validation
    loss, as stored (e.g. ``"0.04"``); a diverged validation run (None) counts as infinite."""
    val = {
        float(lr): [math.inf if v is None else v for v in runs["val"]] for lr, runs in grid.items()
    }
    return f"{choose_lr(val):g}"


def tuned_test_losses(study: Mapping[str, Any], task: str, biases: str, name: str) -> np.ndarray:
    """Test losses of ``name`` on ``task`` (bias setting ``biases``), one per seed, at the
    ``chosen_rate`` of its grid."""
    grid = study["results"][task][biases][name]
    return np.array(grid[chosen_rate(grid)]["test"], dtype=float)


def compare_with(
    study: Mapping[str, Any],
    task: str,
    biases: str,
    names: Sequence[str],
    baseline: str = "relu",
) -> tuple[dict[str, np.ndarray], dict[str, Paired]]:
    """``(losses, versus)``: each name's tuned test losses, and its paired difference (name −
    baseline, per seed) from the baseline's; the baseline itself has no entry in ``versus``."""
    losses = {name: tuned_test_losses(study, task, biases, name) for name in {baseline, *names}}
    versus = {
        name: paired_difference(losses[name], losses[baseline])
        for name in names
        if name != baseline
    }
    return {name: losses[name] for name in names}, versus
