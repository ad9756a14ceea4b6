"""Losses, the SGD optimiser and a training loop for ``helpers.nn`` models (numpy only).

A loss ``L`` measures how bad a batch of predictions is; every loss here is a *mean* over the
batch, so the learning rate does not have to change with the batch size. ``forward(pred,
target)`` returns L as a float and remembers what ``backward()`` needs to return ∂L/∂pred —
the δ that starts backpropagation.

The classification losses take *logits* (raw scores z), not probabilities: fusing the sigmoid
or softmax into the loss gives a formula that cannot overflow and a gradient as simple as
"prediction minus target". Learning is then the update W ← W − η ∂L/∂W: the gradient points
uphill, so we step the other way.

Import these names from ``helpers.nn``; this module exists only to keep each file short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from numbers import Real
from typing import Any

import numpy as np

from helpers._arrays import as_float_array, check_count
from helpers.activations import log_softmax, sigmoid

__all__ = [
    "SGD", "BCEWithLogitsLoss", "History", "MSELoss", "SoftmaxCrossEntropy", "accuracy",
    "dead_unit_fraction", "gradient_norms", "predict", "predict_proba", "train"
]  # fmt: skip


def _float_array(value: Any, name: str) -> np.ndarray:
    array = as_float_array(value, name)
    if array.ndim == 0:
        raise ValueError(f"{name} must be a batch (one row per example), got a scalar")
    return array


def _column_like(array: np.ndarray) -> bool:
    return array.ndim == 1 or (array.ndim == 2 and array.shape[1] == 1)


def _same_shape(target: Any, pred: np.ndarray) -> np.ndarray:
    """``target`` shaped like ``pred``; (n,) and (n, 1) are interchangeable, nothing else is —
    silently broadcasting (n, 1) − (n,) to (n, n) is a classic bug."""
    array = _float_array(target, "target")
    if array.shape != pred.shape:
        if not (_column_like(array) and _column_like(pred) and array.size == pred.size):
            raise ValueError(f"target must have shape {pred.shape} like pred, got {array.shape}")
        array = array.reshape(pred.shape)
    return array


class MSELoss:
    """Mean squared error  L = (1/M) Σ (ŷ − y)²  over all M entries;  ∂L/∂ŷ = 2(ŷ − y)/M.

    The loss for regression: it is what maximum likelihood gives for Gaussian noise.
    """

    classification = False

    def forward(self, pred: Any, target: Any) -> float:
        pred = _float_array(pred, "pred")
        self._error = pred - _same_shape(target, pred)
        return float(np.mean(self._error**2))

    def backward(self) -> np.ndarray:
        return self._error * (2.0 / self._error.size)

    __call__ = forward


class BCEWithLogitsLoss:
    """Binary cross-entropy of logits z against labels y ∈ {0, 1}, averaged over the batch.

    With p = σ(z), the loss −y log p − (1 − y) log(1 − p) simplifies to

        ℓ(z, y) = max(z, 0) − z·y + log(1 + e^{−|z|}),

    which never exponentiates a large positive number (the naive form overflows, then takes
    log 0). Its derivative is ∂ℓ/∂z = σ(z) − y: the sigmoid's σ(1 − σ) cancels the log's 1/p.
    """

    classification = True

    def forward(self, pred: Any, target: Any) -> float:
        self._z = _float_array(pred, "pred")
        self._y = _same_shape(target, self._z)
        if np.any((self._y < 0) | (self._y > 1)):
            raise ValueError("target must hold labels (or probabilities) between 0 and 1")
        per_example = np.maximum(self._z, 0.0) - self._z * self._y
        per_example += np.log1p(np.exp(-np.abs(self._z)))
        return float(np.mean(per_example))

    def backward(self) -> np.ndarray:
        return (sigmoid(self._z) - self._y) / self._z.size

    __call__ = forward


class SoftmaxCrossEntropy:
    """Softmax followed by cross-entropy, fused: L = −(1/N) Σₙ log softmax(zₙ)[yₙ].

    ``log_softmax(z) = (z − m) − log Σ e^{z − m}`` with m = max z, so no exponent is positive.
    Targets are integer labels of shape (N,) or one-hot (or soft) rows of shape (N, k). The
    gradient is the famous ∂L/∂z = (softmax(z) − onehot(y)) / N: the k × k softmax Jacobian
    times −1/p collapses to a subtraction.
    """

    classification = True

    def forward(self, pred: Any, target: Any) -> float:
        logits = _float_array(pred, "pred")
        if logits.ndim != 2:
            raise ValueError(f"pred must have shape (batch, classes), got {logits.shape}")
        self._targets = self._as_probabilities(target, logits.shape)
        log_probs = log_softmax(logits, axis=-1)
        self._probs = np.exp(log_probs)
        return float(-np.sum(self._targets * log_probs) / logits.shape[0])

    @staticmethod
    def _as_probabilities(target: Any, shape: tuple[int, ...]) -> np.ndarray:
        array = np.asarray(target)
        if array.shape == shape:
            return _float_array(array, "target")
        if array.shape != shape[:1]:
            raise ValueError(f"target must be labels of shape {shape[:1]} or rows of shape {shape}")
        whole = array.dtype.kind in "iu" or (array.dtype.kind == "f" and np.all(array % 1 == 0))
        if not whole:
            raise TypeError(f"target labels must be integers, got {array.dtype} values")
        labels = array.astype(np.intp)
        if labels.size and (labels.min() < 0 or labels.max() >= shape[1]):
            raise ValueError(
                f"target labels must lie in 0..{shape[1] - 1}, got {labels.min()}..{labels.max()}"
            )
        return np.eye(shape[1])[labels]

    def backward(self) -> np.ndarray:
        return (self._probs - self._targets) / self._probs.shape[0]

    __call__ = forward


def _class_labels(values: np.ndarray) -> np.ndarray:
    """Class index per row: argmax of score rows, or a threshold at 0 for single logits."""
    if values.ndim == 2 and values.shape[1] > 1:
        return np.argmax(values, axis=1)
    return (values.reshape(-1) > 0).astype(np.intp)


def accuracy(logits: Any, target: Any) -> float:
    """Share of rows whose predicted class (argmax, or logit > 0 for one output) is right.
    ``target``: integer labels, 0/1 values, or one-hot rows."""
    scores = _float_array(logits, "logits")
    labels = np.asarray(target)
    labels = np.argmax(labels, axis=1) if labels.ndim == 2 and labels.shape[1] > 1 else labels
    return float(np.mean(_class_labels(scores) == labels.reshape(-1)))


def predict(model: Any, X: Any) -> np.ndarray:
    """Predicted class labels (N,) of a classifier whose last layer outputs logits."""
    return _class_labels(np.asarray(model.forward(X)))


def predict_proba(model: Any, X: Any) -> np.ndarray:
    """Probabilities: σ(z) of shape (N,) for one output, softmax rows (N, k) otherwise."""
    logits = np.asarray(model.forward(X))
    if logits.ndim == 2 and logits.shape[1] > 1:
        return np.exp(log_softmax(logits, axis=-1))
    return sigmoid(logits.reshape(-1))


class SGD:
    """Stochastic gradient descent: θ ← θ − η ∂L/∂θ, for every parameter θ, in place.

    With momentum μ a velocity remembers past steps, v ← μ v − η ∂L/∂θ, θ ← θ + v, which
    damps the zig-zag across a narrow valley and speeds up travel along it.
    ``model_or_params``: anything with ``params()`` and ``grads()`` (a layer or Sequential).
    """

    def __init__(self, model_or_params: Any, lr: float, momentum: float = 0.0) -> None:
        if not (
            callable(getattr(model_or_params, "params", None)) and hasattr(model_or_params, "grads")
        ):
            raise TypeError(
                "model_or_params must have params() and grads(), "
                f"got {type(model_or_params).__name__}"
            )
        for name, value in (("lr", lr), ("momentum", momentum)):
            if isinstance(value, bool) or not isinstance(value, Real):
                raise TypeError(f"{name} must be a number, got {type(value).__name__}")
        if not (np.isfinite(lr) and lr > 0):
            raise ValueError(f"lr must be positive and finite, got {lr}")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum}")
        self.model, self.lr, self.momentum = model_or_params, float(lr), float(momentum)
        self.velocity: dict[str, np.ndarray] = {}

    def step(self) -> None:
        params, grads = self.model.params(), self.model.grads()
        for name, param in params.items():
            if self.momentum:
                velocity = self.velocity.setdefault(name, np.zeros_like(param))
                velocity *= self.momentum
                velocity -= self.lr * grads[name]
                param += velocity
            else:
                param -= self.lr * grads[name]

    def zero_grad(self) -> None:
        for grad in self.model.grads().values():
            grad.fill(0.0)


@dataclass
class History:
    """What ``train`` saw. ``loss``/``accuracy``: one value per epoch (mean over its batches;
    accuracy stays empty for regression). When recording, for each epoch in
    ``recorded_epochs`` (0 = before training): ``activations[r][i]`` is layer i's output on the
    whole data set and ``grad_norms[r]`` lists ‖∂L/∂W‖ per weight layer, input side first."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    layer_names: list[str] = field(default_factory=list)
    recorded_epochs: list[int] = field(default_factory=list)
    activations: list[list[np.ndarray]] = field(default_factory=list)
    grad_norms: list[list[float]] = field(default_factory=list)
    diverged: bool = False

    def curves(self) -> dict[str, list[float]]:
        """The per-epoch curves, ready for ``helpers.plotting.plot_training_curves``."""
        return {"loss": self.loss, **({"accuracy": self.accuracy} if self.accuracy else {})}


def dead_unit_fraction(acts: Any) -> float:
    """Share of units (columns) that are never active (output ≤ 0) on any example (row)."""
    values = _float_array(acts, "acts")
    if values.ndim != 2 or values.shape[0] == 0:
        raise ValueError(f"acts must have shape (examples, units), got {values.shape}")
    return float(np.mean(np.all(values <= 0, axis=0)))


def gradient_norms(model: Any) -> list[float]:
    """Frobenius norm ‖∂L/∂W‖ of every weight matrix (keys ending in "W"), input side first.
    Shrinking from output to input means vanishing gradients; growing means exploding."""
    return [float(np.linalg.norm(g)) for k, g in model.grads().items() if k.split(".")[-1] == "W"]


def _record(history: History, model: Any, loss: Any, X: np.ndarray, y: Any, epoch: int) -> None:
    """Full-data forward and backward (no update): activations and gradient norms at `epoch`."""
    output = model.forward(X, record=True)
    loss.forward(output, y)
    model.backward(loss.backward(), input_grad=False)
    history.recorded_epochs.append(epoch)
    history.activations.append(list(model.outputs))
    history.grad_norms.append(gradient_norms(model))


def train(
    model: Any,
    loss: Any,
    X: Any,
    y: Any,
    *,
    epochs: int,
    lr: float,
    batch_size: int | None = None,
    momentum: float = 0.0,
    seed: int = 0,
    record_every: int = 0,
    callback: Callable[[int, Any, History], Any] | None = None,
) -> History:
    """Mini-batch SGD: per batch, forward → loss → backward → update; reshuffled every epoch.

    ``batch_size=None`` uses the whole data set (full-batch gradient descent). With
    ``record_every=k > 0`` the state before training and after every k-th (and the last) epoch
    is recorded in the History. ``callback(epoch, model, history)`` runs after each epoch and
    stops training by returning True. A run whose loss becomes inf or NaN stops with
    ``history.diverged = True`` (too large a learning rate), without overflow warnings.
    """
    X = _float_array(X, "X")
    y = np.asarray(y)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (examples, features), got {X.shape}")
    if len(y) != len(X):
        raise ValueError(f"y must have one entry per row of X ({len(X)}), got {len(y)}")
    epochs = check_count(epochs, "epochs", 0)
    record_every = check_count(record_every, "record_every", 0)
    n = len(X)
    size = n if batch_size is None else min(check_count(batch_size, "batch_size", 1), n)
    optimiser = SGD(model, lr, momentum)
    rng = np.random.default_rng(seed)
    layers = getattr(model, "layers", [model])
    history = History(
        layer_names=[f"{i}.{getattr(la, 'name', '?')}" for i, la in enumerate(layers)]
    )
    classification = getattr(loss, "classification", False)
    if record_every:
        _record(history, model, loss, X, y, 0)
    for epoch in range(1, epochs + 1):
        order = rng.permutation(n) if size < n else None
        total_loss = correct = 0.0
        # A diverging run is reported by history.diverged; overflow warnings would only repeat it.
        with np.errstate(over="ignore", invalid="ignore"):
            for start in range(0, n, size):
                rows = slice(None) if order is None else order[start : start + size]
                xb, yb = X[rows], y[rows]
                output = model.forward(xb)
                total_loss += loss.forward(output, yb) * len(xb)
                if classification:
                    correct += accuracy(output, yb) * len(xb)
                model.backward(loss.backward(), input_grad=False)
                optimiser.step()
        history.loss.append(total_loss / n)
        if classification:
            history.accuracy.append(correct / n)
        if not np.isfinite(history.loss[-1]):
            history.diverged = True
            break
        if record_every and (epoch % record_every == 0 or epoch == epochs):
            _record(history, model, loss, X, y, epoch)
        if callback is not None and callback(epoch, model, history) is True:
            break
    return history
