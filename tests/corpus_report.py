"""Per corpus folder: files read / refused / failed, fields right / checked, each wrong field.

Run from the checkout: ``python -m tests.corpus_report`` (``--markdown`` writes the
wrong fields as a Markdown table, as /work/brief/fields-mismatch.md shows them).
Files with a full expected story (``*.expected.json``) count as read with their
fields all right when they still read to it; field-check files are run by
:mod:`tests.corpus_fields`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import newsitem
from newsitem.errors import NewsItemError

from . import corpus_fields as cf
from .conftest import DATA


def _expected_files(folder: str) -> list[tuple[str, bool]]:
    """(name, same) for each corpus file with a full expected story."""
    results: list[tuple[str, bool]] = []
    corpus = cf.CORPUS / folder
    for path in sorted((DATA / folder).glob("*.expected.json")):
        stem = path.name.removesuffix(".expected.json")
        sources = [p for p in corpus.glob(f"{stem}.*") if p.is_file()]
        if not sources or not cf.registered(folder):
            continue
        try:
            ok = newsitem.load(sources[0], format=folder) == newsitem.load(path)
        except NewsItemError:
            ok = False
        results.append((sources[0].name, ok))
    return results


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 160 else text[:157] + "..."


def main(argv: Sequence[str] | None = None) -> int:
    """Print the report; return 0."""
    args = list(sys.argv[1:] if argv is None else argv)
    markdown = "--markdown" in args
    results = list(cf.outcomes())
    wrong_lines: list[str] = []
    for folder in cf.FOLDERS:
        mine = [o for o in results if o.check.folder == folder]
        read = sum(o.status == "read" for o in mine)
        refused = sum(o.status == "refused" for o in mine)
        failed = [o for o in mine if o.status == "failed"]
        right = sum(o.right for o in mine)
        checked = sum(o.checked for o in mine if o.check.refused is None)
        whole = _expected_files(folder)
        whole_ok = sum(ok for _, ok in whole)
        print(
            f"{folder}: field checks {len(mine)}: read {read} / refused {refused} / failed {len(failed)};"
            f" fields right {right} / checked {checked}"
            f"; expected.json files {whole_ok} / {len(whole)} equal"
        )
        for o in failed:
            wrong_lines.append(
                f"| {o.check.source} | (whole file) | {_short(o.check.refused or 'a story')} "
                f"| {_short(o.error)} |"
            )
        for o in mine:
            for name, (exp, got) in o.wrong.items():
                mark = " (marked wrong)" if name in o.check.wrong else ""
                wrong_lines.append(f"| {o.check.source} | {name}{mark} | {_short(exp)} | {_short(got)} |")
        for name, ok in whole:
            if not ok:
                wrong_lines.append(f"| {folder}/{name} | (expected.json) | equal | differs |")
    print()
    if markdown:
        print("| file | field | expected | got |\n| --- | --- | --- | --- |")
    for line in wrong_lines:
        print(line if markdown else "  " + line.strip("| ").replace(" | ", "  |  "))
    return 0


if __name__ == "__main__":
    sys.exit(main())
