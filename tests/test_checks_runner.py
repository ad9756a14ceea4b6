"""helpers.checks._runner: the one runner behind every check, on a small table of its own.

The table is "double": return 2·x. Each way a learner's answer can go wrong gets its message and
hint; the two halves (answer in the learner's kernel, judge elsewhere) agree through JSON; and
malformed or forged answers fail without raising.
"""

from __future__ import annotations

import functools
import json

import numpy as np
import pytest

import helpers.activations as act
from helpers.activations import relu
from helpers.checks._runner import (
    Case,
    Check,
    Exercise,
    ExerciseFailure,
    Failure,
    Mistake,
    answer,
    course_functions_used,
    from_plain,
    judge,
    matches,
    to_plain,
)

DOUBLE = Exercise(
    name="double",
    reference=lambda x: 2 * x,
    cases=lambda: [Case("x = [1, -2]", (np.array([1.0, -2.0]),)), Case("x = 3", (3.0,))],
    mistakes=[
        Mistake("x + 2", "multiply, do not add.", lambda x: x + 2),
        Mistake(
            "a list",
            "return an array.",
            when=lambda got, x: isinstance(got, list),
            example=lambda x: list(np.atleast_1d(2 * x)),
        ),
    ],
    hint="2 * x",
    warning_hint=lambda text: "overflow hint" if "overflow" in text else None,
    course_version="helpers.activations.relu",
)
CHECK = Check((DOUBLE,), "doubles.")


def failure_of(fn) -> Failure:
    with pytest.raises(ExerciseFailure) as caught:
        CHECK(fn)
    assert isinstance(caught.value, AssertionError)  # nbgrader and otter count it as a failure
    return caught.value.failure


def test_the_reference_and_another_spelling_pass(capsys) -> None:
    CHECK(lambda x: 2 * x)
    CHECK(lambda x: np.add(x, x))
    assert capsys.readouterr().out == "✓ double: doubles.\n" * 2


@pytest.mark.parametrize(
    ("fn", "kind", "message", "hint"),
    [
        (lambda x: (_ for _ in ()).throw(NotImplementedError()), "stub", "NotImplementedError",
         "replace the `raise NotImplementedError`"),
        (lambda x: x.shape[5], "raised", "raised IndexError for x = [1, -2]", "2 * x"),
        (lambda x: np.exp(np.asarray(x) * 1e3), "warned", "numpy warned for x = [1, -2]",
         "overflow hint"),
        (lambda x: np.log(np.asarray(x) - 5), "warned", "invalid value", "unstable formula"),
        (lambda x: None, "none", "returned None", "forget `return`"),
        (lambda x: x + 2, "mistake", "your answer equals x + 2", "multiply, do not add."),
        (lambda x: list(np.atleast_1d(2 * x)), "mistake", "a list", "return an array."),
        (lambda x: 2 * np.atleast_1d(x)[:1], "shape", "shape (2,), got shape (1,)", "2 * x"),
        (lambda x: 2 * x + 1e-3, "wrong", "first mismatch at index (0,)", "2 * x"),
        (lambda x: "two", "type", "expected numbers, got 'two'", "2 * x"),
        (lambda x: object(), "type", "expected numbers, got <object object at", "2 * x"),
    ],
)  # fmt: skip
def test_each_way_of_failing_has_its_message_and_hint(fn, kind, message, hint) -> None:
    failure = failure_of(fn)
    assert (failure.kind, failure.exercise) == (kind, "double")
    assert message in failure.message and hint in (failure.hint or ""), failure


def test_a_mistake_is_not_blamed_where_it_agrees_with_the_right_answer() -> None:
    # x + 2 equals 2x at x = 2: a right answer there must not be called "x + 2".
    exercise = Exercise("double", lambda x: 2 * x, lambda: [Case("x = 2", (2.0,))],
                        mistakes=DOUBLE.mistakes)  # fmt: skip
    assert judge(Check((exercise,), ""), answer(Check((exercise,), ""), lambda x: x + 2)) is None


def test_changing_the_input_in_place_is_named() -> None:
    def doubled_in_place(x):
        x *= 2
        return x

    failure = failure_of(doubled_in_place)
    assert failure.kind == "modified" and "changed its input array in place" in failure.message


def test_an_expected_exception_must_be_raised_and_mention_its_word() -> None:
    def checked_sqrt(x):
        if x < 0:
            raise ValueError("x must be >= 0")
        return np.sqrt(x)

    cases = lambda: [Case("x = 4", (4.0,)), Case("x = -1", (-1.0,), "ValueError", "x must")]  # noqa: E731
    sqrt = Check((Exercise("sqrt", checked_sqrt, cases),), "ok")
    assert judge(sqrt, answer(sqrt, checked_sqrt)) is None
    assert "expected a ValueError" in judge(sqrt, answer(sqrt, lambda x: abs(x) ** 0.5)).message
    wordless = judge(sqrt, answer(sqrt, lambda x: np.sqrt(x) if x >= 0 else int("no")))
    assert "should mention 'x must'" in wordless.message


def test_answer_and_judge_agree_through_json() -> None:
    sent = json.dumps(answer(CHECK, lambda x: x + 2))
    assert judge(CHECK, json.loads(sent)).mistake == "x + 2"


@pytest.mark.parametrize(
    "forged",
    [None, "ok", [], [[]], [{}], [{"cases": [{"value": 1}]}], [{"cases": [{}, {}]}],
     [{"cases": [{"value": {"array": [2.0, -4.0], "dtype": "<f8", "shape": [3]}}, {}]}],
     [{"cases": [{"value": {"array": "x", "dtype": "O", "shape": []}}, {}]}],
     [{"cases": [{"raised": 5}, {}]}], [{"not_callable": "int"}]],
)  # fmt: skip
def test_forged_answers_fail_without_raising(forged) -> None:
    assert isinstance(judge(CHECK, forged), Failure)


def test_plain_data_round_trips() -> None:
    value = (
        np.array([[1.5, np.nan], [np.inf, -0.0]]),
        np.zeros((0, 3)),
        np.array([True, False]),
        np.arange(3),
        [1, 2**80, "s", None, 2.5],
        {"a": np.float32(1.25)},
    )
    back = from_plain(json.loads(json.dumps(to_plain(value))))
    assert matches(back[0], value[0]) and back[1].shape == (0, 3)
    assert back[2].dtype == bool and back[3].dtype == np.arange(3).dtype
    assert back[4] == [1, 2**80, "s", None, 2.5] and back[5] == {"a": 1.25}


def test_the_course_own_functions_are_recognised_however_they_are_reached() -> None:
    def via_module(x):
        return act.relu(x)

    def via_name(x):
        return relu(x)

    def own(x):
        return np.maximum(x, 0.0)

    wrapped = functools.partial(act.relu)
    for fn in (act.relu, via_module, via_name, wrapped, lambda x: via_name(x)):
        assert "helpers.activations.relu" in course_functions_used(fn), fn
    assert course_functions_used(own) == []


def test_an_answer_that_calls_the_course_own_version_passes_with_a_note(capsys) -> None:
    CHECK(lambda x: 2 * x + 0 * relu(np.asarray(x)))
    assert "calls the course's own helpers.activations.relu" in capsys.readouterr().out


def test_a_mistake_needs_exactly_one_way_to_be_recognised() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Mistake("m", "h")
    with pytest.raises(ValueError, match="exactly one"):
        Mistake("m", "h", wrong=abs, when=lambda got: True)


def test_a_check_says_how_many_functions_it_takes() -> None:
    with pytest.raises(TypeError, match="takes 1 function"):
        CHECK(abs, abs)


GRADS = Exercise(
    name="grads",
    reference=lambda x, w: (w * np.ones_like(x), x.copy()),
    cases=lambda: [Case("x = [1, 2], w = [3, 4]", (np.array([1.0, 2.0]), np.array([3.0, 4.0])))],
    mistakes=[Mistake("x", "dx is w, not x.", lambda x, w: x.copy(), part="dx")],
    parts=("dx", "dw"),
    part_hints={"dw": "dw is x."},
    inplace_message="for {shown} {name}[{index}] became {now} (was {was}).",
)
GRADS_CHECK = Check((GRADS,), "ok")


def test_tuple_answers_are_compared_part_by_part() -> None:
    assert judge(GRADS_CHECK, answer(GRADS_CHECK, GRADS.reference)) is None
    named = judge(GRADS_CHECK, answer(GRADS_CHECK, GRADS.wrong_version(GRADS.mistakes[0])))
    assert named.mistake == "x" and named.message.startswith("for dx (x = [1, 2], w = [3, 4])")
    wrong_dw = judge(GRADS_CHECK, answer(GRADS_CHECK, lambda x, w: (w.copy(), 2 * x)))
    assert "for dw (x = [1, 2]" in wrong_dw.message and wrong_dw.hint == "dw is x."
    single = judge(GRADS_CHECK, answer(GRADS_CHECK, lambda x, w: w))
    assert "expected 2 values (dx, dw)" in single.message and "return dx, dw" in single.hint


def test_a_changed_input_is_named_with_the_entry_that_changed() -> None:
    def scribbles(x, w):
        w[1] = 0.0
        return GRADS.reference(x, w)

    failure = judge(GRADS_CHECK, answer(GRADS_CHECK, scribbles))
    assert failure.kind == "modified" and failure.message.endswith("w[1] became 0 (was 4).")


def test_a_mistake_may_phrase_its_own_message() -> None:
    exercise = Exercise(
        "double",
        lambda x: 2 * x,
        lambda: [Case("x = 3", (3.0,), expected=6.0)],
        mistakes=[
            Mistake(
                "x + 2", "h", lambda x: x + 2, message="for {shown} expected {expected}, got {got}."
            )
        ],
    )
    failure = judge(Check((exercise,), ""), answer(Check((exercise,), ""), lambda x: x + 2))
    assert failure.message == "for x = 3 expected 6, got 5." and failure.mistake == "x + 2"


def test_every_check_is_named_after_its_first_exercise_and_names_follow_one_pattern() -> None:
    import helpers.checks as every

    tables = {name: getattr(every, name) for name in every.__all__ if name.startswith("check_")}
    wrong = [name for name, check in tables.items() if name != f"check_{check.exercises[0].name}"]
    assert not wrong, f"a check is check_<its first exercise's name>: {wrong}"
    exercises = [exercise.name for check in tables.values() for exercise in check.exercises]
    assert not [name for name in exercises if name.endswith("_stable")], "stable_<what>, first"
    with pytest.warns(DeprecationWarning, match="check_stable_tanh_derivative"):
        assert every.check_tanh_derivative_stable is every.check_stable_tanh_derivative
