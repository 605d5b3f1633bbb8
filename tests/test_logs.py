import logging

import pytest

from bot.logs import RedactSecrets, configure_logging
from tests.support.environment import TOKEN


def test_secrets_are_removed_from_messages_args_and_tracebacks() -> None:
    record = logging.LogRecord(
        "telegram.ext.ExtBot",
        logging.DEBUG,
        __file__,
        1,
        "Set Bot API URL: %s",
        (f"https://api.telegram.org/bot{TOKEN}",),
        None,
    )
    assert RedactSecrets([TOKEN]).filter(record)
    assert TOKEN not in record.getMessage() and "[REDACTED]" in record.getMessage()

    try:
        raise RuntimeError(f"failed calling /bot{TOKEN}/getMe")
    except RuntimeError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "boom", None, sys.exc_info())
    RedactSecrets([TOKEN]).filter(record)
    assert TOKEN not in logging.Formatter().format(record)


def test_configured_logging_never_prints_the_token(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("DEBUG", [TOKEN])
    try:
        logging.getLogger("bot.anything").warning("url is https://x/bot%s/getMe", TOKEN)
        logging.getLogger("httpx").info("HTTP Request: POST https://x/bot%s/getMe", TOKEN)
    finally:
        logging.getLogger().handlers.clear()
    err = capsys.readouterr().err
    assert "[REDACTED]" in err
    assert TOKEN not in err
    assert "HTTP Request" not in err  # httpx's request lines are silenced below WARNING


def test_json_lines_carry_the_event_fields(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    configure_logging("INFO", [TOKEN], "json")
    try:
        logging.getLogger("bot.updates").info(
            "message from user 5", extra={"event": {"event": "update", "user_id": 5}}
        )
        logging.getLogger("bot").warning("token %s", TOKEN)
    finally:
        logging.getLogger().handlers.clear()
    first, second = (json.loads(line) for line in capsys.readouterr().err.splitlines())
    assert first["event"] == "update" and first["user_id"] == 5 and first["level"] == "INFO"
    assert second["message"] == "token [REDACTED]"


def test_debug_leaves_out_the_markdown_parsers_own_lines() -> None:
    configure_logging("DEBUG", [TOKEN])
    assert logging.getLogger("markdown_it").getEffectiveLevel() == logging.INFO
    assert logging.getLogger("bot").getEffectiveLevel() == logging.DEBUG
    configure_logging("INFO", [TOKEN])
