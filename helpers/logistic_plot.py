"""One logistic unit p = σ(wx + b) in one dimension: steepness and shift (chapter 06).

The weight w sets how steep the curve is (its slope at the midpoint is w/4) and the bias where the
midpoint p = ½ sits, at x = −b/w. The dashed curve is the slope d/dx σ(wx + b) = w·σ′(wx + b).

- ``plot_logistic``  σ(wx + b) and its slope on [−6, 6], the midpoint marked, for one (w, b)
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS
from helpers.plotting import figure_and_axes

__all__ = ["X_RANGE", "plot_logistic"]

X_RANGE = (-6.0, 6.0)


def plot_logistic(w: float, b: float, *, ax: Axes | None = None) -> Figure:
    """Draw σ(wx + b) (solid) and its slope w·σ′(wx + b) (dashed) for x in ``X_RANGE``, with the
    midpoint x = −b/w marked when it lies in range. The title gives the midpoint and the largest
    slope, w/4. ``w`` must be positive (a steepness)."""
    w, b = float(w), float(b)
    if not (np.isfinite(w) and w > 0 and np.isfinite(b)):
        raise ValueError(f"w must be positive and b finite, got w = {w!r}, b = {b!r}")
    figure, ax = figure_and_axes(ax, (6.4, 3.4))
    sigmoid = ACTIVATIONS["sigmoid"]
    x = np.linspace(*X_RANGE, 401)
    z = w * x + b
    ax.plot(x, sigmoid.forward(z), color=sigmoid.colour, lw=2, label="σ(wx + b)")
    ax.plot(x, w * sigmoid.derivative(z), color=sigmoid.colour, ls="--", label="slope")
    middle = -b / w + 0.0  # + 0.0 turns −0.0 (at b = 0) into 0.0 for the title
    if X_RANGE[0] <= middle <= X_RANGE[1]:
        ax.plot([middle], [0.5], "o", color="black", ms=5)
        ax.axvline(middle, color="0.6", lw=0.8, ls=":")
    ax.set(xlabel="x", xlim=X_RANGE, ylim=(-0.05, max(1.05, w / 4 + 0.1)))
    ax.set_title(f"w = {w:g}, b = {b:g}: midpoint x = {middle:.2f}, max slope {w / 4:.2f}")
    ax.grid(True, alpha=0.3)
    return figure
