"""Loss landscapes of two weights: evaluate a loss on a grid, walk down it, draw the walk.

With only two weights w = (w₁, w₂) the loss L(w) is a surface over the plane, and its contour
lines are the curves of equal loss. The gradient ∇L = (∂L/∂w₁, ∂L/∂w₂) is perpendicular to
them and points uphill, steepest; plain gradient descent steps the other way,

    w_{k+1} = w_k − η ∇L(w_k),

so a path of gradient descent crosses the contours — straight down when the learning rate η is
small enough, zig-zagging across a narrow valley when it is too large. Near a minimum w* the
loss is roughly quadratic, L ≈ L* + ½ (w − w*)ᵀ H (w − w*), and each step multiplies the
distance along an eigenvector of the Hessian H with eigenvalue λ by (1 − ηλ): descent
converges when η < 2/λ_max and is thrown out of the minimum when η > 2/λ_max.

``surface_grid`` and ``descent_path`` compute; ``plot_loss_surface`` draws (it is pure: it
returns the Figure and never calls ``plt.show()``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from numbers import Integral, Real
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers._arrays import check_count

__all__ = ["descent_path", "plot_loss_surface", "surface_grid"]

PATH_COLOUR = "#D55E00"  # Okabe–Ito vermilion: stands out on the blue-green contour fill
ARROW_COLOUR = "#222222"


def _limits(value: Any, name: str) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair of numbers (low, high), got {value!r}") from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be finite with low < high, got ({low}, {high})")
    return low, high


def surface_grid(
    loss: Callable[[np.ndarray], Any],
    w1_limits: Sequence[float],
    w2_limits: Sequence[float],
    resolution: int = 101,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """L(w₁, w₂) on a ``resolution × resolution`` grid: returns (w1, w2, values), each 2-D.

    ``loss`` is called once, on all grid points stacked as rows of an (m, 2) array, and must
    return the m losses — vectorised, because a 101 × 101 grid is 10 201 evaluations.
    """
    if not callable(loss):
        raise TypeError(f"loss must be callable, got {type(loss).__name__}")
    w1_axis = np.linspace(
        *_limits(w1_limits, "w1_limits"), check_count(resolution, "resolution", 2)
    )
    w2_axis = np.linspace(*_limits(w2_limits, "w2_limits"), resolution)
    w1, w2 = np.meshgrid(w1_axis, w2_axis)
    points = np.column_stack([w1.ravel(), w2.ravel()])
    values = np.asarray(loss(points), dtype=np.float64)
    if values.shape not in {(points.shape[0],), (points.shape[0], 1)}:
        raise ValueError(
            f"loss must map an (m, 2) array of weights to m losses, got shape {values.shape} "
            f"for m = {points.shape[0]}"
        )
    return w1, w2, values.reshape(w1.shape)


def descent_path(
    gradient: Callable[[np.ndarray], Any],
    start: Any,
    lr: float,
    steps: int,
    *,
    max_norm: float = 1e6,
) -> np.ndarray:
    """Plain gradient descent w ← w − η ∇L(w) from ``start``; returns every point, (k + 1, d).

    ``gradient(w)`` takes one weight vector of shape (d,) and returns ∇L there. The walk stops
    early, without overflow warnings, if the weights stop being finite or leave the ball
    ‖w‖ ≤ ``max_norm`` (a diverging run), so fewer than ``steps`` steps may come back.
    """
    if not callable(gradient):
        raise TypeError(f"gradient must be callable, got {type(gradient).__name__}")
    point = np.array(start, dtype=np.float64)
    if point.ndim != 1 or point.size == 0 or not np.isfinite(point).all():
        raise ValueError(f"start must be a finite 1-D weight vector, got {start!r}")
    if isinstance(lr, bool) or not isinstance(lr, Real) or not (np.isfinite(lr) and lr > 0):
        raise ValueError(f"lr must be a positive finite number, got {lr!r}")
    steps = check_count(steps, "steps", 0)
    path = [point]
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(steps):
            grad = np.asarray(gradient(path[-1]), dtype=np.float64)
            if grad.shape != point.shape:
                raise ValueError(f"gradient must return shape {point.shape}, got {grad.shape}")
            point = path[-1] - lr * grad  # a new array: earlier points stay as they were
            if not (np.isfinite(point).all() and np.linalg.norm(point) <= max_norm):
                break
            path.append(point)
    return np.array(path)


def plot_loss_surface(
    loss: Callable[[np.ndarray], Any],
    w1_limits: Sequence[float],
    w2_limits: Sequence[float],
    *,
    gradient: Callable[[np.ndarray], Any] | None = None,
    arrows: int = 9,
    path: Any = None,
    minimum: Any = None,
    levels: int | Sequence[float] = 18,
    resolution: int = 101,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Contours of a two-weight loss, optionally with gradient arrows and a descent path.

    ``gradient(w)`` for one weight vector (d = 2) adds an ``arrows × arrows`` grid of arrows
    showing ∇L — uphill, at right angles to the contours, longer where the surface is steeper;
    the longest spans about one grid cell. ``path`` (k, 2) is drawn as dots joined by lines,
    start circled, end crossed; it may leave the window, which stays at the given limits.
    ``minimum`` marks a point with a star. Evenly spaced ``levels`` (a count or the values)
    keep the rule "crowded contours = steep slope". The marks carry gids ("path", "path start",
    "path end", "minimum"), so an explorer can find and move them instead of drawing afresh.
    """
    w1, w2, values = surface_grid(loss, w1_limits, w2_limits, resolution)
    if isinstance(levels, Integral) and not isinstance(levels, bool):
        levels = np.linspace(values.min(), values.max(), check_count(levels, "levels", 2))
    points = None if path is None else np.asarray(path, dtype=np.float64)
    if points is not None and (points.ndim != 2 or points.shape[1] != 2 or len(points) == 0):
        raise ValueError(f"path must have shape (k, 2), got {points.shape}")
    if gradient is not None:
        arrows = check_count(arrows, "arrows", 2)
    if ax is None:
        figure, ax = plt.subplots(figsize=(5.2, 4.2), layout="constrained")
        own_figure = True
    elif isinstance(ax, Axes):
        figure = ax.figure if isinstance(ax.figure, Figure) else ax.figure.figure  # SubFigure
        own_figure = False
    else:
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    try:
        ax.contourf(w1, w2, values, levels=levels, cmap="GnBu_r", alpha=0.55, extend="both")
        lines = ax.contour(w1, w2, values, levels=levels, colors="#35607A", linewidths=0.6)
        ax.clabel(lines, lines.levels[::3], fontsize=7, fmt="%.2f")
        if gradient is not None:
            _draw_arrows(ax, gradient, w1_limits, w2_limits, arrows)
    except BaseException:
        if own_figure:
            plt.close(figure)  # no half-drawn figure left behind in pyplot
        raise
    if points is not None:
        ax.plot(*points.T, "-o", color=PATH_COLOUR, markersize=2.5, linewidth=1.2, gid="path")
        ax.plot(*points[0], "o", color=PATH_COLOUR, markersize=8, fillstyle="none", mew=1.6,
                gid="path start")  # fmt: skip
        ax.plot(*points[-1], "x", color=PATH_COLOUR, markersize=8, mew=2, gid="path end")
    if minimum is not None:
        minimum = np.asarray(minimum, dtype=np.float64)
        ax.plot(*minimum, "*", color="black", markersize=12, gid="minimum")
    ax.set(xlim=(w1.min(), w1.max()), ylim=(w2.min(), w2.max()), xlabel="$w_1$", ylabel="$w_2$")
    ax.set_title("loss surface" if title is None else title)
    return figure


def _draw_arrows(
    ax: Axes,
    gradient: Callable[[np.ndarray], Any],
    w1_limits: Sequence[float],
    w2_limits: Sequence[float],
    count: int,
) -> None:
    """A grid of ∇L arrows, inset half a cell from the edges so none starts on the frame."""
    (low1, high1), (low2, high2) = _limits(w1_limits, "w1_limits"), _limits(w2_limits, "w2_limits")
    inset1, inset2 = (high1 - low1) / (2 * count), (high2 - low2) / (2 * count)
    a1, a2 = np.meshgrid(
        np.linspace(low1 + inset1, high1 - inset1, count),
        np.linspace(low2 + inset2, high2 - inset2, count),
    )
    starts = np.column_stack([a1.ravel(), a2.ravel()])
    grads = np.array([np.asarray(gradient(point), dtype=np.float64) for point in starts])
    if grads.shape != starts.shape:
        raise ValueError(f"gradient must return a vector of shape (2,), got {grads.shape[1:]}")
    # Arrows in data units, scaled together so the longest is 0.9 of the smaller cell side.
    cell = min(2 * inset1, 2 * inset2)
    longest = np.max(np.linalg.norm(grads, axis=1))
    scale = longest / (0.9 * cell) if longest > 0 else 1.0
    ax.quiver(
        *starts.T, *grads.T, angles="xy", scale_units="xy", scale=scale, color=ARROW_COLOUR,
        width=0.004, headwidth=4, label="∇L (uphill)"
    )  # fmt: skip
