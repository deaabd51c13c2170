"""Where a batch's outcomes go: files written atomically, JSON Lines, ``errors.jsonl``,
and the manifest that lets ``--resume`` skip what an earlier run finished.

The manifest (``OUT/.newsitem-manifest.jsonl``) starts with the run's settings, then
has a row per finished story and an end mark per batch with the JSON Lines size at
that point; only rows followed by an end mark count as done, so a batch a crash cut
short is redone and its half-written lines are truncated.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from newsitem import formats
from newsitem.errors import UsageError

if TYPE_CHECKING:
    from newsitem.batch.steps import Options, Outcome

__all__ = [
    "ERRORS",
    "MANIFEST",
    "NAME_MAX",
    "STORIES",
    "Sink",
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
ERRORS = "errors.jsonl"
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
    if pid == os.getpid():
        return False  # this run has written nothing yet: an earlier process's, the pid reused
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
    return {"to": list(options.to), "from": options.layout, "tz": options.tz, "lossy": options.lossy}


def targets(options: Options, out: str | None, resume: bool) -> tuple[Path | None, Path | None]:
    """The output directory and the JSON Lines file, checked and created.

    Raises:
        UsageError: the request cannot be carried out (no output for per-story files...).
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
        jsonl_path.parent.mkdir(parents=True, exist_ok=True)
        return None, jsonl_path
    if out is not None:
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        return out_dir, out_dir / STORIES if _JSONL in options.to else None
    if options.files:
        raise UsageError("per-story files need an output directory: -o DIR (only --to jsonl goes to stdout)")
    return None, None


def _side_paths(out: Path | None, jsonl_path: Path | None) -> tuple[Path | None, Path | None]:
    """The manifest and ``errors.jsonl`` of a run: in ``out``, else beside the JSON Lines file."""
    if out is not None:
        return out / MANIFEST, out / ERRORS
    if jsonl_path is None:
        return None, None
    errors = jsonl_path.with_name(jsonl_path.name.removesuffix(".jsonl") + ".errors.jsonl")
    return jsonl_path.with_name(f"{jsonl_path.name}.{MANIFEST}"), errors


def _text_lines(path: Path) -> list[str]:
    """The lines of a file we wrote, split at "\\n" only (never at U+2028, U+2029 or U+0085)."""
    return [line.decode("utf-8") for line in path.read_bytes().split(b"\n") if line]


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
        self.jsonl_final = jsonl_path
        self.stdout = stdout
        self.index_rows: list[dict[str, Any]] = []
        """Index rows (meta and outputs) of the stories written, this run's and a resumed run's."""
        self.done: set[str] = set()
        """Locators an earlier run finished."""
        self.failed_before = 0
        self.manifest_path, self.errors_path = _side_paths(out, jsonl_path)
        self.jsonl_partial = (
            None if jsonl_path is None else jsonl_path.with_name(jsonl_path.name + ".partial")
        )
        resuming = resume and self.manifest_path is not None and self.manifest_path.exists()
        jsonl_size = self._load_manifest() if resuming else 0
        if not resuming and self.manifest_path is not None:
            self.manifest_path.unlink(missing_ok=True)
            if self.errors_path is not None:
                self.errors_path.unlink(missing_ok=True)
        self.jsonl = self._open_jsonl(resume, jsonl_size)
        self.manifest = self._open_manifest()
        self.errors = None if self.errors_path is None else open(self.errors_path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()

    def _open_jsonl(self, resume: bool, size: int) -> IO[bytes] | None:
        """The JSON Lines file being grown, cut back to ``size`` when resuming."""
        partial, final = self.jsonl_partial, self.jsonl_final
        if partial is None or final is None:
            return None
        if resume and final.exists() and not partial.exists():
            os.replace(final, partial)  # a finished run: go on from its file
        if not (resume and partial.exists()):
            return open(partial, "wb")
        handle = open(partial, "r+b")  # noqa: SIM115 - closed by close()
        handle.truncate(size)
        handle.seek(size)
        return handle

    def _open_manifest(self) -> IO[str] | None:
        if self.manifest_path is None:
            return None
        fresh = not self.manifest_path.exists()
        handle = open(self.manifest_path, "a", encoding="utf-8")  # noqa: SIM115 - closed by close()
        if fresh:
            handle.write(json.dumps({"settings": self.settings}) + "\n")
        return handle

    def _load_manifest(self) -> int:
        """Take in what the run being resumed finished; return its JSON Lines size.

        Raises:
            UsageError: the run being resumed had other settings.
        """
        size = 0
        failed: set[str] = set()
        batch: list[dict[str, Any]] = []
        assert self.manifest_path is not None
        for line in _text_lines(self.manifest_path):
            try:
                row = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash: its batch has no end mark and is redone
            if row.get("batch_end"):
                size = row["jsonl_bytes"] or 0
                for done in batch:
                    self._commit(done, failed)
                batch = []
            elif "settings" in row:
                self._check_settings(row["settings"])
            else:
                batch.append(row)
        self.failed_before = len(failed)
        self._keep_errors(failed)
        return size

    def _check_settings(self, earlier: dict[str, Any]) -> None:
        if earlier != self.settings:
            raise UsageError(
                f"--resume with other options than the run it continues ({earlier}):"
                " use the same --to, --from, --tz and --lossy, or a new -o"
            )

    def _keep_errors(self, failed: set[str]) -> None:
        """Keep the error records of the stories that stay failed (one each); the rest are redone."""
        if self.errors_path is None or not self.errors_path.exists():
            return
        kept, seen = [], set()
        for line in _text_lines(self.errors_path):
            with contextlib.suppress(ValueError, KeyError):
                record = json.loads(line)
                if record["input"] in failed and record["input"] not in seen:
                    kept.append(line)
                    seen.add(record["input"])
        write_atomic(self.errors_path, "".join(k + "\n" for k in kept).encode("utf-8"))

    def _commit(self, row: dict[str, Any], failed: set[str]) -> None:
        """A finished story of the run being resumed."""
        self.done.add(row["input"])
        if not row.get("ok"):
            failed.add(row["input"])
        elif row.get("meta") is not None:
            self.index_rows.append({**row["meta"], "outputs": row.get("outputs", [])})

    def take(self, outcomes: Sequence[Outcome]) -> None:
        """Append a batch of outcomes: JSON Lines, error records, index rows, then the manifest."""
        self._write_lines([o.line for o in outcomes if o.line is not None])
        self._write_errors([o.error for o in outcomes if o.error is not None])
        for outcome in outcomes:
            if outcome.meta is not None and outcome.outputs:
                self.index_rows.append({**outcome.meta, "outputs": list(outcome.outputs)})
        self._write_manifest(outcomes)

    def _write_lines(self, lines: list[str]) -> None:
        if not lines:
            return
        payload = "".join(line + "\n" for line in lines)
        if self.jsonl is not None:
            self.jsonl.write(payload.encode("utf-8"))
            self.jsonl.flush()
        elif self.stdout is not None:
            self.stdout.write(payload)
            self.stdout.flush()

    def _write_errors(self, errors: list[dict[str, Any]]) -> None:
        if not errors:
            return
        text = "".join(json.dumps(e) + "\n" for e in errors)
        if self.errors is not None:
            self.errors.write(text)
            self.errors.flush()
        else:
            sys.stderr.write(text)

    def _write_manifest(self, outcomes: Sequence[Outcome]) -> None:
        if self.manifest is None:
            return
        rows = []
        for outcome in outcomes:
            row: dict[str, Any] = {"input": outcome.locator, "ok": outcome.error is None}
            if outcome.error is None:
                row["outputs"] = list(outcome.outputs)
                row["meta"] = outcome.meta
            rows.append(json.dumps(row))
        # The batch's end mark: only rows followed by one count as done when resuming.
        size = None if self.jsonl is None else self.jsonl.tell()
        rows.append(json.dumps({"batch_end": True, "jsonl_bytes": size}))
        self.manifest.write("".join(r + "\n" for r in rows))
        self.manifest.flush()

    def close(self, *, finished: bool) -> None:
        """Close the files; a finished run's JSON Lines file takes its final name."""
        for handle in (self.jsonl, self.manifest, self.errors):
            if handle is not None:
                handle.close()
        if finished and self.jsonl_partial is not None and self.jsonl_final is not None:
            os.replace(self.jsonl_partial, self.jsonl_final)
