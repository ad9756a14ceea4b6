"""Checks for chapter 12, "Maxout".

Conventions (the chapter's and ``helpers.nn.Maxout``'s): a batch ``X`` has one example per row,
shape (N, n_in); the weights ``W`` have shape (k, n_in, n_out), one (n_in, n_out) matrix per
piece, and the biases ``b`` shape (k, n_out). Piece i computes ``Z[i] = X @ W[i] + b[i]``; the
layer outputs ``Y = max over i of Z[i]``, shape (N, n_out). Backward sends each entry of
``∂L/∂Y`` to the piece that won that entry, and a tie goes to the lowest piece index (what
``np.argmax`` returns, and what ``torch.max(z, dim)`` does).

The references are ``helpers.nn.Maxout`` itself (gradient-checked in the chapter). When an answer
is wrong, the checks compare it with the classic wrong answers — max over the wrong axis, a
missing bias, gradient sent to every piece, ties split or sent to the last piece — so the
message names the mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise
from numbers import Integral
from typing import Any

import numpy as np

from helpers.nn import Maxout

from ._core import call_checked, expect_close, fail, matches, name_mistake, passed

__all__ = ["check_maxout_backward", "check_maxout_forward", "check_maxout_parameter_count"]

_FORWARD_HINT = "Z = X @ W + b[:, None, :] has shape (k, N, n_out); take the max over axis 0."
Mistake = tuple[str, Callable[..., Any], str]  # what it is, how to compute it, the hint


def _reference(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> Maxout:
    """A ``helpers.nn.Maxout`` holding W and b, after a forward pass on X."""
    k, n_in, n_out = W.shape
    layer = Maxout(n_in, n_out, k, rng=0)  # its random start is overwritten next
    layer.W[...], layer.b[...] = W, b
    layer.forward(X)
    return layer


def _call(exercise: str, fn: Callable[..., Any], *args: Any, shown: str, hint: str) -> Any:
    """``call_checked`` on copies of the arrays, so the checks keep the originals."""
    copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
    return call_checked(exercise, fn, *copies, shown=shown, hint=hint)


# Wrong answers that cannot be formed for these shapes are skipped.
_diagnose = partial(name_mistake, rtol=1e-9, atol=1e-12)


def _cases(seed: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Random layers of several shapes. In the second, k = n_out = N, so a max over the wrong
    axis still has the right shape and only the values can give it away."""
    rng = np.random.default_rng(seed)
    cases = []
    for n, n_in, n_out, k in [(5, 3, 2, 4), (3, 2, 3, 3), (1, 4, 5, 2), (6, 2, 1, 1)]:
        W, b = rng.normal(size=(k, n_in, n_out)), rng.normal(size=(k, n_out))
        cases.append((rng.normal(size=(n, n_in)), W, b))
    return cases


def _pieces(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return X @ W + b[:, None, :]


# --- Exercise 1: forward -----------------------------------------------------------------------

_FORWARD_MISTAKES: list[Mistake] = [
    (
        "the minimum of the pieces",
        lambda X, W, b: _pieces(X, W, b).min(axis=0),
        "maxout keeps the largest piece: .max(axis=0).",
    ),
    (
        "the sum of the pieces",
        lambda X, W, b: _pieces(X, W, b).sum(axis=0),
        "the pieces compete, they are not added: take the max over the pieces.",
    ),
    (
        "the mean of the pieces",
        lambda X, W, b: _pieces(X, W, b).mean(axis=0),
        "the pieces compete, they are not averaged: take the max over the pieces.",
    ),
    (
        "the max without the biases",
        lambda X, W, b: (X @ W).max(axis=0),
        "every piece has its own bias: Z[i] = X @ W[i] + b[i], then the max.",
    ),
    (
        "max(X @ W[i]) + max(b[i]): the biases were maximised separately",
        lambda X, W, b: (X @ W).max(axis=0) + b.max(axis=0),
        "add each piece's bias before comparing the pieces: a max of sums is not a sum of maxes.",
    ),
    (
        "the max over the batch axis",
        lambda X, W, b: _pieces(X, W, b).max(axis=1),
        "the pieces are axis 0 of Z (k, N, n_out); the batch (axis 1) is never reduced.",
    ),
    (
        "the max over the output units",
        lambda X, W, b: _pieces(X, W, b).max(axis=2),
        "each output unit has its own k pieces: reduce over the pieces (axis 0), not the units.",
    ),
    (
        "max(0, max of the pieces): an extra ReLU",
        lambda X, W, b: np.maximum(_pieces(X, W, b).max(axis=0), 0.0),
        "maxout replaces the activation; nothing is applied after the max.",
    ),
    (
        "the index of the winning piece, not its value",
        lambda X, W, b: _pieces(X, W, b).argmax(axis=0).astype(float),
        "np.argmax says which piece wins; .max(axis=0) gives its value.",
    ),
    (
        "the first piece only",
        lambda X, W, b: X @ W[0] + b[0],
        "compute all k pieces, X @ W + b[:, None, :], then the max over them.",
    ),
]


def check_maxout_forward(maxout_forward: Callable[..., Any]) -> None:
    """Check ``maxout_forward(X, W, b) -> Y`` with Y[n, j] = maxᵢ (X[n] @ W[i][:, j] + b[i, j]).

    Compared with ``helpers.nn.Maxout.forward`` on four layers, one with k = n_out = N and one
    with a single piece (which is just a linear layer).
    """
    exercise = "maxout_forward"
    cases = _cases(12)
    for X, W, b in cases:
        k, _, n_out = W.shape
        shown = f"X {X.shape}, W {W.shape} (k = {k}), b {b.shape}"
        got = _call(exercise, maxout_forward, X, W, b, shown=shown, hint=_FORWARD_HINT)
        expected = _reference(X, W, b).forward(X)
        if np.shape(got) == (k, len(X), n_out) != expected.shape:
            fail(
                exercise,
                f"for {shown} you returned all {k} pieces, shape {np.shape(got)}.",
                "reduce them: the output is their max over axis 0, shape (N, n_out).",
            )
        _diagnose(exercise, got, expected, shown, _FORWARD_MISTAKES, X, W, b)
        expect_close(exercise, got, expected, shown=shown, hint=_FORWARD_HINT)
    passed(exercise, f"the max over k pieces matches helpers.nn.Maxout for {len(cases)} layers.")


# --- Exercise 2: backward, with the tie convention --------------------------------------------


def _tie_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Layers with exact ties. First: pieces 1 and 2 are copies, so they tie everywhere; piece 0
    is lower for some rows and higher for others. Second: a ReLU-like unit, max(0, x w), which
    ties at the rows where x = 0."""
    rng = np.random.default_rng(21)
    X = rng.normal(size=(6, 3))
    W = rng.normal(size=(3, 3, 2))
    W[2] = W[1]
    b = np.array([[0.3, -0.2], [0.1, 0.4], [0.1, 0.4]])
    relu_X = np.array([[1.5, -1.0], [0.0, 0.0], [-2.0, 0.5], [0.0, 0.0]])
    relu_W = np.stack([np.zeros((2, 1)), np.array([[1.0], [2.0]])])
    return [(X, W, b), (relu_X, relu_W, np.zeros((2, 1)))]


def _routings(X, W, b, grad) -> dict[str, dict[str, np.ndarray]]:
    """(dX, dW, db) under the right routing rule ("first") and the usual wrong ones: piece i
    receives ``mask[i] * grad``, with ``mask`` of shape (k, N, n_out)."""
    Z = _pieces(X, W, b)
    piece = np.arange(len(W))[:, None, None]
    tied = Z == Z.max(axis=0)
    masks = {
        "first": piece == Z.argmax(axis=0),
        "split": tied / tied.sum(axis=0),
        "all tied": tied,
        "last": piece == len(W) - 1 - Z[::-1].argmax(axis=0),
        "every piece": np.ones_like(Z),
        "loser": piece == Z.argmin(axis=0),
    }
    routed = {}
    for rule, mask in masks.items():
        dZ = mask * grad
        routed[rule] = {
            "dX": np.einsum("kno,kio->ni", dZ, W),
            "dW": X.T @ dZ,
            "db": dZ.sum(axis=1),
        }
    return routed


_ROUTING_MISTAKES = {
    "split": (
        "the gradient split evenly between tied pieces",
        "that is torch.amax's rule; helpers.nn.Maxout (like np.argmax and torch.max(z, dim)) "
        "gives the whole gradient to the lowest tied index.",
    ),
    "all tied": (
        "the full gradient sent to every tied piece",
        "exactly one piece per entry receives the gradient: use np.argmax, which picks the "
        "lowest index among ties.",
    ),
    "last": (
        "the gradient of a tie sent to the highest piece index",
        "the convention is the lowest index, which is what np.argmax returns.",
    ),
    "every piece": (
        "the gradient sent to every piece, winner or not",
        "only the winning piece affected the output, so only it gets ∂L/∂Y: a one-hot mask from "
        "np.argmax over the pieces.",
    ),
    "loser": (
        "the gradient sent to the smallest piece (argmin)",
        "route it to the largest piece: np.argmax over axis 0.",
    ),
}
_SCALING_MISTAKES = [  # which arrays, what, factor given N, hint
    (
        ("dX", "dW", "db"),
        "the right {name} with a minus sign",
        lambda n: -1.0,
        "backward returns the gradient itself; only the update subtracts it.",
    ),
    (
        ("dW", "db"),
        "{name} divided by N (a mean over the batch)",
        lambda n: 1.0 / n,
        "parameters are shared by all examples, so their gradients add up: sum over the batch "
        "(a 1/N, if any, is already inside dY).",
    ),
]
_SHAPES = {"dX": "X's (N, n_in)", "dW": "W's (k, n_in, n_out)", "db": "b's (k, n_out)"}
_BACKWARD_HINTS = {
    "dX": "dX = Σᵢ dZ[i] @ W[i].T with dZ = mask * dY: only the winner passes the gradient.",
    "dW": "dW[i] = X.T @ dZ[i]: piece i learns only from the entries it won.",
    "db": "db[i] = dZ[i].sum(axis=0).",
}


def _backward_case(exercise: str, maxout_backward: Callable, X, W, b, grad, label: str) -> None:
    shown = f"X {X.shape}, W {W.shape} (k = {len(W)}), {label}"
    hint = "mask = (np.arange(k)[:, None, None] == Z.argmax(axis=0)); dZ = mask * dY."
    result = _call(exercise, maxout_backward, X, W, b, grad, shown=shown, hint=hint)
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        fail(
            exercise,
            f"for {shown} expected three arrays (dX, dW, db), got {type(result).__name__}.",
            "end the function with `return dX, dW, db`.",
        )
    got = dict(zip(("dX", "dW", "db"), result, strict=True))
    layer = _reference(X, W, b)
    expected = {"dX": layer.backward(grad), "dW": layer.grad_W, "db": layer.grad_b}
    routed = _routings(X, W, b, grad)
    for name, right in expected.items():
        what = f"{name} ({shown})"
        if np.shape(got[name]) != right.shape:
            summed = name != "dX" and np.shape(got[name]) == right.shape[1:]
            fail(
                exercise,
                f"{what} has shape {np.shape(got[name])}; expected {_SHAPES[name]} {right.shape}.",
                "keep one gradient per piece: do not sum over the k pieces."
                if summed
                else "a gradient has the shape of what it differentiates.",
            )
        mistakes = [
            (text, routed[rule][name], tip) for rule, (text, tip) in _ROUTING_MISTAKES.items()
        ]
        mistakes += [
            (text.format(name=name), factor(len(X)) * right, tip)
            for names, text, factor, tip in _SCALING_MISTAKES
            if name in names
        ]
        for text, wrong, tip in mistakes:
            if matches(got[name], wrong, rtol=1e-9) and not matches(wrong, right):
                fail(exercise, f"{what}: your answer equals {text}.", tip)
        expect_close(
            exercise,
            got[name],
            right,
            shown=what,
            rtol=1e-9,
            atol=1e-12,
            hint=_BACKWARD_HINTS[name],
        )


def check_maxout_backward(maxout_backward: Callable[..., Any]) -> None:
    """Check ``maxout_backward(X, W, b, dY) -> (dX, dW, db)`` against ``helpers.nn.Maxout``.

    Each entry of dY goes to the piece that won it, ties to the lowest index. Two of the six
    layers contain exact ties (copied pieces; a ReLU-like unit at x = 0), which is where the
    tie convention shows.
    """
    exercise = "maxout_backward"
    rng = np.random.default_rng(13)
    layers = [(*case, "no ties") for case in _cases(14)]
    layers += [(*case, "with exact ties") for case in _tie_cases()]
    for X, W, b, label in layers:
        grad = rng.normal(size=(len(X), W.shape[2]))
        _backward_case(exercise, maxout_backward, X, W, b, grad, label)
    passed(
        exercise,
        f"dX, dW and db match helpers.nn.Maxout for {len(layers)} layers, ties going to the "
        "lowest piece index.",
    )


# --- Exercise 3: counting parameters ----------------------------------------------------------


def _layer_counts(sizes: list[int], k: int) -> list[tuple[int, int]]:
    """(weights, biases) of each layer: maxout with k pieces, except the dense output layer."""
    pairs = list(pairwise(sizes))
    counts = [(k * n_in * n_out, k * n_out) for n_in, n_out in pairs[:-1]]
    return [*counts, (pairs[-1][0] * pairs[-1][1], pairs[-1][1])]


def check_maxout_parameter_count(maxout_parameter_count: Callable[..., Any]) -> None:
    """Check ``maxout_parameter_count(sizes, k) -> int``.

    ``sizes = [n_0, …, n_L]``: every hidden layer is a maxout layer with k pieces, k·(n_in·n_out
    + n_out) parameters; the output layer is dense, n_in·n_out + n_out. With k = 1 this is the
    count of a dense network of the same widths.
    """
    exercise = "maxout_parameter_count"
    cases = [([2, 8, 3], 2), ([3, 5, 4, 2], 3), ([784, 240, 240, 10], 5), ([2, 12, 3], 1)]
    cases.append(([4, 3], 4))
    for sizes, k in cases:
        shown = f"sizes = {sizes}, k = {k}"
        original = list(sizes)
        got = _call(
            exercise,
            maxout_parameter_count,
            sizes,
            k,
            shown=shown,
            hint="loop over consecutive pairs (n_in, n_out) of sizes; the last pair is the dense "
            "output layer.",
        )
        if list(sizes) != original:
            fail(exercise, f"the function changed its input {original} in place.")
        layers = _layer_counts(sizes, k)
        expected = sum(w + b for w, b in layers)
        if isinstance(got, bool) or not isinstance(got, Integral):
            if isinstance(got, (float, np.floating)) and got == expected:
                fail(
                    exercise,
                    f"for {shown} the count is right but a {type(got).__name__}: {got!r}.",
                    "a count is a whole number: return an int.",
                )
            fail(exercise, f"for {shown} expected an int, got {type(got).__name__}: {got!r}.")
        if got == expected:
            continue
        pairs = list(pairwise(sizes))
        dense = sum(i * o + o for i, o in pairs)
        first = pairs[0][0] * pairs[0][1] + pairs[0][1]
        wrong = [
            (
                k * dense,
                "k times the dense count: the output layer was given pieces too",
                "the output layer is an ordinary dense layer: it has no pieces.",
            ),
            (
                dense + (k - 1) * sum(w // k for w, _ in layers[:-1]),
                "one bias per unit instead of one per piece",
                "each of the k pieces has its own bias: k·n_out biases per maxout layer.",
            ),
            (
                sum(w for w, _ in layers),
                "only the weights",
                "add the biases: k·n_out per maxout layer and n_out for the output layer.",
            ),
            (
                dense,
                "the dense count: k is missing",
                "a maxout layer holds k weight matrices and k bias vectors.",
            ),
            (
                dense + (k - 1) * first,
                "k pieces in the first hidden layer only",
                "every hidden layer is maxout: multiply each hidden layer's count by k.",
            ),
        ]
        for value, what, hint in wrong:
            if got == value != expected:
                fail(exercise, f"for {shown} you returned {got}: {what}.", hint)
        fail(
            exercise,
            f"for {shown} expected {expected}, got {got}.",
            "Σ over hidden layers of k·(n_in·n_out + n_out), plus n_in·n_out + n_out for the "
            "output layer.",
        )
    passed(exercise, f"right for {len(cases)} networks, from k = 1 (a dense net) to k = 5.")
