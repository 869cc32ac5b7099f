"""The HTML map: a folium map of geo's GeoJSON FeatureCollection, online or self-contained.

One switchable layer per feature kind (events, uncertainty, zones, features, places, and an
optional vector basemap), a legend, a title, a time slider, attribution and fitted bounds.
Their colours and line styles are data: ``map_style.toml`` beside this module, read once at
import and validated by :class:`MapStyleFile`.

Safety rule, kept in one place: every text from the input (article titles, sentences, names,
URLs) reaches the page only as HTML escaped here (:func:`escape_text`) and carried into
JavaScript as JSON by :func:`script_json`, which also escapes every ``<``. Nothing from the
input is ever written into JavaScript source or a folium ``Popup`` (whose template pastes
HTML into a JavaScript template literal). Only http(s) URLs become links.

Example:
    >>> html = render_map({"type": "FeatureCollection", "features": []}, title="Empty")
    >>> "Empty" in html and "L.map(" in html
    True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html as html_lib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Annotated, Any, Literal

import folium
from folium.elements import JSCSSMixin
from folium.map import CustomPane
from folium.plugins import MarkerCluster
from folium.template import Template
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    field_validator,
    model_validator,
)
from shapely.geometry import shape

from gazetteer.model import FeatureClass
from geo.errors import InputError
from geo.events.taxonomy import EventType
from geo.outputs.assets import (
    TABLE_CSS_URL,
    TABLE_JS_URL,
    default_icon_data_uris,
    inline_assets,
)
from geo.vocabulary import Vocabulary, distinct, load_vocabulary

__all__ = [
    "BASEMAP_LAYER",
    "CLUSTER_THRESHOLD",
    "MAP_STYLE",
    "ONLINE_LAYER",
    "Actor",
    "Attribution",
    "DefaultIconImages",
    "EventMarkers",
    "EventProperties",
    "EventTable",
    "FeatureProperties",
    "Legend",
    "MapFeature",
    "MapInput",
    "MapStyleFile",
    "Mention",
    "PathStyle",
    "PlaceProperties",
    "SourceRef",
    "TimeSlider",
    "Title",
    "VectorFeatures",
    "ZoneProperties",
    "escape_text",
    "event_popup_html",
    "event_popup_parts",
    "event_style",
    "event_table_row",
    "feature_tooltip_html",
    "link_or_text",
    "parse_collection",
    "place_popup_html",
    "render_map",
    "script_json",
    "zone_tooltip_html",
]

CLUSTER_THRESHOLD = 50
"""More events than this are clustered (MarkerCluster); fewer are drawn one by one."""

_MAX_ZOOM = 18
_MAX_LISTED_MENTIONS = 25
_BASEMAP_PANE = "geo-basemap"


# ---------------------------------------------------------------------------------------
# Input models: the properties geo's GeoJSON export writes, one model per feature kind.
# ---------------------------------------------------------------------------------------


class _Props(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


def _parse_partial_date(value: object) -> dt.date | None:
    """Accept ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or a date; a partial date starts its period."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"date must be an ISO 8601 string, got {type(value).__name__}")
    text = value.strip()
    for pattern, suffix in (("%Y-%m-%d", ""), ("%Y-%m", "-01"), ("%Y", "-01-01")):
        try:
            dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
        return dt.date.fromisoformat(text + suffix)
    return dt.date.fromisoformat(text[:10])  # full timestamps; raises ValueError otherwise


class SourceRef(_Props):
    """One article a statement came from."""

    document_id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    sentence: str | None = None
    start: int | None = None
    end: int | None = None


class Actor(_Props):
    """A party to an event."""

    name: str
    role: str | None = None
    country: str | None = None


class EventProperties(_Props):
    """Properties of an ``event`` Point."""

    kind: Literal["event"]
    id: str
    event_type: str = "unknown"
    event_label: str | None = None
    date: dt.date | None = None
    date_precision: str = "unknown"
    actors: list[Actor] = Field(default_factory=list)
    location_name: str | None = None
    precision: str = "unknown"
    uncertainty_km: float | None = Field(default=None, ge=0)
    confidence: float | None = Field(default=None, ge=0, le=1)
    reason: str | None = None
    sentence: str | None = None
    zone_id: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)

    _check_date = field_validator("date", mode="before")(_parse_partial_date)

    @property
    def label(self) -> str:
        """Human label of the event type (``shoot_down`` -> ``Shoot down`` if none given)."""
        return self.event_label or self.event_type.replace("_", " ").capitalize()


class ZoneProperties(_Props):
    """Properties of a ``zone`` (Multi)Polygon: the area a spatial statement describes."""

    kind: Literal["zone"]
    id: str
    relation: str | None = None
    label: str | None = None
    anchor_id: str | None = None
    anchor_name: str | None = None
    clip_name: str | None = None
    statement: str | None = None
    date: dt.date | None = None
    event_id: str | None = None
    sources: list[SourceRef] = Field(default_factory=list)

    _check_date = field_validator("date", mode="before")(_parse_partial_date)


class FeatureProperties(_Props):
    """Properties of a physical or administrative ``feature`` events refer to."""

    kind: Literal["feature"]
    id: str
    name: str | None = None
    feature_class: str | None = None
    role: str | None = None


class Mention(_Props):
    """Where a place name occurs in a document."""

    document_id: str | None = None
    text: str
    start: int | None = None
    end: int | None = None


class PlaceProperties(_Props):
    """Properties of a resolved ``place`` Point."""

    kind: Literal["place"]
    id: str
    name: str
    feature_class: str | None = None
    country: str | None = None
    mention_count: int = Field(default=0, ge=0)
    mentions: list[Mention] = Field(default_factory=list)


AnyProperties = Annotated[
    EventProperties | ZoneProperties | FeatureProperties | PlaceProperties,
    Field(discriminator="kind"),
]


class MapFeature(_Props):
    """One GeoJSON feature with typed properties; ``geometry`` stays RFC 7946 JSON."""

    geometry: dict[str, Any]
    properties: AnyProperties

    @field_validator("geometry")
    @classmethod
    def _geometry_is_readable(cls, geometry: dict[str, Any]) -> dict[str, Any]:
        try:
            geom = shape(geometry)
        except Exception as err:  # shapely raises several types for malformed GeoJSON
            raise ValueError(f"unreadable geometry: {err}") from err
        if geom.is_empty:
            raise ValueError("empty geometry")
        west, south, east, north = geom.bounds
        if not all(math.isfinite(v) for v in (west, south, east, north)):
            raise ValueError("coordinates must be finite numbers")
        if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise ValueError("coordinates must be [longitude, latitude] within ±180, ±90")
        return geometry

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """``(west, south, east, north)`` in degrees."""
        west, south, east, north = shape(self.geometry).bounds
        return (west, south, east, north)


class MapInput(_Props):
    """The features of one map, split by kind."""

    events: list[tuple[MapFeature, EventProperties]] = Field(default_factory=list)
    zones: list[tuple[MapFeature, ZoneProperties]] = Field(default_factory=list)
    features: list[tuple[MapFeature, FeatureProperties]] = Field(default_factory=list)
    places: list[tuple[MapFeature, PlaceProperties]] = Field(default_factory=list)

    def focus_features(self) -> list[MapFeature]:
        """What the map is about, for its bounds: events and zones; else the places named;
        the referenced features (a whole sea, a long river) only when there is nothing else.
        (A country merely mentioned, such as the US behind "US-backed", would otherwise
        zoom a map of Syrian events out to the whole world.)"""
        groups: list[Sequence[tuple[MapFeature, Any]]] = [self.events, self.zones]
        focus = [feature for group in groups for feature, _ in group]
        return (
            focus
            or [feature for feature, _ in self.places]
            or [feature for feature, _ in self.features]
        )


_FEATURE_LIST = TypeAdapter(list[MapFeature])


def _as_mapping(collection: Any) -> Mapping[str, Any]:
    """A FeatureCollection as a mapping: a dict, a pydantic model or ``__geo_interface__``."""
    if isinstance(collection, Mapping):
        return collection
    if isinstance(collection, BaseModel):
        dumped: dict[str, Any] = collection.model_dump(mode="json", exclude_none=False)
        return dumped
    interface = getattr(collection, "__geo_interface__", None)
    if isinstance(interface, Mapping):
        return interface
    raise InputError(f"not a GeoJSON FeatureCollection: {type(collection).__name__}")


def parse_collection(collection: Any) -> MapInput:
    """Validate a FeatureCollection and split it by ``properties.kind``.

    Every problem is collected before raising one :class:`~geo.errors.InputError`.
    """
    mapping = _as_mapping(collection)
    if mapping.get("type") != "FeatureCollection":
        raise InputError(f"expected a GeoJSON FeatureCollection, got type {mapping.get('type')!r}")
    try:
        features = _FEATURE_LIST.validate_python(mapping.get("features") or [])
    except ValidationError as err:
        problems = "; ".join(
            f"features.{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in err.errors()[:5]
        )
        raise InputError(f"{err.error_count()} invalid map feature(s): {problems}") from err
    split: dict[str, list[tuple[MapFeature, Any]]] = {
        "event": [],
        "zone": [],
        "feature": [],
        "place": [],
    }
    for feature in features:
        split[feature.properties.kind].append((feature, feature.properties))
    return MapInput(
        events=split["event"], zones=split["zone"], features=split["feature"], places=split["place"]
    )


# ---------------------------------------------------------------------------------------
# Text: escaping and links.
# ---------------------------------------------------------------------------------------


def escape_text(text: object) -> str:
    """HTML-escape any value for element content and quoted attributes.

    >>> escape_text('"><script>alert(1)</script>')
    '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> escape_text(None)
    ''
    """
    return "" if text is None else html_lib.escape(str(text), quote=True)


def _is_web_url(url: str) -> bool:
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def link_or_text(label: str, url: str | None) -> str:
    """An ``<a>`` for http(s) URLs; anything else (``javascript:``, ``data:``) stays text.

    >>> link_or_text("A & B", "https://example.org/a?b=1&c=2")  # doctest: +NORMALIZE_WHITESPACE
    '<a href="https://example.org/a?b=1&amp;c=2" target="_blank"
    rel="noopener noreferrer">A &amp; B</a>'
    >>> link_or_text("x", "javascript:alert(1)")
    'x <span class="geo-url">javascript:alert(1)</span>'
    >>> link_or_text("x", None)
    'x'
    """
    if url and _is_web_url(url):
        return (
            f'<a href="{escape_text(url.strip())}" target="_blank" '
            f'rel="noopener noreferrer">{escape_text(label)}</a>'
        )
    if url:
        shown = url if len(url) <= 80 else url[:79] + "\u2026"
        return f'{escape_text(label)} <span class="geo-url">{escape_text(shown)}</span>'
    return escape_text(label)


def _source_item(source: SourceRef) -> str:
    title = source.title or source.document_id or "untitled source"
    details = ", ".join(escape_text(part) for part in (source.source, source.published) if part)
    suffix = f' <span class="geo-meta">({details})</span>' if details else ""
    return f"<li>{link_or_text(title, source.url)}{suffix}</li>"


def _sources_block(sources: Sequence[SourceRef]) -> str:
    if not sources:
        return '<p class="geo-meta">No source recorded.</p>'
    items = "".join(_source_item(source) for source in sources)
    return f'<p class="geo-heading">Sources</p><ol class="geo-sources">{items}</ol>'


def _date_text(date: dt.date | None, precision: str) -> str:
    if date is None:
        return "date unknown"
    if precision == "on_or_before":  # no day in the text: the report's day bounds it
        return f"on or before {date.isoformat()}"
    return f"{date.isoformat()} (precision: {precision})"


def _quote(text: str | None) -> str:
    return f"<blockquote>{escape_text(text)}</blockquote>" if text else ""


# ---------------------------------------------------------------------------------------
# Styles: event colours and the Leaflet style of every shape, read from map_style.toml.
# ---------------------------------------------------------------------------------------

Colour = Annotated[str, StringConstraints(pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
"""A CSS colour as ``#rgb`` or ``#rrggbb`` (kept as written: it is copied into the page)."""

_CssClasses = Annotated[
    str, StringConstraints(pattern=r"^-?[_a-zA-Z][_a-zA-Z0-9-]*( -?[_a-zA-Z][_a-zA-Z0-9-]*)*$")
]
_Dashes = Annotated[str, StringConstraints(pattern=r"^[0-9]+(\.[0-9]+)?([ ,]+[0-9]+(\.[0-9]+)?)*$")]
_Weight = Annotated[StrictInt | StrictFloat, Field(gt=0)]  # an int stays an int in the JSON
_Opacity = Annotated[StrictInt | StrictFloat, Field(ge=0, le=1)]

_OPTION_ORDER = (
    "className",
    "radius",
    "color",
    "weight",
    "dashArray",
    "fill",
    "fillColor",
    "fillOpacity",
)
"""The order of Leaflet path options in the page (each style's JSON keeps it)."""


class PathStyle(Vocabulary):
    """A Leaflet path style (``map_style.toml``), fields named as Leaflet names them.

    >>> PathStyle(className="geo-zone", weight=1.5, color="#c0392b").leaflet()
    {'className': 'geo-zone', 'color': '#c0392b', 'weight': 1.5}
    """

    className: _CssClasses
    """CSS classes of the shape (tests and the browser test find shapes by them)."""
    color: Colour | None = None
    """Line colour."""
    weight: _Weight | None = None
    """Line width in pixels."""
    dashArray: _Dashes | None = None
    """Dash pattern of the line; none for a solid line."""
    fill: bool | None = None
    """``false``: no fill (lines)."""
    fillColor: Colour | None = None
    """Fill colour (Leaflet's default is the line colour)."""
    fillOpacity: _Opacity | None = None
    """Fill opacity, 0 to 1."""

    def leaflet(self, *computed: Literal["radius", "color"]) -> dict[str, Any]:
        """The options given, in the page's order; each option in ``computed`` (filled in
        per shape by the caller) gets its place now, with the value ``None``: a dict keeps a
        key's place when its value changes, so ``{**style, "radius": 5}`` orders as before."""
        given = self.model_dump(exclude_none=True)
        return {key: given.get(key) for key in _OPTION_ORDER if key in given or key in computed}


class EventColours(Vocabulary):
    """``[events]``: colours by event type, and the palette of event types without one."""

    colours: dict[EventType, Colour]
    """Event type -> colour."""
    fallback_colours: Annotated[tuple[Colour, ...], Field(min_length=1), AfterValidator(distinct)]
    """Colours of other event types, one picked by a hash of the type's name."""


class FeatureStyles(Vocabulary):
    """``[features]``: styles of the features events refer to."""

    by_role: dict[Annotated[str, Field(min_length=1)], PathStyle]
    """By the feature's role ("targeting line"); checked before its class."""
    by_class: dict[FeatureClass, PathStyle]
    """By the feature's gazetteer class ("river")."""
    other: PathStyle
    """Any other feature."""


class BasemapStyle(Vocabulary):
    """``[basemap]``: the offline basemap drawn under everything."""

    background: Colour
    """Colour of the map's background: the sea."""
    land: PathStyle
    """Land and country polygons."""
    water: PathStyle
    """Rivers (line geometries)."""


class MapStyleFile(Vocabulary):
    """``map_style.toml``: the colours and Leaflet styles of the HTML map."""

    events: EventColours
    uncertainty: PathStyle
    """Where an event less precise than a point may lie; its colour is the event's."""
    zone: PathStyle
    """The area of a spatial statement."""
    features: FeatureStyles
    place: PathStyle
    """Resolved places (circle markers; the radius grows with the mentions)."""
    basemap: BasemapStyle

    @model_validator(mode="after")
    def _computed_options_are_not_set(self) -> MapStyleFile:
        if self.uncertainty.color is not None:
            raise ValueError("uncertainty.color: an outline takes its event's colour; remove it")
        return self


MAP_STYLE = load_vocabulary("geo.outputs", "map_style.toml", MapStyleFile)
"""The map's styles, read once at import."""


def event_style(event_type: str) -> str:
    """Colour of an event type: a fixed table, then a stable colour for unknown types.

    >>> event_style("shoot_down")
    '#c0392b'
    >>> event_style("invented_type") == event_style("invented_type")
    True
    """
    colours, fallback = MAP_STYLE.events.colours, MAP_STYLE.events.fallback_colours
    if event_type in colours:
        return colours[EventType(event_type)]
    digest = hashlib.sha1(event_type.encode("utf-8")).digest()
    return fallback[digest[0] % len(fallback)]


def _event_icon_html(label: str, colour: str) -> str:
    letter = next((char for char in label if char.isalnum()), "?").upper()
    return f'<span class="geo-event-icon" style="background:{colour}">{escape_text(letter)}</span>'


def event_popup_parts(event: EventProperties) -> list[str]:
    """The popup of an event in its blocks (escaped HTML each; :func:`event_popup_html`
    joins them). Events of one article share blocks (its sources, often the reason), so a
    map stores each distinct block once (:class:`EventMarkers`)."""
    actors = "".join(
        f"<li>{escape_text(actor.name)}{_parenthesised(actor.role, actor.country)}</li>"
        for actor in event.actors
    )
    uncertainty = f", \u00b1{event.uncertainty_km:g} km" if event.uncertainty_km is not None else ""
    confidence = f", confidence {event.confidence:.2f}" if event.confidence is not None else ""
    parts = [
        '<div class="geo-popup geo-event-popup">'
        f'<p class="geo-title">{escape_text(event.label)}</p>',
        f'<p class="geo-meta">{escape_text(_date_text(event.date, event.date_precision))}</p>',
        f'<p class="geo-heading">Actors</p><ul>{actors}</ul>' if actors else "",
        _quote(event.sentence),
        _sources_block(event.sources),
        '<p class="geo-heading">Location</p>'
        f"<p>{escape_text(event.location_name or 'unnamed location')} "
        f'<span class="geo-meta">(precision: {escape_text(event.precision)}'
        f"{escape_text(uncertainty)}{escape_text(confidence)})</span></p>",
        f'<p class="geo-reason">Why here: {escape_text(event.reason)}</p>' if event.reason else "",
        "</div>",
    ]
    return [part for part in parts if part]


def event_popup_html(event: EventProperties) -> str:
    """Popup of an event: type, date and precision, actors, sentence, sources, location."""
    return "".join(event_popup_parts(event))


def _parenthesised(*parts: str | None) -> str:
    present = [escape_text(part) for part in parts if part]
    return f" ({', '.join(present)})" if present else ""


# ---------------------------------------------------------------------------------------
# Map pieces: folium MacroElements; all JavaScript lives in these templates.
# ---------------------------------------------------------------------------------------


def script_json(value: Any) -> str:
    r"""JSON for a JavaScript expression inside ``<script>``: every ``<`` is ``\u003c``, so no
    ``</script>`` or ``<!--`` in the data can change how HTML parses the element.

    Compact (no spaces, UTF-8 kept) because an event map may carry 10,000 popups; ``>``, ``&``
    and quotes need no escaping in script text.

    >>> script_json({"t": "</script><b>é"})
    '{"t":"\\u003c/script>\\u003cb>é"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # U+2028/2029 are legal in JSON strings, and in JavaScript only since ES2019.
    text = text.replace("<", "\\u003c")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class _ScriptElement(folium.MacroElement):
    """A MacroElement whose template writes Python values with ``{{ this.js(value) }}``."""

    @staticmethod
    def js(value: Any) -> str:
        """``value`` as safe JSON inside a script (see :func:`script_json`)."""
        return script_json(value)


class VectorFeatures(_ScriptElement):
    """A GeoJSON layer whose style, popup and tooltip are prepared per feature in Python.

    ``features`` carry ``properties.style`` (Leaflet path options), and optionally
    ``popup``/``tooltip`` (escaped HTML), ``radius_m`` (draw a Point as a circle of that
    radius in metres, else a circle marker), ``date`` and ``events`` (the indices, in
    :class:`EventMarkers`, of the events the shape belongs to: :class:`EventTable` shows it
    while any of them is listed).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_shapes = {{ this.js(this.data) }};
        var {{ this.get_name() }} = L.geoJSON({{ this.get_name() }}_shapes, {
            pane: {{ this.js(this.pane) }},
            interactive: {{ this.js(this.interactive) }},
            style: function (feature) {
                return {{ this.get_name() }}_shapes.styles[feature.properties.style];
            },
            pointToLayer: function (feature, latlng) {
                var p = feature.properties;
                var style = {{ this.get_name() }}_shapes.styles[p.style];
                if (p.radius_m) {
                    return L.circle(latlng, Object.assign({radius: p.radius_m}, style));
                }
                return L.circleMarker(latlng, style);
            },
            onEachFeature: function (feature, layer) {
                var p = feature.properties;
                if (p.popup) {
                    layer.bindPopup(p.popup, {maxWidth: 380, autoPanPaddingTopLeft: [20, 60]});
                }
                if (p.tooltip) { layer.bindTooltip(p.tooltip, {sticky: true}); }
            }
        }).addTo({{ this._parent.get_name() }});
        var {{ this.get_name() }}_dated = {
            group: {{ this.get_name() }},
            items: {{ this.get_name() }}.getLayers().map(function (layer) {
                var p = layer.feature.properties;
                return [layer, p.date || null, p.events || null];
            })
        };
        {% endmacro %}
        """
    )

    def __init__(
        self,
        features: Sequence[Mapping[str, Any]],
        *,
        pane: str = "overlayPane",
        interactive: bool = True,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "VectorFeatures"
        # Each distinct style is written once ("styles", a GeoJSON foreign member) and
        # features name it by index: thousands of uncertainty circles share a few styles.
        style_index: dict[str, int] = {}
        shapes = []
        for feature in features:
            properties = dict(feature["properties"])
            key = json.dumps(properties["style"])  # keeps option order: a dict is unhashable
            properties["style"] = style_index.setdefault(key, len(style_index))
            shapes.append({**feature, "properties": properties})
        self.data = {
            "type": "FeatureCollection",
            "styles": [json.loads(key) for key in style_index],
            "features": shapes,
        }
        self.pane = pane
        self.interactive = interactive


class EventMarkers(_ScriptElement):
    """Event markers (coloured letter icons with popups) added to the parent group.

    One compact record per event keeps 10,000 events small and fast, and lets a
    MarkerCluster parent take them in one ``addLayers`` call: ``[lat, lon, icon, title,
    popup, date]``, the popup as indices into ``parts`` (:func:`event_popup_parts`), joined
    when it opens.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_dated = (function () {
            var group = {{ this._parent.get_name() }};
            var icons = {{ this.js(this.icons) }}.map(function (html) {
                return L.divIcon({
                    html: html, className: "geo-event-marker",
                    iconSize: [22, 22], iconAnchor: [11, 11], popupAnchor: [0, -11]
                });
            });
            var parts = {{ this.js(this.parts) }};
            var records = {{ this.js(this.records) }};
            function popupHtml(i) {
                return records[i][4].map(function (p) { return parts[p]; }).join("");
            }
            var markers = records.map(function (r, i) {
                var marker = L.marker([r[0], r[1]], {icon: icons[r[2]], title: r[3]});
                marker.bindPopup(function () { return popupHtml(i); },
                                 {maxWidth: 380, autoPanPaddingTopLeft: [20, 60]});
                return marker;
            });
            // A MarkerCluster adds thousands of markers in chunks, between frames; clearing
            // it meanwhile corrupts its clusters, so a new set waits for the last to finish.
            var loading = false, next = null, callbacks = [];
            if (group.addLayers) {
                group.options.chunkProgress = function (processed, total) {
                    if (processed < total) { return; }
                    loading = false;
                    if (next !== null) { var waiting = next; next = null; show(waiting); }
                    if (loading) { return; }
                    var run = callbacks;
                    callbacks = [];
                    run.forEach(function (callback) { callback(); });
                };
            }
            function whenShown(callback) {
                if (loading) { callbacks.push(callback); } else { callback(); }
            }
            function show(layers) {
                if (loading) { next = layers; return; }
                group.clearLayers();
                if (group.addLayers) {
                    loading = !!group._map;  // off the map, it adds them at once
                    group.addLayers(layers);
                } else { layers.forEach(function (m) { group.addLayer(m); }); }
            }
            show(markers);
            return {
                group: group,
                show: show,
                whenShown: whenShown,
                popupHtml: popupHtml,
                items: markers.map(function (m, i) { return [m, records[i][5], [i]]; })
            };
        })();
        {% endmacro %}
        """
    )

    def __init__(self, events: Sequence[tuple[MapFeature, EventProperties]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "EventMarkers"
        icon_index: dict[str, int] = {}
        part_index: dict[str, int] = {}
        self.icons: list[str] = []
        self.records: list[list[Any]] = []
        for feature, event in events:
            if event.event_type not in icon_index:
                icon_index[event.event_type] = len(self.icons)
                self.icons.append(_event_icon_html(event.label, event_style(event.event_type)))
            lon, lat = _point_lon_lat(feature)
            title = f"{event.label} \u2013 {event.location_name or 'unnamed location'}"
            self.records.append(
                [
                    round(lat, 6),
                    round(lon, 6),
                    icon_index[event.event_type],
                    title,  # a marker's title is set as an attribute value: inert text
                    [
                        part_index.setdefault(part, len(part_index))
                        for part in event_popup_parts(event)
                    ],
                    event.date.isoformat() if event.date else None,
                ]
            )
        self.parts = list(part_index)  # each distinct popup block once, in first-use order


class TimeSlider(_ScriptElement):
    """A timeline control: list and show dated events up to the chosen date; undated ones on
    a switch. It filters through ``table`` (:class:`EventTable`), so the slider, the table's
    own filters and the map always agree on the events shown."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .geo-time { background: #fff; padding: 6px 10px; border-radius: 4px;
                    font: 12px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
        .geo-time input[type=range] { width: 220px; display: block; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var dates = {{ this.js(this.dates) }};
            var filter = {{ this.table.get_name() }}_filter;
            var control = L.control({position: "bottomleft"});
            control.onAdd = function () {
                var box = L.DomUtil.create("div", "geo-time leaflet-control");
                var label = L.DomUtil.create("div", "geo-time-label", box);
                var slider = L.DomUtil.create("input", "geo-time-slider", box);
                slider.type = "range"; slider.min = 0; slider.max = dates.length - 1;
                slider.step = 1; slider.value = dates.length - 1;
                var undatedLabel = L.DomUtil.create("label", "", box);
                var undated = L.DomUtil.create("input", "geo-time-undated", undatedLabel);
                undated.type = "checkbox"; undated.checked = true;
                undatedLabel.appendChild(document.createTextNode(" undated events"));
                function apply() {
                    var limit = dates[Number(slider.value)];
                    label.textContent = "Events up to " + limit;
                    filter.setUpTo(limit, undated.checked);
                }
                slider.addEventListener("input", apply);
                undated.addEventListener("change", apply);
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                label.textContent = "Events up to " + dates[dates.length - 1];
                return box;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, dates: Sequence[str], table: EventTable) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "TimeSlider"
        self.dates = sorted(set(dates))
        self.table = table


def _actor_text(actor: Actor) -> str:
    return f"{actor.name} ({actor.role})" if actor.role else actor.name


def event_table_row(event: EventProperties) -> dict[str, Any]:
    """One row of the event table: what an analyst scans, sorts and filters by (the text
    search also reads the event's popup, so the sentence and sources are not repeated here).

    Values are plain text; the page writes them with ``textContent``, never as HTML.

    >>> event_table_row(EventProperties(kind="event", id="e", event_type="air_strike"))["type"]
    'Air strike'
    """
    return {
        "date": event.date.isoformat() if event.date else None,
        "date_precision": event.date_precision,
        "event_type": event.event_type,
        "type": event.label,
        "actors": "; ".join(_actor_text(actor) for actor in event.actors),
        "place": event.location_name or "unnamed location",
        "precision": event.precision,
        "sources": len(event.sources),
    }


class EventTable(JSCSSMixin, _ScriptElement):
    """The events as a table beside the map (Tabulator): sort by any column, search the text,
    filter by event type and date range; the map shows exactly the listed events, and a
    click on a row zooms to its event and opens the popup.

    Tabulator, because it needs no jQuery and renders only the rows in view (a virtual
    DOM), so 10,000 events stay fast. ``markers`` is the :class:`EventMarkers` element the
    rows index; ``targets`` are the elements whose ``<name>_dated`` items follow the filter
    (each item lists the indices of its events).
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .folium-map { width: 62% !important; }
        .geo-table-panel { position: absolute; top: 0; right: 0; bottom: 0; width: 38%;
                           display: flex; flex-direction: column; box-sizing: border-box;
                           border-left: 1px solid #bbb; font: 12px/1.4 sans-serif; }
        .geo-table-controls { display: flex; flex-wrap: wrap; gap: 4px 8px; padding: 6px;
                              align-items: center; background: #f4f4f4;
                              border-bottom: 1px solid #ccc; }
        .geo-table-controls input, .geo-table-controls select { font: inherit; }
        .geo-table-search { flex: 1 1 140px; }
        .geo-table-count { color: #666; }
        .geo-table { flex: 1 1 auto; min-height: 0; }
        .geo-table .tabulator-row { cursor: pointer; }
        .geo-table .tabulator-cell { white-space: normal; overflow-wrap: anywhere; }
        .geo-table .geo-cell-note { color: #666; }
        @media (max-width: 760px) {
            .folium-map { width: 100% !important; height: 60% !important; }
            .geo-table-panel { top: 60%; width: 100%; border-left: none;
                               border-top: 1px solid #bbb; }
        }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }}_filter = (function () {
            var map = {{ this._parent.get_name() }};
            var fields = {{ this.js(this.fields) }};
            var rows = {{ this.js(this.rows) }}.map(function (values, i) {
                var row = {i: i, search: null};
                fields.forEach(function (field, f) { row[field] = values[f]; });
                return row;
            });
            var types = {{ this.js(this.types) }};
            var events = {{ this.markers.get_name() }}_dated;
            var targets = [
                {% for target in this.targets %}{{ target.get_name() }}_dated,{% endfor %}
            ];
            var state = {upTo: null, undated: true, type: "", from: "", to: "", words: []};
            // What a search reads: the row and its popup's text (built at the first search).
            var entities = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'"};
            function searchText(row) {
                var shown = events.popupHtml(row.i).replace(/<[^>]*>/g, " ")
                    .replace(/&(amp|lt|gt|quot|#x27);/g, function (e) { return entities[e]; });
                return [row.date, row.type, row.actors, row.place, shown].join(" ").toLowerCase();
            }

            function el(tag, className, parent) {
                var node = document.createElement(tag);
                if (className) { node.className = className; }
                if (parent) { parent.appendChild(node); }
                return node;
            }
            var panel = el("div", "geo-table-panel", document.body);
            var controls = el("div", "geo-table-controls", panel);
            var search = el("input", "geo-table-search", controls);
            search.type = "search"; search.placeholder = "Search events";
            var typeSelect = el("select", "geo-table-type", controls);
            el("option", "", typeSelect).textContent = "All event types";
            typeSelect.options[0].value = "";
            types.forEach(function (entry) {
                var option = el("option", "", typeSelect);
                option.value = entry[0]; option.textContent = entry[1];
            });
            function dateInput(text, className) {
                var label = el("label", "", controls);
                label.appendChild(document.createTextNode(text + " "));
                var input = el("input", className, label);
                input.type = "date";
                return input;
            }
            var from = dateInput("From", "geo-table-from");
            var to = dateInput("to", "geo-table-to");
            var count = el("span", "geo-table-count", controls);
            var holder = el("div", "geo-table", panel);

            function text(value) { return document.createTextNode(value == null ? "" : value); }
            function withNote(main, note) {
                var span = el("span");
                span.appendChild(text(main));
                if (note) {
                    var words = String(note).replace(/_/g, " ");  // "on_or_before"
                    el("span", "geo-cell-note", span).textContent = " (" + words + ")";
                }
                return span;
            }
            var table = new Tabulator(holder, {
                data: rows, index: "i", height: "100%", layout: "fitColumns",
                columnDefaults: {variableHeight: true, minWidth: 64},
                renderVertical: "virtual", placeholder: "No event matches",
                initialSort: [{column: "date", dir: "asc"}],
                rowFormatter: function (row) {
                    row.getElement().setAttribute("data-event", row.getData().i);
                },
                columns: [
                    {title: "Date", field: "date", sorter: "string", minWidth: 96,
                     sorterParams: {alignEmptyValues: "bottom"},
                     formatter: function (cell) {
                        var row = cell.getData();
                        if (row.date === null) { return text("unknown"); }
                        return withNote(row.date, row.date_precision);
                     }},
                    {title: "Type", field: "type", sorter: "string",
                     formatter: function (cell) { return text(cell.getValue()); }},
                    {title: "Actors", field: "actors", sorter: "string",
                     formatter: function (cell) { return text(cell.getValue()); }},
                    {title: "Place", field: "place", sorter: "string",
                     formatter: function (cell) {
                        var row = cell.getData();
                        return withNote(row.place, row.precision);
                     }},
                    {title: "Sources", field: "sources", sorter: "number", width: 80,
                     hozAlign: "right",
                     formatter: function (cell) { return text(String(cell.getValue())); }}
                ]
            });

            function keep(row) {
                if (state.type && row.event_type !== state.type) { return false; }
                if (row.date === null) {
                    if (!state.undated || state.from || state.to) { return false; }
                } else if ((state.upTo && row.date > state.upTo)
                           || (state.from && row.date < state.from)
                           || (state.to && row.date > state.to)) {
                    return false;
                }
                if (state.words.length && row.search === null) { row.search = searchText(row); }
                return state.words.every(function (word) {
                    return row.search.indexOf(word) !== -1;
                });
            }
            function showOnMap(listed) {
                var shown = new Uint8Array(rows.length);
                listed.forEach(function (row) { shown[row.getData().i] = 1; });
                count.textContent = listed.length + " of " + rows.length + " events";
                targets.forEach(function (target) {
                    var visible = target.items.filter(function (item) {
                        return item[2] === null || item[2].some(function (i) {
                            return shown[i];
                        });
                    }).map(function (item) { return item[0]; });
                    if (target.show) { target.show(visible); return; }
                    target.group.clearLayers();
                    visible.forEach(function (l) { target.group.addLayer(l); });
                });
            }
            // Unfiltered at first: the map already shows every event.
            var built = false, pending = false;
            function refilter() {
                if (built) { table.setFilter(keep); } else { pending = true; }
            }
            table.on("tableBuilt", function () {
                built = true;
                table.on("dataFiltered", function (filters, listed) { showOnMap(listed); });
                if (pending) { refilter(); }
            });
            table.on("rowClick", function (event, row) {
                var marker = events.items[row.getData().i][0];
                if (!map.hasLayer(events.group)) { map.addLayer(events.group); }
                events.whenShown(function () {  // the marker may be still on its way in
                    if (events.group.zoomToShowLayer) {
                        events.group.zoomToShowLayer(marker, function () { marker.openPopup(); });
                    } else {
                        map.setView(marker.getLatLng(), Math.max(map.getZoom(), 9));
                        marker.openPopup();
                    }
                });
            });
            search.addEventListener("input", function () {
                state.words = search.value.toLowerCase().split(/\\s+/).filter(Boolean);
                refilter();
            });
            typeSelect.addEventListener("change", function () {
                state.type = typeSelect.value; refilter();
            });
            from.addEventListener("change", function () { state.from = from.value; refilter(); });
            to.addEventListener("change", function () { state.to = to.value; refilter(); });
            count.textContent = rows.length + " of " + rows.length + " events";
            return {
                table: table,
                setUpTo: function (limit, undated) {
                    state.upTo = limit; state.undated = undated; refilter();
                }
            };
        })();
        {% endmacro %}
        """
    )

    def __init__(
        self,
        events: Sequence[tuple[MapFeature, EventProperties]],
        markers: EventMarkers,
        targets: Sequence[folium.MacroElement],
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "EventTable"
        self.default_js = [("tabulator", TABLE_JS_URL)]
        self.default_css = [("tabulator_css", TABLE_CSS_URL)]
        rows = [event_table_row(event) for _, event in events]
        # Rows as arrays under one list of field names: 10,000 rows stay small.
        self.fields = list(rows[0]) if rows else []
        self.rows = [list(row.values()) for row in rows]
        self.types = sorted(
            {event.event_type: event.label for _, event in events}.items(),
            key=lambda entry: entry[1],
        )
        self.markers = markers
        self.targets = list(targets)


class Legend(_ScriptElement):
    """Event type -> colour, built with DOM text nodes (labels come from the input)."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .geo-legend { background: #fff; padding: 6px 10px; border-radius: 4px;
                      font: 12px/1.6 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
        .geo-legend-swatch { display: inline-block; width: 12px; height: 12px;
                             border-radius: 50%; margin-right: 6px; vertical-align: -1px; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var entries = {{ this.js(this.entries) }};
            var control = L.control({position: "bottomright"});
            control.onAdd = function () {
                var box = L.DomUtil.create("div", "geo-legend leaflet-control");
                L.DomUtil.create("strong", "", box).textContent = "Event types";
                entries.forEach(function (entry) {
                    var row = L.DomUtil.create("div", "geo-legend-entry", box);
                    L.DomUtil.create("span", "geo-legend-swatch", row).style.background = entry[1];
                    row.appendChild(document.createTextNode(entry[0]));
                });
                return box;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, entries: Sequence[tuple[str, str]]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "Legend"
        self.entries = [list(entry) for entry in entries]


class Title(_ScriptElement):
    """The map title (also the document title) and the popup/tooltip stylesheet."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
        .geo-map-title { position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
                         z-index: 1000; background: rgba(255,255,255,.9); padding: 4px 12px;
                         border-radius: 4px; font: bold 15px/1.4 sans-serif;
                         box-shadow: 0 1px 4px rgba(0,0,0,.3); pointer-events: none; }
        .geo-event-marker { background: none; border: none; }
        .geo-event-icon { display: block; width: 18px; height: 18px; border-radius: 50%;
                          border: 2px solid #fff; color: #fff; text-align: center;
                          font: bold 11px/18px sans-serif; box-shadow: 0 0 3px rgba(0,0,0,.6); }
        .geo-popup { font: 12px/1.45 sans-serif; }
        .geo-popup p { margin: 2px 0; }
        .geo-popup blockquote { margin: 4px 0; padding-left: 6px; border-left: 3px solid #ccc;
                                font-style: italic; }
        .geo-popup ol, .geo-popup ul { margin: 2px 0; padding-left: 18px; }
        .geo-title { font-weight: bold; font-size: 13px; }
        .geo-heading { font-weight: bold; margin-top: 6px !important; }
        .geo-meta, .geo-url { color: #666; }
        .geo-url { font-family: monospace; word-break: break-all; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var title = {{ this.js(this.title) }};
            document.title = title;
            var box = L.DomUtil.create("div", "geo-map-title");
            box.textContent = title;
            {{ this._parent.get_name() }}.getContainer().appendChild(box);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "Title"
        self.title = title


class Attribution(_ScriptElement):
    """Credit every data source in the attribution control (text is escaped: Leaflet
    inserts attributions as HTML)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {% for text in this.texts %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.js(text) }});
        {% endfor %}
        {% endmacro %}
        """
    )

    def __init__(self, attributions: Iterable[str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "Attribution"
        self.texts = [escape_text(text) for text in dict.fromkeys(attributions) if text]


class DefaultIconImages(_ScriptElement):
    """Inlined pages: Leaflet's default marker images as data URIs (its path lookup relies on
    where leaflet.css was loaded from, which an inlined stylesheet no longer has)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        L.Icon.Default.imagePath = "";
        L.Icon.Default.mergeOptions({{ this.js(this.icons) }});
        {% endmacro %}
        """
    )

    def __init__(self, icons: Mapping[str, str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "DefaultIconImages"
        self.icons = dict(icons)


class _SeaBackground(_ScriptElement):
    """Water-coloured map background behind an offline vector basemap."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>.leaflet-container { background: {{ this.colour }}; }</style>
        {% endmacro %}
        """
    )

    def __init__(self, colour: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self.colour = colour  # a validated "#rrggbb": safe in a stylesheet


# ---------------------------------------------------------------------------------------
# Layers: one function per kind, each returning a folium layer.
# ---------------------------------------------------------------------------------------


def _point_lon_lat(feature: MapFeature) -> tuple[float, float]:
    geom = shape(feature.geometry)
    point = geom if geom.geom_type == "Point" else geom.representative_point()
    return (point.x, point.y)


def _drawn(geometry: Mapping[str, Any], style: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    properties = {"style": dict(style), **{k: v for k, v in extra.items() if v is not None}}
    return {"type": "Feature", "geometry": dict(geometry), "properties": properties}


def _event_layer(
    events: Sequence[tuple[MapFeature, EventProperties]],
) -> tuple[folium.map.Layer, EventMarkers]:
    group: folium.map.Layer
    if len(events) > CLUSTER_THRESHOLD:
        group = MarkerCluster(  # type: ignore[no-untyped-call]
            name="Events", chunkedLoading=True, maxClusterRadius=50
        )
    else:
        group = folium.FeatureGroup(name="Events")
    markers = EventMarkers(events)
    group.add_child(markers)
    return group, markers


def _uncertainty_tooltip(event: EventProperties) -> str:
    spread = f", \u00b1{event.uncertainty_km:g} km" if event.uncertainty_km else ""
    return (
        f"{escape_text(event.label)}: location uncertain "
        f"(precision {escape_text(event.precision)}{escape_text(spread)})"
    )


_UNCERTAINTY_STYLE = MappingProxyType(MAP_STYLE.uncertainty.leaflet("color"))


def _uncertainty_style(event: EventProperties) -> dict[str, Any]:
    return {**_UNCERTAINTY_STYLE, "color": event_style(event.event_type)}


def _zone_uncertainty(
    indexed: Sequence[tuple[int, EventProperties]], zone: MapFeature
) -> dict[str, Any]:
    """One outline per zone however many events share it; dated by its earliest event, and
    shown while any of its events is (``events``: their indices in the event layer)."""
    events = [event for _, event in indexed]
    dates = sorted(event.date.isoformat() for event in events if event.date)
    tooltip = "<br>".join(dict.fromkeys(_uncertainty_tooltip(event) for event in events))
    return _drawn(
        zone.geometry,
        _uncertainty_style(events[0]),
        tooltip=tooltip,
        date=dates[0] if dates and len(dates) == len(events) else None,
        events=[index for index, _ in indexed],
    )


def _circle_uncertainty(index: int, feature: MapFeature, event: EventProperties) -> dict[str, Any]:
    lon, lat = _point_lon_lat(feature)
    return _drawn(
        {"type": "Point", "coordinates": [lon, lat]},
        _uncertainty_style(event),
        tooltip=_uncertainty_tooltip(event),
        date=event.date.isoformat() if event.date else None,
        radius_m=(event.uncertainty_km or 0) * 1000,
        events=[index],
    )


def _uncertainty_shapes(
    events: Sequence[tuple[MapFeature, EventProperties]],
    zones: Sequence[tuple[MapFeature, ZoneProperties]],
) -> list[dict[str, Any]]:
    """Where each event less precise than a point may lie: its zone polygon, else a circle
    of ``uncertainty_km``; nothing for points or when neither is known."""
    zone_by_id = {props.id: feature for feature, props in zones}
    by_zone: dict[str, list[tuple[int, EventProperties]]] = {}
    circles = []
    for index, (feature, event) in enumerate(events):
        if event.precision == "point":
            continue
        if event.zone_id in zone_by_id:
            by_zone.setdefault(event.zone_id, []).append((index, event))
        elif event.uncertainty_km:
            circles.append(_circle_uncertainty(index, feature, event))
    outlines = [_zone_uncertainty(group, zone_by_id[zone_id]) for zone_id, group in by_zone.items()]
    return outlines + circles


def _uncertainty_layer(
    events: Sequence[tuple[MapFeature, EventProperties]],
    zones: Sequence[tuple[MapFeature, ZoneProperties]],
) -> tuple[folium.FeatureGroup, VectorFeatures]:
    layer = VectorFeatures(_uncertainty_shapes(events, zones))
    # Thousands of circles hide the clusters: offered, but switched off, on crowded maps.
    group = folium.FeatureGroup(name="Uncertainty", show=len(events) <= CLUSTER_THRESHOLD)
    group.add_child(layer)
    return group, layer


def zone_tooltip_html(zone: ZoneProperties) -> str:
    """Tooltip of a zone: its label, the statement quoted, its date and sources."""
    sources = "; ".join(
        escape_text(source.title or source.document_id or "untitled source")
        for source in zone.sources
    )
    return (
        f'<div class="geo-popup"><p class="geo-title">{escape_text(zone.label or zone.id)}</p>'
        + _quote(zone.statement)
        + f'<p class="geo-meta">{escape_text(zone.date.isoformat() if zone.date else "undated")}'
        + (f" \u2013 {sources}" if sources else "")
        + "</p></div>"
    )


_ZONE_STYLE = MappingProxyType(MAP_STYLE.zone.leaflet())


def _zone_layer(zones: Sequence[tuple[MapFeature, ZoneProperties]]) -> folium.FeatureGroup:
    drawn = [
        _drawn(feature.geometry, _ZONE_STYLE, tooltip=zone_tooltip_html(zone))
        for feature, zone in zones
    ]
    group = folium.FeatureGroup(name="Zones")
    group.add_child(VectorFeatures(drawn))
    return group


_FEATURE_STYLES = (  # by role, by feature class
    {role: MappingProxyType(style.leaflet()) for role, style in MAP_STYLE.features.by_role.items()},
    {
        feature_class.value: MappingProxyType(style.leaflet())
        for feature_class, style in MAP_STYLE.features.by_class.items()
    },
)
_OTHER_FEATURE_STYLE = MappingProxyType(MAP_STYLE.features.other.leaflet())


def _feature_style(feature: FeatureProperties) -> Mapping[str, Any]:
    """The style of the feature's role, else of its class, else the style of other features."""
    for key, styles in zip((feature.role, feature.feature_class), _FEATURE_STYLES, strict=True):
        if key is not None and key in styles:
            return styles[key]
    return _OTHER_FEATURE_STYLE


def feature_tooltip_html(feature: FeatureProperties) -> str:
    """Tooltip of a physical/admin feature; a zone's anchor river says "targeting line"."""
    name = escape_text(feature.name or feature.id)
    if feature.role == "targeting line":
        return f"<strong>targeting line</strong>: {name}"
    return f"{name}{_parenthesised(feature.feature_class, feature.role)}"


def _feature_layer(features: Sequence[tuple[MapFeature, FeatureProperties]]) -> folium.FeatureGroup:
    drawn = [
        _drawn(feature.geometry, _feature_style(props), tooltip=feature_tooltip_html(props))
        for feature, props in features
    ]
    group = folium.FeatureGroup(name="Features")
    group.add_child(VectorFeatures(drawn))
    return group


def place_popup_html(place: PlaceProperties) -> str:
    """Popup of a place: name, class, country and (the first 25) mentions."""
    listed = place.mentions[:_MAX_LISTED_MENTIONS]
    items = "".join(
        f"<li>\u201c{escape_text(mention.text)}\u201d"
        f'<span class="geo-meta"> in {escape_text(mention.document_id or "?")}'
        + (f" [{mention.start}\u2013{mention.end}]" if mention.start is not None else "")
        + "</span></li>"
        for mention in listed
    )
    more = len(place.mentions) - len(listed)
    return (
        f'<div class="geo-popup"><p class="geo-title">{escape_text(place.name)}</p>'
        f'<p class="geo-meta">{escape_text(place.feature_class or "place")}'
        f"{_parenthesised(place.country)}, {place.mention_count} mention(s)</p>"
        + (f"<ul>{items}</ul>" if items else "")
        + (f'<p class="geo-meta">and {more} more</p>' if more > 0 else "")
        + "</div>"
    )


def _place_radius(mention_count: int) -> float:
    """Circle radius in pixels: grows with the square root of mentions, capped."""
    return round(min(4.0 + 2.0 * math.sqrt(mention_count), 16.0), 1)


_PLACE_STYLE = MappingProxyType(MAP_STYLE.place.leaflet("radius"))


def _place_layer(places: Sequence[tuple[MapFeature, PlaceProperties]]) -> folium.FeatureGroup:
    drawn = []
    for feature, place in places:
        lon, lat = _point_lon_lat(feature)
        style = {**_PLACE_STYLE, "radius": _place_radius(place.mention_count)}
        point = {"type": "Point", "coordinates": [lon, lat]}
        popup, tooltip = place_popup_html(place), escape_text(place.name)
        drawn.append(_drawn(point, style, popup=popup, tooltip=tooltip))
    group = folium.FeatureGroup(name="Places", show=True)
    group.add_child(VectorFeatures(drawn))
    return group


_BASEMAP_STYLES = (
    MappingProxyType(MAP_STYLE.basemap.land.leaflet()),
    MappingProxyType(MAP_STYLE.basemap.water.leaflet()),
)


def _basemap_layer(basemap: Mapping[str, Any]) -> folium.FeatureGroup:
    """The caller's land/country polygons and rivers, drawn under everything, not clickable."""
    land, water = _BASEMAP_STYLES
    drawn = []
    for feature in basemap.get("features") or []:
        geometry = feature.get("geometry") if isinstance(feature, Mapping) else None
        if not geometry:
            continue
        is_line = str(geometry.get("type", "")).endswith("LineString")
        drawn.append(_drawn(geometry, water if is_line else land))
    group = folium.FeatureGroup(name=BASEMAP_LAYER, overlay=False)  # a base layer
    group.add_child(VectorFeatures(drawn, pane=_BASEMAP_PANE, interactive=False))
    return group


def _bounds(items: Sequence[MapFeature]) -> list[list[float]] | None:
    if not items:
        return None
    boxes = [item.bounds for item in items]
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    return [[south, west], [north, east]]


def _legend_entries(events: Sequence[tuple[MapFeature, EventProperties]]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for _, event in events:
        seen.setdefault(event.event_type, event.label)
    return [(label, event_style(event_type)) for event_type, label in sorted(seen.items())]


# ---------------------------------------------------------------------------------------
# The map.
# ---------------------------------------------------------------------------------------


ONLINE_LAYER = "OpenStreetMap (online)"
"""The online tile layer's name in the layer control."""
BASEMAP_LAYER = "Natural Earth (offline)"
"""The offline basemap's name in the layer control."""


def _new_map() -> folium.Map:
    fmap = folium.Map(
        location=[20, 0],
        zoom_start=2,
        tiles=None,  # base layers are added by render_map: the offline basemap, tiles
        control_scale=True,
        maxZoom=_MAX_ZOOM,  # with tiles=None folium drops max_zoom; MarkerCluster needs it
        minZoom=1,
    )
    # Only Leaflet: our pieces use no jQuery, Bootstrap or icon fonts (smaller, fewer CDNs).
    fmap.default_js = [(name, url) for name, url in fmap.default_js if name == "leaflet"]
    fmap.default_css = [(name, url) for name, url in fmap.default_css if name == "leaflet_css"]
    return fmap


def _add_base_layers(fmap: folium.Map, basemap: Mapping[str, Any] | None, offline: bool) -> None:
    """The offline basemap (the default when given) and, unless ``offline``, online tiles
    offered in the layer control: shown first only when there is no basemap."""
    if basemap is not None:
        fmap.add_child(CustomPane(_BASEMAP_PANE, z_index=250, pointer_events=False))
        fmap.add_child(_SeaBackground(MAP_STYLE.basemap.background))
        fmap.add_child(_basemap_layer(basemap))
    if not offline:
        fmap.add_child(folium.TileLayer("OpenStreetMap", name=ONLINE_LAYER, show=basemap is None))


def _add_event_pieces(
    fmap: folium.Map, parsed: MapInput, markers: EventMarkers, uncertainty: VectorFeatures
) -> None:
    """The event table, the time slider and the legend (nothing when there is no event)."""
    if not parsed.events:
        return
    table = EventTable(parsed.events, markers, [markers, uncertainty])
    fmap.add_child(table)
    dates = [event.date.isoformat() for _, event in parsed.events if event.date]
    if dates:
        fmap.add_child(TimeSlider(dates, table))
    fmap.add_child(Legend(_legend_entries(parsed.events)))


def render_map(
    collection: Any,
    *,
    title: str,
    offline: bool = False,
    basemap: Mapping[str, Any] | None = None,
    attributions: Sequence[str] = (),
    cdn: bool = False,
) -> str:
    """Render a geo FeatureCollection as a complete HTML page and return it.

    ``collection`` is a dict, a pydantic model or anything with ``__geo_interface__``.
    The page is one file that opens with no network: every script and stylesheet is inlined
    from ``geo/outputs/assets/node_modules`` (:class:`~geo.errors.OutputError` if not
    installed); ``basemap``, a FeatureCollection of land polygons and rivers, is its base
    layer, and OpenStreetMap tiles are offered in the layer control for when the network is
    there. ``offline=True`` leaves the tiles out; ``cdn=True`` loads the scripts from CDNs
    instead (a smaller file that needs the network). Events are also listed in a table
    beside the map (:class:`EventTable`).
    Raises :class:`~geo.errors.InputError` for an invalid collection.
    """
    if offline and cdn:
        raise ValueError("an offline map cannot load its scripts from CDNs")
    parsed = parse_collection(collection)
    fmap = _new_map()
    fmap.add_child(Title(title))
    _add_base_layers(fmap, basemap, offline)
    fmap.add_child(_feature_layer(parsed.features))
    fmap.add_child(_zone_layer(parsed.zones))
    uncertainty_group, uncertainty = _uncertainty_layer(parsed.events, parsed.zones)
    fmap.add_child(uncertainty_group)
    fmap.add_child(_place_layer(parsed.places))
    event_group, markers = _event_layer(parsed.events)
    fmap.add_child(event_group)
    _add_event_pieces(fmap, parsed, markers, uncertainty)
    fmap.add_child(Attribution(attributions))
    if not cdn:
        fmap.add_child(DefaultIconImages(default_icon_data_uris()))
    fmap.add_child(folium.LayerControl(collapsed=False))
    bounds = _bounds(parsed.focus_features())
    if bounds is not None:
        fmap.fit_bounds(bounds, padding=(20, 20), max_zoom=9)
    page = fmap.get_root().render()
    return page if cdn else inline_assets(page)
