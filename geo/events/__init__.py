"""The events stage: who did what, where and when, from a document and its places.

Read in this order:

* :mod:`geo.events.extract` — the stage itself: ``events_from_places(document, places,
  gazetteer) -> (events, summary)``;
* :mod:`geo.events.text` — sentences and clauses (with :mod:`geo.prefilter`, which
  tells which vocabularies a sentence can match before any regex runs);
* :mod:`geo.events.triggers` — trigger words, their event type and modality
  (``triggers.toml``);
* :mod:`geo.events.actors` — who did it to whom (``actors.toml``, with the named actors of
  :mod:`geo.named_actors`);
* :mod:`geo.events.timex` and :mod:`geo.events.dating` — when (``time_words.toml``);
* :mod:`geo.events.spatial` and :mod:`geo.events.locate` — where: zones such as "west of the
  Euphrates" (``relations.toml``), or the most specific place the text supports, checked
  against the place the text puts it in by :mod:`geo.events.containment` ("Kafr Zita in
  the countryside of Hama", ``containment.toml``), after :mod:`geo.events.capitals` has read
  "the Syrian capital" as Damascus;
* :mod:`geo.events.taxonomy` — event types and their CAMEO and ACLED codes
  (``taxonomy.toml``);
* :mod:`geo.events.model` — the :class:`~geo.events.model.Event` models;
* :mod:`geo.events.dedup` — the same event reported by several documents becomes one;
* :mod:`geo.events.evaluation` — scoring events against records coded by people (ACLED-style
  notes, UCDP GED): located, dated, typed, honest.
"""
