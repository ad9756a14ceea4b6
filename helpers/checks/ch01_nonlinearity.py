"""Checks for chapter 01, "The neuron, and why non-linearity".

Rows are examples: a batch ``x`` has shape ``(n, d_in)`` and a layer computes ``x @ W + b`` with
``W`` of shape ``(d_in, d_out)`` and ``b`` of shape ``(d_out,)``.
1. ``collapse_linear(W1, b1, W2, b2) -> (W, b)``: two linear layers are one, W = W1 @ W2 and
   b = b1 @ W2 + b2.
2. ``xor_forward(X, W1, b1, W2, b2)`` = sigmoid(relu(X @ W1 + b1) @ W2 + b2)[:, 0] (diagnose: the
   chapter shows a version with the ReLU on the inputs, which cannot solve XOR).
3. ``step_features(x, knots, sharpness)`` = sigmoid(sharpness * (x - knots)), of shape (n, k).
4. ``step_slope(x, knots, sharpness)`` = sharpness * σ(z) * σ(-z), z = sharpness * (x - knots):
   the derivative of 3 with respect to x (derive), judged by a gradient check.
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import relu, sigmoid
from helpers.gradcheck import relative_error
from helpers.i18n import tr

from ._runner import Case, Check, Exercise, Mistake, describe

__all__ = [
    "check_collapse_linear",
    "check_step_features",
    "check_step_slope",
    "check_xor_forward",
]

_ROW_CONVENTION = (
    "rows are examples, so a layer computes h @ W + b: the matrices multiply left to right "
    "in layer order (W1 @ W2), and b1 is carried through the second layer as b1 @ W2."
)
_BIAS_PATH = "b = b1 @ W2 + b2."
_SMOOTH = "the step is smooth: sigmoid(sharpness * (x - knots)), e.g. 0.5 exactly at a knot."


def _shapes(**arrays: np.ndarray) -> str:
    return ", ".join(f"{name} of shape {a.shape}" for name, a in arrays.items())


def _transposed(reference: Callable, hint: str) -> Mistake:
    """Named by shape: the expected (non-square) shape, reversed."""

    def when(got: Any, *args: Any) -> str | bool:
        shape, found = np.shape(reference(*args)), np.shape(got)
        flipped = found == shape[::-1] != shape
        return flipped and tr(
            "expected shape {shape}, got {found}: the result is transposed",
            shape=shape,
            found=found,
        )

    return Mistake("the result transposed", hint, when=when, example=lambda *a: reference(*a).T)


# --- Exercise 1: collapse two linear layers into one ------------------------------------------


def _collapse_cases() -> list[Case]:
    rng = np.random.default_rng(1)
    cases = []
    # Square first: there W2 @ W1 has the right shape, so the wrong order can be named.
    for d_in, d_hidden, d_out in [(3, 3, 3), (4, 3, 2), (2, 5, 1)]:
        W1, b1 = rng.normal(size=(d_in, d_hidden)), rng.normal(size=d_hidden)
        W2, b2 = rng.normal(size=(d_hidden, d_out)), rng.normal(size=d_out)
        cases.append(Case(_shapes(W1=W1, b1=b1, W2=W2, b2=b2), (W1, b1, W2, b2)))
    return cases


# fmt: off
check_collapse_linear = Check((Exercise(
    "collapse_linear", lambda W1, b1, W2, b2: (W1 @ W2, b1 @ W2 + b2), _collapse_cases,
    [Mistake("not a pair (W, b)", "end the function with `return W, b`.",
             when=lambda got, *_: not (isinstance(got, (tuple, list)) and len(got) == 2)
             and tr("expected a pair (W, b), got {kind}", kind=type(got).__name__),
             example=lambda W1, b1, W2, b2: W1 @ W2),
     Mistake("-(W1 @ W2): a sign error", "no minus sign appears anywhere in W.",
             lambda W1, b1, W2, b2: -(W1 @ W2), part="W"),
     Mistake("W1 * W2 (element by element)", "composing layers is a matrix product (@), not an "
             "element-wise one (*).", lambda W1, b1, W2, b2: W1 * W2, part="W"),
     Mistake("W2 @ W1, the matrices in the wrong order", _ROW_CONVENTION + " (W2 @ W1 belongs to "
             "the column convention y = W x.)", lambda W1, b1, W2, b2: W2 @ W1, part="W"),
     Mistake("b2 alone: b1 was dropped", "the first layer's bias still reaches the output, after "
             "passing through W2: " + _BIAS_PATH, lambda W1, b1, W2, b2: b2, part="b"),
     Mistake("b1 + b2: b1 skipped the second layer", "b1 is added before the second layer, so W2 "
             "acts on it too: " + _BIAS_PATH, lambda W1, b1, W2, b2: b1 + b2, part="b"),
     Mistake("b1 @ W2: b2 was dropped", "the second layer adds its own bias b2.",
             lambda W1, b1, W2, b2: b1 @ W2, part="b"),
     Mistake("b1 @ W2 - b2: a sign error", "both biases are added: b1 @ W2 + b2.",
             lambda W1, b1, W2, b2: b1 @ W2 - b2, part="b"),
     Mistake("W2 @ b1 + b2, the column convention", _ROW_CONVENTION,
             lambda W1, b1, W2, b2: W2 @ b1 + b2, part="b")],
    hint=_ROW_CONVENTION, parts=("W", "b"),
    part_hints={"W": f"substitute h = x @ W1 + b1 into y = h @ W2 + b2; {_ROW_CONVENTION}",
                "b": "b has one entry per output unit: b = b1 @ W2 + b2, shape (d_out,)."}),),
    "x @ W + b reproduces two stacked linear layers for 3 combinations of widths.")
# fmt: on


# --- Exercise 2 (diagnose): the planted bug in a 2-2-1 forward pass ---------------------------

_RELU_PLACE = (
    "The ReLU belongs on each hidden unit's weighted sum (section 4: h₁ = relu(x₁ − x₂)), "
    "between the two layers; the output gets only the sigmoid."
)


def _forward(X: Any, W1: Any, b1: Any, W2: Any, b2: Any) -> Any:
    return sigmoid(relu(X @ W1 + b1) @ W2 + b2)[:, 0]


def _xor_cases() -> list[Case]:
    rng = np.random.default_rng(14)
    cases = []
    # Random weights first: there every catalogued mistake gives a different answer, so each is
    # named. Then another hidden width, then the hand-set weights on the four corners.
    for n, hidden in [(6, 2), (5, 3)]:
        X, W1, b1 = rng.normal(size=(n, 2)), rng.normal(size=(2, hidden)), rng.normal(size=hidden)
        W2, b2 = rng.normal(size=(hidden, 1)), rng.normal(size=1)
        cases.append(Case(_shapes(X=X, W1=W1, b1=b1, W2=W2, b2=b2), (X, W1, b1, W2, b2)))
    corners = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, 1.0], [1.0, -1.0]])
    hand_set = (np.array([[1.0, -1.0], [-1.0, 1.0]]), np.zeros(2), np.full((2, 1), 2.0), [-2.0])
    shown = "the four corners of XOR with the hand-set weights of section 4"
    return [*cases, Case(shown, (corners, *(np.asarray(a) for a in hand_set)))]


def _one_per_row(got: Any, X: Any, *_: Any) -> str | bool:
    n = len(X)
    return np.shape(got) == (n, 1) and tr("expected shape ({n},), got ({n}, 1)", n=n)


# fmt: off
check_xor_forward = Check((Exercise(
    "xor_forward", _forward, _xor_cases,
    [Mistake("one probability per row", "end with [:, 0] (or .ravel()): shape (n,), not (n, 1).",
             when=_one_per_row, example=lambda *a: _forward(*a)[:, None]),
     Mistake("the planted bug, still there: relu(X), the activation on the inputs", "relu(X) only "
             "moves the four corners to (0, 0), (0, 1), (1, 1) and (1, 0), still an XOR, and all "
             "that follows is linear. " + _RELU_PLACE,
             lambda X, W1, b1, W2, b2: sigmoid((relu(X) @ W1 + b1) @ W2 + b2)[:, 0]),
     Mistake("relu on the inputs and on the hidden layer", "you added the right ReLU but kept the "
             "planted one: remove relu(X).",
             lambda X, W1, b1, W2, b2: sigmoid(relu(relu(X) @ W1 + b1) @ W2 + b2)[:, 0]),
     Mistake("no ReLU at all: a linear network", "without an activation the two layers collapse "
             "into one (section 3), and no line solves XOR. " + _RELU_PLACE,
             lambda X, W1, b1, W2, b2: sigmoid((X @ W1 + b1) @ W2 + b2)[:, 0]),
     Mistake("the ReLU on the output's logit", "everything before a ReLU on the logit is linear, "
             "so the boundary is still a straight line. " + _RELU_PLACE,
             lambda X, W1, b1, W2, b2: sigmoid(relu((X @ W1 + b1) @ W2 + b2))[:, 0]),
     Mistake("a ReLU on the hidden layer and another on the output's logit", "the output gets "
             "only the sigmoid: a ReLU before it turns every negative logit into p = 0.5.",
             lambda X, W1, b1, W2, b2: sigmoid(relu(relu(X @ W1 + b1) @ W2 + b2))[:, 0]),
     Mistake("relu(X @ W1) + b1: the bias added after the activation", "the bias shifts the "
             "weighted sum before the ReLU: relu(X @ W1 + b1).",
             lambda X, W1, b1, W2, b2: sigmoid((relu(X @ W1) + b1) @ W2 + b2)[:, 0]),
     Mistake("the logit, not the probability", "finish with the sigmoid: P(class 1) = "
             "sigmoid(logit).", lambda X, W1, b1, W2, b2: (relu(X @ W1 + b1) @ W2 + b2)[:, 0])],
    hint=_RELU_PLACE,
    crash_hint="X has one example per row: X @ W1 has one column per hidden unit, and the hidden "
    "layer @ W2 one column for the output."),),
    "the ReLU sits on the hidden layer's weighted sums: right for 2-2-1 and 2-3-1 networks and "
    "for the hand-set XOR weights.",
    doc="Check ``xor_forward(X, W1, b1, W2, b2)``: P(class 1) = sigmoid(relu(X @ W1 + b1) @ W2 + "
    "b2)[:, 0], the planted bug (relu on the inputs) fixed.")
# fmt: on


# --- Exercise 3: sigmoid step features for the universal-approximation fit --------------------


def _step_cases() -> list[Case]:
    cases = [
        (np.array([[-2.0], [-0.5], [0.0], [0.25], [1.0], [3.0]]), np.array([-1.0, 0.0, 0.5]), 3.0),
        (np.linspace(-1.0, 1.0, 7)[:, None], np.array([-0.5, 0.5]), 0.5),
        # Sharpness 1000: the naive 1 / (1 + exp(-z)) overflows here.
        (np.array([[-5.0], [-0.001], [0.0], [0.002], [5.0]]), np.array([0.0, 1.0, 2.0, 4.0]), 1e3),
    ]
    shown = "x = {} (shape {}), knots = {}, sharpness = {:g}"
    return [Case(shown.format(x.ravel().tolist(), x.shape, k.tolist(), s), (x, k, s))
            for x, k, s in cases]  # fmt: skip


def _steps(x: Any, knots: Any, sharpness: float) -> Any:
    return sigmoid(sharpness * (x - knots))


# fmt: off
check_step_features = Check((Exercise(
    "step_features", _steps, _step_cases,
    [_transposed(_steps, "one row per input x, one column per knot: x of shape (n, 1) minus "
                 "knots."),
     Mistake("sigmoid(sharpness * (knots - x)): the steps go down instead of up", "each step "
             "should climb from 0 to 1 as x passes its knot: use x - knots.",
             lambda x, k, s: sigmoid(s * (k - x))),
     Mistake("sigmoid(x - knots): the sharpness is ignored",
             "multiply (x - knots) by sharpness inside the sigmoid.",
             lambda x, k, s: sigmoid(x - k)),
     Mistake("sigmoid((x - knots) / sharpness): dividing instead of multiplying",
             "a larger sharpness must make the step steeper: multiply.",
             lambda x, k, s: sigmoid((x - k) / s)),
     Mistake("tanh(sharpness * (x - knots)), which runs from -1 to 1",
             "use the sigmoid, whose steps run from 0 to 1.", lambda x, k, s: np.tanh(s * (x - k))),
     Mistake("a hard 0/1 step", _SMOOTH, lambda x, k, s: (x > k).astype(float)),
     Mistake("a hard 0/1 step (1 at the knot)", _SMOOTH, lambda x, k, s: (x >= k).astype(float))],
    hint="column j is sigmoid(sharpness * (x - knots[j])); helpers.activations.sigmoid is stable "
    "for any argument.",
    crash_hint="x has shape (n, 1) and knots shape (k,), so x - knots broadcasts to (n, k).",
    warning_hint="1 / (1 + exp(-z)) overflows once -z passes about 709; use "
    "helpers.activations.sigmoid, which is stable for any z."),),
    "smooth steps of shape (n, k), stable up to sharpness 1000.")
# fmt: on


# --- Exercise 4 (derive): the slope of a step ------------------------------------------------

_CHAIN = "z = sharpness * (x - knots) changes sharpness times as fast as x: dz/dx = sharpness."
_PASS_AT = 1e-6  # worst relative error a right derivative may have against the centred difference


def _slopes(x: Any, knots: Any, sharpness: float) -> Any:
    z = sharpness * (x - knots)
    return sharpness * sigmoid(z) * sigmoid(-z)


def _gradient_check(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    """Judge the slopes by a centred difference of the step itself, as a gradient check does."""
    x, knots, sharpness = case.args
    shown = tr(case.shown)
    h = 1e-4 / sharpness  # moves z by 1e-4 whatever the sharpness
    centred = (_steps(x + h, knots, sharpness) - _steps(x - h, knots, sharpness)) / (2 * h)
    try:
        mine = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return tr("for {shown} expected numbers, got {got}.", shown=shown, got=describe(got)), None
    if mine.shape != centred.shape:
        text = tr(
            "for {shown} expected shape {expected}, got shape {got}.",
            shown=shown,
            expected=centred.shape,
            got=mine.shape,
        )
        return text, None
    error = relative_error(mine, centred)
    if error <= _PASS_AT:
        return None
    gaps = np.where(np.isnan(mine), np.inf, np.abs(mine - centred))
    at = np.unravel_index(np.argmax(gaps), mine.shape)  # the worst entry
    message = tr(
        "for {shown} a centred difference of the step (h = {h}) gives {centred} at index "
        "{index}, your slope {mine}: relative error {error}, where a right derivative is within "
        "{within}.",
        shown=shown,
        h=f"{h:.0e}",
        centred=describe(centred[at]),
        index=tuple(int(i) for i in at),
        mine=describe(mine[at]),
        error=f"{error:.1e}",
        within=f"{_PASS_AT:.0e}",
    )
    return message, "σ′(z) = σ(z)·σ(−z), and " + _CHAIN


# fmt: off
check_step_slope = Check((Exercise(
    "step_slope", _slopes, _step_cases,
    [_transposed(_slopes, "one row per input x, one column per knot, as in step_features."),
     Mistake("σ(z)·σ(−z), the sigmoid's slope without the factor sharpness", _CHAIN,
             lambda x, k, s: sigmoid(s * (x - k)) * sigmoid(-s * (x - k))),
     Mistake("−sharpness·σ(z)·σ(−z), the slope with respect to the knot", "moving x to the right "
             "climbs the step: " + _CHAIN + " (−sharpness is dz/dk.)",
             lambda x, k, s: -_slopes(x, k, s)),
     Mistake("the step σ(z) itself, not its slope", "differentiate: σ′(z) = σ(z)·σ(−z), then the "
             "chain rule.", _steps),
     Mistake("sharpness·σ(z): σ′ taken to be σ", "σ′(z) = σ(z)·σ(−z), not σ(z).",
             lambda x, k, s: s * sigmoid(s * (x - k))),
     Mistake("sharpness·σ′(x − knots): σ′ evaluated at x − knots instead of z", "σ′ is evaluated "
             "at the sigmoid's own input, z = sharpness * (x - knots).",
             lambda x, k, s: s * sigmoid(x - k) * sigmoid(k - x)),
     Mistake("σ′(z) / sharpness: divided by the sharpness", _CHAIN + " Multiply by it.",
             lambda x, k, s: sigmoid(s * (x - k)) * sigmoid(-s * (x - k)) / s)],
    hint="σ′(z) = σ(z)·σ(−z), and " + _CHAIN,
    crash_hint="x has shape (n, 1) and knots shape (k,), so x - knots broadcasts to (n, k).",
    warning_hint="exp or cosh of a large |z| overflows (sharpness 1000 and x - knots = -5 give "
    "z = -5000): build the slope from helpers.activations.sigmoid, which is stable for any z.",
    compare=_gradient_check, mistake_rtol=1e-6, mistake_atol=1e-12),),
    "sharpness·σ(z)·σ(−z) agrees with centred differences of the step in all 3 cases, and stays "
    "finite up to sharpness 1000.",
    doc="Check ``step_slope(x, knots, sharpness)``, the derivative of step_features with respect "
    "to x, by a gradient check against centred differences of the step.")
# fmt: on
