"""E-mail writing: an :class:`email.message.EmailMessage` under the SMTP policy.

The policy writes the fields (folding, RFC 2047 encoded-words for non-ASCII
text, the ``From`` address, the ``Date``) and the body (text/plain in UTF-8,
quoted-printable, CRLF). One case is not left to it: a text field whose value
the policy's parser would change before writing it (a literal ``=?...?=``,
runs of spaces, spaces at either end, line separators such as U+2028) is
written as encoded-words by :class:`email.charset.Charset`, so the reader, which
takes text inside encoded-words as sent, gets it back exactly.
"""

from __future__ import annotations

import email.policy
import email.utils
import itertools
import re
from email.charset import Charset
from email.headerregistry import Address
from email.message import EmailMessage

from newsitem.formats.layouts import _conventions as _wire
from newsitem.formats.layouts import _textblocks as _blocks
from newsitem.formats.layouts._email_headers import NAME
from newsitem.model import Paragraph, Source, Story

_WIDTH = 76
_POLICY = email.policy.SMTP.clone(max_line_length=_WIDTH)
"""CRLF line ends, 7-bit output (encoded-words and quoted-printable), lines under 78."""

_UTF8 = Charset("utf-8")
_SPECIALS = re.compile(r'[][\\()<>@,:;".]')
"""RFC 5322 specials: a display name with one is written as a quoted string."""
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
ADDRESS = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@{_ATOM}(?:\.{_ATOM})*")
"""A plain ``local@domain`` address, the form a ``mailto:`` URL is written and read back as."""


class _Verbatim(str):
    """A field value written as given (ASCII, encoded-words where needed): a header
    object for the policy (it has a ``name`` and folds itself), past its parser."""

    name: str

    def __new__(cls, name: str, value: str) -> _Verbatim:
        field = super().__new__(cls, value)
        field.name = name
        return field

    def fold(self, *, policy: email.policy.Policy) -> str:
        """The field as written: name, value, line end."""
        return f"{self.name}: {self}{policy.linesep}"


def _encoded(value: str, name: str) -> str:
    """``value`` as RFC 2047 encoded-words (UTF-8), folded: every character, spaces
    and line separators included, inside a word (:class:`email.header.Header`
    would split at U+0085 and U+2028, as :meth:`str.splitlines` does)."""
    lengths = itertools.chain([_WIDTH - len(name) - 2], itertools.repeat(_WIDTH - 1))  # "Name: " first
    return (_POLICY.linesep + " ").join(word or "" for word in _UTF8.header_encode_lines(value, lengths))


def plain(value: str) -> bool:
    """Whether the policy writes ``value`` as a text field that reads back unchanged."""
    return (
        value.isascii()
        and value.isprintable()
        and "=?" not in value
        and "  " not in value
        and value == value.strip(" ")
    )


def _text(message: EmailMessage, name: str, value: str) -> None:
    message[name] = value if plain(value) else _Verbatim(name, _encoded(value, name))


def _sender(message: EmailMessage, source: Source) -> None:
    name = source.name or ""
    address = source.url.removeprefix("mailto:") if source.url else ""
    if not address:
        _group(message, name)
        return
    if plain(name) and _SPECIALS.search(name) is None:
        local, _, domain = address.partition("@")
        message["From"] = Address(display_name=name, username=local, domain=domain)
    elif plain(name):  # quoted by formataddr: the policy's refolding drops the quotes of a long name
        message["From"] = _Verbatim("From", email.utils.formataddr((name, address)))
    else:
        message["From"] = _Verbatim("From", f"{_encoded(name, 'From')} <{address}>")


def _group(message: EmailMessage, name: str) -> None:
    """A sender without an address: an empty group, ``From: dpa:;`` (RFC 5322 group
    syntax, allowed in From by RFC 6854), never ``dpa <>``, which is no address. The name
    is an atom phrase, a quoted string when it holds specials, or encoded-words."""
    if plain(name) and _SPECIALS.search(name) is None:
        phrase = name
    elif plain(name):
        phrase = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        phrase = _encoded(name, "From")
    message["From"] = _Verbatim("From", f"{phrase}:;")


def body_text(story: Story) -> str:
    """The body as the reader takes it back: ``Abstract:``, slug and ``By`` lines, the
    ``Editor's note:``, the blocks (the dateline before a first paragraph; the other kinds by the text-block
    conventions), the sign-off and the ``-- `` signature."""
    extras = {key.removeprefix(f"{NAME}."): value for key, value in story.extras.items()}
    blocks: list[str] = []
    if story.summary is not None:
        blocks.append(f"Abstract: {story.summary}")
    if story.slugline is not None:
        blocks.append(story.slugline)
    if story.bylines:
        blocks.append("By " + _wire.join_names([b.name for b in story.bylines]))
    if story.ednote is not None:
        blocks.append(f"Editor's note: {story.ednote}")
    for index, block in enumerate(story.body):
        if not isinstance(block, Paragraph):
            blocks.append("\n".join(_blocks.render_block(block)))
            continue
        text = block.text
        if index == 0 and story.dateline is not None:
            text = _wire.with_dateline(text, story.dateline, extras.get("dateline-agency"), dash="-")
        blocks.append(text)
    if "sign-off" in extras:
        blocks.append(extras["sign-off"])
    body = "\n\n".join(blocks)
    if "signature" in extras:
        body += "\n\n-- \n" + extras["signature"]
    return body + "\n"


def write(story: Story) -> bytes:
    """``story`` (a projection :func:`newsitem.formats.layouts.email.carried` made) as a message."""
    message = EmailMessage(policy=_POLICY)
    if story.headline is not None:  # a story without a headline is a message without a Subject
        _text(message, "Subject", story.headline)
    if story.source is not None and story.source.name is not None:
        _sender(message, story.source)
    if story.published is not None:
        message["Date"] = story.published  # RFC 5322 form; no offset is written -0000
    if story.guid is not None:
        message["Message-ID"] = _Verbatim("Message-ID", f"<{story.guid}>")  # any token, as it is
    if story.priority is not None:
        message["X-Priority"] = story.priority
    if story.keywords:
        _text(message, "Keywords", ", ".join(story.keywords))
    message.set_content(body_text(story), subtype="plain", charset="utf-8", cte="quoted-printable")
    if story.language is not None:  # after set_content, which clears every Content- field
        message["Content-Language"] = story.language
    return message.as_bytes()
