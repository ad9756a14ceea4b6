"""helpers.activations: accuracy in ULPs against mpmath, kinks, extremes, bad input, registry.

Accuracy is measured in units in the last place (ULP): |got − ref| / spacing(ref), where ref is the
exact value (mpmath at 200 bits) rounded to the nearest float64. At 0 and in the subnormal range,
spacing(ref) is the smallest subnormal 2⁻¹⁰⁷⁴, so there the error is absolute, in subnormal steps.

How accurate a float64 function *can* be depends on its condition number
cond(x) = |x·f′(x)/f(x)|: a relative error ε in x (or in an intermediate such as x/√2 or x³ that
the formula has to round) becomes a relative error of about cond·ε in f. Hence three tiers:

A. Values within 4 ULP, derivatives within 8 ULP, wherever f is well-conditioned (cond ≤ 2) —
   and for most functions far beyond: where a formula rounds nothing before its exp, log1p or
   expm1 (the input itself is exact), it stays accurate even where f is ill-conditioned, e.g.
   σ(−700) = e^{−700}/(1 + e^{−700}). Only the cases in COND_LIMITED are held to tier A no
   further than cond ≤ 2: their formulas round an intermediate (x/√2, x³, or a sum that cancels
   near a root of f′) whose error the condition number then amplifies.
B. Everywhere else with a result of normal size (|ref| ≥ 1e-300): within 8 + 4·cond ULP. This covers
   the tails (GELU below −5, where cond ≈ x²) and the neighbourhoods of roots (SiLU′ at −1.28,
   Mish′ at −1.19, GELU′ at −0.75, where cond → ∞ and no formula can keep relative accuracy).
   Results below 1e-300 are left out of B: there an intermediate can be subnormal and carry only
   an absolute accuracy (e.g. σ(x) for x < −708 inside SiLU's x·σ(x), scaled by |x|), and
   scipy.special.erfc returns 0 instead of a subnormal for arguments above 26.55.
C. The functions whose tails are a single exp of the exact input stay exact to 2 subnormal steps
   all the way down to underflow; a naive 1/(1 + e^{−x}) fails exactly there.
"""

from __future__ import annotations

import functools
import inspect
import math
import re
from dataclasses import FrozenInstanceError

import numpy as np
import pytest
import scipy.special
from matplotlib.lines import Line2D
from matplotlib.mathtext import MathTextParser
from mpmath import mp

from helpers import activations
from helpers.activations import ACTIVATIONS, COLOURS
from helpers.gradcheck import check_gradient

VALUE_ULP = 4.0
DERIVATIVE_ULP = 8.0
# scipy.special.erfc (Cephes) computes erfc(t) as 1 − erf(t) for t < 1 and is itself off by up to
# ~7 ULP near t ≈ 1, so exact GELU inherits that much before doing any arithmetic of its own.
GELU_VALUE_ULP = 8.0
WELL_CONDITIONED = 2.0
COND_LIMITED = {
    ("gelu", "value"),
    ("gelu", "derivative"),
    ("gelu_tanh", "value"),
    ("gelu_tanh", "derivative"),
    ("silu", "derivative"),
    ("mish", "derivative"),
}
NORMAL_SIZE = 1e-300
SMALLEST_NORMAL = np.finfo(np.float64).tiny
HUGE = np.finfo(np.float64).max

# ----------------------------------------------------------------------------------------------
# References: the textbook definitions, evaluated at 200 bits with mpmath.


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def _softplus(x):
    return mp.log1p(mp.exp(x))


def _phi_cdf(x):
    # mpmath's erfc overflows for |x| > 1e154; past |x| = 1e10, Φ(x) differs from 0 or 1 by less
    # than e^(−10^19), which no float64 computation can see.
    return mp.ncdf(x) if abs(x) < 1e10 else mp.mpf(x > 0)


def _phi_pdf(x):
    return mp.npdf(x) if abs(x) < 1e10 else mp.mpf(0)


def _gelu_tanh_2u(x):
    c, k = mp.mpf(activations._SQRT_2_OVER_PI), mp.mpf(activations._GELU_CUBIC)
    return 2 * c * (x + k * x**3), 2 * c * (1 + 3 * k * x**2)


def _gelu_tanh(x):
    return x * _sigmoid(_gelu_tanh_2u(x)[0])  # = x(1 + tanh u)/2


def _gelu_tanh_derivative(x):
    two_u, two_du = _gelu_tanh_2u(x)
    return _sigmoid(two_u) + x * two_du * _sigmoid(two_u) * _sigmoid(-two_u)


LAMBDA, ALPHA = mp.mpf(activations.SELU_LAMBDA), mp.mpf(activations.SELU_ALPHA)
LEAKY, PRELU = mp.mpf(0.01), mp.mpf(0.25)  # the registry's default α
REFERENCES = {  # name: (f, f′), exact
    "sigmoid": (_sigmoid, lambda x: _sigmoid(x) * _sigmoid(-x)),
    "log_sigmoid": (lambda x: -mp.log1p(mp.exp(-x)), lambda x: _sigmoid(-x)),
    "tanh": (mp.tanh, lambda x: mp.sech(x) ** 2),
    "relu": (lambda x: max(x, 0), lambda x: mp.mpf(x > 0)),
    "leaky_relu": (lambda x: x if x > 0 else LEAKY * x, lambda x: 1 if x > 0 else LEAKY),
    "prelu": (lambda x: x if x > 0 else PRELU * x, lambda x: 1 if x > 0 else PRELU),
    "elu": (lambda x: x if x > 0 else mp.expm1(x), lambda x: 1 if x > 0 else mp.exp(x)),
    "selu": (
        lambda x: LAMBDA * (x if x > 0 else ALPHA * mp.expm1(x)),
        lambda x: LAMBDA * (1 if x > 0 else ALPHA * mp.exp(x)),
    ),
    "softplus": (_softplus, _sigmoid),
    "gelu": (lambda x: x * _phi_cdf(x), lambda x: _phi_cdf(x) + x * _phi_pdf(x)),
    "gelu_tanh": (_gelu_tanh, _gelu_tanh_derivative),
    "silu": (lambda x: x * _sigmoid(x), lambda x: _sigmoid(x) * (1 + x * _sigmoid(-x))),
    "mish": (
        lambda x: x * mp.tanh(_softplus(x)),
        lambda x: mp.tanh(_softplus(x)) + x * mp.sech(_softplus(x)) ** 2 * _sigmoid(x),
    ),
    "relu6": (lambda x: min(max(x, 0), 6), lambda x: mp.mpf(0 < x < 6)),
    "hard_sigmoid": (lambda x: min(max(x + 3, 0), 6) / 6, lambda x: mp.mpf(-3 < x < 3) / 6),
    "hard_swish": (
        lambda x: x * min(max(x + 3, 0), 6) / 6,
        lambda x: 0 if x <= -3 else (2 * x + 3) / 6 if x < 3 else 1,
    ),
    "identity": (lambda x: x, lambda x: 1),
}


def _implementation(case: str, kind: str):
    """The helpers function under test for a REFERENCES key; kind is "value" or "derivative"."""
    name, params = ("gelu", {"approximate": "tanh"}) if case == "gelu_tanh" else (case, {})
    function = ACTIVATIONS[name].forward if kind == "value" else ACTIVATIONS[name].derivative
    return functools.partial(function, **{**ACTIVATIONS[name].params, **params})


def sample_points() -> np.ndarray:
    """Log-spaced magnitudes over the whole float64 range (both signs), subnormals, a dense grid
    on [−40, 40] where the functions bend, and seeded random points."""
    rng = np.random.default_rng(2024)
    magnitudes = np.geomspace(1e-300, 1e308, 609)
    subnormal = np.array([5e-324, 1e-320, 1e-310, SMALLEST_NORMAL])
    return np.concatenate(
        [
            magnitudes,
            -magnitudes,
            subnormal,
            -subnormal,
            [0.0, HUGE, -HUGE],
            np.linspace(-40.0, 40.0, 1601),
            rng.uniform(-40.0, 40.0, 400),
            rng.uniform(-800.0, 800.0, 200),
        ]
    )


POINTS = sample_points()


def to_float64(value) -> float:
    """An mpmath number rounded to the nearest float64 (mpmath's float() can round twice in the
    subnormal range, so the neighbours are checked)."""
    nearest = float(value)
    if not math.isfinite(nearest):
        return nearest
    with np.errstate(over="ignore"):  # the neighbour of the largest float is inf
        neighbours = np.nextafter(nearest, [-np.inf, np.inf])
    for neighbour in neighbours:
        if abs(mp.mpf(float(neighbour)) - value) < abs(mp.mpf(nearest) - value):
            nearest = float(neighbour)
    return nearest


def references(function, points) -> tuple[np.ndarray, np.ndarray]:
    """Exact values rounded to float64, and condition numbers |Δf/f| / |Δx/x| at 200 bits."""
    step = mp.mpf(2) ** -100
    values, conditions = [], []
    with mp.workprec(200):
        for point in points:
            x = mp.mpf(float(point))
            value = mp.mpf(function(x))
            values.append(to_float64(value))
            if x == 0:  # an exact 0 input has no relative error to amplify
                conditions.append(0.0)
                continue
            moved = mp.mpf(function(x * (1 + step)))
            if value == 0:
                conditions.append(0.0 if moved == 0 else math.inf)
            else:
                conditions.append(float(abs((moved - value) / (step * value))))
    return np.array(values), np.array(conditions)


@functools.cache
def reference_table(case: str, kind: str) -> tuple[np.ndarray, np.ndarray]:
    value, derivative = REFERENCES[case]
    return references(value if kind == "value" else derivative, POINTS)


def ulp_error(got, ref) -> np.ndarray:
    """|got − ref| / spacing(ref); 0 where both agree (±inf and NaN too), inf where one is inf."""
    got, ref = np.asarray(got, dtype=np.float64), np.asarray(ref, dtype=np.float64)
    agree = (got == ref) | (np.isnan(got) & np.isnan(ref))
    with np.errstate(over="ignore", invalid="ignore"):  # inf − inf, or a difference past 1e308
        error = np.abs(got - ref) / np.spacing(np.abs(ref))
    return np.where(agree, 0.0, np.nan_to_num(error, nan=np.inf, posinf=np.inf))


def worst(error: np.ndarray, where: np.ndarray) -> tuple[float, float]:
    """The largest error among the selected points, and the x where it happened."""
    masked = np.where(where, error, -1.0)
    i = int(np.argmax(masked))
    return float(max(masked[i], 0.0)), float(POINTS[i])


def tier_a(candidate, case: str, kind: str) -> tuple[float, float]:
    """Worst ULP error where the function is well-conditioned (or, outside COND_LIMITED, over
    all normal-sized results)."""
    ref, condition = reference_table(case, kind)
    with np.errstate(all="ignore"):  # candidates in the meta-tests are naive on purpose
        got = candidate(POINTS)
    region = condition <= WELL_CONDITIONED
    if (case, kind) not in COND_LIMITED:
        region |= np.abs(ref) >= NORMAL_SIZE
    return worst(ulp_error(got, ref), region)


def tier_b(candidate, case: str, kind: str) -> tuple[float, float]:
    """Worst ratio of ULP error to the allowance 8 + 4·cond, over normal-sized results."""
    ref, condition = reference_table(case, kind)
    with np.errstate(all="ignore"):
        got = candidate(POINTS)
    return worst(ulp_error(got, ref) / (8.0 + 4.0 * condition), np.abs(ref) >= NORMAL_SIZE)


CASES = sorted(REFERENCES)


@pytest.mark.parametrize("case", CASES)
def test_values_are_within_4_ulp_where_well_conditioned(case):
    limit = GELU_VALUE_ULP if case == "gelu" else VALUE_ULP
    error, x = tier_a(_implementation(case, "value"), case, "value")
    assert error <= limit, f"{case}: {error:.0f} ULP at x = {x!r}"


@pytest.mark.parametrize("case", CASES)
def test_derivatives_are_within_8_ulp_where_well_conditioned(case):
    error, x = tier_a(_implementation(case, "derivative"), case, "derivative")
    assert error <= DERIVATIVE_ULP, f"{case}′: {error:.0f} ULP at x = {x!r}"


@pytest.mark.parametrize("kind", ["value", "derivative"])
@pytest.mark.parametrize("case", CASES)
def test_error_grows_no_faster_than_the_condition_number(case, kind):
    ratio, x = tier_b(_implementation(case, kind), case, kind)
    assert ratio <= 1.0, f"{case} {kind}: {ratio:.2g} × (8 + 4·cond) ULP at x = {x!r}"


@pytest.mark.parametrize(("case", "kind"), sorted(COND_LIMITED))
def test_the_well_conditioned_region_covers_most_points(case, kind):
    # Guards against a reference bug that marks everything ill-conditioned (and so tests nothing).
    _, condition = reference_table(case, kind)
    assert np.mean(condition <= WELL_CONDITIONED) > 0.5


UNDERFLOW_BAND = np.linspace(-745.1, -708.5, 367)  # σ(x) ≈ eˣ is subnormal here
UNDERFLOW_CASES = [  # (case, kind, points where the result underflows gradually)
    ("sigmoid", "value", UNDERFLOW_BAND),
    ("sigmoid", "derivative", UNDERFLOW_BAND),
    ("softplus", "value", UNDERFLOW_BAND),
    ("softplus", "derivative", UNDERFLOW_BAND),
    ("log_sigmoid", "value", -UNDERFLOW_BAND),
    ("log_sigmoid", "derivative", -UNDERFLOW_BAND),
    ("tanh", "derivative", UNDERFLOW_BAND / 2),
    ("elu", "derivative", UNDERFLOW_BAND),
]


@pytest.mark.parametrize(("case", "kind", "points"), UNDERFLOW_CASES)
def test_tails_stay_exact_through_gradual_underflow(case, kind, points):
    ref, _ = references(REFERENCES[case][kind == "derivative"], points)
    subnormal = np.abs(ref) < SMALLEST_NORMAL
    assert subnormal.sum() > 300  # the band really is the subnormal range
    got = _implementation(case, kind)(points)
    error = ulp_error(got, ref)
    assert error[subnormal].max() <= 2.0, points[np.argmax(error)]


# ----------------------------------------------------------------------------------------------
# The accuracy tests can fail: the classic naive formulas fail them.


def naive_sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def test_naive_sigmoid_overflows_and_fails_the_underflow_test():
    with pytest.warns(RuntimeWarning, match="overflow"):
        naive_sigmoid(np.array([-1000.0]))
    ref, _ = references(REFERENCES["sigmoid"][0], UNDERFLOW_BAND)
    with np.errstate(over="ignore"):
        got = naive_sigmoid(UNDERFLOW_BAND)
    assert ulp_error(got, ref).max() > 1e6


@pytest.mark.parametrize(
    ("case", "kind", "naive"),
    [
        ("sigmoid", "derivative", lambda x: naive_sigmoid(x) * (1 - naive_sigmoid(x))),
        ("tanh", "derivative", lambda x: 1 - np.tanh(x) ** 2),
        ("softplus", "value", lambda x: np.log(1 + np.exp(x))),
        ("log_sigmoid", "value", lambda x: np.log(naive_sigmoid(x))),
        ("elu", "value", lambda x: np.where(x > 0, x, np.exp(x) - 1)),
        ("gelu", "value", lambda x: 0.5 * x * (1 + scipy.special.erf(x / np.sqrt(2)))),
        (
            "gelu_tanh",
            "value",
            lambda x: 0.5 * x * (1 + np.tanh(0.7978845608 * (x + 0.044715 * x**3))),
        ),
        (
            "mish",
            "derivative",
            lambda x: (
                np.tanh(np.logaddexp(0, x))
                + x * (1 - np.tanh(np.logaddexp(0, x)) ** 2) * scipy.special.expit(x)
            ),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "naive",
)
def test_naive_formulas_fail_the_accuracy_tiers(case, kind, naive):
    well_conditioned, _ = tier_a(naive, case, kind)
    anywhere, _ = tier_b(naive, case, kind)
    assert well_conditioned > DERIVATIVE_ULP or anywhere > 1.0


# ----------------------------------------------------------------------------------------------
# Cross-checks against scipy.special and against finite differences.

COMPARABLE = np.concatenate([np.linspace(-700.0, 700.0, 2801), np.geomspace(1e-300, 700.0, 300)])


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (activations.sigmoid, scipy.special.expit),
        (activations.log_sigmoid, scipy.special.log_expit),
        (activations.softplus_derivative, scipy.special.expit),
        (activations.gelu, lambda x: x * scipy.special.ndtr(x)),
    ],
    ids=["expit", "log_expit", "softplus_derivative", "gelu_ndtr"],
)
def test_agrees_with_scipy(ours, theirs):
    x = np.concatenate([COMPARABLE, -COMPARABLE])
    expected = theirs(x)
    normal = np.abs(expected) >= SMALLEST_NORMAL
    # scipy is accurate to a few ULP too; 16 ULP (4e-15) leaves room for both.
    np.testing.assert_allclose(ours(x)[normal], expected[normal], rtol=4e-15, atol=0)


@pytest.mark.skipif(not hasattr(scipy.special, "softplus"), reason="scipy < 1.15 has no softplus")
def test_softplus_agrees_with_scipy():
    x = np.concatenate([COMPARABLE, -COMPARABLE])
    expected = scipy.special.softplus(x)
    normal = expected >= SMALLEST_NORMAL
    np.testing.assert_allclose(activations.softplus(x)[normal], expected[normal], rtol=4e-15)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_derivative_matches_centred_differences(name):
    act = ACTIVATIONS[name]
    x = np.linspace(-7.9, 7.9, 317)
    for kink in act.kinks:  # a difference straddling a kink averages the two slopes
        x = x[np.abs(x - kink) > 1e-3]
    result = check_gradient(act, x, act.grad)  # relative error ≈ 1e-10 expected; tol 1e-7
    assert result.passed, f"{name}: {result}"


def test_gelu_tanh_derivative_matches_centred_differences():
    x = np.linspace(-7.9, 7.9, 317)
    result = check_gradient(
        lambda v: activations.gelu(v, approximate="tanh"),
        x,
        lambda v: activations.gelu_derivative(v, approximate="tanh"),
    )
    assert result.passed, str(result)


def test_gelu_tanh_form_stays_close_to_the_exact_form():
    x = np.linspace(-6.0, 6.0, 1201)
    gap = np.abs(activations.gelu(x, approximate="tanh") - activations.gelu(x))
    assert 1e-4 < gap.max() < 1e-3  # the approximation's known error is about 5e-4


# ----------------------------------------------------------------------------------------------
# Kinks follow PyTorch, and exact values where the answer is known exactly.


def test_derivatives_at_kinks_follow_pytorch():
    d = activations
    assert d.relu_derivative(0.0) == 0.0
    assert d.leaky_relu_derivative(0.0, alpha=0.2) == 0.2
    assert np.array_equal(d.prelu_derivative([0.0, 0.0], [0.1, 0.3]), [0.1, 0.3])
    assert d.elu_derivative(0.0, alpha=1.5) == 1.5
    assert d.selu_derivative(0.0) == activations.SELU_LAMBDA * activations.SELU_ALPHA
    assert np.array_equal(d.relu6_derivative([0.0, 6.0]), [0.0, 0.0])
    assert np.array_equal(d.hard_sigmoid_derivative([-3.0, 3.0]), [0.0, 0.0])
    assert np.array_equal(d.hard_swish_derivative([-3.0, 3.0]), [0.0, 1.0])


def test_derivatives_just_inside_the_kinks():
    tiny = 5e-324
    assert activations.relu_derivative(tiny) == 1.0
    assert np.array_equal(activations.relu6_derivative([tiny, np.nextafter(6.0, 0)]), [1, 1])
    inside = [np.nextafter(-3.0, 0), np.nextafter(3.0, 0)]
    assert np.array_equal(activations.hard_sigmoid_derivative(inside), [1 / 6, 1 / 6])
    assert activations.hard_swish_derivative(-1.5) == 0.0  # the minimum of hard-swish


@pytest.mark.parametrize(
    ("function", "x", "expected"),
    [
        (activations.sigmoid, 0.0, 0.5),
        (activations.sigmoid_derivative, 0.0, 0.25),
        (activations.tanh_derivative, 0.0, 1.0),
        (activations.softplus, 0.0, math.log(2.0)),
        (activations.gelu_derivative, 0.0, 0.5),
        (activations.silu_derivative, 0.0, 0.5),
        (activations.mish_derivative, 0.0, 0.6),  # tanh(log 2) = 3/5
        (activations.relu6, 6.0, 6.0),
        (activations.hard_sigmoid, -3.0, 0.0),
        (activations.hard_sigmoid, 3.0, 1.0),
        (activations.hard_swish, -1.5, -0.375),
        (activations.hard_swish, 3.0, 3.0),
        (activations.selu, 1.0, activations.SELU_LAMBDA),
    ],
)
def test_exact_values(function, x, expected):
    assert function(x) == expected


# ----------------------------------------------------------------------------------------------
# Extremes: no RuntimeWarning anywhere (pytest turns warnings into errors), the right limits.

LIMITS = {  # name: (f(−inf), f(+inf), f′(−inf), f′(+inf)) with default parameters
    "sigmoid": (0, 1, 0, 0), "log_sigmoid": (-np.inf, 0, 1, 0), "tanh": (-1, 1, 0, 0),
    "relu": (0, np.inf, 0, 1), "leaky_relu": (-np.inf, np.inf, 0.01, 1),
    "prelu": (-np.inf, np.inf, 0.25, 1), "elu": (-1, np.inf, 0, 1),
    "selu": (-activations.SELU_LAMBDA * activations.SELU_ALPHA, np.inf, 0,
             activations.SELU_LAMBDA),
    "softplus": (0, np.inf, 0, 1), "gelu": (0, np.inf, 0, 1), "silu": (0, np.inf, 0, 1),
    "mish": (0, np.inf, 0, 1), "relu6": (0, 6, 0, 0), "hard_sigmoid": (0, 1, 0, 0),
    "hard_swish": (0, np.inf, 0, 1), "identity": (-np.inf, np.inf, 1, 1),
}  # fmt: skip
FLOAT_ERRORS_RAISE = {"over": "raise", "invalid": "raise", "divide": "raise"}
# Underflow is not an error: a tail rounding to a subnormal or to 0 is the correct answer.


def test_limits_cover_the_registry():
    assert set(LIMITS) == set(ACTIVATIONS)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_infinite_inputs_give_the_limits(name):
    act = ACTIVATIONS[name]
    with np.errstate(**FLOAT_ERRORS_RAISE):
        values, slopes = act([-np.inf, np.inf]), act.grad([-np.inf, np.inf])
    assert np.array_equal(np.concatenate([values, slopes]), LIMITS[name])


@pytest.mark.parametrize("approximate", ["none", "tanh"])
def test_gelu_limits_in_both_forms(approximate):
    with np.errstate(**FLOAT_ERRORS_RAISE):
        x = [-np.inf, -HUGE, HUGE, np.inf]
        assert np.array_equal(activations.gelu(x, approximate=approximate), [0, 0, HUGE, np.inf])
        assert np.array_equal(activations.gelu_derivative(x, approximate), [0, 0, 1, 1])


def test_values_at_plus_minus_1e308():
    with np.errstate(**FLOAT_ERRORS_RAISE):
        assert activations.sigmoid(1e308) == 1.0 and activations.sigmoid(-1e308) == 0.0
        assert activations.softplus(1e308) == 1e308 and activations.softplus(-1e308) == 0.0
        assert activations.log_sigmoid(-1e308) == -1e308
        gelu_low = activations.gelu(-1e308)
        assert gelu_low == 0.0 and math.copysign(1.0, gelu_low) == -1.0  # −0.0
        assert activations.mish(1e308) == 1e308 and activations.silu(1e308) == 1e308
        assert activations.selu(HUGE) == np.inf  # λ·max overflows: inf, correctly rounded
        assert activations.prelu(-HUGE, 2.0) == -np.inf


EXTREMES = np.array([-np.inf, -HUGE, -1e308, -1e300, -745.2, -1e-320, -0.0, 0.0, 5e-324, 1e-300,
                     745.2, 1e300, 1e308, HUGE, np.inf, np.nan])  # fmt: skip


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_huge_arrays_of_extremes_raise_no_floating_point_errors(name):
    act = ACTIVATIONS[name]
    x = np.resize(EXTREMES, 10**6)
    with np.errstate(**FLOAT_ERRORS_RAISE):
        for result in (act(x), act.grad(x), act(x, **_other_params(name))):
            assert result.shape == x.shape and result.dtype == np.float64
            assert np.array_equal(np.isnan(result), np.isnan(x))  # NaN in exactly where NaN out


def _other_params(name: str) -> dict:
    """Non-default parameters that take other code paths (α = 0, α > 1, the tanh form)."""
    return {"leaky_relu": {"alpha": 0.0}, "prelu": {"alpha": 3.0}, "elu": {"alpha": 2.5},
            "gelu": {"approximate": "tanh"}}.get(name, {})  # fmt: skip


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_nan_propagates(name):
    act = ACTIVATIONS[name]
    assert math.isnan(act(np.nan)) and math.isnan(act.grad(np.nan))
    assert math.isnan(act(np.nan, **_other_params(name)))
    assert math.isnan(act.grad(np.nan, **_other_params(name)))


# ----------------------------------------------------------------------------------------------
# Input handling: what a learner might pass in.


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_scalars_lists_and_arrays(name):
    act = ACTIVATIONS[name]
    grid = np.linspace(-4.0, 4.0, 24)
    expected = act(grid)
    assert np.array_equal(act(grid.tolist()), expected)
    assert np.array_equal(act(grid.reshape(2, 3, 4)), expected.reshape(2, 3, 4))  # elementwise
    assert np.array_equal(act(grid.astype(np.float32)), act(grid.astype(np.float32).astype(float)))
    for scalar in (2, 2.0, np.float32(2.0), np.array(2.0), True):
        for result in (act(scalar), act.grad(scalar)):
            assert isinstance(result, np.float64) and result.ndim == 0
    assert act(-3) == act(-3.0) and act.grad(-3) == act.grad(-3.0)
    assert act(np.arange(5)).dtype == np.float64
    assert act(np.empty((0, 3))).shape == (0, 3) and act.grad([]).shape == (0,)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_the_input_array_is_never_modified_or_returned(name):
    act = ACTIVATIONS[name]
    x = np.concatenate([np.linspace(-5.0, 5.0, 11), EXTREMES])
    before = x.copy()
    for result in (act(x), act.grad(x), act(x, **_other_params(name))):
        assert not np.shares_memory(result, x)
    np.testing.assert_array_equal(x, before)


BAD_INPUTS = [
    ("text", TypeError, "x must be numeric, got str"),
    (None, TypeError, "x must be numeric, got NoneType"),
    (["1", "2"], TypeError, "x must hold real numbers"),
    (np.array([1.0, None], dtype=object), TypeError, "x must hold real numbers"),
    (1 + 2j, TypeError, "x must hold real numbers"),
    ([[1.0, 2.0], [3.0]], ValueError, "x must be rectangular"),
]


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@pytest.mark.parametrize(("x", "error", "message"), BAD_INPUTS)
def test_bad_input_raises_an_error_naming_x(name, x, error, message):
    act = ACTIVATIONS[name]
    for function in (act, act.grad):
        with pytest.raises(error, match=re.escape(message)):
            function(x)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: activations.leaky_relu(1.0, alpha="0.1"), TypeError, "alpha must be numeric"),
        (lambda: activations.leaky_relu(1.0, alpha=np.nan), ValueError, "alpha must be finite"),
        (lambda: activations.leaky_relu(1.0, alpha=[0.1, 0.2]), ValueError, "a single number"),
        (lambda: activations.leaky_relu_derivative(1.0, alpha=None), TypeError, "alpha must"),
        (lambda: activations.elu(1.0, alpha=0.0), ValueError, "alpha must be positive"),
        (lambda: activations.elu_derivative(1.0, alpha=-1), ValueError, "alpha must be positive"),
        (
            lambda: activations.prelu([1.0, 2.0], [0.1, 0.2, 0.3]),
            ValueError,
            "alpha must broadcast",
        ),
        (lambda: activations.prelu(1.0, [0.1, 0.2]), ValueError, "alpha must broadcast"),
        (lambda: activations.prelu([1.0], np.inf), ValueError, "alpha must be finite"),
        (lambda: activations.prelu_derivative([1.0], "a"), TypeError, "alpha must be numeric"),
        (lambda: activations.gelu(1.0, approximate="fast"), ValueError, "approximate must be"),
        (lambda: activations.gelu_derivative(1.0, None), ValueError, "approximate must be"),
    ],
)
def test_bad_parameters_raise_errors_naming_them(call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()


# ----------------------------------------------------------------------------------------------
# Parameters: leaky ReLU's α, PReLU's per-channel α.


def test_leaky_relu_with_any_alpha():
    x = np.array([-np.inf, -2.0, -0.0, 0.0, 3.0, np.inf])
    assert np.array_equal(activations.leaky_relu(x, alpha=0.0), activations.relu(x))
    assert np.array_equal(activations.leaky_relu(x, alpha=0.5), [-np.inf, -1, 0, 0, 3, np.inf])
    assert np.array_equal(activations.leaky_relu(x, alpha=2.0), [-np.inf, -4, 0, 0, 3, np.inf])
    assert np.array_equal(activations.leaky_relu(x, alpha=-1.0), [np.inf, 2, 0, 0, 3, np.inf])
    assert np.array_equal(activations.leaky_relu_derivative(x, alpha=2.0), [2, 2, 2, 2, 1, 1])


def test_prelu_alpha_per_channel():
    x = np.array([[-1.0, -2.0, 3.0], [-4.0, 5.0, -6.0]])
    alpha = np.array([0.1, 0.0, 2.0])
    expected = np.array([[-0.1, 0.0, 3.0], [-0.4, 5.0, -12.0]])
    np.testing.assert_allclose(activations.prelu(x, alpha), expected, rtol=1e-15)
    slopes = activations.prelu_derivative(x, alpha)
    assert np.array_equal(slopes, [[0.1, 0.0, 1.0], [0.1, 1.0, 2.0]])
    per_row = activations.prelu(x, np.array([[0.1], [0.2]]))  # shape (2, 1): one α per row
    np.testing.assert_allclose(per_row, [[-0.1, -0.2, 3.0], [-0.8, 5.0, -1.2]], rtol=1e-15)


def test_prelu_with_a_scalar_alpha_is_leaky_relu():
    x = np.linspace(-5.0, 5.0, 41)
    for alpha in (0.0, 0.25, 1.0, 3.0, -0.5):
        assert np.array_equal(activations.prelu(x, alpha), activations.leaky_relu(x, alpha))
        assert np.array_equal(
            activations.prelu_derivative(x, alpha), activations.leaky_relu_derivative(x, alpha)
        )


def test_elu_and_selu_with_parameters():
    x = np.array([-2.0, 0.5])
    np.testing.assert_allclose(activations.elu(x, alpha=2.0), [2.0 * math.expm1(-2.0), 0.5])
    np.testing.assert_allclose(
        activations.selu(x), activations.SELU_LAMBDA * activations.elu(x, activations.SELU_ALPHA)
    )


# ----------------------------------------------------------------------------------------------
# The registry: facts a chapter prints must be true of the functions.

EXPECTED_NAMES = {"sigmoid", "log_sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "selu",
                  "softplus", "gelu", "silu", "mish", "relu6", "hard_sigmoid", "hard_swish",
                  "identity"}  # fmt: skip
SWEEP = np.concatenate([np.linspace(-60.0, 60.0, 120001), [-1e6, -1e3, 1e3, 1e6]])
SWEEP.sort()


def test_registry_holds_every_elementwise_activation():
    assert set(ACTIVATIONS) == EXPECTED_NAMES
    for name, act in ACTIVATIONS.items():
        assert act.name == name
        assert act.forward is getattr(activations, name)
        assert act.derivative is getattr(activations, f"{name}_derivative")
        assert name in activations.__all__ and f"{name}_derivative" in activations.__all__


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_registry_params_are_keyword_arguments_of_both_functions(name):
    act = ACTIVATIONS[name]
    for function in (act.forward, act.derivative):
        signature = inspect.signature(function)
        assert set(act.params) == set(list(signature.parameters)[1:])
        for key, value in act.params.items():
            default = signature.parameters[key].default
            assert default is inspect.Parameter.empty or default == value


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_output_range_holds_and_is_tight(name):
    act = ACTIVATIONS[name]
    low, high = act.output_range
    values = act(SWEEP)
    assert np.all((low <= values) & (values <= high))
    assert values.min() - low < 1e-3 if math.isfinite(low) else values.min() < -1e3
    assert high - values.max() < 1e-3 if math.isfinite(high) else values.max() > 1e3


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_zero_centred_means_zero_mean_output_for_standard_normal_input(name):
    act = ACTIVATIONS[name]
    # E f(z) for z ~ N(0, 1) by Gauss-Hermite quadrature (probabilists' weight e^{-z²/2}).
    nodes, weights = np.polynomial.hermite_e.hermegauss(120)
    mean_output = np.sum(weights * act(nodes)) / math.sqrt(2 * math.pi)
    assert act.zero_centred == (abs(mean_output) < 0.01), mean_output


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_smooth_means_the_derivative_has_no_jump(name):
    act = ACTIVATIONS[name]
    kinks = np.array([-3.0, 0.0, 3.0, 6.0])
    left, right = act.grad(kinks - 1e-9), act.grad(kinks + 1e-9)
    largest_jump = np.abs(right - left).max()
    assert act.smooth == (largest_jump < 1e-6), largest_jump


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_kinks_are_exactly_where_the_slope_jumps(name):
    act = ACTIVATIONS[name]
    grid = np.linspace(-8.0, 8.0, 1601)  # steps of 0.01: 0, ±3 and 6 are on it
    jumps = set()
    for params in ({}, _other_params(name)):  # ELU's slope jumps at 0 only when α ≠ 1
        left, right = act.grad(grid - 1e-9, **params), act.grad(grid + 1e-9, **params)
        jumps |= {round(float(x), 6) for x in grid[np.abs(right - left) > 1e-4]}
    assert sorted(jumps) == sorted(act.kinks)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_range_ends_are_attained_exactly_when_closed(name):
    act = ACTIVATIONS[name]
    values = act(np.linspace(-8.0, 8.0, 16001))
    for end, closed in zip(act.output_range, act.range_closed, strict=True):
        if not math.isfinite(end):
            assert not closed
            continue
        nearest = np.abs(values - end).min()
        assert (nearest < 1e-3) if closed else (nearest > 0), (end, closed, nearest)
    bracket = {True: "[]", False: "()"}
    assert act.interval[0] == bracket[act.range_closed[0]][0]
    assert act.interval[-1] == bracket[act.range_closed[1]][1]
    assert act.bounded == all(math.isfinite(end) for end in act.output_range)


def test_interval_is_written_with_brackets_and_infinity():
    assert activations.lookup("relu").interval == "[0, ∞)"
    assert activations.lookup("sigmoid").interval == "(0, 1)"
    assert activations.lookup("relu6").interval == "[0, 6]"
    assert activations.lookup("identity").interval == "(-∞, ∞)"


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_init_follows_its_reason(name):
    """ "he" exactly for the activations whose slope is ≈ 1 on one side and ≈ 0 on the other (what
    INIT_REASONS["he"] says), LeCun for SELU only, Glorot for the rest."""
    act = ACTIVATIONS[name]
    sides = sorted(abs(float(act.grad(x))) for x in (-3.0, 3.0))
    half_passing = sides[0] < 0.3 and abs(sides[1] - 1) < 0.1
    expected = "lecun" if name == "selu" else "he" if half_passing else "glorot"
    assert act.init == expected, sides
    assert act.init_reason == activations.INIT_REASONS[act.init]
    assert activations.initialisation_for(name) == act.init


def test_lookup_names_every_known_activation_when_the_name_is_unknown():
    assert activations.lookup("relu") is ACTIVATIONS["relu"]
    assert activations.lookup(ACTIVATIONS["tanh"]) is ACTIVATIONS["tanh"]
    with pytest.raises(ValueError, match="activation must be one of") as error:
        activations.lookup("reLU")
    assert all(name in str(error.value) for name in ACTIVATIONS) and "'reLU'" in str(error.value)
    with pytest.raises(TypeError, match="activation must be a name"):
        activations.lookup(3)


def test_old_name_of_the_registry_entry_still_works_and_says_so():
    with pytest.warns(DeprecationWarning, match="ActivationFunction"):
        assert activations.Activation is activations.ActivationFunction


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_monotonic_means_never_decreasing(name):
    act = ACTIVATIONS[name]
    assert act.monotonic == bool(np.all(np.diff(act(SWEEP)) >= 0))


def test_activation_call_and_grad_use_and_override_params():
    leaky = ACTIVATIONS["leaky_relu"]
    assert leaky(-1.0) == -0.01 and leaky(-1.0, alpha=0.2) == -0.2
    assert leaky.grad(-1.0) == 0.01 and leaky.grad(-1.0, alpha=0.2) == 0.2
    gelu = ACTIVATIONS["gelu"]
    assert gelu(1.0, approximate="tanh") == activations.gelu(1.0, approximate="tanh")
    with pytest.raises(FrozenInstanceError):
        leaky.name = "other"  # type: ignore[misc]
    assert len({hash(act) for act in ACTIVATIONS.values()}) == len(ACTIVATIONS)


def test_every_activation_has_a_distinct_colour():
    required = EXPECTED_NAMES | {"softmax", "maxout"}
    assert required <= set(COLOURS)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", colour) for colour in COLOURS.values())
    assert len(set(COLOURS.values())) == len(COLOURS)
    for name, act in ACTIVATIONS.items():
        assert act.colour == COLOURS[name]


def test_labels_line_styles_and_formulas_render():
    labels = [act.label for act in ACTIVATIONS.values()]
    assert all(labels) and len(set(labels)) == len(labels)
    parser = MathTextParser("path")
    for act in ACTIVATIONS.values():
        assert act.linestyle in Line2D.lineStyles
        parser.parse(f"${act.formula}$")  # raises ValueError if mathtext cannot draw it


def test_softmax_family_is_re_exported():
    from helpers import softmax as module

    for name in ("softmax", "log_softmax", "softmax_jacobian"):
        assert getattr(activations, name) is getattr(module, name)
