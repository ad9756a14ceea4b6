"""Which exercises a learner has passed, kept in their workspace — no network, no account.

``python3 course.py lab`` gives each learner a ``workspace/`` folder with their own copy of every
chapter; its ``.course/`` folder marks it. When a check passes in a notebook that runs there, the
check calls :func:`record_pass`, which adds the check's name to ``.course/progress.json``.
Anywhere else (the complete edition in ``notebooks/``, a grader's sandbox) nothing is written.
:func:`table` reads the file back against the chapters' check cells; ``python3 course.py
progress`` prints it, and chapter 00 shows it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from helpers.i18n import tr

__all__ = ["MARKER", "passed", "record_pass", "table"]

MARKER = ".course"  # the folder that makes a folder a learner's workspace
_CHECK_CALL = re.compile(r"^check_(\w+)\(", re.MULTILINE)


def _progress_file(folder: Path | None) -> Path | None:
    state = (folder or Path.cwd()) / MARKER
    return state / "progress.json" if state.is_dir() else None


def passed(folder: Path | None = None) -> dict[str, str]:
    """Check name → the date it first passed, in the workspace ``folder`` (default: here)."""
    path = _progress_file(folder)
    if path is None or not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a damaged file must not break a passing check; it is rewritten below
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def record_pass(check: str, folder: Path | None = None, when: str | None = None) -> bool:
    """Note that ``check`` passed, if ``folder`` (default: the working folder) is a workspace.
    Returns whether anything was recorded. The file is replaced atomically."""
    path = _progress_file(folder)
    if path is None:
        return False
    from datetime import date

    data = passed(folder)
    if check in data:
        return True
    data[check] = when or date.today().isoformat()
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(dict(sorted(data.items())), file, indent=1)
    os.replace(temporary, path)
    return True


def table(folder: Path | None = None) -> str:
    """A plain-text table, one row per chapter notebook in ``folder``: checks passed / checks."""
    folder = folder or Path.cwd()
    if _progress_file(folder) is None:
        return tr(
            "No progress is recorded here: this is not a learner's workspace. "
            "`python3 course.py lab` opens one (workspace/), where passing checks are noted."
        )
    import helpers.checks  # here, not at the top: the checks import this module

    done = passed(folder)
    rows, started = [], 0
    for notebook in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        code = "\n".join(
            "".join(c.get("source", "")) for c in cells if c.get("cell_type") == "code"
        )
        calls = dict.fromkeys(_CHECK_CALL.findall(code))
        checks = [getattr(helpers.checks, f"check_{call}", None) for call in calls]
        names = [check.name for check in checks if hasattr(check, "name")]
        if names:
            count = sum(name in done for name in names)
            started += count > 0
            marks = ", ".join(f"{name} {'✓' if name in done else '·'}" for name in names)
            rows.append(f"{notebook.stem:<34} {count:>2}/{len(names):<3} {marks}")
    header = f"{tr('chapter'):<34} {tr('passed  checks (✓ passed, · not yet)')}"
    footer = tr("{started} of {count} chapters started.", started=started, count=len(rows))
    return "\n".join([header, *rows, footer])


if __name__ == "__main__":
    import sys

    print(table(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
