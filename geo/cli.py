"""The ``geo`` command line. Errors are rendered here, once, as one line on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from geo.errors import GeoError

__all__ = ["main"]

EXIT_OK = 0
EXIT_FAILURE = 1   # the whole run failed
EXIT_USAGE = 2     # bad arguments or input
EXIT_PARTIAL = 3   # some inputs failed, the rest were processed
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
        _print_json(result.model_dump(mode="json", exclude={"country": {"raw", "geometry"}, "admin1": {"raw", "geometry"}, "nearest_place": {"raw", "geometry"}}))
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
    print("sources:")
    for source in meta["sources"]:
        print(f"  {source}")
    return EXIT_OK


def _cmd_gazetteer_build(args: argparse.Namespace) -> int:
    from gazetteer.build import build_store
    from gazetteer.store import default_store_path

    target = Path(args.output) if args.output else default_store_path()
    meta = build_store(target, min_population=args.min_population)
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

    build = commands.add_parser("build", help="(re)build the local store from the installed sources")
    build.add_argument("--min-population", type=int, default=DEFAULT_MIN_POPULATION)
    build.add_argument("--output", help="store folder (default: the package's store)")
    build.set_defaults(handler=_cmd_gazetteer_build)


# -- entry point -----------------------------------------------------------------------------
class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, no usage dump
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="geo", description="Offline geospatial event mapper.")
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    _add_gazetteer(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except GeoError as err:
        sys.stderr.write(f"geo: error: {err}\n")
        return EXIT_USAGE if isinstance(err, ValueError) else EXIT_FAILURE
    except KeyboardInterrupt:
        sys.stderr.write("geo: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
