"""Where a value was read in a NewsML-G2 document: its path and its line, for errors and notes."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from lxml import etree

from newsitem.errors import Problem, ValidationError
from newsitem.formats.newsmlg2._names import NAME


def line_of(element: etree._Element) -> int | None:
    """The element's 1-based line in the document (None when lxml does not know it)."""
    line: int | None = getattr(element, "sourceline", None)  # lxml-stubs types it as "..."
    return line


def split_tag(element: etree._Element) -> tuple[str | None, str]:
    """The element's namespace (None when it has none) and local name. Split here rather
    than by ``etree.QName``, which refuses a namespace that itself holds ``{`` or ``}``
    (any URI string is a namespace name to the parser)."""
    tag = str(element.tag)
    if tag.startswith("{"):
        namespace, _, local = tag[1:].rpartition("}")
        return namespace, local
    return None, tag


_STEPS = threading.local()


@contextmanager
def reading() -> Iterator[None]:
    """While a document is read (its tree does not change), each parent's children are
    counted once for every path below it: counting them for each path was quadratic in a
    parent with many children that each have a path (thousands of refused links)."""
    saved = getattr(_STEPS, "cache", None), getattr(_STEPS, "paths", None)
    _STEPS.cache, _STEPS.paths = {}, {}
    try:
        yield
    finally:
        _STEPS.cache, _STEPS.paths = saved


def _steps(parent: etree._Element) -> dict[etree._Element, str]:
    """The step of each element child of ``parent``: its local name, with a 1-based position
    where siblings share the name."""
    children = [child for child in parent if child.tag.__class__ is str]  # no comments, PIs
    counts: dict[str, int] = {}
    for child in children:
        counts[child.tag] = counts.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    locals_: dict[str, str] = {}  # each tag's local name, split once
    steps: dict[etree._Element, str] = {}
    for child in children:
        tag: str = child.tag
        local = locals_.get(tag)
        if local is None:
            local = locals_[tag] = split_tag(child)[1]
        if counts[tag] == 1:
            steps[child] = local
        else:
            seen[tag] = number = seen.get(tag, 0) + 1
            steps[child] = f"{local}[{number}]"
    return steps


def _step(element: etree._Element) -> str:
    parent = element.getparent()
    if parent is None:
        return split_tag(element)[1]
    cache: dict[etree._Element, dict[etree._Element, str]] | None = getattr(_STEPS, "cache", None)
    if cache is None:
        return _steps(parent)[element]
    steps = cache.get(parent)
    if steps is None:
        steps = cache[parent] = _steps(parent)
    return steps[element]


def path(
    element: etree._Element, attribute: str | None = None, *, below: etree._Element | None = None
) -> str:
    """The XPath-like path of ``element`` (``newsItem/itemMeta/link[2]/@href``): local names,
    a 1-based position where siblings share the name; relative to ``below`` when given.
    While a document is read (:func:`reading`), each element's path is built once (a NITF
    head keeps each attribute of an element in extras under its path)."""
    paths: dict[tuple[etree._Element, etree._Element | None], str] | None = getattr(_STEPS, "paths", None)
    cached = None if paths is None else paths.get((element, below))
    found = _path(element, below) if cached is None else cached
    if paths is not None and cached is None:
        paths[element, below] = found
    if attribute is None:
        return found
    return f"{found}/@{attribute}" if found else f"@{attribute}"


def _path(element: etree._Element, below: etree._Element | None) -> str:
    steps: list[str] = []
    node: etree._Element | None = element
    while node is not None and node is not below:
        steps.append(_step(node))
        node = node.getparent()
    return "/".join(reversed(steps))


def located(error: ValidationError, element: etree._Element, attribute: str | None = None) -> ValidationError:
    """``error`` placed at ``element`` (its document path and line) in a NewsML-G2 document."""
    return error.located(format=NAME, where=path(element, attribute), line=line_of(element))


def refused(
    model_path: str,
    message: str,
    element: etree._Element,
    attribute: str | None = None,
    *,
    missing: str | None = None,
) -> ValidationError:
    """A ValidationError for a rule a document breaks, placed at ``element`` (or at its
    ``missing`` child, which the document lacks)."""
    where = path(element, attribute) if missing is None else f"{path(element)}/{missing}"
    problem = Problem(model_path, message, where=where, line=line_of(element))
    return ValidationError([problem], format=NAME)
