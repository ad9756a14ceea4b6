"""Tests for helpers.nn: every backward pass against finite differences, losses against their
textbook formulas and at extreme logits, the optimiser step by step, and training on XOR.

Expected gradient-check errors (float64, centred differences, h = 1e-5): below 1e-7 for smooth
functions, inputs sampled at least 0.05 away from every kink."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.activations import ACTIVATIONS
from helpers.gradcheck import check_gradient
from helpers.nn import (
    INITIALISERS,
    SGD,
    Activation,
    BCEWithLogitsLoss,
    Dense,
    History,
    Layer,
    Maxout,
    MSELoss,
    PReLU,
    Sequential,
    SoftmaxCrossEntropy,
    accuracy,
    dead_unit_fraction,
    glorot_uniform,
    gradient_norms,
    he_normal,
    lecun_normal,
    mlp,
    predict,
    predict_proba,
    train,
)

TOL = 1e-7
# Where some activation changes slope (ReLU, ReLU6, hard-sigmoid, hard-swish): from the registry.
KINKS = sorted({kink for entry in ACTIVATIONS.values() for kink in entry.kinks})


def away_from_kinks(rng: np.random.Generator, shape: tuple[int, ...], margin=0.05) -> np.ndarray:
    x = rng.uniform(-4.0, 4.0, size=shape)
    for kink in KINKS:
        near = np.abs(x - kink) < margin
        x[near] = kink + np.where(x[near] >= kink, margin, -margin) * 2
    return x


def check_layer(layer: Layer, x: np.ndarray, seed: int = 1) -> list[float]:
    """Gradient-check the input and every parameter of ``layer`` through L = Σ y ⊙ R, whose
    ∂L/∂y is the fixed random R. Returns the relative errors (all asserted < TOL)."""
    projection = np.random.default_rng(seed).standard_normal(layer.forward(x).shape)

    def loss_of_input(value: np.ndarray) -> float:
        return float(np.sum(layer.forward(value) * projection))

    layer.forward(x)
    grad_x = layer.backward(projection)
    results = [check_gradient(loss_of_input, x, grad_x)]
    for name, param in layer.params().items():
        layer.forward(x)
        layer.backward(projection)
        analytic = layer.grads()[name].copy()
        original = param.copy()

        def loss_of_param(value: np.ndarray, param: np.ndarray = param) -> float:
            param[...] = value
            return float(np.sum(layer.forward(x) * projection))

        results.append(check_gradient(loss_of_param, original, analytic))
        param[...] = original
    for result in results:
        assert result.passed, str(result)
    return [result.max_error for result in results]


# --- initialisers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("initialiser", "expected_std"),
    [(he_normal, np.sqrt(2 / 400)), (lecun_normal, np.sqrt(1 / 400)), (glorot_uniform, 0.05)],
)
def test_initialiser_has_the_variance_its_formula_promises(initialiser, expected_std):
    weights = initialiser(400, 400, 0)  # glorot: Var = 2/(400+400) -> std 0.05
    assert weights.shape == (400, 400)
    assert weights.dtype == np.float64
    assert abs(weights.std() / expected_std - 1) < 0.02
    assert abs(weights.mean()) < 0.02 * expected_std


def test_glorot_uniform_stays_inside_its_limit():
    weights = glorot_uniform(30, 70, 0)
    limit = np.sqrt(6 / 100)
    assert weights.max() <= limit
    assert weights.min() >= -limit
    assert weights.max() > 0.95 * limit


def test_initialisers_are_reproducible_from_a_seed_and_differ_between_seeds():
    for initialiser in INITIALISERS.values():
        assert np.array_equal(initialiser(5, 3, 7), initialiser(5, 3, 7))
        assert not np.array_equal(initialiser(5, 3, 7), initialiser(5, 3, 8))


def test_dense_init_and_weight_scale():
    base = Dense(4, 3, init="normal", rng=0)
    scaled = Dense(4, 3, init="normal", rng=0, weight_scale=0.01)
    np.testing.assert_array_equal(scaled.W, 0.01 * base.W)
    np.testing.assert_array_equal(Dense(4, 3, init="glorot", rng=2).W, glorot_uniform(4, 3, 2))
    np.testing.assert_array_equal(Dense(4, 3, rng=2).W, he_normal(4, 3, 2))  # "he" is default
    assert np.array_equal(base.b, np.zeros(3))


@pytest.mark.parametrize(
    ("kwargs", "error", "argument"),
    [
        ({"n_in": 0, "n_out": 3}, ValueError, "n_in"),
        ({"n_in": 2.5, "n_out": 3}, TypeError, "n_in"),
        ({"n_in": 2, "n_out": True}, TypeError, "n_out"),
        ({"n_in": 2, "n_out": 3, "init": "xavier"}, ValueError, "init"),
        ({"n_in": 2, "n_out": 3, "weight_scale": -1.0}, ValueError, "weight_scale"),
        ({"n_in": 2, "n_out": 3, "weight_scale": "big"}, TypeError, "weight_scale"),
    ],
)
def test_dense_rejects_bad_arguments_by_name(kwargs, error, argument):
    with pytest.raises(error, match=argument):
        Dense(**kwargs)


# --- Dense -------------------------------------------------------------------------------------


def test_dense_forward_is_xW_plus_b():
    layer = Dense(3, 2, rng=0)
    layer.b[:] = [0.5, -1.0]
    x = np.arange(12.0).reshape(4, 3)
    np.testing.assert_allclose(layer.forward(x), x @ layer.W + layer.b, rtol=1e-15)
    assert layer.forward(x.tolist()).shape == (4, 2)  # lists are accepted


def test_dense_backward_passes_a_gradient_check():
    errors = check_layer(Dense(5, 4, rng=0), np.random.default_rng(0).standard_normal((6, 5)))
    assert max(errors) < TOL


def test_dense_backward_matches_the_matrix_formulas_and_writes_in_place():
    layer = Dense(3, 2, rng=0)
    x = np.random.default_rng(1).standard_normal((5, 3))
    delta = np.random.default_rng(2).standard_normal((5, 2))
    grad_W, grad_b = layer.grad_W, layer.grad_b
    layer.forward(x)
    grad_x = layer.backward(delta)
    np.testing.assert_allclose(layer.grad_W, x.T @ delta, rtol=1e-14)
    np.testing.assert_allclose(layer.grad_b, delta.sum(axis=0), rtol=1e-14)
    np.testing.assert_allclose(grad_x, delta @ layer.W.T, rtol=1e-14)
    assert layer.grads()["W"] is grad_W and layer.grads()["b"] is grad_b
    assert layer.backward(delta, input_grad=False) is None
    np.testing.assert_allclose(layer.grad_W, x.T @ delta, rtol=1e-14)


def test_dense_names_x_and_n_in_for_a_wrong_shape():
    layer = Dense(3, 2, rng=0)
    with pytest.raises(ValueError, match=r"x must have shape \(batch, 3\).*n_in = 3.*\(4, 2\)"):
        layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match="x must have shape"):
        layer.forward(np.ones(3))  # one example still needs to be a (1, 3) batch
    with pytest.raises(TypeError, match="x must hold real numbers"):
        layer.forward([["a", "b", "c"]])
    layer.forward(np.ones((4, 3)))
    with pytest.raises(ValueError, match="grad_y must have shape"):
        layer.backward(np.ones((4, 3)))


def test_backward_before_forward_says_so():
    with pytest.raises(RuntimeError, match="before forward"):
        Dense(2, 2, rng=0).backward(np.ones((1, 2)))
    with pytest.raises(RuntimeError, match="before forward"):
        Activation("tanh").backward(np.ones((1, 2)))


# --- activation layers -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_every_registry_activation_layer_passes_a_gradient_check(name):
    x = away_from_kinks(np.random.default_rng(3), (6, 4))
    layer = Activation(name)
    np.testing.assert_array_equal(layer.forward(x), ACTIVATIONS[name](x))
    assert max(check_layer(layer, x)) < TOL
    assert layer.params() == {}


def test_activation_settings_reach_the_function_and_its_derivative():
    layer = Activation("leaky_relu", alpha=0.2)
    x = np.array([[-2.0, 3.0]])
    np.testing.assert_allclose(layer.forward(x), [[-0.4, 3.0]])
    np.testing.assert_allclose(layer.backward(np.ones((1, 2))), [[0.2, 1.0]])
    assert "alpha=0.2" in repr(layer)


def test_activation_rejects_unknown_names_and_parameters():
    with pytest.raises(ValueError, match="activation must be one of"):
        Activation("swishy")
    with pytest.raises(TypeError, match="'beta'"):
        Activation("relu", beta=2.0)
    with pytest.raises(TypeError, match="x must be numeric"):
        Activation("relu").forward("high")


@pytest.mark.parametrize("n_units", [None, 4])
def test_prelu_passes_a_gradient_check_for_input_and_alpha(n_units):
    layer = PReLU(n_units, alpha=0.3)
    x = away_from_kinks(np.random.default_rng(4), (7, 4))
    assert max(check_layer(layer, x)) < TOL
    assert layer.alpha.shape == ((1,) if n_units is None else (4,))


def test_prelu_forward_and_alpha_gradient_by_hand():
    layer = PReLU(alpha=0.5)
    x = np.array([[-2.0, 1.0], [0.0, -4.0]])
    np.testing.assert_allclose(layer.forward(x), [[-1.0, 1.0], [0.0, -2.0]])
    grad_x = layer.backward(np.ones((2, 2)))
    np.testing.assert_allclose(grad_x, [[0.5, 1.0], [0.5, 0.5]])  # slope α at 0, like PyTorch
    np.testing.assert_allclose(layer.grad_alpha, [-6.0])  # Σ min(x, 0)


def test_prelu_rejects_a_bad_alpha_and_a_wrong_width():
    with pytest.raises(ValueError, match="alpha must be a finite number"):
        PReLU(alpha=float("inf"))
    with pytest.raises(TypeError, match="alpha must be a number"):
        PReLU(alpha="0.1")
    with pytest.raises(ValueError, match=r"x must have shape \(batch, 4\).*n_units = 4"):
        PReLU(4).forward(np.ones((2, 3)))


def test_maxout_passes_a_gradient_check_and_takes_the_max():
    layer = Maxout(3, 4, k=3, rng=0)
    x = np.random.default_rng(5).standard_normal((6, 3))
    pieces = x @ layer.W + layer.b[:, None, :]
    ranked = np.sort(pieces, axis=0)
    assert np.min(ranked[-1] - ranked[-2]) > 1e-3  # no near-ties: the winner is stable under ±h
    np.testing.assert_allclose(layer.forward(x), pieces.max(axis=0), rtol=1e-15)
    assert max(check_layer(layer, x)) < TOL


def test_maxout_gives_a_tie_to_the_lowest_piece():
    layer = Maxout(1, 1, k=2, rng=0)
    layer.W[:] = 1.0
    layer.forward(np.array([[2.0]]))
    layer.backward(np.array([[1.0]]))
    np.testing.assert_array_equal(layer.grad_b, [[1.0], [0.0]])


# --- Sequential ------------------------------------------------------------------------------


def two_hidden_layer_net(activation: str = "tanh") -> Sequential:
    return Sequential(
        Dense(3, 5, init="glorot", rng=0),
        Activation(activation),
        Dense(5, 4, init="glorot", rng=1),
        Activation(activation),
        Dense(4, 3, init="glorot", rng=2),
    )


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu"])
def test_two_hidden_layer_network_passes_a_gradient_check_on_every_parameter(activation):
    model = two_hidden_layer_net(activation)
    rng = np.random.default_rng(6)
    X, labels = rng.standard_normal((8, 3)), rng.integers(0, 3, size=8)
    for param in model.params().values():
        param += 0.1 * rng.standard_normal(param.shape)  # non-zero biases get checked too
    loss = SoftmaxCrossEntropy()
    model.forward(X, record=True)
    for index in (0, 2):  # for ReLU: no pre-activation within h of the kink
        assert np.min(np.abs(model.outputs[index])) > 1e-4
    loss.forward(model.forward(X), labels)
    grad_X = model.backward(loss.backward())
    analytic = {name: grad.copy() for name, grad in model.grads().items()}
    assert sorted(analytic) == ["0.W", "0.b", "2.W", "2.b", "4.W", "4.b"]
    for name, param in model.params().items():
        original = param.copy()

        def loss_of(value: np.ndarray, param: np.ndarray = param) -> float:
            param[...] = value
            return loss.forward(model.forward(X), labels)

        result = check_gradient(loss_of, original, analytic[name])
        param[...] = original
        assert result.passed, f"{name}: {result}"
    result = check_gradient(lambda x: loss.forward(model.forward(x), labels), X, grad_X)
    assert result.passed, f"X: {result}"


def test_sequential_records_outputs_and_names_parameters():
    model = two_hidden_layer_net()
    X = np.random.default_rng(0).standard_normal((10, 3))
    out = model.forward(X)
    assert model.outputs == []
    assert np.array_equal(model.forward(X, record=True), out)
    assert [o.shape for o in model.outputs] == [(10, 5), (10, 5), (10, 4), (10, 4), (10, 3)]
    np.testing.assert_array_equal(model.outputs[1], np.tanh(model.outputs[0]))
    assert model.outputs[-1] is not None and np.array_equal(model.outputs[-1], out)
    assert list(model.params()) == list(model.grads())
    assert model.params()["2.W"] is model.layers[2].W
    assert len(model) == 5 and model[1].name == "tanh"


def test_sequential_backward_can_skip_the_input_gradient():
    model = two_hidden_layer_net()
    X = np.random.default_rng(0).standard_normal((4, 3))
    delta = np.ones((4, 3))
    model.forward(X)
    full = model.backward(delta)
    grads = {k: v.copy() for k, v in model.grads().items()}
    model.forward(X)
    assert model.backward(delta, input_grad=False) is None
    assert full.shape == X.shape
    for name, grad in model.grads().items():
        np.testing.assert_array_equal(grad, grads[name])


def test_zero_grad_clears_every_gradient():
    model = two_hidden_layer_net()
    model.forward(np.ones((2, 3)))
    model.backward(np.ones((2, 3)))
    assert any(np.any(g != 0) for g in model.grads().values())
    model.zero_grad()
    assert all(np.all(g == 0) for g in model.grads().values())


def test_sequential_rejects_non_layers_and_empty_networks():
    with pytest.raises(TypeError, match=r"layers\[1\]"):
        Sequential(Dense(2, 2), "relu")
    with pytest.raises(ValueError, match="layers"):
        Sequential()


def test_mlp_builds_dense_activation_pairs_and_is_seeded():
    model = mlp([2, 8, 8, 1], "relu", rng=0)
    assert [layer.name for layer in model.layers] == ["dense", "relu", "dense", "relu", "dense"]
    assert [layer.init for layer in model.layers[::2]] == ["he", "he", "he"]
    assert mlp([2, 3, 1], "tanh").layers[0].init == "glorot"
    np.testing.assert_array_equal(model.layers[2].W, mlp([2, 8, 8, 1], "relu", rng=0).layers[2].W)
    with pytest.raises(ValueError, match="sizes"):
        mlp([3])
    with pytest.raises(ValueError, match="activation must be one of"):
        mlp([2, 3, 1], "swish")


# --- losses ------------------------------------------------------------------------------------


def test_mse_matches_its_formula_and_gradient():
    pred = np.array([[1.0], [2.0], [4.0]])
    target = np.array([1.5, 2.0, 2.0])  # (n,) against (n, 1) is accepted
    loss = MSELoss()
    assert loss(pred, target) == pytest.approx((0.25 + 0 + 4) / 3, rel=1e-15)
    np.testing.assert_allclose(loss.backward(), 2 * (pred - target[:, None]) / 3)
    result = check_gradient(lambda p: loss.forward(p, target), pred, loss.backward())
    assert result.passed, str(result)


def test_mse_refuses_to_broadcast_mismatched_shapes():
    with pytest.raises(ValueError, match="target must have shape"):
        MSELoss().forward(np.ones((4, 2)), np.ones(4))


def test_bce_with_logits_matches_the_textbook_formula_and_gradient():
    rng = np.random.default_rng(7)
    z, y = rng.normal(0, 3, size=(9, 1)), rng.integers(0, 2, size=9)
    p = 1 / (1 + np.exp(-z[:, 0]))
    expected = np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p))
    loss = BCEWithLogitsLoss()
    assert loss(z, y) == pytest.approx(expected, rel=1e-12)
    np.testing.assert_allclose(loss.backward(), (p - y)[:, None] / 9, rtol=1e-12)
    result = check_gradient(lambda v: loss.forward(v, y), z, loss.backward())
    assert result.passed, str(result)


@pytest.mark.parametrize("big", [1e4, 1e300])
def test_bce_with_logits_is_exact_at_extreme_logits(big):
    loss = BCEWithLogitsLoss()
    z = np.array([big, -big, big, -big])
    y = np.array([1, 0, 0, 1])
    # Right with certainty costs 0; wrong with certainty costs |z| (a huge but finite number).
    assert loss(z, y) == pytest.approx(2 * big / 4, rel=1e-15)
    np.testing.assert_array_equal(loss.backward(), np.array([0.0, 0.0, 1.0, -1.0]) / 4)


def test_bce_rejects_targets_outside_0_1():
    with pytest.raises(ValueError, match="target"):
        BCEWithLogitsLoss().forward(np.zeros(2), np.array([0, 2]))


def test_softmax_cross_entropy_matches_the_textbook_formula():
    rng = np.random.default_rng(8)
    logits, labels = rng.normal(0, 2, size=(6, 4)), rng.integers(0, 4, size=6)
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    expected = -np.mean(np.log(probs[np.arange(6), labels]))
    loss = SoftmaxCrossEntropy()
    assert loss(logits, labels) == pytest.approx(expected, rel=1e-13)
    onehot = np.eye(4)[labels]
    np.testing.assert_allclose(loss.backward(), (probs - onehot) / 6, rtol=1e-12, atol=1e-17)
    assert loss(logits, onehot) == pytest.approx(expected, rel=1e-13)  # one-hot targets
    assert loss(logits, labels.astype(float)) == pytest.approx(expected, rel=1e-13)
    result = check_gradient(lambda z: loss.forward(z, labels), logits, loss.backward())
    assert result.passed, str(result)


@pytest.mark.parametrize("big", [1e4, 1e300])
def test_softmax_cross_entropy_is_exact_at_extreme_logits(big):
    loss = SoftmaxCrossEntropy()
    logits = np.array([[big, -big, 0.0], [big, -big, 0.0]])
    labels = np.array([0, 1])  # certain and right; certain and wrong by 2·big
    assert loss(logits, labels) == pytest.approx((0.0 + 2 * big) / 2, rel=1e-15)
    expected_grad = np.array([[0.0, 0.0, 0.0], [1.0, -1.0, 0.0]]) / 2
    np.testing.assert_allclose(loss.backward(), expected_grad, atol=1e-300)


@pytest.mark.parametrize(
    ("target", "error", "message"),
    [
        (np.array([0, 3]), ValueError, "target labels must lie in 0..2"),
        (np.array([-1, 0]), ValueError, "target labels must lie"),
        (np.array([0.5, 1.0]), TypeError, "target labels must be integers"),
        (np.array(["a", "b"]), TypeError, "target labels must be integers"),
        (np.array([0, 1, 2]), ValueError, "target must be labels of shape"),
    ],
)
def test_softmax_cross_entropy_names_bad_targets(target, error, message):
    with pytest.raises(error, match=message):
        SoftmaxCrossEntropy().forward(np.zeros((2, 3)), target)


def test_losses_name_bad_predictions():
    with pytest.raises(ValueError, match="pred must have shape"):
        SoftmaxCrossEntropy().forward(np.zeros(3), np.array([0, 1, 2]))
    with pytest.raises(TypeError, match="pred must be numeric"):
        MSELoss().forward("abc", [1.0])


# --- optimiser ---------------------------------------------------------------------------------


def test_sgd_step_is_w_minus_lr_times_gradient():
    layer = Dense(2, 2, rng=0)
    layer.forward(np.ones((3, 2)))
    layer.backward(np.full((3, 2), 0.5))
    before = {k: v.copy() for k, v in layer.params().items()}
    SGD(layer, lr=0.1).step()
    for name, param in layer.params().items():
        np.testing.assert_allclose(param, before[name] - 0.1 * layer.grads()[name], rtol=1e-15)


def test_sgd_momentum_accumulates_velocity():
    layer = Dense(1, 1, init="normal", rng=0)
    layer.grad_W[:] = 1.0
    layer.grad_b[:] = 0.0
    w0 = layer.W.copy()
    optimiser = SGD(layer, lr=0.1, momentum=0.9)
    optimiser.step()  # v = −0.1
    optimiser.step()  # v = 0.9·(−0.1) − 0.1 = −0.19
    np.testing.assert_allclose(layer.W, w0 - 0.1 - 0.19, rtol=1e-14)
    optimiser.zero_grad()
    assert np.all(layer.grad_W == 0)


@pytest.mark.parametrize(
    ("kwargs", "error", "argument"),
    [
        ({"lr": 0.0}, ValueError, "lr"),
        ({"lr": -0.1}, ValueError, "lr"),
        ({"lr": float("nan")}, ValueError, "lr"),
        ({"lr": "0.1"}, TypeError, "lr"),
        ({"lr": 0.1, "momentum": 1.0}, ValueError, "momentum"),
        ({"lr": 0.1, "momentum": -0.5}, ValueError, "momentum"),
    ],
)
def test_sgd_validates_lr_and_momentum(kwargs, error, argument):
    with pytest.raises(error, match=argument):
        SGD(Dense(2, 2), **kwargs)


def test_sgd_needs_something_with_params():
    with pytest.raises(TypeError, match="model_or_params"):
        SGD([np.ones(3)], lr=0.1)


# --- training ----------------------------------------------------------------------------------

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([0, 1, 1, 0])


def test_training_on_xor_reaches_full_accuracy_within_300_epochs():
    model = mlp([2, 8, 1], "tanh", rng=0)
    history = train(model, BCEWithLogitsLoss(), XOR_X, XOR_Y, epochs=300, lr=0.5)
    assert history.accuracy[-1] == 1.0
    assert np.array_equal(predict(model, XOR_X), XOR_Y)
    assert history.loss[-1] < history.loss[0] / 10
    assert len(history.loss) == len(history.accuracy) == 300
    assert history.accuracy.index(1.0) < 300


def test_training_a_relu_net_on_noisy_xor_blobs_with_mini_batches():
    from helpers.data import xor

    X, y = xor(n=200, noise=0.1, seed=0)
    model = mlp([2, 16, 2], "relu", rng=1)
    history = train(
        model, SoftmaxCrossEntropy(), X, y, epochs=40, lr=0.1, batch_size=20, momentum=0.9
    )
    assert history.accuracy[-1] == 1.0
    assert accuracy(model.forward(X), y) == 1.0


def test_training_is_reproducible_and_the_seed_matters():
    def run(seed):
        model = mlp([2, 8, 1], "tanh", rng=0)
        return train(model, BCEWithLogitsLoss(), XOR_X, XOR_Y, epochs=5, lr=0.3, batch_size=2,
                     seed=seed).loss  # fmt: skip

    assert run(0) == run(0)
    assert run(0) != run(1)


def test_recording_activations_and_gradient_norms():
    X = np.random.default_rng(0).standard_normal((30, 2))
    y = (X[:, 0] * X[:, 1] > 0).astype(int)
    model = mlp([2, 6, 6, 1], "relu", rng=0)
    loss = BCEWithLogitsLoss()
    history = train(model, loss, X, y, epochs=7, lr=0.1, record_every=3)
    assert history.recorded_epochs == [0, 3, 6, 7]
    assert history.layer_names == ["0.dense", "1.relu", "2.dense", "3.relu", "4.dense"]
    last = history.activations[-1]
    assert [a.shape for a in last] == [(30, 6), (30, 6), (30, 6), (30, 6), (30, 1)]
    np.testing.assert_allclose(last[-1], model.forward(X))  # recorded on the full data
    assert [len(norms) for norms in history.grad_norms] == [3, 3, 3, 3]
    loss.forward(model.forward(X), y)
    model.backward(loss.backward())
    np.testing.assert_allclose(history.grad_norms[-1], gradient_norms(model), rtol=1e-12)
    assert history.activations[0][1].min() == 0.0  # ReLU outputs are recorded, zeros included


def test_a_diverging_run_stops_and_says_so_without_warnings():
    X = np.random.default_rng(0).standard_normal((20, 2))
    y = X @ np.array([[3.0], [-2.0]])
    history = train(mlp([2, 4, 1], "relu", rng=0), MSELoss(), X, y, epochs=500, lr=10.0)
    assert history.diverged
    assert len(history.loss) < 500
    assert not np.isfinite(history.loss[-1])
    assert history.accuracy == []  # regression: no accuracy


def test_regression_with_mse_fits_a_linear_target():
    X = np.random.default_rng(0).standard_normal((50, 2))
    y = X @ np.array([[1.5], [-0.5]]) + 0.25
    model = Sequential(Dense(2, 1, rng=0))
    history = train(model, MSELoss(), X, y, epochs=200, lr=0.1)
    assert history.loss[-1] < 1e-8
    np.testing.assert_allclose(model.layers[0].W[:, 0], [1.5, -0.5], atol=1e-4)
    assert not history.diverged
    assert history.curves() == {"loss": history.loss}


def test_callback_sees_every_epoch_and_can_stop_training():
    seen = []

    def stop_at_three(epoch, model, history):
        seen.append((epoch, len(history.loss)))
        return epoch == 3

    history = train(mlp([2, 3, 1], rng=0), BCEWithLogitsLoss(), XOR_X, XOR_Y, epochs=10, lr=0.1,
                    callback=stop_at_three)  # fmt: skip
    assert seen == [(1, 1), (2, 2), (3, 3)]
    assert len(history.loss) == 3
    assert set(history.curves()) == {"loss", "accuracy"}


@pytest.mark.parametrize(
    ("kwargs", "error", "argument"),
    [
        ({"epochs": -1}, ValueError, "epochs"),
        ({"epochs": 2.0}, TypeError, "epochs"),
        ({"epochs": 1, "batch_size": 0}, ValueError, "batch_size"),
        ({"epochs": 1, "record_every": -2}, ValueError, "record_every"),
        ({"epochs": 1, "lr": -1.0}, ValueError, "lr"),
    ],
)
def test_train_names_bad_arguments(kwargs, error, argument):
    kwargs = {"lr": 0.1, **kwargs}
    with pytest.raises(error, match=argument):
        train(mlp([2, 3, 1], rng=0), BCEWithLogitsLoss(), XOR_X, XOR_Y, **kwargs)


def test_train_needs_one_label_per_row():
    with pytest.raises(ValueError, match="y must have one entry per row"):
        train(mlp([2, 3, 1], rng=0), BCEWithLogitsLoss(), XOR_X, XOR_Y[:3], epochs=1, lr=0.1)


# --- analysis helpers --------------------------------------------------------------------------


def test_dead_unit_fraction_counts_units_that_never_fire():
    acts = np.array([[0.0, 1.0, -1.0, 0.0], [0.0, 0.0, -3.0, 2.0]])
    assert dead_unit_fraction(acts) == 0.5  # units 0 and 2
    assert dead_unit_fraction(np.ones((3, 5))) == 0.0
    with pytest.raises(ValueError, match="acts must have shape"):
        dead_unit_fraction(np.ones(4))


def test_gradient_norms_lists_weight_layers_input_side_first():
    model = two_hidden_layer_net()
    model.forward(np.ones((2, 3)))
    model.backward(np.ones((2, 3)))
    expected = [np.linalg.norm(model.layers[i].grad_W) for i in (0, 2, 4)]
    assert gradient_norms(model) == pytest.approx(expected, rel=1e-15)


def test_accuracy_predict_and_probabilities():
    assert accuracy(np.array([[2.0, 1.0], [0.0, 3.0], [1.0, 0.0]]), [0, 1, 1]) == 2 / 3
    assert accuracy(np.array([[-1.0], [2.0]]), np.array([[0.0], [1.0]])) == 1.0
    assert accuracy(np.array([[2.0, 1.0]]), np.array([[0.0, 1.0]])) == 0.0  # one-hot targets
    model = Sequential(Dense(2, 3, rng=0))
    X = np.random.default_rng(0).standard_normal((5, 2))
    probs = predict_proba(model, X)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-15)
    np.testing.assert_array_equal(predict(model, X), probs.argmax(axis=1))
    binary = Sequential(Dense(2, 1, rng=0))
    z = binary.forward(X)[:, 0]
    np.testing.assert_allclose(predict_proba(binary, X), 1 / (1 + np.exp(-z)), rtol=1e-14)


def test_history_defaults_are_independent():
    first, second = History(), History()
    first.loss.append(1.0)
    assert second.loss == []
