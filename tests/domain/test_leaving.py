"""Asking whether, or how, to leave a partner, told from leaving a message or a party."""

import pytest

from bot.domain.leaving import asks_whether_to_leave


@pytest.mark.parametrize(
    "text",
    [
        "should I leave him?",
        "Should I just leave",
        "do I stay with her or not",
        "how do I get away from him",
        "is it time to leave",
        "soll ich ihn verlassen?",
        "soll ich gehen?",
        "soll ich mich trennen",
        "wie komme ich von ihm weg",
        "¿debería dejarlo?",
        "¿debo irme?",
        "debo dejar a mi marido?",
        "мне уйти от него?",
        "стоит ли уходить",
        "как от него уйти",
        # a review's: still missed then
        "do you think I should leave him",
        "I don't know if I should leave",
        "¿lo dejo?",
        "¿me separo?",
    ],
)
def test_asking_whether_to_leave(text: str) -> None:
    assert asks_whether_to_leave(text)


@pytest.mark.parametrize(
    "text",
    [
        "should I leave the step for tomorrow",
        "should I leave a message",
        "do I go to the party",
        "should I go to bed",
        "can I leave this practice",
        "soll ich gehen und einkaufen",
        "debo irme a trabajar",
        "I left him a note",
        # a review's: the chat, a place, a job (the first is what someone hiding it types)
        "How do I leave this chat",
        "how do i get out of here",
        "как уйти отсюда",
        "мне уйти с работы?",
    ],
)
def test_leaving_something_else_is_not(text: str) -> None:
    assert not asks_whether_to_leave(text)
