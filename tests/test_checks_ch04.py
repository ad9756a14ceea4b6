"""Mutation tests for chapter 04's exercise checks (the chain rule).

Every check must accept the reference solution and reject each typical wrong answer with a
message that names the mistake; the assertions below pin the words a learner would read.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import sigmoid, sigmoid_derivative
from helpers.checks import (
    check_add_backward,
    check_composite_derivative,
    check_divide_backward,
    check_multiply_backward,
    check_neuron_gradients,
)


@pytest.mark.parametrize(
    "check",
    [
        check_add_backward,
        check_multiply_backward,
        check_composite_derivative,
        check_neuron_gradients,
        check_divide_backward,
    ],
)
def test_every_check_rejects_the_stub_as_an_assertion_error(check):
    with pytest.raises(AssertionError, match="still raises NotImplementedError"):
        check(stub)


@pytest.mark.parametrize(
    "check",
    [
        check_add_backward,
        check_multiply_backward,
        check_composite_derivative,
        check_neuron_gradients,
        check_divide_backward,
    ],
)
def test_every_check_rejects_a_missing_return(check):
    rejects(check, lambda *args: None, "returned None", "return")


# --- add_backward ----------------------------------------------------------------------------


def add_reference(a, b, upstream):
    return 1.0 * upstream, 1.0 * upstream


def test_add_reference_passes(capsys):
    check_add_backward(add_reference)
    out = capsys.readouterr().out
    assert "✓ add_backward" in out
    assert "centred differences" in out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda a, b, g: (g / 2, g / 2), ["split in half", "copies upstream"]),
        (lambda a, b, g: (1.0, 1.0), ["without the upstream factor", "local derivative ×"]),
        (lambda a, b, g: (b * g, a * g), ["the multiply rule"]),
        (lambda a, b, g: (a * g, b * g), ["(a · upstream, b · upstream)", "1 for both"]),
        (lambda a, b, g: (g, -g), ["rule for a - b"]),
        (lambda a, b, g: (g, 0.0), ["only the first input"]),
        (lambda a, b, g: (-g, -g), ["sign error"]),
        (lambda a, b, g: g, ["expected a pair (grad_a, grad_b)"]),
        (lambda a, b, g: (g, g, g), ["expected a pair"]),
        (lambda a, b, g: (g + 0.1, g), ["grad_a", "expected = centred difference", "got"]),
        (lambda a, b, g: (float(g), float(g)), ["raised TypeError", "arithmetic"]),
    ],
    ids=[
        "halved",
        "no-upstream",
        "multiply-rule",
        "own-input",
        "subtraction",
        "one-input",
        "sign",
        "single-value",
        "triple",
        "off-by-constant",
        "scalar-only",
    ],
)
def test_add_rejects_typical_mistakes(wrong, fragments):
    rejects(check_add_backward, wrong, "add_backward", *fragments)


def test_add_names_the_array_case_when_only_scalars_work():
    # Right for numbers, but the (1, 1) local slopes are not broadcast for arrays.
    def wrong(a, b, g):
        return (g, g) if np.ndim(g) == 0 else (g[:1], g[:1])

    rejects(check_add_backward, wrong, "expected shape (3,)", "got shape (1,)")


# --- multiply_backward -----------------------------------------------------------------------


def multiply_reference(a, b, upstream):
    return b * upstream, a * upstream


def test_multiply_reference_passes(capsys):
    check_multiply_backward(multiply_reference)
    assert "✓ multiply_backward" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda a, b, g: (b, a), ["without the upstream factor", "local derivative ×"]),
        (lambda a, b, g: (a * g, b * g), ["inputs are swapped", "OTHER input"]),
        (lambda a, b, g: (-b * g, -a * g), ["sign error"]),
        (lambda a, b, g: (g, g), ["the add rule"]),
        (lambda a, b, g: (a * b * g, a * b * g), ["output instead of the local derivative"]),
        (lambda a, b, g: (b * g, a), ["grad_b", "expected = centred difference"]),
        (lambda a, b, g: b * g, ["expected a pair"]),
    ],
    ids=["no-upstream", "swapped", "sign", "add-rule", "output", "half-right", "single"],
)
def test_multiply_rejects_typical_mistakes(wrong, fragments):
    rejects(check_multiply_backward, wrong, "multiply_backward", *fragments)


def test_multiply_reports_learner_exceptions_with_the_rule():
    def broken(a, b, g):
        return math.prod([b, g]), math.prod([a, g]) if np.ndim(a) == 0 else a.missing

    rejects(check_multiply_backward, broken, "raised AttributeError", "b · upstream")


# --- composite_derivative --------------------------------------------------------------------


def composite_reference(f_prime, g, g_prime, x):
    return f_prime(g(x)) * g_prime(x)


def test_composite_reference_passes(capsys):
    check_composite_derivative(composite_reference)
    assert "✓ composite_derivative" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda fp, g, gp, x: fp(x) * gp(x), ["evaluated at x", "f_prime(g(x))"]),
        (lambda fp, g, gp, x: fp(g(x)), ["inner derivative g'(x) is missing"]),
        (lambda fp, g, gp, x: fp(gp(x)) * gp(x), ["taken at g'(x)"]),
        (lambda fp, g, gp, x: fp(g(x)) * g(x), ["g(x) was used where its slope"]),
        (lambda fp, g, gp, x: fp(g(x)) + gp(x), ["slopes were added", "multiply"]),
        (lambda fp, g, gp, x: -fp(g(x)) * gp(x), ["sign error"]),
        (lambda fp, g, gp, x: fp(g(x)) * gp(x) * 1.01, ["expected = centred difference"]),
        (lambda fp, g, gp, x: np.sum(fp(g(x)) * gp(x)), ["expected shape (9,)"]),
        (lambda fp, g, gp, x: "slope", ["expected numbers"]),
    ],
    ids=[
        "outer-at-x",
        "no-inner",
        "outer-at-slope",
        "inner-value",
        "added",
        "sign",
        "scaled",
        "summed",
        "text",
    ],
)
def test_composite_rejects_typical_mistakes(wrong, fragments):
    rejects(check_composite_derivative, wrong, "composite_derivative", *fragments)


def test_composite_shows_the_failing_pair():
    # Right for the first pair only: the message must say which (f, g) failed.
    def wrong(fp, g, gp, x):
        if np.allclose(gp(np.array([1.0])), 2.0) and np.allclose(g(np.array([1.0])), 1.0):
            return fp(g(x)) * gp(x)
        return fp(g(x)) * gp(x) + 1.0

    rejects(check_composite_derivative, wrong, "f = sigmoid, g(x) = 3x - 1")


# --- neuron_gradients ------------------------------------------------------------------------


def neuron_reference(x, w, b, y):
    z = x @ w + b
    dL_dz = 2 * (sigmoid(z) - y) * sigmoid_derivative(z)
    return dL_dz * x, dL_dz


def _naive_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _variant(upstream=True, two=True, sign=1.0, slope="z", multiply_by="x", order=("w", "b")):
    """The reference with one typical slip switched on."""

    def learner(x, w, b, y):
        z = x @ w + b
        a = sigmoid(z)
        factor = sign * (2 if two else 1) * (a - y) if upstream else 1.0
        local = {"z": sigmoid_derivative(z), "a": sigmoid_derivative(a), "none": 1.0}[slope]
        dL_dz = factor * local
        grads = {"w": dL_dz * {"x": x, "w": w}[multiply_by], "b": dL_dz}
        return grads[order[0]], grads[order[1]]

    return learner


def test_neuron_reference_passes(capsys):
    check_neuron_gradients(neuron_reference)
    out = capsys.readouterr().out
    assert "✓ neuron_gradients" in out
    assert "z = -800" in out


def test_neuron_reference_with_a_times_one_minus_a_passes(capsys):
    def learner(x, w, b, y):
        a = sigmoid(x @ w + b)
        dL_dz = 2 * (a - y) * a * (1 - a)
        return dL_dz * x, dL_dz

    check_neuron_gradients(learner)
    assert "✓ neuron_gradients" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_variant(upstream=False), ["upstream factor 2(a − y) is missing", "∂L/∂a = 2(a − y)"]),
        (_variant(two=False), ["factor 2 from the square is missing"]),
        (_variant(sign=-1.0), ["opposite sign", "2(y − a)"]),
        (_variant(slope="none"), ["σ'(z) is missing"]),
        (_variant(slope="a"), ["σ' taken at a instead of at z"]),
        (_variant(multiply_by="w"), ["inputs of the multiply node are swapped", "∂(w·x)/∂w = x"]),
        (_variant(order=("b", "w")), ["wrong order"]),
        (
            lambda x, w, b, y: (neuron_reference(x, w, b, y)[0], neuron_reference(x, w, b, y)[0]),
            ["dL_db equals ∂L/∂z · x", "local slope 1"],
        ),
        (
            lambda x, w, b, y: (np.sum(neuron_reference(x, w, b, y)[0]), 0.0),
            ["dL_dw", "expected shape (1,)"],
        ),
        (
            lambda x, w, b, y: (
                2 * (_naive_sigmoid(x @ w + b) - y) * sigmoid_derivative(x @ w + b) * x,
                2 * (_naive_sigmoid(x @ w + b) - y) * sigmoid_derivative(x @ w + b),
            ),
            ["numpy warned", "overflow", "z", "sigmoid_derivative from helpers.activations"],
        ),
        (lambda x, w, b, y: neuron_reference(x, w, b, y)[0], ["expected a pair (dL_dw, dL_db)"]),
        (
            lambda x, w, b, y: (
                neuron_reference(x, w, b, y)[0] * 1.001,
                neuron_reference(x, w, b, y)[1],
            ),
            ["dL_dw", "expected = centred difference"],
        ),
    ],
    ids=[
        "no-upstream",
        "no-two",
        "sign",
        "no-sigmoid-slope",
        "slope-at-a",
        "swapped-multiply",
        "wrong-order",
        "bias-times-x",
        "summed-weights",
        "naive-overflow",
        "single",
        "slightly-off",
    ],
)
def test_neuron_rejects_typical_mistakes(wrong, fragments):
    rejects(check_neuron_gradients, wrong, "neuron_gradients", *fragments)


def test_neuron_saturated_case_does_not_blame_a_right_answer(capsys):
    # In the saturated case every mistake gives 0 as well; a right answer must still pass, and a
    # learner who is right except for the saturated case must be told about that case.
    def right_until_saturated(x, w, b, y):
        dL_dw, dL_db = neuron_reference(x, w, b, y)
        return (dL_dw + 1.0, dL_db) if x @ w + b < -100 else (dL_dw, dL_db)

    rejects(check_neuron_gradients, right_until_saturated, "saturated neuron", "z = -800")


def test_neuron_does_not_modify_the_callers_arrays_through_the_learner():
    def mutating(x, w, b, y):
        result = neuron_reference(x, w, b, y)
        x *= 0  # a careless learner; the check must still judge against the original inputs
        return result

    check_neuron_gradients(mutating)


# --- divide_backward (derive) ----------------------------------------------------------------


@pytest.mark.parametrize(
    "right",
    [
        lambda a, b, g: (g / b, -a * g / b**2),
        lambda a, b, g: (g * b**-1, -(a / b) * g / b),  # out / b: the output reused
        lambda a, b, g: (np.divide(g, b), -np.multiply(a, g) / np.square(b)),
    ],
    ids=["textbook", "reuses-output", "numpy-ufuncs"],
)
def test_divide_accepts_correct_answers_written_differently(right, capsys):
    check_divide_backward(right)
    out = capsys.readouterr().out
    assert "✓ divide_backward" in out and "−a · upstream / b²" in out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda a, b, g: (1 / b + 0 * g, -a / b**2 + 0 * g), ["without the upstream factor"]),
        (lambda a, b, g: (g / b, a * g / b**2), ["grad_b", "sign of ∂(a/b)/∂b is lost"]),
        (lambda a, b, g: (g / b, -g / b**2), ["grad_b", "factor a is missing", "OTHER factor"]),
        (lambda a, b, g: (g / b, -a * g / b), ["b appears once where b² belongs"]),
        (lambda a, b, g: (g / b, -g / b), ["slope of ln b"]),
        (lambda a, b, g: (b * g, -a * g / b**2), ["grad_a", "the multiply rule", "b⁻¹"]),
        (lambda a, b, g: (-a * g / b**2, g / b), ["the two gradients are swapped"]),
        (lambda a, b, g: (g / b, g / b), ["grad_b", "expected = centred difference"]),
        (lambda a, b, g: g / b, ["expected a pair (grad_a, grad_b)"]),
    ],
    ids=[
        "no-upstream",
        "sign",
        "no-a",
        "b-not-squared",
        "log",
        "multiply-rule",
        "swapped",
        "uncatalogued",
        "single",
    ],
)
def test_divide_rejects_typical_mistakes(wrong, fragments):
    rejects(check_divide_backward, wrong, "divide_backward", *fragments)


def test_divide_hint_shows_a_way_to_the_rule_but_not_the_rule():
    # A derive exercise: a wrong answer is told how to derive the result, never the result.
    with pytest.raises(AssertionError) as failure:
        check_divide_backward(lambda a, b, g: (g / b, g / b))
    text = str(failure.value)
    assert "a / b = a · b⁻¹" in text and "power rule" in text
    assert "−a · upstream / b²" not in text
