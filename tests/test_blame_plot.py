"""Tests for helpers.blame_plot (chapter 05's figures), inspecting the returned figures under Agg:
what is drawn (bars and their heights, colours, labels, arrows), not how it looks."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from helpers.blame_plot import (
    BACKWARD_COLOUR,
    FORWARD_COLOUR,
    plot_exam_diagram,
    plot_unit_blame,
)


def texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


# --- plot_exam_diagram -------------------------------------------------------------------------


def test_exam_diagram_has_five_boxes_and_the_forward_and_backward_labels():
    figure = plot_exam_diagram()
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    boxes = [p for p in ax.patches if isinstance(p, FancyBboxPatch)]
    assert len(boxes) == 5
    shown = texts(ax)
    assert {"A⁰", "A¹", "A²", "Z³"} <= set(shown)
    assert {"δ¹", "δ²", "δ³"} <= set(shown)
    assert "δ³ = (S − Y)/N" in shown  # BP1 under the loss
    assert "keeps ∂L/∂W² = A¹ᵀδ²" in shown  # BP4 under layer 2
    assert not any("$" in text for text in shown)  # plain text: no mathtext to lay out
    assert sum("keeps" in t for t in shown) == 3  # BP4 under each layer


def test_exam_diagram_arrows_run_forward_in_blue_and_backward_in_vermillion():
    (ax,) = plot_exam_diagram().axes
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    colours = [to_hex(a.get_edgecolor()) for a in arrows]
    # 4 forward arrows + the long one; 3 backward arrows + the long one; the answer key's arrow.
    assert colours.count(to_hex(FORWARD_COLOUR)) == 5
    assert colours.count(to_hex(BACKWARD_COLOUR)) == 4
    assert len(arrows) == 10
    forward = [a for a in arrows if to_hex(a.get_edgecolor()) == to_hex(FORWARD_COLOUR)]
    backward = [a for a in arrows if to_hex(a.get_edgecolor()) == to_hex(BACKWARD_COLOUR)]
    # Forward arrows point right (end x > start x), backward ones left.
    assert all(a._posA_posB[1][0] > a._posA_posB[0][0] for a in forward)
    assert all(a._posA_posB[1][0] < a._posA_posB[0][0] for a in backward)


# --- plot_unit_blame ---------------------------------------------------------------------------


def bars(ax):
    return list(ax.containers[0])


def test_unit_blame_draws_the_shares_their_sum_and_the_result():
    figure = plot_unit_blame([0.2, -0.5, 0.1], 0.6, sources=["a", "b", "c"])
    (ax,) = figure.axes
    heights = [bar.get_height() for bar in bars(ax)]
    np.testing.assert_allclose(heights, [0.2, -0.5, 0.1, -0.2, -0.12])
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[:4] == ["a", "b", "c", "sum"]
    assert "0.60" in labels[4] and "δ" in labels[4]
    assert [t.get_text() for t in ax.texts] == ["+0.200", "-0.500", "+0.100", "-0.200", "-0.120"]
    assert ax.get_ylabel() == "blame  (× N)"


def test_unit_blame_colours_bars_by_sign_and_hatches_the_sum():
    (ax,) = plot_unit_blame([0.3, -0.1], 0.5).axes
    colours = [to_hex(bar.get_facecolor()) for bar in bars(ax)]
    signs = [BACKWARD_COLOUR, FORWARD_COLOUR, BACKWARD_COLOUR, BACKWARD_COLOUR]  # +, −, +, +
    assert colours == [to_hex(c) for c in signs]
    assert [bar.get_hatch() for bar in bars(ax)] == [None, None, "//", None]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[:2] == ["from unit 0", "from unit 1"]


def test_unit_blame_a_saturated_unit_passes_on_nothing():
    (ax,) = plot_unit_blame([0.4, 0.2], 0.0).axes
    assert bars(ax)[-1].get_height() == 0.0
    assert bars(ax)[-2].get_height() == pytest.approx(0.6)


def test_unit_blame_keeps_a_given_scale_and_title_and_draws_into_a_given_axes():
    figure, ax = plt.subplots()
    returned = plot_unit_blame([0.1], 1.0, ax=ax, ylim=(-0.6, 0.6), title="unit 3")
    assert returned is figure
    assert ax.get_ylim() == (-0.6, 0.6)
    assert ax.get_title() == "unit 3"


@pytest.mark.parametrize(
    ("shares", "sources", "message"),
    [
        ([], None, "non-empty 1-D"),
        ([[0.1, 0.2]], None, "non-empty 1-D"),
        ([0.1], ["a", "b"], "name 1"),
    ],
)
def test_unit_blame_refuses_malformed_input(shares, sources, message):
    with pytest.raises(ValueError, match=message):
        plot_unit_blame(shares, 1.0, sources=sources)
