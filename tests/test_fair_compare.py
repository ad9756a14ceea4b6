"""helpers.fair_compare: the comparison protocol of chapters 13 and 14."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from helpers.activations import relu
from helpers.fair_compare import (
    Benchmark,
    build,
    choose_lr,
    fit,
    kink_biases,
    mean_sd,
    output_kinks,
    paired_difference,
    tune,
)
from helpers.nn import Dense, Maxout, PReLU, mlp


def test_kink_biases_put_each_unit_on_its_point() -> None:
    rng = np.random.default_rng(0)
    W = rng.normal(size=(1, 5))
    centres = np.linspace(-2, 2, 5)[:, None]
    np.testing.assert_allclose(-kink_biases(W, centres) / W[0], centres[:, 0])
    W2, points = rng.normal(size=(2, 4)), rng.normal(size=(4, 2))  # 2-D: z = 0 at the point
    z = np.einsum("ui,iu->u", points, W2) + kink_biases(W2, points)
    np.testing.assert_allclose(z, 0.0, atol=1e-12)


def test_build_uses_the_registry_init_and_places_data_biases() -> None:
    X = Benchmark.sine().train.X
    zero = build("relu", [1, 16, 16, 1], 3)
    same = mlp([1, 16, 16, 1], "relu", rng=3)
    np.testing.assert_array_equal(zero.layers[0].W, same.layers[0].W)
    assert not np.any(zero.layers[0].b)
    data = build("relu", [1, 16, 16, 1], 3, biases="data", X=X)
    kinks = -data.layers[0].b / data.layers[0].W[0]
    assert np.all(np.isin(np.round(kinks, 9), np.round(X[:, 0], 9)))  # each at a training input
    with pytest.raises(ValueError, match="needs the training inputs"):
        build("relu", [1, 4, 1], 0, biases="data")
    with pytest.raises(ValueError, match="biases"):
        build("relu", [1, 4, 1], 0, biases="spread")


def test_the_two_layer_contestants() -> None:
    prelu = build("prelu", [2, 8, 8, 3], 0)
    assert [type(layer) for layer in prelu.layers] == [Dense, PReLU, Dense, PReLU, Dense]
    assert "1.alpha" in prelu.params()  # α is learned
    X = Benchmark.sine().train.X
    maxout = build("maxout", [1, 8, 8, 1], 0, biases="data", X=X)
    assert isinstance(maxout.layers[0], Maxout) and maxout.layers[0].k == 2
    first = maxout.layers[0]
    crossings = -(first.b[0] - first.b[1]) / (first.W[0, 0] - first.W[1, 0])
    assert np.all((crossings >= X.min() - 1e-9) & (crossings <= X.max() + 1e-9))


def test_choose_lr_takes_the_best_mean_and_counts_divergence_as_infinite() -> None:
    assert choose_lr({0.1: [1.0, 1.0], 0.2: [0.5, 0.7], 0.4: [0.1, np.inf]}) == 0.2
    assert choose_lr({0.2: [1.0], 0.1: [1.0]}) == 0.1  # a tie goes to the smaller rate


def test_mean_sd_is_the_sample_standard_deviation() -> None:
    assert mean_sd([1.0, 2.0, 3.0]) == (2.0, 1.0)
    with pytest.raises(ValueError, match="at least two"):
        mean_sd([1.0])


def test_paired_difference_is_a_t_interval_on_the_differences() -> None:
    a, b = np.array([1.0, 2.0, 3.0, 4.0, 5.0]), np.array([1.5, 2.4, 3.6, 4.4, 5.7])
    p = paired_difference(a, b)
    d = a - b
    half = stats.t.ppf(0.975, 4) * d.std(ddof=1) / np.sqrt(5)
    assert (p.mean, p.low, p.high, p.n) == pytest.approx(
        (d.mean(), d.mean() - half, d.mean() + half, 5)
    )
    assert p.verdict == "a lower" and paired_difference(b, a).verdict == "b lower"
    assert paired_difference([1.0, 2.0], [2.0, 1.0]).verdict == "tie"
    with pytest.raises(ValueError, match="at least 2"):
        paired_difference([1.0], [2.0])


def test_output_kinks_finds_the_bends_of_a_piecewise_linear_function() -> None:
    def f(x):
        return relu(x - 0.5) + 2 * relu(-x - 1.0)

    np.testing.assert_allclose(output_kinks(f, -3, 3), [-1.0, 0.5], atol=2e-3)
    assert output_kinks(lambda x: 2 * x, -1, 1).size == 0


def test_fit_and_tune_report_held_out_numbers() -> None:
    bench = Benchmark.spirals(n=60)
    assert not np.array_equal(bench.train.X, bench.test.X)
    run = fit(bench, "relu", 0.5, 0, epochs=5)
    assert np.isfinite([run.train_loss, run.val_loss, run.test_loss]).all()
    assert 0 <= run.test_accuracy <= 1 and len(run.loss_curve) == 5
    tuned = tune(bench, "tanh", (0.1, 1.0), (0, 1), epochs=5)
    assert tuned.lr in (0.1, 1.0) and len(tuned.chosen) == 2 and tuned.test_losses().shape == (2,)
    assert Benchmark.sine().biases == "data" and bench.biases == "zero"
