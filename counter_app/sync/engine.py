"""One sync round: push the outbox in order, then pull the server's changes (or a snapshot).

No Qt here: the engine is called from a background thread (``sync.runner``) or from
``counter-app sync --once``. It never uses the client's clock for ordering; it only compares it
with the server's to warn about a skew.

Order, and a server that fails on an op (5xx): the server applies a window's ops in their gapless
per-device sequence only, so an op can never be skipped or dropped to let the later ones through.
When a push batch is answered with a 5xx (not a gateway's 502/503/504, which mean offline), the
rest of the round sends the ops one at a time, so the op the server fails on is found and the ones
before it still go through; later rounds send that op alone until it goes through. Each round
in which the server fails on that op alone counts one
failure for it (kept in the sync state, so ``diagnose`` sees it too); from the third in a row the
op is listed as needing attention (status bar count, sync log, ``sync --once``, ``diagnose``),
worded as a server failure, not as being offline. The outbox stays stopped at that op and the
runner keeps retrying it with its capped backoff (at most a minute apart); the first normal
answer to a push clears the count and the queue moves on. Nothing is ever dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial

from sqlalchemy.exc import OperationalError

from counter_app.store.sync_store import PushFailure, SyncStore, Touched
from counter_app.sync.credentials import Credentials
from counter_app.sync.http import (
    AuthExpired,
    ClientSettingsError,
    ClientTooOld,
    CursorTooOld,
    HallClient,
    Offline,
    Refused,
    ServerFailed,
    ServerGarbage,
    SyncError,
)
from counter_app.sync.wire import SNAPSHOTS_BY_KEY

log = logging.getLogger(__name__)

PUSH_BATCH = 200
SKEW_LIMIT = 300.0  # seconds
TOKEN_MARGIN = 60.0
SKEW_EVERY = 60.0  # seconds between clock comparisons


class NeedsLogin(SyncError):
    """No valid session with the server: a clerk must log in (ops stay queued meanwhile)."""


class OpFailed(ServerFailed):
    """The push route failed (5xx); once raised out of ``_push``, counted against the op sent alone."""


@dataclass
class SyncReport:
    online: bool = False
    pushed: int = 0
    rejected: int = 0
    pulled: int = 0
    waiting: int = 0
    attention: int = 0
    error: str = ""
    needs_login: bool = False
    client_too_old: bool = False
    server_failed: bool = False  # the server answered 5xx: reached, but failing (not offline)
    stuck: PushFailure | None = None  # the op the server keeps failing on, once it needs attention
    settings_problem: bool = False  # this PC's server settings (address, CA file) cannot be used
    skew_seconds: float | None = None
    finished_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    touched: Touched = field(default_factory=Touched)


def _parse_server_time(text: object) -> datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


@dataclass
class Session:
    """The access token of the signed-in clerk, kept in memory only."""

    token: str = ""
    expires: float = 0.0

    def valid(self) -> bool:
        return bool(self.token) and self.expires - TOKEN_MARGIN > time.time()


class _FetchAhead:
    """One pull page fetched on a daemon thread of its own: closing the window never waits for
    a page nobody will write (a thread pool's threads are joined at exit)."""

    def __init__(self, fetch: Callable[[], dict[str, object]]) -> None:
        self._page: dict[str, object] = {}
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(fetch,), name="pull-ahead", daemon=True)
        self._thread.start()

    def _run(self, fetch: Callable[[], dict[str, object]]) -> None:
        try:
            self._page = fetch()
        except BaseException as exc:  # handed to the sync thread, which raises it in turn
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> dict[str, object]:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._page


def _refuses_snapshots(exc: Refused) -> bool:
    """Whether a push by key was refused for its ``snapshots`` field: what a server from before
    pushes by key answers (422 invalid_request, the field not in its API). Any other refusal of
    the push stands (its batch sent whole would be refused alike). A server answering otherwise
    is asked again within a minute (``_skew``), and its ``/hello`` turns the form off."""
    problems = exc.detail.get("problems")
    return (
        exc.code == "invalid_request"
        and isinstance(problems, list)
        and any(
            isinstance(p, dict) and str(p.get("where", "")).startswith("body.snapshots") for p in problems
        )
    )


class SyncEngine:
    def __init__(
        self,
        store: SyncStore,
        client: HallClient,
        credentials: Credentials,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store, self.client, self.credentials, self.now = store, client, credentials, now
        self.session = Session()
        self._token_lock = threading.Lock()
        self._last_skew_check = 0.0
        # the server takes a push's item snapshots once each (its /hello says so, asked with the
        # clock once a minute); forgotten when a push in that form is refused as malformed (a
        # server rolled back to a version before it), and the batch sent again whole
        self.snapshots_by_key = False

    # -- session -------------------------------------------------------------------------------
    def adopt(self, answer: dict[str, object]) -> None:
        """Keep what a login or refresh answered: the access token here, the refresh token safe."""
        self.session = Session(str(answer["access_token"]), time.time() + float(str(answer["expires_in"])))
        self.credentials.set("refresh_token", str(answer["refresh_token"]))

    def token(self, stale: str = "") -> str:
        """A valid access token, refreshed when needed, never *stale* (one the server refused).

        The sync thread and the queue panel both ask for it: one refresh at a time, since a
        refresh token used twice looks like theft to the server and ends the session."""
        with self._token_lock:
            if self.session.valid() and self.session.token != stale:
                return self.session.token
            device_id = self.store.get("device_id")
            secret = self.credentials.device_secret
            refresh = self.credentials.refresh_token
            if not (device_id and secret and refresh):
                raise NeedsLogin("log in to sync")
            try:
                self.adopt(self.client.refresh(device_id, secret, refresh))
            except AuthExpired as exc:
                self.session = Session()
                self.credentials.forget("refresh_token")
                raise NeedsLogin(str(exc)) from exc
            return self.session.token

    def _with_token(self, call: Callable[[str], dict[str, object]]) -> dict[str, object]:
        try:
            try:
                token = self.token()
                return call(token)
            except AuthExpired:  # expired between the check and the call: one refresh, one retry
                return call(self.token(stale=token))
        except Refused as exc:
            if exc.code != "user_revoked":
                raise
            self.session = Session()  # the signed-in user was revoked: somebody else signs in
            self.credentials.forget("refresh_token")
            raise NeedsLogin(exc.message) from exc

    # -- the round -----------------------------------------------------------------------------
    def run_once(self) -> SyncReport:
        report = SyncReport()
        try:
            self._skew(report)
            self._push(report)
            self._pull(report)
            report.online = True
            self.store.put(last_success=report.finished_at.isoformat(), last_error="")
        except NeedsLogin as exc:
            report.online, report.needs_login, report.error = True, True, str(exc)
        except ClientTooOld as exc:
            report.online, report.client_too_old, report.error = True, True, exc.message
            self.store.log("error", f"client too old: {exc.message}", say="too_old")
        except ServerFailed as exc:  # before Offline, which it is a kind of for other callers
            report.online, report.server_failed, report.error = True, True, str(exc)
            if not isinstance(exc, OpFailed):  # an op's failures are logged as they are counted
                self.store.log("error", str(exc), say="server_error")
        except Offline as exc:
            report.error = str(exc)
        except ClientSettingsError as exc:
            report.settings_problem, report.error = True, str(exc)
            self.store.log("error", str(exc), say="settings_problem")
        except (Refused, ServerGarbage) as exc:
            report.online, report.error = True, str(exc)
            self.store.log("error", str(exc), say="server_error")
        except OperationalError as exc:  # the local database stayed locked past its busy timeout
            report.error = f"the local database is busy ({exc.orig}): the round is tried again"
            return report  # what the round did is committed; its bookkeeping waits for the next
        failure = self.store.push_failure()
        if failure is not None and failure.needs_attention:
            report.stuck = failure
            if report.server_failed:
                report.error = failure.describe()
        if report.error:
            self.store.put(last_error=report.error)
        report.waiting, report.attention = self.store.counts()
        report.finished_at = datetime.now(UTC)
        return report

    def _skew(self, report: SyncReport) -> None:
        """Compare clocks once a minute (and at the first round): it costs a request."""
        if time.monotonic() - self._last_skew_check < SKEW_EVERY and self._last_skew_check:
            return
        self._last_skew_check = time.monotonic()
        sent = self.now()
        answer = self.client.hello()
        self.snapshots_by_key = answer.get("push_item_snapshots") == SNAPSHOTS_BY_KEY
        server = _parse_server_time(answer.get("server_time"))
        if server is not None:
            report.skew_seconds = (sent - server).total_seconds()
            self.store.put(skew_seconds=f"{report.skew_seconds:.0f}")

    def _push(self, report: SyncReport) -> None:
        """The outbox in order; see the module's docstring for a server that fails on an op."""
        one_at_a_time = self.store.push_failure() is not None  # still failing on an op: it alone
        while True:
            batch = self.store.pending(1 if one_at_a_time else PUSH_BATCH)
            if not batch:
                return
            ops = [p.wire for p in batch]
            by_key = self.snapshots_by_key

            def send(
                token: str, ops: list[dict[str, object]] = ops, by_key: bool = by_key
            ) -> dict[str, object]:
                try:
                    return self.client.push(token, ops, snapshots_by_key=by_key)
                except ServerFailed as exc:  # the push itself, not a token refresh before it
                    raise OpFailed(exc.status, str(exc)) from exc

            try:
                answer = self._with_token(send)
            except OpFailed as exc:
                if len(batch) > 1:
                    one_at_a_time = True  # find the op it fails on; the ones before it go through
                    continue
                first = batch[0]
                self.store.note_push_failure(first.seq, str(first.wire["op_type"]), exc.status, str(exc))
                raise
            except Refused as exc:
                if by_key and _refuses_snapshots(exc):  # a server that no longer takes them
                    self.snapshots_by_key = False
                    log.warning("a push with item snapshots by key was refused (%s): sent whole", exc.message)
                    continue
                if exc.code != "bad_op":
                    raise
                if len(batch) > 1:  # the ops before the malformed one go through, one at a time
                    one_at_a_time = True
                    continue
                first = batch[0]
                self.store.note_push_failure(first.seq, str(first.wire["op_type"]), exc.status, exc.message)
                raise
            self.store.clear_push_failure()
            results = answer.get("results")
            if not isinstance(results, list):  # HallClient.push checks it too; never an assert (-O)
                raise ServerGarbage("the push answer has no results")
            applied, rejected = self.store.record_results(results)
            report.pushed += applied
            report.rejected += rejected
            stopped = answer.get("stopped")
            if stopped:
                message = f"push stopped by the server: {stopped}"
                self.store.log("error", message, say="stopped")
                raise Refused(409, "sequence_gap", message, {})
            if applied + rejected == 0:
                return  # nothing moved: do not spin

    def _pull(self, report: SyncReport) -> None:
        cursor = self.store.get("cursor")
        if not cursor:
            self._snapshot(report)
            return
        self._fetch_missing()  # left over from a round that ended early
        self._pull_pages(report, cursor)

    def _pull_pages(self, report: SyncReport, cursor: str) -> None:
        """Page after page; while one is written to the cache, the next is already being fetched
        (its cursor is in the page just received), so the server's time and the disk's overlap.
        The client is used by one thread at a time: the fetch ahead is waited for before anything
        else asks the server. A page is written only after the one before it."""

        def page_after(at: str) -> dict[str, object]:
            return self._with_token(partial(self.client.pull, cursor=at))

        coming: _FetchAhead | None = None
        try:
            while True:
                try:
                    page = coming.result() if coming is not None else page_after(cursor)
                except CursorTooOld:
                    self.store.log(
                        "snapshot",
                        "the server's change log no longer reaches our cursor",
                        say="cursor_too_old",
                    )
                    self._snapshot(report)
                    return
                coming = None
                changes = page.get("changes")
                if not isinstance(changes, list):
                    raise ServerGarbage("the pull answer has no changes")
                cursor = str(page["cursor"])
                more = bool(page.get("more"))
                if more:
                    coming = _FetchAhead(partial(page_after, cursor))
                touched = self.store.apply_page(changes, cursor)
                report.touched = report.touched | touched
                report.pulled += len(changes)
                if coming is not None:  # the server is free for us again before anything else
                    coming.wait()
                if touched.reload:
                    self.store.log(
                        "snapshot", "this window serves other departments now: full reload", say="departments"
                    )
                    self._snapshot(report)
                    return
                self._fetch_missing()
                if not more:
                    return
        finally:
            if coming is not None:  # a page fetched ahead and not used (an error, a reload): dropped
                coming.wait()

    def _fetch_missing(self) -> None:
        """Whole records of cases met as slim changes (a joint case routed here, a snapshot gap)."""
        missing = self.store.missing_cases()
        for start in range(0, len(missing), 1000):
            asked = missing[start : start + 1000]
            answer = self._with_token(partial(self.client.cases, ids=asked))
            found = answer.get("cases")
            if not isinstance(found, list):
                raise ServerGarbage("the cases answer has no cases")
            self.store.apply_whole_cases(found, asked)

    def _snapshot(self, report: SyncReport) -> None:
        snap = self._with_token(self.client.snapshot)
        report.touched = report.touched | self.store.apply_snapshot(snap)
