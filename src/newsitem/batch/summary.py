"""What a run did: the counts behind ``newsitem convert``'s summary line and exit code, and
the tally that takes each batch of outcomes to the sink as a run goes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from newsitem.batch.sink import Sink
    from newsitem.batch.steps import Outcome

__all__ = ["Progress", "Summary", "Tally"]


@attrs.frozen(kw_only=True)
class Summary:
    """Counts of a run, for the summary line and the exit code."""

    total: int
    converted: int
    failed: int
    skipped: int
    seconds: float
    out: str | None
    errors_path: str | None
    records_skipped: dict[str, int] = attrs.field(factory=dict)
    """Records of web archives that are no page, by kind (``{"request": 12}``): not stories."""

    @property
    def exit_code(self) -> int:
        """1 when any story failed, else 0."""
        return 1 if self.failed else 0


class Progress(Protocol):
    """Told how a run goes after every batch (``final`` once, at the end)."""

    def __call__(self, done: int, failed: int, total: int, *, final: bool = False) -> None: ...


@attrs.define
class Tally:
    """What a run has done so far; takes each batch of outcomes to the sink."""

    destination: Sink
    total: int
    progress: Progress | None
    on_batch: Callable[[list[Outcome]], None] | None
    done: int = 0
    failed: int = 0

    def __call__(self, outcomes: list[Outcome]) -> None:
        # A unit that held several stories counts each of them (the total was one per unit).
        self.total += len(outcomes) - len({o.unit or o.locator for o in outcomes})
        self.destination.take(outcomes)
        if self.on_batch is not None:
            self.on_batch(outcomes)
        self.done += len(outcomes)
        self.failed += sum(1 for o in outcomes if o.error is not None)
        if self.progress is not None:
            self.progress(self.done, self.failed, self.total)
