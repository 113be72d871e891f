"""Helpers for tests: lint a text, read the seed expectations."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def lint(text: str, path: str = "article.txt", select=None, **config_fields):
    """Lint a text with the given rules selected (codes, prefixes or names)."""
    from newslint.config import Config
    from newslint.engine import Linter

    config = Config(select=list(select) if select is not None else None, **config_fields)
    return Linter(config).lint_text(text, path)


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def expected_rows(category: str | None = None, level: str = "must") -> list[dict]:
    """Rows of tests/fixtures/EXPECTED.tsv (a copy of the editors' expectations)."""
    with open(FIXTURES / "EXPECTED.tsv", encoding="utf-8") as handle:
        lines = [ln for ln in handle if not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r for r in rows if r["level"] == level and (category is None or r["category"] == category)]


_SEED_CACHE: dict = {}


def seed_diagnostics():
    """Diagnostics of a default run over seeds/ (computed once per test session)."""
    if "diags" not in _SEED_CACHE:
        from newslint.config import Config
        from newslint.engine import Linter

        report = Linter(Config()).run([str(SEEDS)])
        _SEED_CACHE["diags"] = report.diagnostics
    return _SEED_CACHE["diags"]


def assert_seed_rows(categories) -> None:
    """Every `must` row of these categories is reported on its line."""
    found = {(Path(d.path).name, d.line, d.category) for d in seed_diagnostics()}
    missed = [r for c in categories for r in expected_rows(c)
              if (r["file"], int(r["line"]), r["category"]) not in found]
    assert not missed, "missed: " + "; ".join(f"{r['file']}:{r['line']} {r['category']}"
                                              for r in missed)


def assert_attribution_search_is_plain(text: str, cut_start: int, cut_end: int) -> None:
    """NL101's attribution search over a slice of `text` finds what the plain
    `_ATTRIBUTION` regex finds there, whether or not it is given the first phrase (as the
    paragraph status gives it), and the paragraph status read from it is the plain one."""
    from newslint.checks import provenance
    from newslint.document import Document

    doc = Document("article.txt", text)
    low = provenance.lowered(doc)
    lo = min(cut_start, len(low))
    hi = max(lo, len(low) - cut_end)
    plain = [(m.group(), m.start() + lo, m.end() + lo)
             for m in provenance._ATTRIBUTION.finditer(low[lo:hi])]
    assert list(provenance._attributions(doc, low, lo, hi)) == plain
    places = provenance._word_start_bytes(doc, low)[0]
    first = provenance._next_phrase(places, low, lo, lo, hi)
    assert list(provenance._attributions(doc, low, lo, hi, first)) == plain
    span = type(doc.paragraphs[0])(lo, hi, doc.text[lo:hi]) if doc.paragraphs else None
    if span is not None:
        assert provenance._paragraph_source_status(doc, low, span) == \
            provenance.source_status(doc.text[lo:hi], low[lo:hi])
