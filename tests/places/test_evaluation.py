"""Evaluation: the metrics on a tiny hand-made corpus, corpus errors, and regression floors.

The tiny corpus is written to ``tmp_path`` and its gold coordinates are taken from the
gazetteer entries the system resolves to, so every expected figure can be worked out by
hand (see :data:`TINY_CORPUS`). The regression tests run ``evaluate`` on the development
corpora in ``../shared/eval/`` (skipped when absent) and assert floors about one point below
the figures measured when they were written: a change that loses accuracy fails here.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from conftest import SHARED_EVAL

from gazetteer import Gazetteer, open_gazetteer
from gazetteer.geodesy import great_circle_km as haversine_km
from geo.errors import DocumentError, InputError
from geo.places.evaluation import (
    ACCURACY_KM,
    EvalReport,
    GoldDocument,
    evaluate,
    read_corpus,
)

EVAL_DIR = SHARED_EVAL
EARTH_MAX_KM = 20039.0


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return open_gazetteer()


def _coordinates(gazetteer: Gazetteer, entry_id: str) -> tuple[float, float]:
    entry = gazetteer.get(entry_id, geometry=False)
    assert entry is not None, entry_id
    return entry.lat, entry.lon


def _toponym(text: str, name: str, lat: float | None, lon: float | None) -> dict[str, Any]:
    start = text.index(name)
    return {"start": start, "end": start + len(name), "name": name, "lat": lat, "lon": lon}


def tiny_corpus(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Three documents; with the system's output, by hand:

    predicted: Russia, Syria, Damascus | Euphrates River | Moscow            -> 5
    gold:      Russia, Syria, Damascus | Euphrates, north | (none)            -> 5
    exact TP 3 (Russia, Syria, Damascus); overlap TP 4 (+ Euphrates/Euphrates River)
    pairs with coordinates: Russia 0 km, Syria 5 degrees of latitude off, Euphrates 0 km
    gold with coordinates: Russia, Syria, Euphrates, north -> 4
    """
    ru_lat, ru_lon = _coordinates(gazetteer, "country:RU")
    sy_lat, sy_lon = _coordinates(gazetteer, "country:SY")
    eu_lat, eu_lon = _coordinates(gazetteer, "river:euphrates")
    one = "Russia and Syria signed a deal in Damascus."
    two = "Fighting near the Euphrates River continued in the north."
    three = "He flew to Moscow."
    return [
        {"id": "one", "text": one, "toponyms": [
            _toponym(one, "Russia", ru_lat, ru_lon),
            _toponym(one, "Syria", sy_lat + 5.0, sy_lon),
            _toponym(one, "Damascus", None, None),
        ]},
        {"id": "two", "text": two, "toponyms": [
            _toponym(two, "Euphrates", eu_lat, eu_lon),
            _toponym(two, "north", 36.0, 40.0),
        ]},
        {"id": "three", "text": three, "toponyms": []},
    ]  # fmt: skip


def write_corpus(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def tiny(tmp_path: Path, gazetteer: Gazetteer) -> Path:
    return write_corpus(tmp_path / "tiny.jsonl", tiny_corpus(gazetteer))


def test_tiny_corpus_raw_text(tiny: Path, gazetteer: Gazetteer) -> None:
    report = evaluate(tiny, gazetteer)
    sy_lat, sy_lon = _coordinates(gazetteer, "country:SY")
    syria_km = haversine_km(sy_lat + 5.0, sy_lon, sy_lat, sy_lon)
    assert syria_km > ACCURACY_KM
    errors = [0.0, syria_km, 0.0]
    assert (report.documents, report.gold_toponyms, report.gold_with_coordinates) == (3, 5, 4)
    assert report.mode == "raw-text" and report.predicted == 5
    assert report.exact == {"precision": 0.6, "recall": 0.6, "f1": 0.6}
    assert report.overlap == {"precision": 0.8, "recall": 0.8, "f1": 0.8}
    assert report.resolved_pairs == 3
    assert report.accuracy_161 == round(2 / 3, 4)
    assert report.end_to_end_accuracy_161 == 0.5
    assert report.mean_error_km == pytest.approx(sum(errors) / 3, abs=0.1)
    assert report.median_error_km == 0.0
    auc = sum(math.log(1 + e) / math.log(EARTH_MAX_KM) for e in errors) / 3
    assert report.auc == pytest.approx(auc, abs=1e-4)


def test_tiny_corpus_gold_spans(tiny: Path, gazetteer: Gazetteer) -> None:
    report = evaluate(tiny, gazetteer, gold_spans=True)
    assert report.mode == "gold-spans" and report.predicted == 5
    assert report.exact == report.overlap == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    # Russia, Syria (5 degrees off), Euphrates and "north" (unresolvable: worst error).
    assert report.resolved_pairs == 4
    assert report.accuracy_161 == 0.5
    assert report.end_to_end_accuracy_161 == 0.5


def test_errors_out_lists_misses_and_spurious(tiny: Path, gazetteer: Gazetteer) -> None:
    errors: list[dict[str, Any]] = []
    evaluate(tiny, gazetteer, errors_out=errors)
    assert {"doc": "two", "gold": "north", "missed": True} in errors
    assert {"doc": "three", "spurious": "Moscow", "kind": "toponym"} in errors
    (far,) = [e for e in errors if e.get("gold") == "Syria"]
    assert far["km"] > ACCURACY_KM and far["reason"]


def test_empty_corpus(tmp_path: Path, gazetteer: Gazetteer) -> None:
    report = evaluate(write_corpus(tmp_path / "empty.jsonl", []), gazetteer)
    assert (report.documents, report.predicted, report.resolved_pairs) == (0, 0, 0)
    assert report.exact == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert report.accuracy_161 is None and report.auc is None
    assert report.end_to_end_accuracy_161 is None


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 0.0), 0.0),
        ((51.5074, -0.1278), (48.8566, 2.3522), 343.6),  # London - Paris
        ((0.0, 0.0), (0.0, 180.0), 20015.1),  # half the equator
        ((90.0, 0.0), (-90.0, 0.0), 20015.1),
        ((33.5138, 36.2765), (33.5138, 36.2765), 0.0),
    ],
)
def test_haversine(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.5)
    assert haversine_km(*a, *b) == pytest.approx(haversine_km(*b, *a))


# ------------------------------------------------------------------ bad corpora


@pytest.mark.parametrize(
    ("lines", "line_number"),
    [
        (['{"id": "a", "text": "Syria."}', "{not json"], 2),
        (['{"id": "a"}'], 1),  # no text
        (['{"id": "a", "text": "x", "toponyms": [{"start": "one"}]}'], 1),
        (["[1, 2]"], 1),
        (['{"id": "a", "text": "x"}', "", '{"text": 5}'], 3),  # blank lines are skipped
    ],
)
def test_bad_corpus_line_raises_a_clear_error(
    tmp_path: Path, gazetteer: Gazetteer, lines: list[str], line_number: int
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DocumentError, match=rf"bad\.jsonl:{line_number}: not a gold document"):
        evaluate(path, gazetteer)


def test_missing_corpus_is_an_input_error(tmp_path: Path, gazetteer: Gazetteer) -> None:
    with pytest.raises(InputError, match="cannot read corpus"):
        evaluate(tmp_path / "absent.jsonl", gazetteer)


def test_read_corpus_yields_models(tiny: Path) -> None:
    documents = list(read_corpus(tiny))
    assert [d.id for d in documents] == ["one", "two", "three"]
    assert all(isinstance(d, GoldDocument) for d in documents)
    for document in documents:
        for toponym in document.toponyms:
            assert document.text[toponym.start : toponym.end] == toponym.name


# ------------------------------------------------------------------ regression floors

# Measured when written (raw text / gold spans); floors about one point lower.
#   lgl raw:        P 0.804 R 0.718 F1 0.759 (overlap 0.783), acc@161 0.880, e2e 0.713
#   lgl gold:       acc@161 0.833, AUC 0.222
#   geovirus raw:   P 0.795 R 0.899 F1 0.844 (overlap 0.856), acc@161 0.856, e2e 0.781
#   geovirus gold:  acc@161 0.824, AUC 0.309
# Issue 17 finds continents' and groupings' adjectives and the EU ("European", "African",
# "EU"), which GeoVirus does not annotate (GeoWebNews does): geovirus raw P 0.778 R 0.910
# F1 0.839 (overlap 0.851), e2e 0.794; its precision floor was lowered from 0.785 to 0.768.
# Gold-span floors raised to issue 17's "no lower than" line (LGL 0.833, GeoVirus 0.825) when
# they measured 0.841 and 0.829.
# The back-off for gold spans the gazetteer has no entry for (geo/places/backoff.py) took them
# to LGL 0.8615 (AUC 0.198) and GeoVirus 0.8341 (AUC 0.298): floors LGL 0.851, GeoVirus
# 0.829 (the line it was measured at before), AUC ceilings 0.208 and 0.308.
FLOORS: dict[tuple[str, bool], dict[str, float]] = {
    ("lgl", False): {"exact_f1": 0.749, "overlap_f1": 0.773, "precision": 0.794,
                     "recall": 0.708, "accuracy_161": 0.870, "end_to_end": 0.703},
    ("lgl", True): {"accuracy_161": 0.851, "auc_ceiling": 0.208},
    ("geovirus", False): {"exact_f1": 0.834, "overlap_f1": 0.846, "precision": 0.768,
                          "recall": 0.889, "accuracy_161": 0.846, "end_to_end": 0.771},
    ("geovirus", True): {"accuracy_161": 0.825, "auc_ceiling": 0.315},
}  # fmt: skip
# GeoVirus gold-span 0.8341 -> 0.8295 when countries and oceans took GeoNames' own points
# (gazetteer/standard_points.toml): GeoVirus gives Wikipedia's (Canada 60 N 95 W, 46
# mentions), GeoNames-scored corpora GeoNames' (60.1 N 113.6 W); floor at issue 17's line.


@pytest.fixture(
    scope="module", params=list(FLOORS), ids=lambda key: f"{key[0]}-{'gold' if key[1] else 'raw'}"
)
def measured(
    request: pytest.FixtureRequest, gazetteer: Gazetteer
) -> tuple[EvalReport, dict[str, float]]:
    corpus, gold_spans = request.param
    path = EVAL_DIR / f"{corpus}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} absent (development corpora live outside the project)")
    return evaluate(path, gazetteer, gold_spans=gold_spans), FLOORS[request.param]


def test_development_corpora_stay_above_their_floors(
    measured: tuple[EvalReport, dict[str, float]],
) -> None:
    report, floors = measured
    assert report.accuracy_161 is not None and report.accuracy_161 >= floors["accuracy_161"]
    if "auc_ceiling" in floors:  # gold spans: recognition is given, resolution is measured
        assert report.exact["f1"] == 1.0
        assert report.auc is not None and report.auc <= floors["auc_ceiling"]
        return
    assert report.exact["f1"] >= floors["exact_f1"]
    assert report.overlap["f1"] >= floors["overlap_f1"]
    assert report.exact["precision"] >= floors["precision"]
    assert report.exact["recall"] >= floors["recall"]
    assert report.end_to_end_accuracy_161 is not None
    assert report.end_to_end_accuracy_161 >= floors["end_to_end"]


# The blind web-genre set (tests/data/places/BLIND_WEB.md: 120 articles written by a helper
# who saw no code), measured first at raw F1 0.916, e2e 0.783, gold spans 0.817; after
# GeoNames' points for countries and oceans and adjectives of regions: 0.919, 0.836, 0.871.
BLIND_WEB = Path(__file__).parents[1] / "data" / "places" / "blind_web.jsonl"
# A second blind set of 100 articles (BLIND_WEB_2.md), first measured at raw F1 0.913,
# end-to-end 0.795, gold spans 0.832.
BLIND_WEB_2 = Path(__file__).parents[1] / "data" / "places" / "blind_web_2.jsonl"
# A third, of 90 longer articles in TR-News' style (BLIND_NEWS_3.md: world, local and mixed
# stories; no demonyms annotated), first measured at raw F1 0.894, end-to-end 0.816, gold
# spans 0.863.
BLIND_NEWS_3 = Path(__file__).parents[1] / "data" / "places" / "blind_news_3.jsonl"
# A fourth, of 80 stories by another helper (BLIND_NEWS_4.md), measured when it arrived, before
# any change for it: raw F1 0.892, end-to-end 0.806, gold spans 0.850 (0.887, 0.785, 0.841 at
# the session's start).
BLIND_NEWS_4 = Path(__file__).parents[1] / "data" / "places" / "blind_news_4.jsonl"
# A fifth, of 60 stories by a third helper (BLIND_NEWS_5.md), measured once at the end of the
# round and tuned on never: raw F1 0.914, end-to-end 0.850, gold spans 0.882 (0.909, 0.827,
# 0.872 at the round's start).
BLIND_NEWS_5 = Path(__file__).parents[1] / "data" / "places" / "blind_news_5.jsonl"
# A third blind web set in GeoWebNews' style (BLIND_WEB_3.md: 100 articles, 1,695 toponyms),
# measured once on arrival in the ninth round and tuned on never: raw F1 0.924, end-to-end
# 0.840, gold spans 0.878 (the same on the round's starting code).
BLIND_WEB_3 = Path(__file__).parents[1] / "data" / "places" / "blind_web_3.jsonl"
# A fourth (BLIND_WEB_4.md: 80 articles, 2,121 toponyms), on arrival in the thirteenth round:
# raw F1 0.921, end-to-end 0.827, gold spans 0.859; its misses were read that round.
BLIND_WEB_4 = Path(__file__).parents[1] / "data" / "places" / "blind_web_4.jsonl"
# A fifth (BLIND_WEB_5.md: 80 articles, 1,745 toponyms, half of them local news of Asia,
# Africa, Latin America and Europe), on arrival in the fourteenth round: raw F1 0.855,
# end-to-end 0.759, gold spans 0.819; its misses were read that round.
BLIND_WEB_5 = Path(__file__).parents[1] / "data" / "places" / "blind_web_5.jsonl"
# A sixth (BLIND_WEB_6.md: 80 articles, 1,606 toponyms, ten genres, most names new to the
# sets), on arrival in the fifteenth round: raw F1 0.857, end-to-end 0.761, gold spans 0.822;
# its misses were read that round.
BLIND_WEB_6 = Path(__file__).parents[1] / "data" / "places" / "blind_web_6.jsonl"
# A seventh (BLIND_WEB_7.md: 80 articles, 1,503 toponyms, ten genres with Indian and Pakistani
# and Middle Eastern news, 64% of its names new to the sets), on arrival in the sixteenth
# round: raw F1 0.869, end-to-end 0.770, gold spans 0.827; its misses were read that round.
BLIND_WEB_7 = Path(__file__).parents[1] / "data" / "places" / "blind_web_7.jsonl"
# An eighth (BLIND_WEB_8.md: 80 articles, 1,787 toponyms, ten genres, two places of one name in
# 23 articles), on arrival in the seventeenth round: raw F1 0.806, end-to-end 0.656, gold spans
# 0.716; its misses were read that round.
BLIND_WEB_8 = Path(__file__).parents[1] / "data" / "places" / "blind_web_8.jsonl"
# A ninth (BLIND_WEB_9.md: 80 articles, 2,566 toponyms, ten genres, 23 pairs of places of one
# name, continental demonyms, supranational names and former states), on arrival in the
# eighteenth round: raw F1 0.836, end-to-end 0.699, gold spans 0.748; its misses were read
# that round.
BLIND_WEB_9 = Path(__file__).parents[1] / "data" / "places" / "blind_web_9.jsonl"
# A tenth (BLIND_WEB_10.md: 80 articles, 2,495 toponyms, ten genres, 28 names for two places in
# one article), on arrival in the nineteenth round: raw F1 0.858, end-to-end 0.730, gold spans
# 0.786; its misses were read that round.
BLIND_WEB_10 = Path(__file__).parents[1] / "data" / "places" / "blind_web_10.jsonl"
# An eleventh (BLIND_WEB_11.md: 80 articles, 2,594 toponyms, twelve genres, villages and
# homonyms of countries in local news), measured in the twentieth round before it was read:
# raw F1 0.887, end-to-end 0.743, gold spans 0.784; its misses were read after that.
BLIND_WEB_11 = Path(__file__).parents[1] / "data" / "places" / "blind_web_11.jsonl"
# A twelfth (BLIND_WEB_12.md: 80 articles, 2,599 toponyms, twelve genres, regions the earlier
# sets underuse), measured in the twenty-first round before it was read: raw F1 0.881,
# end-to-end 0.759, gold spans 0.798 at the round's start; its misses were read after that.
BLIND_WEB_12 = Path(__file__).parents[1] / "data" / "places" / "blind_web_12.jsonl"
# A thirteenth (BLIND_WEB_13.md: 80 articles, 2,394 toponyms, twelve genres, most of it set
# outside the US and the UK), measured in the twenty-second round on arrival: raw F1 0.892,
# end-to-end 0.767, gold spans 0.792; never read, never tuned on.
BLIND_WEB_13 = Path(__file__).parents[1] / "data" / "places" / "blind_web_13.jsonl"
# Raw floors rose in the nineteenth round, when natural features the gazetteer lacks were first
# found by their generic word ("Lizard Island", "Saylorville Lake": geo/places/feature_names.py);
# gold-span floors rose in the twentieth, when GeoNames' postal places first answered the spans
# no entry names (gazetteer/sources/postal.py); end-to-end floors in the twenty-first, when
# those villages were read in running text where the text introduces them as places
# (geo/places/villages.py)
BLIND_WEB_FLOORS = {
    BLIND_WEB: {False: {"exact_f1": 0.93, "end_to_end": 0.87}, True: {"accuracy_161": 0.88}},
    BLIND_WEB_2: {False: {"exact_f1": 0.935, "end_to_end": 0.86}, True: {"accuracy_161": 0.86}},
    BLIND_NEWS_3: {False: {"exact_f1": 0.92, "end_to_end": 0.87}, True: {"accuracy_161": 0.87}},
    BLIND_NEWS_4: {False: {"exact_f1": 0.915, "end_to_end": 0.845}, True: {"accuracy_161": 0.86}},
    BLIND_NEWS_5: {False: {"exact_f1": 0.935, "end_to_end": 0.875}, True: {"accuracy_161": 0.875}},
    BLIND_WEB_3: {False: {"exact_f1": 0.94, "end_to_end": 0.865}, True: {"accuracy_161": 0.88}},
    BLIND_WEB_4: {False: {"exact_f1": 0.935, "end_to_end": 0.845}, True: {"accuracy_161": 0.86}},
    BLIND_WEB_5: {False: {"exact_f1": 0.88, "end_to_end": 0.805}, True: {"accuracy_161": 0.84}},
    BLIND_WEB_6: {False: {"exact_f1": 0.895, "end_to_end": 0.80}, True: {"accuracy_161": 0.835}},
    BLIND_WEB_7: {False: {"exact_f1": 0.895, "end_to_end": 0.815}, True: {"accuracy_161": 0.84}},
    BLIND_WEB_8: {False: {"exact_f1": 0.86, "end_to_end": 0.715}, True: {"accuracy_161": 0.75}},
    BLIND_WEB_9: {False: {"exact_f1": 0.865, "end_to_end": 0.73}, True: {"accuracy_161": 0.76}},
    BLIND_WEB_10: {False: {"exact_f1": 0.885, "end_to_end": 0.765}, True: {"accuracy_161": 0.80}},
    BLIND_WEB_11: {False: {"exact_f1": 0.88, "end_to_end": 0.745}, True: {"accuracy_161": 0.775}},
    BLIND_WEB_12: {False: {"exact_f1": 0.875, "end_to_end": 0.765}, True: {"accuracy_161": 0.79}},
    BLIND_WEB_13: {False: {"exact_f1": 0.88, "end_to_end": 0.755}, True: {"accuracy_161": 0.78}},
}


@pytest.mark.parametrize("gold_spans", [False, True], ids=["raw", "gold"])
@pytest.mark.parametrize("path", list(BLIND_WEB_FLOORS), ids=lambda path: path.stem)
def test_the_blind_web_sets_stay_above_their_floors(
    gazetteer: Gazetteer, path: Path, gold_spans: bool
) -> None:
    report = evaluate(path, gazetteer, gold_spans=gold_spans)
    floors = BLIND_WEB_FLOORS[path][gold_spans]
    if gold_spans:
        assert report.accuracy_161 is not None and report.accuracy_161 >= floors["accuracy_161"]
        return
    assert report.exact["f1"] >= floors["exact_f1"]
    assert report.end_to_end_accuracy_161 is not None
    assert report.end_to_end_accuracy_161 >= floors["end_to_end"]
