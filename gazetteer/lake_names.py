"""English names of lakes named in their country's language ("Lago Titicaca": Lake Titicaca).

The local words for "lake" are data: ``lake_names.toml`` beside this module (its header says
where they come from).

>>> english_lake_names("Lago di Como"), english_lake_names("Qinghai Hu")
(['Lake Como'], ['Lake Qinghai', 'Qinghai Lake'])
>>> english_lake_names("Lake Victoria"), english_lake_names("Lago")
([], [])
"""

from __future__ import annotations

from geo.vocabulary import Vocabulary, load_vocabulary

__all__ = ["LakeNamesFile", "english_lake_names"]


class LakeNamesFile(Vocabulary):
    """``lake_names.toml``: the local words for "lake" before and after a lake's name."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    connectors: tuple[str, ...]


_WORDS = load_vocabulary("gazetteer", "lake_names.toml", LakeNamesFile)
_BEFORE = frozenset(_WORDS.before)
_AFTER = frozenset(_WORDS.after)
_CONNECTORS = frozenset(_WORDS.connectors)


def english_lake_names(name: str) -> list[str]:
    """The names English gives a lake that ``name`` calls a lake in another language; none
    for a name in English or one that is only the word for a lake."""
    words = name.split()
    if len(words) >= 2 and words[0] in _BEFORE:
        rest = words[2:] if words[1] in _CONNECTORS and len(words) > 2 else words[1:]
        return [f"Lake {' '.join(rest)}"]
    if len(words) >= 2 and words[-1] in _AFTER:
        name_itself = " ".join(words[:-1])
        return [f"Lake {name_itself}", f"{name_itself} Lake"]
    return []
