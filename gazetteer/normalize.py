"""Name normalisation: one function decides when two spellings are the same key.

Case, diacritics, apostrophes, hyphens, dots and a leading "the" do not distinguish
names: "Deir ez-Zor" and "Deir Ez Zor", "Dar'a" and "Dara", "U.S." and "US" share a key.
Transliteration differences ("Dayr az Zawr") are handled by alternate names, not here.

>>> normalize("Dayr az-Zawr")
'dayr az zawr'
>>> normalize("the U.S.")
'us'
>>> normalize("Syria's")
'syrias'
>>> query_keys("Syria's")
[('syrias', None), ('syria', None)]
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["SUFFIX_CLASSES", "is_latin", "normalize", "query_keys"]

_APOSTROPHES = "'`´‘’ʻʼʾʿ"
_DROP = str.maketrans("", "", _APOSTROPHES + ".")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_/,;:()\"“”«»]+")
_LEADING_ARTICLE = re.compile(r"^the\s+")
_POSSESSIVE = re.compile(r"\s?(?:['’]s|['’])$")

# A trailing generic word a user may add or leave out ("Euphrates River", "Baltic Sea"),
# with the feature classes it points to.
SUFFIX_CLASSES: dict[str, tuple[str, ...]] = {
    "river": ("river",),
    "sea": ("sea", "lake"),
    "lake": ("lake",),
    "ocean": ("sea",),
    "gulf": ("sea",),
    "strait": ("sea",),
    "province": ("admin1",),
    "governorate": ("admin1",),
    "state": ("admin1",),
    "region": ("region", "admin1"),
    "city": ("city",),
}
_PREFIX_CLASSES: dict[str, tuple[str, ...]] = {"river": ("river",), "lake": ("lake",)}


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The index key of a name: no marks, no case, no punctuation, single spaces."""
    text = _strip_marks(name).casefold().translate(_DROP)
    text = _SEPARATORS.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


def query_keys(name: str) -> list[tuple[str, tuple[str, ...] | None]]:
    """Keys to try for a query, best first, each with the classes it may match (None: any).

    Handles possessives ("Syria's") and generic words ("Euphrates River", "River Thames").
    """
    keys: list[tuple[str, tuple[str, ...] | None]] = []

    def add(key: str, classes: tuple[str, ...] | None) -> None:
        if key and all(key != existing for existing, _ in keys):
            keys.append((key, classes))

    base = normalize(name)
    add(base, None)
    without_possessive = normalize(_POSSESSIVE.sub("", name.strip()))
    add(without_possessive, None)
    for key in (base, without_possessive):
        head, _, last = key.rpartition(" ")
        if head and last in SUFFIX_CLASSES:
            add(head, SUFFIX_CLASSES[last])
        first, _, rest = key.partition(" ")
        if rest and first in _PREFIX_CLASSES:
            add(rest, _PREFIX_CLASSES[first])
    return keys


def is_latin(name: str) -> bool:
    """True when every letter is Latin script (diacritics allowed): English text uses these."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return any(ch.isalpha() for ch in name)
