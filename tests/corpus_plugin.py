"""Helpers for the parallel, cache and Dask tests: a generated corpus and a corpus-rule plugin.

The plugin is installed the way a real one is (a module plus a ``.dist-info`` with a
``newslint`` entry point, on PYTHONPATH), so worker processes and cluster workers, which build
their own Linter, load it too; a plugin passed in-process through ``extra_plugins`` would not
exist there.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PLUGIN_SOURCE = '''
"""A cross-file rule for tests: one person's name spelled two ways across the corpus."""
import re

from newslint import Finding, Related, corpus_rule, hookimpl

_SPELLINGS = re.compile(r"\\bZelensk(?:yy|iy|y)\\b")


def _reduce(facts_by_path, options):
    counts, first = {}, {}
    for path in sorted(facts_by_path):
        for start, end, word, line in facts_by_path[path]:
            counts[word] = counts.get(word, 0) + 1
            first.setdefault(word, (path, line))
    if len(counts) < 2:
        return
    major = max(sorted(counts), key=lambda w: counts[w])
    where, line = first[major]
    for path in sorted(facts_by_path):
        for start, end, word, _line in facts_by_path[path]:
            if word != major:
                yield path, Finding(start, end, f"{word} is spelled {major} in "
                                    f"{counts[major]} other places",
                                    related=(Related(where, line, 1, "the usual spelling"),))


@corpus_rule(code="XNL401", name="test-name-variants", category="transliteration",
             severity="warning", bad="Zelensky here, Zelenskyy there",
             good="Zelenskyy everywhere", reduce=_reduce)
def collect(doc, options):
    """One name spelled differently in different articles."""
    return [(m.start(), m.end(), m.group(), doc.position(m.start())[0])
            for m in _SPELLINGS.finditer(doc.text)]


@hookimpl
def newslint_add_rules():
    return [collect.rule]
'''


def install_plugin(site: Path) -> Path:
    """Write the plugin and its dist-info into `site` (a folder for PYTHONPATH)."""
    site.mkdir(parents=True, exist_ok=True)
    (site / "newslint_test_corpus_plugin.py").write_text(PLUGIN_SOURCE, encoding="utf-8")
    info = site / "newslint_test_corpus_plugin-0.1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint-test-corpus-plugin\n"
                                   "Version: 0.1.0\n")
    (info / "entry_points.txt").write_text("[newslint]\ntestcorpus = newslint_test_corpus_plugin\n")
    return site


def bench_generate():
    """The benchmark's corpus generator (bench/generate.py), imported by path."""
    spec = importlib.util.spec_from_file_location("newslint_bench_generate",
                                                  ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_corpus(folder: Path, n: int, words: int = 120, seed: int = 8) -> list[Path]:
    return bench_generate().generate_corpus(folder, n, words=words, seed=seed, per_folder=40)
