"""Small helpers shared by formatters."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path, PurePath

from ..model import Diagnostic


def fix_range(report, diag: Diagnostic) -> tuple[int, int, int, int] | None:
    """1-based (line, column, end_line, end_column) of a diagnostic's fix, end exclusive."""
    if diag.fix is None:
        return None
    index = getattr(report, "_line_starts_by_path", None)
    if index is None:  # once per report: a scan of every file per fix is quadratic on archives
        index = {}
        for f in report.files:
            index.setdefault(f.path, f.line_starts)
        report._line_starts_by_path = index
    starts = index.get(diag.path, (0,))

    def pos(offset: int) -> tuple[int, int]:
        index = max(bisect_right(starts, offset) - 1, 0)
        return index + 1, offset - starts[index] + 1

    return (*pos(diag.fix.start), *pos(diag.fix.end))


def relative_uri(path: str) -> str:
    """A forward-slash path relative to the current folder when possible (for SARIF/CI)."""
    try:
        return PurePath(Path(path).resolve().relative_to(Path.cwd().resolve())).as_posix()
    except (ValueError, OSError):
        return PurePath(path).as_posix()
