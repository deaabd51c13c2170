"""How many worker processes a run takes: the one home of ``-j`` for ``newsitem convert``
and ``newsitem validate`` (cheap to import: the standard library's ``os`` alone)."""

from __future__ import annotations

import os

__all__ = ["usable", "workers"]


def usable() -> int:
    """The cores this process may run on: its CPU affinity where the platform tells it (in a
    container or under ``taskset`` that is fewer than the host has), else the host's count;
    at least 1.

    >>> usable() >= 1
    True
    """
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def workers(requested: int | None, units: int | None = None, *, most: int | None = None) -> int:
    """The worker processes of a run: ``requested`` (``-j N``), or for 0 or None one per
    :func:`usable` core, at most ``most``; never more than ``units`` when the number of
    units of work is known (a process a unit is the most that can help), and at least 1.

    >>> workers(4), workers(50, units=16), workers(3, units=0)
    (4, 16, 1)
    >>> workers(None) == usable()
    True
    """
    count = requested or usable()
    if not requested and most is not None:
        count = min(count, most)
    if units is not None:
        count = min(count, units)
    return max(1, count)
