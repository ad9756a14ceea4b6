"""Slider factories with the course defaults, and the "other value" a test moves a control to.

Every explorer's sliders redraw when released (``continuous_update=False``), have a readable width,
and show as many decimals as their step has. Bad ranges fail here, with the bad number named,
rather than as a slider that silently clamps.
"""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets

__all__ = ["float_slider", "int_slider", "other_value", "other_values"]

_LAYOUT = {"width": "420px"}
_STYLE = {"description_width": "initial"}


def other_values(control: widgets.ValueWidget, limit: int = 3) -> list[Any]:
    """Up to ``limit`` valid values of ``control`` other than its current one, as a learner
    might pick them: the other options in order, or 80 %, 20 % and 50 % of a slider's range
    (on its step; for a log slider, of its exponent range)."""
    if hasattr(control, "options"):
        values = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in control.options]
        return [v for v in values if v != control.value][:limit]
    if isinstance(control.value, bool):
        return [not control.value][:limit]
    low, high, step = (getattr(control, k, None) for k in ("min", "max", "step"))
    if low is None or high is None or step is None:
        return []
    picks: list[Any] = []
    for fraction in (0.8, 0.2, 0.5):
        exponent = low + round(fraction * (high - low) / step) * step
        value = control.base**exponent if hasattr(control, "base") else exponent
        value = int(value) if isinstance(control.value, int) else float(value)
        if value != control.value and value not in picks:
            picks.append(value)
    return picks[:limit]


def other_value(control: widgets.ValueWidget) -> Any:
    """One valid value of ``control`` other than its current one (the first of
    ``other_values``), or None when there is none."""
    values = other_values(control, limit=1)
    return values[0] if values else None


def _check_range(low: float, high: float, step: float, value: float) -> None:
    for name, number in (("min", low), ("max", high), ("step", step), ("value", value)):
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise TypeError(f"{name} must be a number, got {type(number).__name__}")
    if not low < high:
        raise ValueError(f"min must be less than max, got min={low}, max={high}")
    if not step > 0:
        raise ValueError(f"step must be positive, got {step}")
    if not low <= value <= high:
        raise ValueError(f"value must lie in [min, max] = [{low}, {high}], got {value}")


def float_slider(
    description: str, min: float, max: float, step: float, value: float, **options: Any
) -> widgets.FloatSlider:
    """A FloatSlider with the course defaults: redraw on release, a readable width, and as many
    decimals in the readout as ``step`` has (0.05 shows 0.05, not 0.1). ``options`` override."""
    _check_range(min, max, step, value)
    decimals = _decimals(step)
    settings = {
        "continuous_update": False,
        "readout_format": f".{decimals}f",
        "layout": _LAYOUT,
        "style": _STYLE,
    }
    return widgets.FloatSlider(
        description=description, min=min, max=max, step=step, value=value, **{**settings, **options}
    )


def int_slider(
    description: str, min: int, max: int, step: int = 1, value: int | None = None, **options: Any
) -> widgets.IntSlider:
    """An IntSlider with the course defaults (redraw on release, readable width); ``value``
    defaults to ``min``. ``options`` override the defaults."""
    value = min if value is None else value
    _check_range(min, max, step, value)
    for name, number in (("min", min), ("max", max), ("step", step), ("value", value)):
        if not isinstance(number, int):
            raise TypeError(f"{name} must be an int, got {type(number).__name__}")
    settings = {"continuous_update": False, "layout": _LAYOUT, "style": _STYLE}
    return widgets.IntSlider(
        description=description, min=min, max=max, step=step, value=value, **{**settings, **options}
    )


def _decimals(step: float) -> int:
    """Decimals needed to show multiples of ``step`` (0.25 → 2, 0.1 → 1, 5 → 0), at most 6."""
    for decimals in range(7):
        if math.isclose(round(step, decimals), step, rel_tol=1e-9, abs_tol=0):
            return decimals
    return 6
