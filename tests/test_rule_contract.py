"""Every rule's documented bad example is reported by that rule and its good example is not.

A few examples cannot stand alone as one short text, and are exempt with the reason why:
their own test files cover them with the context they need.
"""

from __future__ import annotations

import pytest

from newslint.config import Config
from newslint.engine import Linter

NEEDS_CONTEXT = {
    "NL401": "needs a second spelling elsewhere in the article or corpus (test_consistency)",
    "NL402": "needs a [tool.newslint.names] table (test_consistency)",
    "NL405": "needs other articles in the same run (test_capitalization)",
    "NL602": "describes a 339-word paragraph (test_readability)",
    "NL603": "describes a whole article (test_readability)",
}

RULES = [r for r in Linter(Config()).registry.rules.values() if r.category != "input_error"]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"{r.code}-{r.name}")
def test_bad_example_is_reported_and_good_example_is_not(rule):
    if rule.code in NEEDS_CONTEXT:
        pytest.skip(NEEDS_CONTEXT[rule.code])
    linter = Linter(Config(select=[rule.code]))
    bad = [d for d in linter.lint_text(rule.bad) if d.code == rule.code]
    good = [d for d in linter.lint_text(rule.good) if d.code == rule.code]
    assert bad, f"{rule.code} does not report its own bad example: {rule.bad!r}"
    assert not good, f"{rule.code} reports its own good example: {[d.message for d in good]}"


def test_exemptions_name_real_rules():
    codes = {r.code for r in RULES}
    assert set(NEEDS_CONTEXT) <= codes
