"""The int8 round trip of ReLU and ReLU6 activations, in one figure (chapter 14, section 8).

- ``plot_int8_error``  left: the staircase an 8-bit quantiser makes of the activations near 0,
  for each activation's calibrated range; right: the RMS round-trip error against the size of
  the largest outlier, measured, with the prediction S/√12 · √(share > 0) drawn as a pale band.

The chapter computes every number; this module only draws them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import lookup
from helpers.figures import style_axes

__all__ = ["plot_int8_error"]


def plot_int8_error(
    r: np.ndarray,
    staircases: Mapping[str, tuple[float, np.ndarray]],
    outlier_sizes: Sequence[float],
    errors: Mapping[str, Sequence[float]],
    predicted: Sequence[float],
) -> Figure:
    """``staircases``: {activation: (calibrated maximum, round trip of ``r``)};
    ``errors``: {activation: RMS error at each outlier size}; ``predicted``: ReLU's predicted
    error at each outlier size."""
    if set(staircases) != set(errors):
        raise ValueError("staircases and errors must name the same activations")
    figure, (ax_steps, ax_sweep) = plt.subplots(1, 2, figsize=(12, 4), layout="constrained")
    for name, (top, rounded) in staircases.items():
        act = lookup(name)
        label = f"{act.label}: calibrated to {top:.1f}, S = {top / 255:.3f}"
        ax_steps.plot(r, rounded, color=act.colour, lw=1.8, label=label)
    ax_steps.plot(r, r, color="black", lw=0.8, linestyle=":", label="no error")
    ax_steps.set(
        xlabel="activation r",
        ylabel="after the 8-bit round trip",
        title="Where the data are, ReLU's steps are coarse",
    )
    for name, values in errors.items():
        act = lookup(name)
        ax_sweep.loglog(
            outlier_sizes, values, "o-", color=act.colour, lw=1.8, label=f"{act.label}, measured"
        )
    ax_sweep.loglog(
        outlier_sizes,
        predicted,
        color=lookup("relu").colour,
        lw=7,
        alpha=0.25,
        label="ReLU, predicted: S/√12 · √(share > 0), S = max/255",
    )
    ax_sweep.set(
        xlabel="outlier size m (outliers drawn from [m/2, m])",
        ylabel="RMS round-trip error",
        title="ReLU's error grows with its largest output; ReLU6's is capped",
    )
    for ax in (ax_steps, ax_sweep):
        style_axes(ax)
        ax.grid(True, which="both", alpha=0.3, linewidth=0.6)
        ax.legend(frameon=False, fontsize=8, loc="upper left")
    return figure
