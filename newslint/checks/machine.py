"""Machine writing: a text generator's notes to its operator left in the article.

The stock-phrase, template-label and spun-phrase lists are data and live in
``rules/machine.toml``; this module holds the one rule that needs logic: recognising a
passage that talks about the text itself (how it was written, from what input, for whom).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Iterator

from ..model import Finding, Fix
from ..packs.phrase import (WORD_START, gate_finds, share_word_gate,
                             shared_word_start_spans, word_gate_source, word_start_spans)
from ..packs.trie import trie_pattern
from ..rule import LazyRegex, lazy_regex, rule

# Every pattern runs on the lower-cased text (see _maybe_caseless).

#: Unmistakable on their own: the generator speaking about itself, refusing, handing over
#: its output or asking for feedback, its knowledge cut-off, template placeholders.
_SELF_REPORT = [
    # identity
    r"\bas an? (?:ai|artificial intelligence)(?:[- ]powered)? (?:language model|model|"
    r"assistant|chatbot|system|writer|writing assistant)\b",
    r"\bas a (?:large )?language model\b",
    r"\bi(?:'m|’m| am) (?:just |only |merely )?an? (?:ai|artificial intelligence|"
    r"(?:large )?language model|chatbot|virtual assistant)\b",
    # knowledge cut-off and missing access
    r"\b(?:as of|up to|until|since) my (?:last |latest |most recent )?(?:knowledge |training )?"
    r"(?:update|cut-?off|training)\b",
    r"\bmy (?:knowledge|training)(?: data)? (?:cut-?off|only goes|only extends|ends|stops)\b",
    r"\bknowledge cut-?off\b",
    r"\bi (?:do not|don't|don’t) have (?:real-time|access to (?:real-time|current|live|"
    r"the internet|up-to-date|the latest))\b",
    r"\bi (?:cannot|can't|can’t) (?:browse|access) the (?:internet|web)\b",
    # refusals
    r"\bi(?:'m|’m| am) (?:sorry|afraid),? (?:but )?i (?:cannot|can't|can’t|am unable|"
    r"won't|won’t|will not|am not able)\b",
    r"\bi (?:cannot|can't|can’t|am unable to|am not able to|won't be able to|will not be able "
    r"to) (?:fulfil+|comply with|complete|assist with|help with|process|generate|create|write|"
    r"produce) (?:this|that|your|the) (?:request|task|prompt|content)\b",
    # handing over the output
    r"(?m:^)[ \t*_#>]*(?:sure|certainly|of course|absolutely|okay|ok)[!,.]*[ \t]*"
    r"here(?:'s|’s| is| are)\b",
    r"\bhere(?:'s|’s| is| are) (?:the|a|an|your|my) (?:\w+[ -]){0,2}?(?:re-?written|revised|"
    r"edited|requested|paraphrased|rephrased|reworded|expanded|shortened|condensed|polished|"
    r"improved|humani[sz]ed|seo-optimi[sz]ed|optimi[sz]ed|plagiarism-free|unique)\b",
    r"\bhere(?:'s|’s| is| are) (?:the|a|an|your|my) (?:\w+[ -]){0,3}?(?:article|story|piece|"
    r"summary|version|draft|rewrite|headlines?|post)s? (?:based on|written|that|you|in the "
    r"style|as requested|following|per)\b(?! the (?:rules|law))",
    r"\bi(?:'ve|’ve| have) (?:re-?written|revised|edited|paraphrased|rephrased|reworded|"
    r"written|drafted|created|crafted|generated|composed|summari[sz]ed|condensed|expanded) "
    r"(?:the|this|your|a|an) (?:\w+ ){0,2}?(?:article|story|piece|summary|text|version|draft|"
    r"content|headline|post|news)\b",
    # asking for feedback
    r"\bi hope (?:this|that|the above|it) (?:helps|is helpful|was helpful)(?=[!.,;:]|[ \t]*(?m:$))",
    r"\bi hope (?:this|that|the above|it) (?:meets|fits|suits) your\b",
    r"\blet me know if (?:you(?:'d|’d| would| need| want)|there(?:'s|’s| is)|any)\b",
    r"\bfeel free to (?:ask|let me know|modify|adjust|edit|tweak|customi[sz]e|change)\b",
    r"\bwould you like me to\b",
    r"\bi can (?:also )?(?:adjust|revise|expand|shorten|rewrite|modify|tailor) (?:the|this|it)\b",
]

#: Template slots the generator was asked to fill: "[Insert quote from a minister]".
_PLACEHOLDER = lazy_regex(
    r"\[(?:insert|add|include|your|enter|name of|link to|quote from)\b[^\]\n]{0,60}\]")

#: Words about how a text was produced and from what input; they make a note only in a
#: sentence that also refers to the text itself (or in a paragraph opening with "Note:").
_PRODUCTION = [
    r"\bbullet[- ]points?\b",
    r"\b(?:the |your |these |those )?(?:provided|given|supplied|following|above) (?:information|"
    r"text|details|data|context|notes|points|facts|input|source material|sources|material|"
    r"outline|instructions|prompt|content|bullet points|key points|guidelines|topic|keywords|"
    r"document|transcript|excerpt|passage|headline|requirements)\b",
    r"\bprompts?\b",
    r"\b(?:you|the user) (?:provided|gave|supplied|shared|sent|requested|asked for|specified|"
    r"listed|outlined)\b",
    r"\binstructions\b",
    r"\bword (?:count|limit)\b",
    r"\b\d{2,5}[- ]words?\b",
    r"\bmarkdown\b",
    r"\b(?:journalistic|news|newspaper|ap|blog|seo|academic) (?:style|tone|format)\b",
    r"\b(?:neutral|objective|formal|informative|professional|engaging|conversational|"
    r"unbiased|balanced|impartial|journalistic|factual) (?:tone|style)\b",
    r"\b(?:line|paragraph) breaks\b",
    r"\bseparated by (?:two|double|blank|a blank)\b",
    r"\b(?:as|you) requested\b",
    r"\brequested (?:format|length|style|tone|word|structure|article)\b",
    r"\b(?:the|an|this|given|provided) outline\b",
    r"\b(?:fictional|hypothetical|fictitious|imaginary) (?:scenario|article|story|news|"
    r"example|account|quotes?|names?|events?|piece|situation|report)\b",
    r"\bplaceholders?\b",
    r"\b(?:key|main) points (?:provided|given|listed|above|you)\b",
    r"\bsource (?:text|material)\b",
    r"\bavoid(?:s|ing|ed)? (?:any )?(?:personal )?(?:opinions|speculation|bias)\b",
    r"\b(?:generated|written|created|produced|drafted|composed) (?:by|with|using|with the help "
    r"of|with the assistance of) (?:an? )?(?:ai|artificial intelligence|(?:large )?language "
    r"model|chatgpt|gpt-?\d?|chatbot|generative ai)\b",
    r"\b(?:general|target|intended) audience\b",
    r"\bthe user(?:'s|’s)?\b",
    r"\bfactual accuracy\b",
    r"\b(?:stays?|remains?|staying|remaining) faithful to\b",
    r"\bseo\b",
]

#: The text referring to itself.
_SELF_REFERENCE = lazy_regex(
    r"\b(?:this|the above|the following|the present|my|your|the (?:rewritten|revised|generated|"
    r"requested|final|following))\s+(?:news\s+|rewritten\s+|revised\s+)?(?:article|text|piece|"
    r"summary|response|rewrite|version|draft|output|content|story|report|post|blog post|answer|"
    r"passage|paragraphs?|headlines?|copy|write-up)\b"
    r"|\bthe (?:article|text|summary|piece)\b"
    r"|\b(?:article|text|piece|summary|response|version|draft|output|content|story|post|"
    r"paragraphs?|headlines?|copy)s? (?:above|below)\b"
)
_NOTE_OPENING = lazy_regex(
    r"[ \t]*[(\[*_]*(?:note|nb|n\.b\.|please note|disclaimer|editor(?:'s|’s)? note|"
    r"important(?: note)?|author(?:'s|’s)? note)[*_]*[ \t]*[:\-–—]"
)
#: The operator addressed about the input: "the outline you supplied", "your instructions"
#: (not any "you": tip lines and service copy talk to readers).
_OPERATOR = lazy_regex(
    r"\b(?:you|the user) (?:provided|gave|supplied|shared|sent|requested|asked|specified|"
    r"listed|outlined)\b|\byour (?:instructions|prompt|request|requirements|outline|notes|"
    r"bullet points|brief|guidelines|specifications|input|draft)\b")
#: Someone else's words reported: then the sentence is news about a text, not a note.
_ATTRIBUTION = lazy_regex(
    r"\b(?:said|says|say|told|tells|according to|admitted|admits|acknowledged|confirmed|"
    r"claimed|claims|announced|wrote|writes|added|explained|apologi[sz]ed|insisted)\b")
_SELF_REPORT_RE = lazy_regex(lambda: "|".join(f"(?:{p})" for p in _SELF_REPORT))
_PRODUCTION_RE = lazy_regex(lambda: "|".join(f"(?:{p})" for p in _PRODUCTION))

_SELF_REPORT_ANCHORS = """
ai|artificial intelligence|language model|chatbot|virtual assistant|my last|my latest|
my most recent|my knowledge|my training|my update|my cutoff|my cut-off|knowledge cutoff|
knowledge cut-off|i do not have|i don't have|i don’t have|browse|i cannot access|
i can't access|i can’t access|i'm sorry|i’m sorry|i am sorry|i'm afraid|i’m afraid|
i am afraid|i cannot|i can't|i can’t|i am unable|i am not able|i won't be able|
i won’t be able|i will not be able|here's|here’s|here is|here are|i've|i’ve|i have|i hope|
let me know|feel free|would you like me|i can
"""
_PRODUCTION_ANCHORS = """
ai|artificial intelligence|language model|chatbot|chatgpt|gpt|gpt4|gpt3|generative ai|
bullet|provided|given|supplied|following|above|prompt|prompts|instructions|word count|
word limit|word|words|markdown|style|tone|format|breaks|separated|requested|outline|
fictional|hypothetical|fictitious|imaginary|placeholder|placeholders|points|source text|
source material|avoid|avoids|avoiding|avoided|audience|user|user's|user’s|
factual accuracy|faithful|seo|you provided|you gave|you supplied|you shared|you sent|
you requested|you asked|you specified|you listed|you outlined
"""


def _words(listing: str) -> set[str]:
    return {w.strip() for w in listing.replace("\n", "").split("|") if w.strip()}


#: Words without which none of the patterns above can match. One pass of this trie over the
#: text finds the few sentences worth the full patterns (keep it in step with them); the
#: word found says which of the two pattern sets can match.
_SELF_REPORT_WORDS = _words(_SELF_REPORT_ANCHORS)
_PRODUCTION_WORDS = _words(_PRODUCTION_ANCHORS)
#: Every anchor word starts with a letter, so the leading ``\b`` of ``\b(?:words)\b`` is a
#: word start, which WORD_START finds about three times faster (see word_start_spans).
def _anchor_source() -> str:
    words = _SELF_REPORT_WORDS | _PRODUCTION_WORDS
    if not all(word[:1].isalpha() and word[-1:].isalnum() for word in words):
        # (the shared word gate relies on the end: see share_word_gate)
        raise ValueError("every anchor word must start with a letter and end with a letter "
                         "or digit")
    return WORD_START + "(?:" + trie_pattern(words) + r")\b"


_ANCHORS = lazy_regex(_anchor_source)
#: One scan of the text for these words and the phrases of the phrase packs tells this rule
#: at once, in most articles, that it has nothing to look at.
share_word_gate(_SELF_REPORT_WORDS | _PRODUCTION_WORDS)
_ANCHOR_GATE = lazy_regex(lambda: word_gate_source(_SELF_REPORT_WORDS | _PRODUCTION_WORDS))
_CASELESS: dict[re.Pattern, re.Pattern] = {}


def _maybe_caseless(lazy: LazyRegex, caseless: bool) -> re.Pattern:
    """The compiled regex for lower-cased text; a case-insensitive copy for the rare text
    whose lower-casing changes its length (`match.re is` tells which pattern matched)."""
    regex = lazy.compiled()
    if not caseless:
        return regex
    if regex not in _CASELESS:
        _CASELESS[regex] = re.compile(regex.pattern, regex.flags | re.IGNORECASE)
    return _CASELESS[regex]


def _inside_quotation(paragraph: str, offset: int) -> bool:
    """True when `offset` of a paragraph falls inside someone's quoted words."""
    before = paragraph[:offset]
    opened = before.count("“") - before.count("”")
    return opened > 0 or before.count('"') % 2 == 1


@rule(
    code="NL201",
    name="ai-note",
    category="ai_note",
    severity="error",
    bad="Note: This article is based on the provided bullet points and written in a "
        "journalistic style.",
    good="(the note deleted; the article ends with its last paragraph of reporting)",
)
def ai_note(doc, options) -> Iterator[Finding]:
    """A text generator's note about the article itself left in the text.

    Generated copy often keeps what the tool said to its operator: that the piece is based
    on the provided bullet points, is written in a neutral tone, runs to 500 words, uses
    Markdown, or that "as an AI language model" it cannot do something. A reader who meets
    it knows at once that nobody edited the story. The rule looks for the concept rather
    than fixed sentences: the generator speaking about itself, or a sentence that refers to
    the text itself together with words about its input and production.
    """
    lowered = doc.lowered
    caseless = lowered is None
    haystack = doc.text if caseless else lowered
    text = doc.text
    if caseless:
        anchors = [(start, haystack[start:end].lower()) for start, end
                   in word_start_spans(_maybe_caseless(_ANCHORS, caseless), haystack)]
    elif gate_finds(_ANCHOR_GATE.compiled(), doc):  # tried where the shared scan found a start
        anchors = [(start, haystack[start:end].lower()) for start, end
                   in shared_word_start_spans(_ANCHORS.compiled(), doc)]
    else:  # no anchor word starts at a word start (the shared gate scanned for them)
        anchors = []
    if "[" in text:
        anchors += [(m.start(), "[") for m in
                    _maybe_caseless(_PLACEHOLDER, caseless).finditer(haystack)]
        anchors.sort()
    if not anchors:
        return
    self_report = _maybe_caseless(_SELF_REPORT_RE, caseless)
    placeholder = _maybe_caseless(_PLACEHOLDER, caseless)
    production = _maybe_caseless(_PRODUCTION_RE, caseless)
    self_reference = _maybe_caseless(_SELF_REFERENCE, caseless)
    note_opening = _maybe_caseless(_NOTE_OPENING, caseless)
    sentences = doc.sentences
    starts = [s.start for s in sentences]
    # anchor words grouped by sentence
    by_sentence: dict[int, set[str]] = {}
    for offset, word in anchors:
        index = bisect_right(starts, offset) - 1
        if index >= 0:
            by_sentence.setdefault(index, set()).add(word)
    reported_until = -1
    for index, words in by_sentence.items():
        sentence = sentences[index]
        if sentence.start < reported_until:
            continue
        lo, hi = sentence.start, sentence.end
        found = None
        if "[" in words:
            found = placeholder.search(haystack, lo, hi)
        if found is None and not words.isdisjoint(_SELF_REPORT_WORDS):
            found = self_report.search(haystack, lo, hi)
        if found is None:
            if words.isdisjoint(_PRODUCTION_WORDS):
                continue
            produced = list(production.finditer(haystack, lo, hi))
            if not produced:
                continue
            found = produced[0]
        paragraph = doc.paragraph_at(found.start())
        if paragraph is None:
            continue
        if found.re is placeholder:  # a template slot, whoever is said to speak in it
            yield Finding(found.start(), found.end(), "template placeholder left in the text: "
                          "fill it in from the reporting or delete it")
            continue
        if _inside_quotation(text[paragraph.start:paragraph.end],
                             found.start() - paragraph.start):
            continue
        is_note = note_opening.match(haystack, paragraph.start, paragraph.end) is not None or (
            paragraph.text.startswith("(") and paragraph.text.endswith(")"))
        if not is_note:
            if _maybe_caseless(_ATTRIBUTION, caseless).search(haystack, lo, hi):
                continue  # "the article was generated by AI, the publisher said"
            if found.re is production and not (
                    self_reference.search(haystack, lo, hi)
                    or _maybe_caseless(_OPERATOR, caseless).search(haystack, lo, hi)):
                continue  # a production word alone is reporting ("the instructions given")
        yield _note(text, paragraph.start if is_note else sentence.start, paragraph)
        reported_until = paragraph.end


def _note(text: str, start: int, paragraph) -> Finding:
    return Finding(start, paragraph.end, "a note from a text generator about the article "
                   "itself: delete it", fix=_delete(text, start, paragraph.end, paragraph.start))


def _delete(text: str, start: int, end: int, paragraph_start: int) -> Fix:
    """Delete the note; a whole paragraph goes with the blank line after it."""
    if start == paragraph_start:
        while end < len(text) and text[end] in " \t\n":
            end += 1
    else:
        while start > paragraph_start and text[start - 1] in " \t":
            start -= 1
    return Fix(start, end, "", safe=False)
