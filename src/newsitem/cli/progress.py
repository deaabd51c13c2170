"""Progress output for people: a one-line bar on a terminal, nothing on a pipe."""

from __future__ import annotations

import time
from typing import IO

__all__ = ["Bar"]

_WIDTH = 24


class Bar:
    """A one-line progress bar (done/total, items per second, failures, time left),
    redrawn at most ten times a second; silent when ``stream`` is not a terminal.

    Called as :class:`newsitem.batch.summary.Progress` is: ``bar(done, failed, total)``
    after every batch, and once more with ``final=True``.
    """

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream if stream is not None and stream.isatty() else None
        self.start = time.monotonic()
        self.last = 0.0

    def __call__(self, done: int, failed: int, total: int, *, final: bool = False) -> None:
        """Redraw the bar (not more often than every 0.1 s, except the final time)."""
        if self.stream is None:
            return
        now = time.monotonic()
        if not final and now - self.last < 0.1:
            return
        self.last = now
        rate = done / max(now - self.start, 1e-9)
        left = (total - done) / rate if rate else 0.0
        filled = int(_WIDTH * done / total) if total else _WIDTH
        bar = "#" * filled + "." * (_WIDTH - filled)
        self.stream.write(
            f"\r[{bar}] {done:,}/{total:,} {rate:,.0f}/s, {failed:,} failed, "
            f"{int(left) // 60}:{int(left) % 60:02d} left "
        )
        if final:
            self.stream.write("\n")
        self.stream.flush()
