"""`suasion run`: ingest inputs, print their events and a per-country summary, write a report."""

from __future__ import annotations

import sys

import click

from suasion.cli.common import db_option, exit_code, fail, info, input_options
from suasion.cli.ingest_cmd import ingest
from suasion.export import write_events
from suasion.export.summary import write_country_summary, write_run_report
from suasion.model.errors import SuasionError
from suasion.store import Store


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@input_options
@click.option("-o", "--report", "report", default="suasion-report.html", show_default=True,
              type=click.Path(dir_okay=False, writable=True), help="Where to write the HTML report.")
def command(inputs: tuple[str, ...], db: str, date: str | None, lang: str | None, scheduler: str | None,
            report: str) -> None:
    """Ingest INPUTS into the database, print events and a per-country summary, write a report."""
    try:
        added, duplicates, _, _ = ingest(inputs, db, date, lang, scheduler)
        with Store(db, read_only=True) as store:
            click.echo("Events")
            write_events(store.iter_event_records(), "table", sys.stdout)
            click.echo("\nEvents per country")
            summary = store.summary_by_country()
            write_country_summary(summary, sys.stdout)
            count = write_run_report(report, store.iter_events(), summary)
    except SuasionError as exc:
        fail(exc)
    info(f"{added} articles added ({duplicates} already stored); report with {count} events: {report}")
    sys.exit(exit_code())
