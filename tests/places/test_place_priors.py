"""Priors that survive local context: a country, first-order region, continent or sea named
amid local places is that place unless the text names the homonym ("Lebanon, Pennsylvania").

The table ``tests/data/places/country_names_local.jsonl`` holds sentences written for this
project in the style of local and world news (US, UK, Indian, Australian, African, Middle
Eastern), each with one name and the place it means; ``benchmarks/place_priors.py`` prints
the share right and lists the misses.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import Gazetteer, open_gazetteer
from geo.documents import Document
from geo.places.evaluation import ExpectedPlace, judge_expected, read_expected
from geo.places.find import find_places
from geo.places.mentions import Mention

TABLE = Path(__file__).parent.parent / "data" / "places" / "country_names_local.jsonl"
# The share of the table resolved right: raise it as the resolver improves, never lower it.
FLOOR = 0.69


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def _row(**fields: object) -> ExpectedPlace:
    base: dict[str, object] = {"id": "t", "lat": 0.0, "lon": 0.0}
    return ExpectedPlace.model_validate(base | fields)


def _mention(**fields: object) -> Mention:
    base: dict[str, object] = {"start": 0, "end": 5, "text": "China", "kind": "toponym"}
    return Mention.model_validate(base | fields)


@pytest.mark.parametrize(
    ("row", "mentions", "right"),
    [
        (  # the country, wherever its point
            _row(text="China", mention="China", kind="country", country="CN"),
            [
                _mention(
                    gazetteer_id="country:CN",
                    lat=35.0,
                    lon=105.0,
                    feature_class="country",
                    country="CN",
                )
            ],
            True,
        ),
        (  # a town of the country's name is wrong
            _row(text="China", mention="China", kind="country", country="CN"),
            [
                _mention(
                    gazetteer_id="geonames:1",
                    lat=33.0,
                    lon=-96.0,
                    feature_class="city",
                    country="US",
                )
            ],
            False,
        ),
        (  # nothing resolved
            _row(text="China", mention="China", kind="country", country="CN"),
            [_mention()],
            False,
        ),
        (  # a town: within 161 km
            _row(text="China", mention="China", kind="city", country="US", lat=44.5, lon=-69.5),
            [
                _mention(
                    gazetteer_id="geonames:1",
                    lat=44.4,
                    lon=-69.4,
                    feature_class="city",
                    country="US",
                )
            ],
            True,
        ),
        (  # a sea: its name, wherever its point
            _row(text="China", mention="China", kind="sea", name="Baltic Sea"),
            [
                _mention(
                    gazetteer_id="sea:1", lat=60.0, lon=25.0, feature_class="sea", name="Baltic Sea"
                )
            ],
            True,
        ),
        (  # no place: nothing resolved is right
            _row(text="China", mention="China", kind="none"),
            [],
            True,
        ),
    ],
)
def test_judge_expected(row: ExpectedPlace, mentions: list[Mention], right: bool) -> None:
    assert judge_expected(row, mentions)[0] is right


def test_the_table_resolves_above_its_floor(gazetteer: Gazetteer) -> None:
    rows = read_expected(TABLE)
    right = sum(
        judge_expected(row, find_places(Document(id=row.id, text=row.text), gazetteer).mentions)[0]
        for row in rows
    )
    assert right / len(rows) >= FLOOR
