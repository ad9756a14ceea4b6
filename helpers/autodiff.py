"""A scalar that remembers how it was made, so gradients can flow back through it (autodiff).

Every operation on ``Value`` objects returns a new ``Value`` that records its inputs
(``_children``), the operation (``_op``) and the operation's *local* derivatives
(``_local_grads``: ∂out/∂child for each child, known the moment ``out`` is computed).
``backward()`` on the final result then applies the chain rule at every node, outputs first:

    child.grad += (∂out/∂child) · out.grad          local derivative × upstream gradient

The ``+=`` is "sharing the blame": a value used twice (``a * a``, or a weight feeding two
units) collects gradient from every use. Visiting nodes in reverse topological order
guarantees that ``out.grad`` is complete before it is passed on.
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any

__all__ = ["Value", "trace"]


class Value:
    """A float ``data`` and, after ``root.backward()``, ``grad`` = ∂root/∂(this value)."""

    def __init__(
        self,
        data: float,
        _children: tuple[Value, ...] = (),
        _op: str = "",
        label: str = "",
        _local_grads: tuple[float, ...] = (),
    ) -> None:
        if isinstance(data, bool) or not isinstance(data, Real):
            raise TypeError(f"data must be a real number, got {type(data).__name__}")
        self.data = float(data)
        self.grad = 0.0
        self._children = tuple(_children)
        self._op = _op
        self.label = label
        self._local_grads = tuple(_local_grads)

    def __repr__(self) -> str:
        name = f"{self.label}: " if self.label else ""
        return f"Value({name}data={self.data:.4g}, grad={self.grad:.4g})"

    # --- operations: the result, and ∂result/∂input for each input -----------------------------

    def __add__(self, other: Any) -> Value:
        other = _lift(other)
        return Value(self.data + other.data, (self, other), "+", _local_grads=(1.0, 1.0))

    def __sub__(self, other: Any) -> Value:
        other = _lift(other)
        return Value(self.data - other.data, (self, other), "-", _local_grads=(1.0, -1.0))

    def __mul__(self, other: Any) -> Value:
        other = _lift(other)  # ∂(ab)/∂a = b and ∂(ab)/∂b = a: each gets the *other* factor
        return Value(
            self.data * other.data, (self, other), "*", _local_grads=(other.data, self.data)
        )

    def __truediv__(self, other: Any) -> Value:
        other = _lift(other)
        if other.data == 0:
            raise ZeroDivisionError(f"other must not be 0 in a / other, got {other!r}")
        a, b = self.data, other.data  # ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b²
        return Value(a / b, (self, other), "/", _local_grads=(1.0 / b, -a / b**2))

    def __pow__(self, exponent: float) -> Value:
        if isinstance(exponent, bool) or not isinstance(exponent, Real):
            raise TypeError(f"exponent must be a real number, got {type(exponent).__name__}")
        a, n = self.data, float(exponent)
        if a < 0 and not n.is_integer():
            raise ValueError(f"exponent must be an integer for a negative base ({a}), got {n:g}")
        if a == 0 and n < 1 and n != 0:
            raise ValueError(f"exponent must be >= 1 at 0 (the slope is infinite), got {n:g}")
        slope = n * a ** (n - 1) if n != 0 else 0.0  # ∂(aⁿ)/∂a = n·aⁿ⁻¹
        return Value(a**n, (self,), f"**{n:g}", _local_grads=(slope,))

    def __neg__(self) -> Value:
        return Value(-self.data, (self,), "neg", _local_grads=(-1.0,))

    # 2 + v, 2 - v, 2 * v, 2 / v: Python asks the Value once the number gives up.
    def __radd__(self, other: Any) -> Value:
        return _lift(other) + self

    def __rsub__(self, other: Any) -> Value:
        return _lift(other) - self

    def __rmul__(self, other: Any) -> Value:
        return _lift(other) * self

    def __rtruediv__(self, other: Any) -> Value:
        return _lift(other) / self

    def exp(self) -> Value:
        """∂eᵃ/∂a = eᵃ: the output is its own derivative."""
        try:
            out = math.exp(self.data)
        except OverflowError:
            raise OverflowError(f"exp overflows float64 for data = {self.data}") from None
        return Value(out, (self,), "exp", _local_grads=(out,))

    def log(self) -> Value:
        """∂ln a/∂a = 1/a."""
        if self.data <= 0:
            raise ValueError(f"log needs data > 0, got {self.data}")
        return Value(math.log(self.data), (self,), "log", _local_grads=(1.0 / self.data,))

    def tanh(self) -> Value:
        """∂tanh a/∂a = 1 − tanh² a, computed as 4σ(2a)σ(−2a): the same number, but 1 − t·t
        rounds to 0 once t rounds to ±1 (|a| > 19), while the product stays exact in the tails."""
        slope = 4.0 * _sigmoid(2.0 * self.data) * _sigmoid(-2.0 * self.data)
        return Value(math.tanh(self.data), (self,), "tanh", _local_grads=(slope,))

    def sigmoid(self) -> Value:
        """σ(a) = 1/(1 + e⁻ᵃ); ∂σ/∂a = σ(a)·σ(−a), the same as σ(1 − σ) but exact in the tails."""
        s = _sigmoid(self.data)
        return Value(s, (self,), "sigmoid", _local_grads=(s * _sigmoid(-self.data),))

    def relu(self) -> Value:
        """max(0, a); slope 1 for a > 0, else 0 (0 at the kink, as in PyTorch)."""
        slope = 1.0 if self.data > 0 else 0.0
        return Value(max(0.0, self.data), (self,), "relu", _local_grads=(slope,))

    def backward(self) -> None:
        """Set ``grad`` of every node in this value's graph to ∂self/∂node.

        Grads are reset first, so calling it twice gives the same answer (PyTorch instead adds
        to ``.grad`` until you zero it)."""
        order = _topological_order(self)
        for node in order:
            node.grad = 0.0
        self.grad = 1.0  # ∂self/∂self
        for node in reversed(order):  # outputs first: node.grad is final when we reach it
            for child, local_grad in zip(node._children, node._local_grads, strict=True):
                child.grad += local_grad * node.grad


def _lift(other: Any) -> Value:
    if isinstance(other, Value):
        return other
    if isinstance(other, Real) and not isinstance(other, bool):
        return Value(other)
    raise TypeError(f"other must be a number or a Value, got {type(other).__name__}")


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)  # x < 0, so this cannot overflow
    return e / (1.0 + e)


def _topological_order(root: Value) -> list[Value]:
    """Every node after all of its children (inputs first, ``root`` last). Iterative, so a long
    chain does not hit Python's recursion limit."""
    order: list[Value] = []
    seen: set[int] = set()
    stack: list[tuple[Value, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if children_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in node._children)
    return order


def trace(root: Value) -> tuple[list[Value], list[tuple[Value, Value]]]:
    """The graph behind ``root``: its nodes (inputs first, ``root`` last) and its edges
    (child, parent), one per use — ``a * a`` has two edges from ``a`` — for drawing."""
    if not isinstance(root, Value):
        raise TypeError(f"root must be a Value, got {type(root).__name__}")
    nodes = _topological_order(root)
    return nodes, [(child, node) for node in nodes for child in node._children]
