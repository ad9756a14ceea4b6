"""Tests for helpers.race_plot (chapter 07's training race), inspecting figures under Agg."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS
from helpers.race_plot import STYLES, plot_race

GRID = [1.0, 2.0, 4.0]
INF = np.inf
VALIDATION = {
    "sigmoid": np.array([[INF, INF, INF], [200.0, 220, INF], [120, 130, 140]]),
    "centred sigmoid": np.array([[250.0, 260, 270], [130, 120, 110], [60, 70, 80]]),
    "tanh": np.array([[20.0, 19, 18], [12, 11, 13], [INF, 30, 25]]),
}
CHOSEN = {"sigmoid": 4.0, "centred sigmoid": 4.0, "tanh": 2.0}
HELD = {"sigmoid": np.array([150.0, 160]), "centred sigmoid": np.array([70.0, 80]),
        "tanh": np.array([12.0, 14])}  # fmt: skip


def test_plot_race():
    fig = plot_race(GRID, VALIDATION, CHOSEN, HELD, threshold=0.1, max_epochs=300)
    ax_lr, ax_best = fig.axes
    assert ax_lr.get_xscale() == "log" and ax_lr.get_yscale() == "log"
    # the mean line of each runner, NaN where a seed did not arrive
    means = [line.get_ydata() for line in ax_lr.lines if line.get_marker() in "osD"]
    np.testing.assert_allclose(means[0], [np.nan, np.nan, 130.0])
    np.testing.assert_allclose(means[2], [19.0, 12.0, np.nan])
    # the non-arriving runs are counted where they are drawn
    counts = sorted(t.get_text() for t in ax_lr.texts)
    assert counts == ["1", "1", "3"]
    assert ax_lr.get_ylim()[1] == 2.2 * 300
    labels = [t.get_text() for t in ax_lr.get_legend().get_texts()]
    assert labels[0] == "sigmoid (mean; chosen η = 4)"
    assert labels[-1] == "runs not below 0.1 in 300 epochs (how many)"
    # held-out: one bar per runner at the mean, the centred sigmoid hatched
    heights = [patch.get_height() for patch in ax_best.patches]
    np.testing.assert_allclose(heights, [155.0, 75.0, 13.0])
    assert ax_best.patches[1].get_hatch() == "//"
    assert to_hex(ax_best.patches[2].get_facecolor()) == to_hex(ACTIVATIONS["tanh"].colour)
    ticks = [t.get_text() for t in ax_best.get_xticklabels()]
    assert ticks == ["sigmoid\n(η = 4)", "centred sigmoid\n(η = 4)", "tanh\n(η = 2)"]
    assert STYLES["centred sigmoid"][1] == "--"
    plt.close(fig)
