"""Where a layer's pre-activations fall on a squashing activation, and how much slope is left.

Chapter 07's explorer: pre-activations z ~ N(0, std²) (one fixed standard-normal sample,
rescaled), drawn as a histogram under the activation's curve, with the flat parts hatched — the
inputs where f′(z) is below 5 % of the activation's own peak slope f′(0) — and the histogram of
the outputs f(z) beside it. ``saturation`` gives the numbers the titles print: the share of
inputs on the flat parts and the mean slope, both relative to the peak and absolute.

- ``saturation``            (share below 5 % of peak, mean slope / peak, mean slope) for one std
- ``saturation_figure``     the explorer's empty figure: two panels and a twin axis
- ``draw_saturation``       fills that figure for one std and activation (the explorer's callback)
- ``plot_outputs``          the output histogram alone, on a given axis (small multiples)
"""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS
from helpers.widgets import clear_plotted

__all__ = ["FLAT", "draw_saturation", "plot_outputs", "saturation", "saturation_figure"]

FLAT = 0.05  #: a unit is on the flat part where f′(z) < 5 % of the peak slope f′(0)


def saturation(activation: str, z: np.ndarray) -> tuple[float, float, float]:
    """For the pre-activations ``z``: the share with f′(z) < FLAT·f′(0), the mean of f′(z)/f′(0)
    and the mean of f′(z) itself (the slope that multiplies the gradient)."""
    act = ACTIVATIONS[activation]
    slope = act.grad(np.asarray(z, dtype=float))
    peak = float(act.grad(0.0))
    return float(np.mean(slope < FLAT * peak)), float(np.mean(slope) / peak), float(np.mean(slope))


def saturation_figure() -> Figure:
    """The explorer's figure, built once: the input panel with a twin axis, the output panel."""
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 3.6), layout="constrained")
    twin = left.twinx()
    twin.set(ylim=(-1.1, 1.1), yticks=[-1, -0.5, 0, 0.5, 1])
    left.set(xlabel="pre-activation z", ylabel="density")
    left.yaxis.set_major_formatter("{x:.2f}")  # one label width at every std: a steady layout
    right.yaxis.set_major_formatter(lambda count, _: f"{count:4.0f}".replace(" ", "\u2007"))
    return fig


def _draw_inputs(ax: Axes, twin: Axes, activation: str, z: np.ndarray, scale: float) -> None:
    act = ACTIVATIONS[activation]
    limit = max(4.0, 3.5 * scale)
    grid = np.linspace(-limit, limit, 400)
    edge = abs(grid[np.argmax(act.grad(grid) / act.grad(0.0) >= FLAT)])
    density, _, _ = ax.hist(z, bins=80, range=(-limit, limit), density=True, color="0.45",
                            histtype="stepfilled", alpha=0.7, label="inputs z")  # fmt: skip
    ax.axvspan(-limit, -edge, facecolor="none", edgecolor="0.7", hatch="//", lw=0)
    ax.axvspan(edge, limit, facecolor="none", edgecolor="0.7", hatch="//", lw=0,
               label="flat: f′ < 5 % of its peak")  # fmt: skip
    twin.plot(grid, act(grid), color=act.colour, lw=2)
    twin.set_ylabel(f"{act.label}(z)", color=act.colour)
    ax.set(xlim=(-limit, limit), ylim=(0, 1.05 * density.max()))
    ax.set_title(f"Where the inputs fall on {act.label}")
    ax.legend(frameon=False, fontsize=8, loc="upper left")


def plot_outputs(ax: Axes, activation: str, z: np.ndarray, scale: float) -> Axes:
    """The histogram of f(z) on ``ax``, titled with the flat share and the mean slope."""
    act = ACTIVATIONS[activation]
    flat, _, mean_slope = saturation(activation, z)
    counts, _, _ = ax.hist(act(z), bins=60, range=(-1, 1), color=act.colour, histtype="stepfilled")
    title = f"std {scale:g}: {flat:.0%} flat, mean slope {mean_slope:.2f}"
    ax.set(xlim=(-1.05, 1.05), ylim=(0, 1.05 * counts.max()), xlabel=f"output {act.label}(z)",
           ylabel="count", title=title)  # fmt: skip
    return ax


def draw_saturation(fig: Figure, scale: float, activation: str, sample: Any) -> None:
    """Redraw ``fig`` (from ``saturation_figure``) for z = scale · sample."""
    left, right, twin = fig.axes
    clear_plotted(left, right, twin)
    z = scale * np.asarray(sample, dtype=float)
    _draw_inputs(left, twin, activation, z, scale)
    plot_outputs(right, activation, z, scale)
