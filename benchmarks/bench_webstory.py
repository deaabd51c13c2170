"""web-story parse and dumps per story, against a bare regex-only split of the same text.

Run: ``python benchmarks/bench_webstory.py [path/to/russia-syria.txt]``. The floor
splits the lines, finds the byline with one regex, reads the date with strptime
and slices the parts into a dict, building no model and checking nothing.
Goal (issue 3): parse into the model within 2x of the floor.
The last table shows that parse time grows linearly with input size, up to 10 MB.
"""

from __future__ import annotations

import re
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs

from _harness import bench, table
from bench_json import sample_story
from newsitem import Byline, Paragraph, Rights, Source, Story
from newsitem.formats.layouts import webstory

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "web-story" / "russia-syria.txt"
FLOOR_BYLINE = re.compile(r"^by (.+?) (\w+day, \w{3} \d{1,2} \d{4}, \d{1,2}:\d{2}[ap]m)$", re.MULTILINE)


def floor_split(text: str) -> object:
    """The cheapest way to cut the same fields out of the text: one regex for the byline,
    strptime for the date, slices for the rest; no model, no checks, no fallbacks."""
    lines = text.replace("\r\n", "\n").split("\n")
    match = FLOOR_BYLINE.search(text)
    assert match is not None
    index = lines.index(match.group(0))
    head, _, source = match.group(1).partition(" - ")
    authors, _, submitter = head.partition(" via ")
    return {
        "headline": lines[index - 1],
        "authors": authors.replace(" and ", ", ").split(", "),
        "submitter": submitter,
        "source": source,
        "published": datetime.strptime(match.group(2), "%A, %b %d %Y, %I:%M%p"),  # noqa: DTZ007 - naive as printed
        "category": [part.rstrip(" /") for part in lines[index + 1 : index + 4]],
        "paragraphs": [line for line in lines[index + 4 : -4] if line],
        "rights": lines[-4],
        "url": lines[-3],
    }


def six_hundred_words() -> str:
    story = sample_story()
    story = attrs.evolve(
        webstory.carried(story),
        bylines=[Byline(name="Ana Ruiz"), Byline(name="Tom O'Neil"), Byline(name="jaxie", role="submitter")],
        source=Source(name="The Riverside Courier"),
        published=datetime(2024, 5, 1, 9, 30),  # noqa: DTZ001 - the layout prints no zone
        rights=Rights(notice="Copyright applies."),
        url="https://courier.example/2024/05/01/bridge",
        extras={"web-story.type": "post"},
    )
    return webstory.dumps(story)


def main() -> None:
    seed_path = Path(sys.argv[1]) if len(sys.argv) > 1 else SEED
    texts = {"600-word story": six_hundred_words()}
    if seed_path.exists():
        texts = {"seed (russia-syria.txt)": seed_path.read_text("utf-8"), **texts}
    else:
        print(f"(seed not found at {seed_path}; pass its path to include it)\n")
    for name, text in texts.items():
        story = webstory.loads(text)
        print(f"{name}: {len(text.encode()):,} bytes, {sum(len(p.text.split()) for p in story.body)} words\n")
        parts = {f.name: getattr(story, f.name) for f in attrs.fields(Story)}
        texts_ = [p.text for p in story.body]
        people = [(b.name, b.role) for b in story.bylines]

        def model_only(parts: dict[str, object] = parts, texts_: list[str] = texts_, people=people) -> object:
            # Reference: only building and validating the same Story from parts already cut.
            return Story(
                **{
                    **parts,
                    "bylines": [Byline(name=n, role=r) for n, r in people],
                    "body": [Paragraph.plain(t) for t in texts_],
                }
            )

        samples = bench(
            {
                "regex-only split [floor]": lambda text=text: floor_split(text),
                "the model alone: Story from pre-cut parts [ref]": model_only,
                "webstory.loads (into the model)": lambda text=text: webstory.loads(text),
                "webstory.dumps": lambda story=story: webstory.dumps(story),
            }
        )
        print(table(samples, "regex-only split [floor]", f"web-story, {name}"))
        print()

    print("### Linear growth: one story whose body grows to 10 MB\n")
    print("| input | parse time | µs per KB |")
    print("|---|---|---|")
    paragraph = "A line of body text that repeats, with “quotes” and dashes — to fill the story. " * 4
    for megabytes in (1, 2, 5, 10):
        count = megabytes * 1_000_000 // (len(paragraph.encode()) + 1)
        text = "Big story\nby baz Friday, Dec 22 2017, 2:02am\nintl /\nprose /\npost\n" + "\n".join(
            f"{index} {paragraph}" for index in range(count)
        )
        start = time.perf_counter()
        webstory.loads(text)
        elapsed = time.perf_counter() - start
        print(
            f"| {len(text.encode()) / 1e6:.1f} MB, {count:,} paragraphs | {elapsed * 1000:.0f} ms "
            f"| {elapsed * 1e6 / (len(text.encode()) / 1000):.1f} |"
        )
    print()
    print("### Linear growth: a 10 MB line that almost looks like a byline (no backtracking blow-up)\n")
    print("| input | parse time (ParseError) |")
    print("|---|---|")
    for megabytes in (1, 10):
        text = "Headline\nby " + "Friday, Dec 22 2017, 2:02a " * (megabytes * 1_000_000 // 27) + "m"
        start = time.perf_counter()
        try:
            webstory.loads(text)
        except Exception as exc:
            kind = type(exc).__name__
        print(f"| {len(text) / 1e6:.1f} MB | {(time.perf_counter() - start) * 1000:.0f} ms ({kind}) |")


if __name__ == "__main__":
    main()
