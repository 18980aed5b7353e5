"""`suasion export`: stored events, mentions or indicators as tidy tables or in PLOVER, GDELT and ICEWS layouts."""

from __future__ import annotations

import sys

import click

from suasion.cli.common import db_option, event_filter_options, info, output_errors
from suasion.export import BINARY_FORMATS, EXPORT_FORMATS, EXPORT_TARGETS, export, format_for
from suasion.model.errors import SuasionError
from suasion.store import Store


@click.command("export")
@db_option
@click.option("--what", type=click.Choice(EXPORT_TARGETS), default="events", show_default=True,
              help="events (one row per happening), mentions (one per coded sentence), or the "
                   "indicators and quantities of the analysis.")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS),
              help="parquet, csv or jsonl (tidy tables), plover (PLOVER JSON lines), gdelt (GDELT 2.0 "
                   "Events or Mentions, tab-separated) or icews (ICEWS layout). Default: from the "
                   "output's suffix (.parquet, .csv, .jsonl).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The file to write ('-' for standard output); written whole or not at all.")
@click.option("--header", is_flag=True, help="Start GDELT files with a line of column names.")
@event_filter_options
@click.option("--limit", type=int, help="At most this many rows.")
def command(db: str, what: str, fmt: str | None, output: str, header: bool, actor: str | None,
            recipient: str | None, event_type: str | None, modality: str | None, since: str | None,
            until: str | None, limit: int | None) -> None:
    """Export the store for other tools: tidy Parquet/CSV/JSONL tables (codes always text; states
    with their ISO, CAMEO, COW and Gleditsch-Ward codes for the event date), PLOVER JSON records,
    or the GDELT 2.0 and ICEWS layouts that existing scripts read unchanged.

    The columns of every table and layout are described in docs/columns.md.
    """
    filters = {name: value for name, value in dict(
        actor=actor, recipient=recipient, event_type=event_type, modality=modality, since=since,
        until=until, limit=limit).items() if value is not None}
    with output_errors(output):
        if fmt is None:
            fmt = format_for(output)
        if what in ("indicators", "quantities") and filters:
            raise SuasionError("E071", fmt=fmt, what=what,
                               detail="the event filters (--actor ... --limit) apply to events and mentions")
        with Store(db, read_only=True) as store:
            if output == "-":
                target = sys.stdout.buffer if fmt in BINARY_FORMATS else sys.stdout
                count = export(store, target, what, fmt, header=header, **filters)
                target.flush()
            else:
                count = export(store, output, what, fmt, header=header, **filters)
    info(f"{count} {what} written{'' if output == '-' else ' to ' + output}")
