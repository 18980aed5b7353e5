"""`suasion run`: ingest inputs, print their events and a per-country summary, write the HTML report."""

from __future__ import annotations

import sys

import click

from suasion.cli.common import db_option, exit_code, fail, info, input_options
from suasion.cli.ingest_cmd import ingest
from suasion.export import write_events
from suasion.export.report import write_report
from suasion.export.report_data import WORLD, resolve_scope
from suasion.export.summary import write_country_summary
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
            # Every country, not one region: a run's articles may be about any part of the world.
            result = write_report(store, report, resolve_scope(WORLD))
    except SuasionError as exc:
        fail(exc)
    info(f"{added} articles added ({duplicates} already stored); report with {result.events} events "
         f"between the great powers and other countries: {report}")
    sys.exit(exit_code())
