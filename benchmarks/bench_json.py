"""JSON dumps and loads per story, against json.dumps/json.loads of the equivalent plain dict.

Run: ``python benchmarks/bench_json.py``. The story is about 600 words in 8
paragraphs with 3 bylines, like the one in the project's performance notes.
Goals (issue 2): dumps within 1.5x of the floor, loads within 3x; with orjson,
below 8 µs per dumps and 34 µs per loads.
"""

from __future__ import annotations

import json
import platform
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs
import orjson

import newsitem
from _harness import bench, table
from newsitem import Byline, Paragraph, Rights, Run, Source, Story, Subject
from newsitem.formats import json as njson

PROSE = (
    "the council said on Tuesday that repairs to the old bridge & its approaches would cost more "
    'than "expected" <and> take until spring while ferries carry commuters across the river'
)
WORDS = PROSE.split()


def sample_story() -> Story:
    paragraphs = []
    for index in range(8):
        words = [WORDS[(index * 7 + k) % len(WORDS)] for k in range(74)]
        if index == 3:
            paragraphs.append(
                Paragraph(
                    runs=[
                        " ".join(words[:30]) + " ",
                        Run(text="emphasis", emphasis=True),
                        " " + " ".join(words[30:]),
                    ]
                )
            )
        else:
            paragraphs.append(Paragraph.plain(" ".join(words).capitalize() + "."))
    return Story(
        headline="Council votes to close the old bridge for repairs",
        summary="Repairs will take until spring.",
        bylines=[
            Byline(name="Ana Ruiz", title="Reporter"),
            Byline(name="Tom O'Neil"),
            Byline(name="Lee Chan", affiliation="Courier"),
        ],
        source=Source(name="The Riverside Courier", code="RC"),
        published=datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2))),
        updated=datetime(2024, 5, 1, 11, 0, tzinfo=timezone(timedelta(hours=2))),
        dateline="RIVERSIDE",
        section="Local",
        keywords=["bridge", "council", "transport", "repairs", "ferry"],
        subjects=[Subject(code="medtop:20000002", name="politics"), Subject(code="medtop:11000000")],
        language="en",
        rights=Rights(notice="© 2024 The Riverside Courier", holder="The Riverside Courier"),
        guid="urn:newsml:courier.example:20240501:bridge",
        body=paragraphs,
    )


def main() -> None:
    story = sample_story()
    plain = njson._to_builtins(story)  # the equivalent plain dict
    text = newsitem.dumps(story)
    data = text.encode()
    words = sum(len(p.text.split()) for p in story.body)
    print(
        f"Python {platform.python_version()} on {platform.machine()}; story: {words} words, "
        f"{len(story.body)} paragraphs, {len(story.bylines)} bylines, {len(data):,} bytes of JSON\n"
    )

    def json_floor_dumps() -> object:
        return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))

    dumps = bench(
        {
            "json.dumps(plain dict) [floor]": json_floor_dumps,
            "newsitem dumps, stdlib json": lambda: njson.dumps(story, backend="json"),
            "newsitem dumps, orjson": lambda: njson.dumps(story, backend="orjson"),
            "to_builtins only (cattrs unstructure)": lambda: njson._to_builtins(story),
        }
    )
    print(table(dumps, "json.dumps(plain dict) [floor]", "dumps: Story -> JSON text"))
    print()

    def without_model_validators() -> object:
        # Reference only: the same structuring with the model's validators switched
        # off, to show what validation on construction costs.
        attrs.validators.set_disabled(True)
        try:
            return njson._loads(data, "orjson")
        finally:
            attrs.validators.set_disabled(False)

    loads = bench(
        {
            "json.loads(str) [floor]": lambda: json.loads(text),
            "newsitem loads, stdlib json": lambda: njson._loads(text, "json"),
            "newsitem loads, orjson": lambda: njson._loads(data, "orjson"),
            "orjson.loads alone [ref]": lambda: orjson.loads(data),
            "newsitem loads, orjson, model validators off [ref]": without_model_validators,
        }
    )
    print(table(loads, "json.loads(str) [floor]", "loads: JSON text -> Story (validated)"))


if __name__ == "__main__":
    main()
