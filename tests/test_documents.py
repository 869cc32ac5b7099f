"""Tests for geo.documents: decoding, headers, JSON/JSONL, directories, failures."""

from __future__ import annotations

import bz2
import datetime as dt
import functools
import gzip
import io
import json
import lzma
import os
import shutil
import sys
import tracemalloc
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.documents import (
    Document,
    DocumentFailure,
    decode_bytes,
    load_documents,
    parse_published,
    parse_text,
    read_document,
)
from geo.errors import DocumentError, InputError

CORPUS = Path(__file__).parent / "data" / "documents" / "corpus"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
HEADLINE = "Russia warns US jets west of the Euphrates"
BODY = "Moscow said it would treat any US jet flying west of the Euphrates as a target."
ARTICLE = f"{HEADLINE}\n\n{BODY}\n"
KYIV = "Kyiv \u2013 Київ\n"
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _split(
    items: list[Document | DocumentFailure],
) -> tuple[list[Document], list[DocumentFailure]]:
    documents = [item for item in items if isinstance(item, Document)]
    failures = [item for item in items if isinstance(item, DocumentFailure)]
    return documents, failures


def _ids(items: Iterable[Document | DocumentFailure]) -> list[str]:
    """Ids of the documents; a failure shows as its message so that a test sees it."""
    return [item.id if isinstance(item, Document) else item.message for item in items]


# ------------------------------------------------------------------- decoding table

DECODING_CASES = [
    pytest.param(ARTICLE.encode("utf-8"), ARTICLE, id="utf-8"),
    pytest.param("Zürich talks on Ağr\u0131\n".encode(), "Zürich talks on Ağr\u0131\n",
                 id="utf-8-non-ascii"),
    pytest.param(b"\xef\xbb\xbf" + ARTICLE.encode(), ARTICLE, id="utf-8-bom"),
    pytest.param(b"\xff\xfe" + ARTICLE.encode("utf-16-le"), ARTICLE, id="utf-16-le-bom"),
    pytest.param(b"\xfe\xff" + ARTICLE.encode("utf-16-be"), ARTICLE, id="utf-16-be-bom"),
    pytest.param(b"\xff\xfe\x00\x00" + KYIV.encode("utf-32-le"), KYIV, id="utf-32-le-bom"),
    pytest.param(b"\x00\x00\xfe\xff" + KYIV.encode("utf-32-be"), KYIV, id="utf-32-be-bom"),
    pytest.param(b"\xff\xfe" + "A\r\nB\rC".encode("utf-16-le"), "A\nB\nC", id="utf-16-crlf"),
    pytest.param("“Hama is calm,” he said \u2013 for now…\n".encode("cp1252"),
                 "“Hama is calm,” he said \u2013 for now…\n", id="cp1252-smart-quotes"),
    pytest.param("Zürich and Besançon\n".encode("latin-1"), "Zürich and Besançon\n",
                 id="latin-1"),
    pytest.param(b"caf\xe9 \x81 bar\n", "café \x81 bar\n", id="cp1252-undefined-byte-as-latin-1"),
    pytest.param(b"Line one\r\nLine two\r\n", "Line one\nLine two\n", id="crlf-normalised"),
    pytest.param(b"Line one\rLine two\r", "Line one\nLine two\n", id="lone-cr-normalised"),
    pytest.param(b"Tabs\tand\x0cform feeds are text\n", "Tabs\tand\x0cform feeds are text\n",
                 id="ordinary-controls"),
]


@pytest.mark.parametrize(("data", "expected_text"), DECODING_CASES)
def test_read_document_decodes(tmp_path: Path, data: bytes, expected_text: str) -> None:
    document = read_document(_write(tmp_path, "article.txt", data))
    assert document.text == expected_text
    assert document.title == expected_text.strip().split("\n")[0].strip()
    assert document.id == "article"


REJECTED_FILES = [
    pytest.param(PNG_BYTES, "binary file, not text", id="png-bytes"),
    pytest.param(b"Text\x00with a NUL\n", "binary file, not text", id="nul-without-bom"),
    pytest.param(bytes(range(1, 32)) * 20, "binary file, not text", id="control-characters"),
    pytest.param(b"\xff\xfe" + "Hi".encode("utf-16-le") + b"\x00\x00\x00\x00",
                 "binary file, not text", id="utf-16-with-nul-characters"),
    pytest.param(b"\xff\xfe\x00\xd8", "not valid UTF-16-LE", id="utf-16-lone-surrogate"),
    pytest.param(b"", "empty document", id="empty"),
    pytest.param(b"  \n\t\r\n   \n", "empty document", id="whitespace-only"),
    pytest.param(b"\xef\xbb\xbf\n\n", "empty document", id="bom-then-blank"),
]


@pytest.mark.parametrize(("data", "problem"), REJECTED_FILES)
def test_read_document_rejects(tmp_path: Path, data: bytes, problem: str) -> None:
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert str(caught.value) == f"{path}: {problem}" or str(caught.value).startswith(
        f"{path}: {problem}"
    )
    assert "\n" not in str(caught.value)


def test_document_error_is_an_input_error_and_value_error() -> None:
    with pytest.raises(InputError):
        decode_bytes(PNG_BYTES, name="x.png")
    with pytest.raises(ValueError):
        decode_bytes(PNG_BYTES, name="x.png")


def test_read_document_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "seeds" / "gone.txt"
    with pytest.raises(DocumentError, match=r"gone\.txt: no such file or directory$"):
        read_document(missing)


def test_decode_bytes_names_the_input_on_one_line() -> None:
    with pytest.raises(DocumentError) as caught:
        decode_bytes(PNG_BYTES, name="odd\nname.png")
    assert str(caught.value) == "odd name.png: binary file, not text"


# ------------------------------------------------------------------------- dates

DATE_CASES = [
    ("2017-06-20", dt.date(2017, 6, 20)),
    ("  2017-06-20  ", dt.date(2017, 6, 20)),
    ("2016-02-29", dt.date(2016, 2, 29)),
    ("2017-06-20T09:15", dt.date(2017, 6, 20)),
    ("2017-06-20T09:15:30", dt.date(2017, 6, 20)),
    ("2017-06-20T09:15:30Z", dt.date(2017, 6, 20)),
    ("2017-06-20T23:30:00-05:00", dt.date(2017, 6, 20)),
    ("2017-06-20T00:30:00+03:00", dt.date(2017, 6, 20)),
    ("2017-06-20T09:15:30.123456Z", dt.date(2017, 6, 20)),
    ("2017-06-20 09:15", dt.date(2017, 6, 20)),
]


@pytest.mark.parametrize(("value", "expected"), DATE_CASES)
def test_parse_published_accepts(value: str, expected: dt.date) -> None:
    assert parse_published(value) == expected


BAD_DATES = [
    ("2017-02-30", "invalid publication date '2017-02-30': day is out of range for month"),
    ("2017-13-01", "invalid publication date '2017-13-01': month must be in 1..12"),
    ("yesterday", "invalid publication date 'yesterday': expected YYYY-MM-DD"),
    ("", "invalid publication date '': expected YYYY-MM-DD"),
    ("20/06/2017", "invalid publication date '20/06/2017': expected YYYY-MM-DD"),
    ("2017-6-20", "invalid publication date '2017-6-20': expected YYYY-MM-DD"),
    ("2017-06-20T25:00", "invalid publication date '2017-06-20T25:00': hour must be in 0..23"),
    ("2017-06-20T10:00+25:00", "invalid publication date '2017-06-20T10:00+25:00': time-zone"),
    ("2017-06-20Tnoon", "invalid publication date '2017-06-20Tnoon': expected YYYY-MM-DD"),
    ("٢٠١٧-٠٦-٢٠", "invalid publication date '٢٠١٧-٠٦-٢٠': expected YYYY-MM-DD"),
    ("__import__('os').system('x')", "expected YYYY-MM-DD"),
]


@pytest.mark.parametrize(("value", "message"), BAD_DATES)
def test_parse_published_rejects(value: str, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_published(value)
    assert message in str(caught.value)


# ---------------------------------------------------------------------- headers

HEADER_CASES = [
    pytest.param(
        f"---\npublished: 2017-06-20\nsource: Example Wire\n---\n{ARTICLE}",
        {"title": HEADLINE, "published": dt.date(2017, 6, 20), "source": "Example Wire",
         "text": ARTICLE, "id": "doc"},
        id="header-then-text",
    ),
    pytest.param(
        "---\nTitle: \"Jets over Syria\"\nURL: 'https://x.example/a'\nid: wire-7\n"
        f"published:\n---\n{ARTICLE}",
        {"title": "Jets over Syria", "url": "https://x.example/a", "id": "wire-7",
         "published": None, "text": ARTICLE},
        id="case-insensitive-keys-quotes-empty-value",
    ),
    pytest.param(
        f"---\r\npublished: 2017-06-20\r\n\r\n---\r\n{HEADLINE}\r\n\r\n{BODY}\r\n",
        {"published": dt.date(2017, 6, 20), "text": ARTICLE, "title": HEADLINE},
        id="crlf-header-and-blank-line",
    ),
    pytest.param(f"---\n---\n{ARTICLE}", {"text": ARTICLE, "title": HEADLINE}, id="empty-header"),
    pytest.param(
        f"---   \nsource: Wire\n---  \n\n\n{ARTICLE}",
        {"text": f"\n\n{ARTICLE}", "title": HEADLINE, "source": "Wire"},
        id="fence-trailing-spaces-and-leading-blank-lines-kept",
    ),
    pytest.param(
        f"---\n\nThe opening rule is a Markdown thematic break.\n---\n{ARTICLE}",
        {"text": f"---\n\nThe opening rule is a Markdown thematic break.\n---\n{ARTICLE}",
         "title": "---"},
        id="markdown-rule-is-plain-text",
    ),
    pytest.param(
        f"---\n{ARTICLE}", {"text": f"---\n{ARTICLE}", "title": "---"},
        id="opening-fence-then-prose-no-closing-is-plain-text",
    ),
    pytest.param(
        f"source: Wire\n---\n{ARTICLE}", {"text": f"source: Wire\n---\n{ARTICLE}",
                                          "title": "source: Wire"},
        id="header-not-at-very-top-is-plain-text",
    ),
    pytest.param(
        f"# {HEADLINE}\n\n{BODY}", {"title": HEADLINE, "text": f"# {HEADLINE}\n\n{BODY}"},
        id="markdown-heading-marker-dropped-from-title-only",
    ),
    pytest.param(
        f"\ufeff---\nsource: Wire\n---\n{ARTICLE}", {"text": ARTICLE, "source": "Wire"},
        id="bom-in-decoded-text",
    ),
]


@pytest.mark.parametrize(("raw", "expected"), HEADER_CASES)
def test_parse_text_header(raw: str, expected: dict[str, object]) -> None:
    document = parse_text(raw, doc_id="doc", path="in/doc.txt")
    for field, value in expected.items():
        assert getattr(document, field) == value, field
    assert document.path == "in/doc.txt"


HEADER_ERRORS = [
    pytest.param("---\nsource: Wire\nauthor: Jane Roe\n---\nText",
                 "in/doc.txt: line 3: unknown header key 'author'", id="unknown-key"),
    pytest.param("---\npublished: 2017-02-30\n---\nText",
                 "in/doc.txt: line 2: invalid publication date '2017-02-30': day is out of "
                 "range for month", id="impossible-date"),
    pytest.param("---\npublished: yesterday\n---\nText",
                 "in/doc.txt: line 2: invalid publication date 'yesterday'", id="word-date"),
    pytest.param("---\nsource: Wire\npublished: 2017-06-20\nText of the article",
                 "in/doc.txt: metadata header opened on line 1 has no closing '---' line",
                 id="no-closing-fence"),
    pytest.param("---\nsource: Wire\nsource: Agency\n---\nText",
                 "in/doc.txt: line 3: header key 'source' is repeated", id="repeated-key"),
    pytest.param("---\nsource: Wire\njust words\n---\nText",
                 "in/doc.txt: line 3: header line is not 'key: value'", id="not-key-value"),
    pytest.param("---\nsource: Wire\n---\n\n  \n", "in/doc.txt: empty document (header but",
                 id="header-without-text"),
    pytest.param("---\nid: __import__('os')\nexec: rm -rf /\n---\nText",
                 "in/doc.txt: line 3: unknown header key 'exec'", id="nothing-evaluated"),
]


@pytest.mark.parametrize(("raw", "message"), HEADER_ERRORS)
def test_parse_text_header_errors(raw: str, message: str) -> None:
    with pytest.raises(DocumentError) as caught:
        parse_text(raw, doc_id="doc", path="in/doc.txt")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_parse_text_names_the_id_when_there_is_no_path() -> None:
    with pytest.raises(DocumentError, match=r"^feed-3: line 2: unknown header key 'tags'"):
        parse_text("---\ntags: syria\n---\nText", doc_id="feed-3")


@pytest.mark.parametrize(
    ("raw", "given", "expected"),
    [
        ("---\npublished: 2017-06-20\n---\nText", dt.date(2020, 1, 1), dt.date(2017, 6, 20)),
        ("Text without a date", dt.date(2020, 1, 1), dt.date(2020, 1, 1)),
        ("Text without a date", None, None),
    ],
)
def test_published_fills_only_missing_dates(
    raw: str, given: dt.date | None, expected: dt.date | None
) -> None:
    assert parse_text(raw, doc_id="d", published=given).published == expected


def test_offsets_index_the_stored_text() -> None:
    raw = f"---\r\nsource: Wire\r\n---\r\n{HEADLINE}\r\n\r\n{BODY}\r\n"
    document = parse_text(raw, doc_id="d")
    start = document.text.index("Euphrates", len(HEADLINE))
    assert document.text[start:start + len("Euphrates")] == "Euphrates"
    assert document.text.startswith(HEADLINE)
    assert "\r" not in document.text


# ----------------------------------------------------------------------- JSON(L)

GOOD_LINE = json.dumps({"id": "w1", "text": ARTICLE, "published": "2017-06-20"})


@pytest.mark.parametrize(
    ("lines", "loaded_ids", "failures"),
    [
        pytest.param(
            [GOOD_LINE, '{"id": "w2", "text": "unterminated', json.dumps({"text": "Third\nx"})],
            ["w1", "news:3"], [(2, "news.jsonl:2: not valid JSON (Unterminated string")],
            id="broken-line-2-of-3",
        ),
        pytest.param(
            [json.dumps({"id": "w1", "title": "No body"}), GOOD_LINE],
            ["w1"], [(1, "news.jsonl:1: lacks the required 'text' field")], id="lacks-text",
        ),
        pytest.param(
            [json.dumps({"text": ["list", "of", "paragraphs"]})],
            [], [(1, "news.jsonl:1: field 'text' must be a string, not an array")],
            id="text-not-a-string",
        ),
        pytest.param(
            [json.dumps({"text": "Body", "published": "2017-02-30"})],
            [], [(1, "news.jsonl:1: invalid publication date '2017-02-30': day is out of "
                     "range for month")],
            id="impossible-date",
        ),
        pytest.param(
            [json.dumps({"text": "Body", "published": "yesterday"})],
            [], [(1, "news.jsonl:1: invalid publication date 'yesterday'")], id="word-date",
        ),
        pytest.param(
            [json.dumps({"text": "Body", "published": 20170620})],
            [], [(1, "news.jsonl:1: field 'published' must be a string, not a number")],
            id="date-not-a-string",
        ),
        pytest.param(
            ['["text", "in", "a", "list"]', "42", "null"], [],
            [(1, "news.jsonl:1: expected a JSON object, got an array"),
             (2, "news.jsonl:2: expected a JSON object, got a number"),
             (3, "news.jsonl:3: expected a JSON object, got null")],
            id="not-objects",
        ),
        pytest.param(
            ["", GOOD_LINE, "   ", "", json.dumps({"id": 7, "text": "Seven"})],
            ["w1", "7"], [], id="blank-lines-skipped-integer-id",
        ),
        pytest.param(
            [json.dumps({"text": "   "}), json.dumps({"text": "Body", "id": True})], [],
            [(1, "news.jsonl:1: empty document"),
             (2, "news.jsonl:2: field 'id' must be a string, not a boolean")],
            id="blank-text-and-boolean-id",
        ),
        pytest.param(
            ["[" * 100_000 + "]" * 100_000, GOOD_LINE], ["w1"],
            [(1, "news.jsonl:1: not valid JSON (nested too deeply)")], id="deep-nesting",
        ),
    ],
)
def test_jsonl_lines(
    tmp_path: Path, lines: list[str], loaded_ids: list[str], failures: list[tuple[int, str]]
) -> None:
    path = _write(tmp_path, "news.jsonl", "\n".join(lines).encode() + b"\n")
    documents, failed = _split(list(load_documents([path])))
    assert [document.id for document in documents] == loaded_ids
    assert [(failure.line, failure.source) for failure in failed] == [
        (line, f"{path}:{line}") for line, _ in failures
    ]
    for failure, (_, message) in zip(failed, failures, strict=True):
        assert failure.message.startswith(f"{tmp_path}/{message}")
        assert "\n" not in failure.message


def test_jsonl_record_fields_and_defaults(tmp_path: Path) -> None:
    record = {"text": "Clashes in Tripoli\r\n\r\nFighting resumed.", "source": "Wire",
              "url": "https://x.example/t", "published": "2019-04-07T06:00:00Z", "extra": 1}
    path = _write(tmp_path, "feed.jsonl", json.dumps(record).encode() + b"\n")
    [document] = list(load_documents([path], published=dt.date(2000, 1, 1)))
    assert document == Document(
        id="feed:1", text="Clashes in Tripoli\n\nFighting resumed.", title="Clashes in Tripoli",
        published=dt.date(2019, 4, 7), source="Wire", url="https://x.example/t",
        path=str(path), line=1,
    )


@pytest.mark.parametrize(
    ("encoded", "expected_texts", "failure"),
    [
        pytest.param(b"\xef\xbb\xbf" + GOOD_LINE.encode() + b"\n", [ARTICLE], None,
                     id="utf-8-bom"),
        pytest.param(b"\xff\xfe" + (GOOD_LINE + "\r\n" + GOOD_LINE).encode("utf-16-le"),
                     [ARTICLE, ARTICLE], None, id="utf-16-bom-crlf"),
        pytest.param(b'{"text": "caf\xe9 \x93Hama\x94"}\n' + GOOD_LINE.encode(),
                     ["café “Hama”", ARTICLE], None, id="cp1252-line"),
        pytest.param(b"\xff\xfe" + '{"text": "A"}\n'.encode("utf-16-le") + b"\x00\xd8",
                     ["A"], "news.jsonl:2: not valid UTF-16-LE; the rest is skipped",
                     id="utf-16-broken-tail"),
    ],
)
def test_jsonl_encodings(
    tmp_path: Path, encoded: bytes, expected_texts: list[str], failure: str | None
) -> None:
    path = _write(tmp_path, "news.jsonl", encoded)
    documents, failed = _split(list(load_documents([path])))
    assert [document.text for document in documents] == expected_texts
    assert [item.message for item in failed] == (
        [] if failure is None else [f"{tmp_path}/{failure}"]
    )


@pytest.mark.parametrize(
    ("content", "loaded_ids", "messages"),
    [
        pytest.param('{"id": "one", "text": "Body"}', ["one"], [], id="single-object"),
        pytest.param('{"text": "Body"}', ["story"], [], id="single-object-default-id"),
        pytest.param('[{"text": "A"}, {"title": "no text"}, {"text": "C"}]',
                     ["story:1", "story:3"], ["story.json: item 2: lacks the required 'text'"],
                     id="list-with-bad-item"),
        pytest.param('"just a string"', [],
                     ["story.json: expected an object or a list of objects, got a string"],
                     id="not-an-object"),
        pytest.param('{"text": ', [], ["story.json: not valid JSON"], id="broken"),
    ],
)
def test_json_files(
    tmp_path: Path, content: str, loaded_ids: list[str], messages: list[str]
) -> None:
    path = _write(tmp_path, "story.json", content.encode())
    documents, failed = _split(list(load_documents([path])))
    assert [document.id for document in documents] == loaded_ids
    assert len(failed) == len(messages)
    for failure, message in zip(failed, messages, strict=True):
        assert failure.message.startswith(f"{tmp_path}/{message}")


# ------------------------------------------------------------------- directories


def test_directory_walk_is_sorted_recursive_and_skips_hidden() -> None:
    items = list(load_documents([CORPUS]))
    assert [
        (type(item).__name__, item.id if isinstance(item, Document) else item.source)
        for item in items
    ] == [
        ("Document", "a_header"),
        ("Document", "b_plain"),
        ("Document", "list-1"),
        ("Document", "list-2"),
        ("Document", "nested/c_note"),
        ("DocumentFailure", str(CORPUS / "nested" / "z_binary.txt")),
        ("Document", "wire-1"),
        ("DocumentFailure", f"{CORPUS / 'news.jsonl'}:2"),
        ("Document", "news:3"),
    ]
    header, plain = items[0], items[1]
    assert isinstance(header, Document) and isinstance(plain, Document)
    assert header.published == dt.date(2017, 6, 20)
    assert header.title == "Russian fighter jet flies five feet from US spy plane"
    assert plain.title == "Turkey shells Kurdish positions near Afrin"


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    article = _write(tmp_path, "corpus/a.txt", ARTICLE.encode())
    again = tmp_path / "corpus" / "." / "a.txt"
    items = list(load_documents([tmp_path / "corpus", article, again]))
    assert [item.id for item in items if isinstance(item, Document)] == ["a"]


def test_hidden_and_readme_files_are_read_when_named(tmp_path: Path) -> None:
    hidden = _write(tmp_path, ".draft.txt", ARTICLE.encode())
    readme = _write(tmp_path, "README.md", ARTICLE.encode())
    assert list(load_documents([tmp_path])) == []
    assert _ids(load_documents([hidden, readme])) == [".draft", "README"]


def test_missing_input_is_one_failure_and_the_rest_load(tmp_path: Path) -> None:
    article = _write(tmp_path, "a.txt", ARTICLE.encode())
    missing = tmp_path / "gone.txt"
    items = list(load_documents([missing, article]))
    assert items[0] == DocumentFailure(
        source=str(missing), line=None, message=f"{missing}: no such file or directory"
    )
    assert isinstance(items[1], Document)


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    _write(tmp_path, "corpus/a.txt", ARTICLE.encode())
    (tmp_path / "corpus" / "loop").symlink_to(tmp_path / "corpus")
    assert _ids(load_documents([tmp_path / "corpus"])) == ["a"]


def test_ids_of_same_named_files_in_subdirectories_differ(tmp_path: Path) -> None:
    _write(tmp_path, "corpus/x/article.txt", ARTICLE.encode())
    _write(tmp_path, "corpus/y/article.txt", ARTICLE.encode())
    assert _ids(load_documents([tmp_path / "corpus"])) == [
        "x/article", "y/article"
    ]


def test_published_option_reaches_every_form(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", ARTICLE.encode())
    _write(tmp_path, "b.jsonl", json.dumps({"text": "Body"}).encode())
    _write(tmp_path, "c.json", json.dumps({"text": "Body", "published": "2017-06-20"}).encode())
    dates = [item.published for item in load_documents([tmp_path], published=dt.date(2018, 1, 2))
             if isinstance(item, Document)]
    assert dates == [dt.date(2018, 1, 2), dt.date(2018, 1, 2), dt.date(2017, 6, 20)]


def test_unreadable_file_is_a_failure_when_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated, so that it also runs as root, where chmod 000 does not bite."""
    _write(tmp_path, "a.txt", ARTICLE.encode())
    locked = _write(tmp_path, "b.txt", ARTICLE.encode())
    _write(tmp_path, "c.jsonl", GOOD_LINE.encode())
    real_read_bytes = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    items = list(load_documents([tmp_path]))
    assert [type(item).__name__ for item in items] == ["Document", "DocumentFailure", "Document"]
    assert items[1] == DocumentFailure(
        source=str(locked), line=None, message=f"{locked}: permission denied"
    )


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root ignores chmod 000; see the simulated test")
def test_unreadable_file_and_directory_with_chmod(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", ARTICLE.encode())
    locked = _write(tmp_path, "b.txt", ARTICLE.encode())
    locked_dir = tmp_path / "c"
    _write(tmp_path, "c/inner.txt", ARTICLE.encode())
    _write(tmp_path, "d.jsonl", GOOD_LINE.encode())
    locked.chmod(0)
    locked_dir.chmod(0)
    try:
        items = list(load_documents([tmp_path]))
    finally:
        locked.chmod(0o644)
        locked_dir.chmod(0o755)
    assert [item.message for item in items if isinstance(item, DocumentFailure)] == [
        f"{locked}: permission denied", f"{locked_dir}: permission denied"
    ]
    assert [item.id for item in items if isinstance(item, Document)] == ["a", "w1"]


def test_seed_articles_load(tmp_path: Path) -> None:
    seeds = Path(__file__).parent.parent / "seeds"
    if not seeds.is_dir():
        pytest.skip("seeds/ not present")
    items = list(load_documents([seeds]))
    assert items and all(isinstance(item, Document) for item in items)
    assert all(item.published is not None and item.title for item in items
               if isinstance(item, Document))


@pytest.mark.parametrize(
    ("header", "line"),
    [
        pytest.param("", "Shelling was reported west of the Euphrates near Deir ez-Zor; " * 3,
                     id="ascii-crlf"),
        pytest.param("---\nsource: Wire\n---\n",
                     "\u201cShelling\u201d was reported west of the Euphrates, officials say; " * 3,
                     id="two-bytes-a-character-with-header"),
    ],
)
def test_large_file_is_read_without_excess_memory(
    tmp_path: Path, header: str, line: str
) -> None:
    """A 50 MB file is read once: peak memory stays a few times the file size."""
    path = tmp_path / "big.txt"
    chunk = ((line + "\r\n") * 1000).encode()
    with path.open("wb") as handle:
        handle.write(header.encode())
        for _ in range(50 * 1024 * 1024 // len(chunk) + 1):
            handle.write(chunk)
    file_size = path.stat().st_size
    tracemalloc.start()
    try:
        document = read_document(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    title = document.title or ""
    assert title.endswith("…") and line.startswith(title.removesuffix("…"))  # a long first line
    assert "\r" not in document.text[:100_000]
    # The text of a file holding any character beyond Latin-1 costs two bytes a character.
    assert peak < 4.5 * file_size, f"peak {peak / file_size:.1f} times the file size"
    del document
    shutil.rmtree(tmp_path)


# -------------------------------------------------------------------- properties

def _is_headerless_and_non_blank(text: str) -> bool:
    """parse_text drops one leading BOM; what remains must hold a visible character."""
    body = text.removeprefix("\ufeff")
    return body.strip() != "" and not body.startswith("---")


plain_texts = st.text(min_size=1).filter(_is_headerless_and_non_blank)
header_lines = st.one_of(
    st.text(alphabet=st.characters(blacklist_characters="\n\r"), max_size=30),
    st.builds(lambda key, value: f"{key}: {value}",
              st.sampled_from(["id", "published", "source", "title", "url", "Title", "tags"]),
              st.text(alphabet=st.characters(blacklist_characters="\n\r"), max_size=30)),
    st.sampled_from(["published: 2017-06-20", "published: 2017-02-30", "---", ""]),
)


@settings(max_examples=300, deadline=None)
@given(plain_texts)
def test_parse_text_never_raises_on_text_without_a_header(raw: str) -> None:
    document = parse_text(raw, doc_id="h")
    expected = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    assert document.text == expected
    assert document.title is None or "\n" not in document.title


@settings(max_examples=300, deadline=None)
@given(st.lists(header_lines, max_size=8), st.booleans(), st.text(max_size=40))
def test_header_parser_raises_only_document_error(
    lines: list[str], closed: bool, body: str
) -> None:
    raw = "---\n" + "\n".join(lines) + ("\n---\n" if closed else "\n") + body
    try:
        document = parse_text(raw, doc_id="h", path="p.txt")
    except DocumentError as err:
        assert "\n" not in str(err)
        assert str(err).startswith("p.txt: ")
    else:
        assert document.text.strip()
        assert raw.replace("\r\n", "\n").replace("\r", "\n").endswith(document.text)


ONE_LINE_ARTICLE = (
    "Syrian government forces shelled villages in the north of Hama province on Sunday, "
    "killing three civilians, according to a monitoring group based in Britain that "
    "relies on a network of sources on the ground."
)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Jet downed over Syria\nThe US said on Sunday...", "Jet downed over Syria"),
        ("# Jet downed over Syria\n\nBody.", "Jet downed over Syria"),
        ("x" * 200, "x" * 160 + "…"),
    ],
)
def test_title_is_the_first_line(text: str, title: str) -> None:
    assert parse_text(text, doc_id="article").title == title


def test_title_of_a_one_line_article_is_its_first_words() -> None:
    title = parse_text(ONE_LINE_ARTICLE, doc_id="article").title
    assert title is not None and title.endswith("…") and len(title) <= 161
    words = title.removesuffix("…")
    assert ONE_LINE_ARTICLE.startswith(words + " ")  # cut between words
    assert words.startswith("Syrian government forces shelled villages in the north of Hama")


# ------------------------------------------------------------ compressed files, stdin

# bzip2 at level 1 works in 100 kB blocks: a cut corpus of a few hundred kB keeps whole ones.
COMPRESSORS = {".gz": gzip.compress, ".bz2": functools.partial(bz2.compress, compresslevel=1),
               ".xz": lzma.compress}
JSONL_TWO = (
    json.dumps({"id": "j1", "text": ARTICLE}) + "\n" + json.dumps({"id": "j2", "text": BODY}) + "\n"
)
JSON_ONE = json.dumps({"text": ARTICLE, "published": "2017-06-20"})
HEADER_ARTICLE = f"---\npublished: 2017-06-20\n---\n{ARTICLE}"


def _many_lines(count: int) -> bytes:
    """A JSONL corpus that compresses poorly (distinct numbers), so a cut loses lines."""
    return "".join(
        json.dumps({"id": f"n{i}", "text": f"{BODY} {i * 7919 % 104729} {i ** 3}"}) + "\n"
        for i in range(count)
    ).encode()


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
@pytest.mark.parametrize(
    ("name", "data", "ids"),
    [
        pytest.param("article.txt", ARTICLE.encode(), ["article"], id="text"),
        pytest.param("dated.md", HEADER_ARTICLE.encode(), ["dated"], id="header"),
        pytest.param("news.jsonl", JSONL_TWO.encode(), ["j1", "j2"], id="jsonl"),
        pytest.param("one.json", JSON_ONE.encode(), ["one"], id="json"),
        pytest.param("utf16.txt", ARTICLE.encode("utf-16"), ["utf16"], id="utf-16-text"),
    ],
)
def test_compressed_files_read_as_their_inner_format(
    tmp_path: Path, suffix: str, name: str, data: bytes, ids: list[str]
) -> None:
    plain = _write(tmp_path / "plain", name, data)
    packed = _write(tmp_path / "packed", name + suffix, COMPRESSORS[suffix](data))
    expected = list(load_documents([plain]))
    loaded = list(load_documents([packed]))
    assert _ids(loaded) == ids
    for got, want in zip(loaded, expected, strict=True):
        assert isinstance(got, Document) and isinstance(want, Document)
        assert (got.text, got.title, got.published) == (want.text, want.title, want.published)


def test_directory_walk_takes_compressed_documents_by_their_inner_suffix(tmp_path: Path) -> None:
    _write(tmp_path, "a/news.jsonl.gz", gzip.compress(JSONL_TWO.encode()))
    _write(tmp_path, "b.txt.XZ", lzma.compress(ARTICLE.encode()))
    _write(tmp_path, "backup.gz", gzip.compress(ARTICLE.encode()))  # no inner format: skipped
    _write(tmp_path, "image.png.bz2", bz2.compress(PNG_BYTES))  # not a document: skipped
    assert _ids(load_documents([tmp_path])) == ["j1", "j2", "b"]


def test_read_document_reads_a_compressed_text_named_explicitly(tmp_path: Path) -> None:
    path = _write(tmp_path, "story.gz", gzip.compress(ARTICLE.encode()))
    assert read_document(path).text == ARTICLE


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        pytest.param("cut.txt.gz", gzip.compress(ARTICLE.encode() * 50)[:40],
                     "truncated gzip data", id="truncated-gzip"),
        pytest.param("cut.txt.bz2", bz2.compress(ARTICLE.encode() * 50)[:40],
                     "truncated bzip2 data", id="truncated-bzip2"),
        pytest.param("cut.txt.xz", lzma.compress(ARTICLE.encode() * 50)[:40],
                     "truncated xz data", id="truncated-xz"),
        pytest.param("plain.txt.gz", ARTICLE.encode(), "not valid gzip data", id="not-gzip"),
        pytest.param("plain.json.xz", JSON_ONE.encode(), "not valid xz data", id="not-xz"),
        pytest.param("empty.txt.gz", b"", "empty document", id="empty-gzip"),
        pytest.param("png.txt.gz", gzip.compress(PNG_BYTES), "binary file", id="binary-inside"),
    ],
)
def test_bad_compressed_file_is_one_failure_and_the_rest_load(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    bad = _write(tmp_path, name, data)
    good = _write(tmp_path, "good.txt", ARTICLE.encode())
    documents, failures = _split(list(load_documents([bad, good])))
    assert [document.id for document in documents] == ["good"]
    assert len(failures) == 1
    assert failures[0].message.startswith(f"{bad}: {problem}"), failures[0].message
    assert "\n" not in failures[0].message


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
def test_truncated_compressed_jsonl_keeps_the_lines_before_the_cut(
    tmp_path: Path, suffix: str
) -> None:
    packed = COMPRESSORS[suffix](_many_lines(3000))
    path = _write(tmp_path, f"news.jsonl{suffix}", packed[: len(packed) // 2])
    documents, failures = _split(list(load_documents([path])))
    assert 0 < len(documents) < 3000
    assert [document.id for document in documents] == [f"n{i}" for i in range(len(documents))]
    assert len(failures) == 1
    kind = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz"}[suffix]
    assert f": truncated {kind} data" in failures[0].message
    assert failures[0].message.endswith("the rest is skipped")
    assert failures[0].message.startswith(f"{path}:{len(documents) + 1}: ")


@pytest.mark.parametrize(
    ("data", "ids", "failures"),
    [
        pytest.param(JSONL_TWO.encode(), ["j1", "j2"], [], id="jsonl"),
        pytest.param(b"\n  \n" + JSONL_TWO.encode(), ["j1", "j2"], [], id="jsonl-blank-first"),
        pytest.param(
            b'{"id": "j1", "text": "x"}\n{broken\n' + json.dumps({"text": BODY}).encode(),
            ["j1", "stdin:3"], ["<stdin>:2: not valid JSON"], id="jsonl-bad-line",
        ),
        pytest.param(b"{not json\n" + JSONL_TWO.encode(), ["j1", "j2"],
                     ["<stdin>:1: not valid JSON"], id="opens-with-brace-is-jsonl"),
        pytest.param(ARTICLE.encode(), ["stdin"], [], id="text"),
        pytest.param(HEADER_ARTICLE.encode(), ["stdin"], [], id="text-with-header"),
        pytest.param(b"[1, 2]\n", ["stdin"], [], id="json-array-is-text"),
        pytest.param(gzip.compress(JSONL_TWO.encode()), ["j1", "j2"], [], id="gzip-jsonl"),
        pytest.param(lzma.compress(ARTICLE.encode()), ["stdin"], [], id="xz-text"),
        pytest.param(gzip.compress(ARTICLE.encode())[:20], [],
                     ["<stdin>: truncated gzip data"], id="truncated-gzip"),
        pytest.param(b"", [], ["<stdin>: empty document"], id="empty"),
        pytest.param(PNG_BYTES, [], ["<stdin>: binary file"], id="binary"),
    ],
)
def test_stdin_is_jsonl_or_one_text(
    monkeypatch: pytest.MonkeyPatch, data: bytes, ids: list[str], failures: list[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    documents, failed = _split(list(load_documents(["-"], published=dt.date(2020, 1, 2))))
    assert [document.id for document in documents] == ids
    assert len(failed) == len(failures)
    for failure, start in zip(failed, failures, strict=True):
        assert failure.message.startswith(start), failure.message
    for document in documents:
        assert document.path == "<stdin>"
        assert document.published in (dt.date(2020, 1, 2), dt.date(2017, 6, 20))


def test_a_file_named_dash_is_a_file_when_spelt_as_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, "-", ARTICLE.encode())
    monkeypatch.chdir(tmp_path)
    assert _ids(load_documents(["./-"])) == ["-"]


def test_parquet_rows_are_documents_and_bad_rows_failures(tmp_path: Path) -> None:
    import pyarrow
    import pyarrow.parquet

    path = tmp_path / "news.parquet"
    table = pyarrow.Table.from_pylist([
        {"id": None, "text": "Shelling in Aleppo.", "published": dt.date(2020, 5, 3), "x": 1},
        {"id": "b", "text": None, "published": None, "x": 2},
        {"id": "c", "text": "Protest in Homs.", "published": None, "x": 3},
    ])
    pyarrow.parquet.write_table(table, path)
    items = list(load_documents([path]))
    assert [getattr(item, "id", None) for item in items] == ["news:1", None, "c"]
    assert items[0].published == dt.date(2020, 5, 3)  # type: ignore[union-attr]
    assert items[1].message == f"{path}: row 2: lacks the required 'text' field"  # type: ignore[union-attr]
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    assert next(item.message for item in load_documents([bad])).startswith(  # type: ignore[union-attr]
        f"{bad}: not a readable Parquet file"
    )
