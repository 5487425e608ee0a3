"""Shared helpers: percentiles, a demo context on a given data folder."""

from __future__ import annotations

import gc
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from counter_app.services.context import AppContext, open_context
from counter_app.services.demo import DEMO_SETTINGS, seed_demo


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(name: str, millis: list[float]) -> str:
    return (
        f"{name}: n={len(millis)} median={statistics.median(millis):.1f} ms "
        f"p95={percentile(millis, 95):.1f} ms max={max(millis):.1f} ms"
    )


@contextmanager
def client_without_pauses() -> Iterator[None]:
    """While a load generator measures: its own garbage collector off (its heap frozen first).

    One process plays hundreds of windows; its full collections stopped its event loop for tens
    of milliseconds, and every request in flight then counted the pause as the server's latency
    (300 windows: p99 48-53 ms with the client collecting, 19-21 ms without, the server the
    same). The server under test keeps its collector as in production."""
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def demo_context(data_dir: Path) -> AppContext:
    ctx = open_context(data_dir, dict(DEMO_SETTINGS))
    seed_demo(ctx)
    return ctx
