"""A tiny neural-network library with hand-written backpropagation (float64, numpy only).

A network is a chain of layers. Going forward, each layer turns its input batch ``x`` (one row
per example) into an output ``y`` and keeps what it will need later. Going backward, it receives
``∂L/∂y`` and returns ``∂L/∂x``, storing the gradients of its own parameters on the way.

For a multilayer perceptron, with ``a⁰ = x`` and layers l = 1 … L,

    zˡ = aˡ⁻¹ Wˡ + bˡ                      (Dense: one row per example, Wˡ has shape (n_in, n_out))
    aˡ = f(zˡ)                              (Activation, applied elementwise)

and backpropagation is four equations for the error ``δˡ = ∂L/∂zˡ``:

    δᴸ     = ∂L/∂aᴸ ⊙ f′(zᴸ)                (BP1: the loss tells the output layer how wrong it is;
                                             the fused losses hand over δᴸ = ∂L/∂zᴸ directly)
    δˡ     = (δˡ⁺¹ Wˡ⁺¹ᵀ) ⊙ f′(zˡ)          (BP2: each unit's share of the next layer's blame)
    ∂L/∂bˡ = Σₙ δˡₙ                         (BP3: summed over the examples of the batch)
    ∂L/∂Wˡ = aˡ⁻¹ᵀ δˡ                       (BP4: input times error, for every weight at once)

``Dense.backward`` does BP3, BP4 and the matrix half of BP2; ``Activation.backward`` does the
``⊙ f′(z)`` half. Losses, the optimiser and the training loop live in ``helpers.training`` and are
re-exported here, so ``from helpers.nn import ...`` is all a chapter needs.

``backward`` *overwrites* the stored gradients (there is no accumulation to forget to reset).
"""

from __future__ import annotations

import inspect
from itertools import pairwise
from numbers import Real
from typing import Any

import numpy as np

from helpers._arrays import as_float_array, check_count
from helpers.activations import ActivationFunction, initialisation_for, lookup
from helpers.training import (
    SGD,
    BCEWithLogitsLoss,
    History,
    MSELoss,
    SoftmaxCrossEntropy,
    accuracy,
    dead_unit_fraction,
    gradient_norms,
    predict,
    predict_proba,
    train,
)

__all__ = [
    "INITIALISERS", "SGD", "Activation", "BCEWithLogitsLoss", "Dense", "History", "Layer",
    "MSELoss", "Maxout", "PReLU", "Sequential", "SoftmaxCrossEntropy", "accuracy",
    "dead_unit_fraction", "glorot_uniform", "gradient_norms", "he_normal", "lecun_normal", "mlp",
    "predict", "predict_proba", "standard_normal", "train"
]  # fmt: skip

# --- initialisers: keep the variance of the signal roughly constant from layer to layer --------


def he_normal(n_in: int, n_out: int, rng: Any = None) -> np.ndarray:
    """W ~ N(0, 2/n_in). ReLU zeroes half its inputs, so the factor 2 makes Var(z) stay put."""
    return np.random.default_rng(rng).normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))


def glorot_uniform(n_in: int, n_out: int, rng: Any = None) -> np.ndarray:
    """W ~ U(−r, r), r = √(6/(n_in + n_out)): Var(W) = 2/(n_in + n_out) balances the forward
    signal (wants 1/n_in) and the backward gradient (wants 1/n_out). Suits tanh and sigmoid."""
    limit = np.sqrt(6.0 / (n_in + n_out))
    return np.random.default_rng(rng).uniform(-limit, limit, size=(n_in, n_out))


def lecun_normal(n_in: int, n_out: int, rng: Any = None) -> np.ndarray:
    """W ~ N(0, 1/n_in): Var(z) = Var(x) for a linear unit; the initialiser SELU is built for."""
    return np.random.default_rng(rng).normal(0.0, np.sqrt(1.0 / n_in), size=(n_in, n_out))


def standard_normal(n_in: int, n_out: int, rng: Any = None) -> np.ndarray:
    """W ~ N(0, 1), ignoring the fan-in: Var(z) grows n_in-fold per layer (a cautionary tale)."""
    return np.random.default_rng(rng).standard_normal(size=(n_in, n_out))


INITIALISERS = {
    "he": he_normal,
    "glorot": glorot_uniform,
    "lecun": lecun_normal,
    "normal": standard_normal,
}


def _batch(x: Any, width: int, name: str = "x", size_name: str = "n_in") -> np.ndarray:
    """``x`` as a float64 array of shape (batch, width): one row per example."""
    array = as_float_array(x, name)
    if array.ndim != 2 or array.shape[1] != width:
        raise ValueError(
            f"{name} must have shape (batch, {width}), one row of {size_name} = {width} values "
            f"per example, got shape {array.shape}"
        )
    return array


def _keyword_names(function: Any) -> set[str]:
    """Parameter names of ``function`` after the input, e.g. {"alpha"} for leaky_relu."""
    try:
        return set(list(inspect.signature(function).parameters)[1:])
    except (TypeError, ValueError):  # builtins without a signature
        return set()


class Layer:
    """What every layer offers. Subclasses override ``forward`` and ``backward``; layers with
    parameters (weights, a learnable α) also return them from ``params`` and ``grads``, under the
    same keys, as the arrays themselves, so an optimiser can update them in place."""

    name = "layer"

    def forward(self, x: Any) -> np.ndarray:
        raise NotImplementedError

    def backward(self, grad_y: np.ndarray, *, input_grad: bool = True) -> np.ndarray | None:
        """∂L/∂y → ∂L/∂x. ``input_grad=False`` may skip ∂L/∂x when nobody needs it."""
        raise NotImplementedError

    def params(self) -> dict[str, np.ndarray]:
        return {}

    def grads(self) -> dict[str, np.ndarray]:
        return {}

    def zero_grad(self) -> None:
        for grad in self.grads().values():
            grad.fill(0.0)

    def __call__(self, x: Any) -> np.ndarray:
        return self.forward(x)

    def _cached(self, attribute: str) -> Any:
        value = getattr(self, attribute, None)
        if value is None:
            raise RuntimeError(f"{type(self).__name__}.backward called before forward")
        return value


class Dense(Layer):
    """Fully connected layer ``y = x W + b`` with W of shape (n_in, n_out), b of shape (n_out,).

    Backward, with δ = ∂L/∂y of shape (batch, n_out):  ∂L/∂W = xᵀ δ,  ∂L/∂b = Σ over the batch
    of δ,  ∂L/∂x = δ Wᵀ. The batch sum is right because the loss is a sum over examples and W is
    shared by all of them. ``weight_scale`` multiplies the initial weights (``init="normal",
    weight_scale=0.01`` gives N(0, 0.01²)); biases start at zero.
    """

    name = "dense"

    def __init__(
        self,
        n_in: int,
        n_out: int,
        *,
        init: str = "he",
        rng: Any = None,
        weight_scale: float | None = None,
    ) -> None:
        self.n_in = check_count(n_in, "n_in")
        self.n_out = check_count(n_out, "n_out")
        if init not in INITIALISERS:
            raise ValueError(f"init must be one of {sorted(INITIALISERS)}, got {init!r}")
        self.init = init
        self.W = INITIALISERS[init](self.n_in, self.n_out, rng)
        if weight_scale is not None:
            if isinstance(weight_scale, bool) or not isinstance(weight_scale, Real):
                raise TypeError(f"weight_scale must be a number, got {type(weight_scale).__name__}")
            if not np.isfinite(weight_scale) or weight_scale <= 0:
                raise ValueError(f"weight_scale must be positive and finite, got {weight_scale}")
            self.W *= weight_scale
        self.b = np.zeros(self.n_out)
        self.grad_W = np.zeros_like(self.W)
        self.grad_b = np.zeros_like(self.b)
        self._x: np.ndarray | None = None

    def forward(self, x: Any) -> np.ndarray:
        self._x = _batch(x, self.n_in)
        y = self._x @ self.W
        y += self.b  # in place: one array per layer, not two
        return y

    def backward(self, grad_y: np.ndarray, *, input_grad: bool = True) -> np.ndarray | None:
        x = self._cached("_x")
        grad_y = _batch(grad_y, self.n_out, "grad_y", "n_out")
        # Written into the existing arrays, so params()/grads() stay valid between steps.
        np.matmul(x.T, grad_y, out=self.grad_W)
        np.sum(grad_y, axis=0, out=self.grad_b)
        return grad_y @ self.W.T if input_grad else None

    def params(self) -> dict[str, np.ndarray]:
        return {"W": self.W, "b": self.b}

    def grads(self) -> dict[str, np.ndarray]:
        return {"W": self.grad_W, "b": self.grad_b}

    def __repr__(self) -> str:
        return f"Dense({self.n_in}→{self.n_out}, init={self.init!r})"


class Activation(Layer):
    """Elementwise ``a = f(z)`` for any entry of ``helpers.activations.ACTIVATIONS``.

    No parameters; backward is the chain rule for an elementwise map, whose Jacobian is diagonal:
    ∂L/∂z = ∂L/∂a ⊙ f′(z). Keyword arguments set the activation's parameters, e.g.
    ``Activation("leaky_relu", alpha=0.1)``.
    """

    def __init__(self, activation: str | ActivationFunction, **settings: float) -> None:
        self.activation = lookup(activation)
        name = self.activation.name
        accepted = set(self.activation.params) | _keyword_names(self.activation.forward)
        unknown = sorted(set(settings) - accepted)
        if unknown:
            raise TypeError(f"{name} has no parameter {unknown[0]!r}; it takes {sorted(accepted)}")
        self.name = name
        self.settings = {**self.activation.params, **settings}
        self._z: np.ndarray | None = None

    def forward(self, x: Any) -> np.ndarray:
        self._z = as_float_array(x, "x")
        return self.activation.forward(self._z, **self.settings)

    def backward(self, grad_y: np.ndarray, *, input_grad: bool = True) -> np.ndarray:
        z = self._cached("_z")
        return grad_y * self.activation.derivative(z, **self.settings)

    def __repr__(self) -> str:
        extra = "".join(f", {key}={value!r}" for key, value in self.settings.items())
        return f"Activation({self.name!r}{extra})"


class PReLU(Layer):
    """Leaky ReLU whose negative slope α is learned: ``y = z`` for z > 0, ``α z`` otherwise.

    ∂L/∂z = ∂L/∂y ⊙ (1 if z > 0 else α)   (α at z = 0, as in PyTorch), and
    ∂L/∂α = Σ ∂L/∂y ⊙ min(z, 0): summed over the batch, and over the units when α is shared.
    ``n_units=None`` learns one α for the whole layer; an int learns one α per unit.
    """

    name = "prelu"

    def __init__(self, n_units: int | None = None, *, alpha: float = 0.25) -> None:
        size = 1 if n_units is None else check_count(n_units, "n_units")
        if isinstance(alpha, bool) or not isinstance(alpha, Real):
            raise TypeError(f"alpha must be a number, got {type(alpha).__name__}")
        if not np.isfinite(alpha):
            raise ValueError(f"alpha must be a finite number, got {alpha!r}")
        self.alpha = np.full(size, float(alpha))
        self.grad_alpha = np.zeros_like(self.alpha)
        self._z: np.ndarray | None = None

    def forward(self, x: Any) -> np.ndarray:
        z = as_float_array(x, "x")
        self._z = z if self.alpha.size == 1 else _batch(z, self.alpha.size, "x", "n_units")
        return np.where(self._z > 0, self._z, self.alpha * self._z)

    def backward(self, grad_y: np.ndarray, *, input_grad: bool = True) -> np.ndarray | None:
        z = self._cached("_z")
        per_unit = np.sum(grad_y * np.minimum(z, 0.0), axis=0)
        self.grad_alpha[...] = per_unit.sum(keepdims=True) if self.alpha.size == 1 else per_unit
        return grad_y * np.where(z > 0, 1.0, self.alpha) if input_grad else None

    def params(self) -> dict[str, np.ndarray]:
        return {"alpha": self.alpha}

    def grads(self) -> dict[str, np.ndarray]:
        return {"alpha": self.grad_alpha}

    def __repr__(self) -> str:
        return f"PReLU(n_alpha={self.alpha.size})"


class Maxout(Layer):
    """Maxout unit: the largest of k affine pieces, ``y_j = maxᵢ (x Wᵢ + bᵢ)_j``.

    W has shape (k, n_in, n_out), b shape (k, n_out). The max passes the gradient to the winning
    piece only: ∂L/∂zᵢ = ∂L/∂y where piece i won, 0 elsewhere; then each piece is a Dense layer.
    Ties go to the lowest piece index (``np.argmax``), so exactly one piece gets the gradient.
    """

    name = "maxout"

    def __init__(
        self, n_in: int, n_out: int, k: int = 2, *, init: str = "glorot", rng: Any = None
    ) -> None:
        self.n_in = check_count(n_in, "n_in")
        self.n_out = check_count(n_out, "n_out")
        self.k = check_count(k, "k")
        if init not in INITIALISERS:
            raise ValueError(f"init must be one of {sorted(INITIALISERS)}, got {init!r}")
        generator = np.random.default_rng(rng)
        self.W = np.stack([INITIALISERS[init](n_in, n_out, generator) for _ in range(self.k)])
        self.b = np.zeros((self.k, self.n_out))
        self.grad_W = np.zeros_like(self.W)
        self.grad_b = np.zeros_like(self.b)
        self._x: np.ndarray | None = None

    def forward(self, x: Any) -> np.ndarray:
        self._x = _batch(x, self.n_in)
        pieces = self._x @ self.W + self.b[:, None, :]  # (k, batch, n_out)
        self._winner = np.argmax(pieces, axis=0)
        return np.take_along_axis(pieces, self._winner[None], axis=0)[0]

    def backward(self, grad_y: np.ndarray, *, input_grad: bool = True) -> np.ndarray | None:
        x = self._cached("_x")
        grad_y = _batch(grad_y, self.n_out, "grad_y", "n_out")
        grad_pieces = np.where(np.arange(self.k)[:, None, None] == self._winner, grad_y, 0.0)
        np.matmul(x.T, grad_pieces, out=self.grad_W)
        np.sum(grad_pieces, axis=1, out=self.grad_b)
        return np.einsum("kbo,kio->bi", grad_pieces, self.W) if input_grad else None

    def params(self) -> dict[str, np.ndarray]:
        return {"W": self.W, "b": self.b}

    def grads(self) -> dict[str, np.ndarray]:
        return {"W": self.grad_W, "b": self.grad_b}

    def __repr__(self) -> str:
        return f"Maxout({self.n_in}→{self.n_out}, k={self.k})"


class Sequential(Layer):
    """Layers applied one after another; backward visits them in reverse (the chain rule).

    ``forward(x, record=True)`` keeps every layer's output in ``self.outputs`` (aligned with
    ``self.layers``) for histograms and dead-unit counts. Parameter names are "<index>.<name>",
    e.g. "0.W", "0.b", "2.W".
    """

    name = "sequential"

    def __init__(self, *layers: Layer) -> None:
        if not layers:
            raise ValueError("layers must not be empty: Sequential needs at least one layer")
        for index, layer in enumerate(layers):
            if not (callable(getattr(layer, "forward", None)) and hasattr(layer, "backward")):
                raise TypeError(
                    f"layers[{index}] must be a layer with forward/backward, "
                    f"got {type(layer).__name__}"
                )
        self.layers = list(layers)
        self.outputs: list[np.ndarray] = []

    def forward(self, x: Any, record: bool = False) -> np.ndarray:
        outputs = []
        for layer in self.layers:
            x = layer.forward(x)
            outputs.append(x)
        if record:
            self.outputs = outputs
        return x

    def backward(self, grad_y: np.ndarray, *, input_grad: bool = True) -> np.ndarray | None:
        """Training passes ``input_grad=False``: the first layer then skips ∂L/∂x, a
        (batch × n_out)·(n_out × n_in) product that nothing uses."""
        grad = grad_y
        for index in range(len(self.layers) - 1, 0, -1):
            grad = self.layers[index].backward(grad)
        if input_grad:
            return self.layers[0].backward(grad)
        return self.layers[0].backward(grad, input_grad=False)

    def params(self) -> dict[str, np.ndarray]:
        return {
            f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.params().items()
        }

    def grads(self) -> dict[str, np.ndarray]:
        return {
            f"{i}.{k}": v for i, layer in enumerate(self.layers) for k, v in layer.grads().items()
        }

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index: int) -> Layer:
        return self.layers[index]

    def __repr__(self) -> str:
        return "Sequential(\n" + "".join(f"  {layer!r},\n" for layer in self.layers) + ")"


def mlp(
    sizes: list[int] | tuple[int, ...],
    activation: str | ActivationFunction = "relu",
    *,
    init: str | None = None,
    rng: Any = None,
) -> Sequential:
    """A multilayer perceptron: Dense, activation, …, Dense — the last layer outputs logits.

    ``mlp([2, 16, 16, 1], "tanh", rng=0)``. ``init`` defaults to the initialiser the registry
    gives the activation (``initialisation_for``: He for the ReLU family and the smooth gates,
    Glorot for sigmoid and tanh, LeCun for SELU); one generator seeds all layers, so the whole
    network is reproducible.
    """
    if len(sizes) < 2:
        raise ValueError(f"sizes must list at least an input and an output size, got {sizes!r}")
    entry = lookup(activation)
    if init is None:
        init = initialisation_for(entry)
    generator = np.random.default_rng(rng)
    layers: list[Layer] = []
    for index, (n_in, n_out) in enumerate(pairwise(sizes)):
        layers.append(Dense(n_in, n_out, init=init, rng=generator))
        if index < len(sizes) - 2:
            layers.append(Activation(entry))
    return Sequential(*layers)
