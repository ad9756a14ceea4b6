"""Draw the computational graph of a ``helpers.autodiff.Value`` with matplotlib.

Inputs sit on the left, the result on the right; a node's column is its depth (the longest path
from an input). Each value is a box showing its label, ``data`` and ``grad``; each operation is
a small circle in front of the value it produced. Like every plot in the course the function is
pure: it returns the ``Figure`` and never calls ``plt.show()``.
"""

from __future__ import annotations

from collections import defaultdict

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.autodiff import Value, trace

__all__ = ["draw_graph"]

# Okabe–Ito colours (colour-blind safe), lightened for box backgrounds.
_INPUT_COLOUR, _RESULT_COLOUR, _INNER_COLOUR = "#cce6f4", "#fbe3b5", "#f2f2f2"
_OP_COLOUR, _EDGE_COLOUR = "#ffffff", "#555555"


def _layout(nodes: list[Value], parents: dict[int, list[Value]]) -> dict[int, tuple[float, float]]:
    """x = depth (an input: one column before its first use). y spreads each column around the
    mean height of the nodes it feeds, keeping edges short and uncrossed (barycentre heuristic)."""
    depth: dict[int, int] = {}
    for node in nodes:  # inputs first, so children are done before their parents
        depth[id(node)] = 1 + max((depth[id(c)] for c in node._children), default=-1)
    for node in nodes:  # an input sits just left of its first use, not always in column 0
        if not node._children and parents[id(node)]:
            depth[id(node)] = min(depth[id(p)] for p in parents[id(node)]) - 1
    columns: dict[int, list[Value]] = defaultdict(list)
    for node in nodes:
        columns[depth[id(node)]].append(node)
    position: dict[int, tuple[float, float]] = {}
    for column in sorted(columns, reverse=True):  # the result first; parents are placed first
        members = columns[column]
        target = {
            id(n): sum(position[id(p)][1] for p in parents[id(n)]) / len(parents[id(n)])
            if parents[id(n)]
            else 0.0
            for n in members
        }
        members.sort(key=lambda n: -target[id(n)])
        centre = sum(target.values()) / len(members)
        for row, node in enumerate(members):
            position[id(node)] = (float(column), centre + (len(members) - 1) / 2 - row)
    return position


def draw_graph(root: Value, ax: Axes | None = None) -> Figure:
    """Draw the graph that computed ``root``: one box per value (label, data, grad), one
    circle per operation, arrows in the direction of the forward pass.

    Call ``root.backward()`` first to see the gradients; before that they are all 0.
    """
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    nodes, edges = trace(root)
    parents: dict[int, list[Value]] = defaultdict(list)
    for child, parent in edges:
        if parent not in parents[id(child)]:
            parents[id(child)].append(parent)
    position = _layout(nodes, parents)
    n_columns = 1 + int(max(x for x, _ in position.values()))
    n_rows = 1 + int(max(y for _, y in position.values()) - min(y for _, y in position.values()))
    if ax is None:
        figure, ax = plt.subplots(
            figsize=(1.9 * n_columns + 0.3, 0.9 * n_rows + 0.3), layout="constrained"
        )
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    else:
        figure = ax.figure if isinstance(ax.figure, Figure) else ax.figure.figure  # a SubFigure
    ys = [y for _, y in position.values()]
    ax.set_xlim(-0.5, n_columns - 0.5)
    ax.set_ylim(min(ys) - 0.55, max(ys) + 0.55)
    ax.axis("off")
    ax.set(xticks=[], yticks=[])  # no hidden ticks to create and measure at every draw

    boxes, circles = {}, {}
    for node in nodes:
        x, y = position[id(node)]
        colour = (
            _RESULT_COLOUR if node is root else _INNER_COLOUR if node._children else _INPUT_COLOUR
        )
        text = f"{node.label or '·'}\ndata {node.data:.4g}\ngrad {node.grad:.4g}"
        boxes[id(node)] = ax.text(
            x, y, text, ha="center", va="center", family="monospace", fontsize=8,
            bbox={"boxstyle": "round,pad=0.35", "facecolor": colour, "edgecolor": _EDGE_COLOUR},
        )  # fmt: skip
        if node._op:
            circles[id(node)] = ax.text(
                x - 0.5, y, node._op, ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "circle,pad=0.3", "facecolor": _OP_COLOUR,
                      "edgecolor": _EDGE_COLOUR},
            )  # fmt: skip
            _arrow(ax, circles[id(node)], boxes[id(node)])
    uses: dict[tuple[int, int], int] = defaultdict(int)
    for child, parent in edges:
        # A value used twice by one operation (a * a) gets two arrows, bent apart.
        repeat = uses[id(child), id(parent)]
        uses[id(child), id(parent)] += 1
        bend = 0.0 if repeat == 0 else 0.3 * (-1) ** repeat * ((repeat + 1) // 2)
        if position[id(parent)][0] - position[id(child)][0] > 1:
            bend -= 0.25  # an edge that skips a column arcs over the boxes in between
        _arrow(ax, boxes[id(child)], circles.get(id(parent), boxes[id(parent)]), bend)
    return figure


def _arrow(ax: Axes, start: plt.Text, end: plt.Text, bend: float = 0.0) -> None:
    """An arrow from the right edge of one text box to the left edge of another."""
    ax.annotate(
        "",
        xy=(0.0, 0.5),
        xycoords=end,
        xytext=(1.0, 0.5),
        textcoords=start,
        arrowprops={
            "arrowstyle": "-|>",
            "color": _EDGE_COLOUR,
            "shrinkA": 2,
            "shrinkB": 2,
            "connectionstyle": f"arc3,rad={bend}",
        },
    )
