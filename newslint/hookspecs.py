"""The plugin API of newslint: every hook a plugin may implement, and its contract.

Built-in rules, rule packs, readers and formatters are registered through these same hooks
(see `newslint.builtin`); third-party plugins are found through the entry-point group
``newslint`` and can be switched off with ``NEWSLINT_DISABLE_PLUGIN_AUTOLOAD=1``.

A plugin is any module or object with functions marked ``@newslint.hookimpl`` whose names
match the specs below. Implementations may accept only the arguments they need.

Lifecycle of one run::

    newslint_add_rules / newslint_add_rule_packs / newslint_add_pack_kinds   (once, at start)
    newslint_add_formatters                                                   (once)
    for every file:  newslint_read_document  ->  newslint_check_document
                                              ->  newslint_collect_facts
    once, after all files:                        newslint_check_corpus
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

import pluggy

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from .document import Document
    from .model import Finding
    from .rule import Rule

hookspec = pluggy.HookspecMarker("newslint")
hookimpl = pluggy.HookimplMarker("newslint")


# -- registration hooks (called once per run) -----------------------------------------------
@hookspec
def newslint_add_rules() -> Iterable[Rule]:
    """Contribute code rules.

    :return: `Rule` objects (made with ``@newslint.rule`` or ``@newslint.corpus_rule``;
        pass ``function.rule``). Codes and names must be unique across all plugins.
    """


@hookspec
def newslint_add_rule_packs() -> Iterable[Path]:
    """Contribute declarative rule packs.

    :return: paths of TOML pack files or of folders holding ``*.toml`` packs.
    """


@hookspec
def newslint_add_pack_kinds() -> Mapping[str, Callable[[Mapping[str, Any], str], Rule]]:
    """Contribute declarative rule kinds usable as ``kind = "..."`` in a pack's ``[[rule]]``.

    :return: a mapping of kind name to a builder ``builder(table, source) -> Rule`` that turns
        one ``[[rule]]`` table (and the pack's file name, for messages) into a `Rule`.
        Raise `newslint.errors.PackError` with a clear message for a malformed table.
    """


@hookspec
def newslint_add_formatters() -> Mapping[str, Callable[..., None]]:
    """Contribute output formats for ``--format NAME``.

    :return: a mapping of format name to ``write(report, stream)``, where ``report`` is a
        `newslint.engine.Report` (diagnostics, per-file problems, rules, options).
    """


# -- per-document hooks -------------------------------------------------------------------
@hookspec(firstresult=True)
def newslint_read_document(path: str, raw: bytes) -> Document | None:
    """Turn a file's bytes into a `Document`; the first non-None answer wins.

    Readers decide by file name (``.md``: Markdown, ``.html``: visible text, else plain
    text). A reader raises `newslint.document.DecodeError` for bytes it cannot decode.
    """


@hookspec
def newslint_check_document(
    document: Document, rules: list[Rule], options: Mapping[str, Mapping[str, Any]]
) -> Iterable[tuple[str, Finding]]:
    """Check one document.

    :param rules: the selected document rules (rules without ``check`` are not passed).
    :param options: rule name -> that rule's resolved options.
    :return: ``(rule code, Finding)`` pairs; the code must belong to a registered rule.

    Every implementation is called separately: one that raises is reported as an
    internal-error diagnostic on that file and the others still run.
    """


@hookspec
def newslint_collect_facts(
    document: Document, rules: list[Rule], options: Mapping[str, Mapping[str, Any]]
) -> Mapping[str, Any]:
    """Map step of corpus rules: collect small, picklable facts from one document.

    :return: rule code -> facts for that rule (for example name mentions with spans).
    """


@hookspec
def newslint_check_corpus(
    facts: Mapping[str, Mapping[str, Any]],
    rules: list[Rule],
    options: Mapping[str, Mapping[str, Any]],
) -> Iterable[tuple[str, str, Finding]]:
    """Reduce step of corpus rules: see the facts of every document of the run.

    :param facts: rule code -> {path -> facts that rule collected from that path}.
    :return: ``(rule code, path, Finding)`` triples; offsets are into that path's document.
    """
