"""The plain-text per-country summary table (the HTML report is report.py's)."""

from __future__ import annotations

from typing import Any, TextIO

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
