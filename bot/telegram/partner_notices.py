"""Messages the bot sends to a partner, outside any update of theirs.

A partner may have blocked the bot since; that must neither fail the update of
the person who caused the message nor go unnoticed, so sending is one place.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot, InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot.store import Store
from bot.texts import partner as partner_text
from bot.texts.i18n import speaking

log = logging.getLogger(__name__)


async def tell(
    bot: Bot,
    chat_id: int,
    language: str | None,
    say: Callable[[], str],
    markup: Callable[[], InlineKeyboardMarkup] | None = None,
) -> bool:
    """Send one message to a partner, worded in *their* language (`say` and `markup`
    are called inside it); False when Telegram did not take it."""
    with speaking(language):
        text = say()
        buttons = markup() if markup is not None else None
    try:
        await bot.send_message(chat_id, text, reply_markup=buttons)
    except Forbidden:
        log.info("partner chat %s has blocked the bot", chat_id)
        return False
    except TelegramError as exc:
        log.warning("could not send a partner notice to chat %s: %s", chat_id, exc)
        return False
    return True


async def end_pairing(bot: Bot, store: Store, user_id: int) -> bool:
    """End the person's pairing (if any) and tell the partner one neutral line."""
    unpaired = await store.unpair(user_id)
    if unpaired is None:
        return False
    await tell(
        bot, unpaired.partner_chat_id, unpaired.partner_language, lambda: partner_text.ENDED
    )
    return True
