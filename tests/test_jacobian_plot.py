"""Tests for helpers.jacobian_plot (chapter 11's picture of J = diag(s) − ssᵀ), inspecting the
returned figure under Agg: the heat map's data, symmetric colour limits, entries and labels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.activations import softmax_jacobian
from helpers.jacobian_plot import plot_jacobian

NAMES = ["cat", "dog", "bird"]


def test_plot_jacobian_draws_the_matrix_with_its_entries():
    J = softmax_jacobian(np.array([2.0, 1.0, -1.0]))
    fig = plot_jacobian(J, NAMES)
    (ax_map,) = fig.axes
    (image,) = ax_map.images
    assert np.asarray(image.get_array()) == pytest.approx(J)
    low, high = image.get_clim()
    assert low == pytest.approx(-np.abs(J).max()) and high == pytest.approx(np.abs(J).max())
    assert len(ax_map.texts) == 9
    assert ax_map.texts[0].get_text() == f"{J[0, 0]:+.3f}"
    assert [t.get_text() for t in ax_map.get_yticklabels()] == ["s cat", "s dog", "s bird"]
    assert [t.get_text() for t in ax_map.get_xticklabels()] == ["z cat", "z dog", "z bird"]
    assert "for the 3-class scores" in ax_map.get_title()
    plt.close(fig)
