import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.models import skill_key
from bot.domain.practice import Move
from bot.telegram.callbacks import (
    Dismiss,
    ListMode,
    ListPress,
    PausePress,
    ScenarioPress,
    SessionPress,
    SettingsPress,
    SkillAction,
    SkillPress,
    StartInstead,
    decode,
    encode,
)


@pytest.mark.parametrize(
    "press",
    [
        SessionPress(2147483647, 4, Move.NEXT),
        SessionPress(1, 0, Move.RESTART),
        SkillPress(skill_key("A very long skill title " * 10), SkillAction.START),
        ScenarioPress(skill_key("Repair"), skill_key("When they go quiet"), SkillAction.INTRO),
        ListPress(ListMode.FOCUS, 12),
        StartInstead(2147483647, skill_key("Repair")),
        StartInstead(2147483647, skill_key("Repair"), skill_key("When they go quiet")),
        SettingsPress("S", "off-8123456789012345"),
        PausePress(365),
        Dismiss(),
    ],
)
def test_round_trip_and_size(press: object) -> None:
    data = encode(press)  # type: ignore[arg-type]
    assert len(data.encode()) <= 64
    assert decode(data) == press


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "p:1:2",
        "p:1:2:z",
        "p:-1:2:n",
        "k:XYZ:s",
        "k:0123456789:q",
        "l:q:1",
        "x:",
        "u:",
        "u:1000",
        "p:1:2:n:extra",
        "p:" + "9" * 70 + ":1:n",
        "<script>",
        "k:abc\n",
        # Past 32 bits: no row was ever numbered so (PostgreSQL failed the lookup).
        "a:2147483648",
        "p:999999999999:0:n",
        "o:999999999999:0123456789",
        "e:999999999999:0:1:0123abcd",
        "bd:99999999999:s",
    ],
)
def test_forged_data_is_rejected(data: str | None) -> None:
    assert decode(data) is None


@given(st.text(max_size=80))
def test_decode_never_raises(data: str) -> None:
    decode(data)


def test_skill_keys_are_stable_and_case_blind() -> None:
    assert skill_key("Repair") == skill_key("repair") and len(skill_key("Repair")) == 10


def test_partner_buttons_round_trip_and_forgeries_are_refused() -> None:
    from bot.domain.partner import BidAnswer
    from bot.telegram.partner_callbacks import (
        BidAnswerPress,
        BidDraftAction,
        BidDraftPress,
        BidPickPress,
        InvitePress,
        OurFocusPress,
        PartnerAction,
        PartnerPress,
    )

    token = "Ab_-" * 8
    for press in (
        *(PartnerPress(action) for action in PartnerAction),
        InvitePress(True, token),
        InvitePress(False, token),
        OurFocusPress("0123456789"),
        OurFocusPress(None),
        BidPickPress("0123456789", 2),
        BidPickPress("0123456789", None),
        BidDraftPress(12, BidDraftAction.SEND),
        BidAnswerPress(99, BidAnswer.NEED_TIME),
    ):
        assert decode(encode(press)) == press
    for forged in ("pa:z", "pi:y:short", "pi:q:" + token, "bp:0123456789:3", "ba:1:x", "po:xyz"):
        assert decode(forged) is None, forged
