"""Re-execute notebooks in place, top to bottom, each in a fresh kernel.

    python3 course.py execute                         # every chapter
    python3 course.py execute notebooks/01_*.ipynb    # just these

Stored outputs are what strict nbval compares against, so run this after changing
`helpers` or a chapter. Widget state is not kept (it is large and rebuilt when the notebook runs).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from tools.kernel_client import PolledKernelManager

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def execute(path: Path, timeout: int = 300) -> float:
    """Run one notebook in place in a fresh `python3` kernel; return the seconds it took."""
    nb = nbformat.read(path, as_version=4)
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata.pop("widgets", None)
    start = time.perf_counter()
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        kernel_manager_class=PolledKernelManager,
        resources={"metadata": {"path": str(path.parent)}},
        # Widget state is dropped after the run (see below); turning storage off instead
        # trips nbclient's Output-widget hook, which writes into that state.
        store_widget_state=True,
    )
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        # Timing metadata changes every run and would make every re-run a diff.
        cell.metadata.pop("execution", None)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not paths:
        print("No notebooks found.", file=sys.stderr)
        return 1
    for path in paths:
        if path.suffix != ".ipynb" or not path.is_file():
            print(f"Not a notebook file: {path}", file=sys.stderr)
            return 2
        seconds = execute(path.resolve())
        print(f"{seconds:6.1f} s  {path.name}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
