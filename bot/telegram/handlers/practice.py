"""/practice and /cancel, the step buttons, and text typed during a practice."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import MessageHandler, filters

from bot.domain.asking import asks_for_mistakes, confused_by_the_step
from bot.domain.feelings import met_first
from bot.domain.heavy_words import heavy
from bot.domain.models import PracticeSession, Question, Scenario, SessionStatus, Skill
from bot.domain.practice import Move, Show, Unmoved, position, shown_step
from bot.domain.small_talk import SmallTalk, asks_for_next, bare_stop, only_stops, small_talk
from bot.services.coach import Busy, Closed, Moved, Stale
from bot.telegram import keyboards
from bot.telegram.callbacks import NotePress, PickUp, SessionPress, SkillAction
from bot.telegram.context import BotApplication, BotContext
from bot.telegram.handlers import partner_hooks
from bot.telegram.handlers.lookups import skills_for_text
from bot.telegram.handlers.replies import answer_press, drop_buttons, show
from bot.telegram.handlers.routes import command, on_press, reject_press
from bot.telegram.handlers.skill_choice import choose_skill
from bot.telegram.handlers.suggestions import (
    answer_mistakes,
    answer_pause_request,
    answer_without_skills,
    offer_skills,
)
from bot.texts import i18n
from bot.texts import practice as practice_text
from bot.texts import scenarios as scenario_text
from bot.texts import skills as skill_text
from bot.texts import suggestions as suggestion_text
from bot.texts.html import split_message
from bot.texts.i18n import card, card_titles

log = logging.getLogger(__name__)


async def practice_command(update: Update, context: BotContext) -> None:
    """Offer the focus skill (or the named one), or the open session to resume."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    services = context.services
    person = await context.person(update)
    wanted = " ".join(context.args or [])
    opened = await services.coach.current(user.id)
    if opened.session is not None and opened.skill is not None and not wanted:
        await offer_resume(update, context, Busy(opened.session, opened.skill), None)
        return
    closed = await services.coach.closed_waiting(user.id, opened)
    skill = (
        await choose_skill(update, context, wanted, SkillAction.INTRO)
        if wanted
        else services.coach.focus_skill(person)
    )
    if closed is not None:
        # One message: where it stood, Resume there, or start what was asked for (the
        # skill named, else the focus skill) from step 1 instead.
        if skill is not None or not wanted:  # else choose_skill offered the choices
            await tell_abandoned(update, context, closed.session, start=skill)
        return
    if skill is None:
        if not wanted:
            await message.reply_text(skill_text.NO_SKILLS)
        return
    await show_intro(update, context, skill)


async def show_intro(
    update: Update,
    context: BotContext,
    skill: Skill,
    *,
    scenario: Scenario | None = None,
    edit: bool = False,
) -> None:
    """The intro card with Start / Common mistakes / Choose another / Cancel (for a
    scenario, the situation first), or the offer to resume when another practice is
    open (it is never dropped silently)."""
    user = update.effective_user
    assert user
    busy = await context.services.coach.open_practice(user.id)
    if busy is not None:
        await offer_resume(update, context, busy, skill, scenario=scenario, edit=edit)
        return
    text = (
        practice_text.practice_intro(skill)
        if scenario is None
        else scenario_text.intro(skill, scenario)
    )
    person = await context.stored_person(user.id)
    if person is not None and person.at_risk(context.services.clock()):
        # Right after "he hit me", Repair's card would read as advice to repair with him.
        text = f"{practice_text.GENTLE_FIRST}\n\n{text}"
    await show(update, context, text, keyboards.intro(skill, scenario), edit=edit)


async def start_practice(
    update: Update,
    context: BotContext,
    skill: Skill,
    *,
    edit: bool,
    scenario: str | None = None,
    replacing: int | None = None,
) -> None:
    """Every way into step 1 comes here: a card's or a scenario's Start, a nudge's
    Practise now, Practise again, Try … now. An open practice is offered to resume
    instead of being closed."""
    user, chat = update.effective_user, update.effective_chat
    assert user and chat
    coach = context.services.coach
    result = await coach.begin(user.id, chat.id, skill, scenario, replacing=replacing)
    if isinstance(result, Closed):
        chosen = context.services.vault.current.scenario_named(scenario)
        await tell_abandoned(
            update, context, result.session, start=skill, scenario=chosen, edit=edit
        )
    elif isinstance(result, Busy):
        chosen = context.services.vault.current.scenario_named(scenario)
        await offer_resume(update, context, result, skill, scenario=chosen, edit=edit)
    elif isinstance(result, Stale):
        await show(update, context, practice_text.unmoved(result.reason), edit=edit)
    else:
        await show_outcome(update, context, result, edit=edit)


async def offer_resume(
    update: Update,
    context: BotContext,
    busy: Busy,
    wanted: Skill | None,
    *,
    scenario: Scenario | None = None,
    edit: bool = False,
) -> None:
    """Resume at step k / Start over, naming the open skill when another was asked for.
    A situation chosen (`scenario`) travels with the offer to start instead, so it is
    never dropped; the same skill for a new situation is offered like another skill."""
    new_situation = scenario is not None and scenario.title != busy.session.scenario
    other = wanted if wanted is not None and (wanted != busy.skill or new_situation) else None
    chosen = scenario if other is not None else None
    await show(
        update,
        context,
        practice_text.resume_offer(busy.session, busy.skill, other, chosen),
        keyboards.resume_offer(busy.session, other, chosen),
        edit=edit,
    )


async def cancel_command(update: Update, context: BotContext) -> None:
    """End the practice in progress (recorded as cancelled)."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    cancelled = await context.services.coach.cancel(user.id)
    if cancelled is None:
        await message.reply_text(practice_text.NOTHING_TO_CANCEL)
    else:
        title = card_titles(context.services.vault.current)(cancelled.skill)
        await message.reply_text(practice_text.cancelled(title))


async def tell_abandoned(
    update: Update,
    context: BotContext,
    session: PracticeSession,
    *,
    start: Skill | None = None,
    scenario: Scenario | None = None,
    edit: bool = False,
) -> None:
    """Say that a practice was closed for waiting, with a button to pick it up at its
    step (while its card is there to go on with), and, when the person was starting a
    practice (`start`, for `scenario` if one was chosen), one to start that from step 1
    instead."""
    vault = context.services.vault.current
    keyboard = (
        keyboards.pick_up(session, start, scenario)
        if vault.get(session.skill) is not None
        else None
    )
    await show(
        update, context, practice_text.abandoned(session, card_titles(vault)), keyboard, edit=edit
    )


async def pick_up_button(update: Update, context: BotContext, press: PickUp) -> None:
    """Resume at step N under a practice closed for waiting: open it again there."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    result = await context.services.coach.pick_up(user.id, press.session_id)
    if isinstance(result, Stale):
        await answer_press(query, practice_text.unmoved(result.reason))
        return
    await answer_press(query)
    await show_outcome(update, context, result, edit=True)


async def session_button(update: Update, context: BotContext, press: SessionPress) -> None:
    """Next, Back, Pause, Skip, Resume or Start over on a practice message."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    coach = context.services.coach
    seen = context.seen_session(press.session_id)
    result = await coach.press(user.id, press.session_id, press.step, press.move, seen=seen)
    if isinstance(result, Stale):
        await answer_press(query, practice_text.unmoved(result.reason))
        if result.reason is Unmoved.EXPIRED:
            # Closed for waiting (now, or before): while it is the practice offered back
            # (closed_waiting), the message offers it where it stood, and a Start over
            # starts it over; else it keeps no buttons that would only refuse.
            closed = await coach.closed_waiting(user.id)
            if closed is not None and closed.session.id == press.session_id:
                start = closed.skill if press.move is Move.RESTART else None
                await tell_abandoned(update, context, closed.session, start=start, edit=True)
            else:
                # Left for another since (or long ago): nothing to offer here, so the
                # message keeps no buttons that would only refuse.
                await show(
                    update, context, practice_text.unmoved(Unmoved.FINISHED), None, edit=True
                )
        if result.reason is Unmoved.STALE_STEP:
            # A button behind the practice (a second tap, an older copy of the step, or
            # this very press tried again after its first answer was lost): the message
            # is brought to where the practice stands, so it is never a dead end.
            now = await coach.where_it_stands(user.id, press.session_id)
            if now is not None:
                await show_outcome(update, context, now, edit=True)
        return
    await answer_press(query, practice_text.notice(result.outcome.notice))
    if _sent_in_parts(result.skill, press.step):
        # A step too long for one message went out in parts, its buttons under the last:
        # edited, that part would become the next step with the others left above it,
        # cut off. It stays whole, its buttons gone, and the next is sent below it.
        if isinstance(query.message, Message):
            await drop_buttons(query.message)
        await show_outcome(update, context, result, edit=False)
        return
    await show_outcome(update, context, result, edit=True)


def _sent_in_parts(skill: Skill, index: int) -> bool:
    """Whether step `index` of `skill` (as pressed from) was sent as several messages."""
    if not 0 <= index < len(skill.steps):
        return False
    return len(split_message(practice_text.step_text(skill, index))) > 1


async def show_outcome(update: Update, context: BotContext, moved: Moved, *, edit: bool) -> None:
    """Render where a session now stands."""
    session, skill = moved.outcome.session, moved.skill
    show_what = moved.outcome.show
    if show_what is Show.STEP:
        index = shown_step(session, len(skill.steps))
        text, keyboard = (
            practice_text.step_text(skill, index),
            keyboards.step(session, len(skill.steps)),
        )
    elif show_what is Show.REFLECT_PROMPT:
        scenario = context.services.vault.current.scenario_named(session.scenario)
        text = (
            practice_text.reflect_prompt(skill)
            if scenario is None
            else scenario_text.reflect_prompt(skill, scenario)
        )
        keyboard = keyboards.reflect(session)
    elif show_what is Show.PAUSED:
        text, keyboard = practice_text.paused(session, skill), keyboards.paused(session)
    elif show_what is Show.CANCELLED:
        text, keyboard = practice_text.cancelled(card(skill).title), None
    else:
        services = context.services
        times = await services.coach.completed_count(session.user_id, skill)
        is_focus = await services.coach.focus_of(session.user_id) == skill
        text = practice_text.completed(skill, times, reflected=session.reflection is not None)
        keyboard = keyboards.completed(skill, is_focus=is_focus)
        keyboard = await partner_hooks.after_practice(update, context, skill, keyboard)
    await show(update, context, text, keyboard, edit=edit)


async def on_text(update: Update, context: BotContext) -> None:
    """A reflection when one is awaited, a pointer to Next mid-practice, else skills that fit."""
    user, message = update.effective_user, update.effective_message
    assert user and message and message.text is not None
    coach = context.services.coach
    opened = await coach.current(user.id)
    going_back = small_talk(message.text) is SmallTalk.CONTINUE  # "where was I?"
    if opened.abandoned is not None:
        await tell_abandoned(update, context, opened.abandoned)
        if going_back:
            return  # the offer to pick it up is the answer
    session, skill = opened.session, opened.skill
    if session is None or skill is None:
        if await _reflected_already(update, context, message.text):
            return  # stored by an earlier try of this update whose answer was lost
        if going_back and (closed := await coach.closed_waiting(user.id, opened)) is not None:
            await tell_abandoned(update, context, closed.session)
            return
        await offer_skills(update, context, message.text)
        return
    if session.status is not SessionStatus.REFLECTING:
        if await answer_without_skills(
            update, context, message.text, practising=True, paused=session.paused
        ):
            return  # the practice waits where it is, its buttons on the step above
        if asks_for_mistakes(message.text):
            await answer_mistakes(update, context, message.text, practising=skill)
            return
        if await answer_pause_request(update, context, message.text):
            return  # the nudges' pause; the practice waits where it is
    if session.paused:
        # Live step buttons here would quietly un-pause it; ask instead. What they wrote
        # is answered as mid-practice text is: skills that fit it, beside the practice.
        others = await _others_fitting(context, user.id, message.text, skill, going_back)
        parts = [
            suggestion_text.heard(message.text) + practice_text.paused_reminder(session, skill)
        ]
        if others:
            parts.append(practice_text.also_fits(others))
        keyboard = keyboards.with_others(keyboards.paused_choice(session), others)
        await show(update, context, "\n\n".join(parts), keyboard)
        return
    if session.status is SessionStatus.REFLECTING:
        if small_talk(message.text) in (
            SmallTalk.FORGET,
            SmallTalk.FORGET_NOTES,
            SmallTalk.STOP,
            SmallTalk.NUDGES_ON,
        ):
            # "delete my data" must never be kept as a note: done as asked; the
            # reflection question stays open on the message above.
            await answer_without_skills(update, context, message.text)
            return
        if met_first(message.text) or only_stops(message.text):
            # Not a note to keep, nor a "well done" to give ("?" is no reflection either):
            # answered; the reflection question stays open on the message above.
            await answer_without_skills(update, context, message.text)
            return
        if asks_for_next(message.text):
            # "next" or "done" typed through the steps, and once more here: the Skip
            # button, not a reflection to keep and praise (a review found "done" kept).
            await _next_in_words(update, context, session, Move.SKIP_REFLECTION)
            return
        result = await coach.reflect(session, message.text)
        if heavy(message.text, any_length=True) and not isinstance(result, Stale):
            # "I can't stop crying" as the reflection: theirs, so kept, but met as it is,
            # not answered with "well done" and the next skill.
            await message.reply_text(
                suggestion_text.HEAVY_NOTE_KEPT, reply_markup=keyboards.see_skills()
            )
            return
        if isinstance(result, Stale):
            await message.reply_text(practice_text.unmoved(result.reason))
        else:
            await show_outcome(update, context, result, edit=False)
            # A message right after it is more of it (see continue_reflection).
            await context.ask(user.id, Question.MORE_REFLECTION)
        return
    index = shown_step(session, len(skill.steps))
    last = index == len(skill.steps) - 1
    if asks_for_next(message.text):
        # "next" typed on a step is the Next button (Finish on the last).
        await _next_in_words(update, context, session)
        return
    if bare_stop(message.text):
        # "stop" alone, mid-practice: the practice, not a situation to match skills to.
        above = practice_text.stop_for_now(skill)
        await _step_again(update, context, session, skill, above)
        return
    if confused_by_the_step(message.text):
        # "I don't get this step": the step again, with help on it; other skills beside
        # it (matched on "get" or "mean") would only confuse more.
        above = practice_text.step_help(skill, last=last)
        await _step_again(update, context, session, skill, above)
        return
    parts = [practice_text.keep_going(skill, last=last), practice_text.step_text(skill, index)]
    others = await _others_fitting(context, user.id, message.text, skill, going_back)
    if others:
        parts.append(practice_text.also_fits(others))
    keyboard = keyboards.with_others(keyboards.step(session, len(skill.steps)), others)
    await show(update, context, "\n\n".join(parts), keyboard)


async def _step_again(
    update: Update, context: BotContext, session: PracticeSession, skill: Skill, above: str
) -> None:
    """The step shown again, with its buttons, under a word about it (`above`)."""
    index = shown_step(session, len(skill.steps))
    text = f"{above}\n\n{practice_text.step_text(skill, index)}"
    await show(update, context, text, keyboards.step(session, len(skill.steps)))


async def _next_in_words(
    update: Update, context: BotContext, session: PracticeSession, move: Move = Move.NEXT
) -> None:
    """Move on from where the session stands, as its Next (or, on the reflection
    question, Skip) button would, and show where it went."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    result = await context.services.coach.press(user.id, session.id, position(session), move)
    if isinstance(result, Stale):
        await message.reply_text(practice_text.unmoved(result.reason))
        return
    await show_outcome(update, context, result, edit=False)


async def _others_fitting(
    context: BotContext, user_id: int, text: str, skill: Skill, going_back: bool
) -> list[Skill]:
    """What they wrote may be what just happened: skills that fit it are offered beside
    the practice (never instead of it), at most two, so the practice stays in view.

    None when they asked for the practice itself ("where was I?", `going_back`: its words
    are no situation), nor in the days after safety language, when the bot said it would
    listen rather than suggest skills.
    """
    if going_back or confused_by_the_step(text):
        return []  # "what does attunement mean?": other skills would only confuse more
    person = await context.stored_person(user_id)
    if person is not None and person.listened_to(context.services.clock()):
        return []
    found = await skills_for_text(context.services.suggestions, text, i18n.current())
    return [other for other in found if other.key != skill.key][:2]


async def continue_reflection(update: Update, context: BotContext, text: str) -> bool:
    """A message sent right after a reflection, added to it: a long reflection arrives
    in parts (Telegram splits it), and a second thought follows the first. The person
    is told, with a button to take it back out (and have it read as anything else
    would be). False when they have no reflection to add to."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    if await _reflected_already(update, context, text):
        return True  # handled again (a restart before it was marked done), not added to itself
    added = await context.services.coach.add_to_reflection(user.id, text)
    if added is None:
        return False
    await context.ask(user.id, Question.MORE_REFLECTION)  # a third part goes on it too
    title = card_titles(context.services.vault.current)(added.session.skill)
    press = NotePress(added.session.id, added.start, added.length, added.digest)
    await message.reply_text(
        practice_text.added_to_note(title), reply_markup=keyboards.added_to_note(press)
    )
    return True


async def _reflected_already(update: Update, context: BotContext, text: str) -> bool:
    """When `text` is the reflection the person saved moments ago (the same update again),
    answer it as it was answered then; False otherwise."""
    user = update.effective_user
    assert user is not None
    again = await context.services.coach.just_reflected(user.id, text)
    if again is None:
        return False
    await show_outcome(update, context, again, edit=False)
    await context.ask(user.id, Question.MORE_REFLECTION)
    return True


async def note_button(update: Update, context: BotContext, press: NotePress) -> None:
    """ "That wasn’t for my note": the words come back out and are answered with the
    skills that fit them, as text outside a practice is."""
    user, query = update.effective_user, update.callback_query
    assert user and query
    words = await context.services.coach.take_back(
        user.id, press.session_id, press.start, press.length, press.digest
    )
    if words is None:
        await reject_press(update)
        return
    await answer_press(query)
    await show(update, context, practice_text.TAKEN_OUT_OF_NOTE, None, edit=True)
    await offer_skills(update, context, words)


def setup(app: BotApplication) -> None:
    """Register /practice, /cancel and the session buttons."""
    app.add_handler(command("practice", practice_command))
    app.add_handler(command("cancel", cancel_command))
    app.add_handler(on_press(SessionPress, session_button))
    app.add_handler(on_press(PickUp, pick_up_button))
    app.add_handler(on_press(NotePress, note_button))


def setup_text(app: BotApplication) -> None:
    """Register the free-text handler; after the commands, before the catch-alls."""
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, on_text)
    )
