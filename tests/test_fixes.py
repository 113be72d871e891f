"""--fix, --unsafe-fixes and --diff: every fixable rule, idempotence, bytes kept, safe writes."""

from __future__ import annotations

import io
import os
import stat
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.cli import main
from newslint.config import Config
from newslint.document import decode
from newslint.engine import Linter
from newslint.fixes import (FixRefused, choose_fixes, fix_bytes, fix_file, plan, rebuild,
                            write_atomic)
from newslint.model import Diagnostic, Fix, Severity

# Before/after pairs for rules whose `bad` example needs context or settings. Every other
# fixable rule is tested on its own `bad` example (so rules added later are covered too).
EXAMPLES = {
    "NL301": ("Skip to content\nThe council met on Monday.\n", "The council met on Monday.\n", {}),
    "NL302": ("The council met on Monday.\n[email protected]\n",
              "The council met on Monday.\n", {}),
    "NL402": ("Zelenskiy said on Monday that talks would go on.\n",
              "Zelenskyy said on Monday that talks would go on.\n",
              {"names": {"Zelenskyy": ["Zelenskiy"]}}),
    "NL503": ("The minister said the the plan was ready.\n",
              "The minister said the plan was ready.\n", {}),
    "NL504": ("Ukraine seeks robust  security guarantees.\n",
              "Ukraine seeks robust security guarantees.\n", {}),
    "NL308": ("The minister said they donâ€™t expect a deal.\n",
              "The minister said they don’t expect a deal.\n", {}),
}


def _fixable_rules():
    linter = Linter(Config())
    return sorted((r for r in linter.registry.rules.values() if r.fixable),
                  key=lambda r: r.code)


FIXABLE = _fixable_rules()


def test_the_registry_has_fixable_rules():
    assert {"NL301", "NL503"} <= {r.code for r in FIXABLE}


@pytest.mark.parametrize("rule", FIXABLE, ids=lambda r: f"{r.code}-{r.name}")
def test_every_fixable_rule_fixes_its_example(rule):
    before, after, fields = EXAMPLES.get(rule.code, (rule.bad, None, {}))
    if rule.is_corpus:
        pytest.skip("fixes of corpus rules need the whole corpus; --fix applies document rules")
    linter = Linter(Config(select=[rule.code], **fields))
    found = [d for d in linter.lint_text(before) if d.code == rule.code and d.fix is not None]
    assert found, (f"{rule.code} is fixable but offers no fix on its example {before!r}: "
                   "add a fixable `bad` example or an entry in EXAMPLES")
    outcome = fix_bytes(linter, "article.txt", before.encode("utf-8"), unsafe=True)
    fixed = outcome.fixed.decode("utf-8")
    assert fixed != before and outcome.applied >= 1 and outcome.stable
    if after is not None:
        assert fixed == after
    left = [d for d in linter.lint_text(fixed) if d.code == rule.code and d.fix is not None]
    assert len(left) < len(found)
    again = fix_bytes(linter, "article.txt", outcome.fixed, unsafe=True)
    assert again.fixed == outcome.fixed and again.applied == 0


# -- choosing fixes ----------------------------------------------------------------------------
def _diag(start, end, replacement="", safe=True, code="NL503"):
    return Diagnostic(path="a.txt", line=1, column=start + 1, end_line=1, end_column=end + 1,
                      code=code, name="x", category="repeated_word", severity=Severity.WARNING,
                      message="m", fix=Fix(start, end, replacement, safe), start=start, end=end)


def test_overlapping_fixes_keep_the_first():
    chosen = choose_fixes([_diag(5, 9), _diag(0, 6), _diag(9, 12), _diag(20, 20, "x"),
                           _diag(20, 20, "y"), _diag(20, 22, "z")])
    # (5, 9) overlaps (0, 6); a second insertion, or a replacement, at an insertion point is
    # ambiguous: the first one wins
    assert [(f.start, f.end, f.replacement) for f, _ in chosen] == [
        (0, 6, ""), (9, 12, ""), (20, 20, "x")]


def test_unsafe_fixes_need_opting_in():
    diags = [_diag(0, 3, safe=False), _diag(5, 7)]
    assert [f.start for f, _ in choose_fixes(diags)] == [5]
    assert [f.start for f, _ in choose_fixes(diags, unsafe=True)] == [0, 5]


# -- bytes kept: encodings, BOM, line endings -------------------------------------------------
LINTER = Linter(Config(select=["NL301", "NL503"]))


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_line_endings_and_bom_round_trip(newline, bom):
    lines = ["Title", "", "Skip to content", "He said the the plan — “ready” — was was late.",
             "Tail ünïcode 😀 line"]
    raw = bom + newline.join(lines).encode("utf-8") + newline.encode()
    outcome = fix_bytes(LINTER, "a.txt", raw)
    expected = ["Title", "", "He said the plan — “ready” — was late.", "Tail ünïcode 😀 line"]
    assert outcome.fixed == bom + newline.join(expected).encode("utf-8") + newline.encode()


def test_mixed_line_endings_keep_each_break():
    raw = b"One the the.\r\nTwo.\rSkip to content\nThree was was.\r\nEnd"
    outcome = fix_bytes(LINTER, "a.txt", raw)
    assert outcome.fixed == b"One the.\r\nTwo.\rThree was.\r\nEnd"


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")])
def test_utf16_keeps_its_byte_order(codec, bom):
    raw = bom + "Line the the one.\r\nSecond.\r\n".encode(codec)
    outcome = fix_bytes(LINTER, "a.txt", raw)
    assert outcome.fixed == bom + "Line the one.\r\nSecond.\r\n".encode(codec)


def test_replacement_line_breaks_follow_the_file():
    raw = b"A.\r\nSkip to content\r\nB the the.\r\n"
    doc = LINTER.read("a.txt", raw)
    new = rebuild(raw, doc, [(2, 3, "\nX\n")])
    assert new == b"A.\r\nX\r\nSkip to content\r\nB the the.\r\n"


def test_html_fix_edits_only_visible_text():
    raw = (b"<html><body>\n<p>Skip to content</p>\n<p>AT&amp;T said the the deal "
           b"was off.</p>\n<ul><li><a href='/'>Home</a></li></ul>\n</body></html>\n")
    outcome = fix_bytes(LINTER, "page.html", raw)
    assert outcome.fixed == (b"<html><body>\n<p></p>\n<p>AT&amp;T said the deal was off.</p>\n"
                             b"<ul><li><a href='/'></a></li></ul>\n</body></html>\n")


# -- property: fixing twice equals fixing once; nothing outside the fixes changes -------------
_WORDS = ["the", "the", "was", "council", "said", "Monday", "plan", "é", "😀", "“quoted”", "a",
          ",", ".", "  ", "don’t", "Skip to content", "Share this", "it"]
_BREAKS = ["\n", "\r\n", "\r", "\n\n"]
_texts = st.lists(st.tuples(st.lists(st.sampled_from(_WORDS), max_size=12),
                            st.sampled_from(_BREAKS)), max_size=8).map(
    lambda lines: "".join(" ".join(words) + brk for words, brk in lines))
DEFAULT = Linter(Config())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts, st.booleans())
def test_fix_is_idempotent_and_local(text, bom):
    raw = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    once = fix_bytes(DEFAULT, "a.txt", raw)
    twice = fix_bytes(DEFAULT, "a.txt", once.fixed)
    assert once.stable
    assert twice.fixed == once.fixed and twice.applied == 0
    # one pass, checked independently: the new bytes are the old bytes outside the edits
    doc = DEFAULT.read("a.txt", raw)
    edits = [edit for edit, _ in plan(doc, DEFAULT.check_document(doc).diagnostics)]
    original, _ = decode(raw)
    new = rebuild(raw, doc, edits)
    head = b"\xef\xbb\xbf" if bom else b""
    expected, cursor = [head], 0
    for start, end, replacement in edits:
        o_start, o_end = _to_original(original, start), _to_original(original, end)
        expected.append(original[cursor:o_start].encode("utf-8"))
        expected.append(replacement.replace("\n", doc.newline).encode("utf-8"))
        cursor = o_end
    expected.append(original[cursor:].encode("utf-8"))
    assert new == b"".join(expected)


def _to_original(original: str, offset: int) -> int:
    """Walk the original text counting CRLF as one character (an independent mapping)."""
    index = seen = 0
    while seen < offset and index < len(original):
        index += 2 if original.startswith("\r\n", index) else 1
        seen += 1
    return index


# -- files: atomic, permissions, refusals -----------------------------------------------------
def test_fix_file_writes_atomically_and_keeps_permissions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"He said the the plan.\n")
    os.chmod(path, 0o640)
    outcome = fix_file(LINTER, str(path))
    assert outcome.written and path.read_bytes() == b"He said the plan.\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temporary file left


def test_untouched_when_nothing_to_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"He said the plan.\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.stat()
    outcome = fix_file(LINTER, str(path))
    assert not outcome.written and not outcome.changed
    after = path.stat()
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)


def test_refuses_when_changed_on_disk(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"edited meanwhile\n")
    with pytest.raises(FixRefused, match="changed on disk"):
        write_atomic(str(path), b"fixed\n", expected=b"He said the the plan.\n")
    assert path.read_bytes() == b"edited meanwhile\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_refuses_when_changed_during_the_fix(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"He said the the plan.\n")
    import newslint.fixes as fixes

    real = fixes.fix_bytes

    def racing(*args, **kwargs):
        outcome = real(*args, **kwargs)
        path.write_bytes(b"Someone else saved this.\n")
        return outcome

    monkeypatch.setattr(fixes, "fix_bytes", racing)
    outcome = fixes.fix_file(LINTER, str(path))
    assert not outcome.written and "changed on disk" in outcome.problem
    assert path.read_bytes() == b"Someone else saved this.\n"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root ignores file permissions")
def test_refuses_read_only_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"He said the the plan.\n")
    os.chmod(path, 0o444)
    outcome = fix_file(LINTER, str(path))
    assert not outcome.written and "read-only" in outcome.problem
    assert path.read_bytes() == b"He said the the plan.\n"


def test_read_only_file_is_refused_even_for_root(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"He said the the plan.\n")
    monkeypatch.setattr(os, "access", lambda *a, **k: False)
    outcome = fix_file(LINTER, str(path))
    assert not outcome.written and "read-only" in outcome.problem


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_symlink_stays_a_link(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"He said the the plan.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert fix_file(LINTER, str(link)).written
    assert link.is_symlink() and target.read_bytes() == b"He said the plan.\n"


def test_binary_file_is_never_written(tmp_path):
    path = tmp_path / "photo.txt"
    data = b"\x89PNG\r\n\x1a\nthe the"
    path.write_bytes(data)
    outcome = fix_file(LINTER, str(path))
    assert outcome.unreadable and not outcome.written and path.read_bytes() == data


# -- the command line ---------------------------------------------------------------------------
def run(capsys, *argv):
    code = main(["--no-config", "--no-cache", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_fix_reports_what_remains(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Skip to content\nHe said the the plan.\nLeave a Comment\n")
    code, out, err = run(capsys, "--select", "NL301,NL503", "--format", "json", str(path))
    assert code == 1 and len(__import__("json").loads(out)["diagnostics"]) == 3
    code, out, err = run(capsys, "--select", "NL301,NL503", "--fix", str(path))
    assert code == 0 and "fixed 3 problems in 1 file" in err
    assert path.read_bytes() == b"He said the plan.\n"


def test_cli_diff_does_not_write(tmp_path, capsys):
    path = tmp_path / "a.txt"
    original = b"He said the the plan.\r\n"
    path.write_bytes(original)
    code, out, err = run(capsys, "--select", "NL503", "--diff", str(path))
    assert code == 1
    assert "-He said the the plan." in out and "+He said the plan." in out
    assert path.read_bytes() == original
    path.write_bytes(b"He said the plan.\n")
    code, out, err = run(capsys, "--select", "NL503", "--diff", str(path))
    assert code == 0 and out == ""


def test_cli_unsafe_fixes_apply_only_when_asked(tmp_path, capsys):
    unsafe_rules = [r for r in FIXABLE if r.code == "NL307"]
    if not unsafe_rules:
        pytest.skip("no rule with unsafe fixes in this build")
    path = tmp_path / "a.txt"
    text = "The mayor said the <b>new</b> bridge opens in May.\n"
    path.write_text(text, encoding="utf-8")
    run(capsys, "--select", "NL307", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == text
    run(capsys, "--select", "NL307", "--unsafe-fixes", str(path))
    assert path.read_text(encoding="utf-8") == "The mayor said the new bridge opens in May.\n"


def test_cli_fix_stdin_prints_the_fixed_text(monkeypatch, capsysbinary):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"He said the the plan.\r\n")))
    code = main(["--no-config", "--no-cache", "--select", "NL503", "--fix", "-"])
    assert code == 0
    assert capsysbinary.readouterr().out == b"He said the plan.\r\n"


def test_text_over_the_lint_budget_is_not_fixed(tmp_path, monkeypatch):
    import newslint.engine as engine

    monkeypatch.setattr(engine, "MAX_LINT_CHARS", 40)
    path = tmp_path / "long.txt"
    data = b"He said the the plan.\n" * 5
    path.write_bytes(data)
    outcome = fix_file(LINTER, str(path))
    assert "budget" in outcome.problem and not outcome.written
    assert path.read_bytes() == data


def test_a_failing_reader_leaves_the_file_alone(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"He said the the plan.\n")
    linter = Linter(Config(select=["NL503"]))

    def broken(path, raw):
        raise RuntimeError("reader plugin bug")

    monkeypatch.setattr(linter, "read", broken)
    outcome = fix_file(linter, str(path))
    assert "reader plugin bug" in outcome.problem and not outcome.written
    assert path.read_bytes() == b"He said the the plan.\n"
