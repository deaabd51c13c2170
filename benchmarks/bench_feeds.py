"""Agency feeds as agencies send them: NewsML-G2, NITF and ninjs loads per story, against
their floors, on generated stories and on the real files of ../shared/corpus.

Run: ``python benchmarks/bench_feeds.py``. Timing is the harness's (calibrated samples,
interleaved rounds, per-round ratios: ``_harness.bench`` and ``table``).

- NewsML-G2 and NITF: ``loads`` against the floor "lxml ``fromstring`` + precompiled
  ``etree.XPath``" extracting the same fields from the same document (about 42 µs for the
  600-word story of bench_json.py; /work/shared/docs/performance.md L4). Goal (issue 16):
  within 2x.
- ninjs: ``loads`` against newsitem's canonical JSON ``loads`` of the same story. Goal:
  within 3x.

Each real-file case reads every corpus file of the format that is a text story once per
call and is reported per story (its time divided by the number of files); files that are
refused (pictures, packages) are left out and counted. Without ../shared the corpus cases
are skipped with a note; the generated stories are always measured.
"""

from __future__ import annotations

import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from lxml import etree

import newsitem
from _harness import bench, table
from bench_json import sample_story
from bench_newsmlg2 import floor_loads as g2_floor_own
from bench_newsmlg2_blocks import cpu_min
from newsitem.errors import NewsItemError
from newsitem.formats.newsmlg2 import _names

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
NAR, NITF_NS, XHTML = _names.NAR, _names.NITF, "http://www.w3.org/1999/xhtml"

G2_PATHS = {
    "guid": "string(@guid)",
    "version": "string(@version)",
    "headline": "string(n:contentMeta/n:headline[1])",
    "published": "string(n:itemMeta/n:firstCreated | n:contentMeta/n:contentCreated)",
    "updated": "string(n:itemMeta/n:versionCreated)",
    "language": "string(n:contentMeta/n:language/@tag)",
    "dateline": "string(n:contentMeta/n:dateline)",
    "located": "string(n:contentMeta/n:located/n:name)",
    "by": "string(n:contentMeta/n:by)",
    "summary": "string(n:contentMeta/n:description[1])",
    "bylines": "n:contentMeta/n:creator/n:name/text()",
    "subjects": "n:contentMeta/n:subject/@qcode",
    "keywords": "n:contentMeta/n:keyword/text()",
    "links": "n:itemMeta/n:link/@href",
    "notice": "string(n:rightsInfo/n:copyrightNotice)",
    "paragraphs": "n:contentSet/n:inlineXML/f:nitf/f:body/f:body.content//f:p"
    " | n:contentSet/n:inlineXML/h:html/h:body//h:p",
}
"""The fields a reader of another agency's newsItem takes, by precompiled XPath (the floor)."""

NITF_PATHS = {
    "title": "string(x:head/x:title)",
    "doc_id": "string(x:head/x:docdata/x:doc-id/@id-string)",
    "issued": "string(x:head/x:docdata/x:date.issue/@norm)",
    "urgency": "string(x:head/x:docdata/x:urgency/@ed-urg)",
    "keywords": "x:head/x:docdata/x:key-list/x:keyword/@key",
    "subjects": "x:head/x:tobject/x:tobject.subject/@tobject.subject.refnum",
    "headline": "string(x:body/x:body.head/x:hedline/x:hl1)",
    "subheadline": "string(x:body/x:body.head/x:hedline/x:hl2)",
    "byline": "string(x:body/x:body.head/x:byline)",
    "dateline": "string(x:body/x:body.head/x:dateline)",
    "abstract": "string(x:body/x:body.head/x:abstract)",
    "paragraphs": "x:body/x:body.content//x:p",
}
"""The fields of a NITF document, for documents in the NITF 3.6 namespace or in none."""


def _compiled(paths: dict[str, str], namespaces: dict[str, str]) -> dict[str, etree.XPath]:
    return {name: etree.XPath(path, namespaces=namespaces) for name, path in paths.items()}


G2_XPATHS = _compiled(G2_PATHS, {"n": NAR, "f": NITF_NS, "h": XHTML})
FIRST_ITEM = etree.XPath("n:itemSet/n:newsItem[1]", namespaces={"n": NAR})
NITF_XPATHS = {
    NITF_NS: _compiled(NITF_PATHS, {"x": NITF_NS}),
    "": _compiled({k: v.replace("x:", "") for k, v in NITF_PATHS.items()}, {}),
}


def _texts(fields: dict[str, Any]) -> dict[str, Any]:
    fields["paragraphs"] = ["".join(p.itertext()) for p in fields["paragraphs"]]
    return fields


def g2_floor(data: bytes) -> dict[str, Any]:
    """Parse and take another agency's newsItem's fields (the first item of a newsMessage)."""
    root = etree.fromstring(data)
    if root.tag != _names.T.newsItem:
        found: Any = FIRST_ITEM(root)
        root = found[0] if found else root
    return _texts({name: xpath(root) for name, xpath in G2_XPATHS.items()})


def nitf_floor(data: bytes) -> dict[str, Any]:
    """Parse and take a NITF document's fields (its namespace, or none)."""
    root = etree.fromstring(data)
    namespace = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else ""
    xpaths = NITF_XPATHS.get(namespace, NITF_XPATHS[""])
    return _texts({name: xpath(root) for name, xpath in xpaths.items()})


def _stories(folder: str, fmt: str, pattern: str) -> tuple[list[bytes], int] | None:
    """The corpus files of ``folder`` that read as a story, and how many were refused."""
    if not (CORPUS / folder).is_dir():
        return None
    kept, refused = [], 0
    for path in sorted((CORPUS / folder).glob(pattern)):
        data = path.read_bytes()
        try:
            newsitem.loads(data, fmt)
        except NewsItemError:
            refused += 1
            continue
        kept.append(data)
    return kept, refused


def _all(fn: Callable[[bytes], object], documents: list[bytes]) -> Callable[[], object]:
    def run() -> object:
        for data in documents:
            fn(data)
        return None

    return run


def _per_story(samples: dict[str, list[float]], count: int) -> dict[str, list[float]]:
    return {name: [v / count for v in values] for name, values in samples.items()}


def _verdict(samples: dict[str, list[float]], floor: str, case: str, goal: float) -> str:
    ratios = [v / b for v, b in zip(samples[case], samples[floor], strict=True)]
    ratio = statistics.median(ratios)
    return f"**{case}: ×{ratio:.2f} the floor (goal ≤ ×{goal:g}: {'met' if ratio <= goal else 'NOT met'})**"


def _report(
    title: str, cases: dict[str, Callable[[], object]], judged: tuple[str, str, float], count: int = 1
) -> None:
    """The harness's table per story, the verdict on the median per-round ratio, and the least CPU
    time per story of the floor and the case (steadier on a shared machine). ``judged`` is
    (the floor's case name, the judged case's name, the goal ratio)."""
    floor, case, goal = judged
    samples = _per_story(bench(cases), count)
    print(table(samples, floor, title))
    print()
    print(_verdict(samples, floor, case, goal))
    least = {name: cpu_min(cases[name], samples=25, calls=2) / count * 1e6 for name in (floor, case)}
    RESULTS[title] = {"floor": least[floor], "loads": least[case], "goal": goal}
    print(
        f"least CPU per story: floor {least[floor]:.1f} µs, {case} {least[case]:.1f} µs: "
        f"×{least[case] / least[floor]:.2f}"
    )
    print()


RESULTS: dict[str, dict[str, float]] = {}
"""Per case: least CPU µs per story of the floor and of loads, and the goal."""


def newsml_g2() -> None:
    """Generated 600-word story (our own writing) and the agencies' text items."""
    data = newsitem.dumps(sample_story(), "newsml-g2")
    assert isinstance(data, bytes)
    _report(
        f"NewsML-G2, generated 600-word story ({len(data):,} bytes)",
        {
            "fromstring + precompiled XPath [floor]": lambda: g2_floor_own(data),
            "newsml-g2 loads": lambda: newsitem.loads(data, "newsml-g2"),
        },
        ("fromstring + precompiled XPath [floor]", "newsml-g2 loads", 2),
    )
    found = _stories("newsml-g2", "newsml-g2", "*.xml")
    if found is None:
        print(f"(no shared corpus at {CORPUS}: the agencies' NewsML-G2 files are not measured)\n")
        return
    documents, refused = found
    size = sum(map(len, documents)) // max(1, len(documents))
    _report(
        f"NewsML-G2, {len(documents)} agency files read as stories ({refused} refused, left out; "
        f"mean {size:,} bytes), per story",
        {
            "fromstring + precompiled XPath [floor]": _all(g2_floor, documents),
            "newsml-g2 loads": _all(lambda d: newsitem.loads(d, "newsml-g2"), documents),
        },
        ("fromstring + precompiled XPath [floor]", "newsml-g2 loads", 2),
        len(documents),
    )


def nitf() -> None:
    """Generated story written as NITF, and the agencies' NITF files."""
    try:
        data = newsitem.dumps(sample_story(), "nitf", lossy=True)
    except newsitem.UnknownFormatError:
        print("(nitf is not a registered format in this checkout: NITF is not measured)\n")
        return
    assert isinstance(data, bytes)
    _report(
        f"NITF, generated 600-word story ({len(data):,} bytes)",
        {
            "fromstring + precompiled XPath [floor]": lambda: nitf_floor(data),
            "nitf loads": lambda: newsitem.loads(data, "nitf"),
        },
        ("fromstring + precompiled XPath [floor]", "nitf loads", 2),
    )
    found = _stories("nitf", "nitf", "*.xml")
    if found is None:
        print(f"(no shared corpus at {CORPUS}: the agencies' NITF files are not measured)\n")
        return
    documents, refused = found
    _report(
        f"NITF, {len(documents)} agency files ({refused} refused, left out), per story",
        {
            "fromstring + precompiled XPath [floor]": _all(nitf_floor, documents),
            "nitf loads": _all(lambda d: newsitem.loads(d, "nitf"), documents),
        },
        ("fromstring + precompiled XPath [floor]", "nitf loads", 2),
        len(documents),
    )


def ninjs() -> None:
    """ninjs loads against canonical JSON loads of the same story."""
    story = newsitem.loads(newsitem.dumps(sample_story(), "ninjs", lossy=True), "ninjs")
    data = newsitem.dumps(story, "ninjs")
    reference = newsitem.dumps(story, "json")
    _report(
        "ninjs 3.1, generated 600-word story",
        {
            "canonical JSON loads [reference]": lambda: newsitem.loads(reference, "json"),
            "ninjs loads": lambda: newsitem.loads(data, "ninjs"),
        },
        ("canonical JSON loads [reference]", "ninjs loads", 3),
    )
    found = _stories("ninjs", "ninjs", "*.json")
    if found is None:
        print(f"(no shared corpus at {CORPUS}: the agencies' ninjs files are not measured)\n")
        return
    documents, refused = found
    canonical = [newsitem.dumps(newsitem.loads(d, "ninjs"), "json") for d in documents]
    _report(
        f"ninjs, {len(documents)} real documents (1.x to 3.x; {refused} refused, left out), per story",
        {
            "canonical JSON loads [reference]": _all(lambda d: newsitem.loads(d, "json"), canonical),  # type: ignore[arg-type]
            "ninjs loads": _all(lambda d: newsitem.loads(d, "ninjs"), documents),
        },
        ("canonical JSON loads [reference]", "ninjs loads", 3),
        len(documents),
    )


def main() -> None:
    print(f"newsitem at {Path(newsitem.__file__).parent}\n")
    newsml_g2()
    nitf()
    ninjs()
    print("### Summary (least CPU time per story)\n")
    print("| case | floor µs | loads µs | ratio | goal |")
    print("|---|---|---|---|---|")
    for title, f in RESULTS.items():
        ratio = f["loads"] / f["floor"]
        mark = "met" if ratio <= f["goal"] else "not met"
        print(f"| {title} | {f['floor']:.1f} | {f['loads']:.1f} | ×{ratio:.2f} | ≤ ×{f['goal']:g} ({mark}) |")


if __name__ == "__main__":
    main()
