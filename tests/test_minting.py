"""Guids a target format cannot use (issue 19, "Identity"): ninjs needs a URI, so an e-mail's
Message-ID or a NITF doc-id is replaced by a minted guid in ninjs alone (listed as minted,
and the story's own guid as a loss of that format), and the command line's messages name
its options, never a Python keyword or call."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import newsitem
from newsitem import formats
from newsitem.batch import pool, sink
from newsitem.batch.steps import Options
from newsitem.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
NITF = ROOT / "tests" / "data" / "nitf" / "samples" / "docdata.nitf"  # doc-id exa.2024.0501.bridge
EMAIL = ROOT / "tests" / "data" / "email" / "em01-press-release.eml"  # Message-ID rel-2019-114@harbor.example
INPUTS = [str(NITF), str(EMAIL)]

KEYWORD = re.compile(r"\b[a-z][a-z_]*=")
"""A Python keyword argument (``lossy=``, ``naive_tz=``)."""
CALL = re.compile(r"\b[A-Za-z_][\w.]*\(")
"""A Python call (``newsitem.mint_guid(story)``, ``attrs.evolve(``)."""


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _rows(out: Path) -> list[dict[str, Any]]:
    return [row for row in _lines(out / sink.MANIFEST)[1:] if not row.get("batch_end")]


@pytest.mark.parametrize("mint", [None, True])
def test_a_guid_ninjs_cannot_use_is_minted_for_ninjs_alone(tmp_path: Path, mint: bool | None) -> None:
    """By default and with --mint-guid, a story whose guid is no URI is written to ninjs with
    its minted guid (listed in the manifest, its own guid a loss of ninjs) and keeps its own
    guid in JSON."""
    out = tmp_path / "out"
    summary = pool.run(INPUTS, Options(to=("json", "ninjs"), mint_guid=mint), out=str(out), jobs=1)
    assert _lines(out / sink.ERRORS) == []
    assert (summary.converted, summary.failed, summary.format_failures, summary.minted) == (2, 0, 0, 2)
    losses = {(loss["input"], loss["format"]): loss["lost"] for loss in _lines(out / sink.LOSSES)}
    for path, row in zip(INPUTS, _rows(out), strict=True):
        story = newsitem.load(path)
        assert story.guid is not None and row["minted"] == newsitem.mint_guid(story) != story.guid
        ninjs = json.loads((out / f"{Path(path).name}.ninjs.json").read_text())
        assert ninjs["uri"] == row["minted"]
        assert newsitem.load(out / f"{Path(path).name}.json", format="json").guid == story.guid
        assert "guid" in losses[(path, "ninjs")]


def test_no_mint_guid_refuses_naming_the_option(tmp_path: Path) -> None:
    """With --no-mint-guid, ninjs fails for those stories (JSON is written), the record naming
    the guid and --no-mint-guid; with --strict, replacing the guid is a loss, so a failure."""
    out = tmp_path / "out"
    options = Options(to=("json", "ninjs"), mint_guid=False, command_line=True)
    summary = pool.run(INPUTS, options, out=str(out), jobs=1)
    errors = _lines(out / sink.ERRORS)
    assert [(e["format"], "--no-mint-guid" in e["message"]) for e in errors] == [("ninjs", True)] * 2
    assert (summary.converted, summary.format_failures, summary.minted) == (2, 2, 0)
    strict = tmp_path / "strict"
    options = Options(to=("json", "ninjs"), strict=True, command_line=True)
    pool.run(INPUTS, options, out=str(strict), jobs=1)
    errors = _lines(strict / sink.ERRORS)
    assert [e["format"] for e in errors] == ["ninjs", "ninjs"]
    assert all("--strict" in e["message"] and "guid" in e["message"] for e in errors)


def test_messages_name_options_not_python(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every message convert records or prints for an e-mail, a NITF story and the example
    archive, to every writable format, by default, with --no-mint-guid and with --strict,
    names command-line options: no Python keyword (``lossy=``) and no Python call
    (``newsitem.mint_guid(story)``)."""
    targets = ",".join(info.name for info in formats.available() if info.can_write)
    arguments = [*INPUTS, str(ROOT / "examples" / "archive")]
    messages: list[str] = []
    for name, extra in (("default", []), ("no-mint", ["--no-mint-guid"]), ("strict", ["--strict"])):
        out = tmp_path / name
        main(["convert", *arguments, "--to", targets, "-o", str(out), "-j", "1", *extra])
        messages += [e["message"] for e in _lines(out / sink.ERRORS)]
    messages += capsys.readouterr().err.splitlines()
    assert any("guid" in m for m in messages)  # the guid refusals are among them
    assert [m for m in messages if KEYWORD.search(m) or CALL.search(m)] == []
