"""Where the textbook softmax e^z / Σ e^z breaks, and what survives (chapter 11).

- ``plot_naive_error``         the naive formula's relative error over the scores (a, a − 1, a − 2),
                               with the zones where its result is NaN shaded
- ``plot_log_softmax_rescue``  the cross-entropy and its gradient for scores (t, 0, 0), and the
                               naive −log(softmax) against log-softmax far to the left

Each returns the ``Figure`` and never calls ``plt.show()``; the chapter does.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import COLOURS

__all__ = ["plot_log_softmax_rescue", "plot_naive_error"]

SOFTMAX_COLOUR = COLOURS["softmax"]


def plot_naive_error(shifts: np.ndarray, error: np.ndarray, finite: np.ndarray) -> Figure:
    """Relative error against a on a log scale where the naive result is ``finite``, the rest
    shaded and labelled "NaN". Errors of exactly 0 are drawn at 1e-17, the bottom of the plot."""
    fig, ax = plt.subplots(figsize=(10, 3.8))  # one panel: the tight bounding box is the layout
    ax.semilogy(shifts[finite], np.maximum(error[finite], 1e-17), color=SOFTMAX_COLOUR, lw=1.4)
    for low, high in [(shifts.min(), shifts[finite].min()), (shifts[finite].max(), shifts.max())]:
        ax.axvspan(low, high, color="0.85")
    ax.text(shifts.min() + 70, 1e-3, "naive result\nis NaN", fontsize=10)
    ax.text(shifts[finite].max() + 50, 1e-3, "naive result\nis NaN", fontsize=10)
    ax.set(
        ylim=(1e-18, 10),
        xlabel="a, for the scores (a, a - 1, a - 2)",
        ylabel="relative error of the naive formula",
        title="The naive softmax: exact in the middle, wrong near the edges, NaN beyond them",
    )
    decades = np.arange(-16, 1, 4)  # every fourth decade, labelled in plain text, no minor ticks
    ax.set_yticks(10.0**decades, [f"1e{d}" if d else "1" for d in decades])
    ax.minorticks_off()
    ax.grid(alpha=0.3)
    return fig


def plot_log_softmax_rescue(
    t_near: np.ndarray, t_far: np.ndarray, naive_loss: np.ndarray, fused_loss: np.ndarray
) -> Figure:
    """Left: for scores (t, 0, 0) and true class 0, the loss −log s₀, its asymptote −t + log 2 and
    the gradient s₀ − 1 over ``t_near``. Right: ``naive_loss`` (drawn where finite, the rest
    shaded) and ``fused_loss`` over ``t_far``."""
    Z_near = np.column_stack([t_near, np.zeros((len(t_near), 2))])
    e = np.exp(Z_near - Z_near.max(axis=1, keepdims=True))
    s0 = e[:, 0] / e.sum(axis=1)
    fig, (ax_near, ax_far) = plt.subplots(1, 2, figsize=(12, 4), gridspec_kw={"wspace": 0.2})
    ax_near.plot(t_near, -np.log(s0), color=SOFTMAX_COLOUR, label="loss ℓ = −log s₀")
    ax_near.plot(t_near, -t_near + np.log(2), color="0.5", ls=":", label="−t + log 2")
    ax_near.plot(t_near, s0 - 1.0, color="black", ls="--", label="gradient s₀ − 1")
    ax_near.set(
        ylim=(-1.5, 8.5),
        xlabel="score t of the true class (the others are 0)",
        title="Cross-entropy keeps pushing a wrong answer",
    )
    ax_near.legend(frameon=False)
    ax_near.grid(alpha=0.3)
    ok = np.isfinite(naive_loss)
    ax_far.plot(
        t_far[ok], naive_loss[ok], color="0.4", lw=4, alpha=0.6, label="naive: -log(softmax)"
    )
    ax_far.plot(t_far, fused_loss, color=SOFTMAX_COLOUR, label="log_softmax")
    ax_far.axvspan(t_far.min(), t_far[ok].min(), color="0.85")
    ax_far.text(t_far.min() + 15, 0.5 * fused_loss.max(), "naive loss\n= inf", fontsize=10)
    ax_far.set(
        xlabel="score t of the true class",
        ylabel="loss",
        title="Only log-softmax survives a very wrong answer",
    )
    ax_far.legend(frameon=False, loc="upper right")
    ax_far.grid(alpha=0.3)
    return fig
