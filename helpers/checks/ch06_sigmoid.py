"""Checks for chapter 06, "Sigmoid": ``stable_sigmoid`` (σ for every float64 x, no warning, and
the left tail kept: σ(−40) ≈ 4.2e-18 is not 0), ``sigmoid_derivative`` (σ(x)·σ(−x), which keeps
the right tail that σ(1 − σ) rounds to 0 for x > 36.7) and ``logistic_regression_gradient``
(Xᵀ(p − y)/N, mean(p − y) for p = σ(Xw + b)). The references are ``helpers.activations`` (tested
against 200-bit arithmetic); values and catalogued wrong answers are compared *relatively*, so
0 where the answer is 1e-20 fails, and a formula that loses a tail is named by that tail.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import sigmoid, sigmoid_derivative, tanh
from helpers.gradcheck import numerical_gradient, relative_error

from ._runner import SHAPE_HINT, Case, Check, Exercise, Mistake, compare_numbers, matches

__all__ = ["check_logistic_regression_gradient", "check_sigmoid_derivative", "check_stable_sigmoid"]

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
_SILENCED = (
    "at x = −720, e^{720} overflows to inf and 1/(1 + inf) = 0, yet σ(−720) ≈ 2.0e-313 is still "
    "a float64 (a subnormal one). Silencing the warning does not undo the overflow: " + _SPLIT
)
_INPLACE = {  # the runner's test for changed inputs, in this chapter's words
    "inplace_message": "for {shown} the function changed its input in place.",
    "inplace_hint": "compute into new arrays (e = np.exp(-np.abs(x)) makes one); `x *= -1` or "
    "out=x overwrites the caller's data.",
}


def _lost(got: Any, expected: np.ndarray) -> str | None:
    """The exact zeros an unstable formula leaves where the true value is tiny but not 0."""
    values = np.asarray(got, dtype=float)
    lost = (values == 0) & (expected != 0) if values.shape == expected.shape else False
    if not np.any(lost):
        return None
    index = tuple(int(i) for i in np.argwhere(lost)[0])
    return (
        f"your function returned exactly 0 at index {index}, where the answer is "
        f"{expected[index]:.3g}: a tiny but representable value was lost"
    )


def _points(values: list[float], where: str = "") -> Case:
    return Case(f"{where}x = {values}", (np.array(values, dtype=float),))


# --- Exercise 1: a sigmoid that never overflows -----------------------------------------------


def _sigmoid_cases() -> list[Case]:
    grid = np.round(np.random.default_rng(6).normal(scale=6.0, size=(3, 4)), 2)
    return [
        _points([-3, -1, 0, 0.5, 2, 4]),
        _points([-60, -45, -38, -30], "the left tail "),
        _points([-1000, -720, -710, 710, 1000]),
        Case("an array of shape (3, 4)", (grid,)),
        _points([-np.inf, np.inf]),
    ]


def _sigmoid_warning_hint(message: str) -> str:
    if "overflow" in message:
        return "e^{−x} overflows for x < −709.78 (e^{1000} is too big for float64): " + _SPLIT
    return "inf/inf or 0·inf gives NaN, which means an exponential overflowed: " + _SPLIT


def _tail(what: str, wrong: Callable) -> Mistake:
    """A formula that loses the left tail, as a test of the answer: so it names no answer numpy
    warned about (an overflowing naive σ leaves the same zeros), and only where the formula is
    off by more than 1e-7 (at x = −15.3 it is off by 3e-10, and a right answer is that close)."""

    def when(got: Any, x: np.ndarray) -> bool:
        bad = wrong(x)
        return matches(got, bad, rtol=1e-9, atol=0.0) and not matches(bad, sigmoid(x), atol=0.0)

    return Mistake(what, _TAIL, when=when, example=wrong, note=" your answer equals")


def _silenced(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


# fmt: off
check_stable_sigmoid = Check((Exercise(
    "stable_sigmoid", sigmoid, _sigmoid_cases,
    [Mistake("σ(−x) = 1/(1 + eˣ): the sign of x is flipped", "σ(x) = 1/(1 + e^{−x}) grows with "
             "x: σ(2) ≈ 0.88, σ(−2) ≈ 0.12.", lambda x: sigmoid(-x)),
     Mistake("the derivative σ(x)·σ(−x), not σ(x)", "this exercise is σ itself; its derivative "
             "is the next one.", lambda x: sigmoid(x) * sigmoid(-x)),
     Mistake("tanh(x)", "σ(x) = 1/(1 + e^{−x}) lies in (0, 1); tanh lies in (−1, 1) and equals "
             "2σ(2x) − 1.", tanh),
     # Past x = −709.78 a silenced naive formula and the tail formulas below give the same zeros;
     # the silenced overflow is the likelier story, so it is named first there.
     Mistake("a silenced overflow", _SILENCED, example=_silenced,
             when=lambda got, x: np.min(x) < -709.78 and _lost(got, sigmoid(x))),
     _tail("1 − σ(−x) computed for every x: the left tail is lost", lambda x: 1.0 - sigmoid(-x)),
     _tail("½(1 + tanh(x/2)): right in theory, but the left tail rounds to 0",
           lambda x: 0.5 * (1.0 + np.tanh(x / 2))),
     Mistake("a tiny σ(x) rounded to 0", _TAIL, when=lambda got, x: _lost(got, sigmoid(x)),
             example=lambda x: np.where(x < -36.0, 0.0, sigmoid(x)))],
    hint="σ(x) = 1/(1 + e^{−x}), written so that only e^{−|x|} is ever computed.",
    warning_hint=_sigmoid_warning_hint, **_INPLACE,
    # Below 2.2e-308 float64 loses precision (subnormals), and two right formulas may differ
    # there by a few units of 4.9e-324; this slack forgives that and nothing else.
    rtol=1e-12, atol=1e-320, mistake_atol=0.0,
    course_version="helpers.activations.sigmoid"),),
    "right to 12 digits everywhere, including x = ±1000 (no warning), the left tail "
    "(σ(−60) ≈ 8.8e-27, not 0) and ±inf.",
    doc="Check ``stable_sigmoid(x) -> σ(x) = 1/(1 + e^{−x})``, also at ±1000 and in the left tail.")
# fmt: on


# --- Exercise 2: the derivative σ′(x) = σ(x)·σ(−x) --------------------------------------------


def _derivative_cases() -> list[Case]:
    grid = np.round(np.random.default_rng(7).normal(scale=5.0, size=(2, 5)), 2)
    return [
        _points([-4, -1, 0, 0.5, 3]),
        _points([30, 38, 40, 50], "the right tail "),
        _points([-1000, -400, -50, 400, 1000]),
        Case("an array of shape (2, 5)", (grid,)),
    ]


# fmt: off
check_sigmoid_derivative = Check((Exercise(
    "sigmoid_derivative", sigmoid_derivative, _derivative_cases,
    [Mistake("σ(x) itself, not its derivative", "differentiate: σ′(x) = σ(x)·(1 − σ(x)) = "
             "σ(x)·σ(−x), at most 1/4 (at x = 0).", sigmoid),
     Mistake("−σ(x)·σ(−x): the sign is flipped", "σ is increasing, so its slope is positive "
             "everywhere.", lambda x: -sigmoid_derivative(x)),
     Mistake("σ(x)²", "σ′(x) = σ(x)·σ(−x): the second factor is σ(−x) = 1 − σ(x), not σ(x).",
             lambda x: sigmoid(x) ** 2),
     Mistake("σ(−x) alone: the factor σ(x) is missing", "σ′(x) = σ(x)·σ(−x) has two factors.",
             lambda x: sigmoid(-x)),
     Mistake("1 − σ(x)²: the tanh rule applied to σ", "1 − tanh² is tanh′; for the sigmoid it is "
             "σ(x)·(1 − σ(x)) = σ(x)·σ(−x).", lambda x: 1.0 - sigmoid(x) ** 2),
     Mistake("the derivative of tanh, 1 − tanh²(x)", "this is σ′, not tanh′: σ′(x) = σ(x)·σ(−x).",
             lambda x: 1.0 - np.tanh(x) ** 2),
     Mistake("σ′ evaluated at σ(x) instead of at x", "σ′ takes the pre-activation x, not the "
             "activation σ(x): return σ(x)·σ(−x).", lambda x: sigmoid_derivative(sigmoid(x))),
     Mistake("σ(x)·(1 − σ(x)), which rounds to 0 in the right tail", _PRODUCT,
             lambda x: sigmoid(x) * (1.0 - sigmoid(x))),
     Mistake("the constant 1/4, the largest slope, everywhere", "1/4 is σ′(0) only; the slope "
             "falls off like e^{−|x|} on both sides.", lambda x: np.full_like(x, 0.25)),
     Mistake("a tiny σ′(x) rounded to 0", _PRODUCT,
             when=lambda got, x: _lost(got, sigmoid_derivative(x)),
             example=lambda x: np.where(x > 36.0, 0.0, sigmoid_derivative(x)))],
    hint="σ′(x) = σ(x)·σ(−x), with a stable σ.",
    warning_hint="e^{−x}/(1 + e^{−x})² overflows (to inf/inf) for x < −355, and 1/(1 + e^{−x}) "
    "for x < −709.78. Build σ′ from a stable σ: σ′(x) = σ(x)·σ(−x).",
    rtol=1e-10, atol=0.0, mistake_atol=0.0, **_INPLACE,
    course_version="helpers.activations.sigmoid_derivative"),),
    "σ(x)·σ(−x) to 10 digits, with the right tail intact (σ′(40) ≈ 4.2e-18, not 0) and "
    "no warning at ±1000.",
    doc="Check ``sigmoid_derivative(x) -> σ′(x) = σ(x)·σ(−x)``, also in the right tail.")
# fmt: on


# --- Exercise 3: the gradient of logistic regression ------------------------------------------


def _logreg(error: Callable, n_w: int | None = None, sum_b: bool = False) -> Callable:
    """(grad_w, grad_b) from the per-example error(z, y): the right one, or a classic mistake."""

    def gradient(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> tuple:
        e = error(X @ w + b, y)
        return X.T @ e / (n_w or len(X)), float(np.sum(e) if sum_b else np.mean(e))

    return gradient


def _error(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    return sigmoid(z) - y  # ∂ℓ/∂z: prediction minus label


_logreg_gradient = _logreg(_error)
_TOL = {"rtol": 1e-9, "atol": 1e-15}


def _logreg_cases() -> list[Case]:
    rng = np.random.default_rng(8)
    X_small = np.round(rng.normal(size=(5, 2)), 2)
    X_pos = np.round(sigmoid(rng.normal(scale=2.0, size=(6, 3))), 3)  # sigmoid outputs: all > 0
    X_big = np.round(rng.normal(size=(4, 3)), 2)
    cases = [
        (X_small, np.array([1.0, 0.0, 1.0, 1.0, 0.0]), np.array([0.5, -1.2]), 0.3, "X (5, 2)"),
        (X_pos, np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0]), np.array([1.0, -2.0, 0.5]), -0.2,
         "positive inputs X (6, 3), as from a sigmoid layer"),
        (X_big, np.array([1.0, 0.0, 0.0, 1.0]), np.array([400.0, -300.0, 250.0]), 5.0,
         "large weights: logits of several hundred"),
    ]  # fmt: skip
    return [Case(f"{s}, w = {w.tolist()}, b = {b}", (X, y, w, b)) for X, y, w, b, s in cases]


def _logreg_compare(got: Any, expected: tuple, case: Case) -> tuple[str, str | None] | None:
    w, shown = case.args[2], f"for {case.shown}"
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        length = f" of length {len(got)}" if isinstance(got, (tuple, list)) else ""
        text = f"{shown} expected a pair (grad_w, grad_b), got {type(got).__name__}{length}."
        hint = f"return grad_w, grad_b — grad_w of shape ({len(w)},) like w, grad_b one number."
        return text, hint
    grad_w, grad_b = got
    if np.shape(grad_w) != w.shape:
        text = f"{shown} grad_w has shape {np.shape(grad_w)}, expected {w.shape}"
        return text + " (one entry per weight).", (
            "grad_w = X.T @ (p - y) / N: (d, N) @ (N,) gives (d,). (p − y) alone is one number "
            "per example, not per weight."
        )
    if np.size(grad_b) != 1:
        text = f"{shown} grad_b has shape {np.shape(grad_b)}, expected one number."
        return text, "grad_b = np.mean(p - y): one bias, one number."
    try:
        grad_b = float(np.asarray(grad_b, dtype=float).reshape(()))
    except (TypeError, ValueError):
        return f"{shown} grad_b is {grad_b!r:.60}, not a number.", None
    for name, value, want, hint in [
        ("grad_w", grad_w, expected[0], "grad_w = X.T @ (σ(X @ w + b) − y) / N."),
        ("grad_b", grad_b, expected[1], "grad_b = mean(σ(X @ w + b) − y)."),
    ]:
        where = Case(f"{case.shown} ({name})")
        if out := compare_numbers(value, want, where, hint=hint, shape_hint=SHAPE_HINT, **_TOL):
            return out[:2]
    return None


def _logreg_summary(logistic_regression_gradient: Any) -> str:
    def error(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
        def loss(theta: np.ndarray) -> float:  # the mean binary cross-entropy of σ(z), stably
            z = X @ theta[:-1] + theta[-1]
            return float(np.mean(np.maximum(z, 0.0) - z * y + np.log1p(np.exp(-np.abs(z)))))

        numerical = numerical_gradient(loss, np.append(w, b))
        return relative_error(np.append(*_logreg_gradient(X, y, w, b)), numerical)

    worst = max(error(*case.args) for case in _logreg_cases())
    agreement = "< 1e-8" if worst < 1e-8 else f"{worst:.1e}"
    return (
        "(Xᵀ(p − y)/N, mean(p − y)) in all 3 cases, including logits of several hundred "
        f"(finite differences agree to {agreement})."
    )


# fmt: off
check_logistic_regression_gradient = Check((Exercise(
    "logistic_regression_gradient", _logreg_gradient, _logreg_cases,
    [Mistake("(y − p) instead of (p − y): the gradient of −L, pointing downhill", "∂ℓ/∂z = σ(z) "
             "− y: prediction minus label. A step against the gradient then moves p towards y.",
             _logreg(lambda z, y: -_error(z, y))),
     Mistake("the sum over the examples, not the mean (1/N is missing)",
             "L is the mean of the N losses, so divide by N = len(X).",
             _logreg(_error, n_w=1, sum_b=True)),
     Mistake("the gradient with an extra factor σ′(z) = p(1 − p)", "with cross-entropy on "
             "logits, σ′ cancels against the log: ∂ℓ/∂z = p − y exactly. The extra σ′ belongs to "
             "a squared error, and it stalls learning where σ saturates.",
             _logreg(lambda z, y: _error(z, y) * sigmoid_derivative(z))),
     Mistake("the gradient with the logits computed without the bias (z = Xw)",
             "z = Xw + b: the bias is part of every logit.",
             lambda X, y, w, b: _logreg_gradient(X, y, w, 0.0)),
     Mistake("the right grad_w, but grad_b summed over the examples instead of averaged",
             "∂L/∂b = mean(p − y): the bias is averaged like the weights.",
             _logreg(_error, sum_b=True))],
    warning_hint="σ(z) = 1/(1 + e^{−z}) overflows for a logit below −709: use a stable sigmoid "
    "(your stable_sigmoid, or helpers.activations.sigmoid).",
    compare=_logreg_compare, **_TOL, **_INPLACE),),
    _logreg_summary,
    doc="Check ``logistic_regression_gradient(X, y, w, b) -> (Xᵀ(p − y)/N, mean(p − y))``.")
# fmt: on
