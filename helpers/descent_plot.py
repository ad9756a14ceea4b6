"""The figures of chapter 03's learning rate: gradient descent walks, their loss gaps, a sweep.

The walk is drawn on the loss surface of ``helpers.landscape`` (circle: start, cross: end, star:
the minimum); the gap L − L* to the minimum loss on a log scale, where steady convergence is a
straight line. Each function returns a ``Figure`` and never calls ``plt.show()``.

- ``descent_figure`` / ``show_walk``  the explorer's figure, built once, and its update
- ``plot_walks``                      several walks side by side, one panel each
- ``plot_sweep``                      steps to converge against η
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.landscape import plot_loss_surface
from helpers.widgets import clear_plotted

__all__ = ["descent_figure", "plot_sweep", "plot_walks", "show_walk"]

_GAP_COLOUR = "#D55E00"
_FLOOR = 1e-16  # a gap of exactly 0 is drawn here on the log axis


def _surface(ax: Any, surface: Mapping[str, Any], path: Any) -> None:
    plot_loss_surface(
        surface["loss"],
        *surface["limits"],
        path=path,
        levels=surface["levels"],
        minimum=surface["minimum"],
        resolution=81,
        ax=ax,
    )
    ax.set(xlabel="w₁", ylabel="w₂")  # plain text: mathtext costs time on every redraw
    ax.locator_params(nbins=4)


def descent_figure(surface: Mapping[str, Any], start: Sequence[float]) -> Figure:
    """Two panels, built once: the loss surface with a one-point walk at ``start`` (which
    ``show_walk`` replaces) and empty axes for the gap. ``surface`` holds ``loss`` (vectorised
    over rows of weights), ``limits`` ((w1 low, high), (w2 low, high)), ``levels`` and
    ``minimum``."""
    figure, (ax_path, ax_gap) = plt.subplots(1, 2, figsize=(10.5, 4.2), layout="constrained")
    _surface(ax_path, surface, np.atleast_2d(np.asarray(start, dtype=float)))
    ax_gap.set(yscale="log", ylim=(1e-12, 10), xlabel="step", ylabel="L − L*  (log scale)")
    ax_gap.set_yticks([1e-12, 1e-9, 1e-6, 1e-3, 1.0], labels=["10⁻¹²", "10⁻⁹", "10⁻⁶", "10⁻³", "1"])
    ax_gap.minorticks_off()
    ax_gap.grid(alpha=0.3)
    return figure


def show_walk(
    figure: Figure, path: np.ndarray, gap: np.ndarray, tol: float, title: str, gap_title: str
) -> None:
    """Move the walk of a ``descent_figure`` to ``path`` (k, 2) and draw its gap curve, with the
    convergence threshold ``tol`` dotted. Titles the two panels."""
    ax_path, ax_gap = figure.axes[:2]
    lines = {line.get_gid(): line for line in ax_path.lines}
    lines["path"].set_data(*path.T)
    lines["path end"].set_data(*path[-1:].T)
    ax_path.set_title(title, fontsize=10)
    clear_plotted(ax_gap)
    ax_gap.plot(np.maximum(gap, _FLOOR), color=_GAP_COLOUR, lw=1.5)
    ax_gap.axhline(tol, color="0.5", ls=":", lw=1)
    steps = max(len(path) - 1, 1)
    ax_gap.set(xlim=(-0.05 * steps, 1.05 * steps), title=gap_title)


def plot_walks(surface: Mapping[str, Any], paths: Mapping[str, np.ndarray]) -> Figure:
    """One panel per walk, titled with its key, on the same loss surface (see
    ``descent_figure``); only the first panel labels the w2 axis."""
    figure, axes = plt.subplots(
        1,
        len(paths),
        figsize=(3.9 * len(paths), 3.6),
        layout="constrained",
        squeeze=False,
        sharey=True,
    )
    for ax, (title, path) in zip(axes[0], paths.items(), strict=True):
        _surface(ax, surface, path)
        ax.set_title(title, fontsize=10)
        ax.label_outer()
    return figure


def plot_sweep(
    lrs: Sequence[float],
    steps: Sequence[float | None],
    marks: Mapping[str, float],
    max_steps: int,
    tol: float,
) -> Figure:
    """Steps until the gap L − L* is below ``tol`` against the learning rate, log-log; ``None``
    (never converged within ``max_steps``) drawn as a cross at ``max_steps``; a dashed line at
    each of ``marks`` (label → η)."""
    lrs = np.asarray(lrs, dtype=float)
    converged = np.array([s is not None for s in steps])
    counts = np.array([max_steps if s is None else s for s in steps], dtype=float)
    figure, ax = plt.subplots(figsize=(7.5, 3.8), layout="constrained")
    ax.loglog(lrs[converged], counts[converged], "o-", color="black", markersize=3,
              label="steps to converge")  # fmt: skip
    ax.loglog(lrs[~converged], counts[~converged], "x", color=_GAP_COLOUR, markersize=8, mew=2,
              label=f"not converged in {max_steps} steps")  # fmt: skip
    for label, lr in marks.items():
        ax.axvline(lr, color="0.4", ls="--", lw=1)
        ax.text(lr * 1.03, max_steps / 2, label, color="0.3")
    # plain-text tick labels at 1, 3, 10, 30, ...: log axes' default labels are mathtext
    for axis, values in ((ax.xaxis, lrs), (ax.yaxis, counts)):
        ticks = [t for k in range(-3, 5) for t in (10.0**k, 3 * 10.0**k)]
        ticks = [t for t in ticks if values.min() / 1.5 <= t <= values.max() * 1.5]
        axis.set_ticks(ticks, labels=[f"{t:g}" for t in ticks])
    ax.minorticks_off()
    ax.set(
        xlabel="learning rate η (log scale)",
        ylabel=f"steps until L − L* < {tol:g}",
        title="Faster with larger η, until the cliff at 2/λ_max",
    )
    ax.legend(frameon=False, fontsize=8, loc="lower left")
    ax.grid(alpha=0.3)
    return figure
