"""Grade a folder of submitted student notebooks with the course's own exercise checks.

    python3 course.py grade SUBMISSIONS_DIR [--chapter 04] [--out grades] [--timeout 60]
                            [--jobs 1] [--sandbox auto|bwrap|none]

Every file in the folder (dotfiles aside) is one submission; the student is the file name
without its last extension (``alice.ipynb`` -> ``alice``). Each notebook is copied into a fresh
temporary folder and its code cells run there, top to bottom, in a fresh kernel started by a
child process, within --timeout seconds; a child that overruns even that is killed outright,
kernel and all (tools/run_isolated.py). On Linux the child runs under bubblewrap by default
(tools/sandbox.py): no network, a read-only file system but for its own folder, and nothing it
starts outlives it.

After the learner's cells, the kernel only *computes*: for each of the instructor's checks it
calls the learner's functions on the check's cases and writes the plain answers to a file.
The answers are judged here, in the grader's process, against the instructor's tables
(helpers/checks), so deleting, editing or redefining check cells, or rewiring the kernel,
changes nothing, and a renamed function is reported as "function X not defined". An answer
that calls the course's own implementation of the exercise is flagged and not counted, and a
submission whose own code reaches into the kernel's machinery (tools/tampering.py) is flagged
for review and scores 0.

Results: OUT/grades.csv (a row per student, a 1/0 column per check) and OUT/summary.md (scores,
reasons, and each check's feedback). The chapter is --chapter, or read from the stamp the
student edition puts in each notebook's metadata.
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_notebook

from helpers.i18n import LANGUAGES, speaking, tr
from tools.run_isolated import run_isolated
from tools.sandbox import MODES, choose
from tools.student_edition import NOTEBOOKS, exercise_cells, student_notebook
from tools.tampering import chapter_code_lines, find_tampering

MAX_BYTES = 64 * 2**20  # larger files are not read at all
GRACE = 75  # seconds beyond --timeout (kernel start, up to 60 s, and shutdown) before a kill

# Runs first: exit() and quit() would stop the kernel a moment *after* their cell, at a random
# later cell; this makes them fail at once, like sys.exit(), which the kernel survives.
PREAMBLE = """\
def _exit_while_grading(*args, **kwargs):
    raise SystemExit("exit() and quit() do nothing while grading")


get_ipython().ask_exit = _exit_while_grading
"""

# Runs in the learner's kernel after all their cells, once per check. It only *computes*: it
# calls the learner's functions on the check's cases and writes the plain answers (numbers,
# arrays, exception names) to a file. The verdict is reached in the grader's own process
# (`_judged`), from the instructor's tables, so a kernel that was tampered with can change what
# comes back but not how it is judged. `helpers` is imported afresh with the working folder off
# sys.path, so that a planted `helpers` package is not the one used.
ANSWER_CELL = """\
def _course_answer(check, functions, out, workdir):
    import importlib, json, os, sys

    for module in [m for m in sys.modules if m == "helpers" or m.startswith("helpers.")]:
        del sys.modules[module]
    saved = sys.path[:]
    sys.path[:] = [p for p in sys.path if p and not os.path.realpath(p).startswith(workdir)]
    try:
        checks = importlib.import_module("helpers.checks")
        runner = importlib.import_module("helpers.checks._runner")
    finally:
        sys.path[:] = saved
    missing = [name for name in functions if name not in globals()]
    if missing:
        reply = {{"missing": missing}}
    else:
        reply = runner.answer(getattr(checks, check), *(globals()[name] for name in functions))
    with open(out, "w") as file:
        json.dump(reply, file)


_course_answer({check!r}, {functions!r}, {out!r}, {workdir!r})
"""
MAX_ANSWER_BYTES = 64 * 2**20


@dataclass(frozen=True)
class CheckItem:
    """One scored item: a check call from the instructor's check cell after an exercise."""

    name: str  # the check's name without "check_": a column of the score table
    statement: str  # e.g. "check_leaky_relu(leaky_relu, leaky_relu_derivative)"
    functions: tuple[str, ...]  # the learner's functions it is given
    check: str  # the helpers.checks function it calls


@dataclass
class Row:
    student: str
    file: str
    status: str  # graded | timeout | kernel died | invalid | grader error
    reason: str
    points: dict[str, int] = field(default_factory=dict)
    feedback: dict[str, str] = field(default_factory=dict)  # per check: "passed" or why not
    seconds: float = 0.0

    @property
    def score(self) -> int:
        return sum(self.points.values())


def check_items(nb: NotebookNode) -> list[CheckItem]:
    """The instructor's checks, in order: top-level check_* calls in the code cell after each
    exercise cell that take the exercise functions as arguments."""
    import helpers.checks

    known = {name for name in helpers.checks.__all__ if name.startswith("check_")}
    found = exercise_cells(nb)
    exercises = {s.exercise for _, solutions in found for s in solutions}
    items: dict[str, CheckItem] = {}
    for index, _ in found:
        following = [c for c in nb.cells[index + 1 :] if c.cell_type == "code"][:1]
        try:
            body = ast.parse(following[0].source).body if following else []
        except SyntaxError:
            continue
        for statement in body:
            call = statement.value if isinstance(statement, ast.Expr) else None
            if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)):
                continue
            if call.func.id in known:
                args = [
                    n.id for n in ast.walk(call) if isinstance(n, ast.Name) and n.id in exercises
                ]
                name = call.func.id.removeprefix("check_")
                source = ast.get_source_segment(following[0].source, statement) or ""
                items.setdefault(name, CheckItem(name, source, tuple(args), call.func.id))
    return list(items.values())


def load_code_cells(path: Path) -> list[tuple[int, str]]:
    """(cell number, source) of a submission's code cells; ValueError says what is wrong."""
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(tr("file larger than {size} MB, not read", size=MAX_BYTES // 2**20))
    try:
        nb = json.loads(path.read_bytes())
    except RecursionError:
        raise ValueError(tr("invalid JSON (nested too deeply)")) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        if path.suffix != ".ipynb":
            raise ValueError(
                tr("not a notebook: a {kind} file", kind=path.suffix or "plain")
            ) from None
        raise ValueError(tr("invalid JSON ({error}); is the file damaged?", error=error)) from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ValueError(tr("not a Jupyter notebook (JSON without a list of cells)"))
    cells = []
    for number, cell in enumerate(nb["cells"], start=1):
        source = cell.get("source", "") if isinstance(cell, dict) else None
        if isinstance(source, list) and all(isinstance(line, str) for line in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise ValueError(
                tr("not a Jupyter notebook (cell {number} is malformed)", number=number)
            )
        if cell.get("cell_type") == "code":
            cells.append((number, source))
    return cells


def grade_submission(
    path: Path,
    items: list[CheckItem],
    timeout: float,
    sandbox: str = "none",
    chapter_lines: frozenset[str] = frozenset(),
) -> Row:
    """Grade one submission; never raises (a failure becomes the row's reason).

    ``sandbox`` is "bwrap" or "none" (tools/sandbox.py); ``chapter_lines`` are the chapter's
    own code lines, which the scan for kernel tampering leaves alone."""
    start = time.perf_counter()
    row = Row(path.stem, path.name, "invalid", "", {item.name: 0 for item in items})
    try:
        cells = load_code_cells(path)
    except (ValueError, OSError) as error:
        row.reason = str(error)
    else:
        try:
            result, answers = _execute(path, cells, items, timeout, sandbox)
            _score(row, result, answers, cells, items, timeout)
            _flag_tampering(row, cells, chapter_lines)
        except Exception as error:  # a grader bug must not stop the class being graded
            row.status, row.reason = "grader error", f"{type(error).__name__}: {error}"
            row.points = {item.name: 0 for item in items}
    row.seconds = time.perf_counter() - start
    return row


def _execute(
    path: Path, cells: list[tuple[int, str]], items: list[CheckItem], timeout: float, sandbox: str
) -> tuple[dict, dict[str, bytes]]:
    """Run the submission, then an answer cell per check; return the run's result and the
    answer files' bytes by check name (absent when the answer cell did not write one)."""
    with tempfile.TemporaryDirectory(prefix="grade-", ignore_cleanup_errors=True) as tmp:
        workdir = Path(tmp, "work")  # the kernel's folder: a copy of the submission, nothing else
        workdir.mkdir()
        shutil.copyfile(path, workdir / path.name)
        real = os.path.realpath(workdir)
        # Answer files get names the submission cannot know in advance, outside its folder.
        outs = {item.name: Path(tmp, f"answer-{secrets.token_hex(8)}.json") for item in items}
        answering = [
            ANSWER_CELL.format(
                check=item.check, functions=item.functions, out=str(outs[item.name]), workdir=real
            )
            for item in items
        ]
        sources = [PREAMBLE] + [source for _, source in cells] + answering
        nb = new_notebook(cells=[new_code_cell(source) for source in sources])
        run_path = Path(tmp, "run.ipynb")
        nbformat.write(nb, run_path)
        result = run_isolated(run_path, workdir, timeout, timeout + GRACE, sandbox, Path(tmp))
        answers = {
            name: out.read_bytes()[: MAX_ANSWER_BYTES + 1]
            for name, out in outs.items()
            if out.is_file()
        }
        return result, answers


def _judged(item: CheckItem, data: bytes) -> tuple[int, str]:
    """(point, feedback) for one check from the kernel's answer file, judged here."""
    import helpers.checks
    from helpers.checks._runner import Check, judge

    if len(data) > MAX_ANSWER_BYTES:
        return 0, tr("the answers were too large to read")
    try:
        answers = json.loads(data)
    except (ValueError, RecursionError):
        return 0, tr("the answers could not be read")
    if isinstance(answers, dict) and isinstance(answers.get("missing"), list):
        missing = ", ".join(str(name) for name in answers["missing"])
        return 0, tr("NameError: function {names} not defined (renamed or deleted?)", names=missing)
    check = getattr(helpers.checks, item.check)
    if not isinstance(check, Check):
        return 0, f"{item.check} is not a check table"
    failure = judge(check, answers)
    if failure is not None:
        return 0, str(failure)[:1000]
    own = [
        tr(
            "{name} calls the course's own {function}",
            name=exercise.name,
            function=exercise.course_version,
        )
        for exercise, reply in zip(check.exercises, answers, strict=True)
        if exercise.course_version and exercise.course_version in (reply.get("uses") or [])
    ]
    if own:
        text = tr(
            "flagged, not counted: {calls} instead of an answer of its own", calls="; ".join(own)
        )
        return 0, text
    return 1, "passed"


def _score(
    row: Row,
    result: dict,
    answers: dict[str, bytes],
    cells: list,
    items: list[CheckItem],
    timeout: float,
) -> None:
    """Fill in the row's points, per-check feedback, status and reason from the worker's result
    and the answers the kernel wrote, judged here."""
    # Cell 0 of the run is the preamble: index i + 1 of the run is the submission's code cell i.
    replies = {int(index) - 1: reply for index, reply in result.get("replies", {}).items()}
    status, n = result["status"], len(cells)
    for k, item in enumerate(items):
        reply = replies.get(n + k) or {"status": f"not checked ({status})"}
        if reply["status"] == "ok" and item.name in answers:
            row.points[item.name], row.feedback[item.name] = _judged(item, answers[item.name])
        elif "ename" not in reply:
            row.feedback[item.name] = reply["status"]
        else:
            row.feedback[item.name] = f"{reply['ename']}: {str(reply['evalue'])[:1000]}"

    def where(index: int) -> str:
        if index < 0:
            return tr("the start of the kernel")
        if index >= n:
            return tr("the check of {name}", name=items[index - n].name)
        number, source = cells[index]
        first = next((line.strip() for line in source.splitlines() if line.strip()), "")
        return tr("cell {number} (`{line}`)", number=number, line=first[:40])

    passed = tr("{score}/{total} checks passed", score=row.score, total=len(items))
    cell = result.get("cell", 0) - 1
    if status == "finished":
        row.status, row.reason = "graded", passed
        failed = [name for name, text in row.feedback.items() if text != "passed"]
        if failed:
            first = row.feedback[failed[0]].splitlines()[0][:150]
            row.reason += tr(
                "; failed: {names} (first: {first})", names=", ".join(failed), first=first
            )
        errors = sorted(i for i, r in replies.items() if 0 <= i < n and r["status"] != "ok")
        if errors:
            error = f"{where(errors[0])}, {replies[errors[0]]['ename']}"
            row.reason += tr(
                "; {count} of the notebook's cells raised errors, first {error}",
                count=len(errors),
                error=error,
            )
    elif status == "timeout":
        at = (
            tr(", stopped in {where}", where=where(cell))
            if cell >= -1
            else tr(" (the grader killed it)")
        )
        row.status = "timeout"
        row.reason = tr(
            "did not finish within {seconds} s{at}; {passed}",
            seconds=f"{timeout:g}",
            at=at,
            passed=passed,
        )
    elif status == "kernel died":
        row.status = "kernel died"
        row.reason = tr(
            "the kernel died in {where} (os._exit, a crash or out of memory); later cells did not "
            "run; {passed}",
            where=where(cell),
            passed=passed,
        )
    else:
        row.status, row.reason = "grader error", status


def _flag_tampering(row: Row, cells: list[tuple[int, str]], chapter_lines: frozenset[str]) -> None:
    """Score 0, status "flagged", when the submission's own code reaches into the kernel."""
    finding = find_tampering(cells, chapter_lines)
    if finding is None or row.status in {"invalid", "grader error"}:
        return
    would = tr("{score}/{total} checks would have passed", score=row.score, total=len(row.points))
    row.points = dict.fromkeys(row.points, 0)
    row.status = "flagged"
    row.reason = tr(
        "flagged for review: {finding}; scored 0 ({would})", finding=finding, would=would
    )


def resolve_chapter(chapter: str | None, files: list[Path]) -> Path:
    """The instructor notebook: --chapter (a path, "04" or "04_chain_rule"), else the chapter
    the student edition stamped into most of the submissions."""
    if chapter:
        if Path(chapter).is_file():
            return Path(chapter)
        matches = sorted(NOTEBOOKS.glob(f"{chapter}*.ipynb"))
        if len(matches) != 1:
            raise ValueError(
                f"--chapter {chapter!r} matches {len(matches)} notebooks in notebooks/"
            )
        return matches[0]
    known = {path.stem: path for path in NOTEBOOKS.glob("*.ipynb")}
    stamps: Counter[str] = Counter()
    for path in files:
        try:
            if path.stat().st_size > MAX_BYTES:
                continue
            stamp = json.loads(path.read_bytes())["metadata"]["course"]["chapter"]
        except Exception:  # unreadable submissions are graded (as invalid) later, not here
            continue
        if isinstance(stamp, str) and stamp in known:
            stamps[stamp] += 1
    if not stamps:
        raise ValueError(
            "cannot tell which chapter was submitted; pass --chapter, e.g. --chapter 04"
        )
    return known[stamps.most_common(1)[0][0]]


def grade_all(
    files: list[Path],
    items: list[CheckItem],
    timeout: float,
    jobs: int = 1,
    sandbox: str = "none",
    chapter_lines: frozenset[str] = frozenset(),
) -> list[Row]:
    """Grade every file (``jobs`` at a time), printing one progress line per submission."""
    rows: dict[Path, Row] = {}
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {
            pool.submit(grade_submission, path, items, timeout, sandbox, chapter_lines): path
            for path in files
        }
        for done, future in enumerate(as_completed(futures), start=1):
            row = rows[futures[future]] = future.result()
            elapsed = time.perf_counter() - start
            left = elapsed / done * (len(files) - done)
            print(
                f"[{done:>{len(str(len(files)))}}/{len(files)}] {row.file}: "
                f"{row.score}/{len(items)} {row.status} "
                f"({row.seconds:.1f} s; about {left:.0f} s left)",
                file=sys.stderr,
                flush=True,
            )
    return [rows[path] for path in files]


def _safe(text: str) -> str:
    # Spreadsheets run cells that start with these as formulas; student text must stay text.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _in_words(text: str) -> str:
    """A status or a feedback word in the course language (the CSV keeps the English codes)."""
    words = {
        "graded": tr("graded"),
        "timeout": tr("timeout"),
        "kernel died": tr("kernel died"),
        "grader error": tr("grader error"),
        "flagged": tr("flagged"),
        "invalid": tr("invalid"),
        "passed": tr("passed"),
    }
    return words.get(text, text)


def write_reports(rows: list[Row], items: list[CheckItem], chapter: str, out: Path) -> None:
    """OUT/grades.csv (a row per student, a 1/0 column per check) and OUT/summary.md."""
    out.mkdir(parents=True, exist_ok=True)
    names = [item.name for item in items]
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["student", "file", "status", "score", "out_of", *names, "seconds", "reason"]
        )
        for r in rows:
            points = [r.points[name] for name in names]
            fields = [_safe(r.student), _safe(r.file), r.status, r.score, len(names), *points]
            writer.writerow([*fields, f"{r.seconds:.1f}", _safe(r.reason)])
    mean = sum(r.score for r in rows) / max(1, len(rows))
    # The summary is for people, in the course language (--lang); grades.csv keeps the status
    # codes a spreadsheet filters on.
    lines = [
        tr("# Grades: {chapter}", chapter=chapter),
        "",
        tr(
            "{count} submissions, {checks} checks each, mean score {mean} / {checks}.",
            count=len(rows),
            checks=len(names),
            mean=f"{mean:.2f}",
        ),
        "",
        tr("| check | passed by |"),
        "|---|---:|",
        *(f"| {name} | {sum(r.points[name] for r in rows)}/{len(rows)} |" for name in names),
        "",
        tr("| student | score | status | reason |"),
        "|---|---:|---|---|",
        *(
            f"| {_md(r.student)} | {r.score}/{len(names)} | {_in_words(r.status)} "
            f"| {_md(r.reason)} |"
            for r in rows
        ),
        "",
        tr("## Feedback"),
    ]
    for r in rows:
        lines += ["", f"### {_md(r.student)}: {r.score}/{len(names)}", ""]
        marks = [
            f"- {'✓' if r.points[n] else '✗'} **{n}**: {_md(_in_words(r.feedback[n]))}"
            for n in r.feedback
        ]
        lines += marks or [f"- {_md(r.reason)}"]
    (out / "summary.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="a folder of submitted notebooks")
    parser.add_argument("--chapter", help='e.g. "04"; default: read from the submissions')
    parser.add_argument("--out", type=Path, default=Path("grades"), help="default: grades/")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per notebook")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks graded at once")
    parser.add_argument(
        "--sandbox",
        choices=MODES,
        default="auto",
        help="bwrap: run each submission under bubblewrap; none: without; auto (default): "
        "bwrap where it works, else none, with a warning",
    )
    parser.add_argument(
        "--lang",
        choices=sorted(LANGUAGES),
        default="en",
        help="the language of the feedback and of summary.md (default: en)",
    )
    args = parser.parse_args(argv)
    with speaking(args.lang):  # the judge runs in this process: its feedback, and summary.md
        return _grade(args)


def _grade(args: argparse.Namespace) -> int:
    if not args.submissions.is_dir():
        print(f"Not a folder: {args.submissions}", file=sys.stderr)
        return 2
    files = sorted(p for p in args.submissions.iterdir() if p.is_file() and p.name[0] != ".")
    try:
        chapter = resolve_chapter(args.chapter, files)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    instructor = nbformat.read(chapter, as_version=4)
    items = check_items(instructor)
    if not items:
        print(f"{chapter.name} has no exercise checks to grade.", file=sys.stderr)
        return 2
    try:
        sandbox = choose(args.sandbox)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    student, _ = student_notebook(chapter)
    chapter_lines = chapter_code_lines(
        [c.source for nb in (instructor, student) for c in nb.cells if c.cell_type == "code"]
    )
    print(
        f"Grading {len(files)} submission(s) of {chapter.stem}: "
        f"{', '.join(i.name for i in items)} (sandbox: {sandbox})"
    )
    rows = grade_all(files, items, args.timeout, args.jobs, sandbox, chapter_lines)
    write_reports(rows, items, chapter.stem, args.out)
    print(f"Wrote {args.out / 'grades.csv'} and {args.out / 'summary.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
