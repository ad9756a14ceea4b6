"""Checks for chapter 04, "The chain rule".

Every expected answer is measured, not only derived: the checks compare the learner's gradients
with centred finite differences (``helpers.gradcheck``), the same test the chapter applies to
its own autodiff engine. When an answer is wrong, it is also compared with the usual wrong
answers (the upstream factor left out, the inputs of a product swapped, a sign flipped, the outer
derivative evaluated at the wrong point ...) so the message can name the mistake.

Notation: a node computes ``out`` from its inputs; ``upstream`` is ∂L/∂out, the gradient that
arrives from the loss; the node passes ∂L/∂input = (∂out/∂input) · upstream to each input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import sigmoid, sigmoid_derivative
from helpers.gradcheck import numerical_derivative, numerical_gradient

from ._core import (
    call_with_hint,
    expect_close,
    fail,
    matches,
    passed,
)

__all__ = [
    "check_add_backward",
    "check_composite_derivative",
    "check_multiply_backward",
    "check_neuron_gradients",
]

# Centred differences in float64 are good to about 1e-10 here; 1e-6 leaves a wide margin while
# every wrong answer below is off by far more.
_RTOL, _ATOL = 1e-6, 1e-9


def _pair(exercise: str, result: Any, shown: str, names: str) -> tuple[Any, Any]:
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(
            exercise,
            f"for {shown} expected a pair ({names}), got {type(result).__name__}.",
            f"end the function with `return {names}`.",
        )
    return result[0], result[1]


def _diagnose(
    exercise: str,
    got: tuple[Any, Any],
    shown: str,
    mistakes: list[tuple[str, tuple[Any, Any], str]],
    correct: tuple[Any, Any] | None = None,
) -> None:
    """Fail with a specific message if the pair ``got`` equals one of the known wrong pairs.

    A wrong pair that happens to equal ``correct`` in this case (every formula gives 0 for a
    saturated neuron) is skipped: it would blame a right answer."""

    def same(first: tuple[Any, Any], second: tuple[Any, Any]) -> bool:
        return all(matches(u, v, rtol=1e-9, atol=1e-12) for u, v in zip(first, second, strict=True))

    for what, wrong, hint in mistakes:
        if same(got, wrong) and not (correct is not None and same(wrong, correct)):
            fail(exercise, f"for {shown} your answer equals {what}.", hint)


def _describe(value: Any) -> str:
    array = np.asarray(value, dtype=float)
    if array.ndim == 0:
        return f"{float(array):g}"
    return np.array2string(array, precision=4, separator=", ")


# ----------------------------------------------------------------------------------------------
# Exercise 1: backward of an add node and of a multiply node
# ----------------------------------------------------------------------------------------------

_GATE_CASES = [
    (2.0, -3.0, 0.5),
    (-1.5, 4.0, -2.0),
    (np.array([0.5, -2.0, 3.0]), np.array([1.5, 0.25, -1.0]), np.array([-0.7, 1.3, 2.0])),
]


def _numerical_gate(node: Callable[[Any, Any], Any], a: Any, b: Any, upstream: Any) -> tuple:
    """∂L/∂a and ∂L/∂b by centred differences, for a loss L = Σ upstream · node(a, b).

    Any L whose gradient at the node's output is ``upstream`` would do; this linear one is the
    simplest, and it makes the numerical answer exactly the chain-rule answer.
    """
    point = np.stack(np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float)))
    grad = numerical_gradient(lambda p: np.sum(upstream * node(p[0], p[1])), point)
    return grad[0], grad[1]


def _check_gate(
    exercise: str,
    backward: Callable[..., Any],
    node: Callable[[Any, Any], Any],
    rule: str,
    mistakes: Callable[[Any, Any, Any], list[tuple[str, tuple[Any, Any], str]]],
) -> None:
    for a, b, upstream in _GATE_CASES:
        shown = f"a = {_describe(a)}, b = {_describe(b)}, upstream = {_describe(upstream)}"
        result = call_with_hint(
            exercise,
            backward,
            a,
            b,
            upstream,
            shown=shown,
            hint=f"use only arithmetic on a, b and upstream (it then works for arrays too): {rule}",
        )
        grads = _pair(exercise, result, shown, "grad_a, grad_b")
        _diagnose(exercise, grads, shown, mistakes(a, b, upstream))
        for name, got, numerical in zip(
            ("grad_a", "grad_b"), grads, _numerical_gate(node, a, b, upstream), strict=True
        ):
            expect_close(
                exercise,
                got,
                numerical,
                shown=f"{name} ({shown}; expected = centred difference)",
                rtol=_RTOL,
                atol=_ATOL,
                hint=rule,
            )
    passed(
        exercise,
        f"matches centred differences in all {len(_GATE_CASES)} cases, arrays included ({rule}).",
    )


def check_add_backward(add_backward: Callable[..., Any]) -> None:
    """Check ``add_backward(a, b, upstream) -> (grad_a, grad_b)`` for ``out = a + b``.

    ∂(a + b)/∂a = ∂(a + b)/∂b = 1, so both inputs receive ``upstream`` unchanged: an add node
    copies the gradient to every input; it does not split it.
    """
    rule = "∂L/∂a = 1 · upstream and ∂L/∂b = 1 · upstream"

    def mistakes(a: Any, b: Any, g: Any) -> list[tuple[str, tuple[Any, Any], str]]:
        ones = np.ones_like(np.asarray(g, float))
        return [
            (
                "(upstream / 2, upstream / 2): the gradient was split in half",
                (g / 2, g / 2),
                "an add node copies upstream to each input unchanged, because ∂(a + b)/∂a = 1: "
                "nudge a by ε and out moves by ε, whatever b does. Each input gets its full "
                "share, weighted by its local slope (here 1).",
            ),
            (
                "(1, 1): the local derivatives, without the upstream factor",
                (ones, ones),
                "multiply each local derivative by upstream (= ∂L/∂out): the chain rule is "
                "local derivative × upstream gradient.",
            ),
            (
                "(b · upstream, a · upstream): the multiply rule",
                (b * g, a * g),
                "that is the backward of a · b. For a + b the local derivatives are both 1.",
            ),
            (
                "(a · upstream, b · upstream)",
                (a * g, b * g),
                "the local derivative of a + b does not depend on a or b: it is 1 for both.",
            ),
            (
                "(upstream, -upstream): the rule for a - b",
                (g, -g),
                "∂(a + b)/∂b = +1; the minus sign belongs to subtraction.",
            ),
            (
                "(upstream, 0): only the first input received a gradient",
                (g, 0 * ones),
                "both inputs influence out, so both receive upstream.",
            ),
            (
                "(-upstream, -upstream): a sign error",
                (-g, -g),
                "increasing a increases a + b: the gradient keeps upstream's sign.",
            ),
        ]

    _check_gate("add_backward", add_backward, lambda a, b: a + b, rule, mistakes)


def check_multiply_backward(multiply_backward: Callable[..., Any]) -> None:
    """Check ``multiply_backward(a, b, upstream) -> (grad_a, grad_b)`` for ``out = a · b``.

    ∂(a·b)/∂a = b and ∂(a·b)/∂b = a: each input receives the *other* input times ``upstream``.
    """
    rule = "∂L/∂a = b · upstream and ∂L/∂b = a · upstream"

    def mistakes(a: Any, b: Any, g: Any) -> list[tuple[str, tuple[Any, Any], str]]:
        return [
            (
                "(b, a): the local derivatives, without the upstream factor",
                (b * np.ones_like(g), a * np.ones_like(g)),
                "multiply each local derivative by upstream (= ∂L/∂out): the chain rule is "
                "local derivative × upstream gradient.",
            ),
            (
                "(a · upstream, b · upstream): the inputs are swapped",
                (a * g, b * g),
                "∂(a·b)/∂a = b: each input's gradient uses the OTHER input's value.",
            ),
            (
                "(-b · upstream, -a · upstream): a sign error",
                (-b * g, -a * g),
                "no minus sign appears: ∂(a·b)/∂a = +b.",
            ),
            (
                "(upstream, upstream): the add rule",
                (g * np.ones_like(a), g * np.ones_like(b)),
                "that is the backward of a + b; a product scales upstream by the other factor.",
            ),
            (
                "(a · b · upstream, a · b · upstream): the output instead of the local derivative",
                (a * b * g, a * b * g),
                "the local derivative of out = a·b with respect to a is b, not a·b.",
            ),
        ]

    _check_gate("multiply_backward", multiply_backward, lambda a, b: a * b, rule, mistakes)


# ----------------------------------------------------------------------------------------------
# Exercise 2: the derivative of a composite f(g(x))
# ----------------------------------------------------------------------------------------------


def _composite_cases() -> list[tuple[str, Callable, Callable, Callable, Callable, np.ndarray]]:
    return [
        ("f = sin, g(x) = x²", np.sin, np.cos, np.square, lambda x: 2 * x, np.linspace(-2, 2, 9)),
        (
            "f = sigmoid, g(x) = 3x - 1",
            sigmoid,
            sigmoid_derivative,
            lambda x: 3 * x - 1,
            lambda x: np.full_like(x, 3.0),
            np.linspace(-1.5, 1.5, 7),
        ),
        ("f = exp, g = sin", np.exp, np.exp, np.sin, np.cos, np.linspace(-3, 3, 7)),
        (
            "f = log, g(x) = 1 + x²",
            np.log,
            lambda u: 1 / u,
            lambda x: 1 + x**2,
            lambda x: 2 * x,
            np.array([-2.0, -1.2, -0.7, -0.3, 0.4, 0.9, 1.5]),
        ),
    ]


def _composite_mistakes(
    f_prime: Callable, g: Callable, g_prime: Callable, x: np.ndarray, rule: str
) -> dict[str, tuple[np.ndarray, str]]:
    """The usual wrong answers for (f∘g)'(x), each with the hint that fixes it."""
    return {
        "f'(x) · g'(x): the outer derivative was evaluated at x": (
            f_prime(x) * g_prime(x),
            "f acts on u = g(x), so its slope must be taken there: f_prime(g(x)).",
        ),
        "f'(g(x)) alone: the inner derivative g'(x) is missing": (
            f_prime(g(x)),
            "a nudge Δx moves g(x) by g'(x)·Δx first; multiply by g_prime(x).",
        ),
        "f'(g'(x)) · g'(x): the outer slope was taken at g'(x)": (
            f_prime(g_prime(x)) * g_prime(x),
            "evaluate f' at the inner function's value g(x), not at its slope g'(x).",
        ),
        "f'(g(x)) · g(x): g(x) was used where its slope g'(x) belongs": (
            f_prime(g(x)) * g(x),
            "the second factor is the inner slope g_prime(x).",
        ),
        "f'(g(x)) + g'(x): the slopes were added": (
            f_prime(g(x)) + g_prime(x),
            "slopes of a chain multiply: a stretch by 2 followed by a stretch by 3 is a "
            "stretch by 6.",
        ),
        "-f'(g(x)) · g'(x): a sign error": (-f_prime(g(x)) * g_prime(x), rule),
    }


def check_composite_derivative(composite_derivative: Callable[..., Any]) -> None:
    """Check ``composite_derivative(f_prime, g, g_prime, x) -> (f∘g)'(x) = f'(g(x)) · g'(x)``.

    The expected values are centred differences of f(g(x)), for four pairs (f, g) and arrays x.
    """
    exercise = "composite_derivative"
    rule = "(f∘g)'(x) = f'(g(x)) · g'(x): the outer slope, taken at g(x), times the inner slope."
    cases = _composite_cases()
    for name, f, f_prime, g, g_prime, x in cases:
        shown = f"{name}, x = {_describe(x)}"
        got = call_with_hint(
            exercise, composite_derivative, f_prime, g, g_prime, x.copy(), shown=shown, hint=rule
        )
        right = f_prime(g(x)) * g_prime(x)
        with np.errstate(all="ignore"):  # a wrong formula may divide by 0; it is only compared
            mistakes = _composite_mistakes(f_prime, g, g_prime, x, rule)
        for what, (wrong, hint) in mistakes.items():
            if matches(got, wrong, rtol=1e-9, atol=1e-12) and not matches(wrong, right):
                fail(exercise, f"for {shown} your answer equals {what}.", hint)
        expect_close(
            exercise,
            got,
            numerical_derivative(lambda t, f=f, g=g: f(g(t)), x),
            shown=f"{shown} (expected = centred difference of f(g(x)))",
            rtol=_RTOL,
            atol=_ATOL,
            hint=rule,
        )
    passed(
        exercise,
        f"f'(g(x)) · g'(x) matches centred differences of f(g(x)) for {len(cases)} pairs (f, g).",
    )


# ----------------------------------------------------------------------------------------------
# Exercise 3: the gradients of one sigmoid neuron with a squared error, by hand
# ----------------------------------------------------------------------------------------------


def _neuron_loss(x: np.ndarray, w: np.ndarray, b: float, y: float) -> float:
    return float((sigmoid(x @ w + b) - y) ** 2)


def check_neuron_gradients(neuron_gradients: Callable[..., Any]) -> None:
    """Check ``neuron_gradients(x, w, b, y) -> (dL_dw, dL_db)`` for L = (σ(w·x + b) − y)².

    With z = w·x + b and a = σ(z), the chain rule gives ∂L/∂z = 2(a − y) · σ'(z), then
    ∂L/∂w = ∂L/∂z · x (shape of w) and ∂L/∂b = ∂L/∂z (one number). The first three cases are
    compared with centred differences; the last is a saturated neuron (z = −800), whose
    gradient is 0 and where a naive sigmoid overflows.
    """
    exercise = "neuron_gradients"
    rule = "∂L/∂z = 2(a − y)·σ'(z); then ∂L/∂w = ∂L/∂z · x and ∂L/∂b = ∂L/∂z."
    rng = np.random.default_rng(4)
    cases = [
        (np.array([1.5]), np.array([-0.4]), 0.3, 1.0),
        (rng.normal(size=3), rng.normal(size=3), 0.2, 0.0),
        (np.array([0.8, -1.2]), np.array([1.1, 0.6]), 0.5, 1.0),
        (np.array([4.0]), np.array([-200.0]), 0.0, 1.0),
    ]
    for x, w, b, y in cases:
        shown = f"x = {_describe(x)}, w = {_describe(w)}, b = {b:g}, y = {y:g}"
        result = call_with_hint(
            exercise,
            neuron_gradients,
            x.copy(),
            w.copy(),
            b,
            y,
            shown=shown,
            hint="use sigmoid and sigmoid_derivative from helpers.activations: they are stable "
            "for any z (1/(1 + exp(-z)) overflows once -z passes about 709).",
        )
        dL_dw, dL_db = _pair(exercise, result, shown, "dL_dw, dL_db")
        z = float(x @ w + b)
        a, slope = float(sigmoid(z)), float(sigmoid_derivative(z))
        dz = 2 * (a - y) * slope
        slope_at_a = float(sigmoid_derivative(a))
        mistakes = [
            (
                "(σ'(z)·x, σ'(z)): the upstream factor 2(a − y) is missing",
                (slope * x, slope),
                "the loss sits above σ in the graph: multiply σ'(z) by the gradient arriving "
                "from L, ∂L/∂a = 2(a − y).",
            ),
            (
                "((a − y)·σ'(z)·x, (a − y)·σ'(z)): the factor 2 from the square is missing",
                ((a - y) * slope * x, (a - y) * slope),
                "d(u²)/du = 2u, so ∂L/∂a = 2(a − y).",
            ),
            (
                "the right size with the opposite sign: 2(y − a) instead of 2(a − y)",
                (-dz * x, -dz),
                "L = (a − y)², so ∂L/∂a = +2(a − y): with a > y the loss grows with a.",
            ),
            (
                "(2(a − y)·x, 2(a − y)): the sigmoid's slope σ'(z) is missing",
                (2 * (a - y) * x, 2 * (a - y)),
                "the path from z to L passes through σ: multiply by its local slope σ'(z).",
            ),
            (
                "σ' taken at a instead of at z",
                (2 * (a - y) * slope_at_a * x, 2 * (a - y) * slope_at_a),
                "σ'(z) = σ(z)(1 − σ(z)) = a(1 − a); sigmoid_derivative(a) evaluates σ' at the "
                "wrong point.",
            ),
            (
                "(∂L/∂z · w, ∂L/∂z): the inputs of the multiply node are swapped",
                (dz * w, dz),
                "∂(w·x)/∂w = x: the weight's gradient uses the input x (∂L/∂z · w is ∂L/∂x).",
            ),
            (
                "(∂L/∂b, ∂L/∂w): the two gradients are returned in the wrong order",
                (dz, dz * x),
                "return dL_dw first, then dL_db.",
            ),
        ]
        _diagnose(exercise, (dL_dw, dL_db), shown, mistakes, correct=(dz * x, dz))
        if dz != 0 and (matches(dL_db, dz * x) or matches(dL_db, dz * np.sum(x))):
            fail(
                exercise,
                f"for {shown} dL_db equals ∂L/∂z · x.",
                "b enters z = w·x + b with local slope 1, so ∂L/∂b = ∂L/∂z (one number).",
            )
        if abs(z) < 50:  # in the saturated case differences are noise; compare with the formula
            params = np.append(w, b)
            numerical = numerical_gradient(
                lambda p, x=x, y=y: _neuron_loss(x, p[:-1], p[-1], y), params
            )
            expected_w, expected_b = numerical[:-1], numerical[-1]
            source = "expected = centred difference"
        else:
            expected_w, expected_b = dz * x, dz
            source = f"a saturated neuron, z = {z:g}: its gradient vanishes"
        expect_close(
            exercise,
            dL_dw,
            expected_w,
            shown=f"dL_dw ({shown}; {source})",
            rtol=_RTOL,
            atol=_ATOL,
            hint=rule + " dL_dw has the shape of w.",
        )
        expect_close(
            exercise,
            dL_db,
            expected_b,
            shown=f"dL_db ({shown}; {source})",
            rtol=_RTOL,
            atol=_ATOL,
            hint=rule + " dL_db is one number.",
        )
    passed(
        exercise,
        f"(∂L/∂w, ∂L/∂b) match centred differences in {len(cases) - 1} cases, and the "
        "saturated neuron (z = -800) gives 0 without overflow.",
    )
