"""Checks for chapter 13, "Choosing an activation".

1. ``spread_kinks(w, low, high)`` (design): biases that make unit j of a 1-D input layer switch
   strictly inside (low, high), at a point that does not depend on the weights, the points
   covering the interval evenly (catalogued: one point for all, b = +w·c, b = −c, [0, 1],
   linspace's ends, placement sorted by w).
2. ``dead_at_start()`` (predict): the share of dead second-layer ReLU units at a zero-bias start
   on a 1-D input, judged against a 200-seed measurement (1/4; catalogued: 0, 1/2, 1/16, 1/8,
   3/4, a percentage).
3. A hidden unit is dead on X when f′(z) == 0 on every row: ReLU below 0, ReLU6 above 6, a hard
   sigmoid beyond ±3; never Leaky ReLU. 4. Ties with the best: overlapping mean ± std intervals.
Also ``choose_output`` (the loss is the negative log-likelihood of what the output activation
means), no longer used by the chapter."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from helpers.i18n import tr
from helpers.nn import Activation, mlp

from ._runner import Case, Check, Exercise, Mistake

__all__ = [
    "check_choose_output",
    "check_dead_at_start",
    "check_dead_units",
    "check_spread_kinks",
    "check_tied_with_best",
    "dead_share_at_start",
]


# --- Exercise 1: the output activation and its loss --------------------------------------------

# fmt: off
_ACTIVATIONS = {"logistic": "sigmoid", "linear": "identity", "none": "identity",
                **{name: name for name in ("sigmoid", "softmax", "identity", "relu", "tanh")}}
_LOSSES = {"binary_cross_entropy": "bce", "ce": "cross_entropy", "mean_squared_error": "mse",
           "categorical_cross_entropy": "cross_entropy",
           **{name: name for name in ("bce", "cross_entropy", "mse")}}
_RIGHT = {"binary": ("sigmoid", "bce"), "multiclass": ("softmax", "cross_entropy"),
          "multilabel": ("sigmoid", "bce"), "regression": ("identity", "mse")}
_ALSO_RIGHT = {"binary": ("softmax", "cross_entropy")}  # two softmax outputs = one sigmoid
_PAIR_MISTAKES = {  # (task, activation, loss) → why it is wrong; None matches any loss
    ("multiclass", "softmax", "mse"): "softmax + MSE: the gradient vanishes when the model is "
    "confidently wrong (section 3a); cross-entropy's gradient p − y does not.",
    ("multiclass", "sigmoid", None): "sigmoid on mutually exclusive classes: the k probabilities "
    "need not sum to 1, and a point can get no class or several (section 3c). Use softmax.",
    ("multiclass", "softmax", "bce"): "for one of k classes the loss is the categorical "
    "cross-entropy, 'cross_entropy'; 'bce' treats every output as a separate yes/no question.",
    ("multilabel", "softmax", None): "softmax makes the labels compete: raising one probability "
    "lowers the others, so two labels cannot both be near 1. Each label needs its own sigmoid.",
    ("binary", "sigmoid", "mse"): "sigmoid + MSE: the factor σ′(z) in the gradient vanishes when "
    "the model is confidently wrong; binary cross-entropy cancels it (gradient σ(z) − y).",
    ("binary", "sigmoid", "cross_entropy"): "for one sigmoid output the cross-entropy is the "
    "binary one, 'bce'; 'cross_entropy' is the k-class loss that expects softmax outputs.",
    ("multilabel", "sigmoid", "cross_entropy"): "every label is its own yes/no question: binary "
    "cross-entropy per label, 'bce'; 'cross_entropy' expects one softmax over all classes.",
    ("multilabel", "sigmoid", "mse"): "sigmoid + MSE: the factor σ′(z) in the gradient vanishes "
    "when a label is confidently wrong; binary cross-entropy per label cancels it.",
    ("regression", "relu", None): "a ReLU output can never be negative, but a regression target "
    "can be: leave the output linear ('identity').",
    ("regression", "sigmoid", None): "a sigmoid output is stuck in (0, 1): a regression target "
    "outside that range cannot be reached. Leave the output linear ('identity').",
    ("regression", "tanh", None): "a tanh output is stuck in (−1, 1): leave the output linear.",
    **dict.fromkeys([("regression", "identity", loss) for loss in ("bce", "cross_entropy")],
                    "cross-entropy compares probabilities with labels; a real-valued target needs "
                    "the squared error, 'mse'."),
}
_PAIR_HINT = "return a pair, e.g. ('sigmoid', 'bce')."
# fmt: on


def _pair(got: Any) -> tuple[str | None, str | None]:
    """The course's names in an answer: (None, "Mean squared error") → ("identity", "mse")."""
    act, loss = (str(name).strip().lower().replace("-", "_").replace(" ", "_") for name in got)
    return _ACTIVATIONS.get(act), _LOSSES.get(loss)


def _choose(task_type: str, refusal: str = "task_type must be one of {}, got {!r}", **wrong: Any):
    """choose_output; ``wrong`` answers some task types wrongly; ``refusal`` words the error."""
    if task_type in wrong:
        return wrong[task_type]
    if task_type not in _RIGHT:
        raise ValueError(refusal.format(sorted(_RIGHT), task_type))
    return _RIGHT[task_type]


def _outcome(fn: Callable[[str], Any], task_type: str) -> Any:
    """fn(task_type); for an unknown one ("returned", value) or ("raised", name, message)."""
    if task_type in _RIGHT:
        return fn(task_type)
    try:
        return "returned", fn(task_type)
    except NotImplementedError:
        raise
    except Exception as error:
        return "raised", type(error).__name__, str(error)[:300]


def _compare_choice(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    task = case.args[0]
    if task in _RIGHT:
        right = _pair(got) in (expected, _ALSO_RIGHT.get(task))
    else:  # every other outcome of a function here is a catalogued mistake; this one is forged
        right = got[:2] == ("raised", "ValueError") and "task_type" in got[2]
    return None if right else (
        tr("for {shown} expected {expected}, got {got}.", shown=tr(case.shown),
           expected=repr(expected), got=repr(got)),
        tr("the output activation decides what the outputs mean; the loss must be the negative "
           "log-likelihood of that meaning."))  # fmt: skip


# fmt: off
check_choose_output = Check((Exercise(
    "choose_output", _choose,
    lambda: [*(Case(f"task_type = {task!r}", (task,)) for task in _RIGHT),
             Case("task_type = 'ranking' (not one of the four)", ("ranking",))],
    [Mistake("not a pair", "return a tuple of two strings, e.g. ('sigmoid', 'bce').",
             when=lambda got, t: t in _RIGHT
             and not (isinstance(got, tuple | list) and len(got) == 2)
             and tr("expected a pair (activation, loss), got {got}", got=repr(got)),
             example=partial(_choose, binary="sigmoid")),
     Mistake("a name the check does not know", "use the course's names: activations 'sigmoid', "
             "'softmax', 'identity' (also 'relu', 'tanh'); losses 'bce', 'cross_entropy', 'mse'.",
             when=lambda got, t: t in _RIGHT and None in _pair(got)
             and tr("{got} uses a name the check does not know", got=repr(got)),
             example=partial(_choose, binary=("sigmoid", "log loss"))),
     Mistake("an answer for an unknown task type", "an unknown task type is a bug in the caller: "
             "raise ValueError naming task_type instead of guessing.",
             when=lambda got, t: t not in _RIGHT and got[0] == "returned"
             and tr("expected a ValueError, got {got}", got=repr(got[1])),
             example=partial(_choose, ranking=("identity", "mse"))),
     Mistake("another exception than ValueError", "raise ValueError for a task type you do not "
             "know.", when=lambda got, t: t not in _RIGHT and got[0] == "raised"
             and got[1] != "ValueError"
             and tr("raised {name} instead of ValueError", name=got[1]),
             example=lambda task_type: _RIGHT[task_type]),
     Mistake("a ValueError that does not name task_type", "say which argument was wrong, e.g. "
             'f"task_type must be one of ..., got {task_type!r}".',
             when=lambda got, t: t not in _RIGHT and got[0] == "raised"
             and "task_type" not in got[2]
             and tr("the ValueError does not name the argument: {text}", text=got[2]),
             example=partial(_choose, refusal="unknown task type")),
     *(Mistake(f"{act} + {loss or 'any loss'} for a {task} task", why,  # None: any loss
               when=lambda got, t, task=task, act=act, loss=loss: t == task
               and _pair(got)[0] == act and loss in (None, _pair(got)[1])
               and tr("you chose {got}", got=repr(got)),
               example=partial(_choose, **{task: (act, loss or "mse")}))
       for (task, act, loss), why in _PAIR_MISTAKES.items())],
    hint=_PAIR_HINT, warning_hint=_PAIR_HINT, probe=_outcome, compare=_compare_choice),),
    "every output layer has its loss: sigmoid + BCE, softmax + cross-entropy, sigmoid + BCE per "
    "label, identity + MSE; unknown task types are refused.",
    doc="Check ``choose_output(task_type)`` → (activation, loss), and a ValueError otherwise.")
# fmt: on


# --- Exercise 2: dead units from recorded activations ------------------------------------------


def _dead_by(rule: Callable[[Any, np.ndarray, np.ndarray], np.ndarray]) -> Callable[..., Any]:
    """dead_units with ``rule(layer, z, a)`` as the mask of each hidden activation layer."""

    def dead_units(model: Any, X: np.ndarray) -> list[np.ndarray]:
        model.forward(X, record=True)
        out, layers = model.outputs, enumerate(model.layers)
        return [rule(la, out[i - 1], out[i]) for i, la in layers if isinstance(la, Activation)]

    return dead_units


def _flat(layer: Any, at: np.ndarray) -> np.ndarray:
    return layer.activation.derivative(at, **layer.settings) == 0


def _dead_cases() -> list[Case]:
    """Small seeded models with units pushed dead (or saturated) on purpose."""
    X, cases = np.random.default_rng(13).normal(size=(40, 3)), []
    for name, pushes in [("relu", {0: (-1e3, [1, 3]), 2: (-1e3, [0])}),
                         ("relu6", {0: (1e3, [0]), 2: (-1e3, [2])}),  # one stuck at 6, one at 0
                         ("leaky_relu", {0: (-1e3, [0, 1])}),  # slope α on the left: never dead
                         ("hard_sigmoid", {0: (1e3, [2]), 2: (-1e3, [1])}),  # flat at 1 and at 0
                         ("tanh", {})]:  # fmt: skip
        model = mlp([3, 5, 4, 2], name, rng=7)
        for layer_index, (bias, units) in pushes.items():
            model.layers[layer_index].b[units] = bias
        cases.append(Case(f"a [3, 5, 4, 2] {name} network on X of shape {X.shape}", (model, X)))
    return cases


def _compare_masks(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    shown = tr(case.shown)
    if not isinstance(got, list | tuple):
        kind = getattr(got, "kind", type(got).__name__)  # an object that could not come back
        return (
            tr("for {shown} expected a list of masks, got {kind}.", shown=shown, kind=kind),
            tr("return one boolean array per hidden activation layer, in a list."),
        )
    if len(got) != len(expected):
        return (
            tr(
                "for {shown} expected {count} masks (one per hidden activation layer), got {got}.",
                shown=shown,
                count=len(expected),
                got=len(got),
            ),
            tr(
                "Dense layers and the output layer have no activation to die: look only at "
                "the layers that are helpers.nn.Activation."
            ),
        )
    for index, (mask, right) in enumerate(zip(got, expected, strict=True)):
        if np.shape(mask) != right.shape:
            return (
                tr(
                    "for {shown} mask {index} should have shape {expected} (one entry per "
                    "unit), got shape {got}.",
                    shown=shown,
                    index=index,
                    expected=right.shape,
                    got=np.shape(mask),
                ),
                tr(
                    "reduce over the examples (axis=0) and keep one True/False per unit; the "
                    "share is mask.mean()."
                ),
            )
    if all(map(np.array_equal, [np.asarray(mask, dtype=bool) for mask in got], expected)):
        return None
    got = [np.asarray(mask).tolist() for mask in got]
    text = tr(
        "for {shown} expected {expected}, got {got}.",
        shown=shown,
        expected=[mask.tolist() for mask in expected],
        got=got,
    )
    return text, _DEAD_HINT


# fmt: off
_DEAD_HINT = ("model.forward(X, record=True) fills model.outputs; for layer i of type Activation, "
              "z = model.outputs[i - 1] and the slopes are layer.activation.derivative(z, "
              "**layer.settings).")
check_dead_units = Check((Exercise(
    "dead_units", _dead_by(lambda layer, z, a: np.all(_flat(layer, z), axis=0)), _dead_cases,
    [Mistake("'output ≤ 0 on every row', ReLU's rule", "that rule is ReLU's only: a ReLU6 unit "
             "stuck at 6 is dead too, and a Leaky ReLU unit with negative outputs is not (its "
             "slope is α). Test the slope: f′(z) == 0.",
             _dead_by(lambda la, z, a: np.all(a <= 0, axis=0))),
     Mistake("units whose slope is 0 on *some* row (np.any)", "a zero slope on some rows is "
             "ordinary sparsity; dead means every row: np.all.",
             _dead_by(lambda la, z, a: np.any(_flat(la, z), axis=0))),
     Mistake("the slope taken at the layer's output a = f(z) instead of its input z", "f′ must be "
             "evaluated at the pre-activation z = model.outputs[i - 1], the input of the "
             "activation layer i.", _dead_by(lambda la, z, a: np.all(_flat(la, a), axis=0)))],
    hint=_DEAD_HINT, warning_hint=_DEAD_HINT, compare=_compare_masks),),
    "dead units found by their slope: ReLU below 0, ReLU6 stuck at 6, a hard sigmoid flat at 0 "
    "or 1; Leaky ReLU and tanh units are never flagged.",
    doc="Check ``dead_units(model, X)``: per hidden activation layer, True where f′(z) == 0 on "
    "every row of X.")
# fmt: on


# --- Exercise 3: reading a comparison table ----------------------------------------------------


def _table(metric: str) -> list[dict]:
    return [{"task": "U" if a == "z" else "T", "activation": a, "seeds": 3,
             "diverged": 0 if v else 3, "reached": 0, metric: v}
            for a, v in _TABLES[metric].items()]  # fmt: skip


def _tied(rows: list[dict], task: str, metric: str, *, own: int = 1, best: int = 1,
          strict: bool = False, other_tasks: bool = False,
          flip: bool = False) -> list[str]:  # fmt: skip
    """The right answer, or a misreading: a row's own std (``own=0``) or the best's (``best=0``)
    ignored, touching intervals apart (``strict``), every task's rows, the direction flipped."""
    sign = (-1 if metric == "accuracy" else 1) * (-1 if flip else 1)  # then lower is better
    scored = [(sign * row[metric][0], row[metric][1], row["activation"]) for row in rows
              if (other_tasks or row["task"] == task) and row[metric] is not None]  # fmt: skip
    low, spread, _ = min(scored, key=lambda item: item[0])
    edge = low + best * spread  # the far edge of the best's interval
    kept = [(m, a) for m, s, a in scored if (m - own * s < edge if strict else m - own * s <= edge)]
    return [name for _, name in sorted(kept, key=lambda item: item[0])]


# fmt: off
_TABLES = {  # every typical misreading gives a different answer on these; z is task U's, not T's
    # Best a: 1.0 ± 0.25. k touches it exactly (1.75 − 0.5 = 1.0 + 0.25, exact in binary);
    # n overlaps only through its own spread, g only through a's, h through either.
    "final_loss": {"c": (1.4, 0.05), "d": (1.25, 0.2), "z": (0.5, 0.0), "a": (1.0, 0.25),
                   "b": (1.15, 0.1), "g": (1.08, 0.0), "h": (1.18, 0.2), "e": None,
                   "k": (1.75, 0.5), "n": (1.4, 0.3)},
    "accuracy": {"c": (0.7, 0.01), "a": (0.9, 0.02), "z": (1.0, 0.0), "b": (0.85, 0.04),
                 "e": None, "d": (0.8, 0.02), "h": (0.82, 0.07)},
}
_SKIP = "skip rows of other tasks and rows whose value is None (every seed diverged)."
_BOTH = ("both intervals have a width: compare mean − std of the row with mean + std of the best "
         "(for a loss).")
check_tied_with_best = Check((Exercise(
    "tied_with_best", _tied,
    lambda: [Case(f"a table for task 'T' with metric {metric!r}", (_table(metric), "T", metric))
             for metric in ("final_loss", "accuracy")],
    [Mistake("not a list of names", "return a list of names, ordered from the best mean to the "
             "worst.", when=lambda got, *_: not (isinstance(got, list | tuple)
                                                 and all(isinstance(name, str) for name in got))
             and tr("expected a list of activation names, got {got}", got=repr(got)),
             example=lambda *args: set(_tied(*args))),
     Mistake("the right names in the wrong order", "sort from the best mean to the worst.",
             when=lambda got, *a: list(got) != (right := _tied(*a)) and sorted(got) == sorted(right)
             and tr("the names are right but the order is {got}; expected {right}",
                    got=list(got), right=right),
             example=lambda *args: sorted(_tied(*args))),
     Mistake("the best activation alone", "a difference smaller than the spread between seeds is "
             "noise: keep every row whose mean ± std interval overlaps the best's.",
             partial(_tied, own=0, best=0)),
     Mistake("the rows within the best's std (ignoring each row's own std)", _BOTH,
             partial(_tied, own=0)),
     Mistake("the rows whose own interval reaches the best's mean (ignoring the best's std)",
             _BOTH, partial(_tied, best=0)),
     Mistake("the answer with strict < (intervals that touch count as overlapping)",
             "use <= so touching intervals count.", partial(_tied, strict=True)),
     Mistake("the answer over every task's rows", "keep only the rows whose 'task' is the task "
             "asked for.", partial(_tied, other_tasks=True)),
     Mistake("the answer with the direction reversed", "a lower loss is better, a higher "
             "accuracy is better.", partial(_tied, flip=True))],
    hint=_SKIP, warning_hint=_SKIP,
    compare=lambda got, expected, case: None if list(got) == expected else (
        tr("for {shown} expected {expected}, got {got}.", shown=tr(case.shown), expected=expected,
           got=list(got)),
        tr("the best is the row with the lowest mean loss (highest mean accuracy); keep every row "
           "whose mean ± std interval overlaps the best's.")),
    inplace_message="for {shown} the function changed its input {name} in place.",
    inplace_hint="work on a new list (sorted(...), a comprehension): the caller's table must stay "
    "as it was."),),
    "the best row and every row whose mean ± std overlaps it, in order, with the right direction "
    "for loss and accuracy.",
    doc="Check ``tied_with_best(rows, task, metric)`` on crafted tables for 'final_loss' (lower "
    "is better) and 'accuracy' (higher is better).")
# fmt: on


# --- Exercise: place the first-layer kinks inside the data -------------------------------------


def _centres(n: int, low: float, high: float) -> np.ndarray:
    return low + (np.arange(n) + 0.5) * (high - low) / n  # the midpoints of n equal stretches


def _spread(w: np.ndarray, low: float, high: float) -> np.ndarray:
    """The reference: unit j switches (w_j·x + b_j = 0) at the j-th of n evenly spaced points."""
    return -w * _centres(len(w), low, high)


def _kinks_of(fn: Callable[..., Any], w: np.ndarray, low: float, high: float) -> Any:
    """Where each unit switches, x = −b/w, in unit order, for w and for other weights of the same
    units (the placement must not depend on them): {"kinks": ..., "other_w": ...}."""
    kinks = []
    for weights in (w, -1.7 * w[::-1]):
        b = np.asarray(fn(weights.copy(), low, high), dtype=float)
        if b.shape != w.shape:
            return {"shape": list(b.shape)}
        kinks.append((-b / weights).tolist())
    return {"kinks": kinks[0], "other_w": kinks[1]}


def _kink_cases() -> list[Case]:
    rng, cases = np.random.default_rng(1313), []
    for n, low, high in [(16, -np.pi, np.pi), (12, 0.5, 4.0), (9, -1.0, 3.0)]:
        w = rng.choice([-1.0, 1.0], size=n) * rng.uniform(0.3, 2.0, size=n)
        cases.append(Case(f"{n} weights w, low = {low:.3g}, high = {high:.3g}", (w, low, high)))
    return cases


def _inside(kinks: Any, low: float, high: float) -> bool:
    return bool(np.all((np.asarray(kinks) >= low - 1e-9) & (np.asarray(kinks) <= high + 1e-9)))


def _on_an_end(kinks: Any, low: float, high: float) -> bool:
    return bool(np.min(np.abs(np.subtract.outer(np.asarray(kinks), [low, high]))) < 1e-9)


def _moved(got: Any) -> bool:
    return "kinks" in got and not np.allclose(got["kinks"], got["other_w"], rtol=0, atol=1e-9)


def _sorted_by_w(w: np.ndarray, low: float, high: float) -> np.ndarray:
    centres = np.empty(len(w))
    centres[np.argsort(w)] = _centres(len(w), low, high)  # the steepest units at the two ends
    return -w * centres


def _largest_gap(kinks: Any, low: float, high: float) -> float:
    edges = np.concatenate([[low], np.sort(np.asarray(kinks, dtype=float)), [high]])
    return float(np.max(np.diff(edges)))


def _compare_kinks(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    w, low, high = case.args
    if "shape" in got:
        return (
            tr(
                "for {shown} expected one bias per unit, shape {expected}, got shape {got}.",
                shown=tr(case.shown),
                expected=w.shape,
                got=tuple(got["shape"]),
            ),
            tr("return b with the shape of w: one bias per unit."),
        )
    allowed, got = 1.5 * (high - low) / len(w), got["kinks"]
    if not _inside(got, low, high):
        outside = [round(k, 3) for k in got if not low - 1e-9 <= k <= high + 1e-9][:4]
        return (
            tr(
                "for {shown} some kinks −b/w lie outside [{low}, {high}], e.g. {outside}.",
                shown=tr(case.shown),
                low=f"{low:.3g}",
                high=f"{high:.3g}",
                outside=outside,
            ),
            _KINK_HINT,
        )
    if (gap := _largest_gap(got, low, high)) > allowed:
        return (
            tr(
                "for {shown} the kinks leave a gap of {gap} uncovered (at most {allowed} = "
                "1.5·(high − low)/n is allowed): spread them evenly.",
                shown=tr(case.shown),
                gap=f"{gap:.3g}",
                allowed=f"{allowed:.3g}",
            ),
            _KINK_HINT,
        )
    if _on_an_end(got, low, high):
        text = tr(
            "for {shown} a kink sits on an end of [{low}, {high}].",
            shown=tr(case.shown),
            low=f"{low:.3g}",
            high=f"{high:.3g}",
        )
        return text, _ENDS
    return None


# fmt: off
_KINK_HINT = ("unit j switches where w_j·x + b_j = 0, i.e. at x = −b_j/w_j; to put that point at "
              "c_j choose b_j = −w_j·c_j, with the c_j evenly spaced over [low, high].")
_ENDS = ("a unit that switches on an end of the interval is active on all of the data or on none "
         "of it, depending on the sign of w: it bends nowhere inside. Use the midpoints of n equal "
         "stretches, c_j = low + (j + ½)·(high − low)/n.")
_BY_UNIT = ("the weights are random draws: let unit j switch at the j-th point, whatever w_j is. "
            "Sorted by w, the steepest units switch at the two ends, each active on a sliver of "
            "the data, and ReLU6 trains worse than with zero biases.")
check_spread_kinks = Check((Exercise(
    "spread_kinks", _spread, _kink_cases,
    [Mistake("every kink at the same place", "n units that switch at one point bend the output "
             "at one point only: give each unit its own c_j.",
             when=lambda got, w, low, high: "kinks" in got and np.ptp(got["kinks"]) < 1e-9
             and tr("every kink is at x = {x}", x=f"{got['kinks'][0]:.3g}"),
             example=lambda w, low, high: -w * (low + high) / 2),
     Mistake("b = +w·c: the kinks mirrored to −c", "w·x + b = 0 gives x = −b/w; with b = +w·c "
             "the unit switches at −c. Use b = −w·c.",
             when=lambda got, w, low, high: "kinks" in got and not _inside(got["kinks"], low, high)
             and _inside(-np.asarray(got["kinks"]), low, high)
             and tr("your kinks lie in [{low}, {high}], the mirror image of the interval",
                    low=f"{-high:.3g}", high=f"{-low:.3g}"),
             example=lambda w, low, high: w * _centres(len(w), low, high)),
     Mistake("b = −c: the weight left out", "the kink of unit j is −b_j/w_j, so b_j = −c_j puts "
             "it at c_j/w_j, not at c_j. Multiply by the weight: b_j = −w_j·c_j.",
             when=lambda got, w, low, high: "kinks" in got and not _inside(got["kinks"], low, high)
             and _inside(np.asarray(got["kinks"]) * w, low, high)
             and tr("your kinks are c/w instead of c"),
             example=lambda w, low, high: -_centres(len(w), low, high)),
     Mistake("kinks spread over [0, 1] instead of [low, high]", "scale the evenly spaced points "
             "to the interval: c = low + (k + ½)·(high − low)/n.",
             when=lambda got, w, low, high: "kinks" in got and _inside(got["kinks"], 0.0, 1.0)
             and high - low > 1.5 and tr("your kinks lie in [0, 1]"),
             example=lambda w, low, high: -w * _centres(len(w), 0.0, 1.0)),
     Mistake("linspace(low, high, n): kinks on the two ends", _ENDS,
             when=lambda got, w, low, high: "kinks" in got and _on_an_end(got["kinks"], low, high)
             and tr("a kink sits exactly on low or high"),
             example=lambda w, low, high: -w * np.linspace(low, high, len(w))),
     Mistake("kinks placed by the weights (e.g. sorted by w)", _BY_UNIT,
             when=lambda got, w, low, high: _moved(got)
             and tr("with other weights (or on a second call) the same units switch at "
                    "other points"),
             example=_sorted_by_w)],
    hint=_KINK_HINT, warning_hint=_KINK_HINT, probe=_kinks_of, compare=_compare_kinks),),
    "every unit switches inside (low, high), unit j at the j-th point whatever its weight, and "
    "the kinks cover the interval evenly.",
    doc="Check ``spread_kinks(w, low, high)`` → biases b that put the kinks −b/w of a 1-D input "
    "layer evenly over [low, high].")
# fmt: on


# --- Exercise: predict the dead units at the start -----------------------------------------------


def dead_share_at_start(seeds: int = 200, n: int = 100) -> float:
    """The measured answer: the share of second-layer units of ``mlp([1, 16, 16, 1], "relu")``
    (biases 0) that are dead before training on n inputs spread over [−π, π], over ``seeds``
    seeds. Each is dead when a = Σ_{w_j>0} V_jk·w_j ≤ 0 and c = Σ_{w_j<0} V_jk·w_j ≥ 0: 1/4."""
    x, dead = np.linspace(-np.pi, np.pi, n)[:, None], []
    for seed in range(seeds):
        model = mlp([1, 16, 16, 1], "relu", rng=seed)
        model.forward(x, record=True)
        dead.append(np.all(model.outputs[2] <= 0, axis=0))  # the second layer's z
    return float(np.mean(dead))


_DEAD_START = (
    "with zero biases the first layer gives h_j = w_j·x for the units with w_j > 0 "
    "when x > 0, and for those with w_j < 0 when x < 0. So the second layer's z_k is "
    "a_k·x for x > 0 and c_k·x for x < 0, two independent sums of random sign: when "
    "is z_k ≤ 0 for every x?"
)
_DEAD_START_SENTENCE = _DEAD_START[:1].upper() + _DEAD_START[1:]  # after another sentence
# fmt: off
check_dead_at_start = Check((Exercise(
    "dead_at_start", dead_share_at_start,
    lambda: [Case("your prediction for the second layer of mlp([1, 16, 16, 1], 'relu') at the "
                  "start, inputs on both sides of 0")],
    [Mistake("not a number", "return one number between 0 and 1, e.g. 0.1.",
             when=lambda got: not isinstance(got, int | float) and tr("got {got}", got=repr(got)),
             example=lambda: "1/4"),
     Mistake("a percentage", "return a share between 0 and 1: 10 % is 0.1.",
             when=lambda got: isinstance(got, int | float) and got > 1
             and tr("{got} is more than 1", got=repr(got)), example=lambda: 25.0),
     Mistake("none: 'only training kills units'", "a unit can start dead: zero biases make every "
             "z_k a line through 0 on each side. " + _DEAD_START_SENTENCE, lambda: 0.0),
     Mistake("a half: 'a ReLU unit is off for half of the inputs'", "off on half of the inputs is "
             "not dead; dead means off on every input, on both sides of 0. " + _DEAD_START_SENTENCE,
             lambda: 0.5),
     Mistake("one unit in 16", "each unit is dead or alive on its own; count the chance for one "
             "unit. " + _DEAD_START_SENTENCE, lambda: 1 / 16),
     Mistake("an eighth: three conditions", "two conditions, a_k ≤ 0 and c_k ≥ 0, each true for "
             "half of the seeds, independently.", lambda: 0.125),
     Mistake("three quarters: the share alive", "that is the share that can still learn; the "
             "question asks for the dead ones.", lambda: 0.75)],
    hint=_DEAD_START, atol=0.03, rtol=0.0, mistake_atol=0.01, mistake_rtol=0.0),),
    "1/4: the second layer's z is a·x for x > 0 and c·x for x < 0, and it never rises above 0 "
    "when a ≤ 0 and c ≥ 0, each true for half of the seeds.",
    doc="Check ``dead_at_start()`` → the predicted share of dead second-layer ReLU units at a "
    "zero-bias start on a 1-D input (measured over 200 seeds).")
# fmt: on
