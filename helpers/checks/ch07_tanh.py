"""Checks for chapter 07, "Tanh".

1. ``tanh_from_sigmoid(x)`` = 2σ(2x) − 1 on the stable sigmoid, so x = ±1000 gives ±1 quietly.
2. ``tanh_derivative_stable(x)`` = 4σ(2x)σ(−2x): 1 − tanh² is exactly 0 for |x| > 19.
3. ``scaled_tanh(x, b) -> (f, f_prime)``: f(x) = a·tanh(bx), a = 1/tanh(b), so f(±1) = ±1
   (LeCun's 1.7159·tanh(2x/3) for b = 2/3), and f′(x) = a·b·tanh′(bx) in the stable form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import sigmoid, tanh, tanh_derivative

from ._runner import Case, Check, Exercise, Mistake, matches

__all__ = ["check_scaled_tanh", "check_tanh_derivative_stable", "check_tanh_from_sigmoid"]

_STABLE_FORM = "use 4σ(2x)σ(−2x) with the stable sigmoid from helpers.activations."
# In the tails 0 and 1e-17 are different answers: wrong answers are named with no absolute
# tolerance. The functions may change x: the check hands each call its own copy.
_RELATIVE = {"mistake_atol": 0.0, "pure": False}
_TAILS = {"rtol": 1e-10, "atol": 0.0, **_RELATIVE}


def _near_miss(hint: str, right: Callable[..., Any], **where: str) -> Mistake:
    """Close but not within 1e-10: shown to 6 digits such values look right, so say how close."""

    def when(got: Any, *args: Any) -> str | bool:
        got, want = np.asarray(got, dtype=float), right(*args)
        if not matches(got, want, rtol=1e-4, atol=1e-300) or matches(got, want, rtol=1e-10, atol=0):
            return False  # far off (the comparison shows the values), or right
        worst = np.max(np.abs(got - want) / np.maximum(np.abs(want), np.finfo(float).tiny))
        return (f"the values are close but not accurate enough (relative error up to {worst:.1e}"
                "; this exercise needs 1e-10)")  # fmt: skip

    what = "values close but not accurate enough"
    return Mistake(what, hint, when=when, example=lambda *a: right(*a) * (1 + 1e-8), **where)


# --- Exercise 1: tanh from the sigmoid ---------------------------------------------------------

# fmt: off
check_tanh_from_sigmoid = Check((Exercise(
    "tanh_from_sigmoid", tanh,
    lambda: [Case("x from −5 to 5 (11 points)", (np.linspace(-5.0, 5.0, 11),)),
             Case("a 2-D array of shape (3, 4)", (np.random.default_rng(7).normal(0, 3, (3, 4)),)),
             Case("x = −1000, −30, 30, 1000 (the tails)", (np.array([-1e3, -30.0, 30.0, 1e3]),))],
    [Mistake("2σ(x) − 1, which is tanh(x/2)", "the identity needs σ(2x): tanh(x) = 2σ(2x) − 1 "
             "(squeeze the sigmoid horizontally by 2).", lambda x: 2.0 * sigmoid(x) - 1.0),
     Mistake("2σ(2x), without the − 1", "2σ(2x) lies in (0, 2); subtracting 1 moves it to "
             "(−1, 1), centred on 0.", lambda x: 2.0 * sigmoid(2.0 * x)),
     Mistake("σ(2x) − 1, without the factor 2", "stretch vertically first: 2σ(2x) spans (0, 2), "
             "then subtract 1.", lambda x: sigmoid(2.0 * x) - 1.0),
     Mistake("σ(2x), a sigmoid", "stretch it vertically by 2 and shift it down by 1: 2σ(2x) − 1.",
             lambda x: sigmoid(2.0 * x)),
     Mistake("1 − 2σ(2x), which is −tanh(x)", "the sign is flipped: tanh increases with x, "
             "tanh(x) = 2σ(2x) − 1.", lambda x: 1.0 - 2.0 * sigmoid(2.0 * x))],
    hint="tanh(x) = 2σ(2x) − 1, with sigmoid from helpers.activations.",
    warning_hint="e^{−2x} overflows for x < −354: build on the stable helpers.activations.sigmoid "
    "(imported in the setup cell) rather than 1/(1 + np.exp(−2x)) or (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ).",
    rtol=1e-12, atol=1e-15,  # 2σ(2x) − 1 has a few 1e-16 of absolute rounding error near x = 0
    **_RELATIVE, course_version="helpers.activations.tanh"),),
    "2σ(2x) − 1 matches np.tanh in all 3 cases, including x = ±1000 without a warning.",
    doc="Check ``tanh_from_sigmoid(x)`` against ``np.tanh`` on arrays, tails included.")


# --- Exercise 2: tanh′ that keeps its tails ------------------------------------------------------

check_tanh_derivative_stable = Check((Exercise(
    "tanh_derivative_stable", tanh_derivative,
    lambda: [Case("x from −5 to 5 (21 points)", (np.linspace(-5.0, 5.0, 21),)),
             Case("a 2-D array of shape (2, 3)", (np.random.default_rng(8).normal(0, 2, (2, 3)),)),
             Case("x = ±10, ±20, ±30 (the tails)", (np.array([-30.0, -20, -10, 10, 20, 30]),)),
             Case("x = ±300, ±1000 (far out)", (np.array([-1000.0, -300.0, 300.0, 1000.0]),))],
    [Mistake("1 − tanh(x)², which loses the tails", "tanh(x) rounds to ±1 for |x| > 19, so "
             "1 − tanh² cancels to exactly 0 there (and loses digits well before): " + _STABLE_FORM,
             lambda x: 1.0 - np.tanh(x) ** 2),
     Mistake("4σ(2x)(1 − σ(2x)), which loses the tails", "1 − σ(2x) rounds to 0 once σ(2x) rounds "
             "to 1 (2x > 37): write it as σ(−2x).",
             lambda x: 4.0 * sigmoid(2.0 * x) * (1.0 - sigmoid(2.0 * x))),
     Mistake("σ(x)σ(−x), the derivative of the sigmoid", "tanh(x) = 2σ(2x) − 1, so tanh′(x) = "
             "2·σ′(2x)·2 = 4σ(2x)σ(−2x).", lambda x: sigmoid(x) * sigmoid(-x)),
     Mistake("4σ(x)σ(−x): σ evaluated at x instead of 2x", "the inner function is 2x: use σ(2x) "
             "and σ(−2x).", lambda x: 4.0 * sigmoid(x) * sigmoid(-x)),
     Mistake("2σ(2x)σ(−2x), half of tanh′", "there are two factors of 2: one from 2σ(·), one from "
             "the inner 2x (chain rule).", lambda x: 2.0 * sigmoid(2.0 * x) * sigmoid(-2.0 * x)),
     Mistake("−tanh′(x): the sign is flipped", "tanh is increasing, so its slope is positive.",
             lambda x: -tanh_derivative(x)),
     Mistake("tanh(x) itself, not its derivative",
             "tanh′(x) = 1 − tanh²(x) = 4σ(2x)σ(−2x), a bump with peak 1 at x = 0.", np.tanh),
     _near_miss("a finite difference, or any formula with a subtraction such as 1 − tanh², loses "
                "digits: " + _STABLE_FORM, tanh_derivative)],
    hint="tanh′(x) = 4σ(2x)σ(−2x): relative accuracy is needed in the tails too.",
    warning_hint="1/cosh(x)² overflows for |x| > 710: " + _STABLE_FORM,
    **_TAILS,  # at x = ±20, ±30 the slope is 1.7e-17 and 3.5e-26: 1 − tanh² gives 0
    course_version="helpers.activations.tanh_derivative"),),
    "tanh′ to 10 significant digits in all 4 cases, including x = ±20 and ±30 where 1 − tanh² "
    "gives 0.",
    doc="Check ``tanh_derivative_stable(x)`` to 10 significant digits, tails included.")
# fmt: on


# --- Exercise 3: a scaled tanh that hits ±1 at ±1 ------------------------------------------------


def _a(b: float) -> float:
    return 1.0 / np.tanh(b)


def _scaled(x: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    return _a(b) * tanh(b * x), _a(b) * b * tanh_derivative(b * x)


def _off_centre(f: Any, x: np.ndarray, b: float) -> str | bool:
    f = np.asarray(f, dtype=float)  # x[4] = 0 and x is symmetric
    odd = abs(f[4]) <= 1e-15 and np.allclose(f, -f[::-1], 1e-12, 1e-15)
    text = f"f(0) = {f[4]:.6g} and f(−x) ≠ −f(x): not zero-centred"
    return f.shape == x.shape and not odd and text


def _f_of_one(f: Any, x: np.ndarray, b: float) -> str | bool:
    f = np.asarray(f, dtype=float)  # x[6] = 1
    text = f"f(1) = {f[6]:.6g}, but the targets ±1 need f(±1) = ±1 (a = {_a(b):.4f} here)"
    return f.shape == x.shape and not np.isclose(f[6], 1.0, rtol=1e-12, atol=0.0) and text


_F, _FP = {"part": "f", "note": ","}, {"part": "f_prime", "note": ","}
_X = [-40.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 40.0]


# fmt: off
check_scaled_tanh = Check((Exercise(
    "scaled_tanh", _scaled,
    lambda: [Case(f"b = {b:.4g}, x = {_X}", (np.array(_X), b)) for b in (2 / 3, 1.0, 0.25)],
    [  # the pair, then f (a named wrong a before "f(1) ≠ 1", which it also shows), then f′
     Mistake("not a pair", "end the function with `return f, f_prime`.", note=",",
             when=lambda got, *_: not (isinstance(got, (tuple, list)) and len(got) == 2)
             and f"expected two arrays (f, f_prime), got {type(got).__name__}",
             example=lambda x, b: _scaled(x, b)[0]),
     Mistake("not zero-centred", "a·tanh(bx) is odd, f(−x) = −f(x), so f(0) = 0; no offset is "
             "needed.", when=_off_centre, example=lambda x, b: _scaled(x, b)[0] + 0.1, **_F),
     Mistake("1.7159·tanh(bx): a fixed at LeCun's value", "a must be computed from b: a·tanh(b) = 1"
             " gives a = 1/tanh(b), 1.715905 for b = 2/3 (1.7159 is LeCun's value rounded to 4 "
             "decimals, for b = 2/3 only).", lambda x, b: 1.7159 * np.tanh(b * x), **_F),
     Mistake("tanh(bx)/tanh(1): b left out of a", "f(1) = a·tanh(b·1) = 1 gives a = 1/tanh(b), "
             "with the same b as inside.", lambda x, b: np.tanh(b * x) / np.tanh(1.0), **_F),
     Mistake("a·tanh(x): b is missing inside", "the input is scaled too: f(x) = a·tanh(b·x).",
             lambda x, b: _a(b) * np.tanh(x), **_F),
     Mistake("f(1) ≠ 1", "choose a so that a·tanh(b) = 1: a = 1/tanh(b).", when=_f_of_one,
             example=lambda x, b: np.tanh(b * x), **_F),
     Mistake("a·tanh′(bx): the chain-rule factor b is missing", "d/dx tanh(bx) = b·tanh′(bx): the "
             "inner function bx contributes a factor b.",
             lambda x, b: _a(b) * tanh_derivative(b * x), **_FP),
     Mistake("b·tanh′(bx): the factor a is missing", "a constant factor stays: f′(x) = "
             "a·b·tanh′(bx).", lambda x, b: b * tanh_derivative(b * x), **_FP),
     Mistake("1 − f(x)²", "1 − f² is the derivative only for a = b = 1; here f′(x) = "
             "a·b·(1 − tanh²(bx)).",
             lambda x, b: 1.0 - (_a(b) * np.tanh(b * x)) ** 2, **_FP),
     Mistake("a·b·(1 − tanh(bx)²), which loses the tails", "1 − tanh² cancels to 0 for |bx| > 19: "
             "write tanh′(bx) as 4σ(2bx)σ(−2bx).",
             lambda x, b: _a(b) * b * (1.0 - np.tanh(b * x) ** 2), **_FP),
     Mistake("a·b·tanh′(x): the slope taken at x instead of bx", "the chain rule evaluates the "
             "outer derivative at the inner value: tanh′(bx).",
             lambda x, b: _a(b) * b * tanh_derivative(x), **_FP),
     _near_miss("a finite difference or 1 − tanh² loses digits: f′(x) = a·b·4σ(2bx)σ(−2bx).",
                lambda x, b: _scaled(x, b)[1], **_FP)],
    hint="f(x) = a·tanh(bx) with a = 1/tanh(b).", parts=("f", "f_prime"),
    part_label="{part} with {shown}",
    part_hints={"f_prime": "f′(x) = a·b·tanh′(bx), with tanh′ in the stable form 4σ(2u)σ(−2u)."},
    warning_hint="an overflow means an exponential of a large number: " + _STABLE_FORM, **_TAILS),),
    "f(±1) = ±1, f(0) = 0 and f′ right in the tails for b = 2/3, 1 and 1/4 "
    f"(a = {_a(2 / 3):.4f} for b = 2/3: LeCun's constant).",
    doc="Check ``scaled_tanh(x, b) -> (f, f_prime)`` for f(x) = a·tanh(bx), a = 1/tanh(b): "
    "zero-centred, f(±1) = ±1, and f′ to 10 digits at x = ±40 for b = 2/3, 1 and 1/4.")
# fmt: on
