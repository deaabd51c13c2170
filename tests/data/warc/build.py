"""Build the WARC samples of tests/data/warc/samples/ from pages written here.

Run ``python tests/data/warc/build.py`` (warcio installed) to write ``crawl.warc.gz`` (one
gzip member per record), ``crawl.warc`` (the same records uncompressed) and
``crawl.expected.json``: for each file, what a reader must find, taken from what this script
wrote (each record's byte offset as the writer stood before it, the headline and address of
each page as written below), never from a reader. The output is deterministic: fixed
record ids and dates, gzip members without a time stamp.

The records: a ``warcinfo``; a ``request`` and its ``response`` (a NewsArticle page without
a canonical address: the target URI is its url); a ``metadata`` record; a page in
ISO-8859-1 (named only by the HTTP header) sent chunked and gzip-encoded, with its own
canonical address; a page that is no article (pictures, no words); a PNG; a 404 page; a ``revisit`` of the first
page; a page holding two articles; a ``resource`` record. It also writes the inputs of
tests/data/warc/invalid/ (a page, not a WARC; a file cut in a header, and in a page; a record
without Content-Length; a WARC without a page).
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "samples"
DATE = "2026-03-14T09:26:53Z"

ARTICLE_ONE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbour bridge reopens | Coastline Post</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Harbour bridge reopens after two years of repairs",
 "datePublished": "2026-03-13T18:05:00+01:00",
 "author": {"@type": "Person", "name": "Maren Holt"},
 "articleBody": "The harbour bridge opened to traffic again on Friday evening. Engineers replaced \
all 212 cables of the span. The first bus crossed at six o'clock."}
</script></head>
<body><article><h1>Harbour bridge reopens after two years of repairs</h1>
<p>The harbour bridge opened to traffic again on Friday evening.</p>
<p>Engineers replaced all 212 cables of the span.</p>
<p>The first bus crossed at six o'clock.</p></article></body></html>
"""

ARTICLE_TWO = """<!DOCTYPE html>
<html lang="de"><head><title>Fähre nach Öland fällt aus</title>
<link rel="canonical" href="https://nachrichten.example.de/2026/faehre-oeland">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Fähre nach Öland fällt aus",
 "url": "https://nachrichten.example.de/2026/faehre-oeland",
 "datePublished": "2026-03-12",
 "articleBody": "Die Fähre über den Sund fällt bis Montag aus. Grund ist ein Schaden am Ruder."}
</script></head>
<body><article><h1>Fähre nach Öland fällt aus</h1>
<p>Die Fähre über den Sund fällt bis Montag aus.</p><p>Grund ist ein Schaden am Ruder.</p>
</article></body></html>
"""

NOT_AN_ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"></head>
<body><div class="gallery"><img src="/photos/1.jpg" alt=""><img src="/photos/2.jpg" alt=""></div></body></html>
"""

NOT_FOUND = """<!DOCTYPE html><html><head><title>Not found</title></head>
<body><p>This page does not exist.</p></body></html>
"""

TWO_ARTICLES = """<!DOCTYPE html>
<html lang="en"><head><title>Briefs</title></head><body>
<article itemscope itemtype="https://schema.org/NewsArticle">
<h2 itemprop="headline">Library extends opening hours</h2>
<div itemprop="articleBody"><p>The city library opens until ten at night from April.</p></div>
</article>
<article itemscope itemtype="https://schema.org/NewsArticle">
<h2 itemprop="headline">Ferry timetable changes</h2>
<div itemprop="articleBody"><p>The morning ferry leaves twenty minutes earlier from Monday.</p></div>
</article>
</body></html>
"""

PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def _chunked(data: bytes, size: int = 100) -> bytes:
    pieces = [
        b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size]) for i in range(0, len(data), size)
    ]
    return b"".join(pieces) + b"0\r\n\r\n"


def _records() -> list[dict[str, Any]]:
    """Every record: its WARC type, target, HTTP head and payload, and what a reader must find."""
    one, two = "https://coastline.example.com/news/bridge", "https://nachrichten.example.de/a?id=77"
    encoded = _chunked(gzip.compress(ARTICLE_TWO.encode("iso-8859-1"), mtime=0))
    return [
        {"type": "warcinfo", "payload": b"software: tests/data/warc/build.py\r\nformat: WARC 1.1\r\n"},
        {
            "type": "request",
            "uri": one,
            "http": ("GET /news/bridge HTTP/1.1", [("Host", "coastline.example.com")]),
        },
        {
            "type": "response",
            "uri": one,
            "payload": ARTICLE_ONE.encode("utf-8"),
            "http": ("HTTP/1.1 200 OK", [("Content-Type", "text/html; charset=utf-8")]),
            "expect": [{"headline": "Harbour bridge reopens after two years of repairs", "url": one}],
        },
        {"type": "metadata", "uri": one, "payload": b"outlinks: https://coastline.example.com/\r\n"},
        {
            "type": "response",
            "uri": two,
            "payload": encoded,
            "http": (
                "HTTP/1.1 200 OK",
                [
                    ("Content-Type", "text/html; charset=ISO-8859-1"),
                    ("Content-Encoding", "gzip"),
                    ("Transfer-Encoding", "chunked"),
                ],
            ),
            "expect": [
                {
                    "headline": "Fähre nach Öland fällt aus",
                    "url": "https://nachrichten.example.de/2026/faehre-oeland",
                }
            ],
        },
        {
            "type": "response",
            "uri": "https://coastline.example.com/gallery",
            "payload": NOT_AN_ARTICLE.encode(),
            "expect_error": True,
            "http": ("HTTP/1.1 200 OK", [("Content-Type", "application/xhtml+xml")]),
        },
        {
            "type": "response",
            "uri": "https://coastline.example.com/logo.png",
            "payload": PNG,
            "http": ("HTTP/1.1 200 OK", [("Content-Type", "image/png")]),
            "skip": "non-HTML response",
        },
        {
            "type": "response",
            "uri": "https://coastline.example.com/gone",
            "payload": NOT_FOUND.encode(),
            "http": ("HTTP/1.1 404 Not Found", [("Content-Type", "text/html")]),
            "skip": "non-2xx response",
        },
        {
            "type": "revisit",
            "uri": one,
            "payload": b"",
            "http": ("HTTP/1.1 200 OK", [("Content-Type", "text/html; charset=utf-8")]),
        },
        {
            "type": "response",
            "uri": "https://coastline.example.com/briefs",
            "payload": TWO_ARTICLES.encode(),
            "http": ("HTTP/1.1 200 OK", [("Content-Type", "text/html")]),
            "expect": [
                {"headline": "Library extends opening hours", "url": "https://coastline.example.com/briefs"},
                {"headline": "Ferry timetable changes", "url": "https://coastline.example.com/briefs"},
            ],
        },
        {
            "type": "resource",
            "uri": "https://coastline.example.com/robots.txt",
            "payload": b"User-agent: *\n",
        },
    ]


def _http(head: tuple[str, list[tuple[str, str]]], payload: bytes) -> bytes:
    status, fields = head
    lines = [status, *(f"{name}: {value}" for name, value in fields)]
    if not any(name.lower() == "transfer-encoding" for name, _ in fields):
        lines.append(f"Content-Length: {len(payload)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("iso-8859-1") + payload


def _record(number: int, spec: dict[str, Any]) -> bytes:
    """One WARC/1.1 record, uncompressed, with its two closing line breaks."""
    block = spec.get("payload", b"")
    content_type = "application/warc-fields"
    if "http" in spec:
        block = _http(spec["http"], block)
        content_type = "application/http; msgtype=" + ("request" if spec["type"] == "request" else "response")
    elif spec["type"] == "resource":
        content_type = "text/plain"
    fields = [
        ("WARC-Type", spec["type"]),
        ("WARC-Record-ID", f"<urn:uuid:00000000-0000-4000-8000-{number:012d}>"),
        ("WARC-Date", DATE),
    ]
    if "uri" in spec:
        fields.append(("WARC-Target-URI", spec["uri"]))
    if spec["type"] == "revisit":
        fields.append(("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"))
        fields.append(("WARC-Refers-To-Target-URI", spec["uri"]))
    fields += [("Content-Type", content_type), ("Content-Length", str(len(block)))]
    head = "WARC/1.1\r\n" + "".join(f"{name}: {value}\r\n" for name, value in fields) + "\r\n"
    return head.encode("utf-8") + block + b"\r\n\r\n"


def build(compressed: bool) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and what a reader must find in it."""
    out = io.BytesIO()
    parts: list[dict[str, Any]] = []
    skipped: dict[str, int] = {}
    for number, spec in enumerate(_records(), 1):
        offset = out.tell()
        raw = _record(number, spec)
        out.write(gzip.compress(raw, mtime=0) if compressed else raw)
        if "expect" in spec:
            parts += [{"offset": offset, "error": False, "date": DATE, **item} for item in spec["expect"]]
        elif spec.get("expect_error"):
            parts.append({"offset": offset, "error": True})
        else:
            key = spec.get("skip", spec["type"])
            skipped[key] = skipped.get(key, 0) + 1
    return out.getvalue(), {"parts": parts, "skipped": skipped, "records": len(_records())}


def invalid() -> dict[str, bytes]:
    """The inputs of tests/data/warc/invalid/ (their .expected files are written by hand)."""
    info = _record(1, {"type": "warcinfo", "payload": b"software: by hand\r\n"})
    page = _record(
        2,
        {
            "type": "response",
            "uri": "https://a.example/1",
            "payload": ARTICLE_ONE.encode(),
            "http": ("HTTP/1.1 200 OK", [("Content-Type", "text/html")]),
        },
    )
    return {
        "not-a-warc.warc": b"<html><body>This is a page, not a web archive.</body></html>\n",
        "cut-in-a-header.warc": info + page[:60],
        "no-content-length.warc": info + page.replace(b"Content-Length: ", b"X-Length: ", 1),
        "only-warcinfo.warc": info,
        "cut-in-a-page.warc.gz": gzip.compress(info, mtime=0) + gzip.compress(page, mtime=0)[:300],
    }


def main() -> None:
    for name, data in invalid().items():
        (HERE.parent / "invalid" / name).write_bytes(data)
    expected = {}
    for name, compressed in (("crawl.warc.gz", True), ("crawl.warc", False)):
        data, found = build(compressed)
        (HERE / name).write_bytes(data)
        expected[name] = found
    text = json.dumps(expected, indent=2, ensure_ascii=False) + "\n"
    (HERE / "crawl.expected.json").write_text(text, encoding="utf-8")
    print(f"wrote {', '.join(expected)} and crawl.expected.json in {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()
