"""Turns stored events into influence indicators and stated quantities (pandas / Arrow tables)."""

from suasion.analyze.frame import DEFAULT_POWERS, PERIODS, load_events
from suasion.analyze.indicators import (
    Analysis, dyad_month, indicators, influence_scores, lever_columns, levers, momentum, novelty, shares,
    to_arrow,
)
from suasion.analyze.levers import assign_levers, lever_book
from suasion.analyze.novelty import find_cue
from suasion.analyze.quantities import countries_named, parse_amounts, quantities

__all__ = [
    "DEFAULT_POWERS", "PERIODS", "Analysis", "assign_levers", "countries_named", "dyad_month", "find_cue",
    "indicators", "influence_scores", "lever_book", "lever_columns", "levers", "load_events", "momentum",
    "novelty", "parse_amounts", "quantities", "shares", "to_arrow",
]
