"""Pairings in the store: one transaction per accept, one partner at a time, races and
crashes, on each backend."""

import asyncio
from typing import Any

import pytest
from sqlalchemy import event, func, select

from bot.domain.partner import Accepted, BidAnswer, InviteProblem, NoBid, token_hash
from bot.store import Store, UserDefaults, create_engine
from bot.store.tables import PartnerInviteRow, PartnerRow
from tests.support.clock import FakeClock


async def people(store: Store, *user_ids: int) -> None:
    for user_id in user_ids:
        await store.register(user_id, user_id)


async def partner_rows(store: Store) -> int:
    async with store.engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(PartnerRow))).scalar_one())


async def test_accepting_pairs_both_sides_and_uses_the_invite(store: Store) -> None:
    await people(store, 1, 2)
    invite = await store.create_invite(1, "  Ada  Lovelace ", token_hash("t" * 32))
    assert invite.inviter_name == "Ada Lovelace"
    accepted = await store.accept_invite(token_hash("t" * 32), 2, "Ben")
    assert isinstance(accepted, Accepted) and accepted.inviter_chat_id == 1
    assert accepted.pairing.partner_id == 1 and accepted.pairing.partner_name == "Ada Lovelace"
    theirs = await store.pairing(1)
    assert theirs is not None and theirs.partner_id == 2 and theirs.partner_name == "Ben"
    assert not theirs.shares_practice and not theirs.share_asked  # off until they choose
    again = await store.accept_invite(token_hash("t" * 32), 3, "Cy")
    assert again is InviteProblem.USED
    stored = await store.invite(token_hash("t" * 32))
    assert stored is not None and stored.inviter_name == ""  # the name goes once used


async def test_a_crash_in_the_middle_of_accepting_leaves_no_half_pair(store: Store) -> None:
    await people(store, 1, 2)
    await store.create_invite(1, "Ada", token_hash("t" * 32))

    def crash(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO PARTNERS"):
            raise RuntimeError("the process died here")

    # The invite's UPDATE has run inside the transaction when the pairing INSERT dies.
    event.listen(store.engine.sync_engine, "before_cursor_execute", crash)
    try:
        with pytest.raises(RuntimeError):
            await store.accept_invite(token_hash("t" * 32), 2, "Ben")
    finally:
        event.remove(store.engine.sync_engine, "before_cursor_execute", crash)
    assert await partner_rows(store) == 0
    invite = await store.invite(token_hash("t" * 32))
    assert invite is not None and invite.used_at is None and invite.inviter_name == "Ada"
    # Nothing was half-done, so the same link simply works on a second try.
    assert isinstance(await store.accept_invite(token_hash("t" * 32), 2, "Ben"), Accepted)
    assert await partner_rows(store) == 2


@pytest.mark.parametrize("crossed", [False, True])
async def test_two_accepts_at_once_make_one_pairing(
    database_url: str, clock: FakeClock, crossed: bool
) -> None:
    """Two replicas accept at the same moment: Ben accepts Ada's and Cy's invites, or
    (crossed) Ada and Ben each accept the other's invite. One pairing results."""
    replicas = [Store(create_engine(database_url), UserDefaults(), clock) for _ in range(2)]
    first, second = replicas
    await first.migrate()
    try:
        await people(first, 1, 2, 3)
        await first.create_invite(1, "Ada", token_hash("a" * 32))
        if crossed:
            await first.create_invite(2, "Ben", token_hash("b" * 32))
            accepts = (
                first.accept_invite(token_hash("a" * 32), 2, "Ben"),
                second.accept_invite(token_hash("b" * 32), 1, "Ada"),
            )
        else:
            await first.create_invite(3, "Cy", token_hash("c" * 32))
            accepts = (
                first.accept_invite(token_hash("a" * 32), 2, "Ben"),
                second.accept_invite(token_hash("c" * 32), 2, "Ben"),
            )
        results = await asyncio.gather(*accepts)
        assert sum(isinstance(result, Accepted) for result in results) == 1, results
        [refused] = [result for result in results if not isinstance(result, Accepted)]
        assert refused in (InviteProblem.YOU_ARE_PAIRED, InviteProblem.INVITER_PAIRED)
        assert await partner_rows(first) == 2
        ben = await first.pairing(2)
        assert ben is not None
        partner = await first.pairing(ben.partner_id)
        assert partner is not None and partner.partner_id == 2
    finally:
        for replica in replicas:
            await replica.close()


async def test_a_new_invite_withdraws_the_old_and_expiry_counts(
    store: Store, clock: FakeClock
) -> None:
    await people(store, 1, 2)
    await store.create_invite(1, "Ada", token_hash("old" * 11))
    await store.create_invite(1, "Ada", token_hash("new" * 11))
    assert await store.accept_invite(token_hash("old" * 11), 2, "Ben") is InviteProblem.UNKNOWN
    clock.advance(hours=48)
    assert await store.accept_invite(token_hash("new" * 11), 2, "Ben") is InviteProblem.EXPIRED
    async with store.engine.connect() as conn:
        count = (await conn.execute(select(func.count()).select_from(PartnerInviteRow))).scalar()
    assert count == 1


async def test_bids_are_checked_again_when_sent(store: Store, clock: FakeClock) -> None:
    await people(store, 1, 2)
    await store.create_invite(1, "Ada", token_hash("t" * 32))
    await store.accept_invite(token_hash("t" * 32), 2, "Ben")
    bid = await store.start_bid(1, "Repair", "I’m sorry.")
    assert not isinstance(bid, NoBid)
    # Someone else cannot send, cancel or answer it.
    assert await store.claim_bid(bid.id, 2) is NoBid.GONE
    assert not await store.cancel_bid(bid.id, 2)
    delivery = await store.claim_bid(bid.id, 1)
    assert not isinstance(delivery, NoBid) and delivery.partner_chat_id == 2
    assert await store.claim_bid(bid.id, 1) is NoBid.ALREADY_SENT  # sent once, never twice
    assert await store.answer_bid(bid.id, 1, BidAnswer.THANKS) is None  # not the sender's
    answered = await store.answer_bid(bid.id, 2, BidAnswer.NEED_TIME)
    assert answered is not None and answered.sender_chat_id == 1
    assert await store.answer_bid(bid.id, 2, BidAnswer.THANKS) is None  # the first counts
    for _ in range(2):
        draft = await store.start_bid(1, "Repair", "Again.")
        assert not isinstance(draft, NoBid)
        assert not isinstance(await store.claim_bid(draft.id, 1), NoBid)
    assert await store.start_bid(1, "Repair", "A fourth.") is NoBid.DAILY_LIMIT
    clock.advance(days=1)
    assert not isinstance(await store.start_bid(1, "Repair", "Tomorrow."), NoBid)
    unpaired = await store.unpair(2)
    assert unpaired is not None and unpaired.partner_chat_id == 1
    assert await store.writing_bid(1) is None
    assert await store.start_bid(1, "Repair", None) is NoBid.NOT_PAIRED
