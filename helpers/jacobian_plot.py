"""Softmax's Jacobian J = diag(s) − ssᵀ drawn (chapter 11): as a heat map with every entry
written in, beside a scatter of the formula against centred differences.

- ``plot_jacobian``  the two panels; returns the ``Figure``, never calls ``plt.show()``
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import COLOURS

__all__ = ["plot_jacobian"]


def plot_jacobian(jacobian: np.ndarray, numerical: np.ndarray, names: Sequence[str]) -> Figure:
    """Left: ``jacobian`` as a red (positive) / blue (negative) heat map, symmetric around 0,
    rows labelled sᵢ and columns zⱼ by class ``names``. Right: each entry against ``numerical``,
    with the line y = x."""
    n = len(names)
    fig, (ax_map, ax_check) = plt.subplots(1, 2, figsize=(11, 4.3), layout="constrained")
    limit = np.abs(jacobian).max()
    image = ax_map.imshow(jacobian, cmap="RdBu_r", vmin=-limit, vmax=limit)
    for (i, j), value in np.ndenumerate(jacobian):
        ax_map.text(j, i, f"{value:+.3f}", ha="center", va="center", fontsize=8)
    ax_map.set_xticks(range(n), [f"$z$ {name}" for name in names], rotation=30)
    ax_map.set_yticks(range(n), [f"$s$ {name}" for name in names])
    ax_map.set_title(rf"$J = \mathrm{{diag}}(s) - ss^\top$ for the {n}-class scores")
    fig.colorbar(image, ax=ax_map, shrink=0.8, label=r"$\partial s_i / \partial z_j$")
    ax_check.scatter(numerical.ravel(), jacobian.ravel(), color=COLOURS["softmax"], s=30)
    span = np.array([-limit, limit]) * 1.1
    ax_check.plot(span, span, color="0.5", lw=0.8, zorder=0)
    ax_check.set(
        xlabel="centred difference",
        ylabel="formula",
        title=f"All {n * n} entries lie on the diagonal",
    )
    ax_check.grid(alpha=0.3)
    return fig
