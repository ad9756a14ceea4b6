"""plot_class_claims: the sums histogram and the map of claiming classes, inspected under Agg."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np

from helpers.sigmoid_claims_plot import plot_class_claims


def _logits(X: np.ndarray) -> np.ndarray:
    """Class 0 claims x₁ > 0, class 1 claims x₂ > 0, class 2 claims nothing."""
    return np.column_stack([10 * X[:, 0], 10 * X[:, 1], np.full(len(X), -10.0)])


def test_histogram_counts_every_point_and_marks_one() -> None:
    X = np.array([[0.5, 0.5], [-0.5, -0.5], [0.5, -0.5]])
    figure = plot_class_claims(_logits, X, np.array([0, 1, 2]))
    left = figure.axes[0]
    assert sum(patch.get_height() for patch in left.patches) == 3
    assert left.lines[0].get_xdata()[0] == 1.0
    assert "Sigmoids" in left.get_title()
    plt.close(figure)


def test_map_counts_claiming_classes_per_quadrant() -> None:
    X = np.zeros((2, 2))
    figure = plot_class_claims(_logits, X, np.array([0, 1]), extent=1.0, resolution=4)
    right = figure.axes[1]
    counts = right.images[0].get_array()
    assert counts.shape == (4, 4)
    assert counts[0, 0] == 0 and counts[-1, -1] == 2 and counts[0, -1] == 1  # origin="lower"
    assert right.images[0].get_extent() == [-1.0, 1.0, -1.0, 1.0]
    assert [t.get_text() for t in right.get_legend().get_texts()] == [
        "no class", "one class", "two classes"
    ]  # fmt: skip
    assert len(right.collections) == 2  # one scatter per class present
    plt.close(figure)
