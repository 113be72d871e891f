"""Mojibake (NL308): text decoded with the wrong encoding, repaired with ftfy."""

from __future__ import annotations

import functools

import pytest

from newslint.config import Config
from newslint.engine import Linter
from newslint.model import Severity

TITLE = "Talks resume in Brussels\n\n"


@functools.lru_cache(maxsize=None)
def _linter() -> Linter:
    return Linter(Config(select=["NL308"]))


def lint(body: str) -> list:
    return _linter().lint_text(TITLE + body + "\n", "article.txt")


def apply(text: str, diagnostics) -> str:
    for d in sorted(diagnostics, key=lambda d: d.fix.start, reverse=True):
        text = text[:d.fix.start] + d.fix.replacement + text[d.fix.end:]
    return text


CLEAN = [
    "The minister said they don’t expect a deal before the “final” round — not yet.",
    "Zelenskyy met Macron at the Élysée; the café on the corner stayed open.",
    "São Paulo, Zürich, Kraków, Malmö and Reykjavík sent delegates.",
    "The fee is £5 or €6, and 30°C is the forecast high.",
    "Jean-Noël Barrot spoke in Brest. Señora Núñez answered in Spanish.",
    "Привет means hello; Αθήνα is Athens; 東京 is Tokyo.",
    "À la carte menus and naïve façades: déjà vu in Ærøskøbing.",
]


@pytest.mark.parametrize("body", CLEAN)
def test_clean_text_with_accents_and_typography(body):
    assert lint(body) == [], body


def _garble(text: str, encoding: str = "cp1252") -> str:
    return text.encode("utf-8").decode(encoding, errors="replace")


@pytest.mark.parametrize("body", [c for c in CLEAN if not any(ord(ch) > 0x24F for ch in c)])
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_generated_mojibake_is_reported_and_repaired(body, encoding):
    garbled = _garble(body, encoding)
    if garbled == body or "\ufffd" in garbled:
        pytest.skip("this encoding cannot show the garbling without loss")
    text = TITLE + garbled + "\n"
    found = lint(garbled)
    assert found and {d.code for d in found} == {"NL308"}
    assert {d.severity for d in found} == {Severity.ERROR}
    assert apply(text, found) == TITLE + body + "\n"


def test_one_report_per_garbled_word():
    found = lint("They donâ€™t expect the cafÃ© to reopen.")
    assert [(d.column, d.fix.replacement) for d in found] == [(9, "’"), (28, "é")]
    assert "“â€™” should read “’”" in found[0].message


def test_double_encoded_text():
    twice = "café".encode("utf-8").decode("cp1252").encode("utf-8").decode("cp1252")
    found = lint(f"The {twice} reopened.")
    assert apply(TITLE + f"The {twice} reopened.\n", found) == TITLE + "The café reopened.\n"


def test_replacement_character_is_reported_without_a_fix():
    found = lint("The mayor of K\ufffdln spoke first.")
    assert [(d.code, d.fix) for d in found] == [("NL308", None)]


def test_byte_gate_finds_every_suspect_pair():
    """The rule looks for _SUSPECT only where its UTF-8 gate finds something: the gate must
    find every pair the pattern can match."""
    import re

    from newslint.checks.mojibake import _SUSPECT, _SUSPECT_BYTES

    pattern = re.compile(_SUSPECT.pattern)
    leads = [chr(c) for c in range(0x100) if pattern.match(chr(c) + "\u0080")]
    seconds = [chr(c) for c in range(0x10000)
               if not 0xD800 <= c < 0xE000 and pattern.fullmatch("\u00c2" + chr(c))]
    assert len(leads) == 51 and len(seconds) > 60
    missed = [(a, b) for a in leads for b in seconds
              if not _SUSPECT_BYTES.search((a + b).encode("utf-8"))]
    assert missed == []
