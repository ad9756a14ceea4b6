"""Tests for helpers.gated_family_plot (chapter 14's gates figure), under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS, sigmoid
from helpers.gated_family_plot import plot_gated_family

X = np.linspace(-5, 5, 101)
GATES = {"relu": ("step H(x)", (X > 0).astype(float)), "silu": ("σ(x)", sigmoid(X))}


def test_left_panel_draws_the_gates_right_panel_x_times_the_gate():
    ax_gate, ax_f = plot_gated_family(X, GATES).axes
    assert [line.get_label() for line in ax_gate.get_lines()] == ["step H(x)", "σ(x)"]
    assert np.allclose(ax_gate.get_lines()[1].get_ydata(), sigmoid(X))
    silu = ax_f.get_lines()[1]
    assert silu.get_label() == ACTIVATIONS["silu"].label
    assert np.allclose(silu.get_ydata(), X * sigmoid(X))
    assert to_hex(silu.get_color()) == to_hex(ACTIVATIONS["silu"].colour)


def test_axes_labels_limits_and_zero_line():
    ax_gate, ax_f = plot_gated_family(X, GATES).axes
    assert ax_gate.get_ylabel() == "gate g(x)"
    assert ax_f.get_ylim() == (-1, 5)
    zero = ax_f.get_lines()[-1]
    assert list(zero.get_ydata()) == [0, 0]


def test_a_gate_of_the_wrong_shape_is_refused():
    with pytest.raises(ValueError, match="the gate of silu has shape"):
        plot_gated_family(X, {"silu": ("σ", sigmoid(X[:10]))})
