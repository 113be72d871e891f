"""The Markdown reader skips its parser on bodies that cannot hold a mask: that shortcut must
never change the masks."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import readers
from newslint.readers import _may_need_parser, markdown_masks


def _masks_parsing_always(text: str) -> tuple:
    shortcut, links = readers._may_need_parser, readers._simple_link_masks
    readers._may_need_parser = lambda body: True
    readers._simple_link_masks = lambda body: None
    try:
        return markdown_masks(text)
    finally:
        readers._may_need_parser, readers._simple_link_masks = shortcut, links


PROSE = "The council met on Tuesday.\n\n## Budget\n\nIt voted 7-2 for the plan, *narrowly*.\n"
# Each holds one thing that only the parser can find.
MARKUP = [
    "Run `make` first.\n",
    "```\ncode here\n```\n",
    "~~~\nfenced\n~~~\n",
    "Read [the report](https://example.org/report).\n",
    "![chart](chart.png)\n",
    "Mail <editor@example.org> or see <https://example.org>.\n",
    "<div class=\"ad\">Advertisement</div>\n",
    "Intro paragraph.\n\n    indented code block\n",
    "\tcode after a tab\n",
]


def test_plain_prose_is_not_parsed_and_has_no_masks():
    assert not _may_need_parser(PROSE)
    assert markdown_masks(PROSE) == () == _masks_parsing_always(PROSE)


def test_every_kind_of_markup_sends_the_body_to_the_parser():
    for snippet in MARKUP:
        text = PROSE + "\n" + snippet
        assert _may_need_parser(text), snippet
        masks = markdown_masks(text)
        assert masks, snippet
        assert masks == _masks_parsing_always(text)


def test_comments_and_reference_definitions_are_masked_without_the_parser():
    text = PROSE + "\n<!-- editor: check the vote -->\n\n[report]: https://example.org/r\n"
    masks = markdown_masks(text)
    comment = text.index("<!--")
    reference = text.index("[report]:")
    assert any(s <= comment < e for s, e in masks)
    assert any(s <= reference < e for s, e in masks)


_ALPHABET = st.sampled_from(list("ab .,*#-_>|!()[]{}:\n\t`<~ ") + ["    ", "](", "~~~", "```",
                                                                   "<b>", "http://x.y"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_the_shortcut_never_changes_the_masks(text):
    assert markdown_masks(text) == _masks_parsing_always(text)


@pytest.mark.parametrize("text", ["*     a", "1.     a", ">     a", "Text.\n\n-     code\n"])
def test_code_indented_after_a_list_marker_is_masked(text):
    """A code block may be indented after a list or quote marker, not only at a line start:
    the shortcut must hand such a body to the parser (it once linted it as prose)."""
    masks = markdown_masks(text)
    assert masks == _masks_parsing_always(text) and masks


# Bodies whose markup is links and images, plain or not quite: the link shortcut must find
# exactly the parser's masks, or hand the body to the parser.
_LINK_PIECES = st.sampled_from([
    "[a](b)", "[the report](https://example.org/r?x=1)", "![chart](c.png)", "[](x)", "[a]()",
    "![]()", "[a](javascript:x)", "[a](JavaScript:x)", "[a](data:image/png;x)", "[a](b c)",
    "[a](b \"t\")", "[a](<b>)", "[a](b(c))", "[a [b](c)](d)", "[![a](b)](c)", "[a\nb](c)",
    "[a](b)](c)", "[a]", "[x][a]", "(b)", "]", "[", "(", ")", "!", "](", "*", "_", "**", "&amp;",
    "&#106;", "\\", "\\[a](b)", "# ", "> ", "- ", "1. ", "1) ", "---", "===", "\n", "\n\n",
    " ", "  ", "word", "Word.", ":", "[a]: /u", "    ", "\t", "`", "<", "~~~", "\x01", "\xa0",
])


# mostly what the shortcut takes, so that it is tried often
_PLAIN_LINK_PIECES = st.sampled_from([
    "[a](b)", "![c](d.png)", "[](x)", "[a]()", "[a](javascript:x)", "[a](b c)", "[a](b(c))",
    "[a](javascript&#58;x)", "[a](&#106;avascript:x)", "[a](https://x.y/?a=1&amp;b=2)", "&",
    "[a](x&#58;y)", "[a](&#32;javascript:x)", "[a](data:x&amp;y)", "[a](&)",
    "[a [b](c)](d)", "[a\nb](c)", "[x][a]", "]", "[", "(", ")", "!", "](", "*", "_", "&#106;",
    "# ", "> ", "- ", "1. ", "1) ", "-     ", ">     ", "   ", "\n", "\n\n", " ", "word", ":",
])


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.one_of(st.lists(_LINK_PIECES, max_size=25), st.lists(_PLAIN_LINK_PIECES, max_size=25))
       .map("".join))
def test_the_link_shortcut_gives_the_parsers_masks(text):
    links = readers._simple_link_masks(text)
    if links is not None:  # the parser would be asked: it finds the same masks
        assert readers.merge_ranges(links) == _masks_parsing_always(text)
    shortcut = readers._simple_link_masks
    readers._simple_link_masks = lambda body: None
    try:
        without = markdown_masks(text)
    finally:
        readers._simple_link_masks = shortcut
    assert markdown_masks(text) == without


def test_plain_links_are_masked_without_the_parser():
    text = "Read [the report](https://example.org/r) and see ![a chart](c.png).\n"
    masks = readers._simple_link_masks(text)
    assert masks is not None and masks == list(_masks_parsing_always(text))
