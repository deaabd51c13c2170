"""ninjs dumps and loads per story, against newsitem's canonical JSON (the reference).

Run: ``python benchmarks/bench_ninjs.py``. Same 600-word story as bench_json.py,
reduced to what stock ninjs carries.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _harness import bench, table
from bench_json import sample_story
from newsitem.formats import json as njson
from newsitem.formats import ninjs


def main() -> None:
    story = ninjs.carried(sample_story())
    as_json = njson.dumps(story)
    as_ninjs = ninjs.dumps(story)
    sizes = f"{len(as_json.encode()):,} bytes as newsitem JSON, {len(as_ninjs.encode()):,} as ninjs 3.1"
    print(f"story: {sizes}\n")
    dumps = bench(
        {
            "newsitem JSON dumps [reference]": lambda: njson.dumps(story),
            "ninjs 3.1 dumps": lambda: ninjs.dumps(story),
            "ninjs 2.2 dumps": lambda: ninjs.dumps(story, version="2.2"),
        }
    )
    print(table(dumps, "newsitem JSON dumps [reference]", "dumps: Story -> text"))
    print()
    loads = bench(
        {
            "newsitem JSON loads [reference]": lambda: njson.loads(as_json),
            "ninjs 3.1 loads": lambda: ninjs.loads(as_ninjs),
        }
    )
    print(table(loads, "newsitem JSON loads [reference]", "loads: text -> Story"))


if __name__ == "__main__":
    main()
