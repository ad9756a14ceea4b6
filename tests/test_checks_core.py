"""helpers.checks._core: how a learner's function is called and its failures turned into advice."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.checks._core import ExerciseFailure, call_checked, call_with_hint, name_mistake


def stub(x):
    raise NotImplementedError


def overflowing(x):
    return np.exp(np.asarray(x) * 1000.0)


def crashing(x):
    return x.shape[5]


def silent(x):
    _ = x + 1  # the missing `return` is the point


def failure(fn, **advice) -> str:
    with pytest.raises(ExerciseFailure) as caught:
        call_checked("ex", fn, np.array([1.0]), shown="x = [1]", **advice)
    assert caught.value.exercise == "ex"
    return str(caught.value)


def test_a_working_function_returns_its_value():
    got = call_checked("ex", lambda x: 2 * x, np.array([1.0]), shown="x", hint="h")
    np.testing.assert_array_equal(got, [2.0])


def test_a_stub_keeps_its_own_advice_whatever_the_exercise_hint():
    text = failure(stub, hint="exercise hint", warning_hint="warning hint")
    assert "still raises NotImplementedError" in text
    assert "replace the `raise NotImplementedError` line" in text
    assert "exercise hint" not in text and "warning hint" not in text


def test_a_numpy_warning_gets_the_warning_hint():
    text = failure(overflowing, hint="exercise hint", warning_hint="subtract the max first")
    assert text.startswith("ex: numpy warned for x = [1]: overflow")
    assert text.endswith("Hint: subtract the max first")


def test_a_warning_hint_may_depend_on_the_message_or_decline():
    def by_kind(message):
        return "about overflow" if "overflow" in message else None

    assert failure(overflowing, warning_hint=by_kind).endswith("Hint: about overflow")
    generic = failure(overflowing, warning_hint=lambda message: None)
    assert generic.endswith("an overflow or invalid value usually means an unstable formula.")
    assert failure(overflowing, hint="exercise hint").endswith("unstable formula.")


def test_an_exception_gets_the_exercise_hint_or_none():
    text = failure(crashing, hint="x has one axis", warning_hint="not this one")
    message = "ex: raised IndexError for x = [1]: tuple index out of range"
    assert text == message + "\nHint: x has one axis"
    assert "Hint" not in failure(crashing)


def test_none_is_a_failure_naming_the_missing_return():
    assert failure(silent, hint="h").endswith("did you forget `return`?")
    with pytest.raises(ExerciseFailure, match="expected a function, got int"):
        call_checked("ex", 3, shown="x")


def test_call_with_hint_uses_one_hint_for_exceptions_and_warnings():
    for fn in (overflowing, crashing):
        with pytest.raises(ExerciseFailure, match=r"Hint: one hint$"):
            call_with_hint("ex", fn, np.array([1.0]), shown="x", hint="one hint")


def test_name_mistake_names_a_known_wrong_answer_and_spares_a_right_one():
    x = np.array([1.0, 2.0])
    mistakes = [
        ("x squared", lambda v: v**2, "square hint"),
        ("an impossible product", lambda v: v @ np.ones((3, 3)), "never"),  # cannot be formed
        ("nothing", None, "never"),
    ]
    with pytest.raises(ExerciseFailure, match=r"^ex: for x your answer equals x squared\.\nHint: "):
        name_mistake("ex", x**2, 2 * x, "x", mistakes, x)
    # At x = (0, 1) squaring is right, so a right answer must not be blamed for it.
    name_mistake("ex", np.array([0.0, 1.0]), np.array([0.0, 1.0]), "x", mistakes, np.array([0, 1]))
    name_mistake("ex", 2 * x, 2 * x, "x", mistakes, x)  # not a known mistake: no verdict here
    with pytest.raises(ExerciseFailure, match="equals the sum"):
        name_mistake("ex", 3.0, None, "x", {"the sum": (3.0, "hint")})
