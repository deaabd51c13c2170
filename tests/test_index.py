"""Issue 14: the HTML index of ``convert --to html`` sorts any date the model allows (item 2:
year 1 at +14:00 and 9999-12-31 at -12:00 overflowed when converted to UTC, after every page
was written), and a story never takes a name the run writes itself (item 7: an input named
``index`` was replaced by the index page)."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

import pytest

import newsitem
from newsitem.batch import index, steps
from newsitem.cli import main

EDGES = ["0001-01-01T00:30:00+14:00", "2024-03-04T07:15:00+01:00", "9999-12-31T23:00:00-12:00"]


def heds(page: Path) -> list[str]:
    """The stories an index page lists, as the links of their headlines, in order."""
    return re.findall(r'class="hed"><a href="([^"]+)">', page.read_text())


def test_index_sorts_dates_at_the_edges_of_the_calendar(tmp_path: Path) -> None:
    """Rows dated year 1 at +14:00 and 9999-12-31 at -12:00 sort by instant: newest first on the
    front page, by instant within their month's page, undated on their own page."""
    rows = [{"headline": when, "published": when, "outputs": [f"{n}.html"]} for n, when in enumerate(EDGES)]
    rows.append({"headline": "undated", "outputs": ["u.html"]})
    rows.append({"headline": "naive", "published": "2024-03-04T06:00:00", "outputs": ["v.html"]})
    index.write_index(tmp_path, rows, ".html")
    assert heds(tmp_path / "index.html") == ["2.html", "1.html", "v.html", "0.html"]
    assert heds(tmp_path / "index" / "2024-03.html") == ["../v.html", "../1.html"]  # 06:00Z, then 06:15Z
    assert heds(tmp_path / "index" / "9999-12.html") == ["../2.html"]
    assert heds(tmp_path / "index" / "0001-01.html") == ["../0.html"]
    assert heds(tmp_path / "index" / "undated.html") == ["../u.html"]


def test_convert_to_html_with_extreme_dates(tmp_path: Path) -> None:
    """convert --to html over stories at the calendar's edges writes every page and the index, exit 0."""
    source = tmp_path / "in"
    source.mkdir()
    for number, when in enumerate(EDGES):
        record = json.loads(newsitem.dumps(newsitem.Story(headline=f"story {number}")))
        record["published"] = when
        (source / f"{number}.json").write_text(json.dumps(record))
    out = tmp_path / "out"
    assert main(["convert", str(source), "--to", "html", "-o", str(out), "-q", "-j", "1"]) == 0
    assert heds(out / "index.html") == ["in/2.json.html", "in/1.json.html", "in/0.json.html"]


def story_file(path: Path, headline: str) -> Path:
    text = newsitem.dumps(newsitem.Story(headline=headline))
    assert isinstance(text, str)
    path.write_text(text)
    return path


def test_an_input_named_index_does_not_replace_the_index(tmp_path: Path) -> None:
    """An input named index (or _index) gets a _-prefixed output name; index.html stays the index page."""
    plain = story_file(tmp_path / "index", "the story named index")
    under = story_file(tmp_path / "_index", "the story named _index")
    out = tmp_path / "out"
    assert (
        main(["convert", str(plain), str(under), "--to", "html,json", "-o", str(out), "-q", "-j", "1"]) == 0
    )
    page = (out / "index.html").read_text()
    assert "<h1>2 stories</h1>" in page
    assert heds(out / "index" / "undated.html") == ["../__index.html", "../_index.html"]  # by name
    assert "the story named index" in (out / "_index.html").read_text()
    assert "the story named _index" in (out / "__index.html").read_text()
    assert newsitem.load(out / "_index.json").headline == "the story named index"


@pytest.mark.parametrize(
    ("relative", "suffixes", "expected"),
    [
        ("index", [".html"], "_index"),
        ("index", [".json"], "index"),
        ("_index", [".html"], "__index"),
        ("_other", [".html"], "_other"),
        ("errors", [".jsonl"], "_errors"),
        ("stories-00001", [".jsonl"], "_stories-00001"),
        ("dir/index", [".html"], "dir/index"),
    ],
)
def test_reserved_names(relative: str, suffixes: list[str], expected: str) -> None:
    """A story's output name avoids exactly the names the run writes at the top of the output folder."""
    assert steps.output_name(relative, suffixes) == expected


@pytest.mark.skipif(sys.platform != "linux", reason="file names of any bytes are a Linux matter")
def test_index_links_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    """A story file named with a byte that is not UTF-8 is linked from the index percent-encoded (it crashed the index)."""
    source = tmp_path / "in"
    source.mkdir()
    story_file(source / os.fsdecode(b"caf\xe9.json"), "cafe")
    out = tmp_path / "out"
    assert main(["convert", str(source), "--to", "html", "-o", str(out), "-q", "-j", "1"]) == 0
    assert heds(out / "index" / "undated.html") == ["../in/caf%E9.json.html"]
    assert (out / os.fsdecode(b"in/caf\xe9.json.html")).exists()


def test_an_input_in_a_folder_named_index_does_not_replace_a_page_of_the_site(tmp_path: Path) -> None:
    """A story at index/2024-03 (a folder argument named index) is written under _index/; index/2024-03.html
    stays the site's page of March 2024, listing it."""
    folder = tmp_path / "index"
    folder.mkdir()
    record = json.loads(newsitem.dumps(newsitem.Story(headline="the story in a folder named index")))
    record["published"] = "2024-03-04T07:15:00+01:00"
    (folder / "2024-03").write_text(json.dumps(record))
    out = tmp_path / "out"
    assert main(["convert", str(folder), "--to", "html", "-o", str(out), "-q", "-j", "1"]) == 0
    assert heds(out / "index" / "2024-03.html") == ["../_index/2024-03.html"]
    assert "the story in a folder named index" in (out / "_index" / "2024-03.html").read_text()


def test_sources_and_sections_that_differ_in_case_are_one_page(tmp_path: Path) -> None:
    """``dpa`` and ``DPA`` (``International`` and ``international``) are one source (section) page,
    listing all their stories under the spelling most stories use."""
    rows = [
        {"headline": f"h{n}", "source": source, "section": section, "outputs": [f"{n}.html"]}
        for n, (source, section) in enumerate(
            [("dpa", "International"), ("DPA", "international"), ("dpa", "international")]
        )
    ]
    index.write_index(tmp_path, rows, ".html")
    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == [
        "section-international.html",
        "source-dpa.html",
        "undated.html",
    ]
    source = (tmp_path / "index" / "source-dpa.html").read_text()
    assert sorted(heds(tmp_path / "index" / "source-dpa.html")) == ["../0.html", "../1.html", "../2.html"]
    assert "<h1>dpa</h1>" in source
    assert "<h1>international</h1>" in (tmp_path / "index" / "section-international.html").read_text()
    front = (tmp_path / "index.html").read_text()
    assert front.count('href="index/source-dpa.html">dpa</a> <span class="count">3</span>') == 1


def test_a_name_in_any_script_keeps_its_words_in_the_page_name() -> None:
    """Cyrillic, Greek and Japanese section names keep their words in their page's name (no ``x``,
    ``x-2``...); a name that loses characters gets a short hash of itself; each part is unique."""
    names = ["раздел один", "раздел два", "αθλητικά", "経済", "Sport & Culture", "sport-culture", "!!"]
    slugs = index._slugs(index._key(name) for name in names)
    assert slugs["раздел один"] == "раздел-один"
    assert slugs["αθλητικά"] == "αθλητικά"
    assert slugs["経済"] == "経済"
    assert slugs["sport-culture"] == "sport-culture"
    assert re.fullmatch(r"sport-culture-[0-9a-f]{8}", slugs["sport & culture"])
    assert re.fullmatch(r"x-[0-9a-f]{8}", slugs["!!"])
    assert len(set(slugs.values())) == len(names)


def test_adding_a_name_renames_no_other_page() -> None:
    """The page name of every source already there stays the same when other names are added,
    also for names that all lose their characters."""
    before = [f"Раздел {n}" for n in range(50)] + ["§", "¶", "a.b", "a b"]
    after = [*before, "Раздел 00", "†", "a:b", "a  b"]
    old = index._slugs(index._key(name) for name in before)
    new = index._slugs(index._key(name) for name in after)
    assert {key: new[key] for key in old} == old


def test_page_names_of_many_clashing_names_take_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """10,000 names that all make one file-name part get -2, -3... in well under a second (a
    counter per part: about 10 ms here; a walk of -2..-k for each name took 7 s)."""
    import time

    monkeypatch.setattr(index, "_slug", lambda key: "x")
    names = [f"{n:06d}" for n in range(10_000)]
    began = time.perf_counter()
    slugs = index._slugs(names)
    took = time.perf_counter() - began
    assert sorted(slugs.values()) == sorted(["x", *(f"x-{n}" for n in range(2, 10_001))])
    assert took < 1.0, took


def test_the_site_names_have_one_home() -> None:
    """The output names steps keeps free, the site's folder and validate's walk all take the site's
    names from one constant."""
    from newsitem.batch import _site_names
    from newsitem.cli import files

    assert files._SITE is _site_names.SITE
    assert (index.FRONT, index.FOLDER) == _site_names.SITE
    assert _site_names.FRONT in steps.RESERVED
    assert {_site_names.FOLDER} == steps.RESERVED_FOLDERS
    assert steps.output_name(_site_names.FRONT.removesuffix(".html"), [".html"]) == "_index"
