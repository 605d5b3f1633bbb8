"""The inbox worker: per-chat order, chats side by side, poison set aside, outages waited out."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import exc as sa_exc

from bot.domain.models import Question
from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat
from bot.offline.updates import callback_update, message_update
from bot.telegram import inbox
from bot.telegram.app import BotApplication
from bot.texts import basics as basics_text
from tests.support.app import AppFactory
from tests.support.clock import FakeClock
from tests.support.environment import ADMIN_ID
from tests.support.faults import telegram_error
from tests.support.inbox import deliver, make_worker, wait_until
from tests.support.partners import invite_payload, pair, two_people


async def test_one_slow_person_holds_up_only_their_own_later_updates(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, store = make_worker(app, clock)
    release = asyncio.Event()
    register = store.register

    async def slow_for_ada(user_id: int, chat_id: int, **kwargs: Any) -> Any:
        if user_id == 1:
            await release.wait()
        return await register(user_id, chat_id, **kwargs)

    monkeypatch.setattr(store, "register", slow_for_ada)
    await deliver(
        worker,
        store,
        message_update(api, 1, "/start"),
        message_update(api, 1, "/help"),
        message_update(api, 2, "/help"),
    )
    await wait_until(lambda: api.sent(2))  # Bo is answered while Ada's /start waits
    assert api.sent(1) == []  # and Ada's /help waits behind her /start
    release.set()
    await worker.stop(30)
    ada = [m.text for m in api.sent(1)]
    assert "practice companion" in ada[0] and "What I can do" in ada[-1]
    assert (await store.inbox_counts()).pending == 0


async def test_an_unreadable_update_is_set_aside_and_admins_told_once_an_hour(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    worker, store = make_worker(app, clock)
    poison = {"update_id": 10, "message": {"date": "not-a-date", "text": "zebra"}}
    await deliver(worker, store, poison, {**poison, "update_id": 11})
    await deliver(worker, store, message_update(api, 7, "/start"))
    await worker.stop(30)
    assert (await store.inbox_counts()).quarantined == 2
    assert "practice companion" in api.sent(7)[0].text  # the next update is answered
    [notice] = api.sent(ADMIN_ID)
    assert "1 update could not be handled" in notice.text and "zebra" not in notice.text
    clock.advance(minutes=61)
    await deliver(worker, store, {**poison, "update_id": 12})
    await worker.stop(30)
    assert "2 updates could not be handled" in api.sent(ADMIN_ID)[1].text


async def test_an_update_that_fails_three_times_is_set_aside_and_the_person_told_once(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, store = make_worker(app, clock)
    attempts = 0

    async def broken(*args: Any, **kwargs: Any) -> Any:
        nonlocal attempts
        attempts += 1
        raise RuntimeError("a bug")

    monkeypatch.setattr(store, "register", broken)
    await deliver(worker, store, message_update(api, 7, "/start"))
    await worker.stop(30)
    assert attempts == 3
    assert [m.text for m in api.sent(7)] == [basics_text.SOMETHING_WENT_WRONG]
    assert (await store.inbox_counts()).quarantined == 1


async def test_an_outage_is_answered_and_the_update_waits_for_the_database(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, store = make_worker(app, clock)
    register = store.register
    failures = 2

    async def unreachable_twice(*args: Any, **kwargs: Any) -> Any:
        nonlocal failures
        if failures:
            failures -= 1
            raise TimeoutError  # what asyncpg raises when a statement gets no answer
        return await register(*args, **kwargs)

    ping = store.ping
    ping_failures = 1

    async def ping_unanswered_once() -> None:
        nonlocal ping_failures
        if ping_failures:
            ping_failures -= 1
            raise TimeoutError  # the database is away: the ping gets no answer either
        await ping()

    monkeypatch.setattr(store, "register", unreachable_twice)
    monkeypatch.setattr(store, "ping", ping_unanswered_once)
    await deliver(worker, store, message_update(api, 7, "/start"))
    await worker.stop(30)
    texts = [m.text for m in api.sent(7)]
    outage = basics_text.CANT_REACH_NOTES
    assert texts[0] == outage and texts.count(outage) == 1
    assert "practice companion" in texts[1]  # handled once the database answered
    counts = await store.inbox_counts()
    assert (counts.pending, counts.quarantined) == (0, 0)  # an outage is not the update's fault


def first_write_unanswered(store: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's first write commits, and its answer never comes (a partition): the
    worker sees a timeout."""
    store_updates = store.store_updates
    writes = 0

    async def committed_unanswered(*args: Any, **kwargs: Any) -> Any:
        nonlocal writes
        writes += 1
        stored = await store_updates(*args, **kwargs)
        if writes == 1:
            raise TimeoutError  # what asyncpg raises when a statement gets no answer
        return stored

    monkeypatch.setattr(store, "store_updates", committed_unanswered)


@pytest.mark.parametrize("taken_meanwhile", [False, True])
async def test_a_write_that_seemed_to_fail_but_committed_is_handled_when_telegram_repeats_it(
    app: BotApplication,
    api: FakeBotAPI,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    taken_meanwhile: bool,
) -> None:
    # A partition: the insert reached the server and committed, its answer never came.
    worker, store = make_worker(app, clock)
    first_write_unanswered(store, monkeypatch)
    start = inbox.inbox_update(message_update(api, 7, "/start"))
    assert start is not None
    assert await worker.take([start]) is None  # not confirmed: Telegram sends it again
    assert [m.text for m in api.sent(7)] == [basics_text.CANT_REACH_NOTES]
    if taken_meanwhile:  # a sweep (here, or another replica's) took it already
        clock.advance(minutes=3)
        assert await store.claim_pending(clock() - timedelta(minutes=2)) == [start]
    taken = await worker.take([start])  # the repeat
    await worker.stop(30)
    texts = [m.text for m in api.sent(7)]
    if taken_meanwhile:  # the sweep's taker handles it, not this one as well
        assert taken == [] and len(texts) == 1
        assert (await store.inbox_counts()).pending == 1
    else:  # handled now, not two minutes later by the sweep
        assert taken == [start] and "practice companion" in texts[1]
        assert (await store.inbox_counts()).pending == 0


async def test_a_late_write_that_finds_a_failed_writes_row_takes_it_over(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first write committed, its answer lost; Telegram's repeat is written slowly
    # (the late path) and finds the row stored: it takes it over as a write in time would.
    worker, store = make_worker(app, clock)
    store_updates, ping = store.store_updates, store.ping
    writes = 0
    database_answers = False

    async def flaky(*args: Any, **kwargs: Any) -> Any:
        nonlocal writes
        writes += 1
        if writes == 2:
            await asyncio.sleep(0.2)
        stored = await store_updates(*args, **kwargs)
        if writes == 1:
            raise TimeoutError  # what asyncpg raises when a statement gets no answer
        return stored

    async def flaky_ping() -> None:
        if not database_answers:
            raise TimeoutError
        await ping()

    monkeypatch.setattr(store, "store_updates", flaky)
    monkeypatch.setattr(store, "ping", flaky_ping)
    monkeypatch.setattr(inbox, "ANSWER_WITHIN_S", 0.05)
    start = inbox.inbox_update(message_update(api, 7, "/start"))
    assert start is not None
    assert await worker.take([start]) is None
    assert await worker.take([start]) is None  # slow: the person is told, it goes on
    database_answers = True
    await wait_until(lambda: len(api.sent(7)) == 2)
    await worker.stop(30)
    texts = [m.text for m in api.sent(7)]
    assert texts[0] == basics_text.CANT_REACH_NOTES and "practice companion" in texts[1]
    assert (await store.inbox_counts()).pending == 0


async def test_a_row_another_write_stored_is_never_taken_over(
    make_app: AppFactory,
    api: FakeBotAPI,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    migrated_database_url: str,
) -> None:
    # Two replicas behind a webhook. A's write fails with nothing stored; Telegram's
    # repeat reaches B, which stores it and handles it (slowly); B's answer is lost, so
    # the next repeat reaches A, which finds the row stored: B's row, not A's failed
    # write's, so A leaves it to B.
    replica_a = await make_app(database_url=migrated_database_url)
    replica_b = await make_app(database_url=migrated_database_url)
    worker_a, store_a = make_worker(replica_a, clock)
    worker_b, store_b = make_worker(replica_b, clock)
    store_a_updates = store_a.store_updates
    failed = False

    async def fails_once(*args: Any, **kwargs: Any) -> Any:
        nonlocal failed
        if not failed:
            failed = True
            raise TimeoutError  # nothing committed
        return await store_a_updates(*args, **kwargs)

    handled: list[str] = []
    release = asyncio.Event()

    def counted(name: str, store: Any, slow: bool) -> None:
        register = store.register

        async def registering(*args: Any, **kwargs: Any) -> Any:
            handled.append(name)
            if slow:
                await release.wait()
            return await register(*args, **kwargs)

        monkeypatch.setattr(store, "register", registering)

    monkeypatch.setattr(store_a, "store_updates", fails_once)
    counted("A", store_a, slow=False)
    counted("B", store_b, slow=True)
    start = inbox.inbox_update(message_update(api, 7, "/start"))
    assert start is not None
    assert await worker_a.take([start]) is None
    clock.advance(seconds=1)
    assert await worker_b.take([start]) == [start]
    await wait_until(lambda: handled == ["B"])
    assert await worker_a.take([start]) == []  # B's row, B's to handle
    release.set()
    await worker_b.stop(30)
    await worker_a.stop(30)
    assert handled == ["B"]
    assert sum("practice companion" in m.text for m in api.sent(7)) == 1


async def test_a_take_over_that_fails_leaves_the_batchs_new_updates_handled(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, store = make_worker(app, clock)
    first_write_unanswered(store, monkeypatch)

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(store, "take_over_unclaimed", broken)
    ada = inbox.inbox_update(message_update(api, 7, "/start"))
    bo = inbox.inbox_update(message_update(api, 8, "/start"))
    assert ada is not None and bo is not None
    assert await worker.take([ada]) is None
    assert await worker.take([ada, bo]) == [bo]  # Ada's row waits for the sweep
    await worker.stop(30)
    assert "practice companion" in api.sent(8)[0].text
    assert (await store.inbox_counts()).pending == 1


async def test_a_busy_database_that_still_answers_is_retried_without_an_outage_line(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SQLite's busy timeout running out under load ("database is locked") while other
    # writers go on: the database is there, so no one is told it cannot be reached.
    worker, store = make_worker(app, clock)
    register = store.register
    failures = 2

    async def locked_twice(*args: Any, **kwargs: Any) -> Any:
        nonlocal failures
        if failures:
            failures -= 1
            raise sa_exc.OperationalError(
                "BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked")
            )
        return await register(*args, **kwargs)

    monkeypatch.setattr(store, "register", locked_twice)
    await deliver(worker, store, message_update(api, 7, "/start"))
    await worker.stop(30)
    texts = [m.text for m in api.sent(7)]
    assert basics_text.CANT_REACH_NOTES not in texts
    assert "practice companion" in texts[0]  # answered as if nothing had happened
    counts = await store.inbox_counts()
    assert (counts.pending, counts.quarantined) == (0, 0)


async def test_stopping_leaves_waiting_updates_pending(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker, store = make_worker(app, clock)

    async def stuck(*args: Any, **kwargs: Any) -> Any:
        await asyncio.Event().wait()

    monkeypatch.setattr(store, "register", stuck)
    await deliver(worker, store, message_update(api, 7, "/start"), message_update(api, 7, "/help"))
    assert await worker.stop(0.05) == 2
    assert (await store.inbox_counts()).pending == 2


async def test_a_task_that_never_waits_costs_no_turn_of_the_event_loop() -> None:
    async def quick() -> int:
        return 7

    turned: list[bool] = []
    asyncio.get_running_loop().call_soon(turned.append, True)
    task = inbox._start(quick())
    if sys.version_info >= (3, 12):  # eager tasks; on 3.11 an ordinary one
        assert task.done()
        assert await inbox._within(task, 1.5)
        assert turned == []  # answered without the loop taking a turn
    assert await task == 7


async def test_the_watch_gives_up_on_a_slow_task_and_leaves_it_running() -> None:
    release = asyncio.Event()

    async def slow() -> str:
        await release.wait()
        return "stored"

    task = inbox._start(slow())
    assert not await inbox._within(task, 0.01)
    assert not task.done()
    release.set()
    assert await task == "stored"


def labels(person: FakeChat) -> list[str]:
    return [button["text"] for button in person.keyboard_message().buttons]


async def at_the_reflection(person: FakeChat) -> None:
    """Practise Repair through its last step, to the reflection question."""
    await person.send("/practice")
    await person.press("Start")
    while "Finish" not in " ".join(labels(person)):
        await person.press("Next")
    await person.press("Finish")


async def test_a_press_tried_again_after_its_edit_failed_shows_where_the_practice_stands(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, chat: Callable[[int], FakeChat]
) -> None:
    # The move is stored, then the edit fails: the update is tried again. Its button
    # is now behind the practice, and Telegram refuses a second answer to the press;
    # the retry must still bring the message to the step the press moved to.
    worker, store = make_worker(app, clock)
    ada = chat(7)
    await ada.send("/practice")
    await ada.press("Start")
    message = ada.keyboard_message()
    [next_data] = [b["callback_data"] for b in message.buttons if "Next" in b["text"]]
    api.fault = telegram_error("editMessageText", 502, "Bad Gateway", times=1)
    before = len(api.calls)
    await deliver(worker, store, callback_update(api, 7, message, next_data))
    await worker.stop(30)
    assert "Step 2 of" in message.text and "◀ Back" in labels(ada)
    counts = await store.inbox_counts()
    assert (counts.pending, counts.quarantined) == (0, 0)
    answers = [c.ok for c in api.calls[before:] if c.method == "answerCallbackQuery"]
    assert answers == [True, False]  # the retry's answer refused, and let go


async def test_forgetting_tried_again_after_its_edit_failed_says_it_is_done(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, chat: Callable[[int], FakeChat]
) -> None:
    # Everything is deleted, then the edit that says so fails: the retry finds no one,
    # and must still turn "Delete everything?" into "done", not leave it asking.
    worker, store = make_worker(app, clock)
    ada = chat(7)
    await ada.send("/forget")
    question = ada.keyboard_message()
    yes = question.buttons[0]["callback_data"]
    api.fault = telegram_error("editMessageText", 502, "Bad Gateway", times=1)
    await deliver(worker, store, callback_update(api, 7, question, yes))
    await worker.stop(30)
    assert "everything about you has been deleted" in question.text and not question.buttons
    assert await store.get_user(7) is None


async def test_a_bid_sent_then_tried_again_after_its_edit_failed_says_it_was_sent(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    worker, store = make_worker(app, clock)
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.send("/partner")
    await ada.press("Send a repair bid")
    await ada.press("Write my own")
    await ada.send("I was sharp with you. I'm sorry.")
    preview = ada.keyboard_message()
    [send] = [b["callback_data"] for b in preview.buttons if b["text"].startswith("Send")]
    api.fault = telegram_error("editMessageText", 502, "Bad Gateway", times=1)
    await deliver(worker, store, callback_update(api, 1, preview, send))
    await worker.stop(30)
    assert preview.text.startswith("Sent to Ben")
    assert sum("I was sharp with you" in m.text for m in ben.messages()) == 1


async def test_an_accept_tried_again_after_a_reply_failed_tells_both_of_the_pairing(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    worker, store = make_worker(app, clock)
    ada, ben = two_people(app, api)
    await ada.send("/start")
    payload = await invite_payload(ada)
    await ben.send(f"/start {payload}")
    invite = ben.keyboard_message()
    [accept] = [b["callback_data"] for b in invite.buttons if b["text"].startswith("Accept")]
    api.fault = telegram_error("sendMessage", 502, "Bad Gateway", times=1)
    await deliver(worker, store, callback_update(api, 2, invite, accept, first_name="Ben"))
    await worker.stop(30)
    assert "already been used" not in invite.text
    assert any(m.text.startswith("Shall I tell Ada") for m in ben.messages())
    assert any(m.text.startswith("Shall I tell Ben") for m in ada.messages())


async def test_a_reflection_tried_again_after_its_answer_failed_is_answered_as_one(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, chat: Callable[[int], FakeChat]
) -> None:
    worker, store = make_worker(app, clock)
    ada = chat(7)
    await at_the_reflection(ada)
    api.fault = telegram_error("sendMessage", 502, "Bad Gateway", times=1)
    await deliver(worker, store, message_update(api, 7, "I listened this time."))
    await worker.stop(30)
    last = api.sent(7)[-1].text
    assert "You practised" in last and "may help" not in last
    session = await store.last_reflected(7)
    assert session is not None and session.reflection == "I listened this time."
    # The window for more of it is open, as after any reflection.
    person = await store.get_user(7)
    assert person is not None and person.question is Question.MORE_REFLECTION


async def test_a_reflection_with_a_lone_surrogate_is_saved_with_a_replacement_mark(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock, chat: Callable[[int], FakeChat]
) -> None:
    # Escaped on its own in the JSON, a half emoji no UTF-8 text can hold: the write of
    # the reflection failed on every try, and the person heard "something went wrong".
    worker, store = make_worker(app, clock)
    ada = chat(7)
    await at_the_reflection(ada)
    # A NUL, which PostgreSQL's text refuses, likewise.
    await deliver(worker, store, message_update(api, 7, "I noticed \ud83d alone\x00"))
    await worker.stop(30)
    assert "You practised" in api.sent(7)[-1].text
    session = await store.last_reflected(7)
    assert session is not None and session.reflection == "I noticed \ufffd alone\ufffd"
    counts = await store.inbox_counts()
    assert (counts.pending, counts.quarantined) == (0, 0)
