"""The figures of chapter 03's losses: how the teacher marks, and what the mark does to learning.

Each function takes the numbers the chapter computed and returns a ``Figure`` (never calling
``plt.show()``). Squared error is drawn in blue and cross-entropy in vermilion (Okabe–Ito, safe
for colour-blind readers), in every panel.

- ``plot_marks``            two marks per question, as side-by-side bars
- ``plot_loss_and_slope``   loss against the logit z, and |∂L/∂z| on a log scale
- ``plot_escape``           a sigmoid neuron's prediction, step by step, under each loss
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import sigmoid
from helpers.figures import power_of_ten

__all__ = ["CE_COLOUR", "MSE_COLOUR", "plot_escape", "plot_loss_and_slope", "plot_marks"]

MSE_COLOUR, CE_COLOUR = "#0072B2", "#D55E00"
_COLOURS = {"squared error": MSE_COLOUR, "cross-entropy": CE_COLOUR}


def _colour(name: str) -> str:
    if name not in _COLOURS:
        raise ValueError(f"loss name must be one of {sorted(_COLOURS)}, got {name!r}")
    return _COLOURS[name]


def plot_marks(p_right: Sequence[float], marks: Mapping[str, Sequence[float]]) -> Figure:
    """One group of bars per question: each loss's penalty, the question labelled with the
    probability the student gave the right answer. ``marks`` maps a loss name ("squared error",
    "cross-entropy") to one penalty per question."""
    p_right = np.asarray(p_right, dtype=float)
    if p_right.ndim != 1 or p_right.size == 0:
        raise ValueError(f"p_right must be a non-empty 1-D sequence, got shape {p_right.shape}")
    figure, ax = plt.subplots(figsize=(8, 3.4), layout="constrained")
    positions = np.arange(1, p_right.size + 1)
    width = 0.8 / max(len(marks), 1)
    for i, (name, values) in enumerate(marks.items()):
        values = np.asarray(values, dtype=float)
        if values.shape != p_right.shape:
            raise ValueError(f"marks[{name!r}] must have {p_right.size} values, got {values.shape}")
        shift = (i - (len(marks) - 1) / 2) * width
        ax.bar(positions + shift, values, width=width, color=_colour(name), label=name)
    labels = [f"Q{q}\nP(right) = {r:.2f}" for q, r in zip(positions, p_right, strict=True)]
    ax.set_xticks(positions, labels)
    ax.set(ylabel="penalty for this answer", title="Two ways to mark one paper")
    ax.legend(frameon=False)
    ax.grid(axis="y", alpha=0.3)
    return figure


def plot_loss_and_slope(
    losses: Mapping[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]],
    measured: Callable[[Callable[[Any], Any], np.ndarray], np.ndarray],
    z_range: tuple[float, float] = (-10.0, 6.0),
) -> Figure:
    """Two panels for a target y = 1 and p = σ(z): each loss against the logit z, and the size
    of its slope ∂L/∂z on a log scale, with circles from ``measured(loss_of_z, z)`` (a numerical
    derivative). ``losses`` maps a loss name to (loss of z, slope of z)."""
    z = np.linspace(*z_range, 200)
    z_check = np.arange(z_range[0] + 1, z_range[1], 2.0)
    figure, axes = plt.subplots(1, 2, figsize=(10.5, 3.7), layout="constrained")
    for name, (loss, slope) in losses.items():
        colour = _colour(name)
        axes[0].plot(z, loss(z), color=colour, lw=2, label=name)
        axes[1].plot(z, np.abs(slope(z)), color=colour, lw=2, label=name)
        axes[1].plot(z_check, np.abs(measured(loss, z_check)), "o", color=colour, fillstyle="none")
    axes[0].plot(z, sigmoid(z), color="0.4", lw=1, ls=":", label="p = σ(z)")
    axes[1].plot([], [], "o", color="0.4", fillstyle="none", label="numerical slopes")
    axes[1].set_yscale("log")
    _plain_log_ticks(axes[1], range(-4, 1), limits=(5e-5, 2.0))
    axes[1].axvspan(z_range[0], -4, color="0.85", alpha=0.6, lw=0)
    axes[1].text(z_range[0] + 0.3, 2e-4, "confidently\nwrong", fontsize=9)
    axes[0].set(
        xlabel="logit z  (p = σ(z), target y = 1)",
        ylabel="loss",
        ylim=(0, 5),
        title="Loss against the logit",
    )
    axes[1].set(
        xlabel="logit z", ylabel="|∂L/∂z|  (log scale)", title="The slope that reaches the network"
    )
    for ax in axes:
        ax.legend(frameon=False, fontsize=8)
        ax.grid(alpha=0.3)
    return figure


def _plain_log_ticks(ax: Any, exponents: Any, limits: tuple[float, float]) -> None:
    """Ticks at 10^k for each k, labelled in plain text (no mathtext), no minor ticks."""
    ticks = [10.0**k for k in exponents]
    labels = ["1" if k == 0 else power_of_ten(10.0**k) for k in exponents]
    ax.set_yticks(ticks, labels=labels)
    ax.minorticks_off()
    ax.set_ylim(*limits)


def plot_escape(runs: Mapping[str, Sequence[float]], start_p: float) -> Figure:
    """The prediction p = σ(w) after each step, one line per loss (``runs`` maps a loss name to
    the weights w₀, w₁, ...), on a step axis that is linear up to 1 and logarithmic beyond."""
    figure, ax = plt.subplots(figsize=(7, 3.5), layout="constrained")
    for name, weights in runs.items():
        weights = np.asarray(weights, dtype=float)
        ax.plot(np.arange(weights.size), sigmoid(weights), color=_colour(name), lw=2, label=name)
    ax.set_xscale("symlog", linthresh=1.0)
    last = max(np.asarray(weights).size for weights in runs.values()) - 1
    ticks = [0, 1] + [10**k for k in range(1, 7) if 10**k <= last]
    ax.set_xticks(ticks, labels=[str(t) for t in ticks])  # plain text: no mathtext to lay out
    ax.minorticks_off()
    ax.axhline(0.5, color="0.5", lw=0.8, ls=":")
    ax.set(
        xlabel="step (log scale beyond 1)",
        ylabel="prediction p = σ(w)",
        ylim=(0, 1),
        title=f"Starting confidently wrong (p = {start_p:.4f})",
    )
    ax.legend(frameon=False)
    ax.grid(alpha=0.3)
    return figure
