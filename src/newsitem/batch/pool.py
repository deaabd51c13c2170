"""Converting many stories: the engine behind ``newsitem convert``.

The data flow: :mod:`newsitem.batch.inputs` lists the work (units) and reads their
bytes; :func:`convert_one` turns one unit's bytes into its outputs or an error
record (a pure function, the same for every engine); :func:`run` feeds units to
a process pool in chunks, keeps the output in input order, writes files
atomically, appends JSON Lines in batches, records what is done in a manifest
(so ``resume`` skips it), writes failures to ``errors.jsonl``, and shows progress.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple, TypeVar

import attrs

from newsitem import formats
from newsitem.batch import inputs
from newsitem.errors import NewsItemError, ParseError, ValidationError

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = [
    "JSONL",
    "Options",
    "Outcome",
    "Summary",
    "UsageError",
    "convert_one",
    "jsonl_line",
    "parse_one",
    "read_unit",
    "render_one",
    "run",
    "suffix_for",
]

JSONL = "jsonl"
"""The pseudo-format: one canonical JSON story per line, wrapped with its input locator."""
MANIFEST = ".newsitem-manifest.jsonl"
ERRORS = "errors.jsonl"
STORIES = "stories.jsonl"


class UsageError(ValueError):
    """The command line asks for something that cannot be done (exit 2)."""


@attrs.frozen(kw_only=True)
class Options:
    """What to do with each story."""

    to: tuple[str, ...]
    """Output formats, ``jsonl`` included where asked."""
    layout: str | None = None
    """Force this input layout instead of detecting it."""
    tz: str | None = None
    """The zone of times printed without one."""
    lossy: bool = False
    """Write what a format can carry instead of refusing stories it cannot hold whole."""
    max_size: int = 50 * 1024 * 1024
    """Inputs larger than this many bytes are failures, not read."""
    timeout: float = 30.0
    """Seconds one story may take (0: no limit; Unix only)."""

    @property
    def files(self) -> tuple[str, ...]:
        """The formats written one file per story."""
        return tuple(name for name in self.to if name != JSONL)


class Outcome(NamedTuple):
    """What became of one unit (a named tuple: it crosses process boundaries by the thousand)."""

    locator: str
    outputs: tuple[str, ...] = ()
    """Relative paths of the files written."""
    line: str | None = None
    """The JSON Lines record, when ``jsonl`` is asked for."""
    meta: dict[str, str] | None = None
    """Headline, byline, source, published: for the HTML index."""
    error: dict[str, Any] | None = None
    """The failure record written to ``errors.jsonl``."""


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

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0


_BY_MEDIA_TYPE = {"application/json": ".json", "text/html": ".html", "message/rfc822": ".eml"}


def suffix_for(names: Sequence[str]) -> dict[str, str]:
    """The file suffix of each output format: its first extension, prefixed by the
    format name where two asked-for formats would share one (``.ninjs.json``)."""
    plain = {}
    for name in names:
        info = formats.get(name)
        plain[name] = info.extensions[0] if info.extensions else _BY_MEDIA_TYPE.get(info.media_type, ".txt")
    out = {}
    for name, suffix in plain.items():
        shared = sum(1 for other in plain.values() if other == suffix) > 1
        out[name] = f".{name}{suffix}" if shared and name != "json" else suffix
    return out


class _ItemTimeoutError(Exception):
    pass


def _alarm(_signum: int, _frame: object) -> None:
    raise _ItemTimeoutError


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield  # no POSIX timers, or a worker thread (Dask's): signals reach only the main thread
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _error(locator: str, kind: str, message: str, exc: BaseException | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "input": locator,
        "error": kind,
        "message": message,
        "line": None,
        "column": None,
    }
    if isinstance(exc, ParseError):
        record["line"], record["column"] = exc.line, exc.column
        record["message"] = exc.message
    if isinstance(exc, ValidationError):
        record["paths"] = [problem.path for problem in exc.problems]
    return record


def _meta(story: Any) -> dict[str, str]:
    from newsitem.formats.layouts import _conventions as _wire

    names = [b.name for b in story.bylines if b.role.value == "author"]
    meta = {"headline": story.headline}
    if names:
        meta["byline"] = "By " + _wire.join_names(names)
    if story.source is not None and story.source.name is not None:
        meta["source"] = story.source.name
    if story.published is not None:
        meta["published"] = story.published.isoformat()
    return meta


def jsonl_line(locator: str, story: Story) -> str:
    """The JSON Lines record of one story: ``{"input": LOCATOR, "story": {canonical JSON}}``."""
    from newsitem.formats import json as canonical

    return f'{{"input":{json.dumps(locator, ensure_ascii=False)},"story":{canonical.dumps(story)}}}'


_T = TypeVar("_T")


class _Failed(NamedTuple):
    record: dict[str, Any]


def _guarded(locator: str, options: Options, work: Callable[[], _T]) -> _T | _Failed:
    """``work()`` under the time limit; a failure becomes its error record."""
    try:
        with _time_limit(options.timeout):
            return work()
    except _ItemTimeoutError:
        return _Failed(_error(locator, "Timeout", f"took longer than {options.timeout:g} s"))
    except NewsItemError as exc:
        return _Failed(_error(locator, type(exc).__name__, str(exc), exc))
    except RecursionError:
        return _Failed(_error(locator, "RecursionError", "nested too deeply to read"))


def parse_one(locator: str, data: bytes, options: Options) -> Story | dict[str, Any]:
    """One story read from its bytes (layout forced or detected, ``tz`` applied), or the
    error record saying why not: too large, too slow, malformed, against the model."""
    from newsitem import _api

    if len(data) > options.max_size:
        return _error(locator, "TooLarge", f"{len(data):,} bytes is over the limit of {options.max_size:,}")
    story = _guarded(locator, options, lambda: _api.parse(data, layout=options.layout, tz=options.tz))
    return story.record if isinstance(story, _Failed) else story


def render_one(story: Story, locator: str, relative: str, *, options: Options, out: Path | None) -> Outcome:
    """One story's outputs: files under ``out`` (atomically), its JSON Lines record, the
    index row; a story a format cannot hold becomes an error record."""
    from newsitem import _api

    def render() -> dict[str, bytes]:
        rendered = {}
        for name in options.files:
            text = _api.dumps(story, format=name, lossy=options.lossy)
            rendered[name] = text.encode("utf-8") if isinstance(text, str) else text
        return rendered

    rendered = _guarded(locator, options, render)
    if isinstance(rendered, _Failed):
        return Outcome(locator=locator, error=rendered.record)
    written = []
    if out is not None:
        suffixes = suffix_for(options.files)
        for name, payload in rendered.items():
            target = f"{relative}{suffixes[name]}"
            write_atomic(out / target, payload)
            written.append(target)
    line = jsonl_line(locator, story) if JSONL in options.to else None
    meta = _meta(story) if "html" in options.files else None  # only the HTML index needs it
    return Outcome(locator=locator, outputs=tuple(written), line=line, meta=meta)


def convert_one(locator: str, relative: str, data: bytes, *, options: Options, out: Path | None) -> Outcome:
    """Read one story and write its outputs (:func:`parse_one`, then :func:`render_one`);
    every failure becomes an error record."""
    story = parse_one(locator, data, options)
    if isinstance(story, dict):
        return Outcome(locator=locator, error=story)
    return render_one(story, locator, relative, options=options, out=out)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the path holds either the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


_READER: inputs.Reader | None = None


def _convert_batch(
    batch: list[tuple[inputs.Unit, bytes | None]], options: Options, out: str | None
) -> list[Outcome]:
    """Worker side: a chunk of units in (stdin's bytes read by the parent), outcomes out, in
    order. Each process reads its own inputs, keeping its current archive open between chunks."""
    global _READER  # noqa: PLW0603 - one reader per process, kept across chunks
    if _READER is None:
        _READER = inputs.Reader()
    target = None if out is None else Path(out)
    outcomes = []
    for unit, given in batch:
        data = given if given is not None else read_unit(_READER, unit, options)
        if isinstance(data, dict):
            outcomes.append(Outcome(locator=unit.locator, error=data))
        else:
            outcomes.append(convert_one(unit.locator, unit.relative, data, options=options, out=target))
    return outcomes


def read_unit(reader: inputs.Reader, unit: inputs.Unit, options: Options) -> bytes | dict[str, Any]:
    """One unit's bytes, or the error record: over ``max_size`` (not read) or unreadable."""
    if unit.size is not None and unit.size > options.max_size:
        message = f"{unit.size:,} bytes is over the limit of {options.max_size:,} (not read)"
        return _error(unit.locator, "Unreadable", message)
    try:
        return reader.read(unit)
    except inputs.UnreadableInputError as exc:
        return _error(unit.locator, "Unreadable", str(exc))


def _close_reader() -> None:
    global _READER  # noqa: PLW0603 - see _convert_batch
    if _READER is not None:
        _READER.close()
        _READER = None


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


class _Progress:
    """A one-line progress bar on a terminal (items/s, failures, time left); silent otherwise."""

    def __init__(self, total: int, stream: IO[str] | None) -> None:
        self.total = total
        self.stream = stream if stream is not None and stream.isatty() else None
        self.start = time.monotonic()
        self.last = 0.0

    def update(self, done: int, failed: int, *, final: bool = False) -> None:
        if self.stream is None:
            return
        now = time.monotonic()
        if not final and now - self.last < 0.1:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        left = (self.total - done) / rate if rate else 0.0
        width = 24
        filled = int(width * done / self.total) if self.total else width
        bar = "#" * filled + "." * (width - filled)
        self.stream.write(
            f"\r[{bar}] {done:,}/{self.total:,} {rate:,.0f}/s, {failed:,} failed, "
            f"{int(left) // 60}:{int(left) % 60:02d} left "
        )
        if final:
            self.stream.write("\n")
        self.stream.flush()


def _open(path: Path, mode: str) -> IO[bytes]:
    return open(path, mode)


def _open_text(path: Path) -> IO[str]:
    return open(path, "a", encoding="utf-8")


class _Sink:
    """Where outcomes go: JSON Lines, errors, the manifest; all appended in batches."""

    def __init__(
        self,
        out: Path | None,
        jsonl_path: Path | None,
        stdout: IO[str] | None,
        resume: bool,
        settings: dict[str, Any],
    ) -> None:
        self.settings = settings
        self.out = out
        self.jsonl_final = jsonl_path
        self.stdout = stdout
        self.index_rows: list[dict[str, Any]] = []
        self.done: set[str] = set()
        self.failed_before = 0
        base = out if out is not None else (jsonl_path.parent if jsonl_path is not None else None)
        stem = "" if out is not None or jsonl_path is None else jsonl_path.name + "."
        self.manifest_path = None if base is None else base / f"{stem}{MANIFEST}"
        if base is None:
            self.errors_path: Path | None = None
        elif out is not None:
            self.errors_path = base / ERRORS
        else:
            assert jsonl_path is not None
            self.errors_path = jsonl_path.with_name(jsonl_path.name.removesuffix(".jsonl") + ".errors.jsonl")
        self.jsonl_partial = (
            None if jsonl_path is None else jsonl_path.with_name(jsonl_path.name + ".partial")
        )
        jsonl_size = 0
        if resume and self.manifest_path is not None and self.manifest_path.exists():
            jsonl_size = self._load_manifest()
        elif self.manifest_path is not None:
            self.manifest_path.unlink(missing_ok=True)
            if self.errors_path is not None:
                self.errors_path.unlink(missing_ok=True)
        self.jsonl: IO[bytes] | None = None
        if self.jsonl_partial is not None:
            if resume and jsonl_path is not None and jsonl_path.exists() and not self.jsonl_partial.exists():
                os.replace(jsonl_path, self.jsonl_partial)  # a finished run: go on from its file
            if resume and self.jsonl_partial.exists():
                self.jsonl = _open(self.jsonl_partial, "r+b")
                self.jsonl.truncate(jsonl_size)
                self.jsonl.seek(jsonl_size)
            else:
                self.jsonl = _open(self.jsonl_partial, "wb")
        fresh = self.manifest_path is not None and not self.manifest_path.exists()
        self.manifest = None if self.manifest_path is None else _open_text(self.manifest_path)
        if fresh and self.manifest is not None:
            self.manifest.write(json.dumps({"settings": settings}) + "\n")
        self.errors = None if self.errors_path is None else _open_text(self.errors_path)

    def _load_manifest(self) -> int:
        size = 0
        failed: set[str] = set()
        batch: list[dict[str, Any]] = []
        assert self.manifest_path is not None
        for line in self.manifest_path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash: its batch has no end mark and is redone
            if row.get("batch_end"):
                size = row["jsonl_bytes"] or 0
                for done in batch:
                    self._commit(done, failed)
                batch = []
                continue
            if "settings" in row:
                if row["settings"] != self.settings:
                    raise UsageError(
                        f"--resume with other options than the run it continues ({row['settings']}):"
                        " use the same --to, --from, --tz and --lossy, or a new -o"
                    )
                continue
            batch.append(row)
        self.failed_before = len(failed)
        if self.errors_path is not None and self.errors_path.exists():
            kept, seen = [], set()
            for line in self.errors_path.read_text(encoding="utf-8").splitlines():
                with contextlib.suppress(ValueError, KeyError):
                    record = json.loads(line)
                    if record["input"] in failed and record["input"] not in seen:
                        kept.append(line)
                        seen.add(record["input"])
            write_atomic(self.errors_path, "".join(k + "\n" for k in kept).encode("utf-8"))
        return size

    def _commit(self, row: dict[str, Any], failed: set[str]) -> None:
        """A finished story of the run being resumed."""
        self.done.add(row["input"])
        if not row.get("ok"):
            failed.add(row["input"])
        elif row.get("meta") is not None:
            self.index_rows.append({**row["meta"], "outputs": row.get("outputs", [])})

    def take(self, outcomes: list[Outcome]) -> None:
        lines = [o.line for o in outcomes if o.line is not None]
        if lines:
            payload = "".join(line + "\n" for line in lines)
            if self.jsonl is not None:
                self.jsonl.write(payload.encode("utf-8"))
                self.jsonl.flush()
            elif self.stdout is not None:
                self.stdout.write(payload)
                self.stdout.flush()
        errors = [o.error for o in outcomes if o.error is not None]
        if errors:
            text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors)
            if self.errors is not None:
                self.errors.write(text)
                self.errors.flush()
            else:
                sys.stderr.write(text)
        for outcome in outcomes:
            if outcome.meta is not None and outcome.outputs:
                self.index_rows.append({**outcome.meta, "outputs": list(outcome.outputs)})
        if self.manifest is not None:
            rows = []
            for outcome in outcomes:
                row: dict[str, Any] = {"input": outcome.locator, "ok": outcome.error is None}
                if outcome.error is None:
                    row["outputs"] = list(outcome.outputs)
                    row["meta"] = outcome.meta
                rows.append(json.dumps(row, ensure_ascii=False))
            # The batch's end mark: only rows followed by one count as done when resuming.
            rows.append(
                json.dumps(
                    {"batch_end": True, "jsonl_bytes": None if self.jsonl is None else self.jsonl.tell()}
                )
            )
            self.manifest.write("".join(r + "\n" for r in rows))
            self.manifest.flush()

    def close(self, *, finished: bool) -> None:
        for handle in (self.jsonl, self.manifest, self.errors):
            if handle is not None:
                handle.close()
        if finished and self.jsonl_partial is not None and self.jsonl_final is not None:
            os.replace(self.jsonl_partial, self.jsonl_final)


def _chunks(
    pending: list[inputs.Unit], stdin: IO[bytes] | None, size: int
) -> Iterator[list[tuple[inputs.Unit, bytes | None]]]:
    """Chunks of units for the workers; only stdin is read here (workers cannot reach it)."""
    batch: list[tuple[inputs.Unit, bytes | None]] = []
    for unit in pending:
        given = None
        if unit.kind == "stdin":
            given = (stdin or sys.stdin.buffer).read()
        batch.append((unit, given))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(
    arguments: Sequence[str],
    options: Options,
    *,
    out: str | None = None,
    jobs: int | None = None,
    resume: bool = False,
    chunk: int = 256,
    progress: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stdin: IO[bytes] | None = None,
    stdin_name: str = "<stdin>",
    on_batch: Callable[[list[Outcome]], None] | None = None,
) -> Summary:
    """Convert every story the arguments name (see the module docstring).

    Raises:
        UsageError: the request cannot be carried out (no output for per-story files...).
        inputs.InputNotFoundError: an argument names nothing.
    """
    out_dir, jsonl_path = _targets(options, out, resume)
    units = list(inputs.units(arguments, stdin_name=stdin_name))
    sink = _Sink(out_dir, jsonl_path, stdout if out is None else None, resume, _settings(options))
    pending = [u for u in units if u.locator not in sink.done]
    skipped = len(units) - len(pending)
    bar = _Progress(len(pending), progress)
    started = time.monotonic()
    done = failed = 0
    finished = False
    workers = jobs or os.cpu_count() or 1

    def record(outcomes: list[Outcome]) -> None:
        nonlocal done, failed
        sink.take(outcomes)
        if on_batch is not None:
            on_batch(outcomes)
        done += len(outcomes)
        failed += sum(1 for o in outcomes if o.error is not None)
        bar.update(done, failed)

    try:
        batches = _chunks(pending, stdin, chunk)
        if workers <= 1:
            try:
                for batch in batches:
                    record(_convert_batch(batch, options, None if out_dir is None else str(out_dir)))
            finally:
                _close_reader()
        else:
            with ProcessPoolExecutor(max_workers=workers, initializer=_worker_init) as pool:
                window: deque[Future[list[Outcome]]] = deque()
                target = None if out_dir is None else str(out_dir)
                for batch in batches:
                    window.append(pool.submit(_convert_batch, batch, options, target))
                    if len(window) >= workers * 3:
                        record(window.popleft().result())
                while window:
                    record(window.popleft().result())
        finished = True
    finally:
        sink.close(finished=finished)
        bar.update(done, failed, final=True)
    if out_dir is not None and "html" in options.files:
        write_index(out_dir, sink.index_rows, suffix_for(options.files)["html"])
    return Summary(
        total=len(units),
        converted=done - failed,
        failed=failed + sink.failed_before,
        skipped=skipped,
        seconds=time.monotonic() - started,
        out=out,
        errors_path=None if sink.errors_path is None else str(sink.errors_path),
    )


def _settings(options: Options) -> dict[str, Any]:
    """What a resumed run must share with the run it continues."""
    return {"to": list(options.to), "from": options.layout, "tz": options.tz, "lossy": options.lossy}


def _targets(options: Options, out: str | None, resume: bool) -> tuple[Path | None, Path | None]:
    """The output directory and the JSON Lines file, checked and created."""
    for name in options.files:
        if not formats.get(name).can_write:
            raise UsageError(f"{name} cannot be written (see 'newsitem formats')")
    if resume and out is None:
        raise UsageError("--resume needs -o: the manifest of a previous run lives beside its output")
    if out is not None and out.endswith(".jsonl"):
        if options.files:
            raise UsageError("-o FILE.jsonl takes --to jsonl alone; give a directory for per-story files")
        jsonl_path = Path(out)
        jsonl_path.parent.mkdir(parents=True, exist_ok=True)
        return None, jsonl_path
    if out is not None:
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        return out_dir, out_dir / STORIES if JSONL in options.to else None
    if options.files:
        raise UsageError("per-story files need an output directory: -o DIR (only --to jsonl goes to stdout)")
    return None, None


def _sort_key(row: dict[str, Any]) -> str:
    published = row.get("published")
    if not published:
        return ""
    value = datetime.fromisoformat(published)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat()


_INDEX_STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
    "li{margin:.4rem 0}time{color:#666;font-size:.85em;margin-right:.5em}span{color:#555;font-size:.9em}"
)


def write_index(out: Path, rows: list[dict[str, Any]], suffix: str) -> None:
    """``OUT/index.html``: every story by date (newest first), with headline, byline and
    source, linking to its page. Times are shown as printed; undated stories come last."""
    from html import escape
    from urllib.parse import quote

    ordered = sorted(rows, key=_sort_key, reverse=True)
    items = []
    for row in ordered:
        page = next((o for o in row.get("outputs", []) if o.endswith(suffix)), None)
        if page is None:
            continue
        details = " · ".join(escape(row[k]) for k in ("byline", "source") if row.get(k))
        when = escape(row.get("published", "undated"))
        items.append(
            f'<li><time datetime="{escape(row.get("published", ""))}">{when}</time> '
            f'<a href="{escape(quote(page))}">{escape(row["headline"])}</a>'
            + (f" <span>{details}</span>" if details else "")
            + "</li>"
        )
    body = "\n".join(items)
    page_text = (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy"'
        " content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        f"<title>{len(items):,} stories</title>\n<style>{_INDEX_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{len(items):,} stories</h1>\n<ol>\n{body}\n</ol>\n</body>\n</html>\n"
    )
    write_atomic(out / "index.html", page_text.encode("utf-8"))


def zone_arg(value: str | None) -> str | tzinfo | None:
    """Check a ``--tz`` value early, so a typo is a usage error and not 20,000 failures."""
    if value is None:
        return None
    from newsitem import dates

    try:
        dates.zone(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return value
