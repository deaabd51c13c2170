"""Where a value was read in a NewsML-G2 document: its path and its line, for errors and notes."""

from __future__ import annotations

from lxml import etree

from newsitem.errors import Problem, ValidationError
from newsitem.formats.newsmlg2._names import NAME


def line_of(element: etree._Element) -> int | None:
    """The element's 1-based line in the document (None when lxml does not know it)."""
    line: int | None = getattr(element, "sourceline", None)  # lxml-stubs types it as "..."
    return line


def _step(element: etree._Element) -> str:
    local = etree.QName(element).localname
    parent = element.getparent()
    if parent is None:
        return local
    same = [child for child in parent if child.tag == element.tag]
    return local if len(same) == 1 else f"{local}[{same.index(element) + 1}]"


def path(
    element: etree._Element, attribute: str | None = None, *, below: etree._Element | None = None
) -> str:
    """The XPath-like path of ``element`` (``newsItem/itemMeta/link[2]/@href``): local names,
    a 1-based position where siblings share the name; relative to ``below`` when given."""
    steps: list[str] = []
    node: etree._Element | None = element
    while node is not None and node is not below:
        steps.append(_step(node))
        node = node.getparent()
    if attribute is not None:
        return "/".join([*reversed(steps), "@" + attribute])
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
