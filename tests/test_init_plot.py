"""Tests for helpers.init_plot (chapter 08's He-against-Glorot figures), inspecting the returned
figures under Agg: measured and predicted lines, log scale, histograms and the spike label."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.init_plot import plot_spread_by_layer, plot_z_histograms

COLOURS = {"He": "#009e73", "Glorot": "#e69f00"}


def test_spread_by_layer_draws_measured_and_predicted_lines():
    spreads = {"He": [1.4, 1.5, 1.3, 1.4], "Glorot": [1.0, 0.7, 0.5, 0.36]}
    figure = plot_spread_by_layer(spreads, {"He": 1.0, "Glorot": 0.5}, COLOURS)
    ax = figure.axes[0]
    assert ax.get_yscale() == "log"
    labels = [line.get_label() for line in ax.lines]
    assert labels == [
        "He, measured",
        "He, theory: variance × 1 per layer",
        "Glorot, measured",
        "Glorot, theory: variance × 0.5 per layer",
    ]
    # the prediction: std of layer 1 times √r per layer
    np.testing.assert_allclose(ax.lines[3].get_ydata(), 1.0 * 0.5 ** (np.arange(4) / 2))
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [1.4] * 4)
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), [1, 2, 3, 4])
    assert ax.lines[3].get_linestyle() == "--"
    assert to_hex(ax.lines[2].get_color()) == COLOURS["Glorot"]


def test_spread_by_layer_needs_a_colour_per_initialisation():
    with pytest.raises(ValueError, match="colour"):
        plot_spread_by_layer({"LeCun": [1.0, 0.7]}, {"LeCun": 0.5}, COLOURS)


def test_histograms_one_panel_per_layer_and_a_labelled_spike():
    rng = np.random.default_rng(0)
    wide = [rng.normal(size=(50, 20)) for _ in range(3)]
    narrow = [rng.normal(size=(50, 20)) * 10.0**-k for k in range(3)]  # a spike by layer 3
    figure = plot_z_histograms({"He": wide, "Glorot": narrow}, COLOURS, layers=(1, 3))
    axes = [ax for ax in figure.axes if ax.get_visible()]
    assert [ax.get_title() for ax in axes] == ["layer 1", "layer 3"]
    assert axes[0].get_ylim() == (0, 1.0)
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == ["He", "Glorot"]
    spike = [t.get_text() for t in axes[1].texts]
    assert spike == ["Glorot: spike,\nstd 1e-02"]
    assert not axes[0].texts  # no spike in layer 1
