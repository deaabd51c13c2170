"""Sphinx configuration for newsitem's documentation."""

from importlib.metadata import version as _version

project = "newsitem"
author = "newsitem developers"
copyright = "2026, newsitem developers"
release = _version("newsitem")

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.intersphinx"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
napoleon_google_docstring = True
intersphinx_mapping = {}

html_theme = "alabaster"
html_title = "newsitem"
