"""Readability (NL601-NL603): long sentences, long paragraphs, reading grade."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newslint.checks.readability import estimate_grade, exact_grade

from .helpers import assert_seed_rows, codes, lint

SHORT = "The council met on Monday. It approved the budget. Officials said work starts soon."
LONG_SENTENCE = ("The ministry, which had been under pressure from opposition parties, unions and "
                 "several regional governments for months, said on Tuesday that it would review "
                 "the plan, which critics say would cut services in rural areas, after the "
                 "summer recess and a consultation with councils.")


def test_seed_rows_for_readability_are_reported():
    assert_seed_rows(["readability"])


def test_long_sentence_reported_on_that_sentence():
    text = f"{SHORT}\n\n{SHORT} {LONG_SENTENCE}"
    diags = lint(text, select=["NL601"])
    assert codes(diags) == ["NL601"]
    assert diags[0].line == 3 and text[diags[0].start:diags[0].end] == LONG_SENTENCE
    assert str(diags[0].severity) == "info"


def test_long_sentence_threshold_is_an_option():
    assert lint(LONG_SENTENCE, select=["NL601"], rules={"long-sentence": {"max-words": 60}}) == []


@pytest.mark.parametrize("text", [
    SHORT,
    # a heading line with no full stop is not glued to the next sentence
    "Security guarantees for Ukraine amid talks on a ceasefire and on the future of the "
    "alliance\n" + SHORT,
    # a table row is not a sentence
    "| " + " | ".join(["cell"] * 50) + " |",
])
def test_long_sentence_not_reported(text):
    assert lint(text, select=["NL601"]) == []


def test_long_paragraph_by_words_points_at_the_paragraph():
    words = " ".join(["The committee reviewed the plan and the budget again"] * 15) + "."
    text = f"Title\n\n{SHORT}\n\n{words}\n\n{SHORT}"
    diags = lint(text, select=["NL602"])
    assert [d.line for d in diags] == [5]


def test_long_paragraph_by_sentences():
    text = " ".join(["Officials met."] * 7)
    assert codes(lint(text, select=["NL602"])) == ["NL602"]
    assert lint(" ".join(["Officials met."] * 6), select=["NL602"]) == []


def test_paragraphs_one_per_line_are_counted_separately():
    # no blank lines between paragraphs: each line that ends a sentence is a paragraph
    text = "Title\n" + "\n".join([SHORT] * 8)
    assert lint(text, select=["NL602"]) == []


def test_hard_wrapped_paragraph_counts_as_one():
    line = "the committee reviewed the plan and the budget again and"
    text = "\n".join([line] * 14) + " stopped."
    assert codes(lint(text, select=["NL602"])) == ["NL602"]


def test_reading_grade_reported_for_dense_copy():
    dense = ("Notwithstanding considerable institutional uncertainty, intergovernmental "
             "negotiators characterised the comprehensive multilateral reconstruction "
             "arrangements as fundamentally unsustainable, emphasising the extraordinarily "
             "complicated administrative, constitutional and jurisdictional considerations "
             "accompanying implementation. ")
    text = dense * 8
    diags = lint(text, select=["NL603"])
    assert codes(diags) == ["NL603"] and "reading grade" in diags[0].message


def test_reading_grade_quiet_on_plain_copy_and_short_text():
    assert lint((SHORT + " ") * 20, select=["NL603"]) == []
    assert lint("Notwithstanding institutional considerations.", select=["NL603"]) == []


def test_estimate_tracks_textstat():
    plain = (SHORT + " ") * 10
    assert abs(estimate_grade(plain) - exact_grade(plain)) < 3.5


def test_textstat_works_with_the_network_off():
    """textstat 0.7.8 needs no download; later versions fetch NLTK data at run time."""
    code = (
        "import pytest_socket; pytest_socket.disable_socket()\n"
        "import textstat\n"
        "grade = textstat.flesch_kincaid_grade('The council met on Monday. It approved the "
        "budget for the coming year after a long debate.')\n"
        "assert 0 < grade < 20, grade\n"
        "from newslint.checks.readability import exact_grade\n"
        "print(exact_grade('Officials met. They agreed.'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


_GRADES = r'''
import json, sys
from pathlib import Path
if sys.argv[1] != "plain":
    from newslint import warmstart
    warmstart.enable(Path(sys.argv[1]))
from newslint.checks.readability import exact_grade
texts = json.loads(sys.stdin.read())
print(json.dumps([exact_grade(t) for t in texts]))
'''


def test_grades_from_the_start_up_store_equal_textstat_s_own(tmp_path):
    """With the store on, syllables come from a stored table and Pyphen's stored patterns
    instead of parsing the CMU dictionary (1.3 s): every grade must stay textstat's."""
    import json
    import os
    import subprocess
    import sys

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    texts += [
        "Zelenskyy and Witkoff met in Riyadh; the Kremlin's envoy, Dmitriev, did not attend.",
        "Photosynthesis notwithstanding, the antidisestablishmentarian quorum adjourned.",
        "Short. Very short. Yes.",
        "",
    ]
    env = {k: v for k, v in os.environ.items() if k != "NEWSLINT_NO_CACHE"}

    def grades(mode: str) -> list[float]:
        done = subprocess.run([sys.executable, "-c", _GRADES, mode], input=json.dumps(texts),
                              capture_output=True, text=True, check=True, env=env)
        return json.loads(done.stdout)

    plain = grades("plain")
    store = tmp_path / "cache"
    assert grades(str(store)) == plain  # first run: tables computed and stored
    from newslint import warmstart

    [path] = store.glob("regex-*.marshal")
    kinds = {kind for kind, _ in warmstart._load(path)["memo"]}
    assert {"cmu-syllables", "pyphen"} <= kinds
    assert grades(str(store)) == plain  # later runs: served from the store
