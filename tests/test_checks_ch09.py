"""Mutation tests for chapter 09's exercise checks (Leaky ReLU and PReLU).

Every check must accept the reference solution and reject each typical wrong answer — ReLU's
zero slope, 1 at the kink, max(αx, x) with α > 1, the positive side for ∂L/∂α, a mean instead of a
sum, a per-channel gradient summed over the wrong axes, ``any`` instead of ``all`` — with a
message that names the mistake; the assertions pin the words a learner would read.
"""

from __future__ import annotations

import numpy as np
import pytest
from _mutation import rejects_many, stub

from helpers.checks import (
    check_channel_alpha_gradient,
    check_dead_unit_mask,
    check_leaky_relu,
)

# --- leaky_relu and leaky_relu_derivative --------------------------------------------------------


def leaky_reference(x, alpha=0.01):
    return np.where(x > 0, x, alpha * x)


def leaky_derivative_reference(x, alpha=0.01):
    return np.where(x > 0, 1.0, alpha)


def test_leaky_reference_passes(capsys):
    check_leaky_relu(leaky_reference, leaky_derivative_reference)
    out = capsys.readouterr().out
    assert "✓ leaky_relu:" in out
    assert "✓ leaky_relu_derivative:" in out


def test_leaky_alternative_forms_pass(capsys):
    # max(0, x) + α·min(0, x) is right for every α; heaviside(x, α) puts α at the kink
    check_leaky_relu(
        lambda x, alpha: np.maximum(x, 0) + alpha * np.minimum(x, 0),
        lambda x, alpha: np.where(x <= 0, alpha, np.heaviside(x, alpha)),
    )
    assert "✓ leaky_relu_derivative" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x, a: np.maximum(x, 0.0), ["leaky_relu", "ReLU", "α·x"]),
        (lambda x, a: np.where(x > 0, x, 0.01 * x), ["α = 0.01, not the α passed in"]),
        (lambda x, a: np.where(x > 0, x, -a * x), ["sign error"]),
        (lambda x, a: a * x, ["α·x everywhere"]),
        (lambda x, a: np.maximum(a * x, x), ["max(αx, x)", "α ≤ 1", "alpha = 1.5"]),
        (lambda x, a: np.where(x > 0, 1.0, a), ["the derivative, not the function"]),
        (lambda x, a: np.where(x > 0, x, a * x)[0], ["expected shape"]),
        (lambda x, a: x if x > 0 else a * x, ["ValueError", "np.where"]),
        (stub, ["NotImplementedError"]),
        (lambda x, a: None, ["returned None"]),
    ],
)
def test_leaky_forward_mistakes_rejected(wrong, fragments):
    rejects_many(check_leaky_relu, wrong, leaky_derivative_reference, fragments=fragments)


def _in_place(x, alpha):
    x[x <= 0] *= alpha
    return x


def test_leaky_forward_in_place_rejected():
    rejects_many(check_leaky_relu, _in_place, leaky_derivative_reference, fragments=["in place"])


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda x, a: np.where(x >= 0, 1.0, a), ["leaky_relu_derivative", "1 at x = 0", "x > 0"]),
        (
            lambda x, a: np.where(x > 0, 1.0, np.where(x < 0, a, 0.0)),
            ["0 at x = 0", "Leaky′(0) = α"],
        ),
        (lambda x, a: np.where(x > 0, 1.0, 0.0), ["ReLU's derivative"]),
        (lambda x, a: np.where(x > 0, 1.0, a * x), ["α·x on the negative side"]),
        (lambda x, a: np.where(x > 0, 1.0, -a), ["sign error"]),
        (lambda x, a: np.where(x > 0, 1.0, 0.01), ["α = 0.01, not the α passed in"]),
        (lambda x, a: np.where(a * x >= x, a, 1.0), ["derivative of max(αx, x)", "alpha = 1.5"]),
        (lambda x, a: np.where(x > 0, a, 1.0), ["slopes swapped", "alpha = 0.2"]),
        (lambda x, a: np.where(x > 0, x, a * x), ["Leaky ReLU itself"]),
        (lambda x, a: 1.0, ["expected shape"]),
        (stub, ["NotImplementedError"]),
    ],
)
def test_leaky_derivative_mistakes_rejected(wrong, fragments):
    rejects_many(check_leaky_relu, leaky_reference, wrong, fragments=fragments)


def test_leaky_derivative_is_checked_even_if_forward_is_right():
    message = rejects_many(
        check_leaky_relu,
        leaky_reference,
        lambda x, a: np.where(x >= 0, 1.0, a),
        fragments=["x = [-3.0, -1.0, -0.25, 0.0, 0.5, 2.0], alpha = 0.2"],
    )
    assert message.startswith("leaky_relu_derivative:")


# --- channel_alpha_gradient ----------------------------------------------------------------------


def channel_reference(x, upstream):
    return np.sum(upstream * np.minimum(x, 0.0), axis=(0, 2, 3))


def test_channel_reference_passes(capsys):
    check_channel_alpha_gradient(channel_reference)
    assert "✓ channel_alpha_gradient" in capsys.readouterr().out


@pytest.mark.parametrize(
    "variant",
    [
        lambda x, u: np.einsum("nchw,nchw->c", u, x * (x < 0)),  # x < 0: the kink adds 0 anyway
        lambda x, u: np.sum(u * np.where(x <= 0, x, 0.0), axis=(0, 2, 3)),
        # the dense layer's per-unit sum after moving channels last: PReLU(C) on (N·H·W, C)
        lambda x, u: np.sum(
            (u * np.minimum(x, 0)).transpose(0, 2, 3, 1).reshape(-1, x.shape[1]), 0
        ),
        lambda x, u: (u * np.minimum(x, 0)).sum(axis=(2, 3)).sum(axis=0),
    ],
)
def test_channel_correct_variants_pass(variant, capsys):
    check_channel_alpha_gradient(variant)
    assert "✓ channel_alpha_gradient" in capsys.readouterr().out


def _summed(term, axes=(0, 2, 3)):
    return lambda x, u: np.sum(term(x, u), axis=axes)


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (_summed(lambda x, u: u * np.maximum(x, 0)), ["positive side", "x ≤ 0"]),
        (_summed(lambda x, u: u * x), ["without the mask", "does not depend on α"]),
        (_summed(lambda x, u: u * (x <= 0)), ["without the factor x", "∂y/∂α = x"]),
        (_summed(lambda x, u: np.minimum(x, 0)), ["without the upstream", "chain rule"]),
        (_summed(lambda x, u: -u * np.minimum(x, 0)), ["sign error"]),
        (lambda x, u: channel_reference(x, u) / len(x), ["mean over the examples instead"]),
        (lambda x, u: channel_reference(x, u) / 40, ["examples and positions instead of a sum"]),
        (
            _summed(lambda x, u: u * np.minimum(x, 0), 0),
            ["expected shape (3,), got (3, 4, 5)", "positions (axes 2 and 3)"],
        ),
        (_summed(lambda x, u: u * np.minimum(x, 0), (2, 3)), ["got (2, 3)", "axis 0"]),
        (_summed(lambda x, u: u * np.minimum(x, 0), None), ["single shared α", "got ()"]),
        (_summed(lambda x, u: u * np.minimum(x, 0), 1), ["over the channels (axis 1)"]),
        (lambda x, u: u * np.minimum(x, 0), ["no sum at all", "got (2, 3, 4, 5)"]),
        (
            lambda x, u: np.sum(u * np.minimum(x, 0), axis=(0, 2, 3), keepdims=True),
            ["keepdims=True", "got (1, 3, 1, 1)"],
        ),
        (stub, ["NotImplementedError"]),
        (lambda x, u: None, ["returned None"]),
    ],
)
def test_channel_mistakes_rejected(wrong, fragments):
    rejects_many(check_channel_alpha_gradient, wrong, fragments=fragments)


def test_channel_gradient_is_judged_by_a_gradient_check():
    message = rejects_many(
        check_channel_alpha_gradient,
        lambda x, u: channel_reference(x, u) * 1.001,
        fragments=["(2, 3, 4, 5) = (N, C, H, W), centred differences in α_", "relative error"],
    )
    assert "within 1e-07" in message and "Hint: ∂L/∂α_c = Σ upstream · min(x, 0)" in message


def test_channel_gradient_that_modifies_upstream_rejected():
    def in_place(x, upstream):
        upstream *= np.minimum(x, 0.0)
        return upstream.sum(axis=(0, 2, 3))

    rejects_many(check_channel_alpha_gradient, in_place, fragments=["in place"])


# --- dead_unit_mask ------------------------------------------------------------------------------


def dead_reference(z):
    return np.all(z <= 0, axis=0)


def test_dead_reference_passes(capsys):
    check_dead_unit_mask(dead_reference)
    assert "✓ dead_unit_mask" in capsys.readouterr().out


def test_dead_via_max_passes(capsys):
    check_dead_unit_mask(lambda z: z.max(axis=0) <= 0)
    assert "✓ dead_unit_mask" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("wrong", "fragments"),
    [
        (lambda z: np.any(z <= 0, axis=0), ["np.any", "sparsity", "all"]),
        (lambda z: np.all(z < 0, axis=0), ["exactly 0", "z <= 0"]),
        (lambda z: np.mean(z <= 0, axis=0), ["share of examples", "np.all"]),
        (lambda z: np.any(z > 0, axis=0), ["live units", "True should mark the dead"]),
        (lambda z: np.all(z == 0, axis=0), ["np.all(z == 0", "pre-activation"]),
        (lambda z: np.all(z <= 0, axis=1), ["one entry per unit", "axis=0"]),
        (lambda z: float(np.mean(np.all(z <= 0, axis=0))), ["single number", "mask.mean()"]),
        (lambda z: np.all(z <= 0, axis=0).astype(int), ["booleans", "dtype int"]),
        (lambda z: np.all(z <= 0, axis=0)[:-1], ["expected shape (5,)"]),
        (stub, ["NotImplementedError"]),
    ],
)
def test_dead_mistakes_rejected(wrong, fragments):
    rejects_many(check_dead_unit_mask, wrong, fragments=fragments)


def test_dead_mask_that_clips_its_input_rejected():
    def clipping(z):
        np.maximum(z, 0.0, out=z)  # "apply ReLU first" — into the caller's array
        return np.all(z == 0, axis=0)

    rejects_many(check_dead_unit_mask, clipping, fragments=["in place"])


# --- answers outside the catalogue of known mistakes are still rejected, with a hint --------------


def test_unknown_wrong_forward_rejected_with_formula_hint():
    rejects_many(
        check_leaky_relu,
        lambda x, a: np.where(x > 0, x, 0.3 * x),
        leaky_derivative_reference,
        fragments=["expected", "got", "α·x for x ≤ 0"],
    )


def test_unknown_wrong_derivative_rejected_with_formula_hint():
    rejects_many(
        check_leaky_relu,
        leaky_reference,
        lambda x, a: np.where(x > 1, 1.0, a),
        fragments=["first mismatch at index (4,)", "α for x ≤ 0"],
    )


def test_unknown_wrong_mask_rejected_with_hint():
    rejects_many(
        check_dead_unit_mask,
        lambda z: np.all(z <= 0, axis=0)[::-1],
        fragments=["first mismatch at index (0,)", "column of z"],
    )
