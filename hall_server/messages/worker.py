"""``hall-server send-messages``: the worker that empties the outbox through the provider.

One worker per hall is enough (a provider takes tens of messages a second); more may run (on
PostgreSQL they skip each other's messages), each with the same configuration.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from hall_server.changes import utcnow
from hall_server.db import ServerDatabase
from hall_server.messages.config import MessagesConfig
from hall_server.messages.delivery import Tally, claim, queue_warnings, record, settle_abandoned
from hall_server.messages.providers import UNKNOWN, HttpGateway, LogOnly, Outcome, Outgoing, Provider
from hall_server.messages.reports import Reporting, SentMessage, claim_checks, record_report, unanswered
from hall_server.queue.tickets import hall_now

log = logging.getLogger("hall_server.messages")
WARN_EVERY_SECONDS = 300
SENDERS = 4  # requests in flight at once: a provider answers in ~100 ms
ROUNDS = 4  # a claim takes SENDERS * ROUNDS messages


def make_provider(config: MessagesConfig) -> Provider:
    if config.provider == "http":
        return HttpGateway(config)
    if config.provider in ("aliyun", "tencent"):
        from hall_server.messages.cloud import cloud_provider

        return cloud_provider(config)
    return LogOnly()


class MessageWorker:
    def __init__(
        self,
        db: ServerDatabase,
        config: MessagesConfig,
        provider: Provider | None = None,
        senders: int = SENDERS,
    ) -> None:
        self.db, self.config = db, config
        self.provider = provider or make_provider(config)
        self.senders = senders
        self.pool = ThreadPoolExecutor(senders, thread_name_prefix="sms")
        self._warned_at: datetime | None = None

    def _send(self, item: tuple[Outgoing, int]) -> str:
        message, attempt = item
        try:
            outcome = self.provider.send(message)
        except Exception as exc:  # a provider's own bug: the request may have left, as a timeout
            log.exception("text message %s: the provider failed", message.id)
            outcome = Outcome(UNKNOWN, f"{type(exc).__name__}: {exc}"[:300])
        return record(
            self.db,
            self.config,
            message.id,
            attempt,
            outcome,
            self.provider.name,
            self.provider.dedupes,
        )

    def _check(self, message: SentMessage) -> str:
        assert isinstance(self.provider, Reporting)  # collect_reports'
        try:
            report = self.provider.check(message)
        except Exception as exc:  # a provider's own bug: asked again later
            log.exception("text message %s: the delivery report failed", message.id)
            report = unanswered(exc)
        return record_report(self.db, self.config, message.id, report)

    def collect_reports(self, tally: Tally) -> None:
        """Ask the provider about sent messages due a question (delivery reports), a batch."""
        reporting = isinstance(self.provider, Reporting) and self.provider.reports
        if not self.config.report_seconds or not reporting:
            return
        # one batch a round: a backlog of questions (reports just turned on, a slow provider)
        # never holds up the sending, which each round does first
        taken = claim_checks(self.db, self.config, self.provider.name, self.senders * ROUNDS)
        for state in self.pool.map(self._check, taken):
            if state in ("delivered", "undelivered"):
                setattr(tally, state, getattr(tally, state) + 1)

    def run_once(self) -> Tally:
        """One round: settle abandoned attempts, queue the warnings that are due (every few
        minutes), send every message due now, collect the delivery reports that are due;
        returns what happened."""
        tally = settle_abandoned(self.db, self.config, self.provider.dedupes)
        now = utcnow()
        if self._warned_at is None or (now - self._warned_at).total_seconds() >= WARN_EVERY_SECONDS:
            try:
                tally.warned = queue_warnings(self.db, self.config, hall_now(self.db.timezone).date())
            except IntegrityError:  # another worker queued the same warning first: next round
                tally.warned = 0
            self._warned_at = now
        # a few rounds of requests per claim, each leased for as long as its batch can take
        while taken := claim(self.db, self.config, self.senders * ROUNDS, self.senders):
            for state in self.pool.map(self._send, taken):
                if state in ("sent", "logged", "failed", "in_doubt"):
                    setattr(tally, state, getattr(tally, state) + 1)
                elif state == "queued":
                    tally.retried += 1
        self.collect_reports(tally)
        return tally

    def run(self, stop: threading.Event, idle_seconds: float = 1.0) -> Tally:
        """Until *stop* is set: a round, then a pause when there was nothing to send."""
        total = Tally()
        while not stop.is_set():
            try:
                round_ = self.run_once()
            except Exception:  # the database went away: said, and tried again after the pause
                log.exception("text messages: a round failed")
                stop.wait(idle_seconds * 5)
                continue
            total.add(round_)
            stop.wait(idle_seconds)
        return total

    def close(self) -> None:
        self.pool.shutdown(wait=True)
        self.provider.close()
