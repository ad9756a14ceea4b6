"""What a softmax classifier sees (chapter 11): its decision regions, and one probability map per
class, side by side over the same window of the input plane.

- ``class_colour_map``  white (probability 0) to the class's colour (probability 1)
- ``plot_class_maps``   decision regions, then sₖ(x) for every class k, with the data on top

The function returns the ``Figure`` and never calls ``plt.show()``; the chapter does.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from helpers.plotting import CLASS_COLOURS, CLASS_MARKERS, plot_decision_boundary

__all__ = ["class_colour_map", "plot_class_maps"]


def class_colour_map(k: int) -> LinearSegmentedColormap:
    """A colour map from white (0) to class ``k``'s colour (1)."""
    return LinearSegmentedColormap.from_list(f"class{k}", ["white", CLASS_COLOURS[k]])


def plot_class_maps(
    proba: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    title: str,
    resolution: int = 100,
) -> Figure:
    """Decision regions, then the probability sₖ(x) of every class k over the plane.

    ``proba`` maps an (m, 2) array of points to (m, k) class probabilities. Each map is filled
    from white (0) to the class colour (1), with its sₖ = 0.5 line in dark grey; the class's own
    points are drawn in colour, the others in light grey. Only the regions panel has ticks.
    """
    k = int(y.max()) + 1
    # Fixed spacing instead of a layout engine (it doubled the drawing time): only the first
    # panel has tick labels, and they lie outside the row; the two-line suptitle sits above it.
    fig, axes = plt.subplots(1, k + 1, figsize=(3.4 * (k + 1), 3.9), gridspec_kw={"wspace": 0.08})
    fig.subplots_adjust(top=0.8)
    plot_decision_boundary(proba, X, y, ax=axes[0], resolution=resolution, title="decision regions")
    axes[0].get_legend().remove()
    axes[0].set(xlabel="x₁", ylabel="x₂")  # plain text: the same look, no mathtext to lay out
    low, high = X.min(axis=0), X.max(axis=0)
    pad = np.maximum(0.1 * (high - low), 0.1)  # the same window as plot_decision_boundary
    xx, yy = np.meshgrid(
        *(np.linspace(low[i] - pad[i], high[i] + pad[i], resolution) for i in (0, 1))
    )
    P = proba(np.column_stack([xx.ravel(), yy.ravel()])).reshape(*xx.shape, k)
    for c in range(k):
        ax = axes[c + 1]
        ax.contourf(xx, yy, P[..., c], levels=np.linspace(0, 1, 11), cmap=class_colour_map(c))
        ax.contour(xx, yy, P[..., c], levels=[0.5], colors="0.2", linewidths=1.0)
        members = y == c
        ax.scatter(*X[~members].T, s=6, color="0.6", alpha=0.6)
        ax.scatter(
            *X[members].T,
            s=16,
            color=CLASS_COLOURS[c],
            marker=CLASS_MARKERS[c],
            edgecolors="black",
            linewidths=0.4,
        )
        # Same window as the regions panel, whose ticks give the coordinates: none needed here.
        ax.set(title=f"s{chr(0x2080 + c)}(x): probability of class {c}", xticks=[], yticks=[])
    fig.suptitle(
        f"{title}\n(maps: white = 0, full colour = 1, black line = 0.5; "
        "grey points belong to the other classes)"
    )
    return fig
