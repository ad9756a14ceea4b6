"""Gradients through a deep network at initialisation, two activations side by side.

Chapter 07 sends one batch forward and backward through the same 10-hidden-layer network with
the sigmoid and with tanh, over several seeds, and draws three panels: the norm ‖∂L/∂W‖ of each
weight layer (geometric mean over the seeds, whiskers from the smallest to the largest seed),
the mean slope f′(z) of each hidden layer (the factor backpropagation multiplies by), and the
mean output of each hidden layer (0.5 for the sigmoid, 0 for tanh).
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from helpers.activations import ACTIVATIONS

__all__ = ["plot_depth_probe"]


def _decade(value: float, _position: object = None) -> str:
    exponent = round(np.log10(value)) if value > 0 else 0
    if value > 0 and np.isclose(value, 10.0**exponent):
        return f"1e{exponent}" if exponent else "1"
    return f"{value:.1g}"  # the locator's fallback within a single decade


def plot_depth_probe(results: Mapping[str, Mapping[str, np.ndarray]]) -> Figure:
    """``results[name]`` holds "norms" (seeds, layers) of ‖∂L/∂W‖, input side first, and
    "slope" and "mean" (seeds, hidden layers): mean f′(z) and mean output per hidden layer."""
    fig, (ax_g, ax_s, ax_m) = plt.subplots(1, 3, figsize=(15, 4.2), width_ratios=[1.5, 1, 1])
    fig.subplots_adjust(wspace=0.25)  # fixed spacing: the panels' sizes never change
    for offset, (name, result) in zip((-0.2, 0.2), results.items(), strict=True):
        act, norms = ACTIVATIONS[name], np.asarray(result["norms"])
        layers = np.arange(1, norms.shape[1] + 1)
        middle = np.exp(np.log(norms).mean(axis=0))  # geometric mean over the seeds
        whiskers = [middle - norms.min(axis=0), norms.max(axis=0) - middle]
        ax_g.bar(layers + offset, middle, width=0.4, color=act.colour, label=act.label,
                 yerr=whiskers, error_kw={"elinewidth": 0.8, "capsize": 2})  # fmt: skip
        hidden = np.arange(1, np.shape(result["slope"])[1] + 1)
        ax_s.plot(hidden, np.mean(result["slope"], axis=0), "o-", color=act.colour, label=act.label)
        ax_m.plot(hidden, np.mean(result["mean"], axis=0), "o-", color=act.colour, label=act.label)
    ax_g.set(yscale="log", xlabel="weight layer (1 = next to the input)", ylabel="‖∂L/∂W‖",
             xticks=layers, title="Gradient norm per layer at initialisation")  # fmt: skip
    ax_g.yaxis.set_major_formatter(FuncFormatter(_decade))  # "1e-6": plain text, no mathtext
    ax_g.minorticks_off()
    ax_s.axhline(0.25, color=ACTIVATIONS["sigmoid"].colour, ls=":", lw=1)
    ax_s.axhline(1.0, color=ACTIVATIONS["tanh"].colour, ls=":", lw=1)
    ax_s.set(ylim=(0, 1.1), xlabel="hidden layer", ylabel="mean f′(z)", xticks=hidden,
             title="The slope each layer multiplies by")  # fmt: skip
    ax_m.set(ylim=(-0.1, 0.7), xlabel="hidden layer", ylabel="mean activation", xticks=hidden,
             title="Mean output: 0.5 versus 0")  # fmt: skip
    for ax in (ax_g, ax_s, ax_m):
        ax.grid(alpha=0.3)
    ax_g.legend(frameon=False, fontsize=9, loc="center left")  # one legend: the colours repeat
    return fig
