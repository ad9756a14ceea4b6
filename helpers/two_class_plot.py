"""The sigmoid is a two-class softmax (chapter 11): softmax(z, 0)₁ on the sigmoid's curve, and
softmax(z₁, z₂)₁ over the (z₁, z₂) plane, constant along every line z₁ − z₂ = const.

- ``plot_two_class_softmax``  the two panels; returns the ``Figure``, never calls ``plt.show()``
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS, COLOURS, sigmoid, softmax

__all__ = ["plot_two_class_softmax"]


def plot_two_class_softmax(z_max: float = 8.0, plane_max: float = 6.0) -> Figure:
    """Left: σ(z) for |z| ≤ ``z_max`` (a broad line) with softmax(z, 0)₁ as dots on it. Right:
    filled contours of softmax(z₁, z₂)₁ for |z₁|, |z₂| ≤ ``plane_max``, lines at 0.1, 0.5, 0.9."""
    fig, (ax_curve, ax_plane) = plt.subplots(1, 2, figsize=(12, 4.2), gridspec_kw={"wspace": 0.15})
    z = np.linspace(-z_max, z_max, 161)
    sigmoid_colour = ACTIVATIONS["sigmoid"].colour
    ax_curve.plot(z, sigmoid(z), color=sigmoid_colour, lw=4, alpha=0.5, label="σ(z)")
    dots = softmax(np.column_stack([z, np.zeros_like(z)]), axis=1)[::8, 0]
    ax_curve.plot(z[::8], dots, "o", color=COLOURS["softmax"], label="softmax(z, 0)₁")
    ax_curve.set(
        xlabel="z", ylabel="probability of class 1", title="Softmax of (z, 0) is the sigmoid of z"
    )
    ax_curve.legend(frameon=False)
    ax_curve.grid(alpha=0.3)
    G1, G2 = np.meshgrid(*2 * [np.linspace(-plane_max, plane_max, 121)])
    P1 = softmax(np.stack([G1, G2], axis=-1), axis=-1)[..., 0]
    filled = ax_plane.contourf(G1, G2, P1, levels=np.linspace(0, 1, 11), cmap="RdBu_r")
    ax_plane.contour(G1, G2, P1, levels=[0.1, 0.5, 0.9], colors="0.2", linewidths=0.8)
    ax_plane.set(
        xlabel="z₁",
        ylabel="z₂",
        aspect="equal",
        title="softmax(z₁, z₂)₁: constant along z₁ − z₂ = const",
    )
    fig.colorbar(filled, ax=ax_plane, label="probability of class 1")
    return fig
