"""What a gradient check says, drawn: chapter 05's figures of backpropagation against finite
differences. Pure functions: they return the ``Figure`` and never call ``plt.show()``.

- ``plot_gradient_check``  every partial derivative, backpropagation against the centred
  difference (left: they lie on the diagonal), and the worst relative error of each tensor
  against the tolerance (right, log scale)
- ``plot_check_errors``    one horizontal bar per variant of a backward pass (right, buggy, or a
  harmless failure such as a kink): its worst relative error, on a log scale with the tolerance
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.plotting import CLASS_COLOURS, figure_and_axes

__all__ = ["plot_check_errors", "plot_gradient_check"]

BUG_COLOUR = CLASS_COLOURS[5]  # vermillion
BUG_BAND = (1e-4, 1.0)  # where the relative error of a wrong gradient usually lands
# Every second decade, no minor ticks, labelled in plain text: log axes label in mathtext, and
# laying out a dozen such labels per axis was a third of the time these figures took to draw.
_DECADES = [10.0**k for k in range(-12, 1, 2)]
_DECADE_LABELS = [
    "1" if k == 0 else "10" + str(k).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    for k in range(-12, 1, 2)
]


def _log_floor(value: float) -> float:
    """A relative error of exactly 0 cannot sit on a log axis: draw it at 1e-16."""
    return max(float(value), 1e-16)


def plot_gradient_check(results: Mapping[str, Any], tol: float = 1e-7) -> Figure:
    """``results`` maps a tensor's name to its ``helpers.gradcheck.GradientCheck`` (made with
    the arrays kept: ``.analytic`` and ``.numerical``). Left: one dot per entry, numerical (x)
    against backpropagation (y), one colour per tensor, with the diagonal. Right: each tensor's
    ``max_error`` on a log scale, with the tolerance ``tol`` dashed and the band where bugs land
    shaded."""
    if not results:
        raise ValueError("results must not be empty")
    figure, (ax_dots, ax_bars) = plt.subplots(1, 2, figsize=(12, 4.2), layout="constrained")
    names = list(results)
    count = sum(np.size(result.analytic) for result in results.values())
    for index, (name, result) in enumerate(results.items()):
        colour = CLASS_COLOURS[index % len(CLASS_COLOURS)]
        ax_dots.scatter(np.ravel(result.numerical), np.ravel(result.analytic), s=12,
                        color=colour, label=name)  # fmt: skip
    limit = 1.1 * max(float(np.max(np.abs(result.numerical))) for result in results.values())
    ax_dots.plot([-limit, limit], [-limit, limit], color="0.5", lw=0.8, zorder=0)
    ax_dots.set(xlabel="numerical gradient (centred difference)", ylabel="backpropagation",
                title=f"All {count} partial derivatives lie on the diagonal")  # fmt: skip
    ax_dots.legend(frameon=False, ncols=2, fontsize=9)
    ax_dots.locator_params(nbins=5)  # fewer tick labels to lay out
    colours = [CLASS_COLOURS[i % len(CLASS_COLOURS)] for i in range(len(names))]
    ax_bars.bar(names, [_log_floor(results[name].max_error) for name in names], color=colours)
    ax_bars.axhline(tol, color="black", ls="--", lw=1)
    ax_bars.text(len(names) - 0.6, tol * 1.4, f"tolerance {tol:.0e}", ha="right", fontsize=9)
    ax_bars.axhspan(*BUG_BAND, color=BUG_COLOUR, alpha=0.12, lw=0)
    ax_bars.text(len(names) - 0.6, 2 * BUG_BAND[0], "where bugs live", ha="right", fontsize=9,
                 color=BUG_COLOUR)  # fmt: skip
    ax_bars.set(yscale="log", ylim=(1e-12, 1), xlabel="parameter tensor",
                ylabel="max relative error", title="Relative error per tensor")  # fmt: skip
    ax_bars.set_yticks(_DECADES, labels=_DECADE_LABELS)
    ax_bars.minorticks_off()
    return figure


def plot_check_errors(
    errors: Mapping[str, float],
    *,
    harmless: Collection[str] = (),
    right: Collection[str] = ("correct",),
    tol: float = 1e-7,
    ax: Axes | None = None,
    title: str = "What a gradient check says about each classic bug",
) -> Figure:
    """One bar per entry of ``errors`` (name → worst relative error), top to bottom in order.
    Names in ``right`` are grey, names in ``harmless`` grey and hatched (a failure that is no
    bug), the rest vermillion (bugs). The x axis is logarithmic, with the tolerance dashed."""
    if not errors:
        raise ValueError("errors must not be empty")
    unknown = (set(harmless) | set(right)) - set(errors)
    if unknown:
        raise ValueError(f"harmless and right must name entries of errors, got {sorted(unknown)}")
    figure, ax = figure_and_axes(ax, (7.0, 4.3))
    names = list(errors)
    grey = set(harmless) | set(right)
    colours = ["0.5" if name in grey else BUG_COLOUR for name in names]
    bars = ax.barh(names, [_log_floor(errors[name]) for name in names], color=colours)
    for bar, name in zip(bars, names, strict=True):
        if name in harmless:
            bar.set_hatch("//")
    ax.axvline(tol, color="black", ls="--", lw=1)
    ax.text(tol * 1.3, -0.45, "tolerance", fontsize=9)
    ax.invert_yaxis()  # the first entry on top
    ax.set(xscale="log", xlim=(1e-12, 3), xlabel="max relative error against finite differences",
           title=title)  # fmt: skip
    ax.set_xticks(_DECADES, labels=_DECADE_LABELS)
    ax.minorticks_off()
    return figure
