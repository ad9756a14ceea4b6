"""Checks for chapter 05, "Backpropagation".

Conventions (the chapter's and ``helpers.nn``'s): a batch holds one example per row; a dense
layer computes ``y = x @ W + b`` with ``W`` of shape ``(n_in, n_out)``; the loss is a *mean* over
the N examples, so the 1/N enters once, in the output-layer error δ = (softmax(z) − y)/N, and
every later sum over the batch (∂L/∂W = xᵀδ, ∂L/∂b = Σₙ δ) is a plain sum.

Each check compares the learner's gradients with finite differences (``helpers.gradcheck``) or
with ``helpers.nn``. When they differ it also compares them with the classic wrong answers — a
missing or extra transpose, a missing or doubled 1/N, a missing f′(z), a flipped sign — so the
message names the mistake rather than only reporting a mismatch.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from helpers.activations import log_softmax, softmax, tanh, tanh_derivative
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.nn import Activation, Dense, Sequential, SoftmaxCrossEntropy

from ._core import call_checked, expect_close, fail, matches, name_mistake, passed

__all__ = ["check_backprop_one_hidden", "check_dense_backward", "check_softmax_ce_delta"]

_SHAPE_RULE = (
    "a gradient has the shape of what it differentiates: ∂L/∂W is W-shaped (n_in, n_out), and "
    "the only product of x (N, n_in) and δ (N, n_out) with that shape is x.T @ δ."
)
_TRANSPOSE_HINT = (
    "a shape error in a matrix product usually means a missing or extra transpose: "
    "∂L/∂x = dy @ W.T and ∂L/∂W = x.T @ dy."
)
_STABLE = "subtract each row's max before exp (or use helpers.activations.softmax)."
_SUM_NOT_MEAN = "the 1/N is already inside the incoming gradient (the loss put it there): sum."
Mistake = tuple[str, Callable[..., Any], str]  # what it is, how to compute it, the hint


def _call(exercise: str, fn: Callable[..., Any], *args: Any, shown: str, hint: str) -> Any:
    """``call_checked`` with this exercise's hint, and this chapter's for a numpy warning."""
    overflow = "an overflow means an unstable formula: " + _STABLE
    return call_checked(exercise, fn, *args, shown=shown, hint=hint, warning_hint=overflow)


# A wrong answer that cannot be formed for these shapes (dy @ W when W is not square), or that
# equals the right one (a mean over a batch of one is its sum), is skipped.
_diagnose = partial(name_mistake, rtol=1e-9, atol=1e-13)


def _agreement(error: float) -> str:
    # Errors of 1e-10 are rounding noise whose digits vary between machines: report a bound.
    return "to better than 1e-8" if error < 1e-8 else f"to {error:.0e} only"


def _transposed(exercise: str, got: Any, expected: np.ndarray, what: str, hint: str) -> None:
    shape = np.shape(got)
    if expected.ndim == 2 and shape == expected.T.shape and shape != expected.shape:
        fail(exercise, f"{what} has shape {shape}, the transpose of {expected.shape}.", hint)


# --- Exercise 1: backward of a dense layer ---------------------------------------------------

_DENSE_MISTAKES: dict[str, list[Mistake]] = {
    "dx": [
        (
            "dy @ W, without the transpose",
            lambda x, W, dy: dy @ W,
            "∂L/∂x = dy @ W.T: (N, n_out) @ (n_out, n_in) gives x's shape; with a square W "
            "the shapes cannot warn you.",
        ),
        ("-(dy @ W.T): a sign error", lambda x, W, dy: -dy @ W.T, "∂L/∂x = dy @ W.T, no minus."),
        ("dy @ W.T / N", lambda x, W, dy: dy @ W.T / len(x), _SUM_NOT_MEAN),
    ],
    "dW": [
        ("dy.T @ x, the transpose of ∂L/∂W", lambda x, W, dy: dy.T @ x, _SHAPE_RULE),
        ("x.T @ dy / N, a mean over the batch", lambda x, W, dy: x.T @ dy / len(x), _SUM_NOT_MEAN),
        ("-(x.T @ dy): a sign error", lambda x, W, dy: -x.T @ dy, "∂L/∂W = x.T @ dy, no minus."),
    ],
    "db": [
        (
            "dy.mean(axis=0), a mean over the batch",
            lambda x, W, dy: dy.mean(axis=0),
            "b is shared by every example, so its gradients add up: dy.sum(axis=0); "
            + _SUM_NOT_MEAN,
        ),
        ("-dy.sum(axis=0): a sign error", lambda x, W, dy: -dy.sum(axis=0), "no minus sign."),
    ],
}


def _dense_reference(x: np.ndarray, W: np.ndarray, b: np.ndarray, dy: np.ndarray) -> dict:
    """Finite differences of L = Σ dy ⊙ (x W + b), whose gradient with respect to y is dy."""

    def loss(x_: np.ndarray, W_: np.ndarray, b_: np.ndarray) -> float:
        return float(np.sum(dy * (x_ @ W_ + b_)))

    return {
        "dx": numerical_gradient(lambda v: loss(v, W, b), x),
        "dW": numerical_gradient(lambda v: loss(x, v, b), W),
        "db": numerical_gradient(lambda v: loss(x, W, v), b),
    }


def check_dense_backward(dense_backward: Callable[..., Any]) -> None:
    """Check ``dense_backward(x, W, dy) -> (dx, dW, db)`` for ``y = x @ W + b``.

    The reference is centred differences; they equal dx = dy Wᵀ, dW = xᵀ dy, db = Σₙ dy. The
    first case has a square W, where a wrong transpose keeps the right shape and can only be
    caught by its values.
    """
    exercise = "dense_backward"
    rng = np.random.default_rng(5)
    hints = {"dx": "∂L/∂x = dy @ W.T", "dW": _SHAPE_RULE, "db": "∂L/∂b = dy.sum(axis=0)"}
    for n, n_in, n_out in [(4, 3, 3), (5, 3, 2), (1, 4, 2)]:
        x, W = rng.normal(size=(n, n_in)), rng.normal(size=(n_in, n_out))
        b, dy = rng.normal(size=n_out), rng.normal(size=(n, n_out))
        shown = f"x of shape {x.shape}, W of shape {W.shape}, dy of shape {dy.shape}"
        result = _call(exercise, dense_backward, x, W, dy, shown=shown, hint=_TRANSPOSE_HINT)
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            fail(
                exercise,
                f"for {shown} expected three arrays (dx, dW, db), got {type(result).__name__}.",
                "end the function with `return dx, dW, db`.",
            )
        got = dict(zip(("dx", "dW", "db"), result, strict=True))
        if np.shape(got["dx"]) == W.shape and np.shape(got["dW"]) == x.shape != W.shape:
            fail(exercise, f"for {shown} dx and dW came back swapped.", "return dx, dW, db.")
        expected = _dense_reference(x, W, b, dy)
        for name in ("dx", "dW", "db"):
            what = f"{name} ({shown})"
            _transposed(exercise, got[name], expected[name], what, _SHAPE_RULE)
            if name == "db" and np.ndim(got[name]) > 0 and np.shape(got[name])[0] == n != n_out:
                fail(
                    exercise,
                    f"{what} has shape {np.shape(got[name])}; expected ({n_out},), one per unit.",
                    "sum over the batch axis only: dy.sum(axis=0).",
                )
            _diagnose(exercise, got[name], expected[name], what, _DENSE_MISTAKES[name], x, W, dy)
            expect_close(
                exercise,
                got[name],
                expected[name],
                shown=what,
                rtol=1e-6,
                atol=1e-8,
                hint=hints[name],
            )
    passed(exercise, "dx, dW and db agree with finite differences for 3 layer shapes.")


# --- Exercise 2: the output-layer error of softmax + cross-entropy ---------------------------


def _mean_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    return float(-np.mean(log_softmax(logits, axis=1)[np.arange(len(labels)), labels]))


def _onehot(z: np.ndarray, labels: np.ndarray) -> np.ndarray:
    return np.eye(z.shape[1])[labels]


_DELTA_MISTAKES: list[Mistake] = [
    (
        "(onehot - softmax) / N: the sign is flipped",
        lambda z, y: (_onehot(z, y) - softmax(z, axis=1)) / len(z),
        "∂L/∂z = (s − y)/N: a class given too much probability gets a positive δ, so gradient "
        "descent pushes its score down.",
    ),
    (
        "softmax - onehot, without the 1/N",
        lambda z, y: softmax(z, axis=1) - _onehot(z, y),
        "the loss is the mean over the N examples, so every entry of δ carries 1/N.",
    ),
    (
        "(softmax - onehot) / (N·k)",
        lambda z, y: (softmax(z, axis=1) - _onehot(z, y)) / z.size,
        "divide by the number of examples N only: the loss averages over examples, not classes.",
    ),
    (
        "(logits - onehot) / N: the softmax is missing",
        lambda z, y: (z - _onehot(z, y)) / len(z),
        "turn the logits into probabilities first: s = softmax(z) along axis=1.",
    ),
    (
        "softmax / N: the one-hot labels were never subtracted",
        lambda z, y: softmax(z, axis=1) / len(z),
        "subtract onehot(labels), e.g. np.eye(k)[labels].",
    ),
    (
        "(softmax - labels[:, None]) / N: the label numbers were subtracted",
        lambda z, y: (softmax(z, axis=1) - y[:, None]) / len(z),
        "subtract one-hot rows (np.eye(k)[labels]), not the class indices.",
    ),
    (
        "a softmax over axis 0 (down the batch)",
        lambda z, y: (softmax(z, axis=0) - _onehot(z, y)) / len(z),
        "each example's scores form one distribution: softmax along axis=1.",
    ),
]


_DELTA_HINT = "δ = (softmax(z) − onehot(y)) / N; a NaN usually means exp overflowed: " + _STABLE


def check_softmax_ce_delta(softmax_ce_delta: Callable[..., Any]) -> None:
    """Check ``softmax_ce_delta(logits, labels) -> ∂L/∂logits`` for the mean cross-entropy.

    L = −(1/N) Σₙ log softmax(zₙ)[yₙ], so ∂L/∂z = (softmax(z) − onehot(y)) / N. The reference is
    ``helpers.nn.SoftmaxCrossEntropy``, itself compared with finite differences in the first
    case; the last case has logits of ±1000, where an unshifted exp overflows.
    """
    exercise = "softmax_ce_delta"
    rng = np.random.default_rng(6)
    extreme = np.array([[1e3, 0.0, -1e3, 10.0], [0.0, 0.0, 0.0, 0.0], [-5.0, 995.0, 2.0, 1e3]])
    cases = [
        (2.0 * rng.normal(size=(4, 3)), np.array([0, 2, 1, 2])),
        (rng.normal(size=(5, 2)), np.array([1, 0, 0, 1, 1])),
        (extreme, np.array([2, 1, 3])),
    ]
    answers = []
    for logits, labels in cases:
        shown = f"logits of shape {logits.shape}, labels {labels.tolist()}"
        hint = "one row per example: softmax along axis=1, minus the one-hot labels, over N."
        got = _call(
            exercise, softmax_ce_delta, logits.copy(), labels.copy(), shown=shown, hint=hint
        )
        loss = SoftmaxCrossEntropy()
        loss.forward(logits, labels)
        expected = loss.backward()
        _transposed(exercise, got, expected, f"δ ({shown})", "return one row per example.")
        _diagnose(exercise, got, expected, shown, _DELTA_MISTAKES, logits, labels)
        expect_close(exercise, got, expected, shown=shown, hint=_DELTA_HINT)
        answers.append(got)
    logits, labels = cases[0]
    numeric = numerical_gradient(lambda z: _mean_cross_entropy(z, labels), logits)
    error = relative_error(answers[0], numeric)
    passed(
        exercise,
        f"(softmax(z) − onehot(y))/N in {len(cases)} cases, including logits of ±1000 "
        f"(finite differences agree {_agreement(error)}).",
    )


# --- Exercise 3: a full backward pass for a network with one hidden layer --------------------

_KEYS = ("W1", "b1", "W2", "b2")


def _reference_grads(params: dict[str, np.ndarray], X: np.ndarray, labels: np.ndarray) -> dict:
    """The gradients from ``helpers.nn``: Dense, tanh, Dense, fused softmax cross-entropy."""
    first, second = Dense(*params["W1"].shape), Dense(*params["W2"].shape)
    first.W[...], first.b[...] = params["W1"], params["b1"]
    second.W[...], second.b[...] = params["W2"], params["b2"]
    model, loss = Sequential(first, Activation("tanh"), second), SoftmaxCrossEntropy()
    loss.forward(model.forward(X), labels)
    model.backward(loss.backward())
    grads = model.grads()
    names = ("0.W", "0.b", "2.W", "2.b")
    return {key: grads[name].copy() for key, name in zip(_KEYS, names, strict=True)}


def _mistaken_grads(params: dict, X: np.ndarray, labels: np.ndarray, mistake: str) -> dict:
    """Backpropagation with one classic mistake built in (to name the learner's)."""
    W1, b1, W2, b2 = (params[key] for key in _KEYS)
    Z1 = X @ W1 + b1
    A1 = tanh(Z1)
    n = len(X)
    delta2 = (softmax(A1 @ W2 + b2, axis=1) - np.eye(W2.shape[1])[labels]) / n
    back = delta2 @ (W2 if mistake == "no transpose" else W2.T)
    slopes = {"no f'": 1.0, "f'(a)": tanh_derivative(A1), "1 - z²": 1.0 - Z1**2}
    delta1 = back * slopes.get(mistake, tanh_derivative(Z1))
    grads = {"W1": X.T @ delta1, "b1": delta1.sum(axis=0), "W2": A1.T @ delta2}
    grads["b2"] = delta2.sum(axis=0)
    scale = {"sign": -1.0, "no 1/N": float(n), "1/N twice": 1.0 / n}.get(mistake, 1.0)
    grads = {key: scale * value for key, value in grads.items()}
    if mistake == "b mean":
        grads["b1"], grads["b2"] = grads["b1"] / n, grads["b2"] / n
    return grads


_NETWORK_MISTAKES = {
    "sign": (
        "the negated gradients (a sign error)",
        "backward computes the gradient as it is (it points uphill); only the update "
        "W ← W − η·∂L/∂W subtracts it.",
    ),
    "no 1/N": (
        "N times the gradients (the 1/N is missing)",
        "the loss is a mean over the N examples: δ2 = (softmax(Z2) − Y)/N.",
    ),
    "1/N twice": (
        "the gradients divided by N twice",
        "divide by N once, in δ2; after that every sum over the batch is a plain sum.",
    ),
    "no f'": (
        "the gradients without the ⊙ f′(z) factor in the hidden layer",
        "after sending the error back through W2 (δ2 @ W2.T), multiply by tanh′(Z1) elementwise.",
    ),
    "f'(a)": (
        "the gradients with tanh′ evaluated at the activation A1 instead of at Z1",
        "f′ takes the pre-activation: tanh′(Z1) = 1 − tanh(Z1)² = 1 − A1².",
    ),
    "1 - z²": (
        "the gradients with 1 − Z1² in place of tanh′(Z1)",
        "tanh′(z) = 1 − tanh(z)², i.e. 1 − A1², not 1 − Z1².",
    ),
    "no transpose": (
        "the gradients with δ2 @ W2 instead of δ2 @ W2.T (a missing transpose)",
        "the error goes back through W2.T; with a square W2 the shapes cannot warn you.",
    ),
    "b mean": (
        "the gradients with the biases' sums replaced by means",
        "sum over the batch for every parameter: the 1/N is already in δ2.",
    ),
}


def _finite_difference_error(params: dict, X: np.ndarray, labels: np.ndarray, grads: dict) -> float:
    """Largest relative error between ``grads`` and centred differences of the mean loss."""

    def loss(values: dict) -> float:
        hidden = tanh(X @ values["W1"] + values["b1"])
        return _mean_cross_entropy(hidden @ values["W2"] + values["b2"], labels)

    errors = []
    for key in _KEYS:
        numeric = numerical_gradient(lambda v, key=key: loss({**params, key: v}), params[key])
        errors.append(relative_error(grads[key], numeric))
    return max(errors)


def check_backprop_one_hidden(backprop_one_hidden: Callable[..., Any]) -> None:
    """Check ``backprop_one_hidden(params, X, labels) -> grads`` for Dense–tanh–Dense–softmax.

    ``params`` holds W1 (d, h), b1 (h,), W2 (h, k), b2 (k,); the loss is the mean softmax
    cross-entropy. The answer is a dict with the same keys and shapes, compared with
    ``helpers.nn`` (itself compared with finite differences). In the first case h = k, so W2 is
    square and a forgotten transpose runs without a shape error.
    """
    exercise = "backprop_one_hidden"
    rng = np.random.default_rng(7)
    errors = []
    for n, d, h, k in [(6, 2, 3, 3), (8, 3, 5, 2)]:
        params = {"W1": rng.normal(size=(d, h)), "b1": 0.5 * rng.normal(size=h)}
        params.update(W2=rng.normal(size=(h, k)), b2=0.5 * rng.normal(size=k))
        X, labels = rng.normal(size=(n, d)), rng.integers(0, k, size=n)
        originals = {key: value.copy() for key, value in params.items()}
        shown = f"N = {n} examples, W1 {(d, h)}, W2 {(h, k)}"
        hint = _TRANSPOSE_HINT + " Going back a layer: δ1 = (δ2 @ W2.T) * tanh′(Z1)."
        grads = _call(
            exercise, backprop_one_hidden, params, X.copy(), labels.copy(), shown=shown, hint=hint
        )
        if changed := [key for key in _KEYS if not np.array_equal(params[key], originals[key])]:
            fail(
                exercise,
                f"for {shown} the function changed params[{changed[0]!r}].",
                "backward only computes gradients; the update W ← W − η·∂L/∂W is a later step.",
            )
        if not isinstance(grads, dict) or set(_KEYS) - set(grads):
            got_keys = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
            fail(
                exercise,
                f"for {shown} expected a dict with keys {list(_KEYS)}, got {got_keys}.",
                'return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}.',
            )
        expected = _reference_grads(params, X, labels)
        errors.append(_finite_difference_error(params, X, labels, expected))
        for key in _KEYS:
            what = f"grads[{key!r}] ({shown})"
            _transposed(exercise, grads[key], expected[key], what, _SHAPE_RULE)
        for mistake, (what, hint) in _NETWORK_MISTAKES.items():
            if mistake == "no transpose" and h != k:
                continue  # δ2 @ W2 does not even have a shape here: the learner got an error
            wrong = _mistaken_grads(params, X, labels, mistake)
            if all(matches(grads[key], wrong[key], rtol=1e-9, atol=1e-13) for key in _KEYS):
                fail(exercise, f"for {shown} your grads equal {what}.", hint)
        output_right = all(matches(grads[key], expected[key]) for key in ("W2", "b2"))
        hint = (
            "the output layer is right, so the mistake is in sending δ back: "
            "δ1 = (δ2 @ W2.T) * tanh′(Z1), then dW1 = X.T @ δ1 and db1 = δ1.sum(axis=0)."
            if output_right
            else "start at the output: δ2 = (softmax(Z2) − onehot(labels))/N, "
            "dW2 = A1.T @ δ2, db2 = δ2.sum(axis=0)."
        )
        for key in ("W2", "b2", "W1", "b1"):
            what = f"grads[{key!r}] ({shown})"
            expect_close(exercise, grads[key], expected[key], shown=what, hint=hint)
    passed(
        exercise,
        "all four gradients match helpers.nn for 2 networks "
        f"(which agree with finite differences {_agreement(max(errors))}).",
    )
