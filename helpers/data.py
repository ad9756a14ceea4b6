"""Seeded toy data sets, generated on the spot (nothing is downloaded).

Each generator is small enough to train on in a second and chosen to make one point: a linear
model — ``sign(w·x + b)`` for classes, ``w·x + b`` for regression — cannot fit it, and a network
with a non-linear activation can. Classification sets return ``X`` of shape (n, 2), float64, and
integer labels ``y`` of shape (n,), shuffled, with class sizes that differ by at most one.
The same ``seed`` always gives the same arrays (``np.random.default_rng(seed)``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np

from helpers._arrays import check_count

__all__ = ["circles", "curve_1d", "moons", "spirals", "teacher", "xor"]


def _non_negative(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{name} must be finite and >= 0, got {value}")
    return float(value)


def _rng(seed: Any) -> np.random.Generator:
    if isinstance(seed, bool) or not isinstance(seed, Integral):
        raise TypeError(f"seed must be an int, got {type(seed).__name__}")
    return np.random.default_rng(int(seed))


def _class_sizes(n: int, classes: int) -> list[int]:
    """Split n into ``classes`` sizes that differ by at most one (balanced classes)."""
    return [n // classes + (k < n % classes) for k in range(classes)]


def _shuffled(
    rng: np.random.Generator, X: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    # Generators build one class after the other; shuffle so mini-batches see every class.
    order = rng.permutation(len(y))
    return X[order].astype(np.float64), y[order].astype(np.int64)


def xor(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Four Gaussian blobs at (±1, ±1); the label is 1 where the signs of x₁ and x₂ differ.

    The XOR problem that stopped the single-layer perceptron: opposite corners share a class,
    so any straight line leaves at least one corner on the wrong side — a linear classifier
    tops out at 75 % accuracy. One hidden layer with two non-linear units solves it.
    ``noise`` is the standard deviation of each blob.
    """
    n, noise, rng = check_count(n, "n"), _non_negative(noise, "noise"), _rng(seed)
    corners = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, 1.0], [1.0, -1.0]])
    corner = np.arange(n) % 4  # round robin keeps the corners, hence the classes, balanced
    X = corners[corner] + noise * rng.standard_normal((n, 2))
    return _shuffled(rng, X, corner % 2)


def moons(n: int = 200, noise: float = 0.1, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles (class 0 arches up, class 1 arches down), centred on 0.

    Each moon reaches into the other's hollow, so the boundary must bend twice; a straight
    line misclassifies the tips (about 88 % accuracy at best). ``noise`` is Gaussian jitter added to
    both coordinates.
    """
    n, noise, rng = check_count(n, "n"), _non_negative(noise, "noise"), _rng(seed)
    upper, lower = _class_sizes(n, 2)
    t_upper = np.linspace(0.0, np.pi, upper)
    t_lower = np.linspace(0.0, np.pi, lower)
    X = np.concatenate(
        [
            np.column_stack([np.cos(t_upper), np.sin(t_upper)]),
            np.column_stack([1.0 - np.cos(t_lower), 0.5 - np.sin(t_lower)]),
        ]
    )
    X = X - np.array([0.5, 0.25]) + noise * rng.standard_normal((n, 2))
    return _shuffled(rng, X, np.repeat([0, 1], [upper, lower]))


def circles(
    n: int = 200, noise: float = 0.05, factor: float = 0.5, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """A ring of radius 1 (class 0) around a ring of radius ``factor`` (class 1).

    The classes are separated by distance from the origin, x₁² + x₂², which no linear
    function of (x₁, x₂) can express: every line cuts both rings, so a linear classifier
    is close to chance. A hidden layer can build the radius out of non-linear units.
    """
    n, noise, rng = check_count(n, "n"), _non_negative(noise, "noise"), _rng(seed)
    if isinstance(factor, bool) or not isinstance(factor, Real):
        raise TypeError(f"factor must be a real number, got {type(factor).__name__}")
    if not 0 < factor < 1:
        raise ValueError(f"factor must be between 0 and 1 (exclusive), got {factor}")
    outer, inner = _class_sizes(n, 2)
    angles = [np.linspace(0.0, 2 * np.pi, size, endpoint=False) for size in (outer, inner)]
    rings = [
        radius * np.column_stack([np.cos(a), np.sin(a)])
        for radius, a in zip((1.0, factor), angles, strict=True)
    ]
    X = np.concatenate(rings) + noise * rng.standard_normal((n, 2))
    return _shuffled(rng, X, np.repeat([0, 1], [outer, inner]))


def spirals(
    n: int = 300, classes: int = 3, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``classes`` spiral arms winding out from the origin, one class per arm.

    Point i of arm k sits at radius r ∈ [0, 1] and angle 4k + 4r (plus Gaussian ``noise``
    on the angle), so each arm turns about 230°. Every class wraps around the others: a
    linear (softmax) classifier can only cut the plane into wedges and gets about half the
    points wrong, while a small network with one hidden layer separates the arms.
    """
    n, noise, rng = check_count(n, "n"), _non_negative(noise, "noise"), _rng(seed)
    classes = check_count(classes, "classes", minimum=2)
    if n < classes:
        raise ValueError(f"n must be at least classes ({classes}), got {n}")
    sizes = _class_sizes(n, classes)
    radius = np.concatenate([np.linspace(0.0, 1.0, size) for size in sizes])
    y = np.repeat(np.arange(classes), sizes)
    angle = 4.0 * y + 4.0 * radius + noise * rng.standard_normal(n)
    X = radius[:, None] * np.column_stack([np.sin(angle), np.cos(angle)])
    return _shuffled(rng, X, y)


_CURVES = {
    # kind: (function, domain) — each curve picks out a different talent of an activation.
    "sine": (np.sin, (-np.pi, np.pi)),  # smooth and wavy: needs several bends
    "abs": (np.abs, (-1.0, 1.0)),  # one kink: exactly two ReLUs, relu(x) + relu(-x)
    "step": (lambda x: (x > 0).astype(np.float64), (-1.0, 1.0)),  # a jump: steep sigmoids
    "bump": (lambda x: np.exp(-(x**2)), (-3.0, 3.0)),  # up then down: a difference of two units
}


def curve_1d(
    n: int = 200, noise: float = 0.0, seed: int = 0, kind: str = "sine"
) -> tuple[np.ndarray, np.ndarray]:
    """Samples of a 1-D curve for regression: x of shape (n, 1), sorted, and y = g(x) + noise.

    ``kind`` chooses g: "sine" (sin x on [−π, π]), "abs" (|x| on [−1, 1]), "step" (0 for
    x ≤ 0, 1 after, on [−1, 1]) or "bump" (exp(−x²) on [−3, 3]). None of them is a straight
    line, so w·x + b fits them badly; a sum of shifted, scaled activations can approximate each
    as closely as we like (universal approximation). x is drawn uniformly (seeded) and sorted,
    so ``plot(x, y)`` draws a line; ``noise`` is the standard deviation added to y.
    """
    n, noise, rng = check_count(n, "n"), _non_negative(noise, "noise"), _rng(seed)
    if not isinstance(kind, str):
        raise TypeError(f"kind must be a str, got {type(kind).__name__}")
    if kind not in _CURVES:
        raise ValueError(f"kind must be one of {sorted(_CURVES)}, got {kind!r}")
    curve, (low, high) = _CURVES[kind]
    x = np.sort(rng.uniform(low, high, n))[:, None]
    y = curve(x) + noise * rng.standard_normal((n, 1))
    return x.astype(np.float64), y.astype(np.float64)


def teacher(
    n: int = 500,
    sizes: Sequence[int] = (2, 16, 1),
    activation: Any = "tanh",
    noise: float = 0.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Regression targets produced by a random "teacher" network: X (n, sizes[0]), y (n, sizes[-1]).

    The teacher is an MLP with layer widths ``sizes``: aₗ = f(aₗ₋₁ Wₗ + bₗ) with the named
    ``activation`` f on every hidden layer and no activation on the output. Weights are drawn
    from N(0, 1/fan_in), so pre-activations stay of order 1 and f's non-linearity is really
    used; biases from N(0, 0.5²) move the kinks and bends off the origin. Inputs are N(0, 1).
    A student network with the same architecture can fit y exactly, a linear model cannot
    (unless f is the identity). ``noise`` is the standard deviation added to y.
    """
    n, noise, rng = check_count(n, "n"), _non_negative(noise, "noise"), _rng(seed)
    if isinstance(sizes, str | bytes) or not isinstance(sizes, Sequence) or len(sizes) < 2:
        raise TypeError(f"sizes must be a sequence of at least two layer widths, got {sizes!r}")
    widths = [check_count(width, f"sizes[{i}]") for i, width in enumerate(sizes)]
    forward = _activation_function(activation)
    X = rng.standard_normal((n, widths[0]))
    a = X
    for layer, (fan_in, fan_out) in enumerate(itertools.pairwise(widths)):
        W = rng.standard_normal((fan_in, fan_out)) / np.sqrt(fan_in)
        b = 0.5 * rng.standard_normal(fan_out)
        z = a @ W + b
        a = z if layer == len(widths) - 2 else forward(z)
    y = a + noise * rng.standard_normal(a.shape)
    return X.astype(np.float64), np.asarray(y, dtype=np.float64)


def _activation_function(activation: Any):
    # Imported here, not at the top: data does not need activations unless a teacher is built.
    from helpers.activations import lookup

    activation = lookup(activation)
    params = dict(getattr(activation, "params", {}))
    return lambda z: activation.forward(z, **params)
