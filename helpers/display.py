"""Show the real source code of a helper in a notebook, instead of a copy that can drift."""

from __future__ import annotations

import inspect
import re
import textwrap
from typing import Any

from IPython.display import Markdown

__all__ = ["show_source"]


def show_source(obj: Any) -> Markdown:
    """The source of a function, class, method or module as a fenced ```python Markdown block.

    Markdown rather than pre-rendered HTML: JupyterLab, VS Code and GitHub highlight it, and the
    stored output is plain text, so it stays identical from run to run (nbval compares it).
    Methods are dedented so the block starts at column 0.
    """
    try:
        source = inspect.getsource(obj)
    except (TypeError, OSError):
        raise TypeError(
            "obj must be a Python function, class, method or module whose source file is "
            f"available, got {type(obj).__name__} {obj!r:.60}"
        ) from None
    source = textwrap.dedent(source).rstrip("\n")
    # A fence longer than any run of backticks inside the code cannot be closed early.
    longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markdown(f"{fence}python\n{source}\n{fence}")
