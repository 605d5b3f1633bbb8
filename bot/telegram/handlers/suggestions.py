"""Free text outside a practice is never a dead end: offer the skills it is about."""

from __future__ import annotations

from telegram import Update

from bot.domain.asking import asks_for_mistakes, confused_by_the_step, named_in
from bot.domain.feelings import only_harm, only_hurt
from bot.domain.heavy_words import heavy
from bot.domain.models import Question, Skill
from bot.domain.nudge_policy import MAX_PAUSE_DAYS, pause_asked
from bot.domain.put_downs import put_down
from bot.domain.schedule import parse_reminder_time
from bot.domain.small_talk import SmallTalk, bare_stop, only_stops, small_talk
from bot.domain.time_words import MAX_TIME_WORDS, asks_for_a_reminder, bare_hour
from bot.domain.timezones import place_named
from bot.telegram import keyboards
from bot.telegram.context import BotContext
from bot.telegram.handlers import language, privacy, reminders
from bot.telegram.handlers.lookups import skills_for_text, zone_named
from bot.telegram.handlers.replies import show
from bot.telegram.handlers.skills import show_mistakes
from bot.texts import i18n
from bot.texts import reminders as reminder_text
from bot.texts import skills as skill_text
from bot.texts import suggestions as suggestion_text
from bot.texts.i18n import card

# What is answered the same in the middle of a practice: there, "hi" and "ok" are the
# person carrying on, and get the step back.
_ANSWERED_ANYWHERE = frozenset(
    {
        SmallTalk.HELP,
        SmallTalk.ABOUT,
        SmallTalk.PLEA,
        SmallTalk.THANKS,
        SmallTalk.FORGET,
        SmallTalk.FORGET_NOTES,
        SmallTalk.STOP,
        SmallTalk.NUDGES_ON,
    }
)


async def answer_without_skills(
    update: Update,
    context: BotContext,
    text: str,
    *,
    practising: bool = False,
    paused: bool = False,
) -> bool:
    """Answer emoji of hurt alone (with where to find a person to talk to), words that put
    the person down or tell their own pain (met, not matched to a skill), a plea for help
    (with it first), "help", "thanks", "hi" or "ok" as a person would; False when `text`
    is none of them.
    `practising`: only those answered the same mid-practice (not "hi" and "ok"); `paused`:
    that practice is paused (its message shows Resume)."""
    message = update.effective_message
    assert message is not None
    if only_harm(text):
        # 💊💊💊, 🔪: where help is, in this reply, not behind a command.
        await message.reply_text(suggestion_text.harm_without_words(context.support_text()))
        return True
    if only_hurt(text):
        await message.reply_text(suggestion_text.HURT_WITHOUT_WORDS)
        return True
    if put_down(text):
        await message.reply_text(suggestion_text.PUT_DOWN, reply_markup=keyboards.see_skills())
        return True
    # Mid-practice, however long: a story of pain there gets no skills beside it anyway.
    if heavy(text, any_length=practising):
        if paused:
            await message.reply_text(suggestion_text.HEAVY_PAUSED)  # Resume is above
        elif practising:
            await message.reply_text(suggestion_text.HEAVY_PRACTISING)  # the step has its buttons
        else:
            await message.reply_text(suggestion_text.HEAVY, reply_markup=keyboards.see_skills())
        return True
    kind = small_talk(text)
    if kind is None or (practising and kind not in _ANSWERED_ANYWHERE):
        return False
    if practising and only_stops(text):
        return False  # "?" mid-practice: the step comes back, with its buttons
    if practising and kind is SmallTalk.HELP and confused_by_the_step(text):
        return False  # "what is this?" on a step: help with the step, not the bot
    if practising and kind is SmallTalk.STOP and bare_stop(text):
        return False  # "stop" alone, mid-practice, may be about the practice: its step
    if kind is SmallTalk.FORGET:
        await privacy.forget_command(update, context)  # asked, with its two buttons
    elif kind is SmallTalk.FORGET_NOTES:
        await privacy.forget_notes_question(update, context)
    elif kind is SmallTalk.STOP:
        await reminders.stop_command(update, context)
    elif kind is SmallTalk.NUDGES_ON:
        await reminders.nudges_on(update, context)
    else:
        await message.reply_text(suggestion_text.small_talk(kind, context.support_text()))
    return True


async def answer_pause_request(update: Update, context: BotContext, text: str) -> bool:
    """ "pause for a week please": one button that pauses the nudges that long (or, out
    of range, the range and the usual lengths); False when `text` asks for no pause."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    days = pause_asked(text)
    if days is None:
        return False
    if 1 <= days <= MAX_PAUSE_DAYS:
        # Confirmed with one press, as a typed time is (a pause typed out of the blue
        # may be about something else).
        await message.reply_text(
            reminder_text.pause_this_long(days), reply_markup=keyboards.pause_for(days)
        )
        return True
    # "pause for 1000 days": the range, the usual lengths as buttons, and a typed number
    # answers.
    await context.ask(user.id, Question.PAUSE_DAYS)
    await message.reply_text(reminder_text.BAD_PAUSE, reply_markup=keyboards.pause_days())
    return True


def skills_named(context: BotContext, text: str) -> tuple[Skill, ...]:
    """The skills `text` names (by any of their names, their translations' too), the
    first named first."""
    skills = context.services.vault.current.skills
    return named_in(text, ((skill, (*skill.names, *card(skill).names)) for skill in skills))


async def answer_mistakes(
    update: Update, context: BotContext, text: str, practising: Skill | None = None
) -> None:
    """A skill's common mistakes, asked for in words: the skill named first in `text`,
    else the one being practised, else the focus skill. Mid-practice they come without
    a Practise button: the practice's own buttons are on its step."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    services = context.services
    named = skills_named(context, text)
    skill = named[0] if named else practising or await services.coach.focus_of(user.id)
    if skill is None:
        await message.reply_text(skill_text.NO_SKILLS)
    elif practising is not None:
        await show(update, context, skill_text.mistakes_text(skill))  # split when long
    else:
        await show_mistakes(update, context, skill)


async def offer_skills(update: Update, context: BotContext, text: str) -> None:
    """The one to three skills that match `text`, else the person's focus skill; emoji of
    hurt and a few everyday words are answered first (`answer_without_skills`). Written
    in another language the bot speaks, the answer is followed by the offer to speak it
    (not after those first ones: pain, a plea, a stop)."""
    if await answer_without_skills(update, context, text):
        return
    if await _answer_in_words(update, context, text):
        await language.offer_their_language(update, context)


async def _answer_in_words(update: Update, context: BotContext, text: str) -> bool:
    """Answer `text`; True when the answer was skills (or the focus skill), False when it
    asked something, was a question of theirs answered (a time, a pause, a place, a
    skill's mistakes) or met their pain, told at length: nothing is put after those."""
    message, user = update.effective_message, update.effective_user
    assert message is not None and user is not None
    if asks_for_mistakes(text):
        await answer_mistakes(update, context, text)
        return False
    at = parse_reminder_time(text)
    typed_time = len(text.split()) <= MAX_TIME_WORDS and any(char.isdigit() for char in text)
    # A small hour typed alone ("2am") is more likely part of a story than a nudge time.
    if at is not None and (asks_for_a_reminder(text) or (typed_time and at.hour >= 6)):
        # Confirmed with a press: "remind me at 8pm" may be about today alone, and
        # "every morning at 7" typed on its own may be about something else.
        await message.reply_text(
            reminder_text.NUDGE_AT_THIS_TIME, reply_markup=keyboards.nudge_at(at)
        )
        return False
    if await answer_pause_request(update, context, text):
        return False
    place = place_named(text)
    lived_in = await zone_named(place) if place != text.strip(" .!") else None
    # "I live in Lisbon", "my time zone is GMT": where their nudges' clock is, or the
    # places it may mean, confirmed with a press.
    if lived_in is not None and await reminders.offer_typed_place(
        update, context, place, lived_in
    ):
        return False
    if asks_for_a_reminder(text) and (hour := bare_hour(text)) is not None:
        await context.ask(user.id, Question.HALF_OF_DAY, str(hour))  # "evening" answers
        markup = keyboards.morning_or_evening(hour)  # "remind me every day at 8"
        await message.reply_text(reminder_text.MORNING_OR_EVENING, reply_markup=markup)
        return False
    services = context.services
    # A long message with their pain in it ("…and I can't stop crying"): skills may fit
    # what they told, but where people are is said first.
    hurting = heavy(text, any_length=True)
    found = await skills_for_text(services.suggestions, text, i18n.current())
    if found:
        await message.reply_text(
            suggestion_text.offer(found, text, hurting=hurting),
            reply_markup=keyboards.suggestions(found),
        )
        return not hurting
    focus = await services.coach.focus_of(user.id)
    if focus is None:
        await message.reply_text(skill_text.NO_SKILLS)
        return True
    await message.reply_text(
        suggestion_text.focus_instead(focus, text, hurting=hurting),
        reply_markup=keyboards.suggestions((focus,)),
    )
    return not hurting
