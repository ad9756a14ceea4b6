"""The figures of chapter 05, "Backpropagation": how the blame for a mistake travels back.

Both are pure: they take what the chapter computed and return the ``Figure``, never calling
``plt.show()``.

- ``plot_exam_diagram``  the network as an exam: the answer flows forward layer by layer, the
  blame δ flows back, and each layer keeps ∂L/∂W = Aᵀδ, its share of it
- ``plot_unit_blame``    BP2 for one hidden unit, as bars: the share W_jk·δ_k it receives from each
  unit k it feeds, their sum, and that sum times f′(z_j), which is the unit's own blame δ_j
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from helpers.plotting import CLASS_COLOURS, figure_and_axes

__all__ = ["plot_exam_diagram", "plot_unit_blame"]

FORWARD_COLOUR, BACKWARD_COLOUR = CLASS_COLOURS[0], CLASS_COLOURS[5]  # blue, vermillion
_SUP = "⁰¹²³"
# Plain text with Unicode superscripts (W¹ for the chapter's W^[1]), as in the chapter's
# printed summary of the four equations: mathtext would cost more to draw than the rest.
_LAYERS = (
    "input X\n(the exam paper)",
    "layer 1\nW¹, b¹, tanh",
    "layer 2\nW², b², tanh",
    "layer 3\nW³, b³",
    "softmax + loss\nL (the mark)",
)


def _box(ax: Axes, x: float, text: str) -> None:
    corner = (x - 0.85, -0.525)
    style = {"boxstyle": "round,pad=0.06", "facecolor": "white", "edgecolor": "0.3", "lw": 1.6}
    ax.add_patch(FancyBboxPatch(corner, 1.7, 1.05, **style))
    ax.text(x, 0.0, text, ha="center", va="center", fontsize=10.5)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], colour: str) -> None:
    style = {"arrowstyle": "-|>", "mutation_scale": 16, "color": colour, "lw": 2.0}
    ax.add_patch(FancyArrowPatch(start, end, **style))


def plot_exam_diagram() -> Figure:
    """The 2-16-16-3 network of chapter 05 as five boxes. Blue arrows above carry the answer
    forward (A⁰ … Z³); vermillion arrows below carry the blame back (δ³ … δ¹), and under each
    layer is the part it keeps, ∂L/∂Wˡ = Aˡ⁻¹ᵀδˡ (BP4); under the loss, δ³ = (S − Y)/N (BP1)."""
    figure, ax = plt.subplots(figsize=(13, 4.6))
    ax.set(xlim=(-1.1, 13.1), ylim=(-2.6, 2.4))
    ax.axis("off")
    ax.set(xticks=[], yticks=[])  # no hidden ticks to create and measure at every draw
    xs = [0.0, 3.0, 6.0, 9.0, 12.0]
    for x, text in zip(xs, _LAYERS, strict=True):
        _box(ax, x, text)
    forward = ["A⁰", "A¹", "A²", "Z³"]
    backward = [None, "δ¹", "δ²", "δ³"]
    for left, right, f_text, b_text in zip(xs[:-1], xs[1:], forward, backward, strict=True):
        _arrow(ax, (left + 0.95, 0.25), (right - 0.95, 0.25), FORWARD_COLOUR)
        ax.text((left + right) / 2, 0.42, f_text, ha="center", fontsize=12, color=FORWARD_COLOUR)
        if b_text:
            _arrow(ax, (right - 0.95, -0.25), (left + 0.95, -0.25), BACKWARD_COLOUR)
            middle = (left + right) / 2
            ax.text(middle, -0.68, b_text, ha="center", fontsize=12, color=BACKWARD_COLOUR)
    for layer, x in enumerate(xs[1:4], start=1):
        keeps = f"keeps ∂L/∂W{_SUP[layer]} = A{_SUP[layer - 1]}ᵀδ{_SUP[layer]}"
        ax.text(x, -1.3, keeps, ha="center", fontsize=10, color=BACKWARD_COLOUR)
    ax.text(12.0, -1.3, "δ³ = (S − Y)/N", ha="center", fontsize=10, color=BACKWARD_COLOUR)
    ax.text(12.0, 1.55, "answer key Y", ha="center", fontsize=11)
    _arrow(ax, (12.0, 1.4), (12.0, 0.62), "0.3")
    _arrow(ax, (0.0, 1.55), (10.2, 1.55), FORWARD_COLOUR)
    ax.text(5.1, 1.75, "forward: the student works out the answer, one layer after another",
            ha="center", fontsize=11, color=FORWARD_COLOUR)  # fmt: skip
    _arrow(ax, (12.0, -2.0), (1.5, -2.0), BACKWARD_COLOUR)
    ax.text(6.75, -2.45, "backward: the teacher hands the blame back, each layer keeping its share",
            ha="center", fontsize=11, color=BACKWARD_COLOUR)  # fmt: skip
    ax.set_title("The exam and the teacher: the answer flows forward, the blame flows back")
    return figure


def plot_unit_blame(
    shares: Any,
    slope: float,
    *,
    sources: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    ylim: tuple[float, float] | None = None,
) -> Figure:
    """BP2 for one hidden unit j, one bar per step, each labelled with its value.

    ``shares[k]`` = W_jk·δ_k is the blame unit j receives from unit k of the next layer (bars
    named by ``sources``, default "from unit k"); the next bar is their sum (∂L/∂a_j, hatched);
    the last is that sum times ``slope`` = f′(z_j), the unit's error δ_j. Positive bars are
    vermillion, negative blue. ``ylim`` fixes the scale, so that panels can be compared.
    """
    shares = np.asarray(shares, dtype=np.float64)
    if shares.ndim != 1 or shares.size == 0:
        raise ValueError(f"shares must be a non-empty 1-D array, got shape {shares.shape}")
    sources = [f"from unit {k}" for k in range(shares.size)] if sources is None else list(sources)
    if len(sources) != shares.size:
        raise ValueError(f"sources must name {shares.size} shares, got {len(sources)}")
    total = float(shares.sum())
    values = [*shares, total, total * float(slope)]
    names = [*sources, "sum", f"× f′(z) = {float(slope):.2f}\n→ δ of the unit"]
    figure, ax = figure_and_axes(ax, (6.0, 3.6))
    colours = [BACKWARD_COLOUR if v > 0 else FORWARD_COLOUR for v in values]
    bars = ax.bar(range(len(values)), values, color=colours, edgecolor="0.2", linewidth=0.8)
    bars[-2].set_hatch("//")
    for bar, value in zip(bars, values, strict=True):
        ax.annotate(f"{value:+.3f}", (bar.get_x() + bar.get_width() / 2, value), ha="center",
                    va="bottom" if value >= 0 else "top", fontsize=9,
                    xytext=(0, 3 if value >= 0 else -3), textcoords="offset points")  # fmt: skip
    ax.axhline(0.0, color="0.2", lw=0.8)
    ax.axvline(shares.size - 0.5, color="0.6", lw=0.8, ls=":")
    ax.set_xticks(range(len(values)), names, fontsize=9)
    ax.set_ylabel("blame  (× N)")
    if ylim is not None:
        ax.set_ylim(*ylim)
    if title is not None:
        ax.set_title(title, fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    return figure
