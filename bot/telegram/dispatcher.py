"""The nudge dispatcher: a repeating job that claims due nudges, sends them, records why.

Every claimed nudge ends in exactly one recorded outcome: sent, failed (with the
reason), blocked, or skipped. Sending is concurrent in small groups so that the
bot is never the bottleneck; the rate limiter keeps the overall pace within
Telegram's limit.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from telegram import Bot
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.domain import nudge_policy
from bot.domain.models import Clock, NudgeClaim, NudgeOutcome, NudgeResult
from bot.domain.nudge_policy import NudgePolicy, NudgeReason, SkillNames
from bot.store import Store
from bot.telegram import keyboards
from bot.telegram.partner_notices import end_pairing
from bot.texts import nudges as nudge_text
from bot.texts import partner as partner_text
from bot.texts.i18n import speaking
from bot.vault.library import VaultHolder

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
# People given a first nudge time per run (see Dispatcher._unscheduled_left).
SCHEDULE_BATCH = 1000


@dataclass(frozen=True, slots=True)
class DispatchConfig:
    """How the dispatcher paces itself."""

    grace: timedelta = timedelta(hours=2)
    # A claim older than this, still unsent, belonged to a dispatcher that died.
    lease: timedelta = timedelta(minutes=2)
    batch: int = 500
    # At most this many nudges are in flight; a crash can leave only these unaccounted
    # for (recorded as interrupted), so it trades throughput against that loss.
    concurrency: int = 16
    attempts: int = 3
    backoff_seconds: float = 0.5
    # Send nudges as paid broadcasts (Telegram Stars per message; NUDGE_RATE_LIMIT > 30).
    paid_broadcast: bool = False
    # Sending lanes sharing `concurrency`; see Dispatcher._deliver.
    lanes: int = 2


@dataclass
class DispatchReport:
    """What one run of the dispatcher did."""

    claimed: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0

    def add(self, results: Sequence[NudgeResult]) -> None:
        """Count a group of outcomes."""
        for result in results:
            if result.outcome is NudgeOutcome.SENT:
                self.sent += 1
            elif result.outcome is NudgeOutcome.BLOCKED:
                self.blocked += 1
            else:
                self.failed += 1


class Dispatcher:
    """Claims due nudges and delivers them; safe to run in any number of replicas."""

    def __init__(
        self,
        bot: Bot,
        store: Store,
        vault: VaultHolder,
        config: DispatchConfig,
        clock: Clock,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.store = store
        self.vault = vault
        self.config = config
        self.clock = clock
        self.sleep = sleep
        self._running = asyncio.Lock()
        # Only people stored before nudges existed lack a next nudge time: every change
        # since sets one in the same transaction. So they are looked for at the first
        # run, and again only while a run found a full batch of them; an idle tick
        # then costs no scan of `users`.
        self._unscheduled_left = True

    def policy(self) -> NudgePolicy:
        """The nudge policy as things stand: the grace window and the skills there are now."""
        vault = self.vault.current
        default = vault.default_focus()
        names = {name: skill.title for name, skill in vault.index.items()}
        skills = SkillNames(names, default.title if default else None)
        return NudgePolicy(self.config.grace, skills)

    async def run_once(self) -> DispatchReport:
        """Recover abandoned claims, then claim and send until nothing is due."""
        report = DispatchReport()
        async with self._running:  # one run at a time in this process
            config = self.config
            now = self.clock()
            if self._unscheduled_left:
                scheduled = await self.store.schedule_unscheduled(now, limit=SCHEDULE_BATCH)
                self._unscheduled_left = scheduled == SCHEDULE_BATCH
            # Asked first in one read, so an idle tick takes no write lock at all.
            due, stale = await self.store.pending_work(now, lease=config.lease)
            if stale:
                recovered = await self.store.recover_stale_nudges(
                    now, lease=config.lease, grace=config.grace
                )
                await self._deliver(recovered, report)
            while due:
                batch = await self.store.claim_due_nudges(
                    self.clock(), self.policy(), limit=config.batch
                )
                if not batch.examined:
                    break
                await self._deliver(batch.claims, report)
        if report.claimed:
            log.info(
                "nudges: %d claimed, %d sent, %d failed, %d blocked",
                report.claimed,
                report.sent,
                report.failed,
                report.blocked,
            )
        return report

    async def _deliver(self, claims: Sequence[NudgeClaim], report: DispatchReport) -> None:
        report.claimed += len(claims)
        # With two lanes, each with half the nudges in flight, one lane records its
        # group's outcomes and marks its next group as sending while the other's sends
        # keep the rate limiter busy: one lane left the limiter idle for those round
        # trips after every group (at 29.5/s 95% of the pace instead of 98%, at a paid
        # 100/s 88% instead of 96%). In flight, and so lost to a crash, stays
        # `concurrency`. Figures: docs/benchmarks.md.
        lanes = max(1, min(self.config.lanes, self.config.concurrency))
        size = self.config.concurrency // lanes
        groups = [claims[start : start + size] for start in range(0, len(claims), size)]

        async def lane(mine: Sequence[Sequence[NudgeClaim]]) -> None:
            for group in mine:
                await self._deliver_group(group, report)

        tasks = [asyncio.ensure_future(lane(groups[n::lanes])) for n in range(lanes)]
        try:
            await asyncio.gather(*tasks)
        except BaseException:
            # The first failure is the one to report; the other lane stops with it (its
            # nudges marked sending are recovered as interrupted, as after a crash).
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            raise

    async def _deliver_group(self, group: Sequence[NudgeClaim], report: DispatchReport) -> None:
        mine = await self.store.mark_sending([claim.nudge_id for claim in group])
        moments = await self.store.shared_moments([claim.user_id for claim in group])
        results = await asyncio.gather(
            *(
                self._send(claim, shared=claim.user_id in moments)
                for claim in group
                if claim.nudge_id in mine
            )
        )
        await self.store.record_nudge_results(results)
        report.add(results)
        for result in results:
            if result.outcome is NudgeOutcome.BLOCKED:
                # Someone who blocked the bot is no one's partner any more.
                await end_pairing(self.bot, self.store, result.user_id)

    async def _send(self, claim: NudgeClaim, *, shared: bool = False) -> NudgeResult:
        def result(outcome: NudgeOutcome, reason: str | None = None) -> NudgeResult:
            return NudgeResult(claim.nudge_id, claim.user_id, outcome, reason)

        vault = self.vault.current
        skill = vault.get(claim.skill) or vault.default_focus()
        if skill is None:
            return result(NudgeOutcome.SKIPPED, NudgeReason.NO_SKILL.value)
        # A job has no update: the nudge is worded in the language of the person it goes to.
        with speaking(claim.language):
            if nudge_policy.back_from_pause(
                claim.paused_until, self.clock(), nudged_since=claim.nudged_since_pause
            ):
                text = nudge_text.welcome_back(skill, ask_zone=claim.ask_zone)
            else:
                text = nudge_text.nudge(skill, claim.local_date, ask_zone=claim.ask_zone)
            if shared:
                text = f"{partner_text.daily_moment_line(skill)}\n\n{text}"
            markup = keyboards.nudge(claim.nudge_id, skill, ask_zone=claim.ask_zone)
        for attempt in range(1, self.config.attempts + 1):
            try:
                await self.bot.send_message(
                    claim.chat_id,
                    text,
                    reply_markup=markup,
                    disable_notification=claim.silent,
                    # None leaves the parameter out: a free message, as most bots send.
                    allow_paid_broadcast=True if self.config.paid_broadcast else None,
                )
                return result(NudgeOutcome.SENT)
            except Forbidden as exc:
                log.info("user %s blocked the bot; nudges off until /start", claim.user_id)
                return result(NudgeOutcome.BLOCKED, _reason(exc))
            except RetryAfter as exc:
                if attempt == self.config.attempts:
                    return result(NudgeOutcome.FAILED, f"rate limited: {_reason(exc)}")
                await self.sleep(_retry_seconds(exc))
            except TimedOut as exc:
                # Telegram may have delivered it before the answer was lost; a retry
                # could send it twice, so it is recorded instead (at most once).
                log.warning(
                    "nudge %s to user %s timed out; not retried", claim.nudge_id, claim.user_id
                )
                return result(NudgeOutcome.FAILED, f"timed out; delivery unknown: {exc}"[:200])
            except BadRequest as exc:  # e.g. the chat no longer exists: retrying cannot help
                log.warning("nudge %s to user %s refused: %s", claim.nudge_id, claim.user_id, exc)
                return result(NudgeOutcome.FAILED, _reason(exc))
            except (NetworkError, TelegramError) as exc:
                if attempt == self.config.attempts:
                    log.warning(
                        "nudge %s to user %s failed after %d attempts: %s",
                        claim.nudge_id,
                        claim.user_id,
                        attempt,
                        exc,
                    )
                    return result(NudgeOutcome.FAILED, _reason(exc))
                await self.sleep(self.config.backoff_seconds * 2 ** (attempt - 1))
        raise AssertionError("unreachable: every attempt returns or retries")  # pragma: no cover


def _reason(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:200]


def _retry_seconds(exc: RetryAfter) -> float:
    # PTB 22 warns that `retry_after` becomes a timedelta in its next major
    # version; either form is read correctly here, so the warning is noise.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value: float | timedelta = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
