"""Tests generated from the check tables (helpers/checks/ch*.py).

For every check: the references pass; an untouched stub is rejected as a stub; and every
catalogued mistake, submitted as the learner's answer (the other functions of the check being
right), is rejected *and named* — a catalogued mistake that can never fire fails here. The
learner's half (``answer``) and the judge's half (``judge``) are also run with a JSON round trip
between them, as the grader runs them, and must agree with the check cell.
"""

from __future__ import annotations

import json

import pytest
from _mutation import stub

import helpers.checks as checks
from helpers.checks import ExerciseFailure
from helpers.checks._runner import Check, answer, judge

CHECKS = {
    name.removeprefix("check_"): obj
    for name in checks.__all__
    if isinstance(obj := getattr(checks, name), Check)
}
MISTAKES = [
    pytest.param(check, index, mistake, id=f"{name}-{exercise.name}-{mistake.what[:40]}")
    for name, check in CHECKS.items()
    for index, exercise in enumerate(check.exercises)
    for mistake in exercise.mistakes
]


def _references(check: Check) -> list:
    return [exercise.reference for exercise in check.exercises]


@pytest.mark.parametrize("check", CHECKS.values(), ids=CHECKS.keys())
def test_the_references_pass(check: Check, capsys) -> None:
    check(*_references(check))
    assert f"✓ {check.name}:" in capsys.readouterr().out


@pytest.mark.parametrize("check", CHECKS.values(), ids=CHECKS.keys())
def test_a_stub_is_named_as_a_stub(check: Check) -> None:
    for index, exercise in enumerate(check.exercises):
        functions = _references(check)
        functions[index] = stub
        with pytest.raises(ExerciseFailure) as info:
            check(*functions)
        assert info.value.failure.kind == "stub"
        assert info.value.failure.exercise == exercise.name


@pytest.mark.parametrize(("check", "index", "mistake"), MISTAKES)
def test_every_catalogued_mistake_is_rejected_and_named(check: Check, index: int, mistake) -> None:
    wrong = check.exercises[index].wrong_version(mistake)
    assert wrong is not None, f"{mistake.what!r} has no example to test it with"
    functions = _references(check)
    functions[index] = wrong
    with pytest.raises(ExerciseFailure) as info:
        check(*functions)
    failure = info.value.failure
    assert failure.mistake == mistake.what, f"named {failure.mistake!r}: {failure}"
    assert failure.exercise == check.exercises[index].name
    assert mistake.hint in str(info.value)


@pytest.mark.parametrize(("check", "index", "mistake"), MISTAKES)
def test_the_grader_path_names_the_same_mistake(check: Check, index: int, mistake) -> None:
    functions = _references(check)
    functions[index] = check.exercises[index].wrong_version(mistake)
    sent = json.dumps(answer(check, *functions))  # what the kernel writes
    failure = judge(check, json.loads(sent))  # what the grader concludes, in its own process
    assert failure is not None and failure.mistake == mistake.what


@pytest.mark.parametrize("check", CHECKS.values(), ids=CHECKS.keys())
@pytest.mark.parametrize(
    "forged",
    [None, [], "all passed", [{}], [{"cases": "ok"}], [{"cases": [{"value": {"array": [1]}}]}]],
)
def test_malformed_answers_fail_and_never_raise(check: Check, forged) -> None:
    if isinstance(forged, list) and forged:
        forged = forged * len(check.exercises)
    assert judge(check, forged) is not None
