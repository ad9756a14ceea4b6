"""Mutation tests for chapter 11's exercise checks (softmax, log-softmax, the vector-Jacobian
product, and the diagnosis of a NaN row).

Every check must accept the reference solution and reject each typical wrong answer — the
naive formula that overflows, a wrong or ignored axis, a forgotten normalisation or keepdims,
log(softmax), a VJP that builds the Jacobian — with a message that names the mistake; the
assertions pin the words a learner would read.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import log_softmax, softmax, softmax_jacobian
from helpers.checks import (
    check_nan_diagnosis,
    check_softmax_vjp,
    check_stable_log_softmax,
    check_stable_softmax,
)
from helpers.checks.ch11_softmax import NAN_CAUSES, SUSPECT_BATCH

# --- stable_softmax ---------------------------------------------------------------------------


def softmax_reference(z, axis=-1):
    shifted = z - z.max(axis=axis, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=axis, keepdims=True)


def test_softmax_reference_passes(capsys):
    check_stable_softmax(softmax_reference)
    assert "✓ stable_softmax" in capsys.readouterr().out


def test_softmax_from_helpers_passes(capsys):
    check_stable_softmax(lambda z, axis=-1: softmax(z, axis=axis))
    assert "✓ stable_softmax" in capsys.readouterr().out


def _naive(z, axis=-1):
    return np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)


def _naive_silenced(z, axis=-1):
    with np.errstate(all="ignore"):  # hiding the warning must not hide the NaN
        return _naive(z, axis)


def _global_max(z, axis=-1):
    exps = np.exp(z - z.max())
    return exps / exps.sum(axis=axis, keepdims=True)


def _sum_without_keepdims(z, axis=-1):
    exps = np.exp(z - z.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis)


def _max_without_keepdims(z, axis=-1):
    exps = np.exp(z - z.max(axis=axis))
    return exps / exps.sum(axis=axis, keepdims=True)


def _in_place(z, axis=-1):
    z -= z.max(axis=axis, keepdims=True)
    np.exp(z, out=z)
    return z / z.sum(axis=axis, keepdims=True)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_naive, ["numpy warned (overflow encountered in exp)", "max was not subtracted"]),
        (_naive_silenced, ["1000, 999, 998", "max was not subtracted"]),
        (_global_max, ["max of the whole array", "z.max(axis=axis, keepdims=True)"]),
        (_sum_without_keepdims, ["square batch", "without keepdims=True"]),
        (_max_without_keepdims, ["square batch", "max taken without keepdims=True"]),
        (
            lambda z, axis=-1: np.exp(z - z.max(axis=axis, keepdims=True)),
            ["not normalised", "add up to 1"],
        ),
        (
            lambda z, axis=-1: softmax_reference(z, axis) / z.size * z.shape[axis],
            ["first mismatch"],
        ),
        (
            lambda z, axis=-1: np.exp(z - z.max()) / np.exp(z - z.max()).sum(),
            ["sum over the whole array"],
        ),
        (
            lambda z, axis=-1: (e := np.exp(z - z.max(axis=axis, keepdims=True))) / e.sum(),
            ["sum over the whole array"],
        ),
        (lambda z, axis=-1: z / z.sum(axis=axis, keepdims=True), ["without the exponential"]),
        (
            lambda z, axis=-1: (z == z.max(axis=axis, keepdims=True)).astype(float),
            ["hard argmax"],
        ),
        (lambda z, axis=-1: log_softmax(z, axis=axis), ["log-probabilities"]),
        (lambda z, axis=-1: softmax_reference(-z, axis), ["sign of the scores is flipped"]),
        (lambda z, axis=-1: softmax_reference(z), ["along axis -1 instead of axis 0"]),
        (lambda z, axis=-1: softmax_reference(z, 0), ["along axis 0 instead of axis -1"]),
        (lambda z, axis=-1: softmax_reference(z.T, axis).T, ["along axis 0 instead of axis -1"]),
        (_in_place, ["changed its input z in place"]),
        (lambda z: softmax_reference(z), ["raised TypeError", "stable_softmax(z, axis=-1)"]),
        (lambda z, axis=-1: None, ["returned None"]),
        (lambda z, axis=-1: softmax_reference(z, axis).sum(axis=axis), ["expected shape"]),
    ],
    ids=[
        "naive-overflow",
        "naive-warnings-silenced",
        "max-of-whole-array",
        "sum-without-keepdims",
        "max-without-keepdims",
        "not-normalised",
        "wrongly-scaled",
        "normalised-over-everything",
        "normalised-over-everything-row-max",
        "no-exp",
        "hard-argmax",
        "returns-log",
        "negated-scores",
        "ignores-axis",
        "always-axis-0",
        "transposed-axis",
        "modifies-input",
        "no-axis-parameter",
        "returns-none",
        "returns-sums",
    ],
)
def test_softmax_wrong_answers_are_named(wrong, fragments):
    rejects(check_stable_softmax, wrong, "stable_softmax", *fragments)


def test_softmax_nan_from_an_unknown_formula_is_named():
    def nan_for_large(z, axis=-1):
        return np.where(z > 900, np.nan, softmax_reference(z, axis))

    rejects(check_stable_softmax, nan_for_large, "contains NaN", "subtract the max")


def test_softmax_stub_is_reported_as_unfinished():
    rejects(check_stable_softmax, stub, "still raises NotImplementedError")


# --- stable_log_softmax -----------------------------------------------------------------------


def log_softmax_reference(z, axis=-1):
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def test_log_softmax_reference_passes(capsys):
    check_stable_log_softmax(log_softmax_reference)
    assert "✓ stable_log_softmax" in capsys.readouterr().out


def test_log_softmax_from_helpers_passes(capsys):
    check_stable_log_softmax(lambda z, axis=-1: log_softmax(z, axis=axis))
    assert "✓ stable_log_softmax" in capsys.readouterr().out


def _log_of_softmax_silenced(z, axis=-1):
    with np.errstate(divide="ignore"):
        return np.log(softmax_reference(z, axis))


def _log_sum_exp_without_keepdims(z, axis=-1):
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (
            lambda z, axis=-1: np.log(softmax_reference(z, axis)),
            ["divide by zero encountered in log", "log(softmax(z))", "−2000"],
        ),
        (_log_of_softmax_silenced, ["log(softmax(z))", "log 0 = −inf"]),
        (
            lambda z, axis=-1: z - np.log(np.exp(z).sum(axis=axis, keepdims=True)),
            ["overflow", "without subtracting the max"],
        ),
        (
            lambda z, axis=-1: (
                z
                - np.log(np.exp(z - z.max(axis=axis, keepdims=True)).sum(axis=axis, keepdims=True))
            ),
            ["subtracted inside the sum but not outside", "(z − m) − log Σ e^{z − m}"],
        ),
        (lambda z, axis=-1: z - z.max(axis=axis, keepdims=True), ["log Σ exp(z − m) term"]),
        (_log_sum_exp_without_keepdims, ["square batch", "without keepdims=True"]),
        (lambda z, axis=-1: softmax_reference(z, axis), ["the probabilities, not their log"]),
        (lambda z, axis=-1: -log_softmax_reference(z, axis), ["negative log-probabilities"]),
        (lambda z, axis=-1: log_softmax_reference(z), ["along axis -1 instead of axis 0"]),
        (
            lambda z, axis=-1: (d := z - z.max()) - np.log(np.exp(d).sum(axis=axis, keepdims=True)),
            ["max of the whole array"],
        ),
        (lambda z, axis=-1: None, ["returned None"]),
    ],
    ids=[
        "log-of-softmax",
        "log-of-softmax-silenced",
        "naive-log-sum-exp",
        "max-not-subtracted-outside",
        "no-normalisation",
        "sum-without-keepdims",
        "returns-probabilities",
        "negated",
        "ignores-axis",
        "max-of-whole-array",
        "returns-none",
    ],
)
def test_log_softmax_wrong_answers_are_named(wrong, fragments):
    rejects(check_stable_log_softmax, wrong, "stable_log_softmax", *fragments)


def test_log_softmax_inf_from_an_unknown_formula_is_named():
    def clipped(z, axis=-1):
        result = log_softmax_reference(z, axis)
        return np.where(result < -1500, np.inf, result)

    rejects(check_stable_log_softmax, clipped, "contains ±inf", "never log(softmax(z))")


def test_log_softmax_stub_is_reported_as_unfinished():
    rejects(check_stable_log_softmax, stub, "still raises NotImplementedError")


# --- softmax_vjp ------------------------------------------------------------------------------


def vjp_reference(z, g):
    s = softmax_reference(z)
    return s * (g - np.sum(g * s, axis=-1, keepdims=True))


def test_vjp_reference_passes(capsys):
    check_softmax_vjp(vjp_reference)
    out = capsys.readouterr().out
    assert "✓ softmax_vjp" in out
    assert "finite differences agree to better than 1e-8" in out


def _through_the_jacobian(z, g):
    # Right values, O(n²) memory: g @ J row by row.
    return np.einsum("...i,...ij->...j", g, softmax_jacobian(z))


def _naive_vjp(z, g):
    s = np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)
    return s * (g - np.sum(g * s, axis=-1, keepdims=True))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda z, g: softmax_reference(z) * g, ["s ⊙ g", "outer-product part"]),
        (
            lambda z, g: softmax_reference(z) * (1 - softmax_reference(z)) * g,
            ["s(1 − s) ⊙ g", "only the diagonal of J"],
        ),
        (
            lambda z, g: softmax_reference(z) * (g - g.sum(axis=-1, keepdims=True)),
            ["without the weights s"],
        ),
        (lambda z, g: -vjp_reference(z, g), ["sign is flipped"]),
        (
            lambda z, g: g - np.sum(g * softmax_reference(z), axis=-1, keepdims=True),
            ["factor s is missing"],
        ),
        (
            lambda z, g: softmax_reference(z) * (g - np.sum(g * softmax_reference(z))),
            ["summed over the whole batch"],
        ),
        (
            lambda z, g: softmax_reference(z) * (g - np.sum(g * softmax_reference(z), axis=-1)),
            ["square batch", "without keepdims=True"],
        ),
        (
            lambda z, g: (
                (s := softmax_reference(z, 0)) * (g - np.sum(g * s, axis=-1, keepdims=True))
            ),
            ["softmax taken along axis 0"],
        ),
        (_naive_vjp, ["numpy warned (overflow encountered in exp)", "stable softmax"]),
        (_through_the_jacobian, ["n = 1000", "MB", "never build J", "O(n²)"]),
        (lambda z, g: softmax_jacobian(z), ["Jacobian-sized array"]),
        (lambda z, g: None, ["returned None"]),
        (lambda z, g: vjp_reference(z, g) + 1e-3, ["first mismatch"]),
    ],
    ids=[
        "diagonal-s-only",
        "elementwise-derivative",
        "unweighted-sum",
        "sign",
        "no-s-factor",
        "batch-wide-dot",
        "no-keepdims",
        "softmax-axis-0",
        "naive-softmax",
        "builds-jacobian",
        "returns-jacobian",
        "returns-none",
        "off-by-a-little",
    ],
)
def test_vjp_wrong_answers_are_named(wrong, fragments):
    rejects(check_softmax_vjp, wrong, "softmax_vjp", *fragments)


def test_vjp_changing_g_in_place_is_named():
    def overwrites_g(z, g):
        s = softmax_reference(z)
        g -= np.sum(g * s, axis=-1, keepdims=True)
        g *= s
        return g

    rejects(check_softmax_vjp, overwrites_g, "changed its input g in place")


def test_vjp_stub_is_reported_as_unfinished():
    rejects(check_softmax_vjp, stub, "still raises NotImplementedError")


# --- nan_diagnosis ----------------------------------------------------------------------------


def _colleague_softmax(z):
    e = np.exp(z - z.max())
    return e / e.sum(axis=1, keepdims=True)


def test_the_suspect_batch_has_exactly_one_nan_row_and_it_is_row_2():
    with np.errstate(invalid="ignore", under="ignore"):
        out = _colleague_softmax(SUSPECT_BATCH)
    assert np.flatnonzero(np.isnan(out).any(axis=1)).tolist() == [2]
    assert np.all(np.exp(SUSPECT_BATCH[2] - SUSPECT_BATCH.max()) == 0.0)  # cause 2: 0 / 0
    assert np.isfinite(SUSPECT_BATCH).all()  # not cause 3
    assert "underflowed to 0" in NAN_CAUSES[2]


@pytest.mark.parametrize("answer", [(2, 2), [2, 2], np.array([2, 2]), (2.0, 2.0)])
def test_the_diagnosis_passes_in_any_container(answer, capsys):
    check_nan_diagnosis(lambda: answer)
    assert "✓ nan_diagnosis: row 2 comes out NaN" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("answer", "fragments"),
    [
        ((0, 2), ["row 0, the row with the largest score", "e^0, e^−4, e^−5"]),
        ((1, 2), ["row 1", "nothing underflows there"]),
        ((3, 2), ["rows counted from 1", "counts rows from 0"]),
        ((2, 1), ["cause 1, an overflow", "every exponent is ≤ 0"]),
        ((2, 3), ["cause 3, a NaN in the input", "made inside the function"]),
        ((2, 4), ["cause 4, the wrong axis", "one sum per row"]),
        ((2, 5), ["there is no cause 5", "choose 1, 2, 3 or 4"]),
        ((4, 2), ["there is no row 4", "rows 0, 1, 2 and 3"]),
        (2, ["expected two numbers (row, cause)"]),
        ((2, 2, 1), ["expected two numbers (row, cause)"]),
    ],
    ids=[
        "row-0",
        "row-1",
        "from-1",
        "overflow",
        "nan-input",
        "axis",
        "cause-5",
        "row-4",
        "one-number",
        "three-numbers",
    ],
)
def test_wrong_diagnoses_are_named(answer, fragments):
    rejects(check_nan_diagnosis, lambda: answer, "nan_diagnosis", *fragments)


def test_a_wrong_diagnosis_never_shows_the_answer():
    for answer in [(0, 1), (1, 4), (3, 3), (2, 5), (9, 9)]:
        with pytest.raises(AssertionError) as failure:
            check_nan_diagnosis(lambda a=answer: a)
        assert "[2. 2.]" not in str(failure.value) and "(2, 2)" not in str(failure.value)


def test_the_diagnosis_stub_is_reported_as_unfinished():
    rejects(check_nan_diagnosis, stub, "still raises NotImplementedError")
