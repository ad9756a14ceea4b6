"""SELU's self-normalisation in one figure: the layer-to-layer map, and a deep network's layers.

Chapter 14 computes the numbers; this module only draws them.

- ``plot_self_normalisation``  left: the second-moment map q → E[f(z)²], z ~ N(0, q), against
  the diagonal (a fixed point is where a curve crosses it); right: the activation variance of
  each layer of a deep network, on a log scale.

Curves are given as ``{label: (activation, values)}``; each is drawn in the registry colour of
``activation``, solid the first time an activation appears and dashed the next (ReLU with LeCun,
then ReLU with He weights), so the same network looks the same in both panels.
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import lookup
from helpers.figures import style_axes

__all__ = ["plot_self_normalisation"]

Curves = Mapping[str, tuple[str, np.ndarray]]
_STYLES = ("-", "--", ":", "-.")


def _draw(ax: plt.Axes, x: np.ndarray, curves: Curves, floor: float | None = None) -> None:
    seen: dict[str, int] = {}
    for label, (name, values) in curves.items():
        style = _STYLES[seen.get(name, 0) % len(_STYLES)]
        seen[name] = seen.get(name, 0) + 1
        values = np.asarray(values, dtype=float)
        if floor is not None:
            values = np.maximum(values, floor)
        ax.plot(x, values, color=lookup(name).colour, lw=2, linestyle=style, label=label)


def plot_self_normalisation(
    q_values: np.ndarray, maps: Curves, variances: Curves, *, floor: float = 1e-10
) -> Figure:
    """Left: each map q_{ℓ+1}(q_ℓ) and the diagonal, SELU's fixed point q = 1 marked.
    Right: the activation variance of layers 1, 2, … for each network (values below ``floor``
    are drawn at ``floor``, so a vanished signal stays on the log axis), and the target 1."""
    if not maps or not variances:
        raise ValueError("maps and variances must each hold at least one curve")
    figure, (ax_map, ax_var) = plt.subplots(1, 2, figsize=(12, 4.0), layout="constrained")
    q_values = np.asarray(q_values, dtype=float)
    ax_map.plot(q_values, q_values, color="black", lw=0.8, linestyle=":", label="diagonal")
    _draw(ax_map, q_values, maps)
    ax_map.plot(1.0, 1.0, "o", color=lookup("selu").colour)
    ax_map.set(
        xlabel="second moment q of the pre-activations, layer ℓ",
        ylabel="q at layer ℓ + 1",
        title="Only SELU has a non-zero fixed point that attracts (q = 1)",
    )
    depth = len(next(iter(variances.values()))[1])
    _draw(ax_var, np.arange(1, depth + 1), variances, floor=floor)
    ax_var.set_yscale("log")
    ax_var.axhline(1.0, color="black", lw=0.6)
    ax_var.set(
        xlabel="layer",
        ylabel="activation variance (log)",
        ylim=(floor, 10),
        title="A deep network: SELU holds variance 1, from any start",
    )
    for ax in (ax_map, ax_var):
        style_axes(ax)
        ax.legend(frameon=False, fontsize=8, loc="lower right" if ax is ax_var else "upper left")
    return figure
