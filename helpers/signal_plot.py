"""A signal through depth, drawn: chapter 02's figures of what each layer does to it.

Pure functions returning a ``Figure`` (never calling ``plt.show()``). Activations are named by
their registry key and drawn in the registry's colour.

- ``setup_histograms`` / ``draw_histograms``  one panel of stacked per-layer histograms (layer 1
  at the bottom, the signal travels upwards) with each layer's mean and std beside it: built
  once, then refilled, so an explorer can redraw it in place
- ``plot_histograms``  the same histograms for a few settings side by side (the static figure)
- ``plot_spread``      the forward spread (std of the activations) and the backward spread (RMS
  of ∂L/∂z) per layer, one line per setting, on log axes

The static figures use fixed spacing instead of a layout engine, and write powers of ten as plain
text (10⁻²) with no minor ticks, which makes them much cheaper to draw. Only the
explorer's figure keeps the constrained layout, which it computes once, on its first draw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from helpers.activations import ACTIVATIONS
from helpers.figures import power_of_ten

__all__ = ["draw_histograms", "plot_histograms", "plot_spread", "setup_histograms"]

BINS = 40
LABEL_HEIGHT = 0.35  # where a layer's name and numbers sit, within its row of height 1
_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")


def _plain_log_axis(axis: Axis) -> None:
    """A log axis labelled 10⁻², 10⁻¹, ... in plain text, without minor ticks."""
    axis.set_major_formatter(FuncFormatter(power_of_ten))
    axis.set_minor_locator(NullLocator())


def _colour(name: str) -> str:
    if name not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {name!r}")
    return ACTIVATIONS[name].colour


def setup_histograms(depth: int, panels: int = 1, ncols: int = 1) -> Figure:
    """A figure of ``panels`` empty panels for ``depth`` layers each: a histogram axes (one
    filled outline per layer, stacked upwards) and a narrow axes of mean and std texts."""
    if depth < 1 or panels < 1 or ncols < 1:
        raise ValueError("depth, panels and ncols must be positive")
    rows = -(-panels // ncols)
    figure, axes = plt.subplots(
        rows, 2 * ncols, figsize=(10.5 if ncols == 1 else 7.0 * ncols, 0.45 + 0.55 * depth * rows),
        layout="constrained", width_ratios=[5.5, 1] * ncols, squeeze=False,
    )  # fmt: skip
    layers = np.arange(depth)
    for k, (ax, ax_stats) in enumerate(axes.reshape(-1, 2)):
        if k >= panels:
            ax.remove()
            ax_stats.remove()
            continue
        ax.set(
            yticks=layers + LABEL_HEIGHT,
            yticklabels=[f"layer {n}" for n in layers + 1],
            ylim=(-0.1, depth),
            xlabel="activation value (bars scaled to the second-highest: a spike is cut off)",
        )
        ax.tick_params(axis="y", length=0)
        ax.spines[["top", "right", "left"]].set_visible(False)
        ax.grid(alpha=0.3, axis="x")
        for layer in layers:  # reshaped by draw_histograms, never added again
            ax.stairs(np.zeros(BINS), np.linspace(0.0, 1.0, BINS + 1), baseline=layer, fill=True)
        ax_stats.set_ylim(ax.get_ylim())
        ax_stats.axis("off")
        for x, header in [(0.4, "mean"), (1.0, "std")]:  # right-aligned columns of numbers
            ax_stats.text(x, 1.0, header, transform=ax_stats.transAxes, ha="right",
                          fontweight="bold")  # fmt: skip
            for layer in layers:
                ax_stats.text(x, layer + LABEL_HEIGHT, "", ha="right", va="center")
    return figure


def _value_range(name: str, activations: Sequence[np.ndarray]) -> tuple[float, float]:
    """The activation's output range where it is finite; else the data's (shared by all
    layers)."""
    low, high = ACTIVATIONS[name].output_range
    values = np.concatenate([np.ravel(a) for a in activations])
    low = low if np.isfinite(low) else float(np.min(values))
    high = high if np.isfinite(high) else float(np.percentile(values, 99.9))
    return (low, high) if high > low else (low - 1.0, low + 1.0)


def _heights(counts: np.ndarray) -> np.ndarray:
    """Bar heights in [0, 1]: counts over the second-highest count, so that one spike (ReLU's
    exact zeros) is cut off at 1 instead of flattening the rest of the histogram."""
    second = np.sort(counts)[-2] if counts.size > 1 else counts.max()
    return np.minimum(counts / max(second, 1), 1.0)


def draw_histograms(
    figure: Figure, activations: Sequence[np.ndarray], name: str, title: str, panel: int = 0
) -> None:
    """Fill panel ``panel`` of a figure from :func:`setup_histograms` with one histogram per
    layer of ``activations`` (arrays, layer 1 first), in activation ``name``'s colour."""
    ax, ax_stats = figure.axes[2 * panel : 2 * panel + 2]
    if len(activations) != len(ax.patches):
        raise ValueError(f"expected {len(ax.patches)} layers, got {len(activations)}")
    value_range = _value_range(name, activations)
    depth = len(activations)
    means, stds = ax_stats.texts[1 : depth + 1], ax_stats.texts[depth + 2 :]
    for layer, (outline, a) in enumerate(zip(ax.patches, activations, strict=True)):
        counts, edges = np.histogram(a, bins=BINS, range=value_range)
        outline.set_data(layer + 0.9 * _heights(counts), edges, baseline=layer)
        outline.set_color(_colour(name))
        means[layer].set_text(f"{round(float(np.mean(a)), 2) + 0.0:.2f}")  # + 0.0: no "-0.00"
        stds[layer].set_text(f"{np.std(a):#.3g}")
    ax.set_xlim(value_range)
    ax.set_title(title, fontsize=10)


def plot_histograms(
    settings: Mapping[str, tuple[Sequence[np.ndarray], str]], ncols: int = 2
) -> Figure:
    """One panel of stacked histograms per setting ``{title: (activations per layer, activation
    name)}``, without the explorer's columns of means and stds (the chapter prints those in a
    table beside the figure); their space separates the panels. The x-axis label, the same for
    every panel, is written under the bottom row only."""
    depth = len(next(iter(settings.values()))[0])
    figure = setup_histograms(depth, panels=len(settings), ncols=ncols)
    figure.set_layout_engine(None)  # fixed spacing: drawn once, and cropped to fit when shown
    histograms, statistics = figure.axes[0::2], figure.axes[1::2]
    for panel, (title, (activations, name)) in enumerate(settings.items()):
        draw_histograms(figure, activations, name, title, panel=panel)
        histograms[panel].xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
        if panel + ncols < len(settings):  # a panel below it carries the label
            histograms[panel].set_xlabel("")
    for ax in statistics:
        ax.remove()
    figure.subplots_adjust(left=0.07, right=0.99, top=0.9, wspace=0.05, hspace=0.3)
    return figure


def plot_spread(
    forward: Mapping[str, tuple[Sequence[float], str]],
    backward: Mapping[str, tuple[Sequence[float], str]],
) -> Figure:
    """Two log-scale panels against the layer number: ``forward`` {label: (std of a per layer,
    activation name)} and ``backward`` {label: (RMS of ∂L/∂z per layer, name)}. Lines of one
    activation differ in dash and marker; the identity is drawn last, dashed with open markers,
    so that a line it coincides with (SELU keeps the spread too) cannot hide it."""
    figure, axes = plt.subplots(1, 2, figsize=(11, 4.6), sharex=True)
    figure.subplots_adjust(left=0.08, right=0.99, top=0.88, bottom=0.25, wspace=0.22)
    for ax, series, what in [(axes[0], forward, "std of the activations a"),
                             (axes[1], backward, "RMS of the gradient ∂L/∂z")]:  # fmt: skip
        seen: dict[str, int] = {}
        ordered = sorted(series.items(), key=lambda item: item[1][1] == "identity")
        for k, (label, (values, name)) in enumerate(ordered):
            repeat = seen[name] = seen.get(name, -1) + 1
            layers = np.arange(1, len(values) + 1)
            style = {
                "marker": _MARKERS[k % len(_MARKERS)],
                "linestyle": ["-", "--", ":"][repeat % 3],
            }
            if name == "identity":
                style = {"marker": "o", "linestyle": (0, (4, 2)), "markerfacecolor": "none",
                         "markersize": 9, "linewidth": 2.0, "zorder": 5}  # fmt: skip
            ax.plot(layers, values, color=_colour(name), label=label, **style)
        ax.set_yscale("log")
        _plain_log_axis(ax.yaxis)
        ax.set(xlabel="layer", ylabel=f"{what} (log scale)")
        ax.grid(alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    axes[0].set_title("forward: the signal, layer 1 → last")
    axes[1].set_title("backward: the learning signal, last layer → 1")
    handles, labels = axes[0].get_legend_handles_labels()
    figure.legend(handles, labels, loc="lower center", ncols=4, frameon=False, fontsize=9)
    return figure
