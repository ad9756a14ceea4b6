"""plot_confidently_wrong and plot_double_softmax, inspected under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.activations import softmax
from helpers.output_mistakes_plot import plot_confidently_wrong, plot_double_softmax


def test_confidently_wrong_draws_both_losses_on_log_axes_and_shades_the_wrong_stretch() -> None:
    m = np.linspace(-4.0, 10.0, 15)
    figure = plot_confidently_wrong(m, (m + 5, 1 / (m + 5)), (m + 6, 2 / (m + 6)))
    left, right = figure.axes
    for ax, first in ((left, m + 5), (right, m + 6)):
        assert ax.get_yscale() == "log"
        assert len(ax.lines) == 2
        np.testing.assert_allclose(ax.lines[0].get_ydata(), first)
        shade = ax.patches[0].get_x(), ax.patches[0].get_x() + ax.patches[0].get_width()
        assert shade == pytest.approx((4.0, 10.0))
    assert right.get_ylabel() == "‖∂L/∂z‖"
    assert [t.get_text() for t in left.get_legend().get_texts()] == [
        "softmax + cross-entropy",
        "softmax + MSE",
    ]
    plt.close(figure)


def test_double_softmax_bars_are_the_two_distributions() -> None:
    scores = [3.0, 1.0, -2.0]
    figure = plot_double_softmax(scores)
    (ax,) = figure.axes
    heights = [bar.get_height() for bar in ax.patches]
    np.testing.assert_allclose(heights[:3], softmax(np.array(scores)))
    np.testing.assert_allclose(heights[3:], softmax(softmax(np.array(scores))))
    assert ax.lines[0].get_ydata()[0] == pytest.approx(1 / 3)
    assert ax.get_ylim() == (0, 1)
    assert ax.get_xticklabels()[0].get_text() == "class 0\nz = 3"
    plt.close(figure)
