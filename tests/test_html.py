"""HTML articles: visible text only, positions in the HTML source, suppression comments."""

from __future__ import annotations

from newslint.config import Config
from newslint.engine import Linter
from newslint.html import HtmlDocument, read_html

from .helpers import codes, lint

STORY = """Harbour plan approved after long debate

The council voted on Tuesday to approve the harbour plan, ending a debate that had run for the the better part of two years.

Share this article

Supporters said the new quay would bring jobs. “We don’t expect miracles, but this is a start,” said the mayor, who backed the plan from the beginning.

Opponents, including the fishing cooperative, said the cost was was too high and that AT&T-style contracts with private operators had failed elsewhere.

The minister said they donâ€™t expect the first ships before 2027.

Work is due to start in the spring  and will take three years.
"""

# The same story as a saved page: markup, entities, and text no reader sees (the head, a
# script, a style sheet, a comment, a hidden block) full of things the rules would report.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Share this article | the the Gazette</title>
  <style>.share::before { content: "Share this"; }</style>
  <script>var note = "the the [email protected] was was";</script>
</head>
<body>
<!-- Skip to content -->
<div hidden>Leave a Comment</div>
<h1 class="headline" data-label="the the">Harbour plan approved after long debate</h1>

<p>The council voted on Tuesday to approve the harbour plan, ending a debate that had run for the the better part of two years.</p>

<p class="chrome">Share this article</p>

<p>Supporters said the new quay would bring jobs. &ldquo;We don&rsquo;t expect miracles, but this is a start,&rdquo; said the <em>mayor</em>, who backed the plan from the beginning.</p>

<p>Opponents, including the fishing cooperative, said the cost was was too high and that AT&amp;T-style contracts with private operators had failed elsewhere.</p>

<p>The minister said they donâ€™t expect the first ships before 2027.</p>

<p>Work is due to start in the spring  and will take three years.</p>
<script type="application/ld+json">{"headline": "Leave a Comment"}</script>
</body>
</html>
"""


def _lint(text: str, path: str):
    return Linter(Config()).lint_text(text, path)


def test_saved_page_yields_the_same_findings_as_its_text():
    from_text = _lint(STORY, "story.txt")
    from_html = _lint(PAGE, "story.html")
    assert len(from_text) >= 5
    assert sorted((d.code, d.message) for d in from_html) == \
        sorted((d.code, d.message) for d in from_text)


def test_findings_point_at_the_html_source_line_and_text():
    lines = PAGE.split("\n")
    for diag in _lint(PAGE, "story.html"):
        line = lines[diag.line - 1]
        assert line.startswith("<p"), (diag, line)
        flagged = {"NL503": diag.message.split("“")[-1].rstrip("”"), "NL301": "Share this",
                   "NL308": "â€™", "NL504": "  "}.get(diag.code)
        if flagged is not None:
            column = diag.column - 1
            assert line[column:column + len(flagged)] == flagged, (diag, line)


def test_scripts_styles_comments_attributes_and_hidden_elements_are_skipped():
    page = ("<html><head><title>the the</title><style>p{}</style></head><body>\n"
            "<script>the the</script><noscript>the the</noscript>\n"
            "<p title=\"the the\">Clean sentence here.</p><!-- the the -->\n"
            "<div style=\"display: none\">the the</div><span aria-hidden=\"true\">the the</span>\n"
            "<template>the the</template>\n</body></html>\n")
    assert codes(lint(page, path="page.html", select=["NL503"])) == []
    assert codes(lint(page.replace("Clean sentence", "The the sentence"), path="page.html",
                      select=["NL503"])) == ["NL503"]


def test_text_keeps_source_offsets_and_line_breaks():
    page = "<p>One &amp; two</p>\r\n<p>Three&nbsp;four</p>\n"
    doc = read_html("a.html", page.encode())
    normalised = page.replace("\r\n", "\n")
    assert len(doc.text) == len(normalised)
    assert [i for i, c in enumerate(doc.text) if c == "\n"] == \
        [i for i, c in enumerate(normalised) if c == "\n"]
    assert doc.text.split("\n")[0].strip() == "One & two"
    assert doc.text.split("\n")[1].strip() == "Three\xa0four"
    assert doc.newline == "\r\n" and doc.kind == "html"


def test_source_range_maps_through_references():
    page = "<p>AT&amp;T and O&rsquo;Neill said the the plan.</p>"
    doc = HtmlDocument("a.html", page)
    text = doc.text
    for word in ("AT&T", "O’Neill", "the the", "plan"):
        start = text.index(word)
        s, e = doc.source_range(start, start + len(word))
        assert page[s:e] == {"AT&T": "AT&amp;T", "O’Neill": "O&rsquo;Neill"}.get(word, word)


def test_unknown_references_stay_as_written():
    doc = HtmlDocument("a.html", "<p>Fish &chips; and R&D &amp co</p>")
    assert "Fish &chips; and R&D & co" in doc.text


def test_missing_head_end_tag_does_not_hide_the_body():
    page = "<html><head><title>x</title>\n<body><p>He said the the plan.</p></body></html>"
    assert codes(lint(page, path="page.html", select=["NL503"])) == ["NL503"]


def test_suppression_comments_work_in_html():
    page = ("<p>He said the the plan.</p>\n"
            "<!-- newslint-disable-next-line NL503 -->\n"
            "<p>She said the the opposite.</p>\n"
            "<!-- newslint-disable repeated-word -->\n"
            "<p>It was was late.</p>\n"
            "<!-- newslint-enable -->\n"
            "<p>And and again.</p>\n")
    diags = lint(page, path="page.html", select=["NL503"])
    assert [d.line for d in diags] == [1, 7]


def test_html_files_are_found_in_folders(tmp_path):
    (tmp_path / "page.htm").write_text("<p>He said the the plan.</p>\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>Clean.</p>\n", encoding="utf-8")
    report = Linter(Config(select=["NL503"])).run([str(tmp_path)])
    assert {f.path.rsplit("/", 1)[-1] for f in report.files} == {"page.htm", "page.html"}
    assert [d.code for d in report.diagnostics] == ["NL503"]


def test_markup_only_page_is_empty_not_an_error():
    result = Linter(Config()).lint_file("a.html", b"<html><head><script>x</script></head></html>")
    assert result.status == "empty"


def test_code_is_not_prose():
    page = "<p>Run <code>echo the the</code> now.</p>\n<pre>x  =  the the</pre>\n"
    assert codes(lint(page, path="page.html", select=["NL503", "NL504"])) == []


# -- property: fixing an HTML page never touches its markup ------------------------------------
import re  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newslint.fixes import fix_bytes  # noqa: E402

_WORDS = ["the", "the", "was", "council", "&amp;", "&rsquo;", "don&rsquo;t", "AT&amp;T", "said",
          "  ", "Share this", "Skip to content", "😀", ",", ".", "<em>the</em>", "<br>",
          "<a href='/the the'>link</a>", "<!-- the the -->", "donâ€™t"]
_pages = st.lists(st.tuples(st.sampled_from(["p", "li", "h2", "div"]),
                            st.lists(st.sampled_from(_WORDS), max_size=10),
                            st.sampled_from(["\n", "\r\n", "\n\n"])), max_size=6).map(
    lambda blocks: "<html><head><title>the the</title></head><body>\n" + "".join(
        f"<{tag}>{' '.join(words)}</{tag}>{brk}" for tag, words, brk in blocks) + "</body></html>")
_TAG = re.compile(r"<[^>]*>")
_DEFAULT = Linter(Config())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pages)
def test_fixing_html_keeps_every_tag_and_is_idempotent(page):
    raw = page.encode("utf-8")
    once = fix_bytes(_DEFAULT, "page.html", raw, unsafe=True)
    fixed = once.fixed.decode("utf-8")
    assert _TAG.findall(fixed) == _TAG.findall(page)
    twice = fix_bytes(_DEFAULT, "page.html", once.fixed, unsafe=True)
    assert twice.fixed == once.fixed
