"""Telegram HTML for practising a skill: the steps, the reflection, and every answer on the way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from bot.domain.models import PracticeSession, Scenario, SessionStatus, Skill
from bot.domain.practice import Notice, Unmoved, shown_step
from bot.texts.html import card_text
from bot.texts.i18n import _, card, constant, either, ngettext, scenario_card
from bot.texts.skills import skill_overview


def step_text(skill: Skill, index: int) -> str:
    """One step: `Step 2 of 5`, the bold title and its explanation."""
    skill = card(skill)
    step = skill.steps[index]
    where = _("{skill} · Step {number} of {count}").format(
        skill=escape(skill.title), number=index + 1, count=len(skill.steps)
    )
    body = f"<b>{escape(step.title)}</b>"
    if step.explanation:
        body += f"\n\n{card_text(step.explanation)}"
    return f"<i>{where}</i>\n\n{body}"


def practice_intro(skill: Skill) -> str:
    """What /practice shows before the first step."""
    return f"{skill_overview(skill)}\n\n" + _("Tap <b>Start</b> when you’re ready.")


def worked_through(skill: Skill) -> str:
    """The bold line above the reflection question: the steps just done."""
    skill = card(skill)
    count = len(skill.steps)
    done = ngettext(
        "You’ve worked through the one step of {skill}.",
        "You’ve worked through all {count} steps of {skill}.",
        count,
    ).format(count=count, skill=escape(skill.title))
    return f"<b>{done}</b>"


def reflect_prompt(skill: Skill) -> str:
    """The question after the last step."""
    return f"{worked_through(skill)}\n\n" + _(
        "What did you notice? Write it in your own words — a sentence or a page, "
        "whatever is true for you. Or tap <b>Skip</b>."
    )


def added_to_note(title: str) -> str:
    """A message right after a reflection, added to it; `title` in the reader's language."""
    return _("Added to your reflection on {skill}. /reflections shows it.").format(
        skill=escape(title)
    )


def completed(skill: Skill, times: int, *, reflected: bool) -> str:
    """The completion message: which skill, what the person did, how many times."""
    title = escape(card(skill).title)
    steps = len(skill.steps)
    if steps == 1:
        did = (
            _("You practised <b>{skill}</b>: its step, and wrote down what you noticed.")
            if reflected
            else _("You practised <b>{skill}</b>: its step.")
        ).format(skill=title)
    elif reflected:
        did = ngettext(
            "You practised <b>{skill}</b>: all {count} step, and wrote down what you noticed.",
            "You practised <b>{skill}</b>: all {count} steps, and wrote down what you noticed.",
            steps,
        ).format(skill=title, count=steps)
    else:
        did = ngettext(
            "You practised <b>{skill}</b>: all {count} step.",
            "You practised <b>{skill}</b>: all {count} steps.",
            steps,
        ).format(skill=title, count=steps)
    return f"{did} {_times(times)}"


def _times(count: int) -> str:
    if count == 1:
        return _("That’s your first time.")
    if count == 2:
        return _("That’s your second time.")
    if count == 3:
        return _("That’s your third time.")
    return ngettext("That’s {count} time now.", "That’s {count} times now.", count).format(
        count=count
    )


def paused(session: PracticeSession, skill: Skill) -> str:
    """After Pause."""
    return _(
        "Paused at step {number} of {count} of {skill}. Take the time you need — tap "
        "<b>Resume</b> or send /practice to pick up where you left off."
    ).format(
        number=shown_step(session, len(skill.steps)) + 1,
        count=len(skill.steps),
        skill=escape(card(skill).title),
    )


def cancelled(skill_title: str) -> str:
    """After /cancel."""
    return _("Practice of {skill} ended. Send /practice whenever you like.").format(
        skill=escape(skill_title)
    )


def resume_offer(
    session: PracticeSession,
    skill: Skill,
    other: Skill | None = None,
    scenario: Scenario | None = None,
) -> str:
    """What starting a practice shows while another is open: resume it or start over."""
    title = escape(card(skill).title)
    if session.status is SessionStatus.REFLECTING:
        text = _("You’re in the middle of <b>{skill}</b>, at the reflection.").format(skill=title)
    else:
        text = _("You’re in the middle of <b>{skill}</b>, at step {number} of {count}.").format(
            skill=title,
            number=shown_step(session, len(skill.steps)) + 1,
            count=len(skill.steps),
        )
    if other is not None and scenario is not None:
        situation = scenario_card(scenario).title
        text += " " + _(
            "Resume it, or end it and start <b>{skill}</b> for <i>{scenario}</i>?"
        ).format(skill=escape(card(other).title), scenario=escape(situation))
    elif other is not None:
        text += " " + _("Resume it, or end it and start <b>{skill}</b>?").format(
            skill=escape(card(other).title)
        )
    return text


def paused_reminder(session: PracticeSession, skill: Skill) -> str:
    """Text typed while a practice is paused: carry on, or end it."""
    return _(
        "Your practice of <b>{skill}</b> is paused at step {number} of {count}. "
        "Resume when you’re ready, or end it here."
    ).format(
        skill=escape(card(skill).title),
        number=shown_step(session, len(skill.steps)) + 1,
        count=len(skill.steps),
    )


def abandoned(session: PracticeSession, name: Callable[[str], str] = str) -> str:
    """Said once when an idle session was closed; `name` gives the stored skill title as
    the person's card calls it."""
    return _(
        "Your practice of {skill} waited a long while at step {number}, so I closed it — "
        "nothing is lost: pick it up there, or start fresh any time."
    ).format(skill=escape(name(session.skill)), number=session.step + 1)


def keep_going(skill: Skill, *, last: bool) -> str:
    """Text typed mid-practice that is not a reflection: it may be an "ok", or something
    hard that just happened, so it is met gently either way. On the last step the button
    to name is Finish, not Next."""
    title = escape(card(skill).title)
    if last:
        return _(
            "I’m here. If something came up, <b>Pause</b> keeps your place in {skill}; "
            "otherwise tap <b>Finish</b> when you’re ready — there’s no rush."
        ).format(skill=title)
    return _(
        "I’m here. If something came up, <b>Pause</b> keeps your place in {skill}; "
        "otherwise tap <b>Next</b> when you’re ready — there’s no rush."
    ).format(skill=title)


def stop_for_now(skill: Skill) -> str:
    """ "stop" typed mid-practice: how to stop the practice, and where the nudges stop."""
    return _(
        "To stop for now, tap <b>Pause</b>: your place in {skill} is kept. /cancel ends "
        "it, and /stop is for the daily nudges."
    ).format(skill=escape(card(skill).title))


def step_help(skill: Skill, *, last: bool) -> str:
    """Above the step again, for "I don't get this step" mid-practice: no other skills
    (they would confuse more), and where the skill's common mistakes are."""
    title = escape(card(skill).title)
    if last:
        return _(
            "<b>Take it slowly.</b> There’s no wrong way to do a step: take what fits, in "
            "your own words. /mistakes shows what tends to go wrong with {skill}. Tap "
            "<b>Finish</b> when you’re ready."
        ).format(skill=title)
    return _(
        "<b>Take it slowly.</b> There’s no wrong way to do a step: take what fits, in your "
        "own words. /mistakes shows what tends to go wrong with {skill}. Tap <b>Next</b> "
        "when you’re ready."
    ).format(skill=title)


def also_fits(skills: Sequence[Skill]) -> str:
    """Other skills matching what the person typed mid-practice, offered beside it."""
    names = either([f"<b>{escape(card(skill).title)}</b>" for skill in skills])
    return ngettext(
        "What you wrote sounds like {skills} could help too — it’s below if you want it.",
        "What you wrote sounds like {skills} could help too — they’re below if you want them.",
        len(skills),
    ).format(skills=names)


_UNMOVED: dict[Unmoved, Callable[[], str]] = {
    Unmoved.STALE_STEP: lambda: _("That button is from an earlier step."),
    Unmoved.NOT_NOW: lambda: _("That button doesn’t apply right now."),
    Unmoved.NOT_YOURS: lambda: _("That button isn’t for you."),
    Unmoved.FINISHED: lambda: _("That practice has already ended. Send /practice to start again."),
    Unmoved.EXPIRED: lambda: _(
        "That practice was closed after waiting a long while. You can pick it up where it stood."
    ),
    Unmoved.SKILL_GONE: lambda: _(
        "That skill is no longer among the skill cards. Send /practice to choose another."
    ),
    Unmoved.OPEN_SKILL_GONE: lambda: _(
        "This practice’s skill card is missing right now. It can go on when the card is "
        "back; /cancel ends it, and /practice starts another."
    ),
    Unmoved.BUSY: lambda: _("Another practice is open now. Send /practice to see it."),
}
_NOTICES: dict[Notice, Callable[[], str]] = {
    Notice.FIRST_STEP: lambda: _("This is the first step."),
}


def unmoved(reason: Unmoved) -> str:
    """Why a press moved nothing (plain text: it is a button's short answer)."""
    return _UNMOVED[reason]()


def notice(which: Notice | None) -> str | None:
    """The short remark beside a move, if any (plain text)."""
    return None if which is None else _NOTICES[which]()


_CONSTANTS = {
    "NOTHING_TO_CANCEL": lambda: _(
        "There’s no practice in progress. Send /practice to start one."
    ),
    "DISMISSED": lambda: _("Okay. Send /practice whenever you’re ready."),
    "TAKEN_OUT_OF_NOTE": lambda: _("Okay, that’s out of your reflection again."),
    "SEE_YOU": lambda: _("Well done. See you next time."),
    "SKILL_GONE": lambda: unmoved(Unmoved.SKILL_GONE),
    # Above a practice's card in the days after they spoke of danger (User.at_risk): the
    # skills are for repairing with someone they are safe with, which they may not be.
    "GENTLE_FIRST": lambda: _(
        "<i>Go gently today. These practices are for a relationship where you feel safe; "
        "if you’re not safe, or it all feels like too much, /support comes first.</i>"
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
