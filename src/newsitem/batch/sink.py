"""Where a batch's outcomes go: files written atomically, JSON Lines, ``errors.jsonl``,
and the manifest that lets ``--resume`` skip what an earlier run finished, exactly once.

The manifest (``OUT/.newsitem-manifest.jsonl``) starts with the run's settings, then
has a row per finished story and an end mark per batch. Every row is ASCII JSON (names'
undecodable bytes and U+2028, U+2029, U+0085 escaped) and the file is split at ``\\n``
only. A story's row maps its input locator to its name and outputs (``{"input", "relative", "ok",
"outputs", "failed_formats", "lost", "minted", "unit", "key"}``: the name its outputs take before
their suffixes, ``UNIT#N`` for a container's story; the formats that could not write it, the
formats that left fields out, the guid minted for it). An end mark records the size of the
JSON Lines file, of ``errors.jsonl`` and of ``losses.jsonl`` after the batch, a CRC-32 of
what the batch appended to each, and a CRC-32 of the batch's rows and of the mark itself.
A batch is written in this order: its data (JSON Lines, error and loss records; per-story
files are already written by the workers), a sync of that data, then
its rows and end mark, then a sync of the manifest. Only rows followed by a valid end
mark count as done.

On resume the manifest is read up to its first line that is not whole, not JSON or
whose batch fails its CRC, and the data files are checked against each end mark (size
and CRC); the run goes on from the last batch they all bear out: the manifest is cut
back to it (never appended to a row cut short), the data files are truncated to its
sizes (never extended: a file shorter than recorded means its later batches are
redone, and said on stderr). Every run with a manifest removes the stray temporary
files a killed run left in its output (``.nt-HASH.PID.tmp`` of processes that are gone).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from newsitem import formats
from newsitem.batch import names
from newsitem.errors import UsageError

if TYPE_CHECKING:
    from newsitem.batch.steps import Options, Outcome

__all__ = [
    "ERRORS",
    "LOSSES",
    "MANIFEST",
    "NAME_MAX",
    "STORIES",
    "Sink",
    "as_flags",
    "fit_name",
    "record_line",
    "remove_strays",
    "settings",
    "sync_folder",
    "targets",
    "temporary_name",
    "write_atomic",
]

MANIFEST = ".newsitem-manifest.jsonl"
_SHARDS = ".newsitem-manifest-[0-9]*.jsonl"
"""The Dask engine's manifest shards (one per partition)."""
ERRORS = "errors.jsonl"
LOSSES = "losses.jsonl"
STORIES = "stories.jsonl"
_JSONL = "jsonl"


NAME_MAX = 255
"""The longest file name, in bytes, that common file systems take (ext4, XFS, Btrfs, APFS)."""
_HASH = 10
"""Hex digits of the SHA-256 that tell shortened names apart."""


def _name_bytes(name: str) -> bytes:
    return os.fsencode(name)  # lone surrogates (undecodable bytes of a file name) go back to bytes


def _shortened(name: str, keep: str = "") -> str:
    """``name + keep``, or when that is over :data:`NAME_MAX` bytes, the longest prefix of
    ``name`` that fits with ``~`` and :data:`_HASH` hex digits of the SHA-256 of ``name``, then ``keep``."""
    if len(_name_bytes(name + keep)) <= NAME_MAX:
        return name + keep
    tag = "~" + hashlib.sha256(_name_bytes(name)).hexdigest()[:_HASH]
    room = NAME_MAX - len(_name_bytes(tag + keep))
    prefix, used = [], 0
    for char in name:
        size = len(_name_bytes(char))
        if used + size > room:
            break
        prefix.append(char)
        used += size
    return "".join(prefix) + tag + keep


def fit_name(relative: str, suffix: str = "") -> str:
    """The relative output path of ``relative + suffix`` with no part over :data:`NAME_MAX`
    bytes: a longer part keeps as much of its start as fits, then ``~`` and ten hex digits of
    the SHA-256 of the whole part, then ``suffix`` (the same for the same name, and different
    for names that differ only past the cut)."""
    *folders, last = relative.split("/")
    return "/".join([*(_shortened(part) for part in folders), _shortened(last, suffix)])


_TEMPORARY = re.compile(r"\.nt-[0-9a-f]{16}\.([0-9]+)\.tmp")
"""Our temporary names: ``.nt-HASH.PID.tmp`` (at most 32 bytes, whatever the final name)."""


def temporary_name(name: str) -> str:
    """The temporary name :func:`write_atomic` writes ``name`` under, beside it."""
    return f".nt-{hashlib.sha256(_name_bytes(name)).hexdigest()[:16]}.{os.getpid()}.tmp"


def sync_folder(folder: Path) -> None:
    """Make the names in ``folder`` (a rename into it) durable: fsync the folder (POSIX)."""
    if os.name == "nt":  # Windows cannot open a folder for fsync; NTFS journals renames
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomic(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` so that the path holds either the old file or the whole new one.

    With ``sync`` (the default), the data is fsync'ed before the rename and the folder after
    it, so the new file also survives a power loss; a batch passes ``sync=False`` and syncs
    once per batch before it records the batch as done (:meth:`Sink.take`).

    Raises:
        OSError: the file cannot be written (errno intact: ENOSPC for a full disk...).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(temporary_name(path.name))
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if sync:
        sync_folder(path.parent)


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, killed and not yet reaped, does not)."""
    if pid == os.getpid():
        return False  # this run has written nothing yet: an earlier process's, the pid reused
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:  # Linux: the state after the name
            return handle.read().rpartition(b")")[2].split()[:1] not in ([b"Z"], [b"X"])
    except FileNotFoundError:
        if os.path.exists("/proc/self/stat"):
            return False
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, another user's
    return True


def remove_strays(folder: Path, *, recursive: bool) -> list[Path]:
    """Remove the temporary files a killed run left in ``folder``: only names of our exact
    pattern (``.nt-HASH.PID.tmp``) whose process is gone; return them."""
    found = folder.rglob(".nt-*.tmp") if recursive else folder.glob(".nt-*.tmp")
    removed = []
    for path in found:
        match = _TEMPORARY.fullmatch(path.name)
        if match and not _alive(int(match.group(1))) and path.is_file():
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed.append(path)
    return removed


def record_line(record: dict[str, Any]) -> str:
    """One JSON Lines record as we write them (manifest, ``errors.jsonl``): ASCII only, so
    U+2028, U+2029 and U+0085 never break a line for a reader that splits at them, and a
    name's undecodable bytes (lone surrogates from ``os.fsdecode``) are surrogate-escaped
    (``\\udce9``), which ``json.loads`` reads back to the same ``str``."""
    return json.dumps(record) + "\n"


def settings(options: Options) -> dict[str, Any]:
    """What a resumed run must share with the run it continues."""
    shared = {
        "to": list(options.to),
        "from": options.layout,
        "tz": options.tz,
        "strict": options.strict,
        "mint_guid": options.mint_guid,
    }
    return shared | ({"encoding": options.encoding} if options.encoding else {})


def as_flags(shared: object) -> str:
    """The :func:`settings` of a run as the command-line options that give them
    (``--to json,html --tz Europe/Oslo --strict``)."""
    if not isinstance(shared, dict):
        return "settings newsitem cannot read"
    flags = []
    for key, value in shared.items():
        flag = "--" + str(key).replace("_", "-")
        if key == "mint_guid":
            flags += [] if value is None else ["--mint-guid" if value else "--no-mint-guid"]
        elif isinstance(value, bool):
            flags += [flag] if value else []
        elif isinstance(value, list):
            flags.append(f"{flag} {','.join(map(str, value))}")
        elif value is not None:
            flags.append(f"{flag} {value}")
    return " ".join(flags) or "no options"


def _dask_run(manifest: Path, shown: str) -> None:
    """Refuse a folder holding the Dask engine's manifest shards and no pool manifest: a run of
    the Dask engine, which cannot be resumed.

    Raises:
        UsageError: the shards exist.
    """
    shards = sorted(manifest.parent.glob(_SHARDS)) if manifest.parent.is_dir() else []
    if shards and not manifest.exists():
        raise UsageError(
            f"{shown} holds an earlier run (--engine dask, {len(shards):,} manifest shards): give a new -o"
        )


def _earlier_run(manifest: Path | None, shown: str) -> None:
    """Refuse to start a run where ``manifest`` says an earlier one wrote: only ``--resume``
    of that run writes there again (nothing of it is overwritten or forgotten).

    Raises:
        UsageError: the manifest exists.
    """
    if manifest is None:
        return
    _dask_run(manifest, shown)
    if not manifest.exists():
        return
    found = parse_manifest(manifest.read_bytes())
    stories = sum(len(batch.rows) for batch in found.batches)
    raise UsageError(
        f"{shown} holds an earlier run of {stories:,} stor{'y' if stories == 1 else 'ies'}:"
        " --resume to go on with it, or give a new -o"
    )


def refuse_earlier(out: str) -> None:
    """Refuse an output folder holding an earlier run of either engine (the process pool's
    manifest or the Dask engine's manifest shards): the Dask engine, which cannot resume,
    never writes over one, nor does a run without ``--resume`` write over a Dask run's.

    Raises:
        UsageError: ``out`` holds an earlier run.
    """
    _earlier_run(Path(out) / MANIFEST, out)


def targets(options: Options, out: str | None, resume: bool) -> tuple[Path | None, Path | None]:
    """The output directory and the JSON Lines file, checked and created.

    Raises:
        UsageError: the request cannot be carried out (no output for per-story files, an
            output that holds an earlier run and no ``--resume``...).
    """
    for name in options.files:
        if not formats.get(name).can_write:
            raise UsageError(f"{name} cannot be written (see 'newsitem formats')")
    if resume and out is None:
        raise UsageError("--resume needs -o: the manifest of a previous run lives beside its output")
    if out is not None and out.endswith(".jsonl"):
        if options.files:
            raise UsageError("-o FILE.jsonl takes --to jsonl alone; give a directory for per-story files")
        jsonl_path = Path(out)
        if not resume:
            _earlier_run(_side_paths(None, jsonl_path)[0], out)
        jsonl_path.parent.mkdir(parents=True, exist_ok=True)
        return None, jsonl_path
    if out is not None:
        out_dir = Path(out)
        if not resume:
            _earlier_run(out_dir / MANIFEST, out)
        else:
            _dask_run(out_dir / MANIFEST, out)
        out_dir.mkdir(parents=True, exist_ok=True)
        return out_dir, out_dir / STORIES if _JSONL in options.to else None
    if options.files:
        raise UsageError("per-story files need an output directory: -o DIR (only --to jsonl goes to stdout)")
    return None, None


def _side_paths(out: Path | None, jsonl_path: Path | None) -> tuple[Path | None, Path | None, Path | None]:
    """The manifest, ``errors.jsonl`` and ``losses.jsonl`` of a run: in ``out``, else the
    first two beside the JSON Lines file (which has no per-story files, so no losses)."""
    if out is not None:
        return out / MANIFEST, out / ERRORS, out / LOSSES
    if jsonl_path is None:
        return None, None, None
    errors = jsonl_path.with_name(jsonl_path.name.removesuffix(".jsonl") + ".errors.jsonl")
    return jsonl_path.with_name(f"{jsonl_path.name}.{MANIFEST}"), errors, None


_VERSION = 4
"""The manifest's layout: ASCII rows split at ``\\n``, CRC-checked end marks with data sizes
(3: ``losses.jsonl`` in the end marks; rows with ``failed_formats``, ``lost``, ``minted``;
4: rows with ``relative`` and ``key``, what a resume matches and names by)."""


def _crc(data: bytes, start: int = 0) -> str:
    return f"{zlib.crc32(data, start):08x}"


@contextlib.contextmanager
def _naming(handle: io.FileIO) -> Iterator[None]:
    """An OSError on ``handle`` names its file (the same exception, errno intact)."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = handle.name
        raise


def _write_all(handle: io.FileIO, data: bytes) -> None:
    """All of ``data`` through an unbuffered file (a raw write may take part of it)."""
    view = memoryview(data)
    with _naming(handle):
        while view:
            view = view[handle.write(view) or 0 :]


def _fsync(handle: io.FileIO | None) -> None:
    if handle is not None:
        with _naming(handle):
            os.fsync(handle.fileno())


@attrs.frozen
class _Batch:
    """One batch of the manifest being resumed: its rows and its end mark."""

    rows: list[dict[str, Any]]
    end: int
    """Where the end mark's line ends in the manifest."""
    jsonl: tuple[int, str] | None
    """The JSON Lines size after the batch, and the CRC-32 of what the batch appended."""
    errors: tuple[int, str] | None
    """The same for ``errors.jsonl``."""
    losses: tuple[int, str] | None
    """The same for ``losses.jsonl``."""


def end_mark(
    rows: bytes,
    jsonl: tuple[int, str] | None,
    errors: tuple[int, str] | None,
    losses: tuple[int, str] | None = None,
) -> bytes:
    """A batch's end mark after its ``rows``: the sizes and CRC-32s of what the batch added to
    the JSON Lines, errors and losses files, and a CRC-32 of the rows and of the mark itself."""
    fields: dict[str, Any] = {"batch_end": True, "jsonl_bytes": None, "jsonl_crc": None}
    if jsonl is not None:
        fields["jsonl_bytes"], fields["jsonl_crc"] = jsonl
    fields["errors_bytes"], fields["errors_crc"] = errors if errors is not None else (None, None)
    fields["losses_bytes"], fields["losses_crc"] = losses if losses is not None else (None, None)
    fields["crc"] = _crc(json.dumps(fields).encode(), zlib.crc32(rows))
    return record_line(fields).encode()


def _checked_mark(row: dict[str, Any], rows: bytes) -> bool:
    """Whether an end mark read back is the one :func:`end_mark` wrote after ``rows``."""
    fields = dict(row)
    crc = fields.pop("crc", None)
    return bool(crc == _crc(json.dumps(fields).encode(), zlib.crc32(rows)))


def _pair(row: dict[str, Any], name: str) -> tuple[int, str] | None:
    size, crc = row.get(f"{name}_bytes"), row.get(f"{name}_crc")
    return None if size is None else (int(size), str(crc))


@attrs.frozen
class _Manifest:
    """A manifest read back: the settings row, where it ends, the complete batches, and what
    was wrong with the rest (None for nothing, or a row cut short by a kill, which is normal)."""

    head: dict[str, Any] | None
    head_end: int
    batches: list[_Batch]
    damage: str | None


def parse_manifest(data: bytes) -> _Manifest:
    """A manifest's bytes read back (see :class:`_Manifest`).

    Lines are split at ``\\n`` only; the reading stops at the first line that is not
    whole, not JSON or whose batch fails its CRC: that batch and every later one are redone.
    """
    lines = data.split(b"\n")
    lines.pop()  # after the last "\n": empty, or a row a kill cut short
    if not lines:
        return _Manifest(None, 0, [], None)
    try:
        head = json.loads(lines[0])
    except ValueError:
        return _Manifest(None, 0, [], "its settings row is unreadable")
    if not isinstance(head, dict):
        return _Manifest(None, 0, [], "its settings row is not a row")
    position = len(lines[0]) + 1
    head_end = position
    batches: list[_Batch] = []
    rows: list[dict[str, Any]] = []
    start = position
    for number, line in enumerate(lines[1:], start=2):
        try:
            row = json.loads(line)
        except ValueError:
            return _Manifest(head, head_end, batches, f"line {number} is unreadable")
        position += len(line) + 1
        if not isinstance(row, dict):
            return _Manifest(head, head_end, batches, f"line {number} is not a row")
        if not row.get("batch_end"):
            if not isinstance(row.get("input"), str):
                return _Manifest(head, head_end, batches, f"line {number} is not a story's row")
            rows.append(row)
            continue
        checked = _checked_mark(row, data[start : position - len(line) - 1])
        try:
            jsonl, errors, losses = _pair(row, "jsonl"), _pair(row, "errors"), _pair(row, "losses")
        except (TypeError, ValueError):
            checked = False
        if not checked:
            return _Manifest(head, head_end, batches, f"the batch ending on line {number} fails its checksum")
        batches.append(_Batch(rows, position, jsonl, errors, losses))
        rows, start = [], position
    return _Manifest(head, head_end, batches, None)


def _first_mismatch(path: Path | None, marks: list[tuple[int, str] | None]) -> tuple[int, str | None]:
    """How many of the batches' marks the file at ``path`` bears out (each batch's bytes there,
    with its CRC-32), and why the next one does not."""
    size = 0 if path is None or not path.exists() else path.stat().st_size
    handle = None if path is None or not path.exists() else open(path, "rb")  # noqa: SIM115 - closed below
    try:
        done = 0
        for mark in marks:
            if mark is None:
                done += 1
                continue
            end, crc = mark
            if end > size:
                return done, f"{path} is shorter than its manifest records ({size:,} of {end:,} bytes)"
            assert handle is not None or end == 0
            chunk = b"" if handle is None else handle.read(end - handle.tell())
            if _crc(chunk) != crc:
                return done, f"{path} does not match its manifest's checksum (bytes to {end:,})"
            done += 1
        return done, None
    finally:
        if handle is not None:
            handle.close()


class Sink:
    """Where outcomes go: JSON Lines, errors, the manifest; all appended in batches."""

    def __init__(
        self,
        out: Path | None,
        jsonl_path: Path | None,
        stdout: IO[str] | None,
        *,
        resume: bool,
        settings: dict[str, Any],
    ) -> None:
        self.settings = settings
        self.out = out
        self.jsonl_final = jsonl_path
        self.stdout = stdout
        self.index_rows: list[dict[str, Any]] = []
        """Index rows (meta and outputs) of the stories written, this run's and a resumed run's."""
        self.done: set[str] = set()
        """The units an earlier run finished, by :func:`names.identity` (the resolved path)."""
        self.names: dict[str, str] = {}
        """The name an earlier run gave each unit it finished (by :func:`names.identity`)."""
        self.earlier = Earlier()
        """What the run being resumed did (stories written, failed, format failures, losses...)."""
        self.recovered: list[str] = []
        """What resuming found wrong and redid (also said on stderr)."""
        self.manifest_path, self.errors_path, self.losses_path = _side_paths(out, jsonl_path)
        self.jsonl_partial = (
            None if jsonl_path is None else jsonl_path.with_name(jsonl_path.name + ".partial")
        )
        self.jsonl: io.FileIO | None = None
        self.errors: io.FileIO | None = None
        self.losses: io.FileIO | None = None
        self.manifest: io.FileIO | None = None
        if self.manifest_path is None:
            self.jsonl = self._open_data(self.jsonl_partial, None)
            return
        if resume and self.manifest_path.exists():
            self._resume()
        else:
            self._start()
        if out is not None:  # what a killed run into the same place left
            remove_strays(out, recursive=True)
        else:
            remove_strays(self.manifest_path.parent, recursive=False)

    def _open_data(self, path: Path | None, size: int | None) -> io.FileIO | None:
        """A data file to append to: new (``size`` None), or cut back to ``size``."""
        if path is None:
            return None
        if size is None or not path.exists():
            handle = open(path, "wb", buffering=0)  # noqa: SIM115 - closed by close()
        else:
            handle = open(path, "r+b", buffering=0)  # noqa: SIM115 - closed by close()
            handle.truncate(size)  # never longer: the sizes are checked against the file first
            handle.seek(size)
        return handle

    def _start(self) -> None:
        """A fresh run: a new manifest (its settings row durable), empty data files."""
        assert self.manifest_path is not None
        self.manifest_path.unlink(missing_ok=True)
        self.jsonl = self._open_data(self.jsonl_partial, None)
        self.errors = self._open_data(self.errors_path, None)
        self.losses = self._open_data(self.losses_path, None)
        self.manifest = open(self.manifest_path, "wb", buffering=0)  # noqa: SIM115 - closed by close()
        _write_all(self.manifest, record_line({"settings": self.settings, "manifest": _VERSION}).encode())
        _fsync(self.manifest)
        sync_folder(self.manifest_path.parent)

    def _resume(self) -> None:
        """Take in what the run being resumed finished, as far as its files bear it out; cut
        the manifest and the data files back to the last batch that checks.

        Raises:
            UsageError: the run being resumed had other settings, or an older manifest.
        """
        manifest, partial, final = self.manifest_path, self.jsonl_partial, self.jsonl_final
        assert manifest is not None
        if partial is not None and final is not None and final.exists() and not partial.exists():
            os.replace(final, partial)  # a finished run: go on from its file
        found = parse_manifest(manifest.read_bytes())
        if found.head is None:
            if found.damage:
                self._say(f"{manifest}: {found.damage}; starting over")
            self._start()
            return
        self._check_settings(found.head)
        if found.damage:
            self._say(f"{manifest}: {found.damage}")
        batches = found.batches
        kept = self._borne_out(batches)
        if kept < len(batches):
            stories = sum(len(batch.rows) for batch in batches[kept:])
            self._say(f"{stories:,} stories of the {len(batches) - kept:,} batches after that are redone")
        self._take_in(batches[:kept])
        cut = batches[kept - 1] if kept else None
        with open(manifest, "r+b") as handle:
            handle.truncate(cut.end if cut else found.head_end)  # a row cut short goes too
        self.jsonl = self._open_data(partial, cut.jsonl[0] if cut and cut.jsonl else 0)
        self.errors = self._open_data(self.errors_path, cut.errors[0] if cut and cut.errors else 0)
        self.losses = self._open_data(self.losses_path, cut.losses[0] if cut and cut.losses else 0)
        self.manifest = open(manifest, "ab", buffering=0)  # noqa: SIM115 - closed by close()

    def _borne_out(self, batches: list[_Batch]) -> int:
        """How many batches, from the first, the JSON Lines and errors files bear out."""
        kept = len(batches)
        for path, marks in (
            (self.jsonl_partial, [b.jsonl for b in batches]),
            (self.errors_path, [b.errors for b in batches]),
            (self.losses_path, [b.losses for b in batches]),
        ):
            done, why = _first_mismatch(path, marks[:kept])
            if why is not None:
                self._say(why)
            kept = min(kept, done)
        return kept

    def _say(self, message: str) -> None:
        self.recovered.append(message)
        sys.stderr.write(f"newsitem: resume: {message}\n")

    def _check_settings(self, head: dict[str, Any]) -> None:
        if head.get("manifest") != _VERSION:
            raise UsageError(
                "--resume: the manifest was written by another version of newsitem; give a new -o"
            )
        earlier = head.get("settings")
        if earlier != self.settings:
            raise UsageError(
                f"--resume with other options than the run it continues ({as_flags(earlier)}):"
                " use the same --to, --from, --tz, --encoding, --strict and --mint-guid, or a new -o"
            )

    def _take_in(self, batches: list[_Batch]) -> None:
        """The finished stories of the run being resumed."""
        for batch in batches:
            for row in batch.rows:
                unit = row.get("unit")  # a story of a container: its unit (its stories share a batch)
                key = row.get("key")  # the unit's names.identity: the same however a resume spells it
                if not isinstance(key, str):
                    key = unit if isinstance(unit, str) else str(row["input"])
                self.done.add(key)
                relative = row.get("relative")
                if isinstance(relative, str):
                    self.names[key] = names.container_name(relative, story=isinstance(unit, str))
                self.earlier.count(row)
                if row.get("ok") and row.get("meta") is not None:
                    self.index_rows.append({**row["meta"], "outputs": row.get("outputs", [])})

    @property
    def failed_before(self) -> int:
        """Stories the run being resumed failed."""
        return self.earlier.failed

    def take(self, outcomes: Sequence[Outcome]) -> None:
        """Append a batch of outcomes: JSON Lines, error records and index rows; make them
        durable (fsync); then the batch's rows and end mark in the manifest (fsync'ed too).

        Raises:
            OSError: a write failed (errno intact, ENOSPC for a full disk): the batch has no
                end mark, so a resumed run redoes it.
        """
        lines = "".join(o.line + "\n" for o in outcomes if o.line is not None).encode("utf-8")
        # input order whatever the batches: each story's own record, then its formats'
        errors = "".join(
            record_line(e) for o in outcomes for e in (o.error, *o.format_errors) if e is not None
        ).encode("utf-8")
        jsonl = self._append(self.jsonl, lines)
        if self.jsonl is None and lines and self.stdout is not None:
            self.stdout.write(lines.decode("utf-8"))
            self.stdout.flush()
        error_mark = self._append(self.errors, errors)
        if self.errors is None and errors:
            sys.stderr.write(errors.decode("utf-8"))
        losses = "".join(record_line(loss) for o in outcomes for loss in o.losses).encode("utf-8")
        loss_mark = self._append(self.losses, losses)
        for outcome in outcomes:
            if outcome.meta is not None and outcome.outputs:
                self.index_rows.append({**outcome.meta, "outputs": list(outcome.outputs)})
        if self.manifest is None:
            return
        self._sync_batch(outcomes)
        rows = "".join(record_line(_row(outcome)) for outcome in outcomes).encode()
        _write_all(self.manifest, rows + end_mark(rows, jsonl, error_mark, loss_mark))
        _fsync(self.manifest)

    @staticmethod
    def _append(handle: io.FileIO | None, data: bytes) -> tuple[int, str] | None:
        """Append ``data``; return the file's size after it and the CRC-32 of ``data``."""
        if handle is None:
            return None
        _write_all(handle, data)
        return handle.tell(), _crc(data)

    def _sync_batch(self, outcomes: Sequence[Outcome]) -> None:
        """Make what a batch wrote durable before its end mark: the JSON Lines and errors
        files, and the per-story files the workers wrote without a sync (one ``sync()`` for
        them all where the system has it, else each file and its folder)."""
        outputs = [name for outcome in outcomes for name in outcome.outputs]
        if outputs and hasattr(os, "sync"):
            os.sync()
            return
        _fsync(self.jsonl)
        _fsync(self.errors)
        _fsync(self.losses)
        if self.out is None:
            return
        for folder in {(self.out / name).parent for name in outputs}:
            sync_folder(folder)
        for name in outputs:
            descriptor = os.open(self.out / name, os.O_RDWR if os.name == "nt" else os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)

    def close(self, *, finished: bool) -> None:
        """Close the files; a finished run's JSON Lines file takes its final name (durably)."""
        for handle in (self.jsonl, self.manifest, self.errors, self.losses):
            if handle is not None:
                handle.close()
        if finished and self.jsonl_partial is not None and self.jsonl_final is not None:
            os.replace(self.jsonl_partial, self.jsonl_final)
            sync_folder(self.jsonl_final.parent)


def _row(outcome: Outcome) -> dict[str, Any]:
    """A story's manifest row: its input, whether it was written, its outputs and index row,
    the formats that failed it or left fields out, the guid minted for it."""
    row: dict[str, Any] = {"input": outcome.locator, "ok": outcome.error is None}
    if outcome.relative:
        row["relative"] = outcome.relative  # its name: a resumed run keeps it, and no other unit takes it
    if outcome.unit is not None:
        row["unit"] = outcome.unit
    row["key"] = names.identity(outcome.unit if outcome.unit is not None else outcome.locator)
    if outcome.error is None:
        row["outputs"] = list(outcome.outputs)
        row["meta"] = outcome.meta
    failed = [e["format"] for e in (outcome.error, *outcome.format_errors) if e and e.get("format")]
    if failed:
        row["failed_formats"] = failed
    if outcome.losses:
        row["lost"] = {loss["format"]: loss["lost"] for loss in outcome.losses}
    if outcome.minted is not None:
        row["minted"] = outcome.minted
    return row


@attrs.define
class Earlier:
    """What the rows of a run being resumed count: stories written and failed, failed (story,
    format) pairs, formats that left fields out, guids minted."""

    written: int = 0
    failed: int = 0
    format_failures: int = 0
    losses: int = 0
    minted: int = 0

    def count(self, row: dict[str, Any]) -> None:
        """Count one story's row."""
        if row.get("ok"):
            self.written += 1
        else:
            self.failed += 1
        self.format_failures += len(row.get("failed_formats") or ()) if row.get("ok") else 0
        self.losses += len(row.get("lost") or ())
        self.minted += 1 if row.get("minted") else 0
