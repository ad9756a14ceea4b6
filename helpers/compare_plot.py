"""Pictures of a ``helpers.compare`` experiment: one bar per activation, one curve per activation.

A table of "mean ± std" is exact but hard to scan with sixteen rows. Two views make it readable:

- ``plot_metric`` draws one horizontal bar per activation (its mean over seeds) with an error bar
  of ± one standard deviation, in the activation's registry colour. Bars whose error bars overlap
  are not clearly different: with three seeds, a difference smaller than the spread is noise.
  A dashed line marks a *baseline* activation (by default ``identity``, the network with no
  activation at all), so "worse than no activation" is visible at a glance.
- ``plot_loss_curves`` draws the loss per epoch for each activation: the mean over seeds with a
  shaded band from the lowest to the highest seed, or (``seeds=True``) every seed as its own line.

Both are pure, like every plot in the course: they take the rows of ``summarise`` or the runs of
``compare`` and an optional ``ax``, and return the ``Figure`` without calling ``plt.show()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from helpers.activations import ACTIVATIONS, COLOURS
from helpers.figures import figure_and_axes, power_of_ten, style_axes

__all__ = ["METRIC_LABELS", "plot_loss_curves", "plot_metric"]

METRIC_LABELS = {
    "final_loss": "final training loss",
    "test_loss": "test loss (held-out data)",
    "accuracy": "accuracy",
    "epochs_to_threshold": "epochs to reach the loss threshold",
    "dead_fraction": "share of dead hidden units",
    "gradient_ratio": "‖∂L/∂W‖ first layer / last layer (at initialisation)",
    "ms_per_step": "milliseconds per training step",
}


def _style(name: str) -> tuple[str, str]:
    """(colour, label) of a contestant: the registry's, or for a layer that is not a registry
    function (maxout) its course colour and its name."""
    if name in ACTIVATIONS:
        return ACTIVATIONS[name].colour, ACTIVATIONS[name].label
    return COLOURS.get(name, "#777777"), name.replace("_", " ").capitalize()


def _of_task(items: Sequence[Any], task: str, what: str) -> list[Any]:
    """The rows or runs of ``task``; a ValueError naming the tasks there are otherwise."""
    get = (lambda item: item["task"]) if what == "rows" else (lambda item: item.task)
    chosen = [item for item in items if get(item) == task]
    if not chosen:
        known = sorted({get(item) for item in items})
        raise ValueError(f"task {task!r} has no {what}; the {what} cover {known}")
    return chosen


def plot_metric(
    rows: Sequence[dict[str, Any]],
    metric: str,
    *,
    task: str,
    ax: Axes | None = None,
    log: bool = False,
    baseline: str | None = "identity",
    title: str | None = None,
) -> Figure:
    """Mean ± std of ``metric`` for every activation of ``task``, one horizontal bar each.

    ``rows`` come from ``helpers.compare.summarise``. Activations without a value (accuracy on a
    regression task, a threshold never reached, every seed diverged) get a "–" instead of a bar.
    For ``epochs_to_threshold`` the label says how many seeds reached it, e.g. "(2/3)"; diverged
    seeds are noted as "[1 diverged]". ``log=True`` uses a log scale, where a ratio such as the
    gradient ratio reads naturally; the lower error bar is then cut at 10 % of the mean, because
    mean − std may be ≤ 0 and a log axis cannot show it.
    """
    if metric not in METRIC_LABELS:
        raise ValueError(f"metric must be one of {sorted(METRIC_LABELS)}, got {metric!r}")
    chosen = _of_task(rows, task, "rows")
    figure, ax = figure_and_axes(ax, (6.0, 0.28 * len(chosen) + 1.2))
    positions = np.arange(len(chosen))[::-1]  # first row at the top, as in the table
    has_value = [row[metric] is not None for row in chosen]
    y = positions[has_value]
    mean = np.array([row[metric][0] for row in chosen if row[metric] is not None])
    # A single run has no spread (None): no error bar, rather than a misleading "± 0".
    spread = np.array(
        [row[metric][1] or 0.0 for row in chosen if row[metric] is not None], dtype=float
    )
    colours = [_style(row["activation"])[0] for row in chosen if row[metric] is not None]
    if mean.size:  # one call for all bars and one for all error bars: fast to draw
        low = np.minimum(spread, 0.9 * mean) if log else spread
        ax.barh(y, mean, height=0.7, color=colours, alpha=0.85, edgecolor="none")
        ax.errorbar(mean, y, xerr=[low, spread], fmt="none", ecolor="black", capsize=2, lw=1)
    ends = dict(zip(y.tolist(), (mean + spread).tolist(), strict=True))
    for position, row in zip(positions, chosen, strict=True):
        note = ""
        if metric == "epochs_to_threshold" and row[metric] is not None:
            note += f" ({row['reached']}/{row['seeds']})"
        if row["diverged"]:
            note += f" [{row['diverged']} diverged]"
        if row[metric] is None:  # x in axes units: also right on a log axis, which has no 0
            ax.text(
                0.01,
                position,
                "–" + note,
                va="center",
                fontsize=8,
                color="0.35",
                transform=ax.get_yaxis_transform(),
            )
        elif note:
            ax.text(ends[position], position, note, va="center", fontsize=8, color="0.35")
    ax.set_yticks(positions, [_style(row["activation"])[1] for row in chosen])
    if log:  # plain-text tick labels: mathtext ones are slow to lay out
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(power_of_ten))
        ax.xaxis.set_minor_formatter(NullFormatter())
    reference = next((row for row in chosen if row["activation"] == baseline), None)
    if reference is not None and reference[metric] is not None:
        at = reference[metric][0]
        ax.axvline(at, color="0.3", linestyle="--", linewidth=1)
        # Named at the foot of the line: cheaper than a legend, and never on top of a bar.
        ax.annotate(
            f"{_style(baseline)[1]} (baseline)",
            xy=(at, 0.0),
            xytext=(3, 3),
            xycoords=("data", "axes fraction"),
            textcoords="offset points",
            fontsize=8,
            color="0.3",
        )
    ax.set_xlabel(METRIC_LABELS[metric])
    ax.set_title(title if title is not None else f"{task}: {METRIC_LABELS[metric]}")
    style_axes(ax)
    ax.grid(False, axis="y")
    return figure


def plot_loss_curves(
    runs: Sequence[Any],
    *,
    task: str,
    activations: Sequence[str] | None = None,
    seeds: bool = False,
    threshold: float | None = None,
    ax: Axes | None = None,
    logy: bool = True,
    legend: bool = True,
    title: str | None = None,
) -> Figure:
    """Training loss per epoch for each activation of ``task`` (``runs`` from ``compare``).

    By default each activation gets its mean curve over the seeds and a shaded band from the
    lowest to the highest seed, so a wide band shows a result that depends on the seed. With
    ``seeds=True`` every seed is drawn as its own line (line width grows with the seed index, so
    the seeds stay apart in greyscale). Diverged runs are left out of the mean and band; with
    ``seeds=True`` they are drawn up to the last finite loss. ``threshold`` adds a dotted line at
    the loss ``compare`` counted as "learned". ``activations`` picks and orders the curves;
    ``legend=False`` leaves the legend out (small multiples, a shared legend elsewhere).
    """
    chosen = _of_task(runs, task, "runs")
    present = list(dict.fromkeys(run.activation for run in chosen))
    names = present if activations is None else list(activations)
    if missing := [name for name in names if name not in present]:
        raise ValueError(f"activations {missing} have no runs for {task!r}; there are {present}")
    figure, ax = figure_and_axes(ax, (6.0, 3.6))
    for name in names:
        style = ACTIVATIONS[name]
        group = [run for run in chosen if run.activation == name]
        if seeds:
            for index, run in enumerate(group):
                curve = np.asarray(run.loss_curve, dtype=float)
                finite = np.isfinite(curve) & (curve > 0 if logy else True)
                ax.plot(
                    np.arange(1, curve.size + 1)[finite],
                    curve[finite],
                    color=style.colour,
                    linestyle=style.linestyle,
                    linewidth=0.9 + 0.6 * index,
                    label=f"{style.label}, seed {run.seed}",
                )
            continue
        finished = [np.asarray(run.loss_curve, dtype=float) for run in group if not run.diverged]
        if not finished:
            continue
        length = min(curve.size for curve in finished)  # record_every may stop runs early
        stack = np.stack([curve[:length] for curve in finished])
        epochs = np.arange(1, length + 1)
        ax.plot(
            epochs,
            stack.mean(axis=0),
            color=style.colour,
            linestyle=style.linestyle,
            linewidth=1.8,
            label=style.label,
        )
        if len(finished) > 1:
            ax.fill_between(
                epochs,
                stack.min(axis=0),
                stack.max(axis=0),
                color=style.colour,
                alpha=0.15,
                linewidth=0,
            )
    if threshold is not None:
        ax.axhline(threshold, color="0.3", linestyle=":", linewidth=1, label="threshold")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training loss")
    ax.set_title(title if title is not None else f"{task}: loss per epoch")
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False, fontsize=8)
    style_axes(ax)
    return figure
