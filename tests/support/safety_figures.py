"""Recall and false alarms of the safety detector on tests/fixtures/safety_corpus.toml.

`python -m tests.support.safety_figures` prints them per set; docs/safety.md quotes it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from bot.domain.safety import SafetyCategory, SafetyDetector, default_detector
from tests.support.paths import FIXTURES

CORPUS = FIXTURES / "safety_corpus.toml"
# One corpus per other language we ship, written in that language (development sets).
LANGUAGE_CORPORA = {
    language: FIXTURES / f"safety_corpus.{language}.toml" for language in ("de", "es", "ru")
}


def language_corpus(language: str) -> dict[str, Any]:
    """One language's corpus: its development lists and its held-out rounds, together."""
    data = tomllib.loads(LANGUAGE_CORPORA[language].read_text(encoding="utf-8"))
    merged: dict[str, Any] = {"must_fire": {}, "must_not_fire": {}}
    for part in (data, *(v for k, v in data.items() if k.startswith("round"))):
        for kind in ("must_fire", "must_not_fire"):
            for name, texts in part.get(kind, {}).items():
                merged[kind].setdefault(name, []).extend(texts)
    return merged


@dataclass
class Figures:
    """How one set of phrasings fared."""

    must_fire: int = 0
    fired: int = 0  # fired with the right category
    must_not_fire: int = 0
    false_alarms: int = 0
    missed: list[str] = field(default_factory=list)
    wrongly_fired: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.fired / self.must_fire if self.must_fire else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.must_not_fire if self.must_not_fire else 0.0

    def add(self, other: Figures) -> None:
        self.must_fire += other.must_fire
        self.fired += other.fired
        self.must_not_fire += other.must_not_fire
        self.false_alarms += other.false_alarms
        self.missed += other.missed
        self.wrongly_fired += other.wrongly_fired


def corpus_sets() -> dict[str, dict[str, Any]]:
    """The corpus's sets by name: `development` (the top-level lists) and each round."""
    data = tomllib.loads(CORPUS.read_text(encoding="utf-8"))
    sets = {"development": {k: data[k] for k in ("must_fire", "must_not_fire")}}
    sets.update({name: value for name, value in data.items() if name.startswith("round")})
    return sets


def measure(phrasings: dict[str, Any], detector: SafetyDetector) -> Figures:
    """Run the detector over one set."""
    figures = Figures()
    for category, texts in phrasings["must_fire"].items():
        for text in texts:
            figures.must_fire += 1
            if SafetyCategory(category) in detector.detect(text):
                figures.fired += 1
            else:
                figures.missed.append(text)
    for texts in phrasings["must_not_fire"].values():
        for text in texts:
            figures.must_not_fire += 1
            if detector.detect(text):
                figures.false_alarms += 1
                figures.wrongly_fired.append(text)
    return figures


def main() -> None:
    detector = default_detector()
    total = Figures()
    for name, phrasings in corpus_sets().items():
        figures = measure(phrasings, detector)
        total.add(figures)
        print(
            f"{name:12} recall {figures.fired}/{figures.must_fire} ({figures.recall:.1%})  "
            f"false alarms {figures.false_alarms}/{figures.must_not_fire} "
            f"({figures.false_alarm_rate:.1%})"
        )
    print(
        f"{'all':12} recall {total.fired}/{total.must_fire} ({total.recall:.1%})  "
        f"false alarms {total.false_alarms}/{total.must_not_fire} "
        f"({total.false_alarm_rate:.1%})"
    )
    for text in total.missed:
        print(f"  missed: {text}")
    for text in total.wrongly_fired:
        print(f"  false alarm: {text}")
    for language in LANGUAGE_CORPORA:
        figures = measure(language_corpus(language), detector)
        print(
            f"{language + ' (all)':12} recall {figures.fired}/{figures.must_fire} "
            f"({figures.recall:.1%})  false alarms {figures.false_alarms}/"
            f"{figures.must_not_fire} ({figures.false_alarm_rate:.1%})"
        )
        for text in figures.missed + figures.wrongly_fired:
            print(f"  {text}")


if __name__ == "__main__":
    main()
