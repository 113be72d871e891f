"""Scrape residue: site chrome, e-mail placeholders, garbled splices and bylines, chrome glued
to a paragraph, flattened social embeds and lists of related headlines.

The site-chrome vocabulary lives in rules/residue.toml (``[pack.boilerplate]``), read once.
Every rule here judges lines, or looks first for a cheap literal (a colon, an upper-case
letter after a lower-case one, a rare mark) and only then runs its precise pattern on a
small window, so the cost per article stays in the tens of microseconds.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from itertools import repeat
from typing import Iterator

from ..document import utf8_bytes
from ..model import Finding, Fix, Severity
from ..packs import bundled_pack_dir
from ..packs.phrase import gate_finds, share_word_gate, shared_gate_hits, word_gate_source
from ..packs.trie import trie_pattern
from ..rule import lazy_regex, rule
from ..warmstart import remember

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"


def stripped_lowered_lines(doc) -> list[str]:
    """Every line of doc.lowered (not None), stripped of white space; computed once per
    document (the boilerplate and duplicate rules both start from it)."""
    store = getattr(doc, "__dict__", {})
    found = store.get("_newslint_stripped_lines")
    if found is None:
        found = store["_newslint_stripped_lines"] = list(
            map(str.strip, doc.lowered.split("\n")))
    return found


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, len(text) if end == -1 else end


def _delete_line_fix(text: str, offset: int) -> Fix:
    start, end = _line_bounds(text, offset)
    return Fix(start, min(end + 1, len(text)), "")


# -- NL301 boilerplate ---------------------------------------------------------------------
#: Lines longer than this are prose, whatever they start with.
_MAX_CHROME_WORDS = 120
#: Lines of at most this many words are also tried against the short-line patterns.
_SHORT_LINE_WORDS = 25
_TRAILING_PUNCT = " \t.:!?,;-–—…|"


@lru_cache(maxsize=1)
def _chrome() -> tuple:
    """The [pack.boilerplate] vocabulary of rules/residue.toml, compiled once."""
    path = bundled_pack_dir() / "residue.toml"
    text = path.read_text(encoding="utf-8")
    data = remember("toml", text, lambda: tomllib.loads(text))["pack"]["boilerplate"]
    whole = frozenset(line.strip(_TRAILING_PUNCT) for line in data["lines"])
    starts = re.compile(r"(?:" + trie_pattern(data["line_starts"]) + r")(?!\w)")
    anchored = re.compile("|".join(f"(?:{p})" for p in data["line_patterns"]))
    # compiled on first use: only short lines try these, and only lines with a hint the others
    short = lazy_regex("|".join(f"(?:{p})" for p in data["short_line_patterns"]))
    inline: dict[str, list] = {"document": [], "tail": [], "short": []}
    for item in data["inline"]:
        inline[item["scope"]].append((tuple(item["hints"]), lazy_regex(item["pattern"])))
    return whole, starts, anchored, short, inline


@rule(
    code="NL301",
    name="boilerplate",
    category="boilerplate",
    severity="error",
    fixable=True,
    bad="Leave a Comment",
    good="(the line deleted)",
)
def boilerplate(doc, options) -> Iterator[Finding]:
    """Site chrome (navigation, widgets, counters, captions, promos) scraped with the article.

    Scrapers and careless copy-paste carry a site's furniture into the article body:
    navigation links, share and follow widgets, page-view counters, comment-system notices,
    breadcrumbs, newsletter promos, image captions and photo credits, copyright footers.
    None of it is reporting, and a reader who meets "Skip to content" in the middle of a
    story stops trusting the rest. Only whole lines and line starts are judged (plus a few
    unmistakable marks such as "©" or "(Photo: …)" closing a line), so ordinary sentences
    that use the same words ("he said he would close the search") are left alone.
    """
    low = doc.lowered
    if low is None:
        return
    whole, starts, anchored, short, inline = _chrome()
    # A hint missing from the document is missing from each of its lines: the rare marks are
    # looked for once here. (The per-line tests of the other scopes find only hints the
    # document has, so they need no such filter.) A pattern whose words the shared word
    # scan did not find can match nowhere: its hints are not looked for.
    rare = []
    found_words = bool(shared_gate_hits(doc))  # (none in most articles: no gate to try)
    for hints, regex in inline["document"]:
        gates = _ENTRY_GATES.get(hints)
        if gates is not None and not (found_words and all(
                gate_finds(gate.compiled(), doc) for gate in gates)):
            continue
        for hint in hints:
            if hint[0] in low and hint in low:  # (one character first: a far cheaper test)
                rare.append((hints, regex))
                break
    inline = {"short": inline["short"], "tail": inline["tail"]}
    text = doc.text
    stripped_lines = stripped_lowered_lines(doc)
    candidates = _chrome_candidates(stripped_lines, whole, starts, anchored, inline, rare)
    lines = None
    for index in candidates:
        stripped = stripped_lines[index]
        found = _chrome_match(stripped, whole, starts, anchored, short, inline, rare)
        if found is None:
            continue
        if lines is None:
            lines = low.split("\n")  # the lines of doc.lines, lower-cased
        span = doc.lines[index]
        line = lines[index]
        lead = span.start + len(line) - len(line.lstrip())
        start, end = found
        if end < 0 or stripped.count(" ") < _MAX_CHROME_WORDS:
            start, end = lead + start, lead + (len(stripped) if end < 0 else end)
            while end > start and text[end - 1].isspace():
                end -= 1
            yield Finding(start, end,
                          f"site chrome scraped with the article: “{text[start:end]}”",
                          fix=_delete_line_fix(text, start))


#: Words that every match of a document-scope inline pattern of [pack.boilerplate] holds
#: at a word start and followed by a character that is not a word character (so the shared
#: word gate of the phrase packs finds them), by the pattern's hints: one word of each set.
#: A pattern with such a set none of whose words the shared scan found can match nowhere.
#: (Each of these words found in a text costs every rule that asks the shared scan a
#: little: measured worth it only for these patterns, whose hints are looked for in the
#: whole text.)
_ENTRY_WORDS = {
    ("permalink",): (("permalink",),),  # "| permalink"
    ("inbox",): (("inbox",),),  # "delivered … to your inbox"
    ("commission", "share of the sale"): (("get", "earn", "receive"),),  # "may earn a …"
}
share_word_gate(word for sets in _ENTRY_WORDS.values() for words in sets for word in words)
_ENTRY_GATES = {hints: [lazy_regex(lambda words=words: word_gate_source(words))
                        for words in sets] for hints, sets in _ENTRY_WORDS.items()}


def _chrome_candidates(stripped_lines, whole, starts, anchored, inline, rare) -> list[int]:
    """Indexes, in order, of the non-blank lines _chrome_match may find something in: the
    short lines, the lines whose stripped form is listed whole, the lines that start like
    chrome, those whose end holds a tail hint and those holding a rare mark. A long line of
    prose is none of these. Found with C-level passes over all the lines (map, set and
    string methods), where calling _chrome_match on every line cost several times as much."""
    spaces = list(map(str.count, stripped_lines, repeat(" ")))
    short_lines = [at for at, count in enumerate(spaces)
                   if count < _SHORT_LINE_WORDS and stripped_lines[at]]
    found = set(short_lines)
    # every short line is a candidate: the other tests need only judge the long ones
    long_lines = [at for at, count in enumerate(spaces) if count >= _SHORT_LINE_WORDS]
    if not long_lines:
        return short_lines
    longs = [stripped_lines[at] for at in long_lines]
    longest = _longest_whole(whole)  # (long lines are not hashed to be looked up)
    found.update(at for at, line in
                 zip(long_lines, map(str.strip, longs, repeat(_TRAILING_PUNCT)))
                 if len(line) <= longest and line in whole)
    for pattern in (starts, anchored):
        if any(map(pattern.match, longs)):
            found.update(at for at, line in zip(long_lines, longs) if pattern.match(line))
    for hints, regex in rare:
        required = _required_literal(regex)
        # (the required literal first: it is found in fewer lines than the hints)
        holding = [(at, line) for at, line in zip(long_lines, longs) if required in line]
        for hint in hints:
            found.update(at for at, line in holding if hint in line)
    tails = [line[-100:] for line in longs]  # _chrome_match's tail
    joined = "\n".join(tails)
    for hints, _regex in inline["tail"]:
        for hint in hints:
            if hint in joined:
                found.update(at for at, tail in zip(long_lines, tails) if hint in tail)
    return sorted(found)


@lru_cache(maxsize=4)
def _longest_whole(whole: frozenset) -> int:
    """The length of the longest line listed whole."""
    return max(map(len, whole), default=0)


_REQUIRED_LITERALS: dict[str, str] = {}


def _required_literal(regex) -> str:
    """The longest run of plain characters every match of an inline pattern holds ("may"
    in ``\bmay[ \t]+…``), "" if none: a line without it cannot match. Read from the parsed
    pattern once."""
    compiled = regex.compiled()
    key = compiled.pattern
    found = _REQUIRED_LITERALS.get(key)
    if found is None:
        try:
            import re._constants as constants
            import re._parser as parser
        except ImportError:  # pragma: no cover - Python < 3.11
            import sre_constants as constants  # type: ignore[no-redef]
            import sre_parse as parser  # type: ignore[no-redef]
        runs, run = [""], ""
        for op, argument in parser.parse(compiled.pattern, compiled.flags).data:
            if op is constants.LITERAL and not compiled.flags & re.IGNORECASE:
                run += chr(argument)
            else:
                runs.append(run)
                run = ""
        runs.append(run)
        found = _REQUIRED_LITERALS[key] = max(runs, key=len)
    return found


def _chrome_match(stripped, whole, starts, anchored, short, inline, rare):
    """(start, end) of the chrome in one stripped, lower-cased line; end -1: the whole line."""
    if stripped.strip(_TRAILING_PUNCT) in whole:
        return 0, -1
    found = starts.match(stripped) or anchored.match(stripped)
    if found is not None:
        return found.span()
    if stripped.count(" ") < _SHORT_LINE_WORDS:
        found = short.match(stripped)
        if found is not None:
            return found.span()
        span = _hinted_search(inline["short"], stripped, stripped)
        if span is not None:
            return span
    span = _hinted_search(rare, stripped, stripped)
    if span is not None:
        return span
    cut = max(0, len(stripped) - 100)
    return _hinted_search(inline["tail"], stripped[cut:], stripped, cut)


def _hinted_search(patterns, hinted, line, start=0):
    """The span of the first pattern found in `line` (from `start`) among those with one of
    their hints in `hinted`; each pattern is tried once, at its first hint. (Plain loops,
    which cost less than any() over a generator.)"""
    for hints, regex in patterns:
        for hint in hints:
            if hint in hinted:
                found = regex.search(line, start)
                if found is not None:
                    return found.span()
                break
    return None


# -- NL312 social embeds -------------------------------------------------------------------
_EMBED = lazy_regex(
    # the signature of an embedded post closing a line: "— Jane Doe (@jdoe) May 4, 2020"
    r"[—–-][ \t]*[^—–\n]{1,60}\(@\w{1,15}\)[ \t]+" + _MONTH
    + r"[ \t]+\d{1,2},[ \t]+\d{4}[ \t]*$"
    # shortened links only embeds carry
    r"|\bpic\.twitter\.com/\w+|\bhttps?://t\.co/\w+",
    re.MULTILINE,
)


@rule(
    code="NL312",
    name="social-embed",
    category="boilerplate",
    severity="warning",
    bad="Big news tonight. pic.twitter.com/AbC123 — Jane Doe (@jdoe) May 4, 2020",
    good="“Big news tonight,” Jane Doe wrote on Twitter on May 4, 2020.",
)
def social_embed(doc, options) -> Iterator[Finding]:
    """A tweet or social-media embed flattened into the article text.

    When a page embeds a post from a social network, a scraper keeps the post's text
    followed by its signature ("— Jane Doe (@jdoe) May 4, 2020") and shortened links
    ("pic.twitter.com/…", "https://t.co/…"). Quoting a post can be legitimate, but the
    flattened embed reads as an unattributed paragraph with machine links in it: rewrite it
    as a quotation with its author, or delete it.
    """
    low = doc.lowered
    if low is None or not (("@" in low and "(@" in low)
                           or ("/" in low and ("pic.twitter.com" in low or "t.co/" in low))):
        return  # (a one-character test first: it runs far faster than a longer one)
    for span in doc.lines:
        line = low[span.start : span.end]
        if "(@" in line or "pic.twitter.com" in line or "t.co/" in line:
            found = _EMBED.search(line)
            if found:
                start, end = span.start + found.start(), span.start + found.end()
                yield Finding(start, end, "social-media embed flattened into the text: "
                              f"“{doc.text[start:end]}”")


# -- NL302 obfuscated e-mail ---------------------------------------------------------------
# Matched on the lower-cased text. Cloudflare's "[email protected]" (also with &nbsp; or
# a no-break space), "name [at] site [dot] com", "name (at) site.com", "name AT site DOT com".
_EMAIL_HINTS = ("protected", "at]", "at)", "at}", "at>", " dot ")
_OBFUSCATED_EMAIL = lazy_regex(
    r"\[[ \t\u00a0]*e-?mail(?:[ \t\u00a0]|&nbsp;|&#160;)*protected[ \t\u00a0]*\]"
    r"|/cdn-cgi/l/email-protection\S*"
    r"|\b[\w.+-]+[ \t]*[\[({<][ \t]*at[ \t]*[\])}>][ \t]*[\w-]+"
    r"(?:(?:[ \t]*[\[({<][ \t]*dot[ \t]*[\])}>][ \t]*|\.)[\w-]+)+"
    r"|\b[\w.+-]+[ \t]+at[ \t]+[\w-]+(?:[ \t]+dot[ \t]+[\w-]+)*[ \t]+dot[ \t]+"
    r"(?:com|org|net|edu|gov|co|uk|info|io|news)\b"
)
_ONLY_PUNCT = lazy_regex(r"^[\s\W]*$")


@rule(
    code="NL302",
    name="obfuscated-email",
    category="obfuscated_email",
    severity="error",
    fixable=True,
    bad="For tips, write to [email protected]",
    good="For tips, write to tips@example.org",
)
def obfuscated_email(doc, options) -> Iterator[Finding]:
    """An e-mail protection placeholder or a spelled-out address left in the text.

    Sites hide e-mail addresses from harvesters with a script; a scraper that does not run
    the script keeps the placeholder "[email protected]". Others spell addresses out as
    "name [at] site [dot] com". Either way the article now shows junk where a contact was,
    and the address is lost: restore it from the source, or delete a line that holds nothing
    else (offered as a fix).
    """
    low = doc.lowered
    if low is None:
        low = doc.text.lower()
        if len(low) != len(doc.text):
            return
    if not _has_email_hint(low, doc):
        return
    text = doc.text
    for span in doc.lines:
        line = low[span.start : span.end]
        if any(hint in line for hint in _EMAIL_HINTS):
            yield from _emails_in_line(text, low, span.start, span.end)


def _has_email_hint(low: str, doc=None) -> bool:
    """`any(hint in low for hint in _EMAIL_HINTS)`, the bracket of "at]" looked for first (a
    one-character test runs far faster than a longer one), and " dot " only when the shared
    word scan found the word "dot" (for `low` the document's doc.lowered; a needle of blanks
    makes str.find step through prose one character at a time)."""
    return ("protected" in low or _may_hold_spaced_dot(low, doc) and " dot " in low
            or any(close in low and "at" + close in low for close in "])}>"))


share_word_gate(("dot",))
_DOT_GATE = lazy_regex(lambda: word_gate_source(("dot",)))


def _may_hold_spaced_dot(low: str, doc) -> bool:
    """False only when `low` (doc.lowered) surely holds no " dot ": the shared word gate
    found no word "dot" followed by a character that is not a word character."""
    if doc is None or low is not doc.lowered:
        return True
    return gate_finds(_DOT_GATE.compiled(), doc)


def _emails_in_line(text: str, low: str, line_start: int, line_end: int) -> Iterator[Finding]:
    for match in _OBFUSCATED_EMAIL.finditer(low, line_start, line_end):
        start, end = match.span()
        line_start, line_end = _line_bounds(text, start)
        rest = text[line_start:start] + text[end:line_end]
        fix = _delete_line_fix(text, start) if _ONLY_PUNCT.match(rest) else None
        yield Finding(start, end, f"e-mail obfuscation residue: “{text[start:end]}”", fix=fix)


# -- NL303 garbled splice --------------------------------------------------------------------
# Two punctuation marks that never meet in edited prose (":," ",." ";," ",,"), unless the
# second starts a number (",.5") or an ellipsis.
_COLLISION = lazy_regex(r"[,;:][,;:.](?![\d.])")
# A link label or heading glued into a sentence: after a lower-case word, a capitalised run
# that opens with a word no proper noun starts with, ending in a colon ("a prosperous Also to
# be considered:, hopefully").
_LABEL_RUN = lazy_regex(
    r"(?<=[a-z,] )((?:Also|Read|See|More|Related|Click|Tap|Watch|Listen|Check|Get|Sign|"
    r"Subscribe|Follow|Share|Here|Don['’]t|Must|Top|Latest|Recommended|Trending|Breaking|Next|"
    r"Previous|Why|What|How|You|Your|To|For|With|From|And|But|Or|Plus|Editor['’]s|Opinion|"
    r"Sponsored|Advertisement|Continue|Story|Video|Photos?)"
    r"(?:[ \t]+[A-Za-z'’-]+){0,5}):(?=[ \t]*[,.;]|[ \t]+[a-z]|[A-Z])"
)
# A label glued to the headline it introduced, with no space after the colon
# ("Markets:The odds of recession…", "Taxes 2020:7 common filing mistakes…").
_GLUED_LABEL = lazy_regex(
    r"(?<![\w/.:@#-])([A-Z][A-Za-z]+(?:[ \t]+(?:[A-Z][A-Za-z]+|(?:19|20)\d\d))?):"
    r"(?=[A-Z][a-z]+[ \t]|\d{1,3}[ \t]+[a-z])"
)
# A politician's pop-up card flattened into the text: the surname glued to the next word,
# "Kristi NoemKristi Lynn NoemSouth Dakota governor…".
_GLUED_NAME = lazy_regex(r"\b([A-Z][a-z]{3,})([A-Z][a-z]{2,})")
# Cheap finders that start with a literal or a rare character class, so the regex engine
# skips through the text in C; the precise patterns above then run on a small window.
_COLON = lazy_regex(":")
_CAMEL = lazy_regex(r"[A-Z](?<=[a-z][A-Z])[a-z]")
_SPACED_STOP = lazy_regex(r" [.,;:](?=\s|$)")
_WINDOW = 80
_MAX_COLLISIONS = 20
#: UTF-8 byte -> class: "a" lower-case and "A" upper-case ASCII letters, "P" for , ; : and .,
#: " " itself, "x" for anything else (every byte of a non-ASCII character too, so two ASCII
#: characters are adjacent in the text exactly when their bytes are).
_SPLICE_CLASSES = bytes(
    ord("a") if chr(b).islower() and b < 128 else ord("A") if chr(b).isupper() and b < 128
    else ord("P") if chr(b) in ",;:." else b if chr(b) == " " else ord("x")
    for b in range(256))
# A removed link leaves a function word right before the full stop: "thanks to his . After".
_DROPPED_LINK = lazy_regex(
    r"\b(?:the|a|an|his|her|their|its|our|my|your|to|of|in|on|at|by|for|with|from|this|that)"
    r"[ \t]+[.,;:](?=\s|$)",
    re.IGNORECASE,
)


@rule(
    code="NL303",
    name="garbled-splice",
    category="garbled_splice",
    severity="error",
    bad="“I believe this will lead to a prosperous Also to be considered:, hopefully soon!”",
    good="“I believe this will lead to a prosperous peace, hopefully soon!”",
)
def garbled_splice(doc, options) -> Iterator[Finding]:
    """Foreign text spliced into a sentence: a link label, a glued headline or a lost link.

    When a page is flattened badly, a "related article" label lands in the middle of a
    sentence ("a prosperous Also to be considered:, hopefully"), a section label is glued to
    a headline ("Markets:The odds…"), a politician's pop-up card is glued to the text around
    it, or a removed link leaves "thanks to his ." behind. Punctuation that collides (":,",
    ",.", ";,") marks the seam. The sentence no longer says what the reporter wrote, so
    someone has to restore it from the source.
    """
    text = doc.text
    seen: set[int] = set()
    # Each scan below needs a run of ASCII characters that is rare in prose; one translation
    # of the UTF-8 bytes into character classes tells which scans can find anything.
    encoded = utf8_bytes(doc)
    classes = encoded.translate(_SPLICE_CLASSES)
    collisions = b"PP" in classes  # (".." too: "..." lets the scan run, and it finds nothing)
    spaced_stops = b" P" in classes
    camels = b"aAa" in classes

    def once(start: int, end: int, message: str, severity=None):
        if start in seen:
            return None
        seen.add(start)
        return Finding(start, end, message, severity=severity)

    for colon in _COLON.finditer(text) if b":" in encoded else ():
        at = colon.start()
        if not text[at - 1 : at].isalnum() or text[at - 2 : at - 1] == ":":
            continue  # a label ends in a word, and "::" runs are not prose
        base = max(0, at - _WINDOW)
        window = text[base : at + 40]
        for regex, group in ((_LABEL_RUN, 1), (_GLUED_LABEL, 1)):
            match = regex.search(window, at - base - _WINDOW)
            while match is not None and match.end(group) < at - base:
                match = regex.search(window, match.end())
            if match is None or match.end(group) != at - base:
                continue
            label = match.group(group)
            if regex is _LABEL_RUN:
                message = f"a label spliced into the sentence: “{label}:”"
            else:
                message = f"a label glued to a headline: “{label}:{text[at + 1]}…”"
            found = once(base + match.start(group), at + 1, message)
            if found:
                yield found
            break
    for count, match in enumerate(_COLLISION.finditer(text) if collisions else ()):
        if count >= _MAX_COLLISIONS:
            break  # a run of punctuation is one problem, not thousands
        found = once(match.start(), match.end(),
                     f"punctuation collision “{match.group()}” marks a splice")
        if found:
            yield found
    for stop in _SPACED_STOP.finditer(text) if spaced_stops else ():
        base = max(0, stop.start() - 12)
        match = _DROPPED_LINK.search(text, base, stop.end())
        if match is not None and match.end() == stop.end():
            found = once(match.start(), match.end(),
                         f"text missing before “{match.group()[-1]}” "
                         "(a link or name was dropped)")
            if found:
                yield found
    for camel in _CAMEL.finditer(text) if camels else ():
        base = max(0, camel.start() - 30)
        match = None
        for match in _GLUED_NAME.finditer(text, base, camel.end() + 40):
            if match.start(2) == camel.start():
                break
        else:
            continue
        first, second = match.groups()
        window = text[max(0, match.start() - 80) : match.start()]
        previous_word = window.rsplit(None, 1)[-1] if window.strip() else ""
        repeated = (previous_word == second
                    or re.search(r"\b" + re.escape(first) + r"\b", window) is not None)
        if repeated and f"{first} {second}" not in text:
            # info: brand spellings ("TimeWarner") share the shape, so a human decides
            found = once(match.start(), match.end(),
                         f"a name glued to the next word: “{match.group()}” "
                         "(a pop-up card or link text flattened into the sentence)",
                         Severity.INFO)
            if found:
                yield found


# -- NL304 garbled byline ------------------------------------------------------------------
#: Finds line starts that open with "by" or "written by" (the literal "\n" lets the regex
#: engine skip through the text; the document is searched with a "\n" in front).
_BYLINE_START = lazy_regex(
    r"\n[ \t]*(?:(?:written|posted|published|reported|story|words|text|photos?)[ \t]+)?by\b")
_BYLINE = lazy_regex(
    r"^[ \t]*(?P<verb>(?:written|posted|published|reported|story|words|text|photos?)[ \t]+)?"
    r"by[ \t]*:?[ \t]*(?P<slot>[^\n]*)$",
    re.MULTILINE,
)
_SECTION = (r"(?:world|news|politics|business|sports?|opinion|entertainment|tech|technology|"
            r"health|science|local|national|international|admin|administrator|staff|editor|"
            r"editorial|uncategori[sz]ed|home|latest|breaking|general|desk|team|guest|author)")
_BARE_WRONG = lazy_regex(r"\d{1,2}[:.]\d\d|" + _SECTION + r"\b")
_WRONG_SLOT = lazy_regex(
    r"(?:on|at|in|\||,|-|–|—)?[ \t]*(?:"
    r"\d{1,2}[:.]\d\d(?:[ \t]*[ap]\.?m\.?)?"        # a time: "11:22 AM"
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"              # a numeric date
    r"|" + _MONTH + r"[ \t]+\d{1,2}\b"               # "March 3"
    r"|\d{1,2}[ \t]+" + _MONTH + r"(?![a-z])"        # "3 March"
    r"|" + _WEEKDAY + r"(?:,|[ \t]|$)"               # "Monday"
    r"|" + _SECTION + r"[ \t]*$"                     # a section name alone
    r"|$)"                                           # nothing at all
)


@rule(
    code="NL304",
    name="garbled-byline",
    category="garbled_byline",
    severity="warning",
    bad="Written by 11:22 AM World",
    good="Written by Jane Doe, 11:22 AM, World section",
)
def garbled_byline(doc, options) -> Iterator[Finding]:
    """A byline whose name slot holds a time, a date, a section name or nothing at all.

    Templates fill the author slot from page metadata; when the metadata is missing or
    shifted, the byline reads "Written by 11:22 AM World" or "By | Politics". The reader
    cannot tell who wrote the story, and the stamp suggests the page was scraped, not
    edited. Only short lines are judged, so "By 2025, 40% of homes…" is prose, not a byline.
    """
    low = doc.lowered
    if low is None:
        return
    for line_start in _BYLINE_START.finditer("\n" + low):
        match = _BYLINE.match(low, line_start.start())  # "\n" shifted offsets by one
        if match is None:
            continue
        slot = match.group("slot").strip()
        words = slot.split()
        if len(words) > 8 or slot.endswith((".", "!", "?", "”", '"')):
            continue
        if not match.group("verb") and not _BARE_WRONG.match(slot.lstrip("|,-–—: ")):
            # a bare "By …" line needs a clearly wrong slot: a time or a section name
            continue
        if _WRONG_SLOT.match(slot):
            start, end = match.start(), match.end()
            while start < end and low[start].isspace():
                start += 1
            yield Finding(start, end, "byline without an author: the name slot holds "
                          f"“{doc.text[match.start('slot'):end].strip() or 'nothing'}”")


# -- NL311 chrome glued to a paragraph -----------------------------------------------------
_SPLICED_CHROME = lazy_regex(
    r"(?:^[ \t]*|(?<=[.!?”\"’] ))"
    r"(?P<chrome>ADVERTISEMENT|Advertisement:?|SPONSORED|Skip Advertisement|"
    r"(?:Story|Article) continues below(?: advertisement)?|"
    r"Continue reading the main story|Continue Reading Below)"
    r"[ \t]+(?=[A-Z“\"‘'(])",
    re.MULTILINE,
)


_SPLICED_HINTS = ("ADVERTISEMENT", "Advertisement", "SPONSORED", "continues below",
                  "Continue reading", "Continue Reading")
#: Every match of _SPLICED_CHROME holds one of these, lower-cased, with a blank or a line
#: start before it and a blank or a colon after it: the words the shared word gate of the
#: phrase packs looks for (share_word_gate), so that one scan of the text serves them all.
_SPLICED_WORDS = ("advertisement", "sponsored", "continues below", "continue reading")
share_word_gate(_SPLICED_WORDS)
_SPLICED_GATE = lazy_regex(lambda: word_gate_source(_SPLICED_WORDS))


@rule(
    code="NL311",
    name="spliced-chrome",
    category="boilerplate",
    severity="error",
    fixable=True,
    bad="ADVERTISEMENT The council voted on Tuesday to close the library.",
    good="The council voted on Tuesday to close the library.",
)
def spliced_chrome(doc, options) -> Iterator[Finding]:
    """An advertisement marker or a "continue reading" prompt glued into a paragraph.

    Ad slots between paragraphs leave their label behind; when the scraper also drops the
    line break, "ADVERTISEMENT" opens the next paragraph ("ADVERTISEMENT The council
    voted…") or sits between two sentences. The whole-line case is the boilerplate rule's;
    this one finds the label inside text and offers to delete just the label.
    """
    text = doc.text
    if doc.lowered is not None:
        if not gate_finds(_SPLICED_GATE.compiled(), doc):
            return  # no _SPLICED_WORDS word in the text (the shared scan, most articles)
    elif not (("V" in text and "ADVERTISEMENT" in text) or "dvertisement" in text
              or "SPONSORED" in text or "continues below" in text
              or ("Continue" in text and ("Continue r" in text or "Continue R" in text))):
        return  # every _SPLICED_HINTS hint holds one of these; most articles hold none
    for match in _SPLICED_CHROME.finditer(text):
        start, end = match.start("chrome"), match.end()
        yield Finding(start, match.end("chrome"),
                      f"site chrome glued into the paragraph: “{match.group('chrome')}”",
                      fix=Fix(start, end, ""))


# -- NL313 related-headline lists ----------------------------------------------------------
_RELATED_HEADER = lazy_regex(
    r"^[ \t]*(?:more[ \t]+(?:great[ \t]+)?(?:[\w'’&-]+[ \t]+){0,2}(?:stories|news|articles|"
    r"coverage|reads|videos|from[ \t]+\S.{0,30})|related(?:[ \t]+(?:links|articles|stories|"
    r"posts|coverage|content|news|reading|topics))?|read[ \t]+(?:also|more|next)|also[ \t]+read|"
    r"see[ \t]+also|you[ \t]+(?:may|might)[ \t]+(?:also[ \t]+)?(?:like|enjoy|be[ \t]+interested"
    r"[ \t]+in)|recommended(?:[ \t]+(?:for[ \t]+you|stories|reading))?|(?:most|top)[ \t]+"
    r"(?:read|popular|viewed|shared|stories)|trending(?:[ \t]+now)?|latest(?:[ \t]+news)?|"
    r"don['’]t[ \t]+miss|more[ \t]+on[ \t]+this(?:[ \t]+story)?|what[ \t]+to[ \t]+read[ \t]+next|"
    r"up[ \t]+next|around[ \t]+the[ \t]+web|from[ \t]+our[ \t]+partners|in[ \t]+case[ \t]+you"
    r"[ \t]+missed[ \t]+it|editor['’]?s['’]?[ \t]+picks|further[ \t]+reading)"
    r"[ \t]*[:.…]*[ \t]*$",
)
_MAX_LIST = 12


@rule(
    code="NL313",
    name="related-headlines",
    category="boilerplate",
    severity="warning",
    fixable=True,
    bad="More Great Stories\n\nWhy the tide is turning on river dredging\n\n"
        "A town votes on its last bus",
    good="(the header and the list deleted)",
)
def related_headlines(doc, options) -> Iterator[Finding]:
    """Headlines of other stories, listed under a "More stories" or "Related" header.

    A recommendation widget scraped with the article leaves a header followed by a run of
    short headline lines that belong to other stories. Each headline after the header is
    reported (the header itself is the boilerplate rule's); the lines read like subheads,
    so they are only judged when such a header introduces them.
    """
    paragraphs = doc.paragraphs
    low = doc.lowered
    if low is None:
        return
    for index, para in enumerate(paragraphs):
        if len(para.text) > 60 or "\n" in para.text:
            continue
        if not _RELATED_HEADER.match(low[para.start : para.end]):
            continue
        for item in paragraphs[index + 1 : index + 1 + _MAX_LIST]:
            lines = item.text.split("\n")
            if any(not _looks_like_headline(line) for line in lines):
                break
            for offset, line in _line_offsets(item):
                delete = _delete_line_fix(doc.text, offset)
                yield Finding(offset, offset + len(line.rstrip()),
                              "headline of another story, listed under a related-links header",
                              fix=Fix(delete.start, delete.end, "", safe=False))


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not 2 <= len(words) <= 22:
        return False
    return not line.rstrip().endswith((".", "”", '"', ":", ";", ","))


def _line_offsets(span) -> Iterator[tuple[int, str]]:
    offset = span.start
    for line in span.text.split("\n"):
        if line.strip():
            yield offset + len(line) - len(line.lstrip()), line.strip()
        offset += len(line) + 1
