"""Prepared statements on SQLite read and write exactly what SQLAlchemy's own execution
would, refuse what they could not run exactly, and fail the way SQLAlchemy fails."""

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Column, Connection, Integer, MetaData, Table, bindparam, select, update
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.exc import InvalidRequestError, OperationalError

from bot.store.errors import is_unreachable
from bot.store.prepared import Prepared
from bot.store.tables import Base, UserRow

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
