"""Pure partner rules: tokens, invites, what is shared, repair bids."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.domain.models import Skill, Step
from bot.domain.partner import (
    BIDS_PER_DAY,
    INVITE_LIFETIME,
    BidKind,
    Invite,
    InviteProblem,
    NoBid,
    Pairing,
    PartnerView,
    bid_kinds,
    bid_refusal,
    clean_bid_text,
    invite_problem,
    new_token,
    offers_bids,
    practice_news,
    shared_moment_focus,
    short_name,
    token_from_start,
    token_hash,
)

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_tokens_are_long_random_and_stored_only_as_a_hash() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    token = tokens.pop()
    assert len(token) == 32  # 24 bytes = 192 bits, url-safe
    assert len(token_hash(token)) == 64 and token not in token_hash(token)
    assert token_from_start(f"pair_{token}") == token
    assert len(f"pair_{token}") <= 64  # Telegram's /start payload limit
    for bad in ("", "pair_", "pair_short", "pair_" + "x" * 60, "hello", "pair_a b c d e f g h i"):
        assert token_from_start(bad) is None, bad


def test_invite_problems() -> None:
    invite = Invite(1, 10, "Ada", created_at=NOW, expires_at=NOW + INVITE_LIFETIME)
    assert invite_problem(None, 20, NOW) is InviteProblem.UNKNOWN
    assert invite_problem(invite, 10, NOW) is InviteProblem.OWN
    assert invite_problem(invite, 20, NOW) is None
    assert invite_problem(invite, 20, NOW + timedelta(hours=47, minutes=59)) is None
    assert invite_problem(invite, 20, NOW + timedelta(hours=48)) is InviteProblem.EXPIRED
    assert invite_problem(replace(invite, used_at=NOW), 20, NOW) is InviteProblem.USED


def test_short_names() -> None:
    assert short_name("  Ada \n Lovelace ") == "Ada Lovelace"
    assert short_name("") == "Your partner"
    assert len(short_name("x" * 100)) == 64


def pairing(user_id: int, partner_id: int, **choices: object) -> Pairing:
    return replace(Pairing(user_id, partner_id, "P", NOW), **choices)  # type: ignore[arg-type]


def test_a_shared_focus_needs_both_and_the_moment_needs_both_agreeing() -> None:
    ada = pairing(1, 2, our_focus="Repair", daily_moment=True)
    ben = pairing(2, 1, our_focus="Repair", daily_moment=True)
    assert shared_moment_focus(ada, ben) == "Repair"
    assert shared_moment_focus(ada, replace(ben, daily_moment=False)) is None
    assert shared_moment_focus(ada, replace(ben, our_focus="Staying Grounded")) is None
    view = PartnerView(ada, None, "Repair", True, (), False, False)
    assert view.shared_focus == "Repair" and view.daily_moment
    assert PartnerView(ada, None, None, True, (), False, False).shared_focus is None


def test_practice_news_tells_only_what_was_chosen_once_a_day() -> None:
    ada = pairing(1, 2, our_focus="Repair", daily_moment=True)
    ben = pairing(2, 1, our_focus="Repair", daily_moment=True)
    common = {"partner_practised_today": {"Repair"}, "both_already_told": False}
    assert practice_news(ada, ben, "Repair", already_told_partner=False, **common) == (
        False,  # Ada does not share her practice days
        "Repair",
    )
    sharing = replace(ada, shares_practice=True)
    assert practice_news(sharing, ben, "Repair", already_told_partner=False, **common) == (
        True,
        "Repair",
    )
    assert practice_news(sharing, ben, "Repair", already_told_partner=True, **common)[0] is False
    assert (
        practice_news(ada, ben, "Owning Impact", already_told_partner=False, **common)[1] is None
    )
    told = {"partner_practised_today": {"Repair"}, "both_already_told": True}
    assert practice_news(ada, ben, "Repair", already_told_partner=False, **told)[1] is None
    alone = {"partner_practised_today": set(), "both_already_told": False}
    assert practice_news(ada, ben, "Repair", already_told_partner=False, **alone)[1] is None


def skill(*titles: str, bids: tuple[str, ...] = ()) -> Skill:
    steps = tuple(Step(title) for title in titles)
    return Skill("S", ("core_skill",), "", "", steps, (), bids=bids)


def test_bids_are_built_from_the_three_steps_or_the_authors_lines() -> None:
    repair = skill(
        "Regulate yourself first",
        "Acknowledge their experience without defending",
        "Take responsibility for your impact",
        "Express your care and desire to repair",
    )
    assert bid_kinds(repair) == tuple(BidKind)
    assert offers_bids(repair)
    partial = skill("Acknowledge their experience", "Breathe")
    assert bid_kinds(partial) == () and not offers_bids(partial)
    assert offers_bids(skill("Breathe", bids=("I’m here.",)))


def test_bid_refusals_and_text() -> None:
    view = PartnerView(pairing(1, 2), None, None, False, (), False, False)
    assert bid_refusal(None, 0) is NoBid.NOT_PAIRED
    assert bid_refusal(view, BIDS_PER_DAY - 1) is None
    assert bid_refusal(view, BIDS_PER_DAY) is NoBid.DAILY_LIMIT
    assert bid_refusal(replace(view, partner_bids_muted=True), 0) is NoBid.MUTED
    assert clean_bid_text("  I’m sorry.  ") == "I’m sorry."
    assert clean_bid_text("   ") is None and clean_bid_text("x" * 601) is None
