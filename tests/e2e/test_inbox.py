"""The inbox in a real process: a backlog through SIGKILL, a poison batch, a partition."""

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from bot.offline.updates import message_update, person
from bot.texts import basics as basics_text
from testkit.tcp_proxy import CuttableProxy
from tests.support.database import fresh_postgres
from tests.support.environment import ADMIN_ID, PG_URL, TOKEN
from tests.support.paths import REPO, VAULT
from tests.support.process import bot_process

pytestmark = pytest.mark.e2e


def bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def test_a_backlog_is_answered_after_sigkill_and_at_most_the_in_flight_twice() -> None:
    report = bench("crash_safety").run_backlog(2, people=60, seed=5, skills=VAULT)
    assert report.trials == 2
    assert report.unanswered == 0
    assert report.violations == 0, report.answered_twice


def test_a_poison_batch_costs_one_row_and_one_notice_and_no_log_line_quotes_it(
    tmp_path: Path,
) -> None:
    marker = "zebra-umbrella-poison-marker"
    with bot_process(tmp_path, TOKEN, ADMIN_USER_IDS=str(ADMIN_ID), LOG_LEVEL="DEBUG") as bot:
        chat = {"id": 7, "type": "private", "first_name": "Ada"}
        poison = {
            "update_id": bot.api.next_update_id(),
            "message": {"message_id": 1, "date": "not-a-date", "chat": chat, "from": person(7),
                        "text": marker},
        }  # fmt: skip
        bot.api.push_update(poison)
        bot.api.push_update(message_update(bot.api, 7, f"/start {marker}"))
        bot.start()
        bot.api.wait_for(lambda calls: bool(bot.api.sent(7) and bot.api.sent(ADMIN_ID)), 60)
        code, _seconds = bot.stop()  # SIGTERM right after the poison
        log = bot.log()
    assert code == 0
    assert "practice companion" in bot.api.sent(7)[0].text  # the update after it is answered
    [notice] = bot.api.sent(ADMIN_ID)
    assert "1 update could not be handled" in notice.text and marker not in notice.text
    assert "set aside after failing: ValueError" in log or "set aside after failing" in log
    assert marker not in log
    assert "still running" not in log and "Traceback" not in log
    assert bot.api.pending_updates() == 0  # the batch was confirmed: polling went on


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set (CI sets it)")
def test_a_database_partition_is_answered_while_cut_and_nothing_is_lost(tmp_path: Path) -> None:
    from sqlalchemy.engine import make_url

    with fresh_postgres("partition") as database:
        url = make_url(database)
        proxy = CuttableProxy(url.host or "127.0.0.1", url.port or 5432)
        proxy.start()
        through_proxy = url.set(host="127.0.0.1", port=proxy.port, drivername="postgresql")
        try:
            with bot_process(
                tmp_path, TOKEN, DATABASE_URL=through_proxy.render_as_string(hide_password=False)
            ) as bot:
                bot.start()
                bot.api.push_update(message_update(bot.api, 7, "/start"))
                bot.api.wait_for(lambda calls: len(bot.api.sent(7)) >= 1, 60)
                proxy.cut()
                cut_at = time.monotonic()
                bot.api.push_update(message_update(bot.api, 8, "/start"))
                bot.api.wait_for(lambda calls: bool(bot.api.sent(8)), 60)
                told_after = time.monotonic() - cut_at
                # Answered while the partition still holds: the person is not left waiting.
                assert bot.api.sent(8)[0].text == basics_text.CANT_REACH_NOTES
                proxy.heal()
                bot.api.wait_for(lambda calls: len(bot.api.sent(8)) >= 2, 60)
                assert "practice companion" in bot.api.sent(8)[1].text  # nothing was lost
                code, _ = bot.stop()
                assert code == 0
                print(f"partition answered in {told_after:.2f} s")
        finally:
            proxy.close()
