"""A fair comparison of activations, written down once (chapters 13 and 14 use it).

"Activation A trains better than B" is worth only what the protocol behind it is worth. This one:

1. **Three samples of one problem.** A :class:`Benchmark` holds a training set, a validation set
   and a test set, drawn independently (seeds s, s + 1, s + 2) from the same distribution.
2. **The same network for everyone.** ``hidden`` layers of an MLP trained by full-batch gradient
   descent for ``epochs`` epochs. Weights come from the registry's initialiser
   (``helpers.activations.initialisation_for``). Two contestants are layers, not registry
   functions: ``"prelu"`` here is the *learned*-α layer ``helpers.nn.PReLU`` (α starts at 0.25,
   one α per layer, as in PyTorch), and ``"maxout"`` is ``helpers.nn.Maxout`` with k = 2 pieces
   (its own default initialiser; twice the weights of the others).
3. **Where the kinks start.** ``biases="zero"`` leaves every bias at 0, so every first-layer
   unit switches (z = 0) on a line through the origin — in 1-D, every kink sits at x = 0.
   ``biases="data"`` sets each first-layer unit's bias to b = −w·c with c a random training
   input, so the units switch where the data are (:func:`kink_biases`).
4. **Each its own learning rate.** Every learning rate of a stated grid is tried on every seed;
   the one with the lowest mean *validation* loss is the contestant's (a diverged seed counts as
   an infinite loss). Results are the *test* losses of those same runs (:func:`tune`).
5. **Spread and verdicts.** Means with the sample standard deviation (ddof = 1; one run has no
   spread, so none is given). "A beats B" only when the paired per-seed differences
   test(A) − test(B) have a 95 % t-interval that lies wholly below 0 (:func:`paired_difference`);
   the same seed gives both the same data order, and pairing removes what the seeds share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
from scipy.special import stdtrit  # Student's t quantile: stdtrit(df, p) = t.ppf(p, df)

from helpers.activations import initialisation_for, lookup
from helpers.compare import Task
from helpers.nn import (
    BCEWithLogitsLoss,
    Dense,
    Maxout,
    MSELoss,
    PReLU,
    Sequential,
    SoftmaxCrossEntropy,
    accuracy,
    mlp,
    train,
)

__all__ = [
    "Benchmark", "Paired", "Result", "Tuned", "build", "choose_lr", "fit", "kink_biases",
    "mean_sd", "output_kinks", "paired_difference", "tune"
]  # fmt: skip

_LOSSES = {"softmax": SoftmaxCrossEntropy, "bce": BCEWithLogitsLoss, "mse": MSELoss}


@dataclass(frozen=True)
class Benchmark:
    """One problem as three independent samples: train on ``train``, choose on ``val``, report
    on ``test``. The tasks' own ``lr`` and ``threshold`` are not used here.

    ``biases`` is the benchmark's rule for the first-layer biases, chosen so that the units
    start out switching *inside* the data: "data" for the 1-D sine (zero biases would put every
    kink at x = 0), "zero" for the spirals (centred on the origin, so every line through 0
    already cuts through the data). Chapter 13's study agrees on validation data: with data
    biases 13 of 17 activations reach a lower best validation loss on the sine, 5 of 17 on the
    spirals.
    """

    name: str
    train: Task
    val: Task
    test: Task
    biases: str = "zero"  # where the first-layer units switch at the start: see build()

    @staticmethod
    def spirals(n: int = 150, seed: int = 0) -> Benchmark:
        """Three spiral arms, softmax + cross-entropy; three samples of n points each."""
        return Benchmark("spirals", *(Task.spirals(n=n, seed=seed + i) for i in range(3)), "zero")

    @staticmethod
    def sine(n: int = 100, seed: int = 0) -> Benchmark:
        """sin x on [−π, π] (1-D input), identity output + MSE; three samples of n points."""
        return Benchmark("sine", *(Task.sine(n=n, seed=seed + i) for i in range(3)), "data")


def kink_biases(W: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Biases that make unit j switch (z = 0) at ``centres[j]``: b_j = −centres[j]·W[:, j].

    W has shape (n_in, units) and centres (units, n_in). In 1-D the kink of unit j is −b_j/w_j,
    which is then exactly centres[j].
    """
    return -np.einsum("ju,uj->u", np.asarray(W, dtype=float), np.asarray(centres, dtype=float))


def output_kinks(
    predict: Callable[[np.ndarray], np.ndarray], low: float, high: float, n: int = 4001
) -> np.ndarray:
    """Where a 1-D piecewise-linear function bends: the x at which its slope jumps.

    ``predict`` maps inputs of shape (n, 1) to outputs; it is sampled on n points of
    [low, high], and a kink is reported (at the grid point between the two slopes) wherever
    neighbouring slopes differ by more than 1e-6 relative to the largest slope. Kinks closer than
    two grid steps count once. A smooth function bends everywhere: use this for ReLU-like nets.
    """
    x = np.linspace(low, high, n)
    y = np.asarray(predict(x[:, None]), dtype=float).reshape(-1)
    slopes = np.diff(y) / np.diff(x)
    jumps = np.abs(np.diff(slopes)) > 1e-6 * max(1.0, float(np.max(np.abs(slopes))))
    at = x[1:-1][jumps]
    return at[np.concatenate([[True], np.diff(at) > 2.5 * (x[1] - x[0])])] if at.size else at


def build(
    name: str, sizes: Sequence[int], seed: int, *, biases: str = "zero", X: np.ndarray | None = None
) -> Sequential:
    """The network of contestant ``name`` (registry name, ``"prelu"`` learned, ``"maxout"``).

    ``biases="data"`` needs the training inputs ``X``: each first-layer unit switches at a
    training point drawn with ``np.random.default_rng([seed, 1])`` (independent of the weights).
    """
    if name == "maxout":
        layers = [Maxout(a, b, k=2, rng=[seed, i]) for i, (a, b) in enumerate(pairwise(sizes[:-1]))]
        model = Sequential(*layers, Dense(sizes[-2], sizes[-1], init="glorot", rng=[seed, 99]))
    elif name == "prelu":
        generator, layers = np.random.default_rng(seed), []
        for i, (n_in, n_out) in enumerate(pairwise(sizes)):
            layers.append(Dense(n_in, n_out, init=initialisation_for("prelu"), rng=generator))
            if i < len(sizes) - 2:
                layers.append(PReLU(alpha=0.25))
        model = Sequential(*layers)
    else:
        model = mlp(list(sizes), lookup(name).name, rng=seed)
    if biases not in ("zero", "data"):
        raise ValueError(f"biases must be 'zero' or 'data', got {biases!r}")
    if biases == "data":
        if X is None:
            raise ValueError("biases='data' needs the training inputs X")
        first = model.layers[0]
        rows = np.random.default_rng([seed, 1]).integers(0, len(X), size=first.b.shape[-1])
        if isinstance(first, Maxout):  # all pieces of unit j cross 0 at the same point
            first.b[...] = [kink_biases(first.W[i], X[rows]) for i in range(first.k)]
        else:
            first.b[...] = kink_biases(first.W, X[rows])
    return model


@dataclass(frozen=True)
class Result:
    """One training run: losses on the three samples (inf when it diverged), test accuracy
    (classification only) and the training loss per epoch."""

    name: str
    lr: float
    seed: int
    train_loss: float
    val_loss: float
    test_loss: float
    test_accuracy: float | None
    diverged: bool
    loss_curve: tuple[float, ...] = field(repr=False, default=())


def _evaluate(model: Sequential, loss_name: str, task: Task) -> tuple[float, float | None]:
    with np.errstate(all="ignore"):
        output = model.forward(task.X)
        value = _LOSSES[loss_name]().forward(output, task.y)
    correct = accuracy(output, task.y) if loss_name != "mse" and np.isfinite(value) else None
    return (value if np.isfinite(value) else float("inf")), correct


def fit(
    bench: Benchmark, name: str, lr: float, seed: int, *, hidden: Sequence[int] = (16, 16),
    epochs: int = 100, biases: str | None = None,
) -> Result:  # fmt: skip
    """Train contestant ``name`` on ``bench.train`` at ``lr``; measure on all three samples.
    ``biases=None`` follows the benchmark's rule (``bench.biases``)."""
    task, biases = bench.train, bench.biases if biases is None else biases
    model = build(name, [task.X.shape[1], *hidden, task.n_out], seed, biases=biases, X=task.X)
    history = train(model, _LOSSES[task.loss](), task.X, task.y, epochs=epochs, lr=lr, seed=seed)
    train_loss, _ = _evaluate(model, task.loss, task)
    val_loss, _ = _evaluate(model, task.loss, bench.val)
    test_loss, test_accuracy = _evaluate(model, task.loss, bench.test)
    diverged = history.diverged or not np.isfinite(test_loss)
    return Result(name, float(lr), int(seed), train_loss, val_loss, test_loss,
                  None if diverged else test_accuracy, diverged, tuple(history.loss))  # fmt: skip


@dataclass(frozen=True)
class Tuned:
    """All runs of one contestant over a learning-rate grid; ``lr`` is the one validation chose."""

    name: str
    lr: float
    runs: dict[float, list[Result]]

    @property
    def chosen(self) -> list[Result]:
        """The runs at the chosen learning rate, one per seed."""
        return self.runs[self.lr]

    def test_losses(self) -> np.ndarray:
        return np.array([run.test_loss for run in self.chosen])


def choose_lr(val_losses: dict[float, Sequence[float]]) -> float:
    """The learning rate with the lowest mean validation loss (ties: the smaller rate)."""
    return min(sorted(val_losses), key=lambda lr: float(np.mean(val_losses[lr])))


def tune(
    bench: Benchmark, name: str, lrs: Sequence[float], seeds: Sequence[int], **settings: object
) -> Tuned:
    """:func:`fit` at every learning rate and seed; keep the rate with the best validation loss."""
    runs = {float(lr): [fit(bench, name, lr, seed, **settings) for seed in seeds] for lr in lrs}
    lr = choose_lr({lr: [run.val_loss for run in group] for lr, group in runs.items()})
    return Tuned(name, lr, runs)


def mean_sd(values: Sequence[float]) -> tuple[float, float]:
    """Mean and sample standard deviation (ddof = 1). Needs at least two values."""
    array = np.asarray(values, dtype=float)
    if array.size < 2:
        raise ValueError(f"values must hold at least two runs to have a spread, got {array.size}")
    return float(array.mean()), float(array.std(ddof=1))


@dataclass(frozen=True)
class Paired:
    """The mean of the per-seed differences a − b and its t-interval."""

    mean: float
    low: float
    high: float
    n: int

    @property
    def verdict(self) -> str:
        """ "a lower", "b lower" or "tie" (the interval contains 0)."""
        return "a lower" if self.high < 0 else "b lower" if self.low > 0 else "tie"


def paired_difference(a: Sequence[float], b: Sequence[float], confidence: float = 0.95) -> Paired:
    """Paired comparison of two contestants run on the same seeds: d = a − b per seed, and
    mean(d) ± t · sd(d)/√n with Student's t for n − 1 degrees of freedom."""
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    if d.ndim != 1 or d.size < 2:
        raise ValueError(
            f"a and b must be two equal-length lists of at least 2 runs, got {d.shape}"
        )
    mean, sd = mean_sd(d)
    half = float(stdtrit(d.size - 1, 0.5 + confidence / 2)) * sd / np.sqrt(d.size)
    return Paired(mean, mean - half, mean + half, int(d.size))
