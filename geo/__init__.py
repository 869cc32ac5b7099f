"""geo: an offline geospatial event mapper.

Text in, places and events out, then a map and RFC 7946 GeoJSON. Heavy modules are
imported lazily so that ``import geo`` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
