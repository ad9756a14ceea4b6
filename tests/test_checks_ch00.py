"""Hand-written tests for chapter 00's checks: what the tables alone cannot say.

tests/test_check_tables.py already turns every catalogued mistake into a mutation test. Here:
other correct spellings that must pass, the exact words a learner reads (the notebook shows the
feedback for a missing bias), the hints for answers that crash, and that the neuron the notebook
measures is the one the prediction is judged against.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import relu
from helpers.checks import ExerciseFailure, check_neuron_prediction, check_weighted_sum
from helpers.checks.ch00_start import NEURON

CHAPTER = Path(__file__).resolve().parent.parent / "notebooks" / "00_start_here.ipynb"


# --- Exercise 1: weighted_sum ------------------------------------------------------------------


@pytest.mark.parametrize(
    "right",
    [
        lambda x, w, b: x @ w + b,
        lambda x, w, b: b + np.dot(x, w),
        lambda x, w, b: np.sum(x * w, axis=-1) + b,
        lambda x, w, b: np.einsum("...d,d->...", x, w) + b,
        lambda x, w, b: np.tensordot(x, w, axes=1) + b,
        lambda x, w, b: np.inner(x, w) + b,
        lambda x, w, b: (w * x).sum(-1) + b,
    ],
    ids=["matmul", "dot", "sum-last-axis", "einsum", "tensordot", "inner", "w-times-x"],
)
def test_correct_spellings_pass(right, capsys: pytest.CaptureFixture[str]) -> None:
    check_weighted_sum(right)
    assert "✓ weighted_sum: all 4 cases match z = x·w + b" in capsys.readouterr().out


def test_the_feedback_the_notebook_shows_for_a_missing_bias() -> None:
    with pytest.raises(ExerciseFailure) as failure:
        check_weighted_sum(lambda x, w, b: x @ w)
    assert str(failure.value) == (
        "weighted_sum: for one sample x=[1, 2, 3] expected 4.75, got 4.5.\n"
        "Hint: the bias b is missing: z = x·w + b."
    )


def test_the_column_convention_is_named_where_it_first_differs() -> None:
    message = rejects(
        check_weighted_sum,
        lambda x, w, b: w @ x + b,
        "for a batch of 3 rows, x.shape = (3, 3) your answer equals w @ x + b",
        "x goes first: x @ w + b",
        "For one sample both orders agree",
    )
    assert "matmul" not in message  # named as a mistake, not reported as a crash


@pytest.mark.parametrize(
    ("crashes", "hint"),
    [
        (lambda x, w, b: (x * w).sum(axis=1) + b, "one sample x has shape (d,), with only axis 0"),
        (lambda x, w, b: x @ w.T[:1] + b, "the shapes do not line up for @"),
        (lambda x, w, b: x @ w + b[0], "Hint: z = x @ w + b"),
    ],
    ids=["axis-1-on-one-sample", "matmul-mismatch", "other-crash"],
)
def test_a_crash_is_reported_with_a_hint_for_its_cause(crashes, hint: str) -> None:
    message = rejects(check_weighted_sum, crashes, "raised ")
    assert hint in message


def test_summing_the_whole_batch_is_named() -> None:
    rejects(
        check_weighted_sum,
        lambda x, w, b: np.sum(x * w) + b,
        "your answer equals one number for the whole batch",
        "np.sum(x * w, axis=-1) + b",
    )


def test_stub_and_non_function_are_reported() -> None:
    rejects(check_weighted_sum, stub, "still raises NotImplementedError")
    rejects(check_weighted_sum, 42, "expected a function")


# --- Exercise 2: neuron_prediction -------------------------------------------------------------


@pytest.mark.parametrize(
    "prediction",
    [[2, 0], (2.0, 0.0), np.array([2.0, 0.0]), [2.0, -0.0], [np.float64(2), 0]],
    ids=["ints", "tuple", "array", "minus-zero", "numpy-scalar"],
)
def test_any_way_of_writing_the_right_prediction_passes(
    prediction, capsys: pytest.CaptureFixture[str]
) -> None:
    check_neuron_prediction(lambda: prediction)
    assert capsys.readouterr().out == (
        "✓ neuron_prediction: a = 2 for x_A (z = 2, passed) and 0 for x_B (z = -2, switched "
        "off), as predicted.\n"
    )


def test_a_rounded_sigmoid_prediction_is_still_named() -> None:
    rejects(check_neuron_prediction, lambda: [0.88, 0.12], "σ(z)", "this one uses ReLU")


@pytest.mark.parametrize(
    ("prediction", "fragments"),
    [
        ([3, 0], ("expected array of shape (2,): [2. 0.]", "z = w₁x₁ + w₂x₂ + b, then")),
        (2, ("expected two numbers, got 2.", "return two numbers, [a for x_A, a for x_B]")),
        ([2, 0, 0], ("expected two numbers, got [2, 0, 0]", "return two numbers")),
        ([[2], [0]], ("expected two numbers, got [[2], [0]]", "return two numbers")),
        ("2, 0", ("expected numbers",)),
        (None, ("returned None",)),
    ],
    ids=["uncatalogued", "one-number", "three-numbers", "column", "text", "none"],
)
def test_other_wrong_predictions_get_the_general_hint(prediction, fragments) -> None:
    rejects(check_neuron_prediction, lambda: prediction, *fragments)


def test_the_notebook_measures_the_neuron_the_prediction_is_judged_against() -> None:
    cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    (cell,) = [
        "".join(c["source"])
        for c in cells
        if c["cell_type"] == "code" and "check_neuron_prediction(" in "".join(c["source"])
    ]
    measurement = cell.split("check_neuron_prediction(")[0]
    namespace: dict = {"np": np, "relu": relu, "print": lambda *args: None}
    exec(measurement, namespace)
    np.testing.assert_array_equal(namespace["X"], NEURON["X"])
    np.testing.assert_array_equal(namespace["w"], NEURON["w"])
    assert namespace["b"] == NEURON["b"]
    np.testing.assert_array_equal(namespace["a"], [2.0, 0.0])
