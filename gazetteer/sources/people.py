"""A compact person-name lexicon, so place recognition can tell people from places.

"Leroy Wright" is not Leroy, Texas; "Joseph Dunford" is not Dunford; "Bashar Assad" is not
Lake Assad; "Spicer said" is a person. Recognition asks three questions of a capitalised
word: is it a common given name, a common surname, a title ("Gen.", "Minister")?

Built once, at ``geo gazetteer build`` time, from two PyPI packages:

* ``names-dataset`` (v3): given and last names with a popularity rank per country, from a
  Facebook leak of 533M profiles. It is noisy: "Syria", "Moscow", "Washington" and "Paris"
  are ranked as given names somewhere. The lexicon keeps each name's *best* rank over all
  countries so recognition can set its own threshold and weigh it against the gazetteer.
* ``nameparser``'s titles, minus generic words that precede places or organisations in news
  (:data:`NOT_TITLES`), plus a few news titles it lacks (:data:`EXTRA_TITLES`).

Only Latin-script names are kept (geo reads English news), keys are
:func:`gazetteer.normalize.normalize`d, and names made of initials ("A B M") are dropped.
Thresholds, chosen by looking at the data (see :data:`MAX_GIVEN_RANK`): about 229k given
names, 612k surnames and 600 titles: 4.7 MB.

File: ``people.marisa``, a marisa ``RecordTrie`` of format ``"<BH"``:
key -> (kind, best rank), kind 1 given name, 2 surname, 3 title (rank 0). A name can be
both a given name and a surname. A key ``"~format"`` holds (0, :data:`FORMAT_VERSION`)
so an outdated or foreign trie is refused instead of misread.
"""

from __future__ import annotations

import gzip
import os
import pickle
import struct
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from importlib import resources
from pathlib import Path
from typing import Any

import marisa_trie

from gazetteer.normalize import is_latin, normalize
from geo.errors import GazetteerDataError

__all__ = [
    "EXTRA_TITLES",
    "FILENAME",
    "FORMAT_VERSION",
    "MAX_GIVEN_RANK",
    "MAX_SURNAME_RANK",
    "NOT_TITLES",
    "NameKindCode",
    "PersonLexicon",
    "best_ranks",
    "build_people_lexicon",
    "news_titles",
]

FILENAME = "people.marisa"
FORMAT_VERSION = 1
RECORD_FORMAT = "<BH"
_FORMAT_KEY = "~format"  # kind FORMAT: never returned by a name lookup
_RANK_CAP = 65535

# Best rank over the ~100 countries names-dataset ranks. Looked at, not tuned: at 5000 the
# given names still hold Binali (1341), Efe (144) and Recep (32) while "Syria" (5339) and
# "Damascus" (9339) fall out; surnames need a deeper cut because leaders' names are often
# ranked in their home country only (Putin 10593, Guterres 1475, Dunford 2477).
MAX_GIVEN_RANK = 5000
MAX_SURNAME_RANK = 12000

# nameparser's titles include words that are not titles in news: they precede places,
# forces and organisations ("Air Force", "British Army", "US", "St. Louis", "Grand Rapids",
# "Supreme Court", "Federal Reserve"), or are adjectives, pronouns and stray abbreviations.
NOT_TITLES = frozenset(
    {
        # places, nations, forces, institutions
        "air", "army", "navy", "british", "english", "uk", "us", "united", "states", "state",
        "kingdom", "national", "federal", "foreign", "district", "division", "police",
        "military", "royal", "security", "intelligence", "customs", "revenue", "tax",
        "municipal", "metropolitan", "civil", "criminal", "supreme", "high", "grand",
        "st", "saint", "sainte", "bench", "docket", "group", "field", "flag", "wing",
        "banner", "law", "legal", "judicial", "appellate",
        # arts, business and other topics
        "rock", "blues", "radio", "television", "film", "opera", "theater", "theatre",
        "ballet", "classical", "credit", "risk", "strategy", "marketing", "analytics",
        "software", "computer", "discovery", "information", "knowledge", "travel",
        "soccer", "baseball", "voice", "model", "mathematics", "business", "financial",
        "corporate", "political", "social", "technical", "mystery", "biblical", "literary",
        "behavioral", "personality", "celebrity", "award-winning", "operating", "flying",
        "bearer", "family", "familie", "heren", "canon",
        # adjectives and modifiers that are not titles on their own
        "first", "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th",
        "most", "right", "rt", "excellent", "blessed", "superior", "petty", "warrant",
        "special", "staff", "senior", "private", "executive", "presiding", "designated",
        "hereditary", "prime", "rear", "resident", "prior", "principal", "count", "master",
        # pronouns and ambiguous short forms
        "his", "her", "me", "met", "ab", "bp", "hr", "mg", "ra", "pd", "wp", "vc", "sn",
        "msg", "mag", "pro", "sr",
    }
)  # fmt: skip

# Titles in news that nameparser lacks.
EXTRA_TITLES = (
    "sen",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chairperson",
    "secretary-general",
    "under-secretary",
    "undersecretary",
    "vice-president",
    "congressman",
    "congresswoman",
    "lawmaker",
    "mp",
    "mep",
    "emir",
    "sayyed",
    "sayyid",
    "haji",
    "cleric",
    "marshal",
    "cmdr",
    "brig",
    "taoiseach",
    "negotiator",
)


class NameKindCode(IntEnum):
    """The first field of a lexicon record."""

    FORMAT = 0
    GIVEN = 1
    SURNAME = 2
    TITLE = 3


_REBUILD = "rebuild it with `geo gazetteer build`"
_REINSTALL = "reinstall it with `pip install --force-reinstall names-dataset`"


def _names_dataset_file(filename: str) -> Path:
    path = Path(str(resources.files("names_dataset") / "v3" / filename))
    if not path.is_file():
        raise GazetteerDataError(f"{path}: names-dataset data file missing; {_REINSTALL}")
    return path


def _load_names(path: Path) -> dict[str, dict[str, Any]]:
    """One names-dataset v3 table: name -> {'country': .., 'gender': .., 'rank': {ISO2: n}}.

    The tables are pickles shipped inside the installed package, read as names-dataset
    itself reads them.
    """
    try:
        with gzip.open(path, "rb") as handle:
            table = pickle.load(handle)  # the installed package's own data, as it reads it
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, AttributeError) as err:
        raise GazetteerDataError(
            f"{path}: corrupt names-dataset data ({err}); {_REINSTALL}"
        ) from err
    if not isinstance(table, dict):
        raise GazetteerDataError(
            f"{path}: unexpected names-dataset data ({type(table).__name__}); {_REINSTALL}"
        )
    return table


def _usable_key(name: str) -> str | None:
    """The name's key if it is Latin script and not made of bare initials ("A B M")."""
    # ASCII first: most names are, and is_latin looks up every character's Unicode name.
    if not (name.isascii() or is_latin(name)):
        return None
    key = normalize.__wrapped__(name)  # the cache would only churn on a million names
    tokens = key.split()
    if not tokens or any(len(token) < 2 for token in tokens):
        return None
    return key


def best_ranks(table: dict[str, dict[str, Any]], max_rank: int) -> dict[str, int]:
    """Normalised name -> best rank over countries, for names ranked ``<= max_rank`` somewhere.

    Spellings that share a key ("Erdoğan", "Erdogan") keep the better rank.

    >>> best_ranks({"Erdoğan": {"rank": {"TR": 47}}, "Erdogan": {"rank": {"TR": 184}}}, 100)
    {'erdogan': 47}
    >>> best_ranks({"Syria": {"rank": {"IT": 5339}}, "A B": {"rank": {"BD": 1}}}, 5000)
    {}
    """
    ranks: dict[str, int] = {}
    for name, record in table.items():
        by_country = record.get("rank") if isinstance(record, dict) else None
        if not by_country:
            continue
        best = min((rank for rank in by_country.values() if rank is not None), default=None)
        if best is None or best > max_rank:
            continue
        key = _usable_key(name)
        if key is None:
            continue
        if key not in ranks or best < ranks[key]:
            ranks[key] = best
    return ranks


def news_titles() -> frozenset[str]:
    """Normalised titles: nameparser's Latin-script titles minus NOT_TITLES, plus extras."""
    from nameparser.config import CONSTANTS

    titles = {
        normalize(title)
        for title in CONSTANTS.titles
        if is_latin(title) and title.lower() not in NOT_TITLES
    }
    titles.update(normalize(title) for title in EXTRA_TITLES)
    titles.discard("")
    return frozenset(titles)


def _records(
    given: dict[str, int], surnames: dict[str, int], titles: Iterable[str]
) -> Iterator[tuple[str, tuple[int, int]]]:
    yield _FORMAT_KEY, (NameKindCode.FORMAT, FORMAT_VERSION)
    for key, rank in given.items():
        yield key, (NameKindCode.GIVEN, min(rank, _RANK_CAP))
    for key, rank in surnames.items():
        yield key, (NameKindCode.SURNAME, min(rank, _RANK_CAP))
    for key in titles:
        yield key, (NameKindCode.TITLE, 0)


def build_people_lexicon(target_dir: Path) -> dict[str, int]:
    """Write ``target_dir/people.marisa`` and return its counts by kind.

    Takes about 10 s (names-dataset's two pickles) and 1 GB at peak, one table at a time.
    The file is written beside its target and moved into place, so a failed build never
    leaves half a lexicon.
    """
    given = best_ranks(_load_names(_names_dataset_file("first_names.pkl.gz")), MAX_GIVEN_RANK)
    surnames = best_ranks(_load_names(_names_dataset_file("last_names.pkl.gz")), MAX_SURNAME_RANK)
    titles = news_titles()
    trie = marisa_trie.RecordTrie(RECORD_FORMAT, _records(given, surnames, titles))
    target_dir.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".people-", suffix=".marisa", dir=target_dir)
    os.close(handle)
    try:
        trie.save(temporary)
        os.replace(temporary, target_dir / FILENAME)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return {"given": len(given), "surname": len(surnames), "title": len(titles)}


@dataclass(frozen=True)
class PersonLexicon:
    """Read-only view of ``people.marisa`` (memory-mapped: opening is instant).

    Lookups normalise their argument, so case, marks and dots do not matter.
    """

    trie: marisa_trie.RecordTrie
    path: Path

    @classmethod
    def open(cls, path: Path) -> PersonLexicon:
        if not path.is_file():
            raise GazetteerDataError(f"{path}: person-name lexicon missing; {_REBUILD}")
        try:
            trie = marisa_trie.RecordTrie(RECORD_FORMAT).mmap(str(path))
            format_records = trie.get(_FORMAT_KEY)
        except (RuntimeError, struct.error) as err:  # marisa's format and I/O errors
            raise GazetteerDataError(
                f"{path}: corrupt person-name lexicon ({err}); {_REBUILD}"
            ) from err
        if format_records != [(NameKindCode.FORMAT, FORMAT_VERSION)]:
            raise GazetteerDataError(
                f"{path}: not a person-name lexicon of format {FORMAT_VERSION}; {_REBUILD}"
            )
        return cls(trie=trie, path=path)

    def _rank(self, name: str, kind: NameKindCode) -> int | None:
        key = normalize(name)
        if not key:
            return None
        for record_kind, rank in self.trie.get(key, ()):
            if record_kind == kind:
                return int(rank)
        return None

    def given_rank(self, name: str) -> int | None:
        """Best rank of ``name`` as a given name in any country, or None if not kept.

        1 is the most common; ranks above :data:`MAX_GIVEN_RANK` are not kept.
        """
        return self._rank(name, NameKindCode.GIVEN)

    def surname_rank(self, name: str) -> int | None:
        """Best rank of ``name`` as a surname in any country, or None if not kept."""
        return self._rank(name, NameKindCode.SURNAME)

    def is_title(self, word: str) -> bool:
        """True for a title or role that precedes a person's name: 'Gen.', 'Minister'."""
        return self._rank(word, NameKindCode.TITLE) is not None
