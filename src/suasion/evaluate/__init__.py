"""Scores predicted events against gold-standard annotations (GUIDELINES.md section 8)."""

from suasion.evaluate.gold import GoldDoc, GoldEvent, GoldSet, gold_from_lines, load_gold
from suasion.evaluate.report import format_scores
from suasion.evaluate.scoring import Prediction, Scores, TypeScores, evaluate, load_predictions

__all__ = [
    "GoldDoc", "GoldEvent", "GoldSet", "Prediction", "Scores", "TypeScores", "evaluate",
    "format_scores", "gold_from_lines", "load_gold", "load_predictions",
]
