"""Benchmark the grammar and spelling backends and the mechanics/readability rules.

Usage: python bench/bench_backends.py [CORPUS_DIR] [--limit N] [--backends dictionary,harper]

For each backend: the start-up cost (building it: loading a word list, a grammar engine or
starting LanguageTool), the cost per article, and how many reports per 1,000 words it makes
before and after newslint's news filters (on edited copy every report is a candidate false
positive). Then the cost per article of each mechanics and readability rule, and of textstat
against the cheap grade estimate. CORPUS_DIR defaults to the repository's seeds/.
A backend that cannot run here (LanguageTool without Java or a server) is listed with why.
Times are CPU time of this process (time.process_time), so that a busy shared machine does
not inflate them; a LanguageTool server's own time is not included.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _documents(folder: Path, limit: int):
    from newslint.document import Document

    paths = sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md"))[:limit]
    return [Document(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]


def _options(grammar):
    from newslint.plugins import RuleOptions

    options = RuleOptions()
    options.grammar = grammar
    options.vocabulary = frozenset()
    return options


def bench_backend(name: str, docs, words: int, settings: dict) -> None:
    from newslint.backends import BACKENDS, BackendUnavailable, settings_of
    from newslint.checks.spelling import _mechanics_spans, news_filter

    full = settings_of(settings)
    if name == "languagetool" and not full["server"]:
        from newslint.backends.languagetool import local_install_present

        if not local_install_present():  # building it would download LanguageTool
            print(f"{name:12s} not measured: no --server given and no local LanguageTool "
                  "installed (Java + a download on first use)")
            return
    started = time.process_time()
    try:
        backend = BACKENDS[name](full)
    except BackendUnavailable as exc:
        print(f"{name:12s} not available here: {exc}")
        return
    startup = time.process_time() - started
    raw_by_kind: collections.Counter = collections.Counter()
    kept_by_kind: collections.Counter = collections.Counter()
    started = time.process_time()
    results = [backend.check(doc.text) for doc in docs]
    per_article = (time.process_time() - started) / max(len(docs), 1)
    options = _options(settings)
    for doc, matches in zip(docs, results):
        for match in matches:
            raw_by_kind[match.kind] += 1
        own = () if name == "dictionary" else _mechanics_spans(doc)
        for kind in ("spelling", "grammar"):
            kept = news_filter(doc, matches, options, kinds=frozenset({kind}), own_spans=own)
            kept_by_kind[kind] += len(kept)
    backend.close()
    rate = lambda n: 1000.0 * n / max(words, 1)  # noqa: E731
    print(f"{name:12s} start-up {startup * 1000:8.1f} ms   "
          f"per article {per_article * 1000:8.2f} ms")
    for kind in ("spelling", "grammar"):
        print(f"{'':12s} {kind:9s} per 1,000 words: {rate(raw_by_kind[kind]):6.2f} raw -> "
              f"{rate(kept_by_kind[kind]):6.2f} after news filters")
    others = {k: v for k, v in raw_by_kind.items() if k not in ("spelling", "grammar")}
    if others:
        print(f"{'':12s} other kinds (left to newslint's own rules): {dict(others)}")


def bench_rules(docs) -> None:
    from newslint.checks import mechanics, readability, spelling

    rules = [mechanics.repeated_word, mechanics.double_space,
             mechanics.missing_space_after_punctuation, mechanics.space_before_punctuation,
             mechanics.leading_space, spelling.misspelling, readability.long_sentence,
             readability.long_paragraph, readability.reading_grade]
    print("\nrule costs per article (documents already split into sentences):")
    for doc in docs:
        doc.sentences  # computed once per document by the engine, shared by all rules
    for fn in rules:
        rule = fn.rule
        options = _options({})
        options.update(rule.options)
        list(fn(docs[0], options))  # warm: lazy word lists, compiled patterns
        started = time.process_time()
        found = sum(len(list(fn(doc, options))) for doc in docs)
        cost = (time.process_time() - started) / len(docs)
        print(f"  {rule.code} {rule.name:34s} {cost * 1e6:9.1f} us   {found} reports")
    import textstat

    started = time.process_time()
    for doc in docs:
        textstat.flesch_kincaid_grade(doc.text)
    exact = (time.process_time() - started) / len(docs)
    started = time.process_time()
    for doc in docs:
        readability.estimate_grade(doc.text)
    estimate = (time.process_time() - started) / len(docs)
    print(f"  textstat.flesch_kincaid_grade {exact * 1e6:9.1f} us per article; "
          f"the cheap estimate {estimate * 1e6:6.1f} us")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "seeds"))
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--backends", default="dictionary,harper,languagetool")
    parser.add_argument("--server", default="", help="a LanguageTool server URL to measure")
    args = parser.parse_args()
    docs = _documents(Path(args.corpus), args.limit)
    words = sum(len(doc.text.split()) for doc in docs)
    print(f"{len(docs)} articles, {words} words\n")
    settings = {"server": args.server} if args.server else {}
    for name in args.backends.split(","):
        bench_backend(name.strip(), docs, words, settings)
    bench_rules(docs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
