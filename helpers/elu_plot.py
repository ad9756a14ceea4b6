"""The figures of chapter 10, "ELU", as pure functions.

Each takes the data the chapter computed (or nothing, where the figure is ELU itself) and returns
a ``Figure`` without calling ``plt.show()``, so the chapter shows the numbers and the lesson while
the drawing code lives here, tested. Activations are drawn in the registry's colours.

- ``plot_soft_floor``        ReLU, Leaky ReLU and ELU on one axis: three answers to a negative input
- ``plot_one_sided_slopes``  ELU′ for several α (a jump at 0 unless α = 1) and ELU″ for α = 1
- ``plot_bias_shift``        mean activations of a few layers during training; the loss curves
- ``plot_tuned_comparison``  held-out loss per seed at one shared rate and at each one's best
- ``plot_expm1_errors``      relative error of exp(x) − 1 and expm1(x) against |x|, with the bound
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS

__all__ = [
    "plot_bias_shift",
    "plot_expm1_errors",
    "plot_one_sided_slopes",
    "plot_soft_floor",
    "plot_tuned_comparison",
]

_ELU, _RELU, _LEAKY = ACTIVATIONS["elu"], ACTIVATIONS["relu"], ACTIVATIONS["leaky_relu"]
_EXPM1_FLOOR = 1e-19  # errors of exactly 0 are drawn here, so that log axes can show them


def plot_soft_floor(x_min: float = -5.0, x_max: float = 3.0, leaky_alpha: float = 0.1) -> Figure:
    """ReLU (off), Leaky ReLU (a ramp for ever) and ELU with α = 1 (a floor at −1) on one axis."""
    x = np.linspace(x_min, x_max, 801)
    fig, ax = plt.subplots(figsize=(8, 4))  # one axes: the inline bbox crop suffices
    ax.plot(x, _RELU(x), color=_RELU.colour, lw=2, label="ReLU: off, slope 0")
    ax.plot(
        x,
        _LEAKY(x, alpha=leaky_alpha),
        color=_LEAKY.colour,
        lw=2,
        linestyle=_LEAKY.linestyle,
        label=f"Leaky ReLU (α = {leaky_alpha:g}): a ramp for ever",
    )
    ax.plot(x, _ELU(x), color=_ELU.colour, lw=2.5, label="ELU (α = 1): a soft floor")
    ax.axhline(-1, color=_ELU.colour, lw=1, linestyle=":")
    arrow = {"arrowstyle": "->", "color": _ELU.colour}
    ax.annotate(
        "floor −α = −1",
        xy=(x_min + 0.5, -1),
        xytext=(x_min + 0.4, -1.55),
        color=_ELU.colour,
        arrowprops=arrow,
    )
    ax.annotate(
        "slope α·eˣ: α at 0, fading to 0",
        xy=(-0.6, float(_ELU(-0.6))),
        xytext=(-3.2, 0.9),
        arrowprops={"arrowstyle": "->", "color": "0.3"},
    )
    ax.set(xlabel="input x", ylabel="output f(x)", ylim=(-1.9, x_max))
    ax.set_title("Three answers to a negative input: ReLU, Leaky ReLU and ELU")
    ax.legend(frameon=False, loc="upper left")
    ax.grid(alpha=0.3)
    return fig


def plot_one_sided_slopes(alphas: Sequence[float] = (0.5, 1.0, 2.0)) -> Figure:
    """Left: ELU′ for each α, drawn in two pieces with the value used at 0 (filled) and the limit
    from the right (open). Right: ELU″ for α = 1, which still jumps from 1 to 0 at x = 0."""
    x = np.linspace(-1.5, 1.5, 601)
    left, right = x <= 0, x > 0
    styles = (":", "-", "--", "-.")
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    fig.subplots_adjust(wspace=0.25)  # fixed spacing: cheaper than a layout engine
    for alpha, style in zip(alphas, styles, strict=False):
        slope = _ELU.grad(x, alpha=alpha)
        for part in (left, right):
            axes[0].plot(x[part], slope[part], color=_ELU.colour, linestyle=style, lw=2)
        axes[0].plot(0, alpha, "o", color=_ELU.colour, markersize=6)
        axes[0].plot(0, 1, "o", color=_ELU.colour, markerfacecolor="white", markersize=6)
        axes[0].plot([], [], color=_ELU.colour, linestyle=style, label=f"α = {alpha:g}")
    axes[0].set(xlabel="x", ylabel="f′(x)", title="f′ jumps from α to 1 at 0 unless α = 1")
    axes[0].legend(frameon=False, loc="lower right")
    second = np.exp(np.minimum(x, 0.0))  # ELU″ for α = 1 on the left; 0 on the right
    axes[1].plot(x[left], second[left], color=_ELU.colour, lw=2)
    axes[1].plot(x[right], np.zeros(right.sum()), color=_ELU.colour, lw=2)
    axes[1].plot(0, 1, "o", color=_ELU.colour)
    axes[1].plot(0, 0, "o", color=_ELU.colour, markerfacecolor="white")
    axes[1].set(xlabel="x", ylabel="f″(x)", title="α = 1: f′ is continuous, but f″ still jumps")
    for ax in axes:
        ax.grid(alpha=0.3)
    return fig


def plot_bias_shift(
    means: Mapping[str, np.ndarray],
    losses: Mapping[str, Sequence[float]],
    recorded_epochs: Sequence[int],
    shown_layers: Sequence[int] = (0, 2, 4),
) -> Figure:
    """Two panels for networks that differ only in their activation (registry keys).

    ``means[name][r, l]`` is hidden layer l's mean activation at record r (epochs in
    ``recorded_epochs``), ``losses[name]`` the training loss per epoch. Left: the means of
    ``shown_layers`` during training, for ReLU and ELU; right: the loss curves on a log axis.
    (The means after training are a table, not a figure: the chapter prints them.)
    """
    if set(means) != set(losses):
        raise ValueError(f"means and losses must name the same activations: {means} {losses}")
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    fig.subplots_adjust(wspace=0.25)  # fixed spacing: cheaper than a layout engine
    for name in [n for n in ("relu", "elu") if n in means]:
        act = ACTIVATIONS[name]
        for layer, style in zip(shown_layers, (":", "--", "-"), strict=False):
            label = f"{act.label}, layer {layer + 1}"
            series = np.asarray(means[name])[:, layer]
            axes[0].plot(recorded_epochs, series, color=act.colour, linestyle=style, label=label)
    axes[0].set(xlabel="epoch", ylabel="mean activation", title="Mean activation during training")
    axes[0].legend(frameon=False, fontsize="small", ncols=2)
    for name in means:
        act, curve = ACTIVATIONS[name], np.asarray(losses[name])
        epochs = np.arange(1, curve.size + 1)
        axes[1].semilogy(
            epochs, curve, color=act.colour, linestyle=act.linestyle, lw=2, label=act.label
        )
    axes[1].set(xlabel="epoch", ylabel="training loss (log scale)", title="Training loss")
    axes[1].minorticks_off()  # minor log ticks cost render time and add nothing here
    axes[1].legend(frameon=False)
    for ax in axes:
        ax.grid(alpha=0.3)
    return fig


def plot_tuned_comparison(
    shared: Mapping[str, Sequence[float]],
    tuned: Mapping[str, Sequence[float]],
    shared_lr: float,
    best_lr: Mapping[str, float],
) -> Figure:
    """Held-out loss per seed (one dot each, a seed's runs joined by a grey line) for each
    activation at one shared learning rate (left group) and at its own best rate (right group),
    on a log axis: how much of a gap the shared rate made."""
    if not (set(shared) == set(tuned) == set(best_lr)):
        raise ValueError("shared, tuned and best_lr must name the same activations")
    names = list(shared)
    columns = [(name, shared[name], f"η = {shared_lr:g}") for name in names]
    columns += [(name, tuned[name], f"best η = {best_lr[name]:g}") for name in names]
    fig, ax = plt.subplots(figsize=(7.5, 4))
    values = np.array([np.asarray(losses, dtype=float) for _, losses, _ in columns])
    for group in (slice(0, len(names)), slice(len(names), None)):
        x = np.arange(len(columns))[group]
        ax.plot(x, values[group], color="0.75", lw=1, zorder=1)  # one line per seed
    for k, (name, losses, _) in enumerate(columns):
        act = ACTIVATIONS[name]
        ax.plot(np.full(len(losses), k), losses, "o", color=act.colour, ms=6, zorder=2)
    ax.set_xticks(range(len(columns)))
    ax.set_xticklabels([f"{ACTIVATIONS[n].label}\n{rate}" for n, _, rate in columns])
    ax.set_yscale("log")
    ax.set(ylabel="test loss after 100 epochs (log scale)")
    ax.set_title("One shared learning rate against each activation's own best")
    ax.grid(alpha=0.3, axis="y")
    return fig


def plot_expm1_errors(
    magnitudes: np.ndarray, err_naive: np.ndarray, err_expm1: np.ndarray
) -> Figure:
    """Relative errors of exp(x) − 1 (circles) and expm1(x) (squares) at x = −magnitudes, on
    log-log axes, with the bound 2⁻⁵⁴/|eˣ − 1| (dashed) and one rounding, 2⁻⁵³ (dotted).
    Errors of exactly 0 are drawn at 1e-19."""
    magnitudes = np.asarray(magnitudes, dtype=float)
    if not (magnitudes.shape == np.shape(err_naive) == np.shape(err_expm1)):
        raise ValueError("magnitudes, err_naive and err_expm1 must have the same shape")
    fig, ax = plt.subplots(figsize=(8, 4.4))
    shown = {
        "np.exp(x) − 1": (err_naive, "o", "#D55E00"),
        "np.expm1(x)": (err_expm1, "s", _ELU.colour),
    }
    for label, (err, marker, colour) in shown.items():
        ax.loglog(
            magnitudes, np.maximum(err, _EXPM1_FLOOR), marker, ms=3.5, color=colour, label=label
        )
    bound = np.minimum(2.0**-54 / np.abs(np.expm1(-magnitudes)), 1.0)
    ax.loglog(magnitudes, bound, color="black", lw=1, linestyle="--", label="bound 2⁻⁵⁴/|eˣ − 1|")
    ax.axhline(2.0**-53, color="0.4", lw=1, linestyle=":", label="2⁻⁵³: one rounding")
    ax.set(
        xlabel="|x|   (x < 0, the side where ELU needs eˣ − 1)",
        ylabel="relative error against the exact value",
        ylim=(_EXPM1_FLOOR / 3, 3),
    )
    ax.set_title("exp(x) − 1 loses a digit for every factor 10 closer to 0; expm1 loses none")
    ax.legend(frameon=False, loc="upper right")
    ax.minorticks_off()  # 17 decades of minor ticks: render time, and nothing to read
    ax.grid(alpha=0.3, which="major")
    return fig
