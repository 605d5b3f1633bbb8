"""What a person typed, looked up off the event loop: a place, a skill's name, the skills
that fit a message.

Each is pure Python that can take long: a place the city table does not hold is compared
with every name in it (difflib: about 0.1 s), and the first place looked up in a process
reads the table (about 0.8 s and 50 MB); a skill name that is no card's is compared with
every card's (0.1–0.3 s in a vault of 1,000 cards), and the first message matched after
the vault loads builds that language's index (seconds, at 1,000 cards). On the event loop
each would hold up every other person's update that long; in a worker thread the loop
goes on serving them (the GIL changes hands every few milliseconds), and only the person
who asked waits. docs/benchmarks.md has the figures.
"""

from __future__ import annotations

import asyncio

from bot.domain.models import Skill
from bot.domain.search import Found, SkillIndex, find_skill
from bot.domain.timezones import ZoneMatch, resolve_zone
from bot.services.suggestions import Suggestions


async def zone_named(text: str) -> ZoneMatch:
    """`resolve_zone(text)`, in a worker thread."""
    return await asyncio.to_thread(resolve_zone, text)


async def skill_named(vault: SkillIndex, text: str) -> Found:
    """`find_skill(vault, text)`, in a worker thread."""
    return await asyncio.to_thread(find_skill, vault, text)


async def skills_for_text(suggestions: Suggestions, text: str, language: str) -> tuple[Skill, ...]:
    """`suggestions.for_text(text, language)`, in a worker thread."""
    return await asyncio.to_thread(suggestions.for_text, text, language)
