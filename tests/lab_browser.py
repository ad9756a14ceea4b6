"""A real JupyterLab driven by a real browser, for tests/test_e2e_browser*.py.

``JupyterLab`` starts the server the way a learner's ``python3 course.py lab`` does, but on
127.0.0.1 with a random free port, a random token and throw-away runtime, config, data, settings
and workspace folders, serving a temporary copy of the notebooks (Run All edits and autosaves
them). ``lab_window`` loads JupyterLab in one browser tab, once per test file, and
``ChapterPage`` does in that tab what a learner does: open a chapter with File → Open from Path…,
clear the outputs, Run → Run All Cells, read what appeared, drag a slider, and close the chapter
with File → Close and Shut Down Notebook…. Loading JupyterLab costs about 5 s of browser work;
doing it once per file rather than once per chapter saves that much on each chapter.

The browser is Debian's Chromium (``apt-get install chromium``) or any Chrome found on the PATH,
driven by the Playwright Python package through ``executable_path``: Playwright never downloads
a browser of its own here. ``COURSE_BROWSER=/path/to/chrome`` picks another one.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# As root in a container, without a GPU, with no network but loopback: no sandbox, no GPU, and
# none of the background requests that would each wait for a refused connection.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_NAMES = ("chromium", "google-chrome", "google-chrome-stable", "chromium-browser")
# JupyterLab user settings: every cell in the DOM (the default windowing detaches cells that
# are off screen, which hides their outputs from the checks), and no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}
STDERR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
STDOUT_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stdout"]'
ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHAPTERS = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))


def find_browser() -> str | None:
    """Path of the Chromium to drive: $COURSE_BROWSER, else the first Chrome on the PATH."""
    if chosen := os.environ.get("COURSE_BROWSER"):
        return shutil.which(chosen)
    return next((path for name in BROWSER_NAMES if (path := shutil.which(name))), None)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class JupyterLab:
    """A JupyterLab server for one test session; use it as a context manager."""

    def __init__(self, notebooks: Path, workdir: Path, start_timeout: float = 90.0):
        self.root = workdir / "notebooks"
        self.workdir = workdir
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.start_timeout = start_timeout
        shutil.copytree(notebooks, self.root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        self.log_path = workdir / "jupyterlab.log"
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> JupyterLab:
        settings = self.workdir / "settings"
        for plugin, values in LAB_SETTINGS.items():
            path = settings / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        # Kernels run as a learner's do: explorers do not verify themselves here (nbval covers
        # that), so a deliberately broken explorer reaches the browser checks.
        learner = {k: v for k, v in os.environ.items() if k != "HELPERS_VERIFY_EXPLORERS"}
        env = {
            **learner,
            **{f"JUPYTER_{d.upper()}_DIR": str(self.workdir / d) for d in ("runtime", "config")},
            "JUPYTER_DATA_DIR": str(self.workdir / "data"),
            "JUPYTER_PLATFORM_DIRS": "1",
        }
        command = [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}", f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={self.workdir / 'workspaces'}",
            "--LabApp.extension_manager=readonly",
        ]  # fmt: skip
        with self.log_path.open("wb") as log:  # the child keeps its own copy of the handle
            self._process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        try:
            self._wait_until_up()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited at start:\n{self.log_tail()}")
            try:
                self.api("status")
                return
            except OSError:
                time.sleep(0.25)
        raise TimeoutError(f"JupyterLab did not answer in {self.start_timeout:.0f} s")

    def __exit__(self, *exc_info: object) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def url(self) -> str:
        """JupyterLab in a workspace of its own, reset so that no earlier tab is restored."""
        return f"{self.base}/lab/workspaces/e2e?reset&token={self.token}"

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            f"{self.base}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def kernel_state(self, notebook: str) -> str | None:
        """The execution state of the kernel of ``notebook`` once a browser is connected to it."""
        for session in self.api("sessions"):
            if session["path"] == notebook and session["kernel"]["connections"] > 0:
                return session["kernel"]["execution_state"]
        return None

    def shut_down_kernels(self) -> None:
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")


def wait_until(condition: Any, timeout: float, what: str, interval: float = 0.25) -> None:
    """Poll ``condition()`` until it is truthy; TimeoutError naming ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


@contextmanager
def lab_window(browser: Any, lab: JupyterLab) -> Iterator[Any]:
    """A browser tab with JupyterLab loaded and its file browser shown; yields the Playwright
    page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        load_lab(page, lab)
        yield page
    finally:
        context.close()


def load_lab(page: Any, lab: JupyterLab, timeout: float = 90.0) -> None:
    page.goto(lab.url())
    page.locator(".jp-DirListing-item").first.wait_for(timeout=timeout * 1000)


class ChapterPage:
    """One chapter open in JupyterLab's browser tab, driven through its own menus and widgets."""

    # A code cell's prompt reads "[ ]:" before it runs, "[*]:" while queued or running, "[7]:"
    # after; it is empty when the cell's source is hidden. Run All stops at an error: done too.
    _ALL_RAN = """(stderr) => {
        if (document.querySelector(stderr) !== null) return true;
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
            .map(p => p.textContent.trim()).filter(text => text !== '');
        return prompts.length > 0 && prompts.every(text => /^\\[\\d+\\]:$/.test(text));
    }"""
    _FIGURE_CHANGED = """([box, before]) => {
        const img = box.querySelector('.widget-output img');
        return img !== null && img.src !== before;
    }"""

    def __init__(self, page: Any, lab: JupyterLab, notebook: str):
        self.page, self.lab, self.notebook = page, lab, notebook

    def open(self, timeout: float = 90.0) -> None:
        """Open the chapter with File → Open from Path… and wait until its kernel is started,
        connected and idle. A tab that an earlier, failed chapter left in a state of its own (a
        notebook still open, a dialog) is reloaded first, so each chapter starts from a clean
        JupyterLab."""
        if self.page.locator(".jp-NotebookPanel, .jp-Dialog").count():
            load_lab(self.page, self.lab)
        self.menu("File", "Open from Path…")
        path = self.page.locator(".jp-Dialog input")
        path.fill(self.notebook)
        path.press("Enter")
        self.page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=timeout * 1000)
        wait_until(
            lambda: self.lab.kernel_state(self.notebook) == "idle", timeout, "the kernel to start"
        )

    def close(self) -> None:
        """File → Close and Shut Down Notebook…, confirmed: the tab closes and the kernel stops."""
        self.menu("File", "Close and Shut Down Notebook…")
        self.page.locator(".jp-Dialog button.jp-mod-accept").click()
        self.page.locator(".jp-NotebookPanel").wait_for(state="detached")

    def menu(self, *labels: str) -> None:
        """Click through the menu bar, e.g. ``menu("Run", "Run All Cells")``."""
        top, *items = labels
        self.page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
        for label in items:
            self.page.locator(f".lm-Menu-itemLabel:text-is('{label}')").click()

    def prompts(self) -> list[str]:
        """Every code cell's prompt as shown, e.g. ``["[1]:", "", "[3]:"]`` ("" for hidden code)."""
        return [
            p.strip() for p in self.page.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
        ]

    def run_all(self, timeout: float = 180.0) -> None:
        """Clear every output, then Run → Run All Cells, and wait until every code cell has run."""
        self.menu("Edit", "Clear Outputs of All Cells")
        if any(p not in ("[ ]:", "") for p in self.prompts()):
            raise AssertionError(f"outputs were not cleared: prompts {self.prompts()}")
        self.menu("Run", "Run All Cells")
        self.page.wait_for_function(
            self._ALL_RAN, arg=STDERR_OUTPUT, timeout=timeout * 1000, polling=250
        )
        wait_until(lambda: self.lab.kernel_state(self.notebook) == "idle", 60, "the kernel idle")

    def printed(self) -> list[str]:
        """Text of every stdout output (what the cells printed)."""
        return [text.strip() for text in self.page.locator(STDOUT_OUTPUT).all_inner_texts()]

    def error_outputs(self) -> list[str]:
        """Text of every stderr or error output, and of every widget that failed to display."""
        shown = self.page.locator(STDERR_OUTPUT).all_inner_texts()
        broken = self.page.get_by_text("Error displaying widget").all_inner_texts()
        return [text.strip()[:500] for text in shown + broken]

    def explorers(self) -> Any:
        """Locator of every explorer: a widget box that holds controls and an Output."""
        return self.page.locator(".widget-vbox:has(> .widget-output)")

    def change_one_control(self, explorer: Any) -> tuple[str, float]:
        """Drag the explorer's first slider (or pick another option of its first dropdown, when
        it has no slider) as a learner would. Returns what was changed, for messages, and the
        ``time.perf_counter()`` of the release."""
        sliders = explorer.locator(".widget-slider")
        if sliders.count():
            slider = sliders.first
            handle = slider.locator(".noUi-handle").first
            before = slider.locator(".widget-readout").inner_text()
            at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")
            box = handle.bounding_box()
            x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
            self.page.mouse.move(x, y)
            self.page.mouse.down()
            self.page.mouse.move(x + (-80 if at_max else 80), y, steps=8)
            self.page.mouse.up()  # continuous_update=False: the kernel hears of it on release
            released = time.perf_counter()
            label = slider.locator(".widget-label").inner_text()
            after = slider.locator(".widget-readout").inner_text()
            return f"slider {label!r} from {before} to {after}", released
        select = explorer.locator(".widget-dropdown select").first
        current = select.input_value()
        options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
        choice = next(o for o in options if o != current)
        select.select_option(choice)
        return f"dropdown from {current!r} to {choice!r}", time.perf_counter()

    def figure_src(self, explorer: Any) -> str | None:
        image = explorer.locator(".widget-output img")
        return image.first.get_attribute("src") if image.count() else None

    def wait_for_new_figure(self, explorer: Any, before: str | None, timeout: float = 30.0) -> None:
        self.page.wait_for_function(
            self._FIGURE_CHANGED,
            arg=[explorer.element_handle(), before],
            timeout=timeout * 1000,
            polling="raf",
        )


@contextmanager
def launched_chromium() -> Iterator[Any]:
    """A headless Chromium driven by Playwright; skips the test, saying what to install, when
    Playwright or a Chromium is missing."""
    import pytest

    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the Playwright package is not installed: pip install -e '.[e2e]' (see README)",
    )
    executable = find_browser()
    if executable is None:
        pytest.skip("no Chromium found: apt-get install chromium, or set COURSE_BROWSER")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


def expected_prompts(notebook: str) -> list[str]:
    """The prompts of a complete run: "[1]:", "[2]:", ... and "" where a cell's code is hidden."""
    import nbformat

    nb = nbformat.read(NOTEBOOKS / notebook, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    hidden = [cell.metadata.get("jupyter", {}).get("source_hidden", False) for cell in code]
    return ["" if hide else f"[{n}]:" for n, hide in enumerate(hidden, start=1)]


def run_chapter(
    notebook: str, window: Any, lab: JupyterLab, timings: dict[str, dict[str, float]]
) -> list[str]:
    """Open ``notebook`` (a path under notebooks/) in the JupyterLab tab ``window``, Run All,
    check that every cell ran without an error and that its explorer redraws when a control
    moves, close it; return what the cells printed. Screenshots and timings are recorded under
    the notebook's name (``zh-00_start_here``)."""
    stem = notebook.removesuffix(".ipynb").replace("/", "-")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"{stem}*.png"):
        old.unlink()
    chapter = ChapterPage(window, lab, notebook)
    try:
        chapter.open()
        started = time.perf_counter()
        chapter.run_all()
        run_seconds = time.perf_counter() - started

        errors = chapter.error_outputs()
        assert not errors, f"{notebook} shows error output after Run All:\n" + "\n---\n".join(
            errors
        )
        assert chapter.prompts() == expected_prompts(notebook), "not every cell ran, in order"
        printed = chapter.printed()

        explorers = chapter.explorers()
        assert explorers.count() > 0, f"{notebook} shows no explorer (helpers.widgets.Explorer)"
        explorer = explorers.first
        explorer.scroll_into_view_if_needed()
        before = chapter.figure_src(explorer)
        assert before and before.startswith("data:image/png"), "the explorer shows no figure"
        chapter.page.screenshot(path=SCREENSHOTS / f"{stem}.png")

        change, released = chapter.change_one_control(explorer)
        chapter.wait_for_new_figure(explorer, before)
        redraw_ms = 1e3 * (time.perf_counter() - released)
        chapter.page.screenshot(path=SCREENSHOTS / f"{stem}-changed.png")
        assert not chapter.error_outputs(), f"error output after moving the {change}"
        timings[stem] = {"run_all_s": round(run_seconds, 1), "redraw_ms": round(redraw_ms)}
        chapter.close()
        return printed
    except BaseException:
        chapter.page.screenshot(path=SCREENSHOTS / f"{stem}-failed.png")
        raise
    finally:
        lab.shut_down_kernels()
