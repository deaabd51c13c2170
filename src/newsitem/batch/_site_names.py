"""The names the archive site takes at the top of an output folder: one home for them.

:mod:`newsitem.batch.index` writes the site under them, :mod:`newsitem.batch.steps` keeps
every story's output off them, and ``newsitem validate``'s walk (:mod:`newsitem.cli.files`)
leaves them out of a folder ``convert`` wrote. This module imports nothing, so the command's
start-up pays nothing for it.
"""

from __future__ import annotations

__all__ = ["FOLDER", "FRONT", "SITE"]

FRONT = "index.html"
"""The site's front page (``OUT/index.html``)."""
FOLDER = "index"
"""The folder of the site's index pages (``OUT/index/2024-03.html``...)."""
SITE = (FRONT, FOLDER)
"""Every name the site takes at the top of the output folder."""
