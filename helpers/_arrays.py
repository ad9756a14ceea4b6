"""Input checking shared by every module: what a learner passes becomes a float64 array, a count
or a parameter, or a clear error naming the argument and what is wrong with it.

The rule for results, the one NumPy's own ufuncs follow: an array (or list) in gives an ndarray of
the same shape out; a 0-d input (a Python number, a NumPy scalar or a 0-d array) gives a NumPy
``float64`` scalar out — a subclass of ``float``, so ``f"{sigmoid(0):.4f}"`` and ``math`` work.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from numbers import Integral
from typing import Any

import numpy as np

_REAL_KINDS = "biuf"  # NumPy dtype kinds for bool, signed and unsigned int, float


def as_float_array(x: Any, name: str = "x") -> np.ndarray:
    """``x`` as a float64 ndarray (not copied if it already is one), or an error naming ``name``.

    Numbers, nested lists and bool/int/float arrays are accepted; strings, None, complex numbers
    and object arrays raise ``TypeError``; ragged nested lists raise ``ValueError``.
    """
    if x is None or isinstance(x, (str, bytes)):
        raise TypeError(f"{name} must be numeric, got {type(x).__name__}")
    try:
        array = np.asarray(x)
    except ValueError:  # NumPy refuses ragged nested lists
        raise ValueError(
            f"{name} must be rectangular (rows of equal length), got a ragged {type(x).__name__}"
        ) from None
    if array.dtype.kind not in _REAL_KINDS:
        raise TypeError(
            f"{name} must hold real numbers, got {type(x).__name__} of dtype {array.dtype}"
        )
    return array.astype(np.float64, copy=False)


def check_param(value: Any, name: str, *, positive: bool = False) -> float:
    """A scalar parameter such as α as a finite float; ``positive=True`` also demands value > 0."""
    array = as_float_array(value, name)
    if array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    number = float(array)
    if not np.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}")
    if positive and number <= 0:
        raise ValueError(f"{name} must be positive, got {number}")
    return number


def check_count(value: Any, name: str, minimum: int = 1) -> int:
    """An int of at least ``minimum`` (a size, a number of epochs or points); bool is refused."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def elementwise(function: Callable[..., np.ndarray]) -> Callable[..., Any]:
    """Decorator for ``function(x, ...)`` written for float64 arrays of at least one dimension.

    The wrapper validates ``x`` with ``as_float_array`` and hands ``function`` an array that is at
    least 1-d (ufuncs return scalars for 0-d arrays, which would break ``out=`` arguments), then
    returns a 0-d input's result as a float64 scalar. ``function`` must not modify ``x``.
    """

    @functools.wraps(function)
    def wrapper(x: Any, *args: Any, **kwargs: Any) -> Any:
        array = as_float_array(x, "x")
        result = function(np.atleast_1d(array), *args, **kwargs)
        return result[0] if array.ndim == 0 else result

    return wrapper
