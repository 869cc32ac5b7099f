"""Outputs: what a user opens — RFC 7946 GeoJSON and the HTML map — written safely.

* :mod:`geo.outputs.geojson` — an ``EventCollection`` as one FeatureCollection, validated;
* :mod:`geo.outputs.render` — the folium map of that FeatureCollection;
* :mod:`geo.outputs.basemap` — the offline Natural Earth base layer;
* :mod:`geo.outputs.assets` — local copies of the map's JavaScript and CSS (npm);
* :mod:`geo.outputs.files` — atomic writes, output paths that never clobber an input.

Nothing here is imported by this package's ``__init__``: ``geo`` commands that write no
map do not load folium.
"""
