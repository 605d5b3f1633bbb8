"""What the bot last announced to Telegram about itself, so a restart can skip it."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, select

from bot.store.base import StoreBase
from bot.store.tables import AnnouncementRow

ANNOUNCEMENTS = cast(Table, AnnouncementRow.__table__)


class AnnouncementsStore(StoreBase):
    """The fingerprint of each bot's last complete announcement."""

    async def announced(self, bot_id: int) -> str | None:
        """The fingerprint last remembered for this bot; None if it never announced."""
        async with self.engine.connect() as conn:
            found = await conn.scalar(
                select(ANNOUNCEMENTS.c.fingerprint).where(ANNOUNCEMENTS.c.bot_id == bot_id)
            )
        return None if found is None else str(found)

    async def remember_announced(self, bot_id: int, fingerprint: str) -> None:
        """Keep this fingerprint as the bot's last complete announcement."""
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
