"""Check for chapter 00's warm-up exercise: the weighted sum z = x·w + b of a neuron, one number
for a sample x of shape (d,), one per row for a batch of shape (n, d)."""

import numpy as np

from ._runner import Case, Check, Exercise, Mistake

__all__ = ["check_weighted_sum"]


def _cases() -> list[Case]:
    r = np.random.default_rng(0).normal
    return [
        Case("one sample x=[1, 2, 3]", (np.array([1.0, 2, 3]), np.array([0.5, -1, 2]), 0.25)),
        Case("x = 0 (only the bias is left)", (np.zeros(2), np.array([3.0, -4.0]), -1.5)),
        Case("a batch of 4 rows, x.shape = (4, 3)", (r(size=(4, 3)), r(size=3), 0.1)),
    ]


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
        Mistake("one number per input",
                "you returned one number per input; sum the products over the last axis.",
                when=lambda got, x, w, b: np.shape(got) == x.shape,
                example=lambda x, w, b: x * w + b, message=_SAID),
    ],
    hint="z = x @ w + b",
)
# fmt: on

check_weighted_sum = Check((WEIGHTED_SUM,), "all 3 cases match z = x·w + b, including a batch.")
