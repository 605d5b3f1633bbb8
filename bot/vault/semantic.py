"""Semantic skill matching: wordllama's small static-embedding model, fully offline.

Optional: `pip install 'skillbot[semantic]'` and `SKILL_MATCHING=semantic`. wordllama
ships its 16 MB model inside its wheel; only its tokenizer is looked up in a cache
folder (`tokenizers/<file>`), so the packaged file is copied into a temporary one and
the model is loaded with downloads disabled. It must never touch the network, and a
test checks that with sockets blocked.

Not in bot/domain: it needs numpy and a model file, not a small pure library.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bot.domain.matching import Match, offered
from bot.domain.models import Skill

# Cosine similarity (static embeddings, normalised) below which nothing is offered, and
# how close to the best the second and third must be. Measured on
# tests/fixtures/free_text_labels.toml: nonsense scored at most 0.23, real messages from 0.24.
MIN_SIMILARITY = 0.25
RELATIVE = 0.8


class SemanticUnavailable(RuntimeError):
    """wordllama is not installed, or its packaged model cannot be loaded offline."""


def load_model() -> Any:
    """Load wordllama's packaged model without any network access."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        raise SemanticUnavailable(
            "semantic matching needs the optional extra: pip install 'skillbot[semantic]'"
        ) from None
    packaged = Path(wordllama.__file__).parent / "tokenizers"
    with tempfile.TemporaryDirectory(prefix="skillbot-wordllama-") as cache:
        # The loader looks for the tokenizer under <cache>/tokenizers/, never in the
        # package itself; the weights it does find in the package.
        shutil.copytree(packaged, Path(cache) / "tokenizers")
        try:
            # The tokenizer and weights are read into memory here, so the folder can go.
            return WordLlama.load(cache_dir=Path(cache), disable_download=True)
        except (FileNotFoundError, OSError, ValueError) as exc:
            raise SemanticUnavailable(f"wordllama's packaged model did not load: {exc}") from exc


def passages(skill: Skill) -> list[str]:
    """The pieces of a card a message may resemble: each is embedded on its own."""
    found = [f"{skill.title}. {skill.description}", skill.why_it_matters]
    found += [f"{step.title}. {step.explanation}" for step in skill.steps]
    found += [*skill.common_mistakes, *skill.triggers, *skill.aliases]
    return [text for text in found if text.strip()]


class SemanticMatcher:
    """Ranks skills by the card passage most similar in meaning to the text."""

    def __init__(self, model: Any, skills: Sequence[Skill]) -> None:
        self.model = model
        self.skills = tuple(skills)
        texts: list[str] = []
        self._owners: list[int] = []
        for index, skill in enumerate(self.skills):
            for text in passages(skill):
                texts.append(text)
                self._owners.append(index)
        self._vectors = model.embed(texts, norm=True) if texts else None

    def scores(self, text: str) -> list[float]:
        """Each skill's best similarity to `text`, in the order the skills were given."""
        best = [0.0] * len(self.skills)
        if self._vectors is None or not text.strip():
            return best
        query = self.model.embed([text], norm=True)[0]
        for owner, similarity in zip(self._owners, self._vectors @ query, strict=True):
            best[owner] = max(best[owner], float(similarity))
        return best

    def rank(self, text: str, limit: int = 3) -> tuple[Match, ...]:
        """The skills worth offering for `text`, best first; empty when none fits."""
        ranked = sorted(
            (Match(s, score) for s, score in zip(self.skills, self.scores(text), strict=True)),
            key=lambda match: -match.score,
        )
        return offered(ranked, limit, minimum=MIN_SIMILARITY, relative=RELATIVE)
