"""Detection as a confusion matrix over every sample (issue 18).

Each text layout must claim its own samples and refuse the others': for every sample
file of a text layout (ours in ``tests/data/<layout>/`` and the shared corpus's), its
layout's ``sniff`` claims it, :func:`newsitem.detect` names that layout, and no other
format's ``sniff`` claims it at all. The real files of the structured formats (JSON,
XML, HTML in ``../shared/corpus``) are claimed by no text layout. A failure prints the
whole matrix (rows: the samples' layouts; columns: who claimed them) and every
off-diagonal cell's files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsitem
from newsitem.formats import available, load_module
from newsitem.formats._decode import decode, wide_text

from .conftest import DATA, SHARED

LAYOUTS = tuple(info.name for info in available() if info.layout)
"""The text layouts, as the registry lists them."""
FOLDERS = {"web-story": "web-story", "anpa": "anpa", "iptc7901": "iptc7901", "email": "email"}
"""The shared corpus's folders of text-layout copy, and their layouts."""
STRUCTURED = {
    "newsml-g2": "newsml-g2",
    "newsml-g2-conformance": "newsml-g2",
    "ninjs": "ninjs",
    "ninjs-conformance": "ninjs",
    "nitf": "nitf",
    "newsml-1.2": "newsml-1.2",
    "html": "html",
}
"""The shared corpus's folders of structured documents, and their formats."""


def _is_sample(path: Path) -> bool:
    return path.is_file() and ".expected" not in path.name and not path.name.startswith(".")


def _own_samples() -> Iterator[tuple[str, Path]]:
    for layout in LAYOUTS:
        folder = DATA / layout
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if _is_sample(path):
                yield layout, path
        for path in sorted((folder / "mbox").glob("*.mbox")):
            yield layout, path


def _corpus_samples(folders: dict[str, str]) -> Iterator[tuple[str, Path]]:
    corpus = SHARED / "corpus"
    for folder, layout in folders.items():
        for path in sorted((corpus / folder).rglob("*")):
            if _is_sample(path) and path.suffix.lower() not in (".md",):
                yield layout, path


def _claims(data: bytes) -> dict[str, tuple[float, str]]:
    """Every registered format whose ``sniff`` claims ``data`` (decoded as detect decodes it)."""
    text, _ = decode(wide_text(data), layout="detect", controls=True)
    found: dict[str, tuple[float, str]] = {}
    for info in available():
        sniff = getattr(load_module(info.name), "sniff", None)
        claim = None if sniff is None else sniff(text)
        if claim is not None:
            found[info.name] = claim
    return found


def _matrix(cells: Counter[tuple[str, str]], rows: list[str]) -> str:
    columns = sorted({column for _, column in cells})
    width = max((len(name) for name in [*rows, *columns]), default=8) + 2
    lines = ["".ljust(width) + "".join(column.rjust(width) for column in columns)]
    for row in rows:
        lines.append(row.ljust(width) + "".join(str(cells[row, column]).rjust(width) for column in columns))
    return "\n".join(lines)


def _layout_rows() -> list[tuple[str, Path]]:
    rows = list(_own_samples())
    if (SHARED / "corpus").is_dir():
        rows += list(_corpus_samples(FOLDERS))
    return rows


def test_every_text_layout_has_samples_in_the_matrix() -> None:
    """Each registered text layout has samples of its own in tests/data/<layout>/ for the matrix."""
    counts = Counter(layout for layout, _ in _own_samples())
    assert {layout for layout in LAYOUTS if counts[layout] < 8} == set()


def test_each_layout_claims_its_samples_and_no_other_claims_them() -> None:
    """Zero off-diagonal: every text-layout sample is detected as its layout, and no other format's sniff claims it."""
    cells: Counter[tuple[str, str]] = Counter()
    wrong: dict[tuple[str, str], list[str]] = {}
    for layout, path in _layout_rows():
        data = path.read_bytes()
        claims = _claims(data)
        try:
            detected = newsitem.detect(data).layout
        except newsitem.ParseError:
            detected = "(none)"
        cells[layout, detected] += 1
        claimants = set(claims) | {detected}
        for claimant in claimants:
            if claimant != layout:
                wrong.setdefault((layout, claimant), []).append(path.name)
        if layout not in claims:
            wrong.setdefault((layout, f"not {layout}"), []).append(path.name)
    report = "\n".join(
        f"{row} claimed by {column}: {', '.join(names)}" for (row, column), names in sorted(wrong.items())
    )
    assert not wrong, _matrix(cells, list(LAYOUTS)) + "\n" + report


def test_no_text_layout_claims_a_structured_document() -> None:
    """No text layout's sniff claims a real JSON, XML or HTML document of the shared corpus."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(f"the shared corpus is not at {SHARED / 'corpus'} (a clone without ../shared)")
    wrong: list[str] = []
    for kind, path in _corpus_samples(STRUCTURED):
        claims = _claims(path.read_bytes())
        wrong += [
            f"{kind} {path.name}: {layout} ({claims[layout][1]})" for layout in LAYOUTS if layout in claims
        ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("layout", ["anpa", "iptc7901"])
def test_nul_time_fill_in_a_framed_wire_message_does_not_stop_detection(layout: str) -> None:
    """A NUL of line noise inside a SOH-framed wire message (time fill) leaves detection to the
    sniffs, which name its layout; a NUL in unframed bytes still refuses them as binary data."""
    sample = next(
        path for kind, path in _own_samples() if kind == layout and path.read_bytes()[:3].count(b"\x01")
    )
    data = sample.read_bytes()
    middle = len(data) // 2
    noisy = data[:middle] + b"\x00" + data[middle:]
    assert newsitem.detect(noisy).layout == layout
    with pytest.raises(newsitem.ParseError, match="NUL byte"):
        newsitem.detect(b"plain text\x00 with a NUL")
