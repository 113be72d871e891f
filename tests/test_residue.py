"""Scrape residue: boilerplate, e-mail placeholders, garbled splices and bylines, glued chrome,
related-headline lists and social embeds. Text is written for these tests or generated."""

from __future__ import annotations

import random

import pytest

from .helpers import assert_seed_rows, codes, lint

RESIDUE = ["NL301", "NL302", "NL303", "NL304", "NL311", "NL312", "NL313"]

BODY = [
    "The county council voted on Tuesday to close the old library on Mill Street.",
    "Residents had asked for a delay, but the budget left no room for the building, "
    "officials said.",
    "The collection will move to the school on the hill, where it will open in March.",
]


def article(*inserted: str, title: str = "Council votes to close library") -> tuple[str, list[int]]:
    """A small article with the given lines inserted between its paragraphs.

    Returns the text and the 1-based line number of each inserted line.
    """
    lines = [title, ""]
    where = []
    for index, extra in enumerate(inserted):
        lines += [BODY[index % len(BODY)], ""]
        where.append(len(lines) + 1)
        lines += [extra, ""]
    lines.append(BODY[-1])
    return "\n".join(lines) + "\n", where


def lines_with(diags, code: str) -> set[int]:
    return {d.line for d in diags if d.code == code}


def test_seed_rows_of_residue_categories_are_reported():
    assert_seed_rows(["boilerplate", "obfuscated_email", "garbled_splice", "garbled_byline"])


# -- NL301 boilerplate ------------------------------------------------------------------------

CHROME_LINES = [
    "Skip to main navigation", "Toggle navigation", "Back to top", "Share on LinkedIn",
    "Share this story", "Sharing is caring!", "Print this page", "Copy link",
    "You might also like", "Recommended for you", "Trending Now", "Most Read",
    "Related Coverage", "More on this story", "Don’t miss", "Editor's Picks",
    "Leave a Reply", "Be the first to comment", "Join the conversation",
    "Your email address will not be published. Required fields are marked *",
    "Advertisement", "ADVERTISEMENT", "Advertisement:", "Story continues below advertisement",
    "Sponsored Content", "Continue reading the main story",
    "Filed under:", "Tags:", "Permalink", "Editor’s Note:",
    "Slideshow (12 Images)", "Gallery (4 photos)",
    "This article is more than 2 years old", "This article is more than 11 months old",
    "CLICK HERE TO GET THE EXAMPLE NEWS APP", "Click here for reprint permission.",
    "Click play to watch the mayor's speech.",
    "Copyright © 2021 Example Media, LLC. Click here for reprint permission.",
    "Copyright 2017 The Associated Press. All rights reserved.",
    "© Copyright 2020 by Example Syndicate Inc.",
    "Photos © River Studio, 2018", "Getty", "AP", "The Associated Press",
    "Image copyright Reuters Image caption Firefighters at the scene on Monday",
    "Enlarge this image toggle caption Jane Roe/AFP/Getty Images",
    "Photo: Jane Roe / Example Press",
    "FILE - In this March 3, 2020, file photo, a worker repairs a bridge in Toledo, Ohio.",
    "In this Tuesday, Jan. 5, 2021, photo, voters queue outside a school in Atlanta.",
    "In this undated photo provided by the family, the climber poses on a summit.",
    "The new bridge seen from the river bank. (Photo: Getty Images)",
    "A voter fills in a ballot (Credit: Example Press)",
    "Not all bridges are made of steel. You can try one ... [+] made of wood",
    "Home » Business » Markets", "Home > News > Local", "News » World » Europe » Story",
    "3,402 views", "12 Comments", "Visited 42 times, 3 visit(s) today", "4 min read",
    "Nov 18, 2019 at 9:24 pm ET • 2 min read", "• 3 min read",
    "Published 8:05 AM EDT Mar 3, 2021", "Updated Tue, Mar 3 2021 7:16 AM EST",
    "Written by Jane Roe, MS, RD on March 14, 2021",
    "The river rises again 2021-03-04 12:57:32 Jane Roe",
    "Sign up for Daily Newsletters", "Sign up for the Morning Briefing newsletter",
    "Subscribe to Example Weekly and stay informed.", "Pick Six Newsletter",
    "Get the Example stories you care about delivered to your inbox.",
    "I agree that Example Sports can send me the newsletter.",
    "Interested in Local Politics? Add Local Politics as an interest to stay up to date.",
    "Follow us on Twitter @ExampleNews.", "Follow Maria on Twitter", "Follow @examplenews",
    "Join us on Facebook/ExampleOpinion.", "Follow Jane Roe on Instagram",
    "The opinions expressed in this commentary are solely those of the author.",
    "If you buy something through this post, Example may get a share of the sale.",
    "Example may earn a commission from purchases made through these links.",
    "Why the river keeps rising | Jane Roe Read more",
    "On ExampleChronicle.com: Car sales plunge in August",
    "Also on example.com Bridge closure angers commuters",
    "More Great Example Stories", "Posted in Grants | Permalink | 1 Comment",
    "Share All sharing options for: Council votes to close library",
    "LISTEN TO ARTICLE 3:59 SHARE THIS ARTICLE Share Tweet Post Email",
    "twitter.com/janeroe", "jane.roe@example.com", "https://example.com/story/123",
    "Newsletter Sign Up Continue reading the main story",
]


@pytest.mark.parametrize("chrome", CHROME_LINES)
def test_boilerplate_line_is_reported_on_its_line(chrome):
    text, (line,) = article(chrome)
    diags = lint(text, select=["NL301"])
    assert line in lines_with(diags, "NL301"), chrome
    assert lines_with(diags, "NL301") == {line}  # nothing else in the article


def test_boilerplate_offers_to_delete_the_line():
    text, (line,) = article("Share this article")
    (diag,) = lint(text, select=["NL301"])
    assert diag.fix is not None and diag.fix.replacement == ""
    fixed = text[: diag.fix.start] + text[diag.fix.end :]
    assert "Share this article" not in fixed and BODY[0] in fixed


def test_generated_chrome_variants_are_reported():
    rng = random.Random(4)
    networks = ["Twitter", "Facebook", "Instagram", "LinkedIn", "TikTok"]
    names = ["Ana", "Bo Lindqvist", "Priya", "Tomasz Nowak", "Kwame"]
    letters = ["Morning Report", "Daily Brief", "Weekend Reads", "Climate Desk", "Opinion"]
    for _ in range(25):
        chrome = rng.choice([
            f"Follow {rng.choice(names)} on {rng.choice(networks)}",
            f"{rng.randint(2, 99999):,} views",
            f"Sign up for the {rng.choice(letters)} newsletter",
            f"Slideshow ({rng.randint(2, 40)} Images)",
            f"This article is more than {rng.randint(2, 11)} months old",
            f"Visited {rng.randint(1, 900)} times, {rng.randint(1, 9)} visit(s) today",
            f"Copyright {rng.randint(1995, 2030)} Example Media. All rights reserved.",
        ])
        text, (line,) = article(chrome)
        assert line in lines_with(lint(text, select=["NL301"]), "NL301"), chrome


PROSE_WITH_CHROME_WORDS = [
    "He said he would close the search for the missing hiker on Friday.",
    "Advertisement spending fell 4% last year, the industry group said.",
    "Share prices rose sharply in early trading after the announcement.",
    "Home prices in the region rose 3% in the year to March.",
    "Follow-up talks between the two sides are planned for May.",
    "The photo, taken in 1962, shows the mayor as a child on the pier.",
    "In this case, photos taken by witnesses contradict the police account.",
    "Subscribers will pay more from June, the company said in a statement.",
    "Related talks in Geneva ended without a deal, diplomats said.",
    "Comments by the minister drew criticism from the opposition.",
    "Print editions will end in December, the publisher confirmed.",
    "Latest figures show unemployment fell to 4.1% in the spring.",
    "Watch manufacturers in Switzerland reported record exports.",
    "Click beetles can flip themselves into the air, researchers found.",
    "Copyright law was changed in 2019 after a long campaign.",
    "The paper said readers should read more widely, not less.",
    "The image of the burning tower was shared millions of times.",
    "Search teams found the boat on Sunday morning.",
    "By 2025, 40% of homes in the region will have solar panels.",
    "Written evidence was submitted to the committee in May.",
    "Why it matters: The library is the only one in the district.",
    "Note: The figures exclude part-time staff.",
    "Tips? Write to the newsroom at tips@example.org.",
    "Friday, July 21, 2017",
]


@pytest.mark.parametrize("sentence", PROSE_WITH_CHROME_WORDS)
def test_prose_using_chrome_words_is_not_boilerplate(sentence):
    text, _ = article(sentence)
    assert not lint(text, select=RESIDUE), sentence


# -- NL311 chrome glued into a paragraph ---------------------------------------------------


def test_advertisement_glued_to_paragraph_start_is_reported_with_a_fix():
    text, (line,) = article("ADVERTISEMENT The mayor said the building would be sold.")
    (diag,) = lint(text, select=["NL311"])
    assert diag.line == line and diag.column == 1
    fixed = text[: diag.fix.start] + text[diag.fix.end :]
    assert "\nThe mayor said the building would be sold." in fixed


def test_advertisement_between_sentences_is_reported():
    text, (line,) = article("The vote was close. ADVERTISEMENT Several members abstained.")
    diags = lint(text, select=["NL311"])
    assert [d.line for d in diags] == [line]


@pytest.mark.parametrize("sentence", [
    "Advertisement revenue rose for the third year.",
    "ADVERTISEMENT",  # a whole line is the boilerplate rule's
    "The Advertisement Standards Board met on Monday.",
])
def test_advertisement_in_prose_or_alone_is_not_glued_chrome(sentence):
    text, _ = article(sentence)
    assert not lint(text, select=["NL311"])


# -- NL302 obfuscated e-mail ---------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "[email protected]",
    "[email\u00a0protected]",
    "[email&nbsp;protected]",
    "Contact the author at [email protected] for comment.",
    "Write to jane.roe [at] example [dot] com with tips.",
    "Write to jane.roe (at) example.org with tips.",
    "Send tips to newsdesk AT example DOT com",
    "Send tips to newsdesk at example dot co dot uk",
])
def test_obfuscated_email_is_reported(line):
    text, (where,) = article(line)
    assert lines_with(lint(text, select=["NL302"]), "NL302") == {where}


def test_placeholder_alone_can_be_deleted_but_not_a_sentence():
    text, _ = article("[email protected]", "Contact the author at [email protected] today.")
    alone, inside = lint(text, select=["NL302"])
    assert alone.fix is not None and inside.fix is None


@pytest.mark.parametrize("line", [
    "Tips? Write to tips@example.org.",
    "We met at the station at noon.",
    "The code was protected by a password.",
    "Fans gathered at [the stadium] at dawn.",
])
def test_ordinary_addresses_and_prose_are_not_obfuscated_email(line):
    text, _ = article(line)
    assert not lint(text, select=["NL302"])


# -- NL303 garbled splice ------------------------------------------------------------------

LABELS = ["Also to be considered:", "Read more:", "See also:", "Related:", "Also read:",
          "Click here for more:", "Don't miss:", "Watch the video:", "Recommended Reading:",
          "More From Our Desk:", "Editor's Picks:", "Why It Matters:", "Top Stories:"]
SENTENCES = [
    "The mayor said the new plan would lead to a prosperous future for the town.",
    "Officials expect the bridge to reopen before the end of the summer season.",
    "The union said its members would vote on the offer over the coming week.",
    "Farmers in the valley have waited three years for the new canal to open.",
    "The committee will publish its findings once the hearings have finished.",
]


def test_label_spliced_into_generated_sentences_is_reported():
    rng = random.Random(7)
    for _ in range(40):
        words = rng.choice(SENTENCES).split()
        cut = rng.randint(3, len(words) - 3)
        label = rng.choice(LABELS)
        joint = rng.choice([",", "", " and"])
        spliced = " ".join(words[:cut] + [label + joint] + words[cut:])
        text, (line,) = article(spliced)
        assert line in lines_with(lint(text, select=["NL303"]), "NL303"), spliced


def test_punctuation_collisions_are_reported():
    for seam in [":,", ",.", ";,", ",,", ":;"]:
        sentence = f"The plan was approved{seam} officials said on Monday."
        text, (line,) = article(sentence)
        assert line in lines_with(lint(text, select=["NL303"]), "NL303"), seam


def test_label_glued_to_a_headline_is_reported():
    rng = random.Random(11)
    for _ in range(15):
        label = rng.choice(["Markets", "Taxes 2020", "Politics", "Opinion", "Sports"])
        headline = rng.choice(["The odds of a recession are rising",
                               "7 common filing mistakes to avoid this year",
                               "Why the council changed its mind"])
        text, (line,) = article(f"{label}:{headline}")
        assert line in lines_with(lint(text, select=["NL303"]), "NL303"), (label, headline)


def test_dropped_link_and_glued_popup_name_are_reported():
    text, (first, second) = article(
        "The interview only happened thanks to his . After that, the story moved on.",
        "Senator Jane Doria Jane Marie DoriaRiver towns brace for a wet spring said on Monday "
        "that the bill would pass.",
    )
    diags = lint(text, select=["NL303"])
    assert {first, second} <= lines_with(diags, "NL303")


@pytest.mark.parametrize("sentence", [
    "The company told Reuters: “We have no plans to sell.”",
    "He said on Tuesday: the plan will go ahead.",
    "The meeting starts at 10:30 and ends at noon.",
    "The vote passed 3:1 after a long debate.",
    "Shares in the U.S., Europe and Asia fell.",
    "The minister, who spoke to the BBC, said: “It is done.”",
    "Three things to know: the date, the cost and the route.",
    "Time Warner shares rose; TimeWarner's rivals fell.",
    "The firm's YouTube channel and its PlayStation game both launched in May.",
    "She quoted John 3:16 in her speech.",
])
def test_ordinary_colons_and_capitals_are_not_splices(sentence):
    text, _ = article(sentence)
    assert not lint(text, select=["NL303"]), sentence


# -- NL304 garbled byline ------------------------------------------------------------------

@pytest.mark.parametrize("byline", [
    "Written by 11:22 AM World", "By 9:05 pm Politics", "Posted by admin",
    "Written by on March 3, 2024", "By | Sports", "Published by 03/04/2024",
    "Story by Monday", "Written by",
])
def test_byline_without_a_name_is_reported(byline):
    text = f"{byline}\n\n{BODY[0]}\n"
    assert codes(lint(text, select=["NL304"])) == ["NL304"], byline


@pytest.mark.parametrize("byline", [
    "By Jane Roe", "Written by Jane Roe and Ali Khan", "Posted by Reuters",
    "By 2025, 40% of homes will have solar panels.", "By Monday the river had risen.",
    "By March 2026, the bank expects rates to fall.", "Written by hand, the note was short.",
])
def test_real_bylines_and_prose_are_not_garbled(byline):
    text = f"{byline}\n\n{BODY[0]}\n"
    assert not lint(text, select=["NL304"]), byline


# -- NL313 related headlines and NL312 social embeds ---------------------------------------


def test_headlines_under_a_related_header_are_reported():
    rng = random.Random(3)
    subjects = ["Council", "Schools", "The river", "A new bridge", "Farmers", "Bus drivers"]
    verbs = ["brace for", "vote on", "push back against", "welcome", "count the cost of"]
    objects = ["a wet spring", "the budget", "longer hours", "the strike", "new rules"]
    for header in ["More Great Example Stories", "Related Stories", "You may also like",
                   "Read more", "Recommended", "More from Example News"]:
        heads = [f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)}"
                 for _ in range(rng.randint(2, 5))]
        text = "\n\n".join(["Council votes", *BODY, header, *heads]) + "\n"
        diags = lint(text, select=["NL313"])
        assert len(diags) == len(heads), header


def test_subheads_without_a_related_header_are_not_related_headlines():
    text = "\n\n".join(["Council votes", BODY[0], "What happens next", BODY[1],
                        "Why the library closed", BODY[2]]) + "\n"
    assert not lint(text, select=["NL313"])


def test_flattened_social_embed_is_reported():
    tweet = ("Big news for the valley tonight. pic.twitter.com/AbC123xyz — Jane Roe (@janeroe) "
             "May 4, 2020")
    text, lines = article(tweet, "Read the thread: https://t.co/Zy98Xw")
    assert lines_with(lint(text, select=["NL312"]), "NL312") == set(lines)


def test_handles_in_reported_speech_are_not_embeds():
    text, _ = article("She wrote on Twitter, as @janeroe, that the vote was “a disgrace.”")
    assert not lint(text, select=["NL312"])


# -- cost ------------------------------------------------------------------------------------

UNITS = [" ", "a", "a ", "A ", "1", ":", ",", ", ", ":,", ".", " .", "|", "| ", "»", " » ", "*",
         "* ", "•", "-", "—", "#", ">", "<", "<a ", "&", "&nbsp", "[", "[at] ", "@", "(@",
         "by ", "By ", "Home » ", "In this ", "Photo: ", "Also ", "Read ", "ADVERTISEMENT ",
         "NoemKristi ", "Ab", "aB", "\t", "\n", "\n\n", "a\n", "“", "”", "2019-", "1:2"]


def test_residue_rules_stay_fast_on_adversarial_text():
    """No pattern of these rules backtracks badly: a 20,000-character run of any unit that
    could start or extend a match is checked quickly (linear matching takes milliseconds)."""
    import time

    from newslint.checks import duplicates, markup, residue
    from newslint.document import Document

    rules = [value.rule for module in (residue, duplicates, markup)
             for value in vars(module).values()
             if getattr(value, "__module__", None) == module.__name__ and hasattr(value, "rule")]
    assert len(rules) >= 10
    worst, which = 0.0, ""
    for unit in UNITS:
        body = unit * (20_000 // len(unit))
        for text in (body, "Title\n\n" + body + "x\n", "Share " + body + "\x00"):
            for item in rules:
                doc = Document("adversarial.txt", text)
                began = time.perf_counter()
                list(item.check(doc, dict(item.options)))
                elapsed = time.perf_counter() - began
                if elapsed > worst:
                    worst, which = elapsed, f"{item.code} on a run of {unit!r}"
    assert worst < 1.0, f"{worst:.2f} s: {which}"


def test_chrome_candidates_hold_every_line_the_matcher_reports():
    """boilerplate runs _chrome_match only on the candidate lines: every line it would
    report must be one of them."""
    from newslint.checks import residue

    whole, starts, anchored, short, inline = residue._chrome()
    rng = random.Random(9)
    words = ["share", "menu", "read more", "(photo: ap)", "credit: reuters", "©", "commission",
             "may earn a commission from sales", "the", "council", "voted", "|", "—", "…",
             "- -", "sign up for our newsletter", "in this photo", "2019-11-20 17:27", ":",
             "home » news » world", "min read", "• 3 min read", "permalink", "[+]", "."]
    for _ in range(300):
        lines = [" ".join(rng.choice(words) for _ in range(rng.choice([1, 2, 3, 30, 60])))
                 for _ in range(rng.randint(1, 8))]
        low = "\n".join(lines).lower()
        rare = [(h, r) for h, r in inline["document"] if any(x in low for x in h)]
        stripped = [line.strip() for line in low.split("\n")]
        inl = {"short": inline["short"], "tail": inline["tail"]}
        candidates = set(residue._chrome_candidates(stripped, whole, starts, anchored, inl, rare))
        for index, line in enumerate(stripped):
            if line and residue._chrome_match(line, whole, starts, anchored, short, inl, rare):
                assert index in candidates, line


_CHROME_WORDS = ["share", "menu", "read more", "(photo: ap)", "credit: reuters", "©", "commission",
                 "may earn a commission from sales", "the", "council", "voted", "|", "—", "…",
                 "- -", "sign up for our newsletter", "in this photo", "2019-11-20 17:27", ":",
                 "home » news » world", "min read", "• 3 min read", "permalink", "[+]", ".",
                 "follow us on", "image by jo credit", "3 comments", "photo: jane doe / ap",
                 "interested in x? add", "subscribe to the", "visited 4 times", "@jdoe", "\t"]


def test_boilerplate_reports_what_matching_every_line_reports():
    """The rule (candidates first: every short line, and the long lines some test picks)
    reports the same lines as the plain computation: _chrome_match on every non-blank line."""
    from newslint.checks import residue
    from newslint.document import Document

    whole, starts, anchored, short, inline = residue._chrome()
    rng = random.Random(13)
    for _ in range(400):
        lines = [" ".join(rng.choice(_CHROME_WORDS) for _ in range(rng.choice([1, 2, 3, 30])))
                 for _ in range(rng.randint(1, 7))]
        doc = Document("x.txt", "\n".join(lines))
        low = doc.lowered
        rare = [(h, r) for h, r in inline["document"] if any(x in low for x in h)]
        inl = {"short": inline["short"], "tail": inline["tail"]}
        expected = []
        for index, line in enumerate(low.split("\n")):
            stripped = line.strip()
            if stripped and residue._chrome_match(stripped, whole, starts, anchored, short,
                                                  inl, rare):
                expected.append(index)
        reported = [doc.position(f.start)[0] - 1 for f in residue.boilerplate(doc, {})]
        # (a very long line that matches only at its start is left alone: a subset)
        assert set(reported) <= set(expected), lines
        long_lines = {i for i in expected
                      if low.split("\n")[i].strip().count(" ") >= residue._MAX_CHROME_WORDS}
        assert set(expected) - long_lines <= set(reported), lines


def test_garbled_splice_finds_no_label_in_a_text_without_a_colon():
    """The colon scan is skipped when the UTF-8 bytes hold no colon: then no label can end."""
    from newslint.checks import residue
    from newslint.document import Document

    text = "Markets The odds of recession rise Taxes 2020 7 common filing mistakes"
    doc = Document("x.txt", text)
    assert list(residue._COLON.finditer(text)) == []
    assert [f for f in residue.garbled_splice(doc, {}) if "label" in f.message] == []


def test_spliced_chrome_gate_passes_wherever_the_pattern_matches():
    """spliced_chrome asks the shared word gate first: it must report exactly what its
    pattern finds in the text (the plain computation)."""
    from newslint.checks import residue
    from newslint.document import Document

    rng = random.Random(14)
    pieces = ["ADVERTISEMENT ", "Advertisement: ", "Advertisement ", "SPONSORED ",
              "Skip Advertisement ",
              "Story continues below advertisement ", "Article continues below ",
              "Continue reading the main story ", "Continue Reading Below ", "The council voted. ",
              "“Yes.” ", "\n", "\t", "ADVERTISEMENTS ", "sponsored ", "advertisement", "Über ",
              "İstanbul ", "(", "—", "A", "he said. "]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 9)))
        doc = Document("x.txt", text)
        expected = [(m.start("chrome"), m.end("chrome")) for m in
                    residue._SPLICED_CHROME.finditer(text)]
        found = [(f.start, f.end) for f in residue.spliced_chrome(doc, {})]
        assert found == expected, text


def test_required_literal_of_inline_patterns():
    from newslint.checks import residue
    from newslint.rule import lazy_regex

    assert residue._required_literal(lazy_regex(r"\bmay[ \t]+earns")) == "earns"
    assert residue._required_literal(lazy_regex(r"(?:a|b)cd")) == "cd"
    assert residue._required_literal(lazy_regex(r"x?")) == ""


def test_splice_byte_gates_pass_wherever_the_scans_find_something():
    from newslint.checks import residue
    from newslint.document import Document

    rng = random.Random(4)
    pieces = ["a", "B", "McDonald", " ", ",", ";", ":", ".", ",.", " .", "é", "“", "1", "\n"]
    for _ in range(3000):
        doc = Document("x.txt", "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20))))
        classes = residue.utf8_bytes(doc).translate(residue._SPLICE_CLASSES)
        if residue._COLLISION.search(doc.text):
            assert b"PP" in classes
        if residue._SPACED_STOP.search(doc.text):
            assert b" P" in classes
        if residue._CAMEL.search(doc.text):
            assert b"aAa" in classes
