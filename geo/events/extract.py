"""The events stage: a document and its places in, the events it reports out.

:func:`events_from_places` reads the document sentence by sentence: a sentence with a
trigger word (:mod:`geo.events.triggers`) gives event mentions with modality and actors;
each asserted one is dated (:mod:`geo.events.timex`, :mod:`geo.events.dating`), placed in a
zone (:mod:`geo.events.spatial`) or at a place (:mod:`geo.events.locate`), and typed from
the taxonomy (:mod:`geo.events.taxonomy`). Events the text places nowhere go where the
article's other events are, once the whole document has been read.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from gazetteer import Gazetteer
from gazetteer.model import FeatureClass
from geo.documents import Document
from geo.events import spatial
from geo.events.actors import Actor, ActorRole
from geo.events.capitals import with_capitals_named_by_adjective
from geo.events.containment import container_after, described_by_relation, holds_place
from geo.events.dating import DateScopes, date_event
from geo.events.locate import (
    an_origin,
    article_focus,
    in_dateline,
    location_from_country,
    location_from_mention,
    locations_in_span,
    names_a_site,
    radius_km,
)
from geo.events.model import (
    DocumentSummary,
    Event,
    EventDate,
    EventLocation,
    LocationPrecision,
    Source,
    Zone,
)
from geo.events.taxonomy import TAXONOMY, AcledLabel, EventType, acled_label
from geo.events.text import Sentence, sentence_spans, split_clauses
from geo.events.timex import TimeExpression, find_time_expressions
from geo.events.triggers import (
    EventMention,
    Modality,
    find_event_mentions,
    object_kind,
    trigger_rules,
)
from geo.named_actors import ActorKind
from geo.places.mentions import Mention, PlacesResult

__all__ = ["events_from_places"]

_BACKER = re.compile(r"-\s?(?:backed|led|allied|supported|sponsored)\b|\s-(?:backed|led)\b")


def _event_id(document_id: str, mention: EventMention, part: int = 0) -> str:
    key = f"{document_id}:{mention.trigger_start}:{mention.event_type}"
    digest = hashlib.sha1(f"{key}:{part}".encode() if part else key.encode())
    return f"ev-{digest.hexdigest()[:12]}"


def _source(document: Document, mention: EventMention) -> Source:
    sentence = mention.sentence
    return Source(
        document_id=document.id,
        title=document.title,
        published=document.published,
        url=document.url,
        source=document.source,
        sentence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        trigger_start=mention.trigger_start,
        trigger_end=mention.trigger_end,
    )


# "north of Kirkuk" with no distance: events so placed lie mostly within a few tens of km
# of the town (K1 base, 15 km; Camp Taji, 27 km; al-Taim field, 10 km south of Deir ez-Zor).
_DIRECTION_POINT_KM = 15.0


def _zone_location(zone: Zone, gazetteer: Gazetteer) -> EventLocation:
    from shapely.geometry import Point, shape

    geometry = shape(zone.geometry)
    point = geometry.representative_point()
    if zone.relation == spatial.RelationKind.PART and geometry.contains(geometry.centroid):
        point = geometry.centroid  # a side of an area: its middle, as for the area itself
    toward = _along_the_bearing(zone, gazetteer)
    if toward is not None and geometry.contains(Point(toward[1], toward[0])):
        point = Point(toward[1], toward[0])
    uncertainty = radius_km(geometry, "zone", point=(point.y, point.x))
    if zone.relation == spatial.RelationKind.OFFSET and zone.distance_km is not None:
        # "20 km west of Ain al-Tamr": coders put such an event at the place named (ACLED's
        # precision 2), so its radius reaches back past it, by the distance's own uncertainty
        reach = zone.distance_km * (1 + spatial.OFFSET_UNCERTAINTY_SHARE)
        uncertainty = max(uncertainty, round(reach, 1))
    return EventLocation(
        name=zone.label,
        gazetteer_id=zone.anchor_id,
        feature_class="zone",
        country=_zone_country(zone, gazetteer),
        lat=round(point.y, 6),
        lon=round(point.x, 6),
        precision=LocationPrecision.ZONE,
        uncertainty_km=uncertainty,
        reason=f"the text names an area by its relation to a feature: {zone.text!r}",
    )


def _along_the_bearing(zone: Zone, gazetteer: Gazetteer) -> tuple[float, float] | None:
    """ "north of Kirkuk": a point some way from the town along the bearing, where events
    so described cluster, rather than the middle of the 100 km sector."""
    bearing = spatial.BEARINGS.get(zone.relation.removesuffix("_of"))
    if bearing is None or zone.distance_km is not None or zone.anchor_id is None:
        return None
    index = gazetteer.index_of(zone.anchor_id)
    if index is None or gazetteer.geometry(index) is not None:
        return None  # an area's direction is its half: its middle serves
    anchor = gazetteer.candidate(index)
    return spatial.destination(anchor.lat, anchor.lon, bearing, _DIRECTION_POINT_KM)


def _zone_country(zone: Zone, gazetteer: Gazetteer) -> str | None:
    """The country that clips the zone, or that the zone is a side of ("northern Iraq"), or
    its anchor's ("near Daglica"); none for a river's bank across countries."""
    for area in (zone.clip_id, zone.anchor_id):
        if area and area.startswith("country:"):
            return area.removeprefix("country:")
    index = None if zone.anchor_id is None else gazetteer.index_of(zone.anchor_id)
    if index is None:
        return None
    anchor = gazetteer.candidate(index)
    if anchor.feature_class in (FeatureClass.RIVER, FeatureClass.SEA, FeatureClass.LAKE):
        return None
    return anchor.country_code or None


# How far from the dateline's town an event the text places nowhere else may be: of the 16
# such events of the development note sets filed from a town of their own country, 14
# happened within 4 km of it (two, filed from Baghdad and Aden, 390 and 480 km away).
_FILED_FROM_KM = 100.0


class _DocumentContext:
    """What one document's events share: its mentions, focus country and zones."""

    def __init__(self, document: Document, places: PlacesResult, gazetteer: Gazetteer) -> None:
        self.document = document
        self.mentions: list[Mention] = sorted(
            with_capitals_named_by_adjective(document.text, places.mentions, gazetteer),
            key=lambda m: (m.start, m.end),
        )
        self._starts = [mention.start for mention in self.mentions]
        self.gazetteer = gazetteer
        self.focus = article_focus(document.text, places.mentions)
        self.reference_date: dt.date | None = document.published
        self.date_scopes = DateScopes(document.text, document.title, document.published)

    def mentions_in(self, sentence: Sentence) -> list[Mention]:
        """The sentence's own mentions: stages see a slice, so a long text stays linear."""
        low = bisect.bisect_left(self._starts, sentence.start)
        high = bisect.bisect_left(self._starts, sentence.end, lo=low)
        return self.mentions[low:high]

    def advance_reference(self, dates: Iterable[EventDate]) -> None:
        """The last day-precise event date becomes what later relative phrases count from."""
        for date in dates:
            if date.date is not None and date.precision.value == "day":
                self.reference_date = date.date

    def zones(self, sentence: Sentence) -> list[Zone]:
        zones: list[Zone] = []
        for relation in spatial.find_relations(
            self.document.text,
            sentence.start,
            sentence.end,
            self.mentions_in(sentence),
            focus=self.focus,
        ):
            zone = spatial.relation_geometry(relation, self.gazetteer)
            if zone is not None:
                zones.append(zone)
        return zones

    @functools.cached_property
    def dateline_town(self) -> Mention | None:
        """The town the story is filed from ("SIDON, Lebanon -"), if a dateline names one."""
        text = self.document.text
        return next(
            (
                mention
                for mention in self.mentions
                if mention.resolved
                and mention.feature_class == "city"
                and in_dateline(text, mention)
            ),
            None,
        )

    def filed_from(self, country: str | None) -> EventLocation | None:
        """Around the dateline's town, for an event the text places nowhere but in the
        country the story is filed from (or in no country at all): local copy reports what
        happened where it is filed ("SIDON, Lebanon - Fighting resumed in the Ein el-Hilweh
        camp"); a report on Syria filed from Beirut is not placed there."""
        town = self.dateline_town
        if town is None or (country is not None and town.country != country):
            return None
        location = location_from_mention(
            town,
            self.gazetteer,
            f"no place named for the event; the story is filed from {town.name} (its "
            "dateline): placed around it",
        )
        return location.model_copy(
            update={"uncertainty_km": max(location.uncertainty_km or 0.0, _FILED_FROM_KM)}
        )

    @functools.cached_property
    def fallback_location(self) -> EventLocation:
        """Where an event the text places nowhere goes: around the dateline's town in the
        article's focus, or the focus itself, if any."""
        filed = self.filed_from(None if self.focus is None else self.focus.country)
        if filed is not None:
            return filed
        if self.focus is None:
            return EventLocation(reason="the text names no place for this event")
        return location_from_mention(
            self.focus,
            self.gazetteer,
            f"no place named for the event; the article's focus is {self.focus.name}",
        )


def _locate(
    context: _DocumentContext,
    mention: EventMention,
    clause: Sentence,
    zones: Sequence[Zone],
    sentence_zones: Sequence[Zone] = (),
) -> _Placement:
    """The event's location, its zone, whether the text placed it nowhere (the article's
    fallback location) and whether only its target's country did (a guess). A clause that
    names no place takes the sentence's point a distance and a bearing put ("attacked Auno,
    25 km west of Maiduguri ...; the attackers shot others"), before the sentence's towns."""
    text, sentence = context.document.text, mention.sentence
    eligible = [
        z
        for z in zones
        if z.relation != spatial.RelationKind.PART
        and not _anchored_outside_its_container(context, sentence, z)
    ]
    zone = _measured_instead(eligible[0], eligible) if eligible else None
    # "Mogadishu explosions target soldiers": a name right before the trigger noun says where
    # the event is (a country's, "US strikes", says whose: locate never takes it as a place)
    actor_spans = [
        (actor.start, actor.end)
        for actor in mention.actors
        if not (
            actor.end <= mention.trigger_start
            and not text[actor.end : mention.trigger_start].strip()
        )
        and not _people_of_a_place(actor)
        and not names_a_site(actor.text)
    ]
    # the places that end a road are no place of the event (the road's zone says it is
    # somewhere between them)
    phrases = _phrase_spans(text, sentence, zones)
    roads = [span for kind, span in phrases if kind == spatial.RelationKind.ROAD]
    places = _outside(context.mentions_in(sentence), roads)
    if zone is not None:
        # nor is the anchor of another relation ("near Dumayr, east of Damascus") a town
        others = _outside(places, [span for _, span in phrases])
        town = _town_before_the_zone(
            context, mention, clause, zone, actor_spans, others
        ) or _town_the_zone_describes(context, sentence, zone, others)
        if town is not None:
            return _Placement(town, None, False)
        return _Placement(_zone_location(zone, context.gazetteer), zone, False)
    scopes = (
        (clause.start, clause.end, "clause", False),
        (sentence.start, sentence.end, "sentence", True),
    )
    measured = next(
        (
            z
            for z in sentence_zones
            if z.distance_km is not None
            and z.relation != spatial.RelationKind.PART
            and not _anchored_outside_its_container(context, sentence, z)
        ),
        None,
    )
    for start, end, scope, locative_only in scopes:
        if scope == "sentence" and measured is not None:
            return _Placement(_zone_location(measured, context.gazetteer), measured, False)
        located = locations_in_span(
            text,
            places,
            start,
            end,
            mention.trigger_start,
            context.gazetteer,
            scope,
            actor_spans=actor_spans,
            locative_only=locative_only,
        )
        if located:
            named, *apart = located
            return _Placement(*_side_of(named, zones, context.gazetteer), apart=tuple(apart))
    target = _target_country(mention)
    if target is not None:
        location = location_from_country(
            context.gazetteer,
            target,
            "no place named for the event; a violent event is placed in its target's country",
        )
        if location is not None:
            # a guess the paragraph's or the sentence before's place outranks ("Rockets
            # struck a base in Haditha. A US contractor died.": in Iraq, not the United States)
            return _Placement(*_side_of(location, zones, context.gazetteer), guessed=True)
    fallback = _side_of(context.fallback_location, zones, context.gazetteer, fell_back=True)
    return _Placement(*fallback)


def _measured_instead(zone: Zone, zones: Sequence[Zone]) -> Zone:
    """ "beside the desert road between al-Mayadin and Palmyra, about 15 km west of
    al-Mayadin": a distance the text measures from a road's end, or from the anchor of a bare
    bearing, says more than the road or the bearing; never more than another relation
    ("near Kidal ... a base 30 km north of Gao")."""
    if zone.distance_km is not None or zone.relation not in _MEASURABLE:
        return zone
    return next(
        (
            z
            for z in zones
            if z.distance_km is not None
            and z.anchor_name is not None
            and (z.anchor_id == zone.anchor_id or z.anchor_name in zone.label)
        ),
        zone,
    )


# the relations a measured distance from the same place may stand in for
_MEASURABLE = frozenset(
    {
        spatial.RelationKind.ROAD,
        spatial.RelationKind.BETWEEN,
        *(f"{bearing}_of" for bearing in spatial.BEARINGS),
    }
)


def _phrase_spans(
    text: str, sentence: Sentence, zones: Sequence[Zone]
) -> list[tuple[str, tuple[int, int]]]:
    """The relation and span of each of the sentence's relation phrases."""
    spans = []
    for zone in zones:
        start = text.find(zone.text, sentence.start, sentence.end)
        if zone.text and start >= 0:
            spans.append((zone.relation, (start, start + len(zone.text))))
    return spans


def _outside(mentions: Sequence[Mention], spans: Sequence[tuple[int, int]]) -> list[Mention]:
    return [m for m in mentions if not any(s <= m.start and m.end <= e for s, e in spans)]


def _town_before_the_zone(
    context: _DocumentContext,
    mention: EventMention,
    clause: Sentence,
    zone: Zone,
    actor_spans: Sequence[tuple[int, int]],
    places: Sequence[Mention],
) -> EventLocation | None:
    """ "SDF took Al-Shadadi town (Al-Hasakeh) after clashes south of Al-Hasakeh city": a
    town the clause names after the trigger and before the relation is where the event is;
    the relation says where else the fighting went. Not the relation's own anchor. A
    relation before the trigger ("angered by strikes near al-Qaim, supporters broke into the
    embassy in Baghdad, setting fires") gives way to a town named after it."""
    text = context.document.text
    if not zone.text:
        return None
    start, end = mention.trigger_start, text.find(zone.text, mention.trigger_start)
    before = text.find(zone.text, clause.start, mention.trigger_start)
    if end < 0 and before >= 0:
        start, end = before + len(zone.text), clause.end
    if end < 0:
        return None
    located = locations_in_span(
        text,
        # not where people came from: "abducted a man from As-Sweida on the outskirts of
        # Al-Shaykh Maskin"
        [place for place in places if not an_origin(text, place)],
        start,
        min(end, clause.end),
        mention.trigger_start,
        context.gazetteer,
        "clause",
        actor_spans=actor_spans,
    )
    location = located[0] if located else None
    if (
        location is None
        or location.precision not in _TOWNS
        or location.gazetteer_id in (zone.anchor_id, zone.clip_id)
    ):
        return None
    return location


_TOWNS = frozenset({LocationPrecision.POINT, LocationPrecision.CITY})


def _town_the_zone_describes(
    context: _DocumentContext, sentence: Sentence, zone: Zone, places: Sequence[Mention]
) -> EventLocation | None:
    """ "ISWAP fighters entered Kukawa (Kukawa, Kukawa, Borno), a town near Lake Chad, and
    took control of it": a relation in an apposition says where the town is, and the town
    is the event's place."""
    text = context.document.text
    start = text.find(zone.text, sentence.start, sentence.end) if zone.text else -1
    town = described_by_relation(text, start, places) if start >= 0 else None
    if town is None or town.gazetteer_id in (zone.anchor_id, zone.clip_id):
        return None
    location = location_from_mention(
        town, context.gazetteer, f"{town.text!r}, which the text places {zone.text!r}"
    )
    return location if location.precision in _TOWNS else None


def _side_of(
    location: EventLocation, zones: Sequence[Zone], gazetteer: Gazetteer, *, fell_back: bool = False
) -> tuple[EventLocation, Zone | None, bool]:
    """ "in the southern countryside of Idleb": an event placed at the area itself takes the
    side the text names ("in east DR Congo attack" though the country only says whose); a
    place named inside it (a town) stays where it is."""
    for zone in zones:
        if zone.relation == spatial.RelationKind.PART and zone.anchor_id == location.gazetteer_id:
            return _zone_location(zone, gazetteer), zone, False
    return location, None, fell_back


def _people_of_a_place(actor: Actor) -> bool:
    """ "Residents of Ahvaz in Khuzestan province protested": people called after the place
    they live in are where they are, as a place in a name of forces ("Syrian regime forces")
    is not."""
    return actor.kind in _PEOPLE and _OF_A_PLACE.search(actor.text) is not None


_PEOPLE = frozenset({ActorKind.CIVILIANS, ActorKind.PROTESTERS})
_OF_A_PLACE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z]")


def _anchored_outside_its_container(
    context: _DocumentContext, sentence: Sentence, zone: Zone
) -> bool:
    """ "near Nassib town in the countryside of Daraa": a zone around a homonym outside the
    place the text puts it in is no zone of the event (containment places it instead)."""
    text, mentions = context.document.text, context.mentions_in(sentence)
    for anchor in mentions:
        if anchor.gazetteer_id != zone.anchor_id or anchor.lat is None or anchor.lon is None:
            continue
        container = container_after(text, anchor, mentions)
        if (
            container is not None
            and container.resolved
            and not holds_place(context.gazetteer, container, anchor)
        ):
            return True
    return False


def _target_country(mention: EventMention) -> str | None:
    """The country of a violent event's target: where such events usually happen."""
    if not TAXONOMY[mention.event_type].violent:
        return None
    for actor in mention.actors:
        if actor.role is None or actor.role.value != "target" or not actor.country:
            continue
        if _BACKER.search(actor.text):
            continue  # "the U.S.-backed SDF": the country backs the target, it is not its home
        return actor.country
    return None


def _confidence(mention: EventMention, location: EventLocation) -> float:
    score = 0.7 if mention.event_type != EventType.STATEMENT else 0.4
    if location.precision == LocationPrecision.UNKNOWN:
        score -= 0.2
    elif location.precision == LocationPrecision.COUNTRY:
        score -= 0.1
    return round(max(0.05, score), 3)


def events_from_places(
    document: Document, places: PlacesResult, gazetteer: Gazetteer
) -> tuple[list[Event], DocumentSummary]:
    """The events one document reports (before dedup) and its summary, given its places."""
    context = _DocumentContext(document, places, gazetteer)
    drafts: list[_Draft] = []
    text = document.text
    spans = sentence_spans(text)
    for (start, end), rules in zip(spans, trigger_rules(text, spans), strict=True):
        if not rules:
            continue  # no trigger word (four sentences in ten): not even built
        sentence = Sentence(start=start, end=end, text=text[start:end])
        found = find_event_mentions(document.text, sentence, context.mentions_in(sentence), rules)
        mentions = [m for m in found if m.modality == Modality.ASSERTED]
        if not mentions:
            continue
        expressions = find_time_expressions(
            sentence.text, document.published, offset=sentence.start
        )
        clauses = split_clauses(sentence)
        zones = context.zones(sentence)
        # Every event of a sentence is dated against the reference as the sentence began:
        # two events sharing "the previous day" are the same day, not one day apart.
        sentence_drafts = [
            _draft(context, mention, clauses, expressions, zones) for mention in mentions
        ]
        context.advance_reference(draft.date for draft in sentence_drafts)
        drafts.extend(sentence_drafts)
    label = acled_label(text)
    if label is not None and spans:
        # the label's event is told in the note's first clause: "Change to group/activity:
        # ... Turkish forces began dismantling their post near Morek ...; a convoy ... left"
        opening = _first_clause_end(text, spans[0])
        if not any(d.mention.trigger_start < opening for d in drafts):
            drafts.insert(0, _label_draft(context, label, spans[0]))
        drafts = _typed_as_labelled(drafts, label, spans[0][1])
    relocation = _fallback_relocation(context, drafts)
    events = []
    for position, draft in enumerate(drafts):
        nearby = _paragraph_location(text, drafts[:position], draft) or (
            _place_of_the_sentence_before(context, spans, draft)
        )
        # a guess by the target's country yields to the paragraph's place only
        events.append(_event(document, draft, nearby if draft.guessed else nearby or relocation))
        events.extend(
            _event(document, draft._replace(location=location, zone=None, apart=()), None, part)
            for part, location in enumerate(draft.apart, start=1)
        )
    summary = DocumentSummary(
        id=document.id,
        title=document.title,
        published=document.published,
        source=document.source,
        url=document.url,
        path=document.path,
        mentions=places.mentions,
    )
    return events, summary


def _first_clause_end(text: str, span: tuple[int, int]) -> int:
    start, end = span
    return split_clauses(Sentence(start=start, end=end, text=text[start:end]))[0].end


def _label_draft(
    context: _DocumentContext, label: AcledLabel, span: tuple[int, int]
) -> _Draft:
    """ "Change to group/activity: On 20 October 2020, Turkish forces began dismantling their
    post near Morek ...": the label names the note's event though its sentence holds no
    word of one; the event is the label's, dated and placed by the sentence."""
    text = context.document.text
    start, end = span
    sentence = Sentence(start=start, end=end, text=text[start:end])
    mention = EventMention(
        event_type=label.event_type,
        trigger_start=label.start,
        trigger_end=label.end,
        trigger_text=text[label.start : label.end],
        sentence=sentence,
        modality=Modality.ASSERTED,
        cue="label",
    )
    expressions = find_time_expressions(sentence.text, context.document.published, offset=start)
    return _draft(context, mention, split_clauses(sentence), expressions, context.zones(sentence))


def _typed_as_labelled(
    drafts: list[_Draft], label: AcledLabel, first_sentence_end: int
) -> list[_Draft]:
    """ "Arrests: On 9 December 2020, police arrested protesters ...": ACLED's label codes
    the note's event: an event of its first sentence that has that coding already (the
    arrest), else the sentence's first event; so do the sentence's other events of that
    event's type, which merge with it ("Looting/property destruction: ... seized trucks ...;
    the government described the seizure as looting": the label's word, taken into the
    seizure's Battles coding, and the looting are one event)."""
    event_type, sub_event_type = label.acled_event_type, label.acled_sub_event_type
    first = [i for i, d in enumerate(drafts) if d.mention.trigger_start < first_sentence_end]
    if not first:
        return drafts
    own = [i for i in first if drafts[i].mention.cue == "label"]  # the label's own event
    coded = own or [i for i in first if drafts[i].mention.acled_sub_event_type == sub_event_type]
    anchor = coded[0] if coded else min(first, key=lambda i: drafts[i].mention.trigger_start)
    kind = drafts[anchor].mention.event_type
    labelled = {i for i in first if drafts[i].mention.event_type == kind}
    coding = {"acled_event_type": event_type, "acled_sub_event_type": sub_event_type}
    return [
        draft._replace(mention=draft.mention.model_copy(update=coding)) if i in labelled else draft
        for i, draft in enumerate(drafts)
    ]


def _fallback_relocation(
    context: _DocumentContext, drafts: Sequence[_Draft]
) -> EventLocation | None:
    """Where events the text places nowhere go: the country of the article's placed events.

    The article's own placed events (a zone, a named place, a target's country) say where
    its story happens better than counting names: a dateline or a capital used as a
    modifier ("Washington", "US warplane") does not outvote "shot down a Syrian jet".
    None when the article places no event (they keep the article's fallback).
    """
    placed = [
        draft.location.country for draft in drafts if not draft.fell_back and draft.location.country
    ]
    if not placed:
        return None
    counts = {code: placed.count(code) for code in set(placed)}
    country = min(counts, key=lambda code: (-counts[code], code))
    filed = context.filed_from(country)
    if filed is not None:
        return filed
    return location_from_country(
        context.gazetteer,
        country,
        "no place named for the event; the article's other events are placed in this country",
    )


def _paragraph_location(
    text: str, earlier: Sequence[_Draft], draft: _Draft
) -> EventLocation | None:
    """Where a violent event the text places nowhere goes when its paragraph has just placed
    one: "Regime forces shelled Kafr Zita. Two civilians were killed." (a coder's reading)."""
    if not (draft.fell_back or draft.guessed) or not TAXONOMY[draft.mention.event_type].violent:
        return None
    start = draft.mention.sentence.start
    for previous in reversed(earlier):
        if "\n" in text[previous.mention.sentence.end : start]:
            return None  # another paragraph
        if not previous.fell_back and TAXONOMY[previous.mention.event_type].violent:
            place = previous.location.name or "it"
            return previous.location.model_copy(
                update={
                    "reason": "no place named for the event; the paragraph's previous event "
                    f"is at {place}"
                }
            )
    return None


# How many sentences back a violent event the text places nowhere looks for its place.
_SENTENCES_BACK = 2


def _place_of_the_sentence_before(
    context: _DocumentContext, spans: Sequence[tuple[int, int]], draft: _Draft
) -> EventLocation | None:
    """ "A patrol was stopped at a checkpoint in Khirbet Ammo (Al-Hasakeh). Gunmen opened
    fire, killing a man.": a violent event placed nowhere, whose paragraph has placed no
    event yet, is at the place the sentence before it names as a location."""
    if not (draft.fell_back or draft.guessed) or not TAXONOMY[draft.mention.event_type].violent:
        return None
    text, start = context.document.text, draft.mention.sentence.start
    position = bisect.bisect_left(spans, (start, start))  # the event's own sentence
    before = spans[max(0, position - _SENTENCES_BACK) : position]
    for span_start, span_end in reversed(before):
        if "\n" in text[span_end:start]:
            return None  # another paragraph
        sentence = Sentence(start=span_start, end=span_end, text=text[span_start:span_end])
        located = locations_in_span(
            text,
            context.mentions_in(sentence),
            span_start,
            span_end,
            span_end,
            context.gazetteer,
            "paragraph's sentence before",
            locative_only=True,
        )
        if located:
            location = located[0]
            return location.model_copy(
                update={"reason": f"no place named for the event; {location.reason}"}
            )
        start = span_start
    return None


def _clause_for(clauses: Sequence[Sentence], mention: EventMention) -> Sentence:
    for clause in clauses:
        if clause.start <= mention.trigger_start < clause.end:
            return clause
    return mention.sentence


class _Draft(NamedTuple):
    """An event before the document's last word on where unplaced events go."""

    mention: EventMention
    clause: Sentence
    date: EventDate
    location: EventLocation
    zone: Zone | None
    fell_back: bool  # the text places it nowhere: the article's fallback location
    guessed: bool = False  # placed only in its target's country: the paragraph's place wins
    # places listed with its own too far away to share its area: an event at each
    apart: tuple[EventLocation, ...] = ()


class _Placement(NamedTuple):
    location: EventLocation
    zone: Zone | None
    fell_back: bool
    guessed: bool = False
    apart: tuple[EventLocation, ...] = ()


def _draft(
    context: _DocumentContext,
    mention: EventMention,
    clauses: Sequence[Sentence],
    expressions: Sequence[TimeExpression],
    zones: Sequence[Zone],
) -> _Draft:
    clause = _clause_for(clauses, mention)
    date = date_event(
        expressions,
        clauses,
        mention.trigger_start,
        mention.trigger_end,
        context.reference_date,
        context.date_scopes,
    )
    event_zones = (
        zones
        if mention.event_type == EventType.THREAT
        else [zone for zone in zones if _in_clause(zone, clause)]
    )
    placed = _locate(context, mention, clause, event_zones, zones)
    return _Draft(mention, clause, date, *placed)


def _event(
    document: Document, draft: _Draft, relocation: EventLocation | None, part: int = 0
) -> Event:
    """The event of a draft; ``part`` numbers the events of one report at places apart."""
    mention = _by_foreign_forces(draft.mention, draft.location)
    unplaced = draft.fell_back or draft.guessed
    location = relocation if unplaced and relocation is not None else draft.location
    info = TAXONOMY[mention.event_type]
    return Event(
        id=_event_id(document.id, mention, part),
        event_type=mention.event_type,
        label=info.label,
        cameo=info.cameo_root,
        acled_event_type=mention.acled_event_type,
        acled_sub_event_type=mention.acled_sub_event_type,
        modality=mention.modality,
        trigger=mention.trigger_text,
        object_kind=object_kind(document.text, draft.clause, mention),
        actors=mention.actors,
        date=draft.date,
        location=location,
        zone=draft.zone,
        confidence=_confidence(mention, location),
        sources=[_source(document, mention)],
    )


_REGAINS = "Government regains territory"
_OVERTAKES = "Non-state actor overtakes territory"


def _by_foreign_forces(mention: EventMention, location: EventLocation) -> EventMention:
    """Ground taken by another country's forces is no government regaining it (ACLED,
    Codebook 2023: "Non-state actor overtakes territory": non-state or foreign state actors
    acquire control): Turkish troops taking Jinderes in Syria overtake it."""
    if mention.acled_sub_event_type != _REGAINS or location.country is None:
        return mention
    forces = {
        actor.country
        for actor in mention.actors
        if actor.role is ActorRole.INITIATOR and actor.kind is ActorKind.STATE_FORCES
    }
    if not forces or None in forces or location.country in forces:
        return mention
    return mention.model_copy(update={"acled_sub_event_type": _OVERTAKES})


def _in_clause(zone: Zone, clause: Sentence) -> bool:
    return bool(clause.text and zone.text and zone.text in clause.text)
