"""Property-based tests: over arbitrary Unicode text and metadata the pipeline never raises,
every span indexes its own surface form, every coordinate is in range and every GeoJSON
output validates.

Random Unicode alone rarely reaches the deep paths (resolution, spatial relations, dating),
so the text strategy mixes it with news-like sentences assembled from real place names,
demonyms, event triggers, spatial relations and time phrases, interleaved with random
fragments, odd whitespace and punctuation.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document, decode_bytes, parse_published, parse_text
from geo.errors import DocumentError
from geo.events.model import EventCollection
from geo.outputs.geojson import (
    dumps_feature_collection,
    to_feature_collection,
    validate_feature_collection,
)
from geo.pipeline import extract_events
from geo.places.find import find_places
from geo.places.recognition import tokenize

PROPERTY_SETTINGS = settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PLACES = (
    "Syria",
    "Hama",
    "Aleppo",
    "Idlib",
    "Homs",
    "Damascus",
    "Raqqa",
    "Deir ez-Zor",
    "Palmyra",
    "Tanf",
    "Euphrates River",
    "the Euphrates",
    "Iraq",
    "Mosul",
    "Baghdad",
    "Turkey",
    "Ankara",
    "Israel",
    "the Golan Heights",
    "Gaza",
    "Lebanon",
    "Beirut",
    "Jordan",
    "Russia",
    "Moscow",
    "Ukraine",
    "Kyiv",
    "Donetsk",
    "Crimea",
    "the Black Sea",
    "the Mediterranean",
    "the Persian Gulf",
    "Yemen",
    "Sanaa",
    "Iran",
    "Tehran",
    "Washington",
    "Paris",
    "Springfield",
    "Georgia",
    "Jordan River",
    "Tigris",
    "Kafr Zita",
    "Latakia",
    "Hmeimim",
)
DEMONYMS = (
    "Syrian",
    "Russian",
    "Turkish",
    "Iraqi",
    "Israeli",
    "Iranian",
    "US",
    "American",
    "Ukrainian",
    "Kurdish",
    "pro-regime",
    "coalition",
    "Hezbollah",
    "Islamic State",
    "rebel",
)
ACTOR_NOUNS = (
    "jets",
    "warplanes",
    "forces",
    "troops",
    "militants",
    "drones",
    "artillery",
    "helicopters",
    "the Pentagon",
    "the Defense Ministry",
    "officials",
    "residents",
    "President Bashar Assad",
)
TRIGGERS = (
    "shelled",
    "shot down",
    "struck",
    "bombed",
    "attacked",
    "intercepted",
    "killed",
    "clashed with",
    "seized",
    "captured",
    "fired missiles at",
    "threatened",
    "warned",
    "said it would target",
    "downed",
    "raided",
    "ambushed",
    "launched airstrikes on",
)
RELATIONS = (
    "west of the",
    "east of",
    "north of",
    "south of",
    "20 km south of",
    "near",
    "on the outskirts of",
    "between",
    "in",
    "over",
    "across",
    "along the border with",
    "50 miles northeast of",
    "in northern",
    "off the coast of",
)
TIMES = (
    "on Monday",
    "on Tuesday",
    "Wednesday",
    "on Thursday night",
    "Friday",
    "last week",
    "yesterday",
    "on June 18",
    "on 18 June 2017",
    "in March",
    "earlier this month",
    "at 12:30 am local time",
    "two days later",
    "on Sunday morning",
    "in 2016",
)
JOINERS = (" ", " ", " ", ", ", ". ", ".\n\n", "; ", " and ", " \u2014 ", "\t", "\n", "'s ")
URLS = (
    "https://example.org/story",
    "http://news.example/a?b=1&c=<2>",
    "javascript:alert(1)",
    "ftp://x",
    "",
    "//evil.example",
    "data:text/html,<script>alert(1)</script>",
)

words = st.one_of(
    st.sampled_from(PLACES),
    st.sampled_from(DEMONYMS),
    st.sampled_from(ACTOR_NOUNS),
    st.sampled_from(TRIGGERS),
    st.sampled_from(RELATIONS),
    st.sampled_from(TIMES),
    st.text(max_size=6),
)


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    """A plausible news sentence: actor, trigger, relation, place, time, in some order."""
    parts = [
        draw(st.sampled_from(DEMONYMS)) + " " + draw(st.sampled_from(ACTOR_NOUNS)),
        draw(st.sampled_from(TRIGGERS)),
        draw(st.sampled_from(RELATIONS)),
        draw(st.sampled_from(PLACES)),
    ]
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(st.sampled_from(TIMES)))
    if draw(st.booleans()):
        parts.append("in " + draw(st.sampled_from(PLACES)))
    return " ".join(parts) + draw(st.sampled_from((".", "!", "?", "", ".\u201d", "...")))


@st.composite
def word_salad(draw: st.DrawFn) -> str:
    """Vocabulary words and random fragments glued with odd separators."""
    pieces = draw(st.lists(words, max_size=30))
    return "".join(piece + draw(st.sampled_from(JOINERS)) for piece in pieces)


texts = st.one_of(
    st.text(max_size=300),
    word_salad(),
    st.lists(news_sentence(), min_size=1, max_size=6).map(" ".join),
    st.lists(st.one_of(news_sentence(), word_salad(), st.text(max_size=40)), max_size=6).map(
        "\n\n".join
    ),
)
date_strings = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1)).map(dt.date.isoformat),
    st.sampled_from(
        ("2017-02-30", "2017-13-01", "yesterday", "", "2017-06-20T25:00", "0000-01-01")
    ),
    st.text(max_size=25),
)
metadata_text = st.one_of(st.none(), st.text(max_size=60), st.sampled_from(PLACES))


@lru_cache(maxsize=1)
def _gazetteer() -> Gazetteer:
    return open_gazetteer()


def _published(value: str | None) -> dt.date | None:
    """A date string as the loaders see it: parsed, or refused with a DocumentError."""
    if value is None:
        return None
    try:
        return parse_published(value)
    except DocumentError:
        return None


short_texts = st.one_of(
    st.text(max_size=80),
    news_sentence(),
    st.tuples(news_sentence(), st.text(max_size=20), news_sentence()).map(" ".join),
)
"""Shorter texts for the two-document property, whose point is the merge, not the text."""


@st.composite
def documents(
    draw: st.DrawFn, doc_id: str = "doc", text_strategy: st.SearchStrategy[str] = texts
) -> Document:
    """A document with arbitrary text (never blank) and arbitrary metadata."""
    text = draw(text_strategy.filter(lambda t: bool(t.strip())))
    return Document(
        id=doc_id,
        text=text,
        title=draw(metadata_text),
        published=_published(draw(date_strings)),
        source=draw(metadata_text),
        url=draw(st.one_of(st.none(), st.sampled_from(URLS), st.text(max_size=30))),
    )


def _assert_span(text: str, start: int, end: int, surface: str) -> None:
    assert 0 <= start < end <= len(text), (start, end, len(text))
    assert text[start:end] == surface


def _assert_lat_lon(lat: float | None, lon: float | None) -> None:
    assert (lat is None) == (lon is None)
    if lat is not None and lon is not None:
        assert math.isfinite(lat) and math.isfinite(lon)
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def _positions(coordinates: Any) -> Iterator[list[float]]:
    """Every position of a GeoJSON coordinates array, however deeply nested."""
    if coordinates and isinstance(coordinates[0], int | float):
        yield coordinates
        return
    for item in coordinates:
        yield from _positions(item)


def _assert_collection(collection: EventCollection, texts_by_id: dict[str, str]) -> None:
    for event in collection.events:
        _assert_lat_lon(event.location.lat, event.location.lon)
        assert event.sources
        for source in event.sources:
            text = texts_by_id[source.document_id]
            _assert_span(text, source.start, source.end, source.sentence)
            assert source.start <= source.trigger_start < source.trigger_end <= source.end
            _assert_span(
                text,
                source.trigger_start,
                source.trigger_end,
                text[source.trigger_start : source.trigger_end],
            )
        triggers = {
            texts_by_id[s.document_id][s.trigger_start : s.trigger_end] for s in event.sources
        }
        assert event.trigger in triggers
        for actor in event.actors:
            if len(event.sources) == 1:
                _assert_span(
                    texts_by_id[event.sources[0].document_id], actor.start, actor.end, actor.text
                )
        if event.zone is not None:
            for lon, lat, *_ in _positions(event.zone.geometry["coordinates"]):
                _assert_lat_lon(lat, lon)
    for summary in collection.documents:
        for mention in summary.mentions:
            _assert_span(texts_by_id[summary.id], mention.start, mention.end, mention.text)
            _assert_lat_lon(mention.lat, mention.lon)
    for place in collection.places:
        _assert_lat_lon(place.lat, place.lon)


def _assert_exports(collection: EventCollection) -> None:
    """The GeoJSON as written validates; its points are in range (checked independently)."""
    reloaded = json.loads(dumps_feature_collection(to_feature_collection(collection)))
    validate_feature_collection(reloaded)
    for feature in reloaded["features"]:
        geometry = feature["geometry"]
        if geometry is not None and geometry["type"] == "Point":
            lon, lat, *_ = geometry["coordinates"]
            _assert_lat_lon(lat, lon)


@PROPERTY_SETTINGS
@given(text=texts)
def test_tokens_index_their_text_in_order_and_cover_every_word_character(text: str) -> None:
    tokens = tokenize(text)

    for token in tokens:
        _assert_span(text, token.start, token.end, token.text)
        assert token.capitalised == token.text[0].isupper()
    assert all(left.end <= right.start for left, right in itertools.pairwise(tokens))
    covered = {offset for token in tokens for offset in range(token.start, token.end)}
    assert all(offset in covered for offset, char in enumerate(text) if char.isalnum())


@PROPERTY_SETTINGS
@given(document=documents())
def test_find_places_spans_and_coordinates(document: Document) -> None:
    result = find_places(document, _gazetteer())

    assert result.document_id == document.id
    for mention in result.mentions:
        _assert_span(document.text, mention.start, mention.end, mention.text)
        _assert_lat_lon(mention.lat, mention.lon)
        assert 0 <= mention.confidence <= 1


@PROPERTY_SETTINGS
@given(document=documents())
def test_extract_events_spans_coordinates_and_geojson(document: Document) -> None:
    collection = extract_events([document], _gazetteer())

    _assert_collection(collection, {document.id: document.text})
    _assert_exports(collection)


@PROPERTY_SETTINGS
@given(first=documents("first", short_texts), second=documents("second", short_texts))
def test_merged_events_across_documents_keep_their_spans(first: Document, second: Document) -> None:
    collection = extract_events([first, second], _gazetteer())

    _assert_collection(collection, {first.id: first.text, second.id: second.text})
    _assert_exports(collection)


@PROPERTY_SETTINGS
@given(value=st.one_of(date_strings.filter(lambda v: v is not None), st.text()))
def test_parse_published_returns_a_date_or_one_line_document_error(value: str) -> None:
    try:
        parsed = parse_published(value)
    except DocumentError as err:
        assert "\n" not in str(err)
    else:
        assert isinstance(parsed, dt.date)


@PROPERTY_SETTINGS
@given(data=st.one_of(st.binary(max_size=400), texts.map(lambda t: t.encode("utf-8"))))
def test_loading_arbitrary_bytes_gives_a_document_or_one_line_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, name="input.txt")
        document = parse_text(text, doc_id="input", path="input.txt")
    except DocumentError as err:
        assert "\n" not in str(err) and str(err).startswith("input.txt")
    else:
        assert document.text.strip()
        assert "\r" not in document.text
