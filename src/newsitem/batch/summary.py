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
    """Counts of a run, for the summary line and the exit code.

    Stories are counted one by one (each story of a container on its own), and they add
    up: ``converted + earlier + failed == total``. A story is converted when at least one
    asked format was written; the formats that could not write it are
    :attr:`format_failures`, not failed stories; a story no asked format could write is
    failed, and only that. A resumed run's counts take in the runs
    before it, except :attr:`converted` (this run's). The summary line::

        converted 1,304 stories this run (1,280 earlier; 200 failed; 4,000 in all)
    """

    total: int
    """Stories in all: this run's and those an earlier run finished (written or failed)."""
    converted: int
    """Stories this run wrote (in at least one asked format)."""
    failed: int
    """Stories that failed (not read, or no asked format could write them), earlier runs' included."""
    skipped: int
    """Input units an earlier run finished, passed over by this one."""
    seconds: float
    out: str | None
    errors_path: str | None
    records_skipped: dict[str, int] = attrs.field(factory=dict)
    """Records of web archives that are no page, by kind (``{"request": 12}``): not stories."""
    earlier: int = 0
    """Stories an earlier run wrote (a resumed run does not write them again)."""
    failed_earlier: int = 0
    """Of :attr:`failed`, those of an earlier run."""
    format_failures: int = 0
    """(story, format) pairs that could not be written while the story's other formats were
    (``errors.jsonl`` records naming a format, of a story counted in :attr:`converted` or
    :attr:`earlier`), earlier runs' included. A story no asked format could write is a failed
    story, counted once in :attr:`failed` (its records name each format), not here too."""
    losses: int = 0
    """(story, format) pairs written without some of the story's fields (``losses.jsonl``
    lines), earlier runs' included."""
    losses_path: str | None = None
    """Where the losses are listed (``OUT/losses.jsonl``), when the run has an output folder."""
    minted: int = 0
    """Stories given a guid by :func:`newsitem.mint_guid` (listed in the manifest), earlier
    runs' included."""

    @property
    def nothing_left(self) -> bool:
        """Whether this was a resumed run that found nothing left to do."""
        return self.total > 0 and self.total == self.earlier + self.failed_earlier

    @property
    def exit_code(self) -> int:
        """1 when any story or any (story, format) failed in the whole run (earlier runs of a
        resumed run included), else 0."""
        return 1 if self.failed or self.format_failures else 0


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
    format_failures: int = 0
    losses: int = 0
    minted: int = 0

    def __call__(self, outcomes: list[Outcome]) -> None:
        # A unit that held several stories counts each of them (the total was one per unit).
        self.total += len(outcomes) - len({o.unit or o.locator for o in outcomes})
        self.destination.take(outcomes)
        if self.on_batch is not None:
            self.on_batch(outcomes)
        self.done += len(outcomes)
        self.failed += sum(1 for o in outcomes if o.failed)
        self.format_failures += sum(o.format_failures for o in outcomes)
        self.losses += sum(len(o.losses) for o in outcomes)
        self.minted += sum(1 for o in outcomes if o.minted is not None)
        if self.progress is not None:
            self.progress(self.done, self.failed, self.total)

    def summary(
        self, *, skipped: int, seconds: float, out: str | None, records_skipped: dict[str, int]
    ) -> Summary:
        """The run's summary once it has finished: this run's counts and the earlier runs'
        (what the sink took in from the manifest it resumed)."""
        earlier = self.destination.earlier
        errors, losses = self.destination.errors_path, self.destination.losses_path
        return Summary(
            total=self.done + earlier.written + earlier.failed,
            converted=self.done - self.failed,
            failed=self.failed + earlier.failed,
            skipped=skipped,
            seconds=seconds,
            out=out,
            errors_path=None if errors is None else str(errors),
            records_skipped=records_skipped,
            earlier=earlier.written,
            failed_earlier=earlier.failed,
            format_failures=self.format_failures + earlier.format_failures,
            losses=self.losses + earlier.losses,
            losses_path=None if losses is None else str(losses),
            minted=self.minted + earlier.minted,
        )
