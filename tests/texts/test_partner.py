"""Partner texts: the bid suggestions, and every name and word escaped."""

from bot.domain.models import Skill, Step
from bot.domain.partner import BidAnswer
from bot.texts import partner as text


def card(*titles: str, bids: tuple[str, ...] = ()) -> Skill:
    return Skill("Repair", ("core_skill",), "", "", tuple(Step(t) for t in titles), (), bids=bids)


REPAIR = card(
    "Acknowledge their experience", "Take responsibility for your impact", "Express your care"
)


def test_suggestions_come_from_the_steps_or_the_authors_lines() -> None:
    built = text.bid_suggestions(REPAIR)
    assert len(built) == 3 and "how you felt makes sense" in built[0]
    own = card("Breathe", bids=("One.", "Two.", "Three.", "Four."))
    assert text.bid_suggestions(own) == ("One.", "Two.", "Three.")
    assert text.bid_suggestions(card("Breathe")) == ()


def test_names_and_words_are_escaped() -> None:
    assert text.bid_message("<Ada>", "a & b") == "💌 <b>From &lt;Ada&gt;:</b>\n\na &amp; b"
    assert "&lt;b&gt;" in text.practised_today("<b>", "Repair")
    assert "&lt;i&gt;" in text.bid_answered("<i>", BidAnswer.THANKS)
    assert "&amp;" in text.invite_message("A&B", "https://t.me/x?start=pair_y")
