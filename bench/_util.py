"""Shared helpers for the benchmark scripts: corpora on disk, timed runs, peak memory."""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py, next to this file)


def venv_bin(name: str) -> str | None:
    """A console script next to this interpreter (the venv's), else one on PATH."""
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    return shutil.which(name)


def corpus(n: int, words: int = 600, seed: int = 8, root: Path | None = None) -> Path:
    """A generated corpus of `n` articles, written once and reused while the generator is
    unchanged (the folder name holds the parameters and a hash of generate.py)."""
    root = Path(root or os.environ.get("NEWSLINT_BENCH_DIR")
                or Path(tempfile.gettempdir()) / "newslint-bench")
    stamp = hashlib.blake2b((HERE / "generate.py").read_bytes(), digest_size=6).hexdigest()
    folder = root / f"n{n}-w{words}-s{seed}-{stamp}"
    done = folder / ".complete"
    if not done.exists():
        if folder.exists():
            shutil.rmtree(folder)
        generate.generate_corpus(folder, n, words=words, seed=seed)
        done.write_text("ok\n")
    return folder


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in corpus_files(folder))


@dataclass
class Timed:
    wall: float
    cpu: float  # user + system seconds of the process and all its children
    peak_rss: int  # bytes, PSS summed over the process tree, sampled every 10 ms
    returncode: int
    stdout: bytes
    stderr: bytes


def _memory(pid: int) -> int:
    """A process's proportional set size (shared pages split between the processes sharing
    them, so forked workers are not counted twice), else its resident set size; bytes."""
    for name, key in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            with open(f"/proc/{pid}/{name}") as handle:
                for line in handle:
                    if line.startswith(key):
                        return int(line.split()[1]) * 1024
        except OSError:
            continue
    return 0


def _tree_rss(pid: int) -> int:
    """Memory of a process and its descendants (Linux /proc), in bytes."""
    total, stack, seen = 0, [pid], set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            total += _memory(current)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack.extend(int(c) for c in handle.read().split())
        except (OSError, ValueError):
            continue
    return total


#: Seconds between two samples of the process tree's memory.
SAMPLE_EVERY = 0.1


def run_timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None,
              stdout_to_devnull: bool = False) -> Timed:
    """Run a command; measure wall time, CPU time of the whole tree and peak tree memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL
                            if stdout_to_devnull else subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        # every 0.1 s: reading smaps_rollup walks the page tables of each process, and done
        # every 10 ms on a 2-core machine it took enough CPU to slow the run it measured
        while not stop.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            stop.wait(SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    if sys.platform.startswith("linux"):
        sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    if sampler.is_alive():
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if not peak[0]:  # no /proc: the largest single process instead
        peak[0] = after.ru_maxrss * 1024
    return Timed(wall, cpu, peak[0], proc.returncode, out or b"", err or b"")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def compile_bytecode() -> None:
    """Compile newslint's modules to bytecode before timing, as `pip install` does. From a
    source checkout with PYTHONDONTWRITEBYTECODE set, every run would otherwise compile
    the modules it imports (about 50 ms here), which no installed copy pays."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("newslint")
    if spec is None or not spec.submodule_search_locations:
        return
    try:
        if compileall.compile_dir(list(spec.submodule_search_locations)[0], quiet=2):
            return
    except OSError:
        pass
    print("(newslint's bytecode could not be written: runs include compiling it)")


def machine_speed() -> float:
    """Seconds for a fixed pure-Python loop (best of three): a yardstick printed beside the
    figures, because a shared or virtual machine's speed drifts (by up to half between runs
    minutes apart here), and a figure is only comparable with others at the same speed."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return best

