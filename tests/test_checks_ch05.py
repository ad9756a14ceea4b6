"""Mutation tests for chapter 05's exercise checks (backpropagation).

Every check must accept the reference solution and reject each typical wrong answer — a wrong
transpose, a missing or doubled 1/N, a missing f′(z), a flipped sign, an unstable softmax — with
a message that names the mistake; the assertions pin the words a learner would read.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import softmax, tanh, tanh_derivative
from helpers.checks import (
    check_backprop_one_hidden,
    check_dense_backward,
    check_fixed_backward,
    check_softmax_ce_delta,
)

# --- dense_backward ---------------------------------------------------------------------------


def dense_reference(x, W, dy):
    return dy @ W.T, x.T @ dy, dy.sum(axis=0)


def test_dense_reference_passes(capsys):
    check_dense_backward(dense_reference)
    assert "✓ dense_backward" in capsys.readouterr().out


def test_dense_reference_on_lists_of_arrays_passes(capsys):
    check_dense_backward(lambda x, W, dy: list(dense_reference(x, W, dy)))
    assert "✓ dense_backward" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x, W, dy: (dy @ W, x.T @ dy, dy.sum(0)), ["dx", "dy @ W, without the transpose"]),
        (lambda x, W, dy: (-dy @ W.T, x.T @ dy, dy.sum(0)), ["dx", "sign error"]),
        (lambda x, W, dy: (dy @ W.T / len(x), x.T @ dy, dy.sum(0)), ["dx", "dy @ W.T / N", "sum"]),
        (lambda x, W, dy: (dy @ W.T, dy.T @ x, dy.sum(0)), ["dW", "transpose", "x.T @ δ"]),
        (lambda x, W, dy: (dy @ W.T, x.T @ dy / len(x), dy.sum(0)), ["dW", "mean over the batch"]),
        (lambda x, W, dy: (dy @ W.T, -x.T @ dy, dy.sum(0)), ["dW", "sign error"]),
        (lambda x, W, dy: (dy @ W.T, x.T @ dy, dy.mean(0)), ["db", "dy.mean(axis=0)", "add up"]),
        (lambda x, W, dy: (dy @ W.T, x.T @ dy, -dy.sum(0)), ["db", "sign error"]),
        (lambda x, W, dy: (dy @ W.T, x.T @ dy, dy.sum(1)), ["db", "one per unit", "axis=0"]),
        (lambda x, W, dy: (dy @ W.T, x.T @ dy, dy), ["db", "one per unit"]),
        (lambda x, W, dy: (dy @ W.T, x.T @ dy, dy.sum()), ["db", "expected shape (3,)"]),
        (lambda x, W, dy: (dy @ W.T, x.T @ dy, dy.sum(0) + 1.0), ["db", "first mismatch"]),
        (lambda x, W, dy: (x.T @ dy, dy @ W.T, dy.sum(0)), ["swapped"]),
        (lambda x, W, dy: (dy @ W.T, x.T @ dy), ["three arrays (dx, dW, db)"]),
        (lambda x, W, dy: None, ["returned None"]),
    ],
    ids=[
        "dx-no-transpose",
        "dx-sign",
        "dx-averaged",
        "dW-transposed",
        "dW-averaged",
        "dW-sign",
        "db-mean",
        "db-sign",
        "db-wrong-axis",
        "db-not-summed",
        "db-summed-everything",
        "db-off",
        "dx-dW-swapped",
        "two-results",
        "returns-none",
    ],
)
def test_dense_wrong_answers_are_named(wrong, fragments):
    rejects(check_dense_backward, wrong, "dense_backward", *fragments)


def test_dense_crash_from_a_missing_transpose_gets_the_transpose_hint():
    # Fine for the square first case, a ValueError for the (3, 2) weight matrix of the second.
    def no_transpose_everywhere(x, W, dy):
        return dy @ W.T, x.T @ dy, dy.sum(0)

    def crashes_when_not_square(x, W, dy):
        if W.shape[0] == W.shape[1]:
            return no_transpose_everywhere(x, W, dy)
        return dy @ W, x.T @ dy, dy.sum(0)

    rejects(check_dense_backward, crashes_when_not_square, "raised ValueError", "dy @ W.T")


def test_dense_stub_is_reported_as_unfinished():
    rejects(check_dense_backward, stub, "still raises NotImplementedError")


# --- softmax_ce_delta -------------------------------------------------------------------------


def _onehot(logits, labels):
    return np.eye(logits.shape[1])[labels]


def delta_reference(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    return (probs - _onehot(logits, labels)) / len(logits)


def test_delta_reference_passes(capsys):
    check_softmax_ce_delta(delta_reference)
    out = capsys.readouterr().out
    assert "✓ softmax_ce_delta" in out
    assert "finite differences agree to better than 1e-8" in out


def test_delta_does_not_depend_on_the_inputs_being_writable(capsys):
    def in_place(logits, labels):
        logits -= logits.max(axis=1, keepdims=True)  # the check hands over copies
        return delta_reference(logits, labels)

    check_softmax_ce_delta(in_place)
    assert "✓ softmax_ce_delta" in capsys.readouterr().out


def _naive(logits, labels):
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    return (probs - _onehot(logits, labels)) / len(logits)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda z, y: -delta_reference(z, y), ["sign is flipped"]),
        (lambda z, y: delta_reference(z, y) * len(z), ["without the 1/N", "mean over the N"]),
        (lambda z, y: delta_reference(z, y) / z.shape[1], ["(N·k)", "not classes"]),
        (lambda z, y: (z - _onehot(z, y)) / len(z), ["softmax is missing"]),
        (lambda z, y: softmax(z, axis=1) / len(z), ["never subtracted"]),
        (lambda z, y: (softmax(z, axis=1) - y[:, None]) / len(z), ["label numbers"]),
        (lambda z, y: (softmax(z, axis=0) - _onehot(z, y)) / len(z), ["axis 0", "axis=1"]),
        (lambda z, y: delta_reference(z, y).T, ["transpose", "one row per example"]),
        (lambda z, y: delta_reference(z, y).sum(axis=1), ["expected shape (4, 3)"]),
        (_naive, ["numpy warned", "overflow", "subtract each row's max"]),
        (lambda z, y: None, ["returned None"]),
    ],
    ids=[
        "sign",
        "no-mean",
        "divided-by-N-k",
        "no-softmax",
        "no-onehot",
        "label-numbers",
        "softmax-axis-0",
        "transposed",
        "summed-rows",
        "naive-exp-overflows",
        "returns-none",
    ],
)
def test_delta_wrong_answers_are_named(wrong, fragments):
    rejects(check_softmax_ce_delta, wrong, "softmax_ce_delta", *fragments)


def test_delta_nan_from_suppressed_overflow_points_to_the_stable_form():
    def silenced_naive(logits, labels):
        with np.errstate(over="ignore", invalid="ignore"):
            return _naive(logits, labels)

    rejects(check_softmax_ce_delta, silenced_naive, "logits of shape (3, 4)", "subtract each row")


def test_delta_stub_is_reported_as_unfinished():
    rejects(check_softmax_ce_delta, stub, "still raises NotImplementedError")


# --- backprop_one_hidden ----------------------------------------------------------------------


def _backprop(params, X, labels, *, mistake=None):
    """A correct backward pass, or one with a single mistake switched on."""
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    Z1 = X @ W1 + b1
    A1 = tanh(Z1)
    n = len(X)
    delta2 = softmax(A1 @ W2 + b2, axis=1) - np.eye(W2.shape[1])[labels]
    if mistake != "no 1/N":
        delta2 /= n
    slope = {"no f'": 1.0, "f'(a)": tanh_derivative(A1), "1 - z²": 1.0 - Z1**2}
    back = delta2 @ (W2 if mistake == "no transpose" else W2.T)
    delta1 = back * slope.get(mistake, tanh_derivative(Z1))
    grads = {
        "W1": (delta1.T @ X) if mistake == "dW transposed" else X.T @ delta1,
        "b1": delta1.mean(axis=0) if mistake == "b mean" else delta1.sum(axis=0),
        "W2": A1.T @ delta2,
        "b2": delta2.mean(axis=0) if mistake == "b mean" else delta2.sum(axis=0),
    }
    if mistake == "sign":
        grads = {key: -value for key, value in grads.items()}
    if mistake == "1/N twice":
        grads = {key: value / n for key, value in grads.items()}
    return grads


def backprop_reference(params, X, labels):
    return _backprop(params, X, labels)


def test_backprop_reference_passes(capsys):
    check_backprop_one_hidden(backprop_reference)
    out = capsys.readouterr().out
    assert "✓ backprop_one_hidden" in out
    assert "agree with finite differences to better than 1e-8" in out


@pytest.mark.parametrize(
    ("mistake", "fragments"),
    [
        ("sign", ["negated gradients", "uphill"]),
        ("no 1/N", ["1/N is missing"]),
        ("1/N twice", ["divided by N twice"]),
        ("no f'", ["without the ⊙ f′(z)", "tanh′(Z1)"]),
        ("f'(a)", ["activation A1 instead of at Z1"]),
        ("1 - z²", ["1 − Z1²", "1 − A1²"]),
        ("no transpose", ["δ2 @ W2 instead of δ2 @ W2.T", "square W2"]),
        ("b mean", ["biases' sums replaced by means"]),
        ("dW transposed", ["grads['W1']", "transpose of (2, 3)"]),
    ],
)
def test_backprop_wrong_answers_are_named(mistake, fragments):
    def wrong(params, X, labels):
        return _backprop(params, X, labels, mistake=mistake)

    rejects(check_backprop_one_hidden, wrong, "backprop_one_hidden", *fragments)


def test_backprop_wrong_hidden_layer_points_back_through_W2():
    def wrong_b1(params, X, labels):
        grads = backprop_reference(params, X, labels)
        grads["b1"] = grads["b1"] + 0.1
        return grads

    rejects(check_backprop_one_hidden, wrong_b1, "grads['b1']", "output layer is right")


def test_backprop_wrong_output_layer_points_at_the_output():
    def wrong_W2(params, X, labels):
        grads = backprop_reference(params, X, labels)
        grads["W2"] = 2 * grads["W2"]
        return grads

    rejects(check_backprop_one_hidden, wrong_W2, "grads['W2']", "start at the output")


def test_backprop_missing_transpose_crash_on_a_non_square_W2_gets_a_hint():
    def no_transpose(params, X, labels):
        if params["W2"].shape[0] == params["W2"].shape[1]:
            return backprop_reference(params, X, labels)
        return _backprop(params, X, labels, mistake="no transpose")

    rejects(check_backprop_one_hidden, no_transpose, "raised ValueError", "δ2 @ W2.T")


def test_backprop_that_updates_the_weights_is_rejected():
    def updates(params, X, labels):
        grads = backprop_reference(params, X, labels)
        for key in grads:
            params[key] -= 0.1 * grads[key]
        return grads

    rejects(check_backprop_one_hidden, updates, "changed params['W1']", "later step")


@pytest.mark.parametrize(
    ("result", "fragment"),
    [
        ({"dW1": 0, "db1": 0, "dW2": 0, "db2": 0}, "expected a dict with keys"),
        ([1, 2, 3, 4], "got list"),
        (None, "returned None"),
    ],
)
def test_backprop_wrong_container_is_explained(result, fragment):
    rejects(check_backprop_one_hidden, lambda params, X, labels: result, fragment)


def test_backprop_stub_is_reported_as_unfinished():
    rejects(check_backprop_one_hidden, stub, "still raises NotImplementedError")


def test_not_a_function_is_rejected():
    for check in (
        check_dense_backward,
        check_softmax_ce_delta,
        check_backprop_one_hidden,
        check_fixed_backward,
    ):
        with pytest.raises(AssertionError, match="expected a function"):
            check(42)


# --- fixed_backward (diagnose) ----------------------------------------------------------------


def _fixed(params, cache, delta3):
    delta2 = (delta3 @ params["W3"].T) * tanh_derivative(cache["Z2"])
    delta1 = (delta2 @ params["W2"].T) * tanh_derivative(cache["Z1"])
    return {
        "W3": cache["A2"].T @ delta3,
        "b3": delta3.sum(axis=0),
        "W2": cache["A1"].T @ delta2,
        "b2": delta2.sum(axis=0),
        "W1": cache["A0"].T @ delta1,
        "b1": delta1.sum(axis=0),
    }


def _fixed_by_loop(params, cache, delta3):
    # The same backward pass written for any depth, with einsum for the weight gradients.
    grads, delta = {}, delta3
    for layer in (3, 2, 1):
        grads[f"W{layer}"] = np.einsum("ni,nj->ij", cache[f"A{layer - 1}"], delta)
        grads[f"b{layer}"] = np.sum(delta, axis=0)
        if layer > 1:
            A = cache[f"A{layer - 1}"]
            delta = (delta @ params[f"W{layer}"].T) * (1.0 - A**2)  # tanh′(Z) = 1 − tanh(Z)²
    return grads


def _colleague(params, cache, delta3):
    A0, Z1, Z2, A2 = (cache[key] for key in ("A0", "Z1", "Z2", "A2"))
    delta2 = (delta3 @ params["W3"].T) * tanh_derivative(Z2)
    delta1 = (delta2 @ params["W2"].T) * tanh_derivative(Z2)
    grads = {"W3": A2.T @ delta3, "b3": delta3.sum(axis=0), "W2": Z1.T @ delta2}
    grads.update(b2=delta2.sum(axis=0), W1=A0.T @ delta1, b1=delta1.sum(axis=0))
    return grads


@pytest.mark.parametrize("fixed", [_fixed, _fixed_by_loop], ids=["unrolled", "loop-einsum"])
def test_fixed_backward_right_answers_pass(fixed, capsys):
    check_fixed_backward(fixed)
    out = capsys.readouterr().out
    assert "✓ fixed_backward: all six gradients are right for 3 networks" in out
    assert "agrees to better than 1e-8" in out


def test_fixed_backward_the_colleagues_code_as_it_is_is_named():
    rejects(
        check_fixed_backward,
        _colleague,
        "N = 6 examples, sizes 2-4-4-3",
        "both planted bugs are still there",
        "b2 passes, so δ2 is right",
    )


def test_fixed_backward_half_fixes_are_named_with_what_still_fails():
    def only_W2(params, cache, delta3):
        return {**_colleague(params, cache, delta3), "W2": _fixed(params, cache, delta3)["W2"]}

    def only_delta1(params, cache, delta3):
        grads = _fixed(params, cache, delta3)
        delta2 = (delta3 @ params["W3"].T) * tanh_derivative(cache["Z2"])
        return {**grads, "W2": cache["Z1"].T @ delta2}

    rejects(check_fixed_backward, only_W2, "δ1 still takes tanh′ at Z2", "fail together")
    rejects(check_fixed_backward, only_delta1, "still multiplies δ2 by Z1", "b2 passes")


def test_fixed_backward_a_new_bug_in_a_right_line_points_at_that_tensor():
    def broke_b3(params, cache, delta3):
        return {**_fixed(params, cache, delta3), "b3": delta3.mean(axis=0)}

    rejects(check_fixed_backward, broke_b3, "grads['b3']", "keep its line as it was")


def test_fixed_backward_that_changes_the_cache_is_rejected():
    def overwrites(params, cache, delta3):
        cache["Z1"] = np.tanh(cache["Z1"])  # "fixing" the cache instead of the code
        return _fixed(params, cache, delta3)

    rejects(check_fixed_backward, overwrites, "changed cache['Z1'] in place")


def test_fixed_backward_stub_and_non_dicts():
    rejects(check_fixed_backward, stub, "still raises NotImplementedError")
    rejects(check_fixed_backward, lambda *args: [1, 2], "expected a dict with keys")
    rejects(check_fixed_backward, lambda *args: None, "returned None")
