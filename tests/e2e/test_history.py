"""The history checker (tests/history.py) against a real `rolecall serve` + Envoy, killed with
`kill -9` and restarted, and the kill-right-after-promotion reproduction of issue 7.

The long version runs in `make bench` (bench/durability.py). Both must find no violation.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.history import Driver, Plan, kill_right_after_promotion

pytestmark = pytest.mark.e2e

# Tries of the reproduction here; `HISTORY_REPRO_TRIES=100 pytest -k reproduction` by hand.
REPRO_TRIES = int(os.environ.get("HISTORY_REPRO_TRIES", "3"))


async def test_history_of_failovers_kills_and_re_creates_has_no_violation(
    tmp_path: Path,
) -> None:
    driver = Driver(tmp_path / "data", Plan(duration=40.0, seed=7), log=print)
    verdict = await driver.execute()
    assert driver.kills >= 2 and driver.recreates >= 1
    assert verdict.promotions >= 20, verdict  # the run did exercise failovers
    assert verdict.violations == []


async def test_kill_right_after_promotion_reproduction_never_names_an_epoch_twice(
    tmp_path: Path,
) -> None:
    violations = await kill_right_after_promotion(tmp_path / "data", REPRO_TRIES, log=print)
    assert violations == []
