"""Tests for helpers.vanishing_plot (chapter 04's vanishing-gradient figures), under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.activations import sigmoid_derivative
from helpers.vanishing_plot import (
    BOUND_LABEL,
    chain_figure,
    draw_gradient_reaching,
    plot_slope_products,
    update_chain_figure,
)


def test_slope_products_draw_medians_bands_and_the_ceiling():
    z = np.linspace(-6, 6, 101)
    chains = np.random.default_rng(0).normal(size=(200, 10))
    products = np.cumprod(sigmoid_derivative(chains), axis=1)
    figure = plot_slope_products(z, {"σ'": (sigmoid_derivative(z), products, "#0072B2")})
    ax_one, ax_many = figure.axes
    assert np.allclose(ax_one.lines[0].get_ydata(), sigmoid_derivative(z))
    assert ax_one.lines[1].get_ydata()[0] == 0.25  # the dotted ceiling of one link
    median, ceiling = ax_many.lines
    assert np.allclose(median.get_ydata(), np.median(products, axis=0))
    assert np.allclose(ceiling.get_ydata(), 0.25 ** np.arange(1, 11))
    assert ax_many.get_yscale() == "log"
    assert len(ax_many.collections) == 1  # the 10–90 % band
    assert "ceiling" in ax_many.get_legend().get_texts()[-1].get_text()
    with pytest.raises(ValueError, match="at least one"):
        plot_slope_products(z, {})


def test_gradient_reaching_draws_the_chain_and_its_bound_on_a_log_axis():
    _, ax = plt.subplots()
    reaching = np.array([1e-6, -1e-4, 1e-2, 1.0])  # a sign is dropped: |∂a_d/∂a_k|
    bound = 0.5 ** np.arange(3, -1, -1)
    draw_gradient_reaching(ax, reaching, bound)
    chain, drawn_bound = ax.lines
    assert np.allclose(chain.get_ydata(), np.abs(reaching))
    assert np.allclose(drawn_bound.get_ydata(), bound)
    assert drawn_bound.get_label() == BOUND_LABEL == "(|w|/4)^(d−k): the bound"
    assert ax.get_yscale() == "log" and ax.get_ylim() == pytest.approx((1e-40, 10.0))
    assert ax.get_legend() is not None
    _, quiet = plt.subplots()
    draw_gradient_reaching(quiet, reaching, bound, legend=False)
    assert quiet.get_legend() is None
    with pytest.raises(ValueError, match="one length"):
        draw_gradient_reaching(ax, reaching, bound[:2])


def test_the_explorer_figure_is_built_once_and_reshaped():
    figure = chain_figure(max_depth=10)
    ax_slopes, ax_reach = figure.axes
    assert len(ax_slopes.patches) == 10
    slopes = np.array([0.2, 0.25, 0.9])
    reaching = np.append(np.cumprod(slopes[::-1])[::-1], 1.0)
    update_chain_figure(figure, slopes, reaching, 0.5 ** np.arange(3, -1, -1), "w = 2")
    heights = [bar.get_height() for bar in ax_slopes.patches]
    assert heights[:3] == pytest.approx(slopes) and heights[3:] == [0.0] * 7
    assert [bar.get_visible() for bar in ax_slopes.patches] == [True] * 3 + [False] * 7
    assert ax_slopes.get_title() == "w = 2"
    chain, bound = ax_reach.lines
    assert np.allclose(chain.get_ydata(), reaching) and bound.get_label() == BOUND_LABEL
    assert ax_reach.get_xlim()[1] == pytest.approx(3.15)
    assert f"{reaching[0]:.1e}" in ax_reach.get_title()
    with pytest.raises(ValueError, match="one more value"):
        update_chain_figure(figure, slopes, reaching[:3], reaching[:3], "bad")
    with pytest.raises(ValueError, match="1 to 10"):
        update_chain_figure(figure, np.ones(11), np.ones(12), np.ones(12), "too deep")
