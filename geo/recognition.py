"""Recognition: find every span of a text that names a place, with offsets into the original.

The recogniser is a longest-match scan of capitalised token runs against the gazetteer's
name index, followed by rules that tell places from the people, organisations and common
words that share their names. Each rule is a small function; the scan calls them in order.

Kinds (see :class:`geo.mentions.MentionKind`): a toponym ("Syria", "Euphrates River"), a
demonym ("Syrian", "Russians"), or part of an organisation name ("Syrian Democratic Forces")
kept as an association, never a location.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from gazetteer.model import Candidate, FeatureClass, NameKind
from gazetteer.normalize import normalize
from geo.mentions import MentionKind

__all__ = [
    "Match",
    "NoPersonNames",
    "PersonNames",
    "Token",
    "recognize",
    "tokenize",
]

MAX_NAME_TOKENS = 7

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:['’`]\w+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_END = re.compile(r"(?:[.!?…:;]['\"”’)\]]*|[\n•*\"“‘(\[—–-])\s*$")
_JOINING_GAPS = frozenset({" ", "-", " - ", "- ", " -"})
_ABBREVIATED_PREFIXES = frozenset({"St", "Ste", "Ft", "Mt", "Pt"})
# A leading article is not part of a name's span: "the Hague" is indexed as "Hague".
_ARTICLES = frozenset({"The", "THE", "A", "An"})

# Lower-case words that may sit inside a multiword place name.
CONNECTORS = frozenset(
    """of the de del della da di du des la le las los al el ez az as ar an ad ash at ul bin ibn
    y e and upon on en sur am im der den von van""".split()
)
# Capitalised words that look like places in the gazetteer but are almost never places
# in news when they stand alone: months, weekdays, honorifics, pronouns and common words
# that start sentences.
NEVER_ALONE = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
    tomorrow mr mrs ms dr sir god lord he she we they it i you his her our their this that
    these those there here what when where why how who a an the and but or if as at by for
    from in into of on to with about after before during under over between against among
    despite although though while because since until unless so yet also just even still
    however meanwhile president minister police army navy government state city county court
    university hospital church school college university street road avenue north south east
    west central union liberty independence victory hope faith grace unity progress energy
    justice freedom commerce enterprise industry paradise eden opportunity friendship
    pleasant goodwill harmony concord fairview riverside lakeside mountain valley chief
    general major captain colonel sergeant officer governor mayor senator judge mobile
    reading bath nice split orange providence temple deal wells ware pool national
    international republican democrat democratic federal royal imperial st sen rep gov gen
    lt col sgt jan feb aug sept oct nov dec al center centre hall park river area academy
    chamber metro man act one no northeast northwest southeast southwest green christmas
    easter passover ramadan jesus christ village villages plan care most western eastern
    northern southern airport corporation vice king queen prince nut jack page post office
    home house white black brown gold silver summit bay beach lake hill mount port island
    islands creek spring springs field fields forest garden gardens market square station
    bridge tower towers castle harbor harbour point rock sun moon star rose lily ruby pearl
    crystal""".split()
)
# Words after a name that make it an illness, not a place: "Ebola virus", "West Nile fever".
_DISEASE_WORDS = re.compile(
    r"((?:[A-Z][\w'’-]+ )+)(?:virus|viruses|fever|disease|flu|influenza|syndrome|vaccine)\b"
)
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)
ORGANISATION_HEADS = frozenset(
    """forces force army navy ministry department council party committee front movement
    brigade brigades guard guards observatory agency bank company corporation corp inc ltd
    airlines airways university college school times post news herald tribune journal press
    television tv radio museum hospital church mosque institute foundation association union
    league federation society commission authority office embassy consulate parliament
    assembly congress senate police service services group club team fc airport railway
    railways gazette telegraph chronicle daily weekly observer monitor network broadcasting
    command corps regiment division battalion militia militias coalition alliance government
    administration cabinet court tribunal prosecutor prosecutors red crescent cross
    organization organisation center centre trust fund initiative program programme""".split()
)
# The heads that make "<Place> <Head>" an organisation even without other words between.
_PLAIN_ORG_HEADS = ORGANISATION_HEADS - frozenset({"army", "navy", "government", "police"})
SPEECH_VERBS = frozenset(
    """said says say told tells added adds noted notes stated states announced announces warned
    warns condemned condemns accused accuses denied denies urged urges demanded demands
    insisted insists argued argues asked asks wrote writes tweeted claimed claims replied
    responded rejected rejects vowed vows threatened threatens wants wanted believes
    believed called calls confirmed confirms criticised criticized""".split()
)
PERSON_VERBS = SPEECH_VERBS | frozenset(
    [
        "played",
        "explained",
        "recalled",
        "admitted",
        "acknowledged",
        "conceded",
        "stressed",
        "emphasized",
        "emphasised",
    ]
)


class PersonNames(Protocol):
    """Given names, surnames and titles (see gazetteer.sources.people)."""

    def given_rank(self, name: str) -> int | None: ...
    def surname_rank(self, name: str) -> int | None: ...
    def is_title(self, word: str) -> bool: ...


class NoPersonNames:
    """Fallback when no person lexicon is available: nothing is known to be a person."""

    def given_rank(self, name: str) -> int | None:
        return None

    def surname_rank(self, name: str) -> int | None:
        return None

    def is_title(self, word: str) -> bool:
        return False


class NameIndex(Protocol):
    """The part of :class:`gazetteer.Gazetteer` recognition needs."""

    def has_key(self, key: str) -> bool: ...
    def has_prefix(self, key: str) -> bool: ...
    def candidates_for_key(self, key: str) -> list[Candidate]: ...


class Token(NamedTuple):
    """A word of the text; a NamedTuple because a long article has hundreds of thousands."""

    start: int
    end: int
    text: str
    capitalised: bool

    @property
    def all_caps(self) -> bool:
        letters = [ch for ch in self.text if ch.isalpha()]
        return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@dataclass(slots=True)
class Match:
    """A recognised span and its gazetteer candidates, before resolution."""

    start: int
    end: int
    text: str
    key: str
    kind: MentionKind
    candidates: list[Candidate]
    first_token: int
    last_token: int
    government_actor: bool = False
    in_organisation: bool = False
    notes: list[str] = field(default_factory=list)


def tokenize(text: str) -> list[Token]:
    return [
        Token(m.start(), m.end(), word, word[:1].isupper())
        for m in _TOKEN.finditer(text)
        for word in (m.group(),)
    ]


def _strip_possessive(token: Token) -> Token:
    stripped = _POSSESSIVE.sub("", token.text)
    if stripped == token.text or not stripped:
        return token
    return Token(token.start, token.start + len(stripped), stripped, token.capitalised)


def _include_abbreviation_dot(text: str, match: Match) -> None:
    """Keep the full stop of an abbreviation ("Ga.", "W.Va.") inside its span."""
    if (
        match.end < len(text)
        and text[match.end] == "."
        and not match.text.replace(".", "").isupper()
        and any(c.name_kind == NameKind.ABBREVIATION for c in match.candidates)
    ):
        match.end += 1
        match.text = text[match.start : match.end]


def _joins(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end : right.start]
    if gap in _JOINING_GAPS:
        return True
    if gap == "." and len(left.text) <= 2 and left.text[:1].isupper():
        return True  # "W.Va", "N.S.W"
    return gap == ". " and left.text in _ABBREVIATED_PREFIXES


def _sentence_initial(text: str, token: Token) -> bool:
    before = text[max(0, token.start - 4) : token.start]
    return token.start == 0 or not before.strip() or bool(_SENTENCE_END.search(before))


@dataclass(slots=True)
class _Scan:
    text: str
    tokens: list[Token]
    index: NameIndex
    people: PersonNames
    blocked: set[int] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    lower_words: set[str] = field(default_factory=set)
    diseases: set[str] = field(default_factory=set)


def recognize(text: str, index: NameIndex, people: PersonNames | None = None) -> list[Match]:
    """Every place-like span of ``text``, longest match first, people and common words removed."""
    tokens = tokenize(text)
    scan = _Scan(text, tokens, index, people or NoPersonNames())
    scan.lower_words = {t.text for t in tokens if t.text[:1].islower()}
    scan.diseases = _disease_names(text)
    _block_people(scan)
    matches: list[Match] = []
    covered_until = -1
    for position, token in enumerate(tokens):
        if position <= covered_until or not token.capitalised:
            continue
        match = _longest_match(scan, position)
        if match is None:
            continue
        covered_until = match.last_token
        if _keep(scan, match):
            organisation = _classify(scan, match)
            matches.append(match)
            if organisation is not None:
                matches.append(organisation)
    return matches


def _disease_names(text: str) -> set[str]:
    """Keys of every name the text uses for an illness ("Ebola" in "Ebola virus")."""
    names: set[str] = set()
    for found in _DISEASE_WORDS.finditer(text):
        words = found.group(1).split()
        names.update(normalize(" ".join(words[i:])) for i in range(len(words)))
    return names


# -- people --------------------------------------------------------------------------------
def _capitalised_runs(scan: _Scan) -> Iterator[tuple[int, int]]:
    tokens, text = scan.tokens, scan.text
    i = 0
    while i < len(tokens):
        if not tokens[i].capitalised:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens)
            and tokens[j + 1].capitalised
            and text[tokens[j].end : tokens[j + 1].start] == " "
        ):
            j += 1
        yield i, j
        i = j + 1


def _is_title(scan: _Scan, token_index: int) -> bool:
    if token_index < 0:
        return False
    word = scan.tokens[token_index].text
    return scan.people.is_title(word)


def _block_people(scan: _Scan) -> None:
    """Mark tokens of personal names ("Joseph Dunford", "President Assad") as not places."""
    for first, last in _capitalised_runs(scan):
        start = first
        while start <= last and _is_title(scan, start):
            start += 1
        if start > last:
            continue
        titled = start > first or _is_title(scan, first - 1)
        run = scan.tokens[start : last + 1]
        if titled or (len(run) >= 2 and _looks_like_full_name(scan, run)):
            scan.blocked.update(range(start, last + 1))
            scan.surnames.add(normalize(_strip_possessive(run[-1]).text))


def _looks_like_full_name(scan: _Scan, run: Sequence[Token]) -> bool:
    if normalize(run[-1].text) in ORGANISATION_HEADS or len(run) > 4:
        return False
    given = scan.people.given_rank(run[0].text)
    if given is None or given > 2000:
        return False
    whole = normalize(scan.text[run[0].start : run[-1].end])
    if scan.index.has_key(whole):
        return False
    last = _strip_possessive(run[-1]).text
    if any(c.importance >= 6.0 for c in scan.index.candidates_for_key(normalize(last))):
        return scan.people.surname_rank(last) is not None
    return True


# -- matching ------------------------------------------------------------------------------
def _longest_match(scan: _Scan, first: int) -> Match | None:
    tokens, text, index = scan.tokens, scan.text, scan.index
    head = tokens[first]
    if not head.capitalised or first in scan.blocked or head.text in _ARTICLES:
        return None
    best: Match | None = None
    for last in range(first, min(first + MAX_NAME_TOKENS, len(tokens))):
        token = tokens[last]
        if last > first:
            if not _joins(text, tokens[last - 1], token) or last in scan.blocked:
                break
            if not token.capitalised and token.text.lower() not in CONNECTORS:
                break
        raw_key = normalize(text[head.start : token.end])
        if token.capitalised:
            ending = _strip_possessive(token)
            key = normalize(text[head.start : ending.end])
            if index.has_key(key):
                best = Match(
                    start=head.start,
                    end=ending.end,
                    text=text[head.start : ending.end],
                    key=key,
                    kind=MentionKind.TOPONYM,
                    candidates=[],
                    first_token=first,
                    last_token=last,
                )
        if not index.has_prefix(raw_key + " ") and not index.has_prefix(raw_key):
            break
    if best is not None:
        best.candidates = index.candidates_for_key(best.key)
        _include_abbreviation_dot(text, best)
    return best


def _name_kinds(match: Match) -> set[NameKind]:
    return {candidate.name_kind for candidate in match.candidates}


def _keep(scan: _Scan, match: Match) -> bool:
    """Rules that drop a span: abbreviations not in capitals, common words, people."""
    tokens = scan.tokens[match.first_token : match.last_token + 1]
    kinds = _name_kinds(match)
    if kinds == {NameKind.ABBREVIATION} and not all(t.all_caps or "." in t.text for t in tokens):
        return False
    if NameKind.ABBREVIATION in kinds and all(t.all_caps for t in tokens):
        match.candidates = [c for c in match.candidates if c.name_kind == NameKind.ABBREVIATION]
        return True
    if len(tokens) > 1:
        return True
    return _keep_single_word(scan, match, tokens[0])


def _embedded_in_name(scan: _Scan, match: Match) -> bool:
    """True when capitalised words the match does not cover sit right beside it."""
    tokens, text = scan.tokens, scan.text
    before, after = match.first_token - 1, match.last_token + 1
    if before >= 0:
        left = tokens[before]
        if (
            left.capitalised
            and text[left.end : tokens[match.first_token].start] == " "
            and not _sentence_initial(text, left)
            and not scan.people.is_title(left.text)
        ):
            return True
    if after < len(tokens):
        right = tokens[after]
        if right.capitalised and text[match.end : right.start] == " ":
            return True
    return False


def _keep_single_word(scan: _Scan, match: Match, token: Token) -> bool:
    word = match.key
    best = match.candidates[0] if match.candidates else None
    if best is None or len(word) < 2 or _CONTRACTION.search(token.text):
        return False
    if word in scan.diseases:
        match.notes.append("names an illness in this text")
        return False
    strong = (
        best.feature_class in (FeatureClass.COUNTRY, FeatureClass.CONTINENT)
        or best.importance >= 6.5
    )
    if (
        not strong
        and best.feature_class != FeatureClass.ADMIN1
        and best.importance < 6.0
        and _embedded_in_name(scan, match)
    ):
        return False
    if word in NEVER_ALONE and not strong:
        return False
    if word in scan.surnames:
        match.notes.append("surname of a person named in the text")
        return False
    if not strong and word in scan.lower_words:
        return False
    if (
        not strong
        and token.all_caps
        and len(token.text) <= 4
        and best.name_kind != NameKind.ABBREVIATION
    ):
        return False  # "NATO", "CNN", "ISIS": acronyms, not small towns
    if not strong and _followed_by_person_verb(scan, match):
        surname = scan.people.surname_rank(token.text)
        if surname is not None or best.importance < 5.0:
            return False
    if (
        not strong
        and _sentence_initial(scan.text, token)
        and scan.people.surname_rank(token.text) is None
    ):
        return best.importance >= 4.0
    surname = scan.people.surname_rank(token.text)
    if not strong and surname is not None and surname <= 3000 and best.importance < 5.0:
        return False
    return True


def _next_word(scan: _Scan, match: Match) -> str:
    following = match.last_token + 1
    if following >= len(scan.tokens):
        return ""
    token = scan.tokens[following]
    if scan.text[match.end : token.start].strip(" ,"):
        return ""
    return token.text.lower()


def _followed_by_person_verb(scan: _Scan, match: Match) -> bool:
    return _next_word(scan, match) in PERSON_VERBS


# -- kinds -----------------------------------------------------------------------------------
def _classify(scan: _Scan, match: Match) -> Match | None:
    """Set the match's kind; return the organisation it opens ("Texas Forest Service"), if any."""
    kinds = _name_kinds(match)
    if (kinds and kinds <= {NameKind.DEMONYM}) or (
        NameKind.DEMONYM in kinds and not kinds & {NameKind.NAME, NameKind.ABBREVIATION}
    ):
        match.kind = MentionKind.DEMONYM
    if match.kind == MentionKind.DEMONYM:
        match.candidates = [
            c for c in match.candidates if c.name_kind == NameKind.DEMONYM
        ] or match.candidates
    organisation_end = _organisation_end(scan, match)
    if organisation_end is not None:
        match.in_organisation = True
        return Match(
            start=match.start,
            end=organisation_end,
            text=scan.text[match.start : organisation_end],
            key=match.key,
            kind=MentionKind.ORGANISATION,
            candidates=match.candidates,
            first_token=match.first_token,
            last_token=match.last_token,
        )
    if match.kind == MentionKind.TOPONYM and _followed_by_speech(scan, match):
        best = match.candidates[0] if match.candidates else None
        if best is not None and (
            best.feature_class == FeatureClass.COUNTRY or best.importance >= 6.5
        ):
            match.government_actor = True
    return None


def _followed_by_speech(scan: _Scan, match: Match) -> bool:
    following = _next_word(scan, match)
    if following in ("has", "had", "have", "will", "would", "also", "has", "is", "was"):
        after = match.last_token + 2
        if after < len(scan.tokens):
            following = scan.tokens[after].text.lower()
    return following in SPEECH_VERBS


def _organisation_end(scan: _Scan, match: Match) -> int | None:
    """End offset of an organisation name the match starts ("Syrian Democratic Forces")."""
    tokens = scan.tokens
    end: int | None = None
    last = match.last_token
    for following in range(last + 1, min(last + 5, len(tokens))):
        token = tokens[following]
        if not token.capitalised or not _joins(scan.text, tokens[following - 1], token):
            break
        word = token.text.lower()
        if (word in ORGANISATION_HEADS and (following > last + 1 or word in _PLAIN_ORG_HEADS)) or (
            word in ORGANISATION_HEADS and match.kind == MentionKind.DEMONYM
        ):
            end = token.end
    return end
