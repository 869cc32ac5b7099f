"""Actors: who did something to whom, normalised to a small reviewed vocabulary.

An actor phrase is either a named entry of :data:`NAMED_ACTORS` ("the Pentagon", "Hezbollah",
"NATO"), or a country modifier followed by a force noun of :data:`FORCE_NOUNS` ("US
warplane", "Syrian regime forces", "Russia's defence ministry"), or a bare country name or a
capital used for its government ("Moscow said"). Country modifiers come from the places
stage's :class:`~geo.places.mentions.Mention` objects (demonyms and toponyms with ``country``); a
small table of common conflict countries (:data:`COUNTRIES`) covers text whose mentions were
not passed in. Subjects outside the vocabulary fall back to kind ``other`` with their
surface text as id.

The vocabulary is data: ``actors.toml`` beside this module holds the country table, the
branches of a country's actors with their force nouns, and the words around actor phrases
(qualifiers, "-backed" compounds, the verbs that tell a subject); ``geo/named_actors.toml``
the named actors. Both are read once, at import, and validated (:class:`ActorsFile`); the
code joins each list with ``|`` into its own grammar.

Roles come from word order around the event trigger: the subject before an active verb is
the initiator and its object the target; a passive verb swaps them ("was downed by Russian
jets"); a nominal trigger takes its initiator from a modifier ("Russian air strikes") or a
``by`` phrase and its target from ``on``/``against``/``of``.

>>> from geo.events.text import Sentence
>>> doc = "A US warplane shot down a Syrian jet."
>>> s = Sentence(start=0, end=len(doc), text=doc)
>>> [(a.id, a.role.value) for a in find_actors(doc, s, 14, 23) if a.role]
[('US.military', 'initiator'), ('SY.military', 'target')]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from geo.events.text import STANCE_BEFORE, CaseBlind, Sentence
from geo.named_actors import NAMED_ACTORS, ActorKind
from geo.places.mentions import Mention, MentionKind
from geo.prefilter import Prefilter, guarded
from geo.vocabulary import (
    Alternative,
    Alternatives,
    CaseBlindAlternatives,
    CountryCode,
    Vocabulary,
    alternation,
    distinct,
    load_vocabulary,
)

__all__ = [
    "COUNTRIES",
    "FORCE_NOUNS",
    "NAMED_ACTORS",
    "Actor",
    "ActorKind",
    "ActorRole",
    "ActorsFile",
    "BranchRow",
    "CountryModifier",
    "CountryRow",
    "SentenceActors",
    "actor_in_span",
    "find_actor_phrases",
    "find_actors",
    "is_passive",
    "sentence_actors",
    "subject_only_until",
]


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


# --- the vocabulary: actors.toml ---------------------------------------------------------

_AIRFRAME_SLOT = "<airframe>"  # the entry of a branch's force nouns standing for [airframe]
_BRANCHES_NAMED_IN_CODE = ("military", "government", "police", "civilians")

BranchSuffix = Annotated[str, StringConstraints(pattern=r"^[a-z]+(?:_[a-z]+)*$")]


class CountryRow(Vocabulary):
    """``[countries.<ISO2>]``: how text names a country (patterns matched as written), for
    text whose words no place mention covers."""

    name: str = Field(min_length=1, description="The country in actor names: 'Syria'.")
    names: Alternatives
    demonyms: Alternatives = Field(description="The first names its civilians.")
    capitals: Annotated[tuple[Alternative, ...], AfterValidator(distinct)] = Field(
        default=(), description="May be empty (or left out)."
    )


class BranchRow(Vocabulary):
    """``[branches.<suffix>]``: a branch of a country's actors and the nouns naming it."""

    suffix: str = Field(description="The table's key, which ends its actor ids: 'military'.")
    kind: ActorKind
    label: str = Field(min_length=1, description="In actor names: 'United States <label>'.")
    force_nouns: CaseBlindAlternatives


class AirframeWords(Vocabulary):
    """``[airframe]``: military aircraft designators ("F/A-18 Super Hornet")."""

    designators: CaseBlindAlternatives = Field(description="'F/A', 'Su', 'F'.")
    nicknames: CaseBlindAlternatives = Field(description="'Fencers?'.")


class ForcePhraseWords(Vocabulary):
    """``[force_phrases]``: words inside and around force phrases."""

    qualifiers: CaseBlindAlternatives
    domestic: CaseBlindAlternatives


class HyphenCompoundWords(Vocabulary):
    """``[hyphen_compounds]``: "US-backed forces", "the US-led coalition" (matched as
    written)."""

    backing: Alternatives
    backed_qualifiers: Alternatives
    after_name: Alternatives
    civil_bodies: Alternatives


class RoleWords(Vocabulary):
    """``[roles]``: verbs that tell which actor phrase is the subject of a trigger."""

    control_verbs: CaseBlindAlternatives
    speech_before_pronoun: CaseBlindAlternatives
    speech_cut: CaseBlindAlternatives
    inverted_speech: CaseBlindAlternatives
    nominal_hosts: CaseBlindAlternatives
    linked_to: CaseBlindAlternatives
    operated_by: CaseBlindAlternatives
    partitive_heads: CaseBlindAlternatives
    victim_verbs: CaseBlindAlternatives
    victim_participles: CaseBlindAlternatives


def _with_suffix(table: Any, suffix: object) -> Any:
    """A ``[branches.<suffix>]`` table with its key as the field ``suffix`` of its row."""
    if not isinstance(table, dict):
        return table  # refused by BranchRow
    if "suffix" in table:
        raise ValueError(f"{suffix}: a branch's suffix is its table's key, not a field")
    return {**table, "suffix": suffix}


class ActorsFile(Vocabulary):
    """``actors.toml``: countries, branches and their force nouns, and the words of roles."""

    countries: dict[CountryCode, CountryRow] = Field(min_length=1)
    branches: dict[BranchSuffix, BranchRow]
    airframe: AirframeWords
    force_phrases: ForcePhraseWords
    hyphen_compounds: HyphenCompoundWords
    roles: RoleWords

    @field_validator("branches", mode="before")
    @classmethod
    def _rows_carry_their_suffix(cls, tables: Any) -> Any:
        if not isinstance(tables, dict):
            return tables  # refused by the field's own type
        return {suffix: _with_suffix(table, suffix) for suffix, table in tables.items()}

    @model_validator(mode="after")
    def _cross_references_hold(self) -> ActorsFile:
        problems = [
            f"branches: {suffix!r} is missing (the code names it)"
            for suffix in _BRANCHES_NAMED_IN_CODE
            if suffix not in self.branches
        ]
        slots = sum(row.force_nouns.count(_AIRFRAME_SLOT) for row in self.branches.values())
        if slots != 1:
            problems.append(
                f"branches: {_AIRFRAME_SLOT!r} must be a force noun of one branch, once "
                f"(found {slots} times)"
            )
        owners: dict[str, set[str]] = {}
        for code, row in self.countries.items():
            for pattern in (*row.names, *row.demonyms, *row.capitals):
                owners.setdefault(pattern, set()).add(code)
        problems += [
            f"countries: {pattern!r} belongs to {', '.join(sorted(codes))}"
            for pattern, codes in owners.items()
            if len(codes) > 1
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return self


_VOCABULARY = load_vocabulary("geo.events", "actors.toml", ActorsFile)
_ROLE_WORDS = _VOCABULARY.roles

COUNTRIES: dict[str, CountryRow] = _VOCABULARY.countries

_BRANCHES = _VOCABULARY.branches
_MILITARY = _BRANCHES["military"]
_GOVERNMENT = _BRANCHES["government"]
_POLICE = _BRANCHES["police"]
_CIVILIANS = _BRANCHES["civilians"]


def _force_noun_patterns(vocabulary: ActorsFile) -> dict[str, str]:
    """The force-noun pattern of each branch of ``vocabulary``, in its order: the nouns
    joined with ``|``, the entry ``<airframe>`` replaced by the pattern of [airframe]."""
    words = vocabulary.airframe
    nicknames = alternation([" " + nickname for nickname in words.nicknames])
    airframe = alternation(words.designators) + rf"-\d+[A-Z]?{nicknames}?"
    return {
        suffix: "|".join(airframe if noun == _AIRFRAME_SLOT else noun for noun in row.force_nouns)
        for suffix, row in vocabulary.branches.items()
    }


FORCE_NOUNS: tuple[tuple[str, BranchRow], ...] = tuple(
    (pattern, _BRANCHES[suffix]) for suffix, pattern in _force_noun_patterns(_VOCABULARY).items()
)

_QUALIFIERS = rf"(?:{alternation(_VOCABULARY.force_phrases.qualifiers)}\s+)*"
_BACKED = re.compile(
    rf"\s?-{alternation(_VOCABULARY.hyphen_compounds.backing)}\s+"
    rf"(?:{alternation(_VOCABULARY.hyphen_compounds.backed_qualifiers)}\s+)?"
)
# A named group's compound before a body that is no armed force: "the SDF-affiliated local
# council" (up to three words between, none "military")
_CIVIL_BODY_AFTER = re.compile(
    rf"-{alternation(_VOCABULARY.hyphen_compounds.after_name)}\s+"
    rf"(?:(?!military\b)[\w'’-]+\s+){{0,3}}?"
    rf"{alternation(_VOCABULARY.hyphen_compounds.civil_bodies)}\b",
    re.IGNORECASE,
)
_DOMESTIC = re.compile(rf"\b{alternation(_VOCABULARY.force_phrases.domestic)}\b", re.IGNORECASE)
_COORDINATION = re.compile(r"\s*(?:,|and|or|&)\s*(?:and\s+)?")


def _alternation(patterns: Sequence[str]) -> str:
    """A named actor's patterns joined with ``|``, the longest first (see _country_index)."""
    return "|".join(sorted(patterns, key=len, reverse=True))


_NAMED_ALTERNATIVES = (
    alternation([f"(?P<n{i}>{_alternation(row.patterns)})" for i, row in enumerate(NAMED_ACTORS)])
    + rf"(?:(?![\w-])|(?=-{alternation(_VOCABULARY.hyphen_compounds.after_name)}\b))"
)
_NAMED_RE = re.compile(guarded(r"(?<![\w-])(?=[A-Za-z])", _NAMED_ALTERNATIVES))

_FORCE_PHRASE = (
    _QUALIFIERS
    + alternation([f"(?P<f{i}>{pattern})" for i, (pattern, _) in enumerate(FORCE_NOUNS)])
    + r"\b"
)
_FORCE = CaseBlind(rf"\b{_FORCE_PHRASE}")
# The same with a look-ahead of its openings, to scan sentences (the prefilter and its
# property test, which generates text from the pattern, keep the plain one).
_FORCE_SCAN = CaseBlind(guarded(r"\b", _FORCE_PHRASE, re.IGNORECASE))


def _country_index(countries: Mapping[str, CountryRow]) -> tuple[tuple[str, str, bool], ...]:
    """(pattern, ISO2, is_capital) for every name, demonym and capital of ``countries``, the
    longest pattern first: a match may end at a space or a hyphen, so a name tried before a
    longer one it begins ("United States", "Guinea") would take that one's start."""
    index = [
        (pattern, code, is_capital)
        for code, row in countries.items()
        for patterns, is_capital in (((*row.names, *row.demonyms), False), (row.capitals, True))
        for pattern in patterns
    ]
    return tuple(sorted(index, key=lambda entry: len(entry[0]), reverse=True))


def _country_alternatives(index: Sequence[tuple[str, str, bool]]) -> str:
    """The patterns of ``index`` as one alternation; group ``c<i>`` is entry ``i``."""
    groups = [f"(?P<c{i}>{pattern})" for i, (pattern, _, _) in enumerate(index)]
    return alternation(groups) + r"(?!\w)"


_COUNTRY_INDEX = _country_index(COUNTRIES)
_COUNTRY_ALTERNATIVES = _country_alternatives(_COUNTRY_INDEX)
_COUNTRY_RE = re.compile(guarded(r"(?<![\w-])(?=[A-Z])", _COUNTRY_ALTERNATIVES))
# Which of the big vocabularies can match a sentence at all (see geo.prefilter): the names
# by case, the force nouns in any case.
_VOCABULARIES = Prefilter([_NAMED_ALTERNATIVES, _COUNTRY_ALTERNATIVES], flags=0, shortest=2)
_FORCE_WORDS = Prefilter([_FORCE.pattern], shortest=2)
_COUNTRY_NAME_SET = frozenset(
    name
    for entry in COUNTRIES.values()
    for name in entry.names
    if re.fullmatch(r"[A-Za-z ]+", name)
)
_POSSESSIVE = re.compile(r"(?:'s|\u2019s)?\s*(?:-\s*)?$")


class CountryModifier(NamedTuple):
    """A country-bearing span of a sentence: a demonym, a country name or a capital."""

    start: int
    end: int
    country: str
    bare_actor: bool  # a country name or a capital used for its government
    is_capital: bool


def _country_modifiers(
    text: str, sentence: Sentence, mentions: Sequence[Mention], countries_possible: bool
) -> list[CountryModifier]:
    """Country-bearing spans in the sentence: mentions first, then the fallback table."""
    found: list[CountryModifier] = []
    for m in mentions:
        if m.country is None or m.kind is MentionKind.ORGANISATION:
            continue
        if m.start < sentence.start or m.end > sentence.end:
            continue
        capital = _is_capital(m) and _looks_like_subject(text, m.end)
        bare = (
            m.government_actor
            or capital
            or (
                m.kind is MentionKind.TOPONYM
                and (
                    m.feature_class == "country" or m.text.removeprefix("the ") in _COUNTRY_NAME_SET
                )
            )
        )
        found.append(
            CountryModifier(m.start, m.end, m.country, bare, m.government_actor or capital)
        )
    names = _COUNTRY_RE.finditer(text, sentence.start, sentence.end) if countries_possible else ()
    for match in names:
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
        found.append(
            CountryModifier(match.start(), match.end(), code, is_name or is_capital, is_capital)
        )
    found.sort()
    return found


_SUBJECT_VERB = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?"
    r"(?:(?:and|or)\s+(?:(?:its|their)\s+)?(?:[a-z]+\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?\s+)?"
    r"(?:has|have|had|is|was|will|would|could|said|says|did|does|\w+ed|\w+s)\b"
)


def _is_capital(mention: Mention) -> bool:
    entry = COUNTRIES.get(mention.country or "")
    return (
        entry is not None and mention.kind is MentionKind.TOPONYM and mention.text in entry.capitals
    )


def _looks_like_subject(text: str, end: int) -> bool:
    return _SUBJECT_VERB.match(text, end) is not None


def _country_actor(code: str, branch: BranchRow, start: int, end: int, text: str) -> Actor:
    entry = COUNTRIES.get(code)
    country_name = entry.name if entry else code
    if branch is _CIVILIANS:
        adjective = entry.demonyms[0] if entry else code
        name = f"{adjective} civilians"
    else:
        name = f"{country_name} {branch.label}"
    return Actor(
        id=f"{code}.{branch.suffix}",
        name=name,
        kind=branch.kind,
        country=code,
        start=start,
        end=end,
        text=text[start:end],
    )


class SentenceActors(NamedTuple):
    """Per-sentence actor analysis shared by every trigger of the sentence (computed once)."""

    phrases: list[Actor]
    modifiers: list[CountryModifier]


def sentence_actors(
    text: str, sentence: Sentence, mentions: Sequence[Mention] = (), until: int | None = None
) -> SentenceActors:
    """Actor phrases and country modifiers of ``sentence``, for :func:`find_actors`;
    with ``until``, only those ending by that offset (all a speaker's subject needs)."""
    scanned = sentence
    if until is not None and until < sentence.end:
        scanned = Sentence(start=sentence.start, end=until, text=text[sentence.start : until])
    named_possible, countries_possible = _VOCABULARIES.possible(scanned.text)
    modifiers = _country_modifiers(text, scanned, mentions, countries_possible)
    places = [(m.start, m.end) for m in mentions if m.kind == MentionKind.TOPONYM]
    phrases = [
        stanced
        for phrase in _phrases(text, scanned, modifiers, named_possible)
        if (stanced := _with_stance(text, phrase)) is not None
        and not _inside_a_place_name(phrase, places)
    ]
    home = _sentence_country(sentence, mentions)
    if home is not None:
        phrases = [_with_home_country(text, p, home) for p in phrases]
    return SentenceActors(phrases, modifiers)


def _inside_a_place_name(actor: Actor, places: Sequence[tuple[int, int]]) -> bool:
    """ "the town of Tayyibat al-Imam": a word of a longer place name is no actor."""
    return any(
        start <= actor.start and actor.end <= end and end - start > actor.end - actor.start
        for start, end in places
    )


# "anti-government protesters", "pro-Iranian militias": the stance is part of the phrase, so
# that it stands right after a verb's preposition ("opened fire on anti-government ...")
_NOUN_NEXT = re.compile(r" [a-z]")


def _with_stance(text: str, actor: Actor) -> Actor | None:
    """The phrase with its stance; none when the stance makes an adjective of it before
    another noun ("anti-government demonstrations": no government acts)."""
    found = STANCE_BEFORE.search(text, max(0, actor.start - 5), actor.start)
    if found is None:
        return actor
    if " " not in actor.text and _NOUN_NEXT.match(text, actor.end):
        return None
    start = found.start()
    return actor.model_copy(update={"start": start, "text": text[start : actor.end]})


def find_actor_phrases(
    text: str, sentence: Sentence, mentions: Sequence[Mention] = ()
) -> list[Actor]:
    """Every actor phrase of ``sentence`` (roles unset), in text order, non-overlapping."""
    return sentence_actors(text, sentence, mentions).phrases


def _sentence_country(sentence: Sentence, mentions: Sequence[Mention]) -> str | None:
    """The one country every place named in the sentence lies in, if there is one."""
    countries = {
        m.country
        for m in mentions
        if m.kind is MentionKind.TOPONYM
        and m.country
        and not m.government_actor
        and not m.in_organisation
        and sentence.start <= m.start
        and m.end <= sentence.end
    }
    return countries.pop() if len(countries) == 1 else None


def _with_home_country(text: str, actor: Actor, home: str) -> Actor:
    """'regime forces shelled Ankawi (Hama)': domestic forces of the place's country."""
    if not actor.id.startswith("unknown.") or not _DOMESTIC.search(actor.text):
        return actor
    branch = next(
        (b for b in (_GOVERNMENT, _POLICE, _MILITARY) if actor.id == f"unknown.{b.suffix}"), None
    )
    if branch is None:
        return actor
    return _country_actor(home, branch, actor.start, actor.end, text)


def _phrases(
    text: str, sentence: Sentence, modifiers: Sequence[CountryModifier], named_possible: bool
) -> list[Actor]:
    phrases: list[Actor] = []
    forces_possible = _FORCE_WORDS.possible(sentence.text)[0]
    named = _NAMED_RE.finditer(text, sentence.start, sentence.end) if named_possible else ()
    for match in named:
        group = match.lastgroup
        assert group is not None
        row = NAMED_ACTORS[int(group[1:])]
        body = _CIVIL_BODY_AFTER.match(text, match.end())
        if body is not None:
            # "a member of the SDF-affiliated local council": a civilian of the group's
            # administration, not its fighters
            phrases.append(_civilians(text, match.start(), body.end()))
            continue
        phrases.append(
            Actor(
                id=row.id,
                name=row.name,
                kind=row.kind,
                country=row.country,
                start=match.start(),
                end=match.end(),
                text=match.group(),
            )
        )
    used_modifiers: set[int] = set()
    # A scan of an empty range still costs microseconds: skip it when nothing can match.
    forces = (
        _FORCE_SCAN.finditer_in_document(text, sentence.start, sentence.end)
        if forces_possible
        else ()
    )
    for match in forces:
        if any(p.start < match.end() and match.start() < p.end for p in phrases):
            continue
        head = _named_head(text, phrases, match.start())
        if head is not None:  # "Hezbollah fighters" is Hezbollah
            update: dict[str, object] = {
                "end": match.end(),
                "text": text[phrases[head].start : match.end()],
            }
            kind = FORCE_NOUNS[int(str(match.lastgroup)[1:])][1].kind
            if kind in _CROWDS:  # "PMF supporters" are a crowd backing it, not its fighters
                update["kind"] = kind
                # ... and so are those of a group coordinated before: "Hezbollah and Amal
                # supporters"
                _crowd_coordinated_before(text, phrases, head, kind)
            phrases[head] = phrases[head].model_copy(update=update)
            continue
        actor = _force_actor(text, match, modifiers, used_modifiers)
        phrases.extend(_coordinated_modifiers(text, actor, match, modifiers, used_modifiers))
        phrases.append(actor)
    for index, mod in enumerate(modifiers):
        if index in used_modifiers or not mod.bare_actor:
            continue
        if any(p.start < mod.end and mod.start < p.end for p in phrases):
            continue
        if _PLACE_BEFORE.search(text, max(sentence.start, mod.start - 24), mod.start):
            continue  # "downed in Syria": where it happened, not who was hit
        phrases.append(_country_actor(mod.country, _GOVERNMENT, mod.start, mod.end, text))
    phrases.sort(key=lambda a: a.start)
    return phrases


# ACLED codes a group's supporters demonstrating or rioting as protesters or rioters, the
# group associated (Codebook 2023, "Actors": protesters, rioters): the crowd's noun decides
# the kind of a named group's phrase.
_CROWDS = frozenset({ActorKind.PROTESTERS, ActorKind.RIOTERS})

# "south Lebanon", "northern Syria": a direction before a country names part of it
_DIRECTION = r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)"
_PLACE_BEFORE = re.compile(
    r"\b(?:in|inside|into|across|over|near|throughout|within|at|outside)\s+(?:the\s+)?"
    rf"(?:{_DIRECTION}\s+)?$",
    re.IGNORECASE,
)


def _coordinated_modifiers(
    text: str,
    actor: Actor,
    match: re.Match[str],
    modifiers: Sequence[CountryModifier],
    used: set[int],
) -> list[Actor]:
    """'Armenian and Azerbaijani forces': the first country's forces too."""
    if actor.country is None or actor.id.endswith("-backed." + actor.id.split(".")[-1]):
        return []
    group = match.lastgroup
    assert group is not None
    branch = FORCE_NOUNS[int(group[1:])][1]
    extra: list[Actor] = []
    left = actor.start
    for index in range(len(modifiers) - 1, -1, -1):
        mod = modifiers[index]
        if mod.end > left or index in used:
            continue
        if not _COORDINATION.fullmatch(text, mod.end, left) or mod.end == left:
            break
        used.add(index)
        extra.insert(0, _country_actor(mod.country, branch, mod.start, mod.end, text))
        left = mod.start
    return extra


def _crowd_coordinated_before(
    text: str, phrases: list[Actor], head: int, kind: ActorKind
) -> None:
    """The named actors coordinated right before ``phrases[head]`` take the crowd's kind."""
    left = phrases[head].start
    for index in range(head - 1, -1, -1):
        other = phrases[index]
        if not _COORDINATION.fullmatch(text, other.end, left):
            return
        phrases[index] = other.model_copy(update={"kind": kind})
        left = other.start


def _named_head(text: str, phrases: Sequence[Actor], start: int) -> int | None:
    for index, phrase in enumerate(phrases):
        if phrase.end <= start and not text[phrase.end : start].strip():
            return index
    return None


def _force_actor(
    text: str, match: re.Match[str], modifiers: Sequence[CountryModifier], used: set[int]
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
            backer = COUNTRIES[mod.country].name if mod.country in COUNTRIES else mod.country
            return _backed_actor(text, mod, branch, match.end(), backer)
        return _country_actor(mod.country, branch, mod.start, match.end(), text)
    for index, mod in enumerate(modifiers):
        backed = _BACKED.match(text, mod.end)
        if backed is not None and backed.end() == match.start():
            used.add(index)
            return _backed_actor(text, mod, branch, match.end(), mod.country)
    of = _OF_COUNTRY.match(text, match.end())
    for index, mod in enumerate(modifiers if of is not None else ()):
        # "Military Forces of Syria" (ACLED's name for the Syrian army); "drones of the
        # US-led coalition" are the coalition's, not the US's
        if of is None or mod.start != of.end() or index in used:
            continue
        if _HYPHEN_AFTER.match(text, mod.end):
            continue
        used.add(index)
        return _country_actor(mod.country, branch, match.start(), mod.end, text)
    surface = text[match.start() : match.end()]
    return Actor(
        id=f"unknown.{branch.suffix}",
        name=surface,
        kind=branch.kind,
        start=match.start(),
        end=match.end(),
        text=surface,
    )


def _civilians(text: str, start: int, end: int) -> Actor:
    surface = text[start:end]
    return Actor(
        id="unknown.civilians",
        name=surface,
        kind=ActorKind.CIVILIANS,
        start=start,
        end=end,
        text=surface,
    )


_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?")
_HYPHEN_AFTER = re.compile(r"\s?-")


def _backed_actor(
    text: str, mod: CountryModifier, branch: BranchRow, end: int, backer: str
) -> Actor:
    """'US-backed forces': an armed group the modifier's country backs, named after ``backer``."""
    return Actor(
        id=f"{mod.country}-backed.{branch.suffix}",
        name=f"{backer}-backed {branch.label}",
        kind=ActorKind.ARMED_GROUP,
        start=mod.start,
        end=end,
        text=text[mod.start : end],
    )


# --- roles -------------------------------------------------------------------------------

# Cues anchored at the end of the text before a word are tried at every word start of it:
# a look-ahead of their openings (see geo.prefilter.guarded) turns most words away at once.
_PASSIVE_BEFORE = re.compile(
    guarded(
        r"\b",
        r"(?:was|were|is|are|been|being|be|get|got|gets|getting)\s+(?:\w+ly\s+)?$",
        re.IGNORECASE,
    ),
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"\s+(?:by|at\s+the\s+hands\s+of)\b")
_PREPOSITION_BEFORE = re.compile(
    guarded(
        r"\b",
        r"(?:of|to|in|by|with|from|near|against|on|at|between|for|into|over|toward|towards"
        r"|among|than|and|or|whom)\s+(?:(?:the|a|an|its|their|his|her)\s+)?"
        # a title's adjective: "remarks by former foreign minister Zebari"
        r"(?:(?:former|ex|then|late|deputy|acting|senior|top)\s+)?"
        # names before the actor's noun: "backed by Popular Committee fighters"
        r"(?:(?-i:[A-Z][\w'-]*)\s+){0,3}$",
        re.IGNORECASE,
    ),
    re.IGNORECASE,
)


def _in_prepositional_phrase(
    text: str, sentence: Sentence, phrases: Sequence[Actor], index: int
) -> bool:
    """Whether ``phrases[index]`` (of phrases in text order) is in a prepositional phrase
    ("backed by NDF militiamen"), itself or as a later member of a coordination that one
    opens ("supported by Turkish tanks, special forces and air strikes")."""
    actor = head = phrases[index]
    if _preposition_before(text, sentence, actor):
        return True
    for other in reversed(phrases[:index]):
        if not _COORDINATED_GAP.fullmatch(text, other.end, head.start):
            break
        head = other
    return head is not actor and _preposition_before(text, sentence, head)


def _preposition_before(text: str, sentence: Sentence, actor: Actor) -> bool:
    left = max(sentence.start, actor.start - 50)
    found = _PREPOSITION_BEFORE.search(text[left : actor.start])
    if found is None:
        return False
    # "thousands of PMF supporters", "members of the SDF": a part of the group, the subject
    at = left + found.start()
    return not (
        text[at : at + 2].lower() == "of"
        and _PARTITIVE_BEFORE.search(text, max(sentence.start, at - 20), at) is not None
    )


_PARTITIVE_BEFORE = re.compile(
    rf"\b{alternation(_ROLE_WORDS.partitive_heads)}\s+$", re.IGNORECASE
)

_LINKED_OWNER = re.compile(
    rf"\s+{alternation(_ROLE_WORDS.linked_to)}\s+(?:to|with)\s+(?:the\s+)?$"
    rf"|\s+{alternation(_ROLE_WORDS.operated_by)}\s+by\s+(?:the\s+)?$"
    # "a sniper from HTS", "fighters from the SDF"
    r"|\s+of\s+the\s+$|\s+from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PRONOUN = CaseBlind(
    r"\b(?:it|they|its|their|we)\b(?:\s+(?:own\s+)?(?:forces|troops|military|army))?"
    r"\s+(?:\w+\s+){0,3}$",
)
_SPEECH_CUT = CaseBlind(rf"\b{alternation(_ROLE_WORDS.speech_cut)}(?:\s+that)?\b")
_RIGHT_STOP = re.compile(
    r"[,;:]|\s(?:after|as|when|because|while|since|before|following|amid|but|and then)\s"
)
_TARGET_WORDS = r"on|against|at|with|targeting|of|near|toward|towards"
# the object's determiner and modifiers, up to its start
_OBJECT_OPENING = (
    r"(?:(?:the|a|an|two|three|several|some|its|their|his|her)\s+)?(?:\w+\s+){0,2}$"
)
_TARGET_PREP = re.compile(
    # the words skipped before the object are no locative preposition: "killed in Idlib"
    # (a hashtag may be one: "fire on #EndSARS protesters")
    r"(?:\s+(?!(?:in|inside|into|across|from|during|outside)\b)#?[\w-]+){0,2}?"
    rf"(?:\s+(?:{_TARGET_WORDS}))?\s+{_OBJECT_OPENING}",
    re.IGNORECASE,
)
# The other party of clashes follows a preposition ("clashes with X", "fighting among
# X"); an actor after a verb ("Clashes killed 22 people") is that verb's.
_RECIPROCAL_TARGET_PREP = re.compile(
    rf"\s+(?:{_TARGET_WORDS}|among|for)\s+{_OBJECT_OPENING}", re.IGNORECASE
)
_NOMINAL_HOST = re.compile(
    guarded(
        r"\b",
        alternation(_ROLE_WORDS.nominal_hosts) + r"\s+(?:\w+\s+){0,2}$",
        re.IGNORECASE,
    ),
    re.IGNORECASE,
)
# "clashes between X and Y", "clashes erupted between X and Y"
_BETWEEN = re.compile(
    r"(?:\s+(?:erupted|broke\s+out|took\s+place|occurred|raged|continued|resumed))?"
    r"\s+between\s+(?:the\s+)?",
    re.IGNORECASE,
)


def is_passive(text: str, trigger_start: int, trigger_end: int) -> bool:
    """Whether the verb at the trigger is passive ("was downed", "shelled by"), or takes its
    victim as subject ("three soldiers died", headline "Three soldiers killed in ambush")."""
    if _VICTIM_VERB.folding.fullmatch(text, trigger_start, trigger_end):
        return True
    before = text[max(0, trigger_start - 40) : trigger_start]
    if text[trigger_start:trigger_end].lower().endswith("ing") and not before.endswith("being "):
        return False  # "has been bombing" is progressive, not passive
    if _PASSIVE_BEFORE.search(before) or _BY_AFTER.match(text, trigger_end):
        return True
    return bool(
        _VICTIM_PARTICIPLE.folding.fullmatch(text, trigger_start, trigger_end)
        and _NO_OBJECT_AFTER.match(text, trigger_end)
    )


_VICTIM_VERB = CaseBlind(alternation(_ROLE_WORDS.victim_verbs))
_VICTIM_PARTICIPLE = CaseBlind(alternation(_ROLE_WORDS.victim_participles))
# What follows a participle that has no object: the end, a mark, or a preposition or time
# word ("killed in", "killed on Monday", "killed, wounded").
_NO_OBJECT_AFTER = re.compile(
    # "killed at least 35", "killed over 100": a count opens the object
    r"(?!\s*(?:at\s+(?:least|most)\b|over\s+\d|around\s+\d|up\s+to\b))"
    r"\s*(?:$|[,;:.!?()\u2013\u2014-]|(?:and|or)\s+(?:wounded|injured)(?:\s*$|\s*[,;:.]|\s+(?:in|at|near|on|by)\b)"
    r"|(?:in|at|near|on|by|during|after|as|when|while|following|amid|inside|outside|across"
    r"|along|since|over|overnight|yesterday|today|tonight|last|this|early|late|\w+day)\b)",
    re.IGNORECASE,
)


def subject_only_until(text: str, triggers: Sequence[tuple[int, int]]) -> int | None:
    """How far :func:`sentence_actors` must look for :func:`find_actors` of verbs that take
    only their subject (``with_target=False``, not nominal) at ``triggers`` (start, end):
    their last end, or None (the whole sentence) when an agent or a speaker may follow one
    of them ("was announced by the ministry", "..., said a military spokesman")."""
    for start, end in triggers:
        if _BY_AFTER.match(text, end) or _inverted_speech(text, start, end):
            return None
    return max(end for _, end in triggers)


_INVERTIBLE_SPEECH = re.compile(alternation(_ROLE_WORDS.inverted_speech), re.IGNORECASE)
_COMMA_OR_QUOTE_BEFORE = re.compile(r"[,\"'\u201d\u2019]\s*$")
_SPEAKER_GAP = re.compile(r"\s+(?:[a-z][\w'-]*\s+){0,3}")  # "said the top", "said a senior"
# After an appositive ("Vance, a guardsman, said the army didn't ...") the verb is followed
# by what was said, with a verb of its own, or by "that": no inverted speaker there.
_SPEECH_END = re.compile(r"[,;:!?]|\.(?:\s|$)")
_CLAUSE_AFTER_SPEECH = re.compile(
    r"\b(?:that|is|are|was|were|has|have|had|will|would|can|could|should|may|might|must|do"
    r"|does|did|been)\b|n['\u2019]t\b|(?<![\w-])[a-z]+ed\b"
)


def _inverted_speech(text: str, trigger_start: int, trigger_end: int) -> bool:
    return bool(
        _INVERTIBLE_SPEECH.fullmatch(text, trigger_start, trigger_end)
        and _COMMA_OR_QUOTE_BEFORE.search(text, max(0, trigger_start - 3), trigger_start)
    )


def _speaker_after(
    text: str, sentence: Sentence, trigger_start: int, trigger_end: int, phrases: Sequence[Actor]
) -> Actor | None:
    """The speaker of an inverted speech verb: the actor phrase right after it."""
    if not _inverted_speech(text, trigger_start, trigger_end):
        return None
    end = _SPEECH_END.search(text, trigger_end, sentence.end)
    if _CLAUSE_AFTER_SPEECH.search(text, trigger_end, end.start() if end else sentence.end):
        return None
    for actor in phrases:
        if actor.start >= trigger_end:
            if _SPEAKER_GAP.fullmatch(text, trigger_end, actor.start):
                return _with_owner(text, actor, phrases, sentence.end)
            return None
    return None


def find_actors(
    text: str,
    sentence: Sentence,
    trigger_start: int,
    trigger_end: int,
    mentions: Sequence[Mention] = (),
    *,
    nominal: bool = False,
    military: bool = True,
    violent: bool = False,
    with_target: bool = True,
    reciprocal: bool = False,
    context: SentenceActors | None = None,
) -> list[Actor]:
    """Initiators and target of the event whose trigger is ``text[trigger_start:trigger_end]``.

    ``nominal`` says the trigger is a noun ("air strikes", "talks"); ``military`` says a bare
    demonym before a nominal trigger is the country's forces ("Russian air strikes") rather
    than its government ("Russian sanctions"); ``violent`` says a bare country doing the
    event is its forces ("Turkey shelled"), not its government ("Turkey condemned");
    ``with_target=False`` is for events whose object is no target (speech, talks,
    deployments); ``reciprocal`` for a noun whose other party follows a preposition only
    ("clashes with X"; in "Clashes killed 22 people" the people are the verb's).
    ``context`` may pass the result of :func:`sentence_actors` to avoid recomputing it per
    trigger. Coordinated subjects ("Damascus and its ally Moscow condemned") give several
    initiators; there is at most one target, always last. An empty list when neither is
    found.
    """
    if context is None:
        context = sentence_actors(text, sentence, mentions)
    phrases = context.phrases
    if nominal:
        initiator, target = _nominal_roles(
            text, sentence, trigger_start, trigger_end, phrases, reciprocal
        )
        if initiator is None:
            initiator = _demonym_modifier(text, trigger_start, context.modifiers, military)
        if initiator is None:
            initiator = _phrase_at_trigger(phrases, trigger_start, trigger_end)
    elif is_passive(text, trigger_start, trigger_end):
        target = _subject(text, sentence, trigger_start, phrases) if with_target else None
        initiator = _by_agent(text, sentence, trigger_end, phrases)
    else:
        initiator = _speaker_after(
            text, sentence, trigger_start, trigger_end, phrases
        ) or _subject(text, sentence, trigger_start, phrases)
        target = _object(text, sentence, trigger_end, phrases) if with_target else None
    initiators: list[Actor] = []
    if initiator is not None:
        initiators = [
            *_coordinated_before(text, initiator, phrases),
            initiator,
            *_coordinated_after(text, initiator, phrases, trigger_start),
        ]
    if violent:
        initiators = [_as_forces(text, actor) for actor in initiators]
    result = [a.model_copy(update={"role": ActorRole.INITIATOR}) for a in initiators]
    if with_target and target is not None and all(target.start != a.start for a in result):
        result.append(target.model_copy(update={"role": ActorRole.TARGET}))
    return result


_COORDINATED_GAP = re.compile(
    r"\s*(?:,\s*|,?\s+(?:and|or|&)\s+)(?:(?:its|their|his|her)\s+(?:[a-z]+\s+){0,2}"
    r"(?:ally|allies|partners?|backers?|patrons?)\s+"
    # "GNA forces and local fighters": a word the next phrase leaves out
    r"|(?:local|allied|tribal|foreign|other)\s+)?"
)


def _coordinated_before(text: str, actor: Actor, phrases: Sequence[Actor]) -> list[Actor]:
    """'Damascus and its ally Moscow condemned': the actors coordinated before the subject."""
    before = [p for p in phrases if p.end <= actor.start]
    found: list[Actor] = []
    left = actor.start
    for other in reversed(before):
        if not _COORDINATED_GAP.fullmatch(text, other.end, left):
            break
        found.insert(0, other)
        left = other.start
    return found


def _coordinated_after(
    text: str, actor: Actor, phrases: Sequence[Actor], limit: int
) -> list[Actor]:
    """'Armenian and Azerbaijani forces exchanged fire': the actors coordinated after it."""
    found: list[Actor] = []
    right = actor.end
    for other in phrases:
        if other.start < right or other.end > limit:
            continue
        if not _COORDINATED_GAP.fullmatch(text, right, other.start):
            break
        found.append(other)
        right = other.end
    return found


def _as_forces(text: str, actor: Actor) -> Actor:
    """'Turkey shelled Afrin': a bare country (or capital) doing violence is its forces."""
    if actor.country is None or not actor.id.endswith(".government"):
        return actor
    if _FORCE.folding.search(actor.text) or _NAMED_RE.search(actor.text):
        return actor  # "the defence ministry", "the Kremlin" stay the government
    return _country_actor(actor.country, _MILITARY, actor.start, actor.end, text)


def _phrase_at_trigger(
    phrases: Sequence[Actor], trigger_start: int, trigger_end: int
) -> Actor | None:
    """'Protesters gathered in Tunis': a trigger naming people is its own initiator."""
    for actor in phrases:
        if actor.start <= trigger_start and trigger_end <= actor.end:
            return actor if actor.kind in _PEOPLE else None
    return None


_PEOPLE = frozenset({ActorKind.CIVILIANS, ActorKind.PROTESTERS, ActorKind.RIOTERS})


_MODIFIER_GAP = re.compile(r"(?:'s|\u2019s)?\s*(?:-led\s*)?")


def _demonym_modifier(
    text: str,
    trigger_start: int,
    modifiers: Sequence[CountryModifier],
    military: bool,
) -> Actor | None:
    """'Russian air strikes': a country word right before a nominal trigger is its agent."""
    for mod in modifiers:
        gap = text[mod.end : trigger_start]
        if mod.end <= trigger_start and _MODIFIER_GAP.fullmatch(gap):
            branch = _MILITARY if military else _GOVERNMENT
            return _country_actor(mod.country, branch, mod.start, mod.end, text)
    return None


def _with_owner(text: str, actor: Actor, phrases: Sequence[Actor], limit: int) -> Actor:
    """'an armed drone linked to Syrian regime forces' is the forces' drone."""
    if actor.country is not None or (
        actor.kind is not ActorKind.STATE_FORCES and (actor.kind is not ActorKind.OTHER)
    ):
        return actor
    previous_end = actor.end
    for other in phrases:
        if other.start >= previous_end and other.start <= limit:
            gap = text[previous_end : other.start]
            if _LINKED_OWNER.search(gap):
                return other.model_copy(
                    update={
                        "start": actor.start,
                        "text": text[actor.start : other.end],
                        "end": other.end,
                    }
                )
            if other.id.startswith("unknown.") and _COORDINATION.fullmatch(gap):
                previous_end = other.end  # "jets and drones of the coalition"
                continue
            break
    return actor


def actor_in_span(
    text: str, sentence: Sentence, start: int, end: int, context: SentenceActors
) -> Actor | None:
    """The first actor phrase starting in ``text[start:end]``, with its owner if named.

    Used for objects inside a trigger ("treat any US jet ... as a target").
    """
    for actor in context.phrases:
        if start <= actor.start < end:
            return _with_owner(text, actor, context.phrases, sentence.end)
    return None


def _subject(
    text: str, sentence: Sentence, trigger_start: int, phrases: Sequence[Actor]
) -> Actor | None:
    """The nearest actor before the trigger that is not inside a prepositional phrase."""
    left = text[sentence.start : trigger_start]
    control_possible, speaker_possible, pronoun_possible, speech_possible = (
        _SUBJECT_CUE_WORDS.possible(left)  # most lefts hold the words of few cues
    )
    control = _CONTROL_VERB.search(left) if control_possible else None
    if control is not None:
        # "the Houthis threatened to attack": the subject of "threatened" attacks.
        return _subject(text, sentence, sentence.start + control.start(), phrases)
    speaker = _speaker_of_pronoun(left) if speaker_possible else None
    if speaker is not None:
        # "Moscow says ... that, from Monday, it will track jets and treat them as targets".
        return _subject(text, sentence, sentence.start + speaker, phrases)
    pronoun = _PRONOUN.search(left) if pronoun_possible else None
    if pronoun is not None and not any(
        sentence.start + pronoun.start() < p.start and p.end <= trigger_start for p in phrases
    ):
        # "Russia said it would strike": the pronoun stands for the speaker.
        return _subject(text, sentence, sentence.start + pronoun.start(), phrases)
    cut = sentence.start
    for speech in _SPEECH_CUT.finditer(left) if speech_possible else ():
        if speech.end() < len(left) - 1:
            cut = sentence.start + speech.end()
    candidates = [p for p in phrases if cut <= p.start and p.end <= trigger_start]
    if candidates and _RELATIVE_CLAUSE.fullmatch(text, candidates[-1].end, trigger_start):
        # "fired on protesters who were storming and setting fire to the offices"
        return _with_owner(text, candidates[-1], phrases, trigger_start)
    if (
        candidates
        and _PARTICIPLE.match(text, trigger_start)
        and not text[candidates[-1].end : trigger_start].strip()
    ):
        # "fired on crowds protesting fuel prices": the noun a participle follows does it
        return _with_owner(text, candidates[-1], phrases, trigger_start)
    shares_subject = _shares_subject(text, left, trigger_start)
    for index in range(len(candidates) - 1, -1, -1):
        if _in_prepositional_phrase(text, sentence, candidates, index):
            continue
        if shares_subject and _OBJECT_OF_VERB.search(
            text, max(sentence.start, candidates[index].start - 40), candidates[index].start
        ):
            continue  # "forces pursued protesters ... and opened fire": not the protesters
        return _with_owner(text, candidates[index], phrases, trigger_start)
    if candidates:
        return _with_owner(text, candidates[0], phrases, trigger_start)
    return _fallback_subject(text, cut, trigger_start)


# A relative clause right after an actor, up to the trigger: the actor does it ("protesters
# who were storming and setting fire to", "gunmen who had opened fire").
_RELATIVE_CLAUSE = re.compile(
    r",?\s+(?:who|that)\s+(?:(?:were|was|are|is|had|have|has)\s+(?:been\s+)?)?(?:[a-z]+ly\s+)?"
    r"(?:[a-z]+(?:ing|ed)\s+(?:and|or)\s+)?"
)


# A verb coordinated with an earlier one ("... and opened fire") or a participle after a
# comma (", killing four soldiers") has the earlier verb's subject, never its object: an
# actor right after a verb is skipped.
_AND_BEFORE = re.compile(r"\band\s+(?:then\s+)?$", re.IGNORECASE)
_COMMA_BEFORE = re.compile(r",\s*$")
_PARTICIPLE = re.compile(r"[a-z]+ing\b", re.IGNORECASE)
_OBJECT_OF_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|struck|shot|hit|fought|took|overran|seized)\s+"
    r"(?:(?:the|a|an|its|their|his|her|some|several|at\s+least)\s+)?(?:[\w'-]+\s+){0,3}$"
)


def _shares_subject(text: str, left: str, trigger_start: int) -> bool:
    if _AND_BEFORE.search(left):
        return True
    return bool(_COMMA_BEFORE.search(left) and _PARTICIPLE.match(text, trigger_start))


_CONTROL_VERB = CaseBlind(rf"\b{alternation(_ROLE_WORDS.control_verbs)}\s+(?:[a-z]+ly\s+)?to\s+$")
_SPEECH_THEN_PRONOUN = CaseBlind(
    rf"\b{alternation(_ROLE_WORDS.speech_before_pronoun)}"
    r"(?:\s+(?:in|on|at)\s+(?:an?\s+|its\s+|their\s+)?[\w-]+(?:\s+[\w-]+)?)?"
    r"(?:\s+that)?\s*(?:,[^,]{0,50},\s*)?(?:it|they|we)\s",
)
_NEW_SUBJECT = re.compile(
    r"\b(?:that|which|who|whom|if|when|because|after|before|while|unless|whether)\b|[;\"]",
    re.IGNORECASE,
)


# The subject cues' words: a cue whose words are absent from the text before the trigger
# is not searched.
_SUBJECT_CUE_WORDS = Prefilter(
    [cue.pattern for cue in (_CONTROL_VERB, _SPEECH_THEN_PRONOUN, _PRONOUN, _SPEECH_CUT)],
    shortest=2,
)


def _speaker_of_pronoun(left: str) -> int | None:
    """Offset in ``left`` of the speech verb whose pronoun subject governs the trigger.

    "X said it would ... and treat them as targets": "it" (and any verb coordinated with
    its verb) refers back to the speaker, not to the nearest noun phrase.
    """
    last = None
    for match in _SPEECH_THEN_PRONOUN.finditer(left):
        last = match
    if last is None or _NEW_SUBJECT.search(left, last.end()):
        return None
    return last.start()


# A subject phrase opens the text before the trigger, or follows a comma-like mark or
# "that", and runs to its end.
_FALLBACK_PHRASE = (
    r"(?:(?:the|a|an|some|several|two|three|four|five|unidentified"
    r"|unknown)\s+)?(?P<np>[A-Za-z][\w\-']*(?:\s+[A-Za-z][\w\-']*){0,2}?)"
    r"(?:\s+(?:has|have|had|was|were|is|are|also|reportedly|allegedly|on \w+day|\w+ly))*\s*$"
)
_FALLBACK_NP = re.compile(r"(?:^|[,;:]\s*|\bthat\s+)" + _FALLBACK_PHRASE)
# Its search, past the start: the same marks without "^", every alternative opening with a
# literal ("t(?<!\wt)" is "\bt"), so the engine skips in C to the marks' characters instead
# of trying the whole pattern at every character.
_FALLBACK_AFTER_MARK = re.compile(r"(?:,\s*|;\s*|:\s*|t(?<!\wt)hat\s+)" + _FALLBACK_PHRASE)
_NOT_A_SUBJECT = re.compile(
    r"^(?:it|they|he|she|we|i|you|this|that|there|who|which|what|and|but|or|on|in|at|after"
    r"|before|when|as|if|the|a|an|was|were|is|are|has|have|had|been|be)\b",
    re.IGNORECASE,
)


def _fallback_subject(text: str, cut: int, trigger_start: int) -> Actor | None:
    """Unknown subjects ("Gunmen killed ...") become kind ``other`` with their words as id."""
    left = text[cut:trigger_start]
    # _FALLBACK_NP.search(left): tried at the start, then where a mark begins
    match = _FALLBACK_NP.match(left) or _FALLBACK_AFTER_MARK.search(left, 1)
    if match is None:
        return None
    words = match.group("np")
    if _NOT_A_SUBJECT.match(words) or (words.lower() == words and not words.endswith("s")):
        return None
    start = cut + match.start("np")
    return Actor(
        id=words.lower(),
        name=words,
        kind=ActorKind.OTHER,
        start=start,
        end=start + len(words),
        text=words,
    )


def _object(
    text: str,
    sentence: Sentence,
    trigger_end: int,
    phrases: Sequence[Actor],
    gap_pattern: re.Pattern[str] = _TARGET_PREP,
) -> Actor | None:
    """The first actor after the trigger, before the clause's next comma or subordinator."""
    after = [actor for actor in phrases if actor.start >= trigger_end]
    if not after:
        return None  # the clause's end is not looked for
    stop = _RIGHT_STOP.search(text, trigger_end, sentence.end)
    limit = stop.start() if stop else sentence.end
    for actor in after:
        if actor.start < limit:
            gap = text[trigger_end : actor.start]
            if _BY_BEFORE.search(gap) or not gap_pattern.fullmatch(gap):
                return None
            return _with_owner(text, actor, phrases, sentence.end)
    return None


_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")


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


_MODIFIER_WORD_GAP = re.compile(r"(?:'s|\u2019s)?\s*(?:[\w-]+\s+){0,1}")  # no look-around


def _nominal_roles(
    text: str,
    sentence: Sentence,
    trigger_start: int,
    trigger_end: int,
    phrases: Sequence[Actor],
    reciprocal: bool = False,
) -> tuple[Actor | None, Actor | None]:
    between = _BETWEEN.match(text, trigger_end)
    if between is not None:
        pair = [p for p in phrases if p.start >= between.end()][:2]
        first = pair[0] if pair else None
        second = pair[1] if len(pair) > 1 else None
        return first, second
    initiator: Actor | None = None
    for actor in phrases:
        if actor.end <= trigger_start and _MODIFIER_WORD_GAP.fullmatch(
            text, actor.end, trigger_start
        ):
            initiator = actor
    if initiator is None:
        initiator = _by_agent(text, sentence, trigger_end, phrases)
    if initiator is None:
        left = text[sentence.start : trigger_start]
        host = _NOMINAL_HOST.search(left)
        if host is not None:
            initiator = _subject(text, sentence, sentence.start + host.start(), phrases)
    gap = _RECIPROCAL_TARGET_PREP if reciprocal else _TARGET_PREP
    target = _object(text, sentence, trigger_end, phrases, gap)
    return initiator, target
