"""The offline gazetteer: countries, admin areas, cities, rivers, seas and regions.

>>> from gazetteer import open_gazetteer
>>> open_gazetteer().lookup("Syrian", limit=1)[0].id  # doctest: +SKIP
'country:SY'
"""

from __future__ import annotations

from gazetteer.model import Candidate, Entry, FeatureClass, NameKind, ReverseResult
from gazetteer.store import Gazetteer, default_store_path, open_gazetteer

__all__ = [
    "Candidate",
    "Entry",
    "FeatureClass",
    "Gazetteer",
    "NameKind",
    "ReverseResult",
    "default_store_path",
    "open_gazetteer",
]
