"""Practising with a partner: invites, what one side may see of the other, repair bids.

Pure rules only. What is shared is decided here, in one place, so that a new
screen cannot show more than these types carry: a partner's practice days
(skill names, no times), their focus skill and the "our focus" they chose.
Reflections, mistakes viewed, times and settings have no field here at all.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.models import Skill

# An invite link works once, for two days: long enough to reach someone who is
# away for a weekend, short enough that an old forwarded message goes stale.
INVITE_LIFETIME = timedelta(hours=48)
# 24 random bytes = 192 bits; url-safe base64 makes it 32 characters, well
# inside Telegram's 64-character /start payload (A–Z, a–z, 0–9, _ and -).
TOKEN_BYTES = 24
START_PREFIX = "pair_"
_START = re.compile(r"pair_([A-Za-z0-9_-]{16,59})")
# A person may send at most this many repair bids a day (their own local day):
# a bid is an invitation, and a flood of them is pressure.
BIDS_PER_DAY = 3
# The longest repair bid a person may write (Telegram allows 4096; a bid is a few lines).
MAX_BID_LENGTH = 600
# The longest first name kept for a partner (Telegram allows 64).
MAX_NAME = 64


def new_token() -> str:
    """A fresh invite token (≥ 128 bits of randomness; only its hash is stored)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the store keeps of a token: SHA-256, so a leaked table opens no invite.

    No salt or slow hash is needed: the token is 192 random bits, not a password
    someone chose, so there is nothing to guess from the hash.
    """
    return hashlib.sha256(token.encode()).hexdigest()


def token_from_start(payload: str) -> str | None:
    """The invite token in a /start payload (`pair_<token>`), or None."""
    match = _START.fullmatch(payload.strip())
    return match[1] if match else None


def short_name(first_name: str) -> str:
    """A first name as kept for a partner: trimmed, and never empty."""
    return " ".join(first_name.split())[:MAX_NAME] or "Your partner"


@dataclass(frozen=True, slots=True)
class Invite:
    """An invite as stored: who made it, until when it works, whether it was used."""

    id: int
    inviter_id: int
    inviter_name: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None


class InviteProblem(StrEnum):
    """Why an invite link cannot be accepted (bot/texts words each)."""

    UNKNOWN = "unknown"  # forged, mistyped, or withdrawn by a newer invite
    EXPIRED = "expired"
    USED = "used"
    OWN = "own"  # the inviter opened their own link
    YOU_ARE_PAIRED = "you_are_paired"
    INVITER_PAIRED = "inviter_paired"


def invite_problem(invite: Invite | None, acceptor_id: int, now: datetime) -> InviteProblem | None:
    """Whether `acceptor_id` may accept `invite` at `now` (pairing states aside)."""
    if invite is None:
        return InviteProblem.UNKNOWN
    if invite.inviter_id == acceptor_id:
        return InviteProblem.OWN
    if invite.used_at is not None:
        return InviteProblem.USED
    if now >= invite.expires_at:
        return InviteProblem.EXPIRED
    return None


@dataclass(frozen=True, slots=True)
class Pairing:
    """One person's side of a pairing: their own choices, and their partner's name."""

    user_id: int
    partner_id: int
    partner_name: str
    paired_at: datetime
    # Whether this person lets their partner see the days they practise.
    shares_practice: bool = False
    # Whether the bot has asked that question yet (it asks once, at pairing).
    share_asked: bool = False
    # Whether this person turned repair bids from their partner off.
    bids_muted: bool = False
    # The skill this person proposes as "our focus" (shared when both choose the same).
    our_focus: str | None = None
    # Whether this person agreed to the shared daily moment.
    daily_moment: bool = False


@dataclass(frozen=True, slots=True)
class Accepted:
    """An invite accepted: the acceptor's side of the new pairing, and whom to tell."""

    pairing: Pairing
    inviter_chat_id: int
    # The inviter's language, so what they are told is said in it (None: English).
    inviter_language: str | None = None


@dataclass(frozen=True, slots=True)
class PartnerView:
    """Everything one person may know about their partner, and nothing more."""

    me: Pairing
    # The partner's side, reduced to what is shared (see the module docstring).
    partner_focus: str | None
    partner_our_focus: str | None
    partner_daily_moment: bool
    # Skills the partner practised on their today; empty when they do not share.
    partner_practised_today: tuple[str, ...]
    partner_shares_practice: bool
    # The only setting of the partner's that is visible, because it changes what
    # Send does: a bid to someone who muted bids would go nowhere. For the days after
    # they spoke of danger it reads as muted too: an ordinary state, which says nothing
    # of why (their partner may be the one they fear).
    partner_bids_muted: bool
    # Whether they have answered "share your practice days?" yet: until they do, the
    # screen says they have not decided, not that they keep their days to themselves.
    partner_share_asked: bool = True
    # Never shown: only why a bid cannot be sent now (NoBid.HELD).
    bids_held: bool = False
    # Theirs to know: for the days after they spoke of danger, their partner's bids are
    # not sent to them (shown on their own screen only).
    bids_resting: bool = False

    @property
    def shared_focus(self) -> str | None:
        """The "our focus" both chose, if they chose the same skill."""
        mine = self.me.our_focus
        return mine if mine is not None and mine == self.partner_our_focus else None

    @property
    def daily_moment(self) -> bool:
        """Whether the daily nudge is a shared moment: both agreed and a shared focus exists."""
        return self.shared_focus is not None and self.me.daily_moment and self.partner_daily_moment


def shared_moment_focus(mine: Pairing, theirs: Pairing) -> str | None:
    """The shared focus of a pair whose daily moment is on, else None."""
    if not (mine.daily_moment and theirs.daily_moment):
        return None
    if mine.our_focus is None or mine.our_focus != theirs.our_focus:
        return None
    return mine.our_focus


@dataclass(frozen=True, slots=True)
class PracticeNews:
    """What the partner side of a finished practice sends: each part at most once a day."""

    partner_chat_id: int
    # Tell the partner "<name> practised <skill> today" (the sharer chose to).
    tell_partner: bool
    # Tell both "You both practised <skill> today" (the shared moment's skill).
    both_practised: str | None
    # The partner's language: what they are told is said in it, not the sender's.
    partner_language: str | None = None


def practice_news(
    mine: Pairing,
    theirs: Pairing,
    skill: str,
    *,
    already_told_partner: bool,
    partner_practised_today: set[str],
    both_already_told: bool,
) -> tuple[bool, str | None]:
    """(tell the partner?, the skill both practised or None) after `mine` practised `skill`."""
    tell = mine.shares_practice and not already_told_partner
    moment = shared_moment_focus(mine, theirs)
    both = (
        skill
        if moment == skill and skill in partner_practised_today and not both_already_told
        else None
    )
    return tell, both


class BidKind(StrEnum):
    """The three moves of a repair bid, each built from one step of a card."""

    ACKNOWLEDGE = "acknowledge"
    OWN_IMPACT = "own_impact"
    EXPRESS_CARE = "express_care"


# Words in a step's title that mark it as the step a kind of bid is built from.
_KIND_WORDS = {
    BidKind.ACKNOWLEDGE: ("acknowledg", "validat"),
    BidKind.OWN_IMPACT: ("responsib", "impact"),
    BidKind.EXPRESS_CARE: ("care", "reconnect"),
}


def bid_kinds(skill: Skill) -> tuple[BidKind, ...]:
    """The bid kinds a card's steps support, in order; all three or none.

    A repair bid needs the whole arc (acknowledge, own the impact, express care);
    a card with only part of it offers no bid rather than half of one.
    """
    titles = [step.title.casefold() for step in skill.steps]
    found = tuple(
        kind
        for kind, words in _KIND_WORDS.items()
        if any(word in title for title in titles for word in words)
    )
    return found if len(found) == len(BidKind) else ()


def offers_bids(skill: Skill) -> bool:
    """Whether a card can start a repair bid: its own `bids:` lines, or the three steps."""
    return bool(skill.bids) or bool(bid_kinds(skill))


class BidStatus(StrEnum):
    """Where a repair bid stands."""

    WRITING = "writing"  # the person is typing their own words
    READY = "ready"  # chosen or written, shown as a preview, not sent
    SENT = "sent"
    THANKED = "thanked"
    NEEDS_TIME = "needs_time"
    UNDELIVERED = "undelivered"
    CANCELLED = "cancelled"


class BidAnswer(StrEnum):
    """The partner's two answers to a bid."""

    THANKS = "t"
    NEED_TIME = "w"

    @property
    def status(self) -> BidStatus:
        """The bid's status once answered so."""
        return BidStatus.THANKED if self is BidAnswer.THANKS else BidStatus.NEEDS_TIME


class NoBid(StrEnum):
    """Why a bid cannot be started or sent now."""

    NOT_PAIRED = "not_paired"
    MUTED = "muted"
    DAILY_LIMIT = "daily_limit"
    GONE = "gone"  # the draft was cancelled or belongs to someone else
    # Their own bid, sent already (Send pressed again, or tried again after the answer
    # to the first press was lost): the screen says it went, not that it is gone.
    ALREADY_SENT = "already_sent"
    # For the days after someone spoke of hurting their partner, their bids wait.
    HELD = "held"


@dataclass(frozen=True, slots=True)
class Bid:
    """A repair bid as stored (its text only until it is delivered)."""

    id: int
    sender_id: int
    partner_id: int
    skill: str
    status: BidStatus
    text: str | None
    created_at: datetime
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class BidDelivery:
    """A bid claimed for sending: where it goes and what it says."""

    bid: Bid
    partner_chat_id: int
    text: str
    # The partner's language, for the lines around the sender's own words.
    partner_language: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """Where to tell a person something outside their own update, and in which language."""

    chat_id: int
    language: str | None
    # They spoke of danger to themselves or from someone in the last few days: news of
    # their partner's doings waits (a suggestion, an agreement), as their repair bids do.
    resting: bool = False


@dataclass(frozen=True, slots=True)
class BidAnswered:
    """A bid the partner answered: where to tell the sender, and what."""

    bid_id: int
    sender_chat_id: int
    answer: BidAnswer
    sender_language: str | None = None
    # The sender rests after speaking of danger (see Contact.resting): the answer waits
    # in /partner instead of being pushed to them.
    sender_resting: bool = False


def bid_refusal(
    view: PartnerView | None, sent_today: int, *, limit: int = BIDS_PER_DAY
) -> NoBid | None:
    """Why a person may not send a bid now, or None when they may."""
    if view is None:
        return NoBid.NOT_PAIRED
    if view.bids_held:
        return NoBid.HELD
    if view.partner_bids_muted:
        return NoBid.MUTED
    if sent_today >= limit:
        return NoBid.DAILY_LIMIT
    return None


def clean_bid_text(text: str) -> str | None:
    """A typed bid, trimmed; None when it is empty or longer than a bid should be."""
    cleaned = text.strip()
    if not cleaned or len(cleaned) > MAX_BID_LENGTH:
        return None
    return cleaned


@dataclass(frozen=True, slots=True)
class Unpaired:
    """A pairing that ended: whom to tell (one neutral line, nothing else)."""

    partner_id: int
    partner_chat_id: int
    partner_language: str | None = None
