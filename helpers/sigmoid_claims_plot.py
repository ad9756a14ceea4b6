"""Three sigmoids on mutually exclusive classes do not make a distribution (chapter 13).

``plot_class_claims`` takes a model's logit function for k classes and draws two panels: on the
left, a histogram of the sums of the k sigmoid probabilities at the given points (softmax would
put every sum at exactly 1, drawn as a vertical line); on the right, the plane coloured by how
many classes claim each point (probability above 0.5): none (orange), one (light), two or more
(greys), with the points on top in their class colours.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.activations import COLOURS, sigmoid
from helpers.plotting import CLASS_COLOURS

__all__ = ["CLAIM_COLOURS", "plot_class_claims"]

CLAIM_COLOURS = ("#D55E00", "#f2f2f2", "#888888", "#333333")  # 0, 1, 2, 3 classes claim a point


def plot_class_claims(
    logits: Callable[[np.ndarray], np.ndarray],
    X: np.ndarray,
    y: np.ndarray,
    *,
    extent: float = 1.1,
    resolution: int = 150,
) -> Figure:
    """Histogram of the sigmoid sums at ``X`` (left) and the count of claiming classes on the
    square [−extent, extent]² (right), with the points ``X`` coloured by their labels ``y``."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    grid = np.linspace(-extent, extent, resolution)
    G1, G2 = np.meshgrid(grid, grid)
    counts = (sigmoid(logits(np.column_stack([G1.ravel(), G2.ravel()]))) > 0.5).sum(axis=1)
    sums = sigmoid(logits(X)).sum(axis=1)
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 4.2))
    figure.subplots_adjust(left=0.06, right=0.99, bottom=0.13, top=0.92, wspace=0.15)
    left.hist(sums, bins=30, color=COLOURS["sigmoid"], alpha=0.85)
    left.axvline(1.0, color=COLOURS["softmax"], lw=2.5, label="softmax: always exactly 1")
    left.set(xlabel="sum of the class probabilities", ylabel="points")
    left.set_title("Sigmoids do not make a distribution")
    left.legend(frameon=False)
    palette = ListedColormap(list(CLAIM_COLOURS))
    box = (-extent, extent, -extent, extent)
    right.imshow(
        counts.reshape(G1.shape), origin="lower", extent=box, cmap=palette, vmin=-0.5, vmax=3.5
    )
    for label in np.unique(y):
        points = X[y == label]
        colour = CLASS_COLOURS[int(label)]
        right.scatter(*points.T, s=8, color=colour, edgecolors="black", lw=0.3)
    right.set(xlabel="$x_1$", ylabel="$x_2$", title="How many classes claim each point (p > 0.5)?")
    names = ("no class", "one class", "two classes")
    swatches = [Patch(color=CLAIM_COLOURS[k], label=name) for k, name in enumerate(names)]
    right.legend(handles=swatches, loc="upper left", fontsize=8)
    return figure
