"""Mutation tests for chapter 13's exercise checks (choosing an activation).

Every check must accept the reference solution and reject each typical wrong answer — softmax
with MSE, sigmoid on exclusive classes, softmax on independent labels, a bounded regression
output; ReLU's "output ≤ 0" rule applied to every activation, np.any for np.all, the slope at the
wrong place; a table read by its means alone, the wrong direction or the wrong task — with a
message that names the mistake; the assertions pin the words a learner would read.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.checks import (
    check_choose_output,
    check_dead_at_start,
    check_dead_units,
    check_spread_kinks,
    check_tied_with_best,
)
from helpers.nn import Activation

# --- choose_output -----------------------------------------------------------------------------

PAIRS = {
    "binary": ("sigmoid", "bce"),
    "multiclass": ("softmax", "cross_entropy"),
    "multilabel": ("sigmoid", "bce"),
    "regression": ("identity", "mse"),
}


def choose_output_reference(task_type):
    if task_type not in PAIRS:
        raise ValueError(f"task_type must be one of {sorted(PAIRS)}, got {task_type!r}")
    return PAIRS[task_type]


def _choose_with(**changes):
    """The reference with some answers replaced by a wrong pair."""

    def choose_output(task_type):
        if task_type in changes:
            return changes[task_type]
        return choose_output_reference(task_type)

    return choose_output


def test_choose_output_reference_passes(capsys):
    check_choose_output(choose_output_reference)
    assert "✓ choose_output" in capsys.readouterr().out


def test_choose_output_accepts_other_spellings_and_two_class_softmax(capsys):
    spelled = {
        "binary": ("softmax", "Cross-entropy"),  # two softmax outputs: the same model
        "multiclass": ("Softmax", "categorical cross-entropy"),
        "multilabel": ("logistic", "binary_cross_entropy"),
        "regression": (None, "mean squared error"),
    }
    check_choose_output(_choose_with(**spelled))
    assert "✓ choose_output" in capsys.readouterr().out


def test_choose_output_failure_is_an_assertion_error_for_graders():
    with pytest.raises(AssertionError):
        check_choose_output(stub)


@pytest.mark.parametrize(
    ("changes", "fragments"),
    [
        ({"multiclass": ("softmax", "mse")}, ["'multiclass'", "softmax + MSE", "vanishes"]),
        ({"multiclass": ("sigmoid", "bce")}, ["mutually exclusive", "sum to 1"]),
        ({"multiclass": ("softmax", "bce")}, ["categorical", "'cross_entropy'"]),
        ({"multilabel": ("softmax", "cross_entropy")}, ["'multilabel'", "compete"]),
        ({"binary": ("sigmoid", "mse")}, ["sigmoid + MSE", "σ′(z)"]),
        ({"binary": ("sigmoid", "cross_entropy")}, ["binary one, 'bce'"]),
        ({"multilabel": ("sigmoid", "cross_entropy")}, ["own yes/no question"]),
        ({"multilabel": ("sigmoid", "mse")}, ["sigmoid + MSE", "per label"]),
        ({"regression": ("relu", "mse")}, ["never be negative"]),
        ({"regression": ("sigmoid", "mse")}, ["(0, 1)"]),
        ({"regression": ("tanh", "mse")}, ["(−1, 1)"]),
        ({"regression": ("identity", "bce")}, ["real-valued target", "'mse'"]),
        ({"binary": ("identity", "mse")}, ["expected ('sigmoid', 'bce')"]),
        ({"binary": "sigmoid"}, ["expected a pair", "'sigmoid'"]),
        ({"binary": ("sigmoid", "bce", "adam")}, ["expected a pair"]),
        ({"binary": ("sigmoid", "log loss")}, ["does not know", "'bce'"]),
        ({"binary": None}, ["returned None"]),
    ],
)
def test_choose_output_wrong_pairs_are_named(changes, fragments):
    rejects(check_choose_output, _choose_with(**changes), "choose_output:", *fragments)


def test_choose_output_must_refuse_unknown_task_types():
    def guesses(task_type):
        return PAIRS.get(task_type, ("identity", "mse"))

    rejects(check_choose_output, guesses, "'ranking'", "expected a ValueError")

    def vague(task_type):
        if task_type not in PAIRS:
            raise ValueError("unknown")
        return PAIRS[task_type]

    rejects(check_choose_output, vague, "does not name the argument")

    def key_error(task_type):
        return PAIRS[task_type]

    rejects(check_choose_output, key_error, "raised KeyError instead of ValueError")


def test_choose_outputstub_is_reported():
    rejects(check_choose_output, stub, "NotImplementedError")


# --- dead_units --------------------------------------------------------------------------------


def _hidden_activations(model):
    return [(i, layer) for i, layer in enumerate(model.layers) if isinstance(layer, Activation)]


def dead_units_reference(model, X):
    model.forward(X, record=True)
    masks = []
    for i, layer in _hidden_activations(model):
        slopes = layer.activation.derivative(model.outputs[i - 1], **layer.settings)
        masks.append(np.all(slopes == 0, axis=0))
    return masks


def test_dead_units_reference_passes(capsys):
    check_dead_units(dead_units_reference)
    out = capsys.readouterr().out
    assert "✓ dead_units" in out and "ReLU6 stuck at 6" in out


def test_dead_units_other_correct_spellings_pass(capsys):
    from helpers.activations import ACTIVATIONS

    def via_registry_as_tuple_of_int_arrays(model, X):
        model.forward(X, record=True)
        return tuple(
            (~np.any(ACTIVATIONS[layer.name].grad(model.outputs[i - 1]) != 0, axis=0)).astype(int)
            for i, layer in _hidden_activations(model)
        )

    check_dead_units(via_registry_as_tuple_of_int_arrays)
    assert "✓ dead_units" in capsys.readouterr().out


def _relu_rule(model, X):
    model.forward(X, record=True)
    return [np.all(model.outputs[i] <= 0, axis=0) for i, _ in _hidden_activations(model)]


def _any(model, X):
    model.forward(X, record=True)
    return [
        np.any(layer.activation.derivative(model.outputs[i - 1]) == 0, axis=0)
        for i, layer in _hidden_activations(model)
    ]


def _slope_at_output(model, X):
    model.forward(X, record=True)
    return [
        np.all(layer.activation.derivative(model.outputs[i]) == 0, axis=0)
        for i, layer in _hidden_activations(model)
    ]


def _with_output_layer(model, X):
    masks = dead_units_reference(model, X)
    return [*masks, np.all(model.outputs[-1] <= 0, axis=0)]


def _shares(model, X):
    return [float(mask.mean()) for mask in dead_units_reference(model, X)]


def _wrong_axis(model, X):
    model.forward(X, record=True)
    return [
        np.all(layer.activation.derivative(model.outputs[i - 1]) == 0, axis=1)
        for i, layer in _hidden_activations(model)
    ]


def _no_record(model, X):
    model.outputs = []  # as for a fresh model: forward(X) without record=True keeps nothing
    model.forward(X)
    return [np.all(model.outputs[i - 1] <= 0, axis=0) for i, _ in _hidden_activations(model)]


def _one_mask(model, X):
    return np.concatenate(dead_units_reference(model, X))


def _flipped(model, X):
    return [~mask for mask in dead_units_reference(model, X)]


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_relu_rule, ["relu6 network", "ReLU's rule", "stuck at 6", "f′(z) == 0"]),
        (_any, ["*some* row (np.any)", "every row: np.all"]),
        (_slope_at_output, ["hard_sigmoid network", "output a = f(z)", "model.outputs[i - 1]"]),
        (_with_output_layer, ["expected 2 masks", "got 3", "helpers.nn.Activation"]),
        (_shares, ["mask 0 should have shape (5,)", "got shape ()"]),
        (_wrong_axis, ["mask 0 should have shape (5,)", "got shape (40,)", "axis=0"]),
        (_no_record, ["raised IndexError", "record=True"]),
        (_one_mask, ["expected a list of masks, got ndarray"]),
        (_flipped, ["expected [[False, True, False, True, False], [True"]),
        (lambda model, X: None, ["returned None"]),
        (stub, ["NotImplementedError"]),
    ],
)
def test_dead_units_mistakes_are_named(wrong, fragments):
    rejects(check_dead_units, wrong, "dead_units:", *fragments)


# --- tied_with_best ----------------------------------------------------------------------------


def tied_with_best_reference(rows, task, metric):
    sign = -1.0 if metric == "accuracy" else 1.0  # compare as "lower is better"
    scored = [
        (sign * row[metric][0], row[metric][1], row["activation"])
        for row in rows
        if row["task"] == task and row[metric] is not None
    ]
    best_mean, best_std, _ = min(scored)
    kept = [item for item in scored if item[0] - item[1] <= best_mean + best_std]
    return [name for _, _, name in sorted(kept, key=lambda item: item[0])]


def test_tied_with_best_reference_passes(capsys):
    check_tied_with_best(tied_with_best_reference)
    assert "✓ tied_with_best" in capsys.readouterr().out


def test_tied_with_best_other_correct_spelling_passes(capsys):
    def by_gap(rows, task, metric):
        better = max if metric == "accuracy" else min
        usable = [r for r in rows if r["task"] == task and r[metric] is not None]
        best = better(usable, key=lambda r: r[metric][0])
        close = [
            r
            for r in usable
            if abs(r[metric][0] - best[metric][0]) <= r[metric][1] + best[metric][1]
        ]
        close.sort(key=lambda r: r[metric][0], reverse=metric == "accuracy")
        return tuple(r["activation"] for r in close)

    check_tied_with_best(by_gap)
    assert "✓ tied_with_best" in capsys.readouterr().out


def _variant(*, rule="right", other_tasks=False, flip=False, order=True, skip_none=True):
    def tied_with_best(rows, task, metric):
        sign = -1.0 if metric == "accuracy" else 1.0
        sign = -sign if flip else sign
        scored = [
            (sign * row[metric][0], row[metric][1], row["activation"])
            for row in rows
            if (other_tasks or row["task"] == task) and (row[metric] is not None or not skip_none)
        ]
        best_mean, best_std, _ = min(scored)
        rules = {
            "right": lambda m, s: m - s <= best_mean + best_std,
            "best only": lambda m, s: m == best_mean,
            "best's std only": lambda m, s: m <= best_mean + best_std,
            "own std only": lambda m, s: m - s <= best_mean,
            "strict": lambda m, s: m - s < best_mean + best_std,
        }
        kept = [item for item in scored if rules[rule](item[0], item[1])]
        if order:
            kept.sort(key=lambda item: item[0])
        return [name for _, _, name in kept]

    return tied_with_best


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_variant(rule="best only"), ["'final_loss'", "best activation alone", "noise"]),
        (_variant(rule="best's std only"), ["ignoring each row's own std", "both intervals"]),
        (_variant(rule="own std only"), ["ignoring the best's std", "both intervals"]),
        (_variant(rule="strict"), ["strict <", "use <="]),
        (_variant(other_tasks=True), ["every task's rows", "'task'"]),
        (_variant(flip=True), ["direction reversed", "higher accuracy is better"]),
        (_variant(order=False), ["order is", "best mean to the worst"]),
        (_variant(skip_none=False), ["raised TypeError", "None (every seed diverged)"]),
        (lambda rows, task, metric: {"a", "g"}, ["expected a list of activation names"]),
        (lambda rows, task, metric: ["a", "k"], ["expected ['a', 'g', 'b', 'h', 'd', 'n', 'k']"]),
        (stub, ["NotImplementedError"]),
    ],
)
def test_tied_with_best_misreadings_are_named(wrong, fragments):
    rejects(check_tied_with_best, wrong, "tied_with_best:", *fragments)


def test_tied_with_best_accuracy_direction_is_checked_separately():
    # Right for the loss table, but treats accuracy as "lower is better" too.
    def loss_only(rows, task, metric):
        return _variant(flip=metric == "accuracy")(rows, task, metric)

    rejects(check_tied_with_best, loss_only, "'accuracy'", "direction reversed")


# --- spread_kinks ------------------------------------------------------------------------------


def _even_kinks(w, low, high):
    return -w * (low + (np.arange(len(w)) + 0.5) * (high - low) / len(w))


@pytest.mark.parametrize(
    "variant",
    [
        _even_kinks,
        lambda w, low, high: -w * np.linspace(low, high, len(w) + 2)[1:-1],  # ends left out
        lambda w, low, high: -w * (low + (np.arange(len(w))[::-1] + 0.5) * (high - low) / len(w)),
        lambda w, low, high: np.array(
            [-wj * c for wj, c in zip(w, np.linspace(low, high, 2 * len(w) + 1)[1::2], strict=True)]
        ),
    ],
)
def test_spread_kinks_accepts_any_even_placement(variant) -> None:
    check_spread_kinks(variant)


def test_spread_kinks_names_the_gap_of_random_kinks() -> None:
    def clumped(w, low, high):  # every kink in the left third
        return -w * np.linspace(low, low + (high - low) / 3, len(w) + 2)[1:-1]

    rejects(check_spread_kinks, clumped, "uncovered", "1.5·(high − low)/n", "b_j = −w_j·c_j")


def test_spread_kinks_names_a_wrong_shape() -> None:
    rejects(check_spread_kinks, lambda w, low, high: np.zeros(3), "one bias per unit")


def test_spread_kinks_names_the_mirror() -> None:
    rejects(
        check_spread_kinks, lambda w, low, high: -_even_kinks(w, low, high), "mirror", "b = −w·c"
    )


def test_spread_kinks_names_the_ends_of_linspace() -> None:
    rejects(
        check_spread_kinks,
        lambda w, low, high: -w * np.linspace(low, high, len(w)),
        "on low or high",
        "active on all of the data or on none",
    )


def test_spread_kinks_names_kinks_that_follow_the_weights() -> None:
    def by_w(w, low, high):  # the midpoints, handed out in the order of w
        return (
            -w
            * np.sort(low + (np.arange(len(w)) + 0.5) * (high - low) / len(w))[
                np.argsort(np.argsort(w))
            ]
        )

    rejects(check_spread_kinks, by_w, "other weights", "the j-th point", "ReLU6 trains worse")


def test_spread_kinks_names_a_shuffle_that_changes_between_calls() -> None:
    def shuffled(w, low, high):
        centres = low + (np.arange(len(w)) + 0.5) * (high - low) / len(w)
        return -w * np.random.default_rng().permutation(centres)

    rejects(check_spread_kinks, shuffled, "or on a second call")


# --- dead_at_start -----------------------------------------------------------------------------


@pytest.mark.parametrize("prediction", [0.25, 1 / 4, 0.24, 0.27])
def test_dead_at_start_accepts_a_quarter(prediction, capsys) -> None:
    check_dead_at_start(lambda: prediction)
    assert "1/4" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("prediction", "fragments"),
    [
        (0.0, ("can start dead", "a_k·x for x > 0")),
        (0.5, ("not dead", "every input")),
        (1 / 16, ("one unit",)),
        (0.125, ("two conditions",)),
        (0.75, ("can still learn",)),
        (25, ("between 0 and 1",)),
        ("a quarter", ("one number",)),
        (0.4, ("a_k·x for x > 0",)),
    ],
)
def test_dead_at_start_wrong_predictions_are_named(prediction, fragments) -> None:
    rejects(check_dead_at_start, lambda: prediction, *fragments)


def test_dead_at_start_reference_is_the_measurement() -> None:
    from helpers.checks.ch13_choosing import dead_share_at_start

    assert 0.22 < dead_share_at_start() < 0.27
