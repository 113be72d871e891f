"""Which files a run lints: files as given, folders walked (hidden folders skipped)."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Iterable

__all__ = ["discover", "Missing"]


@dataclass(frozen=True)
class Missing:
    """A path the user named that could not be used, with the reason."""

    path: str
    reason: str


def discover(paths: Iterable[str], extensions: Iterable[str],
             exclude: Iterable[str] = ()) -> tuple[list[str], list[Missing]]:
    """Expand the command-line paths into files to lint (sorted, unique) and problems.

    A file named explicitly is linted whatever its extension; folders contribute files with
    one of `extensions`. Symlinked folders are not followed, so a link loop cannot hang a run;
    a folder that cannot be listed and an article-named link that leads nowhere (broken or
    looping) are reported, never silently skipped.
    """
    suffixes = tuple(e.lower() for e in extensions)
    patterns = list(exclude)
    files: dict[str, None] = {}
    problems: list[Missing] = []
    for raw in paths:
        if raw == "-":
            files.setdefault("-", None)
            continue
        path = Path(raw)
        if path.is_file():
            if not _excluded(raw, patterns):
                files.setdefault(raw, None)
            continue
        if path.is_dir():
            found = 0
            unreadable: list[Missing] = []

            def report(error: OSError, unreadable=unreadable) -> None:
                where = error.filename or raw
                unreadable.append(Missing(str(where), "cannot read this folder: "
                                          f"{error.strerror or error}; its articles not linted"))

            for root, dirs, names in os.walk(raw, onerror=report, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not _excluded(os.path.join(root, d), patterns))
                for name in sorted(names):
                    full = os.path.join(root, name)
                    if name.lower().endswith(suffixes) and not name.startswith(".") \
                            and not _excluded(full, patterns):
                        if os.path.isfile(full):
                            files.setdefault(full, None)
                            found += 1
                        elif os.path.islink(full) and not os.path.exists(full):
                            problems.append(Missing(full, "broken or looping symbolic link; "
                                                    "not linted"))
            problems.extend(unreadable)
            if not found and not unreadable:
                problems.append(Missing(raw, "no articles found in this folder "
                                        f"(looked for {', '.join(suffixes)})"))
            continue
        reason = "no such file or directory"
        if path.is_symlink():
            reason = "broken or looping symbolic link; not linted"
        elif path.exists():
            reason = "not a regular file or folder"
        problems.append(Missing(raw, reason))
    unique = {m.path: m for m in reversed(problems)}  # one report per path, the first kept
    return list(files), list(reversed(unique.values()))


def _excluded(path: str, patterns: list[str]) -> bool:
    if not patterns:
        return False
    posix = PurePath(path).as_posix()
    name = PurePath(path).name
    return any(fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(name, p)
               or fnmatch.fnmatch(posix, f"*/{p}") for p in patterns)
