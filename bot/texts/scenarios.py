"""Telegram HTML for practising a skill for a scenario (a situation from the vault)."""

from __future__ import annotations

from html import escape

from bot.domain.models import Scenario, Skill
from bot.texts.html import card_text
from bot.texts.i18n import _, constant, scenario_card
from bot.texts.practice import worked_through
from bot.texts.skills import skill_overview


def on_card(scenarios: tuple[Scenario, ...]) -> str:
    """What a skill's card adds when it has scenarios: a pointer to their buttons."""
    if not scenarios:
        return ""
    return "\n\n" + _("<i>Or practise it for a situation you know</i> — the ◇ buttons below.")


def intro(skill: Skill, scenario: Scenario) -> str:
    """The practice intro for a scenario: the situation first, then the skill (each as
    written in the person's language when it has a translation)."""
    scenario = scenario_card(scenario)
    situation = f"<b>{escape(scenario.title)}</b>"
    if scenario.situation:
        situation += f"\n{card_text(scenario.situation)}"
    return f"{situation}\n\n{skill_overview(skill)}\n\n" + _(
        "Keep this moment in mind as you go. Tap <b>Start</b> when you’re ready."
    )


def reflect_prompt(skill: Skill, scenario: Scenario) -> str:
    """The question after the last step, about the situation practised for."""
    return f"{worked_through(skill)}\n\n" + _(
        "Think back to <i>{scenario}</i>. What did you notice — in you, in them, in what you "
        "might say or do next time? Write it in your own words, or tap <b>Skip</b>."
    ).format(scenario=escape(scenario_card(scenario).title))


_CONSTANTS = {
    "SCENARIO_GONE": lambda: _(
        "That situation is no longer there. Send /practice to choose a skill."
    ),
}


def __getattr__(name: str) -> str:
    """The constants above, said in the current language when read."""
    return constant(_CONSTANTS, name)
