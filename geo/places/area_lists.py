"""Names listed before an area's plural word: "Cooke, Grayson and Love counties".

Local copy names several counties at once and writes the word for them once, after the last
("Marion and Polk counties", "Orleans and Jefferson parishes"). Each listed name is the area
of that name with the word: "Cooke" alone is no place the gazetteer knows (or a town
elsewhere), "Cooke County" is. The plural words and their singulars are reviewed data in
``area_lists.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from gazetteer.model import Candidate, FeatureClass
from geo.vocabulary import LowerWord, Vocabulary, alternation, load_vocabulary

__all__ = ["ListedArea", "listed_areas"]


class AreaListsFile(Vocabulary):
    """``area_lists.toml``: an area's plural word and the singular its names carry."""

    plurals: dict[LowerWord, str]


_WORDS = load_vocabulary("geo.places", "area_lists.toml", AreaListsFile)
# A listed name: one or two capitalised words ("Love", "St. Clair", "Palm Beach").
_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?"
_GAP = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
_LIST = re.compile(
    rf"(?P<names>{_NAME}(?:{_GAP}{_NAME})*{_GAP}{_NAME})\s+"
    rf"(?P<plural>(?i:{alternation(list(_WORDS.plurals))}))\b"
)
_ONE_NAME = re.compile(_NAME)


@dataclass(frozen=True, slots=True)
class ListedArea:
    """One listed name's span, the area's name it stands for and that name's areas."""

    start: int
    end: int
    area_name: str
    candidates: list[Candidate]

    @property
    def reason(self) -> str:
        return f"read as {self.area_name!r}, listed before the areas' plural word"


def listed_areas(text: str, lookup: Callable[[str], list[Candidate]]) -> Iterator[ListedArea]:
    """The names of ``text`` listed before an area's plural word, each with the areas the
    gazetteer has for the name and the singular word (names it has none for are left out)."""
    lowered = text.lower()
    if not any(plural in lowered for plural in _WORDS.plurals):
        return  # most texts: a quick scan instead of trying a list at every capital
    for found in _LIST.finditer(text):
        singular = _WORDS.plurals[found["plural"].lower()]
        for name in _ONE_NAME.finditer(text, found.start("names"), found.end("names")):
            area_name = f"{name[0]} {singular}"
            areas = [c for c in lookup(area_name) if c.feature_class == FeatureClass.ADMIN2]
            if areas:
                yield ListedArea(name.start(), name.end(), area_name, areas)
