"""Event triggers: words that report an event, its type, and whether it really happened.

A trigger lexicon (:data:`RULES`, regexes with inflections, compiled at import) finds
candidate triggers in one sentence. Overlapping candidates keep the longest, then the more
specific type (``shoot_down`` over ``attack``), so each trigger yields one event.

The lexicon and the words of the cues below are data: ``triggers.toml`` beside this module,
read once at import and validated by :class:`TriggersFile`; the code keeps only how the
words combine (each cue's regex frame).

Modality comes from a few words before the trigger, inside its clause:

* ``negated``: "did not strike", "no airstrikes", "never attacked", "denied that ... shelled";
* ``reported``: an allegation, not an assertion: "accused Russia of shelling", "alleged";
* ``hypothetical``: future, modal, conditional or planned: "would target", "will strike",
  "threatened to bomb", "plans to", "if", "any attack", "potential target";
* ``asserted``: everything else, including past events in "after"/"in response to" clauses.

Two sentence-level rules follow. A speech verb governing a hypothetical violent event
("Russia said it would strike ...") is itself a ``threat`` (asserted: the warning happened)
while the strike stays hypothetical. ``statement`` ("said", "announced") is the lowest
priority type: it is kept only when nothing else fires in the sentence, because almost every
wire sentence carries an attribution ("..., the Pentagon said").

:func:`object_kind` tells what a shoot-down or an interception was of ("drone").

>>> from geo.events.text import Sentence
>>> doc = "Russia said it would strike any US jet."
>>> s = Sentence(start=0, end=len(doc), text=doc)
>>> [(e.event_type.value, e.trigger_text, e.modality.value) for e in find_event_mentions(doc, s)]
[('threat', 'said', 'asserted'), ('attack', 'strike', 'hypothetical')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator

from geo.events.actors import (
    Actor,
    ActorKind,
    ActorRole,
    SentenceActors,
    actor_in_span,
    find_actors,
    sentence_actors,
    subject_only_until,
)
from geo.events.taxonomy import ACLED_CODED, MEANS, TAXONOMY, AcledCode, EventType, acled_code
from geo.events.text import CaseBlind, Sentence, lower_case, split_clauses
from geo.places.mentions import Mention
from geo.prefilter import Prefilter, literal_openings
from geo.vocabulary import (
    Alternatives,
    CaseBlindAlternatives,
    Vocabulary,
    alternation,
    load_vocabulary,
)

__all__ = [
    "RULES",
    "EventMention",
    "Modality",
    "TriggerRule",
    "TriggersFile",
    "find_event_mentions",
    "object_kind",
]


class Modality(StrEnum):
    ASSERTED = "asserted"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    REPORTED = "reported"


class EventMention(BaseModel):
    """One event trigger of the document; ``trigger_text == document[start:end]``."""

    model_config = ConfigDict(frozen=True)

    event_type: EventType
    trigger_start: int = Field(ge=0)
    trigger_end: int = Field(ge=0)
    trigger_text: str
    sentence: Sentence
    modality: Modality
    actors: list[Actor] = Field(default_factory=list)
    cue: str = Field(description="Which rule fired, e.g. 'lexicon:shoot_down+negation'.")
    means: str | None = Field(default=None, description="What the trigger says of the means.")
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None


class TriggerRule(NamedTuple):
    """A lexicon row: a case-insensitive regex for one event type."""

    event_type: EventType
    pattern: str
    nominal: bool  # the trigger is a noun ("air strikes") rather than a verb ("bombed")
    means: str | None = None  # a [means] of taxonomy.toml: "suicide_bomb", "grenade"


# --- the lexicon, read from triggers.toml -------------------------------------------------


class TriggerRow(Vocabulary):
    """One ``[[rule]]`` of ``triggers.toml``: the forms of one trigger of ``event_type``."""

    event_type: EventType
    nominal: bool
    means: str | None = None
    alternatives: CaseBlindAlternatives

    @field_validator("means")
    @classmethod
    def _means_is_known(cls, means: str | None) -> str | None:
        if means is not None and means not in MEANS:
            raise ValueError(f"unknown means {means!r} (taxonomy.toml [means]: {sorted(MEANS)})")
        return means


class ModalityCues(Vocabulary):
    """``[modality_cues]``: the words of each cue; how each sits before the trigger (its
    regex frame) is the code's, in the ``_NEGATION`` ... ``_REAL_INFINITIVE`` regexes."""

    negation: CaseBlindAlternatives
    denial: CaseBlindAlternatives
    failure: CaseBlindAlternatives
    accusation_verbs: CaseBlindAlternatives
    allegation_qualifiers: CaseBlindAlternatives
    allegation_nouns: CaseBlindAlternatives
    modal: CaseBlindAlternatives
    prevention_verbs: CaseBlindAlternatives
    prevention_modifiers: CaseBlindAlternatives
    continuing_verbs: CaseBlindAlternatives
    causative_verbs: CaseBlindAlternatives
    assembly_verbs: CaseBlindAlternatives


class SpeechVerbs(Vocabulary):
    """``[speech]``: verbs that report speech ("said", "warned")."""

    verbs: Alternatives


class NotAThreat(Vocabulary):
    """``[not_a_threat]``: words showing a "threaten"/"threat" trigger is no agent's threat."""

    figurative_complements: Alternatives
    thing_subjects: Alternatives
    assessment_verbs: Alternatives
    assessment_modifiers: Alternatives


class WeaponSubject(Vocabulary):
    """One ``[[weapon_subject]]``: weapons whose attack is an event of ``event_type``, and
    the ``means`` of any violent event they do."""

    event_type: EventType
    means: str
    words: CaseBlindAlternatives

    @field_validator("means")
    @classmethod
    def _means_is_known(cls, means: str) -> str:
        if means not in MEANS:
            raise ValueError(f"unknown means {means!r} (taxonomy.toml [means]: {sorted(MEANS)})")
        return means


class WeaponModifiers(Vocabulary):
    """``[weapon_modifiers]``: participles that open a phrase between a weapon and its verb
    ("drones laden with explosives struck"), and the adverbs before them."""

    participles: CaseBlindAlternatives
    adverbs: CaseBlindAlternatives


class Captives(Vocabulary):
    """``[captives]``: words before the people an event targets that make them captives."""

    words: CaseBlindAlternatives


class FormerCombatants(Vocabulary):
    """``[former_combatants]``: "a former FSA commander", a target who is no combatant."""

    before: CaseBlindAlternatives
    nouns: CaseBlindAlternatives


class Crowds(Vocabulary):
    """``[crowds]``: the nouns of civilians who act as a crowd, whose violence is a riot, and
    the crude weapons such a crowd may be armed with."""

    words: CaseBlindAlternatives
    weapons: CaseBlindAlternatives


class Negotiated(Vocabulary):
    """``[negotiated]``: what a capture is done "under", and the evacuations beside it, that
    make it a transfer."""

    words: CaseBlindAlternatives
    evacuations: CaseBlindAlternatives


class VictimNouns(Vocabulary):
    """``[victims]``: death nouns whose modifier names the victims ("civilian deaths")."""

    nouns: Alternatives
    appositives: CaseBlindAlternatives


class TriggersFile(Vocabulary):
    """``triggers.toml``: the trigger rules and the words around triggers."""

    rule: tuple[TriggerRow, ...] = Field(min_length=1)
    victims: VictimNouns
    modality_cues: ModalityCues
    speech: SpeechVerbs
    not_a_threat: NotAThreat
    weapon_subject: tuple[WeaponSubject, ...]
    weapon_modifiers: WeaponModifiers
    captives: Captives
    former_combatants: FormerCombatants
    crowds: Crowds
    negotiated: Negotiated
    object_kinds: dict[str, Alternatives]

    def as_trigger_rules(self) -> tuple[TriggerRule, ...]:
        """The rules, in the file's order, each pattern its alternatives joined with "|"."""
        return tuple(
            TriggerRule(row.event_type, "|".join(row.alternatives), row.nominal, row.means)
            for row in self.rule
        )


_VOCABULARY = load_vocabulary("geo.events", "triggers.toml", TriggersFile)

RULES: tuple[TriggerRule, ...] = _VOCABULARY.as_trigger_rules()

_TYPE_RANK = {event_type: rank for rank, event_type in enumerate(EventType)}
_COMPILED = tuple((rule, CaseBlind(rf"(?<![\w-])(?:{rule.pattern})(?![\w-])")) for rule in RULES)


# A one-pass word finder tells which rules can match a sentence; the rest never run.
_PREFILTER = Prefilter([rule.pattern for rule in RULES])


# --- where a rule can match ----------------------------------------------------------------
# A trigger regex opens with a look-behind, so ``re`` would try it at every character of the
# sentence. Instead its openings, literal strings one of which every match starts with (read
# from the pattern's parse tree), are looked up in the sentence and the regex is tried only
# where one occurs: most sentences hold none, or one or two, of a rule's openings.
# Openings of each rule's lower-case twin, which runs over lower-cased text.
_LOWERED = tuple(regex.lowered for _, regex in _COMPILED)
_OPENINGS = tuple(literal_openings(regex.pattern) for regex in _LOWERED)


def _rule_matches(candidate: int, text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of one rule in ``text[start:end]``: those of ``finditer``, found by
    trying the rule's regex only where one of its openings occurs."""
    lowered = lower_case(text)
    if lowered is None:
        return list(_COMPILED[candidate][1].finditer_in_document(text, start, end))
    return _matches_at_openings(candidate, lowered, start, end, lowered[start:end])


def _matches_at_openings(
    candidate: int, lowered: str, start: int, end: int, segment: str
) -> list[re.Match[str]]:
    """:func:`_rule_matches` over the lower-cased text, ``segment`` being
    ``lowered[start:end]`` (cut once for all the rules tried on a sentence)."""
    regex, openings = _LOWERED[candidate], _OPENINGS[candidate]
    if openings is None:
        return list(regex.finditer(lowered, start, end))
    found: list[re.Match[str]] = []
    position = start  # matches do not overlap: the next starts where the last ended
    for at in _occurrences(segment, openings):
        if start + at >= position and (match := regex.match(lowered, start + at, end)):
            found.append(match)
            position = match.end()
    return found


def _occurrences(segment: str, words: Sequence[str]) -> list[int]:
    """Where each of ``words`` occurs in ``segment``, in order."""
    found: list[int] = []
    for word in words:
        if word not in segment:
            continue  # most are not there: the operator is quicker than the method
        at = segment.find(word)
        while at >= 0:
            found.append(at)
            at = segment.find(word, at + 1)
    found.sort()
    return found


# --- modality cues (all read in the clause, left of the trigger) ---------------------------
_W = r"(?:[\w'-]+\s+)"  # one word and its trailing space
_CUE_LISTS = _VOCABULARY.modality_cues
_NEGATION = CaseBlind(
    rf"\b{alternation(_CUE_LISTS.negation)}\s+{_W}{{0,3}}$"
    rf"|n't\s+{_W}{{0,2}}$",
)
_DENIAL = CaseBlind(
    rf"\b{alternation(_CUE_LISTS.denial)}\b(?:\s+{_W}{{0,3}}?(?:that|of|any|having))?"
    rf"\s+{_W}{{0,6}}$",
)
_FAILED = CaseBlind(rf"\b{alternation(_CUE_LISTS.failure)}\s+to\s+$")
_ALLEGATION = CaseBlind(
    rf"\b{alternation(_CUE_LISTS.accusation_verbs)}\s+{_W}{{0,6}}?(?:of|for)\s+{_W}{{0,3}}$"
    rf"|\b{alternation(_CUE_LISTS.allegation_qualifiers)}\s+{_W}?$"
    rf"|\b{alternation(_CUE_LISTS.allegation_nouns)}\s+{_W}{{0,5}}$",
)
_MODAL = CaseBlind(rf"\b{alternation(_CUE_LISTS.modal)}\s+{_W}{{0,4}}$")
_INFINITIVE = CaseBlind(r"\bto\s+$")
_REAL_INFINITIVE = CaseBlind(
    rf"\b{alternation(_CUE_LISTS.continuing_verbs)}\s+to\s+$"
    rf"|\b{alternation(_CUE_LISTS.causative_verbs)}\s+{_W}{{1,5}}?to\s+$",
)
_SPEECH_VERB = re.compile(rf"\b{alternation(_VOCABULARY.speech.verbs)}\b", re.IGNORECASE)
_TARGETING_THREAT = re.compile(r"(?:treat|consider|regard|view|see|will|would)", re.IGNORECASE)
# An event one acts to prevent is referred to, not reported (a verb, not the end of a
# compound adjective: "an open-ended curfew" is declared).
_PREVENTION = CaseBlind(
    rf"(?<![\w-]){alternation(_CUE_LISTS.prevention_verbs)}(?:s|ed|ing|ped|ping)?\s+"
    rf"(?:{alternation(_CUE_LISTS.prevention_modifiers)}\s+){{0,3}}{_W}?$",
)
_LEFT_WINDOW = 80
# Every cue above matches words, apostrophes, hyphens and spaces only ("n't", "de-escalate"):
# a match lies after the window's last other character (a comma, a quote, a bracket), so only
# the tail after it is searched. This matches up to that character.
_BEFORE_WORDS = re.compile(r".*[^\w'\s-]", re.DOTALL)


def trigger_rules(text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """For each sentence span of ``text`` (:func:`geo.events.text.sentence_spans`), the trigger
    rules that can match it (one pass over the text); give each to
    :func:`find_event_mentions`. Most sentences have none."""
    return _PREFILTER.candidates_per_span(text, spans)


def find_event_mentions(
    text: str,
    sentence: Sentence,
    mentions: Sequence[Mention] = (),
    rules: Sequence[int] | None = None,
) -> list[EventMention]:
    """Event mentions of one sentence of ``text``, in text order.

    ``mentions`` are the places stage's mentions of the document (any outside the sentence
    are ignored); they let actors be normalised to countries. ``rules`` are the sentence's
    entry of :func:`trigger_rules` (found here when not given). An empty sentence gives [].
    """
    if rules is None:
        rules = _PREFILTER.candidates(sentence.text)
    candidates = [
        (_by_weapon(text, sentence, rule, start), start, end)
        for rule, start, end in _select_triggers(_candidate_triggers(text, sentence, rules))
        if not _is_adjectival_participle(text, rule, start, end)
        and not (rule.event_type is EventType.THREAT and _not_a_threat(text, sentence, start, end))
    ]
    if not candidates:
        return []
    clauses = split_clauses(sentence)
    context = sentence_actors(text, sentence, mentions, _actors_needed_until(text, candidates))
    # Statements are dropped (below) from a sentence that reports another event: no actors.
    other_events = any(rule.event_type is not EventType.STATEMENT for rule, _, _ in candidates)
    events: list[EventMention] = []
    for rule, start, end in candidates:
        clause_start = _clause_start(clauses, start)
        modality, cue = _modality(text, clause_start, start)
        if cue == "infinitive" and rule.event_type is EventType.PROTEST:
            modality, cue = _purpose_of_gathering(text, clause_start, start, modality, cue)
        if rule.event_type is EventType.THREAT and _TARGETING_THREAT.match(text, start):
            # "would treat any US jet ... as a target": the conditional is the threat's form.
            modality, cue = Modality.ASSERTED, "conditional_targeting"
        actors = (
            []
            if other_events and rule.event_type is EventType.STATEMENT
            else _event_actors(text, sentence, rule, start, end, context)
        )
        means = rule.means
        if means is None and actors and TAXONOMY[rule.event_type].violent:
            means = _weapon_means(actors)
        if means is None and rule.event_type is EventType.TERRITORY_CAPTURE:
            means = _negotiated(text, _clause_of(clauses, start))
        events.append(
            EventMention(
                event_type=rule.event_type,
                trigger_start=start,
                trigger_end=end,
                trigger_text=text[start:end],
                sentence=sentence,
                modality=modality,
                actors=actors,
                cue=f"lexicon:{rule.event_type.value}" + (f"+{cue}" if cue else ""),
                means=means,
                **_acled_fields(_own_acled(text, rule.event_type, means, actors, start)),
            )
        )
    if len(events) > 1:  # most sentences report one event: nothing passes between events
        events = _inherit_initiator_from_subject_event(text, clauses, events)
    if any(e.modality is Modality.HYPOTHETICAL for e in events):
        events = _speech_about_hypothetical_attack_is_threat(text, sentence, events, context)
    if any(e.event_type is EventType.THREAT for e in events):
        events = [_threat_target(text, sentence, e, events, context) for e in events]
    if len(events) > 1:
        events = _acled_coded(text, clauses, _drop_statements_when_other_events(events))
    return events


def _actors_needed_until(
    text: str, candidates: Sequence[tuple[TriggerRule, int, int]]
) -> int | None:
    """Where the actor phrases the sentence's events can take end (None: anywhere).

    Verbs with no target ("said", "met", "deployed") take only their subject, before the
    verb: a sentence with no other trigger ("X said ...", six in ten of those with events)
    needs no actor phrase after its last one.
    """
    if all(rule.event_type in _SUBJECT_ONLY and not rule.nominal for rule, _, _ in candidates):
        return subject_only_until(text, [(start, end) for _, start, end in candidates])
    return None


_MILITARY_POSTURE = frozenset(
    {
        EventType.INTERCEPTION,
        EventType.CONFRONTATION,
        EventType.MILITARY_EXERCISE,
        EventType.DEPLOYMENT,
        EventType.WITHDRAWAL,
    }
)
# Events whose grammatical object is no target: what is said, who else talks or signs, the
# troops deployed or withdrawn, the place people fled.
_NO_TARGET = frozenset(
    {
        EventType.STATEMENT,
        EventType.TALKS,
        EventType.AGREEMENT,
        EventType.DEPLOYMENT,
        EventType.WITHDRAWAL,
        EventType.GROUP_CHANGE,
        EventType.MILITARY_EXERCISE,
        EventType.DISPLACEMENT,
        EventType.ELECTION,
        EventType.TERRITORY_CAPTURE,
    }
)
_SUBJECT_ONLY = _NO_TARGET - {EventType.TERRITORY_CAPTURE}  # "handed over X to Y": Y
_TRANSFER = re.compile(r"(?:handed|hands|handing)\s+over|ceded|cedes", re.IGNORECASE)
_RECIPIENT = re.compile(r"[^,;.]{0,80}?\bto\s+(?:the\s+)?", re.IGNORECASE)
_FELL_TO = re.compile(r"fell\s+to", re.IGNORECASE)
_THE = re.compile(r"\s+(?:the\s+)?", re.IGNORECASE)


def _event_actors(
    text: str,
    sentence: Sentence,
    rule: TriggerRule,
    start: int,
    end: int,
    context: SentenceActors,
) -> list[Actor]:
    info = TAXONOMY[rule.event_type]
    if rule.event_type is EventType.TERRITORY_CAPTURE:
        if _TRANSFER.fullmatch(text, start, end):
            return _transfer_recipient(text, sentence, end, context)
        if _FELL_TO.fullmatch(text, start, end):
            return _captor(text, sentence, end, context)
    actors = find_actors(
        text,
        sentence,
        start,
        end,
        nominal=rule.nominal,
        military=info.violent or rule.event_type in _MILITARY_POSTURE,
        violent=info.violent or rule.event_type in _MILITARY_POSTURE,
        with_target=rule.event_type not in _NO_TARGET,
        reciprocal=rule.event_type is EventType.ARMED_CLASH,
        context=context,
    )
    if rule.nominal and _VICTIM_NOUN.fullmatch(text, start, end):
        actors = _victims(text, start, end, actors)
    if rule.event_type is EventType.KILLING:
        actors = _with_listed_victims(text, sentence, end, actors, context)
    return actors


_COMBATANTS = frozenset({ActorKind.STATE_FORCES, ActorKind.ARMED_GROUP})


def _with_listed_victims(
    text: str, sentence: Sentence, end: int, actors: list[Actor], context: SentenceActors
) -> list[Actor]:
    """A killing's target from its list of the dead: where it names none, or where the
    list names combatants among the civilians or people it counts ("56 people were killed,
    including 18 members of the regime forces"): ACLED's interaction is with the armed."""
    targets = [a for a in actors if a.role is ActorRole.TARGET]
    if targets and any(a.kind is not ActorKind.CIVILIANS for a in targets):
        return actors
    listed = _listed_victims(text, sentence, end, context)
    if not listed or (targets and listed[0].kind not in _COMBATANTS):
        return actors
    return [*[a for a in actors if a.role is not ActorRole.TARGET], *listed]


_LISTED_VICTIMS = re.compile(
    rf"[^.;:]{{0,60}}?\b{alternation(_VOCABULARY.victims.appositives)}\s+", re.IGNORECASE
)
_COUNT_OF = re.compile(
    r"(?:(?:at\s+least|more\s+than|about|nearly|over)\s+)?(?:\d+\s+)?(?:[a-z]+\s+){0,2}"
    r"(?:(?:members?|elements?|fighters?)\s+)?(?:of\s+)?(?:the\s+)?",
    re.IGNORECASE,
)


def _listed_victims(
    text: str, sentence: Sentence, end: int, context: SentenceActors
) -> list[Actor]:
    """'179 died yesterday, including 40 of the regime forces': the actor a list of the dead
    opens with is the killing's target."""
    listed = _LISTED_VICTIMS.match(text, end, sentence.end)
    if listed is None:
        return []
    victim = next((a for a in context.phrases if a.start >= listed.end()), None)
    if victim is None or not _COUNT_OF.fullmatch(text, listed.end(), victim.start):
        return []
    return [victim.model_copy(update={"role": ActorRole.TARGET})]


_VICTIM_NOUN = re.compile(alternation(_VOCABULARY.victims.nouns), re.IGNORECASE)
_OF_VICTIMS = re.compile(r"\s+(?:of|among)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}")


def _victims(text: str, start: int, end: int, actors: Sequence[Actor]) -> list[Actor]:
    """'Two soldiers dead', 'the deaths of three soldiers': the people a death noun names
    are its victims (the target), whatever word order gave them; a phrase after it that
    is not joined by "of" is not theirs ("dead in a militant attack")."""
    before = [a for a in actors if a.end <= start]
    after = [
        a for a in actors if a.start >= end and _OF_VICTIMS.fullmatch(text, end, a.start)
    ]
    victims = before[-1:] or after[:1]
    return [a.model_copy(update={"role": ActorRole.TARGET}) for a in victims]


def _captor(text: str, sentence: Sentence, end: int, context: SentenceActors) -> list[Actor]:
    """'Kandahar fell to the Taliban': who the place fell to took it; the place is no actor."""
    the = _THE.match(text, end)
    captor = actor_in_span(text, sentence, the.end(), the.end() + 1, context) if the else None
    if captor is None:
        return []
    return [captor.model_copy(update={"role": ActorRole.INITIATOR})]


def _transfer_recipient(
    text: str, sentence: Sentence, end: int, context: SentenceActors
) -> list[Actor]:
    """'The SDF handed over villages to regime forces': the recipient takes the territory."""
    to = _RECIPIENT.match(text, end, sentence.end)
    if to is None:
        return []
    recipient = actor_in_span(text, sentence, to.end(), to.end() + 1, context)
    if recipient is None:
        return []
    return [recipient.model_copy(update={"role": ActorRole.INITIATOR})]


# What may stand between a weapon and its verb: a participial phrase of up to twelve words
# ("laden with explosives", "fired from areas controlled by Syrian government forces and
# their Russian allies"), an aside between commas ("a drone, reportedly Turkish, struck"), or
# both ("missiles fired by Israeli aircraft, according to Syrian state media, hit").
_ASIDE = r",(?:\s+[\w'-]+){1,5},"
_WEAPON_GAP = (
    rf"(?:(?:\s+{alternation(_VOCABULARY.weapon_modifiers.adverbs)})?"
    rf"\s+{alternation(_VOCABULARY.weapon_modifiers.participles)}(?:\s+[\w'-]+){{1,12}}?"
    rf"(?:{_ASIDE})?"
    rf"|{_ASIDE})?\s+$"
)
_WEAPON_SUBJECT = tuple(
    (row.event_type, CaseBlind(rf"\b{alternation(row.words)}{_WEAPON_GAP}"))
    for row in _VOCABULARY.weapon_subject
)
# A noun takes the weapon right before it only: "(1-)drone strike kills two".
_WEAPON_COMPOUND = tuple(
    (row.event_type, CaseBlind(rf"\b{alternation(row.words)}\s+$"))
    for row in _VOCABULARY.weapon_subject
)
_WEAPON_WINDOW = 140
_WEAPON_VERBS = frozenset({EventType.ATTACK, EventType.SHELLING})  # "warplanes pounded"
# An actor phrase whose last word is a weapon: "Saudi-led coalition aircraft".
_WEAPON_HEAD = tuple(
    (row.means, CaseBlind(rf"\b{alternation(row.words)}$")) for row in _VOCABULARY.weapon_subject
)


# "under the evacuation agreement", "as part of a local deal" (a few words between), "the
# last fighters were bussed out"
_UNDER_A_DEAL = CaseBlind(
    r"\b(?:under|as\s+part\s+of)\s+(?:the\s+|an?\s+|its\s+)?(?:[\w'’-]+\s+){0,3}?"
    rf"{alternation(_VOCABULARY.negotiated.words)}\b"
    rf"|\b{alternation(_VOCABULARY.negotiated.evacuations)}\b"
)


def _negotiated(text: str, clause: Sentence) -> str | None:
    """ "transfer" for a capture its clause says is done under a deal, else None ("took the
    town after weeks of fighting; the last fighters left under a deal" was fought for)."""
    found = _UNDER_A_DEAL.search_in_document(text, clause.start, clause.end)
    return "transfer" if found else None


def _weapon_means(actors: Sequence[Actor]) -> str | None:
    """The means of the weapon an initiator is ("coalition aircraft killed 22 civilians": the
    aircraft, so an air strike to ACLED), as ``[[weapon_subject]]`` says; else None."""
    heads = [
        _WEAPON_OWNER.split(a.text, maxsplit=1)[0] for a in actors if a.role is ActorRole.INITIATOR
    ]
    for means, head in _WEAPON_HEAD:
        if any(head.search(text) for text in heads):
            return means
    return None


# "warplanes belonging to the Syrian regime", "helicopters of the army": the weapon is the
# head before its owner
_WEAPON_OWNER = re.compile(r"\s+(?:of|belonging\s+to|from)\s+", re.IGNORECASE)


def _by_weapon(text: str, sentence: Sentence, rule: TriggerRule, start: int) -> TriggerRule:
    """The rule of an attack or shelling verb retyped by the weapon that is its subject
    ("drone struck": an air strike), or of such a noun by the weapon right before it ("drone
    strike"), as triggers.toml's ``[[weapon_subject]]`` says; else ``rule``."""
    if rule.event_type not in _WEAPON_VERBS:
        return rule
    window = max(sentence.start, start - _WEAPON_WINDOW)
    for event_type, weapon in _WEAPON_COMPOUND if rule.nominal else _WEAPON_SUBJECT:
        found = weapon.search_in_document(text, window, start)
        if found and not _WEAPON_IN_PHRASE.search_in_document(text, window, found.start()):
            return rule._replace(event_type=event_type)
    return rule


# A weapon in a prepositional phrase is no subject: "gunmen armed with rockets stormed" (but
# "at least 14 rockets struck" counts them).
_WEAPON_IN_PHRASE = CaseBlind(
    r"\b(?:with|by|of|using|from|against|at(?!\s+(?:least|most)\b)|on)\s+(?:[\w'-]+\s+){0,2}$"
)


# A past participle used as an adjective names no event: "the release of detained activists".
_ADJECTIVE_SLOT = re.compile(r"\b(?:the|a|an|of|for|with|its|their|his|her)\s+$", re.IGNORECASE)
_PLURAL_NOUN_AFTER = re.compile(r"\s+[a-z]+s\b")
# ... as is one an adverb qualifies after a determiner: "the recently recaptured Gogjali
# neighbourhood", "a newly captured village"
_ADVERB_IN_ADJECTIVE_SLOT = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+[a-z]+ly\s+$", re.IGNORECASE
)
# "killed about 1,700 captured Iraqi Air Force cadets": a number before a word of [captives]
# counts the captives, then any capitalised words, then the plural noun.
_COUNT_BEFORE = re.compile(r"\d\s+$")
_CAPTIVE_WORD = CaseBlind(alternation(_VOCABULARY.captives.words))
_PEOPLE_AFTER = re.compile(r"(?:\s+[A-Z][\w-]*){0,3}\s+(?:[a-z]+s|[a-z]*men|people|children)\b")


def _is_adjectival_participle(text: str, rule: TriggerRule, start: int, end: int) -> bool:
    if rule.nominal or not text[start:end].lower().endswith("ed"):
        return False
    if _COUNT_BEFORE.search(text, max(0, start - 3), start):
        return bool(
            _CAPTIVE_WORD.folding.fullmatch(text, start, end) and _PEOPLE_AFTER.match(text, end)
        )
    if _ADVERB_IN_ADJECTIVE_SLOT.search(text, max(0, start - 25), start):
        return True
    return bool(_ADJECTIVE_SLOT.search(text, max(0, start - 12), start)) and bool(
        _PLURAL_NOUN_AFTER.match(text, end)
    )


# --- threats -----------------------------------------------------------------------------
_NOT_A_THREAT = _VOCABULARY.not_a_threat
_FIGURATIVE_THREAT = re.compile(
    rf"\s+to\s+(?:further\s+)?{alternation(_NOT_A_THREAT.figurative_complements)}\b", re.IGNORECASE
)
_THING_SUBJECT = re.compile(
    rf"\b{alternation(_NOT_A_THREAT.thing_subjects)}\s+(?:also\s+|now\s+|could\s+|may\s+|might\s+)?$",
    re.IGNORECASE,
)
_POSE_THREAT = re.compile(
    rf"\b{alternation(_NOT_A_THREAT.assessment_verbs)}\s+"
    rf"(?:{alternation(_NOT_A_THREAT.assessment_modifiers)}\s+){{0,3}}$",
    re.IGNORECASE,
)


def _not_a_threat(text: str, sentence: Sentence, start: int, end: int) -> bool:
    """A threat needs an agent threatening someone: "the drought threatens crops" is none.

    Figurative complements ("threatens to escalate the conflict"), inanimate subjects and
    "poses a threat" (an assessment, not an act) are dropped.
    """
    word = text[start:end].lower()
    if not word.startswith("threat"):
        return False
    left = text[max(sentence.start, start - 40) : start]
    if word.startswith("threaten"):
        return bool(_FIGURATIVE_THREAT.match(text, end) or _THING_SUBJECT.search(left))
    return bool(_POSE_THREAT.search(left))


def _threat_target(
    text: str,
    sentence: Sentence,
    event: EventMention,
    events: Sequence[EventMention],
    context: SentenceActors,
) -> EventMention:
    """Who is threatened: the object inside "treat any US jet ... as a target", the party
    "them" stands for, or the target of the hypothetical attack the speaker announced."""
    if event.event_type is not EventType.THREAT or any(
        a.role is ActorRole.TARGET for a in event.actors
    ):
        return event
    target: Actor | None = None
    if event.cue.endswith("conditional_targeting"):
        verb_end = text.find(" ", event.trigger_start) + 1
        target = actor_in_span(text, sentence, verb_end, event.trigger_end, context)
        if target is None and _PRONOUN_OBJECT.match(text, verb_end):
            target = _antecedent(text, sentence, event, context)
    if target is None:
        target = next(
            (
                a
                for e in events
                if e.trigger_start > event.trigger_start
                and e.modality is Modality.HYPOTHETICAL
                and TAXONOMY[e.event_type].violent
                for a in e.actors
                if a.role is ActorRole.TARGET
            ),
            None,
        )
    if target is None:
        return event
    return event.model_copy(
        update={"actors": [*event.actors, target.model_copy(update={"role": ActorRole.TARGET})]}
    )


_PRONOUN_OBJECT = re.compile(r"(?:them|it|those)\b", re.IGNORECASE)


def _antecedent(
    text: str, sentence: Sentence, event: EventMention, context: SentenceActors
) -> Actor | None:
    """'... it will track all jets of the coalition and treat them as targets': the jets."""
    initiators = {a.start for a in event.actors if a.role is ActorRole.INITIATOR}
    speech = _last_speech_verb(text, sentence.start, event.trigger_start)
    begin = speech[1] if speech else sentence.start
    for actor in context.phrases:
        if begin <= actor.start < event.trigger_start and actor.start not in initiators:
            return actor_in_span(text, sentence, actor.start, actor.start + 1, context)
    return None


def _candidate_triggers(
    text: str, sentence: Sentence, rules: Sequence[int]
) -> list[tuple[TriggerRule, int, int]]:
    start, end = sentence.start, sentence.end
    lowered = lower_case(text)
    segment = lowered[start:end] if lowered is not None else ""
    found: list[tuple[TriggerRule, int, int]] = []
    for candidate in rules:
        rule = RULES[candidate]
        matches = (
            _matches_at_openings(candidate, lowered, start, end, segment)
            if lowered is not None
            else _rule_matches(candidate, text, start, end)
        )
        for match in matches:
            if not rule.nominal and _DETERMINER_BEFORE.search(
                text, max(start, match.start() - 12), match.start()
            ):
                continue  # "condemned the attack": a noun after a determiner, not a verb
            if (
                not rule.nominal
                and _PREPOSITION_PHRASE_BEFORE.search(
                    text, max(start, match.start() - 40), match.start()
                )
                and _reads_as_noun(rule.event_type, match.group())
            ):
                continue  # "killed in Kurdish militant attack": a noun, not a verb
            if rule.event_type is EventType.STATEMENT and _is_name(text, sentence, match):
                continue  # "Abdullah Saied's cross found Said unguarded": a person
            found.append((rule, match.start(), match.end()))
    return found


_AFTER_QUOTE_OR_COLON = re.compile(r"[\"'\u201c\u201d\u2019:,]\s*$")


def _is_name(text: str, sentence: Sentence, match: re.Match[str]) -> bool:
    """A capitalised speech verb inside a sentence ("Said", "Stated") is a name."""
    if not text[match.start()].isupper() or match.start() == sentence.start:
        return False
    return not _AFTER_QUOTE_OR_COLON.search(
        text, max(sentence.start, match.start() - 3), match.start()
    )


_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|this|these|those|its|their|his|her|our|any|every|another|such|each)"
    r"|['\u2019]s)\s+$",
    re.IGNORECASE,
)


_PREPOSITION_PHRASE_BEFORE = re.compile(
    r"\b(?:in|during|amid)\s+(?:[\w'-]+\s+){0,2}$", re.IGNORECASE
)


def _reads_as_noun(event_type: EventType, words: str) -> bool:
    """Whether a nominal rule of ``event_type`` reads ``words`` too ("attack", "raids")."""
    return any(
        rule.nominal and rule.event_type is event_type and regex.folding.fullmatch(words)
        for rule, regex in _COMPILED
    )


def _select_triggers(
    candidates: list[tuple[TriggerRule, int, int]],
) -> list[tuple[TriggerRule, int, int]]:
    """Keep non-overlapping triggers: longest first, then the more specific type."""
    if len(candidates) < 2:
        return candidates  # most sentences: nothing to choose between
    ordered = sorted(candidates, key=lambda c: (-(c[2] - c[1]), _TYPE_RANK[c[0].event_type]))
    kept: list[tuple[TriggerRule, int, int]] = []
    for cand in ordered:
        if all(cand[2] <= k[1] or k[2] <= cand[1] for k in kept):
            kept.append(cand)
    kept.sort(key=lambda c: c[1])
    return kept


def _clause_of(clauses: Sequence[Sentence], position: int) -> Sentence:
    """The clause holding ``position`` (the last one starting at or before it)."""
    return next((c for c in reversed(clauses) if c.start <= position), clauses[0])


def _clause_start(clauses: Sequence[Sentence], position: int) -> int:
    start = clauses[0].start if clauses else position
    for clause in clauses:
        if clause.start <= position:
            start = clause.start
    return start


def _modality(text: str, clause_start: int, trigger_start: int) -> tuple[Modality, str]:
    """Modality of the trigger at ``trigger_start`` and the name of the cue that decided."""
    left = text[max(clause_start, trigger_start - _LEFT_WINDOW) : trigger_start]
    if not left.endswith((" ", "\t")):
        left += " "  # triggers glued to punctuation ("(shelling)") still see their context
    before_words = _BEFORE_WORDS.match(left)
    if before_words is not None:
        left = left[before_words.end() :]
    # Most windows hold the words of few cues (half of them of none): the others are not
    # searched.
    flags = _CUE_WORDS.possible(left)
    if not any(flags):
        return Modality.ASSERTED, ""
    possible = dict(zip(_CUES, flags, strict=True))

    def cue(regex: CaseBlind) -> bool:
        return possible[regex] and regex.search(left) is not None

    if cue(_DENIAL):
        return Modality.NEGATED, "denial"
    if cue(_NEGATION) or cue(_FAILED):
        return Modality.NEGATED, "negation"
    if cue(_ALLEGATION):
        return Modality.REPORTED, "allegation"
    if cue(_PREVENTION):
        return Modality.HYPOTHETICAL, "prevention"
    if cue(_MODAL):
        return Modality.HYPOTHETICAL, "modal"
    if cue(_INFINITIVE) and not cue(_REAL_INFINITIVE):
        return Modality.HYPOTHETICAL, "infinitive"
    return Modality.ASSERTED, ""


# "residents gathered in front of the building to protest": the protest is the gathering's
# purpose, and the gathering happened (only for protests: troops gathered "to attack" have
# not attacked).
_ASSEMBLED = CaseBlind(rf"\b{alternation(_CUE_LISTS.assembly_verbs)}\s+{_W}{{0,10}}?to\s+$")


def _purpose_of_gathering(
    text: str, clause_start: int, start: int, modality: Modality, cue: str
) -> tuple[Modality, str]:
    left = text[max(clause_start, start - _LEFT_WINDOW) : start]
    before_words = _BEFORE_WORDS.match(left)
    if before_words is not None:
        left = left[before_words.end() :]
    if _ASSEMBLED.search(left) is None:
        return modality, cue
    return Modality.ASSERTED, "purpose_of_gathering"


_CUES = (
    _DENIAL,
    _NEGATION,
    _FAILED,
    _ALLEGATION,
    _PREVENTION,
    _MODAL,
    _INFINITIVE,
    _REAL_INFINITIVE,
)
_CUE_WORDS = Prefilter([regex.pattern for regex in _CUES], shortest=2)


def _speech_about_hypothetical_attack_is_threat(
    text: str, sentence: Sentence, events: list[EventMention], context: SentenceActors
) -> list[EventMention]:
    """'Russia said it would strike X': the saying is a threat; the strike stays hypothetical."""
    result = list(events)
    for event in events:
        if event.modality is not Modality.HYPOTHETICAL or not TAXONOMY[event.event_type].violent:
            continue
        if not event.cue.endswith("+modal"):
            continue  # "said ... to avoid clashes" announces no attack
        speech = _last_speech_verb(text, sentence.start, event.trigger_start)
        if speech is None:
            continue
        index = next((i for i, e in enumerate(result) if e.trigger_start == speech[0]), None)
        if index is not None and result[index].event_type is EventType.THREAT:
            continue
        actors = find_actors(
            text, sentence, speech[0], speech[1], military=False, with_target=False, context=context
        )
        threat = EventMention(
            event_type=EventType.THREAT,
            trigger_start=speech[0],
            trigger_end=speech[1],
            trigger_text=text[speech[0] : speech[1]],
            sentence=sentence,
            modality=Modality.ASSERTED,
            actors=actors,
            cue="speech+hypothetical_attack",
        )
        if index is None:
            result.append(threat)
        else:
            result[index] = threat
    result.sort(key=lambda e: e.trigger_start)
    return result


_VERB_GAP_STOP = re.compile(r"[,;:]|\b(?:said|says|that|which|who)\b", re.IGNORECASE)


def _inherit_initiator_from_subject_event(
    text: str, clauses: Sequence[Sentence], events: list[EventMention]
) -> list[EventMention]:
    """'Russian air strikes on Idlib killed 12': the strikes' initiator did the killing."""
    result = list(events)
    for index, event in enumerate(events):
        if event.cue.startswith("speech"):
            continue
        participle_initiator = _participle_initiator(text, events, index)
        if participle_initiator is not None and not _is_target(event, participle_initiator):
            result[index] = _with_initiator(text, event, participle_initiator, "+participle")
            continue
        if index + 1 < len(events):
            incident_initiator = _incident_initiator(text, event, events[index + 1])
            if incident_initiator is not None and not _is_target(event, incident_initiator):
                result[index] = _with_initiator(text, event, incident_initiator, "+incident")
                continue
        if index == 0:
            continue
        previous = events[index - 1]
        if not previous.actors or not TAXONOMY[previous.event_type].violent:
            continue
        if _clause_start(clauses, previous.trigger_start) != _clause_start(
            clauses, event.trigger_start
        ) or _VERB_GAP_STOP.search(text, previous.trigger_end, event.trigger_start):
            continue
        if not _is_nominal_trigger(previous) or _is_nominal_trigger(event):
            continue  # only "Russian air strikes ... killed 12": a noun subject of a verb
        if _PREPOSITION_BEFORE_NOUN.search_in_document(
            text, max(0, previous.trigger_start - 60), previous.trigger_start
        ):
            continue  # "forces backed by Russian air strikes regained": not the subject
        initiator = next((a for a in previous.actors if a.role is ActorRole.INITIATOR), None)
        if initiator is None:
            continue
        result[index] = _with_initiator(text, event, initiator, "+subject_event")
    return result


def _is_target(event: EventMention, actor: Actor) -> bool:
    """Whether ``actor`` is the event's own target (the victims never did it)."""
    return any(a.role is ActorRole.TARGET and a.start == actor.start for a in event.actors)


def _with_initiator(text: str, event: EventMention, initiator: Actor, cue: str) -> EventMention:
    """``event`` with ``initiator`` as its only initiator, its ACLED coding redone."""
    others = [a for a in event.actors if a.role is not ActorRole.INITIATOR]
    actors = [initiator, *[a for a in others if a.start != initiator.start]]
    return event.model_copy(
        update={
            "actors": actors,
            "cue": event.cue + cue,
            **_acled_fields(
                _own_acled(text, event.event_type, event.means, actors, event.trigger_start)
            ),
        }
    )


_PREPOSITION_BEFORE_NOUN = CaseBlind(
    r"\b(?:by|with|after|amid|under|following|despite|under)\s+(?:[\w'-]+\s+){0,3}$"
)
# A participle after a comma ("IS fighters ambushed a patrol, killing four soldiers") tells
# what the subject of the clause's verb did next: it takes that verb's initiator.
_COMMA_BEFORE = CaseBlind(r",\s*$")
_PARTICIPLE = CaseBlind(r"[a-z]+ing")


_TWO_SIDED = frozenset({EventType.ARMED_CLASH, EventType.CONFRONTATION})
_IN_INCIDENT = CaseBlind(r"\s+(?:in|during)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}")


def _incident_initiator(text: str, event: EventMention, after: EventMention) -> Actor | None:
    """'three soldiers were killed in an attack by ISIS': who did the incident a verb
    with no initiator of its own happened in."""
    if any(a.role is ActorRole.INITIATOR for a in event.actors) or _is_nominal_trigger(event):
        return None
    if after.event_type in _TWO_SIDED or not TAXONOMY[after.event_type].violent:
        return None  # the dead of a clash between two sides are neither side's alone
    if not _is_nominal_trigger(after):
        return None
    if after.modality is not event.modality or not _IN_INCIDENT.folding.fullmatch(
        text, event.trigger_end, after.trigger_start
    ):
        return None
    return next((a for a in after.actors if a.role is ActorRole.INITIATOR), None)


def _participle_initiator(
    text: str, events: Sequence[EventMention], index: int
) -> Actor | None:
    """The initiator the participle event ``events[index]`` takes from the verb before it."""
    event = events[index]
    if not _PARTICIPLE.folding.fullmatch(event.trigger_text) or _is_nominal_trigger(event):
        return None
    if not _COMMA_BEFORE.search_in_document(
        text, max(0, event.trigger_start - 3), event.trigger_start
    ):
        return None
    for previous in reversed(events[:index]):
        if previous.modality is not event.modality or _is_nominal_trigger(previous):
            continue
        if not TAXONOMY[previous.event_type].violent:
            return None
        return next((a for a in previous.actors if a.role is ActorRole.INITIATOR), None)
    return None


def _is_nominal_trigger(event: EventMention) -> bool:
    return any(
        rule.nominal
        and rule.event_type is event.event_type
        and regex.folding.fullmatch(event.trigger_text)
        for rule, regex in _COMPILED
    )


def _last_speech_verb(text: str, start: int, end: int) -> tuple[int, int] | None:
    last: tuple[int, int] | None = None
    for match in _SPEECH_VERB.finditer(text, start, end):
        last = (match.start(), match.end())
    return last


# --- what was shot down or intercepted ------------------------------------------------------
_OBJECT_TYPES = frozenset({EventType.SHOOT_DOWN, EventType.INTERCEPTION})
_OBJECT_KINDS = tuple(
    (kind, re.compile(rf"\b{alternation(words)}\b", re.IGNORECASE))
    for kind, words in _VOCABULARY.object_kinds.items()
)


def object_kind(text: str, clause: Sentence, mention: EventMention) -> str | None:
    """What a shoot-down or an interception downed or intercepted: a kind of triggers.toml's
    ``[object_kinds]`` ("drone", "aircraft"), or None (another event type, or none named).

    ``clause`` is the clause of ``text`` that holds the mention's trigger. The first kind
    named after the trigger in it wins, else the last named before the trigger.

    >>> doc = "A Syrian drone was shot down over Idlib."
    >>> clause = Sentence(start=0, end=len(doc), text=doc)
    >>> object_kind(doc, clause, find_event_mentions(doc, clause)[0])
    'drone'
    """
    if mention.event_type not in _OBJECT_TYPES:
        return None
    after = text[mention.trigger_end : clause.end]
    before = text[clause.start : mention.trigger_start]
    for segment, pick_last in ((after, False), (before, True)):
        found: list[tuple[int, str]] = []
        for kind, pattern in _OBJECT_KINDS:
            found.extend((m.start(), kind) for m in pattern.finditer(segment))
        if found:
            found.sort()
            return found[-1][1] if pick_last else found[0][1]
    return None


def _drop_statements_when_other_events(events: list[EventMention]) -> list[EventMention]:
    if all(e.event_type is EventType.STATEMENT for e in events):
        return events
    return [e for e in events if e.event_type is not EventType.STATEMENT]


# --- ACLED coding ---------------------------------------------------------------------------


def _own_acled(
    text: str,
    event_type: EventType,
    means: str | None,
    actors: Sequence[Actor],
    trigger_start: int,
) -> AcledCode | None:
    """The ACLED coding of an event by its own type, means and actors (a target named as
    captives or former fighters counts as civilians: [captives], [former_combatants];
    civilians who act as a crowd, as rioters: [crowds])."""
    if event_type not in ACLED_CODED:
        return None  # most events of wire copy: statements
    crowd_violence = event_type in _CROWD_VIOLENCE
    initiators = [
        ActorKind.RIOTERS if crowd_violence and _a_crowd_does_it(text, a, trigger_start) else a.kind
        for a in actors
        if a.role is ActorRole.INITIATOR
    ]
    targets = [
        ActorKind.CIVILIANS
        if _CAPTIVES_BEFORE.search_in_document(text, max(0, a.start - 25), a.start)
        or _former_combatant(text, a)
        else a.kind
        for a in actors
        if a.role is ActorRole.TARGET
    ]
    return acled_code(event_type, means, initiators, targets)


_CAPTIVES_BEFORE = CaseBlind(rf"\b{alternation(_VOCABULARY.captives.words)}\s+$")
_FORMER_COMBATANT = CaseBlind(
    rf"\b{alternation(_VOCABULARY.former_combatants.before)}\s+(?:[\w'-]+\s+){{0,2}}?"
    rf"{alternation(_VOCABULARY.former_combatants.nouns)}\b"
)


def _former_combatant(text: str, actor: Actor) -> bool:
    """Whether "former ... <fighter's noun>" spans the actor ("a former FSA commander")."""
    return any(
        found.start() <= actor.start < found.end()
        for found in _FORMER_COMBATANT.finditer_in_document(
            text, max(0, actor.start - 25), min(len(text), actor.end + 30)
        )
    )


_CRUDE_WEAPON = rf"{alternation(_VOCABULARY.crowds.weapons)}\b"
# what a crowd does that makes it rioters ("hundreds of people demonstrated" are protesters)
_CROWD_VIOLENCE = frozenset({EventType.KILLING, EventType.ATTACK, EventType.LOOTING})
# a crowd is the subject right before what it did: "groups of residents attacked", "angry
# residents of Tleil (Akkar, Akkar) set fire", "dozens of men armed with sticks and knives
# attacked", not "hundreds of people demonstrated ... for slain protesters"
_CROWD_GAP = re.compile(
    r"(?:\s+(?:of|from|in)\s+[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*(?:\s*\([^()]{0,60}\))?,?)?"
    rf"(?:\s+armed\s+with\s+{_CRUDE_WEAPON}(?:(?:,\s*(?:and\s+)?|\s+and\s+){_CRUDE_WEAPON})*)?"
    r"\s*(?:[\w'-]+\s+){0,2}"
)


def _a_crowd_does_it(text: str, actor: Actor, trigger_start: int) -> bool:
    return (
        actor.kind is ActorKind.CIVILIANS
        and actor.end <= trigger_start
        and _CROWD_GAP.fullmatch(text, actor.end, trigger_start) is not None
        and _CROWD.search(actor.text) is not None
    )


_CROWD = CaseBlind(rf"\b{alternation(_VOCABULARY.crowds.words)}$")


def _acled_fields(code: AcledCode | None) -> dict[str, str | None]:
    if code is None:
        return {"acled_event_type": None, "acled_sub_event_type": None}
    return {"acled_event_type": code.event_type, "acled_sub_event_type": code.sub_event_type}


def _acled_coded(
    text: str, clauses: Sequence[Sentence], events: list[EventMention]
) -> list[EventMention]:
    """The events, each with the ACLED coding of its incident.

    Each event carries its own coding (taxonomy.toml's [[acled_rule]]) from when it was
    found. But ACLED codes one event per incident: deaths "in an air strike" or "in
    clashes" are the strike's or the clash's. An event whose rule lists types to join takes
    the coding of the most specific event of its clause (same modality) of one of those
    types, and not of one told as background ("men of a tribe which had fought the group").
    """
    # Until now each event carries its own coding: a sentence with fewer than two coded
    # events (most) has nothing to join.
    if sum(e.acled_event_type is not None for e in events) < 2:
        return events
    codes = [
        _own_acled(text, e.event_type, e.means, e.actors, e.trigger_start) for e in events
    ]
    joined = _joined(text, clauses, events, codes)
    return [
        event if new is old else event.model_copy(update=_acled_fields(new))
        for event, old, new in zip(events, codes, joined, strict=True)
    ]


def _joined(
    text: str,
    clauses: Sequence[Sentence],
    events: list[EventMention],
    codes: list[AcledCode | None],
) -> list[AcledCode | None]:
    clause_of = [_clause_start(clauses, event.trigger_start) for event in events]
    joinable = [
        code is not None
        and not _BACKGROUND.search_in_document(
            text, max(clause_of[j], event.trigger_start - 40), event.trigger_start
        )
        and not _earlier_act(text, clause_of[j], event)
        for j, (event, code) in enumerate(zip(events, codes, strict=True))
    ]
    joined = list(codes)
    for index, code in enumerate(codes):
        if code is None or not code.joins:
            continue
        better = [
            other
            for j, other in enumerate(codes)
            if other is not None
            and joinable[j]
            and other.specificity > code.specificity
            and other.event_type in code.joins
            and clause_of[j] == clause_of[index]
            and events[j].modality is events[index].modality
            and not _other_initiators(events[j], events[index])
            and not _civilians_shot_by_fighters(events[index], code, events[j], other)
        ]
        if better:
            joined[index] = max(better, key=lambda c: c.specificity)
    return joined


_VAC = "Violence against civilians"
_BATTLES = "Battles"


def _civilians_shot_by_fighters(
    killing: EventMention, own: AcledCode, fight: EventMention, fights: AcledCode
) -> bool:
    """ "Pro-government forces advancing into eastern Aleppo shot dead 82 civilians": forces
    named as the killers of civilians, their advance told before, attacked the civilians;
    the deaths are no battle's ("civilians were killed in clashes", "gunmen killed ten men
    in a clash" are; a strike's or a blast's deaths stay remote violence, whoever was hit)."""
    return (
        own.event_type == _VAC
        and fights.event_type == _BATTLES
        and fight.trigger_start < killing.trigger_start
        and any(
            actor.role is ActorRole.INITIATOR and actor.kind in _COMBATANTS
            for actor in killing.actors
        )
    )


def _other_initiators(one: EventMention, other: EventMention) -> bool:
    """Whether both events name initiators and share no actor: two incidents ("after Iraqi
    forces took control of the town, armed men looted homes"); the protest that forces
    opened fire on is one incident with the firing."""
    if not all(any(a.role is ActorRole.INITIATOR for a in e.actors) for e in (one, other)):
        return False
    return not {a.id for a in one.actors} & {a.id for a in other.actors}


# A relative clause in the past perfect tells what happened before: "which had fought the
# group", "who had clashed with them". It is no incident another event's coding joins.
_BACKGROUND = CaseBlind(
    r"\b(?:which|who|that)\s+had\s+(?:[\w-]+\s+)?$"
    # ... and so does the cause a clause gives for its act: "angered by US air strikes,
    # crowds broke into the embassy", "in retaliation for the shelling"
    r"|\b(?:angered|outraged|enraged|provoked|prompted)\s+by\s+(?:[\w-]+\s+){0,3}$"
    r"|\bin\s+(?:retaliation|revenge|response)\s+(?:for|to)\s+(?:[\w-]+\s+){0,3}$"
    # ... and what people fled: "shot dead civilians trying to flee the fighting"
    r"|\b(?:flee|fleeing|fled|escape|escaping|escaped)\s+(?:from\s+)?(?:the\s+)?(?:[\w-]+\s+){0,2}$"
)
# A verb after "after" or "before" is a gerund telling another act of the same actor ("a
# day after killing the former president, Houthi fighters looted houses"); a noun there
# ("killed after an air strike") is the incident itself, and joins.
_EARLIER_ACT = CaseBlind(r"\b(?:after|before)\s+$")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)


def _earlier_act(text: str, clause_start: int, event: EventMention) -> bool:
    """"after killing X": a gerund (a trigger a verb rule of its type reads, not followed
    by "of") right after "after" or "before"."""
    start, end = event.trigger_start, event.trigger_end
    if not event.trigger_text.lower().endswith("ing") or _OF_AFTER.match(text, end):
        return False
    if not _EARLIER_ACT.search_in_document(text, max(clause_start, start - 12), start):
        return False
    return any(
        not rule.nominal
        and rule.event_type is event.event_type
        and regex.folding.fullmatch(event.trigger_text)
        for rule, regex in _COMPILED
    )
