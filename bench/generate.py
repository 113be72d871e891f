"""Generate a deterministic corpus of synthetic news articles with realistic defects.

    python bench/generate.py OUT_DIR --articles 10000 [--words 600] [--seed 8]

The same arguments always write the same bytes. Articles are built from sentence templates
written for this benchmark (no real article text), about `--words` words each, in plain text
with about one in ten in Markdown. About half carry one or more defects of the kinds newslint
looks for, at rates meant to resemble a scraped archive rather than a test suite:

* scrape residue: navigation and subscription boilerplate, share buttons, an obfuscated
  e-mail address, stray HTML and entities, a pasted table rule, a headline printed twice;
* machine writing: chatbot notes and labels ("As an AI language model", "Here is the
  rewritten article:"), stock phrases ("delve into", "in today's fast-paced world");
* provenance: placeholder citations ("[citation needed]", "[insert source]"), vague
  sources ("experts say"), statistics with no source;
* garbling: mojibake ("donâ€™t"), an unbalanced or wrongly turned quotation mark, a
  doubled byline;
* mechanics: a repeated word, double spaces, a space before punctuation;
* consistency across files: the same people and places spelled in different
  transliterations in different articles (Zelensky / Zelenskyy, Gaddafi / Qaddafi), so
  corpus rules have cross-file work to do.

Also importable: ``generate_corpus(out_dir, n, words=600, seed=8) -> list[Path]`` and
``article(index, words, seed) -> (name, text)``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

FIRST = ["Maria", "James", "Aisha", "Daniel", "Priya", "Tomasz", "Elena", "Samuel", "Yuki",
         "Fatima", "Oliver", "Grace", "Mateo", "Ingrid", "Kwame", "Leila", "Hannah", "Ravi",
         "Sofia", "Chen", "Amara", "Lukas", "Nadia", "Diego"]
LAST = ["Okafor", "Lindqvist", "Haddad", "Moreau", "Brennan", "Kowalski", "Tanaka", "Alvarez",
        "Mensah", "Novak", "Fischer", "Rahman", "Costa", "Whitaker", "Iyer", "Petrov",
        "Sato", "Delgado", "Byrne", "Nakamura", "Osei", "Varga", "Keane", "Ferreira"]
ROLES = ["a spokesperson for the ministry", "the council's finance chair",
         "an economist at the central bank", "the union's general secretary",
         "a senior analyst at a regional think tank", "the city's deputy mayor",
         "a professor of public health", "the company's chief executive",
         "a lawyer representing the families", "the head of the port authority",
         "a former trade negotiator", "the regional police commissioner"]
PLACES = ["Lisbon", "Nairobi", "Osaka", "Winnipeg", "Tbilisi", "Valparaíso", "Gdańsk",
          "Brisbane", "Accra", "Montreal", "Cork", "Porto Alegre", "Tromsø", "Da Nang",
          "Marrakesh", "Tallinn", "Cebu", "Leipzig"]
ORGS = ["the transport ministry", "the national statistics office", "the city council",
        "the energy regulator", "the teachers' union", "the health authority",
        "the European Commission", "the World Bank", "the port authority",
        "the competition watchdog", "the electoral commission", "a consortium of lenders"]
TOPICS = ["housing costs", "the rail strike", "the new water plant", "wildfire recovery",
          "the school funding formula", "a proposed carbon levy", "the hospital merger",
          "fishing quotas", "the budget shortfall", "the bridge repairs", "grain exports",
          "the minimum wage", "flood defences", "the vaccination drive", "broadband rollout"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
VERBS = ["said", "told reporters", "said in a statement", "wrote in a letter to members",
         "said at a news conference", "told the committee"]
#: The same names in the spellings different outlets use (cross-file consistency work).
VARIANTS = [("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
            ("Muammar Gaddafi", "Muammar Qaddafi", "Moammar Kadhafi"),
            ("Tchaikovsky Hall", "Chaikovsky Hall"),
            ("al-Qaeda", "al-Qaida", "Al Qaeda"),
            ("Mohammed bin Salman", "Muhammad bin Salman"),
            ("Kyiv", "Kiev"),
            ("Beijing", "Peking"),
            ("Hezbollah", "Hizbollah", "Hizballah")]

SENTENCES = [
    "{Name}, {role}, {verb} that {topic} would dominate the agenda for the rest of the year.",
    "Officials in {place} {past} the plan on {day}, after weeks of talks with {org}.",
    "The proposal would cost about {money} over {n} years, according to figures published by "
    "{org} in {month}.",
    "\u201cWe have been clear from the start that this has to work for people on low incomes,"
    "\u201d {name} {verb}.",
    "Critics argue that the timetable leaves too little room for consultation with residents "
    "who depend on {topic}.",
    "{Org} has not yet responded to a request for comment on the latest figures.",
    "The vote in {place} passed by {n} to {m}, with {k} members abstaining.",
    "Turnout at the meeting was higher than at any session since {year}, organisers said.",
    "Supporters say the change is overdue; opponents say it shifts the burden onto smaller "
    "towns.",
    "Data from {org} show that spending on {topic} rose {pct} per cent last year, the fastest "
    "increase in a decade.",
    "In a written answer to parliament, the minister said the review would report by {month}.",
    "{Name} said the figures were \u201cencouraging but fragile\u201d and warned against "
    "reading too much into a single quarter.",
    "The agreement still has to be approved by regulators in {place} and by {org}.",
    "Residents interviewed near the site on {day} were divided over whether the work should "
    "go ahead.",
    "Asked whether the deadline could slip, {name} said only that the team was \u201con "
    "track\u201d.",
    "Shares in the company closed {pct} per cent higher on {day} after the announcement.",
    "The report, which runs to {n} pages, recommends a phased approach starting in {month}.",
    "A similar scheme in {place} was abandoned in {year} after costs doubled.",
    "Union leaders met {org} for three hours on {day} but the talks ended without a deal.",
    "Emergency crews worked through the night to clear the road between {place} and the "
    "coast.",
    "The committee will hear evidence from {name} and two former officials next week.",
    "Prices for {topic} have risen steadily since {month}, squeezing household budgets.",
    "{Variant} met delegates from {place} on {day} to discuss {topic}.",
    "Diplomats said {variant} had raised the issue privately with {org}.",
    "According to the filing, the firm expects revenue of {money} in the coming year.",
    "Mr {last} declined to say how many jobs would be affected.",
    "Ms {last}'s office said she would set out her position in a speech on {day}.",
    "The decision follows a {n}-month inquiry into {topic} commissioned by {org}.",
    "Local businesses have complained that the works have cut footfall by roughly a third.",
    "Forecasters expect the weather to improve by the weekend, easing pressure on crews.",
    "Engineers from {org} inspected the site in {month} and found no structural damage.",
    "Opposition members in {place} called for an independent audit of {topic}.",
    "{Name} has led the campaign since {year} and is expected to stand again.",
    "The ministry said {n} applications had been received by the end of {month}.",
    "A spokesperson for {org} said the body would publish its own assessment within {n} days.",
    "Hospital managers in {place} said waiting lists had grown by {pct} per cent since {month}.",
    "Parents who spoke at the meeting asked why the cuts had fallen on {topic} first.",
    "The mayor of {place} said the city could not absorb further delays.",
    "{Name} {verb} that no decision on {topic} had been taken.",
    "Both sides agreed to meet again on {day}.",
]
HEADLINES = [
    "{Place} council backs plan on {topic} after heated debate",
    "Talks on {topic} stall as deadline nears",
    "{Org_title} warns of rising costs in {place}",
    "Residents in {place} divided over {topic}",
    "New figures show sharp rise in spending on {topic}",
]

BOILERPLATE = ["Skip to content", "Advertisement", "Click here to subscribe to our newsletter",
               "Share this article", "Follow us on Twitter", "Read more:",
               "Sign up for our daily briefing", "Related Articles", "All rights reserved.",
               "This article was originally published on our partner site."]
AI_NOTES = ["As an AI language model, I cannot verify the latest figures.",
            "I hope this helps! Let me know if you would like any changes.",
            "Certainly! Here is the rewritten article:",
            "Note: This article has been paraphrased to avoid plagiarism.",
            "Here is a news article based on the information provided:"]
AI_PHRASES = ["It is important to note that", "In today's fast-paced world,",
              "This serves as a testament to", "Let's delve into", "In conclusion,",
              "plays a pivotal role in", "a rich tapestry of"]
PLACEHOLDERS = ["[citation needed]", "(Source: [insert source])", "[1]", "[Reuters]",
                "according to [SOURCE]"]
VAGUE = ["Experts say the move could backfire.", "Studies show the policy works.",
         "Many believe the decision was rushed.", "Critics say it is too little, too late."]
MOJIBAKE = [("\u2019", "\u00e2\u20ac\u2122"), ("\u201c", "\u00e2\u20ac\u0153"),
            ("é", "\u00c3\u00a9")]
STRAY = ["<div class=\"ad-slot\"></div>", "&nbsp;", "<br/>", "&amp;amp;", "</p><p>"]


def _fill(template: str, rng: random.Random, variants: dict[int, int]) -> str:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    group = rng.randrange(len(VARIANTS))
    spelling = VARIANTS[group][variants.setdefault(group, rng.randrange(len(VARIANTS[group])))]
    org = rng.choice(ORGS)
    values = {
        "Name": f"{first} {last}", "name": f"{first} {last}", "last": last,
        "role": rng.choice(ROLES), "verb": rng.choice(VERBS), "topic": rng.choice(TOPICS),
        "place": rng.choice(PLACES), "Place": rng.choice(PLACES), "org": org,
        "Org": org[0].upper() + org[1:], "Org_title": org.split(" ", 1)[-1].title(),
        "day": rng.choice(DAYS), "month": rng.choice(MONTHS), "year": rng.randint(1998, 2023),
        "n": rng.randint(3, 40), "m": rng.randint(3, 40), "k": rng.randint(0, 9),
        "pct": f"{rng.randint(1, 19)}.{rng.randint(0, 9)}",
        "money": f"\u00a3{rng.randint(2, 900)}m" if rng.random() < 0.5
        else f"${rng.randint(2, 90)}.{rng.randint(1, 9)}bn",
        "past": rng.choice(["approved", "rejected", "delayed", "unveiled"]),
        "variant": spelling, "Variant": spelling,
    }
    return template.format(**values)


def _paragraphs(rng: random.Random, words: int, variants: dict[int, int]) -> list[str]:
    paragraphs: list[str] = []
    count = 0
    order = rng.sample(SENTENCES, len(SENTENCES))
    # Templates with no slots would repeat word for word: use those once per article.
    later = [t for t in order if "{" in t]
    templates = iter(order + later * 4)
    while count < words:
        sentences = [_fill(next(templates), rng, variants)
                     for _ in range(rng.randint(2, 5))]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return paragraphs


def _defects(rng: random.Random, head: list[str], body: list[str], tail: list[str]) -> None:
    """Add 0-4 defects in place, at rates that resemble a scraped archive."""
    roll = rng.random
    if roll() < 0.15:
        head.insert(0, rng.choice(BOILERPLATE[:3]))
    if roll() < 0.2:
        tail.extend(rng.sample(BOILERPLATE, 2))
    if roll() < 0.05:
        tail.append("For tips, contact newsdesk [at] example [dot] org")
    if roll() < 0.06:
        head.insert(0 if roll() < 0.5 else len(head), rng.choice(AI_NOTES))
    if roll() < 0.12:
        i = rng.randrange(len(body))
        body[i] = rng.choice(AI_PHRASES) + " " + body[i][0].lower() + body[i][1:]
    if roll() < 0.08:
        i = rng.randrange(len(body))
        body[i] = body[i].replace(". ", f" {rng.choice(PLACEHOLDERS)}. ", 1)
    if roll() < 0.15:
        i = rng.randrange(len(body))
        body[i] = body[i] + " " + rng.choice(VAGUE)
    if roll() < 0.05:
        right, wrong = rng.choice(MOJIBAKE)
        i = rng.randrange(len(body))
        body[i] = body[i].replace(right, wrong)
    if roll() < 0.05:
        i = rng.randrange(len(body))
        body[i] = body[i].replace("\u201d", "", 1)
    if roll() < 0.04:
        i = rng.randrange(len(body))
        body[i] = body[i] + " " + rng.choice(STRAY)
    if roll() < 0.03:
        body.insert(rng.randrange(len(body)), "| --- | --- | --- |")
    if roll() < 0.1:
        i = rng.randrange(len(body))
        words = body[i].split(" ")
        j = rng.randrange(1, len(words) - 1)
        words.insert(j, words[j])
        body[i] = " ".join(words)
    if roll() < 0.1:
        i = rng.randrange(len(body))
        body[i] = body[i].replace(" the ", " the  ", 1).replace(" ,", ",").replace(",", " ,", 1)
    if roll() < 0.05 and head:
        head.insert(1, head[0])


def article(index: int, words: int = 600, seed: int = 8) -> tuple[str, str]:
    """One article: (file name, text). Deterministic in (index, words, seed)."""
    rng = random.Random(f"{seed}:{index}")
    variants: dict[int, int] = {}
    headline = _fill(rng.choice(HEADLINES), rng, variants)
    headline = headline[0].upper() + headline[1:]
    byline = f"By {rng.choice(FIRST)} {rng.choice(LAST)}"
    if rng.random() < 0.03:
        byline = "By " + byline
    dateline = f"{rng.choice(PLACES).upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)}"
    body = _paragraphs(rng, words, variants)
    body[0] = f"{dateline} \u2014 {body[0]}"
    head, tail = [headline, byline], []
    if rng.random() < 0.55:
        _defects(rng, head, body, tail)
    markdown = rng.random() < 0.1
    if markdown:
        head[0] = "# " + head[0]
        if rng.random() < 0.5:
            body.insert(len(body) // 2, f"> {rng.choice(VAGUE)}")
        if rng.random() < 0.3:
            body.append("See the [full report](https://example.org/report?id="
                        f"{index}&amp;lang=en) for details.")
    name = f"{index:06d}.{'md' if markdown else 'txt'}"
    return name, "\n\n".join([*head, *body, *tail]) + "\n"


def generate_corpus(out_dir: Path | str, n: int, words: int = 600, seed: int = 8,
                    per_folder: int = 1000) -> list[Path]:
    """Write `n` articles under `out_dir` (in sub-folders of `per_folder`); return the paths."""
    out = Path(out_dir)
    paths = []
    for index in range(n):
        name, text = article(index, words, seed)
        folder = out / f"batch{index // per_folder:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--articles", "-n", type=int, default=1000)
    parser.add_argument("--words", type=int, default=600, help="about this many words each")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    paths = generate_corpus(args.out, args.articles, args.words, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"wrote {len(paths)} articles, {size / 1e6:.1f} MB, to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
