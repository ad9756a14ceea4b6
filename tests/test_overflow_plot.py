"""Tests for helpers.overflow_plot (chapter 11's figures of where the naive softmax breaks),
inspecting the returned figures under Agg: the curves' data, the shaded NaN zones, labels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.activations import log_softmax
from helpers.overflow_plot import plot_log_softmax_rescue, plot_naive_error


def test_plot_naive_error_draws_the_finite_part_and_shades_the_rest():
    shifts = np.linspace(-900.0, 900.0, 19)
    finite = np.abs(shifts) < 750
    error = np.where(finite, np.abs(shifts) * 1e-15, np.nan)
    error[9] = 0.0  # an exact result is drawn at the floor 1e-17
    fig = plot_naive_error(shifts, error, finite)
    ax = fig.axes[0]
    (line,) = ax.lines
    assert line.get_xdata() == pytest.approx(shifts[finite])
    assert line.get_ydata()[list(shifts[finite]).index(0.0)] == pytest.approx(1e-17)
    assert ax.get_yscale() == "log"
    zones = sorted(p.get_x() for p in ax.patches)  # the two axvspan rectangles
    assert len(zones) == 2 and zones[0] == pytest.approx(-900.0)
    assert [t.get_text() for t in ax.texts] == ["naive result\nis NaN"] * 2
    assert ax.get_ylabel() == "relative error of the naive formula"
    plt.close(fig)


def test_plot_log_softmax_rescue_draws_loss_asymptote_gradient_and_both_losses():
    t_near = np.linspace(-8.0, 8.0, 33)
    t_far = np.linspace(-1000.0, 0.0, 101)
    Z = np.column_stack([t_far, np.zeros((101, 2))])
    with np.errstate(all="ignore"):
        naive = -np.log(np.exp(Z[:, 0]) / np.exp(Z).sum(axis=1))
    fused = -log_softmax(Z, axis=1)[:, 0]
    fig = plot_log_softmax_rescue(t_near, t_far, naive, fused)
    ax_near, ax_far = fig.axes
    loss, asymptote, gradient = ax_near.lines
    Z_near = np.column_stack([t_near, np.zeros((33, 2))])
    assert loss.get_ydata() == pytest.approx(-log_softmax(Z_near, axis=1)[:, 0])
    assert asymptote.get_ydata() == pytest.approx(-t_near + np.log(2))
    assert gradient.get_ydata()[0] == pytest.approx(-1.0, abs=1e-3)  # a full −1 when very wrong
    assert gradient.get_ydata()[-1] == pytest.approx(0.0, abs=1e-3)
    naive_line, fused_line = ax_far.lines
    assert np.isfinite(naive_line.get_ydata()).all()
    assert naive_line.get_xdata().min() > -750  # infinite losses are left out, not drawn
    assert fused_line.get_ydata() == pytest.approx(fused)
    assert ax_far.get_title() == "Only log-softmax survives a very wrong answer"
    plt.close(fig)
