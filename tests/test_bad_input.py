"""The bad-input table (docs/bad-input.md): every hostile input gets one clear line, never a
traceback, and the run goes on with the other files. Each test is named in the table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newslint
import newslint.cache
import newslint.engine
from newslint.cli import main
from newslint.engine import MAX_LINT_CHARS
from newslint.hookspecs import hookimpl

BAD = "Title\n\nSkip to content\n\nHe said the the plan.\n"
CLEAN = "Title\n\nThe council met on Monday.\n"


def run(capsys, *argv):
    code = main([*argv, "--no-config", "--format", "json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err, out.err
    return code, json.loads(out.out) if out.out.strip() else None, out.err


def by_name(data, code="NL001"):
    return {Path(d["path"]).name: d for d in data["diagnostics"] if d["code"] == code}


def linted(data):
    """Names of files that were linted (a finding of a real rule proves it)."""
    return {Path(d["path"]).name for d in data["diagnostics"] if d["code"] not in ("NL001",
                                                                                  "NL002")}


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "good.txt").write_text(BAD)
    return tmp_path


# -- paths ----------------------------------------------------------------------------------------
def test_missing_path(capsys, folder):
    code, data, _ = run(capsys, str(folder / "nope.txt"), str(folder / "good.txt"))
    assert by_name(data)["nope.txt"]["message"] == "no such file or directory"
    assert "good.txt" in linted(data) and code == 1


def test_folder_with_no_articles(capsys, folder):
    (folder / "empty").mkdir()
    (folder / "empty" / "notes.pdf").write_bytes(b"%PDF-1.4")
    code, data, _ = run(capsys, str(folder / "empty"), str(folder / "good.txt"))
    assert by_name(data)["empty"]["message"].startswith("no articles found in this folder")
    assert "good.txt" in linted(data)


def test_empty_and_blank_files_get_an_info_note(capsys, folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text("   \n\n\t\n")
    (folder / "code-only.md").write_text("```\nprint('hello')\n```\n")
    code, data, _ = run(capsys, str(folder))
    notes = by_name(data)
    assert notes["empty.txt"]["message"] == "nothing to lint: the file is empty"
    assert notes["empty.txt"]["severity"] == "info"
    assert notes["blank.md"]["message"] == "nothing to lint: the file is empty"
    assert "no prose" in notes["code-only.md"]["message"]
    assert "good.txt" in linted(data)
    # an empty file alone does not fail the run
    assert run(capsys, str(folder / "empty.txt"))[0] == 0


def test_binary_file_renamed_txt(capsys, folder):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    (folder / "photo.txt").write_bytes(png)
    (folder / "scan.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    code, data, _ = run(capsys, str(folder))
    assert by_name(data)["photo.txt"]["message"] == "binary file (a PNG image); not linted"
    assert by_name(data)["scan.txt"]["message"] == "binary file (a JPEG image); not linted"
    assert "good.txt" in linted(data)


def test_invalid_utf8_in_the_middle_is_reported_where_and_skipped(capsys, folder):
    (folder / "cp1252.txt").write_bytes(b"First line.\n\nThe mayor said \x93no\x94 twice.\n")
    code, data, _ = run(capsys, str(folder))
    message = by_name(data)["cp1252.txt"]["message"]
    assert message == ("not valid UTF-8 (byte 0x93 at line 3, byte offset 28); not linted: "
                       "convert the file to UTF-8")
    assert "good.txt" in linted(data)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_linted_with_true_positions(capsys, folder, codec):
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    (folder / "wide.txt").write_bytes(bom + BAD.replace("\n", "\r\n").encode(codec))
    code, data, _ = run(capsys, str(folder / "wide.txt"))
    chrome = [d for d in data["diagnostics"] if d["code"] == "NL301"]
    assert [(d["line"], d["column"]) for d in chrome] == [(3, 1)]


def test_utf32_is_refused_with_a_reason(capsys, folder):
    (folder / "wide32.txt").write_bytes(BAD.encode("utf-32"))
    code, data, _ = run(capsys, str(folder))
    assert "UTF-32" in by_name(data)["wide32.txt"]["message"]
    assert "good.txt" in linted(data)


def test_nul_bytes_are_reported_where(capsys, folder):
    (folder / "nul.txt").write_bytes(b"A normal first line.\nThen a NUL\x00 here.\n")
    code, data, _ = run(capsys, str(folder))
    assert by_name(data)["nul.txt"]["message"] == (
        "binary file (contains NUL bytes, first at line 2, byte offset 31); not linted")
    assert "good.txt" in linted(data)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_symlink_loop_in_a_folder(capsys, folder):
    (folder / "self").symlink_to(folder, target_is_directory=True)   # a folder loop
    (folder / "a.txt").symlink_to(folder / "b.txt")                  # a file loop
    (folder / "b.txt").symlink_to(folder / "a.txt")
    (folder / "gone.md").symlink_to(folder / "deleted.md")           # dangling
    code, data, _ = run(capsys, str(folder), str(folder / "a.txt"))
    problems = by_name(data)
    assert problems["a.txt"]["message"] == "broken or looping symbolic link; not linted"
    assert problems["b.txt"]["message"] == "broken or looping symbolic link; not linted"
    assert problems["gone.md"]["message"] == "broken or looping symbolic link; not linted"
    assert len([d for d in data["diagnostics"] if Path(d["path"]).name == "a.txt"]) == 1
    assert "good.txt" in linted(data) and data["summary"]["files"] == 4


def test_a_symlink_loop_named_with_a_config_lookup_is_not_an_internal_error(capsys, folder):
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    code = main([str(folder / "a.txt"), "--per-file-ignores", "*.md:NL5"])  # walks config up
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "internal error" not in err


def test_unreadable_file(capsys, folder, monkeypatch):
    secret = folder / "locked.txt"
    secret.write_text(BAD)
    if os.geteuid() != 0:
        secret.chmod(0)
    else:  # root reads a chmod-000 file anyway: simulate the refusal the engine would get
        real_open = open

        def refusing_open(path, *args, **kwargs):
            if str(path) == str(secret):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        # both places that open articles: the engine, and the batch reader of the runner
        monkeypatch.setattr(newslint.engine, "open", refusing_open, raising=False)
        monkeypatch.setattr(newslint.cache, "open", refusing_open, raising=False)
    try:
        code, data, _ = run(capsys, str(folder))
    finally:
        secret.chmod(0o644)
    assert by_name(data)["locked.txt"]["message"] == "cannot read: Permission denied"
    assert "good.txt" in linted(data)


def test_unreadable_folder(capsys, folder, monkeypatch):
    locked = folder / "locked"
    locked.mkdir()
    (locked / "story.txt").write_text(BAD)
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # simulate: root can list any folder
        real_scandir = os.scandir

        def refusing_scandir(path="."):
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", refusing_scandir)
    try:
        code, data, _ = run(capsys, str(folder))
    finally:
        locked.chmod(0o755)
    assert by_name(data)["locked"]["message"] == (
        "cannot read this folder: Permission denied; its articles not linted")
    assert "good.txt" in linted(data)


# -- size -----------------------------------------------------------------------------------------
def _prose(chars: int, single_line: bool = False) -> str:
    """Plain, varied news prose (no repeated words, numbers or chrome) of about `chars`."""
    subjects = ["The council", "A spokesman", "Local residents", "The committee", "Officials",
                "The mayor", "Teachers", "The company"]
    verbs = ["discussed", "reviewed", "questioned", "approved", "postponed", "welcomed"]
    objects = ["the budget", "a new plan", "the proposal", "road repairs", "school funding",
               "the contract", "library hours"]
    sentences = [f"{s} {v} {o} on Monday." for s in subjects for v in verbs for o in objects]
    parts, size, i = [], 0, 0
    while size < chars:
        paragraph = " ".join(sentences[(i + k) % len(sentences)] for k in range(6))
        parts.append(paragraph)
        size += len(paragraph) + 2
        i += 7
    return (" " if single_line else "\n\n").join(parts) + "\n"


def _timed_default_run(path: Path) -> tuple[float, int, list[dict], int]:
    """A default run in a fresh process: (CPU seconds, exit code, diagnostics, peak RSS in MB).

    CPU time, not wall time: the bound is on newslint's work, not on how busy the machine is.
    """
    script = ("import resource, sys, time; from newslint.cli import main; t = time.process_time();"
              " code = main(sys.argv[1:]); sys.stderr.write('\\n%f %d\\n' % ("
              "time.process_time() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss));"
              " raise SystemExit(code)")
    out = subprocess.run([sys.executable, "-c", script, str(path), "--no-config", "--format",
                          "json"], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in out.stderr, out.stderr
    seconds, rss_kb = out.stderr.split()[-2:]
    diagnostics = json.loads(out.stdout)["diagnostics"]
    return float(seconds), out.returncode, diagnostics, int(rss_kb) // 1024


@pytest.mark.parametrize("shape", ["50 MB article", "single 5 MB line"])
def test_huge_files_take_bounded_time_and_memory(tmp_path, shape):
    path = tmp_path / "huge.txt"
    if shape == "50 MB article":
        block = _prose(1_000_000)
        path.write_text(block * 50)
        total = len(block) * 50
    else:
        path.write_text(_prose(5_000_000, single_line=True))
        total = len(path.read_text())
    seconds, code, diags, rss_mb = _timed_default_run(path)
    notes = [d for d in diags if d["code"] == "NL001"]
    assert len(notes) == 1 and notes[0]["severity"] == "warning"
    assert notes[0]["message"].startswith(
        f"file has {total:,} characters, over the {MAX_LINT_CHARS:,}-character budget: "
        "only the first ")
    assert seconds < 20, f"{shape}: default run took {seconds:.1f} s"
    assert rss_mb < 1500, f"{shape}: peak memory {rss_mb} MB"
    assert code == 1  # the budget warning fails the run: the file was not fully checked


def test_budget_cut_keeps_offsets_and_the_bom(capsys, tmp_path):
    """The linted part is the start of the file, byte for byte: positions stay true."""
    path = tmp_path / "long.txt"
    path.write_bytes(b"\xef\xbb\xbf" + (BAD + _prose(MAX_LINT_CHARS)).encode())
    code, data, _ = run(capsys, str(path))
    chrome = [(d["line"], d["column"]) for d in data["diagnostics"] if d["code"] == "NL301"]
    assert (3, 1) in chrome and len(by_name(data)) == 1


# -- configuration --------------------------------------------------------------------------------
PACK_HEAD = """[[rule]]
code = "NL901"
name = "house-style"
category = "spelling"
severity = "info"
summary = "s"
explanation = "e"
bad = "b"
good = "g"
"""


@pytest.mark.parametrize("config, pack, expected", [
    ('select = 3\n', None, "select must be a list of strings"),
    ('selec = ["NL3"]\n', None, "unknown key 'selec'"),
    ('min-severity = "loud"\n', None, "unknown severity 'loud'"),
    ('severity = { NL301 = 5 }\n', None, "unknown severity 5"),
    ('severity = { NL999 = "info" }\n', None, "severity override for unknown rule 'NL999'"),
    ('rules = 5\n', None, "rules must be a table"),
    ('[rules.no-such-rule]\nx = 1\n', None, "[rules.no-such-rule] names no rule"),
    ('[rules.boilerplate]\nmax-words = 3\n', None, "rule boilerplate has no option"),
    ('per-file-ignores = { "*" = "NL3" }\n', None, "per-file-ignores.* must be a list"),
    ('select = [\n', None, "is not valid TOML"),
    ('rule-packs = ["nowhere"]\n', None, "does not exist"),
    ('rule-packs = ["packs"]\n', 'message = "m"\npatterns = ["(unclosed"]\n',
     "pattern '(unclosed' does not compile"),
    ('rule-packs = ["packs"]\n', 'message = "m"\nphrases = "just one"\n',
     "phrases must be a list of strings"),
    ('rule-packs = ["packs"]\n', 'message = "m"\nphrases = ["a"]\nmax_line_words = "x"\n',
     "max_line_words must be a whole number"),
    ('rule-packs = ["packs"]\n', 'message = "m"\nphrases = ["a"]\nenabled = "no"\n',
     "enabled must be true or false"),
    ('rule-packs = ["packs"]\n', 'message = "m"\nphrases = ["a"]\n[rule.replacements]\na = 1\n',
     "replacements must map phrases to replacement strings"),
    ('rule-packs = ["packs"]\n', 'message = "{where}"\nphrases = ["a"]\n',
     "message may only use {match} and {replacement}"),
    ('rule-packs = ["packs"]\n', 'message = "m"\nphrases = ["a"]\ncolour = "red"\n',
     "unknown key(s) colour"),
])
def test_broken_or_hostile_config_is_one_line_and_exit_2(capsys, tmp_path, config, pack,
                                                         expected):
    (tmp_path / "newslint.toml").write_text(config)
    if pack is not None:
        (tmp_path / "packs").mkdir()
        (tmp_path / "packs" / "house.toml").write_text(PACK_HEAD + pack)
    (tmp_path / "a.txt").write_text(CLEAN)
    code = main([str(tmp_path / "a.txt")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("newslint: error: "), err
    assert expected in err and "internal error" not in err


def test_config_file_in_another_encoding(capsys, tmp_path):
    (tmp_path / "newslint.toml").write_bytes(b"vocabulary = [\"caf\xe9\"]\n")
    (tmp_path / "a.txt").write_text(CLEAN)
    code = main([str(tmp_path / "a.txt")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "cannot read config file" in err


# -- third-party plugins ------------------------------------------------------------------------
class _Raises:
    @newslint.rule(code="XNL901", name="raises-on-council", category="spelling",
                   severity="warning", bad="council", good="x")
    def raises(doc, options):
        """A rule that raises on some files, to prove the others are still linted."""
        if "council" in doc.text:
            raise ValueError("cannot cope")
        return iter(())

    @hookimpl
    def newslint_add_rules(self):
        return [self.raises.rule]


class _Garbage:
    @newslint.rule(code="XNL902", name="yields-garbage", category="spelling",
                   severity="warning", bad="x", good="y")
    def garbage(doc, options):
        """A rule that yields a Finding with nonsense fields."""
        yield newslint.Finding("start", None, 42)

    @hookimpl
    def newslint_add_rules(self):
        return [self.garbage.rule]

    @hookimpl
    def newslint_check_document(self, document):
        return [("XNL902",)]

    @hookimpl
    def newslint_collect_facts(self, document):
        return ["not", "a", "dict"]


class _BadReader:
    @hookimpl(tryfirst=True)
    def newslint_read_document(self, path, raw):
        if path.endswith("odd.txt"):
            raise RuntimeError("reader exploded")
        if path.endswith("weird.txt"):
            return "a string, not a Document"
        return None


@pytest.fixture
def with_plugins(monkeypatch):
    def install(*plugins):
        real = newslint.engine.get_plugin_manager

        def patched(autoload=None, extra_plugins=()):
            return real(autoload=False, extra_plugins=[*extra_plugins, *plugins])

        monkeypatch.setattr(newslint.engine, "get_plugin_manager", patched)
    return install


def test_a_plugin_that_raises_costs_only_its_own_findings(capsys, folder, with_plugins):
    with_plugins(_Raises())
    (folder / "council.txt").write_text(CLEAN + "\nSkip to content\n")
    code, data, _ = run(capsys, str(folder))
    crash = by_name(data, "NL002")
    assert set(crash) == {"council.txt"}
    assert "XNL901 (raises-on-council) failed on this file: ValueError('cannot cope')" in \
        crash["council.txt"]["message"]
    assert {"good.txt", "council.txt"} <= linted(data)


def test_a_plugin_that_returns_garbage_is_one_report_per_file(capsys, folder, with_plugins):
    with_plugins(_Garbage())
    (folder / "other.txt").write_text(CLEAN)
    code, data, err = run(capsys, str(folder), "--extend-select", "XNL902")
    crash = [d for d in data["diagnostics"] if d["code"] == "NL002"]
    messages = " | ".join(d["message"] for d in crash)
    assert "Finding offsets must be int" in messages
    assert "where (code, Finding) was expected" in messages
    assert "where a dict of facts was expected" in messages
    per_file = {}
    for d in crash:
        per_file[Path(d["path"]).name] = per_file.get(Path(d["path"]).name, 0) + 1
    assert per_file == {"good.txt": 3, "other.txt": 3}  # rule, document hook, facts hook
    assert "good.txt" in linted(data)


def test_a_reader_plugin_that_fails_skips_only_that_file(capsys, folder, with_plugins):
    with_plugins(_BadReader())
    (folder / "odd.txt").write_text(BAD)
    (folder / "weird.txt").write_text(BAD)
    code, data, _ = run(capsys, str(folder))
    crash = by_name(data, "NL002")
    assert "the reader failed on this file: RuntimeError('reader exploded')" in \
        crash["odd.txt"]["message"]
    assert "the reader returned str, not a Document" in crash["weird.txt"]["message"]
    assert "good.txt" in linted(data)


def test_a_plugin_registering_garbage_rules_is_one_line_and_exit_2(capsys, folder,
                                                                     with_plugins):
    class NotRules:
        @hookimpl
        def newslint_add_rules(self):
            return ["not a rule"]

    with_plugins(NotRules())
    code = main([str(folder), "--no-config"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "where a Rule was expected" in err


def test_no_traceback_reaches_the_user_from_a_real_process(tmp_path):
    """End to end through the console entry point: a mixed folder of hostile files."""
    (tmp_path / "good.txt").write_text(BAD)
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "latin1.txt").write_bytes(b"Caf\xe9\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nul.md").write_bytes(b"a\x00b")
    out = subprocess.run([sys.executable, "-m", "newslint", str(tmp_path), "--no-config"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and out.stderr == ""
    assert out.stdout.count("NL001") == 4 and "NL301" in out.stdout


def test_a_file_name_that_is_not_utf8(folder):
    """Printed as caf\\udce9.txt on a strict UTF-8 stdout; JSON gives back the real name."""
    raw_name = os.fsencode(str(folder)) + b"/caf\xe9.txt"
    with open(raw_name, "wb") as handle:
        handle.write(BAD.encode())
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for fmt in ("text", "json", "sarif", "github"):
        out = subprocess.run([sys.executable, "-m", "newslint", str(folder), "--no-config",
                              "--format", fmt], capture_output=True, text=True, env=env,
                             timeout=60)
        assert out.returncode == 1 and out.stderr == "", (fmt, out.stderr)
        assert out.stdout.count("NL301") >= 2 and "caf\\udce9.txt" in out.stdout
        if fmt == "json":
            paths = {d["path"] for d in json.loads(out.stdout)["diagnostics"]}
            assert os.fsdecode(raw_name) in paths


def test_output_cut_short_by_a_closed_pipe(tmp_path):
    """`newslint ... | head -1`: no error line, no traceback."""
    (tmp_path / "many.txt").write_text("He said the the plan.\n\n" * 3000)
    proc = subprocess.Popen([sys.executable, "-m", "newslint", str(tmp_path), "--no-config"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert err == "", err
