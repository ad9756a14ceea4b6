"""Tests for helpers.landscape: grid values, descent paths against closed forms, figures."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.contour import ContourSet
from matplotlib.figure import Figure
from matplotlib.quiver import Quiver

from helpers.landscape import PATH_COLOUR, descent_path, plot_loss_surface, surface_grid

CURVATURES = np.array([1.0, 10.0])  # L(w) = ½ Σ aᵢ wᵢ²: a bowl ten times steeper along w₂


def bowl(W):
    W = np.atleast_2d(W)
    return 0.5 * np.sum(CURVATURES * W**2, axis=1)


def bowl_gradient(w):
    return CURVATURES * w


# --- surface_grid -------------------------------------------------------------------------------


def test_surface_grid_evaluates_the_loss_at_every_grid_point():
    w1, w2, values = surface_grid(bowl, (-1.0, 2.0), (-3.0, 1.0), resolution=7)
    assert w1.shape == w2.shape == values.shape == (7, 7)
    assert (w1[0, 0], w1[0, -1], w2[0, 0], w2[-1, 0]) == (-1.0, 2.0, -3.0, 1.0)
    expected = [[bowl(np.array([a, b]))[0] for a, b in zip(r1, r2, strict=True)] for r1, r2 in
                zip(w1, w2, strict=True)]  # fmt: skip
    np.testing.assert_allclose(values, expected)


def test_surface_grid_calls_the_loss_once_with_all_points():
    calls = []

    def loss(W):
        calls.append(W.shape)
        return bowl(W)

    surface_grid(loss, (0, 1), (0, 1), resolution=5)
    assert calls == [(25, 2)]


def test_surface_grid_accepts_a_column_of_losses():
    _, _, values = surface_grid(lambda W: bowl(W)[:, None], (0, 1), (0, 1), resolution=3)
    assert values.shape == (3, 3)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"loss": 3}, TypeError, "loss must be callable"),
        ({"loss": lambda W: W.sum()}, ValueError, "loss must map an (m, 2) array"),
        ({"w1_limits": (1, 1)}, ValueError, "w1_limits must be finite with low < high"),
        ({"w2_limits": "ab"}, TypeError, "w2_limits must be a pair of numbers"),
        ({"w1_limits": (0, np.inf)}, ValueError, "w1_limits"),
        ({"resolution": 1}, ValueError, "resolution must be at least 2"),
        ({"resolution": 2.5}, TypeError, "resolution must be an int"),
    ],
)
def test_surface_grid_rejects_bad_input_naming_the_argument(kwargs, error, message):
    arguments = {"loss": bowl, "w1_limits": (0, 1), "w2_limits": (0, 1), "resolution": 5}
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        surface_grid(**{**arguments, **kwargs})


# --- descent_path -------------------------------------------------------------------------------


def test_descent_path_matches_the_closed_form_on_a_quadratic():
    # Along eigen-direction i every step multiplies wᵢ by (1 − η aᵢ).
    start, lr, steps = np.array([2.0, -1.0]), 0.05, 12
    path = descent_path(bowl_gradient, start, lr, steps)
    assert path.shape == (steps + 1, 2)
    k = np.arange(steps + 1)[:, None]
    np.testing.assert_allclose(path, start * (1 - lr * CURVATURES) ** k, rtol=1e-12)


def test_descent_path_oscillates_between_one_and_two_over_lambda_and_converges():
    path = descent_path(bowl_gradient, [1.0, 1.0], lr=0.15, steps=40)  # η a₂ = 1.5
    assert np.all(np.sign(path[1:6, 1]) == [-1, 1, -1, 1, -1])  # zig-zag across the valley
    assert abs(path[-1, 1]) < 1e-10


def test_descent_path_stops_early_when_the_run_diverges_without_warnings():
    # η a₂ = 3 > 2: w₂ is multiplied by 1 − 3 = −2 each step; 2¹⁹ < 1e6 = max_norm < 2²⁰.
    path = descent_path(bowl_gradient, [1.0, 1.0], lr=0.3, steps=1000)
    assert len(path) == 19 + 1
    np.testing.assert_allclose(path[:, 1], (-2.0) ** np.arange(20), rtol=1e-12)
    assert np.isfinite(path).all()


def test_descent_path_stops_at_non_finite_weights_without_warnings():
    path = descent_path(lambda w: np.array([np.inf, 0.0]), [0.0, 0.0], lr=1.0, steps=5)
    assert path.shape == (1, 2)


def test_descent_path_keeps_earlier_points_unchanged():
    start = np.array([1.0, 1.0])
    path = descent_path(bowl_gradient, start, lr=0.01, steps=3)
    assert np.array_equal(start, [1.0, 1.0])  # the caller's start is not moved in place
    assert len({tuple(point) for point in path}) == 4


def test_descent_path_with_zero_steps_is_the_start():
    assert descent_path(bowl_gradient, [0.5, 0.25], lr=0.1, steps=0).tolist() == [[0.5, 0.25]]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"gradient": None}, TypeError, "gradient must be callable"),
        ({"start": [[1.0, 2.0]]}, ValueError, "start must be a finite 1-D"),
        ({"start": [np.nan, 1.0]}, ValueError, "start must be a finite 1-D"),
        ({"lr": 0.0}, ValueError, "lr must be a positive finite number"),
        ({"lr": True}, ValueError, "lr must be a positive"),
        ({"steps": -1}, ValueError, "steps must be at least 0"),
        ({"steps": 2.0}, TypeError, "steps must be an int"),
        ({"gradient": lambda w: np.zeros(3)}, ValueError, r"gradient must return shape \(2,\)"),
    ],
)
def test_descent_path_rejects_bad_input_naming_the_argument(kwargs, error, message):
    arguments = {"gradient": bowl_gradient, "start": [1.0, 1.0], "lr": 0.1, "steps": 3}
    with pytest.raises(error, match=message):
        descent_path(**{**arguments, **kwargs})


# --- plot_loss_surface --------------------------------------------------------------------------


def test_plot_loss_surface_draws_contours_in_the_given_window():
    figure = plot_loss_surface(bowl, (-2, 3), (-1, 1), levels=8, resolution=31, title="a bowl")
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    assert any(isinstance(c, ContourSet) for c in ax.collections)
    assert ax.get_xlim() == (-2.0, 3.0) and ax.get_ylim() == (-1.0, 1.0)
    assert ax.get_title() == "a bowl"
    assert ax.get_xlabel() == "$w_1$" and ax.get_ylabel() == "$w_2$"


def test_plot_loss_surface_uses_given_levels():
    figure = plot_loss_surface(bowl, (-1, 1), (-1, 1), levels=[0.5, 1.0, 2.0], resolution=21)
    contours = [c for c in figure.axes[0].collections if isinstance(c, ContourSet)]
    assert any(list(c.levels) == [0.5, 1.0, 2.0] for c in contours)


def test_gradient_arrows_point_uphill_and_are_scaled_together():
    figure = plot_loss_surface(bowl, (-1, 1), (-1, 1), gradient=bowl_gradient, arrows=4)
    (quiver,) = [c for c in figure.axes[0].collections if isinstance(c, Quiver)]
    starts = quiver.get_offsets()
    assert len(starts) == 16
    np.testing.assert_allclose(np.column_stack([quiver.U, quiver.V]), bowl_gradient(starts))
    # The longest arrow spans 0.9 of a grid cell (cell = 2/4 = 0.5 in both directions).
    longest = np.max(np.linalg.norm(bowl_gradient(starts), axis=1))
    assert quiver.scale == pytest.approx(longest / (0.9 * 0.5))


def test_path_start_end_and_minimum_are_marked():
    path = descent_path(bowl_gradient, [1.0, 0.8], lr=0.05, steps=10)
    figure = plot_loss_surface(bowl, (-1, 2), (-1, 1), path=path, minimum=(0.0, 0.0))
    lines = figure.axes[0].get_lines()
    walk = [line for line in lines if len(line.get_xdata()) == len(path)]
    assert len(walk) == 1 and walk[0].get_color() == PATH_COLOUR
    np.testing.assert_allclose(np.column_stack([walk[0].get_xdata(), walk[0].get_ydata()]), path)
    markers = {line.get_marker() for line in lines}
    assert {"o", "x", "*"} <= markers
    by_gid = {line.get_gid(): line for line in lines}
    assert by_gid["path"] is walk[0]
    assert (by_gid["path start"].get_marker(), by_gid["path end"].get_marker()) == ("o", "x")
    np.testing.assert_array_equal(by_gid["path end"].get_xydata(), path[-1:])
    np.testing.assert_array_equal(by_gid["minimum"].get_xydata(), [[0.0, 0.0]])


def test_a_path_leaving_the_window_does_not_move_the_limits():
    path = np.array([[0.0, 0.0], [50.0, -40.0]])
    ax = plot_loss_surface(bowl, (-1, 1), (-1, 1), path=path).axes[0]
    assert ax.get_xlim() == (-1.0, 1.0) and ax.get_ylim() == (-1.0, 1.0)


def test_plot_loss_surface_draws_into_a_given_axes():
    figure, axes = plt.subplots(1, 2)
    returned = plot_loss_surface(bowl, (-1, 1), (-1, 1), ax=axes[1], resolution=11)
    assert returned is figure
    assert axes[1].get_title() == "loss surface" and not axes[0].collections


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"ax": "axes"}, TypeError, "ax must be a matplotlib Axes"),
        ({"path": [1.0, 2.0, 3.0]}, ValueError, r"path must have shape \(k, 2\)"),
        ({"arrows": 1, "gradient": bowl_gradient}, ValueError, "arrows must be at least 2"),
        ({"gradient": lambda w: 1.0}, ValueError, "gradient must return a vector"),
        ({"levels": 1}, ValueError, "levels must be at least 2"),
    ],
)
def test_plot_loss_surface_rejects_bad_input_naming_the_argument(kwargs, error, message):
    with pytest.raises(error, match=message):
        plot_loss_surface(bowl, (-1, 1), (-1, 1), resolution=11, **kwargs)
    assert plt.get_fignums() == []  # nothing half-drawn is left in pyplot
