"""Checks for chapter 14, "Beyond the classics".

1. ``gelu_tanh(x)``: GELU's tanh approximation ½x(1 + tanh u), u = √(2/π)(x + 0.044715x³).
   Equivalently x·σ(2u), because ½(1 + tanh u) = σ(2u). It differs from the exact x·Φ(x) by at
   most 4.7e-4, so the exact GELU is a wrong answer here, and so are the usual slips: the cubic
   term or the ½ dropped, 0.44715 for 0.044715, σ(u) for σ(2u), the sigmoid approximation
   x·σ(1.702x).
2. ``hard_swish(x)`` = x·ReLU6(x + 3)/6 and ``hard_swish_derivative(x)``: 0 for x ≤ −3,
   (2x + 3)/6 for −3 < x < 3 and 1 for x ≥ 3. At the kinks the course takes the outer pieces'
   slopes, 0 at −3 and 1 at 3, as PyTorch 2.13 does. Evaluating the middle formula there gives
   −0.5 and 1.5 (what older PyTorch releases returned, pytorch/pytorch issue 147801), and a
   centred difference gives the averages −0.25 and 1.25.
3. ``int8_round_trip(x, scale, zero_point)``: the affine quantiser of TFLite's int8 scheme,
   q = clip(round(x/S) + Z, −128, 127), then back to S·(q − Z). Inside the range the round-trip
   error is at most S/2; outside it saturates at the extreme codes (a plain ``astype(np.int8)``
   wraps around instead); x = 0 comes back as exactly 0 because Z is an integer.

Each check compares the learner's answer with the right one and, when they differ, with the usual
wrong answers, so the message names the mistake.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from helpers.activations import gelu as _gelu
from helpers.activations import hard_sigmoid as _hard_sigmoid
from helpers.activations import hard_sigmoid_derivative as _hard_sigmoid_derivative
from helpers.activations import hard_swish as _hard_swish
from helpers.activations import hard_swish_derivative as _hard_swish_derivative
from helpers.activations import sigmoid as _sigmoid
from helpers.gradcheck import numerical_derivative

from ._core import call_with_hint, expect_close, fail, name_mistake, passed

__all__ = ["check_gelu_tanh", "check_hard_swish", "check_int8_round_trip"]

Mistake = tuple[str, Callable[..., Any], str]  # what it is, how to compute it, the hint

_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_CUBIC = 0.044715


_diagnose = partial(name_mistake, rtol=1e-12, atol=1e-15)


def _unchanged(exercise: str, given: np.ndarray, original: np.ndarray, shown: str) -> None:
    if not np.array_equal(given, original, equal_nan=True):
        fail(
            exercise,
            f"for {shown} your function changed its input x in place.",
            "the caller (and backpropagation, which needs x again) may still use x: build a new "
            "array instead of assigning into x[...] or using x += ...",
        )


def _show(x: np.ndarray) -> str:
    return np.array2string(
        np.asarray(x), separator=", ", max_line_width=200, formatter={"float_kind": "{:g}".format}
    )


def _floats(value: Any) -> np.ndarray | None:
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


# --- Exercise 1: GELU's tanh approximation -----------------------------------------------------


def _u(x: np.ndarray) -> np.ndarray:
    return _SQRT_2_OVER_PI * (x + _CUBIC * x**3)


_FORMULA = "½·x·(1 + tanh u) with u = √(2/π)·(x + 0.044715·x³)"

_GELU_MISTAKES: list[Mistake] = [
    (
        "the exact GELU x·Φ(x), not its tanh approximation",
        lambda x: _gelu(x),
        f"this exercise asks for the approximation {_FORMULA}; it differs from x·Φ(x) by up to "
        "4.7e-4, which is the point of section 2.",
    ),
    (
        "½x(1 + tanh(√(2/π)·x)): the cubic term 0.044715·x³ is missing",
        lambda x: 0.5 * x * (1 + np.tanh(_SQRT_2_OVER_PI * x)),
        f"the cubic term bends the gate to follow Φ in the tails: {_FORMULA}.",
    ),
    (
        "the formula with 0.44715 instead of 0.044715",
        lambda x: 0.5 * x * (1 + np.tanh(_SQRT_2_OVER_PI * (x + 0.44715 * x**3))),
        "the constant is 0.044715 (four digits after the 0.0).",
    ),
    (
        "the formula with x² instead of x³",
        lambda x: 0.5 * x * (1 + np.tanh(_SQRT_2_OVER_PI * (x + _CUBIC * x**2))),
        "the correction is cubic, 0.044715·x³: an odd function, like the rest of u.",
    ),
    (
        "the formula without the factor √(2/π) in u",
        lambda x: 0.5 * x * (1 + np.tanh(x + _CUBIC * x**3)),
        "√(2/π) ≈ 0.798 makes the gate's slope at 0 equal Φ′(0) = 1/√(2π).",
    ),
    (
        "the formula with 2/π instead of √(2/π)",
        lambda x: 0.5 * x * (1 + np.tanh(2 / math.pi * (x + _CUBIC * x**3))),
        "the factor is the square root: np.sqrt(2 / np.pi).",
    ),
    (
        "x(1 + tanh u): the factor ½ is missing",
        lambda x: x * (1 + np.tanh(_u(x))),
        "the gate ½(1 + tanh u) runs from 0 to 1; without ½ it runs to 2.",
    ),
    (
        "½x·tanh u: the 1 + is missing",
        lambda x: 0.5 * x * np.tanh(_u(x)),
        "the gate is ½(1 + tanh u), a number between 0 and 1.",
    ),
    (
        "½x(1 − tanh u): a sign error",
        lambda x: 0.5 * x * (1 - np.tanh(_u(x))),
        "the gate must open (→ 1) for large positive x: 1 + tanh u.",
    ),
    (
        "½(1 + tanh u), the gate alone: the factor x is missing",
        lambda x: 0.5 * (1 + np.tanh(_u(x))),
        "GELU multiplies the input by the gate: x·½(1 + tanh u).",
    ),
    (
        "x·σ(u): with a sigmoid the argument is 2u",
        lambda x: x * _sigmoid(_u(x)),
        "½(1 + tanh u) = σ(2u), not σ(u): use x·σ(2u) or the tanh form.",
    ),
    (
        "x·σ(1.702x), the sigmoid approximation of GELU",
        lambda x: x * _sigmoid(1.702 * x),
        f"that is another (coarser) approximation; this exercise asks for {_FORMULA}.",
    ),
    (
        "x·σ(x), SiLU",
        lambda x: x * _sigmoid(x),
        f"SiLU is GELU's cousin with the logistic gate; write {_FORMULA}.",
    ),
]

_GELU_OVERFLOW = (
    "x·σ(2u) written as x / (1 + np.exp(-2 * u)) overflows for very negative x, where −2u is huge. "
    "The tanh form never overflows (np.tanh saturates at ±1), and neither does a stable sigmoid "
    "(chapter 06)."
)


def check_gelu_tanh(gelu_tanh: Callable[..., Any]) -> None:
    """Check ``gelu_tanh(x) -> ½x(1 + tanh(√(2/π)(x + 0.044715x³)))`` elementwise.

    Ordinary values (1-D and 2-D, the shape must be kept) to a relative error of 1e-12, then
    extremes ±8, ±40, ±1000, which must give no RuntimeWarning; there an absolute error of 1e-15
    is allowed, so the textbook tanh form (whose 1 + tanh u rounds to 0 below x ≈ −6) passes.
    The input array must not be modified.
    """
    exercise = "gelu_tanh"
    cases = [
        np.array([-4.0, -2.7, -1.3, -0.5, 0.0, 0.4, 1.0, 2.7, 4.0]),
        np.array([[-2.1, 0.3, 1.7], [0.9, -0.6, 3.3]]),
        np.array([-1000.0, -40.0, -8.0, 8.0, 40.0, 1000.0]),
    ]
    for x in cases:
        shown = f"x = {_show(x)}"
        given = x.copy()
        got = call_with_hint(exercise, gelu_tanh, given, shown=shown, hint=_GELU_OVERFLOW)
        _unchanged(exercise, given, x, shown)
        expected = _gelu(x, approximate="tanh")
        _diagnose(exercise, got, expected, shown, _GELU_MISTAKES, x)
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            rtol=1e-12,
            atol=1e-15,
            hint=f"{_FORMULA}, elementwise, same shape as x.",
        )
    grid = np.linspace(-6.0, 6.0, 2401)
    error = np.abs(np.asarray(gelu_tanh(grid.copy()), dtype=float) - _gelu(grid))
    worst = int(np.argmax(error))
    passed(
        exercise,
        f"matches {_FORMULA} to 1e-12, warning-free up to |x| = 1000; its largest distance "
        f"from the exact GELU on [−6, 6] is {error[worst]:.2g}, at |x| ≈ {abs(grid[worst]):.1f}.",
    )


# --- Exercise 2: hard-swish and its derivative, with the kink conventions ----------------------

_HARD_SWISH_MISTAKES: list[Mistake] = [
    (
        "ReLU6(x + 3)/6, the hard sigmoid (the gate), not x times it",
        lambda x: _hard_sigmoid(x),
        "hard-swish multiplies the input by the gate: x·ReLU6(x + 3)/6.",
    ),
    (
        "x·ReLU6(x)/6: the shift +3 is missing",
        lambda x: x * np.clip(x, 0, 6) / 6,
        "the gate ReLU6(x + 3)/6 is 0 below −3, 1/2 at 0 and 1 above 3.",
    ),
    (
        "x·ReLU6(x + 3): the division by 6 is missing",
        lambda x: x * np.clip(x + 3, 0, 6),
        "ReLU6 ranges over [0, 6]; dividing by 6 makes the gate run from 0 to 1.",
    ),
    (
        "x(x + 3)/6 everywhere: the clip is missing",
        lambda x: x * (x + 3) / 6,
        "clip x + 3 to [0, 6] first (ReLU6): hard-swish is 0 below −3 and x above 3.",
    ),
    (
        "x·clip(0.2x + 0.5, 0, 1), with the hard sigmoid of old Keras versions",
        lambda x: x * np.clip(0.2 * x + 0.5, 0, 1),
        "libraries define the hard sigmoid differently; MobileNetV3 and PyTorch use "
        "ReLU6(x + 3)/6, whose slope is 1/6, not 0.2.",
    ),
    (
        "x·σ(x), the smooth SiLU that hard-swish imitates",
        lambda x: x * _sigmoid(x),
        "replace the sigmoid by the piecewise-linear ReLU6(x + 3)/6.",
    ),
]

_DERIVATIVE_MISTAKES: list[Mistake] = [
    (
        "the hard sigmoid ReLU6(x + 3)/6: the product rule's second term is missing",
        lambda x: _hard_sigmoid(x),
        "d/dx [x·g(x)] = g(x) + x·g′(x), with g′ = 1/6 for −3 < x < 3: (x + 3)/6 + x/6.",
    ),
    (
        "(2x + 3)/6 for every x: the outer pieces are missing",
        lambda x: (2 * x + 3) / 6,
        "the slope is 0 for x ≤ −3 (the function is flat at 0) and 1 for x ≥ 3 (it is x).",
    ),
    (
        "x/6 in the middle: only the product rule's second term",
        lambda x: np.where(x <= -3, 0.0, np.where(x >= 3, 1.0, x / 6)),
        "d/dx [x·g(x)] = g(x) + x·g′(x): add the gate itself, (x + 3)/6.",
    ),
    (
        "the slope of the hard sigmoid (1/6 in the middle, 0 outside)",
        lambda x: _hard_sigmoid_derivative(x),
        "that is g′; hard-swish is x·g(x), so its slope is g(x) + x·g′(x).",
    ),
    (
        "hard-swish itself, not its derivative",
        lambda x: _hard_swish(x),
        "differentiate each piece: 0, (2x + 3)/6 and 1.",
    ),
]

_HARD_SWISH_HINT = (
    "x * np.clip(x + 3, 0, 6) / 6 works on whole arrays; for the derivative, np.where or np.select "
    "with x <= -3, x < 3 and x >= 3."
)


def _kink_value(got: Any, index: int) -> float:
    values = _floats(got)
    if values is None or values.size != 2:
        return math.nan
    return float(values.reshape(-1)[index])


def check_hard_swish(
    hard_swish: Callable[..., Any], hard_swish_derivative: Callable[..., Any]
) -> None:
    """Check ``hard_swish(x) = x·ReLU6(x + 3)/6`` and its derivative, kinks included.

    Both on ordinary values (1-D and 2-D, shape kept, input unchanged) and ±1e6; the derivative
    also at the kinks, where the course's convention is hard_swish′(−3) = 0, hard_swish′(3) = 1.
    """
    ordinary = [
        np.array([-5.0, -2.0, -1.5, -1.0, -0.25, 0.0, 0.5, 2.0, 2.5, 5.0]),
        np.array([[-4.2, -0.7, 1.9], [0.3, 2.9, -2.6]]),
        np.array([-1e6, 1e6]),
    ]
    for exercise, fn, reference, mistakes in (
        ("hard_swish", hard_swish, _hard_swish, _HARD_SWISH_MISTAKES),
        ("hard_swish_derivative", hard_swish_derivative, _hard_swish_derivative,
         _DERIVATIVE_MISTAKES),
    ):  # fmt: skip
        for x in ordinary:
            shown = f"x = {_show(x)}"
            given = x.copy()
            got = call_with_hint(exercise, fn, given, shown=shown, hint=_HARD_SWISH_HINT)
            _unchanged(exercise, given, x, shown)
            expected = reference(x)
            _diagnose(exercise, got, expected, shown, mistakes, x)
            expect_close(exercise, got, expected, shown=shown, rtol=1e-12, hint=_HARD_SWISH_HINT)

    exercise = "hard_swish"
    kinks = np.array([-3.0, 3.0])
    shown = "x = [-3, 3] (the kinks)"
    got = call_with_hint(exercise, hard_swish, kinks.copy(), shown=shown, hint=_HARD_SWISH_HINT)
    expect_close(exercise, got, [0.0, 3.0], shown=shown, hint="hard-swish is continuous: 0 and 3.")

    exercise = "hard_swish_derivative"
    got = call_with_hint(
        exercise, hard_swish_derivative, kinks.copy(), shown=shown, hint=_HARD_SWISH_HINT
    )
    for index, (kink, right, middle, average) in enumerate(((-3, 0.0, -0.5, -0.25),
                                                            (3, 1.0, 1.5, 1.25))):  # fmt: skip
        value = _kink_value(got, index)
        side = "the flat piece (0)" if kink < 0 else "the identity piece (1)"
        if value == middle:
            fail(
                exercise,
                f"for {shown} you returned {middle:g} at x = {kink}: the middle formula "
                f"(2x + 3)/6 evaluated at the kink.",
                f"the middle piece holds only for −3 < x < 3; at x = {kink} the course takes the "
                f"slope of {side} (frameworks differ here: PyTorch's kernel has returned "
                f"{middle:g}): use x <= -3 and x >= 3 for the outer pieces.",
            )
        if value == average:
            fail(
                exercise,
                f"for {shown} you returned {average:g} at x = {kink}, the average of the two "
                "one-sided slopes (what a centred difference gives at a kink).",
                f"the convention is the slope of {side} at x = {kink}.",
            )
        if value != right:
            fail(
                exercise,
                f"for {shown} expected {right:g} at x = {kink}, got {value:g}.",
                "hard_swish′(−3) = 0 and hard_swish′(3) = 1 by convention.",
            )
    away = np.array([-4.1, -2.2, -0.6, 0.7, 2.4, 4.6])
    numerical = numerical_derivative(lambda v: _hard_swish(v), away)
    agreement = np.max(np.abs(np.asarray(hard_swish_derivative(away.copy())) - numerical))
    passed(
        "hard_swish",
        "x·ReLU6(x + 3)/6 and its slope 0 | (2x + 3)/6 | 1, with 0 at x = −3 and 1 at x = 3 "
        "(the outer pieces' slopes); the slope matches centred differences away from the kinks "
        f"({'to better than 1e-8' if agreement < 1e-8 else f'to {agreement:.0e}'}).",
    )


# --- Exercise 3: the int8 round trip ----------------------------------------------------------

_INT8_LOW, _INT8_HIGH = -128, 127


def _codes(x: np.ndarray, scale: float, zero_point: int) -> np.ndarray:
    return np.clip(np.round(x / scale) + zero_point, _INT8_LOW, _INT8_HIGH)


def _round_trip(x: np.ndarray, scale: float, zero_point: int) -> np.ndarray:
    return scale * (_codes(x, scale, zero_point) - zero_point)


def _wrapped(x: np.ndarray, scale: float, zero_point: int) -> np.ndarray:
    """What ``np.round(x / scale).astype(np.int8)`` gives on most machines: modulo 256."""
    codes = np.round(x / scale) + zero_point
    return scale * ((codes - _INT8_LOW) % 256 + _INT8_LOW - zero_point)


_INT8_FORMULA = "q = clip(round(x / scale) + zero_point, −128, 127), then scale·(q − zero_point)"

_INT8_MISTAKES: list[Mistake] = [
    (
        "the integer codes q, not the values they stand for",
        lambda x, s, z: _codes(x, s, z),
        "dequantise before returning: scale * (q - zero_point).",
    ),
    (
        "a round trip that truncates towards 0 instead of rounding",
        lambda x, s, z: s * (np.clip(np.trunc(x / s) + z, _INT8_LOW, _INT8_HIGH) - z),
        "astype(int) and np.trunc cut off the fraction, so the error reaches a whole step; "
        "np.round picks the nearest level, and the error stays within scale/2.",
    ),
    (
        "a round trip that rounds down (np.floor)",
        lambda x, s, z: s * (np.clip(np.floor(x / s) + z, _INT8_LOW, _INT8_HIGH) - z),
        "np.floor always goes down, so the error reaches a whole step; use np.round.",
    ),
    (
        "x itself: nothing was rounded",
        lambda x, s, z: x,
        "divide by scale, round to an integer code, clip, and scale back.",
    ),
    (
        "x·scale rounded and divided back: scale is the step between levels",
        lambda x, s, z: (np.clip(np.round(x * s) + z, _INT8_LOW, _INT8_HIGH) - z) / s,
        "real value = scale·(code − zero_point), so code = round(x / scale) + zero_point.",
    ),
    (
        "a round trip without saturation: codes beyond −128…127 were kept",
        lambda x, s, z: s * np.round(x / s),
        "int8 holds only −128…127: clip the codes (np.clip) so out-of-range values saturate.",
    ),
    (
        "a round trip whose codes wrapped around (as astype(np.int8) does beyond 127)",
        _wrapped,
        "casting a float beyond 127 to int8 wraps around (200 becomes −56) on most machines: "
        "np.clip the codes to [−128, 127] before converting.",
    ),
    (
        "a round trip clipped to −127…127",
        lambda x, s, z: s * (np.clip(np.round(x / s) + z, -127, 127) - z),
        "that is the narrow range TFLite uses for weights; activations use all of int8, −128…127.",
    ),
    (
        "a round trip clipped to 0…255, the uint8 range",
        lambda x, s, z: s * (np.clip(np.round(x / s) + z, 0, 255) - z),
        "int8 runs from −128 to 127.",
    ),
    (
        "scale·q: the zero point is not subtracted when dequantising",
        lambda x, s, z: s * _codes(x, s, z),
        "the code q stands for the real value scale·(q − zero_point).",
    ),
    (
        "scale·q − zero_point: the zero point was subtracted after scaling",
        lambda x, s, z: s * _codes(x, s, z) - z,
        "the zero point is in code units: scale·(q − zero_point).",
    ),
    (
        "a round trip with the zero point's sign swapped (subtracted, then added back)",
        lambda x, s, z: s * (np.clip(np.round(x / s) - z, _INT8_LOW, _INT8_HIGH) + z),
        "quantise with + zero_point and dequantise with − zero_point.",
    ),
    (
        "a round trip that ignores the zero point",
        lambda x, s, z: s * np.clip(np.round(x / s), _INT8_LOW, _INT8_HIGH),
        "with zero_point = −128 the codes −128…127 cover [0, 255·scale]; without it, everything "
        "above 127·scale saturates.",
    ),
]

_INT8_HINT = f"{_INT8_FORMULA}; np.round, np.clip and plain float arithmetic are all you need."


def _int8_cases() -> list[tuple[str, np.ndarray, float, int]]:
    rng = np.random.default_rng(14)
    return [
        (
            "ordinary values",
            np.array([-3.21, -0.013, 0.0, 0.024, 0.026, 0.61, 1.234, 6.3]),
            0.05,
            0,
        ),
        ("values beyond the range", np.array([7.0, 100.0, -7.0, -100.0, 6.34, -6.39]), 0.05, 0),
        (
            "a ReLU6 range [0, 6]",
            np.array([0.0, 0.01, 1.1, 3.1, 5.99, 6.0, 7.5, -1.01]),
            6 / 255,
            -128,
        ),
        ("a 2-D array", np.array([[0.313, -1.927, 2.071], [-0.447, 0.182, 1.493]]), 0.02, 3),
        ("400 uniform values in range", rng.uniform(-6.4, 6.35, 400), 0.05, 0),
        ("400 uniform values in [0, 6]", rng.uniform(0.0, 6.0, 400), 6 / 255, -128),
    ]


def check_int8_round_trip(int8_round_trip: Callable[..., Any]) -> None:
    """Check ``int8_round_trip(x, scale, zero_point) -> scale·(q − zero_point)`` with
    q = clip(round(x/scale) + zero_point, −128, 127): values in range come back within scale/2,
    values beyond it saturate, 0 comes back as exactly 0. The inputs avoid exact ties (x/scale
    ending in .5), where rounding conventions differ. The input array must not be modified.
    """
    exercise = "int8_round_trip"
    worst_ratio = 0.0
    for what, x, scale, zero_point in _int8_cases():
        values = _show(x) if x.size <= 8 else f"{x.size} values"
        shown = f"{what}, x = {values}, scale = {scale:.6g}, zero_point = {zero_point}"
        given = x.copy()
        got = call_with_hint(exercise, int8_round_trip, given, scale, zero_point, shown=shown,
                    hint=_INT8_HINT)  # fmt: skip
        _unchanged(exercise, given, x, shown)
        expected = _round_trip(x, scale, zero_point)
        _diagnose(exercise, got, expected, shown, _INT8_MISTAKES, x, scale, zero_point)
        if 0.0 in x and (got_values := _floats(got)) is not None and got_values.shape == x.shape:
            at_zero = float(got_values[x == 0.0].reshape(-1)[0])
            if at_zero != 0.0:
                fail(
                    exercise,
                    f"for {shown} x = 0 came back as {at_zero:g}, not exactly 0.",
                    "0 maps to the code zero_point, which dequantises to scale·(Z − Z) = 0; "
                    "exact zeros matter (ReLU's outputs, zero padding).",
                )
        expect_close(exercise, got, expected, shown=shown, rtol=1e-12, atol=1e-12,
                     hint=_INT8_HINT)  # fmt: skip
        inside = (x >= scale * (_INT8_LOW - zero_point)) & (x <= scale * (_INT8_HIGH - zero_point))
        if inside.any():
            errors = np.abs(np.asarray(got, dtype=float) - x)[inside]
            worst_ratio = max(worst_ratio, float(errors.max() / scale))
    passed(
        exercise,
        "rounds to the nearest of 256 levels (largest round-trip error in range: "
        f"{worst_ratio:.2f}·scale, at most 0.5·scale), saturates at the codes −128 and 127, "
        "and returns 0 as exactly 0.",
    )
