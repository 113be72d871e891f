"""Grammar and spelling backends behind one interface (ARCHITECTURE decision 8).

Settings live in the ``[tool.newslint.grammar]`` table (``options.grammar`` in a rule):

``backend``
    the grammar engine: ``"auto"`` (default: the first available of ``harper`` and a
    configured or already-installed ``languagetool``), a backend name, or ``"off"``.
``spelling``
    the speller behind the spelling rule: ``"dictionary"`` (default: offline, cheap),
    ``"backend"`` (the grammar engine's own speller), a backend name, or ``"off"``.
``language``
    ``"en-US"`` (default), ``"en-GB"``, ... as LanguageTool spells it.
``server``
    the URL of a LanguageTool server (self-hosted). Without it, ``languagetool`` starts a
    local LanguageTool (Java, downloaded by language-tool-python on first use).
``allow-public-api``
    ``false`` (default). LanguageTool's public API receives the whole text; it is used only
    when ``server`` names it *and* this is ``true``. Drafts stay private by default.
``disabled-rules``
    backend rule ids whose reports are dropped (added to newslint's own list of rules that
    are noisy on news).
``timeout``
    seconds to wait for a LanguageTool server (default 10).

Backends are built lazily, once per process and settings, the first time a selected rule
asks for one, so an unselected slow backend costs nothing.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import threading
from typing import Any, Callable, Mapping

from ..errors import ConfigError
from .base import Backend, BackendUnavailable, Match

__all__ = ["Backend", "BackendUnavailable", "Match", "BACKENDS", "GRAMMAR_DEFAULTS",
           "validate_grammar_settings", "grammar_backend", "spelling_backend", "settings_of"]

def _log():
    """The backends' logger; `logging` is imported only when there is something to say."""
    import logging

    return logging.getLogger("newslint.backends")

GRAMMAR_DEFAULTS: dict[str, Any] = {
    "backend": "auto",
    "spelling": "dictionary",
    "language": "en-US",
    "server": "",
    "allow_public_api": False,
    "disabled_rules": [],
    "timeout": 10.0,
}

#: backends that check grammar (the dictionary only spells), in the order "auto" tries them
GRAMMAR_ENGINES = ("harper", "languagetool")
AUTO_ORDER = GRAMMAR_ENGINES


def _make_dictionary(settings: Mapping[str, Any]) -> Backend:
    from .dictionary import DictionaryBackend

    return DictionaryBackend()


def _make_harper(settings: Mapping[str, Any]) -> Backend:
    from .harper import HarperBackend

    return HarperBackend(language=settings["language"])


def _make_languagetool(settings: Mapping[str, Any]) -> Backend:
    from .languagetool import LanguageToolBackend

    return LanguageToolBackend(language=settings["language"], server=settings["server"],
                               allow_public_api=settings["allow_public_api"],
                               timeout=float(settings["timeout"]))


#: name -> factory; a factory raises BackendUnavailable with a reason when it cannot run
BACKENDS: dict[str, Callable[[Mapping[str, Any]], Backend]] = {
    "dictionary": _make_dictionary,
    "harper": _make_harper,
    "languagetool": _make_languagetool,
}


def validate_grammar_settings(table: Mapping[str, Any], where: str = "grammar") -> dict[str, Any]:
    """Check a ``grammar`` table: unknown keys and wrong types are a ConfigError."""
    out: dict[str, Any] = {}
    known = ", ".join(k.replace("_", "-") for k in GRAMMAR_DEFAULTS)
    for raw_key, value in table.items():
        key = str(raw_key).replace("-", "_")
        if key not in GRAMMAR_DEFAULTS:
            raise ConfigError(f"{where}: unknown key {raw_key!r} (known: {known})")
        label = f"{where}.{raw_key}"
        default = GRAMMAR_DEFAULTS[key]
        if isinstance(default, bool):
            if not isinstance(value, bool):
                raise ConfigError(f"{label} must be true or false")
        elif isinstance(default, float):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise ConfigError(f"{label} must be a positive number of seconds")
        elif isinstance(default, list):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{label} must be a list of strings")
        elif not isinstance(value, str):
            raise ConfigError(f"{label} must be a string")
        out[key] = value
    choices = {"backend": ("auto", "off", *GRAMMAR_ENGINES),
               "spelling": ("backend", "off", *BACKENDS)}
    for key, allowed in choices.items():
        if key in out and out[key] not in allowed:
            raise ConfigError(f"{where}.{key} is {out[key]!r}; expected one of "
                              f"{', '.join(allowed)}")
    return out


def settings_of(grammar: Mapping[str, Any] | None) -> dict[str, Any]:
    """The defaults overlaid with a (validated) grammar table."""
    settings = dict(GRAMMAR_DEFAULTS)
    settings.update(validate_grammar_settings(grammar or {}))
    return settings


# -- one instance per process and settings, built on first use -------------------------------
_lock = threading.Lock()
_instances: dict[tuple, Backend | None] = {}
_notices: set[object] = set()


def _key(name: str, settings: Mapping[str, Any]) -> tuple:
    return (name, settings["language"], settings["server"], settings["allow_public_api"],
            float(settings["timeout"]))


def _build(name: str, settings: Mapping[str, Any]) -> Backend:
    """The backend `name`, built once; raise BackendUnavailable with the reason."""
    key = _key(name, settings)
    with _lock:
        if key in _instances:
            backend = _instances[key]
            if backend is None:
                raise BackendUnavailable(f"{name} is not available (see the earlier notice)")
            return backend
        try:
            backend = BACKENDS[name](settings)
        except BackendUnavailable:
            _instances[key] = None
            raise
        _instances[key] = backend
        return backend


#: Set by the command line once it has announced the backends, so that worker processes
#: (which inherit the environment) do not repeat the notice.
ANNOUNCED_ENV = "NEWSLINT_BACKENDS_ANNOUNCED"


def _notice(message: str, topic: str = "") -> None:
    """Say it once per process on stderr (a notice, not a failure), unless the command line
    has already said it for this topic."""
    if topic and topic in os.environ.get(ANNOUNCED_ENV, "").split(","):
        return
    if message not in _notices:
        _notices.add(message)
        _log().warning("newslint: %s", message)


def _available(name: str, settings: Mapping[str, Any]) -> bool:
    """A cheap guess (no backend is built) of whether `name` can run here."""
    if name == "dictionary":
        return importlib.util.find_spec("spellchecker") is not None
    if name == "harper":
        return importlib.util.find_spec("harper") is not None
    if name == "languagetool":
        return importlib.util.find_spec("language_tool_python") is not None and \
            _languagetool_ready(settings)
    return False


def planned_backends(grammar: Mapping[str, Any] | None, rule_names) -> dict[str, str | None]:
    """Which backend each selected backend rule would use: {"grammar": "harper", ...}."""
    settings = settings_of(grammar)
    names = set(rule_names)
    plan: dict[str, str | None] = {}
    if "grammar" in names:
        wanted = settings["backend"]
        if wanted == "auto":
            wanted = next((n for n in AUTO_ORDER if _available(n, settings)), None)
        plan["grammar"] = None if wanted == "off" else wanted
    if "misspelling" in names:
        wanted = settings["spelling"]
        if wanted == "backend":
            wanted = plan.get("grammar") or settings["backend"]
        plan["spelling"] = None if wanted in ("off", "auto") else wanted
    return plan


def announce(grammar: Mapping[str, Any] | None, rule_names, verbose: bool = False,
             stream=None) -> None:
    """For the command line: say once which backends the run uses (with --verbose), and
    give one notice when a selected grammar rule has no backend; workers then stay quiet."""
    stream = stream or sys.stderr
    settings = settings_of(grammar)
    plan = planned_backends(grammar, rule_names)
    said = []
    for purpose, name in plan.items():
        asked = settings["backend" if purpose == "grammar" else "spelling"]
        if name is None and asked != "off":
            stream.write(f"newslint: no {purpose} backend is available ({purpose} not "
                         "checked): install harper-py, or set grammar.server to a "
                         "LanguageTool server\n")
            said.append(purpose)
        elif verbose and name is not None:
            how = f"{asked} -> {name}" if asked in ("auto", "backend") else name
            stream.write(f"newslint: {purpose} backend: {how}\n")
    if said:
        os.environ[ANNOUNCED_ENV] = ",".join(said)


def grammar_backend(grammar: Mapping[str, Any] | None) -> Backend | None:
    """The grammar engine the settings ask for, or None (off, or nothing available)."""
    settings = settings_of(grammar)
    wanted = settings["backend"]
    if wanted == "off":
        return None
    if wanted != "auto":
        try:
            backend = _build(wanted, settings)
        except BackendUnavailable as exc:
            _notice(f"grammar backend {wanted!r} is not available: {exc}; grammar not checked")
            return None
        _log().info("newslint: grammar backend: %s", wanted)
        return backend
    reasons = []
    for name in AUTO_ORDER:
        if name == "languagetool" and not _languagetool_ready(settings):
            reasons.append("languagetool: no server configured and no local LanguageTool "
                           "installed")
            continue
        try:
            backend = _build(name, settings)
        except BackendUnavailable as exc:
            reasons.append(f"{name}: {exc}")
            continue
        if ("auto", name) not in _notices:
            _notices.add(("auto", name))
            _log().info("newslint: grammar backend auto -> %s", name)
        return backend
    _notice("no grammar backend is available (" + "; ".join(reasons) + "); grammar not "
            "checked. Install harper-py, or set grammar.server to a LanguageTool server.",
            topic="grammar")
    return None


def spelling_backend(grammar: Mapping[str, Any] | None) -> Backend | None:
    """The speller the settings ask for (the dictionary unless configured otherwise)."""
    settings = settings_of(grammar)
    wanted = settings["spelling"]
    if wanted == "off":
        return None
    if wanted == "backend":
        backend = grammar_backend(grammar)
        if backend is not None and "spelling" not in backend.provides:
            _notice(f"grammar backend {backend.name} has no speller; spelling not checked")
            return None
        return backend
    try:
        return _build(wanted, settings)
    except BackendUnavailable as exc:
        _notice(f"spelling backend {wanted!r} is not available: {exc}; spelling not checked")
        return None


def _languagetool_ready(settings: Mapping[str, Any]) -> bool:
    """"auto" uses LanguageTool only without a download: a server, or a local install."""
    if settings["server"]:
        return True
    from .languagetool import local_install_present

    return local_install_present()


def reset() -> None:
    """Forget built backends (tests; the language server after a settings change)."""
    with _lock:
        for backend in _instances.values():
            if backend is not None:
                backend.close()
        _instances.clear()
        _notices.clear()
