"""Checks for chapter 14, "Beyond the classics".

1. ``gelu_tanh(x)`` = ½x(1 + tanh u) = x·σ(2u), u = √(2/π)(x + 0.044715x³): x·Φ(x) is 4.7e-4 off.
2. ``gelu_tanh_derivative(x)`` (derive: printed nowhere in the chapter) = ½(1 + tanh u)
   + ½x·sech²(u)·u′, u′ = √(2/π)(1 + 3·0.044715x²); ``np.cosh(u)`` overflows for |u| > 710.
3. ``hard_swish(x)`` = x·ReLU6(x + 3)/6, of slope 0 | (2x + 3)/6 | 1 and, at the kinks, the outer
   pieces' slopes: 0 at −3 and 1 at 3 (current PyTorch; older kernels gave the middle's −0.5, 1.5).
4. ``int8_round_trip(x, scale, zero_point)`` = S·(q − Z), q = clip(round(x/S) + Z, −128, 127):
   error ≤ S/2 in range, saturation beyond (``astype(np.int8)`` wraps around), 0 back as 0.
5. ``tanh_cliff()`` (predict, the chapter's exercise 1): the x below which the tanh form's gate
   ½(1 + tanh u) is exactly 0 in float64. 1 + tanh u = 2σ(2u) ≈ 2e^(2u), and tanh u rounds to −1
   once that is below half the spacing of floats just above −1, 2^−54: u ≈ −19.06, x ≈ −7.2
   (measured by bisection: −7.19). Judged to ±0.1; the slips below land at least 1 away.
6. ``kink_disagreements()`` (diagnose, exercise 3): the rows (x, old slope, course slope) where an
   older hard-swish backward, ``(2x + 3)/6`` on the closed interval [−3, 3], disagrees with the
   course's on ``np.linspace(-6, 6, 25)``: [[−3, −0.5, 0], [3, 1.5, 1]].
7. ``hard_swish_int8(top)`` (design, exercise 4): the scale and zero point whose int8 codes
   −128…127 cover hard-swish's range [−0.375, top] with 0 on a code: S = (top + 0.375)/255,
   Z = −128 + round(0.375/S) (top = 6: S = 0.025, Z = −113).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers import activations as act
from helpers.gradcheck import numerical_derivative
from helpers.i18n import tr

from ._runner import Case, Check, Exercise, Mistake, describe

__all__ = [
    "KINK_GRID",
    "check_gelu_tanh",
    "check_gelu_tanh_derivative",
    "check_hard_swish",
    "check_hard_swish_int8",
    "check_int8_round_trip",
    "check_kink_disagreements",
    "check_tanh_cliff",
    "old_hard_swish_backward",
]

_C = math.sqrt(2.0 / math.pi)
_FORMULA = "½·x·(1 + tanh u) with u = √(2/π)·(x + 0.044715·x³)"  # gelu_tanh
_SHARED = {
    "rtol": 1e-12, "mistake_rtol": 1e-12, "mistake_atol": 1e-15,
    "inplace_message": "for {shown} your function changed its input {name} in place.",
    "inplace_hint": "the caller (and backpropagation, which needs x again) may still use x: "
    "build a new array instead of assigning into x[...] or using x += ...",
}  # fmt: skip


def _show(x: np.ndarray) -> str:  # long arrays by their size
    shown = np.array2string(x, separator=", ", formatter={"float_kind": "{:g}".format})
    return f"{x.size} values" if x.size > 10 else shown


def _x_cases(*xs: list[Any]) -> list[Case]:
    return [Case(f"x = {_show(x)}", (x,)) for x in map(np.array, xs)]


# --- Exercise 1: GELU's tanh approximation -----------------------------------------------------


def _u(x: np.ndarray, c: float = _C, cubic: float = 0.044715, power: int = 3) -> np.ndarray:
    return c * (x + cubic * x**power)


def _tanh(x: np.ndarray, **u: Any) -> np.ndarray:  # ½x(1 + tanh u), u as a mistake writes it
    return 0.5 * x * (1 + np.tanh(_u(x, **u)))


def _gelu_summary(gelu_tanh: Callable[..., Any]) -> str:
    grid = np.linspace(-6.0, 6.0, 2401)
    error = np.abs(np.asarray(gelu_tanh(grid.copy()), dtype=float) - act.gelu(grid))
    worst = int(np.argmax(error))
    return tr(  # _FORMULA spelled out, so that a translation can word its "with"
        "matches ½·x·(1 + tanh u) with u = √(2/π)·(x + 0.044715·x³) to 1e-12, warning-free up "
        "to |x| = 1000; its largest distance from the exact GELU on [−6, 6] is {error}, at "
        "|x| ≈ {at}.",
        error=f"{error[worst]:.2g}",
        at=f"{abs(grid[worst]):.1f}",
    )


# fmt: off
_OVERFLOW = ("x·σ(2u) written as x / (1 + np.exp(-2 * u)) overflows for very negative x, where −2u "
             "is huge. The tanh form never overflows (np.tanh saturates at ±1), and neither does a "
             "stable sigmoid (chapter 06).")
check_gelu_tanh = Check((Exercise(
    "gelu_tanh", lambda x: act.gelu(x, approximate="tanh"),
    lambda: _x_cases([-4.0, -2.7, -1.3, -0.5, 0.0, 0.4, 1.0, 2.7, 4.0],
                     [[-2.1, 0.3, 1.7], [0.9, -0.6, 3.3]],
                     [-1000.0, -40.0, -8.0, 8.0, 40.0, 1000.0]),  # warning-free, and right
    [Mistake("the exact GELU x·Φ(x), not its tanh approximation", "this exercise asks for the "
             f"approximation {_FORMULA}; it differs from x·Φ(x) by up to 4.7e-4, which is the "
             "point of section 2.", act.gelu),
     Mistake("½x(1 + tanh(√(2/π)·x)): the cubic term 0.044715·x³ is missing", "the cubic term "
             f"bends the gate to follow Φ in the tails: {_FORMULA}.", lambda x: _tanh(x, cubic=0)),
     Mistake("the formula with 0.44715 instead of 0.044715", "the constant is 0.044715 (four "
             "digits after the 0.0).", lambda x: _tanh(x, cubic=0.44715)),
     Mistake("the formula with x² instead of x³", "the correction is cubic, 0.044715·x³: an odd "
             "function, like the rest of u.", lambda x: _tanh(x, power=2)),
     Mistake("the formula without the factor √(2/π) in u", "√(2/π) ≈ 0.798 makes the gate's "
             "slope at 0 equal Φ′(0) = 1/√(2π).", lambda x: _tanh(x, c=1.0)),
     Mistake("the formula with 2/π instead of √(2/π)", "the factor is the square root: "
             "np.sqrt(2 / np.pi).", lambda x: _tanh(x, c=2 / math.pi)),
     Mistake("x(1 + tanh u): the factor ½ is missing", "the gate ½(1 + tanh u) runs from 0 to 1; "
             "without ½ it runs to 2.", lambda x: x * (1 + np.tanh(_u(x)))),
     Mistake("½x·tanh u: the 1 + is missing", "the gate is ½(1 + tanh u), a number between 0 "
             "and 1.", lambda x: 0.5 * x * np.tanh(_u(x))),
     Mistake("½x(1 − tanh u): a sign error", "the gate must open (→ 1) for large positive x: "
             "1 + tanh u.", lambda x: 0.5 * x * (1 - np.tanh(_u(x)))),
     Mistake("½(1 + tanh u), the gate alone: the factor x is missing", "GELU multiplies the "
             "input by the gate: x·½(1 + tanh u).", lambda x: 0.5 * (1 + np.tanh(_u(x)))),
     Mistake("x·σ(u): with a sigmoid the argument is 2u", "½(1 + tanh u) = σ(2u), not σ(u): use "
             "x·σ(2u) or the tanh form.", lambda x: x * act.sigmoid(_u(x))),
     Mistake("x·σ(1.702x), the sigmoid approximation of GELU", "that is another (coarser) "
             f"approximation; this exercise asks for {_FORMULA}.",
             lambda x: x * act.sigmoid(1.702 * x)),
     Mistake("x·σ(x), SiLU", f"SiLU is GELU's cousin with the logistic gate; write {_FORMULA}.",
             lambda x: x * act.sigmoid(x))],
    hint=f"{_FORMULA}, elementwise, same shape as x.", crash_hint=_OVERFLOW,
    warning_hint=_OVERFLOW, **_SHARED, atol=1e-15,  # 1 + tanh u rounds to 0 below x ≈ −6
    course_version="helpers.activations.gelu"),), _gelu_summary,
    doc="Check ``gelu_tanh(x)``, GELU's tanh form, elementwise.")
# fmt: on


# --- Exercise 3: hard-swish and its derivative, with the kink conventions ----------------------


def _swish_cases(**at_kinks: Any) -> list[Case]:
    flat = [-5.0, -2.0, -1.5, -1.0, -0.25, 0.0, 0.5, 2.0, 2.5, 5.0]
    cases = _x_cases(flat, [[-4.2, -0.7, 1.9], [0.3, 2.9, -2.6]], [-1e6, 1e6])
    return [*cases, Case("x = [-3, 3] (the kinks)", (np.array([-3.0, 3.0]),), **at_kinks)]


def _kink(index: int) -> list[Mistake]:
    """At x = −3 (index 0) or 3 (1): the middle formula (PyTorch's kernel before pytorch/pytorch
    issue 147801), the one-sided slopes' average (a centred difference's), any other value."""
    kink, right, middle, average = ((-3, 0.0, -0.5, -0.25), (3, 1.0, 1.5, 1.25))[index]
    side = ("the flat piece (0)", "the identity piece (1)")[index]

    def gives(value: float) -> Callable[..., Any]:  # right except at this kink
        return lambda x: np.where(x == kink, value, act.hard_swish_derivative(x))

    def at(got: Any, x: np.ndarray) -> Any:  # the answer at this kink; None on the other cases
        return np.asarray(got, dtype=float).reshape(2)[index] if x.tolist() == [-3.0, 3.0] else None

    # fmt: off
    return [
        Mistake(f"you returned {middle:g} at x = {kink}: the middle formula (2x + 3)/6 evaluated "
                "at the kink", f"the middle piece holds only for −3 < x < 3; at x = {kink} the "
                f"course takes the slope of {side} (frameworks differ here: PyTorch's kernel has "
                f"returned {middle:g}): use x <= -3 and x >= 3 for the outer pieces.",
                when=lambda got, x: at(got, x) == middle, example=gives(middle)),
        Mistake(f"you returned {average:g} at x = {kink}, the average of the two one-sided slopes "
                "(what a centred difference gives at a kink)",
                f"the convention is the slope of {side} at x = {kink}.",
                when=lambda got, x: at(got, x) == average, example=gives(average)),
        Mistake(f"expected {right:g} at x = {kink}",
                "hard_swish′(−3) = 0 and hard_swish′(3) = 1 by convention.",
                when=lambda got, x: at(got, x) not in (None, right)
                and tr("expected {right} at x = {kink}, got {got}", right=f"{right:g}",
                       kink=kink, got=f"{at(got, x):g}"), example=gives(0.5)),
    ]
    # fmt: on


def _agreement(error: float) -> str:  # "to {agreement}": a slope against centred differences
    return tr("better than 1e-8") if error < 1e-8 else f"{error:.0e}"


def _swish_summary(hard_swish: object, hard_swish_derivative: Callable[..., Any]) -> str:
    away = np.array([-4.1, -2.2, -0.6, 0.7, 2.4, 4.6])
    numerical = numerical_derivative(act.hard_swish, away)
    agreement = np.max(np.abs(np.asarray(hard_swish_derivative(away.copy())) - numerical))
    return tr(
        "x·ReLU6(x + 3)/6 and its slope 0 | (2x + 3)/6 | 1, with 0 at x = −3 and 1 at x = 3 "
        "(the outer pieces' slopes); the slope matches centred differences away from the kinks "
        "(to {agreement}).",
        agreement=_agreement(agreement),
    )


# fmt: off
_SWISH_HINT = ("x * np.clip(x + 3, 0, 6) / 6 works on whole arrays; for the derivative, np.where "
               "or np.select with x <= -3, x < 3 and x >= 3.")
check_hard_swish = Check((Exercise(
    "hard_swish", act.hard_swish,
    lambda: _swish_cases(hint="hard-swish is continuous: 0 and 3.", rtol=1e-7),
    [Mistake("ReLU6(x + 3)/6, the hard sigmoid (the gate), not x times it", "hard-swish "
             "multiplies the input by the gate: x·ReLU6(x + 3)/6.", act.hard_sigmoid),
     Mistake("x·ReLU6(x)/6: the shift +3 is missing", "the gate ReLU6(x + 3)/6 is 0 below −3, "
             "1/2 at 0 and 1 above 3.", lambda x: x * np.clip(x, 0, 6) / 6),
     Mistake("x·ReLU6(x + 3): the division by 6 is missing", "ReLU6 ranges over [0, 6]; dividing "
             "by 6 makes the gate run from 0 to 1.", lambda x: x * np.clip(x + 3, 0, 6)),
     Mistake("x(x + 3)/6 everywhere: the clip is missing", "clip x + 3 to [0, 6] first (ReLU6): "
             "hard-swish is 0 below −3 and x above 3.", lambda x: x * (x + 3) / 6),
     Mistake("x·clip(0.2x + 0.5, 0, 1), with the hard sigmoid of old Keras versions", "libraries "
             "define the hard sigmoid differently; MobileNetV3 and PyTorch use ReLU6(x + 3)/6, "
             "whose slope is 1/6, not 0.2.", lambda x: x * np.clip(0.2 * x + 0.5, 0, 1)),
     Mistake("x·σ(x), the smooth SiLU that hard-swish imitates", "replace the sigmoid by the "
             "piecewise-linear ReLU6(x + 3)/6.", lambda x: x * act.sigmoid(x))],
    hint=_SWISH_HINT, warning_hint=_SWISH_HINT, **_SHARED,
    course_version="helpers.activations.hard_swish"), Exercise(
    "hard_swish_derivative", act.hard_swish_derivative, _swish_cases,
    [*_kink(0), *_kink(1),  # first: (2x + 3)/6 for all x also gives −0.5, 1.5 at the kinks
     Mistake("the hard sigmoid ReLU6(x + 3)/6: the product rule's second term is missing",
             "d/dx [x·g(x)] = g(x) + x·g′(x), with g′ = 1/6 for −3 < x < 3: (x + 3)/6 + x/6.",
             act.hard_sigmoid),
     Mistake("(2x + 3)/6 for every x: the outer pieces are missing", "the slope is 0 for x ≤ −3 "
             "(the function is flat at 0) and 1 for x ≥ 3 (it is x).", lambda x: (2 * x + 3) / 6),
     Mistake("x/6 in the middle: only the product rule's second term", "d/dx [x·g(x)] = g(x) + "
             "x·g′(x): add the gate itself, (x + 3)/6.",
             lambda x: np.where(x <= -3, 0.0, np.where(x >= 3, 1.0, x / 6))),
     Mistake("the slope of the hard sigmoid (1/6 in the middle, 0 outside)", "that is g′; "
             "hard-swish is x·g(x), so its slope is g(x) + x·g′(x).", act.hard_sigmoid_derivative),
     Mistake("hard-swish itself, not its derivative", "differentiate each piece: 0, (2x + 3)/6 "
             "and 1.", act.hard_swish)],
    hint=_SWISH_HINT, warning_hint=_SWISH_HINT, **_SHARED,
    course_version="helpers.activations.hard_swish_derivative")), _swish_summary,
    doc="Check ``hard_swish(x) = x·ReLU6(x + 3)/6`` and its derivative, kinks included.")
# fmt: on


# --- Exercise 4: the int8 round trip ----------------------------------------------------------


def _codes(x: np.ndarray, s: float, z: int, rounding: Any = np.round, low: int = -128,
           high: int = 127) -> np.ndarray:  # fmt: skip
    return np.clip(rounding(x / s) + z, low, high)


def _trip(**how: Any) -> Callable[..., Any]:  # scale·(q − zero_point), q = _codes(…, **how)
    return lambda x, scale, zero_point: scale * (_codes(x, scale, zero_point, **how) - zero_point)


def _int8_cases() -> list[Case]:  # no x/scale ends in .5, where rounding conventions differ
    rng = np.random.default_rng(14)
    ordinary = np.array([-3.21, -0.013, 0.0, 0.024, 0.026, 0.61, 1.234, 6.3])
    relu6 = np.array([0.0, 0.01, 1.1, 3.1, 5.99, 6.0, 7.5, -1.01])
    return [
        Case(f"{what}, x = {_show(x)}, scale = {s:.6g}, zero_point = {z}", (x, s, z))
        for what, x, s, z in [
            ("ordinary values", ordinary, 0.05, 0),
            ("values beyond the range", np.array([7.0, 100.0, -7.0, -100.0, 6.34, -6.39]), 0.05, 0),
            ("a ReLU6 range [0, 6]", relu6, 6 / 255, -128),
            ("a 2-D array", np.array([[0.313, -1.927, 2.071], [-0.447, 0.182, 1.493]]), 0.02, 3),
            ("400 uniform values in range", rng.uniform(-6.4, 6.35, 400), 0.05, 0),
            ("400 uniform values in [0, 6]", rng.uniform(0.0, 6.0, 400), 6 / 255, -128),
        ]
    ]


def _int8_summary(int8_round_trip: Callable[..., Any]) -> str:
    worst = 0.0  # the largest round-trip error in range, in units of scale
    for x, s, z in (case.args for case in _int8_cases()):
        error = np.abs(np.asarray(int8_round_trip(x.copy(), s, z), dtype=float) - x) / s
        in_range = (x >= s * (-128 - z)) & (x <= s * (127 - z))
        worst = max(worst, np.max(error, where=in_range, initial=0))
    return tr(
        "rounds to the nearest of 256 levels (largest round-trip error in range: {worst}"
        "·scale, at most 0.5·scale), saturates at the codes −128 and 127, and returns 0 as "
        "exactly 0.",
        worst=f"{worst:.2f}",
    )


# fmt: off
_STEP = "so the error reaches a whole step"
_INT8_HINT = ("q = clip(round(x / scale) + zero_point, −128, 127), then scale·(q − zero_point); "
              "np.round, np.clip and plain float arithmetic are all you need.")
check_int8_round_trip = Check((Exercise(
    "int8_round_trip", _trip(), _int8_cases,
    [Mistake("the integer codes q, not the values they stand for", "dequantise before "
             "returning: scale * (q - zero_point).", _codes),
     Mistake("a round trip that truncates towards 0 instead of rounding", "astype(int) and "
             f"np.trunc cut off the fraction, {_STEP}; np.round picks the nearest level, and the "
             "error stays within scale/2.", _trip(rounding=np.trunc)),
     Mistake("a round trip that rounds down (np.floor)", f"np.floor always goes down, {_STEP}; "
             "use np.round.", _trip(rounding=np.floor)),
     Mistake("x itself: nothing was rounded", "divide by scale, round to an integer code, clip, "
             "and scale back.", lambda x, s, z: x),
     Mistake("x·scale rounded and divided back: scale is the step between levels", "real value = "
             "scale·(code − zero_point), so code = round(x / scale) + zero_point.",
             lambda x, s, z: (np.clip(np.round(x * s) + z, -128, 127) - z) / s),
     Mistake("a round trip without saturation: codes beyond −128…127 were kept", "int8 holds only "
             "−128…127: clip the codes (np.clip) so out-of-range values saturate.",
             lambda x, s, z: s * np.round(x / s)),
     Mistake("a round trip whose codes wrapped around (as astype(np.int8) does beyond 127)",
             "casting a float beyond 127 to int8 wraps around (200 becomes −56) on most machines: "
             "np.clip the codes to [−128, 127] before converting.",
             lambda x, s, z: s * ((np.round(x / s) + z + 128) % 256 - 128 - z)),
     Mistake("a round trip clipped to −127…127", "that is the narrow range TFLite uses for "
             "weights; activations use all of int8, −128…127.", _trip(low=-127)),
     Mistake("a round trip clipped to 0…255, the uint8 range", "int8 runs from −128 to 127.",
             _trip(low=0, high=255)),
     Mistake("scale·q: the zero point is not subtracted when dequantising", "the code q stands "
             "for the real value scale·(q − zero_point).", lambda x, s, z: s * _codes(x, s, z)),
     Mistake("scale·q − zero_point: the zero point was subtracted after scaling", "the zero point "
             "is in code units: scale·(q − zero_point).", lambda x, s, z: s * _codes(x, s, z) - z),
     Mistake("a round trip with the zero point's sign swapped (subtracted, then added back)",
             "quantise with + zero_point and dequantise with − zero_point.",
             lambda x, s, z: s * (_codes(x, s, -z) + z)),
     Mistake("a round trip that ignores the zero point", "with zero_point = −128 the codes "
             "−128…127 cover [0, 255·scale]; without it, everything above 127·scale saturates.",
             lambda x, s, z: s * _codes(x, s, 0)),
     Mistake("x = 0 not returned as exactly 0", "0 maps to the code zero_point, which dequantises "
             "to scale·(Z − Z) = 0; exact zeros matter (ReLU's outputs, zero padding).",
             when=lambda got, x, *_: (v := np.asarray(got, dtype=float)[x == 0.0]).size > 0
             and v[0] != 0 and tr("x = 0 came back as {value}, not exactly 0", value=f"{v[0]:g}"),
             example=lambda x, s, z: _trip()(x, s, z) + 1e-3)],
    hint=_INT8_HINT, warning_hint=_INT8_HINT, **_SHARED),), _int8_summary,
    doc="Check ``int8_round_trip(x, scale, zero_point)``: round, clip to int8, scale back.")
# fmt: on


# --- Exercise 2: derive the tanh form's derivative (not printed in the chapter) -----------------


def _du(x: np.ndarray, c: float = _C, three: float = 3.0, one: float = 1.0) -> np.ndarray:
    return c * (one + three * 0.044715 * x**2)  # u′, as a mistake writes it


def _slope(x: np.ndarray, du: Any = _du, half: float = 0.5, sign: float = 1.0) -> np.ndarray:
    """½(1 + tanh u) + ½x·sech²(u)·u′, with sech² = 1 − tanh² and u′ as a mistake writes it."""
    t = np.tanh(_u(x))
    return 0.5 * (1 + t) + sign * half * x * (1 - t * t) * du(x)


def _derivative_summary(gelu_tanh_derivative: Callable[..., Any]) -> str:
    x = np.linspace(-5.0, 5.0, 41)
    numerical = numerical_derivative(lambda v: act.gelu(v, approximate="tanh"), x)
    worst = np.max(np.abs(np.asarray(gelu_tanh_derivative(x.copy()), dtype=float) - numerical))
    exact = np.max(np.abs(act.gelu_derivative(x) - act.gelu_derivative(x, approximate="tanh")))
    return tr(
        "½(1 + tanh u) + ½x·(1 − tanh²u)·u′ with u′ = √(2/π)(1 + 3·0.044715x²); it matches centred "
        "differences of the tanh form on [−5, 5] to {agreement}, and differs from the exact "
        "GELU′ = Φ + xφ by up to {exact}.",
        agreement=_agreement(worst),
        exact=f"{exact:.1e}",
    )


# fmt: off
_COSH = ("np.cosh(u) overflows once |u| > 710 (x beyond about ±24): write sech²u as 1 − tanh²u, "
         "or as 4σ(2u)σ(−2u), which stay between 0 and 1 (chapter 07's lesson).")
_DERIVE = ("the product rule on x·g(x) with g = ½(1 + tanh u): g + x·g′, where g′ = ½·sech²(u)·u′ "
           "(chain rule) and u′ = √(2/π)(1 + 3·0.044715x²) (power rule).")
check_gelu_tanh_derivative = Check((Exercise(
    "gelu_tanh_derivative", lambda x: act.gelu_derivative(x, approximate="tanh"),
    lambda: _x_cases([-4.0, -2.7, -1.3, -0.5, 0.0, 0.4, 1.0, 2.7, 4.0],
                     [[-2.1, 0.3, 1.7], [0.9, -0.6, 3.3]],
                     [-1000.0, -40.0, -8.0, 8.0, 40.0, 1000.0]),
    [Mistake("½(1 + tanh u), the gate alone: the product rule's second term x·g′(x) is missing",
             "d/dx [x·g(x)] = g(x) + x·g′(x).", lambda x: 0.5 * (1 + np.tanh(_u(x)))),
     Mistake("½x·sech²(u)·u′ alone: the product rule's first term, the gate g(x), is missing",
             "d/dx [x·g(x)] = g(x) + x·g′(x); add g(x) = ½(1 + tanh u).",
             lambda x: _slope(x) - 0.5 * (1 + np.tanh(_u(x)))),
     Mistake("a derivative without the inner factor u′ (the chain rule stopped at tanh)",
             "d/dx tanh(u(x)) = sech²(u)·u′(x), with u′ = √(2/π)(1 + 3·0.044715x²).",
             lambda x: _slope(x, du=lambda v: np.ones_like(v))),
     Mistake("u′ = √(2/π)(1 + 0.044715x²): the power rule's factor 3 is missing",
             "d/dx x³ = 3x², so u′ = √(2/π)(1 + 3·0.044715x²).",
             lambda x: _slope(x, du=lambda v: _du(v, three=1.0))),
     Mistake("u′ = √(2/π)·3·0.044715x²: the derivative of the x inside u is missing",
             "u = √(2/π)(x + 0.044715x³), so u′ = √(2/π)(1 + 3·0.044715x²).",
             lambda x: _slope(x, du=lambda v: _du(v, one=0.0))),
     Mistake("u′ without the factor √(2/π)", "u = √(2/π)(x + 0.044715x³): the constant stays "
             "in its derivative.", lambda x: _slope(x, du=lambda v: _du(v, c=1.0))),
     Mistake("the second term without its ½: x·sech²(u)·u′", "g = ½(1 + tanh u), so "
             "g′ = ½·sech²(u)·u′.", lambda x: _slope(x, half=1.0)),
     Mistake("the second term subtracted: ½(1 + tanh u) − ½x·sech²(u)·u′", "tanh′ = sech² > 0: "
             "the gate rises, and g′ is positive.", lambda x: _slope(x, sign=-1.0)),
     Mistake("sech²u written as 1 − tanh u: the square is missing", "sech²u = 1 − tanh²u.",
             lambda x: 0.5 * (1 + np.tanh(_u(x))) + 0.5 * x * (1 - np.tanh(_u(x))) * _du(x)),
     Mistake("the exact GELU′ = Φ(x) + xφ(x), not the tanh form's derivative", "this exercise "
             "differentiates the approximation ½x(1 + tanh u); the two slopes differ by up to "
             "about 1e-3.", act.gelu_derivative),
     Mistake("the tanh form itself, not its derivative", "differentiate ½x(1 + tanh u) with the "
             "product and chain rules.", lambda x: act.gelu(x, approximate="tanh"))],
    hint=_DERIVE, crash_hint=_COSH, warning_hint=_COSH, **_SHARED, atol=1e-12,
    course_version="helpers.activations.gelu_derivative"),), _derivative_summary,
    doc="Check ``gelu_tanh_derivative(x)``, the derivative of GELU's tanh form, elementwise.")
# fmt: on


# --- Exercise 1 (predict): where the tanh form's gate becomes exactly 0 -------------------------


def _gate(x: float) -> float:  # ½(1 + tanh u), computed the naive way
    return float(0.5 * (1 + np.tanh(_u(np.float64(x)))))


def _cliff() -> float:
    """The largest x at which ½(1 + tanh u) is exactly 0 in float64, by bisection on [−10, −5]."""
    zero, positive = -10.0, -5.0
    for _ in range(60):
        middle = (zero + positive) / 2
        zero, positive = (middle, positive) if _gate(middle) == 0 else (zero, middle)
    return zero


def _x_of_u(u: float) -> float:  # solve √(2/π)(x + 0.044715x³) = u (u is monotonic in x)
    low, high = -100.0, 100.0
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if _u(np.float64(middle)) < u else (low, middle)
    return low


_U_CLIFF = math.log(2.0**-55) / 2  # 2e^(2u) = 2^−54, half the spacing just above −1
_CLIFF_HINT = (
    "1 + tanh u = 2σ(2u) ≈ 2e^(2u) for very negative u; floats just above −1 are 2^−53 apart, so "
    "tanh u rounds to −1 once 2e^(2u) < 2^−54. Solve for u, then solve u = √(2/π)(x + 0.044715x³) "
    "for x (brentq, or a few bisection steps)."
)


def _not_a_number(got: object) -> str | None:
    if isinstance(got, str) or np.ndim(got) == 0:
        return None
    return tr("expected one number, got {got}", got=describe(got))


# fmt: off
check_tanh_cliff = Check((Exercise(
    "tanh_cliff", _cliff, lambda: [Case("the x below which ½(1 + tanh u) is exactly 0 in float64")],
    [Mistake("not one number", "return one number: the x of the cliff.", when=_not_a_number,
             example=lambda: [-7.2, -7.2]),
     Mistake("a positive x", "the gate ½(1 + tanh u) vanishes on the left, where tanh u → −1: "
             "the cliff is at a negative x.", lambda: -_cliff()),
     Mistake("section 2.2's cliff of ½(1 + erf), x ≈ −8.4", "that is the erf form; the tanh form "
             "has its own cliff: " + _CLIFF_HINT, lambda: -8.4),
     Mistake("the u of the cliff, not the x", "u = √(2/π)(x + 0.044715x³) ≈ −19.1 is where tanh "
             "rounds to −1; solve that equation for x.", lambda: _U_CLIFF),
     Mistake("x = u/√(2/π): the cubic term 0.044715x³ was left out when solving for x", "the cubic "
             "term dominates at |x| ≈ 7 (0.044715·7³ ≈ 15): solve the whole cubic.",
             lambda: _U_CLIFF / _C),
     Mistake("e^u instead of e^(2u): 1 + tanh u = 2σ(2u) ≈ 2e^(2u)", "tanh u = (e^(2u) − 1)/"
             "(e^(2u) + 1), so 1 + tanh u = 2e^(2u)/(1 + e^(2u)): the exponent is 2u.",
             lambda: _x_of_u(math.log(2.0**-55))),
     Mistake("the float32 cliff (floats just above −1 are 2^−24 apart there)", "the course "
             "computes in float64, where the spacing just above −1 is 2^−53.",
             lambda: _x_of_u(math.log(2.0**-26) / 2)),
     Mistake("where the tanh form is farthest from GELU (|x| ≈ 2.7)", "that is the largest "
             "error; the cliff is where the gate itself rounds to 0, much further left.",
             when=lambda got: isinstance(got, float | int) and 2.5 <= abs(got) <= 2.9,
             example=lambda: -2.7)],
    hint=_CLIFF_HINT, rtol=0.0, atol=0.1, mistake_rtol=0.0, mistake_atol=0.1),),
    lambda tanh_cliff: tr("½(1 + tanh u) is exactly 0 for x ≤ {cliff} (u ≈ {u}) in float64, as "
                          "predicted from 2e^(2u) < 2^−54.", cliff=f"{_cliff():.2f}",
                          u=f"{_u(np.float64(_cliff())):.1f}"),
    doc="Check ``tanh_cliff() -> x``, the predicted x below which GELU's tanh-form gate is 0.")
# fmt: on


# --- Exercise 3 (diagnose): where an old hard-swish backward disagrees ---------------------------

#: The test grid of exercise 3, and the older backward it compares with the course's.
KINK_GRID = np.linspace(-6.0, 6.0, 25)


def old_hard_swish_backward(x: np.ndarray) -> np.ndarray:
    """An older kernel's hard-swish slope: the middle formula on the closed interval [−3, 3]."""
    return np.where(x < -3, 0.0, np.where(x <= 3, (2 * x + 3) / 6, 1.0))


def _rows(old: Callable[..., Any], new: Callable[..., Any]) -> np.ndarray:
    a, b = old(KINK_GRID), new(KINK_GRID)
    differ = a != b
    return np.column_stack([KINK_GRID[differ], a[differ], b[differ]])


_KINKS = _rows(old_hard_swish_backward, act.hard_swish_derivative)  # [[-3, -.5, 0], [3, 1.5, 1]]


def _kink_shape(got: Any) -> str | None:
    shape = np.shape(got)
    if isinstance(got, str) or shape == (2, 3):
        return None
    return tr(
        "expected 2 rows of 3 numbers (x, old slope, course slope), got shape {shape}", shape=shape
    )


_KINK_HINT = ("read the conditions: x < -3 and x <= 3 decide which piece each grid point gets, "
              "in old_hard_swish_backward and in the course's convention (section 6).")  # fmt: skip

# fmt: off
check_kink_disagreements = Check((Exercise(
    "kink_disagreements", lambda: _KINKS,
    lambda: [Case("the grid np.linspace(-6, 6, 25), old_hard_swish_backward against the course")],
    [Mistake("one kink only", "the closed interval [−3, 3] includes both ends: at x = −3 and at "
             "x = 3 the old code uses the middle formula.", when=lambda got: np.shape(got)
             in ((1, 3), (3,)) and tr("one row: the grid holds both kinks, −3 and 3"),
             example=lambda: _KINKS[:1]),
     Mistake("no rows: the two agree everywhere", "a test failed, so they differ somewhere; look "
             "at the ends of the middle interval.", when=lambda got: np.size(got) == 0,
             example=lambda: np.zeros((0, 3))),
     Mistake("not 2 rows of 3 numbers", "return [[x, old slope, course slope], …], one row per "
             "grid point where the two differ.", when=_kink_shape, example=lambda: _KINKS.T),
     Mistake("the old and the course's slopes swapped", "the second column is the old code's "
             "slope, the third the course's.", lambda: _KINKS[:, [0, 2, 1]]),
     Mistake("the one-sided slopes' average (−0.25 and 1.25) as the old code's slope", "the old "
             "code evaluates (2x + 3)/6 at the kink itself: (2·(−3) + 3)/6 = −0.5.",
             lambda: np.array([[-3.0, -0.25, 0.0], [3.0, 1.25, 1.0]])),
     Mistake("the course's slope at x = 3 taken to be 0 (ReLU6's and the hard sigmoid's "
             "convention)", "for hard-swish the course takes the outer pieces' slopes: 0 at −3, "
             "1 at 3, where hard-swish is x.",
             lambda: np.array([[-3.0, -0.5, 0.0], [3.0, 1.5, 0.0]])),
     Mistake("the hard sigmoid's middle formula (x + 3)/6 for the old slope", "the old code "
             "returns hard-swish's middle slope, (2x + 3)/6.",
             lambda: np.array([[-3.0, 0.0, 0.0], [3.0, 1.0, 1.0]]))],
    hint=_KINK_HINT, rtol=0.0, atol=1e-9, mistake_rtol=0.0, mistake_atol=1e-6),),
    "the two disagree only at the kinks: the old code gives −0.5 at x = −3 and 1.5 at x = 3, the "
    "middle formula outside its open interval; the course gives 0 and 1.",
    doc="Check ``kink_disagreements()``, the rows (x, old slope, course slope) where "
    "``old_hard_swish_backward`` and the course's hard-swish slope differ on ``KINK_GRID``.")
# fmt: on


# --- Exercise 4 (design): an int8 range for hard-swish --------------------------------------------

_LOW = -0.375  # hard-swish's minimum, at x = −1.5


def _design(top: float, width: float | None = None, levels: int = 255, low: float = _LOW,
            rounding: Any = round, sign: int = 1) -> tuple[float, float]:  # fmt: skip
    scale = (top - low if width is None else width) / levels
    return scale, -128 + sign * rounding(-low / scale)


def _int8_design_probe(fn: Callable[..., Any], top: float) -> Any:
    got = fn(top)
    return got if isinstance(got, str) or np.shape(got) != (2,) else [float(v) for v in got]


_DESIGN_HINT = ("256 codes −128…127 make 255 steps over [−0.375, top]: S = (top + 0.375)/255. "
                "The code −128 stands for −0.375, so 0 sits 0.375/S steps above it, rounded to a "
                "whole code: Z = −128 + round(0.375/S).")  # fmt: skip

# fmt: off
check_hard_swish_int8 = Check((Exercise(
    "hard_swish_int8", lambda top: list(_design(top)),
    lambda: [Case(f"top = {top:g}", (top,)) for top in (6.0, 10.0, 2.0)],
    [Mistake("not two numbers", "return (scale, zero_point).", when=lambda got, top: np.shape(got)
             != (2,) and tr("expected two numbers (scale, zero_point), got {got}",
                            got=describe(got)),
             example=lambda top: _design(top)[0]),
     Mistake("the unsigned range [0, top] (scale top/255, zero point −128)", "hard-swish dips to "
             "−0.375 at x = −1.5: with code −128 at 0, every negative output saturates to 0.",
             lambda top: (top / 255, -128)),
     Mistake("256 in the scale: (top + 0.375)/256", "256 codes make 255 steps between the lowest "
             "and the highest: divide by 255.", lambda top: _design(top, levels=256)),
     Mistake("a zero point that is not a whole code", "the zero point is an integer code (so that "
             "0 round-trips exactly): round 0.375/S.", when=lambda got, top: np.shape(got) == (2,)
             and float(got[1]) != round(float(got[1])),
             example=lambda top: _design(top, rounding=lambda v: v)),
     Mistake("the zero point's offset subtracted: −128 − round(0.375/S)", "the code −128 stands "
             "for the lowest value, −0.375; 0 is 0.375/S codes above it.",
             lambda top: _design(top, sign=-1)),
     Mistake("zero point 0 with the asymmetric scale", "with Z = 0 the codes cover "
             "[−128·S, 127·S], about half of it below 0 where hard-swish has almost nothing.",
             lambda top: (_design(top)[0], 0)),
     Mistake("a symmetric range [−top, top] (scale 2·top/255, zero point 0)", "hard-swish never "
             "goes below −0.375, so a symmetric range wastes nearly half the codes.",
             lambda top: (2 * top / 255, 0)),
     Mistake("the range's width as top − 0.375", "the range [−0.375, top] is top − (−0.375) = "
             "top + 0.375 wide.", lambda top: _design(top, width=top - 0.375))],
    hint=_DESIGN_HINT, probe=_int8_design_probe, rtol=1e-9, atol=1e-12, mistake_rtol=1e-6,
    mistake_atol=1e-9),),
    lambda hard_swish_int8: tr("S = (top + 0.375)/255 and Z = −128 + round(0.375/S): the codes "
                               "−128…127 cover [−0.375, top] and 0 is the code Z (top = 6: "
                               "S = 0.025, Z = −113)."),
    doc="Check ``hard_swish_int8(top) -> (scale, zero_point)``, an int8 range for hard-swish's "
    "outputs [−0.375, top].")
# fmt: on
