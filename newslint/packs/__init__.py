"""Declarative rule packs: TOML files of ``[[rule]]`` tables, turned into `Rule`s by kind.

The packs shipped with newslint live in the top-level ``rules/`` folder of the source tree and
inside the installed package as ``newslint/rules`` (mapped there at build time).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from ..errors import PackError
from ..rule import Rule
from ..warmstart import remember
from .phrase import build_phrase_rule, iter_tables, trusted_patterns

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["bundled_pack_dir", "load_packs", "build_phrase_rule"]

Builder = Callable[[Mapping[str, Any], str], Rule]


def bundled_pack_dir() -> Path:
    """The folder of packs shipped with newslint (wheel: inside the package; checkout: rules/)."""
    inside = Path(__file__).resolve().parent.parent / "rules"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent.parent / "rules"


def pack_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their ``*.toml`` files, sorted, without duplicates."""
    seen: dict[Path, None] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for item in sorted(path.glob("*.toml")):
                seen.setdefault(item, None)
        elif path.is_file():
            seen.setdefault(path, None)
        else:
            raise PackError(f"rule pack {path} does not exist")
    return list(seen)


def load_packs(paths: Iterable[Path], kinds: Mapping[str, Builder]) -> list[Rule]:
    """Load every pack file; raise PackError naming the file and rule on any mistake."""
    rules: list[Rule] = []
    bundled = bundled_pack_dir().resolve()
    for file in pack_files(paths):
        try:
            text = file.read_text(encoding="utf-8")
            data = remember("toml", text, lambda: tomllib.loads(text))
        except (OSError, UnicodeDecodeError) as exc:
            raise PackError(f"cannot read rule pack {file}: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise PackError(f"rule pack {file} is not valid TOML: {exc}") from None
        for table in iter_tables(data, file.name):
            kind = table.get("kind", "phrase")
            builder = kinds.get(kind)
            if builder is None:
                raise PackError(
                    f"{file.name}: rule {table.get('code', '?')}: unknown kind {kind!r} "
                    f"(known: {', '.join(sorted(kinds))})"
                )
            # shipped packs are tested for backtracking; others' patterns run time-limited
            with trusted_patterns(file.resolve().parent == bundled):
                rules.append(builder(table, file.name))
    return rules
