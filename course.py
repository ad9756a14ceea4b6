#!/usr/bin/env python3
"""One entry point for the course. Needs only Python >= 3.10; sets up everything else itself.

    python3 course.py lab        open your workspace in JupyterLab: your own copy of every chapter,
                                 exercises blank (`lab --solutions`: the complete edition)
    python3 course.py progress   which exercises pass in your workspace
    python3 course.py test       unit tests + every notebook under strict nbval + ruff
    python3 course.py execute    re-run notebooks in place in a fresh kernel (contributors)
    python3 course.py bench      print the activation benchmark table
    python3 course.py study      re-run the studies of chapters 10 and 13 (`study 10`: one of them)
                                 and rewrite their results files in notebooks/results/
    python3 course.py student    build the student edition (solutions removed) into dist/student/
    python3 course.py grade DIR  grade a folder of submitted notebooks (see README, For instructors)
    python3 course.py html       build the static edition, a book readable without Python (offline
                                 too): dist/html/index.html (needs npm, for MathJax)
    python3 course.py e2e        only the real-browser test (installs Playwright; needs Chromium)
    python3 course.py setup      only create .venv/ (`--e2e`: with Playwright; `--instructor`:
                                 with nbgrader and otter-grader; CI uses both)
    python3 course.py translate  keep the Chinese edition in step: `update`, `build`, `status`

`--lang zh` gives lab, progress, student, grade and html in Chinese (中文版: README.zh-CN.md).

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
LANGUAGE = "en"  # set from --lang by main()


def tr(text: str) -> str:
    """``text`` in the language asked for with --lang. This file runs before .venv/ exists, so it
    reads the course's compiled catalogue with the standard library (see helpers/i18n.py)."""
    if LANGUAGE == "en":
        return text
    import gettext

    folder = ROOT / "helpers" / "locale"
    return gettext.translation("helpers", folder, ["zh_CN"], fallback=True).gettext(text)


def _without_language(args: list[str]) -> list[str]:
    """``args`` less ``--lang X`` / ``--lang=X`` (for commands that do not take it)."""
    kept, skip = [], False
    for arg in args:
        if skip or arg.startswith("--lang="):
            skip = False
            continue
        skip = arg == "--lang"
        if not skip:
            kept.append(arg)
    return kept


def _language(args: list[str]) -> str:
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("COURSE_LANG", "en") or "en"


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
        print(tr("Creating a virtual environment in .venv/ (first run only) ..."), flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = {"test", *extras}
    fingerprint, *installed = STAMP.read_text().split("\n") if STAMP.exists() else [""]
    if fingerprint == _fingerprint() and wanted <= {"test", *installed}:
        return
    print(tr("Installing the course packages into .venv/ (a minute or two the first time) ..."),
          flush=True)  # fmt: skip
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "--editable", f"{ROOT}[{','.join(sorted(wanted))}]"], check=True)
    STAMP.write_text("\n".join([_fingerprint(), *sorted(wanted)]))


def browser_tests_run(pytest_args: list[str]) -> bool:
    """Whether the real-browser tests will run: Playwright is installed in .venv/, a Chromium is
    found as tests/lab_browser.py finds it, and ``-m "not e2e"`` does not leave them out."""
    if any("not e2e" in arg for arg in pytest_args):
        return False
    sys.path.insert(0, str(ROOT / "tests"))
    from lab_browser import find_browser  # the standard library only, so no .venv/ needed

    has_playwright = subprocess.run([str(PYTHON), "-c", "import playwright"], capture_output=True)
    return has_playwright.returncode == 0 and find_browser() is not None


def run(*args: str) -> int:
    env = dict(os.environ, PYTHONNOUSERSITE="1")
    return subprocess.run([str(PYTHON), *args], cwd=ROOT, env=env).returncode


def run_tool(module: str, *args: str) -> int:
    # From the caller's folder, so that relative paths (submissions, --out) mean what was typed.
    env = dict(os.environ, PYTHONNOUSERSITE="1", PYTHONPATH=str(ROOT))
    return subprocess.run([str(PYTHON), "-m", module, *args], env=env).returncode


def main(argv: list[str]) -> int:
    global LANGUAGE
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    LANGUAGE = _language(rest)
    if command in {"help", "-h", "--help"}:
        print(__doc__)
        return 0
    commands = {"lab", "progress", "test", "execute", "bench", "study", "student", "grade", "html",
                "e2e", "setup", "translate"}  # fmt: skip
    if command not in commands:
        print(f"{tr('Unknown command')} {command!r}.\n{__doc__}", file=sys.stderr)
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
            rest = _without_language(rest)
            start = (
                START if LANGUAGE == "en" else START.replace("notebooks/", f"notebooks/{LANGUAGE}/")
            )
            os.environ["COURSE_LANG"] = LANGUAGE
            return run("-m", "jupyterlab", start, *rest)
        return run_tool("tools.workspace", "lab", *rest)
    if command == "progress":
        return run_tool("tools.workspace", "progress", *rest)
    if command == "test":
        if code := run("-m", "ruff", "check", "."):
            return code
        if code := run("-m", "ruff", "format", "--check", "."):
            print("Formatting differs; `.venv/bin/ruff format .` fixes it.")
            return code
        # Each file (a notebook: its cells in order) stays on one worker, one worker per core, and
        # the longest files start first (conftest.py; xdist's own order would start them last).
        order = ("--dist", "loadfile", "--no-loadscope-reorder")
        if not browser_tests_run(rest):
            return run("-m", "pytest", "-n", "auto", *order, *rest)
        # The two browser-test files spend about half their time waiting for JupyterLab and
        # Chromium: one worker more than cores fills their waiting.
        workers = str((os.cpu_count() or 1) + 1)
        return run("-m", "pytest", "-n", workers, *order, *rest)
    if command == "execute":
        return run("-m", "tools.execute_notebooks", *rest)
    if command == "translate":
        return run("-m", "tools.translation", *rest)
    if command == "study":
        studies = {"10": "tools.elu_study", "13": "tools.activation_study"}
        chosen = [studies[a] for a in rest if a in studies] or list(studies.values())
        options = [a for a in rest if a not in studies]
        return next((code for module in chosen if (code := run("-m", module, *options))), 0)
    if command == "student":
        return run_tool("tools.student_edition", *rest)
    if command == "grade":
        return run_tool("tools.grade", *rest)
    if command == "html":
        return run_tool("tools.build_book", *rest)
    if command == "e2e":
        browser_tests = ["tests/test_e2e_browser.py", "tests/test_e2e_browser_later.py"]
        return run("-m", "pytest", "-n", "2", "--dist", "loadfile", *browser_tests, *rest)
    return run("benchmarks/activations.py", *rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
