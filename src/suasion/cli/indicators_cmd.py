"""`suasion indicators`: great-power influence indicators per country or region and period, as a table, CSV, Parquet or JSON."""

from __future__ import annotations

import sys
from typing import Any

import click

from suasion.cli.common import db_option, info, output_errors, period_options
from suasion.model.errors import SuasionError

VIEWS: tuple[str, ...] = ("indicators", "dyads", "levers", "shares", "momentum", "novelty", "influence",
                          "quantities")


@click.command("indicators")
@db_option
@click.option("--power", "powers", multiple=True, help="A great power's code; repeat for several (default USA, CHN, RUS).")
@click.option("--region", "regions", multiple=True,
              help="A region key (latin-america, africa, ...) reported as the aggregate of its members; repeatable.")
@click.option("--country", "countries", multiple=True, help="A counterpart code (BRA); repeatable. Default: all.")
@period_options
@click.option("--period", default="month", show_default=True, help="month, quarter or year.")
@click.option("--modality", default="asserted", show_default=True,
              help="Modality counted as events: asserted, future, hypothetical, negated or all.")
@click.option("--window", default="1", show_default=True, help="Momentum window, in periods.")
@click.option("--min-count", "min_count", default="3", show_default=True,
              help="Events the previous window needs before a momentum ratio is given.")
@click.option("--gap-months", "gap_months", default="12", show_default=True,
              help="Months without contact after which a contact counts as new.")
@click.option("--view", default="indicators", show_default=True,
              help="What to list: " + ", ".join(VIEWS) + ".")
@click.option("--format", "fmt", default="table", show_default=True, help="table, csv, parquet or json.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
def command(db: str, powers: tuple[str, ...], regions: tuple[str, ...], countries: tuple[str, ...],
            since: str | None, until: str | None, period: str, modality: str, window: str, min_count: str,
            gap_months: str, view: str, fmt: str, output: str | None) -> None:
    """Influence indicators per (power, country or region, period): event counts by type, quad and
    lever, promised / threatened / denied acts, each power's share of great-power engagement,
    momentum, new contacts and the influence score with its components. Files carry every column
    (docs/indicators.md) including the ids of the events behind each row.
    """
    from suasion import analyze
    from suasion.analyze.output import check_format, write_table
    from suasion.store import Store

    with output_errors(output):
        check_format(fmt)
        if view not in VIEWS:
            raise SuasionError("E012", name="--view", value=view, detail="expected " + ", ".join(VIEWS))
        if fmt == "parquet" and not output:
            raise SuasionError("E012", name="--output", value=output, detail="parquet needs -o FILE")
        options: dict[str, Any] = dict(
            powers=powers or analyze.DEFAULT_POWERS, countries=countries or None, regions=regions or None,
            since=since, until=until, period=period, modality=modality, window=_integer(window, "--window"),
            min_count=_integer(min_count, "--min-count"), gap_months=_integer(gap_months, "--gap-months"))
        with Store(db, read_only=True) as store:
            frame = _view(analyze, store, view, options)
        count = write_table(frame, fmt, output if output else (sys.stdout.buffer if fmt == "parquet" else sys.stdout))
    info(f"{count} rows")


def _view(analyze: Any, store: Any, view: str, options: dict[str, Any]) -> Any:
    if view == "quantities":
        return analyze.quantities(store, since=options["since"], until=options["until"],
                                  powers=options["powers"], countries=options["countries"])
    analysis = analyze.Analysis(store, **options)
    method = {"indicators": analysis.indicators, "dyads": analysis.dyad_month, "levers": analysis.levers,
              "shares": analysis.shares, "momentum": analysis.momentum, "novelty": analysis.novelty,
              "influence": analysis.influence_scores}[view]
    return method()


def _integer(text: str, name: str) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        raise SuasionError("E012", name=name, value=text, detail="expected a positive integer") from None
