"""Sphinx configuration of the static edition (the book): ``python3 course.py html`` builds it.

The sources Sphinx reads are staged by ``tools/build_book.py`` (the chapters with their stored
outputs, an index and a glossary page); this file only says how to render them: myst-nb without
executing anything, sphinx-book-theme for the layout (sidebar, in-page contents, search,
previous/next, launch buttons), and MathJax served from the book's own ``_static/mathjax/``
folder, so that formulas are typeset with no network at all (the book also works from disk).
Build it with ``python3 course.py html``, which also puts MathJax in place.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.add_launchers import BRANCH, read_repository  # noqa: E402
from tools.build_book import course_heading  # noqa: E402

# tools/build_book.py passes the course language (--lang): Sphinx's and the theme's own words
# then come in that language, and search splits Chinese text into words with jieba.
COURSE_LANGUAGE = os.environ.get("COURSE_LANG", "en") or "en"
project = course_heading()
author = "the course authors (MIT licence)"
language = {"en": "en", "zh": "zh_CN"}[COURSE_LANGUAGE]

extensions = ["myst_nb"]
exclude_patterns = ["**.ipynb_checkpoints"]
suppress_warnings = ["myst.header"]  # chapter glossaries sit at ### under a ## summary

# The notebooks are committed executed, and nbval checks their outputs: render, never run.
nb_execution_mode = "off"
nb_merge_streams = True
# Explorers are replaced by a note before Sphinx sees them, and no page may load widget code
# from a CDN; an empty mapping makes sure of that even if a notebook kept widget state.
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
myst_enable_extensions = ["dollarmath", "amsmath"]

# MathJax 3 from npm (book/package.json, pinned with its checksum by book/package-lock.json):
# tools/build_book.py installs it and copies its one self-contained file into the book. SVG
# output draws the glyphs itself, so no web font is fetched (Chromium refuses fonts from file://).
mathjax_path = "mathjax/tex-svg-full.js"
mathjax3_config = {
    "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]]},
    "svg": {"fontCache": "global"},
}

REPOSITORY = read_repository(ROOT / "pyproject.toml", placeholder_ok=True)
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
html_css_files = ["course.css"]
html_js_files = ["course.js"]
html_show_copyright = False
html_last_updated_fmt = None
html_copy_source = True  # the "download .ipynb" button serves the chapter's notebook
html_show_sourcelink = False
html_theme_options = {
    "repository_url": f"https://github.com/{REPOSITORY}",
    "repository_branch": BRANCH,
    "path_to_docs": "notebooks" if COURSE_LANGUAGE == "en" else f"notebooks/{COURSE_LANGUAGE}",
    "use_repository_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    },
    # pydata-sphinx-theme >= 0.18 adds a top bar with a second search field; the sidebar has one.
    "navbar_start": [],
    "navbar_center": [],
    "navbar_end": [],
    "navbar_persistent": [],
    "show_toc_level": 2,
    "home_page_in_toc": False,  # the title above the sidebar leads home
    "navigation_with_keys": False,
}
