"""A chapter's measured claims, stated next to the numbers behind them, and checked.

A sentence such as "the gradient shrinks about 1,600× over 6 layers" is only as good as the run
that measured it. A chapter states it through :func:`claim`, right after the computation::

    claim("depth buys nothing: the 3-layer linear net ends at {ratio:.3f}× the least-squares floor",
          holds=abs(ratio - 1) < 1e-3, ratio=ratio)

When the claim holds, it is printed with its numbers (``✓ depth buys nothing: ... 1.000× ...``);
when it does not, :class:`ClaimError` is raised with the claim and every measured number, so a
change to ``helpers`` or to the chapter that makes the prose and the data disagree stops the
notebook (and its test) instead of leaving a false sentence behind.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["ClaimError", "claim", "within"]


class ClaimError(AssertionError):
    """A chapter's claim that its own measurement does not support."""


def claim(statement: str, holds: bool, **measured: Any) -> None:
    """Print ``statement`` (formatted with ``measured``) with a ✓ when ``holds``; else raise.

    ``holds`` is the condition the statement asserts, written with the same numbers, so the two
    cannot drift apart silently. Returns None, so a claim that ends a cell prints once.
    """
    if not isinstance(holds, (bool, np.bool_)):
        raise TypeError(f"holds must be a truth value, got {type(holds).__name__}: {holds!r:.60}")
    try:
        text = statement.format(**measured)
    except (KeyError, IndexError, ValueError) as error:
        raise ValueError(f"the statement {statement!r} cannot be filled in: {error}") from None
    if not holds:
        numbers = ", ".join(f"{name} = {value!r}" for name, value in measured.items())
        raise ClaimError(f"the claim does not hold: {text} (measured: {numbers or 'nothing'})")
    print(f"✓ {text}")


def within(value: float, low: float, high: float) -> bool:
    """``low <= value <= high``, for claims about a range ("between 1.3× and 2.3×")."""
    if low > high:
        raise ValueError(f"low must not exceed high, got low = {low!r}, high = {high!r}")
    return bool(low <= value <= high)
