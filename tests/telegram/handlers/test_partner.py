"""Two people through the real Application: pairing, sharing, repair bids, unpairing."""

import json
import time
from typing import Any

from sqlalchemy import func, or_, select

from bot.offline import FakeBotAPI
from bot.offline.api import BOT_USER
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.offline.updates import person
from bot.store.records import personal_tables
from bot.telegram.context import BotApplication, services_of
from tests.support.clock import FakeClock
from tests.support.partners import LINK, invite_payload, pair, practise, two_people

ENDED = "Your pairing has ended."


def last_text(chat: FakeChat) -> str:
    return chat.messages()[-1].text


async def test_invite_accept_share_and_see_practice_days(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await ada.send("/start")
    payload = await invite_payload(ada)
    await ben.send(f"/start {payload}")
    offer = ben.keyboard_message()
    assert "<b>Ada invited you to practise together.</b>" in offer.text
    assert "never see: your reflections" in offer.text
    calls = await ben.press("Accept")
    assert "You and Ada are now practising together. 🤝" in texts(calls)
    # The inviter is told, by name, and both are asked once about sharing practice days.
    ada_texts = [m.text for m in ada.messages()]
    assert "You and Ben are now practising together. 🤝" in ada_texts
    assert "Shall I tell Ben on days you practise?" in ada_texts[-1]
    assert "Shall I tell Ada on days you practise?" in last_text(ben)

    await ada.press("Yes, share")
    [undecided] = texts(await ada.send("/partner"))  # Ben has not answered yet
    assert "Ben hasn’t said yet whether to share their practice days." in undecided
    await ben.press("No, keep them")
    await practise(ada, "repair", reflection="I rushed to explain myself again.")
    assert last_text(ben) == "Ada practised Repair today."
    # Once a day: a second practice tells Ben nothing new.
    await practise(ada, "repair")
    assert [m.text for m in ben.messages()].count("Ada practised Repair today.") == 1
    [overview] = texts(await ben.send("/partner"))
    assert "Ada practised today: Repair." in overview
    assert "rushed" not in overview  # a reflection is never shared
    await practise(ben, "repair")
    assert "Ben practised" not in " ".join(m.text for m in ada.messages())
    [theirs] = texts(await ada.send("/partner"))
    assert "Ben keeps their practice days to themselves." in theirs
    assert "Their focus: Repair." in theirs


async def test_settings_switches_sharing_practice_days(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    [screen] = texts(await ada.send("/settings"))
    assert "Practice days" not in screen  # not paired: nothing to share, no such row
    await pair(ada, ben)
    await ada.press("No, keep them")  # the question pairing asks once
    [screen] = texts(await ada.send("/settings"))
    assert "Practice days: not shared with Ben." in screen
    [screen] = texts(await ada.press("Share my practice days"))
    assert "Practice days: shared with Ben (the skill only)." in screen
    assert "Ben will see the days you practise" in screen
    await practise(ada, "repair")
    assert last_text(ben) == "Ada practised Repair today."
    [screen] = texts(await ada.send("/settings"))
    [screen] = texts(await ada.press("Stop sharing practice days"))
    assert "Practice days: not shared with Ben." in screen
    # Unpaired while the screen is open: the stale switch changes nothing and says so.
    stale = ada.keyboard_message()
    await ben.send("/partner")
    await ben.press("Unpair")
    [screen] = texts(await ada.press("Share my practice days", stale))
    assert "Practice days" not in screen and "not paired with anyone" in screen


async def test_decline_tells_the_inviter(app: BotApplication, api: FakeBotAPI) -> None:
    ada, ben = two_people(app, api)
    await ada.send("/start")
    payload = await invite_payload(ada)
    await ben.send(f"/start {payload}")
    calls = await ben.press("Decline")
    assert texts(calls)[0].startswith("Okay — no pairing.")
    assert last_text(ada).startswith("Ben said no to pairing for now.")
    # A declined link is used up.
    [used] = texts(await FakeChat(app, api, 3, "Cy").send(f"/start {payload}"))[-1:]
    assert "already been used" in used
    [alone] = texts(await ada.send("/partner"))
    assert "Practising with a partner" in alone


async def test_bad_links_get_clear_answers(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    ada, ben = two_people(app, api)
    await ada.send("/start")
    payload = await invite_payload(ada)
    assert "your own invite link" in texts(await ada.send(f"/start {payload}"))[-1]
    forged = "pair_" + "A" * 32
    assert "doesn’t work" in texts(await ben.send(f"/start {forged}"))[-1]
    # A button carrying a forged token pairs no one either.
    ben_offer = ben.messages()[0]
    calls = await ben.press_data("pi:y:" + "B" * 32, ben_offer)
    assert "doesn’t work" in texts(calls)[-1]
    clock.advance(hours=48)
    assert "has expired" in texts(await ben.send(f"/start {payload}"))[-1]
    # A newer invite withdraws the older one.
    clock.advance(minutes=1)
    newer = await invite_payload(ada)
    assert "doesn’t work" in texts(await ben.send(f"/start {payload}"))[-1]
    await ben.send(f"/start {newer}")
    clock.advance(hours=47)
    assert "now practising together" in texts(await ben.press("Accept"))[0]
    store = services_of(app.bot_data).store
    assert (await store.pairing(1)) is not None and (await store.pairing(2)) is not None


async def test_one_partner_at_a_time(app: BotApplication, api: FakeBotAPI) -> None:
    ada, ben = two_people(app, api)
    cy = FakeChat(app, api, 3, "Cy")
    await cy.send("/start")
    cys_link = await invite_payload(cy)
    await pair(ada, ben)
    assert "already practising with a partner" in texts(await ben.send(f"/start {cys_link}"))[-1]
    # An offer shown before pairing is refused when pressed after it.
    await cy.send("/start")
    late = await invite_payload(cy)
    dee = FakeChat(app, api, 4, "Dee")
    await dee.send(f"/start {late}")
    offer = dee.keyboard_message()
    await pair(FakeChat(app, api, 5, "Eve"), cy)  # Cy pairs with Eve meanwhile
    assert "practising with someone else" in texts(await dee.press("Accept", offer))[0]


async def test_unpair_from_either_side_says_one_neutral_line(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ben.send("/partner")
    calls = await ben.press("Unpair")
    assert (
        texts(calls) == [ENDED, texts(calls)[-1]] and "The pairing has ended." in texts(calls)[-1]
    )
    assert last_text(ada) == ENDED
    [alone] = texts(await ada.send("/partner"))
    assert "Practising with a partner" in alone

    await pair(ada, ben)
    await ada.send("/partner")
    await ada.press("Unpair")
    assert last_text(ben) == ENDED
    store = services_of(app.bot_data).store
    assert await store.pairing(1) is None and await store.pairing(2) is None


async def test_a_repair_bid_is_sent_thanked_and_told(app: BotApplication, api: FakeBotAPI) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.send("/partner")
    [choices] = texts(await ada.press("Send a repair bid"))
    assert "<b>A repair bid to Ben</b>" in choices
    assert "1. I’ve been thinking about what happened." in choices  # acknowledge
    assert "the impact is mine" in choices and "find our way back" in choices
    [preview] = texts(await ada.press("Use 2"))
    assert "This is how Ben will see it" in preview and "From Ada:" in preview
    assert last_text(ben).startswith("Shall I tell")  # nothing sent before Send
    calls = await ada.press("Send")
    [sent] = [c for c in calls if c.method == "sendMessage" and c.params["chat_id"] == 2]
    assert sent.message is not None and "💌 <b>From Ada:</b>" in sent.message.text
    assert "the impact is mine" in sent.message.text
    assert [b["text"] for b in sent.message.buttons] == ["Thank you ❤️", "I need a little time"]
    assert "I’ll tell you which button they press" in texts(calls)[-1]

    thanks, need_time = [b["callback_data"] for b in sent.message.buttons]
    answered = await ben.press("Thank you", sent.message)
    assert callback_answers(answered) == ["You answered: Thank you ❤️"]
    assert last_text(ada) == "Ben pressed “Thank you ❤️” on your repair bid."
    assert sent.message.buttons == []  # the answer buttons are gone once used
    again = await ben.press_data(need_time, sent.message)
    assert callback_answers(again) == ["You’ve already answered this one."]
    # Ada cannot answer her own bid, whatever data her client sends.
    forged = await ada.press_data(thanks, sent.message)
    assert callback_answers(forged) == ["You’ve already answered this one."]
    # Once delivered, the words are the partner's: the bot keeps no copy.
    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        from bot.store.tables import RepairBidRow

        row = (await conn.execute(select(RepairBidRow.__table__))).one()
    assert row.text is None and row.status == "thanked"


async def test_a_bid_written_in_ones_own_words_and_a_little_time(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await practise(ada, "repair")
    # After a Repair practice, the bid is one button away, with a way back out.
    await ada.press("Send a repair bid")
    [back] = texts(await ada.press("◀ Back"))
    assert back.startswith("<b>You’re practising with Ben.</b>")
    await ada.press("Send a repair bid")
    [ask] = texts(await ada.press("Write my own"))
    assert "Type your repair bid" in ask
    assert "longer than a repair bid" in texts(await ada.send("x" * 700))[0]
    [preview] = texts(await ada.send("I was sharp with you <tonight>. I'm sorry."))
    assert "I was sharp with you &lt;tonight&gt;. I&#x27;m sorry." in preview
    [again] = texts(await ada.press("Edit"))
    assert "Type your repair bid" in again
    await ada.send("I was sharp with you tonight. I'm sorry, and I'm here.")
    await ada.press("Send")
    bid = ben.keyboard_message()
    assert "I&#x27;m sorry, and I&#x27;m here." in bid.text
    await ben.press("I need a little time", bid)
    assert "pressed “I need a little time”" in last_text(ada)
    # Typed text after a bid is sent goes back to the practice handler.
    [pointer] = texts(await ada.send("hello"))
    assert "From Ada" not in pointer


async def test_a_bid_that_would_degrade_the_partner_is_never_sent(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await practise(ada, "repair")
    await ada.press("Send a repair bid")
    await ada.press("Write my own")
    before = len(ben.messages())
    [refused] = texts(await ada.send("Come home now, you stupid bitch"))
    assert refused.startswith("I can’t send that to your partner")
    assert [b["text"] for b in ada.keyboard_message().buttons] == ["Cancel"]
    # Still writing: the next words are the bid, and an apology naming its words is one.
    [pressure] = texts(await ada.send("Answer your phone or I'm coming over there"))
    assert pressure.startswith("I can’t send that to your partner")
    [preview] = texts(await ada.send("I'm sorry I called you stupid. Can we talk?"))
    assert "I&#x27;m sorry I called you stupid. Can we talk?" in preview
    assert len(ben.messages()) == before  # nothing reached Ben


async def test_bids_wait_after_danger_is_spoken_of_on_either_side(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await practise(ben, "repair")
    # Ada speaks of fear: bids to her are held, and Ben sees what he would if she had
    # paused them, an ordinary state that says nothing of why.
    await ada.send("I'm scared to go home")
    [resting] = texts(await ben.press("Send a repair bid"))
    assert resting.startswith("Your partner has paused repair bids for now.")
    [own] = texts(await ada.send("/partner"))  # hers to know, on her screen alone
    assert "repair bids from them: not sent to you for a few days" in own
    clock.advance(days=3, minutes=1)
    [offered] = texts(await ben.press("Send a repair bid"))
    assert "<b>A repair bid to Ada</b>" in offered
    # Ben says he hit her: his bids are not sent, the button is gone from /partner, and
    # an older one tells him why.
    older = next(
        m
        for m in reversed(ben.messages())
        if "Send a repair bid" in [b["text"] for b in m.buttons]
    )
    send = next(b["callback_data"] for b in older.buttons if b["text"] == "Send a repair bid")
    await ben.send("I hit my wife last night")
    await ben.send("/partner")
    assert "Send a repair bid" not in [b["text"] for b in ben.keyboard_message().buttons]
    [held] = texts(await ben.press_data(send, older))
    assert held.startswith("Repair bids are not sent for a few days after what you told me")


async def test_bids_can_be_muted_and_are_limited_to_three_a_day(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    for _ in range(3):
        await ada.send("/partner")
        await ada.press("Send a repair bid")
        await ada.press("Use 1")
        await ada.press("Send")
    await ada.send("/partner")
    [limit] = texts(await ada.press("Send a repair bid"))
    assert "three repair bids today" in limit
    assert sum("From Ada" in m.text for m in ben.messages()) == 3
    clock.advance(days=1)
    await ben.send("/partner")
    calls = await ben.press("Mute repair bids")
    assert callback_answers(calls) == [
        "Repair bids from your partner are muted. You can welcome them again in /partner."
    ]
    [overview] = texts(await ada.send("/partner"))
    assert "Send a repair bid" not in [b["text"] for b in ada.keyboard_message().buttons]
    del overview
    # A draft started before the mute is not delivered after it.
    await ben.press("Welcome repair bids")
    await ada.send("/partner")
    await ada.press("Send a repair bid")
    await ada.press("Use 3")
    await ben.send("/partner")
    await ben.press("Mute repair bids")
    [muted] = texts(await ada.press("Send"))
    assert "paused repair bids" in muted
    assert sum("From Ada" in m.text for m in ben.messages()) == 3


async def test_forget_by_one_side_ends_the_pairing_and_leaves_nothing(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.press("Yes, share")
    await ada.send("/partner")
    await ada.press("Send a repair bid")
    await ada.press("Use 1")
    await ada.press("Send")
    await ben.send("/partner")
    await ben.press("Send a repair bid")
    await ben.press("Use 2")
    await ben.press("Send")
    [question] = texts(await ada.send("/forget"))
    assert "Your pairing ends too" in question  # asked knowing what it does to Ben
    await ada.press("Yes")
    assert last_text(ben) == ENDED  # that, and nothing about why
    [alone] = texts(await ben.send("/forget"))
    assert "pairing" not in alone  # no pairing left to mention
    store = services_of(app.bot_data).store
    async with store.engine.connect() as conn:
        for table in personal_tables():
            about = table.c.user_id == 1
            if "partner_id" in table.c:
                about = or_(about, table.c.partner_id == 1)
            count = (
                await conn.execute(select(func.count()).select_from(table).where(about))
            ).scalar_one()
            assert count == 0, table.name
    [alone] = texts(await ben.send("/partner"))
    assert "Practising with a partner" in alone


async def test_export_holds_the_pairing_and_nothing_of_the_partners(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ben.press("Yes, share")
    await ada.send("/partner")
    await ada.press("Send a repair bid")
    await ada.press("Use 1")
    await ada.press("Send")
    calls = await ada.send("/export")
    document = next(c for c in calls if c.method == "sendDocument")
    assert document.message is not None and document.message.file is not None
    data = json.loads(document.message.file)
    [pairing] = data["partners"]
    assert pairing["partner_id"] == 2 and pairing["partner_name"] == "Ben"
    assert pairing["shares_practice"] is False  # Ada's own choice, not Ben's
    [invite] = data["partner_invites"]
    assert "token_hash" not in invite and invite["used_at"] is not None
    [bid] = data["repair_bids"]
    assert bid["status"] == "sent" and bid["text"] is None
    assert {row["user_id"] for row in data["partners"]} == {1}


async def test_blocking_the_bot_unpairs(app: BotApplication, api: FakeBotAPI) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    update = {
        "update_id": api.next_update_id(),
        "my_chat_member": {
            "chat": {"id": 2, "type": "private", "first_name": "Ben"},
            "from": person(2, "Ben"),
            "date": int(time.time()),
            "old_chat_member": {"user": BOT_USER, "status": "member"},
            "new_chat_member": {
                "user": BOT_USER,
                "status": "kicked",
                "until_date": int(time.time()) + 86_400,
            },
        },
    }
    await ben.feed(update)
    assert last_text(ada) == ENDED
    assert await services_of(app.bot_data).store.pairing(1) is None


async def test_a_shared_daily_moment_and_both_practised(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    from datetime import UTC, datetime

    ada, ben = two_people(app, api)
    await pair(ada, ben)
    services = services_of(app.bot_data)
    await services.store.update_settings(2, timezone="Europe/Berlin")
    await services.store.update_settings(1, timezone="UTC")  # chosen: 09:00 UTC, not 08:00
    # Ada suggests Staying Grounded; Ben agrees; both agree to the daily moment.
    await ada.send("/focus staying grounded")
    await ada.send("/partner")
    await ada.press("Suggest Staying Grounded")
    assert last_text(ben).startswith("Ada suggests Staying Grounded as your shared focus.")
    await ben.send("/partner")
    calls = await ben.press("Agree: our focus is Staying Grounded")
    assert callback_answers(calls) == ["Our focus is now Staying Grounded."]
    assert last_text(ada) == "Ben agreed: your shared focus is now Staying Grounded."
    await ada.press("Share a daily moment", ada.keyboard_message())
    await ben.send("/partner")
    calls = await ben.press("Share a daily moment")
    assert "shared moment" in callback_answers(calls)[0]
    assert "<b>Our focus: Staying Grounded</b>" in texts(await ada.send("/partner"))[0]

    # Ben's 09:00 is 08:00 UTC (Berlin), Ada's is 09:00 UTC: each at their own time.
    clock.now = datetime(2026, 3, 3, 8, 0, 30, tzinfo=UTC)
    await services.dispatcher.run_once()
    bens = [m.text for m in ben.messages() if "Thought for today" in m.text]
    assert len(bens) == 1 and "Your shared moment with your partner" in bens[0]
    assert not [m for m in ada.messages() if "Thought for today" in m.text]
    clock.now = datetime(2026, 3, 3, 9, 0, 30, tzinfo=UTC)
    await services.dispatcher.run_once()
    adas = [m.text for m in ada.messages() if "Thought for today" in m.text]
    assert len(adas) == 1 and "Your shared moment with your partner" in adas[0]
    step = adas[0].split("Thought for today")[1].split("</b>")[0]
    assert step == bens[0].split("Thought for today")[1].split("</b>")[0]  # the same step
    [record] = [r for r in await services.store.nudges_of(2) if r.skill]
    assert record.skill == "Staying Grounded"

    await practise(ada, "staying grounded")
    assert "You both practised" not in " ".join(m.text for m in ada.messages())
    await practise(ben, "staying grounded")
    assert last_text(ada) == "You both practised Staying Grounded today. 🌱"
    assert "You both practised Staying Grounded today. 🌱" in [m.text for m in ben.messages()]

    # With Ben's nudges off, Ada's nudge is her own again.
    await services.store.update_settings(2, reminders_enabled=False)
    clock.now = datetime(2026, 3, 4, 9, 0, 30, tzinfo=UTC)
    await services.dispatcher.run_once()
    latest = [m.text for m in ada.messages() if "Thought for today" in m.text][-1]
    assert "shared moment" not in latest and "Your focus: Staying Grounded" in latest


async def test_safety_language_from_a_paired_person_offers_help_then_a_pause(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.press("Yes, share")
    await ada.send("/partner")
    await ada.press("Share a daily moment")
    before = len(ben.messages())
    calls = await ada.send("I’m scared of what he’ll do tonight")
    help_first, question = texts(calls)
    assert "I’m scared" not in help_first and "Send a repair bid" not in help_first
    assert question.startswith("You’re paired with someone. Would you like to pause sharing")
    assert "/partner will show them that you keep your practice days to yourself" in question
    [paused] = texts(await ada.press("Pause sharing"))
    assert "Sharing is paused" in paused
    mine = await services_of(app.bot_data).store.pairing(1)
    assert mine is not None and not mine.shares_practice and mine.bids_muted
    assert not mine.daily_moment
    assert len(ben.messages()) == before  # nothing at all was said to Ben
    # What Ben can see is what Ada was told he would: that she keeps her days to herself.
    assert "/partner shows them that you keep your practice days to yourself" in paused
    [bens_screen] = texts(await ben.send("/partner"))
    assert "Ada keeps their practice days to themselves." in bens_screen
    assert "Send a repair bid" not in [b["text"] for b in ben.keyboard_message().buttons]
    # Someone not paired gets the help alone.
    cy = FakeChat(app, api, 3, "Cy")
    assert len(texts(await cy.send("I’m scared of what he’ll do tonight"))) == 1
    # Asked again with everything already paused, the question would be noise.
    assert len(texts(await ada.send("I’m scared of what he’ll do tonight"))) == 1


async def test_safety_language_while_writing_a_bid_sets_the_bid_aside(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.send("/partner")
    await ada.press("Send a repair bid")
    await ada.press("Write my own")
    help_first, aside, question = texts(await ada.send("If you leave me I will kill myself"))
    assert "kill myself" not in help_first  # help first, the bid's words not echoed
    assert "set your repair bid aside" in aside
    assert question.startswith("You’re paired with someone")
    # What comes next is not taken as the bid's words, and nothing went to Ben.
    [reply] = texts(await ada.send("hello"))
    assert "Preview" not in reply and "hello" not in reply
    assert not any("From Ada" in m.text for m in ben.messages())
    assert await services_of(app.bot_data).store.writing_bid(1) is None


async def test_a_put_down_typed_as_a_bid_is_met_and_never_sent(
    app: BotApplication, api: FakeBotAPI
) -> None:
    # Typed where the bid's words go, "he called me useless in front of everyone" was
    # previewed as the message to the partner, one tap from being sent to him.
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.send("/partner")
    await ada.press("Send a repair bid")
    await ada.press("Write my own")
    aside, met = texts(await ada.send("he called me useless in front of everyone"))
    assert "set your repair bid aside" in aside
    assert met.startswith("<b>Being spoken to like that hurts")
    assert await services_of(app.bot_data).store.writing_bid(1) is None
    assert not any("useless" in m.text for m in ben.messages())


def blocked_chat(chat_id: int) -> Any:
    """A fault hook: Telegram answers 403 to anything sent to one chat."""
    answer = (403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked"})

    def fault(method: str, params: dict[str, Any]) -> Any:
        return answer if str(params.get("chat_id")) == str(chat_id) else None

    return fault


async def test_a_bid_to_someone_who_blocked_the_bot_ends_the_pairing(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.send("/partner")
    await ada.press("Send a repair bid")
    await ada.press("Use 3")
    api.fault = blocked_chat(2)
    calls = await ada.press("Send")
    assert texts(calls)[-1] == ENDED
    assert await services_of(app.bot_data).store.pairing(1) is None


async def test_a_nudge_refused_as_blocked_ends_the_pairing(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    from datetime import UTC, datetime

    ada, ben = two_people(app, api)
    await pair(ada, ben)
    api.fault = blocked_chat(2)
    clock.now = datetime(2026, 3, 3, 9, 0, 30, tzinfo=UTC)
    await services_of(app.bot_data).dispatcher.run_once()
    api.fault = None
    assert [m.text for m in ada.messages()].count(ENDED) == 1
    assert await services_of(app.bot_data).store.pairing(1) is None


async def test_two_accepts_pressed_at_once_make_one_pairing(
    app: BotApplication, api: FakeBotAPI
) -> None:
    import asyncio

    ada, ben = two_people(app, api)
    cy = FakeChat(app, api, 3, "Cy")
    offers = []
    for inviter in (ada, cy):
        await inviter.send("/start")
        await ben.send(f"/start {await invite_payload(inviter)}")
        offers.append(ben.keyboard_message())
    await asyncio.gather(*(ben.press("Accept", offer) for offer in offers))
    # Each offer is edited into its answer (the calls of the two presses interleave).
    answers = [api.messages[(2, offer.message_id)].text for offer in offers]
    assert sum("now practising together" in answer for answer in answers) == 1, answers
    assert sum("already practising with a partner" in answer for answer in answers) == 1
    store = services_of(app.bot_data).store
    mine = await store.pairing(2)
    assert mine is not None
    left_out = 3 if mine.partner_id == 1 else 1
    assert await store.pairing(left_out) is None


async def test_each_partner_is_told_in_their_own_language(
    app: BotApplication, api: FakeBotAPI
) -> None:
    lena, ben = FakeChat(app, api, 1, "Lena", "de"), FakeChat(app, api, 2, "Ben")
    await lena.send("/start")
    await lena.send("/partner")
    [payload] = [
        m[2] for t in texts(await lena.press("Partner einladen")) if (m := LINK.search(t))
    ]
    await ben.send(f"/start {payload}")
    await ben.press("Accept")
    lena_texts = [m.text for m in lena.messages()]
    assert "Du und Ben übt jetzt gemeinsam. 🤝" in lena_texts
    assert lena_texts[-1].startswith("Soll ich Ben an den Tagen Bescheid geben")
    assert "You and Lena are now practising together. 🤝" in [m.text for m in ben.messages()]
    await ben.press("Yes, share")
    await practise(ben, "repair")
    # Ben practised in English; Lena reads it in German, the skill by its German card.
    assert last_text(lena) == "Ben hat heute Wiedergutmachen geübt."
    [overview] = texts(await lena.send("/partner"))
    assert "Wiedergutmachen" in overview and "Repair" not in overview

    await ben.send("/partner")
    await ben.press("Send a repair bid")
    await ben.press("Use 2")
    calls = await ben.press("Send")
    [sent] = [c for c in calls if c.method == "sendMessage" and c.params["chat_id"] == 1]
    assert sent.message is not None and "Ben" in sent.message.text
    assert [b["text"] for b in sent.message.buttons] == ["Danke ❤️", "Ich brauche noch etwas Zeit"]
    await lena.press("Danke", sent.message)
    assert last_text(ben) == "Lena pressed “Thank you ❤️” on your repair bid."
    await ben.send("/partner")
    await ben.press("Unpair")
    assert last_text(lena) == "Eure Verbindung ist beendet."


async def test_an_old_sharing_switch_does_not_share_with_a_new_partner(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    cy = FakeChat(app, api, 3, "Cy")
    await pair(ada, ben)
    await ada.press("No, keep them")
    [screen] = texts(await ada.send("/settings"))
    assert "not shared with Ben" in screen
    stale = ada.keyboard_message()
    await ben.send("/partner")
    await ben.press("Unpair")
    await pair(ada, cy)
    await ada.press("No, keep them")
    [screen] = texts(await ada.press("Share my practice days", stale))
    assert "no longer fits your pairing, so I changed nothing" in screen
    assert "Practice days: not shared with Cy." in screen  # the screen, redrawn
    pairing = await services_of(app.bot_data).store.pairing(ada.user_id)
    assert pairing is not None and pairing.partner_id == 3 and not pairing.shares_practice
    # A switch drawn before the data named the partner changes nothing either.
    await ada.press_data("c:S:on")
    pairing = await services_of(app.bot_data).store.pairing(ada.user_id)
    assert pairing is not None and not pairing.shares_practice
    # The redrawn switch works.
    [screen] = texts(await ada.press("Share my practice days"))
    assert "Practice days: shared with Cy (the skill only)." in screen


async def test_the_partner_screen_names_skills_in_the_readers_language(
    app: BotApplication, api: FakeBotAPI
) -> None:
    lena, ben = two_people(app, api)
    await pair(lena, ben)
    await services_of(app.bot_data).store.set_language(1, "de")  # as /language would
    calls = await lena.send("/partner")
    labels = [button["text"] for button in lena.keyboard_message().buttons]
    assert any("Wiedergutmachen" in label for label in labels), labels
    assert not any("Repair" in label for label in labels + texts(calls))


async def test_practice_from_before_saying_yes_to_sharing_stays_private(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    question = ada.keyboard_message()  # "Shall I tell Ben on days you practise?"
    await practise(ada, "repair")  # before she chose to share
    clock.advance(minutes=1)
    await ada.press("Yes, share", question)
    [overview] = texts(await ben.send("/partner"))
    assert "Ada hasn’t practised yet today." in overview
    clock.advance(minutes=1)
    await practise(ada, "repair")
    [overview] = texts(await ben.send("/partner"))
    assert "Ada practised today: Repair." in overview


async def test_someone_who_already_uses_the_bot_gets_the_invite_without_the_welcome(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await ada.send("/start")
    await ben.send("/start")
    payload = await invite_payload(ada)
    [invite] = texts(await ben.send(f"/start {payload}"))
    assert invite.startswith("<b>Ada invited you to practise together.</b>")


async def test_a_completed_practice_keeps_done_and_at_most_three_buttons_when_paired(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await practise(ada, "Repair")
    buttons = [b["text"] for b in ada.keyboard_message().buttons]
    assert buttons[0] == "Done" and "Send a repair bid" in buttons
    assert len(buttons) <= 4, buttons


async def test_news_of_the_partner_waits_while_the_one_who_spoke_of_danger_rests(
    app: BotApplication, api: FakeBotAPI, clock: FakeClock
) -> None:
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.press("Yes, share")
    await ben.press("Yes, share")
    # Ben speaks of fear of Ada: for the next days nothing of hers is pushed to him.
    await ben.send("I'm scared of her when she drinks")
    before = len(ben.messages())
    await practise(ada, "repair")
    await ada.send("/focus staying grounded")
    await ada.send("/partner")
    await ada.press("Suggest Staying Grounded")
    assert len(ben.messages()) == before
    # It waits where he looks for it himself.
    [overview] = texts(await ben.send("/partner"))
    assert "Staying Grounded" in overview
    # Once the rest is over, her news reaches him again.
    clock.advance(days=3, minutes=1)
    await practise(ada, "repair")
    assert last_text(ben) == "Ada practised Repair today."


async def test_an_answer_to_a_bid_waits_while_its_sender_rests(
    app: BotApplication, api: FakeBotAPI
) -> None:
    # A review: Ben's answer to Ada's bid reached her though she had just spoken of danger.
    ada, ben = two_people(app, api)
    await pair(ada, ben)
    await ada.send("/partner")
    await ada.press("Send a repair bid")
    await ada.press("Use 2")
    calls = await ada.press("Send")
    [sent] = [c for c in calls if c.method == "sendMessage" and c.params["chat_id"] == 2]
    await ada.send("I'm scared to go home")
    before = len(ada.messages())
    assert sent.message is not None
    answered = await ben.press("Thank you", sent.message)
    assert callback_answers(answered) == ["You answered: Thank you ❤️"]
    assert len(ada.messages()) == before
