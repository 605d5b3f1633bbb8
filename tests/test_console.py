import asyncio
import io
from pathlib import Path

from bot.config import Settings
from bot.console import plain, run_console
from tests.support.paths import VAULT


def test_plain_text_rendering() -> None:
    assert plain("<b>Step</b> &amp; more", ansi=False) == "Step & more"
    assert plain("<b>x</b>", ansi=True) == "\033[1mx\033[0m"


async def test_a_scripted_session(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", skills_dir=VAULT)
    out = io.StringIO()
    await run_console(settings, io.StringIO("/start\n/help\n/nope\n"), out)
    text = out.getvalue()
    assert "practice companion" in text
    assert "/help — What I can do" in text
    assert "I don’t know /nope" in text
    assert text.rstrip().endswith("bye")
    assert "<b>" not in text


async def test_a_full_practice_in_the_console(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", skills_dir=VAULT)
    # /practice → [1] Start, then Next is the last button on every step: [2] on step 1,
    # [3] afterwards (Back, Pause, Next); then a reflection, then /mistakes.
    script = "/start\n/practice\n1\n2\n3\n3\n3\n3\nI slowed down.\n9\n/mistakes\n/skills\n"
    out = io.StringIO()
    await run_console(settings, io.StringIO(script), out)
    text = out.getvalue()
    for number in range(1, 6):
        assert f"Repair · Step {number} of 5" in text
    assert "Stay present — don’t rush the fix" in text
    assert "What did you notice?" in text
    assert "You practised Repair: all 5 steps, and wrote down what you noticed." in text
    assert "(no button 9; choose 1–" in text
    assert "Common mistakes · Repair" in text
    assert "Building blocks" in text
    assert "[1] Done" in text and "[2] Practise again" in text


class Typist(io.StringIO):
    """Console input that may depend on what the console printed so far: a line can be a
    function of the output (say, to paste the invite link the bot just showed)."""

    def __init__(self, out: io.StringIO, lines: list[object]) -> None:
        super().__init__()
        self.out = out
        self.lines = lines

    def readline(self, size: int | None = -1) -> str:
        if not self.lines:
            return ""
        line = self.lines.pop(0)
        return (line(self.out.getvalue()) if callable(line) else str(line)) + "\n"


def invite_link(printed: str) -> str:
    import re

    found = re.findall(r"https://t\.me/\w+\?start=pair_[A-Za-z0-9_-]+", printed)
    return found[-1]


async def test_two_people_pair_practise_send_a_bid_and_unpair(tmp_path: Path) -> None:
    from bot.console import parse_people

    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", skills_dir=VAULT)
    out = io.StringIO()
    script: list[object] = [
        "/start",
        "/partner",
        "1",  # Invite your partner
        "/as 2",
        invite_link,  # Ben opens the link Ada forwarded
        "1",  # Accept
        "1",  # Yes, share my practice days
        "/as 1",
        "2",  # No, keep them to me
        "/as 2",
        "/practice",
        "1",  # Start
        *["2", "3", "3", "3", "3"],  # Next … Finish
        "2",  # Skip the reflection
        "/as 1",
        "/partner",
        "1",  # Send a repair bid
        "1",  # Use 1
        "1",  # Send
        "/as 2",
        "1",  # Thank you ❤️
        "/as 1",
        "/partner",
        "/as 9",
    ]
    typist = Typist(out, script)
    await run_console(settings, typist, out, parse_people(["1", "2:Ben"]))
    text = out.getvalue()
    assert "Local console with 2 people: Ada (/as 1), Ben (/as 2)." in text
    assert "bot → Ben:\nAda invited you to practise together." in text
    assert "bot → Ada:\nYou and Ben are now practising together. 🤝" in text
    assert "bot → Ada:\nBen practised Repair today." in text
    assert "bot → Ben:\n💌 From Ada:" in text
    assert "bot → Ada:\nBen pressed “Thank you ❤️” on your repair bid." in text
    assert "Ben practised today: Repair." in text
    assert "(no person 9 here; --as adds people)" in text
    assert "Ben>" in text and "Ada>" in text


async def test_files_are_saved_and_a_quoted_number_is_sent_as_text(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}", skills_dir=VAULT)
    out = io.StringIO()
    # /pause asks for days with buttons: '7 answers with the text 7, not button 7.
    await run_console(settings, io.StringIO("/start\n/export\n/pause\n'7\n"), out)
    text = out.getvalue()
    [path] = [line.split("[file] ")[1] for line in text.splitlines() if "[file] " in line]
    saved = await asyncio.to_thread(Path(path).read_bytes)
    assert saved.startswith(b"{")  # the /export, openable
    assert "Nudges are paused until" in text
