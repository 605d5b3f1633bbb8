"""Telegram HTML for practising with a partner: pairing, sharing, repair bids.

Every name and every piece of a person's text is escaped here. The lines a
partner receives say as little as they can: a skill name, never a time.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from bot.domain.models import Skill
from bot.domain.partner import (
    INVITE_LIFETIME,
    MAX_BID_LENGTH,
    BidAnswer,
    BidKind,
    InviteProblem,
    NoBid,
    PartnerView,
    bid_kinds,
)
from bot.texts.i18n import _, card, constant

INVITE_HOURS = int(INVITE_LIFETIME.total_seconds() // 3600)


def _what_is_shared() -> str:
    return _(
        "What a partner sees: the skill you practised on a day you practised (only if you "
        "choose to share it, and only from then on; the message reaches them as you finish), "
        "your focus skill, and an “our focus” if you both choose one. What they never see: "
        "your reflections, the mistakes you looked at, your settings, or whether you opened "
        "a message."
    )


def _not_paired() -> str:
    return _(
        "<b>Practising with a partner</b>\n\n"
        "Repair is done with someone. Invite your partner and you can see that the other "
        "showed up, share a focus, and send a repair bid I help you write.\n\n"
        "<i>{what_is_shared}</i>\n\n"
        "Either of you can end the pairing at any time, with one tap."
    ).format(what_is_shared=_what_is_shared())


def invite_message(inviter: str, link: str) -> str:
    """The message to forward: who invites, and the link."""
    return _(
        "{inviter} invites you to practise relationship skills together with "
        "me, a small coaching bot.\n\nOpen this link to accept or decline: {link}\n"
        "(It works once, for {hours} hours.)"
    ).format(inviter=escape(inviter), link=escape(link), hours=INVITE_HOURS)


def invite_offer(inviter: str) -> str:
    """What the person who opened an invite link sees."""
    return _(
        "<b>{inviter} invited you to practise together.</b>\n\n"
        "Pairing means you can each see that the other practised today (only if they "
        "choose to share it), each other’s focus skill, and a shared focus if you both "
        "choose one; and you can send each other repair bids.\n\n"
        "<i>{what_is_shared}</i>\n\nEither of you can end it at any time."
    ).format(inviter=escape(inviter), what_is_shared=_what_is_shared())


_PROBLEMS: dict[InviteProblem, Callable[[], str]] = {
    InviteProblem.UNKNOWN: lambda: _(
        "That invite link doesn’t work: it may be mistyped, or a newer invite replaced "
        "it. Ask for a new one if you’d like to pair."
    ),
    InviteProblem.EXPIRED: lambda: _(
        "That invite link has expired (they work for {hours} hours). Ask for a new "
        "one if you’d like to pair."
    ).format(hours=INVITE_HOURS),
    InviteProblem.USED: lambda: _("That invite link has already been used. Each link works once."),
    InviteProblem.OWN: lambda: _(
        "That’s your own invite link — forward it to your partner, and they can open it."
    ),
    InviteProblem.YOU_ARE_PAIRED: lambda: _(
        "You’re already practising with a partner. One partner at a time: /partner shows "
        "yours, and lets you end that pairing first if you want to."
    ),
    InviteProblem.INVITER_PAIRED: lambda: _(
        "The person who invited you is practising with someone else now, so this invite "
        "can’t be used."
    ),
}


def invite_problem(problem: InviteProblem) -> str:
    """Why an invite link cannot be used."""
    return _PROBLEMS[problem]()


def paired(partner: str) -> str:
    """Told to both when a pairing starts."""
    return _("You and {partner} are now practising together. 🤝").format(partner=escape(partner))


def declined_you(name: str) -> str:
    """Told to the inviter when the invite is declined."""
    return _(
        "{name} said no to pairing for now. That’s theirs to choose; "
        "your own practice goes on as before."
    ).format(name=escape(name))


def share_question(partner: str) -> str:
    """Asked once, at pairing: share practice days?"""
    return _(
        "Shall I tell {partner} on days you practise? They’d see the skill’s name only, "
        "never what you wrote, and only for practice after you say yes. The message reaches "
        "them as you finish, so it says roughly when. You can change this later in /partner."
    ).format(partner=escape(partner))


def share_answer(partner: str, *, shares: bool) -> str:
    """After the share question is answered (or the switch flipped)."""
    if shares:
        return _("Okay: {partner} will see the days you practise (the skill only).").format(
            partner=escape(partner)
        )
    return _("Okay: your practice days stay with you. {partner} won’t see them.").format(
        partner=escape(partner)
    )


def overview(
    view: PartnerView, shared_focus: Skill | None, title: Callable[[str], str] = str
) -> str:
    """/partner when paired: what the person may see, and their own choices. `title`
    names a stored skill as its card does in the reader's language."""
    me = view.me
    name = escape(me.partner_name)
    lines = ["<b>" + _("You’re practising with {partner}.").format(partner=name) + "</b>", ""]
    if view.partner_shares_practice:
        if view.partner_practised_today:
            skills = ", ".join(escape(title(skill)) for skill in view.partner_practised_today)
            lines.append(
                _("{partner} practised today: {skills}.").format(partner=name, skills=skills)
            )
        else:
            lines.append(_("{partner} hasn’t practised yet today.").format(partner=name))
    elif not view.partner_share_asked:
        lines.append(
            _("{partner} hasn’t said yet whether to share their practice days.").format(
                partner=name
            )
        )
    else:
        lines.append(_("{partner} keeps their practice days to themselves.").format(partner=name))
    if view.partner_focus:
        lines.append(_("Their focus: {skill}.").format(skill=escape(title(view.partner_focus))))
    if view.shared_focus:
        lines.append(
            "<b>" + _("Our focus: {skill}").format(skill=escape(title(view.shared_focus))) + "</b>"
        )
    elif view.partner_our_focus:
        lines.append(
            _("{partner} suggests “{skill}” as your shared focus.").format(
                partner=name, skill=escape(title(view.partner_our_focus))
            )
        )
    elif me.our_focus:
        lines.append(
            _("You suggested “{skill}” as your shared focus.").format(
                skill=escape(title(me.our_focus))
            )
        )
    if view.daily_moment and shared_focus is not None:
        lines.append(
            _(
                "Shared daily moment: on days you both have nudges on, you both get the same "
                "step of {skill}, each at your own time."
            ).format(skill=escape(card(shared_focus).title))
        )
    if not me.share_asked:
        lines.append(
            _(
                "You haven’t said yet whether to share your practice days; until you do, "
                "they stay with you."
            )
        )
    sharing = _("your practice days") if me.shares_practice else _("not your practice days")
    if me.bids_muted:
        bids = _("muted")
    elif view.bids_resting:
        bids = _("not sent to you for a few days")
    else:
        bids = _("welcome")
    lines += [
        "",
        "<i>"
        + _("You share: {sharing}; repair bids from them: {bids}.").format(
            sharing=sharing, bids=bids
        )
        + "</i>",
    ]
    return "\n".join(lines)


def our_focus_button(skill: str, *, agreeing: bool) -> str:
    """Propose (or agree to) a skill as the shared focus."""
    if agreeing:
        return _("Agree: our focus is {skill}").format(skill=skill)
    return _("Suggest {skill} as our focus").format(skill=skill)


def practised_today(partner: str, skill: str) -> str:
    """To a partner: one line, the skill only."""
    return _("{partner} practised {skill} today.").format(
        partner=escape(partner), skill=escape(skill)
    )


def both_practised(skill: str) -> str:
    """To both, after both practised the shared focus on their own today."""
    return _("You both practised {skill} today. 🌱").format(skill=escape(skill))


# -- repair bids ---------------------------------------------------------------

# The three moves of a repair bid, built from the card's steps of the same name.
_BUILT: dict[BidKind, Callable[[], str]] = {
    BidKind.ACKNOWLEDGE: lambda: _(
        "I’ve been thinking about what happened. I can see it hurt, and how you felt "
        "makes sense to me."
    ),
    BidKind.OWN_IMPACT: lambda: _(
        "I’m sorry for how what I did landed on you. Whatever I meant, the impact is mine to own."
    ),
    BidKind.EXPRESS_CARE: lambda: _(
        "You matter more to me than being right. I’d like us to find our way back to "
        "each other, whenever you’re ready."
    ),
}


def bid_suggestions(skill: Skill) -> tuple[str, ...]:
    """The card author's `bids:` lines, else three built from its steps (may be none)."""
    if skill.bids:
        return skill.bids[:3]
    return tuple(_BUILT[kind]() for kind in bid_kinds(skill))


def bid_choices(skill: Skill, partner: str, left: int) -> str:
    """The suggestions, numbered, to pick from or to edit."""
    lines = [
        "<b>" + _("A repair bid to {partner}").format(partner=escape(partner)) + "</b>",
        "<i>"
        + _("Built from {skill}: acknowledge, own the impact, express care.").format(
            skill=escape(card(skill).title)
        )
        + "</i>",
        "",
    ]
    for number, text in enumerate(bid_suggestions(skill), 1):
        lines += [f"{number}. {escape(text)}", ""]
    lines.append(
        _(
            "Pick one to preview, or tap Write my own to put it in your words. Nothing is "
            "sent until you press Send. ({left} left today.)"
        ).format(left=left)
    )
    return "\n".join(lines)


def bid_choice_button(number: int) -> str:
    """The button that picks suggestion `number`."""
    return _("Use {number}").format(number=number)


def bid_preview(sender: str, text: str, partner: str) -> str:
    """What the partner will receive, shown to the sender first."""
    return (
        "<b>" + _("This is how {partner} will see it:").format(partner=escape(partner)) + "</b>"
        f"\n\n{bid_message(sender, text)}\n\n<i>"
        + _("They’ll get two buttons: “{thanks}” and “{time}”.").format(
            thanks=_thanks(), time=_need_time()
        )
        + "</i>"
    )


def bid_message(sender: str, text: str) -> str:
    """The bid as delivered, from the person, with their name."""
    return "💌 <b>" + _("From {sender}:").format(sender=escape(sender)) + f"</b>\n\n{escape(text)}"


def bid_sent(partner: str) -> str:
    """After the bid reached the partner."""
    return _(
        "Sent to {partner}. I’ll tell you which button they press. "
        "Whatever comes back, the repair is the presence, not the solution."
    ).format(partner=escape(partner))


_NO_BID: dict[NoBid, Callable[[], str]] = {
    NoBid.NOT_PAIRED: lambda: _(
        "You’re not paired with anyone right now; /partner can invite someone."
    ),
    NoBid.MUTED: lambda: _(
        "Your partner has paused repair bids for now. Your practice is still yours: "
        "/practice Repair is always there."
    ),
    NoBid.DAILY_LIMIT: lambda: _(
        "That’s three repair bids today — the most I send in a day. Give it time; "
        "you can send another tomorrow."
    ),
    NoBid.GONE: lambda: _("That draft is no longer open."),
    NoBid.ALREADY_SENT: lambda: _("That repair bid has been sent already."),
    # After they said they hurt someone: held, and said why, to them alone.
    NoBid.HELD: lambda: _(
        "Repair bids are not sent for a few days after what you told me: the safety of the "
        "person you hurt comes first. Your own practice is still here, and /support any time."
    ),
}


def no_bid(reason: NoBid) -> str:
    """Why a bid cannot be started or sent."""
    return _NO_BID[reason]()


def _thanks() -> str:
    return _("Thank you ❤️")


def _need_time() -> str:
    return _("I need a little time")


def bid_answered(partner: str, answer: BidAnswer) -> str:
    """Told to the sender when the partner presses a button."""
    if answer is BidAnswer.THANKS:
        return _("{partner} pressed “{thanks}” on your repair bid.").format(
            partner=escape(partner), thanks=_thanks()
        )
    return _(
        "{partner} pressed “{time}” on your repair bid. "
        "That’s part of repair too: stay present, don’t rush the fix."
    ).format(partner=escape(partner), time=_need_time())


def answer_noted(answer: BidAnswer) -> str:
    """Shown to the partner under the bid after they answer."""
    label = _thanks() if answer is BidAnswer.THANKS else _need_time()
    return _("You answered: {answer}").format(answer=label)


def moment_answer(*, on: bool, both: bool) -> str:
    """After the daily-moment switch."""
    if not on:
        return _("Okay: your daily nudge stays your own.")
    if both:
        return _(
            "Your daily nudges are now a shared moment: the same step, each at your own time."
        )
    return _("Noted. The shared moment starts once your partner agrees too and you share a focus.")


def our_focus_answer(skill: str | None, *, shared: bool) -> str:
    """After suggesting or agreeing to a shared focus."""
    if skill is None:
        return _("Okay: no shared focus.")
    if shared:
        return _("Our focus is now {skill}.").format(skill=escape(skill))
    return _("You suggested {skill} as your shared focus; it’s shared once they agree.").format(
        skill=escape(skill)
    )


def our_focus_news(partner: str, skill: str, *, shared: bool) -> str:
    """To the partner, when the person suggested a shared focus or agreed to theirs."""
    if shared:
        return _("{partner} agreed: your shared focus is now {skill}.").format(
            partner=escape(partner), skill=escape(skill)
        )
    return _(
        "{partner} suggests {skill} as your shared focus. /partner shows it, with a button "
        "to agree."
    ).format(partner=escape(partner), skill=escape(skill))


def daily_moment_line(skill: Skill) -> str:
    """The first line of a shared daily nudge."""
    return (
        "<i>"
        + _("Your shared moment with your partner: {skill}.").format(
            skill=escape(card(skill).title)
        )
        + "</i>"
    )


_CONSTANTS: dict[str, Callable[[], str]] = {
    "WHAT_IS_SHARED": _what_is_shared,
    "NOT_PAIRED": _not_paired,
    "INVITE_MADE": lambda: _(
        "Forward the message above to your partner. When they open the link I’ll ask them, "
        "and tell you what they chose. Making a new invite stops this one from working."
    ),
    "DECLINED": lambda: _("Okay — no pairing. The invite link is used up; nothing else changed."),
    "ENDED": lambda: _("Your pairing has ended."),
    "UNPAIRED": lambda: _(
        "The pairing has ended. Your own practice and history are unchanged. "
        "/partner can invite someone again whenever you like."
    ),
    # Button labels.
    "INVITE_BUTTON": lambda: _("Invite your partner"),
    "ACCEPT_BUTTON": lambda: _("Accept"),
    "DECLINE_BUTTON": lambda: _("Decline"),
    "SHARE_YES": lambda: _("Yes, share my practice days"),
    "SHARE_NO": lambda: _("No, keep them to me"),
    "SHARE_ON": lambda: _("Share my practice days"),
    "SHARE_OFF": lambda: _("Stop sharing my practice days"),
    "MUTE_BIDS": lambda: _("Mute repair bids"),
    "UNMUTE_BIDS": lambda: _("Welcome repair bids"),
    "MOMENT_ON": lambda: _("Share a daily moment"),
    "MOMENT_OFF": lambda: _("No shared daily moment"),
    "UNPAIR_BUTTON": lambda: _("Unpair"),
    "BID_BUTTON": lambda: _("Send a repair bid"),
    "PAUSE_SHARING": lambda: _("Pause sharing"),
    "KEEP_SHARING": lambda: _("Keep things as they are"),
    "THANKS_BUTTON": _thanks,
    "TIME_BUTTON": _need_time,
    "SEND_BUTTON": lambda: _("Send ✓"),
    "EDIT_BUTTON": lambda: _("Edit"),
    "WRITE_OWN": lambda: _("Write my own"),
    "CANCEL_BUTTON": lambda: _("Cancel"),
    "CLEAR_OUR_FOCUS": lambda: _("No shared focus"),
    "WRITE_BID": lambda: _(
        "Type your repair bid as one message (a few lines at most). I’ll show you how it "
        "will look before anything is sent. Up to {limit} characters."
    ).format(limit=MAX_BID_LENGTH),
    "BID_TOO_LONG": lambda: _(
        "That’s longer than a repair bid should be (up to {limit} characters). "
        "Shorter lands better — try again?"
    ).format(limit=MAX_BID_LENGTH),
    "BID_NOT_DELIVERED": lambda: _(
        "I couldn’t deliver that just now. Nothing was lost: press Send again in a little while."
    ),
    "BID_CANCELLED": lambda: _("Okay, no bid sent."),
    "NO_BID_SKILL": lambda: _("None of the skills can build a repair bid right now."),
    "BID_ALREADY_ANSWERED": lambda: _("You’ve already answered this one."),
    "MUTED": lambda: _(
        "Repair bids from your partner are muted. You can welcome them again in /partner."
    ),
    "UNMUTED": lambda: _("Repair bids from your partner are welcome again."),
    # -- safety ----------------------------------------------------------------
    # Words that would degrade the partner: not sent, and said why without a lecture.
    "BID_HURTFUL": lambda: _(
        "I can’t send that to your partner: some of its words would hurt or frighten "
        "them, and a repair bid is a way back toward each other. If you’re angry right "
        "now, that’s all right; it may help to wait until it settles. Write it again, or "
        "press Cancel."
    ),
    "BID_SET_ASIDE": lambda: _(
        "I’ve set your repair bid aside: nothing goes to your partner unless you choose "
        "to send it, and what you write next is just for me."
    ),
    # Said plainly, because the person may be planning around someone dangerous: no
    # message goes to the partner, but their /partner screen changes at once.
    "SAFETY_PAUSE_QUESTION": lambda: _(
        "You’re paired with someone. Would you like to pause sharing with them? "
        "Pausing stops your practice days, the shared moment and their repair bids (for "
        "the next three days their bids are not sent to you either way). "
        "They get no message and are never told why, but they can notice: /partner will "
        "show them that you keep your practice days to yourself, without a repair-bid "
        "button, and a bid they try to send says you have paused them. /partner can also "
        "end the pairing with one tap; they are told only that it ended."
    ),
    "SHARING_PAUSED": lambda: _(
        "Sharing is paused: they see none of your practice days, there is no shared "
        "moment, and their repair bids are muted. No message was sent to them, but they "
        "can notice: /partner shows them that you keep your practice days to yourself, "
        "and a bid they try to send says you have paused them."
    ),
    "SHARING_KEPT": lambda: _("Okay, nothing changed."),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
