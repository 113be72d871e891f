"""Cost of the name-consistency corpus pass (NL401) as the corpus grows.

    python bench/bench_consistency.py                     # 1k, 5k and 10k articles
    python bench/bench_consistency.py --articles 1000 20000 --corpus names

For each size it builds the articles in memory (``--corpus news``: bench/generate.py, about
600 words each with names in several transliterations; ``--corpus names``: the name-dense
synthetic articles of tests/test_consistency.py, with planted variant spellings), then times

* read: parsing each article into a Document (shared by every rule; shown for scale), and
  split: ``text.split()`` over every article, a yardstick for how fast the machine is;
* collect: extracting each document's name facts (the map step every worker runs; the facts
  are what crosses process boundaries, so their pickled size is printed too);
* reduce: the corpus pass over all facts (blocking, variant judgement, reports), in one
  process, as the engine runs it;

and the peak memory the reduce step allocates (tracemalloc, measured in a second run so that
tracing does not slow the timed one). A near-linear pass shows a roughly constant cost per
article from 1k to 10k. This is a script, not a test: figures depend on the machine and on
what else it is doing.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import pickle
import sys
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def news_articles(n: int, seed: int = 8) -> dict[str, str]:
    sys.path.insert(0, str(HERE))
    import generate

    return dict(generate.article(i, 600, seed) for i in range(n))


def name_articles(n: int, seed: int = 8) -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("_nl_consistency_tests",
                                                  ROOT / "tests" / "test_consistency.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["tests"] = type(sys)("tests")  # the test module imports `.helpers`
    sys.modules["tests"].__path__ = [str(ROOT / "tests")]
    module.__package__ = "tests"
    spec.loader.exec_module(module)
    files, _planted = module.synthetic_corpus(n, seed=seed)
    return files


def measure(texts: dict[str, str]) -> dict[str, float]:
    from newslint.checks.consistency import transliteration
    from newslint.config import Config
    from newslint.engine import Linter
    from newslint.readers import read_plain

    rule = transliteration.rule
    linter = Linter(Config(select=[rule.code]))
    options = linter.options[rule.name]
    raw = {name: text.encode("utf-8") for name, text in texts.items()}
    words = sum(len(text.split()) for text in texts.values())

    gc.collect()
    start = time.perf_counter()
    docs = {name: read_plain(name, data) for name, data in raw.items()}
    for doc in docs.values():
        doc.line_starts  # computed once per document by the engine for every rule
    read = time.perf_counter() - start
    start = time.perf_counter()
    for doc in docs.values():
        doc.text.split()
    split = time.perf_counter() - start
    start = time.perf_counter()
    facts = {name: rule.collect(doc, options) for name, doc in docs.items()}
    collect = time.perf_counter() - start
    del docs
    size = len(pickle.dumps(facts, protocol=pickle.HIGHEST_PROTOCOL))

    gc.collect()
    start = time.perf_counter()
    reports = list(rule.reduce(facts, options))
    reduce = time.perf_counter() - start

    gc.collect()
    tracemalloc.start()
    list(rule.reduce(facts, options))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"articles": len(texts), "words": words, "read_s": read, "split_s": split,
            "collect_s": collect,
            "reduce_s": reduce,
            "facts_mb": size / 1e6, "reduce_peak_mb": peak / 1e6, "reports": len(reports)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--corpus", choices=["news", "names"], default="news")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    make = news_articles if args.corpus == "news" else name_articles
    print(f"corpus: {args.corpus}")
    print(f"{'articles':>8} {'words':>9} {'read s':>7} {'split s':>7} {'collect s':>9} "
          f"{'µs/art':>7} "
          f"{'reduce s':>8} "
          f"{'µs/art':>7} {'facts MB':>8} {'reduce peak MB':>14} {'reports':>7}")
    for n in args.articles:
        row = measure(make(n))
        print(f"{row['articles']:>8} {row['words']:>9} {row['read_s']:>7.2f} "
              f"{row['split_s']:>7.2f} "
              f"{row['collect_s']:>9.2f} "
              f"{row['collect_s'] / n * 1e6:>7.0f} {row['reduce_s']:>8.2f} "
              f"{row['reduce_s'] / n * 1e6:>7.0f} {row['facts_mb']:>8.1f} "
              f"{row['reduce_peak_mb']:>14.1f} {row['reports']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
