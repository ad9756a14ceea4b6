"""The learner's workspace: their own copy of every chapter, exercises blank, never overwritten.

    python3 course.py lab              # sync workspace/, then open JupyterLab there at chapter 00
    python3 course.py lab --solutions  # the complete edition in notebooks/ instead
    python3 course.py progress         # which checks pass in the workspace

``workspace/`` (git-ignored) is made on first use from the student edition of every chapter
(tools/student_edition.py). Later runs add chapters that are missing. When a chapter changed
upstream since the learner's copy was made, a copy the learner never touched is replaced; an
edited one is left alone and the new version is put beside it as ``NN_name.updated.ipynb``,
with a message. ``workspace/.course/`` holds what this needs (the edition each copy was made
from), the learner's progress (helpers/progress.py) and JupyterLab's settings for it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import nbformat

from helpers.progress import MARKER, table
from tools.student_edition import NOTEBOOKS, student_notebook

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = ROOT / "workspace"
# Off for the course's lab: the "Would you like to get notified about official Jupyter news?"
# prompt and the update check (neither is about the course, and both reach the network).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    }
}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sync(workspace: Path = WORKSPACE, chapters: Path = NOTEBOOKS) -> list[str]:
    """Bring ``workspace`` up to date with the student edition of ``chapters``; say what changed.

    Never overwrites a copy the learner has changed (or run: outputs count as a change)."""
    state = workspace / MARKER
    state.mkdir(parents=True, exist_ok=True)
    record_path = state / "editions.json"
    try:
        made_from = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        made_from = {}
    messages = []
    for chapter in sorted(chapters.glob("[0-9][0-9]_*.ipynb")):
        edition = nbformat.writes(student_notebook(chapter)[0]).encode()
        digest, target = _digest(edition), workspace / chapter.name
        if not target.exists():
            target.write_bytes(edition)
            messages.append(f"added {target.name}")
        elif made_from.get(chapter.name) == digest:
            continue
        elif made_from.get(chapter.name) == _digest(target.read_bytes()):
            target.write_bytes(edition)  # untouched since we wrote it: nothing of theirs is lost
            messages.append(f"updated {target.name} (you had not changed it)")
        else:
            beside = target.with_name(f"{chapter.stem}.updated.ipynb")
            beside.write_bytes(edition)
            messages.append(
                f"{chapter.stem} changed in the course since your copy was made. Your copy is "
                f"untouched; the new version is {beside.relative_to(workspace.parent)}"
            )
        made_from[chapter.name] = digest
    record_path.write_text(json.dumps(made_from, indent=1, sort_keys=True), encoding="utf-8")
    for name, settings in LAB_SETTINGS.items():
        path = state / "lab-settings" / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings, indent=1), encoding="utf-8")
    return messages


def lab_arguments(workspace: Path = WORKSPACE) -> list[str]:
    """JupyterLab's command line for the workspace: opened at chapter 00, news prompt off."""
    return [
        str(workspace / "00_start_here.ipynb"),
        f"--ServerApp.root_dir={workspace}",
        f"--LabApp.user_settings_dir={workspace / MARKER / 'lab-settings'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["lab", "sync", "progress"])
    parser.add_argument("--workspace", type=Path, default=WORKSPACE)
    args, lab_options = parser.parse_known_args(argv)
    if lab_options and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(lab_options)}")
    if args.command == "progress":
        if not (args.workspace / MARKER).is_dir():
            print("No workspace yet: `python3 course.py lab` makes one.", file=sys.stderr)
            return 1
        print(table(args.workspace))
        return 0
    for message in sync(args.workspace):
        print(message)
    if args.command == "sync":
        return 0
    lab = [sys.executable, "-m", "jupyterlab", *lab_arguments(args.workspace), *lab_options]
    return subprocess.call(lab)


if __name__ == "__main__":
    sys.exit(main())
