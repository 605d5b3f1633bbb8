"""Daily nudge settings: /remind, /timezone, /pause, /resume, and the nudge's own buttons."""

from __future__ import annotations

import contextlib
from datetime import time
from typing import TypedDict

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from bot.domain import nudge_policy
from bot.domain.models import User
from bot.domain.schedule import parse_reminder_time
from bot.domain.timezones import COMMON_ZONES, resolve_zone
from bot.telegram import keyboards
from bot.telegram.callbacks import NudgeAction, NudgePress, ReminderPress, ZonePress, decode
from bot.telegram.context import services_of
from bot.telegram.handlers.replies import command, reject_malformed, show
from bot.texts import reminders as reminder_text

Context = ContextTypes.DEFAULT_TYPE


async def _person(update: Update, context: Context) -> User:
    user, chat = update.effective_user, update.effective_chat
    assert user and chat
    return await services_of(context.bot_data).store.ensure_user(user.id, chat.id)


async def remind_command(update: Update, context: Context) -> None:
    """Show the nudge settings, or change them: a time, `on`, `off`, `quiet`, `loud`."""
    person = await _person(update, context)
    services = services_of(context.bot_data)
    argument = " ".join(context.args or []).strip().casefold()
    if not argument:
        summary = reminder_text.reminder_summary(person, services.clock())
        await show(update, context, summary, keyboards.reminder(person))
        return
    changes = _reminder_change(argument)
    if changes is None:
        await show(update, context, reminder_text.BAD_TIME)
        return
    updated = await services.store.update_settings(person.user_id, **changes)
    assert updated is not None
    await show(update, context, reminder_text.reminder_set(updated), keyboards.reminder(updated))


class _Change(TypedDict, total=False):
    reminder_time: time
    reminders_enabled: bool
    silent_nudges: bool


def _reminder_change(argument: str) -> _Change | None:
    switches: dict[str, _Change] = {
        "on": {"reminders_enabled": True},
        "off": {"reminders_enabled": False},
        "quiet": {"silent_nudges": True},
        "silent": {"silent_nudges": True},
        "loud": {"silent_nudges": False},
        "sound": {"silent_nudges": False},
    }
    if argument in switches:
        return switches[argument]
    at = parse_reminder_time(argument)
    return None if at is None else {"reminder_time": at, "reminders_enabled": True}


async def reminder_button(update: Update, context: Context) -> None:
    """A preset time, on/off, or sound on /remind's keyboard."""
    query = update.callback_query
    assert query
    press = decode(query.data)
    if not isinstance(press, ReminderPress):
        await reject_malformed(update, context)
        return
    value = press.value
    argument = f"{value[:2]}:{value[2:]}" if value.isdigit() else value
    changes = _reminder_change(argument)
    assert changes is not None  # the callback pattern admits only valid values
    person = await _person(update, context)
    updated = await services_of(context.bot_data).store.update_settings(person.user_id, **changes)
    assert updated is not None
    await query.answer(reminder_text.reminder_toast(updated))
    summary = reminder_text.reminder_summary(updated, services_of(context.bot_data).clock())
    await show(update, context, summary, keyboards.reminder(updated), edit=True)


async def timezone_command(update: Update, context: Context) -> None:
    """Set the time zone from a zone name or a city; suggest on a typo."""
    person = await _person(update, context)
    wanted = " ".join(context.args or [])
    if not wanted.strip():
        await show(
            update,
            context,
            reminder_text.zone_question(person.reminder_time.strftime("%H:%M")),
            keyboards.zones(COMMON_ZONES),
        )
        return
    match = resolve_zone(wanted)
    if match.zone is None:
        text = reminder_text.zone_unknown(wanted, suggestions=bool(match.suggestions))
        markup = keyboards.zones(match.suggestions) if match.suggestions else None
        await show(update, context, text, markup)
        return
    await _set_zone(update, context, person, match.zone)


async def zone_button(update: Update, context: Context) -> None:
    """A time zone chosen from buttons."""
    query = update.callback_query
    assert query
    press = decode(query.data)
    match = resolve_zone(press.zone) if isinstance(press, ZonePress) else None
    if match is None or match.zone is None:
        await reject_malformed(update, context)
        return
    await query.answer()
    await _set_zone(update, context, await _person(update, context), match.zone, edit=True)


async def _set_zone(
    update: Update, context: Context, person: User, zone: str, *, edit: bool = False
) -> None:
    services = services_of(context.bot_data)
    updated = await services.store.update_settings(person.user_id, timezone=zone)
    assert updated is not None
    await show(update, context, reminder_text.zone_set(updated, services.clock()), edit=edit)


async def pause_command(update: Update, context: Context) -> None:
    """Pause nudges for N days (a holiday); settings are kept."""
    person = await _person(update, context)
    services = services_of(context.bot_data)
    until = nudge_policy.pause_until(services.clock(), " ".join(context.args or []).strip())
    if until is None:
        await show(update, context, reminder_text.BAD_PAUSE)
        return
    await services.store.set_pause(person.user_id, until)
    await show(update, context, reminder_text.paused(until, person.timezone))


async def resume_command(update: Update, context: Context) -> None:
    """End a pause early."""
    person = await _person(update, context)
    services = services_of(context.bot_data)
    if not person.is_paused(services.clock()):
        await show(update, context, reminder_text.NOT_PAUSED)
        return
    await services.store.set_pause(person.user_id, None)
    await show(update, context, reminder_text.RESUMED)


async def nudge_button(update: Update, context: Context) -> None:
    """Snooze 1 h or Skip today under a nudge."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    press = decode(query.data)
    if not isinstance(press, NudgePress):
        await reject_malformed(update, context)
        return
    services = services_of(context.bot_data)
    if press.action is NudgeAction.SNOOZE:
        until = nudge_policy.snooze_until(services.clock())
        done = await services.store.snooze_nudge(user.id, press.nudge_id, until)
        answer = reminder_text.SNOOZED
    else:
        done = await services.store.skip_nudge(user.id, press.nudge_id)
        answer = reminder_text.SKIPPED_TODAY
    await query.answer(answer if done else reminder_text.NUDGE_GONE)
    message = query.message
    if done and isinstance(message, Message) and message.reply_markup is not None:
        # Snooze and Skip have done their job; Practice now and Common mistakes stay.
        rows = message.reply_markup.inline_keyboard[:1]
        with contextlib.suppress(BadRequest):  # already edited by a double tap
            await message.edit_reply_markup(InlineKeyboardMarkup(rows))


def setup(app: Application) -> None:  # type: ignore[type-arg]
    """Register the nudge settings commands and buttons."""
    app.add_handler(command("remind", remind_command))
    app.add_handler(command("timezone", timezone_command))
    app.add_handler(command("pause", pause_command))
    app.add_handler(command("resume", resume_command))
    app.add_handler(CallbackQueryHandler(reminder_button, pattern=r"^r:"))
    app.add_handler(CallbackQueryHandler(zone_button, pattern=r"^z:"))
    app.add_handler(CallbackQueryHandler(nudge_button, pattern=r"^n:"))
