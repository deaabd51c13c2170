"""The package's shape: docs/architecture.md's tree matches src/newsitem, and its import rules hold."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "newsitem"
ARCHITECTURE = ROOT / "docs" / "architecture.md"
MODEL = {"newsitem.model", "newsitem._rules", "newsitem.errors", "newsitem.dates", "newsitem.notes"}


class Import(NamedTuple):
    """One newsitem module (or a name in one) that a source file imports."""

    file: str
    line: int
    module: str
    name: str | None  # the name imported from ``module``, when it is not itself a module

    def __str__(self) -> str:
        what = f"from {self.module} import {self.name}" if self.name else f"import {self.module}"
        return f"{self.file}:{self.line}: {what}"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(dotted: str) -> bool:
    base = PACKAGE.parent.joinpath(*dotted.split("."))
    return base.with_suffix(".py").is_file() or base.is_dir()


def _imports(path: Path) -> Iterator[Import]:
    """Every import of a newsitem module in ``path``, lazy and type-checking ones included."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    rel = str(path.relative_to(ROOT))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "newsitem":
                    yield Import(rel, node.lineno, alias.name, None)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            if source.split(".")[0] != "newsitem":
                continue
            for alias in node.names:
                dotted = f"{source}.{alias.name}"
                if _is_module(dotted):
                    yield Import(rel, node.lineno, dotted, None)
                else:
                    yield Import(rel, node.lineno, source, alias.name)


def _all_imports(*parts: str) -> list[Import]:
    files = sorted(PACKAGE.joinpath(*parts).rglob("*.py")) if parts else sorted(PACKAGE.rglob("*.py"))
    return [imp for path in files for imp in _imports(path)]


def _is_private(dotted: str) -> bool:
    return any(part.startswith("_") and part != "__init__" for part in dotted.split("."))


def _under(dotted: str, package: str) -> bool:
    return dotted == package or dotted.startswith(package + ".")


def test_batch_and_cli_use_no_private_part_of_formats() -> None:
    """Nothing under batch/ or cli/ imports a private module of formats/, or a private name from one."""
    offenders = [
        str(imp)
        for part in ("batch", "cli")
        for imp in _all_imports(part)
        if _under(imp.module, "newsitem.formats")
        and (_is_private(imp.module) or (imp.name is not None and imp.name.startswith("_")))
    ]
    assert offenders == []


def test_formats_import_neither_batch_nor_cli() -> None:
    """No module under formats/ imports newsitem.batch or newsitem.cli."""
    offenders = [
        str(imp)
        for imp in _all_imports("formats")
        if _under(imp.module, "newsitem.batch") or _under(imp.module, "newsitem.cli")
    ]
    assert offenders == []


def test_the_model_imports_no_format() -> None:
    """The model's modules import only each other: no format, batch, command line or front door."""
    files = [PACKAGE.parent.joinpath(*name.split(".")).with_suffix(".py") for name in sorted(MODEL)]
    offenders = [str(imp) for path in files for imp in _imports(path) if imp.module not in MODEL]
    assert offenders == []


def test_the_import_scanner_sees_every_kind_of_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scanner reports absolute, relative, lazy and type-checking imports, and private names, with their lines."""
    package = tmp_path / "newsitem"
    (package / "formats" / "layouts").mkdir(parents=True)
    (package / "formats" / "layouts" / "_draft.py").write_text("")
    (package / "formats" / "json.py").write_text("")
    (package / "cli").mkdir()
    (package / "cli" / "x.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "import newsitem.formats._contract\n"
        "from ..formats.layouts import _draft\n"
        "from newsitem.formats.json import _document\n"
        "if TYPE_CHECKING:\n"
        "    from newsitem.formats import json\n"
        "def f():\n"
        "    from . import y\n"
    )
    monkeypatch.setitem(globals(), "PACKAGE", package)
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    found = [str(imp) for imp in _imports(package / "cli" / "x.py")]
    assert found == [
        "newsitem/cli/x.py:2: import newsitem.formats._contract",
        "newsitem/cli/x.py:3: import newsitem.formats.layouts._draft",
        "newsitem/cli/x.py:4: from newsitem.formats.json import _document",
        "newsitem/cli/x.py:6: import newsitem.formats.json",
        "newsitem/cli/x.py:8: from newsitem.cli import y",
    ]


def _tree() -> list[str]:
    """The paths (relative to src/newsitem, directories ending in /) that docs/architecture.md's tree lists."""
    text = ARCHITECTURE.read_text(encoding="utf-8")
    block = re.search(r"^```text\nsrc/newsitem/\n(.*?)^```", text, re.MULTILINE | re.DOTALL)
    assert block is not None, "docs/architecture.md has no ```text block starting with src/newsitem/"
    paths: list[str] = []
    stack: list[str] = []
    for number, line in enumerate(block.group(1).splitlines(), start=2):
        indent = len(line) - len(line.lstrip(" "))
        name = line.split()[0]
        depth, odd = divmod(indent, 2)
        assert not odd and 1 <= depth <= len(stack) + 1, (
            f"tree line {number} is not indented by two spaces a level"
        )
        del stack[depth - 1 :]
        paths.append("".join(stack) + name)
        if name.endswith("/"):
            stack.append(name)
    return paths


def test_the_architecture_page_lists_every_module() -> None:
    """docs/architecture.md's tree names every .py file under src/newsitem, and no file that is not there."""
    listed = {path for path in _tree() if not path.endswith("/")}
    present = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    assert sorted(present - listed) == [], "modules missing from docs/architecture.md"
    assert sorted(listed - present) == [], "docs/architecture.md lists modules that do not exist"


def test_every_public_module_has_an_api_page() -> None:
    """Every public module under src/newsitem has its page under docs/api/, and every page there a module."""
    modules = {_module_name(path) for path in PACKAGE.rglob("*.py") if not _is_private(_module_name(path))}
    pages = {page.stem for page in (ROOT / "docs" / "api").glob("newsitem*.md")}
    assert sorted(modules - pages) == [], "public modules without an API page"
    assert sorted(pages - modules) == [], "API pages of modules that do not exist"


_PAGE_MENTION = re.compile(r"docs page\s+``([^`]+)``|:doc:`(?:[^`<]*<)?([^`>]+)>?`")


def _broken_page_mentions() -> set[tuple[str, str]]:
    """(file, page) for each docs page a source file names that docs/ does not have."""
    broken = set()
    for path in PACKAGE.rglob("*.py"):
        for match in _PAGE_MENTION.finditer(path.read_text(encoding="utf-8")):
            page = (match.group(1) or match.group(2)).strip("/")
            if not (ROOT / "docs" / f"{page}.md").is_file():
                broken.add((path.relative_to(PACKAGE).as_posix(), page))
    return broken


def test_docstrings_name_only_docs_pages_that_exist() -> None:
    """Every docs page a docstring names (``docs page ``X`` `` or :doc:) exists under docs/."""
    assert sorted(_broken_page_mentions()) == []
