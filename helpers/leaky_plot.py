"""The figures of chapter 09, "Leaky ReLU and PReLU", as pure functions.

Each takes the numbers the chapter computed and returns a ``Figure`` (never calling
``plt.show()``). ReLU, Leaky ReLU and PReLU share a family of greens in the activation registry,
too alike to tell runs apart, so this chapter's runs get the course's class colours instead
(``RUN_COLOURS``), plus a line style each, so they stay apart without colour too.

- ``alpha_figure``, ``draw_alpha``  the α explorer: f_α with f′, and f_α of N(0, 1) samples
- ``plot_revival``                  loss and share of dead units over training, one line per run
- ``plot_revival_map``              every unit of a layer over training: dead in grey
- ``plot_alpha_paths``              learned PReLU slopes over training, shared and per unit
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure

from helpers.activations import leaky_relu
from helpers.plotting import CLASS_COLOURS, plot_activation
from helpers.widgets import clear_plotted

__all__ = [
    "RUN_COLOURS",
    "alpha_figure",
    "draw_alpha",
    "plot_alpha_paths",
    "plot_revival",
    "plot_revival_map",
]

# Green (ReLU, as in the registry), orange, blue, pink: Okabe–Ito, apart for colour-blind eyes.
RUN_COLOURS = (CLASS_COLOURS[2], CLASS_COLOURS[1], CLASS_COLOURS[0], CLASS_COLOURS[3])
_STYLES = ("-", "--", "-.", ":")
_DEAD = "0.85"  # light grey: far from every colour of viridis, whose low end is nearly black
_BANDS = (0.5 / 300, 0.01, 0.03, 0.1, 0.3, 1.0)  # shares of examples; 1 of 300 is in the first


def _style(index: int) -> dict[str, Any]:
    return {"color": RUN_COLOURS[index % 4], "ls": _STYLES[index % 4], "lw": 1.8}


def alpha_figure() -> Figure:
    """The explorer's figure, built once: axes, labels and limits fixed for every α in [−1, 2]."""
    figure, (ax_f, ax_hist) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    # On [-3, 3], f runs from -3α to 3 and f′ is α or 1: these limits hold every α in [-1, 2].
    ax_f.set(xlim=(-3.3, 3.3), ylim=(-6.5, 3.5), xlabel="x")
    ax_hist.set(xlim=(-3.3, 3.3), xlabel="output f(z)", ylabel="count")
    ax_hist.set_title("Outputs for z ~ N(0, 1)")
    return figure


def draw_alpha(figure: Figure, alpha: float, sample: Any) -> None:
    """Redraw ``figure`` for one slope α: f_α and f_α′ on the left; on the right the histogram of
    f_α(z) over ``sample`` (draws of z ~ N(0, 1)), its mean against the exact (1 − α)/√(2π), and
    the mean slope (1 + α)/2."""
    ax_f, ax_hist = figure.axes
    clear_plotted(ax_f, ax_hist)
    plot_activation("leaky_relu", np.linspace(-3, 3, 601), params={"alpha": alpha}, ax=ax_f)
    ax_f.set_title(f"Leaky ReLU with α = {alpha:g}: f and f′")
    outputs = leaky_relu(np.asarray(sample, dtype=float), alpha=alpha)
    counts, edges = np.histogram(outputs, bins=np.linspace(-3, 3, 61))
    ax_hist.stairs(counts, edges, fill=True, color=RUN_COLOURS[2], alpha=0.7)
    ax_hist.set_ylim(0, 1.05 * max(counts.max(), 1))
    ax_hist.axvline(outputs.mean(), color="black", lw=1.5, ls="--")
    exact, slope = (1 - alpha) / np.sqrt(2 * np.pi), (1 + alpha) / 2
    text = f"mean output {outputs.mean():.3f}\n(exact {exact:.3f})\nmean slope {slope:.3f}"
    ax_hist.text(0.03, 0.95, text, transform=ax_hist.transAxes, va="top", fontsize=9)


def plot_revival(losses: Mapping[str, Any], dead: Mapping[str, Any] | None = None) -> Figure:
    """Over training, one line per run (label → values): the loss, with ln 3, the loss of equal
    scores for three classes, and (a second panel, unless ``dead`` is None) the share of dead
    units in a hidden layer. ``losses[label]`` has one value per epoch; ``dead[label]`` one
    value before training and one after every epoch."""
    if not losses or (dead is not None and set(losses) != set(dead)):
        raise ValueError("losses and dead must name the same, non-empty runs")
    if dead is None:
        figure, ax_loss = plt.subplots(figsize=(7, 3.7), layout="constrained")
    else:
        figure, (ax_loss, ax_dead) = plt.subplots(1, 2, figsize=(11, 3.7), layout="constrained")
    for index, label in enumerate(losses):
        loss = np.asarray(losses[label])
        ax_loss.plot(np.arange(1, len(loss) + 1), loss, label=label, **_style(index))
        if dead is not None:
            shares = np.asarray(dead[label])
            ax_dead.plot(np.arange(len(shares)), shares, **_style(index))
    epochs = max(len(np.asarray(loss)) for loss in losses.values())
    ax_loss.axhline(np.log(3), color="0.6", lw=1, ls=":")
    ax_loss.text(epochs / 2, np.log(3) + 0.03, "ln 3: the same score for every class",
                 ha="center", fontsize=9)  # fmt: skip
    ax_loss.set(ylim=(0, 1.25), xlabel="epoch", ylabel="training loss")
    ax_loss.set_title("Loss: ReLU never moves, Leaky ReLU learns")
    ax_loss.legend(frameon=False, loc="lower left")
    if dead is not None:
        ax_dead.set(xlabel="epoch", ylabel="share of dead units", ylim=(-0.03, 1.03))
        ax_dead.set_title("Hidden layer 2: units with z ≤ 0 on every example")
    return figure


def plot_revival_map(shares: Mapping[str, Any]) -> Figure:
    """One panel per run (label → array (epochs + 1, units)): each row a unit, sorted by the
    epoch it first becomes active, coloured by the share of examples on which it is active, on
    bands from 1/300 up, so that a unit active on a few examples (dark purple) is not mistaken
    for a dead one. Dead units (share exactly 0) are light grey."""
    if not shares:
        raise ValueError("shares must name at least one run")
    cmap = plt.get_cmap("viridis").with_extremes(under=_DEAD, bad=_DEAD)
    norm = BoundaryNorm(_BANDS, cmap.N)
    figure, axes = plt.subplots(1, len(shares), figsize=(4.7 * len(shares), 3.6),
                                layout="constrained", sharey=True, squeeze=False)  # fmt: skip
    for ax, (label, share) in zip(axes.flat, shares.items(), strict=True):
        share = np.asarray(share, dtype=float)
        active = share > 0
        first = np.where(active.any(axis=0), active.argmax(axis=0), len(share))
        order = np.argsort(first, kind="stable")
        shown = np.ma.masked_equal(share[:, order].T, 0.0)  # masked = dead = grey
        image = ax.imshow(shown, aspect="auto", cmap=cmap, norm=norm, interpolation="nearest",
                          extent=(0, len(share) - 1, share.shape[1] - 0.5, -0.5))  # fmt: skip
        revived = int(np.sum(~active[0] & active[-1]))
        ax.set(xlabel="epoch", title=f"{label}: {revived} of {share.shape[1]} revived")
    axes.flat[0].set_ylabel("unit (sorted by first activity)")
    bar = figure.colorbar(image, ax=axes, label="share of examples with z > 0 (grey: none)")
    bar.set_ticks(_BANDS[1:], labels=[f"{b:.0%}" for b in _BANDS[1:]])
    figure.suptitle("Hidden layer 2 over training: grey rows are dead units")
    return figure


def plot_alpha_paths(shared: Any, per_unit: Any, start: float = 0.25) -> Figure:
    """Learned slopes over training, arrays of shape (epochs + 1, layers, α's per layer). Left:
    one shared α per layer. Right: one α per unit, the median and the 10–90 % band per layer.
    The band 0 ≤ α ≤ 1 (ReLU to identity) is shaded, the start is dotted."""
    shared, per_unit = np.asarray(shared, dtype=float), np.asarray(per_unit, dtype=float)
    if shared.ndim != 3 or per_unit.ndim != 3 or shared.shape[:2] != per_unit.shape[:2]:
        raise ValueError("shared and per_unit must have shape (epochs + 1, layers, n)")
    figure, (ax_shared, ax_unit) = plt.subplots(1, 2, figsize=(13, 4.0), layout="constrained",
                                                sharey=True)  # fmt: skip
    epochs = np.arange(len(shared))
    for ax in (ax_shared, ax_unit):
        ax.axhspan(0, 1, color="0.93", zorder=0)
        ax.axhline(start, color="0.5", lw=1, ls=":")
        ax.set(xlabel="epoch")
    ax_shared.text(epochs[-1], 0.5, "0 ≤ α ≤ 1", ha="right", va="center", fontsize=9, color="0.4")
    for layer in range(shared.shape[1]):
        style = {**_style(layer), "lw": 2, "label": f"layer {layer + 1}"}
        ax_shared.plot(epochs, shared[:, layer, 0], **style)
        low, high = np.percentile(per_unit[:, layer, :], [10, 90], axis=1)
        ax_unit.fill_between(epochs, low, high, color=style["color"], alpha=0.2, lw=0)
        ax_unit.plot(epochs, np.median(per_unit[:, layer, :], axis=1), **style)
    ax_shared.set(ylabel="α", title=f"One shared α per layer (all start at {start:g})")
    ax_unit.set(title="One α per unit: median and 10–90 % band per layer")
    ax_shared.legend(frameon=False, loc="lower left")
    figure.suptitle("Learned PReLU slopes over training")
    return figure
