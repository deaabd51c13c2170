"""Output names: every input unit of a run gets its own, the same on every run.

A unit's outputs take its relative name under the output folder (``col/a/x.txt`` ->
``OUT/a/x.txt.json``). Two units can come to the same name: ``col/*/x.txt`` expanded by
the shell gives ``x.txt`` twice; two folder arguments with the same base name
(``2023/wire`` and ``2024/wire``) give ``wire/...`` twice; ``Story.txt`` and ``story.txt``
are one file on a file system that folds case (macOS, Windows), where the output may be
copied; ``story`` and ``story.ninjs`` give ``story.ninjs.json`` twice with ``--to
json,ninjs``; the unit ``a.xml#1`` and the first story of the container ``a.xml`` give
``a.xml#1`` twice. :func:`unique` gives them distinct names by one scheme:

* what is compared is every output file name a unit's name gives (the name followed by each
  asked format's suffix), case-folded (``str.casefold``), whatever the file system;
* the first unit in input order (the order of the arguments, each folder's files and an
  archive's members in their listed order) keeps its name;
* each later unit whose output names are taken gets ``~2``, ``~3``... after its name
  (``x.txt~2``, then ``x.txt.json`` and ``x.txt~2.json`` on disk), the first number whose
  names are free: the scheme archive members with the same name already follow;
* the stories of a container take ``NAME#1``, ``NAME#2``... after its name, so a unit named
  ``NAME#N`` (N digits) beside a unit named ``NAME`` always takes ``NAME#N~2`` (whatever
  their order: which inputs are containers is known only once they are read);
* on ``--resume``, every name the run being resumed gave (its manifest's rows record them)
  stays taken, and a unit it finished keeps its recorded name: an input added to the
  arguments never takes a name an earlier run wrote, wherever it sorts.

The names are assigned by the process that lists the units, on the whole listing, before a
resumed run leaves out what an earlier one finished: they do not depend on ``-j`` or on
scheduling. The manifest maps each input locator to its name (``"relative"``) and to the
outputs written for it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from newsitem.batch.inputs import Unit

__all__ = ["Streaming", "container_name", "identity", "unique"]


_STORY = re.compile(r"(.*)#[0-9]+")
"""A name of the form ``NAME#N``: what the stories of a container named ``NAME`` take."""


def identity(locator: str) -> str:
    """What identifies the input a locator names, however the path was spelled: the file's
    resolved path (``.``, an absolute path and a symbolic link name one file), plus the
    member or story after it (``!m.txt``, ``#3``); a locator naming no file (``<stdin>``) as
    it is. A resumed run matches the units an earlier run finished by this."""
    if os.path.lexists(locator):
        return os.path.realpath(locator)
    for at, char in enumerate(locator):
        if char in "!#" and at and os.path.isfile(locator[:at]):
            return os.path.realpath(locator[:at]) + locator[at:]
    return locator


def _key(relative: str) -> str:
    return relative.casefold()


def container_name(relative: str, *, story: bool) -> str:
    """The name of the unit a manifest row's ``relative`` belongs to: a container story's
    (``story``) without its ``#N``."""
    found = _STORY.fullmatch(relative) if story else None
    return found.group(1) if found else relative


class _Taken:
    """The output names given so far (case-folded), and the names of all units listed."""

    def __init__(self, listed: list[Unit], earlier: Mapping[str, str], suffixes: Sequence[str]) -> None:
        self.suffixes = tuple(suffixes) or ("",)
        self.given: set[str] = set()
        self.bases: set[str] = set()  # every unit name: NAME#N beside one of them is renamed
        self.planned: set[str] = set()  # every unit's own name's outputs: ~N avoids them
        self.stories: set[str] = set()  # NAME of each NAME#N given: no unit NAME beside it
        for name in earlier.values():
            self.give(name)
        for unit in listed:
            self.bases.add(_key(unit.relative))
            if not earlier or identity(unit.locator) not in earlier:
                self.planned.update(self.outputs(unit.relative))

    def outputs(self, name: str) -> list[str]:
        return [_key(name + suffix) for suffix in self.suffixes]

    def give(self, name: str) -> None:
        self.given.update(self.outputs(name))
        self.bases.add(_key(name))
        story = _STORY.fullmatch(name)
        if story:
            self.stories.add(_key(story.group(1)))

    def free(self, name: str) -> bool:
        """Whether ``name`` may be given: none of its outputs given, not ``NAME#N`` of a unit
        ``NAME``, nor ``NAME`` when ``NAME#N`` was given (by a resumed run)."""
        story = _STORY.fullmatch(name)
        if (story and _key(story.group(1)) in self.bases) or _key(name) in self.stories:
            return False
        return not any(output in self.given for output in self.outputs(name))


def unique(
    units: Iterable[Unit], *, earlier: Mapping[str, str] | None = None, suffixes: Sequence[str] = ()
) -> list[Unit]:
    """The same units in the same order, each with a name whose output names (the name and each
    of ``suffixes``, compared case-folded) no other has: a later unit whose names are taken gets
    the first free ``NAME~N``, N from 2. ``earlier`` maps the units a resumed run finished (by
    :func:`identity`) to the names they were given: those keep them, and no other unit takes them."""
    listed = list(units)
    recorded = dict(earlier or {})
    taken = _Taken(listed, recorded, suffixes)
    tried: dict[str, int] = {}  # the last number tried per name: n clashes cost O(n), not O(n^2)
    named = []
    for unit in listed:
        given = recorded.get(identity(unit.locator)) if recorded else None
        if given is not None:
            named.append(unit if given == unit.relative else attrs.evolve(unit, relative=given))
            continue
        if taken.free(unit.relative):
            taken.give(unit.relative)
            named.append(unit)
            continue
        key = _key(unit.relative)
        number = tried.get(key, 1) + 1
        while not taken.free(f"{unit.relative}~{number}") or any(
            output in taken.planned for output in taken.outputs(f"{unit.relative}~{number}")
        ):
            number += 1
        tried[key] = number
        relative = f"{unit.relative}~{number}"
        taken.give(relative)
        named.append(attrs.evolve(unit, relative=relative))
    return named


class Streaming:
    """Which units of a listing keep the name :func:`unique` gives them whatever is listed
    after them, so a lister can hand them out at once: units a resumed run finished, and each
    unit up to the first whose output names are taken or whose name is of the form ``NAME#N``
    (from there the rest waits for :func:`unique` on the whole listing)."""

    def __init__(self, earlier: Mapping[str, str], suffixes: Sequence[str]) -> None:
        self._earlier = earlier
        self._taken = _Taken([], earlier, suffixes)
        self.on = True
        """Whether every unit so far was handed out at once."""

    def keeps(self, unit: Unit) -> bool:
        """Whether ``unit`` goes out now (once one does not, none after it does)."""
        if not self.on:
            return False
        if self._earlier and identity(unit.locator) in self._earlier:
            return True
        self.on = not _STORY.fullmatch(unit.relative) and self._taken.free(unit.relative)
        if self.on:
            self._taken.give(unit.relative)
        return self.on
