"""Per corpus folder: files read / refused / failed, fields right / checked, each wrong field.

Run from the checkout: ``python -m tests.corpus_report`` (``--markdown`` writes the
wrong fields as a Markdown table, as /work/brief/fields-mismatch.md shows them).
Files with a full expected story (``*.expected.json``) count as read with their
fields all right when they still read to it; field-check files are run by
:mod:`tests.corpus_fields`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

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


def _non_stories(folder: str) -> dict[str, str]:
    """Corpus files known to hold no text story (stem -> what reading one says)."""
    if folder != "newsml-g2":
        return {}
    from .test_newsmlg2 import NOT_STORIES  # the NewsML-G2 tests own that list

    return dict(NOT_STORIES)


def _status(path: Path, folder: str, checked: dict[str, str], refusals: dict[str, str]) -> str:
    """read / refused / failed for one corpus file: a field check's outcome, else reading it whole."""
    if path.name in checked:
        return checked[path.name]
    try:
        newsitem.load(path, format=folder)
    except NewsItemError as exc:
        expected = refusals.get(path.stem)
        return "refused" if expected is not None and re.search(expected, str(exc)) else "failed"
    return "failed" if path.stem in refusals else "read"


def folder_totals(folder: str, results: list[cf.Outcome]) -> tuple[int, int, int, int]:
    """Every file of the corpus folder: (files, read, refused, failed)."""
    corpus = cf.CORPUS / folder
    if not corpus.exists() or not cf.registered(folder):
        return (0, 0, 0, 0)
    checked = {Path(o.check.source).name: o.status for o in results if o.check.folder == folder}
    refusals = _non_stories(folder)
    statuses = [_status(p, folder, checked, refusals) for p in sorted(corpus.iterdir()) if p.is_file()]
    return (len(statuses), statuses.count("read"), statuses.count("refused"), statuses.count("failed"))


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
        files, all_read, all_refused, all_failed = folder_totals(folder, results)
        print(f"  all {files} files: read {all_read} / refused {all_refused} / failed {all_failed}")
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
