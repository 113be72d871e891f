"""Work kept between runs so a one-file run starts fast: compiled regular expressions and
parsed rule data.

Python compiles a regular expression in pure Python (parse, then code generation). newslint's
rules hold about 140 patterns, some of them large phrase tries, and compiling them costs about
100 ms at every start: as much as reading, linting and reporting one article together. The
result of that work is a short list of integers (the program of the interpreter's regex
engine, ``_sre``), from which a Pattern is built in microseconds. The command line keeps those
programs in the user cache folder, keyed by the exact Python build, and builds Patterns from
them on later runs.

Safety: a program is stored only after the Pattern built from it compared equal to the one
Python compiled itself (Pattern equality compares the pattern, the flags and the program),
and the store is tied to the interpreter's version and regex-engine magic number, so a Python
upgrade starts a fresh store. Anything unexpected (another Python implementation, a changed
internal API, an unreadable or corrupt store, a read-only cache folder) falls back to plain
compilation: the store can make newslint faster, never different.

`remember` keeps other start-up work the same way (parsed TOML packs, phrase tries), keyed
by a hash of its input. ``NEWSLINT_NO_CACHE``
turns it off with the result cache. Library users are not affected: only the command line
and the language server call `enable`.
"""

from __future__ import annotations

import atexit
import marshal
import os
import sys
from pathlib import Path
from typing import Any, Callable

__all__ = ["enable", "disable", "is_enabled", "remember", "store_path"]

#: Bumped when the layout of the stored file changes.
STORE_FORMAT = 2
#: A store bigger than this is not loaded (and is rebuilt): something went wrong.
MAX_STORE_BYTES = 32 * 1024 * 1024
#: Past this many entries, a save keeps only what the saving run used: patterns built from
#: configurations or packs no longer in use do not pile up for ever.
MAX_ENTRIES = 2000

_state: dict[str, Any] = {"path": None, "programs": {}, "memos": {}, "added": 0,
                          "original": None, "used": set()}


def _internals() -> tuple[Any, Any, Any] | None:
    """(module whose `compile` `re` calls, the parser, `_sre`), or None where unsupported."""
    if sys.implementation.name != "cpython":
        return None
    try:
        import _sre

        if sys.version_info >= (3, 11):
            from re import _compiler as compiler, _parser as parser
        else:  # pragma: no cover - exercised on Python 3.10 only
            import sre_compile as compiler
            import sre_parse as parser
    except ImportError:  # pragma: no cover
        return None
    if not all(hasattr(compiler, name) for name in ("compile", "_code")) or \
            not hasattr(parser, "parse") or not hasattr(_sre, "compile"):
        return None  # pragma: no cover - a future Python reorganised its internals
    return compiler, parser, _sre


def store_path(cache_dir: Path) -> Path:
    """The store for this interpreter build (a Python upgrade starts a fresh one)."""
    import hashlib

    internals = _internals()
    magic = getattr(internals[2], "MAGIC", 0) if internals else 0
    tag = hashlib.sha1(f"{STORE_FORMAT}|{sys.version}|{magic}".encode()).hexdigest()[:16]
    return cache_dir / f"regex-{tag}.marshal"


def enable(cache_dir: Path | None = None) -> bool:
    """Serve this process's regular expressions from the store; save new ones at exit.

    Returns False (and changes nothing) where the store cannot be used."""
    from .cache import cache_disabled_by_env, default_cache_dir

    internals = _internals()
    if internals is None or cache_disabled_by_env() or _state["original"] is not None:
        return False
    compiler, parser, sre = internals
    path = store_path(cache_dir or default_cache_dir())
    stored = _load(path)
    _state.update(path=path, programs=stored.get("re", {}), memos=stored.get("memo", {}),
                  added=0, original=compiler.compile, used=set())
    compiler.compile = _make_compile(compiler, parser, sre, compiler.compile)
    atexit.register(_save)
    return True


def disable() -> None:
    """Stop serving from the store (tests); nothing is saved."""
    internals = _internals()
    if internals is not None and _state["original"] is not None:
        internals[0].compile = _state["original"]
    atexit.unregister(_save)
    _state.update(path=None, programs={}, memos={}, added=0, original=None, used=set())


def is_enabled() -> bool:
    """Whether this process serves from (and saves to) a start-up store."""
    return _state["path"] is not None


def remember(kind: str, data: bytes | str, compute: Callable[[], Any]) -> Any:
    """`compute()`, or the value it returned for the same `data` in an earlier run.

    The value must be made of what `marshal` stores (dicts, lists, tuples, str, numbers,
    bool, None), and `compute` must depend on `data` only. Without an enabled store (library
    use, ``--no-cache``) it just computes."""
    if _state["path"] is None:
        return compute()
    import hashlib

    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    key = (kind, hashlib.blake2b(raw, digest_size=16).digest())
    memos: dict = _state["memos"]
    _state["used"].add(key)
    blob = memos.get(key)
    if isinstance(blob, bytes):
        try:
            return marshal.loads(blob)  # a fresh copy: callers may change what they get
        except (EOFError, ValueError, TypeError):
            memos.pop(key, None)
    value = compute()
    try:
        memos[key] = marshal.dumps(value)
    except ValueError:  # not storable (e.g. TOML dates): fine, just not remembered
        return value
    _state["added"] += 1
    return value


def _make_compile(compiler: Any, parser: Any, sre: Any, original: Callable) -> Callable:
    programs: dict = _state["programs"]
    used: set = _state["used"]

    def compile_with_store(pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, (str, bytes)):
            return original(pattern, flags)  # an already parsed pattern (re internals)
        key = (pattern, int(flags))
        used.add(key)
        program = programs.get(key)
        if program is not None:
            try:
                return sre.compile(pattern, *program)
            except Exception:  # noqa: BLE001 - a damaged entry: compile it the usual way
                programs.pop(key, None)
        compiled = original(pattern, flags)
        program = _program(compiler, parser, pattern, int(flags))
        if program is not None:
            try:
                same = sre.compile(pattern, *program) == compiled
            except Exception:  # noqa: BLE001
                same = False
            if same:
                programs[key] = program
                _state["added"] += 1
        return compiled

    return compile_with_store


def _program(compiler: Any, parser: Any, pattern: str | bytes, flags: int) -> tuple | None:
    """What `_sre.compile` needs besides the pattern, computed as `re` computes it."""
    try:
        parsed = parser.parse(pattern, flags)
        code = compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        # plain ints: the code holds named int constants, which marshal refuses
        return (int(flags | parsed.state.flags), [int(op) for op in code],
                int(parsed.state.groups - 1), groupindex, tuple(indexgroup))
    except Exception:  # noqa: BLE001 - an internal API we do not understand: do not store
        return None


def _load(path: Path) -> dict:
    try:
        if path.stat().st_size > MAX_STORE_BYTES:
            return {}
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(data, dict) or not all(isinstance(data.get(k, {}), dict)
                                             for k in ("re", "memo")):
        return {}
    return data


def _save() -> None:
    """Write the store if this run compiled something new (atomically; errors ignored)."""
    path: Path | None = _state["path"]
    if path is None or not _state["added"]:
        return
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        programs, memos, used = _state["programs"], _state["memos"], _state["used"]
        if len(programs) + len(memos) > MAX_ENTRIES:
            programs = {k: v for k, v in programs.items() if k in used}
            memos = {k: v for k, v in memos.items() if k in used}
        data = marshal.dumps({"re": programs, "memo": memos})
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        _state["added"] = 0
    except (OSError, ValueError):
        pass
