import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import console_log_level, main
from tests.support.paths import BROKEN, REPO, VAULT
from tests.support.process import coverage_env
from tests.support.vaults import real_vault


def run_cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **coverage_env(), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.e2e
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


@pytest.mark.e2e
def test_bad_settings_in_dotenv_are_reported_the_same_way(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("DEFAULT_TIMEZONE=Atlantis\n")
    result = run_cli(tmp_path, "db", "current")
    assert result.returncode == 2 and "DEFAULT_TIMEZONE" in result.stderr


@pytest.mark.e2e
def test_run_without_a_token_says_what_to_do(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "run")
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in result.stderr and "BotFather" in result.stderr


@pytest.mark.e2e
def test_db_upgrade_then_current(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/nested/dir/bot.db"}
    # Asking creates nothing: a mistyped path is said, not made into an empty database.
    current = run_cli(tmp_path, "db", "current", **env)
    assert current.returncode == 1 and "no database at" in current.stdout
    assert not (tmp_path / "nested").exists()
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
    for command in ("run", "console", "check", "stats", "db"):
        assert command in out


@pytest.mark.e2e
def test_check_a_clean_vault(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check", str(VAULT))
    assert result.returncode == 0
    assert (
        "6 cards loaded (1 core_skill, 5 meta_skill), 3 scenarios; 0 error(s), 0 warning(s)"
    ) in result.stdout


@pytest.mark.e2e
def test_check_of_a_folder_without_cards_says_so_and_exits_1(tmp_path: Path) -> None:
    # A vault every person would be told holds nothing to practise is not "0 errors".
    vault = tmp_path / "vault"
    vault.mkdir()
    (vault / "Diary.md").write_text("---\ntags: [journal]\n---\nToday…\n")
    result = run_cli(tmp_path, "check", str(vault))
    assert result.returncode == 1
    assert "0 cards loaded, 1 other note ignored" in result.stdout
    assert "error: no skill cards; a card is a note whose fileClass is one of" in result.stdout


@pytest.mark.e2e
def test_check_names_each_broken_file_and_exits_1(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check", str(BROKEN))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "Broken Yaml.md: 3: error: frontmatter is not valid YAML" in result.stdout
    assert any(line.startswith("No Steps.md: ") and "error" in line for line in lines)
    # Notes with no skill class are not named at all, only counted…
    assert "3 other notes ignored" in lines[0]
    for name in ("Empty.md", "Latin1.md", "List Frontmatter.md"):
        assert not any(line.startswith(name) for line in lines)
    # …unless asked for.
    verbose = run_cli(tmp_path, "check", "--verbose", str(BROKEN)).stdout.splitlines()
    assert "Empty.md: ignored: not a skill card or scenario" in verbose


@pytest.mark.e2e
def test_check_json(tmp_path: Path) -> None:
    import json

    result = run_cli(tmp_path, "check", "--json", str(BROKEN))
    data = json.loads(result.stdout)
    assert result.returncode == 1 and data["loaded"] == 1
    errors = {p["path"]: p for p in data["problems"] if p["severity"] == "error"}
    assert errors["Broken Yaml.md"]["line"] == 3


@pytest.mark.e2e
def test_check_defaults_to_skills_dir(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "check", SKILLS_DIR=str(VAULT))
    assert result.returncode == 0 and "6 cards loaded" in result.stdout


@pytest.mark.e2e
def test_stats_in_the_terminal(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/s.db"}
    assert run_cli(tmp_path, "db", "upgrade", **env).returncode == 0
    result = run_cli(tmp_path, "stats", **env)
    assert result.returncode == 0, result.stderr
    assert "People: 0, active in the last 7 days: 0" in result.stdout
    assert "0 sent, 0 failed, 0 blocked" in result.stdout and "<b>" not in result.stdout


@pytest.mark.e2e
def test_import_reports_bad_files(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/i.db"}
    (tmp_path / "bad.json").write_text('{"format": "something else"}')
    result = run_cli(tmp_path, "import", str(tmp_path / "bad.json"), **env)
    assert result.returncode == 1 and "not an export" in result.stderr
    missing = run_cli(tmp_path, "import", str(tmp_path / "absent.json"), **env)
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    assert "Traceback" not in result.stderr + missing.stderr


@pytest.mark.e2e
def test_check_a_real_vault_names_no_template_or_excluded_file(tmp_path: Path) -> None:
    vault = real_vault(tmp_path / "Vault")
    result = run_cli(tmp_path, "check", str(vault))
    assert result.returncode == 0, result.stdout + result.stderr
    first, *rest = result.stdout.splitlines()
    assert (
        "6 cards loaded (1 core_skill, 5 meta_skill), 3 scenarios, 10 other notes ignored" in first
    )
    assert "5 template or excluded files left out" in first
    for name in ("Template", "Archive", "Old skill", "excalidraw", "piano", "Daily"):
        assert name not in result.stdout.replace(str(vault), "")
    assert rest == [
        "Notes/Typo class.md: 2: warning: fileClass 'core-skill' looks like 'core_skill'; "
        "this note is not read until it matches"
    ]


def test_init_copies_the_starter_vault_and_refuses_to_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "MyVault"]) == 0
    copied = {
        p.relative_to(tmp_path / "MyVault").as_posix()
        for p in (tmp_path / "MyVault").rglob("*.md")
    }
    assert {"Repair.md", "When they go quiet.md", "Templates/Skill card.md"} <= copied
    assert "Open that folder in Obsidian" in capsys.readouterr().out
    (tmp_path / "MyVault" / "Repair.md").write_text("my own edits")
    assert main(["init", "MyVault"]) == 1
    assert "nothing was copied" in capsys.readouterr().err
    assert (tmp_path / "MyVault" / "Repair.md").read_text() == "my own edits"


def test_without_skills_dir_or_a_skills_folder_the_packaged_vault_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.config import STARTER_VAULT, parse_settings

    monkeypatch.chdir(tmp_path)
    settings = parse_settings({})
    assert settings.skills_dir == STARTER_VAULT and settings.starter_vault
    (tmp_path / "skills").mkdir()
    assert parse_settings({}).skills_dir == Path("skills")
    assert not parse_settings({"SKILLS_DIR": "elsewhere"}).starter_vault


@pytest.mark.parametrize(
    ("asked", "shown"),
    [("DEBUG", "DEBUG"), ("INFO", "WARNING"), ("WARNING", "WARNING"), ("ERROR", "ERROR")],
)
def test_the_console_holds_back_routine_lines_unless_debug_is_asked_for(
    asked: str, shown: str
) -> None:
    assert console_log_level(asked) == shown


def test_import_never_replaces_a_person_unasked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio
    import json

    from bot.store import Store
    from bot.store.engine import create_engine

    url = f"sqlite:///{tmp_path / 'live.db'}"

    async def exported() -> dict[str, object]:
        store = Store(create_engine(url.replace("sqlite:", "sqlite+aiosqlite:")))
        await store.migrate()
        await store.register(1, 1)
        data = await store.export_user(1)
        await store.close()
        assert data is not None
        return data

    export = tmp_path / "ada.json"
    export.write_text(json.dumps(asyncio.run(exported()), default=str))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SKILLS_DIR", str(VAULT))
    assert main(["import", str(export)]) == 1  # user 1 lives in this database
    assert "already in this database" in capsys.readouterr().err
    assert main(["import", "--replace", str(export)]) == 0
    assert "imported user 1" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["stats"], "skillbot: no database at "),
        (["db", "current"], "skillbot: no database at "),
    ],
)
def test_read_only_commands_never_create_a_mistyped_database(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    said: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/gone/bot.db")
    monkeypatch.setenv("SKILLS_DIR", str(VAULT))
    assert main(args) == 1
    assert said in capsys.readouterr().out
    assert not (tmp_path / "gone").exists()


def test_a_file_that_is_no_database_gives_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.db").write_text("not a database, just text\n" * 100)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/notes.db")
    monkeypatch.setenv("SKILLS_DIR", str(VAULT))
    assert main(["stats"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("skillbot: the database could not be used: DatabaseError")
    assert len(err.strip().splitlines()) == 1


def test_an_in_memory_database_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "sqlite:///:memory:")
    assert main(["health"]) == 2
    assert "forgets everyone at each restart" in capsys.readouterr().err


@pytest.mark.e2e
def test_check_read_by_head_ends_quietly(tmp_path: Path) -> None:
    # `skillbot check -v | head -1`: the reader leaves after a line; no traceback follows.
    vault = tmp_path / "vault"
    vault.mkdir()
    for number in range(3000):
        (vault / f"Note {number}.md").write_text("---\nfileClass: core_skill\n---\n# x\n")
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "check", str(vault), "-v"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **coverage_env()},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().startswith(str(vault))
        process.stdout.close()  # as head does
        errors = process.stderr.read()
        assert process.wait(timeout=60) == 141
    assert "Traceback" not in errors and "BrokenPipe" not in errors
