"""Checks for chapter 01, "The neuron, and why non-linearity".

Shape convention (the same as the rest of the course): a batch ``x`` holds one example per
row, shape ``(n, d_in)``; a layer computes ``x @ W + b`` with ``W`` of shape ``(d_in, d_out)``
and ``b`` of shape ``(d_out,)``.

Each check first compares the learner's answer with the right one; when they differ it also
compares it with the usual wrong answers (matrices multiplied in the wrong order, a bias left
out, a sign flipped ...) so the message can say which mistake was made, not just that one was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ._core import call_checked, expect_close, fail, name_mistake, passed

__all__ = ["check_collapse_linear", "check_dense_layer", "check_step_features"]

_ROW_CONVENTION = (
    "rows are examples, so a layer computes h @ W + b: the matrices multiply left to right "
    "in layer order (W1 @ W2), and b1 is carried through the second layer as b1 @ W2."
)


def _diagnose(exercise: str, got: Any, shown: str, mistakes: dict[str, tuple[Any, str]]) -> None:
    name_mistake(exercise, got, None, shown, mistakes)


def _shapes(**arrays: np.ndarray) -> str:
    return ", ".join(f"{name} of shape {a.shape}" for name, a in arrays.items())


# ----------------------------------------------------------------------------------------------
# Exercise 1: collapse two linear layers into one
# ----------------------------------------------------------------------------------------------


def check_collapse_linear(collapse_linear: Callable[..., Any]) -> None:
    """Check ``collapse_linear(W1, b1, W2, b2) -> (W, b)``.

    Two linear layers ``h = x @ W1 + b1`` and ``y = h @ W2 + b2`` compose to
    ``y = x @ (W1 @ W2) + (b1 @ W2 + b2)``, so the answer is ``W = W1 @ W2`` and
    ``b = b1 @ W2 + b2``. A square case runs first (there the wrong multiplication order
    still has the right shape, so it can be named), then a case with three different widths.
    """
    exercise = "collapse_linear"
    rng = np.random.default_rng(1)
    cases = [(3, 3, 3), (4, 3, 2), (2, 5, 1)]
    for d_in, d_hidden, d_out in cases:
        W1 = rng.normal(size=(d_in, d_hidden))
        b1 = rng.normal(size=d_hidden)
        W2 = rng.normal(size=(d_hidden, d_out))
        b2 = rng.normal(size=d_out)
        shown = _shapes(W1=W1, b1=b1, W2=W2, b2=b2)
        result = call_checked(
            exercise, collapse_linear, W1, b1, W2, b2, shown=shown, hint=_ROW_CONVENTION
        )
        if not isinstance(result, (tuple, list)) or len(result) != 2:
            fail(
                exercise,
                f"for {shown} expected a pair (W, b), got {type(result).__name__}.",
                "end the function with `return W, b`.",
            )
        W, b = result
        W_expected, b_expected = W1 @ W2, b1 @ W2 + b2

        W_mistakes = {
            "-(W1 @ W2): a sign error": (-W_expected, "no minus sign appears anywhere in W."),
            "W1 * W2 (element by element)": (
                W1 * W2 if W1.shape == W2.shape else None,
                "composing layers is a matrix product (@), not an element-wise one (*).",
            ),
            "W2 @ W1, the matrices in the wrong order": (
                W2 @ W1 if d_in == d_out == d_hidden else None,
                _ROW_CONVENTION + " (W2 @ W1 belongs to the column convention y = W x.)",
            ),
        }
        _diagnose(
            exercise, W, f"W ({shown})", {k: v for k, v in W_mistakes.items() if v[0] is not None}
        )
        expect_close(
            exercise,
            W,
            W_expected,
            shown=f"W ({shown})",
            hint=f"substitute h = x @ W1 + b1 into y = h @ W2 + b2; {_ROW_CONVENTION}",
        )

        b_mistakes = {
            "b2 alone: b1 was dropped": (
                b2,
                "the first layer's bias still reaches the output, after passing through W2: "
                "b = b1 @ W2 + b2.",
            ),
            "b1 + b2: b1 skipped the second layer": (
                b1 + b2 if b1.shape == b2.shape else None,
                "b1 is added before the second layer, so W2 acts on it too: b = b1 @ W2 + b2.",
            ),
            "b1 @ W2: b2 was dropped": (b1 @ W2, "the second layer adds its own bias b2."),
            "b1 @ W2 - b2: a sign error": (b1 @ W2 - b2, "both biases are added: b1 @ W2 + b2."),
            "W2 @ b1 + b2, the column convention": (
                W2 @ b1 + b2 if d_in == d_out == d_hidden else None,
                _ROW_CONVENTION,
            ),
        }
        _diagnose(
            exercise, b, f"b ({shown})", {k: v for k, v in b_mistakes.items() if v[0] is not None}
        )
        expect_close(
            exercise,
            b,
            b_expected,
            shown=f"b ({shown})",
            hint="b has one entry per output unit: b = b1 @ W2 + b2, shape (d_out,).",
        )
    passed(
        exercise,
        f"x @ W + b reproduces two stacked linear layers for {len(cases)} combinations of widths.",
    )


# ----------------------------------------------------------------------------------------------
# Exercise 2: a layer of neurons applied to a batch
# ----------------------------------------------------------------------------------------------


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def check_dense_layer(dense_layer: Callable[..., Any]) -> None:
    """Check ``dense_layer(x, W, b, activation) -> activation(x @ W + b)``.

    ``x`` is ``(n, d_in)``, ``W`` is ``(d_in, d_out)``, ``b`` is ``(d_out,)``; the answer is
    ``(n, d_out)``: one row per example, one column per neuron. Run with tanh (so adding the
    bias after the activation is visible), ReLU and a single neuron (``d_out = 1``).
    """
    exercise = "dense_layer"
    rng = np.random.default_rng(2)
    cases = [(5, 3, 2, np.tanh, "np.tanh"), (6, 4, 3, _relu, "relu"), (4, 2, 1, np.tanh, "np.tanh")]
    for n, d_in, d_out, activation, act_name in cases:
        x = rng.normal(size=(n, d_in))
        W = rng.normal(size=(d_in, d_out))
        b = rng.normal(size=d_out)
        shown = f"{_shapes(x=x, W=W, b=b)}, activation={act_name}"
        got = call_checked(
            exercise,
            dense_layer,
            x,
            W,
            b,
            activation,
            shown=shown,
            hint="x has one example per row, so multiply x @ W (not W @ x); b then broadcasts "
            "over the rows.",
        )
        z = x @ W + b
        expected = activation(z)
        if np.shape(got) == (d_out, n) and d_out != n:
            fail(
                exercise,
                f"for {shown} expected shape {(n, d_out)}, got {(d_out, n)}: the result is "
                "transposed.",
                "keep one row per example and one column per neuron: activation(x @ W + b).",
            )
        mistakes = {
            "x @ W + b: the activation was never applied": (
                z,
                "a neuron fires through its activation: return activation(x @ W + b).",
            ),
            "activation(x @ W) + b: the bias was added after the activation": (
                activation(x @ W) + b,
                "the bias shifts z before the activation: activation(x @ W + b).",
            ),
            "activation(x @ W): the bias is missing": (
                activation(x @ W),
                "add b to x @ W before applying the activation.",
            ),
            "activation(x @ W - b): a sign error on the bias": (
                activation(x @ W - b),
                "z = x @ W + b, with a plus.",
            ),
        }
        for other_name, other in (("np.tanh", np.tanh), ("relu", _relu), ("sigmoid", _sigmoid)):
            if other_name != act_name:
                mistakes[f"{other_name}(x @ W + b), not activation(x @ W + b)"] = (
                    other(z),
                    "the `activation` argument was ignored: call the function you are given.",
                )
        _diagnose(exercise, got, shown, mistakes)
        expect_close(
            exercise,
            got,
            expected,
            shown=shown,
            hint="each output is activation(x[i] @ W[:, j] + b[j]).",
        )
    passed(exercise, f"activation(x @ W + b) with shape (n, d_out) in all {len(cases)} cases.")


# ----------------------------------------------------------------------------------------------
# Exercise 3: sigmoid step features for the universal-approximation fit
# ----------------------------------------------------------------------------------------------


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # Sign-split form: never exponentiates a positive number, so no overflow anywhere.
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def check_step_features(step_features: Callable[..., Any]) -> None:
    """Check ``step_features(x, knots, sharpness) -> sigmoid(sharpness * (x - knots))``.

    ``x`` is a batch of 1-D inputs of shape ``(n, 1)``, ``knots`` has shape ``(k,)``, and the
    answer has shape ``(n, k)``: column ``j`` is a smooth step that climbs from 0 to 1 as x
    passes ``knots[j]``, steeper for larger ``sharpness``. The last case uses a sharpness of
    1000, where the naive ``1 / (1 + exp(-z))`` overflows.
    """
    exercise = "step_features"
    cases = [
        (np.array([[-2.0], [-0.5], [0.0], [0.25], [1.0], [3.0]]), np.array([-1.0, 0.0, 0.5]), 3.0),
        (np.linspace(-1.0, 1.0, 7)[:, None], np.array([-0.5, 0.5]), 0.5),
        (np.array([[-5.0], [-0.001], [0.0], [0.002], [5.0]]), np.array([0.0, 1.0, 2.0, 4.0]), 1e3),
    ]
    for x, knots, sharpness in cases:
        shown = f"x = {x.ravel().tolist()} (shape {x.shape}), knots = {knots.tolist()}, " + (
            f"sharpness = {sharpness:g}"
        )
        got = call_checked(
            exercise,
            step_features,
            x,
            knots,
            sharpness,
            shown=shown,
            hint="x has shape (n, 1) and knots shape (k,), so x - knots broadcasts to (n, k).",
            warning_hint="1 / (1 + exp(-z)) overflows once -z passes about 709; use "
            "helpers.activations.sigmoid, which is stable for any z.",
        )
        n, k = x.shape[0], knots.size
        if np.shape(got) == (k, n) and k != n:
            fail(
                exercise,
                f"for {shown} expected shape {(n, k)}, got {(k, n)}: the result is transposed.",
                "one row per input x, one column per knot: x of shape (n, 1) minus knots.",
            )
        z = sharpness * (x - knots)
        mistakes = {
            "sigmoid(sharpness * (knots - x)): the steps go down instead of up": (
                _sigmoid(-z),
                "each step should climb from 0 to 1 as x passes its knot: use x - knots.",
            ),
            "sigmoid(x - knots): the sharpness is ignored": (
                _sigmoid(x - knots),
                "multiply (x - knots) by sharpness inside the sigmoid.",
            ),
            "sigmoid((x - knots) / sharpness): dividing instead of multiplying": (
                _sigmoid((x - knots) / sharpness),
                "a larger sharpness must make the step steeper: multiply.",
            ),
            "tanh(sharpness * (x - knots)), which runs from -1 to 1": (
                np.tanh(z),
                "use the sigmoid, whose steps run from 0 to 1.",
            ),
            "a hard 0/1 step": (
                (z > 0).astype(float),
                "the step is smooth: sigmoid(sharpness * (x - knots)), e.g. 0.5 exactly at a knot.",
            ),
            "a hard 0/1 step (1 at the knot)": (
                (z >= 0).astype(float),
                "the step is smooth: sigmoid(sharpness * (x - knots)), e.g. 0.5 exactly at a knot.",
            ),
        }
        _diagnose(exercise, got, shown, mistakes)
        expect_close(
            exercise,
            got,
            _sigmoid(z),
            shown=shown,
            hint="column j is sigmoid(sharpness * (x - knots[j])); helpers.activations.sigmoid "
            "is stable for any argument.",
        )
    passed(exercise, f"smooth steps of shape (n, k), stable up to sharpness {cases[-1][2]:g}.")
