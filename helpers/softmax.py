"""Softmax: turn a vector of scores into a probability distribution, and its log and Jacobian.

    softmax(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ}

Adding a constant c to every score multiplies top and bottom by e^{c}, so the result does not
change. Subtracting the largest score m makes every exponent ≤ 0: nothing overflows, and the
largest term is e⁰ = 1, so the sum is at least 1 and its log is safe:

    log_softmax(z)ᵢ = (zᵢ − m) − log Σⱼ e^{zⱼ − m}.

Infinite scores follow the same shift, with one rule: entries equal to the maximum tie.

- −inf scores get probability 0 (log-probability −inf): a masked-out option.
- +inf scores share all the probability equally; everything else gets 0. This is the limit as
  those scores grow together.
- A vector that is entirely −inf is a tie too, so it becomes uniform (1/n each), the limit as all
  scores fall together. (PyTorch returns NaN there.)
- A NaN anywhere in a vector makes that whole vector NaN.

None of these cases raises a RuntimeWarning.
"""

from __future__ import annotations

import operator
from typing import Any

import numpy as np

from helpers._arrays import as_float_array

__all__ = ["log_softmax", "softmax", "softmax_jacobian"]


def _scores(z: Any, axis: Any) -> tuple[np.ndarray, int]:
    scores = as_float_array(z, "z")
    if scores.ndim == 0:
        raise ValueError("z must have at least one dimension (a vector of scores), got a scalar")
    if isinstance(axis, bool):
        raise TypeError("axis must be an int, got bool")
    try:
        axis = operator.index(axis)
    except TypeError:
        raise TypeError(f"axis must be an int, got {type(axis).__name__}") from None
    if not -scores.ndim <= axis < scores.ndim:
        raise ValueError(
            f"axis must be in [{-scores.ndim}, {scores.ndim}) for z of shape "
            f"{scores.shape}, got {axis}"
        )
    if scores.shape[axis] == 0:
        raise ValueError(
            f"z must have at least one score along axis {axis}, got shape {scores.shape}"
        )
    return scores, axis


def _shift_by_max(z: np.ndarray, axis: int) -> np.ndarray:
    """z − max(z) along ``axis``: every entry ≤ 0, and the maximal entries exactly 0."""
    top = np.max(z, axis=axis, keepdims=True)
    infinite_top = np.isinf(top)
    # z − top ≤ 0 can overflow only towards −inf (−1e308 − 1e308), whose exp is the right 0.
    with np.errstate(over="ignore"):
        if not infinite_top.any():
            return z - top
        # inf − inf is NaN; by the tie rule the maximal entries become 0 and all others −inf.
        with np.errstate(invalid="ignore"):  # only in entries np.where discards
            return np.where(infinite_top, np.where(z == top, 0.0, -np.inf), z - top)


def softmax(z: Any, axis: int = -1) -> np.ndarray:
    """Probabilities e^{zᵢ − m} / Σⱼ e^{zⱼ − m} along ``axis`` (m = max z); they sum to 1."""
    scores, axis = _scores(z, axis)
    # In place on the fresh shifted array: one temporary instead of three (and faster than
    # scipy.special.softmax, see benchmarks/activations.py).
    probabilities = _shift_by_max(scores, axis)
    np.exp(probabilities, out=probabilities)
    probabilities /= np.sum(probabilities, axis=axis, keepdims=True)
    return probabilities


def log_softmax(z: Any, axis: int = -1) -> np.ndarray:
    """Log-probabilities (zᵢ − m) − log Σⱼ e^{zⱼ − m} along ``axis``; exact where softmax
    underflows to 0 (the log-probability of a score 1000 below the maximum is about −1000)."""
    scores, axis = _scores(z, axis)
    shifted = _shift_by_max(scores, axis)
    shifted -= np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))
    return shifted


def softmax_jacobian(z: Any) -> np.ndarray:
    """∂sᵢ/∂zⱼ = sᵢ(δᵢⱼ − sⱼ) for s = softmax(z) over the last axis: the matrix diag(s) − s sᵀ.

    Shape (..., n, n) for z of shape (..., n). Each row sums to 0: raising every score by the
    same amount leaves s unchanged. Backpropagation never builds this matrix: for an upstream
    gradient g, gᵀJ = s ⊙ (g − g·s) costs O(n) instead of O(n²).
    """
    s = softmax(z, axis=-1)
    jacobian = -s[..., :, None] * s[..., None, :]
    n = s.shape[-1]
    jacobian[..., np.arange(n), np.arange(n)] += s
    return jacobian
