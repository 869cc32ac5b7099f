"""Local copies of the JavaScript and CSS our folium maps load, and inlining them.

folium pages load Leaflet and its plugins from CDNs. geo's maps must open with no network
(only ``cdn=True`` keeps the CDN references), so every ``<script src>`` and stylesheet
``<link>`` folium writes is replaced by an inline copy of the same file from the npm
packages pinned in
``geo/outputs/assets/package.json`` (installed with ``npm ci --prefix geo/outputs/assets``).

Only URLs listed in :data:`CDN_ASSETS` can be inlined: an unknown URL raises instead of
silently leaving a network reference in a map that claims to be offline.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from geo.errors import OutputError

__all__ = [
    "ASSETS_DIR",
    "CDN_ASSETS",
    "INSTALL_COMMAND",
    "TABLE_CSS_URL",
    "TABLE_JS_URL",
    "AssetFile",
    "data_uri",
    "default_icon_data_uris",
    "escape_inline_script",
    "inline_assets",
    "node_modules_dir",
    "require_assets",
]

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
INSTALL_COMMAND = "npm ci --prefix geo/outputs/assets"

_MARKERCLUSTER_CDN = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0"
_TABULATOR_CDN = "https://cdn.jsdelivr.net/npm/tabulator-tables@6.5.3/dist"
TABLE_JS_URL = f"{_TABULATOR_CDN}/js/tabulator.min.js"
"""The event table's library (Tabulator), as a CDN URL: inlined like folium's own assets."""
TABLE_CSS_URL = f"{_TABULATOR_CDN}/css/tabulator.min.css"


@dataclass(frozen=True)
class AssetFile:
    """One file of an npm package: ``package`` (as named in package.json) and its ``path``."""

    package: str
    path: str

    def locate(self, modules: Path) -> Path:
        """The file under ``modules`` (a node_modules directory)."""
        return modules / self.package / PurePosixPath(self.path)


# folium's CDN URL -> the same file in the pinned npm package.
CDN_ASSETS: dict[str, AssetFile] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": AssetFile(
        "leaflet", "dist/leaflet.js"
    ),
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": AssetFile(
        "leaflet", "dist/leaflet.css"
    ),
    f"{_MARKERCLUSTER_CDN}/leaflet.markercluster.js": AssetFile(
        "leaflet.markercluster", "dist/leaflet.markercluster.js"
    ),
    f"{_MARKERCLUSTER_CDN}/MarkerCluster.css": AssetFile(
        "leaflet.markercluster", "dist/MarkerCluster.css"
    ),
    f"{_MARKERCLUSTER_CDN}/MarkerCluster.Default.css": AssetFile(
        "leaflet.markercluster", "dist/MarkerCluster.Default.css"
    ),
    TABLE_JS_URL: AssetFile("tabulator-tables", "dist/js/tabulator.min.js"),
    TABLE_CSS_URL: AssetFile("tabulator-tables", "dist/css/tabulator.min.css"),
}

_DEFAULT_ICONS = {
    "iconUrl": AssetFile("leaflet", "dist/images/marker-icon.png"),
    "iconRetinaUrl": AssetFile("leaflet", "dist/images/marker-icon-2x.png"),
    "shadowUrl": AssetFile("leaflet", "dist/images/marker-shadow.png"),
}

# folium writes exactly these two forms (branca JavascriptLink / CssLink templates).
_ASSET_TAG = re.compile(
    r'<script src="(?P<script>[^"]+)"></script>'
    r'|<link rel="stylesheet" href="(?P<css>[^"]+)"\s*/?>'
)
_CSS_URL = re.compile(r"url\((?P<quote>['\"]?)(?P<ref>[^'\")]+)(?P=quote)\)")
_REMOTE_REF = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="(?P<url>(?:https?:)?//[^"]*)"')


def node_modules_dir(root: Path | None = None) -> Path:
    """Where ``npm ci --prefix geo/outputs/assets`` installs the packages (under ``root``)."""
    return (ASSETS_DIR if root is None else root) / "node_modules"


def require_assets(root: Path | None = None) -> Path:
    """Return the node_modules directory, or raise naming the command that installs it.

    >>> require_assets(Path("/nonexistent"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    geo.errors.OutputError: offline assets missing: run `npm ci --prefix geo/outputs/assets` ...
    """
    modules = node_modules_dir(root)
    missing = [
        asset.locate(modules)
        for asset in [*CDN_ASSETS.values(), *_DEFAULT_ICONS.values()]
        if not asset.locate(modules).is_file()
    ]
    if missing:
        raise OutputError(
            f"offline assets missing: run `{INSTALL_COMMAND}` (not found: {missing[0]})"
        )
    return modules


def data_uri(path: Path) -> str:
    """The file as a base64 ``data:`` URI, its type guessed from the suffix."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def default_icon_data_uris(root: Path | None = None) -> dict[str, str]:
    """Leaflet's default marker images as data URIs, keyed by ``L.Icon.Default`` option.

    Leaflet finds these images relative to leaflet.css, which no longer has a location once
    inlined, so the offline map sets them explicitly.
    """
    modules = require_assets(root)
    return {option: data_uri(asset.locate(modules)) for option, asset in _DEFAULT_ICONS.items()}


def escape_inline_script(source: str) -> str:
    """Make JavaScript safe inside ``<script>``: no ``</script`` may end the element early.

    ``<\\/`` is the same string to JavaScript wherever it appears (strings, regexes).

    >>> escape_inline_script('s = "</SCRIPT>";')
    's = "<\\\\/SCRIPT>";'
    """
    return re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)


def _escape_inline_style(source: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", source, flags=re.IGNORECASE)


def _inline_css_urls(css: str, css_file: Path) -> str:
    """Replace relative ``url(...)`` references (Leaflet's images) with data URIs."""

    def replace(match: re.Match[str]) -> str:
        ref = match.group("ref")
        if ref.startswith(("data:", "#", "http:", "https:", "//")):
            return match.group(0)
        target = (css_file.parent / ref.split("?")[0].split("#")[0]).resolve()
        if not target.is_file():
            raise OutputError(f"stylesheet {css_file} references missing file {ref!r}")
        return f'url("{data_uri(target)}")'

    return _CSS_URL.sub(replace, css)


def _local_file(url: str, modules: Path) -> Path:
    asset = CDN_ASSETS.get(url)
    if asset is None:
        raise OutputError(f"no offline copy of {url}: add it to geo.outputs.assets.CDN_ASSETS")
    return asset.locate(modules)


def inline_assets(html: str, root: Path | None = None) -> str:
    """Replace every CDN script and stylesheet reference in ``html`` with an inline copy.

    Raises :class:`~geo.errors.OutputError` when the packages are not installed, when a URL
    has no local copy, or when any remote script/stylesheet reference would remain.
    """
    modules = require_assets(root)

    def inline(match: re.Match[str]) -> str:
        script_url, css_url = match.group("script"), match.group("css")
        if script_url is not None:
            source = _local_file(script_url, modules).read_text(encoding="utf-8")
            return f"<script>{escape_inline_script(source)}</script>"
        path = _local_file(css_url, modules)
        css = _inline_css_urls(path.read_text(encoding="utf-8"), path)
        return f"<style>{_escape_inline_style(css)}</style>"

    leftover = _REMOTE_REF.search(_ASSET_TAG.sub("", html))
    if leftover is not None:
        raise OutputError(f"offline map would still load {leftover.group('url')}")
    # One pass over the page only: inlined file contents are never searched again, and
    # functions as replacements keep them from being parsed as regex templates.
    return _ASSET_TAG.sub(inline, html)
