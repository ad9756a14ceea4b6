"""What every figure module shares: where to draw, the axes style, and the class palette.

Small on purpose — diagrams (networks, computation graphs) need these and nothing else, so they
do not import the activation registry or SciPy to get them.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = [
    "CLASS_COLOURS",
    "CLASS_MARKERS",
    "LINESTYLES",
    "figure_and_axes",
    "power_of_ten",
    "style_axes",
]

# Okabe & Ito (2008), "Color Universal Design": safe for protanopia, deuteranopia, tritanopia.
CLASS_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
CLASS_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
LINESTYLES = ("-", "--", "-.", ":")


def _root_figure(ax: Axes) -> Figure:
    figure = ax.figure
    return figure if isinstance(figure, Figure) else figure.figure  # an Axes in a SubFigure


def figure_and_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    """Where a plot function draws: a new constrained-layout figure of ``figsize`` when ``ax`` is
    None, else ``ax`` and its root figure (also for an Axes inside a SubFigure)."""
    if ax is None:
        figure, ax = plt.subplots(figsize=figsize, layout="constrained")
        return figure, ax
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return _root_figure(ax), ax


def style_axes(ax: Axes) -> None:
    """A light grid, no top or right spine: the course's look for data plots."""
    ax.grid(True, alpha=0.3, linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float, _position: object = None) -> str:
    """A tick label for a log axis as plain text: "10⁻²" for 10 to an integer power, "%g" for
    anything else. Matplotlib's default labels are mathtext, which costs ~10 ms to lay out per
    distinct label; use it as ``axis.set_major_formatter(FuncFormatter(power_of_ten))``.

    >>> power_of_ten(0.01), power_of_ten(1000.0), power_of_ten(3.0), power_of_ten(1.0)
    ('10⁻²', '10³', '3', '10⁰')
    """
    exponent = np.log10(value) if value > 0 else np.nan
    if np.isfinite(exponent) and np.isclose(exponent, round(exponent)):
        return "10" + str(round(exponent)).translate(_SUPERSCRIPTS)
    return f"{value:g}"
