"""Logging set-up: one format, quiet libraries, and secrets scrubbed from every line."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

# httpx logs every request URL at INFO, and Bot API URLs contain the token.
_NOISY = {
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,
    "alembic": logging.WARNING,
    "aiosqlite": logging.INFO,
    # PTB's DEBUG lines quote whole updates and replies: what people write about
    # their relationships stays out of the logs even when debugging.
    "telegram": logging.INFO,
    # Dozens of parser-rule lines per card rendered at DEBUG, none of them ours to read.
    "markdown_it": logging.INFO,
}


class RedactSecrets(logging.Filter):
    """Replace each secret with a placeholder in the final text of a record."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        text = message
        for secret in self.secrets:
            text = text.replace(secret, "[REDACTED]")
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            for secret in self.secrets:
                record.exc_text = record.exc_text.replace(secret, "[REDACTED]")
        if text != message:
            record.msg, record.args = text, None
        return True


# Libraries log what they were given: PTB quotes a whole update (a person's message)
# when it cannot build a context for it, httpx quotes URLs (the token). Their lines
# keep their wording, but every argument that is not a number becomes its type name
# and an exception becomes its class name.
_LIBRARIES = ("telegram", "httpx", "httpcore", "tornado", "apscheduler", "asyncio")


class ScrubLibraryRecords(logging.Filter):
    """Strip arguments and exception text from library log records."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(_LIBRARIES):
            return True
        args = record.args if isinstance(record.args, tuple) else (record.args,)
        if record.args:
            safe = tuple(_safe(arg) for arg in args)
            try:
                record.msg = str(record.msg) % safe
            except (TypeError, ValueError):
                record.msg = f"{record.msg} ({', '.join(map(str, safe))})"
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"{record.msg} [{type(record.exc_info[1]).__name__}]"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True


def _safe(value: object) -> object:
    if isinstance(value, bool | int | float) or value is None:
        return value
    return f"<{type(value).__name__}>"


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log shippers; an `event` extra adds its fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        event = getattr(record, "event", None)
        if isinstance(event, dict):
            entry.update(event)
        if record.exc_info:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str, secrets: Iterable[str] = (), fmt: str = "text") -> None:
    """Send logs to stderr at `level` as text or JSON lines, with secrets removed."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter()
        if fmt == "json"
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    handler.addFilter(ScrubLibraryRecords())
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name, floor in _NOISY.items():
        logging.getLogger(name).setLevel(max(floor, logging.getLevelName(level)))
