"""Launching online: the Binder/Colab badge tool (tools/add_launchers.py), run on copies only,
and what a plain install on Colab needs from pyproject.toml."""

from __future__ import annotations

import shutil
import subprocess
import sys
import types
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from tools.add_launchers import (
    README_BEGIN,
    README_END,
    add_launchers,
    badges,
    colab_install,
    read_repository,
    update_readme,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = ROOT / "notebooks" / "06_sigmoid.ipynb"
PATH = "notebooks/06_sigmoid.ipynb"


@pytest.fixture
def chapter(tmp_path: Path) -> Path:
    return Path(shutil.copy(CHAPTER, tmp_path / CHAPTER.name))


def launcher_cells(nb: nbformat.NotebookNode) -> dict[str, int]:
    return {c.metadata["launcher"]: i for i, c in enumerate(nb.cells) if "launcher" in c.metadata}


def test_badges_follow_the_title_and_the_colab_cell_comes_first_among_code(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    first_code = next(i for i, c in enumerate(nb.cells) if c.cell_type == "code")
    assert add_launchers(nb, "someone/course", PATH)
    nbformat.validate(nb)
    where = launcher_cells(nb)
    assert where["badges"] == 1 and nb.cells[0].source.startswith("# 06 · Sigmoid")
    assert where["colab-install"] == first_code + 1  # the badges cell came in before it
    assert (
        nb.cells[where["colab-install"] + 1].source
        == nbformat.read(CHAPTER, 4).cells[first_code].source
    )  # then the chapter's own setup cell, unchanged
    text = nb.cells[1].source
    assert (
        "https://mybinder.org/v2/gh/someone/course/main?urlpath=lab%2Ftree%2F"
        + ("notebooks%2F06_sigmoid.ipynb")
        in text
    )
    assert "https://colab.research.google.com/github/someone/course/blob/main/" + PATH in text


def test_a_second_run_changes_nothing_and_keeps_the_execution_count(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    add_launchers(nb, "someone/course", PATH)
    install = nb.cells[launcher_cells(nb)["colab-install"]]
    install.execution_count = 1  # as after re-executing the chapter
    nbformat.write(nb, chapter)
    again = nbformat.read(chapter, as_version=4)
    assert not add_launchers(again, "someone/course", PATH)
    assert again == nbformat.read(chapter, as_version=4)
    assert len(again.cells) == len(nbformat.read(CHAPTER, 4).cells) + 2


def test_a_new_repository_rewrites_the_links_without_duplicating_cells(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    add_launchers(nb, "someone/course", PATH)
    nb.cells[launcher_cells(nb)["colab-install"]].execution_count = 1
    count = len(nb.cells)
    assert add_launchers(nb, "fork/copy", PATH)
    assert len(nb.cells) == count
    assert "fork/copy" in nb.cells[1].source and "someone" not in nb.cells[1].source
    install = nb.cells[launcher_cells(nb)["colab-install"]]
    assert "git+https://github.com/fork/copy@main" in install.source
    assert install.execution_count is None  # its source changed: the old count is stale


def run_install_cell(source: str, on_colab: bool, monkeypatch: pytest.MonkeyPatch) -> list:
    calls: list[tuple[str, str]] = []
    shell = types.SimpleNamespace(run_line_magic=lambda name, line: calls.append((name, line)))
    if on_colab:
        monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    else:
        monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    code = TransformerManager().transform_cell(source)  # as IPython runs it: %pip is a magic
    exec(compile(code, "<cell>", "exec"), {"get_ipython": lambda: shell})
    return calls


def test_the_install_cell_does_nothing_outside_colab(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run_install_cell(colab_install("someone/course"), False, monkeypatch) == []


def test_the_install_cell_installs_the_package_without_touching_colabs_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    [(magic, line)] = run_install_cell(colab_install("someone/course"), True, monkeypatch)
    assert magic == "pip"
    assert line.startswith("install --quiet --no-deps ")
    assert '"activation-course-helpers @ git+https://github.com/someone/course@main"' in line


def test_the_new_cells_are_ruff_clean(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    add_launchers(nb, "someone/course", PATH)
    text = nbformat.writes(nb)
    ruff = [sys.executable, "-m", "ruff"]
    name = ["--stdin-filename", str(ROOT / PATH)]  # the repository's notebook rules apply
    for command in (["check", "--quiet"], ["format", "--check", "--quiet"]):
        done = subprocess.run(
            [*ruff, *command, *name, "-"], input=text, capture_output=True, text=True, cwd=ROOT
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_update_readme_replaces_only_the_marked_block() -> None:
    text = f"# Course\n\n{README_BEGIN}\nold badges\n{README_END}\n\n## Next\n"
    fresh = update_readme(text, "someone/course")
    assert fresh.startswith("# Course\n\n") and fresh.endswith(f"{README_END}\n\n## Next\n")
    assert "old badges" not in fresh
    assert badges("someone/course", "notebooks/00_start_here.ipynb") in fresh
    assert update_readme(fresh, "someone/course") == fresh
    with pytest.raises(ValueError, match="markers"):
        update_readme("# Course without markers\n", "someone/course")


def test_the_repository_setting_is_checked(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.course]\nrepository = "someone/course"\n')
    assert read_repository(pyproject) == "someone/course"
    pyproject.write_text('[tool.course]\nrepository = "OWNER/NAME"\n')
    with pytest.raises(ValueError, match="placeholder"):
        read_repository(pyproject)
    assert read_repository(pyproject, placeholder_ok=True) == "OWNER/NAME"
    for wrong in ('repository = "https://github.com/a/b"', 'repository = "a"', ""):
        pyproject.write_text(f"[tool.course]\n{wrong}\n")
        with pytest.raises(ValueError, match="repository"):
            read_repository(pyproject)


def test_readme_and_chapters_with_badges_match_the_setting() -> None:
    repository = read_repository(placeholder_ok=True)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert update_readme(readme, repository) == readme, "run: python3 -m tools.add_launchers"
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        if launcher_cells(nb):  # chapters get them when the tool is run; then they must be current
            stale = add_launchers(nb, repository, f"notebooks/{path.name}")
            assert not stale, f"{path.name}: run python3 -m tools.add_launchers"


def test_a_plain_install_includes_every_helpers_package() -> None:
    # Colab and JupyterHub images install the course with pip, not editable: a subpackage
    # missing from setuptools' list would be missing there (helpers.checks was, once).
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "helpers").rglob("__init__.py")
    }
    assert "helpers.checks" in found
    assert set(listed) == found
