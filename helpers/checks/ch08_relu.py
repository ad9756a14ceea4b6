"""Checks for chapter 08, "ReLU".

ReLU(x) = max(0, x) has the derivative 1 for x > 0 and 0 for x < 0; at the kink x = 0 any slope
in [0, 1] is a subgradient, and the course follows PyTorch (and TensorFlow and JAX): ReLU′(0) = 0.
A unit is *dead* on a data set when its output is 0 on every example; He initialisation draws
weights with standard deviation √(2/n_in) so that a ReLU layer keeps the variance of its input.

Exercises: 1 ``relu`` and ``relu_derivative`` (implement); 2 ``dead_unit_fraction`` (implement);
3 ``he_std`` (derive: the standard deviation for weights of shape (n_in, n_out)); 4
``uniform_limit`` (design): the limit r of U(−r, r) weights that keeps the signal alive through a
20-layer ReLU stack whose widths change from layer to layer. Exercise 4 is judged by the outcome:
the check runs the stack and measures every layer's spread, so any rule that keeps it within a
factor 3 passes, and each catalogued wrong rule is named by the spreads it produces.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from helpers.gradcheck import numerical_derivative
from helpers.i18n import tr

from ._runner import Case, Check, Exercise, Mistake, describe

__all__ = [
    "STACK_WIDTHS",
    "check_dead_unit_fraction",
    "check_he_std",
    "check_relu",
    "check_uniform_limit",
    "stack_spreads",
]

_ELEMENTWISE = "np.maximum(x, 0.0) compares every entry with 0 and keeps x's shape."
_NAMED = {"mistake_rtol": 1e-12, "mistake_atol": 0.0}  # wrong answers named only when exact
_EXACT = {"rtol": 0.0, "atol": 0.0, **_NAMED}
_INPLACE = "return a new array (np.maximum(x, 0.0) does); the caller may still need x."


# --- Exercise 1: ReLU and its derivative -------------------------------------------------------


def _relu_cases() -> list[Case]:
    rows = np.array([[-1.5, 0.0, 2.0, 1e-300], [3.0, -1e-300, -0.25, 0.75], [0.0, 1.0, -4.0, 5.0]])
    return [
        Case("x = [-2, -0.5, 0, 0.5, 2]", (np.array([-2.0, -0.5, 0.0, 0.5, 2.0]),)),
        Case(f"x of shape {rows.shape} with exact zeros and ±1e-300", (rows,)),
        Case("x = [-inf, -1, 0, 1, inf]", (np.array([-np.inf, -1.0, 0.0, 1.0, np.inf]),)),
    ]


_RELU_CRASH = (
    "Python's max(0, x) cannot compare a whole array with 0, and x * (x > 0) computes "
    "−inf · 0 = nan; " + _ELEMENTWISE
)
_WHOLE_ARRAYS = "work on whole arrays: (x > 0) is a mask of x's shape; .astype(float) makes it 0/1."


def _relu_summary(relu: object, relu_derivative) -> str:
    away = np.array([-1.7, -0.3, 0.2, 1.1])  # farther than h from the kink: differences are exact
    numerical = numerical_derivative(lambda v: np.maximum(v, 0.0), away)
    agreement = np.max(np.abs(np.asarray(relu_derivative(away), dtype=float) - numerical))
    if agreement < 1e-9:
        return tr(
            "max(0, x) elementwise with NaN kept; the derivative is the 0/1 mask, 0 at the kink "
            "(PyTorch's convention), and matches centred differences away from it "
            "(to better than 1e-9)."
        )
    return tr(
        "max(0, x) elementwise with NaN kept; the derivative is the 0/1 mask, 0 at the kink "
        "(PyTorch's convention), and matches centred differences away from it "
        "(to {agreement}).",
        agreement=f"{agreement:.0e}",
    )


# fmt: off
check_relu = Check((
    Exercise("relu", lambda x: np.maximum(x, 0.0),
             lambda: [*_relu_cases(), Case("x = [nan, -1, 1]", (np.array([np.nan, -1.0, 1.0]),))], [
        Mistake("|x|", "negative inputs become 0, not positive: max(0, x).", np.abs),
        Mistake("min(0, x), the negative part", "take the max, not the min.",
                lambda x: np.minimum(x, 0.0)),
        Mistake("x unchanged (the identity)", "negative inputs must become 0.", lambda x: x),
        Mistake("np.max(x, 0), the largest entry along axis 0",
                "np.max reduces an array along an axis; " + _ELEMENTWISE, lambda x: np.max(x, 0)),
        Mistake("relu(nan) = 0, where relu(nan) = nan is expected", "NaN in, NaN out: a NaN "
                "signals a bug upstream and must not be hidden. np.maximum propagates NaN; "
                "np.where(x > 0, x, 0.0) turns it into 0.", lambda x: np.where(x > 0, x, 0.0))],
        hint=_ELEMENTWISE, crash_hint=_RELU_CRASH, warning_hint=_RELU_CRASH,
        inplace_hint=_INPLACE, **_EXACT, course_version="helpers.activations.relu"),
    Exercise("relu_derivative", lambda x: (x > 0).astype(float), _relu_cases, [
        Mistake("1 at x = 0: (x >= 0)", "the convention (PyTorch's, TensorFlow's, JAX's) is "
                "ReLU′(0) = 0: use x > 0, not x >= 0.", lambda x: (x >= 0).astype(float)),
        Mistake("0.5 at x = 0", "0.5 is what a centred difference straddling the kink gives; "
                "the convention is ReLU′(0) = 0.",
                lambda x: np.where(x > 0, 1.0, np.where(x == 0, 0.5, 0.0))),
        Mistake("ReLU(x) itself, not its slope", "the derivative is a 0/1 mask: 1 where x > 0, "
                "0 elsewhere.", lambda x: np.maximum(x, 0.0)),
        Mistake("sign(x)", "the flat part x < 0 has slope 0, not −1.", np.sign),
        Mistake("1 everywhere (the identity's slope)", "the slope is 0 for x < 0.", np.ones_like),
        Mistake("1 for x < 0 and 0 for x > 0", "the mask is x > 0.",
                lambda x: (x < 0).astype(float))],
        hint="(x > 0).astype(float): 1 where x > 0, and 0 elsewhere, including at x = 0.",
        crash_hint=_WHOLE_ARRAYS, warning_hint=_WHOLE_ARRAYS, inplace_hint=_INPLACE,
        **_EXACT, course_version="helpers.activations.relu_derivative")),
    _relu_summary,
    doc="Check ``relu(x) = max(0, x)`` and ``relu_derivative(x)`` (1 for x > 0, else 0): exact "
    "zeros (the kink), ±1e-300, ±inf (x·(x > 0) gives −inf·0 = NaN), NaN, 2-D inputs.")
# fmt: on


# --- Exercise 2: the share of dead units -------------------------------------------------------


def _dead_cases() -> list[Case]:
    # 6 examples, 5 units: units 0 and 3 are dead, example 5 silences every unit
    hand = np.array([[0, 0, 1.2, 0, 0.3], [0, 0.7, 0.4, 0, 0], [0, 0, 2.0, 0, 1.1],
                     [0, 0, 0.9, 0, 0], [0, 0, 0.5, 0, 2.4], [0, 0, 0, 0, 0.0]])  # fmt: skip
    tiny = np.array([[0, 1e-12, 0, 0.2], [0, 0, 3.0, 0], [0, 0, 0, 0.7], [0, 0, 0.5, 0.1]])
    rng = np.random.default_rng(8)
    layer = np.maximum(rng.normal(size=(200, 2)) @ rng.normal(size=(2, 40)) - 2.0, 0.0)
    return [
        Case(f"acts of shape {hand.shape} (units 0 and 3 never active)", (hand,)),
        Case(f"acts of shape {tiny.shape} (unit 1 outputs 1e-12 once)", (tiny,)),
        Case(f"acts of shape {layer.shape} from a ReLU layer with biases shifted by -2", (layer,)),
        Case("acts of shape (3, 1), all zero", (np.zeros((3, 1)),)),
    ]


_DEAD_HINT = "np.mean(np.all(acts <= 0, axis=0)): per column, is every entry 0? Then the share."

# fmt: off
check_dead_unit_fraction = Check((Exercise(
    "dead_unit_fraction", lambda a: np.mean(np.all(a <= 0, axis=0)), _dead_cases, [
    Mistake("the share of units that are 0 on at least one example (np.any)",
            "a dead unit is silent on *every* example: np.all over the examples.",
            lambda a: np.mean(np.any(a <= 0, axis=0))),
    Mistake("the share of examples (rows) on which every unit is silent", "units are columns, "
            "examples are rows: reduce over axis=0.", lambda a: np.mean(np.all(a <= 0, axis=1))),
    Mistake("the share of all entries that are 0 (the sparsity)", "sparsity counts single "
            "zeros; a unit is dead only when its whole column is 0.", lambda a: np.mean(a <= 0)),
    Mistake("the number of dead units, not their share", "divide by the number of units: "
            "np.mean does it for you.", lambda a: np.sum(np.all(a <= 0, axis=0))),
    Mistake("the number of dead units divided by the number of examples", "divide by the number "
            "of units (columns), a.shape[1].", lambda a: np.sum(np.all(a <= 0, axis=0)) / len(a)),
    Mistake("the share of live units", "that is 1 minus the answer: count the units that are "
            "never active.", lambda a: np.mean(np.any(a > 0, axis=0))),
    Mistake("the share of units with a negative output", "ReLU outputs are never negative: a "
            "silent unit outputs exactly 0, so test a <= 0.",
            lambda a: np.mean(np.all(a < 0, axis=0))),
    Mistake("a count that treats tiny positive outputs as 0", "an output of 1e-12 is still active "
            "(its unit gets a gradient): test a <= 0 exactly.",
            lambda a: np.mean(np.all(np.isclose(a, 0.0), axis=0))),
    Mistake("one True/False per unit", "return a single number: the mean of that mask.",
            lambda a: np.all(a <= 0, axis=0))],
    hint=_DEAD_HINT, warning_hint=_DEAD_HINT, inplace_hint=_INPLACE, rtol=1e-12, **_NAMED,
    course_version="helpers.training.dead_unit_fraction"),),
    "the share of units silent on every example, in 4 layers (one fully dead).",
    doc="Check ``dead_unit_fraction(acts) -> float``: the share of units (columns) of a ReLU "
    "layer's output ``acts`` (examples × units) that are 0 on every example (row).")
# fmt: on


# --- Exercise 3: the standard deviation of He initialisation -----------------------------------

_HE_HINT = "Var(w) = 2/n_in keeps Var(z) constant through ReLU layers; return its square root."
_SQRT_WHOLE = "the square root covers the whole 2/n_in."


def _spread_after(gain: float, depth: int = 20, width: int = 100) -> float:
    """std of the last pre-activations over the first layer's, in a ReLU stack of ``depth``
    square layers with N(0, gain/width) weights and zero biases, on 200 Gaussian inputs."""
    rng = np.random.default_rng(3)
    std = np.sqrt(gain / width)
    z = first = rng.normal(size=(200, width)) @ rng.normal(0.0, std, size=(width, width))
    for _ in range(depth - 1):
        z = np.maximum(z, 0.0) @ rng.normal(0.0, std, size=(width, width))
    return float(np.std(z) / np.std(first))


def _he_summary(he_std: object) -> str:
    he, glorot = _spread_after(2.0), _spread_after(1.0)  # Var(w) = 2/n (He) or 1/n (Glorot)
    return tr(
        "√(2/n_in) for 4 layer shapes. In a 20-layer ReLU stack of width 100 it keeps the "
        "pre-activation spread at {he}× the first layer's (with Glorot's variance, 1/n for "
        "square layers: {glorot}×).",
        he=f"{he:.1f}",
        glorot=f"{glorot:.1e}",
    )


# fmt: off
check_he_std = Check((Exercise(
    "he_std", lambda n_in, n_out: np.sqrt(2.0 / n_in),
    # No two of the formulas below agree on these shapes, so each mistake is named.
    lambda: [Case(f"n_in = {n_in}, n_out = {n_out}", (n_in, n_out))
             for n_in, n_out in [(96, 40), (30, 200), (12, 64), (784, 256)]], [
    Mistake("one number", _HE_HINT,
            when=lambda got, *_: np.ndim(got) != 0
            and tr("expected one number, got shape {shape}", shape=np.shape(got)),
            example=lambda n_in, n_out: np.full(n_out, np.sqrt(2.0 / n_in))),
    Mistake("2/n_in, the variance", "the standard deviation is its square root.",
            lambda n_in, n_out: 2.0 / n_in),
    Mistake("√(1/n_in), LeCun's standard deviation", "ReLU zeroes about half of its inputs, "
            "halving E[a²]; the factor 2 makes up for it.", lambda n_in, n_out: np.sqrt(1 / n_in)),
    Mistake("√(2/n_out): the fan-out instead of the fan-in", "each unit sums n_in inputs, so the "
            "forward variance depends on the fan-in n_in.", lambda n_in, n_out: np.sqrt(2 / n_out)),
    Mistake("√(2/(n_in + n_out)), Glorot's standard deviation", "Glorot's compromise suits tanh; "
            "for ReLU use the fan-in with the factor 2: √(2/n_in).",
            lambda n_in, n_out: np.sqrt(2.0 / (n_in + n_out))),
    Mistake("√(6/(n_in + n_out)), the Glorot uniform limit", "that is the half-width of Glorot's "
            "uniform range; He's normal std is √(2/n_in).",
            lambda n_in, n_out: np.sqrt(6.0 / (n_in + n_out))),
    Mistake("√(6/n_in), the half-width of He's uniform range", "U(−r, r) has std r/√3; the "
            "standard deviation itself is √(2/n_in).", lambda n_in, n_out: np.sqrt(6.0 / n_in)),
    Mistake("√2/n_in", _SQRT_WHOLE, lambda n_in, n_out: np.sqrt(2.0) / n_in),
    Mistake("2/√n_in", _SQRT_WHOLE, lambda n_in, n_out: 2.0 / np.sqrt(n_in)),
    Mistake("√(n_in/2), upside down", "the std is √(2/n_in).",
            lambda n_in, n_out: np.sqrt(n_in / 2.0))],
    hint=_HE_HINT, warning_hint=_HE_HINT, rtol=1e-9, **_NAMED),),
    _he_summary,
    doc="Check ``he_std(n_in, n_out) -> float``, the standard deviation √(2/n_in) of He normal "
    "initialisation for weights of shape (n_in, n_out); the shapes are not square, so a fan-out "
    "or Glorot formula cannot pass by coincidence.")
# fmt: on


# --- Exercise 4 (design): a uniform initialisation that keeps 20 ReLU layers alive -------------

#: The widths of the 21 layers of the design exercise's stack: 20 ReLU layers, none square, so a
#: rule that confuses the fan-in with the fan-out is tested too.
STACK_WIDTHS = (120, 60, 150, 80, 200, 50, 100, 160, 70, 120, 90,
                180, 60, 140, 100, 50, 200, 80, 130, 70, 120)  # fmt: skip
_KEEP = 3.0  # every layer's spread must stay within this factor of the first layer's


def stack_spreads(uniform_limit: Any) -> tuple[np.ndarray, np.ndarray]:
    """Draw every layer's weights from U(−r, r), r = uniform_limit(n_in, n_out), run 200
    standard-normal inputs through the 20 ReLU layers (zero biases) and return the limits and
    the spread (std) of each layer's pre-activations z, divided by the first layer's."""
    rng = np.random.default_rng(0)
    a = rng.normal(size=(200, STACK_WIDTHS[0]))
    limits, spreads = [], []
    for n_in, n_out in itertools.pairwise(STACK_WIDTHS):
        r = uniform_limit(n_in, n_out)
        if r is None:
            raise TypeError(
                tr(
                    "uniform_limit({n_in}, {n_out}) returned None: did you forget return?",
                    n_in=n_in,
                    n_out=n_out,
                )
            )
        if np.ndim(r) != 0:
            raise TypeError(
                tr(
                    "uniform_limit({n_in}, {n_out}) returned an array of shape "
                    "{shape}; expected one number, the limit r",
                    n_in=n_in,
                    n_out=n_out,
                    shape=np.shape(r),
                )
            )
        limits.append(float(r))
        z = a @ (float(r) * rng.uniform(-1.0, 1.0, size=(n_in, n_out)))
        spreads.append(float(np.std(z)))
        a = np.maximum(z, 0.0)
    return np.array(limits), np.array(spreads) / spreads[0]


_UNIFORM_HINT = (
    "U(−r, r) has variance r²/3, and a ReLU layer keeps the spread of z when "
    "Var(w) = 2/n_in (section 5): solve r²/3 = 2/n_in for r."
)


def _keeps_alive(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    """Judge by the outcome: every layer's spread within _KEEP× of the first layer's."""
    shown = tr(case.shown)
    try:
        limits, spreads = (np.asarray(part, dtype=float) for part in got)
    except (TypeError, ValueError):
        text = tr(
            "for {shown} the stack could not be run with {got}.", shown=shown, got=describe(got)
        )
        return text, None
    if spreads.shape != (len(STACK_WIDTHS) - 1,) or not np.all(np.isfinite(spreads)):
        text = tr(
            "for {shown} the spreads are not finite: {spreads}.",
            shown=shown,
            spreads=describe(spreads),
        )
        return text, _UNIFORM_HINT
    if np.all((spreads >= 1 / _KEEP) & (spreads <= _KEEP)):
        return None
    worst = int(np.argmax(np.abs(np.log(np.maximum(spreads, 1e-300)))))
    fields = {
        "shown": shown,
        "layer": worst + 1,
        "n_in": STACK_WIDTHS[worst],
        "r": f"{limits[worst]:.4g}",
        "spread": f"{spreads[worst]:.3g}",
        "keep": f"{_KEEP:g}",
    }
    if spreads[worst] > 1:
        text = tr(
            "for {shown} the signal grows: in layer {layer} (n_in = {n_in}, your r = {r}) the "
            "spread of z is {spread}× the first layer's, and it must stay between 1/{keep}× and "
            "{keep}× in every layer.",
            **fields,
        )
    else:
        text = tr(
            "for {shown} the signal shrinks: in layer {layer} (n_in = {n_in}, your r = {r}) the "
            "spread of z is {spread}× the first layer's, and it must stay between 1/{keep}× and "
            "{keep}× in every layer.",
            **fields,
        )
    return text, _UNIFORM_HINT


def _alive_summary(uniform_limit: Any) -> str:
    _, spreads = stack_spreads(uniform_limit)
    return tr(
        "through all 20 ReLU layers the spread of z stays between {low}× and {high}× the first "
        "layer's (allowed: 1/{keep}× to {keep}×).",
        low=f"{spreads.min():.2f}",
        high=f"{spreads.max():.2f}",
        keep=f"{_KEEP:g}",
    )


_PER_LAYER = "per layer the variance of z is multiplied by n_in·Var(w)/2 = n_in·r²/6"
# fmt: off
check_uniform_limit = Check((Exercise(
    "uniform_limit", lambda n_in, n_out: np.sqrt(6.0 / n_in),
    lambda: [Case("the 20-layer ReLU stack with widths 120, 60, 150, …, 70, 120",
                  ())], [
    Mistake("√(2/n_in), He's normal standard deviation, used as the limit",
            f"U(−r, r) has standard deviation r/√3, not r: {_PER_LAYER} = 1/3 here.",
            lambda n_in, n_out: np.sqrt(2.0 / n_in)),
    Mistake("√(3/n_in), the uniform limit for Var(w) = 1/n_in (LeCun's)",
            f"ReLU zeroes half of its inputs, halving E[a²]: {_PER_LAYER} = ½ here; the factor "
            "2 makes up for it.", lambda n_in, n_out: np.sqrt(3.0 / n_in)),
    Mistake("√(6/(n_in + n_out)), Glorot's uniform limit", "Glorot's compromise halves the "
            f"variance in a ReLU layer, more where n_out > n_in: {_PER_LAYER}; use the fan-in "
            "alone.", lambda n_in, n_out: np.sqrt(6.0 / (n_in + n_out))),
    Mistake("1/√n_in, the default of PyTorch's nn.Linear", "that limit gives Var(w) = "
            f"1/(3·n_in): {_PER_LAYER} = 1/6 here.", lambda n_in, n_out: 1.0 / np.sqrt(n_in)),
    Mistake("6/n_in, without the square root", "the limit is a square root: r² = 6/n_in.",
            lambda n_in, n_out: 6.0 / n_in),
    Mistake("√6/n_in", "the square root covers the whole 6/n_in.",
            lambda n_in, n_out: np.sqrt(6.0) / n_in)],
    hint=_UNIFORM_HINT, crash_hint=_UNIFORM_HINT, warning_hint=_UNIFORM_HINT,
    probe=stack_spreads, compare=_keeps_alive, **_NAMED),),
    _alive_summary,
    doc="Check ``uniform_limit(n_in, n_out) -> r`` (design): weights drawn from U(−r, r) must "
    "keep the spread of the pre-activations within a factor 3 of the first layer's in all 20 "
    "ReLU layers of a stack with widths STACK_WIDTHS; judged by running the stack.")
# fmt: on
