"""The Markdown reader skips its parser on bodies that cannot hold a mask: that shortcut must
never change the masks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import readers
from newslint.readers import _may_need_parser, markdown_masks


def _masks_parsing_always(text: str) -> tuple:
    shortcut = readers._may_need_parser
    readers._may_need_parser = lambda body: True
    try:
        return markdown_masks(text)
    finally:
        readers._may_need_parser = shortcut


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


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_the_shortcut_never_changes_the_masks(text):
    assert markdown_masks(text) == _masks_parsing_always(text)
