"""Safety first: any text that speaks of self-harm, suicide, danger from a partner or
hurting someone is answered with help before, and instead of, anything else.

Registered first in the default group with a filter that runs the detector, so it
takes the update from every other handler there: free text, text during a practice,
reflections, command arguments, edited messages and captions all pass through it.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import MessageHandler, filters

from bot.domain import nudge_policy
from bot.domain.models import SessionStatus
from bot.domain.safety import SafetyCategory, default_detector
from bot.services.coach import Moved
from bot.telegram.callbacks import Okay
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers import partner_hooks
from bot.telegram.handlers.replies import answer_press, show
from bot.telegram.handlers.routes import on_press, reject_stale
from bot.texts import safety as safety_texts
from bot.texts.safety import safety_reply

log = logging.getLogger(__name__)


def _words_of(message: Message) -> str:
    return message.text or message.caption or ""


def _categories(message: Message) -> frozenset[SafetyCategory]:
    return default_detector().detect(_words_of(message))


def speaks_of_danger(message: Message) -> bool:
    """Whether the detector fires on the message's text or caption."""
    return bool(_words_of(message)) and bool(_categories(message))


class SafetyLanguage(filters.MessageFilter):
    """Passes messages (new or edited) whose text or caption the detector fires on."""

    def filter(self, message: Message) -> bool:
        return speaks_of_danger(message)


async def answer_with_help(update: Update, context: BotContext) -> None:
    """Lead with one warm line and the support text; keep a reflection, praise nothing."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    categories = _categories(message)
    # The category only: what the person wrote never reaches a log.
    names = ",".join(sorted(categories))
    log.info(
        "safety language noticed (%s) from user %s",
        names,
        user.id,
        extra={"event": {"event": "safety", "categories": names, "user_id": user.id}},
    )
    services = context.services
    kept = False
    if update.message is not None and message.text and not message.text.startswith("/"):
        # A reflection is theirs: save it, but answer with help rather than "well done".
        # Words sent after a reflection (Question.MORE_REFLECTION) do not join it here:
        # they were not asked for, and distress filed away as a note, with no way to
        # take it back out, would be neither heard nor theirs to decide.
        opened = await services.coach.current(user.id)
        if opened.session is not None and opened.session.status is SessionStatus.REFLECTING:
            kept = isinstance(await services.coach.reflect(opened.session, message.text), Moved)
    # Someone who says they hurt or threaten another is not the one in distress the
    # rest and the pause of sharing are for: their bid is set aside, nothing more.
    at_risk = bool(categories - {SafetyCategory.HARM_TO_OTHERS})
    rest = at_risk and await _rest_nudges(context, user.id)
    registered = await context.stored_person(user.id) is not None
    await message.reply_text(
        safety_reply(
            categories,
            context.support_text(),
            reflection_kept=kept,
            nudges_rest=rest,
            listening=registered,
        )
    )
    if registered:
        # For the days after (User.listened_to): what they write is met as it is, never
        # a skill for "I'm scared", nor Repair right after "I hit her" (answers.py); and
        # repair bids to someone at risk, or from someone who hurt their partner, wait.
        harmed = SafetyCategory.HARM_TO_OTHERS in categories
        await services.store.note_safety(user.id, at_risk=at_risk, harmed=harmed)
    # Pairing must never become a tool for control: someone paired is asked, right
    # after the help and before anything else, whether to pause sharing.
    await partner_hooks.offer_pause(update, context, ask=at_risk)


async def _rest_nudges(context: BotContext, user_id: int) -> bool:
    """Rest the person's daily nudges for a few days (nudge_policy.REST_AFTER_SAFETY);
    True when they were on and rest now for that long, so the reply can say so (a longer
    pause they chose is kept, and nothing about it is said)."""
    person = await context.stored_person(user_id)
    if person is None or not person.reminders_enabled:
        return False
    until = nudge_policy.rest_after_safety(context.services.clock(), person.paused_until)
    if until is None:
        return False
    await context.services.store.set_pause(user_id, until)
    return True


async def okay_button(update: Update, context: BotContext, press: Okay) -> None:
    """ "I'm okay, suggest skills again": the days of listening its reply was under end
    now (a press from an earlier reply, after a newer disclosure, ends nothing)."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    person = await context.person(update)
    now = context.services.clock()
    since = person.at_risk_since
    if person.harmed(now) or (since is not None and int(since.timestamp()) != press.since):
        await reject_stale(update, context)
        return
    await answer_press(query)
    if since is not None:
        await context.services.store.stop_listening(user.id)
    await show(update, context, safety_texts.BACK_TO_SKILLS, edit=True)


def setup(app: BotApplication) -> None:
    """Register first in the default group: it must see every text before anyone else."""
    default_detector()  # read the lexicons now: a broken one stops start-up, not a message
    app.add_handler(MessageHandler(SafetyLanguage(), answer_with_help))
    app.add_handler(on_press(Okay, okay_button))
