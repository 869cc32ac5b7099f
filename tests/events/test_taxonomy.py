"""The event taxonomy table and its documented copy."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import DELETE, REPO, changed, vocabulary_data
from pydantic import ValidationError

from geo.events.taxonomy import TAXONOMY, EventType, TaxonomyFile, info, taxonomy_markdown

DOC = REPO / "docs" / "taxonomy.md"


def test_every_event_type_has_exactly_one_row() -> None:
    assert set(TAXONOMY) == set(EventType)


def test_values_are_snake_case() -> None:
    assert all(re.fullmatch(r"[a-z]+(?:_[a-z]+)*", t.value) for t in EventType)


@pytest.mark.parametrize(
    ("event_type", "cameo", "acled", "sub_event", "violent"),
    [
        (EventType.SHELLING, "19 Fight", "Explosions/Remote violence",
         "Shelling/artillery/missile attack", True),
        (EventType.AIR_STRIKE, "19 Fight", "Explosions/Remote violence", "Air/drone strike", True),
        (EventType.ARMED_CLASH, "19 Fight", "Battles", "Armed clash", True),
        (EventType.PROTEST, "14 Protest", "Protests", "Peaceful protest", False),
        (EventType.RIOT, "14 Protest", "Riots", "Violent demonstration", True),
        (EventType.ARREST, "17 Coerce", "Strategic developments", "Arrests", False),
        (EventType.THREAT, "13 Threaten", None, None, False),
        (EventType.CONDEMNATION, "11 Disapprove", None, None, False),
        (EventType.TALKS, "04 Consult", None, None, False),
        (EventType.SUSPENSION_OF_COOPERATION, "16 Reduce relations", None, None, False),
        (EventType.INTERCEPTION, "15 Exhibit force posture", None, None, False),
        (EventType.BOMBING, "18 Assault", "Explosions/Remote violence",
         "Remote explosive/landmine/IED", True),
        (EventType.ELECTION, None, None, None, False),
    ],
)
def test_rows(
    event_type: EventType, cameo: str | None, acled: str | None, sub_event: str | None,
    violent: bool,
) -> None:
    row = info(event_type)
    assert (row.cameo_root, row.acled_event_type, row.acled_sub_event_type, row.violent) == (
        cameo, acled, sub_event, violent)


def test_cameo_codes_are_two_digits_and_a_name() -> None:
    for row in TAXONOMY.values():
        assert row.cameo_root is None or re.fullmatch(r"\d\d [A-Z][a-z]+(?: [a-z]+)*",
                                                      row.cameo_root)
        assert (row.acled_event_type is None) == (row.acled_sub_event_type is None)


def test_docs_table_matches_code() -> None:
    assert DOC.read_text(encoding="utf-8") == taxonomy_markdown(), (
        "regenerate with: python -m geo.events.taxonomy > docs/taxonomy.md"
    )


TAXONOMY_FILE = "geo/events/taxonomy.toml"


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("cameo_root", "19 Fights", "unknown CAMEO root '19 Fights'"),
        ("acled_sub_event_type", "Air strike", "unknown ACLED event type"),
        ("acled_sub_event_type", DELETE, "go together"),
        ("event_type", "missile_strike", "every event type once"),
        ("colour", "red", "Extra inputs are not permitted"),
        ("violent", "sometimes", "valid boolean"),
    ],
)
def test_a_malformed_taxonomy_file_is_refused(key: str, value: Any, problem: str) -> None:
    data = changed(vocabulary_data(TAXONOMY_FILE), f"row.0.{key}", value)  # air_strike
    with pytest.raises(ValidationError, match=re.escape(problem)):
        TaxonomyFile.model_validate(data)


def test_the_shipped_taxonomy_file_is_valid() -> None:
    rows = TaxonomyFile.model_validate(vocabulary_data(TAXONOMY_FILE)).row
    assert [row.event_type for row in rows] == list(EventType)
