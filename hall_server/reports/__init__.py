"""Daily and monthly reports (日报 / 月报) of the hall: see ``figures`` and docs/queue.md."""
