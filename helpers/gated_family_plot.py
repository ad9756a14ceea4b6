"""The gated family x·g(x), drawn: the gates on the left, the activations they make on the right
(chapter 14, section 1).

- ``plot_gated_family``  two panels: each gate g(x), rising from 0 to 1, and x·g(x)

The chapter computes the gates; this module only draws them, in each activation's registry colour.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import lookup

__all__ = ["plot_gated_family"]


def plot_gated_family(x: np.ndarray, gates: Mapping[str, tuple[str, np.ndarray]]) -> Figure:
    """``gates``: {activation name: (label of its gate, g(x) on ``x``)}. Left: the gates; right:
    x·g(x), labelled with the activation's name, with the x axis drawn at 0."""
    figure, (ax_gate, ax_f) = plt.subplots(1, 2, figsize=(11, 4), layout="constrained")
    for name, (label, gate) in gates.items():
        act = lookup(name)
        if np.shape(gate) != np.shape(x):
            raise ValueError(f"the gate of {name} has shape {np.shape(gate)}, x {np.shape(x)}")
        style = {"color": act.colour, "linestyle": act.linestyle, "lw": 2}
        ax_gate.plot(x, gate, label=label, **style)
        ax_f.plot(x, x * gate, label=act.label, **style)
    ax_gate.set(xlabel="x", ylabel="gate g(x)", title="The gates: all rise from 0 to 1")
    ax_f.set(
        xlabel="x",
        ylabel="f(x) = x · g(x)",
        ylim=(-1, 5),
        title="x times the gate: ReLU's shape, smoothed near 0",
    )
    ax_f.axhline(0, color="black", lw=0.6)
    for ax in (ax_gate, ax_f):
        ax.grid(alpha=0.3)
        ax.legend(frameon=False, fontsize=9, loc="upper left")
    return figure
