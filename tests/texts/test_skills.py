"""The card texts of bot/texts/skills.py that the other text tests do not cover."""

from dataclasses import replace

from bot.offline.telegram_html import visible_text
from bot.texts import skills as skill_text
from bot.vault.cards import Section, _mistakes
from bot.vault.library import load_vault
from tests.support.paths import VAULT

SECTION = """- Defending your intent
  - saying "I didn't mean it"
  - explaining why you did it
- Minimizing their pain
  > [!tip] Instead
  > name what they felt
- %%a note to self%%
"""


def _repair_with(mistakes: tuple[str, ...]) -> str:
    repair = load_vault(VAULT).get("Repair")
    assert repair is not None
    return skill_text.mistakes_text(replace(repair, common_mistakes=mistakes))


def test_a_list_under_a_mistake_is_shown_inside_it_not_as_more_mistakes() -> None:
    text = _repair_with(_mistakes(Section(1, SECTION)))
    head, body = text.split("\n\n", 1)
    assert head == "<b>Common mistakes · Repair</b>"
    assert body == (
        "• Defending your intent\n"
        '    ◦ saying "I didn\'t mean it"\n'
        "    ◦ explaining why you did it\n"
        "• Minimizing their pain\n"
        "<blockquote><b>Instead</b>\nname what they felt</blockquote>"
    )
    visible_text(text)  # valid Telegram HTML


def test_mistakes_that_show_nothing_are_left_out() -> None:
    assert _repair_with(("%%hidden%%",)).endswith("This card lists no common mistakes yet.")
    assert _repair_with(()).endswith("This card lists no common mistakes yet.")
