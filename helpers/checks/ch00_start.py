"""Checks for chapter 00, "Start here".

Exercise 1 (*implement*): the weighted sum z = x·w + b of a neuron, one number for a sample x of
shape (d,), one per row for a batch of shape (n, d).

Exercise 2 (*predict*): the learner writes down, before running anything, what a ReLU neuron
with w = [1, −2] and b = 1 outputs for x_A = [3, 1] and x_B = [1, 2]; the function returns that
prediction. By hand: z_A = 3 − 2 + 1 = 2, so a_A = 2; z_B = 1 − 4 + 1 = −2, so a_B = 0. Every
typical slip in that arithmetic gives a different pair of numbers, so the check can say which.
"""

from __future__ import annotations

import numpy as np

from helpers.i18n import tr

from ._runner import Case, Check, Exercise, Mistake, describe

__all__ = ["NEURON", "check_neuron_prediction", "check_weighted_sum"]


# --- Exercise 1: the weighted sum ----------------------------------------------------------------


def _cases() -> list[Case]:
    r = np.random.default_rng(0).normal
    return [
        Case("one sample x=[1, 2, 3]", (np.array([1.0, 2, 3]), np.array([0.5, -1, 2]), 0.25)),
        Case("x = 0 (only the bias is left)", (np.zeros(2), np.array([3.0, -4.0]), -1.5)),
        # square, so that the column-convention w @ x runs (and differs) instead of crashing
        Case("a batch of 3 rows, x.shape = (3, 3)", (r(size=(3, 3)), r(size=3), -0.4)),
        Case("a batch of 4 rows, x.shape = (4, 3)", (r(size=(4, 3)), r(size=3), 0.1)),
    ]


_ROWS = "the rows of a batch are the samples, so x goes first: x @ w + b."


def _crash_hint(error: str) -> str:
    # Callable hints are not in the check tables: each sentence is a template of its own.
    if "matmul" in error:
        return tr(
            "the shapes do not line up for @: the rows of a batch are the samples, so x goes "
            "first: x @ w + b."
        )
    if "axis" in error and "out of bounds" in error:
        return tr(
            "one sample x has shape (d,), with only axis 0: sum over the last axis "
            "(axis=-1), or let x @ w do the sum."
        )
    return "z = x @ w + b"


_SAID = "for {shown} expected {expected}, got {got}."  # what the notebook shows for x @ w
# fmt: off
WEIGHTED_SUM = Exercise(
    name="weighted_sum",
    reference=lambda x, w, b: x @ w + b,
    cases=_cases,
    mistakes=[
        Mistake("x @ w", "the bias b is missing: z = x·w + b.",
                lambda x, w, b: x @ w, message=_SAID),
        Mistake("x @ w - b", "the bias has the wrong sign: z = x·w + b.",
                lambda x, w, b: x @ w - b, message=_SAID),
        Mistake("w @ x + b, the column convention",
                "w @ x sums down the columns of x (a weighted sum of its rows), not along each "
                f"row; {_ROWS} (For one sample both orders agree: that is why it passed there.)",
                lambda x, w, b: w @ x + b),
        Mistake("one number for the whole batch",
                "sum over the last axis only, one sum per row: np.sum(x * w, axis=-1) + b, or "
                "x @ w + b.", lambda x, w, b: np.sum(x * w) + b),
        Mistake("one number per input",
                "you returned one number per input; sum the products over the last axis.",
                when=lambda got, x, w, b: np.shape(got) == x.shape,
                example=lambda x, w, b: x * w + b, message=_SAID),
    ],
    hint="z = x @ w + b",
    crash_hint=_crash_hint,
)
# fmt: on

check_weighted_sum = Check(
    (WEIGHTED_SUM,),
    "all 4 cases match z = x·w + b, one sample and two batches.",
    doc="Check ``weighted_sum(x, w, b)``: z = x·w + b for one sample (d,) and a batch (n, d).",
)


# --- Exercise 2: predict a ReLU neuron's output --------------------------------------------------

#: The neuron of the prediction exercise: the inputs x_A and x_B as rows, its weights and bias.
NEURON = {"X": np.array([[3.0, 1.0], [1.0, 2.0]]), "w": np.array([1.0, -2.0]), "b": 1.0}
_X, _W, _B = NEURON["X"], NEURON["w"], NEURON["b"]
_Z = _X @ _W + _B  # [2, -2]

_SIGMOID = 1.0 / (1.0 + np.exp(-_Z))


def _not_two_numbers(got: object) -> str | None:
    if isinstance(got, str) or np.shape(got) == (2,):
        return None  # text is reported as such; two numbers are judged by value
    return tr("expected two numbers, got {got}", got=describe(got))


# fmt: off
NEURON_PREDICTION = Exercise(
    name="neuron_prediction",
    reference=lambda: np.maximum(_Z, 0.0),
    cases=lambda: [Case("the ReLU neuron w = [1, −2], b = 1 at x_A = [3, 1] and x_B = [1, 2]")],
    mistakes=[
        Mistake("not two numbers", "return two numbers, [a for x_A, a for x_B].",
                when=_not_two_numbers, example=lambda: 2.0),
        Mistake("z = x·w + b itself, before the activation",
                "that is z. The ReLU then acts as a switch: it passes a positive z unchanged and "
                "turns a negative z into 0, a = max(0, z).", lambda: _Z),
        Mistake("a ReLU neuron without its bias",
                "x·w is only part of z: add the bias, z = x·w + b (for x_A, 3 − 2 + 1).",
                lambda: np.maximum(_X @ _W, 0.0)),
        Mistake("a ReLU neuron with the bias subtracted",
                "z = x·w + b adds the bias (for x_A, 3 − 2 + 1 = 2, which the ReLU passes).",
                lambda: np.maximum(_X @ _W - _B, 0.0)),
        Mistake("the ReLU applied to each product w_i·x_i before the sum",
                "a neuron applies its activation once, to the whole sum: max(0, w₁x₁ + w₂x₂ + "
                "b), not max(0, w₁x₁) + max(0, w₂x₂) + b.",
                lambda: np.maximum(_X * _W, 0.0).sum(axis=1) + _B),
        Mistake("the bias added after the ReLU",
                "the bias belongs to z, inside the activation: a = max(0, x·w + b), not "
                "max(0, x·w) + b.", lambda: np.maximum(_X @ _W, 0.0) + _B),
        Mistake("a sigmoid neuron's outputs, σ(z)",
                "σ(z) is right for a sigmoid neuron; this one uses ReLU, a = max(0, z), which "
                "outputs exactly 0 for every negative z.", lambda: _SIGMOID),
        Mistake("the right numbers in the wrong order",
                "the first number is for x_A = [3, 1], the second for x_B = [1, 2].",
                lambda: np.maximum(_Z, 0.0)[::-1]),
    ],
    hint="two steps for each input: z = w₁x₁ + w₂x₂ + b, then a = max(0, z).",
    rtol=0.0,
    atol=1e-6,
    mistake_rtol=0.01,  # a prediction written with two or three digits (0.88) still names σ(z)
    mistake_atol=0.005,
)
# fmt: on


def _prediction_summary(neuron_prediction: object) -> str:
    a_A, a_B = np.maximum(_Z, 0.0)
    return tr(
        "a = {a_A} for x_A (z = {z_A}, passed) and {a_B} for x_B (z = {z_B}, switched off), "
        "as predicted.",
        a_A=f"{a_A:g}",
        z_A=f"{_Z[0]:g}",
        a_B=f"{a_B:g}",
        z_B=f"{_Z[1]:g}",
    )


check_neuron_prediction = Check(
    (NEURON_PREDICTION,),
    _prediction_summary,
    doc="Check ``neuron_prediction() -> [a_A, a_B]``, the learner's prediction of a ReLU "
    "neuron's output, against the neuron of ``NEURON``.",
)
