"""Mutation tests for chapter 00's check: each typical wrong answer must be rejected, helpfully."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.checks import ExerciseFailure, check_weighted_sum


def reference(x, w, b):
    return x @ w + b


def test_reference_passes(capsys: pytest.CaptureFixture[str]) -> None:
    check_weighted_sum(reference)
    assert "✓ weighted_sum" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (lambda x, w, b: x @ w, "bias b is missing"),
        (lambda x, w, b: x @ w - b, "wrong sign"),
        (lambda x, w, b: x * w + b, "one number per input"),
        (lambda x, w, b: np.sum(x * w) + b, "expected shape (4,)"),
        (lambda x, w, b: x @ w + 2 * b, "expected"),
        (lambda x, w, b: None, "returned None"),
        (lambda x, w, b: "z", "expected numbers"),
    ],
    ids=[
        "no-bias",
        "bias-sign",
        "no-sum",
        "sums-the-batch",
        "double-bias",
        "returns-none",
        "returns-text",
    ],
)
def test_wrong_answers_are_rejected_with_the_reason(wrong, message: str) -> None:
    with pytest.raises(ExerciseFailure, match="weighted_sum") as failure:
        check_weighted_sum(wrong)
    assert message in str(failure.value)


def test_stub_is_reported_as_unfinished() -> None:
    def stub(x, w, b):
        raise NotImplementedError("weighted_sum")

    with pytest.raises(AssertionError, match="still raises NotImplementedError"):
        check_weighted_sum(stub)


def test_learner_exception_is_reported_not_raised() -> None:
    def broken(x, w, b):
        return x @ w.T[:1] + b

    with pytest.raises(AssertionError, match="raised ValueError"):
        check_weighted_sum(broken)


def test_not_a_function() -> None:
    with pytest.raises(AssertionError, match="expected a function"):
        check_weighted_sum(42)
