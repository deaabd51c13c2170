"""Output names: every input unit of a run gets its own, the same on every run.

A unit's outputs take its relative name under the output folder (``col/a/x.txt`` ->
``OUT/a/x.txt.json``). Two units can come to the same name: ``col/*/x.txt`` expanded by
the shell gives ``x.txt`` twice; two folder arguments with the same base name
(``2023/wire`` and ``2024/wire``) give ``wire/...`` twice; ``Story.txt`` and ``story.txt``
are one file on a file system that folds case (macOS, Windows), where the output may be
copied. :func:`unique` gives them distinct names by one scheme:

* names are compared case-folded (``str.casefold``), whatever the file system;
* the first unit in input order (the order of the arguments, each folder's files and an
  archive's members in their listed order) keeps its name;
* each later unit with a taken name gets ``~2``, ``~3``... after it (``x.txt~2``, then
  ``x.txt.json`` and ``x.txt~2.json`` on disk), the first number whose name is free: the
  scheme archive members with the same name already follow.

The names are assigned by the process that lists the units, on the whole listing, before a
resumed run leaves out what an earlier one finished: they do not depend on ``-j``, on
scheduling or on resuming. A story of a container takes ``NAME#N`` after its unit's name.
The manifest maps each input locator to the outputs written for it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from newsitem.batch.inputs import Unit

__all__ = ["unique"]


def _key(relative: str) -> str:
    return relative.casefold()


def unique(units: Iterable[Unit]) -> list[Unit]:
    """The same units in the same order, each with a relative name no other has (compared
    case-folded): a later unit whose name is taken gets the first free ``NAME~N``, N from 2."""
    listed = list(units)
    taken = {_key(unit.relative) for unit in listed}
    seen: set[str] = set()
    tried: dict[str, int] = {}  # the last number tried per name: n clashes cost O(n), not O(n^2)
    named = []
    for unit in listed:
        key = _key(unit.relative)
        if key not in seen:
            seen.add(key)
            named.append(unit)
            continue
        number = tried.get(key, 1) + 1
        while _key(f"{unit.relative}~{number}") in taken:
            number += 1
        tried[key] = number
        relative = f"{unit.relative}~{number}"
        taken.add(_key(relative))
        seen.add(_key(relative))
        named.append(attrs.evolve(unit, relative=relative))
    return named
