"""Tests for helpers.forward_plot (chapter 02's forward-pass figures), inspecting the returned
figures under Agg: what is drawn, where, with which labels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from helpers.activations import ACTIVATIONS
from helpers.forward_plot import (
    COLUMN_FILL,
    RESULT_FILL,
    ROW_FILL,
    plot_data_flow,
    plot_forward_time,
    plot_matrix_entry,
)
from helpers.nn import Activation, Dense, Sequential


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


# --- plot_matrix_entry -----------------------------------------------------------------------


def test_matrix_entry_draws_four_grids_of_the_right_sizes():
    ax = plot_matrix_entry(i=1, j=2, n=4, d_in=2, d_out=3).axes[0]
    squares = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(squares) == 4 * 2 + 2 * 3 + 1 * 3 + 4 * 3  # X, W, b, Z
    assert {"@", "+", "="} <= set(texts(ax))


def test_matrix_entry_colours_row_i_column_j_and_the_result():
    ax = plot_matrix_entry(i=1, j=2).axes[0]
    fills = [to_hex(p.get_facecolor()) for p in ax.patches]
    assert fills.count(RESULT_FILL) == 1  # Z[1, 2] alone
    assert fills.count(ROW_FILL) == 2 + 2  # row 1 of X, and the rest of row 1 of Z
    assert fills.count(COLUMN_FILL) == 2 + 1 + 3  # column 2 of W, b[2], the rest of column 2 of Z
    labelled = set(texts(ax))
    assert {"X[1,0]", "X[1,1]", "W[0,2]", "W[1,2]", "b[2]", "Z[1,2]"} <= labelled
    assert "X[0,0]" not in labelled
    assert any(t.startswith("Z[1,2] = X[1,0]·W[0,2] + X[1,1]·W[1,2] + b[2]") for t in labelled)


def test_matrix_entry_follows_other_shapes_and_refuses_an_entry_outside_z():
    ax = plot_matrix_entry(i=0, j=0, n=3, d_in=4, d_out=2).axes[0]
    assert any("X[0,3]·W[3,0]" in t for t in texts(ax))
    with pytest.raises(ValueError, match="must index Z of shape"):
        plot_matrix_entry(i=4, j=0)


# --- plot_data_flow --------------------------------------------------------------------------


def _net() -> Sequential:
    return Sequential(Dense(2, 3), Activation("relu"), Dense(3, 1), Activation("sigmoid"))


def test_data_flow_has_a_box_per_layer_and_shapes_on_the_arrows():
    figure = plot_data_flow(_net(), n_in=2)
    assert isinstance(figure, Figure)
    shown = set(texts(figure.axes[0]))
    assert {"x", "Dense\n2 → 3", "ReLU", "Dense\n3 → 1", "Sigmoid", "ŷ"} <= shown
    assert {"(n, 2)", "(n, 3)", "(n, 1)"} <= shown
    assert {"W (2, 3)\nb (3,)", "W (3, 1)\nb (1,)", "probability"} <= shown
    assert "x → Dense → ReLU → Dense → Sigmoid → ŷ" in figure.axes[0].get_title()


def test_data_flow_tints_activation_boxes_with_the_registry_colour():
    ax = plot_data_flow(_net(), n_in=2).axes[0]
    relu_box = next(t for t in ax.texts if t.get_text() == "ReLU").get_bbox_patch()
    r, g, b, _ = relu_box.get_facecolor()
    expected = np.array(
        [0.3 * c + 0.7 for c in plt.matplotlib.colors.to_rgb(ACTIVATIONS["relu"].colour)]
    )
    assert np.allclose([r, g, b], expected, atol=0.01)


# --- plot_forward_time -----------------------------------------------------------------------


def test_forward_time_plots_milliseconds_against_work_on_log_axes():
    work, seconds = [1e3, 1e5, 1e7], [1e-5, 2e-5, 1e-3]
    ax = plot_forward_time(["a", "b", "c"], work, seconds, anchor=1).axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    measured, reference = ax.get_lines()
    assert np.allclose(measured.get_xdata(), work)
    assert np.allclose(measured.get_ydata(), np.array(seconds) * 1e3)
    assert np.allclose(reference.get_ydata(), np.array(work) * 2e-2 / 1e5)  # through point b
    assert [a.get_text() for a in ax.texts] == ["a", "b", "c"]
    assert ax.xaxis.get_major_formatter()(1e5, 0) == "10⁵"  # plain text, not mathtext
    assert not ax.yaxis.get_minor_locator()()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "measured",
        "proportional to multiply-adds",
    ]


def test_forward_time_refuses_mismatched_inputs():
    with pytest.raises(ValueError, match="one entry per network"):
        plot_forward_time(["a"], [1.0, 2.0], [1.0, 2.0], anchor=0)
    with pytest.raises(ValueError, match="anchor"):
        plot_forward_time(["a"], [1.0], [1.0], anchor=3)
