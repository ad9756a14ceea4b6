"""Checks for chapter 11, "Softmax": the three functions every library writes for its output layer.

    softmax(z)ᵢ     = e^{zᵢ − m} / Σⱼ e^{zⱼ − m}              (m = max z along the axis)
    log_softmax(z)ᵢ = (zᵢ − m) − log Σⱼ e^{zⱼ − m}
    gᵀJ             = s ⊙ (g − g·s)                          (s = softmax(z), J = diag(s) − s sᵀ)

and one diagnosis: which row of ``SUSPECT_BATCH`` a softmax with one max for the whole batch
turns into NaN, and why (``nan_diagnosis() -> (row, cause)``, judged by the outcome).

Every check includes scores of ±1000, where the textbook formula overflows, and a square batch,
where a forgotten ``keepdims=True`` broadcasts along the wrong axis without an error.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.gradcheck import numerical_gradient, relative_error
from helpers.i18n import tr
from helpers.softmax import log_softmax, softmax, softmax_jacobian

from ._runner import SHAPE_HINT, Case, Check, Exercise, Mistake, compare_numbers, describe, matches

__all__ = [
    "NAN_CAUSES",
    "SUSPECT_BATCH",
    "check_nan_diagnosis",
    "check_softmax_vjp",
    "check_stable_log_softmax",
    "check_stable_softmax",
]

_SHIFT = "subtract the max along the axis first: z - z.max(axis=axis, keepdims=True)."
_KEEPDIMS = (
    "reduce with keepdims=True (z.max(axis=axis, keepdims=True), .sum(axis=axis, "
    "keepdims=True)) so the result broadcasts back along the axis it came from."
)
_COMMON = {
    "inplace_hint": "work on a new array: `shifted = z - z.max(...)` makes one, while `z -= ...` "
    "overwrites the caller's scores.",
    "inplace_message": "for {shown} the function changed its input {name} in place.",
}


def _warning_hint(message: str) -> str:
    # The sentences end with _SHIFT, written out so that each is one template.
    if "divide by zero" in message:
        return tr(
            "log of a probability that underflowed to 0 is −inf: compute "
            "(z − m) − log Σ exp(z − m) directly, never log(softmax(z))."
        )
    if "overflow" in message:
        return tr(
            "exp(z) overflows to inf once z > 709.78: subtract the max along the axis first: "
            "z - z.max(axis=axis, keepdims=True)."
        )
    return tr(
        "inf/inf or 0/0 gives NaN: exp overflowed, or every exp underflowed to 0; subtract the max "
        "along the axis first: z - z.max(axis=axis, keepdims=True)."
    )


def _crash_hint(name: str) -> Callable[[str], str]:
    # The first sentence ends with _KEEPDIMS, written out so that it is one template.
    return lambda error: (
        tr(
            "shapes do not broadcast after a reduction: reduce with keepdims=True "
            "(z.max(axis=axis, keepdims=True), .sum(axis=axis, keepdims=True)) so the result "
            "broadcasts back along the axis it came from."
        )
        if "broadcast" in error
        else tr("define it as {name}(z, axis=-1) and reduce along `axis`.", name=name)
    )


def _compare(
    hint: Callable[[], str], cause: str = "overflow"
) -> Callable[..., tuple[str, str] | None]:
    """NaN or ±inf where the answer is finite (an unstable formula, silenced), then the numbers.

    ``hint`` gives the hint for wrong numbers in the course language when called."""

    def compare(got: Any, expected: np.ndarray, case: Case) -> tuple[str, str] | None:
        try:
            values = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            values = np.empty(0)  # compare_numbers reports what came back
        if values.shape == expected.shape and np.any(np.isnan(values) & ~np.isnan(expected)):
            text = tr("for {shown} your answer contains NaN.", shown=tr(case.shown))
            return text, _warning_hint("invalid")
        if values.shape == expected.shape and np.any(np.isinf(values) & np.isfinite(expected)):
            text = tr("for {shown} your answer contains ±inf.", shown=tr(case.shown))
            return text, _warning_hint(cause)
        outcome = compare_numbers(got, expected, case, 1e-7, 1e-12, hint(), SHAPE_HINT)
        return None if outcome is None else outcome[:2]

    return compare


def _other(z: np.ndarray, axis: int = -1) -> int:
    return 0 if axis % z.ndim != 0 else -1


def _named(name: str) -> str:
    """``name`` (of _along_other_axis) in the course language."""
    return {"a softmax": tr("a softmax"), "a log-softmax": tr("a log-softmax")}.get(name, name)


def _along_other_axis(name: str, hint: str, reference: Callable[..., Any]) -> Mistake:
    """``name`` along another axis than asked; a test, so that the message can say which axes
    (a ``wrong=`` message cannot quote the case's arguments)."""

    def wrong(z: np.ndarray, axis: int = -1) -> np.ndarray:
        return reference(z, _other(z, axis))

    def when(got: Any, z: np.ndarray, axis: int = -1) -> str | bool:
        bad = wrong(z, axis)
        return (
            matches(got, bad, rtol=1e-9, atol=1e-13)
            and not matches(bad, reference(z, axis))
            and tr(
                "your answer equals {name} along axis {other} instead of axis {axis}",
                name=_named(name),
                other=_other(z, axis),
                axis=axis,
            )
        )

    return Mistake(f"{name} along another axis than `axis`", hint, when=when, example=wrong)


# fmt: off
def _cases() -> list[Case]:
    rng = np.random.default_rng(11)
    batch, square = (np.round(rng.normal(scale=2.0, size=n), 2) for n in [(3, 4), (3, 3)])
    cube = np.round(rng.normal(size=(2, 3, 4)), 2)
    large = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0], [0.0, 0.0, 0.0]])
    return [Case("z = [2.0, 1.0, 0.1] (default axis)", (np.array([2.0, 1.0, 0.1]),)),
            Case("a square batch of shape (3, 3), axis=-1 (one distribution per row)",
                 (square, -1)),
            Case("a batch of shape (3, 4), axis=-1", (batch, -1)),
            Case("the batch of shape (3, 4) with axis=0 (one distribution per column)",
                 (batch.copy(), 0)),
            Case("an array of shape (2, 3, 4), axis=1", (cube, 1)),
            Case("rows [1000, 999, 998], [-1000, -1001, -1002], [0, 0, 0], axis=-1", (large, -1))]
# fmt: on


def _shift(z: np.ndarray, axis: int = -1) -> np.ndarray:
    return z - z.max(axis=axis, keepdims=True)


# --- Exercise 1: a stable softmax along an axis -------------------------------------------------

_WHOLE = "normalise each distribution separately: .sum(axis=axis, keepdims=True)."

# fmt: off
check_stable_softmax = Check((Exercise(
    "stable_softmax", softmax, _cases,
    [_along_other_axis("a softmax", "use the axis argument in every max and sum: the "
                       "probabilities of one distribution lie along `axis`.", softmax),
     Mistake("exp(z) / sum(exp(z)): the max was not subtracted",
             "exp(1000) overflows to inf (inf/inf = NaN) and exp(-1000) underflows to 0 "
             "(0/0 = NaN): " + _SHIFT,
             lambda z, axis=-1: np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)),
     Mistake("exp(z − m) with m the max of the whole array, not the max along the axis",
             "a row whose scores all lie far below the overall max underflows to 0/0: take the "
             "max along the axis, z.max(axis=axis, keepdims=True).",
             lambda z, axis=-1: (e := np.exp(z - z.max())) / e.sum(axis=axis, keepdims=True)),
     Mistake("a softmax with the max taken without keepdims=True", _KEEPDIMS,
             lambda z, axis=-1: (e := np.exp(z - z.max(axis=axis))) / e.sum(axis, keepdims=True)),
     Mistake("a softmax divided by sums taken without keepdims=True", _KEEPDIMS,
             lambda z, axis=-1: (e := np.exp(_shift(z, axis))) / e.sum(axis=axis)),
     Mistake("exp(z − m) without dividing by the sum: it is not normalised",
             "divide by the sum along the axis, so the probabilities add up to 1.",
             lambda z, axis=-1: np.exp(_shift(z, axis))),
     Mistake("exp(z − m) divided by the sum over the whole array", _WHOLE,
             lambda z, axis=-1: (e := np.exp(z - z.max())) / e.sum()),
     Mistake("exp(z − m) divided by the sum over the whole array", _WHOLE,
             lambda z, axis=-1: (e := np.exp(_shift(z, axis))) / e.sum()),
     Mistake("z / sum(z): the scores divided by their sum, without the exponential",
             "exponentiate first: e^z is positive and keeps the order of the scores.",
             lambda z, axis=-1: z / z.sum(axis=axis, keepdims=True)),
     Mistake("a one-hot vector at the largest score (a hard argmax)",
             "softmax is a *soft* argmax: every class gets e^{zᵢ − m} / Σ e^{zⱼ − m} > 0.",
             lambda z, axis=-1: (z == z.max(axis=axis, keepdims=True)).astype(float)),
     Mistake("log-probabilities", "return the probabilities themselves, e^{z − m} / Σ e^{z − m}.",
             log_softmax),
     Mistake("softmax(−z): the sign of the scores is flipped",
             "a larger score must get a larger probability: exp(+z).",
             lambda z, axis=-1: softmax(-z, axis))],
    crash_hint=_crash_hint("stable_softmax"), warning_hint=_warning_hint,
    compare=_compare(lambda: tr("e^{z − m} / Σ e^{z − m} along the axis.")),
    **_COMMON, course_version="helpers.softmax.softmax"),),
    "matches helpers.activations.softmax along every axis asked for, and stays finite for "
    "scores of ±1000.",
    doc="Check ``stable_softmax(z, axis=-1)`` along rows, columns, a 3-D axis, a square batch "
    "(keepdims) and scores of ±1000.")
# fmt: on


# --- Exercise 2: a stable log-softmax -----------------------------------------------------------

# fmt: off
check_stable_log_softmax = Check((Exercise(
    "stable_log_softmax", log_softmax,
    lambda: [*_cases(), Case("z = [0, -2000, 1], axis=-1", (np.array([0.0, -2000.0, 1.0]), -1))],
    [_along_other_axis("a log-softmax", "use the axis argument in every max and sum.",
                       log_softmax),
     Mistake("log(softmax(z))",
             "softmax underflows to exactly 0 for a score about 745 below the max, and log 0 = "
             "−inf; (z − m) − log Σ exp(z − m) stays exact (about −2000 here).",
             lambda z, axis=-1: np.log(softmax(z, axis))),
     Mistake("z − log Σ exp(z) without subtracting the max",
             "Σ exp(z) overflows for large scores and is 0 (log 0 = −inf) for very negative "
             "ones: " + _SHIFT,
             lambda z, axis=-1: z - np.log(np.exp(z).sum(axis=axis, keepdims=True))),
     Mistake("(z − m) − log Σ exp(z − m) with m the max of the whole array",
             "take the max along the axis: for a row far below the overall max, Σ exp(z − m) "
             "underflows to 0.",
             lambda z, axis=-1: (d := z - z.max()) - np.log(np.exp(d).sum(axis, keepdims=True))),
     Mistake("z − log Σ exp(z − m): m was subtracted inside the sum but not outside it",
             "log Σ e^{z} = m + log Σ e^{z − m}: subtract m from z as well, "
             "(z − m) − log Σ e^{z − m}.",
             lambda z, axis=-1: z - np.log(np.exp(_shift(z, axis)).sum(axis, keepdims=True))),
     Mistake("z − m: the log Σ exp(z − m) term is missing",
             "normalise: subtract log Σ exp(z − m) along the axis, so that exp of the result sums "
             "to 1.", _shift),
     Mistake("(z − m) − log Σ exp(z − m) with the sum taken without keepdims=True", _KEEPDIMS,
             lambda z, axis=-1: (d := _shift(z, axis)) - np.log(np.exp(d).sum(axis=axis))),
     Mistake("the probabilities, not their logarithms",
             "return log-probabilities: (z − m) − log Σ exp(z − m), all ≤ 0.", softmax),
     Mistake("−log_softmax(z): the negative log-probabilities (a cross-entropy), not log-softmax",
             "log-probabilities are ≤ 0: (z − m) − log Σ exp(z − m), no minus in front.",
             lambda z, axis=-1: -log_softmax(z, axis))],
    crash_hint=_crash_hint("stable_log_softmax"), warning_hint=_warning_hint,
    compare=_compare(lambda: tr("(z − m) − log Σ e^{z − m} along the axis."), "divide by zero"),
    **_COMMON, course_version="helpers.softmax.log_softmax"),),
    "matches helpers.activations.log_softmax along every axis asked for, including "
    "log-probabilities of −2000 where softmax itself is 0.",
    doc="Check ``stable_log_softmax(z, axis=-1)`` on the inputs of check_stable_softmax and on "
    "[0, −2000, 1], where log(softmax(z)) gives −inf.")
# fmt: on


# --- Exercise 3: the vector-Jacobian product ----------------------------------------------------

_MEMORY_N = 1000


def _s(z: np.ndarray) -> np.ndarray:
    return softmax(z, axis=-1)


def _vjp_of(s: np.ndarray, g: np.ndarray) -> np.ndarray:
    return s * (g - np.sum(g * s, axis=-1, keepdims=True))


def _vjp(z: np.ndarray, g: np.ndarray) -> np.ndarray:
    return _vjp_of(_s(z), g)


def _vjp_cases() -> list[Case]:
    rng = np.random.default_rng(12)
    square = (rng.normal(size=(3, 3)), rng.normal(size=(3, 3)))
    batch = (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)))
    large = np.array([[1000.0, 0.0, -1000.0, 999.0], [-1000.0, -1001.0, -999.5, -1000.0]])
    big = (rng.normal(size=_MEMORY_N), rng.normal(size=_MEMORY_N))
    return [
        Case(
            "one vector, n = 4", (np.array([2.0, 1.0, 0.1, -1.0]), np.array([0.5, -1.0, 2.0, 0.0]))
        ),
        Case("a square batch of 3 rows, n = 3", square),
        Case("a batch of 3 rows, n = 5", batch),
        Case("scores of ±1000", (large, np.array([[1.0, -2.0, 0.5, 3.0], [0.0, 1.0, -1.0, 2.0]]))),
        Case(f"one vector of n = {_MEMORY_N} scores", big),
    ]


def _vjp_probe(fn: Callable[..., Any], z: np.ndarray, g: np.ndarray) -> Any:
    """``fn(z, g)``, but for n = _MEMORY_N scores ("allocated", bytes) when the function allocated
    a quarter of the n × n Jacobian or more (numpy reports its arrays to tracemalloc)."""
    if z.shape[-1] < _MEMORY_N:
        return fn(z, g)
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        value = fn(z, g)
        used = tracemalloc.get_traced_memory()[1] - before
    finally:
        if not tracing:
            tracemalloc.stop()
    return ("allocated", used) if used > _MEMORY_N * _MEMORY_N * 2 else value


def _vjp_summary(softmax_vjp: object) -> str:
    z, g = _vjp_cases()[2].args  # the reference against centred differences of z ↦ g·softmax(z)
    error = relative_error(_vjp(z, g), numerical_gradient(lambda v: float(np.sum(g * _s(v))), z))
    if error < 1e-8:
        return tr(
            "s ⊙ (g − g·s) in 4 cases including scores of ±1000 (finite differences agree to "
            "better than 1e-8), without building the n × n Jacobian."
        )
    return tr(
        "s ⊙ (g − g·s) in 4 cases including scores of ±1000 (finite differences agree to "
        "{error}), without building the n × n Jacobian.",
        error=f"{error:.0e}",
    )


# fmt: off
check_softmax_vjp = Check((Exercise(
    "softmax_vjp", _vjp, _vjp_cases,
    [Mistake("s ⊙ g: the − (g·s) term is missing",
             "that is diag(s) g alone; J = diag(s) − s sᵀ also has the outer-product part: "
             "s ⊙ (g − g·s).", lambda z, g: _s(z) * g),
     Mistake("s(1 − s) ⊙ g, as if softmax acted on each score separately",
             "that is only the diagonal of J; every score moves every probability, so "
             "gᵀJ = s ⊙ (g − g·s) with g·s = Σᵢ gᵢ sᵢ.", lambda z, g: _s(z) * (1 - _s(z)) * g),
     Mistake("s ⊙ (g − Σ g): g summed without the weights s",
             "the term is the s-weighted average g·s = Σᵢ gᵢ sᵢ.",
             lambda z, g: _s(z) * (g - g.sum(axis=-1, keepdims=True))),
     Mistake("s ⊙ (g·s − g): the sign is flipped", "gᵀJ = s ⊙ (g − g·s).",
             lambda z, g: -_vjp(z, g)),
     Mistake("g − g·s: the factor s is missing", "multiply by s elementwise: s ⊙ (g − g·s).",
             lambda z, g: g - np.sum(g * _s(z), axis=-1, keepdims=True)),
     Mistake("s ⊙ (g − g·s) with g·s summed over the whole batch",
             "one dot product per row: np.sum(g * s, axis=-1, keepdims=True).",
             lambda z, g: _s(z) * (g - np.sum(g * _s(z)))),
     Mistake("s ⊙ (g − g·s) with g·s summed without keepdims=True", _KEEPDIMS,
             lambda z, g: _s(z) * (g - np.sum(g * _s(z), axis=-1))),
     Mistake("s ⊙ (g − g·s) with s = exp(z) / Σ exp(z), a softmax that overflows",
             "compute s with a stable softmax: your stable_softmax, or "
             "helpers.activations.softmax.",
             lambda z, g: _vjp_of(np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True), g)),
     Mistake("s ⊙ (g − g·s) with the softmax taken along axis 0",
             "the scores of one example lie along the last axis: softmax(z, axis=-1).",
             lambda z, g: _vjp_of(softmax(z, axis=0), g)),
     Mistake("a Jacobian-sized array", "return one number per score: s ⊙ (g − g·s).",
             when=lambda got, z, g: np.ndim(got) == z.ndim + 1
             and tr("your answer has shape {shape}: that is a Jacobian-sized array, not the "
                    "vector gᵀJ of shape {expected}", shape=np.shape(got), expected=z.shape),
             example=lambda z, g: softmax_jacobian(z)),
     Mistake("the n × n Jacobian built on the way",
             "never build J: s ⊙ (g − g·s) needs a few arrays of n numbers, O(n) not O(n²).",
             when=lambda got, z, g: isinstance(got, tuple) and got[:1] == ("allocated",)
             and tr("your function allocated {used} MB, as much as a {n} × {n} Jacobian "
                    "({full} MB)", used=f"{got[1] / 1e6:.1f}", n=z.size,
                    full=f"{z.size**2 * 8 / 1e6:.0f}"),
             example=lambda z, g: np.einsum("...i,...ij->...j", g, softmax_jacobian(z)))],
    crash_hint="s = softmax(z) along the last axis, then s * (g - np.sum(g * s, axis=-1, "
    "keepdims=True)).",
    warning_hint=_warning_hint, compare=_compare(lambda: "gᵀJ = s ⊙ (g − g·s)."), probe=_vjp_probe,
    **_COMMON),),
    _vjp_summary,
    doc="Check ``softmax_vjp(z, g)`` = gᵀJ = s ⊙ (g − g·s) along the last axis, including scores "
    "of ±1000, and that n = 1000 scores do not take the memory of the n × n Jacobian.")
# fmt: on


# --- Exercise 4: diagnose a softmax that returns NaN for one row of a batch ---------------------

#: The batch of the diagnosis exercise: four examples (rows), three classes. Row 2's scores lie
#: 785 to 805 below the batch's largest score, 5.
SUSPECT_BATCH = np.array(
    [[5.0, 1.0, 0.0], [0.5, 2.0, -1.0], [-780.0, -790.0, -800.0], [1.0, 1.0, 3.0]]
)
#: The causes the learner chooses from, by number.
NAN_CAUSES = {
    1: "an exponential overflowed to inf, and inf / inf is NaN",
    2: "every exponential in the row underflowed to 0, and 0 / 0 is NaN",
    3: "the row's scores already contain a NaN",
    4: "the sum runs along the wrong axis",
}
_DIAGNOSIS = np.array([2.0, 2.0])  # row 2, cause 2


def _number(got: Any, i: int) -> float | None:
    """Item i of a (row, cause) answer, or None when the answer is not two numbers."""
    try:
        values = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None
    return float(values[i]) if values.shape == (2,) else None


def _two_numbers(got: Any) -> str | None:
    if isinstance(got, str) or _number(got, 0) is not None:
        return None
    return tr("expected two numbers (row, cause), got {got}", got=describe(got))


def _row_is(row: int) -> Callable[[Any], bool]:
    return lambda got: _number(got, 0) == row and _number(got, 1) is not None


def _cause_is(cause: int) -> Callable[[Any], bool]:
    return lambda got: _number(got, 0) == 2 and _number(got, 1) == cause


_RUN = "Run colleague_softmax(SUSPECT_BATCH) and look for the row of NaN"


def _off_the_list(got: Any) -> str | bool:
    row, cause = _number(got, 0), _number(got, 1)
    if row is None or cause is None:
        return False
    if row not in (0.0, 1.0, 2.0, 3.0):
        return tr("there is no row {row}: SUSPECT_BATCH has rows 0, 1, 2 and 3", row=f"{row:g}")
    return cause not in (1.0, 2.0, 3.0, 4.0) and tr(
        "there is no cause {cause}: choose 1, 2, 3 or 4", cause=f"{cause:g}"
    )


# fmt: off
check_nan_diagnosis = Check((Exercise(
    "nan_diagnosis", lambda: _DIAGNOSIS, lambda: [Case("SUSPECT_BATCH through colleague_softmax")],
    [Mistake("not two numbers", "return two numbers: the row (counting from 0) and the number "
             "of the cause.", when=_two_numbers, example=lambda: 2.0),
     Mistake("a row or a cause that is not on the list",
             "the row is 0, 1, 2 or 3 (counting from 0), the cause one of the numbers 1 to 4 in "
             "NAN_CAUSES.", when=_off_the_list, example=lambda: np.array([2.0, 5.0])),
     Mistake("row 0, the row with the largest score",
             "the batch max is row 0's own max, so its exponents are e^0, e^−4, e^−5: fine. "
             + _RUN + ".", when=_row_is(0), example=lambda: np.array([0.0, 1.0])),
     Mistake("row 1", "row 1's scores lie within 6 of the batch max: nothing underflows there. "
             + _RUN + ".", when=_row_is(1), example=lambda: np.array([1.0, 2.0])),
     Mistake("row 3: rows counted from 1", "numpy counts rows from 0: the first row is row 0.",
             when=_row_is(3), example=lambda: np.array([3.0, 2.0])),
     Mistake("cause 1, an overflow",
             "nothing overflows: after subtracting the batch max, 5, every exponent is ≤ 0. "
             "Print z − 5 for the NaN row and think about e to that power.",
             when=_cause_is(1), example=lambda: np.array([2.0, 1.0])),
     Mistake("cause 3, a NaN in the input",
             "the scores are all finite (np.isfinite(SUSPECT_BATCH).all() is True): the NaN is "
             "made inside the function.", when=_cause_is(3), example=lambda: np.array([2.0, 3.0])),
     Mistake("cause 4, the wrong axis",
             "e.sum(axis=1, keepdims=True) is one sum per row, as it should be. Look at the "
             "exponents of the NaN row: z − 5.", when=_cause_is(4),
             example=lambda: np.array([2.0, 4.0]))],
    hint="two numbers: the NaN row of colleague_softmax(SUSPECT_BATCH), counting from 0, and the "
    "number of its cause.", rtol=0.0, atol=1e-9),),
    "row 2 comes out NaN because its scores lie 785–805 below the batch max, so all three of "
    "its exponentials underflow to 0 and the row divides 0 by 0. A max per row fixes it.",
    doc="Check ``nan_diagnosis() -> (row, cause)``: which row of SUSPECT_BATCH a softmax with one "
    "max for the whole batch turns into NaN (2), and why (cause 2: 0 / 0 after underflow).")
# fmt: on
