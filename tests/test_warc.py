"""Web archives (issue 17): every HTML response record of a WARC is read by the HTML reader
(its target URI the url when the page names none, its capture time a note), other records
are skipped and counted, a page that is no article is its part's error with its offset,
damage ends the reading with one error part, and convert streams the file record by record.

The samples are built by tests/data/warc/build.py from pages written there; their expected
values (crawl.expected.json) come from what that script wrote, never from a reader."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import random
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsitem
from newsitem import notes
from newsitem.batch import inputs
from newsitem.cli.main import main
from newsitem.errors import MissingExtraError, NewsItemError, ParseError
from newsitem.formats import html, warc
from newsitem.formats.warc import records

from .conftest import SHARED

pytest.importorskip("warcio")

HERE = Path(__file__).parent / "data" / "warc"
SAMPLES = HERE / "samples"
EXPECTED: dict[str, Any] = json.loads((SAMPLES / "crawl.expected.json").read_text("utf-8"))
NAMES = sorted(EXPECTED)


def _builder() -> Any:
    spec = importlib.util.spec_from_file_location("warc_build", HERE / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _builder()


def _page_record(number: int, uri: str, page: str, *, compressed: bool = False, **extra: Any) -> bytes:
    """One HTML response record (built by the samples' own writer)."""
    spec = {
        "type": "response",
        "uri": uri,
        "payload": page.encode("utf-8"),
        "http": ("HTTP/1.1 200 OK", [("Content-Type", "text/html; charset=utf-8")]),
        **extra,
    }
    raw: bytes = BUILD._record(number, spec)
    return gzip.compress(raw, mtime=0) if compressed else raw


def _data(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


# -- the samples: pages, skipped records, notes ---------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_html_response_becomes_its_parts_in_file_order(name: str) -> None:
    """Each HTML response of the sample gives the parts the build script wrote, at its byte offset:
    headline, url (the target URI, or the page's own canonical one), and the no-article page an error."""
    want = EXPECTED[name]["parts"]
    parts = list(warc.loads_all(_data(name)))
    assert [p.index for p in parts] == list(range(1, len(want) + 1))
    for part, expected in zip(parts, want, strict=True):
        assert part.layout == "warc"
        assert part.where is not None and part.where.startswith(f"byte {expected['offset']}")
        assert (part.error is not None) == expected["error"]
        if expected["error"]:
            assert isinstance(part.error, ParseError)
            continue
        assert part.story is not None
        assert part.story.headline == expected["headline"]
        assert part.story.url == expected["url"]


@pytest.mark.parametrize("name", NAMES)
def test_other_records_are_no_parts_and_are_counted_by_kind(name: str) -> None:
    """warcinfo, request, metadata, revisit, resource, non-HTML and non-2xx responses are not
    parts; Parts.skipped counts each kind as the build script wrote them."""
    parts = warc.loads_all(_data(name))
    list(parts)
    assert dict(parts.skipped) == EXPECTED[name]["skipped"]


@pytest.mark.parametrize("name", NAMES)
def test_the_capture_time_is_a_captured_note(name: str) -> None:
    """Every story read from a record has a ``captured`` note giving its WARC-Date and target URI."""
    for part in warc.loads_all(_data(name)):
        if part.story is None:
            continue
        captured = [n for n in part.notes if n.code == "captured"]
        assert len(captured) == 1
        assert BUILD.DATE in captured[0].message
        assert captured[0].where == part.where


def test_a_target_uri_the_model_refuses_is_kept_in_extras_with_a_note() -> None:
    """A target URI that is no absolute URI does not become the url: it is kept in extras with a note."""
    data = _page_record(1, "https://a.example/100%zz", BUILD.ARTICLE_ONE)
    (part,) = list(warc.loads_all(data))
    assert part.story is not None
    assert part.story.url is None
    assert part.story.extras["warc.target-uri"] == "https://a.example/100%zz"
    assert any(n.code == "kept-in-extras" for n in part.notes)


def test_a_target_uri_with_a_control_character_is_left_out_with_a_note() -> None:
    """A target URI holding a NUL, which neither url nor extras can hold, is left out with a note."""
    data = _page_record(1, "https://a.example/\x00x", BUILD.ARTICLE_ONE)
    (part,) = list(warc.loads_all(data))
    assert part.story is not None and part.story.url is None
    assert "warc.target-uri" not in part.story.extras
    assert [n.code for n in part.notes if n.code in ("unreadable", "kept-in-extras")] == ["unreadable"]


def test_the_http_charset_decodes_the_page() -> None:
    """A page in ISO-8859-1 named only by its HTTP Content-Type (sent chunked and gzip-encoded)
    reads with its accented letters, without a guessed charset."""
    parts = list(warc.loads_all(_data("crawl.warc.gz")))
    story = parts[1].unwrap()
    assert story.headline == "Fähre nach Öland fällt aus"
    assert not any(n.code == "charset-guessed" for n in parts[1].notes)


def test_a_page_the_crawler_truncated_has_a_note() -> None:
    """A record with WARC-Truncated is read, with an ``unreadable`` note naming the reason."""
    record = _page_record(1, "https://a.example/1", BUILD.ARTICLE_ONE)
    record = record.replace(b"WARC-Date:", b"WARC-Truncated: length\r\nWARC-Date:", 1)
    (part,) = list(warc.loads_all(record))
    assert part.story is not None
    assert [n.message for n in part.notes if n.code == "unreadable"] == [
        "the crawler kept only part of this page (WARC-Truncated: length): its end is missing"
    ]


def test_a_page_whose_encoding_breaks_part_way_is_its_error_only() -> None:
    """A gzip-encoded page whose compressed data breaks after its first block is that record's
    error (warcio stops decoding it there); the next record is still read."""
    noise = random.Random(3).randbytes(200_000)  # noqa: S311 - incompressible, not secret
    body = gzip.compress(noise, mtime=0)
    broken = body[:70_000] + bytes(200) + body[70_200:]
    head = ("HTTP/1.1 200 OK", [("Content-Type", "text/html"), ("Content-Encoding", "gzip")])
    spec = {"type": "response", "uri": "https://a.example/z", "payload": broken, "http": head}
    after = _page_record(2, "https://a.example/1", BUILD.ARTICLE_ONE)
    parts = list(warc.loads_all(BUILD._record(1, spec) + after))
    assert len(parts) == 2
    assert parts[0].error is not None and parts[0].where == "byte 0"
    assert parts[1].story is not None


@pytest.mark.parametrize("label", ["base64", "rot13", "zlib", "no-such-charset", ""])
def test_a_charset_that_is_no_charset_is_ignored(label: str) -> None:
    """A Content-Type charset naming a Python codec that is no text encoding (base64, rot13), an
    unknown one or an empty one is ignored: the page is read by the HTML reader's own rules."""
    head = ("HTTP/1.1 200 OK", [("Content-Type", f"text/html; charset={label}")])
    (part,) = list(warc.loads_all(_page_record(1, "https://a.example/1", BUILD.ARTICLE_ONE, http=head)))
    assert part.unwrap().headline == EXPECTED["crawl.warc"]["parts"][0]["headline"]


def test_dask_reads_a_web_archive() -> None:
    """newsitem.batch.dask reads a WARC's pages as convert does: one record each, FILE#OFFSET."""
    dask = pytest.importorskip("dask")
    from newsitem.batch import dask as on_dask

    path = SAMPLES / "crawl.warc"
    with dask.config.set(scheduler="synchronous"):
        found = on_dask.read_stories(str(path)).compute()
    want = EXPECTED["crawl.warc"]["parts"]
    assert len(found) == len(want)
    for outcome, expected in zip(found, want, strict=True):
        assert outcome.locator.startswith(f"{path}#{expected['offset']}")
        assert (outcome.error is not None) == expected["error"]


CORPUS = SHARED / "corpus" / "html"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus of real pages is not here")
def test_real_pages_read_from_a_warc_as_from_their_files() -> None:
    """Each dev page of ../shared captured in a WARC gives what the HTML reader gives for its file
    (the same stories, or the same error), the target URI as url only where the page names none."""
    pages = sorted(CORPUS.glob("*.html"))
    http = ("HTTP/1.1 200 OK", [("Content-Type", "text/html")])
    records = []
    for number, page in enumerate(pages, 1):
        spec = {"type": "response", "uri": f"https://pages.example/{page.stem}", "payload": page.read_bytes()}
        records.append(gzip.compress(BUILD._record(number, {**spec, "http": http}), mtime=0))
    parts = iter(warc.loads_all(b"".join(records)))
    for page in pages:
        try:
            want = list(html.loads_all(page.read_bytes()))
        except ParseError as exc:
            got = next(parts)
            assert got.error is not None and str(got.error) == str(exc), page.name
            continue
        for expected in want:
            got = next(parts)
            assert (got.error is None) == (expected.error is None), page.name
            if expected.story is None or got.story is None:
                continue
            url = expected.story.url or f"https://pages.example/{page.stem}"
            assert got.story == attrs.evolve(expected.story, url=url), page.name
    assert next(parts, None) is None


# -- the front door and detection ------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_parse_all_detects_a_web_archive(name: str) -> None:
    """newsitem.detect names warc for both files and parse_all gives the same parts as loads_all."""
    data = _data(name)
    assert newsitem.formats.detect(data).layout == "warc"
    got = [(p.where, p.story.headline if p.story else None) for p in newsitem.parse_all(data)]
    want = [(p.where, p.story.headline if p.story else None) for p in warc.loads_all(data)]
    assert got == want


def test_loads_gives_the_first_story_with_its_notes() -> None:
    """newsitem.loads(data, "warc") is the first story; newsitem.read keeps its captured note."""
    data = _data("crawl.warc")
    assert newsitem.loads(data, "warc").headline == EXPECTED["crawl.warc"]["parts"][0]["headline"]
    reading = newsitem.read(data, layout="warc")
    assert [n.code for n in reading.notes if n.code == "captured"] == ["captured"]


def test_loads_of_an_archive_without_pages_says_what_it_holds() -> None:
    """A WARC holding no HTML response is a ParseError naming the records it skipped."""
    data = BUILD._record(1, {"type": "warcinfo", "payload": b"a: b\r\n"})
    with pytest.raises(ParseError, match=r"no HTML response record.*1 warcinfo"):
        warc.loads(data)


def test_sniff_recognises_warc_text_and_gzip_members() -> None:
    """sniff takes a WARC/1.0 or 1.1 opening; sniff_bytes also gzip whose first member is one,
    and not gzip of anything else nor a page that mentions WARC."""
    assert warc.sniff("WARC/1.0\r\nWARC-Type: warcinfo\r\n") is not None
    assert warc.sniff("<p>WARC/1.0</p>") is None
    assert warc.sniff_bytes(b"WARC/1.1\r\nWARC-Type: response\r\n") is not None
    assert warc.sniff_bytes(gzip.compress(b"WARC/1.0\r\n")) is not None
    assert warc.sniff_bytes(gzip.compress(b"<html>WARC/1.0</html>")) is None
    assert warc.sniff_bytes(b"\x1f\x8b not gzip at all") is None
    assert warc.sniff_bytes(b"<html><body><p>WARC/1.0</p></body></html>") is None


def test_a_missing_warcio_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without warcio, reading a WARC raises MissingExtraError naming the extra ``web``."""
    monkeypatch.setitem(sys.modules, "warcio", None)
    with pytest.raises(MissingExtraError, match="web"):
        list(warc.loads_all(_data("crawl.warc")))


# -- damage ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_a_truncated_file_gives_the_records_before_and_one_damage_part(name: str) -> None:
    """Cut inside the page with two articles, the file gives the parts before it, then one
    ParseError part at that record's byte offset."""
    want = EXPECTED[name]["parts"]
    offset = want[-1]["offset"]
    parts = list(warc.loads_all(_data(name)[: offset + 300]))
    before = [p for p in want if p["offset"] < offset]
    assert len(parts) == len(before) + 1
    damage = parts[-1]
    assert isinstance(damage.error, ParseError)
    assert damage.where == f"byte {offset}"
    assert f"at byte {offset:,}" in str(damage.error)


def test_garbage_between_records_is_damage_at_its_offset() -> None:
    """Bytes that are no record after the first one: the first record is read, the garbage is one error part."""
    first = _page_record(1, "https://a.example/1", BUILD.ARTICLE_ONE)
    parts = list(warc.loads_all(first + b"this is not a record\r\n\r\n" + first))
    assert parts[0].story is not None
    assert len(parts) == 2 and isinstance(parts[1].error, ParseError)
    assert parts[1].where == f"byte {len(first)}"


def test_a_wrong_content_length_is_damage() -> None:
    """A record longer than its Content-Length (no blank line where it should end) is damage, not a page."""
    record = _page_record(1, "https://a.example/1", BUILD.ARTICLE_ONE)
    shortened = record.replace(b"Content-Length: ", b"Content-Length: 1", 1)
    parts = list(warc.loads_all(_page_record(2, "https://a.example/0", BUILD.ARTICLE_ONE) + shortened))
    assert parts[0].story is not None
    assert parts[-1].error is not None


def test_one_gzip_stream_for_the_whole_file_says_how_to_fix_it() -> None:
    """A .warc.gz compressed as one stream (not a member per record) reads its first record and then
    says the file must be recompressed."""
    raw = b"".join(_page_record(n, f"https://a.example/{n}", BUILD.ARTICLE_ONE) for n in (1, 2))
    parts = list(warc.loads_all(gzip.compress(raw)))
    assert parts[0].story is not None
    assert parts[-1].error is not None and "recompress" in str(parts[-1].error)


def test_a_page_over_the_payload_limit_is_its_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page larger than the limit once decoded is that record's error, and the next record is read."""
    monkeypatch.setattr(records, "MAX_PAYLOAD", 1000)
    big = _page_record(1, "https://a.example/big", BUILD.ARTICLE_ONE + "<!--" + "x" * 5000 + "-->")
    small = _page_record(2, "https://a.example/small", BUILD.TWO_ARTICLES)
    parts = list(warc.loads_all(big + small))
    assert parts[0].error is not None and "over 1,000 bytes" in str(parts[0].error)
    assert [p.story.headline for p in parts[1:] if p.story] == [
        "Library extends opening hours",
        "Ferry timetable changes",
    ]


@pytest.mark.parametrize("tail", [b"X-Long: " + b"a" * 30_000_000 + b"\r\n\r\n", b"a" * 30_000_000])
def test_a_line_of_megabytes_is_damage_found_quickly(tail: bytes) -> None:
    """A 30 MB header line (with or without its end) is one damage part within seconds: warcio
    reads lines in pieces, not by joining a growing line again and again (quadratic)."""
    started = time.perf_counter()
    (part,) = list(warc.loads_all(b"WARC/1.0\r\n" + tail))
    assert isinstance(part.error, ParseError)
    assert time.perf_counter() - started < 10


@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_newsitem_errors(data: bytes) -> None:
    """Any bytes read as a WARC give parts or raise a NewsItemError, nothing else."""
    try:
        list(warc.loads_all(b"WARC/1.0\r\n" + data))
        list(warc.loads_all(data))
    except NewsItemError:
        pass


@given(st.integers(min_value=0, max_value=5814), st.binary(min_size=1, max_size=8))
def test_a_damaged_sample_raises_only_newsitem_errors(at: int, junk: bytes) -> None:
    """The samples with a few bytes overwritten anywhere give parts (some with errors), never another exception."""
    for name in NAMES:
        data = bytearray(_data(name))
        data[at : at + len(junk)] = junk
        for part in warc.loads_all(bytes(data)):
            assert (part.story is None) != (part.error is None)


# -- streaming -------------------------------------------------------------------------


class _Watched(io.BufferedReader):
    """A file that remembers how far it has been read."""

    furthest = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.furthest = max(self.furthest, self.tell())
        return data


def test_records_are_yielded_before_the_file_is_read(tmp_path: Path) -> None:
    """scan yields the first record when only a little of a 20 MB file has been read (it streams)."""
    path = tmp_path / "big.warc.gz"
    noise = random.Random(17).randbytes(1024 * 1024)  # noqa: S311 - incompressible, not secret
    filler = {"type": "resource", "uri": "https://a.example/blob", "payload": noise}
    with path.open("wb") as out:
        for number in range(1, 21):
            out.write(gzip.compress(BUILD._record(number, filler), compresslevel=1))
    size = path.stat().st_size
    with _Watched(io.FileIO(path)) as stream:
        first = next(records.scan(stream))
        assert first.offset == 0 and first.type == "resource"
        assert stream.furthest < size / 4


MEMORY_PROBE = """
import resource, sys, tracemalloc
from collections import Counter
from pathlib import Path
from newsitem.batch import inputs

path = Path(sys.argv[1])
tracemalloc.start()
skipped = Counter()
units = list(inputs.units([str(path)], skipped=skipped))
total = 0
with inputs.Reader() as reader:
    for unit in units:
        total += len(reader.read(unit))
peak = tracemalloc.get_traced_memory()[1]
print(len(units), sum(skipped.values()), total, peak)
"""


def test_listing_and_reading_a_large_warc_keeps_memory_flat(tmp_path: Path) -> None:
    """A 300 MB WARC written lazily (one record at a time) is listed and its pages read with a
    Python heap peak far below its size (under 16 MB), in a fresh interpreter."""
    path = tmp_path / "large.warc"
    blob = {"type": "response", "uri": "https://a.example/v.mp4", "payload": b"\x00\x17" * (512 * 1024)}
    blob["http"] = ("HTTP/1.1 200 OK", [("Content-Type", "video/mp4")])
    record = BUILD._record(1, blob)
    page = _page_record(2, "https://a.example/news", BUILD.ARTICLE_ONE)
    with path.open("wb") as out:
        for number in range(300):
            out.write(page if number % 30 == 0 else record)
    size = path.stat().st_size
    assert size > 290 * 1024 * 1024
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(MEMORY_PROBE), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    pages, skipped, total, peak = map(int, done.stdout.split())
    assert (pages, skipped) == (10, 290)
    assert total == 10 * (len(page) - 4)  # each record without the blank lines that follow it
    assert peak < 16 * 1024 * 1024 < size


# -- batch: units, locators, convert ---------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_each_html_response_is_a_unit_located_by_its_offset(name: str) -> None:
    """units() gives one warc unit per HTML response, located ``FILE#OFFSET``, counts the other
    records, and the Reader gives that record's bytes (which read back as its page)."""
    path = SAMPLES / name
    skipped: Counter[str] = Counter()
    found = list(inputs.units([str(path)], skipped=skipped))
    offsets = sorted({p["offset"] for p in EXPECTED[name]["parts"]})
    assert [u.locator for u in found] == [f"{path}#{offset}" for offset in offsets]
    assert {u.kind for u in found} == {"warc"}
    assert dict(skipped) == EXPECTED[name]["skipped"]
    with inputs.Reader() as reader:
        data = reader.read(found[0])
    (part,) = list(warc.loads_all(data))
    assert part.unwrap().headline == EXPECTED[name]["parts"][0]["headline"]


def test_a_truncated_file_lists_its_records_then_one_broken_unit(tmp_path: Path) -> None:
    """A file cut inside its last page lists the pages before, then a broken unit at the cut record's offset."""
    offset = EXPECTED["crawl.warc.gz"]["parts"][-1]["offset"]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(_data("crawl.warc.gz")[: offset + 200])
    found = list(inputs.units([str(path)]))
    assert found[-1].kind == "broken" and found[-1].locator == f"{path}#{offset}"
    before = {p["offset"] for p in EXPECTED["crawl.warc.gz"]["parts"] if p["offset"] < offset}
    assert [u.offset for u in found[:-1]] == sorted(before)


def test_without_warcio_a_web_archive_is_one_failure_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Listing a WARC without warcio gives one broken unit whose reason names the extra ``web``."""
    monkeypatch.setitem(sys.modules, "warcio", None)
    (unit,) = list(inputs.units([str(SAMPLES / "crawl.warc")]))
    assert unit.kind == "broken" and "newsitem[web]" in str(unit.member)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_convert_reads_a_web_archive(tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str) -> None:
    """``newsitem convert crawl.warc.gz --to json,html OUT`` writes every story, puts the page that is
    no article in errors.jsonl with its ``FILE#OFFSET`` locator, and says how many records it skipped."""
    source = tmp_path / "crawl.warc.gz"
    source.write_bytes(_data("crawl.warc.gz"))
    out = tmp_path / "out"
    code = main(["convert", str(source), "--to", "json,html", "-o", str(out), "-j", jobs])
    expected = EXPECTED["crawl.warc.gz"]
    stories = [p for p in expected["parts"] if not p["error"]]
    assert code == 1  # one page failed: the run went on
    written = sorted(out.rglob("*.json"))
    assert len(written) == len(stories)
    urls = {json.loads(p.read_text())["url"] for p in written}
    assert urls == {p["url"] for p in stories}
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    failed = [p["offset"] for p in expected["parts"] if p["error"]]
    assert [e["input"] for e in errors] == [f"{source}#{offset}" for offset in failed]
    assert errors[0]["error"] == "ParseError"
    summary = capsys.readouterr().err.strip().splitlines()[-1]
    assert f"skipped {sum(expected['skipped'].values())} records" in summary
    assert (
        f"converted {len(stories)} stories this run ({len(failed)} failed; {len(stories) + len(failed)} in all)"
        in summary
    )


def test_convert_reports_damage_and_keeps_what_came_before(tmp_path: Path) -> None:
    """A truncated WARC converts the pages before the damage; the damage is one error record at its offset."""
    offset = EXPECTED["crawl.warc"]["parts"][-1]["offset"]
    source = tmp_path / "cut.warc"
    source.write_bytes(_data("crawl.warc")[: offset + 200])
    out = tmp_path / "out"
    assert main(["convert", str(source), "--to", "json", "-o", str(out), "-j", "1", "-q"]) == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert errors[-1]["input"] == f"{source}#{offset}"
    assert len(list(out.rglob("*.json"))) == 2


def test_a_forced_layout_still_reads_records_as_warc(tmp_path: Path) -> None:
    """``--from html`` on a WARC still reads each record through the warc format (its pages as HTML)."""
    source = tmp_path / "crawl.warc"
    source.write_bytes(_data("crawl.warc"))
    out = tmp_path / "out"
    main(["convert", str(source), "--to", "json", "--from", "html", "-o", str(out), "-j", "1", "-q"])
    stories = [p for p in EXPECTED["crawl.warc"]["parts"] if not p["error"]]
    assert len(list(out.rglob("*.json"))) == len(stories)


def test_captured_is_a_documented_note_code() -> None:
    """``captured`` is one of the note codes readers may use."""
    assert "captured" in notes.CODES


def test_validate_reports_no_capture_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``validate --strict`` passes a web archive of clean pages: the capture note of each record
    records provenance and is no finding (it was an NI202 warning failing every page)."""
    page = (
        '<html lang="en"><head><script type="application/ld+json">{"@type": "NewsArticle",'
        ' "headline": "Ferry resumes", "datePublished": "2024-05-01T09:30:00+02:00",'
        ' "articleBody": "The ferry sailed again on Wednesday."}</script></head><body></body></html>'
    )
    source = tmp_path / "crawl.warc"
    source.write_bytes(_page_record(1, "https://example.com/ferry", page))
    reading = newsitem.read(source.read_bytes(), layout="warc")
    assert [note.code for note in reading.notes] == ["captured"]
    assert main(["validate", str(source), "--strict", "--output", "jsonl"]) == 0
    assert capsys.readouterr().out == ""
