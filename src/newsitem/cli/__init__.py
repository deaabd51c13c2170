"""The ``newsitem`` command: ``convert``, ``validate``, ``inspect`` and ``formats``.

:mod:`~newsitem.cli.main` parses the arguments and dispatches to
:mod:`~newsitem.cli.convert`, :mod:`~newsitem.cli.validate` and :mod:`~newsitem.cli.inspect`
(the flags they share are :mod:`~newsitem.cli.options`);
:mod:`~newsitem.cli.progress` draws the progress bar; :mod:`~newsitem.cli.rules`
holds validate's rules (:class:`~newsitem.cli.rules.Finding`, ``Policy``, ``check``)
and :mod:`~newsitem.cli.reports` its reports; :mod:`~newsitem.cli.inspect` the
summary ``inspect`` prints. The batch engine itself is :mod:`newsitem.batch`.
"""

from newsitem.cli.main import main

__all__ = ["main"]
