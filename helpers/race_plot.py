"""The training race of chapter 07 as one figure: the learning-rate grid, then the held-out seeds.

Left, every validation run: epochs until the loss first fell below the threshold against the
learning rate, one marker per seed, the mean where every seed arrived, and at the top one ×
per learning rate for the runs that never arrived, labelled with how many there were. Right,
each activation at the learning rate it chose on the validation seeds, run on fresh (held-out)
seeds: one dot per seed and a bar for the mean.

Activations are named as in ``helpers.xor_race.RUNNERS``; the centred sigmoid is drawn in the
sigmoid's colour, dashed and hatched.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS

__all__ = ["STYLES", "plot_race"]

#: name -> (colour, line style, marker)
STYLES = {
    "sigmoid": (ACTIVATIONS["sigmoid"].colour, "-", "o"),
    "centred sigmoid": (ACTIVATIONS["sigmoid"].colour, "--", "s"),
    "tanh": (ACTIVATIONS["tanh"].colour, "-", "D"),
}


def plot_race(
    grid: Sequence[float],
    validation: Mapping[str, np.ndarray],
    chosen: Mapping[str, float],
    held_out: Mapping[str, np.ndarray],
    *,
    threshold: float,
    max_epochs: int,
) -> Figure:
    """``validation[name]`` has shape (len(grid), seeds), ``held_out[name]`` shape (seeds,);
    ``inf`` marks a run that never arrived. ``chosen[name]`` is the learning rate picked."""
    fig, (ax_lr, ax_best) = plt.subplots(1, 2, figsize=(13, 4.3), width_ratios=[1.4, 1])
    fig.subplots_adjust(wspace=0.2)  # fixed spacing: the panels' sizes never change
    never = 1.5 * max_epochs  # where the runs that never arrived are drawn
    for offset, (name, epochs) in zip((0.93, 1.0, 1.07), validation.items(), strict=True):
        colour, style, marker = STYLES[name]
        epochs = np.asarray(epochs, dtype=float)
        rates = np.broadcast_to(np.asarray(grid, dtype=float)[:, None] * offset, epochs.shape)
        done = np.isfinite(epochs)  # every arrived run of this runner: one scatter
        ax_lr.scatter(rates[done], epochs[done], s=14, marker=marker, color=colour, alpha=0.5,
                      lw=0)  # fmt: skip
        for lr, runs in zip(grid, epochs, strict=True):
            done = np.isfinite(runs)
            if (~done).any():
                ax_lr.scatter([lr * offset], [never], s=30, marker="x", color=colour)
                ax_lr.annotate(f"{(~done).sum()}", (lr * offset, never), xytext=(0, 5), fontsize=7,
                               textcoords="offset points", ha="center", color=colour)  # fmt: skip
        means = [r.mean() if np.isfinite(r).all() else np.nan for r in epochs]
        ax_lr.plot(np.asarray(grid) * offset, means, color=colour, ls=style, marker=marker,
                   label=f"{name} (mean; chosen η = {chosen[name]:g})")  # fmt: skip
    ax_lr.axhline(max_epochs, color="0.4", lw=0.8, ls=":")
    ax_lr.scatter([], [], marker="x", color="0.3", label=f"runs not below {threshold} in "
                  f"{max_epochs} epochs (how many)")  # fmt: skip
    ax_lr.set_xscale("log")
    ax_lr.set_xticks(list(grid), [f"{lr:g}" for lr in grid])
    ax_lr.set(yscale="log", ylim=(5, 2.2 * max_epochs), xlabel="learning rate η",
              ylabel=f"epochs until loss < {threshold}",
              title="Validation seeds: every run, and the mean where all arrived")  # fmt: skip
    names = list(held_out)
    for i, name in enumerate(names):
        colour, _, marker = STYLES[name]
        runs = held_out[name][np.isfinite(held_out[name])]
        bar = ax_best.bar(i, runs.mean(), color=colour, alpha=0.35)
        if name == "centred sigmoid":
            bar[0].set(facecolor="white", edgecolor=colour, hatch="//", alpha=1)
        ax_best.scatter(np.full(runs.size, i), runs, s=16, marker=marker, color=colour, zorder=3)
    labels = [f"{name}\n(η = {chosen[name]:g})" for name in names]
    ax_best.set_xticks(range(len(names)), labels, fontsize=9)
    ax_best.set(yscale="log", ylabel="epochs (dots: seeds; bar: mean)",
                title="Held-out seeds, each at its chosen η")  # fmt: skip
    for ax in (ax_lr, ax_best):
        ax.minorticks_off()  # log axes: decades only, in plain numbers
        ax.yaxis.set_major_formatter(lambda value, _: f"{value:g}")
        ax.grid(alpha=0.3)
    ax_lr.legend(frameon=False, fontsize=8, loc="lower right")
    return fig
