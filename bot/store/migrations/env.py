"""Alembic environment: runs on the connection the bot hands it."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from bot.store.tables import Base

config = context.config


def run_on(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite cannot ALTER most things in place; batch mode rebuilds the table.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    raise SystemExit("run migrations with `skillbot db upgrade`, which supplies the connection")
run_on(connection)
