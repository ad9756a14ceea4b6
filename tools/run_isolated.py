"""Run one notebook in a child process that is killed outright when its time is up.

The grader runs untrusted notebooks. Each one runs in a fresh kernel started by a child
process (``python -m tools.run_isolated RUN_NOTEBOOK WORKDIR TIMEOUT``), so nothing the notebook
does (an infinite loop, ``os._exit``, a crashed kernel, megabytes of output) can stop the
grader: the child enforces the time limit itself, and the parent kills the child's and the
kernel's process groups when even that fails. Only each cell's status (``ok`` or ``error`` with
the exception's name and message) comes back; outputs are dropped as they arrive.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tools.sandbox import bwrap_prefix

ROOT = Path(__file__).resolve().parent.parent


def _execute(run_path: Path, workdir: Path, timeout: float) -> dict:
    """In the child: run the notebook in ``workdir``; report every executed cell's status."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from tools.kernel_client import PolledKernelManager

    class Client(NotebookClient):
        def output(self, *args: object, **kwargs: object) -> None:
            return None  # never kept, so printing megabytes costs no memory

    deadline = [time.monotonic() + timeout]  # reset when the kernel is ready: startup is free
    replies: dict[int, dict] = {}
    current = [-1]

    def started(notebook: object) -> None:
        deadline[0] = time.monotonic() + timeout
        # The parent needs the kernel's pid to kill it if this process itself gets stuck.
        print(f"kernel-pid {client.km.provisioner.pid}", flush=True)

    client = Client(
        nbformat.read(run_path, as_version=4),
        kernel_name="python3",
        kernel_manager_class=PolledKernelManager,
        allow_errors=True,
        shutdown_kernel="immediate",
        startup_timeout=60,
        timeout_func=lambda cell: max(1, int(deadline[0] - time.monotonic())),
        resources={"metadata": {"path": str(workdir)}},
        on_notebook_start=started,
        on_cell_execute=lambda cell, cell_index: current.__setitem__(0, cell_index),
        on_cell_executed=lambda cell, cell_index, execute_reply: replies.__setitem__(
            cell_index, {k: execute_reply["content"].get(k) for k in ("status", "ename", "evalue")}
        ),
    )
    status = "finished"
    try:
        # The kernel's own stdout/stderr go nowhere: it cannot write into our report.
        streams = {name: subprocess.DEVNULL for name in ("stdin", "stdout", "stderr")}
        client.execute(**streams)
    except CellTimeoutError:
        status = "timeout"
    except DeadKernelError:
        status = "kernel died"
    return {"status": status, "cell": current[0], "replies": replies}


def _kill_group(pid: int) -> None:
    # Kernels and children both lead their own process group; kill the group, never ourselves.
    try:
        if pid > 1 and pid != os.getpid() and os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_isolated(
    run_path: Path,
    workdir: Path,
    timeout: float,
    hard_limit: float,
    sandbox: str = "none",
    writable: Path | None = None,
) -> dict:
    """Execute ``run_path`` with cwd ``workdir``; return {"status", "cell", "replies"}.

    ``timeout`` counts from the moment the kernel is ready; ``hard_limit`` from the start, after
    which the child and its kernel are killed. status is "finished", "timeout" (cell is the one
    that was running, or -1 after a kill), "kernel died", or "grader error: ...". replies maps
    cell index -> {"status", "ename", "evalue"} for every cell that ran; kernel_pid is the
    kernel's process id, if it started (None in a sandbox, whose process ids are its own).
    ``sandbox="bwrap"`` runs the child under bubblewrap with ``writable`` (default: the folder
    of ``run_path``) its only writable folder.
    """
    command = [sys.executable, "-m", "tools.run_isolated", str(run_path), str(workdir)]
    # One BLAS thread per kernel (unless the caller's environment says otherwise): --jobs runs
    # kernels side by side, and a BLAS that splits these small products over every core only
    # makes threads wait (chapter 08: 4.6-5.2 CPU-s per submission with one, 6.0-8.5 with two).
    env = {name: "1" for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
    env |= dict(os.environ, MPLBACKEND="Agg", PYTHONNOUSERSITE="1")  # Agg: no figures drawn
    if sandbox == "bwrap":
        writable = (writable or run_path.parent).resolve()
        # Jupyter, IPython and matplotlib write their runtime files under these, not in $HOME.
        folders = {"JUPYTER_RUNTIME_DIR": "runtime", "IPYTHONDIR": "ipython"}
        for name, folder in {**folders, "MPLCONFIGDIR": "matplotlib"}.items():
            (writable / folder).mkdir(exist_ok=True)
            env[name] = str(writable / folder)
        command = [*bwrap_prefix(writable), "--chdir", str(ROOT), *command]
    elif sandbox != "none":
        raise ValueError(f"unknown sandbox {sandbox!r}")
    child = subprocess.Popen(
        [*command, str(timeout)],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,  # its own process group, so that it can be killed as a whole
    )
    killed = False
    try:
        out, err = child.communicate(timeout=hard_limit)
    except subprocess.TimeoutExpired:
        killed = True
        _kill_group(child.pid)
        try:
            out, err = child.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            out, err = "", ""
    lines = out.splitlines()
    pids = [line[11:] for line in lines if line.startswith("kernel-pid ")]
    kernel = int(pids[0]) if pids and pids[0].isdigit() and sandbox == "none" else None
    if kernel and (killed or child.returncode != 0):  # else the child shut its kernel down
        _kill_group(kernel)
    if killed:
        return {"status": "timeout", "cell": -1, "replies": {}, "kernel_pid": kernel}
    results = [line[7:] for line in lines if line.startswith("result ")]
    if child.returncode != 0 or not results:
        last = (err.strip().splitlines() or ["no output"])[-1]
        status = f"grader error: exit code {child.returncode}: {last}"
        return {"status": status, "kernel_pid": kernel}
    return {**json.loads(results[-1]), "kernel_pid": kernel}


def main(argv: list[str]) -> int:
    # nbformat imports jsonschema, which imports rfc3987_syntax when it is installed (jupyter-events
    # asks for it), and that compiles its grammars on import: 1.8 s of CPU in every grading child,
    # for the "iri" formats, which no notebook schema uses. Blocked here, in the child only.
    sys.modules.setdefault("rfc3987_syntax", None)
    run_path, workdir, timeout = Path(argv[0]), Path(argv[1]), float(argv[2])
    print("result " + json.dumps(_execute(run_path, workdir, timeout)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
