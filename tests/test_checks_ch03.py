"""Mutation tests for chapter 03's exercise checks.

Every check must accept the reference solution and reject each typical wrong answer with a
message that names the mistake; the assertions pin the words a learner would read.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.checks import (
    check_binary_cross_entropy,
    check_centred_difference,
    check_gradient_descent_step,
)

# --- binary_cross_entropy ----------------------------------------------------------------------


def bce_reference(p, y, eps=1e-7):
    p = np.clip(p, eps, 1 - eps)
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))


def bce_log1p(p, y, eps=1e-7):
    """A different but equally right spelling: log1p(−p) for log(1 − p), clipping by hand."""
    p = np.minimum(np.maximum(p, eps), 1 - eps)
    return float(np.mean(-y * np.log(p) - (1 - y) * np.log1p(-p)))


@pytest.mark.parametrize("solution", [bce_reference, bce_log1p], ids=["clip", "log1p"])
def test_bce_reference_passes(solution, capsys):
    check_binary_cross_entropy(solution)
    assert "✓ binary_cross_entropy" in capsys.readouterr().out


def _naive(p, y, eps=1e-7):
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _naive_silenced(p, y, eps=1e-7):
    with np.errstate(divide="ignore", invalid="ignore"):
        return _naive(p, y)


def _clip_low_only(p, y, eps=1e-7):
    return _naive(np.maximum(p, eps), y)


def _add_eps(p, y, eps=1e-7):
    return np.mean(-(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))


def _fixed_eps(p, y, eps=1e-7):
    return bce_reference(p, y, 1e-7)


def _other_eps(p, y, eps=1e-7):
    return bce_reference(p, y, 1e-12)


def _hard_labels(p, y, eps=1e-7):
    p = np.clip(p, eps, 1 - eps)
    return np.mean(np.where(y == 1, -np.log(p), -np.log(1 - p)))


def _in_place(p, y, eps=1e-7):
    np.clip(p, eps, 1 - eps, out=p)
    return bce_reference(p, y, eps)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_naive, ["numpy warned", "divide by zero", "np.clip(p, eps, 1 - eps)"]),
        (_naive_silenced, ["not a finite number", "Clip first"]),
        (_clip_low_only, ["numpy warned", "Clip first"]),
        (lambda p, y, eps=1e-7: -bce_reference(p, y, eps), ["minus sign missing", "≥ 0"]),
        (lambda p, y, eps=1e-7: 4 * bce_reference(p, y, eps), ["sum over the batch", "np.mean"]),
        (
            lambda p, y, eps=1e-7: bce_reference(1 - np.asarray(p), y, eps),
            ["y and 1 − y swapped"],
        ),
        (
            lambda p, y, eps=1e-7: np.mean(-y * np.log(np.clip(p, eps, 1 - eps))),
            ["(1 − y)·log(1 − p) term is missing", "y = 0"],
        ),
        (
            lambda p, y, eps=1e-7: np.mean(-(1 - y) * np.log(1 - np.clip(p, eps, 1 - eps))),
            ["y·log p term is missing"],
        ),
        (lambda p, y, eps=1e-7: bce_reference(p, y, eps) / np.log(10), ["base-10", "np.log10"]),
        (lambda p, y, eps=1e-7: bce_reference(p, y, eps) / np.log(2), ["base-2"]),
        (lambda p, y, eps=1e-7: np.mean((p - y) ** 2), ["mean squared error"]),
        (_add_eps, ["eps added inside the logs", "negative", "Clip instead"]),
        (_fixed_eps, ["ignoring the eps argument"]),
        (_other_eps, ["eps = 1e-07", "16.1181"]),
        (_hard_labels, ["hard-label shortcut", "soft label"]),
        (
            lambda p, y, eps=1e-7: (
                -(y * np.log(np.clip(p, eps, 1 - eps)))
                - (1 - y) * np.log(1 - np.clip(p, eps, 1 - eps))
            ),
            ["one loss per example", "np.mean"],
        ),
        (_in_place, ["changed its input p in place"]),
        (lambda p, y, eps=1e-7: None, ["returned None"]),
        (lambda p, y, eps=1e-7: "loss", ["expected numbers"]),
        (lambda p, y: bce_reference(p, y), ["raised TypeError", "eps"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "naive-log0",
        "naive-silenced-nan",
        "clip-one-side",
        "no-minus",
        "sum-not-mean",
        "swapped",
        "missing-negative-class-term",
        "missing-positive-class-term",
        "log10",
        "log2",
        "mse",
        "add-eps",
        "ignores-eps-argument",
        "wrong-eps",
        "hard-label-shortcut",
        "per-example",
        "modifies-input",
        "returns-none",
        "returns-text",
        "no-eps-parameter",
        "stub",
    ],
)
def test_bce_wrong_answers_are_rejected_with_the_reason(wrong, fragments):
    rejects(check_binary_cross_entropy, wrong, "binary_cross_entropy", *fragments)


# --- centred_difference ------------------------------------------------------------------------


def centred_reference(loss, W, index, h=1e-5):
    old = W[index]
    W[index] = old + h
    plus = loss(W)
    W[index] = old - h
    minus = loss(W)
    W[index] = old
    return (plus - minus) / (2 * h)


def centred_on_copies(loss, W, index, h=1e-5):
    nudge = np.zeros_like(W)
    nudge[index] = h
    return (loss(W + nudge) - loss(W - nudge)) / (2 * h)


@pytest.mark.parametrize(
    "solution", [centred_reference, centred_on_copies], ids=["restore", "copy"]
)
def test_centred_reference_passes(solution, capsys):
    check_centred_difference(solution)
    assert "✓ centred_difference" in capsys.readouterr().out


def _shifted(W, index, delta):
    moved = W.copy()
    moved[index] += delta
    return moved


def _forward(loss, W, index, h=1e-5):
    return (loss(_shifted(W, index, h)) - loss(W)) / h


def _backward(loss, W, index, h=1e-5):
    return (loss(W) - loss(_shifted(W, index, -h))) / h


def _over_h(loss, W, index, h=1e-5):
    return (loss(_shifted(W, index, h)) - loss(_shifted(W, index, -h))) / h


def _flipped(loss, W, index, h=1e-5):
    return -centred_on_copies(loss, W, index, h)


def _all_weights(loss, W, index, h=1e-5):
    return (loss(W + h) - loss(W - h)) / (2 * h)


def _not_restored(loss, W, index, h=1e-5):
    W[index] += h
    plus = loss(W)
    W[index] -= 2 * h
    return (plus - loss(W)) / (2 * h)


def _fixed_h(loss, W, index, h=1e-5):
    return centred_on_copies(loss, W, index, 1e-5)


def _whole_gradient(loss, W, index, h=1e-5):
    gradient = np.zeros_like(W)
    for i in np.ndindex(W.shape):
        gradient[i] = centred_on_copies(loss, W, i, h)
    return gradient


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_forward, ["forward difference", "O(h)", "(2h)"]),
        (_backward, ["backward difference", "O(h)"]),
        (_over_h, ["divided by h, not 2h", "2h apart"]),
        (_flipped, ["minus the centred difference", "L(w + h) − L(w − h)"]),
        (_all_weights, ["every weight is nudged at once", "holds every other weight fixed"]),
        (_not_restored, ["W was changed by your function", "put the weight back"]),
        (_fixed_h, ["ignoring the h argument", "h = 0.01"]),
        (_whole_gradient, ["expected one number", "shape (2, 3)"]),
        (lambda loss, W, index, h=1e-5: loss(W), ["the loss itself"]),
        (lambda loss, W, index, h=1e-5: None, ["returned None"]),
        (lambda loss, W, index, h=1e-5: loss(W[index]), ["raised"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "forward",
        "backward",
        "divides-by-h",
        "sign",
        "all-weights",
        "not-restored",
        "ignores-h",
        "whole-gradient",
        "returns-loss",
        "returns-none",
        "crashes",
        "stub",
    ],
)
def test_centred_wrong_answers_are_rejected_with_the_reason(wrong, fragments):
    rejects(check_centred_difference, wrong, "centred_difference", *fragments)


def test_a_drift_of_a_few_ulps_when_restoring_is_accepted(capsys):
    def add_subtract(loss, W, index, h=1e-5):
        W[index] += h
        plus = loss(W)
        W[index] -= 2 * h
        minus = loss(W)
        W[index] += h  # may differ from the original in the last bit: harmless
        return (plus - minus) / (2 * h)

    check_centred_difference(add_subtract)
    assert "✓ centred_difference" in capsys.readouterr().out


# --- gradient_descent_step ---------------------------------------------------------------------


def step_reference(w, grad, lr):
    return w - lr * grad


def test_step_reference_passes(capsys):
    # Also pins that a right answer is never mistaken for a known wrong one: with lr = 0 the
    # reference equals "w + lr·grad, a step uphill", and must still pass.
    check_gradient_descent_step(step_reference)
    assert "✓ gradient_descent_step" in capsys.readouterr().out


def _in_place_step(w, grad, lr):
    w -= lr * grad
    return w


def _in_place_no_return(w, grad, lr):
    w -= lr * grad


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda w, grad, lr: w + lr * grad, ["a step uphill", "points uphill", "w - lr * grad"]),
        (lambda w, grad, lr: w - grad, ["learning rate is missing"]),
        (lambda w, grad, lr: -lr * grad, ["the step, not the new weights"]),
        (lambda w, grad, lr: lr * grad, ["the step (uphill)"]),
        (lambda w, grad, lr: w - grad / lr, ["divided by the learning rate"]),
        (lambda w, grad, lr: w - lr * np.sign(grad), ["expected", "w - lr * grad"]),
        (lambda w, grad, lr: (w - lr * grad).ravel(), ["expected shape (2, 3)"]),
        (_in_place_step, ["changed w in place", "new array"]),
        (_in_place_no_return, ["changed w in place"]),
        (lambda w, grad, lr: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "uphill",
        "no-lr",
        "step-only",
        "step-only-uphill",
        "divides-by-lr",
        "sign-of-gradient",
        "flattened",
        "in-place",
        "in-place-no-return",
        "returns-none",
        "stub",
    ],
)
def test_step_wrong_answers_are_rejected_with_the_reason(wrong, fragments):
    rejects(check_gradient_descent_step, wrong, "gradient_descent_step", *fragments)


def test_failures_are_assertion_errors_for_graders():
    for check in (check_binary_cross_entropy, check_centred_difference):
        with pytest.raises(AssertionError):
            check(stub)
    with pytest.raises(AssertionError):
        check_gradient_descent_step(42)
