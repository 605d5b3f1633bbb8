import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.process import REPO


def run_cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("TELEGRAM_API_BASE_URL", "telegram"),
        ("DEFAULT_TIMEZONE", "Nowhere/Land"),
        ("DEFAULT_REMINDER_TIME", "25:99"),
        ("DATABASE_URL", "oracle://db"),
    ],
)
def test_bad_settings_give_one_line_and_exit_2(tmp_path: Path, variable: str, value: str) -> None:
    result = run_cli(tmp_path, "run", **{variable: value})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0] and "expected" in lines[0]
    assert "Traceback" not in result.stderr


def test_bad_settings_in_dotenv_are_reported_the_same_way(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DEFAULT_TIMEZONE=Atlantis\n")
    result = run_cli(tmp_path, "db", "current")
    assert result.returncode == 2 and "DEFAULT_TIMEZONE" in result.stderr


def test_run_without_a_token_says_what_to_do(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run")
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "BotFather" in result.stderr


def test_db_upgrade_then_current(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/nested/dir/bot.db"}
    assert "database revision: none" in run_cli(tmp_path, "db", "current", **env).stdout
    upgraded = run_cli(tmp_path, "db", "upgrade", **env)
    assert upgraded.returncode == 0, upgraded.stderr
    from bot.store import migrate

    head = migrate.head_revision()
    assert f"database revision: {head} (newest: {head})" in upgraded.stdout
    assert (tmp_path / "nested" / "dir" / "bot.db").exists()


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0 and "skillbot 0." in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("run", "console", "db"):
        assert command in out
