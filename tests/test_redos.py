"""ReDoS safety: shipped patterns never backtrack catastrophically; user patterns cannot hang.

Shipped packs: every pattern of every ``rules/*.toml`` file and every compiled matcher of every
pack rule in the registry (phrase tries included) is timed on adversarial strings; quadratic
backtracking on 10,000 characters takes seconds, linear matching milliseconds.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

import newslint.packs.phrase as phrase
from newslint.cli import main
from newslint.config import Config
from newslint.engine import Linter
from newslint.errors import PackError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .helpers import ROOT

N = 10_000
#: Seconds one pattern may take on one 10,000-character adversarial string (linear: ~5 ms).
LIMIT = 0.3

BASES = [" ", "\t", " \t", "a", "A", "1", "1,", "1.", ".", ",", "-", "—", "…", "!", "?",
         '"', "'", "“", "”", "‘", "’", "«", "»", "“‘\"", "(", ")", "[", "<", "<a ", ">", "&",
         "#", "*", "_", "=", "|", "/", "@", ":", "a ", "a.", "a,", "Ab ", "ab", "a\n", " \n",
         "\n", "\n\n", "é", "Ж", "a1", "a-", "http://", "www.", "[email protected] "]


def adversarial(extra: tuple[str, ...] = ()) -> list[str]:
    """Long runs of one unit, plain and followed by a character that spoils a match."""
    out = []
    for base in BASES:
        body = base * (N // len(base))
        out += [body, body + "\x00", "x" + body + "x"]
    for lead in extra:  # a listed word followed by long runs (line-end patterns)
        for run in (" ", " \t", ".", "-", "“"):
            out.append(lead + run * (N // len(run)) + "x")
    return out


def shipped_pack_patterns() -> list[tuple[str, str, int]]:
    """(where, pattern, flags) for every pattern in the shipped rules/*.toml."""
    found = []
    for file in sorted((ROOT / "rules").glob("*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for table in data.get("rule", []):
            flags = re.MULTILINE | (0 if table.get("case_sensitive") else re.IGNORECASE)
            for pattern in table.get("patterns", []):
                found.append((f"{file.name} {table.get('code')}", pattern, flags))
    return found


def pack_matchers() -> list[tuple[str, object, tuple[str, ...]]]:
    """(rule code, compiled matcher, listed words) for every pack rule in the registry."""
    linter = Linter(Config())
    out = []
    for rule in linter.registry.rules.values():
        for matcher in getattr(rule.check, "matchers", ()):
            out.append((rule.code, matcher, ()))
    return out


def _listed_words() -> tuple[str, ...]:
    words = []
    for file in sorted((ROOT / "rules").glob("*.toml")):
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        for table in data.get("rule", []):
            for key in ("lines", "line_starts", "phrases"):
                words += [w.lower() for w in table.get(key, [])[:3]]
    return tuple(dict.fromkeys(words))


def _slowest(regex, strings) -> tuple[float, str]:
    worst, which = 0.0, ""
    for text in strings:
        start = time.perf_counter()
        for _ in regex.finditer(text):
            pass
        spent = time.perf_counter() - start
        if spent > worst:
            worst, which = spent, text[:30]
    return worst, which


@pytest.mark.parametrize("where, pattern, flags", shipped_pack_patterns(),
                         ids=lambda v: v if isinstance(v, str) and len(v) < 30 else "")
def test_each_shipped_pattern_is_linear_on_adversarial_strings(where, pattern, flags):
    regex = re.compile(pattern, flags)
    strings = adversarial()
    worst, which = _slowest(regex, strings + [s.lower() for s in strings[:20]])
    assert worst < LIMIT, f"{where}: {pattern!r} took {worst:.2f} s on {which!r}..."


def test_every_compiled_pack_matcher_is_linear_including_phrase_tries():
    strings = adversarial(_listed_words())
    matchers = pack_matchers()
    assert matchers, "no pack rules found"
    slow = []
    for code, matcher, _ in matchers:
        worst, which = _slowest(matcher, strings)
        if worst >= LIMIT:
            slow.append(f"{code}: {worst:.2f} s on {which!r}...")
    assert not slow, slow


def test_line_end_matching_is_linear_after_a_long_run_of_blanks():
    """Regression: `[ \\t]*[punct]*[ \\t]*$` after a listed word was quadratic in the blanks."""
    regex = re.compile(r"^[ \t]*(?:menu|close)" + phrase._TRAILING + "$", re.MULTILINE)
    start = time.perf_counter()
    assert list(regex.finditer("menu" + " " * 100_000 + "x")) == []
    assert time.perf_counter() - start < LIMIT
    assert regex.search("menu \t.. \t") and regex.search("close")


# -- user packs -----------------------------------------------------------------------------------
HEAD = """[[rule]]
code = "NL901"
name = "house-pattern"
category = "spelling"
severity = "warning"
summary = "s"
explanation = "e"
bad = "b"
good = "g"
message = "house style: {match}"
"""


def _user_pack(tmp_path: Path, pattern: str) -> Path:
    packs = tmp_path / "packs"
    packs.mkdir(exist_ok=True)
    (packs / "house.toml").write_text(HEAD + f"patterns = ['{pattern}']\n")  # TOML literal
    return packs


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"(.*?,){11}P", r"(\w|_)+$", r"(a|ab|b)*c",
                                     r"(?:[\w ]|\w)+:"])
def test_a_catastrophic_user_pattern_is_refused_at_load(tmp_path, pattern):
    packs = _user_pack(tmp_path, pattern)
    with pytest.raises(PackError, match="backtracks catastrophically"):
        Linter(Config(rule_packs=[packs]))


def test_a_catastrophic_user_pattern_is_one_line_from_the_cli(capsys, tmp_path):
    _user_pack(tmp_path, r"(a|aa)+$")
    (tmp_path / "newslint.toml").write_text('rule-packs = ["packs"]\n')
    (tmp_path / "a.txt").write_text("The council met.\n")
    code = main([str(tmp_path / "a.txt")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "backtracks catastrophically" in err


def test_user_patterns_run_with_a_time_limit_and_report_once(tmp_path, monkeypatch):
    """A polynomial pattern passes the short load probe; on a big file the time limit stops it
    with one report, the other rules' findings stay and other files are linted."""
    monkeypatch.setattr(phrase, "PATTERN_TIMEOUT", 0.3)
    packs = _user_pack(tmp_path, r"[a ]*[a ]*[a ]*b")
    linter = Linter(Config(rule_packs=[packs], select=["NL901", "NL301"]))
    hostile = "Skip to content\n\n" + "a " * 4000 + "\nb\n"
    start = time.perf_counter()
    diags = linter.lint_text(hostile)
    assert time.perf_counter() - start < 5
    crash = [d for d in diags if d.code == "NL002"]
    assert len(crash) == 1 and "NL901" in crash[0].message
    assert re.search(r"ran over 0\.[34] s on this file and were stopped", crash[0].message)
    assert "NL301" in [d.code for d in diags]
    assert [d.code for d in linter.lint_text("abab\n")] == ["NL901", "NL901"]


def test_user_patterns_use_the_time_limited_engine_and_shipped_ones_do_not(tmp_path):
    packs = _user_pack(tmp_path, r"\bcolour\b")
    linter = Linter(Config(rule_packs=[packs]))
    user = linter.registry.rules["NL901"].check.matchers
    assert user and all(not isinstance(m, re.Pattern) for m in user)
    shipped = [m for code, m, _ in pack_matchers() if code != "NL901"]
    assert shipped and all(isinstance(m, re.Pattern) for m in shipped)


def test_load_time_probe_is_cheap_for_ordinary_patterns():
    import regex

    pattern = r"^[ \t]*visited[ \t]+\d[\d,]*[ \t]+times?\b.*$"
    start = time.perf_counter()
    phrase._probe(regex.compile(pattern, regex.M | regex.I), pattern, "test")
    assert time.perf_counter() - start < 0.05
