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

from collections import Counter
from enum import StrEnum

from pydantic import Field, model_validator

from geo.vocabulary import Alternatives, CountryCode, Vocabulary, load_vocabulary

__all__ = [
    "NAMED_ACTORS",
    "ActorKind",
    "NamedActorRow",
    "NamedActorsFile",
]


class ActorKind(StrEnum):
    STATE_FORCES = "state_forces"
    GOVERNMENT = "government"
    COALITION = "coalition"
    ARMED_GROUP = "armed_group"
    INTERNATIONAL_BODY = "international_body"
    # ACLED's actor types 5 and 6 (Codebook 2023, "Inter codes"): their violence is a riot,
    # violence against them by the state is excessive force against protesters.
    PROTESTERS = "protesters"
    RIOTERS = "rioters"
    CIVILIANS = "civilians"
    OTHER = "other"


class NamedActorRow(Vocabulary):
    """One ``[[actor]]`` table: an actor and the patterns that name it."""

    id: str = Field(min_length=1, description="Normalised id: 'US.military', 'hezbollah'.")
    name: str = Field(min_length=1)
    kind: ActorKind
    country: CountryCode | None = None
    patterns: Alternatives = Field(description="Matched as written, the longest first.")


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


NAMED_ACTORS: tuple[NamedActorRow, ...] = load_vocabulary(
    "geo", "named_actors.toml", NamedActorsFile
).actor
