"""Linting an archive on a Dask cluster: the same map-reduce as a local run, spread out.

Needs the optional extra: ``pip install 'newslint[dask]'`` on the client and on every worker
(the same newslint version and plugins everywhere; the run checks this).

From the command line::

    newslint --scheduler tcp://scheduler-host:8786 --format json /shared/archive > report.json
    newslint --scheduler local /shared/archive          # a LocalCluster on this machine

From Python::

    from dask.distributed import Client
    from newslint.config import Config
    from newslint.distributed import lint_on_cluster

    with Client("tcp://scheduler-host:8786") as client:
        report = lint_on_cluster(["/shared/archive"], config=Config(), client=client)
    for diagnostic in report.diagnostics:
        ...

How it runs: files are discovered on the client and cut into batches. Each batch is one task:
the worker reads its files itself (so the paths must name the same files on every machine:
shared or replicated storage), lints them with a `Linter` it builds once per process and
configuration, and keeps the corpus facts. Every batch's facts (with the compact positional
data needed to place findings) then go to one reduce task on the cluster, which runs the
corpus pass exactly as `Linter.finish` does locally. The client receives the per-file
diagnostics and the corpus diagnostics, never the facts, and sorts them as a local run does,
so the output is identical to ``newslint --jobs 1``.
"""

from __future__ import annotations

import operator
import os
import threading
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Sequence

from .errors import NewslintError

if TYPE_CHECKING:  # pragma: no cover
    from .cache import Cache, CacheSpec
    from .config import Config
    from .engine import FileResult, Linter, Report

__all__ = ["lint_on_cluster", "lint_batch", "reduce_batches", "worker_linter"]

#: Files per task at most; fewer when that leaves workers idle.
MAX_BATCH = 256
#: How long to keep trying to reach a scheduler before giving up.
CONNECT_TIMEOUT = "20s"


def _import_distributed():
    try:
        import distributed
    except ImportError:
        raise NewslintError("running on a Dask cluster needs the dask extra: "
                            "pip install 'newslint[dask]'") from None
    return distributed


def lint_on_cluster(paths: Sequence[str], *, config: Config | None = None,
                    linter: Linter | None = None, client: Any = None,
                    scheduler: str | None = None, cache: Cache | None = None,
                    batch_size: int | None = None) -> Report:
    """Lint every file under `paths` on a Dask cluster and return the same Report as a local run.

    :param paths: files and folders, as on the command line; they must be readable at the same
        paths on every worker.
    :param config: the run's configuration (default: `Config()`); or pass a `linter` built from
        it, whose config is used.
    :param client: a connected ``distributed.Client``; or `scheduler`, an address such as
        ``tcp://10.0.0.5:8786`` (``"local"`` starts a LocalCluster on this machine).
    :param cache: a `newslint.cache.Cache` whose folder every worker can use (shared storage,
        or a per-machine default when the cache's directory is the default one).
    :param batch_size: files per task (default: at most 256, about eight tasks per thread).
    """
    from .discover import discover
    from .engine import Linter, Report
    from .model import Diagnostic

    if linter is None:
        from .config import Config

        linter = Linter(config or Config())
    config = linter.config
    files, missing = discover(paths, config.extensions, config.exclude)
    if "-" in files:
        raise NewslintError("a Dask cluster cannot read this process's standard input ('-'); "
                            "lint it without --scheduler")
    if client is not None:
        file_results, tail = _run_on(client, linter, files, missing, cache, batch_size)
    else:
        client, cluster = _connect(scheduler or "local")
        try:
            file_results, tail = _run_on(client, linter, files, missing, cache, batch_size)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    diagnostics = [d for r in file_results for d in r.diagnostics]
    diagnostics.extend(tail)
    diagnostics.sort(key=Diagnostic.sort_key)
    all_files = [*file_results, *[_missing_result(m) for m in missing]]
    return Report(diagnostics, all_files, linter.registry, linter.selection.selected, config)


def _connect(scheduler: str) -> tuple[Any, Any]:
    """A client for `scheduler`, and the LocalCluster it started for ``"local"`` (or None)."""
    distributed = _import_distributed()
    if scheduler == "local":
        from .parallel import default_jobs

        cluster = distributed.LocalCluster(n_workers=default_jobs(), threads_per_worker=1,
                                           processes=True, dashboard_address=None)
        return distributed.Client(cluster), cluster
    try:
        return distributed.Client(scheduler, timeout=CONNECT_TIMEOUT), None
    except OSError as exc:
        raise NewslintError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None


def _run_on(client: Any, linter: Linter, files: list[str], missing: list, cache: Cache | None,
            batch_size: int | None) -> tuple[list[FileResult], list]:
    """Map batches over the cluster, reduce the facts there; gather diagnostics only."""
    config = linter.config
    spec = cache.spec() if cache is not None else None
    threads = max(1, sum(client.nthreads().values()))
    size = batch_size or max(1, min(MAX_BATCH, -(-len(files) // (threads * 8))))
    # (name as reported, absolute path to read): workers do not share this process's folder
    pairs = [(f, os.path.abspath(f)) for f in files]
    batches = [pairs[i:i + size] for i in range(0, len(pairs), size)]
    expected = rule_set_signature(linter)
    mapped = client.map(lint_batch, batches, config=config, cache_spec=spec, pure=False)
    light = [client.submit(operator.getitem, f, 0, pure=False) for f in mapped]
    signatures = [client.submit(operator.getitem, f, 2, pure=False) for f in mapped]
    corpus_parts = [client.submit(operator.getitem, f, 1, pure=False) for f in mapped]
    reduced = client.submit(reduce_batches, config, list(missing), *corpus_parts, pure=False)
    for signature in set(client.gather(signatures)):
        if signature != expected:
            raise NewslintError("the Dask workers run a different newslint or different "
                                f"plugins than this client ({_difference(signature, expected)})")
    results = [r for batch in client.gather(light) for r in batch]
    tail = reduced.result()
    del mapped, light, corpus_parts, signatures, reduced
    return results, tail


def _missing_result(item: Any) -> FileResult:
    from .engine import FileResult

    return FileResult(path=item.path, status="error", message=item.reason)


def rule_set_signature(linter: Linter) -> str:
    """The newslint version and every selected rule, to detect mismatched workers."""
    from . import __version__

    return __version__ + ":" + ",".join(r.code for r in linter.selection.selected)


def _difference(worker: str, client: str) -> str:
    (w_version, _, w_rules), (c_version, _, c_rules) = worker.partition(":"), client.partition(":")
    if w_version != c_version:
        return f"newslint {w_version} on the workers, {c_version} here"
    extra = sorted(set(w_rules.split(",")) - set(c_rules.split(",")))
    lacking = sorted(set(c_rules.split(",")) - set(w_rules.split(",")))
    parts = [f"only the workers have {', '.join(extra)}" if extra else "",
             f"the workers lack {', '.join(lacking)}" if lacking else ""]
    return "; ".join(p for p in parts if p) or "different rule sets"


# -- what runs on the workers -------------------------------------------------------------------
_LINTERS: dict[bytes, Linter] = {}
_LINTERS_LOCK = threading.Lock()


def worker_linter(config: Config) -> Linter:
    """This process's Linter for `config`, built once and reused by every later task."""
    import pickle

    key = pickle.dumps(config)
    with _LINTERS_LOCK:
        linter = _LINTERS.get(key)
        if linter is None:
            from .engine import Linter

            linter = _LINTERS[key] = Linter(config)
        return linter


def lint_batch(paths: list[tuple[str, str]], config: Config,
               cache_spec: CacheSpec | None = None) -> tuple[list, list, str]:
    """The map task: lint a batch of files read on this worker.

    `paths` holds (name to report, absolute path to read) pairs.

    Returns the results without facts (for the client), the facts with the positional data
    the corpus pass needs but without diagnostics (for the reduce task), and the worker's
    rule-set signature.
    """
    from .cache import lint_cached_batch

    linter = worker_linter(config)
    cache = cache_spec.open() if cache_spec is not None else None
    results = lint_cached_batch(linter, [name for name, _ in paths], cache,
                                [source for _, source in paths])
    if linter.corpus_rules:
        corpus = [replace(r, diagnostics=[]) for r in results if r.facts]
    else:
        corpus = []
    light = [replace(r, facts={}) for r in results]
    return light, corpus, rule_set_signature(linter)


def reduce_batches(config: Config, missing: list, *corpus_parts: list) -> list:
    """The reduce task: the corpus pass over every batch's facts, plus the NL001 reports of
    paths that were not found (the diagnostics `Linter.finish` adds besides the files')."""
    linter = worker_linter(config)
    results = [r for part in corpus_parts for r in part]
    return linter.finish(results, missing)
