"""Tests for helpers.gradcheck: finite differences, relative error and the gradient check."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.gradcheck import (
    GradientCheck,
    check_gradient,
    numerical_derivative,
    numerical_gradient,
    relative_error,
)

RNG = np.random.default_rng(0)


def cube_sum(x):
    return np.sum(x**3)


def test_numerical_gradient_of_cube_sum_matches_3x2():
    x = RNG.normal(size=(3, 4))
    assert relative_error(numerical_gradient(cube_sum, x), 3 * x**2) < 1e-9


def test_numerical_gradient_handles_any_shape_and_keeps_shape():
    for shape in [(), (5,), (2, 3), (2, 1, 3)]:
        x = RNG.normal(size=shape)
        gradient = numerical_gradient(lambda v: np.sum(np.sin(v)), x)
        assert gradient.shape == np.shape(x)
        assert gradient.dtype == np.float64
        assert relative_error(gradient, np.cos(x)) < 1e-9


def test_numerical_gradient_never_modifies_the_callers_array():
    x = RNG.normal(size=(4, 3))
    before = x.copy()
    numerical_gradient(cube_sum, x)
    np.testing.assert_array_equal(x, before)


def test_numerical_gradient_restores_each_coordinate_before_moving_the_next():
    # If a coordinate were left perturbed, f would see it at later evaluations and the
    # cross term x0 * x1 would give a wrong gradient.
    x = np.array([1.0, 2.0, 3.0])
    seen = []

    def f(v):
        seen.append(v.copy())
        return v[0] * v[1] + v[2] ** 2

    gradient = numerical_gradient(f, x)
    np.testing.assert_allclose(gradient, [2.0, 1.0, 6.0], rtol=1e-9)
    moved = [np.count_nonzero(v != x) for v in seen]
    assert moved == [1] * 6


def test_numerical_gradient_works_in_float64_for_int_input():
    gradient = numerical_gradient(lambda v: np.sum(v * v), [1, 2, 3])
    assert gradient.dtype == np.float64
    np.testing.assert_allclose(gradient, [2.0, 4.0, 6.0], rtol=1e-9)


def test_numerical_gradient_rejects_non_scalar_f():
    with pytest.raises(ValueError, match="scalar"):
        numerical_gradient(lambda v: v * 2, np.ones(3))


def test_numerical_derivative_is_elementwise_and_centred():
    x = np.linspace(-3, 3, 13)
    derivative = numerical_derivative(np.tanh, x)
    assert derivative.shape == x.shape
    assert relative_error(derivative, 1 - np.tanh(x) ** 2) < 1e-9
    # Centred, not one-sided: for x**2 the centred difference is exact up to rounding.
    assert relative_error(numerical_derivative(np.square, x), 2 * x) < 1e-9


def test_numerical_derivative_accepts_scalars_and_lists():
    assert float(numerical_derivative(np.exp, 0.0)) == pytest.approx(1.0, rel=1e-9)
    np.testing.assert_allclose(numerical_derivative(np.sin, [0, np.pi]), [1, -1], rtol=1e-9)


def test_numerical_derivative_rejects_non_elementwise_f():
    with pytest.raises(ValueError, match="elementwise"):
        numerical_derivative(np.sum, np.ones(3))


def test_numerical_derivative_at_infinity_gives_nan_without_warning():
    derivative = numerical_derivative(lambda v: np.maximum(v, 0.0), [np.inf, 1.0])
    assert np.isnan(derivative[0])
    assert derivative[1] == pytest.approx(1.0)


@pytest.mark.parametrize("function", [numerical_derivative, numerical_gradient])
def test_bad_arguments_name_the_argument(function):
    with pytest.raises(TypeError, match="f must be callable"):
        function(3, np.ones(2))
    with pytest.raises(TypeError, match="x must be numeric"):
        function(np.sum, "abc")
    with pytest.raises(TypeError, match="x must hold real numbers"):
        function(np.sum, [1, "a"])
    with pytest.raises(ValueError, match="h must be positive"):
        function(np.sum, np.ones(2), h=0.0)
    with pytest.raises(ValueError, match="h must be positive"):
        function(np.sum, np.ones(2), h=-1e-5)
    with pytest.raises(ValueError, match="h must be positive and finite"):
        function(np.sum, np.ones(2), h=np.inf)
    with pytest.raises(TypeError, match="h must be a real number"):
        function(np.sum, np.ones(2), h="1e-5")


def test_relative_error_cs231n_form():
    a = np.array([1.0, 2.0])
    b = np.array([1.0, 2.5])
    assert relative_error(a, b) == pytest.approx(0.5 / 4.5)
    assert relative_error(a, a) == 0.0
    # The 1e-8 floor: two tiny gradients are compared absolutely.
    assert relative_error([0.0], [1e-12]) == pytest.approx(1e-4)


def test_relative_error_is_symmetric_and_scale_invariant():
    a, b = RNG.normal(size=5), RNG.normal(size=5)
    assert relative_error(a, b) == pytest.approx(relative_error(b, a))
    assert relative_error(1e6 * a, 1e6 * b) == pytest.approx(relative_error(a, b))


def test_relative_error_non_finite_values():
    assert relative_error([np.inf, 1.0], [np.inf, 1.0]) == 0.0
    assert relative_error([np.inf], [1.0]) == np.inf
    assert np.isnan(relative_error([np.nan, 1.0], [0.0, 1.0]))


def test_relative_error_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="same shape"):
        relative_error(np.ones(2), np.ones(3))


def test_check_gradient_passes_for_a_correct_gradient():
    x = RNG.normal(size=(2, 5))
    result = check_gradient(cube_sum, x, lambda v: 3 * v**2)
    assert isinstance(result, GradientCheck)
    assert result.passed
    assert result.max_error < 1e-9
    assert result.tol == 1e-7


def test_check_gradient_reports_a_wrong_gradient_at_the_right_index():
    x = np.array([[0.5, -1.0, 2.0], [1.5, 0.3, -0.7]])
    wrong = 3 * x**2
    wrong[1, 2] += 0.5  # one wrong entry
    result = check_gradient(cube_sum, x, wrong)
    assert not result.passed
    assert result.worst_index == (1, 2)
    assert result.analytic_value == pytest.approx(wrong[1, 2])
    assert result.numerical_value == pytest.approx(3 * 0.49, rel=1e-8)
    assert result.max_error > 1e-2
    assert "FAILED" in str(result)
    assert "(1, 2)" in str(result)


def test_check_gradient_elementwise_for_activation_like_functions():
    x = np.linspace(-4, 4, 9)
    good = check_gradient(np.tanh, x, lambda v: 1 - np.tanh(v) ** 2)
    assert good.passed
    # The classic slip: 1 − tanh instead of 1 − tanh².
    bad = check_gradient(np.tanh, x, lambda v: 1 - np.tanh(v))
    assert not bad.passed
    assert bad.worst_index == (0,)  # at x = −4: 1 − tanh(−4) ≈ 2, the true slope ≈ 0.0013


def test_check_gradient_at_a_kink_fails_but_away_from_it_passes():
    def relu(v):
        return np.maximum(v, 0.0)

    def relu_derivative(v):
        return (v > 0).astype(float)

    assert not check_gradient(relu, [0.0], relu_derivative).passed  # centred difference: 0.5
    assert check_gradient(relu, [-1.0, 0.5, 2.0], relu_derivative).passed


def test_check_gradient_str_is_a_readable_one_liner():
    result = check_gradient(cube_sum, np.array([1.0, 2.0]), lambda v: 3 * v**2)
    text = str(result)
    assert text.startswith("max relative error ")
    assert "at index (" in text
    assert "analytic 12, numerical 12" in text
    assert text.endswith("OK (tol 1e-07)")
    assert "\n" not in text


def test_check_gradient_tolerance_decides():
    x = np.array([1.0, 2.0])
    slightly_off = 3 * x**2 * (1 + 1e-5)
    assert not check_gradient(cube_sum, x, slightly_off).passed
    assert check_gradient(cube_sum, x, slightly_off, tol=1e-4).passed


def test_check_gradient_nan_fails_and_points_at_it():
    x = np.array([1.0, 2.0, 3.0])
    analytic = 3 * x**2
    analytic[2] = np.nan
    result = check_gradient(cube_sum, x, analytic)
    assert not result.passed
    assert result.worst_index == (2,)


def test_check_gradient_does_not_modify_x():
    x = RNG.normal(size=4)
    before = x.copy()
    check_gradient(cube_sum, x, lambda v: 3 * v**2)
    np.testing.assert_array_equal(x, before)


def test_check_gradient_bad_arguments():
    x = np.ones(3)
    with pytest.raises(ValueError, match="analytic must have the shape"):
        check_gradient(cube_sum, x, np.ones(2))
    with pytest.raises(ValueError, match="f must return a scalar or an array shaped like x"):
        check_gradient(lambda v: v[:2], x, np.ones(3))
    with pytest.raises(TypeError, match="analytic must be numeric"):
        check_gradient(cube_sum, x, "wrong")
    with pytest.raises(ValueError, match="tol must be non-negative"):
        check_gradient(cube_sum, x, 3 * x**2, tol=-1.0)
    with pytest.raises(ValueError, match="x must not be empty"):
        check_gradient(cube_sum, np.ones(0), np.ones(0))
