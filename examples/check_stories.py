"""Read newsitem JSON stories, validate them, and report: the example job of the README.

Usage: python examples/check_stories.py FILE...

Each file is read with newsitem.load (which validates every field), written
back as canonical JSON, and compared with the original. One line per file;
exit status 1 if any file failed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import newsitem


def check(path: Path) -> bool:
    try:
        story = newsitem.load(path)
    except newsitem.NewsItemError as exc:
        print(f"FAIL {exc}")
        return False
    again = newsitem.loads(newsitem.dumps(story))
    canonical = newsitem.dumps(story, indent=2) + "\n" == path.read_text("utf-8")
    published = story.published.isoformat() if story.published else "n/a"
    print(
        f"ok   {path}: {story.headline!r} by {', '.join(b.name for b in story.bylines) or 'nobody'}; "
        f"{len(story.body)} paragraphs, published {published}; "
        f"round trip {'exact' if again == story else 'BROKEN'}; "
        f"{'canonical' if canonical else 'not in canonical form'}"
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
