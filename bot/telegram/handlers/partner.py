"""/partner, invite links, the sharing switches, repair bids, and the partner side of a
finished practice."""

from __future__ import annotations

import logging
from dataclasses import replace

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import CommandHandler, MessageHandler, filters

from bot.domain import partner as rules
from bot.domain.feelings import met_first
from bot.domain.models import Skill
from bot.domain.partner import (
    Accepted,
    BidDelivery,
    BidStatus,
    InviteProblem,
    NoBid,
    PartnerView,
)
from bot.domain.put_downs import aimed_at_reader
from bot.domain.threats import threatens
from bot.telegram import partner_keyboards as keyboards
from bot.telegram.context import BotApplication, BotContext, Services
from bot.telegram.handlers import basics, practice
from bot.telegram.handlers.replies import answer_press, show
from bot.telegram.handlers.routes import command, on_press, reject_stale
from bot.telegram.handlers.suggestions import answer_without_skills
from bot.telegram.partner_callbacks import (
    BidAnswerPress,
    BidDraftAction,
    BidDraftPress,
    BidPickPress,
    InvitePress,
    OurFocusPress,
    PartnerAction,
    PartnerPress,
)
from bot.telegram.partner_notices import end_pairing, tell
from bot.texts import partner as text
from bot.texts.i18n import card, card_titles, speaking

log = logging.getLogger(__name__)


async def partner_command(update: Update, context: BotContext) -> None:
    """Show the pairing and the person's choices, or offer to invite a partner."""
    await context.person(update)
    await show_overview(update, context)


async def show_overview(update: Update, context: BotContext, *, edit: bool = False) -> None:
    """/partner's screen, sent or edited in place."""
    user = update.effective_user
    assert user
    services = context.services
    view = await services.store.partner_view(user.id)
    if view is None:
        await show(update, context, text.NOT_PAIRED, keyboards.invite(), edit=edit)
        return
    my_focus = await services.coach.focus_of(user.id)
    vault = services.vault.current
    if view.partner_focus is None and (default := vault.default_focus()) is not None:
        # No focus chosen means the vault's default focus, for them as for anyone.
        view = replace(view, partner_focus=default.title)
    shared = vault.get(view.shared_focus) if view.shared_focus else None
    titles = card_titles(vault)
    markup = keyboards.overview(view, my_focus, _bid_skill(services, view) is not None, titles)
    await show(update, context, text.overview(view, shared, titles), markup, edit=edit)


async def invite_link(update: Update, context: BotContext) -> None:
    """/start pair_<token>: the usual welcome (for someone new), then the invite with
    Accept / Decline."""
    user, message = update.effective_user, update.effective_message
    assert user and message
    if await context.stored_person(user.id) is None:
        await basics.start(update, context)  # registers them, and says what the bot is
    # Someone who already uses the bot gets the invite alone, not the welcome again.
    services = context.services
    token = rules.token_from_start(" ".join(context.args or []))
    invite = await services.store.invite(rules.token_hash(token)) if token else None
    problem = rules.invite_problem(invite, user.id, services.clock())
    if problem is None and await services.store.pairing(user.id) is not None:
        problem = InviteProblem.YOU_ARE_PAIRED
    if problem is not None or invite is None or token is None:
        await message.reply_text(text.invite_problem(problem or InviteProblem.UNKNOWN))
        return
    await message.reply_text(
        text.invite_offer(invite.inviter_name), reply_markup=keyboards.invite_answer(token)
    )


async def invite_button(update: Update, context: BotContext, press: InvitePress) -> None:
    """Accept or Decline under an invite; the inviter is told either way."""
    query, user, chat = update.callback_query, update.effective_user, update.effective_chat
    assert query and user and chat
    services = context.services
    store = services.store
    await context.person(update)
    name = rules.short_name(user.first_name)
    await answer_press(query)
    hashed = rules.token_hash(press.token)
    if not press.accept:
        declined = await store.decline_invite(hashed, user.id)
        if isinstance(declined, InviteProblem):
            await show(update, context, text.invite_problem(declined), edit=True)
            return
        await show(update, context, text.DECLINED, edit=True)
        inviter = await store.contact_of(declined.inviter_id)
        if inviter is not None:
            await tell(
                context.bot, inviter.chat_id, inviter.language, lambda: text.declined_you(name)
            )
        return
    accepted = await store.accept_invite(hashed, user.id, name)
    if isinstance(accepted, InviteProblem):
        await show(update, context, text.invite_problem(accepted), edit=True)
        return
    await _announce_pairing(update, context, accepted, name)


async def _announce_pairing(
    update: Update, context: BotContext, accepted: Accepted, name: str
) -> None:
    """Tell both, and ask each the one question pairing brings: share practice days?"""
    partner = accepted.pairing.partner_name
    await show(update, context, text.paired(partner), edit=True)
    await show(update, context, text.share_question(partner), keyboards.share_question())
    chat, language = accepted.inviter_chat_id, accepted.inviter_language
    if await tell(context.bot, chat, language, lambda: text.paired(name)):
        await tell(
            context.bot,
            chat,
            language,
            lambda: text.share_question(name),
            keyboards.share_question,
        )


async def partner_button(update: Update, context: BotContext, press: PartnerPress) -> None:
    """Invite, Unpair, the sharing switches, a repair bid, or the safety pause."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    services = context.services
    store = services.store
    action = press.action
    if action is PartnerAction.INVITE:
        await answer_press(query)
        await _make_invite(update, context)
        return
    if action is PartnerAction.BID:
        await answer_press(query)
        await _offer_bids(update, context)
        return
    if action is PartnerAction.UNPAIR:
        await answer_press(query)
        await end_pairing(context.bot, store, user.id)
        await show(update, context, text.UNPAIRED, edit=True)
        return
    if action is PartnerAction.OVERVIEW:
        await answer_press(query)
        await show_overview(update, context, edit=True)
        return
    if action is PartnerAction.KEEP_SHARING:
        await answer_press(query)
        await show(update, context, text.SHARING_KEPT, edit=True)
        return
    if action is PartnerAction.PAUSE_SHARING:
        paused = await store.set_pairing_choices(
            user.id, shares_practice=False, daily_moment=False, bids_muted=True
        )
        await answer_press(query)
        await show(update, context, text.SHARING_PAUSED if paused else text.UNPAIRED, edit=True)
        return
    shares, muted, moment = _SWITCHES[action]
    changed = await store.set_pairing_choices(
        user.id, shares_practice=shares, bids_muted=muted, daily_moment=moment
    )
    if changed is None:
        await answer_press(query, text.no_bid(NoBid.NOT_PAIRED))
        await show_overview(update, context, edit=True)
        return
    view = await store.partner_view(user.id)
    await answer_press(query, _switch_notice(action, changed.partner_name, view))
    await show_overview(update, context, edit=True)


# (shares practice, bids muted, daily moment): what each switch sets; None leaves it.
_SWITCHES: dict[PartnerAction, tuple[bool | None, bool | None, bool | None]] = {
    PartnerAction.SHARE_ON: (True, None, None),
    PartnerAction.SHARE_OFF: (False, None, None),
    PartnerAction.MUTE_BIDS: (None, True, None),
    PartnerAction.UNMUTE_BIDS: (None, False, None),
    PartnerAction.MOMENT_ON: (None, None, True),
    PartnerAction.MOMENT_OFF: (None, None, False),
}


def _switch_notice(action: PartnerAction, partner: str, view: PartnerView | None) -> str:
    if action in (PartnerAction.SHARE_ON, PartnerAction.SHARE_OFF):
        return text.share_answer(partner, shares=action is PartnerAction.SHARE_ON)
    if action in (PartnerAction.MUTE_BIDS, PartnerAction.UNMUTE_BIDS):
        return text.MUTED if action is PartnerAction.MUTE_BIDS else text.UNMUTED
    on = action is PartnerAction.MOMENT_ON
    return text.moment_answer(on=on, both=view is not None and view.daily_moment)


async def _make_invite(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user
    store = context.services.store
    if await store.pairing(user.id) is not None:
        await show_overview(update, context, edit=True)
        return
    token = rules.new_token()
    await store.create_invite(user.id, user.first_name, rules.token_hash(token))
    # The username comes from getMe, which PTB calls once when the bot starts.
    link = f"https://t.me/{context.bot.username}?start={rules.START_PREFIX}{token}"
    name = rules.short_name(user.first_name)
    await show(update, context, text.invite_message(name, link))
    await show(update, context, text.INVITE_MADE)


async def our_focus_button(update: Update, context: BotContext, press: OurFocusPress) -> None:
    """Suggest, agree to, or clear the shared focus."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    services = context.services
    skill = services.vault.current.by_key.get(press.skill_key) if press.skill_key else None
    if press.skill_key is not None and skill is None:
        await reject_stale(update, context)  # a card reloaded away since it was drawn
        return
    title = skill.title if skill else None
    mine = await services.store.set_pairing_choices(user.id, our_focus=title)
    if mine is None:
        await answer_press(query, text.no_bid(NoBid.NOT_PAIRED))
    else:
        view = await services.store.partner_view(user.id)
        shared = view is not None and view.shared_focus is not None
        await answer_press(
            query, text.our_focus_answer(card(skill).title if skill else None, shared=shared)
        )
        partner = await services.store.contact_of(mine.partner_id)
        if skill is not None and partner is not None and not partner.resting:
            # They hear of it now, not only when they next open /partner (where it waits
            # for them while they rest after speaking of danger).
            name = rules.short_name(user.first_name)
            await tell(
                context.bot,
                partner.chat_id,
                partner.language,
                lambda: text.our_focus_news(name, card(skill).title, shared=shared),
            )
    await show_overview(update, context, edit=True)


# -- repair bids -----------------------------------------------------------------


def _bid_skill(services: Services, view: PartnerView) -> Skill | None:
    """The card a bid is built from: the shared focus, else the first card that can."""
    vault = services.vault.current
    shared = vault.get(view.shared_focus) if view.shared_focus else None
    if shared is not None and rules.offers_bids(shared):
        return shared
    return next((skill for skill in vault.skills if rules.offers_bids(skill)), None)


async def _offer_bids(update: Update, context: BotContext) -> None:
    user = update.effective_user
    assert user
    services = context.services
    view = await services.store.partner_view(user.id)
    sent = await services.store.bids_sent_today(user.id)
    refusal = rules.bid_refusal(view, sent)
    if refusal is not None or view is None:
        await show(update, context, text.no_bid(refusal or NoBid.NOT_PAIRED))
        return
    skill = _bid_skill(services, view)
    if skill is None:
        await show(update, context, text.NO_BID_SKILL)
        return
    count = len(text.bid_suggestions(skill))
    await show(
        update,
        context,
        text.bid_choices(skill, view.me.partner_name, rules.BIDS_PER_DAY - sent),
        keyboards.bid_choices(skill, count),
    )


async def bid_pick_button(update: Update, context: BotContext, press: BidPickPress) -> None:
    """Use one of the suggestions (then preview it), or write one's own."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    services = context.services
    skill = services.vault.current.by_key.get(press.skill_key)
    suggestions = text.bid_suggestions(skill) if skill else ()
    if skill is None or (press.index is not None and press.index >= len(suggestions)):
        await answer_press(query, text.no_bid(NoBid.GONE))
        return
    words = None if press.index is None else suggestions[press.index]
    bid = await services.store.start_bid(user.id, skill.title, words)
    await answer_press(query)
    if isinstance(bid, NoBid):
        await show(update, context, text.no_bid(bid), edit=True)
    elif bid.status is BidStatus.WRITING:
        await show(update, context, text.WRITE_BID, keyboards.bid_writing(bid.id), edit=True)
    else:
        await _preview(update, context, bid.id, bid.text or "", edit=True)


async def _preview(
    update: Update, context: BotContext, bid_id: int, words: str, *, edit: bool
) -> None:
    user = update.effective_user
    assert user
    pairing = await context.services.store.pairing(user.id)
    partner = pairing.partner_name if pairing else ""
    name = rules.short_name(user.first_name)
    preview = text.bid_preview(name, words, partner)
    await show(update, context, preview, keyboards.bid_preview(bid_id), edit=edit)


async def bid_draft_button(update: Update, context: BotContext, press: BidDraftPress) -> None:
    """Send, Edit or Cancel under a bid's preview."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    store = context.services.store
    if press.action is BidDraftAction.CANCEL:
        cancelled = await store.cancel_bid(press.bid_id, user.id)
        await answer_press(query)
        answer = text.BID_CANCELLED if cancelled else text.no_bid(NoBid.GONE)
        await show(update, context, answer, edit=True)
        return
    if press.action is BidDraftAction.EDIT:
        revised = await store.revise_bid(press.bid_id, user.id, None)
        await answer_press(query)
        if isinstance(revised, NoBid):
            await show(update, context, text.no_bid(revised), edit=True)
        else:
            markup = keyboards.bid_writing(revised.id)
            await show(update, context, text.WRITE_BID, markup, edit=True)
        return
    claimed = await store.claim_bid(press.bid_id, user.id)
    await answer_press(query)
    if claimed is NoBid.ALREADY_SENT:
        pairing = await store.pairing(user.id)
        name = pairing.partner_name if pairing else ""
        await show(update, context, text.bid_sent(name), edit=True)
        return
    if isinstance(claimed, NoBid):
        await show(update, context, text.no_bid(claimed), edit=True)
        return
    await _deliver(update, context, claimed)


async def _deliver(update: Update, context: BotContext, delivery: BidDelivery) -> None:
    """Hand the bid to the partner, from the person, with their two answer buttons."""
    user = update.effective_user
    assert user
    store = context.services.store
    bid = delivery.bid
    # The partner reads the lines around the sender's words in their own language.
    with speaking(delivery.partner_language):
        message = text.bid_message(rules.short_name(user.first_name), delivery.text)
        answers = keyboards.bid_answer(bid.id)
    try:
        await context.bot.send_message(delivery.partner_chat_id, message, reply_markup=answers)
    except Forbidden:
        # The partner blocked the bot: they are no one's partner any more.
        await store.bid_not_delivered(bid.id)
        await store.cancel_bid(bid.id, user.id)
        await store.unpair(user.id)
        await show(update, context, text.ENDED, edit=True)
        return
    except TelegramError as exc:
        log.warning("repair bid %s not delivered: %s", bid.id, exc)
        await store.bid_not_delivered(bid.id)
        await show(update, context, text.BID_NOT_DELIVERED, keyboards.bid_preview(bid.id))
        return
    await store.bid_delivered(bid.id)
    pairing = await store.pairing(user.id)
    await show(update, context, text.bid_sent(pairing.partner_name if pairing else ""), edit=True)


async def bid_answer_button(update: Update, context: BotContext, press: BidAnswerPress) -> None:
    """The partner's Thank you ❤️ or I need a little time; the sender hears which."""
    query, user = update.callback_query, update.effective_user
    assert query and user
    store = context.services.store
    answered = await store.answer_bid(press.bid_id, user.id, press.answer)
    if answered is None:
        await answer_press(query, text.BID_ALREADY_ANSWERED)
        return
    await answer_press(query, text.answer_noted(press.answer))
    message = query.message
    if message is not None and hasattr(message, "edit_reply_markup"):
        try:
            await message.edit_reply_markup(reply_markup=None)
        except TelegramError as exc:  # an old message: the answer still counts
            log.info("could not remove the answer buttons: %s", exc)
    if answered.sender_resting:
        return  # nothing of their partner's is pushed to them for now (Contact.resting)
    name = rules.short_name(user.first_name)
    await tell(
        context.bot,
        answered.sender_chat_id,
        answered.sender_language,
        lambda: text.bid_answered(name, press.answer),
    )


async def on_text(update: Update, context: BotContext) -> None:
    """A repair bid being typed; any other text goes to the practice handler."""
    user, message = update.effective_user, update.effective_message
    assert user and message and message.text is not None
    store = context.services.store
    writing = await store.writing_bid(user.id)
    if writing is None:
        await practice.on_text(update, context)
        return
    if aimed_at_reader(message.text) or threatens(message.text):
        # "you're worthless", "come home, you stupid bitch", "you'll regret it", "I know
        # where you are staying": never delivered as a bid with a 💌 and a "Thank you ❤️"
        # button. They may write it again.
        await message.reply_text(text.BID_HURTFUL, reply_markup=keyboards.bid_writing(writing.id))
        return
    if met_first(message.text):
        # "me llamó inútil", 💔, "help me": not words for the partner (who may be the one
        # who said them). The bid is set aside, and what they wrote is met as it is.
        if await store.set_bid_aside(user.id):
            await message.reply_text(text.BID_SET_ASIDE)
        await answer_without_skills(update, context, message.text)
        return
    words = rules.clean_bid_text(message.text)
    if words is None:
        await message.reply_text(text.BID_TOO_LONG, reply_markup=keyboards.bid_writing(writing.id))
        return
    revised = await store.revise_bid(writing.id, user.id, words)
    if isinstance(revised, NoBid):
        await message.reply_text(text.no_bid(revised))
        return
    await _preview(update, context, revised.id, words, edit=False)


def setup(app: BotApplication) -> None:
    """Register /partner, invite links (before plain /start) and the partner buttons."""
    app.add_handler(
        CommandHandler(
            "start",
            invite_link,
            filters=filters.UpdateType.MESSAGE & filters.Regex(r"^/start(@\w+)?\s+pair_"),
        )
    )
    app.add_handler(command("partner", partner_command))
    app.add_handler(on_press(PartnerPress, partner_button))
    app.add_handler(on_press(InvitePress, invite_button))
    app.add_handler(on_press(OurFocusPress, our_focus_button))
    app.add_handler(on_press(BidPickPress, bid_pick_button))
    app.add_handler(on_press(BidDraftPress, bid_draft_button))
    app.add_handler(on_press(BidAnswerPress, bid_answer_button))


def setup_text(app: BotApplication) -> None:
    """Register the text handler that takes a typed repair bid (before practice's)."""
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND, on_text)
    )
