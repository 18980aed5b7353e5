"""`suasion evaluate-clusters`: score how mentions are grouped into events against gold happenings."""

from __future__ import annotations

import json

import click

from suasion.cli.common import fail, info
from suasion.evaluate.clusters import cluster_gold, evaluate_clusters, format_cluster_scores, load_gold_paths
from suasion.evaluate.scoring import load_predictions
from suasion.model.errors import SuasionError


@click.command("evaluate-clusters")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--oracle", is_flag=True,
              help="Cluster the gold events themselves (every PATH is gold): the clustering "
                   "alone, on perfect extraction.")
@click.option("--details", is_flag=True, help="Also list the wrongly merged and wrongly split pairs.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def command(paths: tuple[str, ...], oracle: bool, details: bool, fmt: str) -> None:
    """Pairwise precision/recall of "same event" against the gold `happening` keys.

    \b
    suasion evaluate-clusters PRED_MENTIONS.jsonl GOLD [GOLD...]
    suasion evaluate-clusters --oracle GOLD [GOLD...]

    PRED_MENTIONS is what `suasion events --mentions --format jsonl` writes (contract fields plus
    event_id); each GOLD is a .gold.jsonl file or a folder of them. Each mention is matched to a
    gold event of its document as `suasion evaluate` matches them (remaining ties go to the gold
    event whose quote is in the mention's sentence); over all pairs of matched
    mentions, same event_id is compared with same happening. Pairs across documents are the
    headline; pairs within one document are shown apart.
    """
    if not oracle and len(paths) < 2:
        fail(SuasionError("E012", name="PATHS", value=" ".join(paths),
                          detail="expected PRED_MENTIONS.jsonl and at least one GOLD path"))
    gold_paths = paths if oracle else paths[1:]
    try:
        gold = load_gold_paths(gold_paths)
        scores = cluster_gold(gold) if oracle else evaluate_clusters(load_predictions(paths[0]), gold)
    except SuasionError as exc:
        fail(exc)
    for warning in gold.warnings:
        info(f"suasion: warning {warning}")
    if fmt == "json":
        click.echo(json.dumps(scores.to_dict(details=details), ensure_ascii=False, indent=2))
    else:
        click.echo(format_cluster_scores(scores, details=details))
