"""Checks for chapter 03, "Loss and gradients".

1. ``binary_cross_entropy(p, y, eps=1e-7)``: the mean of −[y log p + (1 − y) log(1 − p)] with
   p clipped into [eps, 1 − eps], so p = 0 or 1 gives a large but finite loss, not inf or NaN.
2. ``centred_difference(loss, W, index, h=1e-5)``: (L(W + h·E) − L(W − h·E)) / 2h, where E is
   1 at ``index`` and 0 elsewhere — one weight nudged, all others held fixed.
3. ``gradient_descent_step(w, grad, lr)``: the new weights w − lr·grad, as a new array.

Each check compares the answer with the right one and, when they differ, with the usual wrong
answers (a missing minus, a forward difference, a step uphill ...) to name the mistake.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from ._core import (
    call_checked,
    call_learner,
    expect_close,
    fail,
    matches,
    name_mistake,
    passed,
)

__all__ = ["check_binary_cross_entropy", "check_centred_difference", "check_gradient_descent_step"]


# A wrong formula can give the right number for some inputs (with lr = 0, w + lr·grad is right
# too): name_mistake skips candidates equal to the expected answer.
_diagnose = partial(name_mistake, rtol=1e-8, atol=1e-14, skip_rtol=1e-8, skip_atol=1e-14)


# ----------------------------------------------------------------------------------------------
# Exercise 1: binary cross-entropy that survives p = 0 and p = 1
# ----------------------------------------------------------------------------------------------

_CLIP_HINT = (
    "log(0) = −inf, and 0·log(0) is NaN. Clip first, p = np.clip(p, eps, 1 - eps), so both logs "
    "stay finite."
)


def _bce(p: np.ndarray, y: np.ndarray, eps: float) -> float:
    clipped = np.clip(p, eps, 1 - eps)
    return float(np.mean(-(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))))


def _bce_mistakes(p: np.ndarray, y: np.ndarray, eps: float) -> dict[str, tuple[Any, str]]:
    c = np.clip(p, eps, 1 - eps)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_p_plus, log_q_plus = np.log(p + eps), np.log(1 - p + eps)
    right = -(y * np.log(c) + (1 - y) * np.log(1 - c))
    return {
        "the loss with the minus sign missing (it is negative)": (
            -np.mean(right),
            "log p ≤ 0 for p ≤ 1, so the loss needs a minus in front to be a penalty ≥ 0.",
        ),
        "the sum over the batch, not the mean": (
            np.sum(right),
            "average over the examples (np.mean), so the loss does not grow with the batch.",
        ),
        "the loss with y and 1 − y swapped": (
            np.mean(-((1 - y) * np.log(c) + y * np.log(1 - c))),
            "y = 1 should be charged −log p (small when p is near 1): "
            "y·log p + (1 − y)·log(1 − p).",
        ),
        "the y·log p term alone: the (1 − y)·log(1 − p) term is missing": (
            np.mean(-y * np.log(c)),
            "an example with y = 0 must be charged −log(1 − p).",
        ),
        "the (1 − y)·log(1 − p) term alone: the y·log p term is missing": (
            np.mean(-(1 - y) * np.log(1 - c)),
            "an example with y = 1 must be charged −log p.",
        ),
        "the loss in base-10 logarithms": (
            np.mean(right) / math.log(10),
            "use the natural logarithm, np.log (not np.log10).",
        ),
        "the loss in base-2 logarithms": (
            np.mean(right) / math.log(2),
            "use the natural logarithm, np.log (not np.log2).",
        ),
        "the mean squared error": (
            np.mean((p - y) ** 2),
            "this exercise is the cross-entropy −[y log p + (1 − y) log(1 − p)].",
        ),
        "the loss with eps added inside the logs, log(p + eps)": (
            np.mean(-(y * log_p_plus + (1 - y) * log_q_plus)),
            "adding eps shifts every loss, and log(1 + eps) > 0 makes a perfect answer's loss "
            "negative. Clip instead: np.clip(p, eps, 1 - eps).",
        ),
        "the hard-label shortcut: −log p where y = 1, −log(1 − p) elsewhere": (
            np.mean(np.where(y == 1, -np.log(c), -np.log(1 - c))),
            "y may be a probability (a soft label) such as 0.25: use the full formula "
            "y·log p + (1 − y)·log(1 − p), which covers hard labels too.",
        ),
    }


def check_binary_cross_entropy(binary_cross_entropy: Callable[..., Any]) -> None:
    """Check ``binary_cross_entropy(p, y, eps=1e-7)``.

    Expected: mean over the batch of −[y log p + (1 − y) log(1 − p)] with p clipped into
    [eps, 1 − eps]. Cases: ordinary probabilities; perfect answers p = 1 for y = 1 and p = 0
    for y = 0 (a tiny positive loss, about eps); confidently wrong answers (−log eps ≈ 16.1
    each); an explicit ``eps``; soft labels.
    """
    exercise = "binary_cross_entropy"
    cases = [
        ([0.9, 0.2, 0.6, 0.99], [1.0, 0.0, 1.0, 1.0], None, "ordinary p = [0.9, 0.2, 0.6, 0.99]"),
        ([1.0, 0.0], [1.0, 0.0], None, "perfect answers p = [1, 0] for y = [1, 0]"),
        ([0.0, 1.0, 0.5], [1.0, 0.0, 1.0], None, "confidently wrong p = [0, 1, 0.5]"),
        ([0.0, 1.0], [1.0, 1.0], 1e-3, "p = [0, 1], y = [1, 1] with eps = 1e-3"),
        ([0.3, 0.5, 0.8], [0.25, 0.5, 0.9], None, "soft labels y = [0.25, 0.5, 0.9]"),
    ]
    for p_list, y_list, eps, shown in cases:
        p, y = np.array(p_list), np.array(y_list)
        p_before = p.copy()
        args = (p, y) if eps is None else (p, y, eps)
        shown = f"{shown}, y = {y_list}" if "y =" not in shown else shown
        got = call_checked(
            exercise, binary_cross_entropy, *args, shown=shown, warning_hint=_CLIP_HINT
        )
        if not np.array_equal(p, p_before):
            fail(
                exercise,
                f"for {shown} the function changed its input p in place.",
                "clip into a new array (p = np.clip(p, eps, 1 - eps)), not with out=p.",
            )
        eps_used = 1e-7 if eps is None else eps
        expected = _bce(p, y, eps_used)
        if np.shape(got) == p.shape and p.size > 1:
            fail(
                exercise,
                f"for {shown} expected one number, got one loss per example (shape {p.shape}).",
                "return the mean over the batch: np.mean(...).",
            )
        try:
            finite = bool(np.all(np.isfinite(np.asarray(got, dtype=float))))
        except (TypeError, ValueError):
            finite = True  # not numbers: expect_close below says so
        if not finite:
            fail(exercise, f"for {shown} the loss is {got}, not a finite number.", _CLIP_HINT)
        _diagnose(exercise, got, expected, shown, _bce_mistakes(p, y, eps_used))
        if eps is not None and matches(got, _bce(p, y, 1e-7), rtol=1e-9):
            fail(
                exercise,
                f"for {shown} your answer used eps = 1e-7, ignoring the eps argument.",
                "clip with the eps you are given: np.clip(p, eps, 1 - eps).",
            )
        hint = (
            f"clip p into [eps, 1 − eps] with eps = {eps_used:g}: then p = 0 with y = 1 costs "
            f"−log(eps) = {-math.log(eps_used):.4f}, and p = 1 with y = 1 costs "
            f"−log(1 − eps) ≈ {eps_used:.0e}."
        )
        expect_close(exercise, got, expected, shown=shown, hint=hint)
    passed(
        exercise,
        f"all {len(cases)} cases right, including p = 0 and p = 1 (finite, no warnings), an "
        "explicit eps and soft labels.",
    )


# ----------------------------------------------------------------------------------------------
# Exercise 2: a centred-difference estimate of ∂L/∂w for one weight
# ----------------------------------------------------------------------------------------------


def _nudged(W: np.ndarray, index: tuple[int, ...], delta: float) -> np.ndarray:
    moved = W.copy()
    moved[index] += delta
    return moved


def _poly_loss(W: np.ndarray) -> float:
    """Σ W³/3 + W[0, 1]·W[1, 2] + ½ Σ W²: ∂L/∂W[i, j] = W[i, j]² + W[i, j] + the cross term."""
    return float(np.sum(W**3) / 3 + W[0, 1] * W[1, 2] + 0.5 * np.sum(W**2))


_X = np.array([[1.0, -0.5, 2.0], [0.3, 1.2, -1.0], [-1.5, 0.4, 0.7], [0.8, 0.8, 0.5]])
_T = np.array([1.0, -1.0, 1.0, -1.0])


def _logistic_loss(w: np.ndarray) -> float:
    """mean log(1 + e^{−t·(x·w)}): logistic regression with labels t = ±1."""
    return float(np.mean(np.logaddexp(0.0, -_T * (_X @ w))))


def check_centred_difference(centred_difference: Callable[..., Any]) -> None:
    """Check ``centred_difference(loss, W, index, h=1e-5)``.

    Expected: (loss(W + h·E) − loss(W − h·E)) / (2h) with E the indicator of ``index``, and
    ``W`` unchanged afterwards. Cases: a polynomial loss of a (2, 3) matrix, a logistic loss of
    a vector, and an explicit h = 0.01 (where the centred estimate differs visibly from the
    exact derivative, so an ignored ``h`` shows).
    """
    exercise = "centred_difference"
    W_matrix = np.array([[0.5, -0.3, 1.1], [-0.7, 0.2, 0.8]])
    cases = [
        (
            _poly_loss,
            W_matrix,
            (1, 2),
            None,
            "the polynomial loss, W of shape (2, 3), index (1, 2)",
        ),
        (_logistic_loss, np.array([0.4, -0.6, 0.3]), (2,), None, "a logistic loss, index (2,)"),
        (_poly_loss, W_matrix, (0, 1), 1e-2, "the polynomial loss, index (0, 1), h = 0.01"),
    ]
    for loss, W_start, index, h, shown in cases:
        W = W_start.copy()
        args = (loss, W, index) if h is None else (loss, W, index, h)
        got = call_checked(
            exercise,
            centred_difference,
            *args,
            shown=shown,
            warning_hint="the losses here are smooth and finite near W: a warning means W was "
            "moved by far more than h, or the wrong entry was changed.",
        )
        if not np.allclose(W, W_start, rtol=1e-12, atol=1e-15):
            fail(
                exercise,
                f"for {shown} W was changed by your function: W{list(index)} is now "
                f"{W[index]:.6g}, it was {W_start[index]:.6g}.",
                "put the weight back afterwards (old = W[index] ... W[index] = old), or nudge a "
                "copy; otherwise every later estimate is made at the wrong point.",
            )
        if np.shape(got) == W.shape:
            fail(
                exercise,
                f"for {shown} expected one number, got an array of shape {W.shape}.",
                "return only the estimate of ∂L/∂W[index].",
            )
        step = 1e-5 if h is None else h
        plus, minus = loss(_nudged(W, index, step)), loss(_nudged(W, index, -step))
        centred, base = (plus - minus) / (2 * step), loss(W)
        mistakes = {
            "the forward difference (L(w + h) − L(w)) / h": (
                (plus - base) / step,
                "a one-sided difference is only accurate to O(h); step both ways: "
                "(L(w + h) − L(w − h)) / (2h), accurate to O(h²).",
            ),
            "the backward difference (L(w) − L(w − h)) / h": (
                (base - minus) / step,
                "a one-sided difference is only accurate to O(h); use "
                "(L(w + h) − L(w − h)) / (2h).",
            ),
            "twice the centred difference: divided by h, not 2h": (
                (plus - minus) / step,
                "the two points w − h and w + h are 2h apart: divide by 2h.",
            ),
            "minus the centred difference": (
                -centred,
                "the sign is flipped: the point on the right comes first, L(w + h) − L(w − h).",
            ),
            "the slope when every weight is nudged at once": (
                (loss(W + step) - loss(W - step)) / (2 * step),
                "a partial derivative moves only W[index] and holds every other weight fixed.",
            ),
            "the loss itself, not its slope": (base, "return the difference quotient."),
        }
        if h is not None:
            mistakes["the estimate with h = 1e-5, ignoring the h argument"] = (
                (loss(_nudged(W, index, 1e-5)) - loss(_nudged(W, index, -1e-5))) / 2e-5,
                "use the step size h you are given.",
            )
        _diagnose(exercise, got, centred, shown, mistakes)
        expect_close(
            exercise,
            got,
            centred,
            shown=shown,
            rtol=1e-7,
            hint="(loss(W with W[index] + h) − loss(W with W[index] − h)) / (2h).",
        )
    passed(
        exercise,
        f"centred differences right in all {len(cases)} cases, W left unchanged, h respected.",
    )


# ----------------------------------------------------------------------------------------------
# Exercise 3: one step of gradient descent
# ----------------------------------------------------------------------------------------------


def check_gradient_descent_step(gradient_descent_step: Callable[..., Any]) -> None:
    """Check ``gradient_descent_step(w, grad, lr) -> w − lr·grad``, leaving ``w`` unchanged.

    Cases: a vector, a (2, 3) matrix, lr = 0 (no move), and plain Python floats.
    """
    exercise = "gradient_descent_step"
    rng = np.random.default_rng(3)
    cases = [
        (np.array([1.0, -2.0, 0.5]), np.array([0.5, -1.0, 2.0]), 0.1, "w = [1, -2, 0.5], lr = 0.1"),
        (rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), 0.5, "a (2, 3) weight matrix, lr = 0.5"),
        (np.array([0.3, -0.4]), np.array([2.0, 1.0]), 0.0, "lr = 0"),
        (3.0, 2.0, 0.25, "plain floats w = 3.0, grad = 2.0, lr = 0.25"),
    ]
    for w, grad, lr, shown in cases:
        w_before = np.copy(w)
        got = call_learner(exercise, gradient_descent_step, w, grad, lr, shown=shown)
        if not np.array_equal(np.asarray(w), w_before):
            fail(
                exercise,
                f"for {shown} the function changed w in place.",
                "return a new array, new_w = w - lr * grad, and leave w alone: a path that "
                "stores every w would otherwise see all its points move together.",
            )
        if got is None:
            fail(exercise, f"for {shown} the function returned None.", "return w - lr * grad.")
        w_arr, g_arr = np.asarray(w_before, dtype=float), np.asarray(grad, dtype=float)
        mistakes = {
            "w + lr·grad: a step uphill": (
                w_arr + lr * g_arr,
                "the gradient points uphill, towards a larger loss; step the other way: "
                "w - lr * grad.",
            ),
            "w − grad: the learning rate is missing": (
                w_arr - g_arr,
                "scale the step by the learning rate: w - lr * grad.",
            ),
            "−lr·grad: the step, not the new weights": (
                -lr * g_arr,
                "add the step to the current weights: w - lr * grad.",
            ),
            "lr·grad: the step (uphill), not the new weights": (
                lr * g_arr,
                "return the new weights w - lr * grad.",
            ),
        }
        if lr:
            mistakes["w − grad / lr: divided by the learning rate"] = (
                w_arr - g_arr / lr,
                "multiply by the learning rate: w - lr * grad.",
            )
        _diagnose(exercise, got, w_arr - lr * g_arr, shown, mistakes)
        expect_close(
            exercise, got, w_arr - lr * g_arr, shown=shown, hint="new weights = w - lr * grad."
        )
    passed(exercise, f"w − lr·grad in all {len(cases)} cases, and w itself left unchanged.")
