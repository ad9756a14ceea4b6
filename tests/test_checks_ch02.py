"""Mutation tests for chapter 02's exercise checks.

Every check must accept the reference solution and reject each typical wrong answer with a
message that names the mistake; the assertions below pin the words a learner would read.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.checks import (
    check_count_parameters,
    check_dense_forward,
    check_mlp_forward,
)


def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@pytest.mark.parametrize("check", [check_dense_forward, check_mlp_forward, check_count_parameters])
def test_every_check_rejects_the_stub_as_an_assertion_error(check):
    with pytest.raises(AssertionError, match="NotImplementedError"):
        check(stub)


@pytest.mark.parametrize("check", [check_dense_forward, check_mlp_forward, check_count_parameters])
def test_every_check_rejects_a_missing_return(check):
    rejects(check, lambda *args: None, "returned None", "return")


# --- dense_forward ---------------------------------------------------------------------------


def dense_reference(x, W, b):
    return x @ W + b


def test_dense_reference_passes(capsys):
    check_dense_forward(dense_reference)
    assert "✓ dense_forward" in capsys.readouterr().out


def test_dense_accepts_an_explicit_loop():
    def looped(x, W, b):
        z = np.empty((x.shape[0], W.shape[1]))
        for i in range(x.shape[0]):
            for j in range(W.shape[1]):
                z[i, j] = sum(x[i, k] * W[k, j] for k in range(W.shape[0])) + b[j]
        return z

    check_dense_forward(looped)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x, W, b: x @ W.T + b, ["W was transposed", "nn.Linear", "x @ W + b"]),
        (lambda x, W, b: x @ W, ["bias is missing"]),
        (lambda x, W, b: x @ W - b, ["sign error on the bias"]),
        (lambda x, W, b: np.maximum(x @ W + b, 0.0), ["relu(x @ W + b)", "pre-activation"]),
        (lambda x, W, b: np.tanh(x @ W + b), ["np.tanh(x @ W + b)", "activation was applied"]),
        (lambda x, W, b: _sigmoid(x @ W + b), ["sigmoid(x @ W + b)"]),
        (lambda x, W, b: W @ x + b, ["raised ValueError", "not W @ x"]),
        (lambda x, W, b: (x @ W + b).sum(axis=0), ["expected shape (4, 3)", "got shape (3,)"]),
    ],
    ids=["transposed-W", "no-bias", "bias-sign", "relu", "tanh", "sigmoid", "W@x", "summed"],
)
def test_dense_rejects_typical_mistakes(wrong, fragments):
    rejects(check_dense_forward, wrong, "dense_forward", *fragments)


def test_dense_rejects_a_transposed_result():
    rejects(
        check_dense_forward,
        lambda x, W, b: (x @ W + b).T,
        "expected shape (4, 3), got (3, 4)",
        "transposed",
    )


def test_dense_names_a_bias_added_per_example():
    def wrong(x, W, b):
        z = x @ W
        # Right where the shapes would make the mistake crash, wrong where they let it through.
        return z + b[:, None] if z.shape[0] == z.shape[1] == len(b) else z + b

    rejects(check_dense_forward, wrong, "b added per example", "broadcasts along the rows")


def test_dense_rejects_modifying_an_input_in_place():
    def wrong(x, W, b):
        z = x @ W
        b += 0.0  # harmless...
        W *= 1.0  # ... and so is this, numerically; the real bug below changes x
        x[:] = 0.0
        return z + b

    rejects(check_dense_forward, wrong, "changed its input x in place")


def test_dense_reports_expected_versus_got_for_an_unrecognised_mistake():
    rejects(
        check_dense_forward,
        lambda x, W, b: x @ W + b + 0.01,
        "expected array of shape (4, 3)",
        "got array",
        "first mismatch at index (0, 0)",
    )


def test_dense_rejects_non_numbers():
    rejects(check_dense_forward, lambda x, W, b: "z", "expected numbers")


# --- mlp_forward -----------------------------------------------------------------------------


def mlp_reference(x, params, activation):
    activations = [x]
    for W, b in params[:-1]:
        activations.append(activation(activations[-1] @ W + b))
    W, b = params[-1]
    activations.append(activations[-1] @ W + b)
    return activations


def test_mlp_reference_passes(capsys):
    check_mlp_forward(mlp_reference)
    assert "✓ mlp_forward" in capsys.readouterr().out


def test_mlp_accepts_a_tuple():
    check_mlp_forward(lambda x, params, f: tuple(mlp_reference(x, params, f)))


def _every_layer(x, params, f, *, last_activation=True, bias=1.0, transpose=False, store_z=False):
    """A configurable, mostly wrong, forward pass."""
    out = [x]
    for index, (W, b) in enumerate(params):
        W = W.T if transpose and W.shape[0] == W.shape[1] else W
        z = out[-1] @ W + bias * b
        last = index == len(params) - 1
        out.append(z if store_z or (last and not last_activation) else f(z))
    return out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x, p, f: _every_layer(x, p, f), ["np.tanh(z) on the output layer", "linear"]),
        (
            lambda x, p, f: _every_layer(x, p, f, last_activation=False, store_z=True),
            ["layer 1 of 2", "without the activation", "store a, not z"],
        ),
        (
            lambda x, p, f: _every_layer(x, p, f, last_activation=False, bias=0.0),
            ["without its bias"],
        ),
        (
            lambda x, p, f: _every_layer(x, p, f, last_activation=False, transpose=True),
            ["layer 2 of 3", "W transposed", "a @ W, not a @ W.T"],
        ),
        (lambda x, p, f: mlp_reference(x, p, f)[1:], ["missing its first entry", "[x]"]),
        (lambda x, p, f: mlp_reference(x, p, f)[-1], ["expected a list of 3 arrays", "ndarray"]),
        (lambda x, p, f: mlp_reference(x, p, f)[:-1], ["expected a list of 3 arrays", "got 2"]),
        (
            lambda x, p, f: mlp_reference(x, p, np.tanh),
            ["layer 1 of 3", "np.tanh(z), not the activation passed in"],
        ),
        (
            lambda x, p, f: [np.zeros_like(x), *mlp_reference(x, p, f)[1:]],
            ["entry 0", "input x itself"],
        ),
        (
            lambda x, p, f: [x, *mlp_reference(x @ p[0][0] + p[0][1], p[1:], f)],
            ["layer 1 of 2", "without the activation"],
        ),
        (lambda x, p, f: [x, *(np.ones(3) for _ in p)], ["layer 1 of 2", "expected shape (5, 4)"]),
    ],
    ids=[
        "activation-on-output",
        "stored-z",
        "no-bias",
        "transposed-square-W",
        "no-input-entry",
        "only-the-output",
        "dropped-output",
        "ignores-activation",
        "wrong-entry-0",
        "first-layer-not-activated",
        "wrong-shapes",
    ],
)
def test_mlp_rejects_typical_mistakes(wrong, fragments):
    rejects(check_mlp_forward, wrong, "mlp_forward", *fragments)


def test_mlp_catches_an_activation_on_the_output_of_a_single_layer():
    # A network of one layer has no hidden layer: the output must still be linear.
    def wrong(x, params, f):
        out = mlp_reference(x, params, f)
        return out if len(params) > 1 else [x, f(out[-1])]

    rejects(check_mlp_forward, wrong, "layer 1 of 1", "sigmoid(z) on the output layer")


def test_mlp_rejects_modifying_the_weights_in_place():
    def wrong(x, params, f):
        params[0][1][:] = 0.0
        return mlp_reference(x, params, f)

    rejects(check_mlp_forward, wrong, "changed its input params[0][1] in place")


def test_mlp_reports_expected_versus_got_for_an_unrecognised_mistake():
    def wrong(x, params, f):
        out = mlp_reference(x, params, f)
        return [*out[:-1], out[-1] * 2.0]

    rejects(check_mlp_forward, wrong, "layer 2 of 2", "expected array", "linear: a @ W + b")


# --- count_parameters ------------------------------------------------------------------------


def count_reference(sizes):
    return sum(n_in * n_out + n_out for n_in, n_out in pairwise(sizes))


def test_count_reference_passes(capsys):
    check_count_parameters(count_reference)
    assert "✓ count_parameters" in capsys.readouterr().out


def test_count_accepts_numpy_integers():
    check_count_parameters(lambda sizes: np.int64(count_reference(sizes)))


def _pairs(sizes):
    return list(pairwise(sizes))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda s: sum(i * o for i, o in _pairs(s)), ["expected 26, got 20", "biases are missing"]),
        (lambda s: count_reference(s) + s[0], ["bias for the input units", "no biases"]),
        (lambda s: sum(i * o + i for i, o in _pairs(s)), ["one bias per input", "n_out, not n_in"]),
        (lambda s: int(np.prod(s)), ["product of all sizes", "add up"]),
        (lambda s: sum(s), ["number of units", "n_in × n_out"]),
        (lambda s: s[0] * s[1] + s[1], ["first layer alone", "every consecutive pair"]),
        (lambda s: sum((i + 1) * (o + 1) for i, o in _pairs(s)), ["(n_in + 1) × (n_out + 1)"]),
        (lambda s: count_reference(s) + 2, ["expected 26, got 28.", "add them up"]),
        (lambda s: float(count_reference(s)), ["count is right but a float", "return an int"]),
        (lambda s: str(count_reference(s)), ["expected an int, got str"]),
        (lambda s: count_reference(list(s)[::-1]), ["expected 26, got"]),
    ],
    ids=[
        "weights-only",
        "input-biases",
        "bias-per-input",
        "product",
        "units",
        "first-layer",
        "plus-one-each-side",
        "off-by-one",
        "float",
        "string",
        "reversed",
    ],
)
def test_count_rejects_typical_mistakes(wrong, fragments):
    rejects(check_count_parameters, wrong, "count_parameters", *fragments)


def test_count_rejects_modifying_the_sizes_in_place():
    def wrong(sizes):
        count = count_reference(sizes)
        if isinstance(sizes, list):
            sizes.append(1)
        return count

    rejects(
        check_count_parameters, wrong, "for sizes = [3, 4, 2]", "changed its input sizes in place"
    )


def test_count_rejects_a_mistake_only_visible_on_a_deep_network():
    def wrong(sizes):  # right for up to two layers, then skips the middle ones
        pairs = _pairs(sizes)
        kept = pairs if len(pairs) <= 2 else [pairs[0], pairs[-1]]
        return sum(i * o + o for i, o in kept)

    rejects(check_count_parameters, wrong, "784, 256, 256, 10", "expected 269322")


def test_mlp_names_an_entry_that_is_none():
    rejects(
        check_mlp_forward,
        lambda x, p, f: [*mlp_reference(x, p, f)[:-1], None],
        "entry 2 of the list is None",
        "append",
    )
