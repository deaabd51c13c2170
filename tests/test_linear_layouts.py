"""Issue 14, item 3: the text layouts read hostile lines in linear time.

Every regular expression of the layout modules (and of the model's and dates' helpers
they call) is applied, the way its module applies it, to 1 MB lines of each
character class; and each layout's full reader, through ``newsitem.loads`` and
``newsitem.parse``, reads a 1 MB line of each class in each place a line can
stand. A backtracking pattern (``\\s*(?:@<|<|=|@)?\\s*$`` with ``sub`` took 39 s
on 3 KB) blows the generous wall-clock budget by orders of magnitude; the real
figures are in ``benchmarks/bench_hostile_wire.py``.
"""

from __future__ import annotations

import ast
import importlib
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

import newsitem
from newsitem.errors import NewsItemError

MB = 1 << 20
BUDGET = 2.0
"""Seconds per MB: every case takes milliseconds; a quadratic one takes minutes."""

MODULES = [
    *(
        f"newsitem.formats.layouts.{name}"
        for name in (
            "webstory",
            "anpa",
            "iptc7901",
            "email",
            "_email_headers",
            "_email_body",
            "_email_write",
            "agency",
            "teleprinter",
            "_scanner",
            "_draft",
            "_conventions",
        )
    ),
    "newsitem.formats._lenient",
    "newsitem.dates",
    "newsitem._rules",
    "newsitem.model",
]

CLASSES = {
    "spaces": " ",
    "tabs": "\t",
    "letters": "abcXYZ",
    "capitals": "A",
    "digits": "0123456789",
    "angles": "<",
    "equals": "=",
    "at-signs": "@",
    "hyphens": "-",
    "commas": ",",
    "punctuation": ".,;:!?()'\"<=@-_/*#&",
    "non-ascii": "éÉßŁ—ü",
    "controls": "\x01\x0b\x0c\x1f\x7f\x85",
    "mixed": "a <=@-,1\té(.",
    "words": "Ab cd, ",
}


def line(chars: str, size: int = MB) -> str:
    """``size`` characters of ``chars`` repeated."""
    return (chars * (size // len(chars) + 1))[:size]


LINES = {
    f"{name}{end}": line(chars, MB - len(end)) + end for name, chars in CLASSES.items() for end in ("", "<")
}
"""Each class alone, and ending in ``<`` (an end mark) or in a word after a space."""

_APPLIED = re.compile(
    r"\b(_?[A-Za-z][A-Za-z0-9_]*)\.(search|match|fullmatch|sub|subn|findall|finditer|split)\("
)


def _patterns(module: ModuleType) -> Iterator[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
    """The module's compiled patterns (in its globals, dicts and tuples) and the literal
    patterns of its ``re.search(r"...", ...)`` calls."""

    def walk(name: str, value: object) -> Iterator[tuple[str, re.Pattern[str] | re.Pattern[bytes]]]:
        if isinstance(value, re.Pattern):
            yield name, value
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(f"{name}[{key!r}]", item)
        elif isinstance(value, tuple | list):
            for index, item in enumerate(value):
                yield from walk(f"{name}[{index}]", item)

    for name, value in vars(module).items():
        yield from walk(name, value)
    assert module.__file__ is not None
    for node in ast.walk(ast.parse(Path(module.__file__).read_text("utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr != "compile"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str | bytes)
        ):
            yield f"re.{node.func.attr} at line {node.lineno}", re.compile(node.args[0].value)


def _modes(module: ModuleType, name: str) -> set[str]:
    """How the module applies a pattern: ``search`` (for search, sub, split and findall,
    which try every start position) and ``match``/``fullmatch``, which it always gets."""
    assert module.__file__ is not None
    source = Path(module.__file__).read_text("utf-8")
    base = name.split("[", 1)[0]
    modes = {"match", "fullmatch"}
    if name.startswith("re."):
        modes.add("search")
    for found in _APPLIED.finditer(source):
        if found.group(1) == base and found.group(2) not in ("match", "fullmatch"):
            modes.add("search")
    return modes


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


@pytest.mark.parametrize("module_name", MODULES)
def test_every_pattern_is_linear_on_hostile_lines(module_name: str) -> None:
    """Each pattern of the module, applied as the module applies it (search for sub,
    split and findall), takes under 2 s on a 1 MB line of every character class."""
    module = importlib.import_module(module_name)
    patterns = list(_patterns(module))
    slow = []
    for name, pattern in patterns:
        for mode in sorted(_modes(module, name)):
            apply = getattr(pattern, mode)
            for label, text in LINES.items():
                subject: str | bytes = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
                elapsed = _timed(lambda apply=apply, subject=subject: apply(subject))
                if elapsed > BUDGET:
                    slow.append(f"{name}.{mode} on {label}: {elapsed:.1f} s ({pattern.pattern!r})")
    assert slow == []
    if module_name.startswith("newsitem.formats.layouts.") and not module_name.endswith(
        ("_scanner", "_draft")
    ):
        assert patterns, "the enumeration finds the module's patterns"


_ANPA_HEAD = "\x16\x16\x01a1234\x1fasian\nr a\x13\x11 BC-US--Ferry-Vote 11-05 0312\r\n\x02"
_ANPA_TAIL = "\t   \x03AP-WF-11-05-19 2315GMT<\r\n\r\n\x0c\r\n\x04"
_IPTC = "\x01eca0101 3 i 120  {optional}\r\n\n{keywords}\r\n\x02{headline} =\r\n\n{body}\r\n\r\n\x03{trailer}\r\n\x7f\n\x7f\x04"
_IPTC_PARTS = {
    "optional": "dpa 0077",
    "keywords": "Germany/rail/",
    "headline": "Train drivers",
    "body": "Berlin (dpa) - German train drivers.",
    "trailer": "051423 GMT Mar 24",
}
_MAIL = "From: {from}\r\nSubject: {subject}\r\nDate: Mon, 4 Mar 2024 07:15:00 {zone}\r\n\r\n{body}\r\n\r\nMore.\r\n"
_MAIL_PARTS = {"from": "a@b.example", "subject": "Hi", "zone": "+0000", "body": "BERLIN - Text."}
_AGENCY = "{headline}\n\nBy {by}\nAssociated Press\n\n{stamp}\n\nPORTLAND, Ore. (AP) — Voters.\n\n{body}\n"
_AGENCY_PARTS = {
    "headline": "Harbor town",
    "by": "MARIA LOPEZ",
    "stamp": "Updated: 5:14 p.m.",
    "body": "More.",
}
_WEB = "{headline}\nby {by} Tuesday, Jan 29 2013, 8:14am\n{topic} /\nprose /\npost\n{body}\n<< back to stories\n|\n"
_WEB_PARTS = {"headline": "Library hours", "by": "jessie", "topic": "international", "body": "The library."}


def _filled(template: str, parts: dict[str, str], place: str, text: str) -> str:
    return template.format(**{**parts, place: text})


PLACES: dict[str, dict[str, Callable[[str], str]]] = {
    "anpa": {
        "header": lambda t: f"{_ANPA_HEAD}^{t}<\r\n\t   CAPE LISLE, Maine (AP) _ Voters.\r\n{_ANPA_TAIL}",
        "byline": lambda t: f"{_ANPA_HEAD}^Ferry<\r\n^By {t}=\r\n\t   Voters.\r\n{_ANPA_TAIL}",
        "paragraph": lambda t: f"{_ANPA_HEAD}^Ferry<\r\n\t   {t}\r\n \r\n{_ANPA_TAIL}",
        "continuation": lambda t: f"{_ANPA_HEAD}^Ferry<\r\n\t   Voters.\r\n{t}\r\n{_ANPA_TAIL}",
    },
    "iptc7901": {place: (lambda t, p=place: _filled(_IPTC, _IPTC_PARTS, p, t)) for place in _IPTC_PARTS},
    "email": {place: (lambda t, p=place: _filled(_MAIL, _MAIL_PARTS, p, t)) for place in _MAIL_PARTS},
    "agency-copy": {
        place: (lambda t, p=place: _filled(_AGENCY, _AGENCY_PARTS, p, t)) for place in _AGENCY_PARTS
    },
    "web-story": {place: (lambda t, p=place: _filled(_WEB, _WEB_PARTS, p, t)) for place in _WEB_PARTS},
}
READER_CASES = [
    pytest.param(layout, place, id=f"{layout}-{place}")
    for layout, places in PLACES.items()
    for place in places
]


@pytest.mark.parametrize(("layout", "place"), READER_CASES)
def test_reader_is_linear_on_hostile_lines(layout: str, place: str) -> None:
    """The layout's reader, by name and by sniffing, gives a story or our error within
    2 s for a 1 MB line of each character class in this place (never a foreign exception)."""
    slow = []
    for label, text in LINES.items():
        data = PLACES[layout][place](text).encode("utf-8")
        for how, read in (
            ("loads", lambda d=data: newsitem.loads(d, format=layout)),
            ("parse", lambda d=data: newsitem.parse(d)),
        ):
            start = time.process_time()  # CPU time: a busy machine's other processes do not count
            try:
                read()
            except NewsItemError:
                pass
            elapsed = time.process_time() - start
            if elapsed > BUDGET * len(data) / MB:
                slow.append(f"{how} {label}: {elapsed:.1f} s")
    assert slow == []


_ANPA_STORY = _ANPA_HEAD + "^Ferry<\r\n{}\r\n" + _ANPA_TAIL
FIXED = {
    "anpa end mark after 3 KB of spaces (39 s)": (
        "anpa",
        _ANPA_STORY.format("\t   Voters" + " " * 3000 + "<"),
    ),
    "anpa By line of spaces ending in = (cubic)": (
        "anpa",
        _ANPA_STORY.format("^By MARIA" + " " * 3000 + "LOPEZ="),
    ),
    "iptc7901 optional field of 32 KB tabs (5 s)": (
        "iptc7901",
        "\x01eca0101 3 i 120  "
        + "\t" * 32768
        + "<\r\n\x02Train =\r\n\nBerlin.\r\n\x03051423 GMT Mar 24\r\n\x04",
    ),
    "agency-copy stamp of 32 KB spaces (7 s)": (
        "agency-copy",
        "Harbor town\n\nUpdated: " + " " * 32768 + "<\n\nPORTLAND, Ore. (AP) — Voters.\n",
    ),
    "agency-copy By line with 48 KB of spaces (8 s)": (
        "agency-copy",
        "Harbor town\n\nBy MARIA" + " " * 49152 + "LOPEZ\n\nPORTLAND, Ore. (AP) — Voters.\n",
    ),
    "email From of 3,000 nested comments (RecursionError)": (
        "email",
        "From: " + "(" * 3000 + "\r\nSubject: Hi\r\n\r\nBody.\r\n",
    ),
}


@pytest.mark.parametrize("case", FIXED)
def test_fixed_inputs_read_quickly(case: str) -> None:
    """Each input that hung or crashed a layout reader before (the old time in the case's
    name) gives a story within 2 s."""
    layout, text = FIXED[case]
    start = time.perf_counter()
    story = newsitem.loads(text.encode("utf-8"), format=layout)
    assert time.perf_counter() - start < BUDGET
    assert story.headline


def test_anpa_end_mark_after_spaces() -> None:
    """The input of item 3 (a body line of spaces ending in ``<``, 39 s at 3 KB before)
    reads at 1 MB, and the end mark and the spaces before it go."""
    data = PLACES["anpa"]["paragraph"]("Voters" + " " * MB + "<").encode("ascii")
    start = time.perf_counter()
    story = newsitem.loads(data, format="anpa")
    assert time.perf_counter() - start < BUDGET
    assert story.body[0].text == "Voters"
