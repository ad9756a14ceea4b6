"""helpers.claims: a claim prints with its numbers when it holds and stops the notebook when not."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.claims import ClaimError, claim, within


def test_a_claim_that_holds_is_printed_with_its_numbers(capsys) -> None:
    assert claim("the ratio is {ratio:.2f}×", holds=True, ratio=1.2345) is None
    assert capsys.readouterr().out == "✓ the ratio is 1.23×\n"


def test_a_claim_that_fails_names_the_claim_and_every_number() -> None:
    with pytest.raises(ClaimError) as caught:
        claim("ELU is {speedup:.1f}× faster", holds=False, speedup=0.9, runs=5)
    assert isinstance(caught.value, AssertionError)
    assert "the claim does not hold: ELU is 0.9× faster" in str(caught.value)
    assert "speedup = 0.9, runs = 5" in str(caught.value)


def test_numpy_truth_values_count() -> None:
    claim("all positive", holds=np.all(np.array([1, 2]) > 0))
    with pytest.raises(ClaimError):
        claim("all positive", holds=np.all(np.array([-1, 2]) > 0))


@pytest.mark.parametrize("holds", [None, "yes", np.array([True, False]), 0.5])
def test_holds_must_be_a_truth_value(holds) -> None:
    with pytest.raises(TypeError, match="holds must be a truth value"):
        claim("x", holds=holds)


def test_a_statement_that_names_a_missing_number_is_an_error() -> None:
    with pytest.raises(ValueError, match="cannot be filled in"):
        claim("ratio {ratio}", holds=True, other=1)


def test_within() -> None:
    assert within(1.5, 1.3, 2.3) and within(1.3, 1.3, 2.3) and not within(2.4, 1.3, 2.3)
    with pytest.raises(ValueError, match="low must not exceed high"):
        within(1.0, 2.0, 1.0)
