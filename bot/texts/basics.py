"""Telegram HTML for the basics: welcome, help, and answers to what the bot cannot take."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.domain.models import Skill
from bot.texts.commands import Command
from bot.texts.i18n import _, card, constant, either


def welcome(first_name: str, focus: Skill | None, *, ask_zone: bool = True) -> str:
    """The greeting /start sends: two or three sentences, then buttons. `ask_zone`: no
    time zone is chosen yet, so the welcome asks for one."""
    name = escape(first_name)
    if not ask_zone and focus is not None:
        return _(
            "Hi {name}! I’m a practice companion for relationship skills: I walk you through "
            "one skill a step at a time, at your pace, and send a short nudge once a day. "
            "Try <b>{skill}</b> now, or whenever you like."
        ).format(name=name, skill=escape(card(focus).title))
    if not ask_zone:
        return _(
            "Hi {name}! I’m a practice companion for relationship skills: I walk you through "
            "one skill a step at a time, at your pace, and send a short nudge once a day."
        ).format(name=name)
    if focus is not None:
        return _(
            "Hi {name}! I’m a practice companion for relationship skills: I walk you through "
            "one skill a step at a time, at your pace, and send a short nudge once a day. "
            "Try <b>{skill}</b> now, or choose your time zone so the nudge comes at a good "
            "hour for you."
        ).format(name=name, skill=escape(card(focus).title))
    return _(
        "Hi {name}! I’m a practice companion for relationship skills: I walk you through "
        "one skill a step at a time, at your pace, and send a short nudge once a day. "
        "Choose your time zone so the nudge comes at a good hour for you."
    ).format(name=name)


def unregistered_welcome(first_name: str) -> str:
    """The answer to anything but /start from someone without a record (new, or who
    asked to be forgotten)."""
    return _(
        "Hi {name}! I’m a practice companion for relationship skills, "
        "one small step at a time. Send /start to begin — until you do, I keep nothing "
        "about you."
    ).format(name=escape(first_name))


def help_text(commands: tuple[Command, ...], admin: tuple[Command, ...] = ()) -> str:
    """The /help answer: exactly the commands that exist, the menu's first."""
    menu = [command for command in commands if command.in_menu]
    typed = [command for command in commands if not command.in_menu]
    lines = [_("<b>What I can do</b>"), "", free_text_hint(), ""]
    lines += [_command_line(command) for command in menu]
    if typed:
        lines += ["", _("<b>Also, if you type them</b>")]
        lines += [_command_line(command) for command in typed]
    if admin:
        lines += ["", _("<b>Admin</b>")]
        lines += [_command_line(command) for command in admin]
    lines += [
        "",
        _("In a group I only say once that I work in private chats, and leave."),
        "",
        _(
            "<i>I’m a practice companion, not a therapist or a crisis service. "
            "If you write about wanting to harm yourself, or about being unsafe with someone, "
            "I answer first with where to find real help. /support shows it any time.</i>"
        ),
    ]
    return "\n".join(lines)


def free_text_example() -> str:
    """A hard-day message as a person would type it, which finds a skill (a test sends it)."""
    # Translators: quoted in /help; must find a skill (use the translated cards' triggers).
    return _("I yelled at my partner again")


def free_text_hint() -> str:
    """The first thing /help says: no command is needed to find a skill."""
    return _(
        "Write what happened in your own words — say, “{example}” — and I’ll suggest "
        "a skill that fits."
    ).format(example=escape(free_text_example()))


def _command_line(command: Command) -> str:
    usage = f" {escape(command.shown_usage)}" if command.usage else ""
    return f"/{command.name}{usage} — {escape(command.shown_description)}"


# Telegram's own commands are at most 32 characters; anything longer is shortened.
_COMMAND_SHOWN = 32


def unknown_command(name: str, close: Sequence[str] = ()) -> str:
    """The answer to a command the bot does not have (a long name is shortened), naming
    the `close` commands the person may have meant, which Telegram makes tappable."""
    if len(name) > _COMMAND_SHOWN:
        name = name[: _COMMAND_SHOWN - 1] + "…"
    if close:
        # Translators: {commands} is one command, or two joined by your word for "or"
        # ("/skill or /skills").
        return _("I don’t know /{command} — did you mean {commands}?").format(
            command=escape(name), commands=escape(either([f"/{c}" for c in close]))
        )
    return _("I don’t know /{command}. Send /help to see what I can do.").format(
        command=escape(name)
    )


_CONSTANTS = {
    "BUTTON_NOT_HERE": lambda: _("This button only works in your private chat with me."),
    "PRIVATE_ONLY": lambda: _(
        "I only talk in private chats, where what you practise stays yours: open a chat with "
        "me to practise. I’ll leave this group now."
    ),
    "SEND_START": lambda: _("I keep nothing about you right now. Send /start to begin (again)."),
    "NOT_ALLOWED": lambda: _(
        "Sorry, this bot is private and not open to you. Nothing about you was saved."
    ),
    "SOMETHING_WENT_WRONG": lambda: _(
        "Something went wrong on my side. Your progress is safe — please try that again."
    ),
    "UNSUPPORTED_MESSAGE": lambda: _(
        "I can’t listen to voice messages or see photos and stickers, but I read everything "
        "you type. If something is on your mind, could you write it to me? /help shows "
        "what I can do."
    ),
    "CAPTION_NOT_READ": lambda: _(
        "I can’t see photos or files, and I only take words typed as a message of their "
        "own. Could you send what you wrote with it as a message? Then I can answer it."
    ),
    "EDITED_MESSAGE": lambda: _(
        "I only read new messages, not edits. If you meant to change something, send it again."
    ),
    "STALE_BUTTON": lambda: _("That button no longer works."),
    "CANT_REACH_NOTES": lambda: _("I can’t reach my notes right now — try again in a minute."),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
