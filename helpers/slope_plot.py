"""Slopes of composed functions, drawn: a chain stretches a small interval by the product of
its links' slopes, and formulas for a slope agree with the measured one (chapter 04).

Pure functions: each returns a ``Figure`` (never calling ``plt.show()``).

- ``plot_stretch``  a band around x0 through g, then f, then f∘g, with each tangent
- ``plot_slopes``   slope curves against centred differences drawn as circles
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["IMAGE_COLOUR", "plot_slopes", "plot_stretch"]

IMAGE_COLOUR = "#D55E00"  # the image of the band: where the interval lands
_PANELS = ("#0072B2", "#009E73", "#CC79A7")  # g, f and f∘g (Okabe–Ito)

Function = Callable[[np.ndarray], np.ndarray]


def _stretch_panel(
    ax: Axes, func: Function, slope: float, centre: float, band: tuple[float, float],
    colour: str, labels: tuple[str, str, str],
) -> None:  # fmt: skip
    grid = np.linspace(centre - 0.8, centre + 0.8, 200)
    image = np.sort(func(np.array(band)))
    ax.plot(grid, func(grid), color=colour, lw=2)
    ax.axvspan(*band, color=colour, alpha=0.15, lw=0)
    ax.axhspan(*image, color=IMAGE_COLOUR, alpha=0.15, lw=0)
    near = np.linspace(centre - 0.45, centre + 0.45, 2)
    ax.plot(near, func(np.array(centre)) + slope * (near - centre), "--", color="black", lw=1)
    ax.plot(centre, func(np.array(centre)), "o", color="black", ms=4)
    ax.set(xlabel=labels[0], ylabel=labels[1], title=labels[2])
    ax.locator_params(nbins=5)  # fewer tick labels to lay out
    ax.grid(alpha=0.3)


def plot_stretch(
    g: Function, f: Function, x0: float, delta: float, g_slope: float, f_slope: float,
    names: tuple[str, str] = ("g(x)", "f(u)"),
) -> Figure:  # fmt: skip
    """Three panels: the band [x0 − delta, x0 + delta] (shaded on x) and its image under g
    (shaded on the value axis), the tangent of slope ``g_slope``; then the band's image as f's
    input with the tangent of slope ``f_slope`` at u0 = g(x0); then f∘g, whose tangent has the
    product of the two slopes. ``names`` label g and f."""
    if not delta > 0:
        raise ValueError(f"delta must be positive, got {delta!r}")
    u0 = float(g(np.array(x0)))
    x_band = (x0 - delta, x0 + delta)
    u_band = tuple(np.sort(g(np.array(x_band))))
    figure, axes = plt.subplots(1, 3, figsize=(14, 3.8), layout="constrained")
    _stretch_panel(
        axes[0],
        g,
        g_slope,
        x0,
        x_band,
        _PANELS[0],
        ("x", f"u = {names[0]}", f"g stretches the band by g'(x0) = {g_slope:.2f}"),
    )
    _stretch_panel(
        axes[1],
        f,
        f_slope,
        u0,
        u_band,
        _PANELS[1],
        ("u", f"y = {names[1]}", f"f stretches what it gets by f'(u0) = {f_slope:.2f}"),
    )
    _stretch_panel(axes[2], lambda x: f(g(x)), g_slope * f_slope, x0, x_band, _PANELS[2],
                   ("x", "y = f(g(x))",
                    f"so f∘g stretches it by {g_slope:.2f} × {f_slope:.2f} = "
                    f"{g_slope * f_slope:.2f}"))  # fmt: skip
    return figure


def plot_slopes(
    x: np.ndarray,
    curves: Mapping[str, tuple[np.ndarray, str, str]],
    measured: np.ndarray,
    *,
    every: int = 16,
    title: str = "",
) -> Figure:
    """Each curve (label → (values on ``x``, colour, line style)) as a line, and the centred
    differences ``measured`` as open circles at every ``every``-th point of ``x``."""
    x, measured = np.asarray(x, float), np.asarray(measured, float)
    if measured.shape != x.shape:
        raise ValueError(f"measured must have the shape of x {x.shape}, got {measured.shape}")
    figure, ax = plt.subplots(figsize=(8, 3.8), layout="constrained")
    for label, (values, colour, style) in curves.items():
        ax.plot(x, values, color=colour, linestyle=style, lw=2 if style == "-" else 1.4,
                label=label)  # fmt: skip
    ax.plot(x[::every], measured[::every], "o", mfc="none", color="black", ms=6,
            label="centred difference")  # fmt: skip
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set(xlabel="x", ylabel="slope", title=title)
    ax.legend(frameon=False, fontsize=9, ncols=2)
    ax.grid(alpha=0.3)
    return figure
