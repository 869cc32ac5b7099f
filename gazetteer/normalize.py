"""Name normalisation: one function decides when two spellings are the same key.

Case, diacritics, apostrophes, hyphens, dots and a leading "the" do not distinguish
names: "Deir ez-Zor" and "Deir Ez Zor", "Dar'a" and "Dara", "U.S." and "US" share a key.
Transliteration differences ("Dayr az Zawr", "Deir Ezzor") meet in a second, looser key
(:func:`loose_key`), built by the rules of ``loose_key.toml`` and used only where the exact
key finds nothing.

>>> normalize("Dayr az-Zawr")
'dayr az zawr'
>>> normalize("the U.S.")
'us'
>>> normalize("Syria's")
'syrias'
>>> query_keys("Syria's")
[('syrias', None), ('syria', None)]
>>> loose_key("Ra's al-'Ayn") == loose_key("Ras el Ein") == loose_key("Ras al-Ain")
True
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, Field, model_validator

from geo.vocabulary import (
    CountryCode,
    LowerStr,
    LowerWord,
    LowerWords,
    Pattern,
    Vocabulary,
    distinct,
    load_vocabulary,
)

__all__ = [
    "LOOSE_SCOPE",
    "SUFFIX_CLASSES",
    "VARIANT_MARK",
    "LooseKeyFile",
    "is_latin",
    "loose_key",
    "loose_word",
    "normalize",
    "query_keys",
    "respellings",
    "run_together_keys",
    "spelling_distance",
    "variant_key",
]

_APOSTROPHES = "'`´‘’ʻʼʾʿ"
# Letters with no Unicode decomposition, written in English copy with the plain letter:
# "Diyarbakir" for Diyarbakır, "Lodz" for Łódź, "Tromso" for Tromsø, "Da Nang" for Đà Nẵng.
_DROP = str.maketrans(
    {"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ħ": "h", "þ": "th", "æ": "ae", "œ": "oe"}
    | dict.fromkeys(_APOSTROPHES + ".")
)
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
    """The index key of a name: no marks, no case, no punctuation, single spaces.

    >>> normalize("Diyarbakır"), normalize("Łódź"), normalize("The Hague")
    ('diyarbakir', 'lodz', 'hague')
    """
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
    if "-" in name:  # "Petion-Ville" for Pétionville, "Port-Salut" and "Portsalut"
        add(normalize(name.replace("-", "")), None)
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


# -- the loose key -------------------------------------------------------------------------
class _Scope(Vocabulary):
    countries: Annotated[tuple[CountryCode, ...], Field(min_length=1), AfterValidator(distinct)]


class _Articles(Vocabulary):
    words: LowerWords
    glued: LowerWords
    glued_min_rest: int = Field(ge=1)


class _Letters(Vocabulary):
    rewrites: tuple[tuple[Pattern, LowerStr], ...]


class _Orthography(Vocabulary):
    countries: Annotated[tuple[CountryCode, ...], Field(min_length=1), AfterValidator(distinct)]
    rewrites: tuple[tuple[LowerStr, LowerStr], ...]


class LooseKeyFile(Vocabulary):
    """``loose_key.toml``: the rules of the loose key, and the countries it indexes."""

    scope: _Scope
    articles: _Articles
    words: dict[LowerWord, LowerWords]
    letters: _Letters
    orthographies: dict[LowerWord, _Orthography]

    @model_validator(mode="after")
    def _each_word_once(self) -> LooseKeyFile:
        replaced = [word for words in self.words.values() for word in words]
        repeated = sorted({word for word in replaced if replaced.count(word) > 1})
        kept = sorted(set(self.words) & set(replaced))
        problems = [f"replaced twice: {', '.join(repeated)}"] if repeated else []
        problems += [f"both kept and replaced: {', '.join(kept)}"] if kept else []
        if problems:
            raise ValueError("; ".join(problems))
        return self


VARIANT_MARK = "≈"
"""Opens every loose key in the name index, so that no exact key is ever taken for one."""
MIN_LOOSE_LETTERS = 3
"""A loose key of fewer letters ("ab", "an as" has four) is too short to tell places apart."""
MIN_RUN_TOGETHER_LETTERS = 6
"""... and a name's words run together shorter than this meet too many English words."""

_LOOSE = load_vocabulary("gazetteer", "loose_key.toml", LooseKeyFile)
LOOSE_SCOPE = frozenset(_LOOSE.scope.countries)
"""Countries whose entries are indexed under their loose keys."""
_LOOSE_ARTICLES = frozenset(_LOOSE.articles.words)
_GLUED_ARTICLE = re.compile(
    rf"^(?:{'|'.join(_LOOSE.articles.glued)})(?=[a-z]{{{_LOOSE.articles.glued_min_rest},}}$)"
)
# An assimilated article glued on: a vowel, then a doubled sun letter ("ezzor", "assafira").
_GLUED_SUN_ARTICLE = re.compile(r"^[ae](?=([tdrzsln])\1[a-z]{2,}$)")
_LOOSE_WORDS = {word: kept for kept, words in _LOOSE.words.items() for word in words}
_REWRITES = tuple(
    (re.compile(pattern), replacement) for pattern, replacement in _LOOSE.letters.rewrites
)
_VOWEL_RUN = re.compile(r"[aeiou]+")
_DOUBLED = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=a)h$")
_FINAL_VOWEL = re.compile(r"(?<=.)a$")


@lru_cache(maxsize=65536)
def loose_word(word: str, *, first: bool = True) -> str:
    """One word of a loose key ("" for an article); ``word`` is already normalised.

    >>> loose_word("hudaydah"), loose_word("hodeidah"), loose_word("ezzor", first=False)
    ('hadad', 'hadad', 'zar')
    """
    if word in _LOOSE_ARTICLES:
        return ""
    if not first:
        word = _GLUED_SUN_ARTICLE.sub("", _GLUED_ARTICLE.sub("", word))
    word = _LOOSE_WORDS.get(word, word)
    for pattern, replacement in _REWRITES:
        word = pattern.sub(replacement, word)
    word = _DOUBLED.sub(r"\1", _VOWEL_RUN.sub("a", word))
    return _FINAL_VOWEL.sub("", _FINAL_H.sub("", word))


@lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """The loose key of a name: its words' :func:`loose_word`, articles dropped.

    >>> loose_key("Deir ez-Zor"), loose_key("Dair Al-Zour"), loose_key("Dayr az Zawr")
    ('dar zar', 'dar zar', 'dar zar')
    >>> loose_key("al-")
    ''
    """
    words = [loose_word(word, first=not kept) for kept, word in _numbered(normalize(name))]
    return " ".join(word for word in words if word)


def _numbered(key: str) -> list[tuple[int, str]]:
    """The words of a key with the count of non-article words before each."""
    numbered: list[tuple[int, str]] = []
    kept = 0
    for word in key.split():
        numbered.append((kept, word))
        if word not in _LOOSE_ARTICLES:
            kept += 1
    return numbered


_RESPELLINGS: dict[str, tuple[re.Pattern[str], dict[str, str]]] = {
    country: (
        re.compile("|".join(re.escape(letter) for letter, _ in orthography.rewrites)),
        dict(orthography.rewrites),
    )
    for orthography in _LOOSE.orthographies.values()
    for country in orthography.countries
}


def respellings(name: str, country: str | None) -> list[str]:
    """The name as the press respells it from its country's Latin orthography, if it has one
    and that changes the name.

    >>> respellings("Şemdinli", "TR"), respellings("Kobani", "SY")
    (['shemdinli'], [])
    """
    rules = _RESPELLINGS.get(country or "")
    if rules is None:
        return []
    letters, replacements = rules
    lower = name.lower()
    respelt = letters.sub(lambda found: replacements[found.group()], lower)  # one pass
    return [respelt] if respelt != lower else []


def run_together_keys(name: str) -> list[str]:
    """The variant keys of a name of several words written as one ("Telafar" for Tall 'Afar,
    "Kafrzita" for Kafr Zayta, "Albukamal" for Albu Kamal); none for a one-word name or one
    too short to be told apart (fewer than :data:`MIN_RUN_TOGETHER_LETTERS` letters).

    Three keys: the words' loose keys joined, the loose key of the words joined, which
    differ where a word ends in a vowel that the loose key drops ("albu" is "alb" alone,
    "albakamal" run together), and the loose key of every word joined, its article too
    ("Salahuddin" for Salah ad Din: the article is written into the one word).

    >>> variant_key("Telafar") in run_together_keys("Tall 'Afar")
    True
    >>> variant_key("Albukamal") in run_together_keys("Albu Kamal")
    True
    >>> variant_key("Salahuddin") in run_together_keys("Salah ad Din")
    True
    """
    variant = variant_key(name)
    if variant is None or " " not in variant:
        return []
    every_word = normalize(name).split()
    words = "".join(word for word in every_word if word not in _LOOSE_ARTICLES)
    keys = {
        variant.replace(" ", ""),
        VARIANT_MARK + loose_word(words),
        VARIANT_MARK + loose_word("".join(every_word)),
    }
    return sorted(key for key in keys if len(key) - len(VARIANT_MARK) >= MIN_RUN_TOGETHER_LETTERS)


def variant_key(name: str) -> str | None:
    """The index key of a name's romanisation variants, or None when its loose key is too short.

    >>> variant_key("Ras al-Ain")
    '≈ras an'
    >>> variant_key("Al-Ain") is None  # "an"
    True
    """
    key = loose_key(name)
    if sum(ch != " " for ch in key) < MIN_LOOSE_LETTERS:
        return None
    return VARIANT_MARK + key


@lru_cache(maxsize=65536)
def spelling_distance(written: str, name: str) -> float:
    """How far a spelling is from a name, 0 (the same letters) to 1, articles and marks
    aside: the loose key meets many names, the nearest spelling is likelier the one meant
    ("Efrin" is 'Afrin', not 'Ifrane'; "Radaa" is 'Rada', not 'Riyadh').

    >>> spelling_distance("Efrin", "‘Afrīn") < spelling_distance("Efrin", "Ifrane")
    True
    >>> near, far = spelling_distance("Ras al-Ain", "Ra's al 'Ayn"), spelling_distance(
    ...     "Ras al-Ain", "Rosh Ha'Ayin")
    >>> near < far
    True
    """
    def bare(text: str) -> str:
        return " ".join(word for word in normalize(text).split() if word not in _LOOSE_ARTICLES)

    return round(1.0 - difflib.SequenceMatcher(None, bare(written), bare(name)).ratio(), 3)
