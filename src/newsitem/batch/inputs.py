"""Where stories come from in a batch: files, directories, globs, tar and zip
archives, mbox files and stdin, each story with a locator that names it.

:func:`units` lists the work first (cheap: names, not contents), so a run knows
its size and can resume; :func:`read` fetches one unit's bytes. Locators are
``path`` for a file, ``archive.tar!member`` for an archive member,
``box.mbox#3`` for the third message of an mbox file and ``<stdin>`` (or the
name given for it) for standard input.
"""

from __future__ import annotations

import glob
import io
import mailbox
import os
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO

import attrs

__all__ = ["InputNotFoundError", "Reader", "Unit", "UnreadableInputError", "units"]

_TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
_MBOX_SUFFIXES = (".mbox", ".mbx")
STDIN = "-"


class InputNotFoundError(LookupError):
    """An input path or glob names nothing (a usage error: exit 2)."""


@attrs.frozen
class Unit:
    """One story to read: where it is, and the name its outputs mirror."""

    locator: str
    """Names the story in reports and manifests (``a/b.txt``, ``x.tar!m.txt``, ``box.mbox#3``)."""
    relative: str
    """The path its outputs take under the output directory (POSIX separators)."""
    kind: str = "file"
    """``file``, ``tar``, ``zip``, ``mbox`` or ``stdin``."""
    container: str | None = None
    """The archive or mbox path for members."""
    member: str | None = None
    """The member name (tar, zip) or message key (mbox)."""
    size: int | None = None
    """The size in bytes where known without reading."""
    offset: int | None = None
    """Where a member's bytes start in an uncompressed tar (read with one seek)."""


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(_TAR_SUFFIXES):
        return "tar"
    if name.endswith(".zip"):
        return "zip"
    if name.endswith(_MBOX_SUFFIXES):
        return "mbox"
    return "file"


def _expand(argument: str) -> list[tuple[Path, str]]:
    """(file, the relative name its outputs take) for one argument: a directory's files
    keep the directory's own name in front, so two inputs do not overwrite each other."""
    if any(char in argument for char in "*?["):
        found = sorted(Path(p) for p in glob.glob(argument, recursive=True))
        files = [p for p in found if p.is_file()]
        if not files:
            raise InputNotFoundError(f"{argument}: the pattern matches no file")
        return [(p, p.as_posix().lstrip("/").replace("../", "")) for p in files]
    path = Path(argument)
    if path.is_dir():
        label = path.resolve().name or "root"
        files = []
        for root, dirs, names in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            files.extend(Path(root) / n for n in sorted(names) if not n.startswith("."))
        return [(p, f"{label}/{p.relative_to(path).as_posix()}") for p in files]
    if path.is_file():
        return [(path, path.name)]
    raise InputNotFoundError(f"{argument}: no such file or directory")


def units(arguments: Sequence[str], *, stdin_name: str = "<stdin>") -> Iterator[Unit]:
    """Every story the arguments name, in a stable order.

    Raises:
        InputNotFoundError: an argument names nothing.
    """
    expanded = [None if argument == STDIN else _expand(argument) for argument in arguments]
    for files in expanded:
        if files is None:
            yield Unit(
                locator=stdin_name,
                relative=PurePosixPath(stdin_name.strip("<>") or "stdin").name,
                kind="stdin",
            )
            continue
        for path, relative in files:
            kind = _kind(path)
            if kind == "tar":
                yield from _tar_units(path, relative)
            elif kind == "zip":
                yield from _zip_units(path, relative)
            elif kind == "mbox":
                yield from _mbox_units(path, relative)
            else:
                yield Unit(locator=str(path), relative=relative, size=path.stat().st_size)


def _tar_units(path: Path, relative: str) -> Iterator[Unit]:
    plain = path.name.lower().endswith(".tar")
    try:
        with tarfile.open(path) as archive:
            members = [m for m in archive.getmembers() if m.isfile()]
    except (tarfile.TarError, OSError, EOFError) as exc:
        yield Unit(
            locator=str(path), relative=relative, kind="broken", member=f"not a readable tar archive: {exc}"
        )
        return
    for member in members:
        yield Unit(
            locator=f"{path}!{member.name}",
            relative=f"{relative}/{_safe(member.name)}",
            kind="tar",
            container=str(path),
            member=member.name,
            size=member.size,
            offset=member.offset_data if plain and not member.sparse else None,
        )


def _zip_units(path: Path, relative: str) -> Iterator[Unit]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        yield Unit(
            locator=str(path), relative=relative, kind="broken", member=f"not a readable zip archive: {exc}"
        )
        return
    for info in infos:
        yield Unit(
            locator=f"{path}!{info.filename}",
            relative=f"{relative}/{_safe(info.filename)}",
            kind="zip",
            container=str(path),
            member=info.filename,
            size=info.file_size,
        )


def _mbox_units(path: Path, relative: str) -> Iterator[Unit]:
    box = mailbox.mbox(path, create=False)
    try:
        keys = list(box.keys())
    finally:
        box.close()
    for number, key in enumerate(keys, start=1):
        yield Unit(
            locator=f"{path}#{number}",
            relative=f"{relative}/{number:05d}.eml",
            kind="mbox",
            container=str(path),
            member=str(key),
        )


def _safe(name: str) -> str:
    """An archive member name as a relative path that cannot leave the output directory."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    return "/".join(parts) or "member"


class UnreadableInputError(OSError):
    """A unit's bytes cannot be read (a broken archive, a vanished file)."""


class Reader:
    """Reads units one after another, keeping the current archive or mbox open
    (archives are read in member order, so a compressed tar is read once)."""

    def __init__(self, *, stdin: IO[bytes] | None = None) -> None:
        self._stdin = stdin
        self._open: tuple[str, object] | None = None
        self._members: dict[str, tarfile.TarInfo] = {}

    def __enter__(self) -> Reader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._open is not None:
            self._open[1].close()  # type: ignore[attr-defined]
            self._open = None

    def _container(self, unit: Unit) -> object:
        key = f"{unit.kind}:{unit.container}"
        if self._open is None or self._open[0] != key:
            self.close()
            if unit.kind == "tar":
                handle: object = tarfile.open(unit.container or "")  # noqa: SIM115 - closed by close()
                # getmember() searches the whole list each time: index the members once.
                self._members = {member.name: member for member in handle.getmembers()}  # type: ignore[attr-defined]
            elif unit.kind == "raw":
                handle = open(unit.container or "", "rb")  # noqa: SIM115 - closed by close()
            elif unit.kind == "zip":
                handle = zipfile.ZipFile(unit.container or "")
            else:
                handle = mailbox.mbox(unit.container or "", create=False)
            self._open = (key, handle)
        return self._open[1]

    def read(self, unit: Unit) -> bytes:
        """The bytes of one unit.

        Raises:
            UnreadableInputError: the file, archive or message cannot be read.
        """
        try:
            if unit.kind == "file":
                return Path(unit.locator).read_bytes()
            if unit.kind == "stdin":
                import sys

                return (self._stdin or sys.stdin.buffer).read()
            if unit.kind == "tar" and unit.offset is not None and unit.size is not None:
                raw = self._container(
                    Unit(locator=unit.locator, relative="", kind="raw", container=unit.container)
                )
                assert isinstance(raw, io.BufferedReader)
                raw.seek(unit.offset)
                return raw.read(unit.size)
            if unit.kind == "tar":
                archive = self._container(unit)
                assert isinstance(archive, tarfile.TarFile)
                handle = archive.extractfile(self._members.get(unit.member or "", unit.member or ""))
                if handle is None:
                    raise UnreadableInputError(f"{unit.locator}: not a regular file in the archive")
                return handle.read()
            if unit.kind == "zip":
                archive = self._container(unit)
                assert isinstance(archive, zipfile.ZipFile)
                return archive.read(unit.member or "")
            if unit.kind == "mbox":
                box = self._container(unit)
                assert isinstance(box, mailbox.mbox)
                return box.get_bytes(int(unit.member or "0"))  # type: ignore[arg-type]  # mbox keys are ints at runtime
        except UnreadableInputError:
            raise
        except (OSError, KeyError, tarfile.TarError, zipfile.BadZipFile, EOFError) as exc:
            raise UnreadableInputError(f"{unit.locator}: cannot be read: {exc}") from None
        raise UnreadableInputError(f"{unit.locator}: {unit.member or 'cannot be read'}")
