"""Checks for chapter 13, "Choosing an activation".

1. ``choose_output(task_type)`` returns the output activation and the loss that belong together:
   the loss is the negative log-likelihood of the distribution the activation outputs, so the
   gradient with respect to the logits is always "prediction − target".

       binary      → ("sigmoid", "bce")            Bernoulli
       multiclass  → ("softmax", "cross_entropy")  categorical (softmax over two outputs is the
                                                   same model as one sigmoid, and is accepted)
       multilabel  → ("sigmoid", "bce")            one Bernoulli per label
       regression  → ("identity", "mse")           Gaussian

2. ``dead_units(model, X)`` finds, for every hidden activation layer of a ``helpers.nn`` model, the
   units whose slope f′(z) is exactly 0 on every row of X: they pass no gradient back, so their
   incoming weights never change again. This covers ReLU below 0 *and* ReLU6 above 6 or a hard
   sigmoid beyond ±3, and never flags Leaky ReLU, whose slope is α on the negative side.

3. ``tied_with_best(rows, task, metric)`` reads a ``helpers.compare.summarise`` table honestly:
   the best activation and every one whose mean ± std interval overlaps the best's.

Each check compares the learner's answer with the right one and, when they differ, with the
usual wrong answers, so the message names the mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.nn import Activation, mlp

from ._core import call_with_hint, fail, passed

__all__ = ["check_choose_output", "check_dead_units", "check_tied_with_best"]


# --- Exercise 1: the output activation and its loss --------------------------------------------

_ACTIVATION_NAMES = {
    "sigmoid": "sigmoid",
    "logistic": "sigmoid",
    "softmax": "softmax",
    "identity": "identity",
    "linear": "identity",
    "none": "identity",
    "relu": "relu",
    "tanh": "tanh",
}
_LOSS_NAMES = {
    "bce": "bce",
    "binary_cross_entropy": "bce",
    "cross_entropy": "cross_entropy",
    "ce": "cross_entropy",
    "categorical_cross_entropy": "cross_entropy",
    "mse": "mse",
    "mean_squared_error": "mse",
}
_RIGHT = {
    "binary": ("sigmoid", "bce"),
    "multiclass": ("softmax", "cross_entropy"),
    "multilabel": ("sigmoid", "bce"),
    "regression": ("identity", "mse"),
}
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
    ("regression", "identity", "bce"): "cross-entropy compares probabilities with labels; a "
    "real-valued target needs the squared error, 'mse'.",
    ("regression", "identity", "cross_entropy"): "cross-entropy compares probabilities with "
    "labels; a real-valued target needs the squared error, 'mse'.",
}


def _normalise(value: Any, names: dict[str, str], none_means: str | None = None) -> str | None:
    """The course's name for ``value`` ("Binary cross-entropy" → "bce"), None if unknown."""
    if value is None:
        return none_means
    if not isinstance(value, str):
        return None
    return names.get(value.strip().lower().replace("-", "_").replace(" ", "_"))


def check_choose_output(choose_output: Callable[..., Any]) -> None:
    """Check ``choose_output(task_type)`` → (activation, loss) for the four task types, and a
    ValueError naming ``task_type`` for anything else."""
    exercise = "choose_output"
    vocabulary = (
        "activations 'sigmoid', 'softmax', 'identity' (also 'relu', 'tanh'); "
        "losses 'bce', 'cross_entropy', 'mse'"
    )
    for task, right in _RIGHT.items():
        shown = f"task_type = {task!r}"
        got = call_with_hint(
            exercise,
            choose_output,
            task,
            shown=shown,
            hint="return a pair, e.g. ('sigmoid', 'bce').",
        )
        if isinstance(got, str) or not isinstance(got, tuple | list) or len(got) != 2:
            fail(
                exercise,
                f"for {shown} expected a pair (activation, loss), got {got!r}.",
                "return a tuple of two strings, e.g. ('sigmoid', 'bce').",
            )
        activation = _normalise(got[0], _ACTIVATION_NAMES, none_means="identity")
        loss = _normalise(got[1], _LOSS_NAMES)
        if activation is None or loss is None:
            fail(
                exercise,
                f"for {shown} {got!r} uses a name the check does not know.",
                f"use the course's names: {vocabulary}.",
            )
        if (activation, loss) in (right, _ALSO_RIGHT.get(task)):
            continue
        for (case, act, los), why in _PAIR_MISTAKES.items():
            if case == task and act == activation and los in (None, loss):
                fail(exercise, f"for {shown} you chose {got!r}.", why)
        fail(
            exercise,
            f"for {shown} expected {right!r}, got {got!r}.",
            "the output activation decides what the outputs mean; the loss must be the "
            "negative log-likelihood of that meaning.",
        )
    shown = "task_type = 'ranking' (not one of the four)"
    try:
        got = choose_output("ranking")
    except ValueError as error:
        if "task_type" not in str(error):
            fail(
                exercise,
                f"for {shown} the ValueError does not name the argument: {error}",
                'say which argument was wrong, e.g. f"task_type must be one of ..., got '
                '{task_type!r}".',
            )
    except Exception as error:
        fail(
            exercise,
            f"for {shown} raised {type(error).__name__} instead of ValueError.",
            "raise ValueError for a task type you do not know.",
        )
    else:
        fail(
            exercise,
            f"for {shown} expected a ValueError, got {got!r}.",
            "an unknown task type is a bug in the caller: raise ValueError naming task_type "
            "instead of guessing.",
        )
    passed(
        exercise,
        "every output layer has its loss: sigmoid + BCE, softmax + cross-entropy, "
        "sigmoid + BCE per label, identity + MSE; unknown task types are refused.",
    )


# --- Exercise 2: dead units from recorded activations ------------------------------------------


def _reference_dead(model: Any, X: np.ndarray, *, slope_at: str = "z") -> list[np.ndarray]:
    """Per hidden activation layer: True where f′(z) = 0 on every row (``slope_at`` = "a"
    evaluates the slope at the layer's output instead — a mistake the check recognises)."""
    model.forward(X, record=True)
    masks = []
    for index, layer in enumerate(model.layers):
        if isinstance(layer, Activation):
            at = model.outputs[index - 1] if slope_at == "z" else model.outputs[index]
            slopes = layer.activation.derivative(at, **layer.settings)
            masks.append(np.all(slopes == 0, axis=0))
    return masks


def _dead_models() -> list[tuple[str, Any, np.ndarray]]:
    """Small seeded models with units pushed dead (or saturated) on purpose."""
    X = np.random.default_rng(13).normal(size=(40, 3))
    cases = []
    for name, pushes in (
        ("relu", {0: (-1e3, [1, 3]), 2: (-1e3, [0])}),
        ("relu6", {0: (1e3, [0]), 2: (-1e3, [2])}),  # one unit stuck at 6, one at 0
        ("leaky_relu", {0: (-1e3, [0, 1])}),  # slope α on the left: never dead
        ("hard_sigmoid", {0: (1e3, [2]), 2: (-1e3, [1])}),  # flat at 1 and at 0
        ("tanh", {}),
    ):
        model = mlp([3, 5, 4, 2], name, rng=7)
        for layer_index, (bias, units) in pushes.items():
            model.layers[layer_index].b[units] = bias
        cases.append((name, model, X))
    return cases


def _same_masks(got: Any, expected: list[np.ndarray]) -> bool:
    try:
        got = list(got)
    except TypeError:
        return False
    return len(got) == len(expected) and all(
        np.shape(g) == e.shape and np.array_equal(np.asarray(g, dtype=bool), e)
        for g, e in zip(got, expected, strict=True)
    )


def check_dead_units(dead_units: Callable[..., Any]) -> None:
    """Check ``dead_units(model, X)``: a list with one boolean array of shape (units,) per hidden
    activation layer, True where the unit's slope f′(z) is 0 on every row of X."""
    exercise = "dead_units"
    hint = (
        "model.forward(X, record=True) fills model.outputs; for layer i of type Activation, "
        "z = model.outputs[i - 1] and the slopes are layer.activation.derivative(z, "
        "**layer.settings)."
    )
    for name, model, X in _dead_models():
        shown = f"a [3, 5, 4, 2] {name} network on X of shape {X.shape}"
        expected = _reference_dead(model, X)
        got = call_with_hint(exercise, dead_units, model, X, shown=shown, hint=hint)
        if _same_masks(got, expected):
            continue
        if not isinstance(got, list | tuple):
            fail(
                exercise,
                f"for {shown} expected a list of masks, got {type(got).__name__}.",
                "return one boolean array per hidden activation layer, in a list.",
            )
        if len(got) != len(expected):
            fail(
                exercise,
                f"for {shown} expected {len(expected)} masks (one per hidden "
                f"activation layer), got {len(got)}.",
                "Dense layers and the output layer have no activation to die: look only at "
                "the layers that are helpers.nn.Activation.",
            )
        for index, (mask, right) in enumerate(zip(got, expected, strict=True)):
            if np.shape(mask) != right.shape:
                fail(
                    exercise,
                    f"for {shown} mask {index} should have shape {right.shape} (one "
                    f"entry per unit), got shape {np.shape(mask)}.",
                    "reduce over the examples (axis=0) and keep one True/False per unit; "
                    "the share is mask.mean().",
                )
        model.forward(X, record=True)
        activations = [
            model.outputs[i] for i, la in enumerate(model.layers) if isinstance(la, Activation)
        ]
        wrong = [
            (
                "'output ≤ 0 on every row', ReLU's rule",
                [np.all(a <= 0, axis=0) for a in activations],
                "that rule is ReLU's only: a ReLU6 unit stuck at 6 is dead too, and a Leaky ReLU "
                "unit with negative outputs is not (its slope is α). Test the slope: f′(z) == 0.",
            ),
            (
                "units whose slope is 0 on *some* row (np.any)",
                [
                    np.any(
                        layer.activation.derivative(model.outputs[i - 1], **layer.settings) == 0,
                        axis=0,
                    )
                    for i, layer in enumerate(model.layers)
                    if isinstance(layer, Activation)
                ],
                "a zero slope on some rows is ordinary sparsity; dead means every row: np.all.",
            ),
            (
                "the slope taken at the layer's output a = f(z) instead of its input z",
                _reference_dead(model, X, slope_at="a"),
                "f′ must be evaluated at the pre-activation z = model.outputs[i - 1], the input "
                "of the activation layer i.",
            ),
        ]
        for what, masks, why in wrong:
            if _same_masks(got, masks) and not _same_masks(masks, expected):
                fail(exercise, f"for {shown} your masks equal {what}.", why)
        fail(
            exercise,
            f"for {shown} expected {[m.tolist() for m in expected]}, got "
            f"{[np.asarray(m).tolist() for m in got]}.",
            hint,
        )
    passed(
        exercise,
        "dead units found by their slope: ReLU below 0, ReLU6 stuck at 6, a hard "
        "sigmoid flat at 0 or 1; Leaky ReLU and tanh units are never flagged.",
    )


# --- Exercise 3: reading a comparison table ----------------------------------------------------


def _row(task: str, activation: str, value: tuple[float, float] | None, metric: str) -> dict:
    return {
        "task": task,
        "activation": activation,
        "seeds": 3,
        "diverged": 0 if value else 3,
        "reached": 0,
        metric: value,
    }


def _table(metric: str) -> list[dict]:
    """A crafted table: every typical misreading gives a different answer on it."""
    if metric == "final_loss":
        # Best a: 1.0 ± 0.25. k touches it exactly (1.75 − 0.5 = 1.0 + 0.25, exact in binary);
        # n overlaps only through its own spread, g only through a's, h through either.
        values = {
            "c": (1.4, 0.05),
            "d": (1.25, 0.2),
            "a": (1.0, 0.25),
            "b": (1.15, 0.1),
            "g": (1.08, 0.0),
            "h": (1.18, 0.2),
            "e": None,
            "k": (1.75, 0.5),
            "n": (1.4, 0.3),
        }
    else:
        values = {
            "c": (0.7, 0.01),
            "a": (0.9, 0.02),
            "b": (0.85, 0.04),
            "e": None,
            "d": (0.8, 0.02),
            "h": (0.82, 0.07),
        }
    rows = [_row("T", name, value, metric) for name, value in values.items()]
    rows.insert(2, _row("U", "z", (0.5, 0.0) if metric == "final_loss" else (1.0, 0.0), metric))
    return rows


def _tied(
    rows: list[dict],
    task: str,
    metric: str,
    *,
    rule: str = "right",
    other_tasks: bool = False,
    direction: int | None = None,
) -> list[str]:
    """The right answer, or (``rule``, ``other_tasks``, ``direction``) a typical misreading."""
    sign = direction if direction is not None else (-1 if metric == "accuracy" else 1)
    scored = [
        (sign * row[metric][0], row[metric][1], row["activation"])
        for row in rows
        if (other_tasks or row["task"] == task) and row[metric] is not None
    ]
    best_mean, best_std, _ = min(scored, key=lambda item: item[0])
    rules = {
        "right": lambda m, s: m - s <= best_mean + best_std,
        "best only": lambda m, s: m == best_mean,
        "best's std only": lambda m, s: m <= best_mean + best_std,
        "own std only": lambda m, s: m - s <= best_mean,
        "strict": lambda m, s: m - s < best_mean + best_std,
    }
    kept = [item for item in scored if rules[rule](item[0], item[1])]
    return [name for _, _, name in sorted(kept, key=lambda item: item[0])]


def check_tied_with_best(tied_with_best: Callable[..., Any]) -> None:
    """Check ``tied_with_best(rows, task, metric)`` on crafted tables for "final_loss" (lower is
    better) and "accuracy" (higher is better)."""
    exercise = "tied_with_best"
    for metric in ("final_loss", "accuracy"):
        rows = _table(metric)
        shown = f"a table for task 'T' with metric {metric!r}"
        got = call_with_hint(
            exercise,
            tied_with_best,
            [dict(r) for r in rows],
            "T",
            metric,
            shown=shown,
            hint="skip rows of other tasks and rows whose value is None (every seed diverged).",
        )
        expected = _tied(rows, "T", metric)
        if not isinstance(got, list | tuple) or not all(isinstance(n, str) for n in got):
            fail(
                exercise,
                f"for {shown} expected a list of activation names, got {got!r}.",
                "return a list of names, ordered from the best mean to the worst.",
            )
        got = list(got)
        if got == expected:
            continue
        if sorted(got) == sorted(expected):
            fail(
                exercise,
                f"for {shown} the names are right but the order is {got}; expected {expected}.",
                "sort from the best mean to the worst.",
            )
        flipped = -1 if metric == "final_loss" else 1
        wrong = [
            (
                "the best activation alone",
                _tied(rows, "T", metric, rule="best only"),
                "a difference smaller than the spread between seeds is noise: keep every row "
                "whose mean ± std interval overlaps the best's.",
            ),
            (
                "the rows within the best's std (ignoring each row's own std)",
                _tied(rows, "T", metric, rule="best's std only"),
                "both intervals have a width: compare mean − std of the row with mean + std of the "
                "best (for a loss).",
            ),
            (
                "the rows whose own interval reaches the best's mean (ignoring the best's std)",
                _tied(rows, "T", metric, rule="own std only"),
                "both intervals have a width: compare mean − std of the row with mean + std of the "
                "best (for a loss).",
            ),
            (
                "the answer with strict < (intervals that touch count as overlapping)",
                _tied(rows, "T", metric, rule="strict"),
                "use <= so touching intervals count.",
            ),
            (
                "the answer over every task's rows",
                _tied(rows, "T", metric, other_tasks=True),
                "keep only the rows whose 'task' is the task asked for.",
            ),
            (
                "the answer with the direction reversed",
                _tied(rows, "T", metric, direction=flipped),
                "a lower loss is better, a higher accuracy is better.",
            ),
        ]
        for what, answer, why in wrong:
            if got == answer and answer != expected:
                fail(exercise, f"for {shown} your answer {got} equals {what}.", why)
        fail(
            exercise,
            f"for {shown} expected {expected}, got {got}.",
            "the best is the row with the lowest mean loss (highest mean accuracy); keep "
            "every row whose mean ± std interval overlaps the best's.",
        )
    passed(
        exercise,
        "the best row and every row whose mean ± std overlaps it, in order, with "
        "the right direction for loss and accuracy.",
    )
