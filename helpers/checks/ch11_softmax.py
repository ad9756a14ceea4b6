"""Checks for chapter 11, "Softmax".

The three exercises are the three functions every deep-learning library writes for its output
layer, along an ``axis`` (the last one by default):

    softmax(z)ᵢ     = e^{zᵢ − m} / Σⱼ e^{zⱼ − m}              (m = max z along the axis)
    log_softmax(z)ᵢ = (zᵢ − m) − log Σⱼ e^{zⱼ − m}
    gᵀJ             = s ⊙ (g − g·s)                          (s = softmax(z), J = diag(s) − s sᵀ)

The references are ``helpers.activations`` (tested against high-precision arithmetic) and, for
the vector-Jacobian product, centred differences of z ↦ g·softmax(z). Every check includes
scores of ±1000, where the textbook formula overflows, and a square batch, where a forgotten
``keepdims=True`` broadcasts along the wrong axis without an error. When the answer is wrong,
it is compared with the classic wrong answers so that the message names the mistake.
"""

from __future__ import annotations

import tracemalloc
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import log_softmax, softmax
from helpers.gradcheck import numerical_gradient, relative_error

from ._core import ExerciseFailure, call_learner, expect_close, fail, name_mistake, passed

__all__ = ["check_softmax_vjp", "check_stable_log_softmax", "check_stable_softmax"]

Mistake = tuple[str, Callable[..., Any], str]  # what it is, how to compute it, the hint

_SHIFT = "subtract the max along the axis first: z - z.max(axis=axis, keepdims=True)."
_KEEPDIMS = (
    "reduce with keepdims=True (z.max(axis=axis, keepdims=True), .sum(axis=axis, "
    "keepdims=True)) so the result broadcasts back along the axis it came from."
)
_LARGE = np.array([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0], [0.0, 0.0, 0.0]])


def _quietly(fn: Callable[..., Any], args: tuple) -> Any:
    """The learner's result with numpy's warnings silenced (to name the mistake behind one)."""
    copies = tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in args)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return fn(*copies)
        except Exception:  # the original failure is reported instead
            return None


def _warning_hint(message: str) -> str:
    if "divide by zero" in message:
        return (
            "log of a probability that underflowed to 0 is −inf: compute "
            "(z − m) − log Σ exp(z − m) directly, never log(softmax(z))."
        )
    if "overflow" in message:
        return "exp(z) overflows to inf once z > 709.78: " + _SHIFT
    return "inf/inf or 0/0 gives NaN: exp overflowed, or every exp underflowed to 0; " + _SHIFT


def _diagnose(
    exercise: str, got: Any, expected: Any, shown: str, mistakes: list, args: tuple, note: str = ""
) -> None:
    # Wrong answers that cannot be formed for these shapes, or that coincide with the right one
    # (a forgotten keepdims is harmless on a single row), are skipped.
    name_mistake(exercise, got, expected, shown, mistakes, *args, atol=1e-13, note=note)


def _run(
    exercise: str,
    fn: Callable[..., Any],
    args: tuple,
    expected: np.ndarray,
    *,
    shown: str,
    mistakes: list,
    hint: str,
    mistake_args: tuple | None = None,
) -> Any:
    """Call the learner's function on copies of ``args``; name the mistake behind a crash, a
    numpy warning, a changed input or a wrong value. ``mistakes`` are computed from
    ``mistake_args`` (default: ``args``)."""
    mistake_args = args if mistake_args is None else mistake_args
    copies = tuple(np.copy(a) if isinstance(a, np.ndarray) else a for a in args)
    try:
        got = call_learner(exercise, fn, *copies, shown=shown)
    except ExerciseFailure as failure:
        message, _, generic_hint = str(failure).partition("\nHint: ")
        message = message.removeprefix(f"{exercise}: ")
        if message.startswith("numpy warned"):
            warning = message.partition(": ")[2].rstrip(".")
            quiet = _quietly(fn, args)
            note = f", numpy warned ({warning}) and"
            _diagnose(exercise, quiet, expected, shown, mistakes, mistake_args, note)
            raise ExerciseFailure(exercise, message, _warning_hint(message)) from None
        if generic_hint:
            raise
        if "broadcast" in message:
            hint = "a shape mismatch after a reduction: " + _KEEPDIMS
        raise ExerciseFailure(exercise, message, hint) from None
    for name, original, passed_in in zip(("z", "g"), args, copies, strict=False):
        if isinstance(original, np.ndarray) and not np.array_equal(original, passed_in):
            fail(
                exercise,
                f"for {shown} the function changed its input {name} in place.",
                "work on a new array: `shifted = z - z.max(...)` makes one, while `z -= ...` "
                "overwrites the caller's scores.",
            )
    if got is None:
        fail(exercise, f"for {shown} the function returned None.", "did you forget `return`?")
    _diagnose(exercise, got, expected, shown, mistakes, mistake_args)
    return got


def _floats(got: Any) -> np.ndarray | None:
    try:
        return np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return None  # expect_close reports what came back


def _finite_where_expected(
    exercise: str, got: Any, expected: np.ndarray, shown: str, cause: str = "overflow"
) -> None:
    """Name NaN (and ±inf) where the right answer is finite: the mark of an unstable formula."""
    values = _floats(got)
    if values is None or values.shape != expected.shape:
        return
    if np.any(np.isnan(values) & ~np.isnan(expected)):
        fail(exercise, f"for {shown} your answer contains NaN.", _warning_hint("invalid"))
    if np.any(np.isinf(values) & np.isfinite(expected)):
        fail(exercise, f"for {shown} your answer contains ±inf.", _warning_hint(cause))


def _other_axis(z: np.ndarray, axis: int) -> int:
    return 0 if axis % z.ndim != 0 else -1


def _cases() -> list[tuple[np.ndarray, int | None, str]]:
    """(scores, axis or None for the default, description): the inputs every check uses."""
    rng = np.random.default_rng(11)
    batch = np.round(rng.normal(scale=2.0, size=(3, 4)), 2)
    square = np.round(rng.normal(scale=2.0, size=(3, 3)), 2)
    cube = np.round(rng.normal(size=(2, 3, 4)), 2)
    return [
        (np.array([2.0, 1.0, 0.1]), None, "z = [2.0, 1.0, 0.1] (default axis)"),
        (square, -1, f"a square batch of shape {square.shape}, axis=-1 (one distribution per row)"),
        (batch, -1, f"a batch of shape {batch.shape}, axis=-1"),
        (batch, 0, f"the batch of shape {batch.shape} with axis=0 (one distribution per column)"),
        (cube, 1, f"an array of shape {cube.shape}, axis=1"),
        (_LARGE, -1, "rows [1000, 999, 998], [-1000, -1001, -1002], [0, 0, 0], axis=-1"),
    ]


def _probabilities(z: np.ndarray, axis: int) -> np.ndarray:
    return np.exp(z - z.max(axis=axis, keepdims=True))


# --- Exercise 1: a stable softmax along an axis -------------------------------------------------


def _softmax_mistakes(axis: int) -> list[Mistake]:
    def naive(z: np.ndarray) -> np.ndarray:
        return np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)

    def global_max(z: np.ndarray) -> np.ndarray:
        e = np.exp(z - z.max())
        return e / e.sum(axis=axis, keepdims=True)

    def max_without_keepdims(z: np.ndarray) -> np.ndarray:
        e = np.exp(z - z.max(axis=axis))
        return e / e.sum(axis=axis, keepdims=True)

    def sum_without_keepdims(z: np.ndarray) -> np.ndarray:
        e = _probabilities(z, axis)
        return e / e.sum(axis=axis)

    def hard_max(z: np.ndarray) -> np.ndarray:
        return (z == z.max(axis=axis, keepdims=True)).astype(float)

    return [
        (
            "exp(z) / sum(exp(z)): the max was not subtracted",
            naive,
            "exp(1000) overflows to inf (inf/inf = NaN) and exp(-1000) underflows to 0 "
            "(0/0 = NaN): " + _SHIFT,
        ),
        (
            "exp(z − m) with m the max of the whole array, not the max along the axis",
            global_max,
            "a row whose scores all lie far below the overall max underflows to 0/0: take the "
            "max along the axis, z.max(axis=axis, keepdims=True).",
        ),
        ("a softmax with the max taken without keepdims=True", max_without_keepdims, _KEEPDIMS),
        ("a softmax divided by sums taken without keepdims=True", sum_without_keepdims, _KEEPDIMS),
        (
            "exp(z − m) without dividing by the sum: it is not normalised",
            lambda z: _probabilities(z, axis),
            "divide by the sum along the axis, so the probabilities add up to 1.",
        ),
        (
            "exp(z − m) divided by the sum over the whole array",
            lambda z: np.exp(z - z.max()) / np.exp(z - z.max()).sum(),
            "normalise each distribution separately: .sum(axis=axis, keepdims=True).",
        ),
        (
            "exp(z − m) divided by the sum over the whole array",
            lambda z: _probabilities(z, axis) / _probabilities(z, axis).sum(),
            "normalise each distribution separately: .sum(axis=axis, keepdims=True).",
        ),
        (
            "z / sum(z): the scores divided by their sum, without the exponential",
            lambda z: z / z.sum(axis=axis, keepdims=True),
            "exponentiate first: e^z is positive and keeps the order of the scores.",
        ),
        (
            "a one-hot vector at the largest score (a hard argmax)",
            hard_max,
            "softmax is a *soft* argmax: every class gets e^{zᵢ − m} / Σ e^{zⱼ − m} > 0.",
        ),
        (
            "log-probabilities",
            lambda z: log_softmax(z, axis=axis),
            "return the probabilities themselves, e^{z − m} / Σ e^{z − m}.",
        ),
        (
            "softmax(−z): the sign of the scores is flipped",
            lambda z: softmax(-z, axis=axis),
            "a larger score must get a larger probability: exp(+z).",
        ),
    ]


def check_stable_softmax(stable_softmax: Callable[..., Any]) -> None:
    """Check ``stable_softmax(z, axis=-1) -> e^{z − m} / Σ e^{z − m}`` along ``axis``.

    Six inputs: a vector with the default axis, a batch along rows and along columns, a square
    batch (where a missing keepdims broadcasts silently), a 3-D array along axis 1, and scores of
    ±1000 (where exp overflows and underflows unless the max is subtracted).
    """
    exercise = "stable_softmax"
    for z, axis, shown in _cases():
        args = (z,) if axis is None else (z, axis)
        axis_used = -1 if axis is None else axis
        expected = softmax(z, axis=axis_used)
        mistakes = _softmax_mistakes(axis_used)
        if z.ndim > 1:
            other = _other_axis(z, axis_used)
            mistakes.insert(
                0,
                (
                    f"a softmax along axis {other} instead of axis {axis}",
                    lambda z, other=other: softmax(z, axis=other),
                    "use the axis argument in every max and sum: the probabilities of one "
                    f"distribution lie along axis {axis}.",
                ),
            )
        got = _run(
            exercise,
            stable_softmax,
            args,
            expected,
            shown=shown,
            mistakes=mistakes,
            mistake_args=(z,),
            hint="define it as stable_softmax(z, axis=-1) and reduce along `axis`.",
        )
        _finite_where_expected(exercise, got, expected, shown)
        expect_close(
            exercise, got, expected, shown=shown, hint="e^{z − m} / Σ e^{z − m} along the axis."
        )
    passed(
        exercise,
        "matches helpers.activations.softmax along every axis asked for, and stays finite "
        "for scores of ±1000.",
    )


# --- Exercise 2: a stable log-softmax -----------------------------------------------------------


def _log_softmax_mistakes(axis: int) -> list[Mistake]:
    def shifted(z: np.ndarray) -> np.ndarray:
        return z - z.max(axis=axis, keepdims=True)

    def log_sum_exp(z: np.ndarray) -> np.ndarray:
        return np.log(np.exp(shifted(z)).sum(axis=axis, keepdims=True))

    def global_max(z: np.ndarray) -> np.ndarray:
        d = z - z.max()
        return d - np.log(np.exp(d).sum(axis=axis, keepdims=True))

    return [
        (
            "log(softmax(z))",
            lambda z: np.log(softmax(z, axis=axis)),
            "softmax underflows to exactly 0 for a score about 745 below the max, and log 0 = "
            "−inf; (z − m) − log Σ exp(z − m) stays exact (about −2000 here).",
        ),
        (
            "z − log Σ exp(z) without subtracting the max",
            lambda z: z - np.log(np.exp(z).sum(axis=axis, keepdims=True)),
            "Σ exp(z) overflows for large scores and is 0 (log 0 = −inf) for very negative "
            "ones: " + _SHIFT,
        ),
        (
            "(z − m) − log Σ exp(z − m) with m the max of the whole array",
            global_max,
            "take the max along the axis: for a row far below the overall max, Σ exp(z − m) "
            "underflows to 0.",
        ),
        (
            "z − log Σ exp(z − m): m was subtracted inside the sum but not outside it",
            lambda z: z - log_sum_exp(z),
            "log Σ e^{z} = m + log Σ e^{z − m}: subtract m from z as well, "
            "(z − m) − log Σ e^{z − m}.",
        ),
        (
            "z − m: the log Σ exp(z − m) term is missing",
            shifted,
            "normalise: subtract log Σ exp(z − m) along the axis, so that exp of the result sums "
            "to 1.",
        ),
        (
            "(z − m) − log Σ exp(z − m) with the sum taken without keepdims=True",
            lambda z: shifted(z) - np.log(np.exp(shifted(z)).sum(axis=axis)),
            _KEEPDIMS,
        ),
        (
            "the probabilities, not their logarithms",
            lambda z: softmax(z, axis=axis),
            "return log-probabilities: (z − m) − log Σ exp(z − m), all ≤ 0.",
        ),
        (
            "−log_softmax(z): the negative log-probabilities (a cross-entropy), not log-softmax",
            lambda z: -log_softmax(z, axis=axis),
            "log-probabilities are ≤ 0: (z − m) − log Σ exp(z − m), no minus in front.",
        ),
    ]


def check_stable_log_softmax(stable_log_softmax: Callable[..., Any]) -> None:
    """Check ``stable_log_softmax(z, axis=-1) -> (z − m) − log Σ e^{z − m}`` along ``axis``.

    The same inputs as ``check_stable_softmax`` plus one where the probability of a class
    underflows to 0 (scores [0, −2000]): log-softmax must return −2000 there, not −inf.
    """
    exercise = "stable_log_softmax"
    cases = _cases()
    cases.append((np.array([0.0, -2000.0, 1.0]), -1, "z = [0, -2000, 1], axis=-1"))
    for z, axis, shown in cases:
        args = (z,) if axis is None else (z, axis)
        axis_used = -1 if axis is None else axis
        expected = log_softmax(z, axis=axis_used)
        mistakes = _log_softmax_mistakes(axis_used)
        if z.ndim > 1:
            other = _other_axis(z, axis_used)
            mistakes.insert(
                0,
                (
                    f"a log-softmax along axis {other} instead of axis {axis}",
                    lambda z, other=other: log_softmax(z, axis=other),
                    "use the axis argument in every max and sum.",
                ),
            )
        got = _run(
            exercise,
            stable_log_softmax,
            args,
            expected,
            shown=shown,
            mistakes=mistakes,
            mistake_args=(z,),
            hint="define it as stable_log_softmax(z, axis=-1) and reduce along `axis`.",
        )
        _finite_where_expected(exercise, got, expected, shown, "divide by zero")
        expect_close(
            exercise, got, expected, shown=shown, hint="(z − m) − log Σ e^{z − m} along the axis."
        )
    passed(
        exercise,
        "matches helpers.activations.log_softmax along every axis asked for, including "
        "log-probabilities of −2000 where softmax itself is 0.",
    )


# --- Exercise 3: the vector-Jacobian product ----------------------------------------------------


def _vjp(z: np.ndarray, g: np.ndarray) -> np.ndarray:
    s = softmax(z, axis=-1)
    return s * (g - np.sum(g * s, axis=-1, keepdims=True))


def _vjp_mistakes() -> list[Mistake]:
    def s(z: np.ndarray) -> np.ndarray:
        return softmax(z, axis=-1)

    return [
        (
            "s ⊙ g: the − (g·s) term is missing",
            lambda z, g: s(z) * g,
            "that is diag(s) g alone; J = diag(s) − s sᵀ also has the outer-product part: "
            "s ⊙ (g − g·s).",
        ),
        (
            "s(1 − s) ⊙ g, as if softmax acted on each score separately",
            lambda z, g: s(z) * (1 - s(z)) * g,
            "that is only the diagonal of J; every score moves every probability, so "
            "gᵀJ = s ⊙ (g − g·s) with g·s = Σᵢ gᵢ sᵢ.",
        ),
        (
            "s ⊙ (g − Σ g): g summed without the weights s",
            lambda z, g: s(z) * (g - g.sum(axis=-1, keepdims=True)),
            "the term is the s-weighted average g·s = Σᵢ gᵢ sᵢ.",
        ),
        (
            "s ⊙ (g·s − g): the sign is flipped",
            lambda z, g: -_vjp(z, g),
            "gᵀJ = s ⊙ (g − g·s).",
        ),
        (
            "g − g·s: the factor s is missing",
            lambda z, g: g - np.sum(g * s(z), axis=-1, keepdims=True),
            "multiply by s elementwise: s ⊙ (g − g·s).",
        ),
        (
            "s ⊙ (g − g·s) with g·s summed over the whole batch",
            lambda z, g: s(z) * (g - np.sum(g * s(z))),
            "one dot product per row: np.sum(g * s, axis=-1, keepdims=True).",
        ),
        (
            "s ⊙ (g − g·s) with g·s summed without keepdims=True",
            lambda z, g: s(z) * (g - np.sum(g * s(z), axis=-1)),
            _KEEPDIMS,
        ),
        (
            "s ⊙ (g − g·s) with s = exp(z) / Σ exp(z), a softmax that overflows",
            lambda z, g: (
                (t := np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True))
                * (g - np.sum(g * t, axis=-1, keepdims=True))
            ),
            "compute s with a stable softmax: your stable_softmax, or helpers.activations.softmax.",
        ),
        (
            "s ⊙ (g − g·s) with the softmax taken along axis 0",
            lambda z, g: (t := softmax(z, axis=0)) * (g - np.sum(g * t, axis=-1, keepdims=True)),
            "the scores of one example lie along the last axis: softmax(z, axis=-1).",
        ),
    ]


_MEMORY_N = 1000


def _extra_memory(fn: Callable[[], Any]) -> int:
    """Peak bytes allocated while ``fn()`` runs (numpy reports its arrays to tracemalloc)."""
    already = tracemalloc.is_tracing()
    if not already:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        fn()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        if not already:
            tracemalloc.stop()


def check_softmax_vjp(softmax_vjp: Callable[..., Any]) -> None:
    """Check ``softmax_vjp(z, g) -> gᵀJ = s ⊙ (g − g·s)`` along the last axis, s = softmax(z).

    ``z`` and ``g`` have the same shape (..., n); so does the answer. The reference is compared
    with centred differences of z ↦ Σ g ⊙ softmax(z), whose gradient is exactly gᵀJ. The last
    case has scores of ±1000; finally the memory used for n = 1000 scores must grow like n, not
    like the n² entries of the Jacobian.
    """
    exercise = "softmax_vjp"
    rng = np.random.default_rng(12)
    cases = [
        (np.array([2.0, 1.0, 0.1, -1.0]), np.array([0.5, -1.0, 2.0, 0.0]), "one vector, n = 4"),
        (rng.normal(size=(3, 3)), rng.normal(size=(3, 3)), "a square batch of 3 rows, n = 3"),
        (rng.normal(size=(3, 5)), rng.normal(size=(3, 5)), "a batch of 3 rows, n = 5"),
        (
            np.array([[1000.0, 0.0, -1000.0, 999.0], [-1000.0, -1001.0, -999.5, -1000.0]]),
            np.array([[1.0, -2.0, 0.5, 3.0], [0.0, 1.0, -1.0, 2.0]]),
            "scores of ±1000",
        ),
    ]
    for z, g, shown in cases:
        expected = _vjp(z, g)
        got = _run(
            exercise,
            softmax_vjp,
            (z, g),
            expected,
            shown=shown,
            mistakes=_vjp_mistakes(),
            hint="s = softmax(z) along the last axis, then s * (g - np.sum(g * s, axis=-1, "
            "keepdims=True)).",
        )
        if np.ndim(got) == z.ndim + 1:
            fail(
                exercise,
                f"for {shown} your answer has shape {np.shape(got)}: that is a Jacobian-sized "
                f"array, not the vector gᵀJ of shape {z.shape}.",
                "return one number per score: s ⊙ (g − g·s).",
            )
        _finite_where_expected(exercise, got, expected, shown)
        expect_close(exercise, got, expected, shown=shown, hint="gᵀJ = s ⊙ (g − g·s).")
    z, g = cases[2][0], cases[2][1]
    numeric = numerical_gradient(lambda v: float(np.sum(g * softmax(v, axis=-1))), z)
    error = relative_error(_vjp(z, g), numeric)
    z_big, g_big = rng.normal(size=_MEMORY_N), rng.normal(size=_MEMORY_N)
    shown = f"one vector of n = {_MEMORY_N} scores"
    used = _extra_memory(lambda: call_learner(exercise, softmax_vjp, z_big, g_big, shown=shown))
    jacobian_bytes = _MEMORY_N * _MEMORY_N * 8
    if used > jacobian_bytes // 4:
        fail(
            exercise,
            f"for n = {_MEMORY_N} scores your function allocated {used / 1e6:.1f} MB, as much "
            f"as a {_MEMORY_N} × {_MEMORY_N} Jacobian ({jacobian_bytes / 1e6:.0f} MB).",
            "never build J: s ⊙ (g − g·s) needs a few arrays of n numbers, O(n) not O(n²).",
        )
    agreement = "to better than 1e-8" if error < 1e-8 else f"to {error:.0e}"
    passed(
        exercise,
        f"s ⊙ (g − g·s) in {len(cases)} cases including scores of ±1000 (finite differences "
        f"agree {agreement}), without building the n × n Jacobian.",
    )
