"""Tests for helpers.widgets, run without a browser: set a control, inspect the figure."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.plotting import plot_activation
from helpers.widgets import Explorer, float_slider, int_slider


def line_plot(slope, n=5):
    figure, ax = plt.subplots(figsize=(3, 2))
    x = np.arange(n, dtype=float)
    ax.plot(x, slope * x)
    return figure


def plotted_y(figure):
    return np.asarray(figure.axes[0].get_lines()[0].get_ydata())


def make_explorer(calls=None):
    def draw(slope, n):
        if calls is not None:
            calls.append((slope, n))
        return line_plot(slope, n)

    return Explorer(
        draw, slope=float_slider("slope", -2.0, 2.0, 0.5, 1.0), n=int_slider("n", 2, 10, 1, 5)
    )


def test_explorer_draws_once_on_construction():
    calls = []
    explorer = make_explorer(calls)
    assert calls == [(1.0, 5)]
    assert isinstance(explorer.figure, Figure)
    np.testing.assert_array_equal(plotted_y(explorer.figure), [0, 1, 2, 3, 4])


def test_redraw_changes_the_plotted_data():
    explorer = make_explorer()
    first = explorer.figure
    figure = explorer.redraw(slope=-2.0)
    assert figure is explorer.figure
    assert figure is not first
    np.testing.assert_array_equal(plotted_y(figure), [0, -2, -4, -6, -8])
    assert explorer.controls["slope"].value == -2.0


def test_redraw_of_several_controls_draws_once():
    calls = []
    explorer = make_explorer(calls)
    explorer.redraw(slope=0.5, n=3)
    assert calls == [(1.0, 5), (0.5, 3)]
    np.testing.assert_array_equal(plotted_y(explorer.figure), [0, 0.5, 1])


def test_moving_a_slider_redraws_as_in_the_browser():
    calls = []
    explorer = make_explorer(calls)
    explorer.controls["n"].value = 4
    assert calls[-1] == (1.0, 4)
    assert len(plotted_y(explorer.figure)) == 4
    assert explorer.values == {"slope": 1.0, "n": 4}


def test_pyplot_figure_count_does_not_grow():
    explorer = make_explorer()
    before = len(plt.get_fignums())
    for slope in (-1.0, 0.0, 0.5, 1.5):
        explorer.redraw(slope=slope)
    explorer.controls["n"].value = 7
    assert len(plt.get_fignums()) == before == 0


def test_output_has_fixed_height_and_widget_holds_controls():
    explorer = make_explorer()
    assert explorer.output.layout.height == "380px"
    assert isinstance(explorer.widget, widgets.VBox)
    assert explorer.widget.children[:2] == (explorer.controls["slope"], explorer.controls["n"])
    assert explorer.widget.children[-1] is explorer.output
    tall = Explorer(lambda a: line_plot(a), height="500px", a=float_slider("a", 0, 1, 0.1, 0.5))
    assert tall.output.layout.height == "500px"


def test_sliders_redraw_on_release_by_default():
    slider = widgets.FloatSlider(min=0, max=1, value=0.5)
    assert slider.continuous_update  # ipywidgets' own default ...
    Explorer(lambda a: line_plot(a), a=slider)
    assert not slider.continuous_update  # ... is switched off by the explorer


def test_explorer_with_a_plotting_function_and_dropdown():
    explorer = Explorer(
        lambda name, alpha: plot_activation(
            name, params={"alpha": alpha} if name == "leaky_relu" else None
        ),
        name=widgets.Dropdown(options=["relu", "leaky_relu"], value="relu"),
        alpha=float_slider("α", 0.0, 0.5, 0.05, 0.1),
    )
    relu_f = explorer.figure.axes[0].get_lines()[0]
    assert relu_f.get_ydata()[0] == 0.0
    figure = explorer.redraw(name="leaky_relu", alpha=0.5)
    leaky_f = figure.axes[0].get_lines()[0]
    assert leaky_f.get_ydata()[0] == pytest.approx(0.5 * leaky_f.get_xdata()[0])
    assert plt.get_fignums() == []


def test_redraw_bad_values():
    explorer = make_explorer()
    with pytest.raises(ValueError, match="unknown names"):
        explorer.redraw(slop=1.0)
    with pytest.raises(ValueError, match=r"slope must be a number in \[-2.0, 2.0\]"):
        explorer.redraw(slope=3.0)
    assert explorer.controls["slope"].value == 1.0  # nothing was changed


def test_draw_must_return_a_figure():
    with pytest.raises(TypeError, match="draw must return a matplotlib Figure, got NoneType"):
        Explorer(lambda a: None, a=float_slider("a", 0, 1, 0.1, 0.5))
    with pytest.raises(TypeError, match="draw must be callable"):
        Explorer("plot")
    with pytest.raises(TypeError, match="control 'a' must be an ipywidgets value widget"):
        Explorer(lambda a: line_plot(a), a=0.5)


def test_failing_draw_leaves_no_figure_behind():
    def draw(a):
        plt.figure()
        raise RuntimeError("draw failed")

    with pytest.raises(RuntimeError, match="draw failed"):
        Explorer(draw, a=float_slider("a", 0, 1, 0.1, 0.5))
    assert plt.get_fignums() == []


def test_float_slider_defaults():
    slider = float_slider("α", 0.0, 0.5, 0.05, 0.1)
    assert isinstance(slider, widgets.FloatSlider)
    assert (slider.description, slider.min, slider.max, slider.step, slider.value) == (
        "α",
        0.0,
        0.5,
        0.05,
        0.1,
    )
    assert slider.continuous_update is False
    assert slider.readout_format == ".2f"
    assert float_slider("x", 0, 10, 0.5, 1).readout_format == ".1f"
    assert float_slider("x", 0, 10, 1, 1).readout_format == ".0f"
    assert float_slider("x", 0, 1, 0.1, 0.5, continuous_update=True).continuous_update


def test_int_slider_defaults():
    slider = int_slider("units", 1, 64, 1, 8)
    assert isinstance(slider, widgets.IntSlider)
    assert (slider.min, slider.max, slider.value) == (1, 64, 8)
    assert slider.continuous_update is False
    assert int_slider("n", 3, 9).value == 3


def test_slider_factories_validate():
    with pytest.raises(ValueError, match="min must be less than max"):
        float_slider("x", 1.0, 0.0, 0.1, 0.5)
    with pytest.raises(ValueError, match="step must be positive"):
        float_slider("x", 0.0, 1.0, 0.0, 0.5)
    with pytest.raises(ValueError, match="value must lie in"):
        float_slider("x", 0.0, 1.0, 0.1, 2.0)
    with pytest.raises(TypeError, match="step must be an int"):
        int_slider("n", 0, 10, 0.5, 1)
    with pytest.raises(TypeError, match="min must be a number"):
        float_slider("x", "0", 1.0, 0.1, 0.5)


def test_redraw_accepts_values_of_a_log_slider() -> None:

    drawn = []

    def draw(lr):
        drawn.append(lr)
        return plt.figure()

    slider = widgets.FloatLogSlider(value=0.1, base=10, min=-3, max=1)
    explorer = Explorer(draw, lr=slider)
    explorer.redraw(lr=3.0)
    assert drawn[-1] == 3.0
    with pytest.raises(ValueError, match=r"lr must be a number in \[0\.001, 10"):
        explorer.redraw(lr=100.0)
