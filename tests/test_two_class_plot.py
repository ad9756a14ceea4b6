"""Tests for helpers.two_class_plot (chapter 11's "the sigmoid is a two-class softmax"),
inspecting the returned figure under Agg: the curve, the dots on it, and the plane's panel."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from helpers.activations import sigmoid
from helpers.two_class_plot import plot_two_class_softmax


def test_the_softmax_dots_lie_on_the_sigmoid_curve():
    fig = plot_two_class_softmax(z_max=4.0)
    ax_curve, ax_plane = fig.axes[0], fig.axes[1]
    curve, dots = ax_curve.lines
    assert curve.get_xdata()[[0, -1]] == pytest.approx([-4.0, 4.0])
    assert curve.get_ydata() == pytest.approx(sigmoid(curve.get_xdata()))
    assert dots.get_marker() == "o"
    assert dots.get_ydata() == pytest.approx(sigmoid(dots.get_xdata()), abs=1e-15)
    assert ax_curve.get_title() == "Softmax of (z, 0) is the sigmoid of z"
    assert ax_plane.get_xlim() == pytest.approx((-6.0, 6.0))
    assert ax_plane.get_xlabel() == "z₁" and ax_plane.get_ylabel() == "z₂"
    assert len(fig.axes) == 3  # and a colour bar
    plt.close(fig)
