"""The training race of chapter 07: many small networks trained on XOR at once.

Chapter 07 compares three activations on the same 2-16-16-1 network: the sigmoid, the centred
sigmoid σ(z) − ½ (zero-centred, but with the sigmoid's slope of at most ¼) and tanh. Each run is
full-batch gradient descent on binary cross-entropy from the Glorot weights ``helpers.nn.mlp``
draws for its seed, and the result is the first epoch whose loss is below a threshold.

Many (learning rate, seed) runs are trained together: every array gets a leading "run" axis and
the arithmetic is chapter 05's backpropagation, BP1–BP4, one matrix per run. Every runner uses
one ``np.tanh`` per unit (the sigmoids through σ(z) = ½ + ½·tanh(z/2)), and its slope is taken
from the stored output a, as most frameworks do: tanh′ = 1 − a², σ′ = a(1 − a). A run that has
arrived stops; a run that diverges never arrives (``inf``).

``init_scales`` multiplies each starting parameter array and ``layer_rates`` the learning rate
of each, both in the order W1, b1, W2, b2, W3, b3 (the chapter's exercise on per-layer learning
rates uses them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from helpers.nn import mlp

__all__ = ["RUNNERS", "SIZES", "epochs_to_threshold", "loss_curves"]

#: The race's network: 2 inputs, two hidden layers of 16 units, one output logit.
SIZES = (2, 16, 16, 1)

#: name -> (f(z), f′ written in terms of the output a = f(z))
RUNNERS: dict[str, tuple[Callable[[np.ndarray], np.ndarray], Callable[[np.ndarray], np.ndarray]]]
RUNNERS = {
    "sigmoid": (lambda z: 0.5 + 0.5 * np.tanh(0.5 * z), lambda a: a * (1 - a)),
    "centred sigmoid": (lambda z: 0.5 * np.tanh(0.5 * z), lambda a: 0.25 - a * a),
    "tanh": (np.tanh, lambda a: 1 - a * a),
}


def _start(
    seeds: Sequence[int], scales: Sequence[float]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The Glorot weights helpers.nn.mlp draws for each seed, times ``scales``, stacked:
    W (runs, n_in, n_out) and b (runs, 1, n_out) per layer. The same for every runner."""
    start = [mlp(list(SIZES), "tanh", rng=seed).params() for seed in seeds]
    W = [scales[2 * i] * np.stack([p[f"{2 * i}.W"] for p in start]) for i in range(3)]
    b = [scales[2 * i + 1] * np.stack([p[f"{2 * i}.b"] for p in start])[:, None] for i in range(3)]
    return W, b


def _train(
    runner: str,
    X: np.ndarray,
    y: np.ndarray,
    rates: np.ndarray,
    seeds: Sequence[int],
    epochs: int,
    threshold: float | None,
    layer_rates: Sequence[float],
    init_scales: Sequence[float],
) -> np.ndarray:
    """Losses (runs, epochs) of full-batch gradient descent; with a threshold, a run stops once
    its loss is below it, or is no longer finite (its later losses stay NaN)."""
    f, slope = RUNNERS[runner]
    W, b = _start(seeds, init_scales)
    lr = np.asarray(rates, dtype=float)[:, None, None] * np.asarray(layer_rates, dtype=float)
    target = np.asarray(y, dtype=float)[None, :, None]
    losses = np.full((len(seeds), epochs), np.nan)
    active = np.arange(len(seeds))  # the runs still training
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):  # diverging: never arrives
        for epoch in range(epochs):
            A1 = f(X @ W[0] + b[0])
            A2 = f(A1 @ W[1] + b[1])
            logits = A2 @ W[2] + b[2]
            losses[active, epoch] = np.mean(np.logaddexp(0, logits) - logits * target, (1, 2))
            delta3 = (0.5 + 0.5 * np.tanh(0.5 * logits) - target) / len(X)  # BP1: (σ − y)/N
            delta2 = (delta3 @ W[2].transpose(0, 2, 1)) * slope(A2)  # BP2
            delta1 = (delta2 @ W[1].transpose(0, 2, 1)) * slope(A1)
            for i, (A, delta) in enumerate(((X, delta1), (A1, delta2), (A2, delta3))):
                W[i] -= lr[:, :, 2 * i : 2 * i + 1] * (np.swapaxes(A, -1, -2) @ delta)  # BP4
                b[i] -= lr[:, :, 2 * i + 1 : 2 * i + 2] * delta.sum(axis=1, keepdims=True)  # BP3
            if threshold is not None:
                keep = np.isfinite(losses[active, epoch]) & ~(losses[active, epoch] < threshold)
                if not keep.all():
                    active, lr = active[keep], lr[keep]
                    W, b = [w[keep] for w in W], [v[keep] for v in b]
                    if active.size == 0:
                        break
    return losses


def epochs_to_threshold(
    runner: str,
    X: np.ndarray,
    y: np.ndarray,
    lrs: Sequence[float],
    seeds: Sequence[int],
    *,
    threshold: float = 0.1,
    max_epochs: int = 300,
    layer_rates: Sequence[float] = (1, 1, 1, 1, 1, 1),
    init_scales: Sequence[float] = (1, 1, 1, 1, 1, 1),
) -> np.ndarray:
    """The first epoch whose loss is below ``threshold``, shape (len(lrs), len(seeds)).

    As in ``helpers.nn.train``, epoch k computes the loss in its forward pass, then updates the
    weights (its k-th update); ``inf`` means the run never got there in ``max_epochs``.
    """
    seeds = list(seeds)
    runs = [(lr, seed) for lr in lrs for seed in seeds]
    rates = np.array([lr for lr, _ in runs])
    losses = _train(runner, X, y, rates, [s for _, s in runs], max_epochs, threshold,
                    layer_rates, init_scales)  # fmt: skip
    below = losses < threshold
    needed = np.where(below.any(axis=1), below.argmax(axis=1) + 1.0, np.inf)
    return needed.reshape(len(lrs), len(seeds))


def loss_curves(
    runner: str,
    X: np.ndarray,
    y: np.ndarray,
    lr: float,
    seed: int,
    epochs: int,
    layer_rates: Sequence[float] = (1, 1, 1, 1, 1, 1),
    init_scales: Sequence[float] = (1, 1, 1, 1, 1, 1),
) -> np.ndarray:
    """The loss of each of ``epochs`` epochs of one run (before that epoch's update), (epochs,)."""
    return _train(runner, X, y, np.array([lr]), [seed], epochs, None, layer_rates, init_scales)[0]
