"""Checks for chapter 09, "Leaky ReLU and PReLU".

LeakyReLU(x) = x for x > 0 and αx for x ≤ 0 (for every α, also α > 1), and LeakyReLU′(x) = 1 for
x > 0 and α for x ≤ 0 (α at the kink, as in PyTorch). For y = PReLU(x) with one α per channel,
x of shape (N, C, H, W) and ``upstream`` = ∂L/∂y, ∂L/∂α_c = Σ upstream·min(x, 0) summed over the
examples and the positions (axes 0, 2, 3), judged by a gradient check. A unit is dead when its
pre-activation z is ≤ 0 on every example.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from helpers.activations import prelu
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.i18n import tr

from ._runner import Case, Check, Exercise, Mistake, describe, matches

__all__ = ["check_channel_alpha_gradient", "check_dead_unit_mask", "check_leaky_relu"]

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
    if a > 1:
        what = tr("the derivative of {form}", form=tr(_MAX_FORM))
    else:
        what = tr("the two slopes swapped (α for x > 0)")
    return named and tr("your answer equals {what}", what=what)


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


# --- Exercise 2 (derive): ∂L/∂α for a PReLU with one α per channel -------------------------------

_EVERY_USE = "α_c is used by every example and every position (h, w) of channel c"
_PASS_AT = 1e-7  # worst relative error a right gradient may have against centred differences


def _channel_cases() -> list[Case]:
    rng, cases = np.random.default_rng(19), []
    # N, C, H, W all different, so that every wrong reduction has a shape of its own
    for shape in [(2, 3, 4, 5), (4, 2, 3, 5)]:
        x = np.round(rng.normal(size=shape), 2)
        x.flat[:3] = 0.0  # the kink: contributes 0 to ∂L/∂α from either side
        up = rng.normal(size=shape)
        cases.append(Case(f"x and upstream of shape {shape} = (N, C, H, W)", (x, up)))
    return cases


def _channel(x: Any, up: Any) -> Any:
    return np.sum(up * np.minimum(x, 0.0), axis=(0, 2, 3))


def _reduced(axes: Any) -> Any:
    return lambda x, up: np.sum(up * np.minimum(x, 0.0), axis=axes)


def _shaped(what: str, hint: str, axes: Any, keepdims: bool = False) -> Mistake:
    """An answer whose shape is that of the sum over ``axes`` (of shape (N, C, H, W))."""

    def when(got: Any, x: np.ndarray, up: np.ndarray) -> str | bool:
        wrong = np.sum(np.zeros(x.shape), axis=axes, keepdims=keepdims).shape
        return np.shape(got) == wrong and tr(
            "{what}: expected shape ({channels},), got {wrong}",
            what=tr(what),
            channels=x.shape[1],
            wrong=wrong,
        )

    example = lambda x, up: np.sum(up * np.minimum(x, 0.0), axis=axes, keepdims=keepdims)  # noqa: E731
    return Mistake(what, hint, when=when, example=example, note=",")


def _gradient_check(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    """Judge ∂L/∂α by centred differences of L(α) = Σ upstream · PReLU_α(x), α per channel."""
    x, up = case.args
    alpha = np.linspace(0.1, 0.4, x.shape[1])
    numerical = numerical_gradient(lambda a: float(np.sum(up * prelu(x, a[:, None, None]))), alpha)
    shown = tr(case.shown)
    try:
        mine = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return tr("for {shown}, expected numbers, got {got}.", shown=shown, got=describe(got)), None
    if mine.shape != numerical.shape:
        text = tr(
            "for {shown}, expected shape {expected}, got shape {got}.",
            shown=shown,
            expected=numerical.shape,
            got=mine.shape,
        )
        return text, tr(
            "one gradient per channel: α_c is used by every example and every position (h, w) "
            "of channel c, so sum over axes 0, 2, 3."
        )
    error = relative_error(mine, numerical)
    if error <= _PASS_AT:
        return None
    worst = int(np.argmax(np.where(np.isnan(mine), np.inf, np.abs(mine - numerical))))
    message = tr(
        "for {shown}, centred differences in α_{worst} give {numerical}, your ∂L/∂α_{worst} is "
        "{got}: relative error {error}, where a right gradient is within {bound}.",
        shown=shown,
        worst=worst,
        numerical=f"{numerical[worst]:.6g}",
        got=describe(mine[worst]),
        error=f"{error:.1e}",
        bound=f"{_PASS_AT:.0e}",
    )
    return message, tr("∂L/∂α_c = Σ upstream · min(x, 0) over everything that uses α_c.")


# fmt: off
check_channel_alpha_gradient = Check((Exercise("channel_alpha_gradient", _channel, _channel_cases, [
    _shaped("a sum over the examples only", _EVERY_USE + ": sum over the positions (axes 2 and "
            "3) as well.", 0),
    _shaped("a sum over the positions only", "every example uses the same α_c too: sum over "
            "axis 0 as well.", (2, 3)),
    _shaped("one number: the gradient of a single shared α", "one α per channel gets one "
            "gradient per channel: sum over axes 0, 2 and 3, not over the channels.", None),
    _shaped("a sum over the channels (axis 1)", "the channels are what the α's belong to: keep "
            "axis 1 and sum over the others (0, 2, 3).", 1),
    _shaped("no sum at all: one term per entry", _EVERY_USE + ": add up those terms, over axes "
            "0, 2 and 3.", ()),
    _shaped("keepdims=True: shape (1, C, 1, 1)", "return one number per channel, shape (C,): "
            "drop keepdims (or .ravel() the result).", (0, 2, 3), keepdims=True),
    Mistake("Σ upstream·x over the positive side (x > 0)", "α only multiplies the negative side: "
            "∂y/∂α = x where x ≤ 0 and 0 where x > 0.",
            lambda x, up: np.sum(up * np.maximum(x, 0.0), axis=(0, 2, 3))),
    Mistake("Σ upstream·x without the mask [x ≤ 0]", "for x > 0 the output y = x does not depend "
            "on α: mask with x ≤ 0 (or use min(x, 0)).",
            lambda x, up: np.sum(up * x, axis=(0, 2, 3))),
    Mistake("Σ upstream·[x ≤ 0], without the factor x", "y = αx on the negative side, so ∂y/∂α = "
            "x there, not 1.", lambda x, up: np.sum(up * (x <= 0), axis=(0, 2, 3))),
    Mistake("Σ min(x, 0), without the upstream gradient", "chain rule: multiply ∂y/∂α by "
            "upstream = ∂L/∂y before summing.", lambda x, up: np.sum(np.minimum(x, 0.0),
                                                                    axis=(0, 2, 3))),
    Mistake("a mean over the examples and positions instead of a sum", "every use of α_c adds "
            "its own term to ∂L/∂α_c: sum, do not average.",
            lambda x, up: _channel(x, up) / (x.size // x.shape[1])),
    Mistake("a mean over the examples instead of a sum", "every example uses the same α_c, so "
            "their contributions add up: sum, do not average.",
            lambda x, up: _channel(x, up) / len(x)),
    Mistake("−Σ upstream·min(x, 0): a sign error", "no minus.", lambda x, up: -_channel(x, up))],
    hint="∂L/∂α_c = Σ upstream · min(x, 0), summed over the examples and the positions (axes 0, "
    "2, 3).",
    crash_hint="x and upstream have shape (N, C, H, W); np.sum(..., axis=(0, 2, 3)) leaves one "
    "number per channel.",
    compare=_gradient_check, rtol=1e-9, **_COMMON),),
    "Σ upstream·min(x, 0) over the examples and the positions, one value per channel: agrees "
    "with centred differences in α (a gradient check) in both cases.",
    doc="Check ``channel_alpha_gradient(x, upstream)``: ∂L/∂α for y = PReLU(x) with one α per "
    "channel, x of shape (N, C, H, W), judged by a gradient check.")
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
            when=lambda got, z: np.shape(got) == (len(z),) and tr("expected one entry per unit, "
            "shape ({units},), got shape {shape}", units=z.shape[1], shape=np.shape(got)),
            example=lambda z: np.all(z <= 0, axis=1)),
    Mistake("a single number", "return one True/False per unit; the share of dead units is then "
            "mask.mean().", when=lambda got, z: np.shape(got) == () and tr("expected a mask of "
            "shape ({units},), got a single number", units=z.shape[1]),
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
            and matches(got, np.all(z <= 0, axis=0))
            and tr("expected booleans, got dtype {dtype}", dtype=str(np.asarray(got).dtype)),
            example=lambda z: np.all(z <= 0, axis=0).astype(int))],
    hint="a unit (a column of z) is dead when z ≤ 0 in every row: np.all(..., axis=0).",
    crash_hint="np.all(z <= 0, axis=0) per column.", **_COMMON),),
    "True exactly for the units with z ≤ 0 on every example (zeros included).",
    doc="Check ``dead_unit_mask(z)``: True for the units (columns) with z ≤ 0 in every row.")
# fmt: on
