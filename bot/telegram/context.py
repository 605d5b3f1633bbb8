"""What handlers and jobs get besides the update: PTB's context, plus the bot's services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot, JobQueue

from bot.config import Settings
from bot.domain.models import Clock, PracticeSession, Question, User
from bot.services.coach import Coach
from bot.services.suggestions import Suggestions
from bot.store import Store
from bot.telegram.callbacks import SessionPress, decode
from bot.texts import safety as safety_text
from bot.vault.library import VaultHolder

if TYPE_CHECKING:
    from bot.telegram.dispatcher import Dispatcher  # it schedules through this context

SERVICES_KEY = "services"


@dataclass(frozen=True, slots=True)
class Services:
    """The bot's collaborators, shared by every handler."""

    settings: Settings
    store: Store
    vault: VaultHolder
    coach: Coach
    dispatcher: Dispatcher
    clock: Clock
    suggestions: Suggestions


def services_of(bot_data: dict[Any, Any]) -> Services:
    """Fetch the Services an Application was built with (outside a handler)."""
    found = bot_data[SERVICES_KEY]
    assert isinstance(found, Services)
    return found


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """The context every handler and job of this bot receives (PTB makes one per update
    and hands the same one to every handler group)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._record: tuple[int, User | None] | None = None
        self.asked = False
        # The practice a pressed button names, and that practice as read with the person.
        self._pressed: int | None = None
        self._seen: PracticeSession | None = None

    @classmethod
    def from_update(cls, update: object, application: Any) -> BotContext:
        """PTB's context for `update`, knowing which practice a pressed button names."""
        context = super().from_update(update, application)
        if isinstance(update, Update) and update.callback_query is not None:
            press = decode(update.callback_query.data)
            if isinstance(press, SessionPress):
                context._pressed = press.session_id
        return context

    async def stored_person(self, user_id: int) -> User | None:
        """The person's record as this update found it (None: not registered), read once:
        the language and the access check both need it before any handler runs. For a
        press on a practice's button the practice is read in the same statement, for
        the press to decide on (`seen_session`)."""
        if self._record is None or self._record[0] != user_id:
            store = self.services.store
            if self._pressed is None:
                self._record = (user_id, await store.get_user(user_id))
            else:
                person, self._seen = await store.get_user_and_session(user_id, self._pressed)
                self._record = (user_id, person)
        return self._record[1]

    def seen_session(self, session_id: int) -> PracticeSession | None:
        """Practice `session_id` as `stored_person` read it, once (None: not read, or
        handed out already): a second move in the same update must read it afresh."""
        seen, self._seen = self._seen, None
        return seen if seen is not None and seen.id == session_id else None

    def support_text(self) -> str:
        """Where to find real help, in the language being spoken (the operator's
        SUPPORT_TEXT_<LANG> or SUPPORT_TEXT, else the bot's own): /support, the answer to
        safety language and to a plea for help all show it."""
        settings = self.services.settings
        return safety_text.support(settings.support_text, settings.support_texts)

    async def ask(self, user_id: int, question: Question, detail: str | None = None) -> None:
        """Note that this update asked the person `question` (about `detail`): their next
        message may answer it (bot/telegram/handlers/answers.py), so this update does not
        close it."""
        await self.services.store.ask(user_id, question, detail)
        self.asked = True

    @property
    def services(self) -> Services:
        """The store, vault, practice service, dispatcher, settings and clock."""
        return services_of(self.bot_data)

    async def person(self, update: Update) -> User:
        """The person writing (registered by /start; NotRegistered for anyone else)."""
        user, chat = update.effective_user, update.effective_chat
        assert user and chat  # the access check stops updates without both
        return await self.services.store.ensure_user(user.id, chat.id)


CONTEXT_TYPES = ContextTypes(context=BotContext)

# The Application as this bot builds it: PTB's generic parameters spelled once.
BotApplication = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[BotContext]
]
