"""Daily nudge settings: /remind, /timezone, /pause, /resume, and the nudge's own buttons."""

from __future__ import annotations

import contextlib
from datetime import datetime, time
from typing import TypedDict

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.domain import nudge_policy
from bot.domain.models import NudgeOutcome, Question, User
from bot.domain.schedule import parse_reminder_time
from bot.domain.time_words import bare_hour, half_of_day, meant_as_a_time
from bot.domain.timezones import COMMON_ZONES, Place, ZoneMatch, place_named, to_confirm
from bot.telegram import keyboards
from bot.telegram.callbacks import NudgeAction, NudgePress, PausePress, ReminderPress, ZonePress
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.lookups import zone_named
from bot.telegram.handlers.replies import answer_press, show
from bot.telegram.handlers.routes import command, on_press, reject_malformed
from bot.telegram.handlers.settings import show_settings
from bot.texts import nudges as nudge_text
from bot.texts import practice as practice_text
from bot.texts import reminders as reminder_text
from bot.texts import timezones as zone_text
from bot.texts.i18n import card


async def remind_command(update: Update, context: BotContext) -> None:
    """Show the nudge settings, or change them: a time, `on`, `off`, `quiet`, `loud`."""
    person = await context.person(update)
    argument = " ".join(context.args or []).strip().casefold()
    if not argument:
        await show_settings(update, context, person)  # one settings screen for everything
        return
    changes = _reminder_change(argument)
    if changes is None and (hour := bare_hour(argument)) is not None:
        await _ask_half_of_day(update, context, person, hour)
        return
    if changes is None:
        await context.ask(person.user_id, Question.REMINDER_TIME)
        await show(update, context, reminder_text.BAD_TIME)
        return
    await _change_reminder(update, context, person, changes)


async def _ask_half_of_day(update: Update, context: BotContext, person: User, hour: int) -> None:
    """ "7": 07:00 or 19:00? Asked with both as buttons, never guessed; a typed answer
    ("evening", "7pm") is taken too."""
    await context.ask(person.user_id, Question.HALF_OF_DAY, str(hour))
    await show(
        update, context, reminder_text.MORNING_OR_EVENING, keyboards.morning_or_evening(hour)
    )


async def _change_reminder(
    update: Update, context: BotContext, person: User, changes: _Change
) -> None:
    services = context.services
    updated = await services.store.update_settings(person.user_id, **changes)
    assert updated is not None
    # A time set before a zone waits for it: offer the zone right here.
    markup = keyboards.choose_zone() if not updated.zone_chosen else None
    said = reminder_text.reminder_set(updated)
    now = context.services.clock()
    if updated.reminders_enabled and updated.is_paused(now) and updated.paused_until:
        # Set during a pause (theirs, or the rest after safety language): say when the
        # nudges come back, or "Done" reads as "from tomorrow".
        said += "\n\n" + reminder_text.still_paused(updated.paused_until, updated.timezone)
    await show(update, context, said, markup)


class _Change(TypedDict, total=False):
    reminder_time: time
    reminders_enabled: bool
    silent_nudges: bool


_ON: _Change = {"reminders_enabled": True}
_OFF: _Change = {"reminders_enabled": False}
_QUIET: _Change = {"silent_nudges": True}
_LOUD: _Change = {"silent_nudges": False}
# The English words, and as people write them in the bot's other languages.
_SWITCHES: dict[str, _Change] = {
    **dict.fromkeys(("on", "an", "ein", "activar", "encender", "вкл", "включить"), _ON),
    **dict.fromkeys(("off", "aus", "desactivar", "apagar", "выкл", "выключить"), _OFF),
    **dict.fromkeys(("quiet", "silent", "leise", "silencio", "тихо"), _QUIET),
    **dict.fromkeys(("loud", "sound", "laut", "sonido", "звук"), _LOUD),
}


def _reminder_change(argument: str) -> _Change | None:
    if (switch := _SWITCHES.get(argument.casefold())) is not None:
        return switch
    at = parse_reminder_time(argument)
    return None if at is None else {"reminder_time": at, "reminders_enabled": True}


async def reminder_button(update: Update, context: BotContext, press: ReminderPress) -> None:
    """A preset time, on/off, or sound on the keyboard /remind used to show (kept working
    for messages sent before the settings screen); it opens the settings screen."""
    query = update.callback_query
    assert query
    value = press.value
    argument = f"{value[:2]}:{value[2:]}" if value.isdigit() else value
    changes = _reminder_change(argument)
    assert changes is not None  # the callback pattern admits only valid values
    person = await context.person(update)
    updated = await context.services.store.update_settings(person.user_id, **changes)
    assert updated is not None
    await answer_press(query, reminder_text.reminder_toast(updated))
    if value == "off":
        # Under "shall I stop the daily nudges?": said in a line, not the whole screen.
        await show(update, context, reminder_text.STOPPED, edit=True)
        return
    await show_settings(update, context, updated, edit=True)


async def timezone_command(update: Update, context: BotContext) -> None:
    """Show the zone (bare), or set it from a zone name, a city or a UTC offset."""
    person = await context.person(update)
    wanted = " ".join(context.args or [])
    if not wanted.strip():
        text = zone_text.zone_current(person, context.services.clock())
        markup = keyboards.settings_zones(COMMON_ZONES, apart=True)
        await context.ask(person.user_id, Question.ZONE)
        await show(update, context, text, markup)
        return
    wanted = place_named(wanted)
    await _find_zone(update, context, person, wanted, await zone_named(wanted))


async def _find_zone(
    update: Update, context: BotContext, person: User, wanted: str, match: ZoneMatch
) -> None:
    """Set the zone `wanted` names, or offer the places it may mean (and take a typed
    answer to that too), or say it names none."""
    if match.zone is not None:
        await _set_zone(update, context, person, match.zone, others=match.others, wanted=wanted)
        return
    # The question is noted before it is shown: a retry after a failed send asks again,
    # never shows a question nobody noted.
    if match.choices or match.suggestions:
        await context.ask(person.user_id, Question.ZONE)
    await _offer_places(update, context, wanted, match)


async def _offer_places(
    update: Update, context: BotContext, wanted: str, match: ZoneMatch
) -> None:
    """The places `wanted` may mean, as buttons, or that it names none we know."""
    if match.choices:
        await show(update, context, zone_text.zone_which(wanted), keyboards.places(match.choices))
    else:
        text = zone_text.zone_unknown(wanted, suggestions=bool(match.suggestions))
        markup = keyboards.places(match.suggestions) if match.suggestions else None
        await show(update, context, text, markup)


async def zone_button(update: Update, context: BotContext, press: ZonePress) -> None:
    """A time zone chosen from buttons."""
    query = update.callback_query
    assert query
    match = await zone_named(press.zone)
    if match.zone is None:  # well-formed data naming no zone we know
        await reject_malformed(update, context)
        return
    await answer_press(query)
    await _set_zone(update, context, await context.person(update), match.zone, edit=True)


async def _set_zone(
    update: Update,
    context: BotContext,
    person: User,
    zone: str,
    *,
    edit: bool = False,
    others: tuple[Place, ...] = (),
    wanted: str = "",
) -> None:
    """Set the zone and say so; `others`: places of the name `wanted` in other zones,
    offered beside it ("Córdoba" set to Argentina's, with Spain's a tap away)."""
    services = context.services
    updated = await services.store.update_settings(person.user_id, timezone=zone)
    assert updated is not None
    text = zone_text.zone_set(updated, services.clock())
    if others:
        text += "\n\n" + zone_text.another_place(wanted)
    await show(update, context, text, keyboards.places(others) if others else None, edit=edit)


async def pause_command(update: Update, context: BotContext) -> None:
    """Pause nudges for N days (a holiday); settings are kept. Without N, ask."""
    person = await context.person(update)
    if not person.reminders_enabled:
        # Off already: a pause would say "paused until Friday" and then, ended, "still
        # off" (a tester's puzzle). Said plainly instead.
        await show(update, context, reminder_text.PAUSE_WHILE_OFF)
        return
    days = " ".join(context.args or []).strip()
    if not days:
        question = reminder_text.PAUSE_QUESTION
        opened = await context.services.coach.current(person.user_id)
        if opened.session is not None and opened.skill is not None:
            # Mid-practice, "pause" may mean the practice: say which this is.
            question += "\n\n" + reminder_text.practice_stays_open(card(opened.skill).title)
        await _ask_days(update, context, person, question)
        return
    await _pause_for(update, context, person, days)


async def _ask_days(update: Update, context: BotContext, person: User, question: str) -> None:
    await context.ask(person.user_id, Question.PAUSE_DAYS)
    await show(update, context, question, keyboards.pause_days())


async def _pause_for(update: Update, context: BotContext, person: User, days: str) -> None:
    services = context.services
    until = nudge_policy.pause_until(services.clock(), days)
    if until is None:
        await _ask_days(update, context, person, reminder_text.BAD_PAUSE)
        return
    await _pause(update, context, person, until)


async def _pause(
    update: Update, context: BotContext, person: User, until: datetime, *, edit: bool = False
) -> None:
    if not person.reminders_enabled:
        await show(update, context, reminder_text.PAUSE_WHILE_OFF, edit=edit)
        return
    await context.services.store.set_pause(person.user_id, until)
    await show(update, context, reminder_text.paused(until, person.timezone), edit=edit)


async def pause_button(update: Update, context: BotContext, press: PausePress) -> None:
    """A number of days chosen under /pause's question."""
    query = update.callback_query
    assert query
    services = context.services
    until = nudge_policy.pause_until(services.clock(), str(press.days))
    if until is None:  # well-formed data naming a pause /pause never offers
        await reject_malformed(update, context)
        return
    person = await context.person(update)
    await answer_press(query)
    await _pause(update, context, person, until, edit=True)


async def take_answer(
    update: Update, context: BotContext, person: User, question: Question, text: str
) -> bool:
    """Take `text` as the answer to `question` when it is one, as the matching command
    would (/pause 7, /timezone Portland, /remind 07:45); False: it is no answer, and
    goes on as any other text."""
    text = text.strip()
    if question is Question.PAUSE_DAYS:
        if nudge_policy.pause_days(text) is None and nudge_policy.speaks_of_days(text):
            await _ask_days(update, context, person, reminder_text.BAD_PAUSE)  # "a few days"
            return True
        if nudge_policy.pause_days(text) is None:  # out of range is still an answer
            return False
        await _pause_for(update, context, person, text)
        return True
    if question is Question.HALF_OF_DAY:
        detail = person.question_detail or ""
        half = half_of_day(text)
        if half is not None and detail.isdigit() and 1 <= int(detail) <= 11:
            chosen_hour = int(detail) + (12 if half == "pm" else 0)  # "evening" → 19:00
            chosen: _Change = {"reminder_time": time(chosen_hour, 0), "reminders_enabled": True}
            await _change_reminder(update, context, person, chosen)
            return True
        question = Question.REMINDER_TIME  # "7pm", "19:00": any time typed answers it
    if question is Question.REMINDER_TIME:
        at = parse_reminder_time(text)
        if at is None and (hour := bare_hour(text)) is not None:
            await _ask_half_of_day(update, context, person, hour)
            return True
        if at is None and meant_as_a_time(text):
            # Meant as the time, but not one we read ("half past seven"): say so, and
            # offer the choices again, rather than answer it as a message about skills.
            await context.ask(person.user_id, Question.REMINDER_TIME)
            await show(
                update, context, reminder_text.TIME_NOT_CAUGHT, keyboards.settings_times(person)
            )
            return True
        if at is None:
            return False
        changes: _Change = {"reminder_time": at, "reminders_enabled": True}
        await _change_reminder(update, context, person, changes)
        return True
    if question is not Question.ZONE:
        return False  # not one of the questions typed answers here are for
    text = place_named(text)  # "I live in Mexico City"
    if len(text.split()) > MAX_PLACE_WORDS:
        return False  # a sentence: the person moving on, not naming a place
    if not any(char.isalnum() for char in text):
        return False  # ".", "?", an emoji: no place named, so none is looked for
    match = await zone_named(text)
    if match.zone is not None and (match.fixed_offset or "/" in text):
        await _set_zone(update, context, person, match.zone)  # "+05:30", "Europe/Berlin"
        return True
    # The question is not asked again, so a second everyday word is not read as a
    # place either.
    if not await offer_typed_place(update, context, text, match):
        await _offer_places(update, context, text, match)  # names none: said so
    return True


async def offer_typed_place(
    update: Update, context: BotContext, place: str, match: ZoneMatch
) -> bool:
    """A place typed in words ("Lisbon", "I live in Odessa") offered for a press: the zone
    it names (the same name elsewhere beside it, as "Córdoba"), or the places it may
    mean. Never set without the press: everyday words name tiny places too ("no" is a
    village in Ghana, "nice" a city in France). False when it names none."""
    if match.zone is not None:
        places = to_confirm(place, match)
        await show(update, context, zone_text.zone_is_it(place), keyboards.places(places))
        return True
    if match.choices:
        await _offer_places(update, context, place, match)
        return True
    return False


# "Santa Cruz de Tenerife": longer than that, typed text is not a place name.
MAX_PLACE_WORDS = 4


async def stop_command(update: Update, context: BotContext) -> None:
    """/stop, and "stop sending me messages": the daily nudges off or paused, one tap
    each; everything deleted is /forget's, named."""
    person = await context.person(update)
    if not person.reminders_enabled:
        await show(update, context, reminder_text.STOP_ALREADY_QUIET)
        return
    if person.open_question(context.services.clock()) is Question.STOP:
        # Asked a second time, before choosing: they have been clear (a tester said
        # "stop" four ways and was asked four times).
        await context.services.store.update_settings(person.user_id, reminders_enabled=False)
        await show(update, context, reminder_text.STOPPED)
        return
    await context.ask(person.user_id, Question.STOP)
    await show(update, context, reminder_text.STOP_QUESTION, keyboards.stop_choices())


async def nudges_on(update: Update, context: BotContext) -> None:
    """ "turn the reminders back on", asked in words: on, as /remind on does, and a
    pause (theirs, or the rest after safety language) ended, as /resume does: asked
    for again, they are not to be told the nudges are paused until Tuesday."""
    person = await context.person(update)
    now = context.services.clock()
    if person.is_paused(now):
        await context.services.store.set_pause(person.user_id, now)
    await _change_reminder(update, context, person, _ON)


async def resume_command(update: Update, context: BotContext) -> None:
    """End a pause of the nudges early (or, with none, offer back a paused practice)."""
    person = await context.person(update)
    services = context.services
    if not person.is_paused(services.clock()):
        opened = await services.coach.current(person.user_id)
        if opened.session is not None and opened.skill is not None and opened.session.paused:
            # The nudges were never paused, but a practice is: that is what they meant.
            session, skill = opened.session, opened.skill
            text = practice_text.paused_reminder(session, skill)
            await show(update, context, text, keyboards.paused_choice(session))
            return
        await show(update, context, reminder_text.NOT_PAUSED)
        return
    # Ended now, not erased: the next nudge is the first after a pause, and welcomes
    # them back without a step (nudge_policy.back_from_pause).
    await services.store.set_pause(person.user_id, services.clock())
    # Ending a pause brings nudges back only if they are switched on.
    text = reminder_text.RESUMED if person.reminders_enabled else reminder_text.RESUMED_OFF
    await show(update, context, text)


async def nudge_button(update: Update, context: BotContext, press: NudgePress) -> None:
    """Snooze 1 h or Skip today under a nudge."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    services = context.services
    if press.action is NudgeAction.SNOOZE:
        until = nudge_policy.snooze_until(services.clock())
        done = await services.store.snooze_nudge(user.id, press.nudge_id, until)
        if not done and await _snoozed_already(context, user.id, press.nudge_id):
            # A double tap, or the press tried again after its answer was lost.
            await answer_press(query, nudge_text.SNOOZED)
            return
        answer = nudge_text.SNOOZED
    else:
        done = await services.store.skip_nudge(user.id, press.nudge_id)
        answer = nudge_text.SKIPPED_TODAY
    await answer_press(query, answer if done else nudge_text.NUDGE_GONE)
    message = query.message
    if done and isinstance(message, Message) and message.reply_markup is not None:
        # Snooze and Skip have done their job; Practice now and Common mistakes stay.
        rows = message.reply_markup.inline_keyboard[:1]
        with contextlib.suppress(BadRequest):  # already edited by a double tap
            await message.edit_reply_markup(InlineKeyboardMarkup(rows))


async def _snoozed_already(context: BotContext, user_id: int, nudge_id: int) -> bool:
    nudges = await context.services.store.nudges_of(user_id)
    return any(n.id == nudge_id and n.outcome is NudgeOutcome.SNOOZED for n in nudges)


def setup(app: BotApplication) -> None:
    """Register the nudge settings commands and buttons."""
    app.add_handler(command("remind", remind_command))
    app.add_handler(command("timezone", timezone_command))
    app.add_handler(command("pause", pause_command))
    app.add_handler(command("stop", stop_command))
    app.add_handler(command("resume", resume_command))
    app.add_handler(on_press(ReminderPress, reminder_button))
    app.add_handler(on_press(PausePress, pause_button))
    app.add_handler(on_press(ZonePress, zone_button))
    app.add_handler(on_press(NudgePress, nudge_button))
