"""Mutation tests for chapter 02's exercise checks.

Every check must accept the reference solution and reject each typical wrong answer with a
message that names the mistake; the assertions below pin the words a learner would read.
"""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import ACTIVATIONS
from helpers.checks import (
    check_count_parameters,
    check_dense_forward,
    check_mlp_forward,
    check_tanh_std_prediction,
)
from helpers.checks.ch02_forward import TANH_DEPTH, tanh_depth_std


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


# --- tanh_std_prediction (predict) -----------------------------------------------------------

CHAPTER = Path(__file__).resolve().parent.parent / "notebooks" / "02_forward_propagation.ipynb"


@pytest.mark.parametrize(
    "prediction",
    [0.22, 0.2, 0.26, np.float64(0.21), np.array(0.23), 0.18],
    ids=["ours", "rounded", "high-side", "numpy-scalar", "0-d-array", "low-edge"],
)
def test_a_prediction_within_20_percent_passes(prediction, capsys):
    check_tanh_std_prediction(lambda: prediction)
    out = capsys.readouterr().out
    assert out.startswith("✓ tanh_std_prediction: you predicted ")
    assert "measured 0.223 (5 seeds: 0.217 to 0.226)" in out and "within ±20 %" in out


def test_the_words_a_learner_reads_for_a_constant_ratio():
    message = rejects(check_tanh_std_prediction, lambda: 0.16, "you predicted 0.16")
    assert message == (
        "tanh_std_prediction: you predicted 0.16; the network measures 0.223: too small: a shrink "
        "per layer that stays the same.\nHint: Near 0, tanh z ≈ z, so the smaller the signal, the "
        "less each layer squeezes it: the ratio of one layer's std to the last rises towards 1 "
        "with depth. Extrapolate with the ratio of the last layers of the table, not the average "
        "one."
    )


@pytest.mark.parametrize(
    ("prediction", "fragments"),
    [
        (1.0, ["the spread kept at 1", "identity's rule"]),
        (0.85, ["too large", "keeps falling after layer 6"]),
        (0.05, ["the variance, not the std", "square root"]),
        (0.001, ["a signal all but gone", "s = 0.5"]),
        (0.17, ["too small", "Extrapolate"]),
        (0.28, ["too large"]),
        (-0.22, ["a standard deviation is never negative"]),
        ("0.22", ["expected one number, got '0.22'"]),
        ([0.2, 0.3], ["expected one number"]),
        (None, ["returned None"]),
        (float("nan"), ["you predicted nan", "more than 20 % off"]),
    ],
    ids=[
        "identity",
        "saturated",
        "variance",
        "gone",
        "just-too-small",
        "just-too-large",
        "negative",
        "text",
        "two-numbers",
        "none",
        "nan",
    ],
)
def test_predictions_outside_the_band_are_named(prediction, fragments):
    rejects(check_tanh_std_prediction, lambda: prediction, "tanh_std_prediction", *fragments)


def test_the_notebook_measures_the_network_the_prediction_is_judged_against():
    cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    (source,) = [
        "".join(c["source"])
        for c in cells
        if c["cell_type"] == "code" and "def forward_signal(" in "".join(c["source"])
    ]
    namespace = {"np": np, "ACTIVATIONS": ACTIVATIONS, "SEED": 0}
    exec(source, namespace)
    for seed in TANH_DEPTH["seeds"]:
        measured = namespace["forward_signal"]("tanh", 1.0, depth=10, seed=seed)[2][-1].std()
        assert measured == pytest.approx(tanh_depth_std(seed), rel=1e-12)
    (stored,) = [
        "".join(o.get("text", ""))
        for c in cells
        if "check_tanh_std_prediction(" in "".join(c["source"])
        for o in c.get("outputs", [])
        if "measured: layer 10" in "".join(o.get("text", ""))
    ]
    mean = np.mean([tanh_depth_std(seed) for seed in TANH_DEPTH["seeds"]])
    assert f"layer 10's std {mean:.3f}" in stored
