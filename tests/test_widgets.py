"""Tests for helpers.widgets, run without a browser: set a control, inspect the figure."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from helpers.plotting import plot_activation
from helpers.sliders import other_value, other_values
from helpers.widgets import VERIFY_VARIABLE, Explorer, float_slider, int_slider


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
    assert explorer.output.layout.height == "220px"  # the 2-inch figure's 200 px, and a margin
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


# --- updating explorers: setup() builds the figure once, draw(figure, ...) changes it ---


def line_figure():
    figure, ax = plt.subplots(figsize=(3, 2), layout="constrained")
    ax.plot([], [], color="C0")
    ax.set(xlim=(0, 9), ylim=(-20, 20), xlabel="x", ylabel="slope · x")
    return figure


def update_line(figure, slope, n):
    x = np.arange(n, dtype=float)
    figure.axes[0].lines[0].set_data(x, slope * x)
    figure.axes[0].set_title(f"slope {slope:g}")


def make_updating(draw=update_line):
    return Explorer(
        draw,
        setup=line_figure,
        slope=float_slider("slope", -2.0, 2.0, 0.5, 1.0),
        n=int_slider("n", 2, 10, 1, 5),
    )


@pytest.fixture(autouse=True)
def _no_verification_unless_asked(monkeypatch):
    monkeypatch.delenv(VERIFY_VARIABLE, raising=False)


def test_updating_explorer_keeps_one_figure_and_changes_its_data():
    explorer = make_updating()
    figure = explorer.figure
    np.testing.assert_array_equal(plotted_y(figure), [0, 1, 2, 3, 4])
    assert explorer.redraw(slope=-2.0, n=3) is figure
    np.testing.assert_array_equal(plotted_y(figure), [0, -2, -4])
    assert figure.axes[0].get_title() == "slope -2"
    assert plt.get_fignums() == []  # never left to pyplot, so never shown twice


def test_updating_explorer_lays_out_once_then_keeps_the_layout():
    explorer = make_updating()
    figure = explorer.figure
    assert not isinstance(figure.get_layout_engine(), ConstrainedLayoutEngine)
    laid_out = figure.axes[0].get_position().bounds
    fresh = line_figure()
    update_line(fresh, 1.0, 5)
    fresh.canvas.draw()  # constrained layout, computed afresh for the same picture
    np.testing.assert_allclose(laid_out, fresh.axes[0].get_position().bounds)
    explorer.redraw(slope=2.0)
    assert figure.axes[0].get_position().bounds == laid_out


def test_png_is_the_whole_laid_out_figure():
    explorer = make_updating()
    png = explorer.png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (300, 200)  # 3 x 2 inches at 100 dpi, not cropped


def test_updating_explorer_rejects_bad_setup_and_draw():
    with pytest.raises(TypeError, match="setup must return a matplotlib Figure, got tuple"):
        Explorer(update_line, setup=lambda: plt.subplots(), slope=float_slider("s", 0, 1, 0.1, 0))
    assert plt.get_fignums() == []
    with pytest.raises(TypeError, match="setup must be callable"):
        Explorer(update_line, setup="figure")
    with pytest.raises(TypeError, match="draw must update the figure it is given"):
        Explorer(
            lambda figure, slope: line_figure(),
            setup=line_figure,
            slope=float_slider("s", 0, 1, 0.1, 0),
        )


# --- verify(): the picture is a function of the controls and nothing else ---


def test_verify_passes_for_honest_explorers_and_restores_the_controls():
    for explorer in (make_explorer(), make_updating()):
        before = explorer.png()
        explorer.verify()
        assert explorer.values == {"slope": 1.0, "n": 5}
        assert explorer.png() == before


def test_verify_catches_a_control_that_changes_nothing():
    explorer = Explorer(
        lambda slope, n: line_plot(slope),  # n is ignored
        slope=float_slider("slope", -2.0, 2.0, 0.5, 1.0),
        n=int_slider("n", 2, 10, 1, 5),
    )
    with pytest.raises(AssertionError, match="moving n from 5 to 8 did not change the picture"):
        explorer.verify()
    assert explorer.values == {"slope": 1.0, "n": 5}


def test_verify_catches_an_update_that_leaves_old_artists_behind():
    def stacking_update(figure, slope, n):
        x = np.arange(n, dtype=float)
        figure.axes[0].plot(x, slope * x, color="C1")  # adds a line on every move

    explorer = make_updating(stacking_update)
    with pytest.raises(AssertionError, match="depends on what was drawn before"):
        explorer.verify()


def test_verify_catches_unseeded_randomness():
    generator = np.random.default_rng(0)  # shared across draws: each draw differs

    def noisy(slope):
        figure, ax = plt.subplots(figsize=(3, 2))
        ax.plot(slope * generator.standard_normal(20))
        return figure

    explorer = Explorer(noisy, slope=float_slider("slope", 0.0, 1.0, 0.1, 0.5))
    with pytest.raises(AssertionError, match=r"back to 0\.5 changed"):
        explorer.verify()


def test_every_explorer_verifies_itself_when_the_variable_is_set(monkeypatch):
    monkeypatch.setenv(VERIFY_VARIABLE, "1")
    make_updating()  # honest: constructs
    with pytest.raises(AssertionError, match="did not change the picture"):
        Explorer(lambda a: line_plot(1.0), a=float_slider("a", 0, 1, 0.1, 0.5))


def test_other_value_picks_a_valid_different_value():
    assert other_value(float_slider("x", 0.0, 1.0, 0.1, 0.0)) == pytest.approx(0.8)
    assert other_value(float_slider("x", 0.0, 1.0, 0.1, 0.8)) == pytest.approx(0.2)
    assert other_value(int_slider("n", 1, 11, 1, 1)) == 9
    assert other_value(widgets.Dropdown(options=["a", "b"], value="a")) == "b"
    assert other_value(widgets.Dropdown(options=[("A", 1), ("B", 2)], value=2)) == 1
    assert other_value(widgets.Dropdown(options=["only"], value="only")) is None
    assert other_value(widgets.Checkbox(value=True)) is False
    log = widgets.FloatLogSlider(value=1.0, base=10, min=-2, max=2, step=0.5)
    assert other_value(log) == pytest.approx(10**1.0)


def test_updating_explorer_keeps_one_agg_canvas_so_text_caches_hit():
    # A new canvas per redraw means a new renderer, and matplotlib's text caches are per renderer.
    explorer = make_updating()
    canvas = explorer.figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    explorer.redraw(slope=0.5)
    explorer.redraw(n=9)
    assert explorer.figure.canvas is canvas


def test_other_values_lists_distinct_picks_in_order():
    slider = int_slider("n", 0, 10, 1, 0)
    assert other_values(slider) == [8, 2, 5]
    assert other_values(int_slider("n", 0, 10, 1, 2)) == [8, 5]  # 20 % is the current value
    assert other_values(slider, limit=1) == [other_value(slider)] == [8]
    assert other_values(widgets.Dropdown(options=["a", "b", "c", "d", "e"], value="b")) == [
        "a",
        "c",
        "d",
    ]
    assert other_values(widgets.Dropdown(options=["only"], value="only")) == []


def test_a_figure_taller_than_the_output_is_refused_with_the_height_to_use():
    def tall(a):
        return plt.figure(figsize=(3, 4.5))  # 450 px at 100 dpi

    with pytest.raises(ValueError, match=r"450 px tall but the explorer's output is 400px: "
                       r"pass height='470px'"):  # fmt: skip
        Explorer(tall, height="400px", a=float_slider("a", 0, 1, 0.1, 0.5))
    assert plt.get_fignums() == []
    Explorer(tall, height="470px", a=float_slider("a", 0, 1, 0.1, 0.5))  # fits: no error
    assert Explorer(tall, a=float_slider("a", 0, 1, 0.1, 0.5)).output.layout.height == "470px"
