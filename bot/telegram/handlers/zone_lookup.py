"""The zone a person typed, looked up off the event loop.

A name the city table does not hold is compared with every name in it (difflib: about
0.1 s here), and the first lookup in a process reads the table (about 0.8 s and 50 MB).
On the event loop either would hold up every other person's update that long; in a
worker thread the loop goes on serving them (the GIL changes hands every few
milliseconds). docs/benchmarks.md has the figures.
"""

from __future__ import annotations

import asyncio

from bot.domain.timezones import ZoneMatch, resolve_zone


async def zone_named(text: str) -> ZoneMatch:
    """`resolve_zone(text)`, in a worker thread."""
    return await asyncio.to_thread(resolve_zone, text)
