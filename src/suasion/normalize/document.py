"""Normalises whole documents: cleaned text plus sentences, each tagged with its language."""

from __future__ import annotations

import bisect

from suasion.ingest.metadata import normalise_language
from suasion.model.records import Document, Sentence
from suasion.normalize.clean import clean_text
from suasion.normalize.language import detect_language, language_spans
from suasion.normalize.sentences import split_sentences


def normalize_document(doc: Document) -> tuple[str, list[Sentence]]:
    """The cleaned text of `doc` (what offsets point into, and what gets stored) and its sentences.

    The document's language is `doc.language`, else detected; a paragraph clearly written in
    another language (a quoted statement, a bilingual page) gets that language on its sentences.
    """
    text = clean_text(doc.text)
    language = normalise_language(doc.language) or detect_language(text)
    sentences = split_sentences(doc.doc_id, text, language, title=clean_text(doc.title) if doc.title else None)
    spans = language_spans(text, default=language)
    if len(spans) > 1:
        starts = [span.start for span in spans]
        for sentence in sentences:
            sentence.language = spans[bisect.bisect_right(starts, sentence.char_start) - 1].language
    return text, sentences


def normalize_batch(docs: list[Document]) -> list[tuple[Document, str, list[Sentence]]]:
    """normalize_document over a batch (a partition when run on a cluster)."""
    return [(doc, *normalize_document(doc)) for doc in docs]
