"""/settings: every nudge setting, the focus skill, the language and (when paired) sharing
practice days with the partner, on one message edited in place."""

from __future__ import annotations

import re
from datetime import time

from telegram import Update

from bot.domain import nudge_policy
from bot.domain.models import Question, User
from bot.domain.paging import page_of
from bot.domain.partner import NoBid
from bot.domain.timezones import COMMON_ZONES
from bot.telegram import keyboards as kb
from bot.telegram.callbacks import SettingsPress
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers.lookups import zone_named
from bot.telegram.handlers.replies import answer_press, show
from bot.telegram.handlers.routes import command, on_press, reject_malformed, reject_stale
from bot.texts import i18n
from bot.texts import languages as language_text
from bot.texts import partner as partner_text
from bot.texts import settings as settings_text

_HHMM = re.compile(r"([01]\d|2[0-3])([0-5]\d)")
_HOUR = re.compile(r"[01]\d|2[0-3]")
_PAGE = re.compile(r"\d{1,4}")
_SHARING = re.compile(r"(on|off)-(\d{1,16})")
PAUSE_CHOICES = {"0": 0, "1": 1, "7": 7}


async def settings_command(update: Update, context: BotContext) -> None:
    """Open the settings screen."""
    await show_settings(update, context, await context.person(update))


async def show_settings(
    update: Update, context: BotContext, person: User, notice: str = "", *, edit: bool = False
) -> None:
    """The settings screen as it stands now, with what just changed."""
    services = context.services
    now = services.clock()
    focus = services.coach.focus_skill(person)
    pairing = await services.store.pairing(person.user_id)
    text = settings_text.settings(
        person,
        focus,
        now,
        notice,
        partner=pairing.partner_name if pairing is not None else None,
        sharing=pairing is not None and pairing.shares_practice,
    )
    markup = kb.settings_main(
        person, focus, paused=person.is_paused(now), language=i18n.current(), pairing=pairing
    )
    await show(update, context, text, markup, edit=edit)


async def settings_button(update: Update, context: BotContext, press: SettingsPress) -> None:
    """Move between the screen's views, or change one setting and show the screen again."""
    query = update.callback_query
    assert query
    person = await context.person(update)
    services = context.services
    view, value = press.view, press.value
    if view == kb.MAIN_VIEW:
        await answer_press(query)
        await show_settings(update, context, person, edit=True)
    elif view == kb.TIME_VIEW:
        await answer_press(query)
        await context.ask(person.user_id, Question.REMINDER_TIME)
        await show(
            update, context, settings_text.TIME_CHOICE, kb.settings_times(person), edit=True
        )
    elif view == kb.HOURS_VIEW:
        await answer_press(query)
        await context.ask(person.user_id, Question.REMINDER_TIME)
        await show(update, context, settings_text.HOUR_CHOICE, kb.settings_hours(), edit=True)
    elif view == kb.MINUTES_VIEW and _HOUR.fullmatch(value):
        await answer_press(query)
        markup = kb.settings_minutes(value)
        await context.ask(person.user_id, Question.REMINDER_TIME)
        await show(update, context, settings_text.minute_choice(value), markup, edit=True)
    elif view == kb.ZONE_VIEW:
        await answer_press(query)
        # Under a nudge or the welcome, the picker must not replace what it was under,
        # and its last button must not lead to a settings screen never opened.
        apart = value == kb.ZONE_APART
        markup = kb.settings_zones(COMMON_ZONES, apart=apart)
        await context.ask(person.user_id, Question.ZONE)
        await show(update, context, settings_text.ZONE_CHOICE, markup, edit=not apart)
    elif view == kb.ZONE_LATER:
        await answer_press(query)
        await show(update, context, settings_text.ZONE_LATER, edit=True)
    elif view == kb.FOCUS_VIEW and (not value or _PAGE.fullmatch(value)):
        await answer_press(query)
        skills = services.vault.current.skills
        focus = services.coach.focus_skill(person)
        if value:
            page = int(value)
        else:  # opened from the screen: the page that has the focus on it
            page = skills.index(focus) // kb.PAGE_SIZE if focus in skills else 0
        markup = kb.settings_focus(page_of(skills, page, kb.PAGE_SIZE), focus)
        await show(update, context, settings_text.FOCUS_CHOICE, markup, edit=True)
    elif view == kb.LANGUAGE_VIEW:
        await answer_press(query)
        markup = kb.settings_languages(i18n.current())
        await show(update, context, settings_text.LANGUAGE_CHOICE, markup, edit=True)
    elif view == kb.CLOSE:
        await answer_press(query)
        await show(update, context, settings_text.CLOSED, edit=True)
    else:
        await _change(update, context, person, view, value)


async def _change(
    update: Update, context: BotContext, person: User, view: str, value: str
) -> None:
    query = update.callback_query
    assert query
    services = context.services
    store = services.store
    updated: User | None = person
    if view == kb.SET_TIME and (match := _HHMM.fullmatch(value)):
        at = time(int(match[1]), int(match[2]))
        updated = await store.update_settings(
            person.user_id, reminder_time=at, reminders_enabled=True
        )
        turned_on = not person.reminders_enabled
        notice = settings_text.time_set(updated, turned_on=turned_on) if updated else ""
    elif view == kb.SET_ZONE and (found := (await zone_named(value)).zone) is not None:
        updated = await store.update_settings(person.user_id, timezone=found)
        notice = settings_text.zone_set(updated, services.clock()) if updated else ""
    elif view == kb.SET_ENABLED and value in ("on", "off"):
        updated = await store.update_settings(person.user_id, reminders_enabled=value == "on")
        notice = settings_text.switched(updated) if updated else ""
    elif view == kb.SET_QUIET and value in ("on", "off"):
        updated = await store.update_settings(person.user_id, silent_nudges=value == "on")
        notice = settings_text.switched(updated, sound=True) if updated else ""
    elif view == kb.SET_PAUSE and value in PAUSE_CHOICES:
        days = PAUSE_CHOICES[value]
        now = services.clock()
        # "End the pause" ends it now rather than erasing it (see /resume).
        until = nudge_policy.pause_until(now, str(days)) if days else now
        updated = await store.set_pause(person.user_id, until)
        notice = settings_text.paused_for(days, nudges_on=person.reminders_enabled)
    elif view == kb.SET_FOCUS and (skill := services.vault.current.by_key.get(value)):
        await store.set_focus(person.user_id, skill.title)
        updated = await store.get_user(person.user_id)
        notice = settings_text.focus_set(skill)
    elif view == kb.SET_LANGUAGE and value in i18n.LANGUAGES:
        await store.set_language(person.user_id, value)
        i18n.activate(value)  # the rest of this answer, the screen included, in the new one
        notice = language_text.language_set(value)
    elif view == kb.SET_SHARING and (match := _SHARING.fullmatch(value)):
        shares = match[1] == "on"
        changed = await store.set_pairing_choices(
            person.user_id, shares_practice=shares, partner_id=int(match[2])
        )
        if changed is not None:
            notice = partner_text.share_answer(changed.partner_name, shares=shares)
        elif await store.pairing(person.user_id) is None:
            # Unpaired since the screen was drawn; the screen shown next has no such row.
            notice = partner_text.no_bid(NoBid.NOT_PAIRED)
        else:  # paired with someone else since: that switch was about another person
            notice = settings_text.SHARING_SWITCH_OUTDATED
    elif view == kb.SET_SHARING and value in ("on", "off"):
        # Drawn before the switch named the partner: which pairing it meant is unknown.
        notice = settings_text.SHARING_SWITCH_OUTDATED
    elif _known_change(view, value):  # e.g. a focus card reloaded away, a zone renamed
        await reject_stale(update, context)
        return
    else:  # nothing this bot draws
        await reject_malformed(update, context)
        return
    if updated is None:  # forgotten between the press and now
        await reject_stale(update, context)
        return
    await answer_press(query)
    await show_settings(update, context, updated, notice, edit=True)


def _known_change(view: str, value: str) -> bool:
    """Whether data the handler could not apply is still the shape it draws: a change
    whose target has gone since (stale), rather than data it never makes (malformed)."""
    return view in (kb.SET_FOCUS, kb.SET_ZONE) and bool(value)


def setup(app: BotApplication) -> None:
    """Register /settings and its buttons."""
    app.add_handler(command("settings", settings_command))
    app.add_handler(on_press(SettingsPress, settings_button))
