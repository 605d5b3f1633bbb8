"""The semantic matcher: wordllama's packaged model, loaded and used with the network cut."""

import socket
import sys
from typing import Any

import pytest

from bot.vault.semantic import SemanticMatcher, SemanticUnavailable, load_model, passages
from tests.support.matching_figures import frozen_vault, labelled, measure

pytest.importorskip("wordllama", reason="the optional extra skillbot[semantic] is not installed")

VAULT = frozen_vault()


class NetworkUsed(AssertionError):
    """Raised by any attempt to open a connection or resolve a name."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NetworkUsed(f"network used: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def model() -> Any:
    return load_model()


def test_the_model_loads_and_matches_with_the_network_cut(no_network: None) -> None:
    # Loaded inside the test, under the block: a download attempt would raise.
    matcher = SemanticMatcher(load_model(), VAULT.skills)
    found = [match.skill.title for match in matcher.rank("I lose my temper and start shouting")]
    assert found and found[0] == "Staying Grounded"
    assert matcher.rank("asdfghjkl") == ()


def test_the_blocker_really_blocks(no_network: None) -> None:
    with pytest.raises(NetworkUsed):
        socket.create_connection(("huggingface.co", 443))


def test_every_card_field_that_carries_meaning_is_embedded() -> None:
    repair = VAULT.get("Repair")
    assert repair is not None
    texts = passages(repair)
    assert texts[0].startswith("Repair. The intentional process")
    assert any("Regulate yourself first" in text for text in texts)
    assert "Getting defensive or factual" in texts
    assert "fight" in texts  # a trigger


def test_without_wordllama_the_reason_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "wordllama", None)  # makes `import wordllama` fail
    with pytest.raises(SemanticUnavailable, match=r"skillbot\[semantic\]"):
        load_model()


def test_semantic_figures_on_the_labelled_messages(model: Any) -> None:
    matcher = SemanticMatcher(model, VAULT.skills)
    development = measure(matcher, VAULT, labelled("message"))
    assert development.top3 / development.messages >= 0.9
    assert development.nonsense_quiet == development.nonsense
    held_out = measure(matcher, VAULT, labelled("held_out"))
    assert held_out.top3 / held_out.messages >= 0.7
