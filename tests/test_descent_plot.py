"""Tests for helpers.descent_plot (chapter 03's learning-rate figures), inspecting the returned
figures under Agg: the walk and its gap, the panels, the sweep's points and crosses."""

from __future__ import annotations

import numpy as np

from helpers.descent_plot import descent_figure, plot_sweep, plot_walks, show_walk
from helpers.landscape import descent_path


def _loss(W):
    W = np.atleast_2d(W)
    return 0.5 * W[:, 0] ** 2 + 2.0 * W[:, 1] ** 2


def _gradient(w):
    return np.array([w[0], 4.0 * w[1]])


SURFACE = {
    "loss": _loss,
    "limits": ((-2, 2), (-2, 2)),
    "levels": np.linspace(0.05, 4, 10),
    "minimum": (0.0, 0.0),
}


def _gids(ax):
    return {line.get_gid(): line for line in ax.lines if line.get_gid()}


def test_the_explorer_figure_starts_with_a_one_point_walk_and_an_empty_gap_panel():
    figure = descent_figure(SURFACE, [1.5, 1.0])
    ax_path, ax_gap = figure.axes[:2]
    marks = _gids(ax_path)
    assert {"path", "path start", "path end", "minimum"} <= set(marks)
    np.testing.assert_allclose(marks["path"].get_xydata(), [[1.5, 1.0]])
    assert ax_gap.get_yscale() == "log" and ax_gap.get_ylim() == (1e-12, 10)
    assert ax_gap.get_lines() == []


def test_show_walk_moves_the_walk_and_redraws_the_gap_without_leftovers():
    figure = descent_figure(SURFACE, [1.5, 1.0])
    for lr, steps in [(0.1, 30), (0.45, 10)]:
        path = descent_path(_gradient, [1.5, 1.0], lr, steps)
        show_walk(figure, path, _loss(path), 1e-4, f"η = {lr}", "gap")
    ax_path, ax_gap = figure.axes[:2]
    np.testing.assert_allclose(_gids(ax_path)["path"].get_xydata(), path)
    np.testing.assert_allclose(_gids(ax_path)["path end"].get_xydata(), path[-1:])
    gap, threshold = ax_gap.get_lines()  # one gap curve and the threshold, nothing left over
    np.testing.assert_allclose(gap.get_ydata(), np.maximum(_loss(path), 1e-16))
    assert threshold.get_ydata()[0] == 1e-4
    assert ax_path.get_title() == "η = 0.45" and ax_gap.get_title() == "gap"
    assert ax_gap.get_xlim() == (-0.5, 10.5)


def test_walks_draws_one_titled_panel_per_walk():
    paths = {f"η = {lr}": descent_path(_gradient, [1.5, 1.0], lr, 5) for lr in (0.1, 0.3, 0.6)}
    figure = plot_walks(SURFACE, paths)
    assert [ax.get_title() for ax in figure.axes[:3]] == list(paths)
    for ax, path in zip(figure.axes, paths.values(), strict=False):
        np.testing.assert_allclose(_gids(ax)["path"].get_xydata(), path)


def test_sweep_plots_converged_runs_as_points_and_the_rest_as_crosses():
    lrs = [0.1, 0.2, 0.4, 0.6]
    figure = plot_sweep(lrs, [40, 20, 8, None], {"2/λ_max": 0.5}, max_steps=300, tol=1e-4)
    (ax_sweep,) = figure.axes
    points, crosses, edge = ax_sweep.get_lines()
    np.testing.assert_allclose(points.get_xydata(), [[0.1, 40], [0.2, 20], [0.4, 8]])
    np.testing.assert_allclose(crosses.get_xydata(), [[0.6, 300]])
    assert crosses.get_marker() == "x" and edge.get_xdata()[0] == 0.5
    assert ax_sweep.get_xscale() == ax_sweep.get_yscale() == "log"
    assert [t.get_text() for t in ax_sweep.texts] == ["2/λ_max"]
    assert "0.0001" in ax_sweep.get_ylabel()
    assert all("$" not in t.get_text() for t in ax_sweep.get_xticklabels())
