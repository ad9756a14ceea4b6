"""Tests for helpers.swish_plot (chapter 14's Swish explorer and panels), under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS, relu, silu
from helpers.gradcheck import numerical_derivative
from helpers.swish_plot import (
    SWISH,
    X_PLOT,
    plot_swish_panels,
    swish,
    swish_derivative,
    swish_figure,
    update_swish,
)


def test_swish_is_silu_at_beta_1_and_rescaled_silu_elsewhere():
    x = np.linspace(-6, 6, 121)
    assert np.allclose(swish(x), silu(x), rtol=1e-14, atol=1e-300)
    for beta in (0.1, 3.0, 20.0):
        assert np.allclose(swish(x, beta), silu(beta * x) / beta, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("beta", [0.1, 1.0, 5.0])
def test_swish_derivative_matches_centred_differences(beta):
    x = np.linspace(-5, 5, 41)
    numerical = numerical_derivative(lambda v: swish(v, beta), x)
    assert np.max(np.abs(swish_derivative(x, beta) - numerical)) < 1e-8


def test_swish_activation_carries_beta_and_silu_colour():
    assert SWISH.params == {"beta": 1.0}
    assert SWISH.colour == ACTIVATIONS["silu"].colour
    assert np.allclose(SWISH(X_PLOT, beta=2.0), swish(X_PLOT, 2.0))


def test_panels_show_each_beta_with_both_limits():
    figure = plot_swish_panels((0.1, 1.0, 20.0))
    assert [ax.get_title() for ax in figure.axes] == ["β = 0.1", "β = 1", "β = 20"]
    ax = figure.axes[2]
    assert ax.get_legend() is None
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert np.allclose(lines["x/2 (β → 0)"].get_ydata(), X_PLOT / 2)
    assert np.allclose(lines["ReLU (β → ∞)"].get_ydata(), relu(X_PLOT))
    assert np.allclose(lines["f"].get_ydata(), swish(X_PLOT, 20.0))  # near ReLU at β = 20
    assert to_hex(lines["f"].get_color()) == to_hex(ACTIVATIONS["silu"].colour)
    assert ax.get_ylim() == (-2.6, 5.0)


def test_update_redraws_one_axes_for_a_new_beta():
    figure = swish_figure()
    update_swish(figure, 2.0)
    update_swish(figure, 0.5)
    (ax,) = figure.axes
    curves = [line for line in ax.get_lines() if line.get_label() == "f"]
    assert len(curves) == 1  # the old curve was cleared
    assert np.allclose(curves[0].get_ydata(), swish(X_PLOT, 0.5))
    assert "β = 0.5" in ax.get_title()
    assert ax.get_legend() is not None
