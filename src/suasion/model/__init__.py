"""Records and errors shared by every stage; depends on nothing else in suasion."""

from suasion.model.errors import Errors, Problem, SuasionError, problem
from suasion.model.records import (
    EVENT_FIELDS, MODALITIES, PLOVER_TYPES, SECTORS, Actor, Document, Event, Sentence,
    event_id, validate_event,
)

__all__ = [
    "EVENT_FIELDS", "MODALITIES", "PLOVER_TYPES", "SECTORS", "Actor", "Document", "Errors",
    "Event", "Problem", "Sentence", "SuasionError", "event_id", "problem", "validate_event",
]
