"""The course tooling: the re-execute command and the `course.py` entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tools.execute_notebooks import execute, main

ROOT = Path(__file__).resolve().parent.parent


def _notebook(path: Path, *sources: str) -> Path:
    nb = new_notebook(cells=[new_markdown_cell("# title"), *map(new_code_cell, sources)])
    nb.metadata["kernelspec"] = {
        "name": "something-else",
        "display_name": "x",
        "language": "python",
    }
    nb.metadata["widgets"] = {"huge": "state"}
    nbformat.write(nb, path)
    return path


def test_execute_runs_in_place_with_fresh_counts(tmp_path: Path) -> None:
    path = _notebook(tmp_path / "demo.ipynb", "x = 6 * 7", "print(f'{x}')", "x + 1")
    seconds = execute(path)
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == [1, 2, 3]
    assert code[1].outputs[0]["text"] == "42\n"
    assert code[2].outputs[0]["data"]["text/plain"] == "43"
    assert nb.metadata.kernelspec.name == "python3"
    assert "widgets" not in nb.metadata
    assert all("execution" not in c.metadata for c in code)
    assert seconds > 0


def test_execute_runs_in_the_notebook_folder(tmp_path: Path) -> None:
    (tmp_path / "data.txt").write_text("found")
    path = _notebook(tmp_path / "cwd.ipynb", "print(open('data.txt').read())")
    execute(path)
    out = nbformat.read(path, as_version=4).cells[1].outputs[0]["text"]
    assert out == "found\n"


def test_execute_reports_a_failing_cell_and_leaves_the_file_alone(tmp_path: Path) -> None:
    from nbclient.exceptions import CellExecutionError

    path = _notebook(tmp_path / "broken.ipynb", "1 / 0")
    before = path.read_text()
    with pytest.raises(CellExecutionError, match="ZeroDivisionError"):
        execute(path)
    assert path.read_text() == before


def test_main_rejects_a_non_notebook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello")
    assert main([str(other)]) == 2
    assert "Not a notebook file" in capsys.readouterr().err


def test_course_py_help_and_unknown_command() -> None:
    run = [sys.executable, str(ROOT / "course.py")]
    helped = subprocess.run([*run, "help"], capture_output=True, text=True, check=False)
    assert helped.returncode == 0 and "course.py test" in helped.stdout
    wrong = subprocess.run([*run, "tset"], capture_output=True, text=True, check=False)
    assert wrong.returncode == 2 and "Unknown command 'tset'" in wrong.stderr


def test_ci_calls_the_readme_test_command() -> None:
    readme_command = "python3 course.py test"
    assert readme_command in (ROOT / "README.md").read_text()
    assert readme_command in (ROOT / ".ci" / "run").read_text()
