"""Every test says what it proves: a docstring of one sentence on each test function and method."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent

# Files whose tests still lack one-sentence docstrings (counted at the time of writing):
# their owners finish them, then remove the file from this set. The check below fails
# both ways: a file not listed must be clean, and a listed file that became clean must leave.
PENDING: frozenset[str] = frozenset()


def _tests(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    """The test functions of a module and the test methods of its test classes."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test"):
            yield node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for member in node.body:
                if isinstance(member, ast.FunctionDef | ast.AsyncFunctionDef) and member.name.startswith(
                    "test"
                ):
                    yield member


def _fault(docstring: str | None) -> str | None:
    """What is wrong with a test's docstring, or None."""
    if docstring is None or not docstring.strip():
        return "no docstring"
    text = docstring.strip()
    if any(not line.strip() for line in text.splitlines()):
        return "a blank line inside (more than one paragraph)"
    if not text.endswith("."):
        return "does not end with a period"
    return None


def offenders(root: Path = TESTS) -> list[str]:
    """``file:line: test: fault`` for every test under ``root`` whose docstring is not one sentence."""
    found = []
    for path in sorted(root.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for test in _tests(tree):
            fault = _fault(ast.get_docstring(test))
            if fault:
                found.append(f"{path.relative_to(root).as_posix()}:{test.lineno}: {test.name}: {fault}")
    return found


def test_every_test_has_a_one_sentence_docstring() -> None:
    """Every test function and method under tests/ has a docstring that is one sentence ending in a period."""
    assert [line for line in offenders() if line.split(":")[0] not in PENDING] == []


def test_pending_files_are_still_pending() -> None:
    """Each file in PENDING still has an offender, so the set only ever shrinks."""
    done = sorted(PENDING - {line.split(":")[0] for line in offenders()})
    assert done == [], "these files are clean now: remove them from PENDING in tests/test_docstrings.py"


def test_the_check_finds_each_fault(tmp_path: Path) -> None:
    """A missing docstring, a blank line inside one and a missing period are each reported with their line."""
    (tmp_path / "test_sample.py").write_text(
        "def test_fine():\n"
        '    """Proves a thing."""\n'
        "def test_bare():\n"
        "    pass\n"
        "class TestGroup:\n"
        "    def test_two_paragraphs(self):\n"
        '        """Proves a thing.\n\n        And more."""\n'
        "    async def test_no_period(self):\n"
        '        """Proves a thing"""\n'
        "def helper():\n"
        "    pass\n"
    )
    assert offenders(tmp_path) == [
        "test_sample.py:3: test_bare: no docstring",
        "test_sample.py:6: test_two_paragraphs: a blank line inside (more than one paragraph)",
        "test_sample.py:10: test_no_period: does not end with a period",
    ]
