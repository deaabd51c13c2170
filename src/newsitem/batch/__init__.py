"""Whole archives, the way a story travels through a batch:

* :mod:`~newsitem.batch.inputs`: files, folders, globs, tar, zip, mbox and stdin, each
  story a unit with a locator;
* :mod:`~newsitem.batch.steps`: the per-story steps every engine runs (read, parse,
  render) and the one :class:`~newsitem.batch.steps.Outcome` type they return;
* :mod:`~newsitem.batch.pool`: the process pool behind ``newsitem convert``;
* :mod:`~newsitem.batch.sink`: output files, JSON Lines, ``errors.jsonl``, the manifest
  and resume;
* :mod:`~newsitem.batch.index`: the HTML index page;
* :mod:`~newsitem.batch.dask`: the same steps on Dask (``pip install 'newsitem[dask]'``).

Nothing here imports a private module of :mod:`newsitem.formats`: every format is
called through the front door (``parse``/``read``/``dumps``).
"""
