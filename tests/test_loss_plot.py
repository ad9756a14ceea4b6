"""Tests for helpers.loss_plot (chapter 03's loss figures), inspecting the returned figures under
Agg: bars and their heights, curves and their data, colours, labels and scales."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers.activations import log_sigmoid, sigmoid
from helpers.gradcheck import numerical_derivative
from helpers.loss_plot import CE_COLOUR, MSE_COLOUR, plot_escape, plot_loss_and_slope, plot_marks

P_RIGHT = np.array([0.99, 0.9, 0.7, 0.5, 0.2, 0.01])
MARKS = {"squared error": (1 - P_RIGHT) ** 2, "cross-entropy": -np.log(P_RIGHT)}


def test_marks_draws_one_bar_per_question_and_loss_at_its_height():
    figure = plot_marks(P_RIGHT, MARKS)
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    squared, cross = ax.containers
    np.testing.assert_allclose([bar.get_height() for bar in squared], MARKS["squared error"])
    np.testing.assert_allclose([bar.get_height() for bar in cross], MARKS["cross-entropy"])
    assert to_hex(squared[0].get_facecolor()) == to_hex(MSE_COLOUR)
    assert to_hex(cross[0].get_facecolor()) == to_hex(CE_COLOUR)
    # side by side: the squared-error bar left of the cross-entropy bar of the same question
    assert squared[0].get_x() + squared[0].get_width() <= cross[0].get_x() + 1e-12
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[0] == "Q1\nP(right) = 0.99" and labels[-1] == "Q6\nP(right) = 0.01"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(MARKS)


def test_marks_refuses_unknown_losses_and_wrong_lengths():
    with pytest.raises(ValueError, match="loss name must be one of"):
        plot_marks(P_RIGHT, {"hinge": P_RIGHT})
    with pytest.raises(ValueError, match="must have 6 values"):
        plot_marks(P_RIGHT, {"squared error": P_RIGHT[:3]})
    with pytest.raises(ValueError, match="non-empty 1-D"):
        plot_marks([], MARKS)


def _losses():
    return {
        "squared error": (
            lambda z: (sigmoid(z) - 1) ** 2,
            lambda z: 2 * (sigmoid(z) - 1) * sigmoid(z) * sigmoid(-z),
        ),
        "cross-entropy": (lambda z: -log_sigmoid(z), lambda z: sigmoid(z) - 1),
    }


def test_loss_and_slope_draws_each_loss_against_z_and_its_slope_on_a_log_axis():
    figure = plot_loss_and_slope(_losses(), numerical_derivative)
    against_z, slopes = figure.axes
    mse_z, ce_z = against_z.get_lines()[:2]
    np.testing.assert_allclose(ce_z.get_ydata(), -log_sigmoid(ce_z.get_xdata()), rtol=1e-9)
    np.testing.assert_allclose(mse_z.get_ydata(), (sigmoid(mse_z.get_xdata()) - 1) ** 2)
    assert against_z.get_ylim() == (0, 5)
    assert to_hex(mse_z.get_color()) == to_hex(MSE_COLOUR)
    assert against_z.get_lines()[-1].get_label() == "p = σ(z)"
    assert slopes.get_yscale() == "log"
    curve, circles = slopes.get_lines()[2:4]  # cross-entropy's slope, then its numerical circles
    np.testing.assert_allclose(curve.get_ydata(), 1 - sigmoid(curve.get_xdata()))
    np.testing.assert_allclose(circles.get_ydata(), 1 - sigmoid(circles.get_xdata()), rtol=1e-6)
    assert circles.get_marker() == "o" and circles.get_linestyle() == "None"
    assert any("confidently" in t.get_text() for t in slopes.texts)
    assert all("$" not in t.get_text() for t in slopes.get_yticklabels())


def test_escape_draws_p_after_each_step_on_a_symlog_step_axis():
    runs = {"squared error": [-8.0, -7.99, -7.5], "cross-entropy": [-8.0, -7.0, -6.0, 0.5]}
    ax = plot_escape(runs, start_p=sigmoid(-8.0)).axes[0]
    mse, ce = ax.get_lines()[:2]
    np.testing.assert_allclose(ce.get_xdata(), [0, 1, 2, 3])
    np.testing.assert_allclose(ce.get_ydata(), sigmoid(np.array(runs["cross-entropy"])))
    assert to_hex(mse.get_color()) == to_hex(MSE_COLOUR)
    assert ax.get_xscale() == "symlog" and ax.get_ylim() == (0, 1)
    assert "p = 0.0003" in ax.get_title()
