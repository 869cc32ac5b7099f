"""Documents: the articles geo reads, and how they are loaded from disk.

News corpora are messy, so loading is built to keep going: a batch of 10,000 articles with
one bad file gives 9,999 :class:`Document` objects and one :class:`DocumentFailure` whose
``message`` is a single line naming the input and the problem. Nothing is evaluated; every
format below is parsed with plain string operations or :func:`json.loads`.

Input forms
-----------
Plain text (``*.txt``, ``*.text``, ``*.md``, or any file named explicitly)
    ``text`` is the whole decoded file; ``title`` is its first non-empty line (a Markdown
    ``# `` heading marker is dropped from the title, never from ``text``; a line longer than
    a headline, an article on one line, gives its first words and "…").

Text with a metadata header
    The very first line is ``---``; ``key: value`` lines follow, then a closing ``---``::

        ---
        published: 2017-06-20
        source: Reuters
        url: https://example.org/a
        title: Russian fighter jet flies five feet from US spy plane
        id: reuters-0001
        ---
        Russian fighter jet flies five feet from US spy plane

        A US warplane shot down ...

    Keys are case-insensitive: ``published``, ``source``, ``url``, ``title``, ``id``.
    Values are stripped of surrounding whitespace and of one pair of matching quotes; an
    empty value means "not given". Blank lines inside the header are ignored. An unknown
    key, a repeated key, a line that is not ``key: value`` or an invalid date is a
    :class:`~geo.errors.DocumentError` naming the line (file line numbers, 1-based).
    ``published`` is an ISO date ``YYYY-MM-DD``; a timestamp
    ``YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±hh:mm]`` is accepted and its date kept as written
    (no time-zone conversion). ``text`` is everything after the closing fence's line.
    ``title`` is the header's title or else the first non-empty line of ``text``.

    A header is recognised only when the first line is ``---`` *and* the next non-blank
    line looks like ``key: value``; otherwise (e.g. a Markdown file opening with a
    thematic break) the file is plain text. A recognised header with no closing ``---`` is
    an error rather than silently turning ``published: ...`` into the headline.

JSONL (``*.jsonl``)
    One object a line: ``{"id", "title", "text", "published", "source", "url"}``. ``text``
    is required; ``id`` defaults to ``<file stem>:<line number>`` (an integer ``id`` is
    turned into a string); other fields are optional strings or ``null``. Extra keys are
    ignored, because exports from other tools carry fields geo does not use. Blank lines are
    skipped. A line that is not JSON, not an object, lacks ``text``, has a non-string
    field or an invalid date becomes one failure naming the line; the other lines still
    load. The file is streamed line by line, never read whole. It is read as UTF-8 (a BOM is
    allowed; a line that is not UTF-8 is read as Windows-1252, like text files), or as
    UTF-16/UTF-32 when it starts with their BOM.

JSON (``*.json``)
    One object, or a list of objects, with the JSONL fields. Read whole (a JSON document
    cannot be streamed without a parser geo does not depend on); items are numbered
    from 1 in messages and default ids (``<file stem>:<item>``).

Parquet (``*.parquet``; a dataset directory of part files is walked like any directory)
    One row a document, with the JSONL fields as columns (others ignored; a date or
    timestamp ``published`` column is taken as its date). Read a row group at a time;
    ids default to ``<file stem>:<row>``, and a bad row is one failure ("row 7: ...").

Saved web pages (``*.html``, ``*.htm``)
    Reduced to the article's main text, title, date and site by trafilatura, offline
    (:mod:`geo.webpages`); the page's metadata date fills ``published``. A page with no
    article text is a :class:`~geo.errors.DocumentError`.

Compressed files (``*.gz``, ``*.bz2``, ``*.xz``)
    Any form above, compressed: the suffix under the compression suffix says the format
    (``news.jsonl.gz`` is JSONL, streamed; ``a.txt.xz`` is text); ids drop both suffixes.
    A truncated or corrupt file is one failure naming it (for JSONL, after the lines read
    before the damage: "truncated gzip data ...; the rest is skipped").

Standard input (``-``)
    Decompressed first when it starts with the gzip, bzip2 or xz magic number; then JSONL,
    streamed, when its first non-blank character is ``{`` (ids ``stdin:<line>``,
    messages ``<stdin>:<line>: ...``); otherwise one text document (with or without a
    metadata header) with id ``stdin``.

Directories
    Walked recursively in sorted order, taking the suffixes above (case-insensitive, also
    under a compression suffix).
    Hidden files and directories (name starting with ``.``) and ``README.*`` files (a
    corpus' own documentation, not an article) are skipped; name such a file explicitly to
    read it. Symbolic links are followed once (loops are cut). Ids of files found in a
    directory are their path relative to it, without suffix (``sub/article``), so that
    two ``article.txt`` in different folders do not collide. A file named twice (directly
    and through its directory) is read once.

Decoding and newlines
---------------------
UTF-8 (a BOM is dropped), UTF-16 LE/BE and UTF-32 LE/BE with a BOM; any other bytes that
are not valid UTF-8 are read as Windows-1252 (bytes it leaves undefined as Latin-1), which
also covers Latin-1 text. NUL bytes without a UTF-16/32 BOM, or more than 10 % control
characters, mark a binary file. Newlines are normalised: ``\\r\\n`` and a lone ``\\r``
become ``\\n`` in every form (JSONL text included). Offsets index ``Document.text`` exactly
as stored, after this normalisation.
"""

from __future__ import annotations

import bz2
import contextlib
import datetime as dt
import gzip
import io
import itertools
import json
import lzma
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from pydantic import BaseModel, ConfigDict, Field

from geo.errors import DocumentError

__all__ = [
    "COMPRESSION_SUFFIXES",
    "DOCUMENT_SUFFIXES",
    "HEADER_KEYS",
    "STDIN",
    "Document",
    "DocumentFailure",
    "JsonlBlock",
    "JsonlRange",
    "ParquetPart",
    "block_documents",
    "decode_bytes",
    "format_suffix",
    "iter_document_files",
    "load_documents",
    "load_in_blocks",
    "parse_published",
    "parse_text",
    "read_document",
    "read_parquet_part",
    "read_range",
]


class Document(BaseModel):
    """One article. ``text`` is what offsets index into: headline, blank line, body."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    path: str | None = Field(default=None, description="File the document was read from.")
    line: int | None = Field(default=None, description="JSONL line number, 1-based.")


class DocumentFailure(BaseModel):
    """One input that could not become a :class:`Document`; the batch went on without it.

    ``message`` is a single line naming the input and the problem, ready for the CLI::

        news.jsonl:2: not valid JSON (Expecting value, column 1)
    """

    model_config = ConfigDict(frozen=True)

    source: str = Field(description="The path, or 'path:line' for one JSONL line.")
    line: int | None = Field(default=None, description="JSONL line number, 1-based.")
    message: str


TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
JSONL_SUFFIX = ".jsonl"
JSON_SUFFIX = ".json"
PARQUET_SUFFIX = ".parquet"
HTML_SUFFIXES = frozenset({".html", ".htm"})
DOCUMENT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {JSONL_SUFFIX, JSON_SUFFIX, PARQUET_SUFFIX}
"""Suffixes taken when walking a directory (compared case-insensitively), also under a
compression suffix (``news.jsonl.gz``)."""

COMPRESSION_SUFFIXES: dict[str, str] = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}
"""Compressed files, read through the standard library's decompressors, by suffix."""

STDIN = Path("-")
"""The path that stands for standard input in :func:`iter_document_files` (this very object:
a file named ``-`` given as ``./-`` is a file)."""

_STDIN_LABEL = "<stdin>"
_STDIN_ID = "stdin"
_STDIN_SNIFF_BYTES = 65536

HEADER_KEYS = ("id", "published", "source", "title", "url")
"""Keys allowed in a metadata header."""

_FENCE = "---"
_HEADER_LINE = re.compile(r"\s*([A-Za-z][A-Za-z0-9_-]*)\s*:(.*)")
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_ISO_TIME = re.compile(
    r"([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?"
)
_OPTIONAL_STRING_FIELDS = ("title", "source", "url", "published")

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 little-endian one.
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_WIDE_BOMS = tuple(bom for bom, encoding in _BOMS if not encoding.startswith("utf-8"))
_BINARY_SAMPLE_CHARS = 65536
_BINARY_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")


def _build_cp1252_table() -> dict[int, str]:
    """Map each Latin-1 code point 0x80-0x9F to its Windows-1252 character where defined."""
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # undefined in cp1252 (0x81, 0x8D, ...): keep the Latin-1 character
    return table


_CP1252_OVER_LATIN1 = _build_cp1252_table()


# --------------------------------------------------------------------------- decoding


def _one_line(text: str) -> str:
    """Collapse control characters so a message built from file content stays one line."""
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text)


def _name(path: str | os.PathLike[str]) -> str:
    return _one_line(os.fspath(path))


def _is_mostly_control(text: str) -> bool:
    sample = text[:_BINARY_SAMPLE_CHARS]
    if not sample:
        return False
    controls = sum(
        1 for char in sample
        if (char < " " or "\x7f" <= char < "\xa0") and char not in _TEXT_CONTROLS
    )
    return controls / len(sample) > _BINARY_CONTROL_SHARE


def _normalise_newlines(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, *, name: str) -> str:
    """Decode a file's bytes to text, or raise :class:`DocumentError` for binary data.

    Newlines are left as they are (see :func:`read_document`). ``name`` is only used in
    messages.

    >>> decode_bytes(b"\\xef\\xbb\\xbfSyria", name="a.txt")
    'Syria'
    >>> decode_bytes("\\u201cHama\\u201d".encode("cp1252"), name="a.txt")
    '“Hama”'
    >>> decode_bytes(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", name="a.png")
    Traceback (most recent call last):
    geo.errors.DocumentError: a.png: binary file, not text
    """
    label = _name(name)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as err:
                raise DocumentError(
                    f"{label}: not valid {encoding.upper()} despite its byte-order mark "
                    f"(byte {err.start + len(bom)})"
                ) from err
            break
    else:
        if b"\x00" in data:
            raise DocumentError(f"{label}: binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("latin-1").translate(_CP1252_OVER_LATIN1)
    if "\x00" in text or _is_mostly_control(text):
        raise DocumentError(f"{label}: binary file, not text")
    return text


# ------------------------------------------------------------------------------ dates


def parse_published(value: str) -> dt.date:
    """Parse an ISO publication date; a timestamp keeps its date as written.

    >>> parse_published("2017-06-20")
    datetime.date(2017, 6, 20)
    >>> parse_published("2017-06-20T23:30:00-05:00")
    datetime.date(2017, 6, 20)
    >>> parse_published("2017-02-30")
    Traceback (most recent call last):
    geo.errors.DocumentError: invalid publication date '2017-02-30': day is out of range for month
    """
    shown = _one_line(value.strip())
    if len(shown) > 60:
        shown = shown[:57] + "..."
    stripped = value.strip()
    date_part, separator, time_part = stripped.partition("T")
    if not separator and " " in stripped:
        date_part, separator, time_part = stripped.partition(" ")
    date_match = _ISO_DATE.fullmatch(date_part)
    if date_match is None or (separator and _ISO_TIME.fullmatch(time_part) is None):
        raise DocumentError(
            f"invalid publication date '{shown}': expected YYYY-MM-DD "
            "or YYYY-MM-DDTHH:MM[:SS][Z|±hh:mm]"
        )
    try:
        date = dt.date(*(int(part) for part in date_match.groups()))
        if separator:
            _check_time(time_part)
    except ValueError as err:
        raise DocumentError(f"invalid publication date '{shown}': {err}") from err
    return date


def _check_time(time_part: str) -> None:
    """Raise ValueError when the clock or offset of an ISO timestamp is out of range."""
    match = _ISO_TIME.fullmatch(time_part)
    if match is None:  # pragma: no cover - the caller matched already
        raise ValueError("time is not HH:MM[:SS]")
    hour, minute, second, offset = match.groups()
    dt.time(int(hour), int(minute), int(second or 0))
    if offset and offset != "Z":
        digits = offset[1:].replace(":", "")
        if int(digits[:2]) > 23 or int(digits[2:]) > 59:
            raise ValueError(f"time-zone offset {offset} is out of range")


# ------------------------------------------------------------------------------- text


_HEADLINE_LENGTH = 160  # a first line longer than this is a paragraph: its start is the title


def _headline(line: str) -> str:
    if len(line) <= _HEADLINE_LENGTH:
        return line
    cut = line.rfind(" ", 0, _HEADLINE_LENGTH)
    return line[: cut if cut > 0 else _HEADLINE_LENGTH].rstrip() + "…"


def _first_line_title(text: str) -> str | None:
    """The first non-empty line, stripped, without a Markdown heading marker; a first line
    longer than a headline (an article on one line) gives its first words and "…".

    Scans line by line instead of splitting, so a 50 MB text costs one line.
    """
    position = 0
    while position < len(text):
        end = text.find("\n", position)
        if end == -1:
            end = len(text)
        line = text[position:end].strip()
        if line:
            heading = _MARKDOWN_HEADING.match(line)
            return _headline(line[heading.end():] if heading else line)
        position = end + 1
    return None


def _lines_with_numbers(text: str, start: int = 0) -> Iterator[tuple[int, int, str]]:
    """Yield ``(line number, offset after the line, line)`` lazily, numbering from 1."""
    number = 0
    position = start
    while position < len(text):
        end = text.find("\n", position)
        after = len(text) if end == -1 else end + 1
        number += 1
        yield number, after, text[position:after].rstrip("\n")
        position = after


def _find_header(text: str, label: str) -> tuple[list[tuple[int, str]], int] | None:
    """Locate a metadata header: its numbered lines and the offset where the body starts.

    Returns None when the text has no header (see the module docstring for the rule).
    """
    lines = _lines_with_numbers(text)
    first = next(lines, None)
    if first is None or first[2].rstrip() != _FENCE:
        return None
    header: list[tuple[int, str]] = []
    for number, after, line in lines:
        if line.rstrip() == _FENCE:
            return header, after
        if not header and not line.strip():
            continue
        if not header and _HEADER_LINE.fullmatch(line) is None:
            return None
        header.append((number, line))
    if not header:
        return None
    raise DocumentError(f"{label}: metadata header opened on line 1 has no closing '---' line")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1].strip()
    return value


def _parse_header(lines: list[tuple[int, str]], label: str) -> dict[str, str]:
    """Parse ``key: value`` lines into a mapping of known keys to non-empty values."""
    fields: dict[str, str] = {}
    seen: set[str] = set()
    for number, line in lines:
        if not line.strip():
            continue
        match = _HEADER_LINE.fullmatch(line)
        if match is None:
            raise DocumentError(f"{label}: line {number}: header line is not 'key: value'")
        key = match.group(1).lower()
        if key not in HEADER_KEYS:
            raise DocumentError(
                f"{label}: line {number}: unknown header key '{match.group(1)}' "
                f"(known: {', '.join(HEADER_KEYS)})"
            )
        if key in seen:
            raise DocumentError(f"{label}: line {number}: header key '{key}' is repeated")
        seen.add(key)
        value = _unquote(match.group(2))
        if key == "published" and value:
            try:
                parse_published(value)
            except DocumentError as err:
                raise DocumentError(f"{label}: line {number}: {err}") from err
        if value:
            fields[key] = value
    return fields


def parse_text(
    raw: str,
    *,
    doc_id: str,
    path: str | None = None,
    published: dt.date | None = None,
) -> Document:
    """Build a :class:`Document` from decoded text, with or without a metadata header.

    ``doc_id`` is used unless the header has an ``id``; ``published`` is used when the
    header gives no date. Raises :class:`DocumentError` for a bad header or an empty text.

    >>> doc = parse_text("---\\npublished: 2017-06-20\\n---\\nJet shot down\\n\\nBody.",
    ...                  doc_id="a")
    >>> doc.title, doc.published, doc.text
    ('Jet shot down', datetime.date(2017, 6, 20), 'Jet shot down\\n\\nBody.')
    """
    label = _name(path) if path is not None else _one_line(doc_id)
    text = _normalise_newlines(raw)
    del raw  # let a large input be freed once the header is cut off below
    if text.startswith("\ufeff"):
        text = text[1:]
    fields: dict[str, str] = {}
    found = _find_header(text, label)
    if found is not None:
        header_lines, body_start = found
        fields = _parse_header(header_lines, label)
        text = text[body_start:]
    if not text.strip():
        detail = " (header but no text)" if found is not None else ""
        raise DocumentError(f"{label}: empty document{detail}")
    return Document(
        id=fields.get("id", doc_id),
        text=text,
        title=fields.get("title") or _first_line_title(text),
        published=parse_published(fields["published"]) if "published" in fields else published,
        source=fields.get("source"),
        url=fields.get("url"),
        path=path,
    )


# ------------------------------------------------------------------------ compression


def format_suffix(path: Path) -> str:
    """The lower-case suffix that says a file's format, looking under a compression suffix.

    >>> [format_suffix(Path(name)) for name in ("news.jsonl.gz", "a.TXT", "a.xz")]
    ['.jsonl', '.txt', '']
    """
    suffix = path.suffix.lower()
    if suffix in COMPRESSION_SUFFIXES:
        return Path(path.stem).suffix.lower()
    return suffix


def _compression(path: Path) -> str | None:
    return COMPRESSION_SUFFIXES.get(path.suffix.lower())


# What a truncated or corrupt stream raises: gzip EOFError or BadGzipFile (an OSError),
# zlib.error, bz2 ValueError or OSError ("Invalid data stream"), lzma.LZMAError.
_DECOMPRESSION_ERRORS = (EOFError, OSError, ValueError, zlib.error, lzma.LZMAError)
_DECOMPRESS = {"gzip": gzip.decompress, "bzip2": bz2.decompress, "xz": lzma.decompress}
_OPEN_COMPRESSED = {"gzip": gzip.GzipFile, "bzip2": bz2.BZ2File, "xz": lzma.LZMAFile}


def _decompression_problem(kind: str, err: BaseException) -> str:
    detail = _one_line(str(err)) or type(err).__name__
    if "ended before" in detail or isinstance(err, EOFError):
        return f"truncated {kind} data ({detail})"
    return f"not valid {kind} data ({detail})"


def _decompression_error(path: Path, kind: str, err: BaseException) -> DocumentError:
    return DocumentError(f"{_name(path)}: {_decompression_problem(kind, err)}")


def _decompress(path: Path, data: bytes, kind: str) -> bytes:
    try:
        return _DECOMPRESS[kind](data)
    except _DECOMPRESSION_ERRORS as err:
        raise _decompression_error(path, kind, err) from err


def _read_bytes(path: Path) -> bytes:
    """Read a whole file once, decompressed if its suffix says so; OS and decompression
    errors become one-line :class:`DocumentError`."""
    data = _read_raw_bytes(path)
    kind = _compression(path)
    return data if kind is None else _decompress(path, data, kind)


def _read_raw_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as err:
        raise DocumentError(f"{_name(path)}: no such file or directory") from err
    except IsADirectoryError as err:
        raise DocumentError(f"{_name(path)}: is a directory, not a document") from err
    except PermissionError as err:
        raise DocumentError(f"{_name(path)}: permission denied") from err
    except OSError as err:
        raise DocumentError(f"{_name(path)}: cannot read: {err.strerror or err}") from err


def read_document(
    path: Path, *, published: dt.date | None = None, doc_id: str | None = None
) -> Document:
    """Read one text file (plain or with a header) or saved web page into a :class:`Document`.

    A compressed file (``.gz``, ``.bz2``, ``.xz``) is read as the format under its suffix.
    The file is read once; the bytes are released as soon as they are decoded, so a large
    file costs a few times its size at most. ``doc_id`` defaults to the file stem.
    Raises :class:`DocumentError` (missing, unreadable, binary, empty, bad header).
    """
    doc_id = doc_id if doc_id is not None else _id_prefix(path, None)
    if format_suffix(path) in HTML_SUFFIXES:
        return _read_webpage(path, doc_id=doc_id, published=published)
    # The decoded text is passed on without a local name so that parse_text holds the
    # only reference and the header-less copy it makes can replace it.
    return parse_text(_read_text(path), doc_id=doc_id, path=str(path), published=published)


def _read_webpage(path: Path, *, doc_id: str, published: dt.date | None) -> Document:
    """A saved web page: its main text, title, site, and its metadata's date if valid."""
    from geo.webpages import extract_webpage  # trafilatura loads in 0.3 s: only when needed

    page = extract_webpage(_read_bytes(path), label=_name(path))
    page_date: dt.date | None = None
    if page.date:
        with contextlib.suppress(DocumentError):  # a date htmldate could not normalise
            page_date = parse_published(page.date)
    return Document(
        id=doc_id, text=page.text, title=page.title, published=page_date or published,
        source=page.site, url=page.url, path=str(path),
    )


def _read_text(path: Path) -> str:
    """Read and decode a file; newlines are normalised on the bytes when that is safe.

    Doing it on the bytes (right for every ASCII-compatible encoding) means no second
    copy of the decoded text, which costs up to four bytes a character, is ever made.
    """
    data = _read_bytes(path)
    if b"\r" in data and not data.startswith(_WIDE_BOMS):
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return decode_bytes(data, name=str(path))


# ------------------------------------------------------------------------ JSON, JSONL


def _optional_string(record: dict[str, Any], key: str) -> str | None:
    """A string field, None when absent, null or blank; other JSON types are an error."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise DocumentError(f"field '{key}' must be a string, not {_json_type(value)}")
    return value.strip() or None


def _record_id(record: dict[str, Any], default: str) -> str:
    value = record.get("id")
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise DocumentError(f"field 'id' must be a string, not {_json_type(value)}")
    return str(value).strip() or default


def _document_from_record(
    record: object, *, default_id: str, path: Path, line: int | None,
    published: dt.date | None,
) -> Document:
    """Validate one JSON object into a :class:`Document`; messages omit the location."""
    if not isinstance(record, dict):
        raise DocumentError(f"expected a JSON object, got {_json_type(record)}")
    text = record.get("text")
    if text is None:
        raise DocumentError("lacks the required 'text' field")
    if not isinstance(text, str):
        raise DocumentError(f"field 'text' must be a string, not {_json_type(text)}")
    text = _normalise_newlines(text)
    if not text.strip():
        raise DocumentError("empty document ('text' is blank)")
    fields = {key: _optional_string(record, key) for key in _OPTIONAL_STRING_FIELDS}
    raw_date = fields["published"]
    return Document(
        id=_record_id(record, default_id),
        text=text,
        title=fields["title"] or _first_line_title(text),
        published=(parse_published(raw_date) if raw_date else None) or published,
        source=fields["source"],
        url=fields["url"],
        path=str(path),
        line=line,
    )


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _loads(text: str) -> object:
    """``json.loads`` with its failures as :class:`DocumentError` (one line each)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise DocumentError(f"not valid JSON ({err.msg}, column {err.colno})") from err
    except RecursionError as err:
        raise DocumentError("not valid JSON (nested too deeply)") from err
    except ValueError as err:  # e.g. an integer literal beyond Python's digit limit
        raise DocumentError(f"not valid JSON ({_one_line(str(err))})") from err


def _decode_line(raw: bytes) -> str:
    """Decode one JSONL line: UTF-8, else Windows-1252 as for text files."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1").translate(_CP1252_OVER_LATIN1)


def _open_jsonl_lines(handle: BinaryIO) -> Iterator[str | DocumentError]:
    """Yield each line of a JSONL file decoded, or the error for an undecodable stretch."""
    peek = getattr(handle, "peek", None)
    head: bytes = peek(4) if peek is not None else b""
    for bom, encoding in _BOMS:
        if head.startswith(bom) and encoding != "utf-8":
            handle.read(len(bom))
            wrapper = io.TextIOWrapper(handle, encoding=encoding, newline="")
            try:
                yield from (line.rstrip("\r\n") for line in wrapper)
            except UnicodeDecodeError:
                yield DocumentError(f"not valid {encoding.upper()}; the rest is skipped")
            finally:
                wrapper.detach()
            return
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        yield _decode_line(raw).rstrip("\r\n")


def _guarded_lines(
    lines: Iterator[str | DocumentError], kind: str | None
) -> Iterator[str | DocumentError]:
    """The lines, then, if reading or decompressing fails on the way, that error (last)."""
    try:
        yield from lines
    except _DECOMPRESSION_ERRORS as err:
        if kind is None:
            detail = err.strerror if isinstance(err, OSError) and err.strerror else err
            yield DocumentError(f"cannot read: {_one_line(str(detail))}; the rest is skipped")
        else:
            yield DocumentError(f"{_decompression_problem(kind, err)}; the rest is skipped")


def _open_stream(handle: BinaryIO, kind: str | None) -> BinaryIO:
    if kind is None:
        return handle
    opener: Any = {"gzip": gzip.open, "bzip2": bz2.open, "xz": lzma.open}[kind]
    stream: BinaryIO = opener(handle, "rb")
    return stream


def _load_jsonl(
    path: Path, *, id_prefix: str, published: dt.date | None
) -> Iterator[Document | DocumentFailure]:
    """Stream a JSONL file: one Document or one DocumentFailure per non-blank line."""
    try:
        handle = path.open("rb")
    except OSError as err:
        yield _failure(path, _open_error(path, err))
        return
    kind = _compression(path)
    with handle, _open_stream(handle, kind) as stream:
        yield from _jsonl_items(
            _guarded_lines(_open_jsonl_lines(stream), kind),
            path=path, id_prefix=id_prefix, published=published,
        )


def _jsonl_items(
    lines: Iterable[str | DocumentError], *, path: Path, id_prefix: str,
    published: dt.date | None,
) -> Iterator[Document | DocumentFailure]:
    for number, line in enumerate(lines, start=1):
        if isinstance(line, str) and not line.strip():
            continue
        yield _jsonl_item(line, number=number, path=path, id_prefix=id_prefix,
                          published=published)


def _jsonl_item(
    line: str | DocumentError, *, number: int, path: Path, id_prefix: str,
    published: dt.date | None,
) -> Document | DocumentFailure:
    """Turn one decoded JSONL line (or its decoding error) into a result naming the line."""
    try:
        if isinstance(line, DocumentError):
            raise line
        return _document_from_record(
            _loads(line), default_id=f"{id_prefix}:{number}", path=path, line=number,
            published=published,
        )
    except DocumentError as err:
        return DocumentFailure(
            source=f"{path}:{number}", line=number, message=f"{_name(path)}:{number}: {err}"
        )


def _load_json(
    path: Path, *, id_prefix: str, published: dt.date | None
) -> Iterator[Document | DocumentFailure]:
    """Load a ``.json`` file holding one object or a list of objects."""
    try:
        text = decode_bytes(_read_bytes(path), name=str(path))
    except DocumentError as err:
        yield _failure(path, str(err))
        return
    try:
        data = _loads(text)
    except DocumentError as err:
        yield _failure(path, f"{_name(path)}: {err}")
        return
    del text
    if not isinstance(data, dict | list):
        yield _failure(path, f"{_name(path)}: expected an object or a list of objects, "
                             f"got {_json_type(data)}")
        return
    records = data if isinstance(data, list) else [data]
    for item, record in enumerate(records, start=1):
        default_id = id_prefix if isinstance(data, dict) else f"{id_prefix}:{item}"
        where = _name(path) if isinstance(data, dict) else f"{_name(path)}: item {item}"
        try:
            yield _document_from_record(
                record, default_id=default_id, path=path, line=None, published=published
            )
        except DocumentError as err:
            yield _failure(path, f"{where}: {err}")


_RECORD_FIELDS = ("id", "text", *_OPTIONAL_STRING_FIELDS)


def _load_parquet(
    path: Path, *, id_prefix: str, published: dt.date | None
) -> Iterator[Document | DocumentFailure]:
    """Stream a Parquet file's rows (the document columns only), a row group at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
        batches = table.iter_batches(columns=_parquet_columns(table))
        yield from _parquet_rows(batches, path, id_prefix, 1, published)
    except (OSError, pa.ArrowException) as err:
        yield _unreadable_parquet(path, err)


def _parquet_columns(table: Any) -> list[str]:
    return [name for name in _RECORD_FIELDS if name in table.schema_arrow.names]


def _unreadable_parquet(path: Path, err: Exception) -> DocumentFailure:
    return _failure(path, f"{_name(path)}: not a readable Parquet file ({_one_line(str(err))})")


def _parquet_rows(
    batches: Iterable[Any], path: Path, id_prefix: str, first_row: int,
    published: dt.date | None,
) -> Iterator[Document | DocumentFailure]:
    row = first_row - 1
    for batch in batches:
        for record in batch.to_pylist():
            row += 1
            record = {
                key: value.isoformat()[:10] if isinstance(value, dt.date) else value
                for key, value in record.items()
            }
            try:
                yield _document_from_record(
                    record, default_id=f"{id_prefix}:{row}", path=path, line=row,
                    published=published,
                )
            except DocumentError as err:
                yield _failure(path, f"{_name(path)}: row {row}: {err}")


# ------------------------------------------------------------------------ directories


def _open_error(path: Path, err: OSError) -> str:
    if isinstance(err, FileNotFoundError):
        return f"{_name(path)}: no such file or directory"
    if isinstance(err, PermissionError):
        return f"{_name(path)}: permission denied"
    return f"{_name(path)}: cannot read: {err.strerror or err}"


def _failure(path: Path, message: str) -> DocumentFailure:
    return DocumentFailure(source=str(path), line=None, message=message)


def _is_skipped(name: str) -> bool:
    return name.startswith(".") or name.lower().startswith("readme.")


def _walk(directory: Path, root: Path, seen_dirs: set[str]) -> Iterator[
    tuple[Path, Path] | DocumentFailure
]:
    """Yield ``(file, root)`` for document files under ``directory``, sorted, depth first."""
    real = os.path.realpath(directory)
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as err:
        yield _failure(directory, _open_error(directory, err))
        return
    for entry in entries:
        if _is_skipped(entry.name):
            continue
        entry_path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as err:
            yield _failure(entry_path, _open_error(entry_path, err))
            continue
        if is_dir:
            yield from _walk(entry_path, root, seen_dirs)
        elif is_file and format_suffix(entry_path) in DOCUMENT_SUFFIXES:
            yield entry_path, root
        elif entry.is_symlink() and format_suffix(entry_path) in DOCUMENT_SUFFIXES:
            # A link to nothing: say so rather than skip a document silently.
            yield _failure(entry_path, f"{entry_path}: broken link, no such file")


def iter_document_files(
    paths: Iterable[str | os.PathLike[str]],
) -> Iterator[tuple[Path, Path | None] | DocumentFailure]:
    """Expand input paths into ``(file, directory it was found in or None)``.

    Directories are walked (see the module docstring); a file is yielded once even when
    named twice. A missing path becomes a :class:`DocumentFailure`. ``"-"`` yields
    :data:`STDIN` (standard input).
    """
    seen_files: set[str] = set()
    seen_dirs: set[str] = set()
    for given in paths:
        if os.fspath(given) == "-":
            yield STDIN, None
            continue
        path = Path(given)
        found: Iterable[tuple[Path, Path | None] | DocumentFailure]
        if path.is_dir():
            found = _walk(path, path, seen_dirs)
        elif path.exists() or path.is_symlink():
            found = [(path, None)]
        else:
            found = [_failure(path, f"{_name(path)}: no such file or directory")]
        for item in found:
            if isinstance(item, tuple):
                real = os.path.realpath(item[0])
                if real in seen_files:
                    continue
                seen_files.add(real)
            yield item


def _id_prefix(path: Path, root: Path | None) -> str:
    """The file's name (relative to ``root``) without its format and compression suffixes."""
    relative = path if root is None else path.relative_to(root)
    if _compression(relative) is not None:
        relative = relative.with_suffix("")
    return (relative.stem if root is None else relative.with_suffix("").as_posix())


def _sniffable(stream: IO[bytes]) -> io.BufferedReader:
    """``stream`` as a reader that can peek at its start without consuming it."""
    if isinstance(stream, io.BufferedReader):
        return stream
    if isinstance(stream, io.BufferedIOBase | io.RawIOBase):  # GzipFile, BytesIO, a pipe
        return io.BufferedReader(stream)
    return io.BufferedReader(io.BytesIO(stream.read()))


_MAGIC_NUMBERS = {b"\x1f\x8b": "gzip", b"BZh": "bzip2", b"\xfd7zXZ\x00": "xz"}


def _compression_of_stream(stream: io.BufferedReader) -> str | None:
    """The compression a stream's first bytes announce (standard input has no suffix)."""
    head = stream.peek(8)
    return next((kind for magic, kind in _MAGIC_NUMBERS.items() if head.startswith(magic)), None)


def _is_jsonl(head: bytes) -> bool:
    """Whether a stream opening with ``head`` is JSONL: its first non-blank character is
    ``{`` (a broken first line is then reported as a bad line, not read as an article)."""
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{")


def _load_stdin(
    published: dt.date | None, stream: IO[bytes] | None = None
) -> Iterator[Document | DocumentFailure]:
    """Standard input: JSONL (streamed) when it opens with ``{``, else one text document."""
    source = _sniffable(stream if stream is not None else sys.stdin.buffer)
    label = Path(_STDIN_LABEL)
    kind = _compression_of_stream(source)
    try:
        if kind is not None:
            source = _sniffable(_open_stream(source, kind))
        if _is_jsonl(source.peek(_STDIN_SNIFF_BYTES)[:_STDIN_SNIFF_BYTES]):
            yield from _jsonl_items(
                _guarded_lines(_open_jsonl_lines(source), kind),
                path=label, id_prefix=_STDIN_ID, published=published,
            )
            return
        data = source.read()
    except _DECOMPRESSION_ERRORS as err:
        problem = (
            _decompression_problem(kind, err) if kind is not None
            else f"cannot read: {_one_line(str(err))}"
        )
        yield _failure(label, f"{_STDIN_LABEL}: {problem}")
        return
    if b"\r" in data and not data.startswith(_WIDE_BOMS):
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        yield parse_text(
            decode_bytes(data, name=_STDIN_LABEL), doc_id=_STDIN_ID, path=_STDIN_LABEL,
            published=published,
        )
    except DocumentError as err:
        yield _failure(label, str(err))


def _load_file(
    path: Path, root: Path | None, published: dt.date | None
) -> Iterator[Document | DocumentFailure]:
    if path is STDIN:
        yield from _load_stdin(published)
        return
    suffix = format_suffix(path)
    prefix = _id_prefix(path, root)
    if suffix == JSONL_SUFFIX:
        yield from _load_jsonl(path, id_prefix=prefix, published=published)
    elif suffix == JSON_SUFFIX:
        yield from _load_json(path, id_prefix=prefix, published=published)
    elif suffix == PARQUET_SUFFIX:
        yield from _load_parquet(path, id_prefix=prefix, published=published)
    else:
        try:
            yield read_document(path, published=published, doc_id=prefix)
        except DocumentError as err:
            yield _failure(path, str(err))


def load_documents(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
) -> Iterator[Document | DocumentFailure]:
    """Stream documents from files and directories; every bad input is one failure.

    ``published`` is the date given to documents that carry none (the CLI's
    ``--published``); a document's own date wins. Memory stays bounded by the largest
    single text file or JSONL line, never by the corpus.

    >>> [type(item).__name__ for item in load_documents(["no/such.txt"])]
    ['DocumentFailure']
    """
    for item in iter_document_files(paths):
        if isinstance(item, DocumentFailure):
            yield item
        else:
            yield from _load_file(item[0], item[1], published)


# ------------------------------------------------------------------------ JSONL in blocks


@dataclass(frozen=True)
class JsonlBlock:
    """Consecutive lines of one JSONL file, decoded but not parsed: a unit of work that
    :func:`block_documents` turns into documents in another process (a Dask worker), with
    the ids and failure messages :func:`load_documents` gives. An error that ended the
    reading (a truncated compressed file) is the block's last line."""

    path: Path
    id_prefix: str
    first_line: int
    lines: tuple[str | DocumentError, ...]


def _jsonl_blocks(
    path: Path, root: Path | None, size: int
) -> Iterator[JsonlBlock | DocumentFailure]:
    try:
        handle = path.open("rb")
    except OSError as err:
        yield _failure(path, _open_error(path, err))
        return
    kind = _compression(path)
    prefix = _id_prefix(path, root)
    with handle, _open_stream(handle, kind) as stream:
        lines = _guarded_lines(_open_jsonl_lines(stream), kind)
        first = 1
        while block := tuple(itertools.islice(lines, size)):
            yield JsonlBlock(path=path, id_prefix=prefix, first_line=first, lines=block)
            first += len(block)


def block_documents(
    block: JsonlBlock, *, published: dt.date | None = None
) -> Iterator[Document | DocumentFailure]:
    """The documents and failures of a block's lines, as :func:`load_documents` gives them."""
    for number, line in enumerate(block.lines, start=block.first_line):
        if isinstance(line, str) and not line.strip():
            continue
        yield _jsonl_item(
            line, number=number, path=block.path, id_prefix=block.id_prefix,
            published=published,
        )


@dataclass(frozen=True)
class JsonlRange:
    """Bytes ``start:end`` of a plain JSONL file, whole lines, the first of them line
    ``first_line``: a unit of work whose process reads the file itself (:func:`read_range`),
    so the lines never travel. ``path`` is the file as given (messages and documents name
    it so), ``location`` where another process opens it."""

    path: Path
    location: str
    id_prefix: str
    first_line: int
    start: int
    end: int


def _jsonl_ranges(
    path: Path, root: Path | None, size: int
) -> Iterator[JsonlRange | DocumentFailure]:
    """The file cut into ranges of about ``size`` bytes, each ending at a newline, and the
    lines before each counted: the bytes are read but never decoded or parsed."""
    try:
        handle = path.open("rb")
    except OSError as err:
        yield _failure(path, _open_error(path, err))
        return
    prefix, location = _id_prefix(path, root), os.path.abspath(path)
    start, first = 0, 1
    with handle:
        try:
            while data := handle.read(size):
                if not data.endswith(b"\n"):
                    data += handle.readline()  # the rest of the line the cut fell in
                yield JsonlRange(path, location, prefix, first, start, start + len(data))
                start, first = start + len(data), first + data.count(b"\n")
        except OSError as err:
            detail = _one_line(err.strerror or str(err))
            message = f"{_name(path)}:{first}: cannot read: {detail}; the rest is skipped"
            yield DocumentFailure(source=f"{path}:{first}", line=first, message=message)


def read_range(part: JsonlRange) -> JsonlBlock:
    """A range's lines, decoded as :func:`load_documents` decodes them (a line that
    cannot be read is the block's last line, as for a file that fails midway)."""
    try:
        with open(part.location, "rb") as handle:
            handle.seek(part.start)
            data = handle.read(part.end - part.start)
    except OSError as err:
        problem = DocumentError(f"cannot read: {_one_line(err.strerror or str(err))}")
        return JsonlBlock(part.path, part.id_prefix, part.first_line, (problem,))
    raw_lines = data.split(b"\n")
    if data.endswith(b"\n"):
        raw_lines.pop()
    if part.start == 0 and raw_lines and raw_lines[0].startswith(b"\xef\xbb\xbf"):
        raw_lines[0] = raw_lines[0][3:]
    lines = tuple(_decode_line(raw).rstrip("\r\n") for raw in raw_lines)
    return JsonlBlock(part.path, part.id_prefix, part.first_line, lines)


@dataclass(frozen=True)
class ParquetPart:
    """Row groups of one Parquet file, the first of their rows numbered ``first_row``: a
    unit of work whose process reads them itself (:func:`read_parquet_part`)."""

    path: Path
    location: str
    id_prefix: str
    first_row: int
    row_groups: tuple[int, ...]


def _parquet_parts(
    path: Path, root: Path | None, rows: int
) -> Iterator[ParquetPart | DocumentFailure]:
    """The file's row groups in runs of at least ``rows`` rows, from its footer alone."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        metadata = pq.read_metadata(path)
    except (OSError, pa.ArrowException) as err:
        yield _unreadable_parquet(path, err)
        return
    prefix, location = _id_prefix(path, root), os.path.abspath(path)
    groups: list[int] = []
    first = count = 1
    for group in range(metadata.num_row_groups):
        groups.append(group)
        count += metadata.row_group(group).num_rows
        if count - first >= rows or group == metadata.num_row_groups - 1:
            yield ParquetPart(path, location, prefix, first, tuple(groups))
            groups, first = [], count


def read_parquet_part(
    part: ParquetPart, *, published: dt.date | None = None
) -> Iterator[Document | DocumentFailure]:
    """The documents and failures of a part's rows, as :func:`load_documents` gives them."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(part.location)
        batches = table.iter_batches(
            row_groups=list(part.row_groups), columns=_parquet_columns(table)
        )
        yield from _parquet_rows(batches, part.path, part.id_prefix, part.first_row, published)
    except (OSError, pa.ArrowException) as err:
        yield _unreadable_parquet(part.path, err)


def _splittable(path: Path) -> bool:
    """A plain JSONL file in UTF-8 (or Windows-1252): its lines end at every newline byte,
    which UTF-16 and UTF-32 text and compressed streams do not promise."""
    if path is STDIN or _compression(path) is not None:
        return False
    try:
        with path.open("rb") as handle:
            return not handle.read(4).startswith(_WIDE_BOMS)
    except OSError:
        return True  # reported when the ranges are cut, as one process reports it


def load_in_blocks(
    paths: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    block_lines: int = 1024,
    block_bytes: int | None = None,
) -> Iterator[Document | DocumentFailure | JsonlBlock | JsonlRange | ParquetPart]:
    """:func:`load_documents`, except that JSONL files (plain or compressed, not standard
    input) come as :class:`JsonlBlock` runs of ``block_lines`` lines, read but not parsed,
    so that one large file spreads over many workers. With ``block_bytes`` (the reading
    left to the workers), plain UTF-8 JSONL files come as :class:`JsonlRange` cuts of
    about that many bytes instead, not even read into lines, and Parquet files as
    :class:`ParquetPart` runs of row groups of at least ``block_lines`` rows."""
    for item in iter_document_files(paths):
        if isinstance(item, DocumentFailure):
            yield item
            continue
        path, root = item
        suffix = None if path is STDIN else format_suffix(path)
        if suffix == JSONL_SUFFIX:
            if block_bytes is not None and _splittable(path):
                yield from _jsonl_ranges(path, root, block_bytes)
            else:
                yield from _jsonl_blocks(path, root, block_lines)
        elif suffix == PARQUET_SUFFIX and block_bytes is not None:
            yield from _parquet_parts(path, root, block_lines)
        else:
            yield from _load_file(path, root, published)
