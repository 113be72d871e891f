"""Date rules NL106-NL109: a day with no month, a weekday that does not match its date,
impossible dates, relative dates in undated copy. Examples are written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from newslint.model import Severity

from .helpers import lint


def found(text: str, code: str):
    return [d for d in lint(text, select=[code]) if d.code == code]


# -- NL106 day without month -------------------------------------------------------------------
def test_a_day_with_no_month_in_an_undated_article_is_a_warning():
    text = "The envoy arrived on the 18th (local time) and met the president that day.\n"
    diags = found(text, "NL106")
    assert [d.severity for d in diags] == [Severity.WARNING]
    assert "the 18th" in diags[0].message


def test_a_day_far_from_the_only_month_is_info():
    text = ("The budget was published in June.\n\nThe committee met twice.\n\n"
            "Its report is due by the 30th, members said.\n")
    assert [d.severity for d in found(text, "NL106")] == [Severity.INFO]


@pytest.mark.parametrize("text", [
    "The envoy arrived on the 18th of August and left on the 20th.",
    "On August 18 the envoy arrived, and on the 20th he left.",
    "Castles of the 18th century line the river.",
    "The office is on the 5th floor.",
    "She finished in the 3rd round.",
    "The 10th Circuit ruled on the case.",
    "It was his 20th anniversary at the firm.",
])
def test_ordinals_and_days_with_a_month_nearby_are_not_reported(text):
    assert found(text, "NL106") == []


# -- NL107 weekday mismatch --------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The summit opened on Monday, March 11, 2025.",
    "The summit opened on Wednesday, 11 March 2025.",
    "The vote took place on Monday, the 2nd of June 2024.",
])
def test_a_weekday_that_does_not_match_its_date_is_a_warning(text):
    diags = found(text, "NL107")
    assert [d.severity for d in diags] == [Severity.WARNING]
    assert "was a Tuesday" in diags[0].message or "was a Monday" in diags[0].message \
        or "was a Sunday" in diags[0].message


def test_the_message_names_the_real_weekday():
    diags = found("It opened on Friday, July 4, 2025.", "NL107")
    assert diags == []  # 4 July 2025 was a Friday
    diags = found("It opened on Thursday, July 4, 2025.", "NL107")
    assert dt.date(2025, 7, 4).strftime("%A") in diags[0].message


@pytest.mark.parametrize("text", [
    "Monday, May 18, 2015\n\nThe rescue began at dawn.",
    "The summit opened on Tuesday, March 11, 2025.",
    "It ended on Saturday 29 February 2020.",
])
def test_matching_weekdays_are_not_reported(text):
    assert found(text, "NL107") == []


def test_a_yearless_date_in_the_next_january_is_not_reported():
    text = "Friday, December 19, 2025\n\nTalks resume on Monday, January 5, officials said.\n"
    assert found(text, "NL107") == []


def test_a_yearless_date_uses_the_article_year_and_is_info():
    text = ("Friday, March 14, 2025\n\nTalks resume on Monday, March 18, officials said.\n")
    diags = found(text, "NL107")
    assert [d.severity for d in diags] == [Severity.INFO]
    assert "year assumed" in diags[0].message


# -- NL108 impossible date ---------------------------------------------------------------------
@pytest.mark.parametrize("text, shown", [
    ("The treaty was signed on February 30, 2024.", "February 30, 2024"),
    ("The deadline is 31 April.", "31 April"),
    ("The file is dated 2023-02-29.", "2023-02-29"),
    ("Payments stop on Sept. 31.", "Sept. 31"),
    ("The law took effect on February 29, 2023.", "February 29, 2023"),
    ("The deal closed on June 45, 2024.", "June 45, 2024"),
])
def test_dates_that_do_not_exist_are_errors(text, shown):
    diags = found(text, "NL108")
    assert [d.severity for d in diags] == [Severity.ERROR]
    assert shown in diags[0].message


@pytest.mark.parametrize("text", [
    "The law took effect on February 29, 2024.",
    "In March 45 people died in the floods.",
    "Prices above 40 may fall further.",
    "The file is dated 2024-02-29.",
    "Sales rose in May 2023 and June 2023.",
    "We may 31 times have tried.",
])
def test_real_dates_and_lookalikes_are_not_reported(text):
    assert found(text, "NL108") == []


# -- NL109 relative date in undated copy -------------------------------------------------------
def test_relative_dates_in_an_undated_article_are_reported_once_as_info():
    text = ("The minister resigned yesterday after a row with her party.\n\n"
            "She had defended the plan last week in parliament.\n")
    diags = found(text, "NL109")
    assert [d.severity for d in diags] == [Severity.INFO]
    assert "yesterday" in diags[0].message and "1 more" in diags[0].message


@pytest.mark.parametrize("text", [
    "LONDON, March 3 — The minister resigned yesterday after a row with her party.",
    "Tuesday, 4 March 2025\n\nThe minister resigned yesterday after a row with her party.",
    "Published 2025-03-04\n\nThe minister resigned yesterday after a row with her party.",
    "The minister resigned after a row with her party, and the weekly paper said so.",
    "Visited 1 times, 1 visit(s) today",
])
def test_dated_articles_and_non_prose_are_not_reported(text):
    assert found(text, "NL109") == []


def test_the_cheap_tests_before_date_searches_never_hide_a_match():
    """The tests run before the day/weekday searches only skip places where they fail."""
    from newslint.checks import provenance_dates as dates

    low = ("on monday, 11 march 2025, the 2nd of june, friday\n3 may, sunday 4th of\n july, "
           "5 of  august, 2024-02-29, 12th\n\nsept, tuesday,\n 9 oct, wed 1 nov").lower()
    for at in range(len(low) + 1):
        plain = dates._DAY_BEFORE.search(low, max(0, at - 12), at)
        quick = dates._day_before(low, at)
        assert (plain and plain.span()) == (quick and quick.span())
        plain = dates._WEEKDAY_BEFORE.search(low, max(0, at - 12), at)
        quick = dates._weekday_before(low, at)
        assert (plain and plain.span()) == (quick and quick.span())
    assert dates._ISO_HINT.search(low) and dates._ISO.search(low)


def test_date_facts_are_kept_on_the_document():
    from newslint.checks.provenance_dates import date_facts
    from newslint.document import Document

    doc = Document("a.txt", "LONDON, March 3 — The minister resigned yesterday.\n")
    assert date_facts(doc) is date_facts(doc) and date_facts(doc).dated
