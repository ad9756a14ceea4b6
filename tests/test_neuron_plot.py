"""Tests for helpers.neuron_plot (chapter 01's figures), inspecting the returned figures under Agg:
each function is checked for what it draws (lines and their data, colours, titles, labels)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from helpers.activations import ACTIVATIONS, relu
from helpers.neuron_plot import (
    plot_decision_panels,
    plot_depth_experiment,
    plot_error_rates,
    plot_hidden_space,
    plot_neuron_diagram,
    plot_piece_fit,
    plot_rates_and_fits,
    plot_walk,
)
from helpers.plotting import CLASS_COLOURS


def colour(name: str) -> str:
    return to_hex(ACTIVATIONS[name].colour)


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def legend_labels(ax) -> list[str]:
    return [t.get_text() for t in ax.get_legend().get_texts()]


# --- plot_neuron_diagram -----------------------------------------------------------------------


def test_neuron_diagram_draws_the_inputs_the_sum_and_the_activation():
    figure = plot_neuron_diagram(weights=(0.5, -1.0, 2.0))
    assert isinstance(figure, Figure)
    (diagram,) = figure.axes
    shown = texts(diagram)
    assert {"x₁", "x₂", "x₃", "w₁", "w₂", "w₃"} <= set(shown)
    assert {"Σ", "+ b", "z", "f", "a = f(z)"} <= set(shown)
    assert not any("$" in text for text in shown)  # plain text: no mathtext to parse
    arrows = [p for p in diagram.patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == 3 + 2  # one per input, then z and a


def test_neuron_diagram_arrow_width_grows_with_the_size_of_the_weight():
    diagram = plot_neuron_diagram(weights=(0.5, -1.0, 2.0)).axes[0]
    widths = [p.get_linewidth() for p in diagram.patches if isinstance(p, FancyArrowPatch)][:3]
    assert widths[0] < widths[1] < widths[2]  # |0.5| < |-1| < |2|


def test_neuron_diagram_draws_a_relu_in_the_activation_box():
    (line,) = plot_neuron_diagram().axes[0].get_lines()
    assert to_hex(line.get_color()) == colour("relu")
    rise = np.diff(line.get_ydata())
    half = len(rise) // 2
    assert np.all(rise[:half] == 0) and np.all(rise[half + 1 :] > 0)  # flat, then rising


@pytest.mark.parametrize("count", [1, 4])
def test_neuron_diagram_takes_one_to_four_inputs(count):
    diagram = plot_neuron_diagram(weights=[1.0] * count).axes[0]
    subscript = "₀₁₂₃₄₅"
    assert f"x{subscript[count]}" in texts(diagram)
    assert f"x{subscript[count + 1]}" not in texts(diagram)


@pytest.mark.parametrize("weights", [(), (1, 2, 3, 4, 5)])
def test_neuron_diagram_refuses_other_numbers_of_inputs(weights):
    with pytest.raises(ValueError, match="weights must have 1 to 4 entries"):
        plot_neuron_diagram(weights=weights)


# --- plot_walk ---------------------------------------------------------------------------------


def test_walk_draws_one_panel_per_curve_in_the_activation_colour():
    t = np.linspace(-1, 1, 5)[:, None]
    curves = {"straight": (2 * t[:, 0], "identity"), "bent": (relu(t[:, 0]), "relu")}
    figure = plot_walk(t, curves)
    assert [ax.get_title() for ax in figure.axes] == ["straight", "bent"]
    for ax, (values, name) in zip(figure.axes, curves.values(), strict=True):
        (line,) = ax.get_lines()
        np.testing.assert_allclose(line.get_xdata(), t[:, 0])
        np.testing.assert_allclose(line.get_ydata(), values)
        assert to_hex(line.get_color()) == colour(name)
        assert ax.get_xlabel() == "t  (input x = t·u)"


def test_walk_refuses_an_unknown_activation_and_no_curves():
    with pytest.raises(ValueError, match="activation must be one of"):
        plot_walk([0, 1], {"x": ([0, 1], "no such activation")})
    with pytest.raises(ValueError, match="curves must not be empty"):
        plot_walk([0, 1], {})


# --- plot_depth_experiment ---------------------------------------------------------------------


def test_depth_experiment_draws_data_floor_fits_and_losses():
    x = np.linspace(-1, 1, 6)
    y = x**2
    floor_fit = np.full(6, y.mean())
    runs = [
        ("linear", floor_fit, np.array([1.0, 0.5, 0.4]), "identity"),
        ("deep linear", floor_fit, np.array([2.0, 0.6, 0.4]), "identity"),
        ("ReLU", y + 0.01, np.array([1.0, 0.1, 0.01]), "relu"),
    ]
    fit, loss = plot_depth_experiment(x, y, floor_fit, 0.4, runs).axes
    data, least_squares, *fits = fit.get_lines()
    np.testing.assert_allclose(data.get_ydata(), y)
    assert least_squares.get_linestyle() == ":" and to_hex(least_squares.get_color()) == "#000000"
    assert [line.get_label() for line in fits] == ["linear", "deep linear", "ReLU"]
    np.testing.assert_allclose(fits[2].get_ydata(), y + 0.01)
    # Runs of one activation share a colour and differ in their dashes.
    assert to_hex(fits[0].get_color()) == to_hex(fits[1].get_color()) == colour("identity")
    assert fits[0].get_linestyle() != fits[1].get_linestyle()
    assert to_hex(fits[2].get_color()) == colour("relu")
    assert loss.get_yscale() == "log"
    *curves, floor = loss.get_lines()
    np.testing.assert_allclose(curves[2].get_xdata(), [1, 2, 3])
    np.testing.assert_allclose(curves[2].get_ydata(), [1.0, 0.1, 0.01])
    np.testing.assert_allclose(floor.get_ydata(), [0.4, 0.4])
    assert "least-squares floor" in texts(loss)  # labelled on the line
    assert loss.get_legend() is None  # the left legend names the runs for both panels
    assert not loss.yaxis.get_minor_locator()()  # no minor ticks on the log axis


# --- plot_decision_panels and plot_hidden_space ------------------------------------------------

CORNERS = np.array([[-1.0, -1.0], [-1.0, 1.0], [1.0, 1.0], [1.0, -1.0]])
LABELS = np.array([0, 1, 0, 1])


def test_decision_panels_title_each_panel_with_its_accuracy():
    panels = [
        ("right", lambda p: (p[:, 0] * p[:, 1] < 0).astype(float)),  # XOR itself: all right
        ("one line", lambda p: (p[:, 0] > 0).astype(int)),  # right on 2 of 4 corners
        ("probabilities", lambda p: np.full(len(p), 0.3)),  # says class 0 everywhere
    ]
    figure = plot_decision_panels(panels, CORNERS, LABELS, resolution=10)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == ["right: 100%", "one line: 50%", "probabilities: 50%"]
    first, *others = figure.axes
    assert (first.get_xlabel(), first.get_ylabel()) == ("x₁", "x₂")
    assert first.get_legend() is not None
    assert all(ax.get_legend() is None and ax.get_ylabel() == "" for ax in others)


def test_decision_panels_refuse_an_empty_list():
    with pytest.raises(ValueError, match="panels must not be empty"):
        plot_decision_panels([], CORNERS, LABELS)


def test_hidden_space_draws_both_spaces_and_the_separating_line():
    hidden = np.column_stack(
        [relu(CORNERS[:, 0] - CORNERS[:, 1]), relu(CORNERS[:, 1] - CORNERS[:, 0])]
    )
    inputs, space = plot_hidden_space(CORNERS, hidden, LABELS).axes
    for ax, points in ((inputs, CORNERS), (space, hidden)):
        class_0, class_1 = ax.collections
        np.testing.assert_allclose(class_0.get_offsets(), points[LABELS == 0])
        np.testing.assert_allclose(class_1.get_offsets(), points[LABELS == 1])
        assert to_hex(class_1.get_facecolor()[0]) == to_hex(CLASS_COLOURS[1])
    (line,) = space.get_lines()
    np.testing.assert_allclose(np.add(line.get_xdata(), line.get_ydata()), 1.0)  # h1 + h2 = 1
    assert "h₁ + h₂ = 1" in space.get_title()
    assert (inputs.get_xlabel(), space.get_ylabel()) == ("x₁", "h₂")


def test_hidden_space_refuses_mismatched_shapes():
    with pytest.raises(ValueError, match="must be"):
        plot_hidden_space(CORNERS, CORNERS[:3], LABELS)


# --- plot_piece_fit, plot_error_rates, plot_rates_and_fits ---------------------------------------

X = np.linspace(-1.0, 1.0, 9)
Y = np.abs(X)


def test_piece_fit_labels_each_fit_with_its_max_error_and_marks_the_knots():
    fits = {"2 hinges": (Y, "relu"), "a line": (np.full(9, 0.5), "identity")}
    ax = plot_piece_fit(X, Y, fits, knots=[-1.0, 0.0], title="n = 2").axes[0]
    target, hinges, line, ticks = ax.get_lines()
    assert line.get_linestyle() != hinges.get_linestyle()
    np.testing.assert_allclose(target.get_ydata(), Y)
    assert legend_labels(ax) == [
        "target",
        "2 hinges (max error 0.000)",
        "a line (max error 0.500)",
    ]
    assert to_hex(hinges.get_color()) == colour("relu")
    np.testing.assert_allclose(ticks.get_xdata(), [-1.0, 0.0])
    assert ticks.get_marker() == "|"
    assert ax.get_title() == "n = 2" and ax.get_xlabel() == "x  (ticks: knots)"


def test_piece_fit_without_a_legend_puts_the_error_in_the_title_on_the_given_axes():
    figure, ax = plt.subplots()
    assert (
        plot_piece_fit(X, Y, {"fit": (Y + 0.25, "relu")}, ax=ax, title="n = 1", legend=False)
        is figure
    )
    assert ax.get_legend() is None
    assert ax.get_title() == "n = 1: max error 0.250"


def test_error_rates_are_drawn_log_log_with_the_fitted_power_law():
    n = 2 ** np.arange(7)
    errors = {"hinges": (3.0 * n**-2.0, "relu"), "steps": (1.0 / n, "sigmoid")}
    ax = plot_error_rates(n, errors).axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    hinges, steps, fit = ax.get_lines()
    np.testing.assert_allclose(steps.get_ydata(), 1.0 / n)
    assert to_hex(hinges.get_color()) == colour("relu")
    assert hinges.get_marker() != steps.get_marker()
    assert fit.get_label() == "fit: error ∝ n^-2.00"  # fitted to the first series
    assert ax.yaxis.get_major_formatter()(0.01, 0) == "0.01"  # plain numbers, not 10⁻²
    assert not ax.yaxis.get_minor_locator()()  # and no minor ticks
    np.testing.assert_allclose(fit.get_xdata(), n[n >= 4])
    np.testing.assert_allclose(fit.get_ydata(), 3.0 * n[n >= 4] ** -2.0)


def test_error_rates_without_a_fit_draw_only_the_series():
    n = np.array([1, 2, 4])
    ax = plot_error_rates(n, {"x": (1.0 / n, "relu")}, fit_from=None).axes[0]
    assert len(ax.get_lines()) == 1


def test_rates_and_fits_side_by_side():
    n = 2 ** np.arange(5)
    errors = {"hinges": (n**-2.0, "relu"), "steps": (1.0 / n, "sigmoid")}
    rates, fit = plot_rates_and_fits(n, errors, X, Y, {"8 steps": (Y, "sigmoid")}, "n = 8").axes
    assert len(rates.get_lines()) == 2  # the series, no fitted line
    assert fit.get_title() == "n = 8"
    assert "8 steps (max error 0.000)" in legend_labels(fit)
