"""A conversation fuzzer: simulated people doing random things to the real Application.

Used by the tests (a short run) and bench/fuzz_conversations.py (a long one). It
counts what the reliability goals are about: unhandled errors, updates left
without any answer, and calls Telegram would have rejected.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from bot.offline.api import FakeBotAPI, SentMessage
from bot.offline.chat import FakeChat
from bot.offline.updates import message_update

COMMANDS = (
    "/start",
    "/help",
    "/practice",
    "/practice repair",
    "/practice zzzz",
    "/practice o",
    "/practice reapir",
    "/cancel",
    "/mistakes",
    "/mistakes staying",
    "/mistakes nope",
    "/skills",
    "/skill",
    "/skill holding",
    "/skill 🙂",
    "/focus",
    "/focus owning",
    "/focus qqq",
    "/remind",
    "/remind 7am",
    "/remind 19:30",
    "/remind 25:99",
    "/remind off",
    "/remind on",
    "/remind quiet",
    "/timezone",
    "/timezone berlin",
    "/timezone Berln",
    "/timezone <b>",
    "/pause 3",
    "/pause x",
    "/pause ²",
    "/resume",
    "/progress",
    "/reflections",
    "/reflections repair",
    "/export",
    "/forget",
    "/support",
    "/stats",
    "/reload",
    "/nonsense",
    "/practice@skill_coach_bot",
    "/PRACTICE",
    "/start extra words",
)
TEXTS = (
    "hello",
    "I noticed I wanted to explain myself",
    "🙂🙃😀" * 20,
    "مرحبا كيف حالك",
    "שלום",
    "<b>bold</b> & <script>alert(1)</script>",
    "**not bold** [link](javascript:x)",
    "a" * 5000,
    "&amp; &lt; &#x41; &bogus;",
    "\u202eright-to-left override",
    "   x   ",
    "\n\nlines\n\n",
    "`code` _it_ [[Repair]]",
)
FORGED = (
    "p:1:0:n",
    "p:99999999:0:n",
    "p:1:0:z",
    "k:0000000000:s",
    "k:zz:s",
    "l:z:0",
    "l:p:9999",
    "n:1:s",
    "r:2500",
    "z:Mars/Olympus",
    "v:99:-",
    "g:x",
    "x:",
    "<script>",
    "🙂",
    "a" * 64,
)


@dataclass
class FuzzReport:
    """What a fuzz run found."""

    updates: int = 0
    unanswered: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    texts_sent: set[str] = field(default_factory=set)


async def fuzz(chats: list[FakeChat], api: FakeBotAPI, steps: int, seed: int) -> FuzzReport:
    """Let each person take `steps` random actions, interleaved at random."""
    rng = random.Random(seed)
    report = FuzzReport()
    seen: dict[tuple[int, int], SentMessage] = {}
    for _ in range(steps * len(chats)):
        person = rng.choice(chats)
        action, update = _action(rng, person, api, list(seen.values()), report)
        before = len(api.calls)
        calls = await person.feed(update)
        report.updates += 1
        answers = [c for c in calls if c.method != "getMe"]
        if not answers:
            report.unanswered.append(action)
        for call in api.calls[before:]:
            if not call.ok and "not modified" not in (call.error or ""):
                report.rejected.append(f"{action}: {call.method}: {call.error}")
        for call in calls:
            if call.message is not None and call.message.buttons:
                seen[(call.message.chat_id, call.message.message_id)] = call.message
    return report


def _action(
    rng: random.Random,
    person: FakeChat,
    api: FakeBotAPI,
    seen: list[SentMessage],
    report: FuzzReport,
) -> tuple[str, dict[str, Any]]:
    from bot.offline.updates import callback_update, sticker_update

    kind = rng.choices(
        ["command", "text", "press", "stale", "other", "forged", "sticker", "edit"],
        weights=[30, 12, 30, 8, 5, 5, 5, 5],
    )[0]
    user = person.user_id
    if kind == "command":
        text = rng.choice(COMMANDS)
        return f"command {text}", message_update(api, user, text)
    if kind == "text":
        text = rng.choice(TEXTS)
        report.texts_sent.add(text)
        return "text", message_update(api, user, text)
    if kind == "sticker":
        return "sticker", sticker_update(api, user)
    if kind == "edit":
        update = message_update(api, user, rng.choice(COMMANDS + TEXTS))
        update["edited_message"] = update.pop("message")
        return "edit", update
    mine = [m for m in person.messages() if _pressable(m)]
    others = [m for m in seen if m.chat_id != user and _pressable(m)]
    if kind == "press" and mine:
        message = max(mine, key=lambda m: m.revision)
    elif kind == "stale" and mine:
        message = rng.choice(mine)
    elif kind == "other" and mine and others:
        # Another person's button data arriving in this person's chat: the closest a
        # private chat gets to pressing someone else's button.
        theirs = rng.choice(others)
        data = rng.choice([b["callback_data"] for b in theirs.buttons if "callback_data" in b])
        return "other person's button", callback_update(api, user, mine[-1], data)
    else:
        target = mine[-1] if mine else None
        data = rng.choice(FORGED)
        if target is None:
            return "command /start", message_update(api, user, "/start")
        return f"forged {data!r}", callback_update(api, user, target, data)
    buttons = [b for b in message.buttons if "callback_data" in b]
    onward = [b for b in buttons if any(w in b["text"] for w in ("Start", "Next", "Finish"))]
    # Mostly walk forward, so flows are followed to their end (reflection, completion)
    # and not only poked at their first step.
    button = rng.choice(onward if onward and rng.random() < 0.7 else buttons)
    label = f"{kind} {button['text']!r}"
    return label, callback_update(api, user, message, button["callback_data"])


def _pressable(message: SentMessage) -> bool:
    """Has buttons that send data back (a link button only opens a link)."""
    return any("callback_data" in button for button in message.buttons)
