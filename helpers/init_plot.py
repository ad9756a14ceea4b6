"""Figures of the signal's size through a deep ReLU stack under different initialisations
(chapter 08, He against Glorot), as pure functions.

For a ReLU layer with zero biases, Var(z⁽ˡ⁾) = r · Var(z⁽ˡ⁻¹⁾) with r = ½·n_in·Var(w): the
standard deviation of the pre-activations changes by √r per layer. He's Var(w) = 2/n_in gives
r = 1; Glorot's 1/n (square layers) gives r = ½. Every function returns the ``Figure`` and never
calls ``plt.show()``.

- ``plot_spread_by_layer``  the std of z per layer (log scale), measured and predicted
- ``plot_z_histograms``     the distribution of z at a few layers, one panel each
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.plotting import figure_and_axes, small_multiples

__all__ = ["plot_spread_by_layer", "plot_z_histograms"]


def _check_names(data: Mapping[str, object], colours: Mapping[str, str]) -> None:
    if not data or not set(data) <= set(colours):
        raise ValueError(
            f"every initialisation needs a colour: {sorted(data)} vs {sorted(colours)}"
        )


def plot_spread_by_layer(
    spreads: Mapping[str, Sequence[float]],
    ratios: Mapping[str, float],
    colours: Mapping[str, str],
    *,
    ax: Axes | None = None,
) -> Figure:
    """The std of z per layer for each initialisation (markers, solid), and the prediction
    std₁ · r^((l − 1)/2) for its variance ratio r per layer (dashed), on a log scale."""
    _check_names(spreads, colours)
    figure, ax = figure_and_axes(ax, (8, 3.8))
    for name, stds in spreads.items():
        stds = np.asarray(stds, dtype=float)
        layers = np.arange(1, len(stds) + 1)
        ax.plot(layers, stds, color=colours[name], marker="o", ms=4, label=f"{name}, measured")
        predicted = stds[0] * ratios[name] ** ((layers - 1) / 2)
        ax.plot(
            layers,
            predicted,
            color=colours[name],
            ls="--",
            lw=1,
            label=f"{name}, theory: variance × {ratios[name]:g} per layer",
        )
    ax.set(yscale="log", xlabel="layer", ylabel="std of pre-activations z")
    ax.minorticks_off()  # minor log ticks cost render time and add nothing here
    ax.set_xticks(np.arange(1, len(stds) + 1, 2))
    ax.legend(frameon=False, fontsize=9)
    ax.grid(True, alpha=0.3, linewidth=0.6)
    return figure


def plot_z_histograms(
    stacks: Mapping[str, Sequence[np.ndarray]],
    colours: Mapping[str, str],
    layers: Sequence[int] = (1, 5, 10, 20),
    *,
    limit: float = 4.0,
) -> Figure:
    """Histograms (densities) of z at the given layers (1-based), one panel per layer, each
    initialisation in its colour. A spike taller than the axes is labelled with its std."""
    _check_names(stacks, colours)
    bins = np.linspace(-limit, limit, 81)

    def draw(ax: Axes, layer: int) -> None:
        for name, zs in stacks.items():
            z = np.asarray(zs[layer - 1], dtype=float)
            density, _ = np.histogram(z, bins=bins, density=True)
            ax.stairs(density, bins, color=colours[name], lw=1.6, label=name)
            if density.max() > 1.0:  # taller than the axes: say how narrow it is
                ax.text(
                    0.97,
                    0.9,
                    f"{name}: spike,\nstd {z.std():.0e}",
                    color=colours[name],
                    fontsize=9,
                    ha="right",
                    va="top",
                    transform=ax.transAxes,
                )
        ax.set(xlabel="z", ylim=(0, 1.0), title=f"layer {layer}")
        if layer == layers[0]:
            ax.legend(frameon=False, fontsize=9)
            ax.set_ylabel("density")

    return small_multiples(draw, list(layers), panel_size=(3.2, 2.7))
