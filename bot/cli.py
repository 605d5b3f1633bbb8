"""The `skillbot` command: run, console, check, db."""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.logs import configure_logging

EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    parser = argparse.ArgumentParser(
        prog="skillbot", description="A Telegram bot that coaches relationship skills."
    )
    parser.add_argument("--version", action="version", version=f"skillbot {version('skillbot')}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = sub.add_parser("run", help="run the bot on Telegram (long polling)")
    run.add_argument(
        "--console-if-no-token",
        action="store_true",
        help="start the local console instead when TELEGRAM_BOT_TOKEN is not set",
    )
    console = sub.add_parser(
        "console", help="chat with the bot in this terminal, no Telegram needed"
    )
    console.add_argument(
        "--as",
        dest="people",
        action="append",
        default=[],
        metavar="ID[:NAME]",
        help="chat as this Telegram user id (repeat for several people, e.g. --as 1 --as 2; "
        "/as ID switches between them)",
    )
    check = sub.add_parser("check", help="validate a folder of skill cards")
    check.add_argument("dir", nargs="?", help="the folder (default: SKILLS_DIR)")
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="also list the notes that are not skills and the files Obsidian leaves out",
    )
    init = sub.add_parser("init", help="copy the starter vault into a folder, to edit in Obsidian")
    init.add_argument("dir", nargs="?", default="skills", help="the folder (default: skills)")
    sub.add_parser("stats", help="people, activity, practices per skill and nudge outcomes")
    sub.add_parser(
        "health",
        help="exit 0 if the database answers and the running bot is receiving updates",
    )
    load = sub.add_parser("import", help="load a person's /export file into this database")
    load.add_argument("file", type=Path, help="the JSON file /export sent")
    load.add_argument(
        "--replace",
        action="store_true",
        help="replace the person's rows when they are already in this database",
    )
    db = sub.add_parser("db", help="database migrations")
    db_sub = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_sub.add_parser("upgrade", help="apply every pending migration")
    db_sub.add_parser("current", help="show the database's revision and the newest one")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `skillbot` console script."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"skillbot: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    configure_logging(settings.log_level, [settings.telegram_bot_token or ""], settings.log_format)
    try:
        code = _dispatch(args, settings)
        sys.stdout.flush()  # here, not at exit: a reader gone by now is the case below
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `skillbot check -v | head`: the reader left; the rest would go nowhere. Python
        # would complain again while flushing stdout at exit, so it points nowhere now.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # what a shell reports for a process ended by SIGPIPE


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        if settings.telegram_bot_token:
            with _collecting_after():
                from bot.telegram.runner import serve
            asyncio.run(serve(settings))
            return 0
        if args.console_if_no_token:
            print("TELEGRAM_BOT_TOKEN is not set: starting the local console instead.")
            return _console(settings)
        print(
            "skillbot: TELEGRAM_BOT_TOKEN is not set. Get a token from @BotFather and put it "
            "in .env (see .env.example), or try the bot locally with `skillbot console`.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.command == "console":
        return _console(settings, args.people)
    if args.command == "check":
        folder = Path(args.dir) if args.dir else settings.skills_dir
        return _check(folder, settings, as_json=args.json, verbose=args.verbose)
    if args.command == "init":
        return _init(Path(args.dir))
    if args.command in ("db", "stats", "health"):
        return _database_command(args, settings)
    if args.command == "import":
        return _import(args.file, settings, replace=args.replace)
    raise AssertionError(f"unhandled command {args.command}")


@contextmanager
def _collecting_after() -> Iterator[None]:
    """Import the bot without the garbage collector, then set what was imported aside.

    Importing the bot and its libraries makes most of the objects the process will ever
    hold, and frees almost none: the collector, run meanwhile, scanned them all again
    and again (0.13 s of a 0.82 s start to the first poll, 0.2 s of 1.3 s under coverage).
    Frozen, they are left out of every later collection too (gc.freeze)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _check(folder: Path, settings: Settings, *, as_json: bool, verbose: bool) -> int:
    from bot.vault.kinds import NoteKinds
    from bot.vault.library import load_vault, report, summary

    kinds = NoteKinds(settings.skill_classes, settings.skill_tags, settings.scenario_classes)
    vault = load_vault(folder, kinds=kinds)
    if as_json:
        data = report(vault)
        if verbose:
            data["ignored_notes"] = list(vault.ignored)
            data["skipped_files"] = [{"path": p, "reason": r} for p, r in vault.skipped]
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(f"{folder}: {summary(vault)}")
        for problem in vault.problems:
            print(problem)
        if verbose:
            for rel in vault.ignored:
                print(f"{rel}: ignored: not a skill card or scenario")
            for rel, reason in vault.skipped:
                print(f"{rel}: left out: {reason} (Obsidian settings)")
        if not vault.skills:
            # Every person would be told there is nothing to practise.
            print(
                "error: no skill cards; a card is a note whose fileClass is one of "
                f"{', '.join(sorted(kinds.skill_classes))} (SKILL_CLASSES) or that has a tag "
                "in SKILL_TAGS; `skillbot check -v` lists the notes that were ignored"
            )
    return 1 if vault.errors or not vault.skills else 0


def _init(target: Path) -> int:
    from bot.config import STARTER_VAULT

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        print(
            f"skillbot: {target} already exists and is not empty; nothing was copied. "
            "Choose a new folder: skillbot init FOLDER",
            file=sys.stderr,
        )
        return 1
    notes = sorted(path for path in STARTER_VAULT.rglob("*.md") if not path.name.startswith("."))
    for path in notes:
        destination = target / path.relative_to(STARTER_VAULT)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    print(
        f"Copied the starter vault ({len(notes)} notes) into {target}. Open that folder in "
        f"Obsidian (Open folder as vault) to edit the cards; the bot reads it as "
        f"SKILLS_DIR={target} (the default when it is ./skills)."
    )
    return 0


def _console(settings: Settings, specs: list[str] | None = None) -> int:
    from bot.console import parse_people, run_console

    try:
        people = parse_people(specs or [])
    except ValueError as exc:
        print(f"skillbot: {exc}", file=sys.stderr)
        return EXIT_USAGE

    configure_logging(
        console_log_level(settings.log_level),
        [settings.telegram_bot_token or ""],
        settings.log_format,
    )
    asyncio.run(run_console(settings, people=people))
    return 0


def console_log_level(level: str) -> str:
    """The console prints the conversation, and routine INFO lines would interleave with
    it: they are held back (WARNING and up are shown), unless someone asked for DEBUG."""
    if level == "DEBUG":
        return level
    return str(logging.getLevelName(max(logging.WARNING, logging.getLevelName(level))))


def _database_command(args: argparse.Namespace, settings: Settings) -> int:
    """`db`, `stats` and `health`: one line, never a traceback, when the database is
    missing or cannot be used."""
    from bot.store import is_database_error, missing_sqlite_file

    reads = args.command == "stats" or (args.command == "db" and args.db_command == "current")
    missing = missing_sqlite_file(settings.database_url) if reads else None
    if missing is not None:
        # Only `db upgrade` (and running the bot) may create it: a mistyped or moved
        # path must not look like an empty, healthy database (`health` says so itself).
        print(f"skillbot: no database at {missing}; `skillbot db upgrade` creates one")
        return 1
    try:
        if args.command == "db":
            return asyncio.run(_db(args.db_command, settings))
        if args.command == "stats":
            return asyncio.run(_stats(settings))
        return asyncio.run(_health(settings))
    except Exception as exc:
        if not is_database_error(exc):
            raise
        detail = str(exc).splitlines()[0] if str(exc) else ""
        print(
            f"skillbot: the database could not be used: {type(exc).__name__}: {detail}",
            file=sys.stderr,
        )
        return 1


async def _db(action: str, settings: Settings) -> int:
    from bot.store import migrate
    from bot.store.opening import open_store

    async with open_store(settings, migrate=action == "upgrade") as store:
        current = await migrate.current_revision(store.engine)
        print(f"database revision: {current or 'none'} (newest: {migrate.head_revision()})")
    return 0


async def _health(settings: Settings) -> int:
    """One line per check, for Docker's health check and people alike."""
    from bot.telegram.health import probe

    health = await probe(settings)
    for name, result in health.checks.items():
        print(f"{name}: {result}")
    return 0 if health.ok else 1


async def _stats(settings: Settings) -> int:
    from bot.store.opening import open_store
    from bot.texts.admin import stats_plain

    async with open_store(settings, migrate=True) as store:
        now = store.clock()
        print(stats_plain(await store.bot_stats(now), now))
    return 0


def _import(file: Path, settings: Settings, *, replace: bool = False) -> int:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"skillbot: cannot read {file}: {exc}", file=sys.stderr)
        return 1
    return asyncio.run(_load(file, data, settings, replace=replace))


def _exported_user_id(data: dict[str, object]) -> int:
    """The person an export is about (ValueError, KeyError or TypeError when it is not
    one this version can load, as `import_user` would say)."""
    users = data["users"]
    if not isinstance(users, list) or len(users) != 1 or not isinstance(users[0], dict):
        raise ValueError("not one person's export")
    return int(users[0]["user_id"])


async def _load(
    file: Path, data: dict[str, object], settings: Settings, *, replace: bool = False
) -> int:
    from bot.store.opening import open_store

    try:
        async with open_store(settings, migrate=True) as store:
            known = await store.get_user(_exported_user_id(data))
            if known is not None and not replace:
                # A person's practice and reflections are theirs: never overwritten unasked.
                print(
                    f"skillbot: user {known.user_id} is already in this database; their rows "
                    "would be replaced by the file's (a pairing they are in ends, and updates "
                    "of theirs still waiting to be handled are dropped). Run again with "
                    "--replace to do that.",
                    file=sys.stderr,
                )
                return 1
            user_id = await store.import_user(data)
    except (ValueError, KeyError, TypeError) as exc:
        print(f"skillbot: {file} is not an export this version can load: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a database error: nothing was changed (one transaction)
        detail = str(exc).splitlines()[0] if str(exc) else ""
        print(
            f"skillbot: could not import {file}, nothing changed: {type(exc).__name__}: {detail}",
            file=sys.stderr,
        )
        return 1
    print(f"imported user {user_id} from {file}")
    return 0
