"""Vocabularies: what geo knows, kept as reviewed data beside the code that reads it.

Trigger words and their event types, actor names, the CAMEO and ACLED mapping and the
words of spatial relations are TOML files in the package of the stage that reads them
(``geo/events/triggers.toml`` beside ``geo/events/triggers.py``). Each file opens with a
comment saying what a row means and where its entries came from. A module reads its file
once, at import, through :func:`load_vocabulary`, which validates it with a pydantic model:
a malformed file stops geo with one line naming the file and every problem in it, never a
regex error deep inside a sentence.

>>> class Words(Vocabulary):
...     words: list[Pattern]
>>> Words.model_validate({"words": ["shell(?:ed|s)"]}).words
['shell(?:ed|s)']
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from enum import Enum
from importlib import resources
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from geo.errors import VocabularyError

__all__ = [
    "Alternative",
    "Alternatives",
    "CaseBlindAlternatives",
    "CountryCode",
    "LowerAlternative",
    "LowerAlternatives",
    "LowerStr",
    "LowerWord",
    "LowerWords",
    "Pattern",
    "Vocabulary",
    "alternation",
    "covers",
    "distinct",
    "in_lower_case",
    "load_vocabulary",
    "one_word",
]

_Item = TypeVar("_Item", bound=Hashable)


# --- checks of one entry or one list -----------------------------------------------------
def distinct(items: tuple[_Item, ...]) -> tuple[_Item, ...]:
    """A list's check: no entry listed twice."""
    repeated = sorted(str(item) for item, count in Counter(items).items() if count > 1)
    if repeated:
        raise ValueError(f"listed more than once: {', '.join(repeated)}")
    return items


def in_lower_case(text: str) -> str:
    """An entry's check: written in lower case (compared with lower-cased text)."""
    if text != text.lower():
        raise ValueError(f"{text!r} is not in lower case")
    return text


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as err:
        raise ValueError(f"not a regular expression ({err})") from None
    return pattern


def _has_top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` is an alternation at its top level ("a|b", not "(?:a|b)c")."""
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            return True
    return False


def _one_alternative(pattern: str) -> str:
    if _has_top_level_bar(pattern):
        raise ValueError(f"{pattern!r} holds a top-level '|': write one alternative per entry")
    compiled = re.compile(pattern)
    if compiled.groups:
        raise ValueError(f"{pattern!r} has a capturing group: write (?:...)")
    if compiled.fullmatch(""):
        raise ValueError(f"{pattern!r} matches the empty string")
    return pattern


def _case_blind(pattern: str) -> str:
    if re.search(r"\\[A-Z]", pattern):  # matched in lower case: "\S" would become "\s"
        raise ValueError(f"{pattern!r} has an upper-case escape; it is matched in lower case")
    return pattern


def one_word(word: str) -> str:
    """An entry's check: one word, a token of the text (letters, digits, underscores)."""
    if re.fullmatch(r"\w+", word) is None:
        raise ValueError(f"{word!r} is not one word (a token of the text)")
    return word


# --- the named types vocabulary models are made of ---------------------------------------
Pattern = Annotated[str, AfterValidator(_compiles)]
"""A regular expression (Python ``re`` syntax), checked to compile when the file loads."""

Alternative = Annotated[Pattern, AfterValidator(_one_alternative)]
"""One alternative of a list the code joins with ``|`` and wraps in its own groups: a regex
with no top-level ``|``, no capturing group (the code numbers its own) and no empty match."""

Alternatives = Annotated[tuple[Alternative, ...], Field(min_length=1), AfterValidator(distinct)]
"""A non-empty list of :data:`Alternative`, none twice, joined in the order listed."""

CaseBlindAlternatives = Annotated[
    tuple[Annotated[Alternative, AfterValidator(_case_blind)], ...],
    Field(min_length=1),
    AfterValidator(distinct),
]
"""A non-empty list of :data:`Alternative` matched in any case (run over lower-cased text by
:class:`~geo.events.text.CaseBlind`): no upper-case escape such as ``\\S``; none twice."""

LowerAlternative = Annotated[Alternative, AfterValidator(in_lower_case)]
"""An :data:`Alternative` written in lower case."""

LowerAlternatives = Annotated[
    tuple[LowerAlternative, ...], Field(min_length=1), AfterValidator(distinct)
]
"""A non-empty list of :data:`LowerAlternative`, none twice."""

LowerStr = Annotated[str, AfterValidator(in_lower_case)]
"""Text written in lower case (a key looked up lower-cased, a phrase matched in any case)."""

LowerWord = Annotated[LowerStr, AfterValidator(one_word)]
"""One word (a token of the text), lower-case: for words compared with ``word.lower()``."""

LowerWords = Annotated[tuple[LowerWord, ...], Field(min_length=1), AfterValidator(distinct)]
"""A non-empty list of :data:`LowerWord`, none twice."""

CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
"""An ISO 3166-1 alpha-2 country code: two upper-case letters."""

_Table = TypeVar("_Table", bound=dict[Any, Any])


def covers(members: Iterable[Enum]) -> AfterValidator:
    """A table's check: a key for each of ``members`` (every feature class, say).

    >>> from enum import Enum
    >>> class Side(Enum):
    ...     LEFT = "left"
    ...     RIGHT = "right"
    >>> class Widths(Vocabulary):
    ...     width: Annotated[dict[Side, int], covers(Side)]
    >>> Widths.model_validate({"width": {"left": 1}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Widths
    width
      Value error, no entry for right ...
    """
    wanted = tuple(members)

    def check(table: _Table) -> _Table:
        missing = [str(member.value) for member in wanted if member not in table]
        if missing:
            raise ValueError(f"no entry for {', '.join(missing)}")
        return table

    return AfterValidator(check)


def alternation(alternatives: Sequence[str]) -> str:
    """A list of alternatives as one regex unit, to put in a regex frame: ``"(?:a|b)"``.

    >>> alternation(["shell(?:ed|s)", "pounded"])
    '(?:shell(?:ed|s)|pounded)'
    """
    return f"(?:{'|'.join(alternatives)})"


class Vocabulary(BaseModel):
    """Base of a vocabulary file's model: frozen, and a key the model does not know (a typo
    in the file) is an error rather than silently ignored."""

    model_config = ConfigDict(frozen=True, extra="forbid")


_V = TypeVar("_V", bound=Vocabulary)


def load_vocabulary(package: str, filename: str, model: type[_V]) -> _V:
    """The TOML file ``filename`` of ``package``, validated by ``model``.

    Raises :class:`~geo.errors.VocabularyError` naming the file when it cannot be read, is
    not TOML, or does not fit the model (every problem in one line).
    """
    name = f"{package.replace('.', '/')}/{filename}"
    try:
        text = resources.files(package).joinpath(filename).read_text(encoding="utf-8")
    except OSError as err:
        raise VocabularyError(f"vocabulary {name}: cannot be read ({err.strerror})") from err
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise VocabularyError(f"vocabulary {name}: not valid TOML ({err})") from err
    try:
        return model.model_validate(data)
    except ValidationError as err:
        raise VocabularyError(f"vocabulary {name}: {_problems(err)}") from err


def _problems(err: ValidationError) -> str:
    problems = [
        f"{'.'.join(str(part) for part in error['loc']) or 'file'}: {error['msg']}"
        for error in err.errors()
    ]
    return f"{len(problems)} problem{'s' if len(problems) > 1 else ''}: " + "; ".join(problems)
