"""Tests for helpers.hard_imitation_plot (chapter 14's hard-versus-smooth figure), under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np

from helpers.activations import ACTIVATIONS
from helpers.hard_imitation_plot import plot_hard_imitations

X = np.linspace(-6, 6, 241)
PAIRS = [("hard_sigmoid", "sigmoid"), ("hard_swish", "silu")]


def test_one_panel_per_pair_with_smooth_hard_and_difference():
    axes = plot_hard_imitations(X, PAIRS).axes
    assert len(axes) == 2
    smooth, hard, difference = axes[1].get_lines()[:3]
    assert smooth.get_label() == ACTIVATIONS["silu"].label
    assert hard.get_label() == ACTIVATIONS["hard_swish"].label and hard.get_linestyle() == "--"
    expected = ACTIVATIONS["hard_swish"](X) - ACTIVATIONS["silu"](X)
    assert np.allclose(difference.get_ydata(), expected)
    assert axes[0].get_title() == "Hard sigmoid against Sigmoid"


def test_a_single_pair_gives_a_single_panel():
    (ax,) = plot_hard_imitations(X, PAIRS[:1]).axes
    assert ax.get_xlabel() == "x" and len(ax.get_lines()) == 4  # three curves and the zero line
