"""A deterministic synthetic corpus: N briefs that look like a newsroom's archive.

    python benchmarks/corpus.py OUT_DIR --briefs 1000 [--seed 1] [--search material|pagefind]

writes a complete site folder: ``mkdocs.yml`` (like the repo's), ``briefs/<section>/<year>/<slug>.yaml``,
``briefs/_tags.yml`` and ``briefs/_authors.yml``.  The same seed and N give byte-identical files, so
timings from different runs are about the same input.

The text is built from a small grammar, not one repeated sentence: sentences are assembled from
word lists, so bodies have a realistic vocabulary for Markdown, search indexing and PDF layout.
Every brief mentions a unique invented place or project name (its *codename*, see
:func:`codename`), which lets a search test find one brief among thousands.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from random import Random

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
"""The benchmark's "now" (export SOURCE_DATE_EPOCH=NOW_EPOCH): embargoes and expiries are relative to it."""
NOW_EPOCH = int(NOW.timestamp())
FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2026, 11, 24)

# Section tree: 6 desks, each with sub-desks, each with beats: 3 levels.
SECTIONS: dict[str, dict[str, list[str]]] = {
    "Geopolitics": {
        "Europe": ["Baltic states", "Balkans", "Central Europe", "Nordics"],
        "Middle East": ["Gulf", "Levant", "North Africa"],
        "Asia-Pacific": ["South China Sea", "Korean peninsula", "Pacific islands"],
        "Americas": ["Andes", "Caribbean", "North America"],
    },
    "Security": {
        "Defence": ["Air defence", "Naval forces", "Procurement", "Land forces"],
        "Terrorism": ["Sahel", "Online radicalisation"],
        "Arms control": ["Nuclear", "Conventional"],
    },
    "Cyber": {
        "Threats": ["Ransomware", "State actors", "Supply chain"],
        "Policy": ["Regulation", "Standards"],
        "Infrastructure": ["Cloud", "Telecoms", "Industrial control"],
    },
    "Energy": {
        "Gas": ["LNG", "Pipelines", "Storage"],
        "Power": ["Grids", "Nuclear power", "Renewables"],
        "Oil": ["OPEC", "Refining"],
    },
    "Economy": {
        "Trade": ["Sanctions", "Tariffs", "Shipping"],
        "Finance": ["Central banks", "Debt", "Markets"],
        "Industry": ["Semiconductors", "Critical minerals", "Automotive"],
    },
    "Climate": {
        "Adaptation": ["Water", "Food security"],
        "Diplomacy": ["Negotiations", "Climate finance"],
    },
}

_TAG_BASE = [
    "NATO allies",
    "Air defence",
    "Sanctions",
    "Ransomware",
    "LNG",
    "Pipelines",
    "Grid stability",
    "Elections",
    "Migration",
    "Drones",
    "Missiles",
    "Naval patrols",
    "Critical minerals",
    "Semiconductors",
    "Export controls",
    "Central banks",
    "Inflation",
    "Sovereign debt",
    "Shipping lanes",
    "Ports",
    "Undersea cables",
    "Satellites",
    "Disinformation",
    "Election security",
    "Supply chains",
    "Food prices",
    "Drought",
    "Floods",
    "Heatwaves",
    "Carbon markets",
    "Hydrogen",
    "Nuclear energy",
    "Offshore wind",
    "Solar power",
    "Battery storage",
    "Oil prices",
    "Refineries",
    "Tariffs",
    "Trade deals",
    "Currency",
    "Bond markets",
    "Banking",
    "Insurance",
    "Public health",
    "Vaccines",
    "Border security",
    "Peacekeeping",
    "Ceasefires",
    "Arms transfers",
    "Nuclear talks",
    "Space policy",
    "Cloud security",
    "Zero-day exploits",
    "Phishing",
    "Botnets",
    "Data protection",
    "AI regulation",
    "Telecoms",
    "5G",
    "Industrial control systems",
    "Water security",
    "Fisheries",
    "Arctic",
    "Mining",
    "Rare earths",
    "Steel",
    "Automotive industry",
    "Electric vehicles",
    "Railways",
    "Aviation",
    "Tourism",
    "Labour markets",
    "Strikes",
    "Protests",
    "Coalition politics",
    "Judicial reform",
    "Corruption",
    "Media freedom",
    "Human rights",
    "Refugees",
    "Humanitarian aid",
]
_REGIONS = [
    "Estonia",
    "Latvia",
    "Lithuania",
    "Poland",
    "Finland",
    "Sweden",
    "Norway",
    "Germany",
    "France",
    "Italy",
    "Spain",
    "Romania",
    "Ukraine",
    "Moldova",
    "Georgia",
    "Turkey",
    "Egypt",
    "Libya",
    "Tunisia",
    "Morocco",
    "Saudi Arabia",
    "Qatar",
    "Oman",
    "Iraq",
    "Jordan",
    "Japan",
    "South Korea",
    "Taiwan",
    "Philippines",
    "Vietnam",
    "Indonesia",
    "Australia",
    "Fiji",
    "Chile",
    "Peru",
    "Colombia",
    "Brazil",
    "Mexico",
    "Canada",
    "Nigeria",
    "Kenya",
    "Mali",
    "Niger",
    "South Africa",
    "India",
    "Pakistan",
    "Kazakhstan",
]
_QUALIFIED = ["policy", "outlook"]


def tag_names() -> list[str]:
    """The vocabulary: 81 topics, 47 places and 94 place-qualified topics: 222 tags."""
    names = list(_TAG_BASE) + list(_REGIONS)
    names += [f"{region} {qual}" for region in _REGIONS for qual in _QUALIFIED]
    return names


_AUTHORS = [
    ("a-okafor", "Adaeze Okafor"),
    ("b-lindqvist", "Björn Lindqvist"),
    ("c-moreau", "Camille Moreau"),
    ("d-nakamura", "Daiki Nakamura"),
    ("e-kowalska", "Ewa Kowalska"),
    ("f-haddad", "Farid Haddad"),
    ("g-silva", "Gabriela Silva"),
    ("h-osei", "Henry Osei"),
    ("i-petrova", "Irina Petrova"),
    ("j-mbeki", "Jabu Mbeki"),
    ("k-oconnell", "Kate O'Connell"),
    ("l-garcia", "Lucía García"),
    ("m-tanaka", "Mei Tanaka"),
    ("n-rahman", "Nadia Rahman"),
    ("o-berg", "Ole Berg"),
    ("p-novak", "Petra Novák"),
    ("q-zhang", "Qiang Zhang"),
    ("r-alvarez", "Rafael Álvarez"),
    ("s-ivanova", "Svetlana Ivanova"),
    ("t-mensah", "Tomás Mensah"),
    ("u-sato", "Umi Sato"),
    ("v-rossi", "Valentina Rossi"),
    ("w-schmidt", "Wolfgang Schmidt"),
    ("y-cohen", "Yael Cohen"),
]

# -- the grammar ---------------------------------------------------------------------------------

_SYL = [
    "val",
    "mor",
    "ka",
    "ren",
    "dor",
    "lis",
    "tam",
    "bre",
    "sol",
    "vin",
    "ko",
    "rha",
    "nel",
    "quar",
    "ost",
    "fen",
    "gal",
    "dru",
    "mir",
    "tes",
    "zan",
    "pol",
    "ur",
    "hex",
]
_END = ["ia", "ovo", "ar", "en", "ath", "ino", "ek", "ora", "und", "esh", "al", "is"]
_ORGS = [
    "the finance ministry",
    "the defence ministry",
    "the central bank",
    "the energy regulator",
    "the port authority",
    "the national grid operator",
    "the coast guard",
    "the election commission",
    "parliament's security committee",
    "the competition authority",
    "the statistics office",
    "the foreign ministry",
    "the cyber agency",
    "the state oil company",
    "a consortium of regional banks",
    "the shipping association",
    "the farmers' union",
    "the metalworkers' union",
    "the utilities association",
    "the interior ministry",
]
_PEOPLE = [
    "the prime minister",
    "the finance minister",
    "the defence minister",
    "a senior diplomat",
    "the governor",
    "the chief executive",
    "an industry spokesperson",
    "opposition leaders",
    "the mayor",
    "military planners",
    "independent analysts",
    "trade negotiators",
    "the head of the regulator",
    "local officials",
    "union leaders",
]
_PLACES = [
    "the capital",
    "the northern provinces",
    "the border region",
    "the coastal cities",
    "the industrial south",
    "the river delta",
    "São Paulo",
    "Kraków",
    "Malmö",
    "Gdańsk",
    "Tromsø",
    "Izmir",
    "Rotterdam",
    "Busan",
    "Valparaíso",
    "Mombasa",
    "Antwerp",
    "Piraeus",
    "Constanța",
    "Klaipėda",
]
_VERBS = [
    "announced",
    "postponed",
    "approved",
    "rejected",
    "expanded",
    "suspended",
    "reviewed",
    "defended",
    "criticised",
    "proposed",
    "negotiated",
    "accelerated",
    "scaled back",
    "confirmed",
    "questioned",
    "welcomed",
    "delayed",
    "financed",
    "restructured",
    "audited",
]
_OBJECTS = [
    "a review of {topic}",
    "new limits on {topic}",
    "a plan to modernise {topic}",
    "an inquiry into {topic}",
    "emergency funding for {topic}",
    "a framework agreement on {topic}",
    "stricter rules for {topic}",
    "a pilot programme for {topic}",
    "the sale of a stake in {topic}",
    "a joint task force on {topic}",
    "fresh guidance on {topic}",
    "a moratorium on {topic}",
    "tax relief for {topic}",
    "a register of {topic}",
]
_TOPICS = [
    "gas storage",
    "port security",
    "grid interconnectors",
    "fertiliser imports",
    "short-range air defence",
    "undersea cables",
    "grain exports",
    "rare-earth processing",
    "municipal water systems",
    "border crossings",
    "satellite ground stations",
    "coastal patrol vessels",
    "refinery capacity",
    "cloud data centres",
    "rail freight corridors",
    "battery factories",
    "offshore wind auctions",
    "sovereign bond issuance",
    "telecom base stations",
    "election software",
    "strategic fuel reserves",
    "copper smelters",
    "fishing quotas",
    "hospital procurement",
    "military airfields",
    "customs software",
    "LNG terminals",
    "electricity tariffs",
    "shipping insurance",
    "chip packaging plants",
    "drone detection",
    "flood barriers",
]
_EVENTS = [
    "a week of talks",
    "last month's outage",
    "a disputed audit",
    "the collapse of a coalition",
    "a spike in prices",
    "a series of cyber attacks",
    "a cold winter",
    "protests outside parliament",
    "a court ruling",
    "a leaked memo",
    "weeks of heavy rain",
    "an explosion at a depot",
    "a ratings downgrade",
    "a new trade agreement",
    "a surprise resignation",
    "an early election",
    "a strike by dock workers",
]
_ADVERBS = ["quietly", "abruptly", "formally", "cautiously", "publicly", "unexpectedly", "again", "finally"]
_ADJ = ["modest", "sharp", "sustained", "temporary", "steep", "gradual", "significant", "limited", "broad"]
_MEASURES = ["prices", "exports", "imports", "output", "investment", "demand", "reserves", "shipments", "wages"]
_HEADINGS = [
    "What happened",
    "Background",
    "Why it matters",
    "The numbers",
    "Who is involved",
    "Reactions",
    "What to watch",
    "Risks",
    "Outlook",
    "The wider picture",
    "Timeline",
    "Open questions",
]
_TITLE_PATTERNS = [
    "{cn} {verb} {object}",
    "{cn}: {people} {verb} {object}",
    "{Org} in {cn} {verb} {object}",
    "Why {cn} {verb} {object}",
    "{cn} {measure} show {adj} change after {event}",
]
_SENTENCES = [
    "{Subj} {verb} {object} on {weekday}, {adv} ending {event_short}.",
    "In {place}, {subj} {verb} {object} after {event}.",
    "{Subj} said the decision would affect {topic} for at least {n} months.",
    "{Measure} rose by {pct} per cent in the third quarter, a {adj} change from a year earlier.",
    "{Measure} fell by {pct} per cent, according to figures published by {org}.",
    "The move follows {event}, which left {topic} exposed.",
    "Critics argue that {object} will do little for {place}.",
    "{Subj} {adv} {verb} {object}, citing costs of about {money}.",
    "Officials in {cn} expect {topic} to remain a priority for {org}.",
    "The {cn} project, first announced in {year}, has cost {money} so far.",
    "Asked about {topic}, {people} declined to comment on the timetable.",
    "A spokesperson for {org} said talks on {topic} would resume next week.",
    "{Subj} {verb} {object}; {people} {verb2} the plan within days.",
    "Trade data show {adj} growth in {topic} since {year}.",
    "Local media in {place} reported that {people} had {verb} {object}.",
    "The budget sets aside {money} for {topic} over {n} years.",
    "Neighbouring states are watching {cn} closely, because the dispute over {topic} crosses their borders too.",
    "Several smaller firms have left the market since {event}.",
    "The agreement covers {topic} and, in a later phase, {topic2}.",
    "Insurers have raised premiums for {topic} by {pct} per cent.",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_PUBLISHERS = [
    "Reuters",
    "Financial Times",
    "Le Monde",
    "Nikkei Asia",
    "Al Jazeera",
    "Der Spiegel",
    "ministry statement",
    "IEA",
    "IMF",
    "World Bank",
    "NATO",
    "ENISA",
    "parliamentary record",
    "company filing",
]


def codename(i: int) -> str:
    """A unique invented name for brief ``i`` (unique for i < 24**3 * 12)."""
    k = (i * 7919) % (len(_SYL) ** 3)
    a, b, c = k // (len(_SYL) ** 2), (k // len(_SYL)) % len(_SYL), k % len(_SYL)
    end = _END[(i // len(_SYL) ** 3 + a + c) % len(_END)] if i >= len(_SYL) ** 3 else _END[(a + b + c) % len(_END)]
    name = _SYL[a] + _SYL[b] + _SYL[c] + end
    if i >= len(_SYL) ** 3:
        name += "ic" * (i // len(_SYL) ** 3)
    return name.capitalize()


class _Writer:
    """Fills the grammar's slots from one seeded RNG."""

    def __init__(self, rng: Random, cn: str) -> None:
        self.rng = rng
        self.cn = cn

    def pick(self, items: list[str]) -> str:
        return items[self.rng.randrange(len(items))]

    def fill(self, pattern: str) -> str:
        r = self.rng
        topic = self.pick(_TOPICS)
        subj = self.pick(_PEOPLE + _ORGS)
        org = self.pick(_ORGS)
        slots = {
            "cn": self.cn,
            "subj": subj,
            "Subj": subj[0].upper() + subj[1:],
            "people": self.pick(_PEOPLE),
            "org": org,
            "Org": org[0].upper() + org[1:],
            "verb": self.pick(_VERBS),
            "verb2": self.pick(_VERBS),
            "object": self.pick(_OBJECTS).format(topic=topic),
            "topic": topic,
            "topic2": self.pick(_TOPICS),
            "place": self.pick(_PLACES),
            "event": self.pick(_EVENTS),
            "event_short": "months of uncertainty" if r.random() < 0.5 else "a long dispute",
            "adv": self.pick(_ADVERBS),
            "adj": self.pick(_ADJ),
            "measure": self.pick(_MEASURES),
            "Measure": self.pick(_MEASURES).capitalize(),
            "weekday": self.pick(_WEEKDAYS),
            "n": str(r.randint(2, 36)),
            "pct": f"{r.randint(1, 40)}.{r.randint(0, 9)}",
            "money": f"{r.randint(2, 950)} million euros",
            "year": str(r.randint(2009, 2024)),
        }
        return pattern.format(**slots)

    def sentence(self) -> str:
        return self.fill(self.pick(_SENTENCES))

    def paragraph(self, lo: int = 3, hi: int = 6) -> str:
        sentences = [self.sentence() for _ in range(self.rng.randint(lo, hi))]
        if self.rng.random() < 0.15:  # some inline markup, as editors write it
            k = self.rng.randrange(len(sentences))
            sentences[k] = f"**{sentences[k]}**"
        return " ".join(sentences)

    def body(self, words: int) -> str:
        """Markdown of about ``words`` words: headed sections, paragraphs, a list or a quote now and then."""
        blocks: list[str] = [self.paragraph(2, 4)]
        count = _words(blocks[0])
        headings = list(_HEADINGS)
        self.rng.shuffle(headings)
        while count < words:
            roll = self.rng.random()
            if roll < 0.18 and headings and not blocks[-1].startswith("## "):
                block = "## " + headings.pop()
            elif roll < 0.26:
                block = "\n".join("- " + self.sentence() for _ in range(self.rng.randint(2, 4)))
            elif roll < 0.30:
                block = "> " + self.sentence()
            else:
                block = self.paragraph()
            blocks.append(block)
            count += _words(block)
        if blocks[-1].startswith("## "):
            blocks.append(self.paragraph(2, 3))
        return "\n\n".join(blocks) + "\n"


def _words(text: str) -> int:
    return len(text.split())


# -- briefs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GenBrief:
    """What the generator made for one brief; ``path`` is relative to the site root."""

    index: int
    slug: str
    path: str
    title: str
    codename: str
    section: tuple[str, ...]
    date: date | datetime
    tags: tuple[str, ...]
    status: str
    handling: str
    public: bool
    text: str


def _zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (rank**s) for rank in range(1, n + 1)]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _block(key: str, text: str, indent: str = "") -> list[str]:
    lines = [f"{indent}{key}: |"]
    for line in text.rstrip("\n").split("\n"):
        lines.append(f"{indent}  {line}" if line else "")
    return lines


def make_brief(i: int, seed: int, tags: list[str], weights: list[float], leaves: list[tuple[str, ...]]) -> GenBrief:
    """Brief ``i``: its own RNG (seed, i), so one brief never depends on another's draws."""
    rng = Random(f"{seed}:{i}")
    cn = codename(i)
    w = _Writer(rng, cn)

    # Section: mostly a 3-level leaf, sometimes a 2-level desk page.
    leaf = leaves[rng.randrange(len(leaves))]
    section = leaf if rng.random() < 0.85 else leaf[:2]

    day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
    when: date | datetime = day
    if rng.random() < 0.4:
        when = datetime(day.year, day.month, day.day, rng.randint(6, 20), rng.choice([0, 15, 30, 45]), tzinfo=UTC)

    roll = rng.random()
    status = "draft" if roll < 0.05 else "review" if roll < 0.09 else "approved" if roll < 0.12 else "published"
    kind = rng.choices(["news", "analysis", "explainer", "opinion"], [50, 25, 15, 10])[0]
    handling = "TLP:CLEAR"
    publish_at: datetime | None = None
    expires: date | None = None
    public = status == "published"
    if status == "published":
        roll = rng.random()
        if roll < 0.03:  # embargoed: dated just before "now", released after it
            day = NOW.date() - timedelta(days=rng.randint(0, 3))
            when = day
            publish_at = datetime(2026, 12, rng.randint(1, 20), 9, 0, tzinfo=UTC)
            public = False
        elif roll < 0.06:  # expired
            expires = day + timedelta(days=rng.randint(1, 60))
            expires = min(expires, NOW.date() - timedelta(days=1))
            if expires <= day:
                day = expires - timedelta(days=5)
                when = day
            public = False
        elif roll < 0.11:
            handling = rng.choice(["TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"])
            public = False

    chosen: list[str] = []
    for _ in range(rng.choices([1, 2, 3, 4, 5], [5, 25, 35, 25, 10])[0]):
        name = rng.choices(tags, weights)[0]
        if name not in chosen:
            chosen.append(name)

    title = w.fill(w.pick(_TITLE_PATTERNS))
    title = title[0].upper() + title[1:]
    if len(title) > 88:
        title = title[:88].rsplit(" ", 1)[0]
    summary = " ".join(w.sentence() for _ in range(rng.randint(1, 2)))
    body = w.body(rng.randint(500, 800))  # the last block overshoots by up to ~100 words

    lines = [
        f"title: {_q(title)}",
        f"summary: {_q(summary)}",
        f"section: {_q(' / '.join(section))}",
        f"date: {when.isoformat()}",
        "tags: [" + ", ".join(_q(t) for t in chosen) + "]",
        f"kind: {kind}",
        f"status: {status}",
    ]
    n_authors = rng.choices([0, 1, 2], [2 if status != "published" else 0, 8, 2])[0]
    if n_authors:
        people = rng.sample(_AUTHORS, n_authors)
        lines.append("authors: [" + ", ".join(p[0] for p in people) + "]")
    if publish_at is not None:
        lines.append(f"publish_at: {publish_at.isoformat()}")
    if expires is not None:
        lines.append(f"expires: {expires.isoformat()}")
    if handling != "TLP:CLEAR":
        lines.append(f"handling: {_q(handling)}")
    if rng.random() < 0.15 and publish_at is None:
        lines.append(f"updated: {(day + timedelta(days=rng.randint(1, 40))).isoformat()}")
    if rng.random() < 0.01:
        lines.append("featured: true")
    if kind == "analysis":
        lines.append(f"confidence: {rng.choice(['high', 'moderate', 'low'])}")
    if rng.random() < 0.7:
        lines.append(f"bluf: {_q(' '.join(w.sentence() for _ in range(rng.randint(1, 2))))}")
    if rng.random() < 0.6:
        lines.append("key_points:")
        lines.extend(f"  - {_q(w.sentence())}" for _ in range(rng.randint(3, 5)))
    if kind == "analysis" or rng.random() < 0.4:
        lines.append("sources:")
        for k in range(rng.randint(1, 4)):
            publisher = w.pick(_PUBLISHERS)
            lines.append(f"  - title: {_q(w.fill('{Measure} and {topic}: ' + w.pick(_HEADINGS).lower()))}")
            lines.append(f"    url: https://example.org/{_slug(publisher)}/{day.year}/{i}-{k}")
            lines.append(f"    publisher: {_q(publisher)}")
            lines.append(f"    accessed: {day.isoformat()}")
    if rng.random() < 0.04 and publish_at is None and expires is None:
        lines.append("corrections:")
        for k in range(rng.randint(1, 2)):
            lines.append(f"  - date: {(day + timedelta(days=2 + 3 * k)).isoformat()}")
            lines.append(f"    text: {_q('An earlier version misstated ' + w.pick(_TOPICS) + '; the figure has been corrected.')}")
    lines.extend(_block("body", body))
    text = "\n".join(lines) + "\n"

    slug = f"{day.isoformat()}-{_slug(title)[:60].strip('-')}"
    path = f"briefs/{_slug(section[0])}/{day.year}/{slug}.yaml"
    return GenBrief(i, slug, path, title, cn, section, when, tuple(chosen), status, handling, public, text)


def leaves() -> list[tuple[str, ...]]:
    return [(top, sub, beat) for top, subs in SECTIONS.items() for sub, beats in subs.items() for beat in beats]


def briefs(n: int, seed: int = 1) -> list[GenBrief]:
    names = tag_names()
    rng = Random(f"tags:{seed}")
    order = list(names)
    rng.shuffle(order)  # which tags are popular depends on the seed
    weights = _zipf_weights(len(order))
    tree = leaves()
    return [make_brief(i, seed, order, weights, tree) for i in range(n)]


def tags_yaml() -> str:
    lines = ["# Tag vocabulary of the synthetic corpus: descriptions for some, aliases for a few."]
    for k, name in enumerate(tag_names()):
        if k % 3 == 0:
            lines.append(f"{_q(name)}:")
            lines.append(f"  description: {_q('Briefs about ' + name.lower() + ': developments, data and analysis.')}")
            if k % 9 == 0:
                lines.append(f"  aliases: [{_q(name + ' (old)')}]")
        else:
            lines.append(f"{_q(name)}: {{}}")
    return "\n".join(lines) + "\n"


def authors_yaml() -> str:
    lines = []
    for key, name in _AUTHORS:
        lines.append(f"{key}:")
        lines.append(f"  name: {_q(name)}")
        lines.append(f"  bio: {_q(name.split()[0] + ' covers security and economics for the desk.')}")
    return "\n".join(lines) + "\n"


# Shared with benchmarks/blog.py so that (a) and (c) build with the same theme and extensions.
THEME_AND_MARKDOWN = """\
theme:
  name: material
  language: en
  features:
    - navigation.tabs
    - navigation.sections
    - navigation.top
    - search.suggest
    - search.highlight
    - content.code.copy
  palette:
    - scheme: default
      primary: black
      accent: red

markdown_extensions:
  - admonition
  - attr_list
  - def_list
  - footnotes
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
"""


def mkdocs_yaml(n: int, search: str) -> str:
    """Like the repo's mkdocs.yml: same theme features, extensions and plugins."""
    return f"""\
# Synthetic benchmark site: {n} briefs (benchmarks/corpus.py).
site_name: Synthetic Briefs ({n})
site_description: A synthetic corpus for briefkit's benchmarks.
site_url: https://bench.example.org/
docs_dir: build/docs
site_dir: build/site

{THEME_AND_MARKDOWN}
plugins:
  - search
  - briefkit:
      timezone: UTC
      default_handling: TLP:CLEAR
      search: {search}
      pdf:
        paper: A4
"""


def generate(root: Path, n: int, seed: int = 1, search: str = "material") -> list[GenBrief]:
    """Write the site folder under ``root`` (its ``briefs/`` is replaced) and return what was written."""
    made = briefs(n, seed)
    target = root / "briefs"
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(mkdocs_yaml(n, search), encoding="utf-8")
    (target / "_tags.yml").write_text(tags_yaml(), encoding="utf-8")
    (target / "_authors.yml").write_text(authors_yaml(), encoding="utf-8")
    for b in made:
        path = root / b.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(b.text, encoding="utf-8")
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="Site folder to write (its briefs/ is replaced).")
    parser.add_argument("--briefs", "-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--search", choices=["material", "pagefind"], default="material")
    args = parser.parse_args(argv)
    if args.briefs < 1:
        parser.error("--briefs must be at least 1")
    made = generate(args.out, args.briefs, args.seed, args.search)
    public = sum(b.public for b in made)
    print(f"wrote {len(made)} briefs ({public} public) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
