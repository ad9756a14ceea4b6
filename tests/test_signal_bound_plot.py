"""Tests for helpers.signal_bound_plot (chapter 06's vanishing-gradient figures), inspecting the
returned figures under Agg: bars and lines carry the data given, on a log axis, with labels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS
from helpers.signal_bound_plot import plot_ratio_by_depth, plot_signal_by_layer

ERRORS = np.array([1e-6, 4e-6, 2e-5, 8e-5])
ESTIMATE = np.array([1.2e-6, 5e-6, 2e-5, 8e-5])
BOUND = np.array([3e-4, 1e-3, 5e-3, 2e-2])


def test_signal_by_layer_draws_bars_and_both_lines():
    figure = plot_signal_by_layer(ERRORS, ESTIMATE, BOUND, title="t")
    (ax,) = figure.axes
    heights = [bar.get_height() for bar in ax.patches]
    np.testing.assert_allclose(heights, ERRORS)
    assert {to_hex(bar.get_facecolor()) for bar in ax.patches} == {
        to_hex(ACTIVATIONS["sigmoid"].colour)
    }
    estimate, bound = ax.lines
    np.testing.assert_allclose(estimate.get_xdata(), [1, 2, 3, 4])
    np.testing.assert_allclose(estimate.get_ydata(), ESTIMATE)
    np.testing.assert_allclose(bound.get_ydata(), BOUND)
    assert ax.get_yscale() == "log"
    assert ax.get_title() == "t"
    assert "hidden layer" in ax.get_xlabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["estimate: ¼ per layer", "bound: ¼·‖W‖₂ per layer", "‖δ‖ measured"]


def test_signal_by_layer_draws_into_a_given_axes():
    figure, (left, right) = plt.subplots(1, 2)
    assert plot_signal_by_layer(ERRORS, ESTIMATE, BOUND, ax=right) is figure
    assert len(right.patches) == 4 and not left.patches


@pytest.mark.parametrize(
    ("errors", "estimate", "bound", "words"),
    [
        (ERRORS[:3], ESTIMATE, BOUND, "one entry per hidden layer"),
        (-ERRORS, ESTIMATE, BOUND, "errors must be"),
        (ERRORS, ESTIMATE, np.zeros(4), "bound must be"),
    ],
)
def test_signal_by_layer_rejects_bad_input(errors, estimate, bound, words):
    with pytest.raises(ValueError, match=words):
        plot_signal_by_layer(errors, estimate, bound)


def test_ratio_by_depth_draws_each_seed_the_mean_and_the_references():
    depths = np.array([1, 2, 3])
    ratios = np.array([[0.3, 0.07, 0.02], [0.4, 0.05, 0.01]])
    bounds = np.array([[0.35, 0.2, 0.1], [0.5, 0.1, 0.05]])
    figure = plot_ratio_by_depth(depths, ratios, bounds)
    (ax,) = figure.axes
    seeds, mean, estimate, bound = ax.lines  # every seed's dots are one line: one artist
    np.testing.assert_allclose(seeds.get_xdata(), [1, 2, 3, 1, 2, 3])
    np.testing.assert_allclose(seeds.get_ydata(), ratios.ravel())
    assert seeds.get_linestyle() == "None"
    np.testing.assert_allclose(mean.get_ydata(), np.sqrt(ratios[0] * ratios[1]))
    np.testing.assert_allclose(estimate.get_ydata(), 0.25**depths)
    np.testing.assert_allclose(bound.get_ydata(), [0.35, 0.1, 0.05])
    assert ax.get_yscale() == "log"
    assert ax.get_legend().get_texts()[0].get_text() == "one seed (2 seeds)"


def test_log_axes_label_decades_in_plain_numbers_without_minor_ticks():
    (ax,) = plot_signal_by_layer(ERRORS, ESTIMATE, BOUND).axes
    formatter = ax.yaxis.get_major_formatter()
    assert [formatter(v) for v in (1e-6, 1.0, 100.0, 3e-5)] == ["1e-6", "1", "1e2", "3e-05"]
    assert len(ax.yaxis.get_minorticklocs()) == 0


def test_ratio_by_depth_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="shape"):
        plot_ratio_by_depth([1, 2], np.ones((3, 2)), np.ones((3, 3)))
    with pytest.raises(ValueError, match="positive"):
        plot_ratio_by_depth([1, 2], np.zeros((3, 2)), np.ones((3, 2)))
