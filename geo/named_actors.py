"""The named actors of the actor vocabulary: groups, bodies and forces known by their name.

A table of data only, so that a stage that needs the names (the places stage, which must
not read "Taliban" as a village in Turkey) can have them without the actor analysis of
:mod:`geo.events.actors` and its compiled regexes. The rows are ``named_actors.toml`` beside
this module, read once at import and validated by :class:`NamedActorsFile`.

>>> row = next(row for row in NAMED_ACTORS if row.id == "hezbollah")
>>> row.patterns, row.kind.value, row.country
(('Hezbollah', 'Hizbollah', 'Hizballah'), 'armed_group', 'LB')
"""

from __future__ import annotations

import re
from collections import Counter
from enum import StrEnum
from typing import Annotated, NamedTuple

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from geo.vocabulary import Pattern, Vocabulary, load_vocabulary

__all__ = [
    "NAMED_ACTORS",
    "ActorKind",
    "Alternative",
    "Alternatives",
    "CountryCode",
    "NamedActor",
    "NamedActorRow",
    "NamedActorsFile",
]


class ActorKind(StrEnum):
    STATE_FORCES = "state_forces"
    GOVERNMENT = "government"
    COALITION = "coalition"
    ARMED_GROUP = "armed_group"
    INTERNATIONAL_BODY = "international_body"
    CIVILIANS = "civilians"
    OTHER = "other"


class NamedActor(NamedTuple):
    """A vocabulary row: regex alternatives (case-sensitive) and the normalised actor."""

    patterns: tuple[str, ...]
    id: str
    name: str
    kind: ActorKind
    country: str | None = None


def _one_alternative(pattern: str) -> str:
    compiled = re.compile(pattern)
    if compiled.groups:
        raise ValueError(f"{pattern!r} has a capturing group; write (?:...)")
    if compiled.fullmatch(""):
        raise ValueError(f"{pattern!r} matches the empty string")
    return pattern


def _distinct(entries: tuple[str, ...]) -> tuple[str, ...]:
    repeated = sorted({entry for entry, count in Counter(entries).items() if count > 1})
    if repeated:
        raise ValueError(f"listed more than once: {', '.join(repeated)}")
    return entries


Alternative = Annotated[Pattern, AfterValidator(_one_alternative)]
"""One alternative of a vocabulary list that code joins with ``|`` and wraps in its own
groups: a regex with no capturing group (the code numbers its own) that never matches the
empty string."""

Alternatives = Annotated[tuple[Alternative, ...], AfterValidator(_distinct)]
"""A list of :data:`Alternative`, none listed twice."""

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""An ISO 3166-1 alpha-2 country code: two upper-case letters."""


class NamedActorRow(Vocabulary):
    """One ``[[actor]]`` table: an actor and the patterns that name it."""

    id: str = Field(min_length=1, description="Normalised id: 'US.military', 'hezbollah'.")
    name: str = Field(min_length=1)
    kind: ActorKind
    country: CountryCode | None = None
    patterns: Alternatives = Field(min_length=1, description="Case-sensitive alternatives.")


class NamedActorsFile(Vocabulary):
    """``named_actors.toml``: the named actors, in the order their patterns are tried."""

    actor: tuple[NamedActorRow, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_and_patterns_are_unique(self) -> NamedActorsFile:
        ids = Counter(row.id for row in self.actor)
        patterns = Counter(pattern for row in self.actor for pattern in row.patterns)
        problems = [
            f"id {name!r} is used by {count} rows" for name, count in ids.items() if count > 1
        ]
        problems += [
            f"pattern {pattern!r} is in {count} rows"
            for pattern, count in patterns.items()
            if count > 1
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self


NAMED_ACTORS: tuple[NamedActor, ...] = tuple(
    NamedActor(row.patterns, row.id, row.name, row.kind, row.country)
    for row in load_vocabulary("geo", "named_actors.toml", NamedActorsFile).actor
)
