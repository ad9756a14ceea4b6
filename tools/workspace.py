"""The learner's workspace: their own copy of every chapter, exercises blank, never overwritten.

    python3 course.py lab              # sync workspace/, then open JupyterLab there at chapter 00
    python3 course.py lab --lang zh    # the same in Chinese, in workspace-zh/
    python3 course.py lab --solutions  # the complete edition in notebooks/ instead
    python3 course.py progress         # which checks pass in the workspace (--lang zh: in
                                       # workspace-zh/)

``workspace/`` (git-ignored) is made on first use from the student edition of every chapter
(tools/student_edition.py). Later runs add chapters that are missing. When a chapter changed
upstream since the learner's copy was made, a copy the learner never touched is replaced; an
edited one is left alone and the new version is put beside it as ``NN_name.updated.ipynb``,
with a message. A Chinese workspace (``workspace-zh/``) is made the same way from
``notebooks/zh/``; its ``.course-language`` file makes its checks answer in Chinese.
``.course/`` holds what this needs (the edition each copy was made
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

from helpers.i18n import LANGUAGE_FILE, LANGUAGES, speaking, tr
from helpers.progress import MARKER, table
from tools.student_edition import NOTEBOOKS, student_notebook

ROOT = Path(__file__).resolve().parent.parent
WORKSPACE = ROOT / "workspace"


def workspace_for(language: str) -> Path:
    """``workspace/`` for English, ``workspace-zh/`` for Chinese: one folder per language, so a
    learner can keep both, each with its own progress."""
    return WORKSPACE if language == "en" else WORKSPACE.with_name(f"workspace-{language}")


def chapters_for(language: str) -> Path:
    return NOTEBOOKS if language == "en" else NOTEBOOKS / language


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


def sync(
    workspace: Path = WORKSPACE, chapters: Path = NOTEBOOKS, language: str = "en"
) -> list[str]:
    """Bring ``workspace`` up to date with the student edition of ``chapters``; say what changed.

    Never overwrites a copy the learner has changed (or run: outputs count as a change)."""
    state = workspace / MARKER
    state.mkdir(parents=True, exist_ok=True)
    if language != "en":
        (workspace / LANGUAGE_FILE).write_text(f"{language}\n", encoding="utf-8")
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
            messages.append(tr("added {name}", name=target.name))
        elif made_from.get(chapter.name) == digest:
            continue
        elif made_from.get(chapter.name) == _digest(target.read_bytes()):
            target.write_bytes(edition)  # untouched since we wrote it: nothing of theirs is lost
            messages.append(tr("updated {name} (you had not changed it)", name=target.name))
        else:
            beside = target.with_name(f"{chapter.stem}.updated.ipynb")
            beside.write_bytes(edition)
            messages.append(
                tr(
                    "{chapter} changed in the course since your copy was made. Your copy is "
                    "untouched; the new version is {path}",
                    chapter=chapter.stem,
                    path=beside.relative_to(workspace.parent),
                )
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
    parser.add_argument("--workspace", type=Path, help="default: workspace/ (workspace-zh/)")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default="en")
    args, lab_options = parser.parse_known_args(argv)
    if lab_options and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(lab_options)}")
    args.workspace = args.workspace or workspace_for(args.lang)
    with speaking(args.lang):
        return _run(args, lab_options)


def _run(args: argparse.Namespace, lab_options: list[str]) -> int:
    if args.command == "progress":
        if not (args.workspace / MARKER).is_dir():
            print(tr("No workspace yet: `python3 course.py lab` makes one."), file=sys.stderr)
            return 1
        print(table(args.workspace))
        return 0
    for message in sync(args.workspace, chapters_for(args.lang), args.lang):
        print(message)
    if args.command == "sync":
        return 0
    lab = [sys.executable, "-m", "jupyterlab", *lab_arguments(args.workspace), *lab_options]
    return subprocess.call(lab)  # its kernels inherit COURSE_LANG: the checks speak it too


if __name__ == "__main__":
    sys.exit(main())
