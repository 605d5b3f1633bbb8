"""Telegram HTML for practising a skill: the steps, the reflection, and every answer on the way."""

from __future__ import annotations

from html import escape

from bot.domain.models import PracticeSession, SessionStatus, Skill
from bot.domain.practice import Notice, Unmoved, shown_step
from bot.texts.html import inline
from bot.texts.skills import skill_overview


def step_text(skill: Skill, index: int) -> str:
    """One step: `Step 2 of 5`, the bold title and its explanation."""
    step = skill.steps[index]
    head = f"<i>{escape(skill.title)} · Step {index + 1} of {len(skill.steps)}</i>"
    body = f"<b>{escape(step.title)}</b>"
    if step.explanation:
        body += f"\n\n{inline(step.explanation)}"
    return f"{head}\n\n{body}"


def practice_intro(skill: Skill) -> str:
    """What /practice shows before the first step."""
    return f"{skill_overview(skill)}\n\nTap <b>Start</b> when you’re ready."


def reflect_prompt(skill: Skill) -> str:
    """The question after the last step."""
    return (
        f"<b>You’ve worked through all {len(skill.steps)} steps of {escape(skill.title)}.</b>\n\n"
        "What did you notice? Write it in your own words — a sentence or a page, "
        "whatever is true for you. Or tap <b>Skip</b>."
    )


def completed(skill: Skill, times: int, *, reflected: bool) -> str:
    """The completion message: which skill, what the person did, how many times."""
    steps = len(skill.steps)
    did = f"all {steps} steps" if steps != 1 else "its step"
    noted = ", and wrote down what you noticed" if reflected else ""
    return f"You practised <b>{escape(skill.title)}</b>: {did}{noted}. That’s {_times(times)}."


def _times(count: int) -> str:
    words = {1: "your first time", 2: "your second time", 3: "your third time"}
    return words.get(count, f"{count} times now")


SEE_YOU = "Well done. See you next time."


def paused(session: PracticeSession, skill: Skill) -> str:
    """After Pause."""
    return (
        f"Paused at step {shown_step(session, len(skill.steps)) + 1} of {len(skill.steps)} "
        f"of {escape(skill.title)}. Take the time you need — tap <b>Resume</b> or send "
        "/practice to pick up where you left off."
    )


def cancelled(skill_title: str) -> str:
    """After /cancel."""
    return f"Practice of {escape(skill_title)} ended. Send /practice whenever you like."


def resume_offer(session: PracticeSession, skill: Skill, other: Skill | None = None) -> str:
    """What starting a practice shows while another is open: resume it or start over."""
    where = (
        "at the reflection"
        if session.status is SessionStatus.REFLECTING
        else f"at step {shown_step(session, len(skill.steps)) + 1} of {len(skill.steps)}"
    )
    text = f"You’re in the middle of <b>{escape(skill.title)}</b>, {where}."
    if other is not None:
        text += f" Resume it, or end it and start <b>{escape(other.title)}</b>?"
    return text


def paused_reminder(session: PracticeSession, skill: Skill) -> str:
    """Text typed while a practice is paused: carry on, or end it."""
    return (
        f"Your practice of <b>{escape(skill.title)}</b> is paused at step "
        f"{shown_step(session, len(skill.steps)) + 1} of {len(skill.steps)}. "
        "Resume when you’re ready, or end it here."
    )


def abandoned(session: PracticeSession) -> str:
    """Said once when an idle session was closed."""
    return (
        f"Your practice of {escape(session.skill)} waited a long while at step "
        f"{session.step + 1}, so I closed it — no harm done, you can start fresh any time."
    )


def keep_going(skill: Skill) -> str:
    """Text typed mid-practice that is not a reflection."""
    return f"Tap <b>Next</b> when you’re ready — there’s no rush. ({escape(skill.title)})"


NOTHING_TO_CANCEL = "There’s no practice in progress. Send /practice to start one."


DISMISSED = "Okay. Send /practice whenever you’re ready."


_UNMOVED = {
    Unmoved.STALE_STEP: "That button is from an earlier step.",
    Unmoved.NOT_NOW: "That button doesn’t apply right now.",
    Unmoved.NOT_YOURS: "That button isn’t for you.",
    Unmoved.FINISHED: "That practice has already ended. Send /practice to start again.",
    Unmoved.EXPIRED: "That practice was closed after a long pause. Send /practice to start again.",
    Unmoved.SKILL_GONE: (
        "That skill is no longer among the skill cards. Send /practice to choose another."
    ),
    Unmoved.BUSY: "Another practice is open now. Send /practice to see it.",
}
_NOTICES = {Notice.FIRST_STEP: "This is the first step."}


def unmoved(reason: Unmoved) -> str:
    """Why a press moved nothing (plain text: it is a button's short answer)."""
    return _UNMOVED[reason]


def notice(which: Notice | None) -> str | None:
    """The short remark beside a move, if any (plain text)."""
    return None if which is None else _NOTICES[which]


SKILL_GONE = unmoved(Unmoved.SKILL_GONE)
