"""Editing in place: the same request as PTB's own edit, through the same bot."""

from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

import pytest
from telegram import (
    CopyTextButton,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LoginUrl,
    Message,
    Update,
    WebAppInfo,
)
from telegram.error import BadRequest
from telegram.ext import BaseRateLimiter, ExtBot

from bot.domain.models import PracticeSession, SessionStatus
from bot.offline import FakeBotAPI, FakeRequest
from bot.telegram import keyboards
from bot.telegram.context import BotApplication
from bot.telegram.handlers.replies import edit_in_place, keyboard_request
from tests.support.environment import TOKEN

USER = 7
T0 = datetime(2026, 3, 2, 8, tzinfo=UTC)


def _keyboard(label: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=label)]])


async def _sent(app: BotApplication, business: str | None = None) -> Message:
    sent = await app.bot.send_message(USER, "<b>Step 1</b> https://example.org")
    if business is None:
        return sent
    # As a message in a chat the bot answers for a business account arrives.
    return Message.de_json({**sent.to_dict(), "business_connection_id": business}, app.bot)


EDIT_KEYBOARDS = {
    "plain": _keyboard("Next"),
    "none": None,
    "empty": InlineKeyboardMarkup([]),
    "link": InlineKeyboardMarkup([[InlineKeyboardButton("Site", url="https://example.org")]]),
}


@pytest.mark.parametrize("business", [None, "b-1"], ids=["private", "business"])
@pytest.mark.parametrize("keyboard", sorted(EDIT_KEYBOARDS))
async def test_it_sends_what_edit_text_sends(
    app: BotApplication, api: FakeBotAPI, keyboard: str, business: str | None
) -> None:
    ptb_edited, ours = await _sent(app, business), await _sent(app, business)
    markup = EDIT_KEYBOARDS[keyboard]

    await ptb_edited.edit_text("<b>Step 2</b> https://example.org", reply_markup=markup)
    await edit_in_place(app.bot, ours, "<b>Step 2</b> https://example.org", markup)

    ptb_call, our_call = api.calls[-2:]
    assert ptb_call.method == our_call.method == "editMessageText"
    assert our_call.ok
    assert {**our_call.params, "message_id": ptb_call.params["message_id"]} == ptb_call.params
    # The bot's defaults (app.py) went with it: HTML, and no link preview.
    assert our_call.params["parse_mode"] == "HTML"
    assert "is_disabled" in str(our_call.params["link_preview_options"])
    assert api.messages[(USER, ours.message_id)].text == "<b>Step 2</b> https://example.org"


async def test_without_a_keyboard_the_buttons_go(app: BotApplication, api: FakeBotAPI) -> None:
    message = await app.bot.send_message(USER, "Step 1", reply_markup=_keyboard("Next"))

    await edit_in_place(app.bot, message, "Done", None)

    assert "reply_markup" not in api.calls[-1].params
    assert api.messages[(USER, message.message_id)].reply_markup is None


async def test_a_refused_edit_raises_as_ptbs_would(app: BotApplication) -> None:
    message = await _sent(app)

    with pytest.raises(BadRequest, match="not modified"):
        await edit_in_place(app.bot, message, "<b>Step 1</b> https://example.org", None)


class CountingLimiter(BaseRateLimiter[int]):
    """A rate limiter that lets everything through, noting each endpoint it saw."""

    def __init__(self) -> None:
        self.endpoints: list[str] = []

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        self.endpoints.append(endpoint)
        return await callback(*args, **kwargs)


async def test_it_goes_through_the_bots_rate_limiter(api: FakeBotAPI) -> None:
    limiter = CountingLimiter()
    async with ExtBot(TOKEN, request=FakeRequest(api), rate_limiter=limiter) as bot:
        message = await bot.send_message(USER, "Step 1")

        await edit_in_place(bot, message, "Step 2", None)

    assert limiter.endpoints[-2:] == ["sendMessage", "editMessageText"]
    assert api.messages[(USER, message.message_id)].text == "Step 2"


def _session(step: int, status: SessionStatus = SessionStatus.ACTIVE) -> PracticeSession:
    return PracticeSession(11, USER, "Repair", step, status, T0, T0)


# The keyboards a practice message is edited to, and one of every other kind of row.
PLAIN_KEYBOARDS = {
    "first step": keyboards.step(_session(0), 5),
    "middle step": keyboards.step(_session(2), 5),
    "last step": keyboards.step(_session(4), 5),
    "reflection": keyboards.reflect(_session(5, SessionStatus.REFLECTING)),
    "paused": keyboards.paused(_session(2)),
    "two rows": InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data="1")], []]),
}


@pytest.mark.parametrize("name", sorted(PLAIN_KEYBOARDS))
def test_a_keyboard_of_plain_buttons_is_sent_as_ptb_sends_it(name: str) -> None:
    keyboard = PLAIN_KEYBOARDS[name]
    assert keyboard_request(keyboard) == keyboard.to_dict()


OTHER_BUTTONS = {
    "link": InlineKeyboardButton("Site", url="https://example.org"),
    "login": InlineKeyboardButton("Log in", login_url=LoginUrl("https://example.org")),
    "web app": InlineKeyboardButton("App", web_app=WebAppInfo("https://example.org")),
    "copy": InlineKeyboardButton("Copy", copy_text=CopyTextButton("text")),
    "pay": InlineKeyboardButton("Pay", pay=True),
    "switch": InlineKeyboardButton("Share", switch_inline_query="q"),
    "data and more": InlineKeyboardButton("x", callback_data="d", api_kwargs={"new_field": 1}),
    "object data": InlineKeyboardButton("x", callback_data=("a", 1)),  # PTB's callback cache
}


@pytest.mark.parametrize("name", sorted(OTHER_BUTTONS))
def test_any_other_button_is_left_to_ptb(name: str) -> None:
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Next", callback_data="n")], [OTHER_BUTTONS[name]]]
    )
    assert keyboard_request(keyboard) is keyboard


def test_the_buttons_fields_are_still_ptbs() -> None:
    # keyboard_request sends the two fields of a plain button; were they renamed, every
    # button would go to PTB (correct, only slower): this says so.
    assert {"text", "callback_data"} <= set(InlineKeyboardButton.__slots__)


async def test_with_ptbs_callback_data_cache_the_keyboard_is_ptbs(api: FakeBotAPI) -> None:
    # A bot that keeps callback data in PTB's cache sends an id for each button's data,
    # and maps it back on the press: a keyboard sent as it stands would not map back.
    async with ExtBot(TOKEN, request=FakeRequest(api), arbitrary_callback_data=True) as bot:
        message = await bot.send_message(USER, "Step 1")

        await edit_in_place(bot, message, "Step 2", _keyboard("Next"))

        sent = api.messages[(USER, message.message_id)].reply_markup
        assert sent is not None
        (button,) = sent["inline_keyboard"][0]
        assert button["callback_data"] != "Next"
        press = Update.de_json(
            {
                "update_id": 1,
                "callback_query": {
                    "id": "q",
                    "from": {"id": USER, "is_bot": False, "first_name": "A"},
                    "chat_instance": "c",
                    "data": button["callback_data"],
                },
            },
            bot,
        )
        bot.insert_callback_data(press)
        assert press.callback_query is not None
        assert press.callback_query.data == "Next"
