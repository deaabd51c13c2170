"""Wall time of `newsitem validate`: one file, and a folder of 10,000 small files, against
check-jsonschema (the same ninjs documents against the IPTC ninjs 3.1 schema) and yamllint (the
same documents written as YAML), each run as a fresh command, as CI runs it. Reported, not asserted.

    .venv/bin/python benchmarks/bench_validate.py [--files 10000] [--runs 10] [--jobs 2]

A run is timed like hyperfine does it: one warm-up run, then ``--runs`` runs, min / median / max
wall. Python's bytecode is cached for the timed runs (as after ``pip install``; the shell this
project runs in sets PYTHONDONTWRITEBYTECODE, which makes every run compile every module: that
figure is printed too). The tools to compare with are optional: install them into the venv with
``.venv/bin/pip install check-jsonschema yamllint``; one that is missing is skipped with the reason.
``-X importtime`` of the one-file run lists the modules that cost most (cumulative).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NINJS_SCHEMA = ROOT.parent / "shared" / "schemas" / "ninjs" / "ninjs-schema_3.1.json"
BIN = Path(sys.executable).parent


def _document(n: int) -> dict[str, object]:
    """A small ninjs 3.1 text item (about 600 bytes), valid against the IPTC schema."""
    return {
        "standard": {
            "name": "ninjs",
            "version": "3.1",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json",
        },
        "uri": f"urn:newsitem:bench:{n}",
        "type": "text",
        "language": "en",
        "versionCreated": "2024-05-01T10:00:00Z",
        "headlines": [{"value": f"Pay talks resume for the {n}th time"}],
        "by": "Ana Lima",
        "bodies": [
            {
                "role": "text",
                "contentType": "text/plain",
                "value": "Talks between the union and the employers resumed on Monday.\n\n"
                "Both sides said they expected an agreement before the end of the week.",
            }
        ],
    }


def _yaml(doc: object, indent: str = "") -> str:
    """``doc`` as block YAML (enough for these documents: dicts, lists, strings)."""
    lines: list[str] = []
    if isinstance(doc, dict):
        for key, value in doc.items():
            if isinstance(value, (dict, list)):
                lines.append(f"{indent}{key}:")
                lines.append(_yaml(value, indent + "  "))
            else:
                lines.append(f"{indent}{key}: {json.dumps(value)}")
    elif isinstance(doc, list):
        for item in doc:
            body = _yaml(item, indent + "  ").lstrip()
            lines.append(f"{indent}- {body}")
    return "\n".join(lines)


def _write_inputs(folder: Path, count: int) -> None:
    (folder / "one").mkdir()
    (folder / "many-json").mkdir()
    (folder / "many-yaml").mkdir()
    (folder / "one" / "story.json").write_text(json.dumps(_document(0), indent=2), "utf-8")
    (folder / "one" / "story.yaml").write_text("---\n" + _yaml(_document(0)) + "\n", "utf-8")
    for n in range(count):
        sub = f"{n // 1000:02d}"
        for kind in ("many-json", "many-yaml"):
            (folder / kind / sub).mkdir(exist_ok=True)
        doc = _document(n)
        (folder / "many-json" / sub / f"story-{n:05d}.json").write_text(json.dumps(doc, indent=2), "utf-8")
        (folder / "many-yaml" / sub / f"story-{n:05d}.yaml").write_text("---\n" + _yaml(doc) + "\n", "utf-8")


def _environment(cached: bool, cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    if cached:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def _time(argv: Sequence[str], runs: int, env: dict[str, str], cwd: Path) -> tuple[list[float], int]:
    """Wall seconds of ``runs`` runs after one warm-up run, and the exit status."""
    status = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False).returncode  # noqa: S603
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False)  # noqa: S603
        samples.append(time.perf_counter() - start)
    return samples, status


def _row(name: str, samples: list[float], status: int) -> str:
    ms = [s * 1000 for s in samples]
    return (
        f"| {name} | {min(ms):,.0f} | {statistics.median(ms):,.0f} | {max(ms):,.0f} | {len(ms)} | {status} |"
    )


def _tool(name: str) -> str | None:
    found = BIN / name
    if found.is_file():
        return str(found)
    return shutil.which(name)


def _cases(folder: Path, many: bool, jobs: int) -> list[tuple[str, list[str] | str]]:
    """(name, argv, or the reason the case is skipped)."""
    newsitem = [sys.executable, "-m", "newsitem", "validate", "--isolated", "--quiet"]
    check = _tool("check-jsonschema")
    yamllint = _tool("yamllint")
    if many:
        json_files = sorted(str(p) for p in (folder / "many-json").rglob("*.json"))
        cases: list[tuple[str, list[str] | str]] = [
            ("newsitem validate DIR (-j 1)", [*newsitem, "-j", "1", str(folder / "many-json")]),
            (f"newsitem validate DIR (-j {jobs})", [*newsitem, "-j", str(jobs), str(folder / "many-json")]),
        ]
    else:
        json_files = [str(folder / "one" / "story.json")]
        cases = [("newsitem validate FILE", [*newsitem, json_files[0]])]
    if check is None:
        cases.append(("check-jsonschema", "not installed (.venv/bin/pip install check-jsonschema)"))
    elif not NINJS_SCHEMA.is_file():
        cases.append(("check-jsonschema", f"no schema at {NINJS_SCHEMA}"))
    else:
        cases.append(
            ("check-jsonschema (ninjs 3.1 schema)", [check, "--schemafile", str(NINJS_SCHEMA), *json_files])
        )
    if yamllint is None:
        cases.append(("yamllint", "not installed (.venv/bin/pip install yamllint)"))
    else:
        target = str(folder / "many-yaml") if many else str(folder / "one" / "story.yaml")
        cases.append(("yamllint", [yamllint, "-d", "relaxed", target]))
    return cases


def _table(title: str, folder: Path, *, many: bool, runs: int, jobs: int, env: dict[str, str]) -> None:
    print(f"\n### {title}\n")
    print("| command | min ms | median ms | max ms | runs | exit |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, argv in _cases(folder, many, jobs):
        if isinstance(argv, str):
            print(f"| {name} | skipped: {argv} | | | | |")
            continue
        samples, status = _time(argv, runs, env, folder)
        print(_row(name, samples, status))


def _importtime(file: Path, env: dict[str, str], top: int = 15) -> None:
    """The modules that cost most to import in one `validate FILE`, cumulative microseconds."""
    argv = [
        sys.executable,
        "-X",
        "importtime",
        "-m",
        "newsitem",
        "validate",
        "--isolated",
        "--quiet",
        str(file),
    ]
    subprocess.run(argv, env=env, capture_output=True, check=False)  # noqa: S603 (bytecode written)
    stderr = subprocess.run(argv, env=env, capture_output=True, text=True, check=False).stderr  # noqa: S603
    rows = []
    for line in stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    print(f"\n### -X importtime, one file: the {top} largest cumulative imports\n")
    print("```")
    for cumulative, name in sorted(rows, reverse=True)[:top]:
        print(f"{cumulative / 1000:8.1f} ms  {name}")
    print(f"{len(rows)} modules imported")
    print("```")


def main(argv: Sequence[str] | None = None) -> None:
    """Write the inputs in a temporary folder, time each command, print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=10_000, help="files in the large folder")
    parser.add_argument("--runs", type=int, default=10, help="timed runs of the one-file commands")
    parser.add_argument("--many-runs", type=int, default=2, help="timed runs of the large-folder commands")
    parser.add_argument("--jobs", type=int, default=2, help="-j for newsitem's second large-folder run")
    parser.add_argument("--one-only", action="store_true", help="time the one-file commands only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        folder = Path(tmp)
        _write_inputs(folder, 0 if args.one_only else args.files)
        cached = _environment(True, folder / "pycache")
        print(f"## newsitem validate: wall time (Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")
        uncached = _environment(False, folder / "pycache")
        _table("One file, bytecode cached", folder, many=False, runs=args.runs, jobs=args.jobs, env=cached)
        title = "One file, no bytecode cache for newsitem (PYTHONDONTWRITEBYTECODE=1, an editable install)"
        _table(title, folder, many=False, runs=args.runs, jobs=args.jobs, env=uncached)
        if not args.one_only:
            title = f"{args.files:,} files, bytecode cached"
            _table(title, folder, many=True, runs=args.many_runs, jobs=args.jobs, env=cached)
        _importtime(folder / "one" / "story.json", cached)


if __name__ == "__main__":
    main()
