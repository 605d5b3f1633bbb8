"""The menus and descriptions are sent once, and again only when what they say changed."""

import logging

import pytest
from sqlalchemy.exc import OperationalError

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat
from bot.store import Store
from bot.telegram.announcement import announce_commands
from bot.telegram.context import BotApplication, services_of
from tests.support.app import AppFactory
from tests.support.clock import FakeClock

ANNOUNCING = {"setMyCommands", "setMyDescription", "setMyShortDescription"}


def announced(api: FakeBotAPI) -> int:
    return sum(1 for call in api.calls if call.method in ANNOUNCING)


async def test_a_restart_with_nothing_changed_sends_nothing(
    make_app: AppFactory, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    await FakeChat(await make_app(), api, 42).send("/start")  # the admin has a chat
    first = await make_app()
    await announce_commands(first)
    sent = announced(api)
    assert sent == 5 * 4  # every language and the default: menu, admin menu, two texts
    with caplog.at_level(logging.INFO):
        await announce_commands(await make_app())  # a restart on the same database
    assert announced(api) == sent
    assert "unchanged since the last start: not sent" in caplog.text


async def test_a_changed_description_or_admin_list_is_sent_again(
    make_app: AppFactory, api: FakeBotAPI
) -> None:
    await FakeChat(await make_app(), api, 42).send("/start")
    await announce_commands(await make_app())
    sent = announced(api)
    await announce_commands(await make_app(bot_description="Repair, gently."))
    assert announced(api) == 2 * sent and api.descriptions[""] == "Repair, gently."
    await announce_commands(await make_app(bot_description="Repair, gently.",
                                           admin_user_ids=frozenset()))  # fmt: skip
    assert announced(api) == 2 * sent + 3 * 5  # no admin menus now


async def test_an_admin_menu_telegram_refused_is_tried_at_every_start_until_it_is_set(
    app: BotApplication, api: FakeBotAPI
) -> None:
    await announce_commands(app)  # the admin (42) never wrote: Telegram knows no chat
    refused = announced(api)
    await announce_commands(app)
    assert announced(api) == 2 * refused
    await FakeChat(app, api, 42).send("/start")
    before = len(api.calls)
    await announce_commands(app)  # all of it, once more: now the admin menus go through
    await announce_commands(app)  # and that was kept
    assert announced(api) == 3 * refused
    assert all(call.ok for call in api.calls[before:])


async def test_a_database_that_fails_costs_an_announcement_not_the_start_up(
    app: BotApplication, api: FakeBotAPI, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    await FakeChat(app, api, 42).send("/start")
    store = services_of(app.bot_data).store

    async def gone(*args: object) -> None:
        raise OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr(Store, "announced", gone)
    monkeypatch.setattr(Store, "remember_announced", gone)
    monkeypatch.setattr(Store, "forget_announced", gone)
    with caplog.at_level(logging.WARNING):
        await announce_commands(app)
        await announce_commands(app)
    assert announced(api) == 2 * 20
    assert "could not read the last announcement: OperationalError" in caplog.text
    assert "could not keep the last announcement: OperationalError" in caplog.text
    monkeypatch.undo()
    assert await store.announced(app.bot.id) is None


async def test_an_announcement_cut_off_halfway_is_sent_again_even_for_the_old_texts(
    make_app: AppFactory, api: FakeBotAPI
) -> None:
    await FakeChat(await make_app(), api, 42).send("/start")
    await announce_commands(await make_app())  # kept: the default texts
    # New texts, and an admin Telegram knows no chat with: not all of it went through.
    await announce_commands(
        await make_app(bot_description="X", admin_user_ids=frozenset({42, 99}))
    )
    assert api.descriptions[""] == "X"
    sent = announced(api)
    await announce_commands(await make_app())  # back to the default texts
    assert announced(api) == sent + 20 and api.descriptions[""].startswith("A practice companion")


async def test_an_unchanged_announcement_is_sent_again_after_a_week(
    make_app: AppFactory, api: FakeBotAPI, clock: FakeClock
) -> None:
    await FakeChat(await make_app(), api, 42).send("/start")
    await announce_commands(await make_app())
    clock.advance(days=6, hours=23)
    await announce_commands(await make_app())
    assert announced(api) == 20
    clock.advance(hours=2)  # a menu edited in BotFather meanwhile is put right
    await announce_commands(await make_app())
    assert announced(api) == 40
    await announce_commands(await make_app())
    assert announced(api) == 40
