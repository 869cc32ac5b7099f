"""Sentences and clauses of news text, as offset spans into the original document.

Every later stage (event triggers, actors, spatial relations) works inside one sentence, so
the splitter is tuned for wire copy: newlines end sentences (headlines, datelines and
paragraphs rarely carry a full stop), while abbreviations common in news ("U.S.", "Gen.",
"Jan.", "a.m.", "No. 5", initials "J. R.") do not. Everything is regex-driven and linear in
the length of the text.

>>> [s.text for s in split_sentences("Gen. Smith met U.S. envoys. They left.")]
['Gen. Smith met U.S. envoys.', 'They left.']
>>> split_sentences("")
[]
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field, model_validator

from geo.prefilter import guarded

__all__ = [
    "STANCE_BEFORE",
    "CaseBlind",
    "Sentence",
    "lower_case",
    "sentence_spans",
    "split_clauses",
    "split_sentences",
]

# A stance before a name ("anti-government", "pro-Iranian"): searched in the text that ends
# where the name starts.
STANCE_BEFORE = re.compile(r"\b(?:anti|pro|non)-$", re.IGNORECASE)


class Sentence(BaseModel):
    """A span of the document: ``text == document[start:end]`` (also used for clauses)."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _span_matches_text(self) -> Sentence:
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"span {self.start}:{self.end} has length {self.end - self.start}, "
                f"text has length {len(self.text)}"
            )
        return self


# Single words that end in a full stop without ending the sentence (compared lower-cased,
# without the dot). Titles, ranks, months, and the "No. 5" family.
_ABBREVIATIONS = frozenset(
    word
    for line in (
        "mr mrs ms dr prof rev fr sr jr st mt ft gen lt col maj capt cpt sgt cpl pvt adm cmdr",
        "cdr brig gov sen rep pres amb sec supt insp det hon messrs",
        "jan feb mar apr jun jul aug sep sept oct nov dec",
        "no nos vol art fig approx est dept univ inc corp co ltd bros vs etc cf al",
    )
    for word in line.split()
)

# Candidate sentence ends: terminal punctuation, optional closing quotes/brackets, then space;
# group 1 is the character that follows the space (None at the end of the line). The pattern
# opens with a character class (not a repeat) so the engine skips to the next one in C.
_CANDIDATE_END = re.compile(r"[.?!][.?!]*[\"'\u201d\u2019\u00bb)\]]*(?=\s+(\S)?)")
_LINE_BREAK = re.compile(r"\n\s*")  # a literal first: the engine jumps from newline to newline
_WORD_CHARS = string.ascii_letters + ".-"  # what an abbreviation before its dot is made of
_DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.){2,}$")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets index into ``text`` itself.

    Lines are split first (a newline always ends a sentence), then each line at terminal
    punctuation that is followed by whitespace and a token that can start a sentence.
    Leading and trailing whitespace is trimmed from every span; blank lines yield nothing.

    >>> [s.text for s in split_sentences('He said "No." Then he left\\nHeadline')]
    ['He said "No."', 'Then he left', 'Headline']
    """
    return [
        Sentence(start=start, end=end, text=text[start:end]) for start, end in sentence_spans(text)
    ]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each sentence of :func:`split_sentences`, without building
    the sentences: a caller that needs few of them builds only those.

    >>> sentence_spans("Troops advanced.  Rebels fled.")
    [(0, 16), (18, 30)]
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for brk in _LINE_BREAK.finditer(text):
        line_end = line_start + len(text[line_start : brk.start()].rstrip())  # no newline in it
        _split_line(text, line_start, line_end, spans)
        line_start = brk.end()
    _split_line(text, line_start, len(text), spans)
    return spans


def _split_line(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    line = text[start:end]
    piece_start = 0
    for cand in _CANDIDATE_END.finditer(line):
        if _ends_sentence(line, cand.start(), cand.end(), cand.group(1)):
            _append_trimmed(text, start + piece_start, start + cand.end(), out)
            piece_start = cand.end()
    _append_trimmed(text, start + piece_start, end, out)


def _ends_sentence(line: str, punct_start: int, punct_end: int, next_char: str | None) -> bool:
    """Decide whether the punctuation at ``line[punct_start:punct_end]`` ends a sentence;
    ``next_char`` starts the text after the space that follows (None: the line ends)."""
    if next_char is None:
        return True
    if next_char.islower():
        return False  # '"Why?" he asked', 'approx. five'
    if line[punct_start] != "." or (punct_end - punct_start > 1 and line[punct_end - 1] != "."):
        return True  # '?', '!' or a quote closing after the full stop
    return not _is_abbreviation(line[max(0, punct_start - 30) : punct_start + 1], next_char)


def _is_abbreviation(before_and_dot: str, next_char: str) -> bool:
    """Whether the word ending in this dot is an abbreviation, an initial or a number label."""
    word = _word_before_dot(before_and_dot)
    if not word:
        return False
    if len(word) == 1 and word.isupper():
        return True  # initial: "J. R. Smith"
    if "." in word and _DOTTED_ACRONYM.search(word + "."):
        # "U.S.", "a.m.": ambiguous at a sentence end; wire copy more often continues
        # ("the U.S. Navy", "9 a.m. Monday"), so keep the sentence whole.
        return True
    lowered = word.lower()
    if lowered == "no":
        return next_char.isdigit()
    return lowered in _ABBREVIATIONS


def _word_before_dot(before_and_dot: str) -> str:
    """The word the final dot closes, from its first letter: what the regex
    ``([A-Za-z][A-Za-z.\\-]*)\\.$`` would capture, found by stripping (no regex tried at every
    character), or "" when no letter precedes the dot.

    >>> _word_before_dot("the U.S."), _word_before_dot("in 1.5."), _word_before_dot("--.")
    ('U.S', '', '')
    """
    if not before_and_dot.endswith("."):
        return ""
    body = before_and_dot[:-1]
    run = body[len(body.rstrip(_WORD_CHARS)) :]  # the trailing letters, dots and hyphens
    return run.lstrip(".-")


def _append_trimmed(
    text: str, start: int, end: int, out: list[tuple[int, int]], offset: int = 0
) -> None:
    """Append the span of ``text[start:end]`` without surrounding whitespace, unless nothing
    is left; ``offset`` places ``text`` in the document (a sentence's clauses)."""
    piece = text[start:end]
    trimmed = piece.strip()
    if trimmed:
        start += offset + len(piece) - len(piece.lstrip())
        out.append((start, start + len(trimmed)))


# Clause boundaries, kept deliberately simple:
#   ";"                                   always
#   ", while" / " while " / " whereas "   contrast or simultaneity
#   " as well as "                        one more of the same ("clashes in Daraa as well as
#                                          shelling on Deir Ezzor")
#   ", but"                               contrast
#   ", who said" / ", which reported"     a source's own report ("54 killed in a market in
#                                          Taizz, according to the UN coordinator, who said
#                                          a separate strike hit a farm in al-Tuhayta")
#   ", and" + a new subject               a pronoun or determiner ("and the army", "and it"),
#                                          or a capitalised word followed by a finite-looking
#                                          verb ("and Russia said", "and Turkey shelled").
# The separator punctuation is dropped; the conjunction starts the next clause. Lists such
# as "Syria, Iraq, and Turkey" are not split because no verb follows the capitalised word.
_COMMA_BREAKS = (
    r",\s+(?=(?:while|whereas|but)\b"
    r"|(?:who|which)\s+(?:said|says|added|reported|told)\b"
    r"|and\s+(?:the|a|an|he|she|it|they|we|its|their|his|her|this|these|those)\b"
    r"|and\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w\-]*)?\s+"
    r"(?:\w+ed|said|says|has|have|had|is|are|was|were|will|would|did|does)\b)"
)
_CLAUSE_BREAK = re.compile(
    guarded(  # a look-ahead of what a break opens with: most characters are turned away
        "", rf"\s*;\s*|\s+(?=(?:while|whereas|as\s+well\s+as)\b)|{_COMMA_BREAKS}"
    )
)
# Without ";", "while" or "whereas" only the comma breaks can match: a pattern opening with
# a literal, which the engine finds in C, rather than one tried at every space.
_COMMA_BREAK = re.compile(_COMMA_BREAKS)
_OTHER_MARKS = (";", "while", "whereas", "as well as")


@functools.lru_cache(maxsize=16)  # the trigger finder and the pipeline both ask
def split_clauses(sentence: Sentence) -> tuple[Sentence, ...]:
    """Split one sentence into clauses, with offsets into the same document.

    >>> s = Sentence(start=10, end=39, text="Troops advanced; rebels fled.")
    >>> [(c.start, c.text) for c in split_clauses(s)]
    [(10, 'Troops advanced'), (27, 'rebels fled.')]
    """
    text = sentence.text
    other_marks = any(mark in text for mark in _OTHER_MARKS)
    if text and text == text.strip() and not other_marks and "," not in text:
        return (sentence,)  # one clause, known without a regex
    spans: list[tuple[int, int]] = []
    piece_start = 0
    for brk in (_CLAUSE_BREAK if other_marks else _COMMA_BREAK).finditer(text):
        if brk.start() == 0:
            continue
        _append_trimmed(text, piece_start, brk.start(), spans, sentence.start)
        piece_start = brk.end()
    _append_trimmed(text, piece_start, len(text), spans, sentence.start)
    begin = sentence.start
    return tuple(
        Sentence(start=start, end=end, text=text[start - begin : end - begin])
        for start, end in spans
    )


# -- case-blind matching ---------------------------------------------------------------------
# Letters an ignore-case "i" or "s" matches that lower case keeps apart (dotless i, long s).
_FOLDED_APART = ("\u0131", "\u017f")


@functools.lru_cache(maxsize=1)
def lower_case(text: str) -> str | None:
    """``text`` in lower case, or None where a lower-case pattern over it would not find what
    the ignore-case pattern finds: when lower case moves offsets ("İ" becomes two
    characters) or the text holds a letter of ``_FOLDED_APART``.

    Cached for the last text: every sentence of a document asks for the same one.
    """
    return _lower_case(text)


def _lower_case(text: str) -> str | None:
    if text.isascii():  # a flag of the string, not a scan
        return text.lower()
    if any(letter in text for letter in _FOLDED_APART):
        return None
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


class CaseBlind:
    """An ignore-case regex, run as its lower-case twin over lower-cased text.

    ``re`` folds the case of every character an ignore-case pattern compares, which makes
    large vocabularies several times slower than the same pattern in lower case over
    lower-cased text (same matches, same offsets; text where that would not hold is searched
    with the ignore-case pattern, see :func:`lower_case`). Matches index the lower-cased
    copy: read surface text from the original with their offsets, never with ``group()``.
    """

    def __init__(self, pattern: str) -> None:
        if re.search(r"\\[A-Z]", pattern):  # "\\S" in lower case would change meaning
            raise ValueError(f"upper-case escape in a case-blind pattern: {pattern!r}")
        self.pattern = pattern
        self.folding = re.compile(pattern, re.IGNORECASE)
        # Group syntax keeps its capital: "(?P<name>...)", "(?P=name)".
        self.lowered = re.compile(re.sub(r"\(\?p([<=])", r"(?P\1", pattern.lower()))

    def finditer_in_document(self, document: str, pos: int, endpos: int) -> Iterator[re.Match[str]]:
        """Matches in ``document[pos:endpos]``, with offsets into ``document`` (whose lower
        case is cached: call this for the sentences of one document in turn)."""
        lowered = lower_case(document)
        if lowered is None:
            return self.folding.finditer(document, pos, endpos)
        return self.lowered.finditer(lowered, pos, endpos)

    def search_in_document(self, document: str, pos: int, endpos: int) -> re.Match[str] | None:
        """The first match in ``document[pos:endpos]`` (see :meth:`finditer_in_document`)."""
        return next(self.finditer_in_document(document, pos, endpos), None)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Matches in a short string (lower-cased on each call, not cached)."""
        lowered = _lower_case(text)
        if lowered is None:
            return self.folding.finditer(text)
        return self.lowered.finditer(lowered)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in a short string (lower-cased on each call, not cached)."""
        return next(self.finditer(text), None)
