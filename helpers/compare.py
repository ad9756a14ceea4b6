"""One experiment, many activations: train the same network on the same task and measure it.

Folklore about activations ("ReLU trains faster", "sigmoid vanishes") is only worth what a
controlled comparison shows. ``compare`` trains one architecture per activation, per task and
per seed, changing nothing else except the initialisation, which is the one the registry gives
each activation (``initialisation_for``: He for the ReLU family and the smooth gates, Glorot for
sigmoid, tanh, hard sigmoid and identity, LeCun for SELU — the same rule ``nn.mlp`` applies),
and measures:

- ``final_loss`` and ``accuracy`` (classification) after the last epoch;
- ``epochs_to_threshold``: the first epoch whose loss is at most ``task.threshold`` (None if never);
- ``dead_fraction``: the share of hidden units whose derivative is 0 on every example after
  training — such a unit passes no gradient and cannot recover (dying ReLU, saturated ReLU6);
- ``gradient_ratio``: ‖∂L/∂W‖ of the first layer over that of the last, at initialisation —
  far below 1 means the gradient vanishes on its way down;
- ``ms_per_step``: wall-clock time of one training step (machine-dependent: never compare it
  across machines, only across activations within one run).

``summarise`` turns the runs into mean ± sample standard deviation (ddof = 1) per (task,
activation); a single run has no spread, and its std is None ("1 run" in the table).
``format_table`` prints it. Loss and accuracy are measured on the *training* data; for a
comparison on held-out data at each activation's own learning rate, see ``helpers.fair_compare``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from helpers.activations import initialisation_for, lookup
from helpers.data import curve_1d, spirals
from helpers.nn import Activation, BCEWithLogitsLoss, MSELoss, SoftmaxCrossEntropy, mlp, train

__all__ = ["Run", "Task", "compare", "format_table", "initialisation_for", "summarise"]

_LOSSES = {"softmax": SoftmaxCrossEntropy, "bce": BCEWithLogitsLoss, "mse": MSELoss}


@dataclass(frozen=True)
class Task:
    """A data set with the loss that fits it and the loss level that counts as "learned"."""

    name: str
    X: np.ndarray
    y: np.ndarray
    loss: str  # "softmax", "bce" or "mse"
    n_out: int
    threshold: float
    lr: float  # a learning rate at which the usual activations train without diverging

    @staticmethod
    def spirals(
        n: int = 300, classes: int = 3, seed: int = 0, threshold: float = 0.5, lr: float = 0.5
    ) -> Task:
        X, y = spirals(n=n, classes=classes, seed=seed)
        return Task(f"spirals ({classes} classes)", X, y, "softmax", classes, threshold, lr)

    @staticmethod
    def sine(n: int = 200, seed: int = 0, threshold: float = 0.02, lr: float = 0.02) -> Task:
        x, y = curve_1d(n=n, noise=0.0, seed=seed, kind="sine")
        return Task("sine regression", x, y, "mse", 1, threshold, lr)


@dataclass(frozen=True)
class Run:
    """The measurements of one training run (see the module docstring)."""

    task: str
    activation: str
    seed: int
    final_loss: float
    accuracy: float | None
    epochs_to_threshold: int | None
    dead_fraction: float
    gradient_ratio: float
    ms_per_step: float
    loss_curve: tuple[float, ...]
    diverged: bool


def _dead_fraction(model, X: np.ndarray) -> float:
    """Share of hidden units with f′(z) = 0 on every row of X."""
    with np.errstate(all="ignore"):  # a diverged model overflows here; it is reported as such
        model.forward(X, record=True)
    dead, total = 0, 0
    for index, layer in enumerate(model.layers):
        if isinstance(layer, Activation):
            z = model.outputs[index - 1]
            with np.errstate(all="ignore"):
                slopes = layer.activation.grad(z, **layer.settings)
            dead += int(np.sum(np.all(slopes == 0, axis=0)))
            total += z.shape[1]
    return dead / total if total else 0.0


def _one_run(task: Task, activation: str, seed: int, hidden: Sequence[int], epochs: int,
             lr: float, batch_size: int | None) -> Run:  # fmt: skip
    sizes = [task.X.shape[1], *hidden, task.n_out]
    model = mlp(sizes, activation, init=initialisation_for(activation), rng=seed)
    loss = _LOSSES[task.loss]()
    start = time.perf_counter()
    history = train(model, loss, task.X, task.y, epochs=epochs, lr=lr,
                    batch_size=batch_size, seed=seed, record_every=epochs)  # fmt: skip
    elapsed = time.perf_counter() - start
    batches = 1 if batch_size is None else -(-len(task.X) // batch_size)
    steps = max(1, len(history.loss)) * batches
    initial_norms = history.grad_norms[0]
    reached = [i + 1 for i, value in enumerate(history.loss) if value <= task.threshold]
    return Run(
        task=task.name,
        activation=activation,
        seed=seed,
        final_loss=history.loss[-1] if history.loss else float("nan"),
        accuracy=history.accuracy[-1] if history.accuracy else None,
        epochs_to_threshold=reached[0] if reached else None,
        dead_fraction=_dead_fraction(model, task.X),
        gradient_ratio=initial_norms[0] / max(initial_norms[-1], 1e-300),
        ms_per_step=1e3 * elapsed / steps,
        loss_curve=tuple(history.loss),
        diverged=history.diverged,
    )


def compare(
    tasks: Iterable[Task],
    activations: Iterable[str],
    seeds: Iterable[int] = (0, 1, 2),
    *,
    hidden: Sequence[int] = (16, 16, 16),
    epochs: int = 100,
    lr: float | None = None,
    batch_size: int | None = None,
) -> list[Run]:
    """Train ``mlp([d, *hidden, n_out], activation)`` for every task × activation × seed.

    ``lr=None`` uses each task's own learning rate (``Task.lr``); a number overrides it.
    """
    tasks, seeds = list(tasks), list(seeds)
    activations = [lookup(activation).name for activation in activations]  # unknown names fail here
    if not (tasks and activations and seeds):
        raise ValueError("tasks, activations and seeds must each name at least one item")
    return [
        _one_run(task, activation, seed, hidden, epochs, task.lr if lr is None else lr, batch_size)
        for task in tasks
        for activation in activations
        for seed in seeds
    ]


def _mean_std(values: Sequence[float]) -> tuple[float, float | None]:
    """Mean and sample standard deviation (ddof = 1); None for the spread of a single value."""
    array = np.asarray(values, dtype=float)
    return float(array.mean()), (float(array.std(ddof=1)) if array.size > 1 else None)


def summarise(runs: Iterable[Run]) -> list[dict[str, object]]:
    """Mean and sample standard deviation over seeds, one row per (task, activation), in order.

    ``epochs_to_threshold`` averages the runs that reached the threshold and reports how many
    did (``reached``), so a method that sometimes never learns is not flattered by the mean.
    Diverged runs are counted (``diverged``) and left out of the other means.
    """
    groups: dict[tuple[str, str], list[Run]] = {}
    for run in runs:
        groups.setdefault((run.task, run.activation), []).append(run)
    rows = []
    for (task, activation), group in groups.items():
        finished = [r for r in group if not r.diverged]
        reached = [r.epochs_to_threshold for r in group if r.epochs_to_threshold is not None]
        accuracies = [r.accuracy for r in finished if r.accuracy is not None]
        row: dict[str, object] = {"task": task, "activation": activation, "seeds": len(group)}
        row["diverged"] = len(group) - len(finished)
        for key in ("final_loss", "dead_fraction", "gradient_ratio", "ms_per_step"):
            values = [getattr(r, key) for r in finished]
            row[key] = _mean_std(values) if finished else None
        row["accuracy"] = _mean_std(accuracies) if accuracies else None
        row["epochs_to_threshold"] = _mean_std(reached) if reached else None
        row["reached"] = len(reached)
        rows.append(row)
    return rows  # fmt: skip


def format_table(rows: Sequence[dict[str, object]], *, timing: bool = False) -> str:
    """A fixed-width text table of ``summarise`` rows. Timing is opt-in: it differs per machine.
    A ``diverged`` column appears only when some run diverged; numbers too wide for their column
    (a loss of 1e12) switch to three significant digits, so the columns stay aligned."""

    def pm(value: object, fmt: str, width: int) -> str:
        if value is None:
            return "–"
        mean, std = value  # type: ignore[misc]
        if std is None:  # one run: no spread to show
            text = f"{mean:{fmt}} (1 run)"
            return text if len(text) < width else f"{mean:.3g} (1 run)"
        text = f"{mean:{fmt}} ± {std:{fmt}}"
        return text if len(text) < width else f"{mean:.3g} ± {std:.3g}"

    diverged = any(row["diverged"] for row in rows)
    header = f"{'activation':<13}{'train loss':>17}{'train acc.':>15}{'epochs to thr.':>20}"
    header += f"{'dead units':>15}{'grad first/last':>19}" + (f"{'ms/step':>15}" if timing else "")
    header += f"{'diverged':>10}" if diverged else ""
    lines, task = [], None
    for row in rows:
        if row["task"] != task:
            task = row["task"]
            lines += ["", str(task), header] if lines else [str(task), header]
        reached = f" ({row['reached']}/{row['seeds']})" if row["epochs_to_threshold"] else ""
        line = f"{row['activation']:<13}{pm(row['final_loss'], '.3f', 17):>17}"
        line += f"{pm(row['accuracy'], '.2f', 15):>15}"
        line += f"{pm(row['epochs_to_threshold'], '.0f', 20 - len(reached)) + reached:>20}"
        line += f"{pm(row['dead_fraction'], '.2f', 15):>15}"
        line += f"{pm(row['gradient_ratio'], '.2g', 19):>19}"
        line += f"{pm(row['ms_per_step'], '.2f', 15):>15}" if timing else ""
        line += f"{str(row['diverged']) + '/' + str(row['seeds']):>10}" if diverged else ""
        lines.append(line)
    return "\n".join(lines)
