"""Fitting one-input maxout units to a curve by gradient descent (chapter 12, section 4).

A maxout unit with k pieces computes h(x) = maxᵢ (wᵢ x + bᵢ). :func:`fit` minimises the mean
squared error of a sum of such units (each with a sign, so h₁ − h₂ is allowed) by gradient
descent with momentum; the gradient of each example reaches only the piece that wins it.
:func:`ladder` starts from one flat line and doubles k by :func:`split`-ting every piece into two
slightly tilted copies, so that every new piece starts out winning part of the interval.

Section 9's race trains many small classifiers at once with :func:`train_together`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.nn import Maxout

__all__ = ["X_GRID", "dead_pieces", "envelope", "fit", "ladder", "rmse", "split", "train_together"]

Unit = tuple[np.ndarray, np.ndarray]  # (slopes w, intercepts b) of one unit's k pieces

X_GRID = np.linspace(-1.0, 1.0, 201)  # the inputs of every 1-D fit in chapter 12


def envelope(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """h(x) = maxᵢ (wᵢ x + bᵢ) for every x, and the winning piece (ties: the lowest index)."""
    pieces = np.outer(w, x) + b[:, None]  # (k, n): one row per piece
    winner = np.argmax(pieces, axis=0)
    return pieces[winner, np.arange(len(x))], winner


def fit(
    units: Sequence[Unit],
    target: np.ndarray,
    *,
    signs: Sequence[float] = (1.0,),
    steps: int = 1000,
    step_per_piece: float = 0.2,
    momentum: float = 0.9,
    x: np.ndarray = X_GRID,
) -> list[Unit]:
    """Gradient descent with momentum on L = mean((Σᵤ signᵤ·hᵤ(x) − target)²); fitted copies.

    A piece sees about 1/k of the data, so its gradient is about k times smaller: the step is
    ``step_per_piece · k``. A 2-D ``target`` (one row per problem) fits several independent
    problems at once, each with ``len(signs)`` consecutive units: the same result as one call per
    problem, in one array computation.
    """
    # All units at once: W, B are (units, k); every example's gradient goes to its winning piece.
    W = np.array([w for w, _ in units], dtype=float)
    B = np.array([b for _, b in units], dtype=float)
    n_units, k = W.shape
    targets = np.asarray(target, dtype=float).reshape(-1, len(x))  # (problems, n)
    per_problem = len(signs)
    if per_problem * len(targets) != n_units:
        raise ValueError(
            f"signs must have one entry per unit of each of the {len(targets)} problem(s) "
            f"({n_units} units in all), got {per_problem}"
        )
    s = np.tile(np.asarray(signs, dtype=float), len(targets))[:, None]
    v_W, v_B = np.zeros_like(W), np.zeros_like(B)
    lr = step_per_piece * k
    offsets = (k * np.arange(n_units))[:, None]  # unit u's pieces are bins u·k … u·k + k − 1
    for _ in range(steps):
        pieces = W[:, :, None] * x + B[:, :, None]  # (units, k, n)
        winner = pieces.argmax(axis=1)
        h = pieces.max(axis=1)  # the winning piece's value
        prediction = (s * h).reshape(len(targets), per_problem, -1).sum(axis=1)
        residual = np.repeat(prediction - targets, per_problem, axis=0)  # per unit
        delta = s * (2.0 * residual / len(x))  # ∂L/∂hᵤ
        bins = (winner + offsets).ravel()
        grad_W = np.bincount(bins, weights=(delta * x).ravel(), minlength=W.size)
        grad_B = np.bincount(bins, weights=delta.ravel(), minlength=W.size)
        v_W *= momentum
        v_W -= lr * grad_W.reshape(W.shape)
        v_B *= momentum
        v_B -= lr * grad_B.reshape(W.shape)
        W += v_W
        B += v_B
    return [(w, b) for w, b in zip(W, B, strict=True)]


def split(w: np.ndarray, b: np.ndarray, tilt: float = 0.05, x: np.ndarray = X_GRID) -> Unit:
    """Every piece becomes two copies tilted by ∓tilt about the middle of the stretch it wins:
    the function hardly changes, and each copy starts out winning half of that stretch."""
    _, winner = envelope(x, w, b)
    middle = np.array(
        [x[winner == i].mean() if np.any(winner == i) else 0.0 for i in range(len(w))]
    )
    turn = np.tile([-tilt, tilt], len(w))
    return np.repeat(w, 2) + turn, np.repeat(b, 2) - turn * np.repeat(middle, 2)


def ladder(
    target: np.ndarray,
    *,
    signs: Sequence[float] = (1.0,),
    ks: Sequence[int] = (1, 2, 4, 8, 16),
    **settings: object,
) -> dict[int, list[Unit]]:
    """Fits for k = 1, 2, 4, …: flat lines first, then split every piece and refit.

    A 2-D ``target`` climbs one ladder per row at once; each rung then lists the units of the
    first row, then those of the second, and so on."""
    problems = len(np.asarray(target, dtype=float).reshape(-1, np.shape(target)[-1]))
    units: list[Unit] = [(np.zeros(1), np.zeros(1)) for _ in range(problems * len(signs))]
    fits = {}
    # A ladder is deterministic: a rung fitted before (same target, signs, settings and the ks up
    # to it) is taken from memory, so a longer ladder continues a shorter one.
    plain = not any(isinstance(value, np.ndarray) for value in settings.values())
    key = (np.asarray(target, dtype=float).tobytes(), tuple(signs), tuple(sorted(settings.items())))
    for i, k in enumerate(ks):
        rung = (*key, tuple(ks[: i + 1]))
        if plain and rung in _RUNGS:
            units = _RUNGS[rung]
        else:
            while len(units[0][0]) < k:
                units = [split(w, b) for w, b in units]
            units = fit(units, target, signs=signs, **settings)  # type: ignore[arg-type]
            if plain:
                _RUNGS[rung] = units
        fits[k] = [(w.copy(), b.copy()) for w, b in units]
    return fits


_RUNGS: dict[tuple, list[Unit]] = {}  # ladder's memory of the rungs it has fitted


def rmse(
    units: Sequence[Unit],
    target: np.ndarray,
    signs: Sequence[float] = (1.0,),
    x: np.ndarray = X_GRID,
) -> float:
    """Root mean squared error of Σᵤ signᵤ·hᵤ(x) against ``target``."""
    prediction = sum(s * envelope(x, w, b)[0] for s, (w, b) in zip(signs, units, strict=True))
    return float(np.sqrt(np.mean((prediction - target) ** 2)))


def dead_pieces(w: np.ndarray, b: np.ndarray, x: np.ndarray = X_GRID) -> int:
    """The number of pieces that win no example: they receive no gradient."""
    return len(w) - len(np.unique(envelope(x, w, b)[1]))


def train_together(
    models: Sequence, X: np.ndarray, y: np.ndarray, lrs: Sequence[float], *, epochs: int,
    momentum: float = 0.0,
) -> None:  # fmt: skip
    """``helpers.nn.train``'s full-batch descent on the softmax cross-entropy for many models at
    once, model i at rate ``lrs[i]``; the trained weights are written back into the models.

    Every model is a ``Sequential`` of one hidden layer (``Maxout``, or ``Dense`` then ReLU) and a
    ``Dense`` output layer, all of the same shapes: each array gains a leading run axis.
    """
    maxout = isinstance(models[0][0], Maxout)
    W1, b1 = np.stack([m[0].W for m in models]), np.stack([m[0].b for m in models])
    W2, b2 = np.stack([m[-1].W for m in models]), np.stack([m[-1].b for m in models])
    params, one_hot = [W1, b1, W2, b2], np.eye(W2.shape[-1])[y]
    rates = [np.reshape(lrs, (-1,) + (1,) * (p.ndim - 1)) for p in params]
    velocity = [np.zeros_like(p) for p in params]
    piece = np.arange(W1.shape[1])[:, None, None] if maxout else None
    H_shape = (len(models), len(X), W1.shape[-1])
    for _ in range(epochs):
        if maxout:
            pieces = X @ W1 + b1[:, :, None]  # (runs, k, N, units)
            H, winner = pieces[:, 0], np.zeros(H_shape, dtype=np.intp)
            for i in range(1, W1.shape[1]):  # the argmax over pieces: ties to the lowest index
                better = pieces[:, i] > H
                H, winner[better] = np.where(better, pieces[:, i], H), i
        else:
            pre = X @ W1 + b1[:, None]  # (runs, N, units)
            H = np.maximum(pre, 0.0)
        Z = H @ W2 + b2[:, None]  # logits (runs, N, classes)
        P = np.exp(Z - Z.max(axis=-1, keepdims=True))
        G = (P / P.sum(axis=-1, keepdims=True) - one_hot) / len(X)  # ∂L/∂Z
        back = G @ W2.mT  # ∂L/∂H
        # The gradient reaches the winning piece only; ReLU's winner is z when z > 0, else the 0.
        routed = (piece == winner[:, None]) * back[:, None] if maxout else (pre > 0) * back
        grads = [X.T @ routed, routed.sum(axis=-2), H.mT @ G, G.sum(axis=1)]
        for p, v, g, rate in zip(params, velocity, grads, rates, strict=True):
            v *= momentum
            v -= rate * g
            p += v
    for m, w1, c1, w2, c2 in zip(models, W1, b1, W2, b2, strict=True):
        m[0].W[...], m[0].b[...], m[-1].W[...], m[-1].b[...] = w1, c1, w2, c2
