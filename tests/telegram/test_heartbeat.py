"""The heartbeat file `skillbot health` reads (polling and webhook beats: tests/e2e)."""

import json
from datetime import timedelta
from pathlib import Path

import pytest

from bot.telegram.heartbeat import MAX_AGE, MIN_INTERVAL, Heartbeat, read_beat
from tests.support.clock import FakeClock


def test_a_beat_is_written_atomically_and_read_back(tmp_path: Path) -> None:
    clock = FakeClock()
    heartbeat = Heartbeat(tmp_path / "nested" / "health.json", "polling", clock)
    assert read_beat(heartbeat.path) is None and not heartbeat.fresh()
    heartbeat.beat()
    beat = read_beat(heartbeat.path)
    assert beat is not None and (beat.mode, beat.at) == ("polling", clock.now)
    assert [p.name for p in heartbeat.path.parent.iterdir()] == ["health.json"]
    assert heartbeat.fresh()


def test_beats_are_written_at_most_every_few_seconds(tmp_path: Path) -> None:
    clock = FakeClock()
    heartbeat = Heartbeat(tmp_path / "health.json", "webhook", clock)
    heartbeat.beat()
    first = clock.now
    clock.now += MIN_INTERVAL / 2
    heartbeat.beat()
    beat = read_beat(heartbeat.path)
    assert beat is not None and beat.at == first  # not rewritten
    assert heartbeat.last == clock.now  # but remembered in the process
    clock.now += MIN_INTERVAL
    heartbeat.beat()
    beat = read_beat(heartbeat.path)
    assert beat is not None and beat.at == clock.now


def test_an_old_beat_is_not_fresh(tmp_path: Path) -> None:
    clock = FakeClock()
    heartbeat = Heartbeat(tmp_path / "health.json", "polling", clock)
    heartbeat.beat()
    clock.now += MAX_AGE + timedelta(seconds=1)
    assert not heartbeat.fresh()


def test_an_unwritable_file_is_logged_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "file").write_text("")
    heartbeat = Heartbeat(tmp_path / "file" / "health.json", "polling")
    heartbeat.beat()
    heartbeat._written = None
    heartbeat.beat()
    assert heartbeat.fresh()  # the process itself still knows
    assert sum("cannot write HEALTH_FILE" in r.message for r in caplog.records) == 1


def test_a_garbled_record_reads_as_none(tmp_path: Path) -> None:
    path = tmp_path / "health.json"
    for text in ("", "{", json.dumps({"mode": "polling"}), json.dumps({"at": "x", "mode": 1})):
        path.write_text(text)
        assert read_beat(path) is None
