"""Tests for helpers.region_plot: on/off patterns get one id each, and the figure shows the
states raster and one region map per entry, with the number of pieces in each title."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.region_plot import plot_regions, region_ids


def test_region_ids_are_equal_exactly_for_equal_patterns():
    states = np.zeros((6, 2, 5), dtype=bool)
    states[1, 0, 0] = states[3, 0, 0] = True  # rows 1 and 3 share a pattern
    states[4, 1, 4] = True  # row 4 differs in the last unit of the second layer
    states[5, 0, 0] = True
    states[5, 1, 4] = True
    ids = region_ids(states)
    assert ids.shape == (6,)
    assert ids[0] == ids[2] and ids[1] == ids[3]
    assert len({ids[0], ids[1], ids[4], ids[5]}) == 4
    assert sorted(set(ids.tolist())) == [0, 1, 2, 3]


def test_region_ids_see_patterns_longer_than_a_byte():
    states = np.zeros((2, 17), dtype=bool)
    states[1, 16] = True  # only the 17th unit differs: packed into a third byte
    assert region_ids(states).tolist() == [0, 1]
    with pytest.raises(ValueError, match="rows, units"):
        region_ids(np.zeros(3, dtype=bool))


def test_plot_regions_shows_the_raster_and_one_map_per_region_set():
    rng = np.random.default_rng(0)
    side = np.linspace(-1, 1, 4)
    ids_one = np.repeat([0, 1], 8)
    ids_all = np.arange(16)
    points = rng.normal(size=(6, 2))
    labels = np.array([2, 0, 1, 0, 2, 1])
    states = rng.random((6, 5)) > 0.5
    regions = [("layer 1", ids_one), ("all", ids_all)]
    figure = plot_regions(states, labels, side, regions, points, unit_label="unit of layer 5")
    raster, first, every = figure.axes
    np.testing.assert_array_equal(raster.images[0].get_array(), states[np.argsort(labels)])
    assert len(raster.lines) == 2  # a line between each pair of classes
    assert raster.get_xlabel() == "unit of layer 5"
    assert first.get_title() == "layer 1: 2 linear pieces"
    assert every.get_title() == "all: 16 linear pieces"
    assert first.images[0].get_array().shape == (4, 4, 3)
    assert len(first.collections) == 3  # the points, one scatter per class
    with pytest.raises(ValueError, match="one label per example"):
        plot_regions(states, labels[:3], side, [], points)
