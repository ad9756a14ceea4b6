"""Checks for chapter 06, "Sigmoid".

1. ``stable_sigmoid(x)``: σ(x) = 1/(1 + e^{−x}) for every float64 x without a warning, and with
   full relative accuracy in the left tail (σ(−40) ≈ 4.2e-18 is a number, not 0).
2. ``sigmoid_derivative(x)``: σ′(x) = σ(x)·σ(−x), which keeps the right tail that σ(1 − σ)
   rounds to 0 once σ(x) rounds to 1 (x > 36.7).
3. ``logistic_regression_gradient(X, y, w, b)``: the gradient (∂L/∂w, ∂L/∂b) of the mean binary
   cross-entropy of p = σ(Xw + b), which is (Xᵀ(p − y)/N, mean(p − y)).

The references are ``helpers.activations`` (tested against 200-bit arithmetic) and, for the
gradient, centred differences. Values are compared with a *relative* tolerance (the only
absolute slack lies below the smallest normal float64), so a function that returns 0 where the
answer is 1e-20 fails. When an answer is wrong it is compared with the classic wrong answers, so
the message names the mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import sigmoid, sigmoid_derivative, tanh
from helpers.gradcheck import numerical_gradient, relative_error

from ._core import call_checked, expect_close, fail, name_mistake, passed

__all__ = ["check_logistic_regression_gradient", "check_sigmoid_derivative", "check_stable_sigmoid"]

Mistake = tuple[str, Callable[..., Any], str]  # what it is, how to compute it, the hint
# Below 2.2e-308 float64 loses precision (subnormals), and two right formulas may differ there by
# a few units of 4.9e-324; this slack forgives that and nothing else.
_SUBNORMAL_SLACK = 1e-320

_SPLIT = (
    "exponentiate only −|x| ≤ 0: σ(x) = 1/(1 + e^{−x}) for x ≥ 0 and eˣ/(1 + eˣ) for x < 0. "
    "np.where(cond, a, b) computes a and b for every x, so it does not avoid the overflow: "
    "compute each branch on its own part of x (boolean masks), or use "
    "e^{min(x, 0)}/(1 + e^{−|x|})."
)
_TAIL = (
    "for x < 0, 1 − σ(−x) and ½(1 + tanh(x/2)) subtract two numbers that agree to many digits "
    "and leave 0; eˣ/(1 + eˣ) keeps every digit."
)
_PRODUCT = (
    "use σ(x)·σ(−x): 1 − σ(x) rounds to 0 once σ(x) rounds to 1 (x > 36.7), while σ(−x) is "
    "computed directly and keeps its digits."
)


def _diagnose(
    exercise: str, got: Any, expected: Any, shown: str, mistakes: list[Mistake], args: tuple
) -> None:
    # No absolute tolerance: in the tail, 0 and 1e-300 are different answers. Candidates equal
    # to the right answer are skipped: σ(1 − σ) is right for moderate x, only the tail blames it.
    name_mistake(exercise, got, expected, shown, mistakes, *args, atol=0.0, skip_atol=0.0)


def _call(
    exercise: str,
    fn: Callable[..., Any],
    args: tuple,
    expected: Any,
    *,
    shown: str,
    mistakes: list[Mistake],
    warning_hint: Callable[[str], str],
) -> Any:
    """Call the learner on copies of ``args``; turn a warning, a changed input, None or a known
    wrong answer into a message that names the problem."""
    copies = tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in args)
    got = call_checked(exercise, fn, *copies, shown=shown, warning_hint=warning_hint)
    for original, passed_in in zip(args, copies, strict=True):
        if isinstance(original, np.ndarray) and not np.array_equal(original, passed_in):
            fail(
                exercise,
                f"for {shown} the function changed its input in place.",
                "compute into new arrays (e = np.exp(-np.abs(x)) makes one); `x *= -1` or "
                "out=x overwrites the caller's data.",
            )
    if got is None:
        fail(exercise, f"for {shown} the function returned None.", "did you forget `return`?")
    _diagnose(exercise, got, expected, shown, mistakes, args)
    return got


def _lost_tail(exercise: str, got: Any, expected: np.ndarray, shown: str, hint: str) -> None:
    """Name the exact zeros an unstable formula leaves where the true value is tiny but not 0."""
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return  # expect_close reports what came back
    if values.shape != expected.shape:
        return
    lost = (values == 0) & (expected != 0)
    if lost.any():
        where = np.argwhere(lost)[0]
        index = tuple(int(i) for i in where)
        fail(
            exercise,
            f"for {shown} your function returned exactly 0 at index {index}, where the answer "
            f"is {expected[index]:.3g}: a tiny but representable value was lost.",
            hint,
        )


# --- Exercise 1: a sigmoid that never overflows -----------------------------------------------


def _sigmoid_warning_hint(message: str) -> str:
    if "overflow" in message:
        return "e^{−x} overflows for x < −709.78 (e^{1000} is too big for float64): " + _SPLIT
    return "inf/inf or 0·inf gives NaN, which means an exponential overflowed: " + _SPLIT


_SIGMOID_MISTAKES: list[Mistake] = [
    (
        "σ(−x) = 1/(1 + eˣ): the sign of x is flipped",
        lambda x: sigmoid(-x),
        "σ(x) = 1/(1 + e^{−x}) grows with x: σ(2) ≈ 0.88, σ(−2) ≈ 0.12.",
    ),
    (
        "the derivative σ(x)·σ(−x), not σ(x)",
        lambda x: sigmoid(x) * sigmoid(-x),
        "this exercise is σ itself; its derivative is the next one.",
    ),
    (
        "tanh(x)",
        tanh,
        "σ(x) = 1/(1 + e^{−x}) lies in (0, 1); tanh lies in (−1, 1) and equals 2σ(2x) − 1.",
    ),
]
# Formulas that are right on paper and lose the left tail in floating point.
_TAIL_MISTAKES: list[Mistake] = [
    (
        "1 − σ(−x) computed for every x: the left tail is lost",
        lambda x: 1.0 - sigmoid(-x),
        _TAIL,
    ),
    (
        "½(1 + tanh(x/2)): right in theory, but the left tail rounds to 0",
        lambda x: 0.5 * (1.0 + np.tanh(x / 2)),
        _TAIL,
    ),
]


_SILENCED = (
    "at x = −720, e^{720} overflows to inf and 1/(1 + inf) = 0, yet σ(−720) ≈ 2.0e-313 is still "
    "a float64 (a subnormal one). Silencing the warning does not undo the overflow: " + _SPLIT
)


def _sigmoid_cases() -> list[tuple[np.ndarray, str, str, list[Mistake]]]:
    """(x, description, hint when an exact 0 replaces a tiny σ(x), the wrong answers to name),
    in the order checked. Past x = −709.78 the tail formulas and a silenced naive formula give
    the same zeros, so there only the overflow is named."""
    rng = np.random.default_rng(6)
    everything = _SIGMOID_MISTAKES + _TAIL_MISTAKES
    return [
        (
            np.array([-3.0, -1.0, 0.0, 0.5, 2.0, 4.0]),
            "x = [-3, -1, 0, 0.5, 2, 4]",
            _TAIL,
            everything,
        ),
        (
            np.array([-60.0, -45.0, -38.0, -30.0]),
            "the left tail x = [-60, -45, -38, -30]",
            _TAIL,
            everything,
        ),
        (
            np.array([-1000.0, -720.0, -710.0, 710.0, 1000.0]),
            "x = [-1000, -720, -710, 710, 1000]",
            _SILENCED,
            _SIGMOID_MISTAKES,
        ),
        (
            np.round(rng.normal(scale=6.0, size=(3, 4)), 2),
            "an array of shape (3, 4)",
            _TAIL,
            everything,
        ),
        (np.array([-np.inf, np.inf]), "x = [-inf, inf]", _TAIL, everything),
    ]


def check_stable_sigmoid(stable_sigmoid: Callable[..., Any]) -> None:
    """Check ``stable_sigmoid(x) -> σ(x) = 1/(1 + e^{−x})``, elementwise, for float64 arrays.

    Five inputs: ordinary values; ±1000 and other values where e^{−x} or eˣ overflows (a naive
    formula warns); the left tail, where σ(x) is tiny but representable and must keep its
    relative accuracy; a 2-D array; and ±inf (σ(−inf) = 0, σ(inf) = 1).
    """
    exercise = "stable_sigmoid"
    for x, shown, tail_hint, mistakes in _sigmoid_cases():
        expected = sigmoid(x)
        got = _call(
            exercise,
            stable_sigmoid,
            (x,),
            expected,
            shown=shown,
            mistakes=mistakes,
            warning_hint=_sigmoid_warning_hint,
        )
        _lost_tail(exercise, got, expected, shown, tail_hint)
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            rtol=1e-12,
            atol=_SUBNORMAL_SLACK,
            hint="σ(x) = 1/(1 + e^{−x}), written so that only e^{−|x|} is ever computed.",
        )
    passed(
        exercise,
        "right to 12 digits everywhere, including x = ±1000 (no warning), the left tail "
        "(σ(−60) ≈ 8.8e-27, not 0) and ±inf.",
    )


# --- Exercise 2: the derivative σ′(x) = σ(x)·σ(−x) --------------------------------------------


def _derivative_warning_hint(message: str) -> str:
    return (
        "e^{−x}/(1 + e^{−x})² overflows (to inf/inf) for x < −355, and 1/(1 + e^{−x}) for "
        "x < −709.78. Build σ′ from a stable σ: σ′(x) = σ(x)·σ(−x)."
    )


_DERIVATIVE_MISTAKES: list[Mistake] = [
    (
        "σ(x) itself, not its derivative",
        sigmoid,
        "differentiate: σ′(x) = σ(x)·(1 − σ(x)) = σ(x)·σ(−x), at most 1/4 (at x = 0).",
    ),
    (
        "−σ(x)·σ(−x): the sign is flipped",
        lambda x: -sigmoid_derivative(x),
        "σ is increasing, so its slope is positive everywhere.",
    ),
    (
        "σ(x)²",
        lambda x: sigmoid(x) ** 2,
        "σ′(x) = σ(x)·σ(−x): the second factor is σ(−x) = 1 − σ(x), not σ(x).",
    ),
    (
        "σ(−x) alone: the factor σ(x) is missing",
        lambda x: sigmoid(-x),
        "σ′(x) = σ(x)·σ(−x) has two factors.",
    ),
    (
        "1 − σ(x)²: the tanh rule applied to σ",
        lambda x: 1.0 - sigmoid(x) ** 2,
        "1 − tanh² is tanh′; for the sigmoid it is σ(x)·(1 − σ(x)) = σ(x)·σ(−x).",
    ),
    (
        "the derivative of tanh, 1 − tanh²(x)",
        lambda x: 1.0 - np.tanh(x) ** 2,
        "this is σ′, not tanh′: σ′(x) = σ(x)·σ(−x).",
    ),
    (
        "σ′ evaluated at σ(x) instead of at x",
        lambda x: sigmoid_derivative(sigmoid(x)),
        "σ′ takes the pre-activation x, not the activation σ(x): return σ(x)·σ(−x).",
    ),
    (
        "σ(x)·(1 − σ(x)), which rounds to 0 in the right tail",
        lambda x: sigmoid(x) * (1.0 - sigmoid(x)),
        _PRODUCT,
    ),
    (
        "the constant 1/4, the largest slope, everywhere",
        lambda x: np.full_like(x, 0.25),
        "1/4 is σ′(0) only; the slope falls off like e^{−|x|} on both sides.",
    ),
]


def _derivative_cases() -> list[tuple[np.ndarray, str]]:
    rng = np.random.default_rng(7)
    return [
        (np.array([-4.0, -1.0, 0.0, 0.5, 3.0]), "x = [-4, -1, 0, 0.5, 3]"),
        (np.array([30.0, 38.0, 40.0, 50.0]), "the right tail x = [30, 38, 40, 50]"),
        (np.array([-1000.0, -400.0, -50.0, 400.0, 1000.0]), "x = [-1000, -400, -50, 400, 1000]"),
        (np.round(rng.normal(scale=5.0, size=(2, 5)), 2), "an array of shape (2, 5)"),
    ]


def check_sigmoid_derivative(sigmoid_derivative_fn: Callable[..., Any]) -> None:
    """Check ``sigmoid_derivative(x) -> σ′(x) = σ(x)·σ(−x)``, elementwise.

    Four inputs: ordinary values; the right tail (where σ(1 − σ) rounds to 0); values out to
    ±1000 (where e^{−x}/(1 + e^{−x})² overflows); a 2-D array. Compared to 10 digits relative.
    """
    exercise = "sigmoid_derivative"
    for x, shown in _derivative_cases():
        expected = sigmoid_derivative(x)
        got = _call(
            exercise,
            sigmoid_derivative_fn,
            (x,),
            expected,
            shown=shown,
            mistakes=_DERIVATIVE_MISTAKES,
            warning_hint=_derivative_warning_hint,
        )
        _lost_tail(exercise, got, expected, shown, _PRODUCT)
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            rtol=1e-10,
            atol=0.0,
            hint="σ′(x) = σ(x)·σ(−x), with a stable σ.",
        )
    passed(
        exercise,
        "σ(x)·σ(−x) to 10 digits, with the right tail intact (σ′(40) ≈ 4.2e-18, not 0) and "
        "no warning at ±1000.",
    )


# --- Exercise 3: the gradient of logistic regression ------------------------------------------


def _bce_of_logits(z: np.ndarray, y: np.ndarray) -> float:
    """Mean of max(z, 0) − z·y + log(1 + e^{−|z|}): binary cross-entropy of p = σ(z)."""
    return float(np.mean(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))))


def _logreg_gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> tuple:
    error = sigmoid(X @ w + b) - y
    return X.T @ error / len(X), float(np.mean(error))


def _logreg_mistakes(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> list[Mistake]:
    n = len(X)
    p = sigmoid(X @ w + b)
    slope = sigmoid_derivative(X @ w + b)
    p_no_bias = sigmoid(X @ w)
    # Each candidate is compared as the pair (grad_w, grad_b), flattened into one vector.
    return [
        (
            "(y − p) instead of (p − y): the gradient of −L, pointing downhill",
            lambda *_: np.append(X.T @ (y - p) / n, np.mean(y - p)),
            "∂ℓ/∂z = σ(z) − y: prediction minus label. A step against the gradient then moves "
            "p towards y.",
        ),
        (
            "the sum over the examples, not the mean (1/N is missing)",
            lambda *_: np.append(X.T @ (p - y), np.sum(p - y)),
            "L is the mean of the N losses, so divide by N = len(X).",
        ),
        (
            "the gradient with an extra factor σ′(z) = p(1 − p)",
            lambda *_: np.append(X.T @ ((p - y) * slope) / n, np.mean((p - y) * slope)),
            "with cross-entropy on logits, σ′ cancels against the log: ∂ℓ/∂z = p − y exactly. "
            "The extra σ′ belongs to a squared error, and it stalls learning where σ saturates.",
        ),
        (
            "the gradient with the logits computed without the bias (z = Xw)",
            lambda *_: np.append(X.T @ (p_no_bias - y) / n, np.mean(p_no_bias - y)),
            "z = Xw + b: the bias is part of every logit.",
        ),
        (
            "the right grad_w, but grad_b summed over the examples instead of averaged",
            lambda *_: np.append(X.T @ (p - y) / n, np.sum(p - y)),
            "∂L/∂b = mean(p − y): the bias is averaged like the weights.",
        ),
    ]


def _pair(got: Any, exercise: str, shown: str, d: int) -> tuple[Any, Any]:
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail(
            exercise,
            f"for {shown} expected a pair (grad_w, grad_b), got {type(got).__name__}"
            + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else "")
            + ".",
            f"return grad_w, grad_b — grad_w of shape ({d},) like w, grad_b one number.",
        )
    return got[0], got[1]


def _flat_pair(grad_w: Any, grad_b: Any) -> np.ndarray | None:
    try:
        return np.append(np.asarray(grad_w, dtype=float).ravel(), np.asarray(grad_b, dtype=float))
    except (TypeError, ValueError):
        return None


def _logreg_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray, float, str]]:
    rng = np.random.default_rng(8)
    X_small = np.round(rng.normal(size=(5, 2)), 2)
    X_pos = np.round(sigmoid(rng.normal(scale=2.0, size=(6, 3))), 3)  # sigmoid outputs: all > 0
    X_big = np.round(rng.normal(size=(4, 3)), 2)
    return [
        (X_small, np.array([1.0, 0.0, 1.0, 1.0, 0.0]), np.array([0.5, -1.2]), 0.3, "X (5, 2)"),
        (
            X_pos,
            np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0]),
            np.array([1.0, -2.0, 0.5]),
            -0.2,
            "positive inputs X (6, 3), as from a sigmoid layer",
        ),
        (
            X_big,
            np.array([1.0, 0.0, 0.0, 1.0]),
            np.array([400.0, -300.0, 250.0]),
            5.0,
            "large weights: logits of several hundred",
        ),
    ]


def check_logistic_regression_gradient(logistic_regression_gradient: Callable[..., Any]) -> None:
    """Check ``logistic_regression_gradient(X, y, w, b) -> (grad_w, grad_b)``.

    L(w, b) = mean over n of the binary cross-entropy of pₙ = σ(xₙ·w + b) against yₙ ∈ {0, 1};
    expected grad_w = Xᵀ(p − y)/N (shape like w) and grad_b = mean(p − y). Three cases: ordinary
    data, positive inputs (sigmoid outputs of a previous layer), and logits of several hundred
    (a naive σ overflows). The reference agrees with centred differences of L.
    """
    exercise = "logistic_regression_gradient"
    worst = 0.0
    for X, y, w, b, shown in _logreg_cases():
        grad_w, grad_b = _logreg_gradient(X, y, w, b)
        expected = np.append(grad_w, grad_b)
        numerical = numerical_gradient(
            lambda theta, X=X, y=y: _bce_of_logits(X @ theta[:-1] + theta[-1], y),
            np.append(w, b),
        )
        worst = max(worst, relative_error(expected, numerical))
        shown_full = f"{shown}, w = {w.tolist()}, b = {b}"
        got_pair = _call(
            exercise,
            logistic_regression_gradient,
            (X, y, w, b),
            expected,
            shown=shown_full,
            mistakes=[],
            warning_hint=lambda message: (
                "σ(z) = 1/(1 + e^{−z}) overflows for a logit below −709: use a stable sigmoid "
                "(your stable_sigmoid, or helpers.activations.sigmoid)."
            ),
        )
        got_w, got_b = _pair(got_pair, exercise, shown_full, len(w))
        if np.shape(got_w) != w.shape:
            fail(
                exercise,
                f"for {shown_full} grad_w has shape {np.shape(got_w)}, expected {w.shape} "
                "(one entry per weight).",
                "grad_w = X.T @ (p - y) / N: (d, N) @ (N,) gives (d,). (p − y) alone is one "
                "number per example, not per weight.",
            )
        if np.size(got_b) != 1:
            fail(
                exercise,
                f"for {shown_full} grad_b has shape {np.shape(got_b)}, expected one number.",
                "grad_b = np.mean(p - y): one bias, one number.",
            )
        try:
            got_b = float(np.asarray(got_b, dtype=float).reshape(()))
        except (TypeError, ValueError):
            fail(exercise, f"for {shown_full} grad_b is {got_b!r:.60}, not a number.")
        _diagnose(
            exercise,
            _flat_pair(got_w, got_b),
            expected,
            shown_full,
            _logreg_mistakes(X, y, w, b),
            (),
        )
        expect_close(
            exercise,
            got_w,
            grad_w,
            shown=f"{shown_full} (grad_w)",
            rtol=1e-9,
            atol=1e-15,
            hint="grad_w = X.T @ (σ(X @ w + b) − y) / N.",
        )
        expect_close(
            exercise,
            got_b,
            grad_b,
            shown=f"{shown_full} (grad_b)",
            rtol=1e-9,
            atol=1e-15,
            hint="grad_b = mean(σ(X @ w + b) − y).",
        )
    agreement = "< 1e-8" if worst < 1e-8 else f"{worst:.1e}"
    passed(
        exercise,
        "(Xᵀ(p − y)/N, mean(p − y)) in all 3 cases, including logits of several hundred "
        f"(finite differences agree to {agreement}).",
    )
