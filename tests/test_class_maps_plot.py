"""Tests for helpers.class_maps_plot (chapter 11's decision regions and per-class probability
maps), inspecting the returned figure under Agg: panels, titles, colour maps, the data drawn."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba

from helpers.activations import softmax
from helpers.class_maps_plot import class_colour_map, plot_class_maps
from helpers.plotting import CLASS_COLOURS

CENTRES = np.array([[-2.0, 0.0], [2.0, 0.0], [0.0, 2.0]])


def proba(points: np.ndarray) -> np.ndarray:
    # A linear softmax classifier whose class k scores -|x - centre_k|², up to a constant.
    return softmax(2 * points @ CENTRES.T - np.sum(CENTRES**2, axis=1), axis=1)


def data() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    y = np.repeat(np.arange(3), 10)
    return CENTRES[y] + 0.5 * rng.normal(size=(30, 2)), y


def test_class_colour_map_runs_from_white_to_the_class_colour():
    for k in range(3):
        cmap = class_colour_map(k)
        assert to_hex(cmap(0.0)) == "#ffffff"
        assert to_hex(cmap(1.0)) == to_hex(CLASS_COLOURS[k])


def test_plot_class_maps_draws_regions_then_one_map_per_class():
    X, y = data()
    fig = plot_class_maps(proba, X, y, "three blobs", resolution=40)
    axes = fig.axes
    assert len(axes) == 4
    assert axes[0].get_title() == "decision regions"
    assert axes[0].get_legend() is None
    for c, ax in enumerate(axes[1:]):
        assert ax.get_title() == f"s{'₀₁₂'[c]}(x): probability of class {c}"
        assert len(ax.get_xticks()) == len(ax.get_yticks()) == 0
        others, members = ax.collections[-2], ax.collections[-1]
        assert len(members.get_offsets()) == np.sum(y == c)
        assert len(others.get_offsets()) == np.sum(y != c)
        assert members.get_facecolor()[0] == pytest.approx(to_rgba(CLASS_COLOURS[c]))
        assert others.get_facecolor()[0][:3] == pytest.approx(to_rgba("0.6")[:3])
    assert fig._suptitle.get_text().startswith("three blobs\n(maps: white = 0")
    plt.close(fig)


def test_the_maps_share_the_decision_regions_window():
    X, y = data()
    fig = plot_class_maps(proba, X, y, "window", resolution=30)
    low, high = X.min(axis=0), X.max(axis=0)
    pad = np.maximum(0.1 * (high - low), 0.1)
    for ax in fig.axes:
        assert ax.get_xlim() == pytest.approx((low[0] - pad[0], high[0] + pad[0]), abs=1e-9)
        assert ax.get_ylim() == pytest.approx((low[1] - pad[1], high[1] + pad[1]), abs=1e-9)
    plt.close(fig)
