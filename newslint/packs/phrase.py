"""The built-in declarative kind ``phrase``: lists of phrases and patterns in a TOML table.

One ``[[rule]]`` table may hold any of these match groups, each compiled once into one
regular expression (phrase lists as a factored trie):

- ``phrases``: anywhere in the text, on word boundaries;
- ``lines``: a whole line (after trimming white space and closing punctuation);
- ``line_starts``: the start of a line;
- ``patterns``: regular expressions (multiline mode: ``^``/``$`` are line edges).

Matching ignores case unless ``case_sensitive = true``. ``fix = "delete-line"`` offers to
delete the matched line; a ``[rule.replacements]`` table offers the listed replacement.

Patterns may come from users, so they cannot hang the linter: outside the packs shipped with
newslint they are compiled with the `regex` module, probed at load time with short adversarial
strings (a pattern that backtracks catastrophically on one of them is refused with a
PackError), and every run on a document is limited to `PATTERN_TIMEOUT` seconds (over it the
rule stops on that file with one report). Shipped packs use the faster `re` module; a test
times each of their patterns on adversarial strings. Phrase lists compile to tries of
literals, which match in linear time. Shipped packs compile on a rule's first use (see
`PhraseCheck`); user packs at load time, so that a bad pattern is refused at once.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Iterable, Iterator, Mapping

from ..document import utf8_bytes
from ..errors import PackError
from ..model import Finding, Fix, Severity
from ..rule import LazyRegex, Rule, matches_at
from .trie import trie_pattern

try:  # the parser of the `re` module, to see where a pattern can match
    import re._constants as _sre_constants
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_REQUIRED = ("code", "name", "category", "severity", "summary", "explanation", "bad", "good",
             "message")
_KNOWN = set(_REQUIRED) | {"kind", "phrases", "lines", "line_starts", "patterns",
                           "case_sensitive", "fix", "replacements", "enabled", "max_line_words"}
# Written so that no two adjacent parts can match the same blank: `[ \t]*[punct]*[ \t]*`
# backtracked quadratically on a listed word followed by a long run of spaces.
_TRAILING = r"[ \t]*(?:[.:!?,;\-–—…|]+[ \t]*)?"

#: Seconds one document may spend in one rule's `patterns`, plus a little per character (a
#: linear pattern takes under 5 microseconds a character); then the rule stops on that file.
PATTERN_TIMEOUT = 2.0
PATTERN_SECONDS_PER_CHAR = 1e-5
#: Seconds a pattern may spend on one short probe string at load time.
PROBE_TIMEOUT = 0.05


class PatternTimeout(RuntimeError):
    """A rule's patterns ran over PATTERN_TIMEOUT seconds on one document."""


_TRUSTED: ContextVar[bool] = ContextVar("newslint_trusted_patterns", default=False)


@contextmanager
def trusted_patterns(trusted: bool) -> Iterator[None]:
    """Within this block, build pack patterns without the probe and time limit (shipped packs)."""
    token = _TRUSTED.set(trusted)
    try:
        yield
    finally:
        _TRUSTED.reset(token)


def build_phrase_rule(table: Mapping[str, Any], source: str) -> Rule:
    """Turn one ``[[rule]]`` table into a `Rule` (raises PackError naming the problem)."""
    where = f"{source}: rule {table.get('code', '?')}"
    unknown = set(table) - _KNOWN
    if unknown:
        raise PackError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    missing = [key for key in _REQUIRED if key not in table]
    if missing:
        raise PackError(f"{where}: missing key(s) {', '.join(missing)}")
    for key in ("phrases", "lines", "line_starts", "patterns"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise PackError(f"{where}: {key} must be a list of strings")
    replacements = table.get("replacements", {})
    if not isinstance(replacements, dict):
        raise PackError(f"{where}: replacements must be a table of phrase = replacement")
    fix_mode = table.get("fix")
    if fix_mode not in (None, "delete-line", "replace"):
        raise PackError(f"{where}: fix must be \"delete-line\" or \"replace\"")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in replacements.items()):
        raise PackError(f"{where}: replacements must map phrases to replacement strings")
    for key in ("case_sensitive", "enabled"):
        if not isinstance(table.get(key, False), bool):
            raise PackError(f"{where}: {key} must be true or false")
    max_words = table.get("max_line_words", 0)
    if type(max_words) is not int or max_words < 0:
        raise PackError(f"{where}: max_line_words must be a whole number")
    try:
        str(table["message"]).format(match="x", replacement="y")
    except (KeyError, IndexError, ValueError) as exc:
        raise PackError(f"{where}: message may only use {{match}} and {{replacement}} "
                        f"placeholders ({exc!r})") from None
    case_sensitive = bool(table.get("case_sensitive", False))
    try:
        severity = Severity.parse(table["severity"])
    except ValueError as exc:
        raise PackError(f"{where}: {exc}") from None
    if not any(table.get(key) for key in ("phrases", "lines", "line_starts", "patterns")):
        raise PackError(f"{where}: needs phrases, lines, line_starts or patterns")
    fold = (lambda s: s) if case_sensitive else str.lower
    repl = {fold(k): v for k, v in replacements.items()}
    check = PhraseCheck(table, case_sensitive, where, str(table["code"]), str(table["message"]),
                        fix_mode, repl, max_words)
    if not _TRUSTED.get():
        check.matchers  # user patterns: compile and probe now, so a bad pack fails at load
    try:
        return Rule(
            code=str(table["code"]), name=str(table["name"]), category=str(table["category"]),
            severity=severity, summary=str(table["summary"]),
            explanation=" ".join(str(table["explanation"]).split()),
            bad=str(table["bad"]), good=str(table["good"]), check=check,
            enabled=bool(table.get("enabled", True)), fixable=fix_mode is not None or bool(repl),
            source=source,
        )
    except ValueError as exc:
        raise PackError(str(exc)) from None


class PhraseCheck:
    """The check of one phrase rule. Its regular expressions are compiled on first use: the
    shipped packs hold hundreds of phrases, and compiling them all at start-up costs more than
    linting a file with them (user packs are compiled and probed at load time, see
    build_phrase_rule)."""

    def __init__(self, table: Mapping[str, Any], case_sensitive: bool, where: str, code: str,
                 message: str, fix_mode: str | None, repl: dict[str, str], max_words: int):
        self._table = {key: list(table.get(key, [])) for key in
                       ("phrases", "lines", "line_starts", "patterns")}
        self._case_sensitive = case_sensitive
        self._where = where
        self._trusted = _TRUSTED.get()
        self._compiled: list[tuple[Any, bool, bool]] | None = None
        self._ignorecase: dict[int, Any] = {}
        self.code, self.message, self.fix_mode = code, message, fix_mode
        self.repl, self.max_words = repl, max_words
        self.fold = (lambda s: s) if case_sensitive else str.lower
        self._share_phrases()

    def _share_phrases(self) -> None:
        """Put the phrases of a shipped, case-folded phrase list in the shared word gate."""
        table = self._table
        self._shared = bool(self._trusted and not self._case_sensitive and table["phrases"]
                            and not table["lines"] and not table["line_starts"])
        if self._shared:
            share_word_gate(table["phrases"])

    def _pairs(self) -> list[tuple[Any, bool, bool]]:
        if self._compiled is None:
            token = _TRUSTED.set(self._trusted)
            try:
                self._compiled = _compile(self._table, self._case_sensitive, self._where)
            finally:
                _TRUSTED.reset(token)
            facts = [_pattern_facts(regex) if not word_start else (False, None)
                     for regex, _, word_start in self._compiled]
            self._at_line_starts = [at_line_starts for at_line_starts, _ in facts]
            self._required = [required for _, required in facts]
            self._gates: dict[int, Any] = {}
            self._gate_sources = {
                index: word_gate_source(self._table["phrases"])
                for index, (_, on_lowered, word_start) in enumerate(self._compiled)
                if word_start and on_lowered}
        return self._compiled

    @property
    def matchers(self) -> list[Any]:
        """The compiled regular expressions (for the ReDoS tests)."""
        return [regex.compiled() if isinstance(regex, LazyRegex) else regex
                for regex, _, _ in self._pairs()]

    @property
    def gates(self) -> list[Any]:
        """The compiled word gates, bytes patterns (for the ReDoS tests)."""
        self._pairs()
        return [self._gate(index) for index in sorted(self._gate_sources)]

    def _gate(self, index: int) -> Any:
        """The word gate of the phrase regex `index` (compiled on first use), or None."""
        gate = self._gates.get(index)
        if gate is None and index in self._gate_sources:
            gate = self._gates[index] = re.compile(self._gate_sources[index])
        return gate

    def __getstate__(self) -> dict[str, Any]:  # pickle the tables, not the compiled patterns
        state = dict(self.__dict__)
        state["_compiled"], state["_ignorecase"] = None, {}
        state.pop("_at_line_starts", None)
        state.pop("_required", None)
        state.pop("_gates", None)
        state.pop("_gate_sources", None)
        del state["fold"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.fold = (lambda s: s) if self._case_sensitive else str.lower
        self._share_phrases()  # in a worker process, the shared gate starts empty

    def _case_blind(self, index: int, regex: Any) -> Any:
        """`regex` with IGNORECASE, for text whose lower-casing changes its length."""
        found = self._ignorecase.get(index)
        if found is None:
            found = self._ignorecase[index] = re.compile(regex.pattern,
                                                         regex.flags | re.IGNORECASE)
        return found

    def __call__(self, doc, options) -> Iterator[Finding]:
        text = doc.text
        fold, repl, fix_mode, max_words = self.fold, self.repl, self.fix_mode, self.max_words
        for index, (regex, on_lowered, word_start) in enumerate(self._pairs()):
            haystack = doc.lowered if on_lowered else text
            if haystack is None:  # lower() changed the length: match case-insensitively
                haystack, regex = text, self._case_blind(index, regex)
            required = self._required[index]
            if required is not None and required not in haystack:
                continue  # every match holds this character, and the text has none
            if word_start:
                spans = None
                if on_lowered and haystack is doc.lowered and index in self._gate_sources:
                    if self._shared:
                        if not gate_finds(self._gate(index), doc):
                            continue  # no listed phrase can start at a word start
                        spans = shared_word_start_spans(regex, doc)  # only where one can
                    elif self._gate(index).search(word_bytes(doc)) is None:
                        continue  # no listed phrase can start at a word start
                if spans is None:
                    spans = word_start_spans(regex, haystack)
            elif self._at_line_starts[index] and hasattr(doc, "line_starts"):
                spans = line_start_spans(regex, haystack, doc.line_starts)
            else:
                spans = (match.span() for match in _finditer(regex, haystack, self.code))
            for start, end in spans:
                start, end = _trim(text, start, end)
                if start >= end:
                    continue
                if max_words and _line_words(text, start) > max_words:
                    continue
                found = text[start:end]
                replacement = repl.get(fold(found))
                fix = None
                if fix_mode == "delete-line":
                    fix = _delete_line(text, start)
                elif replacement is not None:
                    fix = Fix(start, end, match_case(found, replacement),
                              safe=fix_mode == "replace")
                yield Finding(start, end, self.message.format(
                    match=found, replacement=replacement or ""), fix=fix)


def _compile(
    table: Mapping[str, Any], case_sensitive: bool, where: str
) -> list[tuple[Any, bool, bool]]:
    """Compile the match groups: (regex, runs on lower-cased text, is a WORD_START phrase
    regex) triples, at most two."""
    fold = (lambda s: s) if case_sensitive else str.lower
    listed: list[str] = []
    phrases = [fold(p) for p in table.get("phrases", [])]
    lines = [fold(p) for p in table.get("lines", [])]
    starts = [fold(p) for p in table.get("line_starts", [])]
    out: list[tuple[Any, bool, bool]] = []
    if phrases and not lines and not starts:  # the common case: see word_start_spans
        # compiled on first use: with case folded, a cheaper gate (word_gate) decides first
        # whether the text can hold a phrase at all, and it rarely can
        source = WORD_START + "(?:" + trie_pattern(phrases) + r")(?!\w)"
        out.append((LazyRegex(source) if not case_sensitive else re.compile(source),
                    not case_sensitive, True))
    elif phrases:
        listed.append(r"(?<!\w)(?:" + trie_pattern(phrases) + r")(?!\w)")
    if lines:
        listed.append(r"^[ \t]*(?:" + trie_pattern(lines) + ")" + _TRAILING + "$")
    if starts:
        listed.append(r"^[ \t]*(?:" + trie_pattern(starts) + r")(?!\w)")
    if listed:
        out.append((re.compile("|".join(listed), re.MULTILINE), not case_sensitive, False))
    patterns = table.get("patterns", [])
    if patterns:
        trusted = _TRUSTED.get()
        engine = re if trusted else _regex_module()
        flags = engine.MULTILINE | (0 if case_sensitive else engine.IGNORECASE)
        for pattern in patterns:
            try:
                if trusted:  # shipped: parsed now, compiled with the others on first use
                    _sre_parse.parse(pattern, flags)
                else:
                    compiled = engine.compile(pattern, flags)
            except engine.error as exc:
                raise PackError(f"{where}: pattern {pattern!r} does not compile: {exc}") from None
            if not trusted:
                _probe(compiled, pattern, where)
        joined = "|".join(f"(?:{p})" for p in patterns)
        out.append((LazyRegex(joined, flags) if trusted else engine.compile(joined, flags),
                    False, False))
    return out


#: Phrase lists alone compile to this, then the trie, then ``(?!\w)``. It matches the character
#: before the phrase, which must not be a word character (as ``(?<!\w)`` would demand). The
#: class below is a superset of the non-word characters that `re` scans for in C, trying the
#: trie only after them; a lookbehind in front makes it try every position (about 3x slower),
#: so word_start_spans rejects the rare word character the class lets through.
WORD_START = r"[^a-zA-Z0-9_]"


def word_start_spans(regex: re.Pattern, haystack: str) -> Iterator[tuple[int, int]]:
    r"""The spans ``(?<!\w)(?:trie)(?!\w)`` would find with finditer, from a WORD_START regex:
    leftmost first, the longest phrase at each start, without overlaps."""
    padded = " " + haystack  # the start of the text is a word start; offsets shift by one
    search = regex.search
    pos = 0
    while True:
        match = search(padded, pos)
        if match is None:
            return
        before = match.start()  # in `haystack` coordinates: where the phrase starts
        char = padded[before]
        if char.isalnum() or char == "_":  # a word character: not a word start
            pos = before + 1
            continue
        end = match.end()
        yield before, end - 1
        pos = end - 1  # the next phrase may start where this one ends


#: UTF-8 byte -> itself for an ASCII word character (a-z, 0-9, _), a space for any other
#: byte that starts a character; bytes that continue one are deleted (see _word_form).
_WORD_BYTES = bytes(b if chr(b) in "abcdefghijklmnopqrstuvwxyz0123456789_" else 32
                    for b in range(256))
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


def _word_form(text: str) -> bytes:
    """`text` as one byte per character: the character itself for an ASCII word character,
    a space for any other (its UTF-8 form with _WORD_BYTES applied and the bytes that
    continue a character deleted), so offsets into the bytes are offsets into the text."""
    return text.encode("utf-8", "surrogatepass").translate(_WORD_BYTES, _CONTINUATION_BYTES)


#: _WORD_BYTES with ASCII capitals lowered: for the UTF-8 form of doc.text (see word_bytes).
_LOWERING_WORD_BYTES = bytes(b | 0x20 if 65 <= b <= 90 else c for b, c in enumerate(_WORD_BYTES))
#: The one character outside ASCII whose lower case is an ASCII word character (K, the
#: Kelvin sign, lowers to "k"); "İ" lowers to two characters (then doc.lowered is None).
_LOWERS_TO_ASCII = "\u212a"


def word_bytes(doc) -> bytes:
    """" " + doc.lowered (not None) as one byte per character (_word_form), computed once per document
    and shared by every phrase rule: the text of word_gate_source. An offset into it is an
    offset into " " + doc.lowered. Made from the document's UTF-8 form, which the Document
    keeps: capitals lowered by the table, any other character outside ASCII a space either
    way (each character of doc.text lowers to one of doc.lowered, and only the Kelvin sign
    to an ASCII one)."""
    store = getattr(doc, "__dict__", {})
    found = store.get("_newslint_word_bytes")
    if found is None:
        if _LOWERS_TO_ASCII in doc.text:
            found = _word_form(" " + doc.lowered)
        else:
            found = b" " + utf8_bytes(doc).translate(_LOWERING_WORD_BYTES, _CONTINUATION_BYTES)
        store["_newslint_word_bytes"] = found
    return found


def _gate_form(phrase: str) -> str:
    return _word_form(phrase.lower()).decode("ascii")


#: The phrases of every shipped phrase rule, and the anchor words of code rules that scan
#: for words the same way (share_word_gate), in their word_bytes form. One scan for all of
#: them (shared_gate_hits) tells each of those rules at once that it can find nothing, as
#: it finds in most articles, or where to try its own gate: one scan instead of one per rule.
_SHARED_WORDS: dict[str, None] = {}
#: [compiled gate, len(_SHARED_WORDS) when it was compiled]
_SHARED_GATE: list[Any] = [None, -1]


def share_word_gate(phrases: Iterable[str]) -> None:
    r"""Add phrases to the shared word gate: lower-case phrases a rule finds in doc.lowered
    with a WORD_START pattern ending in ``(?!\w)`` (or ``\b`` after a word character)."""
    for phrase in phrases:
        if phrase:
            _SHARED_WORDS.setdefault(_gate_form(phrase))


def shared_gate_hits(doc) -> tuple[int, ...]:
    """Where, in `word_bytes(doc)` (doc.lowered must not be None), a phrase given to
    share_word_gate may start: the offsets of the space before it. Empty in most articles;
    a rule's own gate then only has to be tried at these offsets (gate_finds). One scan
    for every rule, computed once per document."""
    size = len(_SHARED_WORDS)
    store = getattr(doc, "__dict__", {})
    cached = store.get("_newslint_shared_gate")
    if cached is not None and cached[0] == size:
        return cached[1]
    regex, built = _SHARED_GATE
    if built != size:
        regex = re.compile(_gate_pattern(_SHARED_WORDS))
        _SHARED_GATE[:] = [regex, size]
    found = word_bytes(doc)
    hits: list[int] = []
    for match in regex.finditer(found):
        # a phrase may also start inside this one (finditer does not look there): every word
        # start in it is a hit too
        at, end = match.span()
        while at != -1:
            hits.append(at)
            at = found.find(b" ", at + 1, end)
    hits = tuple(hits)
    store["_newslint_shared_gate"] = (size, hits)
    return hits


def gate_finds(gate: Any, doc) -> bool:
    """True when `gate` (a compiled word_gate_source of phrases given to share_word_gate)
    matches `word_bytes(doc)`: it can only match where the shared gate found a start."""
    hits = shared_gate_hits(doc)
    if not hits:
        return False
    found = word_bytes(doc)
    match = gate.match
    for at in hits:
        if match(found, at) is not None:
            return True
    return False


def shared_word_start_spans(regex: re.Pattern, doc) -> Iterator[tuple[int, int]]:
    r"""What ``word_start_spans(regex, doc.lowered)`` finds (doc.lowered must not be None),
    for a WORD_START regex of phrases given to share_word_gate: tried only at the offsets of
    shared_gate_hits, the only places where such a phrase can start (an offset into
    word_bytes is one into the padded text word_start_spans searches, and its character
    there is the one before the phrase), instead of searched for in the whole text."""
    hits = shared_gate_hits(doc)
    if not hits:
        return
    padded = " " + doc.lowered
    match = regex.match
    resume = 0
    for at in hits:
        if at < resume:
            continue
        found = match(padded, at)
        if found is None:
            continue
        char = padded[at]
        if char.isalnum() or char == "_":  # a word character: not a word start
            resume = at + 1
            continue
        end = found.end()
        yield at, end - 1
        resume = end - 1  # the next phrase may start where this one ends


def word_gate_source(phrases: Iterable[str]) -> bytes:
    r"""A bytes pattern that finds something in `word_bytes(doc)` whenever the phrase regex
    ``WORD_START(?:trie)(?!\w)`` of these (case-folded) phrases finds something in
    doc.lowered: the character before a phrase found there is not a word character, so it
    became a space, and the phrase's bytes changed as the pattern's did. A literal
    space opens the pattern, so the regex engine skips through the bytes in C and tries the
    trie only at word starts, where the text pattern tried it at every non-word character
    (about twice as fast; the text pattern then runs only when this one finds something)."""
    return _gate_pattern(map(_gate_form, phrases))


def _gate_pattern(gate_forms: Iterable[str]) -> bytes:
    # After a phrase comes no word character (the text patterns say ``(?!\w)``), so no word
    # byte either: a non-ASCII character after it became a space.
    return (" (?:" + trie_pattern(gate_forms) + ")(?![a-z0-9_])").encode("ascii")


def _pattern_facts(regex: Any) -> tuple[bool, str | None]:
    """(_only_at_line_starts, _required_mark) of a pattern, from one parse of its source (a
    LazyRegex is not compiled for it)."""
    if isinstance(regex, LazyRegex) and isinstance(regex._source, str):
        source, flags = regex._source, regex._flags
    elif isinstance(regex, re.Pattern):
        source, flags = regex.pattern, regex.flags
    else:
        return False, None
    try:
        parsed = _sre_parse.parse(source, flags)
    except Exception:  # pragma: no cover - checked when the pack was loaded
        return False, None
    return _only_at_line_starts(parsed, flags), _required_mark(parsed)


def _only_at_line_starts(parsed: Any, flags: int) -> bool:
    """True for a parsed `re` pattern (multiline mode) that can only match at the start of a
    line and never matches the empty string: every alternative opens with ``^``. finditer
    tries every position of the text for such a pattern; line_start_spans tries only the
    line starts."""
    if not flags & re.MULTILINE:
        return False
    return parsed.getwidth()[0] > 0 and _opens_with_caret(parsed.data)


def _opens_with_caret(items: Any) -> bool:
    if not items:
        return False
    op, argument = items[0]
    if op is _sre_constants.AT:
        return argument is _sre_constants.AT_BEGINNING
    if op is _sre_constants.BRANCH:
        return all(_opens_with_caret(branch) for branch in argument[1])
    if op is _sre_constants.SUBPATTERN:
        _group, _added, removed, body = argument
        return not removed & re.MULTILINE and _opens_with_caret(body)
    return False


#: Marks too common in prose to be worth looking for first.
_COMMON_MARKS = " \t\n.,'-"


def _required_mark(parsed: Any) -> str | None:
    """An ASCII punctuation mark every match of a parsed `re` pattern contains (the colon of
    a label), or None. A one-character test for it is nearly free, and a text without it is
    then not scanned at all. (Punctuation only: its case never changes.)"""
    marks = sorted(c for c in _required_characters(parsed.data)
                   if c.isascii() and not c.isalnum() and c not in _COMMON_MARKS)
    return marks[0] if marks else None


def _required_characters(items: Any) -> set[str]:
    """Characters every match of the parsed items contains (some of them; never too many)."""
    found: set[str] = set()
    for op, argument in items:
        if op is _sre_constants.LITERAL:
            found.add(chr(argument))
        elif op in _REPEATS:
            low, _high, body = argument
            if low >= 1:
                found |= _required_characters(body)
        elif op is _sre_constants.SUBPATTERN:
            found |= _required_characters(argument[-1])
        elif op is _sre_constants.BRANCH:
            found |= set.intersection(*(_required_characters(b) for b in argument[1]))
    return found


_REPEATS = tuple(getattr(_sre_constants, name) for name in
                 ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_sre_constants, name))


def line_start_spans(regex: re.Pattern, haystack: str,
                     line_starts: list[int]) -> Iterator[tuple[int, int]]:
    """The spans ``regex.finditer(haystack)`` finds, for a pattern that matches only at line
    starts and never empty (see _only_at_line_starts): the same leftmost, non-overlapping
    matches, tried at the line starts alone."""
    return (match.span() for match in matches_at(regex, haystack, line_starts))


def _regex_module():
    """The `regex` module (time limits for user-written patterns), imported only when a pack
    from outside newslint has patterns: the import is a large part of start-up."""
    import regex

    return regex


def _finditer(regex: Any, haystack: str, code: str) -> Iterator[Any]:
    """finditer, with a time limit for `regex`-module (user-written) patterns."""
    if isinstance(regex, (re.Pattern, LazyRegex)):
        yield from regex.finditer(haystack)
        return
    limit = PATTERN_TIMEOUT + len(haystack) * PATTERN_SECONDS_PER_CHAR
    try:
        yield from regex.finditer(haystack, timeout=limit)
    except TimeoutError:
        raise PatternTimeout(
            f"the patterns of {code} ran over {limit:.1f} s on this file and were "
            "stopped (catastrophic backtracking?): rewrite them without nested or adjacent "
            "quantifiers that can match the same text") from None


_PROBE_UNITS = ("a", "A", "1", " ", "\t", "\n", ".", ",", "-", "'", '"', "“", "”", "(", "é",
                "a ", "a.", "1,", "ab", " \t", "a\n", "a1", "\" ", ". ")


def _probe(compiled: Any, pattern: str, where: str) -> None:
    """Refuse a pattern that backtracks catastrophically on a short adversarial string.

    Each probe repeats one unit (a letter, a blank, punctuation, a quote mark, or a character
    the pattern itself names) about 40 times and ends in a character that spoils the match, so
    an exponential pattern exceeds PROBE_TIMEOUT; linear ones take microseconds.
    """
    literal = sorted({c for c in pattern if c.isalnum() or c in "@#%&/:;<=>_~"})[:12]
    tails = ["\x00", "\x00" + "".join(literal[:6])] if literal else ["\x00"]
    for unit in [*_PROBE_UNITS, *literal]:
        for tail in tails:
            probe = unit * (40 // len(unit)) + tail
            if not (_times_out(compiled, probe) and _times_out(compiled, probe)):
                continue  # (tried twice: a busy machine may pause a fast pattern once)
            raise PackError(
                f"{where}: pattern {pattern!r} backtracks catastrophically (over "
                f"{PROBE_TIMEOUT:g} s on {probe[:12]!r}...): rewrite it without nested "
                "quantifiers such as (a+)+ or overlapping alternatives such as (a|aa)+")


def _times_out(compiled: Any, probe: str) -> bool:
    try:
        for _ in compiled.finditer(probe, timeout=PROBE_TIMEOUT):
            pass
    except TimeoutError:
        return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _line_words(text: str, offset: int) -> int:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return len(text[start : end if end != -1 else len(text)].split())


def _delete_line(text: str, offset: int) -> Fix:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end == -1 else end + 1
    return Fix(start, end, "")


def match_case(original: str, replacement: str) -> str:
    """Give `replacement` the capitalisation pattern of `original` (UPPER, Title, lower)."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original.istitle():
        return replacement.title()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def iter_tables(data: Mapping[str, Any], source: str) -> Iterable[Mapping[str, Any]]:
    rules = data.get("rule", [])
    if not isinstance(rules, list):
        raise PackError(f"{source}: [[rule]] must be an array of tables")
    extra = set(data) - {"rule", "pack"}
    if extra:
        raise PackError(f"{source}: unknown top-level key(s) {', '.join(sorted(extra))}")
    return rules
