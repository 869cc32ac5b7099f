"""The one error hierarchy of geo and its gazetteer.

Errors are raised where they are detected and rendered once, as a single line, by the CLI.
Each class also inherits the matching built-in so callers can catch what they expect
(the geopy habit: ``ConfigurationError(GeopyError, ValueError)``).
"""

from __future__ import annotations

__all__ = [
    "ClusterError",
    "DocumentError",
    "GazetteerDataError",
    "GazetteerError",
    "GeoError",
    "InputError",
    "OutputError",
    "QueryError",
    "VocabularyError",
]


class GeoError(Exception):
    """Base of every error geo raises on purpose."""


class InputError(GeoError, ValueError):
    """An input path, option or value cannot be used."""


class DocumentError(InputError):
    """One document cannot be read or parsed; a batch reports it and goes on."""


class OutputError(GeoError, OSError):
    """An output cannot be written where the user asked."""


class ClusterError(GeoError):
    """The Dask cluster cannot be reached, or lost the workers of a task too often."""


class GazetteerError(GeoError):
    """Base of gazetteer problems."""


class GazetteerDataError(GazetteerError, OSError):
    """A gazetteer data file is missing or corrupt; the message says how to rebuild it."""


class QueryError(GazetteerError, ValueError):
    """A gazetteer query is malformed (empty name, coordinates out of range)."""


class VocabularyError(GeoError):
    """A vocabulary data file shipped with geo (trigger words, actor names, relation words)
    is missing or malformed; the message names the file and every problem found."""
