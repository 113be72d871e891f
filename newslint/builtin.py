"""newslint's own features, registered through the public hooks like any plugin would be."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any, Iterable, Mapping

from . import checks
from .document import Document
from .engine import (INPUT_ERROR, INTERNAL_ERROR, collect_facts, collect_facts_batch,
                     reduce_corpus, run_rules, run_rules_batch)
from .hookspecs import hookimpl
from .packs import bundled_pack_dir, build_phrase_rule
from .rule import Rule, rules_in


def builtin_check_modules() -> list[str]:
    """Every module of `newslint.checks` (one per rule family): adding a file adds its rules."""
    return sorted(f"{checks.__name__}.{m.name}" for m in pkgutil.iter_modules(checks.__path__)
                  if not m.name.startswith("_"))


@hookimpl
def newslint_add_rules() -> list[Rule]:
    rules = [INPUT_ERROR, INTERNAL_ERROR]
    for name in builtin_check_modules():
        rules.extend(rules_in(importlib.import_module(name)))
    return rules


@hookimpl
def newslint_add_rule_packs() -> list[Path]:
    return [bundled_pack_dir()]


@hookimpl
def newslint_add_pack_kinds() -> Mapping[str, Any]:
    return {"phrase": build_phrase_rule}


@hookimpl
def newslint_add_formatters() -> Mapping[str, Any]:
    from .formatters import FORMATTERS

    return FORMATTERS


@hookimpl(trylast=True)
def newslint_read_document(path: str, raw: bytes) -> Document:
    from .readers import is_markdown, read_markdown, read_plain

    if path.lower().endswith((".html", ".htm", ".xhtml")):
        from .html import read_html

        return read_html(path, raw)
    return read_markdown(path, raw) if is_markdown(path) else read_plain(path, raw)


@hookimpl
def newslint_check_document(document: Document, rules: list[Rule], options) -> Iterable:
    return run_rules(document, [r for r in rules if r.check is not None], options)


@hookimpl
def newslint_collect_facts(document: Document, rules: list[Rule], options):
    return collect_facts(document, [r for r in rules if r.collect is not None], options)


# The batched forms the engine calls when it lints several files at once (rule by rule).
newslint_check_document.newslint_batch = lambda documents, rules, options: run_rules_batch(
    documents, [r for r in rules if r.check is not None], options)
newslint_collect_facts.newslint_batch = lambda documents, rules, options: collect_facts_batch(
    documents, [r for r in rules if r.collect is not None], options)


@hookimpl
def newslint_check_corpus(facts, rules: list[Rule], options):
    return reduce_corpus(facts, [r for r in rules if r.collect is not None], options)
