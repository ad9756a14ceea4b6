"""Tests for helpers.leaky_plot (chapter 09's figures), inspecting the returned figures under Agg:
what each draws (lines and their data, colours, images, titles, labels and limits)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS
from helpers.leaky_plot import (
    RUN_COLOURS,
    alpha_figure,
    draw_alpha,
    plot_alpha_paths,
    plot_revival,
    plot_revival_map,
)


def test_run_colours_are_distinct_and_not_the_registry_greens_twice():
    hexes = [to_hex(c) for c in RUN_COLOURS]
    assert len(set(hexes)) == len(hexes) == 4
    greens = {to_hex(ACTIVATIONS[name].colour) for name in ("relu", "leaky_relu", "prelu")}
    assert len(greens & set(hexes)) <= 1  # at most ReLU keeps its registry green


# --- the α explorer -----------------------------------------------------------------------------


def test_alpha_figure_has_fixed_limits_for_every_alpha():
    figure = alpha_figure()
    ax_f, ax_hist = figure.axes
    assert ax_f.get_xlim() == (-3.3, 3.3) and ax_f.get_ylim() == (-6.5, 3.5)
    assert ax_hist.get_xlabel() == "output f(z)" and ax_hist.get_ylabel() == "count"


@pytest.mark.parametrize("alpha", [0.0, 0.25, 1.0, -0.5])
def test_draw_alpha_shows_the_function_and_the_exact_mean(alpha):
    figure = alpha_figure()
    sample = np.random.default_rng(0).standard_normal(5_000)
    draw_alpha(figure, alpha, sample)
    ax_f, ax_hist = figure.axes
    assert f"α = {alpha:g}" in ax_f.get_title()
    f_line = ax_f.lines[0]
    x, values = f_line.get_data()
    np.testing.assert_allclose(values, np.where(x > 0, x, alpha * x))
    (text,) = ax_hist.texts
    assert f"exact {(1 - alpha) / np.sqrt(2 * np.pi):.3f}" in text.get_text()
    assert f"mean slope {(1 + alpha) / 2:.3f}" in text.get_text()
    (mean_line,) = ax_hist.lines
    outputs = np.where(sample > 0, sample, alpha * sample)
    assert mean_line.get_xdata()[0] == pytest.approx(outputs.mean())


def test_draw_alpha_twice_replaces_what_it_drew():
    figure = alpha_figure()
    sample = np.random.default_rng(1).standard_normal(1_000)
    draw_alpha(figure, 0.1, sample)
    counts = [len(ax.lines) + len(ax.patches) + len(ax.texts) for ax in figure.axes]
    draw_alpha(figure, 1.5, sample)
    assert [len(ax.lines) + len(ax.patches) + len(ax.texts) for ax in figure.axes] == counts


# --- the revival figures ------------------------------------------------------------------------


def _runs():
    epochs = 20
    losses = {"ReLU": np.full(epochs, np.log(3)), "Leaky": np.linspace(1.09, 0.2, epochs)}
    dead = {"ReLU": np.ones(epochs + 1), "Leaky": np.linspace(1, 0, epochs + 1)}
    return losses, dead


def test_plot_revival_draws_one_line_per_run_in_each_panel():
    losses, dead = _runs()
    figure = plot_revival(losses, dead)
    assert isinstance(figure, Figure)
    ax_loss, ax_dead = figure.axes
    assert [t.get_text() for t in ax_loss.get_legend().get_texts()] == ["ReLU", "Leaky"]
    run_lines = [line for line in ax_loss.lines if line.get_label() in losses]
    assert [to_hex(line.get_color()) for line in run_lines] == [to_hex(c) for c in RUN_COLOURS[:2]]
    assert run_lines[0].get_linestyle() != run_lines[1].get_linestyle()
    np.testing.assert_allclose(run_lines[1].get_xdata(), np.arange(1, 21))  # epochs 1..20
    np.testing.assert_allclose(run_lines[1].get_ydata(), losses["Leaky"])
    assert ax_loss.get_ylim()[0] == 0 and ax_loss.get_ylim()[1] > np.log(3)
    assert len(ax_dead.lines) == 2 and ax_dead.get_ylim() == (-0.03, 1.03)
    np.testing.assert_allclose(ax_dead.lines[1].get_xdata(), np.arange(21))  # epoch 0 included
    np.testing.assert_allclose(ax_dead.lines[1].get_ydata(), dead["Leaky"])
    assert any("ln 3" in t.get_text() for t in ax_loss.texts)
    assert "Hidden layer 2" in ax_dead.get_title()


def test_plot_revival_without_dead_shares_draws_the_loss_panel_only():
    losses, _ = _runs()
    figure = plot_revival(losses)
    (ax_loss,) = figure.axes
    assert [t.get_text() for t in ax_loss.get_legend().get_texts()] == ["ReLU", "Leaky"]
    assert any("ln 3" in t.get_text() for t in ax_loss.texts)


def test_plot_revival_rejects_mismatched_runs():
    losses, dead = _runs()
    with pytest.raises(ValueError, match="same"):
        plot_revival(losses, {"ReLU": dead["ReLU"]})


def test_revival_map_shows_dead_units_in_grey_and_sparse_units_in_colour():
    share = np.zeros((5, 3))  # unit 0 dead, unit 1 active from epoch 3 on 1/300, unit 2 from 1
    share[3:, 1] = 1 / 300
    share[1:, 2] = 0.5
    figure = plot_revival_map({"Leaky": share})
    ax = figure.axes[0]
    assert "2 of 3 revived" in ax.get_title()
    (image,) = ax.get_images()
    shown = image.get_array()
    # sorted by first activity: unit 2 (epoch 1), unit 1 (epoch 3), unit 0 (never)
    assert shown.mask[2].all() and not shown.mask[0, 1:].any()
    dead_colour = image.cmap(np.ma.masked_invalid([np.nan]))[0]
    sparse_colour = image.cmap(image.norm(1 / 300))
    assert to_rgba(dead_colour) == to_rgba("0.85")
    assert np.abs(np.subtract(dead_colour, sparse_colour)[:3]).max() > 0.3  # told apart
    assert "grey rows are dead units" in figure.texts[0].get_text()
    bar = figure.axes[-1]
    assert [t.get_text() for t in bar.get_yticklabels()] == ["1%", "3%", "10%", "30%", "100%"]


def test_revival_map_needs_a_run():
    with pytest.raises(ValueError):
        plot_revival_map({})


# --- the learned slopes -------------------------------------------------------------------------


def test_alpha_paths_plot_shared_slopes_and_per_unit_medians():
    epochs, layers = 6, 3
    shared = np.linspace(0.25, 1.5, epochs)[:, None, None] * np.ones((1, layers, 1))
    per_unit = np.full((epochs, layers, 4), 0.25)
    per_unit[:, :, 0] = -1.0
    figure = plot_alpha_paths(shared, per_unit)
    ax_shared, ax_unit = figure.axes[:2]
    assert len(ax_shared.lines) == 1 + layers  # the start line, one line per layer
    np.testing.assert_allclose(ax_shared.lines[1].get_ydata(), shared[:, 0, 0])
    np.testing.assert_allclose(ax_unit.lines[1].get_ydata(), np.full(epochs, 0.25))  # the median
    assert len(ax_unit.collections) == layers  # one band per layer
    assert "0.25" in ax_shared.get_title()
    assert ax_shared.lines[0].get_ydata()[0] == 0.25


def test_alpha_paths_reject_bad_shapes():
    with pytest.raises(ValueError, match="shape"):
        plot_alpha_paths(np.zeros((3, 2)), np.zeros((3, 2, 4)))
