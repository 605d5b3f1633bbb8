"""Who the bot talks to: only ALLOWED_USER_IDS (when set), only in private chats, and only
updates from a person in a chat (every other shape stops before any handler)."""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

from bot.offline import FakeBotAPI
from bot.offline.api import BOT_USER
from bot.offline.chat import FakeChat, callback_answers, texts
from bot.offline.updates import message_update, person
from bot.telegram.context import BotApplication, services_of
from tests.support.app import AppFactory, StartedChat


async def test_group_chats_are_refused_politely(app: BotApplication, api: FakeBotAPI) -> None:
    update = message_update(api, 7, "/practice")
    update["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "Friends"}
    [reply] = texts(await FakeChat(app, api, 7).feed(update))
    assert "only talk in private chats" in reply


async def test_strangers_get_one_polite_refusal_and_nothing_is_stored(
    make_app: AppFactory, api: FakeBotAPI
) -> None:
    app = await make_app(allowed_user_ids=frozenset({1}))
    replies = texts(await FakeChat(app, api, 2).send("/start"))
    assert len(replies) == 1 and "private" in replies[0]
    assert await services_of(app.bot_data).store.count_users() == 0
    assert "practice companion" in texts(await FakeChat(app, api, 1).send("/start"))[0]


NOW = int(time.time())
PRIVATE = {"id": 7, "type": "private", "first_name": "Ada"}
GROUP = {"id": -100, "type": "group", "title": "Team"}
CHANNEL = {"id": -1001, "type": "channel", "title": "News"}
MEMBER = {"user": BOT_USER, "status": "member"}
LEFT = {"user": BOT_USER, "status": "left"}
QUERY = {"id": "q1", "from": person(7), "chat_instance": "ci"}

SHAPES: dict[str, dict[str, Any]] = {
    "message without a sender": {"message": {"message_id": 1, "date": NOW, "chat": PRIVATE,
                                             "text": "/start"}},
    "edited message without a sender": {
        "edited_message": {"message_id": 1, "date": NOW, "edit_date": NOW, "chat": PRIVATE,
                           "text": "hello"}},
    "channel post": {"channel_post": {"message_id": 1, "date": NOW, "chat": CHANNEL,
                                      "text": "/practice"}},
    "edited channel post": {"edited_channel_post": {"message_id": 1, "date": NOW,
                                                    "chat": CHANNEL, "text": "x"}},
    "button in an inline message": {"callback_query": {**QUERY, "inline_message_id": "im1",
                                                       "data": "p:1:1:next"}},
    "button on an inaccessible message": {"callback_query": {
        **QUERY, "message": {"message_id": 5, "date": 0, "chat": PRIVATE}, "data": "menu"}},
    "game button without data": {"callback_query": {**QUERY, "inline_message_id": "im2",
                                                    "game_short_name": "g"}},
    "inline query": {"inline_query": {"id": "i1", "from": person(7), "query": "repair",
                                      "offset": ""}},
    "chosen inline result": {"chosen_inline_result": {"result_id": "r", "from": person(7),
                                                      "query": "x"}},
    "shipping query": {"shipping_query": {"id": "s", "from": person(7), "invoice_payload": "p",
                                          "shipping_address": {
                                              "country_code": "DE", "state": "", "city": "B",
                                              "street_line1": "a", "street_line2": "",
                                              "post_code": "1"}}},
    "pre-checkout query": {"pre_checkout_query": {"id": "c", "from": person(7), "currency": "EUR",
                                                  "total_amount": 1, "invoice_payload": "p"}},
    "poll": {"poll": {"id": "p", "question": "?", "options": [], "total_voter_count": 0,
                      "is_closed": True, "is_anonymous": True, "type": "regular",
                      "allows_multiple_answers": False, "allows_revoting": False,
                      "members_only": False}},
    "poll answer": {"poll_answer": {"poll_id": "p", "user": person(7), "option_ids": [0],
                                    "option_persistent_ids": ["a"]}},
    "bot added to a group": {"my_chat_member": {"chat": GROUP, "from": person(7), "date": NOW,
                                                "old_chat_member": LEFT,
                                                "new_chat_member": MEMBER}},
    "someone else's membership": {"chat_member": {"chat": GROUP, "from": person(7), "date": NOW,
                                                  "old_chat_member": LEFT,
                                                  "new_chat_member": MEMBER}},
    "join request": {"chat_join_request": {"chat": GROUP, "from": person(7), "date": NOW,
                                           "user_chat_id": 7}},
    "reaction": {"message_reaction": {"chat": PRIVATE, "message_id": 1, "date": NOW,
                                      "user": person(7), "old_reaction": [],
                                      "new_reaction": [{"type": "emoji", "emoji": "👍"}]}},
    "business message": {"business_message": {"message_id": 1, "date": NOW, "chat": PRIVATE,
                                              "from": person(7), "text": "/start",
                                              "business_connection_id": "b"}},
    "message in a group": {"message": {"message_id": 1, "date": NOW, "chat": GROUP,
                                       "from": person(7), "text": "/practice"}},
    "command with only an entity, no text": {"message": {
        "message_id": 1, "date": NOW, "chat": PRIVATE, "from": person(7), "caption": "/x",
        "photo": [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}],
        "caption_entities": [{"type": "bot_command", "offset": 0, "length": 2}]}},
}  # fmt: skip


@pytest.mark.parametrize("shape", list(SHAPES))
async def test_no_update_shape_makes_a_handler_fail(
    shape: str, app: BotApplication, api: FakeBotAPI, caplog: pytest.LogCaptureFixture
) -> None:
    update = {"update_id": api.next_update_id(), **SHAPES[shape]}
    with caplog.at_level(logging.INFO):
        calls = await FakeChat(app, api, 7).feed(update)
    failures = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not failures, [r.getMessage() for r in failures]
    assert all(call.ok for call in calls), [call.error for call in calls]
    if shape == "button in an inline message":
        assert callback_answers(calls) == ["This button only works in your private chat with me."]


async def test_a_long_unknown_command_is_named_by_its_entity_and_shortened(
    app: BotApplication, api: FakeBotAPI
) -> None:
    update = message_update(api, 7, "/abc," + "x" * 4080)
    update["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": 4}]
    [call] = await StartedChat(app, api, 7).feed(update)
    assert call.ok and call.message is not None
    assert call.message.text.startswith("I don’t know /abc.")

    long_name = message_update(api, 7, "/" + "y" * 4000)
    [call] = await StartedChat(app, api, 7).feed(long_name)
    assert call.ok and call.message is not None
    assert len(call.message.text) < 100 and "…" in call.message.text


def _in_group(update: dict[str, object]) -> dict[str, object]:
    message = update["message"]
    assert isinstance(message, dict)
    message["chat"] = {"id": -100123, "type": "supergroup", "title": "Friends"}
    return update


async def test_in_a_group_the_bot_says_so_once_and_leaves(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, 7)
    calls = await ada.feed(_in_group(message_update(api, 7, "/start")))
    assert [c.method for c in calls] == ["sendMessage", "leaveChat"]
    assert calls[0].params["chat_id"] == -100123 and api.left_chats == [-100123]
    assert await services_of(app.bot_data).store.count_users() == 0


async def test_added_to_a_group_it_says_so_once_and_leaves(
    app: BotApplication, api: FakeBotAPI
) -> None:
    import time

    from bot.offline.api import BOT_USER
    from bot.offline.updates import person

    def added(status: str) -> dict[str, object]:
        return {
            "update_id": api.next_update_id(),
            "my_chat_member": {
                "chat": {"id": -200, "type": "group", "title": "Family"},
                "from": person(7),
                "date": int(time.time()),
                "old_chat_member": {"user": BOT_USER, "status": "left"},
                "new_chat_member": {"user": BOT_USER, "status": status},
            },
        }

    calls = await FakeChat(app, api, 7).feed(added("member"))
    assert [c.method for c in calls] == ["sendMessage", "leaveChat"]
    assert "only talk in private chats" in str(calls[0].params["text"])
    assert await FakeChat(app, api, 7).feed(added("left")) == []  # removed: nothing to say


async def test_a_new_person_gets_a_welcome_and_nothing_is_stored_until_start(
    app: BotApplication, api: FakeBotAPI
) -> None:
    ada = FakeChat(app, api, 7)
    [welcome] = texts(await ada.send("hello?"))
    assert "practice companion" in welcome and "Send /start to begin" in welcome
    [link] = ada.keyboard_message().buttons
    assert link["url"] == "https://t.me/skill_coach_bot?start=begin"  # Telegram sends /start
    assert await services_of(app.bot_data).store.count_users() == 0
    await ada.send("/start")
    assert await services_of(app.bot_data).store.count_users() == 1


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("I can't stop crying", "<b>That sounds really hard"),
        ("help me please", "<b>I’m here. If you’re in danger"),
        ("💔", "I see you. You don’t have to put it into words."),
        ("💊💊💊", "<b>I see you. If you’re thinking of hurting yourself"),
    ],
)
async def test_pain_or_a_plea_before_start_is_met_and_still_nothing_is_stored(
    app: BotApplication, api: FakeBotAPI, text: str, first: str
) -> None:
    # Someone new, or forgotten at their request, who writes how they are: met as after
    # /start, where help is for a plea, then how to begin; never the cheerful welcome.
    ada = FakeChat(app, api, 7)
    [reply] = texts(await ada.send(text))
    assert reply.startswith(first), reply
    assert "Hi Ada" not in reply and "Send /start when you want to begin" in reply
    if "help" in text or "💊" in text:
        assert "findahelpline.com" in reply  # where help is, in this reply
    [link] = ada.keyboard_message().buttons
    assert link["url"] == "https://t.me/skill_coach_bot?start=begin"
    assert await services_of(app.bot_data).store.count_users() == 0
