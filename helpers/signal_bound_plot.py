"""The error signal of a deep sigmoid network against the rule of thumb and the bound (chapter 06).

Going back through a sigmoid layer, the error δ is multiplied by Wᵀ and then, elementwise, by
σ′(z) ≤ ¼. Only the second factor is capped, so there are two reference lines:

- the **estimate** (rule of thumb): one factor ¼ per sigmoid layer, as if Wᵀ kept the size of δ,
  which Glorot's initialisation arranges *on average*;
- the **bound** (a guarantee): one factor ¼·‖W‖₂ per layer, ‖W‖₂ the spectral norm (the largest
  stretch of W), so ‖δ⁽ˡ⁾‖ ≤ ¼‖W⁽ˡ⁺¹⁾‖₂‖δ⁽ˡ⁺¹⁾‖ can never be broken.

- ``plot_signal_by_layer``  ‖δ‖ per hidden layer of one network (bars), estimate and bound lines
- ``plot_ratio_by_depth``   ‖δ⁽¹⁾‖ / ‖∂L/∂z‖ against depth over several seeds, with ¼ᵈ and the bound
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from helpers.activations import ACTIVATIONS
from helpers.plotting import figure_and_axes

__all__ = ["plot_ratio_by_depth", "plot_signal_by_layer"]

_ESTIMATE = {"color": "black", "ls": "--", "marker": "o", "ms": 3, "lw": 1.2}
_BOUND = {"color": "#D55E00", "ls": ":", "marker": "s", "ms": 3, "lw": 1.5}


def _positive(values: Sequence[float] | np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1 or array.size == 0 or not np.all(np.isfinite(array) & (array > 0)):
        raise ValueError(f"{name} must be a non-empty 1-D array of positive numbers")
    return array


def _figure(ax: Axes | None) -> tuple[Figure, Axes]:
    # A figure of its own gets fixed margins, no layout engine: one axes needs no more.
    if ax is None:
        figure, ax = plt.subplots(figsize=(6.4, 3.8))
        return figure, ax
    return figure_and_axes(ax, (6.4, 3.8))


def _decade(value: float, _position: object = None) -> str:
    exponent = round(np.log10(value)) if value > 0 else 0
    if value > 0 and np.isclose(value, 10.0**exponent):
        return f"1e{exponent}" if exponent else "1"
    return f"{value:.1g}"  # the locator's fallback within a single decade


def _style(ax: Axes) -> None:
    # Decades in plain text ("1e-6"), no minor ticks: the log axis stays readable and cheap.
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(_decade))
    ax.minorticks_off()
    ax.grid(True, axis="y", alpha=0.3, linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)


def plot_signal_by_layer(
    errors: Sequence[float] | np.ndarray,
    estimate: Sequence[float] | np.ndarray,
    bound: Sequence[float] | np.ndarray,
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Bars: ‖δ⁽ˡ⁾‖ for hidden layers l = 1 … d (input side first). Dashed: the estimate, dotted:
    the bound, both for the same layers. All three arrays have one entry per hidden layer."""
    errors = _positive(errors, "errors")
    estimate, bound = _positive(estimate, "estimate"), _positive(bound, "bound")
    if not errors.shape == estimate.shape == bound.shape:
        raise ValueError(
            f"errors, estimate and bound must have one entry per hidden layer, got shapes "
            f"{errors.shape}, {estimate.shape} and {bound.shape}"
        )
    figure, ax = _figure(ax)
    layers = np.arange(1, errors.size + 1)
    ax.bar(layers, errors, color=ACTIVATIONS["sigmoid"].colour, label="‖δ‖ measured")
    ax.plot(layers, estimate, **_ESTIMATE, label="estimate: ¼ per layer")
    ax.plot(layers, bound, **_BOUND, label="bound: ¼·‖W‖₂ per layer")
    ax.set(xlabel="hidden layer (1 = input side)", ylabel="‖δ‖ = ‖∂L/∂z‖ of the layer")
    ax.set_xticks(layers)
    ax.set_title(title or "The error per hidden layer, against the estimate and the bound")
    ax.legend(frameon=False, loc="upper left")
    _style(ax)
    return figure


def plot_ratio_by_depth(
    depths: Sequence[int] | np.ndarray,
    ratios: Sequence[Sequence[float]] | np.ndarray,
    bounds: Sequence[Sequence[float]] | np.ndarray,
    *,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """‖δ⁽¹⁾‖ / ‖∂L/∂z‖ against the number of hidden layers: ``ratios`` and ``bounds`` have shape
    (seeds, depths). Grey dots: one per seed; line: their geometric mean; dashed: 0.25ᵈ; dotted:
    the smallest bound over the seeds (every seed's own bound lies above its own dot)."""
    depths = _positive(depths, "depths")
    ratios, bounds = np.asarray(ratios, dtype=float), np.asarray(bounds, dtype=float)
    if ratios.ndim != 2 or ratios.shape != bounds.shape or ratios.shape[1] != depths.size:
        raise ValueError(
            f"ratios and bounds must both have shape (seeds, {depths.size}), got "
            f"{ratios.shape} and {bounds.shape}"
        )
    if not (np.all(ratios > 0) and np.all(bounds > 0)):
        raise ValueError("ratios and bounds must be positive")
    figure, ax = _figure(ax)
    ax.plot(np.tile(depths, len(ratios)), ratios.ravel(), "o", color="0.6", ms=3, alpha=0.7,
            label=f"one seed ({len(ratios)} seeds)")  # fmt: skip
    mean = np.exp(np.mean(np.log(ratios), axis=0))
    ax.plot(depths, mean, color=ACTIVATIONS["sigmoid"].colour, lw=2, label="geometric mean")
    ax.plot(depths, 0.25**depths, **_ESTIMATE, label="estimate 0.25ᵈ")
    ax.plot(depths, bounds.min(axis=0), **_BOUND, label="bound (smallest over the seeds)")
    ax.set(xlabel="hidden layers d", ylabel="‖δ⁽¹⁾‖ / ‖∂L/∂z‖ at the logit")
    ax.set_xticks(depths)
    ax.set_title(title or "The error reaching layer 1, against depth")
    ax.legend(frameon=False, loc="lower left")
    _style(ax)
    return figure
