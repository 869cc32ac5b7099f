"""The named actors: read from named_actors.toml, validated, unchanged in shape."""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import changed, vocabulary_data
from pydantic import ValidationError

from geo.named_actors import NAMED_ACTORS, ActorKind, NamedActorRow, NamedActorsFile

DATA = vocabulary_data("geo/named_actors.toml")


def test_the_shipped_file_is_the_table() -> None:
    assert NamedActorsFile.model_validate(DATA).actor == NAMED_ACTORS
    assert all(type(row) is NamedActorRow and type(row.kind) is ActorKind for row in NAMED_ACTORS)
    assert all(type(row.patterns) is tuple for row in NAMED_ACTORS)


@pytest.mark.parametrize(
    ("actor_id", "patterns", "kind", "country"),
    [
        ("US.military", ("Pentagon", "CENTCOM", r"U\.?S\.? Central Command",
                         "Department of Defense"), ActorKind.STATE_FORCES, "US"),
        ("coalition.isis", None, ActorKind.COALITION, None),
        ("ypg", ("YPG", "People's Protection Units"), ActorKind.ARMED_GROUP, "SY"),
        ("arab_league", ("Arab League",), ActorKind.INTERNATIONAL_BODY, None),
    ],
)
def test_rows(
    actor_id: str, patterns: tuple[str, ...] | None, kind: ActorKind, country: str | None
) -> None:
    row = next(row for row in NAMED_ACTORS if row.id == actor_id)
    assert (row.kind, row.country) == (kind, country)
    assert patterns is None or row.patterns == patterns


@pytest.mark.parametrize(
    ("data", "problem"),
    [  # actor 0 is US.military
        (changed(DATA, "actor.0.colour", "red"), "Extra inputs are not permitted"),
        (changed(DATA, "actor.0.kind", "army"), "Input should be 'state_forces'"),
        (changed(DATA, "actor.0.country", "us"), "String should match pattern"),
        (changed(DATA, "actor.0.country", "USA"), "String should match pattern"),
        (changed(DATA, "actor.0.patterns", ["Pentagon("]), "not a regular expression"),
        (changed(DATA, "actor.0.patterns", ["(Pentagon|DoD)"]), "has a capturing group"),
        (changed(DATA, "actor.0.patterns", ["(?:Pentagon)?"]), "matches the empty string"),
        (changed(DATA, "actor.0.patterns", []), "at least 1 item"),
        (changed(DATA, "actor.0.patterns", ["Pentagon", "Pentagon"]),
         "listed more than once: Pentagon"),
        (changed(DATA, "actor.0.id", "hezbollah"), "id 'hezbollah' is used by 2 rows"),
        (changed(DATA, "actor.0.patterns", ["Kremlin"]), "pattern 'Kremlin' is in 2 rows"),
    ],
)
def test_a_malformed_file_is_refused(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        NamedActorsFile.model_validate(data)


def test_an_added_actor_is_valid() -> None:
    ansaru = {"id": "ansaru", "name": "Ansaru", "kind": "armed_group", "country": "NG",
              "patterns": ["Ansaru"]}
    rows = NamedActorsFile.model_validate(changed(DATA, "actor", [*DATA["actor"], ansaru])).actor
    assert rows[-1].kind is ActorKind.ARMED_GROUP and rows[-1].patterns == ("Ansaru",)
