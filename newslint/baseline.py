"""Baselines: adopt newslint on an existing archive and see only the problems added since.

``--write-baseline FILE`` records every finding of a run; ``--baseline FILE`` then hides the
recorded ones. A finding is recognised by its file, its rule code and a fingerprint of its
content, never its line number: the flagged text and a little of the text around it on its line
(white space collapsed, case folded). Identical fingerprints in one file are told apart by an
occurrence counter, so a second "the the" added to a file that had one is new. Editing
elsewhere in the file, even inserting paragraphs above an old finding, does not make it new;
rewording the flagged text or its immediate neighbourhood does.

Paths are stored relative to the baseline file's folder with "/" separators, so a baseline
committed to a repository works on every checkout and operating system.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence

from .errors import ConfigError
from .model import Diagnostic

__all__ = ["fingerprints", "load_baseline", "write_baseline", "filter_new", "BASELINE_VERSION"]

BASELINE_VERSION = 1
#: Characters of context on each side of the flagged text that belong to its fingerprint.
CONTEXT = 24
_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _relative(path: str, root: Path) -> str:
    if path in ("-", "<stdin>") or path.startswith("<"):
        return path
    try:
        rel = os.path.relpath(os.path.abspath(path), root)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return Path(rel).as_posix()


class _Texts:
    """Reads each linted file once, through the linter's readers, to see the flagged text."""

    def __init__(self, linter) -> None:
        self.linter = linter
        self.cache: dict[str, str | None] = {}

    def get(self, path: str) -> str | None:
        if path not in self.cache:
            text = None
            if self.linter is not None and not path.startswith("<") and os.path.isfile(path):
                try:
                    with open(path, "rb") as handle:
                        text = self.linter.read(path, handle.read()).text
                except Exception:  # unreadable now: fall back to the message
                    text = None
            self.cache[path] = text
        return self.cache[path]


def _content_key(diag: Diagnostic, text: str | None) -> str:
    if text is None or diag.end <= diag.start and diag.start == 0:
        return _norm(diag.message)
    start, end = max(0, diag.start), min(len(text), diag.end)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, start - CONTEXT):start]
    after = text[end:min(line_end, end + CONTEXT)]
    return f"{_norm(before)}\x1f{_norm(text[start:end])}\x1f{_norm(after)}"


def fingerprints(diagnostics: Sequence[Diagnostic], root: Path, linter=None,
                 texts: dict[str, str] | None = None) -> list[tuple[str, str, str]]:
    """(relative path, code, fingerprint) for each diagnostic, in the given order.

    `texts` may give a document's text by path (for text that is not in a file, such as stdin
    or an editor buffer); other files are read through `linter`.
    """
    reader = _Texts(linter)
    if texts:
        reader.cache.update(texts)
    seen: Counter = Counter()
    out = []
    for diag in sorted(diagnostics, key=lambda d: (d.path, d.start, d.end, d.code, d.message)):
        rel = _relative(diag.path, root)
        key = _content_key(diag, reader.get(diag.path))
        base = hashlib.sha256(f"{diag.code}\x1e{key}".encode("utf-8")).hexdigest()[:24]
        seen[(rel, diag.code, base)] += 1
        out.append((rel, diag.code, f"{base}-{seen[(rel, diag.code, base)]}"))
    return out


def write_baseline(path: Path, diagnostics: Sequence[Diagnostic], linter=None) -> int:
    """Record the findings (input errors are never baselined); return how many."""
    path = Path(path)
    root = path.resolve().parent
    kept = [d for d in diagnostics if d.category != "input_error"]
    by_order = sorted(kept, key=lambda d: (d.path, d.start, d.end, d.code, d.message))
    prints = fingerprints(by_order, root, linter)
    entries = [
        {"path": rel, "code": code, "fingerprint": fp, "line": d.line, "message": d.message}
        for (rel, code, fp), d in zip(prints, by_order)
    ]
    entries.sort(key=lambda e: (e["path"], e["code"], e["line"], e["fingerprint"]))
    data = {"tool": "newslint", "version": BASELINE_VERSION, "findings": entries}
    temp = path.with_name(f".{path.name}.newslint-tmp")
    temp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(temp, path)
    return len(entries)


def load_baseline(path: Path) -> set[tuple[str, str, str]]:
    """The recorded (path, code, fingerprint) triples; a malformed file is a config error."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"baseline {path} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("tool") != "newslint" or \
            not isinstance(data.get("findings"), list):
        raise ConfigError(f"baseline {path} is not a newslint baseline "
                          "(write one with --write-baseline)")
    if data.get("version") != BASELINE_VERSION:
        raise ConfigError(f"baseline {path} has version {data.get('version')!r}; this newslint "
                          f"reads version {BASELINE_VERSION}: write it again")
    out = set()
    for entry in data["findings"]:
        try:
            out.add((str(entry["path"]), str(entry["code"]), str(entry["fingerprint"])))
        except (TypeError, KeyError):
            raise ConfigError(f"baseline {path}: malformed entry {entry!r:.80}") from None
    return out


def filter_new(diagnostics: Iterable[Diagnostic], baseline_path: Path, linter=None,
               texts: dict[str, str] | None = None) -> list[Diagnostic]:
    """The diagnostics not recorded in the baseline (input errors are always kept)."""
    known = load_baseline(baseline_path)
    diagnostics = list(diagnostics)
    candidates = [d for d in diagnostics if d.category != "input_error"]
    root = Path(baseline_path).resolve().parent
    order = sorted(candidates, key=lambda d: (d.path, d.start, d.end, d.code, d.message))
    old = {id(d) for d, key in zip(order, fingerprints(order, root, linter, texts))
           if key in known}
    return [d for d in diagnostics if id(d) not in old]


def baseline_from_cli(linter, report, args) -> int | None:
    """``--write-baseline``/``--baseline`` for `newslint.cli`: returns an exit status when the
    run is over (a baseline was written), or None after dropping the recorded findings."""
    import sys

    if args.write_baseline:
        count = write_baseline(args.write_baseline, report.diagnostics, linter)
        if not args.quiet:
            sys.stderr.write(f"newslint: recorded {count} finding{'s' if count != 1 else ''} "
                             f"in {args.write_baseline}\n")
        return 0
    if args.baseline:
        before = len(report.diagnostics)
        report.diagnostics = filter_new(report.diagnostics, args.baseline, linter)
        hidden = before - len(report.diagnostics)
        if hidden and not args.quiet and args.format == "text":
            sys.stderr.write(f"newslint: {hidden} finding{'s' if hidden != 1 else ''} hidden "
                             f"by the baseline {args.baseline}\n")
    return None
