"""Softmax's Jacobian J = diag(s) − ssᵀ drawn (chapter 11): a heat map with every entry written in.

- ``plot_jacobian``  the heat map; returns the ``Figure``, never calls ``plt.show()``

The check against centred differences is printed by the chapter, not drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

__all__ = ["plot_jacobian"]


def plot_jacobian(jacobian: np.ndarray, names: Sequence[str]) -> Figure:
    """``jacobian`` as a red (positive) / blue (negative) heat map, symmetric around 0, with every
    entry written in; rows labelled sᵢ and columns zⱼ by class ``names``."""
    n = len(names)
    fig, ax = plt.subplots(figsize=(5.2, 4.3))  # one panel: the tight bounding box is the layout
    limit = np.abs(jacobian).max()
    ax.imshow(jacobian, cmap="RdBu_r", vmin=-limit, vmax=limit)
    for (i, j), value in np.ndenumerate(jacobian):
        ax.text(j, i, f"{value:+.3f}", ha="center", va="center", fontsize=8)
    ax.set_xticks(range(n), [f"z {name}" for name in names], rotation=30)
    ax.set_yticks(range(n), [f"s {name}" for name in names])
    ax.set_title(f"J = diag(s) − ssᵀ for the {n}-class scores\n(entry i, j: ∂sᵢ / ∂zⱼ)")
    return fig
