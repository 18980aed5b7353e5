"""`suasion report`: write the analyst report, one self-contained offline HTML file."""

from __future__ import annotations

import click

from suasion.cli.common import db_option, fail, info, period_options
from suasion.export.report import DEFAULT_EVIDENCE, write_report
from suasion.export.report_data import DEFAULT_POWERS, DEFAULT_REGION, resolve_scope
from suasion.model.errors import SuasionError
from suasion.store import Store


def scope_options(func: object) -> object:
    """--region, --powers, --since and --until, shared with `suasion plot`."""
    func = period_options(func)
    func = click.option("--powers", default=",".join(DEFAULT_POWERS), show_default=True,
                        help="The great powers, as comma-separated ISO3 codes.")(func)
    return click.option("--region", default=DEFAULT_REGION, show_default=True,
                        help="A region key of regions.yaml (latin-america, africa, ...) or 'world'.")(func)


@click.command("report")
@db_option
@scope_options
@click.option("--evidence", type=click.IntRange(min=1), default=DEFAULT_EVIDENCE, show_default=True,
              help="Events listed as evidence for each cell, point and bar.")
@click.option("--title", help="The report's title (default: Great-power influence in REGION).")
@click.option("-o", "--output", default="report.html", show_default=True,
              type=click.Path(dir_okay=False, writable=True), help="Where to write the HTML file.")
def command(db: str, region: str, powers: str, since: str | None, until: str | None, evidence: int,
            title: str | None, output: str) -> None:
    """Write an offline HTML report of the powers' influence in a region, every figure linked to its evidence."""
    try:
        scope = resolve_scope(region, powers.split(","), since, until)
        with Store(db, read_only=True) as store:
            result = write_report(store, output, scope, evidence=evidence, title=title)
    except SuasionError as exc:
        fail(exc)
    info(f"report: {result.events:,} events in {result.dyads:,} power-country pairs, "
         f"{result.bytes / 1_000_000:.1f} MB: {result.path}")
