"""Pairings, invite links and repair bids.

A pairing is two rows, one per side, written in one transaction: there is never
a moment (nor a crash) that leaves one side paired and not the other. The primary
key on `partners.user_id` and the unique `partner_id` keep "one partner at a
time" in the database, so two accepts racing on two replicas make one pairing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any, cast

from sqlalchemy import Connection, Table, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain import partner as rules
from bot.domain.models import SessionStatus, still_listening
from bot.domain.partner import (
    Accepted,
    Bid,
    BidAnswer,
    BidAnswered,
    BidDelivery,
    BidStatus,
    Contact,
    Invite,
    InviteProblem,
    NoBid,
    Pairing,
    PartnerView,
    PracticeNews,
    Unpaired,
)
from bot.domain.schedule import local_date, occurrence
from bot.store.base import StoreBase
from bot.store.tables import (
    PartnerInviteRow,
    PartnerRow,
    PracticeSessionRow,
    RepairBidRow,
    UserRow,
)

PARTNERS = cast(Table, PartnerRow.__table__)
USERS = cast(Table, UserRow.__table__)
SESSIONS = cast(Table, PracticeSessionRow.__table__)

_OPEN_BIDS = (BidStatus.WRITING.value, BidStatus.READY.value)
_SENT_BIDS = (BidStatus.SENT.value, BidStatus.THANKED.value, BidStatus.NEEDS_TIME.value)
_UNSET: Any = object()


class PartnersStore(StoreBase):
    """Invites, pairings, what partners see of each other, and repair bids."""

    # -- invites -------------------------------------------------------------

    async def create_invite(self, user_id: int, name: str, token_hash: str) -> Invite:
        """Store a new invite (by its token's hash); any older unused one stops working."""
        now = self.clock()
        async with self._session() as session, session.begin():
            await session.execute(
                delete(PartnerInviteRow).where(
                    PartnerInviteRow.user_id == user_id, PartnerInviteRow.used_at.is_(None)
                )
            )
            row = PartnerInviteRow(
                user_id=user_id,
                token_hash=token_hash,
                inviter_name=rules.short_name(name),
                created_at=now,
                expires_at=now + rules.INVITE_LIFETIME,
            )
            session.add(row)
            await session.flush()
            return _invite(row)

    async def invite(self, token_hash: str) -> Invite | None:
        """The invite a token opens, or None (forged, mistyped, or withdrawn)."""
        async with self._read() as session:
            row = await session.scalar(
                select(PartnerInviteRow).where(PartnerInviteRow.token_hash == token_hash)
            )
            return None if row is None else _invite(row)

    async def accept_invite(
        self, token_hash: str, user_id: int, name: str
    ) -> Accepted | InviteProblem:
        """Pair the person with whoever made the invite, in one transaction, or say why not."""
        now = self.clock()
        inviter_id = 0
        try:
            async with self._session() as session, session.begin():
                row = await _locked_invite(session, token_hash)
                invite = None if row is None else _invite(row)
                if row is not None and invite is not None and row.used_at is not None:
                    # Accept pressed again, or the same press tried again after a reply
                    # failed: when this invite paired them, it is told again, not "used".
                    # Not once either has answered the question it brings: a later tap
                    # is no lost reply, and hears "used" as before.
                    mine = await session.get(PartnerRow, user_id)
                    theirs = await session.get(PartnerRow, invite.inviter_id)
                    inviter = await session.get(UserRow, invite.inviter_id)
                    if (
                        mine is not None
                        and theirs is not None
                        and inviter is not None
                        and mine.partner_id == invite.inviter_id
                        and mine.paired_at == row.used_at
                        and not (mine.share_asked or theirs.share_asked)
                    ):
                        return Accepted(_pairing(mine), inviter.chat_id, inviter.language)
                problem = rules.invite_problem(invite, user_id, now)
                if problem is not None or invite is None or row is None:
                    return problem or InviteProblem.UNKNOWN
                inviter_id = invite.inviter_id
                if problem := await _pairing_problem(session, inviter_id, user_id):
                    return problem
                inviter = await session.get(UserRow, invite.inviter_id)
                if inviter is None:  # the inviter used /forget since
                    return InviteProblem.UNKNOWN
                row.used_at = now
                row.inviter_name = None
                mine = PartnerRow(
                    user_id=user_id,
                    partner_id=invite.inviter_id,
                    partner_name=invite.inviter_name,
                    paired_at=now,
                    **_fresh_choices(),
                )
                theirs = PartnerRow(
                    user_id=invite.inviter_id,
                    partner_id=user_id,
                    partner_name=rules.short_name(name),
                    paired_at=now,
                    **_fresh_choices(),
                )
                session.add_all([mine, theirs])
                await session.flush()
                return Accepted(_pairing(mine), inviter.chat_id, inviter.language)
        except IntegrityError:
            # Another accept paired one of the two first (the keys said no); the
            # transaction rolled back whole, so nothing of this one remains.
            async with self._read() as session:
                problem = await _pairing_problem(session, inviter_id, user_id)
                return problem or InviteProblem.USED

    async def decline_invite(self, token_hash: str, user_id: int) -> Invite | InviteProblem:
        """Use up an invite without pairing; return it (to tell the inviter) or why not."""
        now = self.clock()
        async with self._session() as session, session.begin():
            row = await _locked_invite(session, token_hash)
            invite = None if row is None else _invite(row)
            problem = rules.invite_problem(invite, user_id, now)
            if problem is not None or invite is None or row is None:
                return problem or InviteProblem.UNKNOWN
            row.used_at = now
            row.inviter_name = None
            return invite

    async def contact_of(self, user_id: int) -> Contact | None:
        """A person's chat and language, to tell them something, and whether they rest
        from news of their partner (None: not registered)."""
        async with self._read() as session:
            row = await session.get(UserRow, user_id)
            if row is None:
                return None
            return Contact(row.chat_id, row.language, _resting(row, self.clock()))

    # -- pairings ------------------------------------------------------------

    async def pairing(self, user_id: int) -> Pairing | None:
        """The person's side of their pairing, or None."""
        async with self._read() as session:
            row = await session.get(PartnerRow, user_id)
            return None if row is None else _pairing(row)

    async def partner_view(self, user_id: int) -> PartnerView | None:
        """What the person may see of their partner now, or None when not paired."""
        now = self.clock()
        async with self._read() as session:
            mine = await session.get(PartnerRow, user_id)
            if mine is None:
                return None
            theirs = await session.get(PartnerRow, mine.partner_id)
            partner = await session.get(UserRow, mine.partner_id)
            if theirs is None or partner is None:
                return None
            today: tuple[str, ...] = ()
            if theirs.shares_practice:
                practised = await _practised_today(session, partner, now, theirs.shares_since)
                today = tuple(sorted(practised))
            return PartnerView(
                me=_pairing(mine),
                partner_focus=partner.focus_skill,
                partner_our_focus=theirs.our_focus,
                partner_daily_moment=theirs.daily_moment,
                partner_practised_today=today,
                partner_shares_practice=theirs.shares_practice,
                partner_bids_muted=theirs.bids_muted or _resting(partner, now),
                partner_share_asked=theirs.share_asked,
                bids_held=_held(me := await session.get(UserRow, user_id), now),
                bids_resting=_resting(me, now),
            )

    async def set_pairing_choices(
        self,
        user_id: int,
        *,
        shares_practice: bool | None = None,
        bids_muted: bool | None = None,
        daily_moment: bool | None = None,
        our_focus: str | None = _UNSET,
        partner_id: int | None = None,
    ) -> Pairing | None:
        """Change the person's own choices about their pairing (None: not paired, or,
        with `partner_id`, not paired with that person)."""
        async with self._session() as session, session.begin():
            row = await session.get(PartnerRow, user_id)
            if row is None or (partner_id is not None and row.partner_id != partner_id):
                return None
            if shares_practice is not None:
                if shares_practice and not row.shares_practice:
                    row.shares_since = self.clock()
                elif not shares_practice:
                    row.shares_since = None
                row.shares_practice = shares_practice
                row.share_asked = True
            if bids_muted is not None:
                row.bids_muted = bids_muted
            if daily_moment is not None:
                row.daily_moment = daily_moment
            if our_focus is not _UNSET:
                row.our_focus = our_focus
            return _pairing(row)

    async def unpair(self, user_id: int) -> Unpaired | None:
        """End the person's pairing, both sides at once; return whom to tell."""
        async with self._session() as session, session.begin():
            row = await session.get(PartnerRow, user_id)
            if row is None:
                return None
            partner_id = row.partner_id
            await session.execute(
                delete(PartnerRow).where(PartnerRow.user_id.in_([user_id, partner_id]))
            )
            # A bid being written to someone who is no longer a partner goes nowhere.
            await session.execute(
                update(RepairBidRow)
                .where(
                    RepairBidRow.user_id.in_([user_id, partner_id]),
                    RepairBidRow.status.in_(_OPEN_BIDS),
                )
                .values(status=BidStatus.CANCELLED.value, text=None)
            )
            partner = await session.get(UserRow, partner_id)
            if partner is None:
                return None
            return Unpaired(partner_id, partner.chat_id, partner.language)

    # -- practice days and the shared moment -----------------------------------

    async def practice_news(self, user_id: int, skill: str) -> PracticeNews | None:
        """After the person completed `skill`: what their partner (and they) should be
        told, each at most once a day, or None when there is nothing to say (or the
        partner rests after speaking of danger)."""
        now = self.clock()
        async with self._session() as session, session.begin():
            mine = await session.get(PartnerRow, user_id, with_for_update=True)
            if mine is None:
                return None
            theirs = await session.get(PartnerRow, mine.partner_id, with_for_update=True)
            me = await session.get(UserRow, user_id)
            partner = await session.get(UserRow, mine.partner_id)
            if theirs is None or me is None or partner is None:
                return None
            if _resting(partner, now):
                # They spoke of danger in the last few days: nothing of the person's
                # practice reaches them, nor counts as told (it may, once they rest no
                # more). Without their part, "both practised" is not said to either.
                return None
            my_today = local_date(now, me.timezone)
            partner_today = local_date(now, partner.timezone)
            tell, both = rules.practice_news(
                _pairing(mine),
                _pairing(theirs),
                skill,
                already_told_partner=mine.told_partner_on == my_today,
                partner_practised_today=await _practised_today(
                    session, partner, now, theirs.shares_since
                ),
                both_already_told=mine.both_told_on == my_today,
            )
            if tell:
                mine.told_partner_on = my_today
            if both is not None:
                mine.both_told_on = my_today
                theirs.both_told_on = partner_today
            if not tell and both is None:
                return None
            return PracticeNews(partner.chat_id, tell, both, partner.language)

    # -- repair bids -----------------------------------------------------------

    async def start_bid(self, user_id: int, skill: str, text: str | None) -> Bid | NoBid:
        """A new draft bid (ready with `text`, or waiting for the person to type one);
        any other draft of theirs is dropped."""
        now = self.clock()
        async with self._session() as session, session.begin():
            refusal = await _bid_refusal(session, user_id, now)
            if isinstance(refusal, NoBid):
                return refusal
            await session.execute(
                update(RepairBidRow)
                .where(RepairBidRow.user_id == user_id, RepairBidRow.status.in_(_OPEN_BIDS))
                .values(status=BidStatus.CANCELLED.value, text=None)
            )
            row = RepairBidRow(
                user_id=user_id,
                partner_id=refusal,
                skill=skill,
                status=(BidStatus.READY if text is not None else BidStatus.WRITING).value,
                text=text,
                created_at=now,
            )
            session.add(row)
            await session.flush()
            return _bid(row)

    async def writing_bid(self, user_id: int) -> Bid | None:
        """The bid the person is typing right now, if any."""
        async with self._read() as session:
            row = await session.scalar(
                select(RepairBidRow).where(
                    RepairBidRow.user_id == user_id,
                    RepairBidRow.status == BidStatus.WRITING.value,
                )
            )
            return None if row is None else _bid(row)

    async def revise_bid(self, bid_id: int, user_id: int, text: str | None) -> Bid | NoBid:
        """Put typed words into a draft (ready to preview), or with None reopen it for
        typing."""
        async with self._session() as session, session.begin():
            row = await session.get(RepairBidRow, bid_id, with_for_update=True)
            if row is None or row.user_id != user_id or row.status not in _OPEN_BIDS:
                return NoBid.GONE
            row.text = text if text is not None else row.text
            row.status = (BidStatus.READY if text is not None else BidStatus.WRITING).value
            return _bid(row)

    async def set_bid_aside(self, user_id: int) -> bool:
        """Stop taking the person's next message as the words of the bid they were typing:
        a draft that has words waits as it is (its Send, Edit and Cancel still work), one
        without is dropped. False when they were typing none."""
        async with self._session() as session, session.begin():
            row = await session.scalar(
                select(RepairBidRow)
                .where(
                    RepairBidRow.user_id == user_id,
                    RepairBidRow.status == BidStatus.WRITING.value,
                )
                .with_for_update()
            )
            if row is None:
                return False
            row.status = (BidStatus.READY if row.text is not None else BidStatus.CANCELLED).value
            return True

    async def cancel_bid(self, bid_id: int, user_id: int) -> bool:
        """Drop a draft; False when there was none to drop."""
        async with self._session() as session, session.begin():
            done = await session.execute(
                update(RepairBidRow)
                .where(
                    RepairBidRow.id == bid_id,
                    RepairBidRow.user_id == user_id,
                    RepairBidRow.status.in_(_OPEN_BIDS),
                )
                .values(status=BidStatus.CANCELLED.value, text=None)
            )
            return bool(getattr(done, "rowcount", 0))

    async def claim_bid(self, bid_id: int, user_id: int) -> BidDelivery | NoBid:
        """Mark a ready bid as sent (the pairing, mute and daily limit checked again in
        the same transaction) and return what to deliver."""
        now = self.clock()
        async with self._session() as session, session.begin():
            row = await session.get(RepairBidRow, bid_id, with_for_update=True)
            if row is not None and row.user_id == user_id and row.status in _SENT_BIDS:
                return NoBid.ALREADY_SENT
            if row is None or row.user_id != user_id or row.status != BidStatus.READY.value:
                return NoBid.GONE
            refusal = await _bid_refusal(session, user_id, now)
            if isinstance(refusal, NoBid):
                return refusal
            partner = await session.get(UserRow, refusal)
            if refusal != row.partner_id or partner is None or row.text is None:
                return NoBid.GONE
            row.status = BidStatus.SENT.value
            row.sent_at = now
            return BidDelivery(_bid(row), partner.chat_id, row.text, partner.language)

    async def bid_delivered(self, bid_id: int) -> None:
        """The partner has the bid: its words are theirs now and no longer kept here."""
        async with self._session() as session, session.begin():
            await session.execute(
                update(RepairBidRow).where(RepairBidRow.id == bid_id).values(text=None)
            )

    async def bid_not_delivered(self, bid_id: int) -> None:
        """Telegram refused the bid: back to ready, words kept, so Send can try again."""
        async with self._session() as session, session.begin():
            await session.execute(
                update(RepairBidRow)
                .where(RepairBidRow.id == bid_id, RepairBidRow.status == BidStatus.SENT.value)
                .values(status=BidStatus.READY.value, sent_at=None)
            )

    async def answer_bid(
        self, bid_id: int, partner_id: int, answer: BidAnswer
    ) -> BidAnswered | None:
        """Record the partner's answer to a bid (the first one counts); return whom to
        tell, or None when the bid is not theirs to answer or was answered already."""
        now = self.clock()
        async with self._session() as session, session.begin():
            row = await session.get(RepairBidRow, bid_id, with_for_update=True)
            if row is None or row.partner_id != partner_id:
                return None
            if row.status != BidStatus.SENT.value:
                return None
            row.status = answer.status.value
            row.answered_at = now
            sender = await session.get(UserRow, row.user_id)
            if sender is None:
                return None
            return BidAnswered(
                bid_id, sender.chat_id, answer, sender.language, _resting(sender, now)
            )

    async def bids_sent_today(self, user_id: int) -> int:
        """How many bids the person has sent on their local today."""
        now = self.clock()
        async with self._read() as session:
            me = await session.get(UserRow, user_id)
            return 0 if me is None else await _sent_today(session, me, now)


def shared_moment_foci(conn: Connection, user_ids: Sequence[int], now: datetime) -> dict[int, str]:
    """For people due a nudge: the shared focus of those whose daily moment is on and
    whose partner has nudges on today too (on, not blocked, not paused)."""
    if not user_ids:
        return {}
    mine, theirs, partner = PARTNERS.alias("mine"), PARTNERS.alias("theirs"), USERS.alias("p")
    rows = conn.execute(
        select(mine.c.user_id, mine.c.our_focus)
        .join(theirs, theirs.c.user_id == mine.c.partner_id)
        .join(partner, partner.c.user_id == mine.c.partner_id)
        .where(
            mine.c.user_id.in_(list(user_ids)),
            mine.c.daily_moment.is_(True),
            theirs.c.daily_moment.is_(True),
            mine.c.our_focus.is_not(None),
            mine.c.our_focus == theirs.c.our_focus,
            partner.c.reminders_enabled.is_(True),
            partner.c.blocked.is_(False),
            or_(partner.c.paused_until.is_(None), partner.c.paused_until <= now),
        )
    )
    return {row.user_id: row.our_focus for row in rows}


async def _locked_invite(session: AsyncSession, token_hash: str) -> PartnerInviteRow | None:
    return await session.scalar(
        select(PartnerInviteRow).where(PartnerInviteRow.token_hash == token_hash).with_for_update()
    )


async def _pairing_problem(
    session: AsyncSession, inviter_id: int, user_id: int
) -> InviteProblem | None:
    paired = set(
        await session.scalars(
            select(PartnerRow.user_id).where(PartnerRow.user_id.in_([inviter_id, user_id]))
        )
    )
    if user_id in paired:
        return InviteProblem.YOU_ARE_PAIRED
    if inviter_id in paired:
        return InviteProblem.INVITER_PAIRED
    return None


async def _bid_refusal(session: AsyncSession, user_id: int, now: datetime) -> int | NoBid:
    """The partner's id when the person may send a bid now, else why not."""
    mine = await session.get(PartnerRow, user_id)
    theirs = None if mine is None else await session.get(PartnerRow, mine.partner_id)
    me = await session.get(UserRow, user_id)
    if mine is None or theirs is None or me is None:
        return NoBid.NOT_PAIRED
    if _held(me, now):
        return NoBid.HELD
    if theirs.bids_muted or _resting(await session.get(UserRow, mine.partner_id), now):
        return NoBid.MUTED  # resting looks muted: an ordinary state, never why
    if await _sent_today(session, me, now) >= rules.BIDS_PER_DAY:
        return NoBid.DAILY_LIMIT
    return mine.partner_id


def _held(person: UserRow | None, now: datetime) -> bool:
    # They spoke of hurting someone in the last few days (users.harmed_since).
    return person is not None and still_listening(person.harmed_since, now)


def _resting(person: UserRow | None, now: datetime) -> bool:
    # They spoke of danger to themselves in the last few days (users.at_risk_since).
    return person is not None and still_listening(person.at_risk_since, now)


async def _sent_today(session: AsyncSession, me: UserRow, now: datetime) -> int:
    start = _day_start(me, now)
    count = await session.scalar(
        select(func.count())
        .select_from(RepairBidRow)
        .where(
            RepairBidRow.user_id == me.user_id,
            RepairBidRow.status.in_(_SENT_BIDS),
            RepairBidRow.sent_at >= start,
        )
    )
    return int(count or 0)


async def _practised_today(
    session: AsyncSession, person: UserRow, now: datetime, shared_since: datetime | None
) -> set[str]:
    """Skills the person completed on their own local today, since they began sharing
    (what they did before saying yes stays theirs)."""
    since = _day_start(person, now)
    if shared_since is not None:
        since = max(since, shared_since)
    skills = await session.scalars(
        select(PracticeSessionRow.skill).where(
            PracticeSessionRow.user_id == person.user_id,
            PracticeSessionRow.status == SessionStatus.COMPLETED.value,
            PracticeSessionRow.finished_at >= since,
        )
    )
    return set(skills)


def _day_start(person: UserRow, now: datetime) -> datetime:
    return occurrence(local_date(now, person.timezone), time(0, 0), person.timezone)


def _fresh_choices() -> dict[str, Any]:
    return {
        "shares_practice": False,
        "shares_since": None,
        "share_asked": False,
        "bids_muted": False,
        "our_focus": None,
        "daily_moment": False,
    }


def _invite(row: PartnerInviteRow) -> Invite:
    return Invite(
        id=row.id,
        inviter_id=row.user_id,
        inviter_name=row.inviter_name or "",
        created_at=row.created_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
    )


def _pairing(row: PartnerRow) -> Pairing:
    return Pairing(
        user_id=row.user_id,
        partner_id=row.partner_id,
        partner_name=row.partner_name,
        paired_at=row.paired_at,
        shares_practice=row.shares_practice,
        share_asked=row.share_asked,
        bids_muted=row.bids_muted,
        our_focus=row.our_focus,
        daily_moment=row.daily_moment,
    )


def _bid(row: RepairBidRow) -> Bid:
    return Bid(
        id=row.id,
        sender_id=row.user_id,
        partner_id=row.partner_id,
        skill=row.skill,
        status=BidStatus(row.status),
        text=row.text,
        created_at=row.created_at,
        sent_at=row.sent_at,
    )
