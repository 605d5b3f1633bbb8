"""Handle updates from the inbox: in order per chat, many chats at once, poison set aside.

Every update reaches this worker only after its inbox row is stored (see polling.py
and webhook.py). The worker hands it to PTB's `process_update` under a lock for its
chat, so one person's updates run in the order they were sent while other people's
run alongside, at most MAX_IN_FLIGHT at a time. Only when handling ends is the row
marked done (with the next batch stored, see done_marks.py); a crash in between leaves
it pending, and the next start handles it.

On Python 3.12+ the worker's tasks start eagerly (`_start`): an update's handling
begins inside `take` and runs until it first waits (usually its first Bot API call),
and a store or a handling that never waits costs no turn of the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Iterable
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from bot.domain.models import Clock, InboxUpdate
from bot.store import Store, is_unreachable
from bot.telegram.done_marks import DoneMarks
from bot.telegram.update_log import LoggedApplication
from bot.texts import admin as admin_text
from bot.texts import basics as basics_text
from bot.texts.i18n import speaking

log = logging.getLogger(__name__)

# A crash can leave at most this many updates handled but not yet marked done (each
# is handled again after the restart); it also caps the database connections the
# handlers hold at once.
MAX_IN_FLIGHT = 16
# Polling pauses while this many stored updates wait for a free slot in memory.
MAX_WAITING = 1_000
# When handling is still going after this long, the database is pinged; if it does
# not answer, the person is told now rather than when the statement times out.
ANSWER_WITHIN_S = 1.5
PING_TIMEOUT_S = 1.0
# How often an update whose statement found the database busy (while it still answers
# a ping) is tried again before the person is told their notes cannot be reached.
CONTENTION_RETRIES = 3
# Pauses before a failed update is tried again (failures other than an outage).
RETRY_PAUSES_S = (0.5, 2.0)
ADMIN_NOTICE_EVERY = timedelta(hours=1)
# Between tries of an inbox write that failed while the database still answers pings.
WRITE_RETRY_PAUSE_S = 0.5
# At least this long for the last done-marks at shutdown, however short the grace.
MARKS_AT_STOP_S = 2.0

T = TypeVar("T")
# Python 3.12+; see _start.
_EAGER = getattr(asyncio, "eager_task_factory", None)


def inbox_update(raw: Any) -> InboxUpdate | None:
    """The inbox row for one update as Telegram sent it; None without an update id the
    inbox can store.

    Whatever else the update holds, the row can be stored: one that could not would
    fail its whole batch, and the batch again each time Telegram sent it.
    """
    if not isinstance(raw, dict) or not _storable_id(raw.get("update_id")):
        return None
    user_id, chat_id = _sender_and_chat(raw)
    return InboxUpdate(raw["update_id"], user_id, chat_id, _payload(raw))


def _storable_id(value: object) -> bool:
    # The inbox's id columns are BIGINT: Telegram's ids fit in 52 bits; a larger one
    # comes from a broken or hostile server, and SQLite refuses it (OverflowError).
    return type(value) is int and -(2**63) <= value < 2**63


def _payload(raw: dict[str, Any]) -> str:
    text = json.dumps(raw, ensure_ascii=False)
    try:
        text.encode()
    except UnicodeEncodeError:
        # An escaped lone surrogate ("\ud800"), which no UTF-8 text can carry, cannot be
        # stored as it was decoded; escaped again, it can, and reads back the same.
        return json.dumps(raw)
    return text


def _sender_and_chat(raw: dict[str, Any]) -> tuple[int | None, int | None]:
    # Read defensively from the raw JSON: this runs before PTB parses anything, on
    # updates PTB may not be able to parse at all.
    for key, value in raw.items():
        if key == "update_id" or not isinstance(value, dict):
            continue
        sender = value.get("from") or value.get("user")
        chat = value.get("chat")
        message = value.get("message")
        if chat is None and isinstance(message, dict):
            chat = message.get("chat")
        user_id = sender.get("id") if isinstance(sender, dict) else None
        chat_id = chat.get("id") if isinstance(chat, dict) else None
        return (
            user_id if _storable_id(user_id) else None,
            chat_id if _storable_id(chat_id) else None,
        )
    return None, None


class DatabaseWatch:
    """Whether the database answers, probed at most once a second however many ask."""

    def __init__(self, store: Store, interval: float = 1.0) -> None:
        self.store = store
        self.interval = interval
        self.reachable = True
        self._checked = -float("inf")
        self._lock = asyncio.Lock()
        self._ping: asyncio.Future[None] | None = None

    async def probe(self) -> bool:
        """Ping now (or reuse a ping from the last `interval`); True when it answered.

        The ping is never cancelled: a database driver may take its own time to give
        up on a cancelled statement, which would hold the caller up with it. A ping
        that has not answered in PING_TIMEOUT_S counts as "unreachable" and is left
        to finish on its own; while it is out, no second one is sent.
        """
        async with self._lock:
            if time.monotonic() - self._checked >= self.interval:
                if self._ping is None or self._ping.done():
                    self._ping = asyncio.ensure_future(self.store.ping())
                    self._ping.add_done_callback(_retrieve)
                await asyncio.wait({self._ping}, timeout=PING_TIMEOUT_S)
                answered = self._ping.done() and self._ping.exception() is None
                self.reachable = answered
                self._checked = time.monotonic()
            return self.reachable

    def saw_failure(self) -> None:
        """A statement failed for want of an answer: the next probe pings afresh."""
        self.reachable = False
        self._checked = -float("inf")

    async def wait_reachable(self) -> None:
        """Return once the database answers a ping."""
        while True:
            if await self.probe():
                return
            await asyncio.sleep(self.interval)


class OutageNotices:
    """Tell a person once per update that their notes cannot be reached right now."""

    def __init__(self, app: LoggedApplication, remember: int = 10_000) -> None:
        self.app = app
        self._told: OrderedDict[int, None] = OrderedDict()
        self._remember = remember

    async def tell(self, item: InboxUpdate) -> None:
        """Answer the update with the outage line (a button press gets it as an alert)."""
        if item.update_id in self._told:
            return
        self._told[item.update_id] = None
        while len(self._told) > self._remember:
            self._told.popitem(last=False)
        try:
            raw = json.loads(item.payload)
            # The database (and the person's stored language) is out of reach: the
            # language their Telegram app sent with the update will do.
            with speaking(_telegram_language(raw)):
                line = basics_text.CANT_REACH_NOTES
            query = raw.get("callback_query") if isinstance(raw, dict) else None
            if isinstance(query, dict) and isinstance(query.get("id"), str):
                with contextlib.suppress(TelegramError):  # already answered: send instead
                    await self.app.bot.answer_callback_query(query["id"], line, show_alert=True)
                    return
            if item.chat_id is not None and item.chat_id > 0:  # private chats only
                await self.app.bot.send_message(item.chat_id, line)
        except (TelegramError, ValueError) as exc:
            log.warning("could not tell update %s about the outage: %s", item.update_id,
                        type(exc).__name__)  # fmt: skip


class UnsureWrites:
    """Inbox writes that failed in a way that may have committed after all (a statement
    cut off by a timeout or a partition): each update, with the instants its failed
    writes stored it at. When Telegram sends one again and the store finds it stored,
    the row is taken over at once if one of those writes stored it and nobody claimed
    it since (`InboxStore.take_over_unclaimed`), instead of waiting for the sweep. The
    newest `remember` updates are kept."""

    def __init__(self, remember: int = 10_000) -> None:
        self._writes: OrderedDict[int, set[datetime]] = OrderedDict()
        self._remember = remember

    def add(self, items: Iterable[InboxUpdate], at: datetime) -> None:
        for item in items:
            self._writes.setdefault(item.update_id, set()).add(at)
            self._writes.move_to_end(item.update_id)
        while len(self._writes) > self._remember:
            self._writes.popitem(last=False)

    def settle(
        self, items: Iterable[InboxUpdate], new: Iterable[InboxUpdate]
    ) -> list[tuple[int, datetime]]:
        """Forget `items`, whose write has just gone through; return, for those among
        them it found stored already, the failed writes that may have stored them."""
        stored_now = {item.update_id for item in new}
        found: list[tuple[int, datetime]] = []
        for item in items:
            instants = self._writes.pop(item.update_id, set())
            if item.update_id not in stored_now:
                found.extend((item.update_id, at) for at in sorted(instants))
        return found


class InboxWorker:
    """Handles stored updates: per-chat order, bounded concurrency, poison set aside."""

    def __init__(
        self,
        app: Application[Any, Any, Any, Any, Any, Any],
        store: Store,
        *,
        max_attempts: int = 3,
        admins: Iterable[int] = (),
        clock: Clock,
        retry_pauses: tuple[float, ...] = RETRY_PAUSES_S,
    ) -> None:
        if not isinstance(app, LoggedApplication):
            raise TypeError("the inbox worker needs the Application built by build_application")
        self.app = app
        self.store = store
        self.max_attempts = max_attempts
        self.admins = sorted(admins)
        self.clock = clock
        self.retry_pauses = retry_pauses
        self.database = DatabaseWatch(store)
        self.notices = OutageNotices(app)
        # A slot is held from handling until the update's done-mark is written.
        self._slots = asyncio.Semaphore(MAX_IN_FLIGHT)
        self.marks = DoneMarks(self._write_marks)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}
        self._known: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._room = asyncio.Event()
        self._late_writes: set[asyncio.Future[list[InboxUpdate]]] = set()
        self._unsure = UnsureWrites()
        self._set_aside: list[str] = []
        self._last_notice: datetime | None = None

    @property
    def waiting(self) -> int:
        """Updates submitted and not yet finished (being handled or queued)."""
        return len(self._tasks)

    def submit(self, items: Iterable[InboxUpdate]) -> None:
        """Queue stored updates; each chat's in the order given (oldest first)."""
        for item in items:
            if item.update_id in self._known:
                continue  # already queued here (a claim found it while in flight)
            self._known.add(item.update_id)
            key = _chat_key(item)
            lock, users = self._chats.get(key) or (asyncio.Lock(), 0)
            self._chats[key] = (lock, users + 1)
            task = _start(self._run(key, lock, item))
            self._tasks.add(task)
            task.add_done_callback(self._finished(item.update_id))

    async def take(self, items: list[InboxUpdate]) -> list[InboxUpdate] | None:
        """Store a batch in the inbox and queue the new updates; return them, or None when
        the database does not answer (each person is told, and Telegram sends the batch
        again; a write that lands after all is caught, see UnsureWrites).

        A database that is slow to fail is pinged meanwhile, so people hear about an
        outage within ANSWER_WITHIN_S plus the ping, not after every timeout in turn.
        """
        # Updates handled since the last write are marked done in this one's transaction.
        marks = self.marks.take()
        now = self.clock()
        storing = _start(self.store.store_updates(items, done=list(marks), now=now))
        try:
            if not await _within(storing, ANSWER_WITHIN_S) and not await self.database.probe():
                # Tell people now and let the batch go unconfirmed; the write goes on in
                # the background, and if it lands after all, its updates are handled
                # (Telegram's repeat of them is then ignored as a duplicate). The marks
                # wait for the next write (marking twice changes nothing).
                self.marks.put_back(marks)
                marks = {}
                await self.tell_all(items)
                self._late_writes.add(storing)
                storing.add_done_callback(functools.partial(self._late_write_done, items, now))
                return None
            new = await storing
        except asyncio.CancelledError:
            storing.cancel()
            self.marks.put_back(marks)
            raise
        except Exception as exc:
            self.marks.put_back(marks)
            if not is_unreachable(exc):
                raise
            log.warning("database unreachable; %d update(s) not stored: %s", len(items),
                        type(exc).__name__)  # fmt: skip
            self.database.saw_failure()
            self._unsure.add(items, now)
            await self.tell_all(items)
            return None
        self.marks.written(marks)
        if unsure := self._unsure.settle(items, new):
            new = sorted([*new, *await self._take_over(unsure)], key=lambda item: item.update_id)
        self.submit(new)
        return new

    async def _take_over(self, written: list[tuple[int, datetime]]) -> list[InboxUpdate]:
        """What `take_over_unclaimed` takes; nothing when it fails, for whatever reason:
        the batch it came with is stored, and its new updates must still be handled.
        What is not taken waits for the sweep (TAKEOVER_AFTER)."""
        try:
            taken = await self.store.take_over_unclaimed(written)
        except Exception as exc:
            if is_unreachable(exc):
                self.database.saw_failure()
            log.warning("%d update(s) stored by a write that seemed to fail wait for the "
                        "sweep: %s", len(written), type(exc).__name__)  # fmt: skip
            return []
        if taken:
            log.info("%d update(s) stored by a write that seemed to fail taken over",
                     len(taken))  # fmt: skip
        return taken

    def _late_write_done(
        self,
        items: list[InboxUpdate],
        at: datetime,
        task: asyncio.Future[list[InboxUpdate]],
    ) -> None:
        self._late_writes.discard(task)
        if task.cancelled():
            return
        if task.exception() is not None:
            self.database.saw_failure()
            self._unsure.add(items, at)
            return
        new = task.result()
        self.submit(new)
        # It may have found rows an earlier failed write stored after all: those are
        # taken over as a write in time would (a repeat of them is a duplicate now).
        if unsure := self._unsure.settle(items, new):
            taking = _start(self._take_over(unsure))
            self._late_writes.add(taking)
            taking.add_done_callback(self._taken_over_late)

    def _taken_over_late(self, task: asyncio.Future[list[InboxUpdate]]) -> None:
        self._late_writes.discard(task)
        if not task.cancelled():
            self.submit(task.result())  # _take_over raises nothing but a cancel

    async def tell_all(self, items: list[InboxUpdate]) -> None:
        """Tell each update's person that their notes cannot be reached (once each)."""
        await asyncio.gather(*(self.notices.tell(item) for item in items))

    async def drain(self) -> None:
        """Return once every update queued so far is handled (its mark may still wait)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    def is_queued(self, update_id: int) -> bool:
        """True while the update is queued or being handled here."""
        return update_id in self._known

    async def wait_for_room(self) -> None:
        """Return once fewer than MAX_WAITING updates wait (polling's back-pressure)."""
        while len(self._tasks) >= MAX_WAITING:
            self._room.clear()
            await self._room.wait()

    async def stop(self, grace: float) -> int:
        """Let updates being handled finish for up to `grace` seconds, then cancel the
        rest (their rows stay pending for the next start), and write the done-marks of
        those that finished. Return how many were cut."""
        for write in list(self._late_writes):
            write.cancel()
        tasks = set(self._tasks)
        cut: set[asyncio.Task[None]] = set()
        if tasks:
            _done, cut = await asyncio.wait(tasks, timeout=grace)
            for task in cut:
                task.cancel()
            if cut:
                await asyncio.wait(cut)
        await self.marks.close()
        try:
            # Bounded: marks not written now leave their updates pending, handled again
            # at the next start (the trade-off of docs/reliability.md §2).
            await asyncio.wait_for(self.marks.flush(), timeout=max(grace, MARKS_AT_STOP_S))
        except TimeoutError:
            log.warning("%d handled update(s) not marked done before stopping", len(self.marks))
        return len(cut)

    async def _write_marks(self, update_ids: list[int]) -> None:
        await self._durably(functools.partial(self.store.finish_updates, update_ids))

    def _marked(self, update_id: int) -> None:
        self._slots.release()
        self._known.discard(update_id)

    def _finished(self, update_id: int) -> Callable[[asyncio.Task[None]], None]:
        def done(task: asyncio.Task[None]) -> None:
            self._tasks.discard(task)
            if update_id not in self.marks:
                # Still known until its done-mark is written: a takeover sweep meanwhile
                # must not queue it again.
                self._known.discard(update_id)
            if not task.cancelled() and task.exception() is not None:
                log.error("inbox worker failed on update %s: %s", update_id,
                          type(task.exception()).__name__)  # fmt: skip
            self._room.set()

        return done

    async def _run(self, key: int, lock: asyncio.Lock, item: InboxUpdate) -> None:
        try:
            async with lock:
                await self._handle(item)
        finally:
            held, users = self._chats[key]
            if users <= 1:
                del self._chats[key]
            else:
                self._chats[key] = (held, users - 1)

    async def _handle(self, item: InboxUpdate) -> None:
        try:
            raw = json.loads(item.payload)
            if "\\ud" in item.payload or "\\uD" in item.payload or "\\u0000" in item.payload:
                raw = _mended(raw)
            update = Update.de_json(raw, self.app.bot)
        except Exception as exc:  # whatever PTB cannot read is poison, not a crash
            unreadable = _name(exc)
        else:
            await self._handle_parsed(item, update)
            return
        await self._durably(functools.partial(self.store.quarantine_update, item.update_id,
                                              unreadable))  # fmt: skip
        await self._set_aside_one(item, unreadable)

    async def _handle_parsed(self, item: InboxUpdate, update: Update) -> None:
        attempt = 0
        quiet_retries = 0
        while True:
            attempt += 1
            final = attempt >= self.max_attempts
            await self._slots.acquire()
            try:
                error = await self._attempt(item, update, final)
            except BaseException:
                self._slots.release()
                raise
            if error is None:
                # The slot goes back only once the done-mark is written: at any moment
                # at most MAX_IN_FLIGHT updates can be answered but not yet marked,
                # which bounds how many a crash makes the bot answer twice.
                self.marks.add(item.update_id, functools.partial(self._marked, item.update_id))
                return
            self._slots.release()
            if is_unreachable(error):
                # Not the update's fault: it is tried again, not counted. A database that
                # still answers a ping was busy, not away (SQLite's "database is locked"
                # after its busy timeout, a full pool, a slow statement on a starved
                # machine): the retry goes on quietly, for CONTENTION_RETRIES tries, so
                # no one is told "I can't reach my notes" while it answers everyone
                # else. Otherwise the person is told and the update waits in the inbox.
                self.database.saw_failure()
                if quiet_retries < CONTENTION_RETRIES and await self.database.probe():
                    quiet_retries += 1
                    attempt -= 1
                    log.info("database busy on update %s; trying again", item.update_id)
                    continue
                await self.notices.tell(item)
                await self.database.wait_reachable()
                attempt -= 1
                continue
            name = _name(error)
            quarantined = await self._durably(
                functools.partial(self.store.note_failure, item.update_id, name, self.max_attempts)
            )
            if quarantined:
                await self._set_aside_one(item, name)
                return
            pause = self.retry_pauses[min(attempt - 1, len(self.retry_pauses) - 1)]
            await asyncio.sleep(pause)

    async def _attempt(self, item: InboxUpdate, update: Update, final: bool) -> Exception | None:
        handling = _start(self.app.process_update_reporting(update, final_attempt=final))
        try:
            if not await _within(handling, ANSWER_WITHIN_S) and not await self.database.probe():
                # Still waiting on a database that does not answer: say so now; the
                # statement's own timeout ends the attempt shortly after.
                await self.notices.tell(item)
            return await handling
        except asyncio.CancelledError:
            handling.cancel()
            raise
        except Exception as exc:  # escaped PTB's own error handling: still a failure
            return exc

    async def _durably(self, write: Callable[[], Any]) -> Any:
        """Run an inbox write, waiting out an outage instead of losing the outcome.

        A database that answers pings but fails every write (a full disk, a read-only
        file) is tried again every WRITE_RETRY_PAUSE_S, not in a tight loop, and said
        once per write.
        """
        told = False
        while True:
            try:
                return await write()
            except Exception as exc:
                if not is_unreachable(exc):
                    raise
                if not told:
                    log.warning("inbox write failed, trying again until it lands: %s",
                                type(exc).__name__)  # fmt: skip
                    told = True
                self.database.saw_failure()
                await self.database.wait_reachable()
                await asyncio.sleep(WRITE_RETRY_PAUSE_S)

    async def _set_aside_one(self, item: InboxUpdate, error: str) -> None:
        log.error("update %s set aside after failing: %s", item.update_id, error)
        self._set_aside.append(error)
        now = self.clock()
        if self._last_notice is not None and now - self._last_notice < ADMIN_NOTICE_EVERY:
            return  # the next notice (an hour after this one) counts these too
        self._last_notice = now
        errors, self._set_aside = self._set_aside, []
        text = admin_text.updates_set_aside(len(errors), errors)
        for admin in self.admins:
            try:
                await self.app.bot.send_message(admin, text)
            except TelegramError as exc:
                log.warning("could not tell admin %s about set-aside updates: %s", admin,
                            type(exc).__name__)  # fmt: skip


def _start(work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """A task for `work`, started at once where asyncio can (Python 3.12+).

    Started eagerly, a task runs right here until it first waits, and one that finishes
    without waiting (a stored update on SQLite, a press whose units ran on the event
    loop) never goes through the event loop's queue: no hand-off, and no watch on it.
    On Python 3.11 it is an ordinary task, started on the loop's next turn.
    """
    loop = asyncio.get_running_loop()
    if _EAGER is not None:
        return cast("asyncio.Task[T]", _EAGER(loop, work))
    return loop.create_task(work)


async def _within(task: asyncio.Task[T], seconds: float) -> bool:
    """True once `task` is done, False if it is still running after `seconds` (it goes
    on either way); a task already done is not waited on."""
    if not task.done():
        await asyncio.wait({task}, timeout=seconds)
    return task.done()


def _retrieve(future: asyncio.Future[None]) -> None:
    # A ping's failure is its answer; retrieving it keeps asyncio from logging it.
    if not future.cancelled():
        future.exception()


def _mended(value: Any) -> Any:
    """The decoded update with each lone surrogate ("\\ud83d" escaped on its own, which no
    UTF-8 text can hold) and each NUL character (which PostgreSQL's text refuses) made
    U+FFFD: stored as it came (see `_payload`), but the database, and Telegram, refuse
    them in anything the bot writes or sends, and a reflection holding one could never be
    saved, however often it was tried."""
    if isinstance(value, str):
        mended = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
        return mended.replace("\x00", "\ufffd")
    if isinstance(value, dict):
        return {key: _mended(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_mended(item) for item in value]
    return value


def _chat_key(item: InboxUpdate) -> int:
    # Updates without a chat still keep their sender's order; with neither, each
    # stands alone (a negative key no chat or person id can take).
    if item.chat_id is not None:
        return item.chat_id
    if item.user_id is not None:
        return item.user_id
    return -(10**15) - item.update_id


def _name(error: BaseException) -> str:
    return type(error).__name__


def _telegram_language(raw: object) -> str | None:
    """The `language_code` of the person an update (as Telegram's JSON) comes from."""
    if not isinstance(raw, dict):
        return None
    for part in raw.values():
        sender = part.get("from") if isinstance(part, dict) else None
        if isinstance(sender, dict) and isinstance(sender.get("language_code"), str):
            return str(sender["language_code"])
    return None
