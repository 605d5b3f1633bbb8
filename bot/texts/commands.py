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
    # In Telegram's menu; the others are typed shortcuts that /help lists.
    in_menu: bool = False


COMMANDS: tuple[Command, ...] = (
    Command("practice", "Practise a skill, one step at a time", "[skill]", in_menu=True),
    Command("mistakes", "Common mistakes of a skill (default: focus)", "[skill]", in_menu=True),
    Command("progress", "Your progress and a 12-week calendar", in_menu=True),
    Command("settings", "Daily nudge, time zone, pause and focus skill", in_menu=True),
    # The seventh: practising with a partner has no other way in but this command.
    Command("partner", "Practise with a partner: invite, share, repair bids", in_menu=True),
    Command("help", "What I can do", in_menu=True),
    Command("support", "Where to find real help", in_menu=True),
    Command("start", "Start here: a short welcome"),
    Command("skills", "Browse all skills"),
    Command("skill", "Open one skill’s card", "name"),
    Command("focus", "Show or choose your focus skill", "[skill]"),
    Command("cancel", "End the practice in progress"),
    Command("remind", "Daily nudge: set a time, on/off, quiet/loud", "[07:45|off|on]"),
    Command("timezone", "Show or set your time zone", "[city, zone or UTC+3]"),
    Command("pause", "Pause daily nudges for a number of days", "days"),
    Command("resume", "End a pause early"),
    Command("reflections", "What you wrote after practising", "[skill]"),
    Command("export", "Download everything stored about you"),
    Command("forget", "Delete everything stored about you"),
    Command("reload", "Reload the skill cards now and show the report", admin_only=True),
    Command("stats", "People, activity, practices and nudges", admin_only=True),
)


def menu_commands() -> tuple[Command, ...]:
    """The short menu Telegram shows everyone, in order."""
    return tuple(command for command in COMMANDS if command.in_menu)


def public_commands() -> tuple[Command, ...]:
    """Commands everyone may use: the menu first, then the typed shortcuts."""
    return tuple(command for command in COMMANDS if not command.admin_only)


def shortcut_commands() -> tuple[Command, ...]:
    """Commands that work when typed but stay out of the menu."""
    return tuple(c for c in COMMANDS if not c.admin_only and not c.in_menu)


def admin_commands() -> tuple[Command, ...]:
    """Commands only admins may use."""
    return tuple(command for command in COMMANDS if command.admin_only)
