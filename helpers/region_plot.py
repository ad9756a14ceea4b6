"""A ReLU network is piecewise linear: each on/off pattern of its units is one linear piece.
Chapter 08's picture of it, as a pure function, and the bookkeeping that numbers the patterns.

- ``region_ids``    one integer per distinct on/off pattern (rows with the same pattern share it)
- ``plot_regions``  one layer's on/off states per example, and the plane coloured by pattern
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.plotting import CLASS_COLOURS

__all__ = ["plot_regions", "region_ids"]


def region_ids(states: object) -> np.ndarray:
    """For boolean ``states`` of shape (rows, ...), one id per row, 0 … k − 1, equal exactly
    when two rows have the same on/off pattern. Each row's pattern is packed into bytes and
    compared as one key, which is far faster than ``np.unique(..., axis=0)`` on the booleans."""
    states = np.asarray(states, dtype=bool)
    if states.ndim < 2 or len(states) == 0:
        raise ValueError(f"states must have shape (rows, units, ...), got {states.shape}")
    packed = np.packbits(states.reshape(len(states), -1), axis=1)  # 8 states per byte
    keys = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1]))).ravel()
    return np.unique(keys, return_inverse=True)[1].reshape(-1)  # one bytes key per row


def plot_regions(
    layer_states: np.ndarray,
    labels: np.ndarray,
    side: np.ndarray,
    plane_regions: Sequence[tuple[str, np.ndarray]],
    points: np.ndarray,
    *,
    unit_label: str = "unit",
    seed: int = 0,
) -> Figure:
    """Left: ``layer_states`` (examples × units, True = active) as a green/white raster, rows
    sorted by class with a line between classes. Then one panel per (title, region ids) of
    ``plane_regions``: the ids of a grid ``side`` × ``side`` (row-major, x fastest), one random
    pale colour per id, with ``points`` on top in their class colours. ``unit_label`` names the
    raster's columns."""
    layer_states, labels = np.asarray(layer_states, dtype=bool), np.asarray(labels)
    if layer_states.ndim != 2 or len(labels) != len(layer_states):
        raise ValueError("layer_states must be (examples, units), with one label per example")
    order = np.argsort(labels, kind="stable")
    figure, axes = plt.subplots(1, 1 + len(plane_regions), figsize=(14, 4.4), layout="constrained")
    axes[0].imshow(
        layer_states[order], aspect="auto", cmap="Greens", interpolation="nearest", vmin=0, vmax=1.4
    )
    for boundary in np.flatnonzero(np.diff(labels[order])) + 0.5:
        axes[0].axhline(boundary, color="0.2", lw=1)
    axes[0].set(
        xlabel=unit_label,
        ylabel="example (sorted by class)",
        title="Active (green) and silent (white) units",
    )
    extent = (side[0], side[-1], side[0], side[-1])
    for ax, (title, ids) in zip(axes[1:], plane_regions, strict=True):
        ids = np.asarray(ids).reshape(side.size, side.size)
        colours = np.random.default_rng(seed).random((ids.max() + 1, 3)) * 0.5 + 0.5
        ax.imshow(colours[ids], origin="lower", extent=extent, interpolation="nearest")
        for k in np.unique(labels):
            members = points[labels == k]
            ax.scatter(
                members[:, 0],
                members[:, 1],
                s=7,
                color=CLASS_COLOURS[int(k)],
                edgecolors="black",
                linewidths=0.3,
            )
        ax.set(xlabel="$x_1$", ylabel="$x_2$", title=f"{title}: {ids.max() + 1} linear pieces")
    return figure
