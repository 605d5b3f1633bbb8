"""What a person typed is looked up in a worker thread: the event loop serves others
meanwhile."""

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.domain.search import Found
from bot.domain.timezones import ZoneMatch
from bot.services.suggestions import Suggestions
from bot.telegram.context import BotApplication, services_of
from bot.telegram.handlers import lookups
from bot.telegram.handlers.lookups import skill_named, skills_for_text, zone_named


async def test_the_answers_are_the_lookups_own(app: BotApplication) -> None:
    services = services_of(app.bot_data)
    assert (await zone_named("Москва")).zone == "Europe/Moscow"
    assert (await zone_named("Berlni")).suggestions  # a typo: places to choose from
    found = await skill_named(services.vault.current, "repair")
    assert found.skill is not None and found.skill.title == "Repair"
    fits = await skills_for_text(
        services.suggestions, "I snapped at him and want to make it right", "en"
    )
    assert fits == services.suggestions.for_text(
        "I snapped at him and want to make it right", "en"
    )


def _held(served: threading.Event, seen: list[bool], answer: Any) -> Callable[..., Any]:
    def slow(*args: object) -> Any:
        # Holds its thread until the loop has served someone else; on the loop itself it
        # could not be served, and this would wait the whole second out.
        seen.append(served.wait(1.0))
        return answer

    return slow


@pytest.mark.parametrize(
    ("name", "answer", "call"),
    [
        ("resolve_zone", ZoneMatch(None), lambda: zone_named("Sna Francisco")),
        ("find_skill", Found(None), lambda: skill_named(None, "repiar")),  # type: ignore[arg-type]
    ],
)
async def test_the_loop_goes_on_while_a_slow_lookup_runs(
    monkeypatch: pytest.MonkeyPatch, name: str, answer: Any, call: Callable[[], Awaitable[Any]]
) -> None:
    served = threading.Event()
    seen: list[bool] = []

    async def someone_else() -> None:
        await asyncio.sleep(0)
        served.set()

    monkeypatch.setattr(lookups, name, _held(served, seen, answer))
    await asyncio.gather(call(), someone_else())
    assert seen == [True]


async def test_the_loop_goes_on_while_a_message_is_matched(
    app: BotApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = threading.Event()
    seen: list[bool] = []

    async def someone_else() -> None:
        await asyncio.sleep(0)
        served.set()

    monkeypatch.setattr(Suggestions, "for_text", _held(served, seen, ()))
    suggestions = services_of(app.bot_data).suggestions
    await asyncio.gather(skills_for_text(suggestions, "we fight", "en"), someone_else())
    assert seen == [True]


def test_an_index_is_built_once_however_many_threads_ask(app: BotApplication) -> None:
    suggestions = Suggestions(services_of(app.bot_data).vault)
    built: list[str] = []
    factory = suggestions.factory

    def counted(cards: Any, *args: Any) -> Any:
        built.append("x")
        return factory(cards, *args)

    suggestions.factory = counted
    threads = [
        threading.Thread(target=suggestions.for_text, args=("we fight about chores", "pt"))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert built == ["x"]
