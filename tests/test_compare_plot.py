"""Tests for helpers.compare_plot: inspect the returned figures under the Agg backend."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from helpers.activations import ACTIVATIONS, COLOURS
from helpers.compare import Run, Task, compare, summarise
from helpers.compare_plot import METRIC_LABELS, plot_loss_curves, plot_metric


def _run(task, activation, seed, curve, *, accuracy=0.5, reached=None, diverged=False):
    return Run(
        task,
        activation,
        seed,
        curve[-1],
        accuracy,
        reached,
        0.25 * seed,
        0.1 * (seed + 1),
        1.0,
        tuple(curve),
        diverged,
    )


def _runs():
    return [
        _run("A", "relu", 0, [1.0, 0.5, 0.2], reached=2),
        _run("A", "relu", 1, [1.0, 0.7, 0.4]),
        _run("A", "tanh", 0, [1.0, 0.9, 0.8]),
        _run("A", "tanh", 1, [1.0, np.inf], diverged=True),
        _run("A", "identity", 0, [1.0, 0.95, 0.9]),
        _run("B", "relu", 0, [2.0, 1.0, 0.1], accuracy=None),
    ]


def _bars(ax):
    return [patch for patch in ax.patches if patch.get_width() != 0]


def test_metric_bars_show_means_in_registry_colours_with_std_error_bars():
    rows = summarise(_runs())
    figure = plot_metric(rows, "final_loss", task="A")
    assert isinstance(figure, Figure)
    (ax,) = figure.axes
    bars = _bars(ax)
    assert [to_hex(bar.get_facecolor()) for bar in bars] == [
        to_hex(ACTIVATIONS[name].colour) for name in ("relu", "tanh", "identity")
    ]
    np.testing.assert_allclose([bar.get_width() for bar in bars], [0.3, 0.8, 0.9])
    # First row at the top, as in the table; labels are the registry's.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ReLU", "Tanh", "Identity"]
    assert bars[0].get_y() > bars[1].get_y() > bars[2].get_y()
    # The relu error bar spans mean ± sample std = 0.3 ± 0.1·√2 (ddof = 1, two seeds).
    segments = ax.collections[0].get_segments()
    np.testing.assert_allclose(sorted(segments[0][:, 0]), [0.3 - 0.1 * 2**0.5, 0.3 + 0.1 * 2**0.5])
    assert ax.get_xlabel() == METRIC_LABELS["final_loss"]


def test_metric_marks_the_baseline_and_the_diverged_and_reached_counts():
    rows = summarise(_runs())
    ax = plot_metric(rows, "epochs_to_threshold", task="A").axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert " (1/2)" in texts  # relu: one of two seeds reached the threshold
    assert "– [1 diverged]" in texts  # tanh never reached it, and one seed diverged
    ax = plot_metric(rows, "final_loss", task="A").axes[0]
    (line,) = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert line.get_xdata()[0] == pytest.approx(0.9)  # identity's final loss
    (note,) = [text for text in ax.texts if "baseline" in text.get_text()]
    assert note.get_text() == "Identity (baseline)" and note.xy == (pytest.approx(0.9), 0.0)
    ax = plot_metric(rows, "final_loss", task="A", baseline=None).axes[0]
    assert not [line for line in ax.get_lines() if line.get_linestyle() == "--"]


def test_metric_without_values_gets_a_dash_not_a_bar():
    rows = summarise(_runs())
    ax = plot_metric(rows, "accuracy", task="B").axes[0]
    assert not _bars(ax)
    assert [t.get_text() for t in ax.texts] == ["–"]


def test_log_metric_keeps_error_bars_positive():
    rows = [
        {
            "task": "A",
            "activation": "relu",
            "seeds": 3,
            "diverged": 0,
            "reached": 0,
            "gradient_ratio": (0.01, 0.05),
        }
    ]
    ax = plot_metric(rows, "gradient_ratio", task="A", log=True).axes[0]
    assert ax.get_xscale() == "log"
    low = min(ax.collections[0].get_segments()[0][:, 0])
    assert low == pytest.approx(0.001)  # cut at 10 % of the mean instead of going below 0


def test_loss_curves_mean_and_band_leave_out_diverged_runs():
    ax = plot_loss_curves(_runs(), task="A", logy=False).axes[0]
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines) == ["ReLU", "Tanh", "Identity"]
    np.testing.assert_allclose(lines["ReLU"].get_ydata(), [1.0, 0.6, 0.3])
    np.testing.assert_allclose(lines["Tanh"].get_ydata(), [1.0, 0.9, 0.8])  # diverged seed out
    assert to_hex(lines["Tanh"].get_color()) == to_hex(ACTIVATIONS["tanh"].colour)
    assert len(ax.collections) == 1  # a band only where two seeds finished (relu)
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].min() == pytest.approx(0.2) and band[:, 1].max() == pytest.approx(1.0)


def test_loss_curves_per_seed_threshold_and_log_scale():
    ax = plot_loss_curves(_runs(), task="A", activations=["tanh"], seeds=True, threshold=0.5).axes[
        0
    ]
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["Tanh, seed 0", "Tanh, seed 1", "threshold"]
    diverged = ax.get_lines()[1]
    assert list(diverged.get_ydata()) == [1.0]  # drawn up to its last finite loss
    assert ax.get_lines()[0].get_linewidth() < diverged.get_linewidth()
    assert ax.get_yscale() == "log"
    ax = plot_loss_curves(_runs(), task="A", legend=False).axes[0]
    assert ax.get_legend() is None and len(ax.get_lines()) == 3


def test_plots_draw_into_a_given_axes_and_reject_bad_input():
    figure, (left, right) = plt.subplots(1, 2)
    assert plot_metric(summarise(_runs()), "dead_fraction", task="A", ax=left) is figure
    assert plot_loss_curves(_runs(), task="B", ax=right) is figure
    with pytest.raises(ValueError, match="metric must be one of"):
        plot_metric(summarise(_runs()), "loss", task="A")
    with pytest.raises(ValueError, match=r"task 'C' has no rows; the rows cover \['A', 'B'\]"):
        plot_metric(summarise(_runs()), "final_loss", task="C")
    with pytest.raises(ValueError, match=r"activations \['gelu'\] have no runs"):
        plot_loss_curves(_runs(), task="A", activations=["gelu"])
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plot_loss_curves(_runs(), task="A", ax="left")


def test_a_real_comparison_plots_end_to_end():
    task = Task.spirals(n=45, seed=0)
    runs = compare([task], ["relu", "sigmoid"], seeds=(0, 1), hidden=(4,), epochs=3)
    ax = plot_metric(summarise(runs), "gradient_ratio", task=task.name, log=True).axes[0]
    assert len(_bars(ax)) == 2
    ax = plot_loss_curves(runs, task=task.name).axes[0]
    assert [len(line.get_xdata()) for line in ax.get_lines()] == [3, 3]


def test_metric_bars_accept_a_contestant_outside_the_registry() -> None:
    rows = [{"task": "A", "activation": name, "seeds": 2, "diverged": 0, "test_loss": (v, None)}
            for name, v in (("maxout", 0.1), ("relu", 0.2))]  # fmt: skip
    ax = plot_metric(rows, "test_loss", task="A", baseline=None).axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Maxout", "ReLU"]
    assert to_hex(_bars(ax)[0].get_facecolor()) == to_hex(COLOURS["maxout"])
    assert ax.get_xlabel() == "test loss (held-out data)"
