"""Property tests: whatever is in the folder, the loader reports it and never raises."""

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.models import Step
from bot.vault.cards import decode, parse_card
from bot.vault.library import load_vault
from tests.support.paths import VAULT

SEED = (VAULT / "Repair.md").read_text()


def _load_bytes(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            (Path(folder) / name).write_bytes(data)
        vault = load_vault(Path(folder))
        # Every file is accounted for: a skill, an error, or an ordinary note.
        accounted = len(vault.skills) + len({p.path for p in vault.errors}) + len(vault.ignored)
        assert accounted == len(files)


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["A.md", "B.md", "C d.md"]), st.binary(max_size=2000), min_size=1
    )
)
def test_random_bytes_never_raise(files: dict[str, bytes]) -> None:
    _load_bytes(files)


@st.composite
def mangled_seed(draw: st.DrawFn) -> str:
    text = SEED
    for _ in range(draw(st.integers(1, 6))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 80)))
        action = draw(st.sampled_from(["delete", "insert", "duplicate"]))
        if action == "delete":
            text = text[:start] + text[end:]
        elif action == "insert":
            junk = draw(
                st.text(alphabet=st.sampled_from(list(":-[]{}'\"#*\n\r\t→ |!&<>")), max_size=20)
            )
            text = text[:start] + junk + text[start:]
        else:
            text = text[:end] + text[start:end] + text[end:]
    return text


@settings(max_examples=300, deadline=None)
@given(mangled_seed())
def test_mangled_seed_cards_never_raise(text: str) -> None:
    card, issues = parse_card(decode(text.encode()), "Repair")
    assert card is not None or any(issue.error for issue in issues)


_word = st.text(alphabet=st.sampled_from(list("abcdefghij KLMNOP’—é")), min_size=1, max_size=25)
_title = _word.map(str.strip).filter(bool)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_title, _title), min_size=1, max_size=8), st.booleans())
def test_generated_cards_round_trip(steps: list[tuple[str, str]], crlf: bool) -> None:
    front = ", ".join(f'"Step {i}: {title}"' for i, (title, _) in enumerate(steps, 1))
    body = "\n\n".join(
        f"{i}. **{title}**  \n   → {explanation}"
        for i, (title, explanation) in enumerate(steps, 1)
    )
    text = f"---\nfileClass: meta_skill\nsteps: [{front}]\n---\n\n## Steps\n---\n{body}\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    card, issues = parse_card(decode(text.encode()), "Generated")
    assert card is not None, issues
    assert card.steps == tuple(Step(" ".join(t.split()), " ".join(e.split())) for t, e in steps)
    assert not any("disagree" in issue.message for issue in issues)
