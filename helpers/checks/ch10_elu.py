"""Checks for chapter 10, "ELU".

ELU(x) = x for x > 0 and α(eˣ − 1) for x ≤ 0; its derivative is 1 for x > 0 and αeˣ for x ≤ 0
(α at the kink, as in PyTorch). Besides the values, the checks probe the two numerical traps the
chapter is about:

- near 0, ``exp(x) - 1`` subtracts two nearly equal numbers and loses most of its significant
  digits; ``np.expm1`` does not. The check measures the relative error at tiny inputs.
- ``np.where(cond, a, b)`` computes ``a`` and ``b`` for every element before choosing, so an
  exponential in the unused branch still overflows (with a ``RuntimeWarning``) at x = 1000.

A wrong answer is also compared with the usual mistakes (ReLU or Leaky ReLU instead of ELU, the
−1 or the α forgotten, a sign flipped, the shortcut y + α used on the positive side ...) so the
message can name the mistake.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from helpers.activations import elu as _elu
from helpers.activations import elu_derivative as _elu_derivative

from ._core import call_checked, expect_close, fail, name_mistake, passed

__all__ = ["check_elu", "check_elu_derivative", "check_elu_gaussian_mean"]

_WHERE_BOTH_BRANCHES = (
    "np.where (like any formula applied to the whole array) evaluates both branches for every "
    "element, so the exponential is also computed at x = 1000, where it overflows, even though "
    "that value is thrown away. Exponentiate only the non-positive part: {fix}."
)
_MASK_TIMES_INF = (
    "multiplying by a 0/1 mask turns x = ±inf into inf·0 = NaN; choose between the branches "
    "with np.where instead (and exponentiate only np.minimum(x, 0))."
)


def _call(
    exercise: str, fn: Callable[..., Any], *args: Any, shown: str, fix: str | None = None
) -> Any:
    """``call_checked`` with hints for this chapter's two warnings: overflow (for an elementwise
    exercise, whose safe exponential is ``fix``) and inf·0."""

    def warning_hint(message: str) -> str | None:
        if fix is not None and "overflow" in message:
            return _WHERE_BOTH_BRANCHES.format(fix=fix)
        return _MASK_TIMES_INF if "invalid value" in message else None

    return call_checked(exercise, fn, *args, shown=shown, warning_hint=warning_hint)


def _same(got: Any, wrong: Any) -> bool:
    try:
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return False
    wrong = np.asarray(wrong, dtype=float)
    return got_arr.shape == wrong.shape and bool(
        np.allclose(got_arr, wrong, rtol=1e-9, atol=1e-12, equal_nan=True)
    )


_diagnose = partial(name_mistake, skip_rtol=1e-9)


def _unchanged(exercise: str, before: np.ndarray, after: np.ndarray, shown: str) -> None:
    if not np.array_equal(before, after, equal_nan=True):
        fail(
            exercise,
            f"for {shown} your function changed its input x in place.",
            "a caller (or backpropagation, which needs z again) may still use x: build a new "
            "array (np.where, np.maximum ...) instead of assigning into x[...].",
        )


def _show(x: np.ndarray) -> str:
    return np.array2string(
        x, separator=", ", max_line_width=200, formatter={"float_kind": lambda v: f"{v:g}"}
    )


# ----------------------------------------------------------------------------------------------
# Exercise 1: ELU itself, with expm1
# ----------------------------------------------------------------------------------------------

_ELU_FIX = "np.expm1(np.minimum(x, 0))"
_TINY = np.array([-1e-5, -1e-8, -1e-10, -1e-12, -1e-14, -1e-16])
_EXTREMES = np.array([-np.inf, -1000.0, -50.0, 50.0, 1000.0, 1e308, np.inf])


def _elu_mistakes(x: np.ndarray, alpha: float) -> list[tuple[str, Any, str]]:
    negative = np.minimum(x, 0.0)
    positive = np.maximum(x, 0.0)
    curve = "the negative side is α(eˣ − 1): a curve that bends down and levels off at −α"
    return [
        ("ReLU, max(0, x): the negative side is missing", positive, curve + "."),
        ("Leaky ReLU, with αx on the negative side", positive + alpha * negative, curve + "."),
        (
            "αeˣ on the negative side: the −1 is missing",
            positive + alpha * np.exp(negative) * (x <= 0),
            "without the −1 ELU would jump from α to 0 at x = 0; α(eˣ − 1) is 0 there.",
        ),
        (
            "α(1 − eˣ) on the negative side: its sign is flipped",
            positive - alpha * np.expm1(negative),
            "for x < 0, eˣ < 1, so α(eˣ − 1) is negative: ELU goes down towards −α.",
        ),
        (
            "eˣ − 1 on the negative side, without α",
            positive + np.expm1(negative),
            "multiply the negative branch by alpha: α(eˣ − 1).",
        ),
        (
            "α times ELU: α also scales the positive side",
            alpha * (positive + np.expm1(negative)),
            "α scales only the negative branch; for x > 0 ELU is x itself.",
        ),
        (
            "α(eˣ − 1) for every x: the positive branch is missing",
            alpha * np.expm1(x),
            "for x > 0 ELU is the identity, x.",
        ),
    ]


def check_elu(elu: Callable[..., Any]) -> None:
    """Check ``elu(x, alpha) -> x for x > 0, alpha·(eˣ − 1) for x ≤ 0`` on NumPy arrays.

    In order: ordinary values with three α (and a 2-D input, whose shape must be kept); tiny
    negative inputs, where ``exp(x) - 1`` loses most digits (relative error ≤ 1e-13 required,
    ``np.expm1`` gives ≈ 1e-16); and extremes, ±1000, ±1e308 and ±inf, which must give no
    RuntimeWarning. The input array must not be modified.
    """
    exercise = "elu"
    ordinary = np.array([-4.0, -1.5, -0.5, 0.0, 0.5, 3.0])
    cases = [
        (ordinary, 1.0),
        (ordinary, 0.5),
        (np.array([[-2.207, -1.45, -1.564], [0.534, -0.497, 0.253]]), 2.0),
    ]
    for x, alpha in cases:
        shown = f"x = {_show(x)}, alpha = {alpha:g}"
        given = x.copy()
        got = _call(exercise, elu, given, alpha, shown=shown, fix=_ELU_FIX)
        _unchanged(exercise, x, given, shown)
        expected = _elu(x, alpha)
        _diagnose(exercise, got, expected, shown, _elu_mistakes(x, alpha))
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            rtol=1e-12,
            hint="x for x > 0 and alpha * (eˣ − 1) for x ≤ 0, same shape as x.",
        )

    shown = f"x = {_show(_TINY)} (tiny negative inputs), alpha = 1"
    got = _call(exercise, elu, _TINY.copy(), 1.0, shown=shown, fix=_ELU_FIX)
    expected = np.expm1(_TINY)
    try:
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        got_arr = np.full(1, np.nan)  # expect_close below reports it
    if got_arr.shape == expected.shape and np.isfinite(got_arr).all():
        relative = np.abs(got_arr - expected) / np.abs(expected)
        worst = int(np.argmax(relative))
        if relative[worst] > 1e-13:
            lost = min(16, round(16 + math.log10(relative[worst])))
            fail(
                exercise,
                f"for {shown} the relative error is {relative[worst]:.1e} at x = "
                f"{_TINY[worst]:g} (expected {expected[worst]:.10e}, got {got_arr[worst]:.10e}): "
                f"precision is lost near 0, about {lost} of 16 significant digits.",
                "exp(x) − 1 subtracts two nearly equal numbers (eˣ ≈ 1) and keeps mostly the "
                "rounding error of eˣ; np.expm1(x) computes eˣ − 1 directly, accurate to the last "
                "digit.",
            )
    expect_close(exercise, got, expected, shown=shown, rtol=1e-13, hint="use np.expm1.")

    alpha = 1.5
    shown = f"x = {_show(_EXTREMES)}, alpha = {alpha:g}"
    got = _call(exercise, elu, _EXTREMES.copy(), alpha, shown=shown, fix=_ELU_FIX)
    expect_close(
        exercise,
        got,
        _elu(_EXTREMES, alpha),
        shown=shown,
        rtol=1e-12,
        hint="ELU tends to −alpha as x → −∞ and is x itself for large x, inf included.",
    )
    passed(
        exercise,
        f"right for {len(cases)} ordinary cases, accurate to 1e-13 near 0 (expm1), and "
        "warning-free from −inf to +inf.",
    )


# ----------------------------------------------------------------------------------------------
# Exercise 2: the derivative
# ----------------------------------------------------------------------------------------------

_DERIVATIVE_FIX = "np.exp(np.minimum(x, 0))"


def _derivative_mistakes(x: np.ndarray, alpha: float) -> list[tuple[str, Any, str]]:
    negative = np.minimum(x, 0.0)
    slope = alpha * np.exp(negative)
    values = _elu(x, alpha)
    rule = "d/dx α(eˣ − 1) = αeˣ for x ≤ 0, and d/dx x = 1 for x > 0."
    return [
        ("ELU itself, not its derivative", values, rule),
        ("the derivative of ReLU (0 on the negative side)", (x > 0) * 1.0, rule),
        (
            "the derivative of Leaky ReLU (a constant α on the negative side)",
            np.where(x > 0, 1.0, alpha),
            "the slope of α(eˣ − 1) is αeˣ: it changes with x and fades to 0 as x → −∞.",
        ),
        ("eˣ on the negative side, without α", np.where(x > 0, 1.0, np.exp(negative)), rule),
        (
            "αeˣ for every x: the positive side should be 1",
            alpha * np.exp(np.minimum(x, 700.0)),
            "for x > 0 ELU is x, whose slope is 1.",
        ),
        (
            "y + α for every x (y = ELU(x)): on the positive side that is x + α",
            values + alpha,
            "the shortcut f′ = y + α holds only for x ≤ 0; for x > 0 the slope is 1.",
        ),
        ("−αeˣ on the negative side: a sign error", np.where(x > 0, 1.0, -slope), rule),
    ]


def check_elu_derivative(elu_derivative: Callable[..., Any]) -> None:
    """Check ``elu_derivative(x, alpha) -> 1 for x > 0, alpha·eˣ for x ≤ 0`` (alpha at 0).

    Ordinary values with three α, then the kink x = 0 with α = 2 (where the two one-sided
    slopes differ), then extremes that must give no RuntimeWarning. The input must not change.
    """
    exercise = "elu_derivative"
    ordinary = np.array([-4.0, -1.5, -0.5, 0.25, 3.0])
    cases = [
        (ordinary, 1.0),
        (ordinary, 0.5),
        (np.array([[0.078, 2.729, 2.459], [-1.011, -0.586, -1.045]]), 2.0),
    ]
    for x, alpha in cases:
        shown = f"x = {_show(x)}, alpha = {alpha:g}"
        given = x.copy()
        got = _call(exercise, elu_derivative, given, alpha, shown=shown, fix=_DERIVATIVE_FIX)
        _unchanged(exercise, x, given, shown)
        expected = _elu_derivative(x, alpha)
        _diagnose(exercise, got, expected, shown, _derivative_mistakes(x, alpha))
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            rtol=1e-12,
            hint="1 for x > 0 and alpha * eˣ for x ≤ 0, same shape as x.",
        )

    alpha = 2.0
    x = np.array([-1.0, 0.0, 1.0])
    shown = f"x = {_show(x)}, alpha = {alpha:g} (the kink at 0)"
    got = _call(exercise, elu_derivative, x.copy(), alpha, shown=shown, fix=_DERIVATIVE_FIX)
    try:
        at_zero = float(np.asarray(got, dtype=float).reshape(-1)[1])
    except (TypeError, ValueError, IndexError):
        at_zero = math.nan
    if at_zero == 1.0:
        fail(
            exercise,
            f"for {shown} you returned 1 at x = 0, the slope from the right.",
            "at the kink the course (like PyTorch) uses the left-hand slope α·e⁰ = α: take the "
            "identity branch only for x > 0, not x >= 0.",
        )
    if at_zero == (1.0 + alpha) / 2:
        fail(
            exercise,
            f"for {shown} you returned (1 + α)/2 at x = 0, the average of the two one-sided "
            "slopes (what a centred difference gives at a kink).",
            "the convention is the left-hand slope α at x = 0.",
        )
    expect_close(
        exercise, got, _elu_derivative(x, alpha), shown=shown, hint="ELU′(0) = α by convention."
    )

    alpha = 1.5
    shown = f"x = {_show(_EXTREMES)}, alpha = {alpha:g}"
    got = _call(exercise, elu_derivative, _EXTREMES.copy(), alpha, shown=shown, fix=_DERIVATIVE_FIX)
    expect_close(
        exercise,
        got,
        _elu_derivative(_EXTREMES, alpha),
        shown=shown,
        hint="the slope fades to 0 as x → −∞ and is 1 for every x > 0, inf included.",
    )
    passed(
        exercise,
        f"right for {len(cases)} ordinary cases, α at the kink, and warning-free from −inf "
        "to +inf.",
    )


# ----------------------------------------------------------------------------------------------
# Exercise 3: the mean of ELU(z) for Gaussian z
# ----------------------------------------------------------------------------------------------


def _phi_upper(sigma: float) -> float:
    """Φ(−σ) = P(z < −σ) for a standard normal z, as ½·erfc(σ/√2) (no cancellation)."""
    return 0.5 * math.erfc(sigma / math.sqrt(2.0))


def gaussian_mean(sigma: float, alpha: float) -> float:
    """E[ELU_α(z)] for z ~ N(0, σ²) = σ/√(2π) + α·(e^{σ²/2}·Φ(−σ) − ½)."""
    return sigma / math.sqrt(2.0 * math.pi) + alpha * (
        math.exp(sigma**2 / 2) * _phi_upper(sigma) - 0.5
    )


def _mean_mistakes(sigma: float, alpha: float) -> list[tuple[str, float, str]]:
    positive = sigma / math.sqrt(2.0 * math.pi)
    tail = math.exp(sigma**2 / 2) * _phi_upper(sigma)
    return [
        (
            "σ/√(2π), the mean of ReLU(z): the negative half is missing",
            positive,
            "add the negative half, α·E[(eᶻ − 1)·1{z ≤ 0}].",
        ),
        (
            "σ/√(2π) + α·e^{σ²/2}Φ(−σ): the −1 of eᶻ − 1 was dropped",
            positive + alpha * tail,
            "E[(eᶻ − 1)·1{z ≤ 0}] = E[eᶻ·1{z ≤ 0}] − P(z ≤ 0) = e^{σ²/2}Φ(−σ) − ½.",
        ),
        (
            "the formula with e^{σ²} instead of e^{σ²/2}",
            positive + alpha * (math.exp(sigma**2) * _phi_upper(sigma) - 0.5),
            "completing the square gives z − z²/(2σ²) = σ²/2 − (z − σ²)²/(2σ²): the factor is "
            "e^{σ²/2}.",
        ),
        (
            "the formula with Φ(σ) instead of Φ(−σ)",
            positive + alpha * (math.exp(sigma**2 / 2) * (1 - _phi_upper(sigma)) - 0.5),
            "after the shift u = z − σ² the integral runs up to u = −σ²: that is Φ(−σ) "
            "(= ½·erfc(σ/√2)).",
        ),
        (
            "the formula without α",
            positive + (tail - 0.5),
            "α multiplies the whole negative half.",
        ),
        (
            "the formula with the negative half subtracted",
            positive - alpha * (tail - 0.5),
            "the negative half is α·(e^{σ²/2}Φ(−σ) − ½), itself negative: add it.",
        ),
        (
            "σ·√(2/π) + ...: that is E[z | z > 0], the conditional mean, not E[z·1{z > 0}]",
            sigma * math.sqrt(2.0 / math.pi) + alpha * (tail - 0.5),
            "E[z·1{z > 0}] = P(z > 0)·E[z | z > 0] = ½·σ√(2/π) = σ/√(2π).",
        ),
        (
            "the mean for a standard deviation of σ² (variance and standard deviation swapped)",
            gaussian_mean(sigma**2, alpha),
            "sigma is the standard deviation: z ~ N(0, σ²).",
        ),
    ]


def check_elu_gaussian_mean(elu_gaussian_mean: Callable[..., Any]) -> None:
    """Check ``elu_gaussian_mean(sigma, alpha) -> E[ELU_alpha(z)]`` for z ~ N(0, sigma²).

    The closed form σ/√(2π) + α(e^{σ²/2}Φ(−σ) − ½) is compared at five (σ, α) pairs to 1e-9,
    tight enough that a sampled (Monte-Carlo) estimate cannot pass.
    """
    exercise = "elu_gaussian_mean"
    selu_alpha = 1.6732632423543772
    cases = [(1.0, 1.0), (0.5, 1.0), (2.0, 0.5), (1.0, selu_alpha), (3.0, 2.0)]
    for sigma, alpha in cases:
        shown = f"sigma = {sigma:g}, alpha = {alpha:.10g}"
        got = _call(exercise, elu_gaussian_mean, sigma, alpha, shown=shown)
        expected = gaussian_mean(sigma, alpha)
        try:
            values = np.asarray(got, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            values = np.empty(0)
        if values.size != 1:
            fail(exercise, f"for {shown} expected one number, got {got!r:.60}.")
        value = float(values[0])
        for what, wrong, hint in _mean_mistakes(sigma, alpha):
            if abs(value - wrong) <= 1e-9 * abs(wrong) + 1e-12 and abs(wrong - expected) > 1e-9:
                fail(exercise, f"for {shown} your answer equals {what}.", hint)
        if abs(value - expected) > 1e-9 * abs(expected) + 1e-12 and (
            abs(value - expected) < 0.02 * max(abs(expected), 0.05)
        ):
            fail(
                exercise,
                f"for {shown} expected {expected:.12f}, got {value:.12f}: close, but not exact.",
                "a sampled estimate (mean over random z) is only good to a few digits; use the "
                "closed form σ/√(2π) + α(e^{σ²/2}Φ(−σ) − ½) with Φ(−σ) = ½·erfc(σ/√2).",
            )
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            rtol=1e-9,
            hint="E[ELU(z)] = E[z·1{z > 0}] + α·E[(eᶻ − 1)·1{z ≤ 0}]; work out each half.",
        )
    passed(exercise, f"matches the closed form to 1e-9 at all {len(cases)} (σ, α) pairs.")
