"""Keeps the derived `event_months` and `event_kinds` tables in step with `events`.

`event_months` holds one row per *cell*: actor, recipient, modality, kind (event type, mode,
context and quad, numbered in `event_kinds`) and month (YYYY-MM) of the date events are filed
under (their own, else their first publication; see filters.EVENT_DATE_SQL). It counts the
events between two different known parties that have such a date: how many, the sums of their
PLOVER scores (all, positive, negative; a missing score counts 0) and of their independent
sources, and the first and last dates they are filed under. Summing its rows over whole months
gives what grouping the events themselves gives, at a fraction of the cost.

The store recounts the cells of the events it rewrites at the end of every write, inside the
same transaction, so readers always see both tables agree.
"""

from __future__ import annotations

import contextlib

import duckdb
import pyarrow as pa

from suasion.store.filters import EVENT_DATE_SQL

# What recounting needs of an event row (old or new) to find its cell.
CELL_COLUMNS = ("actor_code", "recipient_code", "modality", "event_type", "mode", "context", "quad", "date",
                "first_seen")

_SAME_KIND = """k.event_type = {e}.event_type AND k.mode IS NOT DISTINCT FROM {e}.mode
    AND k.context = {e}.context AND k.quad IS NOT DISTINCT FROM {e}.quad"""

_NEW_KINDS = """
INSERT INTO event_kinds
SELECT (SELECT coalesce(max(kind), 0) FROM event_kinds)
       + CAST(row_number() OVER (ORDER BY event_type, mode NULLS FIRST, context, quad NULLS FIRST) AS INTEGER),
       event_type, mode, context, quad
FROM (SELECT DISTINCT e.event_type, e.mode, e.context, e.quad FROM {source} e
      EXCEPT SELECT event_type, mode, context, quad FROM event_kinds)"""

_COUNTED = f"""
SELECT e.actor_code, e.recipient_code, e.modality, k.kind, left(e.filed, 7) AS month,
       count(*) AS events, CAST(sum(e.score) AS DOUBLE) AS score_sum,
       CAST(sum(greatest(e.score, 0)) AS DOUBLE) AS positive_sum,
       CAST(sum(least(e.score, 0)) AS DOUBLE) AS negative_sum,
       CAST(sum(e.n_sources) AS BIGINT) AS sources, min(e.filed) AS first_date, max(e.filed) AS last_date
FROM (SELECT e.actor_code, e.recipient_code, e.modality, e.event_type, e.mode, e.context, e.quad,
             coalesce(e.plover_score, 0) AS score, e.n_sources, {EVENT_DATE_SQL} AS filed
      FROM events e {{scope}}
      -- on the raw columns, so that no filed date is computed for events left out
      WHERE e.actor_code <> e.recipient_code AND coalesce(e.date, e.first_seen) IS NOT NULL) e
JOIN event_kinds k ON {_SAME_KIND.format(e="e")} {{cells}}
GROUP BY ALL"""

# The cells of the rows in `touched_events` (registered by `recount`).
_CELLS = f"""
SELECT DISTINCT e.actor_code, e.recipient_code, e.modality, k.kind, left({EVENT_DATE_SQL}, 7) AS month
FROM touched_events e JOIN event_kinds k ON {_SAME_KIND.format(e="e")}
WHERE e.actor_code <> e.recipient_code"""
_FORGET = f"""DELETE FROM event_months USING ({_CELLS}) c
WHERE c.actor_code = event_months.actor_code AND c.recipient_code = event_months.recipient_code
  AND c.modality = event_months.modality AND c.kind = event_months.kind AND c.month = event_months.month"""
# Only the events sharing parties, modality and type with a touched one get a filed date and a
# kind (a small part of a large store), and only those of touched cells are counted.
_RECOUNT = "INSERT INTO event_months " + _COUNTED.format(
    scope="""SEMI JOIN (SELECT DISTINCT actor_code, recipient_code, modality, event_type FROM touched_events) t
    ON t.actor_code = e.actor_code AND t.recipient_code = e.recipient_code AND t.modality = e.modality
       AND t.event_type = e.event_type""",
    cells=f"""SEMI JOIN ({_CELLS}) c ON c.actor_code = e.actor_code AND c.recipient_code = e.recipient_code
    AND c.modality = e.modality AND c.kind = k.kind AND c.month = left(e.filed, 7)""")


def recount(con: duckdb.DuckDBPyConnection, touched: pa.Table | None) -> None:
    """Recount the cells of these event rows (columns CELL_COLUMNS: rows removed from `events`
    and rows added to it), or every cell when None. Runs inside the caller's transaction."""
    if touched is None:
        con.execute("DELETE FROM event_months")
        con.execute(_NEW_KINDS.format(source="events"))
        con.execute("INSERT INTO event_months " + _COUNTED.format(scope="", cells="") + " ORDER BY month")
        return
    if not touched.num_rows:
        return
    con.register("touched_events", touched.select(list(CELL_COLUMNS)))
    try:
        con.execute(_NEW_KINDS.format(source="touched_events"))
        con.execute(_FORGET)
        con.execute(_RECOUNT)
    finally:
        with contextlib.suppress(duckdb.Error):  # an aborted transaction refuses; its own error matters
            con.unregister("touched_events")
