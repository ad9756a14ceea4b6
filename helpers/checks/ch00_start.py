"""Check for chapter 00's warm-up exercise: the weighted sum z = x·w + b of a neuron."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._core import call_learner, expect_close, matches, passed

EXERCISE = "weighted_sum"


def check_weighted_sum(weighted_sum: Callable) -> None:
    """``weighted_sum(x, w, b)`` must return x @ w + b for one sample or a batch of rows."""
    rng = np.random.default_rng(0)
    cases = [
        (np.array([1.0, 2.0, 3.0]), np.array([0.5, -1.0, 2.0]), 0.25, "one sample x=[1, 2, 3]"),
        (np.array([0.0, 0.0]), np.array([3.0, -4.0]), -1.5, "x = 0 (only the bias is left)"),
        (rng.normal(size=(4, 3)), rng.normal(size=3), 0.1, "a batch of 4 rows, x.shape = (4, 3)"),
    ]
    for x, w, b, shown in cases:
        got = call_learner(EXERCISE, weighted_sum, x, w, b, shown=shown)
        hint = None
        if matches(got, x @ w):
            hint = "the bias b is missing: z = x·w + b."
        elif matches(got, x @ w - b):
            hint = "the bias has the wrong sign: z = x·w + b."
        elif got is not None and np.shape(got) == np.shape(x):
            hint = "you returned one number per input; sum the products over the last axis."
        expect_close(EXERCISE, got, x @ w + b, shown=shown, hint=hint or "z = x @ w + b")
    passed(EXERCISE, f"all {len(cases)} cases match z = x·w + b, including a batch.")
