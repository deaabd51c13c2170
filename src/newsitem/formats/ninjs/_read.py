"""Reading ninjs 3.x, 2.x and 1.x: what the model holds, and the rest in extras.

A value the model refuses in a foreign document (a URI with a space, a malformed
language tag, an unreadable time) is kept in extras with a ``kept-in-extras`` note
(:func:`newsitem.formats._lenient.keep`); a text the model refuses (a blank
headline) is a :class:`~newsitem.errors.ValidationError` that names the value's
path in the document read and its model path.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Callable
from datetime import tzinfo
from typing import Any

from newsitem import notes
from newsitem.errors import ParseError, Problem, ValidationError
from newsitem.formats._decode import is_number
from newsitem.formats._decode import json_kind as _kind
from newsitem.formats._lenient import never
from newsitem.formats._markup import body_blocks, body_text, lenient_links
from newsitem.formats._nitf_body import credit_lines, opening_dateline
from newsitem.formats.ninjs._container import members, not_an_object
from newsitem.formats.ninjs._foreign import (
    NOT_TEXT,
    html_text,
    looks_like_html,
    nitf_body,
    plain_paragraphs,
    present,
    role_of,
    split_by,
    structured,
    tidy_html,
)
from newsitem.formats.ninjs._gather import Gathered, string
from newsitem.formats.ninjs._versions import (
    NAME,
    RENAMES,
    SCHEMA_URIS,
    body_rank,
    by_line,
    content_type,
    lowercase,
    reshape,
    version,
)
from newsitem.model import (
    Byline,
    BylineKind,
    Heading,
    Link,
    Paragraph,
    PubStatus,
    Rights,
    Role,
    Source,
    Story,
    Subject,
    is_code,
    is_language,
    is_token,
    is_uri,
)

_ROLES = {role.value for role in Role}
_STATUSES = {status.value for status in PubStatus}
_SOURCE_FIELDS = {"origcont": "source", "provider": "provider"}
_RELS = ("about", "classifies")
_BYLINE_KEYS = {
    "bylines": frozenset(
        ("firstname", "lastname", "jobtitle", "title", "affiliation", "role", "byline", "by", "name")
    ),
    "people": frozenset(("name", "rel")),
    "authors": frozenset(("name", "role")),
}
"""What a structured byline (TT's, AP's), a credited person or one of superdesk's ``authors``
(name and role; its ``code`` and ``biography`` are kept) gives a byline; the rest is kept."""
_RENDITION = frozenset(("name", "href", "contentType"))
"""A rendition that says no more than a link's URI and media type."""
_SUMMARY_ROLES = frozenset(("summary", "text", "lead", "teaser", "abstract", "description"))
"""Subject relations that say no more than that the story is about the subject."""
_NOT_A_URI = "not an absolute URI the model takes"
_NOT_A_CODE = "not a subject code the model takes (a QCode or an absolute IRI)"


def _is_version(value: object) -> bool:
    """A version number: a string as ninjs has it, or an integer as AP's API sends it."""
    if type(value) is int:
        return value >= 1
    return isinstance(value, str) and is_number(value) and int(value) >= 1


def _is_status(value: object) -> bool:
    return isinstance(value, str) and value in _STATUSES


def _is_urgency(value: object) -> bool:
    return type(value) is int and 1 <= value <= 9


def _is_summary(item: object) -> bool:
    """Whether a description is the summary: a text with a summary's role (``summary``,
    ``text``, ``lead``, ``teaser``, ``abstract``), or with none (ninjs' simple description)."""
    if not isinstance(item, dict) or not isinstance(item.get("value"), str):
        return False
    role = item.get("role")
    return role is None or (isinstance(role, str) and role.lower() in _SUMMARY_ROLES)


_SUB_ROLES = frozenset({"subhead", "sub", "subheadline", "subtitle", "kicker", "deck"})
"""Headline roles of a second headline (ours is ``subhead``; agencies send ``sub``,
``subtitle``, ``kicker``, as NewsML-G2 roles do): never the main headline."""


class _Reader(Gathered):
    """Takes what the model holds out of a 3.x-shaped document; the rest goes to extras."""

    # --- the story ------------------------------------------------------------------

    def story(self) -> Story:
        """The story: each step maps its properties, everything left is kept in extras.

        Raises:
            ValidationError: a rule of the model broken, at the value's document path.
        """
        for step in (
            self._identity,
            self._headlines,
            self._people,
            self._subjects,
            self._texts,
            self._rights,
            self._links,
        ):
            step()
        for key, value in self.doc.items():
            self.keep(key, value)
        try:
            return Story(**self.fields, extras=self.extras)
        except ValidationError as exc:
            if self.kind != "text" and [p.path for p in exc.problems] == ["Story"]:
                what = f"the item is a ninjs {self.kind} item, with no headline, body or summary:"
                what += " not a text story"
                exc = ValidationError([Problem("Story", what)], format=NAME)
            raise exc.placed(format=NAME, place=lambda problem: (self.where_of(problem.path), None)) from None

    def _identity(self) -> None:
        """Identifier, version, type, times, status and one-line values."""
        doc = self.doc
        uri, guid = doc.pop("uri", None), doc.pop("guid", None)
        if uri is not None and guid is not None:
            self.keep("guid", guid)
        path = "$.uri" if uri is not None else "$.guid"
        self.take(
            "guid",
            self.lenient(guid if uri is None else uri, is_token, path, "not an identifier (no spaces)"),
            path,
        )
        for name in ("standard", "$standard", "$schema"):
            doc.pop(name, None)
        kind = doc.pop("type", "text")
        if kind != "text":
            self.keep("type", kind)
        self.kind = kind if isinstance(kind, str) else "text"
        what = "not a version number the model takes (from 1 up; AP's API counts from 0)"
        number = self.lenient(doc.pop("version", None), _is_version, "$.version", what)
        self.take("version", None if number is None else int(number), "$.version")
        for key, field in (
            ("firstCreated", "published"),
            ("versionCreated", "updated"),
            ("embargoedUntil", "embargoed"),
        ):
            if key in doc:
                value = self.time(doc.pop(key), f"$.{key}", day=field != "embargoed")
                self.take(field, value, f"$.{key}")
        if "published" not in self.fields and "contentCreated" in doc:  # created, not first sent
            self.take(
                "published",
                self.time(doc.pop("contentCreated"), "$.contentCreated", day=True),
                "$.contentCreated",
            )
        for key, field, ok, what in (
            ("pubStatus", "status", _is_status, "not a publication status (usable, withheld, canceled)"),
            ("urgency", "urgency", _is_urgency, "not an urgency from 1 to 9"),
            ("language", "language", is_language, "not a BCP 47 language tag"),
        ):
            self.take(field, self.lenient(doc.pop(key, None), ok, f"$.{key}", what), f"$.{key}")
        for key, field in (("slugline", "slugline"), ("located", "located"), ("edNote", "ednote")):
            if key in doc:
                sent = doc.pop(key)
                if field == "ednote" and isinstance(sent, str):
                    sent = sent.replace("\r\n", "\n").replace("\r", "\n")
                self.take(field, sent, f"$.{key}")

    def _headlines(self) -> None:
        """The main headline (role ``main``, else the first without a role: ninjs' "simple
        headline", else the first with any role but a subheadline's, as NewsML-G2 reads
        headlines) and the subheadline (the first with a role of :data:`_SUB_ROLES`); a story
        without one, or with an empty one, has none.

        Raises:
            ValidationError: ``headlines`` is not an array of objects, and no headline
                could be read from it.
        """
        sent = self.doc.get("headlines")
        if sent is not None and not isinstance(sent, list):
            self._no_headline(f"expected an array of objects (role and value), got {_kind(sent)}")
        items = self.items("headlines")
        # An empty headline (STT's, a wire alert's) is no headline: its value is absent.
        valued = [isinstance(item, dict) and "value" in item for item in items]
        roles = [string(item, "role") if isinstance(item, dict) else None for item in items]
        main = next((i for i, role in enumerate(roles) if role == "main" and valued[i]), None)
        if main is None:
            main = next((i for i, item in enumerate(items) if valued[i] and "role" not in item), None)
        if main is None:  # only other roles (IPTC's "simple"): the first is the headline, as in G2
            main = next((i for i, role in enumerate(roles) if valued[i] and role not in _SUB_ROLES), None)
            if main is not None and roles[main] is not None:
                self.keep(f"headlines.{main}.role", roles[main])  # the role it was sent with
        rest = []
        for index, item in enumerate(items):
            field = "headline" if index == main else "subheadline" if roles[index] in _SUB_ROLES else None
            if item is None:
                continue  # null: an absent headline
            if field is not None and field not in self.fields and valued[index]:
                self.take(field, item["value"], f"$.headlines[{index}].value")
            elif isinstance(item, dict) and not valued[index] and set(item) <= {"role"}:
                continue  # nothing but a role: an absent headline
            else:
                rest.append(item)
        if rest:
            self.keep("headlines", rest)
        if "headline" not in self.fields:
            other = next((item for item in rest if not isinstance(item, dict)), None)
            if other is not None:
                self._no_headline(f"no main headline: expected an array of objects, got {_kind(other)} in it")

    def _no_headline(self, message: str) -> None:
        problem = Problem("Story.headline", message, where=self.paths("$.headlines"))
        raise ValidationError([problem], format=NAME)

    def _credited(self) -> tuple[dict[tuple[str, str], deque[int]], list[Any]]:
        """The ``organisations`` credited for the content (``{name, rel}`` with a byline
        role as ``rel``): their indexes by (name, role), in order; and the other organisations."""
        credited: dict[tuple[str, str], deque[int]] = {}
        others: list[Any] = []
        for index, item in enumerate(self.items("organisations")):
            rel = string(item, "rel")
            if rel in _ROLES and set(item) == {"name", "rel"} and isinstance(item["name"], str):
                credited.setdefault((item["name"], str(rel)), deque()).append(index)
            else:
                others.append(item)
        return credited, others

    def _byline(self, bylines: list[Byline], path: str, name: object, role: str, kind: BylineKind) -> None:
        model = f"Story.bylines[{len(bylines)}]"
        self.where[model[6:]] = path
        bylines.append(self.build(Byline, model, path, {}, name=name, role=role, kind=kind))

    def _people(self) -> None:
        """Bylines (an organisation where ``organisations`` credits it with the same name
        and role), source and provider from infoSources; the by-line; priority."""
        bylines: list[Byline] = []
        credited, others = self._credited()
        rest = []
        for index, item in enumerate(self.items("infoSources")):
            path = f"$.infoSources[{index}]"
            role = string(item, "role")
            if role in _ROLES and isinstance(item.get("name"), str) and set(item) <= {"name", "role"}:
                same = credited.get((item["name"], str(role)))
                kind = BylineKind.ORGANISATION if same else BylineKind.PERSON
                if same:
                    same.popleft()
                self._byline(bylines, path, item["name"], str(role), kind)
            elif (
                role in _SOURCE_FIELDS
                and _SOURCE_FIELDS[role] not in self.fields
                and set(item) <= {"name", "role", "uri", "literal"}
                and (item.get("name") is not None or item.get("literal") is not None)
            ):
                field = _SOURCE_FIELDS[role]
                url = self.lenient(item.get("uri"), is_uri, f"{path}.uri", _NOT_A_URI)
                names = {"url": "uri", "code": "literal"}
                source = self.build(
                    Source,
                    f"Story.{field}",
                    path,
                    names,
                    name=item.get("name"),
                    url=url,
                    code=item.get("literal"),
                )
                self.take(field, source, path)
            else:
                rest.append(item)
        if rest:
            self.keep("infoSources", rest)
        alone = sorted((index, name, role) for (name, role), left in credited.items() for index in left)
        for index, name, role in alone:  # credited in organisations only
            self._byline(bylines, f"$.organisations[{index}]", name, role, BylineKind.ORGANISATION)
        if others:
            self.keep("organisations", others)
        self._structured(bylines)
        self._by(bylines)
        self.fields["bylines"] = bylines
        for key, field in (("source", "source"), ("provider", "provider")):
            if isinstance(self.doc.get(key), str) and field not in self.fields:
                name = self.doc.pop(key)
                self.take(
                    field,
                    self.build(Source, f"Story.{field}", f"$.{key}", {"name": ""}, name=name),
                    f"$.{key}",
                )
        priority = self.doc.get("priority")
        if isinstance(priority, (int, str)) and not isinstance(priority, bool):
            self.take("priority", str(self.doc.pop("priority")), "$.priority")

    def _structured(self, bylines: list[Byline]) -> None:
        """Structured bylines (``bylines``: TT's first and last names, AP's ``by`` and ``title``;
        superdesk's ``authors`` with their roles, but for its authors when a printed by-line
        names them) and ``people`` credited with an author-like ``rel``; a person already named
        is not named twice; what gives no byline stays in extras."""
        names = {b.name for b in bylines}
        printed = isinstance(self.doc.get("by"), str)
        for key in ("bylines", "authors", "people"):
            kept = self.items(key)
            rest = []
            for index, item in enumerate(kept):
                found = None
                if isinstance(item, dict) and (key != "people" or role_of(item.get("rel", "")) is not None):
                    person = item if key != "people" else {"name": item.get("name"), "role": item.get("rel")}
                    found = self._guarded(functools.partial(structured, person))
                if found is not None and key == "authors" and printed and found.role is Role.AUTHOR:
                    found = None  # the printed by-line names the authors; authors[] adds the other roles
                if found is None:
                    rest.append(item)
                elif found.name not in names:
                    names.add(found.name)
                    self.where[f"bylines[{len(bylines)}]"] = f"$.{key}[{index}]"
                    bylines.append(found)
                    more = {k: v for k, v in item.items() if k not in _BYLINE_KEYS[key]}
                    if more:  # what the byline says beyond name, role, title, affiliation
                        self.keep(f"{key}.{index}", more)
            if rest:
                self.keep(key, rest)

    def _by(self, bylines: list[Byline]) -> None:
        """The printed by-line: the authors it names when nothing else named them (split as the
        wire layouts split one); kept in extras when it says more than the bylines read."""
        by = self.doc.pop("by", None)
        if not isinstance(by, str):
            if by is not None:
                self.keep("by", by)
            return
        authors = [b.name for b in bylines if b.role is Role.AUTHOR]
        if authors and by == by_line(authors):
            return
        found = self._guarded(lambda: split_by(by)) or []
        names = {b.name for b in bylines}
        new = [b for b in found if b.name not in names]
        if not authors and new:
            for byline in new:
                self.where[f"bylines[{len(bylines)}]"] = "$.by"
                bylines.append(byline)
        elif not found or new:
            self.keep("by", by)

    @staticmethod
    def _guarded(make: Callable[[], Any]) -> Any:
        """``make()``, or None when the model refuses what it builds (a name it cannot hold)."""
        try:
            return make()
        except ValidationError:
            return None

    def _subjects(self) -> None:
        """Genre, subjects, section and keywords."""
        genres = self.doc.pop("genres", None)
        if isinstance(genres, list) and genres and isinstance(genres[0], dict) and "name" in genres[0]:
            self.take("genre", genres[0]["name"], "$.genres[0].name")
            if genres != [{"name": genres[0]["name"]}]:
                self.keep("genres", genres)  # codes and further genres, as sent
        elif genres is not None and genres != []:
            self.keep("genres", genres)
        subjects: list[Subject] = []
        keywords: list[str] = []
        rest: list[Any] = []
        for index, item in enumerate(self.items("subjects")):
            path = f"$.subjects[{index}]"
            rel = string(item, "rel")
            name = item.get("name") if isinstance(item, dict) else None
            if rel == "section" and set(item) == {"name", "rel"} and "section" not in self.fields:
                self.take("section", name, f"{path}.name")
            elif rel == "keyword" and set(item) == {"name", "rel"} and isinstance(name, str):
                self.where[f"keywords[{len(keywords)}]"] = f"{path}.name"
                keywords.append(name)
            elif isinstance(item, dict) and ("name" in item or "uri" in item or "literal" in item):
                subject = self._subject(item, path, len(subjects))
                if subject is not None:
                    subjects.append(subject)
                used = ("name", "uri" if "uri" in item else "literal")
                more = {k: v for k, v in item.items() if k not in used and not (k == "rel" and v in _RELS)}
                if more:  # what the subject says beyond its code and name (a scheme, AP's rels)
                    self.keep(f"subjects.{index}", more)
            else:
                rest.append(item)
        if rest:
            self.keep("subjects", rest)
        sent = self.doc.get("keywords")  # AP's and 1.x's keywords: an array of strings
        if isinstance(sent, list) and all(isinstance(word, str) and word.strip() for word in sent):
            for index, word in enumerate(self.doc.pop("keywords")):
                self.where[f"keywords[{len(keywords)}]"] = f"$.keywords[{index}]"
                keywords.append(word)
        self.fields["subjects"] = subjects
        self.fields["keywords"] = keywords

    def _subject(self, item: dict[str, Any], path: str, number: int) -> Subject | None:
        """One ``about`` subject; a code the model refuses is kept in extras as ``subjects.<n>.code``."""
        key = "uri" if "uri" in item else "literal"
        code = self.lenient(
            item.get(key), is_code, f"{path}.{key}", _NOT_A_CODE, key=f"subjects.{number}.code"
        )
        name = item.get("name")
        if code is None and name is None:
            return None
        model = f"Story.subjects[{number}]"
        self.where[model[6:]] = path
        subject: Subject = self.build(Subject, model, path, {"code": key}, code=code, name=name)
        return subject

    def _texts(self) -> None:
        """Summary, dateline and body: the first description with a summary's role (``summary``,
        ``text``, ``lead``..., or none), one with the role ``dateline``, and the best body
        (HTML or NITF over plain text); the others are kept in extras."""
        for index, item in enumerate(self.items("descriptions")):
            if item is None:
                continue  # null: an absent description
            role = string(item, "role")
            value = item.get("value") if isinstance(item, dict) else None
            path = f"$.descriptions[{index}].value"
            if (
                role == "dateline"
                and "dateline" not in self.fields
                and set(item) == {"role", "contentType", "value"}
            ):
                self.take("dateline", value, path)
            elif _is_summary(item) and "summary" not in self.fields:
                if isinstance(value, str) and content_type(item) == "html":
                    value = html_text(value)
                elif isinstance(value, str) and not self.ours:
                    value = "\n".join(plain_paragraphs(value)) or None
                self.take("summary", value, path)
            else:
                self.keep(f"descriptions.{index}", item)
        bodies = self.items("bodies")
        ranks: list[int] = [body_rank(item) for item in bodies]
        top = max(ranks, default=0)
        best = ranks.index(top) if top else None
        for index, item in enumerate(bodies):
            if item is None:
                continue  # null: an absent body
            if index == best:
                self._body(item["value"], content_type(item), f"$.bodies[{index}].value")
            elif index == 0 and best is None and isinstance(item, dict):  # not a text: kept, with a note
                what = f"a body whose value is not a string ({_kind(item.get('value'))})"
                self.lenient(item, never, "$.bodies[0].value", what, key="bodies.0")
            elif index == 0 and best is None:
                what = f"a body that is not an object with a value ({_kind(item)})"
                self.lenient(item, never, "$.bodies[0]", what, key="bodies.0")
            else:
                self.keep(f"bodies.{index}", item)

    def _body(self, value: str, kind: str, path: str) -> None:
        """The body: plain text, HTML (a browser's whitespace in others' documents) or NITF,
        whose links follow the one rule for body links (one the model refuses is kept in
        extras as ``ninjs.body[P].link[I]``)."""
        where = self.paths(path)
        links = lenient_links(
            lambda href, paragraph, index: self.lenient(
                href,
                is_uri,
                path,
                "a link that is " + _NOT_A_URI,
                key=f"body[{paragraph}].link[{index}]",
                inner=f"/p[{paragraph}]/a[{index}]",
            )
        )
        try:
            if kind == "nitf":
                self._nitf_or_kept(value, links, path)
            elif kind == "text" and not self.ours and looks_like_html(value):
                what = "a plain-text body that holds HTML markup (its tags would be its text): read as HTML"
                notes.add(notes.Note(code="unknown-vocabulary", message=what, format=NAME, where=where))
                self.take("body", self._unrepeated(self._html(value, links, path), path), path)
            elif kind == "text":
                blocks = (
                    body_text(value)
                    if self.ours
                    else self._unrepeated([Paragraph.plain(p) for p in plain_paragraphs(value)], path)
                )
                self.take("body", blocks, path)
            elif self.ours:
                self.take("body", body_blocks(value, format=NAME, link=links), path)
            else:
                self.take("body", self._unrepeated(self._html(value, links, path), path), path)
        except ValidationError as exc:
            raise exc.prefixed("Story.body").located(format=NAME, where=where) from None

    def _unrepeated(self, blocks: list[Any], path: str) -> list[Any]:
        """``blocks`` without a first heading that repeats the headline (TT's ``h1``), without
        the leading paragraphs that repeat the summary's, in order (a teaser sent both as a
        description and as the body's first paragraph: the one rule of NITF's abstract), and
        without the wire credit lines and sign-off (:meth:`_wire_credits`)."""
        blocks = self._wire_credits(blocks, path)
        first = blocks[0] if blocks else None
        headline = self.fields.get("headline")
        if isinstance(first, Heading) and headline is not None and first.text.strip() == headline.strip():
            blocks = blocks[1:]
        summary = self.fields.get("summary")
        count = 0
        for block, line in zip(blocks, summary.split("\n") if summary else (), strict=False):
            if block.__class__ is not Paragraph or " ".join(block.text.split()) != " ".join(line.split()):
                break
            count += 1
        return blocks[count:] if count < len(blocks) else blocks

    def _wire_credits(self, blocks: list[Any], path: str) -> list[Any]:
        """``blocks`` without the wire credit lines every format reads the same way
        (:func:`newsitem.formats._nitf_body.credit_lines`): a leading ``By ...`` paragraph gives
        bylines where the document named none, Reuters' ``(Adds ...)``/``(Reporting by ...)``
        the editor's note (kept in extras beside one), a closing desk sign-off (``AAP RTV ar``,
        ``/ritzau/``) goes to extras as ``ninjs.body.sign-off``; a dateline printed at the start
        of the first paragraph (``WASHINGTON, March 3 (Reuters) -``) is the dateline where the
        document gave none (the paragraph keeps its text)."""
        found = credit_lines(blocks)
        if "dateline" not in self.fields:  # ninjs has no dateline property: the printed one
            self.take("dateline", opening_dateline(found.blocks), path)
        if found.blocks is blocks:
            return blocks
        bylines = self.fields.setdefault("bylines", [])
        named = {byline.name for byline in bylines}
        new = [byline for byline in found.bylines if byline.name not in named]
        if new and not named:
            for byline in new:
                self.where[f"bylines[{len(bylines)}]"] = path
                bylines.append(byline)
        elif found.byline_text is not None:
            self.keep("body.byline", found.byline_text)
        if found.ednote is not None and "ednote" not in self.fields:
            self.take("ednote", found.ednote, path)
        elif found.ednote is not None:
            self.keep("body.ednote", found.ednote)
        if found.sign_off is not None:
            self.keep("body.sign-off", found.sign_off)
        return found.blocks

    def _nitf_or_kept(self, value: str, links: Any, path: str) -> None:
        """A NITF body; one that is not well-formed XML is kept in extras with a note (the
        story still reads), and one with no NITF ``body`` in it is read as HTML."""
        try:
            reading = nitf_body(value, links)
        except ParseError as exc:
            self.lenient(value, never, path, exc.message, key="bodies.0")
            return
        if reading.blocks or reading.headline is not None:
            self._nitf(reading, path)
        else:
            self.take("body", self._unrepeated(self._html(value, links, path), path), path)

    def _html(self, value: str, links: Any, path: str) -> list[Any]:
        """Another's HTML body; a label line before its first paragraph (TT's ``div.dat``:
        the section label and the source) is kept in extras as ``ninjs.body.labels``, with a note."""
        labels: dict[str, str] = {}
        blocks = tidy_html(value, links, labels)
        if labels:
            what = "a line of labelled fields before the first paragraph (a section label, a source):"
            self.lenient(labels, never, path, what + " not story text", key="body.labels")
        return blocks

    def _nitf(self, reading: Any, path: str) -> None:
        """What a NITF body gives: blocks, and the headline, by-line, dateline, summary and
        editor's note where the document itself gave none."""
        self.take("body", reading.blocks, path)
        for field in ("headline", "subheadline", "dateline", "summary", "ednote"):
            value = getattr(reading, field)
            if value is not None and field not in self.fields:
                self.take(field, value, path)
        names = {b.name for b in self.fields["bylines"]}
        self.fields["bylines"].extend(b for b in reading.bylines if b.name not in names)
        for key in ("tagline", "distributor", "series"):
            value = getattr(reading, key, None)
            if value is not None:
                self.keep(f"body.{key}", value)

    def _rights(self) -> None:
        """Rights, and the original URL from renditions."""
        names = {"holder": "copyrightHolder", "notice": "copyrightNotice", "terms": "usageTerms"}
        rights = {}
        for field, key in names.items():
            value = self.doc.pop(key, None)
            if isinstance(value, list) and value and all(isinstance(line, str) for line in value):
                value = "\n".join(value)  # AP's usageterms: a list of statements, one per line
            if value is None or isinstance(value, str):
                rights.update({field: value} if value is not None else {})
            else:
                self.keep(key, value)
        info = self.doc.pop("rightsInfo", None)
        if isinstance(info, dict) and set(info) == {"linkedRights"}:
            path = "$.rightsInfo.linkedRights"
            linked = self.lenient(info["linkedRights"], is_uri, path, _NOT_A_URI)
            if linked is not None:
                rights["license"] = linked
        elif info is not None:
            self.keep("rightsInfo", info)
        if rights:
            names["license"] = "rightsInfo.linkedRights"
            self.take("rights", self.build(Rights, "Story.rights", "$", names, **rights), "$")
        rest = []
        web = False
        for index, item in enumerate(self.items("renditions")):
            if (
                not web
                and isinstance(item, dict)
                and item.get("name") == "web"
                and set(item) == {"name", "href", "contentType"}
            ):
                web = True
                path = f"$.renditions[{index}].href"
                self.take("url", self.lenient(item["href"], is_uri, path, _NOT_A_URI), path)
            else:
                rest.append(item)
        if rest:
            self.keep("renditions", rest)

    def _links(self) -> None:
        """Links: ``associations`` (by their ``rel``, else their name) and AP's ``links`` (its
        ``canonical`` one is the story's ``url``); what a link cannot hold stays in extras."""
        links: list[Link] = []
        sent = self.doc.pop("associations", None)
        if isinstance(sent, dict):  # 1.x: an object of associations by name
            found = [(f"$.associations.{name}", name, item) for name, item in sent.items()]
        elif isinstance(sent, list):
            found = [(f"$.associations[{i}]", string(item, "name"), item) for i, item in enumerate(sent)]
        else:
            found = []
            if sent is not None:
                self.keep("associations", sent)
        for path, name, item in found:
            link = self._association(item, name, path, len(links))
            if link is not None:
                links.append(link)
            if link is None or not self._plain_association(item, link):
                own = self.paths(path)[len(self.paths.root) :].lstrip(".")  # not where its input has it
                self.keep(own.replace("[", ".").rstrip("]"), item)
        rest = []
        for index, item in enumerate(self.items("links")):
            href, rel = string(item, "href"), string(item, "rel")
            path = f"$.links[{index}]"
            if (
                href is not None
                and rel == "canonical"
                and "url" not in self.fields
                and set(item) == {"href", "rel"}
            ):
                self.take("url", self.lenient(href, is_uri, f"{path}.href", _NOT_A_URI), f"{path}.href")
                continue
            link = self._link(path, len(links), uri=href, rel=rel or "related", title=string(item, "title"))
            if link is None or not set(item) <= {"href", "rel", "title"}:
                rest.append(item)
            if link is not None:
                links.append(link)
        if rest:
            self.keep("links", rest)
        self.fields["links"] = links

    def _association(self, item: object, name: str | None, path: str, number: int) -> Link | None:
        """The link an association gives: its ``uri``; without one (superdesk's pictures, by
        ``guid`` with renditions by name), its best rendition's ``href`` (``original``, else
        the first with one), else its ``guid`` when that is an absolute URI. Its relation is
        its ``rel``, else its name (a number such as AP's ``"1"`` names no relation), else
        its ``type`` (``picture``)."""
        if not isinstance(item, dict):
            return None
        uri, media = item.get("uri"), item.get("mimetype")
        renditions = item.get("renditions")
        if isinstance(uri, str):
            only = renditions[0] if isinstance(renditions, list) and len(renditions) == 1 else None
            if isinstance(only, dict) and only.get("href") == uri and set(only) <= _RENDITION:
                media = only.get("contentType")
        else:
            best = _best_rendition(renditions)
            uri = string(best, "href")
            if uri is not None:
                media = string(best, "mimetype") or string(best, "contentType") or media
            elif isinstance(item.get("guid"), str) and is_uri(item["guid"]):
                uri = item["guid"]
            else:
                return None
        named = name if name is not None and not name.strip().isdigit() else None
        rel = string(item, "rel") or named or string(item, "type") or name or "related"
        title = string(item, "title") or string(item, "headline")
        media = media if isinstance(media, str) else None
        return self._link(path, number, uri=uri, rel=rel, media_type=media, title=title)

    @staticmethod
    def _plain_association(item: dict[str, Any], link: Link) -> bool:
        """Whether ``item`` says no more than ``link`` (as the writer writes one)."""
        written: dict[str, Any] = {"name": link.rel, "rel": link.rel, "uri": link.uri}
        if "rel" not in item:  # 2.2 has none: the name says it
            del written["rel"]
        if link.title is not None:
            written["title"] = link.title
        if link.media_type is not None:
            written["renditions"] = [{"name": "main", "href": link.uri, "contentType": link.media_type}]
        return item == written

    def _link(self, path: str, number: int, **values: Any) -> Link | None:
        """A link, or None (the item kept in extras by the caller) when the model refuses it."""
        try:
            link = Link(**values)
        except ValidationError:
            return None
        self.where[f"links[{number}]"] = path
        return link


def _best_rendition(renditions: object) -> dict[str, Any] | None:
    """The rendition a link to an association points at: ``original`` (superdesk's name for
    the full picture), else the first with an ``href``; renditions are an object by name
    (1.x, 2.x, superdesk) or an array of objects with a ``name`` (3.x)."""
    if isinstance(renditions, dict):
        named = list(renditions.items())
    elif isinstance(renditions, list):
        named = [(string(item, "name"), item) for item in renditions]
    else:
        return None
    with_href = [(key, item) for key, item in named if string(item, "href") is not None]
    best = next((item for key, item in with_href if key == "original"), None)
    if best is None and with_href:
        best = with_href[0][1]
    return best if isinstance(best, dict) else None


def read_member(value: Any, where: str | None = None) -> Story:
    """The story of one ninjs object (a JSON value) found at ``where`` in its input;
    the document paths of its errors and notes start there (``$[2].headlines``).

    Raises:
        ParseError: ``value`` is not a JSON object.
        ValidationError: as :func:`loads`.
    """
    if not isinstance(value, dict):
        raise not_an_object(value, where)
    ours = _ours(value)
    declared = version(value)
    if not ours:  # newsitem writes no null nor empty string; one walk renames 2.x/1.x names too
        value = present(value, RENAMES if lowercase(declared) else None)
    kind = value.get("type")
    if isinstance(kind, str) and kind.lower() in NOT_TEXT:
        at = f"{where}.type" if where and where.startswith("$") else f"$.type{f' ({where})' if where else ''}"
        raise ParseError(
            f"{at}: the item is {NOT_TEXT[kind.lower()]} (ninjs type {kind!r}), not a text story;"
            " newsitem reads text items",
            format=NAME,
        )
    shaped, paths = reshape(value, declared, named=not ours)
    if where is not None and where.startswith("$"):
        paths.root = where  # errors and notes name the place in the whole input
    return _Reader(shaped, paths, ours=ours).story()


def _ours(doc: dict[str, Any]) -> bool:
    """Whether ``doc`` is as newsitem writes one: ``uri``, ``standard``, ``type`` and ``version``
    first, and the standard exactly the one it declares (3.1, or 2.2). Such a document is
    read exactly (its white space as written); any other is read as another's."""
    standard = doc.get("standard")
    if not isinstance(standard, dict) or list(doc)[:4] != ["uri", "standard", "type", "version"]:
        return False
    declared = standard.get("version")
    return isinstance(declared, str) and standard == {
        "name": "ninjs",
        "version": declared,
        "schema": SCHEMA_URIS.get(declared),
    }


def loads(data: str | bytes, *, tz: str | tzinfo | None = None) -> Story:
    """Read a ninjs 3.x, 2.x or 1.x document.

    Args:
        data: The document, as text or UTF-8 bytes (a byte-order mark is skipped).
        tz: Accepted and ignored: ninjs times carry their own offsets.

    A value the model refuses in somebody else's document (a rendition ``href``
    with a space, a malformed ``language``, an unreadable time) does not fail the
    item: it is kept in extras under ``ninjs.`` with a ``kept-in-extras`` note
    (see :func:`newsitem.read`).

    An input that holds ninjs objects (a JSON array, an envelope such as AP's
    ``data.item``, JSON Lines; see :mod:`._container`) is read when it holds
    exactly one; one with several is refused: :func:`newsitem.loads_all` reads
    them all.

    Raises:
        ParseError: not UTF-8, not JSON, not a JSON object, or a container of
            other than one object.
        ValidationError: a text the model refuses (a blank or multi-line
            headline), with its document path (``$.headlines[0].value``) and
            model path (``Story.headline``), or a story with no headline, body
            nor summary.
    """
    shape, found = members(data)
    if shape is not None and len(found) != 1:
        raise ParseError(
            f"a ninjs document is a JSON object, and this is {shape}:"
            " read its stories with newsitem.loads_all (or parse_all)",
            format=NAME,
            line=1,
            column=1,
        )
    where, value = found[0]
    return read_member(value(), where)
