"""The committed results of chapter 13's activation study match what the script computes.

The whole study takes minutes, so the test re-runs a slice — one task, two activations, two
seeds, at the learning rate validation chose — and compares it with the file. The stored values
have 5 significant digits; the tolerance (1e-3 relative) is far above BLAS rounding on another
CPU and far below any difference a change of method would make.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from helpers.study_rows import chosen_rate
from tools import activation_study as study

STORED = json.loads(study.RESULTS.read_text(encoding="utf-8"))


def test_the_file_describes_the_study_the_script_runs() -> None:
    assert STORED["runs"] == study.size() == 2380 + 30
    assert STORED["seeds"] == list(study.SEEDS)
    assert STORED["epochs"] == study.EPOCHS and STORED["hidden"] == list(study.HIDDEN)
    assert STORED["grids"] == {t: [f"{lr:g}" for lr in g] for t, g in study.GRIDS.items()}
    assert STORED["contestants"] == study.CONTESTANTS and STORED["biases"] == list(study.BIASES)
    assert STORED["method_biases"] == {t: b.biases for t, b in study.benchmarks().items()}
    assert STORED["seconds"] > 0 and STORED["cpu_seconds"] > 0
    for task, by_biases in STORED["results"].items():
        for cells in by_biases.values():
            assert list(cells) == study.CONTESTANTS
            for by_lr in cells.values():
                assert list(by_lr) == STORED["grids"][task]
                assert all(len(v) == len(study.SEEDS) for c in by_lr.values() for v in c.values())


def _chosen_lr(task: str, biases: str, name: str) -> str:
    return chosen_rate(STORED["results"][task][biases][name])


def test_the_extra_seeds_are_relu_and_tanh_at_their_chosen_rates() -> None:
    more = STORED["more_seeds"]
    assert more["seeds"] == list(study.MORE_SEEDS) and set(more["seeds"]).isdisjoint(study.SEEDS)
    assert more["rates"] == {n: _chosen_lr("sine", "data", n) for n in study.MORE_NAMES}
    assert all(len(more["test"][n]) == len(study.MORE_SEEDS) for n in study.MORE_NAMES)


@pytest.mark.parametrize("name", ["relu", "tanh"])
def test_an_extra_seed_reproduces(name: str) -> None:
    more = STORED["more_seeds"]
    bench = study.benchmarks()["sine"]
    fresh = study.cell(bench, name, float(more["rates"][name]), "data", seeds=(5,))
    np.testing.assert_allclose(fresh["test"], more["test"][name][:1], rtol=1e-3)


@pytest.mark.parametrize("name", ["relu", "tanh"])
def test_a_slice_of_the_study_reproduces(name: str) -> None:
    bench = study.benchmarks()["sine"]
    lr = _chosen_lr("sine", "data", name)
    fresh = study.cell(bench, name, float(lr), "data", seeds=(0, 1))
    stored = STORED["results"]["sine"]["data"][name][lr]
    for key in ("train", "val", "test"):
        np.testing.assert_allclose(fresh[key], stored[key][:2], rtol=1e-3, err_msg=key)
