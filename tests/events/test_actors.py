"""Actor normalisation and initiator/target roles around event triggers."""

from __future__ import annotations

import functools
import operator
import re
from typing import Any

import pytest
from conftest import DELETE, changed, vocabulary_data
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from geo.events import actors
from geo.events.actors import (
    ActorKind,
    ActorRole,
    ActorsFile,
    find_actor_phrases,
    find_actors,
)
from geo.events.text import Sentence
from geo.events.triggers import find_event_mentions
from geo.places.mentions import Mention, MentionKind
from geo.prefilter import guarded

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
        ("Fano militiamen ambushed ENDF soldiers near Gondar.", "ambushed", False,
         [("fano", INI), ("ET.military", T)]),
        ("The Tatmadaw shelled villages held by the Arakan Army.", "shelled", False,
         [("MM.military", INI)]),
        ("ADF rebels attacked FARDC positions near Beni.", "attacked", False,
         [("adf", INI), ("CD.military", T)]),
        ("Police arrested 12 protesters in Istanbul.", "arrested", False,
         [("unknown.police", INI), ("unknown.protesters", T)]),
        ("Gunmen abducted three aid workers.", "abducted", False,
         [("unknown.rebels", INI), ("unknown.civilians", T)]),
        ("Villagers from Kafr Nabl fled.", "fled", False, [("unknown.civilians", INI)]),
        ("Local notables condemned the arrests.", "condemned", False, [("local notables", INI)]),
        ("The weather turned.", "turned", False, []),
        ("Their pastor, The Rev. Fred Winters, was killed there.", "killed", False, []),
        # speech complements: "it" and coordinated verbs refer to the speaker
        ("The Russian defence ministry said in a statement that, starting Monday, it will "
         "track all jets and drones of the US-led coalition and treat them as targets.",
         "treat", False, [("RU.government", INI)]),
        ("Moscow said it would target US jets.", "target", False,
         [("RU.government", INI), ("US.military", T)]),
        ("The Houthis threatened to attack Saudi oil facilities.", "attack", False,
         [("houthis", INI)]),
        # coordinated subjects and metonymy
        ("Damascus and its ally Moscow condemned the aggression.", "condemned", False,
         [("SY.government", INI), ("RU.government", INI)]),
        ("Armenian and Azerbaijani forces exchanged fire.", "exchanged fire", False,
         [("AM.military", INI), ("AZ.military", INI)]),
        ("Washington condemned the strike.", "condemned", False, [("US.government", INI)]),
        # gerund complement: the object of "condemned" did the shooting
        ("Russia condemned the United States for shooting down a Syrian Air Force jet.",
         "shooting down", False, [("US.government", INI), ("SY.military", T)]),
        # passive with and without agent; airframes are the forces that fly them
        ("The Syrian jet was shot down by a US F/A-18 Super Hornet.", "shot down", False,
         [("US.military", INI), ("SY.military", T)]),
        ("The Su-22 belonging to the Syrian military was taken down during an air raid.",
         "taken down", False, [("SY.military", T)]),
        # progressive is not passive
        ("The coalition has been bombing Islamic State targets.", "bombing", False,
         [("coalition.isis", INI), ("islamic_state", T)]),
        # nominal triggers: "-led" modifiers, people nouns that are the event
        ("Protesters gathered in Tunis.", "Protesters", True, [("unknown.protesters", INI)]),
        ("Rioters blocked the highway.", "Rioters", True, [("unknown.rioters", INI)]),
        # the victim is the subject: victim verbs, and headline participles with no object
        ("Three soldiers died in the attack.", "died", False, [("unknown.military", T)]),
        ("Two IS militants perished near Sukhnah.", "perished", False,
         [("islamic_state", T)]),
        ("Three Turkish soldiers killed in Kurdish militant attack", "killed", False,
         [("TR.military", T)]),
        ("Prayer leader, two policemen gunned down in Farah", "gunned down", False,
         [("unknown.police", T)]),
        # security officials are security forces: their killing is a battle, not an attack
        # on civilians
        ("Two security officials killed by armed groups in Syria", "killed", False,
         [("unknown.rebels", INI), ("unknown.police", T)]),
        ("Two teachers went missing in Afrin.", "went missing", False,
         [("unknown.civilians", T)]),
        # ... but an object after the participle makes it active
        ("IS fighters killed two shepherds near Sukhnah.", "killed", False,
         [("islamic_state", INI), ("unknown.civilians", T)]),
        ("Gunmen shot dead a soldier in Daraa.", "shot dead", False,
         [("unknown.rebels", INI), ("unknown.military", T)]),
        # a locative phrase after the verb is where, not whom
        ("Gunmen opened fire in Syrian territory.", "opened fire", False,
         [("unknown.rebels", INI)]),
        ("Syrian air defences shot down an Israeli drone.", "shot down", False,
         [("SY.military", INI), ("IL.military", T)]),
        # a relative clause's verbs are done by the actor it follows, not by the subject of
        # the sentence
        ("Militiamen opened fire on protesters who were storming and setting fire to the "
         "offices.", "setting fire to", False, [("unknown.protesters", INI)]),
        ("Militiamen opened fire on protesters who were storming the offices.", "storming",
         False, [("unknown.protesters", INI)]),
        # a body a group runs that is no armed force: its members are civilians
        ("IS militants shot dead a member of the SDF-affiliated local council.", "shot dead",
         False, [("islamic_state", INI), ("unknown.civilians", T)]),
        # ... but a military council is the group's force
        ("IS militants attacked the SDF-affiliated Manbij Military Council.", "attacked",
         False, [("islamic_state", INI), ("sdf", T)]),
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
        ("US -backed opposition forces", [("US-backed.military", ActorKind.ARMED_GROUP, None)]),
        ("a US F-16 and a Su-22", [("US.military", ActorKind.STATE_FORCES, "US"),
                                   ("unknown.military", ActorKind.STATE_FORCES, None)]),
        ("Russia's defence ministry", [("RU.government", ActorKind.GOVERNMENT, "RU")]),
        ("Syrian civilians", [("SY.civilians", ActorKind.CIVILIANS, "SY")]),
        # a group's fighters are the group; its supporters in the street are a crowd
        ("Hezbollah fighters", [("hezbollah", ActorKind.ARMED_GROUP, "LB")]),
        ("Hezbollah supporters", [("hezbollah", ActorKind.PROTESTERS, "LB")]),
        # a suicide bomber is no bomber aircraft
        ("a suicide bomber", [("unknown.rebels", ActorKind.ARMED_GROUP, None)]),
        ("Russian bombers", [("RU.military", ActorKind.STATE_FORCES, "RU")]),
        # ACLED's actor names: "<Force> of <country>"
        ("Military Forces of Syria", [("SY.military", ActorKind.STATE_FORCES, "SY")]),
        ("Police Forces of Iraq", [("IQ.police", ActorKind.STATE_FORCES, "IQ")]),
        ("drones of the US-led coalition", [("unknown.military", ActorKind.STATE_FORCES, None),
                                           ("coalition.isis", ActorKind.COALITION, None)]),
        ("drones of the US -led coalition", [("unknown.military", ActorKind.STATE_FORCES, None),
                                            ("coalition.isis", ActorKind.COALITION, None)]),
        ("Unidentified Armed Group", [("unknown.rebels", ActorKind.ARMED_GROUP, None)]),
        # ACLED's actor types: protesters and rioters are not civilians
        ("Iraqi protesters and an angry mob",
         [("IQ.protesters", ActorKind.PROTESTERS, "IQ"),
          ("unknown.rioters", ActorKind.RIOTERS, None)]),
        ("unidentified gunmen and a shepherd",
         [("unknown.rebels", ActorKind.ARMED_GROUP, None),
          ("unknown.civilians", ActorKind.CIVILIANS, None)]),
        ("a farmer, a doctor, a journalist, an activist",
         [("unknown.civilians", ActorKind.CIVILIANS, None)] * 4),
        ("the gendarmerie and Turkish soldiers",
         [("unknown.police", ActorKind.STATE_FORCES, None),
          ("TR.military", ActorKind.STATE_FORCES, "TR")]),
        ("the PMF and Kataib Hezbollah and AQAP",
         [("pmf", ActorKind.ARMED_GROUP, "IQ"), ("kataib_hezbollah", ActorKind.ARMED_GROUP, "IQ"),
          ("aqap", ActorKind.ARMED_GROUP, "YE")]),
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


def test_a_word_of_a_longer_place_name_is_no_actor() -> None:
    text = "Rockets hit the town of Tayyibat al-Imam, killing five civilians."
    start = text.index("Tayyibat")
    place = Mention(start=start, end=start + 16, text="Tayyibat al-Imam",
                    kind=MentionKind.TOPONYM, country="SY")  # fmt: skip
    assert "Imam" in [a.text for a in find_actor_phrases(text, _sentence(text))]
    assert "Imam" not in [a.text for a in find_actor_phrases(text, _sentence(text), [place])]


def test_mention_overrides_fallback_table() -> None:
    text = "Georgian troops crossed the line."
    mentions = [Mention(start=0, end=8, text="Georgian", kind=MentionKind.DEMONYM, country="US")]
    (actor,) = find_actor_phrases(text, _sentence(text), mentions)
    assert actor.id == "US.military"


@pytest.mark.parametrize(
    ("text", "event_type", "expected"),
    [
        # violence by a bare country is its forces; speech by it is its government
        ("Turkey shelled Kurdish positions near Afrin.", "shelling", [("TR.military", INI)]),
        ("Moscow said it would treat any US jet flying west of the Euphrates as a potential "
         "target.", "threat", [("RU.government", INI), ("US.military", T)]),
        ("Moscow said it would target US jets.", "threat",
         [("RU.government", INI), ("US.military", T)]),
        # a speech verb after a comma or a closing quote comes before its speaker
        ("Calm has returned to the city, said a Turkish military spokesman.", "statement",
         [("TR.military", INI)]),
        ('"We will respond," said Russian Foreign Minister Sergei Lavrov.', "statement",
         [("RU.government", INI)]),
        ("No one was hurt, police said.", "statement", [("unknown.police", INI)]),
        # ... unless what follows is what was said: the comma closed an appositive
        ("Vance, a guardsman, said the military didn\u2019t treat his injuries.", "statement",
         []),
        ("The mayor, a former officer, said that police had left.", "statement", []),
        # talks and deployments have no target
        ("Russian and Turkish officials held talks in Ankara on Idlib.", "talks",
         [("RU.government", INI), ("TR.government", INI)]),
        ("The UN-led peace talks on Syria resumed in Geneva.", "talks", [("un", INI)]),
        ("The Pentagon deployed 3,000 troops to Poland.", "deployment", [("US.military", INI)]),
        # a handover: the recipient takes the territory
        ("The SDF handed over several villages near Manbij to Syrian regime forces.",
         "territory_capture", [("SY.military", INI)]),
        # the subject is never inside a phrase a preposition opens, nor coordinated after one
        ("Army units backed by NDF militiamen and Hezbollah fighters captured Tal Rifaat.",
         "territory_capture", [("unknown.military", INI)]),
        ("Rebel factions, supported by Turkish tanks, special forces and drones, captured "
         "Marea.", "territory_capture", [("unknown.rebels", INI)]),
        ("Turkish troops, Russian police and Syrian soldiers patrolled the town.",
         "deployment", [("TR.military", INI), ("RU.police", INI), ("SY.military", INI)]),
        # the agent of a participle's phrase is not the main verb's subject, whatever title
        # it bears
        ("PMF supporters protesting remarks by former foreign minister Zebari stormed the "
         "party offices.", "attack", [("pmf", INI)]),
        # state forces known by ACLED's abbreviations
        ("ISF and TSK troops patrolled the border.", "deployment",
         [("IQ.police", INI), ("TR.military", INI)]),
        ("ANDSF and LAF troops patrolled the border.", "deployment",
         [("AF.military", INI), ("LB.military", INI)]),
        # "or" coordinates subjects as "and" does: either did it
        ("Russian or Syrian warplanes bombed a bakery in Ariha.", "air_strike",
         [("RU.military", INI), ("SY.military", INI)]),
        # a backer named after "backed by" is not the subject, whatever names come first
        ("Yemeni army units backed by Popular Committee fighters retook Ja'ar.",
         "territory_capture", [("YE.military", INI)]),
        ("Regime forces backed by Russian jets regained the Nassib crossing.",
         "territory_capture", [("unknown.military", INI)]),
        # "thousands of", "members of" open no prepositional phrase: the crowd is the subject
        ("Angered by the death of a commander of Kataib Hezbollah, thousands of PMF "
         "supporters broke into the embassy.", "attack",
         [("pmf", INI), ("unknown.government", T)]),
        # a verb coordinated with an earlier one has its subject, not its object
        ("IRGC forces pursued protesters into the marshes and opened fire with machine guns.",
         "attack", [("IR.irgc", INI)]),
        # ... however many words stand between that verb and its object
        ("IS militants executed dozens of Yazidi men and abducted the women.", "abduction",
         [("islamic_state", INI), ("unknown.civilians", T)]),
        # a participle right after a noun is that noun's act, even inside a phrase
        ("Security forces fired on crowds protesting fuel prices in Shiraz.", "protest",
         [("unknown.protesters", INI)]),
        # a sniper "from" a group is the group's
        ("A soldier was killed by a sniper from HTS near Kafr Nabl.", "killing",
         [("hts", INI), ("unknown.military", T)]),
        # the crowd noun after a coordination is every coordinated group's crowd
        ("Hezbollah and Amal supporters attacked protesters in Beirut.", "attack",
         [("hezbollah", INI), ("amal", INI), ("unknown.protesters", T)]),
        # a country after "over south" is where, not who
        ("An Israeli drone flew over south Lebanon and dropped a bomb near Kfar Kila.",
         "air_strike", [("IL.military", INI)]),
        # "at the hands of" names the agent as "by" does
        ("Two civilians were killed at the hands of ISIS militants near Sukhnah.", "killing",
         [("islamic_state", INI), ("unknown.civilians", T)]),
        # deaths "in an attack by" a group are the group's
        ("Three soldiers were killed in an attack by ISIS militants near Rutba.", "killing",
         [("islamic_state", INI), ("unknown.military", T)]),
        # armed men are an armed group, not civilians
        ("Armed men looted shops in Tuz Khormato.", "looting", [("unknown.rebels", INI)]),
        # clashes "erupted between" two sides: both
        ("Clashes erupted between the SDF and ISIS in Hajin.", "armed_clash",
         [("sdf", INI), ("islamic_state", T)]),
        # a count after a killing verb opens its object: the verb is active
        ("Gunmen killed at least nine shepherds near Sukhnah.", "killing",
         [("unknown.rebels", INI), ("unknown.civilians", T)]),
        ("Militants killed over 30 villagers in Gajiram.", "killing",
         [("unknown.rebels", INI), ("unknown.civilians", T)]),
        # ... but a headline's victims come before the verb and a place or time after it
        ("Three soldiers killed at dawn near Kirkuk.", "killing", [("unknown.military", T)]),
    ],
)
def test_event_roles(text: str, event_type: str, expected: list[tuple[str, ActorRole]]) -> None:
    events = [e for e in find_event_mentions(text, _sentence(text))
              if e.event_type.value == event_type]
    assert [(a.id, a.role) for a in events[0].actors] == expected


@pytest.mark.parametrize(
    ("text", "mentions", "expected"),
    [
        # domestic forces take the country of the places the sentence names
        ("Regime forces shelled Ankawi.",
         [Mention(start=22, end=28, text="Ankawi", kind=MentionKind.TOPONYM, country="SY")],
         ["SY.military"]),
        ("Police arrested protesters in Baghdad and Basra.",
         [Mention(start=30, end=37, text="Baghdad", kind=MentionKind.TOPONYM, country="IQ"),
          Mention(start=42, end=47, text="Basra", kind=MentionKind.TOPONYM, country="IQ")],
         ["IQ.police", "unknown.protesters"]),
        # places in two countries: no guess; foreign-sounding "troops" never take one
        ("Security forces clashed near Qusayr and Hermel.",
         [Mention(start=29, end=35, text="Qusayr", kind=MentionKind.TOPONYM, country="SY"),
          Mention(start=40, end=46, text="Hermel", kind=MentionKind.TOPONYM, country="LB")],
         ["unknown.police"]),
        ("Troops entered Afrin.",
         [Mention(start=15, end=20, text="Afrin", kind=MentionKind.TOPONYM, country="SY")],
         ["unknown.military"]),
        # a capital toponym used as a subject is the government
        ("Damascus and its ally Moscow condemned the raid.",
         [Mention(start=0, end=8, text="Damascus", kind=MentionKind.TOPONYM, country="SY"),
          Mention(start=22, end=28, text="Moscow", kind=MentionKind.TOPONYM, country="RU")],
         ["SY.government", "RU.government"]),
        ("Fighting raged in Damascus.",
         [Mention(start=18, end=26, text="Damascus", kind=MentionKind.TOPONYM, country="SY")],
         []),
    ],
)
def test_country_from_mentions(text: str, mentions: list[Mention], expected: list[str]) -> None:
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert [a.id for a in find_actor_phrases(text, _sentence(text), mentions)] == expected


# --- regexes rewritten for speed find what their plain forms find ---------------------------

_WORDS = [
    "US", "U.S.", "Russian", "Russia's", "Syrian", "air", "Air", "force", "forces", "jets",
    "F-16", "F/A-18", "Su-22", "MiG-29", "AB-1", "pro-regime", "regime", "backed", "men",
    "gunmen", "women", "Hezbollah", "al-Qaeda", "Islamic", "State", "was", "were", "being",
    "reportedly", "shot", "by", "the", "of", "in", "launched", "carried", "out", "strikes",
    "that", "hat", "what", "The", "unidentified", "Local", "notables", "has", "on Monday",
    "said", "it", ",", ";", ":", "-", "'s", "\u2019s", "\u0130stanbul", "\u212a", "\u017f",
]
_TEXTS = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.text(max_size=4)), max_size=12
).flatmap(
    lambda words: st.lists(
        st.sampled_from([" ", "", "  ", "\n", "-"]), min_size=len(words), max_size=len(words)
    ).map(lambda gaps: "".join(w + g for w, g in zip(words, gaps, strict=True)))
)
_GUARDED_BODIES = [
    (r"\b", actors._FORCE_PHRASE, re.IGNORECASE),
    (r"(?<![\w-])(?=[A-Za-z])", actors._NAMED_ALTERNATIVES, 0),
    (r"(?<![\w-])(?=[A-Z])", actors._COUNTRY_ALTERNATIVES, 0),
    (r"\b", r"(?:was|were|being|be)\s+(?:\w+ly\s+)?$", re.IGNORECASE),
    (r"\b", r"(?:launched|carried out|made)\s+(?:\w+\s+){0,2}$", re.IGNORECASE),
    (r"\b", r"(?:[A-Z]{1,3}-\d+|[Ss]u-\d+)(?: [a-z]+)*?\s+men\b", 0),
    (r"", r"(?:the\s+)?(?:air|naval)?\s*(?:strikes?|raids?){1,2}", re.IGNORECASE),
]


def _found(regex: re.Pattern[str], text: str, pos: int) -> list[tuple[object, ...]]:
    return [(m.span(), m.lastgroup) for m in regex.finditer(text, pos, len(text) - pos)]


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, case=st.sampled_from([str, str.lower, str.upper]), pos=st.integers(0, 3))
def test_opening_guards_change_no_match(text: str, case: object, pos: int) -> None:
    assert callable(case)
    text = case(text)
    for head, body, flags in _GUARDED_BODIES:
        plain = re.compile(head + body, flags)
        with_guard = re.compile(guarded(head, body, flags), flags)
        assert _found(with_guard, text, pos) == _found(plain, text, pos), (head, body)
    force = list(actors._FORCE.finditer_in_document(text, pos, len(text)))
    scan = list(actors._FORCE_SCAN.finditer_in_document(text, pos, len(text)))
    assert [(m.span(), m.lastgroup) for m in scan] == [(m.span(), m.lastgroup) for m in force]


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
@example(text="Local notables said xthat Gunmen ")  # "that" inside a word opens nothing
@example(text="Officials said that unidentified gunmen reportedly ")
def test_fallback_subject_search_from_marks_is_a_plain_search(text: str) -> None:
    plain = actors._FALLBACK_NP.search(text)
    fast = actors._FALLBACK_NP.match(text) or actors._FALLBACK_AFTER_MARK.search(text, 1)
    assert (fast and (fast.span(), fast.span("np"))) == (plain and (plain.span(), plain.span("np")))


# --- the vocabulary file: actors.toml ---------------------------------------------------------

DATA = vocabulary_data("geo/events/actors.toml")
_AIRFRAME_SLOT = DATA["branches"]["military"]["force_nouns"].index("<airframe>")


def _with_entry(path: str, entry: str) -> dict[str, Any]:
    """The shipped data with ``entry`` added to the list at the dotted ``path``."""
    entries = functools.reduce(operator.getitem, path.split("."), DATA)
    return changed(DATA, path, [*entries, entry])


def test_the_shipped_vocabulary_is_the_tables() -> None:
    vocabulary = ActorsFile.model_validate(DATA)
    assert vocabulary.countries == actors.COUNTRIES
    us = actors.COUNTRIES["US"]
    assert (us.name, us.names, us.demonyms, us.capitals) == (
        "United States",
        ("United States of America", "United States", r"U\.S\.A?\.?", "USA?", "America"),
        ("American", "Americans"),
        ("Washington",),
    )
    assert actors.COUNTRIES["IL"].capitals == ()
    assert [(branch.suffix, branch.kind) for _, branch in actors.FORCE_NOUNS] == [
        ("government", ActorKind.GOVERNMENT),
        ("police", ActorKind.STATE_FORCES),
        ("military", ActorKind.STATE_FORCES),
        ("militia", ActorKind.ARMED_GROUP),
        ("rebels", ActorKind.ARMED_GROUP),
        ("protesters", ActorKind.PROTESTERS),
        ("rioters", ActorKind.RIOTERS),
        ("civilians", ActorKind.CIVILIANS),
    ]
    assert [branch for _, branch in actors.FORCE_NOUNS] == list(vocabulary.branches.values())
    patterns = actors._force_noun_patterns(vocabulary)
    assert patterns == {branch.suffix: pattern for pattern, branch in actors.FORCE_NOUNS}
    assert r"|anti-aircraft (?:guns?|batteries|fire)|(?:F/A|AV|" in patterns["military"]


_GUINEAS = changed(
    changed(DATA, "countries.GN", {"name": "Guinea", "names": ["Guinea"], "demonyms": ["Guinean"]}),
    "countries.GW",
    {"name": "Guinea-Bissau", "names": ["Guinea-Bissau"], "demonyms": ["Bissau-Guinean"]},
)


@pytest.mark.parametrize(
    ("data", "text", "expected"),
    [
        (changed(DATA, "countries.US.names", ["United States", "United States of America"]),
         "The United States of America said", ("United States of America", "US")),
        (_GUINEAS, "Guinea-Bissau's army", ("Guinea-Bissau", "GW")),
        (_GUINEAS, "Guinea-based rebels", ("Guinea", "GN")),
    ],
)
def test_a_longer_country_name_wins_wherever_it_is_listed(
    data: dict[str, Any], text: str, expected: tuple[str, str]
) -> None:
    index = actors._country_index(ActorsFile.model_validate(data).countries)
    match = re.search(actors._country_alternatives(index), text)
    assert match is not None and match.lastgroup is not None
    assert (match.group(), index[int(match.lastgroup[1:])][1]) == expected


def test_a_country_may_list_no_capital() -> None:
    for capitals in ([], DELETE):
        row = ActorsFile.model_validate(changed(DATA, "countries.US.capitals", capitals))
        assert row.countries["US"].capitals == ()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (changed(DATA, "countries.US.colour", "red"), "Extra inputs are not permitted"),
        (changed(DATA, "countries.us", {"name": "X", "names": ["X"], "demonyms": ["Xian"]}),
         "String should match pattern"),
        (changed(DATA, "countries.US.demonyms", []), "at least 1 item"),
        (_with_entry("countries.FR.names", "Syria"), "countries: 'Syria' belongs to FR, SY"),
        (changed(DATA, "countries.US.capitals", ["Washington("]), "not a regular expression"),
        (_with_entry("countries.US.capitals", "Washington"),
         "listed more than once: Washington"),
        (changed(DATA, "branches.military.kind", "army"), "Input should be 'state_forces'"),
        (changed(DATA, "branches.police", DELETE), "'police' is missing"),
        (changed(DATA, "branches.Rebel_groups", DATA["branches"]["rebels"]),
         "String should match pattern"),
        (changed(DATA, "branches.police.suffix", "cops"),
         "police: a branch's suffix is its table's key, not a field"),
        (_with_entry("branches.militia.force_nouns", "<airframe>"), "found 2 times"),
        (changed(DATA, f"branches.military.force_nouns.{_AIRFRAME_SLOT}", DELETE),
         "found 0 times"),
        (_with_entry("branches.rebels.force_nouns", "gunmen"), "listed more than once: gunmen"),
        (_with_entry("branches.civilians.force_nouns", r"\Wmen"), "has an upper-case escape"),
        (changed(DATA, "branches.civilians.force_nouns", []), "at least 1 item"),
        (_with_entry("airframe.designators", "(Be)"), "has a capturing group"),
        (_with_entry("force_phrases.qualifiers", "(?:elite )?"), "matches the empty string"),
        (_with_entry("force_phrases.domestic", r"army\S*"), "has an upper-case escape"),
        (_with_entry("roles.inverted_speech", "said("), "not a regular expression"),
        (_with_entry("roles.linked_to", r"linked\W"), "has an upper-case escape"),
        (changed(DATA, "roles.nominal_hosts", DELETE), "Field required"),
        (changed(DATA, "hyphen_compounds.led", ["led"]), "Extra inputs are not permitted"),
    ],
)
def test_a_malformed_vocabulary_is_refused(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(problem)):
        ActorsFile.model_validate(data)


@pytest.mark.parametrize(
    ("path", "entry", "branch", "text"),
    [
        ("branches.military.force_nouns", "sappers?", "military", "Sappers"),
        ("branches.civilians.force_nouns", "beekeepers", "civilians", "beekeepers"),
        ("airframe.designators", "Be", "military", "Be-200"),
        ("airframe.nicknames", "Bears?", "military", "Tu-95 Bears"),
    ],
)
def test_an_entry_added_to_the_data_is_matched(
    path: str, entry: str, branch: str, text: str
) -> None:
    shipped = actors._force_noun_patterns(ActorsFile.model_validate(DATA))[branch]
    added = actors._force_noun_patterns(ActorsFile.model_validate(_with_entry(path, entry)))
    assert not re.fullmatch(shipped, text, re.IGNORECASE)
    assert re.fullmatch(added[branch], text, re.IGNORECASE)
