"""A country's adjective before "capital" names its capital city ("the Syrian capital").

Wire copy names a capital by its country's adjective more often than by its name ("a bomb
exploded near a shrine south of the Syrian capital", "clashes in the Libyan capital").
The places stage reads the adjective as the country, as it should for "Syrian forces"; an
event there is in the capital city, so the events stage reads the phrase as the city (its
name from the country's gazetteer record, the city that GeoNames marks as the capital).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from gazetteer import Gazetteer
from gazetteer.model import Candidate, FeatureClass
from geo.places.mentions import Mention, MentionKind

__all__ = ["capital_of", "with_capitals_named_by_adjective"]

# "the Syrian capital", "the Afghan capital's": not "capital punishment", "capital of",
# "capital markets", "capital gains", "capital flight"
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"\s+capital(?!\s+(?:of|punishment|markets?|gains?|flight)\b)\b")
_LOOK_BACK = 6


def with_capitals_named_by_adjective(
    text: str, mentions: Sequence[Mention], gazetteer: Gazetteer
) -> list[Mention]:
    """The mentions, each "the <country's adjective> capital" read as the capital city."""
    return [_as_capital(text, mention, gazetteer) or mention for mention in mentions]


def _as_capital(text: str, mention: Mention, gazetteer: Gazetteer) -> Mention | None:
    if (
        mention.kind != MentionKind.DEMONYM
        or mention.feature_class != "country"
        or mention.country is None
        or not _THE_BEFORE.search(text, max(0, mention.start - _LOOK_BACK), mention.start)
    ):
        return None
    phrase = _CAPITAL_AFTER.match(text, mention.end)
    if phrase is None:
        return None
    city = capital_of(gazetteer, mention.country)
    if city is None:
        return None
    return Mention(
        start=mention.start,
        end=phrase.end(),
        text=text[mention.start : phrase.end()],
        kind=MentionKind.TOPONYM,
        gazetteer_id=city.id,
        geonameid=gazetteer.geonameid_of(city.id),
        name=city.name,
        lat=round(city.lat, 6),
        lon=round(city.lon, 6),
        feature_class=city.feature_class.value,
        country=city.country_code,
        confidence=mention.confidence,
        reason=f"the capital of {_country_name(gazetteer, mention.country)}, named by its "
        f"adjective ('{mention.text} capital')",
    )


def capital_of(gazetteer: Gazetteer, country_code: str) -> Candidate | None:
    """The capital city of a country, as its record names it and GeoNames marks it."""
    country = gazetteer.country(country_code)
    if country is None:
        return None
    name = gazetteer.entry(country.position, geometry=False).raw.get("capital")
    if not name:
        return None
    cities = [
        candidate
        for candidate in gazetteer.candidates(str(name))
        if candidate.feature_class == FeatureClass.CITY and candidate.country_code == country_code
    ]
    marked = [
        city for city in cities if gazetteer.entry(city.position, geometry=False).raw.get("capital")
    ]
    found = marked or cities
    return found[0] if found else None


def _country_name(gazetteer: Gazetteer, country_code: str) -> str:
    country = gazetteer.country(country_code)
    return country_code if country is None else country.name
