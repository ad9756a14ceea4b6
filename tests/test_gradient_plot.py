"""Tests for helpers.gradient_plot (chapter 03's gradient figures), inspecting the returned
figures under Agg: the slopes of the drawn lines, arrows, measured points, labels."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.text import Annotation

from helpers.gradient_plot import (
    plot_difference_errors,
    plot_secants,
    plot_tangent_steps,
    plot_uphill,
)


def _slope(line) -> float:
    x, y = line.get_xdata(), line.get_ydata()
    return (y[-1] - y[0]) / (x[-1] - x[0])


def test_secants_have_the_difference_quotient_as_slope_and_the_tangent_the_derivative():
    figure = plot_secants(lambda w: w**2, 1.0, 2.0, nudges=(-1.0, -0.5), label="w")
    assert isinstance(figure, Figure)
    ax = figure.axes[0]
    curve, secant_1, _, secant_2, _, tangent, _ = ax.get_lines()
    np.testing.assert_allclose(curve.get_ydata(), curve.get_xdata() ** 2)
    assert np.isclose(_slope(secant_1), 1.0)  # ((0)² − 1²) / (−1)
    assert np.isclose(_slope(secant_2), 1.5)  # ((0.5)² − 1) / (−0.5)
    assert np.isclose(_slope(tangent), 2.0)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[1] == "secant over Δw = -1: slope 1.0000"
    assert labels[-1] == "tangent: slope ∂L/∂w = 2.0000"


def test_difference_errors_are_drawn_log_log_with_reference_slopes():
    h = 10.0 ** -np.arange(1, 8)
    ax = plot_difference_errors(h, h / 2, h**2 / 6).axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    forward, centred, ref_1, ref_2, ref_minus_1 = ax.get_lines()[:5]
    np.testing.assert_allclose(forward.get_ydata(), h / 2)
    np.testing.assert_allclose(centred.get_ydata(), h**2 / 6)
    for line, power in [(ref_1, 1), (ref_2, 2), (ref_minus_1, -1)]:
        logs = np.log10(line.get_ydata())
        assert np.isclose((logs[-1] - logs[0]) / (np.log10(h[-1]) - np.log10(h[0])), power)
    verticals = [line.get_xdata()[0] for line in ax.get_lines()[5:]]
    eps = np.finfo(float).eps
    np.testing.assert_allclose(verticals, [np.sqrt(eps), eps ** (1 / 3)])
    assert ax.get_ylim() == (1e-13, 1e-1)
    assert ax.get_xlim()[0] > 1e-9  # the plain-text ticks (from 1e-12) do not widen the h axis
    assert all("$" not in t.get_text() for t in ax.get_yticklabels())


def _bowl(W):
    W = np.atleast_2d(W)
    return 0.5 * W[:, 0] ** 2 + 2.0 * W[:, 1] ** 2


def _bowl_gradient(w):
    return np.array([w[0], 4.0 * w[1]])


def test_uphill_shows_gradient_arrows_and_the_measured_slopes():
    at = np.array([1.0, 0.5])
    angles = np.deg2rad(np.arange(0, 360, 10.0))
    measured = np.cos(angles) * 1 + np.sin(angles) * 2  # ∇L·u at (1, 0.5): ∇L = (1, 2)
    figure = plot_uphill(
        _bowl,
        _bowl_gradient,
        at,
        angles,
        measured,
        minimum=(0, 0),
        limits=((-2, 2), (-2, 2)),
        levels=np.linspace(0.1, 4, 8),
    )
    surface, slopes = figure.axes
    assert "$" not in surface.get_xlabel() + surface.get_ylabel()  # plain text, no mathtext
    assert len(surface.collections) >= 2 and any(
        c.__class__.__name__ == "Quiver" for c in surface.collections
    )
    arrows = [a for a in surface.texts if isinstance(a, Annotation)]
    assert len(arrows) == 2
    assert {t.get_text() for t in surface.texts} >= {"∇L", "−∇L"}
    points, cosine = slopes.get_lines()[:2]
    np.testing.assert_allclose(points.get_ydata(), measured)
    np.testing.assert_allclose(cosine.get_ydata(), measured, atol=1e-12)  # ‖∇L‖ cos θ
    direction = slopes.get_lines()[2].get_xdata()[0]
    assert np.isclose(direction, np.degrees(np.arctan2(2, 1)))


def test_tangent_steps_step_downhill_from_both_sides():
    def loss(w):
        return (np.asarray(w) - 1.0) ** 2

    figure = plot_tangent_steps(
        loss, lambda w: 2 * (w - 1.0), [-0.5, 2.5], 0.25, minimum=1.0, axis=(-1.0, 3.0)
    )
    ax = figure.axes[0]
    curve, left, _, right, _, minimum = ax.get_lines()
    np.testing.assert_allclose(curve.get_ydata(), (curve.get_xdata() - 1) ** 2)
    assert np.isclose(_slope(left), -3.0) and np.isclose(_slope(right), 3.0)
    steps = [a for a in ax.texts if isinstance(a, Annotation)]
    starts = [a.xyann[0] for a in steps]
    ends = [a.xy[0] for a in steps]
    assert starts == [-0.5, 2.5]
    np.testing.assert_allclose(ends, [0.25, 1.75])  # w − 0.25·slope: both closer to 1
    assert minimum.get_xdata()[0] == 1.0
