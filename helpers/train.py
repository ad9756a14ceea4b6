"""Old name of ``helpers.training``, kept so that notebooks saved with an earlier version still run.

The module was renamed so that it no longer shares its name with the function ``train``.
"""

from __future__ import annotations

import warnings

from helpers.training import *  # noqa: F403
from helpers.training import __all__  # noqa: F401

warnings.warn(
    "helpers.train is now helpers.training (or import from helpers.nn)",
    DeprecationWarning,
    stacklevel=2,
)
