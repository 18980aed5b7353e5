"""The extraction quality ratchet: the shared gold scores may only rise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from suasion.evaluate.benchmarks import BENCHMARKS, EXAMPLE_BENCHMARKS, run_benchmark, summary

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FLOOR = Path(__file__).parent / "data" / "quality_floor.json"
CHECKED = ("f1", "modality_accuracy", "top1_accuracy", "actor_accuracy")

REPO = Path(__file__).resolve().parents[1]
needs_shared = pytest.mark.skipif(not (SHARED / "eval" / "gold").is_dir(),
                                  reason="the shared gold (../shared) is not present")


@needs_shared
@pytest.mark.parametrize("bench", BENCHMARKS, ids=[b.name for b in BENCHMARKS])
def test_scores_do_not_fall_below_the_best_reached(bench):
    _check(SHARED, bench)


@pytest.mark.parametrize("bench", EXAMPLE_BENCHMARKS, ids=[b.name for b in EXAMPLE_BENCHMARKS])
def test_example_scores_do_not_fall_below_the_best_reached(bench):
    _check(REPO, bench)


def _check(root: Path, bench) -> None:
    floors = json.loads(FLOOR.read_text()).get(bench.name, {})
    figures = summary(run_benchmark(root, bench))
    for key in CHECKED:
        if key in floors and figures[key] is not None:
            assert figures[key] >= floors[key], (
                f"{bench.name} {key} fell to {figures[key]:.3f} (floor {floors[key]:.3f}); "
                f"reproduce with: python -m suasion.evaluate.benchmarks ../shared")
