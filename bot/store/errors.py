"""Tell a database that cannot be reached from a statement that is wrong, and a database
that is not there at all."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

# Errors that mean "no answer from the database", as opposed to an answer saying no
# (a constraint, a bad statement): the first kind is worth waiting out.
_UNREACHABLE_SA = (
    sa_exc.OperationalError,  # connection refused or lost; SQLite "database is locked"
    sa_exc.InterfaceError,  # the connection closed under the driver
    sa_exc.TimeoutError,  # no pooled connection came free in time
)
# What drivers raise unwrapped: asyncpg's command and connect timeouts, a refused or
# reset socket. Telegram's client never raises these bare (PTB wraps them), so a
# bare one in a handler came from the database.
_UNREACHABLE_BARE = (TimeoutError, OSError)


def is_unreachable(error: BaseException) -> bool:
    """True when `error` says the database did not answer."""
    if isinstance(error, _UNREACHABLE_BARE + _UNREACHABLE_SA):
        return True
    if isinstance(error, sa_exc.DBAPIError):
        return error.connection_invalidated or isinstance(error.orig, _UNREACHABLE_BARE)
    return False


def is_database_error(error: BaseException) -> bool:
    """True when `error` came from the database or the way to it (a refused connection,
    a file that is not a database, a failed statement), not from the bot's own code:
    what an operator's command reports in one line."""
    return isinstance(error, sa_exc.SQLAlchemyError | OSError)


def missing_sqlite_file(database_url: str) -> Path | None:
    """The SQLite file DATABASE_URL names, when there is none (None for any other URL):
    connecting would create it, empty."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    path = Path(url.database)
    return None if path.exists() else path
