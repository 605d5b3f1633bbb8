"""Live reload while the Application runs, and /reload for admins."""

import os
import shutil
from pathlib import Path

import pytest

from bot.offline import FakeBotAPI
from bot.offline.chat import FakeChat, texts
from bot.telegram.context import BotApplication, services_of
from bot.telegram.handlers import vault_admin
from tests.support.app import AppFactory, StartedChat
from tests.support.environment import ADMIN_ID
from tests.support.paths import VAULT


def _touch(path: Path, text: str) -> None:
    path.write_text(text)
    stat = path.stat()
    # Move the mtime on explicitly: two writes within one clock tick look unchanged.
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


async def _tick(app: BotApplication) -> None:
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name("vault-watch")
    await job.run(app)


async def test_edit_break_fix_and_delete_while_running(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    vault_dir = tmp_path / "vault"
    shutil.copytree(VAULT, vault_dir)
    app = await make_app(skills_dir=vault_dir)
    holder = services_of(app.bot_data).vault
    card = vault_dir / "Staying Grounded.md"
    original = card.read_text()

    await _tick(app)  # nothing changed: nothing reloaded, nobody told
    assert api.sent() == []

    _touch(card, original.replace("Slow your breath", "Slow your breathing"))
    await _tick(app)
    grounded = holder.current.get("Staying Grounded")
    assert grounded is not None and grounded.steps[1].title == "Slow your breathing"
    assert api.sent() == []  # a clean edit needs no admin attention

    _touch(card, "---\ndescription: broken: yaml\n---\n")
    await _tick(app)
    kept = holder.current.get("Staying Grounded")
    assert kept == grounded  # the last good version stays in service
    [report] = api.sent(ADMIN_ID)
    assert "Staying Grounded.md" in report.text and "not valid YAML" in report.text
    assert "last good version" in report.text

    _touch(card, original)
    await _tick(app)
    fixed = holder.current.get("Staying Grounded")
    assert fixed is not None and fixed.steps[1].title == "Slow your breath"
    assert holder.current.problems == ()

    (vault_dir / "Owning Impact.md").unlink()
    (vault_dir / "New Card.md").write_text(
        '---\nfileClass: meta_skill\nsteps: ["Step 1: Breathe"]\n---\n'
    )
    await _tick(app)
    assert holder.current.get("Owning Impact") is None
    assert holder.current.get("New Card") is not None
    # Repair now links to a card that is gone: a new warning, so admins hear of it.
    assert "Owning Impact" in api.sent(ADMIN_ID)[-1].text


async def test_reload_command_is_for_admins_only(chat: object, app: BotApplication) -> None:
    from collections.abc import Callable

    assert callable(chat)
    open_chat: Callable[[int], FakeChat] = chat
    [reply] = texts(await open_chat(ADMIN_ID).send("/reload"))
    assert (
        "6 cards loaded (1 core_skill, 5 meta_skill), 3 scenarios; 0 error(s), 0 warning(s)"
    ) in reply
    assert "0 added, 0 edited, 0 removed" not in reply  # no changes: no changes line
    [refusal] = texts(await open_chat(7).send("/reload"))
    assert "I don’t know /reload" in refusal


async def test_help_shows_admin_commands_only_to_admins(chat: object) -> None:
    assert callable(chat)
    [admin_help] = texts(await chat(ADMIN_ID).send("/help"))
    [user_help] = texts(await chat(7).send("/help"))
    assert "/reload" in admin_help and "/reload" not in user_help


async def test_a_card_broken_at_start_up_is_reported_to_admins(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    vault_dir = tmp_path / "vault"
    shutil.copytree(VAULT, vault_dir)
    (vault_dir / "Staying Grounded.md").write_text(
        "---\nfileClass: meta_skill\nsteps: [unclosed\n---\n"
    )
    app = await make_app(skills_dir=vault_dir)
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name("vault-report")
    await job.run(app)
    [report] = api.sent(ADMIN_ID)
    assert "Staying Grounded.md" in report.text


async def test_a_vault_without_cards_at_start_up_is_reported_to_admins(
    tmp_path: Path, make_app: AppFactory, api: FakeBotAPI
) -> None:
    vault_dir = tmp_path / "vault"
    vault_dir.mkdir()
    (vault_dir / "Diary.md").write_text("Today…\n")
    app = await make_app(skills_dir=vault_dir)
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name("vault-report")
    await job.run(app)
    [report] = api.sent(ADMIN_ID)
    assert "0 cards loaded, 1 other note ignored" in report.text


async def test_a_clean_vault_at_start_up_troubles_no_admin(
    make_app: AppFactory, api: FakeBotAPI
) -> None:
    app = await make_app()
    assert app.job_queue is not None
    [job] = app.job_queue.get_jobs_by_name("vault-report")
    await job.run(app)
    assert api.sent(ADMIN_ID) == []


async def test_the_suggestions_index_is_built_at_start_up_and_after_each_reload(
    tmp_path: Path,
    make_app: AppFactory,
    api: FakeBotAPI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Built in a worker thread before anyone writes: for a thousand cards it takes
    # seconds, which the first person to write would otherwise wait.
    vault_dir = tmp_path / "vault"
    shutil.copytree(VAULT, vault_dir)
    app = await make_app(skills_dir=vault_dir)
    suggestions = services_of(app.bot_data).suggestions
    prepared: list[int] = []
    prepare = suggestions.prepare

    def counted() -> None:
        prepared.append(1)
        prepare()

    monkeypatch.setattr(suggestions, "prepare", counted)
    assert app.job_queue is not None
    await _settled(app)  # the start-up's
    assert len(prepared) == 1
    [report] = texts(await StartedChat(app, api, ADMIN_ID).send("/reload"))
    assert "6 cards loaded" in report
    await _settled(app)
    assert len(prepared) == 2
    _touch(
        vault_dir / "New Card.md", '---\nfileClass: meta_skill\nsteps: ["Step 1: Breathe"]\n---\n'
    )
    await _tick(app)
    await _settled(app)
    assert len(prepared) == 3
    await _tick(app)  # nothing changed: nothing to build
    await _settled(app)
    assert len(prepared) == 3


async def _settled(app: BotApplication) -> None:
    """Run the index's jobs now (the test's Application does not run its queue)."""
    assert app.job_queue is not None
    for job in app.job_queue.get_jobs_by_name(vault_admin.SUGGESTIONS_JOB):
        job.schedule_removal()
        await job.run(app)
