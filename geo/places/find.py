"""The places stage: a document in, its place mentions out (recognised, then resolved).

>>> from geo.documents import Document
>>> result = find_places(Document(id="d1", text="Fighting near Aleppo, Syria."))  # doctest: +SKIP
>>> [(m.text, m.gazetteer_id) for m in result.mentions]  # doctest: +SKIP
[('Aleppo', 'geonames:170063'), ('Syria', 'country:SY')]
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import NameKind
from gazetteer.normalize import normalize
from geo.documents import Document
from geo.places.mentions import MentionKind, PlacesResult
from geo.places.recognition import Match, NoPersonNames, PersonNames, recognize
from geo.places.resolution import resolve_matches

__all__ = ["find_places", "person_names", "resolve_spans"]


@lru_cache(maxsize=4)
def _person_names_in(store: Path) -> PersonNames:
    from gazetteer.sources.people import PersonLexicon

    path = store / "people.marisa"
    if not path.is_file():
        return NoPersonNames()
    lexicon: PersonNames = PersonLexicon.open(path)
    return lexicon


def person_names(gazetteer: Gazetteer) -> PersonNames:
    """The person lexicon built beside the gazetteer store, or an empty one if absent."""
    return _person_names_in(gazetteer.path)


def find_places(document: Document, gazetteer: Gazetteer | None = None) -> PlacesResult:
    """Recognise and resolve every place mention of a document."""
    gazetteer = gazetteer or open_gazetteer()
    matches = recognize(document.text, gazetteer, person_names(gazetteer))
    mentions = resolve_matches(document.text, matches, geonameid_of=gazetteer.geonameid_of)
    return PlacesResult(document_id=document.id, mentions=mentions)


def resolve_spans(
    document: Document, spans: Sequence[tuple[int, int]], gazetteer: Gazetteer | None = None
) -> PlacesResult:
    """Resolve given spans (gold annotations) instead of recognising them."""
    gazetteer = gazetteer or open_gazetteer()
    text = document.text
    recognised = recognize(text, gazetteer, person_names(gazetteer))
    matches = []
    for start, end in spans:
        surface = text[start:end]
        if not surface.strip():
            continue
        candidates = gazetteer.candidates(surface)
        kinds = {c.name_kind for c in candidates}
        kind = MentionKind.DEMONYM if kinds == {NameKind.DEMONYM} else MentionKind.TOPONYM
        matches.append(
            Match(
                start,
                end,
                surface,
                normalize(surface),
                kind,
                candidates,
                first_token=-1,
                last_token=-1,
            )
        )
    context = [
        match
        for match in recognised
        if not any(match.start < end and start < match.end for start, end in spans)
    ]
    mentions = resolve_matches(text, matches, context, geonameid_of=gazetteer.geonameid_of)
    return PlacesResult(document_id=document.id, mentions=mentions)
