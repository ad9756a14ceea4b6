"""Tests for helpers.autodiff (scalar reverse-mode autodiff) and helpers.graph_plot.

Every operation's gradient is checked twice: against a value derived by hand, and against a
centred finite difference (relative error < 1e-7 in float64, away from ReLU's kink)."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported: tests never open a window

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from helpers.autodiff import Value, trace
from helpers.gradcheck import check_gradient
from helpers.graph_plot import draw_graph


def gradient_of(build, point: np.ndarray) -> np.ndarray:
    """∂build/∂input at ``point`` by backpropagation through Values."""
    inputs = [Value(float(v)) for v in point]
    build(*inputs).backward()
    return np.array([v.grad for v in inputs])


def value_of(build, point: np.ndarray) -> float:
    return build(*[Value(float(v)) for v in point]).data


EXPRESSIONS = {
    "add": (lambda a, b: a + b, [1.5, -2.0]),
    "sub": (lambda a, b: a - b, [1.5, -2.0]),
    "mul": (lambda a, b: a * b, [1.5, -2.0]),
    "div": (lambda a, b: a / b, [1.5, -2.0]),
    "pow": (lambda a: a**3, [-1.3]),
    "pow_fraction": (lambda a: a**0.5, [2.0]),
    "pow_negative": (lambda a: a**-2, [0.7]),
    "neg": (lambda a: -a, [0.4]),
    "radd": (lambda a: 2 + a, [0.4]),
    "rsub": (lambda a: 2 - a, [0.4]),
    "rmul": (lambda a: 3 * a, [0.4]),
    "rdiv": (lambda a: 2 / a, [0.4]),
    "exp": (lambda a: a.exp(), [0.9]),
    "log": (lambda a: a.log(), [0.9]),
    "tanh": (lambda a: a.tanh(), [0.9]),
    "sigmoid": (lambda a: a.sigmoid(), [-1.2]),
    "relu_positive": (lambda a: a.relu(), [0.8]),
    "relu_negative": (lambda a: a.relu(), [-0.8]),
    "neuron": (lambda x, w, b: (x * w + b).tanh(), [0.5, -1.5, 0.3]),
    "shared": (lambda a, b: a * a + a * b + (a / b).exp() - b.log(), [1.1, 2.3]),
    "softplus": (lambda a: (1 + a.exp()).log(), [-0.6]),
}


@pytest.mark.parametrize("name", sorted(EXPRESSIONS))
def test_backward_matches_the_numerical_gradient(name):
    build, point = EXPRESSIONS[name]
    point = np.array(point)
    result = check_gradient(lambda p: value_of(build, p), point, gradient_of(build, point))
    assert result.passed, f"{name}: {result}"


@pytest.mark.parametrize(
    ("build", "x", "expected_value", "expected_grad"),
    [
        (lambda a: a * a * a, 2.0, 8.0, 12.0),  # 3a²
        (lambda a: a / (a + 1), 1.0, 0.5, 0.25),  # 1/(a+1)²
        (lambda a: a.exp(), 0.0, 1.0, 1.0),
        (lambda a: a.log(), 4.0, math.log(4.0), 0.25),
        (lambda a: a.tanh(), 0.0, 0.0, 1.0),
        (lambda a: a.sigmoid(), 0.0, 0.5, 0.25),
        (lambda a: a.relu(), 0.0, 0.0, 0.0),  # the kink: slope 0, as in PyTorch
        (lambda a: a.relu(), 3.0, 3.0, 1.0),
        (lambda a: a**0, 5.0, 1.0, 0.0),
        (lambda a: 1 - a, 5.0, -4.0, -1.0),
        (lambda a: 6 / a, 2.0, 3.0, -1.5),  # −6/a²
    ],
)
def test_values_and_gradients_derived_by_hand(build, x, expected_value, expected_grad):
    a = Value(x)
    out = build(a)
    out.backward()
    assert out.data == pytest.approx(expected_value, rel=1e-15, abs=1e-300)
    assert a.grad == pytest.approx(expected_grad, rel=1e-15, abs=1e-300)


def test_the_classic_neuron_example():
    # o = tanh(x1·w1 + x2·w2 + b) with b chosen so that n = 0.8814 and o = 1/√2.
    x1, x2, w1, w2 = Value(2.0), Value(0.0), Value(-3.0), Value(1.0)
    b = Value(6.8813735870195432)
    o = (x1 * w1 + x2 * w2 + b).tanh()
    o.backward()
    assert o.data == pytest.approx(math.sqrt(0.5), rel=1e-12)
    # do/dn = 1 − o² = 0.5; then each weight gets its input, each input its weight.
    assert [x1.grad, w1.grad, x2.grad, w2.grad, b.grad] == pytest.approx(
        [-1.5, 1.0, 0.5, 0.0, 0.5], rel=1e-12
    )


def test_a_value_used_twice_collects_both_gradients():
    a = Value(3.0)
    b = a + a  # ∂b/∂a = 2, not 1: the gradient from both uses is added
    b.backward()
    assert a.grad == 2.0
    c = a * a  # 2a
    c.backward()
    assert a.grad == 6.0


def test_backward_twice_gives_the_same_gradients():
    a, b = Value(2.0), Value(-1.0)
    out = (a * b).exp() + a
    out.backward()
    first = (a.grad, b.grad)
    out.backward()
    assert (a.grad, b.grad) == first
    assert out.grad == 1.0


def test_sigmoid_derivative_keeps_its_tails():
    a = Value(40.0)
    a.sigmoid().backward()
    assert a.grad == pytest.approx(math.exp(-40.0), rel=1e-12)  # σ(1 − σ) would give 0
    b = Value(-800.0)
    out = b.sigmoid()
    out.backward()
    assert out.data == 0.0 and b.grad == 0.0  # no OverflowError from exp(800)


@pytest.mark.parametrize("x", [-30.0, -20.0, 20.0, 30.0, 350.0])
def test_tanh_derivative_keeps_its_tails(x):
    # sech²(x) = 4/(eˣ + e⁻ˣ)² = 4e^(−2|x|)/(1 + e^(−2|x|))²; 1 − tanh² is exactly 0 here.
    a = Value(x)
    a.tanh().backward()
    e = math.exp(-2 * abs(x))
    assert 1.0 - math.tanh(x) ** 2 == 0.0
    assert a.grad == pytest.approx(4 * e / (1 + e) ** 2, rel=1e-14, abs=0.0)
    assert a.grad > 0  # e^(−700) ≈ 1e-304 is still a normal float64


def test_tanh_derivative_agrees_with_one_minus_tanh_squared_near_zero():
    for x in np.linspace(-3, 3, 13):
        a = Value(float(x))
        a.tanh().backward()
        assert a.grad == pytest.approx(1 - math.tanh(x) ** 2, rel=1e-13)


def test_a_long_chain_does_not_hit_the_recursion_limit():
    x = Value(1.0)
    total = x
    for _ in range(5000):
        total = total + x
    total.backward()
    assert total.data == 5001.0
    assert x.grad == 5001.0


def test_trace_lists_nodes_inputs_first_and_one_edge_per_use():
    a, b = Value(2.0, label="a"), Value(3.0, label="b")
    c = a * b
    d = c + a
    nodes, edges = trace(d)
    assert nodes[-1] is d
    position = {id(node): i for i, node in enumerate(nodes)}
    for child, parent in edges:
        assert position[id(child)] < position[id(parent)]
    assert len(nodes) == 4
    assert {(child.label, parent._op) for child, parent in edges} == {
        ("a", "*"),
        ("b", "*"),
        ("", "+"),
        ("a", "+"),
    }
    square = a * a
    assert len(trace(square)[1]) == 2


@pytest.mark.parametrize(
    ("action", "error", "message"),
    [
        (lambda: Value("2"), TypeError, "data must be a real number"),
        (lambda: Value(True), TypeError, "data must be a real number"),
        (lambda: Value(1.0) + "a", TypeError, "other must be a number or a Value"),
        (lambda: "a" - Value(1.0), TypeError, "other must be a number or a Value"),
        (lambda: Value(1.0) / 0, ZeroDivisionError, "other must not be 0"),
        (lambda: Value(1.0) ** Value(2.0), TypeError, "exponent must be a real number"),
        (lambda: Value(-8.0) ** 0.5, ValueError, "exponent must be an integer"),
        (lambda: Value(0.0) ** 0.5, ValueError, "exponent must be >= 1"),
        (lambda: Value(0.0).log(), ValueError, "log needs data > 0"),
        (lambda: Value(1000.0).exp(), OverflowError, "exp overflows"),
        (lambda: trace(3.0), TypeError, "root must be a Value"),
    ],
)
def test_bad_inputs_raise_errors_that_say_what_is_wrong(action, error, message):
    with pytest.raises(error, match=message):
        action()


def test_repr_shows_label_data_and_grad():
    assert repr(Value(0.5, label="w")) == "Value(w: data=0.5, grad=0)"


def test_draw_graph_shows_every_value_and_operation():
    x, w = Value(2.0, label="x"), Value(-3.0, label="w")
    y = (x * w).tanh()
    y.label = "y"
    y.backward()
    figure = draw_graph(y)
    assert isinstance(figure, Figure)
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert sum("data" in t for t in texts) == 4  # x, w, x·w, y
    assert {"*", "tanh"} <= set(texts)  # one circle per operation
    assert any(t.startswith("x\ndata 2\ngrad") for t in texts)
    assert any(f"grad {x.grad:.4g}" in t for t in texts)
    arrows = [c for c in figure.axes[0].get_children() if type(c).__name__ == "Annotation"]
    assert len(arrows) == 3 + 2  # x, w -> *, x·w -> tanh, plus op circle -> value twice
    figure.canvas.draw()  # arrows anchored to text boxes must render
    plt.close(figure)


def test_draw_graph_uses_a_given_axes_and_rejects_non_values():
    figure, ax = plt.subplots()
    assert draw_graph(Value(1.0) + 2, ax=ax) is figure
    with pytest.raises(TypeError, match="root must be a Value"):
        draw_graph(1.0)
    with pytest.raises(TypeError, match="ax must be"):
        draw_graph(Value(1.0), ax="left")
    plt.close(figure)
