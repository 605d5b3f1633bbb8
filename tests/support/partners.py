"""Arrange helpers for partner tests: two people with names, an invite link, a pairing."""

import re

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.telegram.context import BotApplication

LINK = re.compile(r"https://t\.me/(\w+)\?start=(pair_[A-Za-z0-9_-]+)")


def two_people(app: BotApplication, api: FakeBotAPI) -> tuple[FakeChat, FakeChat]:
    """Ada (user 1) and Ben (user 2), each in their private chat with the bot."""
    return FakeChat(app, api, 1, "Ada"), FakeChat(app, api, 2, "Ben")


async def invite_payload(inviter: FakeChat) -> str:
    """The inviter asks for a link (from /partner); return its /start payload."""
    await inviter.send("/partner")
    calls = await inviter.press("Invite your partner")
    for text in texts(calls):
        if match := LINK.search(text):
            assert match[1] == "skill_coach_bot"  # the username from getMe
            return match[2]
    raise AssertionError(f"no invite link in {texts(calls)}")


async def pair(inviter: FakeChat, invitee: FakeChat) -> None:
    """Pair two people: one invites, the other opens the link and accepts."""
    await inviter.send("/start")
    payload = await invite_payload(inviter)
    await invitee.send(f"/start {payload}")
    await invitee.press("Accept")


async def practise(person: FakeChat, skill: str = "", reflection: str | None = None) -> None:
    """Complete a practice from /practice to the end."""
    await person.send(f"/practice {skill}".strip())
    await person.press("Start")
    while "Finish ✓" not in [b["text"] for b in person.keyboard_message().buttons]:
        await person.press("Next")
    await person.press("Finish")
    if reflection is None:
        await person.press("Skip")
    else:
        await person.send(reflection)
