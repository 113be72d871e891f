"""The one rule model: a `Rule` is the same whether it was written in Python or in a TOML pack.

A document rule has `check(doc, options) -> Iterable[Finding]`. A corpus rule has
`collect(doc, options) -> facts` (small and picklable) and
`reduce(facts_by_path, options) -> Iterable[(path, Finding)]`; it never sees other
documents' text, so the same rule runs in one process, a pool or a cluster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping

from .model import CATEGORIES, Finding, Severity

__all__ = ["Rule", "rule", "corpus_rule", "RuleError"]

_CODE = re.compile(r"^[A-Z]{1,4}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

CheckFn = Callable[[Any, Mapping[str, Any]], Iterable[Finding]]
CollectFn = Callable[[Any, Mapping[str, Any]], Any]
ReduceFn = Callable[[Mapping[str, Any], Mapping[str, Any]], Iterable[tuple[str, Finding]]]


class RuleError(ValueError):
    """A rule definition is malformed (bad code, unknown category, missing docs)."""


@dataclass(frozen=True)
class Rule:
    """Metadata plus behaviour of one rule.

    :param code: ``NL`` + three digits for built-ins (plugins may use their own prefix).
    :param name: kebab-case, unique.
    :param category: one of `CATEGORIES`.
    :param summary: one line for `newslint rules`.
    :param explanation: one paragraph saying why an editor cares.
    :param bad: an example the rule reports; ``good``: the fixed or acceptable version.
    :param options: option names with their defaults (config overrides them per rule name).
    :param enabled: on by default (off for costly or opinionated rules).
    :param source: where the rule came from (module or pack file), for `newslint rules`.
    """

    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    explanation: str
    bad: str
    good: str
    check: CheckFn | None = None
    collect: CollectFn | None = None
    reduce: ReduceFn | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True
    fixable: bool = False
    source: str = ""

    def __post_init__(self) -> None:
        problems = []
        if not _CODE.match(self.code):
            problems.append(f"code {self.code!r} is not like NL123")
        if not _NAME.match(self.name):
            problems.append(f"name {self.name!r} is not kebab-case")
        if self.category not in CATEGORIES:
            problems.append(f"category {self.category!r} is not in the shared vocabulary")
        for attr in ("summary", "explanation", "bad", "good"):
            if not str(getattr(self, attr)).strip():
                problems.append(f"{attr} is empty")
        internal = self.category == "input_error"
        if not internal and self.check is None and (self.collect is None or self.reduce is None):
            problems.append("needs check(), or collect() and reduce()")
        if problems:
            raise RuleError(f"rule {self.code} ({self.source or self.name}): " + "; ".join(problems))

    @property
    def is_corpus(self) -> bool:
        return self.collect is not None

    def url(self) -> str:
        """The rule's documentation page. One string per rule, made once: every diagnostic
        carries it, and a shared string is pickled once per batch a worker sends back."""
        found = self.__dict__.get("_url")
        if found is None:
            found = self.__dict__["_url"] = \
                f"https://newslint.readthedocs.io/en/latest/rules/#{self.code.lower()}"
        return found


def _make(kind: str, **meta: Any) -> Callable:
    def decorate(fn: Callable) -> Callable:
        doc = (fn.__doc__ or "").strip()
        summary = meta.pop("summary", None) or doc.split("\n", 1)[0]
        explanation = meta.pop("explanation", None) or " ".join(doc.split())
        if kind == "check":
            obj = Rule(check=fn, summary=summary, explanation=explanation,
                       source=fn.__module__, severity=Severity.parse(meta.pop("severity")),
                       **meta)
        else:
            obj = Rule(collect=fn, reduce=meta.pop("reduce"), summary=summary,
                       explanation=explanation, source=fn.__module__,
                       severity=Severity.parse(meta.pop("severity")), **meta)
        fn.rule = obj  # type: ignore[attr-defined]
        return fn

    return decorate


def rule(
    *,
    code: str,
    name: str,
    category: str,
    severity: str | Severity,
    bad: str,
    good: str,
    summary: str | None = None,
    explanation: str | None = None,
    options: Mapping[str, Any] | None = None,
    enabled: bool = True,
    fixable: bool = False,
) -> Callable:
    """Declare a document rule: decorate ``def check(doc, options) -> Iterable[Finding]``.

    The docstring's first line is the summary and the whole docstring the explanation,
    unless given. The function gets a `.rule` attribute holding the `Rule`.
    """
    return _make("check", code=code, name=name, category=category, severity=severity,
                 bad=bad, good=good, summary=summary, explanation=explanation,
                 options=dict(options or {}), enabled=enabled, fixable=fixable)


def corpus_rule(
    *,
    code: str,
    name: str,
    category: str,
    severity: str | Severity,
    bad: str,
    good: str,
    reduce: ReduceFn,
    summary: str | None = None,
    explanation: str | None = None,
    options: Mapping[str, Any] | None = None,
    enabled: bool = True,
    fixable: bool = False,
) -> Callable:
    """Declare a corpus rule: decorate ``def collect(doc, options) -> facts``; pass `reduce`."""
    return _make("collect", code=code, name=name, category=category, severity=severity,
                 bad=bad, good=good, reduce=reduce, summary=summary, explanation=explanation,
                 options=dict(options or {}), enabled=enabled, fixable=fixable)


def rules_in(module: Any) -> list[Rule]:
    """Every Rule declared with @rule/@corpus_rule in a module, in definition order."""
    found = []
    for value in vars(module).values():
        candidate = getattr(value, "rule", None)
        if isinstance(candidate, Rule) and getattr(value, "__module__", None) == module.__name__:
            found.append(candidate)
    return found


_PATTERN_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn",
                       "split", "scanner", "pattern", "flags", "groups", "groupindex")


class LazyRegex:
    """A regular expression compiled on first use, used like an `re.Pattern`.

    Rule modules are all imported when the linter starts, and compiling their patterns there
    is a large part of start-up; most runs (one file, a selection of rules) never use most of
    them. The first attribute looked up compiles the pattern and stores the compiled
    pattern's methods on the instance, so later calls cost what the plain pattern's do.
    """

    def __init__(self, pattern: str | Callable[[], str], flags: int = 0):
        self._source, self._flags = pattern, flags

    def compiled(self) -> re.Pattern:
        source = self._source
        regex = re.compile(source() if callable(source) else source, self._flags)
        for attribute in _PATTERN_ATTRIBUTES:
            setattr(self, attribute, getattr(regex, attribute))
        self.compiled = lambda: regex  # type: ignore[method-assign]
        return regex

    def __getattr__(self, name: str) -> Any:  # only reached before the first compile
        if name.startswith("__") or name not in _PATTERN_ATTRIBUTES:
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def lazy_regex(pattern: str | Callable[[], str], flags: int = 0) -> LazyRegex:
    """`re.compile`, deferred to first use (`pattern` may be a function returning the source)."""
    return LazyRegex(pattern, flags)


def matches_at(pattern: re.Pattern | LazyRegex, text: str, starts: Iterable[int],
               end: int | None = None) -> Iterator[re.Match]:
    """What ``pattern.finditer(text, 0, end)`` finds, tried only at `starts` (ascending),
    for a pattern whose every match begins at one of them: a cheap search for those places
    (str.find, a rare first character, line starts) then spares the regex a try at every
    character. A start inside the previous match is skipped, as finditer skips it."""
    match = pattern.match
    resume = 0
    for at in starts:
        if at < resume:
            continue
        found = match(text, at) if end is None else match(text, at, end)
        if found is not None:
            resume = found.end()
            yield found
