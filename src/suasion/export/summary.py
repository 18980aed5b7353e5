"""Plain-text and HTML summaries of a store: the per-country table and the run report."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Iterable, TextIO

from suasion.model.records import Event

SUMMARY_COLUMNS = ("code", "events", "as_actor", "as_recipient", "quad_1", "quad_2", "quad_3", "quad_4")
QUAD_NAMES = {"quad_1": "verbal coop", "quad_2": "material coop", "quad_3": "verbal conflict",
              "quad_4": "material conflict"}


def write_country_summary(rows: list[dict[str, Any]], out: TextIO) -> None:
    """A fixed-width table of events per country code, as actor and as recipient, by quad class."""
    headers = ["code", "events", "as actor", "as recipient", *QUAD_NAMES.values()]
    widths = [max(len(h), 6) for h in headers]
    out.write("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip() + "\n")
    for row in rows:
        cells = [str(row.get(col) if row.get(col) is not None else "") for col in SUMMARY_COLUMNS]
        out.write("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip() + "\n")


def write_run_report(path: str | Path, events: Iterable[Event], summary: list[dict[str, Any]],
                     title: str = "suasion run report") -> int:
    """A self-contained HTML page (no network fetches) listing the summary and every event with its sentence."""
    rows = []
    count = 0
    for event in events:
        count += 1
        rec = event.recipient
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in (
            event.date or "", event.event_type, event.modality, f"{event.actor.code}/{event.actor.sector or ''}",
            f"{rec.code}/{rec.sector or ''}" if rec else "", event.doc_id, event.sentence)) + "</tr>")
    summary_rows = "".join("<tr>" + "".join(f"<td>{html.escape(str(row.get(c, '')))}</td>"
                                            for c in SUMMARY_COLUMNS) + "</tr>" for row in summary)
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;color:#222}}table{{border-collapse:collapse;margin-bottom:2rem}}
td,th{{border:1px solid #ccc;padding:.25rem .5rem;font-size:.9rem;vertical-align:top}}th{{background:#f3f3f3}}</style></head>
<body><h1>{html.escape(title)}</h1><p>{count} events.</p>
<h2>Events per country</h2><table><tr>{''.join(f'<th>{html.escape(c)}</th>' for c in SUMMARY_COLUMNS)}</tr>{summary_rows}</table>
<h2>Events and their evidence</h2><table><tr><th>date</th><th>type</th><th>modality</th><th>actor</th>
<th>recipient</th><th>document</th><th>sentence</th></tr>{''.join(rows)}</table></body></html>"""
    Path(path).write_text(page, encoding="utf-8")
    return count
