"""Checks for chapter 07, "Tanh".

1. ``tanh_from_sigmoid(x)``: tanh through the identity tanh(x) = 2σ(2x) − 1, built on the stable
   ``helpers.activations.sigmoid``, so x = ±1000 gives ±1 without a warning.
2. ``tanh_derivative_stable(x)``: tanh′(x) = 1 − tanh²(x), written as 4σ(2x)σ(−2x) so that the
   tails survive: 1 − tanh² is exactly 0 for |x| > 19 and loses digits long before that.
3. ``scaled_tanh(x, b)``: f(x) = a·tanh(bx) with a = 1/tanh(b), so f(±1) = ±1 (LeCun's
   1.7159·tanh(2x/3) when b = 2/3), returned with f′(x) = a·b·tanh′(bx) in the stable form.

The references are ``helpers.activations.tanh`` and ``tanh_derivative`` (tested against 200-bit
mpmath values). When an answer is wrong, each check compares it with the usual wrong answers
(σ(x) for σ(2x), a missing − 1, a missing chain-rule factor, the 1 − tanh² that loses the tails)
to name the mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from helpers.activations import sigmoid, tanh, tanh_derivative

from ._core import (
    call_checked,
    expect_close,
    fail,
    matches,
    name_mistake,
    passed,
)

__all__ = ["check_scaled_tanh", "check_tanh_derivative_stable", "check_tanh_from_sigmoid"]

Mistake = tuple[str, Callable[[np.ndarray], np.ndarray], str]  # what it is, compute it, hint


# No absolute tolerance: in the tails, 0 and a tiny value are different answers.
_diagnose = partial(name_mistake, atol=0.0, skip_rtol=1e-9, skip_atol=0.0)


def _as_floats(value: Any) -> np.ndarray | None:
    """``value`` as a float array, or None if it is not numeric (expect_close reports that)."""
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None


def _near_miss(
    exercise: str, got: Any, expected: np.ndarray, shown: str, rtol: float, hint: str
) -> None:
    """Fail with the size of the error when ``got`` is close to right but not within ``rtol``:
    printed to six digits, such values look identical, so say how far apart they are."""
    values = _as_floats(got)
    if values is None or values.shape != expected.shape:
        return
    if matches(values, expected, rtol=rtol, atol=0.0):
        return
    if not matches(values, expected, rtol=1e-4, atol=1e-300):
        return  # far off: expect_close shows the values
    scale = np.maximum(np.abs(expected), np.finfo(float).tiny)
    worst = float(np.max(np.abs(values - expected) / scale))
    fail(
        exercise,
        f"for {shown} your values are close but not accurate enough: relative error up to "
        f"{worst:.1e}, and this exercise needs {rtol:.0e}.",
        hint,
    )


# --- Exercise 1: tanh from the sigmoid ---------------------------------------------------------

_SIGMOID_MISTAKES: list[Mistake] = [
    (
        "2σ(x) − 1, which is tanh(x/2)",
        lambda x: 2.0 * sigmoid(x) - 1.0,
        "the identity needs σ(2x): tanh(x) = 2σ(2x) − 1 (squeeze the sigmoid horizontally by 2).",
    ),
    (
        "2σ(2x), without the − 1",
        lambda x: 2.0 * sigmoid(2.0 * x),
        "2σ(2x) lies in (0, 2); subtracting 1 moves it to (−1, 1), centred on 0.",
    ),
    (
        "σ(2x) − 1, without the factor 2",
        lambda x: sigmoid(2.0 * x) - 1.0,
        "stretch vertically first: 2σ(2x) spans (0, 2), then subtract 1.",
    ),
    (
        "σ(2x), a sigmoid",
        lambda x: sigmoid(2.0 * x),
        "stretch it vertically by 2 and shift it down by 1: 2σ(2x) − 1.",
    ),
    (
        "1 − 2σ(2x), which is −tanh(x)",
        lambda x: 1.0 - 2.0 * sigmoid(2.0 * x),
        "the sign is flipped: tanh increases with x, tanh(x) = 2σ(2x) − 1.",
    ),
]


def check_tanh_from_sigmoid(tanh_from_sigmoid: Callable[..., Any]) -> None:
    """Check ``tanh_from_sigmoid(x)`` against ``np.tanh`` on arrays, tails included.

    2σ(2x) − 1 carries an absolute rounding error of a few 1e-16 (the − 1 cancels digits near
    x = 0), so values are compared with rtol 1e-12 and atol 1e-15.
    """
    exercise = "tanh_from_sigmoid"
    rng = np.random.default_rng(7)
    cases = [
        (np.linspace(-5.0, 5.0, 11), "x from −5 to 5 (11 points)"),
        (3.0 * rng.normal(size=(3, 4)), "a 2-D array of shape (3, 4)"),
        (np.array([-1000.0, -30.0, 30.0, 1000.0]), "x = −1000, −30, 30, 1000 (the tails)"),
    ]
    warning_hint = (
        "e^{−2x} overflows for x < −354: build on the stable helpers.activations.sigmoid "
        "(imported in the setup cell) rather than 1/(1 + np.exp(−2x)) or (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)."
    )
    for x, shown in cases:
        got = call_checked(
            exercise, tanh_from_sigmoid, x.copy(), shown=shown, warning_hint=warning_hint
        )
        expected = tanh(x)
        if not matches(got, expected, rtol=1e-12, atol=1e-15):
            _diagnose(exercise, got, expected, shown, _SIGMOID_MISTAKES, x)
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            rtol=1e-12,
            atol=1e-15,
            hint="tanh(x) = 2σ(2x) − 1, with sigmoid from helpers.activations.",
        )
    passed(
        exercise,
        f"2σ(2x) − 1 matches np.tanh in all {len(cases)} cases, "
        "including x = ±1000 without a warning.",
    )


# --- Exercise 2: tanh′ that keeps its tails ------------------------------------------------------

_STABLE_FORM = "use 4σ(2x)σ(−2x) with the stable sigmoid from helpers.activations."

_DERIVATIVE_MISTAKES: list[Mistake] = [
    (
        "1 − tanh(x)², which loses the tails",
        lambda x: 1.0 - np.tanh(x) ** 2,
        "tanh(x) rounds to ±1 for |x| > 19, so 1 − tanh² cancels to exactly 0 there (and "
        "loses digits well before): " + _STABLE_FORM,
    ),
    (
        "4σ(2x)(1 − σ(2x)), which loses the tails",
        lambda x: 4.0 * sigmoid(2.0 * x) * (1.0 - sigmoid(2.0 * x)),
        "1 − σ(2x) rounds to 0 once σ(2x) rounds to 1 (2x > 37): write it as σ(−2x).",
    ),
    (
        "σ(x)σ(−x), the derivative of the sigmoid",
        lambda x: sigmoid(x) * sigmoid(-x),
        "tanh(x) = 2σ(2x) − 1, so tanh′(x) = 2·σ′(2x)·2 = 4σ(2x)σ(−2x).",
    ),
    (
        "4σ(x)σ(−x): σ evaluated at x instead of 2x",
        lambda x: 4.0 * sigmoid(x) * sigmoid(-x),
        "the inner function is 2x: use σ(2x) and σ(−2x).",
    ),
    (
        "2σ(2x)σ(−2x), half of tanh′",
        lambda x: 2.0 * sigmoid(2.0 * x) * sigmoid(-2.0 * x),
        "there are two factors of 2: one from 2σ(·), one from the inner 2x (chain rule).",
    ),
    (
        "−tanh′(x): the sign is flipped",
        lambda x: -tanh_derivative(x),
        "tanh is increasing, so its slope is positive.",
    ),
    (
        "tanh(x) itself, not its derivative",
        lambda x: np.tanh(x),
        "tanh′(x) = 1 − tanh²(x) = 4σ(2x)σ(−2x), a bump with peak 1 at x = 0.",
    ),
]


def check_tanh_derivative_stable(tanh_derivative_stable: Callable[..., Any]) -> None:
    """Check ``tanh_derivative_stable(x)`` to 10 significant digits, tails included.

    The reference is ``helpers.activations.tanh_derivative``. At x = ±20, ±30 the true slope is
    about 1.7e-17 and 3.5e-26; 1 − tanh² returns 0 there, which a relative tolerance rejects.
    At x = ±1000 the slope underflows to 0 and 1/cosh(x)² overflows on the way.
    """
    exercise = "tanh_derivative_stable"
    rng = np.random.default_rng(8)
    cases = [
        (np.linspace(-5.0, 5.0, 21), "x from −5 to 5 (21 points)"),
        (2.0 * rng.normal(size=(2, 3)), "a 2-D array of shape (2, 3)"),
        (np.array([-30.0, -20.0, -10.0, 10.0, 20.0, 30.0]), "x = ±10, ±20, ±30 (the tails)"),
        (np.array([-1000.0, -300.0, 300.0, 1000.0]), "x = ±300, ±1000 (far out)"),
    ]
    warning_hint = "1/cosh(x)² overflows for |x| > 710: " + _STABLE_FORM
    for x, shown in cases:
        got = call_checked(
            exercise, tanh_derivative_stable, x.copy(), shown=shown, warning_hint=warning_hint
        )
        expected = tanh_derivative(x)
        if not matches(got, expected, rtol=1e-10, atol=0.0):
            _diagnose(exercise, got, expected, shown, _DERIVATIVE_MISTAKES, x)
            _near_miss(
                exercise, got, expected, shown, 1e-10,
                "a finite difference, or any formula with a subtraction such as 1 − tanh², "
                "loses digits: " + _STABLE_FORM,
            )  # fmt: skip
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            rtol=1e-10,
            atol=0.0,
            hint="tanh′(x) = 4σ(2x)σ(−2x): relative accuracy is needed in the tails too.",
        )
    passed(
        exercise,
        f"tanh′ to 10 significant digits in all {len(cases)} cases, "
        "including x = ±20 and ±30 where 1 − tanh² gives 0.",
    )


# --- Exercise 3: a scaled tanh that hits ±1 at ±1 ------------------------------------------------

LECUN_B = 2.0 / 3.0


def _scaled_mistakes(b: float) -> dict[str, list[Mistake]]:
    a = 1.0 / np.tanh(b)
    return {
        "f": [
            (
                "1.7159·tanh(bx): a fixed at LeCun's value",
                lambda x: 1.7159 * np.tanh(b * x),
                f"a must be computed from b: a·tanh(b) = 1 gives a = 1/tanh(b) = {a:.6f} for "
                f"b = {b:.4g} (1.7159 is LeCun's value rounded to 4 decimals, for b = 2/3 only).",
            ),
            (
                "tanh(bx)/tanh(1): b left out of a",
                lambda x: np.tanh(b * x) / np.tanh(1.0),
                "f(1) = a·tanh(b·1) = 1 gives a = 1/tanh(b), with the same b as inside.",
            ),
            (
                "a·tanh(x): b is missing inside",
                lambda x: a * np.tanh(x),
                "the input is scaled too: f(x) = a·tanh(b·x).",
            ),
        ],
        "f_prime": [
            (
                "a·tanh′(bx): the chain-rule factor b is missing",
                lambda x: a * tanh_derivative(b * x),
                "d/dx tanh(bx) = b·tanh′(bx): the inner function bx contributes a factor b.",
            ),
            (
                "b·tanh′(bx): the factor a is missing",
                lambda x: b * tanh_derivative(b * x),
                "a constant factor stays: f′(x) = a·b·tanh′(bx).",
            ),
            (
                "1 − f(x)²",
                lambda x: 1.0 - (a * np.tanh(b * x)) ** 2,
                "1 − f² is the derivative only for a = b = 1; here f′(x) = a·b·(1 − tanh²(bx)).",
            ),
            (
                "a·b·(1 − tanh(bx)²), which loses the tails",
                lambda x: a * b * (1.0 - np.tanh(b * x) ** 2),
                "1 − tanh² cancels to 0 for |bx| > 19: write tanh′(bx) as 4σ(2bx)σ(−2bx).",
            ),
            (
                "a·b·tanh′(x): the slope taken at x instead of bx",
                lambda x: a * b * tanh_derivative(x),
                "the chain rule evaluates the outer derivative at the inner value: tanh′(bx).",
            ),
        ],
    }


def check_scaled_tanh(scaled_tanh: Callable[..., Any]) -> None:
    """Check ``scaled_tanh(x, b) -> (f, f_prime)`` for f(x) = a·tanh(bx), a = 1/tanh(b).

    Three values of b (LeCun's 2/3, then 1 and 1/4). f must be zero-centred (f(0) = 0, odd),
    pass through (±1, ±1), and f′ must be right to 10 significant digits at x = ±40, where
    the slope is tiny but not 0.
    """
    exercise = "scaled_tanh"
    x = np.array([-40.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 40.0])
    warning_hint = "an overflow means an exponential of a large number: " + _STABLE_FORM
    a_lecun = None
    for b in (LECUN_B, 1.0, 0.25):
        a = 1.0 / np.tanh(b)
        shown = f"b = {b:.4g}, x = {x.tolist()}"
        result = call_checked(
            exercise, scaled_tanh, x.copy(), b, shown=shown, warning_hint=warning_hint
        )
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            fail(
                exercise,
                f"for {shown} expected two arrays (f, f_prime), got {type(result).__name__}.",
                "end the function with `return f, f_prime`.",
            )
        f, f_prime = result
        f_arr = _as_floats(f)
        if f_arr is not None and f_arr.shape == x.shape:
            at_zero, at_one = f_arr[4], f_arr[6]
            odd = np.allclose(f_arr, -f_arr[::-1], rtol=1e-12, atol=1e-15)
            if abs(at_zero) > 1e-15 or not odd:
                fail(
                    exercise,
                    f"for b = {b:.4g}, f(0) = {at_zero:.6g} and f(−x) ≠ −f(x): not zero-centred.",
                    "a·tanh(bx) is odd, f(−x) = −f(x), so f(0) = 0; no offset is needed.",
                )
            if not np.isclose(at_one, 1.0, rtol=1e-12, atol=0):
                mistakes = _scaled_mistakes(b)["f"]
                _diagnose(exercise, f_arr, a * tanh(b * x), f"f with {shown}", mistakes, x)
                fail(
                    exercise,
                    f"for b = {b:.4g}, f(1) = {at_one:.6g}, but the targets ±1 need f(±1) = ±1.",
                    f"choose a so that a·tanh(b) = 1: a = 1/tanh(b) = {a:.4f} here.",
                )
        expected_f = a * tanh(b * x)
        if not matches(f, expected_f, rtol=1e-12, atol=1e-15):
            _diagnose(exercise, f, expected_f, f"f with {shown}", _scaled_mistakes(b)["f"], x)
        expect_close(
            exercise, f, expected_f, shown=f"f with {shown}", rtol=1e-12, atol=1e-15,
            hint="f(x) = a·tanh(bx) with a = 1/tanh(b).",
        )  # fmt: skip
        expected_slope = a * b * tanh_derivative(b * x)
        mistakes = _scaled_mistakes(b)["f_prime"]
        if not matches(f_prime, expected_slope, rtol=1e-10, atol=0.0):
            _diagnose(exercise, f_prime, expected_slope, f"f_prime with {shown}", mistakes, x)
            _near_miss(
                exercise, f_prime, expected_slope, f"f_prime with {shown}", 1e-10,
                "a finite difference or 1 − tanh² loses digits: f′(x) = a·b·4σ(2bx)σ(−2bx).",
            )  # fmt: skip
        expect_close(
            exercise, f_prime, expected_slope, shown=f"f_prime with {shown}", rtol=1e-10,
            atol=0.0, hint="f′(x) = a·b·tanh′(bx), with tanh′ in the stable form 4σ(2u)σ(−2u).",
        )  # fmt: skip
        if b == LECUN_B:
            a_lecun = a
    passed(
        exercise,
        f"f(±1) = ±1, f(0) = 0 and f′ right in the tails for b = 2/3, 1 and 1/4 "
        f"(a = {a_lecun:.4f} for b = 2/3: LeCun's constant).",
    )
