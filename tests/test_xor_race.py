"""Tests for helpers.xor_race: the batched race trainer of chapter 07.

The batched trainer must train exactly like ``helpers.nn.train`` one network at a time, report
``inf`` for runs that never arrive, and honour ``init_scales`` and ``layer_rates``: a centred
sigmoid started from its tanh twin's weights and trained with the factors c² follows tanh.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data import xor
from helpers.nn import BCEWithLogitsLoss, mlp, train
from helpers.xor_race import RUNNERS, SIZES, epochs_to_threshold, loss_curves

X, Y = xor(n=200, noise=0.1, seed=0)


@pytest.mark.parametrize(("name", "lr"), [("sigmoid", 4.0), ("tanh", 2.0), ("tanh", 1.0)])
def test_matches_helpers_nn_train(name, lr):
    history = train(mlp(list(SIZES), name, rng=1), BCEWithLogitsLoss(), X, Y, epochs=300, lr=lr,
                    callback=lambda epoch, model, h: h.loss[-1] < 0.1)  # fmt: skip
    assert epochs_to_threshold(name, X, Y, [lr], [1])[0, 0] == len(history.loss)
    curve = loss_curves(name, X, Y, lr, 1, 10)
    reference = train(mlp(list(SIZES), name, rng=1), BCEWithLogitsLoss(), X, Y, epochs=10, lr=lr)
    np.testing.assert_allclose(curve, reference.loss, rtol=1e-10)


def test_shape_and_never_arriving_runs():
    result = epochs_to_threshold("sigmoid", X, Y, [0.1, 4.0], [0, 1, 2], max_epochs=50)
    assert result.shape == (2, 3)
    assert np.all(np.isinf(result))  # 50 epochs are too few for the sigmoid
    assert np.all(np.isfinite(epochs_to_threshold("tanh", X, Y, [2.0], [0, 1, 2])))


def test_a_diverging_run_never_arrives_and_warns_nothing():
    with np.errstate(all="raise"):
        result = epochs_to_threshold("tanh", X, Y, [1e6], [0], max_epochs=20)
    assert np.isinf(result[0, 0])


def test_centred_sigmoid_twin_follows_tanh():
    twin, rates = (2, 2, 4, 2, 2, 1), (4, 4, 16, 4, 4, 1)
    centred = loss_curves("centred sigmoid", X, Y, 2.0, 3, 20, layer_rates=rates, init_scales=twin)
    np.testing.assert_allclose(centred, loss_curves("tanh", X, Y, 2.0, 3, 20), rtol=1e-12)
    plain = loss_curves("centred sigmoid", X, Y, 2.0, 3, 20)
    assert not np.allclose(plain, centred)  # without them it trains differently


def test_runners_are_the_activations_and_their_slopes():
    z = np.linspace(-5, 5, 11)
    sigmoid, centred, tanh = (RUNNERS[n] for n in ("sigmoid", "centred sigmoid", "tanh"))
    np.testing.assert_allclose(sigmoid[0](z), 1 / (1 + np.exp(-z)), rtol=1e-14)
    np.testing.assert_allclose(centred[0](z), sigmoid[0](z) - 0.5, atol=1e-15)
    for f, slope in (sigmoid, centred, tanh):
        numeric = (f(z + 1e-6) - f(z - 1e-6)) / 2e-6
        np.testing.assert_allclose(slope(f(z)), numeric, rtol=1e-6, atol=1e-9)
