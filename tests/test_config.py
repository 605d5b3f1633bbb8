from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings, parse_settings


def test_defaults_when_nothing_is_set() -> None:
    settings = parse_settings({})
    assert settings.telegram_bot_token is None
    assert settings.telegram_api_base_url == "https://api.telegram.org"
    assert settings.bot_api_url == "https://api.telegram.org/bot"
    assert settings.bot_file_url == "https://api.telegram.org/file/bot"
    assert settings.database_url == "sqlite+aiosqlite:///data/skillbot.db"
    assert settings.skills_dir == Path("skills")
    assert settings.default_timezone == "UTC"
    assert settings.default_reminder_time == time(9, 0)
    assert settings.allowed_user_ids == frozenset()
    assert settings.log_level == "INFO"
    assert settings.practice_idle_timeout == timedelta(hours=24)


def test_every_variable_is_read() -> None:
    settings = parse_settings(
        {
            "TELEGRAM_BOT_TOKEN": "123:abc-DEF_ghi",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/",
            "DATABASE_URL": "postgresql://bot:pw@db:5432/skillbot",
            "SKILLS_DIR": "/vault/Skills",
            "DEFAULT_TIMEZONE": "Europe/Berlin",
            "DEFAULT_REMINDER_TIME": "7:45",
            "ALLOWED_USER_IDS": "1, 2,3",
            "ADMIN_USER_IDS": "2",
            "LOG_LEVEL": "debug",
            "PRACTICE_IDLE_HOURS": "2",
        }
    )
    assert settings.telegram_bot_token == "123:abc-DEF_ghi"
    assert settings.bot_api_url == "http://127.0.0.1:8081/bot"
    assert settings.database_url == "postgresql+asyncpg://bot:pw@db:5432/skillbot"
    assert settings.skills_dir == Path("/vault/Skills")
    assert settings.default_timezone == "Europe/Berlin"
    assert settings.default_reminder_time == time(7, 45)
    assert settings.allowed_user_ids == {1, 2, 3}
    assert settings.is_admin(2) and not settings.is_admin(1)
    assert settings.is_allowed(3) and not settings.is_allowed(4)
    assert settings.log_level == "DEBUG"
    assert settings.practice_idle_timeout == timedelta(hours=2)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///data/x.db", "sqlite+aiosqlite:///data/x.db"),
        ("sqlite:////abs/x.db", "sqlite+aiosqlite:////abs/x.db"),
        ("postgres://u@h/db", "postgresql+asyncpg://u@h/db"),
        ("postgresql+asyncpg://u@h/db", "postgresql+asyncpg://u@h/db"),
        # libpq's sslmode, as managed services hand it out, is asyncpg's ssl.
        ("postgresql://u@h/db?sslmode=require", "postgresql+asyncpg://u@h/db?ssl=require"),
        (
            "postgres://u:p@h:5432/db?sslmode=disable&target_session_attrs=read-write",
            "postgresql+asyncpg://u:p@h:5432/db?ssl=disable&target_session_attrs=read-write",
        ),
        (
            "postgresql://u@h/db?ssl=require&sslmode=disable",
            "postgresql+asyncpg://u@h/db?ssl=require",
        ),
        ("postgresql://u:p:w@[::1]:5432/db", "postgresql+asyncpg://u:p:w@[::1]:5432/db"),
    ],
)
def test_database_urls_get_their_async_driver(url: str, expected: str) -> None:
    assert parse_settings({"DATABASE_URL": url}).database_url == expected


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TELEGRAM_API_BASE_URL", "ftp://x", "http(s) URL"),
        ("TELEGRAM_API_BASE_URL", "not a url", "http(s) URL"),
        ("DATABASE_URL", "mysql://x/y", "sqlite:///"),
        ("DATABASE_URL", "nonsense", "sqlite:///"),
        ("DATABASE_URL", "postgresql://u:pw@host:abc/x", "port is not a number"),
        ("DATABASE_URL", "postgresql://u@host:99999/x", "port is not a number"),
        ("DEFAULT_TIMEZONE", "Mars/Olympus", "IANA time zone"),
        ("DEFAULT_REMINDER_TIME", "25:99", "HH:MM"),
        ("DEFAULT_REMINDER_TIME", "noon", "HH:MM"),
        ("ALLOWED_USER_IDS", "1,bob", "user ids"),
        ("ADMIN_USER_IDS", "x", "user ids"),
        ("LOG_LEVEL", "LOUD", "DEBUG"),
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "123456789:"),
        ("PRACTICE_IDLE_HOURS", "-1", "positive"),
        ("SKILLBOT_CLOCK_START", "tomorrow", "ISO 8601"),
        ("SKILLBOT_CLOCK_START", "2026-03-02T08:59:50", "ISO 8601"),  # no zone: ambiguous
        ("PRACTICE_IDLE_HOURS", "nan", "positive"),
        ("NUDGE_SPREAD_MINUTES", "121", "0 (off) to 120"),
        ("NUDGE_SPREAD_MINUTES", "-5", "0 (off) to 120"),
        ("NUDGE_SPREAD_MINUTES", "7.5", "0 (off) to 120"),
        ("NUDGE_SPREAD_MINUTES", "an hour", "0 (off) to 120"),
        ("NUDGE_RATE_LIMIT", "1000.5", "up to 1000"),
        ("NUDGE_RATE_LIMIT", "0", "positive"),
        ("NUDGE_RATE_LIMIT", "-30", "positive"),
        ("NUDGE_RATE_LIMIT", "nan", "positive"),
        ("NUDGE_RATE_LIMIT", "inf", "positive"),
        ("NUDGE_RATE_LIMIT", "fast", "positive"),
    ],
)
def test_a_bad_value_names_the_variable_and_the_form(
    variable: str, value: str, expected: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings({variable: value})
    assert caught.value.variable == variable
    assert str(caught.value).startswith(f"{variable}: ")
    assert expected in str(caught.value)


def test_nudges_go_at_the_chosen_minute_and_the_free_rate_unless_told() -> None:
    settings = parse_settings({})
    assert settings.nudge_spread_minutes == 0
    assert settings.nudge_rate_limit == 29.5
    assert not settings.paid_broadcasts


@pytest.mark.parametrize(
    ("spread", "rate", "paid"),
    [("0", "30", False), ("60", "20", False), ("120", "30.5", True), ("45", "1000", True)],
)
def test_the_spread_window_and_the_nudge_rate(spread: str, rate: str, paid: bool) -> None:
    settings = parse_settings({"NUDGE_SPREAD_MINUTES": spread, "NUDGE_RATE_LIMIT": rate})
    assert settings.nudge_spread_minutes == int(spread)
    assert settings.nudge_rate_limit == float(rate)
    # Above Telegram's free 30 a second, nudges are paid broadcasts (Stars per message).
    assert settings.paid_broadcasts is paid


def test_a_bad_token_is_not_echoed() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings({"TELEGRAM_BOT_TOKEN": "123:secret with space"})
    assert "secret" not in str(caught.value)


def test_environment_overrides_dotenv(tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("DEFAULT_TIMEZONE=Asia/Tokyo\nLOG_LEVEL=WARNING\n# comment\n")
    settings = load_settings({"LOG_LEVEL": "ERROR"}, env_file)
    assert settings.default_timezone == "Asia/Tokyo"
    assert settings.log_level == "ERROR"


def test_missing_dotenv_is_fine(tmp_path: Path) -> None:
    assert load_settings({}, tmp_path / "absent").log_level == "INFO"


def test_webhook_settings() -> None:
    settings = parse_settings(
        {
            "WEBHOOK_URL": "https://bot.example.org/tg/hook",
            "WEBHOOK_SECRET": "a" * 20,
            "WEBHOOK_PORT": "8443",
            "LOG_FORMAT": "JSON",
        }
    )
    assert settings.webhook is not None
    assert (settings.webhook.path, settings.webhook.port) == ("/tg/hook", 8443)
    assert settings.webhook.listen == "0.0.0.0" and settings.log_format == "json"
    assert parse_settings({}).webhook is None


@pytest.mark.parametrize(
    ("values", "variable"),
    [
        (
            {"WEBHOOK_URL": "http://insecure.example.org/x", "WEBHOOK_SECRET": "a" * 20},
            "WEBHOOK_URL",
        ),
        ({"WEBHOOK_URL": "https://bot.example.org/x"}, "WEBHOOK_SECRET"),
        (
            {"WEBHOOK_URL": "https://bot.example.org/x", "WEBHOOK_SECRET": "short"},
            "WEBHOOK_SECRET",
        ),
        (
            {
                "WEBHOOK_URL": "https://b.example.org/x",
                "WEBHOOK_SECRET": "a" * 20,
                "WEBHOOK_PORT": "99999",
            },
            "WEBHOOK_PORT",
        ),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
        ({"NUDGE_INTERVAL_SECONDS": "90"}, "NUDGE_INTERVAL_SECONDS"),
    ],
)
def test_bad_webhook_and_log_settings(values: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings(values)
    assert caught.value.variable == variable


def test_skill_classes_tags_and_scenario_classes() -> None:
    from bot.config import ConfigError, parse_settings

    settings = parse_settings({"SKILL_CLASSES": "skill, core_skill", "SKILL_TAGS": "#practice"})
    assert settings.skill_classes == ("skill", "core_skill")
    assert settings.skill_tags == ("practice",)
    assert settings.scenario_classes == ("scenario",)
    assert parse_settings({}).skill_classes == ("core_skill", "meta_skill")
    with pytest.raises(ConfigError, match="SKILL_CLASSES"):
        parse_settings({"SKILL_CLASSES": "core skill"})


def test_skill_matching_is_lexical_unless_asked() -> None:
    assert parse_settings({}).skill_matching == "lexical"
    assert parse_settings({"SKILL_MATCHING": "Semantic"}).skill_matching == "semantic"
    with pytest.raises(ConfigError) as caught:
        parse_settings({"SKILL_MATCHING": "magic"})
    assert caught.value.variable == "SKILL_MATCHING"


def test_semantic_matching_without_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name: None if name == "wordllama" else real(name)
    )
    with pytest.raises(ConfigError, match=r"skillbot\[semantic\]"):
        parse_settings({"SKILL_MATCHING": "semantic"})


def test_a_self_hosted_bot_api_server_may_call_plain_http_on_any_port() -> None:
    settings = parse_settings(
        {
            "TELEGRAM_API_BASE_URL": "http://bot-api:8081",
            "WEBHOOK_URL": "http://skillbot:8080/telegram",
            "WEBHOOK_SECRET": "a" * 20,
        }
    )
    assert settings.webhook is not None and settings.webhook.url.startswith("http://")


@pytest.mark.parametrize(
    "url", ["http://bot.example.org/x", "https://bot.example.org:8080/x", "ftp://b.example.org/x"]
)
def test_telegrams_own_api_needs_https_on_its_ports(url: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_settings({"WEBHOOK_URL": url, "WEBHOOK_SECRET": "a" * 20})
    assert caught.value.variable == "WEBHOOK_URL"
    assert "443, 80, 88 or 8443" in str(caught.value)


def test_telegrams_own_ports_are_accepted() -> None:
    for port in ("", ":443", ":80", ":88", ":8443"):
        url = f"https://bot.example.org{port}/x"
        assert parse_settings({"WEBHOOK_URL": url, "WEBHOOK_SECRET": "a" * 20}).webhook


def test_health_settings() -> None:
    assert parse_settings({}).health_port is None
    assert parse_settings({}).health_file == Path("data/health.json")
    settings = parse_settings({"HEALTH_PORT": "8081", "HEALTH_FILE": "/tmp/h.json"})
    assert (settings.health_port, settings.health_file) == (8081, Path("/tmp/h.json"))
    with pytest.raises(ConfigError) as caught:
        parse_settings({"HEALTH_PORT": "0"})
    assert caught.value.variable == "HEALTH_PORT"


def test_a_test_clock_starts_at_the_instant_given_and_runs_on() -> None:
    from datetime import UTC, datetime

    from bot.domain.models import running_from

    start = parse_settings({"SKILLBOT_CLOCK_START": "2026-03-02T10:59:50+02:00"}).clock_start
    assert start == datetime(2026, 3, 2, 8, 59, 50, tzinfo=UTC)
    assert parse_settings({}).clock_start is None  # a real deployment reads the real time
    clock = running_from(start)
    first, second = clock(), clock()
    assert start <= first <= second  # from the instant given, onwards
    assert second < datetime.now(UTC)  # 2026-03-02 plus a moment, not the machine's time


def test_the_support_text_for_everyone_and_for_each_language() -> None:
    assert parse_settings({}).support_text == ""
    assert parse_settings({}).support_texts == {}
    settings = parse_settings(
        {
            "SUPPORT_TEXT": " Samaritans: 116 123\\nAny time. ",
            "SUPPORT_TEXT_DE": "TelefonSeelsorge:\\n0800 111 0 111",
            "SUPPORT_TEXT_ES": "   ",  # empty: Spanish speakers get the text for everyone
            "SUPPORT_TEXT_EXTRA": "not a language",
        }
    )
    assert settings.support_text == "Samaritans: 116 123\nAny time."
    assert settings.support_texts == {"de": "TelefonSeelsorge:\n0800 111 0 111"}


def test_a_setting_asyncpg_does_not_take_is_a_configuration_error_not_a_retry_loop() -> None:
    for setting in ("channel_binding=require", "application_name=bot"):
        url = f"postgresql://u@h/db?sslmode=require&{setting}"
        with pytest.raises(ConfigError, match=f"{setting.split('=')[0]} is not a setting"):
            parse_settings({"DATABASE_URL": url})


def test_a_password_holding_a_question_mark_is_no_query_and_never_shown() -> None:
    url = "postgresql://postgres:pa?ss@127.0.0.1:5432/db?sslmode=require"
    assert (
        parse_settings({"DATABASE_URL": url}).database_url
        == "postgresql+asyncpg://postgres:pa?ss@127.0.0.1:5432/db?ssl=require"
    )
    with pytest.raises(ConfigError) as refused:
        parse_settings({"DATABASE_URL": "postgresql://u:s3cr?et@h/db?application_name=x"})
    assert "s3cr" not in str(refused.value) and "et@h" not in str(refused.value)


def test_host_in_the_query_and_settings_given_twice() -> None:
    socket = "postgresql://postgres@/db?host=/var/run/postgresql"
    assert parse_settings({"DATABASE_URL": socket}).database_url.endswith(
        "/db?host=%2Fvar%2Frun%2Fpostgresql"
    )
    with pytest.raises(ConfigError, match="sslmode is given twice"):
        parse_settings({"DATABASE_URL": "postgresql://u@h/db?sslmode=disable&sslmode=require"})


def test_a_user_holding_an_at_sign_and_an_at_sign_in_the_query() -> None:
    azure = "postgresql://user@myserver:s3cr?et@host/db?sslmode=require"
    assert parse_settings({"DATABASE_URL": azure}).database_url.endswith("@host/db?ssl=require")
    passfile = "postgresql://host/db?sslmode=require&passfile=/home/a@b/.pgpass"
    assert "ssl=require" in parse_settings({"DATABASE_URL": passfile}).database_url
    hosts = "postgresql://u@h/db?host=h1:5432&host=h2:5432"  # replicas, listed
    assert parse_settings({"DATABASE_URL": hosts}).database_url.count("host=") == 2


def test_a_password_read_as_a_port_is_never_shown() -> None:
    with pytest.raises(ConfigError) as refused:
        parse_settings({"DATABASE_URL": "postgresql://user:p@ss:hunter2@db/app"})
    assert "hunter2" not in str(refused.value) and "port" in str(refused.value)
