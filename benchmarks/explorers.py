"""How long does a learner wait after letting go of a slider? One run prints one markdown table.

For every chapter, the notebook runs in a fresh kernel, cell by cell, up to its last explorer.
After each cell the kernel is asked for the ``helpers.widgets.Explorer`` objects made since the
last cell (a wrapper around ``Explorer.__init__``, installed before the chapter's first cell,
collects them; each is named after the global that holds it). Each new
explorer is timed where it lives, in that kernel: every control in turn is set to a few other
valid values with ``explorer.redraw(**{name: value})``, and each call is timed with
``perf_counter``. A redraw is what a slider release costs in the kernel: the chapter's ``draw``
function, the PNG rendering of the figure (layout, text, pixels), and the display message sent
to the Output widget. What the browser adds (the websocket round trip and decoding the image) is
measured by tests/test_e2e_browser.py, which records it in test-artifacts/e2e-timings.json.

Goal: a redraw within 150 ms, the point where a response stops feeling immediate. The table
gives the best and the median of all timed redraws of each explorer, the median time spent in
the chapter's own ``draw`` function (the rest is PNG rendering and messaging), and the control
whose redraws were slowest. The exit status is 1 when a chapter has no explorer.

    .venv/bin/python benchmarks/explorers.py                        # every chapter, ~3 minutes
    .venv/bin/python benchmarks/explorers.py notebooks/06_*.ipynb --repeats 10
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools.kernel_client import PolledKernelManager  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
GOAL_MS = 150.0
MARKER = "@@explorers@@"

# Runs in the chapter's kernel. Names start with _bench_ so they cannot clash with a chapter's.
PROBE = """
import helpers.widgets as _bench_widgets
from helpers.sliders import other_values as _bench_other_values

_bench_created = []
_bench_init = _bench_widgets.Explorer.__init__


def _bench_register(self, *args, **kwargs):
    # Every Explorer made from now on, however it is held (a global, a list, nothing at all).
    _bench_init(self, *args, **kwargs)
    _bench_created.append(self)


_bench_widgets.Explorer.__init__ = _bench_register


def _bench_new_explorers(repeats):
    import json, time

    found = _bench_created[globals().setdefault("_bench_seen", 0) :]
    globals()["_bench_seen"] = len(_bench_created)
    names = {id(v): k for k, v in globals().items() if isinstance(v, _bench_widgets.Explorer)}
    report = []
    for explorer in found:
        per_control, in_draw = {}, []
        draw = explorer._draw  # wrapped to split a redraw into the chapter's drawing and the rest

        def timed_draw(*figure, **values):  # an updating explorer passes its figure first
            t0 = time.perf_counter()
            figure = draw(*figure, **values)
            in_draw.append(1e3 * (time.perf_counter() - t0))
            return figure

        explorer._draw = timed_draw
        for name, control in explorer.controls.items():
            start, others = control.value, _bench_other_values(control)
            times = []
            for i in range(repeats if others else 0):
                t0 = time.perf_counter()
                explorer.redraw(**{name: others[i % len(others)]})
                times.append(1e3 * (time.perf_counter() - t0))
            if times:
                per_control[name] = times
                explorer.redraw(**{name: start})
                in_draw.pop()  # the reset is not timed
        explorer._draw = draw
        report.append(
            {"name": names.get(id(explorer), "(unnamed)"), "times": per_control, "draw": in_draw}
        )
    print("@@explorers@@" + json.dumps(report))
"""


def _last_explorer_cell(nb: nbformat.NotebookNode) -> int:
    """Index of the last cell that mentions an Explorer: no need to run the chapter past it."""
    hits = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "Explorer" in c.source]
    return hits[-1] if hits else len(nb.cells) - 1


def _probe_output(cell: nbformat.NotebookNode) -> list[dict]:
    for output in cell.outputs:
        text = output.get("text", "")
        if MARKER in text:
            return json.loads(text.split(MARKER, 1)[1])
    return []


def time_explorers(path: Path, repeats: int = 5, timeout: int = 300) -> list[dict]:
    """Run ``path`` up to its last explorer and time every explorer's redraws in that kernel.

    Returns one dict per explorer: ``name`` (the global holding it), ``cell`` (index of the cell
    that created it), ``times`` (control name -> list of redraw milliseconds) and ``draw`` (the
    milliseconds spent inside the chapter's draw function during those redraws). RuntimeError if
    a redraw fails.
    """
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        kernel_manager_class=PolledKernelManager,
        resources={"metadata": {"path": str(path.parent)}},
    )
    found: list[dict] = []
    chapter = nb.cells[: _last_explorer_cell(nb) + 1]
    # nbclient stores each executed cell at its index; the probes get a slot of their own.
    scratch = len(nb.cells)
    nb.cells.append(new_code_cell(PROBE))
    # The kernel's own stderr (start-up notices) is noise here; cell errors arrive as outputs.
    # Explorers do not verify themselves here (the test suite turns that on): only time redraws.
    env = {k: v for k, v in os.environ.items() if k != "HELPERS_VERIFY_EXPLORERS"}
    with client.setup_kernel(stderr=subprocess.DEVNULL, env=env):
        client.execute_cell(nb.cells[scratch], scratch)
        for index, cell in enumerate(chapter):
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)
            probe = nb.cells[scratch] = new_code_cell(f"_bench_new_explorers({repeats})")
            try:
                client.execute_cell(probe, scratch)
            except CellExecutionError as error:
                raise RuntimeError(f"{path.name}: an explorer failed to redraw:\n{error}") from None
            found += [{**entry, "cell": index} for entry in _probe_output(probe)]
    return found


def summarise(entry: dict) -> tuple[float, float, float, str]:
    """Best and median milliseconds over every timed redraw, the median spent in the chapter's
    ``draw`` (the rest is PNG rendering and messaging), and the slowest control by median."""
    every = [t for times in entry["times"].values() for t in times]
    slowest = max(entry["times"], key=lambda name: statistics.median(entry["times"][name]))
    return min(every), statistics.median(every), statistics.median(entry["draw"]), slowest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--repeats", type=int, default=5, help="redraws per control (default 5)")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    print(f"Python {platform.python_version()}; {args.repeats} redraws per control\n")
    print(
        "| chapter | explorer (controls) | best ms | median ms | of which draw() | slowest control "
        "| goal | met? |"
    )
    print("|---|---|---:|---:|---:|---|---|---|")
    rows = met = 0
    without: list[str] = []
    for path in paths:
        explorers = [e for e in time_explorers(path.resolve(), args.repeats) if e["times"]]
        if not explorers:
            without.append(path.name)
        for entry in explorers:
            best, median, in_draw, slowest = summarise(entry)
            ok = median <= GOAL_MS
            rows, met = rows + 1, met + ok
            print(
                f"| {path.stem} | {entry['name']} ({', '.join(entry['times'])}) | {best:.0f} "
                f"| {median:.0f} | {in_draw:.0f} | {slowest} | ≤ {GOAL_MS:.0f} ms "
                f"| {'yes' if ok else 'no'} |",
                flush=True,
            )
    print(f"\n{met} of {rows} explorers met the goal (median redraw ≤ {GOAL_MS:.0f} ms).")
    if without:
        print(f"No helpers.widgets.Explorer found in: {', '.join(without)}")
    return 0 if not without else 1


if __name__ == "__main__":
    sys.exit(main())
