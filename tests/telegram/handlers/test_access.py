"""Who the bot talks to: only ALLOWED_USER_IDS (when set), and only in private chats."""

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.offline.updates import message_update
from bot.telegram.app import BotApplication
from bot.telegram.context import services_of
from tests.support.app import AppFactory


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
