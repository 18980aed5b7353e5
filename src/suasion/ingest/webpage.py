"""Extracts the main text and metadata of an HTML page, and plain text from HTML fragments."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.etree
import lxml.html

from suasion.ingest.metadata import normalise_date, normalise_language

_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "table", "td", "th", "tr", "ul",
)
_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "object", "button", "select")
_PAGE_CHROME = ("nav", "header", "footer", "aside", "form", "menu")
_LANG_ATTRIBUTE = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)
_LOCALE_META = re.compile(r"<meta\b[^>]*?og:locale[^>]*?content\s*=\s*[\"']([A-Za-z_-]+)", re.I)


@dataclass(slots=True)
class Webpage:
    """What an HTML page yields: its main text (paragraphs on their own lines) and metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None
    source: str | None = None


def _parse(markup: str) -> lxml.html.HtmlElement | None:
    # Bytes, not str: lxml refuses str input that carries an XML encoding declaration.
    try:
        return lxml.html.fromstring(markup.encode("utf-8"),
                                    parser=lxml.html.HTMLParser(encoding="utf-8", remove_comments=True))
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        return None


def _drop(root: lxml.html.HtmlElement, tags: tuple[str, ...]) -> None:
    for element in list(root.iter(*tags)):
        if element is not root and element.getparent() is not None:
            element.drop_tree()


def _block_text(root: lxml.html.HtmlElement) -> str:
    """The text of `root` with one line per block element and runs of spaces collapsed."""
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed summary, a page body): blocks become lines."""
    if "<" not in markup:
        return "\n".join(" ".join(line.split()) for line in markup.splitlines() if line.strip())
    root = _parse(markup)
    if root is None:
        return ""
    _drop(root, _NEVER_TEXT)
    return _block_text(root)


def _fallback_main_text(root: lxml.html.HtmlElement) -> str:
    _drop(root, _NEVER_TEXT + _PAGE_CHROME)
    for xpath in ("//article", "//main", "//*[@role='main']", "//body"):
        found = root.xpath(xpath)
        if found:
            text = "\n".join(filter(None, (_block_text(element) for element in found)))
            if text:
                return text
    return _block_text(root)


def _trafilatura(markup: str) -> dict[str, object]:
    import trafilatura  # heavy import, only needed for HTML inputs

    try:
        result = trafilatura.bare_extraction(markup, with_metadata=True, include_comments=False,
                                             include_tables=False)
    except Exception:  # trafilatura has no error contract; a page it chokes on gets the fallback
        return {}
    return result.as_dict() if result is not None else {}


def extract_webpage(markup: str) -> Webpage:
    """Main text and metadata of a page; `text` is empty when nothing readable was found.

    Never fetches anything: no URL is given to any library.
    """
    extracted = _trafilatura(markup)
    text = str(extracted.get("text") or "").strip()
    title = extracted.get("title") or None
    if not text or not title:
        root = _parse(markup)
        if root is not None:
            if not title:
                title = (root.findtext(".//title") or "").strip() or None
            if not text:
                text = _fallback_main_text(root).strip()
    head = markup[:20000]
    lang_match = _LANG_ATTRIBUTE.search(head) or _LOCALE_META.search(head)
    return Webpage(
        text=text,
        title=" ".join(str(title).split()) if title else None,
        date=normalise_date(extracted.get("date")),
        url=str(extracted["url"]) if extracted.get("url") else None,
        language=normalise_language(lang_match.group(1)) if lang_match else None,
        source=str(extracted.get("sitename") or extracted.get("hostname") or "") or None,
    )
