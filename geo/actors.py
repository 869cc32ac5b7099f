"""Actors: who did something to whom, normalised to a small reviewed vocabulary.

An actor phrase is either a named entry of :data:`NAMED_ACTORS` ("the Pentagon", "Hezbollah",
"NATO"), or a country modifier followed by a force noun of :data:`FORCE_NOUNS` ("US
warplane", "Syrian regime forces", "Russia's defence ministry"), or a bare country name or a
capital used for its government ("Moscow said"). Country modifiers come from the places
stage's :class:`~geo.mentions.Mention` objects (demonyms and toponyms with ``country``); a
small table of common conflict countries (:data:`COUNTRIES`) covers text whose mentions were
not passed in. Subjects outside the vocabulary fall back to kind ``other`` with their
surface text as id.

Roles come from word order around the event trigger: the subject before an active verb is
the initiator and its object the target; a passive verb swaps them ("was downed by Russian
jets"); a nominal trigger takes its initiator from a modifier ("Russian air strikes") or a
``by`` phrase and its target from ``on``/``against``/``of``.

>>> from geo.text import Sentence
>>> doc = "A US warplane shot down a Syrian jet."
>>> s = Sentence(start=0, end=len(doc), text=doc)
>>> [(a.id, a.role.value) for a in find_actors(doc, s, 14, 23) if a.role]
[('US.military', 'initiator'), ('SY.military', 'target')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from geo.mentions import Mention, MentionKind
from geo.text import Sentence

__all__ = [
    "COUNTRIES",
    "FORCE_NOUNS",
    "NAMED_ACTORS",
    "Actor",
    "ActorKind",
    "ActorRole",
    "find_actor_phrases",
    "find_actors",
    "is_passive",
]


class ActorKind(StrEnum):
    STATE_FORCES = "state_forces"
    GOVERNMENT = "government"
    COALITION = "coalition"
    ARMED_GROUP = "armed_group"
    INTERNATIONAL_BODY = "international_body"
    CIVILIANS = "civilians"
    OTHER = "other"


class ActorRole(StrEnum):
    INITIATOR = "initiator"
    TARGET = "target"


class Actor(BaseModel):
    """One actor phrase of the document; ``text == document[start:end]``."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Normalised id: 'US.military', 'RU.government', 'hezbollah'.")
    name: str
    kind: ActorKind
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2.")
    role: ActorRole | None = None
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class CountryEntry(NamedTuple):
    """Fallback names of a country, used when no place mention covers the words."""

    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


class NamedActor(NamedTuple):
    """A vocabulary row: regex alternatives (case-sensitive) and the normalised actor."""

    patterns: tuple[str, ...]
    id: str
    name: str
    kind: ActorKind
    country: str | None = None


# Reviewed fallback table of countries that recur in conflict reporting. Names and capitals
# are matched case-sensitively ("US" but not "us").
COUNTRIES: dict[str, CountryEntry] = {
    "US": CountryEntry("United States", ("United States of America", "United States",
                       "U\\.S\\.A?\\.?", "USA?", "America"), ("American", "Americans"),
                       ("Washington",)),
    "RU": CountryEntry("Russia", ("Russian Federation", "Russia"), ("Russian", "Russians"),
                       ("Moscow",)),
    "SY": CountryEntry("Syria", ("Syria",), ("Syrian", "Syrians"), ("Damascus",)),
    "IQ": CountryEntry("Iraq", ("Iraq",), ("Iraqi", "Iraqis"), ("Baghdad",)),
    "IR": CountryEntry("Iran", ("Iran",), ("Iranian", "Iranians"), ("Tehran",)),
    "TR": CountryEntry("Turkey", ("Turkey", "T[üu]rkiye"), ("Turkish", "Turks"), ("Ankara",)),
    "IL": CountryEntry("Israel", ("Israel",), ("Israeli", "Israelis"), ()),
    "PS": CountryEntry("Palestine", ("Palestine",), ("Palestinian", "Palestinians"), ()),
    "LB": CountryEntry("Lebanon", ("Lebanon",), ("Lebanese",), ("Beirut",)),
    "JO": CountryEntry("Jordan", ("Jordan",), ("Jordanian", "Jordanians"), ("Amman",)),
    "SA": CountryEntry("Saudi Arabia", ("Saudi Arabia",), ("Saudi", "Saudis"), ("Riyadh",)),
    "YE": CountryEntry("Yemen", ("Yemen",), ("Yemeni", "Yemenis"), ("Sanaa",)),
    "EG": CountryEntry("Egypt", ("Egypt",), ("Egyptian", "Egyptians"), ("Cairo",)),
    "LY": CountryEntry("Libya", ("Libya",), ("Libyan", "Libyans"), ("Tripoli",)),
    "AF": CountryEntry("Afghanistan", ("Afghanistan",), ("Afghan", "Afghans"), ("Kabul",)),
    "PK": CountryEntry("Pakistan", ("Pakistan",), ("Pakistani", "Pakistanis"), ("Islamabad",)),
    "IN": CountryEntry("India", ("India",), ("Indian", "Indians"), ("New Delhi",)),
    "CN": CountryEntry("China", ("China",), ("Chinese",), ("Beijing",)),
    "TW": CountryEntry("Taiwan", ("Taiwan",), ("Taiwanese",), ("Taipei",)),
    "KP": CountryEntry("North Korea", ("North Korea",), ("North Korean", "North Koreans"),
                       ("Pyongyang",)),
    "KR": CountryEntry("South Korea", ("South Korea",), ("South Korean", "South Koreans"),
                       ("Seoul",)),
    "JP": CountryEntry("Japan", ("Japan",), ("Japanese",), ("Tokyo",)),
    "UA": CountryEntry("Ukraine", ("Ukraine",), ("Ukrainian", "Ukrainians"), ("Kyiv", "Kiev")),
    "BY": CountryEntry("Belarus", ("Belarus",), ("Belarusian", "Belarusians"), ("Minsk",)),
    "GB": CountryEntry("United Kingdom", ("United Kingdom", "Britain", "U\\.K\\.", "UK"),
                       ("British", "Britons"), ("London",)),
    "FR": CountryEntry("France", ("France",), ("French",), ("Paris",)),
    "DE": CountryEntry("Germany", ("Germany",), ("German", "Germans"), ("Berlin",)),
    "SD": CountryEntry("Sudan", ("Sudan",), ("Sudanese",), ("Khartoum",)),
    "SO": CountryEntry("Somalia", ("Somalia",), ("Somali", "Somalis"), ("Mogadishu",)),
    "ET": CountryEntry("Ethiopia", ("Ethiopia",), ("Ethiopian", "Ethiopians"), ("Addis Ababa",)),
    "NG": CountryEntry("Nigeria", ("Nigeria",), ("Nigerian", "Nigerians"), ("Abuja",)),
    "ML": CountryEntry("Mali", ("Mali",), ("Malian", "Malians"), ("Bamako",)),
    "CD": CountryEntry("DR Congo", ("Democratic Republic of (?:the )?Congo", "DR Congo", "DRC"),
                       ("Congolese",), ("Kinshasa",)),
    "MM": CountryEntry("Myanmar", ("Myanmar", "Burma"), ("Myanmar", "Burmese"), ("Naypyidaw",)),
    "VE": CountryEntry("Venezuela", ("Venezuela",), ("Venezuelan", "Venezuelans"), ("Caracas",)),
    "AZ": CountryEntry("Azerbaijan", ("Azerbaijan",), ("Azerbaijani", "Azeri"), ("Baku",)),
    "AM": CountryEntry("Armenia", ("Armenia",), ("Armenian", "Armenians"), ("Yerevan",)),
    "GE": CountryEntry("Georgia", ("Georgia",), ("Georgian", "Georgians"), ("Tbilisi",)),
    "QA": CountryEntry("Qatar", ("Qatar",), ("Qatari",), ("Doha",)),
    "AE": CountryEntry("United Arab Emirates", ("United Arab Emirates", "UAE"), ("Emirati",),
                       ("Abu Dhabi",)),
}

_COALITION = "Global Coalition against ISIS"

NAMED_ACTORS: tuple[NamedActor, ...] = (
    NamedActor(("Pentagon", "CENTCOM", "U\\.?S\\.? Central Command", "Department of Defense"),
               "US.military", "United States military forces", ActorKind.STATE_FORCES, "US"),
    NamedActor(("White House", "State Department", "Trump administration",
                "Biden administration"), "US.government", "United States government",
               ActorKind.GOVERNMENT, "US"),
    NamedActor(("Kremlin",), "RU.government", "Russian government", ActorKind.GOVERNMENT, "RU"),
    NamedActor(("Assad regime", "regime of (?:President )?Bashar (?:al-)?Assad",
                "pro-Assad(?: forces)?", "Assad"), "SY.government", "Syrian government",
               ActorKind.GOVERNMENT, "SY"),
    NamedActor(("Saudi-led coalition", "Arab coalition"), "SA.coalition",
               "Saudi-led coalition", ActorKind.COALITION, "SA"),
    NamedActor(("(?:U\\.?S\\.?|American|United States)[- ]led (?:international )?coalition",
                "(?:[Gg]lobal|[Ii]nternational|anti-(?:ISIS|IS|ISIL|Daesh)) coalition",
                "[Cc]oalition(?: forces| aircraft| jets| warplanes| troops)?"),
               "coalition.isis", _COALITION, ActorKind.COALITION),
    NamedActor(("Islamic State(?: group)?", "ISIS", "ISIL", "IS", "Daesh"), "islamic_state",
               "Islamic State", ActorKind.ARMED_GROUP),
    NamedActor(("Syrian Democratic Forces", "SDF"), "sdf", "Syrian Democratic Forces",
               ActorKind.ARMED_GROUP, "SY"),
    NamedActor(("Hezbollah", "Hizbollah", "Hizballah"), "hezbollah", "Hezbollah",
               ActorKind.ARMED_GROUP, "LB"),
    NamedActor(("Hamas",), "hamas", "Hamas", ActorKind.ARMED_GROUP, "PS"),
    NamedActor(("Islamic Jihad",), "islamic_jihad", "Palestinian Islamic Jihad",
               ActorKind.ARMED_GROUP, "PS"),
    NamedActor(("Taliban",), "taliban", "Taliban", ActorKind.ARMED_GROUP, "AF"),
    NamedActor(("al-Shabaab", "al-Shabab", "Al-Shabaab", "Al-Shabab", "Shabaab"), "al_shabaab",
               "al-Shabaab", ActorKind.ARMED_GROUP, "SO"),
    NamedActor(("Houthis?(?: rebels| militia)?", "Ansar Allah"), "houthis", "Houthis",
               ActorKind.ARMED_GROUP, "YE"),
    NamedActor(("Wagner(?: Group| mercenaries)?",), "wagner", "Wagner Group",
               ActorKind.ARMED_GROUP, "RU"),
    NamedActor(("PKK", "Kurdistan Workers' Party"), "pkk", "Kurdistan Workers' Party",
               ActorKind.ARMED_GROUP),
    NamedActor(("YPG", "People's Protection Units"), "ypg", "People's Protection Units (YPG)",
               ActorKind.ARMED_GROUP, "SY"),
    NamedActor(("Hayat Tahrir al-Sham", "HTS"), "hts", "Hayat Tahrir al-Sham",
               ActorKind.ARMED_GROUP, "SY"),
    NamedActor(("(?:al-Nusra|Nusra) Front",), "nusra_front", "al-Nusra Front",
               ActorKind.ARMED_GROUP, "SY"),
    NamedActor(("Free Syrian Army", "FSA"), "fsa", "Free Syrian Army", ActorKind.ARMED_GROUP,
               "SY"),
    NamedActor(("[Aa]l-Qaeda", "[Aa]l-Qaida", "[Aa]l Qaeda"), "al_qaeda", "al-Qaeda",
               ActorKind.ARMED_GROUP),
    NamedActor(("Boko Haram",), "boko_haram", "Boko Haram", ActorKind.ARMED_GROUP, "NG"),
    NamedActor(("ISWAP",), "iswap", "Islamic State West Africa Province",
               ActorKind.ARMED_GROUP, "NG"),
    NamedActor(("JNIM",), "jnim", "Jama'at Nusrat al-Islam wal-Muslimin",
               ActorKind.ARMED_GROUP, "ML"),
    NamedActor(("M23",), "m23", "March 23 Movement (M23)", ActorKind.ARMED_GROUP, "CD"),
    NamedActor(("Rapid Support Forces", "RSF"), "rsf", "Rapid Support Forces",
               ActorKind.ARMED_GROUP, "SD"),
    NamedActor(("United Nations(?: Security Council)?", "UN Security Council", "U\\.N\\.", "UN"),
               "un", "United Nations", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("UNHCR",), "unhcr", "UN Refugee Agency (UNHCR)", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("UNICEF",), "unicef", "UNICEF", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("NATO",), "nato", "NATO", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("European Union", "EU"), "eu", "European Union", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("OSCE",), "osce", "OSCE", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("International Committee of the Red Cross", "ICRC", "Red Cross",
                "Red Crescent"), "icrc", "International Committee of the Red Cross",
               ActorKind.INTERNATIONAL_BODY),
    NamedActor(("World Health Organization", "WHO"), "who", "World Health Organization",
               ActorKind.INTERNATIONAL_BODY),
    NamedActor(("IAEA",), "iaea", "International Atomic Energy Agency",
               ActorKind.INTERNATIONAL_BODY),
    NamedActor(("OPCW",), "opcw", "OPCW", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("African Union",), "au", "African Union", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("Arab League",), "arab_league", "Arab League", ActorKind.INTERNATIONAL_BODY),
)


class _Branch(NamedTuple):
    suffix: str
    kind: ActorKind
    label: str


_MILITARY = _Branch("military", ActorKind.STATE_FORCES, "military forces")
_GOVERNMENT = _Branch("government", ActorKind.GOVERNMENT, "government")
_POLICE = _Branch("police", ActorKind.STATE_FORCES, "police and security forces")
_MILITIA = _Branch("militia", ActorKind.ARMED_GROUP, "militias")
_REBELS = _Branch("rebels", ActorKind.ARMED_GROUP, "armed groups")
_CIVILIANS = _Branch("civilians", ActorKind.CIVILIANS, "civilians")

# Force nouns (case-insensitive), longest alternatives first. With a country modifier before
# them they become "<ISO2>.<branch>"; without one, "unknown.<branch>".
FORCE_NOUNS: tuple[tuple[str, _Branch], ...] = (
    (r"(?:defen[cs]e|foreign|interior) ministry|ministry of (?:defen[cs]e|foreign affairs)"
     r"|foreign minister|defen[cs]e (?:minister|secretary)|secretary of state|prime minister"
     r"|president|government|regime|ministry|authorities|officials?|administration"
     r"|leadership|cabinet|embassy|diplomats?|envoy", _GOVERNMENT),
    (r"security forces|police(?:men)?|gendarmerie|border guards?|coast guard", _POLICE),
    (r"armed forces|special forces|air force|navy|army|military|forces|troops|soldiers"
     r"|(?:fighter |spy |reconnaissance |surveillance )?(?:jets?|planes?|aircraft)"
     r"|warplanes?|bombers?|drones?|UAVs?|helicopters?|warships?|destroyers?|frigates?"
     r"|submarines?|artillery|tanks|marines|paratroopers|gunboats?|missile batteries"
     r"|(?:military |air )?bases?|outposts?|checkpoints?|convoys?",
     _MILITARY),
    (r"militias?|militiamen|paramilitar(?:y|ies)", _MILITIA),
    (r"rebels?|insurgents?|militants?|jihadists?|gunmen|fighters|guerrillas?|extremists",
     _REBELS),
    (r"civilians|protesters|demonstrators|residents|villagers|refugees|children|journalists"
     r"|aid workers|worshippers|farmers|students|migrants|displaced people|people",
     _CIVILIANS),
)

# Words allowed between a country modifier and its force noun ("Syrian regime forces").
_QUALIFIERS = (
    r"(?:(?:pro-regime|pro-government|regime|government|armed|fighter|security|special"
    r"|ground|naval|air|military|defen[cs]e|war|spy|elite|allied|backed|loyalist|[A-Z]{1,3}-\d+"
    r"[A-Z]?|[Ss]u-\d+)\s+)*"
)
_BACKED = re.compile(r"-(?:backed|allied|supported|aligned)\s+")


def _alternation(patterns: Sequence[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


_NAMED_RE = re.compile(
    r"(?<![\w-])(?=[A-Za-z])(?:"
    + "|".join(f"(?P<n{i}>{_alternation(row.patterns)})" for i, row in enumerate(NAMED_ACTORS))
    + r")(?![\w-])"
)
_FORCE_RE = re.compile(
    rf"(?i:\b{_QUALIFIERS}(?:"
    + "|".join(f"(?P<f{i}>{pat})" for i, (pat, _) in enumerate(FORCE_NOUNS))
    + r")\b)"
)
_COUNTRY_INDEX: list[tuple[str, str, bool]] = []  # (surface pattern, ISO2, is_capital)
for _code, _entry in COUNTRIES.items():
    _COUNTRY_INDEX.extend((p, _code, False) for p in (*_entry.names, *_entry.demonyms))
    _COUNTRY_INDEX.extend((p, _code, True) for p in _entry.capitals)
# Names all start with a capital: the lookahead lets the engine skip most positions fast.
_COUNTRY_RE = re.compile(
    r"(?<![\w-])(?=[A-Z])(?:"
    + "|".join(f"(?P<c{i}>{pat})" for i, (pat, _, _) in enumerate(_COUNTRY_INDEX))
    + r")(?!\w)"
)
_COUNTRY_NAME_SET = frozenset(
    name for entry in COUNTRIES.values() for name in entry.names if name.isalpha()
)
_POSSESSIVE = re.compile(r"(?:'s|\u2019s)?\s*(?:-\s*)?$")


class _CountryModifier(NamedTuple):
    start: int
    end: int
    country: str
    bare_actor: bool  # a country name or a capital used for its government
    is_capital: bool


def _country_modifiers(
    text: str, sentence: Sentence, mentions: Sequence[Mention]
) -> list[_CountryModifier]:
    """Country-bearing spans in the sentence: mentions first, then the fallback table."""
    found: list[_CountryModifier] = []
    for m in mentions:
        if m.country is None or m.kind is MentionKind.ORGANISATION:
            continue
        if m.start < sentence.start or m.end > sentence.end:
            continue
        bare = m.government_actor or (
            m.kind is MentionKind.TOPONYM and m.text.removeprefix("the ") in _COUNTRY_NAME_SET
        )
        found.append(_CountryModifier(m.start, m.end, m.country, bare, m.government_actor))
    for match in _COUNTRY_RE.finditer(text, sentence.start, sentence.end):
        if any(f.start < match.end() and match.start() < f.end for f in found):
            continue
        group = match.lastgroup
        assert group is not None
        _, code, is_capital = _COUNTRY_INDEX[int(group[1:])]
        is_name = match.group() in COUNTRIES[code].names or (
            not is_capital and match.group() not in COUNTRIES[code].demonyms
        )
        if is_capital and not _looks_like_subject(text, match.end()):
            continue  # "in Washington" is a place, "Washington said" a government
        found.append(_CountryModifier(match.start(), match.end(), code, is_name or is_capital,
                                      is_capital))
    found.sort()
    return found


_SUBJECT_VERB = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:has|have|had|is|was|will|would|could|said|says|did|does"
    r"|\w+ed|\w+s)\b"
)


def _looks_like_subject(text: str, end: int) -> bool:
    return _SUBJECT_VERB.match(text, end) is not None


def _country_actor(code: str, branch: _Branch, start: int, end: int, text: str) -> Actor:
    entry = COUNTRIES.get(code)
    country_name = entry.name if entry else code
    if branch is _CIVILIANS:
        adjective = entry.demonyms[0] if entry else code
        name = f"{adjective} civilians"
    else:
        name = f"{country_name} {branch.label}"
    return Actor(id=f"{code}.{branch.suffix}", name=name, kind=branch.kind, country=code,
                 start=start, end=end, text=text[start:end])


def find_actor_phrases(
    text: str, sentence: Sentence, mentions: Sequence[Mention] = ()
) -> list[Actor]:
    """Every actor phrase of ``sentence`` (roles unset), in text order, non-overlapping."""
    phrases: list[Actor] = []
    for match in _NAMED_RE.finditer(text, sentence.start, sentence.end):
        group = match.lastgroup
        assert group is not None
        row = NAMED_ACTORS[int(group[1:])]
        phrases.append(Actor(id=row.id, name=row.name, kind=row.kind, country=row.country,
                             start=match.start(), end=match.end(), text=match.group()))
    modifiers = _country_modifiers(text, sentence, mentions)
    used_modifiers: set[int] = set()
    for match in _FORCE_RE.finditer(text, sentence.start, sentence.end):
        if any(p.start < match.end() and match.start() < p.end for p in phrases):
            continue
        head = _named_head(text, phrases, match.start())
        if head is not None:  # "Hezbollah fighters" is Hezbollah
            phrases[head] = phrases[head].model_copy(
                update={"end": match.end(), "text": text[phrases[head].start : match.end()]})
            continue
        phrases.append(_force_actor(text, match, modifiers, used_modifiers))
    for index, mod in enumerate(modifiers):
        if index in used_modifiers or not mod.bare_actor:
            continue
        if any(p.start < mod.end and mod.start < p.end for p in phrases):
            continue
        phrases.append(_country_actor(mod.country, _GOVERNMENT, mod.start, mod.end, text))
    phrases.sort(key=lambda a: a.start)
    return phrases


def _named_head(text: str, phrases: Sequence[Actor], start: int) -> int | None:
    for index, phrase in enumerate(phrases):
        if phrase.end <= start and not text[phrase.end : start].strip():
            return index
    return None


def _force_actor(
    text: str, match: re.Match[str], modifiers: Sequence[_CountryModifier], used: set[int]
) -> Actor:
    group = match.lastgroup
    assert group is not None
    branch = FORCE_NOUNS[int(group[1:])][1]
    for index, mod in enumerate(modifiers):
        gap = text[mod.end : match.start()]
        if mod.end > match.start() or not _POSSESSIVE.fullmatch(gap):
            continue
        used.add(index)
        backed = _BACKED.match(text, mod.end)
        if backed is not None or gap.strip() == "-":
            name = f"{COUNTRIES[mod.country].name if mod.country in COUNTRIES else mod.country}"
            return Actor(id=f"{mod.country}-backed.{branch.suffix}",
                         name=f"{name}-backed {branch.label}", kind=ActorKind.ARMED_GROUP,
                         start=mod.start, end=match.end(), text=text[mod.start : match.end()])
        return _country_actor(mod.country, branch, mod.start, match.end(), text)
    for index, mod in enumerate(modifiers):
        backed = _BACKED.match(text, mod.end)
        if backed is not None and backed.end() == match.start():
            used.add(index)
            return Actor(id=f"{mod.country}-backed.{branch.suffix}",
                         name=f"{mod.country}-backed {branch.label}", kind=ActorKind.ARMED_GROUP,
                         start=mod.start, end=match.end(), text=text[mod.start : match.end()])
    kind = branch.kind
    return Actor(id=f"unknown.{branch.suffix}", name=match.group(), kind=kind, start=match.start(),
                 end=match.end(), text=match.group())


# --- roles -------------------------------------------------------------------------------

_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|is|are|been|being|be|get|got|gets|getting)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
_BY_AFTER = re.compile(r"\s+by\b")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|to|in|by|with|from|near|against|on|at|between|for|into|over|toward|towards"
    r"|among|than|and|or|whom)\s+(?:(?:the|a|an|its|their|his|her)\s+)?$",
    re.IGNORECASE,
)
_LINKED_OWNER = re.compile(
    r"\s+(?:linked|belonging|loyal|attached|allied|affiliated)\s+(?:to|with)\s+"
    r"(?:the\s+)?$|\s+(?:operated|flown|backed|owned|controlled)\s+by\s+(?:the\s+)?$"
    r"|\s+of\s+the\s+$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(
    r"\b(?:it|they|its|their|we)\b(?:\s+(?:own\s+)?(?:forces|troops|military|army))?"
    r"\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
_SPEECH_CUT = re.compile(
    r"\b(?:said|says|say|warned|told\s+\w+|announced|claimed|stated|added|denied|insisted"
    r"|reported|confirmed|threatened|vowed|according to)(?:\s+that)?\b",
    re.IGNORECASE,
)
_RIGHT_STOP = re.compile(
    r"[,;:]|\s(?:after|as|when|because|while|since|before|following|amid|but|and then)\s"
)
_TARGET_PREP = re.compile(
    r"(?:\s+[\w-]+){0,2}?(?:\s+(?:on|against|at|with|targeting|of|near|toward|towards))?\s+"
    r"(?:(?:the|a|an|two|three|several|some|its|their|his|her)\s+)?(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_NOMINAL_HOST = re.compile(
    r"\b(?:launched|launch|launches|carried out|carry out|carries out|conducted|conduct"
    r"|conducts|staged|stage|mounted|waged|unleashed|fired|intensified|stepped up|resumed"
    r"|began|held|hold|holds|holding|hosted|imposed|impose|imposes|signed|sign|reached"
    r"|agreed|organised|organized|called|issued|made)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\s+between\s+", re.IGNORECASE)


def is_passive(text: str, trigger_start: int, trigger_end: int) -> bool:
    """Whether the verb at the trigger is passive ("was downed", "shelled by")."""
    before = text[max(0, trigger_start - 40) : trigger_start]
    return bool(_PASSIVE_BEFORE.search(before)) or bool(_BY_AFTER.match(text, trigger_end))


def find_actors(
    text: str,
    sentence: Sentence,
    trigger_start: int,
    trigger_end: int,
    mentions: Sequence[Mention] = (),
    *,
    nominal: bool = False,
    military: bool = True,
    with_target: bool = True,
    phrases: Sequence[Actor] | None = None,
) -> list[Actor]:
    """Initiator and target of the event whose trigger is ``text[trigger_start:trigger_end]``.

    ``nominal`` says the trigger is a noun ("air strikes", "talks"); ``military`` says a bare
    demonym before a nominal trigger is the country's forces ("Russian air strikes") rather
    than its government ("Russian sanctions"); ``with_target=False`` is for speech verbs,
    whose object is a clause. ``phrases`` may pass the result of :func:`find_actor_phrases`
    to avoid recomputing it per trigger. Returns at
    most one initiator and one target, initiator first; an empty list when neither is found.
    """
    if phrases is None:
        phrases = find_actor_phrases(text, sentence, mentions)
    if nominal:
        initiator, target = _nominal_roles(text, sentence, trigger_start, trigger_end, phrases)
        if initiator is None:
            initiator = _demonym_modifier(text, sentence, trigger_start, mentions, military)
    elif is_passive(text, trigger_start, trigger_end):
        target = _subject(text, sentence, trigger_start, phrases)
        initiator = _by_agent(text, sentence, trigger_end, phrases)
    else:
        initiator = _subject(text, sentence, trigger_start, phrases)
        target = _object(text, sentence, trigger_end, phrases)
    if not with_target:
        target = None
    result: list[Actor] = []
    if initiator is not None:
        result.append(initiator.model_copy(update={"role": ActorRole.INITIATOR}))
    if target is not None and (initiator is None or target.start != initiator.start):
        result.append(target.model_copy(update={"role": ActorRole.TARGET}))
    return result


def _demonym_modifier(
    text: str, sentence: Sentence, trigger_start: int, mentions: Sequence[Mention],
    military: bool,
) -> Actor | None:
    """'Russian air strikes': a country word right before a nominal trigger is its agent."""
    for mod in _country_modifiers(text, sentence, mentions):
        gap = text[mod.end : trigger_start]
        if mod.end <= trigger_start and re.fullmatch(r"(?:'s|\u2019s)?\s*(?:-led\s*)?", gap):
            branch = _MILITARY if military else _GOVERNMENT
            return _country_actor(mod.country, branch, mod.start, mod.end, text)
    return None


def _with_owner(text: str, actor: Actor, phrases: Sequence[Actor], limit: int) -> Actor:
    """'an armed drone linked to Syrian regime forces' is the forces' drone."""
    if actor.country is not None or (actor.kind is not ActorKind.STATE_FORCES and (
        actor.kind is not ActorKind.OTHER
    )):
        return actor
    for other in phrases:
        if other.start >= actor.end and other.start <= limit:
            if _LINKED_OWNER.search(text[actor.end : other.start]):
                return other.model_copy(update={"start": actor.start, "text": text[
                    actor.start : other.end], "end": other.end})
            break
    return actor


def _subject(
    text: str, sentence: Sentence, trigger_start: int, phrases: Sequence[Actor]
) -> Actor | None:
    """The nearest actor before the trigger that is not inside a prepositional phrase."""
    left = text[sentence.start : trigger_start]
    pronoun = _PRONOUN.search(left)
    if pronoun is not None:
        # "Russia said it would strike": the pronoun stands for the speaker.
        return _subject(text, sentence, sentence.start + pronoun.start(), phrases)
    cut = sentence.start
    for speech in _SPEECH_CUT.finditer(left):
        if speech.end() < len(left) - 1:
            cut = sentence.start + speech.end()
    candidates = [p for p in phrases if cut <= p.start and p.end <= trigger_start]
    for actor in reversed(candidates):
        if _PREPOSITION_BEFORE.search(text[max(sentence.start, actor.start - 30) : actor.start]):
            continue
        return _with_owner(text, actor, phrases, trigger_start)
    if candidates:
        return _with_owner(text, candidates[0], phrases, trigger_start)
    return _fallback_subject(text, cut, trigger_start)


_FALLBACK_NP = re.compile(
    r"(?:^|[,;:]\s*|\bthat\s+)(?:(?:the|a|an|some|several|two|three|four|five|unidentified"
    r"|unknown)\s+)?(?P<np>[A-Za-z][\w\-']*(?:\s+[A-Za-z][\w\-']*){0,2}?)"
    r"(?:\s+(?:has|have|had|was|were|is|are|also|reportedly|allegedly|on \w+day|\w+ly))*\s*$"
)
_NOT_A_SUBJECT = re.compile(
    r"^(?:it|they|he|she|we|i|you|this|that|there|who|which|what|and|but|or|on|in|at|after"
    r"|before|when|as|if|the|a|an)\b",
    re.IGNORECASE,
)


def _fallback_subject(text: str, cut: int, trigger_start: int) -> Actor | None:
    """Unknown subjects ("Gunmen killed ...") become kind ``other`` with their words as id."""
    left = text[cut:trigger_start]
    match = _FALLBACK_NP.search(left)
    if match is None:
        return None
    words = match.group("np")
    if _NOT_A_SUBJECT.match(words) or (words.lower() == words and not words.endswith("s")):
        return None
    start = cut + match.start("np")
    return Actor(id=words.lower(), name=words, kind=ActorKind.OTHER, start=start,
                 end=start + len(words), text=words)


def _object(
    text: str, sentence: Sentence, trigger_end: int, phrases: Sequence[Actor]
) -> Actor | None:
    """The first actor after the trigger, before the clause's next comma or subordinator."""
    stop = _RIGHT_STOP.search(text, trigger_end, sentence.end)
    limit = stop.start() if stop else sentence.end
    for actor in phrases:
        if trigger_end <= actor.start < limit:
            gap = text[trigger_end : actor.start]
            if re.search(r"\bby\s+(?:the\s+)?$", gap) or not _TARGET_PREP.fullmatch(gap):
                return None
            return _with_owner(text, actor, phrases, sentence.end)
    return None


def _by_agent(
    text: str, sentence: Sentence, trigger_end: int, phrases: Sequence[Actor]
) -> Actor | None:
    by = _BY_AFTER.match(text, trigger_end)
    if by is None:
        return None
    for actor in phrases:
        if by.end() <= actor.start <= by.end() + 30:
            return _with_owner(text, actor, phrases, sentence.end)
    return None


def _nominal_roles(
    text: str, sentence: Sentence, trigger_start: int, trigger_end: int,
    phrases: Sequence[Actor],
) -> tuple[Actor | None, Actor | None]:
    between = _BETWEEN.match(text, trigger_end)
    if between is not None:
        pair = [p for p in phrases if p.start >= between.end()][:2]
        first = pair[0] if pair else None
        second = pair[1] if len(pair) > 1 else None
        return first, second
    initiator: Actor | None = None
    for actor in phrases:
        gap = text[actor.end : trigger_start]
        if actor.end <= trigger_start and re.fullmatch(r"(?:'s|\u2019s)?\s*(?:[\w-]+\s+){0,1}",
                                                       gap):
            initiator = actor
    if initiator is None:
        initiator = _by_agent(text, sentence, trigger_end, phrases)
    if initiator is None:
        left = text[sentence.start : trigger_start]
        host = _NOMINAL_HOST.search(left)
        if host is not None:
            initiator = _subject(text, sentence, sentence.start + host.start(), phrases)
    target = _object(text, sentence, trigger_end, phrases)
    return initiator, target
