#!/usr/bin/env python3
"""One entry point for the course. Needs only Python >= 3.10; sets up everything else itself.

    python3 course.py lab        open your workspace in JupyterLab: your own copy of every chapter,
                                 exercises blank (`lab --solutions`: the complete edition)
    python3 course.py progress   which exercises pass in your workspace
    python3 course.py test       unit tests + every notebook under strict nbval + ruff
    python3 course.py execute    re-run notebooks in place in a fresh kernel (contributors)
    python3 course.py bench      print the activation benchmark table
    python3 course.py study      re-run chapter 13's activation study and rewrite its results file
    python3 course.py student    build the student edition (solutions removed) into dist/student/
    python3 course.py grade DIR  grade a folder of submitted notebooks (see README, For instructors)
    python3 course.py html       build the static edition, a book readable without Python (offline
                                 too): dist/html/index.html (needs npm, for MathJax)
    python3 course.py e2e        only the real-browser test (installs Playwright; needs Chromium)
    python3 course.py setup      only create .venv/ (`--e2e`: with Playwright; `--instructor`:
                                 with nbgrader and otter-grader; CI uses both)

The first call creates `.venv/` and installs the `helpers` package with its test extras;
later calls reuse it and reinstall only when pyproject.toml has changed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".course-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
START = "notebooks/00_start_here.ipynb"


def _fingerprint() -> str:
    # Reinstall when the dependency list or the interpreter changes, not otherwise.
    text = (ROOT / "pyproject.toml").read_bytes() + sys.version.encode()
    return hashlib.sha256(text).hexdigest()


def ensure_environment(extras: tuple[str, ...] = ()) -> None:
    """Create .venv and install the course with its test extras (and ``extras``) into it, unless
    that is already done. The stamp file records the fingerprint and the extras installed."""
    if sys.version_info < (3, 10):  # noqa: UP036 - course.py itself must explain, not crash
        sys.exit(f"The course needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV.name}/ (first run only) ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = {"test", *extras}
    fingerprint, *installed = STAMP.read_text().split("\n") if STAMP.exists() else [""]
    if fingerprint == _fingerprint() and wanted <= {"test", *installed}:
        return
    print(
        "Installing the course packages into .venv/ (a minute or two the first time) ...",
        flush=True,
    )
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[{','.join(sorted(wanted))}]"], check=True)
    STAMP.write_text("\n".join([_fingerprint(), *sorted(wanted)]))


def run(*args: str) -> int:
    env = dict(os.environ, PYTHONNOUSERSITE="1")
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env).returncode


def run_tool(module: str, *args: str) -> int:
    # From the caller's folder, so that relative paths (submissions, --out) mean what was typed.
    env = dict(os.environ, PYTHONNOUSERSITE="1", PYTHONPATH=str(ROOT))
    return subprocess.run([str(PYTHON), "-m", module, *args], env=env).returncode


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if command in {"help", "-h", "--help"}:
        print(__doc__)
        return 0
    commands = {"lab", "progress", "test", "execute", "bench", "study", "student", "grade", "html",
                "e2e", "setup"}  # fmt: skip
    if command not in commands:
        print(f"Unknown command {command!r}.\n{__doc__}", file=sys.stderr)
        return 2
    if command == "setup":
        unknown = set(rest) - {"--e2e", "--instructor"}
        if unknown:
            print(f"setup takes --e2e and --instructor, not {' '.join(sorted(unknown))}")
            return 2
        ensure_environment(tuple(flag.removeprefix("--") for flag in rest))
        return 0
    ensure_environment(("e2e",) if command == "e2e" else ())
    if command == "lab":
        if "--solutions" in rest:
            rest.remove("--solutions")
            return run("-m", "jupyterlab", START, *rest)
        return run_tool("tools.workspace", "lab", *rest)
    if command == "progress":
        return run_tool("tools.workspace", "progress", *rest)
    if command == "test":
        if code := run("-m", "ruff", "check", "."):
            return code
        if code := run("-m", "ruff", "format", "--check", "."):
            print("Formatting differs; `.venv/bin/ruff format .` fixes it.")
            return code
        # One worker per core; each file (a notebook: its cells in order) stays on one worker.
        return run("-m", "pytest", "-n", "auto", "--dist", "loadfile", *rest)
    if command == "execute":
        return run("-m", "tools.execute_notebooks", *rest)
    if command == "study":
        return run("-m", "tools.activation_study", *rest)
    if command == "student":
        return run_tool("tools.student_edition", *rest)
    if command == "grade":
        return run_tool("tools.grade", *rest)
    if command == "html":
        return run_tool("tools.build_book", *rest)
    if command == "e2e":
        return run("-m", "pytest", "tests/test_e2e_browser.py", *rest)
    return run("benchmarks/activations.py", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
