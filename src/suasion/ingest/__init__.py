"""Reads articles from files, folders, JSON Lines, feeds and stdin into Document records."""

from suasion.ingest.metadata import normalise_date, normalise_language, slugify
from suasion.ingest.sources import KNOWN_SUFFIXES, iter_documents

__all__ = ["KNOWN_SUFFIXES", "iter_documents", "normalise_date", "normalise_language", "slugify"]
