"""Tests for helpers.quantisation_plot (chapter 14's int8 round-trip figure), under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS
from helpers.quantisation_plot import plot_int8_error

R = np.linspace(0, 1.5, 301)
STAIRS = {"relu": (49.4, np.round(R / 0.19) * 0.19), "relu6": (6.0, np.round(R / 0.0235) * 0.0235)}
SIZES = [3.0, 10.0, 100.0]
ERRORS = {"relu": [0.004, 0.01, 0.08], "relu6": [0.004, 0.005, 0.005]}


def test_staircases_and_the_no_error_line():
    ax_steps, _ = plot_int8_error(R, STAIRS, SIZES, ERRORS, [0.004, 0.01, 0.08]).axes
    labels = [line.get_label() for line in ax_steps.get_lines()]
    assert labels == [
        "ReLU: calibrated to 49.4, S = 0.194",
        "ReLU6: calibrated to 6.0, S = 0.024",
        "no error",
    ]
    assert np.allclose(ax_steps.get_lines()[0].get_ydata(), STAIRS["relu"][1])
    assert to_hex(ax_steps.get_lines()[1].get_color()) == to_hex(ACTIVATIONS["relu6"].colour)


def test_sweep_is_log_log_with_the_prediction_as_a_pale_band():
    _, ax_sweep = plot_int8_error(R, STAIRS, SIZES, ERRORS, [0.004, 0.011, 0.08]).axes
    assert (ax_sweep.get_xscale(), ax_sweep.get_yscale()) == ("log", "log")
    measured, measured6, band = ax_sweep.get_lines()
    assert list(measured.get_ydata()) == ERRORS["relu"] and measured.get_marker() == "o"
    assert list(measured6.get_xdata()) == SIZES
    assert band.get_alpha() == 0.25 and band.get_linewidth() == 7
    assert "predicted" in band.get_label()


def test_mismatched_activations_are_refused():
    with pytest.raises(ValueError, match="same activations"):
        plot_int8_error(R, STAIRS, SIZES, {"relu": ERRORS["relu"]}, [0.1, 0.1, 0.1])
