"""Tests for helpers.dying_plot (chapter 08's dying-ReLU figures), inspecting the returned
figures under Agg: which lines are drawn with which data, styles, labels and limits."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS
from helpers.dying_plot import (
    dying_figure,
    plot_dead_at_init,
    plot_dead_share,
    plot_dying_over_seeds,
)

DEAD = np.array([[0.0, 0.0], [0.0, 0.25], [0.05, 0.5], [0.05, 0.5]])  # 3 epochs, 2 layers


def test_dead_share_draws_one_line_per_layer_in_percent():
    figure = plot_dead_share(DEAD, label="η = 0.1: ")
    assert isinstance(figure, Figure)
    ax = figure.axes[0]
    assert [line.get_label() for line in ax.lines] == [
        "η = 0.1: hidden layer 1",
        "η = 0.1: hidden layer 2",
    ]
    assert [line.get_linestyle() for line in ax.lines] == ["-", "--"]
    np.testing.assert_array_equal(ax.lines[1].get_xdata(), [0, 1, 2, 3])
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [0, 25, 50, 50])
    assert to_hex(ax.lines[0].get_color()) == to_hex(ACTIVATIONS["relu"].colour)
    assert ax.get_ylim() == (-4, 104) and ax.get_ylabel() == "dead units (%)"


def test_dead_share_draws_into_a_given_axes_and_rejects_a_flat_array():
    figure, ax = plt.subplots()
    assert plot_dead_share(DEAD, ax=ax, colour="#000000") is figure
    assert to_hex(ax.lines[0].get_color()) == "#000000"
    with pytest.raises(ValueError, match="epochs \\+ 1, layers"):
        plot_dead_share(np.zeros(4))


def test_dying_figure_has_fixed_limits_for_an_explorer():
    figure = dying_figure(30)
    ax_dead, ax_loss = figure.axes
    assert ax_dead.get_xlim() == (-1, 31) and ax_dead.get_ylim() == (-4, 104)
    assert ax_loss.get_yscale() == "log" and ax_loss.get_ylim() == pytest.approx((0.01, 20))
    assert not ax_dead.lines and not ax_loss.lines  # empty until the explorer draws


def test_dying_over_seeds_draws_one_line_per_seed_and_one_point_per_run():
    dead = {"η = 0.03": np.zeros((3, 4)), "η = 0.1": np.array([[0, 0.5, 0.6, 0.6]] * 3)}
    losses = {"η = 0.03": [0.05, 0.04, 0.06], "η = 0.1": [0.05, 0.9, 0.2]}
    colours = {"η = 0.03": "#0072b2", "η = 0.1": "#d55e00"}
    figure = plot_dying_over_seeds(dead, losses, colours)
    ax_dead, ax_loss = figure.axes
    assert len(ax_dead.lines) == 6
    assert [t.get_text() for t in ax_dead.get_legend().get_texts()] == list(dead)
    np.testing.assert_allclose(ax_dead.lines[3].get_ydata(), [0, 50, 60, 60])
    offsets = [c.get_offsets() for c in ax_loss.collections]
    np.testing.assert_allclose(offsets[1], [[60, 0.05], [60, 0.9], [60, 0.2]])
    assert ax_loss.get_yscale() == "log"
    assert [t.get_text() for t in ax_loss.texts] == ["0", "1", "2"] * 2  # seeds numbered
    assert to_hex(ax_loss.collections[1].get_facecolor()[0]) == "#d55e00"


def test_dying_over_seeds_rejects_mismatched_settings():
    with pytest.raises(ValueError, match="same settings"):
        plot_dying_over_seeds({"a": np.zeros((2, 3))}, {"b": [1, 2]}, {"a": "k"})
    with pytest.raises(ValueError, match="one loss per seed"):
        plot_dying_over_seeds({"a": np.zeros((2, 3))}, {"a": [1.0]}, {"a": "k"})


def test_dead_at_init_plots_percent_against_the_shift():
    shifts = np.array([0.0, 1.0, 2.0])
    figure = plot_dead_at_init(shifts, [[0, 0], [0, 0.05], [0.05, 0.62]])
    ax = figure.axes[0]
    assert len(ax.lines) == 2
    np.testing.assert_allclose(ax.lines[1].get_ydata(), [0, 5, 62])
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), shifts)
    assert "bias shift" in ax.get_xlabel() and ax.get_title().startswith("Dead before training")
    with pytest.raises(ValueError, match="shape"):
        plot_dead_at_init(shifts, np.zeros((2, 2)))
