"""The partner side of other flows: a finished practice, and the safety reply."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot.domain import partner as rules
from bot.domain.models import Skill
from bot.telegram import partner_keyboards as keyboards
from bot.telegram.context import BotContext
from bot.telegram.keyboards import COMPLETED_ROWS
from bot.telegram.partner_notices import tell
from bot.texts import i18n
from bot.texts import partner as text
from bot.texts.i18n import card, card_titles


async def after_practice(
    update: Update, context: BotContext, skill: Skill, keyboard: InlineKeyboardMarkup | None
) -> InlineKeyboardMarkup | None:
    """A practice was completed: tell the partner what the person chose to share, tell
    both when they both practised their shared focus today, and add "Send a repair bid"
    under a card that can build one. Returns the keyboard for the completion message."""
    user = update.effective_user
    assert user
    services = context.services
    news = await services.store.practice_news(user.id, skill.title)
    if news is not None:
        name = rules.short_name(user.first_name)
        bot, chat_id, language = context.bot, news.partner_chat_id, news.partner_language
        # Each line is worded in its reader's language, the skill by its card there.
        if news.tell_partner:
            await tell(
                bot, chat_id, language, lambda: text.practised_today(name, card(skill).title)
            )
        if news.both_practised is not None:
            shared, titles = news.both_practised, card_titles(services.vault.current)

            def both() -> str:
                return text.both_practised(titles(shared))

            await tell(bot, chat_id, language, both)
            chat = update.effective_chat
            if chat is not None:
                await tell(bot, chat.id, i18n.current(), both)
    if not rules.offers_bids(skill) or await services.store.pairing(user.id) is None:
        return keyboard
    # Done and at most three others (keyboards.completed): the bid takes the last one's
    # place, a skill it builds on.
    rows = list(keyboard.inline_keyboard)[: COMPLETED_ROWS - 1] if keyboard else []
    rows.append(tuple(keyboards.after_practice_bid().inline_keyboard[0]))
    return InlineKeyboardMarkup(rows)


async def offer_pause(update: Update, context: BotContext, *, ask: bool = True) -> None:
    """After the safety reply, to someone paired: a repair bid they were typing is set
    aside (their next message is not taken as its words), and, if they still share
    anything and `ask`, would they like to pause sharing?"""
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return
    store = context.services.store
    pairing = await store.pairing(user.id)
    if pairing is None:
        return
    # Set aside either way; told so only when they may send one again (someone who said
    # they hurt their partner is told why when they next try: NoBid.HELD).
    if await store.set_bid_aside(user.id) and ask:
        await context.bot.send_message(chat.id, text.BID_SET_ASIDE)
    if ask and (pairing.shares_practice or pairing.daily_moment or not pairing.bids_muted):
        await context.bot.send_message(
            chat.id, text.SAFETY_PAUSE_QUESTION, reply_markup=keyboards.pause_sharing()
        )
