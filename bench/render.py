"""Benchmark: turning card Markdown into Telegram HTML, against html.escape of the same text.

Two workloads, each timed in the same run against its own baseline:

* card: every message a practice of each starter card shows (the overview, each
  step, the common mistakes), rendered from the loaded skills/ folder;
* markdown: `bot.texts.html.inline` on N card-like Markdown texts (default 2,000) mixing
  what authors write in Obsidian: bold, italic, code, links, wikilinks, lists,
  callouts, highlights and comments.

Card text is cached once rendered (a vault holds a few hundred texts, shown again
at every step); the cache is emptied before every timed run, so the card figure
is a cold first round plus warm ones, and the markdown figure is all cold.

The baseline is `html.escape` over exactly the text that was rendered (the least
any renderer must do), so the ratio says what parsing costs on top of escaping.
Each contender is warmed up once, then run `--repeat` times alternating; medians
and minimums are reported, with ours / baseline of the medians. It only reports;
it never fails on timing.

    .venv/bin/python bench/render.py [--texts N] [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import gc
import html
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.domain.models import Skill
from bot.texts import html as telegram_html
from bot.texts import markdown, practice
from bot.texts import skills as skill_texts
from bot.vault.library import load_vault

REPO = Path(__file__).resolve().parent.parent

_PIECES = [
    "Pause, **breathe**, and make sure you're *grounded* enough to show up.",
    "Focus on what they felt — see [[Holding Discomfort|staying with it]] and `not logic`.",
    "Read [the research](https://example.org/repair?x=1&y=2) before ~~arguing~~ talking.",
    "- Rushing to explain your intent\n- Getting **defensive** or factual\n- Going quiet",
    "1. Breathe out longer\n2. Name one feeling\n3. ==Stay== with it",
    "> [!tip] Remember\n> The repair is the presence, not the solution.",
    "Even if it wasn’t intentional. %%author note: soften this%% This opens the door.",
    "### Why\nBecause <wounds> & silences deepen when nobody says *anything*.",
]


def markdown_texts(count: int) -> list[str]:
    """`count` card-like Markdown texts, each two to four pieces, varied by index."""
    texts = []
    for index in range(count):
        pieces = [_PIECES[(index + k * 3) % len(_PIECES)] for k in range(2 + index % 3)]
        texts.append(f"({index}) " + "\n\n".join(pieces))
    return texts


def card_messages(skills: tuple[Skill, ...]) -> Callable[[], list[str]]:
    """Render every message a practice of each skill shows."""

    def run() -> list[str]:
        out = []
        for skill in skills:
            out.append(skill_texts.skill_overview(skill))
            out += [practice.step_text(skill, i) for i in range(len(skill.steps))]
            out.append(skill_texts.mistakes_text(skill))
        return out

    return run


def card_baseline(skills: tuple[Skill, ...]) -> Callable[[], list[str]]:
    """html.escape of the same card text the messages carry."""

    def run() -> list[str]:
        out = []
        for skill in skills:
            out += [html.escape(skill.description), html.escape(skill.why_it_matters)]
            out += [html.escape(f"{s.title}\n{s.explanation}") for s in skill.steps]
            out += [html.escape(m) for m in skill.common_mistakes]
        return out

    return run


def timed(fn: Callable[[], object]) -> float:
    markdown.to_telegram_html.cache_clear()
    gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(contenders: dict[str, Callable[[], object]], repeat: int) -> dict[str, list[float]]:
    """Warm each up once, then alternate (swapping who goes first) `repeat` times."""
    runs: dict[str, list[float]] = {name: [] for name in contenders}
    for fn in contenders.values():
        fn()
    for rep in range(repeat):
        order = list(contenders) if rep % 2 == 0 else list(reversed(contenders))
        for name in order:
            runs[name].append(timed(contenders[name]))
    return runs


def figures(runs: dict[str, list[float]]) -> dict[str, Any]:
    base, ours = statistics.median(runs["baseline"]), statistics.median(runs["ours"])
    return {
        "baseline": {"median_s": base, "min_s": min(runs["baseline"])},
        "ours": {"median_s": ours, "min_s": min(runs["ours"])},
        "ratio_median": ours / base,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--texts", type=int, default=2000, help="Markdown texts (2000)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each (7)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.texts < 1 or args.repeat < 1:
        parser.error("--texts and --repeat must be at least 1")

    skills = load_vault(REPO / "skills").skills
    texts = markdown_texts(args.texts)
    # Card messages are few: repeat the set so one run is long enough to time.
    rounds = 100

    def cards() -> None:
        for _ in range(rounds):
            card_messages(skills)()

    def cards_base() -> None:
        for _ in range(rounds):
            card_baseline(skills)()

    result = {
        "benchmark": "render",
        "repeat": args.repeat,
        "card": {
            "skills": len(skills),
            "rounds": rounds,
            **figures(measure({"baseline": cards_base, "ours": cards}, args.repeat)),
        },
        "markdown": {
            "texts": args.texts,
            **figures(
                measure(
                    {
                        "baseline": lambda: [html.escape(t) for t in texts],
                        "ours": lambda: [telegram_html.inline(t) for t in texts],
                    },
                    args.repeat,
                )
            ),
        },
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    for name in ("card", "markdown"):
        row = result[name]
        what = (
            f"{row['skills']} skills x {row['rounds']} rounds"
            if name == "card"
            else f"{row['texts']} texts"
        )
        print(f"{name} ({what}), median of {args.repeat}:")
        for who in ("baseline", "ours"):
            print(
                f"  {who:<9} {row[who]['median_s'] * 1000:8.1f} ms "
                f"(min {row[who]['min_s'] * 1000:.1f} ms)"
            )
        print(f"  ratio ours/baseline: {row['ratio_median']:.1f}x")


if __name__ == "__main__":
    main()
