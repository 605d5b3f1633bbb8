"""Right-to-left card text (Arabic, Hebrew) and German compounds: rendering and buttons."""

from pathlib import Path

from bot.offline.telegram_html import visible_text
from bot.telegram import keyboards
from bot.telegram.callbacks import MAX_BYTES, SkillAction
from bot.texts import labels
from bot.texts import practice as practice_text
from bot.texts import skills as skill_text
from bot.texts.html import inline, split_message, utf16_len
from bot.vault.library import load_vault

ARABIC = "أصلح العلاقة بهدوء، واستمع إلى ما شعر به الطرف الآخر دون أن تدافع عن نفسك."
HEBREW = "תקשיב למה שהצד השני הרגיש, בלי להתגונן. **קח אחריות** על ההשפעה שלך."
# Marks that change direction inside a line: they must pass through untouched.
MARKS = "\u200f\u200e\u202b\u202c"

CARD = """---
fileClass: core_skill
lang: {lang}
---

## Description
{description}

## Steps
1. **{title}**
   → {explanation}

2. **{title} 2**
   → {explanation}
"""


def _card(root: Path, name: str, lang: str, text: str, explanation: str) -> None:
    (root / f"{name}.md").write_text(
        CARD.format(lang=lang, description=text, title=name, explanation=explanation),
        encoding="utf-8",
    )


def test_arabic_and_hebrew_cards_render_to_valid_html_and_split_within_the_limit(
    tmp_path: Path,
) -> None:
    # "< b>" is no HTML tag (a tag would be dropped): it must reach the person as text.
    long_arabic = "\n\n".join([f"{MARKS}{ARABIC} < b>&amp; *تأكيد*"] * 120)
    _card(tmp_path, "إصلاح", "ar", ARABIC, long_arabic)
    _card(tmp_path, "תיקון", "he", HEBREW, HEBREW)
    vault = load_vault(tmp_path)
    assert vault.errors == ()
    arabic, hebrew = vault.get("إصلاح"), vault.get("תיקון")
    assert arabic is not None and hebrew is not None

    overview = skill_text.skill_overview(hebrew)
    assert "<b>קח אחריות</b>" in overview
    assert "תיקון" in visible_text(overview)
    step = practice_text.step_text(hebrew, 0)
    assert "<b>קח אחריות</b>" in step
    visible_text(step)

    # A step this long is shown shortened (test_html.py); what a split does to it is
    # seen on its whole text.
    text = inline(arabic.steps[0].explanation)
    assert utf16_len(text) > 4096
    parts = split_message(text)
    assert len(parts) >= 3
    for part in parts:
        assert utf16_len(visible_text(part)) <= 4096  # balanced tags, entities intact
    # Nothing lost or reordered at the cuts (whitespace at a cut is where it was cut).
    whole = "".join("".join(visible_text(part).split()) for part in parts)
    assert whole.count("".join(ARABIC.split())) == 120 and MARKS in whole
    assert "<b>&" in whole  # the card's own "< b>&amp;" reaches the person as text


def test_a_german_compound_label_is_cut_with_an_ellipsis_and_the_data_does_not_change(
    tmp_path: Path,
) -> None:
    title = "Beziehungskonfliktdeeskalationsfähigkeitentraining für Fortgeschrittene"
    _card(tmp_path, title, "de", "Lang.", "Schritt.")
    skill = load_vault(tmp_path).get(title)
    assert skill is not None
    markup = keyboards.choices((skill,), SkillAction.INTRO)
    [button] = [b for row in markup.inline_keyboard for b in row]
    assert button.text.endswith("…") and len(button.text) <= labels.LABEL_LIMIT
    assert title.startswith(button.text[:-1])
    data = button.callback_data
    assert isinstance(data, str) and len(data.encode()) <= MAX_BYTES
    assert skill.key in data  # the button names the skill by key, whatever its title
