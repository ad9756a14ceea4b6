"""Checks for chapter 01, "The neuron, and why non-linearity".

Rows are examples: a batch ``x`` has shape ``(n, d_in)`` and a layer computes ``x @ W + b`` with
``W`` of shape ``(d_in, d_out)`` and ``b`` of shape ``(d_out,)``.
1. ``collapse_linear(W1, b1, W2, b2) -> (W, b)``: two linear layers are one, W = W1 @ W2 and
   b = b1 @ W2 + b2.
2. ``dense_layer(x, W, b, activation)`` = activation(x @ W + b), of shape (n, d_out).
3. ``step_features(x, knots, sharpness)`` = sigmoid(sharpness * (x - knots)), of shape (n, k).
"""

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import relu, sigmoid

from ._runner import Case, Check, Exercise, Mistake

__all__ = ["check_collapse_linear", "check_dense_layer", "check_step_features"]

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
        return flipped and f"expected shape {shape}, got {found}: the result is transposed"

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
             and f"expected a pair (W, b), got {type(got).__name__}",
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


# --- Exercise 2: a layer of neurons applied to a batch ----------------------------------------


def _dense_cases() -> list[Case]:
    rng = np.random.default_rng(2)
    cases = []
    # tanh makes a bias added after the activation visible; the last case has a single neuron.
    for n, d_in, d_out, f in [(5, 3, 2, np.tanh), (6, 4, 3, relu), (4, 2, 1, np.tanh)]:
        x, W, b = rng.normal(size=(n, d_in)), rng.normal(size=(d_in, d_out)), rng.normal(size=d_out)
        shown = f"{_shapes(x=x, W=W, b=b)}, activation={'relu' if f is relu else 'np.tanh'}"
        cases.append(Case(shown, (x, W, b, f)))
    return cases


def _dense_layer(x: Any, W: Any, b: Any, activation: Callable) -> Any:
    return activation(x @ W + b)


# fmt: off
check_dense_layer = Check((Exercise(
    "dense_layer", _dense_layer, _dense_cases,
    [_transposed(_dense_layer, "keep one row per example and one column per neuron: "
                 "activation(x @ W + b)."),
     Mistake("x @ W + b: the activation was never applied", "a neuron fires through its "
             "activation: return activation(x @ W + b).", lambda x, W, b, f: x @ W + b),
     Mistake("activation(x @ W) + b: the bias was added after the activation", "the bias shifts "
             "z before the activation: activation(x @ W + b).", lambda x, W, b, f: f(x @ W) + b),
     Mistake("activation(x @ W): the bias is missing",
             "add b to x @ W before applying the activation.", lambda x, W, b, f: f(x @ W)),
     Mistake("activation(x @ W - b): a sign error on the bias", "z = x @ W + b, with a plus.",
             lambda x, W, b, f: f(x @ W - b)),
     *(Mistake(f"{name}(x @ W + b), not activation(x @ W + b)", "the `activation` argument was "
               "ignored: call the function you are given.", lambda x, W, b, f, g=g: g(x @ W + b))
       for name, g in [("np.tanh", np.tanh), ("relu", relu), ("sigmoid", sigmoid)])],
    hint="each output is activation(x[i] @ W[:, j] + b[j]).",
    crash_hint="x has one example per row, so multiply x @ W (not W @ x); b then broadcasts over "
    "the rows."),),
    "activation(x @ W + b) with shape (n, d_out) in all 3 cases.")
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
