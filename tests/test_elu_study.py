"""The committed results of chapter 10's learning-rate grid match what the script computes.

The whole grid takes several seconds, so the test re-runs a slice (both activations at their
chosen rate, seed 0, and one run that diverges) and compares it with the file; chapter 10 itself
re-trains seed 0 at η = 0.03. The stored values have 5 significant digits; the tolerance (1e-3
relative) is far above BLAS rounding on another CPU and far below any change of method.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from helpers.study_rows import chosen_rate
from tools import elu_study as study

STORED = json.loads(study.RESULTS.read_text(encoding="utf-8"))


def test_the_file_describes_the_grid_the_script_runs() -> None:
    assert STORED["runs"] == len(study.NAMES) * len(study.GRID) * len(study.SEEDS) == 30
    assert STORED["seeds"] == list(study.SEEDS) and STORED["epochs"] == study.EPOCHS
    assert STORED["sizes"] == study.SIZES and STORED["grid"] == [f"{lr:g}" for lr in study.GRID]
    assert list(STORED["results"]) == list(study.NAMES)
    for by_rate in STORED["results"].values():
        assert list(by_rate) == STORED["grid"]
        for cell in by_rate.values():
            assert all(len(cell[key]) == len(study.SEEDS) for key in ("val", "test", "means"))
            for val, means in zip(cell["val"], cell["means"], strict=True):
                assert (val is None) == (means is None)  # a diverged run stores nothing
                assert means is None or len(means) == len(study.SIZES) - 2


@pytest.mark.parametrize("name", study.NAMES)
def test_seed_0_at_the_chosen_rate_reproduces(name: str) -> None:
    rate = chosen_rate(STORED["results"][name])
    assert rate == "0.3"  # what chapter 10's text says validation chose
    fresh = study.run(name, float(rate), seed=0)
    stored = STORED["results"][name][rate]
    for key in ("val", "test", "means"):
        np.testing.assert_allclose(fresh[key], stored[key][0], rtol=1e-3, err_msg=key)


def test_a_diverged_run_is_stored_as_null() -> None:
    assert STORED["results"]["relu"]["1"]["val"][2] is None
    assert study.run("relu", 1.0, seed=2) == {"val": None, "test": None, "means": None}
