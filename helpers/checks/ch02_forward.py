"""Checks for chapter 02, "Forward propagation".

Rows are examples: ``x`` has shape ``(n, n_in)``, a layer computes ``z = x @ W + b`` with ``W`` of
shape ``(n_in, n_out)``; hidden layers pass on ``a = f(z)`` and ``mlp_forward``'s output layer is
linear (scores, as in ``helpers.nn.mlp``), returning ``[x, a¹, …, aᴸ]``. A network of layer sizes
``sizes`` has the sum over consecutive pairs of ``n_in × n_out + n_out`` parameters.

``tanh_std_prediction()`` (predict) returns one number: the learner's prediction of the std of the
activations after 10 tanh layers at weight scale s = 1 (:data:`TANH_DEPTH`), written down before
the chapter measures it; judged against the measurement (mean of 5 seeds) within ±20 %.
"""

from collections.abc import Callable
from functools import cache
from itertools import pairwise
from numbers import Integral
from typing import Any

import numpy as np

from helpers.activations import relu, sigmoid
from helpers.i18n import tr

from ._runner import Case, Check, Exercise, Mistake, compare_numbers, describe, matches
from .ch01_nonlinearity import _transposed

__all__ = [
    "TANH_DEPTH",
    "check_count_parameters",
    "check_dense_forward",
    "check_mlp_forward",
    "check_tanh_std_prediction",
    "tanh_depth_std",
]

_ACTIVATIONS = {"np.tanh": np.tanh, "relu": relu, "sigmoid": sigmoid}
_INPLACE = "for {shown} the function changed its input {name} in place."


# --- Exercise 1: one dense layer, z = x @ W + b ------------------------------------------------


def _dense_cases() -> list[Case]:
    rng = np.random.default_rng(20)
    cases = []
    # A square W (x @ W.T has the right shape), n = n_out (b[:, None] broadcasts), one unit.
    for n, n_in, n_out in [(4, 3, 3), (5, 2, 4), (3, 4, 3), (1, 3, 1)]:
        x, W, b = rng.normal(size=(n, n_in)), rng.normal(size=(n_in, n_out)), rng.normal(size=n_out)
        shown = f"x of shape {x.shape}, W of shape {W.shape}, b of shape {b.shape}"
        cases.append(Case(shown, (x, W, b)))
    return cases


def _dense(x: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    return x @ W + b


# fmt: off
check_dense_forward = Check((Exercise(
    "dense_forward", _dense, _dense_cases,
    [_transposed(_dense, "keep one row per example and one column per unit: x @ W + b."),
     Mistake("x @ W.T + b: W was transposed", "W is stored (n_in, n_out): column j holds unit j's "
             "weights, so z = x @ W + b. (x @ W.T belongs to layers that store W as (n_out, n_in), "
             "like PyTorch's nn.Linear.)", lambda x, W, b: x @ W.T + b),
     Mistake("x @ W: the bias is missing", "add b: z = x @ W + b.", lambda x, W, b: x @ W),
     Mistake("x @ W - b: a sign error on the bias", "z = x @ W + b, with a plus.",
             lambda x, W, b: x @ W - b),
     Mistake("x @ W + b[:, None]: b added per example instead of per unit", "b has one entry per "
             "unit (column); as shape (n_out,) it broadcasts along the rows by itself, so do not "
             "reshape it.",  # the example adds b plainly where b[:, None] would raise
             lambda x, W, b: x @ W + (b[:, None] if len(x) == len(b) else b)),
     *(Mistake(f"{name}(x @ W + b): an activation was applied", "this exercise asks for z, the "
               "pre-activation; the activation comes after it.", lambda x, W, b, f=f: f(x @ W + b))
       for name, f in _ACTIVATIONS.items())],
    hint="z[i, j] = sum over k of x[i, k] * W[k, j], plus b[j].",
    crash_hint="x has one example per row and W has shape (n_in, n_out), so z = x @ W + b "
    "(not W @ x): b, of shape (n_out,), is then added to every row.",
    inplace_message=_INPLACE, inplace_hint="write `z = x @ W + b` rather than updating an input "
    "with +=; the caller still needs its arrays."),),
    "z = x @ W + b with shape (n, n_out) in all 4 cases.")
# fmt: on


# --- Exercise 2: a whole network, keeping every layer's activations ---------------------------


def _forward(x: Any, params: list, activation: Callable, **wrong: Any) -> list:
    """[x, a¹, …, aᴸ] with a linear output layer. The keywords make the catalogue's examples:
    ``out`` (an output activation), ``hidden`` (another one), ``bias=0.0``, ``transpose``."""
    out, hidden, activations = wrong.get("out", lambda z: z), wrong.get("hidden", activation), [x]
    for k, (W, b) in enumerate(params):
        W = W.T if wrong.get("transpose") and W.shape[0] == W.shape[1] else W
        z = activations[-1] @ W + wrong.get("bias", 1.0) * b
        activations.append(out(z) if k == len(params) - 1 else hidden(z))
    return activations


def _mlp_cases() -> list[Case]:
    rng = np.random.default_rng(21)
    cases = []
    for sizes, n, name in [([3, 4, 2], 5, "np.tanh"), ([2, 3, 3, 1], 6, "relu"),
                           ([4, 1], 3, "sigmoid"), ([2, 5, 4, 3, 2], 4, "sigmoid")]:  # fmt: skip
        x = rng.normal(size=(n, sizes[0]))
        params = [(rng.normal(size=(i, o)), rng.normal(size=o)) for i, o in pairwise(sizes)]
        shown = f"sizes {sizes}, x of shape {x.shape}, activation={name}"
        cases.append(Case(shown, (x, params, _ACTIVATIONS[name])))
    return cases


def _layer(what: str, hint: str, wrong: Callable, example: dict[str, Any]) -> Mistake:
    """In the first wrong layer: ``wrong(a, W, b, f, last)`` is its output from the right input
    (None: cannot happen; {text: array}: variants); ``example``: :func:`_forward`'s keywords."""

    def when(got: Any, x: Any, params: list, f: Callable) -> str | bool:
        right = _forward(x, params, f)
        layer = next((k for k in range(1, len(right)) if not matches(got[k], right[k])), None)
        if layer is None:
            return False
        found = wrong(right[layer - 1], *params[layer - 1], f, layer == len(params))
        for text, value in (found if isinstance(found, dict) else {tr(what): found}).items():
            if value is not None and matches(got[layer], value, rtol=1e-9):
                return tr(
                    "layer {layer} of {count} equals {what}",
                    layer=layer, count=len(params), what=text,
                )  # fmt: skip
        return False

    return Mistake(what, hint, when=when, example=lambda *a: _forward(*a, **example), note=",")


def _compare_mlp(got: Any, expected: list, case: Case) -> tuple[str, str | None] | None:
    """The list's type and length, then entry by entry, each with its own hint."""
    n, shown = len(expected) - 1, tr(case.shown)
    if not isinstance(got, (list, tuple)):
        text = tr(
            "for {shown} expected a list of {count} arrays, got {kind}.",
            shown=shown, count=n + 1, kind=type(got).__name__,
        )  # fmt: skip
        hint = tr("collect the activations in a list, starting with [x], and return the list.")
        return text, hint
    if len(got) != n + 1:
        text = tr(
            "for {shown} expected a list of {count} arrays (the input, then one per layer for "
            "{layers} layers), got {got}.",
            shown=shown, count=n + 1, layers=n, got=len(got),
        )  # fmt: skip
        return text, tr("append one array per (W, b) pair to a list that starts as [x].")
    for k, (entry, right) in enumerate(zip(got, expected, strict=True)):
        if entry is None:
            text = tr("for {shown} entry {k} of the list is None.", shown=shown, k=k)
            return text, tr("append each layer's output array to the list.")
        if k == n:
            hint = tr(
                "layer {k} takes list entry {previous} as its input and is linear: a @ W + b.",
                k=k, previous=k - 1,
            )  # fmt: skip
        else:
            hint = tr(
                "layer {k} takes list entry {previous} as its input and is activation(a @ W + b).",
                k=k, previous=k - 1,
            )  # fmt: skip
        where = Case(tr("layer {k} of {count} ({shown})", k=k, count=n, shown=shown))
        if k == 0:
            hint = tr("entry 0 is the input x itself.")
            where = Case(tr("entry 0 ({shown})", shown=shown))
        if outcome := compare_numbers(entry, right, where, 1e-7, 1e-12, hint, hint):
            return outcome[:2]
    return None


# fmt: off
check_mlp_forward = Check((Exercise(
    "mlp_forward", _forward, _mlp_cases,
    [Mistake("no a⁰ = x at the start of the list", "start the list with the input itself: "
             "activations = [x].", lambda x, params, f: _forward(x, params, f)[1:],
             message="for {shown} the list is missing its first entry, a⁰ = x."),
     _layer("an activation on the output layer", "the output layer is linear: it returns the "
            "scores z = a @ W + b (a sigmoid or softmax, if any, comes later, with the loss).",
            lambda a, W, b, f, last: {tr("{name}(z) on the output layer", name=name): g(a @ W + b)
                                      for name, g in _ACTIVATIONS.items()} if last else None,
            {"out": np.tanh}),
     _layer("z = a @ W + b, without the activation", "a hidden layer passes on a = activation(z); "
            "store a, not z.", lambda a, W, b, f, last: None if last else a @ W + b,
            {"hidden": lambda z: z}),
     _layer("the layer computed without its bias", "each layer adds its own bias b before the "
            "activation.", lambda a, W, b, f, last: a @ W if last else f(a @ W), {"bias": 0.0}),
     _layer("the layer computed with W transposed", "W has shape (n_in, n_out): a @ W, not "
            "a @ W.T.", lambda a, W, b, f, last: a @ W.T + b if last else f(a @ W.T + b),
            {"transpose": True}),
     _layer("another activation than the one passed in", "the `activation` argument was ignored: "
            "call the function given.", lambda a, W, b, f, last: None if last else {
                tr("{name}(z), not the activation passed in", name=name): g(a @ W + b)
                for name, g in _ACTIVATIONS.items()}, {"hidden": np.tanh})],
    hint="loop over the (W, b) pairs, each layer's input being the previous output.",
    compare=_compare_mlp, inplace_message=_INPLACE,
    inplace_hint="build new arrays (a @ W + b) and leave the parameters as they are."),),
    "[x, a¹, …, aᴸ] with a linear output layer for 4 networks of depth 1 to 4.")
# fmt: on


# --- Exercise 3: counting parameters -----------------------------------------------------------


def _count(sizes: Any) -> int:
    return sum(n_in * n_out + n_out for n_in, n_out in pairwise(sizes))


def _weights(sizes: Any) -> int:
    return sum(n_in * n_out for n_in, n_out in pairwise(sizes))


# fmt: off
_COUNT_ROWS = [  # what, the wrong count, hint
    ("only the weights", _weights,
     "the biases are missing: one per unit of every layer after the input."),
    ("a bias for the input units too", lambda s: _weights(s) + sum(s),
     "the input layer computes nothing and has no biases."),
    ("one bias per input of each layer", lambda s: _weights(s) + sum(s[:-1]),
     "a layer has one bias per output unit: n_out, not n_in."),
    ("the product of all sizes", lambda s: int(np.prod(s)),
     "the layers' counts add up: n_in × n_out + n_out for each consecutive pair."),
    ("the number of units, not of parameters", sum,
     "every connection carries a weight: n_in × n_out per layer, plus n_out biases."),
    ("the first layer alone", lambda s: s[0] * s[1] + s[1],
     "loop over every consecutive pair of sizes, not just the first."),
    ("(n_in + 1) × (n_out + 1) per layer", lambda s: sum((i + 1) * (o + 1) for i, o in pairwise(s)),
     "a layer has n_in × n_out weights and n_out biases: (n_in + 1) × n_out."),
]
# fmt: on


def _count_mistake(what: str, wrong: Callable, hint: str) -> Mistake:
    """Named only when no other formula gives the same count (that would be a guess)."""

    def when(got: Any, sizes: Any) -> bool:
        alike = sum(got == f(sizes) for _, f, _ in _COUNT_ROWS)
        return got == wrong(sizes) != _count(sizes) and alike == 1

    return Mistake(what, hint, when=when, example=wrong,
                   message="for {shown} expected {expected}, got {got}: {what}.")  # fmt: skip


_WHOLE = "a count is a whole number: return an int (no division, no float arrays)."
# fmt: off
check_count_parameters = Check((Exercise(
    "count_parameters", _count,
    # The first case tells every listed mistake apart (no two give the same count).
    lambda: [Case(f"sizes = {sizes!r}", (sizes,)) for sizes in
             [[3, 4, 2], [2, 3, 1], [784, 256, 256, 10], (3, 5, 5, 2), [4, 4], [1, 8, 1]]],
    [Mistake("the right count as a float", _WHOLE, when=lambda got, sizes: isinstance(got, float)
             and got == _count(sizes)
             and tr("the count is right but a float: {got}", got=repr(got)),
             example=lambda s: float(_count(s))),
     Mistake("not an int", _WHOLE, when=lambda got, sizes: (isinstance(got, bool)
             or not isinstance(got, Integral))
             and tr("expected an int, got {kind}: {got}", kind=type(got).__name__, got=repr(got)),
             example=lambda s: str(_count(s))),
     *(_count_mistake(*row) for row in _COUNT_ROWS)],
    hint="each layer has n_in × n_out weights plus n_out biases; add them up over all layers.",
    crash_hint="loop over consecutive pairs (n_in, n_out) of sizes, e.g. zip(sizes, sizes[1:]).",
    rtol=0.0, atol=0.0, inplace_message=_INPLACE,
    inplace_hint="count without changing sizes: the caller still needs its list."),),
    "the right count for 6 architectures, e.g. 784-256-256-10 → 269,322 parameters.")
# fmt: on


# --- Exercise (predict): the spread after 10 tanh layers --------------------------------------

#: The network of the prediction: ``depth`` tanh layers of ``width`` units, weights
#: N(0, scale²/width), biases 0, a batch of ``n`` standard-normal inputs; one run per seed.
TANH_DEPTH = {"depth": 10, "width": 100, "n": 200, "scale": 1.0, "seeds": (0, 1, 2, 3, 4)}
_BAND = 0.2  # a prediction within ±20 % of the measurement passes


def tanh_depth_std(seed: int, depth: int = 10, width: int = 100, n: int = 200,
                   scale: float = 1.0) -> float:  # fmt: skip
    """The std of the last layer's activations, drawn as chapter 02's ``signal`` draws them: the
    batch first, then all the weights, from ``np.random.default_rng(seed)``."""
    generator = np.random.default_rng(seed)
    a = generator.standard_normal((n, width))
    for W in generator.standard_normal((depth, width, width)) * (scale / np.sqrt(width)):
        a = np.tanh(a @ W)
    return float(np.std(a))


@cache
def _measured() -> tuple[float, float, float]:
    """Mean, min and max over the seeds of :func:`tanh_depth_std` for :data:`TANH_DEPTH`."""
    setting = {k: v for k, v in TANH_DEPTH.items() if k != "seeds"}
    runs = [tanh_depth_std(seed, **setting) for seed in TANH_DEPTH["seeds"]]
    return float(np.mean(runs)), min(runs), max(runs)


def _number(got: Any) -> float | None:
    if isinstance(got, (bool, str)) or np.ndim(got) != 0:
        return None
    try:
        return float(got)
    except (TypeError, ValueError):
        return None


def _kind(got: Any) -> str | None:
    """Which catalogued model of the signal a prediction matches (None: within ±20 %, or an
    answer no model explains). m is the measurement, about 0.22."""
    value, m = _number(got), _measured()[0]
    if value is None:
        return "not a number"
    for kind, test in [
        ("negative", value < 0),
        ("kept", value >= 0.9),  # the identity's rule, or saturation at ±1
        ("variance", abs(value / m**2 - 1) <= _BAND),
        ("gone", value < 0.05),
        ("too small", value < (1 - _BAND) * m),
        ("too large", value > (1 + _BAND) * m),
    ]:
        if test:
            return kind
    return None


_SLOWER = ("Near 0, tanh z ≈ z, so the smaller the signal, the less each layer squeezes it: the "
           "ratio of one layer's std to the last rises towards 1 with depth. Extrapolate with the "
           "ratio of the last layers of the table, not the average one.")  # fmt: skip
_SAID = "you predicted {got}; the network measures {expected}: {what}."
# fmt: off
_PREDICTION = Exercise(
    "tanh_std_prediction", lambda: round(_measured()[0], 3), lambda: [Case(
        "10 tanh layers of width 100 at weight scale s = 1 (5 seeds)")],
    [Mistake("not one number", "return one number: the std you expect after layer 10.",
             when=lambda got: _kind(got) == "not a number"
             and tr("expected one number, got {got}", got=describe(got)),
             example=lambda: [0.2, 0.2], message="{what}."),
     Mistake("a negative standard deviation", "a standard deviation is never negative.",
             when=lambda got: _kind(got) == "negative", example=lambda: -0.2, message=_SAID),
     Mistake("the spread kept at 1", "that is the identity's rule (or every unit stuck at ±1). "
             "tanh squeezes, |tanh z| < |z|, so at s = 1 each layer multiplies the variance by "
             "E[tanh(z)²]/Var(z) < 1: the table's tanh row falls layer by layer.",
             when=lambda got: _kind(got) == "kept", example=lambda: 1.0, message=_SAID),
     Mistake("the variance, not the std", "you squared the answer: the std is the square root "
             "of the variance.", when=lambda got: _kind(got) == "variance",
             example=lambda: _measured()[0] ** 2, message=_SAID),
     Mistake("a signal all but gone", "at s = 1 tanh fades slowly; it is at s = 0.5 that each "
             "layer halves the spread. " + _SLOWER, when=lambda got: _kind(got) == "gone",
             example=lambda: 0.01, message=_SAID),
     Mistake("too small: a shrink per layer that stays the same", _SLOWER,
             when=lambda got: _kind(got) == "too small", example=lambda: 0.15, message=_SAID),
     Mistake("too large: the spread falls further", "each layer multiplies the variance by "
             "E[tanh(z)²]/Var(z) < 1, so the spread keeps falling after layer 6, only more "
             "slowly.", when=lambda got: _kind(got) == "too large", example=lambda: 0.5,
             message=_SAID)],
    compare=lambda got, expected, case: None if abs(float(got) / expected - 1) <= _BAND else (
        tr(_SAID, got=describe(got), expected=describe(expected), what=tr("more than 20 % off")),
        _SLOWER),
    hint=_SLOWER)
# fmt: on


def _prediction_summary(prediction: Callable[[], Any]) -> str:
    mean, low, high = _measured()
    gap = float(prediction()) / mean - 1
    return tr(
        "you predicted {got}; measured {mean} (5 seeds: {low} to {high}), {gap} off: within ±20 %.",
        got=f"{float(prediction()):.3f}", mean=f"{mean:.3f}", low=f"{low:.3f}",
        high=f"{high:.3f}", gap=f"{gap:+.0%}",
    )  # fmt: skip


check_tanh_std_prediction = Check(
    (_PREDICTION,),
    _prediction_summary,
    doc="Check ``tanh_std_prediction() -> float``: the learner's prediction of the std after 10 "
    "tanh layers at s = 1, against the measurement (mean of 5 seeds), within ±20 %.",
)
