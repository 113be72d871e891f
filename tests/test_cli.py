"""The command line: exit codes, output formats, subcommands, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from newslint.cli import main
from newslint.config import Config
from newslint.engine import Linter

from .helpers import FIXTURES, ROOT, SEEDS

BAD = "Title\n\nSkip to content\n\nHe said the the plan.\n"
CLEAN = "Title\n\nThe council met on Monday.\n"


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD)
    (tmp_path / "clean.txt").write_text(CLEAN)
    return tmp_path


def test_exit_codes(capsys, articles):
    assert run(capsys, str(articles / "clean.txt"), "--no-config")[0] == 0
    assert run(capsys, str(articles / "bad.txt"), "--no-config")[0] == 1
    assert run(capsys, str(articles / "bad.txt"), "--no-config", "--exit-zero")[0] == 0
    assert run(capsys, str(articles), "--no-config", "--select", "NL999")[0] == 2
    assert run(capsys, "--no-such-flag")[0] == 2
    assert run(capsys, str(articles / "bad.txt"), "--no-config", "--fail-on", "error",
               "--select", "NL503")[0] == 0


def test_text_output_shape(capsys, articles):
    code, out, _ = run(capsys, str(articles / "bad.txt"), "--no-config")
    assert f"{articles / 'bad.txt'}:3:1: NL301 [error] site chrome" in out
    assert "Found 2 problems in 1 file" in out


def test_show_source_prints_line_and_caret(capsys, articles):
    _, out, _ = run(capsys, str(articles / "bad.txt"), "--no-config", "--select", "NL503",
                    "--show-source")
    lines = out.splitlines()
    assert lines[1] == "    He said the the plan."
    assert lines[2] == "            ^^^^^^^"


def test_statistics(capsys, articles):
    _, out, _ = run(capsys, str(articles), "--no-config", "--statistics")
    assert "     1  NL301  boilerplate" in out


def test_json_output_validates_against_documented_schema(capsys):
    code, out, _ = run(capsys, str(SEEDS), "--no-config", "--format", "json")
    data = json.loads(out)
    schema = json.loads((ROOT / "docs" / "json-schema.json").read_text())
    jsonschema.validate(data, schema)
    assert code == 1 and data["summary"]["files"] == 5 and data["diagnostics"]
    with_fix = [d for d in data["diagnostics"] if d["fix"]]
    assert with_fix and with_fix[0]["fix"]["line"] >= 1


def test_json_output_has_one_item_per_line_as_the_standard_encoder_writes_it(capsys):
    """The writer reuses one C encoder for speed: each line must be exactly what
    json.dumps writes for that item, and the whole must parse to report_to_dict."""
    from newslint.formatters.json import report_to_dict

    _, out, _ = run(capsys, str(SEEDS), "--no-config", "--format", "json")
    data = json.loads(out)
    lines = out.splitlines()
    expected = [json.dumps(item, ensure_ascii=False, separators=(", ", ": "))
                for item in data["diagnostics"] + data["files"]]
    written = [line.strip().rstrip(",") for line in lines if line.startswith("    {")]
    assert written == expected and len(expected) > 50
    assert any(not line.isascii() for line in written)  # curly quotes kept as they are
    report = Linter(Config()).run([str(SEEDS)])
    assert json.loads(json.dumps(report_to_dict(report)))["diagnostics"] == data["diagnostics"]


def test_sarif_output_validates_against_the_official_schema(capsys):
    _, out, _ = run(capsys, str(SEEDS), "--no-config", "--format", "sarif")
    data = json.loads(out)
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft7Validator(schema).validate(data)
    driver = data["runs"][0]["tool"]["driver"]
    ids = {r["id"] for r in driver["rules"]}
    assert {"NL301", "NL302"} <= ids
    assert all(r["ruleId"] in ids for r in data["runs"][0]["results"])


def test_github_annotations(capsys, articles):
    _, out, _ = run(capsys, str(articles / "bad.txt"), "--no-config", "--format", "github")
    first = out.splitlines()[0]
    assert first.startswith("::error file=") and ",line=3,col=1," in first
    assert "title=NL301 boilerplate::site chrome" in first


def test_unknown_format_is_a_usage_error(capsys, articles):
    code, _, err = run(capsys, str(articles), "--no-config", "--format", "xml")
    assert code == 2 and "unknown format 'xml'" in err


def test_stdin_with_filename(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(BAD.encode())))
    code, out, _ = run(capsys, "-", "--stdin-filename", "draft.txt", "--no-config")
    assert code == 1 and "draft.txt:3:1: NL301" in out


def test_missing_path_binary_and_empty_files_do_not_stop_the_run(capsys, tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "latin1.txt").write_bytes(b"Caf\xe9 au lait\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.txt").write_text(BAD)
    code, out, err = run(capsys, str(tmp_path), str(tmp_path / "nope.txt"), "--no-config",
                         "--format", "json")
    data = json.loads(out)
    by_path = {Path(d["path"]).name: d for d in data["diagnostics"] if d["code"] == "NL001"}
    assert "binary" in by_path["photo.txt"]["message"]
    assert "not valid UTF-8" in by_path["latin1.txt"]["message"]
    assert "no such file" in by_path["nope.txt"]["message"]
    assert any(d["code"] == "NL301" for d in data["diagnostics"])
    assert {f["status"] for f in data["files"]} == {"ok", "error", "empty"}
    assert "Traceback" not in err and code == 1


def test_broken_config_exits_2_with_one_line(capsys, tmp_path):
    (tmp_path / "newslint.toml").write_text("select = 3\n")
    (tmp_path / "a.txt").write_text(CLEAN)
    code, out, err = run(capsys, str(tmp_path / "a.txt"))
    assert code == 2 and err.count("\n") == 1 and "select must be a list" in err


def test_rules_and_explain(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "NL301  boilerplate" in out
    code, out, _ = run(capsys, "rules", "--format", "json")
    entries = json.loads(out)
    assert {"code", "name", "category", "severity", "summary"} <= set(entries[0])
    code, out, _ = run(capsys, "explain", "NL301")
    assert code == 0 and "Bad:" in out and "Good:" in out and "boilerplate" in out
    assert run(capsys, "explain", "repeated-word")[0] == 0
    assert run(capsys, "explain", "NL999")[0] == 2


def test_every_rule_has_docs_and_a_category(capsys):
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.model import CATEGORIES

    for rule in Linter(Config()).registry.rules.values():
        assert rule.category in CATEGORIES
        assert rule.summary and rule.explanation and rule.bad and rule.good, rule.code


def test_python_dash_m_and_console_script_agree(tmp_path):
    (tmp_path / "bad.txt").write_text(BAD)
    out = subprocess.run([sys.executable, "-m", "newslint", str(tmp_path / "bad.txt"),
                          "--no-config"], capture_output=True, text=True)
    assert out.returncode == 1 and "NL301" in out.stdout
