"""Wire layouts: parse time per story on the corpus files, against the web-story parser.

Run: ``python benchmarks/bench_wire.py``. Needs the shared corpus beside the
project (``../shared/corpus``). The floor is the web-story parser on the seed
story (issue 4 asks for the ratio against it); for reference, issue 4 quotes
superdesk at about 45 µs per item for its generic ANPA and IPTC 7901 parsers
and 6-7 ms for its AP and dpa variants on this machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import attrs

from _harness import bench, table
from newsitem import Paragraph, Story
from newsitem.formats.layouts import agency, anpa, email, iptc7901, webstory

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DATA = Path(__file__).resolve().parents[1] / "tests" / "data"


def _name(module: object) -> str:
    """The layout a module reads, as the registry names it (``anpa``, ``agency-copy``)."""
    return {"agency": "agency-copy", "webstory": "web-story"}.get(
        module.__name__.rsplit(".", 1)[-1],
        module.__name__.rsplit(".", 1)[-1],  # type: ignore[attr-defined]
    )


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"needs the shared corpus at {CORPUS}")
    seed = (CORPUS / "web-story" / "russia-syria.txt").read_bytes()
    cases = {"web-story parse (seed)": lambda: webstory.loads(seed)}
    inputs = [
        (anpa, CORPUS / "anpa" / "anpa-1.tst"),
        (anpa, CORPUS / "anpa" / "ap_anpa-1.tst"),
        (anpa, CORPUS / "anpa" / "ap_anpa-2.tst"),
        (iptc7901, CORPUS / "iptc7901" / "IPTC7901.txt"),
        (iptc7901, CORPUS / "iptc7901" / "dpa_four_line.txt"),
        (email, CORPUS / "email" / "simple_email.txt"),
        (email, CORPUS / "email" / "odd_charset_email.txt"),
        (agency, DATA / "agency-copy" / "ac01-ap-em-dash.txt"),
        (agency, DATA / "agency-copy" / "ac02-reuters-update.txt"),
    ]
    for module, path in inputs:
        data = path.read_bytes()
        cases[f"{_name(module)} parse {path.name} ({len(data) // 1024 + 1} KiB)"] = lambda m=module, d=data: (
            m.loads(d)
        )
    # Reference rows: the validated Story alone, built from parts cut beforehand (the model's share).
    for module, path in (inputs[0], inputs[4]):
        story = module.loads(path.read_bytes())
        parts = {field.name: getattr(story, field.name) for field in attrs.fields(Story)}
        texts = [paragraph.text for paragraph in story.body]
        extras = list(story.extras.items())
        cases[f"(model only: Story from cut parts of {path.name})"] = lambda p=parts, t=texts, e=extras: (
            Story(**{**p, "body": [Paragraph.plain(x) for x in t], "extras": e})
        )
    title = "Parse per story (µs) and ratio to the web-story parser"
    print(table(bench(cases), "web-story parse (seed)", title))
    writers = {}
    for module, path in inputs[:1] + inputs[3:4] + inputs[6:7]:
        story = module.loads(path.read_bytes())
        writers[f"{_name(module)} dumps {path.name}"] = lambda m=module, s=story: m.dumps(s, lossy=True)
    seed_story = webstory.loads(seed)
    writers = {"web-story dumps (seed)": lambda: webstory.dumps(seed_story), **writers}
    print()
    print(
        table(
            bench(writers), "web-story dumps (seed)", "Write per story (µs) and ratio to the web-story writer"
        )
    )


if __name__ == "__main__":
    main()
