"""Draw a small fully connected network, or a pipeline of boxes, with matplotlib.

``draw_network`` puts each layer in a column, one box per unit, and joins every unit to every
unit of the next layer: the picture of ``z = a W + b``, where weight ``W[i, j]`` is the edge from
unit i to unit j. Boxes can carry text (a unit's z and a during a forward pass, its δ during a
backward one); edges can be drawn with their weights (width ∝ |w|, colour by sign) and labelled.

``draw_flow`` draws boxes joined by labelled arrows, left to right: the data flow of a network
(``x → Dense → f → … → ŷ`` with the shape of the array on each arrow) or any other pipeline.

Both are pure, like every plot in the course: they return the ``Figure`` and never call
``plt.show()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.figures import figure_and_axes

__all__ = ["NEGATIVE_COLOUR", "POSITIVE_COLOUR", "draw_flow", "draw_network"]

# Okabe–Ito blue and vermillion: positive and negative weights, distinguishable for colour-blind
# readers; box colours are light tints so black text stays readable on them.
POSITIVE_COLOUR, NEGATIVE_COLOUR = "#0072B2", "#D55E00"
# Weight labels sit this far along their edge: near the start the edges leaving one unit are
# still apart, and before the middle, where edges from neighbouring units cross.
_LABEL_AT = 0.22
_INPUT_FILL, _HIDDEN_FILL, _OUTPUT_FILL, _EDGE = "#cce6f4", "#f2f2f2", "#fbe3b5", "#555555"


def _per_item(values: Any, count: int, name: str) -> list[Any]:
    """``values`` as a list of ``count`` items, or ``count`` Nones when it is None."""
    if values is None:
        return [None] * count
    if isinstance(values, str) or not isinstance(values, Sequence):
        raise TypeError(f"{name} must be a sequence, got {type(values).__name__}")
    if len(values) != count:
        raise ValueError(f"{name} must have {count} entries, got {len(values)}")
    return list(values)


def _box(ax: Axes, at: Any, text: str, fill: str, pad: float = 0.4, **style: Any) -> Any:
    """Text centred at ``at`` in a rounded box (outlined unless white), drawn above the edges."""
    frame = {"boxstyle": f"round,pad={pad}", "facecolor": fill}
    frame["edgecolor"] = "none" if fill == "white" else _EDGE
    style = {"fontsize": 9, **style}
    return ax.text(*at, text, ha="center", va="center", zorder=4, bbox=frame, **style)


def _default_text(layer: int, unit: int, n_layers: int) -> str:
    if layer == 0:
        return f"$x_{{{unit + 1}}}$"
    if layer == n_layers - 1 and n_layers > 1:
        return f"$\\hat y_{{{unit + 1}}}$"
    return f"$a^{{[{layer}]}}_{{{unit + 1}}}$"


def draw_network(
    sizes: Sequence[int],
    *,
    node_text: Sequence[Sequence[str]] | None = None,
    weights: Sequence[Any] | None = None,
    weight_labels: bool = False,
    layer_labels: Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw a fully connected network with ``sizes[l]`` units in layer l (layer 0 = inputs).

    ``node_text[l][j]`` is written in unit j of layer l (default: x₁, a^[l]_j, ŷ₁).
    ``weights[l]`` has shape (sizes[l], sizes[l+1]) — the course's ``(n_in, n_out)`` convention —
    and sets each edge's width (∝ |w|) and colour (blue positive, vermillion negative);
    ``weight_labels=True`` also writes each weight on its edge, near the start, where the edges
    leaving one unit are still apart. ``layer_labels`` are written under the columns.
    """
    if isinstance(sizes, str) or not isinstance(sizes, Sequence) or not sizes:
        raise TypeError(f"sizes must be a non-empty sequence of ints, got {sizes!r}")
    for size in sizes:
        if isinstance(size, bool) or not isinstance(size, Integral) or size < 1:
            raise ValueError(f"sizes must hold positive ints, got {list(sizes)!r}")
    n_layers = len(sizes)
    texts = _per_item(node_text, n_layers, "node_text")
    for layer, (size, column) in enumerate(zip(sizes, texts, strict=True)):
        if column is not None and len(column) != size:
            raise ValueError(f"node_text[{layer}] must have {size} entries, got {len(column)}")
    matrices = _per_item(weights, n_layers - 1, "weights")
    for layer, matrix in enumerate(matrices):
        if matrix is not None:
            matrices[layer] = np.asarray(matrix, dtype=float)
            if matrices[layer].shape != (sizes[layer], sizes[layer + 1]):
                raise ValueError(
                    f"weights[{layer}] must have shape (n_in, n_out) = "
                    f"{(sizes[layer], sizes[layer + 1])}, got {matrices[layer].shape}"
                )
    labels = _per_item(layer_labels, n_layers, "layer_labels")

    tallest = max(sizes)
    figure, ax = figure_and_axes(ax, (2.9 * n_layers + 0.4, 1.15 * tallest + 0.9))
    ax.set_xlim(-0.6, n_layers - 0.4)
    ax.set_ylim(-0.95, tallest - 0.25)
    ax.axis("off")
    # Units are spread evenly around the middle height, so every column is centred.
    position = [
        [(float(layer), (tallest - 1) / 2 + (size - 1) / 2 - unit) for unit in range(size)]
        for layer, size in enumerate(sizes)
    ]
    largest = max((np.max(np.abs(m)) for m in matrices if m is not None), default=0.0) or 1.0
    for layer, matrix in enumerate(matrices):
        for i, start in enumerate(position[layer]):
            for j, end in enumerate(position[layer + 1]):
                w = None if matrix is None else matrix[i, j]
                colour = _EDGE if w is None else POSITIVE_COLOUR if w >= 0 else NEGATIVE_COLOUR
                width = 1.0 if w is None else 0.6 + 3.0 * abs(w) / largest
                ax.plot(*zip(start, end, strict=True), color=colour, lw=width, zorder=1)
                if weight_labels and w is not None:
                    at = np.add(start, np.multiply(_LABEL_AT, np.subtract(end, start)))
                    _box(ax, at, f"{w:.2g}", "white", fontsize=8, color=colour, pad=0.1)
    for layer, column in enumerate(position):
        fill = (
            _INPUT_FILL if layer == 0 else _OUTPUT_FILL if layer == n_layers - 1 else _HIDDEN_FILL
        )
        for unit, (x, y) in enumerate(column):
            text = texts[layer][unit] if texts[layer] is not None else None
            _box(ax, (x, y), _default_text(layer, unit, n_layers) if text is None else text, fill)
        if labels[layer]:
            ax.text(layer, -0.75, labels[layer], ha="center", va="center", fontsize=10)
    if title is not None:
        ax.set_title(title)
    return figure


def draw_flow(
    boxes: Sequence[str],
    arrows: Sequence[str] | None = None,
    *,
    notes: Sequence[str | None] | None = None,
    colours: Sequence[str | None] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Boxes left to right, joined by arrows: ``boxes[k] → boxes[k+1]`` carries ``arrows[k]``.

    ``notes[k]`` is small text under box k (e.g. a Dense layer's parameter shapes) and
    ``colours[k]`` its fill (default light grey).
    """
    if isinstance(boxes, str) or not isinstance(boxes, Sequence) or not boxes:
        raise TypeError(f"boxes must be a non-empty sequence of str, got {boxes!r}")
    if not all(isinstance(box, str) for box in boxes):
        raise TypeError(f"boxes must hold strings, got {list(boxes)!r}")
    count = len(boxes)
    arrow_text = _per_item(arrows, count - 1, "arrows")
    note_text = _per_item(notes, count, "notes")
    fills = _per_item(colours, count, "colours")

    bottom = -0.9 if any(note_text) else -0.5  # room for the notes only when there are some
    figure, ax = figure_and_axes(ax, (1.75 * count + 0.4, 1.9 - (bottom + 0.9)))
    ax.set_xlim(-0.55, count - 0.45)
    ax.set_ylim(bottom, 0.75)
    ax.axis("off")
    artists = []
    for k, (label, note, fill) in enumerate(zip(boxes, note_text, fills, strict=True)):
        artists.append(_box(ax, (k, 0.0), label, fill or _HIDDEN_FILL, fontsize=10, pad=0.45))
        if note:
            ax.text(k, -0.48, note, ha="center", va="top", fontsize=8, color="0.3")
    for k, label in enumerate(arrow_text):
        # Anchored to the boxes' edges, so the arrow fits whatever the text width.
        arrow = {"arrowstyle": "-|>", "color": _EDGE, "shrinkA": 2, "shrinkB": 2}
        ends = {"xycoords": artists[k + 1], "textcoords": artists[k]}
        ax.annotate("", xy=(0.0, 0.5), xytext=(1.0, 0.5), arrowprops=arrow, **ends)
        if label:
            ax.text(k + 0.5, 0.3, label, ha="center", va="bottom", fontsize=9, color="#0072B2")
    if title is not None:
        ax.set_title(title)
    return figure
