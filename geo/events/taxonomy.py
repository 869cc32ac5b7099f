"""The event taxonomy: what kinds of events geo extracts, and how they map to CAMEO and ACLED.

The kinds are :class:`EventType` (code refers to them by name); what each means outside
geo is data: ``taxonomy.toml`` beside this module holds one :class:`EventTypeInfo` row per
type — a human label, the CAMEO root code it falls under (``"19 Fight"``), the ACLED event
type and sub-event type where ACLED codes such events, and whether the event is violent —
checked at import against the CAMEO roots and ACLED types listed in the same file. The
table is rendered to ``docs/taxonomy.md`` by :func:`taxonomy_markdown` (a test keeps the
two identical).

>>> TAXONOMY[EventType.SHELLING].acled_sub_event_type
'Shelling/artillery/missile attack'
>>> TAXONOMY[EventType.THREAT].acled_event_type is None
True
"""

from __future__ import annotations

from enum import StrEnum
from types import MappingProxyType

from pydantic import model_validator

from geo.vocabulary import Vocabulary, load_vocabulary

__all__ = ["TAXONOMY", "EventType", "EventTypeInfo", "TaxonomyFile", "info", "taxonomy_markdown"]


class EventType(StrEnum):
    """Kinds of events, most specific first within each family."""

    AIR_STRIKE = "air_strike"
    MISSILE_STRIKE = "missile_strike"
    SHELLING = "shelling"
    SHOOT_DOWN = "shoot_down"
    ARMED_CLASH = "armed_clash"
    BOMBING = "bombing"
    ATTACK = "attack"
    TERRITORY_CAPTURE = "territory_capture"
    KILLING = "killing"
    ABDUCTION = "abduction"
    INTERCEPTION = "interception"
    MILITARY_EXERCISE = "military_exercise"
    DEPLOYMENT = "deployment"
    WITHDRAWAL = "withdrawal"
    THREAT = "threat"
    CONDEMNATION = "condemnation"
    ACCUSATION = "accusation"
    DEMAND = "demand"
    STATEMENT = "statement"
    TALKS = "talks"
    AGREEMENT = "agreement"
    SUSPENSION_OF_COOPERATION = "suspension_of_cooperation"
    SANCTIONS = "sanctions"
    AID = "aid"
    PROTEST = "protest"
    RIOT = "riot"
    ARREST = "arrest"
    DISPLACEMENT = "displacement"
    ELECTION = "election"


class EventTypeInfo(Vocabulary):
    """One row of the taxonomy: labels and external codes of an :class:`EventType`."""

    event_type: EventType
    label: str
    cameo_root: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    violent: bool
    note: str = ""


class _Cameo(Vocabulary):
    roots: tuple[str, ...]


class TaxonomyFile(Vocabulary):
    """``taxonomy.toml``: the CAMEO roots, ACLED's types and one row per event type."""

    cameo: _Cameo
    acled: dict[str, tuple[str, ...]]
    row: tuple[EventTypeInfo, ...]

    @model_validator(mode="after")
    def _codes_are_known(self) -> TaxonomyFile:
        problems = [
            f"{row.event_type}: {problem}"
            for row in self.row
            for problem in self._row_problems(row)
        ]
        listed = [row.event_type for row in self.row]
        if listed != list(EventType):
            problems.append(f"rows must list every event type once, in order: {list(EventType)}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _row_problems(self, row: EventTypeInfo) -> list[str]:
        problems = []
        if row.cameo_root is not None and row.cameo_root not in self.cameo.roots:
            problems.append(f"unknown CAMEO root {row.cameo_root!r}")
        acled = (row.acled_event_type, row.acled_sub_event_type)
        if (acled[0] is None) != (acled[1] is None):
            problems.append("ACLED event type and sub-event type go together")
        elif acled[0] is not None and acled[1] not in self.acled.get(acled[0], ()):
            problems.append(f"unknown ACLED event type / sub-event type {acled}")
        return problems


_ROWS = load_vocabulary("geo.events", "taxonomy.toml", TaxonomyFile).row

TAXONOMY: MappingProxyType[EventType, EventTypeInfo] = MappingProxyType(
    {row.event_type: row for row in _ROWS}
)


def info(event_type: EventType) -> EventTypeInfo:
    """The taxonomy row of ``event_type``.

    >>> info(EventType.PROTEST).cameo_root
    '14 Protest'
    """
    return TAXONOMY[event_type]


def _cell(value: str | None) -> str:
    return "—" if value is None or value == "" else value.replace("|", "\\|")


def taxonomy_markdown() -> str:
    """The taxonomy as the Markdown document stored in ``docs/taxonomy.md``."""
    lines = [
        "# Event taxonomy",
        "",
        "Generated from `geo/events/taxonomy.toml` by `geo.events.taxonomy.taxonomy_markdown()`; "
        "`tests/events/test_taxonomy.py` checks that this file matches the data.",
        "",
        "| event type | label | CAMEO root | ACLED event type | ACLED sub-event type "
        "| violent | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in _ROWS:
        cells = (
            f"`{row.event_type.value}`",
            row.label,
            _cell(row.cameo_root),
            _cell(row.acled_event_type),
            _cell(row.acled_sub_event_type),
            "yes" if row.violent else "no",
            _cell(row.note),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates docs/taxonomy.md
    print(taxonomy_markdown(), end="")
