"""Checks for chapter 09, "Leaky ReLU and PReLU".

Definitions the checks hold the learner to (the chapter's and ``helpers.activations``'):

    LeakyReLU(x) = x for x > 0,  αx for x ≤ 0        (for every α, also α > 1 and α < 0)
    LeakyReLU′(x) = 1 for x > 0,  α for x ≤ 0         (α at the kink x = 0, as in PyTorch)

For a PReLU layer y = PReLU_α(x) and the gradient ``upstream`` = ∂L/∂y arriving from above,
∂y/∂α = x·[x ≤ 0] = min(x, 0), so ∂L/∂α = Σ upstream · min(x, 0): summed over the examples
(axis 0) for one α per unit, and over the units as well for one shared α. A unit is *dead* on a
data set when its pre-activation is ≤ 0 for every example (a column of z that never goes
positive).

When an answer is wrong the checks compare it with the usual wrong answers (ReLU's slope on the
negative side, 1 at the kink, max(αx, x) with α > 1, the positive side instead of the negative
one, a mean instead of a sum, the wrong axis, ``any`` instead of ``all`` ...) to name the mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from helpers.activations import prelu
from helpers.gradcheck import numerical_gradient, relative_error

from ._core import call_checked, expect_close, fail, name_mistake, passed

__all__ = ["check_dead_unit_mask", "check_leaky_relu", "check_prelu_alpha_gradient"]

Mistake = tuple[str, Any, str]  # what it is, its value for this case, the hint


def _call(exercise: str, fn: Callable[..., Any], *args: Any, shown: str, hint: str) -> Any:
    """``call_checked`` with this exercise's hint; a changed input fails too."""
    before = [np.array(a, copy=True) for a in args]
    result = call_checked(exercise, fn, *args, shown=shown, hint=hint)
    for original, arg in zip(before, args, strict=True):
        if not np.array_equal(original, arg, equal_nan=True):
            fail(
                exercise,
                f"for {shown} the function changed its input array in place.",
                "build a new array (np.where(...) does) instead of assigning into x.",
            )
    return result


_diagnose = partial(name_mistake, rtol=1e-9, atol=1e-13)


# --- Exercise 1: Leaky ReLU and its derivative -------------------------------------------------

_WHERE = "np.where(x > 0, ...) works on whole arrays; a Python `if x > 0` does not."
_LEAKY_CASES = [  # α = 0.2 first, so a hard-coded 0.01 cannot pass
    (0.2, np.array([-3.0, -1.0, -0.25, 0.0, 0.5, 2.0])),
    (0.01, np.array([[-2.0, 0.0, 4.0], [1.5, -0.5, -1e3]])),
    (1.5, np.array([-2.0, -0.5, 0.0, 0.5, 2.0])),
]


def _leaky_forward_mistakes(x: np.ndarray, alpha: float) -> list[Mistake]:
    return [
        ("ReLU, max(0, x)", np.maximum(x, 0.0), "for x ≤ 0 Leaky ReLU returns α·x, not 0."),
        (
            "the Leaky ReLU with α = 0.01, not the α passed in",
            np.where(x > 0, x, 0.01 * x),
            "use the alpha argument instead of a fixed 0.01.",
        ),
        ("−α·x on the negative side: a sign error", np.where(x > 0, x, -alpha * x), "no minus."),
        ("α·x everywhere", alpha * x, "only the side x ≤ 0 is scaled by α; for x > 0 it is x."),
        (
            "max(αx, x), which is Leaky ReLU only when α ≤ 1",
            np.maximum(alpha * x, x),
            "for α > 1 the max picks αx on the positive side; write np.where(x > 0, x, alpha * x).",
        ),
        (
            "the derivative, not the function",
            np.where(x > 0, 1.0, alpha),
            "leaky_relu returns the function's values; the slopes belong in the derivative.",
        ),
    ]


def _leaky_derivative_mistakes(x: np.ndarray, alpha: float) -> list[Mistake]:
    kink = "the course (like PyTorch) uses Leaky′(0) = α: test x > 0 for the slope-1 side."
    swapped = (
        "the derivative of max(αx, x), which is Leaky ReLU only when α ≤ 1"
        if alpha > 1
        else "the two slopes swapped (α for x > 0)"
    )
    slopes = "the slope is 1 for x > 0 and α for x ≤ 0, whatever the value of α."
    return [
        ("1 at x = 0 (x ≥ 0 taken as the positive side)", np.where(x >= 0, 1.0, alpha), kink),
        (
            "0 at x = 0, ReLU's value at its kink",
            np.where(x > 0, 1.0, np.where(x < 0, alpha, 0)),
            kink,
        ),
        (
            "ReLU's derivative (0 for x ≤ 0)",
            np.where(x > 0, 1.0, 0.0),
            "the slope of αx is α, not 0.",
        ),
        ("α·x on the negative side", np.where(x > 0, 1.0, alpha * x), "the slope of αx is α."),
        ("−α on the negative side: a sign error", np.where(x > 0, 1.0, -alpha), "no minus."),
        (
            "the derivative with α = 0.01, not the α passed in",
            np.where(x > 0, 1.0, 0.01),
            "use the alpha argument instead of a fixed 0.01.",
        ),
        *[  # the two slopes swapped; for α > 1 that is what max(αx, x) gives (either tie at 0)
            (swapped, np.where(x > 0, alpha, 1.0), slopes),
            (swapped, np.where(x >= 0, alpha, 1.0), slopes),
        ],
        (
            "Leaky ReLU itself, not its derivative",
            np.where(x > 0, x, alpha * x),
            "return the slope: 1 for x > 0, α for x ≤ 0.",
        ),
    ]


def check_leaky_relu(
    leaky_relu: Callable[..., Any], leaky_relu_derivative: Callable[..., Any]
) -> None:
    """Check ``leaky_relu(x, alpha)`` and ``leaky_relu_derivative(x, alpha)`` elementwise,
    for α = 0.2, 0.01 and 1.5, on 1-D and 2-D inputs that include the kink x = 0."""
    for exercise, fn, mistakes in (
        ("leaky_relu", leaky_relu, _leaky_forward_mistakes),
        ("leaky_relu_derivative", leaky_relu_derivative, _leaky_derivative_mistakes),
    ):
        for alpha, x in _LEAKY_CASES:
            if exercise == "leaky_relu":
                expected = np.where(x > 0, x, alpha * x)
                hint = "Leaky ReLU is x for x > 0 and α·x for x ≤ 0, one value per element of x."
            else:
                expected = np.where(x > 0, 1.0, alpha)
                hint = "the slope is 1 for x > 0 and α for x ≤ 0 (α at 0), one per element of x."
            shown = f"x = {x.tolist()}, alpha = {alpha}"
            got = _call(exercise, fn, x.copy(), alpha, shown=shown, hint=_WHERE)
            _diagnose(exercise, got, expected, shown, mistakes(x, alpha))
            expect_close(
                exercise,
                got,
                expected,
                shown=shown,
                hint=hint,
            )
    passed("leaky_relu", "α·x for x ≤ 0 and x for x > 0, for α = 0.2, 0.01 and 1.5.")
    passed("leaky_relu_derivative", "1 for x > 0 and α for x ≤ 0, α at the kink included.")


# --- Exercise 2: the gradient of the loss with respect to PReLU's α ----------------------------


def _alpha_mistakes(
    x: np.ndarray, up: np.ndarray, reduce: Callable[[np.ndarray], Any]
) -> list[Mistake]:
    negative = x <= 0
    n, units = x.shape
    return [
        (
            "Σ upstream·x over the positive side (x > 0)",
            reduce(up * np.maximum(x, 0.0)),
            "α only multiplies the negative side: ∂y/∂α = x where x ≤ 0 and 0 where x > 0.",
        ),
        (
            "Σ upstream·x without the mask [x ≤ 0]",
            reduce(up * x),
            "for x > 0 the output y = x does not depend on α: mask with x ≤ 0 (or use min(x, 0)).",
        ),
        (
            "Σ upstream·[x ≤ 0], without the factor x",
            reduce(up * negative),
            "y = αx on the negative side, so ∂y/∂α = x there, not 1.",
        ),
        (
            "Σ min(x, 0), without the upstream gradient",
            reduce(np.minimum(x, 0.0)),
            "chain rule: multiply ∂y/∂α by upstream = ∂L/∂y before summing.",
        ),
        (
            "a mean over the examples instead of a sum",
            reduce(up * np.minimum(x, 0.0)) / n,
            "every example uses the same α, so their contributions add up: sum, do not average.",
        ),
        (
            "a mean over all entries instead of a sum",
            reduce(up * np.minimum(x, 0.0)) / (n * units),
            "every example and unit sharing α adds its term: sum, do not average.",
        ),
        ("−Σ upstream·min(x, 0): a sign error", -reduce(up * np.minimum(x, 0.0)), "no minus."),
    ]


def _alpha_shape(exercise: str, got: Any, shared: bool, n: int, units: int, shown: str) -> None:
    """Name the reduction mistake when the shape is wrong."""
    shape = np.shape(got)
    if shared and shape not in ((), (1,)):
        hint = (
            "a shared α gets one number: sum over the units as well as the examples."
            if shape == (units,)
            else "a shared α gets one number: sum over every entry."
        )
        fail(exercise, f"for {shown} expected one number, got shape {shape}.", hint)
    if shared:
        return
    if shape == (n,):
        hint = "you summed over the units (axis=1); sum over the examples instead (axis=0)."
    elif shape in ((), (1,)):
        hint = "one α per unit gets one gradient per unit: sum over the examples only (axis=0)."
    elif shape == (n, units):
        hint = "α_j is used by every example: sum over the examples (axis=0)."
    else:
        return
    fail(exercise, f"for {shown} expected shape ({units},), got shape {shape}.", hint)


def check_prelu_alpha_gradient(prelu_alpha_gradient: Callable[..., Any]) -> None:
    """Check ``prelu_alpha_gradient(x, upstream, shared)`` = ∂L/∂α for y = PReLU_α(x).

    ``x`` and ``upstream`` have shape (N, units); ``shared=True`` returns one number (a float or
    shape (1,)), ``shared=False`` one value per unit, shape (units,). The reference is the formula
    Σ upstream·min(x, 0), confirmed against finite differences of L(α) = Σ upstream·PReLU_α(x).
    """
    exercise = "prelu_alpha_gradient"
    rng = np.random.default_rng(9)
    for n, units in [(5, 3), (7, 4)]:
        x = np.round(rng.normal(size=(n, units)), 2)
        x[0, 0] = x[-1, -1] = 0.0  # the kink: contributes 0 to ∂L/∂α either way
        up = rng.normal(size=(n, units))
        alpha = rng.uniform(0.05, 0.4, size=units)
        per_unit = np.sum(up * np.minimum(x, 0.0), axis=0)
        numerical = numerical_gradient(lambda a, x=x, up=up: float(np.sum(up * prelu(x, a))), alpha)
        assert relative_error(per_unit, numerical) < 1e-8  # the reference itself is right
        for shared in (True, False):
            reduce = (lambda v: np.sum(v)) if shared else (lambda v: np.sum(v, axis=0))
            expected = np.sum(per_unit) if shared else per_unit
            kind = "shared α" if shared else "one α per unit"
            shown = f"x and upstream of shape ({n}, {units}), shared={shared} ({kind})"
            got = _call(
                exercise,
                prelu_alpha_gradient,
                x,
                up,
                shared,
                shown=shown,
                hint="∂L/∂α = Σ upstream · min(x, 0), summed over what shares the α.",
            )
            _alpha_shape(exercise, got, shared, n, units, shown)
            if shared and np.shape(got) == (1,):
                got = np.asarray(got, dtype=float)[0]
            _diagnose(exercise, got, expected, shown, _alpha_mistakes(x, up, reduce))
            expect_close(
                exercise,
                got,
                expected,
                shown=shown,
                rtol=1e-9,
                atol=1e-12,
                hint="∂L/∂α = Σ upstream · min(x, 0), summed over everything that shares the α.",
            )
    passed(
        exercise,
        "Σ upstream·min(x, 0), shared and per unit, agrees with finite differences in α.",
    )


# --- Exercise 3: which units are dead? ----------------------------------------------------------


def _dead_cases() -> list[np.ndarray]:
    columns = [
        [-1.0, -2.0, -0.5, -3.0, -0.1, -4.0],  # dead
        [0.3, -1.0, -2.0, -0.5, -1.5, -0.2],  # alive on one example only
        [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],  # dead: ReLU′(0) = 0 too
        [-1.0, 0.0, -2.0, 0.0, -0.5, -0.7],  # dead, with exact zeros
        [1.0, 2.0, 0.5, 0.1, 3.0, 0.4],  # always active
    ]
    random = np.random.default_rng(4).normal(size=(8, 4))
    random[:, 1] = -np.abs(random[:, 1])
    return [np.array(columns).T, random]


def check_dead_unit_mask(dead_unit_mask: Callable[..., Any]) -> None:
    """Check ``dead_unit_mask(z)``: z holds pre-activations of shape (N, units); the answer is a
    boolean array of shape (units,), True for a unit whose z ≤ 0 on every example."""
    exercise = "dead_unit_mask"
    for z in _dead_cases():
        n, units = z.shape
        shown = f"z of shape ({n}, {units}) = {z.round(2).tolist()}"
        got = _call(
            exercise, dead_unit_mask, z, shown=shown, hint="np.all(z <= 0, axis=0) per column."
        )
        expected = np.all(z <= 0, axis=0)
        shape = np.shape(got)
        if shape == (n,):
            fail(
                exercise,
                f"for {shown} expected one entry per unit, shape ({units},), got shape {shape}.",
                "units are columns: reduce over the examples, axis=0.",
            )
        if shape == ():
            fail(
                exercise,
                f"for {shown} expected a mask of shape ({units},), got a single number.",
                "return one True/False per unit; the share of dead units is then mask.mean().",
            )
        mistakes: list[Mistake] = [
            (
                "np.any(z <= 0, axis=0): units inactive on *some* example",
                np.any(z <= 0, axis=0),
                "inactive on some examples is ordinary sparsity; dead means inactive on all: all.",
            ),
            (
                "np.all(z < 0, axis=0), which misses units stuck at exactly 0",
                np.all(z < 0, axis=0),
                "a unit whose z is 0 everywhere is dead too (ReLU′(0) = 0): use z <= 0.",
            ),
            (
                "the share of examples on which each unit is inactive",
                np.mean(z <= 0, axis=0),
                "that is sparsity per unit; a unit is dead when that share is 1: np.all.",
            ),
            (
                "the mask of live units",
                ~expected,
                "True should mark the dead units (z ≤ 0 everywhere).",
            ),
            (
                "np.all(z == 0, axis=0)",
                np.all(z == 0, axis=0),
                "a dead unit's output is 0, but its pre-activation z is ≤ 0, usually negative.",
            ),
        ]
        _diagnose(exercise, got, expected, shown, mistakes)
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            hint="a unit (a column of z) is dead when z ≤ 0 in every row: np.all(..., axis=0).",
        )
        if np.asarray(got).dtype != bool:
            fail(
                exercise,
                f"for {shown} expected booleans, got dtype {np.asarray(got).dtype}.",
                "comparisons such as z <= 0 and np.all give booleans; keep them.",
            )
    passed(exercise, "True exactly for the units with z ≤ 0 on every example (zeros included).")
