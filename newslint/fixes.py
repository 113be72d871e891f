"""Applying fixes to articles without ever losing a byte of someone's work.

Rules offer a `Fix` in offsets into `Document.text` (line breaks normalised to "\\n").
Here those edits are carried back to the file as it is on disk:

- offsets go from `doc.text` to the document's source (an HTML reader may decode entities,
  so its documents provide ``source_range``), then to the decoded file text, whose line breaks
  may be CRLF or CR (every break keeps its original form; new breaks in a replacement use the
  file's dominant one);
- the text is encoded back with the file's encoding, and its byte-order mark if it had one;
  a file whose bytes would not round-trip unchanged outside the fixes is left alone;
- fixes never overlap (the later of two overlapping fixes is dropped, and picked up by the next
  pass if it still applies); passes repeat until nothing changes, at most `MAX_PASSES` times, so
  a second ``--fix`` run changes nothing;
- files are written atomically (a temporary file in the same folder, then ``os.replace``), keep
  their permission bits, are not written when nothing changed, and are not written when the
  file changed on disk since it was read.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .document import DecodeError, Document, decode
from .model import Diagnostic, Fix

__all__ = [
    "FileFix", "MAX_PASSES", "apply_edits", "choose_fixes", "fix_bytes", "fix_file",
    "fix_paths", "unified_diff", "write_atomic", "FixRefused",
]

#: Passes over one file before giving up on reaching a fixed point.
MAX_PASSES = 10

_BREAK = re.compile(r"\r\n|\r|\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


class FixRefused(Exception):
    """A file was not written, for a reason the user should see (changed on disk, read-only)."""


@dataclass
class FileFix:
    """The outcome of fixing one file."""

    path: str
    original: bytes = b""
    fixed: bytes = b""
    applied: int = 0
    passes: int = 0
    stable: bool = True
    written: bool = False
    problem: str = ""
    encoding: str = "utf-8"
    codes: dict[str, int] = field(default_factory=dict)
    unreadable: bool = False

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


# -- choosing fixes --------------------------------------------------------------------------
def choose_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> list[tuple[Fix, str]]:
    """The fixes to apply, sorted, without overlaps: (fix, rule code) pairs.

    Two fixes overlap when their ranges share a character, or when both insert at the same
    point, or one inserts strictly inside the other's range; the later one (by start, then end)
    is dropped.
    """
    wanted = sorted(
        {(d.fix, d.code) for d in diagnostics
         if d.fix is not None and (d.fix.safe or unsafe)},
        key=lambda pair: (pair[0].start, pair[0].end, pair[1], pair[0].replacement),
    )
    out: list[tuple[Fix, str]] = []
    for fix, code in wanted:
        if out:
            last = out[-1][0]
            if fix.start < last.end or (fix.start == last.start and (
                    fix.start == fix.end or last.start == last.end)):
                continue
        out.append((fix, code))
    return out


def apply_edits(text: str, edits: Sequence[tuple[int, int, str]]) -> str:
    """Apply sorted, non-overlapping (start, end, replacement) edits to a string."""
    parts: list[str] = []
    last = 0
    for start, end, replacement in edits:
        parts.append(text[last:start])
        parts.append(replacement)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _source_edit(doc: Document, fix: Fix) -> tuple[int, int, str] | None:
    """A fix in `doc.text` offsets as an edit of `doc.source` (None when it is unsafe there).

    Fixes must not rewrite what the reader hid from the rules (Markdown code and URLs, HTML
    markup). A deletion whose edges are hidden text (a deleted HTML line with its tags) is
    narrowed to the visible part; any other fix that touches hidden text is skipped.
    """
    start, end, replacement = fix.start, fix.end, fix.replacement
    if doc.masked and doc.is_masked(start, max(end, start + 1)):
        if doc.kind == "markdown" and _whole_lines(doc.text, start, end):
            pass  # deleting or replacing whole Markdown lines keeps the structure intact
        elif replacement == "":
            start, end = _narrow(doc, start, end)
            if start >= end or doc.is_masked(start, end):
                return None
        else:
            return None
    source_range = getattr(doc, "source_range", None)
    if source_range is not None:
        start, end = source_range(start, end)
    return start, end, replacement


def _whole_lines(text: str, start: int, end: int) -> bool:
    at_line_start = start == 0 or text[start - 1] == "\n"
    at_line_end = end == len(text) or text[end - 1] == "\n" or text[end] == "\n"
    return at_line_start and at_line_end


def _narrow(doc: Document, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past hidden characters and white space at both edges."""
    text = doc.text
    while start < end and (text[start].isspace() or doc.is_masked(start, start + 1)):
        start += 1
    while end > start and (text[end - 1].isspace() or doc.is_masked(end - 1, end)):
        end -= 1
    return start, end


# -- carrying edits back to bytes ------------------------------------------------------------
def _encode(text: str, encoding: str, raw: bytes) -> bytes:
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if encoding == "utf-16":
        bom = raw[:2]
        return bom + text.encode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be")
    return text.encode(encoding)


def rebuild(raw: bytes, doc: Document, edits: Sequence[tuple[int, int, str]]) -> bytes:
    """The file's bytes with `edits` (in normalised-source offsets) applied.

    Every byte outside the edits stays as it was: the encoding, the byte-order mark and each
    line break (CRLF, CR or LF) are kept; line breaks inside replacements use the file's
    dominant style. Raises FixRefused when the file does not round-trip exactly.
    """
    original, encoding = decode(raw)
    if _encode(original, encoding, raw) != raw:
        raise FixRefused("the file's bytes do not round-trip through its encoding; not fixed")
    # normalised offsets of breaks that are two characters (CRLF) in the original
    crlf: list[int] = []
    shift = 0
    for match in _BREAK.finditer(original):
        if match.end() - match.start() == 2:
            crlf.append(match.start() - shift)
            shift += 1

    def to_original(offset: int) -> int:
        return offset + bisect_left(crlf, offset)

    newline = doc.newline
    mapped = [(to_original(s), to_original(e),
               r.replace("\n", newline) if newline != "\n" else r) for s, e, r in edits]
    return _encode(apply_edits(original, mapped), encoding, raw)


def plan(doc: Document, diagnostics: Iterable[Diagnostic],
         unsafe: bool = False) -> list[tuple[tuple[int, int, str], str]]:
    """The edits of one pass over one document, in normalised-source offsets, with codes."""
    out = []
    for fix, code in choose_fixes(diagnostics, unsafe):
        edit = _source_edit(doc, fix)
        if edit is not None:
            out.append((edit, code))
    # narrowing or entity mapping may have made neighbours touch: keep them apart
    kept: list[tuple[tuple[int, int, str], str]] = []
    for edit, code in sorted(out, key=lambda pair: pair[0][:2]):
        if kept and (edit[0] < kept[-1][0][1] or (edit[0] == kept[-1][0][0] == kept[-1][0][1])):
            continue
        kept.append((edit, code))
    return kept


def fix_bytes(linter, path: str, raw: bytes, unsafe: bool = False) -> FileFix:
    """Fix one file's bytes in memory, pass after pass until nothing changes."""
    outcome = FileFix(path=path, original=raw, fixed=raw)
    current = raw
    seen = {raw}
    limit = _lint_budget()
    if limit and len(raw) > limit:
        try:
            too_long = len(decode(raw)[0]) > limit
        except DecodeError:
            too_long = False  # reported below, like any undecodable file
        if too_long:  # the lint run only reads its first part: do not fix what it cannot see
            outcome.problem = f"over the {limit:,}-character budget; not fixed"
            return outcome
    try:
        for _ in range(MAX_PASSES):
            doc = linter.read(path, current)
            outcome.encoding = doc.encoding
            diagnostics = linter.check_document(doc).diagnostics
            edits = plan(doc, diagnostics, unsafe)
            if not edits:
                break
            new = rebuild(current, doc, [edit for edit, _ in edits])
            outcome.passes += 1
            if new == current:
                break
            if new in seen:  # two rules undo each other: stop where we are
                outcome.stable = False
                break
            for _, code in edits:
                outcome.codes[code] = outcome.codes.get(code, 0) + 1
            outcome.applied += len(edits)
            seen.add(new)
            current = new
        else:
            outcome.stable = False
    except DecodeError as exc:  # the lint run reports it (NL001)
        outcome.problem, outcome.unreadable = str(exc), True
        return outcome
    except FixRefused as exc:
        outcome.problem = str(exc)
        return outcome
    except Exception as exc:  # a reader or rule plugin failed: leave the file alone
        outcome.problem = f"fixing failed ({exc!r}); the file is unchanged"
        return outcome
    outcome.fixed = current
    return outcome


def _lint_budget() -> int:
    try:
        from .engine import MAX_LINT_CHARS
    except ImportError:  # pragma: no cover - an engine without a budget
        return 0
    return MAX_LINT_CHARS


# -- files -----------------------------------------------------------------------------------
def write_atomic(path: str, data: bytes, expected: bytes) -> None:
    """Replace the file's content with `data`, atomically, if it still holds `expected`.

    The temporary file lives in the same folder (so the rename is atomic), is flushed to disk
    before the rename and gets the original's permission bits. A symbolic link is kept: the
    file it points to is replaced.
    """
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError as exc:
        raise FixRefused(f"cannot stat: {exc.strerror or exc}") from None
    if not os.access(real, os.W_OK):
        raise FixRefused("file is read-only; not fixed")
    folder = os.path.dirname(real) or "."
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(real)}.", suffix=".newslint-tmp",
                                    dir=folder)
    except OSError as exc:
        raise FixRefused(f"cannot create a temporary file next to it: "
                         f"{exc.strerror or exc}; not fixed") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown") and (info.st_uid, info.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(temp, info.st_uid, info.st_gid)
            except OSError:
                pass  # not allowed to give it away: the mode bits are still kept
        with open(real, "rb") as handle:
            if handle.read() != expected:
                raise FixRefused("file changed on disk while newslint was fixing it; not fixed")
        os.replace(temp, real)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    try:  # make the rename itself durable where the platform allows it
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def fix_file(linter, path: str, unsafe: bool = False, write: bool = True) -> FileFix:
    """Read, fix and (when `write`) save one file."""
    from .engine import MAX_FILE_BYTES

    try:
        if os.path.getsize(path) > MAX_FILE_BYTES:  # the lint run reports it (NL001)
            return FileFix(path=path, problem="too large to fix", unreadable=True)
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as exc:  # the lint run reports it (NL001)
        return FileFix(path=path, problem=f"cannot read: {exc.strerror or exc}",
                       unreadable=True)
    outcome = fix_bytes(linter, path, raw, unsafe)
    if write and outcome.changed and not outcome.problem:
        try:
            write_atomic(path, outcome.fixed, raw)
            outcome.written = True
        except FixRefused as exc:
            outcome.problem = str(exc)
        except OSError as exc:
            outcome.problem = f"cannot write: {exc.strerror or exc}; not fixed"
    return outcome


def fix_paths(linter, paths: Sequence[str], unsafe: bool = False, write: bool = True,
              progress=None) -> list[FileFix]:
    """Fix every file a run over `paths` would lint (standard input is not handled here)."""
    from .discover import discover

    files, _ = discover(paths, linter.config.extensions, linter.config.exclude)
    files = [f for f in files if f != "-"]
    out = []
    for path in (progress(files) if progress else files):
        out.append(fix_file(linter, path, unsafe=unsafe, write=write))
    return out


def unified_diff(outcome: FileFix) -> str:
    """A unified diff of one fixed file (decoded text; line endings shown as they are)."""
    try:
        before, _ = decode(outcome.original)
        after, _ = decode(outcome.fixed)
    except DecodeError:  # pragma: no cover - only decodable files get fixed
        return ""
    name = outcome.path.replace(os.sep, "/").lstrip("/")
    lines = difflib.unified_diff(_LINE.findall(before), _LINE.findall(after),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    out = []
    for line in lines:
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        out.append(line)
    return "".join(out)


# -- the command line ------------------------------------------------------------------------
def fix_from_cli(linter, paths: Sequence[str], args) -> int | None:
    """``--fix``/``--unsafe-fixes``/``--diff`` for `newslint.cli`.

    Returns an exit status when the run is over (``--diff``, standard input), or None when the
    caller should go on and report what remains. Messages go to stderr, so stdout keeps the
    report format (or the diff, or the fixed text of standard input).
    """
    import sys

    from .progress import progress_enabled, track

    unsafe = bool(args.unsafe_fixes)
    quiet = bool(getattr(args, "quiet", False))
    if "-" in paths:
        if list(paths) != ["-"]:
            from .errors import ConfigError

            raise ConfigError("'-' (standard input) cannot be fixed together with other paths")
        raw = sys.stdin.buffer.read()
        name = args.stdin_filename or "<stdin>"
        outcome = fix_bytes(linter, name, raw, unsafe)
        if outcome.problem:
            sys.stderr.write(f"newslint: {name}: not fixed: {outcome.problem}\n")
        if args.diff:
            sys.stdout.write(unified_diff(outcome))
            return 1 if outcome.changed else 0
        sys.stdout.buffer.write(outcome.fixed)
        sys.stdout.flush()
        return 0

    def progress(files):
        enabled = progress_enabled(len(files), getattr(args, "format", "text"), quiet)
        return track(files, len(files), enabled=enabled, description="fixing")

    outcomes = fix_paths(linter, paths, unsafe=unsafe, write=not args.diff, progress=progress)
    for outcome in outcomes:
        if outcome.problem and not outcome.unreadable:
            sys.stderr.write(f"newslint: {outcome.path}: not fixed: {outcome.problem}\n")
        elif not outcome.stable:
            sys.stderr.write(f"newslint: {outcome.path}: fixes did not settle after "
                             f"{MAX_PASSES} passes; run --fix again and check the result\n")
    changed = [o for o in outcomes if o.changed and not o.problem]
    if args.diff:
        for outcome in changed:
            sys.stdout.write(unified_diff(outcome))
        sys.stdout.flush()
        if not quiet:
            count = sum(o.applied for o in changed)
            sys.stderr.write(f"newslint: {count} fix{'es' if count != 1 else ''} would change "
                             f"{len(changed)} file{'s' if len(changed) != 1 else ''}\n")
        return 1 if changed else 0
    if not quiet:
        count = sum(o.applied for o in outcomes if o.written)
        files = sum(1 for o in outcomes if o.written)
        sys.stderr.write(f"newslint: fixed {count} problem{'s' if count != 1 else ''} in "
                         f"{files} file{'s' if files != 1 else ''}\n")
    return None
