"""Tests for helpers.maxout_fit: the one-input maxout fits of chapter 12."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data import spirals
from helpers.maxout_fit import (
    X_GRID,
    dead_pieces,
    envelope,
    fit,
    ladder,
    rmse,
    split,
    train_together,
)
from helpers.nn import Dense, Maxout, Sequential, SoftmaxCrossEntropy, mlp, train


def test_envelope_is_the_max_and_ties_go_to_the_lowest_index():
    w, b = np.array([0.0, 1.0, 1.0]), np.array([0.0, 0.0, 0.0])  # pieces 1 and 2 are copies
    h, winner = envelope(np.array([-2.0, 0.0, 3.0]), w, b)
    assert h.tolist() == [0.0, 0.0, 3.0]
    assert winner.tolist() == [0, 0, 1]  # x = 0: all tie, piece 0; x = 3: pieces 1, 2 tie


def test_fit_uses_the_gradient_of_helpers_nn_maxout():
    w, b = np.array([-1.5, 0.2, 2.0]), np.array([-0.6, 0.1, -0.9])
    target = X_GRID**2
    ((w1, b1),) = fit([(w, b)], target, steps=1, momentum=0.0, step_per_piece=0.1)
    layer = Maxout(1, 1, k=3, rng=0)
    layer.W[:, 0, 0], layer.b[:, 0] = w, b
    h = layer.forward(X_GRID[:, None])
    layer.backward(2 * (h - target[:, None]) / X_GRID.size)
    lr = 0.1 * 3
    np.testing.assert_allclose(w1, w - lr * layer.grad_W[:, 0, 0], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(b1, b - lr * layer.grad_b[:, 0], rtol=1e-12, atol=1e-15)


def test_fit_leaves_its_inputs_alone_and_lowers_the_error():
    w, b = np.array([-1.0, 1.0]), np.array([0.0, 0.0])
    before = rmse([(w, b)], X_GRID**2)
    ((w1, b1),) = fit([(w, b)], X_GRID**2, steps=200)
    assert w.tolist() == [-1.0, 1.0] and b.tolist() == [0.0, 0.0]
    assert rmse([(w1, b1)], X_GRID**2) < before / 2


def test_split_doubles_the_pieces_and_barely_changes_the_function():
    w, b = np.array([-1.0, 1.0]), np.array([0.0, 0.0])
    w2, b2 = split(w, b)
    assert len(w2) == 4 and dead_pieces(w2, b2) == 0
    assert np.max(np.abs(envelope(X_GRID, w2, b2)[0] - envelope(X_GRID, w, b)[0])) < 0.06


def test_ladder_on_x_squared_meets_the_derived_error():
    fits = ladder(X_GRID**2, ks=(1, 2, 4))
    for k, units in fits.items():
        assert len(units[0][0]) == k
        assert rmse(units, X_GRID**2) == pytest.approx(4 / (np.sqrt(180) * k**2), rel=0.02)


def test_difference_of_two_units_uses_the_signs():
    units = [(np.array([1.0]), np.array([0.5])), (np.array([0.0]), np.array([0.5]))]
    assert rmse(units, X_GRID, signs=(1.0, -1.0)) == pytest.approx(0.0, abs=1e-15)
    assert rmse(units, X_GRID + 1.0, signs=(1.0, 1.0)) == pytest.approx(0.0, abs=1e-15)


def test_dead_pieces_counts_pieces_that_never_win():
    assert dead_pieces(np.array([0.0, 0.0, 1.0]), np.array([0.0, -1.0, 0.0])) == 1


def test_ladder_remembers_its_rungs_and_returns_fresh_copies():
    target = np.exp(X_GRID)
    short = ladder(target, ks=[1, 2])
    long = ladder(target, ks=(1, 2, 4))  # continues the short ladder from memory
    assert short[2][0][0] is not long[2][0][0]
    np.testing.assert_array_equal(short[2][0][0], long[2][0][0])
    error = rmse(long[4], target)
    long[4][0][0][:] = 0.0  # a caller's change does not reach the memory
    assert rmse(ladder(target, ks=(1, 2, 4))[4], target) == error


def test_fit_and_ladder_with_one_target_per_row_match_one_call_per_target():
    targets = np.array([X_GRID**2, np.exp(X_GRID)])
    w, b = np.array([-1.0, 0.5, 1.0]), np.array([0.0, 0.1, 0.0])
    both = fit([(w, b), (w, b)], targets, steps=50)
    for row, (w_fit, b_fit) in zip(targets, both, strict=True):
        ((w_one, b_one),) = fit([(w, b)], row, steps=50)
        np.testing.assert_array_equal(w_fit, w_one)
        np.testing.assert_array_equal(b_fit, b_one)
    rungs = ladder(targets, ks=(1, 2), steps=30)
    for i, row in enumerate(targets):
        alone = ladder(row, ks=(1, 2), steps=30)
        np.testing.assert_array_equal(rungs[2][i][0], alone[2][0][0])
    with pytest.raises(ValueError, match="signs"):
        fit([(w, b)] * 3, targets, steps=1)


@pytest.mark.parametrize("kind", ["relu", "maxout"])
def test_train_together_matches_helpers_nn_train_run_by_run(kind):
    X, y = spirals(n=60, classes=3, noise=0.2, seed=0)

    def build(seed):
        if kind == "relu":
            return mlp([2, 5, 3], "relu", rng=seed)
        generator = np.random.default_rng(seed)
        return Sequential(Maxout(2, 4, k=2, rng=generator), Dense(4, 3, rng=generator))

    lrs = [0.1, 0.5, 1.0]
    together = [build(seed) for seed in range(3)]
    train_together(together, X, y, lrs, epochs=30, momentum=0.9)
    for seed, (model, lr) in enumerate(zip(together, lrs, strict=True)):
        alone = build(seed)
        train(alone, SoftmaxCrossEntropy(), X, y, epochs=30, lr=lr, momentum=0.9)
        for name, value in alone.params().items():
            np.testing.assert_allclose(model.params()[name], value, rtol=1e-9, atol=1e-12)
