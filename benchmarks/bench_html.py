"""HTML dumps and loads per story, against a bare string template with html.escape.

Run: ``python benchmarks/bench_html.py``. The story is the 600-word sample of
``bench_json.py``. The floor fills one f-string template with the same values,
each through ``html.escape``: no microdata, no stylesheet, no JSON-LD, nothing
read back. The reference row builds the same page as an lxml tree and
serialises it. Goal (issue 6): dumps within 3x of the floor. Pages are read
with libxml2's parser (formats/_markup) since issue 13 (loads about 3x faster
than the standard library's tokenizer it replaced).
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from lxml import etree
from lxml.html import tostring

from _harness import bench, table
from bench_json import sample_story
from newsitem import Story
from newsitem.formats import html


def floor_template(story: Story) -> str:
    """The cheapest page with the same visible values: one template, html.escape on each."""
    names = ", ".join(escape(b.name) for b in story.bylines)
    when = story.published.isoformat() if story.published else ""
    body = "".join(f"<p>{escape(p.text)}</p>" for p in story.body)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(story.headline)}</title></head>"
        f"<body><article><h1>{escape(story.headline)}</h1><p>By {names}</p>"
        f"<time datetime='{when}'>{when}</time>"
        f"<div>{body}</div></article></body></html>"
    )


def lxml_page(story: Story) -> bytes:
    """The same values as an lxml element tree (for reference)."""
    root = etree.Element("html")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = story.headline
    article = etree.SubElement(
        etree.SubElement(root, "body"), "article", itemscope="", itemtype="https://schema.org/NewsArticle"
    )
    etree.SubElement(article, "h1", itemprop="headline").text = story.headline
    byline = etree.SubElement(article, "p")
    for b in story.bylines:
        person = etree.SubElement(byline, "span", itemprop="author", itemscope="")
        etree.SubElement(person, "span", itemprop="name").text = b.name
    if story.published is not None:
        time = etree.SubElement(
            article, "time", itemprop="datePublished", datetime=story.published.isoformat()
        )
        time.text = story.published.isoformat()
    body = etree.SubElement(article, "div", itemprop="articleBody")
    for p in story.body:
        etree.SubElement(body, "p").text = p.text
    return tostring(root, doctype="<!DOCTYPE html>", encoding="utf-8")


def main() -> None:
    story = sample_story()
    page = html.dumps(story)
    assert html.loads(page) == story
    foreign = page.replace(' data-newsitem="1"', "")  # read as another publisher's page
    print(
        table(
            bench(
                {
                    "floor: f-string template + html.escape": lambda: floor_template(story),
                    "newsitem html.dumps (page)": lambda: html.dumps(story),
                    "newsitem html.dumps (fragment)": lambda: html.dumps(story, fragment=True),
                    "(reference: lxml tree + tostring)": lambda: lxml_page(story),
                }
            ),
            "floor: f-string template + html.escape",
            "dumps per story (µs), ratio to the template floor",
        )
    )
    print()
    print(
        table(
            bench(
                {
                    "floor: f-string template + html.escape": lambda: floor_template(story),
                    "newsitem html.loads (own page, exact)": lambda: html.loads(page),
                    "newsitem html.loads (the page unmarked, lenient)": lambda: html.loads(foreign),
                    "(reference: lxml.html.fromstring of the page)": lambda: etree.fromstring(
                        page.encode(), etree.HTMLParser()
                    ),
                }
            ),
            "floor: f-string template + html.escape",
            "loads per story (µs), against the same floor",
        )
    )
    body = sum(len(p.text) for p in story.body)
    print(f"\npage size: {len(page.encode()):,} bytes for {body:,} characters of body")


if __name__ == "__main__":
    main()
