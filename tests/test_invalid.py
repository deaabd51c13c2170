"""Bad input of every format: tests/data/<format>/invalid/<case> and the error in <case>.expected.

The folder name is the format's registered name. A ParseError is written
``line:column: message`` (``line: message`` when only the line is known, as for an
element of an HTML page); a ValidationError gives one line per problem,
``position: message``, where the position is what :func:`newsitem.errors.position`
makes of the problem's line, column and document path (``line:column`` in a text
layout, ``line document/path`` in XML, ``$.path`` in JSON).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import newsitem
from newsitem import ParseError, ValidationError
from newsitem.errors import position
from newsitem.formats import available

from .conftest import DATA

FOLDERS = sorted(path for path in DATA.glob("*/invalid") if path.is_dir())
CASES = [
    (folder.parent.name, path)
    for folder in FOLDERS
    for path in sorted(folder.iterdir())
    if path.is_file() and path.suffix != ".expected"
]
PARAMS = [pytest.param(name, path, id=f"{name}-{path.name}") for name, path in CASES]
READERS = [info.name for info in available() if info.can_read]
MINIMUM = 4


def rendered(error: ParseError | ValidationError) -> str:
    """The error as its .expected file holds it: one ``position: message`` line per problem."""
    if isinstance(error, ParseError):
        return f"{position(error.line, error.column, None)}: {error.message}\n"
    return "".join(
        f"{position(problem.line, problem.column, problem.where)}: {problem.message}\n"
        for problem in error.problems
    )


@pytest.mark.parametrize(("format", "path"), PARAMS)
def test_invalid_case(format: str, path: Path) -> None:
    """A bad input raises our error, of its folder's format, placed and worded as in its .expected file."""
    expected = path.with_suffix(".expected").read_text("utf-8")
    with pytest.raises((ParseError, ValidationError)) as caught:
        newsitem.loads(path.read_bytes(), format=format)
    error = caught.value
    assert isinstance(error, ParseError | ValidationError)
    assert error.format == format
    assert rendered(error) == expected


@pytest.mark.parametrize("format", READERS)
def test_every_reader_has_invalid_cases(format: str) -> None:
    """Every registered format that reads has at least four invalid cases, each with its .expected file."""
    folder = DATA / format / "invalid"
    cases = [path for path in CASES if path[0] == format]
    assert len(cases) >= MINIMUM, f"{folder} has {len(cases)} cases; at least {MINIMUM} wanted"
    missing = [path.name for _, path in cases if not path.with_suffix(".expected").is_file()]
    assert missing == []


def test_every_folder_is_a_format() -> None:
    """Each tests/data/<format>/invalid folder is named after a registered format that reads, and
    every .expected file has its case."""
    assert sorted(folder.parent.name for folder in FOLDERS if folder.parent.name not in READERS) == []
    orphans = [
        path.name
        for folder in FOLDERS
        for path in folder.glob("*.expected")
        if not any(case.with_suffix(".expected") == path for _, case in CASES)
    ]
    assert orphans == []
