"""Telegram HTML for practising with a partner: pairing, sharing, repair bids.

Every name and every piece of a person's text is escaped here. The lines a
partner receives say as little as they can: a skill name, never a time.
"""

from __future__ import annotations

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

INVITE_HOURS = int(INVITE_LIFETIME.total_seconds() // 3600)

WHAT_IS_SHARED = (
    "What a partner sees: the skill you practised on a day you practised (only if you "
    "choose to share it, never the time), your focus skill, and an “our focus” if you both "
    "choose one. What they never see: your reflections, the mistakes you looked at, when "
    "you use the bot, your settings, or whether you opened a message."
)

NOT_PAIRED = (
    "<b>Practising with a partner</b>\n\n"
    "Repair is done with someone. Invite your partner and you can see that the other "
    "showed up, share a focus, and send a repair bid I help you write.\n\n"
    f"<i>{WHAT_IS_SHARED}</i>\n\n"
    "Either of you can end the pairing at any time, with one tap."
)


def invite_message(inviter: str, link: str) -> str:
    """The message to forward: who invites, and the link."""
    return (
        f"{escape(inviter)} invites you to practise relationship skills together with "
        f"me, a small coaching bot.\n\nOpen this link to accept or decline: {escape(link)}\n"
        f"(It works once, for {INVITE_HOURS} hours.)"
    )


INVITE_MADE = (
    "Forward the message above to your partner. When they open the link I’ll ask them, "
    "and tell you what they chose. Making a new invite stops this one from working."
)


def invite_offer(inviter: str) -> str:
    """What the person who opened an invite link sees."""
    return (
        f"<b>{escape(inviter)} invited you to practise together.</b>\n\n"
        "Pairing means you can each see that the other practised today (only if they "
        "choose to share it), each other’s focus skill, and a shared focus if you both "
        "choose one; and you can send each other repair bids.\n\n"
        f"<i>{WHAT_IS_SHARED}</i>\n\nEither of you can end it at any time."
    )


_PROBLEMS = {
    InviteProblem.UNKNOWN: (
        "That invite link doesn’t work: it may be mistyped, or a newer invite replaced "
        "it. Ask for a new one if you’d like to pair."
    ),
    InviteProblem.EXPIRED: (
        f"That invite link has expired (they work for {INVITE_HOURS} hours). Ask for a new "
        "one if you’d like to pair."
    ),
    InviteProblem.USED: "That invite link has already been used. Each link works once.",
    InviteProblem.OWN: (
        "That’s your own invite link — forward it to your partner, and they can open it."
    ),
    InviteProblem.YOU_ARE_PAIRED: (
        "You’re already practising with a partner. One partner at a time: /partner shows "
        "yours, and lets you end that pairing first if you want to."
    ),
    InviteProblem.INVITER_PAIRED: (
        "The person who invited you is practising with someone else now, so this invite "
        "can’t be used."
    ),
}


def invite_problem(problem: InviteProblem) -> str:
    """Why an invite link cannot be used."""
    return _PROBLEMS[problem]


def paired(partner: str) -> str:
    """Told to both when a pairing starts."""
    return f"You and {escape(partner)} are now practising together. 🤝"


def declined_you(name: str) -> str:
    """Told to the inviter when the invite is declined."""
    return (
        f"{escape(name)} said no to pairing for now. That’s theirs to choose; "
        "your own practice goes on as before."
    )


DECLINED = "Okay — no pairing. The invite link is used up; nothing else changed."


def share_question(partner: str) -> str:
    """Asked once, at pairing: share practice days?"""
    return (
        f"Shall I tell {escape(partner)} on days you practise? They’d see the skill’s name "
        "only — never the time, and never what you wrote. You can change this later in "
        "/partner."
    )


def share_answer(partner: str, *, shares: bool) -> str:
    """After the share question is answered (or the switch flipped)."""
    if shares:
        return f"Okay: {escape(partner)} will see the days you practise (the skill only)."
    return f"Okay: your practice days stay with you. {escape(partner)} won’t see them."


ENDED = "Your pairing has ended."
UNPAIRED = (
    "The pairing has ended. Your own practice and history are unchanged. "
    "/partner can invite someone again whenever you like."
)


def overview(view: PartnerView, shared_focus: Skill | None) -> str:
    """/partner when paired: what the person may see, and their own choices."""
    me = view.me
    name = escape(me.partner_name)
    lines = [f"<b>You’re practising with {name}.</b>", ""]
    if view.partner_shares_practice:
        if view.partner_practised_today:
            skills = ", ".join(escape(skill) for skill in view.partner_practised_today)
            lines.append(f"{name} practised today: {skills}.")
        else:
            lines.append(f"{name} hasn’t practised yet today.")
    else:
        lines.append(f"{name} keeps their practice days to themselves.")
    if view.partner_focus:
        lines.append(f"Their focus: {escape(view.partner_focus)}.")
    if view.shared_focus:
        lines.append(f"<b>Our focus: {escape(view.shared_focus)}</b>")
    elif view.partner_our_focus:
        lines.append(f"{name} suggests “{escape(view.partner_our_focus)}” as your shared focus.")
    elif me.our_focus:
        lines.append(f"You suggested “{escape(me.our_focus)}” as your shared focus.")
    if view.daily_moment and shared_focus is not None:
        lines.append(
            f"Shared daily moment: on days you both have nudges on, you both get the same "
            f"step of {escape(shared_focus.title)}, each at your own time."
        )
    if not me.share_asked:
        lines.append(
            "You haven’t said yet whether to share your practice days; until you do, they "
            "stay with you."
        )
    lines += [
        "",
        "<i>You share: "
        + ("your practice days" if me.shares_practice else "not your practice days")
        + "; repair bids from them: "
        + ("muted" if me.bids_muted else "welcome")
        + ".</i>",
    ]
    return "\n".join(lines)


# Button labels.
INVITE_BUTTON = "Invite your partner"
ACCEPT_BUTTON = "Accept"
DECLINE_BUTTON = "Decline"
SHARE_YES = "Yes, share my practice days"
SHARE_NO = "No, keep them to me"
SHARE_ON = "Share my practice days"
SHARE_OFF = "Stop sharing my practice days"
MUTE_BIDS = "Mute repair bids"
UNMUTE_BIDS = "Welcome repair bids"
MOMENT_ON = "Share a daily moment"
MOMENT_OFF = "No shared daily moment"
UNPAIR_BUTTON = "Unpair"
BID_BUTTON = "Send a repair bid"
PAUSE_SHARING = "Pause sharing"
KEEP_SHARING = "Keep things as they are"
THANKS_BUTTON = "Thank you ❤️"
TIME_BUTTON = "I need a little time"
SEND_BUTTON = "Send ✓"
EDIT_BUTTON = "Edit"
WRITE_OWN = "Write my own"
CANCEL_BUTTON = "Cancel"
CLEAR_OUR_FOCUS = "No shared focus"


def our_focus_button(skill: str, *, agreeing: bool) -> str:
    """Propose (or agree to) a skill as the shared focus."""
    return f"Agree: our focus is {skill}" if agreeing else f"Suggest {skill} as our focus"


def practised_today(partner: str, skill: str) -> str:
    """To a partner: one line, the skill only."""
    return f"{escape(partner)} practised {escape(skill)} today."


def both_practised(skill: str) -> str:
    """To both, after both practised the shared focus on their own today."""
    return f"You both practised {escape(skill)} today. 🌱"


# -- repair bids ---------------------------------------------------------------

# The three moves of a repair bid, built from the card's steps of the same name.
_BUILT = {
    BidKind.ACKNOWLEDGE: (
        "I’ve been thinking about what happened. I can see it hurt, and how you felt "
        "makes sense to me."
    ),
    BidKind.OWN_IMPACT: (
        "I’m sorry for how what I did landed on you. Whatever I meant, the impact is mine to own."
    ),
    BidKind.EXPRESS_CARE: (
        "You matter more to me than being right. I’d like us to find our way back to "
        "each other, whenever you’re ready."
    ),
}


def bid_suggestions(skill: Skill) -> tuple[str, ...]:
    """The card author's `bids:` lines, else three built from its steps (may be none)."""
    if skill.bids:
        return skill.bids[:3]
    return tuple(_BUILT[kind] for kind in bid_kinds(skill))


def bid_choices(skill: Skill, partner: str, left: int) -> str:
    """The suggestions, numbered, to pick from or to edit."""
    lines = [
        f"<b>A repair bid to {escape(partner)}</b>",
        f"<i>Built from {escape(skill.title)}: acknowledge, own the impact, express care.</i>",
        "",
    ]
    for number, text in enumerate(bid_suggestions(skill), 1):
        lines += [f"{number}. {escape(text)}", ""]
    lines.append(
        "Pick one to preview, or write your own. Nothing is sent until you press Send. "
        f"({left} left today.)"
    )
    return "\n".join(lines)


def bid_choice_button(number: int) -> str:
    """The button that picks suggestion `number`."""
    return f"Use {number}"


WRITE_BID = (
    "Type your repair bid as one message (a few lines at most). I’ll show you how it "
    f"will look before anything is sent. Up to {MAX_BID_LENGTH} characters."
)
BID_TOO_LONG = (
    f"That’s longer than a repair bid should be (up to {MAX_BID_LENGTH} characters). "
    "Shorter lands better — try again?"
)


def bid_preview(sender: str, text: str, partner: str) -> str:
    """What the partner will receive, shown to the sender first."""
    return (
        f"<b>This is how {escape(partner)} will see it:</b>\n\n"
        f"{bid_message(sender, text)}\n\n"
        "<i>They’ll get two buttons: “Thank you ❤️” and “I need a little time”.</i>"
    )


def bid_message(sender: str, text: str) -> str:
    """The bid as delivered, from the person, with their name."""
    return f"💌 <b>From {escape(sender)}:</b>\n\n{escape(text)}"


def bid_sent(partner: str) -> str:
    """After the bid reached the partner."""
    return (
        f"Sent to {escape(partner)}. I’ll tell you which button they press. "
        "Whatever comes back, the repair is the presence, not the solution."
    )


BID_NOT_DELIVERED = (
    "I couldn’t deliver that just now. Nothing was lost: press Send again in a little while."
)
BID_CANCELLED = "Okay, no bid sent."


_NO_BID = {
    NoBid.NOT_PAIRED: "You’re not paired with anyone right now; /partner can invite someone.",
    NoBid.MUTED: (
        "Your partner has paused repair bids for now. Your practice is still yours: "
        "/practice Repair is always there."
    ),
    NoBid.DAILY_LIMIT: (
        "That’s three repair bids today — the most I send in a day. Give it time; "
        "you can send another tomorrow."
    ),
    NoBid.GONE: "That draft is no longer open.",
}


def no_bid(reason: NoBid) -> str:
    """Why a bid cannot be started or sent."""
    return _NO_BID[reason]


NO_BID_SKILL = "None of the skills can build a repair bid right now."


def bid_answered(partner: str, answer: BidAnswer) -> str:
    """Told to the sender when the partner presses a button."""
    if answer is BidAnswer.THANKS:
        return f"{escape(partner)} pressed “Thank you ❤️” on your repair bid."
    return (
        f"{escape(partner)} pressed “I need a little time” on your repair bid. "
        "That’s part of repair too: stay present, don’t rush the fix."
    )


def answer_noted(answer: BidAnswer) -> str:
    """Shown to the partner under the bid after they answer."""
    if answer is BidAnswer.THANKS:
        return "You answered: Thank you ❤️"
    return "You answered: I need a little time"


BID_ALREADY_ANSWERED = "You’ve already answered this one."
MUTED = "Repair bids from your partner are muted. You can welcome them again in /partner."
UNMUTED = "Repair bids from your partner are welcome again."


def moment_answer(*, on: bool, both: bool) -> str:
    """After the daily-moment switch."""
    if not on:
        return "Okay: your daily nudge stays your own."
    if both:
        return "Your daily nudges are now a shared moment: the same step, each at your own time."
    return "Noted. The shared moment starts once your partner agrees too and you share a focus."


def our_focus_answer(skill: str | None, *, shared: bool) -> str:
    """After suggesting or agreeing to a shared focus."""
    if skill is None:
        return "Okay: no shared focus."
    if shared:
        return f"Our focus is now {escape(skill)}."
    return f"You suggested {escape(skill)} as your shared focus; it’s shared once they agree."


# -- safety ------------------------------------------------------------------

SAFETY_PAUSE_QUESTION = (
    "You’re paired with someone. Would you like to pause sharing with them? "
    "Pausing stops your practice days, the shared moment and their repair bids; "
    "they are not told why. /partner can also end the pairing with one tap."
)
SHARING_PAUSED = (
    "Sharing is paused: they see none of your practice days, there is no shared "
    "moment, and their repair bids are muted. Nothing was said to them."
)
SHARING_KEPT = "Okay, nothing changed."


def daily_moment_line(skill: Skill) -> str:
    """The first line of a shared daily nudge."""
    return f"<i>Your shared moment with your partner: {escape(skill.title)}.</i>"
