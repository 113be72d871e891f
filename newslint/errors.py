"""User-facing errors. Each one becomes a single line on stderr and exit status 2."""

from __future__ import annotations


class NewslintError(Exception):
    """Base class: a mistake the user can fix (usage, config, packs, plugins)."""

    exit_code = 2


class ConfigError(NewslintError):
    """The configuration file or a command-line setting is wrong."""


class PackError(NewslintError):
    """A declarative rule pack is malformed."""


class PluginError(NewslintError):
    """A plugin could not be loaded or registered something invalid."""
