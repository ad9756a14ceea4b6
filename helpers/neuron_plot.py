"""The figures of chapter 01, "The neuron, and why non-linearity", as pure functions.

Each takes the data the chapter computed and returns a ``Figure`` (never calling ``plt.show()``),
so the chapter shows the numbers and the lesson while the drawing code lives here, tested.
Activations are named by their registry key ("relu", "identity", "sigmoid") and drawn in the
registry's colour; classes in the course's class colours and markers.

The figures are laid out with fixed spacing rather than a layout engine, label symbols in plain
text rather than mathtext, and keep ticks and legends few: together these halve the time a
figure takes to draw, and the chapter draws ten.

- ``plot_neuron_diagram``   one neuron: inputs, weights, Σ + b, the activation f, its output
- ``plot_walk``             a network's output along a line through input space, one panel each
- ``plot_depth_experiment`` fits of linear and ReLU networks against the least-squares line
- ``plot_decision_panels``  decision boundaries side by side, each titled with its accuracy
- ``plot_hidden_space``     the data in input space and in a 2-unit hidden layer's space
- ``plot_piece_fit``        a curve and its fits from n units, each labelled with its max error
- ``plot_error_rates``      max error against n on log-log axes, with a fitted power law
- ``plot_rates_and_fits``   the last two side by side
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from helpers.activations import ACTIVATIONS, lookup
from helpers.figures import figure_and_axes, style_axes
from helpers.plotting import plot_decision_boundary, scatter_classes

__all__ = [
    "plot_decision_panels",
    "plot_depth_experiment",
    "plot_error_rates",
    "plot_hidden_space",
    "plot_neuron_diagram",
    "plot_piece_fit",
    "plot_rates_and_fits",
    "plot_walk",
]

_MARKERS, _DASHES = ("o", "s", "^", "D", "v", "P"), ("-", "--", "-.", ":")
_DATA = {"color": "0.6", "lw": 4}  # the target curve: a thick grey line under the fits
# Symbols as plain italic text: mathtext would parse each distinct label, which is slow to draw.
_MATH = {"fontstyle": "italic"}
_SUB = dict(zip(range(10), "₀₁₂₃₄₅₆₇₈₉", strict=True))


def _colour(activation: str) -> str:
    return lookup(activation).colour


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], width: float) -> None:
    style = {"arrowstyle": "-|>", "mutation_scale": 14, "color": "0.35", "lw": width}
    ax.add_patch(FancyArrowPatch(start, end, **style))


def plot_neuron_diagram(weights: Sequence[float] = (0.5, -1.0, 2.0)) -> Figure:
    """A neuron with one input per weight (arrow width grows with |w|), the weighted sum Σ + b,
    the activation f (a ReLU, drawn in its box) and its output a = f(z)."""
    weights = [float(w) for w in weights]
    if not 1 <= len(weights) <= 4:
        raise ValueError(f"weights must have 1 to 4 entries, got {len(weights)}")
    relu = ACTIVATIONS["relu"]
    figure, ax = plt.subplots(figsize=(7.6, 3.4))
    figure.subplots_adjust(left=0.01, right=0.99, bottom=0.02, top=0.9)
    ax.set(xlim=(0, 10.4), ylim=(-0.2, 4.4), aspect="equal", title="one neuron")
    ax.axis("off")
    for i, (y, w) in enumerate(
        zip(np.linspace(3.6, 0.8, len(weights)), weights, strict=True), start=1
    ):
        ax.add_patch(Circle((0.8, y), 0.38, facecolor="0.95", edgecolor="black"))
        ax.text(0.8, y, f"x{_SUB[i]}", ha="center", va="center", fontsize=13, **_MATH)
        _arrow(ax, (1.18, y), (3.55, 2.2), width=0.8 * abs(w) + 0.4)
        ax.text(
            1.75,
            y + (0.3 if y >= 2.2 else -0.5),
            f"w{_SUB[i]}",
            fontsize=12,
            color="#0072B2",
            **_MATH,
        )
    ax.add_patch(Circle((4.0, 2.2), 0.45, facecolor="#E6F0FA", edgecolor="#0072B2", lw=1.5))
    ax.text(4.0, 2.2, "Σ", ha="center", va="center", fontsize=16)
    ax.text(4.0, 3.0, "+ b", ha="center", fontsize=13, color="#0072B2", **_MATH)
    _arrow(ax, (4.45, 2.2), (5.9, 2.2), width=1.2)
    ax.text(5.15, 2.4, "z", ha="center", fontsize=13, **_MATH)
    ax.add_patch(Rectangle((5.9, 1.55), 1.6, 1.3, facecolor="#FDF1E6", edgecolor=relu.colour))
    t = np.linspace(-1, 1, 50)
    ax.plot(6.0 + 0.7 * (t + 1), 1.7 + relu.forward(t), color=relu.colour, lw=2)
    ax.text(6.7, 3.0, "f", ha="center", fontsize=13, color=relu.colour, **_MATH)
    _arrow(ax, (7.5, 2.2), (8.7, 2.2), width=1.2)
    ax.text(8.8, 2.2, "a = f(z)", va="center", fontsize=13, **_MATH)
    ax.text(4.0, 0.3, "weighted sum\n(linear)", ha="center", va="center", fontsize=10)
    ax.text(6.7, 0.3, "activation\n(non-linear)", ha="center", va="center", fontsize=10)
    return figure


def _few_ticks(ax: Axes, bins: int = 4) -> None:
    """At most about ``bins`` + 1 labelled ticks per axis: their labels cost most of a panel."""
    for axis in (ax.xaxis, ax.yaxis):
        axis.set_major_locator(MaxNLocator(bins, steps=[1, 2, 2.5, 5, 10]))


def plot_walk(t: Any, curves: Mapping[str, tuple[Any, str]]) -> Figure:
    """One panel per ``title: (values, activation)``: a network's output at the inputs t·u along
    a straight line through input space, drawn in the activation's colour."""
    if not curves:
        raise ValueError("curves must not be empty")
    figure, axes = plt.subplots(1, len(curves), figsize=(5.5 * len(curves), 3.4), squeeze=False)
    figure.subplots_adjust(wspace=0.22)
    for ax, (title, (values, activation)) in zip(axes.flat, curves.items(), strict=True):
        ax.plot(np.ravel(t), np.ravel(values), color=_colour(activation), lw=2)
        ax.set(xlabel="t  (input x = t·u)", ylabel="first output", title=title)
        _few_ticks(ax)
        style_axes(ax)
    return figure


def plot_depth_experiment(
    x: Any, y: Any, floor_fit: Any, floor: float, runs: Sequence[tuple[str, Any, Any, str]]
) -> Figure:
    """Left: the data, the least-squares line ``floor_fit`` (dotted) and each run's fit; right:
    each run's training loss (log scale) against the floor, which is labelled on the line. The
    one legend, left, names the runs for both panels. ``runs``: (label, predictions, loss per
    epoch, activation). Runs of one activation are told apart by their dashes."""
    figure, (ax_fit, ax_loss) = plt.subplots(1, 2, figsize=(12, 3.8))
    figure.subplots_adjust(wspace=0.2)
    x = np.ravel(x)
    ax_fit.plot(x, np.ravel(y), **_DATA, label="data")
    ax_fit.plot(x, np.ravel(floor_fit), color="black", lw=1, linestyle=":", label="least squares")
    for index, (label, prediction, losses, activation) in enumerate(runs):
        style = {"color": _colour(activation), "lw": 1.5, "linestyle": _DASHES[index % 4]}
        ax_fit.plot(x, np.ravel(prediction), label=label, **style)
        ax_loss.plot(np.arange(1, len(losses) + 1), losses, label=label, **style)
    ax_loss.axhline(floor, color="black", linestyle=":", lw=1, label="least-squares floor")
    ax_loss.text(len(losses), floor * 1.08, "least-squares floor", ha="right", fontsize="small")
    ax_fit.set(xlabel="x", ylabel="y", title="What each network learned")
    ax_loss.set(xlabel="epoch", ylabel="mean squared error", yscale="log", title="Training loss")
    _plain_log_ticks(ax_loss.yaxis)
    ax_fit.legend(frameon=False, fontsize="small")
    _few_ticks(ax_fit)
    for ax in (ax_fit, ax_loss):
        style_axes(ax)
    return figure


def _plain_log_ticks(axis: Any) -> None:
    """Plain numbers (1, 0.01) on a log axis, and no minor ticks: they read easier than 10⁻² and
    draw faster."""
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
    axis.set_minor_locator(NullLocator())


def plot_decision_panels(
    panels: Sequence[tuple[str, Callable[[np.ndarray], Any]]], X: Any, y: Any, resolution: int = 120
) -> Figure:
    """One decision-boundary panel per ``(title, predict)``, titled "title: accuracy", where
    the accuracy counts the points whose prediction (P(class 1), or a label) is above 0.5. Only
    the first panel carries the legend and the x₂ labels; the panels share their axes."""
    if not panels:
        raise ValueError("panels must not be empty")
    figure, axes = plt.subplots(1, len(panels), figsize=(4.2 * len(panels), 4.0), squeeze=False)
    figure.subplots_adjust(wspace=0.08)
    for index, (ax, (title, predict)) in enumerate(zip(axes.flat, panels, strict=True)):
        accuracy = np.mean((np.ravel(predict(np.asarray(X))) > 0.5) == np.asarray(y))
        plot_decision_boundary(
            predict, X, y, ax=ax, resolution=resolution, title=f"{title}: {accuracy:.0%}"
        )
        ax.set(xlabel="x₁", ylabel="x₂" if index == 0 else "", xticks=[-1, 0, 1], yticks=[-1, 0, 1])
        if index > 0:
            ax.get_legend().remove()
            ax.tick_params(labelleft=False)
    return figure


def plot_hidden_space(X: Any, hidden: Any, y: Any) -> Figure:
    """The points at their inputs (x₁, x₂), left, and at their hidden values (h₁, h₂), right,
    with the line h₁ + h₂ = 1 that separates the classes there."""
    X, hidden, y = np.asarray(X), np.asarray(hidden), np.asarray(y)
    if X.shape != hidden.shape or X.shape[1:] != (2,) or y.shape != (len(X),):
        raise ValueError(f"X and hidden must be (n, 2) and y (n,), got {X.shape}, {hidden.shape}")
    figure, axes = plt.subplots(1, 2, figsize=(10, 4.2))
    figure.subplots_adjust(wspace=0.25)
    for ax, points, name in ((axes[0], X, "x"), (axes[1], hidden, "h")):
        scatter_classes(ax, points, y)
        ax.set(xlabel=f"{name}₁", ylabel=f"{name}₂", aspect="equal")
        _few_ticks(ax)
        style_axes(ax)
    axes[0].legend(frameon=False, loc="center")
    axes[1].legend(frameon=False, loc="upper right")
    axes[0].set_title("input space: no line separates the classes")
    axes[1].plot([-0.2, 1.2], [1.2, -0.2], color="0.2", lw=1.2)
    axes[1].set_title("hidden space (h₁, h₂): the line h₁ + h₂ = 1 does")
    return figure


def plot_piece_fit(
    x: Any,
    y: Any,
    fits: Mapping[str, tuple[Any, str]],
    *,
    knots: Any = None,
    ax: Axes | None = None,
    title: str | None = None,
    legend: bool = True,
) -> Figure:
    """The curve (thick grey) and each ``label: (predictions, activation)`` fit, labelled with
    its max error; ``knots`` are marked as ticks along the bottom. ``legend=False`` (for small
    panels) writes the max errors into the title instead of a legend."""
    figure, ax = figure_and_axes(ax, (6.4, 3.4))
    x, y = np.ravel(x), np.ravel(y)
    span = y.max() - y.min()
    bottom = y.min() - 0.12 * span  # where the knot ticks go
    ax.plot(x, y, **_DATA, label="target")
    errors = []
    for index, (label, (prediction, activation)) in enumerate(fits.items()):
        errors.append(f"max error {np.max(np.abs(np.ravel(prediction) - y)):.3f}")
        style = {"color": _colour(activation), "lw": 1.8, "linestyle": _DASHES[index % 4]}
        ax.plot(x, np.ravel(prediction), label=f"{label} ({errors[-1]})", **style)
    if knots is not None:
        ax.plot(np.ravel(knots), np.full(np.size(knots), bottom), "|", color="0.3", markersize=8)
    ax.set(xlabel="x  (ticks: knots)" if knots is not None else "x")
    ax.set_ylim(bottom - 0.05 * span, y.max() + (0.35 if legend else 0.1) * span)
    if legend:
        ax.legend(frameon=False, loc="upper left", fontsize="small")
    parts = [title] if title is not None else []
    ax.set_title(": ".join(parts + ([] if legend else [", ".join(errors)])))
    style_axes(ax)
    return figure


def _power_law(n: np.ndarray, errors: np.ndarray, fit_from: int) -> tuple[float, float]:
    tail = n >= fit_from
    slope, intercept = np.polyfit(np.log(n[tail]), np.log(errors[tail]), 1)
    return float(slope), float(intercept)


def plot_error_rates(
    n_values: Any,
    errors: Mapping[str, tuple[Any, str]],
    *,
    fit_from: int | None = 4,
    ax: Axes | None = None,
) -> Figure:
    """Max error against the number of units n, log-log, one ``label: (errors, activation)``
    series each. With ``fit_from``, the power law error ∝ n^s fitted to the first series from
    n = fit_from on is drawn dotted and its slope s written in the legend."""
    if ax is None:  # a single panel needs no layout engine: the saved figure is cropped to fit
        figure, ax = plt.subplots(figsize=(6.0, 3.8))
    else:
        figure, ax = figure_and_axes(ax, (6.0, 3.8))
    n = np.asarray(n_values, dtype=float)
    for index, (label, (values, activation)) in enumerate(errors.items()):
        style = {"color": _colour(activation), "linestyle": _DASHES[index % 4]}
        ax.loglog(n, values, marker=_MARKERS[index % 6], label=label, **style)
    if fit_from is not None and errors:
        first = np.asarray(next(iter(errors.values()))[0], dtype=float)
        slope, intercept = _power_law(n, first, fit_from)
        tail = n[n >= fit_from]
        ax.loglog(
            tail,
            np.exp(intercept) * tail**slope,
            color="black",
            lw=1,
            linestyle=":",
            label=f"fit: error ∝ n^{slope:.2f}",
        )
    _plain_log_ticks(ax.xaxis)
    _plain_log_ticks(ax.yaxis)
    ax.set(xlabel="number of units n", ylabel="max |error|", title="Error against number of units")
    ax.legend(frameon=False, fontsize="small")
    style_axes(ax)
    return figure


def plot_rates_and_fits(
    n_values: Any,
    errors: Mapping[str, tuple[Any, str]],
    x: Any,
    y: Any,
    fits: Mapping[str, tuple[Any, str]],
    title: str,
) -> Figure:
    """``plot_error_rates`` (left, no fitted line) beside ``plot_piece_fit`` (right)."""
    figure, (left, right) = plt.subplots(1, 2, figsize=(12, 3.8))
    figure.subplots_adjust(wspace=0.18)
    plot_error_rates(n_values, errors, fit_from=None, ax=left)
    plot_piece_fit(x, y, fits, ax=right, title=title)
    _few_ticks(right)
    return figure
