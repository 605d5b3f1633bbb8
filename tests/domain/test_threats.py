"""Veiled threats and coercion in a message meant for someone (a repair bid)."""

import pytest

from bot.domain.threats import threatens

THREATS = [
    "if you don't answer me tonight you'll regret it",
    "you better come home or else",
    "I know where you are staying",
    "If you leave me I'll take the kids and you'll never see them again",
    "Answer your phone or I'm coming over there",
    "Nobody will believe you anyway",
    "I'm sorry. But if you tell anyone, you'll be sorry",
    "Komm nach Hause, sonst wirst du es bereuen",
    "Te vas a arrepentir",
    "Ты об этом пожалеешь",
    # A reviewer's second list: threats whose grammar needs a comma, and "or else I'll".
    "Я знаю, где ты живёшь",
    "Я знаю, где ты работаешь",
    "Ich weiß, wo du wohnst",
    "Otherwise, I'm coming over",
    "Come home now or else I'll tell everyone",
    "Answer me or else I'm coming over",
    "I'm going to take the kids and leave",
    "Contesta o si no voy para allá",
    "Come home, or else.",
]
# What a repair bid is for.
NOT_THREATS = [
    "I'm sorry, I know you're hurt",
    "You won't regret giving me another chance",
    "I know where you are coming from",
    "I'll take the kids to school tomorrow so you can rest",
    "Tell me when you're ready",
    "I'm coming home early tonight",
    "I was sorry to hear about your day",
    # A reviewer's list: promises, plans, and "or else" that offers another time.
    "Давай попробуем ещё раз, ты не пожалеешь",
    "No te vas a arrepentir, te lo prometo",
    "I'll take the kids and make dinner tonight so you can rest",
    "Can we talk tonight, or else tomorrow morning?",
    "¿Cenamos fuera o si no pedimos pizza?",
    "I know where you are at with this",
    "Я знаю, где ты любишь гулять",
]


@pytest.mark.parametrize("text", THREATS)
def test_threats_and_coercion_are_recognised(text: str) -> None:
    assert threatens(text)


@pytest.mark.parametrize("text", NOT_THREATS)
def test_apologies_and_plans_are_not_threats(text: str) -> None:
    assert not threatens(text)
