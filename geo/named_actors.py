"""The named actors of the actor vocabulary: groups, bodies and forces known by their name.

A table of data only, so that a stage that needs the names (the places stage, which must
not read "Taliban" as a village in Turkey) can have them without the actor analysis of
:mod:`geo.events.actors` and its compiled regexes.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

__all__ = ["NAMED_ACTORS", "ActorKind", "NamedActor"]


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


_COALITION = "Global Coalition against ISIS"

NAMED_ACTORS: tuple[NamedActor, ...] = (
    NamedActor(
        ("Pentagon", "CENTCOM", "U\\.?S\\.? Central Command", "Department of Defense"),
        "US.military",
        "United States military forces",
        ActorKind.STATE_FORCES,
        "US",
    ),
    NamedActor(
        ("White House", "State Department", "Trump administration", "Biden administration"),
        "US.government",
        "United States government",
        ActorKind.GOVERNMENT,
        "US",
    ),
    NamedActor(("Kremlin",), "RU.government", "Russian government", ActorKind.GOVERNMENT, "RU"),
    NamedActor(
        (
            "Assad regime",
            "regime of (?:President )?Bashar (?:al-)?Assad",
            "pro-Assad(?: forces)?",
            "Assad",
        ),
        "SY.government",
        "Syrian government",
        ActorKind.GOVERNMENT,
        "SY",
    ),
    NamedActor(
        ("Saudi-led coalition", "Arab coalition"),
        "SA.coalition",
        "Saudi-led coalition",
        ActorKind.COALITION,
        "SA",
    ),
    NamedActor(
        (
            "(?:U\\.?S\\.?|USA|American|United States) ?[- ]led (?:international )?coalition",
            "(?:[Gg]lobal|[Ii]nternational|anti-(?:ISIS|IS|ISIL|Daesh)) coalition",
            "[Cc]oalition(?: forces| aircraft| jets| warplanes| troops)?",
        ),
        "coalition.isis",
        _COALITION,
        ActorKind.COALITION,
    ),
    NamedActor(
        ("Islamic State(?: group)?", "ISIS", "ISIL", "IS", "Daesh"),
        "islamic_state",
        "Islamic State",
        ActorKind.ARMED_GROUP,
    ),
    NamedActor(
        ("Syrian Democratic Forces", "SDF"),
        "sdf",
        "Syrian Democratic Forces",
        ActorKind.ARMED_GROUP,
        "SY",
    ),
    NamedActor(
        ("Hezbollah", "Hizbollah", "Hizballah"),
        "hezbollah",
        "Hezbollah",
        ActorKind.ARMED_GROUP,
        "LB",
    ),
    NamedActor(("Hamas",), "hamas", "Hamas", ActorKind.ARMED_GROUP, "PS"),
    NamedActor(
        ("Islamic Jihad",),
        "islamic_jihad",
        "Palestinian Islamic Jihad",
        ActorKind.ARMED_GROUP,
        "PS",
    ),
    NamedActor(("Taliban",), "taliban", "Taliban", ActorKind.ARMED_GROUP, "AF"),
    NamedActor(
        ("al-Shabaab", "al-Shabab", "Al-Shabaab", "Al-Shabab", "Shabaab"),
        "al_shabaab",
        "al-Shabaab",
        ActorKind.ARMED_GROUP,
        "SO",
    ),
    NamedActor(
        ("Houthis?(?: rebels| militia)?", "Ansar Allah"),
        "houthis",
        "Houthis",
        ActorKind.ARMED_GROUP,
        "YE",
    ),
    NamedActor(
        ("Wagner(?: Group| mercenaries)?",), "wagner", "Wagner Group", ActorKind.ARMED_GROUP, "RU"
    ),
    NamedActor(
        ("PKK", "Kurdistan Workers' Party"),
        "pkk",
        "Kurdistan Workers' Party",
        ActorKind.ARMED_GROUP,
    ),
    NamedActor(
        ("YPG", "People's Protection Units"),
        "ypg",
        "People's Protection Units (YPG)",
        ActorKind.ARMED_GROUP,
        "SY",
    ),
    NamedActor(
        ("Hayat Tahrir al-Sham", "HTS"), "hts", "Hayat Tahrir al-Sham", ActorKind.ARMED_GROUP, "SY"
    ),
    NamedActor(
        ("(?:al-Nusra|Nusra) Front",), "nusra_front", "al-Nusra Front", ActorKind.ARMED_GROUP, "SY"
    ),
    NamedActor(("Free Syrian Army", "FSA"), "fsa", "Free Syrian Army", ActorKind.ARMED_GROUP, "SY"),
    NamedActor(
        ("[Aa]l-Qaeda", "[Aa]l-Qaida", "[Aa]l Qaeda"), "al_qaeda", "al-Qaeda", ActorKind.ARMED_GROUP
    ),
    NamedActor(("Boko Haram",), "boko_haram", "Boko Haram", ActorKind.ARMED_GROUP, "NG"),
    NamedActor(
        ("ISWAP",), "iswap", "Islamic State West Africa Province", ActorKind.ARMED_GROUP, "NG"
    ),
    NamedActor(
        ("JNIM",), "jnim", "Jama'at Nusrat al-Islam wal-Muslimin", ActorKind.ARMED_GROUP, "ML"
    ),
    NamedActor(("M23",), "m23", "March 23 Movement (M23)", ActorKind.ARMED_GROUP, "CD"),
    NamedActor(
        ("Rapid Support Forces", "RSF"), "rsf", "Rapid Support Forces", ActorKind.ARMED_GROUP, "SD"
    ),
    NamedActor(("Fano",), "fano", "Fano (Amhara militia)", ActorKind.ARMED_GROUP, "ET"),
    NamedActor(
        ("Oromo Liberation Army", "OLA"),
        "ola",
        "Oromo Liberation Army",
        ActorKind.ARMED_GROUP,
        "ET",
    ),
    NamedActor(
        ("Tigray People's Liberation Front", "TPLF", "Tigray Defen[cs]e Forces", "TDF"),
        "tplf",
        "Tigray People's Liberation Front",
        ActorKind.ARMED_GROUP,
        "ET",
    ),
    NamedActor(
        ("Allied Democratic Forces", "ADF"),
        "adf",
        "Allied Democratic Forces",
        ActorKind.ARMED_GROUP,
        "CD",
    ),
    NamedActor(("CODECO",), "codeco", "CODECO", ActorKind.ARMED_GROUP, "CD"),
    NamedActor(("Arakan Army",), "arakan_army", "Arakan Army", ActorKind.ARMED_GROUP, "MM"),
    NamedActor(
        ("People's Defen[cs]e Forces?",),
        "pdf_myanmar",
        "People's Defence Force (Myanmar)",
        ActorKind.ARMED_GROUP,
        "MM",
    ),
    NamedActor(
        ("Kachin Independence Army",),
        "kia",
        "Kachin Independence Army",
        ActorKind.ARMED_GROUP,
        "MM",
    ),
    NamedActor(("Janjaweed",), "janjaweed", "Janjaweed", ActorKind.ARMED_GROUP, "SD"),
    NamedActor(
        ("Lord's Resistance Army", "LRA"),
        "lra",
        "Lord's Resistance Army",
        ActorKind.ARMED_GROUP,
    ),
    NamedActor(("FARC",), "farc", "FARC dissidents", ActorKind.ARMED_GROUP, "CO"),
    NamedActor(
        ("National Liberation Army", "ELN"),
        "eln",
        "National Liberation Army (ELN)",
        ActorKind.ARMED_GROUP,
        "CO",
    ),
    # State forces known by their own name, not by "<country> forces".
    NamedActor(
        ("Israel Defen[cs]e Forces", "IDF"),
        "IL.military",
        "Israel military forces",
        ActorKind.STATE_FORCES,
        "IL",
    ),
    NamedActor(
        ("Ethiopian National Defen[cs]e Forces?", "ENDF"),
        "ET.military",
        "Ethiopia military forces",
        ActorKind.STATE_FORCES,
        "ET",
    ),
    NamedActor(("FARDC",), "CD.military", "DR Congo military forces", ActorKind.STATE_FORCES, "CD"),
    NamedActor(
        ("Tatmadaw",), "MM.military", "Myanmar military forces", ActorKind.STATE_FORCES, "MM"
    ),
    NamedActor(
        ("United Nations(?: Security Council)?", "UN Security Council", "U\\.N\\.", "UN"),
        "un",
        "United Nations",
        ActorKind.INTERNATIONAL_BODY,
    ),
    NamedActor(("UNHCR",), "unhcr", "UN Refugee Agency (UNHCR)", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("UNICEF",), "unicef", "UNICEF", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("NATO",), "nato", "NATO", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("European Union", "EU"), "eu", "European Union", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("OSCE",), "osce", "OSCE", ActorKind.INTERNATIONAL_BODY),
    NamedActor(
        ("International Committee of the Red Cross", "ICRC", "Red Cross", "Red Crescent"),
        "icrc",
        "International Committee of the Red Cross",
        ActorKind.INTERNATIONAL_BODY,
    ),
    NamedActor(
        ("World Health Organization", "WHO"),
        "who",
        "World Health Organization",
        ActorKind.INTERNATIONAL_BODY,
    ),
    NamedActor(
        ("IAEA",), "iaea", "International Atomic Energy Agency", ActorKind.INTERNATIONAL_BODY
    ),
    NamedActor(("OPCW",), "opcw", "OPCW", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("African Union",), "au", "African Union", ActorKind.INTERNATIONAL_BODY),
    NamedActor(("Arab League",), "arab_league", "Arab League", ActorKind.INTERNATIONAL_BODY),
)
