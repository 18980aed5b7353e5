"""`suasion plot`: export one chart of the report (map, heatmap, timeline, network, levers) as SVG or PNG."""

from __future__ import annotations

import click

from suasion.cli.common import db_option, fail, info
from suasion.cli.report_cmd import scope_options
from suasion.export.charts import CHARTS
from suasion.export.plots import chart_svg, output_format, write_chart
from suasion.export.report_data import build, resolve_scope
from suasion.model.errors import SuasionError
from suasion.store import Store


@click.command("plot")
@click.argument("what", type=click.Choice(CHARTS))
@db_option
@scope_options
@click.option("--power", help="Map: shade by this power's score (default: the leading power); "
                              "timeline and levers: this power only.")
@click.option("--country", help="Timeline: this country only (ISO3 code).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="FILE.svg or FILE.png (default: WHAT.svg).")
def command(what: str, db: str, region: str, powers: str, since: str | None, until: str | None,
            power: str | None, country: str | None, output: str | None) -> None:
    """Write one chart as SVG, or PNG when the output file name ends in .png."""
    output = output or f"{what}.svg"
    try:
        output_format(output)
        scope = resolve_scope(region, powers.split(","), since, until)
        with Store(db, read_only=True) as store:
            data = build(store, scope, evidence=False)
        svg = chart_svg(data, what, power=power.strip().upper() if power else None,
                        country=country.strip().upper() if country else None)
        path = write_chart(svg, output)
    except SuasionError as exc:
        fail(exc)
    info(f"{what}: {path}")
