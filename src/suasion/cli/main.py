"""The `suasion` command group; each command lives in its own module."""

from __future__ import annotations

import click

from suasion import __version__
from suasion.cli import (
    actors_cmd, evaluate_clusters_cmd, evaluate_cmd, events_cmd, export_cmd, extract_cmd, ingest_cmd, plot_cmd,
    indicators_cmd, report_cmd, run_cmd, serve_cmd,
)
from suasion.cli.common import State, configure_logging


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="suasion")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summaries on stderr.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool) -> None:
    """suasion: news in, evidence-linked PLOVER events and influence indicators out."""
    ctx.ensure_object(State).quiet = quiet
    configure_logging(quiet)


# Each command module defines one click command named after its module.
for _module in (actors_cmd, evaluate_cmd, evaluate_clusters_cmd, events_cmd, export_cmd, extract_cmd,
                indicators_cmd, ingest_cmd, plot_cmd, report_cmd, run_cmd, serve_cmd):
    cli.add_command(_module.command)


def main() -> None:
    cli(prog_name="suasion")
