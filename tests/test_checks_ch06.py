"""Mutation tests for chapter 06's exercise checks (the sigmoid).

Every check must accept right answers written in different ways and reject each typical wrong
answer with a message that names the mistake; the assertions pin the words a learner reads.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import sigmoid as reference_sigmoid
from helpers.checks import (
    check_logistic_regression_gradient,
    check_sigmoid_derivative,
    check_stable_sigmoid,
)

# --- stable_sigmoid -----------------------------------------------------------------------------


def sigmoid_masks(x):
    """The sign split with boolean masks: each branch exponentiates only its own, safe part."""
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1.0 + e)
    return out


def sigmoid_branchless(x):
    return np.exp(np.minimum(x, 0.0)) / (1.0 + np.exp(-np.abs(x)))


def sigmoid_logaddexp(x):
    return np.exp(-np.logaddexp(0.0, -x))


@pytest.mark.parametrize(
    "solution", [sigmoid_masks, sigmoid_branchless, sigmoid_logaddexp, reference_sigmoid]
)
def test_stable_sigmoid_accepts_right_answers(solution, capsys):
    check_stable_sigmoid(solution)
    assert "✓ stable_sigmoid" in capsys.readouterr().out


def _naive(x):
    return 1.0 / (1.0 + np.exp(-x))


def _naive_silenced(x):
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


def _where_both_branches(x):
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))


def _one_minus(x):
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-x[positive]))
    out[~positive] = 1.0 - 1.0 / (1.0 + np.exp(x[~positive]))
    return out


def _in_place(x):
    np.negative(x, out=x)
    return 1.0 / (1.0 + np.exp(np.minimum(x, 700.0)))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_naive, ["numpy warned", "x = [-1000", "overflow", "exponentiate only −|x|"]),
        (_where_both_branches, ["numpy warned", "np.where(cond, a, b) computes a and b"]),
        (_naive_silenced, ["exactly 0 at index (1,)", "Silencing the warning does not undo"]),
        (lambda x: 1.0 / (1.0 + np.exp(np.minimum(x, 700.0))), ["the sign of x is flipped"]),
        (lambda x: 0.5 * (1.0 + np.tanh(x / 2)), ["the left tail x", "½(1 + tanh(x/2))"]),
        (_one_minus, ["the left tail x", "1 − σ(−x) computed for every x"]),
        (lambda x: reference_sigmoid(x) * reference_sigmoid(-x), ["the derivative σ(x)·σ(−x)"]),
        (np.tanh, ["equals tanh(x)", "(−1, 1)"]),
        (_in_place, ["changed its input in place"]),
        (lambda x: reference_sigmoid(x).ravel(), ["expected shape (3, 4), got shape (12,)"]),
        (lambda x: reference_sigmoid(x) * (1 + 1e-6), ["expected", "first mismatch"]),
        (lambda x: None, ["returned None"]),
        (lambda x: "sigma", ["expected numbers"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "naive",
        "where-evaluates-both",
        "naive-warning-silenced",
        "sign-flipped",
        "tanh-form",
        "one-minus-sigma-of-minus-x",
        "derivative-instead",
        "tanh",
        "changes-input",
        "flattens",
        "slightly-off",
        "returns-none",
        "returns-text",
        "stub",
    ],
)
def test_stable_sigmoid_rejects_wrong_answers(wrong, fragments):
    rejects(check_stable_sigmoid, wrong, "stable_sigmoid", *fragments)


def test_stable_sigmoid_reports_a_crash_by_name():
    def crashes(x):
        return x[0, 0]  # fine for nothing but 2-D input

    rejects(check_stable_sigmoid, crashes, "raised IndexError")


# --- sigmoid_derivative -------------------------------------------------------------------------


def derivative_product(x):
    return sigmoid_masks(x) * sigmoid_masks(-x)


def derivative_exp_form(x):
    """e^{−|x|}/(1 + e^{−|x|})²: σ′ is even, so its stable form needs only −|x|."""
    e = np.exp(-np.abs(x))
    return e / (1.0 + e) ** 2


@pytest.mark.parametrize("solution", [derivative_product, derivative_exp_form])
def test_sigmoid_derivative_accepts_right_answers(solution, capsys):
    check_sigmoid_derivative(solution)
    assert "✓ sigmoid_derivative" in capsys.readouterr().out


def _sigma_one_minus_sigma(x):
    s = reference_sigmoid(x)
    return s * (1.0 - s)


def _derivative_naive(x):
    return np.exp(-x) / (1.0 + np.exp(-x)) ** 2


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_sigma_one_minus_sigma, ["the right tail", "σ(x)·(1 − σ(x))", "x > 36.7"]),
        (_derivative_naive, ["numpy warned", "overflow", "σ′(x) = σ(x)·σ(−x)"]),
        (reference_sigmoid, ["σ(x) itself, not its derivative"]),
        (lambda x: -derivative_product(x), ["the sign is flipped"]),
        (lambda x: reference_sigmoid(x) ** 2, ["equals σ(x)²"]),
        (lambda x: reference_sigmoid(-x), ["the factor σ(x) is missing"]),
        (lambda x: 1.0 - reference_sigmoid(x) ** 2, ["the tanh rule applied to σ"]),
        (lambda x: 1.0 - np.tanh(x) ** 2, ["the derivative of tanh"]),
        (
            lambda x: derivative_product(reference_sigmoid(x)),
            ["σ′ evaluated at σ(x) instead of at x", "pre-activation"],
        ),
        (lambda x: np.full_like(x, 0.25), ["the constant 1/4"]),
        (lambda x: derivative_product(x) * 1.001, ["expected", "first mismatch"]),
        (lambda x: float(np.sum(derivative_product(x))), ["expected shape (5,)"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "sigma-one-minus-sigma",
        "naive-exp-form",
        "sigmoid-itself",
        "sign-flipped",
        "sigma-squared",
        "missing-factor",
        "tanh-rule",
        "tanh-derivative",
        "at-the-activation",
        "constant-quarter",
        "slightly-off",
        "returns-a-sum",
        "stub",
    ],
)
def test_sigmoid_derivative_rejects_wrong_answers(wrong, fragments):
    rejects(check_sigmoid_derivative, wrong, "sigmoid_derivative", *fragments)


# --- logistic_regression_gradient ---------------------------------------------------------------


def logreg_reference(X, y, w, b):
    p = reference_sigmoid(X @ w + b)
    return X.T @ (p - y) / len(X), np.mean(p - y)


def logreg_loop(X, y, w, b):
    """One example at a time, as the maths is written: Σₙ (pₙ − yₙ)·xₙ / N."""
    grad_w, grad_b = np.zeros_like(w), 0.0
    for x_n, y_n in zip(X, y, strict=True):
        error = sigmoid_masks(np.array([x_n @ w + b]))[0] - y_n
        grad_w += error * x_n
        grad_b += error
    return grad_w / len(X), grad_b / len(X)


@pytest.mark.parametrize("solution", [logreg_reference, logreg_loop])
def test_logistic_regression_gradient_accepts_right_answers(solution, capsys):
    check_logistic_regression_gradient(solution)
    out = capsys.readouterr().out
    assert "✓ logistic_regression_gradient" in out
    assert "finite differences agree to < 1e-8" in out


def _with(error_fn, *, scale_w=None, grad_b=None):
    """A wrong answer built from the error vector e = error_fn(p, y, z)."""

    def learner(X, y, w, b):
        z = X @ w + b
        error = error_fn(reference_sigmoid(z), y, z)
        n = len(X) if scale_w is None else scale_w
        return X.T @ error / n, (np.mean(error) if grad_b is None else grad_b(error))

    return learner


def _naive_logreg(X, y, w, b):
    p = 1.0 / (1.0 + np.exp(-(X @ w + b)))
    return X.T @ (p - y) / len(X), np.mean(p - y)


def _no_bias(X, y, w, b):
    p = reference_sigmoid(X @ w)
    return X.T @ (p - y) / len(X), np.mean(p - y)


def _per_example(X, y, w, b):
    p = reference_sigmoid(X @ w + b)
    return p - y, np.mean(p - y)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_with(lambda p, y, z: y - p), ["(y − p) instead of (p − y)"]),
        (_with(lambda p, y, z: p - y, scale_w=1, grad_b=np.sum), ["1/N is missing"]),
        (_with(lambda p, y, z: (p - y) * p * (1 - p)), ["an extra factor σ′(z)", "cancels"]),
        (_with(lambda p, y, z: p - y, grad_b=np.sum), ["grad_b summed over the examples"]),
        (_no_bias, ["without the bias"]),
        (_naive_logreg, ["numpy warned", "large weights", "stable sigmoid"]),
        (_per_example, ["grad_w has shape (5,), expected (2,)"]),
        (_with(lambda p, y, z: p - y, grad_b=lambda e: e), ["grad_b has shape (5,)"]),
        (lambda X, y, w, b: logreg_reference(X, y, w, b)[0], ["expected a pair (grad_w, grad_b)"]),
        (lambda X, y, w, b: (*logreg_reference(X, y, w, b), 0.0), ["of length 3"]),
        (lambda X, y, w, b: (logreg_reference(X, y, w, b)[0], "b"), ["not a number"]),
        (
            lambda X, y, w, b: (logreg_reference(X, y, w, b)[0] * 1.01, 0.0),
            ["expected", "(grad_w)"],
        ),
        (lambda X, y, w, b: (logreg_reference(X, y, w, b)[0], 0.0), ["(grad_b)"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "sign-flipped",
        "sum-not-mean",
        "extra-sigmoid-slope",
        "bias-summed",
        "bias-left-out",
        "naive-sigmoid",
        "per-example-errors",
        "bias-per-example",
        "returns-one-array",
        "returns-three",
        "bias-not-a-number",
        "slightly-off",
        "bias-zero",
        "stub",
    ],
)
def test_logistic_regression_gradient_rejects_wrong_answers(wrong, fragments):
    rejects(check_logistic_regression_gradient, wrong, "logistic_regression_gradient", *fragments)


def test_logistic_regression_gradient_must_not_change_its_inputs():
    def scales_X(X, y, w, b):
        X *= 2.0
        return logreg_reference(X / 2.0, y, w, b)

    rejects(check_logistic_regression_gradient, scales_X, "changed its input in place")


@pytest.mark.parametrize(
    "check", [check_stable_sigmoid, check_sigmoid_derivative, check_logistic_regression_gradient]
)
def test_not_a_function(check):
    with pytest.raises(AssertionError, match="expected a function"):
        check(42)
