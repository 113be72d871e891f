"""Baselines: old findings stay hidden when the file changes elsewhere; new ones show."""

from __future__ import annotations

import json

import pytest

from newslint.baseline import filter_new, load_baseline, write_baseline
from newslint.cli import main
from newslint.config import Config
from newslint.engine import Linter
from newslint.errors import ConfigError

ARTICLE = ("Title\n\nSkip to content\n\nThe minister said the the plan was ready.\n\n"
           "It was was late, and the the vote came on Monday.\n")
LINTER = Linter(Config(select=["NL301", "NL503"]))


def _findings(folder):
    return LINTER.run([str(folder)]).diagnostics


def test_inserting_a_paragraph_above_old_findings_keeps_them_old(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "newslint-baseline.json"
    assert write_baseline(baseline, _findings(tmp_path), LINTER) == 4
    assert filter_new(_findings(tmp_path), baseline, LINTER) == []

    edited = ARTICLE.replace("Title\n\n", "Title\n\nA new first paragraph, added today.\n\n"
                             "And a second one.\n\n")
    article.write_text(edited, encoding="utf-8")
    moved = _findings(tmp_path)
    assert sorted(d.line for d in moved) == [7, 9, 11, 11]  # every old finding moved
    assert filter_new(moved, baseline, LINTER) == []


def test_new_findings_are_reported_and_counted_by_occurrence(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, _findings(tmp_path), LINTER)
    # a second, identical "the the" in an identical context is a new finding
    article.write_text(ARTICLE + "\nThe minister said the the plan was ready.\n"
                       "Leave a Comment\n", encoding="utf-8")
    new = filter_new(_findings(tmp_path), baseline, LINTER)
    assert sorted((d.code, d.line) for d in new) == [("NL301", 10), ("NL503", 9)]


def test_rewording_the_flagged_text_makes_it_new(tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    write_baseline(baseline, _findings(tmp_path), LINTER)
    article.write_text(ARTICLE.replace("The minister said the the", "The mayor said the the"),
                       encoding="utf-8")
    new = filter_new(_findings(tmp_path), baseline, LINTER)
    assert [(d.code, d.line, d.message) for d in new] == [("NL503", 5, "repeated word “the”")]


def test_paths_are_relative_to_the_baseline_file(tmp_path, monkeypatch):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    write_baseline(baseline, LINTER.run(["news"]).diagnostics, LINTER)
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert {e["path"] for e in data["findings"]} == {"news/story.txt"}
    monkeypatch.chdir(tmp_path / "news")
    assert filter_new(LINTER.run(["story.txt"]).diagnostics, baseline, LINTER) == []


def test_input_errors_are_never_hidden(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    baseline = tmp_path / "baseline.json"
    assert write_baseline(baseline, _findings(tmp_path), LINTER) == 0
    assert [d.code for d in filter_new(_findings(tmp_path), baseline, LINTER)] == ["NL001"]


def test_malformed_baseline_is_a_clear_error(tmp_path):
    bad = tmp_path / "baseline.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid JSON"):
        load_baseline(bad)
    bad.write_text('{"findings": []}', encoding="utf-8")
    with pytest.raises(ConfigError, match="not a newslint baseline"):
        load_baseline(bad)


def test_cli_write_then_filter(tmp_path, capsys):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    common = ["--no-config", "--no-cache", "--select", "NL301,NL503"]
    assert main([*common, "--write-baseline", str(baseline), str(article)]) == 0
    assert "recorded 4 findings" in capsys.readouterr().err
    assert main([*common, "--baseline", str(baseline), str(article)]) == 0
    capsys.readouterr()
    article.write_text("Intro.\n\n" + ARTICLE + "\nAnd and more.\n", encoding="utf-8")
    assert main([*common, "--baseline", str(baseline), "--format", "json", str(article)]) == 1
    out = json.loads(capsys.readouterr().out)
    assert [(d["code"], d["line"]) for d in out["diagnostics"]] == [("NL503", 11)]
    assert main([*common, "--baseline", str(tmp_path / "missing.json"), str(article)]) == 2
