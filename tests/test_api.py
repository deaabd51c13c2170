"""The front door: dumps/loads/dump/load dispatch through the format registry."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import newsitem
from newsitem import Story, UnknownFormatError, formats

from .examples import full_story


class TestDispatch:
    """One call for every registered format."""

    def test_default_format_is_json(self) -> None:
        """Without format=, dumps and loads speak canonical JSON."""
        text = newsitem.dumps(Story(headline="x"))
        assert text == newsitem.dumps(Story(headline="x"), format="json")
        assert newsitem.loads(text, format="json") == Story(headline="x")

    def test_unknown_format(self) -> None:
        """An unknown name lists the known ones."""
        known = ", ".join(info.name for info in formats.available())
        with pytest.raises(UnknownFormatError, match=f"unknown format 'yaml'; known formats: {known}$"):
            newsitem.dumps(Story(headline="x"), format="yaml")
        with pytest.raises(LookupError):
            newsitem.loads("{}", format="yaml")

    def test_options_reach_the_format(self) -> None:
        """Keyword options go to the format's own dumps."""
        assert "\n" in str(newsitem.dumps(Story(headline="x"), indent=2))

    def test_dump_and_load_a_path(self, tmp_path: Path) -> None:
        """The extension chooses the format; the story comes back equal."""
        path = tmp_path / "story.json"
        newsitem.dump(full_story(), path)
        assert path.read_text("utf-8").endswith("}\n")
        assert newsitem.load(path) == full_story()
        assert newsitem.load(str(path)) == full_story()

    def test_dump_and_load_file_objects(self) -> None:
        """Binary file objects work with an explicit format; text results are written as UTF-8."""
        buffer = io.BytesIO()
        newsitem.dump(full_story(), buffer, format="json")
        assert buffer.getvalue().endswith(b"}\n")
        assert newsitem.load(io.BytesIO(buffer.getvalue()), format="json") == full_story()

    def test_text_file_objects_are_a_usage_error(self) -> None:
        """A file object opened in text mode gets our UsageError saying to open it in binary mode."""
        with pytest.raises(newsitem.UsageError, match="open it with 'wb'"):
            newsitem.dump(full_story(), io.StringIO(), format="json")
        with pytest.raises(newsitem.UsageError, match="open it with 'rb'"):
            newsitem.load(io.StringIO("{}"), format="json")

    def test_text_stream_not_of_io_is_a_usage_error(self) -> None:
        """A text-mode stream that is no io.TextIOBase (a spooled temporary file) is told to open in binary mode."""
        with (
            tempfile.SpooledTemporaryFile(mode="w+") as fp,
            pytest.raises(newsitem.UsageError, match="open it with 'wb'"),
        ):
            newsitem.dump(full_story(), fp, format="json")

    def test_a_write_refusing_bytes_names_its_error(self) -> None:
        """A binary-looking object whose write raises TypeError is a UsageError naming that error, not 'text mode'."""

        class Broken:
            def write(self, data: bytes) -> int:
                raise TypeError("the sink is closed for lunch")

        with pytest.raises(newsitem.UsageError, match="closed for lunch") as exc:
            newsitem.dump(full_story(), Broken(), format="json")  # type: ignore[arg-type]
        assert "text mode" not in str(exc.value)

    def test_unknown_extension(self, tmp_path: Path) -> None:
        """No format claims .txt (text layouts are detected, not named by extension)."""
        path = tmp_path / "story.txt"
        with pytest.raises(UnknownFormatError, match=r"unknown format .*extension '\.txt'"):
            newsitem.dump(Story(headline="x"), path)

    def test_stream_without_name_needs_a_format(self) -> None:
        """Writing to a nameless stream with no format= is an error, not a guess (load detects by content)."""
        with pytest.raises(UnknownFormatError):
            newsitem.dump(Story(headline="x"), io.BytesIO())


class TestRegistry:
    """The registry records what each format can do, and loads modules lazily."""

    def test_json_registered(self) -> None:
        """json reads and writes text."""
        info = formats.get("json")
        assert (info.can_read, info.can_write, info.binary, info.extensions) == (
            True,
            True,
            False,
            (".json",),
        )

    def test_register_and_refuse_duplicates(self) -> None:
        """A new format can be added; a second one of the same name needs replace=True."""
        info = formats.FormatInfo(
            name="test-readonly",
            module="newsitem.formats.json",
            description="a reader only, for this test",
            media_type="text/plain",
            can_write=False,
        )
        formats.register(info)
        try:
            assert formats.get("test-readonly") is info
            with pytest.raises(ValueError, match="already registered"):
                formats.register(info)
            with pytest.raises(
                UnknownFormatError, match="format 'test-readonly' cannot write; formats that can"
            ):
                newsitem.dumps(Story(headline="x"), format="test-readonly")
            assert newsitem.loads('{"newsitem":"1","headline":"x"}', format="test-readonly") == Story(
                headline="x"
            )
        finally:
            formats._registry.pop("test-readonly")
            formats._modules.pop("test-readonly", None)


def test_import_is_cheap() -> None:
    """import newsitem loads neither cattrs nor lxml nor any format module."""
    heavy = "('cattrs', 'lxml', 'dateutil', 'orjson', 'newsitem.formats.json', 'hypothesis')"
    code = f"import sys, newsitem; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_public_names() -> None:
    """The front door exports a sorted, complete __all__."""
    assert newsitem.__all__ == sorted(newsitem.__all__)
    assert all(hasattr(newsitem, name) for name in newsitem.__all__)
    assert isinstance(newsitem.__version__, str)


def test_dir_shows_the_front_door() -> None:
    """dir(newsitem) lists __all__ and __version__, not what the package imported to build them."""
    assert dir(newsitem) == sorted([*newsitem.__all__, "__version__"])
    assert "Any" not in dir(newsitem) and "annotations" not in dir(newsitem)


@pytest.mark.parametrize("name", ["html", "newsml-g2"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_detect_honours_a_wide_byte_order_mark(name: str, codec: str) -> None:
    """A page or item in UTF-16 or UTF-32 with a byte-order mark is detected, read and parsed as it loads with format=."""
    written = newsitem.dumps(Story(headline="Ferry resumes service", guid="urn:example:ferry"), format=name)
    text = (written.decode("utf-8") if isinstance(written, bytes) else written).replace(
        "'UTF-8'", f"'{codec[:6].upper()}'"
    )
    data = ("\ufeff" + text if codec.endswith("-be") else text).encode(codec)  # utf-16 and utf-32 add a mark
    assert formats.detect(data).layout == name
    if name == "html" and codec == "utf-32":
        return  # html reads UTF-8 and UTF-16 marks only (WHATWG); detection names it all the same
    assert newsitem.parse(data) == newsitem.loads(data, format=name)
    assert newsitem.read(data).layout == name
