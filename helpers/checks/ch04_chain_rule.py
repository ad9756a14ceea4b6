"""Checks for chapter 04, "The chain rule". A node passes ∂L/∂input = (∂out/∂input) · upstream to
each input, upstream = ∂L/∂out: a + b copies upstream to both, a · b sends b · upstream to a and
a · upstream to b, a / b sends upstream / b to a and −a · upstream / b² to b;
(f∘g)'(x) = f'(g(x)) · g'(x); for L = (σ(w·x + b) − y)², ∂L/∂z = 2(a − y)σ'(z),
∂L/∂w = ∂L/∂z · x and ∂L/∂b = ∂L/∂z. Every expected answer is measured by centred differences
(``helpers.gradcheck``), the test the chapter applies to its own autodiff engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import sigmoid, sigmoid_derivative
from helpers.gradcheck import numerical_derivative, numerical_gradient
from helpers.i18n import tr

from ._runner import SHAPE_HINT, Case, Check, Exercise, Mistake, compare_numbers, matches

__all__ = [
    "check_add_backward",
    "check_composite_derivative",
    "check_divide_backward",
    "check_multiply_backward",
    "check_neuron_gradients",
]

# Centred differences in float64 are good to about 1e-10 here; 1e-6 leaves a wide margin while
# every wrong answer below is off by far more.
_TOLERANCES = {"rtol": 1e-6, "atol": 1e-9}
_LABEL = "{part} ({shown}; expected = centred difference)"  # a part of the answer, in messages


def _describe(value: Any) -> str:
    array = np.asarray(value, dtype=float)
    return np.array2string(array, precision=4, separator=", ") if array.ndim else f"{array:g}"


def _pair(names: str) -> Mistake:
    return Mistake(f"not a pair ({names})", f"end the function with `return {names}`.",
                   when=lambda got, *_: not (isinstance(got, (tuple, list)) and len(got) == 2)
                   and tr("expected a pair ({names}), got {kind}", names=names,
                          kind=type(got).__name__),
                   example=lambda *args: 0.0)  # fmt: skip


# --- Exercise 1: backward of an add node and of a multiply node --------------------------------


def _gate_cases() -> list[Case]:
    rows = [
        (2.0, -3.0, 0.5),
        (-1.5, 4.0, -2.0),
        (np.array([0.5, -2.0, 3.0]), np.array([1.5, 0.25, -1.0]), np.array([-0.7, 1.3, 2.0])),
    ]
    return [Case("a = {}, b = {}, upstream = {}".format(*map(_describe, r)), r) for r in rows]


def _gate(name: str, node: Callable, rule: str, mistakes: list[Mistake], doc: str,
          hint: str | None = None) -> Check:  # fmt: skip
    """``hint`` (default: the rule) is what a wrong answer is told; a *derive* exercise gives a
    way to the rule instead of the rule itself, which only the ✓ line then shows."""

    def numerically(a: Any, b: Any, upstream: Any) -> tuple[Any, Any]:
        # L = Σ upstream · node(a, b): the simplest loss whose gradient at out is upstream
        point = np.stack(np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float)))
        grad = numerical_gradient(lambda p: np.sum(upstream * node(p[0], p[1])), point)
        return grad[0], grad[1]

    hint = hint or rule
    crash = f"use only arithmetic on a, b and upstream (it then works for arrays too): {hint}"
    return Check((Exercise(name, numerically, _gate_cases, [_pair("grad_a, grad_b"), *mistakes],
                           hint=hint, crash_hint=crash, warning_hint=crash, **_TOLERANCES,
                           parts=("grad_a", "grad_b"), part_label=_LABEL),),
                 f"matches centred differences in all 3 cases, arrays included ({rule}).",
                 doc=f"Check ``{name}(a, b, upstream)``: {doc}")  # fmt: skip


# fmt: off
_NO_UPSTREAM = ("multiply each local derivative by upstream (= ∂L/∂out): the chain rule is local "
                "derivative × upstream gradient.")
check_add_backward = _gate("add_backward", lambda a, b: a + b,
    "∂L/∂a = 1 · upstream and ∂L/∂b = 1 · upstream", [
    Mistake("(upstream / 2, upstream / 2): the gradient was split in half", "an add node copies "
            "upstream to each input unchanged, because ∂(a + b)/∂a = 1: nudge a by ε and out moves "
            "by ε, whatever b does. Each input gets its full share, weighted by its local slope "
            "(here 1).", lambda a, b, g: (g / 2, g / 2)),
    Mistake("(1, 1): the local derivatives, without the upstream factor", _NO_UPSTREAM,
            lambda a, b, g: (np.ones_like(g), np.ones_like(g))),
    Mistake("(b · upstream, a · upstream): the multiply rule", "that is the backward of a · b. "
            "For a + b the local derivatives are both 1.", lambda a, b, g: (b * g, a * g)),
    Mistake("(a · upstream, b · upstream)", "the local derivative of a + b does not depend on a "
            "or b: it is 1 for both.", lambda a, b, g: (a * g, b * g)),
    Mistake("(upstream, -upstream): the rule for a - b", "∂(a + b)/∂b = +1; the minus sign "
            "belongs to subtraction.", lambda a, b, g: (g, -g)),
    Mistake("(upstream, 0): only the first input received a gradient", "both inputs influence "
            "out, so both receive upstream.", lambda a, b, g: (g, 0 * g)),
    Mistake("(-upstream, -upstream): a sign error", "increasing a increases a + b: the gradient "
            "keeps upstream's sign.", lambda a, b, g: (-g, -g)),
], "(grad_a, grad_b) for out = a + b: an add node copies upstream to both inputs.")

check_multiply_backward = _gate("multiply_backward", lambda a, b: a * b,
    "∂L/∂a = b · upstream and ∂L/∂b = a · upstream", [
    Mistake("(b, a): the local derivatives, without the upstream factor", _NO_UPSTREAM,
            lambda a, b, g: (b, a)),
    Mistake("(a · upstream, b · upstream): the inputs are swapped", "∂(a·b)/∂a = b: each input's "
            "gradient uses the OTHER input's value.", lambda a, b, g: (a * g, b * g)),
    Mistake("(-b · upstream, -a · upstream): a sign error", "no minus sign appears: "
            "∂(a·b)/∂a = +b.", lambda a, b, g: (-b * g, -a * g)),
    Mistake("(upstream, upstream): the add rule", "that is the backward of a + b; a product "
            "scales upstream by the other factor.", lambda a, b, g: (g, g)),
    Mistake("(a · b · upstream, a · b · upstream): the output instead of the local derivative",
            "the local derivative of out = a·b with respect to a is b, not a·b.",
            lambda a, b, g: (a * b * g, a * b * g)),
], "(grad_a, grad_b) for out = a · b: each input receives the OTHER input times upstream.")

# Exercise 4 (derive): no formula for the divide node is printed before it; the hint for a wrong
# answer is a way to derive it (a/b = a · b⁻¹), and only the ✓ line states the result.
_DIVIDE_WAY = ("write a / b = a · b⁻¹: the multiply rule gives each factor the other factor × "
               "upstream, and the power rule gives d(b⁻¹)/db = −b⁻². Check your result with a "
               "centred difference of a / b at one point.")
check_divide_backward = _gate("divide_backward", lambda a, b: a / b,
    "∂L/∂a = upstream / b and ∂L/∂b = −a · upstream / b²", [
    Mistake("(1/b, −a/b²): the local derivatives, without the upstream factor", _NO_UPSTREAM,
            lambda a, b, g: (1 / b + 0 * g, -a / b**2 + 0 * g)),
    Mistake("grad_b = +a · upstream / b²: the sign of ∂(a/b)/∂b is lost", "a larger b makes a / b "
            "smaller when a / b > 0: d(b⁻¹)/db = −b⁻² carries a minus sign.",
            lambda a, b, g: a * g / b**2, part="grad_b"),
    Mistake("grad_b = −upstream / b²: the factor a is missing", "a / b = a · b⁻¹: the gradient of "
            "the factor b⁻¹ is multiplied by the OTHER factor, a.",
            lambda a, b, g: -g / b**2, part="grad_b"),
    Mistake("grad_b = −a · upstream / b: b appears once where b² belongs", "the power rule gives "
            "d(b⁻¹)/db = −1 · b⁻², not −b⁻¹.", lambda a, b, g: -a * g / b, part="grad_b"),
    Mistake("grad_b = −upstream / b: the slope of ln b (or of 1/b's own value)", "d(b⁻¹)/db = "
            "−b⁻²; then multiply by a (the other factor) and by upstream.",
            lambda a, b, g: -g / b, part="grad_b"),
    Mistake("grad_a = b · upstream: the multiply rule", "out = a · b⁻¹, so a's local derivative is "
            "the other factor, b⁻¹, not b.", lambda a, b, g: b * g, part="grad_a"),
    Mistake("(−a · upstream / b², upstream / b): the two gradients are swapped",
            "return grad_a (for the numerator a) first, then grad_b (for the denominator b).",
            lambda a, b, g: (-a * g / b**2, g / b)),
], "(grad_a, grad_b) for out = a / b, derived and checked by centred differences.",
    hint=_DIVIDE_WAY)
# fmt: on


# --- Exercise 2: the derivative of a composite f(g(x)) -----------------------------------------


def _composite_cases() -> list[Case]:
    rows = [  # name, f', g, g', x
        ("f = sin, g(x) = x²", np.cos, np.square, lambda x: 2 * x, np.linspace(-2, 2, 9)),
        ("f = sigmoid, g(x) = 3x - 1", sigmoid_derivative, lambda x: 3 * x - 1,
         lambda x: np.full_like(x, 3.0), np.linspace(-1.5, 1.5, 7)),
        ("f = exp, g = sin", np.exp, np.sin, np.cos, np.linspace(-3, 3, 7)),
        ("f = log, g(x) = 1 + x²", np.reciprocal, lambda x: 1 + x**2, lambda x: 2 * x,
         np.array([-2.0, -1.2, -0.7, -0.3, 0.4, 0.9, 1.5])),
    ]  # fmt: skip
    return [Case(f"{name}, x = {_describe(row[-1])}", tuple(row)) for name, *row in rows]


# The learner is given f' only; the reference measures f(g(x)), with f looked up from f'.
_OUTER = {np.cos: np.sin, sigmoid_derivative: sigmoid, np.exp: np.exp, np.reciprocal: np.log}
_CHAIN = "(f∘g)'(x) = f'(g(x)) · g'(x): the outer slope, taken at g(x), times the inner slope."
# fmt: off
check_composite_derivative = Check((Exercise("composite_derivative",
    lambda fp, g, gp, x: numerical_derivative(lambda t: _OUTER[fp](g(t)), x), _composite_cases, [
    Mistake("f'(x) · g'(x): the outer derivative was evaluated at x", "f acts on u = g(x), so its "
            "slope must be taken there: f_prime(g(x)).", lambda fp, g, gp, x: fp(x) * gp(x)),
    Mistake("f'(g(x)) alone: the inner derivative g'(x) is missing", "a nudge Δx moves g(x) by "
            "g'(x)·Δx first; multiply by g_prime(x).", lambda fp, g, gp, x: fp(g(x))),
    Mistake("f'(g'(x)) · g'(x): the outer slope was taken at g'(x)", "evaluate f' at the inner "
            "function's value g(x), not at its slope g'(x).",
            lambda fp, g, gp, x: fp(gp(x)) * gp(x)),
    Mistake("f'(g(x)) · g(x): g(x) was used where its slope g'(x) belongs", "the second factor is "
            "the inner slope g_prime(x).", lambda fp, g, gp, x: fp(g(x)) * g(x)),
    Mistake("f'(g(x)) + g'(x): the slopes were added", "slopes of a chain multiply: a stretch by 2 "
            "followed by a stretch by 3 is a stretch by 6.", lambda fp, g, gp, x: fp(g(x)) + gp(x)),
    Mistake("-f'(g(x)) · g'(x): a sign error", _CHAIN, lambda fp, g, gp, x: -fp(g(x)) * gp(x)),
],
    hint=_CHAIN, warning_hint=_CHAIN, **_TOLERANCES,
    compare=lambda got, right, case: compare_numbers(
        got, right, Case(tr("{shown} (expected = centred difference of f(g(x)))",
                            shown=tr(case.shown))), hint=_CHAIN,
        shape_hint=SHAPE_HINT, **_TOLERANCES),
    pure=False),),  # the old check handed over a copy of x: only the returned slopes count
    "f'(g(x)) · g'(x) matches centred differences of f(g(x)) for 4 pairs (f, g).",
    doc="Check ``composite_derivative(f_prime, g, g_prime, x) -> f'(g(x)) · g'(x)`` against "
    "centred differences of f(g(x)), for four pairs (f, g) and arrays x.")
# fmt: on


# --- Exercise 3: the gradients of one sigmoid neuron with a squared error, by hand -------------


def _neuron_cases() -> list[Case]:
    rng = np.random.default_rng(4)
    saturated = ", a saturated neuron (z = -800): its gradient vanishes"
    rows = [
        (np.array([1.5]), np.array([-0.4]), 0.3, 1.0, ""),
        (rng.normal(size=3), rng.normal(size=3), 0.2, 0.0, ""),
        (np.array([0.8, -1.2]), np.array([1.1, 0.6]), 0.5, 1.0, ""),
        (np.array([4.0]), np.array([-200.0]), 0.0, 1.0, saturated),
    ]
    shown = "x = {}, w = {}, b = {:g}, y = {:g}{}"
    return [Case(shown.format(_describe(x), _describe(w), b, y, note), (x, w, b, y))
            for x, w, b, y, note in rows]  # fmt: skip


def _via_z(dz: Callable[[float, float, float], float], times: str = "x") -> Callable[..., Any]:
    """The answer (k·x, k), with k = dz(a, σ'(z), y) for ∂L/∂z (``times="w"``: (k·w, k))."""

    def gradients(x: np.ndarray, w: np.ndarray, b: float, y: float) -> tuple[Any, Any]:
        z = float(x @ w + b)
        k = dz(float(sigmoid(z)), float(sigmoid_derivative(z)), y)
        return k * (x if times == "x" else w), k

    return gradients


_formula = _via_z(lambda a, slope, y: 2 * (a - y) * slope)  # the chain rule, exactly


def _neuron_reference(x: np.ndarray, w: np.ndarray, b: float, y: float) -> tuple[Any, Any]:
    # z = -800: σ underflows to 0 at w ± h and b ± h alike, so the differences are 0, rightly
    grad = numerical_gradient(lambda p: (sigmoid(x @ p[:-1] + p[-1]) - y) ** 2, np.append(w, b))
    return grad[:-1], grad[-1]


_RULE = "∂L/∂z = 2(a − y)·σ'(z); then ∂L/∂w = ∂L/∂z · x and ∂L/∂b = ∂L/∂z."
# fmt: off
_STABLE = ("use sigmoid and sigmoid_derivative from helpers.activations: they are stable for any z "
           "(1/(1 + exp(-z)) overflows once -z passes about 709).")
check_neuron_gradients = Check((Exercise("neuron_gradients", _neuron_reference, _neuron_cases, [
    _pair("dL_dw, dL_db"),
    Mistake("(σ'(z)·x, σ'(z)): the upstream factor 2(a − y) is missing", "the loss sits above σ "
            "in the graph: multiply σ'(z) by the gradient arriving from L, ∂L/∂a = 2(a − y).",
            _via_z(lambda a, s, y: s)),
    Mistake("((a − y)·σ'(z)·x, (a − y)·σ'(z)): the factor 2 from the square is missing",
            "d(u²)/du = 2u, so ∂L/∂a = 2(a − y).", _via_z(lambda a, s, y: (a - y) * s)),
    Mistake("the right size with the opposite sign: 2(y − a) instead of 2(a − y)", "L = (a − y)², "
            "so ∂L/∂a = +2(a − y): with a > y the loss grows with a.",
            _via_z(lambda a, s, y: 2 * (y - a) * s)),
    Mistake("(2(a − y)·x, 2(a − y)): the sigmoid's slope σ'(z) is missing", "the path from z to L "
            "passes through σ: multiply by its local slope σ'(z).",
            _via_z(lambda a, s, y: 2 * (a - y))),
    Mistake("σ' taken at a instead of at z", "σ'(z) = σ(z)(1 − σ(z)) = a(1 − a); "
            "sigmoid_derivative(a) evaluates σ' at the wrong point.",
            _via_z(lambda a, s, y: 2 * (a - y) * sigmoid_derivative(a))),
    Mistake("(∂L/∂z · w, ∂L/∂z): the inputs of the multiply node are swapped", "∂(w·x)/∂w = x: "
            "the weight's gradient uses the input x (∂L/∂z · w is ∂L/∂x).",
            _via_z(lambda a, s, y: 2 * (a - y) * s, times="w")),
    Mistake("(∂L/∂b, ∂L/∂w): the two gradients are returned in the wrong order",
            "return dL_dw first, then dL_db.", lambda *args: _formula(*args)[::-1]),
    Mistake("dL_db equals ∂L/∂z · x",
            "b enters z = w·x + b with local slope 1, so ∂L/∂b = ∂L/∂z (one number).",
            when=lambda got, x, w, b, y: (dz := _formula(x, w, b, y)[1]) != 0  # 0 = 0·x: no blame
            and (matches(got[1], dz * x) or matches(got[1], dz * np.sum(x))),
            example=lambda *args: (_formula(*args)[0],) * 2),
],
    hint=_RULE, crash_hint=_STABLE, warning_hint=_STABLE, **_TOLERANCES,
    parts=("dL_dw", "dL_db"), part_label=_LABEL, part_hints={
        "dL_dw": _RULE + " dL_dw has the shape of w.", "dL_db": _RULE + " dL_db is one number."},
    pure=False),),  # the old check handed over copies: scribbling on x afterwards passes
    "(∂L/∂w, ∂L/∂b) match centred differences in 3 cases, and the saturated neuron "
    "(z = -800) gives 0 without overflow.",
    doc="Check ``neuron_gradients(x, w, b, y) -> (dL_dw, dL_db)`` for L = (σ(w·x + b) − y)², "
    "against centred differences, and for a saturated neuron (z = −800, gradient 0).")
# fmt: on
