"""`suasion extract`: code events from articles and stream them out, without a database."""

from __future__ import annotations

import sys

import click

from suasion.cli.common import exit_code, info, input_options, output_errors, progress, read_inputs, report_problem
from suasion.export import FORMATS, write_events
from suasion.pipeline import run


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@input_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
def command(inputs: tuple[str, ...], date: str | None, lang: str | None, scheduler: str | None,
            output: str | None, fmt: str) -> None:
    """Code PLOVER events from INPUTS (files, folders, .jsonl, .html, feeds, - for stdin)."""
    with output_errors(output):
        stream = read_inputs(inputs, date, lang)
        events = (event for processed, problems in progress(run(stream, scheduler=scheduler))
                  for event in _events(processed, problems))
        count = write_events(events, fmt, output if output else sys.stdout)
    info(f"{count} events")
    sys.exit(exit_code())


def _events(processed, problems):
    for item in problems:
        report_problem(item)
    for _doc, _text, _sentences, events in processed:
        yield from events
