"""Mutation tests for chapter 14's exercise checks (GELU's tanh form, its cliff and its
derivative, hard-swish and its kink conventions, int8 round trips and ranges).

Every check must accept right answers, written in more than one way, and reject each typical
wrong answer with a message that names the mistake; the assertions pin the words a learner reads.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
from _mutation import rejects_many

from helpers.activations import gelu_derivative
from helpers.checks import (
    check_gelu_tanh,
    check_gelu_tanh_derivative,
    check_hard_swish,
    check_hard_swish_int8,
    check_int8_round_trip,
    check_kink_disagreements,
    check_tanh_cliff,
)
from helpers.checks.ch14_modern import _int8_cases

C = math.sqrt(2 / math.pi)


def _stub(*args):
    raise NotImplementedError("exercise")


def test_failure_is_an_assertion_error_for_graders():
    with pytest.raises(AssertionError):
        check_gelu_tanh(_stub)


# --- gelu_tanh --------------------------------------------------------------------------------


def gelu_tanh_textbook(x):
    return 0.5 * x * (1 + np.tanh(C * (x + 0.044715 * x**3)))


def gelu_tanh_sigmoid_form(x):
    """x·σ(2u) with a sign-split sigmoid: the form helpers.activations uses."""
    two_u = 2 * C * (x + 0.044715 * x**3)
    e = np.exp(-np.abs(two_u))
    return x * np.where(two_u >= 0, 1 / (1 + e), e / (1 + e))


@pytest.mark.parametrize("solution", [gelu_tanh_textbook, gelu_tanh_sigmoid_form])
def test_gelu_tanh_right_answers_pass(solution, capsys):
    check_gelu_tanh(solution)
    out = capsys.readouterr().out
    assert "✓ gelu_tanh" in out
    assert "is 0.00047, at |x| ≈ 2.7" in out


def test_gelu_tanh_reference_agrees_with_mpmath():
    # The check compares with helpers.activations.gelu(x, "tanh"); pin that to 50 digits.
    mpmath.mp.dps = 50
    for value in (-4.0, -2.7, -0.5, 0.4, 2.7, 8.0):
        v = mpmath.mpf(value)
        u = mpmath.sqrt(2 / mpmath.pi) * (v + mpmath.mpf("0.044715") * v**3)
        exact = float(v / 2 * (1 + mpmath.tanh(u)))
        assert math.isclose(gelu_tanh_sigmoid_form(np.array([value]))[0], exact, rel_tol=1e-14)


def _naive_sigmoid_form(x):
    return x / (1 + np.exp(-2 * C * (x + 0.044715 * x**3)))


def _in_place(x):
    x *= 0.5 * (1 + np.tanh(C * (x + 0.044715 * x**3)))
    return x


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (
            lambda x: 0.5 * x * (1 + np.vectorize(math.erf)(x / math.sqrt(2))),
            ["exact GELU", "not its tanh approximation", "4.7e-4"],
        ),
        (lambda x: 0.5 * x * (1 + np.tanh(C * x)), ["cubic term 0.044715·x³ is missing"]),
        (lambda x: 0.5 * x * (1 + np.tanh(C * (x + 0.44715 * x**3))), ["0.44715 instead"]),
        (lambda x: 0.5 * x * (1 + np.tanh(C * (x + 0.044715 * x**2))), ["x² instead of x³"]),
        (lambda x: 0.5 * x * (1 + np.tanh(x + 0.044715 * x**3)), ["without the factor √(2/π)"]),
        (lambda x: 0.5 * x * (1 + np.tanh(2 / np.pi * (x + 0.044715 * x**3))), ["2/π instead"]),
        (lambda x: x * (1 + np.tanh(C * (x + 0.044715 * x**3))), ["factor ½ is missing"]),
        (lambda x: 0.5 * x * np.tanh(C * (x + 0.044715 * x**3)), ["the 1 + is missing"]),
        (lambda x: 0.5 * x * (1 - np.tanh(C * (x + 0.044715 * x**3))), ["a sign error"]),
        (lambda x: 0.5 * (1 + np.tanh(C * (x + 0.044715 * x**3))), ["factor x is missing"]),
        (
            lambda x: x / (1 + np.exp(-np.clip(C * (x + 0.044715 * x**3), -500, 500))),
            ["x·σ(u)", "σ(2u)"],
        ),
        (lambda x: x / (1 + np.exp(-np.clip(1.702 * x, -500, 500))), ["x·σ(1.702x)"]),
        (lambda x: x / (1 + np.exp(-np.clip(x, -500, 500))), ["SiLU"]),
        (lambda x: gelu_tanh_textbook(x).ravel(), ["expected shape (2, 3)", "got shape (6,)"]),
        (lambda x: None, ["returned None"]),
        (_naive_sigmoid_form, ["numpy warned", "overflow", "np.tanh saturates"]),
        (_in_place, ["changed its input x in place"]),
        (_stub, ["NotImplementedError"]),
    ],
    ids=[
        "exact-gelu",
        "no-cubic",
        "constant-0.44715",
        "x-squared",
        "no-sqrt-2-over-pi",
        "2-over-pi",
        "no-half",
        "no-one-plus",
        "sign",
        "gate-only",
        "sigma-of-u",
        "sigma-1.702",
        "silu",
        "flattened",
        "returns-none",
        "naive-sigmoid-overflows",
        "in-place",
        "stub",
    ],
)
def test_gelu_tanh_rejects_typical_mistakes(wrong, fragments):
    rejects_many(check_gelu_tanh, wrong, fragments=["gelu_tanh", *fragments])


def test_gelu_tanh_extremes_must_be_right_not_only_warning_free():
    def wrong(x):
        return np.where(np.abs(x) > 100, 0.0, gelu_tanh_textbook(x))

    rejects_many(check_gelu_tanh, wrong, fragments=["1000]", "expected", "index (5,)"])


def test_gelu_tanh_rejects_non_callable():
    rejects_many(check_gelu_tanh, "gelu", fragments=["expected a function"])


# --- gelu_tanh_derivative (derive) ------------------------------------------------------------


def _u_and_du(x):
    return C * (x + 0.044715 * x**3), C * (1 + 3 * 0.044715 * x**2)


def slope_textbook(x):
    u, du = _u_and_du(x)
    t = np.tanh(u)
    return 0.5 * (1 + t) + 0.5 * x * (1 - t**2) * du


def slope_sigmoid_form(x):
    """d/dx x·σ(2u) = σ(2u) + 2x·u′·σ(2u)σ(−2u): the course's form."""
    u, du = _u_and_du(x)
    e = np.exp(-np.abs(2 * u))
    s = np.where(u >= 0, 1 / (1 + e), e / (1 + e))
    return s + 2 * x * du * s * (1 - s)


def slope_loop(x):
    out = np.empty_like(x, dtype=float)
    for index, value in np.ndenumerate(x):
        u = C * (value + 0.044715 * value**3)
        out[index] = 0.5 * (1 + math.tanh(u)) + 0.5 * value * (1 - math.tanh(u) ** 2) * C * (
            1 + 0.134145 * value**2
        )
    return out


@pytest.mark.parametrize("solution", [slope_textbook, slope_sigmoid_form, slope_loop])
def test_gelu_tanh_derivative_right_answers_pass(solution, capsys):
    check_gelu_tanh_derivative(solution)
    out = capsys.readouterr().out
    assert "✓ gelu_tanh_derivative" in out
    assert "to better than 1e-8" in out and "by up to 8.7e-04" in out


def test_gelu_tanh_derivative_reference_agrees_with_mpmath():
    mpmath.mp.dps = 50
    for value in (-4.0, -1.3, 0.0, 0.4, 2.7):
        v = mpmath.mpf(value)
        u = mpmath.sqrt(2 / mpmath.pi) * (v + mpmath.mpf("0.044715") * v**3)
        du = mpmath.sqrt(2 / mpmath.pi) * (1 + 3 * mpmath.mpf("0.044715") * v**2)
        exact = float((1 + mpmath.tanh(u)) / 2 + v / 2 * mpmath.sech(u) ** 2 * du)
        # the check's reference, helpers.activations.gelu_derivative(x, "tanh"), pinned to mpmath
        got = gelu_derivative(np.array([value]), approximate="tanh")[0]
        assert math.isclose(got, exact, rel_tol=1e-12, abs_tol=1e-16)


def _cosh_form(x):
    u, du = _u_and_du(x)
    return 0.5 * (1 + np.tanh(u)) + 0.5 * x / np.cosh(u) ** 2 * du


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x: 0.5 * (1 + np.tanh(_u_and_du(x)[0])), ["second term x·g′(x) is missing"]),
        (lambda x: slope_textbook(x) - 0.5 * (1 + np.tanh(_u_and_du(x)[0])), ["the gate g(x)"]),
        (
            lambda x: (
                0.5 * (1 + np.tanh(_u_and_du(x)[0])) + 0.5 * x * (1 - np.tanh(_u_and_du(x)[0]) ** 2)
            ),
            ["without the inner factor u′", "chain rule"],
        ),
        (
            lambda x: (
                slope_textbook(x)
                - 0.5 * x * (1 - np.tanh(_u_and_du(x)[0]) ** 2) * C * 2 * 0.044715 * x**2
            ),
            ["factor 3 is missing", "3x²"],
        ),
        (_cosh_form, ["overflow encountered in cosh", "1 − tanh²u"]),
        (lambda x: slope_textbook(x) + 1e-6, ["expected", "gelu_tanh_derivative"]),
        (_stub, ["replace the `raise NotImplementedError`"]),
    ],
    ids=["gate-only", "no-gate", "no-chain", "no-power-3", "cosh-overflow", "slightly-off", "stub"],
)
def test_gelu_tanh_derivative_rejects_typical_mistakes(wrong, fragments):
    rejects_many(check_gelu_tanh_derivative, wrong, fragments=["gelu_tanh_derivative", *fragments])


# --- hard_swish and hard_swish_derivative ------------------------------------------------------


def hard_swish_reference(x):
    return x * np.clip(x + 3, 0, 6) / 6


def hard_swish_derivative_reference(x):
    return np.select([x <= -3, x < 3], [0.0, (2 * x + 3) / 6], 1.0)


def hard_swish_pieces(x):
    return np.where(x <= -3, 0.0, np.where(x >= 3, x, x * (x + 3) / 6))


def hard_swish_derivative_product_rule(x):
    gate = np.clip(x + 3, 0, 6) / 6
    gate_slope = np.where((x > -3) & (x < 3), 1 / 6, 0.0)
    slope = gate + x * gate_slope
    return np.where(x == 3, 1.0, slope)  # at 3 the gate is already 1 and its slope 0: fine


@pytest.mark.parametrize(
    ("forward", "derivative"),
    [
        (hard_swish_reference, hard_swish_derivative_reference),
        (hard_swish_pieces, hard_swish_derivative_product_rule),
    ],
    ids=["clip-and-select", "pieces-and-product-rule"],
)
def test_hard_swish_right_answers_pass(forward, derivative, capsys):
    check_hard_swish(forward, derivative)
    out = capsys.readouterr().out
    assert "✓ hard_swish" in out
    assert "to better than 1e-8" in out


def test_hard_swish_reference_is_the_course_convention():
    # The check's reference is helpers.activations; pin the kink values independently.
    assert list(hard_swish_derivative_reference(np.array([-3.0, 3.0]))) == [0.0, 1.0]


def _forward_wrong(forward):
    return forward, hard_swish_derivative_reference


def _derivative_wrong(derivative):
    return hard_swish_reference, derivative


@pytest.mark.parametrize(
    ("fns", "fragments"),
    [
        (_forward_wrong(lambda x: np.clip(x + 3, 0, 6) / 6), ["hard sigmoid (the gate)"]),
        (_forward_wrong(lambda x: x * np.clip(x, 0, 6) / 6), ["shift +3 is missing"]),
        (_forward_wrong(lambda x: x * np.clip(x + 3, 0, 6)), ["division by 6 is missing"]),
        (_forward_wrong(lambda x: x * (x + 3) / 6), ["the clip is missing"]),
        (_forward_wrong(lambda x: x * np.clip(0.2 * x + 0.5, 0, 1)), ["old Keras", "1/6"]),
        (_forward_wrong(lambda x: x / (1 + np.exp(-np.clip(x, -500, 500)))), ["smooth SiLU"]),
        (_forward_wrong(lambda x: hard_swish_reference(x).ravel()), ["got shape (6,)"]),
        (_forward_wrong(_stub), ["hard_swish:", "NotImplementedError"]),
        (
            _derivative_wrong(lambda x: np.clip(x + 3, 0, 6) / 6),
            ["hard_swish_derivative", "product rule's second term is missing"],
        ),
        (_derivative_wrong(lambda x: (2 * x + 3) / 6), ["the outer pieces are missing"]),
        (
            _derivative_wrong(lambda x: np.where(x <= -3, 0.0, np.where(x >= 3, 1.0, x / 6))),
            ["only the product rule's second term"],
        ),
        (
            _derivative_wrong(lambda x: np.where((x > -3) & (x < 3), 1 / 6, 0.0)),
            ["slope of the hard sigmoid"],
        ),
        (_derivative_wrong(hard_swish_reference), ["hard-swish itself"]),
        (_derivative_wrong(lambda x: None), ["hard_swish_derivative", "returned None"]),
        (_derivative_wrong(_stub), ["hard_swish_derivative", "NotImplementedError"]),
    ],
    ids=[
        "gate-only",
        "no-shift",
        "no-division",
        "no-clip",
        "keras-hard-sigmoid",
        "silu",
        "flattened",
        "forward-stub",
        "derivative-is-gate",
        "derivative-unclipped",
        "derivative-x-over-6",
        "derivative-of-gate",
        "derivative-is-forward",
        "derivative-none",
        "derivative-stub",
    ],
)
def test_hard_swish_rejects_typical_mistakes(fns, fragments):
    rejects_many(check_hard_swish, *fns, fragments=fragments)


def _middle_formula_at_kinks(x):
    """PyTorch's kernel: the middle piece on the closed interval [−3, 3]."""
    return np.select([x < -3, x <= 3], [0.0, (2 * x + 3) / 6], 1.0)


def _average_at_kinks(x):
    slope = hard_swish_derivative_reference(x)
    return np.where(x == -3, -0.25, np.where(x == 3, 1.25, slope))


def _right_kink_wrong(x):
    return np.where(x == 3, 1.5, hard_swish_derivative_reference(x))


def _kink_other(x):
    return np.where(x == -3, 0.5, hard_swish_derivative_reference(x))


@pytest.mark.parametrize(
    ("derivative", "fragments"),
    [
        (
            _middle_formula_at_kinks,
            ["returned -0.5 at x = -3", "middle formula", "PyTorch's kernel has returned -0.5"],
        ),
        (_average_at_kinks, ["returned -0.25 at x = -3", "average of the two one-sided"]),
        (_right_kink_wrong, ["returned 1.5 at x = 3", "identity piece (1)"]),
        (_kink_other, ["expected 0 at x = -3, got 0.5"]),
    ],
    ids=["middle-formula", "average", "right-kink-only", "other-value"],
)
def test_hard_swish_derivative_kink_conventions(derivative, fragments):
    rejects_many(check_hard_swish, hard_swish_reference, derivative, fragments=fragments)


def test_hard_swish_modifying_input_is_caught():
    def in_place(x):
        np.clip(x + 3, 0, 6, out=x)
        return x / 6

    rejects_many(check_hard_swish, in_place, hard_swish_derivative_reference,
             fragments=["changed its input x in place"])  # fmt: skip


# --- int8_round_trip --------------------------------------------------------------------------


def round_trip_reference(x, scale, zero_point=0):
    q = np.clip(np.round(x / scale) + zero_point, -128, 127).astype(np.int8)
    return scale * (q.astype(float) - zero_point)


def round_trip_half_away(x, scale, zero_point=0):
    """Round half away from zero (TFLite's rounding): the same away from exact ties."""
    v = x / scale
    q = np.clip(np.sign(v) * np.floor(np.abs(v) + 0.5) + zero_point, -128, 127)
    return scale * (q - zero_point)


@pytest.mark.parametrize("solution", [round_trip_reference, round_trip_half_away])
def test_int8_right_answers_pass(solution, capsys):
    check_int8_round_trip(solution)
    out = capsys.readouterr().out
    assert "✓ int8_round_trip" in out
    assert "at most 0.5·scale" in out


def test_int8_cases_avoid_ties():
    # Rounding conventions differ only at exact ties, so the check's inputs must avoid them.
    for case in _int8_cases():
        x, scale, _ = case.args
        fraction = np.abs(x / scale) % 1
        assert np.all(np.abs(fraction - 0.5) > 1e-6)


def _codes(x, scale, zero_point=0):
    return np.clip(np.round(x / scale) + zero_point, -128, 127).astype(np.int8)


def _cast_wraps(x, scale, zero_point=0):
    codes = (np.round(x / scale) + zero_point).astype(np.int64)
    wrapped = ((codes + 128) % 256 - 128).astype(np.int8)  # what astype(np.int8) does on x86
    return scale * (wrapped - zero_point)


def _zero_not_exact(x, scale, zero_point=0):
    return round_trip_reference(x, scale, zero_point) + 1e-3


def _in_place_round_trip(x, scale, zero_point=0):
    x /= scale
    return scale * (np.clip(np.round(x) + zero_point, -128, 127) - zero_point)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_codes, ["integer codes q", "scale * (q - zero_point)"]),
        (
            lambda x, s, z=0: s * (np.clip(np.trunc(x / s) + z, -128, 127) - z),
            ["truncates towards 0", "scale/2"],
        ),
        (lambda x, s, z=0: s * (np.clip(np.floor(x / s) + z, -128, 127) - z), ["np.floor"]),
        (lambda x, s, z=0: x.copy(), ["nothing was rounded"]),
        (
            lambda x, s, z=0: (np.clip(np.round(x * s) + z, -128, 127) - z) / s,
            ["x·scale rounded"],
        ),
        (lambda x, s, z=0: s * np.round(x / s), ["without saturation", "values beyond the range"]),
        (_cast_wraps, ["wrapped around", "200 becomes −56"]),
        (lambda x, s, z=0: s * (np.clip(np.round(x / s) + z, -127, 127) - z), ["−127…127"]),
        (lambda x, s, z=0: s * (np.clip(np.round(x / s) + z, 0, 255) - z), ["uint8 range"]),
        (
            lambda x, s, z=0: s * np.clip(np.round(x / s) + z, -128, 127),
            ["zero point is not subtracted", "ReLU6 range"],
        ),
        (
            lambda x, s, z=0: s * np.clip(np.round(x / s) + z, -128, 127) - z,
            ["subtracted after scaling", "code units"],
        ),
        (
            lambda x, s, z=0: s * (np.clip(np.round(x / s) - z, -128, 127) + z),
            ["sign swapped"],
        ),
        (
            lambda x, s, z=0: s * np.clip(np.round(x / s), -128, 127),
            ["ignores the zero point", "127·scale saturates"],
        ),
        (_zero_not_exact, ["x = 0 came back as 0.001", "exactly 0"]),
        (lambda x, s, z=0: round_trip_reference(x, s, z).ravel(), ["got shape (6,)"]),
        (lambda x, s, z=0: None, ["returned None"]),
        (_in_place_round_trip, ["changed its input x in place"]),
        (_stub, ["NotImplementedError"]),
    ],
    ids=[
        "codes",
        "truncation",
        "floor",
        "identity",
        "multiplied-by-scale",
        "no-clip",
        "wraps-around",
        "narrow-range",
        "uint8-range",
        "zero-point-kept",
        "zero-point-after-scaling",
        "zero-point-sign",
        "zero-point-ignored",
        "zero-not-exact",
        "flattened",
        "returns-none",
        "in-place",
        "stub",
    ],
)
def test_int8_rejects_typical_mistakes(wrong, fragments):
    rejects_many(check_int8_round_trip, wrong, fragments=["int8_round_trip", *fragments])


def test_int8_wraparound_diagnosis_matches_numpy_cast_on_this_machine():
    # The check's wrap-around model is modulo 256; where the platform's cast behaves that way,
    # a learner's astype(np.int8) is named as such (elsewhere the generic message applies).
    codes = np.round(np.array([7.0, 100.0, -7.0, -100.0]) / 0.05)
    modular = (codes.astype(np.int64) + 128) % 256 - 128
    with np.errstate(invalid="ignore"):
        cast = codes.astype(np.int8)
    if not np.array_equal(cast, modular):
        pytest.skip("this platform saturates float→int8 casts")

    def learner(x, scale, zero_point=0):
        with np.errstate(invalid="ignore"):
            q = (np.round(x / scale) + zero_point).astype(np.int8)
        return scale * (q.astype(float) - zero_point)

    rejects_many(check_int8_round_trip, learner, fragments=["wrapped around"])


# --- tanh_cliff (predict) ---------------------------------------------------------------------


def test_tanh_cliff_reference_is_the_measured_cliff():
    from helpers.checks.ch14_modern import _cliff

    x = _cliff()
    u = C * (x + 0.044715 * x**3)
    assert 0.5 * (1 + np.tanh(u)) == 0
    assert 0.5 * (1 + np.tanh(C * ((x + 1e-9) + 0.044715 * (x + 1e-9) ** 3))) > 0
    assert -7.25 < x < -7.15


@pytest.mark.parametrize("answer", [-7.2, -7.19, -7.145, -7.1, np.float64(-7.2)])
def test_tanh_cliff_right_answers_pass(answer, capsys):
    check_tanh_cliff(lambda: answer)
    out = capsys.readouterr().out
    assert "✓ tanh_cliff: ½(1 + tanh u) is exactly 0 for x ≤ -7.19" in out


@pytest.mark.parametrize(
    ("answer", "fragments"),
    [
        (-8.4, ["section 2.2's cliff of ½(1 + erf)"]),
        (-19.06, ["the u of the cliff, not the x"]),
        (-23.89, ["the cubic term 0.044715x³ was left out"]),
        (-9.5, ["e^u instead of e^(2u)"]),
        (-5.16, ["the float32 cliff"]),
        (7.19, ["a positive x"]),
        (-2.7, ["farthest from GELU"]),
        ([-7.2, -7.2], ["expected one number"]),
        (-6.5, ["tanh_cliff"]),
    ],
    ids=[
        "erf-cliff",
        "u-not-x",
        "no-cubic",
        "e-to-u",
        "float32",
        "positive",
        "worst-error",
        "two-numbers",
        "off",
    ],
)
def test_tanh_cliff_rejects_typical_mistakes(answer, fragments):
    rejects_many(check_tanh_cliff, lambda: answer, fragments=["tanh_cliff", *fragments])


# --- kink_disagreements (diagnose) --------------------------------------------------------------


def test_kink_reference_runs_the_old_backward():
    from helpers.checks.ch14_modern import _KINKS, KINK_GRID, old_hard_swish_backward

    assert _KINKS.tolist() == [[-3.0, -0.5, 0.0], [3.0, 1.5, 1.0]]
    assert old_hard_swish_backward(KINK_GRID).shape == KINK_GRID.shape


@pytest.mark.parametrize(
    "answer",
    [
        [[-3.0, -0.5, 0.0], [3.0, 1.5, 1.0]],
        np.array([[-3, -0.5, 0], [3, 1.5, 1]]),
        ((-3, -0.5, 0), (3, 1.5, 1)),
    ],
)
def test_kink_disagreements_right_answers_pass(answer, capsys):
    check_kink_disagreements(lambda: answer)
    assert "✓ kink_disagreements: the two disagree only at the kinks" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("answer", "fragments"),
    [
        ([[-3.0, -0.5, 0.0]], ["one row: the grid holds both kinks"]),
        ([], ["no rows: the two agree everywhere"]),
        ([[-3.0, 0.0, -0.5], [3.0, 1.0, 1.5]], ["slopes swapped"]),
        ([[-3.0, -0.25, 0.0], [3.0, 1.25, 1.0]], ["the one-sided slopes' average"]),
        ([[-3.0, -0.5, 0.0], [3.0, 1.5, 0.0]], ["taken to be 0"]),
        ([[-3.0, 0.0, 0.0], [3.0, 1.0, 1.0]], ["the hard sigmoid's middle formula"]),
        ([[-3.0, 3.0], [-0.5, 1.5], [0.0, 1.0]], ["expected 2 rows of 3 numbers"]),
        ([[-3.0, -0.5, 0.0], [3.0, 1.5, 0.5]], ["kink_disagreements"]),
    ],
    ids=[
        "one-kink",
        "none",
        "swapped",
        "average",
        "relu6-convention",
        "hard-sigmoid",
        "transposed",
        "off",
    ],
)
def test_kink_disagreements_rejects_typical_mistakes(answer, fragments):
    rejects_many(check_kink_disagreements, lambda: answer, fragments=fragments)


# --- hard_swish_int8 (design) -------------------------------------------------------------------


def _designed(top):
    scale = (top + 0.375) / 255
    return scale, -128 + round(0.375 / scale)


def _range(width, levels=255, rounding=round, sign=1):  # (scale, zero point) as a slip makes them
    scale = width / levels
    return scale, -128 + sign * rounding(0.375 / scale)


def _designed_from_the_top(top):  # the same codes, counted down from 127
    scale = (top + 0.375) / 255
    return scale, int(127 - np.round(top / scale))


@pytest.mark.parametrize("solution", [_designed, _designed_from_the_top])
def test_hard_swish_int8_right_answers_pass(solution, capsys):
    check_hard_swish_int8(solution)
    assert "(top = 6: S = 0.025, Z = −113)" in capsys.readouterr().out


def test_hard_swish_int8_design_covers_the_range():
    for top in (6.0, 10.0, 2.0):
        scale, zero = _designed(top)
        assert scale * (-128 - zero) == pytest.approx(-0.375, abs=scale / 2)
        assert scale * (127 - zero) == pytest.approx(top, abs=scale / 2)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda top: (top / 255, -128), ["the unsigned range [0, top]"]),
        (lambda top: _range(top + 0.375, levels=256), ["256"]),
        (lambda top: _range(top + 0.375, rounding=float), ["not a whole code"]),
        (lambda top: _range(top + 0.375, sign=-1), ["subtracted"]),
        (lambda top: ((top + 0.375) / 255, 0), ["zero point 0 with the asymmetric scale"]),
        (lambda top: (2 * top / 255, 0), ["a symmetric range"]),
        (lambda top: _range(top - 0.375), ["top − 0.375"]),
        (lambda top: 0.025, ["expected two numbers"]),
        (lambda top: ((top + 0.375) / 255, -100), ["hard_swish_int8"]),
    ],
    ids=[
        "unsigned",
        "256",
        "fractional-z",
        "z-sign",
        "z-zero",
        "symmetric",
        "width",
        "one-number",
        "off",
    ],
)
def test_hard_swish_int8_rejects_typical_mistakes(wrong, fragments):
    rejects_many(check_hard_swish_int8, wrong, fragments=fragments)
