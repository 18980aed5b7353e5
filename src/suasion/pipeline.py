"""Wires the stages together in batches: documents in, (document, text, sentences, events) out."""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Iterator

from suasion.extract.coder import EventCoder
from suasion.model.errors import Problem
from suasion.model.records import Document, Event, Sentence
from suasion.normalize import normalize_document

Processed = tuple[Document, str, list[Sentence], list[Event]]
BATCH_SIZE = 64


def process_batch(documents: list[Document], coder: EventCoder | None = None) -> list[Processed]:
    """Normalise and code one batch of documents; a pure function of its input (safe on a cluster)."""
    coder = coder or EventCoder()
    processed: list[Processed] = []
    for doc in documents:
        text, sentences = normalize_document(doc)
        cleaned = replace(doc, text=text)
        processed.append((cleaned, text, sentences, coder.code_document(cleaned, sentences)))
    return processed


def batches(items: Iterable[Document | Problem], size: int = BATCH_SIZE
            ) -> Iterator[tuple[list[Document], list[Problem]]]:
    """Group a stream of documents and problems into batches without holding the stream in memory."""
    docs: list[Document] = []
    problems: list[Problem] = []
    for item in items:
        if isinstance(item, Problem):
            problems.append(item)
        else:
            docs.append(item)
        if len(docs) >= size or len(problems) >= size:
            yield docs, problems
            docs, problems = [], []
    if docs or problems:
        yield docs, problems


def run(items: Iterable[Document | Problem], size: int = BATCH_SIZE, scheduler: str | None = None,
        window: int = 8) -> Iterator[tuple[list[Processed], list[Problem]]]:
    """Process a document stream batch by batch, passing problems through in order.

    With `scheduler` (a Dask scheduler address, or "local" for a local cluster) the batches run on
    Dask workers, at most `window` batches in flight, and come back in input order: the results are
    the same as in-process because `process_batch` is a pure function of its batch.
    """
    if scheduler is None:
        coder = EventCoder()
        for docs, problems in batches(items, size):
            yield process_batch(docs, coder), problems
        return
    yield from _run_on_dask(items, size, scheduler, window)


def _run_on_dask(items: Iterable[Document | Problem], size: int, scheduler: str, window: int
                 ) -> Iterator[tuple[list[Processed], list[Problem]]]:
    from collections import deque

    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) \
        if scheduler == "local" else None
    client = Client(cluster if cluster is not None else scheduler)
    try:
        pending: deque = deque()
        for docs, problems in batches(items, size):
            pending.append((client.submit(process_batch, docs, pure=False), problems))
            if len(pending) >= window:
                future, waiting = pending.popleft()
                yield future.result(), waiting
        while pending:
            future, waiting = pending.popleft()
            yield future.result(), waiting
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
