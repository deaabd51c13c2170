"""Sphinx configuration for newsitem's documentation."""

from importlib import import_module
from importlib.metadata import version as _version
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.ext import napoleon

if TYPE_CHECKING:
    from docutils.nodes import Element
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

project = "newsitem"
author = "newsitem developers"
copyright = "2026, newsitem developers"
release = _version("newsitem")

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.intersphinx",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_inventories"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
napoleon_numpy_docstring = False  # Google style only: a NumPy pass would re-read what Google reads
autosummary_generate = False  # the front door's tables link to the module pages; no stub pages

# intersphinx: links to Python, attrs, cattrs and lxml. The build has no network beyond
# package registries (CI neither), so Sphinx cannot download each project's objects.inv
# and a plain mapping would fail under -W. The inventories are committed instead, under
# docs/_inventories/, each copied byte for byte from a Debian documentation package
# (provenance, versions and checksums in docs/_inventories/SOURCES.txt), and each is paired
# with the online docs of the version it indexes, so every link lands on a page that has
# the anchor. No installed Python package ships these inventories, and installing the
# Debian packages at build time would break the README's docs command on a fresh clone.
_INVENTORIES = Path(__file__).parent / "_inventories"
intersphinx_mapping = {
    "python": ("https://docs.python.org/3.11/", str(_INVENTORIES / "python-3.11.inv")),
    "attrs": ("https://www.attrs.org/en/22.2.0/", str(_INVENTORIES / "attrs-22.2.inv")),
    "cattrs": ("https://catt.rs/en/v22.2.0/", str(_INVENTORIES / "cattrs-22.2.0.inv")),
    "lxml": ("https://lxml.de/apidoc/", str(_INVENTORIES / "lxml-4.9.2.inv")),
}

html_theme = "alabaster"
html_title = "newsitem"

# The front door re-exports the model, the errors, the notes and Detection: ``newsitem.Story``
# is the name people write, but each class is documented once, on the API page of the module
# it lives in (``newsitem.model.Story``). Documenting it under both names would make every
# short reference (``Story``, ``ParseError`` in a Raises section) ambiguous, so a reference to
# ``newsitem.X`` that has no target of its own is resolved to X's home module instead.
_HOMES = ("newsitem.model", "newsitem.errors", "newsitem.notes", "newsitem.formats")


def _front_door_reference(app: Sphinx, env: BuildEnvironment, node: Element, contnode: Element) -> Any:
    target = node.get("reftarget", "")
    if node.get("refdomain") != "py" or not target.startswith("newsitem."):
        return None
    name = target.removeprefix("newsitem.")  # Story, or Story.extras
    for home in _HOMES:
        if name.partition(".")[0] in import_module(home).__all__:
            domain = env.get_domain("py")
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], f"{home}.{name}", node, contnode
            )
    return None


# Napoleon reads an attribute's (or property's) docstring "Where the story was first
# published: the publication or agency." as "type: description", and would print the
# first half as the attribute's type. Our types come from annotations, never from
# docstrings, so napoleon's handler is replaced by one that leaves attributes, data and
# properties alone (their docstrings are plain sentences) and converts everything else.
_NAPOLEON = getattr(napoleon, "_process_docstring", None)


def _napoleon_except_attributes(  # noqa: PLR0917 - the signature of Sphinx's event
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    if _NAPOLEON is not None and what not in {"attribute", "data", "property"}:
        _NAPOLEON(app, what, name, obj, options, lines)


def setup(app: Sphinx) -> None:
    app.connect("missing-reference", _front_door_reference)
    for listener in list(app.events.listeners["autodoc-process-docstring"]):
        if _NAPOLEON is not None and listener.handler is _NAPOLEON:
            app.disconnect(listener.id)
            app.connect("autodoc-process-docstring", _napoleon_except_attributes, listener.priority)
