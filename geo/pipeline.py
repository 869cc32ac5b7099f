"""The pipeline: documents in, an :class:`~geo.events.model.EventCollection` out.

Each stage is a function from model to model; this module only chains them::

    Document ─ find_places ─> PlacesResult ─ events_from_places ─> list[Event]
      ─ merge_events (across documents) ─> EventCollection

(inside the events stage: sentence_spans ─> Sentence ─ find_event_mentions ─> EventMention
─ date_event / locate / zones ─> Event; see :mod:`geo.events.extract`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.events.dedup import merge_events
from geo.events.extract import events_from_places
from geo.events.model import (
    DocumentSummary,
    Event,
    EventCollection,
    LocationPrecision,
    PlaceSummary,
    ReferencedFeature,
)
from geo.events.taxonomy import EventType
from geo.places.find import find_places
from geo.places.mentions import MentionKind

__all__ = [
    "BATCH",
    "assemble",
    "collect_places",
    "document_events",
    "events_by_document",
    "extract_events",
]


def document_events(
    document: Document, gazetteer: Gazetteer | None = None
) -> tuple[list[Event], DocumentSummary]:
    """Events one document reports (before dedup), and the document's summary with mentions."""
    gazetteer = gazetteer or open_gazetteer()
    return events_from_places(document, find_places(document, gazetteer), gazetteer)


# Documents whose places are found before their events. Each stage then runs on documents
# in a row, on the processor caches it filled itself: alternating stages document by
# document made each about a tenth slower than on its own (benchmarks/README.md).
BATCH = 64


def events_by_document(
    documents: Iterable[Document], gazetteer: Gazetteer | None = None
) -> Iterator[tuple[list[Event], DocumentSummary]]:
    """:func:`document_events` of each document, in input order, computed in batches of
    :data:`BATCH` documents (read ahead of the batch's events, never all at once)."""
    gazetteer = gazetteer or open_gazetteer()
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, BATCH)):
        found = [find_places(document, gazetteer) for document in batch]
        for document, places in zip(batch, found, strict=True):
            yield events_from_places(document, places, gazetteer)


def collect_places(summaries: Sequence[DocumentSummary]) -> list[PlaceSummary]:
    """Every resolved toponym across documents, with its mentions."""
    places: dict[str, PlaceSummary] = {}
    for summary in summaries:
        for mention in summary.mentions:
            if (
                not mention.resolved
                or mention.kind != MentionKind.TOPONYM
                or mention.in_organisation
            ):
                continue
            assert (
                mention.gazetteer_id is not None
                and mention.lat is not None
                and mention.lon is not None
            )
            place = places.get(mention.gazetteer_id)
            if place is None:
                place = PlaceSummary(
                    gazetteer_id=mention.gazetteer_id,
                    geonameid=mention.geonameid,
                    name=mention.name or mention.text,
                    feature_class=mention.feature_class or "",
                    country=mention.country,
                    lat=mention.lat,
                    lon=mention.lon,
                )
                places[mention.gazetteer_id] = place
            place.mentions.append(
                {
                    "document_id": summary.id,
                    "text": mention.text,
                    "start": mention.start,
                    "end": mention.end,
                }
            )
    return sorted(places.values(), key=lambda p: p.gazetteer_id)


def _referenced_features(events: Sequence[Event], gazetteer: Gazetteer) -> list[ReferencedFeature]:
    """Rivers anchoring zones (targeting lines) and water bodies or regions events sit in."""
    features: dict[str, ReferencedFeature] = {}
    for event in events:
        wanted: list[tuple[str | None, str]] = []
        if event.zone is not None:
            role = "targeting line" if event.event_type == EventType.THREAT else "anchor"
            wanted.append((event.zone.anchor_id, role))
        if event.location.precision in (LocationPrecision.WATER_BODY, LocationPrecision.REGION):
            wanted.append((event.location.gazetteer_id, "event location"))
        for gazetteer_id, role in wanted:
            if gazetteer_id is None or gazetteer_id in features:
                continue
            entry = gazetteer.get(gazetteer_id)
            if entry is None or entry.geometry is None:
                continue
            features[gazetteer_id] = ReferencedFeature(
                gazetteer_id=gazetteer_id,
                name=entry.name,
                feature_class=entry.feature_class.value,
                role=role,
                geometry=entry.geometry,
            )
    return sorted(features.values(), key=lambda f: f.gazetteer_id)


def extract_events(
    documents: Iterable[Document], gazetteer: Gazetteer | None = None
) -> EventCollection:
    """Events from documents, the same event across documents merged into one."""
    gazetteer = gazetteer or open_gazetteer()
    reports: list[Event] = []
    summaries: list[DocumentSummary] = []
    for events, summary in events_by_document(documents, gazetteer):
        reports.extend(events)
        summaries.append(summary)
    return assemble(merge_events(reports), summaries, gazetteer)


def assemble(
    events: list[Event], summaries: list[DocumentSummary], gazetteer: Gazetteer
) -> EventCollection:
    """The collection of merged events and the documents' summaries (in input order)."""
    return EventCollection(
        events=events,
        places=collect_places(summaries),
        features=_referenced_features(events, gazetteer),
        documents=summaries,
    )
