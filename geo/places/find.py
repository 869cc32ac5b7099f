"""The places stage: a document in, its place mentions out (recognised, then resolved).

>>> from geo.documents import Document
>>> result = find_places(Document(id="d1", text="Fighting near Aleppo, Syria."))  # doctest: +SKIP
>>> [(m.text, m.gazetteer_id) for m in result.mentions]  # doctest: +SKIP
[('Aleppo', 'geonames:170063'), ('Syria', 'country:SY')]
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from functools import lru_cache
from pathlib import Path

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.model import Candidate, FeatureClass, NameKind
from gazetteer.normalize import normalize
from geo.documents import Document
from geo.places.area_lists import ListedArea, listed_areas
from geo.places.backoff import (
    Reading,
    answer_backed_off,
    answer_unresolved,
    back_off,
    placed_in_own_words,
)
from geo.places.feature_names import feature_names
from geo.places.mentions import Mention, MentionKind, PlacesResult
from geo.places.recognition import (
    Match,
    NoPersonNames,
    PersonNames,
    countries_named,
    recognize,
    written_as_abbreviation,
)
from geo.places.resolution import resolve_matches
from geo.places.villages import villages_introduced

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
    text, people = document.text, person_names(gazetteer)
    recognised = _with_listed_areas(text, recognize(text, gazetteer, people), gazetteer)
    features = _features_unread(text, recognised, people)
    recognised = [
        match
        for match in recognised
        if not any(match.start < end and start < match.end for start, end in features)
    ]
    matches = [match for match in recognised if not match.context_only]
    context = [match for match in recognised if match.context_only]
    backed: dict[tuple[int, int], Reading | None] = {}
    if features:  # most texts: none
        lookup = _lookup_in(gazetteer, countries_named(recognised))
        known = {match.key for match in recognised}
        for start, end in features:
            found = _as_written(text, start, end, gazetteer.candidates(text[start:end]))
            matches.append(_given_match(text, start, end, found, lookup, known, backed))
        matches.sort(key=lambda match: (match.start, match.end))
    mentions = _resolve(text, matches, context, gazetteer)
    candidate_of = _candidate_of(gazetteer)
    if backed:
        mentions = answer_backed_off(text, mentions, backed, candidate_of)
    read = [(m.start, m.end) for m in mentions] + [(m.start, m.end) for m in context]
    villages = villages_introduced(
        text,
        read,
        lambda: placed_in_own_words(mentions, backed, candidate_of),
        gazetteer.postal_places,
        people,
    )
    if villages:  # most texts: none
        mentions = sorted([*mentions, *villages], key=lambda m: (m.start, m.end))
    return PlacesResult(document_id=document.id, mentions=mentions)


def _features_unread(
    text: str, recognised: Sequence[Match], people: PersonNames
) -> list[tuple[int, int]]:
    """The spans of the names of natural features (:mod:`geo.places.feature_names`) that no
    recognised name covers or runs across: "Lizard Island" where only "Island" was read; a
    country or a people's adjective before it says whose ("the Chinese Yangtze River", "the
    US Gulf Coast"), no part of the name."""
    spans = [
        (_past_its_owner(text, start, end, recognised), end)
        for start, end, _ in feature_names(text, people)
    ]
    return [
        (start, end)
        for start, end in spans
        if not any(
            match.start < end
            and start < match.end
            and (match.start < start or match.end > end or (match.start, match.end) == (start, end))
            for match in recognised
        )
    ]


def _past_its_owner(text: str, start: int, end: int, recognised: Sequence[Match]) -> int:
    owner = next((match for match in recognised if match.start == start), None)
    if owner is None or owner.end >= end or not owner.candidates:
        return start
    if owner.kind != MentionKind.DEMONYM and owner.candidates[0].feature_class != (
        FeatureClass.COUNTRY
    ):
        return start
    rest = text[owner.end : end].lstrip()
    return end - len(rest) if " " in rest else start


def _resolve(
    text: str, matches: Sequence[Match], context: Sequence[Match], gazetteer: Gazetteer
) -> list[Mention]:
    return resolve_matches(
        text,
        matches,
        context,
        geonameid_of=gazetteer.geonameid_of,
        km_outside=gazetteer.km_outside,
        nearest_spelling=gazetteer.nearest_spelling,
    )


def resolve_spans(
    document: Document, spans: Sequence[tuple[int, int]], gazetteer: Gazetteer | None = None
) -> PlacesResult:
    """Resolve given spans (gold annotations) instead of recognising them; a span the
    gazetteer has no entry for goes through the back-off (:mod:`geo.places.backoff`)."""
    gazetteer = gazetteer or open_gazetteer()
    text = document.text
    recognised = _with_listed_areas(
        text, recognize(text, gazetteer, person_names(gazetteer)), gazetteer
    )
    context = [
        match
        for match in recognised
        if not any(match.start < end and start < match.end for start, end in spans)
    ]
    listed = {(m.start, m.end): m for m in recognised if m.read_as}
    given = [
        (start, end, _as_written(text, start, end, gazetteer.candidates(text[start:end])))
        for start, end in spans
        if text[start:end].strip() and (start, end) not in listed
    ]
    # a span recognition read more widely keeps that reading: "Ghana's Northern Region" is
    # also the name "Northern" and the area's word, of any country's Northern (the store's
    # "Northern Region" is only Uganda's)
    looked_up = {(start, end): found for start, end, found in given}
    widened = {
        (m.start, m.end): m
        for m in recognised
        if m.kind == MentionKind.TOPONYM
        and (m.start, m.end) in looked_up
        and {c.id for c in m.candidates} > {c.id for c in looked_up[(m.start, m.end)]}
    }
    listed |= widened
    # a romanisation variant is read only in a country the rest of the text names, as
    # recognition reads one: "Gede" by Malindi is no Gedo of Somalia
    countries = {
        (start, end): _countries_besides(recognised, start, end)
        for start, end, _ in given
        if (start, end) not in widened
    }
    given = [
        (start, end, _in_named_countries(found, countries[(start, end)]))
        for start, end, found in given
        if (start, end) in countries
    ]
    variants_only = {
        (start, end) for start, end, found in given if looked_up[(start, end)] and not found
    }
    known = {m.key for m in context} | {normalize(text[s:e]) for s, e, found in given if found}
    matches = [listed[span] for span in spans if span in listed]
    backed: dict[tuple[int, int], Reading | None] = {}

    for start, end, candidates in given:
        lookup = _lookup_in(gazetteer, countries[(start, end)])
        matches.append(_given_match(text, start, end, candidates, lookup, known, backed))
    if not backed:
        mentions = _resolve(text, matches, context, gazetteer)
        if not all(m.resolved for m in mentions):  # most texts: every given span answered
            # the text's places, context's too, say its country; the given spans stay read
            # as they were
            everything = _resolve(text, [*matches, *context], (), gazetteer)
            mentions = _postal_for_unresolved(mentions, everything, gazetteer)
        return PlacesResult(document_id=document.id, mentions=mentions)
    # the back-off's focus is the whole text's, so the context's mentions are resolved too
    everything = _resolve(text, [*matches, *context], (), gazetteer)
    mentions = answer_backed_off(
        text, everything, backed, _candidate_of(gazetteer), gazetteer.postal_places
    )
    mentions = _postal_for_unresolved(mentions, mentions, gazetteer, skip=backed)
    wanted = {(match.start, match.end) for match in matches}
    return PlacesResult(
        document_id=document.id,
        mentions=[
            _said_of_variants(m) if (m.start, m.end) in variants_only and not m.resolved else m
            for m in mentions
            if (m.start, m.end) in wanted
        ],
    )


def _postal_for_unresolved(
    mentions: list[Mention],
    placed: Sequence[Mention],
    gazetteer: Gazetteer,
    skip: Container[tuple[int, int]] = frozenset(),
) -> list[Mention]:
    return answer_unresolved(
        mentions,
        _candidate_of(gazetteer),
        gazetteer.postal_places,
        placed=placed,
        readings=gazetteer.candidates,
        skip=skip,
    )


def _given_match(
    text: str,
    start: int,
    end: int,
    candidates: list[Candidate],
    lookup: Callable[[str], list[Candidate]],
    known: set[str],
    backed: dict[tuple[int, int], Reading | None],
) -> Match:
    """A span given by a gold corpus or found by its generic word, as a match: its
    candidates, or where it has none the back-off's reading (kept in ``backed``)."""
    surface = text[start:end]
    key = normalize(surface)
    kinds = {c.name_kind for c in candidates}
    kind = MentionKind.DEMONYM if kinds == {NameKind.DEMONYM} else MentionKind.TOPONYM
    if not candidates:
        reading = backed[(start, end)] = back_off(surface, lookup, known)
        if reading is not None:
            key, kind, candidates = reading.key, reading.kind, reading.candidates
    return Match(start, end, surface, key, kind, candidates, first_token=-1, last_token=-1)


def _said_of_variants(mention: Mention) -> Mention:
    return mention.model_copy(
        update={
            "reason": "its only readings are romanisation variants of places in countries "
            "the text does not name"
        }
    )


def _lookup_in(gazetteer: Gazetteer, countries: set[str]) -> Callable[[str], list[Candidate]]:
    """The gazetteer's lookup, romanisation variants only in ``countries``."""

    def lookup(name: str) -> list[Candidate]:
        return _in_named_countries(gazetteer.candidates(name), countries)

    return lookup


def _countries_besides(recognised: Sequence[Match], start: int, end: int) -> set[str]:
    """The countries the text names outside the span [start, end)."""
    return countries_named([m for m in recognised if not (m.start < end and start < m.end)])


def _in_named_countries(candidates: list[Candidate], countries: set[str]) -> list[Candidate]:
    """A span's readings without the romanisation variants of countries the text does not
    name, as recognition reads them (a variant needs its country in the text): "Masirah"
    in a story from Oman is no Al Mansurah in Egypt."""
    return [c for c in candidates if c.name_kind != NameKind.VARIANT or c.country_code in countries]


def _as_written(text: str, start: int, end: int, candidates: list[Candidate]) -> list[Candidate]:
    """A span's readings as the text writes it: an abbreviation's ("Wash." for Washington)
    only where it is written as one, in capitals or with its full stop ("The Wash" is the
    bay), as recognition reads it."""
    if written_as_abbreviation(text[start:end]) or text.startswith(".", end):
        return candidates
    return [c for c in candidates if c.name_kind != NameKind.ABBREVIATION]


def _with_listed_areas(text: str, recognised: list[Match], gazetteer: Gazetteer) -> list[Match]:
    """The recognised matches, with each name listed before an area's plural word ("Cooke,
    Grayson and Love counties") in place of whatever was read over its span."""
    listed = [_listed_match(text, area) for area in listed_areas(text, gazetteer.candidates)]
    if not listed:
        return recognised
    kept = [
        match
        for match in recognised
        if not any(match.start < area.end and area.start < match.end for area in listed)
    ]
    return sorted([*kept, *listed], key=lambda match: (match.start, match.end))


def _listed_match(text: str, area: ListedArea) -> Match:
    surface = text[area.start : area.end]
    key = normalize(area.area_name)
    return Match(
        area.start, area.end, surface, key, MentionKind.TOPONYM, area.candidates,
        first_token=-1, last_token=-1, read_as=area.reason,
    )  # fmt: skip


def _candidate_of(gazetteer: Gazetteer) -> Callable[[str], Candidate | None]:
    def candidate_of(entry_id: str) -> Candidate | None:
        index = gazetteer.index_of(entry_id)
        return None if index is None else gazetteer.candidate(index)

    return candidate_of
