"""The backward pass at single nodes, drawn: gradients flowing right to left (chapter 04).

Pure functions: each takes the numbers a chapter computed and returns a ``Figure`` (never
calling ``plt.show()``). Gradients are drawn in one colour, ``GRAD_COLOUR``, throughout.

- ``Gate``        one node: its symbol, inputs, output, and the texts of the gradients
- ``plot_gates``  one panel per node: forward values in boxes, gradients along the edges
- ``plot_blame``  ∂L/∂node for every node of a graph, as bars in backward order
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle

__all__ = ["GRAD_COLOUR", "Gate", "plot_blame", "plot_gates"]

GRAD_COLOUR = "#D55E00"  # vermillion (Okabe–Ito): every gradient in chapter 04
_BOX = {"boxstyle": "round,pad=0.3", "facecolor": "#cce6f4", "edgecolor": "0.4"}
_PARAMETER, _OTHER = "#0072B2", "0.65"


@dataclass(frozen=True)
class Gate:
    """One node of a graph: ``op`` its symbol ("+", "×", "max", "σ"), ``inputs`` (name, value)
    pairs (one or two), ``output`` a (name, value) pair, ``upstream`` the text of ∂L/∂output,
    ``grads`` the text of the gradient each input receives, and ``title`` what the node does."""

    op: str
    inputs: Sequence[tuple[str, float]]
    output: tuple[str, float]
    upstream: str
    grads: Sequence[str]
    title: str

    def __post_init__(self) -> None:
        if len(self.inputs) not in (1, 2):
            raise ValueError(f"inputs must hold 1 or 2 (name, value) pairs, got {len(self.inputs)}")
        if len(self.grads) != len(self.inputs):
            raise ValueError(
                f"grads must have one text per input ({len(self.inputs)}), got {len(self.grads)}"
            )


def _draw_gate(ax: Axes, gate: Gate) -> None:
    ax.set(xlim=(-3.4, 3.4), ylim=(-1.75, 1.75), aspect="equal")
    ax.set_title(gate.title, fontsize=10)
    ax.axis("off")
    ax.set(xticks=[], yticks=[])  # no hidden ticks to create and measure at every draw
    heights = [0.95, -0.95] if len(gate.inputs) == 2 else [0.0]
    ax.add_patch(Circle((0, 0), 0.42, facecolor="white", edgecolor="0.3", lw=1.5, zorder=3))
    ax.text(0, 0, gate.op, ha="center", va="center", fontsize=11 if len(gate.op) < 3 else 8,
            zorder=4)  # fmt: skip
    for (name, value), grad, height in zip(gate.inputs, gate.grads, heights, strict=True):
        ax.text(-2.6, height, f"{name} = {value:.3f}", ha="center", va="center", fontsize=10,
                bbox=_BOX)  # fmt: skip
        ax.annotate("", xy=(-0.44, 0.3 * height), xytext=(-1.85, height),
                    arrowprops={"arrowstyle": "-|>", "color": "0.35"})  # fmt: skip
        offset = 0.5 if height >= 0 else -0.5
        ax.text(-1.1, 0.65 * height + offset, f"← {grad}", ha="center", va="center",
                fontsize=10, color=GRAD_COLOUR)  # fmt: skip
    name, value = gate.output
    ax.text(2.55, 0, f"{name} = {value:.3f}", ha="center", va="center", fontsize=10,
            bbox={**_BOX, "facecolor": "#f2f2f2"})  # fmt: skip
    ax.annotate("", xy=(1.75, 0), xytext=(0.44, 0),
                arrowprops={"arrowstyle": "-|>", "color": "0.35"})  # fmt: skip
    ax.text(1.1, -0.42, f"← {gate.upstream}", ha="center", va="center", fontsize=10,
            color=GRAD_COLOUR)  # fmt: skip


def plot_gates(gates: Sequence[Gate], *, ncols: int = 2, title: str | None = None) -> Figure:
    """One panel per gate, ``ncols`` to a row: inputs on the left, the output on the right,
    forward values in boxes and, in ``GRAD_COLOUR``, the gradients flowing back."""
    gates = list(gates)
    if not gates or not all(isinstance(g, Gate) for g in gates):
        raise TypeError("gates must be a non-empty sequence of Gate")
    ncols = max(1, min(int(ncols), len(gates)))
    nrows = -(-len(gates) // ncols)
    figure, axes = plt.subplots(nrows, ncols, figsize=(7.2 * ncols, 3.3 * nrows), squeeze=False,
                                layout="constrained")  # fmt: skip
    for ax, gate in zip(axes.flat, gates, strict=False):
        _draw_gate(ax, gate)
    for ax in list(axes.flat)[len(gates) :]:
        ax.set_visible(False)
    if title:
        figure.suptitle(title)
    return figure


def plot_blame(
    grads: Mapping[str, float],
    factors: Mapping[str, str],
    parameters: Sequence[str] = (),
    *,
    title: str = "",
) -> Figure:
    """Bars of ∂L/∂node in the order of ``grads`` (the order the backward pass reaches the nodes),
    each labelled with the factor that produced it (``factors[name]``) and its value; the
    ``parameters`` (what learning changes) in blue, the other values in grey."""
    names = list(grads)
    if set(factors) != set(names):
        raise ValueError(f"factors must label exactly the nodes {names}, got {sorted(factors)}")
    values = [float(grads[name]) for name in names]
    figure, ax = plt.subplots(figsize=(10, 3.8), layout="constrained")
    colours = [_PARAMETER if name in parameters else _OTHER for name in names]
    bars = ax.bar(names, values, color=colours)
    span = max(abs(v) for v in values) or 1.0
    for bar, name, height in zip(bars, names, values, strict=True):
        up = height >= 0
        ax.text(bar.get_x() + bar.get_width() / 2, height + (0.03 if up else -0.03) * span,
                f"{factors[name]}\n→ {height:.3f}", ha="center", fontsize=9,
                va="bottom" if up else "top")  # fmt: skip
    ax.axhline(0, color="0.3", lw=0.8)
    pairs = list(zip(bars, names, strict=True))
    kinds = {"parameter (learned)": [b for b, n in pairs if n in parameters],
             "other value": [b for b, n in pairs if n not in parameters]}  # fmt: skip
    shown = {label: found[0] for label, found in kinds.items() if found}
    ax.legend(shown.values(), shown.keys(), frameon=False, loc="upper right")
    ax.set(ylim=(-1.6 * span, 1.6 * span), ylabel="∂L/∂node", title=title,
           xlabel="node (in the order the backward pass reaches it)")  # fmt: skip
    ax.grid(alpha=0.3, axis="y")
    return figure
