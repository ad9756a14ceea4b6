"""Tests for helpers.logistic_plot (chapter 06's steepness-and-shift figure), under Agg."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.activations import sigmoid
from helpers.logistic_plot import X_RANGE, plot_logistic


def test_curve_slope_and_midpoint():
    figure = plot_logistic(2.0, 3.0)
    (ax,) = figure.axes
    curve, slope, midpoint = ax.lines[:3]
    x = curve.get_xdata()
    np.testing.assert_allclose(curve.get_ydata(), sigmoid(2.0 * x + 3.0))
    assert np.max(slope.get_ydata()) == pytest.approx(0.5, rel=1e-3)  # w/4 at the midpoint
    assert slope.get_linestyle() == "--"
    np.testing.assert_allclose(midpoint.get_xydata(), [[-1.5, 0.5]])
    assert ax.get_xlim() == X_RANGE
    assert ax.get_title() == "w = 2, b = 3: midpoint x = -1.50, max slope 0.50"


def test_the_axis_grows_with_a_steep_slope_and_an_out_of_range_midpoint_is_not_marked():
    figure = plot_logistic(0.5, 5.0)  # midpoint at x = −10, outside [−6, 6]
    (ax,) = figure.axes
    assert len(ax.lines) == 2
    assert "midpoint x = -10.00" in ax.get_title()
    steep = plot_logistic(5.0, 0.0).axes[0]
    assert steep.get_ylim()[1] == pytest.approx(1.35)
    assert "midpoint x = 0.00" in steep.get_title()  # not −0.00


def test_draws_into_a_given_axes_and_rejects_a_bad_steepness():
    figure, ax = plt.subplots()
    assert plot_logistic(1.0, 0.0, ax=ax) is figure
    with pytest.raises(ValueError, match="w must be positive"):
        plot_logistic(0.0, 1.0)
