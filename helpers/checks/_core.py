"""The machinery behind every exercise check: call the learner's code, compare, explain.

A check either prints one line saying what passed, or raises ``AssertionError`` whose message
names the exercise, the input that failed, what was expected and what came back, plus a hint.
Raising (rather than returning False) makes the same check cells work as nbgrader or
otter-grader test cells.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np

from ._runner import ExerciseFailure

__all__ = [
    "ExerciseFailure",
    "call_checked",
    "call_learner",
    "call_with_hint",
    "expect_close",
    "fail",
    "matches",
    "name_mistake",
    "passed",
]


def fail(exercise: str, message: str, hint: str | None = None) -> None:
    raise ExerciseFailure(exercise, message, hint)


def passed(exercise: str, detail: str) -> None:
    print(f"✓ {exercise}: {detail}")


def _describe(value: Any) -> str:
    if isinstance(value, np.ndarray) and value.ndim > 0:
        with np.printoptions(precision=6, threshold=12, edgeitems=3):
            return f"array of shape {value.shape}: {value}"
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    return repr(value)


def call_learner(exercise: str, fn: Callable[..., Any], *args: Any, shown: str = "") -> Any:
    """Call the learner's function, turning its exceptions and warnings into feedback.

    A ``NotImplementedError`` means the stub is still empty; a ``RuntimeWarning`` (overflow,
    invalid value) is reported as a failure because it usually means an unstable formula.
    """
    if not callable(fn):
        fail(exercise, f"expected a function, got {type(fn).__name__}.")
    where = f" for {shown}" if shown else ""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", RuntimeWarning)
            return fn(*args)
    except NotImplementedError:
        fail(
            exercise,
            "the function still raises NotImplementedError.",
            "replace the `raise NotImplementedError` line with your code.",
        )
    except RuntimeWarning as warning:
        fail(
            exercise,
            f"numpy warned{where}: {warning}.",
            "an overflow or invalid value usually means an unstable formula.",
        )
    except Exception as error:  # the learner's bug, reported rather than re-raised
        fail(exercise, f"raised {type(error).__name__}{where}: {error}")
    return None  # unreachable; keeps type checkers calm


def call_checked(
    exercise: str,
    fn: Callable[..., Any],
    *args: Any,
    shown: str,
    hint: str | None = None,
    warning_hint: str | Callable[[str], str | None] | None = None,
) -> Any:
    """``call_learner`` with the exercise's own advice, and a None result counted as a failure.

    When numpy warned, ``warning_hint`` (a text, or a function of the warning's message that may
    return None) replaces the generic advice. When the learner's code raised, ``hint`` is given.
    A stub that still raises NotImplementedError, and anything without its own advice, keeps
    ``call_learner``'s message and hint.
    """
    try:
        result = call_learner(exercise, fn, *args, shown=shown)
    except ExerciseFailure as failure:
        message, _, generic_hint = str(failure).partition("\nHint: ")
        message = message.removeprefix(f"{exercise}: ")
        if message.startswith("numpy warned"):
            own = warning_hint(message) if callable(warning_hint) else warning_hint
        else:
            own = None if generic_hint else hint
        if not own:
            raise
        raise ExerciseFailure(exercise, message, own) from None
    if result is None:
        fail(exercise, f"for {shown} the function returned None.", "did you forget `return`?")
    return result


def call_with_hint(exercise: str, fn: Callable[..., Any], *args: Any, shown: str, hint: str) -> Any:
    """``call_checked`` with one hint for whatever went wrong: an exception or a numpy warning."""
    return call_checked(exercise, fn, *args, shown=shown, hint=hint, warning_hint=hint)


def name_mistake(
    exercise: str,
    got: Any,
    expected: Any,
    shown: str,
    mistakes: Mapping[str, tuple[Any, str]] | Iterable[tuple[str, Any, str]],
    *args: Any,
    rtol: float = 1e-9,
    atol: float = 1e-12,
    skip_rtol: float = 1e-7,
    skip_atol: float = 1e-12,
    note: str = "",
) -> None:
    """Fail naming the mistake when ``got`` equals a known wrong answer.

    ``mistakes`` holds (what it is, the wrong answer, the hint), or maps what → (answer, hint).
    A wrong answer may be a function, computed here as ``wrong(*args)`` (numpy warnings off; one
    that cannot be formed for these shapes is skipped), or None (skipped). ``got`` matches it to
    ``rtol``/``atol``. A wrong answer that equals ``expected`` for this input (to ``skip_rtol``/
    ``skip_atol``; a mean over a batch of one is its sum) is skipped: it would blame a right
    answer. ``expected=None`` skips that test.
    """
    items = [(what, *pair) for what, pair in mistakes.items()] if isinstance(mistakes, Mapping) \
        else list(mistakes)  # fmt: skip
    for what, wrong, hint in items:
        if callable(wrong):
            with np.errstate(all="ignore"):
                try:
                    wrong = wrong(*args)
                except (ValueError, IndexError):
                    continue
        if wrong is None or not matches(got, wrong, rtol=rtol, atol=atol):
            continue
        if expected is not None and matches(wrong, expected, rtol=skip_rtol, atol=skip_atol):
            continue
        fail(exercise, f"for {shown}{note} your answer equals {what}.", hint)


def matches(got: Any, expected: Any, *, rtol: float = 1e-7, atol: float = 1e-12) -> bool:
    """True when ``got`` equals ``expected`` in shape and value. Never raises: used for hints."""
    try:
        got_arr = np.asarray(got, dtype=float)
        expected = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    if got is None or got_arr.shape != expected.shape:
        return False
    return bool(np.allclose(got_arr, expected, rtol=rtol, atol=atol, equal_nan=True))


def expect_close(
    exercise: str,
    got: Any,
    expected: Any,
    *,
    shown: str,
    rtol: float = 1e-7,
    atol: float = 1e-12,
    hint: str | None = None,
) -> None:
    """Fail unless ``got`` matches ``expected`` in shape and value (NaN matches NaN)."""
    expected = np.asarray(expected, dtype=float)
    if got is None:
        fail(exercise, f"for {shown} the function returned None.", "did you forget `return`?")
    try:
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        fail(exercise, f"for {shown} expected numbers, got {_describe(got)}.", hint)
    if got_arr.shape != expected.shape:
        fail(
            exercise,
            f"for {shown} expected shape {expected.shape}, got shape {got_arr.shape}.",
            hint or "check which axis you reduce over and whether you kept the batch dimension.",
        )
    if not np.allclose(got_arr, expected, rtol=rtol, atol=atol, equal_nan=True):
        bad = ~np.isclose(got_arr, expected, rtol=rtol, atol=atol, equal_nan=True)
        idx = tuple(int(i) for i in np.argwhere(bad)[0]) if got_arr.ndim else ()
        at = f" (first mismatch at index {idx})" if idx else ""
        fail(
            exercise,
            f"for {shown} expected {_describe(expected)}, got {_describe(got_arr)}{at}.",
            hint,
        )
