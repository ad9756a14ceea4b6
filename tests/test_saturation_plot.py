"""Tests for helpers.saturation_plot (chapter 07's explorer), inspecting figures under Agg."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS
from helpers.saturation_plot import (
    FLAT,
    draw_saturation,
    plot_outputs,
    saturation,
    saturation_figure,
)

Z = np.random.default_rng(0).standard_normal(10_000)


def test_saturation_numbers():
    flat, relative, absolute = saturation("tanh", 4 * Z)
    assert 0.5 < flat < 0.7  # |z| > 2.2 for tanh′ < 0.05: about 59 % of N(0, 16)
    assert relative == pytest.approx(absolute)  # tanh′(0) = 1
    flat_s, relative_s, absolute_s = saturation("sigmoid", 4 * Z)
    assert absolute_s == pytest.approx(relative_s / 4)  # σ′(0) = 1/4
    assert flat_s < flat and absolute > 2 * absolute_s * 0.95  # the two stories of section 4
    # the sigmoid at std 2s is tanh at std s, measured against each one's own peak
    assert saturation("sigmoid", 2 * Z)[:2] == pytest.approx(saturation("tanh", Z)[:2], rel=1e-2)
    assert saturation("tanh", 1e-3 * Z)[0] == 0.0 and FLAT == 0.05


def test_draw_saturation_fills_the_explorer_figure():
    fig = saturation_figure()
    left, right, twin = fig.axes
    draw_saturation(fig, 2.0, "sigmoid", Z)
    assert left.get_title() == "Where the inputs fall on Sigmoid"
    assert to_hex(twin.lines[0].get_color()) == to_hex(ACTIVATIONS["sigmoid"].colour)
    assert left.get_xlim() == pytest.approx((-7.0, 7.0))  # 3.5 × std
    assert "flat" in left.get_legend().get_texts()[1].get_text()
    flat, _, slope = saturation("sigmoid", 2 * Z)
    assert right.get_title() == f"std 2: {flat:.0%} flat, mean slope {slope:.2f}"
    draw_saturation(fig, 0.5, "tanh", Z)  # redrawn in place: nothing left from the last draw
    assert len(twin.lines) == 1 and len(fig.axes) == 3
    assert left.get_xlim() == pytest.approx((-4.0, 4.0))
    plt.close(fig)


def test_plot_outputs_on_a_given_axis():
    fig, ax = plt.subplots()
    assert plot_outputs(ax, "tanh", 8 * Z, 8) is ax
    assert ax.get_xlim() == pytest.approx((-1.05, 1.05))
    assert ax.get_xlabel() == "output Tanh(z)"
    assert ax.get_title().startswith("std 8: ")
    plt.close(fig)
