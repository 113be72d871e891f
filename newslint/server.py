"""`newslint server` (alias `newslint lsp`): the Language Server Protocol over stdio, on pygls.

What an editor gets:

- diagnostics when a document is opened, changed (debounced: a burst of keystrokes is linted
  once, `DEBOUNCE_SECONDS` after the last) and saved, each with its rule code, severity, a link
  to the rule's explanation (``codeDescription.href``), and ``data`` holding the category, the
  rule name and whether a fix is available;
- positions in the units the client negotiated (UTF-16 code units unless it asks for UTF-8 or
  UTF-32), so a finding after an emoji is underlined in the right place;
- a quick fix for every finding that has one (fixes that need a human check are offered too,
  but never marked preferred), and a ``source.fixAll.newslint`` action that applies every safe
  fix exactly as ``newslint --fix`` would;
- configuration read like the command line does (newslint.toml, .newslint.toml or
  pyproject.toml found from the document's folder up), re-read when the client sends
  ``workspace/didChangeConfiguration`` or when such a file is saved or changes on disk. Client
  settings under ``newslint`` may name a ``configFile`` and override ``select``, ``ignore`` and
  ``extendSelect``.

One `Linter` per configuration is kept between requests (so a grammar backend stays warm), and
linting runs on one worker thread so the server keeps answering while it works.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sys
from bisect import bisect_right
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Sequence

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__
from .config import CONFIG_NAMES, Config, load_config
from .document import DecodeError, Document
from .errors import NewslintError
from .model import Diagnostic, Fix, Severity

__all__ = ["NewslintServer", "create_server", "run_server", "DEBOUNCE_SECONDS"]

log = logging.getLogger(__name__)

#: Quiet time after the last change before a document is linted again.
DEBOUNCE_SECONDS = 0.3
FIX_ALL_KIND = "source.fixAll.newslint"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_LANGUAGE_SUFFIX = {"markdown": ".md", "html": ".html", "plaintext": ".txt"}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass
class Linted:
    """The last lint of one document version: what code actions work from."""

    version: int | None
    text: str
    doc: Document | None
    diagnostics: list[Diagnostic]
    linter: Any


class NewslintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("newslint", __version__)
        self.settings: dict[str, Any] = {}
        self.linters: dict[tuple, Any] = {}
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newslint-lint")

    # -- configuration -----------------------------------------------------------------------
    def config_for(self, path: str | None) -> Config:
        settings = self.settings
        explicit = settings.get("configFile") or settings.get("config")
        start = Path(path).parent if path else Path.cwd()
        config = load_config(start, explicit=Path(explicit) if explicit else None)
        if isinstance(settings.get("select"), list):
            config.select = [str(s) for s in settings["select"]]
        if isinstance(settings.get("ignore"), list):
            config.ignore = [*config.ignore, *(str(s) for s in settings["ignore"])]
        if isinstance(settings.get("extendSelect"), list):
            config.extend_select = [*config.extend_select,
                                    *(str(s) for s in settings["extendSelect"])]
        return config

    def linter_for(self, path: str | None):
        """The warm Linter for this document's configuration (built once per configuration)."""
        from .engine import Linter

        config = self.config_for(path)
        key = (str(config.source) if config.source else None, repr(config))
        linter = self.linters.get(key)
        if linter is None:
            linter = Linter(config)
            self.linters[key] = linter
        return linter

    def forget_configuration(self) -> None:
        self.linters.clear()
        self.linted.clear()

    # -- linting -----------------------------------------------------------------------------
    def snapshot(self, uri: str) -> tuple[str, int | None, str | None] | None:
        """The document's text, version and language, read on the event-loop thread."""
        try:
            document = self.workspace.get_text_document(uri)
            return document.source, document.version, getattr(document, "language_id", None)
        except Exception:  # closed meanwhile
            return None

    def lint(self, uri: str, snapshot) -> Linted | None:
        """Lint one snapshot of a document (on the worker thread); reuse the last result."""
        if snapshot is None:
            return None
        text, version, language = snapshot
        cached = self.linted.get(uri)
        if cached is not None and cached.version == version and cached.text == text:
            return cached
        path = document_path(uri, language)
        linter = self.linter_for(path if _is_file(uri) else None)
        raw = text.encode("utf-8", errors="replace")
        try:
            doc = linter.read(path, raw)
        except DecodeError:  # e.g. NUL characters: one NL001 report, as on the command line
            diags = linter.lint_file(path, raw).diagnostics
            linted = Linted(version, text, None, diags, linter)
        else:
            result = linter.check_document(doc)
            diags = linter.finish([result])
            linted = Linted(version, text, doc, diags, linter)
        self.linted[uri] = linted
        return linted

    async def publish(self, uri: str) -> None:
        loop = asyncio.get_running_loop()
        try:
            linted = await loop.run_in_executor(self.executor, self.lint, uri,
                                                self.snapshot(uri))
        except NewslintError as exc:
            self.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"newslint: {exc}"))
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            return
        if linted is None:
            return
        diagnostics = [self.to_lsp(uri, linted, d) for d in linted.diagnostics]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=linted.version))

    def schedule(self, uri: str, delay: float) -> None:
        """Lint `uri` after `delay` seconds unless another change comes first."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()

        async def later() -> None:
            try:
                if delay:
                    await asyncio.sleep(delay)
                await self.publish(uri)
            except asyncio.CancelledError:
                pass
            finally:
                if self.pending.get(uri) is task:
                    del self.pending[uri]

        task = asyncio.ensure_future(later())
        self.pending[uri] = task

    def relint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)

    # -- conversions -------------------------------------------------------------------------
    def position(self, linted: Linted, offset: int) -> types.Position:
        """A code-point offset into the normalised source as an LSP position in client units."""
        starts = _line_starts(linted)
        source = linted.doc.source if linted.doc is not None else linted.text
        offset = max(0, min(offset, len(source)))
        line = bisect_right(starts, offset) - 1
        prefix = source[starts[line]:offset]
        codec = self.workspace.position_codec
        return types.Position(line=line, character=codec.client_num_units(prefix))

    def text_range(self, linted: Linted, start: int, end: int) -> types.Range:
        doc = linted.doc
        source_range = getattr(doc, "source_range", None)
        if source_range is not None:
            start, end = source_range(start, end)
        return types.Range(start=self.position(linted, start), end=self.position(linted, end))

    def to_lsp(self, uri: str, linted: Linted, diag: Diagnostic) -> types.Diagnostic:
        rule = linted.linter.registry.rules.get(diag.code)
        related = []
        for item in diag.related:
            target = Path(item.path).resolve().as_uri() if item.path else uri
            line = max(0, item.line - 1)
            related.append(types.DiagnosticRelatedInformation(
                location=types.Location(uri=target, range=types.Range(
                    start=types.Position(line=line, character=max(0, item.column - 1)),
                    end=types.Position(line=line, character=max(0, item.column - 1)))),
                message=item.message or "see here"))
        fix = diag.fix
        return types.Diagnostic(
            range=self.text_range(linted, diag.start, diag.end),
            message=diag.message,
            severity=_SEVERITY.get(diag.severity, types.DiagnosticSeverity.Warning),
            code=diag.code,
            code_description=types.CodeDescription(href=diag.url) if diag.url else None,
            source="newslint",
            related_information=related or None,
            data={"category": diag.category, "name": diag.name,
                  "summary": rule.summary if rule else "",
                  "fixable": fix is not None, "safe": bool(fix and fix.safe)},
        )

    def code_actions(self, params: types.CodeActionParams, snapshot) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = self.lint(uri, snapshot)
        if linted is None or linted.doc is None:
            return []
        only = params.context.only
        actions: list[types.CodeAction] = []
        want_quickfix = not only or any(types.CodeActionKind.QuickFix.value.startswith(k)
                                        or k.startswith(types.CodeActionKind.QuickFix.value)
                                        for k in only)
        want_fix_all = not only or any(FIX_ALL_KIND.startswith(k) for k in only)
        if want_quickfix:
            wanted = params.range
            for diag in linted.diagnostics:
                if diag.fix is None:
                    continue
                lsp_diag = self.to_lsp(uri, linted, diag)
                if not _overlaps(lsp_diag.range, wanted):
                    continue
                edit = self.fix_edit(linted, diag.fix)
                if edit is None:
                    continue
                actions.append(types.CodeAction(
                    title=fix_title(diag),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[lsp_diag],
                    is_preferred=diag.fix.safe,
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                ))
        if want_fix_all and any(d.fix is not None and d.fix.safe for d in linted.diagnostics):
            edit = self.fix_all_edit(uri, linted)
            if edit is not None:
                actions.append(types.CodeAction(
                    title="newslint: apply every safe fix",
                    kind=FIX_ALL_KIND,
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                ))
        return actions

    def fix_edit(self, linted: Linted, fix: Fix) -> types.TextEdit | None:
        from .fixes import _source_edit

        edit = _source_edit(linted.doc, fix)
        if edit is None:
            return None
        start, end, replacement = edit
        newline = linted.doc.newline
        return types.TextEdit(
            range=types.Range(start=self.position(linted, start), end=self.position(linted, end)),
            new_text=replacement.replace("\n", newline) if newline != "\n" else replacement)

    def fix_all_edit(self, uri: str, linted: Linted) -> types.TextEdit | None:
        """One edit replacing the document with the result of `newslint --fix`."""
        from .fixes import fix_bytes

        path = linted.doc.path
        outcome = fix_bytes(linted.linter, path, linted.text.encode("utf-8", errors="replace"))
        if outcome.problem or not outcome.changed:
            return None
        fixed = outcome.fixed.decode("utf-8")
        lines = _LINE.findall(linted.text)
        end = types.Position(line=len(lines), character=0)
        if lines and not lines[-1].endswith(("\n", "\r")):
            end = types.Position(line=len(lines) - 1,
                                 character=self.workspace.position_codec.client_num_units(
                                     lines[-1]))
        return types.TextEdit(range=types.Range(start=types.Position(line=0, character=0),
                                                end=end), new_text=fixed)


def _line_starts(linted: Linted) -> list[int]:
    """Line starts of the normalised source (its text keeps every line break in place)."""
    if linted.doc is not None:
        return linted.doc.line_starts
    return [0] + [m.end() for m in re.finditer("\n", linted.text)]


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def fix_title(diag: Diagnostic) -> str:
    fix = diag.fix
    assert fix is not None
    if not fix.replacement:
        action = "delete"
    else:
        action = f"replace with “{fix.replacement.strip() or fix.replacement}”"
    suffix = "" if fix.safe else " (check the result)"
    return f"newslint {diag.code} ({diag.name}): {action}{suffix}"


def _is_file(uri: str) -> bool:
    return uri.startswith("file:")


def document_path(uri: str, language_id: str | None) -> str:
    """A path for the reader to go by: the file's own, or a name with the language's suffix."""
    path = to_fs_path(uri) if _is_file(uri) else None
    if path:
        return path
    suffix = _LANGUAGE_SUFFIX.get(language_id or "", ".txt")
    name = PurePath(uri.rsplit("/", 1)[-1] or "untitled").name
    return name if PurePath(name).suffix else name + suffix


def _settings(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        inner = value.get("newslint", value)
        if isinstance(inner, dict):
            return inner
    return {}


def create_server() -> NewslintServer:
    server = NewslintServer()

    @server.feature(types.INITIALIZE)
    def initialize(ls: NewslintServer, params: types.InitializeParams) -> None:
        ls.settings = _settings(params.initialization_options)

    @server.feature(types.INITIALIZED)
    def initialized(ls: NewslintServer, params: types.InitializedParams) -> None:
        # load the rules (and any grammar backend) before the first document arrives
        try:
            ls.linter_for(None)
        except NewslintError as exc:
            ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Error, message=f"newslint: {exc}"))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: NewslintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: NewslintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: NewslintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.rsplit("/", 1)[-1] in CONFIG_NAMES:
            ls.forget_configuration()
            ls.relint_all()
        else:
            ls.schedule(uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: NewslintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: NewslintServer,
                                       params: types.DidChangeConfigurationParams) -> None:
        settings = _settings(params.settings)
        if settings or params.settings in (None, {}):
            ls.settings = settings
        ls.forget_configuration()
        ls.relint_all()

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def did_change_watched(ls: NewslintServer,
                                 params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.rsplit("/", 1)[-1] in CONFIG_NAMES for change in params.changes):
            ls.forget_configuration()
            ls.relint_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix,
                                                   FIX_ALL_KIND]),
    )
    async def code_action(ls: NewslintServer, params: types.CodeActionParams):
        loop = asyncio.get_running_loop()
        snapshot = ls.snapshot(params.text_document.uri)
        try:
            return await loop.run_in_executor(ls.executor, ls.code_actions, params,
                                              snapshot) or None
        except NewslintError as exc:
            log.warning("newslint: %s", exc)
            return None

    return server


def run_server(argv: Sequence[str] = ()) -> int:
    """Entry point of `newslint server`: serve one client over stdin/stdout."""
    import argparse

    p = argparse.ArgumentParser(prog="newslint server",
                                description="Run the newslint language server (LSP) on stdio.")
    p.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    p.add_argument("--log-file", help="write the server's log here")
    args = p.parse_args(list(argv))
    if args.log_file:
        logging.basicConfig(filename=args.log_file, level=logging.INFO)
    from .warmstart import enable

    enable()  # the editor waits for the first diagnostics: reuse compiled patterns
    server = create_server()
    server.start_io()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_server(sys.argv[1:]))
