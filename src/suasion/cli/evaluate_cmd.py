"""`suasion evaluate`: score a predictions file against gold annotations."""

from __future__ import annotations

import json

import click

from suasion.cli.common import fail, info
from suasion.evaluate import evaluate, format_scores, load_gold, load_predictions
from suasion.model.errors import SuasionError


@click.command("evaluate")
@click.argument("predictions", type=click.Path(dir_okay=False))
@click.argument("gold", type=click.Path())
@click.option("--details", is_flag=True, help="Also list missed gold events and spurious predictions.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def command(predictions: str, gold: str, details: bool, fmt: str) -> None:
    """Score PREDICTIONS (event JSONL) against GOLD (a .gold.jsonl file or a folder of them)."""
    try:
        gold_set = load_gold(gold)
        records = load_predictions(predictions)
    except SuasionError as exc:
        fail(exc)
    for warning in gold_set.warnings:
        info(f"suasion: warning {warning}")
    scores = evaluate(records, gold_set)
    if fmt == "json":
        click.echo(json.dumps(scores.to_dict(details=details), ensure_ascii=False, indent=2))
    else:
        click.echo(format_scores(scores, details=details))
