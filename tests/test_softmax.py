"""helpers.softmax: accuracy against mpmath and scipy, infinities, axes, bad input, the Jacobian."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
import scipy.special
from mpmath import mp

from helpers.gradcheck import check_gradient
from helpers.softmax import log_softmax, softmax, softmax_jacobian

EPS = np.finfo(np.float64).eps
HUGE = np.finfo(np.float64).max
FLOAT_ERRORS_RAISE = {"over": "raise", "invalid": "raise", "divide": "raise"}


def scores(rows: int, classes: int, scale: float, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).standard_normal((rows, classes)) * scale


def exact(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """softmax and log_softmax of each row at 200 bits, rounded to float64."""
    probabilities, logs = np.empty_like(z), np.empty_like(z)
    with mp.workprec(200):
        for i, row in enumerate(z):
            entries = [mp.mpf(float(v)) for v in row]
            log_total = mp.log(mp.fsum(mp.exp(v) for v in entries))
            for j, v in enumerate(entries):
                probabilities[i, j] = float(mp.exp(v - log_total))
                logs[i, j] = float(v - log_total)
    return probabilities, logs


def ulps(got: np.ndarray, ref: np.ndarray) -> np.ndarray:
    return np.abs(got - ref) / np.spacing(np.abs(ref))


@pytest.mark.parametrize("scale", [1.0, 5.0, 30.0, 300.0])
def test_softmax_matches_mpmath(scale):
    z = scores(200, 10, scale)
    ref, _ = exact(z)
    # The shift zᵢ − m is rounded, and exp turns its absolute error into a relative one: that is
    # exp's condition number |zᵢ − m|, so the error may grow with the distance from the maximum.
    spread = z.max(axis=-1, keepdims=True) - z
    assert np.all(ulps(softmax(z), ref) <= 4.0 * (1.0 + spread))


@pytest.mark.parametrize("scale", [1.0, 5.0, 30.0, 300.0])
def test_log_softmax_matches_mpmath(scale):
    z = scores(200, 10, scale, seed=1)
    _, ref = exact(z)
    got = log_softmax(z)
    large = np.abs(ref) >= 1.0
    assert np.all(ulps(got[large], ref[large]) <= 4.0)
    # Near 0 (the most likely class), −log Σ is the log of a sum ≥ 1 rounded to float64, so its
    # error is absolute: a few ε.
    assert np.all(np.abs(got[~large] - ref[~large]) <= 4.0 * EPS)


@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_agrees_with_scipy(axis):
    z = scores(300, 12, 5.0, seed=2)
    np.testing.assert_allclose(softmax(z, axis), scipy.special.softmax(z, axis), rtol=1e-13)
    np.testing.assert_allclose(
        log_softmax(z, axis), scipy.special.log_softmax(z, axis), rtol=1e-14, atol=1e-14
    )


def test_probabilities_are_positive_and_sum_to_one():
    p = softmax(scores(500, 20, 10.0, seed=3))
    assert np.all(p >= 0) and np.all(p <= 1)
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=20 * EPS)


def test_log_softmax_is_the_log_of_softmax():
    z = scores(100, 8, 3.0, seed=4)
    np.testing.assert_allclose(log_softmax(z), np.log(softmax(z)), rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(np.exp(log_softmax(z)), softmax(z), rtol=1e-14)


def test_adding_a_constant_changes_nothing():
    z = scores(50, 6, 2.0, seed=5)
    for shift in (-1e4, -3.0, 1000.0, 1e5):
        np.testing.assert_allclose(softmax(z + shift), softmax(z), rtol=1e-10)


def test_large_scores_do_not_overflow():
    with np.errstate(**FLOAT_ERRORS_RAISE):
        assert np.array_equal(softmax([1000.0, 1000.0]), [0.5, 0.5])
        assert np.array_equal(softmax([1e308, -1e308]), [1.0, 0.0])
        assert np.array_equal(log_softmax([1e308, -1e308]), [0.0, -np.inf])  # −2e308: too big
        assert np.array_equal(softmax([HUGE, HUGE, 0.0]), [0.5, 0.5, 0.0])


def test_log_softmax_is_exact_where_softmax_underflows():
    with np.errstate(**FLOAT_ERRORS_RAISE):
        assert np.array_equal(softmax([0.0, -1000.0]), [1.0, 0.0])
        assert np.array_equal(log_softmax([0.0, -1000.0]), [0.0, -1000.0])


def test_naive_softmax_fails_where_ours_does_not():
    def naive(z):
        e = np.exp(np.asarray(z, dtype=float))
        return e / e.sum()

    with pytest.warns(RuntimeWarning), np.errstate(over="warn", invalid="warn"):
        assert np.isnan(naive([1000.0, 0.0])).any()
    assert np.array_equal(softmax([1000.0, 0.0]), [1.0, 0.0])
    with np.errstate(divide="ignore"):
        assert np.log(softmax([0.0, -1000.0]))[1] == -np.inf  # log of softmax loses the tail


# ------------------------------------------------------------------------------------------------
# Infinite and NaN scores: the rules in the module docstring.

INF = np.inf


@pytest.mark.parametrize(
    ("z", "probabilities", "logs"),
    [
        ([-INF, 0.0, 0.0], [0.0, 0.5, 0.5], [-INF, -math.log(2), -math.log(2)]),
        ([INF, 1.0, -INF], [1.0, 0.0, 0.0], [0.0, -INF, -INF]),
        ([INF, INF, 0.0, 3.0], [0.5, 0.5, 0.0, 0.0], [-math.log(2), -math.log(2), -INF, -INF]),
        ([-INF, -INF, -INF], [1 / 3] * 3, [-math.log(3)] * 3),
        ([INF], [1.0], [0.0]),
    ],
)
def test_infinite_scores(z, probabilities, logs):
    with np.errstate(**FLOAT_ERRORS_RAISE):
        np.testing.assert_allclose(softmax(z), probabilities, rtol=1e-15)
        np.testing.assert_allclose(log_softmax(z), logs, rtol=1e-15)


def test_nan_spoils_its_own_row_only():
    z = np.array([[0.0, np.nan, 1.0], [0.0, 1.0, 2.0], [np.nan, INF, -INF]])
    with np.errstate(**FLOAT_ERRORS_RAISE):
        for result in (softmax(z), log_softmax(z)):
            assert np.isnan(result[[0, 2]]).all()
            assert not np.isnan(result[1]).any()
    np.testing.assert_allclose(softmax(z)[1], softmax([0.0, 1.0, 2.0]), rtol=1e-15)


def test_huge_arrays_of_extremes_raise_no_floating_point_errors():
    extremes = [-INF, -HUGE, -1e308, -745.0, -1.0, -0.0, 0.0, 5e-324, 709.0, 1e308, HUGE, INF]
    rng = np.random.default_rng(6)
    z = rng.choice(np.array(extremes), size=(20000, 8))
    z[::97, 3] = np.nan
    with np.errstate(**FLOAT_ERRORS_RAISE):
        p, logs, jacobian = softmax(z), log_softmax(z), softmax_jacobian(z[:500])
    nan_rows = np.isnan(z).any(axis=-1)
    assert np.array_equal(np.isnan(p).any(axis=-1), nan_rows)
    assert np.array_equal(np.isnan(logs).any(axis=-1), nan_rows)
    np.testing.assert_allclose(p[~nan_rows].sum(axis=-1), 1.0, atol=1e-15)
    assert jacobian.shape == (500, 8, 8)


# ------------------------------------------------------------------------------------------------
# Axes, shapes and bad input.


def test_axis_selects_the_vectors():
    z = np.random.default_rng(7).standard_normal((3, 4, 5))
    for axis in range(-3, 3):
        moved = np.moveaxis(z, axis, -1)
        expected = np.moveaxis(softmax(moved), -1, axis)
        np.testing.assert_array_equal(softmax(z, axis=axis), expected)
        np.testing.assert_array_equal(
            log_softmax(z, axis=axis), np.moveaxis(log_softmax(moved), -1, axis)
        )
    assert np.array_equal(softmax(z, axis=np.int64(1)), softmax(z, axis=1))


def test_lists_and_ints_work():
    result = softmax([1, 2, 3])
    assert result.dtype == np.float64 and result.shape == (3,)
    np.testing.assert_allclose(result, scipy.special.softmax([1.0, 2.0, 3.0]), rtol=1e-15)
    assert np.array_equal(softmax([5]), [1.0]) and np.array_equal(log_softmax([[7]]), [[0.0]])


def test_the_input_is_not_modified():
    z = scores(10, 4, 3.0, seed=8)
    before = z.copy()
    for result in (softmax(z), log_softmax(z), softmax_jacobian(z)):
        assert not np.shares_memory(result, z)
    np.testing.assert_array_equal(z, before)


@pytest.mark.parametrize("function", [softmax, log_softmax])
@pytest.mark.parametrize(
    ("z", "axis", "error", "message"),
    [
        (3.0, -1, ValueError, "z must have at least one dimension"),
        ("abc", -1, TypeError, "z must be numeric, got str"),
        (None, -1, TypeError, "z must be numeric, got NoneType"),
        ([[1.0, 2.0], [3.0]], -1, ValueError, "z must be rectangular"),
        (np.array([1, "a"], dtype=object), -1, TypeError, "z must hold real numbers"),
        ([1 + 1j, 2.0], -1, TypeError, "z must hold real numbers"),
        (np.zeros((3, 0)), -1, ValueError, "z must have at least one score along axis -1"),
        (np.zeros((2, 3)), 2, ValueError, "axis must be in [-2, 2)"),
        (np.zeros((2, 3)), -3, ValueError, "axis must be in [-2, 2)"),
        (np.zeros((2, 3)), 1.0, TypeError, "axis must be an int, got float"),
        (np.zeros((2, 3)), True, TypeError, "axis must be an int, got bool"),
        (np.zeros((2, 3)), None, TypeError, "axis must be an int, got NoneType"),
    ],
)
def test_bad_input_raises_errors_naming_the_argument(function, z, axis, error, message):
    with pytest.raises(error, match=re.escape(message)):
        function(z, axis=axis)


# ------------------------------------------------------------------------------------------------
# The Jacobian.


def test_jacobian_is_diag_s_minus_s_s_transpose():
    z = np.array([1.0, 2.0, 0.5, -1.0])
    s = softmax(z)
    np.testing.assert_allclose(softmax_jacobian(z), np.diag(s) - np.outer(s, s), rtol=1e-15)


def test_jacobian_matches_centred_differences():
    z = np.array([0.3, -1.2, 2.0, 0.7, -0.4])
    jacobian = softmax_jacobian(z)
    for i in range(z.size):  # row i of the Jacobian is the gradient of sᵢ
        result = check_gradient(lambda v, i=i: softmax(v)[i], z, jacobian[i])
        assert result.passed, f"row {i}: {result}"


def test_jacobian_shapes_and_structure():
    z = np.random.default_rng(9).standard_normal((2, 3, 6)) * 3
    jacobian = softmax_jacobian(z)
    assert jacobian.shape == (2, 3, 6, 6)
    np.testing.assert_allclose(jacobian, np.swapaxes(jacobian, -1, -2), rtol=0, atol=0)
    np.testing.assert_allclose(jacobian.sum(axis=-1), 0.0, atol=6 * EPS)  # shifts change nothing
    for index in np.ndindex(2, 3):
        np.testing.assert_allclose(jacobian[index], softmax_jacobian(z[index]), rtol=1e-15)


def test_vector_jacobian_product_needs_no_matrix():
    z, g = np.array([0.1, 1.5, -0.3]), np.array([0.2, -1.0, 0.5])
    s = softmax(z)
    np.testing.assert_allclose(g @ softmax_jacobian(z), s * (g - g @ s), rtol=1e-14)


def test_jacobian_bad_input():
    with pytest.raises(ValueError, match="z must have at least one dimension"):
        softmax_jacobian(1.0)
    with pytest.raises(TypeError, match="z must be numeric"):
        softmax_jacobian("scores")
