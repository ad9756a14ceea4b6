"""CI runs what the README promises, and installs what the real-browser test needs first."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEST_COMMAND = "python3 course.py test"


def test_github_workflow_runs_the_readme_command_on_push_and_pull_request() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the bare key `on` as the boolean True
    assert {"push", "pull_request"} <= set(triggers)
    job = workflow["jobs"]["test"]
    assert job["strategy"]["matrix"]["python"] == ["3.10", "3.13"]
    commands = [step.get("run", "") for step in job["steps"]]
    assert TEST_COMMAND in commands
    assert commands.index("python3 course.py setup --e2e") < commands.index(TEST_COMMAND)
    assert TEST_COMMAND in (ROOT / "README.md").read_text()


def test_ci_run_installs_what_would_skip_tests_before_the_tests() -> None:
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    commands = [line for line in lines if line and not line.startswith(("#", "echo"))]
    install_browser = next(i for i, c in enumerate(commands) if "apt-get install" in c)
    setup = commands.index("python3 course.py setup --e2e --instructor")
    assert "chromium" in commands[install_browser] and "bubblewrap" in commands[install_browser]
    assert install_browser < setup < commands.index(f"exec {TEST_COMMAND}")
