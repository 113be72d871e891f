"""A progress bar on stderr for long runs, and only where a person is watching.

The bar appears when stderr is a terminal, the run covers at least `MIN_FILES` files, the output
format is meant for people (not json, sarif or github, which machines read), and neither
``--quiet`` nor ``NEWSLINT_NO_PROGRESS`` asks for silence. It never writes to stdout.
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Iterable, Iterator, TypeVar

__all__ = ["MIN_FILES", "lint_progress", "progress_enabled", "track"]

T = TypeVar("T")

#: Runs over fewer files finish before a bar would be worth drawing.
MIN_FILES = 50
_MACHINE_FORMATS = frozenset({"json", "sarif", "github"})


def progress_enabled(total: int, output_format: str = "text", quiet: bool = False,
                     stream=None) -> bool:
    """Whether a run over `total` files should draw a bar."""
    stream = stream if stream is not None else sys.stderr
    if quiet or total < MIN_FILES or output_format in _MACHINE_FORMATS:
        return False
    if os.environ.get("NEWSLINT_NO_PROGRESS") or os.environ.get("CI"):
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def track(items: Iterable[T], total: int | None = None, *, enabled: bool,
          description: str = "linting", stream=None) -> Iterator[T]:
    """Yield `items`, drawing a tqdm bar on stderr when `enabled` (and tqdm is importable)."""
    if not enabled:
        yield from items
        return
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency
        yield from items
        return
    bar = tqdm(items, total=total, desc=description, unit="file", leave=False,
               file=stream if stream is not None else sys.stderr, dynamic_ncols=True,
               mininterval=0.2)
    try:
        yield from bar
    finally:
        bar.close()


@contextmanager
def lint_progress(linter, paths, args) -> Iterator[None]:
    """Draw a bar over a command-line lint run that happens in this process.

    The bar advances as the linter finishes each file it lints itself (files answered from the
    cache advance it at the end). Runs spread over a pool of processes or a cluster get no bar
    from here: their runner knows when a batch is done, this hook does not.
    """
    quiet = bool(getattr(args, "quiet", False))
    output_format = getattr(args, "format", "text")
    if quiet or output_format in _MACHINE_FORMATS or getattr(args, "scheduler", None) or \
            not progress_enabled(MIN_FILES, output_format, quiet):
        yield
        return
    from .discover import discover

    files, _ = discover(paths, linter.config.extensions, linter.config.exclude)
    files = [f for f in files if f != "-"]
    try:
        from .parallel import plan_workers

        workers = plan_workers(len(files), getattr(args, "jobs", None))
    except ImportError:  # pragma: no cover - no parallel runner in this build
        workers = 1
    if workers > 1 or not progress_enabled(len(files), output_format, quiet):
        yield
        return
    from tqdm import tqdm

    bar = tqdm(total=len(files), desc="linting", unit="file", leave=False, file=sys.stderr,
               dynamic_ncols=True, mininterval=0.2)
    original = linter.lint_file

    def counted(*a, **k):
        try:
            return original(*a, **k)
        finally:
            bar.update(1)

    linter.lint_file = counted
    try:
        yield
    finally:
        del linter.lint_file  # back to the class's method
        bar.close()
