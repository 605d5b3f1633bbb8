"""Wiring: open the store and the vault, build the Application with its handlers and
jobs, in one place. Every way of running the bot (Telegram, the console, the CLI,
tests, benchmarks) goes through `open_bot`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import partial
from typing import cast

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, Defaults
from telegram.request import BaseRequest

from bot.config import DEFAULT_NUDGE_RATE, FREE_MESSAGES_PER_SECOND, Settings
from bot.domain.matching import LexicalMatcher
from bot.domain.models import Clock, utc_now
from bot.services.coach import Coach
from bot.services.suggestions import MatcherFactory, Suggestions
from bot.store import Store
from bot.store.opening import open_store
from bot.telegram.context import (
    CONTEXT_TYPES,
    SERVICES_KEY,
    BotApplication,
    BotContext,
    Services,
    services_of,
)
from bot.telegram.dispatcher import DispatchConfig, Dispatcher
from bot.telegram.handlers import (
    access,
    admin,
    answers,
    basics,
    errors,
    language,
    partner,
    practice,
    privacy,
    progress,
    reminders,
    safety,
    scenarios,
    skill_buttons,
    skills,
    vault_admin,
)
from bot.telegram.handlers import settings as settings_screen
from bot.telegram.pacing import PacedRateLimiter
from bot.telegram.update_log import LoggedApplication, name_handlers
from bot.texts.i18n import DEFAULT_LANGUAGE, LANGUAGES
from bot.vault.kinds import NoteKinds
from bot.vault.library import VaultHolder, summary

log = logging.getLogger(__name__)

# PTB needs a syntactically valid token even when no request reaches Telegram
# (the local console); this one names no real bot.
OFFLINE_TOKEN = "0:offline-console"

# The kinds of update some handler answers (messages and their edits, button presses,
# being blocked or unblocked); Telegram is asked for these only.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
]


def rate_limiter(nudge_rate: float = DEFAULT_NUDGE_RATE) -> PacedRateLimiter:
    """The limiter every send goes through; a 429 that still happens is retried once.

    Telegram allows about 30 messages a second: sends are spaced evenly at 29.5 a second
    (or the operator's slower NUDGE_RATE_LIMIT), so no one-second window sees more than
    30, where PTB's default bucket of 30 lets a burst through and then more on top
    (measured in bench/nudge_dispatch.py). A NUDGE_RATE_LIMIT above the free limit paces
    the nudges, sent as paid broadcasts, at that rate on their own; everything else keeps
    to the free 29.5 a second.
    """
    if nudge_rate > FREE_MESSAGES_PER_SECOND:
        return PacedRateLimiter(DEFAULT_NUDGE_RATE, paid_rate=nudge_rate)
    return PacedRateLimiter(nudge_rate)


@asynccontextmanager
async def open_bot(
    settings: Settings,
    request: BaseRequest | None = None,
    clock: Clock = utc_now,
    *,
    migrate: bool = True,
) -> AsyncIterator[BotApplication]:
    """The bot, built and ready to initialize: its store (migrated unless `migrate` is
    False), its vault and every handler and job. The store is closed on the way out.

    With a `request` (the offline Bot API) nothing reaches Telegram and sends are not
    rate-limited; without one, the bot talks to TELEGRAM_API_BASE_URL.
    """
    if settings.starter_vault:
        log.info(
            "SKILLS_DIR is not set and there is no skills/ folder here: using the starter "
            "vault that comes with skillbot (%s); `skillbot init` copies it out to edit",
            settings.skills_dir,
        )
    if untranslated := _support_text_untranslated(settings):
        log.warning(
            "SUPPORT_TEXT is shown as written to people the bot speaks %s to; set "
            "SUPPORT_TEXT_%s to give them where to find help in their language",
            ", ".join(untranslated),
            "/_".join(language.upper() for language in untranslated),
        )
    async with open_store(settings, clock, migrate=migrate) as store:
        yield _build_application(
            settings,
            store,
            VaultHolder(
                settings.skills_dir,
                NoteKinds(settings.skill_classes, settings.skill_tags, settings.scenario_classes),
            ),
            request=request,
            rate_limit=request is None,
            clock=clock,
        )


def log_vault(app: BotApplication) -> None:
    """Log what the vault holds, and each card that could not be loaded."""
    vault = services_of(app.bot_data).vault.current
    log.info("skill vault %s: %s", vault.root, summary(vault))
    for problem in vault.problems:
        log.log(logging.ERROR if problem.severity == "error" else logging.WARNING, "%s", problem)


def matcher_factory(kind: str) -> MatcherFactory:
    """How free text is matched to skills: `lexical` (default) or `semantic` (wordllama,
    loaded here once, offline; the optional extra `skillbot[semantic]`)."""
    if kind == "semantic":
        from bot.vault.semantic import SemanticMatcher, load_model

        return partial(SemanticMatcher, load_model())
    return LexicalMatcher


def _build_application(
    settings: Settings,
    store: Store,
    vault: VaultHolder,
    *,
    request: BaseRequest | None = None,
    rate_limit: bool = True,
    clock: Clock = utc_now,
) -> BotApplication:
    """Build the bot: handlers registered in order, nothing started yet."""
    builder = (
        ApplicationBuilder()
        .application_class(LoggedApplication)
        .context_types(CONTEXT_TYPES)
        # Updates come from the inbox (bot/telegram/polling.py, webhook.py), not
        # PTB's Updater, which confirms them to Telegram before they are stored.
        .updater(None)
        .token(settings.telegram_bot_token or OFFLINE_TOKEN)
        .base_url(settings.bot_api_url)
        .base_file_url(settings.bot_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
    )
    if rate_limit:
        limiter = rate_limiter(settings.nudge_rate_limit)
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    # PTB's builder types the JobQueue for the default context even after
    # context_types(); the queue it builds runs jobs with our BotContext.
    app = cast(BotApplication, builder.build())
    coach = Coach(store, vault, settings.practice_idle_timeout, clock)
    dispatcher = Dispatcher(
        app.bot,
        store,
        vault,
        DispatchConfig(grace=settings.nudge_grace, paid_broadcast=settings.paid_broadcasts),
        clock,
    )
    suggestions = Suggestions(vault, matcher_factory(settings.skill_matching))
    app.bot_data[SERVICES_KEY] = Services(
        settings, store, vault, coach, dispatcher, clock, suggestions
    )

    # Order matters: the language is chosen first (group -3), the allow-list runs next
    # (group -2), then safety language (it takes any text that speaks of danger from
    # everything after it, an answer too), then the commands, then the catch-alls that
    # answer whatever nothing else took; last (answers.CLOSING_GROUP), once the update
    # was handled without error, the question the bot asked before it is closed (this
    # update may answer it, none after may).
    language.setup(app)
    access.setup(app)
    answers.setup(app)
    safety.setup(app)
    partner.setup(app)  # before basics: /start pair_<token> is an invite, not a hello
    basics.setup(app)
    practice.setup(app)
    skills.setup(app)
    reminders.setup(app)
    settings_screen.setup(app)
    progress.setup(app)
    privacy.setup(app)
    admin.setup(app)
    vault_admin.setup(app)
    scenarios.setup(app)
    skill_buttons.setup(app)
    answers.setup_text(app)  # an answer to the question just asked; hands any other on
    partner.setup_text(app)  # a repair bid being typed; hands any other text on
    practice.setup_text(app)
    basics.setup_fallbacks(app)
    app.add_error_handler(errors.on_error)
    name_handlers(app)
    schedule_jobs(app, settings)
    return app


async def dispatch_nudges(context: BotContext) -> None:
    """Send the nudges that are due (the job behind every dispatcher tick)."""
    await context.services.dispatcher.run_once()


def schedule_jobs(app: BotApplication, settings: Settings) -> None:
    """The repeating jobs: the nudge dispatcher, and the watch on the vault folder.

    For both, a run still going when the next is due is not doubled, and ticks missed
    while the loop was busy collapse into one rather than run in a burst
    (APScheduler's default grace of 1 s would drop or pile them up instead).
    """
    if app.job_queue is None:
        return
    once = {"max_instances": 1, "coalesce": True, "misfire_grace_time": None}
    app.job_queue.run_repeating(
        dispatch_nudges,
        interval=settings.nudge_interval_seconds,
        first=0,  # at start-up too: nudges due while the bot was down go out now
        name="nudge-dispatch",
        job_kwargs=once,
    )
    app.job_queue.run_once(vault_admin.report_at_start, when=0, name="vault-report")
    app.job_queue.run_once(
        vault_admin.prepare_suggestions, when=0, name=vault_admin.SUGGESTIONS_JOB
    )
    app.job_queue.run_repeating(
        vault_admin.watch_vault,
        interval=settings.vault_poll_seconds,
        first=settings.vault_poll_seconds,
        name="vault-watch",
        job_kwargs=once,
    )


async def register_webhook(app: BotApplication, url: str, secret: str) -> None:
    """Tell Telegram where to post updates, and the secret it must send with them."""
    await app.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)


def _support_text_untranslated(settings: Settings) -> list[str]:
    """The languages the bot speaks that would get the operator's SUPPORT_TEXT as written
    (none when it is unset: the bot's own text is translated)."""
    if not settings.support_text:
        return []
    return [
        language
        for language in LANGUAGES
        if language != DEFAULT_LANGUAGE and language not in settings.support_texts
    ]
