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
    script = "/practice\n1\n2\n3\n3\n3\n3\nI slowed down.\n9\n/mistakes\n/skills\n"
    out = io.StringIO()
    await run_console(settings, io.StringIO(script), out)
    text = out.getvalue()
    for number in range(1, 6):
        assert f"Repair · Step {number} of 5" in text
    assert "Stay present — don’t rush the fix" in text
    assert "What did you notice?" in text
    assert "Well done. Your reflection is saved." in text
    assert "(no button 9; choose 1–" in text
    assert "Common mistakes · Repair" in text
    assert "Core skills" in text
    assert "[1] Practice again" in text
