"""load() detects by content like parse(); dump() picks the writer from format= or the extension table."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

import newsitem
from newsitem import formats
from newsitem.errors import ParseError, UnknownFormatError
from newsitem.model import Byline, Paragraph, Story

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples" / "archive"
OVERVIEW = HERE.parent / "docs" / "overview.md"

STORY = Story(
    headline="Harbour ferry returns after refit",
    guid="urn:example:ferry-returns",
    bylines=(Byline(name="Ana Reyes"),),
    published=datetime(2024, 5, 2, 9, 30, tzinfo=UTC),
    body=(Paragraph.plain("The ferry sails again on Monday."),),
)


def _written(story: Story, name: str) -> bytes:
    """What dump writes for ``name``: dumps' output, text as UTF-8 with a final newline."""
    out = newsitem.dumps(story, format=name, lossy=True)
    if isinstance(out, bytes):
        return out
    return (out if out.endswith("\n") else out + "\n").encode("utf-8")


class TestLoadDetects:
    """load(path) reads what parse reads, whatever the file is called."""

    def test_a_txt_web_story_loads(self, tmp_path: Path) -> None:
        """A web story saved as .txt loads as parse reads its bytes (the extension once refused it)."""
        source = HERE / "data" / "web-story" / "ws01-basic.txt"
        assert newsitem.load(source) == newsitem.parse(source.read_bytes())
        assert newsitem.load(source) == newsitem.load(
            HERE / "data" / "web-story" / "ws01-basic.expected.json"
        )

    def test_a_json_ninjs_document_loads_as_ninjs(self, tmp_path: Path) -> None:
        """A ninjs document named .json is read as ninjs (by content), not refused as newsitem JSON."""
        data = (EXAMPLES / "fish-market.ninjs.json").read_bytes()
        path = tmp_path / "fish-market.json"
        path.write_bytes(data)
        assert newsitem.load(path) == newsitem.loads(data, format="ninjs")
        assert newsitem.load(EXAMPLES / "fish-market.ninjs.json") == newsitem.loads(data, format="ninjs")

    def test_format_forces_the_reader(self, tmp_path: Path) -> None:
        """format= forces a reader over detection: a ninjs document forced as newsitem JSON is refused."""
        path = tmp_path / "fish-market.json"
        path.write_bytes((EXAMPLES / "fish-market.ninjs.json").read_bytes())
        with pytest.raises(newsitem.ValidationError, match=re.escape(str(path))):
            newsitem.load(path, format="json")
        assert newsitem.load(path, format="ninjs").headline

    def test_unrecognised_content_names_the_file(self, tmp_path: Path) -> None:
        """Content no layout recognises is a ParseError that leads with the file name."""
        path = tmp_path / "noise.json"
        path.write_bytes(b"{}")
        with pytest.raises(ParseError, match=r"^" + re.escape(str(path)) + r":1:1: no known layout"):
            newsitem.load(path)

    def test_an_unknown_encoding_is_refused_before_reading(self, tmp_path: Path) -> None:
        """encoding= naming no codec is a UsageError, as for parse, even when detecting."""
        path = tmp_path / "story.txt"
        path.write_bytes((HERE / "data" / "web-story" / "ws01-basic.txt").read_bytes())
        with pytest.raises(newsitem.UsageError, match="klingon"):
            newsitem.load(path, encoding="klingon")

    @pytest.mark.parametrize(
        "name",
        [
            "ferry-fares.txt",
            "ferry-timetable.zczc",
            "footbridge.eml",
            "museum.newsml.xml",
            "night-buses.iptc",
            "regatta.txt",
            "rowing.tst",
            "storm.html",
            "fish-market.ninjs.json",
            "ferry.json",
        ],
    )
    def test_every_file_of_the_example_archive_loads(self, name: str) -> None:
        """Each one-story file of the example archive loads by content as parse reads it, whatever its extension."""
        path = EXAMPLES / name
        assert newsitem.load(path) == newsitem.parse(path.read_bytes())

    @pytest.mark.parametrize(
        "name", ["ninjs", "newsml-g2", "nitf", "web-story", "teleprinter", "html", "email"]
    )
    def test_what_dump_writes_load_reads_back(self, tmp_path: Path, name: str) -> None:
        """A file dump writes by its table extension is read back by load, detected, as loads reads it."""
        path = tmp_path / f"story{formats.get(name).extensions[0]}"
        newsitem.dump(STORY, path, lossy=True)
        assert newsitem.load(path) == newsitem.loads(path.read_bytes(), format=name)


class TestDumpTable:
    """dump(story, path) chooses the writer from the extension table, longest extension first."""

    @pytest.mark.parametrize(
        ("filename", "name"),
        [
            ("x.ninjs.json", "ninjs"),
            ("x.json", "json"),
            ("x.newsml.xml", "newsml-g2"),
            ("x.xml", "newsml-g2"),
            ("x.nitf.xml", "nitf"),
            ("x.nitf", "nitf"),
            ("x.web-story.txt", "web-story"),
            ("x.zczc", "teleprinter"),
            ("x.teleprinter.txt", "teleprinter"),
            ("x.tst", "anpa"),
            ("x.iptc", "iptc7901"),
            ("x.eml", "email"),
            ("X.NINJS.JSON", "ninjs"),
            ("my.story.json", "json"),
        ],
    )
    def test_the_longest_extension_picks_the_writer(self, tmp_path: Path, filename: str, name: str) -> None:
        """dump writes exactly what dumps writes in the format the table gives the name's longest extension."""
        path = tmp_path / filename
        newsitem.dump(STORY, path, lossy=True)
        assert path.read_bytes() == _written(STORY, name)

    def test_ninjs_json_is_ninjs_not_canonical_json(self, tmp_path: Path) -> None:
        """x.ninjs.json holds a ninjs document (once it held newsitem's canonical JSON)."""
        path = tmp_path / "x.ninjs.json"
        newsitem.dump(STORY, path)
        document = json.loads(path.read_bytes())
        assert "newsitem" not in document and document["headlines"][0]["value"] == STORY.headline

    def test_format_overrides_the_extension(self, tmp_path: Path) -> None:
        """format= wins over the table: canonical JSON into a .ninjs.json name when asked."""
        path = tmp_path / "x.ninjs.json"
        newsitem.dump(STORY, path, format="json")
        assert path.read_bytes() == _written(STORY, "json")

    def test_an_unknown_extension_names_the_table(self, tmp_path: Path) -> None:
        """A name in no row of the table is an UnknownFormatError that lists the table and says format=."""
        with pytest.raises(UnknownFormatError) as exc:
            newsitem.dump(STORY, tmp_path / "story.txt")
        message = str(exc.value)
        assert "extension '.txt'" in message and "extension table" in message and "format=" in message
        assert ".ninjs.json (ninjs)" in message and ".json (json)" in message
        assert not (tmp_path / "story.txt").exists()

    def test_a_read_only_format_cannot_be_dumped(self, tmp_path: Path) -> None:
        """A web archive's extension names a format that cannot write: the error says so."""
        with pytest.raises(UnknownFormatError, match="format 'warc' cannot write"):
            newsitem.dump(STORY, tmp_path / "crawl.warc.gz")

    def test_the_table_is_distinct_and_longest_first(self) -> None:
        """Each extension names one format, longest first; the two-part ones are told apart."""
        table = formats.extension_table()
        lengths = [len(extension) for extension in table]
        assert lengths == sorted(lengths, reverse=True)
        claimed = [e for info in formats.available() for e in info.extensions]
        assert len(claimed) == len(set(claimed)) == len(table)
        assert {table[".ninjs.json"], table[".newsml.xml"], table[".nitf.xml"], table[".json"]} == {
            "ninjs",
            "newsml-g2",
            "nitf",
            "json",
        }

    def test_every_writable_format_has_an_extension(self) -> None:
        """Every format that can write has a row in the table, so dump can be asked for it by name alone."""
        table = set(formats.extension_table().values())
        assert {info.name for info in formats.available() if info.can_write} <= table

    def test_the_documented_table_is_the_table(self) -> None:
        """The extension table in docs/overview.md lists exactly the registry's extensions."""
        text = OVERVIEW.read_text("utf-8").split("## The extension table", 1)[1]
        documented: dict[str, str] = {}
        for row in re.findall(r"^\| (`[^|]+) \| ([\w-]+)", text, flags=re.MULTILINE):
            for extension in re.findall(r"`([^`]+)`", row[0]):
                documented[extension] = row[1]
        assert documented == formats.extension_table()
