"""LanguageTool through language-tool-python: a configured server, or a local LanguageTool.

A server named in ``grammar.server`` (a self-hosted LanguageTool) is used as given. Without
one, language-tool-python starts a local LanguageTool, which needs Java and downloads
LanguageTool on first use: "auto" only picks it when it is already installed, and only an
explicit ``backend = "languagetool"`` may trigger the download. LanguageTool's public API is
never used unless the user both names it as the server and sets ``allow-public-api``: a draft
sent there leaves the newsroom.

`map_match` turns one LanguageTool match, in the JSON shape of LanguageTool's HTTP API
(``/v2/check``: ``offset`` and ``length`` in UTF-16 code units, ``rule.id``,
``rule.issueType``, ``rule.category.id``, ``replacements[].value``) or as a
language-tool-python ``Match`` object, into a backend-neutral `Match`.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlparse

from .base import Backend, BackendUnavailable, Match

__all__ = ["LanguageToolBackend", "map_match", "kind_of", "local_install_present",
           "is_public_api"]

_PUBLIC_HOSTS = ("languagetool.org", "api.languagetool.org", "www.languagetool.org",
                 "languagetoolplus.com", "api.languagetoolplus.com")

_SPACING_RULES = frozenset({"WHITESPACE_RULE", "COMMA_PARENTHESIS_WHITESPACE",
                            "SPACE_BEFORE_PARENTHESIS", "DOUBLE_WHITESPACE"})
_REPETITION_RULES = frozenset({"ENGLISH_WORD_REPEAT_RULE", "ENGLISH_WORD_REPEAT_BEGINNING_RULE"})
_GRAMMAR_CATEGORIES = frozenset({"GRAMMAR", "CONFUSED_WORDS", "COLLOCATIONS", "SEMANTICS",
                                 "NONSTANDARD_PHRASES", "MISC"})


def kind_of(rule_id: str, category: str, issue_type: str) -> str:
    """LanguageTool's rule id, category id and issue type -> a backend-neutral kind."""
    if issue_type == "misspelling" or rule_id.startswith(("MORFOLOGIK_RULE", "HUNSPELL")):
        return "spelling"
    if rule_id in _SPACING_RULES or issue_type == "whitespace":
        return "spacing"
    if rule_id in _REPETITION_RULES or issue_type == "duplication":
        return "repetition"
    if category == "CASING":
        return "capitalization"
    if category in ("PUNCTUATION", "TYPOGRAPHY"):
        return "punctuation"
    if category in _GRAMMAR_CATEGORIES or issue_type == "grammar":
        return "grammar"
    return "style"


def _utf16_to_code_points(text: str, offset: int) -> int:
    """A UTF-16 offset (what LanguageTool, a Java program, counts) as a code-point offset."""
    if text.isascii():
        return offset
    units = 0
    for index, char in enumerate(text):
        if units >= offset:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def map_match(raw: Any, text: str) -> Match:
    """One LanguageTool match (JSON dict or language-tool-python Match) as a `Match`."""
    if isinstance(raw, Mapping):
        rule = raw.get("rule") or {}
        rule_id = str(rule.get("id", ""))
        category = str((rule.get("category") or {}).get("id", ""))
        issue_type = str(rule.get("issueType", ""))
        start = _utf16_to_code_points(text, int(raw["offset"]))
        end = _utf16_to_code_points(text, int(raw["offset"]) + int(raw["length"]))
        message = str(raw.get("message", ""))
        replacements = tuple(str(r.get("value", "")) for r in raw.get("replacements") or ()
                             if r.get("value"))
    else:  # language-tool-python has already moved `offset` to code points, not `length`
        rule_id, category = str(raw.rule_id), str(raw.category)
        issue_type = str(getattr(raw, "rule_issue_type", ""))
        start = int(raw.offset)
        units = int(raw.error_length)
        end = min(start + units, len(text))
        while end > start and len(text[start:end].encode("utf-16-le")) // 2 > units:
            end -= 1
        message = str(raw.message)
        replacements = tuple(str(r) for r in raw.replacements if r)
    return Match(start, max(end, start), kind_of(rule_id, category, issue_type), rule_id,
                 message, replacements[:3])


def is_public_api(url: str) -> bool:
    host = (urlparse(url if "//" in url else f"//{url}").hostname or "").lower()
    return host in _PUBLIC_HOSTS


def local_install_present() -> bool:
    """Java on PATH and a LanguageTool that language-tool-python downloaded earlier."""
    if shutil.which("java") is None:
        return False
    folder = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    try:
        return any(p.is_dir() for p in folder.glob("LanguageTool*"))
    except OSError:
        return False


class LanguageToolBackend(Backend):
    """LanguageTool's matches, mapped to newslint kinds."""

    name = "languagetool"
    provides = frozenset({"spelling", "grammar"})
    offline = False

    def __init__(self, language: str = "en-US", server: str = "",
                 allow_public_api: bool = False, timeout: float = 10.0) -> None:
        if server and is_public_api(server) and not allow_public_api:
            raise BackendUnavailable(
                f"{server} is LanguageTool's public API, which would receive the whole "
                "article; set grammar.allow-public-api = true to allow it")
        if not server and shutil.which("java") is None:
            raise BackendUnavailable("a local LanguageTool needs Java (none on PATH); or set "
                                     "grammar.server to a LanguageTool server")
        try:
            import language_tool_python
        except ImportError:
            raise BackendUnavailable("language-tool-python is not installed") from None
        try:
            self._tool = language_tool_python.LanguageTool(
                language, remote_server=server or None)
        except Exception as exc:  # no server, no Java, download refused: say why
            raise BackendUnavailable(f"LanguageTool could not start: {exc}") from None
        self._tool._TIMEOUT = timeout  # requests' timeout for each check
        self._lock = threading.Lock()

    def check(self, text: str) -> list[Match]:
        with self._lock:
            raw = self._tool.check(text)
        return sorted((map_match(m, text) for m in raw), key=lambda m: (m.start, m.end))

    def close(self) -> None:
        try:
            self._tool.close()
        except Exception:  # pragma: no cover - closing a dead server
            pass
