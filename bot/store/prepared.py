"""Core statements compiled once and run on the driver's own cursor: the press's hot path.

Around a statement that SQLite answers in a few microseconds, SQLAlchemy's execution
spends tens of microseconds of Python (an execution context, its events, a result
object): a unit of BEGIN, one indexed read, one update and COMMIT took 0.084 ms
through `Connection.execute` and 0.007 ms on the driver (docs/benchmarks.md). A Next
press runs five statements in three units, so that was a fifth of the press.

A `Prepared` statement is still written in Core, once for both databases, and still
runs inside the unit's transaction (on SQLite, begun on the driver: bot/store/units.py).
It is compiled once per dialect, at its first run, and each run hands a cursor the
compiled SQL and the parameters in the order it names them, converted by the column
types' own processors (`TypeEngine.dialect_impl(...).bind_processor` /
`.result_processor`, public SQLAlchemy API); rows come back as named tuples, which
answer the same attribute access and `_asdict()` as SQLAlchemy's rows. On SQLite the
cursor is `sqlite3`'s own. On PostgreSQL it is the DB-API cursor of SQLAlchemy's
asyncpg adapter, run from the unit's greenlet: the same prepared-statement cache, the
same lazily begun transaction and the same error translation as `Connection.execute`,
without Core's execution context and result objects around each statement, which cost
a unit of four round trips as much as the round trips themselves (docs/benchmarks.md,
"Seventh session").

It takes only what it can run exactly as SQLAlchemy would: plain bound parameters
(no expanding IN, no literal rendering, no bound callables) and no column default
computed in Python as the statement executes. Anything else is refused (TypeError)
at the first run, before any SQL is sent.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import namedtuple
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, InvalidRequestError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.util import is_exit_exception

from bot.store.engine import note_failed_statement

Processor = Callable[[Any], Any] | None
Statement = Select[Any] | UpdateBase


@dataclass(frozen=True, slots=True)
class _Parameter:
    name: str
    # Given with each run (a bare `bindparam`), or else fixed in the statement (a
    # literal such as `.values(state="done")`), which a run may still override.
    required: bool
    fixed: Any
    process: Processor


@dataclass(frozen=True, slots=True)
class _Compiled:
    sql: str
    parameters: tuple[_Parameter, ...]
    names: frozenset[str]
    # Rows are built only for a SELECT or a RETURNING, from a list of the row's values.
    make_row: Callable[[list[Any]], Any] | None
    # The columns whose values need converting (a date read from text, say), by position.
    results: tuple[tuple[int, Callable[[Any], Any]], ...]


class Prepared:
    """One Core statement, compiled once per dialect and run on the driver's cursor."""

    __slots__ = ("_compiled", "statement")

    def __init__(self, statement: Statement) -> None:
        self.statement = statement
        self._compiled: dict[type[Dialect], _Compiled] = {}

    def rows(self, conn: Connection, params: Mapping[str, Any]) -> Sequence[Any]:
        """Run the statement once; its rows (attribute access and `_asdict()` on both
        databases), or none for a statement that returns none."""
        return self.many(conn, (params,))

    def first(self, conn: Connection, params: Mapping[str, Any]) -> Any:
        """The first row, or None."""
        found = self.rows(conn, params)
        return found[0] if found else None

    def many(self, conn: Connection, batch: Sequence[Mapping[str, Any]]) -> Sequence[Any]:
        """Run the statement for each parameter set of `batch` (on other databases, one
        `executemany` when it returns no rows); the rows of all of them, in order."""
        if not batch:
            return ()  # (an empty list would be one run without parameters)
        dialect = conn.dialect
        compiled = self._compiled.get(type(dialect)) or self._compile(dialect)
        driver = conn.connection.driver_connection
        if not isinstance(driver, sqlite3.Connection):
            return _on_dbapi_cursor(conn, compiled, batch)
        found: list[Any] = []
        for params in batch:
            values = _bound(compiled, params)
            with driver_errors(conn, compiled.sql):
                cursor = driver.execute(compiled.sql, values)
                raw_rows = cursor.fetchall() if compiled.make_row is not None else ()
            found.extend(_converted(compiled, raw_rows))
        return found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        names = compiled.positiontup
        binds = compiled.binds
        if (
            names is None
            or compiled.literal_execute_params
            or compiled.insert_prefetch  # defaults computed in Python as it executes
            or compiled.update_prefetch
            or any(bind.expanding or bind.callable is not None for bind in binds.values())
        ):
            raise TypeError("Prepared runs plain bound parameters only")
        parameters = tuple(
            _Parameter(
                name,
                binds[name].required,
                binds[name].value,
                binds[name].type.dialect_impl(dialect).bind_processor(dialect),
            )
            for name in names
        )
        make_row = None
        results: tuple[tuple[int, Callable[[Any], Any]], ...] = ()
        if compiled.returning or isinstance(self.statement, Select):
            columns = list(self.statement.exported_columns)
            row_type = namedtuple("Row", [str(c.key) for c in columns])  # type: ignore[misc]
            make_row = cast(Callable[[list[Any]], Any], row_type._make)
            processors = (
                column.type.dialect_impl(dialect).result_processor(dialect, None)
                for column in columns
            )
            results = tuple(
                (index, process) for index, process in enumerate(processors) if process is not None
            )
        made = _Compiled(compiled.string, parameters, frozenset(names), make_row, results)
        self._compiled[type(dialect)] = made
        return made


def _on_dbapi_cursor(
    conn: Connection, compiled: _Compiled, batch: Sequence[Mapping[str, Any]]
) -> Sequence[Any]:
    """Run on the DB-API cursor of SQLAlchemy's own adapter (asyncpg's, on PostgreSQL),
    which sends BEGIN before the first statement of a transaction SQLAlchemy began."""
    if not conn.in_transaction():
        # As `Connection.execute` autobegins: the adapter would begin a transaction at
        # this statement anyway, and SQLAlchemy must know of it to end it.
        conn.begin()
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        with driver_errors(conn, compiled.sql):
            if compiled.make_row is None:
                values = [_bound(compiled, params) for params in batch]
                if len(values) == 1:
                    cursor.execute(compiled.sql, values[0])
                else:  # one round trip on asyncpg, however long the batch
                    cursor.executemany(compiled.sql, values)
                return ()
            found: list[Any] = []
            for params in batch:
                cursor.execute(compiled.sql, _bound(compiled, params))
                found.extend(_converted(compiled, cursor.fetchall()))
            return found
    finally:
        cursor.close()


@contextlib.contextmanager
def driver_errors(conn: Connection, sql: str) -> Iterator[None]:
    """Raise the driver's errors as SQLAlchemy's, as its own execution would: the rest of
    the bot tells a busy or missing database from a wrong statement by those. The
    parameters stay out of the error, as everywhere (they hold people's words).

    A connection the driver says is lost is invalidated, and with it every pooled
    connection made before it (a server restart ended them all), as SQLAlchemy's
    `invalidate_pool_on_disconnect` does; otherwise each would fail one person's update
    before the idle ping could catch it. A statement cut short, by a cancel (a shutdown,
    a lane of the dispatcher) or by asyncpg's own timeout, invalidates its connection
    too: the server may still be running it, or have begun a transaction the driver
    never saw begin (asyncpg then keeps the connection's transaction "started", and
    every later unit on it would run inside it and never commit). Anything else the
    driver raises goes on as it is, and marks the connection as one whose last
    statement failed (engine.note_failed_statement), to be pinged before its next use.
    """
    dbapi = conn.dialect.loaded_dbapi
    try:
        yield
    except dbapi.Error as error:
        lost = conn.dialect.is_disconnect(error, conn.connection.dbapi_connection, None)
        if lost:
            _invalidate(conn, error, whole_pool=True)
        else:
            note_failed_statement(conn)
        raise DBAPIError.instance(
            sql, None, error, dbapi.Error, hide_parameters=True, connection_invalidated=lost
        ) from error
    except BaseException as error:
        if is_exit_exception(error):  # a cancel, or a timeout (asyncio's is TimeoutError)
            _invalidate(conn, error, whole_pool=False)
        elif not conn.invalidated:
            note_failed_statement(conn)
        raise


def _invalidate(conn: Connection, error: BaseException, *, whole_pool: bool) -> None:
    if conn.invalidated:
        return
    if whole_pool:
        # What SQLAlchemy's own execution calls on a disconnect (Connection.
        # _handle_dbapi_exception): connections made before this one are replaced at
        # their next checkout. No public call does this for a statement run outside it.
        conn.engine.pool._invalidate(conn.connection, cast(Exception, error))
    conn.invalidate(cast(Exception, error))


def _bound(compiled: _Compiled, params: Mapping[str, Any]) -> tuple[Any, ...]:
    if not compiled.names.issuperset(params):
        # SQLAlchemy would add a column to the SET or VALUES for such a key; compiled
        # once, this statement cannot, and must not drop the value silently.
        unknown = sorted(params.keys() - compiled.names)
        raise InvalidRequestError(f"Prepared statement takes no parameter {unknown}")
    values = []
    for parameter in compiled.parameters:
        if parameter.name in params:
            value = params[parameter.name]
        elif parameter.required:
            # As SQLAlchemy says it: a missing value is an error, never a NULL.
            raise InvalidRequestError(f"A value is required for bind parameter {parameter.name!r}")
        else:
            value = parameter.fixed
        values.append(value if parameter.process is None else parameter.process(value))
    return tuple(values)


def _converted(compiled: _Compiled, raw_rows: Sequence[Any]) -> list[Any]:
    # Only the columns that need it are converted (most need nothing): a generator over
    # every column cost four times as much per row (docs/benchmarks.md, "Row building").
    make_row, results = compiled.make_row, compiled.results
    if make_row is None:
        return []
    rows = []
    for raw in raw_rows:
        values = list(raw)
        for index, process in results:
            values[index] = process(values[index])
        rows.append(make_row(values))
    return rows
