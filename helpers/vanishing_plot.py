"""Products of local slopes along a chain, drawn: how a gradient vanishes (chapter 04).

Pure functions: each takes numbers a chapter computed and returns a ``Figure`` or fills an
``Axes`` (never calling ``plt.show()``).

- ``plot_slope_products``    one link's slope beside the product of slopes along many chains
- ``draw_gradient_reaching`` |∂a_d/∂a_k| for every layer k of one chain, against a bound
- ``chain_figure``           the explorer's figure: link slopes (bars) and the gradient reaching
                             each layer, built once ...
- ``update_chain_figure``    ... and reshaped for each new setting
"""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from helpers.activations import ACTIVATIONS

__all__ = [
    "chain_figure",
    "draw_gradient_reaching",
    "plot_slope_products",
    "update_chain_figure",
]

_CHAIN = ACTIVATIONS["sigmoid"].colour
_FLOOR = 1e-40  # the lowest decade shown on the log axes
_DECADES = [1e-40, 1e-30, 1e-20, 1e-10, 1.0, 1e10]
_DECADE_LABELS = ["10⁻⁴⁰", "10⁻³⁰", "10⁻²⁰", "10⁻¹⁰", "1", "10¹⁰"]
BOUND_LABEL = "(|w|/4)^(d−k): the bound"


def plot_slope_products(
    z: np.ndarray,
    chains: Mapping[str, tuple[np.ndarray, np.ndarray, str]],
    *,
    ceiling: float = 0.25,
) -> Figure:
    """Left: each activation's slope on the grid ``z``, with a dotted line at ``ceiling``.
    Right: along chains of growing depth d, the median and 10–90 % band of the product of the
    slopes, on a log axis, against ``ceiling``^d.

    ``chains`` maps a name ("σ'") to (slope on ``z``, products, colour), where ``products`` has
    one row per chain and one column per depth d = 1, 2, ... (a cumulative product)."""
    if not chains:
        raise ValueError("chains must name at least one activation")
    figure, (ax_one, ax_many) = plt.subplots(1, 2, figsize=(13, 3.9), layout="constrained")
    depths = None
    styles = ("-", "--", "-.", ":")
    for style, (name, (slope, products, colour)) in zip(styles, chains.items(), strict=False):
        products = np.asarray(products, dtype=float)
        depths = np.arange(1, products.shape[1] + 1)
        ax_one.plot(z, slope, color=colour, lw=2, linestyle=style, label=f"{name}(z)")
        low, mid, high = np.percentile(products, [10, 50, 90], axis=0)
        ax_many.fill_between(depths, low, high, color=colour, alpha=0.2, lw=0)
        ax_many.semilogy(depths, mid, color=colour, lw=2, label=f"Π {name}(z_k): median, 10–90 %")
    ax_one.axhline(ceiling, color="black", lw=0.8, linestyle=":", label=f"{ceiling:g}")
    ax_one.set(
        xlabel="z", ylabel="local slope", title="One link: the sigmoid passes on at most 1/4"
    )
    ax_many.semilogy(depths, ceiling**depths, color="black", lw=1.2, linestyle=":",
                     label=f"{ceiling:g}^d: the ceiling of Π σ′")  # fmt: skip
    ax_many.set(xlabel="depth d (links in the chain)", ylabel="product of local slopes",
                title="Many links: the product of the slopes vanishes geometrically")  # fmt: skip
    exponents = range(0, -int(np.ceil(-np.log10(ax_many.get_ylim()[0]))), -5)
    ax_many.set_yticks([10.0**k for k in exponents],
                       labels=[_superscript(k) for k in exponents])  # fmt: skip
    ax_many.minorticks_off()
    for ax in (ax_one, ax_many):
        ax.legend(frameon=False, fontsize=9, loc="lower left" if ax is ax_many else "upper right")
        ax.grid(alpha=0.3)
    return figure


def _superscript(k: int) -> str:
    """10^k in plain text: log axes' default labels are mathtext, slow to lay out."""
    return "1" if k == 0 else "10" + str(k).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _decades(ax: Axes) -> None:
    """Every tenth decade labelled in plain text, no minor ticks: a log axis spanning 50
    decades stays readable."""
    ax.set_yticks(_DECADES, labels=_DECADE_LABELS)
    ax.minorticks_off()


def _ylim(reaching: np.ndarray) -> tuple[float, float]:
    return _FLOOR, max(10.0, 10 * float(np.max(np.abs(reaching))))


def draw_gradient_reaching(
    ax: Axes, reaching: np.ndarray, bound: np.ndarray, *, legend: bool = True
) -> Axes:
    """On a log axis, |∂a_d/∂a_k| for k = 0..d (``reaching``) and the ``bound`` on it (same
    length); values below 1e-40 fall off the bottom."""
    reaching, bound = np.abs(np.asarray(reaching, float)), np.asarray(bound, float)
    if reaching.shape != bound.shape or reaching.ndim != 1:
        raise ValueError(f"reaching and bound must be 1-D of one length, got {reaching.shape} "
                         f"and {bound.shape}")  # fmt: skip
    layers = np.arange(reaching.size)
    ax.semilogy(layers, reaching, "o-", ms=3, color=_CHAIN, label="|∂a_d/∂a_k|")
    ax.semilogy(layers, bound, ":", color="black", label=BOUND_LABEL)
    _decades(ax)  # before the limits: set_yticks widens them to the ticks
    ax.set(xlabel="layer k", ylabel="gradient reaching layer k", ylim=_ylim(reaching))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    ax.grid(alpha=0.3)
    if legend:
        ax.legend(frameon=False, fontsize=8, loc="lower right")
    return ax


def chain_figure(max_depth: int) -> Figure:
    """The explorer's figure, built once: ``max_depth`` bars for the link slopes (those beyond
    the chosen depth are hidden) and the two curves of the right panel, both empty until
    :func:`update_chain_figure` fills them."""
    figure, (ax_slopes, ax_reach) = plt.subplots(1, 2, figsize=(11, 3.5), layout="constrained")
    ax_slopes.bar(np.arange(1, max_depth + 1), np.zeros(max_depth), color=_CHAIN)
    ax_slopes.axhline(1.0, color="black", lw=1)
    ax_slopes.set(xlabel="link k", ylabel="local slope w·σ'(z_k)")
    ax_slopes.yaxis.set_label_coords(-0.1, 0.5)  # clear of tick labels such as "−2.0"
    ax_reach.plot([], [], "o-", ms=3, color=_CHAIN, label="|∂a_d/∂a_k|")
    ax_reach.plot([], [], ":", color="black", label=BOUND_LABEL)
    ax_reach.set(yscale="log", xlabel="layer k", ylabel="gradient reaching layer k")
    _decades(ax_reach)
    ax_reach.grid(alpha=0.3)
    ax_reach.legend(frameon=False, fontsize=8, loc="lower right")
    for ax in (ax_slopes, ax_reach):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10], min_n_ticks=1))
    return figure


def update_chain_figure(
    figure: Figure, slopes: np.ndarray, reaching: np.ndarray, bound: np.ndarray, title: str
) -> Figure:
    """Show a chain of depth d = len(slopes): its link slopes as bars, and ``reaching`` and
    ``bound`` (d + 1 values each, for layers 0..d) on the right, titled ``title``."""
    slopes = np.asarray(slopes, float)
    depth = slopes.size
    ax_slopes, ax_reach = figure.axes
    if not 1 <= depth <= len(ax_slopes.patches) or np.shape(reaching) != (depth + 1,):
        raise ValueError(f"need 1 to {len(ax_slopes.patches)} slopes and one more value in "
                         f"reaching, got {depth} and {np.shape(reaching)}")  # fmt: skip
    for link, bar in enumerate(ax_slopes.patches):
        bar.set_visible(link < depth)
        bar.set_height(slopes[link] if link < depth else 0.0)
    ax_slopes.set(xlim=(0.2, depth + 0.8), title=title,
                  ylim=(min(0.0, 1.1 * slopes.min()), max(1.2, 1.1 * slopes.max())))  # fmt: skip
    layers = np.arange(depth + 1)
    chain_curve, bound_curve = ax_reach.lines
    chain_curve.set_data(layers, np.abs(reaching))
    bound_curve.set_data(layers, bound)
    ax_reach.set(xlim=(-0.05 * depth, 1.05 * depth), ylim=_ylim(np.asarray(reaching)),
                 title=f"gradient reaching each layer: ∂a_d/∂x = {reaching[0]:.1e}")  # fmt: skip
    return figure
