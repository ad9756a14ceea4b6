"""Tests for helpers.elu_plot (chapter 10's figures), inspecting the returned figures under Agg:
what each draws (lines and their data, colours, titles, labels, limits)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS, elu
from helpers.elu_plot import (
    plot_bias_shift,
    plot_expm1_errors,
    plot_one_sided_slopes,
    plot_soft_floor,
    plot_tuned_comparison,
)


def colour(name: str) -> str:
    return to_hex(ACTIVATIONS[name].colour)


def labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


def test_soft_floor_draws_three_activations_and_the_floor():
    fig = plot_soft_floor()
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    curves = [line for line in ax.lines if len(line.get_xdata()) > 2]
    assert [to_hex(line.get_color()) for line in curves] == [
        colour("relu"),
        colour("leaky_relu"),
        colour("elu"),
    ]
    x, y = curves[2].get_data()
    np.testing.assert_allclose(y, elu(np.asarray(x)))
    assert y.min() > -1 and y.min() < -0.99  # ELU approaches its floor −α = −1 from above
    np.testing.assert_allclose(curves[1].get_ydata()[0], 0.1 * x[0])  # Leaky: a ramp
    floors = [line for line in ax.lines if list(line.get_ydata()) == [-1, -1]]
    assert len(floors) == 1 and floors[0].get_linestyle() == ":"
    assert ax.get_ylim() == (-1.9, 3.0)
    assert labels(ax)[2] == "ELU (α = 1): a soft floor"
    assert {t.get_text() for t in ax.texts} == {"floor −α = −1", "slope α·eˣ: α at 0, fading to 0"}


def test_one_sided_slopes_marks_alpha_filled_and_one_open_at_zero():
    fig = plot_one_sided_slopes((0.5, 2.0))
    left, right = fig.axes
    assert labels(left) == ["α = 0.5", "α = 2"]
    dots = [line for line in left.lines if len(line.get_xdata()) == 1]
    filled = sorted(d.get_ydata()[0] for d in dots if d.get_markerfacecolor() != "white")
    assert filled == [0.5, 2.0]  # the value used at 0 is α
    assert all(d.get_ydata()[0] == 1 for d in dots if d.get_markerfacecolor() == "white")
    pieces = [line for line in left.lines if len(line.get_xdata()) > 1]
    assert len(pieces) == 4  # two pieces per α: the jump is not bridged by a line
    assert all(line.get_xdata().max() <= 0 or line.get_xdata().min() > 0 for line in pieces)
    second = [line for line in right.lines if len(line.get_xdata()) > 1]
    assert second[0].get_ydata()[-1] == pytest.approx(1.0)  # f″(0⁻) = 1 for α = 1
    assert np.all(second[1].get_ydata() == 0)
    assert "f″ still jumps" in right.get_title()


def _bias_shift_data():
    epochs = [0, 10, 20]
    means = {
        "relu": np.array([[0.4, 0.3], [0.45, 0.5], [0.5, 0.6]]),
        "elu": np.array([[0.2, 0.1], [0.2, 0.2], [0.21, 0.25]]),
    }
    losses = {"relu": [1.0, 0.8, 0.6], "elu": [1.0, 0.5, 0.2]}
    return means, losses, epochs


def test_bias_shift_shows_the_means_during_training_and_the_loss():
    means, losses, epochs = _bias_shift_data()
    fig = plot_bias_shift(means, losses, epochs, shown_layers=(0, 1))
    during, loss = fig.axes
    assert to_hex(during.lines[0].get_color()) == colour("relu")
    assert labels(during) == [
        f"{ACTIVATIONS[name].label}, layer {layer}" for name in ("relu", "elu") for layer in (1, 2)
    ]
    assert [list(line.get_xdata()) for line in during.lines] == [epochs] * 4
    np.testing.assert_allclose(during.lines[1].get_ydata(), [0.3, 0.5, 0.6])
    assert loss.get_yscale() == "log"
    np.testing.assert_allclose(loss.lines[1].get_ydata(), [1.0, 0.5, 0.2])
    assert list(loss.lines[1].get_xdata()) == [1, 2, 3]


def test_bias_shift_rejects_mismatched_activations():
    means, losses, epochs = _bias_shift_data()
    with pytest.raises(ValueError, match="same activations"):
        plot_bias_shift(means, {"relu": losses["relu"]}, epochs)


def test_expm1_errors_draws_zero_errors_on_the_floor_and_the_bound():
    magnitudes = np.array([1e-16, 1e-8, 1e-2])
    naive, careful = np.array([0.1, 1e-9, 1e-15]), np.array([0.0, 1e-17, 0.0])
    fig = plot_expm1_errors(magnitudes, naive, careful)
    (ax,) = fig.axes
    assert ax.get_xscale() == ax.get_yscale() == "log"
    naive_line, careful_line, bound, rounding = ax.lines
    np.testing.assert_allclose(naive_line.get_ydata(), naive)
    np.testing.assert_allclose(careful_line.get_ydata(), [1e-19, 1e-17, 1e-19])
    np.testing.assert_allclose(bound.get_ydata()[1], 2.0**-54 / abs(np.expm1(-1e-8)))
    assert rounding.get_ydata()[0] == 2.0**-53
    assert ax.get_ylim()[0] == pytest.approx(1e-19 / 3)
    assert labels(ax)[:2] == ["np.exp(x) − 1", "np.expm1(x)"]


def test_expm1_errors_rejects_mismatched_shapes():
    with pytest.raises(ValueError, match="same shape"):
        plot_expm1_errors(np.ones(3), np.ones(2), np.ones(3))


def test_tuned_comparison_puts_each_seed_at_its_column_and_joins_pairs():
    shared = {"relu": [0.46, 0.39], "elu": [0.10, 0.15]}
    tuned = {"relu": [0.038, 0.051], "elu": [0.026, 0.030]}
    fig = plot_tuned_comparison(shared, tuned, 0.03, {"relu": 0.3, "elu": 0.1})
    (ax,) = fig.axes
    assert ax.get_yscale() == "log"
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    assert [list(d.get_xdata()) for d in dots] == [[0, 0], [1, 1], [2, 2], [3, 3]]
    assert [list(d.get_ydata()) for d in dots] == [
        [0.46, 0.39],
        [0.10, 0.15],
        [0.038, 0.051],
        [0.026, 0.030],
    ]
    assert [to_hex(d.get_color()) for d in dots] == [colour("relu"), colour("elu")] * 2
    joins = [line for line in ax.lines if line.get_marker() != "o"]
    assert len(joins) == 4  # one grey line per seed in each group
    assert list(joins[0].get_ydata()) == [0.46, 0.10]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0].endswith("η = 0.03") and ticks[3].endswith("best η = 0.1")


def test_tuned_comparison_rejects_mismatched_names():
    with pytest.raises(ValueError, match="same activations"):
        plot_tuned_comparison({"relu": [1.0]}, {"elu": [1.0]}, 0.03, {"relu": 0.3})
