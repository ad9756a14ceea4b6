"""Two output-layer mistakes of chapter 13, drawn: softmax + MSE, and softmax applied twice.

``plot_confidently_wrong`` puts the loss (left) and the gradient norm ‖∂L/∂z‖ (right) of
softmax + cross-entropy and softmax + MSE side by side against how strongly the model prefers a
wrong class, on log axes, with the confidently wrong stretch shaded. ``plot_double_softmax``
draws one prediction as bars, softmax(z) next to softmax(softmax(z)), with the uniform level.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from helpers.activations import COLOURS, softmax
from helpers.figures import power_of_ten
from helpers.plotting import CLASS_COLOURS

__all__ = ["plot_confidently_wrong", "plot_double_softmax"]


def plot_confidently_wrong(
    margins: np.ndarray,
    losses: tuple[np.ndarray, np.ndarray],
    gradients: tuple[np.ndarray, np.ndarray],
    *,
    wrong_from: float = 4.0,
) -> Figure:
    """Loss and gradient norm against the wrong-class logit m, cross-entropy first, MSE second;
    the stretch m ≥ ``wrong_from`` (the model confidently wrong) is shaded."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 3.8))
    figure.subplots_adjust(left=0.06, right=0.99, bottom=0.14, top=0.91, wspace=0.18)
    for ax, values, what in ((left, losses, "loss"), (right, gradients, "‖∂L/∂z‖")):
        ax.plot(margins, values[0], color=CLASS_COLOURS[0], lw=2, label="softmax + cross-entropy")
        ax.plot(margins, values[1], color=CLASS_COLOURS[5], lw=2, ls="--", label="softmax + MSE")
        ax.set(xlabel="wrong-class logit m (true class at 0)", ylabel=what, yscale="log")
        ax.yaxis.set_major_formatter(FuncFormatter(power_of_ten))  # plain text: mathtext is slow
        ax.yaxis.set_minor_formatter(NullFormatter())
        ax.axvspan(wrong_from, float(np.max(margins)), color="0.85", alpha=0.5, lw=0)
        ax.grid(alpha=0.3)
    left.set_title("Both losses grow as the model becomes confidently wrong (shaded) ...")
    right.set_title("... but only MSE's gradient dies there")
    left.legend(frameon=False)
    return figure


def plot_double_softmax(scores: Sequence[float]) -> Figure:
    """Bars of softmax(scores) (what was meant) and softmax(softmax(scores)) (what a loss that
    applies softmax again sees), one pair per class, with the uniform level 1/k dotted."""
    scores = np.asarray(scores, dtype=float)
    once, twice = softmax(scores), softmax(softmax(scores))
    classes = np.arange(scores.size)
    figure, ax = plt.subplots(figsize=(7.5, 3.4))
    figure.subplots_adjust(left=0.1, right=0.98, bottom=0.2, top=0.9)
    colour = COLOURS["softmax"]
    ax.bar(classes - 0.2, once, width=0.4, color=colour, label="softmax(z): what was meant")
    twice_label = "softmax(softmax(z)): what the loss sees"
    ax.bar(classes + 0.2, twice, width=0.4, color=colour, alpha=0.4, label=twice_label)
    ax.axhline(1 / scores.size, color="0.4", ls=":", lw=1, label=f"uniform, 1/{scores.size}")
    ticks = [f"class {c}\nz = {v:g}" for c, v in zip(classes, scores, strict=True)]
    ax.set(xticks=classes, xticklabels=ticks, ylabel="probability", ylim=(0, 1))
    ax.set_title("A second softmax flattens a confident prediction towards uniform")
    ax.legend(frameon=False)
    ax.grid(alpha=0.3, axis="y")
    return figure
