"""Which files ``newsitem validate`` checks: the walk of a folder, as ruff does it.

A file named on the command line is always checked, whatever its name (a file a glob
given there matches, too, unless a walk would leave it out by its place: ``.gitignore``
or ``exclude``), unless ``--force-exclude`` is given: then it is chosen exactly as a
walk of its folder would choose it (``exclude`` and ``.gitignore`` patterns, hidden names, the
rules below, the sniffing test for a shared extension), so a hook that passes file lists
(pre-commit) and a walk of the same tree check the same files.

A folder is walked (a named one even where an ``exclude`` or ``.gitignore``
pattern matches the folder itself: its other patterns still apply inside; with
``--force-exclude`` an excluded named folder is skipped), and the walk checks:

* files with an extension only stories have (``.nitf``, ``.tst``, ``.anpa``, ``.ipt``,
  ``.iptc``, ``.eml``, ``.warc``, ``.warc.gz``, ``.mbox``, ``.mbx``, and whatever else
  the format registry claims beyond the shared ones below, such as ``.ninjs.json`` or
  ``.web-story.txt``): always;
* files with an extension stories share with other files (``.json``, ``.xml``,
  ``.html``, ``.htm``, ``.txt``) or none: only when :func:`newsitem.formats.detect`
  recognises them as a story (``package.json``, ``pom.xml``, ``requirements.txt``,
  ``LICENSE`` are not, so they are skipped, never reported);
* files an ``include`` pattern matches: always, whatever their extension, without the
  sniffing test (so a ``.txt`` that is not a story is reported, not skipped);
* tar and zip archives: their members, chosen by the same rules by their names (a
  named archive: every member);
* nothing else (``README.md``, ``config.yaml``, ``*.jsonl`` such as newsitem's own
  ``errors.jsonl`` and ``losses.jsonl``, images).

The walk never enters hidden folders (``.git``, ``.venv``), :data:`SKIPPED_FOLDERS`
(``node_modules``, ``venv``, ``site-packages``...) or a virtual environment (a folder
holding ``pyvenv.cfg``), nor reads hidden files
(newsitem's ``.newsitem-manifest.jsonl``); in a folder ``newsitem convert`` wrote (one
holding that manifest) it skips the archive site's ``index.html`` and ``index/`` pages,
which are no stories; it skips what ``exclude`` patterns match, and
what ``.gitignore`` files ignore: the walked folder's and every nested folder's, and
those of the folders above it up to the repository's root (the folder holding ``.git``),
with ``.git/info/exclude``. Patterns are ``.gitignore`` patterns (``*.bak``,
``drafts/``, ``wire/**/*.txt``, ``/top-level-only``), relative to the folder of the
configuration file that gives them, or to the current folder for command-line flags.
Symbolic links to folders are not followed.

:mod:`pathspec` is imported only when a pattern or a ``.gitignore`` file is met.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from newsitem.batch import _site_names
from newsitem.errors import UsageError

__all__ = [
    "ARCHIVE_SUFFIXES",
    "SKIPPED_FOLDERS",
    "SNIFFED_SUFFIXES",
    "Candidate",
    "Patterns",
    "Selection",
    "candidates",
    "member_kind",
    "story_suffixes",
]

SNIFFED_SUFFIXES = (".json", ".xml", ".html", ".htm", ".txt")
"""Extensions stories share with other files: a walk checks such a file (and one with no
extension) only when it is recognised as a story."""
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".zip")
"""Archives: a walk reads the members the rules choose by their names; a named one, all."""
_CONTAINERS = (".warc.gz", ".mbox", ".mbx")
SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "site-packages", "__pycache__", "__pypackages__"})
"""Folders a walk never enters (beside hidden ones and any holding ``pyvenv.cfg``, a virtual
environment): installed packages and caches, never a project's stories, even where no
``.gitignore`` lists them (a CI job's ``venv/``). A folder named on the command line is walked."""
_MANIFEST = ".newsitem-manifest.jsonl"
"""The manifest ``newsitem convert`` leaves in its output folder (``batch.sink.MANIFEST``)."""
_SITE = _site_names.SITE
"""The archive site's pages beside that manifest (``batch.index.FOLDER``): no stories."""


def story_suffixes() -> tuple[str, ...]:
    """The extensions a walk always checks: those the format registry claims, less the
    shared ones, and the story containers (``.warc.gz``, ``.mbox``, ``.mbx``)."""
    from newsitem import formats

    claimed = {ext.lower() for info in formats.available() if info.can_read for ext in info.extensions}
    return tuple(sorted((claimed - set(SNIFFED_SUFFIXES)) | set(_CONTAINERS)))


@attrs.frozen
class Candidate:
    """One file to check."""

    path: str
    """As named, or the walked folder's name joined with the path below it (``-``: stdin)."""
    sniff: bool = False
    """Checked only when recognised as a story (a walk's ``.json``, ``.txt``...); for an
    archive, its members are chosen by :func:`member_kind`."""


@attrs.frozen
class Patterns:
    """``.gitignore`` patterns and the folder they are relative to."""

    base: str
    """An absolute folder."""
    globs: tuple[str, ...]
    origin: str
    """Where they come from, for messages (``--exclude``, ``exclude in pyproject.toml``)."""
    spec: Any = attrs.field(default=None, eq=False, repr=False)

    @classmethod
    def compile(cls, base: str, globs: Sequence[str], origin: str) -> Patterns:
        """The patterns compiled.

        Raises:
            UsageError: a pattern is not a valid ``.gitignore`` pattern.
        """
        import pathspec

        try:
            spec = pathspec.GitIgnoreSpec.from_lines(globs)
        except (ValueError, TypeError) as exc:
            raise UsageError(f"{origin}: {exc}") from None
        return cls(os.path.abspath(base), tuple(globs), origin, spec)

    def matches(self, absolute: str, *, folder: bool = False) -> bool:
        """Whether a path (absolute) below :attr:`base` matches (a path outside it: by its name;
        :attr:`base` itself never)."""
        if absolute == self.base:
            return False
        if absolute.startswith(self.base + os.sep) or self.base == os.sep:
            relative = absolute[len(self.base) :].lstrip(os.sep)
        else:
            relative = os.path.basename(absolute)
        relative = relative.replace(os.sep, "/") + ("/" if folder else "")
        return bool(self.spec.match_file(relative))

    def without(self, folder: str) -> Patterns:
        """These patterns less those that match ``folder`` (absolute) or a folder above it."""
        if not self.matches(folder, folder=True):
            return self
        relative = _relative(folder, self.base) or os.path.basename(folder)
        return attrs.evolve(self, spec=_without(self.spec, relative))


def _relative(path: str, base: str) -> str:
    return path[len(base) :].lstrip(os.sep).replace(os.sep, "/") if path.startswith(base + os.sep) else ""


def _without(spec: Any, folder: str) -> Any:
    """A compiled ``.gitignore`` less its patterns that skip ``folder`` (relative, POSIX) or
    a folder above it; ``spec`` itself when none does."""
    if not folder:
        return spec
    import pathspec

    kept = [p for p in spec.patterns if not (p.include and p.match_file(folder + "/"))]
    return spec if len(kept) == len(spec.patterns) else pathspec.GitIgnoreSpec(kept)


@attrs.frozen(kw_only=True)
class Selection:
    """What a walk takes and leaves."""

    include: tuple[Patterns, ...] = ()
    exclude: tuple[Patterns, ...] = ()
    force_exclude: bool = False
    """``exclude`` applies to files named on the command line too (as pre-commit names them)."""
    respect_gitignore: bool = True


_Ignores = tuple[tuple[str, Any], ...]
"""(absolute folder, compiled .gitignore) from the outermost to the innermost."""


def candidates(arguments: Sequence[str], selection: Selection) -> list[Candidate]:
    """The files to check for these command-line arguments, in order, each once (a file both
    found by a walk and named is checked as named: whatever it holds, whichever came first).

    Raises:
        UsageError: an argument names nothing, or a glob matches nothing.
    """
    found: list[Candidate] = []
    seen: dict[str, int] = {}
    for argument in arguments:
        for candidate in _argument(argument, selection):
            at = seen.get(candidate.path)
            if at is None:
                seen[candidate.path] = len(found)
                found.append(candidate)
            elif found[at].sniff and not candidate.sniff:
                found[at] = candidate  # named as well as walked: always checked, in the first place
    return found


def _argument(argument: str, selection: Selection) -> Iterator[Candidate]:
    if argument == "-":
        yield Candidate("-")
        return
    if os.path.isdir(argument):
        yield from _walk(argument, selection)
        return
    if os.path.lexists(argument):
        if not selection.force_exclude:
            yield Candidate(argument)  # named: always checked, whatever it is
            return
        kind = _named_kind(argument, selection)
        if kind is not None:
            yield Candidate(argument, sniff=kind)
        return
    if any(char in argument for char in "*?["):
        matched = sorted(glob.glob(argument, recursive=True))
        if not matched:
            raise UsageError(f"{argument}: the pattern matches no file")
        for path in matched:
            # A glob newsitem expands is a walk in disguise: what a walk leaves out by its place
            # (.gitignore, exclude, hidden) is left out; the rest is checked as named.
            if os.path.isdir(path) or not _filtered_out(path, selection, hidden=False):
                yield from _argument(path, selection)
        return
    raise UsageError(f"{argument}: no such file or directory")


def _named_kind(path: str, selection: Selection) -> bool | None:
    """``--force-exclude``: a named file chosen as a walk of its folder would choose it
    (``exclude``, ``.gitignore``, hidden names, the extension and, for a shared one, the
    sniffing test): ``False`` checked, ``True`` checked when recognised as a story, ``None``
    skipped."""
    if _filtered_out(path, selection):
        return None
    absolute = os.path.abspath(path)
    return _kind(os.path.basename(absolute).lower(), absolute, story_suffixes(), selection)


def _filtered_out(path: str, selection: Selection, *, hidden: bool = True) -> bool:
    """Whether a walk would leave out a file by where it is: a hidden name in its path
    (``hidden``: a glob's wildcards never match one, so its matches need no such test), an
    ``exclude`` pattern, or a ``.gitignore`` (when respected)."""
    absolute = os.path.abspath(path)
    parts = os.path.normpath(path).split(os.sep)
    if hidden and any(part.startswith(".") and part not in (".", "..") for part in parts):
        return True
    if any(part in SKIPPED_FOLDERS for part in parts[:-1]):
        return True
    if any(patterns.matches(absolute) for patterns in selection.exclude):
        return True
    return selection.respect_gitignore and _ignored(
        absolute, False, _folder_ignores(os.path.dirname(absolute))
    )


_FOLDER_IGNORES: dict[str, _Ignores] = {}
"""The ``.gitignore`` files that apply in a folder, by folder (pre-commit names many files of one folder)."""


def _folder_ignores(folder: str) -> _Ignores:
    found = _FOLDER_IGNORES.get(folder)
    if found is None:
        found = _with_gitignore(folder, _outer_ignores(folder))
        if len(_FOLDER_IGNORES) < 4096:
            _FOLDER_IGNORES[folder] = found
    return found


def _walk(top: str, selection: Selection) -> Iterator[Candidate]:
    """The files a walk of ``top`` checks (see the module's documentation)."""
    always = story_suffixes()
    top_absolute = os.path.abspath(top)
    ignores: _Ignores = _outer_ignores(top_absolute) if selection.respect_gitignore else ()
    # A folder named on the command line is walked even where a pattern that matches the
    # folder itself (or one above it) would skip it: what it holds is still chosen by the
    # rest (only --force-exclude lets an exclude pattern skip a named folder).
    if any(patterns.matches(top_absolute, folder=True) for patterns in selection.exclude):
        if selection.force_exclude:
            return
        kept = tuple(p.without(top_absolute) for p in selection.exclude)
        selection = attrs.evolve(selection, exclude=kept)
    ignores = tuple((base, _without(spec, _relative(top_absolute, base))) for base, spec in ignores)
    prefix = "" if os.path.normpath(top) == "." else os.path.join(top, "")
    stack: list[tuple[str, str, _Ignores]] = [(prefix, top_absolute, ignores)]
    while stack:
        shown, absolute, ignores = stack.pop()
        if selection.respect_gitignore:
            ignores = _with_gitignore(absolute, ignores)
        try:
            with os.scandir(absolute) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError:
            yield Candidate(shown.rstrip(os.sep) or ".")  # reported as unreadable when read
            continue
        if absolute != top_absolute and any(entry.name == "pyvenv.cfg" for entry in entries):
            continue  # a virtual environment
        folders = []
        site = _SITE if any(entry.name == _MANIFEST for entry in entries) else ()
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name in site:
                continue
            path = os.path.join(absolute, name)
            folder = entry.is_dir(follow_symlinks=False)
            if folder or (entry.is_symlink() and entry.is_dir()):
                if folder and name not in SKIPPED_FOLDERS and not _skipped(path, True, ignores, selection):
                    folders.append((shown + name + os.sep, path, ignores))
                continue
            if _skipped(path, False, ignores, selection):
                continue
            kind = _kind(name.lower(), path, always, selection)
            if kind is not None:
                yield Candidate(shown + name, sniff=kind)
        stack.extend(reversed(folders))


def _kind(name: str, path: str, always: tuple[str, ...], selection: Selection) -> bool | None:
    """Whether a walked file is checked: ``False`` always, ``True`` when sniffed as a story,
    ``None`` never."""
    if any(patterns.matches(path) for patterns in selection.include):
        return False
    if name.endswith(always):
        return False
    if name.endswith(ARCHIVE_SUFFIXES):
        return True
    stem, dot, suffix = name.rpartition(".")
    if not dot or not stem:
        return True
    return True if "." + suffix in SNIFFED_SUFFIXES else None


def member_kind(name: str, always: tuple[str, ...]) -> bool | None:
    """Whether a member of an archive a walk found is checked: ``False`` always (a story's
    extension), ``True`` when sniffed as a story (a shared extension or none), ``None`` never.
    ``always`` is :func:`story_suffixes`."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if base.startswith(".") or base.endswith(ARCHIVE_SUFFIXES):
        return None
    if base.endswith(always):
        return False
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem:
        return True
    return True if "." + suffix in SNIFFED_SUFFIXES else None


def _skipped(path: str, folder: bool, ignores: _Ignores, selection: Selection) -> bool:
    if any(patterns.matches(path, folder=folder) for patterns in selection.exclude):
        return True
    return _ignored(path, folder, ignores)


def _ignored(path: str, folder: bool, ignores: _Ignores) -> bool:
    """Whether ``.gitignore`` files ignore a path: the innermost file with a matching
    pattern decides (a ``!`` pattern re-includes)."""
    for base, spec in reversed(ignores):
        if not path.startswith(base + os.sep):
            continue
        relative = path[len(base) + 1 :].replace(os.sep, "/") + ("/" if folder else "")
        result = spec.check_file(relative)
        if result.include is not None:
            return bool(result.include)
    return False


def _gitignore(path: str) -> Any:
    """The compiled patterns of a ``.gitignore`` file, or ``None`` (none there, or unreadable)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except (ValueError, TypeError):
        return None  # git ignores a pattern it cannot read; so do we


def _with_gitignore(folder: str, ignores: _Ignores) -> _Ignores:
    spec = _gitignore(os.path.join(folder, ".gitignore"))
    return ignores if spec is None else (*ignores, (folder, spec))


def _outer_ignores(top: str) -> _Ignores:
    """The ``.gitignore`` files of the folders above ``top`` up to its repository's root,
    and the root's ``.git/info/exclude`` (none when ``top`` is in no repository)."""
    above = []
    folder = os.path.dirname(top)
    if os.path.exists(os.path.join(top, ".git")):
        root: str | None = top
    else:
        root = None
        while True:
            above.append(folder)
            if os.path.exists(os.path.join(folder, ".git")):
                root = folder
                break
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    if root is None:
        return ()
    ignores: _Ignores = ()
    exclude = _gitignore(os.path.join(root, ".git", "info", "exclude"))
    if exclude is not None:
        ignores = ((root, exclude),)
    for folder in reversed(above):
        ignores = _with_gitignore(folder, ignores)
    return ignores
