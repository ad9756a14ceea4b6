"""Checks for chapter 02, "Forward propagation".

The course's convention: a batch ``x`` holds one example per row, shape ``(n, n_in)``; a layer
computes ``z = x @ W + b`` with ``W`` of shape ``(n_in, n_out)`` (column j holds unit j's
weights) and ``b`` of shape ``(n_out,)``; hidden layers pass on ``a = f(z)``, and the output
layer of ``mlp_forward`` is linear (it returns scores, as ``helpers.nn.mlp`` does).

Each check compares the learner's answer with the right one; when they differ it compares it
with the usual wrong answers (a transposed weight matrix, a missing bias, an activation on the
output layer ...) so the message can say which mistake was made, not just that one was.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from numbers import Integral
from typing import Any

import numpy as np

from ._core import (
    call_checked,
    expect_close,
    fail,
    matches,
    name_mistake,
    passed,
)

__all__ = ["check_count_parameters", "check_dense_forward", "check_mlp_forward"]

_ROWS = (
    "x has one example per row and W has shape (n_in, n_out), so z = x @ W + b "
    "(not W @ x): b, of shape (n_out,), is then added to every row."
)


def _relu(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # sign-split: never exponentiates a positive number
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


_ACTIVATIONS = {"np.tanh": np.tanh, "relu": _relu, "sigmoid": _sigmoid}


def _diagnose(exercise: str, got: Any, shown: str, mistakes: dict[str, tuple[Any, str]]) -> None:
    name_mistake(exercise, got, None, shown, mistakes)


def _unchanged(exercise: str, before: dict[str, np.ndarray], after: dict[str, Any]) -> None:
    """The learner's function must not modify its inputs in place."""
    for name, original in before.items():
        if not np.array_equal(original, after[name]):
            fail(
                exercise,
                f"the function changed its input {name} in place.",
                "write `z = x @ W + b` rather than updating an input with +=; "
                "the caller still needs its arrays.",
            )


def _shapes(**arrays: np.ndarray) -> str:
    return ", ".join(f"{name} of shape {a.shape}" for name, a in arrays.items())


# ----------------------------------------------------------------------------------------------
# Exercise 1: one dense layer, z = x @ W + b
# ----------------------------------------------------------------------------------------------


def check_dense_forward(dense_forward: Callable[..., Any]) -> None:
    """Check ``dense_forward(x, W, b) -> x @ W + b`` (the pre-activation z, shape (n, n_out)).

    The cases include a square W (where ``x @ W.T`` has the right shape and can be named), a
    batch whose size equals n_out (where a bias added per row instead of per unit broadcasts
    without error), and a batch of one example feeding a single unit.
    """
    exercise = "dense_forward"
    rng = np.random.default_rng(20)
    cases = [(4, 3, 3), (5, 2, 4), (3, 4, 3), (1, 3, 1)]
    for n, n_in, n_out in cases:
        x = rng.normal(size=(n, n_in))
        W = rng.normal(size=(n_in, n_out))
        b = rng.normal(size=n_out)
        shown = _shapes(x=x, W=W, b=b)
        copies = {"x": x.copy(), "W": W.copy(), "b": b.copy()}
        got = call_checked(exercise, dense_forward, x, W, b, shown=shown, hint=_ROWS)
        _unchanged(exercise, copies, {"x": x, "W": W, "b": b})
        z = x @ W + b
        if np.shape(got) == (n_out, n) and n != n_out:
            fail(
                exercise,
                f"for {shown} expected shape {(n, n_out)}, got {(n_out, n)}: the result is "
                "transposed.",
                "keep one row per example and one column per unit: x @ W + b.",
            )
        mistakes: dict[str, tuple[Any, str]] = {
            "x @ W.T + b: W was transposed": (
                x @ W.T + b if n_in == n_out else None,
                "W is stored (n_in, n_out): column j holds unit j's weights, so z = x @ W + b. "
                "(x @ W.T belongs to layers that store W as (n_out, n_in), like PyTorch's "
                "nn.Linear.)",
            ),
            "x @ W: the bias is missing": (x @ W, "add b: z = x @ W + b."),
            "x @ W - b: a sign error on the bias": (x @ W - b, "z = x @ W + b, with a plus."),
            "x @ W + b[:, None]: b added per example instead of per unit": (
                x @ W + b[:, None] if n == n_out else None,
                "b has one entry per unit (column); as shape (n_out,) it broadcasts along the "
                "rows by itself, so do not reshape it.",
            ),
        }
        for name, f in _ACTIVATIONS.items():
            mistakes[f"{name}(x @ W + b): an activation was applied"] = (
                f(z),
                "this exercise asks for z, the pre-activation; the activation comes after it.",
            )
        if not matches(got, z):  # with one example and one unit, some mistakes are harmless
            _diagnose(exercise, got, shown, mistakes)
        expect_close(
            exercise,
            got,
            z,
            shown=shown,
            hint="z[i, j] = sum over k of x[i, k] * W[k, j], plus b[j].",
        )
    passed(exercise, f"z = x @ W + b with shape (n, n_out) in all {len(cases)} cases.")


# ----------------------------------------------------------------------------------------------
# Exercise 2: a whole network, keeping every layer's activations
# ----------------------------------------------------------------------------------------------


def _reference_mlp(x: np.ndarray, params: list, activation: Callable) -> list[np.ndarray]:
    activations = [x]
    for layer, (W, b) in enumerate(params):
        z = activations[-1] @ W + b
        activations.append(z if layer == len(params) - 1 else activation(z))
    return activations


def _layer_mistakes(
    a_prev: np.ndarray, W: np.ndarray, b: np.ndarray, f: Callable, name: str, last: bool
) -> dict[str, tuple[Any, str]]:
    """Wrong versions of one layer's output, computed from the right input ``a_prev``."""
    z = a_prev @ W + b
    mistakes: dict[str, tuple[Any, str]] = {
        f"{name}(z) on the output layer": (
            f(z) if last else None,
            "the output layer is linear: it returns the scores z = a @ W + b "
            "(a sigmoid or softmax, if any, comes later, with the loss).",
        ),
        "z = a @ W + b, without the activation": (
            None if last else z,
            "a hidden layer passes on a = activation(z); store a, not z.",
        ),
        "the layer computed without its bias": (
            a_prev @ W if last else f(a_prev @ W),
            "each layer adds its own bias b before the activation.",
        ),
        "the layer computed with W transposed": (
            None if W.shape[0] != W.shape[1] else a_prev @ W.T + b if last else f(a_prev @ W.T + b),
            "W has shape (n_in, n_out): a @ W, not a @ W.T.",
        ),
    }
    return mistakes


def check_mlp_forward(mlp_forward: Callable[..., Any]) -> None:
    """Check ``mlp_forward(x, params, activation) -> [a⁰ = x, a¹, …, aᴸ]``.

    ``params`` is a list of (W, b) pairs, input side first. Hidden layers give
    ``aˡ = activation(aˡ⁻¹ @ Wˡ + bˡ)``; the output layer is linear, ``aᴸ = aᴸ⁻¹ @ Wᴸ + bᴸ``.
    The list has one entry more than there are layers: it starts with the input itself,
    which backpropagation (chapter 05) needs as the first layer's input.
    """
    exercise = "mlp_forward"
    rng = np.random.default_rng(21)
    cases = [
        ([3, 4, 2], 5, "np.tanh"),
        ([2, 3, 3, 1], 6, "relu"),
        ([4, 1], 3, "sigmoid"),
        ([2, 5, 4, 3, 2], 4, "sigmoid"),
    ]
    for sizes, n, act_name in cases:
        activation = _ACTIVATIONS[act_name]
        x = rng.normal(size=(n, sizes[0]))
        params = [(rng.normal(size=(i, o)), rng.normal(size=o)) for i, o in pairwise(sizes)]
        inputs = {"x": x}
        for k, (W, b) in enumerate(params):
            inputs |= {f"params[{k}][0]": W, f"params[{k}][1]": b}
        copies = {name: array.copy() for name, array in inputs.items()}
        shown = f"sizes {sizes}, x of shape {x.shape}, activation={act_name}"
        got = call_checked(
            exercise,
            mlp_forward,
            x,
            params,
            activation,
            shown=shown,
            hint="loop over the (W, b) pairs, each layer's input being the previous output.",
        )
        _unchanged(exercise, copies, inputs)
        expected = _reference_mlp(x, params, activation)
        if not isinstance(got, (list, tuple)):
            fail(
                exercise,
                f"for {shown} expected a list of {len(expected)} arrays, got {type(got).__name__}.",
                "collect the activations in a list, starting with [x], and return the list.",
            )
        if len(got) != len(expected):
            if len(got) == len(expected) - 1 and all(
                matches(g, e) for g, e in zip(got, expected[1:], strict=True)
            ):
                fail(
                    exercise,
                    f"for {shown} the list is missing its first entry, a⁰ = x.",
                    "start the list with the input itself: activations = [x].",
                )
            fail(
                exercise,
                f"for {shown} expected a list of {len(expected)} arrays (the input, then one "
                f"per layer for {len(params)} layers), got {len(got)}.",
                "append one array per (W, b) pair to a list that starts as [x].",
            )
        expect_close(
            exercise, got[0], x, shown=f"entry 0 ({shown})", hint="entry 0 is the input x itself."
        )
        for layer in range(1, len(expected)):
            if matches(got[layer], expected[layer]):
                continue
            if got[layer] is None:
                fail(
                    exercise,
                    f"for {shown} entry {layer} of the list is None.",
                    "append each layer's output array to the list.",
                )
            W, b = params[layer - 1]
            last = layer == len(params)
            where = f"layer {layer} of {len(params)} ({shown})"
            mistakes = _layer_mistakes(expected[layer - 1], W, b, activation, act_name, last)
            if not last:
                for other, f in _ACTIVATIONS.items():
                    if other != act_name:
                        mistakes[f"{other}(z), not the activation passed in"] = (
                            f(expected[layer - 1] @ W + b),
                            "the `activation` argument was ignored: call the function given.",
                        )
            _diagnose(exercise, got[layer], where, mistakes)
            kind = "linear: a @ W + b" if last else "activation(a @ W + b)"
            expect_close(
                exercise,
                got[layer],
                expected[layer],
                shown=where,
                hint=f"layer {layer} takes list entry {layer - 1} as its input and is {kind}.",
            )
    passed(
        exercise,
        f"[x, a¹, …, aᴸ] with a linear output layer for {len(cases)} networks "
        f"of depth 1 to {max(len(s) - 1 for s, _, _ in cases)}.",
    )


# ----------------------------------------------------------------------------------------------
# Exercise 3: counting parameters
# ----------------------------------------------------------------------------------------------


def check_count_parameters(count_parameters: Callable[..., Any]) -> None:
    """Check ``count_parameters(sizes) -> int``: Σ over consecutive pairs of n_in·n_out + n_out.

    Each Dense layer from n_in to n_out units has an (n_in, n_out) weight matrix and one bias per
    output unit; the input layer computes nothing, so it has no parameters of its own.
    """
    exercise = "count_parameters"
    # The first case tells every listed mistake apart (no two give the same count).
    cases = [[3, 4, 2], [2, 3, 1], [784, 256, 256, 10], (3, 5, 5, 2), [4, 4], [1, 8, 1]]
    for sizes in cases:
        shown = f"sizes = {sizes!r}"
        original = list(sizes)
        got = call_checked(
            exercise,
            count_parameters,
            sizes,
            shown=shown,
            hint="loop over consecutive pairs (n_in, n_out) of sizes, e.g. zip(sizes, sizes[1:]).",
        )
        if list(sizes) != original:
            fail(exercise, f"the function changed its input {original!r} in place.")
        pairs = list(pairwise(sizes))
        weights = sum(i * o for i, o in pairs)
        expected = weights + sum(o for _, o in pairs)
        if isinstance(got, bool) or not isinstance(got, Integral):
            if isinstance(got, (float, np.floating)) and got == expected:
                fail(
                    exercise,
                    f"for {shown} the count is right but a {type(got).__name__}: {got!r}.",
                    "a count is a whole number: return an int (no division, no float arrays).",
                )
            fail(exercise, f"for {shown} expected an int, got {type(got).__name__}: {got!r}.")
        if got == expected:
            continue
        mistakes = [
            (
                weights,
                "only the weights",
                "the biases are missing: one per unit of every layer after the input.",
            ),
            (
                weights + sum(sizes),
                "a bias for the input units too",
                "the input layer computes nothing and has no biases.",
            ),
            (
                weights + sum(i for i, _ in pairs),
                "one bias per input of each layer",
                "a layer has one bias per output unit: n_out, not n_in.",
            ),
            (
                int(np.prod(sizes)),
                "the product of all sizes",
                "the layers' counts add up: n_in × n_out + n_out for each consecutive pair.",
            ),
            (
                sum(sizes),
                "the number of units, not of parameters",
                "every connection carries a weight: n_in × n_out per layer, plus n_out biases.",
            ),
            (
                pairs[0][0] * pairs[0][1] + pairs[0][1],
                "the first layer alone",
                "loop over every consecutive pair of sizes, not just the first.",
            ),
            (
                sum((i + 1) * (o + 1) for i, o in pairs),
                "(n_in + 1) × (n_out + 1) per layer",
                "a layer has n_in × n_out weights and n_out biases: (n_in + 1) × n_out.",
            ),
        ]
        named = [(what, hint) for value, what, hint in mistakes if got == value]
        if len(named) == 1:  # two formulas giving the same count would be a guess
            what, hint = named[0]
            fail(exercise, f"for {shown} expected {expected}, got {got}: {what}.", hint)
        fail(
            exercise,
            f"for {shown} expected {expected}, got {got}.",
            "each layer has n_in × n_out weights plus n_out biases; add them up over all layers.",
        )
    passed(
        exercise,
        f"the right count for {len(cases)} architectures, e.g. 784-256-256-10 → 269,322 "
        "parameters.",
    )
