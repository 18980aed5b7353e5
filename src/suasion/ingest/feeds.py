"""Reads RSS and Atom feeds: every item becomes one Document."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from suasion.ingest.decode import repair_text
from suasion.ingest.metadata import normalise_date, normalise_language, slugify
from suasion.ingest.webpage import html_to_text
from suasion.model.errors import Problem, problem
from suasion.model.records import Document

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a file are those of an RSS, RDF or Atom document."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped.startswith(b"<") and _FEED_ROOT.search(head) is not None


def _benign(exception: object) -> bool:
    """Encoding and content-type notes that feedparser flags but that do not lose any item."""
    import feedparser.exceptions as notes

    return isinstance(exception, (notes.CharacterEncodingOverride, notes.NonXMLContentType))


def _item_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        text = html_to_text(str(content.get("value") or ""))
        if text:
            return text
    return html_to_text(str(entry.get("summary") or ""))


def _item_date(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        date = normalise_date(entry.get(key))
        if date:
            return date
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return normalise_date(dt.date(parsed[0], parsed[1], parsed[2]))
    return None


def iter_feed(data: bytes, origin: str, stem: str) -> Iterator[Document | Problem]:
    """Documents for the items of one feed, and a Problem E009 if the feed is broken.

    Items that parsed before the point where a feed breaks are still yielded.
    """
    import feedparser  # bytes, never a string: feedparser would treat a string as a URL or path

    parsed = feedparser.parse(data)
    broken = parsed.get("bozo") and not _benign(parsed.get("bozo_exception"))
    if not parsed.get("version") and not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "") if broken else "not an RSS or Atom feed"
        yield problem("E009", origin, detail=detail or "not an RSS or Atom feed")
        return
    channel = parsed.get("feed", {})
    language = normalise_language(channel.get("language"))
    source = " ".join(str(channel.get("title") or "").split()) or None
    for number, entry in enumerate(parsed.entries, start=1):
        item_origin = f"{origin}#{number}"
        text = repair_text(_item_text(entry))
        if not text.strip():
            yield problem("E022", origin, item=number)
            continue
        key = entry.get("id") or entry.get("link")
        title = html_to_text(str(entry.get("title") or "")).replace("\n", " ") or None
        yield Document(
            doc_id=slugify(str(key)) if key else f"{stem}-{number}",
            text=text,
            date=_item_date(entry),
            url=str(entry["link"]) if entry.get("link") else None,
            title=repair_text(title) if title else None,
            language=normalise_language(entry.get("language")) or language,
            source=source,
            origin=item_origin,
        )
    if broken:
        yield problem("E009", origin, detail=str(parsed.get("bozo_exception")))
