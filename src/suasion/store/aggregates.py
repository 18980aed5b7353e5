"""Read-only aggregate queries behind the dashboard: grouped dyad events, search, evidence.

A *dyad* is a power and a country; its events are those with the power as actor and the
country as recipient (direction `out`: what the power does to the country) or the reverse
(direction `in`), filed under a date (their own, else their first publication). Every function
reads through a cursor of its own, so one read-only Store can answer several threads at once,
and returns plain rows (dicts) or Arrow tables. All values
reach DuckDB as parameters; the only SQL text assembled here is made of this module's constants.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from typing import Any

import pyarrow as pa

from suasion.store.filters import EVENT_DATE_SQL, EventFilter
from suasion.store.store import _EVENT_SELECT, Store

# Two scans, one per direction, each a plain conjunction that DuckDB answers with semi-joins (one
# scan with OR-ed membership tests is several times slower), then one grouping.
_SIDE = """
    SELECT e.{own}_code AS power, e.{other}_code AS country, '{direction}' AS direction, e.event_type,
           e.mode, e.context, e.quad, coalesce(e.plover_score, 0) AS plover_score, e.n_sources,
           {filed} AS filed
    FROM events e
    WHERE list_contains(?::VARCHAR[], e.modality) AND list_contains(?::VARCHAR[], e.{own}_code)
      AND list_contains(?::VARCHAR[], e.{other}_code) AND e.actor_code <> e.recipient_code
      AND coalesce(e.date, e.first_seen) IS NOT NULL"""
_GROUPED = f"""
SELECT power, country, direction, event_type, mode, context, quad{{month}},
       count(*) AS events, CAST(sum(plover_score) AS DOUBLE) AS score_sum,
       CAST(sum(greatest(plover_score, 0)) AS DOUBLE) AS positive_sum,
       CAST(sum(least(plover_score, 0)) AS DOUBLE) AS negative_sum,
       CAST(sum(n_sources) AS BIGINT) AS sources, min(filed) AS first_date, max(filed) AS last_date
FROM ({_SIDE.format(own="actor", other="recipient", direction="out", filed=EVENT_DATE_SQL)}
      UNION ALL {_SIDE.format(own="recipient", other="actor", direction="in", filed=EVENT_DATE_SQL)})
{{period}}
GROUP BY ALL"""
# Only a period needs the filed date of every row compared (the costliest part of the query).
_PERIOD = "WHERE filed >= ? AND filed <= ?"
_EARLIEST, _LATEST = "0000-01-01", "9999-12-31"

# The same groups from the pre-counted event_months (see event_months.py): a row lies wholly
# inside a period when its first and last filed dates do, which every row of a month inside a
# period made of whole months does. The kinds are joined back once the few groups are formed.
_MONTHS_SIDE = """
    SELECT {own}_code AS power, {other}_code AS country, '{direction}' AS direction, kind{month},
           events, score_sum, positive_sum, negative_sum, sources, first_date, last_date
    FROM event_months
    WHERE list_contains(?::VARCHAR[], modality) AND list_contains(?::VARCHAR[], {own}_code)
      AND list_contains(?::VARCHAR[], {other}_code){period}"""
_MONTHS_GROUPED = f"""
WITH grouped AS (
    SELECT power, country, direction, kind{{month}}, CAST(sum(events) AS BIGINT) AS events,
           CAST(sum(score_sum) AS DOUBLE) AS score_sum, CAST(sum(positive_sum) AS DOUBLE) AS positive_sum,
           CAST(sum(negative_sum) AS DOUBLE) AS negative_sum, CAST(sum(sources) AS BIGINT) AS sources,
           min(first_date) AS first_date, max(last_date) AS last_date
    FROM ({_MONTHS_SIDE.format(own="actor", other="recipient", direction="out", month="{month}", period="{period}")}
          UNION ALL {_MONTHS_SIDE.format(own="recipient", other="actor", direction="in", month="{month}",
                                         period="{period}")})
    GROUP BY ALL)
SELECT g.power, g.country, g.direction, k.event_type, k.mode, k.context, k.quad{{grouped_month}},
       g.events, g.score_sum, g.positive_sum, g.negative_sum, g.sources, g.first_date, g.last_date
FROM grouped g JOIN event_kinds k ON k.kind = g.kind"""
_MONTHS_PERIOD = " AND first_date >= ? AND last_date <= ?"


def dyad_groups(store: Store, powers: Sequence[str], countries: Sequence[str],
                modalities: Sequence[str] = ("asserted",), since: str | None = None,
                until: str | None = None, monthly: bool = False) -> pa.Table:
    """Dyad events grouped by power, country, direction, event_type, mode, context and quad
    (and `month`, YYYY-MM, when monthly), with per group: `events`, `score_sum` (sum of PLOVER
    scores), `positive_sum` and `negative_sum` (sums of the positive and of the negative ones),
    `sources` (sum of independent sources) and `first_date`/`last_date`. Events without any date
    are left out; since/until (YYYY[-MM[-DD]]) bound the date they are filed under. Small enough to
    weigh in Python whatever the store's size.

    A period of whole months (YYYY or YYYY-MM bounds, or none) is summed from the store's
    event_months (a few times faster on a large store); a bound on a day within a month, or
    a store without them (version 2, read-only), groups the events themselves."""
    period = EventFilter.of(since=since, until=until)
    bounded = period.since is not None or period.until is not None
    if store.has_event_months and _whole_months(period.since, period.until):
        query = _MONTHS_GROUPED.format(month=", month" if monthly else "", grouped_month=", g.month" if monthly else "",
                                       period=_MONTHS_PERIOD if bounded else "")
        bounds = (period.since or _EARLIEST, period.until or _LATEST) if bounded else ()
        side = [list(modalities), list(powers), list(countries), *bounds]
        return _table(store, query, [*side, *side])
    query = _GROUPED.format(month=", left(filed, 7) AS month" if monthly else "", period=_PERIOD if bounded else "")
    side = [list(modalities), list(powers), list(countries)]
    params = [*side, *side, *((period.since or _EARLIEST, period.until or _LATEST) if bounded else ())]
    return _table(store, query, params)


def _whole_months(since: str | None, until: str | None) -> bool:
    """Whether a period (first and last day, YYYY-MM-DD) is made of whole months."""
    if since is not None and not since.endswith("-01"):
        return False
    if until is not None:
        year, month, day = (int(part) for part in until.split("-"))
        return day == calendar.monthrange(year, month)[1]
    return True


_TEXT_MATCH = "e.event_id IN (SELECT event_id FROM mentions WHERE sentence ILIKE ? ESCAPE '\\')"
_BETWEEN = """((list_contains(?::VARCHAR[], e.actor_code) AND list_contains(?::VARCHAR[], e.recipient_code))
    OR (list_contains(?::VARCHAR[], e.actor_code) AND list_contains(?::VARCHAR[], e.recipient_code)))"""
_ORDERS = {
    "newest": f"{EVENT_DATE_SQL} DESC NULLS LAST, e.event_id",
    "oldest": f"{EVENT_DATE_SQL} ASC NULLS LAST, e.event_id",
    "sources": f"e.n_sources DESC, {EVENT_DATE_SQL} DESC NULLS LAST, e.event_id",
}
SEARCH_ORDERS: tuple[str, ...] = tuple(_ORDERS)

# How much document text around a mention's sentence is read for its paragraph (characters).
EVIDENCE_WINDOW = 1500


def _rows(store: Store, query: str, params: list[Any]) -> list[dict[str, Any]]:
    return _table(store, query, params).to_pylist()


def _table(store: Store, query: str, params: list[Any]) -> pa.Table:
    cursor = store._con.cursor()
    try:
        return store._read(lambda: cursor.sql(query, params=params).to_arrow_table())
    finally:
        cursor.close()


def search_events(store: Store, event_filter: EventFilter, text: str | None = None,
                  between: tuple[Sequence[str], Sequence[str]] | None = None, order: str = "newest",
                  offset: int = 0) -> tuple[int, pa.Table]:
    """Events matching the filter, a case-insensitive substring of any of their mentions'
    sentences and, with `between` (two lists of codes), a code of each list on either side;
    returns (total matches, the page of `event_filter.limit` rows from `offset`) with the
    columns of `Store.events_table`."""
    if order not in _ORDERS:
        raise ValueError(f"unknown order {order!r}")
    where, params = event_filter.where("events")
    clauses = [where[len("WHERE "):]] if where else []
    if text:
        clauses.append(_TEXT_MATCH)
        params.append("%" + escape_like(text) + "%")
    if between is not None:
        first, second = list(between[0]), list(between[1])
        clauses.append(_BETWEEN)
        params += [first, second, second, first]
    condition = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = _rows(store, f"SELECT count(*) AS n FROM events e {condition}", list(params))[0]["n"]
    query = (f"SELECT {_EVENT_SELECT} FROM events e JOIN mentions r ON r.id = e.representative_id "
             f"{condition} ORDER BY {_ORDERS[order]} LIMIT ? OFFSET ?")
    limit = event_filter.limit if event_filter.limit is not None else 50
    return total, _table(store, query, [*params, limit, offset])


def escape_like(text: str) -> str:
    """Text matched literally by ILIKE ... ESCAPE '\\': its wildcards and the escape escaped."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def event_row(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event (the columns of `Store.events_table`), or None."""
    query = (f"SELECT {_EVENT_SELECT} FROM events e JOIN mentions r ON r.id = e.representative_id "
             f"WHERE e.event_id = ?")
    rows = _rows(store, query, [event_id])
    return rows[0] if rows else None


def event_mentions(store: Store, event_id: str, limit: int = 200) -> list[dict[str, Any]]:
    """The mentions of an event with their document's metadata and the text around the sentence:
    `window` is the document text from `window_start` (a character offset), at most
    EVIDENCE_WINDOW characters either side of the sentence."""
    query = f"""
        SELECT m.id AS mention_id, m.doc_id, m.sentence, m.sentence_index, m.char_start, m.char_end,
               m.event_type, m.modality, m.actor_code, m.actor_text, m.recipient_code,
               m.recipient_text, m.date, m.confidence, d.url, d.title, d.source,
               left(d.date, 10) AS published, d.language, d.syndication_key,
               greatest(m.char_start - {EVIDENCE_WINDOW}, 0) AS window_start,
               substring(d.text, greatest(m.char_start - {EVIDENCE_WINDOW}, 0) + 1,
                         m.char_end - greatest(m.char_start - {EVIDENCE_WINDOW}, 0)
                         + {EVIDENCE_WINDOW}) AS window
        FROM mentions m LEFT JOIN documents d ON d.doc_id = m.doc_id
        WHERE m.event_id = ?
        ORDER BY published NULLS LAST, m.doc_id, m.sentence_index, m.id
        LIMIT ?"""
    return _rows(store, query, [event_id, limit])


def event_span(store: Store) -> dict[str, Any]:
    """The first and last dates events are filed under and the number of events."""
    query = f"SELECT min({EVENT_DATE_SQL}) AS first, max({EVENT_DATE_SQL}) AS last, count(*) AS events FROM events e"
    return _rows(store, query, [])[0]
