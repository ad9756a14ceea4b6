"""Tests for helpers.network_plot, inspecting the returned figures under the Agg backend."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers.network_plot import NEGATIVE_COLOUR, POSITIVE_COLOUR, draw_flow, draw_network


def texts(ax):
    return [t.get_text() for t in ax.texts]


def boxed_texts(ax):
    return [t.get_text() for t in ax.texts if t.get_bbox_patch() is not None]


W1 = np.array([[0.5, -1.0, 0.25], [1.0, 0.5, 0.75]])
W2 = np.array([[0.8], [-0.6], [1.2]])


def test_draw_network_draws_one_box_per_unit_and_one_edge_per_weight():
    figure = draw_network([2, 3, 1])
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    hidden = [f"$a^{{[1]}}_{{{j}}}$" for j in (1, 2, 3)]
    assert boxed_texts(ax) == ["$x_{1}$", "$x_{2}$", *hidden, "$\\hat y_{1}$"]
    assert len(ax.get_lines()) == 2 * 3 + 3 * 1


def test_draw_network_writes_node_text_and_layer_labels():
    node_text = [["x1 = 2"], ["z = 1.5\na = 1.5", "z = -1\na = 0"], ["ŷ = 0.7"]]
    ax = draw_network([1, 2, 1], node_text=node_text, layer_labels=["in", "hidden", "out"]).axes[0]
    assert "z = -1\na = 0" in boxed_texts(ax)
    assert "ŷ = 0.7" in boxed_texts(ax)
    assert {"in", "hidden", "out"} <= set(texts(ax))


def test_draw_network_edges_follow_the_weights():
    ax = draw_network([2, 3, 1], weights=[W1, W2], weight_labels=True).axes[0]
    lines = ax.get_lines()
    # Edge (i, j) of layer 0 comes in row-major order of W: W1[0, 1] = -1 is the second line.
    assert to_hex(lines[1].get_color()) == to_hex(NEGATIVE_COLOUR)
    assert to_hex(lines[0].get_color()) == to_hex(POSITIVE_COLOUR)
    widths = [line.get_linewidth() for line in lines]
    assert widths[1] > widths[0]  # |−1| > |0.5|
    assert max(widths) == pytest.approx(widths[6 + 2])  # the largest |w| is W2[2, 0] = 1.2
    assert {"0.5", "-1", "0.25", "0.8", "-0.6", "1.2"} <= set(texts(ax))


def test_draw_network_without_weight_labels_writes_no_numbers():
    ax = draw_network([2, 3, 1], weights=[W1, W2]).axes[0]
    assert "-0.6" not in texts(ax)


def test_draw_network_uses_the_given_axes():
    figure, (left, right) = plt.subplots(1, 2)
    assert draw_network([2, 2], ax=right, title="small") is figure
    assert right.get_title() == "small"
    assert not left.texts


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"sizes": "231"}, TypeError, "sizes"),
        ({"sizes": []}, TypeError, "sizes"),
        ({"sizes": [2, 0, 1]}, ValueError, "sizes"),
        ({"sizes": [2, 1.5]}, ValueError, "sizes"),
        ({"sizes": [2, 3, 1], "weights": [W1.T, W2]}, ValueError, "weights[0] must have shape"),
        ({"sizes": [2, 3, 1], "weights": [W1]}, ValueError, "weights must have 2 entries"),
        ({"sizes": [2, 1], "node_text": [["a"], ["b"]]}, ValueError, "node_text[0]"),
        ({"sizes": [2, 1], "layer_labels": ["in"]}, ValueError, "layer_labels"),
        ({"sizes": [2, 1], "ax": "left"}, TypeError, "ax must be"),
    ],
)
def test_draw_network_rejects_bad_input_naming_the_argument(kwargs, error, fragment):
    with pytest.raises(error, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        draw_network(**kwargs)


def test_draw_flow_draws_boxes_arrows_labels_and_notes():
    boxes = ["x", "Dense", "ReLU", "ŷ"]
    figure = draw_flow(
        boxes,
        ["(n, 2)", "(n, 3)", "(n, 3)"],
        notes=[None, "W (2, 3)", None, None],
        colours=["#cce6f4", None, None, "#fbe3b5"],
        title="data flow",
    )
    (ax,) = figure.axes
    assert boxed_texts(ax) == boxes
    assert {"(n, 2)", "(n, 3)", "W (2, 3)"} <= set(texts(ax))
    arrows = [child for child in ax.get_children() if type(child).__name__ == "Annotation"]
    assert len(arrows) == 3
    assert to_hex(ax.texts[0].get_bbox_patch().get_facecolor()) == "#cce6f4"
    assert ax.get_title() == "data flow"
    figure.canvas.draw()  # arrows anchored to text boxes must resolve when rendered


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "fragment"),
    [
        (("x → y",), {}, TypeError, "boxes"),
        (([],), {}, TypeError, "boxes"),
        (([1, 2],), {}, TypeError, "boxes"),
        ((["a", "b"], ["1", "2"]), {}, ValueError, "arrows must have 1 entries"),
        ((["a", "b"],), {"notes": ["n"]}, ValueError, "notes"),
        ((["a", "b"],), {"colours": "red"}, TypeError, "colours"),
    ],
)
def test_draw_flow_rejects_bad_input_naming_the_argument(args, kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        draw_flow(*args, **kwargs)


def test_draw_flow_keeps_room_for_notes_only_when_there_are_some():
    without = draw_flow(["a", "b"], ["→"])
    with_notes = draw_flow(["a", "b"], ["→"], notes=["note", None])
    assert without.get_figheight() < with_notes.get_figheight()
    assert without.axes[0].get_ylim()[0] > with_notes.axes[0].get_ylim()[0]
