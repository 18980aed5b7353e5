"""`suasion ingest`: code articles and store articles, sentences, mentions and events in the database."""

from __future__ import annotations

import sys

import click

from suasion.cli.common import db_option, exit_code, fail, info, input_options, progress, read_inputs, \
    report_problem
from suasion.model.errors import SuasionError
from suasion.pipeline import run
from suasion.store import Store


def ingest(inputs: tuple[str, ...], db: str, date: str | None, lang: str | None,
           scheduler: str | None = None) -> tuple[int, int, int, int]:
    """Store everything read from the inputs; returns (added documents, duplicates, added
    mentions, events in the database)."""
    added = duplicates = mentions = 0
    with Store(db) as store:
        for processed, problems in progress(run(read_inputs(inputs, date, lang), scheduler=scheduler)):
            for item in problems:
                report_problem(item)
            if processed:
                result = store.add(processed)
                added += result.added_docs
                duplicates += result.skipped_duplicates
                mentions += result.added_mentions
        events = store.counts()["events"]
    return added, duplicates, mentions, events


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@input_options
def command(inputs: tuple[str, ...], db: str, date: str | None, lang: str | None,
            scheduler: str | None) -> None:
    """Code INPUTS and store articles, sentences and mentions, grouped into events (one per
    real-world happening, across articles); re-ingesting adds nothing."""
    try:
        added, duplicates, mentions, events = ingest(inputs, db, date, lang, scheduler)
    except SuasionError as exc:
        fail(exc)
    info(f"{added} articles added, {duplicates} already stored, {mentions} mentions added to {db} "
         f"({events} events in all)")
    sys.exit(exit_code())
