"""One vocabulary of flags across the commands: the input format has one name everywhere, a wrong
flag is said with its own subcommand's usage, no prefix abbreviations, and wrong values are usage
errors before any work starts."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from newsitem.cli import main
from newsitem.errors import UsageError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STORY = str(EXAMPLES / "story.json")


@pytest.mark.parametrize("flag", ["--from", "--format"])
def test_inspect_names_the_input_format_from_or_format(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    """inspect takes the input format as --from, and still as --format, with the same result."""
    assert main(["inspect", STORY, flag, "json"]) == 0
    assert "layout:      json (as asked (--from))" in capsys.readouterr().out


@pytest.mark.parametrize("flag", ["--from", "--format"])
def test_validate_names_the_input_format_from_or_format(
    flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate takes the input format as --from, and still as --format: forcing ninjs on a
    canonical JSON story gives the same findings either way, and not the detected run's."""
    detected = main(["validate", STORY, "--output-format", "json"])
    plain = capsys.readouterr().out
    assert main(["validate", STORY, flag, "nitf", "--output-format", "json"]) == 1
    forced = capsys.readouterr().out
    assert detected == 0 and forced != plain


def test_convert_names_the_input_format_from(tmp_path: Path) -> None:
    """convert's --from is the same flag: a wrong name is a usage error naming it."""
    assert main(["convert", STORY, "--to", "json", "-o", str(tmp_path / "o"), "--from", "json", "-q"]) == 0
    assert main(["convert", STORY, "--to", "json", "-o", str(tmp_path / "p"), "--from", "nope"]) == 2


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("convert", ["convert", STORY, "--to", "json", "--bogus"]),
        ("validate", ["validate", STORY, "--bogus"]),
        ("inspect", ["inspect", STORY, "--bogus"]),
        ("formats", ["formats", "--bogus"]),
    ],
)
def test_a_wrong_flag_prints_its_subcommands_usage(
    command: str, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """A flag a subcommand does not know is a usage error said with that subcommand's usage line."""
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: newsitem {command} ")
    assert err.splitlines()[-1] == f"newsitem {command}: error: unrecognized arguments: --bogus"


@pytest.mark.parametrize(
    "args",
    [
        ["convert", STORY, "--to", "json", "-o", "OUT", "--resu"],
        ["inspect", STORY, "--js"],
        ["validate", STORY, "--require-time"],
    ],
)
def test_no_prefix_abbreviations(args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A prefix of a flag (--resu for --resume) is not that flag: adding a flag later cannot
    change what an existing script means."""
    args = [str(tmp_path / "out") if arg == "OUT" else arg for arg in args]
    assert main(args) == 2
    assert "unrecognized arguments: " + args[-1] in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["convert", STORY, "--to", "json", "-o", "OUT", "-j", "-3"], "-j/--jobs"),
        (["convert", STORY, "--to", "json", "-o", "OUT", "--timeout", "-1"], "--timeout"),
        (["convert", STORY, "--to", "json", "-o", "OUT", "--timeout", "nan"], "--timeout"),
        (["convert", STORY, "--to", "json", "-o", "OUT", "--max-size", "0"], "--max-size"),
        (["convert", STORY, "--to", "json", "-o", "OUT", "--lossy", "--strict"], "--lossy"),
        (["convert", STORY, "--to", "json", "-o", "OUT", "--mint-guid", "--no-mint-guid"], "--mint-guid"),
        (["validate", STORY, "--language", "english"], "--language"),
        (["validate", STORY, "--max-age", "nonsense"], "--max-age"),
        (["validate", STORY, "--max-size", "0"], "--max-size"),
        (["validate", STORY, "-j", "-3"], "-j/--jobs"),
        (["validate", STORY, "--from", "nope"], "nope"),
        (["inspect", STORY, "--max-size", "-5"], "--max-size"),
        (["inspect", STORY, "--format", "nope"], "--from"),
        (["inspect", STORY, "--encoding", "bogus"], "--encoding"),
        (["convert", STORY, "--to", "json", "-o", "OUT", "--tz", "Mars/Base"], "--tz"),
        (["convert", STORY, "--to", "json", "-o", "OUT", "--encoding", "bogus"], "--encoding"),
        (["convert", STORY, "--to", "json,nope", "-o", "OUT"], "--to"),
        (["convert", STORY, "--to", "warc", "-o", "OUT"], "--to"),
        (["convert", STORY, "--to", "json", "-o", "OUT", "--from", "nope"], "--from"),
    ],
)
def test_wrong_values_are_usage_errors_before_work(
    args: list[str], option: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A wrong value is exit 2 with one error line naming the option, before any work: no output
    folder made, nothing on stdout."""
    args = [str(tmp_path / "out") if arg == "OUT" else arg for arg in args]
    assert main(args) == 2
    captured = capsys.readouterr()
    last = captured.err.splitlines()[-1]
    assert last.startswith(f"newsitem {args[0]}: error: ") and option in last
    assert "Traceback" not in captured.err and captured.out == ""
    assert not (tmp_path / "out").exists()


def test_values_at_the_edges_are_accepted(tmp_path: Path) -> None:
    """-j 0 (one per core), --timeout 0 (no limit) and --max-size 1 are valid values."""
    out = tmp_path / "out"
    args = ["convert", STORY, "--to", "json", "-o", str(out), "-q", "-j", "0", "--timeout", "0"]
    assert main([*args, "--max-size", "1"]) == 0
    from newsitem.cli import options

    assert (options.jobs("0"), options.seconds("0"), options.megabytes("1")) == (0, 0.0, 1)


@pytest.mark.parametrize("tag", ["en", "en-GB", "EN", "pt-BR", "zh-Hant-TW", "yue", "x-klingon", "i-navajo"])
def test_language_tags_accepted(tag: str) -> None:
    """A BCP 47 tag passes the early --language check unchanged."""
    from newsitem.cli.options import check_language, language_tag

    assert language_tag(tag) == tag == check_language(tag)


@pytest.mark.parametrize("text", ["english", "fr_FR", "", "e", "x", "en--GB", "en-", "deutsch-DE"])
def test_language_words_refused(text: str) -> None:
    """What is no BCP 47 tag (a language's name, an underscore locale) is refused, naming where it came from."""
    from newsitem.cli.options import check_language, language_tag

    with pytest.raises(argparse.ArgumentTypeError):
        language_tag(text)
    with pytest.raises(UsageError, match=r"language in newsitem\.toml"):
        check_language(text, "language in newsitem.toml")


def test_convert_has_no_output_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--output never names a folder: convert's folder is -o/--out, and --output is refused there."""
    assert main(["convert", STORY, "--to", "json", "--output", str(tmp_path / "o")]) == 2
    assert "unrecognized arguments: --output" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_validate_output_is_a_deprecated_alias(capsys: pytest.CaptureFixture[str]) -> None:
    """validate --output FORMAT still works (CI pipelines use it) as --output-format, with a one-line
    warning naming the new flag; it is hidden from --help."""
    assert main(["validate", STORY, "--output", "json"]) == 0
    captured = capsys.readouterr()
    assert captured.out.lstrip().startswith(("[", "{"))
    assert "--output is deprecated; use --output-format json" in captured.err
    assert main(["validate", "--help"]) == 0
    helped = capsys.readouterr().out
    assert "--output-format" in helped and "--output " not in helped
