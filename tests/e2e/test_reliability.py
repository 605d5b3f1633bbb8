"""Short runs of the reliability benchmarks (the long ones are `make soak`)."""

import importlib.util
import sys
from types import ModuleType

import pytest

from tests.support.paths import REPO, VAULT

pytestmark = pytest.mark.e2e


def bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def test_sigkill_loses_no_practice_step_and_doubles_no_nudge() -> None:
    report = bench("crash_safety").run(kills=5, seed=11, skills=VAULT)
    assert report.kills == 5
    # How many restarts land mid-practice depends on timing; every one that does is checked.
    assert report.violations == 0, report.practice_violations
    assert report.nudges_sent_once + report.nudges_interrupted == report.nudges_due
    assert report.nudges_interrupted <= 16 * report.kills


def test_many_people_at_once(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    result = bench("load").run(15, f"sqlite:///{tmp_path / 'load.db'}", tmp_path, VAULT)
    assert result["errors"] == 0
    assert result["practices_completed"] == 15
    # Each action handled once; an attempt that found SQLite busy (on a starved machine)
    # was rolled back and tried again, quietly, and logged as one more update.
    # Nine actions each: /start, /practice, six presses, a reflection.
    assert result["updates"] == 15 * 9 + result["busy_retries"]
    assert result["outage_notices"] == 0  # a busy database is not an unreachable one
