"""Evaluation on gold-annotated corpora (format: ../shared/eval/README.md).

Metrics as in the literature (Gritta et al. 2018): recognition precision/recall/F1 over
spans, exact and overlapping (1:1 matching); resolution accuracy@161 km, mean and median
error and AUC of the log-error curve, over gold toponyms with coordinates that the system
also found; end-to-end accuracy@161 over all gold toponyms with coordinates.

Expected-place tables (``tests/data/places/country_names_local.jsonl``): one sentence, one
name in it and the kind of place it means; :func:`judge_expected` says whether the places
stage found that place.
"""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from gazetteer import Gazetteer
from gazetteer.geodesy import great_circle_km
from geo.documents import Document
from geo.errors import DocumentError, InputError
from geo.places.find import find_places, resolve_spans
from geo.places.mentions import Mention, MentionKind

__all__ = [
    "EvalReport",
    "ExpectedPlace",
    "GoldDocument",
    "GoldToponym",
    "evaluate",
    "judge_expected",
    "read_corpus",
    "read_expected",
]

ACCURACY_KM = 161.0
_EARTH_MAX_KM = 20039.0


class GoldToponym(BaseModel):
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class GoldDocument(BaseModel):
    id: str
    text: str
    toponyms: list[GoldToponym] = Field(default_factory=list)


class ExpectedPlace(BaseModel):
    """One row of an expected-place table: ``mention`` (its first occurrence in ``text``)
    means a place of ``kind`` (a feature class, or "none": no place at all), in ``country``
    (countries, admin-1 areas and towns), near ``lat``/``lon``, named ``name`` (continents,
    regions and seas, whose representative point is a matter of choice)."""

    id: str
    text: str
    mention: str
    kind: str
    country: str | None = None
    lat: float
    lon: float
    name: str | None = None


def read_expected(path: Path) -> list[ExpectedPlace]:
    """The rows of an expected-place table (JSONL)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ExpectedPlace.model_validate_json(line) for line in lines if line.strip()]


def judge_expected(row: ExpectedPlace, mentions: list[Mention]) -> tuple[bool, str]:
    """Whether the mentions found in ``row.text`` resolve its name to the expected place:
    the right kind and country (a country or admin-1 area), the right kind within 161 km
    (a town), the right kind and name or within 161 km (a continent, region or sea); for
    "none", no resolved mention over the name. The second item says what was found."""
    start = row.text.index(row.mention)
    end = start + len(row.mention)
    found = next((m for m in mentions if m.resolved and m.start < end and start < m.end), None)
    if found is None or found.lat is None or found.lon is None:
        return row.kind == "none", "nothing"
    km = great_circle_km(row.lat, row.lon, found.lat, found.lon)
    what = f"{found.name} ({found.feature_class}, {found.country}, {km:.0f} km)"
    if found.feature_class != row.kind:
        return False, what
    if row.kind in ("country", "admin1"):
        return found.country == row.country, what
    if row.kind == "city":
        return km <= ACCURACY_KM, what
    return found.name == row.name or km <= ACCURACY_KM, what


class EvalReport(BaseModel):
    corpus: str
    mode: str
    documents: int
    gold_toponyms: int
    gold_with_coordinates: int
    predicted: int
    exact: dict[str, float]
    overlap: dict[str, float]
    resolved_pairs: int
    accuracy_161: float | None
    mean_error_km: float | None
    median_error_km: float | None
    auc: float | None
    end_to_end_accuracy_161: float | None
    seconds: float = 0.0


def read_corpus(path: Path) -> Iterator[GoldDocument]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read corpus ({err.strerror})") from err
    with handle:
        number = 0
        try:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    yield GoldDocument.model_validate_json(line)
                except ValueError as err:
                    first = str(err).splitlines()[0]
                    raise DocumentError(f"{path}:{number}: not a gold document ({first})") from err
        except UnicodeDecodeError as err:
            raise DocumentError(f"{path}:{number + 1}: corpus is not UTF-8 text") from err


def _prf(true_positive: int, predicted: int, gold: int) -> dict[str, float]:
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _match_overlap(
    gold: list[GoldToponym], predicted: list[Mention]
) -> list[tuple[GoldToponym, Mention]]:
    """1:1 matching of overlapping spans, exact matches first."""
    pairs: list[tuple[GoldToponym, Mention]] = []
    used: set[int] = set()
    remaining: list[GoldToponym] = []
    by_span = {(m.start, m.end): i for i, m in enumerate(predicted)}
    for toponym in gold:
        index = by_span.get((toponym.start, toponym.end))
        if index is not None and index not in used:
            used.add(index)
            pairs.append((toponym, predicted[index]))
        else:
            remaining.append(toponym)
    for toponym in remaining:
        for index, mention in enumerate(predicted):
            if index not in used and mention.start < toponym.end and toponym.start < mention.end:
                used.add(index)
                pairs.append((toponym, mention))
                break
    return pairs


def evaluate(
    corpus: Path,
    gazetteer: Gazetteer,
    *,
    gold_spans: bool = False,
    errors_out: list[dict[str, Any]] | None = None,
) -> EvalReport:
    started = time.perf_counter()
    documents = gold_total = gold_coords = predicted_total = exact_tp = overlap_tp = 0
    errors: list[float] = []
    end_to_end_hits = 0
    for gold_doc in read_corpus(corpus):
        documents += 1
        document = Document(id=gold_doc.id, text=gold_doc.text)
        if gold_spans:
            result = resolve_spans(
                document, [(t.start, t.end) for t in gold_doc.toponyms], gazetteer
            )
        else:
            result = find_places(document, gazetteer)
        predicted = [m for m in result.mentions if m.kind != MentionKind.ORGANISATION]
        predicted_total += len(predicted)
        gold_total += len(gold_doc.toponyms)
        spans = {(m.start, m.end) for m in predicted}
        exact_tp += sum((t.start, t.end) in spans for t in gold_doc.toponyms)
        pairs = _match_overlap(gold_doc.toponyms, predicted)
        overlap_tp += len(pairs)
        gold_coords += sum(t.lat is not None for t in gold_doc.toponyms)
        for toponym, mention in pairs:
            if toponym.lat is None or toponym.lon is None:
                continue
            if mention.lat is None or mention.lon is None:
                error = _EARTH_MAX_KM
            else:
                error = great_circle_km(toponym.lat, toponym.lon, mention.lat, mention.lon)
            errors.append(error)
            end_to_end_hits += error <= ACCURACY_KM
            if errors_out is not None and error > ACCURACY_KM:
                errors_out.append(
                    {
                        "doc": gold_doc.id,
                        "gold": toponym.name,
                        "predicted": mention.name,
                        "id": mention.gazetteer_id,
                        "km": round(error),
                        "reason": mention.reason,
                    }
                )
        if errors_out is not None:
            matched = {id(t) for t, _ in pairs}
            for toponym in gold_doc.toponyms:
                if id(toponym) not in matched:
                    errors_out.append({"doc": gold_doc.id, "gold": toponym.name, "missed": True})
            matched_mentions = {id(m) for _, m in pairs}
            for mention in predicted:
                if id(mention) not in matched_mentions:
                    errors_out.append(
                        {"doc": gold_doc.id, "spurious": mention.text, "kind": mention.kind.value}
                    )
    return EvalReport(
        corpus=str(corpus),
        mode="gold-spans" if gold_spans else "raw-text",
        documents=documents,
        gold_toponyms=gold_total,
        gold_with_coordinates=gold_coords,
        predicted=predicted_total,
        exact=_prf(exact_tp, predicted_total, gold_total),
        overlap=_prf(overlap_tp, predicted_total, gold_total),
        resolved_pairs=len(errors),
        accuracy_161=_ratio(sum(e <= ACCURACY_KM for e in errors), len(errors)),
        mean_error_km=round(statistics.fmean(errors), 1) if errors else None,
        median_error_km=round(statistics.median(errors), 1) if errors else None,
        auc=round(statistics.fmean(math.log(1 + e) / math.log(_EARTH_MAX_KM) for e in errors), 4)
        if errors
        else None,
        end_to_end_accuracy_161=_ratio(end_to_end_hits, gold_coords),
        seconds=round(time.perf_counter() - started, 2),
    )


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 4) if denominator else None
