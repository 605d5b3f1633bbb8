"""Button data for practising with a partner (part of `callbacks`, kept apart for size).

An invite button carries the invite token itself, never an invite id: button
data is whatever a client chooses to send, so only someone holding the link
can accept or decline it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.partner import BidAnswer
from bot.telegram.row_ids import row_id


class PartnerAction(StrEnum):
    """Buttons on /partner and the questions around it."""

    INVITE = "i"
    UNPAIR = "u"
    SHARE_ON = "s"
    SHARE_OFF = "S"
    MUTE_BIDS = "m"
    UNMUTE_BIDS = "M"
    MOMENT_ON = "d"
    MOMENT_OFF = "D"
    BID = "b"
    PAUSE_SHARING = "p"
    KEEP_SHARING = "k"
    OVERVIEW = "o"  # back to /partner's screen (from the repair-bid picker)


@dataclass(frozen=True, slots=True)
class PartnerPress:
    action: PartnerAction


@dataclass(frozen=True, slots=True)
class InvitePress:
    """Accept or decline the invite whose token the button carries."""

    accept: bool
    token: str


@dataclass(frozen=True, slots=True)
class OurFocusPress:
    """Suggest or agree to a skill (by key) as the shared focus; None clears it."""

    skill_key: str | None


@dataclass(frozen=True, slots=True)
class BidPickPress:
    """Pick suggestion `index` of a skill's repair bids, or None to write one's own."""

    skill_key: str
    index: int | None


class BidDraftAction(StrEnum):
    SEND = "s"
    EDIT = "e"
    CANCEL = "x"


@dataclass(frozen=True, slots=True)
class BidDraftPress:
    bid_id: int
    action: BidDraftAction


@dataclass(frozen=True, slots=True)
class BidAnswerPress:
    """The partner's answer to a delivered bid."""

    bid_id: int
    answer: BidAnswer


PartnerPresses = (
    PartnerPress | InvitePress | OurFocusPress | BidPickPress | BidDraftPress | BidAnswerPress
)

_PARTNER = re.compile(r"pa:([a-zA-Z])")
_INVITE = re.compile(r"pi:([yn]):([A-Za-z0-9_-]{16,59})")
_OUR_FOCUS = re.compile(r"po:([0-9a-f]{10}|-)")
_BID_PICK = re.compile(r"bp:([0-9a-f]{10}):([0-2w])")
_BID_DRAFT = re.compile(r"bd:(\d{1,12}):([a-z])")
_BID_ANSWER = re.compile(r"ba:(\d{1,12}):([a-z])")


def encode_partner(press: PartnerPresses) -> str:
    """The callback data for a partner button."""
    match press:
        case PartnerPress(action):
            return f"pa:{action.value}"
        case InvitePress(accept, token):
            return f"pi:{'y' if accept else 'n'}:{token}"
        case OurFocusPress(key):
            return f"po:{key or '-'}"
        case BidPickPress(key, index):
            return f"bp:{key}:{'w' if index is None else index}"
        case BidDraftPress(bid_id, action):
            return f"bd:{bid_id}:{action.value}"
        case BidAnswerPress(bid_id, answer):
            return f"ba:{bid_id}:{answer.value}"


def decode_partner(data: str) -> PartnerPresses | None:
    """Parse partner button data; None for anything else. Raises ValueError for an
    unknown letter (the caller treats that as malformed)."""
    if match := _PARTNER.fullmatch(data):
        return PartnerPress(PartnerAction(match[1]))
    if match := _INVITE.fullmatch(data):
        return InvitePress(match[1] == "y", match[2])
    if match := _OUR_FOCUS.fullmatch(data):
        return OurFocusPress(None if match[1] == "-" else match[1])
    if match := _BID_PICK.fullmatch(data):
        return BidPickPress(match[1], None if match[2] == "w" else int(match[2]))
    if match := _BID_DRAFT.fullmatch(data):
        return BidDraftPress(row_id(match[1]), BidDraftAction(match[2]))
    if match := _BID_ANSWER.fullmatch(data):
        return BidAnswerPress(row_id(match[1]), BidAnswer(match[2]))
    return None
