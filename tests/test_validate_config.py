"""newsitem validate's configuration: [tool.newsitem.validate] in pyproject.toml or [validate]
in newsitem.toml, found upward, --config and --isolated, flags overriding it, every key
checked (usage errors naming file, key and what was expected), the example in docs/cli.md
and the table's JSON Schema."""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from newsitem.cli import config, main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "archive"
NAIVE = "regatta.txt"  # a web story with a zoneless time and no language


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def rules_of(out: str) -> list[str]:
    return [json.loads(line)["rule"] for line in out.splitlines()]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with one web story (zoneless, no language), the current folder."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(EXAMPLES / "regatta.txt", root / NAIVE)
    monkeypatch.chdir(root)
    return root


def docs_example() -> str:
    """The complete example of docs/cli.md's Configuration section (its first toml block)."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    section = text[text.index("### Configuration") :]
    found = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert found is not None, "docs/cli.md's Configuration section has no toml example"
    return found.group(1)


def schema() -> dict[str, Any]:
    text = resources.files("newsitem").joinpath("schemas/validate-config.schema.json").read_text()
    loaded: dict[str, Any] = json.loads(text)
    return loaded


class TestTheDocumentedExample:
    def test_the_example_loads(self, project: Path) -> None:
        """The example in docs/cli.md is read without error, every key as written."""
        (project / "pyproject.toml").write_text(docs_example())
        settings = config.load(project)
        assert settings is not None and settings.source == Path("pyproject.toml")
        assert settings.get("select") == ("ALL",) and settings.get("ignore") == ("NI205",)
        assert settings.get("per-file-ignores") == {"legacy/**": ("NI1",), "*.eml": ("NI201", "NI203")}
        assert settings.get("require-timezone") is True and settings.get("max-age") == "30d"

    def test_the_example_takes_effect(self, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Run with the example: the policy applies (NI101 byline is there, NI102, NI103, NI104), per-file-ignores
        silence the policy rules under legacy/, and include makes a non-story under wire/ an NI001 error."""
        (project / "pyproject.toml").write_text(docs_example())
        (project / "legacy").mkdir()
        shutil.copy(EXAMPLES / "regatta.txt", project / "legacy" / NAIVE)
        (project / "wire" / "2024").mkdir(parents=True)
        (project / "wire" / "2024" / "notes.txt").write_text("not a story\n")
        code, out, _ = run(["validate", "--output-format", "jsonl"], capsys)
        found = [(json.loads(line)["file"], json.loads(line)["rule"]) for line in out.splitlines()]
        assert code == 1
        assert sorted(found) == [
            ("regatta.txt", "NI102"),
            ("regatta.txt", "NI103"),
            ("regatta.txt", "NI105"),
            ("wire/2024/notes.txt", "NI001"),
        ]

    def test_the_example_validates_against_the_schema(self) -> None:
        """The docs example's table is valid against the shipped JSON Schema."""
        table = tomllib.loads(docs_example())["tool"]["newsitem"]["validate"]
        jsonschema.Draft202012Validator.check_schema(schema())
        jsonschema.validate(table, schema(), cls=jsonschema.Draft202012Validator)

    @pytest.mark.parametrize(
        "table",
        [
            {"selct": ["NI1"]},
            {"select": "NI1"},
            {"strict": "yes"},
            {"jobs": -1},
            {"per-file-ignores": {"*.eml": "NI201"}},
            {"output-format": "html"},
            {"max-age": "a week"},
            {"output": "text", "output-format": "json"},
        ],
    )
    def test_a_bad_table_fails_the_schema(self, table: dict[str, Any]) -> None:
        """Tables the loader refuses are invalid against the schema too."""
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(table, schema(), cls=jsonschema.Draft202012Validator)

    def test_the_schema_knows_every_key(self) -> None:
        """The schema's properties are exactly the keys the loader accepts."""
        assert set(schema()["properties"]) == set(config.KEYS)


class TestFinding:
    def test_found_upward(
        self, project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A pyproject.toml with the table in a folder above the current one is used."""
        (project / "pyproject.toml").write_text(
            '[tool.newsitem.validate]\nrequire = ["byline"]\nlanguage = "de"\n'
        )
        (project / "sub").mkdir()
        shutil.copy(EXAMPLES / "regatta.txt", project / "sub" / NAIVE)
        monkeypatch.chdir(project / "sub")
        code, out, _ = run(["validate", "--output-format", "jsonl", str(project / "sub")], capsys)
        assert code == 1 and rules_of(out) == ["NI103"]

    def test_a_pyproject_without_the_table_is_passed_by(
        self, project: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pyproject.toml without [tool.newsitem] does not stop the search; newsitem.toml wins beside one."""
        (project / "newsitem.toml").write_text('[validate]\nlanguage = "de"\n')
        (project / "pyproject.toml").write_text('[tool.newsitem.validate]\nlanguage = "fr"\n')
        (project / "inner").mkdir()
        (project / "inner" / "pyproject.toml").write_text('[project]\nname = "x"\n')
        monkeypatch.chdir(project / "inner")
        found = config.load(Path.cwd())
        assert found is not None and found.source.name == "newsitem.toml" and found.get("language") == "de"

    @pytest.mark.parametrize(
        "text",
        [
            '[tool.newsitem.validate]\nlanguage = "de"\n',
            '[tool]\nnewsitem.validate.language = "de"\n',
            'tool = { newsitem = { validate = { language = "de" } } }\n',
            '[ tool . "newsitem" . validate ]\nlanguage = "de"\n',
        ],
    )
    def test_every_spelling_of_the_table_is_found(self, project: Path, text: str) -> None:
        """The cheap test that spares parsing a pyproject.toml without the table misses no TOML spelling of it."""
        (project / "pyproject.toml").write_text(f'{text}[project]\nname = "newsitem-site"\n')
        found = config.load(project)
        assert found is not None and found.get("language") == "de"

    def test_a_pyproject_naming_newsitem_elsewhere_is_not_the_config(self, project: Path) -> None:
        """A pyproject.toml that names newsitem only as a dependency gives no configuration."""
        (project / "pyproject.toml").write_text('[project]\nname = "site"\ndependencies = ["newsitem"]\n')
        assert config.load(project) is None

    def test_config_and_isolated(self, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--config names the file; --isolated reads none; both together are a usage error."""
        (project / "pyproject.toml").write_text('[tool.newsitem.validate]\nlanguage = "de"\n')
        (project / "strict.toml").write_text("[validate]\nrequire-timezone = true\n")
        argv = ["validate", "--output-format", "jsonl", NAIVE]
        assert rules_of(run(argv, capsys)[1]) == ["NI103"]
        assert rules_of(run([*argv, "--config", "strict.toml"], capsys)[1]) == ["NI102"]
        assert run([*argv, "--isolated"], capsys)[:2] == (0, "")
        code, _, err = run([*argv, "--isolated", "--config", "strict.toml"], capsys)
        assert code == 2 and "--config and --isolated" in err
        code, _, err = run([*argv, "--config", "missing.toml"], capsys)
        assert code == 2 and "missing.toml" in err


class TestFlagsOverride:
    def test_flags_replace_the_file_values(self, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--select, --language, --output-format and --no-strict override the file's select, language,
        output-format and strict."""
        (project / "pyproject.toml").write_text(
            "[tool.newsitem.validate]\n"
            'select = ["NI103"]\nlanguage = "de"\nrequire-timezone = true\noutput-format = "json"\nstrict = true\n'
        )
        code, out, _ = run(["validate", NAIVE], capsys)
        assert code == 1 and [p["rule"] for p in json.loads(out)["problems"]] == ["NI103"]
        code, out, _ = run(["validate", NAIVE, "--select", "NI102", "--output-format", "jsonl"], capsys)
        assert code == 1 and rules_of(out) == ["NI102"]
        code, out, _ = run(["validate", NAIVE, "--language", "en", "--output-format", "jsonl"], capsys)
        assert rules_of(out) == ["NI103"]  # regatta.txt declares no language
        code, _, _ = run(["validate", NAIVE, "--select", "NI2", "--output-format", "jsonl"], capsys)
        assert code == 0

    def test_strict_exit_zero_and_output_from_the_file(
        self, project: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """strict = true makes a warning fail (--no-strict undoes it); exit-zero = true passes; output names the report."""
        shutil.copy(ROOT / "tests" / "data" / "web-story" / "ws14-windows-1252.txt", project / "guessed.txt")
        (project / "pyproject.toml").write_text('[tool.newsitem.validate]\nstrict = true\noutput = "jsonl"\n')
        code, out, _ = run(["validate", "guessed.txt"], capsys)
        assert code == 1 and rules_of(out) == ["NI201"]
        assert run(["validate", "guessed.txt", "--no-strict"], capsys)[0] == 0
        (project / "pyproject.toml").write_text("[tool.newsitem.validate]\nstrict = true\nexit-zero = true\n")
        code, out, _ = run(["validate", "guessed.txt"], capsys)
        assert code == 0 and "NI201" in out

    def test_per_file_ignores(
        self, project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """per-file-ignores drop the findings of the rules given in the files matched, relative to the file's folder."""
        (project / "pyproject.toml").write_text(
            '[tool.newsitem.validate]\nrequire-timezone = true\nper-file-ignores = { "old/*.txt" = ["NI102"] }\n'
        )
        (project / "old").mkdir()
        shutil.copy(EXAMPLES / "regatta.txt", project / "old" / NAIVE)
        code, out, _ = run(["validate", "--output-format", "jsonl", "."], capsys)
        assert code == 1 and [json.loads(line)["file"] for line in out.splitlines()] == [NAIVE]
        monkeypatch.chdir(project / "old")  # run from below: the globs stay relative to the file's folder
        code, out, _ = run(["validate", "--output-format", "jsonl", "."], capsys)
        assert (code, out) == (0, "")


class TestBadConfiguration:
    @pytest.mark.parametrize(
        ("body", "said"),
        [
            ('selct = ["NI1"]', "key 'selct': unknown key (expected one of include,"),
            ('select = "NI1"', "key 'select': expected a list of strings, not str 'NI1'"),
            ('strict = "yes"', "key 'strict': expected true or false"),
            ("jobs = -2", "key 'jobs': expected a whole number, 0 or more"),
            ('per-file-ignores = { "*.eml" = "NI201" }', "key 'per-file-ignores': expected a table of glob"),
            ('select = ["NX1"]', "select in pyproject.toml NX1"),
            ('language = "english"', "language in pyproject.toml 'english'"),
            ('max-age = "a week"', "pyproject.toml: --max-age 'a week'"),
            ('require = ["bylien"]', "pyproject.toml: --require bylien: not a story field"),
            ('output-format = "html"', "pyproject.toml: output-format 'html': expected one of text"),
            ('output = "text"\noutput-format = "json"', "give 'output-format' or 'output', not both"),
        ],
    )
    def test_usage_errors_name_file_key_and_expectation(
        self, project: Path, capsys: pytest.CaptureFixture[str], body: str, said: str
    ) -> None:
        """A wrong key or value is exit 2 before any file is read, naming the file, the key and what was expected."""
        (project / "pyproject.toml").write_text(f"[tool.newsitem.validate]\n{body}\n")
        code, out, err = run(["validate", NAIVE], capsys)
        assert (code, out) == (2, "")
        assert said in err and "pyproject.toml" in err

    def test_not_toml(self, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that is not TOML is a usage error naming it and the line."""
        (project / "newsitem.toml").write_text("[validate]\nselect = NI1\n")
        code, _, err = run(["validate", NAIVE], capsys)
        assert code == 2 and "newsitem.toml: not valid TOML" in err and "line" in err

    def test_an_unknown_table(self, project: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A misspelt table name under [tool.newsitem] is a usage error, not silently ignored."""
        (project / "pyproject.toml").write_text("[tool.newsitem.valdiate]\nstrict = true\n")
        code, _, err = run(["validate", NAIVE], capsys)
        assert code == 2 and "unknown key 'valdiate'" in err
