"""The named actors: read from named_actors.toml, validated, unchanged in shape."""

from __future__ import annotations

import re
import tomllib
from typing import Any

import pytest
from conftest import REPO
from pydantic import ValidationError

from geo.named_actors import NAMED_ACTORS, ActorKind, NamedActor, NamedActorsFile

DATA = REPO / "geo" / "named_actors.toml"


def _data() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def test_the_shipped_file_is_the_table() -> None:
    rows = NamedActorsFile.model_validate(_data()).actor
    assert [(row.id, row.patterns) for row in rows] == [(a.id, a.patterns) for a in NAMED_ACTORS]
    assert all(type(row) is NamedActor and type(row.kind) is ActorKind for row in NAMED_ACTORS)
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


def _with(index: int = 0, **changes: Any) -> dict[str, Any]:
    data = _data()
    data["actor"][index].update(changes)  # 0: US.military
    return data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (_with(colour="red"), "Extra inputs are not permitted"),
        (_with(kind="army"), "Input should be 'state_forces'"),
        (_with(country="us"), "String should match pattern"),
        (_with(country="USA"), "String should match pattern"),
        (_with(patterns=["Pentagon("]), "not a regular expression"),
        (_with(patterns=["(Pentagon|DoD)"]), "has a capturing group"),
        (_with(patterns=["(?:Pentagon)?"]), "matches the empty string"),
        (_with(patterns=[]), "at least 1 item"),
        (_with(patterns=["Pentagon", "Pentagon"]), "listed more than once: Pentagon"),
        (_with(id="hezbollah"), "id 'hezbollah' is used by 2 rows"),
        (_with(patterns=["Kremlin"]), "pattern 'Kremlin' is in 2 rows"),
    ],
)
def test_a_malformed_file_is_refused(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        NamedActorsFile.model_validate(data)


def test_an_added_actor_is_valid() -> None:
    data = _data()
    data["actor"].append(
        {"id": "ansaru", "name": "Ansaru", "kind": "armed_group", "country": "NG",
         "patterns": ["Ansaru"]}
    )
    rows = NamedActorsFile.model_validate(data).actor
    assert rows[-1].kind is ActorKind.ARMED_GROUP and rows[-1].patterns == ("Ansaru",)
