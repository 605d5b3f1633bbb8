"""What the bot says to free text outside a practice: the skills that may help."""

from __future__ import annotations

from html import escape

from bot.domain.models import Skill
from bot.domain.small_talk import SmallTalk
from bot.texts.html import shortened
from bot.texts.i18n import _, card, constant, ngettext

# The description's first paragraph beside an offered skill, cut past this many characters
# shown: up to three skills are offered in one message.
LINE_LIMIT = 300


def _line(skill: Skill) -> str:
    skill = card(skill)
    first = skill.description.split("\n\n")[0]
    return (
        f"• <b>{escape(skill.title)}</b> — {shortened(first, LINE_LIMIT, '').rstrip()}"
        if first
        else f"• <b>{escape(skill.title)}</b>"
    )


# A message this long is someone telling what happened, not asking for a skill by its
# words: it is heard before anything is offered.
TOLD_WORDS = 15


def heard(text: str, *, hurting: bool = False) -> str:
    """One line for someone who has just told what happened, before any skill: said only
    when they wrote at length ("" otherwise), so a few words are not met with ceremony.
    `hurting`: what they told says they are in pain ("…and I can't stop crying"), and
    where people are comes before any skill."""
    if len(text.split()) < TOLD_WORDS:
        return ""
    if hurting:
        return (
            "<i>"
            + _(
                "Thank you for telling me all that. It sounds really hard; if it feels like "
                "too much right now, /support has people you can talk to."
            )
            + "</i>\n\n"
        )
    # Nothing assumed of what they told: a long message may be a hard night or a plan
    # for a date.
    return "<i>" + _("Thank you for telling me all that.") + "</i>\n\n"


def offer(skills: tuple[Skill, ...], told: str = "", *, hurting: bool = False) -> str:
    """Skills that match what the person wrote (`told`), best first."""
    head = ngettext("This may help with that:", "These may help with that:", len(skills))
    return heard(told, hurting=hurting) + "\n".join(
        [head, "", *(_line(skill) for skill in skills)]
    )


def focus_instead(focus: Skill, told: str = "", *, hurting: bool = False) -> str:
    """Nothing matched what they wrote (`told`): offer the focus skill, and the way to all
    of them."""
    return heard(told, hurting=hurting) + _(
        "I’m not sure which skill fits that — I go by the words, so I may miss what you mean. "
        "Your focus skill is <b>{skill}</b>; you can practise it now, or send /skills to see "
        "them all."
    ).format(skill=escape(card(focus).title))


_SMALL_TALK = {
    SmallTalk.HELP: lambda: _(
        "I’m a practice companion for relationship skills. /practice walks you through "
        "your focus skill one step at a time, /skills shows them all, and if you tell me "
        "what happened I’ll find one that fits. /help has everything; if you need someone "
        "to talk to right now, /support."
    ),
    # Asked what it is: plainly a bot, and not the help a person can be.
    SmallTalk.ABOUT: lambda: _(
        "I’m a bot, not a person: a practice companion for relationship skills, and not a "
        "therapist. /practice walks you through your focus skill one step at a time, and "
        "if you tell me what happened I’ll find a skill that fits. If you need a real "
        "person to talk to, /support has people who can help."
    ),
    SmallTalk.THANKS: lambda: _("You’re welcome. I’m here whenever you want to practise."),
    SmallTalk.HELLO: lambda: _(
        "Hi! Send /practice to practise your focus skill, or tell me a little about what’s "
        "going on and I’ll find a skill that fits."
    ),
    SmallTalk.OK: lambda: _("👍 Whenever you’re ready: /practice."),
    # Only when no practice waits: an open, paused or closed one is offered instead.
    SmallTalk.CONTINUE: lambda: _(
        "There’s no practice waiting for you to pick up: your last one was finished or "
        "cancelled, or you haven’t started one yet. /practice starts your focus skill, or tell "
        "me what happened and I’ll find a skill that fits."
    ),
}


def harm_without_words(support_text: str) -> str:
    """Emoji alone that may stand for harm (a knife, pills): where help is, first."""
    return "\n\n".join(
        [
            "<b>"
            + _(
                "I see you. If you’re thinking of hurting yourself, or someone is hurting "
                "you, please reach someone who can help right now:"
            )
            + "</b>",
            escape(support_text),
            _("When you want, tell me a little of what is going on. I’m here."),
        ]
    )


def small_talk(kind: SmallTalk, support_text: str) -> str:
    """A person's answer to a few words that are not about a skill; a plea for help is
    met first with where to find it (`support_text`, as /support shows it)."""
    if kind is SmallTalk.PLEA:
        hint = _(
            "If you meant help with this bot: /help shows what I can do, and you can "
            "tell me what happened and I’ll find a skill that fits."
        )
        return f"{_where_help_is(support_text)}\n\n{hint}"
    return _SMALL_TALK[kind]()


def _where_help_is(support_text: str) -> str:
    """A plea for help, met first with where to find it."""
    first = _(
        "I’m here. If you’re in danger or it’s too much right now, please reach "
        "someone who can help:"
    )
    return f"<b>{first}</b>\n\n{escape(support_text)}"


def _met(then: str) -> str:
    """Their own pain, met: where people are first, then `then` (what comes next)."""
    first = _(
        "<b>That sounds really hard, and I’m glad you told me.</b> You don’t have to carry "
        "it alone: if it feels like too much right now, /support has people you can talk "
        "to."
    )
    return f"{first}\n\n{then}"


def before_start(
    support_text: str, *, plea: bool = False, harm: bool = False, wordless: bool = False
) -> str:
    """Pain, a plea for help or emoji of harm from someone who has not sent /start (or
    asked to be forgotten): met as it would be after it, where help is first for a plea
    or harm, and then how to begin, since nothing they write is kept until they do."""
    begin = _(
        "I’m a practice companion for relationship skills. Send /start when you want to "
        "begin, and tell me again then: until you do, I keep nothing about you, not even "
        "this."
    )
    if harm:
        return f"{harm_without_words(support_text)}\n\n{begin}"
    if wordless:  # 💔 alone
        return f"{_seen()}\n\n{begin}"
    if plea:
        return f"{_where_help_is(support_text)}\n\n{begin}"
    return _met(begin)


def _seen() -> str:
    """Emoji of hurt alone, met."""
    return _(
        "I see you. You don’t have to put it into words. If it’s heavy right now, "
        "/support has people you can talk to."
    )


def _heavy() -> str:
    return _met(
        _(
            "I’m here. When you want, tell me more about what happened and I’ll find a skill "
            "that fits, or look at the skills."
        )
    )


_CONSTANTS = {
    # Emoji of hurt alone: no skill offered, no words asked for; where a person is.
    # Words that put them down, reported or forwarded: met, never matched to a skill
    # (they found "Integrating Feedback", as if to be taken to heart).
    "PUT_DOWN": lambda: _(
        "<b>Being spoken to like that hurts, and you don’t deserve it.</b> Words like these "
        "say more about how that moment went than about who you are.\n\n"
        "If it happens often, or you feel afraid, /support has people you can talk to. "
        "When you want, tell me more about what happened, or look at the skills."
    ),
    # Their own pain in a few plain words ("I can't stop crying", "Ich kann nicht mehr"):
    # met, with where people are, never answered with a skill to get to work on.
    "HEAVY": lambda: _heavy(),
    # Written as the reflection: kept (it is theirs), and met rather than praised.
    "HEAVY_NOTE_KEPT": lambda: (
        _heavy()
        + "\n\n<i>"
        + _("What you wrote is kept as your reflection; /reflections shows it.")
        + "</i>"
    ),
    # The same in the middle of a practice, which it does not pull them away from.
    "HEAVY_PRACTISING": lambda: _met(
        _("Your practice can wait: <b>Pause</b> keeps your place for whenever you’re ready.")
    ),
    # …and in a practice already paused, whose message shows Resume, not Pause.
    "HEAVY_PAUSED": lambda: _met(
        _("Your practice is paused, and keeps your place for whenever you’re ready.")
    ),
    "HURT_WITHOUT_WORDS": lambda: (
        _seen()
        + " "
        + _("When you want, tell me a little of what happened and I’ll find a skill that fits.")
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
