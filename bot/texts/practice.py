"""Telegram HTML for practising a skill: the steps, the reflection, and every answer on the way."""

from __future__ import annotations

from bot.domain.practice import Notice, Unmoved

_UNMOVED = {
    Unmoved.STALE_STEP: "That button is from an earlier step.",
    Unmoved.NOT_NOW: "That button doesn’t apply right now.",
    Unmoved.NOT_YOURS: "That button isn’t for you.",
    Unmoved.FINISHED: "That practice has already ended. Send /practice to start again.",
    Unmoved.EXPIRED: "That practice was closed after a long pause. Send /practice to start again.",
    Unmoved.SKILL_GONE: "That skill is no longer in the vault. Send /practice to choose another.",
}
_NOTICES = {Notice.FIRST_STEP: "This is the first step."}


def unmoved(reason: Unmoved) -> str:
    """Why a press moved nothing (plain text: it is a button's short answer)."""
    return _UNMOVED[reason]


def notice(which: Notice | None) -> str | None:
    """The short remark beside a move, if any (plain text)."""
    return None if which is None else _NOTICES[which]


SKILL_GONE = unmoved(Unmoved.SKILL_GONE)
