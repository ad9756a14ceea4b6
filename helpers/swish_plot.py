"""Swish, x·σ(βx), drawn between its two limits: the line x/2 (β → 0) and ReLU (β → ∞).

Chapter 14's explorer and its static twin. ``SWISH`` is the registry's SiLU with a slope
parameter β, so the course's ``plot_activation`` draws it with its derivative and a numerical
check of that derivative.

- ``swish``, ``swish_derivative``  x·σ(βx) and σ(βx) + βx·σ(βx)·σ(−βx)
- ``draw_swish``                   one β on a given axes, with x/2 and ReLU for reference
- ``swish_figure``, ``update_swish`` the explorer's figure and its redraw for a new β
- ``plot_swish_panels``            a few β side by side
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS, sigmoid
from helpers.plotting import plot_activation, small_multiples
from helpers.widgets import clear_plotted

__all__ = [
    "SWISH",
    "draw_swish",
    "plot_swish_panels",
    "swish",
    "swish_derivative",
    "swish_figure",
    "update_swish",
]

X_PLOT = np.linspace(-5, 5, 401)
YLIM = (-2.6, 5.0)


def swish(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """x·σ(βx): SiLU at β = 1, the line x/2 as β → 0, ReLU as β → ∞."""
    return x * sigmoid(beta * x)


def swish_derivative(x: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """σ(βx) + βx·σ(βx)·σ(−βx), by the product rule and σ′(t) = σ(t)σ(−t)."""
    gate = sigmoid(beta * x)
    return gate + beta * x * gate * sigmoid(-beta * x)


SWISH = replace(
    ACTIVATIONS["silu"],
    name="swish",
    label="Swish",
    forward=swish,
    derivative=swish_derivative,
    params={"beta": 1.0},
    formula=r"x\,\sigma(\beta x)",
)


def draw_swish(ax: Axes, beta: float, *, legend: bool = True) -> None:
    """Swish at ``beta`` (solid), its derivative (dashed, circles: numerical), x/2 and ReLU."""
    relu = ACTIVATIONS["relu"]
    ax.plot(X_PLOT, X_PLOT / 2, color="0.55", lw=1, linestyle=":", label="x/2 (β → 0)")
    ax.plot(X_PLOT, relu(X_PLOT), color=relu.colour, lw=1, alpha=0.6, label="ReLU (β → ∞)")
    plot_activation(SWISH, X_PLOT, params={"beta": beta}, ax=ax, check_points=7)
    ax.set(ylim=YLIM, title=f"β = {beta:g}")
    if not legend:
        ax.get_legend().remove()


def swish_figure() -> Figure:
    """The explorer's figure, built once: axes, labels and limits fixed for every β."""
    figure, ax = plt.subplots(figsize=(6.4, 3.8), layout="constrained")
    ax.set(xlim=(-5.5, 5.5), ylim=YLIM, xlabel="x")
    return figure


def update_swish(figure: Figure, beta: float) -> None:
    """Redraw Swish, its derivative and its two limits for one β."""
    (ax,) = figure.axes
    clear_plotted(ax)
    draw_swish(ax, beta, legend=False)
    ax.set_title(f"Swish x·σ(βx) with β = {beta:g}, between x/2 and ReLU")
    ax.legend(frameon=False, fontsize="small", loc="upper left")


def plot_swish_panels(betas: Sequence[float] = (0.1, 1.0, 3.0, 20.0)) -> Figure:
    """One panel per β: the static twin of the explorer."""
    return small_multiples(
        lambda ax, beta: draw_swish(ax, beta, legend=False),
        list(betas),
        ncols=len(betas),
        panel_size=(3.5, 2.8),
        title="Swish x·σ(βx) (solid), its derivative (dashed; circles: numerical), "
        "x/2 (dotted) and ReLU",
    )
