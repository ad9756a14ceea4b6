"""Mutation tests for chapter 01's exercise checks.

Every check must accept the reference solution and reject each typical wrong answer with a
message that names the mistake; the assertions below pin the words a learner would read.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.checks import (
    check_collapse_linear,
    check_dense_layer,
    check_step_features,
)


def _stable_sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def test_failure_is_an_assertion_error_for_graders():
    with pytest.raises(AssertionError):
        check_collapse_linear(stub)


# --- collapse_linear -------------------------------------------------------------------------


def collapse_reference(W1, b1, W2, b2):
    return W1 @ W2, b1 @ W2 + b2


def test_collapse_reference_passes(capsys):
    check_collapse_linear(collapse_reference)
    assert "✓ collapse_linear" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda W1, b1, W2, b2: (W2 @ W1, b1 @ W2 + b2), ["W2 @ W1", "wrong order", "W1 @ W2"]),
        (lambda W1, b1, W2, b2: (W2 @ W1, W2 @ b1 + b2), ["W2 @ W1", "column convention"]),
        (lambda W1, b1, W2, b2: (W1 @ W2, b2), ["b2 alone", "b1 was dropped", "b1 @ W2 + b2"]),
        (lambda W1, b1, W2, b2: (W1 @ W2, b1 + b2), ["b1 + b2", "skipped the second layer"]),
        (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2), ["b2 was dropped"]),
        (lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 - b2), ["sign error", "b1 @ W2 + b2"]),
        (lambda W1, b1, W2, b2: (-(W1 @ W2), b1 @ W2 + b2), ["-(W1 @ W2)", "sign error"]),
        (lambda W1, b1, W2, b2: (W1 * W2, b1 @ W2 + b2), ["element by element", "(@)"]),
        (lambda W1, b1, W2, b2: (W1 @ W2, W2 @ b1 + b2), ["column convention"]),
    ],
    ids=[
        "transposed-product",
        "column-convention",
        "forgot-b1",
        "b1-not-through-W2",
        "forgot-b2",
        "bias-sign",
        "weight-sign",
        "elementwise",
        "bias-column-convention",
    ],
)
def test_collapse_rejects_typical_mistakes(wrong, fragments):
    rejects(check_collapse_linear, wrong, "collapse_linear", *fragments)


def test_collapse_wrong_order_on_non_square_shapes_gets_the_convention_hint():
    # Only the non-square cases are seen if the square one happens to pass: emulate a learner
    # whose order is right for square matrices only by transposing everything.
    def wrong(W1, b1, W2, b2):
        if W1.shape == W2.shape:
            return W1 @ W2, b1 @ W2 + b2
        return W2 @ W1, b1 @ W2 + b2

    rejects(check_collapse_linear, wrong, "raised ValueError", "W1 of shape (4, 3)", "W1 @ W2")


def test_collapse_rejects_bias_with_an_extra_axis():
    def wrong(W1, b1, W2, b2):
        return W1 @ W2, (b1 @ W2 + b2)[None, :]

    rejects(check_collapse_linear, wrong, "expected shape (3,)", "got shape (1, 3)", "(d_out,)")


def test_collapse_rejects_a_single_return_value():
    rejects(check_collapse_linear, lambda W1, b1, W2, b2: W1 @ W2, "expected a pair (W, b)")


def test_collapse_rejects_missing_return():
    rejects(check_collapse_linear, lambda W1, b1, W2, b2: None, "returned None", "return")


def test_collapse_rejects_stub():
    rejects(check_collapse_linear, stub, "NotImplementedError")


def test_collapse_rejects_non_callable():
    rejects(check_collapse_linear, 42, "expected a function")


def test_collapse_reports_expected_versus_got_for_an_unrecognised_mistake():
    def wrong(W1, b1, W2, b2):
        return W1 @ W2 + 0.5, b1 @ W2 + b2

    rejects(check_collapse_linear, wrong, "expected array of shape (3, 3)", "got array", "index")


# --- dense_layer -----------------------------------------------------------------------------


def dense_reference(x, W, b, activation):
    return activation(x @ W + b)


def test_dense_reference_passes(capsys):
    check_dense_layer(dense_reference)
    assert "✓ dense_layer" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x, W, b, f: x @ W + b, ["activation was never applied"]),
        (lambda x, W, b, f: f(x @ W) + b, ["bias was added after the activation"]),
        (lambda x, W, b, f: f(x @ W), ["bias is missing"]),
        (lambda x, W, b, f: f(x @ W - b), ["sign error"]),
        (lambda x, W, b, f: f(W.T @ x.T + b[:, None]), ["transposed", "expected shape (5, 2)"]),
        (lambda x, W, b, f: f(W @ x + b), ["raised ValueError", "x @ W (not W @ x)"]),
        (lambda x, W, b, f: f(x @ W + b).sum(axis=1), ["expected shape (5, 2)", "got shape (5,)"]),
        (lambda x, W, b, f: np.tanh(x @ W + b), ["activation=relu", "argument was ignored"]),
        (lambda x, W, b, f: np.maximum(x @ W + b, 0), ["activation=np.tanh", "relu(x @ W + b)"]),
    ],
    ids=[
        "no-activation",
        "bias-after-activation",
        "no-bias",
        "bias-sign",
        "transposed",
        "W-at-x",
        "summed-neurons",
        "hard-coded-tanh",
        "hard-coded-relu",
    ],
)
def test_dense_rejects_typical_mistakes(wrong, fragments):
    rejects(check_dense_layer, wrong, "dense_layer", *fragments)


def test_dense_rejects_stub():
    rejects(check_dense_layer, stub, "NotImplementedError", "raise NotImplementedError")


# --- step_features ---------------------------------------------------------------------------


def steps_reference(x, knots, sharpness):
    return _stable_sigmoid(sharpness * (x - knots))


def test_steps_reference_passes(capsys):
    check_step_features(steps_reference)
    assert "✓ step_features" in capsys.readouterr().out


def _naive_steps(x, knots, sharpness):
    return 1.0 / (1.0 + np.exp(-sharpness * (x - knots)))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x, k, s: _stable_sigmoid(s * (k - x)), ["go down instead of up", "x - knots"]),
        (lambda x, k, s: _stable_sigmoid(x - k), ["sharpness is ignored"]),
        (lambda x, k, s: _stable_sigmoid((x - k) / s), ["dividing instead of multiplying"]),
        (lambda x, k, s: np.tanh(s * (x - k)), ["tanh", "from 0 to 1"]),
        (lambda x, k, s: (x > k).astype(float), ["hard 0/1 step", "0.5 exactly at a knot"]),
        (lambda x, k, s: (x >= k).astype(float), ["hard 0/1 step"]),
        (lambda x, k, s: _stable_sigmoid(s * (x - k)).T, ["transposed", "expected shape (6, 3)"]),
        (lambda x, k, s: _stable_sigmoid(s * (x.ravel() - k)), ["raised ValueError", "(n, 1)"]),
        (
            _naive_steps,
            ["numpy warned", "overflow", "sharpness = 1000", "helpers.activations.sigmoid"],
        ),
        (lambda x, k, s: _stable_sigmoid(s * (x - k)) - 0.5, ["expected array", "got array"]),
    ],
    ids=[
        "sign",
        "no-sharpness",
        "divides",
        "tanh",
        "hard-step",
        "hard-step-inclusive",
        "transposed",
        "flattened-x",
        "naive-overflow",
        "shifted",
    ],
)
def test_steps_rejects_typical_mistakes(wrong, fragments):
    rejects(check_step_features, wrong, "step_features", *fragments)


def test_steps_rejects_stub():
    rejects(check_step_features, stub, "NotImplementedError")
