"""Saved web pages: main text, title and date by trafilatura, offline, no markup left."""

from __future__ import annotations

import datetime as dt
import gzip
import socket
import tempfile
from pathlib import Path
from typing import Any

import pytest

from geo.documents import Document, DocumentFailure, load_documents, read_document
from geo.errors import DocumentError
from geo.webpages import extract_webpage

BODY = (
    "<p>Syrian government forces shelled the town of Kafr Zita north of Hama on Tuesday, "
    "killing four people, residents said.</p>"
    "<p>Rebels shot down a helicopter near Aleppo the same day, according to the Syrian "
    "Observatory for Human Rights, which has a network of sources on the ground.</p>"
)
NAVIGATION = '<nav><a href="/">Home</a> | <a href="/world">World</a> | Sport</nav>'
FOOTER = "<footer>Copyright 2020 Example Wire. All rights reserved.</footer>"


def read_webpage(
    data: bytes, *, doc_id: str, path: str = "page.html", published: dt.date | None = None
) -> Document:
    """The Document geo makes of ``data`` saved as ``path`` (through the file loader)."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / path
        file.write_bytes(data)
        document = read_document(file, published=published, doc_id=doc_id)
    return document.model_copy(update={"path": path})


def page(head: str, title: str = "", body: str = BODY) -> bytes:
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body>{NAVIGATION}<article>{title}{body}"
        f"<script>var tracker = 'alert(1)';</script></article>{FOOTER}</body></html>"
    ).encode()


PAGES = [
    pytest.param(
        page('<title>Jets strike &lt;Kafr Zita&gt; &amp; Hama</title>'
             '<meta property="article:published_time" content="2020-05-03T10:00:00Z">'
             '<meta property="og:site_name" content="Example Wire">'),
        "Jets strike <Kafr Zita> & Hama", dt.date(2020, 5, 3), "Example Wire",
        id="entities-in-title-meta-date",
    ),
    pytest.param(
        page("<title>Ignored site title</title>",
             "<h1>Jets <b>strike</b> <script>alert(2)</script>Hama</h1>"),
        "Jets strike Hama", None, None, id="markup-in-headline",
    ),
    pytest.param(
        page('<title>&lt;img src=x onerror=alert(1)&gt; Clashes</title>'
             '<script type="application/ld+json">{"@type": "NewsArticle", '
             '"headline": "Clashes", "datePublished": "2019-04-07"}</script>'),
        None, dt.date(2019, 4, 7), None, id="json-ld-date-script-title",
    ),
    pytest.param(
        page("<title>Jets <b>strike</b> <i class='x'>Hama</i></title>"),
        "Jets strike Hama", None, None, id="tags-inside-title-element",
    ),
    pytest.param(
        page("", "<h1>Undated report</h1>",
             BODY.replace("on Tuesday", "on 12 March 2017")),
        "Undated report", None, None, id="date-in-text-is-not-the-page-date",
    ),
]


@pytest.mark.parametrize(("data", "title", "published", "source"), PAGES)
def test_page_becomes_headline_and_main_text(
    data: bytes, title: str | None, published: dt.date | None, source: str | None
) -> None:
    document = read_webpage(data, doc_id="page", path="page.html")
    if title is not None:
        assert document.title == title
    assert document.title is not None and "<b>" not in document.title
    assert document.published == published
    assert document.source == source
    assert document.text.startswith(f"{document.title}\n\n")
    assert "Kafr Zita north of Hama on" in document.text or "12 March 2017" in document.text
    for boilerplate in ("Home", "Copyright", "tracker", "alert(2)", "<p>"):
        assert boilerplate not in document.text
    paragraphs = document.text.strip().split("\n\n")
    assert paragraphs[-1].startswith("Rebels shot down")


def test_published_option_fills_an_undated_page_only() -> None:
    fallback = dt.date(2021, 1, 1)
    undated = read_webpage(page("<title>A</title>"), doc_id="a", published=fallback)
    dated = read_webpage(PAGES[0].values[0], doc_id="b", published=fallback)  # type: ignore[arg-type]
    assert (undated.published, dated.published) == (fallback, dt.date(2020, 5, 3))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"<html><head><title>Only a title</title></head><body></body></html>",
                     id="no-article"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", id="binary"),
        pytest.param(b"https://example.org/2020/05/03/jets-strike-hama", id="a-url"),
    ],
)
def test_page_without_article_text_is_a_document_error(
    data: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise RuntimeError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    with pytest.raises(DocumentError, match=r"^bad\.html: no article text found"):
        extract_webpage(data, label="bad.html")
    assert attempts == []


def test_pages_are_read_from_files_directories_and_compressed(tmp_path: Path) -> None:
    (tmp_path / "saved").mkdir()
    (tmp_path / "saved" / "story.html").write_bytes(PAGES[0].values[0])  # type: ignore[arg-type]
    (tmp_path / "saved" / "other.HTM.gz").write_bytes(gzip.compress(page("<title>B</title>")))
    (tmp_path / "saved" / "empty.html").write_bytes(b"<html><body></body></html>")
    items = list(load_documents([tmp_path / "saved"]))
    documents = [item for item in items if isinstance(item, Document)]
    failures = [item for item in items if isinstance(item, DocumentFailure)]
    assert [document.id for document in documents] == ["other", "story"]
    assert [failure.message for failure in failures] == [
        f"{tmp_path / 'saved' / 'empty.html'}: no article text found in the web page"
    ]
    assert read_document(tmp_path / "saved" / "story.html").published == dt.date(2020, 5, 3)
