"""Where stories come from in a batch: files, directories, globs, tar and zip
archives, mbox files and stdin, each story with a locator that names it.

:func:`units` lists the work first (cheap: names, not contents), so a run knows
its size and can resume; :meth:`Reader.read` fetches one unit's bytes. Locators are
``path`` for a file, ``archive.tar!member`` for an archive member,
``box.mbox#3`` for the third message of an mbox file, ``crawl.warc.gz#1234`` for the
HTML page whose WARC record starts at byte 1234 of a web archive, and ``<stdin>`` (or
the name given for it) for standard input.

What is read, and how much of it:

* Only regular files. A FIFO, device or socket (in a folder or named) is a unit that
  fails with a reason (``not a regular file: FIFO``) and is never opened; files are
  opened non-blocking and checked again, so a file swapped for a FIFO cannot block.
* Never more than the reader's ``max_size`` (+1) bytes of one unit: files, stdin,
  zip members (decompressed through a counting reader whatever size the header
  claims), tar members and mbox messages are read with that cap.
* Tar archives are walked by this module's own header reader (not :mod:`tarfile`):
  every header is checked (checksum, octal or base-256 numbers, no negative sizes,
  pax and GNU long-name headers of at most 1 MiB with well-formed records, at most
  1,000,000 headers), so listing is linear in the archive's size on any Python
  (CPython's CVE-2024-6232 and CVE-2025-8194 inputs are refused at once). Members are
  read forward in archive order, a compressed archive decompressed once for listing
  and once for reading. A hard link (GNU tar's second copy of a file) reads the data
  of the file it links to; symbolic links, devices, FIFOs, sparse files and unknown
  member types are units that fail with a reason; directories are not stories.
* Zip members are listed by position, so two members of the same name are both read;
  directories are not stories, symbolic links and special files fail with a reason,
  and only stored and deflated members are decompressed.
* mbox files are scanned for ``From`` lines without :mod:`mailbox` (which loads whole
  messages); each message is read as one capped slice.
* Web archives (``.warc``, ``.warc.gz``) are walked record by record (warcio, the extra
  ``web``): each HTML ``response`` record is a unit, its bytes (its gzip member in a
  ``.warc.gz``) read as one capped slice and given to the ``warc`` format; the other
  records are counted by kind in the ``skipped`` counter :func:`units` is given; a file
  damaged or cut short is listed up to the damage, then one broken unit at its offset.
* Names are ``str`` as :func:`os.fsdecode` gives them (undecodable bytes surrogate-escaped,
  so they reach the disk as the same bytes); the sink fits long output names.
"""

from __future__ import annotations

import bz2
import copy
import glob
import gzip
import itertools
import lzma
import os
import stat
import time
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO

import attrs

from newsitem.errors import UsageError

__all__ = ["DEFAULT_MAX_SIZE", "InputNotFoundError", "Reader", "Unit", "UnreadableInputError", "units"]

_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_MBOX_SUFFIXES = (".mbox", ".mbx")
_WARC_SUFFIXES = (".warc", ".warc.gz")
STDIN = "-"
DEFAULT_MAX_SIZE = 50 * 1024 * 1024
"""The largest unit read when the caller names no limit (bytes)."""

_CHUNK = 1 << 20
_BLOCK = 512
_MAX_EXTENDED = 1 << 20
_MAX_HEADERS = 1_000_000
_MAX_EXTENDED_RUN = 64
_READ_ERRORS = (OSError, EOFError, ValueError, RuntimeError, NotImplementedError, LookupError, zlib.error)
_ZIP_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class InputNotFoundError(LookupError):
    """An input path or glob names nothing (a usage error: exit 2)."""


class UnreadableInputError(OSError):
    """A unit's bytes cannot be read (a broken archive, a vanished file, over the size limit)."""


class _ArchiveError(ValueError):
    """An archive's structure is refused (a bad or hostile header)."""


@attrs.frozen
class Unit:
    """One story to read: where it is, and the name its outputs mirror."""

    locator: str
    """Names the story in reports and manifests (``a/b.txt``, ``x.tar!m.txt``, ``box.mbox#3``)."""
    relative: str
    """The path its outputs take under the output directory (POSIX separators)."""
    kind: str = "file"
    """``file``, ``tar``, ``zip``, ``mbox``, ``warc``, ``stdin``, or ``broken`` (fails, ``member``
    saying why)."""
    container: str | None = None
    """The archive or mbox path for members."""
    member: str | None = None
    """The member name (tar, zip), message key (mbox), target URI (warc), or why a broken unit
    cannot be read."""
    size: int | None = None
    """The size in bytes where known without reading."""
    offset: int | None = None
    """Where a tar member's bytes start in the (decompressed) archive; where an mbox message's
    ``From`` line starts; where a WARC record (its gzip member) starts."""
    index: int | None = None
    """The zip member's position in the archive's directory."""
    end: int | None = None
    """Where an mbox message (a WARC record) ends."""


def _broken(locator: str, relative: str, reason: str) -> Unit:
    return Unit(locator=locator, relative=relative, kind="broken", member=reason)


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(_TAR_SUFFIXES):
        return "tar"
    if name.endswith(".zip"):
        return "zip"
    if name.endswith(_MBOX_SUFFIXES):
        return "mbox"
    if name.endswith(_WARC_SUFFIXES):
        return "warc"
    return "file"


def _file_type(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, name in (
        (stat.S_ISFIFO, "FIFO"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISDIR, "directory"),
        (stat.S_ISLNK, "symbolic link"),
    ):
        if test(mode):
            return name
    return "special file"


def _open_regular(path: str) -> IO[bytes]:
    """``path`` opened for reading without blocking (a FIFO swapped in cannot hang us).

    Raises:
        UnreadableInputError: it is not a regular file.
        OSError: it cannot be opened.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableInputError(f"not a regular file: {_file_type(mode)}")
        return os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


class _OverLimitError(Exception):
    pass


def _read_capped(stream: IO[bytes], limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream``, read in chunks.

    Raises:
        _OverLimitError: the stream holds more.
    """
    parts = []
    total = 0
    while total <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
    if total > limit:
        raise _OverLimitError
    return b"".join(parts)


_MANIFEST = ".newsitem-manifest.jsonl"
"""The manifest ``newsitem convert`` keeps in its output folder (``batch.sink.MANIFEST``)."""
_RUN_FILES = frozenset(
    {"errors.jsonl", "losses.jsonl", "stories.jsonl", "stories.jsonl.partial", "index.html", "index"}
)
"""What a run writes at the top of its output folder beside the stories (``steps.RESERVED``)."""


@attrs.define
class _Walk:
    """What the listing leaves out: the output folder, folders an earlier run wrote (they hold
    its manifest), and a second naming of an input already listed; what it left out, for one
    line on stderr."""

    exclude: frozenset[str] = frozenset()
    """Resolved folders never listed (the run's output folder)."""
    outputs: list[str] = attrs.Factory(list)
    """Folders left out: this run's output, or an earlier run's."""
    seen: set[str] = attrs.Factory(set)
    """Resolved paths of the files listed so far."""
    twice: list[str] = attrs.Factory(list)
    """Files named again (by overlapping arguments or globs), read once."""
    manifests: dict[Path, bool] = attrs.Factory(dict)
    """Whether each folder looked at holds a run's manifest."""

    def folder(self, root: str, names: list[str], top: bool) -> bool:
        """Whether the folder ``root`` (holding ``names``) is listed: not the output folder, nor
        (below the argument) a folder holding a run's manifest."""
        if os.path.realpath(root) in self.exclude or (not top and _MANIFEST in names):
            self.outputs.append(root)
            return False
        return True

    def first(self, path: Path) -> bool:
        """Whether ``path`` is named for the first time (an input named twice is one input)."""
        key = os.path.realpath(path)
        if key in self.seen:
            self.twice.append(str(path))
            return False
        self.seen.add(key)
        return True

    def inside_output(self, path: Path, base: Path) -> bool:
        """Whether a file a pattern matched is in the output folder or in a folder holding a
        run's manifest below ``base`` (the pattern's folder before its first wildcard: a
        converted folder named there is read, as when named as an argument)."""
        real = os.path.realpath(path)
        for excluded in self.exclude:
            if real.startswith(os.path.join(excluded, "")):
                self.outputs.append(excluded)
                return True
        for folder in itertools.takewhile(lambda above: above != base, Path(real).parents):
            held = self.manifests.get(folder)
            if held is None:
                held = self.manifests[folder] = (folder / _MANIFEST).exists()
            if held:
                self.outputs.append(str(folder))
                return True
        return False


def _expand(argument: str, walk: _Walk | None = None) -> list[tuple[Path, str]]:
    """(file, the relative name its outputs take) for one argument: a directory's files
    keep the directory's own name in front, so two inputs do not overwrite each other.
    Non-regular files are kept: they become units that fail with a reason. ``walk`` leaves
    out output folders (see :class:`_Walk`)."""
    walk = walk or _Walk()
    if any(char in argument for char in "*?["):
        found = sorted(Path(p) for p in glob.glob(argument, recursive=True))
        files = [p for p in found if not p.is_dir()]
        if not files:
            raise InputNotFoundError(f"{argument}: the pattern matches no file")
        literal = itertools.takewhile(
            lambda part: not any(char in part for char in "*?["), Path(argument).parts
        )
        base = Path(os.path.realpath(Path(*literal)))
        return [
            (p, p.as_posix().lstrip("/").replace("../", "")) for p in files if not walk.inside_output(p, base)
        ]
    path = Path(argument)
    if path.is_dir():
        label = path.resolve().name or "root"
        files = []
        for root, dirs, names in os.walk(path):
            top = root == str(path)
            if not walk.folder(root, [*dirs, *names], top):
                dirs[:] = []
                continue
            run_files = _RUN_FILES if top and _MANIFEST in names else frozenset()  # a converted folder named
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in run_files)
            files.extend(
                Path(root) / n for n in sorted(names) if not n.startswith(".") and n not in run_files
            )
        return [(p, f"{label}/{p.relative_to(path).as_posix()}") for p in files]
    if path.exists():
        return [(path, path.name)]
    raise InputNotFoundError(f"{argument}: no such file or directory")


def _inside_output(arguments: Sequence[str], exclude: frozenset[str]) -> None:
    """Refuse an input folder inside the output folder: its outputs would be written among
    its inputs (``-o .`` over ``incoming``), and a resumed run would read them as input.

    Raises:
        UsageError: a folder argument is below an excluded (output) folder.
    """
    for argument in arguments:
        if argument == STDIN or not os.path.isdir(argument):
            continue
        real = os.path.realpath(argument)
        for excluded in exclude:
            if real.startswith(os.path.join(excluded, "")):
                raise UsageError(f"-o {excluded} holds the input {argument}: give an -o outside the inputs")


def units(
    arguments: Sequence[str],
    *,
    stdin_name: str = "<stdin>",
    timeout: float = 30.0,
    skipped: Counter[str] | None = None,
    exclude: Sequence[str | Path] = (),
    note: Callable[[str], None] | None = None,
) -> Iterator[Unit]:
    """Every story the arguments name, in a stable order.

    A file named more than once (by overlapping arguments or globs: ``2024 2024/03``) is
    listed once, where it is first named. Folders ``exclude`` names (a run's output folder)
    are not listed, nor folders below an argument that hold a run's manifest (an earlier
    run's output); in a folder named as an argument that holds one, the files a run writes
    beside its stories (``errors.jsonl``, ``index.html``, ``index/``...) are not. ``note``
    (when given) is told once of each of these, in a sentence.

    ``skipped`` (when given) counts the records of web archives that are no page, by kind
    (``request``, ``warcinfo``, ``non-HTML response``...).

    Listing a tar archive may take ``timeout`` seconds per member (reading its header and
    going past its data: a compressed archive is decompressed to list it); an archive one
    of whose members takes longer is listed up to there and then one broken unit (0: no limit).

    Raises:
        InputNotFoundError: an argument names nothing.
    """
    walk = _Walk(exclude=frozenset(os.path.realpath(folder) for folder in exclude))
    _inside_output(arguments, walk.exclude)
    first_stdin = arguments.index(STDIN) if STDIN in arguments else -1
    expanded = [
        (None if at == first_stdin else []) if argument == STDIN else _expand(argument, walk)
        for at, argument in enumerate(arguments)
    ]
    if arguments.count(STDIN) > 1:  # stdin is read once: a second read would be empty
        walk.twice.append(STDIN)
    if walk.outputs and note is not None:
        folders = sorted(set(walk.outputs))
        others = f" and {len(folders) - 1:,} more" if len(folders) > 1 else ""
        note(
            f"left out {folders[0]}{others}: a run's output folder (it holds {_MANIFEST}, or is -o), no input"
        )
    once = [
        None if files is None else [(path, relative) for path, relative in files if walk.first(path)]
        for files in expanded
    ]
    if walk.twice and note is not None:
        others = f" and {len(walk.twice) - 1:,} more" if len(walk.twice) > 1 else ""
        note(f"{walk.twice[0]}{others} named more than once: read once, where first named")
    for files in once:
        if files is None:
            name = PurePosixPath(stdin_name.strip("<>") or "stdin").name or "stdin"
            yield Unit(locator=stdin_name, relative=name, kind="stdin")
            continue
        for path, relative in files:
            yield from _file_units(path, relative, timeout, skipped)


def _file_units(
    path: Path, relative: str, timeout: float, skipped: Counter[str] | None = None
) -> Iterator[Unit]:
    """The units of one file: itself, or an archive's members; a file that is not a
    regular one (never opened) or cannot be listed is one broken unit."""
    try:
        found = os.stat(path)
    except OSError as exc:
        yield _broken(str(path), relative, f"cannot be read: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(found.st_mode):
        yield _broken(str(path), relative, f"not a regular file: {_file_type(found.st_mode)}")
        return
    kind = _kind(path)
    if kind == "tar":
        yield from _tar_units(path, relative, timeout)
    elif kind == "zip":
        yield from _zip_units(path, relative)
    elif kind == "mbox":
        yield from _mbox_units(path, relative)
    elif kind == "warc":
        yield from _warc_units(path, relative, Counter() if skipped is None else skipped)
    else:
        yield Unit(locator=str(path), relative=relative, size=found.st_size)


class _Names:
    """Locators and relative names of one archive's members, kept apart: a second
    member of the same name gets ``~2`` (``x.zip!a.txt~2``, ``x.zip/a.txt~2``)."""

    def __init__(self, path: Path, relative: str) -> None:
        self.path = path
        self.relative = relative
        self.locators: set[str] = set()
        self.relatives: set[str] = set()

    def __call__(self, name: str) -> tuple[str, str]:
        locator = f"{self.path}!{name}"
        relative = f"{self.relative}/{_safe(name)}"
        base_locator, base_relative, number = locator, relative, 1
        while locator in self.locators or relative in self.relatives:
            number += 1
            locator = f"{base_locator}~{number}"
            relative = f"{base_relative}~{number}"
        self.locators.add(locator)
        self.relatives.add(relative)
        return locator, relative


def _safe(name: str) -> str:
    """An archive member name as a relative path that cannot leave the output directory."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    return "/".join(parts) or "member"


# -- tar ---------------------------------------------------------------------------


class _Stream:
    """A forward-only view of a (decompressed) archive that knows its position."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        head = raw.peek(6)[:6] if hasattr(raw, "peek") else b""
        self.stream: IO[bytes] = raw
        if head.startswith(b"\x1f\x8b"):
            self.stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]  # a binary file
        elif head.startswith(b"BZh"):
            self.stream = bz2.BZ2File(raw)
        elif head.startswith(b"\xfd7zXZ\x00"):
            self.stream = lzma.LZMAFile(raw)  # noqa: SIM115 - closed by close()
        self.seekable = self.stream is raw
        self.pos = 0
        self.budget = 0.0
        """Seconds the current member may take to list (0: no limit)."""
        self.deadline = 0.0

    def close(self) -> None:
        if self.stream is not self.raw:
            self.stream.close()
        self.raw.close()

    def read(self, size: int) -> bytes:
        if self.deadline and time.monotonic() > self.deadline:
            raise _ArchiveError(
                f"listing one member took longer than {self.budget:g} s (at byte {self.pos:,})"
            )
        data = self.stream.read(size)
        self.pos += len(data)
        return data

    def start_member(self) -> None:
        """Give the member whose header comes next its own time budget."""
        self.deadline = time.monotonic() + self.budget if self.budget > 0 else 0.0

    def exact(self, size: int, what: str) -> bytes:
        parts = []
        left = size
        while left > 0:
            chunk = self.read(min(left, _CHUNK))
            if not chunk:
                raise _ArchiveError(f"the archive ends inside {what}")
            parts.append(chunk)
            left -= len(chunk)
        return b"".join(parts)

    def skip_to(self, target: int, what: str) -> None:
        """Move forward to ``target`` (a seek in a plain archive, reading on in a compressed one)."""
        if target < self.pos:
            raise _ArchiveError("cannot go back in the archive")
        if self.seekable:
            end = self.raw.seek(0, os.SEEK_END)
            if target > end:
                raise _ArchiveError(f"the archive ends inside {what}")
            self.raw.seek(target)
            self.pos = target
            return
        while self.pos < target:
            if not self.read(min(target - self.pos, _CHUNK)):
                raise _ArchiveError(f"the archive ends inside {what}")


@attrs.frozen
class _TarEntry:
    name: str
    type: bytes
    size: int
    offset: int
    link: str
    sparse: bool


def _number(field: bytes) -> int:
    """A tar header's number: octal text, or base-256 (a negative one refused)."""
    if field[:1] == b"\x80":
        return int.from_bytes(field[1:], "big")
    if field[:1] == b"\xff":
        raise _ArchiveError("a header holds a negative number (a size or offset)")
    text = field.split(b"\0", 1)[0].strip(b" ")
    if text.strip(b"01234567"):
        raise _ArchiveError("a header's number field is not octal")
    return int(text or b"0", 8)


def _checked(block: bytes, at: int) -> None:
    stored = _number(block[148:156])
    unsigned = sum(block[:148]) + 256 + sum(block[156:])
    if stored == unsigned:
        return
    signed = unsigned - 2 * sum(b for b in block[:148] + block[156:] if b >= 128)  # old tars' way
    if stored != signed:
        raise _ArchiveError(f"bad header checksum at byte {at:,}")


def _pax(payload: bytes) -> dict[str, bytes]:
    """The records of a pax extended header, each ``LENGTH KEY=VALUE\\n`` (read in linear time)."""
    records = {}
    pos = 0
    while pos < len(payload) and payload[pos] != 0:
        space = payload.find(b" ", pos, pos + 9)
        digits = payload[pos:space] if space > pos else b""
        if not digits.isdigit():
            raise _ArchiveError("a pax header record has no valid length")
        end = pos + int(digits)
        if end <= space + 1 or end > len(payload) or payload[end - 1] != 0x0A:
            raise _ArchiveError("a pax header record's length does not match its text")
        key, equals, value = payload[space + 1 : end - 1].partition(b"=")
        if not equals:
            raise _ArchiveError("a pax header record has no '='")
        records[key.decode("utf-8", "replace")] = value
        pos = end
    return records


def _extended(stream: _Stream, kind: bytes, size: int, at: int) -> tuple[str, bytes]:
    """One pax or GNU long-name header's payload, checked and read."""
    if size > _MAX_EXTENDED:
        raise _ArchiveError(f"an extended header of {size:,} bytes is over the limit of {_MAX_EXTENDED:,}")
    payload = stream.exact(size, "an extended header")
    stream.skip_to(at + -(-size // _BLOCK) * _BLOCK, "an extended header")
    return kind.decode("latin-1"), payload


def _ustar_name(block: bytes) -> str:
    name = block[0:100].split(b"\0", 1)[0]
    if block[257:265] == b"ustar\x0000" and block[345:346] != b"\0":
        name = block[345:500].split(b"\0", 1)[0] + b"/" + name
    return os.fsdecode(name)


def _tar_entries(stream: _Stream) -> Iterator[_TarEntry]:
    """Every member header of a tar stream in order, its data skipped unless the
    consumer reads it (see :class:`_Stream`).

    Raises:
        _ArchiveError: a header is malformed or over a limit.
    """
    fields: dict[str, bytes] = {}
    shared: dict[str, bytes] = {}
    headers = run = 0
    while True:
        at = stream.pos
        if not run:
            stream.start_member()
        block = stream.read(_BLOCK)
        if not block or block == bytes(_BLOCK):
            return
        if len(block) < _BLOCK:
            raise _ArchiveError(f"the archive ends inside a header at byte {at:,}")
        _checked(block, at)
        headers += 1
        if headers > _MAX_HEADERS:
            raise _ArchiveError(f"more than {_MAX_HEADERS:,} headers")
        kind, size = block[156:157], _number(block[124:136])
        if kind in (b"x", b"g", b"L", b"K"):
            run += 1
            if run > _MAX_EXTENDED_RUN:
                raise _ArchiveError(f"more than {_MAX_EXTENDED_RUN} extended headers in a row")
            _, payload = _extended(stream, kind, size, at + _BLOCK)
            if kind == b"x":
                fields.update(_pax(payload))
            elif kind == b"g":
                shared.update(_pax(payload))
            else:
                fields["path" if kind == b"L" else "linkpath"] = payload.split(b"\0", 1)[0]
            continue
        run = 0
        found, fields = {**shared, **fields}, {}
        yield _entry(stream, block, found, size)


def _entry(stream: _Stream, block: bytes, found: dict[str, bytes], size: int) -> _TarEntry:
    """The member a header describes (its sparse extension blocks read); the stream is
    left at its data."""
    kind = block[156:157]
    if "size" in found:
        text = found["size"]
        if not text.isdigit() or len(text) > 20:
            raise _ArchiveError("a pax header's size is not a number")
        size = int(text)
    name = os.fsdecode(found["path"]) if "path" in found else _ustar_name(block)
    link = os.fsdecode(found.get("linkpath", block[157:257].split(b"\0", 1)[0]))
    extension = block[482] if kind == b"S" else 0
    blocks = 0
    while extension:
        blocks += 1
        if blocks > _MAX_EXTENDED_RUN:
            raise _ArchiveError("a sparse member's map is too long")
        extra = stream.exact(_BLOCK, "a sparse member's map")
        extension = extra[504]
    sparse = kind == b"S" or any(key.startswith("GNU.sparse.") for key in found)
    if kind in (b"0", b"\0") and name.endswith("/"):
        kind = b"5"
    return _TarEntry(name=name, type=kind, size=size, offset=stream.pos, link=link, sparse=sparse)


_TAR_TYPES = {
    b"2": "a symbolic link",
    b"3": "a character device",
    b"4": "a block device",
    b"6": "a FIFO",
    b"V": "a volume label",
    b"M": "a multi-volume continuation",
}


def _tar_units(path: Path, relative: str, timeout: float) -> Iterator[Unit]:
    """The members of a tar archive; a refused archive (bad or hostile headers) is one
    broken unit after the members listed before the refusal."""
    # Members are handed out as they are listed (a batch run converts them meanwhile); each
    # one's data is skipped before it goes, so the time the consumer takes is not listing time.
    listed, reason, cut = 0, None, None
    names = _Names(path, relative)
    files: dict[str, _TarEntry] = {}
    try:
        stream = _Stream(_open_regular(str(path)))
        stream.budget = timeout
        try:
            for entry in _tar_entries(stream):
                listed, cut = listed + 1, entry
                stream.skip_to(entry.offset + -(-entry.size // _BLOCK) * _BLOCK, f"member {entry.name!r}")
                cut = None
                yield from _tar_unit(path, entry, names, files)
        finally:
            stream.close()
        if stream.pos == 0:
            reason = "empty file"
    except (*_READ_ERRORS, lzma.LZMAError) as exc:
        reason = str(exc) or type(exc).__name__
    if cut is not None:  # listed, its data cut short: its own read says so
        yield from _tar_unit(path, cut, names, files)
    if reason is not None:
        where = f" after {listed:,} members" if listed else ""
        yield _broken(str(path), relative, f"not a readable tar archive{where}: {reason}")


def _tar_unit(path: Path, entry: _TarEntry, names: _Names, files: dict[str, _TarEntry]) -> Iterator[Unit]:
    """The unit of one tar member (none for a directory); ``files`` keeps the regular
    files listed so far, for hard links to them."""
    if entry.type in (b"5", b"D"):
        return  # a directory is no story
    locator, target = names(entry.name)
    if entry.type in (b"0", b"\0", b"7") and not entry.sparse:
        files[entry.name] = entry
        yield Unit(locator, target, "tar", str(path), entry.name, entry.size, entry.offset)
    elif entry.type == b"1" and entry.link in files:
        linked = files[entry.link]
        yield Unit(locator, target, "tar", str(path), entry.name, linked.size, linked.offset)
    else:
        yield _broken(locator, target, _tar_refusal(entry))


def _tar_refusal(entry: _TarEntry) -> str:
    """Why a tar member that is not a file is not read."""
    if entry.type == b"1":
        return f"a hard link to {entry.link!r}, which is no file earlier in the archive: not read"
    if entry.type == b"2":
        return f"a symbolic link to {entry.link!r}: not read"
    if entry.sparse:
        return "a sparse file: not read"
    what = _TAR_TYPES.get(entry.type, f"of unknown type {entry.type!r}")
    return f"not a regular file: {what}"


# -- zip ---------------------------------------------------------------------------


def _zip_units(path: Path, relative: str) -> Iterator[Unit]:
    """The members of a zip archive, by position (two of one name are both read)."""
    try:
        with _open_regular(str(path)) as raw, zipfile.ZipFile(raw) as archive:
            infos = archive.infolist()
    except (*_READ_ERRORS, zipfile.BadZipFile) as exc:
        yield _broken(str(path), relative, f"not a readable zip archive: {exc}")
        return
    names = _Names(path, relative)
    for index, info in enumerate(infos):
        if info.is_dir():
            continue  # a directory is no story
        locator, target = names(info.filename)
        mode = info.external_attr >> 16 if info.create_system == 3 else 0
        if stat.S_IFMT(mode) and not stat.S_ISREG(mode):
            yield _broken(locator, target, f"not a regular file: {_file_type(mode)}")
        elif info.compress_type not in _ZIP_METHODS:
            reason = f"compressed with method {info.compress_type}: only stored and deflated members are read"
            yield _broken(locator, target, reason)
        else:
            yield Unit(locator, target, "zip", str(path), info.filename, info.file_size, index=index)


# -- mbox --------------------------------------------------------------------------


def _mbox_starts(raw: IO[bytes]) -> tuple[list[int], int]:
    """Where each ``From`` line of an mbox file starts, and the file's length (one pass in chunks)."""
    starts = []
    pos = 0
    tail = b"\n"
    while chunk := raw.read(_CHUNK):
        window = tail + chunk
        base = pos - len(tail)
        found = window.find(b"\nFrom ")
        while found >= 0:
            starts.append(base + found + 1)
            found = window.find(b"\nFrom ", found + 1)
        tail = window[-5:]
        pos += len(chunk)
    return starts, pos


def _mbox_units(path: Path, relative: str) -> Iterator[Unit]:
    """The messages of an mbox file, as :mod:`mailbox` numbers them (a message ends
    before the line break preceding the next ``From`` line)."""
    try:
        with _open_regular(str(path)) as raw:
            starts, length = _mbox_starts(raw)
    except _READ_ERRORS as exc:
        yield _broken(str(path), relative, f"not a readable mbox file: {exc}")
        return
    if not starts and length:
        yield _broken(str(path), relative, "not a readable mbox file: no line starts with 'From '")
    ends = [start - 1 for start in starts[1:]] + [length]
    for number, (start, end) in enumerate(zip(starts, ends, strict=True), start=1):
        yield Unit(
            locator=f"{path}#{number}",
            relative=f"{relative}/{number:05d}.eml",
            kind="mbox",
            container=str(path),
            member=str(number - 1),
            offset=start,
            end=end,
        )


# -- warc --------------------------------------------------------------------------


def _warc_units(path: Path, relative: str, skipped: Counter[str]) -> Iterator[Unit]:
    """The HTML pages of a web archive, one unit per ``response`` record, read record by
    record from the file (never whole); the other records counted in ``skipped``. A damaged
    or truncated file: the records before the damage, then one broken unit at its offset."""
    from newsitem.errors import MissingExtraError
    from newsitem.formats.warc import records

    container = str(path)  # one string shared by every unit of the file
    try:
        with _open_regular(container) as raw:
            for record in records.scan(raw):
                locator = f"{container}#{record.offset}"
                if record.damage is not None:
                    yield _broken(locator, f"{relative}/{record.offset:012d}", record.damage)
                elif record.skip is not None:
                    skipped[record.skip] += 1
                else:
                    yield Unit(
                        locator=locator,
                        relative=f"{relative}/{record.offset:012d}",
                        kind="warc",
                        container=container,
                        member=record.uri,
                        size=record.length,
                        offset=record.offset,
                        end=record.offset + record.length,
                    )
    except (*_READ_ERRORS, MissingExtraError) as exc:
        yield _broken(container, relative, f"not a readable web archive: {exc}")


# -- reading -----------------------------------------------------------------------


class _Container:
    """One open archive or mbox file: the raw file, its forward stream, a zip's directory."""

    def __init__(self, kind: str, path: str) -> None:
        self.kind = kind
        raw = _open_regular(path)
        try:
            self.stream = _Stream(raw) if kind == "tar" else None
            self.zip = zipfile.ZipFile(raw) if kind == "zip" else None
        except BaseException:
            raw.close()
            raise
        self.raw = raw

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()
        if self.stream is not None:
            self.stream.close()
        self.raw.close()


class Reader:
    """Reads units one after another, at most ``max_size`` bytes each, keeping the
    current archive, mbox or web archive open (members are read in archive order, so a compressed
    tar is decompressed once)."""

    def __init__(self, *, stdin: IO[bytes] | None = None, max_size: int = DEFAULT_MAX_SIZE) -> None:
        self._stdin = stdin
        self.max_size = max_size
        """The largest unit read, in bytes; a larger one is an :class:`UnreadableInputError`."""
        self._open: tuple[str, _Container] | None = None

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive or mbox file held open."""
        if self._open is not None:
            self._open[1].close()
            self._open = None

    def _container(self, unit: Unit, *, rewind: bool = False) -> _Container:
        key = f"{unit.kind}:{unit.container}"
        if rewind or self._open is None or self._open[0] != key:
            self.close()
            self._open = (key, _Container(unit.kind, unit.container or ""))
        return self._open[1]

    def _over(self, unit: Unit, claimed: int | None = None) -> UnreadableInputError:
        said = "" if claimed is None else f" ({claimed:,} bytes, not read)"
        return UnreadableInputError(f"{unit.locator}: over the limit of {self.max_size:,} bytes{said}")

    def read(self, unit: Unit) -> bytes:
        """The bytes of one unit, never more than ``max_size`` of them read.

        Raises:
            UnreadableInputError: the file, archive or message cannot be read, is not a
                regular file, or is over the limit.
        """
        try:
            return self._read(unit)
        except _OverLimitError:
            raise self._over(unit) from None
        except UnreadableInputError as exc:
            if str(exc).startswith(unit.locator):
                raise
            raise UnreadableInputError(f"{unit.locator}: {exc}") from None
        except (*_READ_ERRORS, lzma.LZMAError, zipfile.BadZipFile) as exc:
            self.close()  # a broken stream is not reused
            reason = str(exc) or type(exc).__name__
            raise UnreadableInputError(f"{unit.locator}: cannot be read: {reason}") from None

    def _read(self, unit: Unit) -> bytes:
        if unit.kind == "file":
            with _open_regular(unit.locator) as handle:
                return _read_capped(handle, self.max_size)
        if unit.kind == "stdin":
            import sys

            return _read_capped(self._stdin or sys.stdin.buffer, self.max_size)
        if unit.kind == "tar":
            return self._tar(unit)
        if unit.kind == "zip":
            return self._zip(unit)
        if unit.kind == "mbox":
            return self._mbox(unit)
        if unit.kind == "warc":
            return self._warc(unit)
        raise UnreadableInputError(f"{unit.locator}: {unit.member or 'cannot be read'}")

    def _tar(self, unit: Unit) -> bytes:
        size, offset = unit.size or 0, unit.offset or 0
        if size > self.max_size:
            raise self._over(unit, size)
        stream = self._container(unit).stream
        assert stream is not None
        if stream.pos > offset and not stream.seekable:  # a hard link to an earlier member
            stream = self._container(unit, rewind=True).stream
            assert stream is not None
        if stream.seekable:
            stream.pos = min(stream.pos, offset)
        stream.skip_to(offset, "a member")
        return stream.exact(size, "a member")

    def _zip(self, unit: Unit) -> bytes:
        archive = self._container(unit).zip
        assert archive is not None
        info = archive.infolist()[unit.index or 0]
        if info.file_size > self.max_size:
            raise self._over(unit, info.file_size)
        # The header's size is not trusted: decompress up to the limit and count. zipfile
        # stops at the size it is given (decompressing up to a chunk past what it returns)
        # and then checks the CRC, so it is given room past limit + 1, where we stop.
        capped = copy.copy(info)
        capped.file_size = self.max_size + 4 * _CHUNK
        with archive.open(capped) as handle:
            data = _read_capped(handle, self.max_size)
        if len(data) != info.file_size:
            said = f"holds {len(data):,} bytes, not the {info.file_size:,} its header says"
            raise UnreadableInputError(said)
        return data

    def _mbox(self, unit: Unit) -> bytes:
        raw = self._container(unit).raw
        raw.seek(unit.offset or 0)
        raw.readline(self.max_size + 1)  # the From line
        left = (unit.end or 0) - raw.tell()
        if left > self.max_size:
            raise self._over(unit, left)
        return raw.read(max(left, 0))

    def _warc(self, unit: Unit) -> bytes:
        """One WARC record's bytes (its gzip member in a ``.warc.gz``), as the ``warc`` format reads them."""
        length = (unit.end or 0) - (unit.offset or 0)
        if length > self.max_size:
            raise self._over(unit, length)
        raw = self._container(unit).raw
        raw.seek(unit.offset or 0)
        data = raw.read(max(length, 0))
        if len(data) != length:
            raise UnreadableInputError(f"the file ends inside the record ({len(data):,} of {length:,} bytes)")
        return data
