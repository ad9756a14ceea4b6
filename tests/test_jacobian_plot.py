"""Tests for helpers.jacobian_plot (chapter 11's picture of J = diag(s) − ssᵀ), inspecting the
returned figure under Agg: the heat map's data and symmetric colour limits, labels, the check."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.activations import softmax_jacobian
from helpers.jacobian_plot import plot_jacobian

NAMES = ["cat", "dog", "bird"]


def test_plot_jacobian_draws_the_matrix_and_the_check():
    J = softmax_jacobian(np.array([2.0, 1.0, -1.0]))
    numerical = J + 1e-9
    fig = plot_jacobian(J, numerical, NAMES)
    ax_map, ax_check = fig.axes[0], fig.axes[1]
    (image,) = ax_map.images
    assert np.asarray(image.get_array()) == pytest.approx(J)
    low, high = image.get_clim()
    assert low == pytest.approx(-np.abs(J).max()) and high == pytest.approx(np.abs(J).max())
    assert len(ax_map.texts) == 9
    assert ax_map.texts[0].get_text() == f"{J[0, 0]:+.3f}"
    assert [t.get_text() for t in ax_map.get_yticklabels()] == ["$s$ cat", "$s$ dog", "$s$ bird"]
    assert ax_map.get_title().endswith("for the 3-class scores")
    points = ax_check.collections[0].get_offsets()
    assert np.asarray(points[:, 1]) == pytest.approx(J.ravel())
    assert ax_check.get_title() == "All 9 entries lie on the diagonal"
    assert len(fig.axes) == 3  # and a colour bar
    plt.close(fig)
