"""The figures of chapter 03's gradient: what ∂L/∂w is, where ∇L points, why the step has a minus.

Each function takes the losses and numbers the chapter computed and returns a ``Figure`` (never
calling ``plt.show()``).

- ``plot_secants``            L along one weight, two secants and the tangent at the current weight
- ``plot_difference_errors``  error of forward and centred differences against the step h
- ``plot_uphill``             ∇L on the loss surface, and slopes measured in every direction
- ``plot_tangent_steps``      a 1-D loss with tangents and the steps −η·slope on both sides
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.figures import power_of_ten
from helpers.landscape import plot_loss_surface

__all__ = ["plot_difference_errors", "plot_secants", "plot_tangent_steps", "plot_uphill"]

_BLUE, _SKY, _VERMILION = "#0072B2", "#56B4E9", "#D55E00"


def plot_secants(
    loss_at: Callable[[float], float],
    w: float,
    slope: float,
    nudges: Sequence[float] = (-1.8, -0.7),
    label: str = "w",
) -> Figure:
    """L along one weight (``loss_at(value)``, every other weight fixed) around ``w``: the secant
    through w and w + Δw for each nudge Δw, and the tangent of slope ``slope`` (the exact ∂L/∂w).
    Each straight line is labelled with its slope."""
    offsets = np.linspace(-2.5, 2.5, 101)
    span = np.array([-2.0, 1.2])  # where the straight lines are drawn, relative to w
    height = loss_at(w)
    figure, ax = plt.subplots(figsize=(7.5, 4.2), layout="constrained")
    ax.plot(
        w + offsets,
        [loss_at(w + d) for d in offsets],
        color="black",
        lw=2.5,
        label=f"L, only {label} varied",
    )
    for dw, colour in zip(nudges, (_SKY, _BLUE), strict=False):
        quotient = (loss_at(w + dw) - height) / dw
        ax.plot(
            w + span,
            height + quotient * span,
            "--",
            color=colour,
            lw=1.2,
            label=f"secant over Δw = {dw:g}: slope {quotient:.4f}",
        )
        ax.plot(w + dw, loss_at(w + dw), "o", color=colour, markersize=6)
    ax.plot(
        w + span,
        height + slope * span,
        color=_VERMILION,
        lw=1.8,
        label=f"tangent: slope ∂L/∂w = {slope:.4f}",
    )
    ax.plot(w, height, "o", color="black", markersize=7)
    ax.set(
        xlabel=f"{label}  (all other weights fixed)",
        ylabel="loss L",
        title="As Δw shrinks, the secant turns into the tangent",
    )
    ax.legend(frameon=False, fontsize=8)
    ax.grid(alpha=0.3)
    return figure


def plot_difference_errors(
    h: Sequence[float], forward_error: Sequence[float], centred_error: Sequence[float]
) -> Figure:
    """|difference quotient − exact derivative| against the step h on log-log axes, for forward
    and centred differences, with reference lines of slope 1, 2 and −1 and thin vertical lines
    at √ε and ε^(1/3), where each kind of difference is at its most accurate."""
    h = np.asarray(h, dtype=float)
    eps = np.finfo(float).eps
    figure, ax = plt.subplots(figsize=(7.5, 4.4), layout="constrained")
    ax.loglog(h, forward_error, "o-", color=_BLUE, label="forward  (L(w+h) − L(w)) / h")
    ax.loglog(h, centred_error, "s-", color=_VERMILION, label="centred  (L(w+h) − L(w−h)) / 2h")
    ax.loglog(h, 1e-2 * h, ":", color="0.4", label="slopes 1, 2 and −1 for reference")
    ax.loglog(h, 1e-2 * h**2, ":", color="0.4")
    ax.loglog(h, 3e-17 / h, ":", color="0.4")
    ax.axvline(np.sqrt(eps), color=_BLUE, lw=0.8, alpha=0.6)
    ax.axvline(eps ** (1 / 3), color=_VERMILION, lw=0.8, alpha=0.6)
    ax.set(
        xlabel="step h",
        ylabel="|difference quotient − exact ∂L/∂w|",
        ylim=(1e-13, 1e-1),
        title="Truncation error falls like h or h², round-off rises like 1/h",
    )
    ax.legend(frameon=False, fontsize=8, loc="lower left")

    # plain-text labels every two decades: log axes' default labels are mathtext
    def decades(low: float, high: float) -> tuple[list[float], list[str]]:
        exponents = [k for k in range(-16, 4, 2) if low <= 10.0**k <= high]
        return [10.0**k for k in exponents], [power_of_ten(10.0**k) for k in exponents]

    ax.set_xticks(*decades(h.min(), h.max()))
    ax.set_yticks(*decades(1e-13, 1e-1))
    ax.minorticks_off()
    ax.grid(alpha=0.3)
    return figure


def plot_uphill(
    loss: Callable[[np.ndarray], Any],
    gradient: Callable[[np.ndarray], np.ndarray],
    at: Sequence[float],
    angles: np.ndarray,
    measured: np.ndarray,
    *,
    minimum: Sequence[float],
    limits: tuple[tuple[float, float], tuple[float, float]],
    levels: Sequence[float],
) -> Figure:
    """Two panels: the loss surface with ∇L arrows and, at the point ``at``, the arrows ∇L and
    −∇L; the slope of L ``measured`` along each direction ``angles`` (radians) at that point,
    beside ‖∇L‖ cos θ."""
    at = np.asarray(at, dtype=float)
    g = np.asarray(gradient(at), dtype=float)
    g_angle = np.degrees(np.arctan2(g[1], g[0])) % 360
    figure, axes = plt.subplots(
        1, 2, figsize=(11, 4.5), layout="constrained", gridspec_kw={"width_ratios": [1.15, 1]}
    )
    plot_loss_surface(
        loss,
        *limits,
        gradient=gradient,
        arrows=9,
        minimum=minimum,
        levels=levels,
        ax=axes[0],
        title="∇L at right angles to the contours, pointing uphill",
    )
    axes[0].set(xlabel="w₁", ylabel="w₂")  # plain text, no mathtext to lay out
    scale = 0.75 / np.linalg.norm(g)  # both arrows 0.75 long
    for sign, colour, text in [(1, "black", "∇L"), (-1, _VERMILION, "−∇L")]:
        tip = at + sign * scale * g
        axes[0].annotate("", tip, at, arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2.2})
        axes[0].text(
            *(tip + np.array([-0.1, 0.15])), text, color=colour, fontsize=11, fontweight="bold"
        )
    axes[0].plot(*at, "o", color="black")
    degrees = np.degrees(angles)
    axes[1].plot(
        degrees,
        measured,
        "o",
        color=_BLUE,
        markersize=4,
        fillstyle="none",
        label="measured slope along u",
    )
    axes[1].plot(
        degrees,
        np.linalg.norm(g) * np.cos(angles - np.radians(g_angle)),
        color="black",
        lw=1,
        label="|∇L| cos θ",
    )
    axes[1].axvline(g_angle, color="black", ls=":", lw=1)
    axes[1].set_xticks(range(0, 361, 90))
    axes[1].set(
        xlabel="direction of u (degrees)",
        ylabel="slope of L along u",
        title="At the black dot: steepest where u points along ∇L",
    )
    axes[1].legend(frameon=False, fontsize=8)
    axes[1].grid(alpha=0.3)
    return figure


def plot_tangent_steps(
    loss_at: Callable[[np.ndarray], np.ndarray],
    slope_at: Callable[[float], float],
    points: Sequence[float],
    lr: float,
    *,
    minimum: float,
    axis: tuple[float, float],
    label: str = "$w_1$",
) -> Figure:
    """A loss of one weight (``loss_at`` takes an array), and at each of ``points`` its tangent and
    an arrow for the step w → w − lr·slope, which heads for the ``minimum`` from either side."""
    grid = np.linspace(*axis, 300)
    figure, ax = plt.subplots(figsize=(8, 4), layout="constrained")
    ax.plot(grid, loss_at(grid), color="black", lw=2, label=f"L along {label}")
    for w, colour in zip(points, (_BLUE, _VERMILION), strict=False):
        slope, height = slope_at(w), float(loss_at(np.array([w]))[0])
        near = np.array([w - 0.8, w + 0.8])
        ax.plot(
            near,
            height + slope * (near - w),
            color=colour,
            lw=1.3,
            ls="--",
            label=f"tangent at {label} = {w:g}: slope {slope:+.3f}",
        )
        after = w - lr * slope
        ax.annotate(
            "",
            (after, float(loss_at(np.array([after]))[0])),
            (w, height),
            arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2},
        )
        ax.plot(w, height, "o", color=colour, markersize=7)
    ax.axvline(minimum, color="0.5", lw=0.8, ls=":")
    ax.set(
        xlabel=f"{label}  (the other weight fixed at its best value)",
        ylabel="loss L",
        title="The step −η·slope goes downhill on both sides of the minimum",
    )
    ax.legend(frameon=False, fontsize=8)
    ax.grid(alpha=0.3)
    return figure
