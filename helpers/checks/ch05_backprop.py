"""Checks for chapter 05, "Backpropagation": one example per row, ``y = x @ W + b`` with W of
shape (n_in, n_out), and a *mean* loss, so the 1/N enters once, in δ = (softmax(z) − y)/N, and
every later sum over the batch (∂L/∂W = xᵀδ, ∂L/∂b = Σₙ δ) is a plain sum. The catalogues name
the classic mistakes: a missing or extra transpose, a missing or doubled 1/N, a missing f′(z).

Exercise 4 (diagnose) is ``fixed_backward(params, cache, delta3)``: the chapter shows a colleague's
backward pass of the 2-hidden-layer tanh network with two planted bugs (δ1 takes tanh′ at Z2,
and ∂L/∂W2 multiplies δ2 by Z1 instead of A1), and a per-tensor gradient check that locates them;
the learner returns the six right gradients. Half fixes and plausible wrong fixes are named."""

from functools import partial
from typing import Any

import numpy as np

from helpers.activations import softmax, tanh, tanh_derivative
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.i18n import tr
from helpers.nn import Activation, Dense, Sequential, SoftmaxCrossEntropy

from ._runner import Case, Check, Exercise, Mistake

__all__ = [
    "check_backprop_one_hidden",
    "check_dense_backward",
    "check_fixed_backward",
    "check_softmax_ce_delta",
]

_SHAPE_RULE = (
    "a gradient has the shape of what it differentiates: ∂L/∂W is W-shaped (n_in, n_out), and "
    "the only product of x (N, n_in) and δ (N, n_out) with that shape is x.T @ δ."
)
_TRANSPOSE_HINT = (
    "a shape error in a matrix product usually means a missing or extra transpose: "
    "∂L/∂x = dy @ W.T and ∂L/∂W = x.T @ dy."
)
_STABLE = "subtract each row's max before exp (or use helpers.activations.softmax)."
_OVERFLOW = "an overflow means an unstable formula: " + _STABLE
_SUM_NOT_MEAN = "the 1/N is already inside the incoming gradient (the loss put it there): sum."


def _agreement(error: float) -> str:
    # Errors of 1e-10 are rounding noise whose digits vary between machines: report a bound.
    if error < 1e-8:
        return tr("to better than 1e-8")
    return tr("to {error} only", error=f"{error:.0e}")


def _transposed(got: Any, right: Any, labels: Any) -> str | None:
    """The first item of ``got`` whose shape is that of the same item of ``right``, reversed."""
    for item, expected, label in zip(got, right, labels, strict=False):
        shape, want = np.shape(item), np.shape(expected)
        if len(want) == 2 and shape == want[::-1] != want:
            return tr(
                "{label} has shape {shape}, the transpose of {want}",
                label=label,
                shape=shape,
                want=want,
            )
    return None


# --- Exercise 1: backward of a dense layer ---------------------------------------------------


def _dense_reference(x: np.ndarray, W: np.ndarray, dy: np.ndarray) -> tuple:
    """Centred differences of L = Σ dy ⊙ (x W + b), whose gradient with respect to y is dy."""
    args = [x, W, np.zeros(W.shape[1])]

    def loss(i: int, value: np.ndarray) -> float:
        x_, W_, b_ = (value if j == i else arg for j, arg in enumerate(args))
        return float(np.sum(dy * (x_ @ W_ + b_)))

    return tuple(numerical_gradient(partial(loss, i), arg) for i, arg in enumerate(args))


def _dense_cases() -> list[Case]:
    rng, cases = np.random.default_rng(5), []
    for n, n_in, n_out in [(4, 3, 3), (5, 3, 2), (1, 4, 2)]:  # W square first: no shape error
        x, W = rng.normal(size=(n, n_in)), rng.normal(size=(n_in, n_out))
        _, dy = rng.normal(size=n_out), rng.normal(size=(n, n_out))  # a bias is drawn, unused
        shown = f"x of shape {x.shape}, W of shape {W.shape}, dy of shape {dy.shape}"
        cases.append(Case(shown, (x, W, dy)))
    return cases


# fmt: off
check_dense_backward = Check((Exercise(
    "dense_backward", _dense_reference, _dense_cases,
    [Mistake("not three arrays", "end the function with `return dx, dW, db`.",
             when=lambda got, *_: not (isinstance(got, (tuple, list)) and len(got) == 3)
             and tr("expected three arrays (dx, dW, db), got {kind}", kind=type(got).__name__),
             example=lambda x, W, dy: (dy @ W.T, x.T @ dy)),
     Mistake("dy @ W, without the transpose", "∂L/∂x = dy @ W.T: (N, n_out) @ (n_out, n_in) "
             "gives x's shape; with a square W the shapes cannot warn you.",
             lambda x, W, dy: dy @ W, part="dx"),
     Mistake("-(dy @ W.T): a sign error", "∂L/∂x = dy @ W.T, no minus.",
             lambda x, W, dy: -dy @ W.T, part="dx"),
     Mistake("dy @ W.T / N", _SUM_NOT_MEAN, lambda x, W, dy: dy @ W.T / len(x), part="dx"),
     Mistake("dy.T @ x, the transpose of ∂L/∂W", _SHAPE_RULE, lambda x, W, dy: dy.T @ x, part="dW"),
     Mistake("x.T @ dy / N, a mean over the batch", _SUM_NOT_MEAN,
             lambda x, W, dy: x.T @ dy / len(x), part="dW"),
     Mistake("-(x.T @ dy): a sign error", "∂L/∂W = x.T @ dy, no minus.",
             lambda x, W, dy: -x.T @ dy, part="dW"),
     Mistake("dy.mean(axis=0), a mean over the batch", "b is shared by every example, so its "
             "gradients add up: dy.sum(axis=0); " + _SUM_NOT_MEAN,
             lambda x, W, dy: dy.mean(axis=0), part="db"),
     Mistake("-dy.sum(axis=0): a sign error", "no minus sign.",
             lambda x, W, dy: -dy.sum(axis=0), part="db"),
     Mistake("dx and dW came back swapped", "return dx, dW, db.", when=lambda got, x, W, dy:
             np.shape(got[1]) == x.shape != W.shape == np.shape(got[0]),
             example=lambda x, W, dy: (x.T @ dy, dy @ W.T, dy.sum(axis=0))),
     Mistake("db with one entry per example", "sum over the batch axis only: dy.sum(axis=0).",
             when=lambda db, x, W, dy: np.ndim(db) > 0 and np.shape(db)[0] == len(x) != W.shape[1]
             and tr("has shape {shape}; expected ({units},), one per unit", shape=np.shape(db),
                    units=W.shape[1]),
             example=lambda x, W, dy: dy.sum(axis=1), part="db", message="{shown} {what}."),
     Mistake("a transposed gradient", _SHAPE_RULE, note=":", when=lambda got, x, W, dy:
             _transposed(got, _dense_reference(x, W, dy), ("dx", "dW", "db")),
             example=lambda x, W, dy: ((dy @ W.T).T, x.T @ dy, dy.sum(axis=0)))],
    hint=_TRANSPOSE_HINT, parts=("dx", "dW", "db"),
    part_hints={"dx": "∂L/∂x = dy @ W.T", "dW": _SHAPE_RULE, "db": "∂L/∂b = dy.sum(axis=0)"},
    rtol=1e-6, atol=1e-8),),  # the reference is finite differences
    "dx, dW and db agree with finite differences for 3 layer shapes.",
    doc="Check ``dense_backward(x, W, dy) -> (dx, dW, db)`` for ``y = x @ W + b``.")
# fmt: on


# --- Exercise 2: the output-layer error of softmax + cross-entropy ---------------------------


def _delta(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    return (softmax(logits, axis=1) - np.eye(logits.shape[1])[labels]) / len(logits)


def _delta_cases() -> list[Case]:
    rng = np.random.default_rng(6)
    z1, z2 = 2.0 * rng.normal(size=(4, 3)), rng.normal(size=(5, 2))
    z3 = np.array([[1e3, 0.0, -1e3, 10.0], [0.0, 0.0, 0.0, 0.0], [-5.0, 995.0, 2.0, 1e3]])
    pairs = [(z1, [0, 2, 1, 2]), (z2, [1, 0, 0, 1, 1]), (z3, [2, 1, 3])]  # e^1000 overflows
    return [Case(f"logits of shape {z.shape}, labels {y}", (z, np.array(y))) for z, y in pairs]


def _delta_summary(softmax_ce_delta: Any) -> str:
    logits, labels = _delta_cases()[0].args
    numeric = numerical_gradient(lambda z: SoftmaxCrossEntropy()(z, labels), logits)
    error = relative_error(softmax_ce_delta(logits.copy(), labels.copy()), numeric)
    return tr(
        "(softmax(z) − onehot(y))/N in 3 cases, including logits of ±1000 "
        "(finite differences agree {agreement}).",
        agreement=_agreement(error),
    )


# fmt: off
check_softmax_ce_delta = Check((Exercise(
    "softmax_ce_delta", _delta, _delta_cases,
    [Mistake("(onehot - softmax) / N: the sign is flipped", "∂L/∂z = (s − y)/N: a class given "
             "too much probability gets a positive δ, so gradient descent pushes its score down.",
             lambda z, y: -_delta(z, y)),
     Mistake("softmax - onehot, without the 1/N", "the loss is the mean over the N examples, so "
             "every entry of δ carries 1/N.", lambda z, y: len(z) * _delta(z, y)),
     Mistake("(softmax - onehot) / (N·k)", "divide by the number of examples N only: the loss "
             "averages over examples, not classes.", lambda z, y: _delta(z, y) / z.shape[1]),
     Mistake("(logits - onehot) / N: the softmax is missing", "turn the logits into "
             "probabilities first: s = softmax(z) along axis=1.",
             lambda z, y: (z - np.eye(z.shape[1])[y]) / len(z)),
     Mistake("softmax / N: the one-hot labels were never subtracted",
             "subtract onehot(labels), e.g. np.eye(k)[labels].",
             lambda z, y: softmax(z, axis=1) / len(z)),
     Mistake("(softmax - labels[:, None]) / N: the label numbers were subtracted",
             "subtract one-hot rows (np.eye(k)[labels]), not the class indices.",
             lambda z, y: (softmax(z, axis=1) - y[:, None]) / len(z)),
     Mistake("a softmax over axis 0 (down the batch)", "each example's scores form one "
             "distribution: softmax along axis=1.",
             lambda z, y: (softmax(z, axis=0) - np.eye(z.shape[1])[y]) / len(z)),
     Mistake("δ transposed", "return one row per example.", example=lambda z, y: _delta(z, y).T,
             when=lambda got, z, y: _transposed([got], [z], ["δ"]))],
    hint="δ = (softmax(z) − onehot(y)) / N; a NaN usually means exp overflowed: " + _STABLE,
    crash_hint="one row per example: softmax along axis=1, minus the one-hot labels, over N.",
    warning_hint=_OVERFLOW,
    pure=False),),  # shifting the logits in place is fine: the check hands over its own arrays
    _delta_summary,
    doc="Check ``softmax_ce_delta(logits, labels) -> (softmax(z) − onehot(y))/N``.")
# fmt: on


# --- Exercise 3: a full backward pass for a network with one hidden layer --------------------

_NN = {"W1": "0.W", "b1": "0.b", "W2": "2.W", "b2": "2.b"}  # our keys, helpers.nn's names
_ORDER = ("W2", "b2", "W1", "b1")  # checked from the output back, as the error flows


def _reference_grads(params: dict[str, np.ndarray], X: np.ndarray, labels: np.ndarray) -> dict:
    """The gradients from ``helpers.nn``: Dense, tanh, Dense, with δ2 = (softmax − onehot)/N."""
    model = Sequential(Dense(*params["W1"].shape), Activation("tanh"), Dense(*params["W2"].shape))
    for key, name in _NN.items():
        model.params()[name][...] = params[key]
    model.backward(_delta(model.forward(X), labels))
    return {key: model.grads()[name].copy() for key, name in _NN.items()}


def _wrong(mistake: str) -> Any:
    """Backpropagation with one classic mistake built in (to name the learner's)."""

    def grads(params: dict, X: np.ndarray, labels: np.ndarray) -> dict:
        W1, b1, W2, b2 = (params[key] for key in _NN)
        A1, n = tanh(Z1 := X @ W1 + b1), len(X)
        delta2 = _delta(A1 @ W2 + b2, labels)
        back = delta2 @ (W2 if mistake == "no transpose" else W2.T)  # raises unless W2 is square
        slopes = {"no f'": 1.0, "f'(a)": tanh_derivative(A1), "1 - z²": 1.0 - Z1**2}
        delta1 = back * slopes.get(mistake, tanh_derivative(Z1))
        bias = 1.0 / n if mistake == "b mean" else 1.0
        out = {"W1": X.T @ delta1, "b1": bias * delta1.sum(axis=0), "W2": A1.T @ delta2}
        scale = {"sign": -1.0, "no 1/N": float(n), "1/N twice": 1.0 / n}.get(mistake, 1.0)
        return {key: scale * value for key, value in {**out, "b2": bias * delta2.sum(0)}.items()}

    return grads


def _network_probe(fn: Any, params: dict, X: np.ndarray, labels: np.ndarray) -> Any:
    """The gradients as a tuple in _ORDER (the runner compares tuples, not dicts); any other
    answer wrapped, so that it cannot pass for them. Only params must stay unchanged."""
    grads = fn(params, X.copy(), labels.copy())
    if isinstance(grads, dict) and set(_NN) <= set(grads):
        return tuple(grads[key] for key in _ORDER)
    got = sorted(map(str, grads)) if isinstance(grads, dict) else type(grads).__name__
    return None if grads is None else {"not grads": got}


def _network_cases() -> list[Case]:
    rng, cases = np.random.default_rng(7), []
    for n, d, h, k in [(6, 2, 3, 3), (8, 3, 5, 2)]:  # h = k first: δ2 @ W2 runs, wrongly
        params = {"W1": rng.normal(size=(d, h)), "b1": 0.5 * rng.normal(size=h)}
        params.update(W2=rng.normal(size=(h, k)), b2=0.5 * rng.normal(size=k))
        X, labels = rng.normal(size=(n, d)), rng.integers(0, k, size=n)
        cases.append(Case(f"N = {n} examples, W1 {(d, h)}, W2 {(h, k)}", (params, X, labels)))
    return cases


def _network_loss(params: dict, X: np.ndarray, labels: Any, key: str, value: Any) -> float:
    W1, b1, W2, b2 = ({**params, key: value}[k] for k in _NN)
    return SoftmaxCrossEntropy()(tanh(X @ W1 + b1) @ W2 + b2, labels)


def _network_summary(backprop_one_hidden: Any) -> str:
    worst = max(
        relative_error(grad, numerical_gradient(partial(_network_loss, *args, key), args[0][key]))
        for args in (case.args for case in _network_cases())
        for key, grad in _reference_grads(*args).items()
    )
    return tr(
        "all four gradients match helpers.nn for 2 networks "
        "(which agree with finite differences {agreement}).",
        agreement=_agreement(worst),
    )


# fmt: off
check_backprop_one_hidden = Check((Exercise(
    "backprop_one_hidden", _reference_grads, _network_cases,
    [Mistake("not a dict of the four gradients",
             'return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}.',
             when=lambda got, *_: isinstance(got, dict)
             and tr("expected a dict with keys {keys}, got {got}", keys=list(_NN),
                    got=got["not grads"]),
             example=lambda *args: list(_reference_grads(*args).values())),
     Mistake("the negated gradients (a sign error)", "backward computes the gradient as it is "
             "(it points uphill); only the update W ← W − η·∂L/∂W subtracts it.", _wrong("sign")),
     Mistake("N times the gradients (the 1/N is missing)",
             "the loss is a mean over the N examples: δ2 = (softmax(Z2) − Y)/N.", _wrong("no 1/N")),
     Mistake("the gradients divided by N twice", "divide by N once, in δ2; after that every sum "
             "over the batch is a plain sum.", _wrong("1/N twice")),
     Mistake("the gradients without the ⊙ f′(z) factor in the hidden layer", "after sending the "
             "error back through W2 (δ2 @ W2.T), multiply by tanh′(Z1) elementwise.",
             _wrong("no f'")),
     Mistake("the gradients with tanh′ evaluated at the activation A1 instead of at Z1",
             "f′ takes the pre-activation: tanh′(Z1) = 1 − tanh(Z1)² = 1 − A1².", _wrong("f'(a)")),
     Mistake("the gradients with 1 − Z1² in place of tanh′(Z1)",
             "tanh′(z) = 1 − tanh(z)², i.e. 1 − A1², not 1 − Z1².", _wrong("1 - z²")),
     Mistake("the gradients with δ2 @ W2 instead of δ2 @ W2.T (a missing transpose)", "the error "
             "goes back through W2.T; with a square W2 the shapes cannot warn you.",
             _wrong("no transpose")),
     Mistake("the gradients with the biases' sums replaced by means",
             "sum over the batch for every parameter: the 1/N is already in δ2.", _wrong("b mean")),
     Mistake("a transposed gradient", _SHAPE_RULE, note=":", when=lambda got, *args: _transposed(
             got, _network_probe(_reference_grads, *args), [f"grads[{k!r}]" for k in _ORDER]),
             example=lambda *args: {**(right := _reference_grads(*args)), "W1": right["W1"].T})],
    hint=_TRANSPOSE_HINT + " Going back a layer: δ1 = (δ2 @ W2.T) * tanh′(Z1).",
    warning_hint=_OVERFLOW, probe=_network_probe, parts=_ORDER,
    part_hints={**dict.fromkeys(("W2", "b2"), "start at the output: δ2 = (softmax(Z2) − "
                                "onehot(labels))/N, dW2 = A1.T @ δ2, db2 = δ2.sum(axis=0)."),
                **dict.fromkeys(("W1", "b1"), "the output layer is right, so the mistake is in "
                                "sending δ back: δ1 = (δ2 @ W2.T) * tanh′(Z1), then "
                                "dW1 = X.T @ δ1 and db1 = δ1.sum(axis=0).")},
    part_label="grads['{part}'] ({shown})",
    inplace_message="for {shown} the function changed {name} in place.",
    inplace_hint="backward only computes gradients; the update W ← W − η·∂L/∂W is a later step."),),
    _network_summary,
    doc="Check ``backprop_one_hidden(params, X, labels) -> {W1, b1, W2, b2 gradients}``.")
# fmt: on


# --- Exercise 4 (diagnose): a colleague's backward pass with two planted bugs ----------------

_ORDER3 = ("W3", "b3", "W2", "b2", "W1", "b1")  # from the output back, as the error flows


def _forward_cache(params: dict, X: np.ndarray) -> tuple[np.ndarray, dict]:
    """The logits of a 2-hidden-layer tanh network and the cache of section 3 (A0 … A2)."""
    cache = {"A0": X, "Z1": X @ params["W1"] + params["b1"]}
    cache["A1"] = tanh(cache["Z1"])
    cache["Z2"] = cache["A1"] @ params["W2"] + params["b2"]
    cache["A2"] = tanh(cache["Z2"])
    return cache["A2"] @ params["W3"] + params["b3"], cache


def _three_layer(mistake: str | None = None) -> Any:
    """The backward pass of chapter 05's network; ``mistake`` switches one wrong line on."""

    def backward(params: dict, cache: dict, delta3: np.ndarray) -> dict:
        A0, Z1, A1, Z2, A2 = (cache[key] for key in ("A0", "Z1", "A1", "Z2", "A2"))
        delta2 = (delta3 @ params["W3"].T) * tanh_derivative(Z2)
        at = {"f'(Z2)": Z2, "f'(A1)": A1}.get(mistake or "", Z1)  # where δ1 takes its f′
        slope = 1.0 if mistake == "no f'" else tanh_derivative(at)
        delta1 = (delta2 @ params["W2"].T) * slope
        into2 = {"Z1": Z1, "A2": A2}.get(mistake or "", A1)  # what ∂L/∂W2 multiplies δ2 with
        grads = {"W3": A2.T @ delta3, "b3": delta3.sum(axis=0), "W2": into2.T @ delta2}
        grads.update(b2=delta2.sum(axis=0), W1=A0.T @ delta1, b1=delta1.sum(axis=0))
        return grads

    return backward


def _colleague(params: dict, cache: dict, delta3: np.ndarray) -> dict:
    """Both planted bugs: δ1 takes f′ of layer 2 (Z2), and ∂L/∂W2 multiplies δ2 by Z1."""
    grads = _three_layer("f'(Z2)")(params, cache, delta3)
    return {**grads, "W2": _three_layer("Z1")(params, cache, delta3)["W2"]}


def _three_layer_probe(fn: Any, params: dict, cache: dict, delta3: np.ndarray) -> Any:
    """The six gradients as a tuple in _ORDER3; any other answer wrapped, so it cannot pass."""
    grads = fn(params, cache, delta3)
    if isinstance(grads, dict) and set(_ORDER3) <= set(grads):
        return tuple(grads[key] for key in _ORDER3)
    got = sorted(map(str, grads)) if isinstance(grads, dict) else type(grads).__name__
    return None if grads is None else {"not grads": got}


def _three_layer_cases() -> list[Case]:
    rng, cases = np.random.default_rng(8), []
    # Equal hidden widths first: there both planted bugs run silently and every wrong fix is
    # named; then unequal widths, where f′(Z2) in δ1 cannot even be multiplied.
    for n, d, h1, h2, k in [(6, 2, 4, 4, 3), (5, 3, 5, 5, 2), (7, 2, 3, 5, 3)]:
        sizes = [d, h1, h2, k]
        params = {}
        for layer in (1, 2, 3):
            params[f"W{layer}"] = rng.normal(size=(sizes[layer - 1], sizes[layer]))
            params[f"b{layer}"] = 0.5 * rng.normal(size=sizes[layer])
        X, labels = rng.normal(size=(n, d)), rng.integers(0, k, size=n)
        logits, cache = _forward_cache(params, X)
        shown = f"N = {n} examples, sizes {d}-{h1}-{h2}-{k}"
        cases.append(Case(shown, (params, cache, _delta(logits, labels))))
    return cases


def _fixed_summary(fixed_backward: Any) -> str:
    params, cache, delta3 = _three_layer_cases()[0].args
    labels = np.argmin(delta3, axis=1)  # the one negative entry of each row of δ3
    grads = fixed_backward(params, cache, delta3)

    def loss(key: str, value: np.ndarray) -> float:
        return SoftmaxCrossEntropy()(_forward_cache({**params, key: value}, cache["A0"])[0], labels)

    worst = max(
        relative_error(grads[key], numerical_gradient(partial(loss, key), params[key]))
        for key in _ORDER3
    )
    return tr(
        "all six gradients are right for 3 networks; on the first, a gradient check of every "
        "tensor agrees {agreement}.",
        agreement=_agreement(worst),
    )


_DELTA1 = "δ1 = (δ2 @ W2.T) * tanh′(Z1): the slope of layer 1's own units, at their own Z1."
_INTO2 = "∂L/∂W2 = A1.T @ δ2: layer 2's input is A1, the output of layer 1's tanh, not Z1."

# fmt: off
check_fixed_backward = Check((Exercise(
    "fixed_backward", _three_layer(), _three_layer_cases,
    [Mistake("not a dict of the six gradients",
             'return a dict with the keys "W3", "b3", "W2", "b2", "W1", "b1".',
             when=lambda got, *_: isinstance(got, dict)
             and tr("expected a dict with keys {keys}, got {got}", keys=list(_ORDER3),
                    got=got["not grads"]),
             example=lambda *args: list(_three_layer()(*args).values())),
     Mistake("the colleague's gradients: both planted bugs are still there", "run the gradient "
             "check per tensor: b2 passes, so δ2 is right and W2's line multiplies it by the "
             "wrong input; W1 and b1 both fail, so δ1 itself is wrong.", _colleague),
     Mistake("∂L/∂W2 fixed, but δ1 still takes tanh′ at Z2, layer 2's pre-activation",
             "W1 and b1 still fail together, so δ1 is still wrong: " + _DELTA1,
             _three_layer("f'(Z2)")),
     Mistake("δ1 fixed, but ∂L/∂W2 still multiplies δ2 by Z1", "only W2 still fails while b2 "
             "passes: the error δ2 is right, its partner is not. " + _INTO2, _three_layer("Z1")),
     Mistake("δ1 with tanh′ evaluated at the activation A1 instead of at Z1",
             "f′ takes the pre-activation: tanh′(Z1) = 1 − A1², not tanh′(A1). " + _DELTA1,
             _three_layer("f'(A1)")),
     Mistake("δ1 without any f′ factor", "removing the wrong factor is not enough: the error "
             "still passes through layer 1's tanh. " + _DELTA1, _three_layer("no f'")),
     Mistake("∂L/∂W2 from A2, layer 2's own output", "BP4 multiplies a layer's error by that "
             "layer's input. " + _INTO2, _three_layer("A2"))],
    hint="start from the output, where the colleague was right (W3, b3, b2 pass), and fix only "
    "the lines whose tensors fail the gradient check.",
    crash_hint="with hidden layers of different widths, a factor from the wrong layer cannot be "
    "multiplied: " + _DELTA1,
    probe=_three_layer_probe, parts=_ORDER3,
    part_hints={**dict.fromkeys(("W3", "b3", "b2"), "this gradient was right in the colleague's "
                                "code: keep its line as it was."),
                "W2": _INTO2, **dict.fromkeys(("W1", "b1"), _DELTA1)},
    part_label="grads['{part}'] ({shown})",
    inplace_message="for {shown} the function changed {name} in place.",
    inplace_hint="backward only computes gradients: leave params and cache as they are."),),
    _fixed_summary,
    doc="Check ``fixed_backward(params, cache, delta3)``: the colleague's backward pass of the "
    "2-hidden-layer tanh network with its two planted bugs fixed.")
# fmt: on
