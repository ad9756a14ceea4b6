"""Tests for helpers.gradcheck_plot (chapter 05's gradient-check figures), inspecting the
returned figures under Agg: the dots, the bars, the tolerance line and the colours."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex

from helpers.gradcheck import check_gradient
from helpers.gradcheck_plot import BUG_COLOUR, plot_check_errors, plot_gradient_check


def _results():
    a, b = np.array([1.0, -2.0, 0.5]), np.array([[0.3, 0.1], [2.0, -1.0]])
    return {
        "a": check_gradient(lambda v: float(np.sum(v**3)), a, 3 * a**2),
        "b": check_gradient(lambda v: float(np.sum(np.sin(v))), b, np.cos(b) + 1e-3),  # wrong
    }


def test_gradient_check_plots_one_dot_per_partial_derivative_on_the_diagonal():
    results = _results()
    figure = plot_gradient_check(results)
    dots_ax, _ = figure.axes
    offsets = [collection.get_offsets() for collection in dots_ax.collections]
    assert [len(o) for o in offsets] == [3, 4]
    np.testing.assert_allclose(offsets[0][:, 0], results["a"].numerical)  # x: numerical
    np.testing.assert_allclose(offsets[0][:, 1], results["a"].analytic)  # y: backpropagation
    (diagonal,) = dots_ax.get_lines()
    x, y = diagonal.get_data()
    np.testing.assert_allclose(x, y)
    assert "All 7 partial derivatives" in dots_ax.get_title()
    assert [t.get_text() for t in dots_ax.get_legend().get_texts()] == ["a", "b"]


def test_gradient_check_bars_show_each_tensors_error_against_the_tolerance():
    results = _results()
    _, bars_ax = plot_gradient_check(results, tol=1e-7).axes
    heights = [bar.get_height() for bar in bars_ax.containers[0]]
    assert heights[0] < 1e-7 < heights[1]
    assert heights[1] == pytest.approx(results["b"].max_error)
    assert bars_ax.get_yscale() == "log"
    (tolerance,) = bars_ax.get_lines()
    assert tolerance.get_ydata()[0] == 1e-7
    assert any("tolerance" in t.get_text() for t in bars_ax.texts)


def test_gradient_check_refuses_no_results():
    with pytest.raises(ValueError, match="must not be empty"):
        plot_gradient_check({})


def test_check_errors_draws_one_bar_per_variant_first_on_top():
    errors = {"correct": 1e-10, "bug": 0.5, "kink": 0.03, "exact": 0.0}
    figure = plot_check_errors(errors, harmless=["kink"], right=["correct", "exact"])
    (ax,) = figure.axes
    bars = list(ax.containers[0])
    widths = [bar.get_width() for bar in bars]
    assert widths == [1e-10, 0.5, 0.03, 1e-16]  # an exact 0 is drawn at the axis floor
    assert [t.get_text() for t in ax.get_yticklabels()] == list(errors)
    assert ax.yaxis_inverted()  # the first entry on top
    colours = [to_hex(bar.get_facecolor()) for bar in bars]
    assert colours[1] == to_hex(BUG_COLOUR)
    assert colours[0] == colours[2] == colours[3] == to_hex("0.5")
    assert [bar.get_hatch() for bar in bars] == [None, None, "//", None]
    assert ax.get_xscale() == "log"
    (tolerance,) = ax.get_lines()
    assert tolerance.get_xdata()[0] == 1e-7


def test_check_errors_refuses_unknown_names_and_empty_input():
    with pytest.raises(ValueError, match="must name entries"):
        plot_check_errors({"bug": 0.5}, harmless=["kink"])
    with pytest.raises(ValueError, match="must not be empty"):
        plot_check_errors({})
