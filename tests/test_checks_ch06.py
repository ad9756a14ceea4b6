"""Mutation tests for chapter 06's exercise checks (the sigmoid).

Every check must accept right answers written in different ways and reject each typical wrong
answer with a message that names the mistake; the assertions pin the words a learner reads.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import sigmoid as reference_sigmoid
from helpers.checks import (
    check_first_layer_signal,
    check_logistic_regression_gradient,
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
        (lambda x: _naive(np.clip(x, -700.0, 700.0)), ["x was clipped", "σ(−1000) is not σ(−500)"]),
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
        "clipped",
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


# --- first_layer_signal (predict) ---------------------------------------------------------------


def signal_loop(weights, top):
    """One layer at a time, from the logit down to layer 1, as the error travels."""
    estimate = bound = top
    for W in reversed(weights[1:]):
        estimate *= 0.25
        bound *= 0.25 * np.linalg.svd(W, compute_uv=False)[0]  # the largest singular value
    return estimate, bound


def signal_math_prod(weights, top):
    depth = len(weights) - 1
    stretch = math.prod(float(np.linalg.norm(W.T, ord=2)) for W in weights[1:])  # ‖Wᵀ‖₂ = ‖W‖₂
    return [top / 4**depth, top / 4**depth * stretch]


@pytest.mark.parametrize("solution", [signal_loop, signal_math_prod])
def test_first_layer_signal_accepts_right_answers(solution, capsys):
    check_first_layer_signal(solution)
    assert "✓ first_layer_signal: estimate top · ¼ᵈ and bound" in capsys.readouterr().out


def _signal(estimate_of, bound_of):
    def learner(weights, top):
        depth = len(weights) - 1
        return estimate_of(weights, top, depth), bound_of(weights, top, depth)

    return learner


def _good_estimate(weights, top, depth):
    return top * 0.25**depth


def _good_bound(weights, top, depth):
    return top * 0.25**depth * np.prod([np.linalg.norm(W, 2) for W in weights[1:]])


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (
            _signal(
                _good_estimate,
                lambda w, t, d: t * 0.25**d * np.prod([np.linalg.norm(W) for W in w[1:]]),
            ),
            [
                "for bound (3 hidden layers of 8 units, top = 0.7)",
                "Frobenius",
                "np.linalg.norm(W, 2)",
            ],
        ),
        (
            _signal(
                _good_estimate,
                lambda w, t, d: t * 0.25**d * np.prod([np.linalg.norm(W, 2) for W in w]),
            ),
            ["W⁽¹⁾ included", "never passes through it"],
        ),
        (
            _signal(lambda w, t, d: t * 0.25 ** (d + 1), _good_bound),
            ["one too many", "d = len(weights) − 1"],
        ),
        (_signal(lambda w, t, d: 0.25**d, _good_bound), ["top is missing from the estimate"]),
        (_signal(_good_bound, _good_bound), ["the weights in the estimate too"]),
        (
            _signal(
                _good_estimate, lambda w, t, d: t * np.prod([np.linalg.norm(W, 2) for W in w[1:]])
            ),
            ["without the factors ¼"],
        ),
        (lambda w, t: _signal(_good_estimate, _good_bound)(w, t)[::-1], ["swapped"]),
        (lambda w, t: t * 0.25 ** (len(w) - 1), ["expected a pair (estimate, bound), got float"]),
        (
            _signal(_good_estimate, lambda w, t, d: 1.01 * _good_bound(w, t, d)),
            ["bound", "expected"],
        ),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "frobenius",
        "first-matrix-included",
        "one-factor-too-many",
        "ratio-not-size",
        "weights-in-estimate",
        "bound-without-quarters",
        "swapped",
        "one-number",
        "slightly-off",
        "stub",
    ],
)
def test_first_layer_signal_rejects_wrong_answers(wrong, fragments):
    rejects(check_first_layer_signal, wrong, "first_layer_signal", *fragments)


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
    "check", [check_stable_sigmoid, check_first_layer_signal, check_logistic_regression_gradient]
)
def test_not_a_function(check):
    with pytest.raises(AssertionError, match="expected a function"):
        check(42)
