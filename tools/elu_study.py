"""Chapter 10's learning-rate grid: ReLU and ELU, each at every rate of a grid, over 5 seeds.

    python3 course.py study 10                # run it, rewrite the results file (RESULTS)
    python3 -m tools.elu_study --check        # run it, only say whether the file matches

The network and the data are those of chapter 10, §5: five hidden layers of 32 units, He
initialisation, the three-armed spirals (300 training points, seed 0; validation seed 1; test
seed 2; all standardised with the training set's mean and spread), full-batch gradient descent for
100 epochs. For every (activation, rate, seed) the file keeps the validation and test losses
(``null`` where the run diverged) and each hidden layer's mean output after training, rounded to 5
significant digits. The grid costs about 30 training runs, a few seconds of one core: too much for
a chapter that must run in well under 10 s, which re-trains seed 0 at η = 0.03 instead and checks
that it gets the stored numbers. ``run`` is the chapter's own function, cell for cell.
"""

from __future__ import annotations

import sys
import time
from functools import cache
from pathlib import Path

import numpy as np

from helpers.data import spirals
from helpers.nn import Dense, SoftmaxCrossEntropy, mlp, train
from tools.activation_study import finish

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "notebooks" / "results" / "10_elu_rates.json"

NAMES = ("relu", "elu")
GRID = (0.03, 0.3, 1.0)
SEEDS = (0, 1, 2, 3, 4)
SIZES = [2, 32, 32, 32, 32, 32, 3]
EPOCHS = 100


@cache
def datasets() -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Training, validation and test sets, standardised with the training set's statistics."""
    drawn = [spirals(n=300, seed=seed) for seed in (0, 1, 2)]
    centre, scale = drawn[0][0].mean(axis=0), drawn[0][0].std(axis=0)
    return tuple(((X - centre) / scale, y) for X, y in drawn)


def run(activation: str, lr: float, seed: int) -> dict[str, float | list[float] | None]:
    """One training run: validation and test loss and each hidden layer's mean output after
    training, 5 significant digits (all None if the run diverged)."""
    (X, y), (X_val, y_val), (X_test, y_test) = datasets()
    cross_entropy = SoftmaxCrossEntropy()
    net = mlp(SIZES, activation, rng=seed)
    history = train(net, cross_entropy, X, y, epochs=EPOCHS, lr=lr)
    if history.diverged:
        return {"val": None, "test": None, "means": None}
    net.forward(X, record=True)
    hidden = [i for i, layer in enumerate(net.layers) if not isinstance(layer, Dense)]
    val, test = (
        cross_entropy.forward(net.forward(Xs), ys) for Xs, ys in ((X_val, y_val), (X_test, y_test))
    )
    return {
        "val": _round(val),
        "test": _round(test),
        "means": [_round(net.outputs[i].mean()) for i in hidden],
    }


def _round(value: float) -> float:
    return float(f"{value:.5g}")


def cell(name: str, lr: float) -> dict[str, list]:
    """One (activation, rate) of the grid: its validation and test losses and layer means, each
    a list over SEEDS (the layout ``helpers.study_rows.chosen_rate`` reads)."""
    runs = [run(name, lr, seed) for seed in SEEDS]
    return {key: [r[key] for r in runs] for key in ("val", "test", "means")}


def run_study() -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    results = {name: {f"{lr:g}": cell(name, lr) for lr in GRID} for name in NAMES}
    return {
        "about": "tools/elu_study.py; chapter 10, §5",
        "runs": len(NAMES) * len(GRID) * len(SEEDS),
        "seconds": round(time.perf_counter() - wall, 1),
        "cpu_seconds": round(time.process_time() - cpu, 1),
        "sizes": SIZES,
        "epochs": EPOCHS,
        "seeds": list(SEEDS),
        "grid": [f"{lr:g}" for lr in GRID],
        "results": results,
    }


def main(argv: list[str]) -> int:
    print(f"chapter 10's grid: {len(NAMES)} activations × {len(GRID)} learning rates × "
          f"{len(SEEDS)} seeds, {EPOCHS} epochs each")  # fmt: skip
    return finish(run_study(), RESULTS, "--check" in argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
