"""Tests for helpers.gradient_depth_plot (chapter 07's depth probe): figures inspected under Agg."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS
from helpers.gradient_depth_plot import plot_depth_probe


def test_plot_depth_probe():
    norms = np.array([[1e-6, 1e-3, 1.0], [4e-6, 4e-3, 1.0]])  # 2 seeds, 3 weight layers
    results = {
        "sigmoid": {"norms": norms, "slope": np.full((2, 2), 0.24), "mean": np.full((2, 2), 0.5)},
        "tanh": {"norms": np.ones((2, 3)), "slope": np.full((2, 2), 0.9), "mean": np.zeros((2, 2))},
    }
    fig = plot_depth_probe(results)
    ax_g, ax_s, ax_m = fig.axes
    assert ax_g.get_yscale() == "log"
    bars = ax_g.patches
    assert len(bars) == 6
    # geometric mean over the seeds, sigmoid bars left of their layer, tanh right
    assert bars[0].get_height() == pytest.approx(2e-6)
    assert bars[0].get_x() + bars[0].get_width() / 2 == pytest.approx(0.8)
    assert bars[3].get_x() + bars[3].get_width() / 2 == pytest.approx(1.2)
    assert to_hex(bars[0].get_facecolor()) == to_hex(ACTIVATIONS["sigmoid"].colour)
    slopes = [line.get_ydata() for line in ax_s.lines if line.get_marker() == "o"]
    np.testing.assert_allclose(slopes, [[0.24, 0.24], [0.9, 0.9]])
    assert sorted(line.get_ydata()[0] for line in ax_s.lines if line.get_marker() != "o") == [
        0.25,
        1.0,
    ]
    assert [line.get_ydata()[0] for line in ax_m.lines] == [0.5, 0.0]
    assert ax_s.get_ylim() == (0, 1.1)
    assert [t.get_text() for t in ax_g.get_legend().get_texts()] == ["Sigmoid", "Tanh"]
    plt.close(fig)
