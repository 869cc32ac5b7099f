"""The event taxonomy table and its documented copy."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from conftest import DELETE, REPO, changed, vocabulary_data
from pydantic import ValidationError

from gazetteer import open_gazetteer
from geo.documents import Document
from geo.events.taxonomy import (
    TAXONOMY,
    EventType,
    TaxonomyFile,
    acled_code,
    info,
    labelled_acled_code,
    taxonomy_markdown,
)
from geo.named_actors import ActorKind
from geo.pipeline import extract_events

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
        # the coding with nothing known: victims are civilians unless reported armed; an
        # attack on a place or force meets its defenders
        (EventType.KILLING, "18 Assault", "Violence against civilians", "Attack", True),
        (EventType.ATTACK, "19 Fight", "Battles", "Armed clash", True),
        (EventType.LOOTING, "17 Coerce", "Strategic developments",
         "Looting/property destruction", True),
        (EventType.DEPLOYMENT, "15 Exhibit force posture", "Strategic developments",
         "Change to group/activity", False),
        (EventType.WEAPONS_SEIZURE, "17 Coerce", "Strategic developments",
         "Disrupted weapons use", False),
        # curfews, states of emergency, self-rule: ACLED's catch-all strategic development
        (EventType.EMERGENCY_RULE, "17 Coerce", "Strategic developments", "Other", False),
        # forces confronting each other without fire: no armed clash
        (EventType.CONFRONTATION, "15 Exhibit force posture", "Strategic developments", "Other",
         False),
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


# --- ACLED coding by interaction --------------------------------------------------------------
K = ActorKind
STATE, REBEL, CIVIL = K.STATE_FORCES, K.ARMED_GROUP, K.CIVILIANS
BATTLE = ("Battles", "Armed clash")
VAC = ("Violence against civilians", "Attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
AIR = ("Explosions/Remote violence", "Air/drone strike")


@pytest.mark.parametrize(
    ("event_type", "means", "initiators", "targets", "expected"),
    [
        # a killing or shooting: the victims decide
        (EventType.KILLING, None, [REBEL], [STATE], BATTLE),  # IS fighters kill a soldier
        (EventType.KILLING, None, [STATE], [REBEL], BATTLE),  # the army kills militants
        (EventType.KILLING, None, [REBEL], [REBEL], BATTLE),  # two armed groups
        (EventType.KILLING, None, [], [STATE], BATTLE),  # "three soldiers killed"
        (EventType.ATTACK, None, [REBEL], [K.COALITION], BATTLE),
        (EventType.KILLING, None, [REBEL], [CIVIL], VAC),  # gunmen kill a farmer
        (EventType.KILLING, None, [STATE], [CIVIL], VAC),  # state forces kill civilians
        (EventType.ATTACK, None, [K.OTHER], [CIVIL], VAC),  # "hitmen" shoot a doctor
        (EventType.KILLING, None, [], [], VAC),  # a body found: a civilian unless armed
        (EventType.KILLING, None, [], [K.GOVERNMENT], VAC),  # an official gunned down
        (EventType.KILLING, "execution", [REBEL], [STATE], VAC),  # captives executed
        (EventType.ATTACK, None, [REBEL], [], BATTLE),  # an attack on a town
        # the weapon decides, whoever is hit
        (EventType.BOMBING, None, [], [CIVIL], IED),
        (EventType.BOMBING, "suicide_bomb", [REBEL], [STATE],
         ("Explosions/Remote violence", "Suicide bomb")),
        (EventType.BOMBING, "grenade", [], [CIVIL], ("Explosions/Remote violence", "Grenade")),
        (EventType.AIR_STRIKE, None, [STATE], [CIVIL],
         ("Explosions/Remote violence", "Air/drone strike")),
        (EventType.MISSILE_STRIKE, None, [REBEL], [STATE],
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        (EventType.CHEMICAL_ATTACK, None, [STATE], [],
         ("Explosions/Remote violence", "Chemical weapon")),
        # ... and the weapon an initiator is decides before its victims do
        (EventType.KILLING, "air", [K.COALITION], [CIVIL], AIR),  # aircraft killed civilians
        (EventType.ATTACK, "air", [STATE], [CIVIL], AIR),
        (EventType.SHELLING, "air", [STATE], [], AIR),  # "warplanes pounded"
        (EventType.MISSILE_STRIKE, "air", [STATE], [STATE], AIR),  # jets fired missiles
        (EventType.BOMBING, "air", [], [STATE], AIR),  # an explosive-laden drone detonated
        (EventType.KILLING, "indirect_fire", [], [CIVIL],
         ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        (EventType.ATTACK, "strike", [STATE], [CIVIL], AIR),  # "an Israeli strike hit a car"
        (EventType.ATTACK, "strike", [K.COALITION], [], AIR),
        (EventType.ATTACK, "strike", [REBEL], [CIVIL], VAC),  # no air force: the victims
        (EventType.ATTACK, "strike", [], [], BATTLE),
        # killings of many defenceless people
        (EventType.KILLING, "massacre", [REBEL], [STATE], VAC),
        (EventType.ATTACK, "massacre", [], [], VAC),
        # capture: who takes it
        (EventType.TERRITORY_CAPTURE, None, [STATE], [],
         ("Battles", "Government regains territory")),
        (EventType.TERRITORY_CAPTURE, None, [REBEL], [],
         ("Battles", "Non-state actor overtakes territory")),
        (EventType.TERRITORY_CAPTURE, None, [], [],
         ("Battles", "Non-state actor overtakes territory")),  # assumed: who took it unsaid
        (EventType.TERRITORY_CAPTURE, "transfer", [STATE], [],
         ("Strategic developments", "Non-violent transfer of territory")),
        # demonstrations
        (EventType.PROTEST, None, [K.PROTESTERS], [], ("Protests", "Peaceful protest")),
        (EventType.PROTEST, "intervention", [STATE], [K.PROTESTERS],
         ("Protests", "Protest with intervention")),
        (EventType.ATTACK, None, [STATE], [K.PROTESTERS],
         ("Protests", "Excessive force against protesters")),
        # any armed group: the codebook's protest with intervention covers "armed groups or
        # rioters" meeting peaceful protesters without serious injuries; with them, excessive
        # force
        (EventType.ATTACK, None, [REBEL], [K.PROTESTERS],
         ("Protests", "Excessive force against protesters")),
        (EventType.ATTACK, None, [K.OTHER], [K.PROTESTERS],
         ("Protests", "Excessive force against protesters")),
        (EventType.ATTACK, None, [K.RIOTERS], [K.PROTESTERS], ("Riots", "Mob violence")),
        (EventType.ARREST, None, [STATE], [K.PROTESTERS],
         ("Protests", "Protest with intervention")),
        (EventType.ARMED_CLASH, None, [K.PROTESTERS], [STATE], ("Riots", "Violent demonstration")),
        (EventType.RIOT, None, [], [], ("Riots", "Violent demonstration")),
        (EventType.LOOTING, None, [K.RIOTERS], [], ("Riots", "Mob violence")),
        (EventType.LOOTING, None, [K.PROTESTERS], [], ("Riots", "Violent demonstration")),
        (EventType.KILLING, None, [K.RIOTERS], [CIVIL], ("Riots", "Mob violence")),
        (EventType.KILLING, "mob", [CIVIL], [CIVIL], ("Riots", "Mob violence")),
        # strategic developments
        (EventType.DEPLOYMENT, None, [STATE], [], ("Strategic developments",
                                                    "Change to group/activity")),
        (EventType.WITHDRAWAL, None, [STATE], [], ("Strategic developments",
                                                    "Change to group/activity")),
        (EventType.LOOTING, None, [K.ARMED_GROUP], [CIVIL],
         ("Strategic developments", "Looting/property destruction")),
        (EventType.ARREST, None, [STATE], [CIVIL], ("Strategic developments", "Arrests")),
        (EventType.ATTACK, "raid", [STATE], [], ("Strategic developments", "Arrests")),
        (EventType.WEAPONS_SEIZURE, None, [STATE], [],
         ("Strategic developments", "Disrupted weapons use")),
        (EventType.ABDUCTION, None, [REBEL], [CIVIL],
         ("Violence against civilians", "Abduction/forced disappearance")),
        (EventType.SEXUAL_VIOLENCE, None, [STATE], [CIVIL],
         ("Violence against civilians", "Sexual violence")),
        # what ACLED does not code
        (EventType.STATEMENT, None, [K.GOVERNMENT], [], None),
        (EventType.THREAT, None, [REBEL], [STATE], None),
        (EventType.CONDEMNATION, None, [K.GOVERNMENT], [], None),
        (EventType.TALKS, None, [K.GOVERNMENT], [K.GOVERNMENT], None),
    ],
)
def test_acled_code(
    event_type: EventType,
    means: str | None,
    initiators: list[ActorKind],
    targets: list[ActorKind],
    expected: tuple[str, str] | None,
) -> None:
    code = acled_code(event_type, means, initiators, targets)
    assert (code[:2] if code else None) == expected


def test_a_coding_that_knows_the_weapon_outranks_one_that_knows_the_victims() -> None:
    strike = acled_code(EventType.AIR_STRIKE, None, [STATE], [])
    deaths = acled_code(EventType.KILLING, None, [], [CIVIL])
    assert strike and deaths and strike.specificity > deaths.specificity
    assert strike.event_type in deaths.joins


def test_a_capture_by_nobody_named_is_an_assumption_no_death_takes() -> None:
    """'Fighters killed in the town's recapture': the deaths are coded from who died, not
    from a guess at who took the town."""
    capture = acled_code(EventType.TERRITORY_CAPTURE, None, [], [])
    deaths = acled_code(EventType.KILLING, None, [], [REBEL])
    assert capture and deaths and capture.specificity < deaths.specificity


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("means", ["nuclear"], "unknown means 'nuclear'"),
        ("target", ["aliens"], "unknown actor kind 'aliens'"),
        ("joins", ["Battle"], "unknown ACLED event type 'Battle' to join"),
        ("acled_sub_event_type", "Air strike", "unknown ACLED event type"),
        ("specificity", 5, "less than or equal to 4"),
        ("event_types", [], "at least 1 item"),
        ("note", "", "at least 1 character"),
    ],
)
def test_a_malformed_acled_rule_is_refused(key: str, value: Any, problem: str) -> None:
    data = changed(vocabulary_data(TAXONOMY_FILE), f"acled_rule.0.{key}", value)
    with pytest.raises(ValidationError, match=re.escape(problem)):
        TaxonomyFile.model_validate(data)


def test_a_row_that_disagrees_with_the_rules_is_refused() -> None:
    data = vocabulary_data(TAXONOMY_FILE)
    killing = next(i for i, row in enumerate(data["row"]) if row["event_type"] == "killing")
    data = changed(data, f"row.{killing}.acled_event_type", "Battles")
    data = changed(data, f"row.{killing}.acled_sub_event_type", "Armed clash")
    with pytest.raises(ValidationError, match="killing: the rules code it"):
        TaxonomyFile.model_validate(data)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Arrests: On 9 December 2020, police arrested dozens.",
         ("Strategic developments", "Arrests")),
        ("Looting: On 12 March 2020, militias looted shops.",
         ("Strategic developments", "Looting/property destruction")),
        ("Non-violent activity: On 3 May 2019, the SDF held a rally.",
         ("Strategic developments", "Other")),
        ("Movement of forces: On 3 May 2019, a convoy crossed.",
         ("Strategic developments", "Other")),
        ("armed clash: On 3 May 2019, rebels fought troops.", ("Battles", "Armed clash")),
        ("On 9 December 2020, police arrested dozens.", None),
        # a colon later in a sentence is no label
        ("Police said: arrests were made on 9 December.", None),
    ],
)  # fmt: skip
def test_a_note_s_opening_label_is_its_acled_coding(
    text: str, code: tuple[str, str] | None
) -> None:
    assert labelled_acled_code(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a statement is coded as the label says: no trigger of its own codes a coalition formed
        ("Change to group/activity: On 1 August 2018, five rebel factions announced that they "
         "had joined the National Front for Liberation in Idleb.",
         ("Strategic developments", "Change to group/activity")),
        # the first event of the first sentence takes it; the later ones keep their own
        ("Disrupted weapons use: On 31 October 2019, Hezbollah fighters fired a surface-to-air "
         "missile at an Israeli drone over Nabatieh.",
         ("Strategic developments", "Disrupted weapons use")),
    ],
)  # fmt: skip
def test_the_label_codes_the_note_s_event(text: str, code: tuple[str, str]) -> None:
    document = Document(id="note", text=text, published=dt.date(2019, 11, 1))
    events = extract_events([document], gazetteer=open_gazetteer()).events
    assert code in [(e.acled_event_type, e.acled_sub_event_type) for e in events]
