"""The event taxonomy: what kinds of events geo extracts, and how they map to CAMEO and ACLED.

The kinds are :class:`EventType` (code refers to them by name); what each means outside
geo is data: ``taxonomy.toml`` beside this module holds one :class:`EventTypeInfo` row per
type — a human label, the CAMEO root code it falls under (``"19 Fight"``), the ACLED event
type and sub-event type an event of the type takes when nothing more is known of it, and
whether the event is violent — checked at import against the CAMEO roots and ACLED types
listed in the same file. The table is rendered to ``docs/taxonomy.md`` by
:func:`taxonomy_markdown` (a test keeps the two identical).

ACLED types an event by the interaction of its actors and the means used, not by the verb
alone: a killing is a battle when the victims are armed, violence against civilians when
they are not. The file's ``[[acled_rule]]`` rows say so, the codebook cited beside each;
:func:`acled_code` picks the first row that fits an event's type, means (what its trigger
says of the weapon: "suicide bomber", "grenade") and the kinds of its initiators and target.

>>> TAXONOMY[EventType.SHELLING].acled_sub_event_type
'Shelling/artillery/missile attack'
>>> TAXONOMY[EventType.THREAT].acled_event_type is None
True
>>> acled_code(EventType.KILLING, None, [ActorKind.ARMED_GROUP], [ActorKind.STATE_FORCES])[:2]
('Battles', 'Armed clash')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from enum import StrEnum
from types import MappingProxyType
from typing import Annotated, NamedTuple

from pydantic import Field, StringConstraints, model_validator

from geo.named_actors import ActorKind
from geo.vocabulary import Vocabulary, load_vocabulary

__all__ = [
    "ACLED_CODED",
    "MEANS",
    "RULES",
    "TAXONOMY",
    "AcledCode",
    "AcledLabel",
    "AcledRule",
    "EventType",
    "EventTypeInfo",
    "TaxonomyFile",
    "acled_code",
    "acled_label",
    "info",
    "labelled_acled_code",
    "taxonomy_markdown",
]


class EventType(StrEnum):
    """Kinds of events, most specific first within each family."""

    AIR_STRIKE = "air_strike"
    MISSILE_STRIKE = "missile_strike"
    SHELLING = "shelling"
    CHEMICAL_ATTACK = "chemical_attack"
    SHOOT_DOWN = "shoot_down"
    WEAPONS_SEIZURE = "weapons_seizure"
    ARMED_CLASH = "armed_clash"
    BOMBING = "bombing"
    ATTACK = "attack"
    TERRITORY_CAPTURE = "territory_capture"
    LOOTING = "looting"
    KILLING = "killing"
    ABDUCTION = "abduction"
    SEXUAL_VIOLENCE = "sexual_violence"
    INTERCEPTION = "interception"
    CONFRONTATION = "confrontation"
    MILITARY_EXERCISE = "military_exercise"
    DEPLOYMENT = "deployment"
    WITHDRAWAL = "withdrawal"
    GROUP_CHANGE = "group_change"
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
    EMERGENCY_RULE = "emergency_rule"
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


class _Labels(Vocabulary):
    aliases: dict[str, str]
    events: dict[str, EventType]


_NO_ACTOR = "none"  # in a rule's initiator or target list: the event names no such actor
Snake = Annotated[str, StringConstraints(pattern=r"^[a-z]+(?:_[a-z]+)*$")]


class AcledRule(Vocabulary):
    """One ``[[acled_rule]]``: the ACLED coding of events of these types, means and actors.

    An empty ``means``, ``initiator`` or ``target`` list fits every event; otherwise one of
    the event's means or actor kinds must be listed (``"none"``: the event has no such
    actor). ``specificity`` says how much the coding knows (4: the attacker died with the
    weapon, 3: the weapon or form of the event, 2: who fought whom, 1 or 0: an
    assumption); ``joins`` lists the ACLED event types whose coding the event takes from a
    more specific event of its clause (deaths "in an air strike" are the strike's).
    """

    event_types: tuple[EventType, ...] = Field(min_length=1)
    means: tuple[Snake, ...] = ()
    initiator: tuple[Snake, ...] = ()
    target: tuple[Snake, ...] = ()
    acled_event_type: str
    acled_sub_event_type: str
    specificity: int = Field(ge=0, le=4)
    joins: tuple[str, ...] = ()
    note: str = Field(min_length=1)

    def fits(
        self,
        event_type: EventType,
        means: str | None,
        initiators: Collection[ActorKind],
        targets: Collection[ActorKind],
    ) -> bool:
        return (
            event_type in self.event_types
            and (not self.means or means in self.means)
            and _kinds_fit(self.initiator, initiators)
            and _kinds_fit(self.target, targets)
        )


def _kinds_fit(wanted: tuple[str, ...], kinds: Collection[ActorKind]) -> bool:
    if not wanted:
        return True
    if not kinds:
        return _NO_ACTOR in wanted
    return any(kind.value in wanted for kind in kinds)


class TaxonomyFile(Vocabulary):
    """``taxonomy.toml``: the CAMEO roots, ACLED's types, the means triggers name, one row
    per event type and the ACLED rules."""

    cameo: _Cameo
    acled: dict[str, tuple[str, ...]]
    labels: _Labels
    means: dict[Snake, str]
    row: tuple[EventTypeInfo, ...]
    acled_rule: tuple[AcledRule, ...]

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
        problems += [
            f"acled_rule {index}: {problem}"
            for index, rule in enumerate(self.acled_rule)
            for problem in self._rule_problems(rule)
        ]
        sub_event_types = {sub for subs in self.acled.values() for sub in subs}
        problems += [
            f"label {label!r}: unknown sub-event type {sub!r}"
            for label, sub in self.labels.aliases.items()
            if sub not in sub_event_types
        ]
        if set(self.labels.events) != sub_event_types:
            problems.append(
                f"labels.events must give every sub-event type an event type: "
                f"{sorted(sub_event_types ^ set(self.labels.events))}"
            )
        if not problems:
            problems = self._defaults_problems()
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _acled_problems(self, pair: tuple[str | None, str | None]) -> list[str]:
        if (pair[0] is None) != (pair[1] is None):
            return ["ACLED event type and sub-event type go together"]
        if pair[0] is not None and pair[1] not in self.acled.get(pair[0], ()):
            return [f"unknown ACLED event type / sub-event type {pair}"]
        return []

    def _row_problems(self, row: EventTypeInfo) -> list[str]:
        problems = []
        if row.cameo_root is not None and row.cameo_root not in self.cameo.roots:
            problems.append(f"unknown CAMEO root {row.cameo_root!r}")
        return problems + self._acled_problems((row.acled_event_type, row.acled_sub_event_type))

    def _rule_problems(self, rule: AcledRule) -> list[str]:
        kinds = {kind.value for kind in ActorKind} | {_NO_ACTOR}
        problems = self._acled_problems((rule.acled_event_type, rule.acled_sub_event_type))
        problems += [f"unknown means {m!r}" for m in rule.means if m not in self.means]
        problems += [
            f"unknown actor kind {kind!r}"
            for kind in (*rule.initiator, *rule.target)
            if kind not in kinds
        ]
        problems += [
            f"unknown ACLED event type {t!r} to join" for t in rule.joins if t not in self.acled
        ]
        return problems

    def _defaults_problems(self) -> list[str]:
        """A row's ACLED columns are what the rules give an event of its type and nothing
        more: the documented table cannot drift from the rules."""
        problems = []
        for row in self.row:
            code = _first_fit(self.acled_rule, row.event_type, None, (), ())
            got = (code.acled_event_type, code.acled_sub_event_type) if code else (None, None)
            if got != (row.acled_event_type, row.acled_sub_event_type):
                problems.append(f"{row.event_type}: the rules code it {got} with no actor known")
        return problems


def _first_fit(
    rules: tuple[AcledRule, ...],
    event_type: EventType,
    means: str | None,
    initiators: Collection[ActorKind],
    targets: Collection[ActorKind],
) -> AcledRule | None:
    return next((r for r in rules if r.fits(event_type, means, initiators, targets)), None)


_FILE = load_vocabulary("geo.events", "taxonomy.toml", TaxonomyFile)
_ROWS = _FILE.row

RULES: tuple[AcledRule, ...] = _FILE.acled_rule
MEANS: MappingProxyType[str, str] = MappingProxyType(_FILE.means)
# Each event type's rules, in the file's order: an event is matched against its own only.
_RULES_OF: dict[EventType, tuple[AcledRule, ...]] = {
    event_type: tuple(rule for rule in RULES if event_type in rule.event_types)
    for event_type in EventType
}
# The event types some rule codes: the others (statements, threats, talks) never have an
# ACLED coding, whatever their actors.
ACLED_CODED: frozenset[EventType] = frozenset(t for t, rules in _RULES_OF.items() if rules)

# ACLED's label of a note's sub-event type, before a colon at its start: "Arrests: On ...".
_EVENT_TYPE_OF: dict[str, str] = {
    sub: event_type for event_type, subs in _FILE.acled.items() for sub in subs
}
_LABELLED: dict[str, str] = {sub.casefold(): sub for sub in _EVENT_TYPE_OF} | {
    label.casefold(): sub for label, sub in _FILE.labels.aliases.items()
}
_LABEL = re.compile(
    r"^\s*(" + "|".join(re.escape(label) for label in sorted(_LABELLED, key=len, reverse=True))
    + r")\s*:\s",
    re.IGNORECASE,
)


class AcledLabel(NamedTuple):
    """A note's opening label: its span, the ACLED coding it names and the event type the
    label stands for where the note's sentence holds no word of one."""

    start: int
    end: int
    acled_event_type: str
    acled_sub_event_type: str
    event_type: EventType


def acled_label(text: str) -> AcledLabel | None:
    """The opening label of an ACLED note, or None.

    >>> acled_label("Change to group/activity: On 3 May 2020, ...").event_type.value
    'group_change'
    """
    found = _LABEL.match(text)
    if found is None:
        return None
    sub_event_type = _LABELLED[found.group(1).casefold()]
    return AcledLabel(
        found.start(1),
        found.end(1),
        _EVENT_TYPE_OF[sub_event_type],
        sub_event_type,
        _FILE.labels.events[sub_event_type],
    )


def labelled_acled_code(text: str) -> tuple[str, str] | None:
    """The ACLED (event type, sub-event type) a note's opening label names, or None.

    >>> labelled_acled_code("Arrests: On 9 December 2020, police arrested dozens.")
    ('Strategic developments', 'Arrests')
    >>> labelled_acled_code("Looting: On 12 March 2020, militias looted houses.")
    ('Strategic developments', 'Looting/property destruction')
    >>> labelled_acled_code("On 9 December 2020, police arrested dozens.") is None
    True
    """
    label = acled_label(text)
    return None if label is None else (label.acled_event_type, label.acled_sub_event_type)


TAXONOMY: MappingProxyType[EventType, EventTypeInfo] = MappingProxyType(
    {row.event_type: row for row in _ROWS}
)


def info(event_type: EventType) -> EventTypeInfo:
    """The taxonomy row of ``event_type``.

    >>> info(EventType.PROTEST).cameo_root
    '14 Protest'
    """
    return TAXONOMY[event_type]


class AcledCode(NamedTuple):
    """An event's ACLED coding, how much it knows and what it may take from its clause."""

    event_type: str
    sub_event_type: str
    specificity: int
    joins: tuple[str, ...]


def acled_code(
    event_type: EventType,
    means: str | None,
    initiators: Collection[ActorKind],
    targets: Collection[ActorKind],
) -> AcledCode | None:
    """The ACLED coding of an event, by the first ``[[acled_rule]]`` that fits; None for
    events ACLED does not code (statements, threats, talks).

    >>> acled_code(EventType.KILLING, None, [ActorKind.ARMED_GROUP], [ActorKind.CIVILIANS])[:2]
    ('Violence against civilians', 'Attack')
    >>> acled_code(EventType.BOMBING, "suicide_bomb", [], [])[:2]
    ('Explosions/Remote violence', 'Suicide bomb')
    >>> acled_code(EventType.CONDEMNATION, None, [], []) is None
    True
    """
    return _code(event_type, means, frozenset(initiators), frozenset(targets))


@functools.cache  # few combinations recur: every event of a corpus asks one of them
def _code(
    event_type: EventType,
    means: str | None,
    initiators: frozenset[ActorKind],
    targets: frozenset[ActorKind],
) -> AcledCode | None:
    rule = _first_fit(_RULES_OF[event_type], event_type, means, initiators, targets)
    if rule is None:
        return None
    return AcledCode(
        rule.acled_event_type, rule.acled_sub_event_type, rule.specificity, rule.joins
    )


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
    lines += [
        "",
        "## ACLED coding",
        "",
        "An event's ACLED type comes from the first rule that fits its type, the means its "
        "trigger names and the kinds of its actors (an empty cell fits anything; `none`: no "
        "such actor). An event whose rule lists types to join takes the coding of a more "
        "specific event of its clause of one of those types.",
        "",
        "| event types | means | initiator | target | ACLED event type | ACLED sub-event type "
        "| specificity | joins | note |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for rule in RULES:
        rule_cells = (
            ", ".join(f"`{t.value}`" for t in rule.event_types),
            _cell(", ".join(rule.means)),
            _cell(", ".join(rule.initiator)),
            _cell(", ".join(rule.target)),
            _cell(rule.acled_event_type),
            _cell(rule.acled_sub_event_type),
            str(rule.specificity),
            _cell(", ".join(rule.joins)),
            _cell(rule.note),
        )
        lines.append("| " + " | ".join(rule_cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates docs/taxonomy.md
    print(taxonomy_markdown(), end="")
