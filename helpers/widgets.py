"""Slider explorers: move a control, see the figure redrawn.

``Explorer`` joins ipywidgets controls to a plot function. The picture is rendered to a PNG by
the explorer itself and shown in an ``Output`` of fixed height, so the page does not jump while it
is replaced. Two ways to write the plot function:

* ``Explorer(draw, **controls)``: ``draw(**values)`` returns a new ``Figure`` on every change.
  Simple, and fast enough for one small panel::

    explorer = Explorer(lambda alpha: plot_activation("leaky_relu", params={"alpha": alpha}),
                        alpha=float_slider("α", 0.0, 0.5, 0.01, 0.01))
    display(explorer.widget)

* ``Explorer(update, setup=make_figure, **controls)``: ``setup()`` builds the figure once (axes,
  labels, fixed limits) and ``update(figure, **values)`` changes it in place: ``clear_plotted``
  and plot again, or ``set_data``, ``set_text``, ... Matplotlib spends most of a redraw creating
  axes, ticks and text and laying them out; an update reuses all of that, and the layout is
  computed once, on the first draw. Chapter 11's two-panel explorer, on a 2-core machine:
  298 ms per redraw drawn afresh, 90 ms updated in place. Use it beyond one simple panel. As
  the layout stays, fixed axis limits (which also keep the axes still as a slider moves) are
  the rule.

Sliders redraw when released (``continuous_update=False``): redrawing on every pixel of a drag
would queue dozens of redraws.

``explorer.redraw(**values)`` sets controls and redraws at once (tests use it), and
``explorer.verify()`` proves the picture is a function of the controls alone: each control, moved
to another value, changes the picture, and moved back, restores it pixel for pixel (an update that
forgets to remove an artist or reset a limit fails this). With the environment variable
``HELPERS_VERIFY_EXPLORERS=1`` (the test suite sets it) every explorer verifies itself when made.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import Image, clear_output, display
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.sliders import float_slider, int_slider, other_value

__all__ = ["Explorer", "clear_plotted", "float_slider", "int_slider"]
VERIFY_VARIABLE = "HELPERS_VERIFY_EXPLORERS"


class Explorer:
    """An interactive figure, redrawn whenever one of ``controls`` changes.

    ``controls`` are ipywidgets value widgets (sliders, dropdowns, ...) named after the keyword
    arguments of ``draw``. Without ``setup``, ``draw(**values)`` returns a new Figure each time;
    with ``setup``, ``setup()`` returns the one Figure and ``draw(figure, **values)`` updates it.
    ``height`` is the output's fixed CSS height, by default the first figure's plus 20 px.
    ``.widget`` is the box to display, ``.controls`` the widgets by name, ``.figure`` the last
    Figure drawn, ``.redraw(**values)`` sets controls and redraws at once, ``.verify()`` checks
    that the picture depends on the controls and on nothing else.
    """

    def __init__(
        self,
        draw: Callable[..., Figure | None],
        *,
        setup: Callable[[], Figure] | None = None,
        height: str | None = None,
        **controls: Any,
    ):
        if not callable(draw):
            raise TypeError(f"draw must be callable, got {type(draw).__name__}")
        if setup is not None and not callable(setup):
            raise TypeError(f"setup must be callable or None, got {type(setup).__name__}")
        if height is not None and not isinstance(height, str):
            raise TypeError(f"height must be a CSS length such as '380px', got {height!r}")
        for name, control in controls.items():
            if not isinstance(control, widgets.ValueWidget):
                raise TypeError(
                    f"control {name!r} must be an ipywidgets value widget, "
                    f"got {type(control).__name__}"
                )
            if hasattr(control, "continuous_update"):
                control.continuous_update = False
        self._draw, self._setup = draw, setup
        self._muted = False
        self.controls: dict[str, widgets.ValueWidget] = dict(controls)
        self.figure: Figure | None = None
        if setup is not None:
            self.figure = self._new_figure(setup, "setup")
            # Closing (in _new_figure) leaves a bare canvas, and savefig would make a new Agg
            # canvas and renderer per redraw, missing matplotlib's text caches every time.
            FigureCanvasAgg(self.figure)
        # interactive_output draws once now and again on every change; its Output gets a fixed
        # height so the replaced figure does not make the notebook jump.
        self.output = widgets.interactive_output(self._on_change, self.controls)
        self.output.layout.height = self._check_height(height)
        self.widget = widgets.VBox([*self.controls.values(), self.output])
        if os.environ.get(VERIFY_VARIABLE) == "1":
            self.verify()

    def _check_height(self, height: str | None) -> str:
        """The output's height: by default the first figure's, plus a margin. A figure taller
        than a given height would be cut off behind a scroll bar, so that is an error."""
        if self.figure is None:  # draw failed inside the Output, which shows the error
            return height or "380px"
        pixels = self.figure.get_figheight() * self.figure.dpi
        fits = f"{math.ceil(pixels) + 20}px"
        if height is None:
            return fits
        if height.endswith("px") and pixels > float(height.removesuffix("px")) + 0.5:
            raise ValueError(
                f"the figure is {pixels:.0f} px tall but the explorer's output is {height}: "
                f"pass height='{fits}' or make the figure shorter"
            )
        return height

    @property
    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _on_change(self, **values: Any) -> None:
        # Runs inside the Output, so in a notebook an error in draw is shown where the plot was.
        if not self._muted:  # redraw() and verify() set several controls, then draw themselves
            display(Image(self._png(self._render(values)), format="png"))

    @staticmethod
    def _new_figure(make: Callable[..., Any], role: str, **values: Any) -> Figure:
        before = set(plt.get_fignums())
        try:
            figure = make(**values)
            if not isinstance(figure, Figure):
                raise TypeError(
                    f"{role} must return a matplotlib Figure, got {type(figure).__name__}"
                )
        except BaseException:
            for number in set(plt.get_fignums()) - before:
                plt.close(number)  # no half-drawn figures left behind in pyplot
            raise
        plt.close(figure)  # shown as a PNG by the explorer; keep pyplot from showing it again
        return figure

    def _render(self, values: dict[str, Any]) -> Figure:
        if self._setup is None:
            self.figure = self._new_figure(self._draw, "draw", **values)
        else:
            result = self._draw(self.figure, **values)
            if result is not None and result is not self.figure:
                raise TypeError(
                    "with setup, draw must update the figure it is given and return None "
                    f"(or that figure), got {type(result).__name__}"
                )
        return self.figure

    def _png(self, figure: Figure) -> bytes:
        buffer = io.BytesIO()
        # A figure with a layout engine fits its own canvas; one without is cropped like the
        # inline backend crops it. An updated figure keeps the layout of its first draw: laying
        # out again costs as much as the rest of the redraw, and the picture must not jump.
        crop = "tight" if self._setup is None and figure.get_layout_engine() is None else None
        figure.savefig(buffer, format="png", bbox_inches=crop)
        if self._setup is not None and figure.get_layout_engine() is not None:
            # None, not "none": savefig draws an extra (text-layout) pass for any engine, even
            # the "none" placeholder, and that pass was a quarter of a redraw.
            figure.set_layout_engine(None)
            if figure.get_layout_engine() is not None:  # rcParams ask for a layout everywhere
                figure.set_layout_engine("none")
        return buffer.getvalue()

    def png(self) -> bytes:
        """The current picture as the learner sees it: PNG bytes, rendered as a redraw renders."""
        return self._png(self.figure)

    def redraw(self, **values: Any) -> Figure:
        """Set the named controls to ``values``, redraw once, and return the Figure."""
        self._set_quietly(values)
        # Draw outside the Output: there, an error would be printed and swallowed.
        png = self._png(self._render(self.values))
        with self.output:
            clear_output(wait=True)
            display(Image(png, format="png"))
        return self.figure

    def _set_quietly(self, values: dict[str, Any]) -> None:
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

    def _picture(self, values: dict[str, Any]) -> bytes:
        self._set_quietly(values)
        return self._png(self._render(self.values))  # the same drawing path as a slider move

    def verify(self) -> None:
        """Move each control to another value and back; raise AssertionError unless the picture
        changed and then came back pixel for pixel. Leaves the controls where they were."""
        start = self.values
        first = self._picture(start)
        try:
            for name, control in self.controls.items():
                other = other_value(control)
                if other is None:
                    continue
                if self._picture({name: other}) == first:
                    raise AssertionError(
                        f"moving {name} from {start[name]!r} to {other!r} "
                        "did not change the picture"
                    )
                back = self._picture({name: start[name]})
                if back != first:
                    raise AssertionError(
                        f"moving {name} to {other!r} and back to {start[name]!r} changed "
                        f"{_difference(back, first)}: the picture depends on what was drawn before"
                    )
        finally:
            self._set_quietly(start)
            self._render(start)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # Lets a bare `explorer` at the end of a cell show the controls and the figure.
        return self.widget._repr_mimebundle_(**kwargs)


def clear_plotted(*axes: Axes) -> None:
    """Remove what was plotted on ``axes`` (lines, bars, patches, collections, images, texts and
    the legend) and keep the axes themselves: position, ticks, labels, scales, limits. This is
    how an explorer's update starts over cheaply: ``ax.clear()`` would also throw away the ticks,
    and recreating them is most of what a redraw costs. Axis limits are left alone; an update
    that lets matplotlib choose them calls ``ax.relim(); ax.autoscale_view()`` after plotting."""
    for ax in axes:
        for container in list(ax.containers):
            container.remove()  # a bar chart's container and its bars
        for artist in [*ax.lines, *ax.patches, *ax.collections, *ax.images, *ax.texts]:
            artist.remove()
        if ax.get_legend() is not None:
            ax.get_legend().remove()


def _difference(png: bytes, reference: bytes) -> str:
    """How two PNG pictures differ, in words: their size, or the share of pixels that changed."""
    a, b = (plt.imread(io.BytesIO(data), format="png") for data in (png, reference))
    if a.shape != b.shape:
        return f"its size from {b.shape[1]}x{b.shape[0]} to {a.shape[1]}x{a.shape[0]} pixels"
    return f"{np.mean(np.any(a != b, axis=-1)):.2%} of its pixels"
