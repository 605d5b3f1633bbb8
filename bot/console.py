"""Try the bot in a terminal: the real Application and database, a fake Telegram."""

from __future__ import annotations

import asyncio
import html
import re
import sys
from typing import TextIO

from bot.config import Settings
from bot.offline import Call, FakeBotAPI, FakeRequest, SentMessage
from bot.offline.chat import FakeChat
from bot.telegram.app import log_vault, open_bot

CONSOLE_USER_ID = 1
_TAG = re.compile(r"<[^>]+>")
_BOLD = re.compile(r"</?(?:b|strong)>")

INTRO = (
    "Local console: you are chatting with the bot as user {user}. Type a message or a "
    "/command; type the number of a button to press it; /quit or Ctrl-D leaves."
)


def plain(text: str, *, ansi: bool) -> str:
    """Telegram HTML → terminal text (bold kept as ANSI bold on a terminal)."""
    if ansi:
        text = _BOLD.sub(lambda m: "\033[0m" if m.group(0).startswith("</") else "\033[1m", text)
    return html.unescape(_TAG.sub("", text))


class ConsoleView:
    """Prints what the bot does, numbering the buttons of the newest keyboard."""

    def __init__(self, out: TextIO, *, ansi: bool) -> None:
        self.out = out
        self.ansi = ansi
        self.buttons: list[tuple[SentMessage, str]] = []

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
        self.out.write(f"\n{label}:\n{plain(message.text, ansi=self.ansi)}\n")
        if message.buttons:
            self.buttons = [
                (message, b["callback_data"]) for b in message.buttons if "callback_data" in b
            ]
            for number, button in enumerate(message.buttons, 1):
                self.out.write(f"  [{number}] {button['text']}\n")


async def run_console(
    settings: Settings, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> None:
    """Chat with the bot until end of input."""
    api = FakeBotAPI()
    async with open_bot(settings, FakeRequest(api)) as app:
        log_vault(app)
        chat = FakeChat(app, api, CONSOLE_USER_ID)
        view = ConsoleView(stdout, ansi=stdout.isatty())
        stdout.write(INTRO.format(user=CONSOLE_USER_ID) + "\n")
        shown = 0
        async with app:
            await app.start()
            while True:
                stdout.write("\nyou> ")
                stdout.flush()
                line = await asyncio.to_thread(stdin.readline)
                if not line or line.strip() in ("/quit", "/exit"):
                    break
                text = line.rstrip("\n")
                if text.strip().isdigit() and view.buttons:
                    index = int(text.strip()) - 1
                    if 0 <= index < len(view.buttons):
                        message, data = view.buttons[index]
                        await chat.press_data(data, message)
                    else:
                        stdout.write(f"  (no button {index + 1}; choose 1–{len(view.buttons)})\n")
                elif text.strip():
                    await chat.send(text)
                view.show(api.calls[shown:])
                shown = len(api.calls)
            await app.stop()
    stdout.write("\nbye\n")
