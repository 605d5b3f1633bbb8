"""Tell a database that cannot be reached from a statement that is wrong."""

from __future__ import annotations

from sqlalchemy import exc as sa_exc

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
