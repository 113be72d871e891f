"""A progress bar on stderr for long runs, and only where a person is watching.

The bar appears when stderr is a terminal, the run covers at least `MIN_FILES` files, the output
format is meant for people (not json, sarif or github, which machines read), and neither
``--quiet`` nor ``NEWSLINT_NO_PROGRESS`` asks for silence. It never writes to stdout.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

__all__ = ["MIN_FILES", "progress_enabled", "progress_for", "track"]

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


def progress_for(args):
    """The runner's progress hook for a command-line run, or None when no bar is wanted.

    It wraps the stream of per-file results, so it works the same whether the files are
    linted in this process or on a pool of worker processes (the bar then advances as each
    batch comes back). Cluster runs (``--scheduler``) get no bar.
    """
    quiet = bool(getattr(args, "quiet", False))
    output_format = getattr(args, "format", "text")
    if getattr(args, "scheduler", None) or \
            not progress_enabled(MIN_FILES, output_format, quiet):
        return None

    def progress(results: Iterable[T], total: int) -> Iterator[T]:
        return track(results, total, enabled=progress_enabled(total, output_format, quiet))

    return progress
