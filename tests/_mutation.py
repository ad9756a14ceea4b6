"""Shared tools for the exercise checks' mutation tests (tests/test_checks_ch*.py).

A mutation test feeds a check a typical wrong answer and asserts two things: the check
rejects it, and its message names the problem (so the learner is told *what* is wrong).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from helpers.checks import ExerciseFailure


def stub(*args: Any) -> Any:
    """What the student edition puts in an exercise before the learner writes anything."""
    raise NotImplementedError("exercise")


def rejects(check: Callable[..., Any], learner_fn: Any, *fragments: str) -> str:
    """Run ``check`` on a wrong answer; return the message after asserting it names the problem."""
    return rejects_many(check, learner_fn, fragments=fragments)


def rejects_many(check: Callable[..., Any], *learner_fns: Any, fragments: tuple[str, ...]) -> str:
    """Like ``rejects``, for checks that take several learner functions at once."""
    with pytest.raises(ExerciseFailure) as info:
        check(*learner_fns)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from:\n{message}"
    return message
