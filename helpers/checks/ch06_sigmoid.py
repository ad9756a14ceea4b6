"""Checks for chapter 06, "Sigmoid".

1. ``stable_sigmoid(x)``: σ for every float64 x, no warning, and the left tail kept
   (σ(−40) ≈ 4.2e-18 is not 0). The reference is ``helpers.activations`` (tested against 200-bit
   arithmetic); values and catalogued wrong answers are compared *relatively*, so 0 where the
   answer is 1e-20 fails, and a formula that loses a tail is named by that tail.
2. ``first_layer_signal(weights, top) -> (estimate, bound)`` (predict): the size of the error
   reaching the first hidden layer of a sigmoid network, from the error ``top`` at the logit:
   the rule of thumb top·¼ᵈ and the guarantee top·¼ᵈ·Π‖W‖₂ over the matrices it passes through.
3. ``logistic_regression_gradient``: Xᵀ(p − y)/N, mean(p − y) for p = σ(Xw + b).
"""

from collections.abc import Callable
from itertools import pairwise
from typing import Any

import numpy as np

from helpers.activations import sigmoid, sigmoid_derivative, tanh
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.i18n import tr

from ._runner import SHAPE_HINT, Case, Check, Exercise, Mistake, compare_numbers, matches

__all__ = [
    "check_first_layer_signal",
    "check_logistic_regression_gradient",
    "check_stable_sigmoid",
]

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
    return tr(
        "your function returned exactly 0 at index {index}, where the answer is "
        "{value}: a tiny but representable value was lost",
        index=index,
        value=f"{expected[index]:.3g}",
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


def _split() -> str:
    """``_SPLIT`` in the course language: the same words, written out for the catalogue."""
    return tr(
        "exponentiate only −|x| ≤ 0: σ(x) = 1/(1 + e^{−x}) for x ≥ 0 and eˣ/(1 + eˣ) for x < 0. "
        "np.where(cond, a, b) computes a and b for every x, so it does not avoid the overflow: "
        "compute each branch on its own part of x (boolean masks), or use "
        "e^{min(x, 0)}/(1 + e^{−|x|})."
    )


def _sigmoid_warning_hint(message: str) -> str:
    if "overflow" in message:
        return tr(
            "e^{{−x}} overflows for x < −709.78 (e^{{1000}} is too big for float64): {remedy}",
            remedy=_split(),
        )
    return tr(
        "inf/inf or 0·inf gives NaN, which means an exponential overflowed: {remedy}",
        remedy=_split(),
    )


def _tail(what: str, wrong: Callable) -> Mistake:
    """A formula that loses the left tail, as a test of the answer: so it names no answer numpy
    warned about (an overflowing naive σ leaves the same zeros), and only where the formula is
    off by more than 1e-7 (at x = −15.3 it is off by 3e-10, and a right answer is that close)."""

    def when(got: Any, x: np.ndarray) -> bool:
        bad = wrong(x)
        return matches(got, bad, rtol=1e-9, atol=0.0) and not matches(bad, sigmoid(x), atol=0.0)

    return Mistake(what, _TAIL, when=when, example=wrong, note=" your answer equals")


def _clipped(got: Any, x: np.ndarray) -> bool:
    """The same non-zero value at two different x far out on the left: x was clipped."""
    values = np.asarray(got, dtype=float)
    if values.shape != x.shape:
        return False
    left = np.isfinite(x) & (x < -29.0)
    found, right = values[left], sigmoid(x[left])
    if found.size < 2 or not np.all(found > 0) or matches(found, right, rtol=1e-12, atol=0.0):
        return False
    return bool(np.sum(found == found.min()) >= 2)


_CLIP = (
    "np.clip(x, -500, 500) hides the overflow by changing x: beyond the clip every x gets the "
    "same answer, and σ(−1000) is not σ(−500). Change the formula instead: "
)


def _silenced(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


# fmt: off
check_stable_sigmoid = Check((Exercise(
    "stable_sigmoid", sigmoid, _sigmoid_cases,
    [Mistake("σ(−x) = 1/(1 + eˣ): the sign of x is flipped", "σ(x) = 1/(1 + e^{−x}) grows with "
             "x: σ(2) ≈ 0.88, σ(−2) ≈ 0.12.", lambda x: sigmoid(-x)),
     Mistake("the derivative σ(x)·σ(−x), not σ(x)", "this exercise is σ itself, the curve "
             "from 0 to 1, not its slope σ(x)·σ(−x).", lambda x: sigmoid(x) * sigmoid(-x)),
     Mistake("tanh(x)", "σ(x) = 1/(1 + e^{−x}) lies in (0, 1); tanh lies in (−1, 1) and equals "
             "2σ(2x) − 1.", tanh),
     # Past x = −709.78 a silenced naive formula and the tail formulas below give the same zeros;
     # the silenced overflow is the likelier story, so it is named first there.
     Mistake("every x left of the clip gets the same answer: x was clipped before the naive "
             "formula", _CLIP + _SPLIT, when=_clipped,
             example=lambda x: 1.0 / (1.0 + np.exp(-np.clip(x, -500.0, 500.0)))),
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


# --- Exercise 2 (predict): how much error signal reaches the first layer ---------------------

_COUNT = (
    "Between the logit and hidden layer 1 the error passes through every weight matrix but the "
    "first (W⁽²⁾ … W⁽ᵈ⁺¹⁾, the output layer's included) and through d sigmoid slopes, one per "
    "hidden layer: d = len(weights) − 1."
)
_ESTIMATE = "the rule of thumb is one factor ¼ per sigmoid layer: top · 0.25**d."
_BOUND = (
    "the guarantee keeps the weights: top · 0.25**d · ‖W⁽²⁾‖₂ ⋯ ‖W⁽ᵈ⁺¹⁾‖₂, with the spectral "
    "norm (the largest stretch of a matrix), np.linalg.norm(W, 2)."
)


def _spectral(weights: list) -> float:
    return float(np.prod([np.linalg.norm(W, 2) for W in weights]))


def _first_layer_signal(weights: list, top: float) -> tuple[float, float]:
    """(estimate, bound) for ‖δ⁽¹⁾‖ from ‖∂L/∂z‖ at the logit, d = len(weights) − 1 layers."""
    depth = len(weights) - 1
    return top * 0.25**depth, top * 0.25**depth * _spectral(weights[1:])


def _signal_cases() -> list[Case]:
    rng = np.random.default_rng(66)
    cases = []
    for depth, width, top in [(3, 8, 0.7), (6, 32, 2.5), (1, 16, 1.3), (10, 32, 0.4)]:
        sizes = [2] + [width] * depth + [1]
        weights = [
            rng.uniform(-1, 1, size=(n_in, n_out)) * np.sqrt(6 / (n_in + n_out))  # Glorot
            for n_in, n_out in pairwise(sizes)
        ]
        shown = f"{depth} hidden layer{'s' * (depth > 1)} of {width} units, top = {top}"
        cases.append(Case(shown, (weights, top)))
    return cases


def _not_a_pair(got: Any, *_: Any) -> str | bool:
    pair = isinstance(got, (tuple, list)) and len(got) == 2
    return not pair and tr("expected a pair (estimate, bound), got {kind}", kind=type(got).__name__)


# fmt: off
check_first_layer_signal = Check((Exercise(
    "first_layer_signal", _first_layer_signal, _signal_cases,
    [Mistake("not a pair (estimate, bound)", "end with `return estimate, bound`.",
             when=_not_a_pair, example=lambda weights, top: top * 0.25 ** (len(weights) - 1)),
     Mistake("(bound, estimate): the two numbers swapped", "return the estimate first, then the "
             "bound; the bound is the larger one.",
             lambda weights, top: _first_layer_signal(weights, top)[::-1]),
     Mistake("one factor ¼ per weight matrix, one too many", _COUNT,
             lambda weights, top: top * 0.25 ** len(weights), part="estimate"),
     Mistake("the estimate divides by ¼: the error growing on the way back", "σ′ ≤ ¼ shrinks "
             "the error at every sigmoid layer: multiply by 0.25 per layer.",
             lambda weights, top: top / 0.25 ** (len(weights) - 1), part="estimate"),
     Mistake("a ratio, not a size: top is missing from the estimate", "‖δ⁽¹⁾‖ is the error at "
             "the logit scaled down: multiply by top.",
             lambda weights, top: 0.25 ** (len(weights) - 1), part="estimate"),
     Mistake("the weights in the estimate too", "the estimate is the rule of thumb without the "
             "weights (Glorot's scale keeps their typical stretch near 1); only the bound keeps "
             "them.", lambda weights, top: _first_layer_signal(weights, top)[1],
             part="estimate"),
     Mistake("a ratio, not a size: top is missing from the bound", "‖δ⁽¹⁾‖ ≤ top · (¼)ᵈ · Π‖W‖₂:"
             " multiply by top.", lambda weights, top: _first_layer_signal(weights, 1.0)[1],
             part="bound"),
     Mistake("Frobenius norms, np.linalg.norm(W), instead of spectral norms", "the Frobenius "
             "norm sums the squares of all entries and is far larger; " + _BOUND,
             lambda weights, top: top * 0.25 ** (len(weights) - 1)
             * float(np.prod([np.linalg.norm(W) for W in weights[1:]])), part="bound"),
     Mistake("the bound over every weight matrix, W⁽¹⁾ included", "W⁽¹⁾ acts on the inputs, "
             "before layer 1: the error reaching layer 1 never passes through it. " + _COUNT,
             lambda weights, top: top * 0.25 ** (len(weights) - 1) * _spectral(weights),
             part="bound"),
     Mistake("the bound without the output layer's matrix", _COUNT,
             lambda weights, top: top * 0.25 ** (len(weights) - 1) * _spectral(weights[1:-1]),
             part="bound"),
     Mistake("the bound without the factors ¼", "each sigmoid layer contributes σ′ ≤ ¼ *and* "
             "its weights: " + _BOUND, lambda weights, top: top * _spectral(weights[1:]),
             part="bound")],
    hint=f"{_COUNT} Then {_ESTIMATE} And {_BOUND}", parts=("estimate", "bound"),
    part_hints={  # after _COUNT's full stop, the next sentence starts with a capital
        "estimate": f"{_COUNT} {_ESTIMATE[:1].upper()}{_ESTIMATE[1:]}",
        "bound": f"{_COUNT} {_BOUND[:1].upper()}{_BOUND[1:]}",
    },
    rtol=1e-9, atol=0.0, mistake_rtol=1e-6, mistake_atol=0.0),),
    "estimate top · ¼ᵈ and bound top · ¼ᵈ · Π‖W‖₂ right for 1, 3, 6 and 10 hidden layers.",
    doc="Check ``first_layer_signal(weights, top) -> (estimate, bound)`` for the size of the "
    "error at the first hidden layer of a sigmoid network.")
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
    w, shown = case.args[2], tr(case.shown)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        length = tr(" of length {n}", n=len(got)) if isinstance(got, (tuple, list)) else ""
        text = tr(
            "for {shown} expected a pair (grad_w, grad_b), got {kind}{length}.",
            shown=shown, kind=type(got).__name__, length=length,
        )  # fmt: skip
        hint = tr(
            "return grad_w, grad_b — grad_w of shape ({n},) like w, grad_b one number.", n=len(w)
        )
        return text, hint
    grad_w, grad_b = got
    if np.shape(grad_w) != w.shape:
        text = tr(
            "for {shown} grad_w has shape {got}, expected {expected} (one entry per weight).",
            shown=shown, got=np.shape(grad_w), expected=w.shape,
        )  # fmt: skip
        return text, tr(
            "grad_w = X.T @ (p - y) / N: (d, N) @ (N,) gives (d,). (p − y) alone is one number "
            "per example, not per weight."
        )
    if np.size(grad_b) != 1:
        text = tr(
            "for {shown} grad_b has shape {got}, expected one number.",
            shown=shown, got=np.shape(grad_b),
        )  # fmt: skip
        return text, tr("grad_b = np.mean(p - y): one bias, one number.")
    try:
        grad_b = float(np.asarray(grad_b, dtype=float).reshape(()))
    except (TypeError, ValueError):
        value = f"{grad_b!r:.60}"
        return tr("for {shown} grad_b is {value}, not a number.", shown=shown, value=value), None
    for name, value, want, hint in [
        ("grad_w", grad_w, expected[0], tr("grad_w = X.T @ (σ(X @ w + b) − y) / N.")),
        ("grad_b", grad_b, expected[1], tr("grad_b = mean(σ(X @ w + b) − y).")),
    ]:
        where = Case(f"{shown} ({name})")
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
    return tr(
        "(Xᵀ(p − y)/N, mean(p − y)) in all 3 cases, including logits of several hundred "
        "(finite differences agree to {agreement}).",
        agreement=agreement,
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
