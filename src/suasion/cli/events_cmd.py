"""`suasion events`: list stored events (or their mentions) matching filters, as a table, JSONL or CSV."""

from __future__ import annotations

import sys

import click

from suasion.cli.common import db_option, event_filter_options, info, output_errors
from suasion.export import FORMATS, write_events
from suasion.store import Store


@click.command("events")
@db_option
@click.option("--mentions", "mentions", is_flag=True,
              help="List mentions (one per coded sentence, with the event_id they report) instead of events.")
@event_filter_options
@click.option("--doc", "doc_id", help="Only events with a mention in this document id (or its mentions).")
@click.option("--limit", type=int, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
def command(db: str, mentions: bool, actor: str | None, recipient: str | None, event_type: str | None,
            modality: str | None, since: str | None, until: str | None, doc_id: str | None,
            limit: int | None, fmt: str, output: str | None) -> None:
    """List stored events: one per real-world happening, with how many mentions and independent
    sources report it. Events are dated by their own date, else their first publication date.

    With --mentions, list every coded sentence instead; JSONL and CSV then carry the contract
    fields plus event_id, n_mentions and n_sources.
    """
    filters = dict(actor=actor, recipient=recipient, event_type=event_type, modality=modality,
                   since=since, until=until, doc_id=doc_id, limit=limit)
    with output_errors(output), Store(db, read_only=True) as store:
        records = store.iter_mentions(**filters) if mentions else store.iter_event_records(**filters)
        count = write_events(records, fmt, output if output else sys.stdout)
    info(f"{count} {'mentions' if mentions else 'events'}")
