"""--jobs: the process pool gives the same output as one process, in the same order."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import subprocess
import sys
import textwrap

import pytest

from newslint import parallel
from newslint.cli import main
from newslint.config import Config
from newslint.engine import Linter

from .corpus_plugin import install_plugin, make_corpus

N_ARTICLES = 100  # enough for two workers (MIN_FILES_PER_WORKER is 32)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder, N_ARTICLES)
    return folder


def _as_json(report) -> list[tuple]:
    return [(d.path, d.line, d.column, d.end_line, d.end_column, d.code, str(d.severity),
             d.message, d.fix, d.related) for d in report.diagnostics]


def test_small_runs_stay_in_this_process():
    assert parallel.plan_workers(5, 8) == 1
    assert parallel.plan_workers(parallel.MIN_FILES_PER_WORKER * 2 - 1, 2) == 1
    assert parallel.plan_workers(parallel.MIN_FILES_PER_WORKER * 2, 2) == 2
    assert parallel.plan_workers(10_000, 3) == 3
    assert parallel.plan_workers(10_000, None) == parallel.default_jobs()
    assert parallel.plan_workers(10_000, 0) == parallel.default_jobs()


@pytest.mark.parametrize("n", [0, 1, 7, 63, 64, 129, 1000, 10_001])
@pytest.mark.parametrize("workers", [1, 2, 3])
def test_chunks_keep_every_file_once_in_order_and_end_small(n, workers):
    items = [f"{i}.txt" for i in range(n)]
    size = parallel.chunk_size(n, workers)
    chunks = parallel._chunks(items, size, workers)
    assert [item for chunk in chunks for item in chunk] == items
    assert all(chunks) and all(len(chunk) <= size for chunk in chunks)
    if workers > 1 and n >= workers * size and size >= 8:
        assert all(len(chunk) <= size // 8 for chunk in chunks[-workers * 7:])


def test_chunks_amortise_round_trips_but_keep_workers_busy():
    assert parallel.chunk_size(10_000, 2) == parallel.MAX_CHUNK
    assert parallel.chunk_size(100, 2) == 6
    assert parallel.chunk_size(99, 2) == 6
    assert parallel.chunk_size(3, 4) == 1


def test_pool_matches_one_process(corpus, monkeypatch):
    linter = Linter(Config())
    one = parallel.run(linter, [str(corpus)], jobs=1)
    used = []
    real = parallel._lint_in_pool

    def spy(*args):
        used.append(args[2])
        return real(*args)

    monkeypatch.setattr(parallel, "_lint_in_pool", spy)
    two = parallel.run(linter, [str(corpus)], jobs=2)
    assert used == [2], "the pool was not used"
    assert one.diagnostics, "the corpus has defects; an empty run proves nothing"
    assert _as_json(two) == _as_json(one)
    assert [f.path for f in two.files] == [f.path for f in one.files]
    assert [f.line_starts for f in two.files] == [f.line_starts for f in one.files]


def test_spawned_workers_build_their_own_linter(corpus, monkeypatch):
    """Where processes are spawned (macOS, Windows), workers build a Linter from the Config."""
    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "_start_method", lambda: multiprocessing.get_context("spawn"))
    files = sorted(str(p) for p in corpus.rglob("*.txt"))[:6]
    config = Config(select=["NL3", "NL5"])
    linter = Linter(config)
    pooled = parallel.lint_files(linter, files, jobs=2)
    local = [linter.lint_file(f) for f in files]
    assert [r.diagnostics for r in pooled] == [r.diagnostics for r in local]


def test_progress_sees_every_file_in_order(corpus, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 1)
    files = sorted(str(p) for p in corpus.rglob("*.txt"))[:10]
    seen = []

    def progress(results, total):
        assert total == len(files)
        for result in results:
            seen.append(result.path)
            yield result

    parallel.lint_files(Linter(Config()), files, jobs=2, progress=progress)
    assert seen == files


def test_stdin_keeps_its_place_among_files(corpus, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_FILES_PER_WORKER", 1)
    files = sorted(str(p) for p in corpus.rglob("*.txt"))[:3]

    typed = io.TextIOWrapper(io.BytesIO(b"Title\n\nHe said the the plan.\n"))
    monkeypatch.setattr(sys, "stdin", typed)
    results = parallel.lint_files(Linter(Config()), [files[0], "-", *files[1:]], jobs=2,
                                  stdin_filename="typed.txt")
    assert [r.path for r in results] == [files[0], "typed.txt", *files[1:]]
    assert "NL503" in [d.code for d in results[1].diagnostics]


@pytest.mark.parametrize("value", ["-1", "two", "1.5"])
def test_bad_jobs_is_a_usage_error(capsys, value, corpus):
    assert main([str(corpus), "--no-config", "--jobs", value]) == 2
    assert "--jobs" in capsys.readouterr().err


def test_cli_jobs_output_is_identical_with_a_cross_file_rule(corpus, tmp_path):
    """The JSON of --jobs 1 and --jobs 2 is byte for byte the same, cross-file findings too.

    The corpus rule comes from an installed plugin, so the worker processes load it as well.
    """
    site = install_plugin(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(site), "NEWSLINT_NO_CACHE": "1"}
    env.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "newslint", "--no-config", "--format",
                               "json", "--jobs", jobs, str(corpus)],
                              capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode in (0, 1), done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    report = json.loads(outputs[0])
    cross = [d for d in report["diagnostics"] if d["code"] == "XNL401"]
    assert cross, "the corpus should spell a name two ways across files"
    assert any(r["path"] != d["path"] for d in cross for r in d["related"])
    assert report["summary"]["files"] == N_ARTICLES


# -- start-up: one file must not pay for what it does not use ----------------------------------
def test_one_file_run_imports_nothing_it_does_not_need(tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("Council approves budget\n\nThe council met on Monday.\n")
    probe = (
        "import sys\n"
        "from newslint.cli import main\n"
        f"main(['--no-config', '--no-cache', {str(article)!r}])\n"
        "heavy = ('importlib.metadata', 'regex', 'multiprocessing', 'concurrent.futures.process',"
        " 'distributed', 'dask', 'markdown_it', 'language_tool_python', 'harper', 'tqdm')\n"
        "print(','.join(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    env = {**os.environ}
    env.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)  # the real entry-point search
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.stderr.strip().splitlines()[-1:] in ([], [""]), done.stderr


def test_entry_point_prescan(tmp_path, monkeypatch):
    from newslint.plugins import _may_have_entry_points

    site = tmp_path / "site"
    (site / "other-1.0.dist-info").mkdir(parents=True)
    (site / "other-1.0.dist-info" / "entry_points.txt").write_text("[console_scripts]\nx = y\n")
    monkeypatch.setattr(sys, "path", [str(site), str(tmp_path / "missing")])
    assert not _may_have_entry_points("newslint")
    install_plugin(site)
    assert _may_have_entry_points("newslint")
    zipped = tmp_path / "packages.zip"
    zipped.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(zipped)])
    assert _may_have_entry_points("newslint")


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_rules_set_up_is_frozen_out_of_collection_during_a_run_only(corpus, jobs):
    """After the first file the garbage collector stops traversing the loaded word lists
    (gc.freeze); a program that calls lint_files gets its collector back afterwards."""
    import gc

    linter = Linter(Config())
    files = sorted(str(p) for p in corpus.rglob("*.txt"))
    seen: list[int] = []

    def watch(results, total):
        for result in results:
            seen.append(gc.get_freeze_count())
            yield result

    forked = parallel._start_method().get_start_method() == "fork"
    results = parallel.lint_files(linter, files, jobs=jobs, progress=watch)
    assert len(results) == len(files)
    assert seen[0] == 0  # nothing is frozen before the first file is linted
    if jobs == 1 or forked:  # (spawned workers settle themselves; the parent has no rules set up)
        assert seen[-1] > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("jobs", [1, 2])
def test_young_collections_are_rare_during_a_run_and_the_callers_threshold_comes_back(
        corpus, jobs):
    """While linting, the young generation is collected only past YOUNG_THRESHOLD
    containers (an article's short-lived lists no longer set off collections); the caller's
    own threshold is restored afterwards, even when it was higher or linting failed."""
    import gc

    linter = Linter(Config())
    files = sorted(str(p) for p in corpus.rglob("*.txt"))
    seen: list[tuple[int, int, int]] = []

    def watch(results, total):
        for result in results:
            seen.append(gc.get_threshold())
            yield result

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        parallel.lint_files(linter, files, jobs=jobs, progress=watch)
        assert set(seen) == {(parallel.YOUNG_THRESHOLD, 10, 10)}
        assert gc.get_threshold() == (700, 10, 10)

        gc.set_threshold(50_000, 5, 5)  # a caller's higher threshold is left alone
        seen.clear()
        parallel.lint_files(linter, files, jobs=jobs, progress=watch)
        assert set(seen) == {(50_000, 5, 5)}

        def broken(results, total):
            yield next(iter(results))
            raise RuntimeError("the progress bar broke")

        gc.set_threshold(700, 10, 10)
        with pytest.raises(RuntimeError):
            parallel.lint_files(linter, files, jobs=jobs, progress=broken)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_set_up_for_many_files_runs_before_the_pool_forks(corpus):
    """What a one-file run keeps cheap (the spelling word list asked without its set) is
    loaded in the main process before forking, so the workers share it; a preparation that
    fails changes nothing but the speed. (In a fresh interpreter: a test run may have
    threads alive, and then no pool forks.)"""
    script = textwrap.dedent("""
        import sys
        from pathlib import Path
        from newslint import parallel
        from newslint.backends import dictionary
        from newslint.config import Config
        from newslint.engine import Linter

        if parallel._start_method().get_start_method() != "fork":
            print("no fork"); sys.exit(0)
        dictionary._QUESTIONS_BEFORE_SET_SORTED = 10**9  # (never switch on its own here)
        calls = []
        parallel.before_fork(lambda: calls.append("ready"))
        parallel.before_fork(lambda: 1 / 0)
        lookup = dictionary.known_word_lookup()
        parallel.before_fork(lookup.load_set)  # (asked twice: run once)
        linter = Linter(Config())
        files = sorted(str(p) for p in Path(sys.argv[1]).rglob("*.txt"))
        one = parallel.lint_files(linter, files, jobs=1)
        assert calls == [] and lookup._set is None, "nothing is prepared without a pool"
        pooled = parallel.lint_files(linter, files, jobs=2)
        assert calls == ["ready"], calls
        assert lookup._set is dictionary.known_words()
        assert [r.diagnostics for r in pooled] == [r.diagnostics for r in one]
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script, str(corpus)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "NEWSLINT_NO_CACHE": "1"})
    assert done.returncode == 0, done.stderr
    if done.stdout.strip() == "no fork":
        pytest.skip("processes are not forked on this platform")
    assert done.stdout.strip() == "ok"
