"""What the bot last announced to Telegram about itself, so a restart can skip it."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, select

from bot.store.base import StoreBase
from bot.store.tables import AnnouncementRow

ANNOUNCEMENTS = cast(Table, AnnouncementRow.__table__)


class AnnouncementsStore(StoreBase):
    """The fingerprint of each bot's last complete announcement, and when it was sent."""

    async def announced(self, bot_id: int) -> tuple[str, datetime] | None:
        """The fingerprint last remembered for this bot and when; None if there is none."""
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(ANNOUNCEMENTS.c.fingerprint, ANNOUNCEMENTS.c.announced_at).where(
                        ANNOUNCEMENTS.c.bot_id == bot_id
                    )
                )
            ).first()
        return None if row is None else (str(row.fingerprint), row.announced_at)

    async def remember_announced(self, bot_id: int, fingerprint: str) -> None:
        """Keep this fingerprint as the bot's last complete announcement, sent now."""
        insert = self._insert(ANNOUNCEMENTS).values(
            bot_id=bot_id, fingerprint=fingerprint, announced_at=self.clock()
        )
        async with self.engine.begin() as conn:
            await conn.execute(
                insert.on_conflict_do_update(
                    index_elements=["bot_id"],
                    set_={
                        "fingerprint": insert.excluded.fingerprint,
                        "announced_at": insert.excluded.announced_at,
                    },
                )
            )

    async def forget_announced(self, bot_id: int) -> None:
        """Forget what the bot last announced: Telegram's copy is about to change."""
        async with self.engine.begin() as conn:
            await conn.execute(delete(ANNOUNCEMENTS).where(ANNOUNCEMENTS.c.bot_id == bot_id))
