"""Chapter 13's activation study: every contestant, tuned, on held-out data, over 5 seeds.

    python3 course.py study                    # run it, rewrite the results file (RESULTS)
    python3 -m tools.activation_study --check  # run it, only say whether the file matches

The protocol is ``helpers.fair_compare`` (read its docstring). The study runs it twice per
benchmark, once with zero first-layer biases and once with the biases placed in the data, so
that the chapter can show what the zero-bias start does. Every run of the grid is stored (losses
rounded to 5 significant digits), so the chapter can also rebuild the old one-shared-rate table.
The study takes about two minutes of one core; the file records its size and its cost.

Five seeds leave ReLU and tanh on the sine "not resolved"; the study also runs those two at their
chosen rates (data biases) on 15 more seeds (``MORE_SEEDS``), which chapter 13 adds to the five
to reach its 20-seed verdict without training them in the notebook.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

from helpers.activations import ACTIVATIONS
from helpers.fair_compare import Benchmark, fit
from helpers.study_rows import chosen_rate

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "notebooks" / "results" / "13_activation_study.json"

# Every activation of the registry, except its fixed-α "prelu" function, plus the two layers.
CONTESTANTS = [name for name in ACTIVATIONS if name != "prelu"] + ["prelu", "maxout"]
SEEDS = (0, 1, 2, 3, 4)
HIDDEN = (16, 16)
EPOCHS = 100
GRIDS = {  # factor-2 steps around the rate the chapter used before (0.5 and 0.01)
    "spirals": (0.0625, 0.125, 0.25, 0.5, 1.0, 2.0, 4.0),
    "sine": (0.0025, 0.005, 0.01, 0.02, 0.04, 0.08, 0.16),
}
BIASES = ("zero", "data")
MORE_SEEDS = tuple(range(5, 20))
MORE_NAMES = ("relu", "tanh")


def benchmarks() -> dict[str, Benchmark]:
    return {"spirals": Benchmark.spirals(n=150, seed=0), "sine": Benchmark.sine(n=100, seed=0)}


def size() -> int:
    """The number of training runs the study makes."""
    grid = len(CONTESTANTS) * len(SEEDS) * len(BIASES) * sum(len(g) for g in GRIDS.values())
    return grid + len(MORE_NAMES) * len(MORE_SEEDS)


def more_seeds(results: dict, bench: Benchmark, task: str = "sine") -> dict:
    """ReLU and tanh on ``task`` at each one's chosen rate, on MORE_SEEDS: their test losses."""
    rates = {name: chosen_rate(results[task][bench.biases][name]) for name in MORE_NAMES}
    test = {
        name: cell(bench, name, float(rates[name]), bench.biases, seeds=MORE_SEEDS)["test"]
        for name in MORE_NAMES
    }
    return {"task": task, "seeds": list(MORE_SEEDS), "rates": rates, "test": test}


def _round(value: float) -> float | None:
    """5 significant digits; a diverged run (inf or nan) is stored as null."""
    return float(f"{value:.5g}") if value == value and abs(value) != float("inf") else None


def cell(bench: Benchmark, name: str, lr: float, biases: str, seeds=SEEDS) -> dict[str, list]:
    """The stored numbers of one (contestant, learning rate, biases) over the seeds."""
    runs = [fit(bench, name, lr, s, hidden=HIDDEN, epochs=EPOCHS, biases=biases) for s in seeds]
    stored = {
        key: [_round(getattr(r, f"{key}_loss")) for r in runs] for key in ("train", "val", "test")
    }
    if bench.train.loss != "mse":
        stored["accuracy"] = [None if r.diverged else _round(r.test_accuracy) for r in runs]
    return stored


def run_study() -> dict:
    wall, cpu = time.perf_counter(), time.process_time()
    results: dict = {}
    for task, bench in benchmarks().items():
        for biases in BIASES:
            for name in CONTESTANTS:
                results.setdefault(task, {}).setdefault(biases, {})[name] = {
                    f"{lr:g}": cell(bench, name, lr, biases) for lr in GRIDS[task]
                }
    more = more_seeds(results, benchmarks()["sine"])
    return {
        "about": "tools/activation_study.py; protocol: helpers/fair_compare.py",
        "runs": size(),
        "seconds": round(time.perf_counter() - wall),
        "cpu_seconds": round(time.process_time() - cpu),
        "epochs": EPOCHS,
        "hidden": list(HIDDEN),
        "seeds": list(SEEDS),
        "grids": {task: [f"{lr:g}" for lr in grid] for task, grid in GRIDS.items()},
        "contestants": CONTESTANTS,
        "biases": list(BIASES),
        "method_biases": {task: bench.biases for task, bench in benchmarks().items()},
        "results": results,
        "more_seeds": more,
    }


def dumps(study: dict) -> str:
    """Stable text: sorted nowhere (the order is the study's), one list of seeds per line."""
    text = json.dumps(study, indent=1, ensure_ascii=False)
    return (
        re.sub(r"\[\s+([^\[\]{}]*?)\s+\]", lambda m: "[" + " ".join(m[1].split()) + "]", text)
        + "\n"
    )


def finish(
    study: dict, results: Path, check: bool, compared: tuple[str, ...] = ("results",)
) -> int:
    """Report a study's cost, then rewrite its ``results`` file; with ``check``, only say whether
    the file's ``compared`` parts match the fresh run (exit status 1 when they differ)."""
    print(f"done in {study['seconds']} s ({study['cpu_seconds']} s of CPU)")
    if check:
        old = json.loads(results.read_text(encoding="utf-8"))
        same = all(old.get(key) == study[key] for key in compared)
        print("the stored results match" if same else "the stored results DIFFER")
        return 0 if same else 1
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(dumps(study), encoding="utf-8")
    print(f"wrote {results.relative_to(ROOT)}")
    return 0


def main(argv: list[str]) -> int:
    print(f"activation study: {size()} training runs "
          f"({len(CONTESTANTS)} contestants × 2 tasks × 7 learning rates × {len(SEEDS)} seeds × "
          f"{len(BIASES)} bias rules, and {len(MORE_SEEDS)} more seeds of ReLU and tanh on the "
          f"sine), {EPOCHS} epochs each")  # fmt: skip
    return finish(run_study(), RESULTS, "--check" in argv, ("results", "more_seeds"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
