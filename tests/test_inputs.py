"""Batch inputs under hostile conditions (issue 14): only regular files are read, archive
members that are not files are error records, tar headers are checked so CPython's tar
CVEs cannot hang a listing, memory stays bounded by --max-size, and any file name works."""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
import struct
import subprocess
import sys
import tarfile
import textwrap
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import IO, Any

import pytest

from newsitem.batch import inputs, pool
from newsitem.batch.inputs import Reader, UnreadableInputError, units
from newsitem.batch.steps import Options

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "archive"
STORY = (EXAMPLES / "ferry.json").read_bytes()
MiB = 1024 * 1024
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX files and limits")


def _run(
    code: str, *args: str, timeout: float = 120, stdin: IO[Any] | None = None
) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh interpreter (so a regression that hangs or grows cannot take the suite with it)."""
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=stdin,
        check=False,
    )


def _errors(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]


# -- item 6: only regular files are read -------------------------------------------


@posix_only
def test_a_fifo_in_a_folder_is_a_failure_and_is_never_opened(tmp_path: Path) -> None:
    """A FIFO beside a story fails with "not a regular file: FIFO" without blocking the run, --timeout or not."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_bytes(STORY)
    os.mkfifo(folder / "pipe.json")
    out = tmp_path / "out"
    code = "import sys; from newsitem.cli import main; sys.exit(main(sys.argv[1:]))"
    done = _run(code, "convert", str(folder), "--to", "json", "-o", str(out), "-q", "-j", "1", timeout=60)
    assert done.returncode == 1, done.stderr
    [error] = _errors(out)
    assert error["input"] == str(folder / "pipe.json")
    assert "not a regular file: FIFO" in str(error["message"])
    assert (out / "in" / "a.json.json").is_file()


@posix_only
def test_validate_and_inspect_do_not_block_on_a_named_fifo(tmp_path: Path) -> None:
    """validate and inspect given a FIFO report it as unreadable at once instead of waiting for a writer."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code = "import sys; from newsitem.cli import main; sys.exit(main(sys.argv[1:]))"
    checked = _run(code, "validate", str(fifo), "--output", "json", timeout=60)
    assert checked.returncode == 1
    assert "not a regular file: FIFO" in checked.stdout
    shown = _run(code, "inspect", str(fifo), timeout=60)
    assert shown.returncode == 1
    assert "not a regular file: FIFO" in shown.stderr


@posix_only
def test_a_device_named_on_the_command_line_is_a_unit_that_fails() -> None:
    """/dev/null is listed as a unit whose reading fails with its kind of file, never read."""
    [unit] = units(["/dev/null"])
    assert unit.kind == "broken"
    with pytest.raises(UnreadableInputError, match="not a regular file: character device"):
        Reader().read(unit)


@posix_only
def test_a_file_swapped_for_a_fifo_after_listing_does_not_block(tmp_path: Path) -> None:
    """The reader opens files without blocking and checks them again: a FIFO put in a listed file's place fails."""
    path = tmp_path / "a.json"
    path.write_bytes(STORY)
    code = """
        import os, sys
        from newsitem.batch import inputs
        [unit] = inputs.units([sys.argv[1]])
        os.unlink(sys.argv[1])
        os.mkfifo(sys.argv[1])
        try:
            inputs.Reader().read(unit)
        except inputs.UnreadableInputError as exc:
            print(exc)
    """
    done = _run(code, str(path), timeout=30)
    assert done.stdout.strip() == f"{path}: not a regular file: FIFO", done.stderr


# -- items 7 and 8: archive members -------------------------------------------------


def _tar_with_every_kind(path: Path) -> None:
    with tarfile.open(path, "w:gz" if path.name.endswith(".gz") else "w", format=tarfile.GNU_FORMAT) as tar:
        for name, kind, extra in (
            ("desk/", tarfile.DIRTYPE, {}),
            ("desk/a.json", tarfile.REGTYPE, {}),
            ("desk/link.json", tarfile.SYMTYPE, {"linkname": "a.json"}),
            ("desk/copy.json", tarfile.LNKTYPE, {"linkname": "desk/a.json"}),
            ("desk/pipe", tarfile.FIFOTYPE, {}),
            ("desk/tty", tarfile.CHRTYPE, {"devmajor": 5, "devminor": 0}),
            ("desk/dangling.json", tarfile.LNKTYPE, {"linkname": "nowhere.json"}),
        ):
            info = tarfile.TarInfo(name)
            info.type = kind
            for key, value in extra.items():
                setattr(info, key, value)
            if kind == tarfile.REGTYPE:
                info.size = len(STORY)
                tar.addfile(info, io.BytesIO(STORY))
            else:
                tar.addfile(info)


@pytest.mark.parametrize("suffix", [".tar", ".tar.gz"])
def test_tar_members_that_are_not_files_are_error_records(tmp_path: Path, suffix: str) -> None:
    """Symlinks, FIFOs, devices and hard links to nothing are one error record each with a reason; a hard
    link reads the file it links to; a directory is no story (old code: all silently skipped)."""
    archive = tmp_path / f"kinds{suffix}"
    _tar_with_every_kind(archive)
    out = tmp_path / "out"
    summary = pool.run([str(archive)], Options(to=("json",)), out=str(out), jobs=1)
    assert (summary.converted, summary.failed) == (2, 4)
    reasons = {str(e["input"]).rpartition("!")[2]: str(e["message"]) for e in _errors(out)}
    assert reasons.keys() == {"desk/link.json", "desk/pipe", "desk/tty", "desk/dangling.json"}
    assert "a symbolic link to 'a.json'" in reasons["desk/link.json"]
    assert "not a regular file: a FIFO" in reasons["desk/pipe"]
    assert "not a regular file: a character device" in reasons["desk/tty"]
    assert "a hard link to 'nowhere.json'" in reasons["desk/dangling.json"]
    copy = json.loads((out / archive.name / "desk" / "copy.json.json").read_text())
    assert copy == json.loads((out / archive.name / "desk" / "a.json.json").read_text())


def _zip_member(archive: zipfile.ZipFile, name: str, data: bytes, mode: int | None = None) -> None:
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    if mode is not None:
        info.create_system = 3
        info.external_attr = mode << 16
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name": that is the point
        archive.writestr(info, data)


def test_zip_members_of_the_same_name_are_both_read(tmp_path: Path) -> None:
    """Two zip members named alike are two units with their own bytes (old code read the second one twice)."""
    path = tmp_path / "dup.zip"
    other = STORY.replace(b'"headline": "', b'"headline": "Second: ', 1)
    assert other != STORY
    with zipfile.ZipFile(path, "w") as archive:
        _zip_member(archive, "a.json", STORY)
        _zip_member(archive, "a.json", other)
    found = list(units([str(path)]))
    assert [u.locator for u in found] == [f"{path}!a.json", f"{path}!a.json~2"]
    assert len({u.relative for u in found}) == 2
    with Reader() as reader:
        assert [reader.read(u) for u in found] == [STORY, other]


def test_zip_symlinks_and_special_members_are_error_records(tmp_path: Path) -> None:
    """A zip entry marked as a symbolic link or FIFO fails with a reason; a directory entry is no unit."""
    path = tmp_path / "kinds.zip"
    with zipfile.ZipFile(path, "w") as archive:
        _zip_member(archive, "desk/", b"", stat.S_IFDIR | 0o755)
        _zip_member(archive, "desk/a.json", STORY, stat.S_IFREG | 0o644)
        _zip_member(archive, "desk/link.json", b"a.json", stat.S_IFLNK | 0o777)
        _zip_member(archive, "desk/pipe", b"", stat.S_IFIFO | 0o644)
    found = {u.locator.rpartition("!")[2]: u for u in units([str(path)])}
    assert found.keys() == {"desk/a.json", "desk/link.json", "desk/pipe"}
    assert found["desk/link.json"].member == "not a regular file: symbolic link"
    assert found["desk/pipe"].member == "not a regular file: FIFO"
    with Reader() as reader:
        assert reader.read(found["desk/a.json"]) == STORY


# -- item 6: CPython's tar CVEs -------------------------------------------------------


def _tar_header(name: bytes, size: bytes, kind: bytes = b"0") -> bytes:
    """One ustar header block with a valid checksum, ``size`` written as given (12 bytes)."""
    block = bytearray(512)
    block[0 : len(name)] = name
    block[100:108] = b"0000644\0"
    block[108:116] = block[116:124] = b"0000000\0"
    block[124:136] = size
    block[136:148] = b"00000000000\0"
    block[148:156] = b" " * 8
    block[156:157] = kind
    block[257:265] = b"ustar\x0000"
    block[148:156] = b"%06o\0 " % sum(block)
    return bytes(block)


def _padded(data: bytes) -> bytes:
    return data + bytes(-len(data) % 512)


def _good_member() -> bytes:
    return _tar_header(b"good.json", b"%011o\0" % len(STORY)) + _padded(STORY)


def _cve_2025_8194(path: Path) -> None:
    """A good member, then a header whose base-256 size is -1: CPython < 3.11.14 reads it forever."""
    path.write_bytes(_good_member() + _tar_header(b"loop", b"\xff" * 12) + bytes(1024))


def _cve_2024_6232(path: Path) -> None:
    """A good member, then a pax header of 160,000 digits: quadratic in CPython < 3.11.10 (about 40 s)."""
    digits = b"1" * 160_000
    pax = _tar_header(b"././@PaxHeader", b"%011o\0" % len(digits), b"x") + _padded(digits)
    path.write_bytes(_good_member() + pax + _good_member() + bytes(1024))


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (_cve_2025_8194, "a header holds a negative number"),
        (_cve_2024_6232, "a pax header record has no valid length"),
    ],
)
def test_the_tar_cve_inputs_are_refused_at_once(tmp_path: Path, build: object, reason: str) -> None:
    """Listing a tar with CVE-2025-8194's negative size or CVE-2024-6232's numeric pax header ends within
    seconds with one error record naming the archive and the reason, the member before it still read."""
    archive = tmp_path / "evil.tar"
    build(archive)  # type: ignore[operator]
    code = """
        import json, sys
        from newsitem.batch import inputs
        found = list(inputs.units([sys.argv[1]]))
        print(json.dumps([[u.locator, u.kind, u.member] for u in found]))
    """
    done = _run(code, str(archive), timeout=30)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found[0] == [f"{archive}!good.json", "tar", "good.json"]
    assert found[-1][:2] == [str(archive), "broken"]
    assert found[-1][2].startswith("not a readable tar archive after 1 members: ")
    assert reason in found[-1][2]


@posix_only
def test_listing_a_tar_gz_bomb_stops_at_the_timeout(tmp_path: Path) -> None:
    """convert --timeout 1 bounds the listing of a tar.gz whose member inflates to 4 GiB: one error
    record for the archive within seconds (old code listed it outside any time limit, for minutes)."""
    zeros, compressor = _deflated_zeros(4096)
    head = _tar_header(b"huge.json", b"%011o\0" % (4096 * MiB))
    first = compressor.compress(_good_member() + head) + compressor.flush(zlib.Z_FULL_FLUSH)
    archive = tmp_path / "bomb.tar.gz"
    archive.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + first + zeros + compressor.flush())
    out = tmp_path / "out"
    args = ["convert", str(archive), "--to", "json", "-o", str(out), "-q", "-j", "1", "--timeout", "1"]
    done = _run("import sys; from newsitem.cli import main; sys.exit(main(sys.argv[1:]))", *args, timeout=60)
    assert done.returncode == 1, done.stderr
    member, error = _errors(out)
    assert member["input"] == f"{archive}!huge.json"  # listed, then refused by its size
    assert error["input"] == str(archive)
    assert "listing one member took longer than 1 s" in str(error["message"])
    assert (out / "bomb.tar.gz" / "good.json.json").is_file()


def test_a_tar_with_a_bad_checksum_midway_is_reported_not_cut_short(tmp_path: Path) -> None:
    """A header that fails its checksum after good members is an error record (tarfile stopped there silently)."""
    bad = bytearray(_tar_header(b"x.json", b"%011o\0" % 10))
    bad[0] = ord("y")
    archive = tmp_path / "cut.tar"
    archive.write_bytes(_good_member() + bytes(bad) + bytes(1024))
    found = list(units([str(archive)]))
    assert [u.kind for u in found] == ["tar", "broken"]
    assert "bad header checksum at byte" in (found[1].member or "")


# -- item 5: memory bounded by --max-size ---------------------------------------------

_LIMITED = """
    import resource, sys
    limit = int(sys.argv[1]) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from newsitem.cli import main
    sys.exit(main(sys.argv[2:]))
"""


def _deflated_zeros(size_mib: int) -> tuple[bytes, zlib._Compress]:
    """``size_mib`` MiB of zeros as raw deflate data, built in milliseconds: after a full flush
    the compressor's state is reset, so every MiB compresses to the same bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(MiB)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * size_mib, compressor


def _zip_entry(
    name: bytes, method: int, compressed: bytes, *, claimed: int, crc: int, at: int
) -> tuple[bytes, bytes]:
    local = struct.pack(
        "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(compressed), claimed, len(name), 0
    )
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(compressed), claimed, len(name),
        0, 0, 0, 0, 0, at,
    )  # fmt: skip
    return local + name + compressed, central + name


def _zip_bomb(path: Path) -> None:
    """bomb.json claims 300 bytes and inflates to 1 GiB (about 1 MB on disk), then good.json, stored."""
    zeros, compressor = _deflated_zeros(1024)
    body, central = _zip_entry(b"bomb.json", 8, zeros + compressor.flush(), claimed=300, crc=0, at=0)
    good, good_central = _zip_entry(
        b"good.json", 0, STORY, claimed=len(STORY), crc=zlib.crc32(STORY), at=len(body)
    )
    directory = central + good_central
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 2, 2, len(directory), len(body) + len(good), 0)
    path.write_bytes(body + good + directory + end)


def _converted_beside(tmp_path: Path, archive: Path, *extra: str, memory_mib: int = 600) -> dict[str, object]:
    """Convert ``archive`` under an address-space limit; the one error record (the good story converted)."""
    out = tmp_path / "out"
    args = [str(memory_mib), "convert", str(archive), "--to", "json", "-o", str(out), "-q", "-j", "1", *extra]
    done = _run(_LIMITED, *args)
    assert done.returncode == 1, done.stderr
    [error] = _errors(out)
    assert (out / archive.name / "good.json.json").is_file()
    return error


@posix_only
def test_a_zip_bomb_is_refused_within_a_memory_limit(tmp_path: Path) -> None:
    """A zip member that claims 300 bytes and inflates to 1 GiB is refused at --max-size under a 600 MB
    address-space limit, and the story beside it converted (old code: 2.1 GB, MemoryError)."""
    archive = tmp_path / "bomb.zip"
    _zip_bomb(archive)
    error = _converted_beside(tmp_path, archive)
    assert error["input"] == f"{archive}!bomb.json"
    assert f"over the limit of {50 * MiB:,} bytes" in str(error["message"])


@posix_only
def test_a_huge_tar_gz_member_is_skipped_within_a_memory_limit(tmp_path: Path) -> None:
    """A 256 MiB member of a tar.gz is refused at --max-size 1 and skipped by streaming under a 200 MB
    address-space limit, the story after it converted (old code decompressed it in full, twice)."""
    zeros, compressor = _deflated_zeros(256)
    head = _tar_header(b"huge.json", b"%011o\0" % (256 * MiB))
    tail = _good_member() + bytes(1024)
    crc = zlib.crc32(head)
    for _ in range(256):
        crc = zlib.crc32(bytes(MiB), crc)
    crc = zlib.crc32(tail, crc)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(tail) + compressor.flush()
    size = (len(head) + 256 * MiB + len(tail)) % 2**32
    archive = tmp_path / "huge.tar.gz"
    archive.write_bytes(
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + first + zeros + last + struct.pack("<II", crc, size)
    )
    error = _converted_beside(tmp_path, archive, "--max-size", "1", memory_mib=200)
    assert error["input"] == f"{archive}!huge.json"
    assert "over the limit" in str(error["message"])


def test_a_tar_gz_member_over_the_limit_is_decompressed_once_only_to_list_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tar.gz's last member, over --max-size, is decompressed once in all (listing it); reading goes
    forward and stops at the last story it needs (old code: twice, the reader indexed it again)."""
    archive = tmp_path / "w.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in (("a.json", STORY), ("b.json", STORY), ("big.txt", bytes(8 * MiB))):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    size = len(gzip.decompress(archive.read_bytes()))
    decompressed = []
    inflate = gzip._GzipReader.read  # what reading and seeking both use

    def counting(self: gzip._GzipReader, size: int = -1) -> bytes:
        data: bytes = inflate(self, size)
        decompressed.append(len(data))
        return data

    monkeypatch.setattr(gzip._GzipReader, "read", counting)
    summary = pool.run([str(archive)], Options(to=("json",), max_size=MiB), out=str(tmp_path / "out"), jobs=1)
    assert (summary.converted, summary.failed) == (2, 1)
    assert size <= sum(decompressed) < size * 1.2


@posix_only
def test_a_huge_mbox_message_is_refused_within_a_memory_limit(tmp_path: Path) -> None:
    """A 300 MB mbox message (one line, a sparse file) is refused unread under a 200 MB address-space
    limit and the message after it converted (old code: mailbox read the whole message)."""
    archive = tmp_path / "box.mbox"
    message = (EXAMPLES / "footbridge.eml").read_bytes()
    with archive.open("wb") as box:
        box.write(b"From huge Mon Jan  1 00:00:00 2024\nSubject: x\n\n")
        box.seek(300 * 1000 * 1000, os.SEEK_CUR)
        box.write(b"\n\nFrom good Mon Jan  1 00:00:00 2024\n" + message)
    out = tmp_path / "out"
    args = ["convert", str(archive), "--to", "json", "-o", str(out), "-q", "-j", "1", "--max-size", "1"]
    done = _run(_LIMITED, "200", *args)
    assert done.returncode == 1, done.stderr
    [error] = _errors(out)
    assert error["input"] == f"{archive}#1"
    assert "over the limit" in str(error["message"])
    assert (out / "box.mbox" / "00002.eml.json").is_file()


@posix_only
@pytest.mark.parametrize("command", ["convert", "validate", "inspect"])
def test_stdin_is_capped_for_every_command(tmp_path: Path, command: str) -> None:
    """300 MB on stdin are refused at the size limit under a 200 MB address-space limit by convert,
    validate and inspect (old code read all of it, and validate and inspect had no limit)."""
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(300 * 1000 * 1000)
    args = {
        "convert": ["convert", "-", "--to", "jsonl", "-q", "--max-size", "1"],
        "validate": ["validate", "-", "--output", "json"],
        "inspect": ["inspect", "-"],
    }[command]
    with big.open("rb") as stdin:
        done = _run(_LIMITED, "200", *args, stdin=stdin)
    assert done.returncode == 1, done.stderr
    assert "over the limit" in done.stdout + done.stderr
    assert "MemoryError" not in done.stderr


def test_reader_counts_what_it_reads_whatever_the_size_says(tmp_path: Path) -> None:
    """A file that grows after listing is read no further than max_size + 1 and refused."""
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 10)
    [unit] = units([str(path)])
    path.write_bytes(b"x" * 5000)
    with pytest.raises(UnreadableInputError, match="over the limit of 4,096 bytes"):
        Reader(max_size=4096).read(unit)
    assert Reader(max_size=5000).read(unit) == b"x" * 5000


# -- item 7: names ---------------------------------------------------------------------


@posix_only
def test_non_utf8_names_flow_through_as_surrogate_escapes(tmp_path: Path) -> None:
    """A file named caf\\xe9.json and a tar member named likewise are listed, read and written under
    the same bytes (surrogate-escaped str inside), and the tar's long name too."""
    folder = tmp_path / "in"
    folder.mkdir()
    descriptor = os.open(os.fsencode(folder) + b"/caf\xe9.json", os.O_WRONLY | os.O_CREAT, 0o644)
    os.write(descriptor, STORY)
    os.close(descriptor)
    long_name = b"n" * 250 + b".json"
    with tarfile.open(folder / "w.tar", "w", format=tarfile.GNU_FORMAT, encoding="utf-8") as tar:
        for name in (os.fsdecode(b"caf\xe9.json"), os.fsdecode(long_name)):
            info = tarfile.TarInfo(name)
            info.size = len(STORY)
            tar.addfile(info, io.BytesIO(STORY))
    found = list(units([str(folder)]))
    assert [os.fsencode(u.relative) for u in found] == [
        b"in/caf\xe9.json",
        b"in/w.tar/caf\xe9.json",
        b"in/w.tar/" + long_name,
    ]
    with Reader() as reader:
        assert all(reader.read(u) == STORY for u in found)


@posix_only
def test_non_utf8_and_255_byte_names_convert_end_to_end(tmp_path: Path) -> None:
    """Stories named caf\\xe9.json and with 255-byte names (a file, a tar member) convert to files under
    the same bytes, with the manifest readable by --resume (old code: UnicodeEncodeError, name too long)."""
    folder = tmp_path / "in"
    folder.mkdir()
    names = [b"caf\xe9.json", b"n" * 250 + b".json", b"m" * 255]
    for name in names:
        descriptor = os.open(os.fsencode(folder) + b"/" + name, os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(descriptor, STORY)
        os.close(descriptor)
    with tarfile.open(folder / "w.tar", "w", format=tarfile.GNU_FORMAT) as tar:
        info = tarfile.TarInfo(os.fsdecode(b"t\xe9" * 120))
        info.size = len(STORY)
        tar.addfile(info, io.BytesIO(STORY))
    out = tmp_path / "out"
    options = Options(to=("json", "jsonl"))
    summary = pool.run([str(folder)], options, out=str(out), jobs=1)
    assert (summary.converted, summary.failed) == (4, 0)
    written = {name for _, _, files in os.walk(os.fsencode(out)) for name in files}
    assert {b"caf\xe9.json.json"} <= written
    assert all(len(name) <= 255 for name in written)
    assert pool.run([str(folder)], options, out=str(out), jobs=1, resume=True).skipped == 4


def test_units_keep_their_public_home() -> None:
    """Unit, Reader, units and the two errors stay importable from newsitem.batch.inputs."""
    assert {"Unit", "Reader", "units", "InputNotFoundError", "UnreadableInputError"} <= set(inputs.__all__)
    assert issubclass(inputs.UnreadableInputError, OSError)
