"""NewsML-G2 dumps and loads per story, against bare lxml (the floor) and IPTC's newsmlg2.

Run: ``python benchmarks/bench_newsmlg2.py``. The story is the 600-word one of
bench_json.py. Floors: replaying the same element tree with bare
``etree.SubElement`` calls and ``tostring`` (dumps); ``fromstring`` plus
precompiled XPath extraction of the same fields (loads). The ``newsmlg2``
package (not a dependency: ``pip install newsmlg2``) reads the same document.
Schema validation needs the IPTC schemas (../shared/schemas/newsml-g2-2.35).
Goals (issue 5): dumps and loads within 1.5x of their floors; at least 100x
faster than newsmlg2.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from lxml import etree

from _harness import bench, table
from bench_json import sample_story
from newsitem.formats import newsmlg2
from newsitem.formats.newsmlg2 import _names
from newsitem.formats.newsmlg2 import schema as newsml

SCHEMAS = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "newsml-g2-2.35"
NS = {"n": _names.NAR, "f": _names.NITF}
XPATHS = {
    name: etree.XPath(path, namespaces=NS)
    for name, path in {
        "guid": "string(@guid)",
        "version": "string(@version)",
        "headline": "string(n:contentMeta/n:headline[not(@role)])",
        "subheadline": "string(n:contentMeta/n:headline[@role='nitm:subheadline'])",
        "published": "string(n:itemMeta/n:firstCreated)",
        "updated": "string(n:contentMeta/n:contentModified)",
        "language": "string(n:contentMeta/n:language/@tag)",
        "dateline": "string(n:contentMeta/n:located/n:name)",
        "bylines": "n:contentMeta/n:creator/n:name/text()",
        "subjects": "n:contentMeta/n:subject/@qcode",
        "keywords": "n:contentMeta/n:keyword/text()",
        "holder": "string(n:rightsInfo/n:copyrightHolder/n:name)",
        "notice": "string(n:rightsInfo/n:copyrightNotice)",
        "section": "string(n:contentMeta/n:contentMetaExtProperty[@rel='nitm:section']/@value)",
        "paragraphs": "n:contentSet/n:inlineXML/f:nitf/f:body/f:body.content/f:p",
    }.items()
}


def floor_loads(data: bytes) -> dict[str, Any]:
    root = etree.fromstring(data)
    fields = {name: xpath(root) for name, xpath in XPATHS.items()}
    fields["paragraphs"] = ["".join(p.itertext()) for p in fields["paragraphs"]]
    return fields


def recorded(root: Any) -> list[tuple[int, str, dict[str, str], str | None, str | None]]:
    """The tree as (parent index, tag, attributes, text, tail), to replay with bare lxml."""
    index = {root: -1}
    steps = []
    for element in root.iter():
        if element is root:
            continue
        index[element] = len(steps)
        steps.append(
            (index[element.getparent()], element.tag, dict(element.attrib), element.text, element.tail)
        )
    return steps


def floor_dumps(root_tag: str, root_attrib: dict[str, str], steps: list[Any]) -> bytes:
    root = etree.Element(root_tag, root_attrib, nsmap={None: _names.NAR})  # type: ignore[dict-item]
    made: list[Any] = []
    for parent, tag, attrib, text, tail in steps:
        element = etree.SubElement(root if parent < 0 else made[parent], tag, attrib)
        element.text, element.tail = text, tail
        made.append(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def main() -> None:
    story = sample_story()
    data = newsmlg2.dumps(story)
    tree = etree.fromstring(data)
    steps = recorded(tree)
    print(f"600-word story: {len(data):,} bytes of NewsML-G2, {len(steps) + 1} elements\n")
    samples = bench(
        {
            "bare lxml SubElement + tostring [floor]": lambda: floor_dumps(
                tree.tag, dict(tree.attrib), steps
            ),
            "newsmlg2.dumps": lambda: newsmlg2.dumps(story),
        }
    )
    print(table(samples, "bare lxml SubElement + tostring [floor]", "dumps: Story -> NewsML-G2 bytes"))
    print()
    cases = {
        "fromstring + precompiled XPath [floor]": lambda: floor_loads(data),
        "newsmlg2.loads (into the model)": lambda: newsmlg2.loads(data),
    }
    samples = bench(cases)
    print(table(samples, "fromstring + precompiled XPath [floor]", "loads: NewsML-G2 bytes -> Story"))
    print()
    try:
        from NewsMLG2 import NewsMLG2Document
    except ImportError:
        print("(newsmlg2 is not installed: pip install newsmlg2 to compare with it)")
    else:
        timings = []
        for _ in range(20):
            start = time.perf_counter()
            NewsMLG2Document(data).get_item()
            timings.append(time.perf_counter() - start)
        theirs = sorted(timings)[len(timings) // 2]
        ours = min(samples["newsmlg2.loads (into the model)"])
        print(
            f"IPTC newsmlg2 1.1 reading the same document: {theirs * 1e6:,.0f} µs median of 20 "
            f"(×{theirs / ours:,.0f} newsitem's loads)\n"
        )
    if (SCHEMAS / newsml.G2_SCHEMA).exists():
        start = time.perf_counter()
        newsml._schema(SCHEMAS / newsml.G2_SCHEMA)
        load_ms = (time.perf_counter() - start) * 1000
        schema = newsml._schema(SCHEMAS / newsml.G2_SCHEMA)
        samples = bench({"XMLSchema.validate(parsed tree)": lambda: schema.validate(tree)})
        print(f"2.35 Power schema load (once per process): {load_ms:.1f} ms")
        print(table(samples, "XMLSchema.validate(parsed tree)", "validation per document"))
    else:
        print(f"(schemas not found at {SCHEMAS}: validation not measured)")


def hostile() -> None:
    """Time and peak memory (beyond the input itself) to refuse hostile documents."""
    import contextlib
    import tracemalloc

    from newsitem import ParseError

    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    cases = {
        "billion laughs": f'<!DOCTYPE l [<!ENTITY lol0 "lol">{lol}]><newsItem>&lol9;</newsItem>'.encode(),
        "external entity": b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><newsItem>&e;</newsItem>',
        "100 MB document": b"<newsItem>" + b"x" * 100_000_000 + b"</newsItem>",
    }
    print("\n### Hostile documents: time to ParseError, peak memory beyond the input\n")
    print("| document | time | peak extra memory |")
    print("|---|---|---|")
    for name, data in cases.items():
        tracemalloc.start()
        start = time.perf_counter()
        with contextlib.suppress(ParseError):
            newsmlg2.loads(data)
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"| {name} | {elapsed * 1e6:,.0f} µs | {peak / 1024:,.0f} KiB |")


if __name__ == "__main__":
    main()
    hostile()
