"""The standards' own suites, file by file: read, refused with the reason, or failed.

``../shared/corpus/newsml-g2-conformance/<version>/should_pass|should_fail/`` (IPTC's
NewsML-G2 unit-test files) and ``../shared/corpus/ninjs-conformance/<version>/...``
(IPTC's ninjs validation suite) are read with the format's ``loads_all``, its
``loads`` and ``newsitem.parse_all`` (detection). The rule (issue "Agency feeds as
agencies send them", Conformance):

* a should-pass document reads into a Story, or is refused as a non-text item WITH
  THE REASON: a ParseError or ValidationError whose message says what it is. What
  the document says it is comes from the raw document, not from our reader (the
  root element and ``itemClass`` of NewsML-G2, the ``type`` of ninjs): a declared
  kind (picture, package, concept, planning, event...) must be named; an item that
  declares none (or declares text) may be refused for having no text at all (no
  headline, body or summary: a fragment). Pictures, graphics, video and audio are
  refused, never read as stories;
* a should-fail document gives only our error types, or a story;
* nothing raises a foreign exception, in any of the three calls.

Run from the checkout: ``python -m tests.conformance_report`` prints per folder
``read / refused / failed`` (for should-fail folders, how many stories came with a note saying
what was invalid) and each failure with its reason (``--markdown`` prints the failures as a
Markdown table, as /work/brief/conformance.md shows them; ``--unnoted`` lists the should-fail
documents read as stories without a note).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

import newsitem
from newsitem.errors import NewsItemError, ParseError, ValidationError

from .conftest import SHARED

CORPUS = SHARED / "corpus"
SUITES = (("newsml-g2-conformance", "newsml-g2"), ("ninjs-conformance", "ninjs"))
"""Each suite's folder under ``../shared/corpus`` and the format that reads it."""

NOT_STORIES = frozenset({"picture", "graphic", "video", "audio"})
"""Declared kinds that must be refused: media, not text."""

NAMES: dict[str, tuple[str, ...]] = {
    "picture": ("picture", "photo", "image"),
    "graphic": ("graphic", "picture", "image"),
    "video": ("video",),
    "audio": ("audio",),
    "composite": ("composite", "package"),
    "component": ("component",),
    "event": ("event",),
    "planning": ("planning", "planned coverage"),
    "package": ("package",),
    "concept": ("concept",),
    "knowledge": ("knowledge", "concept"),
    "catalog": ("catalog",),
    "interactive": ("interactive",),
}
"""Each declared kind and the words that name it in a refusal (case-insensitive)."""

NO_TEXT = re.compile(r"no headline|needs? a headline|not a text|no text|fragment|empty", re.IGNORECASE)
"""How a refusal of an item that declares no other kind says it has no text."""

_G2_ROOTS = {
    "packageItem": "package",
    "conceptItem": "concept",
    "knowledgeItem": "knowledge",
    "planningItem": "planning",
    "catalogItem": "catalog",
    "catalog": "catalog",
}
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@dataclass(frozen=True)
class Outcome:
    """What became of one conformance file."""

    path: Path
    """The file."""
    status: str
    """``read`` (a story), ``refused`` (our error, with its reason) or ``failed``."""
    detail: str
    """The story's headline, the refusal's message, or why it failed."""
    notes: int = 0
    """How many notes came with a should-fail document read as a story (what was invalid)."""

    @property
    def folder(self) -> str:
        """``ninjs-conformance/3.0/should_pass``."""
        return str(self.path.parent.relative_to(CORPUS))

    @property
    def should_pass(self) -> bool:
        """Whether the suite says the document is valid."""
        return self.path.parent.name == "should_pass"


def files() -> Iterator[tuple[Path, str]]:
    """Every file of both suites with the format that reads it, in folder order."""
    for suite, fmt in SUITES:
        for path in sorted((CORPUS / suite).glob("*/should_*/*")):
            if path.is_file():
                yield path, fmt


def _g2_kind(data: bytes) -> str | None:
    try:
        root = etree.fromstring(data, _SAFE)
    except etree.XMLSyntaxError:
        return None
    name = etree.QName(root).localname
    if name != "newsItem":
        return _G2_ROOTS.get(name)
    item_class = next(root.iter("{*}itemClass"), None)
    if item_class is None:
        return None
    code = item_class.get("qcode") or item_class.get("uri") or ""
    kind = re.split(r"[:/]", code.rstrip("/"))[-1].lower()
    return None if kind in ("", "text") else kind


def _ninjs_kind(data: bytes) -> str | None:
    try:
        document = json.loads(data)
    except ValueError:
        return None
    kind = document.get("type") if isinstance(document, dict) else None
    return kind.lower() if isinstance(kind, str) and kind.lower() != "text" else None


def declared_kind(path: Path, fmt: str) -> str | None:
    """What the raw document says it is, when it is not a text story (None: text, or nothing)."""
    data = path.read_bytes()
    return _g2_kind(data) if fmt == "newsml-g2" else _ninjs_kind(data)


def _a(word: str) -> str:
    return f"an {word}" if word[:1] in "aeiou" else f"a {word}"


def _reasoned(error: NewsItemError, kind: str | None) -> str | None:
    """Why a refusal of a should-pass document is not acceptable (None: it is)."""
    if not isinstance(error, (ParseError, ValidationError)):
        return f"refused with {type(error).__name__}, not a ParseError or ValidationError: {error}"
    message = str(error).lower()
    if kind is not None:
        words = NAMES.get(kind, (kind,))
        if not any(word in message for word in words):
            return f"{_a(kind)} item refused without saying it is one ({' / '.join(words)}): {error}"
        return None
    if NO_TEXT.search(message) is None and not any(w in message for ws in NAMES.values() for w in ws):
        return f"refused without saying what the document is: {error}"
    return None


def _foreign(path: Path, fmt: str) -> str | None:
    """The first foreign exception of ``loads`` or ``parse_all``, described (None: none)."""
    data = path.read_bytes()
    calls: tuple[tuple[str, Callable[[], object]], ...] = (
        (f"loads(format={fmt!r})", lambda: newsitem.loads(data, fmt)),
        ("parse_all (detection)", lambda: list(newsitem.parse_all(data))),
    )
    for name, call in calls:
        try:
            call()
        except NewsItemError:
            pass
        except Exception as exc:  # the point: catch anything foreign
            return f"{name} raised {type(exc).__name__}: {exc}"
    return None


def outcome(path: Path, fmt: str) -> Outcome:
    """Read ``path`` as ``fmt`` and judge it by the suite's rule."""
    should_pass = path.parent.name == "should_pass"
    try:
        parts = list(newsitem.loads_all(path.read_bytes(), fmt))
    except NewsItemError as exc:
        errors: list[NewsItemError] = [exc]
        stories = []
        noted = 0
    except Exception as exc:  # the point: catch anything foreign
        return Outcome(path, "failed", f"loads_all raised {type(exc).__name__}: {exc}")
    else:
        errors = [p.error for p in parts if p.error is not None]
        stories = [p.story for p in parts if p.story is not None]
        noted = sum(len(p.notes) for p in parts if p.story is not None)
    foreign = _foreign(path, fmt)
    if foreign is not None:
        return Outcome(path, "failed", foreign)
    if not should_pass:
        if stories:
            return Outcome(path, "read", f"a story: {stories[0].headline!r}", notes=noted)
        return Outcome(path, "refused", str(errors[0]))
    kind = declared_kind(path, fmt)
    if stories and kind in NOT_STORIES:
        return Outcome(path, "failed", f"{_a(kind)} item read as a story; media items are refused")
    for error in errors:
        why = _reasoned(error, kind)
        if why is not None:
            return Outcome(path, "failed", why)
    if stories:
        return Outcome(path, "read", f"a story: {stories[0].headline!r}")
    return Outcome(path, "refused", str(errors[0]))


def outcomes() -> Iterator[Outcome]:
    """Every file's outcome, in folder order."""
    for path, fmt in files():
        yield outcome(path, fmt)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the counts per folder and each failure; return 0 (1 when the corpus is absent)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not CORPUS.is_dir():
        print(f"no shared corpus at {CORPUS}")
        return 1
    results = list(outcomes())
    folders = sorted({o.folder for o in results}, key=lambda f: [_version_key(p) for p in f.split("/")])
    total = {"read": 0, "refused": 0, "failed": 0}
    for folder in folders:
        mine = [o for o in results if o.folder == folder]
        counts = {status: sum(o.status == status for o in mine) for status in total}
        for status, n in counts.items():
            total[status] += n
        noted = sum(o.notes > 0 for o in mine if o.status == "read" and not o.should_pass)
        with_notes = f" (with a note: {noted})" if not mine[0].should_pass and counts["read"] else ""
        print(
            f"{folder}: {len(mine)} files: read {counts['read']}{with_notes} / refused {counts['refused']}"
            f" / failed {counts['failed']}"
        )
    print(
        f"all: {len(results)} files: read {total['read']} / refused {total['refused']}"
        f" / failed {total['failed']}"
    )
    failed = [o for o in results if o.status == "failed"]
    if failed:
        print()
        if "--markdown" in args:
            print("| file | why it fails |\n| --- | --- |")
        for o in failed:
            name = o.path.relative_to(CORPUS)
            detail = o.detail.replace("|", "\\|").replace("\n", " ")
            print(f"| {name} | {detail} |" if "--markdown" in args else f"  {name}: {detail}")
    if "--unnoted" in args:
        print("\nShould-fail documents read as a story without a note (what was invalid is not said):")
        for o in results:
            if o.status == "read" and not o.should_pass and not o.notes:
                print(f"  {o.path.relative_to(CORPUS)}")
    return 0


def _version_key(part: str) -> tuple[int, ...] | tuple[str]:
    return tuple(int(n) for n in part.split(".")) if re.fullmatch(r"\d+(\.\d+)*", part) else (part,)


if __name__ == "__main__":
    sys.exit(main())
