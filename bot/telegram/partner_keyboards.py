"""Inline keyboards for practising with a partner (part of `keyboards`, kept apart for size)."""

from __future__ import annotations

from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.domain.models import Skill, skill_key
from bot.domain.partner import BidAnswer, PartnerView
from bot.telegram.callbacks import encode
from bot.telegram.partner_callbacks import (
    BidAnswerPress,
    BidDraftAction,
    BidDraftPress,
    BidPickPress,
    InvitePress,
    OurFocusPress,
    PartnerAction,
    PartnerPress,
    PartnerPresses,
)
from bot.texts import labels
from bot.texts import partner as text


def _button(label: str, press: PartnerPresses) -> InlineKeyboardButton:
    return InlineKeyboardButton(labels.shortened(label), callback_data=encode(press))


def _action(label: str, action: PartnerAction) -> InlineKeyboardButton:
    return _button(label, PartnerPress(action))


def invite() -> InlineKeyboardMarkup:
    """Under /partner when not paired."""
    return InlineKeyboardMarkup([[_action(text.INVITE_BUTTON, PartnerAction.INVITE)]])


def invite_answer(token: str) -> InlineKeyboardMarkup:
    """Accept / Decline under an opened invite."""
    return InlineKeyboardMarkup(
        [
            [
                _button(text.ACCEPT_BUTTON, InvitePress(True, token)),
                _button(text.DECLINE_BUTTON, InvitePress(False, token)),
            ]
        ]
    )


def share_question() -> InlineKeyboardMarkup:
    """Yes / No to sharing practice days, asked once at pairing."""
    return InlineKeyboardMarkup(
        [
            [_action(text.SHARE_YES, PartnerAction.SHARE_ON)],
            [_action(text.SHARE_NO, PartnerAction.SHARE_OFF)],
        ]
    )


def overview(
    view: PartnerView, my_focus: Skill | None, bids: bool, title: Callable[[str], str] = str
) -> InlineKeyboardMarkup:
    """Under /partner when paired: bid, our focus, the person's switches, Unpair. `title`
    names a stored skill as its card does in the reader's language."""
    me = view.me
    rows: list[list[InlineKeyboardButton]] = []
    if bids and not view.partner_bids_muted and not view.bids_held:
        rows.append([_action(text.BID_BUTTON, PartnerAction.BID)])
    if view.partner_our_focus and view.partner_our_focus != me.our_focus:
        rows.append(
            [
                _button(
                    text.our_focus_button(title(view.partner_our_focus), agreeing=True),
                    OurFocusPress(_key_of(view.partner_our_focus)),
                )
            ]
        )
    elif my_focus is not None and me.our_focus != my_focus.title:
        rows.append(
            [
                _button(
                    text.our_focus_button(title(my_focus.title), agreeing=False),
                    OurFocusPress(my_focus.key),
                )
            ]
        )
    if me.our_focus is not None:
        rows.append([_button(text.CLEAR_OUR_FOCUS, OurFocusPress(None))])
    rows.append(
        [
            _action(text.SHARE_OFF, PartnerAction.SHARE_OFF)
            if me.shares_practice
            else _action(text.SHARE_ON, PartnerAction.SHARE_ON)
        ]
    )
    rows.append(
        [
            _action(text.MOMENT_OFF, PartnerAction.MOMENT_OFF)
            if me.daily_moment
            else _action(text.MOMENT_ON, PartnerAction.MOMENT_ON),
            _action(text.UNMUTE_BIDS, PartnerAction.UNMUTE_BIDS)
            if me.bids_muted
            else _action(text.MUTE_BIDS, PartnerAction.MUTE_BIDS),
        ]
    )
    rows.append([_action(text.UNPAIR_BUTTON, PartnerAction.UNPAIR)])
    return InlineKeyboardMarkup(rows)


def _key_of(title: str) -> str:
    return skill_key(title)


def bid_choices(skill: Skill, count: int) -> InlineKeyboardMarkup:
    """Use 1 / Use 2 / Use 3, Write my own, and Back to /partner."""
    picks = [
        _button(text.bid_choice_button(index + 1), BidPickPress(skill.key, index))
        for index in range(count)
    ]
    return InlineKeyboardMarkup(
        [
            picks,
            [_button(text.WRITE_OWN, BidPickPress(skill.key, None))],
            [_action(labels.BACK, PartnerAction.OVERVIEW)],  # a way out without sending
        ]
    )


def bid_preview(bid_id: int) -> InlineKeyboardMarkup:
    """Send / Edit / Cancel under a bid's preview."""
    return InlineKeyboardMarkup(
        [
            [
                _button(text.SEND_BUTTON, BidDraftPress(bid_id, BidDraftAction.SEND)),
                _button(text.EDIT_BUTTON, BidDraftPress(bid_id, BidDraftAction.EDIT)),
                _button(text.CANCEL_BUTTON, BidDraftPress(bid_id, BidDraftAction.CANCEL)),
            ]
        ]
    )


def bid_writing(bid_id: int) -> InlineKeyboardMarkup:
    """Cancel, while the person types their own bid."""
    return InlineKeyboardMarkup(
        [[_button(text.CANCEL_BUTTON, BidDraftPress(bid_id, BidDraftAction.CANCEL))]]
    )


def bid_answer(bid_id: int) -> InlineKeyboardMarkup:
    """The partner's two answers under a delivered bid."""
    return InlineKeyboardMarkup(
        [
            [
                _button(text.THANKS_BUTTON, BidAnswerPress(bid_id, BidAnswer.THANKS)),
                _button(text.TIME_BUTTON, BidAnswerPress(bid_id, BidAnswer.NEED_TIME)),
            ]
        ]
    )


def after_practice_bid() -> InlineKeyboardMarkup:
    """A single "Send a repair bid" button (after a Repair practice)."""
    return InlineKeyboardMarkup([[_action(text.BID_BUTTON, PartnerAction.BID)]])


def pause_sharing() -> InlineKeyboardMarkup:
    """Asked after the safety reply to a paired person."""
    return InlineKeyboardMarkup(
        [
            [_action(text.PAUSE_SHARING, PartnerAction.PAUSE_SHARING)],
            [_action(text.KEEP_SHARING, PartnerAction.KEEP_SHARING)],
        ]
    )
