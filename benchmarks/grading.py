"""Grading throughput: submissions per minute, with and without the sandbox, 1 and 2 at a time.

    .venv/bin/python benchmarks/grading.py [--chapter 08] [--submissions 8]

Makes a class of submissions from the chapter's student edition (half solved, half untouched
stubs), grades it in each configuration in one run, and prints one table. Each configuration
grades the same files; a configuration whose scores differ from the others is reported.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tools import grade  # noqa: E402
from tools.sandbox import bwrap_works  # noqa: E402
from tools.student_edition import solved_notebook, student_notebook  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapter", default="08")
    parser.add_argument("--submissions", type=int, default=8)
    args = parser.parse_args()
    chapter = grade.resolve_chapter(args.chapter, [])
    student, _ = student_notebook(chapter)
    solved = solved_notebook(student, chapter)
    items = grade.check_items(nbformat.read(chapter, as_version=4))
    sandboxes = ["none", "bwrap"] if bwrap_works()[0] else ["none"]
    if len(sandboxes) == 1:
        print(f"(no bwrap row: {bwrap_works()[1]})")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for n in range(args.submissions):
            nbformat.write(solved if n % 2 else student, folder / f"student{n:02d}.ipynb")
        files = sorted(folder.iterdir())
        print(f"{len(files)} submissions of {chapter.stem} ({len(items)} checks each), 2 cores")
        print("| sandbox | jobs | seconds | submissions per minute |")
        print("|---|---:|---:|---:|")
        scores = {}
        for sandbox in sandboxes:
            for jobs in (1, 2):
                start = time.perf_counter()
                rows = grade.grade_all(files, items, 60, jobs, sandbox)
                elapsed = time.perf_counter() - start
                scores[sandbox, jobs] = [row.score for row in rows]
                print(f"| {sandbox} | {jobs} | {elapsed:.1f} | {60 * len(files) / elapsed:.1f} |")
        if len({tuple(s) for s in scores.values()}) != 1:
            print(f"Scores differ between configurations: {scores}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
