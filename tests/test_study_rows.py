"""helpers.study_rows: reading chapter 13's committed study for chapter 14."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.study_rows import STUDY_PATH, chosen_rate, compare_with, load_study, tuned_test_losses

# Two learning rates; at 0.1 one validation run diverged (None), so 0.01 must be chosen for "b"
# even though its other runs are worse.
TOY = {
    "results": {
        "toy": {
            "zero": {
                "a": {
                    "0.01": {"val": [0.5, 0.5, 0.5], "test": [0.6, 0.6, 0.6]},
                    "0.1": {"val": [0.2, 0.3, 0.1], "test": [0.3, 0.4, 0.2]},
                },
                "b": {
                    "0.01": {"val": [0.4, 0.4, 0.4], "test": [0.9, 1.0, 1.1]},
                    "0.1": {"val": [0.1, None, 0.1], "test": [0.1, 0.1, 0.1]},
                },
            }
        }
    }
}


def test_tuned_test_losses_pick_the_lowest_mean_validation_loss():
    assert tuned_test_losses(TOY, "toy", "zero", "a").tolist() == [0.3, 0.4, 0.2]


def test_a_diverged_validation_run_rules_its_rate_out():
    assert tuned_test_losses(TOY, "toy", "zero", "b").tolist() == [0.9, 1.0, 1.1]


def test_chosen_rate_is_the_stored_key_of_that_rate():
    grids = TOY["results"]["toy"]["zero"]
    assert (chosen_rate(grids["a"]), chosen_rate(grids["b"])) == ("0.1", "0.01")


def test_compare_with_pairs_each_name_with_the_baseline():
    losses, versus = compare_with(TOY, "toy", "zero", ["a", "b"], baseline="a")
    assert list(losses) == ["a", "b"]
    assert list(versus) == ["b"]
    assert versus["b"].mean == pytest.approx(0.7)
    assert versus["b"].verdict == "b lower"  # b − a > 0: the baseline a is lower


def test_the_committed_study_reads_as_chapter_14_prints_it():
    study = load_study(STUDY_PATH)
    losses, versus = compare_with(study, "spirals", "zero", ["relu", "selu"])
    assert np.mean(losses["relu"]) == pytest.approx(0.173, abs=5e-4)
    assert np.mean(losses["selu"]) == pytest.approx(0.640, abs=5e-4)
    assert versus["selu"].verdict == "b lower"


def test_a_bare_file_name_is_looked_up_among_the_committed_studies(tmp_path):
    assert load_study() == load_study(STUDY_PATH) == load_study(STUDY_PATH.name)
    assert load_study("10_elu_rates.json")["about"].startswith("tools/elu_study.py")
    (tmp_path / "mine.json").write_text('{"about": "mine"}', encoding="utf-8")
    assert load_study(tmp_path / "mine.json") == {"about": "mine"}


def test_an_unknown_study_names_the_committed_ones():
    with pytest.raises(FileNotFoundError, match=r"10_elu_rates\.json, 13_activation_study\.json"):
        load_study("11_softmax_study.json")
