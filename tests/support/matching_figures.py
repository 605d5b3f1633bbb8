"""How well a skill matcher points free text to the right skills.

`python -m tests.support.matching_figures` prints the figures for the lexical matcher and,
when wordllama is installed, the semantic one; docs/matching.md quotes them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from math import comb
from typing import Any

from bot.domain.matching import STEMMERS, LexicalMatcher, SkillMatcher
from bot.vault.library import Vault, load_vault
from tests.support.paths import FIXTURES, STARTER_VAULT, VAULT

LABELS = FIXTURES / "free_text_labels.toml"
# The sets of labelled messages in other languages, by their table in the labels file.
TRANSLATED_SETS = ("de", "es", "ru")


@dataclass
class Figures:
    """One matcher on one set of labelled messages."""

    messages: int = 0
    top3: int = 0  # a right skill among the three best ranked
    top1: int = 0
    shown: int = 0  # a right skill among what the person is shown (offers, else the focus)
    chance_top3: float = 0.0  # expected top3 for a ranking in random order
    nonsense: int = 0
    nonsense_quiet: int = 0  # nonsense for which nothing was offered (the focus is, instead)

    def line(self, name: str) -> str:
        def share(count: int, total: int) -> str:
            return f"{count}/{total} ({count / total:.0%})" if total else "-"

        return (
            f"{name:22} top-3 {share(self.top3, self.messages):12} "
            f"top-1 {share(self.top1, self.messages):12} "
            f"shown {share(self.shown, self.messages):12} "
            f"chance top-3 {self.chance_top3 / max(self.messages, 1):.0%}  "
            f"nonsense left to the focus {share(self.nonsense_quiet, self.nonsense)}"
        )


def labelled(set_name: str) -> list[dict[str, Any]]:
    """`message` (the development set), `held_out`, or a language's set (`de`, …)."""
    found: list[dict[str, Any]] = tomllib.loads(LABELS.read_text(encoding="utf-8"))[set_name]
    return found


def frozen_vault() -> Vault:
    """The tests' frozen copy of the starter cards (tests/fixtures/vault)."""
    return load_vault(VAULT)


def translated_matcher(vault: Vault, language: str) -> LexicalMatcher:
    """The lexical matcher as the bot builds it for `language`: the cards in that
    language, its stemmer and stop words."""
    cards = [skill.in_language(language) for skill in vault.skills]
    return LexicalMatcher(cards, STEMMERS[language])


def measure(
    matcher: SkillMatcher, vault: Vault, messages: list[dict[str, Any]], language: str = "en"
) -> Figures:
    """Run one matcher over labelled messages (written in `language`; labels name the
    default cards, so a translated card counts as the skill it translates)."""
    figures = Figures()
    count = len(vault.skills)
    focus = vault.default_focus()
    default_title = {id(skill.in_language(language)): skill.title for skill in vault.skills}
    for message in messages:
        wanted = set(message["skills"])
        offers = [default_title[id(match.skill)] for match in matcher.rank(message["text"])]
        if not wanted:
            figures.nonsense += 1
            figures.nonsense_quiet += not offers
            continue
        scores = matcher.scores(message["text"])
        # Only skills the text scored on are ranked: ties at zero are not a choice.
        order = [
            skill.title
            for score, skill in sorted(zip(scores, vault.skills, strict=True), key=lambda p: -p[0])
            if score > 0
        ]
        figures.messages += 1
        figures.top3 += bool(wanted & set(order[:3]))
        figures.top1 += bool(order) and order[0] in wanted
        shown = offers or ([focus.title] if focus else [])
        figures.shown += bool(wanted & set(shown))
        figures.chance_top3 += 1 - comb(count - len(wanted), 3) / comb(count, 3)
    return figures


def main() -> None:
    # The figures for the cards that ship: skills/, not the tests' frozen copy.
    vault = load_vault(STARTER_VAULT)
    matchers: dict[str, SkillMatcher] = {"lexical": LexicalMatcher(vault.skills)}
    try:
        from bot.vault.semantic import SemanticMatcher, SemanticUnavailable, load_model

        matchers["semantic"] = SemanticMatcher(load_model(), vault.skills)
    except SemanticUnavailable as exc:
        print(f"semantic: not measured ({exc})")
    for set_name in ("message", "held_out"):
        messages = labelled(set_name)
        label = "development" if set_name == "message" else "held out"
        print(f"{label}: {len(messages)} messages")
        for name, matcher in matchers.items():
            print("  " + measure(matcher, vault, messages).line(name))
    for language in TRANSLATED_SETS:
        matcher = translated_matcher(vault, language)
        for set_name in (language, f"{language}_held_out"):
            messages = labelled(set_name)
            print(f"{set_name}: {len(messages)} messages")
            print("  " + measure(matcher, vault, messages, language).line("lexical"))


if __name__ == "__main__":
    main()
