"""Mutation tests for chapter 08's exercise checks (ReLU).

Every check must accept the reference solution and reject each typical wrong answer — the kink
convention broken, a reduction instead of an elementwise max, NaN swallowed, the wrong axis, the
variance instead of the standard deviation, Glorot's formula — with a message that names the
mistake; the assertions pin the words a learner would read. The design exercise (uniform_limit)
is judged by running a 20-layer stack: other designs that keep the signal pass too.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from _mutation import rejects_many, stub

from helpers.checks import (
    check_dead_unit_fraction,
    check_he_std,
    check_relu,
    check_uniform_limit,
)
from helpers.checks.ch08_relu import STACK_WIDTHS

# --- relu and relu_derivative -----------------------------------------------------------------


def relu_reference(x):
    return np.maximum(x, 0.0)


def relu_derivative_reference(x):
    return (x > 0).astype(float)


def test_relu_reference_passes(capsys):
    check_relu(relu_reference, relu_derivative_reference)
    out = capsys.readouterr().out
    assert "✓ relu" in out
    assert "0 at the kink" in out
    assert "to better than 1e-9" in out


def test_relu_other_correct_spellings_pass(capsys):
    def relu_where(x):
        return np.where(x > 0, x, np.where(np.isnan(x), x, 0.0))

    def derivative_bool(x):
        return x > 0  # a boolean mask is a fine 0/1 array

    check_relu(relu_where, derivative_bool)
    assert "✓ relu" in capsys.readouterr().out


def test_failure_is_an_assertion_error_for_graders():
    with pytest.raises(AssertionError):
        check_relu(stub, relu_derivative_reference)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (np.abs, ["relu:", "|x|", "max(0, x)"]),
        (lambda x: np.minimum(x, 0.0), ["min(0, x)", "not the min"]),
        (lambda x: x, ["identity", "must become 0"]),
        (lambda x: np.max(x, 0), ["np.max(x, 0)", "np.maximum(x, 0.0)"]),
        (lambda x: max(0, x), ["raised ValueError", "Python's max(0, x)"]),
        (lambda x: x * (x > 0), ["numpy warned", "[-inf, -1, 0, 1, inf]", "−inf · 0 = nan"]),
        (lambda x: np.where(x > 0, x, 0.0), ["relu(nan) = nan", "NaN in, NaN out"]),
        (lambda x: np.maximum(x, 0.0)[..., :-1], ["expected shape (5,)"]),
        (lambda x: np.maximum(x, 0.0) + 1e-3, ["first mismatch"]),
        (lambda x: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "abs",
        "min",
        "identity",
        "np-max-reduces",
        "python-max",
        "times-mask-nan-at-minus-inf",
        "where-swallows-nan",
        "wrong-shape",
        "off-by-epsilon",
        "returns-none",
        "stub",
    ],
)
def test_relu_wrong_forward_is_named(wrong, fragments):
    rejects_many(check_relu, wrong, relu_derivative_reference, fragments=fragments)


def test_relu_that_works_in_place_is_rejected():
    def in_place(x):
        x[x < 0] = 0.0
        return x

    rejects_many(check_relu, in_place, relu_derivative_reference, fragments=["changed its input"])


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x: (x >= 0).astype(float), ["relu_derivative:", "1 at x = 0", "x > 0, not x >= 0"]),
        (
            lambda x: np.where(x > 0, 1.0, np.where(x == 0, 0.5, 0.0)),
            ["0.5 at x = 0", "centred difference"],
        ),
        (lambda x: np.maximum(x, 0.0), ["ReLU(x) itself", "0/1 mask"]),
        (np.sign, ["sign(x)", "slope 0, not −1"]),
        (np.ones_like, ["1 everywhere"]),
        (lambda x: (x < 0).astype(float), ["1 for x < 0 and 0 for x > 0"]),
        (lambda x: (x > 1e-8).astype(float), ["1e-300", "first mismatch"]),
        (lambda x: (x.ravel() > 0).astype(float), ["expected shape (3, 4)"]),
        (lambda x: float(x > 0), ["raised TypeError", "work on whole arrays"]),
        (lambda x: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "one-at-kink",
        "half-at-kink",
        "forward-instead",
        "sign",
        "ones",
        "flipped-mask",
        "threshold-not-zero",
        "flattened",
        "scalar-only",
        "returns-none",
        "stub",
    ],
)
def test_relu_wrong_derivative_is_named(wrong, fragments):
    rejects_many(check_relu, relu_reference, wrong, fragments=fragments)


def test_relu_derivative_that_changes_its_input_is_rejected():
    def in_place(x):
        x[...] = x > 0
        return x

    rejects_many(check_relu, relu_reference, in_place, fragments=["relu_derivative", "in place"])


# --- dead_unit_fraction -----------------------------------------------------------------------


def dead_reference(acts):
    return np.mean(np.all(acts <= 0, axis=0))


def test_dead_reference_passes(capsys):
    check_dead_unit_fraction(dead_reference)
    assert "✓ dead_unit_fraction" in capsys.readouterr().out


def test_dead_other_correct_spellings_pass(capsys):
    check_dead_unit_fraction(lambda acts: float((acts.max(axis=0) == 0).sum() / acts.shape[1]))
    check_dead_unit_fraction(lambda acts: np.mean(~np.any(acts > 0, axis=0)))
    assert capsys.readouterr().out.count("✓ dead_unit_fraction") == 2


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda a: np.mean(np.any(a <= 0, axis=0)), ["at least one example", "np.all"]),
        (lambda a: np.mean(np.all(a <= 0, axis=1)), ["share of examples (rows)", "axis=0"]),
        (lambda a: np.mean(a == 0), ["sparsity", "whole column"]),
        (lambda a: np.sum(np.all(a <= 0, axis=0)), ["number of dead units, not their share"]),
        (
            lambda a: np.sum(np.all(a <= 0, axis=0)) / a.shape[0],
            ["divided by the number of examples", "a.shape[1]"],
        ),
        (lambda a: np.mean(np.any(a > 0, axis=0)), ["share of live units", "1 minus"]),
        (lambda a: np.mean(np.all(a < 0, axis=0)), ["negative output", "a <= 0"]),
        (
            lambda a: np.mean(np.all(np.isclose(a, 0.0), axis=0)),
            ["tiny positive outputs", "1e-12 is still active"],
        ),
        (lambda a: np.all(a <= 0, axis=0), ["one True/False per unit", "single number"]),
        (lambda a: np.mean(np.all(a <= 0, axis=0)) + 0.01, ["expected 0.4, got 0.41", "np.all"]),
        (lambda a: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "any-not-all",
        "wrong-axis",
        "sparsity",
        "count",
        "divided-by-examples",
        "alive-share",
        "strictly-negative",
        "isclose",
        "per-unit-mask",
        "off",
        "returns-none",
        "stub",
    ],
)
def test_dead_wrong_answers_are_named(wrong, fragments):
    rejects_many(check_dead_unit_fraction, wrong, fragments=["dead_unit_fraction", *fragments])


def test_dead_that_zeroes_its_input_is_rejected():
    def in_place(acts):
        acts[acts < 1e-6] = 0.0
        return np.mean(np.all(acts <= 0, axis=0))

    rejects_many(check_dead_unit_fraction, in_place, fragments=["changed its input array in place"])


# --- he_std -----------------------------------------------------------------------------------


def he_reference(n_in, n_out):
    return np.sqrt(2.0 / n_in)


def test_he_reference_passes(capsys):
    check_he_std(he_reference)
    out = capsys.readouterr().out
    assert "✓ he_std" in out
    assert "20-layer ReLU stack" in out


def test_he_spread_in_the_pass_message_is_measured():
    # He keeps the spread of order 1; Glorot's 1/n halves the variance in each of 19 layers.
    from helpers.checks.ch08_relu import _spread_after

    assert 0.5 < _spread_after(2.0) < 2.0
    assert 1e-4 < _spread_after(1.0) < 1e-2


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda n_in, n_out: 2.0 / n_in, ["2/n_in, the variance", "square root"]),
        (lambda n_in, n_out: np.sqrt(1.0 / n_in), ["LeCun", "factor 2"]),
        (lambda n_in, n_out: np.sqrt(2.0 / n_out), ["fan-out", "fan-in n_in"]),
        (lambda n_in, n_out: np.sqrt(2.0 / (n_in + n_out)), ["Glorot's standard deviation"]),
        (lambda n_in, n_out: np.sqrt(6.0 / (n_in + n_out)), ["Glorot uniform limit"]),
        (lambda n_in, n_out: np.sqrt(6.0 / n_in), ["He's uniform range", "r/√3"]),
        (lambda n_in, n_out: np.sqrt(2.0) / n_in, ["√2/n_in", "whole 2/n_in"]),
        (lambda n_in, n_out: 2.0 / np.sqrt(n_in), ["2/√n_in"]),
        (lambda n_in, n_out: np.sqrt(n_in / 2.0), ["upside down"]),
        (lambda n_in, n_out: np.full(n_out, np.sqrt(2.0 / n_in)), ["expected one number"]),
        (lambda n_in, n_out: 0.01, ["expected 0.144338, got 0.01", "Var(w) = 2/n_in"]),
        (lambda n_in, n_out: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "variance",
        "lecun",
        "fan-out",
        "glorot",
        "glorot-uniform-limit",
        "he-uniform-limit",
        "sqrt-misplaced",
        "sqrt-misplaced-2",
        "inverted",
        "array",
        "constant",
        "returns-none",
        "stub",
    ],
)
def test_he_wrong_answers_are_named(wrong, fragments):
    rejects_many(check_he_std, wrong, fragments=["he_std", *fragments])


# --- uniform_limit (design: judged by running a 20-layer ReLU stack) ---------------------------


def uniform_reference(n_in, n_out):
    return np.sqrt(6.0 / n_in)


def test_uniform_reference_passes_with_its_measured_spread(capsys):
    check_uniform_limit(uniform_reference)
    out = capsys.readouterr().out
    assert "✓ uniform_limit: through all 20 ReLU layers the spread of z stays between" in out
    assert "(allowed: 1/3× to 3×)" in out


def test_uniform_other_designs_that_keep_the_signal_pass(capsys):
    # Written differently, or a different rule that still keeps every layer within 3×: the
    # outcome is judged, not the formula. Fan-out works here because the widths' ratios cancel
    # along the stack (120 in, 120 out).
    import math

    designs = [
        lambda n_in, n_out: math.sqrt(6 / n_in),
        lambda n_in, n_out: np.sqrt(3.0) * np.sqrt(2.0 / n_in),
        lambda n_in, n_out: np.float32(np.sqrt(6.0 / n_in)),
        lambda n_in, n_out: 1.03 * np.sqrt(6.0 / n_in),
        lambda n_in, n_out: np.sqrt(6.0 / n_out),
    ]
    for design in designs:
        check_uniform_limit(design)
    assert capsys.readouterr().out.count("✓ uniform_limit") == len(designs)


def test_the_stack_has_no_square_layer_and_its_widths_come_back_to_the_start():
    assert all(a != b for a, b in itertools.pairwise(STACK_WIDTHS))
    assert len(STACK_WIDTHS) == 21 and STACK_WIDTHS[0] == STACK_WIDTHS[-1]


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda n_in, n_out: np.sqrt(2.0 / n_in), ["He's normal standard deviation", "r/√3"]),
        (lambda n_in, n_out: np.sqrt(3.0 / n_in), ["LeCun", "= ½ here", "factor 2"]),
        (lambda n_in, n_out: np.sqrt(6.0 / (n_in + n_out)), ["Glorot's uniform limit", "fan-in"]),
        (lambda n_in, n_out: 1.0 / np.sqrt(n_in), ["PyTorch's nn.Linear", "1/(3·n_in)", "1/6"]),
        (lambda n_in, n_out: 6.0 / n_in, ["without the square root"]),
        (lambda n_in, n_out: np.sqrt(6.0) / n_in, ["√6/n_in", "whole 6/n_in"]),
        (lambda n_in, n_out: 0.1, ["the signal shrinks", "layer 20 (n_in = 70, your r = 0.1)"]),
        (
            lambda n_in, n_out: 1.3 * np.sqrt(6.0 / n_in),
            ["the signal grows", "between 1/3× and 3×"],
        ),
        (lambda n_in, n_out: np.full(n_out, 0.2), ["uniform_limit(120, 60) returned an array"]),
        (lambda n_in, n_out: None, ["returned None"]),
        (stub, ["still raises NotImplementedError"]),
    ],
    ids=[
        "normal-std-as-limit",
        "lecun-uniform",
        "glorot-uniform",
        "pytorch-linear-default",
        "no-sqrt",
        "sqrt-misplaced",
        "constant",
        "too-large",
        "array",
        "returns-none",
        "stub",
    ],
)
def test_uniform_wrong_designs_are_named(wrong, fragments):
    rejects_many(check_uniform_limit, wrong, fragments=["uniform_limit", *fragments])
