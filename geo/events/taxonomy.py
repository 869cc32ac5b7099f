"""The event taxonomy: what kinds of events geo extracts, and how they map to CAMEO and ACLED.

Each :class:`EventType` has one :class:`EventTypeInfo` row in :data:`TAXONOMY` holding a
human label, the CAMEO root code it falls under (``"19 Fight"``), the ACLED event type and
sub-event type where ACLED codes such events, and whether the event is violent. The same
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

from pydantic import BaseModel, ConfigDict

__all__ = ["TAXONOMY", "EventType", "EventTypeInfo", "info", "taxonomy_markdown"]


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


class EventTypeInfo(BaseModel):
    """One row of the taxonomy: labels and external codes of an :class:`EventType`."""

    model_config = ConfigDict(frozen=True)

    event_type: EventType
    label: str
    cameo_root: str | None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    violent: bool
    note: str = ""


_FIGHT = "19 Fight"
_ASSAULT = "18 Assault"
_POSTURE = "15 Exhibit force posture"
_REDUCE = "16 Reduce relations"
_REMOTE = "Explosions/Remote violence"
_STRATEGIC = "Strategic developments"
_VAC = "Violence against civilians"


def _row(
    event_type: EventType,
    label: str,
    cameo_root: str | None,
    acled: tuple[str, str] | None,
    *,
    violent: bool,
    note: str = "",
) -> EventTypeInfo:
    return EventTypeInfo(
        event_type=event_type,
        label=label,
        cameo_root=cameo_root,
        acled_event_type=acled[0] if acled else None,
        acled_sub_event_type=acled[1] if acled else None,
        violent=violent,
        note=note,
    )


_E = EventType
_ROWS: tuple[EventTypeInfo, ...] = (
    _row(_E.AIR_STRIKE, "Air or drone strike", _FIGHT, (_REMOTE, "Air/drone strike"),
         violent=True, note="CAMEO 195 employ aerial weapons"),
    _row(_E.MISSILE_STRIKE, "Missile strike", _FIGHT,
         (_REMOTE, "Shelling/artillery/missile attack"), violent=True,
         note="CAMEO 194 fight with artillery and tanks"),
    _row(_E.SHELLING, "Shelling or artillery fire", _FIGHT,
         (_REMOTE, "Shelling/artillery/missile attack"), violent=True,
         note="CAMEO 194 fight with artillery and tanks"),
    _row(_E.SHOOT_DOWN, "Aircraft, drone or missile shot down", _FIGHT,
         (_STRATEGIC, "Disrupted weapons use"), violent=True,
         note="ACLED codes interceptions of drones and missiles as disrupted weapons use"),
    _row(_E.ARMED_CLASH, "Armed clash", _FIGHT, ("Battles", "Armed clash"), violent=True,
         note="CAMEO 190 use conventional military force"),
    _row(_E.BOMBING, "Bombing (IED, car or suicide bomb)", _ASSAULT,
         (_REMOTE, "Remote explosive/landmine/IED"), violent=True,
         note="CAMEO 183 conduct suicide, car, or other non-military bombing"),
    _row(_E.ATTACK, "Attack (unspecified means)", _FIGHT, None, violent=True,
         note="generic; ACLED needs the means to choose an event type"),
    _row(_E.TERRITORY_CAPTURE, "Capture of territory", _FIGHT,
         ("Battles", "Non-state actor overtakes territory"), violent=True,
         note="CAMEO 192 occupy territory; ACLED sub-type depends on who captures"),
    _row(_E.KILLING, "Killing or deaths", _ASSAULT, None, violent=True,
         note="deaths reported without the means; ACLED needs the means"),
    _row(_E.ABDUCTION, "Abduction or kidnapping", _ASSAULT,
         (_VAC, "Abduction/forced disappearance"), violent=True,
         note="CAMEO 181 abduct, hijack, or take hostage"),
    _row(_E.INTERCEPTION, "Aircraft or vessel intercepted", _POSTURE, None, violent=False,
         note="unsafe intercepts, buzzing; no shots fired"),
    _row(_E.MILITARY_EXERCISE, "Military exercise or drills", _POSTURE, None, violent=False),
    _row(_E.DEPLOYMENT, "Deployment of forces", _POSTURE, None, violent=False,
         note="CAMEO 154 mobilize or increase armed forces"),
    _row(_E.WITHDRAWAL, "Withdrawal of forces", "08 Yield", None, violent=False,
         note="CAMEO 087 de-escalate military engagement"),
    _row(_E.THREAT, "Threat, warning or ultimatum", "13 Threaten", None, violent=False),
    _row(_E.CONDEMNATION, "Condemnation", "11 Disapprove", None, violent=False,
         note="CAMEO 111 criticize or denounce"),
    _row(_E.ACCUSATION, "Accusation", "11 Disapprove", None, violent=False,
         note="CAMEO 112 accuse"),
    _row(_E.DEMAND, "Demand or call", "10 Demand", None, violent=False),
    _row(_E.STATEMENT, "Public statement", "01 Make public statement", None, violent=False,
         note="only when no other event is found in the sentence"),
    _row(_E.TALKS, "Talks, negotiations or meeting", "04 Consult", None, violent=False),
    _row(_E.AGREEMENT, "Agreement or ceasefire", "05 Engage in diplomatic cooperation",
         (_STRATEGIC, "Agreement"), violent=False, note="CAMEO 057 sign formal agreement"),
    _row(_E.SUSPENSION_OF_COOPERATION, "Suspension of cooperation", _REDUCE, None,
         violent=False, note="halted hotline, deal, treaty, deconfliction channel"),
    _row(_E.SANCTIONS, "Sanctions imposed", _REDUCE, None, violent=False,
         note="CAMEO 163 impose embargo, boycott, or sanctions"),
    _row(_E.AID, "Aid delivered or pledged", "07 Provide aid", None, violent=False),
    _row(_E.PROTEST, "Protest", "14 Protest", ("Protests", "Peaceful protest"), violent=False),
    _row(_E.RIOT, "Riot or violent demonstration", "14 Protest",
         ("Riots", "Violent demonstration"), violent=True,
         note="CAMEO 145 protest violently, riot"),
    _row(_E.ARREST, "Arrest or detention", "17 Coerce", (_STRATEGIC, "Arrests"),
         violent=False, note="CAMEO 173 arrest, detain"),
    _row(_E.DISPLACEMENT, "Displacement of people", None, None, violent=False,
         note="no CAMEO root or ACLED type describes people fleeing"),
    _row(_E.ELECTION, "Election", None, None, violent=False,
         note="CAMEO and ACLED do not code elections"),
)

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
        "Generated from `geo/events/taxonomy.py` by `geo.events.taxonomy.taxonomy_markdown()`; "
        "`tests/events/test_taxonomy.py` checks that this file matches the code.",
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
