"""Typed answers to the bot's own questions: a number of days after /pause, a city after
the time-zone picker, a time after the reminder-time picker, more of a reflection just
written.

The question lives in the person's row (like a reflection awaited by a practice row), so a
restart or a second replica keeps it and /forget erases it. It is open for one update:
the update after it may answer it, and once handled closes it whatever it was, so a "7"
sent later is never read as days. It also lapses after ANSWER_WINDOW.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from telegram import Update
from telegram.ext import MessageHandler, TypeHandler, filters

from bot.domain.asking import asks_for_mistakes
from bot.domain.feelings import met_first, only_harm
from bot.domain.heavy_words import heavy
from bot.domain.leaving import asks_whether_to_leave
from bot.domain.models import Question, SessionStatus
from bot.domain.small_talk import SmallTalk, asks_for_next, small_talk
from bot.telegram import keyboards, update_log
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers import partner, practice, reminders, suggestions
from bot.texts import safety as safety_text

log = logging.getLogger(__name__)


async def close_question(update: Update, context: BotContext) -> None:
    """After every other handler: close the question asked before this update began.

    Not before them, and not when one of them failed: a failed update is tried again
    (and replayed after a crash), and that attempt must still find the question open,
    or a "7" sent after /pause would be read as ordinary text the second time. A
    question asked during this update (by /pause itself) stays open.
    A failure here is logged and left: the question lapses after ANSWER_WINDOW, and
    failing the update would answer the person twice.
    """
    user = update.effective_user
    if user is None or context.asked or update_log.handler_failed():
        return  # this update asked anew (it stays open), or it will be tried again
    person = await context.stored_person(user.id)  # as this update found it
    if person is None or person.question is None or person.asked_at is None:
        return
    try:
        await context.services.store.close_question(user.id, asked_at=person.asked_at)
    except Exception as error:
        log.warning("could not close user %s's question: %s", user.id, type(error).__name__)


async def on_text(update: Update, context: BotContext) -> None:
    """The answer to the question just asked, when the text is one; any other text goes
    on to the repair bid, the practice and the skills, as if nothing had been asked."""
    user, message = update.effective_user, update.effective_message
    assert user and message and message.text is not None
    person = await context.stored_person(user.id)
    question = person.open_question(context.services.clock()) if person else None
    asked_for = small_talk(message.text)
    # The days after they spoke of danger or of hurting someone: what they write is met,
    # never a skill for "I'm scared", nor Repair right after "I hit her", nor filed into
    # a note. Commands and buttons work as ever; what they asked for in words (stop,
    # forget me, where was I?) and emoji of harm are answered as anywhere; an answer to
    # the question just asked, a reflection asked for and a bid they are typing are
    # theirs, and taken as such.
    listening = (
        person is not None
        and person.listened_to(context.services.clock())
        and asked_for not in _ASKED_FOR_ANYWAY
        and not only_harm(message.text)
        and not (
            (asked_for is SmallTalk.CONTINUE or asks_for_next(message.text, button_word_only=True))
            and await _practice_waits(context, user.id)
        )
    )
    if question is Question.MORE_REFLECTION and (
        listening
        or asked_for is not None
        or met_first(message.text)
        or heavy(message.text, any_length=True)
        or message.text.rstrip().endswith(("?", "？"))
    ):
        # A "thanks!" or "ok" after writing it is not part of the note; hurt, their own
        # pain and a plea are met as such, not filed away in it; a question ("what do I
        # do if he ignores me?") is asked of the bot, and answered.
        taken = False
    elif question is Question.MORE_REFLECTION:
        taken = await practice.continue_reflection(update, context, message.text)
    else:
        taken = (
            person is not None
            and question is not None
            and await reminders.take_answer(update, context, person, question, message.text)
        )
    if (
        not taken
        and listening
        and not _asks_only_for_mistakes(context, message.text)
        and not await _writing_their_own(context, user.id)
    ):
        assert person is not None
        now = context.services.clock()
        # Theirs to end when they are the one at risk; not when they said they hurt
        # someone (those days hold their bids, and are not theirs to cut short).
        markup = (
            keyboards.listening_done(person.at_risk_since)
            if person.at_risk(now) and person.at_risk_since and not person.harmed(now)
            else None
        )
        thanked = asked_for is SmallTalk.THANKS
        waits = not thanked and await _practice_waits(context, user.id)
        # Their own pain said again ("I don't want to be here") gets where help is again,
        # not one of the shorter replies that follow the first of a stretch.
        hurting = heavy(message.text, any_length=True)
        again = 0 if thanked or hurting else _listened_just_before(context, now)
        answer = safety_text.still_here(
            thanked=thanked,
            practice_waits=waits,
            again=again,
            deciding=asks_whether_to_leave(message.text),
        )
        await message.reply_text(answer, reply_markup=markup)
        return
    if not taken:
        await partner.on_text(update, context)


def _listened_just_before(context: BotContext, now: datetime) -> int:
    """How many listening replies this chat had in a row, the last less than
    LISTENING_STRETCH ago (0: none, and where help is is said again); counted in memory
    (a restart, or another replica, starts over with the full reply, which is safe)."""
    kept = context.chat_data
    if kept is None:
        return 0
    count, last = kept.get(_LISTENED, (0, None))
    if last is None or now - last >= LISTENING_STRETCH:
        count = 0
    kept[_LISTENED] = (count + 1, now)
    return int(count)


async def _writing_their_own(context: BotContext, user_id: int) -> bool:
    """A reflection asked for, or a repair bid being typed: their words, kept as such."""
    services = context.services
    opened = await services.coach.current(user_id)
    reflecting = opened.session is not None and opened.session.status is SessionStatus.REFLECTING
    return reflecting or await services.store.writing_bid(user_id) is not None


# Listening replies within this of each other vary; after it, the next says where help is.
LISTENING_STRETCH = timedelta(minutes=30)
_LISTENED = "listened"

# A question for a skill's mistakes is the whole message at most this long, or this long
# when it names the skill ("what are the common mistakes with repair?").
ONLY_ASKING_WORDS = 5
ASKING_FOR_A_SKILL_WORDS = 9


def _asks_only_for_mistakes(context: BotContext, text: str) -> bool:
    """A plain question for a skill's common mistakes, asked in the days of listening: it
    is answered, as any request in words is. Never when it comes with words of their own
    ("what mistakes did I make? he left me and I can't stop crying"): those are met."""
    if not asks_for_mistakes(text):
        return False
    words = len(text.split())
    if words <= ONLY_ASKING_WORDS:
        return True
    return words <= ASKING_FOR_A_SKILL_WORDS and bool(suggestions.skills_named(context, text))


async def _practice_waits(context: BotContext, user_id: int) -> bool:
    """A practice open, paused or closed for waiting: "where was I?" is taken to it."""
    coach = context.services.coach
    opened = await coach.current(user_id)
    return opened.session is not None or await coach.closed_waiting(user_id, opened) is not None


# Asked in words in the days after help was given, and done as asked: stopping the
# nudges or turning them back on (which ends the rest, as /resume does), forgetting them
# ("where was I?" and the Next button's word too, when a practice waits).
# What the bot is ("who are you?", "are you AI?") is answered too: a review found it
# met with "I'm still listening" like anything else.
_ASKED_FOR_ANYWAY = frozenset(
    {
        SmallTalk.STOP,
        SmallTalk.NUDGES_ON,
        SmallTalk.FORGET,
        SmallTalk.FORGET_NOTES,
        SmallTalk.ABOUT,
    }
)

# After every group that handles an update.
CLOSING_GROUP = 100


def setup(app: BotApplication) -> None:
    """Close the question the update found open, once every handler has had the update."""
    app.add_handler(TypeHandler(Update, close_question), group=CLOSING_GROUP)


def setup_text(app: BotApplication) -> None:
    """Register the text handler that takes an answer (before the repair bid's)."""
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, on_text)
    )
