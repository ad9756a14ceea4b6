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
    check_choose_learning_rate,
    check_gradient_descent_step,
)
from helpers.checks.ch03_loss import best_steps, descent_steps

# --- binary_cross_entropy ----------------------------------------------------------------------


def bce_reference(p, y, eps=1e-7):
    p = np.clip(p, eps, 1 - eps)
    return np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p)))


def bce_log1p(p, y, eps=1e-7):
    """A different but equally right spelling: log1p(−p) for log(1 − p), clipping by hand."""
    p = np.minimum(np.maximum(p, eps), 1 - eps)
    return float(np.mean(-y * np.log(p) - (1 - y) * np.log1p(-p)))


def bce_guard_each_log(p, y, eps=1e-7):
    """Guard the logs instead of clipping p: exactly 0 for a perfect answer (the review's case)."""
    return np.mean(-(y * np.log(np.maximum(p, eps)) + (1 - y) * np.log(np.maximum(1 - p, eps))))


def bce_clamp_the_log(p, y, eps=1e-7):
    """PyTorch's way: take the log, then clamp it from below (here at log(eps), not -100)."""
    with np.errstate(divide="ignore"):
        log_p = np.maximum(np.log(p), np.log(eps))
        log_not_p = np.maximum(np.log(1 - p), np.log(eps))
    return np.mean(-(y * log_p + (1 - y) * log_not_p))


def bce_xlogy(p, y, eps=1e-7):
    from scipy.special import xlogy

    c = np.clip(p, eps, 1 - eps)
    return -np.mean(xlogy(y, c) + xlogy(1 - y, 1 - c))


@pytest.mark.parametrize(
    "solution",
    [bce_reference, bce_log1p, bce_guard_each_log, bce_clamp_the_log, bce_xlogy],
    ids=["clip", "log1p", "maximum-guard", "clamp-log-at-log-eps", "xlogy"],
)
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


def _clamp_at_minus_100(p, y, eps=1e-7):
    with np.errstate(divide="ignore"):
        return np.mean(
            -(y * np.maximum(np.log(p), -100) + (1 - y) * np.maximum(np.log(1 - p), -100))
        )


def test_bce_a_perfect_answer_of_exactly_zero_is_not_called_the_mean_squared_error(capsys):
    # The review's finding: a guarded loss is 0 for p = [1, 0], y = [1, 0], and so is the MSE.
    def guarded_then_wrong_later(p, y, eps=1e-7):
        if p.tolist() == [1.0, 0.0]:
            return 0.0
        return bce_guard_each_log(p, y, eps) + (0.1 if p.tolist() == [0.0, 1.0, 0.5] else 0.0)

    message = rejects(check_binary_cross_entropy, guarded_then_wrong_later, "confidently wrong")
    assert "mean squared error" not in message


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
        (_clamp_at_minus_100, ["clamped at −100", "PyTorch", "−log(eps)"]),
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
        "pytorch-minus-100",
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


# --- choose_learning_rate (design, judged by the outcome) --------------------------------------


def rate_reference(lam_min, lam_max):
    return 2 / (lam_min + lam_max)


def rate_by_balancing(lam_min, lam_max):
    """Solve 1 − ηλ_min = ηλ_max − 1 numerically on a fine grid: same η, found another way."""
    grid = np.linspace(1e-6, 2 / lam_max, 200_001)
    worst = np.maximum(np.abs(1 - grid * lam_min), np.abs(1 - grid * lam_max))
    return float(grid[np.argmin(worst)])


@pytest.mark.parametrize(
    "solution",
    [
        rate_reference,
        rate_by_balancing,
        lambda a, b: 0.97 * 2 / (a + b),
        lambda a, b: 1.9 / (a + b),
    ],
    ids=["formula", "balanced-numerically", "three-percent-safer", "rounded-down"],
)
def test_rate_good_choices_pass(solution, capsys):
    check_choose_learning_rate(solution)
    out = capsys.readouterr().out
    assert "✓ choose_learning_rate: on all 4 bowls your η converges within 1.25×" in out


def test_rate_the_reference_is_near_the_best_of_the_grid():
    for lam_min, lam_max in [(0.08, 0.86), (1.0, 2.0), (0.02, 4.0), (0.5, 50.0)]:
        _, fewest = best_steps(lam_min, lam_max)
        assert descent_steps(rate_reference(lam_min, lam_max), lam_min, lam_max) <= fewest + 3


def test_descent_steps_counts_what_gradient_descent_does():
    w, lam, lr = np.array([1.0, 1.0]), np.array([0.3, 1.1]), 1.2
    steps = descent_steps(lr, *lam)
    for _ in range(steps):
        w = w - lr * lam * w  # the gradient of ½ Σ λ w² is λ w
    assert np.linalg.norm(w) <= 1e-6 * np.sqrt(2) < np.linalg.norm(w / (1 - lr * lam))
    assert descent_steps(2 / 1.1, *lam) is None and descent_steps(2.5, *lam) is None


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda a, b: 1 / b, ["η = 1/λ_max", "flat one shrinks by only", "sets the pace"]),
        (lambda a, b: 2 / b, ["exactly on the edge", "−1", "Stay below 2/λ_max"]),
        (lambda a, b: 1 / a, ["set by the flat direction", "diverges"]),
        (lambda a, b: 2 / a, ["flat direction's limit", "2/λ_max"]),
        (lambda a, b: 1 / (a + b), ["both factors still positive", "larger step"]),
        (lambda a, b: (a + b) / 2, ["a curvature, not a learning rate", "1/curvature"]),
        (lambda a, b: 1.8 / b, ["converges, in 61 steps", "needs 13", "4.7× slower"]),
        (lambda a, b: 2.1 / b, ["η·λ_max = 2.100", "never reaches the minimum", "below 2/λ_max"]),
        (lambda a, b: 1.0, ["your η = 1 converges", "slower", "|1 − ηλ_min| = 0.920"]),
        (lambda a, b: 0.0, ["a learning rate must be a positive number"]),
        (lambda a, b: np.array([a, b]), ["expected one learning rate"]),
        (lambda a, b: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "one-over-lam-max",
        "edge",
        "one-over-lam-min",
        "two-over-lam-min",
        "half",
        "curvature",
        "fixed-fraction-of-the-edge",
        "above-the-edge",
        "a-constant",
        "zero",
        "two-numbers",
        "returns-none",
        "stub",
    ],
)
def test_rate_wrong_choices_are_rejected_with_the_reason(wrong, fragments):
    rejects(check_choose_learning_rate, wrong, "choose_learning_rate", *fragments)
