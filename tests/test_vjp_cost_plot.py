"""Tests for helpers.vjp_cost_plot (chapter 11's timing of the softmax backward pass): the timer's
shape and sign, and the log-log figure's lines, reference slope, labels and scales under Agg."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.vjp_cost_plot import plot_vjp_cost, time_products

SIZES = [10, 30, 100, 300, 1000]


def test_time_products_times_every_function_at_every_size():
    calls = []

    def product(z, g):
        calls.append(len(z))
        return z * g

    timings = time_products({"a": product, "b": product}, [10, 3000], np.random.default_rng(0))
    assert list(timings) == ["a", "b"]
    assert all(len(t) == 2 and min(t) > 0 for t in timings.values())
    assert calls.count(10) == 2 * 3 * 300 and calls.count(3000) == 2 * 3  # 3 runs of 3000 // n


def test_plot_vjp_cost_draws_both_routes_and_a_slope_2_line():
    timings = {"via the Jacobian": [1e-5, 2e-5, 5e-5, 1e-4, 1e-3], "VJP": [1e-5] * 5}
    fig = plot_vjp_cost(SIZES, timings, colours=["0.4", "#1f77b4"])
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    slow, fast, reference = ax.lines
    assert slow.get_ydata() == pytest.approx(np.array(timings["via the Jacobian"]) * 1e6)
    assert fast.get_ydata() == pytest.approx([10.0] * 5)
    assert reference.get_xdata() == pytest.approx([300, 1000])
    slope = np.diff(np.log(reference.get_ydata())) / np.diff(np.log(reference.get_xdata()))
    assert slope == pytest.approx([2.0])
    assert reference.get_ydata()[0] == pytest.approx(100.0)  # through the Jacobian's 4th point
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "via the Jacobian",
        "VJP",
        "slope 2 (O(n²))",
    ]
    assert ax.get_xlabel() == "number of classes n"
    assert ax.get_ylabel() == "time per product (µs)"
    plt.close(fig)
