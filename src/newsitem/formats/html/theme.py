"""The look every page newsitem writes shares: the story page of :mod:`newsitem.formats.html`
and the archive site of ``newsitem convert --to html`` (:mod:`newsitem.batch.index`).

One home for the stylesheet (:data:`STYLE`), the Content Security Policy (:data:`CSP`),
times in words (:func:`when_words`) and the words a kicker shows for a story's section
(:func:`section_words`: a wire service's category code is not a kicker).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsitem.model import Story

__all__ = ["AP_CATEGORIES", "CSP", "MONTHS", "STYLE", "section_words", "when_words"]

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
"""The months' names, January first."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
"""The pages' Content Security Policy: no script runs and nothing is fetched."""

STYLE = """
body{margin:0;background:#fafaf7;color:#1d1d1b;font:17px/1.6 Georgia,'Times New Roman',serif}
article{max-width:42rem;margin:2.5rem auto;padding:0 1.25rem;overflow-wrap:break-word}
header{border-bottom:1px solid #d8d6cf;margin-bottom:1.5rem;padding-bottom:1rem}
h1{font-size:2.1rem;line-height:1.2;margin:.3rem 0 .6rem}
.kicker,.byline,.dateline,footer,nav{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
.kicker{text-transform:uppercase;letter-spacing:.06em;font-size:.8rem;color:#8a3b12;margin:0}
.subheadline{font-size:1.25rem;color:#44443f;margin:.2rem 0 .8rem}
.byline{font-weight:600;margin:.2rem 0}
.dateline{color:#5f5e58;font-size:.9rem;margin:.2rem 0}
.summary{font-size:1.1rem;font-style:italic;color:#33332f}
.summary,[itemprop=articleBody] p,[itemprop=articleBody] li,dd,.notice,.terms{white-space:pre-line}
[itemprop=articleBody] :is(h2,h3,h4,h5,h6){line-height:1.3;margin:1.6rem 0 .4rem}
blockquote{margin:1.2rem 0;padding-left:1rem;border-left:3px solid #d8d6cf;color:#33332f}
blockquote footer{border:0;margin:0;padding:0;font-size:.9rem}
blockquote footer::before{content:"\\2014\\a0"}
pre{white-space:pre;overflow-x:auto;background:#f1f0ea;padding:.6rem}
pre{font:14px/1.45 ui-monospace,Menlo,Consolas,monospace}
table{border-collapse:collapse;margin:1rem 0;font-family:system-ui,sans-serif;font-size:.9rem}
th,td{white-space:pre;border-bottom:1px solid #d8d6cf;padding:.2rem .6rem;text-align:left}
figure{margin:1.2rem 0}figcaption{font-size:.9rem;color:#55544e}
figcaption small{display:block;font-size:.8rem}
a{color:#1a4f8b}
.inert{border-bottom:1px dotted #999}
footer{border-top:1px solid #d8d6cf;margin-top:2rem;padding-top:1rem;font-size:.85rem;color:#55544e}
footer dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
footer dt{font-weight:600}footer dd{margin:0}
nav.site{max-width:42rem;margin:1.2rem auto;padding:0 1.25rem;font-size:.9rem;color:#5f5e58}
nav.site{overflow-wrap:anywhere}
nav.site a{text-decoration:none}nav.site a:hover{text-decoration:underline}
nav.turn{display:flex;gap:1rem;justify-content:space-between;padding-top:1rem}
nav.turn{background:linear-gradient(#d8d6cf,#d8d6cf) 1.25rem 0/calc(100% - 2.5rem) 1px no-repeat}
nav.turn>*{flex:1 1 0;line-height:1.35}nav.turn a[rel=next]{text-align:right}
nav.turn small{display:block;color:#5f5e58;font-size:.75rem;text-transform:uppercase;letter-spacing:.06em}
""".strip()
"""The stylesheet of the story page and of the archive site's pages."""

AP_CATEGORIES = {
    "a": "Domestic news", "b": "Special events", "c": "Features", "d": "National summary",
    "e": "Entertainment", "f": "Business", "g": "State summary", "h": "National headlines",
    "i": "International", "j": "State headlines", "k": "Commentary", "m": "Farm",
    "n": "State and regional", "o": "Weather", "p": "Politics", "q": "Sports scores",
    "r": "Radio", "s": "Sports", "t": "Television", "v": "Advisories", "w": "Washington",
}  # fmt: skip
"""AP's ANPA-1312 category letters in words (the code table of the docs page ``formats/wire``)."""

_CODE = re.compile(r"[a-z]{1,3}")
"""A wire category code as IPTC 7901 services send it: one to three lower-case letters."""
_WIRE = ("anpa.", "iptc7901.")


def when_words(value: date) -> str:
    """A time in words as the page shows it: ``4 March 2024, 07:15 (UTC+01:00)``; a day alone,
    ``4 March 2024``; a time without a zone, without the ``(UTC...)``."""
    day = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    if not isinstance(value, datetime):
        return day
    words = f"{day}, {value.hour:02d}:{value.minute:02d}"
    offset = value.utcoffset()
    if offset is None:
        return words
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{words} (UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d})"


def section_words(story: Story) -> str | None:
    """What the kicker shows of a story's section: the section itself, unless it is a wire
    service's category code (a single letter; or one to three lower-case letters of a story
    read from ANPA-1312 or IPTC 7901). An ANPA story's code known to :data:`AP_CATEGORIES` shows
    as its words (``s``: Sports); another code shows nothing (its meaning is the agency's)."""
    section = story.section
    if section is None:
        return None
    wire = next((prefix for prefix in _WIRE if any(key.startswith(prefix) for key in story.extras)), None)
    if not ((wire is not None and _CODE.fullmatch(section)) or (len(section) == 1 and section.isalpha())):
        return section
    return AP_CATEGORIES.get(section) if wire == "anpa." else None
