"""The content-hash cache: unchanged files are not linted again, and nothing stale survives."""

from __future__ import annotations

import importlib
import pickle

import pytest

from newslint import cache as cache_module
from newslint import parallel
from newslint.cache import Cache, default_cache_dir, fingerprint, lint_cached
from newslint.cli import main
from newslint.config import Config
from newslint.engine import Linter

from .corpus_plugin import install_plugin, make_corpus


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    make_corpus(folder, 12, words=300)
    return folder


@pytest.fixture
def plugin(tmp_path, monkeypatch):
    """The test corpus-rule plugin, imported in this process."""
    site = install_plugin(tmp_path / "site")
    monkeypatch.syspath_prepend(str(site))
    module = importlib.import_module("newslint_test_corpus_plugin")
    yield module
    import sys

    sys.modules.pop("newslint_test_corpus_plugin", None)


def _run(linter, corpus, cache, jobs=1):
    return parallel.run(linter, [str(corpus)], jobs=jobs, cache=cache)


def _again(cache):
    """The same cache for a second run. (Cache.for_linter would compute the fingerprint
    again, which changes whenever a newslint source file is edited.)"""
    return Cache(cache.root, cache.fingerprint)


def _linter(plugin=None, **fields):
    return Linter(Config(**fields), extra_plugins=[plugin] if plugin else ())


def test_second_run_is_answered_from_the_cache_with_the_same_report(corpus, tmp_path, plugin):
    linter = _linter(plugin)
    first_cache = Cache.for_linter(linter, tmp_path / "cache")
    first = _run(linter, corpus, first_cache)
    assert (first_cache.hits, first_cache.misses) == (0, 12)
    second_cache = _again(first_cache)
    second = _run(linter, corpus, second_cache)
    assert (second_cache.hits, second_cache.misses) == (12, 0)
    assert second.diagnostics == first.diagnostics
    # the corpus pass still saw the cached files' facts: cross-file findings survive
    assert any(d.code == "XNL401" for d in second.diagnostics)
    assert [f.facts for f in second.files] == [f.facts for f in first.files]


def test_a_changed_file_alone_is_linted_again(corpus, tmp_path):
    linter = _linter()
    cache = Cache.for_linter(linter, tmp_path / "cache")
    _run(linter, corpus, cache)
    changed = sorted(corpus.rglob("*.txt"))[3]
    changed.write_text(changed.read_text() + "\nHe said the the plan.\n")
    again = _again(cache)
    report = _run(linter, corpus, again)
    assert (again.hits, again.misses) == (11, 1)
    assert any(d.code == "NL503" and d.path == str(changed) for d in report.diagnostics)


def test_config_rules_and_plugins_are_part_of_the_key(tmp_path, plugin):
    base = fingerprint(_linter())
    assert fingerprint(_linter()) == base
    assert fingerprint(_linter(select=["NL5"])) != base
    assert fingerprint(_linter(rules={"repeated-word": {}})) != base  # config as written
    assert fingerprint(_linter(plugin)) != base
    pack = tmp_path / "packs"
    pack.mkdir()
    toml = pack / "house.toml"
    toml.write_text('[[rule]]\ncode = "XNL901"\nname = "house-word"\ncategory = "ai_phrase"\n'
                    'severity = "info"\nsummary = "A banned word."\nexplanation = "House '
                    'style."\nbad = "synergy"\ngood = "cooperation"\nmessage = "avoid '
                    '{match}"\nphrases = ["synergy"]\n')
    with_pack = fingerprint(_linter(rule_packs=[pack]))
    assert with_pack != base
    toml.write_text(toml.read_text().replace('"synergy"]', '"synergy", "leverage"]'))
    assert fingerprint(_linter(rule_packs=[pack])) != with_pack


def test_editing_a_rule_module_invalidates_the_cache(tmp_path, plugin):
    before = fingerprint(_linter(plugin))
    source = tmp_path / "site" / "newslint_test_corpus_plugin.py"
    source.write_text(source.read_text() + "\n# a new line changes the module\n")
    assert fingerprint(_linter(plugin)) != before


def _replace_entry(entry, data: bytes) -> None:
    """Put another file in place of an entry (entries are hard links to a shared pack:
    writing through one would change them all)."""
    entry.unlink()
    entry.write_bytes(data)


def test_corrupt_or_foreign_entries_are_misses_not_errors(corpus, tmp_path):
    linter = _linter()
    cache = Cache.for_linter(linter, tmp_path / "cache")
    _run(linter, corpus, cache)
    entries = sorted(p for p in cache.folder.rglob("*") if p.is_file())
    assert len(entries) == 12
    _replace_entry(entries[0], b"\x80\x04garbage")  # truncated pickle
    _replace_entry(entries[1], b"")
    _replace_entry(entries[2], pickle.dumps({"not": "a result"}))
    _replace_entry(entries[3], pickle.dumps(["not", "a pack"]))
    again = _again(cache)
    report = _run(linter, corpus, again)
    assert (again.hits, again.misses) == (8, 4)
    fresh = _run(linter, corpus, None)
    assert report.diagnostics == fresh.diagnostics
    # the bad entries were replaced by good ones
    third = _again(cache)
    _run(linter, corpus, third)
    assert (third.hits, third.misses) == (12, 0)


def test_a_batch_is_one_pack_and_a_corrupt_pack_is_a_miss_for_each_of_its_files(corpus,
                                                                                tmp_path):
    """The files of a batch are stored as one pack that each file's entry links to (one
    new file per batch instead of one per file); when the pack is damaged, every file in
    it is a miss, linted again, and stored again."""
    linter = _linter()
    cache = Cache.for_linter(linter, tmp_path / "cache")
    _run(linter, corpus, cache)
    entries = sorted(p for p in cache.folder.rglob("*") if p.is_file())
    packs = {p.stat().st_ino for p in entries}
    # (the first file is linted alone, as a pool does before it forks; then one batch)
    assert len(entries) == 12 and len(packs) < len(entries)
    assert not list(cache.folder.glob(".tmp-*")), "the pack's own name is removed"
    shared = [p for p in entries if p.stat().st_nlink > 1]
    shared[0].write_bytes(b"\x80\x04garbage")  # through one link: the whole pack
    damaged = sum(1 for p in entries if p.stat().st_ino == shared[0].stat().st_ino)
    again = _again(cache)
    report = _run(linter, corpus, again)
    assert (again.hits, again.misses) == (12 - damaged, damaged)
    assert report.diagnostics == _run(linter, corpus, None).diagnostics
    third = _again(cache)
    _run(linter, corpus, third)
    assert (third.hits, third.misses) == (12, 0)


def test_without_hard_links_each_result_gets_its_own_file(corpus, tmp_path, monkeypatch):
    import os

    def no_links(*args, **kwargs):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    linter = _linter()
    cache = Cache.for_linter(linter, tmp_path / "cache")
    first = _run(linter, corpus, cache)
    assert cache.writable
    entries = sorted(p for p in cache.folder.rglob("*") if p.is_file())
    assert len(entries) == 12 and all(p.stat().st_nlink == 1 for p in entries)
    again = _again(cache)
    second = _run(linter, corpus, again)
    assert (again.hits, again.misses) == (12, 0)
    assert second.diagnostics == first.diagnostics


def test_an_entry_for_another_path_is_not_used(tmp_path):
    linter = _linter()
    cache = Cache.for_linter(linter, tmp_path / "cache")
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    for path in (one, two):
        path.write_text("Title\n\nHe said the the plan.\n")
    first = lint_cached(linter, str(one), cache)
    raw = two.read_bytes()
    cache.put(cache.key(str(two), raw), first)  # as if keys had collided
    result = lint_cached(linter, str(two), cache)
    assert result.path == str(two)
    assert all(d.path == str(two) for d in result.diagnostics)


def test_each_sub_folder_is_made_once_and_again_after_it_is_removed(tmp_path, monkeypatch):
    """put() makes an entry's sub-folder once per process (a mkdir per file was a system
    call per entry); a folder removed since, by another run clearing the cache, is made
    again, and the cache stays writable."""
    import os
    import shutil

    linter = _linter()
    cache = Cache.for_linter(linter, tmp_path / "cache")
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nHe said the the plan.\n")
    result = lint_cached(linter, str(article), None)
    made: list[str] = []
    real_makedirs = os.makedirs

    def counting_makedirs(name, *args, **kwargs):
        if os.path.dirname(name) == str(cache.folder):  # (not the folders above it)
            made.append(os.path.basename(name))
        return real_makedirs(name, *args, **kwargs)

    monkeypatch.setattr(os, "makedirs", counting_makedirs)
    keys = [f"ab{index:038x}" for index in range(5)] + [f"cd{index:038x}" for index in range(3)]
    for key in keys:
        cache.put(key, result)
    assert sorted(made) == ["ab", "cd"]
    shutil.rmtree(cache.folder / "ab")  # another run clears it
    cache.put(keys[0], result)
    assert cache.writable and made.count("ab") == 2
    assert all(cache.get(key, result.path) is not None for key in keys[:1] + keys[5:])
    cache.clear()
    cache.put(keys[5], result)
    assert made.count("cd") == 2 and cache.get(keys[5], result.path) is not None
    # no temporary file is left behind
    assert not [p for p in cache.folder.rglob(".tmp-*")]


def test_a_failed_write_leaves_no_temporary_file_and_switches_the_cache_off(tmp_path,
                                                                            monkeypatch):
    import os

    linter = _linter()
    cache = Cache.for_linter(linter, tmp_path / "cache")
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nHe said the the plan.\n")
    result = lint_cached(linter, str(article), None)
    key = "ef" + "0" * 38

    def full_disk(handle, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    cache.put(key, result)
    monkeypatch.undo()
    assert not cache.writable
    assert not [p for p in cache.folder.rglob("*") if p.is_file()]
    assert cache.get(key, result.path) is None


def test_read_errors_and_rule_crashes_are_not_cached(tmp_path):
    linter = _linter()
    cache = Cache.for_linter(linter, tmp_path / "cache")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    assert lint_cached(linter, str(binary), cache).status == "error"
    assert lint_cached(linter, str(tmp_path / "gone.txt"), cache).status == "error"
    assert not cache.folder.exists() or not any(p.is_file() for p in cache.folder.rglob("*"))


def test_an_unwritable_cache_folder_is_ignored(corpus, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    linter = _linter()
    cache = Cache.for_linter(linter, blocker)
    report = _run(linter, corpus, cache)
    assert not cache.writable
    assert report.diagnostics == _run(linter, corpus, None).diagnostics


def test_pool_workers_read_and_write_the_same_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 1)
    folder = tmp_path / "corpus"
    make_corpus(folder, 20)
    linter = _linter()
    first = Cache.for_linter(linter, tmp_path / "cache")
    one = _run(linter, folder, first, jobs=2)
    assert (first.hits, first.misses) == (0, 20)
    second = _again(first)
    two = _run(linter, folder, second, jobs=2)
    assert (second.hits, second.misses) == (20, 0)
    assert one.diagnostics == two.diagnostics


def test_default_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "newslint"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "mine"))
    assert default_cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("NEWSLINT_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "newslint"


def test_command_line_switches(monkeypatch, capsys, corpus, tmp_path):
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "env-cache"))
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    assert main([str(corpus), "--no-config", "--no-cache", "--jobs", "1"]) in (0, 1)
    assert not (tmp_path / "env-cache").exists()
    capsys.readouterr()
    first = main([str(corpus), "--no-config", "--jobs", "1", "--format", "json"])
    out_first = capsys.readouterr().out
    assert (tmp_path / "env-cache" / "CACHEDIR.TAG").is_file()
    assert main([str(corpus), "--no-config", "--jobs", "1", "--format", "json"]) == first
    assert capsys.readouterr().out == out_first
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    assert main([str(corpus), "--no-config", "--cache-dir", str(tmp_path / "explicit")]) == first
    assert any((tmp_path / "explicit").rglob("*")), "an explicit --cache-dir turns it on"
    assert cache_module.cache_disabled_by_env()


def test_a_file_can_be_read_from_one_path_and_reported_under_another(tmp_path):
    """What a cluster worker does: read the absolute path, report the name the user gave."""
    linter = _linter()
    article = tmp_path / "story.txt"
    article.write_text("Title\n\nHe said the the plan.\n")
    for cache in (None, Cache.for_linter(linter, tmp_path / "cache")):
        result = lint_cached(linter, "story.txt", cache, source=str(article))
        assert result.path == "story.txt"
        assert "NL503" in [d.code for d in result.diagnostics]
        assert {d.path for d in result.diagnostics} == {"story.txt"}
    missing = lint_cached(linter, "gone.txt", None, source=str(tmp_path / "gone.txt"))
    assert missing.status == "error"
    assert [(d.path, d.code) for d in missing.diagnostics] == [("gone.txt", "NL001")]
