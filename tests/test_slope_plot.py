"""Tests for helpers.slope_plot (chapter 04's chain-rule figures), under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_rgb

from helpers.slope_plot import IMAGE_COLOUR, plot_slopes, plot_stretch


def test_stretch_shades_the_band_and_its_images_with_the_right_tangents():
    x0, delta = 0.8, 0.12
    figure = plot_stretch(np.square, np.sin, x0, delta, 2 * x0, np.cos(x0**2), ("x²", "sin u"))
    ax_g, ax_f, ax_fg = figure.axes
    assert "1.60" in ax_g.get_title() and "0.80" in ax_f.get_title()
    assert "1.60 × 0.80 = 1.28" in ax_fg.get_title()
    assert ax_g.get_ylabel() == "u = x²" and ax_f.get_ylabel() == "y = sin u"
    # The image of the band under g, shaded on the value axis: [0.68², 0.92²].
    image = ax_g.patches[-1]
    assert image.get_y() == pytest.approx(0.68**2)
    assert image.get_y() + image.get_height() == pytest.approx(0.92**2)
    assert image.get_facecolor()[:3] == pytest.approx(to_rgb(IMAGE_COLOUR))
    # The tangent's slope on each panel.
    for ax, slope in [(ax_g, 1.6), (ax_f, np.cos(0.64)), (ax_fg, 1.6 * np.cos(0.64))]:
        xs, ys = ax.lines[1].get_data()
        assert (ys[1] - ys[0]) / (xs[1] - xs[0]) == pytest.approx(slope)
    with pytest.raises(ValueError, match="delta must be positive"):
        plot_stretch(np.square, np.sin, x0, 0.0, 1.6, 0.8)


def test_slopes_draw_each_curve_and_the_measured_points():
    x = np.linspace(-1, 1, 33)
    curves = {"rule": (2 * x, "#CC79A7", "-"), "wrong": (x, "0.45", "--")}
    ax = plot_slopes(x, curves, 2 * x, every=8, title="check").axes[0]
    rule, wrong, points = ax.lines[:3]
    assert np.allclose(rule.get_ydata(), 2 * x) and wrong.get_linestyle() == "--"
    assert np.allclose(points.get_xdata(), x[::8]) and points.get_marker() == "o"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "rule",
        "wrong",
        "centred difference",
    ]
    assert ax.get_title() == "check"
    with pytest.raises(ValueError, match="shape of x"):
        plot_slopes(x, curves, x[:5])
