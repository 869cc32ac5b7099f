"""Bad input through the real command line: one line per problem, the right exit code, no
traceback, and no output file created or damaged.

Every row runs ``python -m geo.cli`` as a subprocess in a fresh workspace, because what is
promised is what a user sees: the exit status, stderr and the files left on disk.

Two cases cannot be built the obvious way when the suite runs as root (CI containers do),
because root reads and writes through any permission bits:

* *unreadable file in a directory*: ``corpus/memory.txt`` is a symbolic link to
  ``/proc/self/mem``. The walk sees a regular file; reading it fails with ``EIO`` for every
  user, root included. (A ``chmod 000`` file would be read happily by root.)
* *read-only output directory*: the output goes under ``/proc/sys``, where no user can
  create files (``EACCES``), while ``os.access`` answers "writable" for root; so the run
  gets past the pre-check and must fail cleanly at write time, after the pipeline ran.
  A regular file used as a directory (``article.txt/new.geojson``) is a separate row.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

ARTICLE = """---
published: 2017-06-20
source: Example Wire
url: https://example.org/hama
---
Government jets strike rebel town

Syrian government jets shelled the town of Kafr Zita north of Hama on Tuesday, killing four
people, residents said. Rebels shot down a helicopter near Aleppo the same day.
"""
LATIN1_TEXT = (
    "Syrian jets shelled the caf\u00e9 district of Hama on Tuesday, residents said.\n"
    "\u201cWe heard the planes,\u201d said one owner.\n"
)
UTF16_TEXT = "Rebels shot down a helicopter near Aleppo on Monday, activists said.\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06"
BATCH_JSONL = (
    "\n".join(
        [
            '{"id": "a", "text": "Syrian jets shelled Hama on Tuesday, residents said."}',
            "{not json at all",
            '{"id": "c", "title": "No body here"}',
            '{"id": "d", "text": "Rebels shot down a helicopter near Aleppo on Monday."}',
        ]
    )
    + "\n"
)
BAD_HEADER_DATE = "---\npublished: 2017-13-01\n---\nSyrian jets shelled Hama on Tuesday.\n"
PREVIOUS = {
    "out/map.html": "<html><body>previous map</body></html>\n",
    "out/map.geojson": '{"type":"FeatureCollection","features":[]}\n',
}
READ_ONLY_OUTPUT = "/proc/sys/geo-test-output.geojson"


def _write_workspace(root: Path) -> None:
    """Every input and pre-existing output the table refers to, by relative name."""
    (root / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_text("   \n\t\n  \n", encoding="utf-8")
    (root / "attachment.png").write_bytes(PNG_BYTES)
    (root / "latin1.txt").write_bytes(LATIN1_TEXT.encode("cp1252"))
    (root / "utf16.txt").write_bytes(UTF16_TEXT.encode("utf-16"))  # BOM first
    (root / "batch.jsonl").write_text(BATCH_JSONL, encoding="utf-8")
    (root / "bad_date.txt").write_text(BAD_HEADER_DATE, encoding="utf-8")
    (root / "cut.txt.gz").write_bytes(gzip.compress(ARTICLE.encode())[:40])
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "memory.txt").symlink_to("/proc/self/mem")
    (root / "out").mkdir()
    for name, text in PREVIOUS.items():
        (root / name).write_text(text, encoding="utf-8")


def _snapshot(root: Path) -> dict[str, str]:
    """Digest of every file (not following links) under ``root``, by relative path."""
    digests: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        digests[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def run_geo(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``python -m geo.cli ARGS`` in ``cwd``, stdin empty, output captured (not a terminal)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@dataclass(frozen=True)
class Case:
    """One row: the command, its exit code and what each stderr line must contain.

    ``lines`` lists, per expected stderr line and in order, the substrings that line must
    contain (the input's name and the problem); the number of lines must match exactly.
    ``writes`` lists the output files the run must create or change (successful and
    partial runs); every other file of the workspace must be byte-identical afterwards.
    """

    args: tuple[str, ...]
    exit_code: int
    lines: tuple[tuple[str, ...], ...] = ()
    writes: tuple[str, ...] = ()
    stdout_has: tuple[str, ...] = ()
    marks: tuple[pytest.MarkDecorator, ...] = field(default=())


NO_DOCUMENT = ("no document could be read",)
GEOJSON = "--geojson"
NEW_GEOJSON = "out/new.geojson"

CASES: dict[str, Case] = {
    # -- geo extract --------------------------------------------------------------------
    "extract-missing-path": Case(
        ("extract", "nope.txt", GEOJSON, NEW_GEOJSON),
        2,
        (("nope.txt", "no such file"), NO_DOCUMENT),
    ),
    "extract-dir-with-unreadable-file": Case(
        ("extract", "corpus", GEOJSON, NEW_GEOJSON),
        3,
        (("memory.txt", "cannot read"), ("1 input(s) failed, 1 processed",)),
        writes=(NEW_GEOJSON,),
    ),
    "extract-empty-file": Case(
        ("extract", "empty.txt", GEOJSON, NEW_GEOJSON), 2, (("empty.txt", "empty"), NO_DOCUMENT)
    ),
    "extract-whitespace-file": Case(
        ("extract", "blank.txt", GEOJSON, NEW_GEOJSON), 2, (("blank.txt", "empty"), NO_DOCUMENT)
    ),
    "extract-binary-file": Case(
        ("extract", "attachment.png", GEOJSON, NEW_GEOJSON),
        2,
        (("attachment.png", "binary"), NO_DOCUMENT),
    ),
    "extract-truncated-gzip": Case(
        ("extract", "cut.txt.gz", "article.txt", GEOJSON, NEW_GEOJSON),
        3,
        (("cut.txt.gz", "truncated gzip data"), ("1 input(s) failed, 1 processed",)),
        writes=(NEW_GEOJSON,),
    ),
    "extract-cp1252-decodes": Case(
        ("extract", "latin1.txt", GEOJSON, NEW_GEOJSON),
        0,
        writes=(NEW_GEOJSON,),
        stdout_has=("caf\u00e9 district of Hama",),
    ),
    "extract-utf16-bom-decodes": Case(
        ("extract", "utf16.txt", GEOJSON, NEW_GEOJSON),
        0,
        writes=(NEW_GEOJSON,),
        stdout_has=("helicopter near Aleppo",),
    ),
    "extract-jsonl-bad-lines": Case(
        ("extract", "batch.jsonl", GEOJSON, NEW_GEOJSON),
        3,
        (
            ("batch.jsonl:2", "not valid JSON"),
            ("batch.jsonl:3", "'text'"),
            ("2 input(s) failed, 2 processed",),
        ),
        writes=(NEW_GEOJSON,),
    ),
    "extract-jsonl-stream-bad-lines": Case(
        ("extract", "--jsonl", "batch.jsonl"),
        3,
        (
            ("batch.jsonl:2", "not valid JSON"),
            ("batch.jsonl:3", "'text'"),
            ("2 input(s) failed, 2 processed",),
        ),
        stdout_has=('"id": "a"', '"id": "d"'),
    ),
    "extract-impossible-date-option": Case(
        ("extract", "article.txt", "--published", "2017-02-30", GEOJSON, NEW_GEOJSON),
        2,
        (("--published", "2017-02-30", "day is out of range"),),
    ),
    "extract-word-date-option": Case(
        ("extract", "article.txt", "--published", "yesterday", GEOJSON, NEW_GEOJSON),
        2,
        (("--published", "yesterday", "YYYY-MM-DD"),),
    ),
    "extract-impossible-header-date": Case(
        ("extract", "bad_date.txt", GEOJSON, NEW_GEOJSON),
        2,
        (("bad_date.txt", "line 2", "2017-13-01"), NO_DOCUMENT),
    ),
    "extract-output-in-missing-dir": Case(
        ("extract", "article.txt", GEOJSON, "missing/new.geojson"),
        1,
        (("missing/new.geojson", "does not exist"),),
    ),
    "extract-output-under-file": Case(
        ("extract", "article.txt", GEOJSON, "article.txt/new.geojson"),
        1,
        (("article.txt/new.geojson", "not a directory"),),
    ),
    "extract-output-read-only-dir": Case(
        ("extract", "article.txt", GEOJSON, READ_ONLY_OUTPUT),
        1,
        ((READ_ONLY_OUTPUT, "not writable"),),
    ),
    "extract-output-is-input": Case(
        ("extract", "article.txt", GEOJSON, "article.txt"),
        2,
        (("article.txt", "refusing to overwrite"),),
    ),
    # -- geo map ------------------------------------------------------------------------
    "map-missing-path": Case(
        ("map", "nope.txt", "-o", "out/map.html"), 2, (("nope.txt", "no such file"), NO_DOCUMENT)
    ),
    "map-dir-with-unreadable-file": Case(
        ("map", "corpus", "-o", "out/map.html"),
        3,
        (
            ("memory.txt", "cannot read"),
            ("wrote out/map.html",),
            ("1 input(s) failed, 1 processed",),
        ),
        writes=("out/map.html", "out/map.geojson"),
    ),
    "map-empty-file": Case(
        ("map", "empty.txt", "-o", "out/map.html"), 2, (("empty.txt", "empty"), NO_DOCUMENT)
    ),
    "map-whitespace-file": Case(
        ("map", "blank.txt", "-o", "out/map.html"), 2, (("blank.txt", "empty"), NO_DOCUMENT)
    ),
    "map-binary-file": Case(
        ("map", "attachment.png", "-o", "out/map.html"),
        2,
        (("attachment.png", "binary"), NO_DOCUMENT),
    ),
    "map-cp1252-decodes": Case(
        ("map", "latin1.txt", "-o", "out/map.html"),
        0,
        (("wrote out/map.html",),),
        writes=("out/map.html", "out/map.geojson"),
    ),
    "map-utf16-bom-decodes": Case(
        ("map", "utf16.txt", "-o", "out/map.html"),
        0,
        (("wrote out/map.html",),),
        writes=("out/map.html", "out/map.geojson"),
    ),
    "map-jsonl-bad-lines": Case(
        ("map", "batch.jsonl", "-o", "out/map.html"),
        3,
        (
            ("batch.jsonl:2", "not valid JSON"),
            ("batch.jsonl:3", "'text'"),
            ("wrote out/map.html",),
            ("2 input(s) failed, 2 processed",),
        ),
        writes=("out/map.html", "out/map.geojson"),
    ),
    "map-impossible-date-option": Case(
        ("map", "article.txt", "--published", "2017-02-30", "-o", "out/map.html"),
        2,
        (("--published", "2017-02-30", "day is out of range"),),
    ),
    "map-word-date-option": Case(
        ("map", "article.txt", "--published", "yesterday", "-o", "out/map.html"),
        2,
        (("--published", "yesterday", "YYYY-MM-DD"),),
    ),
    "map-impossible-header-date": Case(
        ("map", "bad_date.txt", "-o", "out/map.html"),
        2,
        (("bad_date.txt", "line 2", "2017-13-01"), NO_DOCUMENT),
    ),
    "map-output-in-missing-dir": Case(
        ("map", "article.txt", "-o", "missing/map.html"),
        1,
        (("missing/map.html", "does not exist"),),
    ),
    "map-output-read-only-dir": Case(
        ("map", "article.txt", "-o", "out/map.html", GEOJSON, READ_ONLY_OUTPUT),
        1,
        ((READ_ONLY_OUTPUT, "not writable"),),
    ),
    "map-html-is-input": Case(
        ("map", "article.txt", "-o", "article.txt"),
        2,
        (("article.txt", "refusing to overwrite"),),
    ),
    "map-geojson-inside-input-dir": Case(
        ("map", "corpus", "-o", "out/map.html", GEOJSON, "corpus/article.txt"),
        2,
        (("corpus/article.txt", "refusing to overwrite"),),
    ),
    # -- geo places ---------------------------------------------------------------------
    "places-missing-path": Case(("places", "nope.txt"), 2, (("nope.txt", "no such file"),)),
    "places-directory": Case(("places", "corpus"), 2, (("corpus", "directory"),)),
    "places-unreadable-file": Case(
        ("places", "corpus/memory.txt"), 2, (("memory.txt", "cannot read"),)
    ),
    "places-empty-file": Case(("places", "empty.txt"), 2, (("empty.txt", "empty"),)),
    "places-whitespace-file": Case(("places", "blank.txt"), 2, (("blank.txt", "empty"),)),
    "places-binary-file": Case(("places", "attachment.png"), 2, (("attachment.png", "binary"),)),
    "places-cp1252-decodes": Case(("places", "latin1.txt", "--json"), 0, stdout_has=("Hama",)),
    "places-utf16-bom-decodes": Case(("places", "utf16.txt", "--json"), 0, stdout_has=("Aleppo",)),
    "places-jsonl-bad-lines": Case(
        ("places", "--jsonl", "batch.jsonl"),
        3,
        (
            ("batch.jsonl:2",),
            ("batch.jsonl:3", "'text'"),
            ("2 input(s) failed, 2 processed",),
        ),
        stdout_has=('{"id":"a",', '{"id":"d",'),
    ),
    "places-jsonl-bad-lines-two-workers": Case(
        ("places", "--jsonl", "batch.jsonl", "--workers", "2"),
        3,
        (
            ("batch.jsonl:2",),
            ("batch.jsonl:3", "'text'"),
            ("2 input(s) failed, 2 processed",),
        ),
        stdout_has=('{"id":"a",', '{"id":"d",'),
    ),
    "places-jsonl-no-workers": Case(
        ("places", "--jsonl", "batch.jsonl", "--workers", "0"),
        2,
        (("--workers must be at least 1, got 0",),),
    ),
    "places-jsonl-missing": Case(
        ("places", "--jsonl", "nope.jsonl"), 2, (("nope.jsonl", "cannot read"),)
    ),
    # -- geo eval -----------------------------------------------------------------------
    "eval-missing-corpus": Case(("eval", "nope.jsonl"), 2, (("nope.jsonl", "cannot read"),)),
    "eval-binary-corpus": Case(("eval", "attachment.png"), 2, (("attachment.png",),)),
    "eval-corpus-bad-line": Case(
        ("eval", "batch.jsonl"), 2, (("batch.jsonl:2", "not a gold document"),)
    ),
}


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=name, marks=case.marks) for name, case in CASES.items()]
)
def test_cli_reports_bad_input_in_one_line(case: Case, tmp_path: Path) -> None:
    _write_workspace(tmp_path)
    before = _snapshot(tmp_path)

    result = run_geo(list(case.args), tmp_path)

    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == case.exit_code, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(case.lines), result.stderr
    for line, wanted in zip(lines, case.lines, strict=True):
        assert line.startswith(("geo", "wrote ")), line
        for fragment in wanted:
            assert fragment in line, f"{fragment!r} not in {line!r}"
    for fragment in case.stdout_has:
        assert fragment in result.stdout
    after = _snapshot(tmp_path)
    unchanged = {name: digest for name, digest in before.items() if name not in case.writes}
    assert {name: after.get(name) for name in unchanged} == unchanged
    assert sorted(set(after) - set(before) - set(case.writes)) == []
    for name in case.writes:
        assert name in after and after[name] != before.get(name), f"{name} not written"
    assert not Path(READ_ONLY_OUTPUT).exists()


def test_unreadable_proc_link_is_unreadable_even_for_root(tmp_path: Path) -> None:
    """The table's unreadable-file trick holds: reading the link fails for every user."""
    link = tmp_path / "memory.txt"
    link.symlink_to("/proc/self/mem")
    assert link.is_file()
    with pytest.raises(OSError):
        link.read_bytes()


def test_dangling_link_in_a_directory_is_reported(tmp_path: Path) -> None:
    """A ``*.txt`` link to nothing inside an input folder is a failed input, not skipped."""
    _write_workspace(tmp_path)
    (tmp_path / "corpus" / "memory.txt").unlink()
    (tmp_path / "corpus" / "moved.txt").symlink_to(tmp_path / "gone.txt")

    result = run_geo(["extract", "--jsonl", "corpus"], tmp_path)

    assert result.returncode == 3, result.stderr
    assert "moved.txt" in result.stderr.splitlines()[0]


def run_geo_with_input(args: list[str], cwd: Path, data: bytes) -> subprocess.CompletedProcess[str]:
    """``python -m geo.cli ARGS`` with ``data`` on standard input."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    result = subprocess.run(
        [sys.executable, "-m", "geo.cli", *args], cwd=cwd, env=env, input=data,
        capture_output=True, timeout=120, check=False,
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


STDIN_JSONL = (BATCH_JSONL.replace('"a"', '"one"').replace('"d"', '"two"')).encode()


@pytest.mark.parametrize(
    ("args", "data", "exit_code", "errors"),
    [
        pytest.param(["extract", "-"], ARTICLE.encode(), 0, [], id="extract-text"),
        pytest.param(["extract", "-", "--jsonl"], STDIN_JSONL, 3,
                     ["<stdin>:2: not valid JSON", "<stdin>:3: lacks the required 'text'"],
                     id="extract-jsonl-bad-lines"),
        pytest.param(["extract", "-", "--jsonl"], gzip.compress(STDIN_JSONL), 3,
                     ["<stdin>:2: not valid JSON", "<stdin>:3: lacks the required 'text'"],
                     id="extract-gzip-jsonl"),
        pytest.param(["extract", "-"], b"", 2, ["<stdin>: empty document"], id="extract-empty"),
        pytest.param(["places", "--jsonl", "-"], STDIN_JSONL, 3,
                     ["stdin:2:", "stdin:3:"], id="places-jsonl"),
        pytest.param(["map", "-", "-o", "out/stdin.html"], ARTICLE.encode(), 0, [],
                     id="map-text"),
    ],
)
def test_standard_input(
    tmp_path: Path, args: list[str], data: bytes, exit_code: int, errors: list[str]
) -> None:
    _write_workspace(tmp_path)
    result = run_geo_with_input(args, tmp_path, data)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == exit_code, result.stderr
    lines = [line for line in result.stderr.splitlines() if not line.startswith("wrote ")]
    for fragment in errors:
        assert any(fragment in line for line in lines), (fragment, result.stderr)
    if exit_code == 2:
        return
    if args[0] == "map":
        assert (tmp_path / "out" / "stdin.html").exists()
        return
    outputs = (
        [json.loads(line) for line in result.stdout.splitlines()]
        if "--jsonl" in args else [json.loads(result.stdout)]
    )
    assert outputs and all(output for output in outputs)
    if args[0] == "extract" and "--jsonl" in args:
        assert [output["id"] for output in outputs] == ["one", "two"]
