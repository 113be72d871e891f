"""Human-readable output: ``path:line:col: CODE [severity] message``.

On a terminal the reports are grouped under each file and coloured; otherwise one line per
report, which editors and grep understand. ``--show-source`` adds the line and a caret.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

_COLOURS = {"error": "\x1b[31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


@lru_cache(maxsize=64)
def _lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline=None) as handle:
            return handle.read().split("\n")
    except OSError:
        return []


def _source(diag) -> list[str]:
    lines = _lines(diag.path)
    if not 1 <= diag.line <= len(lines):
        return []
    line = lines[diag.line - 1]
    width = diag.end_column - diag.column if diag.end_line == diag.line else len(line) - diag.column + 1
    return [f"    {line}", "    " + " " * (diag.column - 1) + "^" * max(width, 1)]


def write_text(report, stream) -> None:
    colour = report.color
    last_path = None
    for d in report.diagnostics:
        sev = str(d.severity)
        if colour:
            if d.path != last_path:
                if last_path is not None:
                    stream.write("\n")
                stream.write(f"{_BOLD}{d.path}{_RESET}\n")
                last_path = d.path
            stream.write(f"  {_DIM}{d.line}:{d.column}{_RESET}  {_BOLD}{d.code}{_RESET} "
                         f"{_COLOURS[sev]}[{sev}]{_RESET} {d.message}\n")
        else:
            stream.write(f"{d.path}:{d.line}:{d.column}: {d.code} [{sev}] {d.message}\n")
        if report.show_source:
            for line in _source(d):
                stream.write(line + "\n")
    if report.statistics:
        counts = Counter((d.code, d.name) for d in report.diagnostics)
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            stream.write(f"{n:6d}  {code}  {name}\n")
    counts = report.counts()
    total = sum(counts.values())
    files = len(report.files)
    if total:
        summary = (f"Found {total} problem{'s' if total != 1 else ''} in {files} "
                   f"file{'s' if files != 1 else ''} ({counts['error']} errors, "
                   f"{counts['warning']} warnings, {counts['info']} info).")
    else:
        summary = f"All clear: {files} file{'s' if files != 1 else ''} checked."
    stream.write((f"{_BOLD}{summary}{_RESET}" if colour else summary) + "\n")
