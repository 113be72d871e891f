"""Start-up benchmark: wall time of ``newslint one-file.txt``, and where it goes.

    python bench/bench_startup.py [--runs 15] [--top 15]

Prints the median and fastest of `--runs` runs of the installed console script on one
600-word article, no config, in three situations, against the target (0.25 s):

- "no cache": ``--no-cache``, as on a first run ever (nothing kept between runs);
- "changed file": the everyday case of a pre-commit hook or an editor save: newslint has run
  before (its start-up store of compiled patterns is warm), but the article changed since, so
  it is linted again (each run gets a new version of the text);
- "unchanged file": the result comes from the cache.

Then the phases of one run timed in-process (imports, plugin manager and entry points, rule
registry, the lint itself, output), and the modules that dominate ``python -X importtime``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from _util import compile_bytecode, generate, machine_speed, median, run_timed, venv_bin

TARGET_SECONDS = 0.25

PHASES = r'''
import sys, time
marks = [("start", time.perf_counter(), time.process_time())]
def mark(label):
    marks.append((label, time.perf_counter(), time.process_time()))
import newslint.cli
if len(sys.argv) > 2:
    from pathlib import Path
    from newslint import warmstart
    warmstart.enable(Path(sys.argv[2]))
from newslint.config import Config
from newslint.engine import Linter
mark("import newslint (cli, config, engine)")
from newslint.plugins import Registry, get_plugin_manager
pm = get_plugin_manager()
mark("plugin manager + entry points")
registry = Registry.build(pm, Config())
mark("rule registry (rule modules, packs)")
linter = Linter(Config(), plugin_manager=pm)
mark("Linter (registry again, selection, options)")
result = linter.lint_file(sys.argv[1])
report = linter.report([result])
mark("lint one file (first time: lazy set-up)")
result = linter.lint_file(sys.argv[1])
mark("lint it again (warm)")
import io
linter.registry.formatters["text"](report, io.StringIO())
mark("text output")
for (_, w0, c0), (label, w1, c1) in zip(marks, marks[1:]):
    print(f"{(w1 - w0) * 1000:.1f}\t{(c1 - c0) * 1000:.1f}\t{label}")
'''


def newslint_cmd() -> list[str]:
    script = venv_bin("newslint")
    return [script] if script else [sys.executable, "-m", "newslint"]


def importtime(article: Path, top: int):
    """(self µs, cumulative µs, module) of the slowest imports of one CLI run: the top-level
    ones by cumulative time, and the heaviest single modules by their own time."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "newslint", "--no-config",
                           "--no-cache", str(article)], capture_output=True, text=True,
                          env={**os.environ, "NEWSLINT_NO_CACHE": "1"})
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            rows.append((int(match.group(1)), int(match.group(2)), len(match.group(3)),
                         match.group(4)))
    # top-level packages (least indented) by cumulative time, then the heaviest single modules
    outer = min(r[2] for r in rows) if rows else 0
    tops = sorted((r for r in rows if r[2] == outer), key=lambda r: -r[1])[:top]
    heaviest = sorted(rows, key=lambda r: -r[0])[:top]
    return [(r[0], r[1], r[3]) for r in tops], [(r[0], r[1], r[3]) for r in heaviest]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--top", type=int, default=15)
    args = p.parse_args(argv)
    compile_bytecode()
    with tempfile.TemporaryDirectory() as tmp:
        name, text = generate.article(0, 600)
        article = Path(tmp) / "one-file.txt"
        article.write_text(text, encoding="utf-8")
        env = {**os.environ}
        env.pop("NEWSLINT_NO_CACHE", None)
        cold, changed, warm = [], [], []
        for _ in range(args.runs):
            cold.append(run_timed([*newslint_cmd(), "--no-config", "--no-cache", str(article)],
                                  env=env))
        cache_dir = Path(tmp) / "cache"
        cache = ["--cache-dir", str(cache_dir)]
        run_timed([*newslint_cmd(), "--no-config", *cache, str(article)], env=env)
        for run in range(args.runs):
            edited = Path(tmp) / "edited.txt"
            edited.write_text(text.replace(".", f" (update {run}).", 1), encoding="utf-8")
            changed.append(run_timed([*newslint_cmd(), "--no-config", *cache, str(edited)],
                                     env=env))
        for _ in range(args.runs):
            warm.append(run_timed([*newslint_cmd(), "--no-config", *cache, str(article)],
                                  env=env))
        baseline = [run_timed([sys.executable, "-c", "pass"]) for _ in range(5)]
        print(f"newslint one-file.txt ({args.runs} runs, load average "
              f"{os.getloadavg()[0]:.1f}; yardstick loop {machine_speed() * 1e3:.0f} ms, "
              "lower is faster):")
        for label, runs in (("no cache", cold), ("changed file", changed),
                            ("unchanged file", warm), ("python -c pass", baseline)):
            walls, cpus = [r.wall for r in runs], [r.cpu for r in runs]
            verdict = "meets" if median(walls) < TARGET_SECONDS else "MISSES"
            print(f"  {label:14s} median {median(walls):.3f} s wall (fastest {min(walls):.3f}), "
                  f"{median(cpus):.3f} s CPU"
                  + (f"  (target < {TARGET_SECONDS} s: {verdict})" if runs is not baseline
                     else ""))
        phases = subprocess.run([sys.executable, "-c", PHASES, str(article), str(cache_dir)],
                                capture_output=True, text=True, env=env)
        print("\nphases of one run with the start-up store warm, in-process (ms wall / ms CPU):")
        for row in phases.stdout.splitlines():
            wall_ms, cpu_ms, label = row.split("\t")
            print(f"  {float(wall_ms):8.1f} {float(cpu_ms):8.1f}  {label}")
        if phases.returncode:
            print(phases.stderr[-2000:])
        tops, heaviest = importtime(article, args.top)
        print("\nimports by package (python -X importtime, cumulative ms):")
        for self_us, cumulative_us, module in tops:
            print(f"  {cumulative_us / 1000:8.1f}  {module}")
        print("\nheaviest single modules (self ms):")
        for self_us, cumulative_us, module in heaviest:
            print(f"  {self_us / 1000:8.1f}  {module}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
