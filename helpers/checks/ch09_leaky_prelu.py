"""Checks for chapter 09, "Leaky ReLU and PReLU".

LeakyReLU(x) = x for x > 0 and αx for x ≤ 0 (for every α, also α > 1), and LeakyReLU′(x) = 1 for
x > 0 and α for x ≤ 0 (α at the kink, as in PyTorch). For y = PReLU_α(x) and ``upstream`` = ∂L/∂y,
∂L/∂α = Σ upstream·min(x, 0), summed over the examples (axis 0) for one α per unit, and over the
units too for a shared α. A unit is dead when its pre-activation z is ≤ 0 on every example.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from helpers.activations import prelu
from helpers.gradcheck import numerical_gradient, relative_error

from ._runner import Case, Check, Exercise, Mistake, matches

__all__ = ["check_dead_unit_mask", "check_leaky_relu", "check_prelu_alpha_gradient"]

_INPLACE = "build a new array (np.where(...) does) instead of assigning into x."
_COMMON = {"mistake_atol": 1e-13, "inplace_hint": _INPLACE}  # wrong answers named to rtol 1e-9


# --- Exercise 1: Leaky ReLU and its derivative -------------------------------------------------


def _leaky_cases() -> list[Case]:  # α = 0.2 first, so a hard-coded 0.01 cannot pass
    xs = {0.2: [-3.0, -1.0, -0.25, 0.0, 0.5, 2.0], 0.01: [[-2.0, 0.0, 4.0], [1.5, -0.5, -1000.0]]}
    xs[1.5] = [-2.0, -0.5, 0.0, 0.5, 2.0]
    return [Case(f"x = {x}, alpha = {a}", (np.array(x), a)) for a, x in xs.items()]


_MAX_FORM = "max(αx, x), which is Leaky ReLU only when α ≤ 1"
_KINK = "the course (like PyTorch) uses Leaky′(0) = α: test x > 0 for the slope-1 side."
_FIXED = "use the alpha argument instead of a fixed 0.01."
_WHERE = "np.where(x > 0, ...) works on whole arrays; a Python `if x > 0` does not."


def _swapped(got: Any, x: np.ndarray, a: float) -> str | bool:
    """The slopes swapped (either tie at 0): for α > 1 that is the derivative of max(αx, x)."""
    forms = (np.where(x > 0, a, 1.0), np.where(x >= 0, a, 1.0))
    named = any(matches(got, form, rtol=1e-9, atol=1e-13) for form in forms)
    what = f"the derivative of {_MAX_FORM}" if a > 1 else "the two slopes swapped (α for x > 0)"
    return named and f"your answer equals {what}"


# fmt: off
check_leaky_relu = Check((
    Exercise("leaky_relu", lambda x, a: np.where(x > 0, x, a * x), _leaky_cases, [
        Mistake("ReLU, max(0, x)", "for x ≤ 0 Leaky ReLU returns α·x, not 0.",
                lambda x, a: np.maximum(x, 0)),
        Mistake("the Leaky ReLU with α = 0.01, not the α passed in", _FIXED,
                lambda x, a: np.where(x > 0, x, 0.01 * x)),
        Mistake("−α·x on the negative side: a sign error", "no minus.",
                lambda x, a: np.where(x > 0, x, -a * x)),
        Mistake("α·x everywhere", "only the side x ≤ 0 is scaled by α; for x > 0 it is x.",
                lambda x, a: a * x),
        Mistake(_MAX_FORM, "for α > 1 the max picks αx on the positive side; write "
                "np.where(x > 0, x, alpha * x).", lambda x, a: np.maximum(a * x, x)),
        Mistake("the derivative, not the function", "leaky_relu returns the function's values; "
                "the slopes belong in the derivative.", lambda x, a: np.where(x > 0, 1.0, a))],
        hint="Leaky ReLU is x for x > 0 and α·x for x ≤ 0, one value per element of x.",
        crash_hint=_WHERE, **_COMMON, course_version="helpers.activations.leaky_relu"),
    Exercise("leaky_relu_derivative", lambda x, a: np.where(x > 0, 1.0, a), _leaky_cases, [
        Mistake("1 at x = 0 (x ≥ 0 taken as the positive side)", _KINK,
                lambda x, a: np.where(x >= 0, 1, a)),
        Mistake("0 at x = 0, ReLU's value at its kink", _KINK,
                lambda x, a: np.where(x > 0, 1.0, np.where(x < 0, a, 0.0))),
        Mistake("ReLU's derivative (0 for x ≤ 0)", "the slope of αx is α, not 0.",
                lambda x, a: np.where(x > 0, 1.0, 0.0)),
        Mistake("α·x on the negative side", "the slope of αx is α.",
                lambda x, a: np.where(x > 0, 1, a * x)),
        Mistake("−α on the negative side: a sign error", "no minus.",
                lambda x, a: np.where(x > 0, 1, -a)),
        Mistake("the derivative with α = 0.01, not the α passed in", _FIXED,
                lambda x, a: np.where(x > 0, 1.0, 0.01)),
        Mistake("the two slopes swapped", "the slope is 1 for x > 0 and α for x ≤ 0, whatever "
                "the value of α.", when=_swapped, example=lambda x, a: np.where(x > 0, a, 1.0)),
        Mistake("Leaky ReLU itself, not its derivative", "return the slope: 1 for x > 0, α for "
                "x ≤ 0.", lambda x, a: np.where(x > 0, x, a * x))],
        hint="the slope is 1 for x > 0 and α for x ≤ 0 (α at 0), one per element of x.",
        crash_hint=_WHERE, **_COMMON, course_version="helpers.activations.leaky_relu_derivative")),
    # one ✓ line per function, as the notebook has always shown
    "α·x for x ≤ 0 and x for x > 0, for α = 0.2, 0.01 and 1.5.\n"
    "✓ leaky_relu_derivative: 1 for x > 0 and α for x ≤ 0, α at the kink included.",
    doc="Check ``leaky_relu(x, alpha)`` and ``leaky_relu_derivative(x, alpha)`` elementwise.")
# fmt: on


# --- Exercise 2: the gradient of the loss with respect to PReLU's α ----------------------------


def _alpha_cases() -> list[Case]:
    rng, cases = np.random.default_rng(9), []
    for n, units in [(5, 3), (7, 4)]:
        x = np.round(rng.normal(size=(n, units)), 2)
        x[0, 0] = x[-1, -1] = 0.0  # the kink: contributes 0 to ∂L/∂α either way
        up = rng.normal(size=(n, units))
        rng.uniform(size=units)  # α was drawn here: keeps the data of the second case as they were
        cases += [Case(f"x and upstream of shape ({n}, {units}), shared={s} ({kind})", (x, up, s))
                  for s, kind in [(True, "shared α"), (False, "one α per unit")]]  # fmt: skip
    return cases


def _sums(term: Any) -> Any:
    """∂L/∂α from the entries ``term(x, upstream)``: summed over what shares α."""
    return lambda x, upstream, shared: np.sum(term(x, upstream), axis=None if shared else 0)


def _shape(what: str, hint: str, shared: bool, test: Any, example: Any) -> Mistake:
    """For ``shared`` (or not), an answer of a shape for which ``test(shape, x)`` holds."""

    def when(got: Any, x: np.ndarray, up: np.ndarray, sh: bool) -> str | bool:
        want = "one number" if shared else f"shape ({x.shape[1]},)"
        found = sh == shared and test(np.shape(got), x)
        return found and f"expected {want}, got shape {np.shape(got)}"

    return Mistake(what, hint, when=when, example=example)


def _one_number(fn: Any, x: np.ndarray, up: np.ndarray, shared: bool) -> Any:
    """A shared α's gradient may come back as shape (1,): compared as the number it holds."""
    value = fn(x, up, shared)
    return value[0] if shared and np.shape(value) == (1,) else value


def _alpha_summary(prelu_alpha_gradient: Any) -> str:
    x, up, _ = _alpha_cases()[1].args  # vs centred differences of L(α) = Σ upstream·PReLU_α(x)
    numerical = numerical_gradient(lambda a: float(np.sum(up * prelu(x, a))), np.full(3, 0.2))
    error = relative_error(np.asarray(prelu_alpha_gradient(x, up, False), float), numerical)
    agrees = "agrees with" if error < 1e-8 else f"is {error:.0e} off"
    return f"Σ upstream·min(x, 0), shared and per unit, {agrees} finite differences in α."


_alpha = _sums(lambda x, up: up * np.minimum(x, 0.0))
_SUMMED = "a shared α gets one number: sum over "

# fmt: off
check_prelu_alpha_gradient = Check((Exercise("prelu_alpha_gradient", _alpha, _alpha_cases, [
    _shape("per-unit gradients for a shared α", _SUMMED + "the units as well as the examples.",
           True, lambda s, x: s == (x.shape[1],), lambda x, up, shared: _alpha(x, up, False)),
    _shape("an array for a shared α", _SUMMED + "every entry.", True,
           lambda s, x: s not in ((), (x.shape[1],)), lambda x, up, sh: up * np.minimum(x, 0)),
    _shape("a sum over the units", "you summed over the units (axis=1); sum over the examples "
           "instead (axis=0).", False, lambda s, x: s == (len(x),),
           lambda x, up, shared: np.sum(up * np.minimum(x, 0.0), None if shared else 1)),
    _shape("one number for one α per unit", "one α per unit gets one gradient per unit: sum over "
           "the examples only (axis=0).", False, lambda s, x: s in ((), (1,)),
           lambda x, up, shared: _alpha(x, up, True)),
    _shape("no sum over the examples", "α_j is used by every example: sum over the examples "
           "(axis=0).", False, lambda s, x: s == x.shape,
           lambda x, up, sh: _alpha(x, up, True) if sh else up * np.minimum(x, 0)),
    Mistake("Σ upstream·x over the positive side (x > 0)", "α only multiplies the negative side: "
            "∂y/∂α = x where x ≤ 0 and 0 where x > 0.", _sums(lambda x, up: up * np.maximum(x, 0))),
    Mistake("Σ upstream·x without the mask [x ≤ 0]", "for x > 0 the output y = x does not depend "
            "on α: mask with x ≤ 0 (or use min(x, 0)).", _sums(lambda x, up: up * x)),
    Mistake("Σ upstream·[x ≤ 0], without the factor x", "y = αx on the negative side, so ∂y/∂α = "
            "x there, not 1.", _sums(lambda x, up: up * (x <= 0))),
    Mistake("Σ min(x, 0), without the upstream gradient", "chain rule: multiply ∂y/∂α by "
            "upstream = ∂L/∂y before summing.", _sums(lambda x, up: np.minimum(x, 0.0))),
    Mistake("a mean over the examples instead of a sum", "every example uses the same α, so "
            "their contributions add up: sum, do not average.",
            lambda x, up, shared: _alpha(x, up, shared) / len(x)),
    Mistake("a mean over all entries instead of a sum", "every example and unit sharing α adds "
            "its term: sum, do not average.", lambda x, up, shared: _alpha(x, up, shared) / x.size),
    Mistake("−Σ upstream·min(x, 0): a sign error", "no minus.",
            lambda x, up, shared: -_alpha(x, up, shared))],
    hint="∂L/∂α = Σ upstream · min(x, 0), summed over everything that shares the α.",
    probe=_one_number, rtol=1e-9, **_COMMON),),
    _alpha_summary,
    doc="Check ``prelu_alpha_gradient(x, upstream, shared)``, ∂L/∂α for y = PReLU_α(x).")
# fmt: on


# --- Exercise 3: which units are dead? ----------------------------------------------------------


def _dead_cases() -> list[Case]:
    # units: dead; alive once; all 0 (dead: ReLU′(0) = 0); dead with exact zeros; always active
    columns = [[-1.0, -2.0, -0.5, -3.0, -0.1, -4.0], [0.3, -1.0, -2.0, -0.5, -1.5, -0.2], [0.0] * 6,
               [-1.0, 0.0, -2.0, 0.0, -0.5, -0.7], [1.0, 2.0, 0.5, 0.1, 3.0, 0.4]]  # fmt: skip
    random = np.random.default_rng(4).normal(size=(8, 4))
    random[:, 1] = -np.abs(random[:, 1])
    zs = [np.array(columns).T, random]
    return [Case(f"z of shape {z.shape} = {z.round(2).tolist()}", (z,)) for z in zs]


# fmt: off
check_dead_unit_mask = Check((Exercise("dead_unit_mask", lambda z: np.all(z <= 0, axis=0),
                                       _dead_cases, [
    Mistake("one entry per example", "units are columns: reduce over the examples, axis=0.",
            when=lambda got, z: np.shape(got) == (len(z),) and "expected one entry per unit, "
            f"shape ({z.shape[1]},), got shape {np.shape(got)}",
            example=lambda z: np.all(z <= 0, axis=1)),
    Mistake("a single number", "return one True/False per unit; the share of dead units is then "
            "mask.mean().", when=lambda got, z: np.shape(got) == () and "expected a mask of "
            f"shape ({z.shape[1]},), got a single number",
            example=lambda z: float(np.mean(np.all(z <= 0, axis=0)))),
    Mistake("np.any(z <= 0, axis=0): units inactive on *some* example", "inactive on some "
            "examples is ordinary sparsity; dead means inactive on all: all.",
            lambda z: np.any(z <= 0, axis=0)),
    Mistake("np.all(z < 0, axis=0), which misses units stuck at exactly 0", "a unit whose z is 0 "
            "everywhere is dead too (ReLU′(0) = 0): use z <= 0.", lambda z: np.all(z < 0, axis=0)),
    Mistake("the share of examples on which each unit is inactive", "that is sparsity per unit; "
            "a unit is dead when that share is 1: np.all.", lambda z: np.mean(z <= 0, axis=0)),
    Mistake("the mask of live units", "True should mark the dead units (z ≤ 0 everywhere).",
            lambda z: np.any(z > 0, axis=0)),
    Mistake("np.all(z == 0, axis=0)", "a dead unit's output is 0, but its pre-activation z is "
            "≤ 0, usually negative.", lambda z: np.all(z == 0, axis=0)),
    Mistake("0/1 numbers instead of booleans", "comparisons such as z <= 0 and np.all give "
            "booleans; keep them.", when=lambda got, z: np.asarray(got).dtype.kind != "b"
            and matches(got, np.all(z <= 0, axis=0)) and f"expected booleans, got dtype "
            f"{np.asarray(got).dtype}", example=lambda z: np.all(z <= 0, axis=0).astype(int))],
    hint="a unit (a column of z) is dead when z ≤ 0 in every row: np.all(..., axis=0).",
    crash_hint="np.all(z <= 0, axis=0) per column.", **_COMMON),),
    "True exactly for the units with z ≤ 0 on every example (zeros included).",
    doc="Check ``dead_unit_mask(z)``: True for the units (columns) with z ≤ 0 in every row.")
# fmt: on
