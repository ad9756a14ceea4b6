"""The language the course speaks to a learner: English, or Chinese (``zh``) on request.

The translations are gettext catalogues, one PO file per chapter plus ``course.po``, in
``locale/zh_CN/LC_MESSAGES/`` (tools/translation.py keeps them in step with the English). The
strings this package shows at run time, exercise feedback above all, are compiled from them into
``helpers/locale/zh_CN/LC_MESSAGES/helpers.mo`` and read here with the standard library's
``gettext``: the English text is the key, so a string without a translation stays English.

The language is, first found: the environment variable ``COURSE_LANG`` (``en`` or ``zh``); the
file ``.course-language`` in the working folder (a notebook's kernel runs in the notebook's
folder: ``notebooks/zh/`` and a Chinese workspace have one); English.

    >>> tr("for {shown} the function returned None.", shown="x = 1")
    'for x = 1 the function returned None.'
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "LANGUAGE_FILE", "language", "speaking", "tr"]

#: Language code → gettext locale folder (None: the source language, English).
LANGUAGES: dict[str, str | None] = {"en": None, "zh": "zh_CN"}
#: The file whose content ("zh") makes a folder's notebooks speak Chinese.
LANGUAGE_FILE = ".course-language"
_CATALOGUES = Path(__file__).resolve().parent / "locale"
_DOMAIN = "helpers"


def language(folder: Path | None = None) -> str:
    """The course language here: ``COURSE_LANG``, else ``folder``'s (default: the working
    folder's) ``.course-language`` file, else ``"en"``."""
    code = os.environ.get("COURSE_LANG", "").strip()
    if not code:
        try:
            code = ((folder or Path.cwd()) / LANGUAGE_FILE).read_text(encoding="utf-8").strip()
        except OSError:
            code = "en"
    if code not in LANGUAGES:
        raise ValueError(f"unknown course language {code!r}; known: {', '.join(LANGUAGES)}")
    return code


@contextmanager
def speaking(code: str) -> Iterator[None]:
    """Within the block the course speaks ``code`` (``COURSE_LANG`` is set, then restored)."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown course language {code!r}; known: {', '.join(LANGUAGES)}")
    before = os.environ.get("COURSE_LANG")
    os.environ["COURSE_LANG"] = code
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("COURSE_LANG", None)
        else:
            os.environ["COURSE_LANG"] = before


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    locale = LANGUAGES[code]
    if locale is None:
        return gettext.NullTranslations()
    try:
        return gettext.translation(_DOMAIN, _CATALOGUES, languages=[locale])
    except FileNotFoundError:
        raise FileNotFoundError(
            f"no {code!r} catalogue in {_CATALOGUES}: `python3 -m tools.translation build` makes it"
        ) from None


# A space the Chinese sentence frames leave between two Chinese characters when a field starts
# with Chinese ("对于 {shown}" with shown = "单个样本"); before a Latin field it belongs there.
_SPACE_IN_CHINESE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def tr(text: str, /, **fields: object) -> str:
    """``text`` in the course language; then, if ``fields`` are given, ``.format(**fields)``.

    Without fields the text is returned as translated, braces and all (hints quote LaTeX)."""
    code = language()
    translated = _catalogue(code).gettext(text) if text else text
    if not fields:
        return translated
    formatted = translated.format(**fields)
    return _SPACE_IN_CHINESE.sub("", formatted) if code == "zh" else formatted
