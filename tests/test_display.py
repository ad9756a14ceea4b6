"""Tests for helpers.display.show_source."""

from __future__ import annotations

import numpy as np
import pytest
from IPython.display import Markdown

from helpers.display import show_source
from helpers.gradcheck import GradientCheck, relative_error


def test_show_source_is_a_python_fenced_markdown_block_with_the_def_line():
    shown = show_source(relative_error)
    assert isinstance(shown, Markdown)
    lines = shown.data.splitlines()
    assert lines[0] == "```python"
    assert lines[1] == "def relative_error(a: Any, b: Any) -> float:"
    assert lines[-1] == "```"
    assert "return float(np.max(difference) / max(1e-8, scale))" in shown.data


def test_show_source_of_a_method_is_dedented():
    shown = show_source(GradientCheck.__str__)
    assert shown.data.splitlines()[1] == "def __str__(self) -> str:"


def test_show_source_of_a_class():
    assert "class GradientCheck:" in show_source(GradientCheck).data


def test_show_source_fence_survives_backticks_in_the_code():
    def documented():
        """Example: ```x = 1```, and a run of four: ````."""

    shown = show_source(documented).data
    fence = shown.splitlines()[0].removesuffix("python")
    assert fence == "`" * 5
    assert shown.splitlines()[-1] == fence


@pytest.mark.parametrize("obj", [len, np.tanh, 3, "relu"])
def test_show_source_rejects_objects_without_source(obj):
    with pytest.raises(TypeError, match="obj must be a Python function, class, method or module"):
        show_source(obj)
