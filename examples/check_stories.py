"""Read stories in any known layout, validate them, and report: the example job of the README.

Usage: python examples/check_stories.py FILE...

Each file's layout is detected (newsitem.detect), the story is read into the
model (which validates every field), written as canonical JSON and read back.
One line per file; exit status 1 if any file failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import newsitem


def check(path: Path) -> bool:
    data = path.read_bytes()
    try:
        layout = newsitem.detect(data).layout
        story = newsitem.parse(data, layout=layout)
    except newsitem.NewsItemError as exc:
        print(f"FAIL {path}: {exc}")
        return False
    again = newsitem.loads(newsitem.dumps(story))
    published = story.published.isoformat() if story.published else "n/a"
    people = ", ".join(b.name for b in story.bylines) or "nobody"
    print(
        f"ok   {path} ({layout}): {story.headline!r} by {people}; "
        f"{len(story.body)} paragraphs, published {published}; "
        f"JSON round trip {'exact' if again == story else 'BROKEN'}"
    )
    return again == story


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    results = [check(Path(arg)) for arg in argv]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
