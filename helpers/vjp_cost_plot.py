"""The cost of backpropagating through softmax (chapter 11): the product gᵀJ through the full
n × n Jacobian against the vector-Jacobian product s ⊙ (g − g·s), timed for growing n.

- ``time_products``  best-of-3 seconds per call of each function, for each n
- ``plot_vjp_cost``  the times on log-log axes, with a slope-2 (O(n²)) reference line

The plot returns the ``Figure`` and never calls ``plt.show()``; the chapter does.
"""

from __future__ import annotations

import timeit
from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

__all__ = ["plot_vjp_cost", "time_products"]

VJP = Callable[[np.ndarray, np.ndarray], np.ndarray]


def time_products(
    functions: Mapping[str, VJP], sizes: Sequence[int], rng: np.random.Generator
) -> dict[str, list[float]]:
    """Seconds per call of ``f(z, g)`` for random z, g of each size n: the best of 3 runs (the
    least disturbed), each of about 3000 / n calls."""
    timings: dict[str, list[float]] = {label: [] for label in functions}
    for n in sizes:
        z, g = rng.normal(size=n), rng.normal(size=n)
        number = max(1, 3000 // n)
        for label, function in functions.items():
            runs = timeit.repeat(lambda f=function, z=z, g=g: f(z, g), number=number, repeat=3)
            timings[label].append(min(runs) / number)
    return timings


def plot_vjp_cost(
    sizes: Sequence[int], timings: Mapping[str, Sequence[float]], colours: Sequence[str]
) -> Figure:
    """Microseconds per product against n (log-log), one line per entry of ``timings`` (the first
    is the Jacobian route), and a slope-2 line through the first's time at the fourth size."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2))  # one panel: the tight bounding box is the layout
    for (label, times), colour in zip(timings.items(), colours, strict=True):
        ax.loglog(sizes, np.array(times) * 1e6, "o-", color=colour, label=label)
    first = next(iter(timings.values()))
    n_ref = np.array([sizes[3], sizes[-1]], dtype=float)
    reference = first[3] * 1e6 * (n_ref / sizes[3]) ** 2
    ax.loglog(n_ref, reference, ":", color=colours[0], label="slope 2 (O(n²))")
    ax.set(
        xlabel="number of classes n",
        ylabel="time per product (µs)",
        title="g·J costs O(n²); the VJP s ⊙ (g − g·s) costs O(n)",
    )
    ax.legend(frameon=False)
    ax.minorticks_off()  # decades only, in plain numbers: 10, 100, 1000
    ax.xaxis.set_major_formatter("{x:g}")
    ax.yaxis.set_major_formatter("{x:g}")
    ax.grid(alpha=0.3)
    return fig
