"""Tests for helpers.temperature_plot (chapter 11's bars and temperature explorer), inspecting the
returned figures under Agg: bar heights and labels, the entropy curve, axis limits and scales."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.activations import softmax
from helpers.temperature_plot import draw_bars, draw_temperature, entropy, temperature_figure

Z = np.array([2.0, 1.0, -1.0])
NAMES = ["cat", "dog", "bird"]
TEMPERATURES = np.logspace(-2, 2, 41)


def test_entropy_runs_from_zero_to_log_n():
    assert entropy(Z / 1e-3) == pytest.approx(0.0, abs=1e-12)
    assert entropy(Z / 1e6) == pytest.approx(np.log(3), rel=1e-9)
    s = softmax(Z)
    assert entropy(Z) == pytest.approx(-np.sum(s * np.log(s)), rel=1e-12)
    assert entropy(np.array([0.0, -2000.0])) == pytest.approx(0.0, abs=1e-12)  # no 0·log 0 NaN
    assert np.shape(entropy(np.stack([Z, Z / 2]))) == (2,)


def test_draw_bars_draws_one_labelled_bar_per_class():
    fig, ax = plt.subplots()
    bars = draw_bars(ax, NAMES, softmax(Z), fmt="{:.2f}", ylabel="probability")
    assert [b.get_height() for b in bars] == pytest.approx(softmax(Z))
    assert [t.get_text() for t in ax.texts] == ["0.71", "0.26", "0.04"]
    assert ax.get_ylabel() == "probability"
    assert len(ax.get_yticks()) == 0  # the written values are the scale
    plt.close(fig)


def test_temperature_figure_fixes_scales_and_limits():
    fig = temperature_figure(TEMPERATURES, most_classes=5)
    ax_bars, ax_entropy = fig.axes
    assert ax_entropy.get_xscale() == "log"
    assert ax_entropy.get_xlim() == pytest.approx((0.01, 100.0))
    assert ax_entropy.get_ylim()[1] == pytest.approx(1.1 * np.log(5))
    assert ax_bars.get_ylim() == pytest.approx((0.0, 1.12))
    plt.close(fig)


@pytest.mark.parametrize("T", [0.1, 1.0, 10.0])
def test_draw_temperature_shows_softmax_at_T_and_the_entropy_curve(T):
    fig = temperature_figure(TEMPERATURES, most_classes=3)
    draw_temperature(fig, T, NAMES, Z, TEMPERATURES)
    draw_temperature(fig, T, NAMES, Z, TEMPERATURES)  # a redraw replaces, never adds
    ax_bars, ax_entropy = fig.axes
    heights = [p.get_height() for p in ax_bars.patches]
    assert len(heights) == 6  # dashed outlines at T = 1, then the bars at T
    assert heights[:3] == pytest.approx(softmax(Z))
    assert heights[3:] == pytest.approx(softmax(Z / T))
    assert ax_bars.get_title() == f"softmax(z / T) at T = {T:.2g}"
    curve, marker = ax_entropy.lines[0], ax_entropy.lines[-1]
    assert curve.get_ydata() == pytest.approx(entropy(Z[None, :] / TEMPERATURES[:, None]))
    assert marker.get_ydata() == pytest.approx([entropy(Z / T)])
    assert [t.get_text() for t in ax_bars.get_xticklabels()] == NAMES
    plt.close(fig)
