"""Checks for chapter 07, "Tanh".

1. ``tanh_from_sigmoid(x)`` = 2σ(2x) − 1 on the stable sigmoid, so x = ±1000 gives ±1 quietly.
   The answer must call ``sigmoid``: ``np.tanh(x)`` has the right values but skips the exercise.
2. ``matching_rates()`` (*design*): six learning-rate factors (W1, b1, W2, b2, W3, b3) that make
   a centred-sigmoid network, started from its tanh twin's weights, train step for step like the
   tanh network. Judged by the outcome: the loss curve of that training. A parameter that is c
   times its tanh twin gets a gradient c times smaller and needs a step c times larger, so its
   factor is c² = 4, 4, 16, 4, 4, 1.
3. ``stable_tanh_derivative(x)`` = 4σ(2x)σ(−2x): 1 − tanh² is exactly 0 for |x| > 19.
4. ``scaled_tanh(x, b) -> (f, f_prime)``: f(x) = a·tanh(bx), a = 1/tanh(b), so f(±1) = ±1
   (LeCun's 1.7159·tanh(2x/3) for b = 2/3), and f′(x) = a·b·tanh′(bx) in the stable form.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from helpers.activations import sigmoid, tanh, tanh_derivative
from helpers.data import xor
from helpers.i18n import tr
from helpers.xor_race import loss_curves

from ._runner import Case, Check, Exercise, Mistake, compare_numbers, course_functions_used, matches

__all__ = [
    "TWIN_SCALES",
    "check_matching_rates",
    "check_scaled_tanh",
    "check_stable_tanh_derivative",
    "check_tanh_from_sigmoid",
]

_STABLE_FORM = "use 4σ(2x)σ(−2x) with the stable sigmoid from helpers.activations."
# In the tails 0 and 1e-17 are different answers: wrong answers are named with no absolute
# tolerance. The functions may change x: the check hands each call its own copy.
_RELATIVE = {"mistake_atol": 0.0, "pure": False}
_TAILS = {"rtol": 1e-10, "atol": 0.0, **_RELATIVE}


def _near_miss(hint: str, right: Callable[..., Any], **where: str) -> Mistake:
    """Close but not within 1e-10: shown to 6 digits such values look right, so say how close."""

    def when(got: Any, *args: Any) -> str | bool:
        got, want = np.asarray(got, dtype=float), right(*args)
        if not matches(got, want, rtol=1e-4, atol=1e-300) or matches(got, want, rtol=1e-10, atol=0):
            return False  # far off (the comparison shows the values), or right
        worst = np.max(np.abs(got - want) / np.maximum(np.abs(want), np.finfo(float).tiny))
        return tr(
            "the values are close but not accurate enough (relative error up to {worst}; this "
            "exercise needs 1e-10)",
            worst=f"{worst:.1e}",
        )

    what = "values close but not accurate enough"
    return Mistake(what, hint, when=when, example=lambda *a: right(*a) * (1 + 1e-8), **where)


# --- Exercise 1: tanh from the sigmoid ---------------------------------------------------------


def _tanh_via_sigmoid(x: Any) -> Any:
    return 2.0 * sigmoid(2.0 * x) - 1.0


def _with_route(fn: Callable[..., Any], x: Any) -> Any:
    """(fn(x), whether fn calls helpers.activations.sigmoid). The reference and the catalogued
    wrong versions live in helpers.checks and all build on sigmoid; np.tanh calls nothing."""
    value = fn(x)
    uses = course_functions_used(fn)
    calls = any(u == "helpers.activations.sigmoid" or u.startswith("helpers.checks.") for u in uses)
    return None if value is None else (value, calls)


def _compare_route(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    hint = "tanh(x) = 2σ(2x) − 1, with sigmoid from helpers.activations."
    outcome = compare_numbers(got[0], expected[0], case, 1e-12, 1e-15, hint, hint)
    return None if outcome is None else outcome[:2]


def _skips_sigmoid(got: Any, x: Any) -> bool:
    """Right values from a function that never calls sigmoid (np.tanh, most likely). Asked on
    the last case only, so that an unstable formula of one's own is named by its warning first."""
    if np.max(np.abs(x)) < 1000 or not (isinstance(got, (tuple, list)) and len(got) == 2):
        return False
    if got[1] is not False:
        return False
    return matches(got[0], _tanh_via_sigmoid(x), rtol=1e-12, atol=1e-15)


# fmt: off
check_tanh_from_sigmoid = Check((Exercise(
    "tanh_from_sigmoid", _tanh_via_sigmoid,
    lambda: [Case("x from −5 to 5 (11 points)", (np.linspace(-5.0, 5.0, 11),)),
             Case("a 2-D array of shape (3, 4)", (np.random.default_rng(7).normal(0, 3, (3, 4)),)),
             Case("x = −1000, −30, 30, 1000 (the tails)", (np.array([-1e3, -30.0, 30.0, 1e3]),))],
    [Mistake("a function that never calls sigmoid", "the exercise is the identity: build tanh "
             "from the stable sigmoid of the setup cell, 2σ(2x) − 1. np.tanh(x) gives the same "
             "numbers without it (and is what the course uses everywhere else).",
             when=_skips_sigmoid, example=np.tanh,
             message="for {shown} the values are right, but the function never calls sigmoid."),
     Mistake("2σ(x) − 1, which is tanh(x/2)", "the identity needs σ(2x): tanh(x) = 2σ(2x) − 1 "
             "(squeeze the sigmoid horizontally by 2).", lambda x: 2.0 * sigmoid(x) - 1.0),
     Mistake("2σ(2x), without the − 1", "2σ(2x) lies in (0, 2); subtracting 1 moves it to "
             "(−1, 1), centred on 0.", lambda x: 2.0 * sigmoid(2.0 * x)),
     Mistake("σ(2x) − 1, without the factor 2", "stretch vertically first: 2σ(2x) spans (0, 2), "
             "then subtract 1.", lambda x: sigmoid(2.0 * x) - 1.0),
     Mistake("σ(2x), a sigmoid", "stretch it vertically by 2 and shift it down by 1: 2σ(2x) − 1.",
             lambda x: sigmoid(2.0 * x)),
     Mistake("1 − 2σ(2x), which is −tanh(x)", "the sign is flipped: tanh increases with x, "
             "tanh(x) = 2σ(2x) − 1.", lambda x: 1.0 - 2.0 * sigmoid(2.0 * x))],
    hint="tanh(x) = 2σ(2x) − 1, with sigmoid from helpers.activations.",
    warning_hint="e^{−2x} overflows for x < −354: build on the stable helpers.activations.sigmoid "
    "(imported in the setup cell) rather than 1/(1 + np.exp(−2x)) or (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ).",
    rtol=1e-12, atol=1e-15,  # 2σ(2x) − 1 has a few 1e-16 of absolute rounding error near x = 0
    probe=_with_route, compare=_compare_route,
    **_RELATIVE, course_version="helpers.activations.tanh"),),
    "2σ(2x) − 1 matches np.tanh in all 3 cases, including x = ±1000 without a warning.",
    doc="Check ``tanh_from_sigmoid(x)`` against ``np.tanh`` on arrays, tails included.")
# fmt: on


# --- Exercise 2 (design): per-layer learning rates that turn a centred sigmoid into tanh --------

#: Each parameter of the centred-sigmoid network as a multiple of its tanh twin's, in the order
#: W1, b1, W2, b2, W3, b3: σ(z) − ½ = ½·tanh(z/2) halves every pre-activation and every output.
TWIN_SCALES = (2.0, 2.0, 4.0, 2.0, 2.0, 1.0)
_RATES = tuple(c * c for c in TWIN_SCALES)  # (4, 4, 16, 4, 4, 1)
_EPOCHS = 15


def _race_data() -> tuple[np.ndarray, np.ndarray]:
    return xor(n=100, noise=0.1, seed=0)  # chapter 07's XOR data (section 3)


def _train_centred(fn: Callable[[], Any], lr: float, seed: int) -> Any:
    """The loss curve of the centred sigmoid started from its tanh twin's weights and trained
    with η·fn()[k] on parameter k; or a sentence saying why fn() is not six numbers."""
    rates = fn()
    try:
        rates = np.asarray(rates, dtype=float)
    except (TypeError, ValueError):
        return tr("expected six numbers, got {kind}", kind=type(rates).__name__)
    if rates.shape != (6,) or not np.all(np.isfinite(rates)):
        return tr(
            "expected six finite numbers (W1, b1, W2, b2, W3, b3), got {got}", got=rates.tolist()
        )
    with np.errstate(all="ignore"):  # a wrong rate may make training diverge: that is the answer
        curve = loss_curves("centred sigmoid", *_race_data(), lr, seed, _EPOCHS,
                            layer_rates=rates, init_scales=TWIN_SCALES)  # fmt: skip
    return np.nan_to_num(curve, nan=np.inf)


def _compare_curves(got: Any, expected: Any, case: Case) -> tuple[str, str | None] | None:
    got = np.asarray(got, dtype=float)
    if np.allclose(got, expected, rtol=1e-9, atol=1e-12):
        return None
    first = int(np.argmax(~np.isclose(got, expected, rtol=1e-9, atol=1e-12)))
    text = tr(
        "for {shown} the centred sigmoid's loss parts from the tanh network's at epoch {epoch}: "
        "after {epochs} epochs it is {got}, tanh's is {expected}.",
        shown=tr(case.shown), epoch=first + 1, epochs=_EPOCHS,
        got=f"{got[-1]:.4g}", expected=f"{expected[-1]:.4g}",
    )  # fmt: skip
    return text, _RATES_HINT


_RATES_HINT = ("a parameter that is c times its tanh twin (θ = c·θ′) gets a gradient c times "
               "smaller (∂L/∂θ = ∂L/∂θ′ / c), and must move c times farther: its learning rate "
               "needs a factor c².")  # fmt: skip


def _rates(*values: float) -> Callable[[], list[float]]:
    return lambda: list(values)


# fmt: off
check_matching_rates = Check((Exercise(
    "matching_rates", _rates(*_RATES),
    lambda: [Case(f"η = {lr:g}, seed {seed}", (lr, seed)) for lr, seed in ((2.0, 0), (1.0, 3))],
    [Mistake("not six numbers", "return a list of six numbers: the factors for W1, b1, W2, b2, "
             "W3, b3.", when=lambda got, *_: isinstance(got, str) and got,
             example=lambda: 4.0),
     Mistake("the same rate for every parameter", "one η moves every parameter as in the race "
             "above; the six parameters are scaled by different factors c.", _rates(*[1.0] * 6)),
     Mistake("the factors c themselves (2, 2, 4, 2, 2, 1)", "a factor c in the parameter is one "
             "factor 1/c in its gradient and one factor c in the step needed: c².",
             _rates(*TWIN_SCALES)),
     Mistake("1/c², the factors upside down", "the centred network's parameters are the larger "
             "ones (θ = c·θ′) and their gradients the smaller: they need the larger rates.",
             _rates(*(1 / r for r in _RATES))),
     Mistake("16 for every parameter", "only W2 sits between two hidden layers (c = 4); the "
             "others are scaled by 2, and the output bias b3 not at all.", _rates(*[16.0] * 6)),
     Mistake("4 for every parameter", "W2 sits between two hidden layers and is scaled twice "
             "(c = 4, factor 16); the output bias b3 is not scaled (factor 1).",
             _rates(*[4.0] * 6)),
     Mistake("each bias given its layer's weight factor", "a bias is scaled by the halving of its "
             "own layer's pre-activation only: b2 by 2 (factor 4), b3 by 1 (factor 1).",
             _rates(4, 4, 16, 16, 4, 4)),
     Mistake("the output bias b3 given a factor 4", "the logits are the same in both networks: "
             "b3 is unchanged (c = 1), so its rate is unchanged too.", _rates(4, 4, 16, 4, 4, 4)),
     Mistake("the weights first, then the biases", "the order is W1, b1, W2, b2, W3, b3.",
             _rates(4, 16, 4, 4, 4, 1))],
    hint=_RATES_HINT, probe=_train_centred, compare=_compare_curves,
    mistake_rtol=1e-9, mistake_atol=1e-12),),
    f"with these rates the centred sigmoid trains exactly like tanh: the same loss at all "
    f"{_EPOCHS} epochs, for η = 2 and η = 1.",
    doc="Check ``matching_rates() -> [m_W1, m_b1, m_W2, m_b2, m_W3, m_b3]``: trained with η·m, a "
    "centred-sigmoid network started from its tanh twin's weights follows the tanh network.")
# fmt: on


# --- Exercise 3: tanh′ that keeps its tails ------------------------------------------------------

# fmt: off
check_stable_tanh_derivative = Check((Exercise(
    "stable_tanh_derivative", tanh_derivative,
    lambda: [Case("x from −5 to 5 (21 points)", (np.linspace(-5.0, 5.0, 21),)),
             Case("a 2-D array of shape (2, 3)", (np.random.default_rng(8).normal(0, 2, (2, 3)),)),
             Case("x = ±10, ±20, ±30 (the tails)", (np.array([-30.0, -20, -10, 10, 20, 30]),)),
             Case("x = ±300, ±1000 (far out)", (np.array([-1000.0, -300.0, 300.0, 1000.0]),))],
    [Mistake("1 − tanh(x)², which loses the tails", "tanh(x) rounds to ±1 for |x| > 19, so "
             "1 − tanh² cancels to exactly 0 there (and loses digits well before): " + _STABLE_FORM,
             lambda x: 1.0 - np.tanh(x) ** 2),
     Mistake("4σ(2x)(1 − σ(2x)), which loses the tails", "1 − σ(2x) rounds to 0 once σ(2x) rounds "
             "to 1 (2x > 37): write it as σ(−2x).",
             lambda x: 4.0 * sigmoid(2.0 * x) * (1.0 - sigmoid(2.0 * x))),
     Mistake("σ(x)σ(−x), the derivative of the sigmoid", "tanh(x) = 2σ(2x) − 1, so tanh′(x) = "
             "2·σ′(2x)·2 = 4σ(2x)σ(−2x).", lambda x: sigmoid(x) * sigmoid(-x)),
     Mistake("4σ(x)σ(−x): σ evaluated at x instead of 2x", "the inner function is 2x: use σ(2x) "
             "and σ(−2x).", lambda x: 4.0 * sigmoid(x) * sigmoid(-x)),
     Mistake("2σ(2x)σ(−2x), half of tanh′", "there are two factors of 2: one from 2σ(·), one from "
             "the inner 2x (chain rule).", lambda x: 2.0 * sigmoid(2.0 * x) * sigmoid(-2.0 * x)),
     Mistake("−tanh′(x): the sign is flipped", "tanh is increasing, so its slope is positive.",
             lambda x: -tanh_derivative(x)),
     Mistake("tanh(x) itself, not its derivative",
             "tanh′(x) = 1 − tanh²(x) = 4σ(2x)σ(−2x), a bump with peak 1 at x = 0.", np.tanh),
     _near_miss("a finite difference, or any formula with a subtraction such as 1 − tanh², loses "
                "digits: " + _STABLE_FORM, tanh_derivative)],
    hint="tanh′(x) = 4σ(2x)σ(−2x): relative accuracy is needed in the tails too.",
    warning_hint="1/cosh(x)² overflows for |x| > 710: " + _STABLE_FORM,
    **_TAILS,  # at x = ±20, ±30 the slope is 1.7e-17 and 3.5e-26: 1 − tanh² gives 0
    course_version="helpers.activations.tanh_derivative"),),
    "tanh′ to 10 significant digits in all 4 cases, including x = ±20 and ±30 where 1 − tanh² "
    "gives 0.",
    doc="Check ``stable_tanh_derivative(x)`` to 10 significant digits, tails included.")
# fmt: on


# --- Exercise 4: a scaled tanh that hits ±1 at ±1 ------------------------------------------------


def _a(b: float) -> float:
    return 1.0 / np.tanh(b)


def _scaled(x: np.ndarray, b: float) -> tuple[np.ndarray, np.ndarray]:
    return _a(b) * tanh(b * x), _a(b) * b * tanh_derivative(b * x)


def _off_centre(f: Any, x: np.ndarray, b: float) -> str | bool:
    f = np.asarray(f, dtype=float)  # x[4] = 0 and x is symmetric
    odd = abs(f[4]) <= 1e-15 and np.allclose(f, -f[::-1], 1e-12, 1e-15)
    text = tr("f(0) = {value} and f(−x) ≠ −f(x): not zero-centred", value=f"{f[4]:.6g}")
    return f.shape == x.shape and not odd and text


def _f_of_one(f: Any, x: np.ndarray, b: float) -> str | bool:
    f = np.asarray(f, dtype=float)  # x[6] = 1
    text = tr(
        "f(1) = {value}, but the targets ±1 need f(±1) = ±1 (a = {a} here)",
        value=f"{f[6]:.6g}", a=f"{_a(b):.4f}",
    )  # fmt: skip
    return f.shape == x.shape and not np.isclose(f[6], 1.0, rtol=1e-12, atol=0.0) and text


_F, _FP = {"part": "f", "note": ","}, {"part": "f_prime", "note": ","}
_X = [-40.0, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, 40.0]


# fmt: off
check_scaled_tanh = Check((Exercise(
    "scaled_tanh", _scaled,
    lambda: [Case(f"b = {b:.4g}, x = {_X}", (np.array(_X), b)) for b in (2 / 3, 1.0, 0.25)],
    [  # the pair, then f (a named wrong a before "f(1) ≠ 1", which it also shows), then f′
     Mistake("not a pair", "end the function with `return f, f_prime`.", note=",",
             when=lambda got, *_: not (isinstance(got, (tuple, list)) and len(got) == 2)
             and tr("expected two arrays (f, f_prime), got {kind}", kind=type(got).__name__),
             example=lambda x, b: _scaled(x, b)[0]),
     Mistake("not zero-centred", "a·tanh(bx) is odd, f(−x) = −f(x), so f(0) = 0; no offset is "
             "needed.", when=_off_centre, example=lambda x, b: _scaled(x, b)[0] + 0.1, **_F),
     Mistake("1.7159·tanh(bx): a fixed at LeCun's value", "a must be computed from b: a·tanh(b) = 1"
             " gives a = 1/tanh(b), 1.715905 for b = 2/3 (1.7159 is LeCun's value rounded to 4 "
             "decimals, for b = 2/3 only).", lambda x, b: 1.7159 * np.tanh(b * x), **_F),
     Mistake("tanh(bx)/tanh(1): b left out of a", "f(1) = a·tanh(b·1) = 1 gives a = 1/tanh(b), "
             "with the same b as inside.", lambda x, b: np.tanh(b * x) / np.tanh(1.0), **_F),
     Mistake("a·tanh(x): b is missing inside", "the input is scaled too: f(x) = a·tanh(b·x).",
             lambda x, b: _a(b) * np.tanh(x), **_F),
     Mistake("f(1) ≠ 1", "choose a so that a·tanh(b) = 1: a = 1/tanh(b).", when=_f_of_one,
             example=lambda x, b: np.tanh(b * x), **_F),
     Mistake("a·tanh′(bx): the chain-rule factor b is missing", "d/dx tanh(bx) = b·tanh′(bx): the "
             "inner function bx contributes a factor b.",
             lambda x, b: _a(b) * tanh_derivative(b * x), **_FP),
     Mistake("b·tanh′(bx): the factor a is missing", "a constant factor stays: f′(x) = "
             "a·b·tanh′(bx).", lambda x, b: b * tanh_derivative(b * x), **_FP),
     Mistake("1 − f(x)²", "1 − f² is the derivative only for a = b = 1; here f′(x) = "
             "a·b·(1 − tanh²(bx)).",
             lambda x, b: 1.0 - (_a(b) * np.tanh(b * x)) ** 2, **_FP),
     Mistake("a·b·(1 − tanh(bx)²), which loses the tails", "1 − tanh² cancels to 0 for |bx| > 19: "
             "write tanh′(bx) as 4σ(2bx)σ(−2bx).",
             lambda x, b: _a(b) * b * (1.0 - np.tanh(b * x) ** 2), **_FP),
     Mistake("a·b·tanh′(x): the slope taken at x instead of bx", "the chain rule evaluates the "
             "outer derivative at the inner value: tanh′(bx).",
             lambda x, b: _a(b) * b * tanh_derivative(x), **_FP),
     _near_miss("a finite difference or 1 − tanh² loses digits: f′(x) = a·b·4σ(2bx)σ(−2bx).",
                lambda x, b: _scaled(x, b)[1], **_FP)],
    hint="f(x) = a·tanh(bx) with a = 1/tanh(b).", parts=("f", "f_prime"),
    part_label="{part} with {shown}",
    part_hints={"f_prime": "f′(x) = a·b·tanh′(bx), with tanh′ in the stable form 4σ(2u)σ(−2u)."},
    warning_hint="an overflow means an exponential of a large number: " + _STABLE_FORM, **_TAILS),),
    "f(±1) = ±1, f(0) = 0 and f′ right in the tails for b = 2/3, 1 and 1/4 "
    f"(a = {_a(2 / 3):.4f} for b = 2/3: LeCun's constant).",
    doc="Check ``scaled_tanh(x, b) -> (f, f_prime)`` for f(x) = a·tanh(bx), a = 1/tanh(b): "
    "zero-centred, f(±1) = ±1, and f′ to 10 digits at x = ±40 for b = 2/3, 1 and 1/4.")
# fmt: on
