"""Prepared statements on SQLite and on PostgreSQL read and write exactly what SQLAlchemy's
own execution would, refuse what they could not run exactly, and fail the way SQLAlchemy
fails."""

import sqlite3
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Connection, Integer, MetaData, Table, bindparam, select, update
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.exc import IntegrityError, InvalidRequestError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from bot.store import engine as engine_module
from bot.store.errors import is_unreachable
from bot.store.prepared import Prepared
from bot.store.tables import Base, UserRow
from tests.support.database import ONLY_POSTGRES

USERS = cast(Table, UserRow.__table__)
BY_ID = select(USERS).where(USERS.c.user_id == bindparam("id"))
# Every column but the key, each set from the parameter of its name.
SETTABLE = [column.key for column in USERS.columns if column.key != "user_id"]
SET_ALL = (
    update(USERS)
    .where(USERS.c.user_id == bindparam("id"))
    .values({key: bindparam(key) for key in SETTABLE})
)

instants = st.datetimes(
    # Hypothesis takes naive bounds and attaches the zone itself.
    min_value=datetime(1970, 1, 2),  # noqa: DTZ001
    max_value=datetime(2200, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
people = st.fixed_dictionaries(
    {
        "chat_id": st.integers(-(2**63), 2**63 - 1),
        "timezone": st.text(max_size=64),
        "reminder_time": st.times(),
        "reminders_enabled": st.booleans(),
        "focus_skill": st.none() | st.text(max_size=80),
        "created_at": instants,
        "last_seen_at": instants,
        "next_nudge_at": st.none() | instants,
        "paused_until": st.none() | instants,
        "silent_nudges": st.booleans(),
        "blocked": st.booleans(),
        "language": st.none() | st.text(max_size=8),
        "snoozed_nudge_id": st.none() | st.integers(0, 2**31 - 1),
        "zone_chosen": st.booleans(),
        "progress_explained": st.booleans(),
        "question": st.none() | st.text(max_size=16),
        "asked_at": st.none() | instants,
        "at_risk_since": st.none() | instants,
        "harmed_since": st.none() | instants,
    }
)


@pytest.fixture(scope="module")
def conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Connection]:
    path: Path = tmp_path_factory.mktemp("prepared") / "bot.db"
    engine = create_sync_engine(f"sqlite+pysqlite:///{path}")
    Base.metadata.create_all(engine)
    with engine.connect() as connection:
        with connection.begin():
            first = {"user_id": 1, "chat_id": 1, "timezone": "UTC", "reminder_time": time(9)}
            now = datetime(2026, 11, 30, tzinfo=UTC)
            connection.execute(USERS.insert(), [first | {"created_at": now, "last_seen_at": now},
                                                first | {"user_id": 2, "created_at": now,
                                                         "last_seen_at": now}])  # fmt: skip
        yield connection
    engine.dispose()


def stored(conn: Connection, user_id: int) -> tuple[Any, ...]:
    """The row as SQLite holds it, untouched by any type conversion."""
    driver = conn.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    row = driver.execute("SELECT * FROM users WHERE user_id = ?", (user_id,)).fetchone()
    return tuple(row)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(person=people)
def test_a_write_stores_and_a_read_returns_what_sqlalchemy_would(
    conn: Connection, person: dict[str, Any]
) -> None:
    with conn.begin():
        conn.execute(SET_ALL, {"id": 1, **person})  # SQLAlchemy's own execution
        Prepared(SET_ALL).rows(conn, {"id": 2, **person})
        assert stored(conn, 2)[1:] == stored(conn, 1)[1:]

        expected = conn.execute(BY_ID, {"id": 1}).one()._asdict()
        found = Prepared(BY_ID).first(conn, {"id": 1})._asdict()
        assert found == expected
        assert [type(value) for value in found.values()] == [
            type(value) for value in expected.values()
        ]
        conn.rollback()


def test_many_runs_once_per_parameter_set_and_returns_every_row(conn: Connection) -> None:
    statement = Prepared(
        update(USERS)
        .where(USERS.c.user_id == bindparam("id"))
        .values(chat_id=bindparam("chat"))
        .returning(USERS.c.user_id, USERS.c.chat_id)
    )
    with conn.begin():
        rows = statement.many(conn, [{"id": 1, "chat": 10}, {"id": 2, "chat": 20}])
        assert [(row.user_id, row.chat_id) for row in rows] == [(1, 10), (2, 20)]
        conn.rollback()


def test_no_rows_is_no_rows(conn: Connection) -> None:
    assert Prepared(BY_ID).first(conn, {"id": 404}) is None
    conn.rollback()


def test_a_missing_parameter_is_an_error_not_a_null(conn: Connection) -> None:
    with conn.begin(), pytest.raises(InvalidRequestError):
        Prepared(SET_ALL).rows(conn, {"id": 1, "chat_id": 5})
    assert stored(conn, 1)[1] == 1
    conn.rollback()


def test_a_value_fixed_in_the_statement_is_used_unless_a_run_gives_its_own(
    conn: Connection,
) -> None:
    statement = Prepared(
        update(USERS).where(USERS.c.user_id == bindparam("id")).values(timezone="Europe/Rome")
    )
    with conn.begin():
        statement.rows(conn, {"id": 1})
        assert stored(conn, 1)[2] == "Europe/Rome"
        statement.rows(conn, {"id": 1, "timezone": "Asia/Tokyo"})
        assert stored(conn, 1)[2] == "Asia/Tokyo"
        conn.rollback()


def test_a_parameter_the_statement_has_no_place_for_is_an_error_not_dropped(
    conn: Connection,
) -> None:
    # SQLAlchemy would have added `blocked` to the SET; a statement compiled once cannot.
    statement = Prepared(
        update(USERS).where(USERS.c.user_id == bindparam("id")).values(chat_id=bindparam("chat"))
    )
    with conn.begin(), pytest.raises(InvalidRequestError):
        statement.rows(conn, {"id": 1, "chat": 5, "blocked": True})
    assert stored(conn, 1)[1] == 1
    conn.rollback()


def test_an_empty_batch_runs_nothing(conn: Connection) -> None:
    assert Prepared(SET_ALL).many(conn, []) == ()
    conn.rollback()


def test_statements_it_could_not_run_exactly_are_refused(conn: Connection) -> None:
    expanding = select(USERS).where(USERS.c.user_id.in_(bindparam("ids", expanding=True)))
    with pytest.raises(TypeError):
        Prepared(expanding).rows(conn, {"ids": [1, 2]})
    table = Table(
        "counted", MetaData(), Column("n", Integer), Column("m", Integer, default=lambda: 1)
    )
    with pytest.raises(TypeError):  # a default SQLAlchemy computes as it executes
        Prepared(table.insert().values(n=bindparam("n"))).rows(conn, {"n": 1})
    stamped = Table(
        "stamped", MetaData(), Column("n", Integer), Column("m", Integer, onupdate=lambda: 1)
    )
    with pytest.raises(TypeError):  # likewise on update
        Prepared(stamped.update().values(n=bindparam("n"))).rows(conn, {"n": 1})
    conn.rollback()


def test_a_locked_database_fails_as_sqlalchemy_fails_and_names_no_value(
    tmp_path: Path,
) -> None:
    engine = create_sync_engine(
        f"sqlite+pysqlite:///{tmp_path / 'bot.db'}", connect_args={"timeout": 0}
    )
    Base.metadata.create_all(engine)
    other = sqlite3.connect(tmp_path / "bot.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # holds the write lock
    try:
        with engine.connect() as conn, pytest.raises(OperationalError) as failed:
            Prepared(SET_ALL.values(chat_id=bindparam("chat_id"))).rows(
                conn, {"id": 1, **dict.fromkeys(SETTABLE, None), "timezone": "words of theirs"}
            )
        assert is_unreachable(failed.value)
        assert "words of theirs" not in str(failed.value)
    finally:
        other.close()
        engine.dispose()


# On PostgreSQL a Prepared statement runs on the DB-API cursor of SQLAlchemy's asyncpg
# adapter, from the unit's greenlet (a `run_sync` here).
on_postgres = pytest.mark.parametrize("backend", [ONLY_POSTGRES], indirect=True)
NULLABLE = [column.key for column in USERS.columns if column.nullable]
EDGES = {
    "extremes": {
        "chat_id": -(2**63),
        "timezone": "Ünïcödé 🌍 \"quoted\" 'and' \\slashed",
        "reminder_time": time(23, 59, 59, 999999),
        "reminders_enabled": False,
        "focus_skill": "",
        "created_at": datetime(1970, 1, 2, tzinfo=UTC),
        "last_seen_at": datetime(2200, 1, 1, tzinfo=UTC),
        "next_nudge_at": datetime(2026, 3, 29, 1, 30, 0, 1, tzinfo=UTC),
        "paused_until": None,
        "silent_nudges": True,
        "blocked": True,
        "language": "pt-BR",
        "snoozed_nudge_id": 2**31 - 1,
        "zone_chosen": True,
        "progress_explained": False,
        "question": "forget:12",
        "asked_at": datetime(2026, 11, 30, 12, tzinfo=UTC),
        "at_risk_since": None,
        "harmed_since": datetime(2026, 12, 1, tzinfo=UTC),
    },
    "nothing set": dict.fromkeys(NULLABLE)
    | {
        "chat_id": 2**63 - 1,
        "timezone": "UTC",
        "reminder_time": time(0),
        "reminders_enabled": True,
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
        "last_seen_at": datetime(2026, 1, 1, tzinfo=UTC),
        "silent_nudges": False,
        "blocked": False,
        "zone_chosen": False,
        "progress_explained": True,
    },
}


@pytest.fixture
async def pg_conn(backend: str, migrated_database_url: str) -> AsyncIterator[AsyncConnection]:
    engine = create_async_engine(migrated_database_url)
    try:
        async with engine.connect() as connection:
            now = datetime(2026, 11, 30, tzinfo=UTC)
            first = {"chat_id": 1, "timezone": "UTC", "reminder_time": time(9),
                     "created_at": now, "last_seen_at": now}  # fmt: skip
            await connection.execute(
                USERS.insert(), [first | {"user_id": 1}, first | {"user_id": 2}]
            )
            await connection.commit()
            yield connection
    finally:
        await engine.dispose()


@on_postgres
@pytest.mark.parametrize("person", EDGES.values(), ids=EDGES.keys())
async def test_on_postgres_a_write_stores_and_a_read_returns_what_sqlalchemy_would(
    pg_conn: AsyncConnection, person: dict[str, Any]
) -> None:
    def check(conn: Connection) -> None:
        conn.execute(SET_ALL, {"id": 1, **person})  # SQLAlchemy's own execution
        Prepared(SET_ALL).rows(conn, {"id": 2, **person})
        as_stored = conn.exec_driver_sql(
            "SELECT * FROM users WHERE user_id IN (1, 2) ORDER BY user_id"
        ).all()
        assert as_stored[1][1:] == as_stored[0][1:]

        expected = conn.execute(BY_ID, {"id": 1}).one()._asdict()
        found = Prepared(BY_ID).first(conn, {"id": 1})._asdict()
        assert found == expected
        assert [type(value) for value in found.values()] == [
            type(value) for value in expected.values()
        ]

    await pg_conn.run_sync(check)
    await pg_conn.rollback()


@on_postgres
async def test_on_postgres_many_returns_every_row_and_a_batch_without_rows_runs_once(
    pg_conn: AsyncConnection,
) -> None:
    returning = Prepared(
        update(USERS)
        .where(USERS.c.user_id == bindparam("id"))
        .values(chat_id=bindparam("chat"))
        .returning(USERS.c.user_id, USERS.c.chat_id)
    )
    plain = Prepared(
        update(USERS).where(USERS.c.user_id == bindparam("id")).values(chat_id=bindparam("chat"))
    )

    def check(conn: Connection) -> None:
        rows = returning.many(conn, [{"id": 1, "chat": 10}, {"id": 2, "chat": 20}])
        assert [(row.user_id, row.chat_id) for row in rows] == [(1, 10), (2, 20)]
        assert plain.many(conn, [{"id": 1, "chat": 11}, {"id": 2, "chat": 21}]) == ()
        chats = conn.exec_driver_sql("SELECT chat_id FROM users ORDER BY user_id").scalars()
        assert chats.all() == [11, 21]
        assert Prepared(BY_ID).first(conn, {"id": 404}) is None

    await pg_conn.run_sync(check)
    await pg_conn.rollback()


@on_postgres
async def test_on_postgres_a_failed_statement_fails_as_sqlalchemy_fails_and_names_no_value(
    pg_conn: AsyncConnection,
) -> None:
    clash = Prepared(
        update(USERS).where(USERS.c.user_id == bindparam("id")).values(user_id=bindparam("to"))
    )
    with_words = Prepared(
        update(USERS)
        .where(USERS.c.user_id == bindparam("id"))
        .values(timezone=bindparam("timezone"), user_id=bindparam("to"))
    )

    def check(conn: Connection) -> None:
        with pytest.raises(IntegrityError) as failed:
            with_words.rows(conn, {"id": 1, "to": 2, "timezone": "words of theirs"})
        assert not is_unreachable(failed.value)
        assert "words of theirs" not in str(failed.value)
        assert conn.info.get(engine_module._SUSPECT)  # pinged before its next use

    await pg_conn.run_sync(check)
    await pg_conn.rollback()
    await pg_conn.run_sync(lambda conn: clash.rows(conn, {"id": 1, "to": 3}))  # usable again
    await pg_conn.rollback()
