"""The Chinese edition cannot drift from the English one.

- Each catalogue (locale/zh_CN/LC_MESSAGES/*.po) holds exactly today's English, every entry
  translated and none fuzzy; a failure lists the entries, so an English edit names what to redo.
- A translation keeps what must not change: {fields}, `code`, maths, link targets, headings.
- The key terms of locale/glossary.tsv are translated the same way everywhere, and every
  chapter's glossary table takes its rows from that one list.
- notebooks/zh/ and helpers' compiled catalogue are exactly what `translate build` writes, and
  a Chinese notebook differs from its English one in markdown text only.
- In Chinese, every check answers in Chinese: its ✓ line, and every catalogued mistake's message
  and hint (and an uncatalogued wrong answer's).
"""

from __future__ import annotations

import collections
import csv
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from _mutation import stub

import helpers.checks as checks
from helpers import i18n
from helpers.checks import ExerciseFailure
from helpers.checks._runner import Check
from tools import translation

NAMES = translation.catalogue_names()
CHAPTERS = translation.chapters()
GLOSSARY = translation.LOCALE / "glossary.tsv"
CJK = re.compile(r"[\u4e00-\u9fff]")


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return list(csv.DictReader(lines, delimiter="\t"))


@pytest.fixture(scope="module")
def catalogues() -> dict[str, object]:
    return {name: translation.read(name) for name in NAMES}


# --- the catalogues follow the English ---------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_the_catalogue_holds_todays_english_all_translated(name: str) -> None:
    committed = {m.id for m in translation.read(name) if m.id}
    merged = translation.updated(name)
    wanted = {m.id for m in merged if m.id}
    gone = sorted(str(text)[:70] for text in committed - wanted)
    todo = translation.problems(merged)
    report = "\n".join(
        [f"no longer in the English: {text!r}" for text in gone]
        + [f"{kind}: {entry}" for kind, entries in todo.items() for entry in entries]
    )
    assert not report, f"`python3 course.py translate update {name}`, then translate:\n{report}"


def test_an_edited_paragraph_becomes_fuzzy_and_is_listed() -> None:
    """The mechanism behind the test above, shown on a copy: edit one translated English cell."""
    name = "06_sigmoid"
    catalog, template = translation.read(name), translation.template(name)
    first = next(m for m in template if m.id and m.locations[0][0].startswith("notebooks/"))
    catalog[first.id].string = catalog[first.id].string or "已译"
    edited = translation._new_catalog(name)
    for message in template:
        if message.id:
            text = str(message.id) + (" Now edited." if message is first else "")
            edited.add(text, locations=message.locations)
    catalog.update(edited, update_creation_date=False)
    todo = translation.problems(catalog)
    assert [entry.split(": ", 1)[0] for entry in todo["fuzzy"]] == ["notebooks/06_sigmoid.ipynb:1"]
    entry = catalog[str(first.id) + " Now edited."]
    assert entry.fuzzy and entry.previous_id == [first.id] and entry.string
    assert str(first.id) + " Now edited." not in translation.translations(catalog)


def test_a_long_previous_msgid_does_not_come_back_as_comments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Babel writes a multi-line previous msgid in a form it reads back as translator comments;
    each write then kept them. Reading drops them, so a file survives any number of writes."""
    committed = translation.folder()
    monkeypatch.setattr(translation, "folder", lambda language=translation.LANGUAGE: tmp_path)
    catalog = translation._new_catalog("x")
    previous = "A first line of English that is long enough to be wrapped by the writer,\n" * 3
    catalog.add("The edited paragraph", "已译", flags=["fuzzy"], previous_id=previous)
    (tmp_path / "x.po").write_bytes(translation.render(catalog))
    assert b"#| msgid" in (tmp_path / "x.po").read_bytes()  # the form babel cannot read back
    entry = translation.read("x")["The edited paragraph"]
    assert entry.user_comments == [] and entry.string == "已译"
    stale = [p.name for p in committed.glob("*.po") if b"\n# | " in p.read_bytes()]
    assert not stale, "previous-msgid comments left over: read and render these files again"


_FIELD = re.compile(r"\{\w*\}")
_CODE = re.compile(r"`[^`\n]+`")
_MATH = re.compile(r"\$\$.+?\$\$|\$[^$]+\$", re.DOTALL)  # inline maths may wrap a line
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^(#+) ", re.MULTILINE)


def kept(english: str, chinese: str) -> list[str]:
    """What a translation lost of what must stay as it is (empty: nothing)."""
    lost = []
    for label, pattern in (("field", _FIELD), ("code", _CODE), ("maths", _MATH), ("link", _LINK)):
        missing = collections.Counter(pattern.findall(english))
        missing.subtract(pattern.findall(chinese))
        lost += [f"{label} {item!r}" for item, count in missing.items() if count > 0]
    if _HEADING.findall(english) != _HEADING.findall(chinese):
        lost.append(f"headings {_HEADING.findall(english)} became {_HEADING.findall(chinese)}")
    return lost


def test_kept_names_what_a_translation_lost() -> None:
    english = "## 1. Idea\n\nFor {shown}, `relu(x)` is $\\max(0, x)$; see [02](02_forward.ipynb)."
    assert (
        kept(
            english,
            "## 1. 思路\n\n对 {shown}，`relu(x)` 是 $\\max(0, x)$；见 [02](02_forward.ipynb)。",
        )
        == []
    )
    lost = kept(english, "### 1. 思路\n\n对 {case}，relu(x) 是 $max(0, x)$；见 [02](03.ipynb)。")
    assert len(lost) == 5, lost


@pytest.mark.parametrize("name", NAMES)
def test_a_translation_keeps_fields_code_maths_links_and_headings(name: str, catalogues) -> None:
    damaged = [
        f"{str(m.id)[:50]!r}: {', '.join(lost)}"
        for m in catalogues[name]
        if m.id and m.string and (lost := kept(str(m.id), str(m.string)))
    ]
    assert not damaged, "\n".join(damaged)


# --- one term list -----------------------------------------------------------------------------


def _glossary_rows(source: str) -> list[tuple[str, str]]:
    return re.findall(r"^\| (.+?) \| (.+?) \|$", source, re.MULTILINE)[1:]  # [0] is the header


def test_every_glossary_table_takes_its_rows_from_the_term_list() -> None:
    terms = {row["english"]: row["chinese"] for row in _rows(GLOSSARY)}
    wrong = []
    for chapter in CHAPTERS:
        for cell in nbformat.read(chapter, as_version=4).cells:
            if cell.cell_type == "markdown" and "| English | 中文 |" in cell.source:
                rows = [row for row in _glossary_rows(cell.source) if row[0] != "---"]
                assert rows, f"{chapter.name}: an empty glossary table"
                wrong += [f"{chapter.name}: {en} | {zh}" for en, zh in rows if terms.get(en) != zh]
    assert not wrong, "rows not as in locale/glossary.tsv:\n" + "\n".join(wrong)


def test_key_terms_are_translated_the_same_way_everywhere(catalogues) -> None:
    rules = [(row["english"], row["consistent"]) for row in _rows(GLOSSARY) if row["consistent"]]
    assert len(rules) >= 10
    patterns = [(re.compile(rf"\b{re.escape(en)}s?\b", re.I), zh) for en, zh in rules]
    off = [
        f"{name}: {str(m.id)[:60]!r} has {pattern.pattern[2:-4]!r} but not {zh}"
        for name, catalog in catalogues.items()
        for m in catalog
        if m.id and m.string
        for pattern, zh in patterns
        if pattern.search(str(m.id)) and zh not in str(m.string)
    ]
    assert not off, "\n".join(off)


# --- what is built from them -------------------------------------------------------------------


def test_the_built_files_are_what_the_catalogues_make() -> None:
    stale = [
        str(path.relative_to(translation.ROOT))
        for path, data in translation.built_files().items()
        if not path.exists() or path.read_bytes() != data
    ]
    assert not stale, f"stale (`python3 course.py translate build`): {stale}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=[c.stem for c in CHAPTERS])
def test_a_chinese_chapter_differs_from_the_english_in_markdown_text_only(chapter: Path) -> None:
    english = nbformat.read(chapter, as_version=4)
    chinese = nbformat.read(translation.translated_notebook_path(chapter), as_version=4)
    assert chinese.metadata == english.metadata
    assert [c.cell_type for c in chinese.cells] == [c.cell_type for c in english.cells]
    for mine, theirs in zip(chinese.cells, english.cells, strict=True):
        if theirs.cell_type == "markdown":
            assert (mine.id, mine.metadata) == (theirs.id, theirs.metadata)
            assert CJK.search(mine.source), f"not translated: {theirs.source[:60]!r}"
        else:
            assert mine == theirs, f"cell {theirs.id} differs from the English"


def test_links_in_the_chinese_chapters_lead_to_chinese_chapters() -> None:
    folder = translation.NOTEBOOKS / translation.LANGUAGE
    assert (folder / i18n.LANGUAGE_FILE).read_text(encoding="utf-8").strip() == "zh"
    broken = [
        f"{path.name}: {target}"
        for path in sorted(folder.glob("*.ipynb"))
        for cell in nbformat.read(path, as_version=4).cells
        if cell.cell_type == "markdown"
        for target in _LINK.findall(cell.source)
        if "://" not in target
        and not target.startswith("#")
        and not (folder / target.split("#")[0]).is_file()
    ]
    assert not broken, broken


# --- the checks speak the learner's language ---------------------------------------------------


def test_the_language_comes_from_the_environment_then_the_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("COURSE_LANG", raising=False)
    assert i18n.language(tmp_path) == "en"
    (tmp_path / i18n.LANGUAGE_FILE).write_text("zh\n", encoding="utf-8")
    assert i18n.language(tmp_path) == "zh"
    monkeypatch.setenv("COURSE_LANG", "en")
    assert i18n.language(tmp_path) == "en"
    monkeypatch.setenv("COURSE_LANG", "fr")
    with pytest.raises(ValueError, match="unknown course language 'fr'; known: en, zh"):
        i18n.language(tmp_path)


def test_tr_translates_then_formats(monkeypatch) -> None:
    template = "for {shown} the function returned None."
    monkeypatch.setenv("COURSE_LANG", "en")
    assert i18n.tr(template, shown="x = 1") == "for x = 1 the function returned None."
    monkeypatch.setenv("COURSE_LANG", "zh")
    chinese = i18n.tr(template, shown="x = 1")
    assert CJK.search(chinese) and "x = 1" in chinese
    assert i18n.tr("a sentence no catalogue has") == "a sentence no catalogue has"


_FOREIGN = [  # text in a message that is not the course's to translate
    re.compile(r"`[^`]*`|\$[^$]*\$"),  # code and maths
    re.compile(r"'[^']*'|\"[^\"]*\""),  # quoted values, reprs, the learner's own error text
    re.compile(r"\w+ encountered in \w+|divide by zero"),  # numpy's warnings
    re.compile(r"array of shape \([^)]*\): .*", re.S),
]
_ENGLISH_RUN = re.compile(r"\b[A-Za-z]{2,}(?:[ ,-]+[A-Za-z]{2,}){3,}\b")


def english_left(text: str) -> list[str]:
    """Runs of four or more English words left in ``text`` once code, maths and values go."""
    for pattern in _FOREIGN:
        text = pattern.sub(" ", text)
    return _ENGLISH_RUN.findall(text)


def test_english_left_finds_an_untranslated_sentence() -> None:
    assert english_left("对 x = 1，`np.exp(x)` 溢出了：numpy (overflow encountered in exp)") == []
    assert english_left("对 x = 1，you forgot the minus sign") == ["you forgot the minus sign"]


CHECKS = {
    name.removeprefix("check_"): obj
    for name in checks.__all__
    if isinstance(obj := getattr(checks, name), Check)
}
MODULE_OF = {
    id(value): module.__name__.rsplit(".", 1)[-1]
    for module in vars(checks).values()
    if getattr(module, "__name__", "").startswith("helpers.checks.ch")
    for value in vars(module).values()
    if isinstance(value, Check)
}
CHECK_IDS = [f"{MODULE_OF.get(id(c), '?')}-{name}" for name, c in CHECKS.items()]


def _perturbed(value):
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value * 1.37 + 0.41
    if isinstance(value, float):
        return value * 1.37 + 0.41
    if isinstance(value, (tuple, list)):
        return type(value)(_perturbed(item) for item in value)
    return value


def _in_chinese(message: str, where: str) -> None:
    if not translation.worth_translating(message):
        return  # a bare formula ("z = x @ w + b") reads the same in both languages
    assert CJK.search(message), f"{where}: no Chinese in {message!r}"
    assert not english_left(message), (
        f"{where}: English left {english_left(message)} in {message!r}"
    )


@pytest.mark.parametrize("check", CHECKS.values(), ids=CHECK_IDS)
def test_every_check_answers_in_chinese(check: Check, monkeypatch, capsys) -> None:
    monkeypatch.setenv("COURSE_LANG", "zh")
    references = [exercise.reference for exercise in check.exercises]
    check(*references)
    _in_chinese(capsys.readouterr().out.split(":", 1)[1], "the ✓ line")
    for index, exercise in enumerate(check.exercises):
        wrong_answers = [("a stub", stub)]
        wrong_answers += [
            (f"mistake {m.what!r}", exercise.wrong_version(m)) for m in exercise.mistakes
        ]
        reference = exercise.reference
        wrong_answers.append(
            ("an uncatalogued wrong answer", lambda *a, r=reference: _perturbed(r(*a)))
        )
        for label, wrong in wrong_answers:
            functions = list(references)
            functions[index] = wrong
            try:
                check(*functions)
            except ExerciseFailure as error:
                failure = error.failure
                _in_chinese(failure.message, f"{exercise.name}, {label}")
                if failure.hint:
                    _in_chinese(failure.hint, f"{exercise.name}, {label}, hint")


def test_a_sentence_in_several_catalogues_has_one_translation(catalogues) -> None:
    """The run-time catalogue keeps one translation per English sentence: they must agree."""
    found: dict[str, dict[str, list[str]]] = {}
    for name, catalog in catalogues.items():
        for m in catalog:
            if m.id and m.string:
                found.setdefault(str(m.id), {}).setdefault(str(m.string), []).append(name)
    clashes = [
        f"{english!r}: {versions}" for english, versions in found.items() if len(versions) > 1
    ]
    assert not clashes, "\n".join(clashes)
