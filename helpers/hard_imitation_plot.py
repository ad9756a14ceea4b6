"""Piecewise-linear imitations against the smooth curves they imitate (chapter 14, section 6):
the hard sigmoid against σ, hard-swish against SiLU.

- ``plot_hard_imitations``  one panel per pair: the smooth curve, the hard one (dashed) and
  their difference (grey)
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import lookup

__all__ = ["plot_hard_imitations"]


def plot_hard_imitations(x: np.ndarray, pairs: Sequence[tuple[str, str]]) -> Figure:
    """``pairs``: (hard name, smooth name) per panel, both registry activations, drawn on ``x``."""
    figure, axes = plt.subplots(
        1, len(pairs), figsize=(5.5 * len(pairs), 3.8), layout="constrained", squeeze=False
    )
    for ax, (hard, smooth) in zip(axes[0], pairs, strict=True):
        h, s = lookup(hard), lookup(smooth)
        ax.plot(x, s(x), color=s.colour, lw=2, label=s.label)
        ax.plot(x, h(x), color=h.colour, lw=2, linestyle="--", label=h.label)
        ax.plot(x, h(x) - s(x), color="0.35", lw=1, label="difference")
        ax.axhline(0, color="black", lw=0.6)
        ax.set(xlabel="x", ylabel="f(x)", title=f"{h.label} against {s.label}")
        ax.grid(alpha=0.3)
        ax.legend(frameon=False, fontsize=9, loc="upper left")
    return figure
