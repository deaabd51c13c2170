"""Whole archives: inputs (files, folders, tar, zip, mbox, stdin), the process pool,
the output sink with its manifest and resume, the index page, and Dask."""
