"""Cleans article text, splits it into sentences with offsets, marks non-body lines, finds languages."""

from suasion.normalize.clean import clean_text
from suasion.normalize.document import normalize_batch, normalize_document
from suasion.normalize.language import LanguageSpan, detect_language, language_spans
from suasion.normalize.sentences import split_sentences

__all__ = ["LanguageSpan", "clean_text", "detect_language", "language_spans", "normalize_batch",
           "normalize_document", "split_sentences"]
