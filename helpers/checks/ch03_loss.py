"""Checks for chapter 03, "Loss and gradients": ``binary_cross_entropy(p, y, eps=1e-7)`` = mean of
−[y log c + (1 − y) log(1 − c)], c = p clipped into [eps, 1 − eps] (finite at p = 0, 1; y may be
soft); ``centred_difference(loss, W, index, h=1e-5)`` = (L(W + hE) − L(W − hE)) / 2h, E = 1 at
``index`` and 0 elsewhere, W unchanged; ``gradient_descent_step(w, grad, lr)``: a new w − lr·grad.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from ._runner import Case, Check, Exercise, Mistake

__all__ = ["check_binary_cross_entropy", "check_centred_difference", "check_gradient_descent_step"]

_CLOSE = {"mistake_rtol": 1e-8, "mistake_atol": 1e-14}


# --- Exercise 1: binary cross-entropy that survives p = 0 and p = 1 ----------------------------


def _terms(c: Any, y: Any) -> Any:
    return -(y * np.log(c) + (1 - y) * np.log(1 - c))


def _bce(p: Any, y: Any, eps: float = 1e-7) -> Any:
    return np.mean(_terms(np.clip(p, eps, 1 - eps), y))


def _clipped(formula: Callable[[Any, Any], Any]) -> Callable[..., Any]:
    """A wrong answer ``formula(c, y)`` of c = p clipped into [eps, 1 − eps]."""
    return lambda p, y, eps=1e-7: formula(np.clip(p, eps, 1 - eps), y)


_EPS_HINT = (  # quotes the eps of the case
    "clip p into [eps, 1 − eps] with eps = {0:g}: then p = 0 with y = 1 costs −log(eps) = {1:.4f}, "
    "and p = 1 with y = 1 costs −log(1 − eps) ≈ {0:.0e}."
)
_CLIP_HINT = (
    "log(0) = −inf, and 0·log(0) is NaN. Clip first, p = np.clip(p, eps, 1 - eps), so both logs "
    "stay finite."
)
_LOGS = "use the natural logarithm, np.log (not np.log{})."


def _bce_cases() -> list[Case]:
    rows = [
        ([0.9, 0.2, 0.6, 0.99], [1.0, 0.0, 1.0, 1.0], (), "ordinary p = [0.9, 0.2, 0.6, 0.99]"),
        ([1.0, 0.0], [1.0, 0.0], (), "perfect answers p = [1, 0] for y = [1, 0]"),
        ([0.0, 1.0, 0.5], [1.0, 0.0, 1.0], (), "confidently wrong p = [0, 1, 0.5]"),
        ([0.0, 1.0], [1.0, 1.0], (1e-3,), "p = [0, 1], y = [1, 1] with eps = 1e-3"),
        ([0.3, 0.5, 0.8], [0.25, 0.5, 0.9], (), "soft labels y = [0.25, 0.5, 0.9]"),
    ]
    return [
        Case(shown if "y =" in shown else f"{shown}, y = {y}", (np.array(p), np.array(y), *eps),
             hint=_EPS_HINT.format(e := (*eps, 1e-7)[0], -math.log(e)))
        for p, y, eps, shown in rows
    ]  # fmt: skip


# fmt: off
check_binary_cross_entropy = Check((Exercise("binary_cross_entropy", _bce, _bce_cases, [
    Mistake("one loss per example", "return the mean over the batch: np.mean(...).",
            when=lambda got, p, *_: np.shape(got) == p.shape
            and f"expected one number, got one loss per example (shape {p.shape})",
            example=_clipped(_terms)),
    Mistake("a loss that is not a finite number", _CLIP_HINT,
            when=lambda got, *_: not np.all(np.isfinite(np.asarray(got, dtype=float)))
            and f"the loss is {got}, not a finite number",
            example=np.errstate(all="ignore")(lambda p, y, *_: np.mean(_terms(p, y)))),
    Mistake("the loss with the minus sign missing (it is negative)", "log p ≤ 0 for p ≤ 1, so "
            "the loss needs a minus in front to be a penalty ≥ 0.", lambda *a: -_bce(*a)),
    Mistake("the sum over the batch, not the mean", "average over the examples (np.mean), so "
            "the loss does not grow with the batch.", _clipped(lambda c, y: np.sum(_terms(c, y)))),
    Mistake("the loss with y and 1 − y swapped", "y = 1 should be charged −log p (small when p "
            "is near 1): y·log p + (1 − y)·log(1 − p).",
            _clipped(lambda c, y: np.mean(-((1 - y) * np.log(c) + y * np.log(1 - c))))),
    Mistake("the y·log p term alone: the (1 − y)·log(1 − p) term is missing", "an example with "
            "y = 0 must be charged −log(1 − p).", _clipped(lambda c, y: np.mean(-y * np.log(c)))),
    Mistake("the (1 − y)·log(1 − p) term alone: the y·log p term is missing",
            "an example with y = 1 must be charged −log p.",
            _clipped(lambda c, y: np.mean(-(1 - y) * np.log(1 - c)))),
    Mistake("the loss in base-10 logarithms", _LOGS.format(10), lambda *a: _bce(*a) / math.log(10)),
    Mistake("the loss in base-2 logarithms", _LOGS.format(2), lambda *a: _bce(*a) / math.log(2)),
    Mistake("the mean squared error", "this exercise is the cross-entropy −[y log p + (1 − y) "
            "log(1 − p)].", lambda p, y, *_: np.mean((p - y) ** 2)),
    Mistake("the loss with eps added inside the logs, log(p + eps)", "adding eps shifts every "
            "loss, and log(1 + eps) > 0 makes a perfect answer's loss negative. Clip instead: "
            "np.clip(p, eps, 1 - eps).",
            lambda p, y, e=1e-7: np.mean(-(y * np.log(p + e) + (1 - y) * np.log(1 - p + e)))),
    Mistake("the hard-label shortcut: −log p where y = 1, −log(1 − p) elsewhere", "y may be a "
            "probability (a soft label) such as 0.25: use the full formula y·log p + "
            "(1 − y)·log(1 − p), which covers hard labels too.",
            _clipped(lambda c, y: np.mean(np.where(y == 1, -np.log(c), -np.log(1 - c))))),
    Mistake("the loss with eps = 1e-7, ignoring the eps argument", "clip with the eps you are "
            "given: np.clip(p, eps, 1 - eps).", lambda p, y, *_: _bce(p, y)),
],
    warning_hint=_CLIP_HINT, **_CLOSE,
    inplace_message="for {shown} the function changed its input {name} in place.",
    inplace_hint="clip into a new array (p = np.clip(p, eps, 1 - eps)), not with out=p."),),
    "all 5 cases right, including p = 0 and p = 1 (finite, no warnings), an explicit eps and "
    "soft labels.",
    doc="Check ``binary_cross_entropy(p, y, eps=1e-7)``: the batch mean of −[y log p + (1 − y) "
    "log(1 − p)] with p clipped into [eps, 1 − eps]; p = 0 and 1, an explicit eps, soft labels.")
# fmt: on


# --- Exercise 2: a centred-difference estimate of ∂L/∂w for one weight -------------------------


def _nudged(W: np.ndarray, index: tuple[int, ...], delta: float) -> np.ndarray:
    moved = W.copy()
    moved[index] += delta
    return moved


def _centred(loss: Callable[..., Any], W: np.ndarray, index: Any, h: float = 1e-5) -> float:
    return (loss(_nudged(W, index, h)) - loss(_nudged(W, index, -h))) / (2 * h)


def _poly_loss(W: np.ndarray) -> float:
    """Σ W³/3 + W[0, 1]·W[1, 2] + ½ Σ W²: ∂L/∂W[i, j] = W[i, j]² + W[i, j] + the cross term."""
    return float(np.sum(W**3) / 3 + W[0, 1] * W[1, 2] + 0.5 * np.sum(W**2))


def _logistic_loss(w: np.ndarray) -> float:
    """mean log(1 + e^{−t·(x·w)}): logistic regression with labels t = ±1."""
    X = np.array([[1.0, -0.5, 2.0], [0.3, 1.2, -1.0], [-1.5, 0.4, 0.7], [0.8, 0.8, 0.5]])
    return float(np.mean(np.logaddexp(0.0, -np.array([1.0, -1.0, 1.0, -1.0]) * (X @ w))))


def _centred_cases() -> list[Case]:
    W = np.array([[0.5, -0.3, 1.1], [-0.7, 0.2, 0.8]])
    return [
        Case("the polynomial loss, W of shape (2, 3), index (1, 2)", (_poly_loss, W, (1, 2))),
        Case("a logistic loss, index (2,)", (_logistic_loss, np.array([0.4, -0.6, 0.3]), (2,))),
        # h = 0.01 moves the centred estimate visibly off the derivative: an ignored h shows.
        Case("the polynomial loss, index (0, 1), h = 0.01", (_poly_loss, W.copy(), (0, 1), 1e-2)),
    ]


_ONE_SIDED = "a one-sided difference is only accurate to O(h); "
# fmt: off
check_centred_difference = Check((Exercise("centred_difference", _centred, _centred_cases, [
    Mistake("an array, not one number", "return only the estimate of ∂L/∂W[index].",
            when=lambda got, loss, W, *_: np.shape(got) == W.shape
            and f"expected one number, got an array of shape {W.shape}",
            example=lambda loss, W, *a: np.full(W.shape, _centred(loss, W, *a))),
    Mistake("the forward difference (L(w + h) − L(w)) / h", _ONE_SIDED + "step both ways: "
            "(L(w + h) − L(w − h)) / (2h), accurate to O(h²).",
            lambda loss, W, i, h=1e-5: (loss(_nudged(W, i, h)) - loss(W)) / h),
    Mistake("the backward difference (L(w) − L(w − h)) / h",
            _ONE_SIDED + "use (L(w + h) − L(w − h)) / (2h).",
            lambda loss, W, i, h=1e-5: (loss(W) - loss(_nudged(W, i, -h))) / h),
    Mistake("twice the centred difference: divided by h, not 2h", "the two points w − h and "
            "w + h are 2h apart: divide by 2h.", lambda *a: 2 * _centred(*a)),
    Mistake("minus the centred difference", "the sign is flipped: the point on the right comes "
            "first, L(w + h) − L(w − h).", lambda *a: -_centred(*a)),
    Mistake("the slope when every weight is nudged at once", "a partial derivative moves only "
            "W[index] and holds every other weight fixed.",
            lambda loss, W, i, h=1e-5: (loss(W + h) - loss(W - h)) / (2 * h)),
    Mistake("the loss itself, not its slope", "return the difference quotient.",
            lambda loss, W, *_: loss(W)),
    Mistake("the estimate with h = 1e-5, ignoring the h argument",
            "use the step size h you are given.", lambda loss, W, i, *_: _centred(loss, W, i)),
],
    hint="(loss(W with W[index] + h) − loss(W with W[index] − h)) / (2h).",
    warning_hint="the losses here are smooth and finite near W: a warning means W was moved by "
    "far more than h, or the wrong entry was changed.",
    inplace_message="for {shown} W was changed by your function: {name}[{index}] is now {now}, "
    "it was {was}.",
    inplace_hint="put the weight back afterwards (old = W[index] ... W[index] = old), or nudge a "
    "copy; otherwise every later estimate is made at the wrong point.",
    # restoring by W[index] += h ... -= 2h ... += h may be a few ulps off
    inplace_rtol=1e-12, **_CLOSE),),
    "centred differences right in all 3 cases, W left unchanged, h respected.",
    doc="Check ``centred_difference(loss, W, index, h=1e-5)``: (loss(W + h·E) − loss(W − h·E)) "
    "/ (2h) with E the indicator of ``index``, leaving ``W`` as it was.")
# fmt: on


# --- Exercise 3: one step of gradient descent --------------------------------------------------


def _step_cases() -> list[Case]:
    rng = np.random.default_rng(3)
    rows = [
        (np.array([1.0, -2.0, 0.5]), np.array([0.5, -1.0, 2.0]), 0.1, "w = [1, -2, 0.5], lr = 0.1"),
        (rng.normal(size=(2, 3)), rng.normal(size=(2, 3)), 0.5, "a (2, 3) weight matrix, lr = 0.5"),
        (np.array([0.3, -0.4]), np.array([2.0, 1.0]), 0.0, "lr = 0"),
        (3.0, 2.0, 0.25, "plain floats w = 3.0, grad = 2.0, lr = 0.25"),
    ]
    return [Case(shown, (w, grad, lr)) for w, grad, lr, shown in rows]


# fmt: off
check_gradient_descent_step = Check((Exercise(
    "gradient_descent_step", lambda w, grad, lr: w - lr * grad, _step_cases, [
    Mistake("w + lr·grad: a step uphill", "the gradient points uphill, towards a larger loss; "
            "step the other way: w - lr * grad.", lambda w, g, lr: w + lr * g),
    Mistake("w − grad: the learning rate is missing",
            "scale the step by the learning rate: w - lr * grad.", lambda w, g, lr: w - g),
    Mistake("−lr·grad: the step, not the new weights",
            "add the step to the current weights: w - lr * grad.", lambda w, g, lr: -lr * g),
    Mistake("lr·grad: the step (uphill), not the new weights", "return the new weights "
            "w - lr * grad.", lambda w, g, lr: lr * g),
    Mistake("w − grad / lr: divided by the learning rate",
            "multiply by the learning rate: w - lr * grad.", lambda w, g, lr: w - g / lr),
],
    hint="new weights = w - lr * grad.",
    inplace_message="for {shown} the function changed {name} in place.",
    inplace_hint="return a new array, new_w = w - lr * grad, and leave w alone: a path that "
    "stores every w would otherwise see all its points move together.", **_CLOSE),),
    "w − lr·grad in all 4 cases, and w itself left unchanged.",
    doc="Check ``gradient_descent_step(w, grad, lr) -> w − lr·grad`` (a vector, a matrix, "
    "lr = 0, plain floats), leaving ``w`` unchanged.")
# fmt: on
