"""Try the bot in a terminal: the real Application and database, a fake Telegram."""

from __future__ import annotations

import asyncio
import html
import re
import sys
import tempfile
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.offline import Call, FakeBotAPI, FakeRequest, SentMessage
from bot.offline.chat import FakeChat
from bot.telegram.app import log_vault, open_bot

CONSOLE_USER_ID = 1
# Names for the people in a console with several (`--as 1 --as 2`), unless given.
DEFAULT_NAMES = ("Ada", "Ben", "Cy", "Dee", "Eve", "Fay")
_SWITCH = re.compile(r"/as\s+(\d{1,12})")
# Tapping a t.me link to the bot in Telegram sends /start with the link's payload.
_START_LINK = re.compile(r"https://t\.me/\w+\?start=([A-Za-z0-9_-]{1,64})")
_TAG = re.compile(r"<[^>]+>")
_BOLD = re.compile(r"</?(?:b|strong)>")

INTRO = (
    "Local console: you are chatting with the bot as user {user}. Type a message or a "
    "/command; type the number of a button to press it ('7 sends the text 7); pictures "
    "and files the bot sends are saved and their paths shown; /quit or Ctrl-D leaves."
)
INTRO_MANY = (
    "Local console with {count} people: {people}. You are {name}; /as <id> switches. "
    "Messages to someone else are marked with their name; paste a t.me link to open it. "
    "Type the number of a button to press it ('7 sends the text 7); pictures and files the "
    "bot sends are saved and their paths shown; /quit or Ctrl-D leaves."
)
# What a file the bot sent is saved as, by the kind of message that carried it.
_FILE_SUFFIX = {"photo": ".png", "document": ".json"}


def parse_people(specs: list[str]) -> list[tuple[int, str]]:
    """`--as` values (`ID` or `ID:NAME`) → (user id, first name), in order, no repeats."""
    people: dict[int, str] = {}
    for spec in specs or [str(CONSOLE_USER_ID)]:
        raw_id, _, name = spec.partition(":")
        if not raw_id.strip().isdigit() or not 0 < int(raw_id) < 10**12:
            raise ValueError(f"--as takes a user id, optionally with :name, not {spec!r}")
        user_id = int(raw_id)
        people.setdefault(user_id, name.strip() or DEFAULT_NAMES[len(people) % len(DEFAULT_NAMES)])
    return list(people.items())


def plain(text: str, *, ansi: bool) -> str:
    """Telegram HTML → terminal text (bold kept as ANSI bold on a terminal)."""
    if ansi:
        text = _BOLD.sub(lambda m: "\033[0m" if m.group(0).startswith("</") else "\033[1m", text)
    return html.unescape(_TAG.sub("", text))


class ConsoleView:
    """Prints what the bot does, numbering the buttons of the newest keyboard."""

    def __init__(
        self,
        out: TextIO,
        *,
        ansi: bool,
        names: dict[int, str] | None = None,
        files: Path | None = None,
    ) -> None:
        self.out = out
        self.ansi = ansi
        # Where pictures and files the bot sends are saved (a chart, an /export): a
        # terminal cannot show them, a path can be opened.
        self.files = files
        # With more than one person, each chat keeps its own numbered buttons.
        self.names = names or {}
        self.keyboards: dict[int, list[tuple[SentMessage, str]]] = {}
        self.current = next(iter(self.names), CONSOLE_USER_ID)

    @property
    def buttons(self) -> list[tuple[SentMessage, str]]:
        """The numbered buttons of the person typing now."""
        return self.keyboards.get(self.current, [])

    def show(self, calls: list[Call]) -> None:
        """Print one batch of the bot's calls."""
        for call in calls:
            if call.method == "answerCallbackQuery" and call.params.get("text"):
                self.out.write(f"  ({call.params['text']})\n")
            elif call.message is not None and call.ok:
                self._message(call.message, edited=call.method.startswith("edit"))
            elif not call.ok and call.error and "not modified" not in call.error:
                self.out.write(f"  [telegram refused {call.method}: {call.error}]\n")
        self.out.flush()

    def _message(self, message: SentMessage, *, edited: bool) -> None:
        label = "bot (updated)" if edited else "bot"
        if message.kind != "text":
            label += f" sent a {message.kind}"
        if len(self.names) > 1:
            label += f" → {self.names.get(message.chat_id, message.chat_id)}"
        self.out.write(f"\n{label}:\n{plain(message.text, ansi=self.ansi)}\n")
        if message.file is not None and self.files is not None:
            # Message ids count per chat: the chat keeps two people's files apart.
            saved = self.files / f"{message.kind}-{message.chat_id}-{message.message_id}"
            saved = saved.with_suffix(_FILE_SUFFIX.get(message.kind, ".bin"))
            saved.write_bytes(message.file)
            self.out.write(f"  [file] {saved}\n")
        pressable = [b for b in message.buttons if "callback_data" in b]
        if pressable:
            self.keyboards[message.chat_id] = [(message, b["callback_data"]) for b in pressable]
            for number, button in enumerate(pressable, 1):
                self.out.write(f"  [{number}] {button['text']}\n")
        for button in message.buttons:
            if "url" in button:  # a link: in Telegram, a tap opens it (here: type it)
                self.out.write(f"  [link] {button['text']}: {button['url']}\n")


async def run_console(
    settings: Settings,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    people: list[tuple[int, str]] | None = None,
) -> None:
    """Chat with the bot until end of input, as one person or several on one database."""
    people = people or [(CONSOLE_USER_ID, DEFAULT_NAMES[0])]
    names = dict(people)
    api = FakeBotAPI()
    async with open_bot(settings, FakeRequest(api)) as app:
        log_vault(app)
        chats = {user_id: FakeChat(app, api, user_id, name) for user_id, name in people}
        files = Path(tempfile.mkdtemp(prefix="skillbot-console-"))
        view = ConsoleView(stdout, ansi=stdout.isatty(), names=names, files=files)
        if len(people) == 1:
            stdout.write(INTRO.format(user=people[0][0]) + "\n")
        else:
            listed = ", ".join(f"{name} (/as {user_id})" for user_id, name in people)
            intro = INTRO_MANY.format(count=len(people), people=listed, name=people[0][1])
            stdout.write(intro + "\n")
        shown = 0
        async with app:
            await app.start()
            while True:
                prompt = "you" if len(people) == 1 else names[view.current]
                stdout.write(f"\n{prompt}> ")
                stdout.flush()
                line = await asyncio.to_thread(stdin.readline)
                if not line or line.strip() in ("/quit", "/exit"):
                    break
                text = line.strip()
                chat = chats[view.current]
                if switch := _SWITCH.fullmatch(text):
                    wanted = int(switch[1])
                    if wanted in chats:
                        view.current = wanted
                    else:
                        stdout.write(f"  (no person {wanted} here; --as adds people)\n")
                elif text.startswith("'") and text[1:].strip():
                    await chat.send(text[1:].strip())  # a number (or anything) as text
                elif text.isdigit() and view.buttons:
                    index = int(text) - 1
                    if 0 <= index < len(view.buttons):
                        message, data = view.buttons[index]
                        await chat.press_data(data, message)
                    else:
                        stdout.write(f"  (no button {index + 1}; choose 1–{len(view.buttons)})\n")
                elif link := _START_LINK.fullmatch(text):
                    await chat.send(f"/start {link[1]}")
                elif text:
                    await chat.send(line.rstrip("\n"))
                view.show(api.calls[shown:])
                shown = len(api.calls)
            await app.stop()
    stdout.write("\nbye\n")
