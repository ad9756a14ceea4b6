"""Tests for helpers.signal_plot (a signal through depth, chapter 02), inspecting the returned
figures under Agg: bar heights, texts, limits, line data and styles."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.activations import ACTIVATIONS
from helpers.signal_plot import (
    BINS,
    draw_histograms,
    plot_histograms,
    plot_spread,
    setup_histograms,
)


def _layers(depth: int = 3, seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [np.tanh(rng.normal(scale=0.5**k, size=(50, 10))) for k in range(depth)]


def test_setup_makes_one_empty_outline_per_layer_and_blank_statistics():
    figure = setup_histograms(depth=4)
    ax, ax_stats = figure.axes
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"layer {n}" for n in range(1, 5)]
    assert ax.get_ylim() == (-0.1, 4)
    assert [t.get_text() for t in ax_stats.texts] == ["mean", *[""] * 4, "std", *[""] * 4]


def test_draw_fills_each_layer_with_its_histogram_mean_and_std():
    figure, activations = setup_histograms(depth=3), _layers(3)
    draw_histograms(figure, activations, "tanh", "tanh, s = 1")
    ax, ax_stats = figure.axes
    assert ax.get_xlim() == (-1.0, 1.0)  # tanh's output range
    assert ax.get_title() == "tanh, s = 1"
    for layer, (outline, a) in enumerate(zip(ax.patches, activations, strict=True)):
        heights, edges = outline.get_data().values, outline.get_data().edges
        assert len(edges) == BINS + 1
        counts = np.histogram(a, bins=BINS, range=(-1.0, 1.0))[0]
        assert np.allclose(heights, layer + 0.9 * np.minimum(counts / np.sort(counts)[-2], 1))
        assert heights.max() == pytest.approx(layer + 0.9)
        assert to_hex(outline.get_facecolor()) == to_hex(ACTIVATIONS["tanh"].colour)
    texts = [t.get_text() for t in ax_stats.texts]
    assert texts[1:4] == [f"{round(float(a.mean()), 2) + 0.0:.2f}" for a in activations]
    assert texts[5:8] == [f"{a.std():#.3g}" for a in activations]


def test_a_single_spike_is_cut_off_instead_of_flattening_the_rest():
    rng = np.random.default_rng(1)
    relu_like = np.maximum(rng.normal(size=(2000, 1)), 0.0)  # half of the values exactly 0
    figure = setup_histograms(depth=1)
    draw_histograms(figure, [relu_like], "relu", "ReLU")
    heights = figure.axes[0].patches[0].get_data().values
    assert heights.max() == pytest.approx(0.9)  # the spike, cut off
    assert np.sort(heights)[-2] == pytest.approx(0.9)  # the tallest of the rest reaches the top


def test_draw_refuses_a_different_number_of_layers():
    with pytest.raises(ValueError, match="expected 3 layers, got 2"):
        draw_histograms(setup_histograms(depth=3), _layers(2), "tanh", "x")


def test_static_figure_has_one_panel_per_setting_and_drops_spare_axes():
    settings = {
        "a": (_layers(3), "tanh"),
        "b": (_layers(3, 1), "sigmoid"),
        "c": (_layers(3), "relu"),
    }
    figure = plot_histograms(settings, ncols=2)
    # The fourth panel was removed, and the statistics columns: the chapter prints a table.
    assert [ax.get_title() for ax in figure.axes] == ["a", "b", "c"]
    assert all(not ax.texts for ax in figure.axes)
    assert figure.axes[1].get_xlim() == (0.0, 1.0)  # the sigmoid's range
    # Only panels with no panel below them carry the (shared) x-axis label.
    assert [bool(ax.get_xlabel()) for ax in figure.axes] == [False, True, True]


def test_spread_draws_both_directions_on_log_axes_with_the_data():
    forward = {"Tanh, s = 1": ([0.6, 0.5, 0.4], "tanh"), "Identity": ([1.0, 1.0, 1.0], "identity")}
    backward = {"Tanh, s = 1": ([0.3, 0.6, 0.9], "tanh"), "Identity": ([1.0, 1.0, 1.0], "identity")}
    figure = plot_spread(forward, backward)
    left, right = figure.axes
    assert left.get_yscale() == right.get_yscale() == "log"
    assert np.allclose(left.get_lines()[0].get_ydata(), [0.6, 0.5, 0.4])
    assert np.allclose(right.get_lines()[0].get_xdata(), [1, 2, 3])
    assert "forward" in left.get_title() and "backward" in right.get_title()
    assert [t.get_text() for t in figure.legends[0].get_texts()] == ["Tanh, s = 1", "Identity"]
    # Powers of ten in plain text (no mathtext), no minor ticks; other values as they are.
    formatter = left.yaxis.get_major_formatter()
    assert [formatter(v, 0) for v in (1e-4, 0.1, 1.0, 100.0, 0.5)] == [
        "10⁻⁴", "10⁻¹", "10⁰", "10²", "0.5"
    ]  # fmt: skip
    assert not left.yaxis.get_minor_locator()()


def test_the_identity_line_is_drawn_on_top_and_looks_different_from_selu():
    series = {"SELU": ([1.0, 0.99, 0.98], "selu"), "Identity": ([1.0, 0.99, 0.98], "identity")}
    for ax in plot_spread(series, series).axes:
        selu, identity = ax.get_lines()
        assert identity.get_zorder() > selu.get_zorder()
        assert identity.get_markerfacecolor() == "none"  # open markers: SELU shows through
        assert identity.get_linestyle() != selu.get_linestyle()
        assert to_hex(identity.get_color()) == to_hex(ACTIVATIONS["identity"].colour)


def test_lines_of_the_same_activation_differ_in_dash_and_marker():
    series = {"tanh 0.5": ([1.0, 0.5], "tanh"), "tanh 3": ([1.0, 1.0], "tanh")}
    first, second = plot_spread(series, series).axes[0].get_lines()
    assert first.get_linestyle() != second.get_linestyle()
    assert first.get_marker() != second.get_marker()
