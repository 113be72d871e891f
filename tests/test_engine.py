"""The engine: selection, configuration, suppression, plugins and crash isolation."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import newslint
from newslint import Finding, hookimpl
from newslint.config import Config, load_config, parse_config
from newslint.engine import Linter
from newslint.errors import ConfigError, NewslintError, PackError
from newslint.selection import Selection

from .helpers import codes, lint

CHROME = "Title\n\nSkip to content\n\nHe said the the plan was ready.\n"


# -- selection ------------------------------------------------------------------------------
@pytest.mark.parametrize("select, ignore, expected", [
    (None, [], ["NL301", "NL503"]),
    (["NL3"], [], ["NL301"]),
    (None, ["NL3"], ["NL503"]),
    (["NL"], ["NL5"], ["NL301"]),
    (["NL503"], ["NL5"], ["NL503"]),          # a full code beats a prefix
    (["repeated-word"], [], ["NL503"]),        # names work like codes
    (None, ["boilerplate"], ["NL503"]),
])
def test_select_and_ignore_longest_match_wins(select, ignore, expected):
    diags = lint(CHROME, select=select, ignore=ignore)
    assert sorted(set(codes(diags)) & {"NL301", "NL503"}) == expected


def test_unknown_code_in_selection_is_an_error():
    with pytest.raises(ConfigError, match="NL999"):
        lint(CHROME, select=["NL999"])


def test_per_file_ignores_match_globs():
    diags = lint(CHROME, path="archive/old.txt", per_file_ignores={"archive/*": ["NL301"]})
    assert "NL301" not in codes(diags) and "NL503" in codes(diags)


def test_severity_override_and_threshold():
    from newslint.model import Severity

    diags = lint(CHROME, severity={"NL301": Severity.INFO})
    assert {d.code: d.severity for d in diags}["NL301"] == Severity.INFO
    diags = lint(CHROME, min_severity=Severity.ERROR)
    assert codes(diags) == ["NL301"]


# -- configuration --------------------------------------------------------------------------
def test_config_is_found_walking_up(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.newslint]\nignore = ['NL503']\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = load_config(deep)
    assert config.ignore == ["NL503"] and config.source == tmp_path / "pyproject.toml"


def test_pyproject_without_newslint_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text("[tool.black]\n")
    assert load_config(tmp_path / "sub").source is None or \
        load_config(tmp_path / "sub").source.name != "pyproject.toml"


@pytest.mark.parametrize("table, message", [
    ({"selekt": ["NL3"]}, "unknown key 'selekt'"),
    ({"select": "NL3"}, "must be a list of strings"),
    ({"severity": {"NL301": "loud"}}, "unknown severity"),
    ({"rules": {"boilerplate": 3}}, "must be a table"),
])
def test_bad_config_is_a_clear_error(table, message):
    with pytest.raises(ConfigError, match=message):
        parse_config(table)


def test_unknown_rule_options_are_errors():
    with pytest.raises(NewslintError, match="names no rule"):
        Linter(parse_config({"rules": {"no-such-rule": {"x": 1}}}))
    with pytest.raises(NewslintError, match="has no option"):
        Linter(parse_config({"rules": {"repeated-word": {"x": 1}}}))


def test_broken_toml_is_reported(tmp_path):
    bad = tmp_path / "newslint.toml"
    bad.write_text("select = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(explicit=bad)


def test_vocabulary_reaches_rules():
    linter = Linter(Config(vocabulary=["Witkoff"]))
    assert "witkoff" in linter.options["repeated-word"].vocabulary


# -- suppression ----------------------------------------------------------------------------
def test_markdown_suppression_comments():
    source = textwrap.dedent("""\
        # Title

        <!-- newslint-disable NL301 -->
        Skip to content
        <!-- newslint-enable -->

        <!-- newslint-disable-next-line repeated-word -->
        He said the the plan.

        Skip to content

        Then the the end.
        """)
    diags = lint(source, path="a.md")
    assert [(d.code, d.line) for d in diags if d.code in ("NL301", "NL503")] == [
        ("NL301", 10), ("NL503", 12)]


# -- rule packs -----------------------------------------------------------------------------
def test_user_rule_pack_from_config(tmp_path):
    packs = tmp_path / "packs"
    packs.mkdir()
    (packs / "house.toml").write_text(textwrap.dedent('''
        [[rule]]
        code = "NL901"
        name = "house-banned"
        category = "ai_phrase"
        severity = "warning"
        summary = "A word the house style bans."
        explanation = "Our desk does not use this word."
        bad = "a game-changer"
        good = "a big change"
        message = "house style: avoid “{match}”"
        phrases = ["game-changer"]
        '''))
    diags = lint("It was a Game-Changer for the city.", rule_packs=[packs])
    assert [(d.code, d.message) for d in diags] == [("NL901", "house style: avoid “Game-Changer”")]


@pytest.mark.parametrize("body, message", [
    ('code = "NL901"\nname = "x"', "missing key"),
    ('code = "NL901"\nname = "x"\ncategory = "nope"\nseverity = "info"\nsummary = "s"\n'
     'explanation = "e"\nbad = "b"\ngood = "g"\nmessage = "m"\npatterns = ["(unclosed"]',
     "does not compile"),
    ('code = "NL901"\nname = "x"\ncategory = "nope"\nseverity = "info"\nsummary = "s"\n'
     'explanation = "e"\nbad = "b"\ngood = "g"\nmessage = "m"\nphrases = ["a"]',
     "category 'nope'"),
])
def test_malformed_pack_is_a_clear_error(tmp_path, body, message):
    (tmp_path / "bad.toml").write_text("[[rule]]\n" + body + "\n")
    with pytest.raises(PackError, match=message):
        Linter(Config(rule_packs=[tmp_path]))


# -- plugins --------------------------------------------------------------------------------
class _CrashingPlugin:
    @newslint.rule(code="XNL900", name="always-crashes", category="spelling",
                   severity="warning", bad="x", good="y")
    def crashes(doc, options):
        """A rule that raises, to prove the run survives it."""
        raise ZeroDivisionError("boom")
        yield  # pragma: no cover

    @hookimpl
    def newslint_add_rules(self):
        return [self.crashes.rule]


def test_a_crashing_rule_becomes_one_diagnostic_and_other_rules_run():
    linter = Linter(Config(), extra_plugins=[_CrashingPlugin()])
    diags = linter.lint_text(CHROME)
    crash = [d for d in diags if d.code == "NL002"]
    assert len(crash) == 1 and "XNL900" in crash[0].message and "ZeroDivisionError" in crash[0].message
    assert {"NL301", "NL503"} <= set(codes(diags))


class _CrashingHook:
    @hookimpl
    def newslint_check_document(self, document):
        raise RuntimeError("hook failed")


def test_a_crashing_hook_implementation_is_isolated():
    diags = Linter(Config(), extra_plugins=[_CrashingHook()]).lint_text(CHROME)
    assert any(d.code == "NL002" and "hook failed" in d.message for d in diags)
    assert "NL301" in codes(diags)


def test_plugin_returning_garbage_is_a_clear_error():
    class Garbage:
        @hookimpl
        def newslint_add_rules(self):
            return ["not a rule"]

    with pytest.raises(NewslintError, match="where a Rule was expected"):
        Linter(Config(), extra_plugins=[Garbage()])


def test_example_plugin_is_discovered_through_its_entry_point(tmp_path):
    """A real distribution on sys.path with a `newslint` entry point is loaded by the CLI."""
    root = Path(__file__).resolve().parent.parent
    site = tmp_path / "site"
    site.mkdir()
    (site / "newslint_example_plugin.py").write_text(
        (root / "examples/newslint-example-plugin/newslint_example_plugin.py").read_text())
    info = site / "newslint_example_plugin-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-example-plugin\n"
                                   "Version: 0.1.0\n")
    (info / "entry_points.txt").write_text("[newslint]\nexample = newslint_example_plugin\n")
    article = tmp_path / "story.txt"
    article.write_text("Markets Soar As Rates Fall!\n\nShares rose on Monday.\n")
    env = {**__import__("os").environ, "PYTHONPATH": str(site)}
    env.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)
    out = subprocess.run([sys.executable, "-m", "newslint", str(article), "--no-config"],
                         capture_output=True, text=True, env=env)
    assert "XNL001" in out.stdout, out.stdout + out.stderr
    env["NEWSLINT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    out = subprocess.run([sys.executable, "-m", "newslint", str(article), "--no-config"],
                         capture_output=True, text=True, env=env)
    assert "XNL001" not in out.stdout


def test_selection_lists_rules_from_every_source():
    linter = Linter(Config())
    assert isinstance(linter.selection, Selection)
    sources = {r.source for r in linter.registry.rules.values()}
    assert any(s.endswith(".toml") for s in sources) and "newslint.checks.mechanics" in sources


@pytest.mark.parametrize("doc", ["README.md", "docs/configuration.md"])
def test_configuration_examples_in_the_docs_are_valid(doc, tmp_path):
    """Every ```toml block of the user docs loads and builds a linter."""
    import re

    root = Path(__file__).resolve().parent.parent
    blocks = re.findall(r"```toml\n(.*?)```", (root / doc).read_text(encoding="utf-8"), re.S)
    assert blocks
    for block in blocks:
        (tmp_path / "style" / "packs").mkdir(parents=True, exist_ok=True)
        (tmp_path / "pyproject.toml").write_text(block, encoding="utf-8")
        Linter(load_config(tmp_path))


# -- phrase lists: the word-start scan finds exactly what the plain trie regex finds ----------
_PHRASES = ["in summary,", "it is", "it is worth noting", "a", "ab", "(aside)", "é", "_x",
            "co-op", "ok", "ok ok", "9 to 5"]
_ALPHABET = "aAbéÉ _x-,(). \n\t9izs5ko’ñ"


def _reference_spans(phrases, text):
    import re

    from newslint.packs.trie import trie_pattern

    regex = re.compile(r"(?<!\w)(?:" + trie_pattern(phrases) + r")(?!\w)", re.MULTILINE)
    return [m.span() for m in regex.finditer(text)]


def _fast_spans(phrases, text):
    import re

    from newslint.packs import phrase
    from newslint.packs.trie import trie_pattern

    regex = re.compile(phrase.WORD_START + "(?:" + trie_pattern(phrases) + r")(?!\w)")
    return list(phrase.word_start_spans(regex, text))


@pytest.mark.parametrize("text", [
    "", "a", "ab", "aab", " a ", "a a a", "in summary,it is", "in summary,in summary,",
    "éa a", "_a a_", "(aside)(aside)", "x(aside)", "ok ok ok", "9 to 59 to 5", "ñok ok",
    "it is worth noting it is", "co-op\nco-op", "A a", "’a’",
])
def test_word_start_scan_matches_the_lookbehind_regex(text):
    assert _fast_spans(_PHRASES, text) == _reference_spans(_PHRASES, text)


def test_word_start_scan_matches_the_lookbehind_regex_on_random_text():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet=_ALPHABET, max_size=40),
           st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=6, unique=True))
    def check(text, phrases):
        assert _fast_spans(phrases, text) == _reference_spans(phrases, text)

    check()


def test_trie_pattern_matches_exactly_its_phrases_longest_first():
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newslint.packs.trie import trie_pattern

    words = st.text(alphabet="ab .(é\\", max_size=6)

    @settings(max_examples=300, deadline=None)
    @given(st.lists(words, max_size=8), words)
    def check(phrases, probe):
        regex = re.compile(trie_pattern(phrases))
        listed = {p for p in phrases if p}
        for text in [*listed, probe]:
            assert (regex.fullmatch(text) is not None) == (text in listed)
            found = regex.match(text + "\x00")
            longest = max((p for p in listed if text.startswith(p)), key=len, default=None)
            assert (found.group() if found else None) == longest

    check()


class _NeedsMissingModule:
    @newslint.rule(code="XNL901", name="needs-missing-module", category="spelling",
                   severity="warning", bad="x", good="y")
    def needs(doc, options):
        """A rule whose dependency is not installed."""
        import newslint_no_such_module  # noqa: F401
        yield  # pragma: no cover

    @hookimpl
    def newslint_add_rules(self):
        return [self.needs.rule]


def test_a_rule_missing_a_module_is_reported_once_per_run_not_per_file(tmp_path):
    for index in range(4):
        (tmp_path / f"a{index}.txt").write_text(CHROME)
    report = Linter(Config(), extra_plugins=[_NeedsMissingModule()]).run([str(tmp_path)])
    crashes = [d for d in report.diagnostics if d.code == "NL002"]
    assert len(crashes) == 1
    assert "cannot run" in crashes[0].message and "newslint_no_such_module" in crashes[0].message
    assert sum(d.code == "NL301" for d in report.diagnostics) == 4


class _Recorder:
    """Two rules that log the order they see documents in; one of them crashes on a file."""

    calls: list[tuple[str, str]] = []

    @newslint.rule(code="XNL911", name="first-recorder", category="spelling",
                   severity="warning", bad="x", good="y")
    def first(doc, options):
        """Reports the first character of every file."""
        _Recorder.calls.append(("first", Path(doc.path).name))
        yield Finding(0, 1, "first")

    @newslint.rule(code="XNL912", name="second-recorder", category="spelling",
                   severity="warning", bad="x", good="y")
    def second(doc, options):
        """Crashes on one file, reports on the others."""
        _Recorder.calls.append(("second", Path(doc.path).name))
        if "crash" in doc.text:
            raise ValueError("boom")
        yield Finding(0, 1, "second")

    @hookimpl
    def newslint_add_rules(self):
        return [self.first.rule, self.second.rule]


def test_a_batch_runs_rule_by_rule_and_equals_linting_each_file_alone(tmp_path):
    texts = {"a.txt": CHROME, "b.txt": "Please crash here.\n", "c.md": "# Title\n\nText.\n",
             "d.txt": ""}
    paths = []
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    (tmp_path / "e.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))  # an image
    paths.append(str(tmp_path / "e.txt"))
    config = Config(extend_select=["XNL9"])
    linter = Linter(config, extra_plugins=[_Recorder()])
    _Recorder.calls.clear()
    batch = linter.lint_files([(p, None) for p in paths])
    order = list(_Recorder.calls)
    _Recorder.calls.clear()
    alone = [Linter(config, extra_plugins=[_Recorder()]).lint_file(p) for p in paths]
    assert batch == alone
    linted = ["a.txt", "b.txt", "c.md", "d.txt"]  # e.txt is not text: never linted
    assert order == [("first", n) for n in linted] + [("second", n) for n in linted]
    crash = [d for d in batch[1].diagnostics if d.code == "NL002"]
    assert len(crash) == 1 and "boom" in crash[0].message
    assert [d.code for d in batch[4].diagnostics] == ["NL001"]
    assert batch[3].status == "empty"


def test_a_result_keeps_its_line_starts_packed_and_places_corpus_findings_with_them():
    """Results live to the end of a run: line starts are a 32-bit array (a text is cut to
    MAX_LINT_CHARS first), equal to the document's, and they still place a corpus finding
    of the last line of a text at the budget."""
    import pickle
    from array import array

    from newslint.engine import MAX_LINT_CHARS

    linter = Linter(Config())
    text = "Alpha beta.\n\nGamma delta.\n" + ("word " * 20 + "\n") * 3
    result = linter.lint_file("a.txt", text.encode())
    doc = linter.read("a.txt", text.encode())
    assert isinstance(result.line_starts, array) and result.line_starts.itemsize == 4
    assert list(result.line_starts) == list(doc.line_starts)
    assert pickle.loads(pickle.dumps(result)).line_starts == result.line_starts
    huge = ("Zelensky said so.\n" * (MAX_LINT_CHARS // 18 + 50)).encode()
    big = linter.lint_file("big.txt", huge)
    assert big.line_starts[-1] < MAX_LINT_CHARS <= 2**32
    placed = linter._diagnostics(big, [("NL001", Finding(big.line_starts[-1],
                                                         big.line_starts[-1] + 3, "x"))])
    assert placed[0].line == len(big.line_starts) and placed[0].column == 1


def test_diagnostics_fixes_and_related_survive_pickling_whole():
    """Workers send diagnostics back pickled (field by field, see model._pickled_by_fields):
    every field must come back, including the offsets left out of equality."""
    import pickle

    from newslint.model import Diagnostic, Fix, Related, Severity

    original = Diagnostic(
        "a.txt", 1, 2, 1, 5, "NL101", "uncited-figure", "uncited_number", Severity.WARNING,
        "no source", fix=Fix(3, 4, "“x”", safe=False),
        related=(Related("b.txt", 3, 4, "the other spelling"),), url="u", start=7, end=9)
    copy = pickle.loads(pickle.dumps([original, original], protocol=5))
    assert copy[0] == original and copy[1] is not None
    assert (copy[0].start, copy[0].end) == (7, 9)
    assert copy[0].fix == original.fix and copy[0].fix.safe is False
    assert copy[0].related == original.related and type(copy[0].severity) is Severity
    linter = Linter(Config())
    result = linter.lint_file("a.txt", b"Officials said 4,000 people left.\n\nThe the end.\n")
    again = pickle.loads(pickle.dumps(result))
    assert [(d, d.start, d.end) for d in again.diagnostics] == \
        [(d, d.start, d.end) for d in result.diagnostics] and result.diagnostics


def test_matches_at_finds_what_finditer_finds_when_given_every_possible_start():
    """The shared helper behind the rules' hinted searches: tried at the starts where a
    match can begin (here every "a" or "[" of the text), it yields finditer's matches."""
    import random
    import re

    from newslint.rule import lazy_regex, matches_at

    patterns = [re.compile(r"a+b?"), re.compile(r"\[[^\]]*\]"), lazy_regex(r"a[ab]a")]
    rng = random.Random(4)
    for _ in range(2000):
        text = "".join(rng.choice("ab[] ") for _ in range(rng.randint(0, 30)))
        end = rng.randint(0, len(text))
        starts = [i for i, ch in enumerate(text) if ch in "a["]
        for pattern in patterns:
            assert [m.span() for m in matches_at(pattern, text, starts)] == \
                [m.span() for m in pattern.finditer(text)], text
            assert [m.span() for m in matches_at(pattern, text, starts, end)] == \
                [m.span() for m in pattern.finditer(text, 0, end)], (text, end)
