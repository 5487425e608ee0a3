"""A window client as its own process, for crash tests: sign in, take intakes, sync.

    python -m tests.faults.window_process DATA_DIR SERVER_URL intake N
    python -m tests.faults.window_process DATA_DIR SERVER_URL drain

With ``COUNTER_FAULT=after_server_commit`` the process SIGKILLs itself when the server's answer
to a push has arrived and before it is recorded: the server has committed, the window does not
know. ``COUNTER_FAULT=after_local_commit:K`` kills it right after the K-th intake is committed.
Each committed intake prints ``COMMITTED <case id>``.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from counter_app.services.hall_link import HallLink
from counter_app.store.sync_store import SyncStore
from tests.servers import PASSWORD
from tests.sync_helpers import WindowClient


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> None:
    data_dir, server_url, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    from counter_app.services.context import open_context

    ctx = open_context(data_dir, {"server_url": server_url})
    link = HallLink(ctx)
    link.sign_in("wangfang", PASSWORD)
    fault = os.environ.get("COUNTER_FAULT", "")
    if fault == "after_server_commit":
        original = SyncStore.record_results

        def record_then_die(self: SyncStore, results: list[dict[str, object]]) -> tuple[int, int]:
            _die()
            return original(self, results)

        SyncStore.record_results = record_then_die  # type: ignore[method-assign]
    window = WindowClient(ctx, ctx.sync_store, link.engine)
    if mode == "intake":
        count = int(sys.argv[4])
        kill_after = int(fault.split(":")[1]) if fault.startswith("after_local_commit:") else 0
        for n in range(count):
            outcome = window.accept(f"进程{n}")
            print(f"COMMITTED {outcome.case.id}", flush=True)
            if n + 1 == kill_after:
                _die()
            if n % 5 == 4:
                link.sync_once()
    report = link.sync_once()
    for _ in range(30):
        if report.waiting == 0 and not report.error:
            break
        report = link.sync_once()
    print(
        "REPORT " + json.dumps({"waiting": report.waiting, "error": report.error, "pushed": report.pushed}),
        flush=True,
    )
    ctx.close()


if __name__ == "__main__":
    main()
