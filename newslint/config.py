"""Configuration: found by walking up from the linted path, validated strictly.

Sources, first found wins, in each folder from the linted path up to the file-system root:
``.newslint.toml``, ``newslint.toml`` (top-level keys) and ``pyproject.toml`` (only when it
has a ``[tool.newslint]`` table). An unknown key is an error naming it, never a silent no-op.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError
from .model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["Config", "find_config_file", "load_config", "parse_config"]

CONFIG_NAMES = (".newslint.toml", "newslint.toml", "pyproject.toml")


@dataclass
class Config:
    """Every setting of a run. Field names are the TOML keys with ``-`` as ``_``."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)
    min_severity: Severity = Severity.INFO
    fail_on: Severity = Severity.WARNING
    rule_packs: list[Path] = field(default_factory=list)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    vocabulary: list[str] = field(default_factory=list)
    names: dict[str, list[str]] = field(default_factory=dict)
    grammar: dict[str, Any] = field(default_factory=dict)
    exclude: list[str] = field(default_factory=list)
    extensions: list[str] = field(default_factory=lambda: [".txt", ".md", ".markdown", ".html",
                                                           ".htm"])
    #: the folder the config file is in (relative paths in the file are relative to it)
    root: Path = field(default_factory=Path.cwd)
    #: the file the settings came from, or None
    source: Path | None = None


_LIST_KEYS = {"select", "ignore", "extend_select", "vocabulary", "exclude", "extensions"}
_INTERNAL = {"root", "source"}


def find_config_file(start: Path) -> tuple[Path, Mapping[str, Any]] | None:
    """Walk up from `start` to the root; return the first config file and its newslint table."""
    try:
        here = start.resolve()
    except (OSError, RuntimeError):  # a symbolic-link loop (RuntimeError before 3.13)
        here = start.absolute()
    if here.is_file() or not here.exists():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            data = _read_toml(candidate)
            if name == "pyproject.toml":
                table = data.get("tool", {}).get("newslint")
                if table is None:
                    continue
                return candidate, table
            return candidate, data
    return None


def load_config(start: Path | None = None, explicit: Path | None = None,
                use_files: bool = True) -> Config:
    """The configuration for a run: an explicit file, the one found from `start`, or defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"config file {explicit} does not exist")
        data = _read_toml(explicit)
        if explicit.name == "pyproject.toml":
            data = data.get("tool", {}).get("newslint", {})
        return parse_config(data, explicit)
    if use_files:
        found = find_config_file(start or Path.cwd())
        if found:
            return parse_config(found[1], found[0])
    return Config()


def parse_config(data: Mapping[str, Any], source: Path | None = None) -> Config:
    """Validate a newslint table (kebab-case keys) and build a Config."""
    where = str(source) if source else "configuration"
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: the newslint settings must be a table")
    config = Config(root=source.resolve().parent if source else Path.cwd(), source=source)
    known = {f.name for f in fields(Config)} - _INTERNAL
    for raw_key, value in data.items():
        key = str(raw_key).replace("-", "_")
        if key not in known:
            raise ConfigError(
                f"{where}: unknown key {raw_key!r} (known: "
                f"{', '.join(sorted(k.replace('_', '-') for k in known))})"
            )
        setattr(config, key, _convert(key, value, where, config.root))
    return config


def _convert(key: str, value: Any, where: str, root: Path) -> Any:
    label = f"{where}: {key.replace('_', '-')}"
    if key in _LIST_KEYS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{label} must be a list of strings")
        return list(value)
    if key in ("min_severity", "fail_on"):
        try:
            return Severity.parse(value)
        except ValueError as exc:
            raise ConfigError(f"{label}: {exc}") from None
    if key == "severity":
        table = _table(value, label)
        try:
            return {str(k): Severity.parse(v) for k, v in table.items()}
        except ValueError as exc:
            raise ConfigError(f"{label}: {exc}") from None
    if key == "rule_packs":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{label} must be a list of folder paths")
        return [(root / v) for v in value]
    if key in ("per_file_ignores", "names"):
        table = _table(value, label)
        for k, v in table.items():
            if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                raise ConfigError(f"{label}.{k} must be a list of strings")
        return {str(k): list(v) for k, v in table.items()}
    if key == "rules":
        table = _table(value, label)
        for k, v in table.items():
            _table(v, f"{label}.{k}")
        return {str(k): dict(v) for k, v in table.items()}
    if key == "grammar":
        from .backends import validate_grammar_settings  # light: no backend is loaded

        return validate_grammar_settings(_table(value, label), label)
    raise ConfigError(f"{label}: unsupported key")  # pragma: no cover


def _table(value: Any, label: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{label} must be a table")
    return value


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
