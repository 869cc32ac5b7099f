"""ACLED's notation of a location's admin areas: "Al-Jineh village (Atareb, Aleppo)".

A location, then its admin areas in parentheses, most specific first and the province
last. The places stage reads two things from it: a name that opens the parenthesis opens
no sentence (:func:`opens`), and the name that closes it after others is a province
(:func:`closes`). The events stage links each name to the next as its container
(geo/events/containment.py), with :data:`GOES_ON` and :data:`CLOSING`.
"""

from __future__ import annotations

import re

__all__ = ["CLOSING", "CONTINUES", "GOES_ON", "closes", "opens"]

GOES_ON = re.compile(r"\s*[,)]")
"""After a name of the chain: a comma, or the closing parenthesis."""
CLOSING = re.compile(r"\s*\)")
"""After the last name of the chain."""
CONTINUES = re.compile(r"\s*,")
"""After a name of the chain that is not its last: "(Hit, Anbar)" after "Hit"."""
_OPENING = re.compile(r"\w\s\(\s*$")
_AFTER_OTHERS = re.compile(r"\w\s\((?:[^(),]{1,40},\s*){1,2}$")


def opens(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` opens the chain: "(Atareb, Aleppo)".

    >>> text = "Al-Jineh village (Atareb, Aleppo)"
    >>> opens(text, 18, 24), opens(text, 26, 32)
    (True, False)
    """
    return bool(_OPENING.search(text, max(0, start - 4), start) and GOES_ON.match(text, end))


def closes(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` closes the chain after other names: the
    province ("Yakkla (Walad Rabi, Al Bayda)").

    >>> text = "Yakkla (Walad Rabi, Al Bayda)"
    >>> closes(text, 20, 28), closes(text, 8, 18)
    (True, False)
    """
    return bool(
        CLOSING.match(text, end) and _AFTER_OTHERS.search(text, max(0, start - 90), start)
    )
