"""Slider explorers: move a control, see the figure redrawn.

``Explorer`` joins ipywidgets controls to a pure plot function ``draw(**values) -> Figure``.
The figure is drawn into an ``Output`` of fixed height, so the page does not jump while it is
replaced, and each figure is closed once displayed, so pyplot does not collect (and the inline
backend does not show again) one figure per slider move. In a notebook::

    explorer = Explorer(lambda alpha: plot_activation("leaky_relu", params={"alpha": alpha}),
                        alpha=float_slider("α", 0.0, 0.5, 0.01, 0.01))
    display(explorer.widget)

Sliders redraw when released (``continuous_update=False``): each redraw takes a moment, and
redrawing on every pixel of a drag would queue dozens. Set ``explorer.controls[name]
.continuous_update = True`` for a fast plot.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import clear_output, display
from matplotlib.figure import Figure

__all__ = ["Explorer", "float_slider", "int_slider"]

_LAYOUT = {"width": "420px"}
_STYLE = {"description_width": "initial"}


class Explorer:
    """An interactive figure: ``draw(**values)`` redrawn whenever one of ``controls`` changes.

    ``controls`` are ipywidgets value widgets (sliders, dropdowns, ...) named after the
    arguments of ``draw``. ``.widget`` is the box to display, ``.controls`` the widgets by name,
    ``.figure`` the last Figure drawn, and ``.redraw(**values)`` sets controls and redraws at
    once — this is how the explorer is tested without a browser.
    """

    def __init__(self, draw: Callable[..., Figure], *, height: str = "380px", **controls: Any):
        if not callable(draw):
            raise TypeError(f"draw must be callable, got {type(draw).__name__}")
        if not isinstance(height, str):
            raise TypeError(f"height must be a CSS length such as '380px', got {height!r}")
        for name, control in controls.items():
            if not isinstance(control, widgets.ValueWidget):
                raise TypeError(
                    f"control {name!r} must be an ipywidgets value widget, "
                    f"got {type(control).__name__}"
                )
            if hasattr(control, "continuous_update"):
                control.continuous_update = False
        self._draw = draw
        self._muted = False
        self.controls: dict[str, widgets.ValueWidget] = dict(controls)
        self.figure: Figure | None = None
        # interactive_output draws once now and again on every change; its Output gets a fixed
        # height so the replaced figure does not make the notebook jump.
        self.output = widgets.interactive_output(self._on_change, self.controls)
        self.output.layout.height = height
        self.widget = widgets.VBox([*self.controls.values(), self.output])

    @property
    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, **values: Any) -> None:
        # Runs inside the Output, so in a notebook an error in draw is shown where the plot was.
        if not self._muted:  # redraw() sets several controls, then draws once itself
            display(self._render(values))
            plt.close(self.figure)  # shown as an image already; keep pyplot from showing it again

    def _render(self, values: dict[str, Any]) -> Figure:
        before = set(plt.get_fignums())
        try:
            figure = self._draw(**values)
            if not isinstance(figure, Figure):
                raise TypeError(
                    f"draw must return a matplotlib Figure, got {type(figure).__name__}"
                )
        except BaseException:
            for number in set(plt.get_fignums()) - before:
                plt.close(number)  # no half-drawn figures left behind in pyplot
            raise
        self.figure = figure
        return figure

    def redraw(self, **values: Any) -> Figure:
        """Set the named controls to ``values``, redraw once, and return the new Figure."""
        if unknown := set(values) - set(self.controls):
            raise ValueError(
                f"values has unknown names {sorted(unknown)}; known: {list(self.controls)}"
            )
        for name, value in values.items():
            control = self.controls[name]
            low, high = getattr(control, "min", None), getattr(control, "max", None)
            if isinstance(control, widgets.FloatLogSlider):  # min and max are exponents there
                low, high = control.base**low, control.base**high
            if low is not None and not (isinstance(value, int | float) and low <= value <= high):
                # A slider would silently clamp the value; the caller should know.
                raise ValueError(f"{name} must be a number in [{low}, {high}], got {value!r}")
        self._muted = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._muted = False
        # Draw outside the Output: there, an error would be printed and swallowed.
        figure = self._render(self.values)
        with self.output:
            clear_output(wait=True)
            display(figure)
        plt.close(figure)
        return figure

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # Lets a bare `explorer` at the end of a cell show the controls and the figure.
        return self.widget._repr_mimebundle_(**kwargs)


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
