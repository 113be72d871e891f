"""The plugin manager and the rule registry built from it.

Built-in rules, packs, readers and formatters come from `newslint.builtin`, registered like any
third-party plugin; third parties come from the ``newslint`` entry-point group unless
``NEWSLINT_DISABLE_PLUGIN_AUTOLOAD`` is set.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

import pluggy

from . import hookspecs
from .config import Config
from .errors import NewslintError, PackError, PluginError
from .packs import bundled_pack_dir, load_packs
from .rule import Rule, RuleError

__all__ = ["get_plugin_manager", "Registry", "RuleOptions"]

ENTRY_POINT_GROUP = "newslint"


def get_plugin_manager(autoload: bool | None = None,
                       extra_plugins: Iterable[Any] = ()) -> pluggy.PluginManager:
    """A plugin manager with the hook specs, the built-ins and (unless disabled) entry points."""
    from . import builtin

    pm = pluggy.PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="newslint.builtin")
    if autoload is None:
        autoload = not os.environ.get("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD")
    if autoload and _may_have_entry_points(ENTRY_POINT_GROUP):
        try:
            pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
        except Exception as exc:  # a broken third-party package must not show a traceback
            raise PluginError(f"a newslint plugin failed to load: {exc!r}") from None
    for plugin in extra_plugins:
        pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"invalid plugin: {exc}") from None
    return pm


def _may_have_entry_points(group: str) -> bool:
    """False only when no installed distribution declares an entry point in `group`.

    A cheap look at the ``*.dist-info`` and ``*.egg-info`` folders on sys.path: importing
    importlib.metadata (as pluggy's loader does) costs more than all of newslint's own imports,
    and most installations have no newslint plugin. Anything unusual (a zip or egg on sys.path,
    an import hook that finds distributions) answers True, and the full search runs.
    """
    import importlib.machinery

    for finder in sys.meta_path:  # the backport's finder searches sys.path as PathFinder does
        if getattr(finder, "find_distributions", None) is not None \
                and finder is not importlib.machinery.PathFinder \
                and not getattr(finder, "__module__", "").startswith("importlib_metadata"):
            return True
    needle = f"[{group}]"
    for entry in sys.path:
        folder = entry or os.getcwd()
        try:
            names = os.listdir(folder)
        except NotADirectoryError:
            return True  # a zip file of packages
        except OSError:
            continue
        for name in names:
            if name.endswith(".egg"):
                return True
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8",
                          errors="replace") as handle:
                    if needle in handle.read():
                        return True
            except OSError:
                continue
    return False


class RuleOptions(dict):
    """A rule's resolved options, plus the run-wide settings every rule may read.

    Behaves as a plain mapping of option name to value; `vocabulary` (accepted words and
    names, lower-cased), `names` (house-style canonical -> variants) and `grammar` (backend
    settings) are attributes.
    """

    vocabulary: frozenset[str] = frozenset()
    names: Mapping[str, list[str]] = {}
    grammar: Mapping[str, Any] = {}
    #: set by the engine when the rule cannot run here (a module it needs is missing)
    unavailable: bool = False

    def __getattr__(self, key: str) -> Any:  # options.max_words as well as options["max_words"]
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None

    def __reduce__(self):  # keep the attributes when sent to a worker process
        return (_rebuild_options, (dict(self), self.vocabulary, dict(self.names),
                                   dict(self.grammar)))


def _rebuild_options(data, vocabulary, names, grammar) -> RuleOptions:
    options = RuleOptions(data)
    options.vocabulary, options.names, options.grammar = vocabulary, names, grammar
    return options


@dataclass
class Registry:
    """Every known rule (from all plugins and packs), by code, with name lookup."""

    rules: dict[str, Rule]
    by_name: dict[str, Rule]
    formatters: dict[str, Callable[..., None]]

    @classmethod
    def build(cls, pm: pluggy.PluginManager, config: Config) -> Registry:
        rules: list[Rule] = []
        for contributed in _call(pm, "newslint_add_rules"):
            rules.extend(contributed or ())
        kinds: dict[str, Callable] = {}
        for contributed in reversed(_call(pm, "newslint_add_pack_kinds")):
            kinds.update(contributed or {})
        pack_paths = [p for found in reversed(_call(pm, "newslint_add_rule_packs"))
                      for p in (found or ())]
        try:
            rules.extend(load_packs([*pack_paths, *config.rule_packs], kinds))
        except RuleError as exc:
            raise PackError(str(exc)) from None
        by_code: dict[str, Rule] = {}
        by_name: dict[str, Rule] = {}
        for rule in rules:
            if not isinstance(rule, Rule):
                raise PluginError(f"a plugin returned {rule!r} where a Rule was expected")
            for table, key in ((by_code, rule.code), (by_name, rule.name)):
                if key in table:
                    raise PluginError(
                        f"rule {key} is defined twice ({table[key].source} and {rule.source})"
                    )
                table[key] = rule
        formatters: dict[str, Callable] = {}
        for contributed in reversed(_call(pm, "newslint_add_formatters")):
            formatters.update(contributed or {})
        return cls(dict(sorted(by_code.items())), by_name, formatters)

    def lookup(self, key: str) -> Rule | None:
        return self.rules.get(key.upper()) or self.by_name.get(key)

    def options_for(self, rule: Rule, config: Config) -> RuleOptions:
        """Defaults overlaid with ``[rules.<name>]`` from config, type-checked."""
        options = RuleOptions(rule.options)
        for key, value in config.rules.get(rule.name, {}).items():
            name = key.replace("-", "_")
            if name not in rule.options:
                known = ", ".join(k.replace("_", "-") for k in rule.options) or "none"
                raise NewslintError(
                    f"config: rule {rule.name} has no option {key!r} (options: {known})"
                )
            default = rule.options[name]
            if default is not None and not _same_type(default, value):
                raise NewslintError(
                    f"config: option {rule.name}.{key} must be {type(default).__name__}, "
                    f"got {value!r}"
                )
            options[name] = value
        options.vocabulary = frozenset(w.lower() for w in config.vocabulary)
        options.names = config.names
        options.grammar = config.grammar
        return options

    def check_config(self, config: Config) -> None:
        """Reject rule names and codes in config that match no rule."""
        for name in config.rules:
            if name not in self.by_name:
                raise NewslintError(f"config: [rules.{name}] names no rule (see `newslint rules`)")
        for key in config.severity:
            if self.lookup(key) is None:
                raise NewslintError(f"config: severity override for unknown rule {key!r}")


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def _call(pm: pluggy.PluginManager, hook: str) -> list[Any]:
    try:
        return getattr(pm.hook, hook)()
    except NewslintError:
        raise
    except Exception as exc:
        raise PluginError(f"a plugin failed in {hook}: {exc!r}") from None
