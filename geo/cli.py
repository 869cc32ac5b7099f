"""The ``geo`` command line. Errors are rendered here, once, as one line on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from geo.errors import GeoError, InputError

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAILURE = 1  # the whole run failed
EXIT_USAGE = 2  # bad arguments or input
EXIT_PARTIAL = 3  # some inputs failed, the rest were processed
EXIT_INTERRUPTED = 130

Handler = Callable[[argparse.Namespace], int]


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


# -- gazetteer -----------------------------------------------------------------------------
def _entry_json(entry: Any) -> dict[str, Any]:
    data: dict[str, Any] = entry.model_dump(mode="json", exclude={"raw"})
    return data


def _cmd_gazetteer_lookup(args: argparse.Namespace) -> int:
    from gazetteer import open_gazetteer

    entries = open_gazetteer().lookup(args.name, limit=args.limit, geometry=args.json)
    if args.json:
        _print_json([_entry_json(entry) for entry in entries])
        return EXIT_OK
    if not entries:
        print(f"no match for {args.name!r}")
        return EXIT_OK
    for entry in entries:
        print(
            f"{entry.id:<24} {entry.name:<28} {entry.feature_class.value:<9} "
            f"{entry.country_code or '--':<3} pop {entry.population:>10,}  "
            f"{entry.lat:8.4f} {entry.lon:9.4f}"
        )
    return EXIT_OK


def _cmd_gazetteer_reverse(args: argparse.Namespace) -> int:
    from gazetteer import open_gazetteer

    result = open_gazetteer().reverse(args.lat, args.lon)
    if args.json:
        _print_json(
            result.model_dump(
                mode="json",
                exclude={
                    "country": {"raw", "geometry"},
                    "admin1": {"raw", "geometry"},
                    "nearest_place": {"raw", "geometry"},
                },
            )
        )
        return EXIT_OK
    print(f"country:       {result.country.name if result.country else '(none: at sea?)'}")
    print(f"admin-1:       {result.admin1.name if result.admin1 else '(none)'}")
    if result.nearest_place is not None:
        print(f"nearest place: {result.nearest_place.name} ({result.nearest_place_km:.1f} km)")
    return EXIT_OK


def _cmd_gazetteer_info(args: argparse.Namespace) -> int:
    from gazetteer import open_gazetteer

    gazetteer = open_gazetteer()
    meta = dict(gazetteer.meta, path=str(gazetteer.path))
    if args.json:
        _print_json(meta)
        return EXIT_OK
    print(f"store:          {meta['path']}")
    print(f"built:          {meta['built']}")
    print(f"min population: {meta['min_population']:,}")
    print(f"entries:        {meta['entries']:,}")
    for feature_class, count in meta["counts"].items():
        print(f"  {feature_class:<12} {count:>9,}")
    print(f"postal places:  {meta['postal_places']:,} (for the back-off only)")
    print("sources:")
    for source in meta["sources"]:
        print(f"  {source}")
    return EXIT_OK


def _cmd_gazetteer_build(args: argparse.Namespace) -> int:
    from gazetteer.build import build_store
    from gazetteer.store import default_store_path

    target = Path(args.output) if args.output else default_store_path()
    dumps = [Path(name) for name in args.geonames or ()]
    meta = build_store(target, min_population=args.min_population, geonames=dumps)
    print(f"built {meta['entries']:,} entries into {target}", file=sys.stderr)
    return EXIT_OK


def _coordinate(text: str) -> float:
    try:
        return float(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from err


def _add_gazetteer(subparsers: Any) -> None:
    from gazetteer.build import DEFAULT_MIN_POPULATION

    parser = subparsers.add_parser("gazetteer", help="query the offline gazetteer")
    commands = parser.add_subparsers(dest="gazetteer_command", required=True)

    lookup = commands.add_parser("lookup", help="candidates for a place name, best first")
    lookup.add_argument("name")
    lookup.add_argument("--limit", type=int, default=10)
    lookup.add_argument("--json", action="store_true", help="JSON array with geometry")
    lookup.set_defaults(handler=_cmd_gazetteer_lookup)

    reverse = commands.add_parser("reverse", help="country, admin-1 and nearest place of a point")
    reverse.add_argument("lat", type=_coordinate)
    reverse.add_argument("lon", type=_coordinate)
    reverse.add_argument("--json", action="store_true")
    reverse.set_defaults(handler=_cmd_gazetteer_reverse)

    info = commands.add_parser("info", help="sources, versions, counts, build date")
    info.add_argument("--json", action="store_true")
    info.set_defaults(handler=_cmd_gazetteer_info)

    build = commands.add_parser(
        "build", help="(re)build the local store from the installed sources"
    )
    build.add_argument("--min-population", type=int, default=DEFAULT_MIN_POPULATION)
    build.add_argument("--output", help="store folder (default: the package's store)")
    build.add_argument(
        "--geonames",
        nargs="+",
        metavar="FILE",
        help="GeoNames dumps to add (allCountries.zip, XX.zip, cities1000.zip, "
        "alternateNamesV2.zip)",
    )
    build.set_defaults(handler=_cmd_gazetteer_build)


# -- shared ---------------------------------------------------------------------------------
def _progress(iterable: Any, total: int | None = None, unit: str = "doc") -> Any:
    """A progress bar on stderr when it is a terminal; the bare iterable otherwise."""
    if not sys.stderr.isatty():
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, unit=unit, file=sys.stderr, leave=False)


def _published(text: str) -> Any:
    from geo.documents import parse_published

    try:
        return parse_published(text)
    except GeoError as err:
        raise argparse.ArgumentTypeError(str(err)) from err


class _Failures:
    """Counts per-input failures; each is reported as one line on stderr as it happens."""

    def __init__(self) -> None:
        self.count = 0
        self.succeeded = 0

    def report(self, message: str) -> None:
        self.count += 1
        sys.stderr.write(f"geo: {message}\n")

    def exit_code(self) -> int:
        if self.count == 0:
            return EXIT_OK
        sys.stderr.write(f"geo: {self.count} input(s) failed, {self.succeeded} processed\n")
        return EXIT_PARTIAL if self.succeeded else EXIT_FAILURE


def _documents(paths: Sequence[str], published: Any, failures: _Failures) -> Any:
    from geo.documents import DocumentFailure, load_documents

    for item in load_documents(paths, published=published):
        if isinstance(item, DocumentFailure):
            failures.report(item.message)
        else:
            failures.succeeded += 1
            yield item


# -- places ------------------------------------------------------------------------------------
def _mention_row(mention: Any) -> dict[str, Any]:
    return {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "kind": mention.kind.value,
        "lat": mention.lat,
        "lon": mention.lon,
        "gazetteer_id": mention.gazetteer_id,
        "geonameid": mention.geonameid,
        "feature_class": mention.feature_class,
        "country": mention.country,
        "confidence": mention.confidence,
        "reason": mention.reason,
        "government_actor": mention.government_actor,
        "in_organisation": mention.in_organisation,
    }


def _cmd_places(args: argparse.Namespace) -> int:
    if args.jsonl:
        return _places_jsonl(args)
    if args.source is None:
        raise InputError("geo places needs FILE, - (standard input) or --jsonl CORPUS")
    from geo.documents import parse_text, read_document
    from geo.places.find import find_places

    if args.source == "-":
        document = parse_text(sys.stdin.read(), doc_id="stdin")
    else:
        document = read_document(Path(args.source))
    result = find_places(document)
    if args.json:
        _print_json({"id": document.id, "toponyms": [_mention_row(m) for m in result.mentions]})
        return EXIT_OK
    for m in result.mentions:
        where = f"{m.name} ({m.feature_class}, {m.country or '--'})" if m.resolved else "unresolved"
        flags = (
            " [government]"
            if m.government_actor
            else " [in organisation]"
            if m.in_organisation
            else ""
        )
        print(
            f"{m.start:>6}-{m.end:<6} {m.text:<28} {m.kind.value:<12} {where} "
            f"conf {m.confidence:.2f}{flags}"
        )
    return EXIT_OK


def _places_jsonl(args: argparse.Namespace) -> int:
    import functools

    from gazetteer import open_gazetteer
    from geo.streaming import map_in_order

    open_gazetteer()  # once, before any worker forks: the workers share its pages
    failures = _Failures()
    path = Path(args.jsonl)
    try:
        handle = (
            open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
            if args.jsonl == "-"
            else path.open(encoding="utf-8", errors="replace")
        )
    except OSError as err:
        raise InputError(f"{path}: cannot read ({err.strerror})") from err
    if args.jsonl == "-":
        path = Path("stdin")
    lines = ((n, line) for n, line in enumerate(_progress(handle, unit="line"), 1) if line.strip())
    chunk_places = functools.partial(_places_lines, source=path, gold_spans=args.gold_spans)

    def emit(results: list[tuple[str, str | None]]) -> None:
        for output, failure in results:
            if failure is not None:
                failures.report(failure)
                continue
            failures.succeeded += 1
            sys.stdout.write(output + "\n")
        sys.stdout.flush()

    with handle:
        map_in_order(chunk_places, lines, emit, workers=args.workers)
    return failures.exit_code()


def _places_lines(
    numbered: list[tuple[int, str]], *, source: Path, gold_spans: bool
) -> list[tuple[str, str | None]]:
    """``geo places --jsonl`` of some numbered input lines: for each, its output line, or
    the one-line message of its failure (a pool worker's part; module-level to be sent)."""
    import json as _json

    from gazetteer import open_gazetteer
    from geo.documents import Document
    from geo.places.find import find_places, resolve_spans
    from geo.places.mentions import places_json_line

    gazetteer = open_gazetteer()
    results: list[tuple[str, str | None]] = []
    for number, line in numbered:
        try:
            record = _json.loads(line)
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                raise ValueError("needs an object with a string 'text'")
            document = Document(
                id=str(record.get("id", f"{source.stem}:{number}")), text=record["text"]
            )
            if gold_spans:
                spans = [(int(t["start"]), int(t["end"])) for t in record.get("toponyms") or []]
                result = resolve_spans(document, spans, gazetteer)
            else:
                result = find_places(document, gazetteer)
        except (ValueError, KeyError, TypeError) as err:
            results.append(("", f"{source}:{number}: {str(err).splitlines()[0]}"))
            continue
        results.append((places_json_line(result), None))
    return results


def _cmd_eval(args: argparse.Namespace) -> int:
    from gazetteer import open_gazetteer
    from geo.places.evaluation import evaluate

    report = evaluate(Path(args.corpus), open_gazetteer(), gold_spans=args.gold_spans)
    if args.json:
        _print_json(report.model_dump(mode="json"))
        return EXIT_OK
    print(
        f"corpus {report.corpus} ({report.mode}): {report.documents} documents, "
        f"{report.gold_toponyms} gold toponyms ({report.gold_with_coordinates} with coordinates), "
        f"{report.predicted} predicted"
    )
    for label, prf in (("exact", report.exact), ("overlap", report.overlap)):
        print(
            f"recognition {label:<8} P {prf['precision']:.3f}  R {prf['recall']:.3f}  "
            f"F1 {prf['f1']:.3f}"
        )
    print(
        f"resolution  acc@161 {report.accuracy_161}  mean {report.mean_error_km} km  "
        f"median {report.median_error_km} km  AUC {report.auc}  "
        f"(over {report.resolved_pairs} pairs)"
    )
    print(f"end-to-end  acc@161 {report.end_to_end_accuracy_161}")
    return EXIT_OK


# -- events and maps --------------------------------------------------------------------------
def _collect(paths: Sequence[str], published: Any, failures: _Failures, args: Any = None) -> Any:
    """Events of every readable document; raises InputError when none can be read.

    Documents are streamed into the pipeline, not listed first, so memory holds the
    events of a corpus but never all its texts; the gazetteer is opened only once the
    first document has been read, so a run whose inputs all fail ends at once. With
    ``--dask`` the pipeline runs on a Dask cluster instead (:mod:`geo.scaleout`).
    """
    import itertools

    if args is not None and args.dask is not None:
        return _collect_on_dask(paths, published, failures, args)

    from gazetteer import open_gazetteer
    from geo.pipeline import extract_events

    documents = iter(_progress(_documents(paths, published, failures)))
    first = next(documents, None)
    if first is None:
        raise InputError("no document could be read")
    return extract_events(itertools.chain([first], documents), open_gazetteer())


def _collect_on_dask(
    paths: Sequence[str], published: Any, failures: _Failures, args: argparse.Namespace
) -> Any:
    from geo.scaleout import connect, extract_on_cluster

    with connect(args.dask or None, args.workers) as client:
        collection, succeeded = extract_on_cluster(
            client, paths, published=published, report=failures.report
        )
    failures.succeeded += succeeded
    if succeeded == 0:
        raise InputError("no document could be read")
    return collection


def _add_dask(parser: Any) -> None:
    parser.add_argument(
        "--dask",
        nargs="?",
        const="",
        metavar="ADDRESS",
        help="run on a Dask cluster: the scheduler at ADDRESS (tcp://host:8786), "
        "else a local cluster of --workers processes",
    )


def _cmd_extract(args: argparse.Namespace) -> int:
    failures = _Failures()
    tables = [flag for flag, value in (("--csv", args.csv), ("--parquet", args.parquet)) if value]
    if args.jsonl and tables:
        raise InputError(f"{tables[0]} writes merged events: it cannot be used with --jsonl")
    if args.jsonl and args.dask is not None:
        raise InputError("--dask merges events across documents: it cannot be used with --jsonl")
    if args.jsonl:
        from geo.streaming import stream_jsonl

        documents = _progress(_documents(args.paths, args.published, failures))
        stream_jsonl(documents, workers=args.workers)
        return failures.exit_code()
    outputs = [path for path in (args.geojson, args.csv, args.parquet) if path]
    if outputs:
        _check_outputs(outputs, args.paths)
    collection = _collect(args.paths, args.published, failures, args)
    if failures.succeeded == 0:
        raise InputError("no document could be read")
    if args.geojson:
        _write_geojson(collection, Path(args.geojson))
    _write_tables(collection, args)
    sys.stdout.write(collection.model_dump_json(indent=1, exclude={"documents"}) + "\n")
    return failures.exit_code()


def _write_tables(collection: Any, args: argparse.Namespace) -> None:
    """The ``--csv`` (ACLED layout) and ``--parquet`` (GeoParquet) files, if asked for."""
    if getattr(args, "csv", None):
        from gazetteer import open_gazetteer
        from geo.outputs.acled_csv import acled_rows, write_acled_csv

        write_acled_csv(acled_rows(collection, gazetteer=open_gazetteer()), Path(args.csv))
    if getattr(args, "parquet", None):
        _write_parquet(_validated_features(collection), args.parquet)


def _write_parquet(features: Any, path: str) -> None:
    """``--parquet``: one GeoParquet file, or a dataset of part files for a directory."""
    from geo.outputs.geoparquet import (
        is_dataset_path,
        write_geoparquet,
        write_geoparquet_dataset,
    )

    if is_dataset_path(path):
        write_geoparquet_dataset(features, Path(path))
    else:
        write_geoparquet(features, Path(path))


def _check_outputs(outputs: Sequence[str], inputs: Sequence[str]) -> None:
    from geo.outputs.files import check_output_path
    from geo.outputs.geoparquet import is_dataset_path

    for output in outputs:
        if is_dataset_path(output):  # a --parquet dataset: a directory no input is in
            directory = Path(output).resolve()
            if any(directory in (p := Path(i).resolve(), *p.parents) for i in inputs):
                raise InputError(f"{output}: an input is in this directory; choose another")
            output = str(Path(output) / "part-00000.parquet") if directory.is_dir() else output
        check_output_path(Path(output), inputs=[Path(p) for p in inputs])


def _validated_features(collection: Any) -> Any:
    """The collection as a GeoJSON FeatureCollection, checked against RFC 7946."""
    from geo.outputs.geojson import to_feature_collection, validate_feature_collection

    features = to_feature_collection(collection)
    validate_feature_collection(features)
    return features


def _geojson_text(features: Any) -> str:
    from geo.outputs.geojson import dumps_feature_collection

    text: str = dumps_feature_collection(features)
    return text


def _write_geojson(collection: Any, path: Path) -> Any:
    from geo.outputs.files import atomic_write_text

    features = _validated_features(collection)
    atomic_write_text(path, _geojson_text(features))
    return features


def _render_html(args: argparse.Namespace, collection: Any, features: Any, articles: int) -> str:
    """The HTML map of the features (imported late: folium is slow to load)."""
    from gazetteer import open_gazetteer
    from geo.outputs.basemap import basemap_collection
    from geo.outputs.geojson import located_features
    from geo.outputs.render import render_map

    basemap = basemap_collection(open_gazetteer(), _bounds(collection))  # every map opens offline
    title = args.title or f"geo: {len(collection.events)} events from {articles} article(s)"
    html: str = render_map(
        located_features(features),
        title=title,
        offline=args.offline,
        basemap=basemap,
        attributions=ATTRIBUTIONS,
    )
    return html


ATTRIBUTIONS = (
    "Places: GeoNames (CC BY 4.0)",
    "Borders, rivers, coasts: Natural Earth (public domain)",
    "Demonyms: countryinfo (MIT)",
)


def _cmd_map(args: argparse.Namespace) -> int:
    from geo.outputs.files import atomic_write_text

    paths = args.paths or ["seeds"]
    stem = "seeds" if not args.paths else Path(args.paths[0]).stem or "map"
    stem = "stdin" if stem == "-" else stem
    html_path = Path(args.output) if args.output else Path("maps") / f"{stem}.html"
    geojson_path = Path(args.geojson) if args.geojson else html_path.with_suffix(".geojson")
    if not args.output and not html_path.parent.exists():
        html_path.parent.mkdir(parents=True)
    extra = [args.parquet] if args.parquet else []
    _check_outputs([str(html_path), str(geojson_path), *extra], paths)
    failures = _Failures()
    collection = _collect(paths, args.published, failures, args)
    if failures.succeeded == 0:
        raise InputError("no document could be read")
    # Both files are fully rendered before either is written, so an interrupt or a failure
    # while rendering leaves the previous pair untouched; the writes then follow back to back.
    features = _validated_features(collection)
    html = _render_html(args, collection, features, failures.succeeded)
    atomic_write_text(geojson_path, _geojson_text(features))
    atomic_write_text(html_path, html)
    if args.parquet:
        _write_parquet(features, args.parquet)
    print(
        f"wrote {html_path} and {geojson_path}: {len(collection.events)} events, "
        f"{len(collection.places)} places",
        file=sys.stderr,
    )
    return failures.exit_code()


def _bounds(collection: Any) -> tuple[float, float, float, float] | None:
    points = [
        (e.location.lon, e.location.lat) for e in collection.events if e.location.lat is not None
    ]
    points += [(p.lon, p.lat) for p in collection.places]
    if not points:
        return None
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _add_pipeline_commands(subparsers: Any) -> None:
    places = subparsers.add_parser(
        "places", help="place mentions of a text, recognised and resolved"
    )
    places.add_argument("source", nargs="?", help="a text file, or - for standard input")
    places.add_argument("--json", action="store_true")
    places.add_argument(
        "--jsonl", metavar="CORPUS", help="batch: one {id, text} object a line (- for stdin)"
    )
    places.add_argument(
        "--gold-spans", action="store_true", help="resolve the input's own toponym spans"
    )
    places.add_argument(
        "--workers",
        type=int,
        help="processes for --jsonl, order kept (default: the CPUs usable, for inputs of "
        "over 256 documents)",
    )
    places.set_defaults(handler=_cmd_places)

    evaluation = subparsers.add_parser(
        "eval", help="recognition and resolution metrics on a gold corpus"
    )
    evaluation.add_argument("corpus")
    evaluation.add_argument("--gold-spans", action="store_true")
    evaluation.add_argument("--json", action="store_true")
    evaluation.set_defaults(handler=_cmd_eval)

    extract = subparsers.add_parser("extract", help="events and places of articles, as JSON")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.add_argument("--published", type=_published, help="publication date for undated inputs")
    extract.add_argument("--jsonl", action="store_true", help="stream one JSON line per document")
    extract.add_argument(
        "--workers",
        type=int,
        help="processes for --jsonl, order kept (default: the CPUs usable, for inputs of over "
        "256 documents), or of a local --dask",
    )
    _add_dask(extract)
    extract.add_argument("--geojson", metavar="FILE", help="also write RFC 7946 GeoJSON")
    extract.add_argument("--csv", metavar="FILE", help="also write the events as ACLED-layout CSV")
    extract.add_argument(
        "--parquet", metavar="FILE|DIR/", help="also write GeoParquet 1.1 (DIR/: a dataset)"
    )
    extract.set_defaults(handler=_cmd_extract)

    mapping = subparsers.add_parser(
        "map", help="map articles (default: seeds/) to HTML and GeoJSON"
    )
    mapping.add_argument("paths", nargs="*", metavar="PATH")
    mapping.add_argument("-o", "--output", metavar="HTML", help="default: maps/<name>.html")
    mapping.add_argument("--geojson", metavar="FILE", help="default: beside the HTML")
    mapping.add_argument(
        "--offline", action="store_true", help="no online tile layer at all (the map is one file)"
    )
    mapping.add_argument(
        "--parquet", metavar="FILE|DIR/", help="also write GeoParquet 1.1 (DIR/: a dataset)"
    )
    mapping.add_argument("--published", type=_published, help="publication date for undated inputs")
    mapping.add_argument("--title")
    mapping.add_argument("--workers", type=int, help="processes of a local --dask cluster")
    _add_dask(mapping)
    mapping.set_defaults(handler=_cmd_map)


# -- entry point -----------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, no usage dump
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="geo", description="Offline geospatial event mapper.")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_gazetteer(subparsers)
    _add_pipeline_commands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from geo.outputs.files import install_signal_handlers

    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    install_signal_handlers()
    try:
        return handler(args)
    except GeoError as err:
        sys.stderr.write(f"geo: error: {err}\n")
        return EXIT_USAGE if isinstance(err, ValueError) else EXIT_FAILURE
    except KeyboardInterrupt:
        sys.stderr.write("geo: interrupted\n")
        return EXIT_INTERRUPTED
    except MemoryError:
        sys.stderr.write("geo: error: out of memory\n")
        return EXIT_FAILURE
    except OSError as err:  # an I/O failure no stage anticipated: still one line
        name = f"{err.filename}: " if err.filename else ""
        sys.stderr.write(f"geo: error: {name}{err.strerror or err}\n")
        return EXIT_FAILURE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
