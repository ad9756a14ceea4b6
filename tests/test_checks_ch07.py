"""Mutation tests for chapter 07's exercise checks (tanh).

Every check must accept the reference solution and correct variants, and reject each typical
wrong answer — σ(x) for σ(2x), a missing − 1, a flipped sign, np.tanh instead of the identity,
an overflowing formula, learning-rate factors c instead of c², 1 − tanh² in the tails, a missing
chain-rule factor, a constant that ignores b — with a message that names the mistake; the
assertions pin the words a learner would read.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects, stub

from helpers.activations import sigmoid, tanh_derivative
from helpers.checks import (
    ExerciseFailure,
    check_matching_rates,
    check_scaled_tanh,
    check_stable_tanh_derivative,
    check_tanh_from_sigmoid,
)


def _naive_sigmoid(u):
    return 1.0 / (1.0 + np.exp(-u))


# --- tanh_from_sigmoid --------------------------------------------------------------------------


def tanh_from_sigmoid_reference(x):
    return 2.0 * sigmoid(2.0 * x) - 1.0


def test_tanh_from_sigmoid_reference_passes(capsys):
    check_tanh_from_sigmoid(tanh_from_sigmoid_reference)
    out = capsys.readouterr().out
    assert "✓ tanh_from_sigmoid" in out
    assert "x = ±1000 without a warning" in out


def test_tanh_from_sigmoid_names_np_tanh():
    # np.tanh has the right values but skips the exercise (the identity through sigmoid).
    message = rejects(check_tanh_from_sigmoid, np.tanh, "never calls sigmoid", "2σ(2x) − 1")
    assert "x = −1000, −30, 30, 1000" in message
    rejects(check_tanh_from_sigmoid, lambda x: np.tanh(x), "never calls sigmoid")


def test_tanh_from_sigmoid_accepts_other_routes_through_sigmoid(capsys):
    # Correct answers written differently: an alias of sigmoid, σ(2x) − σ(−2x), a helper.
    from helpers.activations import sigmoid as s

    def via_helper(x):
        return _two_sigmoid(x) - 1.0

    check_tanh_from_sigmoid(lambda x: s(2.0 * x) - s(-2.0 * x))
    check_tanh_from_sigmoid(via_helper)
    assert capsys.readouterr().out.count("✓ tanh_from_sigmoid") == 2


def _two_sigmoid(x):
    return 2.0 * sigmoid(2.0 * x)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x: 2.0 * sigmoid(x) - 1.0, ["2σ(x) − 1, which is tanh(x/2)", "σ(2x)"]),
        (lambda x: 2.0 * sigmoid(2.0 * x), ["without the − 1", "(−1, 1)"]),
        (lambda x: sigmoid(2.0 * x) - 1.0, ["without the factor 2"]),
        (lambda x: sigmoid(2.0 * x), ["σ(2x), a sigmoid", "shift it down by 1"]),
        (lambda x: 1.0 - 2.0 * sigmoid(2.0 * x), ["−tanh(x)", "sign is flipped"]),
        (lambda x: 2.0 * sigmoid(-2.0 * x) - 1.0, ["−tanh(x)", "sign is flipped"]),
        (
            lambda x: 2.0 * _naive_sigmoid(2.0 * x) - 1.0,
            ["numpy warned", "x = −1000", "stable helpers.activations.sigmoid"],
        ),
        (
            lambda x: (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x)),
            ["numpy warned", "overflow", "(eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)"],
        ),
        (lambda x: 2.0 * sigmoid(2.0 * x) - 1.0 + 1e-9, ["expected", "first mismatch"]),
        (lambda x: (2.0 * sigmoid(2.0 * x) - 1.0).ravel(), ["expected shape (3, 4)"]),
        (lambda x: float(np.tanh(x).sum()), ["expected shape (11,)"]),
        (lambda x: None, ["returned None", "return"]),
        (lambda x: "tanh", ["expected numbers"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "sigma-of-x",
        "missing-minus-one",
        "missing-factor-two",
        "plain-sigmoid",
        "sign-flipped",
        "sigma-of-minus-2x",
        "naive-sigmoid-overflows",
        "naive-exp-ratio-overflows",
        "slightly-off",
        "flattened",
        "scalar",
        "returns-none",
        "returns-text",
        "stub",
    ],
)
def test_tanh_from_sigmoid_rejects(wrong, fragments):
    message = rejects(check_tanh_from_sigmoid, wrong, *fragments)
    assert message.startswith("tanh_from_sigmoid:")


def test_tanh_from_sigmoid_gets_a_copy_of_x():
    # A learner who modifies x in place must not corrupt the check's own reference values.
    def in_place(x):
        x *= 2.0
        return 2.0 * sigmoid(x) - 1.0

    check_tanh_from_sigmoid(in_place)


# --- matching_rates (design) -------------------------------------------------------------------


def test_matching_rates_reference_passes(capsys):
    check_matching_rates(lambda: [4.0, 4.0, 16.0, 4.0, 4.0, 1.0])
    out = capsys.readouterr().out
    assert "✓ matching_rates" in out
    assert "exactly like tanh" in out


def test_matching_rates_accepts_other_spellings(capsys):
    # Integers, a tuple, an array, the squares written out: judged by the training, not the type.
    check_matching_rates(lambda: (4, 4, 16, 4, 4, 1))
    check_matching_rates(lambda: np.array([2, 2, 4, 2, 2, 1]) ** 2)
    assert capsys.readouterr().out.count("✓ matching_rates") == 2


@pytest.mark.parametrize(
    ("rates", "fragments"),
    [
        ([1, 1, 1, 1, 1, 1], ["the same rate for every parameter", "different factors c"]),
        ([2, 2, 4, 2, 2, 1], ["the factors c themselves", "c²"]),
        ([1 / 4, 1 / 4, 1 / 16, 1 / 4, 1 / 4, 1], ["upside down", "larger rates"]),
        ([16] * 6, ["16 for every parameter", "only W2"]),
        ([4] * 6, ["4 for every parameter", "factor 16"]),
        ([4, 4, 16, 16, 4, 4], ["its layer's weight factor", "b2 by 2"]),
        ([4, 4, 16, 4, 4, 4], ["output bias b3", "unchanged"]),
        ([4, 16, 4, 4, 4, 1], ["weights first", "W1, b1, W2, b2, W3, b3"]),
        ([4, 4, 8, 4, 4, 1], ["parts from the tanh network's at epoch", "after 15 epochs", "c²"]),
    ],
    ids=[
        "all-one",
        "c-not-squared",
        "inverted",
        "all-16",
        "all-4",
        "biases-like-weights",
        "output-bias-4",
        "order",
        "uncatalogued",
    ],
)
def test_matching_rates_rejects(rates, fragments):
    message = rejects(check_matching_rates, lambda: rates, *fragments)
    assert message.startswith("matching_rates: for η = 2, seed 0")


@pytest.mark.parametrize(
    ("answer", "fragment"),
    [
        (lambda: 4.0, "expected six finite numbers"),
        (lambda: [4, 4, 16], "expected six finite numbers"),
        (lambda: [4, 4, 16, 4, 4, np.nan], "expected six finite numbers"),
        (lambda: "4, 4, 16, 4, 4, 1", "expected six"),
        (lambda: None, "expected six"),
        (stub, "still raises NotImplementedError"),
    ],
)
def test_matching_rates_rejects_what_is_not_six_numbers(answer, fragment):
    rejects(check_matching_rates, answer, fragment)


def test_matching_rates_divergence_is_reported_without_a_warning():
    # Rates far too large make training blow up; the check reports the outcome, not numpy.
    message = rejects(check_matching_rates, lambda: [400.0] * 6, "parts from the tanh")
    assert "numpy warned" not in message


# --- stable_tanh_derivative ---------------------------------------------------------------------


def derivative_reference(x):
    return 4.0 * sigmoid(2.0 * x) * sigmoid(-2.0 * x)


def test_tanh_derivative_reference_passes(capsys):
    check_stable_tanh_derivative(derivative_reference)
    assert "✓ stable_tanh_derivative" in capsys.readouterr().out


def test_tanh_derivative_accepts_another_stable_form(capsys):
    def via_exp(x):
        e = np.exp(-2.0 * np.abs(x))  # never a positive exponent
        return 4.0 * e / (1.0 + e) ** 2

    check_stable_tanh_derivative(via_exp)
    check_stable_tanh_derivative(tanh_derivative)
    assert capsys.readouterr().out.count("✓ stable_tanh_derivative") == 2


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x: 1.0 - np.tanh(x) ** 2, ["1 − tanh(x)²", "loses the tails", "x = ±10, ±20"]),
        (
            lambda x: 4.0 * sigmoid(2.0 * x) * (1.0 - sigmoid(2.0 * x)),
            ["4σ(2x)(1 − σ(2x))", "write it as σ(−2x)"],
        ),
        (lambda x: sigmoid(x) * sigmoid(-x), ["derivative of the sigmoid", "4σ(2x)σ(−2x)"]),
        (lambda x: 4.0 * sigmoid(x) * sigmoid(-x), ["instead of 2x", "inner function"]),
        (lambda x: 2.0 * sigmoid(2.0 * x) * sigmoid(-2.0 * x), ["half of tanh′", "two factors"]),
        (lambda x: -4.0 * sigmoid(2.0 * x) * sigmoid(-2.0 * x), ["sign is flipped", "positive"]),
        (np.tanh, ["tanh(x) itself"]),
        (lambda x: 1.0 / np.cosh(x) ** 2, ["numpy warned", "x = ±300, ±1000", "cosh"]),
        (lambda x: 1.0 + np.tanh(x) ** 2, ["expected", "first mismatch"]),
        (
            lambda x: (np.tanh(x + 1e-5) - np.tanh(x - 1e-5)) / 2e-5,
            ["close but not accurate enough", "finite difference"],
        ),
        (lambda x: derivative_reference(x).ravel(), ["expected shape (2, 3)"]),
        (lambda x: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "one-minus-tanh-squared",
        "one-minus-sigma",
        "sigmoid-derivative",
        "sigma-of-x",
        "factor-two",
        "negative",
        "tanh-itself",
        "cosh-overflows",
        "plus-sign",
        "finite-difference",
        "flattened",
        "returns-none",
        "stub",
    ],
)
def test_tanh_derivative_rejects(wrong, fragments):
    message = rejects(check_stable_tanh_derivative, wrong, *fragments)
    assert message.startswith("stable_tanh_derivative:")


def test_one_minus_tanh_squared_fails_only_in_the_tails():
    # The textbook formula is fine on [−5, 5]: the check must reach the tails to catch it.
    with pytest.raises(ExerciseFailure) as info:
        check_stable_tanh_derivative(lambda x: 1.0 - np.tanh(x) ** 2)
    message = str(info.value)
    assert "x from −5 to 5" not in message
    assert "|x| > 19" in message


# --- scaled_tanh --------------------------------------------------------------------------------


def scaled_reference(x, b):
    a = 1.0 / np.tanh(b)
    return a * np.tanh(b * x), a * b * derivative_reference(b * x)


def test_scaled_tanh_reference_passes(capsys):
    check_scaled_tanh(scaled_reference)
    out = capsys.readouterr().out
    assert "✓ scaled_tanh" in out
    assert "a = 1.7159 for b = 2/3" in out


def test_scaled_tanh_accepts_a_list_pair(capsys):
    check_scaled_tanh(lambda x, b: list(scaled_reference(x, b)))
    assert "✓ scaled_tanh" in capsys.readouterr().out


def _with_slope(f):
    """A wrong f paired with the right derivative, so only f's mistake is reported."""
    return lambda x, b: (f(x, b), scaled_reference(x, b)[1])


def _with_f(slope):
    """The right f paired with a wrong derivative."""
    return lambda x, b: (scaled_reference(x, b)[0], slope(x, b))


def _a(b):
    return 1.0 / np.tanh(b)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (
            _with_slope(lambda x, b: 1.7159 * np.tanh(b * x)),
            ["a fixed at LeCun's value", "1.715905", "rounded"],
        ),
        (_with_slope(lambda x, b: np.tanh(b * x) / np.tanh(1.0)), ["b left out of a"]),
        (_with_slope(lambda x, b: _a(b) * np.tanh(x)), ["b is missing inside"]),
        (_with_slope(lambda x, b: np.tanh(b * x)), ["f(1) = ", "f(±1) = ±1", "a = 1/tanh(b)"]),
        (
            _with_slope(lambda x, b: _a(b) * (2.0 * sigmoid(b * x))),
            ["not zero-centred", "f(0) = 0"],
        ),
        (_with_slope(lambda x, b: _a(b) * np.tanh(b * x) + 0.1), ["not zero-centred"]),
        (
            _with_f(lambda x, b: _a(b) * tanh_derivative(b * x)),
            ["f_prime", "chain-rule factor b is missing"],
        ),
        (_with_f(lambda x, b: b * tanh_derivative(b * x)), ["the factor a is missing"]),
        (_with_f(lambda x, b: 1.0 - (_a(b) * np.tanh(b * x)) ** 2), ["1 − f(x)²", "a = b = 1"]),
        (
            _with_f(lambda x, b: _a(b) * b * (1.0 - np.tanh(b * x) ** 2)),
            ["loses the tails", "4σ(2bx)σ(−2bx)"],
        ),
        (_with_f(lambda x, b: _a(b) * b * tanh_derivative(x)), ["at x instead of bx"]),
        (_with_f(lambda x, b: -_a(b) * b * tanh_derivative(b * x)), ["f_prime", "expected"]),
        (
            _with_f(lambda x, b: scaled_reference(x, b)[1] * (1.0 + 1e-8)),
            ["close but not accurate enough", "relative error up to 1.0e-08"],
        ),
        (lambda x, b: scaled_reference(x, b)[0], ["expected two arrays (f, f_prime)"]),
        (lambda x, b: (*scaled_reference(x, b), _a(b)), ["expected two arrays (f, f_prime)"]),
        (lambda x, b: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "a-hard-coded",
        "a-ignores-b",
        "b-missing-inside",
        "no-a",
        "not-centred-sigmoid",
        "offset",
        "slope-missing-b",
        "slope-missing-a",
        "one-minus-f-squared",
        "slope-unstable-tails",
        "slope-at-x",
        "slope-sign",
        "slope-near-miss",
        "returns-only-f",
        "returns-three",
        "returns-none",
        "stub",
    ],
)
def test_scaled_tanh_rejects(wrong, fragments):
    message = rejects(check_scaled_tanh, wrong, *fragments)
    assert message.startswith("scaled_tanh:")


def test_scaled_tanh_hard_coded_a_passes_nothing_for_other_b():
    # Hard-coding LeCun's a with the exact value still fails as soon as b changes.
    lecun_a = 1.0 / np.tanh(2.0 / 3.0)

    def exact_for_two_thirds(x, b):
        return lecun_a * np.tanh(b * x), lecun_a * b * derivative_reference(b * x)

    message = rejects(check_scaled_tanh, exact_for_two_thirds, "b = 1")
    assert "f(1) = " in message


def test_checks_reject_what_is_not_a_function():
    checks = (check_tanh_from_sigmoid, check_matching_rates, check_stable_tanh_derivative)
    for check in (*checks, check_scaled_tanh):
        with pytest.raises(AssertionError, match="expected a function"):
            check(42)
