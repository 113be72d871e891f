"""An example newslint plugin: one code rule, registered through the `newslint` hooks.

Install it (``pip install ./examples/newslint-example-plugin``) and ``newslint rules`` lists
XNL001; every run then reports exclamation marks in headlines.
"""

import re

import newslint
from newslint import Finding, hookimpl

_BANG = re.compile(r"!+")


@newslint.rule(
    code="XNL001",
    name="headline-exclamation",
    category="ai_phrase",
    severity="info",
    bad="Markets Soar As Rates Fall!",
    good="Markets rise as rates fall",
)
def headline_exclamation(doc, options):
    """An exclamation mark in the headline (the first line) reads as clickbait."""
    if not doc.lines:
        return
    first = doc.lines[0]
    for match in _BANG.finditer(first.text):
        yield Finding(first.start + match.start(), first.start + match.end(),
                      "exclamation mark in the headline")


@hookimpl
def newslint_add_rules():
    return [headline_exclamation.rule]
