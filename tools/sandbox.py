"""The sandbox a submission is graded in: bubblewrap on Linux, or nothing (say which, and why).

Under bubblewrap (``bwrap``, Debian package ``bubblewrap``) the child that runs a submission's
kernel sees the whole file system read-only except its own temporary folder (and a private,
empty ``/tmp``), has no network (a loopback device of its own, which the kernel's messages
use), and lives in its own process namespace: when the child ends, or the grader dies, every
process the submission started ends with it, however it detached itself.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
from pathlib import Path

MODES = ("auto", "bwrap", "none")


ROOT = Path(__file__).resolve().parent.parent


def bwrap_prefix(writable: Path) -> list[str]:
    """The bwrap command line that runs what follows it sandboxed, ``writable`` its one
    writable folder (which must not be /tmp itself)."""
    folder = str(writable.resolve())
    # The private /tmp hides what lives there: the course and its Python when cloned under /tmp.
    needed = {str(Path(p).resolve()) for p in (ROOT, sys.prefix, sys.base_prefix)}
    keep = [arg for p in sorted(needed) if p.startswith("/tmp/") for arg in ("--ro-bind", p, p)]
    return [
        "bwrap",
        "--ro-bind", "/", "/",
        "--dev", "/dev",
        "--proc", "/proc",
        "--tmpfs", "/tmp",
        *keep,
        "--bind", folder, folder,
        "--unshare-all",  # network, process ids, IPC, host name ...
        "--die-with-parent",
        "--new-session",  # no access to the grader's terminal
        "--setenv", "HOME", folder,
    ]  # fmt: skip


@functools.lru_cache(maxsize=1)
def bwrap_works() -> tuple[bool, str]:
    """(True, "") when bubblewrap can start a sandbox here, else (False, why not)."""
    if shutil.which("bwrap") is None:
        return False, "bubblewrap (bwrap) is not installed; on Debian: apt-get install bubblewrap"
    probe = ["bwrap", "--ro-bind", "/", "/", "--unshare-all", "--die-with-parent", "true"]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as error:
        return False, f"bubblewrap could not start: {error}"
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        return False, f"this system does not allow the namespaces bubblewrap needs ({why})"
    return True, ""


def choose(mode: str) -> str:
    """The sandbox to use for ``--sandbox mode``: "bwrap" or "none". Says once, on stderr, when
    "auto" falls back to none; raises ValueError when "bwrap" was asked for and cannot run."""
    if mode not in MODES:
        raise ValueError(f"--sandbox must be one of {', '.join(MODES)}, not {mode!r}")
    if mode == "none":
        return "none"
    works, why = bwrap_works()
    if works:
        return "bwrap"
    if mode == "bwrap":
        raise ValueError(f"--sandbox bwrap: {why}")
    print(
        f"Grading WITHOUT a sandbox: {why}. Submissions run with your permissions "
        "(see README, For instructors); --sandbox none silences this.",
        file=sys.stderr,
    )
    return "none"
