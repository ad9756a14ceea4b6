"""Checks for chapter 12, "Maxout", against helpers.nn.Maxout.

X (N, n_in), W (k, n_in, n_out), b (k, n_out): piece i is Z[i] = X @ W[i] + b[i], Y = maxᵢ Z[i].
Backward sends each entry of ∂L/∂Y to the piece that won it, a tie to the lowest piece index
(np.argmax's and torch.max(z, dim)'s rule). Maxout hidden layers and a dense output layer hold
Σ k·(n_in·n_out + n_out) + n_in·n_out + n_out parameters. A one-input maxout unit fitted to a
smooth convex curve with k pieces has an error that falls like 1/k², so the learner's prediction
of the k = 8 error of cosh(2x) is judged against the fit itself (helpers.maxout_fit).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache
from itertools import pairwise
from typing import Any

import numpy as np

from helpers.i18n import tr
from helpers.maxout_fit import X_GRID, ladder, rmse
from helpers.nn import Maxout

from ._runner import Case, Check, Exercise, Mistake

__all__ = [
    "PREDICTION_TARGET",
    "check_maxout_backward",
    "check_maxout_error_prediction",
    "check_maxout_forward",
    "check_maxout_parameter_count",
    "fitted_errors",
]

_CHANGED = "for {shown} the function changed its input {name} in place."


def _maxout(X: np.ndarray, W: np.ndarray, b: np.ndarray, dY: np.ndarray | None = None) -> Any:
    """helpers.nn.Maxout holding W and b: its output Y for X, or with dY (dX, dW, db)."""
    layer = Maxout(W.shape[1], W.shape[2], len(W), rng=0)  # its random start is overwritten next
    layer.W[...], layer.b[...] = W, b
    Y = layer.forward(X)
    return Y if dY is None else (layer.backward(dY), layer.grad_W, layer.grad_b)


def _pieces(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return X @ W + b[:, None, :]


def _layers(seed: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Random layers. In the second, k = n_out = N: a max over the wrong axis keeps the shape."""
    rng, layers = np.random.default_rng(seed), []
    for n, n_in, n_out, k in [(5, 3, 2, 4), (3, 2, 3, 3), (1, 4, 5, 2), (6, 2, 1, 1)]:
        W, b = rng.normal(size=(k, n_in, n_out)), rng.normal(size=(k, n_out))
        layers.append((rng.normal(size=(n, n_in)), W, b))
    return layers


# --- Exercise 1: forward -----------------------------------------------------------------------

_COMPETE = "the pieces compete, they are not {}: take the max over the pieces."
# fmt: off
check_maxout_forward = Check((Exercise(
    "maxout_forward", _maxout,
    lambda: [Case(f"X {X.shape}, W {W.shape} (k = {len(W)}), b {b.shape}", (X, W, b))
             for X, W, b in _layers(12)],
    [Mistake("all k pieces, not their max", "reduce them: the output is their max over axis 0, "
             "shape (N, n_out).", when=lambda got, X, W, b: np.shape(got) == _pieces(X, W, b).shape
             and tr("you returned all {k} pieces, shape {shape}", k=len(W), shape=np.shape(got)),
             example=_pieces),
     Mistake("the minimum of the pieces", "maxout keeps the largest piece: .max(axis=0).",
             lambda *a: _pieces(*a).min(0)),
     Mistake("the sum of the pieces", _COMPETE.format("added"), lambda *a: _pieces(*a).sum(0)),
     Mistake("the mean of the pieces", _COMPETE.format("averaged"),
             lambda *a: _pieces(*a).mean(0)),
     Mistake("the max without the biases", "every piece has its own bias: Z[i] = X @ W[i] + b[i], "
             "then the max.", lambda X, W, b: (X @ W).max(axis=0)),
     Mistake("max(X @ W[i]) + max(b[i]): the biases were maximised separately", "add each "
             "piece's bias before comparing the pieces: a max of sums is not a sum of maxes.",
             lambda X, W, b: (X @ W).max(axis=0) + b.max(axis=0)),
     Mistake("the max over the batch axis", "the pieces are axis 0 of Z (k, N, n_out); the batch "
             "(axis 1) is never reduced.", lambda *a: _pieces(*a).max(1)),
     Mistake("the max over the output units", "each output unit has its own k pieces: reduce "
             "over the pieces (axis 0), not the units.", lambda *a: _pieces(*a).max(2)),
     Mistake("max(0, max of the pieces): an extra ReLU", "maxout replaces the activation; "
             "nothing is applied after the max.", lambda *a: np.maximum(_pieces(*a).max(0), 0.0)),
     Mistake("the index of the winning piece, not its value", "np.argmax says which piece wins; "
             ".max(axis=0) gives its value.", lambda *a: _pieces(*a).argmax(0)),
     Mistake("the first piece only", "compute all k pieces, X @ W + b[:, None, :], then the max "
             "over them.", lambda X, W, b: X @ W[0] + b[0])],
    hint="Z = X @ W + b[:, None, :] has shape (k, N, n_out); take the max over axis 0.",
    inplace_message=_CHANGED),),
    "the max over k pieces matches helpers.nn.Maxout for 4 layers.",
    doc="Check ``maxout_forward(X, W, b) -> Y``, Y[n, j] = maxᵢ (X[n] @ W[i][:, j] + b[i, j]).")
# fmt: on


# --- Exercise 2: backward, with the tie convention --------------------------------------------

_PARTS = ("dX", "dW", "db")
_OF = {"dX": ("X", "(N, n_in)"), "dW": ("W", "(k, n_in, n_out)"), "db": ("b", "(k, n_out)")}


def _backward_cases() -> list[Case]:
    """Four random layers, then two with exact ties: pieces 1 and 2 are copies in the first; the
    second is max(0, x·1 + y·2), tied where that is 0."""
    rng = np.random.default_rng(21)
    X, W = rng.normal(size=(6, 3)), rng.normal(size=(3, 3, 2))
    W[2], b = W[1], np.array([[0.3, -0.2], [0.1, 0.4], [0.1, 0.4]])
    relu_X = np.array([[1.5, -1.0], [0.0, 0.0], [-2.0, 0.5], [0.0, 0.0]])
    relu = (relu_X, np.array([[[0.0], [0.0]], [[1.0], [2.0]]]), np.zeros((2, 1)))
    rng = np.random.default_rng(13)
    return [Case(f"X {X.shape}, W {W.shape} (k = {len(W)}), "
                 + ("with exact ties" if i > 3 else "no ties"),
                 (X, W, b, rng.normal(size=(len(X), W.shape[2]))))
            for i, (X, W, b) in enumerate([*_layers(14), (X, W, b), relu])]  # fmt: skip


def _routed(rule: Callable[[np.ndarray], np.ndarray]) -> Callable[..., tuple]:
    """A wrong maxout_backward: ``rule(Z)`` is each piece's share of dY, or the piece to get it."""

    def backward(X, W, b, dY):
        Z = _pieces(X, W, b)
        share = rule(Z)
        dZ = (share if share.ndim == 3 else np.arange(len(Z))[:, None, None] == share) * dY
        return np.einsum("kno,kio->ni", dZ, W), X.T @ dZ, dZ.sum(axis=1)

    return backward


def _shaped(at: int, summed: bool) -> Callable[..., Any]:
    """A ``when``: item ``at`` has the shape of its sum over the pieces (``summed``), or another
    wrong one; its right shape is argument ``at``'s (X, W or b)."""
    return lambda got, *args: (
        np.shape(got) != (right := np.shape(args[at]))
        and (at > 0 and np.shape(got) == right[1:]) == summed
        and tr(
            "has shape {got}; expected {name}'s {dims} {right}",
            got=np.shape(got),
            name=_OF[_PARTS[at]][0],
            dims=_OF[_PARTS[at]][1],
            right=right,
        )
    )


# fmt: off
_ROUTING = [  # whole wrong backward passes, each named on dX, dW and db apart (the last: dW, db)
    Mistake("the gradient split evenly between tied pieces", "that is torch.amax's rule; "
            "helpers.nn.Maxout (like np.argmax and torch.max(z, dim)) gives the whole gradient to "
            "the lowest tied index.", _routed(lambda Z: (tie := Z == Z.max(0)) / tie.sum(0))),
    # Before the next row: in the ReLU-like layer, whose piece 0 is 0, both give the same dX.
    Mistake("the gradient of a tie sent to the highest piece index", "the convention is the "
            "lowest index, which is what np.argmax returns.",
            _routed(lambda Z: len(Z) - 1 - Z[::-1].argmax(axis=0))),
    Mistake("the full gradient sent to every tied piece", "exactly one piece per entry receives "
            "the gradient: use np.argmax, which picks the lowest index among ties.",
            _routed(lambda Z: Z == Z.max(axis=0))),
    Mistake("the gradient sent to every piece, winner or not", "only the winning piece affected "
            "the output, so only it gets ∂L/∂Y: a one-hot mask from np.argmax over the pieces.",
            _routed(np.ones_like)),
    Mistake("the gradient sent to the smallest piece (argmin)", "route it to the largest piece: "
            "np.argmax over axis 0.", _routed(lambda Z: Z.argmin(axis=0))),
    Mistake("the right gradient with a minus sign", "backward returns the gradient itself; only "
            "the update subtracts it.", lambda *a: [-g for g in _maxout(*a)]),
    Mistake("the gradient divided by N (a mean over the batch)", "parameters are shared by all "
            "examples, so their gradients add up: sum over the batch (a 1/N, if any, is already "
            "inside dY).", lambda X, *rest: [g / len(X) for g in _maxout(X, *rest)]),
]
check_maxout_backward = Check((Exercise(
    "maxout_backward", _maxout, _backward_cases,
    [Mistake("three arrays (dX, dW, db)", "end the function with `return dX, dW, db`.",
             when=lambda got, *_: not (isinstance(got, tuple | list) and len(got) == 3)
             and (tr("expected three arrays (dX, dW, db), got {kind} of {n}",
                     kind=type(got).__name__, n=len(got)) if isinstance(got, tuple | list)
                  else tr("expected three arrays (dX, dW, db), got {kind}",
                          kind=type(got).__name__)),
             example=lambda *a: _maxout(*a)[:2]),
     *(Mistake("a gradient summed over the k pieces", "keep one gradient per piece: do not sum "
               "over the k pieces.", when=_shaped(i, True), part=_PARTS[i],
               message="{shown} {what}.", example=lambda *a, i=i: _maxout(*a)[i].sum(axis=0))
       for i in (1, 2)),
     *(Mistake("a gradient of the wrong shape", "a gradient has the shape of what it "
               "differentiates.", when=_shaped(i, False), part=part, message="{shown} {what}.",
               example=lambda *a, i=i: _maxout(*a)[i].T) for i, part in enumerate(_PARTS)),
     *(replace(mistake, part=part, wrong=lambda *a, w=mistake.wrong, at=at: w(*a)[at])
       for at, part in enumerate(_PARTS) for mistake in (_ROUTING if at else _ROUTING[:-1]))],
    hint="mask = (np.arange(k)[:, None, None] == Z.argmax(axis=0)); dZ = mask * dY.",
    parts=_PARTS, rtol=1e-9, inplace_message=_CHANGED,
    part_hints={"dX": "dX = Σᵢ dZ[i] @ W[i].T with dZ = mask * dY: only the winner passes the "
                      "gradient.",
                "dW": "dW[i] = X.T @ dZ[i]: piece i learns only from the entries it won.",
                "db": "db[i] = dZ[i].sum(axis=0)."}),),
    "dX, dW and db match helpers.nn.Maxout for 6 layers, ties going to the lowest piece index.",
    doc="Check ``maxout_backward(X, W, b, dY) -> (dX, dW, db)``; two of the six layers have ties.")
# fmt: on


# --- Exercise 3: counting parameters ----------------------------------------------------------


def _dense(sizes: list[int], bias: int = 1) -> int:
    """The parameters of a dense network with these widths (``bias=0``: its weights only)."""
    return sum(n_in * n_out + bias * n_out for n_in, n_out in pairwise(sizes))


def _count(sizes: list[int], k: int) -> int:
    return _dense(sizes) + (k - 1) * _dense(sizes[:-1])  # every hidden layer has k pieces


# fmt: off
check_maxout_parameter_count = Check((Exercise(
    "maxout_parameter_count", _count,
    lambda: [Case(f"sizes = {s}, k = {k}", (s, k)) for s, k in
             [([2, 8, 3], 2), ([3, 5, 4, 2], 3), ([784, 240, 240, 10], 5), ([2, 12, 3], 1),
              ([4, 3], 4)]],
    [Mistake("the right count as a float", "a count is a whole number: return an int.",
             when=lambda got, s, k: isinstance(got, float) and got == _count(s, k)
             and tr("the count is right but a float: {got}", got=repr(got)),
             example=lambda *a: float(_count(*a))),
     Mistake("a count that is not an int", "return the count as an int.",
             when=lambda got, *_: (isinstance(got, bool) or not isinstance(got, int))
             and tr("expected an int, got {kind}: {got}", kind=type(got).__name__, got=repr(got)),
             example=lambda *a: str(_count(*a))),
     Mistake("k times the dense count: the output layer was given pieces too", "the output layer "
             "is an ordinary dense layer: it has no pieces.", lambda s, k: k * _dense(s)),
     Mistake("one bias per unit instead of one per piece", "each of the k pieces has its own "
             "bias: k·n_out biases per maxout layer.",
             lambda s, k: _dense(s) + (k - 1) * _dense(s[:-1], 0)),
     Mistake("only the weights", "add the biases: k·n_out per maxout layer and n_out for the "
             "output layer.", lambda s, k: _dense(s, 0) + (k - 1) * _dense(s[:-1], 0)),
     Mistake("the dense count: k is missing", "a maxout layer holds k weight matrices and k bias "
             "vectors.", lambda s, k: _dense(s)),
     Mistake("k pieces in the first hidden layer only", "every hidden layer is maxout: multiply "
             "each hidden layer's count by k.", lambda s, k: _dense(s) + (k - 1) * _dense(s[:2]))],
    hint="Σ over hidden layers of k·(n_in·n_out + n_out), plus n_in·n_out + n_out for the output "
    "layer.",
    crash_hint="loop over consecutive pairs (n_in, n_out) of sizes; the last pair is the dense "
    "output layer.",
    inplace_message=_CHANGED, inplace_hint="count without changing sizes: the caller may still "
    "need it.", **dict.fromkeys(("rtol", "atol", "mistake_rtol", "mistake_atol"), 0.0)),),
    "right for 5 networks, from k = 1 (a dense net) to k = 5.",
    doc="Check ``maxout_parameter_count(sizes, k) -> int``: maxout hidden layers, dense output.")
# fmt: on


# --- Exercise 4: predict the error of 8 pieces ------------------------------------------------

PREDICTION_TARGET = "cosh(2x)"  # on [-1, 1]; a target the chapter fits nowhere else


@cache
def fitted_errors() -> dict[int, float]:
    """RMSE of the split-ladder fit of cosh(2x) on [-1, 1] with k = 1, 2, 4 and 8 pieces."""
    target = np.cosh(2 * X_GRID)
    fits = ladder(target, ks=(1, 2, 4, 8))
    return {k: rmse(units, target) for k, units in fits.items()}


def _e(k: int) -> float:
    return fitted_errors()[k]


def _not_a_number(got: Any) -> str | bool:
    number = isinstance(got, int | float | np.floating | np.integer) and not isinstance(got, bool)
    return not number and tr(
        "expected one number, got {kind}: {got}", kind=type(got).__name__, got=f"{got!r:.40}"
    )


# fmt: off
check_maxout_error_prediction = Check((Exercise(
    "maxout_error_prediction", lambda: _e(8),
    lambda: [Case(f"{PREDICTION_TARGET} with k = 8 pieces, after k = 2 ({_e(2):.4f}) and "
                  f"k = 4 ({_e(4):.4f})")],
    [Mistake("not one number", "return your prediction as one number, e.g. `return 0.05`.",
             when=lambda got: _not_a_number(got), example=lambda: [_e(8)]),
     Mistake("the k = 4 error again: no improvement", "more pieces hug the curve more closely; "
             "each doubling of k has divided the error by about 4 so far.", lambda: _e(4)),
     Mistake("the k = 4 error halved: an error falling like 1/k", "from k = 2 to k = 4 the error "
             "fell about fourfold, not twofold: it falls like 1/k², so halve the stretch, quarter "
             "the error.", lambda: _e(4) / 2),
     Mistake("a straight-line extrapolation in k", "errors fall like 1/k², not along a "
             "straight line (which soon goes below zero): divide by the ratio you saw, "
             "error(2) / error(4).", lambda: 2 * _e(4) - _e(2)),
     Mistake("the k = 4 error divided by 16: two quarterings", "k = 4 → 8 is one doubling of k, "
             "so one quartering of the error.", lambda: _e(4) / 16),
     Mistake("the k = 4 error divided by 8: an error falling like 1/k³", "the measured ratio "
             "error(2) / error(4) is about 4 = 2², so the law is 1/k²: one more doubling divides "
             "by about 4 again.", lambda: _e(4) / 8),
     Mistake("0.298/64, the constant of x²", "0.298/k² is the error of x², whose curvature is 2; "
             "cosh(2x) curves more (f″ = 4 cosh 2x ≥ 4), so its constant is larger: start from "
             "its own k = 4 error instead.", lambda: 4 / (np.sqrt(180) * 64))],
    hint="from k = 2 to k = 4 the error fell by the factor error(2) / error(4); one more doubling "
    "of k divides it by about the same factor.",
    rtol=0.1, atol=0.0, mistake_rtol=0.1, mistake_atol=0.0),),
    lambda fn: tr("you predicted {guess}, the fit measures {measured} ({ratio}× the "
                  "measurement): the 1/k² law, applied to a new curve.",
                  guess=f"{float(fn()):.4f}", measured=f"{_e(8):.4f}",
                  ratio=f"{float(fn()) / _e(8):.2f}"),
    doc="Check ``maxout_error_prediction() -> float``, the learner's prediction of the RMSE of "
    "the 8-piece fit of cosh(2x), from the errors at k = 2 and 4; judged by the fit itself.")
# fmt: on
