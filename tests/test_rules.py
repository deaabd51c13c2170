"""Issue 20, rules: stable ids, --select/--ignore/per-file-ignores by id or prefix, `newsitem rule`
explaining each rule with examples that are real (each run through `newsitem validate`), and the
rule table in docs/rules.md."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsitem.cli import main, rule, rules
from newsitem.errors import UsageError
from newsitem.model import Story

from .conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
STABLE = {
    "NI001": "unknown-layout",
    "NI002": "parse-error",
    "NI003": "model-rule",
    "NI004": "unreadable",
    "NI005": "internal-error",
    "NI006": "not-a-story",
    "NI101": "required-field",
    "NI102": "timezone-required",
    "NI103": "language",
    "NI104": "too-old",
    "NI105": "age-unknown",
    "NI201": "charset-guess",
    "NI202": "reader-warning",
    "NI203": "headline-guess",
    "NI204": "kept-in-extras",
    "NI205": "date-guess",
    "NI206": "date-mismatch",
    "NI207": "part-unreadable",
    "NI208": "unknown-vocabulary",
    "NI209": "unknown-property",
    "NI210": "empty-body",
    "NI301": "newsml-schema",
    "NI302": "ninjs-schema",
}
"""The ids and names published so far: an id is never renumbered or renamed."""
EXAMPLED = [r for r, e in rule.EXPLANATIONS.items() if e.fails is not None]


def test_rule_ids_are_stable() -> None:
    """Every id published keeps its name, and the new warnings (NI209, NI210) took the next free ids."""
    assert {r: name for r, (_, name, _) in rules.RULES.items()} == STABLE
    assert rules.RULES["NI209"][0] == rules.RULES["NI210"][0] == "warning"
    assert rules.RULES["NI006"][0] == "warning" and {"NI006"} == rules.OFF_BY_DEFAULT


def test_not_a_story_is_off_unless_selected() -> None:
    """NI006 is left out by the default selection, and reported when a select names it (id, prefix, ALL)."""
    assert not rules.Selection().enabled("NI006")
    assert not rules.Selection(ignore=rules.codes("NI2")).enabled("NI006")
    for chosen in ("NI006", "NI0", "ALL"):
        assert rules.Selection(select=rules.codes(chosen)).enabled("NI006"), chosen
    assert not rules.Selection(select=rules.codes("ALL"), ignore=rules.codes("NI006")).enabled("NI006")


@pytest.mark.parametrize(
    ("age", "words"),
    [("30d", "30 days"), ("1d", "1 day"), ("2w", "2 weeks"), ("36h", "36 hours"), ("90m", "90 minutes")],
)
def test_max_age_in_words(age: str, words: str) -> None:
    """NI104's message gives --max-age in words (``older than 30 days``), never a timedelta's ``0:00:00``."""
    story = Story(headline="Rain", published=datetime(2002, 2, 25, 14, 30, tzinfo=UTC))
    policy = rules.Policy(max_age=rules.parse_age(age), now=datetime(2026, 1, 1, tzinfo=UTC))
    (found,) = rules._policy("x.json", story, policy)
    assert found.rule == "NI104"
    assert found.message == f"published 2002-02-25T14:30:00+00:00 is older than {words}"


def test_every_rule_is_explained() -> None:
    """Each rule has an explanation with a failing and a passing example, or says why it has none."""
    assert list(rule.EXPLANATIONS) == list(rules.RULES)
    for code, explained in rule.EXPLANATIONS.items():
        has_both = explained.fails is not None and explained.passes is not None
        assert has_both != bool(explained.unexampled), code
    assert [r for r, e in rule.EXPLANATIONS.items() if e.unexampled] == ["NI005", "NI202"]


def _fired(example: rule.Example, folder: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The rules `newsitem validate` reports for the example, run as its command line says."""
    options = list(example.options)
    if any(o.startswith(rule.SCHEMA_FOLDER) for o in options):
        if not (SHARED / "schemas").exists():
            pytest.skip("needs the IPTC schemas of ../shared/schemas (CI has them)")
        options = [str(SHARED / o) if o.startswith(rule.SCHEMA_FOLDER) else o for o in options]
    path = folder / example.name
    path.write_bytes(example.data())
    capsys.readouterr()
    code = main(["validate", str(path), *options, "--isolated", "--output-format", "jsonl"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    return [json.loads(line)["rule"] for line in out.splitlines()]


@pytest.mark.parametrize("code", EXAMPLED)
def test_failing_example_fires_its_rule(
    code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The failing example of the rule's explanation, checked as shown, gives that rule."""
    example = rule.EXPLANATIONS[code].fails
    assert example is not None
    assert code in _fired(example, tmp_path, capsys)


@pytest.mark.parametrize("code", EXAMPLED)
def test_passing_example_does_not(code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The passing example of the rule's explanation, checked as shown, does not give that rule."""
    example = rule.EXPLANATIONS[code].passes
    assert example is not None
    assert code not in _fired(example, tmp_path, capsys)


class TestSelection:
    def test_codes_accept_ids_prefixes_and_all(self) -> None:
        """Codes are split at commas, put in capitals and kept once each."""
        assert rules.codes(["ni003, NI2", "NI003"]) == ("NI003", "NI2")
        assert rules.codes("ALL") == ("ALL",)

    @pytest.mark.parametrize("bad", ["NX1", "NI9", "NI0031", "E501", "*"])
    def test_unknown_code_is_a_usage_error_naming_the_option(self, bad: str) -> None:
        """A code no rule id starts with is refused, naming where it came from."""
        with pytest.raises(UsageError, match=r"^--ignore "):
            rules.codes(["NI003", bad], "--ignore")

    def test_prefixes_and_the_most_specific_wins(self) -> None:
        """A prefix selects its series; the longer of two matching codes wins, ignore winning a tie."""
        every = list(rules.RULES)

        def chosen(select: str, ignore: str = "") -> list[str]:
            picked = rules.Selection(select=rules.codes(select), ignore=rules.codes(ignore))
            return [r for r in every if picked.enabled(r)]

        assert chosen("NI1") == ["NI101", "NI102", "NI103", "NI104", "NI105"]
        assert chosen("NI2", "NI201") == [r for r in every if r.startswith("NI2") and r != "NI201"]
        assert chosen("NI201", "NI2") == ["NI201"]
        assert chosen("NI003", "NI003") == []
        assert chosen("ALL", "NI") == []
        assert chosen("ALL", "NI0,NI3") == [r for r in every if r[2] in "12"]
        assert rules.Selection().enabled("NI209")

    def test_per_file_ignores(self) -> None:
        """A glob with a folder matches the whole path; one without matches the last part too."""
        picked = rules.Selection(
            per_file_ignores=(("legacy/**", ("NI1",)), ("*.eml", ("NI205",)), ("wire/*.txt", ("ALL",)))
        )
        assert not picked.enabled("NI101", "legacy/2019/a.json")
        assert picked.enabled("NI101", "new/legacy/a.json")  # anchored at the start
        assert picked.enabled("NI003", "legacy/a.json")
        assert not picked.enabled("NI205", "in/box/a.eml")
        assert not picked.enabled("NI003", "wire/a.txt") and picked.enabled("NI003", "wire/x/a.txt")
        found = [
            rules.Finding(rule="NI101", file="/repo/legacy/a.json", message="m"),
            rules.Finding(rule="NI003", file="/repo/legacy/a.json", message="m"),
        ]
        kept = picked.filter(found, path_of=lambda f: f.removeprefix("/repo/"))
        assert [f.rule for f in kept] == ["NI003"]

    def test_glob_regex(self) -> None:
        """* and ? stay in a folder, ** crosses folders, [..] is a class, the rest is literal."""
        assert rules.glob_regex("a/**/b?.[jt]xt").fullmatch("a/x/y/b1.txt")
        assert rules.glob_regex("a/**/b?.[jt]xt").fullmatch("a/b1.jxt")
        assert not rules.glob_regex("a/*.txt").fullmatch("a/x/b.txt")
        assert not rules.glob_regex("a+b.txt").fullmatch("aab.txt")


class TestRuleCommand:
    def test_explains_one_rule(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`newsitem rule ni003` prints what, why, a failing and a passing example and the help address."""
        assert main(["rule", "ni003"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("NI003 model-rule (error)\n")
        assert "Why: " in out and "Example that fails: newsitem validate story.json" in out
        assert "Example that passes" in out and '"urgency": 12' in out
        assert out.rstrip().endswith(rules.help_uri("NI003"))

    def test_all_as_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """`newsitem rule --all --output-format json` lists every rule with its examples and help URI."""
        assert main(["rule", "--all", "--output-format", "json"]) == 0
        listing = json.loads(capsys.readouterr().out)
        assert [entry["code"] for entry in listing] == list(rules.RULES)
        assert all(entry["help_uri"].endswith("#" + entry["code"].lower()) for entry in listing)

    def test_markdown_and_charset_of_an_example(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--output-format markdown gives the rule's section; an example saved in another charset says so."""
        assert main(["rule", "NI201", "--output-format", "markdown"]) == 0
        out = capsys.readouterr().out
        assert out.startswith("## NI201 charset-guess\n") and "(saved as windows-1252)" in out
        assert rule.EXPLANATIONS["NI201"].fails is not None
        assert rule.EXPLANATIONS["NI201"].fails.data() == rule.EXPLANATIONS["NI201"].fails.text.encode(
            "cp1252"
        )

    @pytest.mark.parametrize("argv", [["rule", "NI999"], ["rule"], ["rule", "NI003", "--all"]])
    def test_usage_errors(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown rule, or neither a rule nor --all (or both), is a usage error."""
        assert main(argv) == 2
        assert "newsitem rule: error:" in capsys.readouterr().err


def test_docs_rules_page_is_the_table() -> None:
    """docs/rules.md is markdown_page(): every rule, with the anchor its help URI points at."""
    page = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert page == rule.markdown_page(), "regenerate: python -c 'from newsitem.cli import rule; print(...)'"
    for code in rules.RULES:
        assert f"({code.lower()})=\n## {code} " in page
        assert rules.help_uri(code) == f"{rules.DOCS_URL}rules.html#{code.lower()}"
    assert "rules\n" in (ROOT / "docs" / "index.md").read_text("utf-8")
