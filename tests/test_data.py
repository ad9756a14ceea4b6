"""Tests for helpers.data: seeded, balanced toy data sets that a linear model cannot fit."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import data

CLASSIFICATION = {
    "xor": data.xor,
    "moons": data.moons,
    "circles": data.circles,
    "spirals": data.spirals,
}


def linear_least_squares_accuracy(X, y):
    """Accuracy of the best least-squares linear classifier (one-hot targets, argmax)."""
    design = np.column_stack([X, np.ones(len(X))])
    targets = np.eye(y.max() + 1)[y]
    weights, *_ = np.linalg.lstsq(design, targets, rcond=None)
    return float(np.mean((design @ weights).argmax(axis=1) == y))


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_shapes_dtypes_and_balance(name):
    for n in (7, 200, 301):
        X, y = CLASSIFICATION[name](n=n)
        assert X.shape == (n, 2)
        assert X.dtype == np.float64
        assert y.shape == (n,)
        assert y.dtype.kind == "i"
        counts = np.bincount(y)
        assert counts.max() - counts.min() <= 1, counts
        assert np.isfinite(X).all()


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_same_seed_same_arrays_different_seed_different(name):
    make = CLASSIFICATION[name]
    X1, y1 = make(seed=3)
    X2, y2 = make(seed=3)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    X3, _ = make(seed=4)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("name", CLASSIFICATION)
def test_classes_are_shuffled(name):
    _, y = CLASSIFICATION[name](n=200)
    # Generated class by class, then shuffled: the first 50 labels are not all one class.
    assert len(set(y[:50].tolist())) > 1


def test_xor_is_not_linearly_separable():
    X, y = data.xor(n=400, noise=0.1)
    assert linear_least_squares_accuracy(X, y) <= 0.75
    # ... yet the rule x1 * x2 < 0 labels it almost perfectly: the data is XOR.
    assert np.mean((X[:, 0] * X[:, 1] < 0) == y) > 0.99


def test_circles_is_not_linearly_separable_but_radius_separates_it():
    X, y = data.circles(n=400, noise=0.05, factor=0.5)
    assert linear_least_squares_accuracy(X, y) <= 0.65
    radius = np.hypot(X[:, 0], X[:, 1])
    assert np.mean((radius < 0.75) == y) > 0.97


def test_spirals_defeat_a_linear_classifier():
    X, y = data.spirals(n=300, classes=3)
    assert set(np.unique(y).tolist()) == {0, 1, 2}
    assert linear_least_squares_accuracy(X, y) < 0.7


def test_moons_need_a_curved_boundary():
    X, y = data.moons(n=400, noise=0.1)
    accuracy = linear_least_squares_accuracy(X, y)
    assert 0.7 < accuracy < 0.95
    assert np.all(np.abs(X.mean(axis=0)) < 0.1)  # centred on the origin


def test_noise_zero_gives_exact_geometry():
    X, y = data.circles(n=100, noise=0.0, factor=0.3)
    radius = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.3)
    X, y = data.xor(n=40, noise=0.0)
    np.testing.assert_array_equal(np.abs(X), 1.0)


def test_spirals_class_count():
    X, y = data.spirals(n=100, classes=5)
    assert np.bincount(y).tolist() == [20, 20, 20, 20, 20]
    assert np.all(np.hypot(X[:, 0], X[:, 1]) <= 1.0 + 1e-12)  # noise is on the angle only


@pytest.mark.parametrize("kind", ["sine", "abs", "step", "bump"])
def test_curve_1d_shapes_and_values(kind):
    x, y = data.curve_1d(n=50, kind=kind)
    assert x.shape == (50, 1)
    assert y.shape == (50, 1)
    assert x.dtype == y.dtype == np.float64
    assert np.all(np.diff(x[:, 0]) >= 0)  # sorted, so plot(x, y) draws a line
    expected = {
        "sine": np.sin(x),
        "abs": np.abs(x),
        "step": (x > 0).astype(float),
        "bump": np.exp(-(x**2)),
    }[kind]
    np.testing.assert_allclose(y, expected)


def test_curve_1d_noise_and_seed():
    x1, y1 = data.curve_1d(noise=0.1, seed=1)
    x2, y2 = data.curve_1d(noise=0.1, seed=1)
    np.testing.assert_array_equal(x1, x2)
    np.testing.assert_array_equal(y1, y2)
    _, y3 = data.curve_1d(noise=0.1, seed=2)
    assert not np.array_equal(y1, y3)
    residual = y1 - np.sin(x1)
    assert 0.07 < residual.std() < 0.13


def test_curve_1d_is_not_a_straight_line():
    x, y = data.curve_1d(n=200, kind="abs")
    design = np.column_stack([x, np.ones_like(x)])
    weights, *_ = np.linalg.lstsq(design, y, rcond=None)
    explained = 1 - np.var(y - design @ weights) / np.var(y)
    assert explained < 0.1


def test_bad_arguments_name_the_argument():
    with pytest.raises(ValueError, match="n must be at least 1"):
        data.xor(n=0)
    with pytest.raises(TypeError, match="n must be an int"):
        data.moons(n=2.5)
    with pytest.raises(ValueError, match="noise must be finite and >= 0"):
        data.circles(noise=-0.1)
    with pytest.raises(ValueError, match="noise"):
        data.xor(noise=np.nan)
    with pytest.raises(ValueError, match="classes must be at least 2"):
        data.spirals(classes=1)
    with pytest.raises(ValueError, match="n must be at least classes"):
        data.spirals(n=2, classes=3)
    with pytest.raises(ValueError, match="factor"):
        data.circles(factor=1.5)
    with pytest.raises(ValueError, match="kind must be one of"):
        data.curve_1d(kind="square")
    with pytest.raises(TypeError, match="seed must be an int"):
        data.xor(seed="a")
    with pytest.raises(TypeError, match="sizes"):
        data.teacher(sizes=(2,))
    with pytest.raises(ValueError, match=r"sizes\[1\] must be at least 1"):
        data.teacher(sizes=(2, 0, 1))


def test_teacher_shapes_determinism_and_noise():
    X, y = data.teacher(n=64, sizes=(3, 8, 2), activation="tanh", seed=5)
    assert X.shape == (64, 3)
    assert y.shape == (64, 2)
    assert X.dtype == y.dtype == np.float64
    X2, y2 = data.teacher(n=64, sizes=(3, 8, 2), activation="tanh", seed=5)
    np.testing.assert_array_equal(X, X2)
    np.testing.assert_array_equal(y, y2)
    _, y3 = data.teacher(n=64, sizes=(3, 8, 2), activation="tanh", seed=6)
    assert not np.array_equal(y, y3)
    _, noisy = data.teacher(n=64, sizes=(3, 8, 2), activation="tanh", seed=5, noise=0.5)
    assert 0.3 < np.std(noisy - y) < 0.7


def test_teacher_is_nonlinear_except_with_identity():
    def linear_fit_r2(X, y):
        design = np.column_stack([X, np.ones(len(X))])
        weights, *_ = np.linalg.lstsq(design, y, rcond=None)
        return 1 - np.var(y - design @ weights) / np.var(y)

    X, y = data.teacher(n=500, sizes=(2, 32, 32, 1), activation="relu", seed=0)
    assert linear_fit_r2(X, y) < 0.95
    X, y = data.teacher(n=500, sizes=(2, 32, 32, 1), activation="identity", seed=0)
    assert linear_fit_r2(X, y) == pytest.approx(1.0, abs=1e-12)  # linear layers collapse


def test_teacher_uses_the_named_activation():
    _, with_relu = data.teacher(n=50, activation="relu", seed=0)
    _, with_tanh = data.teacher(n=50, activation="tanh", seed=0)
    assert not np.allclose(with_relu, with_tanh)


def test_teacher_unknown_activation():
    with pytest.raises(ValueError, match="activation must be one of"):
        data.teacher(activation="swishy")
