"""Saved web pages: an ``.html`` file reduced to its article's main text, title and date.

A page saved from a news site is mostly navigation, scripts and boilerplate; read as text
it would put menu words and markup into the event stage. trafilatura (maintained, and the
best-scoring open-source main-text extractor in its own and third-party benchmarks) keeps
the article: its title, its paragraphs and, from the page's metadata (``<meta>`` tags,
JSON-LD, ``<time>`` elements, read by htmldate), its publication date and site name.

Offline, always: the bytes are parsed into a tree here and only the tree is handed on, so
neither trafilatura nor htmldate ever sees a string it could take for a URL to download
(htmldate fetches a string starting with ``http`` that has no space). The date is taken
from the markup only (htmldate's ``extensive_search`` off): a date guessed from the body's
text would be an event's date, not the page's.

The document's text is the title, a blank line and the main text's paragraphs separated by
blank lines, like the other formats (headline first); entities are decoded and no markup is
left, so ``<b>`` in a headline is gone and ``&lt;script&gt;`` is the text ``<script>``.
Scripts and styles are dropped before extraction (JSON-LD metadata is kept), and tags written
inside ``<title>`` (kept as text by HTML parsers: a CMS leaking markup) are removed from it.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict

from geo.errors import DocumentError

__all__ = ["WebPage", "extract_webpage"]

_DATE_PARAMETERS = {"extensive_search": False, "original_date": True}


class WebPage(BaseModel):
    """What a saved page holds for geo: ``text`` is headline, blank line, paragraphs."""

    model_config = ConfigDict(frozen=True)

    text: str
    title: str | None = None
    date: str | None = None  # as htmldate gives it, ``YYYY-MM-DD``
    site: str | None = None
    url: str | None = None


def _extract(data: bytes) -> Any:
    """trafilatura's extraction of the page, or None when it holds no HTML or no article."""
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        return None
    _drop_code(tree)
    return bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=dict(_DATE_PARAMETERS),
    )


def _drop_code(tree: Any) -> None:
    """Remove scripts and styles, keeping JSON-LD (metadata) and the text after each.

    trafilatura takes a headline's whole text content, so a ``<script>`` inside an ``<h1>``
    would end up in the title.
    """
    for element in list(tree.iter("script", "style", "noscript", "template")):
        if element.tag == "script" and "ld+json" in (element.get("type") or "").lower():
            continue
        element.drop_tree()


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _body_with_headline(title: str | None, paragraphs: list[str]) -> str:
    """Headline, blank line, paragraphs separated by blank lines (the headline once)."""
    if title and paragraphs[0] != title:
        paragraphs = [title, *paragraphs]
    return "\n\n".join(paragraphs) + "\n"


def _clean(value: str | None) -> str | None:
    return (" ".join(value.split()) or None) if value else None


# A tag written inside <title> (RCDATA: the parser keeps it as text), a CMS leaking markup:
# the phrasing elements of the HTML Living Standard (3.2.5.2.5) that style a headline, and
# script or style. Not any "<word>": "&lt;Kafr Zita&gt;" in a title is the text "<Kafr Zita>".
_TITLE_TAGS = (
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font",
    "i", "ins", "kbd", "mark", "q", "s", "samp", "script", "small", "span", "strong", "style",
    "sub", "sup", "time", "u", "var", "wbr",
)
_TAG = re.compile(rf"</?(?:{'|'.join(_TITLE_TAGS)})(?:\s[^<>]*)?/?>", re.IGNORECASE)


def _title(value: str | None) -> str | None:
    return _clean(_TAG.sub(" ", value)) if value else None


def extract_webpage(data: bytes, *, label: str) -> WebPage:
    """The main text, title, date and site of a saved web page's bytes.

    Raises :class:`DocumentError` naming ``label`` when the bytes are not HTML or hold no
    article text.

    >>> page = extract_webpage(
    ...     b"<html><head><title>Clashes in &lt;Aden&gt;</title></head><body><article>"
    ...     b"<h1>Clashes in <em>Aden</em></h1><p>Fighting broke out in Aden on Monday "
    ...     b"between rival forces, residents said, and went on into the night.</p>"
    ...     b"</article></body></html>", label="aden.html")
    >>> page.title
    'Clashes in Aden'
    >>> page.text.splitlines()[2][:25]
    'Fighting broke out in Ade'
    """
    result = _extract(data)
    paragraphs = _paragraphs(result.text or "") if result is not None else []
    if not paragraphs:
        raise DocumentError(f"{label}: no article text found in the web page")
    title = _title(result.title) or _clean(paragraphs[0])
    return WebPage(
        text=_body_with_headline(title, paragraphs),
        title=title,
        date=result.date or None,
        site=_clean(result.sitename),
        url=_clean(result.url),
    )
