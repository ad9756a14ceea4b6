"""Tests for helpers.gate_plot (chapter 04's node figures), inspecting the figures under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from helpers.gate_plot import GRAD_COLOUR, Gate, plot_blame, plot_gates

ADD = Gate("+", [("w·x", -0.6), ("b", 0.3)], ("z", -0.3), "g = -0.281",
           ["1·g = -0.281", "1·g = -0.281"], "add: copies")  # fmt: skip
MAX = Gate("max", [("u", 0.8), ("v", -0.5)], ("m", 0.8), "g = -1.149",
           ["1·g = -1.149", "0·g = 0"], "max: routes")  # fmt: skip
SIGMOID = Gate("σ", [("z", -0.3)], ("a", 0.426), "g = -1.149", ["σ'(z)·g = -0.281"], "activation")


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_each_gate_gets_a_panel_with_its_values_and_gradients():
    figure = plot_gates([ADD, MAX, SIGMOID], ncols=2, title="four kinds")
    assert isinstance(figure, Figure)
    visible = [ax for ax in figure.axes if ax.get_visible()]
    assert len(figure.axes) == 4 and len(visible) == 3  # 2 × 2 grid, the last panel hidden
    assert [ax.get_title() for ax in visible] == ["add: copies", "max: routes", "activation"]
    assert figure.get_suptitle() == "four kinds"
    add_texts = texts(visible[0])
    assert {"+", "w·x = -0.600", "b = 0.300", "z = -0.300"} <= set(add_texts)
    assert "← 1·g = -0.281" in add_texts and "← g = -0.281" in add_texts
    assert "← 0·g = 0" in texts(visible[1])  # the router's loser
    assert sum(isinstance(p, Circle) for p in visible[2].patches) == 1


def test_gradients_are_drawn_in_the_gradient_colour_and_values_are_not():
    ax = plot_gates([ADD]).axes[0]
    colours = {t.get_text(): to_hex(t.get_color()) for t in ax.texts}
    assert colours["← g = -0.281"] == to_hex(GRAD_COLOUR)
    assert colours["z = -0.300"] != to_hex(GRAD_COLOUR)


def test_a_gate_needs_one_gradient_per_input_and_plot_gates_needs_gates():
    with pytest.raises(ValueError, match="one text per input"):
        Gate("+", [("a", 1.0), ("b", 2.0)], ("c", 3.0), "g", ["only one"], "t")
    with pytest.raises(ValueError, match="1 or 2"):
        Gate("+", [("a", 1.0), ("b", 2.0), ("c", 0.0)], ("d", 3.0), "g", ["1", "2", "3"], "t")
    with pytest.raises(TypeError, match="Gate"):
        plot_gates([])


def test_blame_bars_follow_the_backward_order_with_their_factors():
    grads = {"L": 1.0, "e": -1.149, "w": -0.421, "b": -0.281}
    factors = {"L": "start", "e": "× 2e", "w": "× x = 1.5", "b": "× 1"}
    ax = plot_blame(grads, factors, parameters=("w", "b"), title="blame").axes[0]
    heights = [bar.get_height() for bar in ax.patches]
    assert heights == pytest.approx([1.0, -1.149, -0.421, -0.281])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["L", "e", "w", "b"]
    assert "× x = 1.5\n→ -0.421" in texts(ax)
    blue, grey = to_hex(ax.patches[2].get_facecolor()), to_hex(ax.patches[0].get_facecolor())
    assert blue != grey and to_hex(ax.patches[3].get_facecolor()) == blue
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "parameter (learned)",
        "other value",
    ]
    low, high = ax.get_ylim()
    assert low < -1.149 and high > 1.0  # every bar and its label fits


def test_blame_needs_a_factor_for_every_node():
    with pytest.raises(ValueError, match="factors must label exactly"):
        plot_blame({"L": 1.0, "e": 2.0}, {"L": "start"})
