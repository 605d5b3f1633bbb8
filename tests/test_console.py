import io
from pathlib import Path

from bot.config import Settings
from bot.console import plain, run_console


def test_plain_text_rendering() -> None:
    assert plain("<b>Step</b> &amp; more", ansi=False) == "Step & more"
    assert plain("<b>x</b>", ansi=True) == "\033[1mx\033[0m"


async def test_a_scripted_session(tmp_path: Path) -> None:
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'c.db'}")
    out = io.StringIO()
    await run_console(settings, io.StringIO("/start\n/help\n/nope\n"), out)
    text = out.getvalue()
    assert "practice companion" in text
    assert "/help — What I can do" in text
    assert "I don’t know /nope" in text
    assert text.rstrip().endswith("bye")
    assert "<b>" not in text
