"""Optional extras: importing a module of one, and the error that names the extra to install."""

from __future__ import annotations

import pickle

import pytest

from newsitem import MissingExtraError, NewsItemError, _extras


def test_missing_module_names_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """A module of an extra that cannot be imported raises MissingExtraError naming the extra."""
    monkeypatch.setitem(_extras.EXTRAS, "newsitem_no_such_module", "web")
    with pytest.raises(MissingExtraError) as caught:
        _extras.need("newsitem_no_such_module", "finding the body of a page")
    error = caught.value
    assert isinstance(error, NewsItemError) and isinstance(error, ImportError)
    assert error.extra == "web"
    assert "pip install 'newsitem[web]'" in str(error)
    assert str(error).startswith("finding the body of a page needs the newsitem_no_such_module package")


def test_error_survives_pickling() -> None:
    """The error crosses a process boundary (convert -j2) with its message and extra intact."""
    error = MissingExtraError("web", "reading a web archive", "warcio")
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.extra, again.name) == (str(error), "web", "warcio")


def test_installed_module_is_returned() -> None:
    """An installed module is imported and returned; ``has`` tells installed from absent."""
    assert _extras.need("json", "a test").dumps([]) == "[]"
    assert _extras.has("json") and not _extras.has("newsitem_no_such_module")
