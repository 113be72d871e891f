"""Backends: settings, "auto", the offline engines for real, LanguageTool's mapping."""

from __future__ import annotations

import importlib.util
import os

import pytest

from newslint import backends
from newslint.backends import Match, settings_of, validate_grammar_settings
from newslint.backends.languagetool import is_public_api, kind_of, map_match
from newslint.errors import ConfigError

from .helpers import codes, lint

HAS_HARPER = importlib.util.find_spec("harper") is not None


@pytest.fixture(autouse=True)
def _fresh_backends(monkeypatch):
    monkeypatch.delenv(backends.ANNOUNCED_ENV, raising=False)
    yield
    backends._notices.clear()


# -- settings ---------------------------------------------------------------------------------
def test_unknown_grammar_key_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown key 'backnd'"):
        validate_grammar_settings({"backnd": "harper"})


@pytest.mark.parametrize("table, message", [
    ({"backend": "grammarly"}, "expected one of"),
    ({"spelling": 3}, "must be a string"),
    ({"timeout": -1}, "positive number"),
    ({"allow-public-api": "yes"}, "true or false"),
    ({"disabled-rules": "AnA"}, "list of strings"),
])
def test_bad_grammar_values_are_config_errors(table, message):
    with pytest.raises(ConfigError, match=message):
        validate_grammar_settings(table)


def test_config_file_validates_the_grammar_table(tmp_path):
    from newslint.config import load_config

    (tmp_path / "newslint.toml").write_text('[grammar]\nbackend = "off"\nlanguag = "en-GB"\n')
    with pytest.raises(ConfigError, match="languag"):
        load_config(tmp_path)
    (tmp_path / "newslint.toml").write_text('[grammar]\nbackend = "off"\nlanguage = "en-GB"\n')
    assert settings_of(load_config(tmp_path).grammar)["language"] == "en-GB"


def test_planned_backends_follow_the_settings():
    plan = backends.planned_backends({"backend": "off"}, ["grammar", "misspelling"])
    assert plan == {"grammar": None, "spelling": "dictionary"}
    assert backends.planned_backends({}, ["misspelling"]) == {"spelling": "dictionary"}
    assert backends.planned_backends({}, ["long-sentence"]) == {}


def test_announce_gives_one_notice_when_nothing_is_available(monkeypatch, capsys):
    import io

    monkeypatch.setattr(backends, "_available", lambda name, settings: False)
    stream = io.StringIO()
    backends.announce({}, ["grammar"], stream=stream)
    assert stream.getvalue().count("no grammar backend is available") == 1
    assert os.environ.get(backends.ANNOUNCED_ENV) == "grammar"


def test_verbose_cli_names_the_backend_auto_picked(tmp_path, capsys):
    from newslint.cli import main

    article = tmp_path / "a.txt"
    article.write_text("A short and correct sentence.\n")
    main(["--no-config", "--verbose", "--select", "NL501", str(article)])
    assert "spelling backend: dictionary" in capsys.readouterr().err


def test_nothing_available_is_a_notice_not_a_failure(monkeypatch):
    monkeypatch.setattr(backends, "AUTO_ORDER", ("languagetool",))
    monkeypatch.setattr(backends, "_languagetool_ready", lambda settings: False)
    diags = lint("The minister have said so.", select=["NL502"])
    assert diags == []  # no NL002: the rule ran and found no engine


# -- the offline dictionary -------------------------------------------------------------------
def test_dictionary_backend_matches():
    from newslint.backends.dictionary import DictionaryBackend

    text = "What diffrent views exist? The Diffrent Strokes show aired."
    matches = DictionaryBackend().check(text)
    assert [(text[m.start:m.end], m.kind) for m in matches] == [("diffrent", "spelling")]
    assert matches[0].replacements == ("different",)


# -- Harper, offline, for real ----------------------------------------------------------------
@pytest.mark.skipif(not HAS_HARPER, reason="harper-py is not installed")
def test_harper_grammar_rule_reports_grammar():
    diags = lint("The minister have said an voluntary scheme would follow.",
                 select=["NL502"], grammar={"backend": "harper"})
    assert codes(diags) and set(codes(diags)) == {"NL502"}
    assert all("harper" in d.message for d in diags)


@pytest.mark.skipif(not HAS_HARPER, reason="harper-py is not installed")
def test_harper_duplicates_of_newslint_rules_are_dropped():
    text = "The minister said the the plan was ready.  It was."
    diags = lint(text, select=["NL502", "NL503", "NL504"], grammar={"backend": "harper"})
    assert sorted(codes(diags)) == ["NL503", "NL504"]


@pytest.mark.skipif(not HAS_HARPER, reason="harper-py is not installed")
def test_harper_as_speller_is_filtered_for_news():
    text = "Spokesman Fuad Basya said the G7 met. What diffrent views exist?"
    diags = lint(text, select=["NL501"], grammar={"spelling": "harper"})
    assert [text[d.start:d.end] for d in diags] == ["diffrent"]


@pytest.mark.skipif(not HAS_HARPER, reason="harper-py is not installed")
def test_disabled_rules_drop_backend_reports():
    text = "The minister have said an voluntary scheme would follow."
    everything = lint(text, select=["NL502"], grammar={"backend": "harper"})
    ids = {d.message.rsplit(": ", 1)[1].rstrip(")") for d in everything}
    assert lint(text, select=["NL502"], grammar={"backend": "harper",
                                                 "disabled-rules": sorted(ids)}) == []


# -- LanguageTool: the documented JSON shape of /v2/check -------------------------------------
def _lt_match(offset, length, rule_id, category, issue_type, message="m", values=()):
    return {
        "message": message,
        "shortMessage": "",
        "replacements": [{"value": v} for v in values],
        "offset": offset,
        "length": length,
        "context": {"text": "...", "offset": 0, "length": length},
        "sentence": "",
        "type": {"typeName": "Other"},
        "rule": {"id": rule_id, "description": "", "issueType": issue_type,
                 "category": {"id": category, "name": category.title()}},
        "ignoreForIncompleteSentence": False,
        "contextForSureMatch": 0,
    }


def test_languagetool_json_is_mapped_to_kinds_and_spans():
    text = "He go to the the shop and buy an apple.  Teh end."
    raw = [
        _lt_match(3, 2, "HE_VERB_AGR", "GRAMMAR", "grammar", "Verb agreement", ["goes"]),
        _lt_match(9, 7, "ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication"),
        _lt_match(39, 2, "WHITESPACE_RULE", "TYPOGRAPHY", "whitespace"),
        _lt_match(41, 3, "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Typo", ["The"]),
        _lt_match(0, 2, "UPPERCASE_SENTENCE_START", "CASING", "typographical"),
        _lt_match(20, 4, "TOO_WORDY", "STYLE", "style"),
    ]
    mapped = [map_match(m, text) for m in raw]
    assert [m.kind for m in mapped] == ["grammar", "repetition", "spacing", "spelling",
                                        "capitalization", "style"]
    assert text[mapped[0].start:mapped[0].end] == "go"
    assert mapped[0].replacements == ("goes",)
    assert text[mapped[3].start:mapped[3].end] == "Teh"


def test_languagetool_utf16_offsets_become_code_points():
    text = "Fans 🎉 cheered an win."  # the emoji is two UTF-16 units, one code point
    raw = _lt_match(text.index(" an ") + 2, 2, "EN_A_VS_AN", "MISC", "grammar")
    mapped = map_match(raw, text)
    assert text[mapped.start:mapped.end] == "an"


def test_languagetool_python_match_objects_are_mapped():
    from language_tool_python.match import Match as LtpMatch

    text = "He go home."
    obj = LtpMatch(_lt_match(3, 2, "HE_VERB_AGR", "GRAMMAR", "grammar", values=["goes"]), text)
    mapped = map_match(obj, text)
    assert (mapped.kind, text[mapped.start:mapped.end], mapped.replacements) == \
        ("grammar", "go", ("goes",))


def test_languagetool_backend_reports_through_the_grammar_rule(monkeypatch):
    """The whole path, with the server replaced by a fake returning documented JSON."""
    from newslint.backends import languagetool as lt

    text = "He go home. The the end."

    class FakeTool:
        def check(self, checked):
            assert checked == text
            from language_tool_python.match import Match as LtpMatch

            return [LtpMatch(_lt_match(3, 2, "HE_VERB_AGR", "GRAMMAR", "grammar",
                                       "Verb agreement", ["goes"]), checked),
                    LtpMatch(_lt_match(12, 7, "ENGLISH_WORD_REPEAT_RULE", "MISC",
                                       "duplication"), checked)]

        def close(self):
            pass

    def fake_init(self, **kwargs):
        self._tool = FakeTool()
        import threading

        self._lock = threading.Lock()

    monkeypatch.setattr(lt.LanguageToolBackend, "__init__",
                        lambda self, **kw: fake_init(self, **kw))
    backends.reset()
    try:
        diags = lint(text, select=["NL502", "NL503"],
                     grammar={"backend": "languagetool", "server": "http://lt.invalid:8081"})
    finally:
        backends.reset()
    assert sorted((d.code, text[d.start:d.end]) for d in diags) == [
        ("NL502", "go"), ("NL503", "The the")]


def test_public_api_needs_explicit_permission():
    from newslint.backends.base import BackendUnavailable
    from newslint.backends.languagetool import LanguageToolBackend

    assert is_public_api("https://api.languagetool.org/v2/")
    assert not is_public_api("http://localhost:8081")
    with pytest.raises(BackendUnavailable, match="allow-public-api"):
        LanguageToolBackend(server="https://api.languagetool.org")


def test_kind_of_covers_languagetool_categories():
    assert kind_of("X", "CONFUSED_WORDS", "misspelling") == "spelling"
    assert kind_of("X", "PUNCTUATION", "typographical") == "punctuation"
    assert kind_of("X", "REDUNDANCY", "style") == "style"


# -- a real LanguageTool server, when one is named --------------------------------------------
LT_URL = os.environ.get("NEWSLINT_LANGUAGETOOL_URL")


@pytest.mark.skipif(not LT_URL, reason="set NEWSLINT_LANGUAGETOOL_URL to a LanguageTool server "
                    "to run this test")
def test_real_languagetool_server():
    backends.reset()
    try:
        diags = lint("He go to school every days. What diffrent views exist?",
                     select=["NL501", "NL502"],
                     grammar={"backend": "languagetool", "server": LT_URL,
                              "allow-public-api": True})
    finally:
        backends.reset()
    assert "NL502" in codes(diags)
    assert "NL501" in codes(diags)


def test_match_is_plain_data():
    match = Match(0, 3, "grammar", "R", "message")
    assert match.replacements == ()


def test_explicit_backend_that_cannot_start_gives_a_notice(monkeypatch, caplog):
    from newslint.backends import languagetool as lt

    monkeypatch.setattr(lt.shutil, "which", lambda name: None)  # no Java here
    backends.reset()
    try:
        with caplog.at_level("WARNING", logger="newslint.backends"):
            diags = lint("He go home.", select=["NL502"], grammar={"backend": "languagetool"})
    finally:
        backends.reset()
    assert diags == []
    assert "needs Java" in caplog.text
