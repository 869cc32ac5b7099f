"""Actor normalisation and initiator/target roles around event triggers."""

from __future__ import annotations

import pytest

from geo.actors import ActorKind, ActorRole, find_actor_phrases, find_actors
from geo.mentions import Mention, MentionKind
from geo.text import Sentence
from geo.triggers import find_event_mentions

INI, T = ActorRole.INITIATOR, ActorRole.TARGET


def _sentence(text: str) -> Sentence:
    return Sentence(start=0, end=len(text), text=text)


@pytest.mark.parametrize(
    ("text", "trigger", "nominal", "expected"),
    [
        ("A US warplane shot down an armed drone linked to Syrian regime forces, the Pentagon "
         "said.", "shot down", False, [("US.military", INI), ("SY.military", T)]),
        ("The SU-22 bomber belonging to the Syrian military forces was taken down.",
         "taken down", False, [("SY.military", T)]),
        ("A Syrian jet was downed by Russian warplanes.", "downed", False,
         [("RU.military", INI), ("SY.military", T)]),
        ("Russia said it would treat any US jet as a target.", "said", False,
         [("RU.government", INI), ("US.military", T)]),
        ("The Russian Defense Ministry suspended the hotline.", "suspended", False,
         [("RU.government", INI)]),
        ("The Kremlin condemned the strike.", "condemned", False, [("RU.government", INI)]),
        ("Hezbollah fighters attacked Israeli troops.", "attacked", False,
         [("hezbollah", INI), ("IL.military", T)]),
        ("The US-led coalition struck Islamic State positions.", "struck", False,
         [("coalition.isis", INI), ("islamic_state", T)]),
        ("Russian air strikes on rebel positions killed 12 civilians.", "air strikes", True,
         [("RU.military", INI), ("unknown.rebels", T)]),
        ("Clashes between Turkish troops and YPG fighters erupted.", "Clashes", True,
         [("TR.military", INI), ("ypg", T)]),
        ("Police arrested 12 protesters in Istanbul.", "arrested", False,
         [("unknown.police", INI), ("unknown.civilians", T)]),
        ("Gunmen abducted three aid workers.", "abducted", False,
         [("unknown.rebels", INI), ("unknown.civilians", T)]),
        ("Villagers from Kafr Nabl fled.", "fled", False, [("unknown.civilians", INI)]),
        ("Local notables condemned the arrests.", "condemned", False, [("local notables", INI)]),
        ("The weather turned.", "turned", False, []),
    ],
)
def test_roles(text: str, trigger: str, nominal: bool, expected: list[tuple[str, ActorRole]]
               ) -> None:
    start = text.index(trigger)
    actors = find_actors(text, _sentence(text), start, start + len(trigger), nominal=nominal)
    assert [(a.id, a.role) for a in actors] == expected
    assert all(text[a.start : a.end] == a.text for a in actors)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Pentagon", [("US.military", ActorKind.STATE_FORCES, "US")]),
        ("the Kremlin", [("RU.government", ActorKind.GOVERNMENT, "RU")]),
        ("pro-Assad forces", [("SY.government", ActorKind.GOVERNMENT, "SY")]),
        ("the Syrian Democratic Forces", [("sdf", ActorKind.ARMED_GROUP, "SY")]),
        ("ISIS and ISIL and Daesh", [("islamic_state", ActorKind.ARMED_GROUP, None)] * 3),
        ("the United Nations and NATO", [("un", ActorKind.INTERNATIONAL_BODY, None),
                                         ("nato", ActorKind.INTERNATIONAL_BODY, None)]),
        ("Iranian-backed militias", [("IR-backed.militia", ActorKind.ARMED_GROUP, None)]),
        ("Russia's defence ministry", [("RU.government", ActorKind.GOVERNMENT, "RU")]),
        ("Syrian civilians", [("SY.civilians", ActorKind.CIVILIANS, "SY")]),
        ("people told us", [("unknown.civilians", ActorKind.CIVILIANS, None)]),
        ("a village in Washington state", []),
        ("", []),
    ],
)
def test_vocabulary(text: str, expected: list[tuple[str, ActorKind, str | None]]) -> None:
    phrases = find_actor_phrases(text, _sentence(text))
    assert [(a.id, a.kind, a.country) for a in phrases] == expected


def test_mentions_from_places_stage_supply_the_country() -> None:
    text = "Azerbaijani forces shelled Stepanakert, Yerevan said."
    mentions = [
        Mention(start=0, end=11, text="Azerbaijani", kind=MentionKind.DEMONYM, country="AZ"),
        Mention(start=40, end=47, text="Yerevan", kind=MentionKind.TOPONYM, country="AM",
                government_actor=True),
    ]
    events = find_event_mentions(text, _sentence(text), mentions)
    assert [(e.event_type.value, [(a.id, a.role) for a in e.actors]) for e in events] == [
        ("shelling", [("AZ.military", INI)])
    ]
    ids = [a.id for a in find_actor_phrases(text, _sentence(text), mentions)]
    assert ids == ["AZ.military", "AM.government"]


def test_mention_overrides_fallback_table() -> None:
    text = "Georgian troops crossed the line."
    mentions = [Mention(start=0, end=8, text="Georgian", kind=MentionKind.DEMONYM, country="US")]
    (actor,) = find_actor_phrases(text, _sentence(text), mentions)
    assert actor.id == "US.military"
