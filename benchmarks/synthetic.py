"""Synthetic news articles for the benchmarks: varied, realistic-looking, deterministic.

Each article has a headline, a publication date and a few paragraphs mixing event
sentences (actor, trigger, place, spatial relation, time phrase), statements and filler,
so that every pipeline stage (recognition, resolution, triggers, dating, spatial relations)
does real work. The same seed always gives the same articles.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

__all__ = ["article_text", "synthetic_records", "write_jsonl", "write_large_text"]

PLACES = (
    "Hama",
    "Aleppo",
    "Idlib",
    "Homs",
    "Raqqa",
    "Deir ez-Zor",
    "Palmyra",
    "Damascus",
    "Daraa",
    "Latakia",
    "Tartus",
    "Manbij",
    "Kobani",
    "Afrin",
    "Al-Bab",
    "Qamishli",
    "Mosul",
    "Kirkuk",
    "Tikrit",
    "Fallujah",
    "Ramadi",
    "Baghdad",
    "Basra",
    "Erbil",
    "Gaza",
    "Rafah",
    "Beirut",
    "Tyre",
    "Sidon",
    "Amman",
    "Donetsk",
    "Luhansk",
    "Mariupol",
    "Kharkiv",
    "Odesa",
    "Kherson",
    "Sanaa",
    "Aden",
    "Hodeidah",
    "Marib",
    "Tripoli",
    "Benghazi",
    "Sirte",
    "Misrata",
    "Kabul",
    "Kandahar",
    "Herat",
    "Mogadishu",
    "Kismayo",
    "Juba",
    "Khartoum",
    "El Fasher",
    "Goma",
)
REGIONS = (
    "Syria",
    "Iraq",
    "Lebanon",
    "Jordan",
    "Ukraine",
    "Yemen",
    "Libya",
    "Afghanistan",
    "Somalia",
    "Sudan",
    "the Golan Heights",
    "Crimea",
    "the Sinai Peninsula",
    "Kurdistan",
)
WATER = (
    "the Euphrates",
    "the Euphrates River",
    "the Tigris",
    "the Black Sea",
    "the Mediterranean",
    "the Red Sea",
    "the Persian Gulf",
    "the Sea of Azov",
    "the Nile",
)
ACTORS = (
    "Syrian government forces",
    "Russian warplanes",
    "Rebel fighters",
    "US-led coalition jets",
    "Turkish artillery",
    "Islamic State militants",
    "Kurdish-led forces",
    "Israeli aircraft",
    "Houthi rebels",
    "Saudi-led coalition aircraft",
    "Ukrainian troops",
    "Russian-backed separatists",
    "Taliban fighters",
    "Al-Shabaab militants",
    "Government troops",
    "Unidentified gunmen",
    "Hezbollah fighters",
    "Iraqi security forces",
    "A US warplane",
    "Pro-regime militias",
)
TRIGGERS = (
    "shelled",
    "struck",
    "attacked",
    "bombed",
    "raided",
    "ambushed a convoy near",
    "shot down a drone over",
    "fired rockets at",
    "launched airstrikes on",
    "seized",
    "clashed with government forces in",
    "captured",
    "intercepted a missile over",
)
RELATIONS = (
    "west of ",
    "east of ",
    "20 km north of ",
    "near ",
    "the outskirts of ",
    "south of ",
    "a village 15 miles southeast of ",
)
RELATION_SHARE = 0.15
"""Share of event sentences that place the event by a spatial relation (costly to build)."""
TIMES = (
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "on Saturday",
    "on Sunday",
    "overnight",
    "on Tuesday night",
    "early on Friday",
    "last week",
    "at dawn on Sunday",
    "earlier this month",
)
SPEAKERS = (
    "officials said",
    "residents said",
    "a monitoring group said",
    "state media reported",
    "the ministry said in a statement",
    "activists said",
    "a military spokesman said",
)
FILLER = (
    "The claim could not be independently verified.",
    "Aid agencies warned of a worsening humanitarian situation.",
    "Talks on a ceasefire are due to resume next month.",
    "The conflict has displaced millions of people since it began.",
    "Casualty figures vary widely between sources.",
    "Diplomats called for restraint from all sides.",
)


def _event_sentence(rng: random.Random) -> str:
    target = rng.choice(PLACES) if rng.random() < 0.8 else rng.choice(WATER)
    relation = rng.choice(RELATIONS) if rng.random() < RELATION_SHARE else ""
    where = f"{relation}{target}"
    if rng.random() < 0.3:
        where += f" in {rng.choice(REGIONS)}"
    killed = f", killing {rng.randint(2, 40)} people" if rng.random() < 0.4 else ""
    return (
        f"{rng.choice(ACTORS)} {rng.choice(TRIGGERS)} {where} {rng.choice(TIMES)}{killed}, "
        f"{rng.choice(SPEAKERS)}."
    )


def _statement(rng: random.Random) -> str:
    return (
        f"The {rng.choice(('Russian', 'US', 'Turkish', 'Iranian', 'Syrian'))} defense ministry "
        f"said it would treat any aircraft flying {rng.choice(RELATIONS) or 'west of '}"
        f"{rng.choice(WATER)} as a potential target."
    )


def article_text(rng: random.Random) -> str:
    """A wire brief: headline, blank line, one or two paragraphs of event, statement and
    filler sentences (about 60 to 150 words)."""
    paragraphs = []
    for _ in range(rng.randint(1, 2)):
        sentences = [_event_sentence(rng) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.1:
            sentences.append(_statement(rng))
        sentences.append(rng.choice(FILLER))
        paragraphs.append(" ".join(sentences))
    headline = f"{rng.choice(ACTORS)} {rng.choice(TRIGGERS)} {rng.choice(PLACES)}"
    return headline + "\n\n" + "\n\n".join(paragraphs)


def synthetic_records(count: int, seed: int = 20170620) -> Iterator[dict[str, str]]:
    """``count`` JSONL records ``{id, title, published, source, url, text}``."""
    rng = random.Random(seed)
    for number in range(count):
        text = article_text(rng)
        year, month, day = rng.randint(2014, 2024), rng.randint(1, 12), rng.randint(1, 28)
        yield {
            "id": f"synthetic-{number:06d}",
            "title": text.split("\n", 1)[0],
            "published": f"{year}-{month:02d}-{day:02d}",
            "source": rng.choice(("Example Wire", "Daily Example", "Example News Agency")),
            "url": f"https://news.example/{number}",
            "text": text,
        }


def write_jsonl(path: Path, count: int, seed: int = 20170620) -> Path:
    """Write ``count`` synthetic articles to ``path`` as JSONL, streamed (constant memory)."""
    with path.open("w", encoding="utf-8") as handle:
        for record in synthetic_records(count, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_large_text(path: Path, megabytes: float, seed: int = 20170620) -> Path:
    """One plain-text "article" of about ``megabytes`` MB: synthetic articles run together."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    written = 0
    with path.open("w", encoding="utf-8") as handle:
        while written < target:
            chunk = article_text(rng) + "\n\n"
            handle.write(chunk)
            written += len(chunk.encode("utf-8"))
    return path
