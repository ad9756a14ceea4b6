"""Softmax drawn as bars, and how a temperature moves it between argmax and uniform (chapter 11).

- ``entropy``             H(softmax(z)) = −Σ s log s along the last axis, from log-softmax
- ``draw_bars``           one bar per class, its value written on it
- ``temperature_figure``  the empty two-panel figure of the temperature explorer: bars, entropy
- ``draw_temperature``    fill it for one temperature T and one vector of scores

The drawing functions never call ``plt.show()``; the chapter does.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.figure import Figure

from helpers.activations import COLOURS, log_softmax, softmax
from helpers.widgets import clear_plotted

__all__ = ["draw_bars", "draw_temperature", "entropy", "temperature_figure"]

SOFTMAX_COLOUR = COLOURS["softmax"]


def entropy(scores: Any) -> np.ndarray | float:
    """The entropy −Σ sᵢ log sᵢ (nats) of softmax(scores) along the last axis.

    Computed from log-softmax, so a probability that underflows to 0 adds 0, not 0 · (−inf).
    """
    log_s = log_softmax(np.asarray(scores, dtype=float), axis=-1)
    return -np.sum(np.exp(log_s) * log_s, axis=-1)


def draw_bars(
    ax: Axes,
    labels: Sequence[Any],
    values: Any,
    *,
    colour: Any = SOFTMAX_COLOUR,
    fmt: str = "{:.3f}",
    ylabel: str | None = None,
) -> BarContainer:
    """One bar per class on ``ax``, each value written on top of its bar (below, if negative).

    The written values replace the y-axis: it has no ticks and no spine."""
    bars = ax.bar(labels, values, color=colour, edgecolor="0.2", linewidth=0.6)
    ax.bar_label(bars, labels=[fmt.format(v) for v in values], padding=2, fontsize=9)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.margins(y=0.18)
    ax.set_yticks([])
    ax.spines[["top", "right", "left"]].set_visible(False)
    if ylabel:
        ax.set_ylabel(ylabel)
    return bars


def temperature_figure(temperatures: np.ndarray, most_classes: int) -> Figure:
    """The explorer's figure, built once: bars on the left, entropy against T (log scale) on the
    right, with labels and limits fixed for every setting (up to ``most_classes`` classes)."""
    fig, (ax_bars, ax_entropy) = plt.subplots(
        1, 2, figsize=(11, 3.8), layout="constrained", width_ratios=[1.2, 1]
    )
    ax_bars.set(ylim=(0, 1.12), ylabel="probability")
    ax_bars.spines[["top", "right"]].set_visible(False)
    ax_entropy.set(
        xscale="log",
        xlim=(temperatures[0], temperatures[-1]),
        ylim=(-0.05, 1.1 * np.log(most_classes)),
        xlabel="temperature T (log scale)",
        ylabel="entropy H (nats)",
        title="From argmax (H = 0) to uniform (H = log n)",
    )
    ax_entropy.xaxis.set_major_formatter("{x:g}")  # plain labels: 0.01 … 100
    ax_entropy.minorticks_off()
    ax_entropy.grid(alpha=0.3)
    return fig


def draw_temperature(
    fig: Figure, T: float, names: Sequence[str], z: np.ndarray, temperatures: np.ndarray
) -> None:
    """Draw softmax(z / T) as bars over softmax(z) (dashed outlines), and the entropy curve over
    ``temperatures`` with T marked, into a figure from ``temperature_figure``."""
    ax_bars, ax_entropy = fig.axes
    clear_plotted(ax_bars, ax_entropy)
    positions = np.arange(len(names))
    ax_bars.bar(positions, softmax(z), color="none", edgecolor="0.4", ls="--", label="T = 1")
    draw_bars(ax_bars, positions, softmax(z / T))
    ax_bars.set(xticks=positions, xticklabels=names, xlim=(-0.6, len(names) - 0.4))
    ax_bars.legend(frameon=False, loc="upper right")
    ax_bars.set_title(f"softmax(z / T) at T = {T:.2g}")
    curve = entropy(z[None, :] / temperatures[:, None])
    ax_entropy.plot(temperatures, curve, color=SOFTMAX_COLOUR)
    ax_entropy.axhline(np.log(len(z)), color="0.4", ls=":", label=f"log n = {np.log(len(z)):.2f}")
    ax_entropy.plot([T], [entropy(z / T)], "o", color="black", label=f"T = {T:.2g}")
    ax_entropy.legend(frameon=False, loc="lower right")
