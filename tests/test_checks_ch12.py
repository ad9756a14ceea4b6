"""Mutation tests for chapter 12's exercise checks (maxout).

Every check must accept the reference solution (and other correct ways of writing it) and reject
each typical wrong answer — max over the wrong axis, a missing bias, the gradient sent to every
piece, ties split or sent to the last piece, a maxout output layer in the count — with a message
that names the mistake; the assertions pin the words a learner would read.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.checks import (
    check_maxout_backward,
    check_maxout_error_prediction,
    check_maxout_forward,
    check_maxout_parameter_count,
)
from helpers.checks.ch12_maxout import fitted_errors
from helpers.maxout_fit import X_GRID, ladder, rmse


def _pieces(X, W, b):
    return X @ W + b[:, None, :]


@pytest.mark.parametrize(
    "check",
    [
        check_maxout_forward,
        check_maxout_backward,
        check_maxout_parameter_count,
        check_maxout_error_prediction,
    ],
)
def test_every_check_rejects_the_stub_as_an_assertion_error(check):
    with pytest.raises(AssertionError, match="still raises NotImplementedError"):
        check(stub)


@pytest.mark.parametrize(
    "check", [check_maxout_forward, check_maxout_backward, check_maxout_parameter_count]
)
def test_every_check_rejects_a_missing_return(check):
    rejects(check, lambda *args: None, "returned None", "return")


# --- maxout_forward ----------------------------------------------------------------------------


def forward_reference(X, W, b):
    return _pieces(X, W, b).max(axis=0)


def test_forward_reference_passes(capsys):
    check_maxout_forward(forward_reference)
    assert "✓ maxout_forward" in capsys.readouterr().out


def test_forward_accepts_a_loop_over_pieces(capsys):
    def looped(X, W, b):
        best = X @ W[0] + b[0]
        for i in range(1, len(W)):
            best = np.maximum(best, X @ W[i] + b[i])
        return best

    check_maxout_forward(looped)
    assert "✓ maxout_forward" in capsys.readouterr().out


def test_forward_accepts_the_grouped_dense_layer_form(capsys):
    # The original formulation: one dense layer with k·n_out outputs, then a max per group of k.
    def grouped(X, W, b):
        k, n_in, n_out = W.shape
        wide = X @ W.transpose(1, 0, 2).reshape(n_in, k * n_out) + b.reshape(k * n_out)
        return wide.reshape(len(X), k, n_out).max(axis=1)

    check_maxout_forward(grouped)
    assert "✓ maxout_forward" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda X, W, b: _pieces(X, W, b).min(axis=0), ["minimum of the pieces"]),
        (lambda X, W, b: _pieces(X, W, b).sum(axis=0), ["sum of the pieces", "compete"]),
        (lambda X, W, b: _pieces(X, W, b).mean(axis=0), ["mean of the pieces"]),
        (lambda X, W, b: (X @ W).max(axis=0), ["without the biases", "its own bias"]),
        (
            lambda X, W, b: (X @ W).max(axis=0) + b.max(axis=0),
            ["maximised separately", "max of sums"],
        ),
        (lambda X, W, b: _pieces(X, W, b).max(axis=1), ["max over the batch axis"]),
        (lambda X, W, b: _pieces(X, W, b).max(axis=2), ["max over the output units"]),
        (
            lambda X, W, b: np.maximum(_pieces(X, W, b).max(axis=0), 0.0),
            ["an extra ReLU", "replaces the activation"],
        ),
        (
            lambda X, W, b: _pieces(X, W, b).argmax(axis=0),
            ["index of the winning piece", "np.argmax"],
        ),
        (lambda X, W, b: X @ W[0] + b[0], ["the first piece only"]),
        (lambda X, W, b: _pieces(X, W, b), ["you returned all", "pieces", "axis 0"]),
        (lambda X, W, b: forward_reference(X, W, b) + 1e-3, ["expected", "first mismatch"]),
        (lambda X, W, b: X @ W.T + b, ["raised ValueError", "axis 0"]),
    ],
    ids=[
        "min",
        "sum",
        "mean",
        "no-bias",
        "bias-max-separately",
        "batch-axis",
        "unit-axis",
        "extra-relu",
        "argmax",
        "first-piece",
        "unreduced",
        "off-by-a-little",
        "crash",
    ],
)
def test_forward_rejects_typical_mistakes(wrong, fragments):
    rejects(check_maxout_forward, wrong, "maxout_forward", *fragments)


# --- maxout_backward ---------------------------------------------------------------------------


def _one_hot(Z, index):
    return (np.arange(len(Z))[:, None, None] == index).astype(float)


def _gradients(X, W, dZ):
    return np.einsum("kno,kio->ni", dZ, W), X.T @ dZ, dZ.sum(axis=1)


def backward_reference(X, W, b, dY):
    Z = _pieces(X, W, b)
    return _gradients(X, W, _one_hot(Z, Z.argmax(axis=0)) * dY)


def test_backward_reference_passes(capsys):
    check_maxout_backward(backward_reference)
    out = capsys.readouterr().out
    assert "✓ maxout_backward" in out
    assert "lowest piece index" in out


def test_backward_accepts_explicit_loops(capsys):
    def looped(X, W, b, dY):
        k, _, n_out = W.shape
        dX, dW, db = np.zeros_like(X), np.zeros_like(W), np.zeros_like(b)
        for n in range(len(X)):
            for j in range(n_out):
                z = [X[n] @ W[i][:, j] + b[i, j] for i in range(k)]
                i = int(np.argmax(z))  # the first of equal values: the lowest index
                dW[i][:, j] += X[n] * dY[n, j]
                db[i, j] += dY[n, j]
                dX[n] += W[i][:, j] * dY[n, j]
        return dX, dW, db

    check_maxout_backward(looped)
    assert "✓ maxout_backward" in capsys.readouterr().out


def test_backward_accepts_a_list(capsys):
    check_maxout_backward(lambda *args: list(backward_reference(*args)))
    assert "✓ maxout_backward" in capsys.readouterr().out


def _split_ties(X, W, b, dY):
    Z = _pieces(X, W, b)
    tied = (Z == Z.max(axis=0)).astype(float)
    return _gradients(X, W, tied / tied.sum(axis=0) * dY)


def _all_tied(X, W, b, dY):
    Z = _pieces(X, W, b)
    return _gradients(X, W, (Z == Z.max(axis=0)) * dY)


def _last_tied(X, W, b, dY):
    Z = _pieces(X, W, b)
    return _gradients(X, W, _one_hot(Z, len(W) - 1 - Z[::-1].argmax(axis=0)) * dY)


def _every_piece(X, W, b, dY):
    return _gradients(X, W, np.ones((len(W), *dY.shape)) * dY)


def _loser(X, W, b, dY):
    Z = _pieces(X, W, b)
    return _gradients(X, W, _one_hot(Z, Z.argmin(axis=0)) * dY)


def _only_dX_unrouted(X, W, b, dY):
    _, dW, db = backward_reference(X, W, b, dY)
    return np.einsum("no,kio->ni", dY, W), dW, db


def _scaled(which, factor):
    def wrong(X, W, b, dY):
        grads = list(backward_reference(X, W, b, dY))
        grads[which] = grads[which] * (factor if factor != "N" else 1.0 / len(X))
        return tuple(grads)

    return wrong


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_split_ties, ["with exact ties", "split evenly", "torch.amax", "lowest tied index"]),
        (_all_tied, ["with exact ties", "every tied piece", "exactly one piece"]),
        (_last_tied, ["with exact ties", "highest piece index", "lowest index"]),
        (_every_piece, ["every piece, winner or not", "one-hot mask"]),
        (_loser, ["smallest piece (argmin)"]),
        (_only_dX_unrouted, ["dX (", "every piece, winner or not"]),
        (_scaled(0, -1.0), ["dX (", "minus sign"]),
        (_scaled(1, -1.0), ["dW (", "minus sign", "update subtracts"]),
        (_scaled(2, -1.0), ["db (", "minus sign"]),
        (_scaled(1, "N"), ["dW (", "mean over the batch", "add up"]),
        (_scaled(2, "N"), ["db (", "mean over the batch", "add up"]),
        (_scaled(1, 1.001), ["dW (", "first mismatch", "dW[i] = X.T @ dZ[i]"]),
    ],
    ids=[
        "ties-split",
        "ties-all",
        "ties-last",
        "no-routing",
        "argmin",
        "dX-unrouted",
        "dX-sign",
        "dW-sign",
        "db-sign",
        "dW-mean",
        "db-mean",
        "dW-off",
    ],
)
def test_backward_rejects_typical_mistakes(wrong, fragments):
    rejects(check_maxout_backward, wrong, "maxout_backward", *fragments)


def test_backward_rejects_gradients_summed_over_the_pieces():
    def summed(X, W, b, dY):
        dX, dW, db = backward_reference(X, W, b, dY)
        return dX, dW.sum(axis=0), db

    rejects(check_maxout_backward, summed, "dW (", "one gradient per piece")


def test_backward_rejects_a_transposed_dW():
    def transposed(X, W, b, dY):
        dX, dW, db = backward_reference(X, W, b, dY)
        return dX, dW.transpose(0, 2, 1), db

    rejects(check_maxout_backward, transposed, "dW (", "has shape", "what it differentiates")


def test_backward_rejects_two_results():
    rejects(
        check_maxout_backward, lambda *a: backward_reference(*a)[:2], "three arrays (dX, dW, db)"
    )


def test_backward_ties_matter_in_the_check_cases():
    # The tie cases must tell the conventions apart, or a split-ties answer could pass.
    message = rejects(check_maxout_backward, _split_ties, "with exact ties")
    assert "no ties" not in message


# --- maxout_parameter_count --------------------------------------------------------------------


def count_reference(sizes, k):
    pairs = list(pairwise(sizes))
    hidden = sum(k * (n_in * n_out + n_out) for n_in, n_out in pairs[:-1])
    n_in, n_out = pairs[-1]
    return hidden + n_in * n_out + n_out


def test_count_reference_passes(capsys):
    check_maxout_parameter_count(count_reference)
    assert "✓ maxout_parameter_count" in capsys.readouterr().out


def test_count_accepts_numpy_integers(capsys):
    check_maxout_parameter_count(lambda sizes, k: np.int64(count_reference(sizes, k)))
    assert "✓ maxout_parameter_count" in capsys.readouterr().out


def _dense(sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in pairwise(sizes))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda s, k: k * _dense(s), ["output layer was given pieces", "ordinary dense layer"]),
        (
            lambda s, k: count_reference(s, k) - (k - 1) * sum(s[1:-1]),
            ["one bias per unit", "its own bias"],
        ),
        (
            lambda s, k: count_reference(s, k) - sum(k * o for o in s[1:-1]) - s[-1],
            ["only the weights"],
        ),
        (lambda s, k: _dense(s), ["k is missing"]),
        (
            lambda s, k: _dense(s) + (k - 1) * (s[0] * s[1] + s[1]) if len(s) > 2 else _dense(s),
            ["first hidden layer only"],
        ),
        (lambda s, k: float(count_reference(s, k)), ["right but a float", "int"]),
        (lambda s, k: str(count_reference(s, k)), ["expected an int, got str"]),
        (lambda s, k: count_reference(s, k) + 1, ["expected", "got", "Σ over hidden layers"]),
    ],
    ids=[
        "maxout-output",
        "bias-per-unit",
        "weights-only",
        "dense",
        "first-only",
        "float",
        "str",
        "off-by-one",
    ],
)
def test_count_rejects_typical_mistakes(wrong, fragments):
    rejects(check_maxout_parameter_count, wrong, "maxout_parameter_count", *fragments)


def test_count_rejects_changing_the_input():
    def pops(sizes, k):
        result = count_reference(sizes, k)
        sizes.pop()
        return result

    rejects(check_maxout_parameter_count, pops, "changed its input")


# --- maxout_error_prediction -------------------------------------------------------------------


def test_prediction_errors_follow_the_one_over_k_squared_law():
    e = fitted_errors()
    assert [round(e[k], 4) for k in (2, 4, 8)] == [0.2526, 0.0644, 0.0163]
    assert 3.8 < e[2] / e[4] < 4.2 and 3.8 < e[4] / e[8] < 4.2


@pytest.mark.parametrize(
    "prediction",
    [
        lambda: fitted_errors()[4] / 4,  # one more quartering
        lambda: fitted_errors()[4] ** 2 / fitted_errors()[2],  # the measured ratio, applied again
        lambda: 0.0644 / 4,  # the printed numbers, by hand
        lambda: np.float64(0.016),
        lambda: 0.2526 / 16,  # two quarterings from k = 2
    ],
)
def test_prediction_accepts_the_quartering_written_many_ways(prediction, capsys):
    check_maxout_error_prediction(prediction)
    assert "the fit measures 0.0163" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("prediction", "fragments"),
    [
        (lambda: 0.0644 / 2, ("halved", "1/k²")),
        (lambda: 0.0644, ("no improvement",)),
        (lambda: 2 * 0.0644 - 0.2526, ("straight-line extrapolation",)),
        (lambda: 0.0644 / 16, ("two quarterings", "one doubling")),
        (lambda: 0.298 / 64, ("constant of x²",)),
        (lambda: "0.016", ("expected one number", "str")),
        (lambda: 0.05, ("cosh(2x) with k = 8", "error(2) / error(4)")),  # unnamed: the hint
    ],
)
def test_prediction_rejects_typical_mistakes(prediction, fragments):
    rejects(check_maxout_error_prediction, prediction, *fragments)


def test_prediction_is_judged_by_a_fit_the_chapter_does_not_show():
    target = np.cosh(2 * X_GRID)
    fits = ladder(target, ks=(1, 2, 4, 8))
    assert rmse(fits[8], target) == pytest.approx(fitted_errors()[8], rel=1e-12)
