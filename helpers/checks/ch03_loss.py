"""Checks for chapter 03, "Loss and gradients".

1. ``binary_cross_entropy(p, y, eps=1e-7)`` = mean of −[y log c + (1 − y) log(1 − c)],
   c = p clipped into [eps, 1 − eps] (finite at p = 0, 1; y may be soft). Guarding each log
   instead, log(max(p, eps)) and log(max(1 − p, eps)) (or clamping the log at log(eps), as
   PyTorch clamps it at −100), is right too: it differs from clipping only by −log(1 − eps) ≈ eps
   where p is within eps of 1 or 0, and is accepted.
2. ``centred_difference(loss, W, index, h=1e-5)`` = (L(W + hE) − L(W − hE)) / 2h, E = 1 at
   ``index`` and 0 elsewhere, W unchanged.
3. ``gradient_descent_step(w, grad, lr)``: a new w − lr·grad.
4. ``choose_learning_rate(lam_min, lam_max)`` (design): a learning rate for the fastest stable
   descent on a quadratic bowl with those curvatures, judged by the outcome: gradient descent
   from a fixed start must reach the minimum within 1.25× (+ 1) the steps of the best of a grid
   of learning rates.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.i18n import tr

from ._runner import Case, Check, Exercise, Mistake, compare_numbers, describe, matches

__all__ = [
    "check_binary_cross_entropy",
    "check_centred_difference",
    "check_choose_learning_rate",
    "check_gradient_descent_step",
]

_CLOSE = {"mistake_rtol": 1e-8, "mistake_atol": 1e-14}


# --- Exercise 1: binary cross-entropy that survives p = 0 and p = 1 ----------------------------


def _terms(c: Any, y: Any) -> Any:
    return -(y * np.log(c) + (1 - y) * np.log(1 - c))


def _bce(p: Any, y: Any, eps: float = 1e-7) -> Any:
    return np.mean(_terms(np.clip(p, eps, 1 - eps), y))


def _guarded(p: Any, y: Any, eps: float = 1e-7) -> Any:
    """The same loss with each log guarded instead: log(max(p, eps)), log(max(1 − p, eps))."""
    p = np.asarray(p, dtype=float)
    return np.mean(-(y * np.log(np.maximum(p, eps)) + (1 - y) * np.log(np.maximum(1 - p, eps))))


def _clip_or_guard(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    """Right if ``got`` is the clipped loss or the guarded one (they differ by up to eps)."""
    rtol, atol = 1e-7, 1e-12 if case.atol is None else case.atol
    if matches(got, expected, rtol=rtol, atol=atol):
        return None
    if matches(got, _guarded(*case.args), rtol=rtol, atol=atol):
        return None
    shape_hint = tr("return one number: the mean over the batch.")
    outcome = compare_numbers(got, expected, case, rtol, atol, case.hint, shape_hint)
    return None if outcome is None else outcome[:2]


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
    # Perfect answers: the clipped loss is −log(1 − eps) ≈ 1e-7, a guarded one exactly 0. Both
    # are right, so any answer within 1e-6 of it passes (and no mistake is named for being 0).
    return [
        Case(shown if "y =" in shown else f"{shown}, y = {y}", (np.array(p), np.array(y), *eps),
             hint=_EPS_HINT.format(e := (*eps, 1e-7)[0], -math.log(e)),
             atol=1e-6 if "perfect" in shown else None)
        for p, y, eps, shown in rows
    ]  # fmt: skip


# fmt: off
check_binary_cross_entropy = Check((Exercise("binary_cross_entropy", _bce, _bce_cases, [
    Mistake("one loss per example", "return the mean over the batch: np.mean(...).",
            when=lambda got, p, *_: np.shape(got) == p.shape
            and tr("expected one number, got one loss per example (shape {shape})", shape=p.shape),
            example=_clipped(_terms)),
    Mistake("a loss that is not a finite number", _CLIP_HINT,
            when=lambda got, *_: not np.all(np.isfinite(np.asarray(got, dtype=float)))
            and tr("the loss is {got}, not a finite number", got=got),
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
    Mistake("each log clamped at −100, as PyTorch's BCELoss does, ignoring eps", "PyTorch's "
            "BCELoss clamps each log at −100; here the guard is eps: clip p into [eps, 1 − eps] "
            "(or clamp each log at log(eps)), so a certain mistake costs −log(eps).",
            np.errstate(all="ignore")(lambda p, y, *_: np.mean(
                -(y * np.maximum(np.log(p), -100) + (1 - y) * np.maximum(np.log(1 - p), -100))))),
],
    warning_hint=_CLIP_HINT, compare=_clip_or_guard, **_CLOSE,
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
            and tr("expected one number, got an array of shape {shape}", shape=W.shape),
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


# --- Exercise 4 (design): the learning rate for the fastest stable descent ---------------------
#
# The bowl L(w) = ½ λ_min u² + ½ λ_max v² (u, v: distances along its two axes), started at
# u = v = 1. Gradient descent multiplies u by 1 − ηλ_min and v by 1 − ηλ_max at every step; a run
# has converged once the distance to the minimum is at most _TOL of the start's.

_TOL = 1e-6
_MAX_STEPS = 100_000
_GRID = 400  # learning rates tried between 0 and 2/λ_max to find the best
_SLACK = 1.25  # an answer may take 1.25× the best number of steps, plus one


def descent_steps(lr: float, lam_min: float, lam_max: float) -> int | None:
    """Steps of gradient descent on the bowl until the distance to its minimum is at most 1e-6
    of the start's (None if it never gets there: |1 − ηλ| ≥ 1 for some λ)."""
    factors = np.abs(1.0 - lr * np.array([lam_min, lam_max]))
    worst = float(factors.max())
    if not np.isfinite(worst) or worst >= 1.0:
        return None
    if worst == 0.0:
        return 1
    # distance² after k steps = (f₁^2k + f₂^2k) / 2, between worst^2k / 2 and worst^2k
    low = max(0, math.floor(math.log(_TOL**2) / (2 * math.log(worst))) - 1)
    high = math.ceil(math.log(_TOL**2) / (2 * math.log(worst))) + 1
    if low > _MAX_STEPS:
        return None
    k = np.arange(low, high + 1)
    with np.errstate(under="ignore"):
        distance2 = np.mean(factors[None, :] ** (2 * k[:, None]), axis=1)
    return int(k[np.argmax(distance2 <= _TOL**2)])


def best_steps(lam_min: float, lam_max: float) -> tuple[float, int]:
    """The best learning rate of a grid of 400 below 2/λ_max (and 2/(λ_min + λ_max)), and its
    number of steps."""
    grid = [*(2.0 / lam_max * np.arange(1, _GRID) / _GRID), 2.0 / (lam_min + lam_max)]
    steps = [(s, lr) for lr in grid if (s := descent_steps(lr, lam_min, lam_max)) is not None]
    fewest, lr = min(steps)
    return lr, fewest


def _fastest(lam_min: float, lam_max: float) -> float:
    return 2.0 / (lam_min + lam_max)


_PACE = (
    "Per step the flat direction shrinks by the factor |1 − ηλ_min| and the steep one by "
    "|1 − ηλ_max|; the larger of the two sets the pace. Choose η to make it as small as possible, "
    "keeping ηλ_max < 2."
)


def _outcome(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    lam_min, lam_max = case.args
    lr = float(got)
    factors = (
        f"|1 − ηλ_min| = {abs(1 - lr * lam_min):.3f}, |1 − ηλ_max| = {abs(1 - lr * lam_max):.3f}"
    )
    steps = descent_steps(lr, lam_min, lam_max)
    best_lr, fewest = best_steps(lam_min, lam_max)
    if steps is None:
        message = tr(
            "for {shown} your η = {lr} gives η·λ_max = {product}: the steep direction's factor "
            "1 − ηλ_max = {factor} is not between −1 and 1, so gradient descent never reaches "
            "the minimum.",
            shown=tr(case.shown), lr=f"{lr:.4g}", product=f"{lr * lam_max:.3f}",
            factor=f"{1 - lr * lam_max:.3f}",
        )  # fmt: skip
        hint = tr("η must stay below 2/λ_max = {limit}. {pace}", limit=f"{2 / lam_max:.4g}",
                  pace=tr(_PACE))  # fmt: skip
        return message, hint
    if steps > _SLACK * fewest + 1:
        message = tr(
            "for {shown} your η = {lr} converges, in {steps} steps ({factors}); the best of "
            "{grid} learning rates below 2/λ_max (η = {best}) needs {fewest}: yours is "
            "{ratio}× slower.",
            shown=tr(case.shown), lr=f"{lr:.4g}", steps=steps, factors=factors, grid=_GRID,
            best=f"{best_lr:.4g}", fewest=fewest, ratio=f"{steps / fewest:.1f}",
        )  # fmt: skip
        return message, _PACE
    return None


def _not_a_rate(got: Any, *_: Any) -> str | bool:
    if np.shape(got) != ():
        return tr("expected one learning rate, got {got}", got=describe(got))
    value = float(got)
    return not (np.isfinite(value) and value > 0) and tr(
        "η = {value}: a learning rate must be a positive number, or the step w − η∇L goes "
        "uphill (or nowhere)",
        value=f"{value:.4g}",
    )


def _rate_cases() -> list[Case]:
    rows = [
        (0.08, 0.86, "λ_min = 0.08, λ_max = 0.86 (about the toy problem of section 7)"),
        (1.0, 2.0, "a round bowl, λ_min = 1, λ_max = 2"),
        (0.02, 4.0, "a narrow valley, λ_min = 0.02, λ_max = 4"),
        (0.5, 50.0, "a steep valley, λ_min = 0.5, λ_max = 50"),
    ]
    return [Case(shown, (lam_min, lam_max)) for lam_min, lam_max, shown in rows]


# fmt: off
check_choose_learning_rate = Check((Exercise(
    "choose_learning_rate", _fastest, _rate_cases, [
    Mistake("not a usable learning rate", "return one positive number, η.", when=_not_a_rate,
            example=lambda lam_min, lam_max: -1.0 / lam_max),
    Mistake("η = 1/λ_max, which settles the steep direction in one step", "the steep direction "
            "is then done at once, but the flat one shrinks by only 1 − λ_min/λ_max per step. "
            + _PACE, lambda lam_min, lam_max: 1.0 / lam_max),
    Mistake("η = 2/λ_max, exactly on the edge", "at η = 2/λ_max the steep direction's factor is "
            "1 − 2 = −1: it bounces for ever, never shrinking. Stay below 2/λ_max. " + _PACE,
            lambda lam_min, lam_max: 2.0 / lam_max),
    Mistake("η = 1/λ_min, set by the flat direction", "then ηλ_max = λ_max/λ_min is far above 2 "
            "and the steep direction diverges: the steepest curvature caps η.",
            lambda lam_min, lam_max: 1.0 / lam_min),
    Mistake("η = 2/λ_min, the flat direction's limit", "the limit that counts is the steep "
            "direction's, 2/λ_max: above it, that direction diverges.",
            lambda lam_min, lam_max: 2.0 / lam_min),
    Mistake("η = 1/(λ_min + λ_max), with both factors still positive", "both directions shrink "
            "without overshooting, so there is room for a larger step: " + _PACE,
            lambda lam_min, lam_max: 1.0 / (lam_min + lam_max)),
    Mistake("a curvature, not a learning rate", "η multiplies a curvature in every factor "
            "1 − ηλ, so it is measured in 1/curvature: a η built like (λ_min + λ_max)/2 grows "
            "when the bowl gets steeper, the opposite of what is needed.",
            lambda lam_min, lam_max: (lam_min + lam_max) / 2),
],
    hint=_PACE, compare=_outcome, rtol=1e-3, atol=0.0,
    # 2/λ_max is 0.5 % above the best η where λ_max/λ_min = 200: name only answers within 0.2 %
    mistake_rtol=0.002, mistake_atol=0.0),),
    lambda choose: tr(
        "on all 4 bowls your η converges within 1.25× the best of {grid} learning rates: "
        "{runs}.", grid=_GRID,
        runs=", ".join(tr("{steps} steps (best {best})",
                          steps=descent_steps(float(choose(*c.args)), *c.args),
                          best=best_steps(*c.args)[1]) for c in _rate_cases())),
    doc="Check ``choose_learning_rate(lam_min, lam_max) -> η`` by the outcome: gradient descent "
    "with it on a bowl with these curvatures must converge within 1.25× (+ 1) the steps of the "
    "best of 400 learning rates below 2/λ_max.")
# fmt: on
