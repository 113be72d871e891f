"""The start-up store: compiled patterns and remembered data reused across runs, never
changing a result, and harmless when damaged or switched off."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from newslint import warmstart

REPO = Path(__file__).resolve().parent.parent
ARTICLE = REPO / "seeds" / "000_239ae586005a5a29.txt"

pytestmark = pytest.mark.skipif(warmstart._internals() is None,
                                reason="the store needs CPython's regex internals")


@pytest.fixture()
def store_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    yield tmp_path / "cache"
    warmstart.disable()


def _fresh_pattern() -> str:
    """A pattern `re` has never seen in this process (its own memory would answer first)."""
    return rf"(?P<word>{uuid.uuid4().hex})\s+(?:news|report)s?\b"


def _new_run(store_dir: Path) -> None:
    """What a new process does: save what this one learnt, then start from the file."""
    warmstart._save()
    warmstart.disable()
    assert warmstart.enable(store_dir)


def test_a_pattern_compiled_once_is_served_from_the_store_later(store_dir):
    assert warmstart.enable(store_dir)
    source = _fresh_pattern()
    first = re.compile(source, re.IGNORECASE)
    _new_run(store_dir)
    assert (source, int(re.IGNORECASE)) in warmstart._state["programs"]
    re.purge()
    second = re.compile(source, re.IGNORECASE)
    assert second == first  # same pattern, flags and compiled program
    text = "Breaking: " + source[9:41] + "  NEWS reports"
    assert second.search(text).group("word") == first.search(text).group("word")
    assert second.groupindex == first.groupindex and second.groups == first.groups


def test_the_store_file_is_written_only_when_something_new_was_learnt(store_dir):
    assert warmstart.enable(store_dir)
    re.compile(_fresh_pattern())
    warmstart._save()
    path = warmstart.store_path(store_dir)
    stamp = path.stat().st_mtime_ns
    warmstart._save()  # nothing new since
    assert path.stat().st_mtime_ns == stamp


def test_a_corrupt_store_is_ignored_and_rebuilt(store_dir):
    path = warmstart.store_path(store_dir)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal at all\xff" * 10)
    assert warmstart.enable(store_dir)
    pattern = re.compile(_fresh_pattern())
    assert pattern.search("x") is None
    warmstart._save()
    warmstart.disable()
    assert warmstart._load(path)["re"]  # rebuilt, readable


def test_a_damaged_entry_falls_back_to_compiling(store_dir):
    source = _fresh_pattern()
    assert warmstart.enable(store_dir)
    warmstart._state["programs"][(source, 0)] = (0, [1, 2, 3], 0, {}, ())  # not a program
    re.purge()
    compiled = re.compile(source)
    assert compiled.pattern == source and compiled.groupindex == {"word": 1}


def test_no_cache_switches_the_store_off(store_dir, monkeypatch):
    monkeypatch.setenv("NEWSLINT_NO_CACHE", "1")
    assert warmstart.enable(store_dir) is False
    assert warmstart.remember("test", b"x", lambda: 41 + 1) == 42
    assert not store_dir.exists()


def test_remember_computes_once_and_hands_out_copies(store_dir):
    assert warmstart.enable(store_dir)
    calls = []

    def compute():
        calls.append(1)
        return {"phrases": ["a", "b"], "weight": 2}

    assert warmstart.remember("test", "input", compute) == {"phrases": ["a", "b"], "weight": 2}
    _new_run(store_dir)
    got = warmstart.remember("test", "input", compute)
    got["phrases"].append("changed by the caller")
    again = warmstart.remember("test", "input", compute)
    assert again == {"phrases": ["a", "b"], "weight": 2} and len(calls) == 1
    assert warmstart.remember("test", "other input", lambda: 7) == 7


def test_values_marshal_cannot_store_are_returned_but_not_remembered(store_dir):
    import datetime

    assert warmstart.enable(store_dir)
    day = datetime.date(2025, 3, 1)
    assert warmstart.remember("test", "dates", lambda: {"d": day}) == {"d": day}
    assert warmstart._state["added"] == 0


def _env() -> dict:
    import os

    return {k: v for k, v in os.environ.items() if k != "NEWSLINT_NO_CACHE"}


def _json(args: list[str], cache: Path) -> dict:
    done = subprocess.run([sys.executable, "-m", "newslint", *args, "--format", "json",
                           "--no-config", "--exit-zero", "--cache-dir", str(cache)],
                          capture_output=True, text=True, check=True, cwd=REPO, env=_env())
    return json.loads(done.stdout)


def test_the_command_line_gives_the_same_report_with_a_warm_store(tmp_path):
    import shutil

    cache = tmp_path / "cache"
    first = _json([str(ARTICLE)], cache)
    assert list(cache.glob("regex-*.marshal"))
    for entry in cache.iterdir():  # forget the results, keep the start-up store
        if entry.is_dir():
            shutil.rmtree(entry)
    warm = _json([str(ARTICLE)], cache)
    assert warm == first and first["diagnostics"]


def test_no_cache_writes_no_store(tmp_path):
    cache = tmp_path / "cache"
    subprocess.run([sys.executable, "-m", "newslint", str(ARTICLE), "--no-config",
                    "--no-cache", "--exit-zero", "--cache-dir", str(cache)],
                   capture_output=True, check=True, cwd=REPO, env=_env())
    assert not cache.exists()


def test_a_store_past_its_size_keeps_only_what_the_saving_run_used(store_dir, monkeypatch):
    monkeypatch.setattr(warmstart, "MAX_ENTRIES", 3)
    assert warmstart.enable(store_dir)
    old = [_fresh_pattern() for _ in range(4)]
    for source in old:
        re.compile(source)
    _new_run(store_dir)  # saved all four: the cap applies to the next save
    assert len(warmstart._state["programs"]) == 4
    re.purge()
    re.compile(old[0])  # used again
    kept_new = _fresh_pattern()
    re.compile(kept_new)  # new: the store is saved, and pruned
    _new_run(store_dir)
    assert set(warmstart._state["programs"]) == {(old[0], 0), (kept_new, 0)}
