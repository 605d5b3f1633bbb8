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


async def _served_meanwhile(
    hold: Callable[[Callable[..., Any]], None], answer: Any, call: Callable[[], Awaitable[Any]]
) -> list[bool]:
    """Whether the loop served someone else while `call` ran a lookup that `hold` replaced
    with one holding its thread until then (on the loop itself it could not be served,
    and the lookup would wait its whole second out)."""
    served = threading.Event()
    seen: list[bool] = []

    def slow(*args: object) -> Any:
        seen.append(served.wait(1.0))
        return answer

    async def someone_else() -> None:
        await asyncio.sleep(0)
        served.set()

    hold(slow)
    await asyncio.gather(call(), someone_else())
    return seen


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
    def hold(slow: Callable[..., Any]) -> None:
        monkeypatch.setattr(lookups, name, slow)

    assert await _served_meanwhile(hold, answer, call) == [True]


async def test_the_loop_goes_on_while_a_message_is_matched(
    app: BotApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    def hold(slow: Callable[..., Any]) -> None:
        monkeypatch.setattr(Suggestions, "for_text", slow)

    suggestions = services_of(app.bot_data).suggestions
    matched = await _served_meanwhile(
        hold, (), lambda: skills_for_text(suggestions, "we fight", "en")
    )
    assert matched == [True]


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
