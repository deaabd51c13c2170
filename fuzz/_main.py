"""Run one fuzz target under atheris: ``python fuzz/_main.py TARGET [libFuzzer options] [corpus ...]``.

``fuzz/run.py`` starts this once per target; run it by hand to replay a reproducer
(``python fuzz/_main.py email fuzz/crashes/email/crash-...``) or to pass libFuzzer
options the runner does not. newsitem and every format module are imported under
atheris's instrumentation (the formats load lazily otherwise, and would not be
instrumented). With ``NEWSITEM_FUZZ_STATS=path`` the slowest call so far is written
to that file as JSON each time it changes (libFuzzer ends the process without
running Python's exit handlers).
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
from pathlib import Path

import atheris  # type: ignore[import-untyped]  # atheris ships no type stubs

HERE = Path(__file__).resolve().parent


def _import_everything() -> None:
    """Import newsitem, every format module and their submodules (under instrumentation)."""
    import newsitem
    import newsitem.formats

    for info in newsitem.formats.available():
        importlib.import_module(info.module)
    for module in pkgutil.walk_packages(newsitem.formats.__path__, "newsitem.formats."):
        importlib.import_module(module.name)
    for name in ("newsitem.notes", "newsitem.dates", "newsitem.model"):
        importlib.import_module(name)


def main() -> None:
    """Set atheris up with the target named by the first argument and fuzz it."""
    if len(sys.argv) < 2:
        sys.exit("usage: python fuzz/_main.py TARGET [libFuzzer options] [corpus or reproducer ...]")
    name = sys.argv.pop(1)
    with atheris.instrument_imports():
        _import_everything()
    sys.path.insert(0, str(HERE))
    import targets

    if name not in targets.TARGETS:
        sys.exit(f"no target {name!r}; there are: {', '.join(targets.TARGETS)}")
    stats = os.environ.get("NEWSITEM_FUZZ_STATS")
    if stats:

        def write_stats(record: targets.Slowest) -> None:
            Path(stats).write_text(json.dumps(record.as_dict()), "utf-8")

        targets.slowest.listeners.append(write_stats)
    atheris.Setup(sys.argv, targets.TARGETS[name])
    atheris.Fuzz()


if __name__ == "__main__":
    main()
