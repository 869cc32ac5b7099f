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
from importlib import resources
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from geo.errors import VocabularyError

__all__ = ["Pattern", "Vocabulary", "load_vocabulary"]


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as err:
        raise ValueError(f"not a regular expression ({err})") from None
    return pattern


Pattern = Annotated[str, AfterValidator(_compiles)]
"""A regular expression (Python ``re`` syntax), checked to compile when the file loads."""


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
