"""Fitting one-input maxout units to a curve by gradient descent (chapter 12, section 4).

A maxout unit with k pieces computes h(x) = maxᵢ (wᵢ x + bᵢ). :func:`fit` minimises the mean
squared error of a sum of such units (each with a sign, so h₁ − h₂ is allowed) by gradient
descent with momentum; the gradient of each example reaches only the piece that wins it.
:func:`ladder` starts from one flat line and doubles k by :func:`split`-ting every piece into two
slightly tilted copies, so that every new piece starts out winning part of the interval.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["X_GRID", "dead_pieces", "envelope", "fit", "ladder", "rmse", "split"]

Unit = tuple[np.ndarray, np.ndarray]  # (slopes w, intercepts b) of one unit's k pieces

X_GRID = np.linspace(-1.0, 1.0, 201)  # the inputs of every 1-D fit in chapter 12


def envelope(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """h(x) = maxᵢ (wᵢ x + bᵢ) for every x, and the winning piece (ties: the lowest index)."""
    pieces = np.outer(w, x) + b[:, None]  # (k, n): one row per piece
    winner = np.argmax(pieces, axis=0)
    return pieces[winner, np.arange(len(x))], winner


def _routed(x: np.ndarray, delta: np.ndarray, winner: np.ndarray, k: int) -> Unit:
    """∂L/∂w and ∂L/∂b of one unit: piece i sums δ·x and δ over the examples it wins."""
    grad_w = np.bincount(winner, weights=delta * x, minlength=k)
    grad_b = np.bincount(winner, weights=delta, minlength=k)
    return grad_w, grad_b


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
    ``step_per_piece · k``.
    """
    units = [(w.copy(), b.copy()) for w, b in units]
    velocities = [(np.zeros_like(w), np.zeros_like(b)) for w, b in units]
    lr = step_per_piece * len(units[0][0])
    for _ in range(steps):
        outputs = [envelope(x, w, b) for w, b in units]
        prediction = sum(sign * h for sign, (h, _) in zip(signs, outputs, strict=True))
        delta = 2.0 * (prediction - target) / len(x)  # ∂L/∂prediction
        for (w, b), (v_w, v_b), (_, winner), sign in zip(
            units, velocities, outputs, signs, strict=True
        ):
            grad_w, grad_b = _routed(x, sign * delta, winner, len(w))
            v_w *= momentum
            v_w -= lr * grad_w
            v_b *= momentum
            v_b -= lr * grad_b
            w += v_w
            b += v_b
    return units


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
    """Fits for k = 1, 2, 4, …: flat lines first, then split every piece and refit."""
    units: list[Unit] = [(np.zeros(1), np.zeros(1)) for _ in signs]
    fits = {}
    for k in ks:
        while len(units[0][0]) < k:
            units = [split(w, b) for w, b in units]
        units = fit(units, target, signs=signs, **settings)  # type: ignore[arg-type]
        fits[k] = units
    return fits


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
