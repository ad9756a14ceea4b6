"""`helpers`: the small, tested package every chapter of the activation-functions course imports.

One idea per module (import the one you need, e.g. ``from helpers.activations import relu``):

- ``activations``  — activation functions, their derivatives, and the ``ACTIVATIONS`` registry,
  the one home of each activation's facts (``softmax`` holds the vector-valued softmax family,
  re-exported there)
- ``gradcheck``    — centred finite differences and relative errors
- ``nn``           — a tiny MLP library with hand-written backprop (losses and the training
  loop live in ``training`` and are re-exported by ``nn``)
- ``autodiff``     — a scalar ``Value`` that records a computation and differentiates it
- ``data``         — seeded toy data sets (XOR, moons, spirals, circles, ...)
- ``plotting``     — pure plotting functions that return a matplotlib ``Figure``; what every
  figure shares in ``figures``; diagrams in ``network_plot`` (networks, pipelines) and
  ``graph_plot`` (autodiff graphs), loss surfaces in ``landscape``
- ``compare``      — one experiment, many activations (``compare_plot`` draws its results)
- ``widgets``      — ipywidgets explorers
- ``display``      — ``show_source`` to show real helper code in a notebook
- ``checks``       — exercise checks that say exactly what is wrong
- ``claims``       — a chapter's measured claims, printed with their numbers and checked
"""

from __future__ import annotations

__version__ = "0.4.2"

__all__ = ["__version__", "require_version"]


def _as_tuple(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        raise ValueError(f"version must look like '0.1.0', got {version!r}") from None


def require_version(minimum: str) -> str:
    """Fail with a readable message when the installed `helpers` is older than a chapter needs.

    Every chapter's setup cell calls this, so a learner with a stale install is told how
    to fix it instead of meeting an ``AttributeError`` halfway through the chapter.
    Returns the installed version.
    """
    if _as_tuple(__version__) < _as_tuple(minimum):
        raise RuntimeError(
            f"This chapter needs helpers >= {minimum}, but {__version__} is installed. "
            "Run `python3 course.py lab` again from the course folder; it reinstalls what changed."
        )
    return __version__
