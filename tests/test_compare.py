"""The activation-comparison experiment: counts, determinism, and each metric on a known case."""

from __future__ import annotations

import numpy as np
import pytest

import helpers.compare
from helpers.activations import ACTIVATIONS
from helpers.compare import (
    Run,
    Task,
    _dead_fraction,
    compare,
    format_table,
    initialisation_for,
    summarise,
)
from helpers.nn import Dense, mlp

TINY = Task.spirals(n=60, classes=3, seed=0)


def _run(activation: str, seed: int, loss: float, *, diverged: bool = False, reached=None) -> Run:
    return Run("t", activation, seed, loss, 0.5, reached, 0.0, 1.0, 1.0, (loss,), diverged)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_compare_and_mlp_initialise_every_activation_alike(name, monkeypatch) -> None:
    """The model ``compare`` trains starts from the same weights as ``mlp`` with its default
    init: both take the registry's initialiser, so a chapter's rule and the library's agree."""
    built, original = [], helpers.compare.mlp

    def recording_mlp(*args, **kwargs):
        model = original(*args, **kwargs)
        built.append(
            [(layer.init, layer.W.copy()) for layer in model.layers if isinstance(layer, Dense)]
        )
        return model

    monkeypatch.setattr(helpers.compare, "mlp", recording_mlp)
    compare([TINY], [name], seeds=(3,), hidden=(4,), epochs=1)
    monkeypatch.undo()
    default = mlp([TINY.X.shape[1], 4, TINY.n_out], name, rng=3)
    dense = [layer for layer in default.layers if isinstance(layer, Dense)]
    assert [init for init, _ in built[0]] == [layer.init for layer in dense]
    assert {layer.init for layer in dense} == {initialisation_for(name)}
    for (_, weights), layer in zip(built[0], dense, strict=True):
        np.testing.assert_array_equal(weights, layer.W)


def test_one_run_per_task_activation_and_seed_and_deterministic() -> None:
    first = compare([TINY], ["relu", "tanh"], seeds=(0, 1), hidden=(8,), epochs=5)
    again = compare([TINY], ["relu", "tanh"], seeds=(0, 1), hidden=(8,), epochs=5)
    assert [(r.activation, r.seed) for r in first] == [
        ("relu", 0), ("relu", 1), ("tanh", 0), ("tanh", 1),
    ]  # fmt: skip
    assert [r.final_loss for r in first] == [r.final_loss for r in again]
    assert len({r.final_loss for r in first}) == 4  # seeds and activations really differ
    assert all(len(r.loss_curve) == 5 and r.ms_per_step > 0 for r in first)


def test_sigmoid_gradient_vanishes_where_relu_does_not() -> None:
    runs = compare([TINY], ["sigmoid", "relu"], seeds=(0,), hidden=(16,) * 6, epochs=1)
    ratio = {r.activation: r.gradient_ratio for r in runs}
    assert ratio["sigmoid"] < 1e-3 < 0.05 < ratio["relu"]


def test_dead_fraction_counts_units_with_zero_slope_everywhere() -> None:
    model = mlp([2, 4, 1], "relu", rng=0)
    model.layers[0].b[:2] = -1e6  # two of four units can never switch on
    X = np.random.default_rng(0).normal(size=(50, 2))
    assert _dead_fraction(model, X) == 0.5
    model.layers[0].b[:] = 1e6
    assert _dead_fraction(model, X) == 0.0


def test_summarise_means_over_seeds_and_leaves_out_diverged_runs() -> None:
    rows = summarise(
        [
            _run("relu", 0, 1.0, reached=10),
            _run("relu", 1, 3.0),
            _run("relu", 2, np.inf, diverged=True),
        ]
    )
    (row,) = rows
    assert row["final_loss"] == (2.0, pytest.approx(2**0.5))  # sample std, ddof = 1
    assert row["diverged"] == 1 and row["reached"] == 1
    assert row["epochs_to_threshold"] == (10.0, None)  # one run: no spread
    table = format_table(rows)
    assert "(1/3)" in table
    header, line = table.splitlines()[1:]
    assert header.endswith("diverged") and line.endswith("1/3")
    assert len(line) == len(header)  # the columns stay aligned


def test_table_columns_stay_aligned_for_huge_numbers_and_no_divergence() -> None:
    rows = summarise([_run("relu", 0, 1e12, reached=10), _run("tanh", 0, 0.25)])
    table = format_table(rows, timing=True)
    header, *lines = table.splitlines()[1:]
    assert "diverged" not in header
    assert "1e+12 (1 run)" in lines[0]
    assert {len(line) for line in lines} == {len(header)}
    for line in lines:  # each column ends where its header ends
        assert line[: len("activation") + 3 + 17].endswith("(1 run)")


def test_timing_is_opt_in_in_the_table() -> None:
    rows = summarise([_run("relu", 0, 1.0)])
    assert "ms/step" not in format_table(rows)
    assert "ms/step" in format_table(rows, timing=True)


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match=r"activation must be one of .*; got 'reLU'"):
        compare([TINY], ["reLU"])
    with pytest.raises(ValueError, match="seeds"):
        compare([TINY], ["relu"], seeds=())


def test_spread_is_the_sample_standard_deviation_and_none_for_one_run() -> None:
    rows = summarise([_run("relu", seed, loss) for seed, loss in enumerate((1.0, 2.0, 3.0))])
    assert rows[0]["final_loss"] == (2.0, 1.0)  # ddof = 1: sqrt(((1)² + 0 + (1)²) / 2)
    (single,) = summarise([_run("relu", 0, 1.0)])
    assert single["final_loss"] == (1.0, None)
    assert "± 0" not in format_table([single])
