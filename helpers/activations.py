"""Activation functions, their derivatives, and the registry every chapter draws from.

A neuron computes z = Σ wᵢxᵢ + b and passes on a = f(z). Each f below comes with
``f_derivative`` = f′(z), the factor backpropagation multiplies the upstream gradient by.

Shared promises (tested in tests/test_activations.py against 200-bit mpmath references):

- Any float64 input works, ±inf included, without a RuntimeWarning; NaN in gives NaN out.
  Lists, ints and 0-d inputs work (0-d in, float64 scalar out; see ``helpers._arrays``).
- Values are within a few units in the last place (ULP) of the exact result wherever the
  function is well-conditioned: never exponentiate a large positive number, use
  ``log1p``/``expm1`` near 0, and never subtract nearly equal numbers.
- At a kink the derivative follows PyTorch: ReLU′(0) = 0, Leaky/PReLU′(0) = α, ELU′(0) = α,
  ReLU6′ = 0 at 0 and 6, hard-sigmoid′ = 0 at ±3, hard-swish′(−3) = 0 and hard-swish′(3) = 1.

softmax, log_softmax and softmax_jacobian map vectors to vectors; they live in
``helpers.softmax`` and are re-exported here.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from helpers._arrays import as_float_array, check_param, elementwise
from helpers.softmax import log_softmax, softmax, softmax_jacobian

__all__ = [
    "ACTIVATIONS", "COLOURS", "INIT_REASONS", "SELU_ALPHA", "SELU_LAMBDA", "ActivationFunction",
    "elu", "elu_derivative", "gelu", "gelu_derivative", "hard_sigmoid",
    "hard_sigmoid_derivative", "hard_swish", "hard_swish_derivative", "identity",
    "identity_derivative", "initialisation_for", "leaky_relu", "leaky_relu_derivative",
    "log_sigmoid", "log_sigmoid_derivative", "log_softmax", "lookup", "mish", "mish_derivative",
    "prelu", "prelu_derivative", "relu", "relu6", "relu6_derivative", "relu_derivative", "selu",
    "selu_derivative", "sigmoid", "sigmoid_derivative", "silu", "silu_derivative", "softmax",
    "softmax_jacobian", "softplus", "softplus_derivative", "tanh", "tanh_derivative",
]  # fmt: skip

SELU_ALPHA = 1.6732632423543772  # α and λ from Klambauer et al. (2017), as PyTorch uses them
SELU_LAMBDA = 1.0507009873554805
_SQRT_HALF = math.sqrt(0.5)
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_CUBIC = 0.044715
_GELU_FLAT = 40.0  # beyond |x| = 40, GELU's gate Φ(x) is exactly 0 or 1 in float64 (either form)
_HUGE = np.finfo(np.float64).max


def _gated(x: np.ndarray, gate: np.ndarray) -> np.ndarray:
    """x·gate for a gate that tends to 0 as x → −∞ (σ(x), Φ(x), ...), computed in place in gate.

    At x = −inf the gate is exactly 0 and IEEE arithmetic gives (−inf)·0 = NaN with a warning,
    while the limit is 0: the most negative finite float stands in for −inf.
    """
    if (x == -np.inf).any():  # checked first: the rare fix-up would cost every call a copy of x
        x = np.maximum(x, -_HUGE)
    return np.multiply(x, gate, out=gate)


def _finite(x: np.ndarray) -> np.ndarray:
    """x with ±inf replaced by ±(largest float), for products whose other factor is 0 there."""
    return np.clip(x, -_HUGE, _HUGE)


def _pieces(x: np.ndarray, conditions: list[np.ndarray], values: list[Any]) -> np.ndarray:
    """Piecewise definition; the conditions cover every number, so only NaN falls through."""
    return np.select(conditions, values, np.nan)


@elementwise
def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1/(1 + e^{−x}): squashes ℝ into (0, 1), so it can be read as a probability.

    e^{−x} overflows for x < −709, so split on the sign and exponentiate only −|x| ≤ 0:
    σ(x) = 1/(1 + e^{−x}) for x ≥ 0 and eˣ/(1 + eˣ) for x < 0 (top and bottom times eˣ).
    Both halves at once, with no branch: σ(x) = e^{min(x, 0)} / (1 + e^{−|x|}).
    """
    # Step by step in place (out=): sigmoid is the course's workhorse, and every temporary array
    # avoided saves a pass over memory (see benchmarks/activations.py).
    numerator = np.minimum(x, 0.0)
    np.exp(numerator, out=numerator)
    denominator = np.abs(x)
    np.negative(denominator, out=denominator)
    np.exp(denominator, out=denominator)
    denominator += 1.0
    return np.divide(numerator, denominator, out=numerator)


@elementwise
def sigmoid_derivative(x: np.ndarray) -> np.ndarray:
    """σ′(x) = σ(x)·σ(−x). (The same as σ(1 − σ), but 1 − σ rounds to 0 for x > 37.)"""
    return sigmoid(x) * sigmoid(-x)


def _log1p_exp_minus_abs(x: np.ndarray) -> np.ndarray:
    """log(1 + e^{−|x|}) ∈ (0, log 2], computed in place in one new array."""
    result = np.abs(x)
    np.negative(result, out=result)
    np.exp(result, out=result)
    return np.log1p(result, out=result)


@elementwise
def log_sigmoid(x: np.ndarray) -> np.ndarray:
    """log σ(x) = −softplus(−x) = min(x, 0) − log(1 + e^{−|x|}): never log of 0, never overflow."""
    result = _log1p_exp_minus_abs(x)
    return np.subtract(np.minimum(x, 0.0), result, out=result)


@elementwise
def log_sigmoid_derivative(x: np.ndarray) -> np.ndarray:
    """d/dx log σ(x) = σ′(x)/σ(x) = σ(−x)."""
    return sigmoid(-x)


@elementwise
def tanh(x: np.ndarray) -> np.ndarray:
    """tanh(x) = (eˣ − e^{−x})/(eˣ + e^{−x}) = 2σ(2x) − 1: a zero-centred sigmoid, range (−1, 1)."""
    return np.tanh(x)


@elementwise
def tanh_derivative(x: np.ndarray) -> np.ndarray:
    """tanh′(x) = 1 − tanh²(x) = 4σ(2x)σ(−2x) = 4t/(1 + t)² with t = e^(−2|x|) ≤ 1: the last
    form keeps the tails that 1 − tanh² rounds to 0 past |x| ≈ 19, never overflows (t underflows
    to 0, and tanh′ with it, past |x| ≈ 373), and costs one exponential — backprop calls it on
    every tanh layer. |x| is capped at 400 (where tanh′ is 0 already) so that 2|x| cannot overflow.
    """
    t = np.exp(-2.0 * np.minimum(np.abs(x), 400.0))
    return 4.0 * t / (1.0 + t) ** 2


@elementwise
def relu(x: np.ndarray) -> np.ndarray:
    """ReLU(x) = max(0, x): the identity for positive inputs, silence for negative ones."""
    return np.maximum(x, 0.0)


@elementwise
def relu_derivative(x: np.ndarray) -> np.ndarray:
    """1 for x > 0 and 0 for x ≤ 0 (0 at the kink, as in PyTorch)."""
    # Backprop calls this on every ReLU layer, so it is written for speed: a comparison cast to
    # float is ~10× faster than np.heaviside or np.select; NaN (where x > 0 is False) is put
    # back only when there is any.
    slope = (x > 0).astype(np.float64)
    nan = np.isnan(x)
    if nan.any():
        slope[nan] = np.nan
    return slope


def _leaky(x: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """x for x > 0 and αx otherwise, for α a float or an array that broadcasts against x."""
    if np.all(alpha > 0) and np.all(alpha <= 1):
        # For 0 < α ≤ 1 this is max(x, αx): two fast passes over memory, no masks.
        scaled = np.multiply(x, alpha)
        return np.maximum(x, scaled, out=scaled)
    # α = 0 gives 0·(±inf) = NaN, which np.where replaces by 0; for |α| > 1, αx may exceed the
    # largest float, and ±inf is then the correctly rounded result.
    with np.errstate(invalid="ignore", over="ignore"):
        negative_side = np.where(alpha == 0, 0.0, alpha * x)
    return _pieces(x, [x > 0, x <= 0], [x, negative_side])


@elementwise
def leaky_relu(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    """Leaky ReLU: x for x > 0, αx otherwise; the small slope α keeps negative units learning."""
    return _leaky(x, check_param(alpha, "alpha"))


@elementwise
def leaky_relu_derivative(x: np.ndarray, alpha: float = 0.01) -> np.ndarray:
    """1 for x > 0 and α for x ≤ 0 (α at the kink, as in PyTorch)."""
    return _pieces(x, [x > 0, x <= 0], [1.0, check_param(alpha, "alpha")])


def _prelu_alpha(alpha: Any, x: np.ndarray) -> float | np.ndarray:
    slopes = as_float_array(alpha, "alpha")
    if not np.all(np.isfinite(slopes)):
        raise ValueError("alpha must be finite")
    try:
        fits = np.broadcast_shapes(slopes.shape, x.shape) == x.shape
    except ValueError:
        fits = False
    if not fits:
        raise ValueError(f"alpha must broadcast to the shape of x {x.shape}, got {slopes.shape}")
    return float(slopes) if slopes.ndim == 0 else slopes


@elementwise
def prelu(x: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """PReLU: leaky ReLU whose slope α is learned. α is a number, or an array broadcasting
    against x (NumPy rules: shape (C,) gives one α per feature on the last axis; for channels-first
    images pass α[:, None, None]). The gradient with respect to α belongs to the layer (helpers.nn).
    """
    return _leaky(x, _prelu_alpha(alpha, x))


@elementwise
def prelu_derivative(x: np.ndarray, alpha: float | np.ndarray) -> np.ndarray:
    """∂PReLU/∂x: 1 for x > 0 and α for x ≤ 0 (α at the kink, as in PyTorch)."""
    return _pieces(x, [x > 0, x <= 0], [1.0, _prelu_alpha(alpha, x)])


@elementwise
def elu(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """ELU: x for x > 0, α(eˣ − 1) otherwise, saturating smoothly at −α.

    expm1(x) = eˣ − 1 without the cancellation near 0, and only ever of min(x, 0) ≤ 0.
    """
    alpha = check_param(alpha, "alpha", positive=True)
    # max(x, 0) + α·expm1(min(x, 0)): one term is always exactly 0, and there is no branch
    # (np.where over mixed signs is several times slower).
    result = np.minimum(x, 0.0)
    np.expm1(result, out=result)
    result *= alpha
    result += np.maximum(x, 0.0)
    return result


@elementwise
def elu_derivative(x: np.ndarray, alpha: float = 1.0) -> np.ndarray:
    """1 for x > 0, αeˣ for x ≤ 0 (α at the kink, as in PyTorch)."""
    alpha = check_param(alpha, "alpha", positive=True)
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


@elementwise
def selu(x: np.ndarray) -> np.ndarray:
    """SELU(x) = λ·ELU(x, α) with the α, λ that keep activations near mean 0 and variance 1."""
    with np.errstate(over="ignore"):  # λx > largest float for x > 1.7e308: inf is correct
        return SELU_LAMBDA * elu(x, SELU_ALPHA)


@elementwise
def selu_derivative(x: np.ndarray) -> np.ndarray:
    """λ for x > 0, λαeˣ for x ≤ 0 (λα at the kink, following ELU)."""
    return SELU_LAMBDA * elu_derivative(x, SELU_ALPHA)


@elementwise
def softplus(x: np.ndarray) -> np.ndarray:
    """softplus(x) = log(1 + eˣ) = max(x, 0) + log(1 + e^{−|x|}), a smooth ReLU; never overflows."""
    result = _log1p_exp_minus_abs(x)
    result += np.maximum(x, 0.0)
    return result


@elementwise
def softplus_derivative(x: np.ndarray) -> np.ndarray:
    """softplus′(x) = eˣ/(1 + eˣ) = σ(x)."""
    return sigmoid(x)


def _check_approximate(approximate: Any) -> None:
    if approximate not in ("none", "tanh"):
        raise ValueError(f"approximate must be 'none' or 'tanh', got {approximate!r}")


@elementwise
def gelu(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    """GELU(x) = x·Φ(x), Φ the standard normal CDF: the input, weighted by how likely it is to be
    positive. Φ(x) = ½·erfc(−x/√2) (not ½(1 + erf), which rounds to 0 below x ≈ −8).

    approximate="tanh": the older form ½x(1 + tanh u) = x·σ(2u), u = √(2/π)(x + 0.044715x³).
    """
    _check_approximate(approximate)
    if approximate == "none":
        from scipy.special import erfc  # here, not at the top: only GELU needs scipy (0.3 s)

        gate = np.multiply(x, -_SQRT_HALF)
        erfc(gate, out=gate)
        gate *= 0.5
        return _gated(x, gate)
    flat = np.clip(x, -_GELU_FLAT, _GELU_FLAT)  # x³ would overflow past 5e102; σ(2u) is flat
    two_u = flat * flat  # 2u = x·(2c + 2c·0.044715·x²), c = √(2/π), in place (x**3 is slow)
    two_u *= 2.0 * _SQRT_2_OVER_PI * _GELU_CUBIC
    two_u += 2.0 * _SQRT_2_OVER_PI
    two_u *= flat
    return _gated(x, sigmoid(two_u))


@elementwise
def gelu_derivative(x: np.ndarray, approximate: str = "none") -> np.ndarray:
    """GELU′(x) = Φ(x) + xφ(x), φ(x) = e^{−x²/2}/√(2π) the normal density.

    Tanh form: σ(2u) + x·2u′·σ(2u)σ(−2u), u′ = √(2/π)(1 + 3·0.044715x²). Beyond |x| = 40 both
    are exactly 0 or 1 in float64, so x is clipped there, before x² or x³ can overflow.
    """
    _check_approximate(approximate)
    x = np.clip(x, -_GELU_FLAT, _GELU_FLAT)
    if approximate == "none":
        from scipy.special import erfc  # as in gelu

        return 0.5 * erfc(-x * _SQRT_HALF) + x * _INV_SQRT_2PI * np.exp(-0.5 * x * x)
    u = _SQRT_2_OVER_PI * (x + _GELU_CUBIC * x * x * x)
    du = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_CUBIC * x * x)
    return sigmoid(2.0 * u) + 2.0 * x * du * sigmoid(2.0 * u) * sigmoid(-2.0 * u)


@elementwise
def silu(x: np.ndarray) -> np.ndarray:
    """SiLU (Swish) x·σ(x): the input, weighted by its own sigmoid."""
    return _gated(x, sigmoid(x))


@elementwise
def silu_derivative(x: np.ndarray) -> np.ndarray:
    """SiLU′(x) = σ(x) + xσ(x)σ(−x) = σ(x)(1 + xσ(−x))."""
    return sigmoid(x) * (1.0 + _finite(x) * sigmoid(-x))


@elementwise
def mish(x: np.ndarray) -> np.ndarray:
    """Mish(x) = x·tanh(softplus(x)): like SiLU, a smooth, slightly non-monotonic gate.

    Computed as written: softplus is exact to the last bit or so, and tanh does not amplify errors
    (its condition number s·tanh′(s)/tanh(s) is at most 1).
    """
    gate = softplus(x)
    np.tanh(gate, out=gate)
    return _gated(x, gate)


@elementwise
def mish_derivative(x: np.ndarray) -> np.ndarray:
    """Mish′(x) = tanh(softplus(x)) + x·sech²(softplus(x))·σ(x) (product and chain rules).

    1 − tanh² would lose sech² to rounding for x > 10, so both terms are written as ratios of
    p = e^{min(x, 0)} and q = e^{−max(x, 0)} (one of them is 1, the other e^{−|x|}, so nothing
    overflows). With eˣ = p/q and e^{softplus(x)} = 1 + eˣ:

        tanh(softplus) = p(p + 2q) / D,   sech²(softplus)·σ = 4pq²(p + q) / D²,
        D = p(p + 2q) + 2q².
    """
    p = np.exp(np.minimum(x, 0.0))
    q = np.exp(-np.maximum(x, 0.0))
    top = p * (p + 2.0 * q)
    denominator = top + 2.0 * q * q
    slope = 4.0 * p * q * q * (p + q) / (denominator * denominator)
    return top / denominator + _finite(x) * slope


@elementwise
def relu6(x: np.ndarray) -> np.ndarray:
    """ReLU6(x) = min(max(0, x), 6): a ReLU capped at 6, so activations fit 8-bit fixed point."""
    return np.clip(x, 0.0, 6.0)


@elementwise
def relu6_derivative(x: np.ndarray) -> np.ndarray:
    """1 for 0 < x < 6, else 0 (0 at both kinks, as in PyTorch)."""
    return _pieces(x, [x <= 0, x < 6, x >= 6], [0.0, 1.0, 0.0])


@elementwise
def hard_sigmoid(x: np.ndarray) -> np.ndarray:
    """ReLU6(x + 3)/6: a piecewise-linear sigmoid, 0 below −3, 1 above 3, cheap on phones."""
    result = x + 3.0  # exact near x = −3, so the small outputs there keep their precision
    np.clip(result, 0.0, 6.0, out=result)
    return np.divide(result, 6.0, out=result)


@elementwise
def hard_sigmoid_derivative(x: np.ndarray) -> np.ndarray:
    """1/6 for −3 < x < 3, else 0 (0 at ±3, as in PyTorch)."""
    return _pieces(x, [x <= -3, x < 3, x >= 3], [0.0, 1.0 / 6.0, 0.0])


@elementwise
def hard_swish(x: np.ndarray) -> np.ndarray:
    """x·ReLU6(x + 3)/6 = x·hard_sigmoid(x): MobileNetV3's cheap stand-in for SiLU."""
    return _gated(x, hard_sigmoid(x))


@elementwise
def hard_swish_derivative(x: np.ndarray) -> np.ndarray:
    """0 for x ≤ −3, (2x + 3)/6 for −3 < x < 3, 1 for x ≥ 3 (0 at −3 and 1 at 3, as in PyTorch)."""
    middle = (2.0 * np.clip(x, -3.0, 3.0) + 3.0) / 6.0  # clipped: 2x overflows for x > 9e307
    return _pieces(x, [x <= -3, x < 3, x >= 3], [0.0, middle, 1.0])


@elementwise
def identity(x: np.ndarray) -> np.ndarray:
    """f(x) = x, the "no activation" of a linear (regression) output layer. Returns a copy."""
    return x.copy()


@elementwise
def identity_derivative(x: np.ndarray) -> np.ndarray:
    """1 everywhere (NaN stays NaN)."""
    return _pieces(x, [~np.isnan(x)], [1.0])


# One colour per activation, used by every figure in the course: the Okabe–Ito palette (Okabe & Ito
# 2008) plus Paul Tol's "muted" scheme, both designed to survive the common colour-vision
# deficiencies. Related functions share a hue family and differ in line style.
COLOURS: dict[str, str] = {
    "sigmoid": "#0072B2", "log_sigmoid": "#56B4E9", "tanh": "#D55E00", "relu": "#009E73",
    "leaky_relu": "#117733", "prelu": "#44AA99", "elu": "#CC79A7", "selu": "#AA4499",
    "softplus": "#E69F00", "gelu": "#332288", "silu": "#882255", "mish": "#CC6677",
    "relu6": "#999933", "hard_sigmoid": "#88CCEE", "hard_swish": "#DDCC77", "identity": "#000000",
    "softmax": "#BB5566", "maxout": "#777777",
}  # fmt: skip


# Why an activation wants the initialiser the registry gives it (``ActivationFunction.init``).
INIT_REASONS: dict[str, str] = {
    "he": "He et al. (2015): the slope is about 1 on one side of 0 and about 0 on the other, so "
          "f keeps about half of a zero-mean input's second moment; weights of variance 2/n_in "
          "make up for the half that is lost in every layer",
    "glorot": "Glorot & Bengio (2010): f is close to linear near 0 with slope at most 1, so "
              "weights of variance 2/(n_in + n_out) keep the forward signal and the backward "
              "gradient about the same size from layer to layer",
    "lecun": "Klambauer et al. (2017): SELU's self-normalising fixed point (mean 0, variance 1) "
             "is derived for weights of variance 1/n_in",
}  # fmt: skip


@dataclass(frozen=True)
class ActivationFunction:
    """An activation function with its derivative and the facts the course states about it.

    The registry ``ACTIVATIONS`` holds one per name, and is the one place these facts live:

    - ``params``: the defaults; ``f(x, alpha=0.1)`` and ``f.grad(x)`` override or use them.
    - ``output_range``: the closure of f's image with the default parameters; ``range_closed``
      says which finite ends f attains (ReLU reaches 0, the sigmoid never reaches 0 or 1), and
      ``interval`` writes it with brackets, "[0, ∞)". ``bounded``: both ends finite.
    - ``zero_centred``: the mean output for a standard-normal input is 0 (|E f(z)| < 0.01 for
      z ~ N(0, 1)): true of tanh and SELU, not of ReLU (0.40), ELU (0.16) or GELU (0.28).
    - ``smooth``: f′ is continuous; ``monotonic``: f never decreases.
    - ``kinks``: the x where f′ jumps (for some value of the parameters): a centred difference
      straddling one averages the two slopes, so numerical checks stay away from them.
    - ``init``: the weight initialiser f wants — "he", "glorot" or "lecun" — and
      ``init_reason`` why (``INIT_REASONS``); ``nn.mlp`` and ``compare`` both use it.
    """

    name: str
    label: str
    forward: Callable[..., Any]
    derivative: Callable[..., Any]
    params: dict[str, Any] = field(hash=False)
    output_range: tuple[float, float]
    range_closed: tuple[bool, bool]
    zero_centred: bool
    smooth: bool
    monotonic: bool
    kinks: tuple[float, ...]
    init: str
    formula: str
    colour: str
    linestyle: str

    def __call__(self, x: Any, **params: Any) -> Any:
        return self.forward(x, **{**self.params, **params})

    def grad(self, x: Any, **params: Any) -> Any:
        return self.derivative(x, **{**self.params, **params})

    @property
    def bounded(self) -> bool:
        return all(math.isfinite(end) for end in self.output_range)

    @property
    def init_reason(self) -> str:
        return INIT_REASONS[self.init]

    @property
    def interval(self) -> str:
        """``output_range`` with brackets: "[0, 6]", "(0, 1)", "[-0.17, ∞)"."""
        (low, high), (low_in, high_in) = self.output_range, self.range_closed
        ends = [f"{end:g}".replace("inf", "∞") for end in (low, high)]
        return f"{'[' if low_in else '('}{ends[0]}, {ends[1]}{']' if high_in else ')'}"


_INF = math.inf
_OPEN, _CLOSED, _LOW_CLOSED = (False, False), (True, True), (True, False)
# fmt: off
_TABLE = [  # forward, derivative, label, params, output range, which ends f attains,
    #         zero-centred, smooth, monotonic, kinks, initialiser, formula (mathtext), line style
    (sigmoid, sigmoid_derivative, "Sigmoid", {}, (0.0, 1.0), _OPEN,
     False, True, True, (), "glorot", r"\frac{1}{1 + e^{-x}}", "-"),
    (log_sigmoid, log_sigmoid_derivative, "Log-sigmoid", {}, (-_INF, 0.0), _OPEN,
     False, True, True, (), "he", r"-\log(1 + e^{-x})", "-."),
    (tanh, tanh_derivative, "Tanh", {}, (-1.0, 1.0), _OPEN,
     True, True, True, (), "glorot", r"\frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}", "-"),
    (relu, relu_derivative, "ReLU", {}, (0.0, _INF), _LOW_CLOSED,
     False, False, True, (0.0,), "he", r"\max(0, x)", "-"),
    (leaky_relu, leaky_relu_derivative, "Leaky ReLU", {"alpha": 0.01}, (-_INF, _INF), _OPEN,
     False, False, True, (0.0,), "he", r"\max(0, x) + \alpha\,\min(0, x)", "-."),
    (prelu, prelu_derivative, "PReLU", {"alpha": 0.25}, (-_INF, _INF), _OPEN,
     False, False, True, (0.0,), "he",
     r"\max(0, x) + \alpha\,\min(0, x),\ \alpha\ \mathrm{learned}", "-"),
    (elu, elu_derivative, "ELU", {"alpha": 1.0}, (-1.0, _INF), _OPEN,
     False, True, True, (0.0,), "he", r"x\ (x > 0),\ \alpha(e^{x} - 1)\ (x \leq 0)", "-"),
    (selu, selu_derivative, "SELU", {}, (-SELU_LAMBDA * SELU_ALPHA, _INF), _OPEN,
     True, False, True, (0.0,), "lecun", r"\lambda\,\mathrm{ELU}_{\alpha}(x)", "-."),
    (softplus, softplus_derivative, "Softplus", {}, (0.0, _INF), _OPEN,
     False, True, True, (), "he", r"\log(1 + e^{x})", "-"),
    (gelu, gelu_derivative, "GELU", {"approximate": "none"}, (-0.17, _INF), _LOW_CLOSED,
     False, True, False, (), "he", r"x\,\Phi(x)", "-"),
    (silu, silu_derivative, "SiLU (Swish)", {}, (-0.2785, _INF), _LOW_CLOSED,
     False, True, False, (), "he", r"x\,\sigma(x)", "-"),
    (mish, mish_derivative, "Mish", {}, (-0.3089, _INF), _LOW_CLOSED,
     False, True, False, (), "he", r"x\,\tanh(\mathrm{softplus}(x))", "-"),
    (relu6, relu6_derivative, "ReLU6", {}, (0.0, 6.0), _CLOSED,
     False, False, True, (0.0, 6.0), "he", r"\min(\max(0, x), 6)", "-"),
    (hard_sigmoid, hard_sigmoid_derivative, "Hard sigmoid", {}, (0.0, 1.0), _CLOSED,
     False, False, True, (-3.0, 3.0), "glorot", r"\mathrm{ReLU6}(x + 3)\,/\,6", "-."),
    (hard_swish, hard_swish_derivative, "Hard swish", {}, (-0.375, _INF), _LOW_CLOSED,
     False, False, False, (-3.0, 3.0), "he", r"x\,\mathrm{ReLU6}(x + 3)\,/\,6", "-"),
    (identity, identity_derivative, "Identity", {}, (-_INF, _INF), _OPEN,
     True, True, True, (), "glorot", r"x", ":"),
]
# fmt: on


def _entry(
    forward: Callable[..., Any],
    derivative: Callable[..., Any],
    label: str,
    params: dict[str, Any],
    *facts: Any,
) -> ActivationFunction:
    *measured, formula, style = facts  # range, closed ends, centred, smooth, monotonic, kinks, init
    name = forward.__name__
    return ActivationFunction(
        name, label, forward, derivative, params, *measured, formula, COLOURS[name], style
    )


#: Every elementwise activation by name, in the order the course meets them.
ACTIVATIONS: dict[str, ActivationFunction] = {row[0].__name__: _entry(*row) for row in _TABLE}


def lookup(activation: str | ActivationFunction) -> ActivationFunction:
    """The registry entry for a name such as "relu", or an entry passed as it is.

    The one place an unknown name is reported: the error lists every name the course knows.
    An object of your own works wherever an entry does if it has ``forward`` and ``derivative``.
    """
    if isinstance(activation, str):
        if activation not in ACTIVATIONS:
            raise ValueError(
                f"activation must be one of {', '.join(ACTIVATIONS)}; got {activation!r}"
            )
        return ACTIVATIONS[activation]
    if callable(getattr(activation, "forward", None)) and callable(
        getattr(activation, "derivative", None)
    ):
        return activation
    raise TypeError(
        "activation must be a name such as 'relu' or an entry of ACTIVATIONS, "
        f"got {type(activation).__name__}"
    )


def initialisation_for(activation: str | ActivationFunction) -> str:
    """The weight initialiser an activation wants: the registry's ``init``, which ``nn.mlp`` uses.

    "he" (variance 2/n_in) for the activations that pass about half of a zero-mean input — the
    ReLU family, ELU, softplus, log-sigmoid and the smooth gates GELU, SiLU, Mish, hard swish;
    "glorot" (variance 2/(n_in + n_out)) for the sigmoid, tanh, hard sigmoid and identity, close
    to linear near 0 with slope at most 1; "lecun" (variance 1/n_in) for SELU.
    ``lookup(name).init_reason`` says why for each.
    """
    return lookup(activation).init


def __getattr__(name: str) -> Any:
    """Old names, kept so that notebooks saved with an earlier version keep working."""
    if name == "Activation":
        warnings.warn(
            "helpers.activations.Activation is now ActivationFunction (helpers.nn.Activation "
            "is the layer)",
            DeprecationWarning,
            stacklevel=2,
        )
        return ActivationFunction
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
