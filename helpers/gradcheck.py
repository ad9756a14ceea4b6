"""Gradient checking: compare an analytic derivative with centred finite differences.

Backpropagation is only as good as the derivative formulas it multiplies together, and a wrong
formula rarely crashes: the network just learns badly. The cure is to check every derivative
against the definition

    f'(x) = lim_{h→0} (f(x + h) − f(x − h)) / (2h).

The centred difference has truncation error (h²/6)·f'''(x) — with h = 1e-5 that is about 1e-11 —
while rounding costs roughly ε·|f(x)|/h ≈ 1e-16/1e-5 = 1e-11. One-sided differences
(f(x + h) − f(x)) / h are only accurate to (h/2)·f''(x) ≈ 1e-6, which is why they are not used here.
Everything is evaluated in float64: in float32, ε/h ≈ 1e-2 and the check is meaningless.

What to expect from ``relative_error(analytic, numerical)`` with h = 1e-5:

- ≈ 1e-7 or smaller for a correct derivative of a smooth function (often 1e-9 .. 1e-11);
  ``check_gradient`` passes below ``tol = 1e-7``;
- ≈ 1e-4 .. 1e-2: suspicious — usually a bug, unless the function is nearly flat there;
- ≈ 1 or more: the derivative is wrong.

Kinks (ReLU at 0, ReLU6 at 0 and 6, hard-sigmoid at ±3) are the exception: within h of a kink the
difference quotient averages the two one-sided slopes (ReLU at 0 gives 0.5, while the convention
says 0), so sample check points away from kinks, or accept a looser tolerance there.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

import numpy as np

from helpers._arrays import as_float_array

__all__ = [
    "GradientCheck",
    "check_gradient",
    "numerical_derivative",
    "numerical_gradient",
    "relative_error",
]


def _as_float_array(value: Any, name: str) -> np.ndarray:
    """A float64 copy of ``value``; the caller's array is never touched."""
    return np.array(as_float_array(value, name))


def _check_function(f: Any) -> None:
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")


def _check_step(h: Any) -> float:
    if isinstance(h, bool) or not isinstance(h, Real):
        raise TypeError(f"h must be a real number, got {type(h).__name__}")
    if not (math.isfinite(h) and h > 0):
        raise ValueError(f"h must be positive and finite, got {h}")
    return float(h)


def numerical_derivative(f: Callable[..., Any], x: Any, h: float = 1e-5) -> np.ndarray:
    """Elementwise centred difference ``(f(x + h) − f(x − h)) / 2h`` of an elementwise ``f``.

    Every element of ``x`` is moved by ±h at once, which is valid because an elementwise
    function's output i depends on input i only. Returns a float64 array shaped like ``x``.
    At ±inf the difference is undefined and the result is NaN (or 0 where ``f`` saturates).
    """
    _check_function(f)
    step = _check_step(h)
    points = _as_float_array(x, "x")
    upper = _as_float_array(f(points + step), "f(x)")
    lower = _as_float_array(f(points - step), "f(x)")
    if upper.shape != points.shape:
        raise ValueError(
            f"f must be elementwise: f(x) has shape {upper.shape} but x has shape {points.shape}"
        )
    # inf − inf at infinite inputs is NaN by design; say so without a RuntimeWarning.
    with np.errstate(invalid="ignore", over="ignore"):
        return (upper - lower) / (2.0 * step)


def numerical_gradient(f: Callable[..., Any], x: Any, h: float = 1e-5) -> np.ndarray:
    """Gradient of a scalar function ``f(x)`` by centred differences, one coordinate at a time.

    ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, where eᵢ is the i-th unit vector. This costs two
    evaluations of ``f`` per element, which is why backpropagation (one backward pass for all
    elements) is used for training and this is used only to test it. ``x`` may have any shape;
    ``f`` receives a float64 copy that is perturbed and restored, so the caller's array is
    never modified.
    """
    _check_function(f)
    step = _check_step(h)
    point = _as_float_array(x, "x")
    gradient = np.zeros_like(point)
    for index in np.ndindex(point.shape):
        original = point[index]
        point[index] = original + step
        upper = _scalar_output(f(point))
        point[index] = original - step
        lower = _scalar_output(f(point))
        point[index] = original  # restore before the next coordinate is moved
        gradient[index] = (upper - lower) / (2.0 * step)
    return gradient


def _scalar_output(value: Any) -> float:
    array = _as_float_array(value, "f(x)")
    if array.size != 1:
        raise ValueError(f"f must return a scalar, got an array of shape {array.shape}")
    return float(array.reshape(()))


def _differences(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, float]:
    """|a − b| per element (NaN if either is NaN, inf where they differ at infinity) and the
    scale max(|a| + |b|) over the finite elements."""
    both_finite = np.isfinite(a) & np.isfinite(b)
    with np.errstate(invalid="ignore", over="ignore"):
        difference = np.where(both_finite, np.abs(a - b), np.where(a == b, 0.0, np.inf))
    difference[np.isnan(a) | np.isnan(b)] = np.nan
    scale = np.max(np.abs(a) + np.abs(b), where=both_finite, initial=0.0)
    return difference, float(scale)


def relative_error(a: Any, b: Any) -> float:
    """``max|a − b| / max(1e-8, max(|a| + |b|))``: how far apart two arrays are, relative to size.

    Relative, because an absolute error of 1e-6 is excellent for a gradient of size 1e3 and
    terrible for one of size 1e-6; the 1e-8 floor keeps the ratio finite when both are zero.
    The scale is the largest |a| + |b| in the array, so tiny entries next to large ones are not
    judged on noise. Returns NaN if either contains NaN, inf if they differ at an infinity.
    """
    first = _as_float_array(a, "a")
    second = _as_float_array(b, "b")
    if first.shape != second.shape:
        raise ValueError(f"a and b must have the same shape, got {first.shape} and {second.shape}")
    if first.size == 0:
        raise ValueError("a must not be empty")
    difference, scale = _differences(first, second)
    return float(np.max(difference) / max(1e-8, scale))


@dataclass(frozen=True)
class GradientCheck:
    """The outcome of ``check_gradient``: the worst relative error and where it happened."""

    max_error: float
    worst_index: tuple[int, ...]
    analytic_value: float
    numerical_value: float
    tol: float
    passed: bool
    analytic: np.ndarray | None = field(default=None, repr=False, compare=False)
    numerical: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        verdict = "OK" if self.passed else "FAILED"
        return (
            f"max relative error {self.max_error:.1e} at index {self.worst_index} "
            f"(analytic {self.analytic_value:.4g}, numerical {self.numerical_value:.4g}): "
            f"{verdict} (tol {self.tol:.0e})"
        )


def check_gradient(
    f: Callable[..., Any],
    x: Any,
    analytic: Any,
    *,
    h: float = 1e-5,
    tol: float = 1e-7,
) -> GradientCheck:
    """Compare ``analytic`` (an array, or a callable ``analytic(x)``) with finite differences.

    If ``f(x)`` is a scalar (a loss), the reference is ``numerical_gradient``; if ``f(x)`` has the
    shape of ``x`` (an activation), it is the elementwise ``numerical_derivative``. The check
    passes when ``relative_error`` is at most ``tol``; the default 1e-7 suits smooth functions
    with h = 1e-5 (see the module docstring), so keep check points away from kinks.

    >>> print(check_gradient(lambda v: (v**3).sum(), [1.0, 2.0], lambda v: 3 * v**2))
    max relative error 1.1e-11 at index (1,) (analytic 12, numerical 12): OK (tol 1e-07)
    """
    _check_function(f)
    step = _check_step(h)
    if isinstance(tol, bool) or not isinstance(tol, Real):
        raise TypeError(f"tol must be a real number, got {type(tol).__name__}")
    if not tol >= 0:
        raise ValueError(f"tol must be non-negative, got {tol}")
    point = _as_float_array(x, "x")
    if point.size == 0:
        raise ValueError("x must not be empty")
    output = _as_float_array(f(point.copy()), "f(x)")
    if output.ndim == 0:
        numerical = numerical_gradient(f, point, step)
    elif output.shape == point.shape:
        numerical = numerical_derivative(f, point, step)
    else:
        raise ValueError(
            f"f must return a scalar or an array shaped like x {point.shape}, "
            f"got shape {output.shape}"
        )
    expected = analytic(point.copy()) if callable(analytic) else analytic
    expected = _as_float_array(expected, "analytic")
    if expected.shape != point.shape:
        raise ValueError(
            f"analytic must have the shape of x {point.shape}, got shape {expected.shape}"
        )
    max_error = relative_error(expected, numerical)
    difference, _ = _differences(expected, numerical)
    # NaN is the worst possible disagreement, so report it before any finite one.
    flat = np.argmax(np.isnan(difference)) if np.isnan(max_error) else np.argmax(difference)
    worst = tuple(int(i) for i in np.unravel_index(int(flat), point.shape))
    return GradientCheck(
        max_error=max_error,
        worst_index=worst,
        analytic_value=float(expected[worst]),
        numerical_value=float(numerical[worst]),
        tol=float(tol),
        passed=bool(max_error <= tol),
        analytic=expected,
        numerical=numerical,
    )
