"""How a page's values are taken: exactly (our own pages) or leniently (other pages).

Our own pages (``data-newsitem="1"``) are read exactly: a value the model refuses
(a time included) raises its :class:`~newsitem.errors.ValidationError`, located at the
value's itemprop path and the line of its element (:func:`located`). Other pages follow the one leniency rule
(:func:`newsitem.formats._lenient.keep`): a URI, language tag, identifier, time or
version the model refuses is kept as text in the story's extras under ``html.`` and
reported as a ``kept-in-extras`` note; it never fails the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime

from newsitem import dates
from newsitem.errors import ParseError, Problem, ValidationError
from newsitem.formats._decode import is_number
from newsitem.formats._lenient import keep, never
from newsitem.formats._markup import LinkRule, as_written, lenient_links
from newsitem.model import BylineKind, is_code, is_language, is_token, is_uri

NAME = "html"

SCHEMA_TYPES = {BylineKind.PERSON: "Person", BylineKind.ORGANISATION: "Organization"}
"""A byline's kind -> its schema.org type, as microdata and JSON-LD write it (reading
takes subtypes too: :func:`newsitem.formats.html._microdata.kind_of`)."""


ARTICLE_TYPES = frozenset(
    {"Article", "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
     "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle", "Report",
     "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle", "SocialMediaPosting", "BlogPosting",
     "LiveBlogPosting", "DiscussionForumPosting", "TechArticle", "APIReference"}
)  # fmt: skip
"""schema.org's article types: ``Article`` and every subtype of it (schema.org 26), as the last
segment of an ``itemtype`` or ``@type`` (``https://schema.org/BlogPosting``, ``schema:Report``)."""


def type_names(types: object) -> list[str]:
    """The schema.org type names of ``types`` (one type or a list; ``itemtype`` may hold several
    separated by spaces): each the last segment of its IRI or compact IRI."""
    names = types.split() if isinstance(types, str) else types if isinstance(types, list) else []
    return [name.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1] for name in names if isinstance(name, str)]


def is_article_type(types: object) -> bool:
    """Whether ``types`` names a schema.org article type (:data:`ARTICLE_TYPES`)."""
    return any(name in ARTICLE_TYPES for name in type_names(types))


_NOT_PAGES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif", ".bmp", ".ico", ".tif", ".tiff",
              ".mp4", ".mp3", ".webm", ".pdf")  # fmt: skip


def is_page_url(value: object) -> bool:
    """A web page's URL (``http``/``https``, the model's URI rule), not a picture or a file
    (a path ending ``.jpg``, ``.png``, ``.svg``, ``.pdf``...): what ``url`` may hold."""
    if (
        not isinstance(value, str)
        or not is_uri(value)
        or not value.lower().startswith(("http://", "https://"))
    ):
        return False
    path = value.split("#", 1)[0].split("?", 1)[0].lower()
    return not path.endswith(_NOT_PAGES)


EARLIEST = 1900
"""The earliest year of another page's date that is taken as the story's (earlier: a placeholder)."""

_TIMES = {"datePublished": "published", "dateModified": "updated", "embargoed": "embargoed"}
"""The page's name of a time -> its model field."""


def line_of(element: object) -> int | None:
    """The 1-based line of an lxml element in the page (None when unknown)."""
    line: int | None = getattr(element, "sourceline", None)  # lxml-stubs types it as "..."
    return line


@contextmanager
def located(path: str, where: str, line: int | None = None) -> Iterator[None]:
    """Re-raise a ValidationError from inside the block re-rooted at the model ``path``
    (``Story.bylines[1]``, as every format but ``json`` names model paths) and located
    at the document path ``where`` and the ``line`` of its element."""
    try:
        yield
    except ValidationError as exc:
        raise exc.prefixed(path).located(format=NAME, where=where, line=line) from None


def locate_story(
    exc: ValidationError, places: Callable[[str], tuple[str | None, int | None]]
) -> ValidationError:
    """``exc`` from a Story constructor, each problem located by its field (``places``:
    field name -> document path and line)."""
    return exc.prefixed("Story").placed(format=NAME, place=lambda problem: places(problem.field[0]))


def keywords(values: Iterable[str], *, split: bool) -> list[str]:
    """schema.org ``keywords`` of another page: one comma-separated text (``split``) or
    one keyword a value; blank ones and repeats dropped, the order kept."""
    parts = (part for value in values for part in (value.split(",") if split else [value]))
    return list(dict.fromkeys(keyword for keyword in (part.strip() for part in parts) if keyword))


class Exact:
    """Our own page: values as written; the model's rules apply as they are."""

    exact = True
    extras: dict[str, str]

    def __init__(self) -> None:
        self.extras = {}

    def uri(self, value: str | None, name: str) -> str | None:
        """The URI as written."""
        return value

    def language(self, value: str | None) -> str | None:
        """The language tag as written."""
        return value

    def token(self, value: str | None, name: str) -> str | None:
        """The identifier as written."""
        return value

    def when(self, text: str | None, name: str, line: int | None = None) -> datetime | date | None:
        """A day alone as written (``YYYY-MM-DD``: a date), else :meth:`time`."""
        try:
            day = None if text is None else dates.parse_day(text)
        except ValueError:
            day = None  # the time rule names the problem
        return day if day is not None else self.time(text, name, line)

    def time(self, text: str | None, name: str, line: int | None = None) -> datetime | None:
        """An ISO 8601 time as written (``name``: its itemprop or ``data-newsitem-field``,
        ``line``: its element's).

        Raises:
            ValidationError: not one, or one the model cannot hold (the model's time rule),
                located at ``name`` and ``line``.
        """
        if text is None:
            return None
        try:
            return dates.parse_iso(text)
        except ValueError as exc:
            where = name if name in ("datePublished", "dateModified") else f"data-newsitem-field={name}"
            problem = Problem(f"Story.{_TIMES[name]}", str(exc), where=where, line=line)
            raise ValidationError([problem], format=NAME) from None

    def version(self, text: str | None, line: int | None = None) -> int:
        """The version as written (1 when absent).

        Raises:
            ParseError: not a number, at the element's ``line``.
        """
        if text is None:
            return 1
        if not is_number(text):
            raise ParseError(f"version: expected a number, got {text[:40]!r}", format=NAME, line=line)
        return int(text)

    def code(self, value: str | None, name: str) -> str | None:
        """A subject code as written."""
        return value

    link = staticmethod(as_written)
    """A body link as written."""
    media = staticmethod(as_written)
    """A figure's URI as written."""


class Lenient:
    """Another page: values the model refuses go to extras with a note.

    ``prefix`` is how document paths start (``""`` for microdata itemprop paths,
    ``"$."`` for JSON-LD); extras keys are ``html.`` and the path without ``$.``.
    """

    exact = False

    def __init__(self, prefix: str = "") -> None:
        self.extras: dict[str, str] = {}
        self.prefix = prefix
        self.link: LinkRule = lenient_links(self._link_refused)
        """A body link (:func:`~newsitem.formats._markup.lenient_links`): one the model
        refuses is kept in extras as ``html.body[P].link[I]``."""
        self.media: LinkRule = lenient_links(self._media_refused)
        """A figure's URI, by the same rule: one the model refuses is kept in extras as
        ``html.body[P].src`` (a relative one is dropped, as a relative link is)."""

    def _keep(
        self, value: str | None, ok: Callable[[object], bool], name: str, what: str, line: int | None = None
    ) -> str | None:
        return keep(
            value,
            ok,
            extras=self.extras,
            key=f"html.{name}",
            format=NAME,
            where=self.prefix + name,
            line=line,
            what=what,
        )

    def uri(self, value: str | None, name: str) -> str | None:
        """An absolute URI the model takes; else kept in extras."""
        return self._keep(value, is_uri, name, "not an absolute URI the model takes")

    def page_url(self, value: str | None, name: str) -> str | None:
        """A web page's URL (:func:`is_page_url`); else kept in extras (a picture's, a logo's)."""
        return self._keep(value, is_page_url, name, "not the URL of a web page")

    def code(self, value: str | None, name: str) -> str | None:
        """A subject code the model takes (a QCode or an IRI); else kept in extras."""
        return self._keep(value, is_code, name, "not a QCode or IRI the model takes")

    def language(self, value: str | None) -> str | None:
        """A BCP 47 language tag; else kept in extras."""
        return self._keep(value, is_language, "inLanguage", "not a BCP 47 language tag")

    def token(self, value: str | None, name: str) -> str | None:
        """An identifier without spaces; else kept in extras."""
        return self._keep(value, is_token, name, "not an identifier without spaces")

    def when(self, text: str | None, name: str, line: int | None = None) -> datetime | date | None:
        """A time as news sites print it (:func:`newsitem.dates.parse_web`: ISO 8601 and its
        variants, named zones, ``January 16, 2020``), a day alone staying a date (no invented
        midnight); else kept in extras as sent, with a note. A date before
        :data:`EARLIEST` (``0001-01-01T00:00:00Z``, the null date content systems print when
        they have none) is a placeholder: kept in extras with a note, never the story's."""
        if text is None:
            return None
        try:
            when = dates.parse_web(text)
        except ValueError:
            self._keep(text, never, name, "not a time newsitem can read", line)
            return None
        if when.year < EARLIEST:
            self._keep(text, never, name, f"a placeholder date (before {EARLIEST}), not the story's", line)
            return None
        return when

    def version(self, text: str | None, line: int | None = None) -> int:
        """A positive version number; else 1, the text kept in extras."""
        if text is not None and is_number(text) and int(text) >= 1:
            return int(text)
        self._keep(text, never, "version", "not a positive version number", line)
        return 1

    def _media_refused(self, uri: str, block: int, index: int) -> None:
        keep(
            uri,
            is_uri,
            extras=self.extras,
            key=f"html.body[{block}].src",
            format=NAME,
            where=f"{self.prefix}articleBody/figure[{block}]/img/@src",
            what="a figure URI that is not an absolute URI the model takes",
        )

    def _link_refused(self, href: str, paragraph: int, index: int) -> None:
        keep(
            href,
            is_uri,
            extras=self.extras,
            key=f"html.body[{paragraph}].link[{index}]",
            format=NAME,
            where=f"{self.prefix}articleBody/p[{paragraph}]/a[{index}]",
            what="a link that is not an absolute URI the model takes",
        )


Policy = Exact | Lenient
"""How values are taken."""
