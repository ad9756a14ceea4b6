"""plot_kinks: target, prediction and one tick per kink, inspected under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS
from helpers.kink_plot import plot_kinks


def test_draws_target_prediction_and_one_tick_per_kink() -> None:
    x = np.linspace(-np.pi, np.pi, 50)
    figure = plot_kinks(x, np.sin(x), np.clip(x, -1, 1), [-1.0, 1.0, 0.5])
    (ax,) = figure.axes
    target, prediction = ax.get_lines()
    np.testing.assert_allclose(target.get_ydata(), np.sin(x))
    np.testing.assert_allclose(prediction.get_ydata(), np.clip(x, -1, 1))
    assert to_hex(prediction.get_color()) == to_hex(ACTIVATIONS["relu"].colour)
    (ticks,) = ax.collections
    assert len(ticks.get_segments()) == 3
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["target", "ReLU network", "3 kinks in [-1.00, 1.00]"]
    assert ax.get_xlim() == pytest.approx((-np.pi, np.pi))


def test_no_kinks_is_a_straight_line_and_lengths_must_agree() -> None:
    x = np.linspace(0, 1, 5)
    ax = plot_kinks(x, x, x, [], activation="relu6").axes[0]
    assert ax.get_legend_handles_labels()[1][-1] == "0 kinks (a straight line)"
    with pytest.raises(ValueError, match="equal lengths"):
        plot_kinks(x, x, x[:3], [])
