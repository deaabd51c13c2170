"""Optional parts of newsitem: importing a module of an extra, or saying which extra to install.

An extra (``pip install 'newsitem[web]'``) holds the libraries that only some inputs need
(trafilatura for the body of a page without article markup, warcio for web archives).
:func:`need` imports one when an input needs it; when it is absent, the
:class:`~newsitem.errors.MissingExtraError` names the extra and what needed it.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from newsitem.errors import MissingExtraError

EXTRAS = {"trafilatura": "web", "warcio": "web"}
"""Module -> the extra of newsitem that installs it."""


def need(module: str, purpose: str) -> ModuleType:
    """Import ``module`` of an extra for ``purpose`` (``finding the body of a page``).

    Raises:
        MissingExtraError: the module is not installed; the message names its extra.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(EXTRAS[module], purpose, module) from None


def has(module: str) -> bool:
    """Whether ``module`` of an extra is installed (without importing it)."""
    return importlib.util.find_spec(module) is not None
