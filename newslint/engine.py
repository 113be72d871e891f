"""The engine: files -> Documents -> findings and facts -> corpus pass -> Diagnostics.

`Linter.lint_file` is the map step (one file, independent of all others) and
`Linter.finish` the reduce step; `Linter.run` does both in this process. Parallel and
distributed runners call the same two methods.
"""

from __future__ import annotations

import os
import sys
from array import array
from collections import Counter
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, Iterable, Mapping, Sequence

from .config import Config
from .discover import discover
from .document import DecodeError, Document
from .model import Diagnostic, Finding, Fix, Related, Severity
from .plugins import Registry, RuleOptions, get_plugin_manager
from .rule import Rule
from .selection import Selection
from .suppress import Suppression, parse_suppressions

__all__ = ["Linter", "Report", "FileResult", "INPUT_ERROR", "INTERNAL_ERROR"]

#: Largest file read whole; bigger files are reported and skipped (bounded memory).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Largest text linted (code points, about 80,000 words; a long feature is 30,000). A longer
#: text is linted up to the last paragraph (or line, or space) break before this budget and a
#: warning says where linting stopped, so every rule's time stays bounded on a runaway file.
MAX_LINT_CHARS = 500_000

INPUT_ERROR = Rule(
    code="NL001", name="input-error", category="input_error", severity=Severity.ERROR,
    summary="A file could not be read, decoded or found.",
    explanation="newslint reads articles as UTF-8 (a byte-order mark is accepted) or UTF-16 "
    "with a byte-order mark. A file that is missing, unreadable, binary or in another "
    "encoding is reported once, and the run goes on with the other files.",
    bad="photo.txt: binary file (contains NUL bytes); not linted",
    good="article.txt saved as UTF-8",
    source="newslint.engine",
)
INTERNAL_ERROR = Rule(
    code="NL002", name="internal-error", category="input_error", severity=Severity.ERROR,
    summary="A rule or plugin failed on this file; its findings are missing.",
    explanation="A rule that raises an exception does not stop the run: the error is "
    "reported on the file it happened on, naming the rule, and every other rule still runs. "
    "Report it to the rule's author with the file that triggers it.",
    bad="NL002 rule NL999 (my-plugin-rule) failed: ZeroDivisionError('division by zero')",
    good="no NL002 reports",
    source="newslint.engine",
)


@dataclass
class FileResult:
    """What the map step knows about one file: its diagnostics and its corpus facts.

    Only compact data is kept (line starts, masks, suppressions), never the text, so that
    corpus findings can still be placed and filtered after the document is gone. Results
    are held until the end of a run, so line starts are a packed array of 32-bit offsets
    (a text is cut to MAX_LINT_CHARS): a quarter of the memory of a list of ints.
    """

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    line_starts: Sequence[int] = (0,)
    length: int = 0
    masked: tuple[tuple[int, int], ...] = ()
    suppressions: tuple[Suppression, ...] = ()
    status: str = "ok"  # "ok" | "error" | "empty"
    message: str = ""


@dataclass
class Report:
    """The outcome of a run, handed to a formatter."""

    diagnostics: list[Diagnostic]
    files: list[FileResult]
    registry: Registry
    selected: list[Rule]
    config: Config
    show_source: bool = False
    color: bool = False
    statistics: bool = False
    sources: dict[str, list[str]] = field(default_factory=dict)

    def rule(self, code: str) -> Rule | None:
        return self.registry.rules.get(code)

    def counts(self) -> dict[str, int]:
        by_severity = Counter(map(attrgetter("severity"), self.diagnostics))
        return {str(severity): by_severity[severity]
                for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


class Linter:
    """Lints documents with the rules a configuration selects."""

    def __init__(self, config: Config | None = None, plugin_manager=None,
                 extra_plugins: Iterable[Any] = ()) -> None:
        self.config = config or Config()
        self.pm = plugin_manager or get_plugin_manager(extra_plugins=extra_plugins)
        self.registry = Registry.build(self.pm, self.config)
        self.registry.check_config(self.config)
        self.selection = Selection(self.registry.rules, self.config)
        selected = self.selection.selected
        self.document_rules = [r for r in selected if r.check is not None]
        self.corpus_rules = [r for r in selected if r.collect is not None]
        self.options: dict[str, RuleOptions] = {
            r.name: self.registry.options_for(r, self.config) for r in selected
        }

    # -- map ---------------------------------------------------------------------------------
    def read(self, path: str, raw: bytes) -> Document:
        """Bytes to Document through the reader hook (raises DecodeError)."""
        doc = self.pm.hook.newslint_read_document(path=path, raw=raw)
        if doc is None:  # pragma: no cover - the built-in reader always answers
            raise DecodeError("no reader for this file")
        return doc

    def lint_file(self, path: str, raw: bytes | None = None) -> FileResult:
        """Read and lint one file; any problem reading it becomes an NL001 diagnostic."""
        return self.lint_files([(path, raw)])[0]

    def lint_files(self, items: Sequence[tuple[str, bytes | None]]) -> list[FileResult]:
        """Read and lint several files (path, bytes or None to read the path), in order.

        The rules run rule by rule over the whole batch rather than file by file: each
        rule's code and tables then stay in the processor's caches across the batch, which
        made a run about a quarter faster (measured on batches of 16 articles). The
        results are the same as linting each file alone."""
        results: list[FileResult | None] = []
        read: list[tuple[int, Document, int]] = []
        for path, raw in items:
            prepared = self._prepare(path, raw)
            if isinstance(prepared, FileResult):
                results.append(prepared)
            else:
                read.append((len(results), *prepared))
                results.append(None)
        checked = self.check_documents([doc for _, doc, _ in read])
        for (index, doc, total), result in zip(read, checked):
            results[index] = self._finish_file(doc, total, result)
        return results  # type: ignore[return-value]

    def _prepare(self, path: str, raw: bytes | None) -> FileResult | tuple[Document, int]:
        """The file's Document and its original length when cut to the budget (else 0), or
        the FileResult that says why it cannot be linted."""
        try:
            if raw is None:
                size = os.path.getsize(path)
                if size > MAX_FILE_BYTES:
                    return self._input_problem(
                        path, f"file is {size / 1e6:.0f} MB, over the {MAX_FILE_BYTES // 2**20} "
                        "MiB limit; not linted")
                with open(path, "rb") as handle:
                    raw = handle.read()
        except OSError as exc:
            return self._input_problem(path, f"cannot read: {exc.strerror or exc}")
        raw, total = _within_budget(raw)
        try:
            doc = self.read(path, raw)
        except DecodeError as exc:
            return self._input_problem(path, str(exc))
        except Exception as exc:  # a reader plugin that crashes must not stop the run
            return self._input_problem(path, f"the reader failed on this file: {exc!r}; "
                                       "not linted", code="NL002")
        if not isinstance(doc, Document):
            return self._input_problem(path, f"the reader returned {type(doc).__name__}, not a "
                                       "Document; not linted", code="NL002")
        return doc, total

    def _finish_file(self, doc: Document, total: int, result: FileResult) -> FileResult:
        """Add the notes about the file itself: cut to the budget, or nothing to lint."""
        notes = []
        if total:
            last_line = doc.position(len(doc.text))[0]
            notes.append(("NL001", Finding(
                0, 0, f"file has {total:,} characters, over the {MAX_LINT_CHARS:,}-character "
                f"budget: only the first {len(doc.text):,} (to line {last_line}) were linted",
                severity=Severity.WARNING)))
        if not doc.text.strip():
            result.status = "empty"
            result.message = ("nothing to lint: the file is empty" if not doc.source.strip()
                              else "nothing to lint: no prose outside code and markup")
            notes.append(("NL001", Finding(0, 0, result.message, severity=Severity.INFO)))
        if notes:
            result.diagnostics.extend(self._diagnostics(result, notes))
        return result

    def check_document(self, doc: Document) -> FileResult:
        """Run every selected document rule and collect corpus facts (the map step)."""
        return self.check_documents([doc])[0]

    def check_documents(self, docs: Sequence[Document]) -> list[FileResult]:
        """`check_document` for several documents. A hook implementation that offers a
        batched form (a ``newslint_batch`` attribute: the same call with a list of documents,
        returning one answer per document) is called once for all of them."""
        results = [FileResult(
            path=doc.path, line_starts=array("I", doc.line_starts), length=len(doc.text),
            masked=doc.masked,
            suppressions=parse_suppressions(doc.source) if doc.kind != "text" else (),
        ) for doc in docs]
        if not docs:
            return results
        pairs: list[list[tuple[str, Finding]]] = [[] for _ in docs]
        for impl in self.pm.hook.newslint_check_document.get_hookimpls():
            for index, answer in enumerate(self._answers(impl, docs, self.document_rules)):
                try:
                    if isinstance(answer, BaseException):
                        raise answer
                    pairs[index].extend(_valid_pairs(answer or ()))
                except Exception as exc:
                    pairs[index].append(("NL002", _crash_finding(impl.plugin_name, exc)))
        if self.corpus_rules:
            for impl in self.pm.hook.newslint_collect_facts.get_hookimpls():
                for index, facts in enumerate(self._answers(impl, docs, self.corpus_rules)):
                    if isinstance(facts, BaseException):
                        pairs[index].append(("NL002", _crash_finding(impl.plugin_name, facts)))
                        continue
                    facts = facts or {}
                    if not isinstance(facts, dict):
                        pairs[index].append(("NL002", _crash_finding(impl.plugin_name, TypeError(
                            f"returned {type(facts).__name__} where a dict of facts was "
                            "expected"))))
                        continue
                    for message in facts.pop("NL002", ()):
                        pairs[index].append(("NL002", Finding(0, 0, message)))
                    results[index].facts.update(facts)
        for result, found in zip(results, pairs):
            result.diagnostics = self._diagnostics(result, found)
        return results

    def _answers(self, impl, docs: Sequence[Document], rules: list[Rule]) -> list[Any]:
        """One hook implementation's answer for each document (an exception it raised
        stands in for the answer of the document it raised on)."""
        batched = getattr(impl.function, "newslint_batch", None)
        if batched is not None and len(docs) > 1:
            try:
                answers = list(batched(docs, rules, self.options))
                if len(answers) == len(docs):
                    return answers
            except Exception:  # noqa: BLE001 - fall back to one call per document
                pass
        out: list[Any] = []
        for doc in docs:
            try:
                out.append(_kwargs_call(impl, document=doc, rules=rules, options=self.options))
            except Exception as exc:
                out.append(exc)
        return out

    def _input_problem(self, path: str, message: str, code: str = "NL001") -> FileResult:
        result = FileResult(path=path, status="error", message=message)
        result.diagnostics = self._diagnostics(result, [(code, Finding(0, 0, message))])
        return result

    # -- reduce ------------------------------------------------------------------------------
    def finish(self, results: Sequence[FileResult], missing: Iterable = ()) -> list[Diagnostic]:
        """The corpus pass over every file's facts, then all diagnostics sorted."""
        by_path = {r.path: r for r in results}
        diagnostics = [d for r in results for d in r.diagnostics]
        for item in missing:
            problem = FileResult(path=item.path, status="error", message=item.reason)
            diagnostics.extend(self._diagnostics(problem, [("NL001", Finding(0, 0, item.reason))]))
        if self.corpus_rules:
            facts: dict[str, dict[str, Any]] = {}
            for result in results:
                for code, value in result.facts.items():
                    facts.setdefault(code, {})[result.path] = value
            for impl in self.pm.hook.newslint_check_corpus.get_hookimpls():
                try:
                    triples = list(_kwargs_call(impl, facts=facts, rules=self.corpus_rules,
                                                options=self.options) or ())
                    for triple in triples:
                        if not (isinstance(triple, tuple) and len(triple) == 3
                                and isinstance(triple[1], str)):
                            raise TypeError(f"returned {triple!r:.80} where (code, path, "
                                            "Finding) was expected")
                        _valid_pairs([(triple[0], triple[2])])
                except Exception as exc:
                    first = results[0].path if results else "<corpus>"
                    triples = [("NL002", first, _crash_finding(impl.plugin_name, exc))]
                grouped: dict[str, list[tuple[str, Finding]]] = {}
                for code, path, finding in triples:
                    grouped.setdefault(path, []).append((code, finding))
                for path, pairs in grouped.items():
                    target = by_path.get(path) or FileResult(path=path)
                    diagnostics.extend(self._diagnostics(target, pairs))
        diagnostics.sort(key=Diagnostic.sort_key)
        return diagnostics

    def run(self, paths: Sequence[str], stdin_filename: str | None = None) -> Report:
        """Discover, lint and reduce in this process."""
        files, missing = discover(paths, self.config.extensions, self.config.exclude)
        results = []
        for path in files:
            if path == "-":
                raw = sys.stdin.buffer.read()
                results.append(self.lint_file(stdin_filename or "<stdin>", raw))
            else:
                results.append(self.lint_file(path))
        return self.report(results, missing)

    def report(self, results: Sequence[FileResult], missing: Iterable = ()) -> Report:
        missing = list(missing)
        diagnostics = self.finish(results, missing)
        files = list(results) + [FileResult(path=m.path, status="error", message=m.reason)
                                 for m in missing]
        return Report(diagnostics, files, self.registry, self.selection.selected, self.config)

    def lint_text(self, text: str, path: str = "article.txt") -> list[Diagnostic]:
        """Lint one text as if it were a file of that name (with its corpus pass)."""
        result = self.lint_file(path, text.encode("utf-8"))
        return self.finish([result])

    # -- findings to diagnostics -------------------------------------------------------------
    def _diagnostics(self, result: FileResult,
                     pairs: Iterable[tuple[str, Finding]]) -> list[Diagnostic]:
        config = self.config
        ignored = self.selection.ignored_for(result.path)
        out: list[Diagnostic] = []
        for code, finding in pairs:
            rule = self.registry.rules.get(code) or (INPUT_ERROR if code == "NL001"
                                                     else INTERNAL_ERROR)
            if rule.category != "input_error" and not self.selection.is_selected(rule.code):
                continue
            if code in ignored:
                continue
            start, end = _clamp(finding.start, finding.end, result.length)
            if result.masked and rule.category != "input_error" \
                    and _touches(result.masked, start, end):
                start, end = _trim_masked_tail(result.masked, start, end)
                if start >= end or _touches(result.masked, start, end):
                    continue
            severity = (config.severity.get(rule.code) or config.severity.get(rule.name)
                        or finding.severity or rule.severity)
            if severity < config.min_severity and rule.category != "input_error":
                continue
            line, column = _position(result.line_starts, start)
            end_line, end_column = _position(result.line_starts, end)
            if any(s.covers(line, rule.code, rule.name) for s in result.suppressions):
                continue
            fix = finding.fix
            if fix is not None:
                fstart, fend = _clamp(fix.start, fix.end, result.length)
                if (fstart, fend) != (fix.start, fix.end):
                    fix = None
            out.append(Diagnostic(
                path=result.path, line=line, column=column, end_line=end_line,
                end_column=end_column, code=rule.code, name=rule.name, category=rule.category,
                severity=severity, message=finding.message, fix=fix,
                related=finding.related, url=rule.url(), start=start, end=end,
            ))
        return out


def _kwargs_call(impl, **available: Any) -> Any:
    """Call one hook implementation with only the arguments it declares (as pluggy does)."""
    return impl.function(*[available[name] for name in impl.argnames])


def _within_budget(raw: bytes) -> tuple[bytes, int]:
    """Cut a text over MAX_LINT_CHARS at a break; return (bytes to read, original length or 0).

    Bytes that are not text newslint decodes are passed on whole (the reader reports them).
    """
    if len(raw) <= MAX_LINT_CHARS:
        return raw, 0
    from .document import decode

    try:
        text, encoding = decode(raw)
    except DecodeError:
        return raw, 0
    if len(text) <= MAX_LINT_CHARS:
        return raw, 0
    head = text[:MAX_LINT_CHARS]
    cut = -1
    for sep in ("\n\n", "\r\n\r\n", "\r\r", "\n", "\r"):
        found = head.rfind(sep)
        if found > MAX_LINT_CHARS // 2:
            cut = found + len(sep)
            break
    if cut == -1:  # one enormous line: cut after the last white space
        spaces = [head.rfind(c) for c in " \t"]
        cut = max(spaces) + 1 if max(spaces) > MAX_LINT_CHARS // 2 else MAX_LINT_CHARS
    head = head[:cut]
    if encoding == "utf-16":
        return head.encode("utf-16"), len(text)
    bom = b"\xef\xbb\xbf" if encoding == "utf-8-sig" else b""
    return bom + head.encode("utf-8"), len(text)


def _check_finding(finding: Any) -> None:
    """Raise TypeError unless `finding` is a well-formed Finding (plugins may return garbage)."""
    if not isinstance(finding, Finding):
        raise TypeError(f"yielded {type(finding).__name__}, not a Finding")
    if not (type(finding.start) is int and type(finding.end) is int):
        raise TypeError(f"Finding offsets must be int, got {finding.start!r}, {finding.end!r}")
    if not isinstance(finding.message, str):
        raise TypeError(f"Finding message must be str, got {type(finding.message).__name__}")
    if finding.severity is not None and not isinstance(finding.severity, Severity):
        raise TypeError(f"Finding severity must be a Severity, got {finding.severity!r}")
    fix = finding.fix
    if fix is not None and not (isinstance(fix, Fix) and type(fix.start) is int
                                and type(fix.end) is int and isinstance(fix.replacement, str)):
        raise TypeError(f"Finding fix must be a Fix with int offsets, got {fix!r:.80}")
    if not all(isinstance(r, Related) for r in finding.related or ()):
        raise TypeError("Finding related must be Related items")


def _valid_pairs(pairs: Iterable[Any]) -> list[tuple[str, Finding]]:
    """A hook's (code, Finding) pairs, checked; garbage raises TypeError (one NL002)."""
    out = []
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], str)):
            raise TypeError(f"returned {pair!r:.80} where (code, Finding) was expected")
        _check_finding(pair[1])
        out.append(pair)
    return out


def _crash_finding(plugin: str, exc: BaseException) -> Finding:
    return Finding(0, 0, f"plugin {plugin} failed on this file: {exc!r}; "
                   "its findings are missing")


def _position(line_starts: Sequence[int], offset: int) -> tuple[int, int]:
    index = bisect_right(line_starts, offset) - 1
    index = max(index, 0)
    return index + 1, offset - line_starts[index] + 1


def _clamp(start: int, end: int, length: int) -> tuple[int, int]:
    start = max(0, min(start, length))
    end = max(start, min(end, length))
    return start, end


def _trim_masked_tail(masked: tuple[tuple[int, int], ...], start: int,
                      end: int) -> tuple[int, int]:
    """Cut a span where it runs on into a masked region (a pattern that ran on into blanked
    markup at a line end). A span that starts in, or holds, masked text is not trimmed:
    the finding may be about the masked text itself."""
    for m_start, m_end in masked:
        if start < m_start < end <= m_end:
            return start, m_start
    return start, start


def _touches(masked: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    end = max(end, start + 1)
    for m_start, m_end in masked:
        if m_start >= end:
            return False
        if m_end > start:
            return True
    return False


def run_rules(document: Document, rules: Sequence[Rule],
              options: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, Finding]]:
    """Run document rules one by one; a rule that raises becomes one NL002 finding."""
    return run_rules_batch([document], rules, options)[0]


def run_rules_batch(documents: Sequence[Document], rules: Sequence[Rule],
                    options: Mapping[str, Mapping[str, Any]]) -> list[list[tuple[str, Finding]]]:
    """`run_rules` for several documents, rule by rule (each rule's code and tables stay in
    the processor's caches); each document gets the same findings in the same order."""
    out: list[list[tuple[str, Finding]]] = [[] for _ in documents]
    for rule in rules:
        rule_options = options[rule.name]
        code = rule.code
        for document, found in zip(documents, out):
            if getattr(rule_options, "unavailable", False):
                break
            try:
                for finding in rule.check(document, rule_options):
                    _check_finding(finding)
                    found.append((code, finding))
            except Exception as exc:
                message = _failure(rule, rule_options, exc)
                if message:
                    found.append(("NL002", Finding(0, 0, message)))
    return out


def collect_facts_batch(documents: Sequence[Document], rules: Sequence[Rule],
                        options: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """`collect_facts` for several documents, rule by rule."""
    out: list[dict[str, Any]] = [{} for _ in documents]
    for rule in rules:
        rule_options = options[rule.name]
        for document, facts in zip(documents, out):
            if getattr(rule_options, "unavailable", False):
                break
            try:
                facts[rule.code] = rule.collect(document, rule_options)
            except Exception as exc:
                message = _failure(rule, rule_options, exc)
                if message:
                    facts.setdefault("NL002", []).append(message)
    return out


def _failure(rule: Rule, rule_options: Any, exc: Exception) -> str | None:
    """The NL002 message for a rule that raised, or None when it was already reported.

    A missing module is an installation problem, not a problem of this file: it is reported
    once, and the rule is skipped for the rest of the run (per process) instead of failing
    on every file.
    """
    if isinstance(exc, ImportError):
        try:
            rule_options.unavailable = True
        except AttributeError:  # options given as a plain mapping: report on every file
            pass
        return (f"rule {rule.code} ({rule.name}) cannot run: {exc}; reinstall newslint with "
                "its dependencies (pip install newslint); the rule is skipped for the rest "
                "of this run")
    return (f"rule {rule.code} ({rule.name}) failed on this file: {exc!r}; "
            "its findings are missing")


def collect_facts(document: Document, rules: Sequence[Rule],
                  options: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The map step of every corpus rule on one document.

    A rule that raises contributes no facts; its error is passed on under the key
    ``"NL002"`` (a list of messages), which the engine turns into internal-error reports.
    """
    return collect_facts_batch([document], rules, options)[0]


def reduce_corpus(facts: Mapping[str, Mapping[str, Any]], rules: Sequence[Rule],
                  options: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str, Finding]]:
    """The reduce step of every corpus rule; a rule that raises is reported on its first file."""
    out: list[tuple[str, str, Finding]] = []
    for rule in rules:
        if getattr(options[rule.name], "unavailable", False):
            continue  # already reported: a module it needs is missing
        rule_facts = facts.get(rule.code, {})
        try:
            found = [(rule.code, path, finding)
                     for path, finding in rule.reduce(rule_facts, options[rule.name])]
        except Exception as exc:
            where = next(iter(rule_facts), "<corpus>")
            message = (_failure(rule, options[rule.name], exc) if isinstance(exc, ImportError)
                       else f"rule {rule.code} ({rule.name}) failed in the corpus pass: {exc!r}")
            found = [("NL002", where, Finding(0, 0, message))]
        out.extend(found)
    return out
