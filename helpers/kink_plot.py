"""Where a ReLU network bends: its fit of a 1-D curve, with a tick at every kink (chapter 13).

A ReLU network of a 1-D input is piecewise linear: between two kinks it is a straight line.
``plot_kinks`` draws the target curve (grey), the network's prediction (in the activation's
registry colour) and one short vertical tick per kink along the bottom of the axes, with the
number of kinks and their range in the legend. If the ticks crowd into one stretch, the network
can bend only there.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.activations import lookup
from helpers.figures import figure_and_axes, style_axes

__all__ = ["plot_kinks"]


def plot_kinks(
    x: Sequence[float] | np.ndarray,
    target: Sequence[float] | np.ndarray,
    prediction: Sequence[float] | np.ndarray,
    kinks: Sequence[float] | np.ndarray,
    *,
    activation: str = "relu",
    title: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    """The target, a network's prediction at the same ``x``, and a tick at each of ``kinks``.

    ``x``, ``target`` and ``prediction`` are 1-D (or (n, 1)) and of equal length; ``kinks`` are
    x positions (e.g. from ``helpers.fair_compare.output_kinks``). Returns the Figure.
    """
    x, target, prediction = (
        np.asarray(v, dtype=float).reshape(-1) for v in (x, target, prediction)
    )
    if not (x.size == target.size == prediction.size):
        raise ValueError(
            f"x, target and prediction must have equal lengths, got {x.size}, {target.size}, "
            f"{prediction.size}"
        )
    kinks = np.asarray(kinks, dtype=float).reshape(-1)
    style = lookup(activation)
    figure, ax = figure_and_axes(ax, (6.0, 3.4))
    ax.plot(x, target, color="0.6", linewidth=3, label="target")
    ax.plot(x, prediction, color=style.colour, linewidth=1.8, label=f"{style.label} network")
    where = f"in [{kinks.min():.2f}, {kinks.max():.2f}]" if kinks.size else "(a straight line)"
    ax.vlines(kinks, 0.0, 0.08, transform=ax.get_xaxis_transform(), color=style.colour,
              linewidth=1.2, label=f"{kinks.size} kinks {where}")  # fmt: skip
    ax.set(xlim=(x.min(), x.max()), xlabel="x", ylabel="y")
    ax.set_title(title if title is not None else f"{style.label}: where the network bends")
    ax.legend(frameon=False, fontsize=8, loc="upper left")
    style_axes(ax)
    return figure
