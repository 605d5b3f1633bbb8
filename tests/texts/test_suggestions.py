"""The offer of skills for free text (bot/texts/suggestions.py)."""

from dataclasses import replace

from bot.offline.telegram_html import visible_text
from bot.texts.suggestions import LINE_LIMIT, offer
from bot.vault.library import load_vault
from tests.support.paths import VAULT

SKILLS = load_vault(VAULT)


def test_each_skill_is_offered_with_its_description_s_first_paragraph() -> None:
    repair = SKILLS.get("Repair")
    assert repair is not None
    short = replace(repair, description="Mend it **soon**.\n\nA second paragraph.")
    text = offer((short,))
    assert "• <b>Repair</b> — Mend it <b>soon</b>." in text
    assert "second paragraph" not in text


def test_a_long_first_paragraph_is_cut_so_three_offers_stay_one_short_message() -> None:
    repair = SKILLS.get("Repair")
    assert repair is not None
    long = replace(repair, description="Mend it with care and patience. " * 200)
    text = visible_text(offer((long, long, long)))
    [line, *_] = [row for row in text.split("\n") if row.startswith("• Repair")]
    assert line.endswith("…")
    assert len(line) < LINE_LIMIT + 40
