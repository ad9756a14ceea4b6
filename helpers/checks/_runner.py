"""Exercise checks as data, and the one runner that applies them.

A check is a table. An :class:`Exercise` names the function the learner writes and holds its
:class:`Case` list (inputs, and how the input is described in a message), the reference
implementation, tolerances, and a catalogue of :class:`Mistake` entries: typical wrong answers,
each written as a wrong version of the learner's function (or as a test of the answer), with the
hint that explains it. A :class:`Check` groups the exercises one check cell takes, e.g.
``check_relu(relu, relu_derivative)``, and says what a pass means.

Running a check has two halves, and only the first runs the learner's code:

``answer(check, *functions)``
    calls each function on each case, through the exercise's *probe*, and returns plain data
    (JSON-able: numbers, strings, nested lists, arrays written out with dtype and shape): the
    value, or the exception raised (name and message), or the numpy warning, whether an input
    array was changed in place, and which of the course's own functions the answer calls.
``judge(check, answers)``
    rebuilds the cases itself, computes the expected values with the reference and the value of
    each catalogued mistake, and returns the first :class:`Failure` (or None).

In a notebook, ``check_relu(relu, relu_derivative)`` does both, with a JSON round trip between,
then prints ✓ or raises :class:`ExerciseFailure` (an ``AssertionError``, so the same cell works
as an nbgrader or otter test). The grader (tools/grade.py) runs only ``answer`` in the learner's
kernel and ``judge`` in its own process: code that tampers with the kernel can change what the
kernel sends back, but not how it is judged.

**Beyond input → output.** The cases are built from seeded generators, so the kernel and the
judge rebuild identical inputs. An exercise's ``probe(fn, *args)`` says how the learner's
function is exercised: by default ``fn(*args)``; a probe may also build a model around it, take
a gradient check, or run a few training steps, and returns plain data (a loss curve, a list of
arrays). The judge passes the reference and every catalogued wrong version through the same
probe, so expected and mistaken answers are computed the way the learner's was.

A check stops at the first failure, in table order: exercise by exercise, case by case; within a
case, an exception; a numpy warning (with the catalogued mistake that explains the answer, if
one does); a changed input; the catalogued mistakes; the comparison with the reference.
"""

from __future__ import annotations

import inspect
import json
import types
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from helpers.i18n import language, tr
from helpers.progress import record_pass

__all__ = [
    "Case",
    "Check",
    "Exercise",
    "ExerciseFailure",
    "Failure",
    "Mistake",
    "answer",
    "compare_numbers",
    "describe",
    "from_plain",
    "judge",
    "matches",
    "to_plain",
]

STUB_HINT = "replace the `raise NotImplementedError` line with your code."
WARNING_HINT = "an overflow or invalid value usually means an unstable formula."
SHAPE_HINT = "check which axis you reduce over and whether you kept the batch dimension."
INPLACE_HINT = "return a new array; the caller may still need its input."
# The sentences that name a catalogued mistake: one tested by ``when``, one by a wrong version.
NAMED = "for {shown}{note} {what}."
EQUALS = "for {shown}{note} your answer equals {what}."
MAX_ELEMENTS = 2_000_000  # a larger answer is not sent back whole: it cannot be right anyway


# --- the tables --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One input. ``shown`` describes it in messages ("x = [-2, 0, 2]"); ``args`` are passed to
    the learner's function (through the exercise's probe). ``raises`` names an exception the
    function must raise here instead of returning, and ``mentions`` a word its message must hold.
    """

    shown: str
    args: tuple[Any, ...] = ()
    raises: str | None = None
    mentions: str = ""
    hint: str | None = None  # replaces the exercise's hint for a wrong answer on this case
    rtol: float | None = None  # replace the exercise's tolerances on this case
    atol: float | None = None
    expected: Any = None  # the right answer, when the reference cannot compute it from args


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and the hint that explains it.

    ``wrong`` is a wrong version of the learner's function (same arguments); the learner's answer
    is blamed on it when the two agree on a case where ``wrong`` differs from the reference.
    Or ``when(got, *args)`` tests the answer directly: True (or a text that replaces ``what`` in
    the message) names the mistake; ``example`` is then a wrong function it catches, for the
    mutation tests. ``note`` is added after the case description ("for x = 0{note} ...").
    ``part`` confines the mistake to one item of a tuple answer (see ``Exercise.parts``): then
    ``wrong`` computes that item only. ``message`` replaces the sentence; it may use ``{shown}``,
    ``{note}``, ``{what}``, ``{expected}`` and ``{got}``.
    """

    what: str
    hint: str
    wrong: Callable[..., Any] | None = None
    when: Callable[..., bool | str | None] | None = None
    example: Callable[..., Any] | None = None
    note: str = ""
    part: str | None = None
    message: str | None = None

    def __post_init__(self) -> None:
        if (self.wrong is None) == (self.when is None):
            raise ValueError(f"Mistake {self.what!r}: give exactly one of `wrong` and `when`")


def _call(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(*args)


Comparison = Callable[[Any, Any, "Case"], "tuple[str, str | None] | None"]


@dataclass(frozen=True)
class Exercise:
    """One function the learner writes: its cases, reference, tolerances and known mistakes.

    ``hint`` is given when an answer is wrong in no catalogued way; ``crash_hint`` (default:
    ``hint``) when the function raises; ``warning_hint`` when numpy warns and no catalogued
    mistake explains the answer (each hint a text, or a function of the exception's or
    warning's text that may return None for the generic advice). ``compare(got, expected,
    case)`` replaces the numeric comparison and returns (message, hint) or None. ``pure``
    functions must leave their inputs as they were; ``inplace_message`` may use ``{shown}``,
    ``{name}`` (the argument, from the reference's parameters, with the path inside it, e.g.
    ``params[0][1]``), ``{index}``, ``{now}`` and ``{was}`` (the first entry that changed).

    ``parts`` names the items of an answer that is a tuple, e.g. ("dx", "dW", "db"): the answer
    must have that many, each is compared on its own (``part_hints`` per part, messages about
    ``part_label``), and a mistake with ``part=`` concerns that item alone. ``course_version``
    is the dotted name of the course's own implementation: an answer calling it is flagged.
    """

    name: str
    reference: Callable[..., Any]
    cases: Callable[[], Sequence[Case]]
    mistakes: Sequence[Mistake] = ()
    hint: str | None = None
    crash_hint: str | Callable[[str], str | None] | None = None
    warning_hint: str | Callable[[str], str | None] | None = None
    inplace_hint: str = INPLACE_HINT
    inplace_message: str = "for {shown} the function changed its input array in place."
    inplace_rtol: float = 0.0  # smaller changes to an input (a restore that drifts) are allowed
    parts: tuple[str, ...] = ()
    part_hints: dict[str, str] = field(default_factory=dict)
    part_label: str = "{part} ({shown})"
    shape_hint: str | None = None
    probe: Callable[..., Any] = _call
    compare: Comparison | None = None
    rtol: float = 1e-7
    atol: float = 1e-12
    mistake_rtol: float = 1e-9  # how close an answer must be to a wrong one to be blamed on it
    mistake_atol: float = 1e-12
    pure: bool = True
    course_version: str | None = None

    def expected(self, case: Case) -> Any:
        if case.expected is not None:
            return case.expected
        return self.probe(self.reference, *case.args)

    def wrong_version(self, mistake: Mistake) -> Callable[..., Any] | None:
        """A whole wrong function showing ``mistake`` (for the generated mutation tests): a part
        mistake's wrong part put into the reference's answer."""
        sample = mistake.wrong or mistake.example
        if sample is None or mistake.part is None:
            return sample
        at = self.parts.index(mistake.part)

        def wrong(*args: Any) -> tuple[Any, ...]:
            right = list(self.reference(*args))
            right[at] = sample(*args)
            return tuple(right)

        return wrong


@dataclass(frozen=True)
class Check:
    """What one check cell runs: ``check(*functions)``, one function per exercise, in order.

    ``summary`` is the text after ✓ when every exercise passes: a string, or a function of the
    learner's functions (run in the notebook only, never by the grader). ``title`` names the
    check in that line (default: the first exercise's name).
    """

    exercises: tuple[Exercise, ...]
    summary: str | Callable[..., str]
    title: str = ""
    doc: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "__doc__", self.doc or self.exercises[0].name)

    @property
    def name(self) -> str:
        return self.title or self.exercises[0].name

    def __call__(self, *functions: Any) -> None:
        if len(functions) != len(self.exercises):
            names = ", ".join(e.name for e in self.exercises)
            raise TypeError(
                tr(
                    "check_{name} takes {count} function(s): {names}",
                    name=self.name,
                    count=len(self.exercises),
                    names=names,
                )
            )
        answers = json.loads(json.dumps(answer(self, *functions)))  # what a grader would see
        failure = judge(self, answers)
        if failure is not None:
            raise ExerciseFailure(failure)
        text = tr(self.summary(*functions) if callable(self.summary) else self.summary)
        flags = [
            tr("{name} calls the course's own {function}", name=e.name, function=e.course_version)
            for e, given in zip(self.exercises, answers, strict=True)
            if e.course_version and e.course_version in given.get("uses", [])
        ]
        note = tr(" (Note: {flags}: a grader does not count that.)", flags="; ".join(flags))
        note = note if flags else ""
        print(f"✓ {self.name}: {text}{note}")
        try:
            record_pass(self.name)  # in a learner's workspace only; see helpers.progress
        except OSError:
            pass  # a read-only workspace loses the record, not the check


# --- failures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Failure:
    """Why an answer was rejected, as fields a grader or a test can read without parsing text."""

    exercise: str
    message: str
    hint: str | None = None
    case: str | None = None  # the input, as described in the message
    mistake: str | None = None  # the catalogued mistake, when one was recognised
    kind: str = "wrong"  # stub | raised | warned | none | modified | mistake | shape | wrong | ...

    def __str__(self) -> str:
        text = f"{self.exercise}: {self.message}"
        return text + ("\n" + tr("Hint: {hint}", hint=self.hint) if self.hint else "")


class ExerciseFailure(AssertionError):
    """An ``AssertionError`` carrying the :class:`Failure` (``.failure``) and exercise name."""

    def __init__(self, failure: Failure) -> None:
        self.failure = failure
        self.exercise = failure.exercise
        super().__init__(str(failure))


# --- plain data --------------------------------------------------------------------------------


def to_plain(value: Any, depth: int = 0) -> Any:
    """``value`` as JSON-able data that :func:`from_plain` turns back into numbers and arrays."""
    if depth > 20:
        return {"object": "nested too deeply"}
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float, np.number, np.bool_)):
        return value.item() if isinstance(value, np.generic) else value
    if isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
        if value.size > MAX_ELEMENTS:
            return {"object": f"array of shape {value.shape}, too large to check"}
        return {"array": value.ravel().tolist(), "dtype": value.dtype.str, "shape": value.shape}
    if isinstance(value, (tuple, list)):
        key = "tuple" if isinstance(value, tuple) else "list"
        return {key: [to_plain(item, depth + 1) for item in value[:10_000]]}
    if isinstance(value, dict):
        return {
            "dict": [[to_plain(k, depth + 1), to_plain(v, depth + 1)] for k, v in value.items()]
        }
    return {"object": type(value).__name__, "repr": _short_repr(value)}


def _short_repr(value: Any) -> str:
    try:
        return repr(value)[:200]
    except Exception:
        return "(unprintable)"


class Opaque:
    """A value the kernel could not send as data (an object of some class): shown, never equal."""

    def __init__(self, kind: str, text: str = "") -> None:
        self.kind, self.text = kind, text

    def __repr__(self) -> str:
        return self.text or f"<{self.kind}>"


def from_plain(plain: Any) -> Any:
    """Inverse of :func:`to_plain`; raises ValueError on anything it did not write."""
    if plain is None or isinstance(plain, (bool, str, int, float)):
        return plain
    if not isinstance(plain, dict) or len(plain) == 0:
        raise ValueError(f"unexpected data {type(plain).__name__}")
    if "array" in plain:
        dtype = np.dtype(plain["dtype"])
        if dtype.kind not in "biuf":
            raise ValueError(f"unexpected dtype {dtype}")
        return np.array(plain["array"], dtype=dtype).reshape([int(n) for n in plain["shape"]])
    if "tuple" in plain:
        return tuple(from_plain(item) for item in plain["tuple"])
    if "list" in plain:
        return [from_plain(item) for item in plain["list"]]
    if "dict" in plain:
        return {_hashable(from_plain(k)): from_plain(v) for k, v in plain["dict"]}
    if "object" in plain:
        return Opaque(str(plain["object"]), str(plain.get("repr", "")))
    raise ValueError(f"unexpected data with keys {sorted(plain)}")


def _hashable(key: Any) -> Any:
    return key if isinstance(key, (str, int, float, bool, tuple, type(None))) else repr(key)


# --- the learner's half: answer ------------------------------------------------------------------


def _snapshot(value: Any) -> Any:
    """A deep copy of the arrays, lists, tuples and dicts in ``value``; other objects as is."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [_snapshot(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_snapshot(item) for item in value)
    if isinstance(value, dict):
        return {key: _snapshot(item) for key, item in value.items()}
    return value


def _first_change(now: Any, was: Any, rtol: float, path: str = "") -> dict[str, Any] | None:
    """Where ``now`` no longer equals its snapshot ``was``: the path, and the entry that changed.
    Changes within ``rtol`` do not count."""
    if isinstance(was, np.ndarray):
        if not isinstance(now, np.ndarray) or now.shape != was.shape:
            return {"path": path}
        if was.dtype.kind in "fc":
            same = np.isclose(now, was, rtol=rtol, atol=0.0, equal_nan=True)
        else:
            same = now == was
        if np.all(same):
            return None
        index = tuple(int(i) for i in np.argwhere(~np.asarray(same))[0])
        changed = {"now": to_plain(now[index]), "was": to_plain(was[index])}
        return {"path": path, "index": list(index), **changed}
    if isinstance(was, (list, tuple)):
        if not isinstance(now, (list, tuple)) or len(now) != len(was):
            return {"path": path}
        items = zip(now, was, strict=True)
        changes = (_first_change(n, w, rtol, f"{path}[{i}]") for i, (n, w) in enumerate(items))
        return next((change for change in changes if change is not None), None)
    if isinstance(was, dict):
        if not isinstance(now, dict) or now.keys() != was.keys():
            return {"path": path}
        changes = (_first_change(now[k], was[k], rtol, f"{path}[{k!r}]") for k in was)
        return next((change for change in changes if change is not None), None)
    if isinstance(was, (int, float, str, bool)) and now != was:
        return {"path": path, "now": to_plain(now), "was": to_plain(was)}
    return None


def course_functions_used(fn: Any) -> list[str]:
    """Dotted names of the course's own functions that ``fn`` is, wraps or calls by name."""
    found: set[str] = set()

    def members(module: types.ModuleType, names: set[str], depth: int = 2) -> list[Any]:
        # `act.relu` or `helpers.activations.relu`: attributes named in the code, two deep
        attrs = [getattr(module, name, None) for name in names]
        deeper = [m for m in attrs if isinstance(m, types.ModuleType)] if depth > 1 else []
        return attrs + [x for m in deeper for x in members(m, names, depth - 1)]

    def visit(obj: Any, seen: set[int]) -> None:
        if id(obj) in seen or obj is None or isinstance(obj, types.ModuleType):
            return
        seen.add(id(obj))
        module = getattr(obj, "__module__", None) or ""
        if callable(obj) and (module == "helpers" or module.startswith("helpers.")):
            found.add(f"{module}.{getattr(obj, '__qualname__', getattr(obj, '__name__', '?'))}")
            return
        visit(getattr(obj, "func", None) or getattr(obj, "__wrapped__", None), seen)
        code = getattr(obj, "__code__", None)
        if not isinstance(code, types.CodeType):
            return
        names: set[str] = set()
        stack = [code]
        while stack:
            current = stack.pop()
            names.update(current.co_names)
            stack.extend(c for c in current.co_consts if isinstance(c, types.CodeType))
        scope = getattr(obj, "__globals__", {})
        targets = [scope[n] for n in names if n in scope]
        for cell in obj.__closure__ or ():
            try:
                targets.append(cell.cell_contents)
            except ValueError:  # a cell not filled yet
                pass
        for target in targets:
            is_module = isinstance(target, types.ModuleType)
            for item in members(target, names) if is_module else [target]:
                visit(item, seen)

    visit(fn, set())
    return sorted(found)


def _answer_case(exercise: Exercise, fn: Callable[..., Any], case: Case) -> dict[str, Any]:
    args = case.args
    before = _snapshot(args) if exercise.pure else None
    reply: dict[str, Any] = {}
    try:
        # Underflow to 0 is what a stable formula does in the tails: not an error.
        with (
            warnings.catch_warnings(record=True) as caught,
            np.errstate(all="warn", under="ignore"),
        ):
            warnings.simplefilter("always", RuntimeWarning)
            value = exercise.probe(fn, *args)
    except Exception as error:  # the learner's bug, reported as data
        reply["raised"] = [type(error).__name__, str(error)[:500]]
    else:
        reply["value"] = to_plain(value)
        numpy_warnings = [w for w in caught if issubclass(w.category, RuntimeWarning)]
        if numpy_warnings:
            reply["warned"] = str(numpy_warnings[0].message)[:500]
    if exercise.pure:
        for position, (now, was) in enumerate(zip(args, before, strict=True)):
            if (change := _first_change(now, was, exercise.inplace_rtol)) is not None:
                reply["modified"] = {"arg": position, **change}
                break
    return reply


def answer(check: Check, *functions: Any) -> list[dict[str, Any]]:
    """Run the learner's ``functions`` on every case: one dict of plain data per exercise."""
    replies = []
    for exercise, fn in zip(check.exercises, functions, strict=True):
        if not callable(fn):
            replies.append({"not_callable": type(fn).__name__})
            continue
        cases = [_answer_case(exercise, fn, case) for case in exercise.cases()]
        replies.append({"cases": cases, "uses": course_functions_used(fn)})
    return replies


# --- the judge's half --------------------------------------------------------------------------


def describe(value: Any) -> str:
    """A value as a message shows it: arrays with their shape, floats to 6 digits."""
    if isinstance(value, np.ndarray) and value.ndim > 0:
        with np.printoptions(precision=6, threshold=12, edgeitems=3):
            return tr("array of shape {shape}: {value}", shape=value.shape, value=value)
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (float, np.floating)):
        return f"{float(value):.6g}"
    return repr(value)


def matches(got: Any, expected: Any, *, rtol: float = 1e-7, atol: float = 1e-12) -> bool:
    """True when ``got`` equals ``expected`` in shape and value (NaN equals NaN). Never raises.

    Tuples and lists match item by item, so (dx, dW, db) of different shapes compare too."""
    if isinstance(expected, (tuple, list)) and not _is_numeric_array_like(expected):
        return (
            isinstance(got, (tuple, list))
            and len(got) == len(expected)
            and all(matches(g, e, rtol=rtol, atol=atol) for g, e in zip(got, expected, strict=True))
        )
    if isinstance(expected, str) or isinstance(got, str):
        return isinstance(got, str) and isinstance(expected, str) and got == expected
    try:
        got_arr = np.asarray(got, dtype=float)
        expected_arr = np.asarray(expected, dtype=float)
    except (TypeError, ValueError):
        return False
    if got is None or got_arr.shape != expected_arr.shape:
        return False
    return bool(np.allclose(got_arr, expected_arr, rtol=rtol, atol=atol, equal_nan=True))


def _is_numeric_array_like(value: Any) -> bool:
    try:
        np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return False
    return True


def compare_numbers(
    got: Any, expected: Any, case: Case, rtol: float, atol: float, hint: str | None, shape_hint: str
) -> tuple[str, str | None, str] | None:
    """(message, hint, kind) when ``got`` differs from the numbers ``expected``, else None."""
    expected = np.asarray(expected, dtype=float)
    try:
        if np.asarray(got).dtype.kind not in "biuf":  # "0.5" is text, even if float() reads it
            raise TypeError
        got_arr = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        text = tr(
            "for {shown} expected numbers, got {got}.", shown=tr(case.shown), got=describe(got)
        )
        return text, _tr(hint), "type"
    if got_arr.shape != expected.shape:
        text = tr(
            "for {shown} expected shape {expected}, got shape {got}.",
            shown=tr(case.shown),
            expected=expected.shape,
            got=got_arr.shape,
        )
        return text, _tr(hint or shape_hint), "shape"
    if np.allclose(got_arr, expected, rtol=rtol, atol=atol, equal_nan=True):
        return None
    bad = ~np.isclose(got_arr, expected, rtol=rtol, atol=atol, equal_nan=True)
    index = tuple(int(i) for i in np.argwhere(bad)[0]) if got_arr.ndim else ()
    at = tr(" (first mismatch at index {index})", index=index) if index else ""
    text = tr(
        "for {shown} expected {expected}, got {got}{at}.",
        shown=tr(case.shown),
        expected=describe(expected),
        got=describe(got_arr),
        at=at,
    )
    return text, _tr(hint), "wrong"


def _wrong_value(exercise: Exercise, mistake: Mistake, case: Case) -> Any:
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            return exercise.probe(mistake.wrong, *case.args)
    except Exception:  # a wrong formula that cannot be formed for this input names nothing
        return None


def _tolerances(exercise: Exercise, case: Case) -> tuple[float, float]:
    rtol = exercise.rtol if case.rtol is None else case.rtol
    return rtol, exercise.atol if case.atol is None else case.atol


def _item(exercise: Exercise, value: Any, part: str | None) -> Any:
    """The item ``part`` of a tuple answer (None when the answer has not that shape)."""
    if part is None:
        return value
    if not isinstance(value, (tuple, list)) or len(value) != len(exercise.parts):
        return None
    return value[exercise.parts.index(part)]


def _recognise(
    exercise: Exercise, case: Case, got: Any, expected: Any, wrong_only: bool = False
) -> Failure | None:
    """The first catalogued mistake ``got`` shows (``wrong_only``: of those with ``wrong=``)."""
    rtol, atol = _tolerances(exercise, case)
    for mistake in exercise.mistakes:
        what, mine, right = mistake.what, _item(exercise, got, mistake.part), expected
        shown = tr(case.shown)
        if mistake.part is not None:
            if mine is None:
                continue
            right = _item(exercise, expected, mistake.part)
            shown = tr(exercise.part_label, part=mistake.part, shown=tr(case.shown))
        if mistake.when is not None and wrong_only:
            continue
        if mistake.when is not None:
            try:
                with np.errstate(all="ignore"):
                    verdict = mistake.when(mine, *case.args)
            except Exception:
                verdict = False
            if not verdict:
                continue
            what = verdict if isinstance(verdict, str) else what
            sentence = NAMED
        else:
            wrong = _wrong_value(exercise, mistake, case)
            close = {"rtol": exercise.mistake_rtol, "atol": exercise.mistake_atol}
            if wrong is None or not matches(mine, wrong, **close):
                continue
            if matches(wrong, right, rtol=rtol, atol=atol):
                continue  # it passes as right here: naming it would blame a right answer
            sentence = EQUALS
        text = tr(
            mistake.message or sentence,
            shown=shown,
            note=_note(mistake.note),
            what=tr(what),
            expected=describe(right),
            got=describe(mine),
        )
        return Failure(exercise.name, text, tr(mistake.hint), case.shown, mistake.what, "mistake")
    return None


def _change_fields(exercise: Exercise, change: Any) -> dict[str, str]:
    """The fields an ``inplace_message`` may use: name (with the path inside the argument),
    index, now and was."""
    change = change if isinstance(change, dict) else {}
    names = list(inspect.signature(exercise.reference).parameters)
    position = change.get("arg", 0)
    name = names[position] if isinstance(position, int) and 0 <= position < len(names) else "x"
    index = change.get("index")
    return {
        "name": name + str(change.get("path", ""))[:100],
        "index": ", ".join(str(int(i)) for i in index) if isinstance(index, list) else "",
        "now": describe(from_plain(change.get("now"))),
        "was": describe(from_plain(change.get("was"))),
    }


def _tr(text: str | None) -> str | None:
    return None if text is None else tr(text)


def _note(note: str) -> str:
    """A mistake's note in the course language. A note of punctuation only (",") is English
    punctuation before the sentence goes on; another language's sentence brings its own."""
    if any(char.isalpha() for char in note) or language() == "en":
        return tr(note)
    return ""


def _judge_case(exercise: Exercise, case: Case, reply: Any) -> Failure | None:
    # Messages and hints are built in the course language (helpers.i18n); the fields a grader
    # or a test reads (case, mistake, kind) stay as the tables spell them.
    def failed(text: str, hint: str | None, kind: str) -> Failure:
        return Failure(exercise.name, text, _tr(hint), case.shown, None, kind)

    shown = tr(case.shown)
    if not isinstance(reply, dict):
        return failed(tr("for {shown} no answer came back.", shown=shown), None, "missing")
    if "raised" in reply:
        name, text = (str(part) for part in list(reply["raised"])[:2])
        if case.raises is not None and name == case.raises:
            if case.mentions and case.mentions not in text:
                message = tr(
                    "for {shown} the {name} should mention {word}: {text}.",
                    shown=shown, name=name, word=repr(case.mentions), text=repr(text),
                )  # fmt: skip
                return failed(message, exercise.hint, "wrong")
            return None
        if name == "NotImplementedError":
            return failed(tr("the function still raises NotImplementedError."), STUB_HINT, "stub")
        hint = exercise.crash_hint or exercise.hint
        hint = hint(text) if callable(hint) else hint
        message = tr("raised {name} for {shown}: {text}", name=name, shown=shown, text=text)
        return failed(message, hint, "raised")
    if "warned" in reply:  # a wrong formula that explains the warning is named with it
        text = str(reply["warned"])
        got = from_plain(reply.get("value"))
        expected = exercise.expected(case)
        named = None if got is None else _recognise(exercise, case, got, expected, wrong_only=True)
        if named is not None:
            message = tr("numpy warned ({text}): {message}", text=text, message=named.message)
            return replace(named, message=message)
        hint = exercise.warning_hint
        hint = hint(text) if callable(hint) else hint
        message = tr("numpy warned for {shown}: {text}.", shown=shown, text=text)
        return failed(message, hint or WARNING_HINT, "warned")
    if reply.get("modified"):
        fields = _change_fields(exercise, reply["modified"])
        message = tr(exercise.inplace_message, shown=shown, **fields)
        return failed(message, exercise.inplace_hint, "modified")
    got = from_plain(reply.get("value"))
    if case.raises is not None:
        message = tr(
            "for {shown} expected a {name}, but the function returned {got}.",
            shown=shown, name=case.raises, got=repr(got),
        )  # fmt: skip
        return failed(message, exercise.hint, "wrong")
    if got is None:
        message = tr("for {shown} the function returned None.", shown=shown)
        return failed(message, "did you forget `return`?", "none")
    expected = exercise.expected(case)
    if (named := _recognise(exercise, case, got, expected)) is not None:
        return named
    if exercise.compare is not None:
        outcome = exercise.compare(got, expected, case)
        return None if outcome is None else failed(outcome[0], outcome[1], "wrong")
    hint, shape_hint = case.hint or exercise.hint, exercise.shape_hint or SHAPE_HINT
    parts, names = exercise.parts, ", ".join(exercise.parts)
    if parts and (not isinstance(got, (tuple, list)) or len(got) != len(parts)):
        text = tr(
            "for {shown} expected {count} values ({names}), got {got}.",
            shown=shown, count=len(parts), names=names, got=describe(got),
        )  # fmt: skip
        return failed(text, tr("end the function with `return {names}`.", names=names), "shape")
    rtol, atol = _tolerances(exercise, case)
    for part, mine, right in (
        zip(parts, got, expected, strict=True) if parts else [("", got, expected)]
    ):
        label = tr(exercise.part_label, part=part, shown=shown) if part else shown
        part_hint = exercise.part_hints.get(part, hint)
        outcome = compare_numbers(
            mine, right, replace(case, shown=label), rtol, atol, part_hint, shape_hint
        )
        if outcome is not None:
            return failed(*outcome)
    return None


def judge(check: Check, answers: Any) -> Failure | None:
    """The first failure in ``answers`` (from :func:`answer`, possibly via JSON), or None.

    Everything about the answer that counts is recomputed here: the cases, the expected values,
    the mistakes. Malformed answers (from a kernel that was tampered with) fail, never raise."""
    if not isinstance(answers, list) or len(answers) != len(check.exercises):
        return Failure(check.name, tr("no answers came back for this check."), kind="missing")
    for exercise, reply in zip(check.exercises, answers, strict=True):
        if not isinstance(reply, dict):
            return Failure(exercise.name, tr("no answer came back."), kind="missing")
        if "not_callable" in reply:
            text = tr("expected a function, got {kind}.", kind=reply["not_callable"])
            return Failure(exercise.name, text, kind="not callable")
        cases, replies = list(exercise.cases()), reply.get("cases")
        if not isinstance(replies, list) or len(replies) != len(cases):
            message = tr("the answers do not match the cases.")
            return Failure(exercise.name, message, kind="missing")
        for case, case_reply in zip(cases, replies, strict=True):
            try:
                failure = _judge_case(exercise, case, case_reply)
            except (ValueError, TypeError, KeyError, IndexError, RecursionError) as error:
                text = tr(
                    "for {shown} the answer could not be read ({error}).",
                    shown=tr(case.shown), error=type(error).__name__,
                )  # fmt: skip
                failure = Failure(exercise.name, text, None, case.shown, None, "unreadable")
            if failure is not None:
                return failure
    return None
