"""Quotation marks that do not pair, or that point the wrong way.

Pairing is judged within a paragraph, with the newsroom convention for long quotations: a
quotation that runs over several paragraphs leaves each paragraph open and reopens the next
one with an opening mark, closing only at its end. Apostrophes (’ inside or at the edge of
a word) are not quotation marks, so closing single quotes are never counted.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Finding, Fix, Severity
from ..rule import lazy_regex, rule

#: Some wire feeds write double quotation marks as two single ones (‘‘ and ’’).
_MARKS = lazy_regex(r"‘‘|’’|[“”\"‘]")
_AS_DOUBLE = {"‘‘": "“", "’’": "”"}
_OPENERS = "“\"‘"
#: Characters after which a mark starts a quotation (start of text, space, bracket, dash).
_BEFORE_OPENING = set(" \t\n([{—–-/")
#: Characters a closing mark may be followed by.
_AFTER_CLOSING = set(" \t\n.,;:!?)]}—–-…’'")

# problem kinds
_STRAY_CLOSE = "stray"
_UNCLOSED = "unclosed"
_REOPENED = "reopened"
_CLOSE_AS_OPEN = "close-as-open"
_OPEN_AS_CLOSE = "open-as-close"
_CARRIED_CLOSE = "carried"  # closes a quotation left open by the previous paragraph


def _quote_problems(doc) -> list[tuple[str, int]]:
    """(kind, offset of the mark) for every quotation-mark problem in the document.

    Computed once per document and shared by the two rules (cached on the document).
    """
    cached = getattr(doc, "_newslint_quote_problems", None)
    if cached is not None:
        return cached
    text = doc.text
    problems: list[tuple[str, int]] = []
    if '"' not in text and "‘" not in text and "’’" not in text and _only_paired(text):
        pass  # every paragraph pairs its curly quotation marks: nothing to report
    elif "“" in text or "”" in text or '"' in text or "‘" in text or "’’" in text:
        paragraphs = doc.paragraphs
        left_open = False
        for index, para in enumerate(paragraphs):
            if not _MARKS.search(para.text):
                left_open = False
                continue
            following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
            found = list(_paragraph_problems(para.text, para.start, following))
            if left_open and found and found[0][0] == _STRAY_CLOSE:
                found[0] = (_CARRIED_CLOSE, found[0][1])
            left_open = bool(found) and found[-1][0] == _UNCLOSED
            problems.extend(found)
    try:
        doc._newslint_quote_problems = problems
    except AttributeError:  # a document type without a __dict__: recompute next time
        pass
    return problems


def _only_paired(text: str) -> bool:
    """True for the usual text, which has no problem whatever the paragraph-by-paragraph
    pass would look at: only curly double marks, each “ closed by one ” before the next “,
    on the same line (so within its paragraph). Checked with C-level string methods, from
    mark to mark (the text is not copied)."""
    find = text.find
    opening = find("\u201c")
    closing = find("\u201d")
    if opening == -1:
        return closing == -1
    if -1 < closing < opening:
        return False  # a closing mark before the first opening one
    end = len(text)
    while opening != -1:
        following = find("\u201c", opening + 1)
        stop = end if following == -1 else following
        closing = find("\u201d", opening + 1, stop)
        if (closing == -1 or find("\u201d", closing + 1, stop) != -1
                or find("\n", opening + 1, closing) != -1):
            return False
        opening = following
    return True


def _paragraph_problems(para: str, base: int, following: str) -> Iterator[tuple[str, int]]:
    continues = following[:1] in _OPENERS
    double_open = -1  # offset in `para` of the open double quotation, or -1
    single_opens: list[int] = []
    for match in _MARKS.finditer(para):
        pos, end = match.span()
        mark = _AS_DOUBLE.get(match.group(), match.group())
        before = para[pos - 1] if pos else "\n"
        after = para[end] if end < len(para) else "\n"
        if mark == "‘":
            if before in _BEFORE_OPENING or before in "“\"":
                single_opens.append(pos)
            continue
        if mark == '"':
            if double_open >= 0:
                double_open = -1
            else:
                double_open = pos
            continue
        if mark == "“":
            if before not in _BEFORE_OPENING and after in _AFTER_CLOSING and double_open >= 0:
                yield _OPEN_AS_CLOSE, base + pos
                double_open = -1
                continue
            if double_open >= 0:
                yield _REOPENED, base + double_open
            double_open = pos
            continue
        # mark == "”"
        if double_open >= 0:
            double_open = -1
        elif after.isalnum() and (before in _BEFORE_OPENING or before in "“\""):
            yield _CLOSE_AS_OPEN, base + pos
            double_open = pos
        else:
            yield _STRAY_CLOSE, base + pos
    if double_open >= 0 and not continues:
        yield _UNCLOSED, base + double_open
    if single_opens and "’" not in para[single_opens[-1]:] and not following.startswith("‘"):
        yield _UNCLOSED, base + single_opens[-1]


#: kind -> (message, severity). A stray closing mark is nearly always pasted or garbled
#: text; a quotation left open is often a slip (or an extraction that lost a paragraph),
#: which an editor must judge, so it is info.
_MESSAGES = {
    _STRAY_CLOSE: ("closing quotation mark with no opening mark before it in the paragraph",
                   Severity.WARNING),
    _CARRIED_CLOSE: ("closing quotation mark of a quotation carried over from the previous "
                     "paragraph without an opening mark", Severity.INFO),
    _UNCLOSED: ("quotation mark opened here is never closed (and the next paragraph does not "
                "reopen the quotation)", Severity.INFO),
    _REOPENED: ("quotation opened here is not closed before the next quotation opens",
                Severity.INFO),
}


@rule(
    code="NL309",
    name="unbalanced-quote",
    category="unbalanced_quote",
    severity="warning",
    bad="” (Seoul) – There is growing interest in the security guarantees.”,",
    good="There is growing interest in the security guarantees.",
)
def unbalanced_quote(doc, options) -> Iterator[Finding]:
    """A quotation mark that never pairs within its paragraph.

    An unpaired mark leaves the reader unsure where someone's words end and the reporter's
    begin, and stray marks at the edge of a line are a sign of text pasted from elsewhere.
    Marks are paired within a paragraph; a quotation running over several paragraphs may
    stay open when the next paragraph reopens it with an opening mark, as newsrooms do.
    Apostrophes are not quotation marks. A stray closing mark is a warning; a quotation left
    open is reported at info, since it is as often a slip an editor must judge as residue.
    """
    for kind, offset in _quote_problems(doc):
        if kind in _MESSAGES:
            message, severity = _MESSAGES[kind]
            yield Finding(offset, offset + 1, message, severity=severity)


@rule(
    code="NL310",
    name="wrong-quote-direction",
    category="wrong_quote_direction",
    severity="warning",
    fixable=True,
    bad="it was noted that ”THE NOTION of security guarantees has become critical.”",
    good="it was noted that “the notion of security guarantees has become critical.”",
)
def wrong_quote_direction(doc, options) -> Iterator[Finding]:
    """A closing quotation mark used to open a quotation, or an opening mark used to close it.

    Typographic quotation marks point the way: “ opens and ” closes. A mark turned the
    wrong way usually comes from a converter or a keyboard macro, and it is the first thing
    a careful reader notices. The fix turns the mark around.
    """
    for kind, offset in _quote_problems(doc):
        if kind == _CLOSE_AS_OPEN:
            yield Finding(offset, offset + 1, "closing quotation mark ” used to open a quotation",
                          fix=Fix(offset, offset + 1, "“"))
        elif kind == _OPEN_AS_CLOSE:
            yield Finding(offset, offset + 1,
                          "opening quotation mark “ used to close a quotation",
                          fix=Fix(offset, offset + 1, "”"))
