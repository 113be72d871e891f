"""Running the map step over many files: in this process, or in a pool of processes.

`run` is what the command line calls. Files are linted independently (`Linter.lint_file`,
through the cache when one is given); the corpus pass (`Linter.finish`) then runs once, in
this process, over every file's facts. The pool keeps the order of the files, and the engine
sorts the diagnostics, so the output is the same whatever the number of jobs.

Each worker process holds its own `Linter`: the pluggy plugin manager cannot be pickled, so a
worker either inherits the parent's (where processes are forked) or builds one from the
picklable `Config` in its initializer (where they are spawned; plugins then come from entry
points, as in the parent). Files are sent in chunks, so the cost of talking to a worker is
paid per chunk, not per file. Runs with few files per worker stay in this process: starting
a pool costs more than it saves there.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence

from .cache import BATCH, Cache, CacheSpec, lint_cached, lint_cached_batch
from .discover import discover

if TYPE_CHECKING:  # pragma: no cover
    import multiprocessing.context

    from .config import Config
    from .engine import FileResult, Linter, Report

__all__ = ["run", "lint_files", "default_jobs", "MIN_FILES_PER_WORKER"]

#: Below this many files per process, a pool's start-up costs more than it saves.
MIN_FILES_PER_WORKER = 32
#: Files sent to a worker at a time (fewer when that would leave workers idle).
MAX_CHUNK = 64
#: Every this many results, the ones kept so far leave the garbage collector's view.
SETTLE_EVERY = 256
#: The garbage collector's young-generation threshold while linting. At Python's default
#: (700 more containers alive than at the last collection) an article's own short-lived
#: lists and tuples set off a collection every few articles, ~50 µs per article in all,
#: though reference counting frees nearly all of them when the article is done; at this
#: threshold almost none run, and the rare cycles wait a little longer. The caller's
#: threshold is restored when linting ends.
YOUNG_THRESHOLD = 10_000


#: Set-up that pays only over many files, registered by whatever made a cheaper choice for
#: one file (e.g. the spelling word list asked without its set); run in the main process
#: before workers are forked, so that the workers share what it loads instead of each
#: building its own copy.
_BEFORE_FORK: list[Callable[[], None]] = []


def before_fork(prepare: Callable[[], None]) -> None:
    """Ask for `prepare()` to run before this process forks a pool of workers."""
    if prepare not in _BEFORE_FORK:
        _BEFORE_FORK.append(prepare)


def prepare_for_many_files() -> None:
    """Run what `before_fork` asked for: a pool does before forking, and so does a
    benchmark that times rules over many files in one process."""
    for prepare in _BEFORE_FORK:
        try:
            prepare()
        except Exception:  # noqa: BLE001 - only an optimisation: workers set up alone
            pass


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


#: Wraps the stream of per-file results, e.g. to draw a progress bar: (results, total) -> results
Progress = Callable[[Iterable["FileResult"], int], Iterable["FileResult"]]


def run(linter: Linter, paths: Sequence[str], *, jobs: int | None = None,
        cache: Cache | None = None, stdin_filename: str | None = None,
        progress: Progress | None = None) -> Report:
    """Discover the files under `paths`, lint them on `jobs` processes, and reduce."""
    config = linter.config
    files, missing = discover(paths, config.extensions, config.exclude)
    results = lint_files(linter, files, jobs=jobs, cache=cache, stdin_filename=stdin_filename,
                         progress=progress)
    # The results live to the end of the run: keep full collections off them while the
    # corpus pass and the sort allocate (on 10,000 files that was half the pass's time).
    gc.freeze()
    try:
        return linter.report(results, missing)
    finally:
        gc.unfreeze()


def lint_files(linter: Linter, files: Sequence[str], *, jobs: int | None = None,
               cache: Cache | None = None, stdin_filename: str | None = None,
               progress: Progress | None = None) -> list[FileResult]:
    """The map step over `files`, in their order; ``"-"`` is read from stdin in this process."""
    on_disk = [f for f in files if f != "-"]
    typed = sys.stdin.buffer.read() if len(on_disk) < len(files) else b""
    workers = plan_workers(len(on_disk), jobs)
    if workers <= 1:
        stream: Iterable[FileResult] = _lint_here(linter, on_disk, cache)
    else:
        stream = _lint_in_pool(linter, on_disk, workers, cache)
    if progress is not None:
        stream = progress(stream, len(on_disk))
    linted: list[FileResult] = []
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], YOUNG_THRESHOLD), *threshold[1:])
    try:
        for result in stream:
            linted.append(result)
            if len(linted) % SETTLE_EVERY == 0:
                gc.freeze()  # results are kept to the end: out of full collections with them
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
    results: list[FileResult] = []
    by_order = iter(linted)
    for path in files:
        if path == "-":
            results.append(linter.lint_file(stdin_filename or "<stdin>", typed))
        else:
            results.append(next(by_order))
    return results


def _lint_here(linter: Linter, files: list[str], cache: Cache | None) -> Iterator[FileResult]:
    if not files:
        return
    yield lint_cached(linter, files[0], cache)  # the rules set themselves up on it
    _settle()
    for start in range(1, len(files), BATCH):
        yield from lint_cached_batch(linter, files[start:start + BATCH], cache)


def _settle() -> None:
    """Once the rules are set up (after the first file), move every object alive to the
    garbage collector's permanent generation. The word lists and tables the rules loaded are
    then no longer traversed by each full collection (measured: 260 -> 90 µs of collection
    per article), and forked workers do not copy the pages a collection would touch.
    `lint_files` unfreezes at the end, so a program that calls it keeps its own collection."""
    gc.freeze()


def plan_workers(n_files: int, jobs: int | None) -> int:
    """How many processes to use for `n_files` when asked for `jobs` (None: every core)."""
    wanted = default_jobs() if not jobs or jobs < 1 else jobs
    return max(1, min(wanted, n_files // MIN_FILES_PER_WORKER))


def chunk_size(n_files: int, workers: int) -> int:
    """Big enough to amortise the round trip, small enough to keep every worker busy."""
    return max(1, min(MAX_CHUNK, n_files // (workers * 8) or 1))


# -- the pool ------------------------------------------------------------------------------------
_INHERITED: Linter | None = None  # set in the parent just before forking workers
_WORKER_LINTER: Linter | None = None
_WORKER_CACHE: Cache | None = None


def _lint_in_pool(linter: Linter, files: list[str], workers: int,
                  cache: Cache | None) -> Iterator[FileResult]:
    """Yield each file's result, in order, as the pool's chunks come back."""
    global _INHERITED
    from concurrent.futures import ProcessPoolExecutor  # only runs that use a pool pay for it

    context = _start_method()
    spec = cache.spec() if cache is not None else None
    forking = context.get_start_method() == "fork"
    if forking and files:
        # Lint the first file here: rules set themselves up lazily (word lists, compiled
        # tables, imports) on first use, and forked workers then inherit that work instead of
        # each repeating it.
        yield lint_cached(linter, files[0], cache)
        files = files[1:]
        prepare_for_many_files()
        _settle()
    _INHERITED = linter if forking else None
    hits = misses = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_init_worker,
                                 initargs=(linter.config, spec)) as pool:
            chunks = _chunks(files, chunk_size(len(files), workers), workers)
            try:
                for part, (chunk_hits, chunk_misses) in pool.map(_lint_chunk, chunks):
                    hits += chunk_hits
                    misses += chunk_misses
                    yield from part
            except BaseException:  # Ctrl-C, a broken worker, or the caller stopped reading
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        _INHERITED = None
        if cache is not None:
            cache.hits += hits
            cache.misses += misses


def _chunks(items: list[str], size: int, workers: int = 1) -> list[list[str]]:
    """Chunks of `size`, except over the last `workers * size` items, which go in chunks
    an eighth as big: the workers then finish within a small chunk of each other, instead
    of one of them idling while another lints a whole chunk at the end."""
    tail = min(len(items), workers * size) if workers > 1 else 0
    head = len(items) - tail
    small = max(1, size // 8)
    return ([items[i:min(i + size, head)] for i in range(0, head, size)]
            + [items[i:i + small] for i in range(head, len(items), small)])


def _start_method() -> multiprocessing.context.BaseContext:
    """fork where it is safe (POSIX, no other threads in this process): workers start in
    milliseconds and share the parent's loaded rules; spawn elsewhere."""
    import multiprocessing
    import threading

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.platform != "darwin" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _init_worker(config: Config, spec: CacheSpec | None) -> None:
    """Give this worker process its Linter (inherited when forked, else built) and cache."""
    global _WORKER_LINTER, _WORKER_CACHE
    threshold = gc.get_threshold()  # (a forked worker has it already: see lint_files)
    gc.set_threshold(max(threshold[0], YOUNG_THRESHOLD), *threshold[1:])
    if _INHERITED is not None:
        _WORKER_LINTER = _INHERITED
    else:
        from .engine import Linter

        _WORKER_LINTER = Linter(config)
    _WORKER_CACHE = spec.open() if spec is not None else None


def _lint_chunk(paths: list[str]) -> tuple[list[FileResult], tuple[int, int]]:
    assert _WORKER_LINTER is not None, "worker not initialised"
    cache = _WORKER_CACHE
    before = (cache.hits, cache.misses) if cache else (0, 0)
    if _INHERITED is None and not gc.get_freeze_count() and paths:
        # a spawned worker set its rules up on its first file: settle after it
        results = [lint_cached(_WORKER_LINTER, paths[0], cache)]
        _settle()
        results.extend(lint_cached_batch(_WORKER_LINTER, paths[1:], cache))
    else:
        results = lint_cached_batch(_WORKER_LINTER, paths, cache)
    after = (cache.hits, cache.misses) if cache else (0, 0)
    return results, (after[0] - before[0], after[1] - before[1])
