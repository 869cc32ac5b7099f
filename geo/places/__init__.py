"""The places stage: find the names of places in a text and resolve each to one entry.

Read in this order:

* :mod:`geo.places.find` — the stage itself: ``find_places(document) -> PlacesResult``;
* :mod:`geo.places.recognition` — every span that names a place (tokens, the gazetteer's
  name index, people and organisations told apart);
* :mod:`geo.places.feature_names` — the names of natural features found by their generic
  word ("Lizard Island"), whether or not the gazetteer knows them;
* :mod:`geo.places.resolution` — one gazetteer entry per span (priors, context, focus);
* :mod:`geo.places.mentions` — the :class:`~geo.places.mentions.Mention` model that later
  stages read;
* :mod:`geo.places.evaluation` — recognition and resolution scored on gold corpora.
"""
