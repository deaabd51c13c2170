"""The contract every registered format keeps, tested in one place for all of them.

``loads(data, *, tz=None) -> Story`` and ``dumps(story, *, lossy=False, **options)``
with the return type the registry states; ``load``/``dump`` derived once through
paths and binary file objects; arbitrary input gives a Story or one of our errors;
and ``loads(dumps(carried(s))) == carried(s)`` over :mod:`newsitem.strategies`.
"""

from __future__ import annotations

import inspect
import io
import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsitem
from newsitem import Byline, NewsItemError, Role, Story, formats
from newsitem.errors import SerializeError
from newsitem.strategies import stories

ALL = [info.name for info in formats.available()]
READERS = [info.name for info in formats.available() if info.can_read]
WRITERS = [info.name for info in formats.available() if info.can_write]
VERBS = {"loads", "dumps", "sniff", "sniff_bytes", "carried", "loads_all"}


def module(name: str) -> ModuleType:
    """The module implementing format ``name``."""
    return formats.load_module(name)  # type: ignore[return-value]


def carried(name: str) -> Callable[[Story], Story]:
    """The format's projection of a story (the identity for lossless formats)."""
    return getattr(module(name), "carried", lambda story: story)


# What a format's grammar needs of every story, beyond the model's own rules: ninjs
# names a story by a URI and needs an offset on every time; a web-story page always
# prints a time and an author, and at most one submitter.
NEEDS: dict[str, dict[str, bool]] = {"ninjs": {"naive": False}}
"""Arguments of newsitem.strategies.stories() for formats that cannot hold every time."""


_RFC3986 = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]+")
"""A plain ASCII URI, as ninjs' ``"format": "uri"`` takes it (``is_uri`` also takes IRIs)."""


TEXT_LAYOUTS = frozenset({"anpa", "iptc7901", "teleprinter", "email", "web-story"})
"""The layouts that print text only: control bytes are their framing, never their text."""


def _printable(story: Story) -> bool:
    """Whether any of the story's texts has a character that is neither a control byte nor space."""
    texts = [story.headline or "", story.summary or "", *(block.text for block in story.body)]
    return any(not (char.isspace() or unicodedata.category(char) == "Cc") for text in texts for char in text)


def _ninjs_fit(story: Story) -> Story:
    plain = story.guid is not None and _RFC3986.fullmatch(story.guid) is not None
    return story if plain else attrs.evolve(story, guid=newsitem.mint_guid(story))


def _guid_fit(story: Story) -> Story:
    return story if story.guid is not None else attrs.evolve(story, guid=newsitem.mint_guid(story))


def _web_story_fit(story: Story) -> Story:
    others = tuple(b for b in story.bylines if b.role is not Role.SUBMITTER)
    submitters = tuple(b for b in story.bylines if b.role is Role.SUBMITTER)[:1]
    author = () if any(b.role is Role.AUTHOR for b in others) else (Byline(name="A. Writer"),)
    return attrs.evolve(
        story,
        published=story.published or datetime(2020, 1, 2, 3, 4),  # the layout prints naive times
        bylines=author + others + submitters,
    )


FITS: dict[str, Callable[[Story], Story]] = {
    "ninjs": _ninjs_fit,
    "newsml-g2": _guid_fit,
    "web-story": _web_story_fit,
}
"""The smallest change that makes any story fit the format's grammar."""


READ_ONLY: dict[str, str] = {
    "newsml-1.2": (
        "<NewsML><NewsItem><Identification><NewsIdentifier><ProviderId>example.com</ProviderId>"
        "<DateId>20240501</DateId><NewsItemId>1</NewsItemId><RevisionId>1</RevisionId></NewsIdentifier>"
        "</Identification><NewsComponent><NewsLines><HeadLine>Ferry resumes service</HeadLine></NewsLines>"
        "</NewsComponent></NewsItem></NewsML>"
    ),
}
"""A small document of each read-only format that is not agency copy."""


def _warc_sample() -> str:
    """One WARC response record holding a page with a JSON-LD NewsArticle (lengths computed)."""
    page = (
        "<!DOCTYPE html><html><head><title>Ferry resumes service</title>"
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
        ' "headline": "Ferry resumes service", "articleBody": "The ferry sailed again on Wednesday'
        ' after a week of repairs to its engines."}</script></head><body></body></html>'
    )
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {len(page)}\r\n\r\n{page}"
    head = (
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
        "WARC-Date: 2024-05-01T09:30:00Z\r\nWARC-Target-URI: https://example.com/ferry\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    )
    return f"{head}{http}\r\n\r\n"


READ_ONLY["warc"] = _warc_sample()


def sample(name: str) -> str | bytes:
    """A small document in format ``name`` (written by it, or a literal for read-only ones)."""
    if formats.get(name).can_write:
        story = Story(headline="Ferry resumes service", published=datetime(2024, 5, 1, 9, 30, tzinfo=UTC))
        fit = FITS.get(name, lambda s: s)
        return newsitem.dumps(carried(name)(fit(story)), format=name, lossy=True)
    if name in READ_ONLY:
        return READ_ONLY[name]
    return (
        "Ferry resumes service\n\nBy A. Writer\n\nWELLINGTON, May 1 (Agency) - The ferry sailed again "
        "on Wednesday after a week of repairs to its engines.\n"
    )


class TestSignatures:
    """Every format's verbs have the contract's signatures and nothing else is public."""

    @pytest.mark.parametrize("name", READERS)
    def test_loads_signature(self, name: str) -> None:
        """loads takes the data positionally and tz as its only keyword, defaulting to None."""
        parameters = list(inspect.signature(module(name).loads).parameters.values())
        assert [p.name for p in parameters] == ["data", "tz"]
        assert parameters[1].kind is inspect.Parameter.KEYWORD_ONLY
        assert parameters[1].default is None

    @pytest.mark.parametrize("name", [n for n in READERS if hasattr(module(n), "loads_all")])
    def test_loads_all_signature(self, name: str) -> None:
        """A container format's loads_all takes the data positionally and tz as its only keyword."""
        parameters = list(inspect.signature(module(name).loads_all).parameters.values())
        assert [p.name for p in parameters] == ["data", "tz"]
        assert parameters[1].kind is inspect.Parameter.KEYWORD_ONLY and parameters[1].default is None

    @pytest.mark.parametrize("name", READERS)
    def test_loads_all_of_a_sample_gives_its_story(self, name: str) -> None:
        """loads_all of a one-story document gives one part holding the story loads reads."""
        document = sample(name)
        (part,) = newsitem.loads_all(document, format=name, name="sample")
        assert part.locator == "sample#1" and part.unwrap() == newsitem.loads(document, format=name)

    @pytest.mark.parametrize("name", WRITERS)
    def test_dumps_signature(self, name: str) -> None:
        """dumps takes the story positionally, then lossy=False and format options, all keyword-only."""
        parameters = list(inspect.signature(module(name).dumps).parameters.values())
        assert parameters[0].name == "story"
        assert parameters[1].name == "lossy"
        assert parameters[1].default is False
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters[1:])
        assert all(p.default is not inspect.Parameter.empty for p in parameters[1:])

    @pytest.mark.parametrize("name", ALL)
    def test_all_holds_the_verbs_only(self, name: str) -> None:
        """A format module's __all__ names its verbs and nothing else; what it can do matches the registry."""
        info = formats.get(name)
        public = set(module(name).__all__)
        assert public <= VERBS
        assert ("loads" in public) == info.can_read
        assert ("dumps" in public) == info.can_write

    @pytest.mark.parametrize("name", ALL)
    def test_no_public_helpers(self, name: str) -> None:
        """Every public name of a format module is a verb in __all__, a module, or a class or function imported from outside newsitem.formats: no public constant or helper."""
        mod = module(name)
        leaked = {
            key
            for key, value in vars(mod).items()
            if not key.startswith("_")
            and key not in mod.__all__
            and key != "annotations"
            and not isinstance(value, ModuleType)
            and not (
                (inspect.isclass(value) or inspect.isroutine(value) or type(value).__module__ == "typing")
                and not str(getattr(value, "__module__", "")).startswith("newsitem.formats")
            )
        }
        assert leaked == set(), f"{name} exposes helpers or constants: {sorted(leaked)}"

    @pytest.mark.parametrize("name", WRITERS)
    def test_return_type_is_the_registrys(self, name: str) -> None:
        """dumps returns bytes exactly when the registry says the format is binary."""
        assert isinstance(sample(name), bytes) == formats.get(name).binary


class TestInputs:
    """Text and bytes, paths and binary file objects, give the same story."""

    @pytest.mark.parametrize("name", READERS)
    def test_str_and_bytes(self, name: str) -> None:
        """A document read from its text and from its UTF-8 bytes gives the same story."""
        data = sample(name)
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        assert newsitem.loads(text, format=name) == newsitem.loads(text.encode("utf-8"), format=name)

    @pytest.mark.parametrize("name", READERS)
    def test_tz_is_accepted(self, name: str) -> None:
        """Every reader accepts tz= (formats whose times carry offsets ignore it)."""
        data = sample(name)
        assert isinstance(newsitem.loads(data, format=name, tz="Europe/Berlin"), Story)

    @pytest.mark.parametrize("name", WRITERS)
    def test_dump_and_load_through_a_path(self, name: str, tmp_path: Path) -> None:
        """dump to a path and load from it give back what loads gives for the same document."""
        story = newsitem.loads(sample(name), format=name)
        path = tmp_path / "story"
        newsitem.dump(story, path, format=name, lossy=True)
        assert newsitem.load(path, format=name) == newsitem.loads(path.read_bytes(), format=name)
        assert path.read_bytes().rstrip(b"\n") == _as_bytes(
            newsitem.dumps(story, format=name, lossy=True)
        ).rstrip(b"\n")

    @pytest.mark.parametrize("name", WRITERS)
    def test_dump_and_load_through_binary_files(self, name: str) -> None:
        """A binary file object works both ways; text results are written as UTF-8."""
        story = newsitem.loads(sample(name), format=name)
        buffer = io.BytesIO()
        newsitem.dump(story, buffer, format=name, lossy=True)
        buffer.seek(0)
        assert newsitem.load(buffer, format=name) == newsitem.loads(buffer.getvalue(), format=name)

    @pytest.mark.parametrize("name", READERS)
    def test_text_file_objects_get_a_clear_error(self, name: str) -> None:
        """A text-mode file object is refused with our UsageError naming binary mode."""
        with pytest.raises(newsitem.UsageError, match=r"binary|'rb'"):
            newsitem.load(io.StringIO("x"), format=name)


def _as_bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


class TestArbitraryInput:
    """No input makes a reader raise anything but a Story or one of our errors."""

    @pytest.mark.parametrize("name", READERS)
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(data=st.binary(max_size=400))
    def test_arbitrary_bytes(self, name: str, data: bytes) -> None:
        """Arbitrary bytes give a Story or a NewsItemError."""
        try:
            result = newsitem.loads(data, format=name)
        except NewsItemError:
            return
        assert isinstance(result, Story)

    @pytest.mark.parametrize("name", READERS)
    @given(data=st.data())
    def test_damaged_documents(self, name: str, data: st.DataObject) -> None:
        """A real document with a slice cut out or bytes overwritten gives a Story or a NewsItemError."""
        document = _as_bytes(sample(name))
        start = data.draw(st.integers(0, len(document)))
        end = data.draw(st.integers(start, min(len(document), start + 40)))
        patch = data.draw(st.binary(max_size=8))
        damaged = document[:start] + patch + document[end:]
        try:
            result = newsitem.loads(damaged, format=name)
        except NewsItemError:
            return
        assert isinstance(result, Story)


class TestRoundTrip:
    """loads(dumps(carried(s))) == carried(s) for every writable format over newsitem.strategies."""

    @pytest.mark.parametrize("name", WRITERS)
    @given(data=st.data())
    def test_carried_reads_back_exactly(self, name: str, data: st.DataObject) -> None:
        """What a format says it carries, it writes strictly and reads back equal, offsets included."""
        story = FITS.get(name, lambda s: s)(data.draw(stories(**NEEDS.get(name, {}))))
        try:
            kept = carried(name)(story)
        except SerializeError:
            # A wire layout prints no control byte as text: a story whose every text is control
            # bytes has nothing to print, and says so; any other refusal is a failure.
            assert name in TEXT_LAYOUTS and not _printable(story)
            return
        written = newsitem.dumps(kept, format=name)
        back = newsitem.loads(written, format=name)
        assert back == kept
        assert [t.utcoffset() for t in (back.published, back.updated) if isinstance(t, datetime)] == [
            t.utcoffset() for t in (kept.published, kept.updated) if isinstance(t, datetime)
        ]

    @pytest.mark.parametrize("name", WRITERS)
    def test_strict_refusal_names_what_is_lost(self, name: str) -> None:
        """A strict write of a story the format cannot carry whole names the fields, or succeeds exactly."""
        story = Story(
            headline="A headline",
            subheadline="A subheadline",
            embargoed=datetime(2020, 1, 1, tzinfo=UTC),
            extras={"x.y": "z"},
        )
        story = FITS.get(name, lambda s: s)(story)
        try:
            written = newsitem.dumps(story, format=name)
        except SerializeError as exc:
            assert exc.lost, "a strict refusal lists the fields it would lose"
            assert "lossy=True" in str(exc)
            return
        assert newsitem.loads(written, format=name) == story
