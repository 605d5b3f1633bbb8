"""Typed settings from the environment and `.env`: the only reader of `os.environ`."""

from __future__ import annotations

import importlib.util
import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

DEFAULT_API_BASE_URL = "https://api.telegram.org"
DEFAULT_DATABASE_URL = "sqlite:///data/skillbot.db"
# The starter vault installed with the package (six cards, Repair's scenarios, templates).
STARTER_VAULT = Path(__file__).resolve().parent / "starter"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_TOKEN = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
# Telegram's free limit for messages to many people: about 30 a second. Nudges paced
# faster than this go out as paid broadcasts (NUDGE_RATE_LIMIT); the default stays a
# little under it, so no one-second window ever holds more than 30.
FREE_MESSAGES_PER_SECOND = 30.0
DEFAULT_NUDGE_RATE = 29.5
# Paid broadcasts allow up to 1,000 messages a second.
MAX_NUDGE_RATE = 1000.0
# A wider window would let a nudge leave more than an hour from the chosen time.
MAX_SPREAD_MINUTES = 120
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")


class ConfigError(Exception):
    """A setting has a value the bot cannot use; the message names the variable."""

    def __init__(self, variable: str, problem: str) -> None:
        super().__init__(f"{variable}: {problem}")
        self.variable = variable


@dataclass(frozen=True, slots=True)
class WebhookSettings:
    """Receiving updates by webhook instead of polling."""

    url: str
    secret: str
    listen: str = "0.0.0.0"  # all interfaces: behind a load balancer or in a container
    port: int = 8080

    @property
    def path(self) -> str:
        """The URL path Telegram posts to (the local server serves the same path)."""
        return urlsplit(self.url).path or "/"


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot can be configured with, validated once at start-up."""

    telegram_bot_token: str | None = None
    telegram_api_base_url: str = DEFAULT_API_BASE_URL
    database_url: str = "sqlite+aiosqlite:///data/skillbot.db"
    skills_dir: Path = Path("skills")
    # True when SKILLS_DIR was not set and there is no skills/ here: the packaged vault.
    starter_vault: bool = False
    default_timezone: str = "UTC"
    default_reminder_time: time = time(9, 0)
    allowed_user_ids: frozenset[int] = field(default_factory=frozenset)
    admin_user_ids: frozenset[int] = field(default_factory=frozenset)
    log_level: str = "INFO"
    practice_idle_timeout: timedelta = timedelta(hours=24)
    vault_poll_seconds: float = 5.0
    nudge_grace: timedelta = timedelta(hours=2)
    nudge_interval_seconds: float = 30.0
    # Each person's nudge leaves at a stable offset within ±half this window around their
    # chosen time (0: exactly at it), so a crowd who chose 09:00 is not one long queue.
    nudge_spread_minutes: int = 0
    # Nudges per second; above Telegram's free 30/s they are sent as paid broadcasts.
    nudge_rate_limit: float = DEFAULT_NUDGE_RATE
    # What /support and every safety answer show: the operator's text for everyone,
    # `support_texts` per language (SUPPORT_TEXT_DE…); with neither, the bot's own
    # general text in the person's language (bot/texts/safety.py).
    support_text: str = ""
    support_texts: Mapping[str, str] = field(default_factory=dict)
    webhook: WebhookSettings | None = None
    log_format: str = "text"
    # Handled updates are remembered this long, so a repeat from Telegram is ignored.
    inbox_keep: timedelta = timedelta(hours=24)
    # An update whose handling fails this many times is set aside (quarantined).
    poison_attempts: int = 3
    db_statement_timeout: float = 2.0
    db_connect_timeout: float = 2.0
    skill_classes: tuple[str, ...] = ("core_skill", "meta_skill")
    skill_tags: tuple[str, ...] = ()
    scenario_classes: tuple[str, ...] = ("scenario",)
    skill_matching: str = "lexical"
    health_file: Path = Path("data/health.json")
    health_port: int | None = None
    # Empty: the texts in bot/texts/basics.py.
    bot_description: str = ""
    bot_short_description: str = ""
    # For tests of the whole process only: the instant its clock starts at (see
    # bot.domain.models.running_from). Unset in any real deployment.
    clock_start: datetime | None = None

    @property
    def bot_api_url(self) -> str:
        """Root PTB appends the token to for method calls: `{base}/bot<token>/<method>`."""
        return f"{self.telegram_api_base_url}/bot"

    @property
    def bot_file_url(self) -> str:
        """Root PTB appends the token to for file downloads."""
        return f"{self.telegram_api_base_url}/file/bot"

    @property
    def paid_broadcasts(self) -> bool:
        """Whether nudges go out as paid broadcasts (`allow_paid_broadcast`, Stars per
        message): only when the operator set a nudge rate above Telegram's free limit."""
        return self.nudge_rate_limit > FREE_MESSAGES_PER_SECOND

    def is_allowed(self, user_id: int) -> bool:
        """Tell whether this person may use the bot (an empty allow-list admits everyone)."""
        return not self.allowed_user_ids or user_id in self.allowed_user_ids

    def is_admin(self, user_id: int) -> bool:
        """Tell whether this person may use the admin commands."""
        return user_id in self.admin_user_ids


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")
) -> Settings:
    """Read settings from `.env` (if present) overlaid by the process environment."""
    values: dict[str, str] = {}
    if env_file is not None and env_file.is_file():
        values.update({k: v for k, v in dotenv_values(env_file).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return parse_settings(values)


def parse_settings(values: Mapping[str, str]) -> Settings:
    """Validate raw string values into Settings, raising ConfigError on the first bad one."""

    def get(name: str) -> str:
        return values.get(name, "").strip()

    return Settings(
        telegram_bot_token=_token(get("TELEGRAM_BOT_TOKEN")),
        telegram_api_base_url=_base_url(get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL),
        database_url=async_database_url(get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        skills_dir=_skills_dir(get("SKILLS_DIR")),
        starter_vault=not get("SKILLS_DIR") and not Path("skills").is_dir(),
        default_timezone=_timezone("DEFAULT_TIMEZONE", get("DEFAULT_TIMEZONE") or "UTC"),
        default_reminder_time=_clock("DEFAULT_REMINDER_TIME", get("DEFAULT_REMINDER_TIME")),
        allowed_user_ids=_id_list("ALLOWED_USER_IDS", get("ALLOWED_USER_IDS")),
        admin_user_ids=_id_list("ADMIN_USER_IDS", get("ADMIN_USER_IDS")),
        log_level=_log_level(get("LOG_LEVEL")),
        practice_idle_timeout=timedelta(
            hours=_positive("PRACTICE_IDLE_HOURS", get("PRACTICE_IDLE_HOURS"), 24.0)
        ),
        vault_poll_seconds=_positive("VAULT_POLL_SECONDS", get("VAULT_POLL_SECONDS"), 5.0),
        nudge_grace=timedelta(
            minutes=_positive("NUDGE_GRACE_MINUTES", get("NUDGE_GRACE_MINUTES"), 120.0)
        ),
        nudge_interval_seconds=_interval(get("NUDGE_INTERVAL_SECONDS")),
        nudge_spread_minutes=_spread(get("NUDGE_SPREAD_MINUTES")),
        nudge_rate_limit=_nudge_rate(get("NUDGE_RATE_LIMIT")),
        support_text=_multiline(get("SUPPORT_TEXT")),
        support_texts={
            name.removeprefix("SUPPORT_TEXT_").lower(): _multiline(text)
            for name, text in values.items()
            if re.fullmatch(r"SUPPORT_TEXT_[A-Za-z]{2}", name) and text.strip()
        },
        webhook=_webhook(get, _base_url(get("TELEGRAM_API_BASE_URL") or DEFAULT_API_BASE_URL)),
        log_format=_choice("LOG_FORMAT", get("LOG_FORMAT") or "text", ("text", "json")),
        inbox_keep=timedelta(hours=_positive("INBOX_KEEP_HOURS", get("INBOX_KEEP_HOURS"), 24.0)),
        poison_attempts=_count("POISON_ATTEMPTS", get("POISON_ATTEMPTS"), 3),
        db_statement_timeout=_positive(
            "DB_STATEMENT_TIMEOUT_SECONDS", get("DB_STATEMENT_TIMEOUT_SECONDS"), 2.0
        ),
        db_connect_timeout=_positive(
            "DB_CONNECT_TIMEOUT_SECONDS", get("DB_CONNECT_TIMEOUT_SECONDS"), 2.0
        ),
        skill_classes=_names("SKILL_CLASSES", get("SKILL_CLASSES") or "core_skill, meta_skill"),
        skill_tags=tuple(name.lstrip("#") for name in _names("SKILL_TAGS", get("SKILL_TAGS"))),
        scenario_classes=_names("SCENARIO_CLASSES", get("SCENARIO_CLASSES") or "scenario"),
        skill_matching=_skill_matching(get("SKILL_MATCHING")),
        health_file=Path(get("HEALTH_FILE") or "data/health.json"),
        health_port=_port("HEALTH_PORT", get("HEALTH_PORT")) if get("HEALTH_PORT") else None,
        bot_description=_limited("BOT_DESCRIPTION", get("BOT_DESCRIPTION"), 512),
        bot_short_description=_limited("BOT_SHORT_DESCRIPTION", get("BOT_SHORT_DESCRIPTION"), 120),
        clock_start=_instant("SKILLBOT_CLOCK_START", get("SKILLBOT_CLOCK_START")),
    )


def _skills_dir(text: str) -> Path:
    if text:
        return Path(text)
    # Unset: ./skills when it exists (a clone, or after `skillbot init`), else the
    # starter vault that came with the package, so a fresh install works at once.
    return Path("skills") if Path("skills").is_dir() else STARTER_VAULT


def async_database_url(url: str) -> str:
    """Map a plain `sqlite://` or `postgresql://` URL onto its asyncio driver."""
    scheme, sep, rest = url.partition("://")
    if not sep or not rest:
        raise ConfigError(
            "DATABASE_URL", "expected sqlite:///path/to.db or postgresql://user@host/db"
        )
    scheme = scheme.lower()
    if scheme in ("sqlite", "sqlite+aiosqlite"):
        if rest.lstrip("/").partition("?")[0] in ("", ":memory:"):
            raise ConfigError(
                "DATABASE_URL",
                "an in-memory or unnamed SQLite database forgets everyone at each restart; "
                "name a file: sqlite:///path/to.db",
            )
        return f"sqlite+aiosqlite://{rest}"
    if scheme in ("postgres", "postgresql", "postgresql+asyncpg"):
        _check_port(rest)
        return f"postgresql+asyncpg://{_asyncpg_query(rest)}"
    raise ConfigError(
        "DATABASE_URL",
        f"unsupported scheme {scheme!r}; expected sqlite:///path/to.db or postgresql://…",
    )


# SQLAlchemy's reading of "user:password@": a user may hold "@" (Azure's user@server), the
# password ends at the first "@" after the ":".
_CREDENTIALS = re.compile(r"[^:/]*(?::[^@]*)?@")


def _check_port(rest: str) -> None:
    """A port that is not a number is said here, in one line, not as a traceback from
    the first command that opens the database."""
    credentials = _CREDENTIALS.match(rest)
    host = rest[credentials.end() if credentials else 0 :].split("/", 1)[0].split("?", 1)[0]
    port = host.rpartition("]")[2] if host.startswith("[") else host
    _, colon, number = port.rpartition(":")
    if colon and not (number.isascii() and number.isdigit() and int(number) <= 65535):
        # Not said back: a password holding "@" or ":" may be what was read as the port.
        raise ConfigError("DATABASE_URL", "the port is not a number from 1 to 65535")


def _asyncpg_query(rest: str) -> str:
    """The URL's query as asyncpg takes it: libpq's `sslmode=require` (what managed
    PostgreSQL services hand out) is asyncpg's `ssl=require`, with the same modes;
    asyncpg refuses `sslmode` itself, and the bot would retry that for ever."""
    # The query starts at the first "?" after the user and password (which end at the
    # first "@", as SQLAlchemy reads a URL): a password may hold a "?" of its own, and
    # none of it may reach a message.
    credentials = _CREDENTIALS.match(rest)
    start = rest.find("?", credentials.end() if credentials else 0)
    if start < 0:
        return rest
    where, query = rest[:start], rest[start + 1 :].partition("#")[0]
    given = parse_qsl(query, keep_blank_values=True)
    keys = [key for key, _ in given]
    # Several hosts (host=h1&host=h2) are asyncpg's way to list replicas.
    if twice := sorted({key for key in keys if keys.count(key) > 1} - {"host", "port"}):
        raise ConfigError("DATABASE_URL", f"{', '.join(twice)} is given twice; keep one")
    if any(
        key == "prepared_statement_cache_size" and not value.isdecimal() for key, value in given
    ):
        raise ConfigError("DATABASE_URL", "prepared_statement_cache_size must be a number")
    if refused := sorted(set(keys) - _ASYNCPG_TAKES):
        # Passed on, asyncpg refuses each at every connection, and the bot would retry
        # for ever: said once, here, instead.
        raise ConfigError(
            "DATABASE_URL",
            f"{', '.join(refused)} is not a setting the bot's PostgreSQL driver (asyncpg) "
            f"takes in the URL; remove it (it takes {', '.join(sorted(_ASYNCPG_TAKES))})",
        )
    has_ssl = any(key == "ssl" for key, _ in given)
    pairs = [
        ("ssl", value) if key == "sslmode" else (key, value)
        for key, value in given
        if not (key == "sslmode" and has_ssl)  # an explicit ssl= wins
    ]
    return f"{where}?{urlencode(pairs)}"


# What asyncpg's connect() takes from the URL's query as SQLAlchemy passes it on (as
# text), and libpq's sslmode, turned into ssl above. Anything else (application_name,
# channel_binding, sslrootcert, connect_timeout…) would fail every connection.
_ASYNCPG_TAKES = frozenset(
    {
        "ssl", "sslmode", "target_session_attrs", "prepared_statement_cache_size",
        "passfile", "service", "servicefile", "krbsrvname", "gsslib", "host", "port",
    }
)  # fmt: skip


def parse_clock(text: str) -> time | None:
    """Parse `HH:MM` (24-hour) into a time, or None when it is not one."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _token(text: str) -> str | None:
    if not text:
        return None
    if not _TOKEN.match(text):
        # Never echo the value: it may be a real token with a typo in it.
        raise ConfigError("TELEGRAM_BOT_TOKEN", "expected the form 123456789:ABC-your-token")
    return text


def _base_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise ConfigError(
            "TELEGRAM_API_BASE_URL", "expected an http(s) URL such as https://api.telegram.org"
        )
    return text.rstrip("/")


def _instant(variable: str, text: str) -> datetime | None:
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.tzinfo is None:
        raise ConfigError(variable, "expected an ISO 8601 instant such as 2026-03-02T08:59:50Z")
    return parsed.astimezone(UTC)


def _timezone(variable: str, text: str) -> str:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(variable, "expected an IANA time zone such as Europe/Berlin") from None
    return text


def _clock(variable: str, text: str) -> time:
    if not text:
        return time(9, 0)
    parsed = parse_clock(text)
    if parsed is None:
        raise ConfigError(variable, "expected a 24-hour time HH:MM such as 09:00")
    return parsed


def _id_list(variable: str, text: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ConfigError(variable, "expected Telegram user ids separated by commas")
        ids.add(int(part))
    return frozenset(ids)


def _multiline(text: str) -> str:
    # `\n` in the variable becomes a line break: .env files keep values on one line.
    return text.strip().replace("\\n", "\n")


def _log_level(text: str) -> str:
    level = (text or "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError("LOG_LEVEL", f"expected one of {', '.join(LOG_LEVELS)}")
    return level


_SECRET = re.compile(r"^[A-Za-z0-9_-]{16,256}$")


# The only ports Telegram's own Bot API delivers webhooks to (it also requires https).
PUBLIC_WEBHOOK_PORTS = (443, 80, 88, 8443)


def _webhook(get: Callable[[str], str], api_base_url: str) -> WebhookSettings | None:
    url = get("WEBHOOK_URL")
    if not url:
        return None
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise ConfigError("WEBHOOK_URL", "the port is not a number from 1 to 65535") from None
    if urlsplit(api_base_url).hostname == urlsplit(DEFAULT_API_BASE_URL).hostname:
        if parts.scheme != "https" or not parts.hostname:
            raise ConfigError(
                "WEBHOOK_URL",
                "expected the public https URL Telegram should call (Telegram's Bot API "
                "calls https only, on port 443, 80, 88 or 8443; plain http works with a "
                "self-hosted Bot API server set in TELEGRAM_API_BASE_URL)",
            )
        if (port or 443) not in PUBLIC_WEBHOOK_PORTS:
            raise ConfigError(
                "WEBHOOK_URL",
                "Telegram's Bot API calls webhooks on ports 443, 80, 88 or 8443 only",
            )
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        # A self-hosted Bot API server calls plain http too, on any port.
        raise ConfigError("WEBHOOK_URL", "expected an http(s) URL your Bot API server can reach")
    secret = get("WEBHOOK_SECRET")
    if not _SECRET.match(secret):
        raise ConfigError(
            "WEBHOOK_SECRET",
            "required with WEBHOOK_URL: 16 to 256 characters of A-Z, a-z, 0-9, _ and -",
        )
    port_number = _port("WEBHOOK_PORT", get("WEBHOOK_PORT") or "8080")
    return WebhookSettings(url, secret, get("WEBHOOK_LISTEN") or "0.0.0.0", port_number)


def _port(variable: str, text: str) -> int:
    if not text.isdecimal() or not 1 <= int(text) <= 65535:
        raise ConfigError(variable, "expected a port number from 1 to 65535")
    return int(text)


_NAME = re.compile(r"^#?[\w/-]+$")


def _names(variable: str, text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if not all(_NAME.match(name) for name in names):
        raise ConfigError(variable, "expected names separated by commas, such as core_skill")
    return names


def _choice(variable: str, text: str, allowed: tuple[str, ...]) -> str:
    if text.lower() not in allowed:
        raise ConfigError(variable, f"expected one of {', '.join(allowed)}")
    return text.lower()


def _interval(text: str) -> float:
    # A nudge may be at most a minute late; a slower tick would break that.
    wrong = ConfigError(
        "NUDGE_INTERVAL_SECONDS", "expected a number of seconds, above 0, at most 60"
    )
    try:
        seconds = _positive("NUDGE_INTERVAL_SECONDS", text, 30.0)
    except ConfigError:
        raise wrong from None
    if seconds > 60:
        raise wrong
    return seconds


def _spread(text: str) -> int:
    if not text:
        return 0
    if not text.isdecimal() or int(text) > MAX_SPREAD_MINUTES:
        raise ConfigError(
            "NUDGE_SPREAD_MINUTES",
            f"expected a whole number of minutes from 0 (off) to {MAX_SPREAD_MINUTES}",
        )
    return int(text)


def _nudge_rate(text: str) -> float:
    rate = _positive("NUDGE_RATE_LIMIT", text, DEFAULT_NUDGE_RATE)
    if rate > MAX_NUDGE_RATE:
        raise ConfigError(
            "NUDGE_RATE_LIMIT",
            f"expected messages per second up to {MAX_NUDGE_RATE:.0f} (Telegram's paid "
            "broadcast limit); above 30 each nudge costs Telegram Stars",
        )
    return rate


def _positive(variable: str, text: str, default: float) -> float:
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    # NaN compares false with everything and would slip past `<= 0`; infinity is no rate.
    if not math.isfinite(value) or value <= 0:
        raise ConfigError(variable, "expected a positive number")
    return value


def _count(variable: str, text: str, default: int) -> int:
    if not text:
        return default
    if not text.isdecimal() or int(text) < 1:
        raise ConfigError(variable, "expected a whole number, 1 or more")
    return int(text)


def _skill_matching(text: str) -> str:
    kind = _choice("SKILL_MATCHING", text or "lexical", ("lexical", "semantic"))
    if kind == "semantic" and importlib.util.find_spec("wordllama") is None:
        raise ConfigError(
            "SKILL_MATCHING", "semantic needs the optional extra: pip install 'skillbot[semantic]'"
        )
    return kind


def _limited(variable: str, text: str, limit: int) -> str:
    # `\n` becomes a line break, as in SUPPORT_TEXT; Telegram caps the length.
    text = text.replace("\\n", "\n")
    if len(text) > limit:
        raise ConfigError(variable, f"expected at most {limit} characters (Telegram's limit)")
    return text
