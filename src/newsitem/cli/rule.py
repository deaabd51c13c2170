"""``newsitem rule NI003``: what a rule of ``validate`` checks, why, and an input that fails
it beside one that passes (``newsitem rule --all`` for every rule, as ruff does).

The examples are real: ``tests/test_outputs.py`` runs each failing example through
``newsitem validate`` with its options and sees its rule fire, and each passing one
without it; ``docs/rules.md`` is :func:`markdown_page`, checked in a test.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, NamedTuple

from newsitem.cli.rules import RULES, help_uri
from newsitem.errors import UsageError

__all__ = ["EXPLANATIONS", "Example", "Explanation", "add", "explain", "markdown_page", "run"]


class Example(NamedTuple):
    """An input file and the ``validate`` options it is checked with."""

    text: str
    name: str = "story.json"
    options: tuple[str, ...] = ()
    encoding: str = "utf-8"
    """The charset the file is saved in (a guessed charset needs one that is not UTF-8)."""

    def data(self) -> bytes:
        """The file's bytes."""
        return self.text.encode(self.encoding)

    def command(self) -> str:
        """The command line that checks it."""
        import shlex

        return shlex.join(["newsitem", "validate", self.name, *self.options])

    def as_dict(self) -> dict[str, Any]:
        """The example as JSON (``newsitem rule --output-format json``)."""
        return {
            "file": self.name,
            "encoding": self.encoding,
            "options": list(self.options),
            "text": self.text,
        }


class Explanation(NamedTuple):
    """What a rule checks, why it matters, and its examples (or why it has none)."""

    why: str
    fails: Example | None = None
    passes: Example | None = None
    unexampled: str | None = None
    """Why no file shows the rule (it reports a bug, or a file system's state)."""

    def _examples(self) -> list[tuple[str, Example]]:
        return [(label, e) for label, e in (("fails", self.fails), ("passes", self.passes)) if e is not None]

    def text(self, rule: str) -> str:
        """The explanation as plain text (``newsitem rule NI003``)."""
        import textwrap

        severity, name, what = RULES[rule]
        out = [f"{rule} {name} ({severity})", "", f"What: {what}.", "", textwrap.fill(f"Why: {self.why}", 88)]
        if self.unexampled:
            out += ["", textwrap.fill(f"No example: {self.unexampled}", 88)]
        for label, example in self._examples():
            saved = "" if example.encoding == "utf-8" else f" (saved as {example.encoding})"
            out += ["", f"Example that {label}{saved}: {example.command()}", ""]
            out += ["    " + line for line in example.text.splitlines()]
        out += ["", f"More: {help_uri(rule)}"]
        return "\n".join(out) + "\n"

    def markdown(self, rule: str) -> str:
        """The explanation as Markdown (``docs/rules.md`` and SARIF's ``help.markdown``)."""
        severity, name, what = RULES[rule]
        out = [f"**{what[0].upper()}{what[1:]}** ({severity}, `{name}`).", "", self.why]
        if self.unexampled:
            out += ["", f"No example: {self.unexampled}"]
        for label, example in self._examples():
            saved = "" if example.encoding == "utf-8" else f" (saved as {example.encoding})"
            fence = "````" if "```" in example.text else "```"
            out += ["", f"An input that {label}{saved}, `{example.command()}`:", "", f"{fence}text"]
            out += [*example.text.splitlines(), fence]
        return "\n".join(out) + "\n"

    def as_dict(self, rule: str) -> dict[str, Any]:
        """The explanation as JSON."""
        severity, name, what = RULES[rule]
        return {
            "code": rule,
            "name": name,
            "severity": severity,
            "what": what,
            "why": self.why,
            "fails": None if self.fails is None else self.fails.as_dict(),
            "passes": None if self.passes is None else self.passes.as_dict(),
            "no_example": self.unexampled,
            "help_uri": help_uri(rule),
        }


def _json_story(body: str | None = '["It rained all day in Oslo."]', **fields: str) -> str:
    """A story in newsitem's own JSON: the fields given (as JSON text, in order), then the body."""
    if body is not None:
        fields["body"] = body
    inner = ",\n".join(f'  "{key}": {value}' for key, value in fields.items())
    return '{\n  "newsitem": "1",\n' + inner + "\n}\n"


_HEADLINE = '"Rain in Oslo"'
_WEB = """Café owners “protest” rent rise
by René Dubois Monday, Aug 3 2015, 10:10am
local /
news /
post
Owners say the rise is “unfair” \u2013 and plan to close for a day.
"""
_WEEKDAY = """Ferry timetable changes
by Ana Lima Friday, Dec 22 2017, 2:02am
local /
news /
post
The winter timetable starts on the 22nd of December.
"""
_MAIL = """From: Desk <desk@agency.example>
Subject: Twin red pandas born at city zoo
Date: Mon, 9 Sep 2019 11:22:00 +0200
Content-Type: text/plain

Twin red pandas were born at the city zoo last month.
"""
_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Harbour ferry returns</title></head><body>
<article itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">Harbour ferry returns</h1>
<div itemprop="articleBody">
<p>The ferry is back, says <a href="https://example.com/ferry%20news">the operator</a>.</p>
</div>
</article></body></html>
"""
_LD_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Harbour ferry returns</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour ferry returns"}</script>
</head><body><article><h1>Harbour ferry returns</h1><p>The ferry is back.</p></article></body></html>
"""
_G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.com:20240501:scores"
    version="1" standard="NewsML-G2" standardversion="2.35" conformance="power" xml:lang="en">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:EXW"/>
    <versionCreated>2024-05-01T09:00:00Z</versionCreated>
  </itemMeta>
  <contentMeta>
    <headline>Reds beat Blues 3-1</headline>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Reds beat Blues</title></head>
        <body><p>The Reds beat the Blues 3-1 on Saturday.</p></body></html>
    </inlineXML>
  </contentSet>
</newsItem>
"""
_G2_SCORES = _G2.replace(
    """<inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Reds beat Blues</title></head>
        <body><p>The Reds beat the Blues 3-1 on Saturday.</p></body></html>""",
    """<inlineXML contenttype="application/x-scores+xml">
      <scores xmlns="urn:example:scores"><team name="Reds">3</team><team name="Blues">1</team></scores>""",
)
_NEWSML_SCHEMA = ("--newsml-schema", "schemas/newsml-g2-2.35")
_NINJS_SCHEMA = ("--ninjs-schema", "schemas/ninjs")
SCHEMA_FOLDER = "schemas/"
"""Where the examples say the schema folders are (the IPTC's files, not shipped with newsitem)."""
_NINJS_KEY = (
    '{"uri": "urn:example:story:1", "headline": "Rain in Oslo", "%s": 3, "body_text": "It rained."}\n'
)
_NINJS = (
    '{"uri": "urn:example:story:1", "headline": "Rain in Oslo", "body_text": "It rained.",\n'
    ' "pubstatus": "%s"}\n'
)


def _explanations() -> dict[str, Explanation]:
    """Every rule's explanation, by id (split in two to keep each function short)."""
    return {**_input_rules(), **_policy_rules(), **_note_rules(), **_schema_rules()}


def _input_rules() -> dict[str, Explanation]:
    return {
        "NI001": Explanation(
            why="A file no reader recognises cannot be checked at all: it is either not a story, or in a"
            " layout newsitem does not know. Exclude files that are not stories, or name the format.",
            fails=Example(name="notes.txt", text="Lunch is at noon in the small meeting room.\n"),
            passes=Example(text=_json_story(headline=_HEADLINE)),
        ),
        "NI002": Explanation(
            why="The file is in a format newsitem knows but is broken (cut short, not well-formed):"
            " nothing in it can be trusted. The finding gives the line and column of the fault.",
            fails=Example(text='{\n  "newsitem": "1",\n  "headline": "Rain in Oslo",\n'),
            passes=Example(text=_json_story(headline=_HEADLINE)),
        ),
        "NI003": Explanation(
            why="Every story newsitem reads obeys the model's rules (an urgency from 1 to 9, a"
            " language tag, an absolute URI): a value that breaks one would break the systems the"
            " story goes to. The finding names the value's path in the document and in the model.",
            fails=Example(text=_json_story(headline=_HEADLINE, urgency="12")),
            passes=Example(text=_json_story(headline=_HEADLINE, urgency="2")),
        ),
        "NI004": Explanation(
            why="A file that cannot be read (a broken archive, a special file, one over --max-size,"
            " one that vanished) holds stories nobody checked.",
            fails=Example(name="wire.tar.gz", text="not a compressed archive\n"),
            passes=Example(text=_json_story(headline=_HEADLINE)),
        ),
        "NI005": Explanation(
            why="Reading the file raised an error no rule expects: a bug in newsitem. The run goes on"
            " with the next file; please report the finding's message with the file.",
            unexampled="it reports a bug, and a bug fixed has no example.",
        ),
        "NI006": Explanation(
            why="A walk (and --force-exclude, as pre-commit runs it) checks a .json, .xml, .html or .txt"
            " file, or one without an extension, only when it is recognised as a story: a story damaged"
            " past recognition is skipped, not failed. The summary line counts the files skipped and"
            " --show-files marks them; select this rule to make each one a finding (with --strict, a"
            " failure). To check such files whatever they hold, name them, add them to include, or"
            " give --from.",
            fails=Example(
                name="notes.txt",
                text="Lunch is at noon in the small meeting room.\n",
                options=("--force-exclude", "--select", "NI006"),
            ),
            passes=Example(
                text=_json_story(headline=_HEADLINE), options=("--force-exclude", "--select", "NI006")
            ),
        ),
    }


def _policy_rules() -> dict[str, Explanation]:
    naive = '"2024-03-04T07:15:00"'
    return {
        "NI101": Explanation(
            why="A desk may need every story to carry some fields (a byline, subjects): --require"
            " names them, and a story without one fails.",
            fails=Example(text=_json_story(headline=_HEADLINE), options=("--require", "byline")),
            passes=Example(
                text=_json_story(headline=_HEADLINE, bylines='[{"name": "Kari Nordmann"}]'),
                options=("--require", "byline"),
            ),
        ),
        "NI102": Explanation(
            why="A time without a zone is a different instant in every place it is read: with"
            " --require-timezone, every time (published, updated, embargoed) must carry one.",
            fails=Example(
                text=_json_story(headline=_HEADLINE, published=naive), options=("--require-timezone",)
            ),
            passes=Example(
                text=_json_story(headline=_HEADLINE, published='"2024-03-04T07:15:00+01:00"'),
                options=("--require-timezone",),
            ),
        ),
        "NI103": Explanation(
            why="A service in one language should not publish a story in another, or one that does"
            " not say: --language names the language every story must declare (case does not matter).",
            fails=Example(
                text=_json_story(headline=_HEADLINE, language='"de"'), options=("--language", "en")
            ),
            passes=Example(
                text=_json_story(headline=_HEADLINE, language='"en"'), options=("--language", "en")
            ),
        ),
        "NI104": Explanation(
            why="Old news republished as new misleads readers: --max-age fails a story published longer"
            " ago than that, or with no published time at all.",
            fails=Example(text=_json_story(headline=_HEADLINE), options=("--max-age", "2w")),
            passes=Example(
                text=_json_story(headline=_HEADLINE, published='"2099-03-04T07:15:00+01:00"'),
                options=("--max-age", "2w"),
            ),
        ),
        "NI105": Explanation(
            why="A time without a zone could be hours earlier or later: its age is not guessed, and"
            " the story is reported as one whose age cannot be checked.",
            fails=Example(text=_json_story(headline=_HEADLINE, published=naive), options=("--max-age", "2w")),
            passes=Example(
                text=_json_story(headline=_HEADLINE, published='"2099-03-04T07:15:00+01:00"'),
                options=("--max-age", "2w"),
            ),
        ),
    }


def _note_rules() -> dict[str, Explanation]:
    utf8_page = _WEB
    return {
        "NI201": Explanation(
            why="The file did not say its charset and was not UTF-8, so its text was decoded by a"
            " guess: a wrong guess garbles every accented letter. Save stories as UTF-8.",
            fails=Example(name="story.txt", text=_WEB, encoding="windows-1252"),
            passes=Example(name="story.txt", text=utf8_page),
        ),
        "NI202": Explanation(
            why="The reader noted something no other rule names; read the message.",
            unexampled="every note readers make today has a rule of its own; this one catches notes"
            " added later, before they get their own id.",
        ),
        "NI203": Explanation(
            why="The headline came from somewhere other than the format's headline field (an e-mail's"
            " 'Headline:' line, a NewsML-G2 inline title): check that it is the headline meant.",
            fails=Example(
                name="story.eml",
                text=_MAIL.replace("Twin red pandas born at city zoo", "Zoo news", 1).replace(
                    "\n\n", "\n\nHeadline: Twin red pandas born at city zoo\n\n", 1
                ),
            ),
            passes=Example(name="story.eml", text=_MAIL),
        ),
        "NI204": Explanation(
            why="A value broke a rule of the model (here a link that is not a valid URI) and was kept"
            " in the story's extras instead of its field: nothing is lost, but the field is empty.",
            fails=Example(name="page.html", text=_PAGE.replace("ferry%20news", "100%zz")),
            passes=Example(name="page.html", text=_PAGE),
        ),
        "NI205": Explanation(
            why="A date was read by a guess (an impossible zone offset, a two-digit year): the time"
            " may be off. The finding says what was guessed.",
            fails=Example(name="story.eml", text=_MAIL.replace("+0200", "+0160")),
            passes=Example(name="story.eml", text=_MAIL),
        ),
        "NI206": Explanation(
            why="The date printed with the story disagrees with itself (a weekday that does not match"
            " the day): one of the two is wrong, and the date read may be.",
            fails=Example(name="story.txt", text=_WEEKDAY.replace("Friday", "Monday")),
            passes=Example(name="story.txt", text=_WEEKDAY),
        ),
        "NI207": Explanation(
            why="A part of the file could not be read (a broken JSON-LD block, an impossible date"
            " header) and was skipped: what it held is not in the story.",
            fails=Example(
                name="page.html", text=_LD_PAGE.replace('"headline": "Harbour ferry returns"}', "")
            ),
            passes=Example(name="page.html", text=_LD_PAGE),
        ),
        "NI208": Explanation(
            why="The body is in a vocabulary newsitem does not know (not XHTML, not NITF): it was"
            " read as plain text, and its structure is gone.",
            fails=Example(name="story.xml", text=_G2_SCORES),
            passes=Example(name="story.xml", text=_G2),
        ),
    }


def _schema_rules() -> dict[str, Explanation]:
    return {
        "NI209": Explanation(
            why="A ninjs property its version does not define is most often a misspelt key: the value"
            " is silently ignored by every consumer.",
            fails=Example(
                name="story.json",
                text=_NINJS_KEY % "urgancy",
            ),
            passes=Example(
                name="story.json",
                text=_NINJS_KEY % "urgency",
            ),
        ),
        "NI210": Explanation(
            why="A story with a headline and no body text is most often a feed or export that lost"
            " the body on the way.",
            fails=Example(text=_json_story(body=None, headline=_HEADLINE)),
            passes=Example(text=_json_story(headline=_HEADLINE)),
        ),
        "NI301": Explanation(
            why="Systems that take NewsML-G2 validate it against the IPTC schema and refuse what"
            " fails; --newsml-schema (or $NEWSITEM_NEWSML_SCHEMA_DIR) names the folder of the 2.35"
            " schema files, and each problem is reported at its line.",
            fails=Example(
                name="story.xml",
                text=_G2.replace("<contentMeta>", "<contentMeta>\n    <bogus/>"),
                options=_NEWSML_SCHEMA,
            ),
            passes=Example(name="story.xml", text=_G2, options=_NEWSML_SCHEMA),
        ),
        "NI302": Explanation(
            why="A ninjs document is checked against the IPTC schema of its version (1.6, 2.2, 3.1)"
            " when --ninjs-schema (or $NEWSITEM_NINJS_SCHEMA_DIR) names the folder of the schemas:"
            " consumers that validate refuse what fails.",
            fails=Example(name="story.json", text=_NINJS % "cancelled", options=_NINJS_SCHEMA),
            passes=Example(name="story.json", text=_NINJS % "canceled", options=_NINJS_SCHEMA),
        ),
    }


EXPLANATIONS: dict[str, Explanation] = _explanations()
"""Every rule's explanation, by id."""


def explain(rule: str) -> tuple[str, Explanation]:
    """A rule's id (in capitals) and explanation.

    Raises:
        UsageError: no such rule.
    """
    code = rule.strip().upper()
    if code not in EXPLANATIONS:
        raise UsageError(f"{rule}: no such rule (one of {', '.join(EXPLANATIONS)}; newsitem rule --all)")
    return code, EXPLANATIONS[code]


def markdown_page() -> str:
    """``docs/rules.md``: the table of rules and each rule's explanation."""
    out = [
        "# Rules of `newsitem validate`",
        "",
        "Each finding of `newsitem validate` names its rule. Ids are stable: a rule is never",
        "renumbered, and a new one takes the next free id of its series (NI0xx: the input cannot",
        "be read; NI1xx: the policy options; NI2xx: warnings; NI3xx: the IPTC schemas). Choose",
        "them with `--select` and `--ignore` (ids or prefixes: `--ignore NI2`), and read one",
        "with `newsitem rule NI003`. This page is `newsitem.cli.rule.markdown_page()`, and a",
        "test runs every example below through `newsitem validate`.",
        "",
        "| Rule | Name | Severity | What |",
        "|------|------|----------|------|",
    ]
    out += [f"| [{r}](#{r.lower()}) | `{name}` | {sev} | {what} |" for r, (sev, name, what) in RULES.items()]
    for rule, explained in EXPLANATIONS.items():
        out += [
            "",
            f"({rule.lower()})=",
            f"## {rule} {RULES[rule][1]}",
            "",
            explained.markdown(rule).rstrip("\n"),
        ]
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print one rule's explanation, or every rule's with ``--all``."""
    if args.all == (args.rule is not None):
        raise UsageError("name one rule (newsitem rule NI003) or give --all")
    chosen = list(EXPLANATIONS.items()) if args.all else [explain(args.rule)]
    if args.output_format == "json":
        listing = [explained.as_dict(rule) for rule, explained in chosen]
        sys.stdout.write(json.dumps(listing if args.all else listing[0], indent=2, ensure_ascii=False) + "\n")
    elif args.output_format == "markdown":
        sys.stdout.write("\n".join(f"## {rule} {RULES[rule][1]}\n\n{e.markdown(rule)}" for rule, e in chosen))
    else:
        sys.stdout.write("\n".join(explained.text(rule) for rule, explained in chosen))
    return 0


def add(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``rule`` subcommand."""
    explaining = commands.add_parser(
        "rule",
        help="explain a rule of validate: what it checks, why, an input that fails and one that passes",
        description="Explain a rule of newsitem validate (newsitem rule NI003), or every rule (--all).",
    )
    explaining.add_argument("rule", nargs="?", metavar="RULE", help="a rule id, such as NI003")
    explaining.add_argument("--all", action="store_true", help="explain every rule")
    explaining.add_argument(
        "--output-format", choices=("text", "json", "markdown"), default="text", help="default: text"
    )
    explaining.set_defaults(run=run)
