"""The bot's command list: one source for /help, the Telegram menu and the tests."""

from __future__ import annotations

from dataclasses import dataclass

from bot.texts.i18n import N_, _


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command people can send. `description` and `usage` are English message
    ids; `shown_description` and `shown_usage` say them in the current language."""

    name: str
    description: str
    usage: str = ""
    admin_only: bool = False
    # In Telegram's menu; the others are typed shortcuts that /help lists.
    in_menu: bool = False

    @property
    def shown_description(self) -> str:
        """The description in the current language."""
        return _(self.description)

    @property
    def shown_usage(self) -> str:
        """The arguments in the current language (/remind's switch words too)."""
        return _(self.usage) if self.usage else ""


COMMANDS: tuple[Command, ...] = (
    Command("practice", N_("Practise a skill, one step at a time"), N_("[skill]"), in_menu=True),
    Command(
        "mistakes",
        N_("Common mistakes of a skill (default: focus)"),
        N_("[skill]"),
        in_menu=True,
    ),
    Command("progress", N_("Your progress and a 12-week calendar"), in_menu=True),
    Command(
        "settings", N_("Daily nudge, time zone, pause, focus skill and language"), in_menu=True
    ),
    # The seventh: practising with a partner has no other way in but this command.
    Command("partner", N_("Practise with a partner: invite, share, repair bids"), in_menu=True),
    Command("help", N_("What I can do"), in_menu=True),
    Command("support", N_("Where to find real help"), in_menu=True),
    Command("start", N_("Start here: a short welcome")),
    Command("skills", N_("Browse all skills")),
    Command("skill", N_("Open one skill’s card"), N_("name")),
    Command("focus", N_("Show or choose your focus skill"), N_("[skill]")),
    Command("cancel", N_("End the practice in progress")),
    Command(
        "remind",
        N_("Daily nudge: set a time, on/off, quiet/loud"),
        # Each language's own switch words, which /remind understands as well as these.
        N_("[07:45|off|on|quiet|loud]"),
    ),
    Command("timezone", N_("Show or set your time zone"), N_("[city, zone or UTC+3]")),
    Command("pause", N_("Pause daily nudges for a number of days"), N_("[days]")),
    Command("resume", N_("End a pause early")),
    Command("stop", N_("Stop the daily nudges, or pause them")),
    Command(
        "reflections", N_("What you wrote after practising, to read or delete"), N_("[skill]")
    ),
    Command("language", N_("Choose the language I speak"), N_("[language]")),
    Command("export", N_("Download everything stored about you")),
    Command("forget", N_("Delete everything stored about you")),
    Command("delete", N_("The same as /forget")),
    Command("reload", N_("Reload the skill cards now and show the report"), admin_only=True),
    Command("stats", N_("People, activity, practices and nudges"), admin_only=True),
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


def bot_description() -> str:
    """What Telegram shows in an empty chat before /start (up to 512 characters)."""
    return _(
        "A practice companion for relationship skills: one skill at a time, step by step, "
        "with a short daily nudge at your own time. Not a therapist or a crisis service."
    )


def bot_short_description() -> str:
    """The line on the bot's profile (up to 120 characters)."""
    return _("Practise relationship skills, one small step at a time.")
