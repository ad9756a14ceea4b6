"""Tests for helpers.self_normalising_plot (chapter 14's SELU map and deep-network variances)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS
from helpers.self_normalising_plot import plot_self_normalisation

Q = np.linspace(0.01, 3, 50)
MAPS = {
    "SELU, LeCun": ("selu", 0.8 * Q + 0.2),
    "ReLU, LeCun": ("relu", Q / 2),
    "ReLU, He": ("relu", Q),
}
VARIANCES = {
    "SELU": ("selu", np.ones(8)),
    "ReLU, LeCun": ("relu", 0.5 ** np.arange(1, 9) * 1e-8),
    "ReLU, He": ("relu", np.full(8, 0.7)),
}


def test_two_panels_with_the_diagonal_the_curves_and_the_fixed_point():
    figure = plot_self_normalisation(Q, MAPS, VARIANCES)
    ax_map, _ = figure.axes
    labels = [line.get_label() for line in ax_map.get_lines()]
    assert labels[:4] == ["diagonal", "SELU, LeCun", "ReLU, LeCun", "ReLU, He"]
    diagonal = ax_map.get_lines()[0]
    assert np.allclose(diagonal.get_xdata(), diagonal.get_ydata())
    assert "non-zero fixed point that attracts" in ax_map.get_title()  # ReLU-LeCun: q = 0 attracts
    fixed = ax_map.get_lines()[-1]
    assert (fixed.get_xdata()[0], fixed.get_ydata()[0], fixed.get_marker()) == (1.0, 1.0, "o")


def test_same_network_same_style_in_both_panels():
    figure = plot_self_normalisation(Q, MAPS, VARIANCES)
    ax_map, ax_var = figure.axes
    styles = {
        ax: {
            line.get_label(): (to_hex(line.get_color()), line.get_linestyle())
            for line in ax.get_lines()
        }
        for ax in (ax_map, ax_var)
    }
    assert (
        styles[ax_map]["ReLU, He"]
        == styles[ax_var]["ReLU, He"]
        == (to_hex(ACTIVATIONS["relu"].colour), "--")
    )
    assert styles[ax_map]["ReLU, LeCun"][1] == "-"
    assert styles[ax_var]["SELU"][0] == to_hex(ACTIVATIONS["selu"].colour)


def test_variance_panel_is_logarithmic_and_floors_a_vanished_signal():
    figure = plot_self_normalisation(Q, MAPS, VARIANCES, floor=1e-10)
    ax_var = figure.axes[1]
    assert ax_var.get_yscale() == "log"
    assert ax_var.get_ylim() == pytest.approx((1e-10, 10))
    lecun = next(line for line in ax_var.get_lines() if line.get_label() == "ReLU, LeCun")
    assert np.min(lecun.get_ydata()) == 1e-10
    assert list(lecun.get_xdata()) == list(range(1, 9))


def test_empty_input_is_refused():
    with pytest.raises(ValueError, match="at least one curve"):
        plot_self_normalisation(Q, {}, VARIANCES)
