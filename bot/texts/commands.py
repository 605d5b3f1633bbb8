"""The bot's command list: one source for /help, the Telegram menu and the tests."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command people can send."""

    name: str
    description: str
    usage: str = ""
    admin_only: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("start", "Start here: a short welcome"),
    Command("practice", "Practise a skill, one step at a time", "[skill]"),
    Command("mistakes", "Common mistakes of a skill (default: your focus)", "[skill]"),
    Command("skills", "Browse all skills"),
    Command("skill", "Open one skill’s card", "name"),
    Command("focus", "Show or choose your focus skill", "[skill]"),
    Command("cancel", "End the practice in progress"),
    Command("remind", "Daily nudge: show, set a time, on/off, quiet/loud", "[07:45|off|on]"),
    Command("timezone", "Set your time zone", "[city or zone]"),
    Command("pause", "Pause daily nudges for a number of days", "days"),
    Command("resume", "End a pause early"),
    Command("partner", "Practise with a partner: invite, share, repair bids"),
    Command("progress", "Your progress and a 12-week calendar"),
    Command("reflections", "What you wrote after practising", "[skill]"),
    Command("export", "Download everything stored about you"),
    Command("forget", "Delete everything stored about you"),
    Command("support", "Where to find real help"),
    Command("help", "What I can do"),
    Command("reload", "Reload the skill cards now and show the report", admin_only=True),
    Command("stats", "People, activity, practices and nudges", admin_only=True),
)


def public_commands() -> tuple[Command, ...]:
    """Commands everyone may use, in menu order."""
    return tuple(command for command in COMMANDS if not command.admin_only)


def admin_commands() -> tuple[Command, ...]:
    """Commands only admins may use."""
    return tuple(command for command in COMMANDS if command.admin_only)
