"""A content-hash cache of per-file results, so unchanged files are not linted twice.

An entry is one file's `FileResult` (its diagnostics *and* its corpus facts, so the corpus
pass still sees files that were not re-linted), stored under a key made of:

* a *fingerprint* of everything that decides a result besides the file: the newslint and
  Python versions, the configuration, the rule set with its options, the size and
  modification time of every rule pack, every newslint file and every module a rule or
  plugin comes from, the installed plugins with their versions, and which optional grammar
  and spelling libraries are installed;
* the path as given (diagnostics carry it, and per-file ignores depend on it);
* the file's bytes.

Entries live in a user cache folder, like ruff's: ``$NEWSLINT_CACHE_DIR``, else
``$XDG_CACHE_HOME/newslint``, else ``~/.cache/newslint`` (``%LOCALAPPDATA%\\newslint`` on
Windows), one sub-folder per fingerprint. The results of a batch of files are written as one
file (a pack) under a temporary name, and each file's entry is a hard link to it (see
`Cache`), so concurrent processes never see half an entry. A missing, truncated or
otherwise unreadable entry is a miss, never an error; a folder that cannot be written just
means nothing is cached. Set ``NEWSLINT_NO_CACHE=1`` (or pass ``--no-cache``) to switch it off.

Entries are pickles: the folder must be writable only by you, as any cache of code results.
"""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from . import __version__

try:  # the built-in module: importing hashlib sets up OpenSSL, which costs start-up time
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

if TYPE_CHECKING:  # pragma: no cover
    from .engine import FileResult, Linter

__all__ = ["Cache", "CacheSpec", "default_cache_dir", "cache_disabled_by_env", "fingerprint",
           "lint_cached", "lint_cached_batch"]

#: Flags of a new entry's temporary file: it must not exist yet (binary on Windows).
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
#: Bumped when the layout of entries changes.
CACHE_FORMAT = 2  # 2: entries are hard links to packs of results
#: Config fields that do not change what a file's result is.
_CONFIG_FIELDS_IGNORED = {"source"}


def default_cache_dir() -> Path:
    """Where the cache lives unless ``--cache-dir`` says otherwise."""
    explicit = os.environ.get("NEWSLINT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform == "win32":  # pragma: no cover - not exercised on the CI platform
        base = os.environ.get("LOCALAPPDATA")
        if base:
            return Path(base) / "newslint" / "cache"
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "newslint"
    return Path.home() / ".cache" / "newslint"


def cache_disabled_by_env() -> bool:
    """True when ``NEWSLINT_NO_CACHE`` is set to anything but 0/false/no/empty."""
    value = os.environ.get("NEWSLINT_NO_CACHE", "").strip().lower()
    return value not in ("", "0", "false", "no")


@dataclass(frozen=True)
class CacheSpec:
    """A picklable description of a cache, handed to worker processes and cluster workers.

    `directory` None means the default folder *of the process that opens it* (on a cluster,
    each worker machine's own user cache).
    """

    directory: str | None
    fingerprint: str

    def open(self) -> Cache:
        root = Path(self.directory) if self.directory else default_cache_dir()
        return Cache(root, self.fingerprint)


def fingerprint(linter: Linter) -> str:
    """A digest of everything besides a file's bytes that can change its result."""
    digest = blake2b(digest_size=16)

    def feed(*parts: object) -> None:
        for part in parts:
            digest.update(repr(part).encode("utf-8", "surrogatepass"))
            digest.update(b"\0")

    feed("newslint", __version__, CACHE_FORMAT, sys.version, sys.platform)
    config = linter.config
    for item in fields(config):
        if item.name not in _CONFIG_FIELDS_IGNORED:
            feed(item.name, getattr(config, item.name))
    for code, rule in linter.registry.rules.items():
        feed(code, rule.name, rule.category, rule.severity, rule.enabled, rule.source,
             sorted(rule.options.items(), key=lambda kv: kv[0]),
             linter.selection.is_selected(code))
    for name, plugin in sorted(linter.pm.list_name_plugin(), key=lambda np: str(np[0])):
        feed("plugin", name)
    for plugin, dist in linter.pm.list_plugin_distinfo():
        feed("dist", getattr(dist, "project_name", None) or getattr(dist, "name", None),
             getattr(dist, "version", None))
    for module in _OPTIONAL_BACKENDS:  # "auto" backends depend on what is installed
        feed(module, _installed_at(module))
    for path in _source_files(linter):
        try:
            info = os.stat(path)
            feed(path, info.st_size, info.st_mtime_ns)
        except OSError:
            feed(path, "unreadable")
    return digest.hexdigest()


#: Libraries whose presence changes what an "auto" grammar or spelling backend does.
_OPTIONAL_BACKENDS = ("harper", "language_tool_python", "spellchecker")


def _installed_at(module: str) -> tuple[str, int] | None:
    """Where a top-level module would be imported from, and that file's mtime (no import)."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    try:
        return spec.origin, os.stat(spec.origin).st_mtime_ns
    except OSError:
        return spec.origin, 0


def _source_files(linter: Linter) -> list[str]:
    """newslint's own files (code and data), every module a rule or plugin is defined in, and
    every pack file. Their sizes and modification times go into the fingerprint: an edit
    changes both, and a stat costs far less than reading the file."""
    from .packs import pack_files

    package = os.path.dirname(os.path.abspath(__file__))
    files: dict[str, None] = {}
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(names):
            files.setdefault(os.path.join(folder, name), None)
    modules: set[str] = set()
    for rule in linter.registry.rules.values():
        for fn in (rule.check, rule.collect, rule.reduce):
            module = getattr(fn, "__module__", None)
            if module:
                modules.add(module)
    for plugin in linter.pm.get_plugins():
        module = getattr(plugin, "__name__", None) or getattr(type(plugin), "__module__", None)
        if module:
            modules.add(module)
    for module in sorted(modules):
        loaded = sys.modules.get(module)
        where = getattr(loaded, "__file__", None)
        if where:
            files.setdefault(os.path.abspath(where), None)
    packs: list[Path] = []
    for found in linter.pm.hook.newslint_add_rule_packs():
        packs.extend(Path(p) for p in (found or ()))
    packs.extend(Path(p) for p in linter.config.rule_packs)
    try:
        for pack in pack_files(packs):
            files.setdefault(os.path.abspath(pack), None)
    except Exception:  # a missing pack already fails Registry.build; nothing to add here
        pass
    return list(files)


class Cache:
    """Per-file results stored under ``root/<fingerprint>/<2 hex>/<key>``.

    The results of a batch of files are written together as one *pack* (a pickled dict of
    key -> that file's pickled result), and each key's path is a hard link to the pack.
    Creating a file is the costly part of filling a cache (it was most of the cost of a
    first run over an archive, and grows when the disk is busy); a link is a name, not a
    new file, so a pack of 16 results costs about what two files did. A pack lives as long
    as one of its keys links to it. Where the file system has no hard links, each result is
    written to its own file instead, in the same layout.
    """

    def __init__(self, root: Path, fingerprint: str) -> None:
        self.root = Path(root)
        self.fingerprint = fingerprint
        self.folder = self.root / fingerprint
        self.hits = 0
        self.misses = 0
        self.writable = True
        #: sub-folders this process made or found: a second mkdir is a wasted system call
        #: per file (and creating entries is most of what filling the cache costs)
        self._folders: set[str] = set()
        self._folder_name = os.fspath(self.folder)
        self._tag = os.urandom(4).hex()
        self._written = 0
        self._links = True  # False once the file system refused a hard link
        #: the last pack read, (device, inode) -> its entries: the files of a batch were
        #: written together, and a later run reads them one after the other
        self._last_pack: tuple[tuple[int, ...], dict[str, bytes]] | None = None

    @classmethod
    def for_linter(cls, linter: Linter, directory: Path | str | None = None) -> Cache:
        cache = cls(Path(directory) if directory else default_cache_dir(), fingerprint(linter))
        cache.default_root = not directory
        return cache

    #: True when `root` is the default folder, which another machine resolves for itself
    default_root = False

    def spec(self) -> CacheSpec:
        return CacheSpec(None if self.default_root else str(self.root), self.fingerprint)

    def key(self, path: str, raw: bytes) -> str:
        digest = blake2b(digest_size=20)
        digest.update(os.fsencode(path))
        digest.update(b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def _entry(self, key: str) -> str:
        # (strings, not Paths: this is asked once per file, and pathlib costs microseconds)
        return f"{self._folder_name}{os.sep}{key[:2]}{os.sep}{key[2:]}"

    def get(self, key: str, path: str) -> FileResult | None:
        """The stored result for this key, or None for a miss (including a corrupt entry)."""
        from .engine import FileResult

        entry = self._entry(key)
        try:
            result = pickle.loads(self._stored(entry, key))
        except FileNotFoundError:
            self.misses += 1
            return None
        except Exception:  # truncated, garbled or from an incompatible build: a miss
            self.misses += 1
            _remove(entry)
            return None
        if not isinstance(result, FileResult) or result.path != path:
            self.misses += 1
            _remove(entry)
            return None
        self.hits += 1
        return result

    def _stored(self, entry: str, key: str) -> bytes:
        """The pickled result of `key` from the pack `entry` links to (KeyError if the pack
        does not hold it)."""
        with open(entry, "rb") as handle:
            info = os.fstat(handle.fileno())
            # (size and time too: an inode number is reused once a pack is gone)
            identity = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
            if self._last_pack is not None and self._last_pack[0] == identity:
                return self._last_pack[1][key]
            pack = pickle.load(handle)
        if not isinstance(pack, dict):
            raise TypeError("not a pack")
        self._last_pack = (identity, pack)
        return pack[key]

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; failures (read-only or full disk) switch the cache off quietly."""
        self.put_many([(key, result)])

    def put_many(self, items: Sequence[tuple[str, FileResult]]) -> None:
        """Store several results as one pack (see the class); failures (read-only or full
        disk) switch the cache off quietly. A key that is already stored keeps its entry:
        the same key means the same bytes, path and fingerprint, so the same result."""
        if not self.writable or not items:
            return
        dumps, protocol = pickle.dumps, pickle.HIGHEST_PROTOCOL
        pack = {key: dumps(result, protocol=protocol) for key, result in items}
        try:
            if self._links:
                self._put_linked(pack)
            else:
                self._put_each(pack)
        except OSError:
            self.writable = False
        self._tag_root()

    def _put_linked(self, pack: dict[str, bytes]) -> None:
        """Write the pack once, link each key's path to it, then drop the pack's own name."""
        temporary = self._write_new(self._folder_name,
                                    pickle.dumps(pack, protocol=pickle.HIGHEST_PROTOCOL))
        try:
            for index, key in enumerate(pack):
                folder = f"{self._folder_name}{os.sep}{key[:2]}"
                self._make_folder(folder)
                entry = f"{folder}{os.sep}{key[2:]}"
                try:
                    os.link(temporary, entry)
                except FileExistsError:
                    pass
                except FileNotFoundError:  # the folder was removed since (cache cleared)
                    os.makedirs(folder, exist_ok=True)
                    os.link(temporary, entry)
                except OSError:
                    if index:
                        raise  # links worked a moment ago: a real failure (full disk, ...)
                    self._links = False  # no hard links here: one file per result
                    self._put_each(pack)
                    return
        finally:
            _remove(temporary)

    def _put_each(self, pack: dict[str, bytes]) -> None:
        """One file per result (a pack of one), written and renamed into place."""
        for key, data in pack.items():
            folder = f"{self._folder_name}{os.sep}{key[:2]}"
            temporary = self._write_new(folder, pickle.dumps({key: data},
                                                             protocol=pickle.HIGHEST_PROTOCOL))
            try:
                os.replace(temporary, f"{folder}{os.sep}{key[2:]}")
            except BaseException:
                _remove(temporary)
                raise

    def _make_folder(self, folder: str) -> None:
        """Make `folder` unless this process made or found it before."""
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)

    def _write_new(self, folder: str, data: bytes) -> str:
        """A new temporary file in `folder` (made once per process) holding `data`."""
        self._make_folder(folder)
        self._written += 1
        # unique without a random name per file: this process, a random tag of it (pids
        # repeat across the machines of a cluster sharing a folder), and a counter
        temporary = f"{folder}{os.sep}.tmp-{os.getpid()}-{self._tag}-{self._written}"
        try:
            handle = os.open(temporary, _NEW_FILE, 0o600)
        except FileNotFoundError:  # the folder was removed since (the cache was cleared)
            os.makedirs(folder, exist_ok=True)
            handle = os.open(temporary, _NEW_FILE, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
        except BaseException:
            os.close(handle)
            _remove(temporary)
            raise
        os.close(handle)
        return temporary

    _tagged = False

    def _tag_root(self) -> None:
        """Mark the folder as a cache (CACHEDIR.TAG) so backup tools skip it."""
        if self._tagged:
            return
        self._tagged = True
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            try:
                tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                               "# This folder is a cache made by newslint.\n")
            except OSError:
                pass

    def clear(self) -> None:
        """Remove every entry of every fingerprint (the whole cache folder's contents)."""
        import shutil

        self._folders.clear()
        self._last_pack = None
        if self.root.is_dir():
            for child in self.root.iterdir():
                if child.is_dir():
                    shutil.rmtree(child, ignore_errors=True)


def cacheable(result: FileResult) -> bool:
    """Read errors and rule crashes may not happen next time: only clean results are kept."""
    return result.status != "error" and not any(d.code == "NL002" for d in result.diagnostics)


def _remove(path: str | Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def lint_cached(linter: Linter, path: str, cache: Cache | None,
                source: str | None = None) -> FileResult:
    """Lint one file from disk, answering from the cache when its bytes are unchanged.

    `path` is the name reported; `source`, when given, is where to read it (a cluster worker
    reads the absolute path of a file the user named relative to the client's folder).
    """
    if cache is None and source in (None, path):
        return linter.lint_file(path)
    return lint_cached_batch(linter, [path], cache, [source or path])[0]


def _read(path: str) -> bytes | None:
    """The file's bytes, or None when it is unreadable, missing or too big (the engine then
    reads it again and says why, NL001)."""
    from .engine import MAX_FILE_BYTES

    try:
        if os.path.getsize(path) <= MAX_FILE_BYTES:
            with open(path, "rb") as handle:
                return handle.read()
    except OSError:
        pass
    return None


#: Files linted together, rule by rule (see `Linter.lint_files`).
BATCH = 16


def lint_cached_batch(linter: Linter, paths: Sequence[str], cache: Cache | None,
                      sources: Sequence[str] | None = None) -> list[FileResult]:
    """`lint_cached` for several files, in order: cache hits are answered, the other files
    are linted in batches of `BATCH`. `sources`, when given, are where to read each file
    (as `lint_cached`'s `source`)."""
    results: list[FileResult | None] = [None] * len(paths)
    pending: list[tuple[int, str, bytes, str | None]] = []

    def flush() -> None:
        linted = linter.lint_files([(path, raw) for _, path, raw, _ in pending])
        for (index, _, _, key), result in zip(pending, linted):
            results[index] = result
        if cache is not None:
            cache.put_many([(key, result) for (_, _, _, key), result in zip(pending, linted)
                            if key is not None and cacheable(result)])
        pending.clear()

    for index, path in enumerate(paths):
        source = sources[index] if sources is not None else path
        raw = _read(source)
        if raw is None:  # unreadable, missing or too big: the engine says why (NL001)
            results[index] = _named(linter.lint_file(source), path)
            continue
        key = cache.key(path, raw) if cache is not None else None
        hit = cache.get(key, path) if key is not None else None
        if hit is not None:
            results[index] = hit
            continue
        pending.append((index, path, raw, key))
        if len(pending) >= BATCH:
            flush()
    if pending:
        flush()
    return results  # type: ignore[return-value]


def _named(result: FileResult, path: str) -> FileResult:
    """The same result, reported under `path`."""
    from dataclasses import replace

    if result.path == path:
        return result
    return replace(result, path=path,
                   diagnostics=[replace(d, path=path) for d in result.diagnostics])
