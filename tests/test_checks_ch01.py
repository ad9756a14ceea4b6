"""Mutation tests for chapter 01's exercise checks.

Every check must accept the reference solution and reject each typical wrong answer with a
message that names the mistake; the assertions below pin the words a learner would read.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects, stub
from scipy.special import expit

from helpers.checks import (
    check_collapse_linear,
    check_step_features,
    check_step_slope,
    check_xor_forward,
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


# --- xor_forward (diagnose) -------------------------------------------------------------------


def xor_reference(X, W1, b1, W2, b2):
    hidden = np.maximum(X @ W1 + b1, 0.0)
    return _stable_sigmoid(hidden @ W2 + b2)[:, 0]


def test_xor_forward_reference_passes(capsys):
    check_xor_forward(xor_reference)
    assert "✓ xor_forward: the ReLU sits on the hidden layer's weighted sums" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize(
    "other",
    [
        # einsum, np.where, a flattened output and the textbook sigmoid are all correct here
        lambda X, W1, b1, W2, b2: _stable_sigmoid(
            np.einsum("nh,ho->no", np.where(X @ W1 + b1 > 0, X @ W1 + b1, 0.0), W2) + b2
        ).ravel(),
        lambda X, W1, b1, W2, b2: (
            1.0 / (1.0 + np.exp(-(np.maximum(0, np.dot(X, W1) + b1) @ W2 + b2)))
        ).reshape(-1),
        lambda X, W1, b1, W2, b2: np.array(
            [_stable_sigmoid(np.maximum(x @ W1 + b1, 0) @ W2[:, 0] + b2[0]) for x in X]
        ),
    ],
    ids=["einsum-where-ravel", "dot-textbook-sigmoid", "row-by-row"],
)
def test_xor_forward_accepts_other_correct_spellings(other, capsys):
    check_xor_forward(other)
    assert "✓ xor_forward" in capsys.readouterr().out


def _buggy_forward(X, W1, b1, W2, b2):
    """The notebook's planted bug, exactly as a learner who changed nothing would submit it."""
    inputs = np.maximum(X, 0.0)
    hidden = inputs @ W1 + b1
    logit = hidden @ W2 + b2
    return _stable_sigmoid(logit)[:, 0]


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (
            _buggy_forward,
            ["the planted bug, still there", "still an XOR", "each hidden unit's weighted sum"],
        ),
        (
            lambda X, W1, b1, W2, b2: xor_reference(np.maximum(X, 0.0), W1, b1, W2, b2),
            ["kept the planted one", "remove relu(X)"],
        ),
        (
            lambda X, W1, b1, W2, b2: _stable_sigmoid((X @ W1 + b1) @ W2 + b2)[:, 0],
            ["no ReLU at all", "collapse into one (section 3)"],
        ),
        (
            lambda X, W1, b1, W2, b2: _stable_sigmoid(np.maximum((X @ W1 + b1) @ W2 + b2, 0))[:, 0],
            ["the ReLU on the output's logit", "still a straight line"],
        ),
        (
            lambda X, W1, b1, W2, b2: (np.maximum(X @ W1 + b1, 0) @ W2 + b2)[:, 0],
            ["the logit, not the probability", "sigmoid(logit)"],
        ),
        (
            lambda X, W1, b1, W2, b2: xor_reference(X, W1, b1, W2, b2)[:, None],
            ["expected shape (6,), got (6, 1)", "[:, 0]"],
        ),
        (
            lambda X, W1, b1, W2, b2: _stable_sigmoid(np.tanh(X @ W1 + b1) @ W2 + b2)[:, 0],
            ["expected array of shape (6,)", "The ReLU belongs on each hidden unit's weighted sum"],
        ),
        (
            lambda X, W1, b1, W2, b2: _stable_sigmoid(np.maximum(W1 @ X + b1, 0) @ W2 + b2),
            ["raised ValueError", "X has one example per row"],
        ),
    ],
    ids=[
        "unchanged-bug",
        "relu-twice",
        "no-relu",
        "relu-on-logit",
        "logit",
        "column",
        "tanh-hidden",
        "W1-at-X",
    ],
)
def test_xor_forward_rejects_typical_mistakes(wrong, fragments):
    rejects(check_xor_forward, wrong, "xor_forward", *fragments)


def test_xor_forward_hand_set_case_catches_a_fix_that_only_works_for_random_weights():
    # Right whenever b1 is not all zero, wrong with the hand-set weights (b1 = 0): a learner who
    # special-cased the random cases still fails on the corners of XOR.
    def wrong(X, W1, b1, W2, b2):
        if not np.any(b1):
            return _buggy_forward(X, W1, b1, W2, b2)
        return xor_reference(X, W1, b1, W2, b2)

    rejects(check_xor_forward, wrong, "four corners of XOR", "planted bug")


def test_xor_forward_rejects_stub():
    rejects(check_xor_forward, stub, "NotImplementedError")


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


# --- step_slope (derive) -----------------------------------------------------------------------


def slope_reference(x, knots, sharpness):
    z = sharpness * (x - knots)
    return sharpness * _stable_sigmoid(z) * _stable_sigmoid(-z)


def test_step_slope_reference_passes(capsys):
    check_step_slope(slope_reference)
    out = capsys.readouterr().out
    assert "✓ step_slope: sharpness·σ(z)·σ(−z) agrees with centred differences" in out


@pytest.mark.parametrize(
    "other",
    [
        # σ(1 − σ), scipy's expit, the sech² form written stably, and exp(−|z|) / (1 + exp(−|z|))²
        lambda x, k, s: s * _stable_sigmoid(s * (x - k)) * (1 - _stable_sigmoid(s * (x - k))),
        lambda x, k, s: s * expit(s * (x - k)) * expit(-s * (x - k)),
        lambda x, k, s: s * np.exp(-np.abs(s * (x - k))) / (1 + np.exp(-np.abs(s * (x - k)))) ** 2,
        lambda x, k, s: s / 4 * (1 - np.tanh(s * (x - k) / 2) ** 2),
    ],
    ids=["sigma-one-minus-sigma", "expit", "exp-abs", "tanh-sech2"],
)
def test_step_slope_accepts_other_correct_spellings(other, capsys):
    check_step_slope(other)
    assert "✓ step_slope" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (
            lambda x, k, s: _stable_sigmoid(s * (x - k)) * _stable_sigmoid(-s * (x - k)),
            ["without the factor sharpness", "dz/dx = sharpness"],
        ),
        (lambda x, k, s: -slope_reference(x, k, s), ["with respect to the knot", "dz/dk"]),
        (lambda x, k, s: _stable_sigmoid(s * (x - k)), ["the step σ(z) itself", "chain rule"]),
        (lambda x, k, s: slope_reference(x, k, s).T, ["transposed", "expected shape (6, 3)"]),
        (
            lambda x, k, s: s * np.exp(-s * (x - k)) / (1 + np.exp(-s * (x - k))) ** 2,
            ["numpy warned", "overflow", "sharpness = 1000", "stable for any z"],
        ),
        (
            lambda x, k, s: slope_reference(x, k, s) * 1.001,
            ["a centred difference of the step", "relative error 5.0e-04", "within 1e-06"],
        ),
        (
            lambda x, k, s: s**2 * _stable_sigmoid(s * (x - k)) * _stable_sigmoid(-s * (x - k)),
            ["a centred difference of the step", "σ′(z) = σ(z)·σ(−z)"],
        ),
        (lambda x, k, s: slope_reference(x.ravel(), k, s), ["raised ValueError", "(n, 1)"]),
    ],
    ids=[
        "no-chain-factor",
        "wrt-knot",
        "the-step",
        "transposed",
        "naive-overflow",
        "off-by-0.1-percent",
        "sharpness-squared",
        "flattened-x",
    ],
)
def test_step_slope_rejects_typical_mistakes(wrong, fragments):
    rejects(check_step_slope, wrong, "step_slope", *fragments)


def test_step_slope_gradient_check_message_names_the_input_and_both_values():
    message = rejects(check_step_slope, lambda x, k, s: slope_reference(x, k, s) + 0.01)
    assert "for x = [-2.0, -0.5, 0.0, 0.25, 1.0, 3.0] (shape (6, 1))" in message
    assert "gives 0.75 at index (2, 1), your slope 0.76" in message


def test_step_slope_rejects_stub():
    rejects(check_step_slope, stub, "NotImplementedError")
