"""Backoff while the server is away: growing, jittered, capped."""

from __future__ import annotations

import random

from counter_app.sync.runner import MAX_BACKOFF, backoff_delay


def test_backoff_grows_with_failures_is_jittered_and_capped() -> None:
    rng = random.Random(1)
    assert backoff_delay(0, 5.0, rng) == 5.0
    ceilings = [min(MAX_BACKOFF, 5.0 * 2**n) for n in range(1, 8)]
    for failures, ceiling in enumerate(ceilings, start=1):
        delays = [backoff_delay(failures, 5.0, rng) for _ in range(200)]
        assert all(5.0 <= d <= ceiling for d in delays)
        assert len({round(d, 3) for d in delays}) > 150  # jittered, not one fixed value
    assert max(backoff_delay(30, 5.0, rng) for _ in range(500)) <= MAX_BACKOFF
