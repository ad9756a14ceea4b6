"""benchmarks/explorers.py finds every explorer in a notebook's kernel and times real redraws."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from benchmarks.explorers import summarise, time_explorers

SETUP = """\
import matplotlib.pyplot as plt
from IPython.display import display
from ipywidgets import Dropdown, FloatLogSlider, SelectionSlider
from helpers.widgets import Explorer, float_slider, int_slider

def draw(**values):
    fig, ax = plt.subplots()
    ax.set_title(repr(values))
    return fig
"""


def test_every_explorer_is_found_and_each_control_timed(tmp_path: Path) -> None:
    nb = new_notebook(
        cells=[
            new_markdown_cell("# A chapter"),
            new_code_cell(SETUP),
            new_code_cell(
                "first = Explorer(draw, w=float_slider('w', -1.0, 1.0, 0.1, 0.0),"
                " f=Dropdown(options=[('Sigmoid', 'sigmoid'), ('Tanh', 'tanh')]))\n"
                "display(first.widget)"
            ),
            new_code_cell("x = 1"),
            new_code_cell(
                "shown = [Explorer(draw, n=int_slider('n', 1, 9), lr=FloatLogSlider(value=0.1,"
                " min=-3, max=0), k=SelectionSlider(options=[1, 2, 4], value=2))]\n"
                "display(shown[0].widget)"
            ),
        ]
    )
    nbformat.write(nb, tmp_path / "chapter.ipynb")
    found = time_explorers(tmp_path / "chapter.ipynb", repeats=3)
    assert [(e["name"], e["cell"]) for e in found] == [("first", 2), ("(unnamed)", 4)]
    assert list(found[0]["times"]) == ["w", "f"]
    assert list(found[1]["times"]) == ["n", "lr", "k"]
    for entry in found:
        redraws = [t for times in entry["times"].values() for t in times]
        assert len(redraws) == 3 * len(entry["times"]) and min(redraws) > 0
        assert len(entry["draw"]) == len(redraws)  # draw() timed inside every timed redraw
        best, median, in_draw, _ = summarise(entry)
        assert 0 < best <= median and 0 < in_draw <= max(redraws)


def test_a_failing_redraw_is_reported_not_hidden(tmp_path: Path) -> None:
    broken = SETUP + "\ndef draw(w):\n    if w != 0.0:\n        raise ValueError('boom')\n"
    broken += "    return plt.figure()\n"
    nb = new_notebook(
        cells=[
            new_code_cell(broken),
            new_code_cell("ex = Explorer(draw, w=float_slider('w', -1.0, 1.0, 0.5, 0.0))"),
        ]
    )
    nbformat.write(nb, tmp_path / "broken.ipynb")
    with pytest.raises(RuntimeError, match="boom"):
        time_explorers(tmp_path / "broken.ipynb", repeats=1)
