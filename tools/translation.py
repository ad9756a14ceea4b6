"""The Chinese edition: gettext catalogues in step with the English, and what is built from them.

    python3 course.py translate update   # English changed: refresh every catalogue (PO file)
    python3 course.py translate build    # catalogues -> notebooks/zh/*.ipynb and helpers' .mo
    python3 course.py translate status   # untranslated and fuzzy entries, by catalogue

One catalogue per chapter, ``locale/zh_CN/LC_MESSAGES/NN_name.po``, holds one entry per markdown
cell of the chapter and one per sentence its exercise checks can show (``helpers/checks/chNN_*``:
the strings in its tables, and every ``tr("...")`` template in the module). ``course.po`` holds
the rest a learner reads: the check runner's sentences, the progress table, ``course.py``, the
workspace and the grader. The English text is each entry's message id, so a translator's tool
(Poedit, Weblate, Lokalize) shows it beside the Chinese. ``update`` is ``msgmerge`` done with
Babel: an entry whose English was edited becomes *fuzzy* (the old English kept as ``#| msgid``),
new English becomes an untranslated entry, and entries whose English is gone are dropped. A
fuzzy or untranslated entry fails ``tests/test_translation.py``, which names it.

``build`` writes ``notebooks/zh/NN_name.ipynb``: the English notebook with each markdown cell
replaced by its translation; code cells, outputs and metadata are the English ones, byte for
byte. The feedback entries are compiled into ``helpers/locale/zh_CN/LC_MESSAGES/helpers.mo``,
which ``helpers.i18n`` reads at run time with the standard library.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import io
import re
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import nbformat
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from helpers.checks._runner import (
    EQUALS,
    INPLACE_HINT,
    NAMED,
    SHAPE_HINT,
    STUB_HINT,
    WARNING_HINT,
    Check,
)
from helpers.checks._runner import Exercise as _Exercise
from helpers.i18n import LANGUAGE_FILE, LANGUAGES
from tools import tampering

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
LOCALE = ROOT / "locale"
COMPILED = ROOT / "helpers" / "locale"
LANGUAGE = "zh"
CHAPTER = re.compile(r"^(\d\d)_\w+\.ipynb$")
# Fixed dates keep the files byte-for-byte reproducible: they change when the text does.
EPOCH = datetime(2026, 12, 7, tzinfo=timezone.utc)
FEEDBACK_NOTE = (
    "Shown to a learner by a check. Keep {fields}, `code` and maths as they are; "
    "the sentence may be reordered around them."
)
# The files (besides the chapters' check modules) whose tr("...") templates a learner reads.
COURSE_SOURCES = (
    "course.py",
    "helpers",
    "tools/workspace.py",
    "tools/grade.py",
    "tools/tampering.py",
    "tools/build_book.py",
)
# An English word: three letters or more, or one of the short words a phrase needs ("0.5 at x = 0").
_WORD = re.compile(r"[A-Za-z]{3,}|\b(?:at|is|of|in|to|or|by|on|an|if|as|be|no|it|so)\b")
_FIELD = re.compile(r"\{\w*\}")


def folder(language: str = LANGUAGE) -> Path:
    """Where the PO files of ``language`` live."""
    return LOCALE / str(LANGUAGES[language]) / "LC_MESSAGES"


def chapters() -> list[Path]:
    return sorted(p for p in NOTEBOOKS.glob("*.ipynb") if CHAPTER.match(p.name))


def translated_notebook_path(chapter: Path, language: str = LANGUAGE) -> Path:
    return NOTEBOOKS / language / chapter.name


# --- what there is to translate ----------------------------------------------------------------


def worth_translating(text: object) -> bool:
    """Text a learner reads as words: an English word once the {fields} are gone.

    Pure maths or values ("x = [-2, 0, 2]") read the same in every language."""
    return isinstance(text, str) and bool(_WORD.search(_FIELD.sub("", text)))


def _table_strings(check: Check) -> Iterator[str]:
    """Every string of a check's tables that can reach a learner."""
    if isinstance(check.summary, str):
        yield check.summary
    for exercise in check.exercises:
        yield from (exercise.hint, exercise.inplace_hint, exercise.inplace_message)
        yield from (exercise.part_label, exercise.shape_hint)
        yield from (exercise.crash_hint, exercise.warning_hint)
        yield from exercise.part_hints.values()
        for case in exercise.cases():
            yield from (case.shown, case.hint)
        for mistake in exercise.mistakes:
            yield from (mistake.what, mistake.hint, mistake.note, mistake.message)


def templates(path: Path) -> Iterator[tuple[str, int]]:
    """The literal first arguments of ``tr(...)`` calls in a Python file, with their lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "tr"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value, node.lineno


def check_module(chapter: Path) -> Path | None:
    number = CHAPTER.match(chapter.name).group(1)  # type: ignore[union-attr]
    found = sorted((ROOT / "helpers" / "checks").glob(f"ch{number}_*.py"))
    return found[0] if found else None


def feedback_strings(module_path: Path) -> dict[str, int | None]:
    """A chapter's check sentences → the line of their ``tr`` template (None: from the tables)."""
    module = importlib.import_module(f"helpers.checks.{module_path.stem}")
    found: dict[str, int | None] = {}
    for value in vars(module).values():
        if isinstance(value, Check):
            for text in _table_strings(value):
                if worth_translating(text):
                    found.setdefault(text, None)
    for text, line in templates(module_path):
        if worth_translating(text):
            found[text] = line
    return found


def course_strings() -> dict[tuple[str, str], int | None]:
    """(file, sentence) → line, for everything outside the chapters a learner reads."""
    found: dict[tuple[str, str], int | None] = {}
    defaults = _Exercise.__dataclass_fields__
    runner = "helpers/checks/_runner.py"
    for text in (
        STUB_HINT,
        WARNING_HINT,
        SHAPE_HINT,
        INPLACE_HINT,
        NAMED,
        EQUALS,
        "did you forget `return`?",
    ):
        found[(runner, text)] = None
    for name in ("inplace_message", "part_label"):
        found[(runner, defaults[name].default)] = None
    # The grader's tampering reasons: phrases kept in tables, translated where they are used.
    for table in (tampering.CALLS, tampering.MODULES, tampering.ATTRIBUTES):
        for text in table.values():
            found[("tools/tampering.py", text)] = None
    for source in COURSE_SOURCES:
        path = ROOT / source
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            if file.parent.name == "checks" and file.name.startswith("ch"):
                continue  # a chapter's own catalogue has it
            for text, line in templates(file):
                if worth_translating(text):
                    found[(file.relative_to(ROOT).as_posix(), text)] = line
    return {key: line for key, line in found.items() if worth_translating(key[1])}


def _new_catalog(domain: str) -> Catalog:
    catalog = Catalog(
        locale=LANGUAGES[LANGUAGE],
        domain=domain,
        project="activation-course",
        version=domain,
        copyright_holder="the course's authors",
        msgid_bugs_address="the course's issue tracker",
        creation_date=EPOCH,
        revision_date=EPOCH,
        last_translator="the course's translators",
        language_team="简体中文",
        fuzzy=False,
        header_comment=(
            "# Chinese (zh_CN) catalogue of the activation-function course. The English text is\n"
            "# each message id: `python3 course.py translate update` refreshes this file."
        ),
    )
    return catalog


def template(name: str) -> Catalog:
    """The English entries of catalogue ``name`` ("course", or a chapter's file stem)."""
    catalog = _new_catalog(name)
    if name == "course":
        for (source, text), line in course_strings().items():
            catalog.add(text, locations=[(source, line)], auto_comments=[FEEDBACK_NOTE])
        return catalog
    chapter = NOTEBOOKS / f"{name}.ipynb"
    notebook = nbformat.read(chapter, as_version=4)
    shared = {text for _, text in course_strings()}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and cell.source.strip():
            # Cells are numbered from 1 in the locations, as JupyterLab's status bar does.
            catalog.add(cell.source, locations=[(f"notebooks/{chapter.name}", index + 1)])
    module = check_module(chapter)
    if module is not None:
        source = module.relative_to(ROOT).as_posix()
        for text, line in feedback_strings(module).items():
            if text not in shared and text not in catalog:
                catalog.add(text, locations=[(source, line)], auto_comments=[FEEDBACK_NOTE])
    return catalog


def catalogue_names() -> list[str]:
    return [chapter.stem for chapter in chapters()] + ["course"]


def read(name: str, language: str = LANGUAGE) -> Catalog:
    path = folder(language) / f"{name}.po"
    if not path.exists():
        return _new_catalog(name)
    with path.open("rb") as file:
        catalog = read_po(file, locale=LANGUAGES[language], domain=name)
    # Babel writes a multi-line previous msgid ("#| msgid ...", see `render`) in a form it reads
    # back as translator comments; without this, each later write kept them as clutter.
    for message in catalog:
        message.user_comments = [c for c in message.user_comments if not c.startswith("| ")]
    return catalog


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, include_previous=True)
    return buffer.getvalue()


def updated(name: str, language: str = LANGUAGE) -> Catalog:
    """Catalogue ``name`` merged with today's English: new entries untranslated, edited ones
    fuzzy (with the previous English), vanished ones dropped. The file is not touched."""
    catalog = read(name, language)
    catalog.update(template(name), update_creation_date=False)
    catalog.revision_date = EPOCH
    for message in catalog:  # "50 %" and LaTeX's {x} are no formats (tests check the fields)
        message.flags -= {"python-format", "python-brace-format"}
    return catalog


def problems(catalog: Catalog) -> dict[str, list[str]]:
    """The entries still to do: ``{"untranslated": [...], "fuzzy": [...]}`` (English, shortened)."""
    todo: dict[str, list[str]] = {"untranslated": [], "fuzzy": []}
    for message in catalog:
        if not message.id:
            continue
        where = ", ".join(f"{file}:{line}" if line else file for file, line in message.locations)
        label = f"{where}: {str(message.id)[:70]!r}"
        if message.fuzzy:
            todo["fuzzy"].append(label)
        elif not message.string:
            todo["untranslated"].append(label)
    return todo


# --- what is built from the catalogues ---------------------------------------------------------


def translations(catalog: Catalog) -> dict[str, str]:
    """English → translation, for the finished entries only (fuzzy ones are not used)."""
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and m.string and not m.fuzzy and isinstance(m.id, str)
    }


def translated_notebook(chapter: Path, catalog: Catalog) -> nbformat.NotebookNode:
    """``chapter`` with each markdown cell in the catalogue's language (English where the entry
    is not done); every other byte as in the English notebook."""
    notebook = nbformat.read(chapter, as_version=4)
    done = translations(catalog)
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source in done:
            cell.source = done[cell.source]
    return notebook


def notebook_bytes(notebook: nbformat.NotebookNode) -> bytes:
    return (nbformat.writes(notebook) + "\n").encode("utf-8")


def compiled(language: str = LANGUAGE) -> bytes:
    """The run-time catalogue: every finished feedback entry of every PO file, as a .mo file."""
    catalog = _new_catalog("helpers")
    for name in catalogue_names():
        for message in read(name, language):
            is_feedback = any(not file.startswith("notebooks/") for file, _ in message.locations)
            if message.id and message.string and not message.fuzzy and is_feedback:
                catalog.add(message.id, message.string)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def mo_path(language: str = LANGUAGE) -> Path:
    return COMPILED / str(LANGUAGES[language]) / "LC_MESSAGES" / "helpers.mo"


def built_files(language: str = LANGUAGE) -> dict[Path, bytes]:
    """Every file ``build`` writes, with its content."""
    files = {mo_path(language): compiled(language)}
    files[NOTEBOOKS / language / LANGUAGE_FILE] = f"{language}\n".encode()
    for chapter in chapters():
        notebook = translated_notebook(chapter, read(chapter.stem, language))
        files[translated_notebook_path(chapter, language)] = notebook_bytes(notebook)
    return files


# --- the command line --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "build", "status"])
    parser.add_argument("names", nargs="*", help="catalogues (default: all), e.g. 06_sigmoid")
    args = parser.parse_args(argv)
    names = args.names or catalogue_names()
    unknown = sorted(set(names) - set(catalogue_names()))
    if unknown:
        parser.error(f"no catalogue {', '.join(unknown)}; known: {', '.join(catalogue_names())}")
    if args.command == "update":
        folder().mkdir(parents=True, exist_ok=True)
        for name in names:
            path = folder() / f"{name}.po"
            data = render(updated(name))
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
                print(f"updated {path.relative_to(ROOT)}")
        return 0
    if args.command == "build":
        for path, data in built_files().items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
                print(f"wrote {path.relative_to(ROOT)}")
        return 0
    missing = 0
    for name in names:
        catalog = updated(name)
        todo = problems(catalog)
        missing += sum(len(v) for v in todo.values())
        entries = len([m for m in catalog if m.id])
        print(f"{name:<34} {entries:4d} entries, {len(todo['untranslated']):4d} untranslated, "
              f"{len(todo['fuzzy']):4d} fuzzy")  # fmt: skip
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
