"""The story model: frozen, slotted, keyword-only attrs classes, validated on construction.

This module knows no format. It imports attrs, the standard library and
:mod:`newsitem.dates` only; every format lives in :mod:`newsitem.formats`.

Rules every class follows (an invalid value raises
:class:`~newsitem.errors.ValidationError` naming the field and the rule):

* No empty or blank strings: an absent value is ``None`` (or an empty tuple).
* Only characters XML 1.0 can carry, and never CR: line breaks are LF.
* Single-line fields (headline, names, keywords, sluglines, codes, ...) hold no
  CR, LF or TAB either. Multi-line fields are the summary, paragraph text,
  the rights statements and the values of ``extras``.
* Datetimes are aware with a fixed offset of whole minutes within ±14:00, or
  naive where the input gave no zone; a named zone is reduced to its offset at
  that time, and no time is ever converted. Equality sees the offset: two
  stories whose times differ only in their offset are not equal.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

import attrs

from newsitem import dates
from newsitem._rules import (
    _BAD_LINE,
    _BAD_TEXT,
    _LANGUAGE,
    _OK_CODE,
    _OK_RUN,
    _OK_TOKEN,
    _OK_URI,
    _ok_line,
    _ok_text,
    is_code,
    is_language,
    is_line,
    is_text,
    is_token,
    is_uri,
)
from newsitem.errors import Problem, ValidationError

__all__ = [
    "Block",
    "Byline",
    "BylineKind",
    "Extras",
    "Figure",
    "Heading",
    "Link",
    "ListBlock",
    "Paragraph",
    "Preformatted",
    "PubStatus",
    "Quote",
    "Rights",
    "Role",
    "Run",
    "Source",
    "Story",
    "Subject",
    "Table",
    "is_code",
    "is_language",
    "is_line",
    "is_text",
    "is_token",
    "is_uri",
    "join_names",
]

_set = object.__setattr__  # how attrs itself fills frozen slots

_CHAR_NAMES = {"\t": "TAB", "\n": "LF", "\r": "CR"}


def _char(ch: str) -> str:
    name = _CHAR_NAMES.get(ch)
    code = f"U+{ord(ch):04X}"
    return f"{code} ({name})" if name else code


def _where(instance: object, attribute: attrs.Attribute[Any]) -> str:
    return f"{type(instance).__name__}.{attribute.name}"


def _fail(path: str, message: str) -> ValidationError:
    return ValidationError([Problem(path, message)])


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


# --- string rules ---------------------------------------------------------------


def _check_str(path: str, value: object, bad: re.Pattern[str], *, blank_ok: bool = False) -> None:
    if not isinstance(value, str):
        raise _fail(path, f"expected a string, got {_describe(value)}")
    if not value or (not blank_ok and not value.strip()):
        what = "empty" if not value else "blank (whitespace only)"
        raise _fail(path, f"must not be {what}; use None for an absent value")
    found = bad.search(value)
    if found is not None:
        ch = found.group()
        if ch == "\r":
            rule = "line breaks are LF, never CR"
        elif ch in "\t\n":
            rule = "a single-line field holds no CR, LF or TAB"
        else:
            rule = "only characters XML 1.0 can carry are allowed"
        raise _fail(path, f"must not contain {_char(ch)} at index {found.start()}: {rule}")


# The validators below inline the common case (a printable, non-blank str: what
# _rules._printable accepts) before calling the full rule: a story has a dozen of them.


def _line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is str and value.isprintable() and value and not value.isspace():
        return
    if not _ok_line(value):
        _check_str(_where(instance, attribute), value, _BAD_LINE)


def _opt_line(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or (type(value) is str and value.isprintable() and value and not value.isspace()):
        return
    if not _ok_line(value):
        _check_str(_where(instance, attribute), value, _BAD_LINE)


def _opt_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or (type(value) is str and value.isprintable() and value and not value.isspace()):
        return
    if not _ok_text(value):
        _check_str(_where(instance, attribute), value, _BAD_TEXT)


def _opt_matching(ok: re.Pattern[str], rule: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """A validator for an optional single-line string that must also match ``ok``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None or (type(value) is str and ok.fullmatch(value) is not None):
            return
        path = _where(instance, attribute)
        _check_str(path, value, _BAD_LINE)
        if ok.fullmatch(str(value)):  # a str subclass
            return
        raise _fail(path, f"{rule}, got {value!r}")

    return check


_opt_uri = _opt_matching(
    _OK_URI,
    "expected an absolute URI: a scheme, no spaces, '%' only before two hex digits, at most one '#',"
    " brackets only around an IPv6 host (https://...)",
)
_opt_token = _opt_matching(_OK_TOKEN, "must not contain spaces")
_opt_code = _opt_matching(
    _OK_CODE,
    "expected a QCode (alias:code, such as medtop:20000002 or FIEG_Categories:CRO) or an absolute IRI,"
    " without spaces",
)


def _opt_language(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    path = _where(instance, attribute)
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise _fail(path, f"expected a BCP 47 language tag such as 'en' or 'pt-BR', got {_describe(value)}")


def _bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not bool:
        raise _fail(_where(instance, attribute), f"expected True or False, got {_describe(value)}")


def _int_range(low: int, high: int | None) -> Callable[[object, attrs.Attribute[Any], object], None]:
    bound = f"from {low} to {high}" if high is not None else f">= {low}"

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and attribute.default is None:
            return
        if type(value) is not int or value < low or (high is not None and value > high):
            raise _fail(_where(instance, attribute), f"expected an integer {bound}, got {_describe(value)}")

    return check


def _enum(cls: type[enum.Enum]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is not cls and not isinstance(value, cls):
            allowed = ", ".join(repr(m.value) for m in cls)
            raise _fail(
                _where(instance, attribute), f"expected a {cls.__name__} ({allowed}), got {_describe(value)}"
            )

    return check


def _to_role(value: object) -> object:
    """Accept a role's value (``"author"``) as well as the member."""
    return value if value.__class__ is Role else _member(Role, value)


def _to_kind(value: object) -> object:
    """Accept a kind's value (``"organisation"``, or ``"organization"``) as well as the member."""
    if value.__class__ is BylineKind:
        return value
    if value == "organization":
        return BylineKind.ORGANISATION
    return _member(BylineKind, value)


def _to_status(value: object) -> object:
    """Accept a status's value (``"usable"``) as well as the member."""
    return _member(PubStatus, value)


def _member(cls: type[enum.Enum], value: object) -> object:
    if isinstance(value, str) and not isinstance(value, cls):
        try:
            return cls(value)
        except ValueError:
            return value  # the validator names the allowed values
    return value


# --- datetimes ----------------------------------------------------------------------


def _to_datetime(value: object) -> object:
    return dates.fixed_offset(value) if isinstance(value, datetime) else value


def _opt_datetime(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    path = _where(instance, attribute)
    if not isinstance(value, datetime):
        raise _fail(path, f"expected a datetime, got {_describe(value)}")
    reason = dates.check(value)
    if reason is not None:
        raise _fail(path, reason)


def _opt_day_or_datetime(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or (type(value) is date):
        return
    if isinstance(value, date) and not isinstance(value, datetime):
        return  # a date subclass
    if not isinstance(value, datetime):
        raise _fail(
            _where(instance, attribute),
            f"expected a datetime, or a date where the source gives only the day, got {_describe(value)}",
        )
    _opt_datetime(instance, attribute, value)


def _datetime_key(value: date | None) -> tuple[object, timedelta | None] | None:
    # Aware datetimes compare equal across offsets; the key makes equality see them.
    # A day (a date) never equals a datetime, midnight included.
    if value is None:
        return None
    if not isinstance(value, datetime):
        return (date(value.year, value.month, value.day), None)
    return (value.replace(tzinfo=None), value.utcoffset())


# --- tuples ---------------------------------------------------------------------------


def _to_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    if type(value) is tuple:
        return value
    if isinstance(value, (str, bytes, Mapping)):
        return value  # type: ignore[return-value]  # rejected by the validator, with a message
    try:
        return tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]


def _tuple_of(
    item: Callable[[str, object], None], fast: Callable[[object], bool]
) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is tuple and all(map(fast, value)):
            return
        path = _where(instance, attribute)
        if type(value) is not tuple:
            raise _fail(path, f"expected a sequence, got {_describe(value)}")
        for index, element in enumerate(value):
            item(f"{path}[{index}]", element)

    return check


def _instance(cls: type) -> Callable[[str, object], None]:
    def check(path: str, value: object) -> None:
        if not isinstance(value, cls):
            raise _fail(path, f"expected a {cls.__name__}, got {_describe(value)}")

    return check


def _is(cls: type) -> Callable[[object], bool]:
    def check(value: object) -> bool:
        return value.__class__ is cls

    return check


def _is_line(value: object) -> bool:
    return _ok_line(value)


def _opt_instance(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    check_item = _instance(cls)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check_item(_where(instance, attribute), value)

    return check


def _line_item(path: str, value: object) -> None:
    _check_str(path, value, _BAD_LINE)


# --- enums ----------------------------------------------------------------------------


class Role(enum.StrEnum):
    """What a person named in a byline did for the story."""

    AUTHOR = "author"
    SUBMITTER = "submitter"
    CONTRIBUTOR = "contributor"
    EDITOR = "editor"
    PHOTOGRAPHER = "photographer"
    TRANSLATOR = "translator"


class BylineKind(enum.StrEnum):
    """Whether a byline credits a person or an organisation (``BBC News``, ``AFP``)."""

    PERSON = "person"
    ORGANISATION = "organisation"


class PubStatus(enum.StrEnum):
    """Publishing status, with the IPTC ``stat:`` codes as values (American "canceled")."""

    USABLE = "usable"
    WITHHELD = "withheld"
    CANCELED = "canceled"


# --- the classes -------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Byline:
    """A person or organisation credited for the story, in the order the story credits them."""

    name: str = attrs.field(validator=_line)
    """The name as printed."""
    role: Role = attrs.field(default=Role.AUTHOR, converter=_to_role, validator=_enum(Role))
    """What they did; an author unless said otherwise."""
    kind: BylineKind = attrs.field(default=BylineKind.PERSON, converter=_to_kind, validator=_enum(BylineKind))
    """A person (the default) or an organisation credited as such (``Reuters``,
    ``CBS News``); the strings ``"person"`` and ``"organisation"`` are accepted."""
    title: str | None = attrs.field(default=None, validator=_opt_line)
    """Job title as printed (``Chief Political Correspondent``)."""
    affiliation: str | None = attrs.field(default=None, validator=_opt_line)
    """The organisation they write for, where the byline names one."""


def _needs_one_of(*names: str) -> Callable[[Any], None]:
    def check(self: Any) -> None:
        if all(getattr(self, name) is None for name in names):
            raise _fail(
                type(self).__name__,
                f"needs at least one of {', '.join(names)}",
            )

    return check


@attrs.frozen(kw_only=True)
class Source:
    """A publication, agency or sender: where the story was first published, or who distributes it."""

    name: str | None = attrs.field(default=None, validator=_opt_line)
    """The name as written (``Associated Press``, ``THE CANADIAN PRESS``)."""
    url: str | None = attrs.field(default=None, validator=_opt_uri)
    """Its web address."""
    code: str | None = attrs.field(default=None, validator=_opt_line)
    """An agency or publication code (``AP``, ``dpa``)."""

    __attrs_post_init__ = _needs_one_of("name", "code")


@attrs.frozen(kw_only=True)
class Rights:
    """Who owns the story and how it may be used."""

    notice: str | None = attrs.field(default=None, validator=_opt_text)
    """The statement as printed (``Copyright applies.``, ``© 2021 AFP``)."""
    holder: str | None = attrs.field(default=None, validator=_opt_line)
    """The copyright holder."""
    license: str | None = attrs.field(default=None, validator=_opt_uri)
    """The licence, as a URL (``https://creativecommons.org/licenses/by/4.0/``)."""
    terms: str | None = attrs.field(default=None, validator=_opt_text)
    """Usage terms in words."""

    __attrs_post_init__ = _needs_one_of("notice", "holder", "license", "terms")


@attrs.frozen(kw_only=True)
class Subject:
    """A subject code (an IPTC Media Topic, say) as a QCode or IRI, with its name."""

    code: str | None = attrs.field(default=None, validator=_opt_code)
    """A QCode (``medtop:20000002``, ``FIEG_Categories:CRO``) or an IRI
    (``http://cv.iptc.org/newscodes/mediatopic/20000002``); see :func:`is_code`."""
    name: str | None = attrs.field(default=None, validator=_opt_line)
    """The subject's name (``arts, culture, entertainment and media``)."""

    __attrs_post_init__ = _needs_one_of("code", "name")


@attrs.frozen(kw_only=True)
class Run:
    """A piece of paragraph text that carries the same inline marks throughout."""

    text: str = attrs.field()
    """The text; may be whitespace only (the space between two marked words) but not empty."""
    emphasis: bool = attrs.field(default=False, validator=_bool)
    """Emphasised (usually set in italics)."""
    strong: bool = attrs.field(default=False, validator=_bool)
    """Strongly emphasised (usually set in bold)."""
    link: str | None = attrs.field(default=None, validator=_opt_uri)
    """The target, when the run is a link."""

    @text.validator
    def _check_text(self, attribute: attrs.Attribute[str], value: object) -> None:
        if type(value) is not str or _OK_RUN.fullmatch(value) is None:
            _check_str("Run.text", value, _BAD_TEXT, blank_ok=True)

    @property
    def marks(self) -> tuple[bool, bool, str | None]:
        """The marks as one comparable value: (emphasis, strong, link)."""
        return (self.emphasis, self.strong, self.link)

    @property
    def plain(self) -> bool:
        """True when the run carries no mark."""
        return not self.emphasis and not self.strong and self.link is None


def _check_runs(owner: str, value: object) -> None:
    if type(value) is tuple and len(value) == 1 and type(value[0]) is Run and value[0].text.strip():
        return
    if type(value) is not tuple:
        raise _fail(f"{owner}.runs", f"expected a sequence of Run, got {_describe(value)}")
    for index, run in enumerate(value):
        if not isinstance(run, Run):
            raise _fail(f"{owner}.runs[{index}]", f"expected a Run or a string, got {_describe(run)}")
    if not "".join(run.text for run in value).strip():
        raise _fail(f"{owner}.runs", f"a {owner.lower()} must hold some text (not empty or blank)")


def _canonical_runs(value: Iterable[Run | str]) -> tuple[Run, ...]:
    """Merge adjacent runs with the same marks; a str counts as a plain run."""
    if isinstance(value, (str, Run)):
        value = (value,)
    try:
        items = tuple(value)
    except TypeError:
        return value  # type: ignore[return-value]  # rejected by the validator
    if len(items) == 1 and items[0].__class__ is Run:
        return items  # type: ignore[return-value]  # the common case: one plain run
    runs: list[Run] = []
    for item in items:
        if isinstance(item, str):
            if not item:
                continue
            run = Run(text=item)
        elif isinstance(item, Run):
            run = item
        else:
            return items  # rejected by the validator
        if runs and runs[-1].marks == run.marks:
            runs[-1] = attrs.evolve(runs[-1], text=runs[-1].text + run.text)
        else:
            runs.append(run)
    return tuple(runs)


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph of body text with optional inline emphasis, strong text and links.

    The runs are held in one canonical form: adjacent runs with the same marks
    are merged on construction and no run is empty, so two paragraphs that read
    the same with the same marks are equal. Strings may stand for plain runs::

        Paragraph(runs=["Read ", Run(text="this", emphasis=True), "."])
    """

    runs: tuple[Run, ...] = attrs.field(converter=_canonical_runs)
    """The text, split where the marks change."""

    @runs.validator
    def _check_runs(self, attribute: attrs.Attribute[tuple[Run, ...]], value: object) -> None:
        _check_runs("Paragraph", value)

    @classmethod
    def plain(cls, text: str) -> Paragraph:
        """A paragraph of plain text, without marks."""
        if _ok_text(text):
            # Hot path for readers: the one match above is every rule of Run.text and
            # Paragraph.runs for a single plain run, so the validators need not run again.
            run = object.__new__(Run)
            _set(run, "text", text)
            _set(run, "emphasis", False)
            _set(run, "strong", False)
            _set(run, "link", None)
            paragraph = object.__new__(cls)
            _set(paragraph, "runs", (run,))
            return paragraph
        return cls(runs=(Run(text=text),))

    @property
    def text(self) -> str:
        """The plain text, marks dropped."""
        return "".join(run.text for run in self.runs)

    @property
    def is_plain(self) -> bool:
        """True when no run carries a mark."""
        return all(run.plain for run in self.runs)


# --- body blocks other than the paragraph ---------------------------------------------


@attrs.frozen(kw_only=True)
class Heading:
    """A subhead inside the body (``<h2>`` in HTML, ``<hl2>`` in NITF), with inline marks.

    Strings may stand for plain runs, as in :class:`Paragraph`::

        Heading(runs=["What happens next"], level=2)
    """

    runs: tuple[Run, ...] = attrs.field(converter=_canonical_runs)
    """The text, split where the marks change."""
    level: int = attrs.field(default=2, validator=_int_range(2, 6))
    """The heading level, 2 to 6 as in HTML (the story's headline is level 1)."""

    @runs.validator
    def _check_runs(self, attribute: attrs.Attribute[tuple[Run, ...]], value: object) -> None:
        _check_runs("Heading", value)

    @property
    def text(self) -> str:
        """The plain text, marks dropped."""
        return "".join(run.text for run in self.runs)


def _paragraphs(owner: str, name: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    fast = _is(Paragraph)
    item = _instance(Paragraph)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is tuple and value and all(map(fast, value)):
            return
        path = f"{owner}.{name}"
        if type(value) is not tuple:
            raise _fail(path, f"expected a sequence of Paragraph, got {_describe(value)}")
        if not value:
            raise _fail(path, "must hold at least one Paragraph")
        for index, element in enumerate(value):
            item(f"{path}[{index}]", element)

    return check


def _to_paragraphs(value: Iterable[Paragraph | str]) -> tuple[Paragraph, ...]:
    """A sequence of paragraphs; a string stands for a plain paragraph."""
    items = _to_tuple(value)
    if type(items) is not tuple or all(item.__class__ is Paragraph for item in items):
        return items
    return tuple(Paragraph.plain(item) if isinstance(item, str) else item for item in items)


@attrs.frozen(kw_only=True)
class Quote:
    """A block quotation: one or more paragraphs, with who said or wrote them."""

    body: tuple[Paragraph, ...] = attrs.field(
        converter=_to_paragraphs, validator=_paragraphs("Quote", "body")
    )
    """The quoted paragraphs, at least one; strings stand for plain paragraphs."""
    attribution: str | None = attrs.field(default=None, validator=_opt_line)
    """Who is quoted, as printed (``Mary Oliver``), without a leading dash."""

    @property
    def text(self) -> str:
        """The paragraphs separated by a blank line, then ``— attribution``."""
        text = "\n\n".join(paragraph.text for paragraph in self.body)
        return text if self.attribution is None else f"{text}\n\n— {self.attribution}"


@attrs.frozen(kw_only=True)
class ListBlock:
    """A bulleted or numbered list; each item is a paragraph."""

    items: tuple[Paragraph, ...] = attrs.field(
        converter=_to_paragraphs, validator=_paragraphs("ListBlock", "items")
    )
    """The items in order, at least one; strings stand for plain paragraphs."""
    ordered: bool = attrs.field(default=False, validator=_bool)
    """Numbered (True) or bulleted (False)."""

    @property
    def text(self) -> str:
        """One line per item, ``- item`` or ``1. item``."""
        if self.ordered:
            return "\n".join(f"{number}. {item.text}" for number, item in enumerate(self.items, 1))
        return "\n".join(f"- {item.text}" for item in self.items)


def _to_rows(value: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]:
    rows = _to_tuple(value)
    if type(rows) is not tuple:
        return rows
    return tuple(_to_tuple(row) for row in rows)


_BAD_CELL = _BAD_LINE


@attrs.frozen(kw_only=True)
class Table:
    """A table of text cells: agate copy, results, standings.

    Cells are single-line strings kept as sent; an empty string is an empty
    cell. Rows may differ in length (a results table's notes row). The first
    ``header_rows`` rows are the table's header.
    """

    rows: tuple[tuple[str, ...], ...] = attrs.field(converter=_to_rows)
    """The rows, top to bottom, each a sequence of cells, left to right."""
    header_rows: int = attrs.field(default=0)
    """How many of the first rows are headers (0 when none is)."""

    @rows.validator
    def _check_rows(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if type(value) is not tuple:
            raise _fail("Table.rows", f"expected a sequence of rows, got {_describe(value)}")
        if not value:
            raise _fail("Table.rows", "a table needs at least one row")
        filled = False
        for r, row in enumerate(value):
            if type(row) is not tuple:
                raise _fail(f"Table.rows[{r}]", f"expected a sequence of cells, got {_describe(row)}")
            if not row:
                raise _fail(f"Table.rows[{r}]", "a row needs at least one cell (an empty cell is '')")
            for c, cell in enumerate(row):
                if type(cell) is not str and not isinstance(cell, str):
                    raise _fail(f"Table.rows[{r}][{c}]", f"expected a string, got {_describe(cell)}")
                found = _BAD_CELL.search(cell)
                if found is not None:
                    raise _fail(
                        f"Table.rows[{r}][{c}]",
                        f"must not contain {_char(found.group())} at index {found.start()}:"
                        " a cell is one line of characters XML 1.0 can carry",
                    )
                filled = filled or bool(cell.strip())
        if not filled:
            raise _fail("Table.rows", "a table must hold some text (every cell is empty or blank)")

    @header_rows.validator
    def _check_header_rows(self, attribute: attrs.Attribute[int], value: object) -> None:
        rows = self.rows if type(self.rows) is tuple else ()
        if type(value) is not int or not 0 <= value <= len(rows):
            raise _fail(
                "Table.header_rows",
                f"expected an integer from 0 to the number of rows ({len(rows)}), got {_describe(value)}",
            )

    @property
    def text(self) -> str:
        """One line per row, cells separated by a TAB."""
        return "\n".join("\t".join(row) for row in self.rows)


@attrs.frozen(kw_only=True)
class Preformatted:
    """Copy whose lines and spacing are kept as sent (fixed-width tables, verse, code)."""

    text: str = attrs.field()
    """The lines, LF-separated; spaces and TABs kept; not blank."""

    @text.validator
    def _check_text(self, attribute: attrs.Attribute[str], value: object) -> None:
        if not _ok_text(value):
            _check_str("Preformatted.text", value, _BAD_TEXT)


@attrs.frozen(kw_only=True)
class Figure:
    """A picture (or other media) the story shows, by reference: no binary."""

    uri: str = attrs.field(validator=_opt_uri)
    """Where the media is (``https://...``, ``urn:...``)."""
    caption: str | None = attrs.field(default=None, validator=_opt_line)
    """The caption as printed."""
    credit: str | None = attrs.field(default=None, validator=_opt_line)
    """Who made or supplied it (``AP Photo/Jane Doe``)."""
    alt: str | None = attrs.field(default=None, validator=_opt_line)
    """A text alternative for readers who cannot see it."""

    @uri.validator
    def _check_uri(self, attribute: attrs.Attribute[str], value: object) -> None:
        if value is None:
            raise _fail("Figure.uri", "a figure needs the URI of its media")

    @property
    def text(self) -> str:
        """The caption, or the text alternative, or an empty string."""
        return self.caption or self.alt or ""


@attrs.frozen(kw_only=True)
class Link:
    """A resource the story points to beside its own page: a picture, a related story, the
    source article, a video. Kept with the relation the input gave it; never the story's
    ``url`` (the story's own web page)."""

    uri: str = attrs.field(validator=_opt_uri)
    """Where the resource is (``https://...``, ``urn:...``, ``tag:...``)."""
    rel: str = attrs.field(default="related", validator=_line)
    """How it relates to the story, as the input names it (``irel:seeAlso``,
    ``irel:source``, ``picture``, ``related``); ``related`` when the input says nothing."""
    media_type: str | None = attrs.field(default=None, validator=_opt_line)
    """Its media type as sent (``text/html``, ``image/jpeg``), if given."""
    title: str | None = attrs.field(default=None, validator=_opt_line)
    """Its title or caption as sent, if given."""

    @uri.validator
    def _check_uri(self, attribute: attrs.Attribute[str], value: object) -> None:
        if value is None:
            raise _fail("Link.uri", "a link needs a URI")


Block = Paragraph | Heading | Quote | ListBlock | Table | Preformatted | Figure
"""One block of a story's body."""

_BLOCKS = (Paragraph, Heading, Quote, ListBlock, Table, Preformatted, Figure)


def _is_block(value: object) -> bool:
    return value.__class__ in _BLOCKS


def _block_item(path: str, value: object) -> None:
    if not isinstance(value, _BLOCKS):
        raise _fail(
            path,
            "expected a body block (Paragraph, Heading, Quote, ListBlock, Table, Preformatted or"
            f" Figure), got {_describe(value)}",
        )


class Extras(Mapping[str, str]):
    """An immutable, ordered str → str mapping of header fields with no typed home.

    Keys name the layout and the field (``anpa.selector``, ``email.X-Mailer``):
    no whitespace, no control characters. Values are non-blank text and may hold
    LF. Order is kept, and two ``Extras`` are equal only with the same items in
    the same order (compared with a plain mapping, order is ignored, as
    ``OrderedDict`` does).
    """

    __slots__ = ("_data", "_items")

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        data: dict[str, str] = {}
        try:
            for pair in pairs:
                try:
                    key, value = pair
                except (TypeError, ValueError):
                    raise _fail("Extras", f"expected (key, value) pairs, got {_describe(pair)}") from None
                if not isinstance(key, str) or not _OK_TOKEN.fullmatch(key):
                    raise _fail(
                        "Extras", f"a key must be a non-empty string without spaces, got {_describe(key)}"
                    )
                if key in data:
                    raise _fail(f"Extras[{key!r}]", "duplicate key")
                _check_str(f"Extras[{key!r}]", value, _BAD_TEXT)
                data[key] = value
        except TypeError:
            raise _fail(
                "Extras", f"expected a mapping or (key, value) pairs, got {_describe(items)}"
            ) from None
        self._data = data
        self._items = tuple(data.items())

    def __getitem__(self, key: str) -> str:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extras):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"Extras({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Extras, (self._items,))


_TITLE_WIDTH = 70


def _to_blocks(value: Iterable[Block | str]) -> tuple[Block, ...]:
    """A sequence of blocks; a string stands for a plain paragraph."""
    items = _to_tuple(value)
    if type(items) is not tuple or not any(isinstance(item, str) for item in items):
        return items
    return tuple(Paragraph.plain(item) if isinstance(item, str) else item for item in items)


def _to_extras(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> Extras:
    if isinstance(value, Extras):
        return value
    try:
        return Extras(value)
    except ValidationError as exc:
        raise exc.prefixed("Story.extras") from None


@attrs.frozen(kw_only=True)
class Story:
    """One news story: what it says, who wrote it, where it comes from and how it may be used.

    A story needs something to show: a headline, a body or a summary (poems,
    alerts and agate tables often have no headline). Every field is None, empty
    or its default when the input did not carry it.
    """

    headline: str | None = attrs.field(default=None, validator=_opt_line)
    """The display headline, one line; None when the story has none."""
    subheadline: str | None = attrs.field(default=None, validator=_opt_line)
    """A second headline (deck, kicker)."""
    summary: str | None = attrs.field(default=None, validator=_opt_text)
    """A summary or abstract; may span lines."""
    bylines: tuple[Byline, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(_instance(Byline), _is(Byline))
    )
    """The people credited, in the order the story credits them."""
    source: Source | None = attrs.field(default=None, validator=_opt_instance(Source))
    """Where the story was first published: the publication or agency."""
    provider: Source | None = attrs.field(default=None, validator=_opt_instance(Source))
    """Who distributes this copy."""
    published: datetime | date | None = attrs.field(
        default=None, converter=_to_datetime, validator=_opt_day_or_datetime, eq=_datetime_key
    )
    """When the story was first published; aware, or naive where the input gave no zone,
    or a :class:`~datetime.date` where the input gave only the day."""
    updated: datetime | date | None = attrs.field(
        default=None, converter=_to_datetime, validator=_opt_day_or_datetime, eq=_datetime_key
    )
    """When this version was last changed; a datetime, or a date where only the day is known."""
    embargoed: datetime | None = attrs.field(
        default=None, converter=_to_datetime, validator=_opt_datetime, eq=_datetime_key
    )
    """The time before which the story must not be published, if it is under embargo."""
    dateline: str | None = attrs.field(default=None, validator=_opt_line)
    """The place as printed (``PORTLAND, Ore.``), without the date or agency."""
    located: str | None = attrs.field(default=None, validator=_opt_line)
    """Where the story's events took place or it was filed from, as metadata gives it (NewsML-G2
    and ninjs ``located``); a place of its own, not the printed dateline."""
    section: str | None = attrs.field(default=None, validator=_opt_line)
    """The section or category as transmitted."""
    genre: str | None = attrs.field(default=None, validator=_opt_line)
    """The kind of story (``Analysis``, ``announcement``)."""
    keywords: tuple[str, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(_line_item, _is_line)
    )
    """Free keywords, in order."""
    subjects: tuple[Subject, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(_instance(Subject), _is(Subject))
    )
    """Subject codes, in order."""
    slugline: str | None = attrs.field(default=None, validator=_opt_line)
    """The slug or keyword line as transmitted."""
    priority: str | None = attrs.field(default=None, validator=_opt_line)
    """The priority code as transmitted (``r``, ``b``, ``3``)."""
    ednote: str | None = attrs.field(default=None, validator=_opt_text)
    """An editor's note for the receiving desk, not for publication (``(Adds quote in
    paragraph 5)``); may span lines."""
    urgency: int | None = attrs.field(default=None, validator=_int_range(1, 9))
    """IPTC urgency, 1 (most urgent) to 9."""
    status: PubStatus = attrs.field(
        default=PubStatus.USABLE, converter=_to_status, validator=_enum(PubStatus)
    )
    """Whether the story may be used."""
    language: str | None = attrs.field(default=None, validator=_opt_language)
    """The language, as a BCP 47 tag (``en``, ``pt-BR``); case kept as given."""
    url: str | None = attrs.field(default=None, validator=_opt_uri)
    """The story's own web page (the original article); never a picture or a related story."""
    links: tuple[Link, ...] = attrs.field(
        default=(), converter=_to_tuple, validator=_tuple_of(_instance(Link), _is(Link))
    )
    """Other resources the story points to (pictures, related stories, its sources), in order."""
    rights: Rights | None = attrs.field(default=None, validator=_opt_instance(Rights))
    """Copyright and usage."""
    guid: str | None = attrs.field(default=None, validator=_opt_token)
    """A globally unique identifier (``urn:newsml:...``, ``tag:...``); no spaces."""
    version: int = attrs.field(default=1, validator=_int_range(1, None))
    """The version of the story, from 1."""
    body: tuple[Block, ...] = attrs.field(
        default=(), converter=_to_blocks, validator=_tuple_of(_block_item, _is_block)
    )
    """The body: paragraphs, headings, quotes, lists, tables, preformatted copy and figures, in
    order; strings stand for plain paragraphs."""
    extras: Extras = attrs.field(factory=Extras, converter=_to_extras)
    """Header fields the input carried that have no typed home, in input order."""

    def __attrs_post_init__(self) -> None:
        if self.headline is None and not self.body and self.summary is None:
            raise _fail("Story", "a story needs a headline, a body or a summary")

    @property
    def display_title(self) -> str:
        """What a page title or a list shows for the story: the headline, or else the first
        words of the summary or body (at most 70 characters, cut between words, with ``…``)."""
        if self.headline is not None:
            return self.headline
        words = (self.summary or self.text).split()
        title = ""
        for word in words:
            if len(title) + len(word) + 1 > _TITLE_WIDTH:
                return (title or word[: _TITLE_WIDTH - 1]) + "…"
            title = f"{title} {word}" if title else word
        return title or "(untitled)"

    @property
    def text(self) -> str:
        """The body as plain text, blocks separated by a blank line (see each block's ``text``)."""
        return "\n\n".join(text for text in (block.text for block in self.body) if text)


def join_names(names: Sequence[str]) -> str:
    """Names as a byline prints them: ``A``, ``A and B``, ``A, B and C``.

    >>> join_names(["Ana Lima", "Tomás Ortega", "Kiri Walker"])
    'Ana Lima, Tomás Ortega and Kiri Walker'
    """
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
