"""A long fuzz campaign, run by hand outside CI: ``python fuzz/campaign.py --examples 20000``.

It drives the same properties as ``tests/test_fuzz.py`` (every registered rule, hostile
Unicode, every kind of line break) with many more random examples and no fixed seed. Each
failure is shrunk by Hypothesis to a minimal input, which is written to
``tests/regressions/<property>-<hash>.json``; ``tests/test_fuzz.py`` replays every file there,
so a bug found once stays fixed. Prints the campaign size, the time taken and the findings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000,
                        help="examples per property (default 5000)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    args = parser.parse_args(argv)
    os.environ["NEWSLINT_FUZZ_EXAMPLES"] = str(args.examples)
    os.environ.setdefault("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    sys.path.insert(0, str(ROOT))

    from hypothesis import HealthCheck, given, seed, settings
    from hypothesis import strategies as st

    from tests import test_fuzz as props

    collage = st.lists(st.sampled_from(props.NEWSY + props.WORDS + props.LINE_BREAKS
                                       + props.ODD[:8]), max_size=120).map(" ".join)
    long_texts = st.lists(props.unit, min_size=50, max_size=400).map("".join)
    checks = {
        "document-model": (props.texts, _document_property(props)),
        "every-rule": (props.texts, _rule_property(props)),
        "every-rule-collage": (collage, _rule_property(props)),
        "every-rule-long": (long_texts, _rule_property(props)),
    }
    campaign = settings(max_examples=args.examples, deadline=None, database=None,
                        suppress_health_check=list(HealthCheck))
    findings = []
    started = time.perf_counter()
    for name, (strategy, prop) in checks.items():
        failing: list[tuple[str, str]] = []
        test = campaign(given(strategy)(_recorder(prop, failing)))
        if args.seed is not None:
            test = seed(args.seed)(test)
        t0 = time.perf_counter()
        try:
            test()
            spent = time.perf_counter() - t0
            print(f"{name}: {args.examples} examples, no failure ({spent:.0f} s)")
        except Exception as exc:  # noqa: BLE001 - a finding, recorded below
            text, trace = failing[-1] if failing else ("", repr(exc))
            digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
            out = ROOT / "tests" / "regressions" / f"{name}-{digest}.json"
            out.parent.mkdir(exist_ok=True)
            out.write_text(json.dumps({"text": text, "found": f"fuzz/campaign.py {name}",
                                       "error": trace.strip().splitlines()[-1]},
                                      ensure_ascii=True, indent=1) + "\n", encoding="utf-8")
            findings.append((name, out.name, trace.strip().splitlines()[-1]))
            print(f"{name}: FAILED after {time.perf_counter() - t0:.0f} s -> {out.name}")
    total = time.perf_counter() - started
    print(f"\ncampaign: {len(checks)} properties x {args.examples} examples in {total:.0f} s; "
          f"{len(findings)} finding(s)")
    for name, file, error in findings:
        print(f"  {name}: {file}: {error}")
    return 1 if findings else 0


def _recorder(prop, failing):
    """The property, remembering each failing input (the last one is the shrunk minimum)."""
    def recorded(text):
        try:
            prop(text)
        except Exception:
            failing.append((text, traceback.format_exc(limit=3)))
            raise
    return recorded


def _document_property(props):
    def prop(text):
        props.test_document_model_offsets_round_trip.hypothesis.inner_test(text)
        props.test_markdown_masks_keep_positions.hypothesis.inner_test(text)
    return prop


def _rule_property(props):
    def prop(text):
        for doc in props.make_documents(text):
            props.assert_consistent(doc, props.lint_document(doc))
    return prop


if __name__ == "__main__":
    raise SystemExit(main())
