"""One log line per update: its kind, the user id, the handlers that ran, and how long.

Never message text and never the token: the line is built from the update's
type and ids only.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.domain.models import NotRegistered

log = logging.getLogger("bot.updates")

_HANDLED: ContextVar[list[str] | None] = ContextVar("handled", default=None)
# Set while the inbox worker handles an update: the errors handlers raised, and
# whether this attempt is the last before the update is set aside.
_ERRORS: ContextVar[list[Exception] | None] = ContextVar("errors", default=None)
_FINAL_ATTEMPT: ContextVar[bool] = ContextVar("final_attempt", default=True)
_KINDS = ("message", "edited_message", "callback_query", "my_chat_member", "inline_query")

Callback = Callable[..., Coroutine[Any, Any, Any]]


def named(callback: Callback) -> Callback:
    """Wrap a handler callback so the update's log line can name it."""
    name = getattr(callback, "__name__", type(callback).__name__)

    @functools.wraps(callback)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        handled = _HANDLED.get()
        if handled is not None:
            handled.append(name)
        return await callback(*args, **kwargs)

    return wrapper


def name_handlers(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Wrap every registered handler's callback (call after registering them)."""
    for handlers in app.handlers.values():
        for handler in handlers:
            handler.callback = named(handler.callback)


class LoggedApplication(Application[Any, Any, Any, Any, Any, Any]):
    """An Application that logs one line for every update it processes."""

    async def process_update_reporting(
        self, update: Update, *, final_attempt: bool = True
    ) -> Exception | None:
        """Process an update and return the first error a handler raised (None: none).

        `final_attempt=False` tells the error handler the update will be tried again,
        so the person is not apologised to for every attempt.
        """
        errors: list[Exception] = []
        token, final = _ERRORS.set(errors), _FINAL_ATTEMPT.set(final_attempt)
        try:
            await self.process_update(update)
        finally:
            _ERRORS.reset(token)
            _FINAL_ATTEMPT.reset(final)
        return errors[0] if errors else None

    async def process_error(
        self,
        update: object | None,
        error: Exception,
        job: Any = None,
        coroutine: Any = None,
    ) -> bool:
        errors = _ERRORS.get()
        # NotRegistered is answered ("Send /start"), not a failure: trying the update
        # again would only meet it again, and set it aside as if it were broken.
        if errors is not None and not isinstance(error, NotRegistered):
            errors.append(error)
        return await super().process_error(update, error, job, coroutine)

    async def process_update(self, update: object) -> None:
        handled: list[str] = []
        token = _HANDLED.set(handled)
        started = time.perf_counter()
        try:
            await super().process_update(update)
        finally:
            _HANDLED.reset(token)
            _log(update, handled, time.perf_counter() - started)


def from_inbox() -> bool:
    """True while the inbox worker is handling the current update."""
    return _ERRORS.get() is not None


def handler_failed() -> bool:
    """True when a handler of the current update has raised (it will be tried again, or
    was answered with an apology); False outside the inbox, where nothing is retried."""
    return bool(_ERRORS.get())


def is_final_attempt() -> bool:
    """False when the current update will be handled again if this attempt fails."""
    return _FINAL_ATTEMPT.get()


def update_kind(update: Update) -> str:
    """What an update carries (`message`, `callback_query`, …), for logs."""
    return next((name for name in _KINDS if getattr(update, name) is not None), "update")


def _log(update: object, handled: list[str], seconds: float) -> None:
    if not isinstance(update, Update):
        return
    kind = update_kind(update)
    user = update.effective_user
    event = {
        "event": "update",
        "update_kind": kind,
        "user_id": user.id if user else None,
        "handler": ",".join(handled) or None,
        "duration_ms": round(seconds * 1000, 2),
    }
    log.info(
        "%s from user %s handled by %s in %.1f ms",
        kind,
        event["user_id"],
        event["handler"],
        event["duration_ms"],
        extra={"event": event},
    )
