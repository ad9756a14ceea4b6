"""Checks for chapter 08, "ReLU".

ReLU(x) = max(0, x) has the derivative 1 for x > 0 and 0 for x < 0; at the kink x = 0 any slope
in [0, 1] is a subgradient, and the course follows PyTorch (and TensorFlow and JAX): ReLU′(0) = 0.
A unit is *dead* on a data set when its output is 0 on every example; He initialisation draws
weights with standard deviation √(2/n_in) so that a ReLU layer keeps the variance of its input.

Each check compares the learner's answer with the right one and, when they differ, with the usual
wrong answers (x ≥ 0 instead of x > 0, a reduction along the wrong axis, the variance instead of
the standard deviation, Glorot's formula ...), so the message names the mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from helpers.gradcheck import numerical_derivative

from ._core import call_with_hint, expect_close, fail, name_mistake, passed

__all__ = ["check_dead_unit_fraction", "check_he_std", "check_relu"]

Mistake = tuple[str, Callable[[np.ndarray], Any], str]  # what it is, how to compute it, the hint

_ELEMENTWISE = "np.maximum(x, 0.0) compares every entry with 0 and keeps x's shape."


_diagnose = partial(name_mistake, rtol=1e-12, atol=0.0)


def _unchanged(exercise: str, x: np.ndarray, original: np.ndarray, shown: str) -> None:
    if not np.array_equal(x, original, equal_nan=True):
        fail(
            exercise,
            f"for {shown} the function changed its input array in place.",
            "return a new array (np.maximum(x, 0.0) does); the caller may still need x.",
        )


# --- Exercise 1: ReLU and its derivative -------------------------------------------------------

_RELU_MISTAKES: list[Mistake] = [
    ("|x|", np.abs, "negative inputs become 0, not positive: max(0, x)."),
    ("min(0, x), the negative part", lambda x: np.minimum(x, 0.0), "take the max, not the min."),
    ("x unchanged (the identity)", lambda x: x, "negative inputs must become 0."),
    (
        "np.max(x, 0), the largest entry along axis 0",
        lambda x: np.max(x, 0),
        "np.max reduces an array along an axis; " + _ELEMENTWISE,
    ),
]

_SLOPE_MISTAKES: list[Mistake] = [
    (
        "1 at x = 0: (x >= 0)",
        lambda x: (x >= 0).astype(float),
        "the convention (PyTorch's, TensorFlow's, JAX's) is ReLU′(0) = 0: use x > 0, not x >= 0.",
    ),
    (
        "0.5 at x = 0",
        lambda x: np.where(x > 0, 1.0, np.where(x == 0, 0.5, 0.0)),
        "0.5 is what a centred difference straddling the kink gives; the convention is "
        "ReLU′(0) = 0.",
    ),
    (
        "ReLU(x) itself, not its slope",
        lambda x: np.maximum(x, 0.0),
        "the derivative is a 0/1 mask: 1 where x > 0, 0 elsewhere.",
    ),
    ("sign(x)", np.sign, "the flat part x < 0 has slope 0, not −1."),
    ("1 everywhere (the identity's slope)", np.ones_like, "the slope is 0 for x < 0."),
    ("1 for x < 0 and 0 for x > 0", lambda x: (x < 0).astype(float), "the mask is x > 0."),
]


def _relu_cases() -> list[tuple[str, np.ndarray]]:
    grid = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    rows = np.array([[-1.5, 0.0, 2.0, 1e-300], [3.0, -1e-300, -0.25, 0.75], [0.0, 1.0, -4.0, 5.0]])
    specials = np.array([-np.inf, -1.0, 0.0, 1.0, np.inf])
    return [
        ("x = [-2, -0.5, 0, 0.5, 2]", grid),
        (f"x of shape {rows.shape} with exact zeros and ±1e-300", rows),
        ("x = [-inf, -1, 0, 1, inf]", specials),
    ]


def _crash_hint(exercise: str) -> str:
    if exercise == "relu":
        return (
            "Python's max(0, x) cannot compare a whole array with 0, and x * (x > 0) computes "
            "−inf · 0 = nan; " + _ELEMENTWISE
        )
    return "work on whole arrays: (x > 0) is a mask of x's shape; .astype(float) makes it 0/1."


def check_relu(relu: Callable[..., Any], relu_derivative: Callable[..., Any]) -> None:
    """Check ``relu(x) = max(0, x)`` and ``relu_derivative(x)`` (1 for x > 0, else 0) elementwise.

    Inputs include 2-D arrays (a reduction such as np.max(x, 0) changes the shape), exact zeros
    (the kink: the derivative must be 0 there), ±1e-300 (any threshold other than 0 is wrong),
    ±inf (x * (x > 0) makes −inf·0 = NaN) and NaN for the forward pass (NaN in, NaN out).
    Neither function may change its input array.
    """
    for exercise, fn, mistakes, reference, hint in (
        ("relu", relu, _RELU_MISTAKES, lambda x: np.maximum(x, 0.0), _ELEMENTWISE),
        (
            "relu_derivative",
            relu_derivative,
            _SLOPE_MISTAKES,
            lambda x: (x > 0).astype(float),
            "(x > 0).astype(float): 1 where x > 0, and 0 elsewhere, including at x = 0.",
        ),
    ):
        for shown, x in _relu_cases():
            given = x.copy()
            got = call_with_hint(exercise, fn, given, shown=shown, hint=_crash_hint(exercise))
            _unchanged(exercise, given, x, shown)
            expected = reference(x)
            _diagnose(exercise, got, expected, shown, mistakes, x)
            expect_close(exercise, got, expected, shown=shown, rtol=0.0, atol=0.0, hint=hint)
    shown = "x = [nan, -1, 1]"
    got = call_with_hint(
        "relu", relu, np.array([np.nan, -1.0, 1.0]), shown=shown, hint=_crash_hint("relu")
    )
    if not np.isnan(np.asarray(got, dtype=float).ravel()[0]):
        fail(
            "relu",
            f"for {shown} expected relu(nan) = nan, got {np.asarray(got, dtype=float).ravel()[0]}.",
            "NaN in, NaN out: a NaN signals a bug upstream and must not be hidden. np.maximum "
            "propagates NaN; np.where(x > 0, x, 0.0) turns it into 0.",
        )
    away = np.array([-1.7, -0.3, 0.2, 1.1])  # farther than h from the kink: differences are exact
    numerical = numerical_derivative(lambda v: np.maximum(v, 0.0), away)
    agreement = np.max(np.abs(np.asarray(relu_derivative(away), dtype=float) - numerical))
    passed(
        "relu",
        "max(0, x) elementwise with NaN kept; the derivative is the 0/1 mask, 0 at the kink "
        f"(PyTorch's convention), and matches centred differences away from it "
        f"({'to better than 1e-9' if agreement < 1e-9 else f'to {agreement:.0e}'}).",
    )


# --- Exercise 2: the share of dead units -------------------------------------------------------

_DEAD_MISTAKES: list[Mistake] = [
    (
        "the share of units that are 0 on at least one example (np.any)",
        lambda a: np.mean(np.any(a <= 0, axis=0)),
        "a dead unit is silent on *every* example: np.all over the examples.",
    ),
    (
        "the share of examples (rows) on which every unit is silent",
        lambda a: np.mean(np.all(a <= 0, axis=1)),
        "units are columns, examples are rows: reduce over axis=0.",
    ),
    (
        "the share of all entries that are 0 (the sparsity)",
        lambda a: np.mean(a <= 0),
        "sparsity counts single zeros; a unit is dead only when its whole column is 0.",
    ),
    (
        "the number of dead units, not their share",
        lambda a: np.sum(np.all(a <= 0, axis=0)),
        "divide by the number of units: np.mean does it for you.",
    ),
    (
        "the number of dead units divided by the number of examples",
        lambda a: np.sum(np.all(a <= 0, axis=0)) / a.shape[0],
        "divide by the number of units (columns), a.shape[1].",
    ),
    (
        "the share of live units",
        lambda a: np.mean(np.any(a > 0, axis=0)),
        "that is 1 minus the answer: count the units that are never active.",
    ),
    (
        "the share of units with a negative output",
        lambda a: np.mean(np.all(a < 0, axis=0)),
        "ReLU outputs are never negative: a silent unit outputs exactly 0, so test a <= 0.",
    ),
    (
        "a count that treats tiny positive outputs as 0",
        lambda a: np.mean(np.all(np.isclose(a, 0.0), axis=0)),
        "an output of 1e-12 is still active (its unit gets a gradient): test a <= 0 exactly.",
    ),
    (
        "one True/False per unit",
        lambda a: np.all(a <= 0, axis=0),
        "return a single number: the mean of that mask.",
    ),
]


def _dead_cases() -> list[tuple[str, np.ndarray]]:
    hand = np.array(
        [
            [0.0, 0.0, 1.2, 0.0, 0.3],
            [0.0, 0.7, 0.4, 0.0, 0.0],
            [0.0, 0.0, 2.0, 0.0, 1.1],
            [0.0, 0.0, 0.9, 0.0, 0.0],
            [0.0, 0.0, 0.5, 0.0, 2.4],
            [0.0, 0.0, 0.0, 0.0, 0.0],
        ]
    )  # 6 examples, 5 units: units 0 and 3 are dead, example 5 silences every unit
    tiny = np.array(
        [[0.0, 1e-12, 0.0, 0.2], [0.0, 0.0, 3.0, 0.0], [0.0, 0.0, 0.0, 0.7], [0.0, 0.0, 0.5, 0.1]]
    )
    rng = np.random.default_rng(8)
    layer = np.maximum(rng.normal(size=(200, 2)) @ rng.normal(size=(2, 40)) - 2.0, 0.0)
    return [
        (f"acts of shape {hand.shape} (units 0 and 3 never active)", hand),
        (f"acts of shape {tiny.shape} (unit 1 outputs 1e-12 once)", tiny),
        (f"acts of shape {layer.shape} from a ReLU layer with biases shifted by -2", layer),
        ("acts of shape (3, 1), all zero", np.zeros((3, 1))),
    ]


def check_dead_unit_fraction(dead_unit_fraction: Callable[..., Any]) -> None:
    """Check ``dead_unit_fraction(acts) -> float``: the share of units (columns) of a ReLU layer's
    output ``acts`` (examples × units) that are 0 on every example (row)."""
    exercise = "dead_unit_fraction"
    hint = "np.mean(np.all(acts <= 0, axis=0)): per column, is every entry 0? Then the share."
    for shown, acts in _dead_cases():
        given = acts.copy()
        got = call_with_hint(exercise, dead_unit_fraction, given, shown=shown, hint=hint)
        _unchanged(exercise, given, acts, shown)
        expected = np.mean(np.all(acts <= 0, axis=0))
        _diagnose(exercise, got, expected, shown, _DEAD_MISTAKES, acts)
        expect_close(exercise, got, expected, shown=shown, rtol=1e-12, hint=hint)
    passed(exercise, "the share of units silent on every example, in 4 layers (one fully dead).")


# --- Exercise 3: the standard deviation of He initialisation -----------------------------------

_HE_MISTAKES: list[Mistake] = [
    ("2/n_in, the variance", lambda s: 2.0 / s[0], "the standard deviation is its square root."),
    (
        "√(1/n_in), LeCun's standard deviation",
        lambda s: np.sqrt(1.0 / s[0]),
        "ReLU zeroes about half of its inputs, halving E[a²]; the factor 2 makes up for it.",
    ),
    (
        "√(2/n_out): the fan-out instead of the fan-in",
        lambda s: np.sqrt(2.0 / s[1]),
        "each unit sums n_in inputs, so the forward variance depends on the fan-in n_in.",
    ),
    (
        "√(2/(n_in + n_out)), Glorot's standard deviation",
        lambda s: np.sqrt(2.0 / (s[0] + s[1])),
        "Glorot's compromise suits tanh; for ReLU use the fan-in with the factor 2: √(2/n_in).",
    ),
    (
        "√(6/(n_in + n_out)), the Glorot uniform limit",
        lambda s: np.sqrt(6.0 / (s[0] + s[1])),
        "that is the half-width of Glorot's uniform range; He's normal std is √(2/n_in).",
    ),
    (
        "√(6/n_in), the half-width of He's uniform range",
        lambda s: np.sqrt(6.0 / s[0]),
        "U(−r, r) has std r/√3; the standard deviation itself is √(2/n_in).",
    ),
    ("√2/n_in", lambda s: np.sqrt(2.0) / s[0], "the square root covers the whole 2/n_in."),
    ("2/√n_in", lambda s: 2.0 / np.sqrt(s[0]), "the square root covers the whole 2/n_in."),
    ("√(n_in/2), upside down", lambda s: np.sqrt(s[0] / 2.0), "the std is √(2/n_in)."),
]


def _spread_after(gain: float, depth: int = 20, width: int = 100) -> float:
    """std of the last pre-activations over the first layer's, in a ReLU stack of ``depth``
    square layers with N(0, gain/width) weights and zero biases, on 200 Gaussian inputs."""
    rng = np.random.default_rng(3)
    std = np.sqrt(gain / width)
    z = first = rng.normal(size=(200, width)) @ rng.normal(0.0, std, size=(width, width))
    for _ in range(depth - 1):
        z = np.maximum(z, 0.0) @ rng.normal(0.0, std, size=(width, width))
    return float(np.std(z) / np.std(first))


def check_he_std(he_std: Callable[..., Any]) -> None:
    """Check ``he_std(n_in, n_out) -> float``, the standard deviation √(2/n_in) of He normal
    initialisation for a weight matrix of shape (n_in, n_out). The shapes are not square, so a
    fan-out or Glorot formula cannot pass by coincidence."""
    exercise = "he_std"
    hint = "Var(w) = 2/n_in keeps Var(z) constant through ReLU layers; return its square root."
    # No two of the formulas below agree on these shapes, so each mistake is named.
    for shape in [(96, 40), (30, 200), (12, 64), (784, 256)]:
        shown = f"n_in = {shape[0]}, n_out = {shape[1]}"
        got = call_with_hint(exercise, he_std, *shape, shown=shown, hint=hint)
        expected = np.sqrt(2.0 / shape[0])
        if np.ndim(got) != 0:
            fail(exercise, f"for {shown} expected one number, got shape {np.shape(got)}.", hint)
        _diagnose(exercise, got, expected, shown, _HE_MISTAKES, np.array(shape, dtype=float))
        expect_close(exercise, got, expected, shown=shown, rtol=1e-9, hint=hint)
    he, glorot = _spread_after(2.0), _spread_after(1.0)  # Var(w) = 2/n (He) or 1/n (Glorot)
    passed(
        exercise,
        f"√(2/n_in) for 4 layer shapes. In a 20-layer ReLU stack of width 100 it keeps the "
        f"pre-activation spread at {he:.1f}× the first layer's (with Glorot's variance, 1/n for "
        f"square layers: {glorot:.1e}×).",
    )
