"""How fast are the course's activations? One run prints one markdown table.

Each forward pass runs on 10**7 float64 values (a seeded normal sample, scaled by 5 so both tails
and the middle are exercised) and is timed best-of-5, the way ``timeit`` recommends: the minimum
is the run least disturbed by the rest of the machine. Times are given as multiples of

- ``np.copy`` of the same array: the floor for any function that writes a new array, because the
  work is bound by memory traffic, not arithmetic;
- scipy.special's version of the same function, where it has one.

Goals: the ReLU family within 2.5× np.copy (one or two passes over memory), the exp family within
8× (one transcendental function plus a few cheap passes); sigmoid within 1.5× scipy's expit;
softplus and log_sigmoid no slower than scipy; softmax and log_softmax within 1.1× scipy. The last
column says whether this machine met each goal; timings vary by ±10 % from run to run.

Run it with ``python3 course.py bench`` (or ``.venv/bin/python benchmarks/activations.py``);
it takes about 20 seconds.
"""

from __future__ import annotations

import math
import platform
import timeit
from collections.abc import Callable

import numpy as np
import scipy
import scipy.special as sc

from helpers import activations as act

SIZE = 10**7
REPEATS = 5
RELU_FAMILY_GOAL = 2.5  # × np.copy: a pass or two over memory
EXP_FAMILY_GOAL = 8.0  # × np.copy: an exp (or log, tanh, erfc) plus a few cheap passes


def best_ms(function: Callable[[], object]) -> float:
    """Best of REPEATS single calls, in milliseconds."""
    return 1e3 * min(timeit.repeat(function, number=1, repeat=REPEATS))


def scipy_gelu(x: np.ndarray) -> np.ndarray:
    """The textbook formula ½x(1 + erf(x/√2)), written with scipy."""
    return 0.5 * x * (1.0 + sc.erf(x / math.sqrt(2.0)))


def main() -> None:
    x = np.random.default_rng(0).standard_normal(SIZE) * 5.0
    scores = x.reshape(10**5, 100)  # softmax over 100 classes, 10**5 rows
    alpha = np.linspace(0.05, 0.3, 100)  # PReLU: one learned slope per channel
    copy_ms = best_ms(lambda: np.copy(x))

    # (name, our call, scipy's call or None, goal: (limit, "copy" | "scipy"))
    relu_goal, exp_goal = (RELU_FAMILY_GOAL, "copy"), (EXP_FAMILY_GOAL, "copy")
    has_softplus = hasattr(sc, "softplus")  # new in scipy 1.15
    cases: list[tuple[str, Callable[[], object], Callable[[], object] | None, tuple]] = [
        ("identity", lambda: act.identity(x), None, relu_goal),
        ("relu", lambda: act.relu(x), None, relu_goal),
        ("leaky_relu", lambda: act.leaky_relu(x), None, relu_goal),
        ("prelu (α per channel)", lambda: act.prelu(scores, alpha), None, relu_goal),
        ("relu6", lambda: act.relu6(x), None, relu_goal),
        ("hard_sigmoid", lambda: act.hard_sigmoid(x), None, relu_goal),
        ("hard_swish", lambda: act.hard_swish(x), None, relu_goal),
        ("sigmoid", lambda: act.sigmoid(x), lambda: sc.expit(x), (1.5, "scipy")),
        ("log_sigmoid", lambda: act.log_sigmoid(x), lambda: sc.log_expit(x), (1.0, "scipy")),
        ("softplus", lambda: act.softplus(x), (lambda: sc.softplus(x)) if has_softplus else None,
         (1.0, "scipy") if has_softplus else exp_goal),
        ("tanh", lambda: act.tanh(x), None, exp_goal),
        ("elu", lambda: act.elu(x), None, exp_goal),
        ("selu", lambda: act.selu(x), None, exp_goal),
        ("gelu (erfc)", lambda: act.gelu(x), lambda: scipy_gelu(x), exp_goal),
        ("gelu (tanh)", lambda: act.gelu(x, approximate="tanh"), None, exp_goal),
        ("silu", lambda: act.silu(x), None, exp_goal),
        ("mish", lambda: act.mish(x), None, exp_goal),
        ("softmax (10⁵ × 100)", lambda: act.softmax(scores), lambda: sc.softmax(scores, axis=-1),
         (1.1, "scipy")),
        ("log_softmax (10⁵ × 100)", lambda: act.log_softmax(scores),
         lambda: sc.log_softmax(scores, axis=-1), (1.1, "scipy")),
    ]  # fmt: skip

    print(f"numpy {np.__version__}, scipy {scipy.__version__}, Python {platform.python_version()}")
    print(f"{SIZE:.0e} float64 values, best of {REPEATS}; np.copy takes {copy_ms:.1f} ms\n")
    print("| function | ms | × copy | × scipy | goal | met? |")
    print("|---|---:|---:|---:|---|---|")
    met = 0
    for name, ours, theirs, (limit, against) in cases:
        ours_ms = best_ms(ours)
        scipy_ms = best_ms(theirs) if theirs else math.nan
        ratio = {"copy": ours_ms / copy_ms, "scipy": ours_ms / scipy_ms}[against]
        ok = ratio <= limit
        met += ok
        scipy_text = f"{ours_ms / scipy_ms:.2f}" if theirs else "–"
        print(
            f"| {name} | {ours_ms:.1f} | {ours_ms / copy_ms:.2f} | {scipy_text} "
            f"| ≤ {limit:g}× {against} | {'yes' if ok else 'no'} |"
        )
    print(f"\n{met} of {len(cases)} goals met.")


if __name__ == "__main__":
    main()
