"""The figures of chapter 02, "Forward propagation", that draw the forward pass itself.

Pure functions: each takes what the chapter computed and returns a ``Figure`` (never calling
``plt.show()``), so the chapter keeps the lesson and the drawing code lives here, tested.

- ``plot_matrix_entry``  which numbers meet in one entry Z[i, j] of Z = X W + b
- ``plot_data_flow``     a ``Sequential`` network as boxes and arrows, shapes on the arrows
- ``plot_forward_time``  measured forward-pass time against the multiply-add count (log-log)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, NullLocator

from helpers.activations import ACTIVATIONS
from helpers.figures import power_of_ten
from helpers.network_plot import draw_flow
from helpers.nn import Dense, Sequential
from helpers.plotting import CLASS_COLOURS

__all__ = ["plot_data_flow", "plot_forward_time", "plot_matrix_entry"]

ROW_FILL, COLUMN_FILL, RESULT_FILL = "#cce6f4", "#fbe3b5", "#b9dfc9"
_Cell = Callable[[int, int], "str | None"]


def _matrix(
    ax: Axes, left: float, rows: int, cols: int, label: str, fill: _Cell, text: _Cell
) -> float:
    """A rows × cols grid of unit squares centred on height 0, starting at x = ``left``; ``fill``
    and ``text`` give each cell's colour and label (or None). Returns the grid's right edge."""
    top = rows / 2
    for r in range(rows):
        for c in range(cols):
            square = Rectangle((left + c, top - r - 1), 1, 1, facecolor=fill(r, c) or "white")
            square.set_edgecolor("0.35")
            ax.add_patch(square)
            if words := text(r, c):
                ax.text(left + c + 0.5, top - r - 0.5, words, ha="center", va="center", fontsize=8)
    ax.text(left + cols / 2, top + 0.25, label, ha="center", va="bottom", fontsize=10)
    return left + cols


def plot_matrix_entry(i: int = 1, j: int = 2, n: int = 4, d_in: int = 2, d_out: int = 3) -> Figure:
    """Z = X W + b for X (n, d_in), W (d_in, d_out), b (d_out,): row ``i`` of X (blue) meets
    column ``j`` of W (orange), b[j] is added, and the result is Z[i, j] (green). In Z, row i
    holds everything computed for example i, column j everything unit j computed."""
    if not (0 <= i < n and 0 <= j < d_out):
        raise ValueError(f"(i, j) must index Z of shape ({n}, {d_out}), got ({i}, {j})")
    figure, ax = plt.subplots(figsize=(11, 3.6))
    grids = [  # label, rows, cols, fill, text
        (f"X\n(n, d₀) = ({n}, {d_in})", n, d_in, lambda r, c: ROW_FILL if r == i else None,
         lambda r, c: f"X[{r},{c}]" if r == i else None),
        (f"W\n(d₀, d₁) = ({d_in}, {d_out})", d_in, d_out,
         lambda r, c: COLUMN_FILL if c == j else None,
         lambda r, c: f"W[{r},{c}]" if c == j else None),
        (f"b\n(d₁,) = ({d_out},)", 1, d_out, lambda r, c: COLUMN_FILL if c == j else None,
         lambda r, c: f"b[{c}]" if c == j else None),
        (f"Z\n(n, d₁) = ({n}, {d_out})", n, d_out,
         lambda r, c: RESULT_FILL if (r, c) == (i, j) else ROW_FILL if r == i
         else COLUMN_FILL if c == j else None,
         lambda r, c: f"Z[{r},{c}]" if (r, c) == (i, j) else None),
    ]  # fmt: skip
    right = 0.0
    for k, (label, rows, cols, fill, text) in enumerate(grids):
        if k:
            ax.text(right + 0.6, 0, "@+="[k - 1], ha="center", va="center", fontsize=18)
            right += 1.2
        right = _matrix(ax, right, rows, cols, label, fill, text)
    terms = " + ".join(f"X[{i},{k}]·W[{k},{j}]" for k in range(d_in))
    bottom = -max(n, d_in) / 2
    ax.text(right / 2, bottom - 0.7, f"Z[{i},{j}] = {terms} + b[{j}]:  example {i}, unit {j}",
            ha="center", fontsize=11)  # fmt: skip
    ax.set(xlim=(-0.3, right + 0.3), ylim=(bottom - 1.0, max(n, d_in) / 2 + 1.2), aspect="equal")
    ax.axis("off")
    ax.set_title("One entry of Z = X W + b: row i of X meets column j of W, then b[j] is added")
    return figure


def _tint(colour: str, amount: float = 0.3) -> str:
    """A light version of ``colour`` (mixed with white), so black text stays readable on it."""
    return to_hex([amount * c + (1 - amount) for c in to_rgb(colour)])


def plot_data_flow(net: Sequential, n_in: int, output: str = "probability") -> Figure:
    """``net`` as a pipeline: x → one box per layer → ŷ. ``Dense`` boxes show their sizes and
    parameter shapes, activation boxes their formula in the registry's colour; each arrow
    carries the shape of the array travelling along it, (n, width)."""
    boxes, notes, fills, arrows = ["x"], [None], [ROW_FILL], [f"(n, {n_in})"]
    width = n_in
    for layer in net.layers:
        if isinstance(layer, Dense):
            boxes.append(f"Dense\n{layer.n_in} → {layer.n_out}")
            notes.append(f"W {layer.W.shape}\nb {layer.b.shape}")
            fills.append(None)
            width = layer.n_out
        else:
            activation = ACTIVATIONS[layer.name]
            boxes.append(activation.label)
            notes.append(f"$f(x) = {activation.formula}$")
            fills.append(_tint(activation.colour))
        arrows.append(f"(n, {width})")
    boxes.append("ŷ")
    notes.append(output)
    fills.append(COLUMN_FILL)
    shown = " → ".join(box.split("\n")[0] for box in boxes)
    return draw_flow(boxes, arrows, notes=notes, colours=fills,
                     title=f"Data flow: {shown}, shapes on the arrows")  # fmt: skip


def plot_forward_time(
    names: Sequence[str], work: Sequence[float], seconds: Sequence[float], anchor: int
) -> Figure:
    """Time of a forward pass (ms) against its multiply-adds, both on log axes, one labelled
    point per network, and a dotted line proportional to the multiply-adds through the point
    ``anchor`` (a mid-sized network): where the measurements follow it, time ∝ work."""
    if not len(names) == len(work) == len(seconds) or not 0 <= anchor < len(names):
        raise ValueError("names, work and seconds must have one entry per network, and anchor "
                         "must index one of them")  # fmt: skip
    work, ms = np.asarray(work, dtype=float), np.asarray(seconds, dtype=float) * 1e3
    figure, ax = plt.subplots(figsize=(6.5, 4.2))  # one panel: cropped to fit when shown
    ax.loglog(work, ms, "o-", color=CLASS_COLOURS[0], label="measured")
    ax.loglog(work, work * ms[anchor] / work[anchor], ":", color="0.4",
              label="proportional to multiply-adds")  # fmt: skip
    for name, w, t in zip(names, work, ms, strict=True):
        ax.annotate(name, (w, t), fontsize=7, xytext=(4, -10), textcoords="offset points")
    ax.set(xlabel="multiply-adds per batch", ylabel="forward pass time (ms)",
           title="Time follows the multiply-add count once layers are large")  # fmt: skip
    ax.margins(x=0.12)
    for axis in (ax.xaxis, ax.yaxis):  # 10⁵ as plain text, no minor ticks: much faster to draw
        axis.set_major_formatter(FuncFormatter(power_of_ten))
        axis.set_minor_locator(NullLocator())
    ax.grid(alpha=0.3)
    ax.legend(frameon=False)
    return figure
