"""Mutation tests for chapter 10's exercise checks (ELU).

Every check must accept the reference solution and reject each typical wrong answer with a
message that names the mistake; the assertions below pin the words a learner would read.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import SELU_ALPHA
from helpers.checks import (
    check_elu,
    check_elu_derivative,
    check_elu_gaussian_mean,
)
from helpers.checks.ch10_elu import gaussian_mean


def test_failure_is_an_assertion_error_for_graders():
    with pytest.raises(AssertionError):
        check_elu(stub)


# --- elu -------------------------------------------------------------------------------------


def elu_reference(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def elu_masked(x, alpha=1.0):
    """Another right answer: a copy filled in through a boolean mask."""
    out = x.astype(float)
    negative = x <= 0
    out[negative] = alpha * np.expm1(x[negative])
    return out


@pytest.mark.parametrize("solution", [elu_reference, elu_masked], ids=["where", "mask"])
def test_elu_right_answers_pass(solution, capsys):
    check_elu(solution)
    assert "✓ elu" in capsys.readouterr().out


def _naive_where(x, alpha=1.0):
    return np.where(x > 0, x, alpha * (np.exp(x) - 1))


def _naive_clamped(x, alpha=1.0):
    return np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0.0)) - 1.0))


def _naive_scaled(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.exp(np.minimum(x, 0.0)) - alpha)


def _expm1_unclamped(x, alpha=1.0):
    return np.where(x > 0, x, alpha * np.expm1(x))


def _mask_product(x, alpha=1.0):
    return x * (x > 0) + alpha * np.expm1(np.minimum(x, 0.0)) * (x <= 0)


def _in_place(x, alpha=1.0):
    negative = x <= 0
    x[negative] = alpha * np.expm1(x[negative])
    return x


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x, a=1.0: np.maximum(x, 0.0), ["ReLU", "negative side is missing", "−α"]),
        (lambda x, a=1.0: np.where(x > 0, x, a * x), ["Leaky ReLU"]),
        (lambda x, a=1.0: np.where(x > 0, x, a * np.exp(np.minimum(x, 0))), ["−1 is missing"]),
        (lambda x, a=1.0: np.where(x > 0, x, -a * np.expm1(np.minimum(x, 0))), ["sign is flipped"]),
        (lambda x, a=1.0: np.where(x > 0, x, np.expm1(np.minimum(x, 0))), ["without α"]),
        (
            lambda x, a=1.0: a * np.where(x > 0, x, np.expm1(np.minimum(x, 0))),
            ["α also scales the positive side", "alpha = 0.5"],
        ),
        (lambda x, a=1.0: a * np.expm1(np.minimum(x, 5.0)), ["positive branch is missing"]),
        (lambda x, a=1.0: elu_reference(x, a).ravel(), ["expected shape (2, 3)", "got shape (6,)"]),
        (lambda x, a=1.0: None, ["returned None", "return"]),
        (_naive_where, ["relative error", "precision is lost near 0", "np.expm1"]),
        (_naive_clamped, ["x = -1e-16", "of 16 significant digits", "np.expm1"]),
        (_naive_scaled, ["precision is lost near 0", "nearly equal numbers"]),
        (_expm1_unclamped, ["numpy warned", "overflow", "both branches", "np.minimum(x, 0)"]),
        (_mask_product, ["numpy warned", "invalid value", "inf·0 = NaN", "np.where"]),
        (_in_place, ["changed its input x in place"]),
        (stub, ["NotImplementedError"]),
    ],
    ids=[
        "relu",
        "leaky-relu",
        "forgot-minus-one",
        "sign-flipped",
        "forgot-alpha",
        "alpha-on-both-sides",
        "no-positive-branch",
        "flattened",
        "returns-none",
        "exp-minus-one-overflowing",
        "exp-minus-one-clamped",
        "alpha-exp-minus-alpha",
        "expm1-unclamped",
        "mask-times-inf",
        "modifies-input",
        "stub",
    ],
)
def test_elu_rejects_typical_mistakes(wrong, fragments):
    rejects(check_elu, wrong, "elu", *fragments)


def test_elu_naive_formula_is_caught_by_precision_not_only_by_overflow():
    # The unclamped naive formula has both faults; the precision test comes first, so the
    # message teaches expm1 (the overflow would be reported once the precision is fixed).
    message = rejects(check_elu, _naive_where, "precision is lost")
    assert "overflow" not in message


def test_elu_extremes_must_be_right_not_only_warning_free():
    def wrong(x, alpha=1.0):
        return np.nan_to_num(elu_reference(x, alpha), posinf=0.0)

    rejects(check_elu, wrong, "1e+308, inf]", "expected", "index (6,)")


def test_elu_rejects_non_callable():
    rejects(check_elu, "elu", "expected a function")


# --- elu_derivative --------------------------------------------------------------------------


def elu_derivative_reference(x, alpha=1.0):
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def elu_derivative_from_output(x, alpha=1.0):
    """The backprop shortcut: f′ = y + α wherever x ≤ 0."""
    y = elu_reference(x, alpha)
    return np.where(x > 0, 1.0, y + alpha)


@pytest.mark.parametrize(
    "solution", [elu_derivative_reference, elu_derivative_from_output], ids=["exp", "y-plus-alpha"]
)
def test_elu_derivative_right_answers_pass(solution, capsys):
    check_elu_derivative(solution)
    assert "✓ elu_derivative" in capsys.readouterr().out


def test_elu_derivative_reference_matches_centred_differences():
    # The check compares with the analytic formula; make sure that formula is the derivative.
    x = np.array([-4.0, -1.5, -0.5, 0.25, 3.0])
    for alpha in (0.5, 1.0, 2.0):
        h = 1e-6
        numerical = (elu_reference(x + h, alpha) - elu_reference(x - h, alpha)) / (2 * h)
        assert np.allclose(elu_derivative_reference(x, alpha), numerical, rtol=1e-8)


def _derivative_unclamped(x, alpha=1.0):
    return np.where(x > 0, 1.0, alpha * np.exp(x))


def _derivative_mask_product(x, alpha=1.0):
    return (x > 0) * 1.0 + alpha * np.exp(x * (x <= 0)) * (x <= 0)


def _derivative_in_place(x, alpha=1.0):
    x[x > 0] = 1.0
    negative = x <= 0
    x[negative] = alpha * np.exp(x[negative])
    return x


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (elu_reference, ["ELU itself, not its derivative", "αeˣ"]),
        (lambda x, a=1.0: (x > 0) * 1.0, ["derivative of ReLU"]),
        (lambda x, a=1.0: np.where(x > 0, 1.0, a), ["derivative of Leaky ReLU", "fades to 0"]),
        (
            lambda x, a=1.0: np.where(x > 0, 1.0, np.exp(np.minimum(x, 0))),
            ["eˣ on the negative side, without α", "alpha = 0.5"],
        ),
        (lambda x, a=1.0: a * np.exp(np.minimum(x, 50.0)), ["positive side should be 1"]),
        (lambda x, a=1.0: elu_reference(x, a) + a, ["y + α for every x", "only for x ≤ 0"]),
        (
            lambda x, a=1.0: np.where(x > 0, 1.0, -a * np.exp(np.minimum(x, 0))),
            ["sign error"],
        ),
        (
            lambda x, a=1.0: np.where(x >= 0, 1.0, a * np.exp(np.minimum(x, 0))),
            ["returned 1 at x = 0", "not x >= 0"],
        ),
        (
            lambda x, a=1.0: np.where(x == 0, (1 + a) / 2, elu_derivative_reference(x, a)),
            ["(1 + α)/2", "left-hand slope α"],
        ),
        (_derivative_unclamped, ["overflow", "np.exp(np.minimum(x, 0))"]),
        (_derivative_in_place, ["changed its input x in place"]),
        (lambda x, a=1.0: list(elu_derivative_reference(x, a).ravel()), ["expected shape (2, 3)"]),
        (stub, ["NotImplementedError"]),
    ],
    ids=[
        "the-function-itself",
        "relu-derivative",
        "leaky-derivative",
        "forgot-alpha",
        "no-positive-branch",
        "y-plus-alpha-everywhere",
        "sign-error",
        "one-at-the-kink",
        "average-at-the-kink",
        "exp-unclamped",
        "modifies-input",
        "flattened-list",
        "stub",
    ],
)
def test_elu_derivative_rejects_typical_mistakes(wrong, fragments):
    rejects(check_elu_derivative, wrong, "elu_derivative", *fragments)


def test_elu_derivative_mask_product_reports_inf_times_zero():
    # Right for every finite x, but ±inf times a 0/1 mask is NaN: the check must say so.
    rejects(check_elu_derivative, _derivative_mask_product, "invalid value", "np.where")


# --- elu_gaussian_mean -----------------------------------------------------------------------


def gaussian_mean_reference(sigma, alpha):
    phi_minus = 0.5 * math.erfc(sigma / math.sqrt(2))
    positive = sigma / math.sqrt(2 * math.pi)
    return positive + alpha * (math.exp(sigma**2 / 2) * phi_minus - 0.5)


def test_gaussian_mean_reference_passes(capsys):
    check_elu_gaussian_mean(gaussian_mean_reference)
    assert "✓ elu_gaussian_mean" in capsys.readouterr().out


@pytest.mark.parametrize(("sigma", "alpha"), [(0.5, 1.0), (1.0, 1.0), (2.0, 0.5), (3.0, 2.0)])
def test_closed_form_matches_numerical_integration(sigma, alpha):
    mpmath.mp.dps = 30
    density = lambda z: mpmath.npdf(z, 0, sigma)  # noqa: E731
    exact = mpmath.quad(lambda z: z * density(z), [0, mpmath.inf]) + alpha * mpmath.quad(
        lambda z: mpmath.expm1(z) * density(z), [-mpmath.inf, 0]
    )
    assert gaussian_mean(sigma, alpha) == pytest.approx(float(exact), rel=1e-13, abs=1e-15)


def test_selu_alpha_zeroes_the_mean_for_unit_variance():
    # The bridge the chapter builds to SELU: its α is the α that centres ELU(z) for z ~ N(0, 1).
    assert abs(gaussian_mean(1.0, SELU_ALPHA)) < 1e-15


def _monte_carlo(sigma, alpha):
    z = np.random.default_rng(0).normal(0.0, sigma, 200_000)
    return float(np.mean(elu_reference(z, alpha)))


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda s, a: s / math.sqrt(2 * math.pi), ["mean of ReLU(z)", "negative half is missing"]),
        (
            lambda s, a: (
                s / math.sqrt(2 * math.pi)
                + a * math.exp(s**2 / 2) * 0.5 * math.erfc(s / math.sqrt(2))
            ),
            ["−1 of eᶻ − 1 was dropped", "P(z ≤ 0)"],
        ),
        (
            lambda s, a: (
                s / math.sqrt(2 * math.pi)
                + a * (math.exp(s**2) * 0.5 * math.erfc(s / math.sqrt(2)) - 0.5)
            ),
            ["e^{σ²} instead of e^{σ²/2}", "completing the square"],
        ),
        (
            lambda s, a: (
                s / math.sqrt(2 * math.pi)
                + a * (math.exp(s**2 / 2) * 0.5 * math.erfc(-s / math.sqrt(2)) - 0.5)
            ),
            ["Φ(σ) instead of Φ(−σ)"],
        ),
        (lambda s, a: gaussian_mean_reference(s, 1.0), ["without α"]),
        (
            lambda s, a: (
                s / math.sqrt(2 * math.pi)
                - a * (math.exp(s**2 / 2) * 0.5 * math.erfc(s / math.sqrt(2)) - 0.5)
            ),
            ["negative half subtracted"],
        ),
        (
            lambda s, a: (
                s * math.sqrt(2 / math.pi)
                + a * (math.exp(s**2 / 2) * 0.5 * math.erfc(s / math.sqrt(2)) - 0.5)
            ),
            ["conditional mean", "σ/√(2π)"],
        ),
        (lambda s, a: gaussian_mean_reference(s**2, a), ["variance and standard deviation"]),
        (_monte_carlo, ["close, but not exact", "sampled estimate"]),
        (lambda s, a: gaussian_mean_reference(s, a) + 0.3, ["expected", "got"]),
        (lambda s, a: [gaussian_mean_reference(s, a)] * 2, ["expected one number"]),
        (lambda s, a: "0.16", ["expected", "got"]),
        (lambda s, a: None, ["returned None"]),
        (stub, ["NotImplementedError"]),
    ],
    ids=[
        "relu-mean",
        "forgot-minus-half",
        "wrong-exponent",
        "phi-of-plus-sigma",
        "forgot-alpha",
        "sign-of-negative-half",
        "conditional-mean",
        "variance-for-sigma",
        "monte-carlo",
        "unrecognised",
        "two-numbers",
        "text",
        "returns-none",
        "stub",
    ],
)
def test_gaussian_mean_rejects_typical_mistakes(wrong, fragments):
    rejects(check_elu_gaussian_mean, wrong, "elu_gaussian_mean", *fragments)


def test_gaussian_mean_overflow_gets_the_generic_hint_not_the_np_where_one():
    def overflowing(sigma, alpha):
        return float(np.exp(np.float64(sigma) * 1000.0))

    message = rejects(check_elu_gaussian_mean, overflowing, "numpy warned", "unstable formula")
    assert "np.where" not in message
