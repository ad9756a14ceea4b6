"""The learner's workspace (tools/workspace.py) and progress (helpers/progress.py).

A first sync makes blank copies; later syncs keep the learner's edits, replace only untouched
copies of a chapter that changed, and put the new version beside an edited one; a passing check
is recorded in a workspace and nowhere else.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import numpy as np
import pytest

from helpers.checks import check_he_std
from helpers.progress import passed, record_pass, table
from tools.workspace import lab_arguments, sync

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ["00_start_here.ipynb", "08_relu.ipynb"]


@pytest.fixture
def course(tmp_path: Path) -> tuple[Path, Path]:
    chapters = tmp_path / "notebooks"
    chapters.mkdir()
    for name in CHAPTERS:
        shutil.copy(ROOT / "notebooks" / name, chapters / name)
    return chapters, tmp_path / "workspace"


def _exercise_sources(path: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)


def test_the_first_sync_makes_blank_copies(course: tuple[Path, Path]) -> None:
    chapters, workspace = course
    assert sync(workspace, chapters) == [f"added {name}" for name in CHAPTERS]
    text = _exercise_sources(workspace / "08_relu.ipynb")
    assert 'raise NotImplementedError("relu' in text and "# BEGIN SOLUTION" not in text
    assert sync(workspace, chapters) == []  # nothing changed, nothing said


def test_edits_are_kept_and_updates_go_beside_them(course: tuple[Path, Path]) -> None:
    chapters, workspace = course
    sync(workspace, chapters)
    mine = workspace / "08_relu.ipynb"
    mine.write_text(mine.read_text().replace("raise NotImplementedError", "return 0  # mine"))
    assert sync(workspace, chapters) == []
    assert "return 0  # mine" in mine.read_text()

    for name in CHAPTERS:  # the course changes both chapters upstream
        nb = nbformat.read(chapters / name, as_version=4)
        nb.cells[0].source += "\n\nA new sentence upstream."
        nbformat.write(nb, chapters / name)
    messages = sync(workspace, chapters)
    assert "updated 00_start_here.ipynb (you had not changed it)" in messages
    assert "A new sentence upstream." in (workspace / "00_start_here.ipynb").read_text()
    beside = [m for m in messages if m.startswith("08_relu changed in the course")]
    assert beside and beside[0].endswith("workspace/08_relu.updated.ipynb")
    assert "return 0  # mine" in mine.read_text()
    assert "A new sentence upstream." in (workspace / "08_relu.updated.ipynb").read_text()
    assert sync(workspace, chapters) == []  # said once per change


def test_a_deleted_chapter_comes_back(course: tuple[Path, Path]) -> None:
    chapters, workspace = course
    sync(workspace, chapters)
    (workspace / "00_start_here.ipynb").unlink()
    assert sync(workspace, chapters) == ["added 00_start_here.ipynb"]


def test_lab_opens_the_workspace_without_the_news_prompt(course: tuple[Path, Path]) -> None:
    chapters, workspace = course
    sync(workspace, chapters)
    arguments = lab_arguments(workspace)
    assert arguments[0].endswith("workspace/00_start_here.ipynb")
    settings_dir = next(a for a in arguments if a.startswith("--LabApp.user_settings_dir="))
    folder = Path(settings_dir.split("=", 1)[1])
    notification = folder / "@jupyterlab/apputils-extension/notification.jupyterlab-settings"
    assert json.loads(notification.read_text())["fetchNews"] == "false"


def test_a_passing_check_is_recorded_in_a_workspace_only(
    course: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    chapters, workspace = course
    sync(workspace, chapters)
    monkeypatch.chdir(chapters)  # the complete edition: nothing is written
    check_he_std(lambda n_in, n_out: np.sqrt(2.0 / n_in))
    assert not (chapters / ".course").exists()
    monkeypatch.chdir(workspace)
    with pytest.raises(AssertionError):
        check_he_std(lambda n_in, n_out: 2.0 / n_in)
    assert passed() == {}
    check_he_std(lambda n_in, n_out: np.sqrt(2.0 / n_in))
    assert set(passed()) == {"he_std"}
    rows = table().splitlines()
    assert any(row.startswith("08_relu") and " 1/4 " in row and "he_std ✓" in row for row in rows)
    assert rows[-1] == "1 of 2 chapters started."
    capsys.readouterr()


def test_progress_survives_a_damaged_file(tmp_path: Path) -> None:
    (tmp_path / ".course").mkdir()
    (tmp_path / ".course" / "progress.json").write_text("{not json")
    assert passed(tmp_path) == {}
    assert record_pass("relu", tmp_path, when="2026-01-01")
    assert passed(tmp_path) == {"relu": "2026-01-01"}
    assert not record_pass("relu", tmp_path / "elsewhere")


def test_outside_a_workspace_the_table_says_how_to_get_one(tmp_path: Path) -> None:
    assert "python3 course.py lab" in table(tmp_path)


def test_a_chinese_workspace_speaks_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """`course.py lab --lang zh`: workspace-zh/ from notebooks/zh/, checks and messages in
    Chinese there (its .course-language file says so), English everywhere else."""
    from tools.workspace import main, workspace_for

    assert workspace_for("en").name == "workspace" and workspace_for("zh").name == "workspace-zh"
    monkeypatch.delenv("COURSE_LANG", raising=False)
    workspace = tmp_path / "workspace-zh"
    assert main(["sync", "--lang", "zh", "--workspace", str(workspace)]) == 0
    assert "COURSE_LANG" not in os.environ  # restored after the command
    said = capsys.readouterr().out
    assert "已添加 00_start_here.ipynb" in said
    first = nbformat.read(workspace / "00_start_here.ipynb", as_version=4).cells[0].source
    assert first.startswith("# 00") and re.search(r"[\u4e00-\u9fff]", first)
    monkeypatch.chdir(workspace)
    with pytest.raises(AssertionError, match="对于"):
        check_he_std(lambda n_in, n_out: 2.0 / n_in)
    check_he_std(lambda n_in, n_out: np.sqrt(2.0 / n_in))
    assert re.search(r"[\u4e00-\u9fff]", capsys.readouterr().out)
    assert table().splitlines()[-1] == "15 章中已开始 1 章。"
    monkeypatch.chdir(tmp_path)  # outside it: English again
    with pytest.raises(AssertionError, match="for "):
        check_he_std(lambda n_in, n_out: 2.0 / n_in)
