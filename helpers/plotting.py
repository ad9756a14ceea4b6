"""Pure plotting functions: they take data and an optional ``ax`` and return the ``Figure``.

None of them calls ``plt.show()`` — the notebook does, so a cell shows each figure exactly once.
When ``ax`` is None a new figure of a fixed size is made, so stored notebook outputs do not
change size between runs. Every activation is drawn in its colour and line style from
``helpers.activations.ACTIVATIONS``; classes use the Okabe–Ito palette (distinguishable with
the common colour-vision deficiencies) and a different marker shape each, so they remain
distinguishable in greyscale too.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from numbers import Real
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.mathtext import MathTextParser

from helpers._arrays import check_count
from helpers.activations import ACTIVATIONS, lookup
from helpers.figures import CLASS_COLOURS, CLASS_MARKERS, LINESTYLES, figure_and_axes, style_axes
from helpers.gradcheck import numerical_derivative

__all__ = [
    "CLASS_COLOURS",
    "CLASS_MARKERS",
    "figure_and_axes",
    "plot_activation",
    "plot_activations",
    "plot_decision_boundary",
    "plot_neuron",
    "plot_training_curves",
    "plot_weight_and_bias",
    "small_multiples",
]

_KINK_MARGIN = 1e-3
_GREEK = {"alpha": "α", "beta": "β", "lambda": "λ"}


def _kinks(activation: Any) -> tuple[float, ...]:
    """The registry's kinks; for an activation of your own, 0 unless it says it is smooth."""
    kinks = getattr(activation, "kinks", None)
    if kinks is not None:
        return tuple(kinks)
    return () if getattr(activation, "smooth", True) else (0.0,)


def _grid(x: Any, activations: Iterable[Any]) -> np.ndarray:
    """The x values to draw at: given, or wide enough to show every kink with room to spare."""
    if x is None:
        kinks = [k for activation in activations for k in _kinks(activation)]
        low = min([-5.0, *(kink - 2 for kink in kinks)])
        high = max([5.0, *(kink + 2 for kink in kinks)])
        return np.linspace(low, high, 521)
    try:
        grid = np.array(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise TypeError(f"x must be numeric, got {type(x).__name__}") from None
    if grid.ndim != 1 or grid.size < 2:
        raise ValueError(f"x must be 1-D with at least 2 points, got shape {grid.shape}")
    if not np.isfinite(grid).all():
        raise ValueError("x must be finite")
    return np.sort(grid)  # unsorted x would draw a zig-zag


def _check_positions(low: float, high: float, count: int, kinks: Sequence[float]) -> np.ndarray:
    """``count`` evenly spread points; any that land on a kink are moved a third of a step off."""
    points = np.linspace(low, high, count) if count > 1 else np.array([(low + high) / 2])
    shift = (high - low) / (3 * max(count - 1, 1))
    for kink in kinks:
        near = np.abs(points - kink) < _KINK_MARGIN
        points[near] = kink + shift if kink + shift <= high else kink - shift
    return points


@functools.lru_cache(maxsize=64)
def _mathtext(formula: str) -> str | None:
    """``formula`` wrapped in $…$ if matplotlib's mathtext can draw it, else None."""
    if not formula.strip("$ "):
        return None
    text = formula if formula.startswith("$") else f"${formula}$"
    try:
        MathTextParser("path").parse(text)
    except ValueError:  # e.g. \begin{cases}: fall back to the label rather than fail at draw
        return None
    return text


def _format_value(value: Any) -> str:
    return f"{value:g}" if isinstance(value, Real) and not isinstance(value, bool) else str(value)


def _title(activation: Any, params: Mapping[str, Any]) -> str:
    title = str(getattr(activation, "label", getattr(activation, "name", "f")))
    formula = _mathtext(str(getattr(activation, "formula", "") or ""))
    if formula:
        title = f"{title}: {formula}"
    if params:
        settings = ", ".join(f"{_GREEK.get(k, k)} = {_format_value(v)}" for k, v in params.items())
        title += f"  ({settings})"
    return title


def plot_activation(
    activation: Any,
    x: Any = None,
    *,
    params: Mapping[str, Any] | None = None,
    ax: Axes | None = None,
    show_derivative: bool = True,
    check_points: int = 9,
) -> Figure:
    """Draw f (solid) and f′ (dashed) in the activation's colour, with a finite-difference check.

    The open circles are ``numerical_derivative`` — (f(x + h) − f(x − h)) / 2h — at
    ``check_points`` evenly spread points, moved off the activation's kinks (its registry ``kinks``)
    where a centred difference is meaningless. If the dashed line does not pass through the
    circles, the analytic derivative is wrong. ``params`` overrides the registry defaults,
    e.g. ``params={"alpha": 0.1}`` for Leaky ReLU.
    """
    activation = lookup(activation)
    defaults = dict(getattr(activation, "params", {}))
    given = dict(params or {})
    if unknown := set(given) - set(defaults):
        raise ValueError(f"params has unknown names {sorted(unknown)}; allowed: {sorted(defaults)}")
    settings = {**defaults, **given}
    count = check_count(check_points, "check_points", 0)
    grid = _grid(x, [activation])

    def f(values: np.ndarray) -> np.ndarray:
        return activation.forward(values, **settings)

    values = np.asarray(f(grid), dtype=np.float64)
    slopes = np.asarray(activation.derivative(grid, **settings), dtype=np.float64)
    points = _check_positions(grid[0], grid[-1], count, _kinks(activation))
    numerical = numerical_derivative(f, points)

    figure, ax = figure_and_axes(ax, (5.0, 3.4))
    colour = getattr(activation, "colour", CLASS_COLOURS[0])
    ax.plot(grid, values, color=colour, linestyle="-", linewidth=2.0, label="f")
    if show_derivative:
        ax.plot(grid, slopes, color=colour, linestyle="--", linewidth=1.5, label="f′")
        if count:
            ax.plot(
                points,
                numerical,
                linestyle="none",
                marker="o",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor=colour,
                markeredgewidth=1.5,
                label="numerical f′",
            )
    ax.set_title(_title(activation, given))
    ax.set_xlabel("x")
    ax.legend(frameon=False)
    style_axes(ax)
    return figure


def plot_activations(
    names: Any, x: Any = None, *, derivative: bool = False, ax: Axes | None = None
) -> Figure:
    """Several activations (or, with ``derivative=True``, their derivatives) on one axes.

    Each keeps its registry colour and line style, so the curves stay distinguishable without
    colour; comparing derivatives shows at a glance which ones saturate (f′ → 0 for large |x|).
    """
    names = [names] if isinstance(names, str) else list(names)
    if not names:
        raise ValueError("names must not be empty")
    activations = [lookup(name) for name in names]
    grid = _grid(x, activations)
    curves = [
        np.asarray(
            (a.derivative if derivative else a.forward)(grid, **dict(getattr(a, "params", {}))),
            dtype=np.float64,
        )
        for a in activations
    ]
    figure, ax = figure_and_axes(ax, (6.4, 4.0))
    for i, (activation, curve) in enumerate(zip(activations, curves, strict=True)):
        ax.plot(
            grid,
            curve,
            color=getattr(activation, "colour", CLASS_COLOURS[i % len(CLASS_COLOURS)]),
            linestyle=getattr(activation, "linestyle", LINESTYLES[i % len(LINESTYLES)]),
            linewidth=1.8,
            label=str(getattr(activation, "label", getattr(activation, "name", f"f{i}"))),
        )
    ax.set_xlabel("x")
    ax.set_ylabel("f′(x)" if derivative else "f(x)")
    ax.set_title("Derivatives" if derivative else "Activation functions")
    ax.legend(frameon=False, fontsize="small")
    style_axes(ax)
    return figure


def _class_map(outputs: np.ndarray, m: int) -> tuple[np.ndarray, bool]:
    """(values to fill, is_probability) from what ``predict`` returned for m grid points."""
    if outputs.ndim == 2 and outputs.shape[0] == m and outputs.shape[1] > 1:
        return outputs.argmax(axis=1), False  # (m, k) probabilities: fill the likeliest class
    if outputs.shape not in {(m,), (m, 1)}:
        raise ValueError(
            f"predict must return shape ({m},), ({m}, 1) or ({m}, k), got {outputs.shape}"
        )
    outputs = outputs.reshape(m)
    if not np.isfinite(outputs).all():
        raise ValueError("predict returned NaN or inf")
    if np.array_equal(outputs, np.round(outputs)) and outputs.min() >= 0:
        return outputs.astype(np.int64), False
    if outputs.min() < 0 or outputs.max() > 1:
        raise ValueError("predict must return class labels or probabilities in [0, 1]")
    return outputs, True


def scatter_classes(ax: Axes, points: np.ndarray, labels: np.ndarray, classes: int = 2) -> None:
    """Points of shape (n, 2) on ``ax``, one colour and marker per class (colour-blind safe)."""
    for k in range(classes):
        ax.scatter(
            *points[labels == k].T,
            color=CLASS_COLOURS[k],
            marker=CLASS_MARKERS[k],
            s=24,
            edgecolors="white",
            linewidths=0.5,
            label=f"class {k}",
        )


def plot_decision_boundary(
    predict: Callable[[np.ndarray], Any],
    X: Any,
    y: Any,
    *,
    ax: Axes | None = None,
    resolution: int = 200,
    title: str | None = None,
) -> Figure:
    """Colour the plane by what ``predict`` says, and draw the data on top.

    ``predict`` maps an (m, 2) array of points to labels (m,), to P(class 1) (m,) for a binary
    problem — shaded from one class colour to the other, with the p = 0.5 boundary drawn — or
    to class probabilities (m, k), coloured by the most likely class. A linear model's boundary
    is a straight line; every bend in it is the work of the hidden layers' activations.
    """
    if not callable(predict):
        raise TypeError(f"predict must be callable, got {type(predict).__name__}")
    points = np.asarray(X, dtype=np.float64)
    labels = np.asarray(y)
    if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
        raise ValueError(f"X must have shape (n, 2), got {points.shape}")
    whole = labels.dtype.kind in "biu" or (
        labels.dtype.kind == "f" and np.array_equal(labels, np.round(labels))
    )
    if labels.shape != (len(points),) or not whole or labels.min() < 0:
        raise ValueError(f"y must be {len(points)} non-negative int labels, got {labels!r:.60}")
    labels = labels.astype(np.int64)
    resolution = check_count(resolution, "resolution", 2)
    low, high = points.min(axis=0), points.max(axis=0)
    pad = np.maximum(0.1 * (high - low), 0.1)
    xx, yy = np.meshgrid(
        *(np.linspace(low[i] - pad[i], high[i] + pad[i], resolution) for i in (0, 1))
    )
    grid = np.column_stack([xx.ravel(), yy.ravel()])
    fill, is_probability = _class_map(np.asarray(predict(grid), dtype=np.float64), len(grid))
    classes = max(int(labels.max()) + 1, 2, 1 if is_probability else int(fill.max()) + 1)
    if classes > len(CLASS_COLOURS):
        raise ValueError(f"y has {classes} classes; at most {len(CLASS_COLOURS)} can be drawn")

    figure, ax = figure_and_axes(ax, (5.0, 4.2))
    fill = fill.reshape(xx.shape)
    if is_probability:
        cmap = LinearSegmentedColormap.from_list("p", [CLASS_COLOURS[0], "white", CLASS_COLOURS[1]])
        ax.contourf(xx, yy, fill, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.6)
        if fill.min() < 0.5 < fill.max():
            ax.contour(xx, yy, fill, levels=[0.5], colors="0.2", linewidths=1.2)
    else:
        ax.contourf(
            xx,
            yy,
            fill,
            levels=np.arange(classes + 1) - 0.5,
            colors=CLASS_COLOURS[:classes],
            alpha=0.25,
        )
    scatter_classes(ax, points, labels, classes)
    ax.set(xlabel="$x_1$", ylabel="$x_2$", xlim=(xx[0, 0], xx[0, -1]), ylim=(yy[0, 0], yy[-1, 0]))
    if title is not None:
        ax.set_title(title)
    ax.legend(loc="best", fontsize="small", framealpha=0.8)
    style_axes(ax)
    return figure


def plot_training_curves(
    history: Mapping[str, Sequence[float]],
    *,
    ax: Axes | None = None,
    logy: bool = False,
    title: str | None = None,
) -> Figure:
    """One line per entry of ``history`` (e.g. ``{"train loss": [...], "val loss": [...]}``).

    The x axis counts epochs from 1. Keys that name an activation (``{"relu": losses, ...}``)
    get that activation's colour, line style and label, so comparisons match every other figure.
    ``logy=True`` shows the loss on a log scale, where steady exponential decay is a straight
    line and a plateau (vanishing gradients) stands out.
    """
    if not isinstance(history, Mapping) or not history:
        raise ValueError("history must be a non-empty dict of name -> sequence of numbers")
    series = {}
    for name, values in history.items():
        try:
            curve = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError):
            raise TypeError(f"history[{name!r}] must be a sequence of numbers") from None
        if curve.ndim != 1 or curve.size == 0:
            raise ValueError(f"history[{name!r}] must be a non-empty 1-D sequence")
        if logy and (curve <= 0).any():
            raise ValueError(f"history[{name!r}] has values <= 0, which logy=True cannot show")
        series[name] = curve
    figure, ax = figure_and_axes(ax, (6.0, 3.6))
    others = 0
    for name, curve in series.items():
        if name in ACTIVATIONS:
            style = ACTIVATIONS[name]
            colour, linestyle, label = style.colour, style.linestyle, style.label
        else:
            colour, linestyle = CLASS_COLOURS[others % 7], LINESTYLES[others % 4]
            label, others = str(name), others + 1
        ax.plot(
            np.arange(1, curve.size + 1),
            curve,
            color=colour,
            linestyle=linestyle,
            marker="o" if curve.size == 1 else None,
            linewidth=1.8,
            label=label,
        )
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    if title is not None:
        ax.set_title(title)
    ax.legend(frameon=False)
    style_axes(ax)
    return figure


def small_multiples(
    draw: Callable[[Axes, Any], Any],
    values: Sequence[Any],
    *,
    ncols: int = 4,
    panel_size: tuple[float, float] = (3.0, 2.6),
    title: str | None = None,
    label: str | Callable[[Any], str] | None = None,
) -> Figure:
    """A grid of panels, ``draw(ax, value)`` once per value: the static twin of an explorer.

    A slider shows one setting at a time and only in a live kernel; small multiples show a few
    settings side by side, and survive on GitHub and in HTML exports. ``label`` titles each
    panel: a parameter name (``"α"`` gives "α = 0.1") or a function of the value; if None,
    panels keep the title ``draw`` set, or show the value.
    """
    if not callable(draw):
        raise TypeError(f"draw must be callable, got {type(draw).__name__}")
    values = list(values)
    if not values:
        raise ValueError("values must not be empty")
    ncols = min(check_count(ncols, "ncols", 1), len(values))
    if len(panel_size) != 2 or not all(isinstance(s, Real) and s > 0 for s in panel_size):
        raise ValueError(f"panel_size must be two positive numbers, got {panel_size!r}")
    if label is not None and not (isinstance(label, str) or callable(label)):
        raise TypeError(f"label must be a str, a callable or None, got {type(label).__name__}")
    nrows = math.ceil(len(values) / ncols)
    figure, axes = plt.subplots(
        nrows,
        ncols,
        squeeze=False,
        layout="constrained",
        figsize=(panel_size[0] * ncols, panel_size[1] * nrows),
    )
    try:
        for ax, value in zip(axes.flat, values, strict=False):
            draw(ax, value)
            if isinstance(label, str):
                ax.set_title(f"{label} = {_format_value(value)}")
            elif label is not None:
                ax.set_title(str(label(value)))
            elif not ax.get_title():
                ax.set_title(_format_value(value))
    except BaseException:
        plt.close(figure)  # a failing draw must not leave a half-drawn figure in pyplot
        raise
    for ax in axes.flat[len(values) :]:
        ax.remove()
    if title is not None:
        figure.suptitle(title)
    return figure


def _number(value: float) -> str:
    """``value`` for a label: no "-0", and a true minus sign."""
    return f"{value + 0.0:g}".replace("-", "−")


def _neuron_title(label: str, w: float, b: float) -> str:
    sign = "−" if b < 0 else "+"
    return f"a = {label}({_number(w)}·x {sign} {_number(abs(b))})"


def _draw_neuron(
    ax: Axes, activation: Any, w: float, b: float, grid: np.ndarray, **style: Any
) -> None:
    """One curve a = f(w·x + b) on ``ax``, with a dot where z = 0, at x = −b/w (if w ≠ 0)."""
    ax.plot(grid, activation.forward(w * grid + b, **activation.params), **style)
    if w != 0 and grid[0] <= -b / w <= grid[-1]:
        centre = np.asarray(activation.forward(np.zeros(1), **activation.params))[0]
        ax.plot([-b / w], [centre], marker="o", markersize=5, color=style.get("color"))


def _neuron_ylim(ax: Axes, activation: Any) -> None:
    """Finite ends of the output range, with a margin; the data's extent on an infinite side."""
    low, high = activation.output_range
    data_low, data_high = ax.dataLim.y0, ax.dataLim.y1
    low = low if math.isfinite(low) else min(data_low, -1.0)
    high = high if math.isfinite(high) else max(data_high, 1.0)
    pad = 0.05 * (high - low)
    ax.set_ylim(low - pad, high + pad)


def plot_neuron(
    w: float, b: float, activation: Any = "sigmoid", *, x: Any = None, ax: Axes | None = None
) -> Figure:
    """One neuron with one input: its output a = f(w·x + b) against the input x.

    The dotted line and the dot mark x = −b/w, where z = w·x + b = 0: the centre of a sigmoid or
    tanh, the kink of a ReLU. The weight sets how fast z changes with x, so a larger |w| makes
    the switch sharper (a negative w mirrors it); the bias moves the centre to −b/w, so it
    shifts the curve by b/w, not by b. ``x`` defaults to 401 points on [−6, 6].
    """
    activation = lookup(activation)
    w, b = float(w), float(b)
    grid = np.linspace(-6.0, 6.0, 401) if x is None else _grid(x, [activation])
    figure, ax = figure_and_axes(ax, (6.0, 3.2))
    _draw_neuron(ax, activation, w, b, grid, color=activation.colour, linewidth=2.0)
    if w != 0 and grid[0] <= -b / w <= grid[-1]:
        ax.axvline(-b / w, color="0.5", linestyle=":", linewidth=1.0)
    ax.set(xlabel="input x", ylabel="output a", xlim=(grid[0], grid[-1]))
    ax.set_title(_neuron_title(activation.label, w, b))
    _neuron_ylim(ax, activation)
    style_axes(ax)
    return figure


def plot_weight_and_bias(
    activation: Any = "sigmoid",
    weights: Sequence[float] = (0.5, 1.0, 2.0, 5.0),
    biases: Sequence[float] = (-2.0, 0.0, 4.0),
    *,
    w_for_biases: float = 2.0,
    x: Any = None,
) -> Figure:
    """The static twin of the ``plot_neuron`` explorer: a = f(w·x + b) in two panels.

    Left, several ``weights`` with b = 0: the same centre, a sharper switch as w grows. Right,
    several ``biases`` with w = ``w_for_biases``: the same shape, centred at x = −b/w (the
    dots), so a bias of 4 with w = 2 moves the centre to −2, not to −4.
    """
    activation = lookup(activation)
    weights, biases = [float(v) for v in weights], [float(v) for v in biases]
    if not weights or not biases:
        raise ValueError("weights and biases must not be empty")
    if w_for_biases == 0:
        raise ValueError("w_for_biases must not be 0: the bias alone only lifts a flat line")
    if len(weights) > len(CLASS_COLOURS) or len(biases) > len(CLASS_COLOURS):
        raise ValueError(f"at most {len(CLASS_COLOURS)} weights and biases can be drawn")
    grid = np.linspace(-6.0, 6.0, 401) if x is None else _grid(x, [activation])
    figure, (left, right) = plt.subplots(1, 2, figsize=(10.0, 3.4), layout="constrained")
    by_weight = [(w, 0.0, f"w = {_number(w)}") for w in weights]
    fixed = float(w_for_biases)
    by_bias = [(fixed, b, f"b = {_number(b)}: centre {_number(-b / fixed)}") for b in biases]
    panels = [
        (left, by_weight, "weight w, with b = 0"),
        (right, by_bias, f"bias b, with w = {_number(fixed)}: centred at x = −b/w"),
    ]
    for ax, curves, title in panels:
        for i, (w, b, label) in enumerate(curves):
            style = {"color": CLASS_COLOURS[i], "linestyle": LINESTYLES[i % 4], "label": label}
            _draw_neuron(ax, activation, w, b, grid, linewidth=1.8, **style)
        ax.set(xlabel="input x", ylabel="output a", xlim=(grid[0], grid[-1]), title=title)
        _neuron_ylim(ax, activation)
        ax.legend(frameon=False, fontsize="small")
        style_axes(ax)
    figure.suptitle(f"One neuron, a = {activation.label}(w·x + b)")
    return figure


def __getattr__(name: str) -> Any:
    """Old names, kept so that notebooks saved with an earlier version keep working."""
    if name == "KINKS":
        warnings.warn(
            "helpers.plotting.KINKS is now each registry entry's kinks "
            "(helpers.activations.lookup(name).kinks)",
            DeprecationWarning,
            stacklevel=2,
        )
        return {name: entry.kinks for name, entry in ACTIVATIONS.items() if entry.kinks}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
