"""Checks for chapter 10, "ELU": x for x > 0 and α(eˣ − 1) for x ≤ 0, with slope αeˣ there (α at
the kink, as in PyTorch), and E[ELU(z)] = σ/√(2π) + α(e^{σ²/2}Φ(−σ) − ½) for z ~ N(0, σ²).

Near 0, ``exp(x) - 1`` loses most of its digits (``np.expm1`` does not), and ``np.where``
evaluates both branches, so an exponential in the unused one still overflows at x = 1000.
"""

from __future__ import annotations

import math
from functools import partial
from typing import Any

import numpy as np

from helpers.activations import elu as _elu
from helpers.activations import elu_derivative as _elu_derivative
from helpers.i18n import tr

from ._runner import Case, Check, Exercise, Mistake

__all__ = ["check_elu", "check_elu_derivative", "check_elu_gaussian_mean"]

_ARRAYS = {  # what ELU and its derivative share: in-place advice and tolerance
    "inplace_hint": "a caller (or backpropagation, which needs z again) may still use x: build a "
    "new array (np.where, np.maximum ...) instead of assigning into x[...].",
    "inplace_message": "for {shown} your function changed its input {name} in place.",
    "rtol": 1e-12,
}
_EXTREMES = np.array([-np.inf, -1000.0, -50.0, 50.0, 1000.0, 1e308, np.inf])


def _advice(fix: str | None, message: str) -> str | None:
    """The hint for a numpy warning; None keeps the generic advice."""
    if fix is not None and "overflow" in message:
        return tr(
            "np.where (like any formula applied to the whole array) evaluates both branches for "
            "every element, so the exponential is also computed at x = 1000, where it overflows, "
            "even though that value is thrown away. Exponentiate only the non-positive part: "
            "{fix}.",
            fix=fix,
        )
    if "invalid value" in message:
        return tr(
            "multiplying by a 0/1 mask turns x = ±inf into inf·0 = NaN; choose between the "
            "branches with np.where instead (and exponentiate only np.minimum(x, 0))."
        )
    return None


def _case(x: np.ndarray, alpha: float, note: str = "", **more: Any) -> Case:
    shown = np.array2string(x, separator=", ", formatter={"float_kind": "{:g}".format})
    return Case(f"x = {shown}{note}, alpha = {alpha:g}", (x, alpha), **more)


def _pos(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def _neg(x: np.ndarray) -> np.ndarray:
    return np.minimum(x, 0.0)


# --- Exercise 1: ELU itself, with expm1 ------------------------------------------------------


def _precision_lost(got: Any, x: np.ndarray, alpha: float) -> str | bool:
    got, expected = np.asarray(got, dtype=float), alpha * np.expm1(x)
    if np.any((x >= 0) | (x < -1e-4)) or got.shape != x.shape or not np.isfinite(got).all():
        return False  # only tiny inputs measure the relative error; the rest is compared
    relative = np.abs(got - expected) / np.abs(expected)
    worst = int(np.argmax(relative))
    return relative[worst] > 1e-13 and tr(
        "the relative error is {error} at x = {x} (expected {expected}, got {got}): precision is "
        "lost near 0, about {digits} of 16 significant digits",
        error=f"{relative[worst]:.1e}",
        x=f"{x[worst]:g}",
        expected=f"{expected[worst]:.10e}",
        got=f"{got[worst]:.10e}",
        digits=min(16, round(16 + math.log10(relative[worst]))),
    )


_CURVE = "the negative side is α(eˣ − 1): a curve that bends down and levels off at −α."
_ORDINARY = np.array([-4.0, -1.5, -0.5, 0.0, 0.5, 3.0])
_TINY = np.array([-1e-5, -1e-8, -1e-10, -1e-12, -1e-14, -1e-16])

# fmt: off
check_elu = Check((Exercise(
    "elu", _elu,
    lambda: [_case(_ORDINARY.copy(), 1.0), _case(_ORDINARY.copy(), 0.5),
             _case(np.array([[-2.207, -1.45, -1.564], [0.534, -0.497, 0.253]]), 2.0),
             _case(_TINY.copy(), 1.0, " (tiny negative inputs)", hint="use np.expm1.", rtol=1e-13),
             _case(_EXTREMES.copy(), 1.5, hint="ELU tends to −alpha as x → −∞ and is x itself for "
                   "large x, inf included.")],
    [Mistake("ReLU, max(0, x): the negative side is missing", _CURVE, lambda x, a: _pos(x)),
     Mistake("Leaky ReLU, with αx on the negative side", _CURVE,
             lambda x, a: _pos(x) + a * _neg(x)),
     Mistake("αeˣ on the negative side: the −1 is missing",
             "without the −1 ELU would jump from α to 0 at x = 0; α(eˣ − 1) is 0 there.",
             lambda x, a: _pos(x) + a * np.exp(_neg(x)) * (x <= 0)),
     Mistake("α(1 − eˣ) on the negative side: its sign is flipped",
             "for x < 0, eˣ < 1, so α(eˣ − 1) is negative: ELU goes down towards −α.",
             lambda x, a: _pos(x) - a * np.expm1(_neg(x))),
     Mistake("eˣ − 1 on the negative side, without α",
             "multiply the negative branch by alpha: α(eˣ − 1).",
             lambda x, a: _pos(x) + np.expm1(_neg(x))),
     Mistake("α times ELU: α also scales the positive side",
             "α scales only the negative branch; for x > 0 ELU is x itself.",
             lambda x, a: a * (_pos(x) + np.expm1(_neg(x)))),
     Mistake("α(eˣ − 1) for every x: the positive branch is missing",
             "for x > 0 ELU is the identity, x.", lambda x, a: a * np.expm1(x)),
     Mistake("exp(x) − 1, which loses the digits near 0",
             "exp(x) − 1 subtracts two nearly equal numbers (eˣ ≈ 1) and keeps mostly the rounding "
             "error of eˣ; np.expm1(x) computes eˣ − 1 directly, accurate to the last digit.",
             when=_precision_lost,
             example=lambda x, a: np.where(x > 0, x, a * (np.exp(_neg(x)) - 1.0)))],
    hint="x for x > 0 and alpha * (eˣ − 1) for x ≤ 0, same shape as x.",
    warning_hint=partial(_advice, "np.expm1(np.minimum(x, 0))"),
    **_ARRAYS, course_version="helpers.activations.elu"),),
    "right for 3 ordinary cases, accurate to 1e-13 near 0 (expm1), and warning-free from −inf "
    "to +inf.",
    doc="Check ``elu(x, alpha)``, also at tiny x (relative error ≤ 1e-13) and at ±1000, ±inf.")
# fmt: on


# --- Exercise 2: the derivative ----------------------------------------------------------------

_RULE = "d/dx α(eˣ − 1) = αeˣ for x ≤ 0, and d/dx x = 1 for x > 0."
_SLOPES = np.array([-4.0, -1.5, -0.5, 0.25, 3.0])

# fmt: off
check_elu_derivative = Check((Exercise(
    "elu_derivative", _elu_derivative,
    lambda: [_case(_SLOPES.copy(), 1.0), _case(_SLOPES.copy(), 0.5),
             _case(np.array([[0.078, 2.729, 2.459], [-1.011, -0.586, -1.045]]), 2.0),
             _case(np.array([-1.0, 0.0, 1.0]), 2.0, " (the kink at 0)",
                   hint="ELU′(0) = α by convention.", rtol=1e-7),
             _case(_EXTREMES.copy(), 1.5, rtol=1e-7, hint="the slope fades to 0 as x → −∞ and is "
                   "1 for every x > 0, inf included.")],
    [Mistake("ELU itself, not its derivative", _RULE, _elu),
     Mistake("the derivative of ReLU (0 on the negative side)", _RULE, lambda x, a: (x > 0) * 1.0),
     Mistake("the derivative of Leaky ReLU (a constant α on the negative side)",
             "the slope of α(eˣ − 1) is αeˣ: it changes with x and fades to 0 as x → −∞.",
             lambda x, a: np.where(x > 0, 1.0, a)),
     Mistake("eˣ on the negative side, without α", _RULE,
             lambda x, a: np.where(x > 0, 1.0, np.exp(_neg(x)))),
     Mistake("αeˣ for every x: the positive side should be 1",
             "for x > 0 ELU is x, whose slope is 1.", lambda x, a: a * np.exp(np.minimum(x, 700))),
     Mistake("y + α for every x (y = ELU(x)): on the positive side that is x + α",
             "the shortcut f′ = y + α holds only for x ≤ 0; for x > 0 the slope is 1.",
             lambda x, a: _elu(x, a) + a),
     Mistake("−αeˣ on the negative side: a sign error", _RULE,
             lambda x, a: np.where(x > 0, 1.0, -a * np.exp(_neg(x)))),
     Mistake("1 at x = 0, the slope from the right",
             "at the kink the course (like PyTorch) uses the left-hand slope α·e⁰ = α: take the "
             "identity branch only for x > 0, not x >= 0.",
             lambda x, a: np.where(x >= 0, 1.0, a * np.exp(_neg(x))),
             message="for {shown} you returned {what}."),
     Mistake("(1 + α)/2 at x = 0, the average of the one-sided slopes",
             "the convention is the left-hand slope α at x = 0.",
             lambda x, a: np.where(x == 0, (1 + a) / 2, _elu_derivative(x, a)),
             message="for {shown} you returned {what} (a centred difference gives it at a kink).")],
    hint="1 for x > 0 and alpha * eˣ for x ≤ 0, same shape as x.",
    warning_hint=partial(_advice, "np.exp(np.minimum(x, 0))"),
    **_ARRAYS, course_version="helpers.activations.elu_derivative"),),
    "right for 3 ordinary cases, α at the kink, and warning-free from −inf to +inf.",
    doc="Check ``elu_derivative(x, alpha)``, also at the kink x = 0 (α) and at ±1000, ±inf.")
# fmt: on


# --- Exercise 3: the mean of ELU(z) for Gaussian z ----------------------------------------------


def _formula(s: float, a: float, half=1.0, power=2.0, side=1.0, minus=0.5) -> float:
    # σ/√(2π) + α(e^{σ²/2}Φ(−σ) − ½); the knobs give the catalogued wrong versions of it
    tail = math.exp(s**2 / power) * 0.5 * math.erfc(side * s / math.sqrt(2.0))  # e^{σ²/2}Φ(−σ)
    return half * s / math.sqrt(2.0 * math.pi) + a * (tail - minus)


def gaussian_mean(sigma: float, alpha: float) -> float:
    """E[ELU_α(z)] for z ~ N(0, σ²) = σ/√(2π) + α·(e^{σ²/2}·Φ(−σ) − ½), Φ(−σ) = ½·erfc(σ/√2)."""
    return _formula(sigma, alpha)


def _sampled(got: Any, sigma: float, alpha: float) -> str | bool:
    value, expected = np.asarray(got, dtype=float).item(), gaussian_mean(sigma, alpha)
    close = 1e-9 * abs(expected) + 1e-12 < abs(value - expected) < 0.02 * max(abs(expected), 0.05)
    return close and tr(
        "expected {expected}, got {got}: close, but not exact",
        expected=f"{expected:.12f}",
        got=f"{value:.12f}",
    )


def _monte_carlo(sigma: float, alpha: float) -> float:
    return float(np.mean(_elu(np.random.default_rng(0).normal(0.0, sigma, 200_000), alpha)))


# fmt: off
check_elu_gaussian_mean = Check((Exercise(
    "elu_gaussian_mean", gaussian_mean,
    lambda: [Case(f"sigma = {s:g}, alpha = {a:.10g}", (s, a)) for s, a in
             [(1.0, 1.0), (0.5, 1.0), (2.0, 0.5), (1.0, 1.6732632423543772), (3.0, 2.0)]],
    [Mistake("one number", "return a single float: E[ELU(z)] in closed form.",
             when=lambda got, *_: np.asarray(got, dtype=float).size != 1
             and tr("expected one number, got {got}", got=f"{got!r:.60}"),
             example=lambda s, a: [gaussian_mean(s, a)] * 2),
     Mistake("σ/√(2π), the mean of ReLU(z): the negative half is missing",
             "add the negative half, α·E[(eᶻ − 1)·1{z ≤ 0}].", lambda s, a: _formula(s, 0.0)),
     Mistake("σ/√(2π) + α·e^{σ²/2}Φ(−σ): the −1 of eᶻ − 1 was dropped",
             "E[(eᶻ − 1)·1{z ≤ 0}] = E[eᶻ·1{z ≤ 0}] − P(z ≤ 0) = e^{σ²/2}Φ(−σ) − ½.",
             lambda s, a: _formula(s, a, minus=0.0)),
     Mistake("the formula with e^{σ²} instead of e^{σ²/2}",
             "completing the square gives z − z²/(2σ²) = σ²/2 − (z − σ²)²/(2σ²): the factor is "
             "e^{σ²/2}.", lambda s, a: _formula(s, a, power=1)),
     Mistake("the formula with Φ(σ) instead of Φ(−σ)",
             "after the shift u = z − σ² the integral runs up to u = −σ²: that is Φ(−σ) "
             "(= ½·erfc(σ/√2)).", lambda s, a: _formula(s, a, side=-1)),
     Mistake("the formula without α", "α multiplies the whole negative half.",
             lambda s, a: _formula(s, 1.0)),
     Mistake("the formula with the negative half subtracted",
             "the negative half is α·(e^{σ²/2}Φ(−σ) − ½), itself negative: add it.",
             lambda s, a: _formula(s, -a)),
     Mistake("σ·√(2/π) + ...: that is E[z | z > 0], the conditional mean, not E[z·1{z > 0}]",
             "E[z·1{z > 0}] = P(z > 0)·E[z | z > 0] = ½·σ√(2/π) = σ/√(2π).",
             lambda s, a: _formula(s, a, half=2)),
     Mistake("the mean for a standard deviation of σ² (variance and standard deviation swapped)",
             "sigma is the standard deviation: z ~ N(0, σ²).", lambda s, a: gaussian_mean(s**2, a)),
     Mistake("a sampled (Monte-Carlo) estimate",
             "a sampled estimate (mean over random z) is only good to a few digits; use the "
             "closed form σ/√(2π) + α(e^{σ²/2}Φ(−σ) − ½) with Φ(−σ) = ½·erfc(σ/√2).",
             when=_sampled, example=_monte_carlo)],
    hint="E[ELU(z)] = E[z·1{z > 0}] + α·E[(eᶻ − 1)·1{z ≤ 0}]; work out each half.",
    warning_hint=partial(_advice, None), rtol=1e-9),),
    "matches the closed form to 1e-9 at all 5 (σ, α) pairs.",
    doc="Check ``elu_gaussian_mean(sigma, alpha)`` = E[ELU_alpha(z)], z ~ N(0, σ²), to 1e-9.")
# fmt: on
