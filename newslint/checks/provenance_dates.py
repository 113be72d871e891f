"""Provenance of time: dates an editor must check before the story runs.

A date is a fact like any other, and a cheap one to get wrong: a weekday that does not match
its date, a day that does not exist, "on the 18th" in a story that never says which month,
"yesterday" in copy that carries no date at all. Weekdays are computed with `datetime`.

The four rules share one scan of the article for month names (`date_facts`), anchored on a
short literal prefix, so the text is not run through a large alternation four times.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterator

from ..model import Finding, Severity
from ..rule import rule
from .provenance import is_heading, lowered

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_AMBIGUOUS = frozenset({"may", "march", "mar"})  # a verb, a noun, a word part
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# Month names are capitalised. (The plain pattern; the scan finds its matches with
# `_MARKED_MONTH_WORD`.)
_MONTH_WORD = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|"
                         r"MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[a-zA-Z]*")
_MONTH_PREFIXES = frozenset("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec JAN FEB MAR APR MAY "
                            "JUN JUL AUG SEP OCT NOV DEC".split())
#: latin-1 byte -> itself, but the capitals that open a month name ("JFMASOND") -> 0x01 and
#: a 0x01 of the text -> "?": then every place where `_MONTH_WORD` can match starts with the
#: one byte 0x01, which the regex engine skips to as fast as memchr (a class of eight
#: capitals first is tried at every character)
_MONTH_INITIALS = bytes(1 if chr(b) in "JFMASOND" else 63 if b == 1 else b for b in range(256))


def _marked(prefix: str) -> bytes:
    return prefix.encode("ascii").translate(_MONTH_INITIALS)


#: what `_MONTH_WORD` matches, in `_MONTH_INITIALS` form: a month prefix (the three letters
#: after translation; a few other capitalised words look the same, "MAN" as "JAN": the
#: caller checks the prefix in the text), then the rest of its run of ASCII letters
_MARKED_MONTH_WORD = re.compile(
    b"\x01(?:" + b"|".join(sorted({re.escape(_marked(p)[1:]) for p in _MONTH_PREFIXES}))
    + b")[a-zA-Z\x01]*")
_YEAR = r"(?:1[89]|2[01])\d\d"
# after a month: " 11", " 11th", " 11, 2025"; the day may not be followed by ":" (a time)
_DAY_AFTER = re.compile(r"\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\w:])"
                        r"(?:,?\s+(?P<year>" + _YEAR + r")(?!\d))?")
_YEAR_AFTER = re.compile(r"\.?,?\s+(?:of\s+)?(?P<year>" + _YEAR + r")(?!\d)")
# what both of them need after a month: a number (one test where most months have none)
_NUMBER_AFTER = re.compile(r"\.?,?\s+(?:of\s+)?\d")
# before a month: "11 ", "the 11th of "
_DAY_BEFORE = re.compile(r"(?<![\w.,$€£])(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
                         r"(?:of\s+)?$")
_WEEKDAY_BEFORE = re.compile(r"(?<![\w])(?P<weekday>" + "|".join(_WEEKDAYS) + r"),?\s+$")
_MONTH_PREPOSITION = re.compile(r"(?:^|\s)(?:in|of|early|late|mid|since|until|by|from)[\s-]+$")
_ISO = re.compile(r"(?:19|20)\d\d-(?P<month>\d\d)-(?P<day>\d\d)(?![\w-])")
_NUMERIC_DATE = re.compile(r"\d{1,2}/\d{1,2}/(?:19|20)?\d\d\b")
_DAY_ALONE = re.compile(
    r"the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)(?=\s*(?:[,.;:!?)(]|$|\s(?:and|or|to|at|in|of|"
    r"when|after|before|as|with|for|local|—|–|-)\b))")
_DAY_ALONE_BEFORE = frozenset(
    "on by until till since before after from through between of and to".split())
# Relative dates are found from their last word with str.find, then the words before it
# are checked on a short slice ("last week", "earlier this month", "two days ago").
_RELATIVE_WORDS = ("yesterday", "today", "tomorrow", "tonight")
_RELATIVE_NOUNS = ("week", "weekend", "month", "night", "morning", "afternoon", "evening")
_RELATIVE_BEFORE = re.compile(r"(?:(?:earlier|later)\s+this|last|this|next)\s+$")
_AGO_BEFORE = re.compile(r"(?:^|\s)(?:a|one|two|three|four|five|six|a\s+few)\s+(?:days|weeks)\s+$")


def _relative_dates(low: str) -> list[tuple[int, int]]:
    """Spans of relative dates in lower-cased text, in order."""
    spans: list[tuple[int, int]] = []

    def bounded(start: int, end: int) -> bool:
        return ((not start or not low[start - 1].isalnum())
                and (end >= len(low) or not low[end].isalnum()))

    for word in _RELATIVE_WORDS:
        at = low.find(word)
        while at != -1:
            if bounded(at, at + len(word)):
                spans.append((at, at + len(word)))
            at = low.find(word, at + 1)
    for noun in _RELATIVE_NOUNS:
        at = low.find(noun)
        while at != -1:
            end = at + len(noun)
            if bounded(at, end) and (low[end:end + 1] != "e" or noun != "week"):
                before = _RELATIVE_BEFORE.search(low, max(0, at - 20), at)
                if before and (not before.start() or not low[before.start() - 1].isalnum()):
                    spans.append((before.start(), end))
            at = low.find(noun, at + 1)
    at = low.find(" ago")
    while at != -1:
        before = _AGO_BEFORE.search(low, max(0, at - 20), at + 1)
        if before and bounded(at + 1, at + 4):
            spans.append((before.start() + (low[before.start()] == " "), at + 4))
        at = low.find(" ago", at + 1)
    return sorted(spans)


@dataclass
class DateMention:
    """One calendar date written with a month name (or in ISO form)."""

    start: int
    end: int
    month: int
    day: int | None
    year: int | None
    weekday: int | None = None  # 0 = Monday, when a weekday is written before the date
    iso: bool = False


@dataclass
class DateFacts:
    """What the date rules need from one article, computed once."""

    dates: list[DateMention] = field(default_factory=list)
    month_mentions: list[int] = field(default_factory=list)  # offsets of clear month names
    dated: bool = False  # a full date appears somewhere (a dateline or a date in the text)


def date_facts(doc) -> DateFacts:
    """The dates of an article, computed once and kept on the document (four rules share it)."""
    facts = doc.__dict__.get("_provenance_date_facts")
    if facts is None:
        facts = doc.__dict__["_provenance_date_facts"] = _scan(doc.text, lowered(doc))
    return facts


def _ends_like(low: str, start: int, end: int, last_chars: str) -> bool:
    """Cheap test before a search anchored at `end` by "\\s+$": does low[start:end] end in
    white space preceded by one of `last_chars` (or a digit, when "0" is among them)?"""
    window = low[start:end]
    stripped = window.rstrip()
    if not stripped or len(stripped) == len(window):
        return False
    last = stripped[-1]
    return last in last_chars or ("0" in last_chars and last.isdecimal())


def _day_before(low: str, start: int):
    """`_DAY_BEFORE` searched in the 12 characters before a month name. A match ends in
    white space after a day number, its suffix ("11th") or "of": test that first."""
    if not _ends_like(low, max(0, start - 12), start, "0fdht"):
        return None
    return _DAY_BEFORE.search(low, max(0, start - 12), start)


def _weekday_before(low: str, first: int):
    """`_WEEKDAY_BEFORE` searched in the 12 characters before a date; every match ends in
    white space after "day" or "day,"."""
    if not _ends_like(low, max(0, first - 12), first, "y,"):
        return None
    return _WEEKDAY_BEFORE.search(low, max(0, first - 12), first)


#: every ISO date holds "-dd-d"; most articles have hyphens but no such run
_ISO_HINT = re.compile(r"-\d\d-\d")


def _month_words(text: str) -> list[tuple[int, int]]:
    """Spans of `_MONTH_WORD` matches: the matches of `_MARKED_MONTH_WORD` in the marked
    latin-1 copy (one character, one byte) that start with a month prefix. Those of them
    that do not start right after a letter are those of `_MONTH_WORD.finditer(text)`: a
    match either scan skips lies in an earlier match's run of letters (so it starts after
    a letter), and a match found runs to the end of its run of ASCII letters in both."""
    marked = text.encode("latin-1", "replace").translate(_MONTH_INITIALS)
    return [word.span() for word in _MARKED_MONTH_WORD.finditer(marked)
            if text[word.start():word.start() + 3] in _MONTH_PREFIXES]


def _scan(text: str, low: str) -> DateFacts:
    facts = DateFacts()
    for start, end in _month_words(text):
        name = text[start:end].lower()
        month = _MONTHS.get(name)
        if month is None or (start and text[start - 1].isalpha()):
            continue
        if _NUMBER_AFTER.match(low, end):
            after = _DAY_AFTER.match(low, end)
            year_after = None if after else _YEAR_AFTER.match(low, end)
        else:
            after = year_after = None
        if start >= 2 and low[start - 1] == " " and not (
                low[start - 2] in "fdht" or low[start - 2].isspace()
                or low[start - 2].isdecimal()):
            # "in May": `_day_before` needs a day before the space ("11", "11th", "1st",
            # "2nd", "3rd") or "of": it ends in a digit or "t", "h", "d", "f"
            before = None
        else:
            before = _day_before(low, start)
        if name in _AMBIGUOUS and not (after or before or year_after):
            if not _MONTH_PREPOSITION.search(low, max(0, start - 8), start) or name == "mar":
                continue  # "you may", "a march", "mar the day"
        if len(name) == 3 and not (after or before or year_after) and low[end:end + 1] != ".":
            continue  # "jan" as a name, "dec" in a table, unless "Jan." or "Jan 5"
        if after:
            day, year = int(after.group("day")), after.group("year")
            first, last = start, after.end()
        elif before:
            day = int(before.group("day"))
            year_match = year_after or _YEAR_AFTER.match(low, end)
            year = year_match.group("year") if year_match else None
            first, last = before.start(), year_match.end() if year_match else end
        else:
            facts.month_mentions.append(start)
            if year_after:
                facts.dated = True
            continue
        if 1 <= day <= 31:  # "prices above 40 may fall" is no date
            facts.month_mentions.append(start)
            facts.dated = True
        weekday = _weekday_before(low, first)
        if weekday:
            first = weekday.start()
        facts.dates.append(DateMention(
            first, last, month, day, int(year) if year else None,
            _WEEKDAYS.index(weekday.group("weekday")) if weekday else None))
    if "-" in low and _ISO_HINT.search(low):
        for iso in _ISO.finditer(low):
            if iso.start() and low[iso.start() - 1].isalnum():
                continue
            facts.dated = True
            facts.dates.append(DateMention(iso.start(), iso.end(), int(iso.group("month")),
                                           int(iso.group("day")), int(iso.group()[:4]),
                                           iso=True))
    if not facts.dated and "/" in low and _NUMERIC_DATE.search(low):
        facts.dated = True
    return facts


def _days_in(month: int, year: int | None) -> int:
    if month == 2 and year is None:
        return 29
    return calendar.monthrange(year or 2000, month)[1]


def _prose(doc, offset: int) -> bool:
    """The offset sits in a running-text paragraph (not a heading, a counter or chrome)."""
    para = doc.paragraph_at(offset)
    return (para is not None and not is_heading(para.text) and len(para.text.split()) >= 6
            and any(mark in para.text for mark in ".!?"))


@rule(
    code="NL106",
    name="day-without-month",
    category="date",
    severity="warning",
    bad="The envoy arrived on the 18th and left two days later.",
    good="The envoy arrived on August 18 and left two days later.",
)
def day_without_month(doc, options) -> Iterator[Finding]:
    """A day of the month ("on the 18th") with no month in its paragraph or the one before.

    Copy translated or condensed from wire reports keeps the agency's "on the 18th (local
    time)" and loses the dateline that said which month it was; the reader cannot tell when
    things happened. Reported as a warning when the article names no month at all, as info
    when a month appears elsewhere and the editor must judge whether it is near enough.
    Ordinals followed by a noun ("the 18th century", "the 5th floor") are not days.
    """
    low = lowered(doc)
    if "the " not in low:
        return
    facts = None
    for match in _DAY_ALONE.finditer(low):
        if match.start() and low[match.start() - 1].isalnum():
            continue
        previous = low[max(0, match.start() - 12):match.start()].split()
        if not previous or previous[-1] not in _DAY_ALONE_BEFORE:
            continue
        if not 1 <= int(match.group("day")) <= 31:
            continue
        para = doc.paragraph_at(match.start())
        if para is None:
            continue
        facts = facts or date_facts(doc)
        index = doc.paragraphs.index(para)
        window_start = doc.paragraphs[index - 1].start if index > 0 else para.start
        if any(window_start <= at < para.end for at in facts.month_mentions):
            continue
        yield Finding(match.start(), match.end(),
                      f"“{doc.text[match.start():match.end()]}” gives a day of the month but "
                      "no month nearby: which month?",
                      severity=Severity.INFO if facts.month_mentions else None)


@rule(
    code="NL107",
    name="weekday-mismatch",
    category="date",
    severity="warning",
    bad="The summit opened on Monday, March 11, 2025.",
    good="The summit opened on Tuesday, March 11, 2025.",
)
def weekday_mismatch(doc, options) -> Iterator[Finding]:
    """A weekday that does not fall on the date it names ("Monday, March 11, 2025").

    One of the two is wrong, and only the source can say which. The weekday is computed from
    the date; when the date carries no year, the year of the article's first full date is
    used (or the next year, for an earlier month) and a mismatch is reported as info, since
    the story may be about another year.
    """
    dates = date_facts(doc).dates
    if not any(d.weekday is not None for d in dates):
        return
    first_full = next((d for d in dates if d.year), None)
    for date in dates:
        if date.weekday is None or date.day is None:
            continue
        guess = date.year is None
        if guess:
            if first_full is None:
                continue
            # the article's year, or the next one for a month that comes earlier in the year
            # ("Friday, December 19, 2025 ... talks resume on Monday, January 5")
            candidates = [first_full.year]
            if date.month < first_full.month:
                candidates.append(first_full.year + 1)
        else:
            candidates = [date.year]
        valid = [y for y in candidates if 1 <= date.day <= _days_in(date.month, y)]
        if not valid:
            continue  # an impossible date: NL108 reports it
        if any(dt.date(y, date.month, date.day).weekday() == date.weekday for y in valid):
            continue
        actual = dt.date(valid[0], date.month, date.day)
        yield Finding(date.start, date.end,
                      f"“{doc.text[date.start:date.end]}”: {actual:%B} {date.day}, "
                      f"{valid[0]} was a {actual:%A}" + (" (year assumed)" if guess else ""),
                      severity=Severity.INFO if guess else None)


@rule(
    code="NL108",
    name="impossible-date",
    category="date",
    severity="error",
    bad="The treaty was signed on February 30, 2024.",
    good="The treaty was signed on February 29, 2024.",
)
def impossible_date(doc, options) -> Iterator[Finding]:
    """A date that does not exist: "February 30", "31 April", "2023-02-29".

    No source gave this date as written; a digit was mistyped or two dates were merged.
    Day numbers above 31 are only judged when they read as a date ("June 45," or "June 45,
    2024"), so "in March 45 people died" and "prices above 40 may fall" are left alone.
    """
    low, text = lowered(doc), doc.text
    for date in date_facts(doc).dates:
        day, month, year = date.day, date.month, date.year
        shown = text[date.start:date.end]
        if date.iso and not 1 <= month <= 12:
            yield Finding(date.start, date.end, f"“{shown}” is not a date: there is no month "
                                                f"{month}")
            continue
        if day is None or 1 <= day <= _days_in(month, year):
            continue
        if day > 31 and year is None and not date.iso:
            following = low[date.end:date.end + 1]
            if low[date.start:date.end][:1].isdigit() or following not in (",", ";", ")", ""):
                continue  # "in March 45 people died", "above 40 may fall"
        days = _days_in(month, year)
        yield Finding(date.start, date.end,
                      f"“{shown}” is not a date: {calendar.month_name[month]} has {days} days"
                      + (f" in {year}" if year else ""))


@rule(
    code="NL109",
    name="relative-date-undated",
    category="date",
    severity="info",
    bad="(an article with no date anywhere) The minister resigned yesterday.",
    good="LONDON, March 3 — The minister resigned yesterday.",
)
def relative_date_undated(doc, options) -> Iterator[Finding]:
    """A relative date ("yesterday", "last week") in an article that gives no date at all.

    "Yesterday" means something only against a dateline. Scraped and syndicated copy often
    loses its dateline, and then nobody can say when the events happened. Reported once per
    article, as info: the fix is to restore the dateline or write the date.
    """
    if date_facts(doc).dated:
        return  # most articles carry a dateline: no need to look for relative dates
    low = lowered(doc)
    found = [span for span in _relative_dates(low) if _prose(doc, span[0])]
    if not found:
        return
    start, end = found[0]
    more = f" ({len(found) - 1} more below)" if len(found) > 1 else ""
    yield Finding(start, end, f"relative date “{doc.text[start:end]}” in an article with no "
                              f"dateline or date: when is that?{more}")
