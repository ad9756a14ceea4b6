"""Figures of dying ReLU units (chapter 08): the share of dead units over training, over seeds,
and against a negative bias shift, as pure functions.

A unit is *dead* on a data set when its output is 0 on every example; ``dead`` arrays hold the
dead share (0 to 1) of each hidden layer per epoch, shape ``(epochs + 1, layers)``, row 0 before
training. Every function returns the ``Figure`` and never calls ``plt.show()``.

- ``plot_dead_share``       the dead share of each hidden layer over training (one run)
- ``dying_figure``          the fixed two-panel figure an explorer redraws (dead share, loss)
- ``plot_dying_over_seeds`` one layer's dead share over training for several seeds and learning
  rates, and each run's final loss against the share that died
- ``plot_dead_at_init``     the dead share of each hidden layer against a bias shift
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS
from helpers.plotting import figure_and_axes

__all__ = ["dying_figure", "plot_dead_at_init", "plot_dead_share", "plot_dying_over_seeds"]

_DASHES = ("-", "--", ":", "-.")
_RELU = ACTIVATIONS["relu"].colour


def _dead_array(dead: object) -> np.ndarray:
    values = np.asarray(dead, dtype=float)
    if values.ndim != 2 or len(values) < 2:
        raise ValueError(f"dead must have shape (epochs + 1, layers), got {values.shape}")
    return values


def _percent_axis(ax: Axes, xlabel: str) -> None:
    ax.set(xlabel=xlabel, ylabel="dead units (%)", ylim=(-4, 104))
    ax.grid(True, alpha=0.3, linewidth=0.6)


def plot_dead_share(
    dead: object, *, ax: Axes | None = None, colour: str = _RELU, label: str = ""
) -> Figure:
    """The dead share (in %) of each hidden layer against the epoch: hidden layer 1 solid,
    layer 2 dashed, and so on, each labelled ``f"{label}hidden layer {k}"``."""
    values = _dead_array(dead)
    figure, ax = figure_and_axes(ax, (6, 3.6))
    epochs = np.arange(len(values))
    for k in range(values.shape[1]):
        style = _DASHES[k % len(_DASHES)]
        ax.plot(
            epochs,
            100 * values[:, k],
            color=colour,
            ls=style,
            lw=2,
            label=f"{label}hidden layer {k + 1}",
        )
    _percent_axis(ax, "epoch")
    return figure


def dying_figure(epochs: int) -> Figure:
    """Two empty panels with fixed limits for an explorer: the dead share per epoch (left) and
    the training loss per epoch on a log scale from 0.01 to 20 (right)."""
    figure, (ax_dead, ax_loss) = plt.subplots(1, 2, figsize=(11, 3.8), layout="constrained")
    _percent_axis(ax_dead, "epoch")
    ax_dead.set(xlim=(-1, epochs + 1))
    ax_loss.set(
        yscale="log",
        xlim=(-1, epochs + 1),
        ylim=(0.01, 20),
        xlabel="epoch",
        ylabel="training loss (MSE)",
    )
    ax_loss.yaxis.set_major_formatter("{x:g}")
    ax_loss.minorticks_off()
    ax_loss.grid(True, alpha=0.3, linewidth=0.6)
    return figure


def plot_dying_over_seeds(
    dead: Mapping[str, object],
    final_loss: Mapping[str, Sequence[float]],
    colours: Mapping[str, str],
    *,
    layer: str = "hidden layer 2",
) -> Figure:
    """Left: one layer's dead share over training, one line per seed, for each setting (the keys
    of ``dead``, e.g. "η = 0.1"; values of shape (seeds, epochs + 1)). Right: each run's final
    loss (log scale) against the share of that layer that was dead at the end, seeds numbered."""
    if set(dead) != set(final_loss) or not set(dead) <= set(colours):
        raise ValueError("dead, final_loss and colours must name the same settings")
    figure, (ax_dead, ax_loss) = plt.subplots(1, 2, figsize=(12, 4), layout="constrained")
    for name, shares in dead.items():
        shares = np.asarray(shares, dtype=float)
        losses = np.asarray(final_loss[name], dtype=float)
        if shares.ndim != 2 or len(losses) != len(shares):
            raise ValueError(f"{name}: need (seeds, epochs + 1) shares and one loss per seed")
        epochs = np.arange(shares.shape[1])
        for seed, row in enumerate(shares):
            ax_dead.plot(
                epochs,
                100 * row,
                color=colours[name],
                lw=1.5,
                alpha=0.8,
                label=name if seed == 0 else None,
            )
        ends = 100 * shares[:, -1]
        ax_loss.scatter(ends, losses, color=colours[name], s=36, label=name, zorder=3)
        for seed, (x, y) in enumerate(zip(ends, losses, strict=True)):
            ax_loss.annotate(
                str(seed),
                (x, y),
                xytext=(4, 3),
                textcoords="offset points",
                fontsize=8,
                color=colours[name],
            )
    _percent_axis(ax_dead, "epoch")
    ax_dead.set_title(f"Dead units in {layer}, one line per seed")
    ax_dead.legend(frameon=False)
    ax_loss.set(
        xlabel=f"dead units in {layer} after training (%)",
        ylabel="final loss (MSE)",
        yscale="log",
        xlim=(-4, 104),
        title="Final loss against the share that died",
    )
    ax_loss.minorticks_off()
    ax_loss.grid(True, alpha=0.3, linewidth=0.6)
    ax_loss.legend(frameon=False, loc="upper left")
    return figure


def plot_dead_at_init(shifts: Sequence[float], dead: object, *, ax: Axes | None = None) -> Figure:
    """The dead share (in %) of each hidden layer before training against the bias shift s
    (every hidden bias starts at −s); ``dead`` has shape (len(shifts), layers)."""
    values = np.asarray(dead, dtype=float)
    shifts = np.asarray(shifts, dtype=float)
    if values.ndim != 2 or len(values) != len(shifts):
        raise ValueError(f"dead must have shape ({len(shifts)}, layers), got {values.shape}")
    figure, ax = figure_and_axes(ax, (7, 3.6))
    for k in range(values.shape[1]):
        ax.plot(
            shifts,
            100 * values[:, k],
            color=_RELU,
            ls=_DASHES[k % len(_DASHES)],
            lw=2,
            label=f"hidden layer {k + 1}",
        )
    _percent_axis(ax, "bias shift s (every hidden bias starts at −s)")
    ax.set_title("Dead before training: layer 2 dies first")
    ax.legend(frameon=False)
    return figure
