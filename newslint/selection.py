"""Which rules run, and which are ignored for which files.

Entries are rule codes, code prefixes (``NL3``) or rule names. When a rule matches both a
select and an ignore entry, the more specific entry wins (a full code or name beats any
prefix; a longer prefix beats a shorter one), as in flake8 and ruff. Rules that are off by
default run only when selected by their exact code or name.
"""

from __future__ import annotations

import fnmatch
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Iterable

from .config import Config
from .errors import ConfigError
from .rule import Rule

__all__ = ["Selection"]

_EXACT = 1000


def _score(entry: str, rule: Rule) -> int | None:
    if entry == "ALL":
        return 0
    if entry == rule.name or entry.upper() == rule.code:
        return _EXACT
    if rule.code.startswith(entry.upper()):
        return len(entry)
    return None


def _best(entries: Iterable[str], rule: Rule) -> int | None:
    scores = [s for s in (_score(e, rule) for e in entries) if s is not None]
    return max(scores) if scores else None


class Selection:
    """Decides per rule (and per file, for per-file-ignores)."""

    def __init__(self, rules: dict[str, Rule], config: Config) -> None:
        self.rules = rules
        self.config = config
        entries = [*(config.select or []), *config.ignore, *config.extend_select]
        for globs in config.per_file_ignores.values():
            entries.extend(globs)
        for entry in entries:
            if entry != "ALL" and not any(_score(entry, r) is not None for r in rules.values()):
                raise ConfigError(f"unknown rule code or name {entry!r} (see `newslint rules`)")
        self._selected = {code for code, rule in rules.items() if self._decide(rule)}

    def _decide(self, rule: Rule) -> bool:
        config = self.config
        select = _best([*(config.select or []), *config.extend_select], rule)
        if config.select is None and rule.enabled:
            select = max(select or 0, 0)
        if select is None:
            return False
        if not rule.enabled and select != _EXACT:
            return False
        ignore = _best(config.ignore, rule)
        return ignore is None or select > ignore

    def is_selected(self, code: str) -> bool:
        return code in self._selected

    @property
    def selected(self) -> list[Rule]:
        return [self.rules[c] for c in sorted(self._selected)]

    def ignored_for(self, path: str) -> frozenset[str]:
        """Codes that per-file-ignores switch off for this path."""
        return _ignored(self, path)

    def _patterns_matching(self, path: str) -> list[str]:
        if not self.config.per_file_ignores:
            return []  # the usual case: no path to resolve (a file-system call per file)
        root = self.config.root
        try:
            rel = PurePath(Path(path).resolve().relative_to(root.resolve())).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symbolic-link loop
            rel = PurePath(path).as_posix()
        name = PurePath(path).name
        out = []
        for pattern, codes in self.config.per_file_ignores.items():
            if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(name, pattern) or \
                    fnmatch.fnmatch(PurePath(path).as_posix(), pattern):
                out.extend(codes)
        return out


@lru_cache(maxsize=4096)
def _ignored(selection: Selection, path: str) -> frozenset[str]:
    entries = selection._patterns_matching(path)
    if not entries:
        return frozenset()
    return frozenset(
        code for code, rule in selection.rules.items()
        if _best(entries, rule) is not None
    )
