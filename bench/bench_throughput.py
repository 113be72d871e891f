"""Throughput benchmark: articles per second, MB per second, peak memory, per-rule cost, peers.

    python bench/bench_throughput.py                      # 1k and 10k articles, --jobs 2
    python bench/bench_throughput.py --articles 2000 --jobs 1 2 --per-rule 500
    python bench/bench_throughput.py --no-peers --json results.json

For each corpus size it generates (once, then reuses) a deterministic corpus with
`generate.py`, runs the installed ``newslint`` on it with every default rule (no config file,
no cache, JSON output read back for its summary) and reports wall time, CPU time of the whole
process tree, articles/s, MB/s and peak memory of the tree. It then times every rule on its
own, in this process, over the first ``--per-rule`` articles (documents parsed once beforehand;
the time to read and parse them, the engine's own overhead and each rule's one-time set-up are
listed separately), runs newslint twice with a cache on the smallest corpus (filling it, then
warm), and, where they are installed, runs peers on the same articles and prints the ratio:
proselint (``pip install proselint``; its CLI, on the ``--peer-sample`` first articles) and
Harper (``harper-py``, in-process, on a smaller sample).

This is a script, not a test: figures depend on the machine and on what else it is doing, so
CPU seconds are printed beside wall seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _util import (compile_bytecode, corpus, corpus_bytes, corpus_files, machine_speed,
                   run_timed, venv_bin)

TARGET_ARTICLES_PER_SECOND = 1000


def newslint_cmd() -> list[str]:
    script = venv_bin("newslint")
    return [script] if script else [sys.executable, "-m", "newslint"]


def bench_newslint(folder: Path, jobs: int, extra: list[str], cache_dir: Path | None = None):
    env = {**os.environ, "NEWSLINT_NO_PROGRESS": "1"}
    env.pop("NEWSLINT_NO_CACHE", None)
    cache = ["--cache-dir", str(cache_dir)] if cache_dir else ["--no-cache"]
    cmd = [*newslint_cmd(), "--no-config", "--format", "json", "--exit-zero", "--jobs",
           str(jobs), *cache, *extra, str(folder)]
    timed = run_timed(cmd, env=env)
    if timed.returncode != 0:
        sys.exit(f"newslint failed ({timed.returncode}): {timed.stderr.decode()[-2000:]}")
    report = json.loads(timed.stdout)
    return timed, report["summary"]


def per_rule_costs(files: list[Path], select: list[str] | None = None) -> dict:
    """Time each selected rule alone over `files`, in this process."""
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.parallel import prepare_for_many_files

    linter = Linter(Config(select=select) if select else Config())
    t0 = time.perf_counter()
    raws = [(str(p), p.read_bytes()) for p in files]
    t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = [linter.read(path, raw) for path, raw in raws]
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        doc.lowered, doc.lines, doc.paragraphs, doc.sentences  # noqa: B018 - warm the caches
    t_structure = time.perf_counter() - t0
    costs: list[tuple[float, str, str, int]] = []
    setup: list[tuple[float, str, str]] = []
    for rule in linter.document_rules:
        options = linter.options[rule.name]
        t0 = time.perf_counter()  # first call: lazy set-up (word lists, backends) is paid here
        try:
            for _ in rule.check(docs[0], options):
                pass
        except Exception:  # noqa: BLE001
            pass
        prepare_for_many_files()  # (what a pool does before forking: e.g. the whole word set)
        setup.append((time.perf_counter() - t0, rule.code, rule.name))
        found = 0
        t0 = time.perf_counter()
        for doc in docs:
            try:
                for _ in rule.check(doc, options):
                    found += 1
            except Exception:  # noqa: BLE001 - a crashing rule is the engine's business
                pass
        costs.append((time.perf_counter() - t0, rule.code, rule.name, found))
    facts: dict[str, dict] = {}
    for rule in linter.corpus_rules:
        options = linter.options[rule.name]
        t0 = time.perf_counter()
        for doc in docs:
            try:
                facts.setdefault(rule.code, {})[doc.path] = rule.collect(doc, options)
            except Exception:  # noqa: BLE001
                pass
        t_collect = time.perf_counter() - t0
        t0 = time.perf_counter()
        try:
            found = sum(1 for _ in rule.reduce(facts.get(rule.code, {}), options))
        except Exception:  # noqa: BLE001
            found = -1
        t_reduce = time.perf_counter() - t0
        costs.append((t_collect, rule.code, f"{rule.name} (collect)", 0))
        costs.append((t_reduce, rule.code, f"{rule.name} (reduce, whole corpus)", found))
    t0 = time.perf_counter()
    results = [linter.check_document(doc) for doc in docs]
    linter.finish(results)
    t_engine = time.perf_counter() - t0
    rules_total = sum(c[0] for c in costs)
    return {
        "articles": len(files), "read": t_read, "parse": t_parse, "structure": t_structure,
        "rules_total": rules_total, "engine_total": t_engine,
        "engine_overhead": max(0.0, t_engine - rules_total),
        "rules": sorted(costs, reverse=True),
        "setup": sorted(setup, reverse=True),
    }


def bench_proselint(folder: Path, sample: int) -> dict | None:
    script = venv_bin("proselint")
    if not script:
        return None
    files = corpus_files(folder)[:sample]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "articles"
        work.mkdir()
        for path in files:  # proselint lints .md and .txt alike
            shutil.copy(path, work / path.name)
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
               "HOME": str(Path(tmp) / "home")}
        timed = run_timed([script, "check", "-o", "compact", str(work)], env=env,
                          stdout_to_devnull=True)
    return {"articles": len(files), "wall": timed.wall, "cpu": timed.cpu,
            "peak_rss": timed.peak_rss, "returncode": timed.returncode}


def bench_harper(folder: Path, sample: int) -> dict | None:
    try:
        import harper
    except ImportError:
        return None
    files = corpus_files(folder)[:sample]
    texts = [p.read_text(encoding="utf-8") for p in files]
    t0 = time.perf_counter()
    linter = harper.Linter()
    t_build = time.perf_counter() - t0
    c0 = time.process_time()
    t0 = time.perf_counter()
    lints = sum(len(linter.lint(text)) for text in texts)
    return {"articles": len(files), "wall": time.perf_counter() - t0,
            "cpu": time.process_time() - c0, "build": t_build, "lints": lints}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    p.add_argument("--jobs", type=int, nargs="+", default=[2])
    p.add_argument("--words", type=int, default=600)
    p.add_argument("--seed", type=int, default=8)
    p.add_argument("--per-rule", type=int, default=1000, metavar="N",
                   help="time each rule over the first N articles (0: skip)")
    p.add_argument("--no-peers", action="store_true", help="skip proselint and Harper")
    p.add_argument("--peer-sample", type=int, default=1000, metavar="N",
                   help="articles given to proselint (default 1000)")
    p.add_argument("--harper-sample", type=int, default=100, metavar="N")
    p.add_argument("--no-warm-cache", action="store_true", help="skip the warm-cache run")
    p.add_argument("--newslint-args", default="", help="extra arguments, e.g. '--select NL3'")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    args = p.parse_args(argv)
    extra = args.newslint_args.split()
    out: dict = {"runs": [], "cores": os.cpu_count()}
    compile_bytecode()
    speed = machine_speed()
    out["machine_speed"] = speed
    print(f"newslint throughput benchmark ({os.cpu_count()} cores visible; load average "
          f"{os.getloadavg()[0]:.1f}; yardstick loop {speed * 1e3:.0f} ms, lower is faster)\n")
    print(f"{'articles':>9} {'MB':>6} {'jobs':>4} {'wall s':>7} {'cpu s':>7} {'art/s':>7} "
          f"{'MB/s':>6} {'peak MB':>8} {'diags':>7}")
    best_at_largest = 0.0
    for n in args.articles:
        folder = corpus(n, args.words, args.seed)
        size = corpus_bytes(folder)
        for jobs in args.jobs:
            timed, summary = bench_newslint(folder, jobs, extra)
            rate = n / timed.wall
            if n == max(args.articles):
                best_at_largest = max(best_at_largest, rate)
            print(f"{n:>9} {size / 1e6:>6.1f} {jobs:>4} {timed.wall:>7.2f} {timed.cpu:>7.2f} "
                  f"{rate:>7.0f} {size / 1e6 / timed.wall:>6.2f} {timed.peak_rss / 1e6:>8.0f} "
                  f"{summary['diagnostics']:>7}")
            out["runs"].append({"articles": n, "bytes": size, "jobs": jobs, "wall": timed.wall,
                                "cpu": timed.cpu, "articles_per_s": rate,
                                "peak_rss": timed.peak_rss, "summary": summary})
    if not args.no_warm_cache:
        n = min(args.articles)
        with tempfile.TemporaryDirectory() as cache_dir:
            jobs = max(args.jobs)
            cold, _ = bench_newslint(corpus(n, args.words, args.seed), jobs, extra,
                                     Path(cache_dir))
            warm, _ = bench_newslint(corpus(n, args.words, args.seed), jobs, extra,
                                     Path(cache_dir))
            fingerprints = [d for d in Path(cache_dir).iterdir() if d.is_dir()]
        if len(fingerprints) > 1:
            print("\n(the warm run was a cold one: newslint's files or plugins changed between "
                  "the two runs, so the cache fingerprint changed)")
        print(f"\ncache: {n} articles, --jobs {jobs}: filling {cold.wall:.2f} s, "
              f"warm {warm.wall:.2f} s ({n / warm.wall:.0f} articles/s)")
        out["cache"] = {"articles": n, "cold": cold.wall, "warm": warm.wall}
    target = max(args.articles)
    verdict = "meets" if best_at_largest >= TARGET_ARTICLES_PER_SECOND else "MISSES"
    print(f"\ntarget: >= {TARGET_ARTICLES_PER_SECOND} articles/s at {target} articles: "
          f"{best_at_largest:.0f} articles/s ({verdict})")

    if args.per_rule:
        files = corpus_files(corpus(min(args.articles), args.words, args.seed))[:args.per_rule]
        select = None
        if "--select" in extra:
            select = extra[extra.index("--select") + 1].split(",")
        costs = per_rule_costs(files, select)
        n = costs["articles"]
        total = costs["read"] + costs["parse"] + costs["structure"] + costs["engine_total"]
        print(f"\nper-rule cost, one process, {n} articles (µs per article; share of "
              f"{total:.2f} s):")

        def line(label: str, seconds: float, extra_text: str = "") -> None:
            print(f"  {seconds / n * 1e6:>9.0f} µs {seconds / total * 100:>5.1f}%  {label}"
                  f"{extra_text}")

        line("read files", costs["read"])
        line("decode + Document (+ Markdown masks)", costs["parse"])
        line("lines/paragraphs/sentences", costs["structure"])
        line("engine overhead (hooks, positions, filtering)", costs["engine_overhead"])
        for seconds, code, name, found in costs["rules"]:
            line(f"{code} {name}", seconds, f"  [{found} findings]" if found else "")
        print(f"  single-process ceiling: {n / total:.0f} articles/s")
        slow_setup = [(sec, code, name) for sec, code, name in costs["setup"] if sec > 0.005]
        if slow_setup:
            print("  first call (one-time set-up, paid by every process, so by start-up too):")
            for seconds, code, name in slow_setup:
                print(f"  {seconds * 1000:>9.1f} ms         {code} {name}")
        out["per_rule"] = {**costs, "rules": [
            {"code": c, "name": nm, "seconds": s, "findings": f}
            for s, c, nm, f in costs["rules"]]}

    if not args.no_peers:
        ours = min((r for r in out["runs"] if r["articles"] == min(args.articles)),
                   key=lambda r: r["wall"])
        ours_rate = ours["articles"] / ours["wall"]
        ours_cpu = ours["cpu"] / ours["articles"]
        print()
        pl = bench_proselint(corpus(min(args.articles), args.words, args.seed), args.peer_sample)
        if pl is None:
            print("proselint: not installed (pip install proselint to compare)")
        else:
            rate = pl["articles"] / pl["wall"]
            print(f"proselint: {pl['articles']} articles in {pl['wall']:.2f} s wall, "
                  f"{pl['cpu']:.2f} s CPU ({rate:.1f} articles/s); newslint is "
                  f"{ours_rate / rate:.1f}x faster by wall time, "
                  f"{(pl['cpu'] / pl['articles']) / ours_cpu:.1f}x by CPU per article")
            out["proselint"] = pl
        hp = bench_harper(corpus(min(args.articles), args.words, args.seed), args.harper_sample)
        if hp is None:
            print("harper: harper-py not installed")
        else:
            rate = hp["articles"] / hp["wall"]
            print(f"harper (harper-py, one thread): {hp['articles']} articles in "
                  f"{hp['wall']:.2f} s ({rate:.1f} articles/s, dictionary build "
                  f"{hp['build']:.2f} s); newslint is {ours_rate / rate:.1f}x faster by wall "
                  f"time, {(hp['cpu'] / hp['articles']) / ours_cpu:.1f}x by CPU per article")
            out["harper"] = hp
    if args.json:
        args.json.write_text(json.dumps(out, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
